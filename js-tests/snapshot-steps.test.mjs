// Engine.fromSnapshotInSteps (SPEC §6: the page never freezes): the engine rebuilt in steps
// answers as Engine.fromSnapshot's, in Node.js and in headless Chromium, and a damaged snapshot
// fails with the same error. Run: `node --test js-tests/snapshot-steps.test.mjs` after `make pkg`.
import test from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Engine, ROOT, CHROMIUM, openPage, servePage, rosterText, credentialsText } from "./helpers.mjs";
import { stepwiseFailures } from "./snapshot-steps.mjs";

test("Node.js: in steps equals in one, damaged fails alike", (t) => {
  const { failures, counts } = stepwiseFailures(Engine, rosterText, credentialsText);
  t.diagnostic(JSON.stringify(counts));
  assert.deepEqual(failures, []);
  assert.ok(counts.damaged > 20, "damaged snapshots were tried");
});

const PAGE = `<!doctype html><script type="module" src="/page.js"></script>`;
const SCRIPT = `
import { Engine } from "/pkg/index.js";
import { stepwiseFailures } from "/snapshot-steps.mjs";
try {
  const [roster, credentials] = await Promise.all(["/roster.json", "/credentials.json"].map((u) => fetch(u).then((r) => r.text())));
  window.result = stepwiseFailures(Engine, roster, credentials);
} catch (e) {
  window.result = { error: String((e && e.stack) || e) };
}
`;

const skip = !existsSync(CHROMIUM) ? "no /usr/bin/chromium (make setup installs it)" : false;

test("Chromium: in steps equals in one, damaged fails alike", { skip, timeout: 120_000 }, async (t) => {
  const server = await servePage({
    "/": PAGE,
    "/page.js": SCRIPT,
    "/snapshot-steps.mjs": readFileSync(join(ROOT, "js-tests/snapshot-steps.mjs")),
    "/roster.json": rosterText,
    "/credentials.json": credentialsText,
  });
  const { page, errors } = await openPage(t, server);
  await page.waitForFunction(() => window.result !== undefined, null, { timeout: 100_000, polling: 200 });
  const { failures, counts, error } = await page.evaluate(() => window.result);
  assert.equal(error, undefined, error);
  assert.deepEqual(errors, []);
  t.diagnostic(JSON.stringify(counts));
  assert.deepEqual(failures, []);
  assert.deepEqual(counts, stepwiseFailures(Engine, rosterText, credentialsText).counts);
});
