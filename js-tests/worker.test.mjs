// credgate/worker (js/worker.js) and snapshots through the built package:
//
// - in Node.js: `snapshot()`/`Engine.fromSnapshot(bytes)` answer like the engine (the samples),
//   and damaged, cut or foreign bytes throw an Error whose `errors` is at path `snapshot`;
// - in headless Chromium (a module worker, the package served from localhost): the samples
//   loaded through the worker; `validate()` through the worker equals that of a page engine
//   built by `Engine.fromSnapshot(await w.snapshot())`, and so does its compact form (the
//   worker's own `validateStatuses()`); documents given as bytes or as a Blob or File load the
//   same; a method's error rejects with the same
//   `errors` as the page engine throws; a bad load rejects with the load's problems;
// - SPEC §5's data set (bench/generate.mjs --seed 1 --scale 1) loaded through the worker and
//   handed to the page by snapshot, the main thread watched with the Long Tasks API: the longest
//   task is reported (a figure of this machine, never asserted); what is asserted is what is
//   deterministic (the page's engine answers like the worker's).
import test from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { Engine, ROOT, PKG, CHROMIUM, openPage, servePage, rosterText, credentialsText, sample } from "./helpers.mjs";

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
  // Its errors are the engine's (not those of an engine from a reset instance).
  const error = (f) => { try { f(); } catch (e) { return { message: e.message, errors: e.errors, poisoned: e.poisoned }; } };
  assert.deepEqual(error(() => again.check("nobody", s)), error(() => engine.check("nobody", s)));
  assert.equal(error(() => again.check("nobody", s)).poisoned, undefined);
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

// A SnapshotReader run to its engine.
function finish(reader) {
  while (!reader.step(5000));
  return reader.finish();
}

test("fromSnapshot takes a Uint8Array or an ArrayBuffer; anything else throws at path bytes, and nothing traps", () => {
  const engine = sample();
  const bytes = engine.snapshot();
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  assert.deepEqual(Engine.fromSnapshot(buffer).export(), engine.export());
  assert.deepEqual(finish(Engine.fromSnapshotInSteps(buffer)).export(), engine.export());
  // A huge `length` reached wasm-bindgen's allocator unchecked and trapped the instance; null
  // threw a TypeError that named no argument.
  for (const bad of [null, undefined, 7, "bytes", {}, { length: 4e9 }, [1, 2, 3], true]) {
    for (const open of [(b) => Engine.fromSnapshot(b), (b) => Engine.fromSnapshotInSteps(b)]) {
      assert.throws(() => open(bad), (err) => err instanceof Error && !err.poisoned && err.errors?.[0]?.path === "bytes" && /expected a Uint8Array or an ArrayBuffer, found/.test(err.message), `${open} with ${JSON.stringify(bad)}`);
    }
  }
  assert.throws(() => Engine.fromSnapshot(null), /found null/);
  // The instance is still the same: the engine made before answers.
  assert.deepEqual(Engine.fromSnapshot(engine.snapshot()).export(), engine.export());
});

test("credgate/worker's types compile with tsc --strict", () => {
  const dir = mkdtempSync(join(tmpdir(), "credgate-worker-ts-"));
  try {
    writeFileSync(join(dir, "main.ts"), `import { Engine } from ${JSON.stringify(join(PKG, "index.js"))};
import { WorkerEngine } from ${JSON.stringify(join(PKG, "worker.js"))};
export async function run(text: string): Promise<number> {
  const w = await WorkerEngine.load(text, new TextEncoder().encode("{}"), { name: "x" });
  const v = await w.validate();
  const s: "ok" | "warn" | "block" = v.status;
  const compact = await w.validateStatuses();
  const codes: Uint8Array = compact.codes;
  const pair: [string, string] = [compact.employeeIds[0], compact.shiftIds[0]];
  const fromFiles = await WorkerEngine.load(new Blob([text]), new File(["{}"], "credentials.json"));
  fromFiles.terminate();
  const verdict = await w.check("e", "s");
  const warnings = await w.warnings();
  const bytes: Uint8Array = await w.snapshot();
  const page: Engine = Engine.fromSnapshot(bytes);
  const again: Uint8Array = page.snapshot();
  // @ts-expect-error: the worker's engine is freed by terminate()
  w.free();
  // @ts-expect-error: check takes two strings
  await w.check(1, 2);
  w.terminate();
  return verdict.reasons.length + warnings.length + again.length + s.length + codes.length + pair.length + compact.findings.length + compact.status.length;
}
`);
    execFileSync(join(ROOT, "node_modules/.bin/tsc"), ["--strict", "--noEmit", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--lib", "es2022,dom", "main.ts"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    assert.fail(`tsc:\n${e.stdout ?? ""}${e.stderr ?? ""}${e.stdout === undefined ? e : ""}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
    blobLoad: await (async () => { const x = await WorkerEngine.load(new Blob([roster]), new File([credentials], "credentials.json")); const v = await x.validate(); x.terminate(); return v; })(),
    compact: await (async () => { const c = await w.validateStatuses(); return { ...c, isBytes: c.codes instanceof Uint8Array, codes: Array.from(c.codes) }; })(),
    noMethod: await described(w.noSuchMethod()),
  };
  w.terminate();
  out.afterTerminate = await described(w.validate());
  return out;
};
window.large = async () => {
  // Each long task with when it started, to tell which step it was.
  const tasks = [];
  const observer = new PerformanceObserver((list) => { for (const t of list.getEntries()) tasks.push({ start: t.startTime, ms: t.duration }); });
  observer.observe({ type: "longtask", buffered: false });
  const marks = { start: performance.now() };
  // The documents as bytes, transferred to the worker: no copy, no decoding on this thread.
  const [roster, credentials] = await Promise.all([fetch("/large/roster.json").then((r) => r.arrayBuffer()), fetch("/large/credentials.json").then((r) => r.arrayBuffer())]);
  marks.fetched = performance.now();
  const w = await WorkerEngine.load(roster, credentials);
  marks.loaded = performance.now();
  const viaWorker = await w.validate();
  marks.validated = performance.now();
  const bytes = await w.snapshot();
  marks.snapshotted = performance.now();
  await new Promise((r) => setTimeout(r, 50));
  marks.beforeFromSnapshot = performance.now();
  const page = Engine.fromSnapshot(bytes);
  marks.rebuilt = performance.now();
  await new Promise((r) => setTimeout(r, 100));
  observer.disconnect();
  const viaPage = page.validate();
  w.terminate();
  // A task belongs to the step during which it ended.
  const steps = [["fetch", marks.fetched], ["load", marks.loaded], ["validate", marks.validated], ["snapshot", marks.snapshotted], ["idle", marks.beforeFromSnapshot], ["fromSnapshot", Infinity]];
  const step = (t) => steps.find(([, end]) => t.start + t.ms <= end + 1)[0];
  return {
    same: JSON.stringify(viaWorker) === JSON.stringify(viaPage), verdicts: viaPage.verdicts.length, bytes: bytes.length,
    ms: { fetch: marks.fetched - marks.start, workerLoad: marks.loaded - marks.fetched, workerValidate: marks.validated - marks.loaded, snapshot: marks.snapshotted - marks.validated, fromSnapshot: marks.rebuilt - marks.beforeFromSnapshot },
    longTasks: tasks.map((t) => ({ step: step(t), ms: Math.round(t.ms) })),
  };
};
window.ready = true;
`;

/** 127.0.0.1: the page, /pkg/ (the built package), /data/ (the samples) and /large/ (§5's data set). */
const serve = (large) =>
  servePage(
    { "/": PAGE, "/page.js": SCRIPT, "/data/roster.json": rosterText, "/data/credentials.json": credentialsText },
    { mounts: [["/pkg/", PKG], ["/large/", large]] },
  );

const skip = !existsSync(CHROMIUM) ? "no /usr/bin/chromium (make setup installs it)" : false;

test("credgate/worker in headless Chromium", { skip, timeout: 240_000 }, async (t) => {
  const large = mkdtempSync(join(tmpdir(), "credgate-worker-data-"));
  execFileSync("node", [join(ROOT, "bench/generate.mjs"), "--seed", "1", "--scale", "1", "--out", large], { stdio: "ignore" });
  const server = await serve(large);
  t.after(() => rmSync(large, { recursive: true, force: true }));
  const { page, errors } = await openPage(t, server);
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
    assert.deepEqual(r.blobLoad, r.viaPage, "documents given as a Blob and a File load the same");
    // validateStatuses: validate()'s verdicts as ids and status codes, its status and findings.
    const { isBytes, ...compact } = r.compact;
    assert.ok(isBytes, "the codes arrive as a Uint8Array");
    assert.deepEqual(compact, {
      status: r.viaPage.status,
      employeeIds: r.viaPage.verdicts.map((v) => v.employeeId),
      shiftIds: r.viaPage.verdicts.map((v) => v.shiftId),
      codes: r.viaPage.verdicts.map((v) => ({ warn: 1, block: 2 })[v.status]),
      findings: r.viaPage.findings,
    });
    assert.ok(compact.codes.includes(1) || compact.codes.includes(2));
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
    const longest = (step) => Math.max(0, ...r.longTasks.filter((x) => x.step === step).map((x) => x.ms));
    t.diagnostic(`snapshot ${r.bytes} bytes; ms: ${JSON.stringify(Object.fromEntries(Object.entries(r.ms).map(([k, v]) => [k, Math.round(v)])))}`);
    const worker = Math.max(...["fetch", "load", "validate", "snapshot"].map(longest));
    t.diagnostic(`main-thread long tasks (> 50 ms), by the step they ended in: ${JSON.stringify(r.longTasks)}; longest while the worker loads, validates and snapshots: ${worker} ms; Engine.fromSnapshot on the page: ${longest("fromSnapshot")} ms`);
  });
  assert.deepEqual(errors, []);
});
