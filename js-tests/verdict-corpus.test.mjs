// The verdict corpus (tests/corpus/verdicts/*.json, run natively by tests/it/corpus_verdicts.rs)
// run through the built package: in Node.js (pkg/node.js, one test per file, one subtest per
// case) and in headless Chromium (pkg/index.js in one page load that runs every case). The
// cases and the comparison are the same code in both (js-tests/verdict-corpus.mjs), and both
// builds must also agree case by case: one corpus, every engine.
//
// A case marked `knownBug` (the engine disagrees with the contract) is reported as a
// diagnostic, not a failure; a marked case that passes fails, so that the mark is removed.
import test from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Engine, ROOT, CHROMIUM, openPage, servePage } from "./helpers.mjs";
import { formatResult, runCorpus, runFile } from "./verdict-corpus.mjs";

const DIR = join(ROOT, "tests/corpus/verdicts");
/** Fewer files than this means the corpus went missing. */
const MIN_FILES = 12;

const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(DIR, name), "utf8") }));

test("the verdict corpus is there", () => assert.ok(files.length >= MIN_FILES, `${files.length} files in ${DIR}`));

/** Node.js's results, kept for the comparison with Chromium's. */
const nodeResults = [];

for (const { name, text } of files) {
  test(`verdict corpus in Node.js: ${name}`, async (t) => {
    const results = runFile(Engine, name, text);
    nodeResults.push(...results);
    for (const r of results) {
      await t.test(r.name, () => {
        if (r.outcome === "knownBug") t.diagnostic(formatResult(r).split("\n").slice(0, 3).join(" | "));
        assert.notEqual(r.outcome, "failed", formatResult(r));
      });
    }
  });
}

// The page: the package's browser entry and the shared runner, every case in one load.
const PAGE = `<!doctype html><meta charset="utf-8"><title>verdict corpus</title><script type="module" src="/page.js"></script>`;
const SCRIPT = `
import { Engine } from "/pkg/index.js";
import { runCorpus } from "/verdict-corpus.mjs";
try {
  const files = await fetch("/corpus.json").then((r) => r.json());
  const started = performance.now();
  const results = runCorpus(Engine, files);
  window.result = { results, ms: performance.now() - started };
} catch (e) {
  window.result = { error: String((e && e.stack) || e) };
}
`;

/** 127.0.0.1: the page, /pkg/ (the built package), the shared runner and the corpus. */
const serve = () =>
  servePage({
    "/": PAGE,
    "/page.js": SCRIPT,
    "/verdict-corpus.mjs": readFileSync(join(ROOT, "js-tests/verdict-corpus.mjs")),
    "/corpus.json": JSON.stringify(files),
  });

const skip = !existsSync(CHROMIUM) ? "no /usr/bin/chromium (make setup installs it)" : false;

test("verdict corpus in headless Chromium, and parity with Node.js", { skip, timeout: 120_000 }, async (t) => {
  const server = await serve();
  const { page, errors } = await openPage(t, server);
  await page.waitForFunction(() => window.result !== undefined, null, { timeout: 60_000 });
  const { results, ms, error } = await page.evaluate(() => window.result);
  assert.equal(error, undefined, error);
  assert.deepEqual(errors, []);

  const failed = results.filter((r) => r.outcome === "failed");
  const known = results.filter((r) => r.outcome === "knownBug");
  t.diagnostic(`${results.length} cases in ${ms.toFixed(0)} ms: ${results.length - failed.length - known.length} passed, ${known.length} known bugs, ${failed.length} failed`);
  for (const r of known) t.diagnostic(formatResult(r).split("\n").slice(0, 3).join(" | "));
  assert.equal(failed.length, 0, `${failed.length} of ${results.length} cases failed in Chromium:\n\n${failed.map(formatResult).join("\n\n")}`);

  // Parity: Chromium and Node.js give each case the same outcome and the same report (when the
  // Node.js tests ran in this process; run alone, Node.js is run here).
  const node = nodeResults.length === results.length ? nodeResults : runCorpus(Engine, files);
  const key = (r) => `${r.file}/${r.name}`;
  assert.deepEqual(results.map(key), node.map(key));
  for (const [i, r] of results.entries()) {
    assert.deepEqual([r.outcome, r.report], [node[i].outcome, node[i].report], `${key(r)}: Chromium and Node.js disagree`);
  }
});
