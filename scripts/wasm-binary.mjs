// Reading and writing the pieces of a WebAssembly module's binary that the package's
// post-link steps need (scripts/wasm-layout.mjs, scripts/wasm-names.mjs): LEB128 numbers,
// names, the sections and the count of imported functions. Nothing here knows instructions.

/** A module's bytes, read with errors that name the file. */
export class WasmReader {
  /** `bytes`: the module; `file`: its path, for messages. */
  constructor(bytes, file) {
    this.bytes = bytes;
    this.file = file;
  }

  /** Reads an unsigned LEB128 at `pos`: [value, position after it]. */
  uleb(pos) {
    const bytes = this.bytes;
    let value = 0;
    let shift = 0;
    let byte;
    do {
      if (pos >= bytes.length) throw new Error(`${this.file}: a number runs past the end`);
      byte = bytes[pos++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return [value, pos];
  }

  /** Reads a name (a byte count, then UTF-8) at `pos`: [text, position after it]. */
  name(pos) {
    const [len, at] = this.uleb(pos);
    return [this.bytes.toString("utf8", at, at + len), at + len];
  }

  /** The sections, in order: id, where its header starts, where its contents start and end. */
  sections() {
    const bytes = this.bytes;
    if (bytes.length < 8 || bytes.readUInt32LE(0) !== 0x6d736100) throw new Error(`${this.file}: not a WebAssembly module`);
    const sections = [];
    for (let pos = 8; pos < bytes.length; ) {
      const header = pos;
      const id = bytes[pos++];
      let size;
      [size, pos] = this.uleb(pos);
      sections.push({ id, header, start: pos, end: pos + size });
      pos += size;
    }
    return sections;
  }

  /** The import section's entries: module, field, kind, and where the entry's description
   * (after the kind byte's position) starts and ends. */
  imports(section) {
    const out = [];
    if (!section) return out;
    let [count, pos] = this.uleb(section.start);
    for (let i = 0; i < count; i++) {
      let module;
      let field;
      [module, pos] = this.name(pos);
      [field, pos] = this.name(pos);
      const desc = pos;
      const kind = this.bytes[pos++];
      if (kind === 0) {
        [, pos] = this.uleb(pos); // function: type index
      } else if (kind === 1 || kind === 2) {
        if (kind === 1) pos++; // table: element type
        const flags = this.bytes[pos++];
        [, pos] = this.uleb(pos);
        if (flags & 1) [, pos] = this.uleb(pos);
      } else if (kind === 3) {
        pos += 2; // global: value type, mutability
      } else {
        throw new Error(`${this.file}: an import of kind ${kind}, which this script does not know`);
      }
      out.push({ module, field, kind, desc, end: pos });
    }
    return out;
  }
}

/** An unsigned LEB128, as bytes. */
export function encodeUleb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

/** A name: its byte count, then UTF-8. */
export const encodeName = (s) => [...encodeUleb(Buffer.byteLength(s)), ...Buffer.from(s)];
