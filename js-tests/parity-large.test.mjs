// Parity on the large generated data set: the native CLI, the Node.js build and the
// browser build of the package give identical verdicts on the SPEC §5 data set.
//
// bench/generate.mjs (seeded) writes the documents into a temporary directory: at scale 1,
// 5,000 employees, 50,000 credential records and 100,000 shifts (about 100,700 assigned pairs,
// 24 MiB). Each build then computes `check` of every assigned pair and of 20,000 seeded
// unassigned ones (hypothetical placements), and the full `validate`:
//
// - the CLI (`target/release/credgate`) with `check --pairs FILE`, one verdict a line, and
//   `validate`;
// - the package's Node.js entry (pkg/node.js), in this process;
// - the package's browser entry (pkg/index.js) in headless Chromium (/usr/bin/chromium through
//   playwright-core), served from 127.0.0.1.
//
// Every result is written as canonical JSON (js-tests/canonical.mjs: keys sorted, the same code
// in Node.js and Chromium; the CLI's lines are parsed and re-written with it) and hashed with
// SHA-256 in chunks of 1,000 pairs; the chunk hashes, the validate hash and the hash over all of
// them must be equal. On a difference the test names the first pair (or validate) that differs,
// with each build's verdict. The Node.js and browser builds also check that the status-only
// path (`statusAt`) gives every pair's `check(...).status`.
//
// CREDGATE_PARITY_SCALE (default 1) and CREDGATE_PARITY_SAMPLE (default 20000) change the size.
import test from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine, ROOT, PKG, CLI, CHROMIUM, openPage, servePage } from "./helpers.mjs";
import { canonical, checkLines, CHUNK } from "./canonical.mjs";
import { rng } from "./generate.mjs";
import { generate } from "../bench/generate.mjs";

const SCALE = Number(process.env.CREDGATE_PARITY_SCALE ?? 1);
const SAMPLE = Number(process.env.CREDGATE_PARITY_SAMPLE ?? 20_000);
const SEED = 7;

const sha256 = (text) => createHash("sha256").update(text).digest("hex");

/** Chunk hashes of canonical lines, the validate hash and the hash over both. */
function digest(lines, validateLine) {
  const chunks = [];
  for (let i = 0; i < lines.length; i += CHUNK) chunks.push(sha256(lines.slice(i, i + CHUNK).join("\n")));
  const validate = sha256(validateLine);
  return { pairs: lines.length, chunks, validate, total: sha256(chunks.join("") + validate) };
}

/** The pairs checked: every assigned pair in roster order, then `sample` seeded unassigned ones. */
function pairsOf(roster, { seed, sample }) {
  const pairs = [];
  const assigned = new Set();
  for (const s of roster.shifts ?? []) {
    for (const e of s.assigned ?? []) {
      pairs.push([e, s.id]);
      assigned.add(`${e}\u0000${s.id}`);
    }
  }
  const employees = (roster.employees ?? []).map((e) => e.id);
  const shifts = (roster.shifts ?? []).map((s) => s.id);
  const { next } = rng(seed);
  for (let n = 0, tries = 0; n < sample && employees.length && shifts.length && tries < sample * 10; tries++) {
    const e = employees[Math.floor(next() * employees.length)];
    const s = shifts[Math.floor(next() * shifts.length)];
    if (assigned.has(`${e}\u0000${s}`)) continue;
    pairs.push([e, s]);
    n++;
  }
  return pairs;
}

/** Runs the CLI with its stdout into `out`; resolves with its exit code and stderr. */
function cliToFile(args, out) {
  const fd = openSync(out, "w");
  const child = spawn(CLI, args, { stdio: ["ignore", fd, "pipe"] });
  closeSync(fd);
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

// The page: the package's browser entry, the same canonical JSON, SHA-256 from WebCrypto.
const PAGE = `<!doctype html><meta charset="utf-8"><title>parity</title><script type="module" src="/page.js"></script>`;
const SCRIPT = `
import { Engine } from "/pkg/index.js";
import { canonical, checkLines, CHUNK } from "/canonical.mjs";
const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");
const sha256 = async (text) => hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
try {
  const [roster, credentials, pairs] = await Promise.all(["roster.json", "credentials.json", "pairs.json"]
    .map((f) => fetch("/data/" + f).then((r) => r.text())));
  window.fetched = true;
  const engine = Engine.load(roster, credentials);
  const { lines, statusMismatches } = checkLines(engine, JSON.parse(pairs));
  const validateLine = canonical(engine.validate());
  const chunks = [];
  for (let i = 0; i < lines.length; i += CHUNK) chunks.push(await sha256(lines.slice(i, i + CHUNK).join("\\n")));
  const validate = await sha256(validateLine);
  window.lines = (from, to) => lines.slice(from, to);
  window.validateLine = validateLine;
  window.result = { pairs: lines.length, chunks, validate, total: await sha256(chunks.join("") + validate), statusMismatches };
} catch (e) {
  window.result = { error: String(e && e.stack || e) };
}
`;

/** 127.0.0.1: the page, /pkg/ (the built package), the shared digest and /data/ (the documents). */
const serve = (dataDir) =>
  servePage(
    { "/": PAGE, "/page.js": SCRIPT, "/canonical.mjs": readFileSync(join(ROOT, "js-tests/canonical.mjs")) },
    { mounts: [["/pkg/", PKG], ["/data/", dataDir]] },
  );

/** The first place where two digests differ: a chunk index, "validate", or null. */
function firstDifference(a, b) {
  for (let i = 0; i < Math.max(a.chunks.length, b.chunks.length); i++) if (a.chunks[i] !== b.chunks[i]) return i;
  return a.validate !== b.validate ? "validate" : null;
}

const skip = !existsSync(CHROMIUM) ? "no /usr/bin/chromium (make setup installs it)" : false;

test(`large data set (scale ${SCALE}): the CLI, Node.js and Chromium give identical verdicts`, { skip, timeout: 300_000 }, async (t) => {
  const started = performance.now();
  const lap = (what) => t.diagnostic(`${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const dir = mkdtempSync(join(tmpdir(), "credgate-parity-large-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));

  // The data set and the pairs, written once for all three builds.
  const { roster, credentials, summary } = generate({ seed: SEED, scale: SCALE });
  const rosterText = JSON.stringify(roster);
  const credentialsText = JSON.stringify(credentials);
  const pairs = pairsOf(roster, { seed: SEED, sample: SAMPLE });
  const R = join(dir, "roster.json"), C = join(dir, "credentials.json");
  writeFileSync(R, rosterText);
  writeFileSync(C, credentialsText);
  writeFileSync(join(dir, "pairs.json"), JSON.stringify(pairs));
  writeFileSync(join(dir, "pairs.jsonl"), pairs.map(([employeeId, shiftId]) => JSON.stringify({ employeeId, shiftId })).join("\n") + "\n");
  assert.ok(pairs.length >= summary.assignments, "every assigned pair is checked");
  lap(`generated ${summary.employees} employees, ${summary.shifts} shifts, ${pairs.length} pairs (${summary.assignments} assigned)`);

  // The CLI runs in its own processes, writing to files, while this process works.
  const cliCheck = cliToFile(["check", "--roster", R, "--credentials", C, "--pairs", join(dir, "pairs.jsonl")], join(dir, "cli-check.jsonl"));
  const cliValidate = cliToFile(["validate", "--roster", R, "--credentials", C], join(dir, "cli-validate.json"));

  // Chromium fetches the documents, then computes in its own process.
  const server = await serve(dir);
  const { page, errors } = await openPage(t, server);
  await page.waitForFunction(() => window.fetched === true || window.result !== undefined, null, { timeout: 120_000 });

  // Node.js, here (this blocks the event loop; Chromium already has its documents).
  const engine = Engine.load(rosterText, credentialsText);
  const { lines: nodeLines, statusMismatches } = checkLines(engine, pairs);
  const nodeValidate = canonical(engine.validate());
  engine.free();
  const node = digest(nodeLines, nodeValidate);
  assert.equal(statusMismatches, 0, "Node.js: statusAt differs from check().status");
  lap("Node.js done");

  await page.waitForFunction(() => window.result !== undefined, null, { timeout: 240_000, polling: 500 });
  const browserDigest = await page.evaluate(() => window.result);
  assert.equal(browserDigest.error, undefined, browserDigest.error);
  assert.deepEqual(errors, []);
  assert.equal(browserDigest.statusMismatches, 0, "Chromium: statusAt differs from check().status");
  lap("Chromium done");

  const [check, validate] = await Promise.all([cliCheck, cliValidate]);
  assert.equal(check.code, 0, check.stderr);
  assert.ok(validate.code === 0 || validate.code === 1, validate.stderr);
  const cliLines = readFileSync(join(dir, "cli-check.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => canonical(JSON.parse(l)));
  const cliValidate2 = canonical(JSON.parse(readFileSync(join(dir, "cli-validate.json"), "utf8")));
  const cli = digest(cliLines, cliValidate2);
  lap("CLI done");

  const builds = { cli, "Node.js": node, Chromium: browserDigest };
  t.diagnostic(`sha256: ${Object.entries(builds).map(([k, d]) => `${k} ${d.total.slice(0, 16)}`).join(", ")} over ${pairs.length} verdicts and validate`);
  for (const [name, d] of Object.entries(builds)) {
    if (name === "Node.js") continue;
    assert.equal(d.pairs, pairs.length, `${name}: ${d.pairs} verdicts for ${pairs.length} pairs`);
    const at = firstDifference(node, d);
    if (at === null) continue;
    // Name the first pair (or validate) that differs, with both verdicts.
    const theirs = at === "validate"
      ? (name === "cli" ? cliValidate2 : await page.evaluate(() => window.validateLine))
      : (name === "cli" ? cliLines.slice(at * CHUNK, (at + 1) * CHUNK) : await page.evaluate(([a, b]) => window.lines(a, b), [at * CHUNK, (at + 1) * CHUNK]));
    if (at === "validate") {
      assert.fail(`validate differs between Node.js and ${name}:\nNode.js: ${nodeValidate.slice(0, 3000)}\n${name}: ${theirs.slice(0, 3000)}`);
    }
    const ours = nodeLines.slice(at * CHUNK, (at + 1) * CHUNK);
    const i = ours.findIndex((line, j) => line !== theirs[j]);
    const [e, s] = pairs[at * CHUNK + i];
    assert.fail(`check(${e}, ${s}) (pair ${at * CHUNK + i}) differs between Node.js and ${name}:\nNode.js: ${ours[i]}\n${name}: ${theirs[i]}`);
  }
  assert.equal(cli.total, node.total);
  assert.equal(browserDigest.total, node.total);
});
