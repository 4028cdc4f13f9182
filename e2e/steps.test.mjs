// The demo's work in steps (www/js/steps.js) and its Model built that way (www/js/model.js), in
// Node.js (no browser): `parseSteps` gives what `JSON.parse` gives, on the samples and on text
// made to trip a scanner (escaped quotes, brackets in strings, nested arrays, duplicate keys,
// `__proto__`), and throws JSON.parse's error on text that is not JSON; it yields on a large
// document; `Model.fromTexts` in steps equals `new Model` of the parsed documents.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./harness.mjs";
import { parseSteps, runNow, runSteps } from "../www/js/steps.js";
import { Model } from "../www/js/model.js";

const roster = readFileSync(join(ROOT, "www/data/roster.json"), "utf8");
const credentials = readFileSync(join(ROOT, "www/data/credentials.json"), "utf8");

/** A large document whose strings hold what a careless scanner would take for structure. */
function tricky(n) {
  const items = [];
  for (let i = 0; i < n; i++) {
    items.push({ id: `x-${i}`, note: `a "quoted" ], }, {, [, \\ and \\" and , ${i}`, nested: [[i, { a: [1, "]"] }], []], empty: {}, none: null, ok: i % 2 === 0, n: i / 3 });
  }
  return `{ "version" : 1,\n "items": ${JSON.stringify(items, null, 1)},\n "dup": 1, "__proto__": {"polluted": true}, "empty": [ ], "tail": "}", "dup": [2, 3]\n}\n`;
}

test("parseSteps answers what JSON.parse answers", () => {
  for (const text of [roster, credentials, tricky(3000), "[1, 2]", "{}", " 3 ", JSON.stringify({ big: "x".repeat(300_000), list: [] })]) {
    assert.deepEqual(runNow(parseSteps(text)), JSON.parse(text));
    assert.deepEqual(runNow(parseSteps(text, 500)), JSON.parse(text), "in pieces of 500 characters");
  }
  const value = runNow(parseSteps(tricky(3000), 500));
  assert.equal(Object.getPrototypeOf(value), Object.prototype, "__proto__ is an own property, as JSON.parse makes it");
  assert.deepEqual(Object.keys(value), Object.keys(JSON.parse(tricky(10))));
  assert.equal(value.items.length, 3000);
});

test("parseSteps throws JSON.parse's error on text that is not JSON", () => {
  const big = tricky(300);
  for (const bad of [big.slice(0, -10), big.replace('"empty": [ ]', '"empty": [1,]'), big.replace('"empty": [ ]', '"empty": [,1]'), big + "x", big.replace('"version"', "version"), "{" + big]) {
    assert.throws(() => runNow(parseSteps(bad, 500)), SyntaxError);
  }
});

test("parseSteps yields between pieces of a large document", async () => {
  const text = tricky(3000);
  let steps = 0;
  const counted = (function* () {
    const it = parseSteps(text, 2000);
    for (;;) {
      const r = it.next();
      if (r.done) return r.value;
      steps++;
      yield;
    }
  })();
  assert.deepEqual(await runSteps(counted), JSON.parse(text));
  assert.ok(steps > 5, `steps: ${steps}`);
  // Cancelled between two tasks: it stops, closes the steps and answers null. (Steps that never
  // end: a parse could finish within the first task on a fast machine, before any cancel.)
  const cancel = { cancelled: false };
  let closed = false;
  const endless = (function* () {
    try {
      for (;;) yield;
    } finally {
      closed = true;
    }
  })();
  const run = runSteps(endless, cancel);
  cancel.cancelled = true;
  assert.equal(await run, null);
  assert.ok(closed, "the cancelled steps were closed");
});

test("Model.fromTexts in steps equals new Model of the parsed documents", async () => {
  const stepwise = await runSteps(Model.fromTexts(roster, credentials, 1000));
  const direct = new Model(JSON.parse(roster), JSON.parse(credentials));
  for (const key of ["employees", "shifts", "days", "assignmentCount", "locations", "teams"]) assert.deepEqual(stepwise[key], direct[key], key);
  for (const key of ["employeeById", "shiftById", "shiftsByEmployee", "credentialsByEmployee", "trainingsByEmployee", "waiversByEmployee", "typeByCode", "roleById", "queueById"]) {
    assert.deepEqual([...stepwise[key]], [...direct[key]], key);
  }
  assert.ok(stepwise.assignmentCount > 0 && stepwise.shiftsByEmployee.size > 0);
  // Each person's shifts by start, as reindex() orders them.
  for (const list of stepwise.shiftsByEmployee.values()) {
    for (let i = 1; i < list.length; i++) assert.ok(Date.parse(list[i - 1].start) <= Date.parse(list[i].start));
  }
  assert.throws(() => runNow(Model.fromTexts("{" + roster, credentials, 1000)), SyntaxError);
});
