// The built package's API in Node.js, on the sample documents (www/data): load from text and
// objects, warnings, verdicts, candidates, the per-drag path, edits with overrides, export
// round trips, errors with paths, Date arguments, the tracking reports, and the guard that
// turns a trapped instance into a clear Error.
import test from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { Engine, PKG, ROOT, ROSTER_PATH, CREDENTIALS_PATH, sample, rosterText, credentialsText, thrownProblems, undefinedKeys, cli } from "./helpers.mjs";

// A `Date` argument is read in the process's local time zone: the expectations below that
// write UTC text hold in UTC, so this file pins it (the Date rule itself is tested in another
// zone, in a child process, below).
process.env.TZ = "UTC";

const roster = JSON.parse(rosterText);
const credentials = JSON.parse(credentialsText);
const AS_OF = "2026-12-07T06:00:00-06:00";

test("loads JSON text and plain objects alike", () => {
  const a = sample();
  const b = Engine.load(roster, credentials);
  assert.deepEqual(b.validate(), a.validate());
  assert.deepEqual(a.warnings, []);
  assert.equal(a.employeeIds().length, roster.employees.length);
  assert.deepEqual(a.shiftIds(), roster.shifts.map((s) => s.id));
});

test("document text crosses as UTF-8 whatever its characters (TextEncoder.encodeInto into the memory)", () => {
  const ids = ["é", "😀", "日本", "a\u0000b", "x".repeat(5000) + "é", "é".repeat(3000), "😀".repeat(2000) + "z", "\ud800", "a\udc00b", "end"];
  const roster = { teams: ids.map((id, i) => ({ id, name: `${i}` })) };
  // JSON.stringify escapes lone surrogates; raw in the text, they cross as U+FFFD, as
  // TextEncoder (and wasm-bindgen's own strings) write them.
  const text = JSON.stringify(roster).replace(/\\ud[89a-f][0-9a-f]{2}/g, (e) => JSON.parse(`"${e}"`));
  const expected = ids.map((id, i) => ({ id: id.toWellFormed(), name: `${i}` }));
  for (const input of [text, "\ufeff" + text, " ".repeat(70000) + text + "\n"]) {
    assert.deepEqual(Engine.load(input, "{}").export().roster.teams, expected);
  }
  assert.deepEqual(Engine.load({ teams: roster.teams.slice(0, 7) }, "{}").export().roster.teams, expected.slice(0, 7));
  assert.throws(() => Engine.load(undefined, "{}"), /roster: expected a JSON object, found null/);
  assert.throws(() => Engine.load(text + "é", "{}"), /roster: malformed JSON at line 1, column 10243: unexpected text after the end/);
});

test("a document of more than 64 MiB crosses in several pieces, whole", () => {
  // The text crosses in pieces of at most 64 MiB: exactly full pieces of ASCII, and pieces
  // that end inside a character of two or four bytes, must read back as the same text.
  const mib = 1 << 20;
  const plain = " ".repeat(64 * mib) + JSON.stringify({ teams: [{ id: "t", name: "x".repeat(3 * mib) }] });
  assert.equal(Engine.load(plain, "{}").export().roster.teams[0].name.length, 3 * mib);
  const name = "é".repeat(33 * mib + 1) + "😀".repeat(mib) + "z";
  const wide = JSON.stringify({ teams: [{ id: "é", name }] });
  assert.equal(Engine.load(wide, "{}").export().roster.teams[0].name, name);
});

test("verdicts are plain objects, camelCase, with absent fields omitted", () => {
  const engine = sample();
  const validation = engine.validate();
  assert.equal(validation.status, "block");
  assert.deepEqual(undefinedKeys(validation), []);
  for (const v of validation.verdicts) {
    const again = engine.check(v.employeeId, v.shiftId);
    assert.equal(Object.getPrototypeOf(again), Object.prototype);
    assert.deepEqual(again, v);
    for (const r of again.reasons) {
      assert.ok(["info", "warn", "block"].includes(r.severity));
      assert.equal(typeof r.message, "string");
      assert.ok(!("waiverId" in r) || r.kind === "waived", JSON.stringify(r));
    }
  }
  const kinds = new Set(validation.verdicts.flatMap((v) => v.reasons.map((r) => r.kind)));
  assert.ok(kinds.size >= 8, `the sample shows many reason kinds: ${[...kinds]}`);
});

test("candidates: every employee, best first, agreeing with check and the fast path", () => {
  const engine = sample();
  const order = { ok: 0, warn: 1, block: 2 };
  for (const shiftId of engine.shiftIds().filter((_, i) => i % 10 === 0)) {
    const list = engine.candidates(shiftId);
    assert.equal(list.length, roster.employees.length);
    for (let i = 1; i < list.length; i++) assert.ok(order[list[i - 1].status] <= order[list[i].status]);
    const statuses = engine.candidateStatuses(shiftId);
    assert.ok(statuses instanceof Uint8Array);
    const s = engine.shiftIndex(shiftId);
    for (const c of list) {
      const e = engine.employeeIndex(c.employeeId);
      assert.equal(statuses[e], order[c.status]);
      assert.equal(engine.statusAt(e, s), order[c.status]);
      assert.equal(engine.check(c.employeeId, shiftId).status, c.status);
    }
  }
  assert.equal(engine.statusAt(10_000, 0), 3);
  assert.equal(engine.statusAt(0, -1), 3);
  assert.equal(engine.employeeIndex("nobody"), undefined);
  assert.equal(engine.shiftIndex("nothing"), undefined);
});

test("unknown ids and bad arguments throw an Error with paths", () => {
  const engine = sample();
  const [e0, s0] = [roster.employees[0].id, roster.shifts[0].id];
  assert.deepEqual(thrownProblems(() => engine.check("nobody", s0)), [["employeeId", "argument"]]);
  assert.deepEqual(thrownProblems(() => engine.check(e0, "nothing")), [["shiftId", "argument"]]);
  assert.deepEqual(thrownProblems(() => engine.candidates("nothing")), [["shiftId", "argument"]]);
  assert.deepEqual(thrownProblems(() => engine.candidateStatuses("nothing")), [["shiftId", "argument"]]);
  assert.deepEqual(thrownProblems(() => engine.assign("nobody", s0)), [["employeeId", "argument"]]);
  assert.deepEqual(
    thrownProblems(() => engine.checkPlacement(e0, { start: "2026-12-08T07:00:00", end: "2026-12-08T19:00:00-06:00" })),
    [["placement.start", "argument"]],
  );
  assert.deepEqual(thrownProblems(() => engine.checkPlacement(e0, { end: "2026-12-08T19:00:00-06:00" })), [["placement.start", "argument"]]);
  assert.deepEqual(
    thrownProblems(() => engine.checkPlacement(e0, { start: "2026-12-08T07:00:00Z", end: "2026-12-08T19:00:00Z", locationId: "mars" })),
    [["placement.locationId", "argument"]],
  );
  // Every bad field of a placement, not the first only.
  assert.deepEqual(
    thrownProblems(() => engine.checkPlacement(e0, { start: "2026-12-08T07:00:00", end: "x", locationId: "mars", queueIds: ["q?"], requires: "NOPE" })),
    [["placement.start", "argument"], ["placement.end", "argument"], ["placement.locationId", "argument"], ["placement.queueIds[0]", "argument"], ["placement.requires", "argument"]],
  );
  assert.deepEqual(
    thrownProblems(() => engine.checkPlacement(e0, { start: "2026-12-08T07:00:00Z", end: "2026-12-08T19:00:00Z" }, { ignoreShiftId: 7 })),
    [["options.ignoreShiftId", "argument"]],
  );
  assert.deepEqual(thrownProblems(() => engine.moveShift(s0, 42, "2026-12-08T19:00:00Z")), [["start", "argument"]]);
  assert.deepEqual(thrownProblems(() => engine.moveShift(s0, new Date(NaN), "2026-12-08T19:00:00Z")), [["start", "argument"]]);
  assert.deepEqual(thrownProblems(() => engine.alerts(AS_OF, { days: -1 })), [["options.days", "argument"]]);
  assert.deepEqual(thrownProblems(() => engine.gaps(AS_OF, "2026-12-21T00:00:00-06:00", { groupBy: "floor" })), [["groupBy", "argument"]]);
  assert.deepEqual(thrownProblems(() => engine.holders("NOPE", AS_OF)), [["code", "argument"]]);
});

test("an id, code or kind that is not a string throws an argument error and the engine lives on", () => {
  // wasm-bindgen's glue for a `&str` parameter reads the argument's `length` unchecked: a
  // number there reached the allocator with no length and trapped the instance. Every string
  // parameter is checked in the façade instead.
  const engine = sample();
  const [e0, s0] = [roster.employees[0].id, roster.shifts[0].id];
  const at = "2026-12-08T07:00:00Z";
  const place = { start: "2026-12-08T07:00:00Z", end: "2026-12-08T19:00:00Z" };
  const calls = {
    employeeId: [(x) => engine.check(x, s0), (x) => engine.checkPlacement(x, place), (x) => engine.checkMoved(x, s0, at, at), (x) => engine.assign(x, s0), (x) => engine.unassign(x, s0), (x) => engine.standing(x, AS_OF)],
    shiftId: [(x) => engine.check(e0, x), (x) => engine.checkMove(x, at, at), (x) => engine.checkMoved(e0, x, at, at), (x) => engine.assigned(x), (x) => engine.candidates(x), (x) => engine.candidateStatuses(x), (x) => engine.assign(e0, x), (x) => engine.unassign(e0, x), (x) => engine.moveShift(x, at, at)],
    code: [(x) => engine.holders(x, AS_OF)],
    kind: [(x) => Engine.importCsv(x, "a,b\n")],
  };
  for (const bad of [0, 7, null, undefined, {}, [], true]) {
    for (const [path, list] of Object.entries(calls)) {
      for (const call of list) assert.deepEqual(thrownProblems(() => call(bad)), [[path, "argument"]], `${call} with ${JSON.stringify(bad)}`);
    }
    assert.equal(engine.employeeIndex(bad), undefined);
    assert.equal(engine.shiftIndex(bad), undefined);
  }
  assert.throws(() => engine.candidateStatuses(0), /expected a string, found number/);
  assert.throws(() => engine.check(null, s0), /expected a string, found null/);
  // Nothing trapped: the same engine answers.
  assert.equal(engine.candidateStatuses(s0).length, roster.employees.length);
  assert.equal(engine.check(e0, s0).employeeId, e0);
});

test("alerts carry their basis: a currency lapsing before the expiry (SPEC §8.1)", () => {
  const creds = {
    credentialTypes: [{ code: "PIC", alertDays: [30], currency: { event: "landing", min: 2, withinDays: 30 } }],
    credentials: [
      { id: "c1", employeeId: "e1", code: "PIC", validUntil: "2027-06" },
      { id: "c2", employeeId: "e2", code: "PIC", validUntil: "2026-12-15" },
    ],
    events: [
      { id: "v1", employeeId: "e1", kind: "landing", at: "2026-11-20T10:00:00-06:00", count: 2 },
      { id: "v2", employeeId: "e2", kind: "landing", at: "2026-11-20T10:00:00-06:00", count: 2 },
    ],
  };
  const rost = { employees: [{ id: "e1" }, { id: "e2" }] };
  const engine = Engine.load(rost, creds);
  const alerts = engine.alerts("2026-12-07T08:00:00-06:00");
  const got = alerts.map((a) => [a.employeeId, a.basis, a.validUntil, a.daysLeft, a.bucket, a.renewalTrainingId]);
  assert.deepEqual(got, [
    ["e2", "expiry", "2026-12-15", 8, 30, null],
    ["e1", "currency", "2026-12-20T10:00:00-06:00", 13, 30, null],
  ]);
  assert.deepEqual(undefinedKeys(alerts), []);
  assert.match(alerts[1].message, /stays current until 10:00 on 20 Dec, in 13 days; needs 2 landing in 30 days/);
  // The renewal planner plans the expiry only.
  const plan = engine.planRenewals("2026-12-07T08:00:00-06:00", { horizonDays: 30 });
  assert.deepEqual([...plan.unmet, ...plan.bookings].map((n) => n.employeeId), ["e2"]);
});

test("a load failure lists every problem in both documents, with paths", () => {
  const bad = structuredClone(roster);
  bad.shifts[2].end = bad.shifts[2].start;
  bad.shifts[5].locationId = "mars";
  const badCreds = structuredClone(credentials);
  badCreds.credentials[12].validUntil = "2026-13-01";
  let err;
  try {
    Engine.load(bad, badCreds);
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof Error);
  assert.match(err.message, /could not be loaded \(3 problems\)/);
  assert.deepEqual(
    err.errors.map((p) => [p.path, p.document]),
    [["shifts[2].end", "roster"], ["shifts[5].locationId", "roster"], ["credentials[12].validUntil", "credentials"]],
  );
  assert.match(err.errors[2].message, /2026-13-01/);
  assert.deepEqual(thrownProblems(() => Engine.load("{", "[]")), [["roster", "roster"], ["credentials", "credentials"]]);
  assert.deepEqual(thrownProblems(() => Engine.load(undefined, {})), [["roster", "roster"]]);
  const cyclic = {};
  cyclic.self = cyclic;
  assert.deepEqual(thrownProblems(() => Engine.load(cyclic, {})), [["roster", "argument"]]);
  assert.deepEqual(thrownProblems(() => Engine.load('{"employees": [], "employees": []}', {})), [["employees", "roster"]]);
});

test("warnings: kept records, near-miss fields", () => {
  const creds = structuredClone(credentials);
  creds.credentials[0].validUntill = "2027-01-01";
  creds.credentials.push({ id: "cr-x", employeeId: "e-999", code: "BLS", validUntil: null });
  const engine = Engine.load(roster, creds);
  const paths = engine.warnings.map((w) => w.path);
  assert.ok(paths.includes("credentials[0].validUntill"), paths.join());
  assert.ok(paths.includes(`credentials[${creds.credentials.length - 1}].employeeId`), paths.join());
  assert.match(engine.warnings.find((w) => w.path === "credentials[0].validUntill").message, /did you mean/);
  // Kept and exported.
  assert.equal(engine.export().credentials.credentials[0].validUntill, "2027-01-01");
});

test("placements: a new shift has a null id; Date arguments cross as ISO text", () => {
  const engine = sample();
  const shift = roster.shifts[0];
  const e0 = shift.assigned[0];
  const fresh = engine.checkPlacement(e0, { start: new Date(shift.start), end: new Date(shift.end), locationId: shift.locationId, roleId: shift.roleId });
  assert.equal(fresh.shiftId, null);
  assert.deepEqual(undefinedKeys(fresh), []);
  // The same time as the shift itself overlaps it...
  assert.ok(fresh.reasons.some((r) => r.kind === "overlap" && r.shiftId === shift.id), JSON.stringify(fresh));
  // ...unless it is the shift being dragged.
  const dragged = engine.checkPlacement(e0, { start: shift.start, end: shift.end, locationId: shift.locationId, roleId: shift.roleId }, { ignoreShiftId: shift.id });
  assert.equal(dragged.shiftId, shift.id);
  assert.deepEqual(dragged, { ...engine.check(e0, shift.id) });
});

test("edits: refused when blocked, made and logged with an override, undone by unassign", () => {
  const engine = sample();
  const shift = roster.shifts.find((s) => engine.candidates(s.id).some((c) => c.status === "block" && !c.assigned));
  const blocked = engine.candidates(shift.id).find((c) => c.status === "block" && !c.assigned);
  const before = engine.validate();

  const refused = engine.assign(blocked.employeeId, shift.id);
  assert.equal(refused.refused, true);
  assert.equal(refused.applied, false);
  assert.deepEqual(engine.validate(), before, "a refused edit changes nothing");

  assert.deepEqual(thrownProblems(() => engine.assign(blocked.employeeId, shift.id, { by: "", reason: "x" })), [["override.by", "argument"]]);
  assert.deepEqual(thrownProblems(() => engine.assign(blocked.employeeId, shift.id, { by: "m", reason: 3 })), [["override.reason", "argument"]]);
  assert.deepEqual(thrownProblems(() => engine.assign(blocked.employeeId, shift.id, "m-3")), [["override", "argument"]]);

  const t0 = Date.now();
  const made = engine.assign(blocked.employeeId, shift.id, { by: "m-3", reason: "agency cover, checked by phone" });
  assert.equal(made.applied, true);
  assert.equal(made.verdict.status, "block");
  assert.ok(made.created.length > 0);
  assert.equal(made.override.by, "m-3");
  assert.equal(made.override.action, "assign");
  assert.ok(Math.abs(Date.parse(made.override.at) - t0) < 60_000, `at defaults to now: ${made.override.at}`);
  const at = new Date("2026-12-06T10:00:00Z");
  const second = engine.candidates(shift.id).find((c) => c.status === "block" && !c.assigned);
  if (second) {
    const withDate = engine.assign(second.employeeId, shift.id, { by: "m-3", reason: "second", at });
    assert.equal(withDate.override.at, "2026-12-06T10:00:00Z");
    engine.unassign(second.employeeId, shift.id);
  }
  assert.equal(engine.overrides().length, second ? 2 : 1);

  const undone = engine.unassign(blocked.employeeId, shift.id);
  assert.equal(undone.applied, true);
  assert.deepEqual(undone.cleared.map((f) => f.kind).sort(), made.created.map((f) => f.kind).sort());
  assert.deepEqual(engine.validate(), before);
});

test("checkMove previews moveShift without moving; checkMoved judges anyone at the new time", () => {
  const engine = sample();
  const shift = roster.shifts.find((s) => s.assigned.length > 1) ?? roster.shifts[0];
  const start = "2026-12-08T07:00:00-06:00";
  const end = "2026-12-08T19:00:00-06:00";
  const before = engine.validate();
  const preview = engine.checkMove(shift.id, new Date(start), end);
  assert.deepEqual(engine.validate(), before);
  assert.deepEqual(preview.map((v) => v.employeeId), engine.assigned(shift.id));
  const other = roster.employees.find((e) => !shift.assigned.includes(e.id)).id;
  assert.equal(engine.checkMoved(other, shift.id, start, end).shiftId, shift.id);
  assert.deepEqual(engine.checkMoved(shift.assigned[0], shift.id, start, end), engine.checkMove(shift.id, start, end)[0]);
  const moved = engine.moveShift(shift.id, start, end, { by: "m", reason: "preview test" });
  assert.deepEqual(moved.verdicts, engine.checkMove(shift.id, start, end).length ? preview.map((v) => engine.check(v.employeeId, shift.id)) : []);
  assert.deepEqual(thrownProblems(() => engine.checkMove(shift.id, end, start)), [["end", "argument"]]);
  assert.deepEqual(thrownProblems(() => engine.assigned("nothing")), [["shiftId", "argument"]]);
});

test("moveShift takes Dates and strings, and export round-trips every edit", () => {
  const engine = sample();
  const shift = roster.shifts[0];
  const start = new Date(Date.parse(shift.start) + 3_600_000);
  const end = new Date(Date.parse(shift.end) + 3_600_000);
  const moved = engine.moveShift(shift.id, start, end, { by: "m-1", reason: "later start" });
  assert.equal(moved.applied, true);
  assert.ok(Array.isArray(moved.verdicts));
  const exported = engine.export();
  const s = exported.roster.shifts.find((x) => x.id === shift.id);
  assert.equal(s.start, start.toISOString().replace(".000Z", "Z"));
  const again = Engine.restore(exported);
  assert.deepEqual(again.validate(), engine.validate());
  assert.deepEqual(again.overrides(), engine.overrides());
  const json = engine.exportJson();
  assert.equal(typeof json.roster, "string");
  assert.deepEqual(Engine.restore(json).validate(), engine.validate());
  assert.deepEqual(JSON.parse(json.roster), exported.roster);
  // Unknown fields survive.
  const withExtra = structuredClone(roster);
  withExtra.shifts[0].ward = { floor: 3 };
  assert.deepEqual(Engine.load(withExtra, credentials).export().roster.shifts[0].ward, { floor: 3 });
});

test("tracking: alerts, gaps, holders and audit, with Date arguments", () => {
  const engine = sample();
  const alerts = engine.alerts(AS_OF);
  assert.ok(alerts.length > 0);
  assert.deepEqual(undefinedKeys(alerts), []);
  for (const a of alerts) assert.ok(a.bucket === null || a.bucket === "expired" || typeof a.bucket === "number");
  assert.deepEqual(engine.alerts(new Date(AS_OF)).length, engine.alerts("2026-12-07T12:00:00Z").length);
  assert.ok(engine.alerts(AS_OF, { days: 7 }).length <= engine.alerts(AS_OF, { days: 365 }).length);

  const gaps = engine.gaps(AS_OF, "2026-12-21T00:00:00-06:00", { groupBy: "location" });
  assert.equal(gaps.groupBy, "location");
  assert.ok(gaps.groups.length > 0);
  assert.deepEqual(undefinedKeys(gaps), []);
  assert.equal(engine.gaps(new Date(AS_OF), new Date("2026-12-21T06:00:00Z"), { groupBy: "team" }).groupBy, "team");

  const holders = engine.holders("BLS", AS_OF);
  assert.ok(holders.length > 0);
  assert.ok(holders.every((h) => h.code === "BLS" || typeof h.code === "string"));
  assert.deepEqual(engine.holders("BLS", new Date(AS_OF)), holders);

  const audit = engine.audit(AS_OF);
  assert.ok(Array.isArray(audit.findings) && Array.isArray(audit.overrides));
  assert.deepEqual(undefinedKeys(audit), []);
});

test("the per-drag path allocates no new JS object but its Uint8Array", () => {
  const engine = sample();
  const [E, S] = [engine.employeeIds().length, engine.shiftIds().length];
  let sum = 0;
  for (let i = 0; i < 100_000; i++) sum += engine.statusAt(i % E, i % S);
  assert.ok(sum > 0);
});

test("a trapped instance: a clear Error, poisoned engines, and Engine.restore works at once", () => {
  const engine = sample();
  const exported = engine.export();
  const verdict = engine.check(roster.shifts[0].assigned[0], roster.shifts[0].id);
  const standing = engine.standing(roster.employees[0].id, AS_OF);
  // A real trap: a pointer far outside the instance's memory.
  const forged = Object.create(Engine.prototype);
  Object.defineProperty(forged, "__wbg_ptr", { value: 0xfffffff0, writable: true });
  let err;
  try {
    forged.statusAt(0, 0);
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof Error && err.poisoned === true, String(err));
  assert.match(err.message, /trapped/);
  assert.match(err.message, /Engine\.restore/);
  assert.ok(err.cause instanceof WebAssembly.RuntimeError);
  assert.equal(err.errors[0].path, "engine");
  // The engine from before is unusable, and says so.
  assert.throws(() => engine.check(roster.shifts[0].assigned[0], roster.shifts[0].id), (e) => e.poisoned === true && /belonged to a WebAssembly instance/.test(e.message));
  // Calls on the old engine, however many, leave the fresh instance's memory alone (without
  // reference types the answers come back through the shadow stack: a call refused as stale
  // must not give back stack it never took; scripts/build-pkg.sh mends the glue for that).
  for (let i = 0; i < 200; i++) {
    assert.throws(() => engine.standing(roster.employees[0].id, AS_OF), (e) => e.poisoned === true);
  }
  // A new instance is ready: restore from the export.
  const restored = Engine.restore(exported);
  assert.deepEqual(restored.standing(roster.employees[0].id, AS_OF), standing);
  assert.deepEqual(restored.export(), exported);
  // Freeing an engine of the trapped instance only detaches it: the fresh instance is untouched.
  engine.free();
  const other = Engine.restore(exported);
  assert.deepEqual(other.validate(), restored.validate());
  assert.deepEqual(restored.check(roster.shifts[0].assigned[0], roster.shifts[0].id), verdict);
  // Ordinary errors stay ordinary.
  assert.throws(() => restored.check("nobody", roster.shifts[0].id), (e) => e.poisoned === undefined && e.errors[0].path === "employeeId");
});

test("the guard reports a panic's message, resets the instance once, and leaves other errors alone", async () => {
  const { guard } = await import(pathToFileURL(join(PKG, "guard.js")).href);
  const PANIC = Symbol.for("credgate.panic");
  class Fake {
    static load() {
      return Object.create(Fake.prototype);
    }
    static restore() {
      return Object.create(Fake.prototype);
    }
    boom() {
      // What the Rust panic hook does just before the abort traps the instance.
      globalThis[PANIC] = "panicked at src/verdict.rs:1:1:\nindex out of bounds";
      throw new WebAssembly.RuntimeError("unreachable");
    }
    fine(a, b) {
      return a + b;
    }
    refuse() {
      throw Object.assign(new Error("no employee"), { errors: [{ path: "employeeId", message: "no employee", document: "argument" }] });
    }
    free() {}
  }
  let resets = 0;
  const E = guard({ Engine: Fake, __wbg_reset_state: () => resets++ });
  assert.equal(guard({ Engine: Fake, __wbg_reset_state: () => resets++ }), E, "idempotent");
  const engine = E.load("{}", "{}");
  assert.equal(engine.fine(1, 2), 3);
  assert.throws(() => engine.refuse(), (e) => e.errors[0].path === "employeeId" && e.poisoned === undefined);
  assert.throws(() => engine.boom(), (e) => e.poisoned === true && /panicked: panicked at src\/verdict.rs/.test(e.message) && /index out of bounds/.test(e.message));
  assert.equal(resets, 1);
  assert.equal(globalThis[PANIC], undefined, "the message is taken once");
  assert.throws(() => engine.refuse(), (e) => e.poisoned === true && /belonged to a WebAssembly instance that panicked/.test(e.message));
  const again = E.restore({});
  assert.equal(again.fine(2, 2), 4);
  assert.throws(() => again.refuse(), (e) => e.poisoned === undefined);
});

test("two engines in one instance: each verdict names its own engine's ids", () => {
  // The same people, shifts and records in reverse order: every index means another id in
  // `b`, so ids read from the other engine's table would show at once.
  const reversed = (doc, key) => ({ ...doc, [key]: [...doc[key]].reverse() });
  const a = sample();
  const b = Engine.load(reversed(reversed(roster, "employees"), "shifts"), reversed(credentials, "credentials"));
  const pairs = roster.shifts.flatMap((s) => roster.employees.slice(0, 12).map((e) => [e.id, s.id]));
  const alone = (engine) => pairs.map(([e, s]) => JSON.stringify(engine.check(e, s)));
  const [expectA, expectB] = [alone(a), alone(b)];
  assert.deepEqual(expectB, expectA, "the order of the documents does not change a verdict");
  pairs.forEach(([e, s], i) => {
    const [va, vb] = [a.check(e, s), b.check(e, s)];
    assert.equal(JSON.stringify(va), expectA[i]);
    assert.equal(JSON.stringify(vb), expectB[i]);
    assert.equal(va.employeeId, e);
    assert.equal(vb.shiftId, s);
  });
  const validation = a.validate();
  assert.deepEqual(b.candidates(roster.shifts[0].id).map((c) => c.employeeId).sort(), a.candidates(roster.shifts[0].id).map((c) => c.employeeId).sort());
  assert.deepEqual(new Set(b.validate().verdicts.map((v) => `${v.employeeId} ${v.shiftId}`)), new Set(validation.verdicts.map((v) => `${v.employeeId} ${v.shiftId}`)));
  b.free();
  assert.deepEqual(a.validate(), validation);
});

// ---------------------------------------------------------------------------------------------
// standing, reportHtml, importCsv, and the Date rule.

test("standing: the same answer as the CLI's standing, for every employee of the samples", () => {
  const engine = sample();
  for (const { id } of roster.employees) {
    const mine = engine.standing(id, AS_OF);
    const r = cli(["standing", "--roster", ROSTER_PATH, "--credentials", CREDENTIALS_PATH, "--employee", id, "--as-of", AS_OF]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(mine, r.json, id);
    assert.deepEqual(undefinedKeys(mine), []);
  }
  const priya = engine.standing("e-108", AS_OF);
  const acls = priya.codes.find((c) => c.code === "ACLS");
  assert.deepEqual([acls.state, acls.credentialId, acls.validUntil, acls.currentUntil], ["inGrace", "cr-0036", "2026-11", null]);
  assert.deepEqual(thrownProblems(() => engine.standing("nobody", AS_OF)), [["employeeId", "argument"]]);
  assert.deepEqual(thrownProblems(() => engine.standing("e-108", "2026-12-07")), [["asOf", "argument"]]);
});

test("reportHtml: the manager's report, as credgate report --html writes it", () => {
  const engine = sample();
  const html = engine.reportHtml(AS_OF, { to: "2026-12-21T00:00:00-06:00", groupBy: "team", title: "ICU <weekly>" });
  assert.equal(typeof html, "string");
  assert.ok(html.startsWith("<!DOCTYPE html>"));
  for (const section of ['<section id="alerts">', "<h2>Renewal alerts</h2>", '<section id="gaps">', "<h2>Gaps by team</h2>", '<section id="audit">', "<h2>Audit findings</h2>", '<section id="overrides">', "<svg"]) {
    assert.ok(html.includes(section), `the report lacks ${section}`);
  }
  assert.ok(html.includes("ICU &lt;weekly&gt;"), "the title is escaped");
  assert.ok(!html.includes("<script"));
  // The same page as the CLI's.
  const r = spawnSync(join(ROOT, "target/release/credgate"), ["report", "--html", "--roster", ROSTER_PATH, "--credentials", CREDENTIALS_PATH, "--as-of", AS_OF, "--to", "2026-12-21T00:00:00-06:00", "--group-by", "team", "--title", "ICU <weekly>"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(html, r.stdout);
  assert.ok(engine.reportHtml(new Date(Date.parse(AS_OF))).includes("Renewal alerts"));
  assert.deepEqual(thrownProblems(() => engine.reportHtml(AS_OF, { groupBy: "floor" })), [["groupBy", "argument"]]);
  assert.deepEqual(thrownProblems(() => engine.reportHtml(AS_OF, { days: -1 })), [["options.days", "argument"]]);
});

test("importCsv: records as the CLI's import-csv gives them, or every problem with its row:column path", () => {
  const text = readFileSync(join(ROOT, "docs/examples/credentials.csv"), "utf8");
  const imported = Engine.importCsv("credentials", text);
  assert.equal(imported.errors, undefined);
  const r = cli(["import-csv", "--kind", "credentials", "--file", join(ROOT, "docs/examples/credentials.csv")]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(imported.records, r.json);
  assert.ok(imported.records.length > 3);
  assert.deepEqual(imported.columns.find((c) => c.header === "Expiration Date"), { header: "Expiration Date", field: "validUntil" });
  assert.ok(imported.warnings.some((w) => w.path === "1" && /Employee Name/.test(w.message)), JSON.stringify(imported.warnings));
  // Trainings with day-first dates and naive times: the mapping says how to read them.
  const trainings = readFileSync(join(ROOT, "docs/examples/trainings.csv"), "utf8");
  const t = Engine.importCsv("trainings", trainings, { dateOrder: "dmy", offset: "-06:00" });
  assert.equal(t.errors, undefined, JSON.stringify(t.errors));
  assert.deepEqual(t.records[0], { id: "t-101", employeeId: "e-104", code: "BLS", start: "2026-12-22T08:00:00-06:00", end: "2026-12-22T12:00:00-06:00", status: "scheduled" });
  assert.equal(t.records.find((x) => x.id === "t-103").status, "cancelled");
  // Explicit columns, a dropped column, and unmapped columns kept.
  const csv = "Staff,Cert,Good Through,Secret,Renewal Notes\ne-17,BLS,2027-08,x,booked\n";
  const mapped = Engine.importCsv("credentials", csv, { columns: { Staff: "employeeId", Cert: "code", "Good Through": "validUntil", Secret: "-" }, keepUnmapped: true });
  assert.deepEqual(mapped.records, [{ id: "csv-cr-2", employeeId: "e-17", code: "BLS", validUntil: "2027-08", renewalNotes: "booked" }]);
  // Problems are returned, each at its row and column.
  const bad = "Employee ID,Code,Expires\ne-17,BLS,2027-13-01\ne-18,,never\ne-19,ACLS\n";
  const failed = Engine.importCsv("credentials", bad);
  assert.equal(failed.records, undefined);
  assert.deepEqual(failed.errors.map((e) => e.path), ["2:3", "3:2", "4"]);
  assert.deepEqual(failed.errors[0], { path: "2:3", line: 2, column: 3, header: "Expires", message: '"2027-13-01" is not a date, a month or an RFC 3339 instant' });
  assert.deepEqual(Engine.importCsv("credentials", "Employee ID\ne-1\n").errors.map((e) => e.path), ["1", "1"]);
  assert.deepEqual(Engine.importCsv("credentials", bad, { columns: { Nope: "validUntil" } }).errors[0].path, "1");
  assert.deepEqual(Engine.importCsv("credentials", bad, { offset: "six" }).errors.map((e) => e.path), ["options"]);
  // Arguments that are not one throw, as everywhere.
  assert.deepEqual(thrownProblems(() => Engine.importCsv("waivers", csv)), [["kind", "argument"]]);
  assert.deepEqual(thrownProblems(() => Engine.importCsv("credentials", 42)), [["text", "argument"]]);
  assert.deepEqual(thrownProblems(() => Engine.importCsv("credentials", csv, { "Expiry Date": "validUntil" })), [["mapping.Expiry Date", "argument"]]);
  assert.deepEqual(thrownProblems(() => Engine.importCsv("credentials", csv, { dateOrder: "ymd" })), [["mapping.dateOrder", "argument"]]);
});

test("importCsv: headers with letters and digits beyond ASCII are matched and named as the CLI does", () => {
  // In WebAssembly a non-ASCII character's "letter or digit" is JavaScript's \p{Alphabetic} or
  // \p{N} (src/wasm/host.rs), natively Rust's char::is_alphanumeric: the same properties.
  const csv = "Employee\u00a0ID,Code,Expires,Código,Válido hasta,Ünïcode Nötes ½,№ Réf—Ⅻ,漢字 列,Straße\u0301X,Ⅳ٣ count\n" +
    "e-17,BLS,2027-08,a,b,c,d,e,f,g\n";
  const imported = Engine.importCsv("credentials", csv, { keepUnmapped: true });
  const dir = mkdtempSync(join(tmpdir(), "credgate-csv-"));
  try {
    writeFileSync(join(dir, "u.csv"), csv);
    const r = cli(["import-csv", "--kind", "credentials", "--keep-unmapped", "--file", join(dir, "u.csv")]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(imported.records, r.json);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(Object.keys(imported.records[0]), ["id", "employeeId", "code", "validUntil", "código", "válidoHasta", "ünïcodeNötes½", "réfⅫ", "漢字列", "straßeX", "ⅳ٣Count"]);
});

test("a Date argument is read as its local date and time, with the local offset (TZ=America/Chicago)", () => {
  // 8 p.m. on 6 December in Chicago is 02:00 on 7 December in UTC: a card valid through
  // 6 December is still valid at that moment on the page, and expired by the UTC calendar.
  const script = `
    import { pathToFileURL } from "node:url";
    const { Engine } = await import(pathToFileURL(${JSON.stringify(join(PKG, "node.js"))}).href);
    const credentials = { credentialTypes: [{ code: "BLS", alertDays: [30] }],
      credentials: [{ id: "c1", employeeId: "e1", code: "BLS", validUntil: "2026-12-06" }] };
    const roster = { employees: [{ id: "e1" }, { id: "e2" }],
      shifts: [{ id: "s1", start: "2026-12-10T07:00:00-06:00", end: "2026-12-10T19:00:00-06:00", requires: "BLS" }] };
    const engine = Engine.load(roster, credentials);
    const evening = new Date(2026, 11, 6, 20, 0, 0);
    const standing = engine.standing("e1", evening);
    const placement = engine.checkPlacement("e1", { start: new Date(2026, 11, 6, 18), end: new Date(2026, 11, 6, 23, 59), requires: "BLS" });
    const assigned = engine.assign("e2", "s1", { by: "m", reason: "r", at: evening });
    const moved = engine.moveShift("s1", new Date(2026, 11, 6, 8), new Date(2026, 11, 6, 20), { by: "m", reason: "r" });
    console.log(JSON.stringify({
      offset: evening.getTimezoneOffset(), iso: evening.toISOString(), asOf: standing.asOf,
      state: standing.codes[0].state, daysLeft: standing.codes[0].daysLeft,
      holders: engine.holders("BLS", evening).map((h) => h.credentialId),
      placement: placement.status, at: assigned.override.at,
      start: engine.export().roster.shifts[0].start, moved: moved.applied,
    }));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, TZ: "America/Chicago" } });
  assert.equal(r.status, 0, r.stderr);
  const got = JSON.parse(r.stdout);
  assert.equal(got.offset, 360, "the child runs in Chicago");
  assert.equal(got.iso, "2026-12-07T02:00:00.000Z", "whose UTC date is the next day");
  assert.equal(got.asOf, "2026-12-06T20:00:00-06:00");
  assert.deepEqual([got.state, got.daysLeft], ["expiring", 0]);
  assert.deepEqual(got.holders, ["c1"]);
  assert.equal(got.placement, "ok", "a placement's Dates are local too");
  assert.equal(got.at, "2026-12-06T20:00:00-06:00", "so is an override's");
  assert.equal(got.start, "2026-12-06T08:00:00-06:00");
  assert.equal(got.moved, true);
});

test("planRenewals: the sample's sessions show every reason, in the package as in the CLI", () => {
  const engine = sample();
  const plan = engine.planRenewals("2026-12-07T08:00:00-06:00", { horizonDays: 120 });
  assert.deepEqual(undefinedKeys(plan), []);
  assert.deepEqual(plan.bookings.map((b) => [b.employeeId, b.sessionId, b.codes]), [["e-105", "rn-ce-0114", ["RN"]], ["e-122", "cpi-0210", ["CPI"]], ["e-124", "cpi-0210", ["CPI"]]]);
  assert.deepEqual([...new Set(plan.unmet.map((u) => u.reason))].sort(), ["conflicts", "full", "noSession"]);
  assert.deepEqual(plan.unmet.find((u) => u.reason === "conflicts").shiftIds, ["ld-jax-1216-d"]);
  assert.equal(plan.cost.total, 160);
  assert.deepEqual(plan.cost.byTeam, { ed: 120, icu: 40 });
  const viaCli = cli(["plan-renewals", "--roster", ROSTER_PATH, "--credentials", CREDENTIALS_PATH, "--as-of", "2026-12-07T08:00:00-06:00", "--horizon-days", "120"]);
  assert.equal(viaCli.status, 0);
  assert.deepEqual(viaCli.json, plan);
  // Defaults, a Date, and arguments at fault.
  assert.equal(engine.planRenewals(new Date("2026-12-07T14:00:00Z")).horizonDays, 90);
  assert.deepEqual(thrownProblems(() => engine.planRenewals("2026-12-07T08:00:00-06:00", { useGrace: "yes" })), [["options.useGrace", "argument"]]);
  assert.deepEqual(thrownProblems(() => engine.planRenewals("2026-12-07T08:00:00-06:00", { horizonDays: 1.5 })), [["options.horizonDays", "argument"]]);
  engine.free();
});
