// Dialogs: the shift dialog (the keyboard way to assign, unassign and move a shift) and the
// override dialog (who allows a block, and why).
import { $, $$, h, icon, badge, replace, plural, STATUS_WORD } from "./dom.js";
import { localDate, offsetOf, shiftTimes, shortDate } from "./model.js";
import { KIND_LABEL, reasonText, sortReasons, worstStatus } from "./verdicts.js";

function wireClose(dialog) {
  for (const b of $$("[data-close]", dialog)) b.addEventListener("click", () => dialog.close("cancel"));
  // A click on the backdrop (outside the dialog's box) closes it too.
  dialog.addEventListener("click", (ev) => {
    if (ev.target !== dialog) return;
    const r = dialog.getBoundingClientRect();
    if (ev.clientX < r.left || ev.clientX > r.right || ev.clientY < r.top || ev.clientY > r.bottom) dialog.close("cancel");
  });
}

/** The people the shift dialog lists at once; typing finds the others. */
const PICKS_SHOWN = 100;

export class ShiftDialog {
  constructor(app) {
    this.app = app;
    this.dialog = $("#dlg-shift");
    this.list = $("#dlg-shift-list");
    this.filter = $("#dlg-shift-filter");
    this.shiftId = null;
    this.returnFocus = null;
    wireClose(this.dialog);
    this.dialog.addEventListener("close", () => {
      const target = this.returnFocus;
      this.shiftId = null;
      if (target?.isConnected) target.focus();
      else if (target?.dataset?.shift) {
        const sel = `.chip[data-shift="${CSS.escape(target.dataset.shift)}"]` + (target.dataset.emp ? `[data-emp="${CSS.escape(target.dataset.emp)}"]` : "");
        ($(sel) || $(`.chip[data-shift="${CSS.escape(target.dataset.shift)}"]`))?.focus();
      }
    });
    this.filter.addEventListener("input", () => this.applyFilter());
    this.filter.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown" || (ev.key === "Enter" && this.visiblePicks().length)) {
        ev.preventDefault();
        const first = this.visiblePicks()[0];
        if (ev.key === "Enter" && this.visiblePicks().length === 1) first.click();
        else first?.focus();
      }
    });
    this.list.addEventListener("keydown", (ev) => this.onListKey(ev));
    const move = $("#dlg-move");
    move.addEventListener("input", () => this.previewMove());
    move.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const times = this.moveTimes();
      if (!times) return;
      const id = this.shiftId;
      this.dialog.close("move");
      this.app.move(id, times.start, times.end);
    });
  }

  open(shiftId, { fromEmployee = null, returnFocus = null } = {}) {
    const app = this.app;
    const m = app.model;
    const shift = m.shiftById.get(shiftId);
    if (!shift) return;
    this.shiftId = shiftId;
    this.fromEmployee = fromEmployee;
    this.returnFocus = returnFocus;
    $("#dlg-shift-title").textContent = shift.label || `${m.roleName(shift.roleId) || "Shift"} · ${m.locationShort(shift.locationId)}`;
    const queues = (shift.queueIds || []).map((q) => m.queueById.get(q)?.name || q);
    const crew = (shift.crew || []).map((c) => `at least ${c.min ?? 1} with ${typeof c.requires === "string" ? c.requires : JSON.stringify(c.requires)}`);
    $("#dlg-shift-sub").textContent = [
      `${shortDate(localDate(shift.start))} ${shiftTimes(shift)}`,
      m.locationName(shift.locationId),
      m.roleName(shift.roleId),
      queues.length ? `queues: ${queues.join(", ")}` : "",
      crew.length ? `crew: ${crew.join("; ")}` : "",
      shift.id,
    ]
      .filter(Boolean)
      .join(" · ");

    // Everyone, best fit first (one bulk call); the list draws the first PICKS_SHOWN of those
    // who match the filter (a roster of thousands would otherwise build thousands of rows).
    const candidates = Array.from(app.engine.candidates(shiftId));
    this.candidates = candidates
      .filter((c) => !c.assigned)
      .map((c) => ({ c, key: `${c.name || m.employeeById.get(c.employeeId)?.name || ""} ${c.employeeId}`.toLowerCase() }));

    const assigned = candidates.filter((c) => c.assigned);
    replace(
      $("#dlg-shift-assigned"),
      assigned.length
        ? assigned.map((c) =>
            h(
              "li",
              { class: `st-${c.status}` },
              badge(c.status),
              h("span", { class: "pick-name" }, c.name || m.employeeName(c.employeeId)),
              h("button", { type: "button", class: "btn btn-small", on: { click: () => this.unassign(c.employeeId) } }, "Unassign"),
              c.reasons.length
                ? h("ul", { class: "reason-list" }, sortReasons(c.reasons).map((r) => h("li", { class: `sev-${r.severity}` }, h("span", { class: "kind" }, KIND_LABEL[r.kind] || r.kind), h("span", {}, reasonText(r, m)))))
                : null,
            ),
          )
        : h("li", { class: "muted" }, "Nobody yet."),
    );

    const local = (instant) => instant.slice(0, 16);
    $("#move-start").value = local(shift.start);
    $("#move-end").value = local(shift.end);
    this.offset = offsetOf(shift.start);
    this.endOffset = offsetOf(shift.end);
    $("#move-offset").textContent = `Times are the hospital’s wall clock (UTC${this.offset === "Z" ? "" : this.offset.replace("-", "−")}).`;
    replace($("#move-verdicts"));

    this.filter.value = "";
    this.applyFilter();
    if (!this.dialog.open) this.dialog.showModal();
    this.filter.focus();
  }

  visiblePicks() {
    return $$(".pick", this.list);
  }

  /** Draws the people who match the filter, best fit first (at most PICKS_SHOWN of them). */
  applyFilter() {
    const q = this.filter.value.trim().toLowerCase();
    const matching = q ? this.candidates.filter((x) => x.key.includes(q)) : this.candidates;
    const shown = matching.slice(0, PICKS_SHOWN).map((x) => this.pickItem(x.c));
    if (!this.candidates.length) shown.push(h("li", { class: "muted" }, "Everyone is already on this shift."));
    else if (!matching.length) shown.push(h("li", { class: "muted" }, "Nobody matches."));
    else if (matching.length > PICKS_SHOWN) shown.push(h("li", { class: "muted pick-more" }, `and ${matching.length - PICKS_SHOWN} more: type a name to find them`));
    replace(this.list, shown);
  }

  pickItem(c) {
    const m = this.app.model;
    const e = m.employeeById.get(c.employeeId);
    const reasons = sortReasons(c.reasons).filter((r) => r.severity !== "info");
    const first = reasons[0]?.message;
    return h(
      "li",
      { role: "none" },
      h(
        "button",
        {
          type: "button",
          class: `pick st-${c.status}`,
          dataset: { emp: c.employeeId, status: c.status },
          "aria-label": `${c.name || c.employeeId}: ${STATUS_WORD[c.status]}${reasons.length ? ". " + reasons.map((r) => r.message).join(". ") : ""}`,
          on: { click: () => this.pick(c.employeeId) },
        },
        badge(c.status),
        h("span", { class: "pick-name" }, c.name || e?.name || c.employeeId),
        h("span", { class: "pick-sub" }, [m.teamName(e?.teamId), m.locationShort(e?.locationId)].filter(Boolean).join(" · ")),
        first ? h("span", { class: "pick-reason" }, first + (reasons.length > 1 ? ` (+${reasons.length - 1})` : "")) : null,
      ),
    );
  }

  onListKey(ev) {
    const picks = this.visiblePicks();
    const i = picks.indexOf(document.activeElement);
    let next = null;
    if (ev.key === "ArrowDown") next = picks[Math.min(i + 1, picks.length - 1)];
    else if (ev.key === "ArrowUp") next = i <= 0 ? this.filter : picks[i - 1];
    else if (ev.key === "Home") next = picks[0];
    else if (ev.key === "End") next = picks[picks.length - 1];
    if (next) {
      ev.preventDefault();
      next.focus();
    }
  }

  pick(employeeId) {
    const { shiftId } = this;
    this.dialog.close("pick");
    // Picking adds the person to the shift; taking someone off is the Unassign button.
    this.app.assign(employeeId, shiftId);
  }

  unassign(employeeId) {
    const id = this.shiftId;
    this.dialog.close("unassign");
    this.app.unassign(employeeId, id);
  }

  moveTimes() {
    const start = $("#move-start").value;
    const end = $("#move-end").value;
    if (!start || !end) return null;
    const full = (v, offset) => (v.length === 16 ? `${v}:00` : v.slice(0, 19)) + offset;
    return { start: full(start, this.offset), end: full(end, this.endOffset) };
  }

  previewMove() {
    const out = $("#move-verdicts");
    const times = this.moveTimes();
    if (!times || !this.shiftId) return replace(out);
    let verdicts;
    try {
      verdicts = this.app.placementVerdicts(this.shiftId, times.start, times.end);
    } catch (err) {
      return replace(out, h("p", { class: "sev-block" }, icon("block"), String(err.message || err)));
    }
    const m = this.app.model;
    if (!verdicts.length) return replace(out, h("p", { class: "muted" }, "Nobody is assigned: the move needs no check."));
    replace(
      out,
      h("p", { class: "move-summary" }, badge(worstStatus(verdicts.map((v) => v.status))), h("span", {}, `for ${plural(verdicts.length, "person", "people")} at the new time`)),
      h(
        "ul",
        { class: "reason-list" },
        verdicts.map((v) =>
          h("li", { class: `sev-${v.status}` }, icon(v.status === "ok" ? "ok" : v.status), h("span", {}, h("strong", {}, m.employeeName(v.employeeId)), ": ", sortReasons(v.reasons).filter((r) => r.severity !== "info").map((r) => r.message).join("; ") || "every requirement is met")),
        ),
      ),
    );
  }
}

export class OverrideDialog {
  constructor(app) {
    this.app = app;
    this.dialog = $("#dlg-override");
    this.form = $("#override-form");
    this.apply = null;
    wireClose(this.dialog);
    this.form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const by = $("#override-by").value.trim();
      const reason = $("#override-reason").value.trim();
      if (!by) return $("#override-by").focus();
      if (!reason) return $("#override-reason").focus();
      this.app.overrideBy = by;
      const apply = this.apply;
      this.apply = null;
      this.dialog.close("override");
      apply?.({ by, reason });
    });
    this.dialog.addEventListener("close", () => {
      this.returnFocus?.isConnected && this.returnFocus.focus();
    });
  }

  /** Asks who overrides and why, then calls `apply({by, reason})`. */
  open({ what, reasons, apply }) {
    this.apply = apply;
    this.returnFocus = document.activeElement;
    $("#dlg-override-what").textContent = what;
    replace(
      $("#dlg-override-reasons"),
      (reasons || []).map((r) => h("li", { class: `sev-${r.severity}` }, icon(r.severity === "block" ? "block" : "warn"), h("span", {}, r.message))),
    );
    $("#override-by").value = this.app.overrideBy || "";
    $("#override-reason").value = "";
    this.dialog.showModal();
    ($("#override-by").value ? $("#override-reason") : $("#override-by")).focus();
  }
}
