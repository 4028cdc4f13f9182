// Reads a result written by credgate's WebAssembly into plain objects, in one call.
//
// The format is src/wasm/tape.rs's (its module documentation is the reference): three buffers in
// the WebAssembly memory: `words` (the shape, one u32 an item: payload << 4 | op), `floats`
// (the numbers that are not 32-bit integers) and `text` (every string, UTF-8, decoded here
// once per result and sliced by UTF-16 lengths; a string the result already holds comes again
// by number, op 10). Object keys and enum names are atoms: sent
// with their text the first time (op 9), by number after that, so this module keeps the atom
// table of the WebAssembly instance whose memory it was given. The ids in verdicts (employees,
// shifts, codes, records...) come the same way, per engine: with their text the first time
// (op 12), then as a table and an index (op 11), so an id the page has seen is never decoded
// or allocated again; the WebAssembly says (flag 2) when another engine's ids begin. Verdicts,
// candidates, reasons and evidence come as shapes (op 13): which of a known list of keys are
// present, then their values, built here as object literals (src/verdict/write.rs's SHAPES is the
// list these builders must follow).
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
let u32 = null;
let f64 = null;
let u8 = null;
let atoms = [];
// The ids received, per table (src/verdict/write.rs's `table`), by index.
let ids = freshIds();

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
  u8 = null;
  atoms = [];
  ids = freshIds();
}

function freshIds() {
  const tables = [];
  for (let i = 0; i < 16; i++) tables.push([]);
  return tables;
}

/** Keeps id `s` at `index` of `table`, growing the table densely (never a sparse array). */
function keepId(table, index, s) {
  const list = ids[table];
  while (list.length < index) list.push("");
  if (list.length === index) list.push(s);
  else list[index] = s;
}

/**
 * Reads one result: `words`/`floats`/`text` are byte addresses in the memory, `nwords` and
 * `ntext` counts of u32 words and of UTF-8 bytes; `flags`: 1 when strings may come again
 * (op 10), 2 when the ids held so far were another engine's.
 */
export function readTape(words, nwords, floats, textAt, ntext, flags) {
  // A memory that grew detached its old buffer (length 0): cheaper to ask than memory.buffer.
  if (u8 === null || u8.byteLength === 0) {
    const buffer = memory.buffer;
    u32 = new Uint32Array(buffer);
    f64 = new Float64Array(buffer);
    u8 = new Uint8Array(buffer);
  }
  w = words >>> 2;
  f = floats >>> 3;
  numbered = (flags & 1) !== 0;
  if ((flags & 2) !== 0) ids = freshIds();
  t = 0;
  text = ntext === 0 ? "" : utf8.decode(u8.subarray(textAt, textAt + ntext));
  const end = w + nwords;
  const value = read();
  text = "";
  if (numbered) strs = [];
  if (w !== end) throw new Error(`credgate: a result was misread (${end - w} words left)`);
  return value;
}

// src/verdict/write.rs's SHAPES: the keys of each shape, in order, for the general case.
const SHAPES = [
  ["employeeId", "shiftId", "status", "reasons", "evidence"],
  ["employeeId", "name", "status", "assigned", "reasons", "evidence"],
  ["code", "credentialId", "waiverId"],
  ["kind", "severity", "code", "credentialId", "waiverId", "shiftId", "trainingId", "roleId", "at", "daysLeft",
    "jurisdiction", "restHours", "more", "message"],
];

// The next item when it is most likely an id the reader holds (op 11): one table read,
// without the general reader's dispatch.
function id() {
  const word = u32[w];
  if ((word & 15) === 11 && word >>> 4 !== BIG) {
    w++;
    const n = word >>> 4;
    return ids[n & 15][n >>> 4];
  }
  return read();
}

// An object of a known shape; `bits`: which of its keys are present. The usual combinations
// are object literals (one allocation with its final layout); properties are read in order.
function shaped(shape, bits) {
  switch (shape) {
    case 0:
      if (bits === 0b11111) return { employeeId: id(), shiftId: id(), status: read(), reasons: read(), evidence: read() };
      break;
    case 1:
      if (bits === 0b111111) {
        return { employeeId: id(), name: id(), status: read(), assigned: read(), reasons: read(), evidence: read() };
      }
      if (bits === 0b111101) return { employeeId: id(), status: read(), assigned: read(), reasons: read(), evidence: read() };
      break;
    case 2:
      if (bits === 0b011) return { code: id(), credentialId: id() };
      if (bits === 0b101) return { code: id(), waiverId: id() };
      break;
    case 3: {
      if ((bits & 0b10000000000011) !== 0b10000000000011) break;
      const o = { kind: read(), severity: read() };
      if (bits & 4) o.code = id();
      if (bits & 8) o.credentialId = id();
      if (bits & 16) o.waiverId = id();
      if (bits & 32) o.shiftId = id();
      if (bits & 64) o.trainingId = id();
      if (bits & 128) o.roleId = id();
      if (bits & 256) o.at = read();
      if (bits & 512) o.daysLeft = read();
      if (bits & 1024) o.jurisdiction = read();
      if (bits & 2048) o.restHours = read();
      if (bits & 4096) o.more = read();
      o.message = read();
      return o;
    }
  }
  const keys = SHAPES[shape];
  if (keys === undefined) throw new Error(`credgate: a result was misread (shape ${shape})`);
  const o = {};
  for (let i = 0; i < keys.length; i++) if (bits & (1 << i)) o[keys[i]] = read();
  return o;
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
    case 11:
      return ids[n & 15][n >>> 4];
    case 12: {
      const len = u32[w++];
      const s = text.slice(t, t + len);
      t += len;
      keepId(n & 15, n >>> 4, s);
      return s;
    }
    case 13:
      return shaped(n & 15, n >>> 4);
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
