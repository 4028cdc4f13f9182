// Lays out the functions of a WebAssembly module for gzip: the order of the code section's
// bodies chosen so that each body follows the ones deflate codes it best against.
//
//   node scripts/wasm-layout.mjs IN.wasm OUT.wasm WASM-OPT [FEATURE-FLAGS...]
//
// Why: deflate (gzip) finds repeats only within the last 32 KB it has read, and the compiler
// lays functions out by where they came from, not by what they look like. The same .wasm with
// its bodies in another order is the same program (every call, export and table entry is
// renumbered with it) and gzips several KB smaller (docs/decisions.md, "functions laid out
// for gzip"). Nothing in a body changes; the time to compile or run it does not move.
//
// How: a greedy chain. The bodies are sorted by their bytes (similar bodies near each other);
// the chain starts at the first, and each next body is, among the 300 unplaced ones nearest the
// last placed in that sort, the one whose deflated size after the last 32 KB of the chain is
// the smallest share of its deflated size alone, plus a little weight on the bytes saved. A
// chain is written as a name section (function i named by its place), and wasm-opt's
// --reorder-functions-by-name renumbers the module to it; the optimise and shrink levels are
// given so that wasm-opt's writer optimises its stack IR as the -Oz run before did (without
// them, ~0.6 KB larger), and the names are stripped again. Six weights make six chains
// (about 12 s each), and the module that gzips smallest is kept. Deterministic: the same
// module in gives the same module out.
import { execFileSync } from "node:child_process";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { deflateRawSync, gzipSync } from "node:zlib";
import { WasmReader, encodeName, encodeUleb } from "./wasm-binary.mjs";

const [input, output, wasmOpt, ...features] = process.argv.slice(2);
if (!input || !output || !wasmOpt) {
  console.error("usage: node scripts/wasm-layout.mjs IN.wasm OUT.wasm WASM-OPT [FEATURE-FLAGS...]");
  process.exit(2);
}

/** The candidates looked at for each place in the chain (more: slower, no smaller). */
const NEIGHBOURS = 300;
/** The weights of the bytes saved beside the share, one chain each (without them, the chain
 * takes a small body that the last 32 KB code well before a large one that they code a little
 * less well; which weight is best moves by a few hundred bytes with any change to the code). */
const WEIGHTS = [0.0001, 0.00015, 0.0002, 0.00025, 0.0003, 0.0005];
/** Deflate's window: what it can refer back to. */
const WINDOW = 32768;

const wasm = readFileSync(input);

const reader = new WasmReader(wasm, input);
const sections = reader.sections();
const section = (id) => sections.find((s) => s.id === id);

// Imported functions come first in the function index space.
const imported = reader.imports(section(2)).filter((i) => i.kind === 0).length;

const code = section(10);
if (!code) throw new Error(`${input}: no code section`);
const bodies = [];
{
  let [count, pos] = reader.uleb(code.start);
  for (let i = 0; i < count; i++) {
    let size;
    [size, pos] = reader.uleb(pos);
    bodies.push(wasm.subarray(pos, pos + size));
    pos += size;
  }
}

const alone = bodies.map((b) => deflateRawSync(b, { level: 9 }).length);
const sorted = bodies.map((_, i) => i).sort((a, b) => Buffer.compare(bodies[a], bodies[b]) || a - b);
const placeInSort = new Map(sorted.map((f, i) => [f, i]));

/** The chain for one weight of the bytes saved: the bodies' indexes in their new order. */
function chainFor(bytesWeight) {
  const placed = new Uint8Array(bodies.length);
  const chain = [];
  let tail = Buffer.alloc(0);
  for (let step = 0; step < sorted.length; step++) {
    let next = sorted[0];
    if (step > 0) {
      const at = placeInSort.get(chain[chain.length - 1]);
      const candidates = [];
      for (let d = 1; candidates.length < NEIGHBOURS && (at + d < sorted.length || at - d >= 0); d++) {
        if (at + d < sorted.length && !placed[sorted[at + d]]) candidates.push(sorted[at + d]);
        if (at - d >= 0 && !placed[sorted[at - d]]) candidates.push(sorted[at - d]);
      }
      let best = Infinity;
      for (const f of candidates) {
        const coded = deflateRawSync(bodies[f], { level: 9, dictionary: tail }).length;
        const score = coded / alone[f] + bytesWeight * (coded - alone[f]);
        if (score < best) {
          best = score;
          next = f;
        }
      }
    }
    placed[next] = 1;
    chain.push(next);
    tail = Buffer.concat([tail, bodies[next]]);
    tail = tail.subarray(Math.max(0, tail.length - WINDOW));
  }
  return chain;
}

// A name section naming every function by its place: imports "i00000"..., bodies "f00000"...
// Any name section already there goes: wasm-opt would read the first.
const isNames = (s) => s.id === 0 && reader.name(s.start)[0] === "name";
const kept = sections.filter((s) => !isNames(s)).map((s) => wasm.subarray(s.header, s.end));

/** The module laid out as `chain` says, written to `path` by wasm-opt. */
function writeLaidOut(chain, path) {
  const names = new Array(imported + bodies.length);
  for (let i = 0; i < imported; i++) names[i] = `i${String(i).padStart(6, "0")}`;
  chain.forEach((f, place) => {
    names[imported + f] = `f${String(place).padStart(6, "0")}`;
  });
  const map = [...encodeUleb(names.length)];
  names.forEach((name, index) => map.push(...encodeUleb(index), ...encodeName(name)));
  const payload = [...encodeName("name"), 1, ...encodeUleb(map.length), ...map];
  const named = Buffer.concat([wasm.subarray(0, 8), ...kept, Buffer.from([0, ...encodeUleb(payload.length), ...payload])]);
  const namedPath = `${path}.named`;
  writeFileSync(namedPath, named);
  try {
    execFileSync(wasmOpt, [namedPath, ...features, "--reorder-functions-by-name", "--optimize-level=2", "--shrink-level=2",
      "--strip-debug", "--strip-producers", "--strip-target-features", "-o", path], { stdio: "inherit" });
  } finally {
    rmSync(namedPath, { force: true });
  }
}

// One chain per weight; the one whose module gzips smallest is kept (the first on a tie).
let bestSize = Infinity;
WEIGHTS.forEach((weight, k) => {
  const path = `${output}.try${k}`;
  writeLaidOut(chainFor(weight), path);
  const size = gzipSync(readFileSync(path), { level: 9 }).length;
  if (size < bestSize) {
    bestSize = size;
    renameSync(path, output);
  } else {
    rmSync(path, { force: true });
  }
});
