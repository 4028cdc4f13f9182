// `validate()` right after an edit, in one Node.js session per package, for an A/B of two builds
// (BENCHMARKS.md, "validate sends what changed"):
//
//   node bench/generate.mjs --seed 1 --scale 1 --out bench/out/data/x1   # once
//   node bench/validate-after-edit.mjs PKG_DIR bench/out/data/x1
//
// Loads the data set, times the first validate() and four more with nothing changed, then 20
// times: an assign of an ok pair applied (untimed), validate() timed, the assign undone
// (untimed), validate() timed; last a rename of an employee (a put), validate() timed.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
const [pkg = "pkg", data = "bench/out/data/x1"] = process.argv.slice(2);
const { Engine } = await import(pathToFileURL(resolve(pkg, "node.js")).href);
const roster = readFileSync(`${data}/roster.json`, "utf8");
const creds = readFileSync(`${data}/credentials.json`, "utf8");
const engine = Engine.load(roster, creds);
const now = () => performance.now();
let t0 = now(); let v = engine.validate(); console.log(`first validate ${(now() - t0).toFixed(1)} ms, ${v.verdicts.length} verdicts`);
for (let k = 0; k < 4; k++) { t0 = now(); v = engine.validate(); console.log(`validate, nothing changed ${(now() - t0).toFixed(2)} ms`); }
const r = JSON.parse(roster);
const eids = engine.employeeIds(); const sids = engine.shiftIds();
const pairs = [];
for (let k = 0; pairs.length < 20 && k < 100000; k++) {
  const e = eids[(k * 7919) % eids.length], s = sids[(k * 104729) % sids.length];
  if (engine.statusAt(engine.employeeIndex(e), engine.shiftIndex(s)) === 0) pairs.push([e, s]);
}
const times = [], after = [];
for (const [e, s] of pairs) {
  const res = engine.apply([{ op: "assign", employeeId: e, shiftId: s }]);
  t0 = now(); const v = engine.validate(); times.push(now() - t0);
  if (!v.verdicts.length) throw new Error("nothing");
  if (res.applied) { engine.undo(); t0 = now(); engine.validate(); after.push(now() - t0); }
}
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(`validate after a one-op assign: median ${med(times).toFixed(2)} ms, best ${Math.min(...times).toFixed(2)} ms (n=${times.length})`);
console.log(`validate after its undo: median ${med(after).toFixed(2)} ms, best ${Math.min(...after).toFixed(2)} ms`);
// A put of an employee (rename) then validate
const emp = r.employees[0];
engine.apply([{ op: "put", collection: "employees", record: { ...emp, name: (emp.name ?? "x") + " Jr." } }]);
t0 = now(); engine.validate(); console.log(`validate after an employee rename ${(now() - t0).toFixed(2)} ms`);
