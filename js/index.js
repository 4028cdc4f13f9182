// credgate for browsers and bundlers: fetches and compiles the WebAssembly next to this file
// (top-level await), then exports the guarded Engine. Node.js gets ./node.js instead (the
// package's "node" export condition), which reads the file synchronously.
import init, * as glue from "./credgate.js";
import { guard } from "./guard.js";

await init({ module_or_path: new URL("./credgate_bg.wasm", import.meta.url) });

export const Engine = guard(glue);
