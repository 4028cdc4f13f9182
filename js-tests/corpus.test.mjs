// The load corpus (tests/corpus/load/*.json, run natively by tests/it/load_corpus.rs) run through
// the npm package: the same documents must give the same problems, with the same paths, and the
// same verdicts, in the WebAssembly build. One corpus, every engine: parity by construction.
//
// A document given as a JSON value is loaded from its text exactly as written in the case
// file (the Rust runner does the same), so `3.0`, `1e30` and key order reach the parser.
import test from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Engine, ROOT } from "./helpers.mjs";

const DIR = join(ROOT, "tests/corpus/load");

/** The raw text of the value of top-level key `key` in the JSON text `src`, or undefined. */
function rawMember(src, key) {
  let i = src.indexOf("{") + 1;
  const ws = () => {
    while (/\s/.test(src[i])) i++;
  };
  const skipString = () => {
    i++;
    while (src[i] !== '"') i += src[i] === "\\" ? 2 : 1;
    i++;
  };
  const skipValue = () => {
    ws();
    const start = i;
    if (src[i] === '"') skipString();
    else if (src[i] === "{" || src[i] === "[") {
      let depth = 0;
      do {
        if (src[i] === '"') {
          skipString();
          continue;
        }
        if (src[i] === "{" || src[i] === "[") depth++;
        if (src[i] === "}" || src[i] === "]") depth--;
        i++;
      } while (depth > 0);
    } else while (!/[,}\]\s]/.test(src[i])) i++;
    return src.slice(start, i);
  };
  for (;;) {
    ws();
    if (src[i] !== '"') return undefined;
    const keyStart = i;
    skipString();
    const k = JSON.parse(src.slice(keyStart, i));
    ws();
    i++; // ':'
    const value = skipValue();
    if (k === key) return value;
    ws();
    if (src[i] !== ",") return undefined;
    i++;
  }
}

function expand(text, generate = {}) {
  for (const [name, g] of Object.entries(generate)) {
    const made = g.repeat !== undefined ? g.repeat.repeat(g.times) : g.open.repeat(g.nest) + g.inner + g.close.repeat(g.nest);
    text = text.split(`{{${name}}}`).join(made);
  }
  return text;
}

const files = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();

test("the corpus is there", () => assert.ok(files.length >= 40, `${files.length} cases`));

for (const file of files) {
  test(`load corpus: ${file}`, () => {
    const src = readFileSync(join(DIR, file), "utf8");
    const c = JSON.parse(src);
    const gen = (s) => expand(s, c.generate);
    const doc = (name) => gen(c[`${name}Text`] ?? rawMember(src, name) ?? "{}");
    const expected = (list = []) => list.map((p) => ({ path: gen(p.path), contains: gen(p.contains ?? "") }));
    const errors = expected(c.expect?.errors);
    const warnings = expected(c.expect?.warnings);

    let engine;
    let problems;
    try {
      engine = Engine.load(doc("roster"), doc("credentials"));
      problems = engine.warnings;
    } catch (e) {
      assert.ok(Array.isArray(e.errors), `not a load error: ${e.stack}`);
      assert.ok(!e.poisoned, `the instance trapped: ${e.message}`);
      problems = e.errors;
    }
    assert.equal(engine === undefined, errors.length > 0, `${c.about}\nloaded: ${engine !== undefined}; problems: ${JSON.stringify(problems, null, 1).slice(0, 2000)}`);
    const want = errors.length > 0 ? errors : warnings;
    const left = [...problems];
    for (const w of want) {
      const at = left.findIndex((p) => p.path === w.path && p.message.includes(w.contains));
      assert.ok(at >= 0, `${file}: expected ${w.path} containing ${JSON.stringify(w.contains).slice(0, 200)}; got ${JSON.stringify(problems.map((p) => [p.path.slice(0, 100), p.message.slice(0, 200)]))}`);
      left.splice(at, 1);
    }
    assert.deepEqual(left.map((p) => p.path.slice(0, 200)), [], `${file}: unexpected problems`);
    for (const p of problems) assert.ok(p.message.length <= 1000, `a long message at ${p.path.slice(0, 100)}`);

    for (const check of c.checks ?? []) {
      const v = engine.check(gen(check.employee), gen(check.shift));
      assert.equal(v.status, check.status, `${file}: ${check.employee} on ${check.shift}: ${JSON.stringify(v)}`);
      if (check.kinds) assert.deepEqual(v.reasons.map((r) => r.kind), check.kinds);
    }
    engine?.free();
  });
}
