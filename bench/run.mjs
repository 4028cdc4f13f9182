#!/usr/bin/env node
// The SPEC §5 benchmark, in one run: `make bench` (or `node bench/run.mjs`).
//
//   1. generates the data sets (bench/generate.mjs, seed 1, scales 1, 2, 4, 8) into bench/out/data/
//      and checks that each loads with the native CLI (`target/release/credgate validate`);
//   2. imports INRC-II n120w8 (8 weeks) with `credgate import-inrc2` and, since no solution is
//      published for it, assigns nurses round-robin by skill (never twice on one day);
//   3. in Node.js: one fresh process per data set (bench/node-worker.mjs): credgate (the built
//      package in pkg/) beside the plain-JavaScript peer and the json-rules-engine peer, their
//      statuses checked against credgate's first, then every operation timed;
//   4. the same in headless Chromium (/usr/bin/chromium through playwright-core; never a
//      downloaded browser), the files served from this repository on localhost;
//   5. prints the tables and writes bench/out/results.json.
//
// Options: --scales 1,2,4,8   --seed 1   --no-browser   --no-inrc2   --peers plain,rules   --pkg pkg
//          --quick (a tiny data set and short rounds: the smoke run of `make test`)
//          --s8 (also the main scale with SPEC §8's currency rules, events and limits, as
//          "x1-s8", measured beside "x1" with the same peers: before and after in one run)
import { spawnSync, spawn } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "bench/out");
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const quick = args.includes("--quick");
const seed = Number(opt("--seed", 1));
const scales = quick ? [0.02] : opt("--scales", "1,2,4,8").split(",").map(Number);
const peers = opt("--peers", "plain,rules");
const browser = !args.includes("--no-browser");
const inrc2 = !args.includes("--no-inrc2") && !quick;
const s8 = args.includes("--s8");
const CLI = join(ROOT, "target/release/credgate");
// The built package to measure: pkg/ (make pkg), or a copy inside the repository (it is served).
const PKG = resolve(ROOT, opt("--pkg", "pkg"));
const say = (s) => process.stderr.write(`\x1b[1mbench:\x1b[0m ${s}\n`);

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 30, ...opts });
  if (r.error) throw r.error;
  return r;
}

// --- 1. data ------------------------------------------------------------------------------------

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run cargo build --release (make bench does)`);
if (!existsSync(join(PKG, "credgate_bg.wasm"))) throw new Error(`${PKG} has no credgate_bg.wasm: run make pkg (make bench does)`);
const generator = readFileSync(join(ROOT, "bench/generate.mjs"), "utf8");
const sets = [];
for (const [scale, withS8] of [...scales.map((x) => [x, false]), ...(s8 ? [[scales.includes(1) ? 1 : scales[0], true]] : [])]) {
  const dir = join(OUT, "data", `x${scale}${withS8 ? "-s8" : ""}`);
  const stamp = join(dir, "stamp.json");
  const key = JSON.stringify({ seed, scale, s8: withS8, generator: hash(generator) });
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== key) {
    say(`generating scale ${scale}${withS8 ? " with §8" : ""} (seed ${seed}) into ${dir}`);
    const g = run("node", ["bench/generate.mjs", "--seed", String(seed), "--scale", String(scale), "--out", dir, ...(withS8 ? ["--s8"] : [])]);
    if (g.status !== 0) throw new Error(g.stderr);
    const v = run(CLI, ["validate", "--roster", join(dir, "roster.json"), "--credentials", join(dir, "credentials.json")]);
    // 0: nothing blocks, 1: something blocks (expected: the data set has lapses); 2: not loadable.
    if (v.status !== 0 && v.status !== 1) throw new Error(`credgate validate refused the generated documents:\n${v.stderr}`);
    writeFileSync(join(dir, "summary.json"), g.stderr);
    writeFileSync(stamp, key);
  }
  sets.push({ name: `x${scale}${withS8 ? "-s8" : ""}`, dir, scale, s8: withS8, summary: JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) });
}

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16);
}

// --- 2. INRC-II n120w8 ----------------------------------------------------------------------------

let inrcSet = null;
if (inrc2) {
  const src = resolve(ROOT, "data/public-rosters/inrc2/n120w8");
  const dir = join(OUT, "data", "inrc2-n120w8");
  if (!existsSync(src)) {
    say(`skipping INRC-II: ${src} is not there`);
  } else {
    mkdirSync(dir, { recursive: true });
    const weeks = [0, 1, 2, 3, 4, 5, 6, 7].map((w) => join(src, `WD-n120w8-${w}.txt`));
    const imp = run(CLI, ["import-inrc2", "--scenario", join(src, "Sc-n120w8.txt"), "--week", ...weeks,
      "--out-roster", join(dir, "imported-roster.json"), "--out-credentials", join(dir, "credentials.json")]);
    if (imp.status !== 0) throw new Error(`import-inrc2 failed:\n${imp.stderr}`);
    const roster = JSON.parse(readFileSync(join(dir, "imported-roster.json"), "utf8"));
    const creds = JSON.parse(readFileSync(join(dir, "credentials.json"), "utf8"));
    roundRobin(roster, creds);
    writeFileSync(join(dir, "roster.json"), JSON.stringify(roster));
    const v = run(CLI, ["validate", "--roster", join(dir, "roster.json"), "--credentials", join(dir, "credentials.json")]);
    if (v.status !== 0 && v.status !== 1) throw new Error(`credgate validate refused the INRC-II roster:\n${v.stderr}`);
    inrcSet = { name: "inrc2-n120w8", dir, summary: { employees: roster.employees.length, shifts: roster.shifts.length, credentials: creds.credentials.length } };
  }
}

/**
 * No solution is published for n120w8: fill each one-person shift with the next nurse (in turn,
 * per skill) who holds the skill and does not work that day yet.
 */
function roundRobin(roster, creds) {
  const bySkill = new Map();
  for (const c of creds.credentials) {
    if (!bySkill.has(c.code)) bySkill.set(c.code, []);
    bySkill.get(c.code).push(c.employeeId);
  }
  const next = new Map();
  const busy = new Set();
  const shifts = [...roster.shifts].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  for (const s of shifts) {
    const skill = typeof s.requires === "string" ? s.requires : null;
    const pool = bySkill.get(skill) ?? roster.employees.map((e) => e.id);
    const day = s.start.slice(0, 10);
    let k = next.get(skill) ?? 0;
    for (let t = 0; t < pool.length; t++, k++) {
      const e = pool[k % pool.length];
      if (!busy.has(`${e} ${day}`)) {
        s.assigned = [e];
        busy.add(`${e} ${day}`);
        k++;
        break;
      }
    }
    next.set(skill, k % pool.length);
  }
}

// --- 3. Node.js -------------------------------------------------------------------------------------

const results = { node: {}, chromium: {}, sets: {} };
for (const s of [...sets, ...(inrcSet ? [inrcSet] : [])]) results.sets[s.name] = s.summary;

function nodeWorker(set, peerList) {
  return new Promise((resolveP, reject) => {
    say(`Node.js: ${set.name} (peers: ${peerList || "none"})`);
    const child = spawn("node", ["--expose-gc", "--max-old-space-size=8192", "bench/node-worker.mjs", "--data", set.dir, "--pkg", PKG, "--peers", peerList, ...(quick ? ["--quick"] : [])],
      { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("close", (code) => (code === 0 ? resolveP(JSON.parse(out)) : reject(new Error(`node-worker failed on ${set.name} (${code})`))));
  });
}

const main = sets.find((s) => s.scale === 1 && !s.s8) ?? sets[0];
const mainS8 = sets.find((s) => s.s8) ?? null;
results.node[main.name] = await nodeWorker(main, peers);
if (mainS8) results.node[mainS8.name] = await nodeWorker(mainS8, peers);
for (const s of sets) if (s !== main && s !== mainS8) results.node[s.name] = await nodeWorker(s, "");
if (inrcSet) results.node[inrcSet.name] = await nodeWorker(inrcSet, peers);

// --- 4. Chromium ------------------------------------------------------------------------------------

if (browser) {
  bundleRulesEngine(join(OUT, "json-rules-engine.mjs"));
  const server = await serve(ROOT);
  const port = server.address().port;
  const { chromium } = await import("playwright-core");
  const b = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--js-flags=--expose-gc", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  results.chromiumVersion = b.version();
  try {
    for (const set of [main, ...(mainS8 ? [mainS8] : []), ...(inrcSet ? [inrcSet] : [])]) {
      say(`Chromium: ${set.name}`);
      const page = await b.newPage();
      page.on("console", (m) => process.stderr.write(`  ${m.text()}\n`));
      page.on("pageerror", (e) => process.stderr.write(`  page error: ${e}\n`));
      const rel = set.dir.slice(join(ROOT, "bench").length + 1);
      await page.goto(`http://127.0.0.1:${port}/bench/browser.html?data=${encodeURIComponent(rel)}&peers=${peers}&quick=${quick ? 1 : 0}&agreement=${quick ? 0 : 3000}&pkg=${encodeURIComponent(PKG.slice(ROOT.length))}`);
      await page.waitForFunction(() => window.__benchDone === true, null, { timeout: 0, polling: 1000 });
      const err = await page.evaluate(() => window.__benchError);
      if (err) throw new Error(`in Chromium: ${err}`);
      results.chromium[set.name] = await page.evaluate(() => window.__benchResult);
      await page.close();
    }
  } finally {
    await b.close();
    server.close();
  }
}

/** A bare static file server for the repository, on a free localhost port. */
function serve(root) {
  const types = { ".html": "text/html", ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json", ".wasm": "application/wasm" };
  const server = createServer((req, res) => {
    const path = resolve(root, "." + decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!path.startsWith(root) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(readFileSync(path));
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r(server)));
}

/**
 * json-rules-engine is CommonJS: wrap it and its dependencies (their browser builds) into one
 * ES module for the page. A few lines instead of a bundler.
 */
function bundleRulesEngine(outFile) {
  const req = createRequire(join(ROOT, "package.json"));
  const browserBuilds = { "jsonpath-plus": req.resolve("jsonpath-plus").replace(/index-node-cjs\.cjs$/, "index-browser-umd.cjs") };
  const modules = new Map();
  const add = (file) => {
    if (modules.has(file)) return;
    const src = readFileSync(file, "utf8");
    const deps = {};
    modules.set(file, { src, deps });
    for (const [, spec] of src.matchAll(/require\(['"]([^'"]+)['"]\)/g)) {
      const target = browserBuilds[spec] ?? createRequire(file).resolve(spec);
      deps[spec] = target;
      add(target);
    }
  };
  const entry = req.resolve("json-rules-engine");
  add(entry);
  const ids = new Map([...modules.keys()].map((f, i) => [f, i]));
  let code = "const defs = [];\n";
  for (const [file, { src, deps }] of modules) {
    const map = JSON.stringify(Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, ids.get(v)])));
    code += `defs[${ids.get(file)}] = [${map}, function (require, module, exports) {\n${src}\n}];\n`;
  }
  code += `const cache = [];
function load(id) {
  if (cache[id]) return cache[id].exports;
  const module = (cache[id] = { exports: {} });
  const [deps, f] = defs[id];
  f((spec) => load(deps[spec]), module, module.exports);
  return module.exports;
}
const m = load(${ids.get(entry)});
export const Engine = m.Engine;
export default m;
`;
  writeFileSync(outFile, code);
}

// --- 5. the tables ------------------------------------------------------------------------------------

const wasmBytes = readFileSync(join(PKG, "credgate_bg.wasm"));
results.wasm = { bytes: wasmBytes.length, gzipBytes: gzipSync(wasmBytes, { level: 9 }).length };
// The package's lean variant (`credgate/scheduling`: no tracking reports), when built.
const lean = join(PKG, "scheduling/credgate_bg.wasm");
if (existsSync(lean)) {
  const bytes = readFileSync(lean);
  results.wasm.scheduling = { bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}
results.machine = {
  nproc: cpus().length,
  cpu: cpus()[0]?.model ?? "unknown",
  node: process.version,
  chromium: results.chromiumVersion ?? null,
  date: new Date().toISOString().slice(0, 10),
  command: `node bench/run.mjs ${args.join(" ")}`.trim(),
};
writeFileSync(join(OUT, "results.json"), JSON.stringify(results, null, 2));
const text = report(results);
writeFileSync(join(OUT, "table.md"), text);
process.stdout.write(text);

function report(r) {
  const lines = [];
  const f = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? "–" : x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }));
  const rate = (ns) => (ns ? f(1e9 / ns, 0) : "–");
  const ratio = (peer, mine) => (peer && mine ? `${f(peer / mine, peer / mine >= 100 ? 0 : 1)}×` : "–");
  const mib = (b) => (b === null || b === undefined ? "–" : f(b / 2 ** 20, 1));
  const peerNames = peers.split(",").filter(Boolean);
  const env = (name, res, set) => {
    if (!res) return;
    const c = res.credgate;
    const P = (p) => res.peers[p] ?? {};
    lines.push(`### ${name}: ${set}: ${res.employees.toLocaleString("en-US")} employees, ${res.shifts.toLocaleString("en-US")} shifts, ${res.assignments.toLocaleString("en-US")} assignments, ${f(res.bytes / 2 ** 20)} MiB of JSON`);
    lines.push("");
    const agree = peerNames.filter((p) => res.agreement[p]).map((p) => `${p}: ${res.agreement[p].differences} differences in ${res.agreement[p].pairs.toLocaleString("en-US")} pairs (${res.agreement[p].assignedPairs.toLocaleString("en-US")} assigned)`);
    if (agree.length) lines.push(`Statuses checked against credgate's before timing: ${agree.join("; ")}. Assigned pairs: ${res.assignedMix.ok} ok, ${res.assignedMix.warn} warn, ${res.assignedMix.block} block.`, "");
    const head = ["operation", "target", "credgate", ...peerNames.flatMap((p) => [p, `${p} ÷ credgate`])];
    lines.push(`| ${head.join(" | ")} |`, `|${head.map(() => " --- ").join("|")}|`);
    const row = (label, target, mine, peerVals, fmt, ratioOf = (p, m) => ratio(p, m)) => {
      lines.push(`| ${[label, target, fmt(mine), ...peerNames.flatMap((p) => [fmt(peerVals(p)), ratioOf(peerVals(p), mine)])].join(" | ")} |`);
    };
    row("status-only check (per-drag: `statusAt` on interned indexes; peers: `statusOf`), calls/s", "≥ 2,000,000", c.statusNs, (p) => P(p).statusNs, rate);
    row("`check` with its full verdict, calls/s", "≥ 500,000", c.checkNs, (p) => P(p).checkNs, rate);
    row(`\`candidateStatuses\` for one shift over ${res.employees.toLocaleString("en-US")} employees, ms (peers: \`statusOf\` each)`, "≤ 0.5", c.candidateStatusesNs / 1e6, (p) => P(p).candidateStatusesNs / 1e6, (x) => f(x, 3));
    row("`candidates` (full verdicts, sorted), ms", "(≤ 0.5 for the statuses)", c.candidatesNs / 1e6, (p) => P(p).candidatesNs / 1e6, (x) => f(x, 1));
    row(`\`validate\` of ${res.assignments.toLocaleString("en-US")} assignments, ms`, "≤ 50", c.validateNs / 1e6, (p) => P(p).validateNs / 1e6, (x) => f(x, 1));
    row("`load` of both documents, ms", "", c.loadMs, (p) => P(p).loadMs, (x) => f(x, 1));
    row(`\`load\` ÷ \`JSON.parse\` of the same text (${f(res.jsonParseMs, 1)} ms)`, "≤ 2", c.loadMs / res.jsonParseMs, (p) => P(p).loadMs / res.jsonParseMs, (x) => f(x, 2), () => "");
    row(`\`snapshot()\` (${f((c.snapshotBytes ?? NaN) / 2 ** 20, 1)} MiB), ms`, "", c.snapshotMs, () => null, (x) => f(x, 1));
    row("`Engine.fromSnapshot`, ms", "", c.fromSnapshotMs, () => null, (x) => f(x, 1));
    row("`load` ÷ `fromSnapshot` (SPEC §9)", "≥ 5", c.loadMs / c.fromSnapshotMs, () => null, (x) => f(x, 2), () => "");
    row(`\`fromSnapshotInSteps\`: the longest of ${c.snapshotSteps ?? "?"} steps of 2,000 items, ms`, "", c.longestStepMs, () => null, (x) => f(x, 1));
    row("one `assign` (applied) with its findings, µs", "≤ 50", c.assignNs / 1e3, (p) => P(p).assignNs / 1e3, (x) => f(x, 1));
    row("one `moveShift` (an hour later) with its findings, µs", "≤ 50", c.moveShiftNs / 1e3, (p) => P(p).moveShiftNs / 1e3, (x) => f(x, 1));
    row("memory for the data set, MiB (credgate: wasm memory after load; peers: RSS delta)", "≤ 64 MB (61 MiB)", c.memoryBytes, (p) => P(p).memoryBytes, mib, (p, m) => ratio(p, m));
    lines.push("");
    if (res.plan) {
      const x = res.plan;
      lines.push(`\`planRenewals\` (SPEC §9) as of ${x.asOf}, horizon 90 days, ${x.sessions} open sessions renewing a needed code: credgate **${f(c.planRenewalsNs / 1e6, 1)} ms** (target ≤ 100), ${x.met.toLocaleString("en-US")} of ${x.needs.toLocaleString("en-US")} needs met in ${x.bookings.toLocaleString("en-US")} bookings (unmet: ${x.unmet.noSession} noSession, ${x.unmet.conflicts} conflicts, ${x.unmet.full} full). The plain-JavaScript greedy (bench/peers/plan-greedy.mjs): ${f(res.planGreedyNs / 1e6, 1)} ms, ${x.greedyMet.toLocaleString("en-US")} of ${x.greedyNeeds.toLocaleString("en-US")} needs met in ${x.greedyBookings.toLocaleString("en-US")} bookings; it leaves unmet **${x.metByCredgateNotGreedy}** needs that credgate meets (and meets ${x.metByGreedyNotCredgate} that credgate leaves unmet).`, "");
    }
    if (c.live) {
      const L = (p) => P(p).live ?? {};
      lines.push(`The live roster (SPEC §9), ${name}: credgate through \`apply\` (answers with \`changes\`), each batch undone untimed; the peers by their own means (\`assign\`, \`putCredential\`, a full \`validate\`). The renewal: ${c.live.renewal.employeeId}, ${c.live.renewal.shifts} assigned shifts, ${c.live.renewal.codes} codes held.`, "");
      lines.push(`| ${head.join(" | ")} |`, `|${head.map(() => " --- ").join("|")}|`);
      row("one-op `apply` (an assign) with its changes, µs", "≤ 1,000", c.live.applyAssignNs / 1e3, (p) => L(p).applyAssignNs / 1e3, (x) => f(x, 1));
      row(`\`put\` of a renewed credential, ${c.live.renewal.shifts} assigned shifts, µs`, "≤ 1,000", c.live.putRenewalNs / 1e3, (p) => L(p).putRenewalNs / 1e3, (x) => f(x, 1));
      row("`validate` right after a one-op edit, ms (median; peers: their `validate`)", "≤ 5", c.live.validateAfterEditNs / 1e6, (p) => L(p).validateAfterEditNs / 1e6, (x) => f(x, 2));
      row("`validate` right after the renewal `put`, ms", "≤ 5", c.live.validateAfterPutNs / 1e6, () => null, (x) => f(x, 2));
      if (c.live.putEventNs !== undefined) row(`one-op \`put\` of an event (${c.live.events.toLocaleString("en-US")} in the document) with its changes, µs`, "≤ 1,000", c.live.putEventNs / 1e3, () => null, (x) => f(x, 1));
      lines.push("");
    }
  };
  lines.push(`## Run of ${r.machine.date}`, "");
  lines.push(`Machine: ${r.machine.nproc} CPUs (${r.machine.cpu}), Node.js ${r.machine.node}, Chromium ${r.machine.chromium ?? "(not run)"}. Command: \`${r.machine.command}\`.`, "");
  const lean = r.wasm.scheduling ? `; the lean \`credgate/scheduling\` variant (no tracking reports): ${f(r.wasm.scheduling.bytes / 1024, 1)} KiB, ${f(r.wasm.scheduling.gzipBytes / 1024, 1)} KiB gzipped` : "";
  lines.push(`\`.wasm\` (gzip -9): ${f(r.wasm.bytes / 1024, 1)} KiB, ${f(r.wasm.gzipBytes / 1024, 1)} KiB gzipped${lean} (target ≤ 150 KB gzipped).`, "");
  env("Node.js", r.node[main.name], main.name);
  env("Chromium", r.chromium[main.name], main.name);
  if (mainS8) {
    const sum = r.sets[mainS8.name];
    const what = `with §8 (${sum.events.toLocaleString("en-US")} events, currency on 60 types, ${sum.limits} limits; ${sum.visas} visa and ${sum.permits} permit holders)`;
    env("Node.js", r.node[mainS8.name], `${mainS8.name} ${what}`);
    env("Chromium", r.chromium[mainS8.name], `${mainS8.name} ${what}`);
  }
  if (sets.filter((s) => !s.s8).length > 1) {
    const names = sets.filter((s) => !s.s8).map((s) => s.name);
    lines.push("### Growth, credgate in Node.js", "");
    lines.push(`| | ${names.join(" | ")} | ${names.length > 1 ? `${names[names.length - 1]} ÷ ${names[0]}` : ""} |`, `|${[0, ...names, 0].map(() => " --- ").join("|")}|`);
    const g = (label, fn, fmt) => {
      const vals = names.map((n) => (r.node[n] ? fn(r.node[n]) : null));
      lines.push(`| ${label} | ${vals.map(fmt).join(" | ")} | ${vals[0] && vals[vals.length - 1] ? f(vals[vals.length - 1] / vals[0], 1) + "×" : "–"} |`);
    };
    g("employees", (x) => x.employees, (x) => f(x, 0));
    g("assignments", (x) => x.assignments, (x) => f(x, 0));
    g("JSON, MiB", (x) => x.bytes / 2 ** 20, (x) => f(x, 1));
    g("load, ms", (x) => x.credgate.loadMs, (x) => f(x, 0));
    g("load ÷ JSON.parse", (x) => x.credgate.loadMs / x.jsonParseMs, (x) => f(x, 2));
    g("load ÷ fromSnapshot", (x) => x.credgate.loadMs / x.credgate.fromSnapshotMs, (x) => f(x, 2));
    g("wasm memory, MiB", (x) => x.credgate.memoryBytes / 2 ** 20, (x) => f(x, 0));
    g("statusAt, calls/s", (x) => 1e9 / x.credgate.statusNs, (x) => f(x, 0));
    g("check, calls/s", (x) => 1e9 / x.credgate.checkNs, (x) => f(x, 0));
    g("candidateStatuses, ms", (x) => x.credgate.candidateStatusesNs / 1e6, (x) => f(x, 3));
    g("validate, ms", (x) => x.credgate.validateNs / 1e6, (x) => f(x, 1));
    g("assign, µs", (x) => x.credgate.assignNs / 1e3, (x) => f(x, 1));
    g("moveShift, µs", (x) => x.credgate.moveShiftNs / 1e3, (x) => f(x, 1));
    lines.push("");
  }
  if (inrcSet) {
    env("Node.js", r.node[inrcSet.name], "INRC-II n120w8 imported, assigned round-robin by skill");
    env("Chromium", r.chromium[inrcSet.name], "INRC-II n120w8 imported, assigned round-robin by skill");
  }
  return lines.join("\n") + "\n";
}
