// A plain-JavaScript greedy renewal planner (SPEC §7), the peer of credgate's planRenewals in
// the benchmark: what a team would write in an afternoon.
//
// Needs: per employee and credential type, the active record that stays valid longest (a
// jurisdictional one only with `validIn`; `validUntil: null` never expires); a need when it is
// still valid at `asOf`, expires within `horizonDays` calendar days, and no scheduled training of
// that code, not over, ends by the expiry. (Expired records still needed by a role, which
// credgate also counts when they expired earlier the same day, are left out: they are rare.)
// Deadlines are read in `asOf`'s offset.
//
// Plan: needs by deadline, earliest first; each takes a seat it can join (a session its employee
// is already booked in that renews the code in time), else the cheapest, then latest, open
// session that renews the code, runs within [asOf, deadline], overlaps none of the employee's
// shifts, scheduled trainings or bookings, and has a seat left. No second thoughts.

const DAY = 86_400_000;

/** Minutes east of UTC of an RFC 3339 instant's offset. */
function offsetMinutes(text) {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!m) return 0;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The instant (ms) a `validUntil` stops being valid, read in `offMin`; Infinity for null. */
function untilMs(v, offMin) {
  if (v === null || v === undefined) return Infinity;
  if (/^\d{4}-\d{2}$/.test(v)) {
    const [y, m] = v.split("-").map(Number);
    return Date.UTC(y, m, 1) - offMin * 60_000;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split("-").map(Number);
    return Date.UTC(y, m - 1, d + 1) - offMin * 60_000;
  }
  return Date.parse(v);
}

/** Calendar days from the local date of `asOfMs` to the local date of `lastMs`, in `offMin`. */
function daysBetween(asOfMs, lastMs, offMin) {
  const day = (ms) => Math.floor((ms + offMin * 60_000) / DAY);
  return day(lastMs) - day(asOfMs);
}

/**
 * @param roster the roster document (parsed)
 * @param credentials the credentials document (parsed)
 * @param asOf RFC 3339 instant
 * @returns {{needs: {employeeId, code, credentialId, deadline}[], bookings: {employeeId, sessionId, codes}[], met: Set<string>}}
 */
export function planGreedy(roster, credentials, asOf, { horizonDays = 90 } = {}) {
  const asOfMs = Date.parse(asOf);
  const off = offsetMinutes(asOf);
  const types = new Map((credentials.credentialTypes ?? []).map((t) => [t.code, t]));
  const employees = new Set((roster.employees ?? []).map((e) => e.id));

  // Busy intervals per employee: assigned shifts and scheduled trainings.
  const busy = new Map();
  const addBusy = (e, a, b) => { if (!busy.has(e)) busy.set(e, []); busy.get(e).push([a, b]); };
  for (const s of roster.shifts ?? []) for (const e of new Set(s.assigned ?? [])) addBusy(e, Date.parse(s.start), Date.parse(s.end));
  const renewals = new Map(); // "employee\u0000code" -> [end ms...] of scheduled trainings not over
  for (const t of credentials.trainings ?? []) {
    if ((t.status ?? "scheduled") !== "scheduled") continue;
    const a = Date.parse(t.start), b = Date.parse(t.end);
    addBusy(t.employeeId, a, b);
    if (t.code && b > asOfMs) {
      const k = `${t.employeeId}\u0000${t.code}`;
      if (!renewals.has(k)) renewals.set(k, []);
      renewals.get(k).push(b);
    }
  }

  // Needs.
  const best = new Map();
  for (const r of credentials.credentials ?? []) {
    if ((r.status ?? "active") !== "active" || !employees.has(r.employeeId)) continue;
    const ty = types.get(r.code);
    if (!ty || (ty.jurisdictional && !r.validIn)) continue;
    const end = untilMs(r.validUntil, off);
    const k = `${r.employeeId}\u0000${r.code}`;
    const cur = best.get(k);
    if (!cur || end > cur.end) best.set(k, { employeeId: r.employeeId, code: r.code, credentialId: r.id, end });
  }
  const needs = [];
  for (const [k, b] of best) {
    if (b.end === Infinity || b.end <= asOfMs) continue;
    if (daysBetween(asOfMs, b.end - 1, off) > horizonDays) continue;
    if ((renewals.get(k) ?? []).some((e) => e <= b.end)) continue;
    needs.push({ employeeId: b.employeeId, code: b.code, credentialId: b.credentialId, deadline: b.end });
  }

  // Sessions by code.
  const sessions = (credentials.sessions ?? []).filter((s) => (s.status ?? "open") === "open")
    .map((s) => ({ ...s, a: Date.parse(s.start), b: Date.parse(s.end), left: s.seats, cost: s.cost ?? 0 }));
  const seatHolders = new Map();
  for (const t of credentials.trainings ?? []) {
    if (!t.sessionId || t.status === "cancelled") continue;
    if (!seatHolders.has(t.sessionId)) seatHolders.set(t.sessionId, new Set());
    seatHolders.get(t.sessionId).add(t.employeeId);
  }
  for (const s of sessions) s.left -= seatHolders.get(s.id)?.size ?? 0;
  const byCode = new Map();
  for (const s of sessions) for (const c of s.renews) { if (!byCode.has(c)) byCode.set(c, []); byCode.get(c).push(s); }

  // Greedy.
  needs.sort((x, y) => x.deadline - y.deadline || (x.employeeId < y.employeeId ? -1 : x.employeeId > y.employeeId ? 1 : 0));
  const booked = new Map(); // employee -> Map(sessionId -> booking)
  const bookings = [];
  const met = new Set();
  for (const n of needs) {
    const mine = booked.get(n.employeeId) ?? new Map();
    const usable = (byCode.get(n.code) ?? []).filter((s) => s.a >= asOfMs && s.b <= n.deadline);
    const join = usable.find((s) => mine.has(s.id));
    if (join) {
      mine.get(join.id).codes.push(n.code);
      met.add(`${n.employeeId}\u0000${n.code}`);
      continue;
    }
    const free = (s) => s.left > 0
      && !(busy.get(n.employeeId) ?? []).some(([a, b]) => a < s.b && s.a < b)
      && ![...mine.keys()].some((id) => { const o = mine.get(id).session; return o.a < s.b && s.a < o.b; });
    const pick = usable.filter(free).sort((x, y) => x.cost - y.cost || y.a - x.a)[0];
    if (!pick) continue;
    pick.left--;
    const booking = { employeeId: n.employeeId, sessionId: pick.id, codes: [n.code], session: pick };
    mine.set(pick.id, booking);
    booked.set(n.employeeId, mine);
    bookings.push(booking);
    met.add(`${n.employeeId}\u0000${n.code}`);
  }
  return { needs, bookings: bookings.map(({ employeeId, sessionId, codes }) => ({ employeeId, sessionId, codes })), met };
}
