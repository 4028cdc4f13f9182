// Micro-measurements of the built package on the sample documents (not a test, not the SPEC §5
// benchmark, which runs on the large generated data set): the boundary costs that decide how
// the façade passes things. Run: node js-tests/measure.mjs [pkg-dir]
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const dir = resolve(process.argv[2] ?? "pkg");
const { Engine } = await import(pathToFileURL(`${dir}/node.js`).href);
const rosterText = readFileSync("www/data/roster.json", "utf8");
const credText = readFileSync("www/data/credentials.json", "utf8");

// The best of five rounds: this machine is shared, and the minimum is the least disturbed.
function time(label, n, f) {
  for (let i = 0; i < Math.min(n, 1000); i++) f(i); // warm up
  let ns = Infinity;
  for (let round = 0; round < 5; round++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) f(i);
    ns = Math.min(ns, Number(process.hrtime.bigint() - t0) / n);
  }
  const per = ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`;
  console.log(`${label.padEnd(44)} ${per.padStart(10)} per call`);
  return ns;
}

const roster = JSON.parse(rosterText);
const creds = JSON.parse(credText);
const engine = Engine.load(rosterText, credText);
const E = engine.employeeIds().length, S = engine.shiftIds().length;
console.log(`sample: ${E} employees, ${S} shifts, ${rosterText.length + credText.length} bytes of JSON`);
const parse = time("JSON.parse of both documents", 100, () => { JSON.parse(rosterText); JSON.parse(credText); });
const text = time("Engine.load(text, text)", 50, () => Engine.load(rosterText, credText).free());
const obj = time("Engine.load(object, object)", 50, () => Engine.load(roster, creds).free());
console.log(`  load/parse ratio: text ${(text / parse).toFixed(2)}, objects ${(obj / parse).toFixed(2)} (objects include JSON.stringify)`);
let sink = 0;
time("statusAt(e, s)", 1_000_000, (i) => { sink += engine.statusAt(i % E, i % S); });
const eids = engine.employeeIds(), sids = engine.shiftIds();
time("check(employeeId, shiftId)", 20_000, (i) => { sink += engine.check(eids[i % E], sids[i % S]).reasons.length; });
time("candidateStatuses(shiftId)", 20_000, (i) => { sink += engine.candidateStatuses(sids[i % S])[0]; });
time("candidates(shiftId)", 1_000, (i) => { sink += engine.candidates(sids[i % S]).length; });
const sh = roster.shifts[3];
const placement = { start: sh.start, end: sh.end, locationId: sh.locationId, roleId: sh.roleId };
time("checkPlacement(id, placement, {ignoreShiftId})", 10_000, (i) => { sink += engine.checkPlacement(eids[i % E], placement, { ignoreShiftId: sh.id }).reasons.length; });
time("validate()", 300, () => { sink += engine.validate().verdicts.length; });
time("export()", 100, () => { sink += engine.export().roster.shifts.length; });
time("assign + unassign (ok pair)", 5_000, () => {
  sink += engine.unassign(sh.assigned[0], sh.id).created.length;
  sink += engine.assign(sh.assigned[0], sh.id).created.length;
});
if (sink === -1) console.log(sink);
