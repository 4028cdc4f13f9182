// rules.mjs — credgate's verdicts (SPEC §3) on json-rules-engine, the benchmark's
// off-the-shelf peer: what a team would build by taking a rules engine from npm.
//
// How the SPEC maps onto rules and facts, as such a team would do it:
//
//   - A requirement is already a rules-engine condition: a code is a leaf, `all`/`any` are the
//     engine's own `all`/`any`. The leaf asks a fact, `codeRank(code)`: how well the employee's
//     best record or waiver for that code meets the shift, as a rank (0 met, 1 expiring, 2 in
//     grace, 3 waived, 4.. not met, 12 missing). So "the requirement is met" is the tree with
//     leaves `codeRank <= 3`, and "met without a warning" the tree with leaves `codeRank <= 1`:
//     since `all` takes the worst and `any` the best member, these are exact.
//   - One pair of rules per place a requirement comes from (each role, location, queue, and each
//     distinct shift requirement), guarded by a high-priority fact that says whether the place
//     applies to the shift: `blocks` when the tree with `<= 3` fails, `warns` when it holds but
//     the one with `<= 1` does not.
//   - One rule each for notInRole, overlap, inTraining, restTooShort, on facts that look at the
//     employee's other assignments and trainings.
//   - Crew rules: a second, small engine per distinct crew requirement, run for each assigned
//     employee.
//   - Facts hold what a rules engine cannot express (it cannot loop over records): judging one
//     record against a shift's window, grace, jurisdiction and supervision (SPEC §3.1).
//
// The verdict is coarser than credgate's: one reason per fired rule, and for the credential
// rules one reason per code that is not plainly met (its kind, no message). Statuses must agree
// with credgate's; the benchmark checks that before timing. Every operation is async, as
// json-rules-engine's `run` is.
import { Engine } from "json-rules-engine";

const HOUR = 3_600_000;
const DAY = 86_400_000;
const KINDS = ["met", "expiringSoon", "inGrace", "waived", "unsupervised", "wrongJurisdiction", "expiresDuringShift",
  "notYetValid", "pending", "suspended", "revoked", "expired", "missing"];
const RANK = Object.fromEntries(KINDS.map((k, i) => [k, i]));
const SEV = { ok: 0, warn: 1, block: 2 };
const STATUS = ["ok", "warn", "block"];

// --- dates ------------------------------------------------------------------------------------

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
function days(y, m, d) {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  t.setUTCHours(0, 0, 0, 0);
  return Math.round(t.getTime() / DAY);
}
function parseInstant(text) {
  const m = INSTANT.exec(text);
  if (!m) throw new Error(`not an instant: ${text}`);
  const off = m[8] ? (m[8] === "-" ? -1 : 1) * (+m[9] * 60 + +m[10]) : 0;
  const frac = m[7] ? +(m[7] + "00").slice(0, 3) : 0;
  const local = days(+m[1], +m[2], +m[3]) * DAY + +m[4] * HOUR + +m[5] * 60_000 + +(m[6] ?? 0) * 1000 + frac;
  return { ms: local - off * 60_000, off };
}
/** `{ms}` for an instant, `{day}` for a local midnight (a date; for `until` the day after). */
function parseBound(text, until) {
  if (text.length > 10) return { ms: parseInstant(text).ms };
  if (text.length === 7) {
    const y = +text.slice(0, 4), mo = +text.slice(5, 7);
    return { day: mo === 12 ? days(y + 1, 1, 1) : days(y, mo + 1, 1) };
  }
  const d = days(+text.slice(0, 4), +text.slice(5, 7), +text.slice(8, 10));
  return { day: until ? d + 1 : d };
}
const at = (b, off) => (b.ms !== undefined ? b.ms : b.day * DAY - off * 60_000);
const localDay = (ms, off) => Math.floor((ms + off * 60_000) / DAY);

// --- requirements as conditions ---------------------------------------------------------------

function condition(req, limit) {
  if (typeof req === "string") return { fact: "codeRank", params: { code: req }, operator: "lessThanInclusive", value: limit };
  if (req.all) return { all: req.all.map((r) => condition(r, limit)) };
  return { any: req.any.map((r) => condition(r, limit)) };
}
function codesOf(req, out = []) {
  if (typeof req === "string") out.push(req);
  else for (const r of req.all ?? req.any) codesOf(r, out);
  return out;
}

export class RulesEngine {
  static async load(roster, credentials) {
    return new RulesEngine(roster, credentials);
  }

  constructor(roster, creds) {
    this.types = new Map();
    for (const t of creds.credentialTypes ?? []) {
      const alert = t.alertDays ?? [90, 60, 30];
      this.types.set(t.code, { grace: t.graceDays ?? 0, minAlert: alert.length ? Math.min(...alert) : null, jur: t.jurisdictional === true, satisfies: t.satisfies ?? [] });
    }
    this.groups = new Map((creds.jurisdictionGroups ?? []).map((g) => [g.code, new Set(g.members ?? [])]));
    this.records = new Map(); // employee -> code -> [record]
    for (const c of creds.credentials ?? []) {
      const type = this.types.get(c.code) ?? { grace: 0, minAlert: null, jur: false, satisfies: [] };
      const rec = {
        id: c.id, code: c.code, type, status: c.status ?? "active",
        from: c.validFrom == null ? null : parseBound(c.validFrom, false),
        until: c.validUntil == null ? null : parseBound(c.validUntil, true),
        validIn: c.validIn ?? null, supervised: (c.restrictions ?? []).includes("supervised"),
      };
      const byCode = this.records.get(c.employeeId) ?? new Map();
      this.records.set(c.employeeId, byCode);
      for (const code of new Set([c.code, ...type.satisfies])) {
        if (!byCode.has(code)) byCode.set(code, []);
        byCode.get(code).push(rec);
      }
    }
    this.waivers = new Map();
    for (const w of creds.waivers ?? []) {
      const key = `${w.employeeId}\u0000${w.code}`;
      if (!this.waivers.has(key)) this.waivers.set(key, []);
      this.waivers.get(key).push({ id: w.id, from: parseBound(w.validFrom, false), until: parseBound(w.validUntil, true), locationIds: w.locationIds ?? null });
    }
    this.trainings = new Map();
    for (const t of creds.trainings ?? []) {
      if ((t.status ?? "scheduled") !== "scheduled") continue;
      if (!this.trainings.has(t.employeeId)) this.trainings.set(t.employeeId, []);
      this.trainings.get(t.employeeId).push({ id: t.id, start: parseInstant(t.start).ms, end: parseInstant(t.end).ms });
    }

    this.locations = new Map((roster.locations ?? []).map((l) => [l.id, l]));
    this.roles = new Map((roster.roles ?? []).map((r) => [r.id, r]));
    this.queues = new Map((roster.queues ?? []).map((q) => [q.id, q]));
    this.employees = (roster.employees ?? []).map((e) => ({ id: e.id, roleIds: e.roleIds == null ? null : new Set(e.roleIds) }));
    this.employeeById = new Map(this.employees.map((e) => [e.id, e]));
    const rules = roster.rules ?? {};
    this.minRest = rules.minRestHours == null ? null : rules.minRestHours * HOUR;
    this.overlapBlocks = (rules.overlap ?? "block") === "block";

    this.shifts = [];
    this.shiftById = new Map();
    this.shiftsOf = new Map();
    const shiftReqs = new Map();
    for (const s of roster.shifts ?? []) {
      const shift = { id: s.id, raw: s, assigned: [...new Set(s.assigned ?? [])], crew: s.crew ?? [] };
      this.#setTimes(shift, s.start, s.end);
      shift.parts = [];
      if (s.roleId != null && this.roles.get(s.roleId)?.requires != null) shift.parts.push(`role:${s.roleId}`);
      if (s.locationId != null && this.locations.get(s.locationId)?.requires != null) shift.parts.push(`location:${s.locationId}`);
      for (const q of s.queueIds ?? []) if (this.queues.get(q)?.requires != null) shift.parts.push(`queue:${q}`);
      if (s.requires != null) {
        const key = JSON.stringify(s.requires);
        if (!shiftReqs.has(key)) shiftReqs.set(key, s.requires);
        shift.parts.push(`shift:${key}`);
      }
      this.shifts.push(shift);
      this.shiftById.set(s.id, shift);
      for (const e of shift.assigned) this.#index(e, shift);
    }

    // The verdict engine: two rules per requirement source, four for the other checks.
    this.engine = new Engine([], { allowUndefinedFacts: true });
    const sources = [];
    for (const [id, r] of this.roles) if (r.requires != null) sources.push([`role:${id}`, r.requires]);
    for (const [id, l] of this.locations) if (l.requires != null) sources.push([`location:${id}`, l.requires]);
    for (const [id, q] of this.queues) if (q.requires != null) sources.push([`queue:${id}`, q.requires]);
    for (const [key, req] of shiftReqs) sources.push([`shift:${key}`, req]);
    for (const [part, req] of sources) {
      const guard = { fact: "parts", operator: "contains", value: part };
      const codes = codesOf(req);
      this.engine.addRule({ name: `${part} blocks`, conditions: { all: [guard, { not: condition(req, RANK.waived) }] }, event: { type: "credentials", params: { severity: "block", codes } } });
      this.engine.addRule({ name: `${part} warns`, conditions: { all: [guard, condition(req, RANK.waived), { not: condition(req, RANK.expiringSoon) }] }, event: { type: "credentials", params: { severity: "warn", codes } } });
    }
    this.engine.addRule({ name: "notInRole", conditions: { all: [{ fact: "inRole", operator: "equal", value: false }] }, event: { type: "notInRole", params: { severity: "block" } } });
    if (this.overlapBlocks) {
      this.engine.addRule({ name: "overlap", conditions: { all: [{ fact: "overlaps", operator: "greaterThan", value: 0 }] }, event: { type: "overlap", params: { severity: "block" } } });
    }
    this.engine.addRule({ name: "inTraining", conditions: { all: [{ fact: "trainingOverlaps", operator: "greaterThan", value: 0 }] }, event: { type: "inTraining", params: { severity: "block" } } });
    if (this.minRest !== null) {
      this.engine.addRule({
        name: "restTooShort",
        conditions: { any: [{ fact: "restBefore", operator: "lessThan", value: this.minRest }, { fact: "restAfter", operator: "lessThan", value: this.minRest }] },
        event: { type: "restTooShort", params: { severity: "block" } },
      });
    }
    this.#addFacts(this.engine);

    // One small engine per distinct crew requirement.
    this.crewEngines = new Map();
  }

  #setTimes(shift, start, end) {
    const s = parseInstant(start), e = parseInstant(end);
    shift.start = s.ms; shift.end = e.ms; shift.startOff = s.off; shift.endOff = e.off;
    shift.startText = start; shift.endText = end;
  }

  #index(e, shift) {
    if (!this.shiftsOf.has(e)) this.shiftsOf.set(e, []);
    this.shiftsOf.get(e).push(shift);
  }

  #addFacts(engine) {
    engine.addFact("parts", (p, a) => a.factValue("shift").then((s) => s.parts), { priority: 10 });
    engine.addFact("codeRank", (p, a) => Promise.all([a.factValue("employee"), a.factValue("shift"), a.factValue("coworkers")])
      .then(([e, s, cw]) => this.#codeRank(e.id, p.code, s, cw).rank));
    engine.addFact("inRole", (p, a) => Promise.all([a.factValue("employee"), a.factValue("shift")])
      .then(([e, s]) => !(s.raw.roleId != null && e.roleIds !== null && !e.roleIds.has(s.raw.roleId))));
    engine.addFact("overlaps", (p, a) => Promise.all([a.factValue("employee"), a.factValue("shift")])
      .then(([e, s]) => (this.shiftsOf.get(e.id) ?? []).filter((o) => o !== s && o.start < s.end && s.start < o.end).length));
    engine.addFact("trainingOverlaps", (p, a) => Promise.all([a.factValue("employee"), a.factValue("shift")])
      .then(([e, s]) => (this.trainings.get(e.id) ?? []).filter((t) => t.start < s.end && s.start < t.end).length));
    engine.addFact("restBefore", (p, a) => Promise.all([a.factValue("employee"), a.factValue("shift")]).then(([e, s]) => {
      let best = -Infinity;
      for (const o of this.shiftsOf.get(e.id) ?? []) if (o !== s && o.end <= s.start && o.end > best) best = o.end;
      return s.start - best;
    }));
    engine.addFact("restAfter", (p, a) => Promise.all([a.factValue("employee"), a.factValue("shift")]).then(([e, s]) => {
      let best = Infinity;
      for (const o of this.shiftsOf.get(e.id) ?? []) if (o !== s && o.start >= s.end && o.start < best) best = o.start;
      return best - s.end;
    }));
  }

  /** The best outcome for `code`: `{rank, id}`. */
  #codeRank(emp, code, s, coworkers) {
    let best = { rank: RANK.missing, until: -Infinity, id: null };
    for (const rec of this.records.get(emp)?.get(code) ?? []) {
      const j = this.#judge(rec, s, coworkers, emp);
      if (j.rank < best.rank || (j.rank === best.rank && j.until > best.until)) best = j;
    }
    if (best.rank < RANK.waived) return best;
    let bestUntil = -Infinity, waiver = null;
    for (const w of this.waivers.get(`${emp}\u0000${code}`) ?? []) {
      const from = at(w.from, s.startOff), until = at(w.until, s.endOff);
      if (from > s.start || s.end > until) continue;
      if (w.locationIds && !(s.raw.locationId != null && w.locationIds.includes(s.raw.locationId))) continue;
      if (until > bestUntil) { bestUntil = until; waiver = w; }
    }
    return waiver ? { rank: RANK.waived, until: bestUntil, id: waiver.id } : best;
  }

  /** One record against a shift: status, time, then jurisdiction, then supervision. */
  #judge(rec, s, coworkers, emp) {
    const from = rec.from ? at(rec.from, s.startOff) : -Infinity;
    const until = rec.until ? at(rec.until, s.endOff) : Infinity;
    const out = (kind) => ({ rank: RANK[kind], until, id: rec.id });
    if (rec.status !== "active") {
      if (until <= s.start) return out("expired");
      if (from >= s.end) return out("notYetValid");
      return out(rec.status);
    }
    if (from > s.start) return out("notYetValid");
    let grace = false;
    if (until < s.end) {
      if (rec.type.grace > 0 && s.end <= until + rec.type.grace * DAY) grace = true;
      else return out(until <= s.start ? "expired" : "expiresDuringShift");
    }
    if (rec.type.jur && !this.#covers(rec, s)) return out("wrongJurisdiction");
    if (rec.supervised && !this.#supervisor(rec, s, coworkers, emp)) return out("unsupervised");
    if (grace) return out("inGrace");
    if (rec.type.minAlert !== null && until !== Infinity && localDay(until - 1, s.endOff) - localDay(s.end, s.endOff) <= rec.type.minAlert) return out("expiringSoon");
    return out("met");
  }

  #covers(rec, s) {
    const j = s.raw.locationId == null ? null : this.locations.get(s.raw.locationId)?.jurisdiction;
    if (j == null || !rec.validIn) return false;
    return rec.validIn.some((v) => v === j || this.groups.get(v)?.has(j));
  }

  #supervisor(rec, s, coworkers, emp) {
    const code = this.types.has(rec.code) ? rec.code : null;
    if (!code) return false;
    return coworkers.some((o) => o !== emp && (this.records.get(o)?.get(code) ?? []).some((r) =>
      r.status === "active" && !r.supervised &&
      (!r.from || at(r.from, s.startOff) <= s.start) &&
      (!r.until || at(r.until, s.endOff) >= s.end) &&
      (!r.type.jur || this.#covers(r, s))));
  }

  #shift(id) {
    const s = this.shiftById.get(id);
    if (!s) throw new Error(`unknown shift ${id}`);
    return s;
  }
  #employee(id) {
    const e = this.employeeById.get(id);
    if (!e) throw new Error(`unknown employee ${id}`);
    return e;
  }

  async #run(emp, shift) {
    return this.engine.run({ employee: emp, shift, coworkers: shift.assigned });
  }

  // --- operations -----------------------------------------------------------------------------

  /** A verdict: status, one reason per fired rule (per code for the credential rules). */
  async check(employeeId, shiftId) {
    const emp = this.#employee(employeeId), shift = this.#shift(shiftId);
    const { events } = await this.#run(emp, shift);
    const reasons = [];
    let worst = 0;
    const seen = new Set();
    for (const ev of events) {
      worst = Math.max(worst, SEV[ev.params.severity]);
      if (ev.type !== "credentials") {
        reasons.push({ kind: ev.type, severity: ev.params.severity });
        continue;
      }
      for (const code of ev.params.codes) {
        if (seen.has(code)) continue;
        seen.add(code);
        const r = this.#codeRank(emp.id, code, shift, shift.assigned);
        if (r.rank >= RANK.inGrace) reasons.push({ kind: KINDS[r.rank], severity: r.rank <= RANK.waived ? "warn" : "block", code, ...(r.id && { recordId: r.id }) });
      }
    }
    return { employeeId, shiftId, status: STATUS[worst], reasons };
  }

  /** "ok" | "warn" | "block". */
  async statusOf(employeeId, shiftId) {
    const { events } = await this.#run(this.#employee(employeeId), this.#shift(shiftId));
    let worst = 0;
    for (const ev of events) worst = Math.max(worst, SEV[ev.params.severity]);
    return STATUS[worst];
  }

  /** Every employee with status and reasons, best first. */
  async candidates(shiftId) {
    const rows = [];
    for (let i = 0; i < this.employees.length; i++) {
      const v = await this.check(this.employees[i].id, shiftId);
      rows.push({ ...v, index: i });
    }
    rows.sort((a, b) => SEV[a.status] - SEV[b.status] || a.reasons.length - b.reasons.length || a.index - b.index);
    return rows;
  }

  async #crewCount(shift, rule) {
    const key = JSON.stringify(rule.requires);
    let engine = this.crewEngines.get(key);
    if (!engine) {
      engine = new Engine([], { allowUndefinedFacts: true });
      engine.addRule({ conditions: { all: [condition(rule.requires, RANK.waived)] }, event: { type: "counts" } });
      this.#addFacts(engine);
      this.crewEngines.set(key, engine);
    }
    let count = 0;
    for (const e of shift.assigned) {
      const { events } = await engine.run({ employee: this.employeeById.get(e), shift, coworkers: shift.assigned });
      if (events.length) count++;
    }
    return count;
  }

  async #crewFindings(shift) {
    const out = [];
    for (const rule of shift.crew) {
      const count = await this.#crewCount(shift, rule);
      const min = rule.min ?? 1;
      if (count < min) out.push({ kind: "crewShortfall", severity: "block", shiftId: shift.id, min, count });
    }
    return out;
  }

  /** Every non-ok assignment and every crew shortfall. */
  async validate() {
    const verdicts = [], findings = [];
    let worst = 0;
    for (const shift of this.shifts) {
      for (const e of shift.assigned) {
        const v = await this.check(e, shift.id);
        if (v.status !== "ok") { verdicts.push(v); worst = Math.max(worst, SEV[v.status]); }
      }
      for (const f of await this.#crewFindings(shift)) { findings.push(f); worst = 2; }
    }
    return { status: STATUS[worst], verdicts, findings };
  }

  // --- edits ----------------------------------------------------------------------------------

  /** The assignments an edit of `shift` can change: its people's shifts near the windows. */
  #scope(people, shift, windows) {
    const reach = 7 * DAY + (this.minRest ?? 0);
    const pairs = [];
    for (const e of people) {
      for (const o of this.shiftsOf.get(e) ?? []) {
        if (o === shift || windows.some(([lo, hi]) => o.start < hi + reach && o.end > lo - reach)) pairs.push([e, o]);
      }
    }
    for (const e of shift.assigned) pairs.push([e, shift]);
    return pairs;
  }

  async #findings(pairs, shift) {
    const out = new Map();
    for (const [e, s] of pairs) {
      if (!s.assigned.includes(e)) continue;
      const v = await this.check(e, s.id);
      if (v.status === "ok") continue;
      for (const r of v.reasons) out.set(`${s.id}|${e}|${r.kind}|${r.code ?? ""}`, { ...r, shiftId: s.id, employeeId: e });
    }
    for (const f of await this.#crewFindings(shift)) out.set(`${shift.id}|crew|${f.min}`, f);
    return out;
  }

  static #diff(before, after) {
    return {
      created: [...after].filter(([k]) => !before.has(k)).map(([, f]) => f),
      cleared: [...before].filter(([k]) => !after.has(k)).map(([, f]) => f),
    };
  }

  async assign(employeeId, shiftId, override) {
    const shift = this.#shift(shiftId);
    this.#employee(employeeId);
    const verdict = await this.check(employeeId, shiftId);
    if (shift.assigned.includes(employeeId)) return { applied: false, refused: false, verdict, created: [], cleared: [] };
    if (verdict.status === "block" && !override) return { applied: false, refused: true, verdict, created: [], cleared: [] };
    const pairs = this.#scope([...shift.assigned, employeeId], shift, [[shift.start, shift.end]]);
    pairs.push([employeeId, shift]);
    const before = await this.#findings(pairs, shift);
    shift.assigned.push(employeeId);
    this.#index(employeeId, shift);
    const after = await this.#findings(pairs, shift);
    return { applied: true, refused: false, verdict, ...RulesEngine.#diff(before, after) };
  }

  async unassign(employeeId, shiftId) {
    const shift = this.#shift(shiftId);
    if (!shift.assigned.includes(employeeId)) return { applied: false, refused: false, created: [], cleared: [] };
    const pairs = this.#scope([...shift.assigned], shift, [[shift.start, shift.end]]);
    const before = await this.#findings(pairs, shift);
    shift.assigned = shift.assigned.filter((e) => e !== employeeId);
    this.shiftsOf.set(employeeId, this.shiftsOf.get(employeeId).filter((s) => s !== shift));
    const after = await this.#findings(pairs, shift);
    return { applied: true, refused: false, ...RulesEngine.#diff(before, after) };
  }

  async moveShift(shiftId, start, end, override) {
    const shift = this.#shift(shiftId);
    const old = { start: shift.startText, end: shift.endText };
    const window0 = [shift.start, shift.end];
    this.#setTimes(shift, start, end);
    const verdicts = [];
    for (const e of shift.assigned) verdicts.push(await this.check(e, shiftId));
    this.#setTimes(shift, old.start, old.end);
    if (verdicts.some((v) => v.status === "block") && !override) return { applied: false, refused: true, verdicts, created: [], cleared: [] };
    const moved = parseInstant(start).ms, movedEnd = parseInstant(end).ms;
    const pairs = this.#scope([...shift.assigned], shift, [window0, [moved, movedEnd]]);
    const before = await this.#findings(pairs, shift);
    this.#setTimes(shift, start, end);
    const after = await this.#findings(pairs, shift);
    return { applied: true, refused: false, verdicts, ...RulesEngine.#diff(before, after) };
  }
}
