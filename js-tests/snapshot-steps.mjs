// Shared by js-tests/snapshot-steps.test.mjs in Node.js and in headless Chromium: an engine
// rebuilt in steps (`Engine.fromSnapshotInSteps`) answers as `Engine.fromSnapshot`'s does, and a
// damaged snapshot fails at some step or at `finish` with `fromSnapshot`'s error.

/** Runs `reader` in steps of `budget`: `{engine, steps}` or `{error, steps}`. */
function inSteps(reader, budget) {
  let steps = 0;
  try {
    for (let done = false; !done; ) {
      steps++;
      done = reader.step(budget);
    }
    return { engine: reader.finish(), steps };
  } catch (error) {
    return { error, steps };
  }
}

function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
}

/** Every way the stepwise engine differs from fromSnapshot's, as strings; and what was run. */
export function stepwiseFailures(Engine, rosterText, credentialsText) {
  const failures = [];
  const same = (what, a, b) => {
    const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
    if (x !== y) failures.push(`${what}: ${x.slice(0, 200)} !== ${y.slice(0, 200)}`);
  };
  const loaded = Engine.load(rosterText, credentialsText);
  const bytes = loaded.snapshot();
  const counts = { bytes: bytes.length };
  for (const budget of [1, 7, 100000]) {
    const one = Engine.fromSnapshot(bytes);
    const { engine, steps, error } = inSteps(Engine.fromSnapshotInSteps(bytes), budget);
    if (error) {
      failures.push(`budget ${budget}: ${error}`);
      continue;
    }
    counts[`steps of ${budget}`] = steps;
    same(`budget ${budget}: export`, engine.export(), one.export());
    same(`budget ${budget}: export of the loaded engine`, engine.export(), loaded.export());
    same(`budget ${budget}: validate`, engine.validate(), one.validate());
    same(`budget ${budget}: warnings`, engine.warnings, one.warnings);
    const shifts = one.shiftIds().slice(0, 20);
    for (const s of shifts) same(`budget ${budget}: candidates ${s}`, engine.candidates(s), one.candidates(s));
    // Edits work on it as on fromSnapshot's.
    const e = one.employeeIds()[0];
    same(`budget ${budget}: unassign`, engine.unassign(e, shifts[0]), one.unassign(e, shifts[0]));
    // (The change log's `at` is each engine's clock.)
    const timeless = (x) => ({ ...x, roster: { ...x.roster, changeLog: x.roster.changeLog.map(({ at, ...entry }) => entry) } });
    same(`budget ${budget}: export after the edit`, timeless(engine.export()), timeless(one.export()));
    engine.free();
    one.free();
  }
  if (counts["steps of 1"] <= counts["steps of 100000"]) failures.push(`steps of 1 (${counts["steps of 1"]}) are not more than steps of 100000`);
  // A finished reader does not finish twice.
  const reader = Engine.fromSnapshotInSteps(bytes);
  reader.finish().free();
  if (!thrown(() => reader.finish())) failures.push("a reader finished twice");
  // Damaged: one changed byte here and there, and cuts: the same error, at a step or at finish.
  let damaged = 0;
  for (let i = 3; i < bytes.length; i += Math.max(1, Math.floor(bytes.length / 23))) {
    for (const b of [flipped(bytes, i), bytes.slice(0, i)]) {
      const expected = thrown(() => Engine.fromSnapshot(b));
      const { error } = inSteps(Engine.fromSnapshotInSteps(b), 3);
      if (!expected || !error) {
        failures.push(`byte ${i}: fromSnapshot threw ${expected}, in steps ${error}`);
        continue;
      }
      damaged++;
      same(`byte ${i}: the error`, [error.message, error.errors], [expected.message, expected.errors]);
    }
  }
  counts.damaged = damaged;
  loaded.free();
  return { failures, counts };
}

function flipped(bytes, i) {
  const b = bytes.slice();
  b[i] ^= 0x20;
  return b;
}
