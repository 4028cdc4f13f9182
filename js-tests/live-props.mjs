// The live roster's property test (SPEC §6.1), shared by js-tests/live.test.mjs in Node.js and
// by the page it opens in headless Chromium, so both builds are judged by the same code.
//
// Seeded random batches over the sample documents (valid, invalid, refused, overridden: assigns,
// unassigns, moves, puts and removals of credentials, employees, shifts and trainings), each
// checked against the contract:
//
// - `validate()` after every applied batch, undo and redo (the engine's kept answer) is a fresh
//   load's of the export, to the byte;
// - `changes.verdicts` equals the difference of two full judgements, before and after: every
//   assigned pair's verdict from `validate()` (its warn and block verdicts) and `check()` (the ok
//   ones, whose info reasons `validate` leaves out), compared per (employeeId, shiftId) by status
//   and by reasons' kinds and fields, messages and order aside; `after` is exactly the verdict
//   `check` gives afterwards; `changes.findings` is the difference of `validate()`'s
//   `crewShortfall` findings;
// - `refused` is exactly "places people, newly blocks someone, no override";
// - `preview` answers exactly what `apply` then answers (but the log entry) and changes nothing;
// - an invalid or refused batch changes nothing (`exportJson()` identical);
// - `undo` restores `exportJson()` exactly and answers the reverse changes; `redo` restores the
//   state after the batch exactly.
//
// Nothing here imports from Node.js: it runs as is in a browser.

/** mulberry32: a small seeded generator, the same sequence in every engine. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const key = (e, s) => `${e}\u0000${s}`;
/** A reason without its message, as text: what §6.1 compares. */
const reasonKey = (r) => {
  const { message: _m, ...rest } = r;
  return JSON.stringify(Object.keys(rest).sort().map((k) => [k, rest[k]]));
};
const reasonsKey = (rs) => rs.map(reasonKey).sort().join("\n");
const findingKey = (f) => JSON.stringify(Object.keys(f).sort().map((k) => [k, f[k]]));

/** Every assigned pair's full verdict, and the crew findings, in the engine's present state. */
export function judge(engine) {
  const roster = JSON.parse(engine.exportJson().roster);
  const validation = engine.validate();
  const verdicts = new Map();
  for (const v of validation.verdicts) verdicts.set(key(v.employeeId, v.shiftId), v);
  const pairs = new Map();
  for (const s of roster.shifts ?? []) {
    for (const e of s.assigned ?? []) {
      const k = key(e, s.id);
      let v = verdicts.get(k);
      if (v === undefined) {
        v = engine.check(e, s.id);
        if (v.status !== "ok") throw new Error(`validate() left out ${e} on ${s.id}, whose status is ${v.status}`);
      }
      pairs.set(k, v);
    }
  }
  const crew = validation.findings.filter((f) => f.kind === "crewShortfall").map(findingKey);
  return { pairs, crew };
}

/** The changes §6.1 says a batch makes, from two judgements: `{verdicts: Map, added, removed}`. */
export function expectedChanges(before, after) {
  const verdicts = new Map();
  for (const [k, b] of before.pairs) {
    const a = after.pairs.get(k);
    if (a === undefined) verdicts.set(k, { before: b.status, after: null });
    else if (a.status !== b.status || reasonsKey(a.reasons) !== reasonsKey(b.reasons)) verdicts.set(k, { before: b.status, after: a });
  }
  for (const [k, a] of after.pairs) if (!before.pairs.has(k)) verdicts.set(k, { before: null, after: a });
  const minus = (x, y) => {
    const left = [...y];
    return x.filter((f) => {
      const i = left.indexOf(f);
      if (i < 0) return true;
      left.splice(i, 1);
      return false;
    });
  };
  return { verdicts, added: minus(after.crew, before.crew).sort(), removed: minus(before.crew, after.crew).sort() };
}

/** The differences between an answer's `changes` and the expected ones, as lines. */
export function compareChanges(changes, expected, what) {
  const out = [];
  const got = new Map();
  for (const c of changes.verdicts) {
    const k = key(c.employeeId, c.shiftId);
    if (got.has(k)) out.push(`${what}: ${c.employeeId} on ${c.shiftId} is listed twice`);
    got.set(k, c);
  }
  for (const [k, x] of expected.verdicts) {
    const c = got.get(k);
    const [e, s] = k.split("\u0000");
    if (c === undefined) {
      out.push(`${what}: ${e} on ${s} changed (${x.before} -> ${x.after?.status ?? null}) but is not listed`);
      continue;
    }
    if (c.before !== x.before) out.push(`${what}: ${e} on ${s}: before ${c.before}, expected ${x.before}`);
    if (JSON.stringify(c.after) !== JSON.stringify(x.after)) out.push(`${what}: ${e} on ${s}: after ${JSON.stringify(c.after)}, expected ${JSON.stringify(x.after)}`);
  }
  for (const [k, c] of got) {
    if (!expected.verdicts.has(k)) out.push(`${what}: ${c.employeeId} on ${c.shiftId} is listed (${c.before} -> ${c.after?.status ?? null}) but did not change`);
  }
  const added = changes.findings.added.map(findingKey).sort();
  const removed = changes.findings.removed.map(findingKey).sort();
  if (JSON.stringify(added) !== JSON.stringify(expected.added)) out.push(`${what}: findings added ${JSON.stringify(added)}, expected ${JSON.stringify(expected.added)}`);
  if (JSON.stringify(removed) !== JSON.stringify(expected.removed)) out.push(`${what}: findings removed ${JSON.stringify(removed)}, expected ${JSON.stringify(expected.removed)}`);
  return out;
}

/** An RFC 3339 instant moved by `hours`, keeping its written offset. */
export function moveInstant(text, hours) {
  const m = /([+-])(\d\d):(\d\d)$/.exec(text);
  const offsetMin = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const ms = Date.parse(text) + hours * 3600e3;
  const local = new Date(ms + offsetMin * 60e3).toISOString().slice(0, 19);
  return local + (m ? m[0] : "Z");
}

/** One random operation over the documents as they are now (`roster`, `credentials` parsed). */
function randomOp(rand, roster, credentials, n) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const employees = roster.employees ?? [];
  const shifts = roster.shifts ?? [];
  const records = credentials.credentials ?? [];
  const codes = (credentials.credentialTypes ?? []).map((t) => t.code);
  const x = rand();
  if (x < 0.3) {
    return { op: "assign", employeeId: pick(employees).id, shiftId: pick(shifts).id };
  }
  if (x < 0.45) {
    const staffed = shifts.filter((s) => (s.assigned ?? []).length > 0);
    const s = pick(staffed);
    return { op: "unassign", employeeId: pick(s.assigned), shiftId: s.id };
  }
  if (x < 0.6) {
    const s = pick(shifts);
    const hours = pick([-36, -24, -12, -6, -3, 3, 6, 12, 24, 48]);
    return { op: "moveShift", shiftId: s.id, start: moveInstant(s.start, hours), end: moveInstant(s.end, hours) };
  }
  if (x < 0.75) {
    // A renewal, a lapse, a suspension or a brand-new record: facts from the HR system.
    const r = pick(records);
    const record = { ...r };
    const y = rand();
    if (y < 0.3) record.validUntil = pick(["2025-12-31", "2026-12-08", "2026-12-10", "2028-06-30", "2027-01"]);
    else if (y < 0.5) record.status = pick(["active", "pending", "suspended", "revoked"]);
    else if (y < 0.7) {
      record.id = `prop-${n}`;
      record.code = pick(codes);
      record.validUntil = pick(["2026-12-15", "2029-01-01", null]);
      record.note = { from: "property test", n };
    } else record.validFrom = pick(["2026-12-05", "2026-11-01"]);
    return { op: "put", collection: "credentials", record };
  }
  if (x < 0.82) return { op: "remove", collection: "credentials", id: pick(records).id };
  if (x < 0.9) {
    const e = pick(employees);
    const roles = (roster.roles ?? []).map((r) => r.id);
    return { op: "put", collection: "employees", record: { ...e, roleIds: [pick(roles)] } };
  }
  if (x < 0.92) return { op: "remove", collection: "employees", id: pick(employees).id };
  if (x < 0.95) {
    // A shift put: a new one staffed by someone, or an existing one restaffed (it places people).
    const s = pick(shifts);
    const fresh = rand() < 0.5;
    return { op: "put", collection: "shifts", record: { ...s, id: fresh ? `prop-shift-${n}` : s.id, assigned: fresh ? [pick(employees).id] : [...(s.assigned ?? []).slice(1), pick(employees).id] } };
  }
  const trainings = credentials.trainings ?? [];
  if (x < 0.97 && trainings.length > 0) {
    const t = pick(trainings);
    const hours = pick([-48, -24, 24, 48]);
    return { op: "put", collection: "trainings", record: { ...t, start: moveInstant(t.start, hours), end: moveInstant(t.end, hours) } };
  }
  if (x < 0.98) return { op: "remove", collection: "shifts", id: pick(shifts).id };
  // Invalid: an unknown id, a date that does not exist, an unknown op or collection.
  return pick([
    { op: "assign", employeeId: "nobody", shiftId: pick(shifts).id },
    { op: "put", collection: "credentials", record: { id: "bad", employeeId: pick(employees).id, code: pick(codes), validUntil: "2027-02-30" } },
    { op: "fly" },
    { op: "remove", collection: "credentials", id: "no-such-record" },
    { op: "moveShift", shiftId: pick(shifts).id, start: "2026-12-09T19:00:00-06:00", end: "2026-12-09T07:00:00-06:00" },
  ]);
}

const placesPeople = (op) => op.op === "assign" || op.op === "moveShift" || (op.op === "put" && op.collection === "shifts");
const withoutLog = (r) => {
  const { logEntry: _l, ...rest } = r;
  return rest;
};

/**
 * Runs `batches` random batches on a fresh engine from the two texts, with `seed`. Returns
 * `{failures, counts}`: every broken rule as a line (at most 40), and how many batches were
 * applied, refused, invalid, overridden, undone and redone (so the caller can check that each
 * kind was exercised).
 */
export function runProperties(Engine, rosterText, credentialsText, { seed = 1, batches = 150 } = {}) {
  const rand = random(seed);
  const engine = Engine.load(rosterText, credentialsText);
  const failures = [];
  const counts = { applied: 0, refused: 0, invalid: 0, overridden: 0, noop: 0, undone: 0, redone: 0 };
  const fail = (line) => failures.length < 40 && failures.push(line);
  // The engine keeps its validation and refreshes it after each batch, undo and redo (decision
  // 70): what it answers is a fresh load's `validate()` of its export, to the byte.
  // `validate()` sends only what changed since the engine's previous answer (decision 89): the
  // answer after an edit is still the reload's, each call gives a new array the caller may
  // change, the verdicts are frozen, and a second call with nothing changed reuses every one.
  const keptIsFresh = (context) => {
    const x = engine.exportJson();
    const fresh = Engine.load(x.roster, x.credentials);
    try {
      const mine = engine.validate();
      const expected = JSON.stringify(fresh.validate());
      if (JSON.stringify(mine) !== expected) fail(`${context}: validate() differs from a reload's`);
      if (!mine.verdicts.every((v) => Object.isFrozen(v) && Object.isFrozen(v.reasons) && v.reasons.every(Object.isFrozen) && Object.isFrozen(v.evidence))) fail(`${context}: a verdict of validate() is not frozen`);
      // The caller's changes to its answer do not reach the next one.
      const first = mine.verdicts[0];
      mine.verdicts.reverse();
      mine.verdicts.push({ employeeId: "x", shiftId: "y", status: "block", reasons: [], evidence: [] });
      mine.status = "bogus";
      mine.findings.push({ kind: "bogus" });
      if (first !== undefined) {
        try {
          first.status = "bogus";
          first.reasons.length = 0;
        } catch {
          // Frozen: assigning throws in strict code, as a module is.
        }
      }
      const again = engine.validate();
      if (JSON.stringify(again) !== expected) fail(`${context}: a second validate(), after the first answer was changed, differs from a reload's`);
      if (again.verdicts === mine.verdicts) fail(`${context}: validate() returned the same array twice`);
      const reused = again.verdicts.filter((v, i) => v === mine.verdicts[mine.verdicts.length - 2 - i]).length;
      if (reused !== again.verdicts.length) fail(`${context}: validate() with nothing changed made ${again.verdicts.length - reused} of ${again.verdicts.length} verdicts again`);
    } finally {
      fresh.free();
    }
  };
  try {
    let state = judge(engine);
    for (let n = 0; n < batches && failures.length === 0; n++) {
      const exported = engine.exportJson();
      const roster = JSON.parse(exported.roster);
      const credentials = JSON.parse(exported.credentials);
      const size = 1 + Math.floor(rand() * 3);
      const ops = Array.from({ length: size }, (_, i) => randomOp(rand, roster, credentials, `${n}-${i}`));
      const override = rand() < 0.25 ? { by: "Property Test", reason: `batch ${n}`, at: "2026-12-01T09:00:00-06:00" } : undefined;
      const options = override ? { override } : undefined;
      const what = `seed ${seed}, batch ${n} ${JSON.stringify(ops)}${override ? " with an override" : ""}`;

      const preview = engine.preview(ops, options);
      if (engine.exportJson().roster !== exported.roster || engine.exportJson().credentials !== exported.credentials) fail(`${what}: preview changed the documents`);
      const result = engine.apply(ops, options);
      if (JSON.stringify(preview) !== JSON.stringify(withoutLog(result))) fail(`${what}: preview ${JSON.stringify(preview)} but apply ${JSON.stringify(withoutLog(result))}`);

      if (result.errors.length > 0) {
        counts.invalid++;
        if (result.applied || result.refused) fail(`${what}: invalid but applied ${result.applied}, refused ${result.refused}`);
        if (!result.errors.every((e) => /^ops\[\d+\]/.test(e.path))) fail(`${what}: an error without its op's index: ${JSON.stringify(result.errors)}`);
        if (result.changes.verdicts.length > 0) fail(`${what}: invalid, yet changes listed`);
      }
      if (!result.applied) {
        const now = engine.exportJson();
        if (now.roster !== exported.roster || now.credentials !== exported.credentials) fail(`${what}: not applied, yet the documents changed`);
        if (result.errors.length > 0) continue;
        if (!result.refused) {
          counts.noop++;
          if (result.changes.verdicts.length > 0) fail(`${what}: changed nothing, yet changes listed`);
          continue;
        }
        // Refused: its changes are those the same batch makes over an override (then undone).
        counts.refused++;
        const blocks = result.changes.verdicts.some((c) => c.before !== "block" && c.after?.status === "block");
        if (override || !blocks || !ops.some(placesPeople)) fail(`${what}: refused, yet the rule does not refuse it`);
        const forced = engine.apply(ops, { override: { by: "Property Test", reason: "refused batch, checked" } });
        if (!forced.applied) fail(`${what}: refused, yet not applied over an override`);
        if (JSON.stringify(forced.changes) !== JSON.stringify(result.changes)) fail(`${what}: refused with changes ${JSON.stringify(result.changes)}, applied over an override with ${JSON.stringify(forced.changes)}`);
        for (const line of compareChanges(forced.changes, expectedChanges(state, judge(engine)), `${what}, over an override`)) fail(line);
        engine.undo();
        const back = engine.exportJson();
        if (back.roster !== exported.roster || back.credentials !== exported.credentials) fail(`${what}: undo of the overridden batch did not restore exportJson() exactly`);
        continue;
      }
      const after = judge(engine);
      keptIsFresh(what);
      for (const line of compareChanges(result.changes, expectedChanges(state, after), what)) fail(line);
      const newlyBlocked = result.changes.verdicts.some((c) => c.before !== "block" && c.after?.status === "block");
      if (newlyBlocked && ops.some(placesPeople) && !override) fail(`${what}: applied, yet it places people and newly blocks someone`);
      counts.applied++;
      if (result.logEntry?.override) counts.overridden++;
      const log = engine.changeLog();
      if (JSON.stringify(log[log.length - 1]) !== JSON.stringify(result.logEntry)) fail(`${what}: the change log's last entry is not the answer's`);
      if (!engine.canUndo() || engine.canRedo()) fail(`${what}: after apply, canUndo ${engine.canUndo()}, canRedo ${engine.canRedo()}`);
      state = after;
      if (rand() < 0.4) {
        const applied = engine.exportJson();
        const undone = engine.undo();
        counts.undone++;
        const back = engine.exportJson();
        if (back.roster !== exported.roster || back.credentials !== exported.credentials) fail(`${what}: undo did not restore exportJson() exactly`);
        const reverted = judge(engine);
        keptIsFresh(`${what}, undone`);
        for (const line of compareChanges(undone.changes, expectedChanges(after, reverted), `${what}, undone`)) fail(line);
        if (!undone.applied || !engine.canRedo()) fail(`${what}: undo answered applied ${undone.applied}, canRedo ${engine.canRedo()}`);
        state = reverted;
        if (rand() < 0.5) {
          const redone = engine.redo();
          counts.redone++;
          const again = engine.exportJson();
          if (again.roster !== applied.roster || again.credentials !== applied.credentials) fail(`${what}: redo did not restore the state after the batch exactly`);
          const re = judge(engine);
          keptIsFresh(`${what}, redone`);
          for (const line of compareChanges(redone.changes, expectedChanges(reverted, re), `${what}, redone`)) fail(line);
          state = re;
        }
      }
    }
  } finally {
    engine.free();
  }
  return { failures, counts };
}
