// The suite in Chromium: loaded by bench/browser.html, driven by bench/run.mjs.
// Query: ?data=out/data/x1&peers=plain,rules&quick=0&agreement=3000
import { runSuite } from "./suite.mjs";
import { PlainEngine } from "./peers/plain.mjs";
import { withEdits } from "./peers/plain-edits.mjs";
import { RulesEngine } from "./peers/rules.mjs";

const q = new URLSearchParams(location.search);
const pkg = q.get("pkg") ?? "/pkg";
const glue = await import(`${pkg}/credgate.js`);
const { guard } = await import(`${pkg}/guard.js`);
const init = glue.default;
const log = (line) => console.log(`[chromium ${q.get("data").split("/").pop()}] ${line}`);
try {
  // The package's Engine exactly as its browser entry builds it, keeping the exports.
  const wasm = await init({ module_or_path: new URL(`${pkg}/credgate_bg.wasm`, location.href) });
  const Engine = guard(glue);
  const available = {
    plain: { load: (r, c) => PlainEngine.load(r, c), edits: withEdits, async: false },
    rules: { load: (r, c) => RulesEngine.load(r, c), async: true },
  };
  const peers = Object.fromEntries((q.get("peers") ?? "").split(",").filter(Boolean).map((p) => [p, available[p]]));
  const [rosterText, credText] = await Promise.all(["roster", "credentials"].map((d) => fetch(`${q.get("data")}/${d}.json`).then((r) => r.text())));
  window.__benchResult = await runSuite({
    Engine,
    wasmMemory: () => wasm.memory.buffer.byteLength,
    peers,
    rosterText,
    credText,
    now: () => performance.now(),
    memory: null,
    gc: globalThis.gc ?? null,
    quick: q.get("quick") === "1",
    agreementLimit: Number(q.get("agreement") ?? 0),
    log,
  });
} catch (e) {
  window.__benchError = `${e.stack ?? e}`;
}
window.__benchDone = true;
