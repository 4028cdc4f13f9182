// Reads a result written by credgate's WebAssembly into plain objects, in one call.
//
// The format is src/tape.rs's (its module documentation is the reference): three buffers in
// the WebAssembly memory: `words` (the shape, one u32 an item: payload << 4 | op), `floats`
// (the numbers that are not 32-bit integers) and `text` (every string, UTF-8, decoded here
// once per result and sliced by UTF-16 lengths; a string the result already holds comes again
// by number, op 10). Object keys and enum names are atoms: sent
// with their text the first time (op 9), by number after that, so this module keeps the atom
// table of the WebAssembly instance whose memory it was given.
//
// The other way, `writeText` writes a document's text into the memory for `Engine.load`, with
// one `TextEncoder.encodeInto` (wasm-bindgen's own string passing copies ASCII text one
// character at a time in JavaScript: about a sixth of loading SPEC §5's documents).
//
// The WebAssembly imports this module (wasm-bindgen copies it into the package's snippets/);
// it is not part of the package's API.

const BIG = (1 << 28) - 1;
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
const encoder = new TextEncoder();

let memory = null;
let buffer = null;
let u32 = null;
let f64 = null;
let u8 = null;
let atoms = [];

// The reading position, shared by the recursive reader.
let w = 0;
let f = 0;
let t = 0;
let text = "";
// This result's strings (op 5), by number, for op 10.
let strs = [];
let numbered = false;

/** Called by the WebAssembly once per instance (and again after a reset): a new atom table. */
export function tapeMemory(mem) {
  memory = mem;
  buffer = null;
  atoms = [];
}

/**
 * Reads one result: `words`/`floats`/`text` are byte addresses in the memory, `nwords` and
 * `ntext` counts of u32 words and of UTF-8 bytes; `bulk` when strings may come again (op 10).
 */
export function readTape(words, nwords, floats, textAt, ntext, bulk) {
  if (memory.buffer !== buffer) {
    buffer = memory.buffer;
    u32 = new Uint32Array(buffer);
    f64 = new Float64Array(buffer);
    u8 = new Uint8Array(buffer);
  }
  w = words >>> 2;
  f = floats >>> 3;
  numbered = bulk;
  t = 0;
  text = ntext === 0 ? "" : utf8.decode(u8.subarray(textAt, textAt + ntext));
  const end = w + nwords;
  const value = read();
  text = "";
  if (numbered) strs = [];
  if (w !== end) throw new Error(`credgate: a result was misread (${end - w} words left)`);
  return value;
}

function read() {
  const word = u32[w++];
  let n = word >>> 4;
  if (n === BIG) n = u32[w++];
  switch (word & 15) {
    case 0:
      return null;
    case 1:
      return false;
    case 2:
      return true;
    case 3:
      return u32[w++] | 0;
    case 4:
      return f64[f++];
    case 5: {
      const s = text.slice(t, t + n);
      t += n;
      if (numbered) strs.push(s);
      return s;
    }
    case 6:
      return atoms[n];
    case 7: {
      const a = [];
      for (let i = 0; i < n; i++) a.push(read());
      return a;
    }
    case 8: {
      const o = {};
      for (let i = 0; i < n; i++) {
        const k = read();
        const v = read();
        // A key from the documents (an id) may be "__proto__": an own property, as JSON.parse
        // makes it, never the prototype.
        if (k === "__proto__") Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
        else o[k] = v;
      }
      return o;
    }
    case 9: {
      const s = text.slice(t, t + n);
      t += n;
      atoms.push(s);
      return s;
    }
    case 10:
      return strs[n];
    default:
      throw new Error(`credgate: a result was misread (op ${word & 15})`);
  }
}

/**
 * Writes `s` from its UTF-16 unit `from` as UTF-8 into `mem` at byte address `at`, as much as
 * fits in `room` bytes (at most 2^26): returns the units read times 2^26 plus the bytes written.
 */
export function writeText(mem, s, from, at, room) {
  const view = new Uint8Array(mem.buffer, at, room);
  const { read, written } = encoder.encodeInto(from === 0 ? s : s.slice(from), view);
  return read * 67108864 + written;
}
