// credgate/worker (js/worker.js) and snapshots through the built package:
//
// - in Node.js: `snapshot()`/`Engine.fromSnapshot(bytes)` answer like the engine (the samples),
//   and damaged, cut or foreign bytes throw an Error whose `errors` is at path `snapshot`;
// - in headless Chromium (a module worker, the package served from localhost): the samples
//   loaded through the worker; `validate()` through the worker equals that of a page engine
//   built by `Engine.fromSnapshot(await w.snapshot())`; a method's error rejects with the same
//   `errors` as the page engine throws; a bad load rejects with the load's problems;
// - SPEC §5's data set (bench/generate.mjs --seed 1 --scale 1) loaded through the worker and
//   handed to the page by snapshot, the main thread watched with the Long Tasks API: the longest
//   task is reported (a figure of this machine, never asserted); what is asserted is what is
//   deterministic (the page's engine answers like the worker's).
import test from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { execFileSync } from "node:child_process";
import { Engine, ROOT, PKG, CHROMIUM, launchChromium, rosterText, credentialsText, sample } from "./helpers.mjs";

test("a snapshot answers like its engine, in Node.js", () => {
  const engine = sample();
  const bytes = engine.snapshot();
  assert.ok(bytes instanceof Uint8Array && bytes.length > 0);
  const again = Engine.fromSnapshot(bytes);
  assert.deepEqual(again.validate(), engine.validate());
  assert.deepEqual(again.exportJson(), engine.exportJson());
  assert.deepEqual(again.warnings, engine.warnings);
  const [e] = engine.employeeIds();
  const [s] = engine.shiftIds();
  assert.deepEqual(again.check(e, s), engine.check(e, s));
  assert.deepEqual(again.candidates(s), engine.candidates(s));
  assert.deepEqual([...again.snapshot()], [...bytes]);
});

test("damaged, cut and foreign bytes throw at path snapshot", () => {
  const bytes = sample().snapshot();
  const damaged = bytes.slice();
  damaged[Math.floor(bytes.length / 2)] ^= 4;
  const version = bytes.slice();
  version[8] += 1;
  for (const [what, b] of [["damaged", damaged], ["cut", bytes.subarray(0, bytes.length - 1)], ["version", version], ["empty", new Uint8Array()], ["text", new TextEncoder().encode(rosterText)]]) {
    assert.throws(() => Engine.fromSnapshot(b), (err) => err instanceof Error && err.errors?.[0]?.path === "snapshot", what);
  }
  assert.throws(() => Engine.fromSnapshot(version), /format version/);
});

// ---------------------------------------------------------------------------------------------
// Chromium.

const PAGE = `<!doctype html><meta charset="utf-8"><title>credgate/worker</title><script type="module" src="/page.js"></script>`;
const SCRIPT = `
import { Engine } from "/pkg/index.js";
import { WorkerEngine } from "/pkg/worker.js";
const described = async (p) => { try { await p; return null; } catch (e) { return { message: e.message, errors: e.errors, isError: e instanceof Error }; } };
const thrown = (f) => { try { f(); return null; } catch (e) { return { message: e.message, errors: e.errors, isError: e instanceof Error }; } };
window.samples = async () => {
  const [roster, credentials] = await Promise.all([fetch("/data/roster.json").then((r) => r.text()), fetch("/data/credentials.json").then((r) => r.text())]);
  const w = await WorkerEngine.load(roster, credentials);
  const page = Engine.fromSnapshot(await w.snapshot());
  const direct = Engine.load(roster, credentials);
  const viaWorker = await w.validate();
  const [e] = page.employeeIds();
  const [s] = page.shiftIds();
  const out = {
    viaWorker, viaPage: page.validate(), direct: direct.validate(),
    check: [await w.check(e, s), page.check(e, s)],
    warnings: [await w.warnings(), page.warnings],
    statuses: [Array.from(await w.candidateStatuses(s)), Array.from(page.candidateStatuses(s))],
    unknown: [await described(w.check("nobody", s)), thrown(() => page.check("nobody", s))],
    badLoad: await described(WorkerEngine.load("{", "{}")),
    bytesLoad: await (async () => { const x = await WorkerEngine.load(new TextEncoder().encode(roster), new TextEncoder().encode(credentials)); const v = await x.validate(); x.terminate(); return v; })(),
    noMethod: await described(w.noSuchMethod()),
  };
  w.terminate();
  out.afterTerminate = await described(w.validate());
  return out;
};
window.large = async () => {
  const tasks = [];
  const observer = new PerformanceObserver((list) => { for (const t of list.getEntries()) tasks.push(t.duration); });
  observer.observe({ type: "longtask", buffered: false });
  const started = performance.now();
  const [roster, credentials] = await Promise.all([fetch("/large/roster.json").then((r) => r.text()), fetch("/large/credentials.json").then((r) => r.text())]);
  const fetched = performance.now();
  const w = await WorkerEngine.load(roster, credentials);
  const loaded = performance.now();
  const bytes = await w.snapshot();
  const snapshotted = performance.now();
  const page = Engine.fromSnapshot(bytes);
  const rebuilt = performance.now();
  const viaWorker = await w.validate();
  const viaPage = page.validate();
  await new Promise((r) => setTimeout(r, 100));
  observer.disconnect();
  w.terminate();
  return {
    same: JSON.stringify(viaWorker) === JSON.stringify(viaPage), verdicts: viaPage.verdicts.length, bytes: bytes.length,
    ms: { fetch: fetched - started, workerLoad: loaded - fetched, snapshot: snapshotted - loaded, fromSnapshot: rebuilt - snapshotted },
    longTasks: tasks,
  };
};
window.ready = true;
`;

const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

function serve(large) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x").pathname;
    if (url === "/" || url === "/index.html") return res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
    if (url === "/favicon.ico") return res.writeHead(204).end();
    if (url === "/page.js") return res.writeHead(200, { "content-type": "text/javascript" }).end(SCRIPT);
    if (url === "/data/roster.json") return res.writeHead(200, { "content-type": "application/json" }).end(rosterText);
    if (url === "/data/credentials.json") return res.writeHead(200, { "content-type": "application/json" }).end(credentialsText);
    let path;
    if (url.startsWith("/large/") && large) path = join(large, url.slice("/large/".length));
    else if (url.startsWith("/pkg/")) path = normalize(join(PKG, decodeURIComponent(url.slice("/pkg/".length))));
    else return res.writeHead(404).end();
    if (!(path.startsWith(normalize(PKG) + sep) || (large && path.startsWith(large))) || !existsSync(path)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const skip = !existsSync(CHROMIUM) ? "no /usr/bin/chromium (make setup installs it)" : false;

test("credgate/worker in headless Chromium", { skip, timeout: 300_000 }, async (t) => {
  const large = mkdtempSync(join(tmpdir(), "credgate-worker-data-"));
  execFileSync("node", [join(ROOT, "bench/generate.mjs"), "--seed", "1", "--scale", "1", "--out", large], { stdio: "ignore" });
  const server = await serve(large);
  const profile = mkdtempSync(join(tmpdir(), "credgate-chromium-"));
  const browser = await launchChromium(profile);
  t.after(async () => {
    await browser.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(large, { recursive: true, force: true });
  });
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.ready === true, null, { timeout: 60_000 });

  await t.test("the samples through the worker answer like the page's engine", async () => {
    const r = await page.evaluate(() => window.samples());
    assert.deepEqual(r.viaWorker, r.viaPage);
    assert.deepEqual(r.viaPage, r.direct);
    assert.ok(r.viaPage.verdicts.length > 0, "the samples have findings to compare");
    assert.deepEqual(r.check[0], r.check[1]);
    assert.deepEqual(r.warnings[0], r.warnings[1]);
    assert.deepEqual(r.statuses[0], r.statuses[1]);
    assert.deepEqual(r.bytesLoad, r.viaPage, "documents given as bytes load the same");
    // Errors: rejected with the same message and problems as the page engine throws.
    assert.ok(r.unknown[0].isError);
    assert.deepEqual(r.unknown[0], r.unknown[1]);
    assert.ok(r.badLoad?.isError && r.badLoad.errors.some((p) => p.path === "roster"), JSON.stringify(r.badLoad));
    assert.match(r.noMethod.message, /no method noSuchMethod/);
    assert.match(r.afterTerminate.message, /terminated/);
  });

  await t.test("SPEC §5's data set through the worker, then fromSnapshot on the page", async () => {
    const r = await page.evaluate(() => window.large());
    assert.ok(r.same, "validate() through the worker equals the page engine's");
    assert.ok(r.verdicts > 0);
    const longest = Math.max(0, ...r.longTasks);
    t.diagnostic(`snapshot ${r.bytes} bytes; ms: ${JSON.stringify(Object.fromEntries(Object.entries(r.ms).map(([k, v]) => [k, Math.round(v)])))}`);
    t.diagnostic(`main-thread long tasks (> 50 ms): ${r.longTasks.length}, longest ${Math.round(longest)} ms: ${JSON.stringify(r.longTasks.map(Math.round))}`);
  });
  assert.deepEqual(errors, []);
});
