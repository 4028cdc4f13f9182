// The employee panel: who they are, why each of their shifts is ok, warned or blocked, and
// the records behind it (credentials, waivers, trainings).
import { $, h, icon, badge, replace, plural } from "./dom.js";
import { daysBetween, formatBound, lastValidDate, localDate, shiftTimes, shortDate } from "./model.js";
import { KIND_LABEL, sortReasons } from "./verdicts.js";

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
          ? h("ul", { class: "reason-list" }, reasons.map((r) => h("li", { class: `sev-${r.severity}` }, icon(r.severity === "block" ? "block" : r.severity === "warn" ? "warn" : "info"), h("span", { class: "kind" }, KIND_LABEL[r.kind] || r.kind), h("span", {}, r.message))))
          : h("p", { class: "muted small" }, "Every requirement is met."),
        v.evidence?.length
          ? h("p", { class: "evidence" }, "Evidence: ", v.evidence.map((ev, i) => [i ? ", " : "", h("code", {}, ev.code), " ", ev.credentialId || ev.waiverId || ""]))
          : null,
      );
    });

    // Credentials, newest last, with their standing on the as-of date.
    const creds = [...(m.credentialsByEmployee.get(e.id) || [])].sort((a, b) => String(a.code).localeCompare(String(b.code)) || String(a.validUntil).localeCompare(String(b.validUntil)));
    const credRows = creds.map((c) => {
      const standing = credentialStanding(c, m.typeByCode.get(c.code), asOf);
      return h(
        "tr",
        { dataset: { credential: c.id } },
        h("td", {}, h("strong", {}, c.code), h("span", { class: "muted small block" }, m.typeName(c.code) !== c.code ? m.typeName(c.code) : "")),
        h("td", {}, badge(standing.status, standing.word)),
        h("td", {}, c.validFrom ? formatBound(c.validFrom) : "—", " → ", formatBound(c.validUntil)),
        h(
          "td",
          { class: "small" },
          h("code", {}, c.id),
          c.validIn ? h("span", { class: "block" }, `valid in ${c.validIn.join(", ")}`) : null,
          c.restrictions?.length ? h("span", { class: "block" }, `restrictions: ${c.restrictions.join(", ")}`) : null,
          c.issuer ? h("span", { class: "block muted" }, c.issuer) : null,
          c.identifier ? h("span", { class: "block muted" }, c.identifier) : null,
        ),
      );
    });

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
        `Credentials (${creds.length})`,
        h("p", { class: "muted small" }, `Standing on ${shortDate(asOf)} ${asOf.slice(0, 4)}.`),
        creds.length
          ? h("table", { class: "creds" }, h("thead", {}, h("tr", {}, ["Code", "Standing", "Valid", "Record"].map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, credRows))
          : h("p", { class: "muted" }, "No credential records."),
      ),
      section(`Waivers (${waivers.length})`, waivers.length ? h("ul", { class: "plain" }, waivers) : h("p", { class: "muted" }, "None.")),
      section(`Trainings (${trainings.length})`, trainings.length ? h("ul", { class: "plain" }, trainings) : h("p", { class: "muted" }, "None.")),
    );
  }
}

function section(title, ...children) {
  return h("section", { class: "panel-section" }, h("h3", {}, title), children);
}

/** A credential's standing on a date, for display only (the engine decides every verdict). */
export function credentialStanding(c, type, asOf) {
  const status = c.status || "active";
  if (status !== "active") return { status: status === "pending" ? "warn" : "block", word: status[0].toUpperCase() + status.slice(1) };
  if (c.validFrom && String(c.validFrom).slice(0, 10) > asOf) return { status: "warn", word: `From ${formatBound(c.validFrom)}` };
  const last = lastValidDate(c.validUntil);
  if (last === null) return { status: "ok", word: "Never expires" };
  const left = daysBetween(asOf, last);
  if (left < 0) {
    const grace = type?.graceDays || 0;
    if (-left <= grace) return { status: "warn", word: `In grace (${plural(grace + left, "day")} left)` };
    return { status: "block", word: `Expired ${plural(-left, "day")} ago` };
  }
  const alert = Math.min(...(type?.alertDays?.length ? type.alertDays : [90, 60, 30]));
  if (left <= alert) return { status: "warn", word: left === 0 ? "Expires today" : `${plural(left, "day")} left` };
  return { status: "ok", word: "Valid" };
}
