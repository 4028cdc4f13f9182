// Canonical JSON for hashing results across builds: object keys sorted at every level, no
// whitespace, numbers as JavaScript writes them. Shared by js-tests/parity-large.test.mjs in
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

/** The pairs checked: every assigned pair in roster order, then `sample` seeded unassigned ones. */
export function pairsOf(roster, { seed, sample }) {
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
  let a = seed >>> 0; // mulberry32
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let n = 0, tries = 0; n < sample && employees.length && shifts.length && tries < sample * 10; tries++) {
    const e = employees[Math.floor(next() * employees.length)];
    const s = shifts[Math.floor(next() * shifts.length)];
    if (assigned.has(`${e}\u0000${s}`)) continue;
    pairs.push([e, s]);
    n++;
  }
  return pairs;
}
