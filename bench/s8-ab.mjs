// SPEC §9's §8 rows as an A/B in one Node.js process: SPEC §5's data set without and with §8's
// currency rules, events and limits (bench/generate.mjs --s8), loaded side by side, their
// operations timed in alternating rounds so that both see the same machine (BENCHMARKS.md).
//
//   node bench/run.mjs --scales 1 --s8 --no-browser --peers plain   # generates both, once
//   node bench/s8-ab.mjs [PKG_DIR] [bench/out/data/x1] [bench/out/data/x1-s8]
//
// Per data set: the first `validate()` after load; then, alternating A and B, rounds of
// 1,000,000 `statusAt` calls and 20,000 `check` calls on the same pairs (every assigned pair
// and random ones, by index: both sets have the same employees and shifts), and `validate()`
// right after a one-op assign (applied and undone untimed). The best round of each is printed.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pkg = "pkg", dataA = "bench/out/data/x1", dataB = "bench/out/data/x1-s8"] = process.argv.slice(2);
const { Engine } = await import(pathToFileURL(resolve(pkg, "node.js")).href);
const now = () => performance.now();
const ROUNDS = 5;

function open(dir) {
  const t0 = now();
  const engine = Engine.load(readFileSync(`${dir}/roster.json`, "utf8"), readFileSync(`${dir}/credentials.json`, "utf8"));
  const loadMs = now() - t0;
  const t1 = now();
  const v = engine.validate();
  return { dir, engine, loadMs, firstValidateMs: now() - t1, verdicts: v.verdicts.length, status: { best: Infinity }, check: { best: Infinity }, edit: [] };
}
const sets = [open(dataA), open(dataB)];
for (const s of sets) console.log(`${s.dir}: load ${s.loadMs.toFixed(0)} ms, first validate ${s.firstValidateMs.toFixed(1)} ms, ${s.verdicts} verdicts`);

// The same pairs for both: seeded, by index.
const E = sets[0].engine.employeeIds().length, S = sets[0].engine.shiftIds().length;
let seed = 20270201;
const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
const N = 65536;
const pe = new Uint32Array(N), ps = new Uint32Array(N);
for (let i = 0; i < N; i++) { pe[i] = Math.floor(random() * E); ps[i] = Math.floor(random() * S); }
const eids = sets[0].engine.employeeIds(), sids = sets[0].engine.shiftIds();
// Pairs that are ok in both, for the one-op edit.
const okPairs = [];
for (let i = 0; okPairs.length < ROUNDS * 4 && i < N; i++) {
  if (sets.every((s) => s.engine.statusAt(pe[i], ps[i]) === 0)) okPairs.push([eids[pe[i]], sids[ps[i]]]);
}

let sink = 0;
for (let round = 0; round < ROUNDS; round++) {
  for (const s of sets) {
    const e = s.engine;
    let t0 = now();
    for (let i = 0; i < 1_000_000; i++) sink += e.statusAt(pe[i & (N - 1)], ps[i & (N - 1)]);
    s.status.best = Math.min(s.status.best, (now() - t0) / 1_000_000);
    t0 = now();
    for (let i = 0; i < 20_000; i++) sink += e.check(eids[pe[i & (N - 1)]], sids[ps[i & (N - 1)]]).reasons.length;
    s.check.best = Math.min(s.check.best, (now() - t0) / 20_000);
    for (const [emp, shift] of okPairs.slice(round * 4, round * 4 + 4)) {
      const res = e.apply([{ op: "assign", employeeId: emp, shiftId: shift }]);
      t0 = now();
      sink += e.validate().verdicts.length;
      s.edit.push(now() - t0);
      if (res.applied) e.undo();
      e.validate();
    }
  }
}
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const s of sets) {
  console.log(`${s.dir}: statusAt ${(1e3 / s.status.best / 1e6).toFixed(2)} M calls/s, check ${(1e3 / s.check.best / 1e3).toFixed(0)} k calls/s (${(s.check.best * 1e3).toFixed(2)} µs), validate after a one-op edit median ${med(s.edit).toFixed(2)} ms (n=${s.edit.length})`);
}
if (sink === 0.5) console.log(sink);
