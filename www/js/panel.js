// The employee panel: who they are, why each of their shifts is ok, warned or blocked, and
// the records behind it (credentials, waivers, trainings).
import { $, h, icon, badge, replace, plural } from "./dom.js";
import { formatBound, localDate, shiftTimes, shortDate } from "./model.js";
import { KIND_LABEL, reasonText, sortReasons } from "./verdicts.js";

export class Panel {
  constructor(app) {
    this.app = app;
    this.el = $("#panel");
    this.body = $("#panel-body");
    this.employeeId = null;
    this.returnFocus = null;
    $("#panel-close").addEventListener("click", () => this.close());
    this.el.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") {
        ev.preventDefault();
        this.close();
      }
    });
  }

  open(employeeId, returnFocus = null) {
    this.employeeId = employeeId;
    this.returnFocus = returnFocus;
    this.render();
    this.el.hidden = false;
    document.body.classList.add("panel-open");
    $("#panel-close").focus();
  }

  close() {
    if (this.el.hidden) return;
    this.el.hidden = true;
    this.employeeId = null;
    document.body.classList.remove("panel-open");
    if (this.returnFocus?.isConnected) this.returnFocus.focus();
    else if (this.returnFocus?.dataset?.emp) document.querySelector(`.person[data-emp="${CSS.escape(this.returnFocus.dataset.emp)}"]`)?.focus();
  }

  /**
   * Renewing a card: a new `validUntil` for the record, applied as a `put` of the whole record
   * (one batch, undoable); the board follows the batch's changes.
   */
  renewForm(rec) {
    const input = h("input", { type: "date", class: "renew-date", value: yearAfter(rec.validUntil, this.app.asOfDate), "aria-label": `New valid-until date of ${rec.code} ${rec.id}`, required: true });
    const form = h(
      "form",
      { class: "renew-form", hidden: true, on: { submit: (ev) => {
        ev.preventDefault();
        if (input.value) this.app.renewCredential(rec, input.value);
      } } },
      input,
      h("button", { type: "submit", class: "btn btn-small btn-primary" }, "Save"),
    );
    const open = h("button", { type: "button", class: "btn btn-small renew", on: { click: () => {
      form.hidden = false;
      open.hidden = true;
      input.focus();
    } } }, "Renew…");
    return h("span", { class: "block" }, open, form);
  }

  refresh() {
    if (this.employeeId && !this.el.hidden) {
      if (this.app.model.employeeById.has(this.employeeId)) this.render();
      else this.close();
    }
  }

  render() {
    const app = this.app;
    const m = app.model;
    const e = m.employeeById.get(this.employeeId);
    if (!e) return;
    $("#panel-title").textContent = e.name || e.id;
    const asOf = app.asOfDate;

    const facts = [
      ["Id", e.id],
      ["Title", e.title],
      ["Team", m.teamName(e.teamId)],
      ["Home", m.locationName(e.locationId)],
      ["Roles", e.roleIds ? (e.roleIds.length ? e.roleIds.map((r) => m.roleName(r)).join(", ") : "none (every shift with a role blocks)") : "any"],
      ["Employment", e.employment],
      ["Email", e.email],
    ].filter(([, v]) => v !== undefined && v !== null && v !== "");

    // Shifts, each with its verdict and reasons.
    const shifts = m.shiftsByEmployee.get(e.id) || [];
    const shiftItems = shifts.map((s) => {
      const v = app.engine.check(e.id, s.id);
      const reasons = sortReasons(v.reasons);
      return h(
        "li",
        { class: `verdict st-${v.status}`, dataset: { shift: s.id } },
        h(
          "div",
          { class: "verdict-head" },
          badge(v.status),
          h("button", { type: "button", class: "link", on: { click: () => app.shiftDialog.open(s.id, { fromEmployee: e.id, returnFocus: null }) } }, `${shortDate(localDate(s.start))} ${shiftTimes(s)}`),
          h("span", { class: "muted" }, s.label || `${m.roleName(s.roleId)} · ${m.locationShort(s.locationId)}`),
        ),
        reasons.length
          ? h("ul", { class: "reason-list" }, reasons.map((r) => h("li", { class: `sev-${r.severity}` }, icon(r.severity === "block" ? "block" : r.severity === "warn" ? "warn" : "info"), h("span", { class: "kind" }, KIND_LABEL[r.kind] || r.kind), h("span", {}, reasonText(r, m)))))
          : h("p", { class: "muted small" }, "Every requirement is met."),
        v.evidence?.length
          ? h("p", { class: "evidence" }, "Evidence: ", v.evidence.map((ev, i) => [i ? ", " : "", h("code", {}, ev.code), " ", ev.credentialId || ev.waiverId || ""]))
          : null,
      );
    });

    // Every code held or needed, and where each stands on the as-of date: the engine's
    // standing (the best record through `satisfies`, grace, alert windows), shown as it says.
    const asOfInstant = `${asOf}T00:00:00${m.defaultOffset()}`;
    const standing = app.engine.standing(e.id, asOfInstant);
    const records = new Map((m.credentialsByEmployee.get(e.id) || []).map((c) => [c.id, c]));
    const shown = new Set(standing.codes.map((c) => c.credentialId).filter(Boolean));
    const credRows = standing.codes.map((c) => {
      const rec = c.credentialId ? records.get(c.credentialId) : null;
      const needs = [
        c.requiredByRoleIds.length ? `role ${c.requiredByRoleIds.map((r) => m.roleName(r)).join(", ")}` : "",
        c.requiredByShiftIds.length ? plural(c.requiredByShiftIds.length, "upcoming shift") : "",
      ].filter(Boolean);
      return h(
        "tr",
        { dataset: { code: c.code, state: c.state, ...(c.credentialId ? { credential: c.credentialId } : {}) } },
        h("td", {}, h("strong", {}, c.code), h("span", { class: "muted small block" }, m.typeName(c.code) !== c.code ? m.typeName(c.code) : "")),
        h(
          "td",
          {},
          badge(STATE_STATUS[c.state] || "block", stateWord(c)),
          currencyLine(c, m, e.id, asOfInstant),
          needs.length ? h("span", { class: "muted small block" }, `needed by ${needs.join(" and ")}`) : null,
        ),
        h("td", {}, c.credentialId ? [c.validFrom ? formatBound(c.validFrom) : "—", " → ", formatBound(c.validUntil)] : "—"),
        h(
          "td",
          { class: "small" },
          c.credentialId ? h("code", {}, c.credentialId) : h("span", { class: "muted" }, "no record"),
          c.recordCode && c.recordCode !== c.code ? h("span", { class: "block" }, `${c.recordCode} record, which satisfies ${c.code}`) : null,
          c.validIn ? h("span", { class: "block" }, `valid in ${c.validIn.join(", ")}`) : null,
          c.restrictions.length ? h("span", { class: "block" }, `restrictions: ${c.restrictions.join(", ")}`) : null,
          c.renewalTrainingId ? h("span", { class: "block" }, `renewal booked: ${c.renewalTrainingId}`) : null,
          rec?.issuer ? h("span", { class: "block muted" }, rec.issuer) : null,
          rec?.identifier ? h("span", { class: "block muted" }, rec.identifier) : null,
          rec ? this.renewForm(rec) : null,
        ),
      );
    });
    // The records no code stands on (older cards, superseded records), for the history.
    const others = [...records.values()]
      .filter((c) => !shown.has(c.id))
      .map((c) => h("li", {}, h("strong", {}, c.code), ` ${c.validFrom ? formatBound(c.validFrom) : "—"} → ${formatBound(c.validUntil)}`, c.status && c.status !== "active" ? h("span", { class: "tag" }, c.status) : null, " ", h("code", { class: "small" }, c.id)));

    const waivers = (m.waiversByEmployee.get(e.id) || []).map((w) =>
      h(
        "li",
        {},
        h("strong", {}, w.code),
        ` ${formatBound(w.validFrom)} → ${formatBound(w.validUntil)}`,
        w.locationIds ? ` · ${w.locationIds.length ? w.locationIds.map((l) => m.locationShort(l)).join(", ") : "nowhere"}` : " · everywhere",
        h("span", { class: "block muted" }, `Approved by ${w.approvedBy}: ${w.reason}`),
        h("code", { class: "small" }, w.id),
      ),
    );
    const trainings = [...(m.trainingsByEmployee.get(e.id) || [])]
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
      .map((t) =>
        h(
          "li",
          { class: `training tr-${t.status || "scheduled"}` },
          h("strong", {}, t.code || "Training"),
          ` ${shortDate(localDate(t.start))} ${shiftTimes(t)}`,
          h("span", { class: "tag" }, t.status || "scheduled"),
          t.provider ? h("span", { class: "block muted" }, t.provider) : null,
          h("code", { class: "small" }, t.id),
        ),
      );

    replace(
      this.body,
      h("dl", { class: "facts" }, facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
      section(`Shifts (${shifts.length})`, shiftItems.length ? h("ul", { class: "verdicts" }, shiftItems) : h("p", { class: "muted" }, "No assigned shifts.")),
      section(
        `Credentials (${plural(standing.codes.length, "code")})`,
        h("p", { class: "muted small" }, `Standing on ${shortDate(asOf)} ${asOf.slice(0, 4)}: every code held or needed, by its best record.`),
        credRows.length
          ? h("table", { class: "creds" }, h("thead", {}, h("tr", {}, ["Code", "Standing", "Valid", "Record"].map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, credRows))
          : h("p", { class: "muted" }, "No credential records, and none needed."),
        others.length ? [h("p", { class: "muted small" }, "Other records on file:"), h("ul", { class: "plain small" }, others)] : null,
      ),
      section(`Waivers (${waivers.length})`, waivers.length ? h("ul", { class: "plain" }, waivers) : h("p", { class: "muted" }, "None.")),
      section(`Trainings (${trainings.length})`, trainings.length ? h("ul", { class: "plain" }, trainings) : h("p", { class: "muted" }, "None.")),
    );
  }
}

/**
 * The default new `validUntil` of a renewal: a year after the record's last valid day (a month
 * bound's last day), or a year after `asOf` when that day has passed.
 */
function yearAfter(bound, asOf) {
  const v = String(bound || "");
  let last = /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : "";
  if (/^\d{4}-\d{2}$/.test(v)) last = new Date(Date.UTC(Number(v.slice(0, 4)), Number(v.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const from = last && last > asOf ? last : asOf;
  return `${Number(from.slice(0, 4)) + 1}${from.slice(4, 10)}`.replace(/-02-29$/, "-02-28");
}

function section(title, ...children) {
  return h("section", { class: "panel-section" }, h("h3", {}, title), children);
}

/**
 * SPEC §8 currency of a standing entry whose record's type has a rule: "current until 29 Dec
 * 2026 01:30" (the engine's `currentUntil`), or, when the engine says `notCurrent`, how far
 * short the holder is ("not current: 1 of 3 in 90 days"). The count is of the holder's events
 * of the rule's kind in `[asOf − withinDays, asOf)`, as the engine counts them; null for a
 * type without currency.
 */
function currencyLine(c, m, employeeId, asOf) {
  const rule = m.typeByCode.get(c.recordCode || c.code)?.currency;
  if (!rule || !c.credentialId) return null;
  const days = rule.withinDays;
  const need = rule.min ?? rule.minHours;
  const unit = rule.min !== undefined ? "" : " h";
  if (c.state === "notCurrent") {
    const end = Date.parse(asOf);
    const from = end - days * 86_400_000;
    let have = 0;
    for (const ev of m.credentials.events || []) {
      if (!ev || ev.employeeId !== employeeId || ev.kind !== rule.event) continue;
      const at = Date.parse(ev.at);
      if (at >= from && at < end) have += rule.min !== undefined ? (ev.count ?? 1) : (ev.hours ?? 0);
    }
    const shown = Math.round(have * 1000) / 1000;
    return h("span", { class: "currency block sev-block small" }, `not current: ${shown}${unit} of ${need}${unit} in ${days} days`);
  }
  if (!c.currentUntil) return null;
  return h("span", { class: "currency block small" }, `current until ${formatBound(c.currentUntil)}`);
}

/** The colour of each standing state. */
const STATE_STATUS = { valid: "ok", expiring: "warn", inGrace: "warn", notYetValid: "warn", pending: "warn", notCurrent: "block", suspended: "block", revoked: "block", expired: "block", missing: "block" };

/** A standing entry in words, from the engine's fields alone. */
function stateWord(c) {
  const left = c.daysLeft;
  switch (c.state) {
    case "valid":
      return left === null ? "Never expires" : "Valid";
    case "expiring":
      return left === 0 ? "Expires today" : `${plural(left, "day")} left`;
    case "inGrace":
      return left === 0 ? "In grace period, expired today" : `In grace period, expired ${plural(-left, "day")} ago`;
    case "expired":
      return left === 0 ? "Expired today" : `Expired ${plural(-left, "day")} ago`;
    case "notYetValid":
      return c.validFrom ? `From ${formatBound(c.validFrom)}` : KIND_LABEL.notYetValid;
    case "notCurrent":
      return "Not current";
    default:
      return KIND_LABEL[c.state] || c.state;
  }
}
