// The verdict corpus (tests/corpus/verdicts/*.json) run through the package: the runner's core,
// shared by js-tests/verdict-corpus.test.mjs in Node.js and by the page it opens in headless
// Chromium, so both builds are judged by the same code. The file format and the comparison rules
// are those of tests/it/corpus_verdicts.rs (the native runner), described at its top:
//
// - `op` is check, checkPlacement, validate or candidates; `rosterPatch`/`credentialsPatch`
//   replace top-level members of the file's documents for one case (then its `warnings`,
//   default none, replace the file's);
// - every member named in an expected object must be in the answer and equal; members not named
//   are not compared; "$absent" requires the member to be absent; arrays match item by item
//   with the same length, so the reason kinds of every verdict match exactly, in order;
// - for check, the status-only path (statusAt by dense indexes) must give the verdict's status;
// - `knownBug` marks a case where the engine disagrees with the contract: reported, not failed,
//   and a marked case that passes fails (so that the mark is removed).
//
// Nothing here imports from Node.js: it runs as is in a browser.

export const ABSENT = "$absent";

const FILE_KEYS = ["about", "roster", "credentials", "warnings", "cases"];
const CASE_KEYS = ["name", "why", "op", "employeeId", "shiftId", "placement", "ignoreShiftId", "rosterPatch", "credentialsPatch", "warnings", "expect", "knownBug"];
const OPS = ["check", "checkPlacement", "validate", "candidates"];

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const show = (v) => (v === undefined ? "nothing" : JSON.stringify(v));

/** Every difference between the expected subset and the answer, as `path: expected …, got …`. */
export function compare(expected, actual, at = "$", out = []) {
  if (isObject(expected) && isObject(actual)) {
    for (const [k, ev] of Object.entries(expected)) {
      const here = `${at}.${k}`;
      const av = Object.hasOwn(actual, k) ? actual[k] : undefined;
      if (ev === ABSENT) {
        if (av !== undefined) out.push(`${here}: expected absent, got ${show(av)}`);
      } else if (av === undefined) {
        out.push(`${here}: expected ${show(ev)}, got nothing`);
      } else {
        compare(ev, av, here, out);
      }
    }
  } else if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      const kinds = (l) => l.map((r) => r?.kind ?? "?");
      const note = [...expected, ...actual].every((r) => isObject(r) && "kind" in r) ? ` (kinds: expected ${show(kinds(expected))}, got ${show(kinds(actual))})` : "";
      out.push(`${at}: expected ${expected.length} item(s), got ${actual.length}${note}`);
    }
    const n = Math.min(expected.length, actual.length);
    for (let i = 0; i < n; i++) compare(expected[i], actual[i], `${at}[${i}]`, out);
  } else if (expected !== actual) {
    out.push(`${at}: expected ${show(expected)}, got ${show(actual)}`);
  }
  return out;
}

function verdictShape(v, at) {
  if (typeof v?.status !== "string") return `${at} must name a status`;
  if (!Array.isArray(v.reasons)) return `${at} must list its reasons`;
  const i = v.reasons.findIndex((r) => typeof r?.kind !== "string");
  return i >= 0 ? `${at}.reasons[${i}] must name its kind` : null;
}

/** Why a parsed corpus file is not valid, or null. */
export function fileProblem(file) {
  if (!isObject(file)) return "not a JSON object";
  const unknown = Object.keys(file).find((k) => !FILE_KEYS.includes(k));
  if (unknown) return `unknown key ${show(unknown)}`;
  if (typeof file.about !== "string") return '"about" must be a string';
  if (!Array.isArray(file.cases) || file.cases.length === 0) return '"cases" must be a non-empty array';
  const names = new Set();
  for (const [i, c] of file.cases.entries()) {
    const bad = (m) => `cases[${i}]${typeof c?.name === "string" ? ` (${c.name})` : ""}: ${m}`;
    if (!isObject(c)) return bad("a case must be an object");
    const k = Object.keys(c).find((k) => !CASE_KEYS.includes(k));
    if (k) return bad(`unknown key ${show(k)}`);
    if (typeof c.name !== "string" || typeof c.why !== "string") return bad('"name" and "why" must be strings');
    if (names.has(c.name)) return bad("the name is used twice");
    names.add(c.name);
    if (!OPS.includes(c.op)) return bad(`unknown op ${show(c.op)}`);
    let shape = null;
    if (c.op === "check" || c.op === "checkPlacement") shape = verdictShape(c.expect, "expect");
    if (c.op === "candidates") shape = Array.isArray(c.expect) ? c.expect.map((v, j) => verdictShape(v, `expect[${j}]`)).find(Boolean) ?? null : "expect must be an array of candidates";
    if (c.op === "validate") {
      shape = typeof c.expect?.status !== "string" || !Array.isArray(c.expect?.verdicts) || !Array.isArray(c.expect?.findings)
        ? "expect must name status, verdicts and findings"
        : c.expect.verdicts.map((v, j) => verdictShape(v, `expect.verdicts[${j}]`)).find(Boolean) ?? null;
    }
    if (shape) return bad(shape);
  }
  return null;
}

const patched = (base = {}, patch = {}) => JSON.stringify({ ...base, ...patch });

function describe(c) {
  if (c.op === "check") return `check(${show(c.employeeId)}, ${show(c.shiftId)})`;
  if (c.op === "checkPlacement") return `checkPlacement(${show(c.employeeId)}, ${show(c.placement)}, {ignoreShiftId: ${show(c.ignoreShiftId ?? null)}})`;
  if (c.op === "candidates") return `candidates(${show(c.shiftId)})`;
  return "validate()";
}

function answer(engine, c) {
  switch (c.op) {
    case "check":
      return engine.check(c.employeeId, c.shiftId);
    case "checkPlacement":
      return c.ignoreShiftId === undefined ? engine.checkPlacement(c.employeeId, c.placement) : engine.checkPlacement(c.employeeId, c.placement, { ignoreShiftId: c.ignoreShiftId });
    case "candidates":
      return engine.candidates(c.shiftId);
    default:
      return engine.validate();
  }
}

/** Loads two documents; returns `{engine}` or `{report}` (a failed load, or other warnings). */
function load(Engine, roster, credentials, warnings = []) {
  let engine;
  try {
    engine = Engine.load(roster, credentials);
  } catch (e) {
    const problems = (e.errors ?? []).map((p) => `      ${p.document} ${p.path}: ${p.message}`).join("\n");
    return { report: `    the documents do not load: ${e.message}\n${problems}` };
  }
  const got = engine.warnings.map((p) => p.path).sort();
  const want = [...warnings].sort();
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    const listed = engine.warnings.map((p) => `      ${p.path}: ${p.message}`).join("\n") || "      (none)";
    engine.free?.();
    return { report: `    load warnings: expected ${show(want)}, got:\n${listed}` };
  }
  return { engine };
}

/**
 * Runs every case of one corpus file (`text`, named `name`) with the package's `Engine`:
 * `[{file, name, why, knownBug, outcome: "passed" | "failed" | "knownBug", report}]`.
 */
export function runFile(Engine, name, text) {
  let file;
  try {
    file = JSON.parse(text);
  } catch (e) {
    return [{ file: name, name: "(file)", why: "", outcome: "failed", report: `    not JSON: ${e.message}` }];
  }
  const problem = fileProblem(file);
  if (problem) return [{ file: name, name: "(file)", why: "", outcome: "failed", report: `    not a valid corpus file: ${problem}` }];

  let base;
  const results = [];
  for (const c of file.cases) {
    const own = c.rosterPatch !== undefined || c.credentialsPatch !== undefined || c.warnings !== undefined;
    const loaded = own
      ? load(Engine, patched(file.roster, c.rosterPatch), patched(file.credentials, c.credentialsPatch), c.warnings)
      : (base ??= load(Engine, patched(file.roster), patched(file.credentials), file.warnings));
    let report = loaded.report ?? "";
    if (loaded.engine) {
      try {
        const actual = answer(loaded.engine, c);
        const diffs = compare(c.expect, actual);
        if (c.op === "check") {
          // The status-only path (the per-drag call, by dense indexes) gives the verdict's status.
          const fast = ["ok", "warn", "block"][loaded.engine.statusAt(loaded.engine.employeeIndex(c.employeeId), loaded.engine.shiftIndex(c.shiftId))];
          if (fast !== actual.status) diffs.push(`$.status: the status-only path gives ${show(fast)}, the verdict ${show(actual.status)}`);
        }
        if (diffs.length > 0) {
          report = `    ${describe(c)}: ${diffs.length} difference(s)\n${diffs.map((d) => `      ${d}`).join("\n")}\n    the answer:\n      ${JSON.stringify(actual, null, 2).replaceAll("\n", "\n      ")}`;
        }
      } catch (e) {
        report = `    ${describe(c)} threw: ${e?.stack ?? e}`;
      }
    }
    if (own) loaded.engine?.free?.();
    const outcome = c.knownBug === undefined ? (report ? "failed" : "passed") : report ? "knownBug" : "failed";
    if (c.knownBug !== undefined && !report) report = `    marked as a known bug (${c.knownBug}) but it passes now: remove the knownBug mark`;
    results.push({ file: name, name: c.name, why: c.why, knownBug: c.knownBug, outcome, report });
  }
  base?.engine?.free?.();
  return results;
}

/** Runs every file (`[{name, text}]`); the results of all their cases, in order. */
export function runCorpus(Engine, files) {
  return files.flatMap(({ name, text }) => runFile(Engine, name, text));
}

/** A failed or known-bug result, readably. */
export function formatResult(r) {
  const head = r.outcome === "knownBug" ? `=== ${r.file}/${r.name} (known bug: ${r.knownBug}) ===` : `=== ${r.file}/${r.name} ===\n    why: ${r.why}`;
  return `${head}\n${r.report}`;
}
