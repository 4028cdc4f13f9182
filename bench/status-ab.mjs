// The status-only path of bench/suite.mjs as an A/B of two packages in one Node.js process:
// `engine.statusAt(e, s)` over every assigned pair in roster order (cache-cold employees), then
// a seeded sample of other pairs, as the suite builds them; rounds of each package alternate, so
// that both see the same machine, timed in process CPU time (a shared machine's descheduled
// time left out); the best round of each is printed, in ns a call and calls a second.
//
//   node bench/status-ab.mjs PKG_A PKG_B [DATA_DIR...]     (default: bench/out/data/x1 x1-s8)
//
// The data sets come from `node bench/generate.mjs` (`--s8` for SPEC §8's events and limits);
// `node bench/run.mjs --scales 1 --s8 ...` generates both.
import { readFileSync } from "node:fs";
import { twoPackages, cpu } from "./ab.mjs";
import { statusPairs } from "./suite.mjs";

const { engines, datas, rounds: ROUNDS } = await twoPackages("status-ab.mjs", 7);

let sink = 0;
for (const dir of datas) {
  const rosterText = readFileSync(`${dir}/roster.json`, "utf8"), credText = readFileSync(`${dir}/credentials.json`, "utf8");
  const loaded = engines.map((E) => E.load(rosterText, credText));
  const roster = JSON.parse(rosterText);
  const { pairs, assigned } = statusPairs(loaded[0], roster, 5000);
  const N = pairs.length, pe = new Uint32Array(N), ps = new Uint32Array(N);
  pairs.forEach(([e, s], i) => { pe[i] = e; ps[i] = s; });
  // Both packages must answer alike.
  let differences = 0;
  for (let i = 0; i < N; i++) if (loaded[0].statusAt(pe[i], ps[i]) !== loaded[1].statusAt(pe[i], ps[i])) differences++;
  const best = [Infinity, Infinity];
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < 2; k++) {
      const engine = loaded[(r + k) % 2];
      const t0 = cpu();
      for (let i = 0; i < N; i++) sink += engine.statusAt(pe[i], ps[i]);
      const ns = ((cpu() - t0) * 1e6) / N;
      best[(r + k) % 2] = Math.min(best[(r + k) % 2], ns);
    }
  }
  const show = (ns) => `${ns.toFixed(0)} ns (${(1e3 / ns).toFixed(2)} M/s)`;
  console.log(`${dir}: ${N} pairs (${assigned.length} assigned), ${differences} differences; statusAt A ${show(best[0])}, B ${show(best[1])}; B/A time ${(best[1] / best[0]).toFixed(2)}`);
  loaded.forEach((x) => x.free());
}
if (sink === 0.5) console.log(sink);
