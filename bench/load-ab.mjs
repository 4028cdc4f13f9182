// The loader's, the snapshot reader's and the ops' reading as an A/B of two packages in one
// Node.js process (BENCHMARKS.md, "Code written smaller, part 2"): `Engine.load` of the two
// documents' text, `Engine.fromSnapshot` of the same engine's snapshot, and `preview` of a
// batch of 2,000 operations that each fail to read (so that the batch's time is the ops'
// reading); rounds of each package alternate (which goes first alternates too), so that both
// see the same machine, timed in process CPU time (a shared machine's descheduled time left
// out); the best round of each is printed, with B ÷ A. `JSON.parse` of both texts is timed in
// the same rounds, for SPEC §5's ≤ 2× JSON.parse.
//
//   node bench/load-ab.mjs PKG_A PKG_B [DATA_DIR...]     (default: bench/out/data/x1 x1-s8)
//
// The data sets come from `node bench/generate.mjs` (`--s8` for SPEC §8's events and limits);
// `node bench/run.mjs --scales 1 --s8 ...` generates both. ROUNDS=n for more rounds (default 6).
import { readFileSync } from "node:fs";
import { twoPackages, cpu } from "./ab.mjs";

const { engines, datas, rounds: ROUNDS } = await twoPackages("load-ab.mjs", 6);
const time = (f) => { const t0 = cpu(); const r = f(); return [cpu() - t0, r]; };

let sink = 0;
for (const dir of datas) {
  const rosterText = readFileSync(`${dir}/roster.json`, "utf8"), credText = readFileSync(`${dir}/credentials.json`, "utf8");
  const snaps = engines.map((E) => { const e = E.load(rosterText, credText); const s = e.snapshot(); e.free(); return s; });
  // Both packages must write snapshots of the same length.
  // (The bytes differ from run to run: the id tables' hash keys are random.)
  const same = snaps[0].length === snaps[1].length;
  const sids = JSON.parse(rosterText).shifts.slice(0, 2000).map((s) => s.id);
  const ops = sids.map((id, i) => (i % 2 ? { op: "moveShift", shiftId: id, start: 7 } : { op: "asign", employeeId: "x", shiftId: id }));
  const best = { json: Infinity, load: [Infinity, Infinity], snap: [Infinity, Infinity], ops: [Infinity, Infinity] };
  for (let r = 0; r < ROUNDS; r++) {
    best.json = Math.min(best.json, time(() => JSON.parse(rosterText) && JSON.parse(credText))[0]);
    for (let k = 0; k < 2; k++) {
      const i = (r + k) % 2, E = engines[i];
      const [tl, e] = time(() => E.load(rosterText, credText));
      best.load[i] = Math.min(best.load[i], tl);
      const [to, res] = time(() => e.preview(ops));
      best.ops[i] = Math.min(best.ops[i], to);
      sink += res.errors.length;
      e.free();
      const [ts, f] = time(() => E.fromSnapshot(snaps[i]));
      best.snap[i] = Math.min(best.snap[i], ts);
      sink += f.employeeIds().length;
      f.free();
    }
  }
  const row = (name, [a, b]) => `  ${name.padEnd(13)} A ${a.toFixed(1).padStart(7)} ms  B ${b.toFixed(1).padStart(7)} ms  B/A ${(b / a).toFixed(3)}`;
  console.log(`${dir}: best of ${ROUNDS}, CPU time; the snapshots of ${same ? "the same length" : "DIFFERENT LENGTHS"}; JSON.parse ${best.json.toFixed(1)} ms`);
  console.log(row("load", best.load));
  console.log(`  load / JSON.parse: A ${(best.load[0] / best.json).toFixed(2)}, B ${(best.load[1] / best.json).toFixed(2)}`);
  console.log(row("fromSnapshot", best.snap));
  console.log(row("ops (2,000)", best.ops));
}
if (sink === 0.5) console.log(sink);
