// Gives the package's WebAssembly imports and exports short names, in the module and in
// wasm-bindgen's glue together.
//
//   node scripts/wasm-names.mjs MODULE.wasm GLUE.js
//
// Why: wasm-bindgen names each import after its Rust binding with a hash
// (`__wbg_instanceof_Object_67a83cdc00c5d141`) and each export after its class and method
// (`engine_checkPlacement`); the 47 imports and 52 exports spell 2.4 KB of names that only the
// glue reads, and that gzip can do little with (docs/decisions.md, "short import and export
// names"). Both files are rewritten in place: the import module `./credgate_bg.js` becomes
// `a`, every import and export but `memory` a name of one or two letters, in the order of the
// module's sections. The glue is the only reader of those names (js/*.js call the `Engine`
// class, never the module), and it names them in two forms only: `wasm.NAME` for an export,
// `NAME: function(` in `__wbg_get_imports` for an import. The script stops, and leaves both
// files as they were, if a name is left in the glue in any other form or is not found.
import { readFileSync, writeFileSync } from "node:fs";
import { WasmReader, encodeName, encodeUleb } from "./wasm-binary.mjs";

const [wasmPath, gluePath] = process.argv.slice(2);
if (!wasmPath || !gluePath) {
  console.error("usage: node scripts/wasm-names.mjs MODULE.wasm GLUE.js");
  process.exit(2);
}
const fail = (message) => {
  console.error(`wasm-names: ${message}`);
  process.exit(1);
};

const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, "utf8");

const reader = new WasmReader(wasm, wasmPath);

/** Short names: a..z, A..Z, then two letters; never one of `keep`. */
function* shortNames(keep) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (let n = 0; ; n++) {
    const name = n < letters.length ? letters[n] : letters[Math.floor(n / letters.length) - 1] + letters[n % letters.length];
    if (!keep.has(name)) yield name;
  }
}

const sections = reader.sections();

const MODULE = "./credgate_bg.js";
const renamedImports = new Map();
const renamedExports = new Map();
const rewritten = new Map(); // section id -> new contents

const importSection = sections.find((s) => s.id === 2);
if (importSection) {
  const names = shortNames(new Set());
  const entries = reader.imports(importSection);
  const out = [...encodeUleb(entries.length)];
  for (const { module, field, kind, desc, end } of entries) {
    if (module !== MODULE) fail(`${wasmPath}: an import from ${module}, not ${MODULE}`);
    if (kind !== 0) fail(`${wasmPath}: import ${field} is not a function`);
    const short = renamedImports.get(field) ?? names.next().value;
    renamedImports.set(field, short);
    out.push(...encodeName("a"), ...encodeName(short), ...wasm.subarray(desc, end));
  }
  rewritten.set(2, out);
}

const exports = sections.find((s) => s.id === 7);
if (exports) {
  const names = shortNames(new Set(["memory"]));
  let [count, pos] = reader.uleb(exports.start);
  const out = [...encodeUleb(count)];
  for (let i = 0; i < count; i++) {
    let name;
    [name, pos] = reader.name(pos);
    const descStart = pos;
    pos++; // kind
    [, pos] = reader.uleb(pos);
    const short = name === "memory" ? name : names.next().value;
    if (short !== name) renamedExports.set(name, short);
    out.push(...encodeName(short), ...wasm.subarray(descStart, pos));
  }
  rewritten.set(7, out);
}

// The glue: the module's key, then every import and export.
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const replaceAll = (pattern, to, what, required = true) => {
  let n = 0;
  glue = glue.replace(pattern, (...m) => {
    n++;
    return to(...m);
  });
  if (n === 0 && required) fail(`${gluePath}: ${what} not found`);
};
replaceAll(new RegExp(`"${escape(MODULE)}": import0,`, "g"), () => `"a": import0,`, `the import object's key ${MODULE}`);
for (const [name, short] of renamedImports) {
  replaceAll(new RegExp(`^( {8})${escape(name)}: function\\(`, "gm"), (_, indent) => `${indent}${short}: function(`, `import ${name}`);
}
for (const [name, short] of renamedExports) {
  // An export the glue never reads (wasm-bindgen's `__abort_handler` global) is renamed all the
  // same: nothing else reads the module's exports.
  replaceAll(new RegExp(`\\bwasm\\.${escape(name)}\\b`, "g"), () => `wasm.${short}`, `export ${name}`, false);
}
for (const name of [MODULE, ...renamedImports.keys(), ...renamedExports.keys()]) {
  if (new RegExp(`(^|[^A-Za-z0-9_$])${escape(name)}($|[^A-Za-z0-9_$])`).test(glue)) fail(`${gluePath}: ${name} is still named in another form`);
}

const parts = [wasm.subarray(0, 8)];
for (const s of sections) {
  const contents = rewritten.get(s.id);
  if (contents) parts.push(Buffer.from([s.id, ...encodeUleb(contents.length), ...contents]));
  else parts.push(wasm.subarray(s.header, s.end));
}
writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(gluePath, glue);
