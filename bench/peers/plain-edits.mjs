// Edits (assign, unassign, moveShift, and a credential record put) for the plain-JavaScript
// peer, for the benchmark's "one assign or moveShift with its findings" row and SPEC §9's edit
// rows: what a team would add on top of a checker.
//
// An edit is judged first (refused when it would block, unless overridden), then the findings
// of every assignment it can touch (the people on the shift, their shifts within 7 days plus
// the rest rule of either window, and the shift's crew rules) are computed before and after,
// and the difference returned, as SPEC §4 asks. It uses only PlainEngine's public surface:
// `check`, `checkPlacement` (for crew rules), and its `shiftById`/`shiftsByEmp` indexes.
import { parseInstant } from "./plain.mjs";

const DAY = 86_400_000;
const CREDENTIAL_KINDS = new Set(["expiringSoon", "inGrace", "waived", "notCurrent", "unsupervised", "wrongJurisdiction",
  "expiresDuringShift", "notYetValid", "pending", "suspended", "revoked", "expired", "missing"]);

/** Adds `assign`, `unassign` and `moveShift` to a loaded PlainEngine. `roster` is its document. */
export function withEdits(engine, roster) {
  const raw = new Map((roster.shifts ?? []).map((s) => [s.id, { start: s.start, end: s.end, locationId: s.locationId ?? null, crew: s.crew ?? [] }]));
  const minRest = engine.minRestMs ?? 0;

  const scope = (people, shift, windows) => {
    const reach = 7 * DAY + minRest;
    const pairs = [];
    for (const e of people) {
      for (const o of engine.shiftsByEmp.get(e) ?? []) {
        if (o === shift || windows.some(([lo, hi]) => o.start < hi + reach && o.end > lo - reach)) pairs.push([e, o]);
      }
    }
    for (const e of shift.assigned) pairs.push([e, shift]);
    return pairs;
  };

  const crewFindings = (shift) => {
    const r = raw.get(shift.id);
    const out = [];
    for (const rule of r.crew) {
      let count = 0;
      for (const e of shift.assigned) {
        const v = engine.checkPlacement(e, { start: r.start, end: r.end, locationId: r.locationId, requires: rule.requires }, { ignoreShiftId: shift.id });
        if (!v.reasons.some((x) => CREDENTIAL_KINDS.has(x.kind) && x.severity === "block")) count++;
      }
      const min = rule.min ?? 1;
      if (count < min) out.push({ kind: "crewShortfall", severity: "block", shiftId: shift.id, min, count });
    }
    return out;
  };

  const findings = (pairs, shift) => findingsOf(pairs, [shift]);
  const findingsOf = (pairs, shifts) => {
    const out = new Map();
    for (const [e, s] of pairs) {
      if (!s.assigned.includes(e)) continue;
      const v = engine.check(e, s.id);
      if (v.status === "ok") continue;
      for (const r of v.reasons) if (r.severity !== "info") out.set(`${s.id}|${e}|${r.kind}|${r.message}`, { ...r, shiftId: s.id, employeeId: e });
    }
    for (const shift of shifts) for (const f of crewFindings(shift)) out.set(`${shift.id}|crew|${f.min}`, f);
    return out;
  };

  const diff = (before, after) => ({
    created: [...after].filter(([k]) => !before.has(k)).map(([, f]) => f),
    cleared: [...before].filter(([k]) => !after.has(k)).map(([, f]) => f),
  });

  const setTimes = (shift, start, end) => {
    const s = parseInstant(start), e = parseInstant(end);
    Object.assign(shift, { start: s.ms, end: e.ms, startOff: s.off, endOff: e.off, startZ: s.z, endZ: e.z });
    Object.assign(raw.get(shift.id), { start, end });
  };

  engine.assign = (employeeId, shiftId, override) => {
    const shift = engine.shiftById.get(shiftId);
    if (!shift) throw new Error(`unknown shift ${shiftId}`);
    const verdict = engine.check(employeeId, shiftId);
    if (shift.assigned.includes(employeeId)) return { applied: false, refused: false, verdict, created: [], cleared: [] };
    if (verdict.status === "block" && !override) return { applied: false, refused: true, verdict, created: [], cleared: [] };
    const pairs = scope([...shift.assigned, employeeId], shift, [[shift.start, shift.end]]);
    pairs.push([employeeId, shift]);
    const before = findings(pairs, shift);
    shift.assigned.push(employeeId);
    if (!engine.shiftsByEmp.has(employeeId)) engine.shiftsByEmp.set(employeeId, []);
    engine.shiftsByEmp.get(employeeId).push(shift);
    return { applied: true, refused: false, verdict, ...diff(before, findings(pairs, shift)) };
  };

  engine.unassign = (employeeId, shiftId) => {
    const shift = engine.shiftById.get(shiftId);
    if (!shift) throw new Error(`unknown shift ${shiftId}`);
    if (!shift.assigned.includes(employeeId)) return { applied: false, refused: false, created: [], cleared: [] };
    const pairs = scope([...shift.assigned], shift, [[shift.start, shift.end]]);
    const before = findings(pairs, shift);
    shift.assigned = shift.assigned.filter((e) => e !== employeeId);
    engine.shiftsByEmp.set(employeeId, engine.shiftsByEmp.get(employeeId).filter((s) => s !== shift));
    return { applied: true, refused: false, ...diff(before, findings(pairs, shift)) };
  };

  engine.moveShift = (shiftId, start, end, override) => {
    const shift = engine.shiftById.get(shiftId);
    if (!shift) throw new Error(`unknown shift ${shiftId}`);
    const old = { ...raw.get(shiftId) };
    const window0 = [shift.start, shift.end];
    setTimes(shift, start, end);
    const verdicts = shift.assigned.map((e) => engine.check(e, shiftId));
    setTimes(shift, old.start, old.end);
    if (verdicts.some((v) => v.status === "block") && !override) return { applied: false, refused: true, verdicts, created: [], cleared: [] };
    const pairs = scope([...shift.assigned], shift, [window0, [parseInstant(start).ms, parseInstant(end).ms]]);
    const before = findings(pairs, shift);
    setTimes(shift, start, end);
    return { applied: true, refused: false, verdicts, ...diff(before, findings(pairs, shift)) };
  };
  // A credential record from the HR system (SPEC §6 `put` into `credentials`): always applied;
  // the findings of every assignment of its holder, of their coworkers on those shifts (who
  // may supervise or be supervised) and the crew of those shifts, before and after.
  const records = new Map(); // id -> employeeId, for a replace
  engine.putCredential = (record) => {
    const shifts = engine.shiftsByEmp.get(record.employeeId) ?? [];
    const pairs = [];
    for (const s of shifts) for (const e of s.assigned) pairs.push([e, s]);
    const before = findingsOf(pairs, shifts);
    if (records.has(record.id)) engine.removeRecord(record.id, records.get(record.id));
    engine.addRecord(record);
    records.set(record.id, record.employeeId);
    return { applied: true, refused: false, ...diff(before, findingsOf(pairs, shifts)) };
  };
  return engine;
}
