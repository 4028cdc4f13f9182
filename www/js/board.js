// The roster board: people as rows (grouped by team), days as columns, shifts as chips, open
// shifts in their own lane; and drag and drop with a verdict on every target while the pointer
// moves.
//
// The drag path is built for speed: on drag start one `candidateStatuses(shiftId)` call (or one
// `statusAt` per visible shift when a person is dragged) colours every target; the full
// `check` runs only for the target under the pointer, once per target, to show its reasons.
import { $, $$, h, icon, replace, STATUS_BY_CODE, STATUS_WORD, plural } from "./dom.js";
import { addDays, compactTimes, dayLabel, daysBetween, localDate, shiftInstant, shiftTimes, shortDate } from "./model.js";
import { sortReasons, worstStatus } from "./verdicts.js";

const MAX_DAYS = 14;
const DRAG_THRESHOLD = 4;

export class Board {
  constructor(app) {
    this.app = app;
    this.table = $("#board");
    this.tip = $("#drag-tip");
    this.windowStart = null;
    this.pending = null;
    this.drag = null;
    this.suppressClickUntil = 0;
    this.hoverTimer = 0;

    this.onPointerMove = this.onPointerMove.bind(this);
    this.onPointerUp = this.onPointerUp.bind(this);
    this.onKeyDuringDrag = this.onKeyDuringDrag.bind(this);
    this.table.addEventListener("pointerdown", (ev) => this.onPointerDown(ev));
    this.table.addEventListener("click", (ev) => this.onClick(ev));
    this.table.addEventListener("pointerover", (ev) => this.onHover(ev));
    this.table.addEventListener("pointerout", (ev) => this.onHoverOut(ev));
    this.table.addEventListener("focusin", (ev) => this.onHover(ev));
    this.table.addEventListener("focusout", () => this.hideTip());
    $("#week-prev").addEventListener("click", () => this.page(-7));
    $("#week-next").addEventListener("click", () => this.page(7));
  }

  // ---- drawing -----------------------------------------------------------------------------

  /** The days on show: the whole roster when it is short, else a 14-day window. */
  days() {
    const m = this.app.model;
    const first = m.firstDay();
    const total = daysBetween(first, m.lastDay()) + 1;
    const paged = total > MAX_DAYS + 7;
    $("#week-nav").hidden = !paged;
    const start = paged ? this.windowStart || first : first;
    const count = paged ? MAX_DAYS : total;
    const days = Array.from({ length: count }, (_, i) => addDays(start, i));
    if (paged) {
      $("#week-label").textContent = `${shortDate(days[0])} – ${shortDate(days[days.length - 1])}`;
      $("#week-prev").disabled = start <= first;
      $("#week-next").disabled = days[days.length - 1] >= m.lastDay();
    }
    return days;
  }

  page(delta) {
    const m = this.app.model;
    const start = addDays(this.windowStart || m.firstDay(), delta);
    this.windowStart = start < m.firstDay() ? m.firstDay() : start;
    this.render();
  }

  render() {
    const app = this.app;
    const m = app.model;
    if (!m) return;
    const days = this.days();
    const daySet = new Set(days);
    const { location, query, issuesOnly } = app.filters;

    // Shift-level findings (crew) by shift, from the last validate().
    this.shiftFindings = new Map();
    for (const f of app.validation?.findings || []) {
      if (!this.shiftFindings.has(f.shiftId)) this.shiftFindings.set(f.shiftId, []);
      this.shiftFindings.get(f.shiftId).push(f);
    }

    // Every assignment's status, through the fast path.
    const statusByEmployee = new Map();
    let counts = { ok: 0, warn: 0, block: 0 };
    for (const shift of m.shifts) {
      for (const e of new Set(shift.assigned || [])) {
        const code = app.statusOf(e, shift.id);
        const status = STATUS_BY_CODE[code] || "ok";
        counts[status]++;
        if (!statusByEmployee.has(e)) statusByEmployee.set(e, new Map());
        statusByEmployee.get(e).set(shift.id, status);
      }
    }
    this.statusByEmployee = statusByEmployee;
    this.renderSummary(counts);

    const head = h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { class: "corner", scope: "col" }, "Person"),
        days.map((d) => {
          const l = dayLabel(d);
          return h("th", { scope: "col", class: l.weekend ? "day weekend" : "day", dataset: { day: d } }, h("span", { class: "wd" }, l.weekday), " ", h("span", { class: "dd" }, l.day));
        }),
      ),
    );

    // The open lane.
    const open = m.shifts.filter((s) => !(s.assigned || []).length && daySet.has(localDate(s.start)) && (!location || s.locationId === location));
    const openByDay = groupByDay(open);
    const lane = h(
      "tbody",
      { class: "lane" },
      h(
        "tr",
        { class: "lane-row", dataset: { lane: "open" } },
        h("th", { scope: "row", class: "who lane-head" }, h("span", { class: "lane-title" }, icon("open"), "Open shifts"), h("span", { class: "who-sub" }, `${open.length} to fill`)),
        days.map((d) => h("td", { class: dayLabel(d).weekend ? "cell weekend" : "cell", dataset: { day: d } }, h("div", { class: "lane-cell" }, (openByDay.get(d) || []).map((s) => this.chip(s, null, null))))),
      ),
    );

    // People, grouped by team in the roster's team order.
    const visible = m.employees.filter((e) => {
      if (query && !`${e.name || ""} ${e.id}`.toLowerCase().includes(query)) return false;
      if (location && e.locationId !== location && !(m.shiftsByEmployee.get(e.id) || []).some((s) => s.locationId === location)) return false;
      if (issuesOnly && ![...(statusByEmployee.get(e.id)?.values() || [])].some((st) => st !== "ok")) return false;
      return true;
    });
    const teamOrder = new Map(m.teams.map((t, i) => [t.id, i]));
    const groups = new Map();
    for (const e of visible) {
      const key = e.teamId && m.teamById.has(e.teamId) ? e.teamId : e.teamId || "";
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(e);
    }
    const groupKeys = [...groups.keys()].sort((a, b) => (teamOrder.get(a) ?? 1e9) - (teamOrder.get(b) ?? 1e9) || String(a).localeCompare(String(b)));
    const bodies = groupKeys.map((key) =>
      h(
        "tbody",
        { class: "team", dataset: { team: key } },
        h("tr", { class: "team-row" }, h("th", { scope: "rowgroup", colspan: String(days.length + 1), class: "team-head" }, h("span", {}, m.teamName(key)), h("span", { class: "team-count" }, plural(groups.get(key).length, "person", "people")))),
        groups.get(key).map((e) => this.row(e, days, daySet, location)),
      ),
    );
    const empty = visible.length
      ? null
      : h("tbody", {}, h("tr", {}, h("td", { colspan: String(days.length + 1), class: "empty" }, "Nobody matches these filters.")));

    replace(this.table, head, lane, bodies, empty);
    this.table.style.setProperty("--days", String(days.length));
    // The open lane sticks under the day headers, so open shifts stay in reach while scrolling.
    this.table.style.setProperty("--head-h", `${head.getBoundingClientRect().height}px`);
  }

  row(e, days, daySet, location) {
    const m = this.app.model;
    const statuses = this.statusByEmployee.get(e.id) || new Map();
    const shifts = (m.shiftsByEmployee.get(e.id) || []).filter((s) => daySet.has(localDate(s.start)));
    const byDay = groupByDay(shifts);
    const problems = [...statuses.values()].filter((s) => s !== "ok");
    const blocks = problems.filter((s) => s === "block").length;
    const warns = problems.length - blocks;
    const roles = (e.roleIds || []).map((r) => m.roleName(r)).join(", ");
    const sub = [e.title || roles, m.locationShort(e.locationId)].filter(Boolean).join(" · ");
    return h(
      "tr",
      { class: "person-row", dataset: { emp: e.id } },
      h(
        "th",
        { scope: "row", class: "who" },
        h(
          "button",
          { type: "button", class: "person", dataset: { emp: e.id }, title: "Drag onto a shift to assign, or click for details", "aria-label": `${e.name || e.id}: details` },
          h("span", { class: "grip" }, icon("grip")),
          h("span", { class: "who-name" }, e.name || e.id),
          blocks ? h("span", { class: "mini st-block", title: `${plural(blocks, "blocked shift")}` }, icon("block"), String(blocks)) : null,
          warns ? h("span", { class: "mini st-warn", title: `${plural(warns, "shift")} with a warning` }, icon("warn"), String(warns)) : null,
        ),
        h("span", { class: "who-sub" }, sub),
        h("span", { class: "drop-mark", "aria-hidden": "true" }),
      ),
      days.map((d) =>
        h(
          "td",
          { class: dayLabel(d).weekend ? "cell weekend" : "cell", dataset: { day: d } },
          (byDay.get(d) || []).map((s) => this.chip(s, e.id, statuses.get(s.id) || "ok", location && s.locationId !== location)),
        ),
      ),
    );
  }

  /** A shift chip. `employeeId` is the row's person (null in the open lane). */
  chip(shift, employeeId, status, elsewhere = false) {
    const m = this.app.model;
    const people = new Set(shift.assigned || []).size;
    const findings = this.shiftFindings.get(shift.id) || [];
    const role = m.roleCode(shift.roleId);
    const what = role || shift.label || shift.id;
    const where = m.locationShort(shift.locationId);
    const st = status || "open";
    const names = (shift.assigned || []).map((e) => m.employeeName(e));
    const label = [
      `${shortDate(localDate(shift.start))} ${shiftTimes(shift)}`,
      shift.label || null,
      m.roleName(shift.roleId),
      m.locationName(shift.locationId),
      people ? `${plural(people, "person", "people")}: ${names.join(", ")}` : "open, nobody assigned",
      status ? `${STATUS_WORD[status]} for ${m.employeeName(employeeId)}` : null,
      findings.length ? findings.map((f) => f.message).join("; ") : null,
      "Enter to assign or move",
    ]
      .filter(Boolean)
      .join(". ");
    const night = Number(shift.start.slice(11, 13)) >= 17 || localDate(shift.end) !== localDate(shift.start);
    return h(
      "button",
      {
        type: "button",
        class: ["chip", `st-${st}`, status ? "" : "chip-open", elsewhere ? "elsewhere" : "", findings.length ? "has-finding" : ""],
        dataset: { shift: shift.id, emp: employeeId || undefined },
        "aria-label": label,
      },
      h(
        "span",
        { class: "chip-top" },
        h("span", { class: "chip-time" }, compactTimes(shift)),
        status ? h("span", { class: "chip-ppl", title: names.join(", ") }, icon("person"), String(people)) : null,
      ),
      h("span", { class: "chip-mid" }, h("span", { class: "chip-role" }, what), status && status !== "ok" ? icon(status, "chip-st") : null),
      h("span", { class: "chip-loc" }, night ? icon("moon", "tod") : null, where),
      findings.length ? h("span", { class: "chip-flag" }, icon("block"), findings[0].kind === "crewShortfall" ? "Crew short" : findings[0].kind) : null,
    );
  }

  renderSummary(counts) {
    const v = this.app.validation;
    const total = counts.ok + counts.warn + counts.block;
    const findings = v?.findings?.length || 0;
    replace(
      $("#summary"),
      h("span", {}, `${plural(total, "assignment")}:`),
      h("span", { class: "sum st-ok" }, icon("ok"), `${counts.ok} ok`),
      h("span", { class: "sum st-warn" }, icon("warn"), `${counts.warn} warn`),
      h("span", { class: "sum st-block" }, icon("block"), `${counts.block} blocked`),
      findings ? h("span", { class: "sum st-block" }, icon("shield"), plural(findings, "shift finding")) : null,
    );
  }

  /** Briefly highlights the chip(s) an edit touched. */
  flash({ employeeId, shiftId }) {
    const sel = employeeId ? `tr[data-emp="${CSS.escape(employeeId)}"] .chip[data-shift="${CSS.escape(shiftId)}"]` : `.chip[data-shift="${CSS.escape(shiftId)}"]`;
    for (const chip of $$(sel, this.table)) {
      chip.classList.add("flash");
      chip.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  // ---- click, keyboard and hover -----------------------------------------------------------

  onClick(ev) {
    if (performance.now() < this.suppressClickUntil) return;
    const chip = ev.target.closest(".chip");
    if (chip) return this.app.shiftDialog.open(chip.dataset.shift, { fromEmployee: chip.dataset.emp || null, returnFocus: chip });
    const person = ev.target.closest(".person");
    if (person) return this.app.panel.open(person.dataset.emp, person);
  }

  /**
   * Hovering or focusing a chip explains it: the row person's verdict and reasons, or for an
   * open shift, how many people can take it (one `candidateStatuses` call).
   */
  onHover(ev) {
    if (this.drag || this.pending) return;
    const chip = ev.target.closest?.(".chip");
    clearTimeout(this.hoverTimer);
    if (!chip) return;
    this.hoverTimer = setTimeout(() => {
      if (!chip.isConnected || this.drag) return;
      const app = this.app;
      const m = app.model;
      const { emp, shift } = chip.dataset;
      const s = m.shiftById.get(shift);
      if (!s) return;
      const findings = (this.shiftFindings.get(shift) || []).map((f) => ({ severity: f.severity, kind: f.kind, message: f.message }));
      const title = `${s.label ? s.label + " · " : ""}${m.shiftLabel(s)}`;
      let info;
      if (emp) {
        const verdict = app.engine.check(emp, shift);
        const others = (s.assigned || []).filter((e) => e !== emp).map((e) => m.employeeName(e));
        info = {
          status: verdict.status,
          title: `${m.employeeName(emp)} · ${title}`,
          reasons: [...sortReasons(verdict.reasons), ...findings],
          hint: others.length ? `With ${others.join(", ")}.` : "Alone on this shift.",
        };
      } else {
        const counts = [0, 0, 0];
        for (const code of app.engine.candidateStatuses(shift)) if (code < 3) counts[code]++;
        info = {
          status: "neutral",
          title,
          reasons: findings,
          hint: `${plural(counts[0], "person", "people")} can work it, ${counts[1]} with a warning, ${counts[2]} blocked. Drag it onto someone, or press Enter to pick.`,
        };
      }
      const r = chip.getBoundingClientRect();
      this.showTip(info, r.left, r.bottom + 4);
    }, ev.type === "focusin" ? 0 : 300);
  }

  onHoverOut(ev) {
    if (this.drag) return;
    if (ev.target.closest?.(".chip") && !ev.relatedTarget?.closest?.(".chip")) {
      clearTimeout(this.hoverTimer);
      this.hideTip();
    }
  }

  // ---- drag and drop -----------------------------------------------------------------------

  onPointerDown(ev) {
    if (ev.button !== 0 || !this.app.engine || this.drag) return;
    const chip = ev.target.closest(".chip");
    const person = chip ? null : ev.target.closest(".person");
    if (!chip && !person) return;
    this.pending = { x: ev.clientX, y: ev.clientY, chip, person, pointerId: ev.pointerId };
    window.addEventListener("pointermove", this.onPointerMove);
    window.addEventListener("pointerup", this.onPointerUp);
    window.addEventListener("pointercancel", this.onPointerUp);
    window.addEventListener("keydown", this.onKeyDuringDrag, true);
  }

  onPointerMove(ev) {
    if (!this.drag) {
      const p = this.pending;
      if (!p || Math.hypot(ev.clientX - p.x, ev.clientY - p.y) < DRAG_THRESHOLD) return;
      this.beginDrag(p);
    }
    ev.preventDefault();
    const d = this.drag;
    d.x = ev.clientX;
    d.y = ev.clientY;
    d.ghost.style.transform = `translate(${d.x - d.grabX}px, ${d.y - d.grabY}px)`;
    this.updateTarget(d.x, d.y);
    this.autoScroll(d.x, d.y);
  }

  onPointerUp(ev) {
    const d = this.drag;
    this.stopListening();
    this.pending = null;
    if (!d) return;
    this.suppressClickUntil = performance.now() + 400;
    if (ev.type === "pointerup") this.updateTarget(ev.clientX, ev.clientY);
    const target = ev.type === "pointerup" ? d.target : null;
    this.endDrag();
    if (target) this.drop(d, target);
  }

  onKeyDuringDrag(ev) {
    if (ev.key !== "Escape") return;
    ev.preventDefault();
    ev.stopPropagation();
    this.stopListening();
    this.pending = null;
    if (this.drag) {
      this.suppressClickUntil = performance.now() + 400;
      this.endDrag();
    }
  }

  stopListening() {
    window.removeEventListener("pointermove", this.onPointerMove);
    window.removeEventListener("pointerup", this.onPointerUp);
    window.removeEventListener("pointercancel", this.onPointerUp);
    window.removeEventListener("keydown", this.onKeyDuringDrag, true);
  }

  beginDrag(p) {
    const app = this.app;
    const m = app.model;
    this.hideTip();
    clearTimeout(this.hoverTimer);
    const marked = [];
    const mark = (el, ...classes) => {
      el.classList.add(...classes);
      marked.push([el, classes]);
    };
    let d;
    if (p.chip) {
      const shiftId = p.chip.dataset.shift;
      const shift = m.shiftById.get(shiftId);
      d = { kind: "shift", shiftId, fromEmployee: p.chip.dataset.emp || null, fromDay: localDate(shift.start), source: p.chip };
      // The fast path: one call for every person's status on this shift.
      const statuses = app.engine.candidateStatuses(shiftId);
      const assigned = new Set(shift.assigned || []);
      for (const tr of this.table.querySelectorAll("tr[data-emp]")) {
        const e = tr.dataset.emp;
        if (assigned.has(e)) {
          mark(tr, e === d.fromEmployee ? "drag-source-row" : "drop-none");
          continue;
        }
        const status = STATUS_BY_CODE[statuses[app.employeeIndex.get(e)]] || "block";
        mark(tr, "drop-row", `drop-${status}`);
        const landing = tr.querySelector(`td[data-day="${d.fromDay}"]`);
        if (landing) mark(landing, "landing", `drop-${status}`);
      }
      if (d.fromEmployee) mark(this.table.querySelector("tr[data-lane]"), "drop-unassign");
      d.ghost = p.chip.cloneNode(true);
      d.ghost.classList.remove("flash", "drop-hover");
      mark(p.chip, "drag-source");
    } else {
      const employeeId = p.person.dataset.emp;
      d = { kind: "person", employeeId, source: p.person };
      const ei = app.employeeIndex.get(employeeId);
      const byShift = new Map();
      for (const chip of this.table.querySelectorAll(".chip[data-shift]")) {
        const s = chip.dataset.shift;
        if (m.isAssigned(employeeId, s)) continue;
        if (!byShift.has(s)) byShift.set(s, STATUS_BY_CODE[app.engine.statusAt(ei, app.shiftIndex.get(s))] || "block");
        mark(chip, "drop-chip", `drop-${byShift.get(s)}`);
      }
      mark(p.person.closest("tr"), "drag-source-row");
      d.ghost = h("div", { class: "person-ghost" }, icon("person"), m.employeeName(employeeId));
    }
    // The ghost stays under the pointer where it was grabbed; the verdict shows beside it.
    const box = (p.chip || p.person).getBoundingClientRect();
    d.grabX = p.chip ? Math.min(p.x - box.left, 110) : 12;
    d.grabY = p.chip ? p.y - box.top : 12;
    d.ghost.classList.add("ghost");
    d.ghost.removeAttribute("aria-label");
    d.ghost.setAttribute("aria-hidden", "true");
    document.body.append(d.ghost);
    document.body.classList.add("is-dragging", `drag-${d.kind}`);
    d.marked = marked;
    d.cache = new Map();
    d.target = null;
    d.hoverMarked = [];
    this.drag = d;
  }

  endDrag() {
    const d = this.drag;
    if (!d) return;
    clearTimeout(d.scrollTimer);
    for (const [el, classes] of d.marked) el.classList.remove(...classes);
    this.clearHover(d);
    d.ghost.remove();
    document.body.classList.remove("is-dragging", "drag-shift", "drag-person");
    this.hideTip();
    this.drag = null;
  }

  clearHover(d) {
    for (const [el, classes] of d.hoverMarked) el.classList.remove(...classes);
    d.hoverMarked = [];
  }

  /** What is under the pointer, as a drop target (or null). */
  resolveTarget(el) {
    const d = this.drag;
    const m = this.app.model;
    if (!el || !this.table.contains(el)) return null;
    if (d.kind === "person") {
      const chip = el.closest(".chip[data-shift]");
      if (!chip) return null;
      const s = chip.dataset.shift;
      if (m.isAssigned(d.employeeId, s)) return { type: "none", key: `none|${s}`, el: chip, employeeId: d.employeeId, shiftId: s };
      return { type: "assign", key: `assign|${d.employeeId}|${s}`, el: chip, employeeId: d.employeeId, shiftId: s };
    }
    const tr = el.closest("tr[data-emp], tr[data-lane]");
    if (!tr) return null;
    const td = el.closest("td[data-day]");
    const day = td?.dataset.day;
    if (tr.dataset.lane) {
      if (d.fromEmployee) return { type: "unassign", key: "unassign", el: tr, employeeId: d.fromEmployee, shiftId: d.shiftId };
      if (day && day !== d.fromDay) return { type: "move", key: `move|${day}`, el: td, day, shiftId: d.shiftId };
      return null;
    }
    const e = tr.dataset.emp;
    if (e === d.fromEmployee) {
      if (day && day !== d.fromDay) return { type: "move", key: `move|${day}`, el: td, day, shiftId: d.shiftId };
      return null;
    }
    if (m.isAssigned(e, d.shiftId)) return { type: "none", key: `none|${e}`, el: tr, employeeId: e, shiftId: d.shiftId };
    return { type: "assign", key: `assign|${e}|${d.shiftId}`, el: tr.querySelector(`td[data-day="${d.fromDay}"]`) || tr, row: tr, employeeId: e, shiftId: d.shiftId };
  }

  /** Full verdict for one target: computed once per target per drag. */
  describe(target) {
    const d = this.drag;
    const app = this.app;
    const m = app.model;
    if (d.cache.has(target.key)) return d.cache.get(target.key);
    let info;
    if (target.type === "assign") {
      const v = app.engine.check(target.employeeId, target.shiftId);
      const moving = d.kind === "shift" && d.fromEmployee ? ` (from ${m.employeeName(d.fromEmployee)})` : "";
      info = {
        status: v.status,
        title: `${v.status === "block" ? "Cannot assign" : "Assign"} ${m.employeeName(target.employeeId)} to ${m.shiftLabel(target.shiftId)}${moving}`,
        reasons: sortReasons(v.reasons),
        hint: v.status === "block" ? "Dropping here is refused; you can then override with a reason." : "",
      };
    } else if (target.type === "move") {
      const shift = m.shiftById.get(target.shiftId);
      const n = daysBetween(d.fromDay, target.day);
      const start = shiftInstant(shift.start, n);
      const end = shiftInstant(shift.end, n);
      const verdicts = app.placementVerdicts(target.shiftId, start, end);
      const status = worstStatus(verdicts.map((v) => v.status));
      info = {
        status,
        title: `Move to ${shortDate(target.day)} ${shiftTimes({ start, end })}` + (verdicts.length ? ` (${plural(verdicts.length, "person", "people")})` : ""),
        reasons: verdicts.flatMap((v) => sortReasons(v.reasons).map((r) => ({ ...r, message: `${m.employeeName(v.employeeId)}: ${r.message}` }))),
        start,
        end,
      };
    } else if (target.type === "unassign") {
      info = { status: "neutral", title: `Unassign ${m.employeeName(target.employeeId)} (back to open shifts)`, reasons: [] };
    } else {
      info = { status: "neutral", title: `${m.employeeName(target.employeeId)} is already on this shift`, reasons: [] };
    }
    d.cache.set(target.key, info);
    return info;
  }

  updateTarget(x, y) {
    const d = this.drag;
    const target = this.resolveTarget(document.elementFromPoint(x, y));
    if (target?.key !== d.target?.key) {
      this.clearHover(d);
      d.target = target;
      if (target) {
        const info = this.describe(target);
        const classes = ["drop-hover"];
        if (target.type === "move") classes.push(`drop-${info.status}`);
        target.el.classList.add(...classes);
        d.hoverMarked.push([target.el, classes]);
        if (target.row) {
          target.row.classList.add("row-hover");
          d.hoverMarked.push([target.row, ["row-hover"]]);
        }
        this.showTip(info, ...this.tipPoint(x, y));
      } else {
        this.hideTip();
      }
    }
    if (d.target) this.placeTip(...this.tipPoint(x, y));
  }

  /**
   * Scrolls the board while the pointer rests near an edge of its scrolling area (after a short
   * pause, so that passing through an edge on the way to a target does not scroll).
   */
  /** Where the verdict tooltip goes: right of the ghost, level with the pointer. */
  tipPoint(x, y) {
    const d = this.drag;
    const right = d.ghost.offsetWidth - d.grabX;
    return [x + right + 10, y - 12, x - d.grabX - 10];
  }

  autoScroll(x, y) {
    const d = this.drag;
    const wrap = $("#board-wrap");
    const r = wrap.getBoundingClientRect();
    const top = this.table.querySelector("tr[data-lane]")?.getBoundingClientRect().bottom ?? r.top;
    const left = this.table.querySelector("th.corner")?.getBoundingClientRect().right ?? r.left;
    const band = 28;
    d.scrollDir = {
      dx: x > r.right - band ? 16 : x > left && x < left + band ? -16 : 0,
      dy: y > r.bottom - band ? 16 : y > top && y < top + band ? -16 : 0,
    };
    if ((d.scrollDir.dx || d.scrollDir.dy) && !d.scrollTimer) {
      const tick = () => {
        const cur = this.drag;
        if (!cur || (!cur.scrollDir.dx && !cur.scrollDir.dy)) {
          if (cur) cur.scrollTimer = 0;
          return;
        }
        wrap.scrollBy(cur.scrollDir.dx, cur.scrollDir.dy);
        this.updateTarget(cur.x, cur.y);
        cur.scrollTimer = setTimeout(tick, 30);
      };
      d.scrollTimer = setTimeout(tick, 350);
    }
  }

  drop(d, target) {
    const app = this.app;
    const info = d.cache.get(target.key);
    if (target.type === "assign") app.assign(target.employeeId, target.shiftId, { fromEmployee: d.kind === "shift" ? d.fromEmployee : null });
    else if (target.type === "move") app.move(target.shiftId, info.start, info.end);
    else if (target.type === "unassign") app.unassign(target.employeeId, target.shiftId);
  }

  // ---- the tooltip -------------------------------------------------------------------------

  showTip(info, x, y, altX = null) {
    const reasons = info.reasons || [];
    const shown = reasons.slice(0, 5);
    const word = info.status === "neutral" ? "" : STATUS_WORD[info.status];
    replace(
      this.tip,
      h("div", { class: `tip-head st-${info.status}` }, info.status !== "neutral" ? icon(info.status) : null, word ? h("span", { class: "tip-word" }, word) : null, h("span", { class: "tip-title" }, info.title)),
      shown.length ? h("ul", { class: "tip-reasons" }, shown.map((r) => h("li", { class: `sev-${r.severity}` }, icon(r.severity === "block" ? "block" : r.severity === "warn" ? "warn" : "info"), h("span", {}, r.message)))) : null,
      reasons.length > shown.length ? h("p", { class: "tip-more" }, `and ${reasons.length - shown.length} more`) : null,
      info.hint ? h("p", { class: "tip-hint" }, info.hint) : null,
      !reasons.length && info.status === "ok" ? h("p", { class: "tip-hint" }, "Every requirement is met.") : null,
    );
    this.tip.className = `drag-tip tip-${info.status}`;
    this.tip.hidden = false;
    this.placeTip(x, y, altX);
  }

  /** Places the tooltip at (x, y); when it would leave the window on the right, it ends at `altX`. */
  placeTip(x, y, altX = null) {
    const w = this.tip.offsetWidth;
    const hgt = this.tip.offsetHeight;
    let left = x;
    if (left + w > window.innerWidth - 8) left = altX !== null && altX - w > 4 ? altX - w : window.innerWidth - w - 8;
    left = Math.max(4, left);
    const top = Math.max(4, y + hgt > window.innerHeight - 8 ? window.innerHeight - hgt - 8 : y);
    this.tip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }

  hideTip() {
    this.tip.hidden = true;
  }
}

function groupByDay(shifts) {
  const out = new Map();
  for (const s of shifts) {
    const d = localDate(s.start);
    if (!out.has(d)) out.set(d, []);
    out.get(d).push(s);
  }
  for (const list of out.values()) list.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return out;
}
