// Small helpers over the engine's verdicts.
import { dayLabel, localDate, localTime } from "./model.js";
const SEVERITY_ORDER = { block: 0, warn: 1, info: 2 };

/** Block reasons first, then warnings, then notes. */
export function sortReasons(reasons) {
  return [...(reasons || [])].sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3));
}

export function worstStatus(statuses) {
  if (statuses.includes("block")) return "block";
  if (statuses.includes("warn")) return "warn";
  return "ok";
}

/** The reason kinds of SPEC §3, in words a scheduler uses (the message carries the detail). */
export const KIND_LABEL = {
  expiringSoon: "Expiring soon",
  inGrace: "In grace period",
  waived: "Waived",
  notCurrent: "Not current",
  expired: "Expired",
  expiresDuringShift: "Expires during shift",
  notYetValid: "Not yet valid",
  pending: "Pending verification",
  suspended: "Suspended",
  revoked: "Revoked",
  wrongJurisdiction: "Wrong jurisdiction",
  unsupervised: "Unsupervised",
  missing: "Missing",
  notInRole: "Not in role",
  overlap: "Overlap",
  inTraining: "In training",
  restTooShort: "Rest too short",
  overLimit: "Over a limit",
  crewShortfall: "Crew short",
  overLimit: "Over limit",
};

/**
 * A reason in words. Only `overLimit` (SPEC §8) is rewritten, from its own fields: the limit's
 * name (its id, "visa-hours" → "Visa hours"), what was used of the maximum, the window and how
 * many shifts were counted ("Visa hours: 24 h of 20 h in the week of 7 Dec: 2 shifts"); every
 * other reason shows the engine's message.
 */
export function reasonText(r, model) {
  if (r.kind !== "overLimit") return r.message;
  const id = String(r.limitId || "limit");
  const name = id.charAt(0).toUpperCase() + id.slice(1).replace(/[-_]+/g, " ");
  const unit = r.measure === "hours" ? (n) => `${n} h` : r.measure === "nights" ? (n) => (n === 1 ? "1 night" : `${n} nights`) : (n) => (n === 1 ? "1 shift" : `${n} shifts`);
  const window = model?.roster?.rules?.limits?.find?.((l) => l && l.id === r.limitId)?.window || {};
  const from = String(r.windowStart || "");
  const day = from ? dayLabel(localDate(from)).day : "";
  const when =
    window.calendar === "week" ? `in the week of ${day}`
    : window.calendar === "day" ? `on ${day}`
    : window.calendar === "month" ? `in ${day.split(" ")[1] || ""} ${from.slice(0, 4)}`
    : from ? `in the ${window.rollingHours ?? ""} h from ${day} ${localTime(from)}` : "";
  const counted = (r.shiftIds || []).length;
  const what = r.measure === "nights" ? (counted === 1 ? "1 night" : `${counted} nights`) : counted === 1 ? "1 shift" : `${counted} shifts`;
  return `${name}: ${unit(r.used)} of ${unit(r.max)} ${when}: ${what}`.replace(/ +/g, " ");
}
