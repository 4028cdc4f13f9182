// plain.mjs — a hand-written, dependency-free JavaScript implementation of
// credgate's verdict rules (SPEC §2.1 dates and times, §3 verdicts, §3.1
// precise rules).
//
// It has two jobs:
//   1. a benchmark peer: "what a front-end team would write by hand";
//   2. a differential oracle for the Rust engine. It was written from the
//      SPEC alone, independently of the Rust code, so keep it that way: when
//      the two disagree, settle the question in the SPEC, not by copying.
//
// SPEC §8 (currency and working limits) is in: events and `currency` (notCurrent), and
// `rules.limits` (overLimit); `rules.severities` is not.
//
// Out of scope: load-error collection (bad input throws on the first
// problem), warnings, edits (assign/unassign/moveShift), alerts, gaps,
// holders, audit, export.
//
// Every place where the SPEC left a choice open is marked "CHOICE:". Some
// were settled together with the Rust engine so that the two can be compared:
//   - a record is judged on status/window, then time (validFrom > start:
//     notYetValid; validUntil >= end: ok; else grace, else expired or
//     expiresDuringShift), then jurisdiction, then supervision;
//   - outcomes rank met < expiringSoon < inGrace < waived < notCurrent < unsupervised <
//     wrongJurisdiction < expiresDuringShift < notYetValid < pending <
//     suspended < revoked < expired < missing; equal outcomes: the latest
//     validUntil (never-expiring first), then document order;
//   - reasons: credential reasons depth first (role, location, queues, shift;
//     each code once), then notInRole, overlap, inTraining, restTooShort;
//   - a hypothetical placement is supervised by the shift's assigned list.

// At most this many overlap and this many inTraining reasons per verdict, in the
// order above; then, when some were left out, one reason of the same kind with
// `more`, the number left out (credgate's docs/decisions.md, 32).
const MAX_LISTED = 20;
const summary = (kind, more, what) => ({
  kind, severity: "block", more, message: `and ${more} more ${what}${more === 1 ? "" : "s"}`,
});

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------
// Dates and times (SPEC §2.1)
// ---------------------------------------------------------------------------

// CHOICE: the date/time separator may be "T", "t" or a space (RFC 3339 §5.6
// note); fractional seconds of any length are accepted and truncated to
// milliseconds; a leap second (":60") is rejected.
const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

function daysInMonth(y, m) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate(); // m is 1-based here
}

function checkYmd(text, y, m, d) {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new Error(`"${text}" is not a date`);
  }
}

// Date.UTC maps years 0..99 to 1900..1999; avoid that.
function utcMs(y, mo, d, h = 0, mi = 0, s = 0, ms = 0) {
  const t = new Date(0);
  t.setUTCFullYear(y, mo, d);
  t.setUTCHours(h, mi, s, ms);
  return t.getTime();
}

/** Parses an RFC 3339 instant: `{ ms, off, z }` (off in minutes east of UTC). */
export function parseInstant(text) {
  if (typeof text !== "string") throw new Error(`${JSON.stringify(text)} is not an instant`);
  const m = INSTANT_RE.exec(text);
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) {
      throw new Error(`"${text}" has no UTC offset (ambiguous)`);
    }
    throw new Error(`"${text}" is not an instant`);
  }
  const y = +m[1], mo = +m[2], d = +m[3], h = +m[4], mi = +m[5], s = +m[6];
  checkYmd(text, y, mo, d);
  if (h > 23 || mi > 59 || s > 59) throw new Error(`"${text}" is not an instant`);
  const frac = m[7] ? +(m[7] + "00").slice(0, 3) : 0;
  let off = 0;
  if (!m[8]) {
    const oh = +m[10], om = +m[11];
    if (oh > 23 || om > 59) throw new Error(`"${text}" has a bad UTC offset`);
    off = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  return { ms: utcMs(y, mo - 1, d, h, mi, s, frac) - off * MINUTE, off, z: !!m[8] };
}

// A bound is either absolute (`{ abs: ms }`, from an instant) or local
// (`{ local: ms }`: the wall-clock instant written as if it were UTC, to be
// shifted by the offset of whatever it is compared with).
function parseBound(text, which) {
  if (typeof text !== "string") throw new Error(`${JSON.stringify(text)} is not a date`);
  let m = DATE_RE.exec(text);
  if (m) {
    const y = +m[1], mo = +m[2], d = +m[3];
    checkYmd(text, y, mo, d);
    // validFrom D: from 00:00 of D; validUntil D: until 00:00 of D+1.
    return { local: utcMs(y, mo - 1, which === "until" ? d + 1 : d), text };
  }
  m = MONTH_RE.exec(text);
  if (m) {
    const y = +m[1], mo = +m[2];
    if (which !== "until") throw new Error(`"${text}": a month is allowed only in validUntil`);
    if (mo < 1 || mo > 12) throw new Error(`"${text}" is not a month`);
    return { local: utcMs(y, mo, 1), text }; // 00:00 on the 1st of the next month
  }
  return { abs: parseInstant(text).ms, text };
}

function resolveBound(bound, offMinutes) {
  return bound.abs !== undefined ? bound.abs : bound.local - offMinutes * MINUTE;
}

/** Local calendar day number (days since 1970-01-01) of `ms` at offset `off`. */
function localDay(ms, off) {
  return Math.floor((ms + off * MINUTE) / DAY);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n, w = 2) => String(n).padStart(w, "0");

function fmtInstant(ms, off, z) {
  const t = new Date(ms + off * MINUTE);
  let s = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}` +
    `T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  if (t.getUTCMilliseconds()) s += `.${pad(t.getUTCMilliseconds(), 3)}`;
  if (off === 0 && z) return s + "Z";
  const a = Math.abs(off);
  return s + `${off < 0 ? "-" : "+"}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
function fmtDay(ms, off) {
  const t = new Date(ms + off * MINUTE);
  return `${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]}`;
}
function fmtClock(ms, off) {
  const t = new Date(ms + off * MINUTE);
  return `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}
function fmtHours(ms) {
  const h = ms / HOUR;
  return Number.isInteger(h) ? `${h} h` : `${h.toFixed(1)} h`;
}
/** "31 Jan" when `ms` is local midnight (an end-of-day bound), else "12:00 on 1 Dec". */
function fmtExpiry(untilMs, off) {
  const local = untilMs + off * MINUTE;
  if (((local % DAY) + DAY) % DAY === 0) return `the end of ${fmtDay(untilMs - 1, off)}`;
  return `${fmtClock(untilMs, off)} on ${fmtDay(untilMs, off)}`;
}

// ---------------------------------------------------------------------------
// Outcomes and their ranking (best first)
// ---------------------------------------------------------------------------

const KINDS = [
  "met", "expiringSoon", "inGrace", "waived", "notCurrent",
  "unsupervised", "wrongJurisdiction", "expiresDuringShift", "notYetValid",
  "pending", "suspended", "revoked", "expired",
  "missing",
];
const RANK = Object.fromEntries(KINDS.map((k, i) => [k, i]));
const MET = RANK.met, EXPIRING = RANK.expiringSoon, GRACE = RANK.inGrace, WAIVED = RANK.waived;
const MISSING = RANK.missing;
/** met, expiring, in grace or waived: the requirement counts. */
const counts = (rank) => rank <= WAIVED;

function severityOfRank(rank) {
  if (rank === MET) return null;
  if (rank === EXPIRING) return "info";
  if (rank <= WAIVED) return "warn";
  return "block";
}
const SEVERITY = { info: 0, ok: 0, warn: 1, block: 2 };
const STATUS = ["ok", "warn", "block"];

// ---------------------------------------------------------------------------
// Requirements
// ---------------------------------------------------------------------------

// Normalised forms: { code } | { all: [...] } | { any: [...] }; null = none.
function normalizeRequirement(req, types, path) {
  if (req === null || req === undefined) return null;
  if (typeof req === "string") {
    if (!types.has(req)) throw new Error(`${path}: unknown credential code "${req}"`);
    return { code: req };
  }
  if (typeof req === "object" && !Array.isArray(req)) {
    const keys = Object.keys(req);
    if (keys.length === 1 && Array.isArray(req.all)) {
      return { all: req.all.map((r, i) => normalizeRequirement(r, types, `${path}.all[${i}]`)) };
    }
    if (keys.length === 1 && Array.isArray(req.any)) {
      if (req.any.length === 0) throw new Error(`${path}.any: an empty "any" can never be met`);
      return { any: req.any.map((r, i) => normalizeRequirement(r, types, `${path}.any[${i}]`)) };
    }
  }
  throw new Error(`${path}: not a requirement: ${JSON.stringify(req)}`);
}

// ---------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------

const DEFAULT_ALERT_DAYS = [90, 60, 30];
const NONE = Object.freeze([]);

function pushTo(map, key, value) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
function arr(v) {
  return v === null || v === undefined ? [] : v;
}

export class PlainEngine {
  /** @param {object} roster parsed roster document @param {object} credentials parsed credentials document */
  static load(roster, credentials) {
    return new PlainEngine(roster ?? {}, credentials ?? {});
  }

  constructor(roster, creds) {
    // --- credential types
    this.types = new Map();
    for (const t of arr(creds.credentialTypes)) {
      if (this.types.has(t.code)) throw new Error(`duplicate credential type ${t.code}`);
      const alertDays = t.alertDays ?? DEFAULT_ALERT_DAYS;
      this.types.set(t.code, {
        code: t.code,
        name: t.name ?? t.code,
        graceDays: t.graceDays ?? 0,
        // CHOICE: `alertDays: []` means "never warn" (there is no smallest entry).
        minAlertDays: alertDays.length ? Math.min(...alertDays) : null,
        jurisdictional: t.jurisdictional === true,
        satisfies: arr(t.satisfies),
        currency: readCurrency(t),
      });
    }
    for (const t of this.types.values()) {
      for (const c of t.satisfies) {
        if (!this.types.has(c)) throw new Error(`credentialTypes ${t.code}: satisfies unknown code "${c}"`);
      }
    }

    this.groups = new Map(); // group code -> Set of member jurisdictions
    for (const g of arr(creds.jurisdictionGroups)) this.groups.set(g.code, new Set(arr(g.members)));

    // --- credential records, per employee, per code they can meet
    // (their own code plus their type's `satisfies`), in document order.
    this.recordsByEmp = new Map(); // employeeId -> Map(code -> [record])
    arr(creds.credentials).forEach((c, i) => this.addRecord(c, `credentials[${i}]`));

    // --- waivers, per employee, per their own code only (never via satisfies)
    this.waiversByEmp = new Map(); // employeeId -> Map(code -> [waiver])
    arr(creds.waivers).forEach((w) => {
      const waiver = {
        id: w.id,
        code: w.code,
        validFrom: parseBound(w.validFrom, "from"),
        // CHOICE: a month is accepted in a waiver's validUntil too, as for credentials.
        validUntil: parseBound(w.validUntil, "until"),
        locationIds: w.locationIds ?? null,
        approvedBy: w.approvedBy,
        reason: w.reason,
      };
      let byCode = this.waiversByEmp.get(w.employeeId);
      if (!byCode) this.waiversByEmp.set(w.employeeId, (byCode = new Map()));
      pushTo(byCode, w.code, waiver);
    });

    // --- events (SPEC §8), per employee and kind, sorted by instant, with running totals
    // of `count` and of `hours` (in micro-hours, so that sums are exact).
    const evs = new Map();
    for (const ev of arr(creds.events)) {
      const at = parseInstant(ev.at).ms;
      pushTo(evs, `${ev.employeeId}\u0000${ev.kind}`, { at, count: ev.count ?? 1, micro: Math.round((ev.hours ?? 0) * 1e6) });
    }
    this.events = new Map();
    for (const [key, list] of evs) {
      list.sort((a, b) => a.at - b.at);
      const at = new Float64Array(list.length);
      const count = new Float64Array(list.length + 1);
      const micro = new Float64Array(list.length + 1);
      list.forEach((e, i) => {
        at[i] = e.at;
        count[i + 1] = count[i] + e.count;
        micro[i + 1] = micro[i] + e.micro;
      });
      this.events.set(key, { at, count, micro });
    }

    // --- scheduled trainings (only those block)
    this.trainingsByEmp = new Map();
    for (const t of arr(creds.trainings)) {
      if ((t.status ?? "scheduled") !== "scheduled") continue;
      const s = parseInstant(t.start), e = parseInstant(t.end);
      pushTo(this.trainingsByEmp, t.employeeId, { id: t.id, code: t.code ?? null, start: s.ms, end: e.ms, startOff: s.off, endOff: e.off });
    }

    // --- roster
    const byId = (list, what) => {
      const m = new Map();
      for (const x of arr(list)) {
        if (m.has(x.id)) throw new Error(`duplicate ${what} id ${x.id}`);
        m.set(x.id, x);
      }
      return m;
    };
    this.locations = new Map();
    arr(roster.locations).forEach((l, i) => {
      if (this.locations.has(l.id)) throw new Error(`duplicate location id ${l.id}`);
      this.locations.set(l.id, {
        id: l.id,
        jurisdiction: l.jurisdiction ?? null,
        requires: normalizeRequirement(l.requires, this.types, `locations[${i}].requires`),
      });
    });
    this.roles = new Map();
    arr(roster.roles).forEach((r, i) => {
      if (this.roles.has(r.id)) throw new Error(`duplicate role id ${r.id}`);
      this.roles.set(r.id, { id: r.id, requires: normalizeRequirement(r.requires, this.types, `roles[${i}].requires`) });
    });
    this.queues = new Map();
    arr(roster.queues).forEach((q, i) => {
      if (this.queues.has(q.id)) throw new Error(`duplicate queue id ${q.id}`);
      this.queues.set(q.id, { id: q.id, requires: normalizeRequirement(q.requires, this.types, `queues[${i}].requires`) });
    });
    byId(roster.teams, "team");

    this.employees = []; // document order matters for candidates()
    this.employeeById = new Map();
    for (const e of arr(roster.employees)) {
      if (this.employeeById.has(e.id)) throw new Error(`duplicate employee id ${e.id}`);
      const emp = { id: e.id, roleIds: e.roleIds == null ? null : new Set(e.roleIds) };
      this.employees.push(emp);
      this.employeeById.set(e.id, emp);
    }

    const rules = roster.rules ?? {};
    this.minRestMs = rules.minRestHours == null ? null : rules.minRestHours * HOUR;
    this.overlapBlocks = (rules.overlap ?? "block") === "block";
    this.limits = arr(rules.limits).map((l) => readLimit(l, this));

    this.shifts = [];
    this.shiftById = new Map();
    this.shiftsByEmp = new Map(); // employeeId -> [shift] in document order
    arr(roster.shifts).forEach((s, i) => {
      if (this.shiftById.has(s.id)) throw new Error(`duplicate shift id ${s.id}`);
      const shift = this.#makeShift(s, `shifts[${i}]`);
      shift.id = s.id;
      // The same employee twice in `assigned` is counted once.
      shift.assigned = [...new Set(arr(s.assigned))];
      for (const e of shift.assigned) {
        if (!this.employeeById.has(e)) throw new Error(`shifts[${i}].assigned: unknown employee ${e}`);
        pushTo(this.shiftsByEmp, e, shift);
      }
      shift.crew = arr(s.crew).map((c, j) => ({
        requires: normalizeRequirement(c.requires, this.types, `shifts[${i}].crew[${j}].requires`),
        min: c.min ?? 1,
      }));
      this.shifts.push(shift);
      this.shiftById.set(s.id, shift);
    });
  }

  /** Builds the time/location/requirement part of a shift or a placement. */
  #makeShift(s, path) {
    const start = parseInstant(s.start), end = parseInstant(s.end);
    if (end.ms <= start.ms) throw new Error(`${path}.end: not after start`);
    if (end.ms - start.ms > 7 * DAY) throw new Error(`${path}: longer than 7 days`);
    const loc = s.locationId == null ? null : this.locations.get(s.locationId);
    if (loc === undefined) throw new Error(`${path}.locationId: unknown location ${s.locationId}`);
    const role = s.roleId == null ? null : this.roles.get(s.roleId);
    if (role === undefined) throw new Error(`${path}.roleId: unknown role ${s.roleId}`);
    const queues = arr(s.queueIds).map((q) => {
      const queue = this.queues.get(q);
      if (!queue) throw new Error(`${path}.queueIds: unknown queue ${q}`);
      return queue;
    });
    // What an assignment requires: all of role's, location's, each queue's, shift's own.
    const parts = [];
    if (role?.requires) parts.push(role.requires);
    if (loc?.requires) parts.push(loc.requires);
    for (const q of queues) if (q.requires) parts.push(q.requires);
    const own = normalizeRequirement(s.requires, this.types, `${path}.requires`);
    if (own) parts.push(own);
    return {
      id: null,
      start: start.ms, end: end.ms,
      startOff: start.off, endOff: end.off,
      startZ: start.z, endZ: end.z,
      location: loc, role,
      requirement: { all: parts },
      assigned: [],
      crew: [],
    };
  }

  #shift(shiftId) {
    const s = this.shiftById.get(shiftId);
    if (!s) throw new Error(`unknown shift ${shiftId}`);
    return s;
  }
  #employee(employeeId) {
    const e = this.employeeById.get(employeeId);
    if (!e) throw new Error(`unknown employee ${employeeId}`);
    return e;
  }

  // -------------------------------------------------------------------------
  // Public operations
  // -------------------------------------------------------------------------

  /** The full verdict for employee e on shift s (assigned or hypothetical). */
  check(employeeId, shiftId) {
    const emp = this.#employee(employeeId);
    const shift = this.#shift(shiftId);
    const coworkers = shift.assigned.filter((e) => e !== employeeId);
    return this.#verdict(emp, shift, shiftId, shift.id, coworkers);
  }

  /** "ok" | "warn" | "block", without building reasons. */
  statusOf(employeeId, shiftId) {
    const emp = this.#employee(employeeId);
    const shift = this.#shift(shiftId);
    const coworkers = shift.assigned.filter((e) => e !== employeeId);
    return this.#status(emp, shift, shift.id, coworkers);
  }

  /**
   * A verdict for a shift that does not exist yet, or one being dragged.
   * `placement`: { start, end, locationId?, teamId?, roleId?, queueIds?, requires? }.
   */
  checkPlacement(employeeId, placement, { ignoreShiftId } = {}) {
    const emp = this.#employee(employeeId);
    const shift = this.#makeShift(placement, "placement");
    let coworkers = [];
    if (ignoreShiftId != null) {
      // The shift being moved: its crew moves with it, so they can supervise.
      coworkers = this.#shift(ignoreShiftId).assigned.filter((e) => e !== employeeId);
    }
    // CHOICE: the verdict's shiftId is the shift being moved, or null for a new one.
    return this.#verdict(emp, shift, ignoreShiftId ?? null, ignoreShiftId ?? null, coworkers);
  }

  /** Every employee, best first: ok < warn < block, then fewer reasons, then document order. */
  candidates(shiftId) {
    const shift = this.#shift(shiftId);
    const rows = this.employees.map((emp, index) => {
      const coworkers = shift.assigned.filter((e) => e !== emp.id);
      const v = this.#verdict(emp, shift, shiftId, shift.id, coworkers);
      return { employeeId: emp.id, status: v.status, reasons: v.reasons, index };
    });
    rows.sort((a, b) =>
      SEVERITY[a.status] - SEVERITY[b.status] ||
      a.reasons.length - b.reasons.length ||
      a.index - b.index);
    return rows.map(({ employeeId, status, reasons }) => ({ employeeId, status, reasons }));
  }

  /** Reads credential record `c` (its path for errors) into `recordsByEmp`. */
  addRecord(c, path = "record") {
    if (!("validUntil" in c)) throw new Error(`${path}.validUntil is required (null: never expires)`);
    const status = c.status ?? "active";
    if (!["active", "pending", "suspended", "revoked"].includes(status)) {
      throw new Error(`${path}.status: "${status}" is not a status`);
    }
    // A credential of an unknown type is kept (a load warning in SPEC §2.4):
    // it has default properties and meets only its own code.
    const type = this.types.get(c.code) ?? {
      code: c.code, graceDays: 0, minAlertDays: 30, jurisdictional: false, satisfies: [],
    };
    const rec = {
      id: c.id,
      employeeId: c.employeeId,
      code: c.code,
      type,
      status,
      validFrom: c.validFrom == null ? null : parseBound(c.validFrom, "from"),
      validUntil: c.validUntil === null ? null : parseBound(c.validUntil, "until"),
      validIn: c.validIn ?? null,
      supervised: arr(c.restrictions).includes("supervised"),
      unrestricted: arr(c.restrictions).length === 0,
    };
    let byCode = this.recordsByEmp.get(c.employeeId);
    if (!byCode) this.recordsByEmp.set(c.employeeId, (byCode = new Map()));
    pushTo(byCode, c.code, rec);
    for (const s of type.satisfies) if (s !== c.code) pushTo(byCode, s, rec);
    return rec;
  }

  /** Takes the record with id `id` out of `recordsByEmp`; whether there was one. */
  removeRecord(id, employeeId) {
    const byCode = this.recordsByEmp.get(employeeId);
    let found = false;
    for (const [code, list] of byCode ?? []) {
      const kept = list.filter((r) => r.id !== id);
      if (kept.length !== list.length) { found = true; byCode.set(code, kept); }
    }
    return found;
  }

  /** Every non-ok assignment and every shift-level finding. */
  validate() {
    const verdicts = [];
    const findings = [];
    let worst = 0;
    for (const shift of this.shifts) {
      for (const e of shift.assigned) {
        const v = this.check(e, shift.id);
        if (v.status !== "ok") {
          verdicts.push(v);
          worst = Math.max(worst, SEVERITY[v.status]);
        }
      }
      for (const f of this.#crewFindings(shift)) {
        findings.push(f);
        worst = Math.max(worst, SEVERITY[f.severity]);
      }
    }
    return { status: STATUS[worst], verdicts, findings };
  }

  // -------------------------------------------------------------------------
  // Verdict assembly
  // -------------------------------------------------------------------------

  #verdict(emp, shift, shiftId, ignoreId, coworkers) {
    const ctx = { emp, shift, coworkers, memo: new Map() };
    const reported = [];
    this.#evalReq(shift.requirement, ctx, reported);

    const reasons = [];
    const evidence = [];
    const seen = new Set();
    for (const code of reported) {
      if (seen.has(code)) continue; // a code is reported once, at its first place
      seen.add(code);
      const r = ctx.memo.get(code);
      const reason = this.#credentialReason(code, r, shift);
      if (reason) reasons.push(reason);
      if (r.rec && counts(r.rank)) evidence.push({ code, credentialId: r.rec.id });
      else if (r.waiver) evidence.push({ code, waiverId: r.waiver.id });
    }
    reasons.push(...this.#otherReasons(emp, shift, ignoreId));
    for (const l of this.limits) {
      const over = this.#overLimit(l, emp, shift, ignoreId);
      if (over) reasons.push(over);
    }

    let worst = 0;
    for (const r of reasons) worst = Math.max(worst, SEVERITY[r.severity]);
    return { employeeId: emp.id, shiftId, status: STATUS[worst], reasons, evidence };
  }

  #status(emp, shift, ignoreId, coworkers) {
    // Role, overlap, training and rest block outright; check them first.
    if (shift.role && emp.roleIds && !emp.roleIds.has(shift.role.id)) return "block";
    const ctx = { emp, shift, coworkers, memo: new Map() };
    const rank = this.#evalReq(shift.requirement, ctx, null);
    // The worst reported severity always equals the severity of the top rank
    // (ranks are ordered by severity), so no reasons need building.
    const sev = severityOfRank(rank);
    if (sev === "block") return "block";
    if (this.#otherReasons(emp, shift, ignoreId, true).length) return "block";
    let warn = sev === "warn";
    for (const l of this.limits) {
      if (this.#overLimit(l, emp, shift, ignoreId)) {
        if (l.severity === "block") return "block";
        warn = true;
      }
    }
    return warn ? "warn" : "ok";
  }

  /**
   * Evaluates a requirement; returns its rank and, when `out` is given,
   * appends the codes to report, depth first.
   *   all: worst member; reports every member.
   *   any: best member (first on a tie); reports the best member only when it
   *        counts, else every member.
   */
  #evalReq(node, ctx, out) {
    if (node.code !== undefined) {
      let r = ctx.memo.get(node.code);
      if (!r) ctx.memo.set(node.code, (r = this.#evalCode(node.code, ctx)));
      if (out) out.push(node.code);
      return r.rank;
    }
    if (node.all) {
      let worst = MET;
      for (const m of node.all) worst = Math.max(worst, this.#evalReq(m, ctx, out));
      return worst;
    }
    let best = Infinity, bestOut = null;
    const outs = [];
    for (const m of node.any) {
      const sub = out ? [] : null;
      const rank = this.#evalReq(m, ctx, sub);
      outs.push(sub);
      if (rank < best) { best = rank; bestOut = sub; }
    }
    if (out) {
      // CHOICE: when no member counts, every member's codes are reported,
      // which also keeps the evidence of codes met inside those members
      // (SPEC: evidence "is kept for met codes even when the verdict blocks").
      if (counts(best)) out.push(...bestOut);
      else for (const sub of outs) out.push(...sub);
    }
    return best;
  }

  /**
   * The best outcome for code C: every record of type C (or whose type
   * satisfies C) and every waiver for C. Returns { rank, rec?, waiver?, from, until, daysLeft }.
   */
  #evalCode(code, ctx) {
    const { emp, shift } = ctx;
    let best = null;
    const records = this.recordsByEmp.get(emp.id)?.get(code);
    if (records) {
      for (const rec of records) {
        const j = this.#judgeRecord(rec, ctx);
        // Same outcome: the latest validUntil wins (never-expiring first),
        // then the earlier record in the document.
        if (!best || j.rank < best.rank || (j.rank === best.rank && j.until > best.until)) best = j;
      }
    }
    if (best && best.rank < WAIVED) return best;

    const waivers = this.waiversByEmp.get(emp.id)?.get(code);
    if (waivers) {
      let bestW = null, bestUntil = -Infinity;
      for (const w of waivers) {
        const from = resolveBound(w.validFrom, shift.startOff);
        const until = resolveBound(w.validUntil, shift.endOff);
        if (from > shift.start || shift.end > until) continue;
        if (w.locationIds && !(shift.location && w.locationIds.includes(shift.location.id))) continue;
        if (until > bestUntil) { bestW = w; bestUntil = until; }
      }
      if (bestW) return { rank: WAIVED, waiver: bestW, until: bestUntil };
    }
    // CHOICE: a waiver that exists but does not cover the shift (wrong window
    // or location) leaves the code `missing` when there is no record.
    return best ?? { rank: MISSING };
  }

  /** One record against the shift: time, then jurisdiction, then supervision. */
  #judgeRecord(rec, ctx) {
    const { shift } = ctx;
    const from = rec.validFrom ? resolveBound(rec.validFrom, shift.startOff) : -Infinity;
    const until = rec.validUntil ? resolveBound(rec.validUntil, shift.endOff) : Infinity;
    const out = { rank: MET, rec, from, until, daysLeft: null, employeeId: ctx.emp.id };

    if (rec.status !== "active") {
      // The status is the reason only when the window touches the shift.
      if (until <= shift.start) out.rank = RANK.expired;
      else if (from >= shift.end) out.rank = RANK.notYetValid;
      else out.rank = RANK[rec.status];
      return out;
    }

    if (from > shift.start) { out.rank = RANK.notYetValid; return out; }
    let grace = false;
    if (until >= shift.end) {
      // valid for the whole shift
    } else if (rec.type.graceDays > 0 && shift.end <= until + rec.type.graceDays * DAY) {
      grace = true; // validUntil < end ≤ validUntil + graceDays × 24 h
    } else if (until <= shift.start) {
      out.rank = RANK.expired; return out;
    } else {
      out.rank = RANK.expiresDuringShift; return out;
    }

    if (rec.type.jurisdictional && !this.#jurisdictionOk(rec, shift)) {
      out.rank = RANK.wrongJurisdiction; return out;
    }
    if (rec.supervised && !this.#supervised(rec, ctx)) {
      out.rank = RANK.unsupervised; return out;
    }
    // Currency last: the record's own type's rule, over the holder's events before the start.
    const cur = rec.type.currency;
    if (cur && this.#have(ctx.emp.id, cur, shift.start - cur.withinMs, shift.start) < cur.need) {
      out.rank = RANK.notCurrent; return out;
    }
    if (grace) { out.rank = GRACE; return out; }
    if (rec.type.minAlertDays !== null && until !== Infinity) {
      // Calendar days from the local date of the shift's end to the last
      // valid local date, both in the offset of the shift's end.
      out.daysLeft = localDay(until - 1, shift.endOff) - localDay(shift.end, shift.endOff);
      if (out.daysLeft <= rec.type.minAlertDays) { out.rank = EXPIRING; return out; }
    }
    return out;
  }

  /** The sum (count, or micro-hours) of an employee's events of the rule's kind in [from, to). */
  #have(employeeId, cur, from, to) {
    const e = this.events.get(`${employeeId}\u0000${cur.event}`);
    if (!e) return 0;
    const sums = cur.hours ? e.micro : e.count;
    return sums[lowerBound(e.at, to)] - sums[lowerBound(e.at, from)];
  }

  /**
   * SPEC §8.1 `currentUntil`: the latest shift start at which the events before `start` still
   * suffice. The sum over [t − D, t) only drops when an event leaves the window, so the
   * candidates are each event's `at + D`: the latest one whose window [at, at + D), cut at
   * `start`, holds enough. Null when none does.
   */
  #currentUntil(employeeId, cur, start) {
    const e = this.events.get(`${employeeId}\u0000${cur.event}`);
    if (!e) return null;
    const sums = cur.hours ? e.micro : e.count;
    const n = lowerBound(e.at, start);
    for (let i = n - 1; i >= 0; i--) {
      const to = Math.min(e.at[i] + cur.withinMs, start);
      if (sums[lowerBound(e.at, to)] - sums[i] >= cur.need) return e.at[i] + cur.withinMs;
    }
    return null;
  }

  #jurisdictionOk(rec, shift) {
    const j = shift.location?.jurisdiction;
    if (!j || !rec.validIn) return false;
    for (const v of rec.validIn) {
      if (v === j) return true;
      const members = this.groups.get(v);
      if (members && members.has(j)) return true; // members are not expanded further
    }
    return false;
  }

  /**
   * Another employee on the shift holding an active, unrestricted record of
   * the restricted record's own code (or a type that satisfies it), valid for
   * the whole shift (no grace, no waivers) and, if jurisdictional, at its
   * jurisdiction.
   */
  #supervised(rec, ctx) {
    const { shift } = ctx;
    for (const other of ctx.coworkers) {
      const records = this.recordsByEmp.get(other)?.get(rec.code);
      if (!records) continue;
      for (const r of records) {
        if (r.status !== "active" || !r.unrestricted) continue;
        const from = r.validFrom ? resolveBound(r.validFrom, shift.startOff) : -Infinity;
        const until = r.validUntil ? resolveBound(r.validUntil, shift.endOff) : Infinity;
        if (from > shift.start || until < shift.end) continue;
        if (r.type.jurisdictional && !this.#jurisdictionOk(r, shift)) continue;
        const cur = r.type.currency;
        if (cur && this.#have(other, cur, shift.start - cur.withinMs, shift.start) < cur.need) continue;
        return true;
      }
    }
    return false;
  }

  /** notInRole, overlap, inTraining, restTooShort — in that order. */
  #otherReasons(emp, shift, ignoreId, stopAtFirst = false) {
    const reasons = [];
    if (shift.role && emp.roleIds && !emp.roleIds.has(shift.role.id)) {
      reasons.push({
        kind: "notInRole", severity: "block", roleId: shift.role.id,
        message: `${emp.id} is not cleared for role ${shift.role.id}`,
      });
      if (stopAtFirst) return reasons;
    }

    // The employee's other assigned shifts (not the one being checked or moved).
    const mine = this.shiftsByEmp.get(emp.id) ?? NONE;

    if (this.overlapBlocks) {
      const overlapping = [];
      for (const o of mine) {
        if (o.id !== ignoreId && o.start < shift.end && shift.start < o.end) overlapping.push(o);
      }
      overlapping.sort((a, b) => a.start - b.start); // stable: document order on ties
      for (const o of overlapping.slice(0, MAX_LISTED)) {
        reasons.push({
          kind: "overlap", severity: "block", shiftId: o.id,
          message: `overlaps shift ${o.id} (${fmtClock(o.start, o.startOff)} on ${fmtDay(o.start, o.startOff)}` +
            ` – ${fmtClock(o.end, o.endOff)} on ${fmtDay(o.end, o.endOff)})`,
        });
        if (stopAtFirst) return reasons;
      }
      if (overlapping.length > MAX_LISTED) reasons.push(summary("overlap", overlapping.length - MAX_LISTED, "overlapping shift"));
    }

    // CHOICE: overlapping sessions are reported in order of start, then document order.
    const trainings = (this.trainingsByEmp.get(emp.id) ?? NONE)
      .filter((t) => t.start < shift.end && shift.start < t.end)
      .sort((a, b) => a.start - b.start);
    for (const t of trainings.slice(0, MAX_LISTED)) {
      reasons.push({
        kind: "inTraining", severity: "block", trainingId: t.id,
        message: `in training ${t.id}${t.code ? ` (${t.code})` : ""} from ${fmtClock(t.start, t.startOff)}` +
          ` on ${fmtDay(t.start, t.startOff)} to ${fmtClock(t.end, t.endOff)} on ${fmtDay(t.end, t.endOff)}`,
      });
      if (stopAtFirst) return reasons;
    }
    if (trainings.length > MAX_LISTED) reasons.push(summary("inTraining", trainings.length - MAX_LISTED, "overlapping training session"));

    if (this.minRestMs !== null) {
      // CHOICE: on a tie (several shifts ending at the same instant, or
      // starting at the same instant) the first in document order is named.
      let prev = null, next = null;
      for (const o of mine) {
        if (o.id === ignoreId) continue;
        if (o.end <= shift.start && (!prev || o.end > prev.end)) prev = o;
        if (o.start >= shift.end && (!next || o.start < next.start)) next = o;
      }
      const minText = fmtHours(this.minRestMs);
      if (prev && shift.start - prev.end < this.minRestMs) {
        reasons.push({
          kind: "restTooShort", severity: "block", shiftId: prev.id,
          message: `only ${fmtHours(shift.start - prev.end)} of rest after shift ${prev.id} (minimum ${minText})`,
        });
        if (stopAtFirst) return reasons;
      }
      if (next && next.start - shift.end < this.minRestMs) {
        reasons.push({
          kind: "restTooShort", severity: "block", shiftId: next.id,
          message: `only ${fmtHours(next.start - shift.end)} of rest before shift ${next.id} (minimum ${minText})`,
        });
      }
    }
    return reasons;
  }

  /**
   * SPEC §8.1: the `overLimit` reason of one limit for `emp` on `shift`, or null. Counted: the
   * employee's assigned shifts (but `ignoreId`) and the judged shift, each by its start.
   */
  #overLimit(l, emp, shift, ignoreId) {
    if (l.code !== null) {
      let held = false;
      for (const r of this.recordsByEmp.get(emp.id)?.get(l.code) ?? NONE) {
        if (r.code !== l.code || r.status !== "active") continue;
        const from = r.validFrom ? resolveBound(r.validFrom, shift.startOff) : -Infinity;
        const until = r.validUntil ? resolveBound(r.validUntil, shift.startOff) : Infinity;
        if (from <= shift.start && shift.start < until) { held = true; break; }
      }
      if (!held) return null;
    } else if (l.roleId !== null && !emp.roleIds?.has(l.roleId)) {
      return null;
    }
    const nights = l.measure === "nights";
    if (nights && !isNight(shift)) return null; // only nights add to a nights limit
    const all = [shift];
    for (const o of this.shiftsByEmp.get(emp.id) ?? NONE) if (o.id !== ignoreId && o !== shift) all.push(o);
    const measure = (o) => (l.measure === "hours" ? o.end - o.start : nights ? (isNight(o) ? 1 : 0) : 1);
    let from, to;
    if (l.rollingMs !== null) {
      // CHOICE: the spans tried start at each counted shift's start in (start − H, start]
      // (any span's set of shifts is that of the span starting at its first shift); the
      // largest total wins, the earliest on ties.
      let best = -1;
      const starts = all.map((o) => o.start).filter((t) => t > shift.start - l.rollingMs && t <= shift.start).sort((a, b) => a - b);
      for (const t of starts) {
        let sum = 0;
        for (const o of all) if (o.start >= t && o.start < t + l.rollingMs) sum += measure(o);
        if (sum > best) { best = sum; from = t; }
      }
      to = from + l.rollingMs;
    } else {
      const off = shift.startOff * MINUTE;
      const day = Math.floor((shift.start + off) / DAY); // local day number of the start
      let first = day, last = day + 1;
      if (l.calendar === "week") {
        const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
        first = day - ((weekday - l.weekStart + 7) % 7);
        last = first + 7;
      } else if (l.calendar === "month") {
        const d = new Date(day * DAY);
        first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY;
        last = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY;
      }
      from = first * DAY - off;
      to = last * DAY - off;
    }
    const counted = all.filter((o) => o.start >= from && o.start < to && (!nights || isNight(o)));
    let used = 0;
    for (const o of counted) used += measure(o);
    if (!(used > l.maxUnits)) return null;
    counted.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const shown = l.measure === "hours" ? used / HOUR : used;
    return {
      kind: "overLimit", severity: l.severity, limitId: l.id, used: shown, max: l.max, measure: l.measure,
      windowStart: fmtInstant(from, shift.startOff, shift.startZ), windowEnd: fmtInstant(to, shift.startOff, shift.startZ),
      shiftIds: counted.map((o) => o.id),
      message: `${l.id}: ${shown} ${l.measure} of at most ${l.max} in the window from ${fmtDay(from, shift.startOff)}`,
    };
  }

  /** The reason a code's best outcome reports, or null when it is simply met. */
  #credentialReason(code, r, shift) {
    const kind = KINDS[r.rank];
    const severity = severityOfRank(r.rank);
    if (!severity) return null;
    if (kind === "missing") {
      return { kind, severity, code, message: `no ${code} on record` };
    }
    if (kind === "waived") {
      const w = r.waiver;
      return {
        kind, severity, code, waiverId: w.id,
        message: `${code} waived by ${w.approvedBy} until ${fmtDay(r.until - 1, shift.endOff)}: ${w.reason}`,
      };
    }
    const rec = r.rec;
    const label = `${code === rec.code ? code : `${code} (met by ${rec.code})`} (${rec.id})`;
    // CHOICE: `at` is the expiry instant (or, for notYetValid, the start of
    // validity), written in the offset of the shift's end (start) it was
    // compared with; there is no `at` for pending/suspended/revoked/
    // wrongJurisdiction/unsupervised.
    const atUntil = () => fmtInstant(r.until, shift.endOff, shift.endZ);
    const base = { kind, severity, code, credentialId: rec.id };
    switch (kind) {
      case "expiringSoon":
        return { ...base, at: atUntil(),
          message: `${label} expires at ${fmtExpiry(r.until, shift.endOff)}, ${r.daysLeft} day${r.daysLeft === 1 ? "" : "s"} after the shift` };
      case "inGrace":
        return { ...base, at: atUntil(),
          message: `${label} expired at ${fmtExpiry(r.until, shift.endOff)}; in its ${rec.type.graceDays}-day grace period` };
      case "expiresDuringShift":
        return { ...base, at: atUntil(),
          message: `${label} expires at ${fmtClock(r.until, shift.endOff)} on ${fmtDay(r.until, shift.endOff)}, ` +
            `${fmtHours(r.until - shift.start)} into the shift` };
      case "expired":
        return { ...base, at: atUntil(), message: `${label} expired at ${fmtExpiry(r.until, shift.endOff)}` };
      case "notYetValid":
        return { ...base, at: fmtInstant(r.from, shift.startOff, shift.startZ),
          message: `${label} is valid only from ${fmtClock(r.from, shift.startOff)} on ${fmtDay(r.from, shift.startOff)}` };
      case "pending":
        return { ...base, message: `${label} is pending verification` };
      case "suspended":
        return { ...base, message: `${label} is suspended` };
      case "revoked":
        return { ...base, message: `${label} is revoked` };
      case "wrongJurisdiction": {
        const loc = shift.location;
        const where = !loc ? "on a shift without a location"
          : !loc.jurisdiction ? `at ${loc.id}, which has no jurisdiction`
          : `in ${loc.jurisdiction}`;
        return { ...base, message: `${label} is not valid ${where}` };
      }
      case "unsupervised":
        return { ...base, message: `${label} is restricted to supervised work, and no one else on the shift holds ${rec.code} without restriction` };
      case "notCurrent": {
        const cur = rec.type.currency;
        const scale = cur.hours ? 1e6 : 1;
        const have = this.#have(r.employeeId, cur, shift.start - cur.withinMs, shift.start) / scale;
        const until = this.#currentUntil(r.employeeId, cur, shift.start);
        return { ...base, have, need: cur.need / scale, withinDays: cur.withinDays,
          currentUntil: until === null ? null : fmtInstant(until, shift.startOff, shift.startZ),
          message: `${label} is not current: ${have} of ${cur.need / scale} ${cur.event} in the ${cur.withinDays} days before the shift` };
      }
    }
    throw new Error(`unreachable: ${kind}`);
  }

  /** crewShortfall findings for one shift. */
  #crewFindings(shift) {
    const findings = [];
    for (const rule of shift.crew) {
      let count = 0;
      for (const e of shift.assigned) {
        const emp = this.employeeById.get(e);
        const ctx = { emp, shift, coworkers: shift.assigned.filter((x) => x !== e), memo: new Map() };
        // CHOICE: `crew[].requires: null` counts every assigned employee.
        const rank = rule.requires ? this.#evalReq(rule.requires, ctx, null) : MET;
        if (counts(rank)) count++;
      }
      if (count < rule.min) {
        findings.push({
          kind: "crewShortfall", severity: "block", shiftId: shift.id, min: rule.min, count,
          message: `shift ${shift.id} needs ${rule.min} crew meeting ${describe(rule.requires)}, has ${count}`,
        });
      }
    }
    return findings;
  }
}

/** SPEC §8 `currency` of a credential type, read into milliseconds and whole units. */
function readCurrency(t) {
  const c = t.currency;
  if (c == null) return null;
  const hours = c.minHours !== undefined;
  if (typeof c.event !== "string" || !(c.withinDays >= 1) || hours === (c.min !== undefined)) {
    throw new Error(`credentialTypes ${t.code}: currency needs event, withinDays and one of min / minHours`);
  }
  return { event: c.event, hours, need: hours ? Math.round(c.minHours * 1e6) : c.min, withinDays: c.withinDays, withinMs: c.withinDays * DAY };
}

const WEEKDAYS = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };

/** SPEC §8 a `rules.limits` entry. */
function readLimit(l, engine) {
  const a = l.appliesTo ?? {};
  if (a.code !== undefined && !engine.types.has(a.code)) throw new Error(`limit ${l.id}: unknown code ${a.code}`);
  if (a.roleId !== undefined && !engine.roles.has(a.roleId)) throw new Error(`limit ${l.id}: unknown role ${a.roleId}`);
  if (!["hours", "shifts", "nights"].includes(l.measure)) throw new Error(`limit ${l.id}: measure`);
  const w = l.window ?? {};
  if ((w.rollingHours === undefined) === (w.calendar === undefined)) throw new Error(`limit ${l.id}: window`);
  return {
    id: l.id, code: a.code ?? null, roleId: a.roleId ?? null, measure: l.measure, max: l.max,
    // Compared in the measure's own unit: hours as milliseconds.
    maxUnits: l.measure === "hours" ? l.max * HOUR : l.max,
    rollingMs: w.rollingHours === undefined ? null : w.rollingHours * HOUR,
    calendar: w.calendar ?? null, weekStart: WEEKDAYS[w.weekStart ?? "monday"],
    severity: l.severity ?? "block",
  };
}

/** A night: the shift's [start, end) holds a 03:00 in the offset of its start. */
function isNight(o) {
  const off = o.startOff * MINUTE;
  const local = o.start + off;
  let three = Math.floor(local / DAY) * DAY + 3 * HOUR;
  if (three < local) three += DAY;
  return three < o.end + off;
}

/** The first index of the sorted `arr` whose value is ≥ x. */
function lowerBound(arr, x) {
  let lo = 0, hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function describe(req) {
  if (!req) return "nothing";
  if (req.code !== undefined) return req.code;
  if (req.all) return req.all.length ? `all of (${req.all.map(describe).join(", ")})` : "nothing";
  return `any of (${req.any.map(describe).join(", ")})`;
}
