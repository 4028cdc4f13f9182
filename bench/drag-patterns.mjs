// statusAt (and check) under the access patterns of a drag, beside the suite's cold sweep of
// assigned pairs:
//   node bench/drag-patterns.mjs [--pkg pkg] [--data bench/out/data/x1]
// Also the cost of the package's poisoned-instance guard on this path (guarded vs the raw glue).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const pkg = resolve(opt("--pkg", "pkg"));
const data = resolve(opt("--data", "bench/out/data/x1"));
const glue = await import(pathToFileURL(`${pkg}/credgate.js`).href);
glue.initSync({ module: readFileSync(`${pkg}/credgate_bg.wasm`) });
const rawStatusAt = glue.Engine.prototype.statusAt;
const { guard } = await import(pathToFileURL(`${pkg}/guard.js`).href);
const Engine = guard(glue);
const rosterText = readFileSync(`${data}/roster.json`, "utf8");
const engine = Engine.load(rosterText, readFileSync(`${data}/credentials.json`, "utf8"));
const roster = JSON.parse(rosterText);
const E = engine.employeeIds().length, S = engine.shiftIds().length;
// An employee's own row: their assigned shifts (the full evaluation, no early exit on role).
const e0 = engine.employeeIndex(roster.shifts[0].assigned[0]);
const own = roster.shifts.flatMap((s, i) => (s.assigned.includes(roster.shifts[0].assigned[0]) ? [i] : []));
const assigned = roster.shifts.flatMap((s, i) => s.assigned.map((e) => [engine.employeeIndex(e), i]));

function time(label, f, n = 1_000_000) {
  let best = Infinity, sink = 0;
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) sink += f(i);
    best = Math.min(best, ((performance.now() - t0) * 1e6) / n);
  }
  console.log(`${label.padEnd(64)} ${best.toFixed(0).padStart(5)} ns  ${(1e9 / best / 1e6).toFixed(1)} M/s${sink < 0 ? "!" : ""}`);
}
time("one shift over every employee (candidateStatuses' pattern)", (i) => engine.statusAt(i % E, 12345 % S));
time("one employee over their own assigned shifts", (i) => engine.statusAt(e0, own[i % own.length]));
time("one employee over consecutive shifts", (i) => engine.statusAt(e0, i % S));
time("every assigned pair in roster order (the suite's sweep)", (i) => { const [e, s] = assigned[i % assigned.length]; return engine.statusAt(e, s); });
time("the same, through the raw wasm-bindgen glue (no guard)", (i) => { const [e, s] = assigned[i % assigned.length]; return rawStatusAt.call(engine, e, s); });
// The full verdict of the target under the pointer: while a manager hovers along one employee's
// row, check is asked for that employee on neighbouring shifts (warm); the suite's sweep asks it
// for a different employee every call (cold).
const eids = engine.employeeIds(), sids = engine.shiftIds();
const e0id = eids[e0];
time("check: one employee along their row (hovering)", (i) => engine.check(e0id, sids[(12345 + (i % 50)) % S]).reasons.length, 100_000);
time("check: every assigned pair in roster order (the suite's sweep)", (i) => { const [e, s] = assigned[i % assigned.length]; return engine.check(eids[e], sids[s]).reasons.length; }, 100_000);
