// A one-op `put` of an event on a loaded engine (SPEC §6, §9: a learning system logging a
// resuscitation or simulator hours while managers edit), each put undone untimed:
//
//   node bench/run.mjs --scales 1 --s8 --no-browser --peers plain   # generates x1-s8, once
//   node bench/event-put.mjs [PKG_DIR] [bench/out/data/x1-s8] [N]
//
// Puts N new events (copies of the document's, spread over its employees and kinds) one at a
// time through `apply`, and prints the median and best time of the put with its changes.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pkg = "pkg", dir = "bench/out/data/x1-s8", n = "21"] = process.argv.slice(2);
const { Engine } = await import(pathToFileURL(resolve(pkg, "node.js")).href);
const rosterText = readFileSync(`${dir}/roster.json`, "utf8"), credText = readFileSync(`${dir}/credentials.json`, "utf8");
const engine = Engine.load(rosterText, credText);
engine.validate();
const events = JSON.parse(credText).events ?? [];
if (!events.length) throw new Error(`${dir} has no events: generate it with --s8`);
const now = () => performance.now();
const times = [];
for (let i = 0; i < Number(n); i++) {
  const record = { ...events[(i * 997) % events.length], id: `bench-event-${i}` };
  const t0 = now();
  const res = engine.apply([{ op: "put", collection: "events", record }]);
  times.push(now() - t0);
  if (!res.applied) throw new Error(`the put was not applied: ${JSON.stringify(res.errors)}`);
  engine.undo();
}
times.sort((a, b) => a - b);
console.log(`${dir}: ${events.length} events; a one-op put of an event: median ${times[times.length >> 1].toFixed(3)} ms, best ${times[0].toFixed(3)} ms (n=${times.length})`);
