// The live roster through the built package (SPEC §6, §6.1): `apply`, `preview`, `undo`, `redo`,
// `canUndo`, `canRedo` and `changeLog` on the sample documents with exact expected answers, then
// the property test of js-tests/live-props.mjs (seeded random batches against two full
// judgements) in Node.js and in headless Chromium.
import test from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Engine, ROOT, CHROMIUM, openPage, servePage, rosterText, credentialsText, sample, thrownProblems, undefinedKeys } from "./helpers.mjs";
import { runProperties } from "./live-props.mjs";

// A `Date` is read in the page's local time: run in a zone that is not UTC, so that it shows.
process.env.TZ = "America/Chicago";

/** On `icu-hou-1209-d`: e-102 may be added (ok), e-152 may not (an ACLS pending verification). */
const SHIFT = "icu-hou-1209-d";
const NOTHING = { verdicts: [], findings: { added: [], removed: [] } };
const assign = (employeeId, shiftId = SHIFT) => ({ op: "assign", employeeId, shiftId });
const withoutLog = ({ logEntry: _l, ...rest }) => rest;

test("a drag applied: the new assignment's full verdict, logged, undone and redone exactly", () => {
  const engine = sample();
  const original = engine.exportJson();
  assert.equal(engine.canUndo(), false);
  assert.equal(engine.canRedo(), false);
  const result = engine.apply([assign("e-102")]);
  assert.deepEqual(undefinedKeys(result), []);
  const { logEntry, ...answer } = result;
  assert.deepEqual(answer, {
    applied: true,
    refused: false,
    errors: [],
    changes: { verdicts: [{ employeeId: "e-102", shiftId: SHIFT, before: null, after: engine.check("e-102", SHIFT) }], findings: { added: [], removed: [] } },
  });
  assert.equal(answer.changes.verdicts[0].after.status, "ok");
  assert.deepEqual(Object.keys(logEntry), ["seq", "at", "override", "ops"]);
  assert.deepEqual([logEntry.seq, logEntry.override, logEntry.ops], [1, false, [assign("e-102")]]);
  assert.match(logEntry.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, "the engine's clock, in UTC");
  assert.deepEqual(engine.changeLog(), [logEntry]);
  assert.deepEqual(engine.assigned(SHIFT), ["e-101", "e-104", "e-105", "e-102"]);
  assert.deepEqual([engine.canUndo(), engine.canRedo()], [true, false]);
  const applied = engine.exportJson();
  assert.deepEqual(JSON.parse(applied.roster).changeLog, [logEntry], "export writes the log into the roster");

  const undone = engine.undo();
  assert.deepEqual(undone, { applied: true, refused: false, errors: [], changes: { verdicts: [{ employeeId: "e-102", shiftId: SHIFT, before: "ok", after: null }], findings: { added: [], removed: [] } } });
  assert.deepEqual(engine.exportJson(), original, "undo restores the documents exactly");
  assert.deepEqual(engine.changeLog(), []);
  assert.deepEqual([engine.canUndo(), engine.canRedo()], [false, true]);
  assert.deepEqual(engine.undo(), { applied: false, refused: false, errors: [], changes: NOTHING }, "nothing left to undo");

  const redone = engine.redo();
  assert.deepEqual(withoutLog(redone), answer);
  assert.deepEqual(redone.logEntry, logEntry);
  assert.deepEqual(engine.exportJson(), applied, "redo restores the documents after the batch exactly");

  // A new batch forgets what could be redone.
  engine.undo();
  engine.apply([assign("e-103")]);
  assert.equal(engine.canRedo(), false);
  assert.deepEqual(engine.redo(), { applied: false, refused: false, errors: [], changes: NOTHING });
  engine.free();
});

test("a batch that newly blocks someone is refused, returned not thrown, and changes nothing", () => {
  const engine = sample();
  const original = engine.exportJson();
  const result = engine.apply([assign("e-102"), assign("e-152")]);
  assert.equal(result.applied, false);
  assert.equal(result.refused, true);
  assert.deepEqual(result.errors, []);
  assert.equal(result.logEntry, undefined);
  assert.deepEqual(
    result.changes.verdicts.map((c) => [c.employeeId, c.before, c.after.status, c.after.reasons.map((r) => [r.kind, r.code, r.credentialId])]),
    [["e-102", null, "ok", []], ["e-152", null, "block", [["pending", "ACLS", "cr-0260"]]]],
  );
  assert.deepEqual(engine.exportJson(), original);
  assert.deepEqual([engine.canUndo(), engine.changeLog()], [false, []]);
  // Someone already blocked before a move does not refuse it; unassign never refuses.
  assert.equal(engine.apply([{ op: "unassign", employeeId: "e-101", shiftId: SHIFT }]).refused, false);
  engine.free();
});

test("an override applies a blocking batch and logs who, why, when and the pairs it allowed", () => {
  const engine = sample();
  const at = new Date(2026, 11, 1, 10, 30);
  const result = engine.apply([assign("e-152")], { override: { by: "Dana Ruiz", reason: "agency cover confirmed", at } });
  assert.equal(result.applied, true);
  assert.equal(result.refused, false);
  const { logEntry } = result;
  assert.deepEqual(logEntry, {
    seq: 1,
    at: "2026-12-01T10:30:00-06:00",
    by: "Dana Ruiz",
    reason: "agency cover confirmed",
    override: true,
    ops: [assign("e-152")],
    overridden: [{ employeeId: "e-152", shiftId: SHIFT, kind: "pending", code: "ACLS", message: result.changes.verdicts[0].after.reasons[0].message }],
  });
  assert.deepEqual(engine.changeLog(), [logEntry]);
  assert.ok(engine.overrides().some((o) => o.by === "Dana Ruiz" && o.action === "assign" && o.employeeId === "e-152"), "overrides() lists it");
  // The log survives export and load.
  const again = Engine.restore(engine.exportJson());
  assert.deepEqual(again.changeLog(), [logEntry]);
  const next = again.apply([{ op: "unassign", employeeId: "e-152", shiftId: SHIFT }]);
  assert.equal(next.logEntry.seq, 2);
  again.free();
  engine.free();
});

test("an invalid batch answers every problem with its op's index, in op order, returned, and changes nothing", () => {
  const engine = sample();
  const original = engine.exportJson();
  const result = engine.apply([
    assign("e-102"),
    assign("nobody"),
    { op: "put", collection: "credentials", record: { id: "cr-x", employeeId: "e-102", code: "BLS", validUntil: "2027-02-30" } },
    { op: "remove", collection: "waivers", id: "no-such-waiver" },
    { op: "moveShift", shiftId: SHIFT, start: "2026-12-09T19:00:00-06:00", end: "2026-12-09T07:00:00-06:00" },
    { op: "fly" },
  ]);
  assert.equal(result.applied, false);
  assert.equal(result.refused, false);
  assert.deepEqual(result.changes, NOTHING);
  assert.deepEqual(result.errors.map((e) => [e.path, e.document]), [
    ["ops[1].employeeId", "argument"],
    ["ops[2].record.validUntil", "argument"],
    ["ops[3].id", "argument"],
    ["ops[4].end", "argument"],
    ["ops[5].op", "argument"],
  ]);
  assert.ok(result.errors.every((e) => typeof e.message === "string" && e.message.length > 0));
  assert.deepEqual(engine.exportJson(), original);
  assert.equal(engine.canUndo(), false);
  // A bad override is a problem of the batch too.
  const bad = engine.apply([assign("e-152")], { override: { by: "Dana Ruiz" } });
  assert.deepEqual(bad.errors.map((e) => e.path), ["override.reason"]);
  // Only what is not an array of operations (or not an options object) throws.
  assert.deepEqual(thrownProblems(() => engine.apply(assign("e-102"))), [["ops", "argument"]]);
  assert.deepEqual(thrownProblems(() => engine.preview("[]")), [["ops", "argument"]]);
  assert.deepEqual(thrownProblems(() => engine.apply([], { override: "Dana" })), [["options.override", "argument"]]);
  assert.deepEqual(thrownProblems(() => engine.apply([], { override: { by: 7, reason: "x" } })), [["options.override.by", "argument"]]);
  assert.deepEqual(engine.apply([]), { applied: false, refused: false, errors: [], changes: NOTHING }, "an empty batch changes nothing");
  engine.free();
});

test("preview answers what apply then answers, and changes nothing", () => {
  const engine = sample();
  const original = engine.exportJson();
  const moved = [{ op: "moveShift", shiftId: SHIFT, start: "2026-12-09T19:00:00-06:00", end: "2026-12-10T07:00:00-06:00" }, assign("e-102")];
  for (const [ops, options] of [[[assign("e-152")], undefined], [moved, undefined], [[assign("e-152")], { override: { by: "A", reason: "B" } }]]) {
    const preview = engine.preview(ops, options);
    assert.deepEqual(engine.exportJson(), original, "preview changed nothing");
    assert.equal(preview.logEntry, undefined);
    const result = engine.apply(ops, options);
    assert.deepEqual(preview, withoutLog(result));
    if (result.applied) engine.undo();
    assert.deepEqual(engine.exportJson(), original);
  }
  engine.free();
});

test("a put with a Date and unknown fields is exported as given; an employee renamed shows at once", () => {
  const engine = sample();
  const record = { id: "cr-new", employeeId: "e-152", code: "ACLS", validUntil: new Date(2028, 0, 31), status: "active", note: { nested: [1, 2.5, "x"], flag: true }, extra: null };
  const result = engine.apply([{ op: "put", collection: "credentials", record }]);
  assert.equal(result.applied, true);
  // e-152's blocked assignments (the pending ACLS) are cleared by the renewal.
  assert.ok(result.changes.verdicts.length > 0 && result.changes.verdicts.every((c) => c.employeeId === "e-152" && c.before === "block" && c.after.status === "ok"), JSON.stringify(result.changes.verdicts));
  const written = { ...record, validUntil: "2028-01-31T00:00:00.000-06:00" };
  const exported = engine.exportJson();
  assert.deepEqual(JSON.parse(exported.credentials).credentials.at(-1), written);
  assert.deepEqual(result.logEntry.ops[0].record, written, "the log keeps the record as given");
  const again = Engine.restore(exported);
  assert.deepEqual(again.exportJson(), exported, "a load of the export exports the same");
  again.free();

  // The name the tape's reader holds for e-102 is not the one after a put: the next answer says the new one.
  const name = (e) => e.candidates(SHIFT).find((c) => c.employeeId === "e-102").name;
  assert.equal(name(engine), "Daniel Okafor");
  const employee = JSON.parse(exported.roster).employees.find((e) => e.id === "e-102");
  engine.apply([{ op: "put", collection: "employees", record: { ...employee, name: "Daniel O. Okafor", badge: 42 } }]);
  assert.equal(name(engine), "Daniel O. Okafor");
  assert.deepEqual(JSON.parse(engine.exportJson().roster).employees.find((e) => e.id === "e-102"), { ...employee, name: "Daniel O. Okafor", badge: 42 });
  engine.undo();
  assert.equal(name(engine), "Daniel Okafor");
  assert.deepEqual(engine.exportJson(), exported);
  engine.redo();
  assert.equal(name(engine), "Daniel O. Okafor");
  // A batch that renames nobody keeps what the reader holds (decision 89): the names still right.
  engine.apply([{ op: "unassign", employeeId: "e-102", shiftId: SHIFT }]);
  assert.equal(name(engine), "Daniel O. Okafor");
  engine.undo();
  engine.undo();
  assert.equal(name(engine), "Daniel Okafor");
  engine.free();
});

test("a put record with prototype names keeps them as own fields in the answer, the log and the export", () => {
  const engine = sample();
  const ops = JSON.parse('[{"op": "put", "collection": "employees", "record": {"id": "__proto__", "__proto__": {"polluted": 1}, "constructor": "x"}}]');
  const result = engine.apply(ops);
  assert.equal(result.applied, true);
  const record = result.logEntry.ops[0].record;
  assert.equal(Object.getPrototypeOf(record), Object.prototype);
  assert.ok(Object.hasOwn(record, "__proto__"));
  assert.deepEqual(Object.keys(engine.changeLog()[0].ops[0].record), ["id", "__proto__", "constructor"]);
  assert.equal({}.polluted, undefined, "Object.prototype was polluted");
  assert.ok(JSON.parse(engine.exportJson().roster).employees.some((e) => e.id === "__proto__"));
  engine.free();
});

/** Node.js's property-test counts per seed, for the comparison with Chromium's. */
const PAGE_SEED = 7;
const PAGE_BATCHES = 80;

for (const seed of [1, 2]) {
  test(`live property test in Node.js, seed ${seed}`, { timeout: 120_000 }, (t) => {
    const { failures, counts } = runProperties(Engine, rosterText, credentialsText, { seed, batches: 120 });
    t.diagnostic(JSON.stringify(counts));
    assert.deepEqual(failures, []);
    for (const kind of ["applied", "refused", "invalid", "overridden", "undone", "redone"]) assert.ok(counts[kind] > 0, `no batch was ${kind}: ${JSON.stringify(counts)}`);
  });
}

// The page: the package's browser entry and the shared property test, in one load.
const PAGE = `<!doctype html><meta charset="utf-8"><title>live roster</title><script type="module" src="/page.js"></script>`;
const SCRIPT = `
import { Engine } from "/pkg/index.js";
import { runProperties } from "/live-props.mjs";
try {
  const [roster, credentials] = await Promise.all([fetch("/roster.json").then((r) => r.text()), fetch("/credentials.json").then((r) => r.text())]);
  const started = performance.now();
  const result = runProperties(Engine, roster, credentials, { seed: ${PAGE_SEED}, batches: ${PAGE_BATCHES} });
  window.result = { ...result, ms: performance.now() - started };
} catch (e) {
  window.result = { error: String((e && e.stack) || e) };
}
`;

/** 127.0.0.1: the page, /pkg/ (the built package), the shared property test and the documents. */
const serve = () =>
  servePage({
    "/": PAGE,
    "/page.js": SCRIPT,
    "/live-props.mjs": readFileSync(join(ROOT, "js-tests/live-props.mjs")),
    "/roster.json": rosterText,
    "/credentials.json": credentialsText,
  });

const skip = !existsSync(CHROMIUM) ? "no /usr/bin/chromium (make setup installs it)" : false;

test("live property test in headless Chromium, and the same counts as Node.js", { skip, timeout: 180_000 }, async (t) => {
  const server = await serve();
  const { page, errors } = await openPage(t, server);
  await page.waitForFunction(() => window.result !== undefined, null, { timeout: 150_000, polling: 500 });
  const { failures, counts, ms, error } = await page.evaluate(() => window.result);
  assert.equal(error, undefined, error);
  assert.deepEqual(errors, []);
  t.diagnostic(`${PAGE_BATCHES} batches in ${ms.toFixed(0)} ms: ${JSON.stringify(counts)}`);
  assert.deepEqual(failures, []);
  const node = runProperties(Engine, rosterText, credentialsText, { seed: PAGE_SEED, batches: PAGE_BATCHES });
  assert.deepEqual(node.failures, []);
  assert.deepEqual(counts, node.counts, "the same seed gives the same batches and outcomes in both builds");
});
