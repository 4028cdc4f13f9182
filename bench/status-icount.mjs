// The status-only path counted in instructions, not timed: for each package, Node.js runs
// under valgrind's callgrind twice, once loading the documents and once loading them and
// calling `engine.statusAt(e, s)` N times over the assigned pairs in roster order; the
// difference, divided by N, is what one call costs, in x86 instructions of the whole process
// (the JavaScript loop, the boundary, the WebAssembly as V8's optimising compiler made it).
// The same package and data give the same count to within a few instructions, however loaded
// the machine is, so two builds can be told apart by a few percent where timings on a shared
// machine differ by a third between runs (bench/status-ab.mjs times them). It is a proxy:
// cache misses, which an instruction count does not see, are a large part of a cold call.
//
//   node bench/status-icount.mjs PKG... [--data DIR]... [--calls N]
//
// Defaults: --calls 300000; the data sets bench/out/data/x0.1 and x0.1-s8 (500 employees, the
// same per-employee shape as SPEC §5's data set; made by bench/generate.mjs when missing).
// Needs valgrind (Debian's package) and takes about a minute a package and data set.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
if (process.argv[2] === "--child") {
  // The measured process: load, then `calls` statusAt calls.
  const [, pkg, dir, calls] = args;
  const { readFileSync } = await import("node:fs");
  const { Engine } = await import(join(pkg, "node.js"));
  const rosterText = readFileSync(join(dir, "roster.json"), "utf8");
  const engine = Engine.load(rosterText, readFileSync(join(dir, "credentials.json"), "utf8"));
  const pe = [], ps = [];
  JSON.parse(rosterText).shifts.forEach((s, si) => {
    for (const e of new Set(s.assigned ?? [])) {
      const ei = engine.employeeIndex(e);
      if (ei !== undefined) {
        pe.push(ei);
        ps.push(si);
      }
    }
  });
  let sink = 0;
  for (let i = 0, n = Number(calls); i < n; i++) sink += engine.statusAt(pe[i % pe.length], ps[i % pe.length]);
  process.stdout.write(`${pe.length} ${sink}\n`);
  process.exit(0);
}

const take = (name) => {
  const out = [];
  for (let i = args.indexOf(name); i >= 0; i = args.indexOf(name)) out.push(...args.splice(i, 2).slice(1));
  return out;
};
const calls = Number(take("--calls")[0] ?? 300000);
let datas = take("--data");
const pkgs = args.map((p) => resolve(p));
if (pkgs.length === 0) {
  console.error("usage: node bench/status-icount.mjs PKG... [--data DIR]... [--calls N]");
  process.exit(2);
}
if (datas.length === 0) {
  datas = [["x0.1", []], ["x0.1-s8", ["--s8"]]].map(([name, extra]) => {
    const dir = join(here, "out/data", name);
    if (!existsSync(join(dir, "roster.json"))) execFileSync(process.execPath, [join(here, "generate.mjs"), "--seed", "1", "--scale", "0.1", "--out", dir, ...extra], { stdio: "ignore" });
    return dir;
  });
}

// Instructions of one run: callgrind's total (`Collected`). V8 compiles the WebAssembly with
// its optimising tier alone (`--no-liftoff`) and on the main thread (`--single-threaded`), so
// that what is counted does not depend on when a background compile finished.
function collected(pkg, dir, n) {
  const r = spawnSync("valgrind", ["--tool=callgrind", "--smc-check=all-non-file", "--callgrind-out-file=/dev/null", process.execPath, "--no-liftoff", "--single-threaded", fileURLToPath(import.meta.url), "--child", pkg, resolve(dir), String(n)], { encoding: "utf8", maxBuffer: 1 << 26 });
  const m = /Collected : ([\d,]+)/.exec(r.stderr ?? "");
  if (r.status !== 0 || !m) throw new Error(`valgrind on ${pkg} ${dir} failed (is Debian's valgrind installed?):\n${r.stderr ?? r.error}`);
  return { total: Number(m[1].replaceAll(",", "")), out: r.stdout.trim() };
}

for (const dir of datas) {
  const rows = [];
  for (const pkg of pkgs) {
    const base = collected(pkg, dir, 0);
    const run = collected(pkg, dir, calls);
    const [pairs, sink] = run.out.split(" ");
    rows.push({ pkg, perCall: (run.total - base.total) / calls, pairs, sink });
  }
  for (const r of rows) {
    const ratio = rows[0].perCall ? ` (${(r.perCall / rows[0].perCall).toFixed(3)}× the first)` : "";
    console.log(`${dir}: ${r.pkg}: ${r.perCall.toFixed(0)} instructions a statusAt call over ${r.pairs} assigned pairs${r === rows[0] ? "" : ratio}; checksum ${r.sink}`);
  }
  if (new Set(rows.map((r) => r.sink)).size > 1) console.log(`${dir}: the packages answered differently (checksums differ)`);
}
