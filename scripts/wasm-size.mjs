// Where the package's WebAssembly spends its bytes: `make size` (or `node scripts/wasm-size.mjs`
// after `make pkg`).
//
// The package's .wasm has no names, so this builds a second copy that keeps them: the same
// `target/wasm32-unknown-unknown/wasm-release/credgate.wasm` that `make pkg` left, through
// wasm-bindgen with `--keep-debug` and wasm-opt with the package's flags plus `-g`, into
// target/size/ (its code is the package's, byte for byte apart from the name section, before
// build-pkg.sh's last two steps: the functions' layout for gzip and the short import and
// export names, which change where the bodies are and what the names are, not the bodies).
// Then it prints:
//
//   1. the sections' sizes, raw and gzipped (the code and the data are what count);
//   2. the largest functions, by the size of their bodies;
//   3. the bytes by module path (`credgate::live`, `core::iter`, ...; `--depth N` for longer
//      paths, `--only PREFIX` to look inside one);
//   4. with `--exports`: the code each export reaches that no other export reaches (what
//      leaving it out would save), and the split between the code the hot exports reach (the
//      load, the per-drag path, the edits, snapshots: `HOT` below) and the code only the
//      tracking reports reach. Reachability is read from wasm-opt's call graph; functions
//      called through the table (`dyn` calls, function pointers) count as reached by every
//      export, so the exclusive figures are lower bounds.
//
// Sizes are of function bodies before gzip; gzip takes the whole module to ~43% of its size,
// so a function's share of the gzipped figure is roughly its share of the raw one.
//
//   node scripts/wasm-size.mjs [--top N] [--depth N] [--only PREFIX] [--exports] [--no-build] [FILE]
//
// FILE: a .wasm with a name section to read instead of building target/size/credgate_bg.wasm.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args.splice(i, 2)[1] : fallback;
};
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 && args.splice(i, 1).length > 0;
};
const top = Number(opt("--top", "40"));
const depth = Number(opt("--depth", "2"));
const only = opt("--only", "");
const exportsReport = flag("--exports");
const noBuild = flag("--no-build");

// The exports a page calls while it loads, drags, edits and hands an engine over: the rest
// (alerts, audit, gaps, holders, importCsv, planRenewals, reportHtml, standing, ...) are the
// tracking reports.
const HOT = /^engine_(load|statusAt|check|checkMove|checkMoved|checkPlacement|candidates|candidateStatuses|validate|assign|unassign|moveShift|apply|preview|undo|redo|snapshot|fromSnapshot|fromSnapshotInSteps|export|exportJson|restore|employeeIndex|shiftIndex|employeeIds|shiftIds|warnings|changeLog|overrides|assigned|free)$|^snapshotreader|^__wbg|^__wbindgen|^__externref/;

// The package's wasm-opt features and flags (scripts/build-pkg.sh), `-g` instead of stripping.
const FEATURES = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"];
const wasmOpt = join(root, "node_modules/.bin/wasm-opt");

function build() {
  const built = join(root, "target/wasm32-unknown-unknown/wasm-release/credgate.wasm");
  if (!existsSync(built)) throw new Error(`${built} is missing: run make pkg first`);
  const out = join(root, "target/size");
  mkdirSync(out, { recursive: true });
  execFileSync("wasm-bindgen", ["--target", "web", "--keep-debug", "--experimental-reset-state-function", "--out-name", "credgate", "--out-dir", out, built], { stdio: "inherit" });
  execFileSync(wasmOpt, [process.env.WASM_OPT ?? "-Oz", ...(process.env.WASM_OCIMFS === "none" ? [] : [`--one-caller-inline-max-function-size=${process.env.WASM_OCIMFS ?? 60}`]), "-g", ...FEATURES, "--low-memory-unused", "--strip-producers", "-o", join(out, "named.wasm"), join(out, "credgate_bg.wasm")], { stdio: "inherit" });
  return join(out, "named.wasm");
}

const file = args[0] ?? (noBuild ? join(root, "target/size/named.wasm") : build());
const buf = readFileSync(file);

// --- the module's sections, function bodies, names and exports ---------------------------------
let p = 8;
const leb = () => {
  let r = 0, s = 0, b;
  do {
    b = buf[p++];
    r += (b & 0x7f) * 2 ** s;
    s += 7;
  } while (b & 0x80);
  return r;
};
const name = (n) => buf.subarray(p, (p += n)).toString();
let imports = 0;
const bodies = [];
const names = new Map();
const exportList = [];
const sections = [];
const SECTION = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "data count"];
while (p < buf.length) {
  const id = buf[p++];
  const len = leb();
  const start = p, end = p + len;
  sections.push({ id, start, len });
  if (id === 2) {
    for (let i = 0, n = leb(); i < n; i++) {
      name(leb());
      name(leb());
      const kind = buf[p++];
      if (kind === 0) { leb(); imports++; }
      else if (kind === 1) { p++; const f = buf[p++]; leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = buf[p++]; leb(); if (f & 1) leb(); }
      else if (kind === 3) p += 2;
      else if (kind === 4) { p++; leb(); }
    }
  } else if (id === 7) {
    for (let i = 0, n = leb(); i < n; i++) {
      const nm = name(leb());
      const kind = buf[p++];
      const index = leb();
      if (kind === 0) exportList.push([nm, index]);
    }
  } else if (id === 10) {
    for (let i = 0, n = leb(); i < n; i++) {
      const l = leb();
      bodies.push(l);
      p += l;
    }
  } else if (id === 0 && name(leb()) === "name") {
    while (p < end) {
      const sub = buf[p++];
      const sl = leb();
      const subEnd = p + sl;
      if (sub === 1) for (let i = 0, n = leb(); i < n; i++) {
        const index = leb();
        names.set(index, name(leb()));
      }
      p = subEnd;
    }
  }
  p = end;
}
if (names.size === 0) throw new Error(`${file} has no function names (build it with make size)`);
const fns = bodies.map((size, i) => ({ name: names.get(i + imports) ?? `f${i + imports}`, size }));
const size = new Map(fns.map((f) => [f.name, f.size]));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const gz = (b) => gzipSync(b, { level: 9 }).length;

console.log(`${file}: ${buf.length} bytes (${gz(buf)} gzipped with its names; the package's has none)`);
for (const s of sections.filter((s) => s.id !== 0 && s.len > 1024)) {
  console.log(`  ${SECTION[s.id].padEnd(8)} ${String(s.len).padStart(7)} bytes, ${String(gz(buf.subarray(s.start, s.start + s.len))).padStart(7)} gzipped alone`);
}

// --- the largest functions, and bytes by module path --------------------------------------------
const key = (n) => {
  if (/^engine_|^snapshotreader_|^__wbg|^__wbindgen|^wasm_bindgen/.test(n)) return `shim ${n.split(" ")[0]}`;
  let s = n.replace(/^<+/, "").replace(/\[[0-9a-f]+\]/g, "");
  if (s.startsWith("impl ")) s = s.slice(5);
  return s.split(/::|<| as /).filter((x) => /^[a-z_][a-z_0-9]*$/.test(x)).slice(0, depth).join("::") || "other";
};
const chosen = fns.filter((f) => key(f.name).startsWith(only));
console.log(`\nThe ${top} largest functions${only ? ` under ${only}` : ""} (bytes of body):`);
for (const f of [...chosen].sort((a, b) => b.size - a.size).slice(0, top)) console.log(`${String(f.size).padStart(7)}  ${f.name.slice(0, 140)}`);
const groups = new Map();
for (const f of chosen) {
  const g = groups.get(key(f.name)) ?? { n: 0, bytes: 0 };
  g.n++;
  g.bytes += f.size;
  groups.set(key(f.name), g);
}
console.log(`\nBytes by module path (depth ${depth}): bytes, functions, path`);
for (const [k, g] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top)) console.log(`${String(g.bytes).padStart(7)} ${String(g.n).padStart(5)}  ${k}`);

// --- what each export reaches alone --------------------------------------------------------------
if (exportsReport) {
  const dot = execFileSync(wasmOpt, [file, ...FEATURES, "--print-call-graph", "-o", "/dev/null"], { maxBuffer: 1 << 28 }).toString();
  const edges = new Map();
  for (const m of dot.matchAll(/^\s*"([^"]+)" -> "([^"]+)"/gm)) {
    if (!edges.has(m[1])) edges.set(m[1], []);
    edges.get(m[1]).push(m[2]);
  }
  const table = [...dot.matchAll(/^\s*"([^"]+)" \[style="filled, rounded"/gm)].map((m) => m[1]);
  const reach = (from) => {
    const seen = new Set();
    const stack = [...from];
    while (stack.length) {
      const f = stack.pop();
      if (seen.has(f)) continue;
      seen.add(f);
      for (const g of edges.get(f) ?? []) stack.push(g);
    }
    return seen;
  };
  const bytes = (set) => [...set].reduce((s, f) => s + (size.get(f) ?? 0), 0);
  const exps = exportList.map(([nm, i]) => [nm, names.get(i)]).filter(([, f]) => f !== undefined && size.has(f));
  const all = reach([...exps.map((e) => e[1]), ...table]);
  const hot = reach([...exps.filter(([nm]) => HOT.test(nm)).map((e) => e[1]), ...table]);
  console.log(`\nCode reached: ${kb(bytes(all))}; by the hot exports (load, the per-drag path, the edits, snapshots) and the table: ${kb(bytes(hot))}; by the reports alone: ${kb(bytes(all) - bytes(hot))}`);
  console.log("Bytes reached by one export and no other (what leaving it out would save):");
  const rows = exps.map(([nm, f]) => {
    const others = reach([...exps.filter((e) => e[0] !== nm).map((e) => e[1]), ...table]);
    let alone = 0;
    for (const g of reach([f])) if (!others.has(g)) alone += size.get(g) ?? 0;
    return [nm, alone];
  });
  for (const [nm, alone] of rows.sort((a, b) => b[1] - a[1]).filter((r) => r[1] >= 256)) console.log(`${String(alone).padStart(7)}  ${nm}${HOT.test(nm) ? "" : "  (report)"}`);
  const hotGroups = new Map();
  for (const f of hot) hotGroups.set(key(f), (hotGroups.get(key(f)) ?? 0) + (size.get(f) ?? 0));
  console.log(`\nThe hot exports' code by module path (depth ${depth}):`);
  for (const [k, b] of [...hotGroups].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${String(b).padStart(7)}  ${k}`);
}
