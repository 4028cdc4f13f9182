#!/usr/bin/env node
// Prints the npm package's package.json: name, version, description and licence come from
// Cargo.toml's [package] table, so the crate and the package never disagree on a version.
// Used by scripts/build-pkg.sh; `node scripts/pkg-json.mjs > pkg/package.json`.
import { readFileSync } from "node:fs";

const toml = readFileSync(new URL("../Cargo.toml", import.meta.url), "utf8");
// The [package] table: from its header to the next table header.
const table = toml.split(/^\[package\]\s*$/m)[1]?.split(/^\[/m)[0] ?? "";
const field = (key) => {
  const m = table.match(new RegExp(`^${key}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`, "m"));
  if (!m) throw new Error(`Cargo.toml: [package] has no ${key}`);
  return m[1];
};

const pkg = {
  name: field("name"),
  version: field("version"),
  description: field("description"),
  license: field("license"),
  keywords: ["scheduling", "rostering", "credentials", "certification", "compliance", "webassembly"],
  type: "module",
  main: "./node.js",
  module: "./index.js",
  browser: "./index.js",
  types: "./index.d.ts",
  exports: {
    ".": {
      types: "./index.d.ts",
      node: "./node.js",
      browser: "./index.js",
      import: "./index.js",
      default: "./index.js",
    },
    // An Engine in a Web Worker (browsers): load without freezing the page, then snapshot.
    "./worker": { types: "./worker.d.ts", default: "./worker.js" },
    // Drag-and-drop adapters: they take the Engine.
    "./adapters/fullcalendar": { types: "./adapters/fullcalendar.d.ts", default: "./adapters/fullcalendar.js" },
    "./adapters/bryntum": { types: "./adapters/bryntum.d.ts", default: "./adapters/bryntum.js" },
    "./adapters/dnd": { types: "./adapters/dnd.d.ts", default: "./adapters/dnd.js" },
    "./credgate_bg.wasm": "./credgate_bg.wasm",
    "./package.json": "./package.json",
  },
  files: [
    "index.js",
    "node.js",
    "guard.js",
    "worker.js",
    "worker-script.js",
    "worker.d.ts",
    "credgate.js",
    "credgate.d.ts",
    "index.d.ts",
    "credgate_bg.wasm",
    // js/tape.js and js/args.js, which the WebAssembly imports (its results, Date arguments).
    "snippets/",
    "adapters/",
    "README.md",
    // docs/spec.md, the contract the README links (scripts/build-pkg.sh copies it).
    "spec.md",
    "LICENSE",
  ],
  sideEffects: ["./index.js", "./node.js"],
  engines: { node: ">=18" },
};

process.stdout.write(JSON.stringify(pkg, null, 2) + "\n");
