// Boundary tests for the plain-JavaScript peer (bench/peers/plain.mjs).
// Run: node --test bench/peers/
import test from "node:test";
import assert from "node:assert/strict";
import { PlainEngine, parseInstant } from "./plain.mjs";

// --- document builders -------------------------------------------------------

const TYPES = [
  { code: "BLS", graceDays: 0, alertDays: [] },
  { code: "ACLS", satisfies: ["BLS"], alertDays: [] },
  { code: "PALS", alertDays: [] },
  { code: "CPR", graceDays: 3, alertDays: [] },
  { code: "FIRE", alertDays: [90, 60, 30] },
  { code: "RN", jurisdictional: true, alertDays: [] },
  { code: "CHARGE", alertDays: [] },
];

/** One employee e-1, one shift s-1 (plus `extraShifts`), requiring `requires`. */
function engine({
  requires = "BLS", start = "2026-12-01T07:00:00-06:00", end = "2026-12-01T19:00:00-06:00",
  credentials = [], waivers = [], trainings = [], locationId = "icu-east", roleIds, // null: a shift without a location
  extraShifts = [], rules = {}, employees, assigned = ["e-1"], crew,
} = {}) {
  const roster = {
    locations: [
      { id: "icu-east", jurisdiction: "US-TX" },
      { id: "er-west", jurisdiction: "US-CA" },
      { id: "nowhere" },
    ],
    roles: [{ id: "rn" }],
    employees: employees ?? [{ id: "e-1", roleIds }, { id: "e-2" }, { id: "e-3" }],
    shifts: [
      { id: "s-1", start, end, locationId, requires, assigned, crew },
      ...extraShifts,
    ],
    rules,
  };
  const creds = {
    credentialTypes: TYPES,
    jurisdictionGroups: [{ code: "NLC", members: ["US-TX", "US-FL"] }],
    credentials, waivers, trainings,
  };
  return PlainEngine.load(roster, creds);
}
const cred = (validUntil, extra = {}) =>
  ({ id: "cr-1", employeeId: "e-1", code: "BLS", validUntil, ...extra });
const kinds = (v) => v.reasons.map((r) => r.kind);

// --- instants ------------------------------------------------------------------

test("instants keep their offset and millisecond precision", () => {
  assert.deepEqual(parseInstant("2026-12-01T07:00:00.1234-06:00"),
    { ms: Date.UTC(2026, 11, 1, 13, 0, 0, 123), off: -360, z: false });
  assert.deepEqual(parseInstant("2026-12-01T07:00:00Z"), { ms: Date.UTC(2026, 11, 1, 7), off: 0, z: true });
  assert.throws(() => parseInstant("2026-12-01T07:00:00"), /no UTC offset/);
  assert.throws(() => parseInstant("2026-02-30T07:00:00Z"), /not a date/);
});

// --- expiry day is inclusive -------------------------------------------------

test("a date validUntil is valid through the end of that day", () => {
  const day = engine({ credentials: [cred("2026-12-01")] });
  const v = day.check("e-1", "s-1");
  assert.equal(v.status, "ok");
  assert.deepEqual(v.reasons, []);
  assert.deepEqual(v.evidence, [{ code: "BLS", credentialId: "cr-1" }]);

  // The day after: wholly expired.
  const after = engine({ credentials: [cred("2026-11-30")] }).check("e-1", "s-1");
  assert.deepEqual(kinds(after), ["expired"]);
  assert.equal(after.reasons[0].at, "2026-12-01T00:00:00-06:00");
  assert.deepEqual(after.evidence, []);
});

test("a card expiring at midnight blocks a night shift", () => {
  const v = engine({
    credentials: [cred("2026-12-01")],
    start: "2026-12-01T19:00:00-06:00", end: "2026-12-02T07:00:00-06:00",
  }).check("e-1", "s-1");
  assert.equal(v.status, "block");
  assert.equal(v.reasons[0].kind, "expiresDuringShift");
  assert.equal(v.reasons[0].at, "2026-12-02T00:00:00-06:00");
  assert.match(v.reasons[0].message, /5 h into the shift/);
});

test("an instant validUntil is exclusive; validFrom is inclusive", () => {
  const exact = engine({ credentials: [cred("2026-12-01T19:00:00-06:00")] }).check("e-1", "s-1");
  assert.equal(exact.status, "ok");
  const early = engine({ credentials: [cred("2026-12-01T18:59:59.999-06:00")] }).check("e-1", "s-1");
  assert.deepEqual(kinds(early), ["expiresDuringShift"]);

  const from = (validFrom) =>
    engine({ credentials: [cred(null, { validFrom })] }).check("e-1", "s-1");
  assert.equal(from("2026-12-01T07:00:00-06:00").status, "ok");
  assert.equal(from("2026-12-01").status, "ok");
  const late = from("2026-12-01T07:00:00.001-06:00");
  assert.deepEqual(kinds(late), ["notYetValid"]);
  assert.equal(late.reasons[0].at, "2026-12-01T07:00:00.001-06:00");
});

// --- month precision -----------------------------------------------------------

test("a month validUntil runs through the last day of the month", () => {
  const ok = engine({
    credentials: [cred("2027-01")],
    start: "2027-01-31T12:00:00-06:00", end: "2027-02-01T00:00:00-06:00",
  }).check("e-1", "s-1");
  assert.equal(ok.status, "ok");

  const night = engine({
    credentials: [cred("2027-01")],
    start: "2027-01-31T20:00:00-06:00", end: "2027-02-01T04:00:00-06:00",
  }).check("e-1", "s-1");
  assert.deepEqual(kinds(night), ["expiresDuringShift"]);
  assert.equal(night.reasons[0].at, "2027-02-01T00:00:00-06:00");

  // December rolls over into the next year.
  const dec = engine({
    credentials: [cred("2026-12")],
    start: "2026-12-31T12:00:00-06:00", end: "2026-12-31T23:59:59.999-06:00",
  }).check("e-1", "s-1");
  assert.equal(dec.status, "ok");
});

// --- offsets -------------------------------------------------------------------

test("a date bound is read in the offset written on the shift's end", () => {
  // The same instant, 2026-12-01T20:00Z, written in two offsets: in Tokyo it is
  // already 2 Dec (the card has lapsed), in Texas still 1 Dec.
  const tokyo = engine({
    credentials: [cred("2026-12-01")],
    start: "2026-12-02T01:00:00+09:00", end: "2026-12-02T05:00:00+09:00",
  }).check("e-1", "s-1");
  assert.deepEqual(kinds(tokyo), ["expired"]);
  assert.equal(tokyo.reasons[0].at, "2026-12-02T00:00:00+09:00");

  const texas = engine({
    credentials: [cred("2026-12-01")],
    start: "2026-12-01T10:00:00-06:00", end: "2026-12-01T14:00:00-06:00",
  }).check("e-1", "s-1");
  assert.equal(texas.status, "ok");

  // start and end may carry different offsets (a DST change mid-shift):
  // validUntil uses the end's, validFrom the start's.
  const dst = engine({
    credentials: [cred("2026-11-01", { validFrom: "2026-11-01" })],
    start: "2026-11-01T00:00:00-05:00", end: "2026-11-01T23:59:00-06:00",
  }).check("e-1", "s-1");
  assert.equal(dst.status, "ok");
});

test("expiringSoon counts calendar days from the shift end's local date", () => {
  const typed = (validUntil) => engine({
    requires: "FIRE",
    credentials: [{ id: "cr-f", employeeId: "e-1", code: "FIRE", validUntil }],
  }).check("e-1", "s-1");
  // Shift ends 1 Dec; 31 Dec is 30 days later: inclusive of the smallest alertDays.
  const soon = typed("2026-12-31");
  assert.equal(soon.status, "ok");
  assert.deepEqual(kinds(soon), ["expiringSoon"]);
  assert.equal(soon.reasons[0].severity, "info");
  assert.deepEqual(soon.evidence, [{ code: "FIRE", credentialId: "cr-f" }]);
  assert.deepEqual(kinds(typed("2027-01-01")), []);
  assert.deepEqual(kinds(typed(null)), []);
});

// --- grace ---------------------------------------------------------------------

test("grace covers a shift ending within graceDays of expiry, and not after", () => {
  const g = (start, end) => engine({
    requires: "CPR",
    credentials: [{ id: "cr-c", employeeId: "e-1", code: "CPR", validUntil: "2026-12-01" }],
    start, end,
  }).check("e-1", "s-1");
  // Expiry is 2 Dec 00:00; grace runs to 5 Dec 00:00.
  const inside = g("2026-12-04T16:00:00-06:00", "2026-12-05T00:00:00-06:00");
  assert.equal(inside.status, "warn");
  assert.deepEqual(kinds(inside), ["inGrace"]);
  assert.deepEqual(inside.evidence, [{ code: "CPR", credentialId: "cr-c" }]);
  // Lapsing during the shift can still be in grace.
  assert.deepEqual(kinds(g("2026-12-01T20:00:00-06:00", "2026-12-02T04:00:00-06:00")), ["inGrace"]);
  // One millisecond past grace.
  assert.deepEqual(kinds(g("2026-12-04T16:00:00-06:00", "2026-12-05T00:00:00.001-06:00")), ["expired"]);
});

// --- waivers -------------------------------------------------------------------

test("a scoped waiver covers only its locations, and a shift with a location", () => {
  const waiver = {
    id: "w-1", employeeId: "e-1", code: "ACLS", validFrom: "2026-12-01", validUntil: "2026-12-14",
    locationIds: ["icu-east"], approvedBy: "m-3", reason: "class booked",
  };
  const at = (locationId, w = waiver) =>
    engine({ requires: "ACLS", waivers: [w], locationId }).check("e-1", "s-1");
  const here = at("icu-east");
  assert.equal(here.status, "warn");
  assert.deepEqual(here.reasons.map((r) => [r.kind, r.waiverId]), [["waived", "w-1"]]);
  assert.deepEqual(here.evidence, [{ code: "ACLS", waiverId: "w-1" }]);
  assert.match(here.reasons[0].message, /until 14 Dec: class booked/);

  assert.deepEqual(kinds(at("er-west")), ["missing"]);
  assert.deepEqual(kinds(at(null)), ["missing"]);
  assert.deepEqual(kinds(at(null, { ...waiver, locationIds: undefined })), ["waived"]);
  assert.deepEqual(kinds(at("icu-east", { ...waiver, locationIds: [] })), ["missing"]);
  // The shift must lie wholly inside the window.
  assert.deepEqual(kinds(at("icu-east", { ...waiver, validUntil: "2026-12-01T18:00:00-06:00" })), ["missing"]);
});

test("waivers never count through satisfies; records do", () => {
  const e = engine({
    requires: "BLS",
    waivers: [{ id: "w-1", employeeId: "e-1", code: "ACLS", validFrom: "2026-11-01",
      validUntil: "2026-12-31", approvedBy: "m", reason: "r" }],
  });
  assert.deepEqual(kinds(e.check("e-1", "s-1")), ["missing"]);
  const viaType = engine({
    requires: "BLS",
    credentials: [{ id: "cr-a", employeeId: "e-1", code: "ACLS", validUntil: null }],
  }).check("e-1", "s-1");
  assert.deepEqual(viaType.evidence, [{ code: "BLS", credentialId: "cr-a" }]);
});

// --- which record, which reason ------------------------------------------------

test("the record closest to counting is reported; status only when the window touches", () => {
  const v = engine({
    credentials: [
      { id: "old", employeeId: "e-1", code: "BLS", validUntil: "2026-01-01" },
      { id: "pend", employeeId: "e-1", code: "BLS", validUntil: "2028-01-01", status: "pending" },
      { id: "rev-old", employeeId: "e-1", code: "BLS", validUntil: "2025-01-01", status: "revoked" },
    ],
  }).check("e-1", "s-1");
  assert.deepEqual(v.reasons.map((r) => [r.kind, r.credentialId]), [["pending", "pend"]]);

  const revokedLongAgo = engine({
    credentials: [{ id: "rev-old", employeeId: "e-1", code: "BLS", validUntil: "2025-01-01", status: "revoked" }],
  }).check("e-1", "s-1");
  assert.deepEqual(kinds(revokedLongAgo), ["expired"]);
});

test("jurisdiction via a group, and nowhere without a location jurisdiction", () => {
  const rn = (validIn, locationId) => engine({
    requires: "RN", locationId,
    credentials: [{ id: "cr-rn", employeeId: "e-1", code: "RN", validUntil: null, validIn }],
  }).check("e-1", "s-1");
  assert.equal(rn(["NLC"], "icu-east").status, "ok");
  assert.equal(rn(["US-TX"], "icu-east").status, "ok");
  assert.deepEqual(kinds(rn(["NLC"], "er-west")), ["wrongJurisdiction"]);
  assert.deepEqual(kinds(rn(["NLC"], "nowhere")), ["wrongJurisdiction"]);
  assert.deepEqual(kinds(rn(["NLC"], null)), ["wrongJurisdiction"]);
  assert.deepEqual(kinds(rn(undefined, "icu-east")), ["wrongJurisdiction"]);
});

test("supervision needs another assigned employee with an unrestricted record", () => {
  const creds = [
    { id: "cr-s", employeeId: "e-1", code: "BLS", validUntil: null, restrictions: ["supervised"] },
    { id: "cr-sup", employeeId: "e-2", code: "ACLS", validUntil: null }, // ACLS satisfies BLS
    { id: "cr-late", employeeId: "e-3", code: "BLS", validUntil: "2026-12-01T12:00:00-06:00" },
  ];
  assert.equal(engine({ credentials: creds, assigned: ["e-1", "e-2"] }).check("e-1", "s-1").status, "ok");
  assert.deepEqual(kinds(engine({ credentials: creds, assigned: ["e-1"] }).check("e-1", "s-1")), ["unsupervised"]);
  // A supervisor whose card lapses mid-shift does not count.
  assert.deepEqual(kinds(engine({ credentials: creds, assigned: ["e-1", "e-3"] }).check("e-1", "s-1")), ["unsupervised"]);
  // Hypothetical placement: the assigned crew supervises.
  assert.equal(engine({ credentials: creds, assigned: ["e-2"] }).check("e-1", "s-1").status, "ok");
});

test("any/all groups: best member, every unmet member, each code once", () => {
  const e = engine({
    requires: { all: ["BLS", { any: ["PALS", "CHARGE"] }, "BLS", { all: [] }] },
    credentials: [
      { id: "b", employeeId: "e-1", code: "BLS", validUntil: "2026-11-01" },
      { id: "p", employeeId: "e-1", code: "PALS", validUntil: null },
    ],
  });
  const v = e.check("e-1", "s-1");
  assert.deepEqual(v.reasons.map((r) => [r.kind, r.code]), [["expired", "BLS"]]);
  assert.deepEqual(v.evidence, [{ code: "PALS", credentialId: "p" }]);

  const none = engine({ requires: { any: ["PALS", "CHARGE"] } }).check("e-1", "s-1");
  assert.deepEqual(none.reasons.map((r) => [r.kind, r.code]), [["missing", "PALS"], ["missing", "CHARGE"]]);
});

// --- role, overlap, training, rest ---------------------------------------------

const NEXT_DAY = (id, start, end, assigned = ["e-1"]) => ({ id, start, end, assigned, locationId: "icu-east" });

test("rest exactly at the minimum passes; a millisecond less blocks", () => {
  const rules = { minRestHours: 10 };
  const exact = engine({
    credentials: [cred(null)], rules,
    extraShifts: [NEXT_DAY("s-2", "2026-12-02T05:00:00-06:00", "2026-12-02T12:00:00-06:00")],
  });
  assert.equal(exact.check("e-1", "s-1").status, "ok");
  assert.equal(exact.check("e-1", "s-2").status, "ok");

  const short = engine({
    credentials: [cred(null)], rules,
    extraShifts: [NEXT_DAY("s-2", "2026-12-02T04:59:59.999-06:00", "2026-12-02T12:00:00-06:00")],
  });
  assert.deepEqual(short.check("e-1", "s-1").reasons.map((r) => [r.kind, r.shiftId]), [["restTooShort", "s-2"]]);
  assert.deepEqual(short.check("e-1", "s-2").reasons.map((r) => [r.kind, r.shiftId]), [["restTooShort", "s-1"]]);
  assert.equal(short.statusOf("e-1", "s-2"), "block");
});

test("overlap, training and role are reported after credentials, in order", () => {
  const e = engine({
    roleIds: [], rules: { minRestHours: 10 },
    extraShifts: [
      { ...NEXT_DAY("s-3", "2026-12-01T18:00:00-06:00", "2026-12-01T22:00:00-06:00"), roleId: "rn" },
      NEXT_DAY("s-2", "2026-12-01T06:00:00-06:00", "2026-12-01T08:00:00-06:00"),
    ],
    trainings: [
      { id: "t-1", employeeId: "e-1", code: "BLS", start: "2026-12-01T08:00:00-06:00", end: "2026-12-01T10:00:00-06:00" },
      { id: "t-2", employeeId: "e-1", start: "2026-12-01T08:00:00-06:00", end: "2026-12-01T10:00:00-06:00", status: "cancelled" },
    ],
  });
  const v = e.check("e-1", "s-1");
  assert.deepEqual(v.reasons.map((r) => [r.kind, r.shiftId ?? r.trainingId ?? r.code]),
    [["missing", "BLS"], ["overlap", "s-2"], ["overlap", "s-3"], ["inTraining", "t-1"]]);
  assert.deepEqual(kinds(e.check("e-1", "s-3")), ["notInRole", "overlap"]);
});

test("at most 20 overlap and 20 inTraining reasons, then a summary with more", () => {
  const extraShifts = Array.from({ length: 30 }, (_, i) =>
    NEXT_DAY(`x-${String(i).padStart(2, "0")}`, "2026-12-01T07:00:00-06:00", "2026-12-01T08:00:00-06:00"));
  const trainings = Array.from({ length: 21 }, (_, i) =>
    ({ id: `t-${i}`, employeeId: "e-1", start: "2026-12-01T08:00:00-06:00", end: "2026-12-01T10:00:00-06:00" }));
  const e = engine({ requires: null, extraShifts, trainings });
  const v = e.check("e-1", "s-1");
  assert.equal(v.status, "block");
  assert.deepEqual(kinds(v), [...Array(21).fill("overlap"), ...Array(21).fill("inTraining")]);
  assert.deepEqual(v.reasons.filter((r) => r.more !== undefined).map((r) => [r.kind, r.more, r.message]),
    [["overlap", 10, "and 10 more overlapping shifts"], ["inTraining", 1, "and 1 more overlapping training session"]]);
  assert.equal(v.reasons[19].shiftId, "x-19");
  assert.equal(v.reasons[20].shiftId, undefined);
});

test("checkPlacement ignores the shift being moved", () => {
  const e = engine({ credentials: [cred(null)], rules: { minRestHours: 10 } });
  const moved = e.checkPlacement("e-1",
    { start: "2026-12-01T08:00:00-06:00", end: "2026-12-01T20:00:00-06:00", locationId: "icu-east", requires: "BLS" },
    { ignoreShiftId: "s-1" });
  assert.equal(moved.status, "ok");
  const fresh = e.checkPlacement("e-1",
    { start: "2026-12-01T20:00:00-06:00", end: "2026-12-02T04:00:00-06:00", requires: "BLS" });
  assert.deepEqual(fresh.reasons.map((r) => [r.kind, r.shiftId]), [["restTooShort", "s-1"]]);
});

// --- crew, validate, candidates ------------------------------------------------

test("validate reports warn/block verdicts and crew shortfalls", () => {
  const e = engine({
    requires: null, assigned: ["e-1", "e-2"],
    crew: [{ requires: "CHARGE", min: 2 }, { requires: "BLS" }],
    credentials: [
      { id: "c1", employeeId: "e-1", code: "CHARGE", validUntil: null },
      { id: "b2", employeeId: "e-2", code: "BLS", validUntil: null },
    ],
    extraShifts: [{ id: "s-empty", start: "2026-12-03T07:00:00Z", end: "2026-12-03T08:00:00Z", crew: [{ requires: "BLS" }] }],
  });
  const r = e.validate();
  assert.equal(r.status, "block");
  assert.deepEqual(r.verdicts, []);
  assert.deepEqual(r.findings.map(({ shiftId, min, count }) => [shiftId, min, count]),
    [["s-1", 2, 1], ["s-empty", 1, 0]]);
});

test("candidates: ok before warn before block, then fewer reasons, then document order", () => {
  const e = engine({
    employees: [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }],
    requires: { all: ["BLS", "PALS"] },
    assigned: [],
    credentials: [
      { id: "a1", employeeId: "a", code: "BLS", validUntil: null },
      { id: "c1", employeeId: "c", code: "BLS", validUntil: null },
      { id: "c2", employeeId: "c", code: "PALS", validUntil: null },
      { id: "d1", employeeId: "d", code: "BLS", validUntil: null },
    ],
    waivers: [{ id: "w", employeeId: "d", code: "PALS", validFrom: "2026-01-01", validUntil: "2027-01-01", approvedBy: "m", reason: "r" }],
  });
  assert.deepEqual(e.candidates("s-1").map((c) => [c.employeeId, c.status, c.reasons.length]),
    [["c", "ok", 0], ["d", "warn", 1], ["a", "block", 1], ["b", "block", 2]]);
});

// --- statusOf agrees with check ------------------------------------------------

test("statusOf equals check().status on a generated roster", () => {
  let seed = 7; // mulberry32
  const rnd = (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const pick = (xs) => xs[rnd(xs.length)];
  const codes = TYPES.map((t) => t.code);
  const employees = Array.from({ length: 12 }, (_, i) => ({ id: `e${i}`, roleIds: rnd(4) ? undefined : [] }));
  const day = (d) => `2026-12-${String(d).padStart(2, "0")}`;
  const offs = ["-06:00", "+09:00", "Z", "+05:30"];
  const shifts = Array.from({ length: 30 }, (_, i) => {
    const d = 1 + rnd(10), h = rnd(24), len = 4 + rnd(12);
    const s = Date.UTC(2026, 11, d, h), e = s + len * 3_600_000;
    const iso = (ms) => new Date(ms).toISOString().replace(".000Z", "Z");
    return {
      id: `s${i}`, start: iso(s), end: iso(e),
      locationId: pick(["icu-east", "er-west", "nowhere", undefined]),
      roleId: rnd(3) ? undefined : "rn",
      requires: pick([pick(codes), { any: [pick(codes), pick(codes)] }, { all: [pick(codes), { any: [pick(codes), pick(codes)] }] }]),
      assigned: employees.filter(() => !rnd(4)).map((e) => e.id),
      crew: rnd(2) ? [{ requires: pick(codes) }] : undefined,
    };
  });
  const credentials = Array.from({ length: 60 }, (_, i) => ({
    id: `c${i}`, employeeId: pick(employees).id, code: pick(codes),
    validFrom: rnd(3) ? undefined : day(1 + rnd(10)),
    validUntil: pick([null, day(1 + rnd(20)), "2026-12", `${day(1 + rnd(10))}T12:00:00${pick(offs)}`]),
    status: pick(["active", "active", "active", "pending", "suspended", "revoked"]),
    validIn: pick([undefined, ["NLC"], ["US-CA"]]),
    restrictions: rnd(5) ? undefined : ["supervised"],
  }));
  const waivers = Array.from({ length: 8 }, (_, i) => ({
    id: `w${i}`, employeeId: pick(employees).id, code: pick(codes), validFrom: day(1 + rnd(5)),
    validUntil: day(5 + rnd(10)), locationIds: pick([undefined, ["icu-east"]]), approvedBy: "m", reason: "r",
  }));
  const trainings = Array.from({ length: 4 }, (_, i) => ({
    id: `t${i}`, employeeId: pick(employees).id, start: `${day(1 + rnd(10))}T08:00:00-06:00`,
    end: `${day(1 + rnd(10))}T23:00:00-06:00`, status: pick(["scheduled", "cancelled"]),
  })).filter((t) => t.end > t.start);
  const e = PlainEngine.load(
    { locations: [{ id: "icu-east", jurisdiction: "US-TX" }, { id: "er-west", jurisdiction: "US-CA" }, { id: "nowhere" }],
      roles: [{ id: "rn" }], employees, shifts, rules: { minRestHours: 10 } },
    { credentialTypes: TYPES, jurisdictionGroups: [{ code: "NLC", members: ["US-TX"] }], credentials, waivers, trainings },
  );
  const seen = new Set();
  for (const emp of employees) {
    for (const s of shifts) {
      const v = e.check(emp.id, s.id);
      assert.equal(e.statusOf(emp.id, s.id), v.status, `${emp.id} on ${s.id}: ${JSON.stringify(v.reasons)}`);
      v.reasons.forEach((r) => seen.add(r.kind));
    }
  }
  // The generator should exercise most kinds.
  assert.ok(seen.size >= 15, [...seen].join(","));
  e.validate();
});

// --- SPEC §8: currency and working limits -----------------------------------------------------

/** e-1 on s-1 (and `more` shifts) needing NRP, whose type has `currency`; `events` of e-1. */
function s8({ currency = { event: "resus", min: 3, withinDays: 90 }, events = [], limits = [], more = [], start = "2026-12-10T07:00:00-06:00", end = "2026-12-10T19:00:00-06:00", credentials } = {}) {
  const roster = {
    locations: [{ id: "l", jurisdiction: "US-TX" }],
    roles: [{ id: "rn" }],
    employees: [{ id: "e-1", roleIds: ["rn"] }, { id: "e-2" }],
    shifts: [{ id: "s-1", start, end, locationId: "l", requires: "NRP", assigned: ["e-1"] }, ...more.map((x) => ({ locationId: "l", assigned: ["e-1"], ...x }))],
    rules: { limits },
  };
  const creds = {
    credentialTypes: [{ code: "NRP", alertDays: [], currency }, { code: "VISA", alertDays: [] }],
    credentials: credentials ?? [{ id: "c-1", employeeId: "e-1", code: "NRP", validUntil: "2028-01" }],
    events: events.map((e, i) => ({ id: `ev-${i}`, employeeId: "e-1", kind: "resus", ...e })),
  };
  return PlainEngine.load(roster, creds);
}

test("currency: an event exactly withinDays before the start counts, one at the start does not", () => {
  const at = ["2026-09-11T07:00:00-06:00", "2026-11-01T00:00:00-06:00", "2026-12-10T07:00:00-06:00"];
  let e = s8({ events: at.map((a) => ({ at: a })) });
  // 11 Sep 07:00 is exactly 90 × 24 h before; 10 Dec 07:00 is the start itself: 2 of 3.
  let v = e.check("e-1", "s-1");
  assert.deepEqual(kinds(v), ["notCurrent"]);
  assert.equal(v.reasons[0].have, 2);
  assert.equal(v.reasons[0].need, 3);
  assert.equal(v.reasons[0].currentUntil, null); // the two before the start never sufficed
  const three = [...at.slice(0, 2), "2026-12-01T00:00:00-06:00"].map((a) => ({ at: a }));
  assert.equal(s8({ events: three }).statusOf("e-1", "s-1"), "ok");
  // An hour later the oldest has left: current until 10 Dec 07:00, the latest start that sufficed.
  v = s8({ events: three, start: "2026-12-10T08:00:00-06:00", end: "2026-12-10T19:00:00-06:00" }).check("e-1", "s-1");
  assert.deepEqual([v.reasons[0].kind, v.reasons[0].have, v.reasons[0].currentUntil], ["notCurrent", 2, "2026-12-10T07:00:00-06:00"]);
  // A count of 2 counts twice; never enough: currentUntil null.
  e = s8({ events: [{ at: "2026-12-01T00:00:00-06:00", count: 2 }] });
  v = e.check("e-1", "s-1");
  assert.equal(v.reasons[0].have, 2);
  assert.equal(v.reasons[0].currentUntil, null);
});

test("currency by hours sums hours exactly", () => {
  const e = s8({ currency: { event: "resus", minHours: 2.4, withinDays: 30 }, events: [{ at: "2026-12-01T00:00:00-06:00", hours: 1.5 }, { at: "2026-12-02T00:00:00-06:00", hours: 0.9 }] });
  assert.equal(e.statusOf("e-1", "s-1"), "ok"); // 1.5 + 0.9 is 2.4, not just under it
  const short = s8({ currency: { event: "resus", minHours: 2.5, withinDays: 30 }, events: [{ at: "2026-12-01T00:00:00-06:00", hours: 1.5 }, { at: "2026-12-02T00:00:00-06:00", hours: 0.9 }] });
  assert.deepEqual(kinds(short.check("e-1", "s-1")), ["notCurrent"]);
});

test("a limit of 20 hours a calendar week: both shifts of a 24-hour week are over, a shift of the next week is not", () => {
  const limits = [{ id: "visa", appliesTo: { code: "VISA" }, measure: "hours", max: 20, window: { calendar: "week" } }];
  const credentials = [
    { id: "c-1", employeeId: "e-1", code: "NRP", validUntil: "2028-01" },
    { id: "c-2", employeeId: "e-1", code: "VISA", validFrom: "2026-01-01", validUntil: "2027-05-31" },
  ];
  const events = ["2026-11-01T00:00:00-06:00", "2026-11-02T00:00:00-06:00", "2026-11-03T00:00:00-06:00"].map((at) => ({ at }));
  const more = [
    { id: "s-2", start: "2026-12-13T19:00:00-06:00", end: "2026-12-14T07:00:00-06:00" }, // Sunday: same week
    { id: "s-3", start: "2026-12-14T07:00:00-06:00", end: "2026-12-14T19:00:00-06:00" }, // Monday: next week
  ];
  const e = s8({ limits, credentials, events, more });
  const v = e.check("e-1", "s-1");
  assert.deepEqual(kinds(v), ["overLimit"]);
  const r = v.reasons[0];
  assert.deepEqual([r.used, r.max, r.windowStart, r.windowEnd, r.shiftIds], [24, 20, "2026-12-07T00:00:00-06:00", "2026-12-14T00:00:00-06:00", ["s-1", "s-2"]]);
  assert.equal(e.statusOf("e-1", "s-2"), "block");
  assert.equal(e.statusOf("e-1", "s-3"), "ok");
  // Without the visa, no limit applies.
  assert.equal(s8({ limits, events, more }).statusOf("e-1", "s-1"), "ok");
});

test("limits: nights per rolling span count only nights, a role's shifts per day, a warn severity", () => {
  const events = ["2026-11-01T00:00:00-06:00", "2026-11-02T00:00:00-06:00", "2026-11-03T00:00:00-06:00"].map((at) => ({ at }));
  const nights = [{ id: "n", measure: "nights", max: 1, window: { rollingHours: 48 } }];
  const more = [
    { id: "n-1", start: "2026-12-10T19:00:00-06:00", end: "2026-12-11T03:00:00-06:00" }, // ends at 03:00: not a night
    { id: "n-2", start: "2026-12-11T19:00:00-06:00", end: "2026-12-12T07:00:00-06:00" }, // a night
    { id: "n-3", start: "2026-12-12T19:00:00-06:00", end: "2026-12-13T07:00:00-06:00" }, // a night, 24 h later
  ];
  const e = s8({ limits: nights, events, more, start: "2026-12-09T07:00:00-06:00", end: "2026-12-09T15:00:00-06:00" });
  assert.equal(e.statusOf("e-1", "n-1"), "ok"); // not a night: adds nothing
  const v = e.check("e-1", "n-2");
  assert.deepEqual(v.reasons.map((r) => [r.kind, r.used, r.shiftIds.join()]), [["overLimit", 2, "n-2,n-3"]]);
  const perDay = [{ id: "d", appliesTo: { roleId: "rn" }, measure: "shifts", max: 1, window: { calendar: "day" }, severity: "warn" }];
  const two = s8({ limits: perDay, events, more: [{ id: "x", start: "2026-12-10T20:00:00-06:00", end: "2026-12-10T22:00:00-06:00" }] });
  assert.equal(two.statusOf("e-1", "s-1"), "warn");
  assert.equal(two.check("e-1", "x").reasons[0].severity, "warn");
});
