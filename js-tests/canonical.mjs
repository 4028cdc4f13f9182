// Canonical JSON for hashing results across builds: object keys sorted at every level, no
// whitespace, numbers as JavaScript writes them, and the check loop that writes it. Shared by js-tests/parity-large.test.mjs in
// Node.js and by the page it runs in Chromium, so both serialize with the same code; the CLI's
// output is parsed and re-serialized with it too. Sorting the keys makes the hash depend on the
// results, not on the order in which a build happens to write an object's fields.

/** `value` as canonical JSON text. */
export function canonical(value) {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
}

/** Lines per chunk: each chunk of pair verdicts is hashed on its own, to find a difference. */
export const CHUNK = 1000;

const STATUS = ["ok", "warn", "block"];

/**
 * Every pair's `check` as canonical JSON lines, and how many pairs `statusAt` answers
 * differently from `check(...).status`: the same loop in Node.js and in the page.
 */
export function checkLines(engine, pairs) {
  const lines = [];
  let statusMismatches = 0;
  for (const [e, s] of pairs) {
    const v = engine.check(e, s);
    if (STATUS[engine.statusAt(engine.employeeIndex(e), engine.shiftIndex(s))] !== v.status) statusMismatches++;
    lines.push(canonical(v));
  }
  return { lines, statusMismatches };
}
