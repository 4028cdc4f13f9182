// Dialogs: the shift dialog (the keyboard way to assign, unassign and move a shift) and the
// override dialog (who allows a block, and why).
import { $, $$, h, icon, badge, replace, plural, STATUS_BY_CODE, STATUS_WORD } from "./dom.js";
import { localDate, offsetOf, shiftTimes, shortDate } from "./model.js";
import { KIND_LABEL, reasonText, sortReasons, worstStatus } from "./verdicts.js";
import { nextFrame } from "./steps.js";

function wireClose(dialog) {
  for (const b of $$("[data-close]", dialog)) b.addEventListener("click", () => dialog.close("cancel"));
  // Escape closes it, as a modal dialog's would; Tab goes round its own controls only.
  dialog.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && !ev.defaultPrevented) {
      ev.preventDefault();
      dialog.close("cancel");
    } else if (ev.key === "Tab") {
      const inside = $$(FOCUSABLE, dialog).filter((el) => !el.disabled && el.getClientRects().length);
      const [first, last] = [inside[0], inside.at(-1)];
      if (!first) return;
      if (ev.shiftKey ? document.activeElement === first : document.activeElement === last) {
        ev.preventDefault();
        (ev.shiftKey ? last : first).focus();
      }
    }
  });
  dialog.addEventListener("close", () => {
    dialog.removeAttribute("aria-modal");
    if (!$$("dialog[aria-modal]").length) backdrop().hidden = true;
  });
}

const FOCUSABLE = "button, input, select, textarea, a[href], [tabindex]:not([tabindex='-1'])";

/** The shade behind an open dialog: a click on it closes the dialog, nothing under it takes the pointer. */
function backdrop() {
  let el = $("#dialog-backdrop");
  if (!el) {
    el = h("div", { id: "dialog-backdrop", class: "dialog-backdrop", hidden: true, "aria-hidden": "true" });
    el.addEventListener("click", () => {
      for (const d of $$("dialog[aria-modal]")) d.close("cancel");
    });
    document.body.append(el);
  }
  return el;
}

/**
 * Opens a dialog as a modal one for the user (a shade over the page that takes the pointer,
 * `aria-modal`, Escape, the focus kept inside) without `showModal()`: that makes every other
 * element of the page inert, and restyling and laying out the board for it took 40–60 ms on
 * SPEC §5's board (decision 124).
 */
export function openModal(dialog) {
  if (dialog.open) return;
  dialog.setAttribute("aria-modal", "true");
  backdrop().hidden = false;
  dialog.show();
}

// The focus does not wander out of an open dialog (a click on the page is taken by the shade).
document.addEventListener("focusin", (ev) => {
  const open = $$("dialog[aria-modal]").at(-1);
  if (open && !open.contains(ev.target)) ($(FOCUSABLE, open) || open).focus();
});

/** The people the shift dialog lists at once; typing finds the others. */
const PICKS_SHOWN = 100;
/**
 * The people drawn in the task that opens the dialog or filters its list (about what the
 * list shows), then at most this many a task after each frame until PICKS_SHOWN (decision 129).
 */
const PICKS_FIRST = 12;
/** Verdicts a dialog asks at most to order a status's people by their reasons (a few milliseconds). */
const EXACT_CHECKS = 120;

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

    // Everyone, best fit first: every person's status in one bulk call (`candidateStatuses`,
    // a byte each), then `ok`, `warn`, `block`, each in roster order; a status with few people
    // (the EXACT_CHECKS budget) is ordered as `candidates` orders it, fewer reasons first, from
    // their verdicts. The verdicts (`check`) are asked only for the people drawn: `candidates`
    // made all 5,000 of SPEC §5's verdicts into objects, 40–70 ms (decision 124).
    this.verdicts = new Map();
    const ids = app.employeeIds();
    const codes = app.engine.candidateStatuses(shiftId);
    const onShift = new Set(shift.assigned || []);
    const groups = [[], [], []];
    for (let i = 0; i < codes.length && i < ids.length; i++) if (codes[i] < 3 && !onShift.has(ids[i])) groups[codes[i]].push(ids[i]);
    let budget = EXACT_CHECKS;
    this.candidates = [];
    groups.forEach((group, code) => {
      if (group.length <= budget) {
        budget -= group.length;
        const counted = group.map((id, i) => [id, this.verdict(id).reasons.length, i]);
        counted.sort((a, b) => a[1] - b[1] || a[2] - b[2]);
        group = counted.map(([id]) => id);
      }
      for (const id of group) this.candidates.push({ employeeId: id, status: STATUS_BY_CODE[code] });
    });

    const assigned = [...onShift].map((id) => ({ employeeId: id, ...this.verdict(id) }));
    replace(
      $("#dlg-shift-assigned"),
      assigned.length
        ? assigned.map((c) =>
            h(
              "li",
              { class: `st-${c.status}` },
              badge(c.status),
              h("span", { class: "pick-name" }, m.employeeName(c.employeeId)),
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
    openModal(this.dialog);
    this.filter.focus();
  }

  visiblePicks() {
    return $$(".pick", this.list);
  }

  /** Draws the people who match the filter, best fit first (at most PICKS_SHOWN of them). */
  applyFilter() {
    const q = this.filter.value.trim().toLowerCase();
    const m = this.app.model;
    const matching = q ? this.candidates.filter((c) => m.searchKey(c.employeeId).includes(q)) : this.candidates;
    const tail = [];
    if (!this.candidates.length) tail.push(h("li", { class: "muted" }, "Everyone is already on this shift."));
    else if (!matching.length) tail.push(h("li", { class: "muted" }, "Nobody matches."));
    else if (matching.length > PICKS_SHOWN) tail.push(h("li", { class: "muted pick-more" }, `and ${matching.length - PICKS_SHOWN} more: type a name to find them`));
    // The first picks now; the others a few a task, each after the frame that shows the ones
    // before (each is a verdict asked and a few elements; the ones out of the list's view are
    // neither styled nor laid out: app.css, content-visibility).
    const token = (this.drawing = {});
    const first = matching.slice(0, PICKS_FIRST).map((c) => this.pickItem(c));
    replace(this.list, first, matching.length > PICKS_FIRST ? null : tail);
    const more = async () => {
      const end = Math.min(matching.length, PICKS_SHOWN);
      for (let from = PICKS_FIRST; from < end; from += PICKS_FIRST * 2) {
        await nextFrame();
        if (this.drawing !== token || !this.dialog.open) return;
        const to = Math.min(end, from + PICKS_FIRST * 2);
        this.list.append(...matching.slice(from, to).map((c) => this.pickItem(c)), ...(to === end ? tail : []));
      }
    };
    if (matching.length > PICKS_FIRST) more();
  }

  /** A person's verdict for the dialog's shift (`check`), asked once while it is open. */
  verdict(employeeId) {
    let v = this.verdicts.get(employeeId);
    if (!v) {
      const { status, reasons } = this.app.engine.check(employeeId, this.shiftId);
      this.verdicts.set(employeeId, (v = { status, reasons: Array.from(reasons || []) }));
    }
    return v;
  }

  /** A person's line: `c` is `{employeeId, status}`, the reasons from `verdict`. */
  pickItem(c) {
    const m = this.app.model;
    const e = m.employeeById.get(c.employeeId);
    const reasons = sortReasons(this.verdict(c.employeeId).reasons).filter((r) => r.severity !== "info");
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
          "aria-label": `${e?.name || c.employeeId}: ${STATUS_WORD[c.status]}${reasons.length ? ". " + reasons.map((r) => r.message).join(". ") : ""}`,
          on: { click: () => this.pick(c.employeeId) },
        },
        badge(c.status),
        h("span", { class: "pick-name" }, e?.name || c.employeeId),
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
    openModal(this.dialog);
    ($("#override-by").value ? $("#override-reason") : $("#override-by")).focus();
  }
}
