#!/usr/bin/env node
// What a drag's validator costs (BENCHMARKS.md, "A drop's batch"): one call of `checkMoved`
// (the Bryntum validator's former path) against `preview` of the batch a drop applies (the
// adapters' path since a drop is one batch), on the SPEC §5 data set, in Node.js.
//
//   node bench/generate.mjs --seed 1 --scale 1 --out bench/out/data/x1   # once (make bench does it)
//   make pkg && node bench/drop-preview.mjs [bench/out/data/x1]
//
// Each figure is the best of 5 rounds of 2,000 calls (a different shift and person each call),
// after a warm-up round; nothing is asserted.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DATA = resolve(process.argv[2] ?? join(ROOT, "bench/out/data/x1"));
const { Engine } = await import(join(ROOT, "pkg/node.js"));
const read = (name) => JSON.parse(readFileSync(join(DATA, name), "utf8"));
const engine = Engine.load(read("roster.json"), read("credentials.json"));
const roster = engine.export().roster;
const employees = roster.employees.map((e) => e.id);
const later = (t, hours) => new Date(Date.parse(t) + hours * 3600e3).toISOString().replace(".000Z", "Z");
const drags = roster.shifts
  .filter((s) => (s.assigned ?? []).length > 0)
  .slice(0, 2000)
  .map((s, i) => ({ id: s.id, from: s.assigned[0], to: employees[(i * 7919) % employees.length], start: later(s.start, 1), end: later(s.end, 1) }));

const paths = {
  "checkMoved (one person at the new time)": (d) => engine.checkMoved(d.to, d.id, d.start, d.end),
  "preview([moveShift])": (d) => engine.preview([{ op: "moveShift", shiftId: d.id, start: d.start, end: d.end }]),
  "preview([assign, unassign])": (d) => engine.preview([{ op: "assign", employeeId: d.to, shiftId: d.id }, { op: "unassign", employeeId: d.from, shiftId: d.id }]),
  "preview([moveShift, assign, unassign])": (d) =>
    engine.preview([{ op: "moveShift", shiftId: d.id, start: d.start, end: d.end }, { op: "assign", employeeId: d.to, shiftId: d.id }, { op: "unassign", employeeId: d.from, shiftId: d.id }]),
};
for (const [name, f] of Object.entries(paths)) {
  drags.forEach(f);
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    drags.forEach(f);
    best = Math.min(best, (performance.now() - t0) / drags.length);
  }
  console.log(`${name}: ${(best * 1000).toFixed(0)} µs per call`);
}
