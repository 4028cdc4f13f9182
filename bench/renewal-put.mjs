// SPEC §9's renewal `put` (a renewed credential for a person with 60 assigned shifts, ≤ 1 ms),
// the case of bench/suite.mjs's live section alone, in one Node.js session per package, for an
// A/B of two builds (BENCHMARKS.md, "The renewal put"):
//
//   node bench/generate.mjs --seed 1 --scale 1 --s8 --out bench/out/data/x1-s8   # once
//   node bench/renewal-put.mjs PKG_DIR bench/out/data/x1-s8 [ROUNDS]
//
// As the suite: the employee with the most shifts, topped up to 60 with shifts they are not on
// (overridden), a validation kept (validate() once), then rounds of 100 puts of a new record of
// a code they hold, each taken back by undo() (untimed). Prints the best round's mean, and
// `examples/renewal.rs` times the same natively.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { renewalCase } from "./suite.mjs";
const [pkg = "pkg", data = "bench/out/data/x1-s8", roundsArg = "5"] = process.argv.slice(2);
const { Engine } = await import(pathToFileURL(resolve(pkg, "node.js")).href);
const rosterText = readFileSync(`${data}/roster.json`, "utf8");
const credText = readFileSync(`${data}/credentials.json`, "utf8");
const engine = Engine.load(rosterText, credText);
const roster = JSON.parse(rosterText);
const ov = { override: { by: "bench", reason: "benchmark", at: "2027-01-01T00:00:00Z" } };
const { who, theirs, codes, record } = renewalCase(engine, roster, credText, ov);
engine.validate();
const now = () => performance.now();
let best = Infinity;
for (let r = 0; r < Number(roundsArg); r++) {
  let t = 0;
  for (let i = 0; i < 100; i++) {
    const t0 = now();
    const res = engine.apply([{ op: "put", collection: "credentials", record: record(i) }]);
    t += now() - t0;
    if (!res.applied) throw new Error(`the renewal was not applied: ${JSON.stringify(res.errors)}`);
    engine.undo();
  }
  best = Math.min(best, t / 100);
}
console.log(`put renewal (${who}, ${theirs.size} shifts, ${codes.length} codes): ${(best * 1000).toFixed(1)} µs (best round of ${roundsArg} × 100)`);
