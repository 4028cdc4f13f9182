// Tracking views: renewal alerts, gaps by team or location, the audit export and the
// override log. The first three appear only when the loaded engine has the operation.
import { $, h, s, icon, badge, replace, download, plural } from "./dom.js";
import { formatBound, localDate, localTime, shortDate } from "./model.js";
import { KIND_LABEL } from "./verdicts.js";

const TRACKING = ["renewals", "gaps", "audit"];
const OPERATION = { renewals: "alerts", gaps: "gaps", audit: "audit" };
const ACTION_LABEL = { assign: "Assigned", moveShift: "Moved" };

export class Tracking {
  constructor(app) {
    this.app = app;
    this.dirty = new Set();
    for (const id of ["renewals-asof", "renewals-days"]) $("#" + id).addEventListener("change", () => this.render("renewals"));
    $("#renewals-asof").addEventListener("change", () => this.dropPlan("The date changed: plan again for the new date."));
    $("#btn-plan").addEventListener("click", () => this.makePlan());
    /** The plan on show (`planRenewals`), until it is booked or the documents change. */
    this.plan = null;
    for (const id of ["gaps-from", "gaps-to", "gaps-group"]) $("#" + id).addEventListener("change", () => this.render("gaps"));
    $("#audit-asof").addEventListener("change", () => this.render("audit"));
    $("#audit-json").addEventListener("click", () => this.downloadAudit("json"));
    $("#audit-csv").addEventListener("click", () => this.downloadAudit("csv"));
  }

  has(view) {
    const op = OPERATION[view];
    return !op || typeof this.app.engine?.[op] === "function";
  }

  /** After a load: feature detection and default dates. */
  reset() {
    for (const view of TRACKING) $("#tab-" + view).hidden = !this.has(view);
    $(".plan-toolbar").hidden = typeof this.app.engine?.planRenewals !== "function";
    const m = this.app.model;
    $("#renewals-asof").value = this.app.asOfDate;
    $("#audit-asof").value = this.app.asOfDate;
    $("#gaps-from").value = m.firstDay();
    $("#gaps-to").value = m.lastDay();
    if (this.app.currentView && this.app.currentView !== "board" && !this.has(this.app.currentView)) this.app.selectTab("board");
    this.invalidate();
  }

  invalidate() {
    this.dropPlan("The documents changed since this plan was made: plan again.");
    for (const v of [...TRACKING, "overrides", "changes"]) this.dirty.add(v);
    if (this.app.currentView && this.app.currentView !== "board") this.show(this.app.currentView);
  }

  show(view) {
    if (this.dirty.has(view)) this.render(view);
  }

  /** An instant at the start of `date` in the roster's usual offset. */
  instant(date, endOfDay = false) {
    return `${date}T${endOfDay ? "23:59:59" : "00:00:00"}${this.app.model.defaultOffset()}`;
  }

  render(view) {
    if (!this.app.engine) return;
    this.dirty.delete(view);
    const body = $(`#${view}-body`);
    try {
      if (view === "renewals") this.renderRenewals(body);
      else if (view === "gaps") this.renderGaps(body);
      else if (view === "audit") this.renderAudit(body);
      else if (view === "overrides") this.renderOverrides(body);
      else if (view === "changes") this.renderChanges(body);
    } catch (err) {
      replace(body, h("p", { class: "error-box" }, icon("block"), String(err?.message || err)));
    }
  }

  // ---- renewals ----------------------------------------------------------------------------

  renderRenewals(body) {
    const app = this.app;
    const m = app.model;
    const date = $("#renewals-asof").value || app.asOfDate;
    const daysValue = $("#renewals-days").value;
    const alerts = Array.from(app.engine.alerts(this.instant(date), daysValue ? { days: Number(daysValue) } : {}) || []);
    alerts.sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0));
    const statusOf = (a) => (a.bucket === "expired" || a.expired ? "block" : a.bucket !== null && Number(a.bucket) <= 30 ? "warn" : "info");

    const buckets = new Map([["expired", 0]]);
    for (const a of alerts) {
      const key = a.bucket === null || a.bucket === undefined ? "later" : String(a.bucket);
      buckets.set(key, (buckets.get(key) || 0) + 1);
    }
    const rank = (k) => (k === "expired" ? -1 : k === "later" ? 1e9 : Number(k));
    const bars = [...buckets.keys()]
      .sort((a, b) => rank(a) - rank(b))
      .map((k) => ({ label: k === "expired" ? "Expired" : k === "later" ? "Later" : `≤ ${k} days`, value: buckets.get(k), status: k === "expired" ? "block" : Number(k) <= 30 ? "warn" : "info" }));
    const unbooked = alerts.filter((a) => a.basis !== "currency" && !a.renewalBooked && !a.coveredBy).length;
    const blocking = alerts.filter((a) => (a.affectedShiftIds || []).length).length;

    const rows = alerts.map((a) => {
      const status = statusOf(a);
      const training = (id) => (m.credentials.trainings || []).find((t) => t.id === id);
      // A currency lapses when the holder's events stop sufficing: events renew it, not a
      // training, so it has no renewal to book (decision 110).
      const currency = a.basis === "currency";
      const renewal = currency
        ? h("span", { class: "muted renewal-none" }, "— (events renew it)")
        : a.renewalTrainingId
        ? h("span", { class: "ok-text renewal-booked" }, icon("ok"), training(a.renewalTrainingId)?.start ? `${a.renewalTrainingId} on ${shortDate(localDate(training(a.renewalTrainingId).start))}` : a.renewalTrainingId)
        : a.coveredBy
          ? h("span", {}, `covered by ${a.coveredBy}`)
          : a.lateTrainingId
            ? h("span", { class: "missing-renewal" }, icon("warn"), `${a.lateTrainingId} is after the expiry`)
            : h("span", { class: "missing-renewal" }, icon("warn"), "none booked");
      const affected = a.affectedShiftIds || [];
      return h(
        "tr",
        { class: `st-${status}`, title: a.message || "", dataset: { employee: a.employeeId, code: a.code, basis: currency ? "currency" : "expiry" } },
        h("td", {}, this.personButton(a.employeeId)),
        h("td", {}, h("strong", {}, a.code), m.typeName(a.code) !== a.code ? h("span", { class: "muted small block" }, m.typeName(a.code)) : null),
        h("td", {}, h("code", {}, a.credentialId || "—")),
        h("td", { class: "due" }, currency ? h("span", { class: "basis-currency" }, icon("clock"), ` currency ${a.expired ? "lapsed" : "lapses"} ${formatBound(a.validUntil)}`) : a.validUntil === null ? formatBound(null) : `${a.expired ? "expired" : "expires"} ${formatBound(a.validUntil)}`),
        h("td", { class: "num" }, a.daysLeft === undefined || a.daysLeft === null ? "—" : String(a.daysLeft)),
        h("td", {}, badge(status, a.bucket === "expired" ? "Expired" : a.bucket === null ? "Later" : `${a.bucket} days`)),
        h("td", {}, renewal),
        h("td", {}, affected.length ? h("details", { class: "small" }, h("summary", {}, plural(affected.length, "shift")), h("ul", { class: "plain" }, affected.map((id) => h("li", {}, m.shiftLabel(id))))) : "—"),
      );
    });
    replace(
      body,
      h(
        "div",
        { class: "report-grid" },
        h(
          "div",
          { class: "card" },
          h("h3", {}, `Renewals as of ${shortDate(date)} ${date.slice(0, 4)}`),
          barChart(bars, { unit: "record" }),
          h(
            "div",
            { class: "stats" },
            h("div", { class: `stat ${unbooked ? "st-warn" : "st-ok"}` }, h("span", { class: "stat-value" }, String(unbooked)), h("span", { class: "stat-label" }, "with no renewal booked")),
            h("div", { class: `stat ${blocking ? "st-block" : "st-ok"}` }, h("span", { class: "stat-value" }, String(blocking)), h("span", { class: "stat-label" }, "block assigned shifts")),
          ),
        ),
        h(
          "div",
          { class: "card card-span2" },
          h("h3", {}, "What to chase first"),
          alerts.length
            ? h("ul", { class: "plain alert-list" }, alerts.slice(0, 6).map((a) => h("li", { class: `sev-${statusOf(a)}` }, icon(statusOf(a) === "info" ? "clock" : statusOf(a)), h("span", {}, a.message || `${a.code} of ${m.employeeName(a.employeeId)}`))))
            : h("p", { class: "muted" }, "Nothing expires in this window."),
        ),
        h(
          "div",
          { class: "card card-wide" },
          alerts.length
            ? h("div", { class: "table-scroll" }, h("table", { class: "data renewals" }, h("thead", {}, h("tr", {}, ["Person", "Code", "Record", "Expires or lapses", "Days left", "Window", "Renewal", "Blocks"].map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, rows)))
            : h("p", { class: "muted" }, "Nothing expires in this window."),
        ),
      ),
    );
  }

  // ---- renewal planning (planRenewals, SPEC §7) ----------------------------------------------

  /** `planRenewals(asOf, {horizonDays, useGrace})` for the tab's date, shown above the alerts. */
  makePlan() {
    const app = this.app;
    if (!app.engine || typeof app.engine.planRenewals !== "function") return;
    const date = $("#renewals-asof").value || app.asOfDate;
    const horizon = $("#plan-horizon").value.trim();
    const options = { useGrace: $("#plan-grace").checked };
    if (horizon !== "") options.horizonDays = Number(horizon);
    try {
      this.plan = app.engine.planRenewals(this.instant(date), options);
    } catch (err) {
      this.plan = null;
      replace($("#plan-body"), h("p", { class: "error-box" }, icon("block"), String(err?.message || err)));
      return;
    }
    this.renderPlan();
  }

  /** Forgets the plan on show (it no longer matches the documents), saying why. */
  dropPlan(note) {
    if (!this.plan) return;
    this.plan = null;
    replace($("#plan-body"), h("p", { class: "muted plan-note" }, note));
  }

  /** "Book": the plan's `accept` batch, one `apply` (undone as one). */
  book() {
    const plan = this.plan;
    if (!plan || !plan.accept.length) return;
    const n = plan.bookings.length;
    const result = this.app.edit(Array.from(plan.accept), {
      title: () => `Booked ${plural(n, "renewal")} from the plan (${plural(plan.accept.length, "training")})`,
      refusedTitle: "Could not book the renewal plan",
    });
    if (!result?.applied) return;
    this.plan = null;
    replace(
      $("#plan-body"),
      h("p", { class: "ok-text plan-note", dataset: { booked: String(n) } }, icon("ok"), `Booked ${plural(n, "renewal")} as one change: the alerts below name each booked training. Undo (Ctrl+Z) takes the batch back.`),
    );
  }

  renderPlan() {
    const plan = this.plan;
    const m = this.app.model;
    const sessionById = new Map((m.credentials.sessions || []).map((x) => [x.id, x]));
    const when = (start, end) => `${shortDate(localDate(start))} ${String(start).slice(0, 4)}, ${localTime(start)}–${localTime(end)}`;
    const deadline = (d) => `${shortDate(localDate(d))} ${String(d).slice(0, 4)} ${localTime(d)}`;
    const bookings = Array.from(plan.bookings);
    const unmet = Array.from(plan.unmet);
    const sessions = Array.from(plan.sessions);
    const bySession = new Map();
    for (const b of bookings) {
      if (!bySession.has(b.sessionId)) bySession.set(b.sessionId, []);
      bySession.get(b.sessionId).push(b);
    }
    const met = bookings.reduce((k, b) => k + b.codes.length, 0);
    const money = (v) => `$${Number(v).toLocaleString("en-US", { maximumFractionDigits: 2 })}`;
    const sessionName = (id) => sessionById.get(id)?.title || id;

    const groups = [...bySession].map(([sessionId, list]) => {
      const ses = sessionById.get(sessionId);
      const load = sessions.find((x) => x.sessionId === sessionId);
      const head = h(
        "tr",
        { class: "session-head" },
        h(
          "th",
          { colspan: "7", scope: "rowgroup" },
          h("code", {}, sessionId),
          ses?.title ? ` ${ses.title}` : "",
          h("span", { class: "muted" }, ` · ${ses ? when(ses.start, ses.end) : ""}${ses?.locationId ? ` · ${m.locationShort(ses.locationId)}` : ""}${load ? ` · ${load.taken + load.booked} of ${plural(load.seats, "seat")}` : ""}`),
        ),
      );
      const rows = list.map((b) =>
        h(
          "tr",
          { dataset: { employee: b.employeeId, session: b.sessionId } },
          h("td", {}, this.personButton(b.employeeId)),
          h("td", {}, b.codes.join(", ")),
          h("td", {}, b.credentialIds.map((c) => h("code", { class: "block" }, c))),
          h("td", {}, deadline(b.deadline)),
          h("td", { class: "num" }, String(b.slackDays)),
          h("td", {}, b.inGrace ? badge("warn", "In grace") : "—"),
          h("td", { class: "num" }, money(b.cost)),
        ),
      );
      return h("tbody", { dataset: { session: sessionId } }, head, rows);
    });

    const unmetRows = unmet.map((u) =>
      h(
        "tr",
        { class: `st-${u.reason === "noSession" ? "block" : "warn"}`, dataset: { employee: u.employeeId, code: u.code, reason: u.reason } },
        h("td", {}, this.personButton(u.employeeId)),
        h("td", {}, h("strong", {}, u.code)),
        h("td", {}, h("code", {}, u.credentialId)),
        h("td", {}, deadline(u.deadline)),
        h("td", { class: "reason" }, REASON_LABEL[u.reason] || u.reason),
        h("td", {}, u.sessionIds.length ? u.sessionIds.map((id) => h("code", { class: "block" }, id)) : "—"),
        h(
          "td",
          {},
          u.shiftIds.length
            ? h("ul", { class: "plain" }, u.shiftIds.map((id) => h("li", {}, h("button", { type: "button", class: "link cover-shift", dataset: { shift: id }, title: "Show this shift on the board", on: { click: () => this.app.showShift(u.employeeId, id) } }, m.shiftLabel(id)))))
            : "—",
        ),
      ),
    );

    const costTable = (title, entries, name) =>
      h(
        "table",
        { class: "data cost-table" },
        h("caption", {}, title),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, title.replace("By ", "").replace(/^./, (c) => c.toUpperCase())), h("th", { scope: "col", class: "num" }, "Cost"))),
        h("tbody", {}, entries.map(([k, v]) => h("tr", { dataset: { key: k } }, h("td", {}, name(k)), h("td", { class: "num" }, money(v))))),
      );
    const byLocation = Object.entries(plan.cost?.byLocation || {}).sort((a, b) => b[1] - a[1]);
    const byTeam = Object.entries(plan.cost?.byTeam || {}).sort((a, b) => b[1] - a[1]);

    replace(
      $("#plan-body"),
      h(
        "div",
        { class: "report-grid plan", dataset: { bookings: String(bookings.length), unmet: String(unmet.length) } },
        h(
          "section",
          { class: "card card-wide", "aria-labelledby": "plan-title" },
          h(
            "div",
            { class: "plan-head" },
            h("h3", { id: "plan-title" }, `Renewal plan: due within ${plural(plan.horizonDays, "day")}${plan.useGrace ? ", grace periods used" : ""}`),
            h("button", { type: "button", class: "btn btn-primary", id: "btn-book", disabled: !plan.accept.length, on: { click: () => this.book() } }, plan.accept.length ? `Book ${plural(bookings.length, "renewal")}` : "Nothing to book"),
          ),
          h(
            "div",
            { class: "stats" },
            h("div", { class: "stat st-ok" }, h("span", { class: "stat-value" }, String(bookings.length)), h("span", { class: "stat-label" }, `bookings (${plural(met, "need")} met)`)),
            h("div", { class: `stat ${unmet.length ? "st-warn" : "st-ok"}` }, h("span", { class: "stat-value" }, String(unmet.length)), h("span", { class: "stat-label" }, "needs not met")),
            h("div", { class: "stat st-info" }, h("span", { class: "stat-value" }, money(plan.cost?.total ?? 0)), h("span", { class: "stat-label" }, "total cost")),
          ),
          bookings.length
            ? h(
                "div",
                { class: "table-scroll" },
                h("table", { class: "data plan-bookings" }, h("caption", { class: "visually-hidden" }, "Proposed bookings by session"), h("thead", {}, h("tr", {}, ["Person", "Renews", "Records", "Deadline", "Slack (days)", "Grace", "Cost"].map((c) => h("th", { scope: "col" }, c)))), groups),
              )
            : h("p", { class: "muted" }, "No booking to propose: no open session fits a renewal that is due."),
        ),
        h("section", { class: "card" }, h("h3", {}, "Seats per session"), sessions.length ? seatChart(sessions, sessionName) : h("p", { class: "muted" }, "No open session renews a code that is due.")),
        h("section", { class: "card card-span2" }, h("h3", {}, "Cost by location and team"), h("div", { class: "cost-grid" }, costTable("By location", byLocation, (k) => (k ? m.locationName(k) : "No location")), costTable("By team", byTeam, (k) => (k ? m.teamName(k) : "No team")))),
        h(
          "section",
          { class: "card card-wide" },
          h("h3", {}, `Needs not met (${unmet.length})`),
          unmet.length
            ? h(
                "div",
                { class: "table-scroll" },
                h("table", { class: "data plan-unmet" }, h("thead", {}, h("tr", {}, ["Person", "Code", "Record", "Deadline", "Why", "Sessions considered", "Shifts that need cover"].map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, unmetRows)),
              )
            : h("p", { class: "muted" }, "Every need in the horizon is met."),
        ),
      ),
    );
  }

  // ---- gaps --------------------------------------------------------------------------------

  renderGaps(body) {
    const app = this.app;
    const m = app.model;
    const from = $("#gaps-from").value || m.firstDay();
    const to = $("#gaps-to").value || m.lastDay();
    const groupBy = $("#gaps-group").value;
    const report = app.engine.gaps(this.instant(from), this.instant(to, true), { groupBy });
    const groups = Array.from(report?.groups || []);
    const days = report?.days || [];
    const nameOf = (g) => g.name || (g.id ? (groupBy === "team" ? m.teamName(g.id) : m.locationName(g.id)) : groupBy === "team" ? "No team" : "No location");
    const uniqueShifts = (list) => new Set((list || []).map((x) => x.shiftId)).size;
    const metrics = [
      { label: "Blocked shifts", status: "block", get: (g) => uniqueShifts(g.blockedShifts) },
      { label: "No eligible candidate", status: "warn", get: (g) => (g.openShifts || []).length },
      { label: "Expiring records", status: "info", get: (g) => (g.expiries || []).reduce((n, e) => n + (e.count ?? 1), 0) },
    ];
    const cards = groups.map((g) =>
      h(
        "div",
        { class: "card" },
        h("h3", {}, nameOf(g), h("span", { class: "muted small" }, ` · ${plural(g.memberCount ?? 0, "person", "people")}`)),
        h("div", { class: "stats" }, metrics.map((mt) => h("div", { class: `stat st-${mt.get(g) ? mt.status : "ok"}` }, h("span", { class: "stat-value" }, String(mt.get(g))), h("span", { class: "stat-label" }, mt.label)))),
        (g.expiries || []).length
          ? h("p", { class: "small" }, h("span", { class: "muted" }, "Expiring in the range: "), g.expiries.map((e, i) => [i ? ", " : "", h("strong", {}, e.code), ` ×${e.count} (${(e.employeeIds || []).map((id) => m.employeeName(id)).join(", ")})`]))
          : null,
        (g.blockedShifts || []).length
          ? h(
              "details",
              { class: "small" },
              h("summary", {}, `Blocked: ${plural(g.blockedShifts.length, "assignment")}`),
              h("ul", { class: "plain" }, g.blockedShifts.map((b) => h("li", {}, h("strong", {}, m.employeeName(b.employeeId)), ` · ${m.shiftLabel(b.shiftId)}: `, (b.reasons || []).map((r) => r.message).join("; ")))),
            )
          : null,
        (g.openShifts || []).length
          ? h("details", { class: "small" }, h("summary", {}, `No eligible candidate: ${plural(g.openShifts.length, "shift")}`), h("ul", { class: "plain" }, g.openShifts.map((o) => h("li", {}, m.shiftLabel(o.shiftId), o.assignedCount ? ` (${o.assignedCount} assigned)` : " (nobody assigned)"))))
          : null,
        (g.headcount || []).length ? headcountChart(g.headcount, days) : null,
      ),
    );
    replace(
      body,
      h(
        "div",
        { class: "report-grid" },
        h("div", { class: "card card-wide" }, h("h3", {}, `Gaps by ${groupBy}, ${shortDate(from)} – ${shortDate(to)}`), groupedBars(groups.map(nameOf), metrics.map((mt) => ({ ...mt, values: groups.map(mt.get) })))),
        cards.length ? cards : h("p", { class: "muted" }, "No groups in this range."),
      ),
    );
  }

  // ---- audit -------------------------------------------------------------------------------

  auditData() {
    const date = $("#audit-asof").value || this.app.asOfDate;
    return { date, audit: this.app.engine.audit(this.instant(date)) };
  }

  renderAudit(body) {
    const m = this.app.model;
    const { date, audit } = this.auditData();
    const findings = Array.from(audit?.findings || []);
    const overrides = Array.from(audit?.overrides || []);
    const byKind = new Map();
    const worst = new Map();
    const order = { info: 0, warn: 1, block: 2 };
    for (const f of findings) {
      byKind.set(f.kind, (byKind.get(f.kind) || 0) + 1);
      if ((order[f.severity] ?? 0) >= (order[worst.get(f.kind)] ?? -1)) worst.set(f.kind, f.severity);
    }
    const sevStatus = (sev) => (sev === "block" ? "block" : sev === "warn" ? "warn" : "info");
    replace(
      body,
      h("p", { class: "muted" }, `Periodic review as of ${shortDate(date)} ${date.slice(0, 4)}: ${plural(findings.length, "finding")} and ${plural(overrides.length, "override")}. Download it for the file with the buttons above.`),
      h(
        "div",
        { class: "stats stats-row" },
        [...byKind].map(([kind, n]) => h("div", { class: `stat st-${sevStatus(worst.get(kind))}` }, h("span", { class: "stat-value" }, String(n)), h("span", { class: "stat-label" }, AUDIT_LABEL[kind] || humanize(kind)))),
        h("div", { class: `stat ${overrides.length ? "st-warn" : "st-ok"}` }, h("span", { class: "stat-value" }, String(overrides.length)), h("span", { class: "stat-label" }, "Overrides")),
      ),
      h(
        "section",
        { class: "card card-wide" },
        h("h3", {}, `Findings (${findings.length})`),
        findings.length
          ? h(
              "div",
              { class: "table-scroll" },
              h(
                "table",
                { class: "data" },
                h("thead", {}, h("tr", {}, ["Severity", "Finding", "Person", "Code", "Details", "Records"].map((c) => h("th", { scope: "col" }, c)))),
                h(
                  "tbody",
                  {},
                  findings.map((f) =>
                    h(
                      "tr",
                      { dataset: { kind: f.kind } },
                      h("td", {}, badge(sevStatus(f.severity), f.severity === "info" ? "Info" : undefined)),
                      h("td", { class: "nowrap" }, AUDIT_LABEL[f.kind] || humanize(f.kind)),
                      h("td", {}, f.employeeId ? this.personButton(f.employeeId) : "—"),
                      h("td", {}, f.code || "—"),
                      h("td", {}, f.message),
                      h("td", { class: "small" }, (f.paths || []).map((p) => h("code", { class: "block" }, p))),
                    ),
                  ),
                ),
              ),
            )
          : h("p", { class: "muted" }, "Nothing to review."),
      ),
      h(
        "section",
        { class: "card card-wide" },
        h("h3", {}, `Overrides (${overrides.length})`),
        overrides.length ? overridesTable(overrides, m) : h("p", { class: "muted" }, "None."),
      ),
    );
  }

  downloadAudit(kind) {
    if (!this.app.engine || !this.has("audit")) return;
    const { date, audit } = this.auditData();
    if (kind === "json") download(`credgate-audit-${date}.json`, JSON.stringify(audit, null, 2) + "\n");
    else download(`credgate-audit-${date}.csv`, auditCsv(audit), "text/csv");
  }

  // ---- overrides ---------------------------------------------------------------------------

  renderOverrides(body) {
    const app = this.app;
    const log = app.engine.overrides ? Array.from(app.engine.overrides() || []) : [];
    if (!log.length) {
      replace(body, h("div", { class: "card card-wide" }, h("h3", {}, "Overrides"), h("p", { class: "muted" }, "No overrides yet. When a blocked assignment or move is made anyway, it is logged here with who allowed it and why.")));
      return;
    }
    replace(
      body,
      h(
        "div",
        { class: "card card-wide" },
        h("h3", {}, `Overrides (${log.length})`),
        h("p", { class: "muted small" }, "Newest first. The log is part of the roster document and travels with Export."),
        overridesTable([...log].reverse(), app.model),
      ),
    );
  }

  // ---- the change log ----------------------------------------------------------------------

  /** `changeLog()`, newest first: when, who, why, whether over a block, and the ops in words. */
  renderChanges(body) {
    const app = this.app;
    const m = app.model;
    const log = Array.from(app.engine.changeLog?.() || []);
    if (!log.length) {
      replace(body, h("div", { class: "card card-wide" }, h("h3", {}, "Changes"), h("p", { class: "muted" }, "No changes yet. Every edit of the board (a drop, a move, a renewed card) is logged here; Undo takes the last one back.")));
      return;
    }
    const rows = [...log].reverse().map((entry) =>
      h(
        "tr",
        { dataset: { seq: String(entry.seq) } },
        h("td", { class: "nowrap" }, String(entry.seq)),
        h("td", { class: "nowrap" }, entry.at ? String(entry.at).replace("T", " ").slice(0, 19) : "—"),
        h("td", {}, entry.by || "—"),
        h("td", {}, entry.reason || "—"),
        h("td", {}, entry.override ? h("span", { class: "tag st-block" }, `Override (${plural((entry.overridden || []).length, "block")})`) : "—"),
        h("td", {}, h("ul", { class: "op-list" }, Array.from(entry.ops || []).map((op) => h("li", {}, opWords(op, m))))),
      ),
    );
    replace(
      body,
      h(
        "div",
        { class: "card card-wide" },
        h("h3", {}, `Changes (${log.length})`),
        h("p", { class: "muted small" }, "Newest first: one line per batch the engine applied. Export writes the log into the roster document."),
        h("div", { class: "table-scroll" }, h("table", { class: "data change-log" }, h("thead", {}, h("tr", {}, ["#", "When", "By", "Why", "Override", "What"].map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, rows))),
      ),
    );
  }

  personButton(employeeId) {
    // An orphan finding (a record, waiver, training or event of no employee) names someone
    // the roster does not have: there is no panel to open.
    if (!this.app.model.employeeById.has(employeeId)) return h("span", { class: "not-on-roster" }, h("code", {}, employeeId), h("span", { class: "muted small block" }, "not on the roster"));
    return h("button", { type: "button", class: "link", on: { click: (ev) => this.app.panel.open(employeeId, ev.currentTarget) } }, this.app.model.employeeName(employeeId));
  }
}

const AUDIT_LABEL = {
  roleRequirementNotHeld: "Role needs a code not held",
  contradictoryStatus: "Contradictory records",
  duplicateRecord: "Duplicate record",
  sharedIdentifier: "Shared identifier",
  orphanCredential: "Credential of no employee",
  orphanWaiver: "Waiver of no employee",
  orphanTraining: "Training of no employee",
  orphanEvent: "Event of no employee",
  unknownType: "Unknown credential type",
  missingValidIn: "Licence without validIn",
  staleTraining: "Stale training",
  waiverInForce: "Waiver in force",
};

const REASON_LABEL = {
  noSession: "No session: none renews the code before the deadline",
  conflicts: "Conflicts: every session overlaps their shifts or trainings",
  full: "Full: the seats went to other needs",
};

/** One operation of a batch in words. */
export function opWords(op, m) {
  const at = (instant) => `${shortDate(localDate(instant))} ${String(instant).slice(11, 16)}`;
  if (op.op === "assign") return `Assign ${m.employeeName(op.employeeId)} to ${m.shiftLabel(op.shiftId)}`;
  if (op.op === "unassign") return `Unassign ${m.employeeName(op.employeeId)} from ${m.shiftLabel(op.shiftId)}`;
  if (op.op === "moveShift") return `Move ${op.shiftId} to ${at(op.start)}–${String(op.end).slice(11, 16)}`;
  if (op.op === "put") {
    const r = op.record || {};
    if (op.collection === "credentials") return `Record ${r.code || "credential"} ${r.id} of ${m.employeeName(r.employeeId)}` + (r.validUntil ? `, valid until ${formatBound(r.validUntil)}` : "");
    if (op.collection === "trainings" && r.sessionId) return `Book ${m.employeeName(r.employeeId)} on ${r.sessionId} for ${r.code}, ${shortDate(localDate(r.start))} ${String(r.start).slice(11, 16)} (${r.id})`;
    return `Put ${op.collection} ${r.id}`;
  }
  if (op.op === "remove") return `Remove ${op.collection} ${op.id}`;
  return String(op.op);
}

function overridesTable(log, m) {
  const rows = log.map((o) => {
    const action = ACTION_LABEL[o.action] || o.action || "";
    const to = o.action === "moveShift" && o.start ? `to ${shortDate(localDate(o.start))} ${o.start.slice(11, 16)}–${String(o.end || "").slice(11, 16)}` : "";
    const what = [action, o.employeeId ? m.employeeName(o.employeeId) : "", o.shiftId ? m.shiftLabel(o.shiftId) : "", to].filter(Boolean).join(" · ");
    const reasons = (o.overridden || o.reasons || []).map((r) => ({ severity: "block", ...r, message: r.employeeId && r.employeeId !== o.employeeId ? `${m.employeeName(r.employeeId)}: ${r.message}` : r.message }));
    return h(
      "tr",
      {},
      h("td", { class: "nowrap" }, o.at ? String(o.at).replace("T", " ").slice(0, 19) : "—"),
      h("td", {}, h("strong", {}, o.by || "—")),
      h("td", {}, o.reason || "—"),
      h("td", {}, what),
      h("td", {}, reasons.length ? h("ul", { class: "reason-list" }, reasons.filter((r) => r.severity !== "info").map((r) => h("li", { class: `sev-${r.severity}` }, h("span", { class: "kind" }, KIND_LABEL[r.kind] || r.kind), h("span", {}, r.message || "")))) : "—"),
    );
  });
  return h("div", { class: "table-scroll" }, h("table", { class: "data overrides-log" }, h("thead", {}, h("tr", {}, ["When", "By", "Reason", "What", "Overridden"].map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, rows)));
}

// ---- charts (SVG built with DOM APIs) -----------------------------------------------------

/** Horizontal bars: one per {label, value, status}. */
export function barChart(bars, { unit = "" } = {}) {
  const rowH = 26;
  const labelW = 96;
  const width = 360;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const barW = width - labelW - 44;
  const svg = s("svg", { class: "chart", viewBox: `0 0 ${width} ${bars.length * rowH + 4}`, role: "img", "aria-label": bars.map((b) => `${b.label}: ${plural(b.value, unit)}`).join(", ") });
  bars.forEach((b, i) => {
    const y = i * rowH + 2;
    svg.append(
      s("text", { x: labelW - 8, y: y + 16, class: "chart-label", "text-anchor": "end" }, b.label),
      s("rect", { x: labelW, y: y + 3, width: barW, height: 18, rx: 3, class: "chart-track" }),
      s("rect", { x: labelW, y: y + 3, width: Math.max(b.value ? 3 : 0, (b.value / max) * barW), height: 18, rx: 3, class: `chart-bar st-${b.status}` }),
      s("text", { x: labelW + Math.max(3, (b.value / max) * barW) + 6, y: y + 16, class: "chart-value" }, String(b.value)),
    );
  });
  return svg;
}

/**
 * Seats per session as stacked bars: seats held before the plan, seats the plan books, free
 * seats; each row labelled in words (the chart's `aria-label` reads them all).
 */
function seatChart(sessions, nameOf) {
  const rowH = 30;
  const labelW = 118;
  const width = 380;
  const barW = width - labelW - 62;
  const words = (x) => `${nameOf(x.sessionId)}: ${x.taken + x.booked} of ${plural(x.seats, "seat")} taken (${x.taken} before the plan, ${x.booked} booked by it)`;
  const svg = s("svg", { class: "chart seat-chart", viewBox: `0 0 ${width} ${sessions.length * rowH + 26}`, role: "img", "aria-label": sessions.map(words).join("; ") });
  sessions.forEach((x, i) => {
    const y = i * rowH + 2;
    const unit = barW / Math.max(1, x.seats);
    const label = x.sessionId.length > 16 ? x.sessionId.slice(0, 15) + "…" : x.sessionId;
    svg.append(
      s(
        "g",
        { class: "seat-row", "data-session": x.sessionId },
        s("title", {}, words(x)),
        s("text", { x: labelW - 8, y: y + 17, class: "chart-label", "text-anchor": "end" }, label),
        s("rect", { x: labelW, y: y + 4, width: barW, height: 18, rx: 3, class: "chart-track" }),
        x.taken ? s("rect", { x: labelW, y: y + 4, width: Math.min(barW, x.taken * unit), height: 18, class: "chart-bar st-info" }) : null,
        x.booked ? s("rect", { x: labelW + Math.min(barW, x.taken * unit), y: y + 4, width: Math.max(0, Math.min(barW - x.taken * unit, x.booked * unit)), height: 18, class: "chart-bar st-ok" }) : null,
        s("text", { x: labelW + barW + 6, y: y + 17, class: "chart-value" }, `${x.taken + x.booked}/${x.seats}`),
      ),
    );
  });
  const ly = sessions.length * rowH + 18;
  [["st-info", "held before", 16], ["st-ok", "booked by the plan", 110], ["chart-track", "free", 250]].forEach(([cls, text, x]) => {
    svg.append(s("rect", { x, y: ly - 9, width: 10, height: 10, rx: 2, class: cls === "chart-track" ? cls : `chart-bar ${cls}` }), s("text", { x: x + 14, y: ly, class: "chart-label" }, text));
  });
  return svg;
}

/** One row of bars per group, one bar per metric. */
function groupedBars(groupNames, metrics) {
  const rowH = 16;
  const gap = 12;
  const labelW = 210;
  const width = 720;
  const max = Math.max(1, ...metrics.flatMap((mt) => mt.values));
  const barW = width - labelW - 50;
  const groupH = metrics.length * rowH + gap;
  const svg = s("svg", { class: "chart chart-wide", viewBox: `0 0 ${width} ${groupNames.length * groupH + 30}`, role: "img", "aria-label": groupNames.map((g, gi) => `${g}: ${metrics.map((mt) => `${mt.values[gi]} ${mt.label.toLowerCase()}`).join(", ")}`).join("; ") });
  groupNames.forEach((name, gi) => {
    const y0 = gi * groupH;
    svg.append(s("text", { x: labelW - 10, y: y0 + (metrics.length * rowH) / 2 + 4, class: "chart-label", "text-anchor": "end" }, name.length > 30 ? name.slice(0, 29) + "…" : name));
    metrics.forEach((mt, mi) => {
      const y = y0 + mi * rowH;
      const v = mt.values[gi];
      svg.append(
        s("rect", { x: labelW, y: y + 2, width: Math.max(v ? 3 : 0, (v / max) * barW), height: rowH - 4, rx: 2, class: `chart-bar st-${mt.status}` }),
        s("text", { x: labelW + Math.max(3, (v / max) * barW) + 5, y: y + rowH - 4, class: "chart-value" }, String(v)),
      );
    });
  });
  // Legend.
  const ly = groupNames.length * groupH + 14;
  metrics.forEach((mt, mi) => {
    const x = labelW + mi * 170;
    svg.append(s("rect", { x, y: ly - 9, width: 10, height: 10, rx: 2, class: `chart-bar st-${mt.status}` }), s("text", { x: x + 15, y: ly, class: "chart-label" }, mt.label));
  });
  return svg;
}

/** Qualified headcount per code per day ({code, counts, min} with the report's days), as rows of bars. */
function headcountChart(headcount, days) {
  const codes = headcount.filter((r) => Array.isArray(r.counts));
  if (!codes.length) return null;
  const n = Math.max(...codes.map((r) => r.counts.length));
  const cell = Math.max(5, Math.min(16, Math.floor(260 / Math.max(1, n))));
  const rowH = 18;
  const labelW = 128;
  const width = labelW + n * cell + 46;
  const svg = s("svg", { class: "chart chart-heat", viewBox: `0 0 ${width} ${codes.length * rowH + 4}`, role: "img", "aria-label": codes.map((r) => `${r.code}: ${Math.min(...r.counts)} to ${Math.max(...r.counts)} qualified a day`).join("; ") });
  codes.forEach((r, ci) => {
    const max = Math.max(1, ...r.counts);
    const y = ci * rowH + 2;
    svg.append(s("text", { x: labelW - 6, y: y + 12, class: "chart-label", "text-anchor": "end" }, r.code));
    r.counts.forEach((v, di) => {
      const bh = Math.max(1.5, (v / max) * (rowH - 5));
      const dip = v < max;
      svg.append(s("rect", { x: labelW + di * cell, y: y + rowH - 3 - bh, width: cell - 1, height: bh, class: v === 0 ? "chart-bar st-block" : dip ? "chart-bar st-warn" : "chart-bar st-ok" }, s("title", {}, `${r.code} on ${days?.[di] ? shortDate(days[di]) : `day ${di + 1}`}: ${v} qualified`)));
    });
    const lo = Math.min(...r.counts);
    const hi = Math.max(...r.counts);
    svg.append(s("text", { x: labelW + n * cell + 5, y: y + 12, class: "chart-value" }, lo === hi ? String(lo) : `${lo}–${hi}`));
  });
  return h("details", { class: "headcount", open: true }, h("summary", {}, "Qualified headcount per day"), svg);
}

function humanize(key) {
  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words[0].toUpperCase() + words.slice(1);
}

function cellText(v) {
  if (v === null || v === undefined) return "";
  if (typeof v !== "object") return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== "object")) return v.join("; ");
  return JSON.stringify(v);
}

/** Flattens every array section of the audit into one CSV (section, then the fields). */
export function auditCsv(audit) {
  const rows = [];
  for (const [section, items] of Object.entries(audit || {})) {
    if (!Array.isArray(items)) continue;
    for (const item of items) rows.push({ section, asOf: audit.asOf ?? "", ...flatten(item && typeof item === "object" ? item : { value: item }) });
  }
  const keys = ["section", "asOf", ...new Set(rows.flatMap((r) => Object.keys(r)).filter((k) => k !== "section" && k !== "asOf"))];
  const lines = [keys.map(csvCell).join(",")];
  for (const r of rows) lines.push(keys.map((k) => csvCell(r[k])).join(","));
  return lines.join("\r\n") + "\r\n";
}

function flatten(obj, prefix = "", out = {}) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object" && !Array.isArray(v)) flatten(v, key, out);
    else out[key] = cellText(v);
  }
  return out;
}

function csvCell(v) {
  let t = v === undefined || v === null ? "" : String(v);
  // A cell that a spreadsheet would run as a formula is kept as text.
  if (/^[=+\-@\t\r]/.test(t)) t = "'" + t;
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

