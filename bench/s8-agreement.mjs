// The plain-JavaScript peer against credgate on SPEC §9's data set for §8 (x1-s8), every
// assigned pair, twice: with the roster's `rules.limits` removed from the peer's copy (what
// this release of the engine judges: currency only) and as written. Until the engine reads
// `rules.limits`, every difference of the second count is an `overLimit`.
//
//   node --max-old-space-size=8192 bench/s8-agreement.mjs [PKG_DIR] [bench/out/data/x1-s8]
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { PlainEngine } from "./peers/plain.mjs";

const [pkg = "pkg", dir = "bench/out/data/x1-s8"] = process.argv.slice(2);
const { Engine } = await import(pathToFileURL(resolve(pkg, "node.js")).href);
const rosterText = readFileSync(`${dir}/roster.json`, "utf8");
const credText = readFileSync(`${dir}/credentials.json`, "utf8");
const roster = JSON.parse(rosterText);
const noLimits = JSON.parse(rosterText);
delete noLimits.rules.limits;
const engine = Engine.load(rosterText, credText);
const withLimits = PlainEngine.load(roster, JSON.parse(credText));
const without = PlainEngine.load(noLimits, JSON.parse(credText));
let pairs = 0, differWithout = 0, differWith = 0;
const examples = [];
for (const s of roster.shifts) {
  for (const e of new Set(s.assigned)) {
    pairs++;
    const mine = engine.check(e, s.id).status;
    const a = without.statusOf(e, s.id);
    if (a !== mine) {
      differWithout++;
      if (examples.length < 5) examples.push({ employeeId: e, shiftId: s.id, credgate: mine, plain: a });
    }
    if (withLimits.statusOf(e, s.id) !== mine) differWith++;
  }
}
const kinds = {};
for (const v of withLimits.validate().verdicts) for (const r of v.reasons) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
console.log(JSON.stringify({ pairs, differWithoutLimits: differWithout, differWithLimits: differWith, peerReasons: { notCurrent: kinds.notCurrent ?? 0, overLimit: kinds.overLimit ?? 0 }, examples }));
