// Loads the credgate package once. pkg/index.js is the package's browser entry: it compiles the
// WebAssembly beside it (top-level await) and exports the Engine. The path works both under
// scripts/serve.mjs (www/ at the root, the package at /pkg/) and when the repository root
// itself is served.
import * as credgate from "../../pkg/index.js";

let ready;
/** Resolves to the `Engine` class once the WebAssembly module is ready. */
export function loadEngine() {
  // A wasm-bindgen `--target web` module without the package's entry needs its init() first.
  ready ??= Promise.resolve(typeof credgate.default === "function" ? credgate.default() : undefined).then(() => credgate.Engine);
  return ready;
}
