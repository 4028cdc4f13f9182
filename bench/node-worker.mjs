// One data set in one fresh Node.js process (so that the peers' memory is measured alone):
//   node --expose-gc bench/node-worker.mjs --data DIR [--pkg pkg] [--peers plain,rules] [--quick]
// Prints the suite's results as JSON on stdout; progress on stderr.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { runSuite } from "./suite.mjs";
import { PlainEngine } from "./peers/plain.mjs";
import { withEdits } from "./peers/plain-edits.mjs";
import { RulesEngine } from "./peers/rules.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const data = resolve(opt("--data", "bench/data/x1"));
const pkg = resolve(opt("--pkg", "pkg"));
const peerList = opt("--peers", "plain,rules").split(",").filter(Boolean);
const quick = args.includes("--quick");

// The package's Engine exactly as its Node.js entry builds it, keeping the instance's exports
// so that the WebAssembly memory can be read.
const glue = await import(pathToFileURL(`${pkg}/credgate.js`).href);
const { guard } = await import(pathToFileURL(`${pkg}/guard.js`).href);
const wasm = glue.initSync({ module: readFileSync(`${pkg}/credgate_bg.wasm`) });
const Engine = guard(glue);

const available = {
  plain: { load: (r, c) => PlainEngine.load(r, c), edits: withEdits, async: false },
  rules: { load: (r, c) => RulesEngine.load(r, c), async: true },
};
const peers = Object.fromEntries(peerList.map((p) => [p, available[p]]));
const result = await runSuite({
  Engine,
  wasmMemory: () => wasm.memory.buffer.byteLength,
  peers,
  rosterText: readFileSync(`${data}/roster.json`, "utf8"),
  credText: readFileSync(`${data}/credentials.json`, "utf8"),
  now: () => performance.now(),
  memory: () => process.memoryUsage().rss,
  gc: globalThis.gc ?? null,
  quick,
  agreementLimit: Number(opt("--agreement-limit", 0)) || 0,
  log: (line) => process.stderr.write(`  [node ${data.split("/").pop()}] ${line}\n`),
});
process.stdout.write(JSON.stringify(result) + "\n");
