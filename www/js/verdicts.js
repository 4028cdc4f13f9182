// Small helpers over the engine's verdicts.
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
};
