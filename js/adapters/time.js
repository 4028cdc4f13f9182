// Instants for the adapters: calendars hand over `Date`s, which carry no UTC offset, while
// credgate reads a date bound (`validUntil: "2026-12-01"`) in the offset of the instant it is
// compared with. So a dragged shift's new time is written in the offset of its old start.

/**
 * `date` as RFC 3339 text in the UTC offset that `reference` ends with (`"…-06:00"`, `"…Z"`);
 * in UTC when there is no reference.
 * @param {Date} date
 * @param {string | null | undefined} reference an RFC 3339 instant, e.g. the shift's old start
 * @returns {string}
 */
export function inOffsetOf(date, reference) {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(reference ?? "");
  const minutes = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const local = new Date(date.getTime() + minutes * 60_000).toISOString();
  const ms = date.getTime() % 1000 === 0 ? "" : local.slice(19, 23);
  return local.slice(0, 19) + ms + (m ? `${m[1]}${m[2]}:${m[3]}` : "Z");
}

/**
 * Looks up each shift's start as the roster wrote it, for {@link inOffsetOf}.
 * @param {{ shifts?: { id: string, start: string }[] } | undefined} roster
 * @returns {(shiftId: string) => string | undefined}
 */
export function startsOf(roster) {
  const starts = new Map((roster?.shifts ?? []).map((s) => [s.id, s.start]));
  return (shiftId) => starts.get(shiftId);
}

/**
 * Whether a verdict lets a drop through: never a block; a warn only when `allowWarn`.
 * @param {{ status: "ok" | "warn" | "block" }} verdict
 * @param {boolean} allowWarn
 */
export function allows(verdict, allowWarn) {
  return verdict.status === "ok" || (allowWarn && verdict.status === "warn");
}

/**
 * Whether `[start, end)` is the span `[at, until)`; an end that is not known matches any.
 * @param {Date | null | undefined} start
 * @param {Date | null | undefined} end
 * @param {Date | null | undefined} at
 * @param {Date | null | undefined} until
 */
export function sameSpan(start, end, at, until) {
  return start?.getTime() === at?.getTime() && (!end || !until || end.getTime() === until.getTime());
}
