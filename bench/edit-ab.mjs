// The §5 edits of bench/suite.mjs as an A/B of two packages in one Node.js process: 200 pairs
// that are ok and not assigned, each assigned (then unassigned, untimed), and 200 staffed
// shifts spread over the roster, each moved an hour later with an override (then back,
// untimed); rounds of each package alternate, timed in process CPU time; the best round of each
// is printed, in µs a call, with the count of edits applied and findings reported (the same for
// both packages when they agree).
//
//   node bench/edit-ab.mjs PKG_A PKG_B [DATA_DIR...]     (default: bench/out/data/x1 x1-s8)
import { readFileSync } from "node:fs";
import { twoPackages, cpu } from "./ab.mjs";

const { engines, datas, rounds: ROUNDS } = await twoPackages("edit-ab.mjs", 5);
const later = (t, h) => new Date(Date.parse(t) + h * 3600e3).toISOString().replace(".000Z", "Z");

for (const dir of datas) {
  const rosterText = readFileSync(`${dir}/roster.json`, "utf8"), credText = readFileSync(`${dir}/credentials.json`, "utf8");
  const roster = JSON.parse(rosterText);
  const loaded = engines.map((E) => E.load(rosterText, credText));
  const first = loaded[0];
  const eids = first.employeeIds(), sids = first.shiftIds();
  const pairs = [];
  for (let k = 0; pairs.length < 200 && k < 1e6; k++) {
    const e = (k * 37) % eids.length, s = (k * 101) % sids.length;
    if (first.statusAt(e, s) === 0 && !roster.shifts[s].assigned.includes(eids[e])) pairs.push([eids[e], sids[s]]);
  }
  const moves = [];
  for (let i = 0; moves.length < 200 && i < 200 * roster.shifts.length; i += 499) {
    const s = roster.shifts[i % roster.shifts.length];
    if (s.assigned.length) moves.push([s.id, later(s.start, 1), later(s.end, 1), s.start, s.end]);
  }
  const ov = { by: "bench", reason: "benchmark" };
  const best = loaded.map(() => ({ assign: Infinity, move: Infinity, seen: "" }));
  for (let r = 0; r < ROUNDS; r++) {
    loaded.forEach((engine, i) => {
      let ta = 0, tm = 0, applied = 0, findings = 0;
      for (const [e, s] of pairs) {
        const t0 = cpu();
        const res = engine.assign(e, s);
        ta += cpu() - t0;
        applied += res.applied ? 1 : 0;
        findings += res.created.length + res.cleared.length;
        if (res.applied) engine.unassign(e, s);
      }
      for (const [s, a, b, a0, b0] of moves) {
        const t0 = cpu();
        const res = engine.moveShift(s, a, b, ov);
        tm += cpu() - t0;
        applied += res.applied ? 1 : 0;
        findings += res.created.length + res.cleared.length;
        engine.moveShift(s, a0, b0, ov);
      }
      best[i].assign = Math.min(best[i].assign, (ta * 1e3) / pairs.length);
      best[i].move = Math.min(best[i].move, (tm * 1e3) / moves.length);
      best[i].seen = `${applied} applied, ${findings} findings`;
    });
  }
  const show = (b) => `assign ${b.assign.toFixed(1)} µs, moveShift ${b.move.toFixed(1)} µs (${b.seen})`;
  console.log(`${dir}: ${pairs.length} assigns, ${moves.length} moves; A ${show(best[0])}; B ${show(best[1])}`);
}
