// The roster board: people as rows (grouped by team), days as columns, shifts as chips, open
// shifts in their own lane; and drag and drop with a verdict on every target while the pointer
// moves.
//
// The board is virtualised: only the rows in view, and a few hundred pixels more above and
// below, are in the DOM (every row when there are at most ALL_ROWS_UP_TO); two spacer rows
// stand for the others, with heights from each row's measured height (or an estimate from its
// chips until it has been drawn). Scrolling draws the rows that come into view and removes the
// ones that leave, a few a task (`scrolled`: the rest, and their measuring, in the tasks after
// the frames that lay them out); a filter makes the list again and draws it the same way; an
// edit redraws the rows of the people it touched, nothing else. The days
// are windowed already: at most 14 columns (‹ › page through longer rosters).
//
// The drag path is built for speed: on drag start one `candidateStatuses(shiftId)` call (or one
// `statusAt` per shift on screen when a person is dragged) gives every target's colour, and
// rows drawn later in the drag (scrolling) are coloured from the same answer as they are drawn;
// the full `check` runs only for the target under the pointer, once per target, for its
// reasons.
import { $, $$, h, icon, replace, STATUS_BY_CODE, STATUS_WORD, count, plural } from "./dom.js";
import { addDays, compactTimes, dayLabel, daysBetween, localDate, shiftInstant, shiftTimes, shortDate } from "./model.js";
import { reasonText, sortReasons, worstStatus } from "./verdicts.js";

const MAX_DAYS = 14;
const DRAG_THRESHOLD = 4;
/** Up to this many rows (team headings included) the board draws them all. */
const ALL_ROWS_UP_TO = 150;
/** Rows drawn beyond each edge of the view, in pixels (rows come in the scroll event, before the frame is painted). */
const OVERSCAN = 200;
/** Heights until a row has been measured (the first measured ones replace them). */
const GUESS = { team: 27, row: 58 };
/**
 * A new board's first drawing (`drawInSteps`): the rows its first step draws, the time a
 * step's script aims at, and the most rows a step draws. The frame after a step styles, lays
 * out and paints its rows in several times its script's time (14 rows, drawn in 2.5 ms, took
 * a 61–76 ms frame on the §5 board: 870 elements styled, 1,425 layout objects), so the
 * script's time alone sets too many: a step draws at most a wheel's turn of rows.
 */
const ROWS_FIRST_STEP = 3;
const STEP_MS = 8;
const ROWS_A_STEP = 5;
/** The script time a scroll's task aims at for the rows it draws (`scrolled`); its frame lays them out. */
const SCROLL_MS = 10;
/** Up to this many new rows a scroll draws and measures in its own task (a wheel's turn brings 4–6). */
const SCROLL_AT_ONCE = 8;
/** What a drag adds to rows, cells and chips (taken off at its end). */
const DRAG_CLASSES = ["drop-row", "drop-ok", "drop-warn", "drop-block", "drop-none", "drag-source-row", "drag-source", "landing", "drop-chip", "drop-unassign"];
const DRAG_SELECTOR = DRAG_CLASSES.map((c) => "." + c).join(", ");

export class Board {
  constructor(app) {
    this.app = app;
    this.table = $("#board");
    this.wrap = $("#board-wrap");
    this.tip = $("#drag-tip");
    this.windowStart = null;
    this.pending = null;
    this.drag = null;
    this.suppressClickUntil = 0;
    this.hoverTimer = 0;
    this.items = [];
    this.rows = new Map(); // item index -> its <tr>, for the rows in the DOM
    /** Rows drawn by a step of `drawInSteps`, measured by the next step; `limit`: rows a step draws (0: all). */
    this.unmeasured = [];
    this.limit = 0;
    this.first = 0;
    this.last = 0;
    this.measured = new Map(); // item key -> measured height, while the days on show stay
    this.shortDates = new Map(); // yyyy-mm-dd -> "Mon 1 Feb"
    this.guess = { ...GUESS };
    /** Shift ids chosen with Shift-click: dragged together, moved in one batch. */
    this.selected = new Set();

    this.onPointerMove = this.onPointerMove.bind(this);
    this.onPointerUp = this.onPointerUp.bind(this);
    this.onKeyDuringDrag = this.onKeyDuringDrag.bind(this);
    this.table.addEventListener("pointerdown", (ev) => this.onPointerDown(ev));
    this.table.addEventListener("click", (ev) => this.onClick(ev));
    this.table.addEventListener("keydown", (ev) => this.onChipKey(ev));
    this.table.addEventListener("keyup", (ev) => this.onChipKey(ev));
    this.table.addEventListener("pointerover", (ev) => this.onHover(ev));
    this.table.addEventListener("pointerout", (ev) => this.onHoverOut(ev));
    this.table.addEventListener("focusin", (ev) => this.onHover(ev));
    this.table.addEventListener("focusout", () => this.hideTip());
    // Scroll events come once a frame at most: the rows in view are drawn before it is painted,
    // a few a task (`scrolled`).
    this.wrap.addEventListener("scroll", () => this.scrolled(), { passive: true });
    new ResizeObserver((entries) => {
      // The view's height, kept here: reading clientHeight after a change to the rows would
      // lay out the page in that task (a filter's new list: decision 129).
      this.viewH = entries.at(-1)?.contentRect.height || 0;
      if (!this.body?.isConnected) return;
      this.measureTop();
      this.updateWindow();
    }).observe(this.wrap);
    // Escape clears the selection (a drag's own Escape cancels the drag first).
    document.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape" && !this.drag && this.selected.size && !ev.target.closest?.("dialog[open]")) this.clearSelected();
    });
    $("#week-prev").addEventListener("click", () => this.page(-7));
    $("#week-next").addEventListener("click", () => this.page(7));
  }

  // ---- drawing -----------------------------------------------------------------------------

  /** The days on show: the whole roster when it is short, else a 14-day window. */
  computeDays() {
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

  /** After a load: the top of the board, every height to measure again. */
  reset() {
    this.windowStart = null;
    this.selected.clear();
    $("#selection-info").textContent = "";
    this.measured.clear();
    this.wrap.scrollTop = 0;
  }

  /**
   * Draws the board: the day headers, the open lane, the list of rows (filtered, grouped by
   * team) and the rows in view. The scroll position stays. `{rows: false}` leaves the rows to
   * a later `updateWindow()` (a load draws them in a task of their own).
   */
  render({ rows = true } = {}) {
    this.unmeasured = [];
    const app = this.app;
    const m = app.model;
    if (!m) return;
    const days = this.computeDays();
    const key = days[0] + "/" + days.length;
    if (key !== this.daysKey) this.measured.clear();
    this.daysKey = key;
    this.span = m.firstDay() + "/" + m.lastDay();
    this.days = days;
    this.daySet = new Set(days);
    // Per day, computed once a render rather than once a cell.
    this.cellClass = new Map(days.map((d) => [d, dayLabel(d).weekend ? "cell weekend" : "cell"]));
    this.renderSummary();

    const head = h(
      "thead",
      {},
      h(
        "tr",
        { "aria-rowindex": "1" },
        h("th", { class: "corner", scope: "col" }, "Person"),
        days.map((d) => {
          const l = dayLabel(d);
          return h("th", { scope: "col", class: l.weekend ? "day weekend" : "day", dataset: { day: d } }, h("span", { class: "wd" }, l.weekday), " ", h("span", { class: "dd" }, l.day));
        }),
      ),
    );
    this.lane = this.laneBody();
    this.newBody();
    replace(this.table, head, this.lane, this.body);
    this.table.setAttribute("aria-rowcount", String(this.items.length + 2));
    this.table.style.setProperty("--days", String(this.days.length));
    this.head = head;
    if (!rows) return;
    this.measureHead();
    this.updateWindow();
  }

  /** The list of rows (`listItems`), their heights, and an empty body for them (not in the page yet). */
  newBody() {
    this.unmeasured = [];
    this.items = this.listItems();
    this.indexOf = new Map();
    this.items.forEach((item, i) => this.indexOf.set(item.key, i));
    this.heights = new Float64Array(this.items.length);
    this.items.forEach((item, i) => (this.heights[i] = this.measured.get(item.key) ?? this.estimate(item)));
    this.sumHeights();

    const cols = String(this.days.length + 1);
    this.topSpacer = h("tr", { class: "spacer", "aria-hidden": "true" }, h("td", { colspan: cols }));
    this.bottomSpacer = h("tr", { class: "spacer", "aria-hidden": "true" }, h("td", { colspan: cols }));
    this.body = h("tbody", { class: "rows" }, this.topSpacer, this.bottomSpacer);
    if (!this.items.length) this.body.append(h("tr", {}, h("td", { colspan: cols, class: "empty" }, "Nobody matches these filters.")));
    this.rows = new Map();
    this.first = this.last = 0;
    // The list's height before any row is drawn: the scroll position stays.
    this.placeSpacers();
  }

  /**
   * The heights of the day headers and the open lane (a layout, when the page has not been
   * laid out since `render`).
   */
  measureHead() {
    // The open lane sticks under the day headers, so open shifts stay in reach while scrolling.
    this.table.style.setProperty("--head-h", `${this.head.getBoundingClientRect().height}px`);
    this.measureTop();
  }

  /**
   * A new board's first rows, a few a frame (SPEC §6: no task over 50 ms; the §5 board's rows
   * in view took 75–80 ms to build and lay out in one task): each step measures the rows the
   * frame before it laid out (no layout of its own) and draws the next few; the frame after it
   * lays them out, once. A step draws as many rows as the last one's time says fit in STEP_MS
   * (three of the §5 board's, a dozen of the sample's). After `render({rows: false})`;
   * `nextFrame` waits for a frame.
   */
  async drawInSteps(nextFrame) {
    await nextFrame();
    this.measureHead();
    this.limit = ROWS_FIRST_STEP;
    try {
      // A bound no board reaches (its rows in view, a row at least a step, and a step per measure).
      for (let n = 0; n < 1000; n++) {
        const start = performance.now();
        const done = this.updateWindow();
        const took = performance.now() - start;
        // Seen in the browser's performance tools (and e2e/large.test.mjs's task listing).
        performance.measure("credgate:rows step", { start, end: start + took });
        if (done) break;
        // The rows this step drew (none when it only measured) set the next step's number.
        if (this.unmeasured.length) this.limit = Math.max(1, Math.min(ROWS_A_STEP, Math.floor((this.unmeasured.length * STEP_MS) / Math.max(took, 0.5))));
        await nextFrame();
      }
    } finally {
      this.limit = 0;
    }
  }

  /**
   * The open shifts of the days on show (and the location filter): a pass over every shift
   * (100,000 of them in SPEC §5's data set), kept until an edit (`update`) or other days,
   * location or documents.
   */
  openShifts() {
    const m = this.app.model;
    const { location } = this.app.filters;
    const key = this.daysKey + "|" + location;
    if (this.open?.model !== m || this.open.key !== key) {
      this.open = { model: m, key, list: m.shifts.filter((s) => !(s.assigned || []).length && this.daySet.has(localDate(s.start)) && (!location || s.locationId === location)) };
    }
    return this.open.list;
  }

  /** The open lane: every shift of the days on show with nobody on it. */
  laneBody() {
    const open = this.openShifts();
    const openByDay = groupByDay(open);
    const lane = h(
      "tbody",
      { class: "lane" },
      h(
        "tr",
        { class: "lane-row", dataset: { lane: "open" }, "aria-rowindex": "2" },
        h("th", { scope: "row", class: "who lane-head" }, h("span", { class: "lane-title" }, icon("open"), "Open shifts"), h("span", { class: "who-sub" }, `${open.length} to fill`)),
        this.days.map((d) => h("td", { class: this.cellClass.get(d), dataset: { day: d } }, h("div", { class: "lane-cell" }, (openByDay.get(d) || []).map((s) => this.chip(s, null, null))))),
      ),
    );
    if (this.drag) this.decorate(lane.firstChild);
    return lane;
  }

  /** Where the rows start in the scrolled content: under the day headers and the open lane. */
  measureTop() {
    this.bodyTop = this.head.getBoundingClientRect().height + this.lane.getBoundingClientRect().height;
  }

  /** Whether a person passes the filters. */
  matches(e) {
    const { location, query, issuesOnly } = this.app.filters;
    if (query && !this.app.model.searchKey(e.id).includes(query)) return false;
    if (location && e.locationId !== location && !(this.app.model.shiftsByEmployee.get(e.id) || []).some((s) => s.locationId === location)) return false;
    if (issuesOnly && !this.app.statuses.hasProblems(e.id)) return false;
    return true;
  }

  /** The rows: people who pass the filters, grouped by team in the roster's team order. */
  listItems() {
    const m = this.app.model;
    const teamOrder = new Map(m.teams.map((t, i) => [t.id, i]));
    const groups = new Map();
    for (const e of m.employees) {
      if (!this.matches(e)) continue;
      const key = e.teamId && m.teamById.has(e.teamId) ? e.teamId : e.teamId || "";
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(e);
    }
    const keys = [...groups.keys()].sort((a, b) => (teamOrder.get(a) ?? 1e9) - (teamOrder.get(b) ?? 1e9) || String(a).localeCompare(String(b)));
    const items = [];
    for (const team of keys) {
      const people = groups.get(team);
      // A heading's key cannot be a person's id.
      items.push({ type: "team", key: "\u0000" + team, team, count: people.length });
      for (const e of people) items.push({ type: "person", key: e.id, e });
    }
    return items;
  }

  /**
   * A row's height before it is drawn: a heading's, or a row's with one chip a day (a day
   * with more is rare; the row's measured height replaces the guess once it is drawn).
   */
  estimate(item) {
    return item.type === "team" ? this.guess.team : this.guess.row;
  }

  /** offsets[i]: where row i starts, from the top of the first row. */
  sumHeights() {
    const n = this.heights.length;
    if (!this.offsets || this.offsets.length !== n + 1) this.offsets = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) this.offsets[i + 1] = this.offsets[i] + this.heights[i];
  }

  /** The row at `y` (from the top of the first row), clamped to the list. */
  indexAt(y) {
    const o = this.offsets;
    let lo = 0;
    let hi = this.items.length - 1;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (o[mid] <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The rows to draw at scroll position `top`: those in view and the overscan (every row of a short list). */
  wanted(top) {
    const n = this.items.length;
    if (n <= ALL_ROWS_UP_TO) return [0, n];
    return [this.indexAt(top - OVERSCAN), Math.min(n, this.indexAt(top + (this.viewH || this.wrap.clientHeight) - this.bodyTop + OVERSCAN) + 1)];
  }

  /**
   * Draws the rows in view and the overscan, removes the others, and measures the new ones.
   * Rows that stay are not touched (a focused chip keeps its focus). A measured height that
   * differs from its estimate above the view moves the scroll position by the difference, so
   * that what is in view stays put.
   */
  updateWindow(depth = 0) {
    if (!this.body || !this.body.isConnected) {
      this.topBefore = null;
      return true;
    }
    // Rows drawn by a step of `drawInSteps` and laid out since.
    if (this.unmeasured.length) this.measure(this.unmeasured.splice(0), this.indexAt(this.wrap.scrollTop), this.wrap.scrollTop);
    // The scroll position read before a change to the rows (`relist`), when there was one:
    // reading it after would lay out the changed page in this task.
    const top = this.topBefore ?? this.wrap.scrollTop;
    this.topBefore = null;
    let [first, last] = this.wanted(top);
    // A step of `drawInSteps`: at most `limit` new rows, beside the ones drawn.
    let complete = true;
    if (this.limit && last > first) {
      let f, l;
      if (first >= this.last || last <= this.first) {
        // Nothing drawn is kept (a load, a jump): the rows from the top of the view first.
        f = Math.min(Math.max(this.indexAt(top), first), last - 1);
        l = Math.min(last, f + this.limit);
      } else {
        // Beside the rows drawn: below them first (where a scroll down goes), then above.
        l = Math.min(last, Math.max(this.last, first) + this.limit);
        const below = Math.max(0, l - Math.max(this.last, first));
        f = Math.max(first, Math.min(this.first, last) - Math.max(0, this.limit - below));
      }
      complete = f === first && l === last;
      [first, last] = [f, l];
    }
    if (first === this.first && last === this.last) return complete;
    const anchor = this.indexAt(top);
    for (const [i, tr] of this.rows) {
      if (i < first || i >= last) {
        tr.remove();
        this.rows.delete(i);
      }
    }
    const keptFirst = Math.max(first, this.first);
    const keptLast = Math.min(last, this.last);
    const added = [];
    const build = (from, to) => {
      const frag = document.createDocumentFragment();
      for (let i = from; i < to; i++) {
        const tr = this.itemRow(i);
        this.rows.set(i, tr);
        added.push(i);
        frag.append(tr);
      }
      return frag;
    };
    if (keptFirst >= keptLast) {
      this.bottomSpacer.before(build(first, last));
    } else {
      this.rows.get(keptFirst).before(build(first, keptFirst));
      this.bottomSpacer.before(build(keptLast, last));
    }
    this.first = first;
    this.last = last;
    this.placeSpacers();
    // A step draws; the next one measures, after the frame has laid the rows out.
    if (this.limit) {
      this.unmeasured = added;
      return false;
    }
    // The heights moved the window's edges: draw what that brought into view.
    if (this.measure(added, anchor, top) && depth < 2) this.updateWindow(depth + 1);
    return true;
  }

  /**
   * A scroll (or a redraw of the rows, `redraw`): the rows it brings into view, at most
   * `scrollRows()` of them in this task, unmeasured (no layout read here); the frame lays them
   * out, and a task after it (`follow`) measures them and draws the next ones, until the window
   * is whole. A scroll of SPEC §5's board drew and measured every new row in the scroll's task
   * (a jump to the end: 22 rows, 89 ms; decision 124). A drag's scrolling draws at once (its
   * rows are coloured in the frame they come).
   */
  scrolled({ steps = false } = {}) {
    // A small board is drawn whole at once, as before; so are a few rows (a wheel's turn):
    // drawn, measured and laid out in the scroll's one frame, rather than in two or three.
    // A new list (`relist`, `steps`) is drawn in steps however few its rows: measuring them in
    // its task would lay out the whole new body there, then again in the frame.
    if (this.drag || this.small() || (!steps && !this.limit && !this.unmeasured.length && this.fresh() <= SCROLL_AT_ONCE)) return this.updateWindow();
    const outer = this.limit;
    this.limit = outer || this.scrollRows();
    let done = true;
    try {
      const start = performance.now();
      done = this.updateWindow();
      // Learnt from the rows this task drew: the time a row takes to build.
      if (this.unmeasured.length) this.rowMs = (performance.now() - start) / this.unmeasured.length;
    } finally {
      this.limit = outer;
    }
    // `drawInSteps` (a load) goes on by itself.
    if (!outer && (!done || this.unmeasured.length)) this.follow();
    return done;
  }

  /** A roster whose rows are all drawn at once, in one task (the sample's). */
  small() {
    return (this.app.model?.employees.length ?? 0) <= ALL_ROWS_UP_TO;
  }

  /** How many rows the window at the scroll position needs that are not drawn. */
  fresh() {
    if (!this.body?.isConnected) return 0;
    const [first, last] = this.wanted(this.topBefore ?? this.wrap.scrollTop);
    return last - first - Math.max(0, Math.min(last, this.last) - Math.max(first, this.first));
  }

  /**
   * Rows a scroll's task draws: as many as the last ones' time says fit in SCROLL_MS, and no
   * more than a wheel's turn draws at once (the frame that lays them out and paints them costs
   * several times their script: a filter of one person learnt a fast row from a heading and
   * its row, and clearing it drew 30 rows, 872 elements, in one frame; decision 129).
   */
  scrollRows() {
    return Math.max(2, Math.min(SCROLL_AT_ONCE, Math.floor(SCROLL_MS / Math.max(this.rowMs || 4, 0.2))));
  }

  /** After the next frame (the rows drawn laid out, no layout to redo): `scrolled` again. */
  follow() {
    if (this.followTimer) return;
    this.followTimer = -1;
    requestAnimationFrame(() => {
      this.followTimer = setTimeout(() => {
        this.followTimer = 0;
        if (!this.body?.isConnected) return;
        if (this.headDue) {
          this.headDue = false;
          this.measureHead();
        }
        this.scrolled();
      }, 0);
    });
  }

  /**
   * The board again (`render`) with its rows drawn a few a task like a scroll's, the first ones
   * in the task after this one's frame (the location filter: the open lane changes too).
   */
  redraw() {
    if (this.small()) return this.render();
    this.render({ rows: false });
    this.headDue = true;
    this.follow();
  }

  /**
   * The list of rows again, the days and the open lane as they are (the name and issue
   * filters): a new body, its rows drawn as a scroll draws them (the first few in this task).
   */
  relist() {
    if (!this.body?.isConnected) return this.render();
    const old = this.body;
    this.topBefore = this.wrap.scrollTop;
    this.newBody();
    old.replaceWith(this.body);
    this.table.setAttribute("aria-rowcount", String(this.items.length + 2));
    this.scrolled({ steps: true });
  }

  /**
   * Measures drawn rows (`added`, item indexes; one layout for all of them, none when the page
   * is laid out already) and keeps their heights; the rows above `anchor` that changed move the
   * scroll position (`top` before them). Whether a height differed from its estimate.
   */
  measure(added, anchor, top) {
    let shift = 0;
    let changed = false;
    for (const i of added) {
      const tr = this.rows.get(i);
      if (!tr) continue;
      const height = tr.getBoundingClientRect().height;
      this.measured.set(this.items[i].key, height);
      if (Math.abs(height - this.heights[i]) < 0.5) continue;
      if (i < anchor) shift += height - this.heights[i];
      this.heights[i] = height;
      changed = true;
    }
    if (changed) {
      shift += this.learn(anchor);
      this.sumHeights();
      this.placeSpacers();
      if (shift) this.wrap.scrollTop = top + shift;
    }
    return changed;
  }

  placeSpacers() {
    const above = this.offsets[this.first];
    const below = this.offsets[this.items.length] - this.offsets[this.last];
    this.topSpacer.hidden = !above;
    this.topSpacer.firstChild.style.height = `${above}px`;
    this.bottomSpacer.hidden = !below;
    this.bottomSpacer.firstChild.style.height = `${below}px`;
  }

  /**
   * The first measured heights of a plain row and a heading replace the guesses for the rows
   * not drawn yet; returns how much that moved the rows above `anchor`.
   */
  learn(anchor) {
    if (this.learned) return 0;
    let row = 0;
    let team = 0;
    for (const [i, tr] of this.rows) {
      const item = this.items[i];
      if (item.type === "team") team ||= this.heights[i];
      else if (!tr.querySelector("td.cell > .chip + .chip, .chip-flag")) row ||= this.heights[i];
    }
    if (!row || !team) return 0;
    this.learned = true;
    this.guess = { team, row };
    let shift = 0;
    for (let i = 0; i < this.items.length; i++) {
      if (this.measured.has(this.items[i].key)) continue;
      const height = this.estimate(this.items[i]);
      if (i < anchor) shift += height - this.heights[i];
      this.heights[i] = height;
    }
    return shift;
  }

  /** The <tr> of item `i`: a team heading or a person's row. */
  itemRow(i) {
    const item = this.items[i];
    if (item.type === "person") return this.row(item.e, i);
    const m = this.app.model;
    return h(
      "tr",
      { class: "team-row", dataset: { team: item.team }, "aria-rowindex": String(i + 3) },
      h("th", { colspan: String(this.days.length + 1), class: "team-head" }, h("span", {}, m.teamName(item.team)), h("span", { class: "team-count" }, plural(item.count, "person", "people"))),
    );
  }

  row(e, i) {
    const m = this.app.model;
    const st = this.app.statuses;
    const shifts = (m.shiftsByEmployee.get(e.id) || []).filter((s) => this.daySet.has(localDate(s.start)));
    const byDay = groupByDay(shifts);
    const { block: blocks, warn: warns } = st.counts(e.id);
    const location = this.app.filters.location;
    const roles = (e.roleIds || []).map((r) => m.roleName(r)).join(", ");
    const sub = [e.title || roles, m.locationShort(e.locationId)].filter(Boolean).join(" · ");
    const tr = h(
      "tr",
      { class: "person-row", dataset: { emp: e.id }, "aria-rowindex": String(i + 3) },
      h(
        "th",
        { scope: "row", class: "who" },
        h(
          "button",
          { type: "button", class: "person", dataset: { emp: e.id }, title: "Drag onto a shift to assign, or click for details", "aria-label": `${e.name || e.id}: details` },
          h("span", { class: "who-name" }, e.name || e.id),
          blocks ? h("span", { class: "mini st-block", title: `${plural(blocks, "blocked shift")}` }, String(blocks)) : null,
          warns ? h("span", { class: "mini st-warn", title: `${plural(warns, "shift")} with a warning` }, String(warns)) : null,
        ),
        h("span", { class: "who-sub" }, sub),
      ),
      this.days.map((d) =>
        h(
          "td",
          { class: this.cellClass.get(d), dataset: { day: d } },
          (byDay.get(d) || []).map((s) => this.chip(s, e.id, st.get(e.id, s.id), location && s.locationId !== location)),
        ),
      ),
    );
    if (this.drag) this.decorate(tr);
    return tr;
  }

  /**
   * A shift chip: a focusable `div` with `role="button"` (its keys: `onChipKey`) and one
   * element a line (the time, the role, the place, a shift finding's flag), its icons drawn by app.css from classes (no inline SVG), its full label
   * made when it is focused or hovered (`label`) rather than for every chip drawn: the §5 board
   * draws a few hundred chips a scroll, and each element is styled, laid out and painted in the
   * frame (decisions 129 and 132). Until then its name is its text and the status icons' alternative
   * text (app.css). `employeeId` is the row's person (null in the open lane).
   */
  chip(shift, employeeId, status, elsewhere = false) {
    const m = this.app.model;
    const findings = this.app.statuses.findings(shift.id);
    const st = status || "open";
    const night = Number(shift.start.slice(11, 13)) >= 17 || localDate(shift.end) !== localDate(shift.start) ? " night" : "";
    const chip = document.createElement("div");
    chip.setAttribute("role", "button");
    chip.tabIndex = 0;
    chip.className = `chip st-${st}${status ? "" : " chip-open"}${elsewhere ? " elsewhere" : ""}${findings.length ? " has-finding" : ""}${night}${this.selected.has(shift.id) ? " selected" : ""}`;
    if (this.selected.size) chip.setAttribute("aria-pressed", String(this.selected.has(shift.id)));
    chip.dataset.shift = shift.id;
    if (employeeId) chip.dataset.emp = employeeId;
    const top = line("chip-top", compactTimes(shift));
    if (status) top.dataset.ppl = String(new Set(shift.assigned || []).size);
    chip.append(top, line("chip-role", m.roleCode(shift.roleId) || shift.label || shift.id), line("chip-loc", m.locationShort(shift.locationId)));
    if (findings.length) chip.append(line("chip-flag", findings[0].kind === "crewShortfall" ? "Crew short" : findings[0].kind));
    return chip;
  }

  /** A chip's full accessible name (what `chip` used to build for each): set when it is first focused or hovered. */
  label(chip) {
    if (chip.hasAttribute("aria-label")) return;
    const m = this.app.model;
    const shift = m.shiftById.get(chip.dataset.shift);
    if (!shift) return;
    const employeeId = chip.dataset.emp || null;
    const status = employeeId ? this.app.statuses.get(employeeId, shift.id) : null;
    const findings = this.app.statuses.findings(shift.id);
    const people = new Set(shift.assigned || []).size;
    const names = (shift.assigned || []).map((e) => m.employeeName(e));
    const day = localDate(shift.start);
    if (!this.shortDates.has(day)) this.shortDates.set(day, shortDate(day));
    const label = [
      `${this.shortDates.get(day)} ${shiftTimes(shift)}`,
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
    chip.setAttribute("aria-label", label);
  }

  renderSummary() {
    const st = this.app.statuses;
    const counts = st.summary();
    const total = counts.ok + counts.warn + counts.block;
    const findings = st.findingCount;
    replace(
      $("#summary"),
      h("span", {}, `${plural(total, "assignment")}:`),
      h("span", { class: "sum st-ok" }, icon("ok"), `${count(counts.ok)} ok`),
      h("span", { class: "sum st-warn" }, icon("warn"), `${count(counts.warn)} warn`),
      h("span", { class: "sum st-block" }, icon("block"), `${count(counts.block)} blocked`),
      findings ? h("span", { class: "sum st-block" }, icon("shield"), plural(findings, "shift finding")) : null,
    );
  }

  /**
   * After an edit: the summary, the rows of `employeeIds` when they are drawn (and their
   * heights), and the open lane when `lane` says it changed. A full render only when the edit
   * changed which people pass the filters or which days the board spans.
   */
  update({ employeeIds = [], lane = false }) {
    const m = this.app.model;
    // An edit may open or fill a shift: the open lane's list is made again when drawn.
    this.open = null;
    // A move past the roster's first or last day changes the days on show.
    if (!this.body || m.firstDay() + "/" + m.lastDay() !== this.span) return this.render();
    for (const id of employeeIds) {
      const e = m.employeeById.get(id);
      if (e && this.matches(e) !== this.indexOf.has(id)) return this.render();
    }
    this.renderSummary();
    if (lane) {
      const next = this.laneBody();
      this.lane.replaceWith(next);
      this.lane = next;
      this.measureTop();
    }
    const top = this.wrap.scrollTop;
    const anchor = this.indexAt(top);
    let shift = 0;
    for (const id of employeeIds) {
      const i = this.indexOf.get(id);
      if (i === undefined) continue;
      this.measured.delete(id);
      const old = this.rows.get(i);
      let height = this.estimate(this.items[i]);
      if (old) {
        const tr = this.row(this.items[i].e, i);
        const focused = old.contains(document.activeElement) ? document.activeElement : null;
        old.replaceWith(tr);
        this.rows.set(i, tr);
        if (focused) refocus(focused, tr);
        height = tr.getBoundingClientRect().height;
        this.measured.set(id, height);
      }
      if (i < anchor) shift += height - this.heights[i];
      this.heights[i] = height;
    }
    this.sumHeights();
    this.placeSpacers();
    if (shift) this.wrap.scrollTop = top + shift;
    this.updateWindow();
  }

  /** Scrolls the board so that a person's row is drawn and in view (when the filters show it). */
  reveal(employeeId) {
    const i = this.indexOf?.get(employeeId);
    if (i === undefined) return null;
    const view = this.wrap.clientHeight - this.bodyTop;
    const y = this.offsets[i];
    const top = this.wrap.scrollTop;
    if (y < top || y + this.heights[i] > top + view) {
      this.wrap.scrollTop = Math.max(0, y - (view - this.heights[i]) / 2);
      this.updateWindow();
    }
    return this.rows.get(i) || null;
  }

  /**
   * Brings a person's chip of a shift into view (the 14-day window paged to its day when the
   * roster is long), highlights and focuses it. Answers the chip, or null when the filters hide it.
   */
  showShift(employeeId, shiftId) {
    const shift = this.app.model.shiftById.get(shiftId);
    if (!shift) return null;
    const day = localDate(shift.start);
    if (!this.days.includes(day) && !$("#week-nav").hidden) {
      this.windowStart = day;
      this.render();
    }
    this.flash({ employeeId, shiftId });
    const chip = $(`tr[data-emp="${CSS.escape(employeeId)}"] .chip[data-shift="${CSS.escape(shiftId)}"]`, this.table);
    chip?.focus({ preventScroll: true });
    return chip;
  }

  /** Briefly highlights the chip(s) an edit touched. */
  flash({ employeeId, shiftId }) {
    if (employeeId) this.reveal(employeeId);
    const sel = employeeId ? `tr[data-emp="${CSS.escape(employeeId)}"] .chip[data-shift="${CSS.escape(shiftId)}"]` : `.chip[data-shift="${CSS.escape(shiftId)}"]`;
    for (const chip of $$(sel, this.table)) {
      chip.classList.add("flash");
      chip.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  // ---- click, keyboard and hover -----------------------------------------------------------

  onClick(ev) {
    // The click a drag's release makes is not a click; a key's (Enter, Space: detail 0) always is.
    if (ev.detail > 0 && performance.now() < this.suppressClickUntil) return;
    const chip = ev.target.closest(".chip");
    if (chip && ev.shiftKey) return this.toggleSelected(chip.dataset.shift);
    if (chip) return this.app.shiftDialog.open(chip.dataset.shift, { fromEmployee: chip.dataset.emp || null, returnFocus: chip });
    const person = ev.target.closest(".person");
    if (person) return this.app.panel.open(person.dataset.emp, person);
  }

  /**
   * A chip is a focusable `div` with `role="button"` (a `<button>` is a flex box with an
   * anonymous box inside and the UA's styles: decision 132), so its keys are a button's: Enter
   * clicks on its keydown, Space on its keyup (its keydown would scroll the board). The click
   * goes to `onClick` with `detail` 0, as a key's on a button does.
   */
  onChipKey(ev) {
    if (ev.ctrlKey || ev.altKey || ev.metaKey || !ev.target.matches?.(".chip[role=button]")) return;
    const enter = ev.key === "Enter" && ev.type === "keydown";
    const space = ev.key === " ";
    if (!enter && !space) return;
    ev.preventDefault();
    if (enter || ev.type === "keyup") ev.target.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, shiftKey: ev.shiftKey, detail: 0 }));
  }

  /** Adds a shift to the selection, or takes it out (Shift-click). */
  toggleSelected(shiftId) {
    if (this.selected.has(shiftId)) this.selected.delete(shiftId);
    else this.selected.add(shiftId);
    this.markSelected();
  }

  clearSelected() {
    if (!this.selected.size) return;
    this.selected.clear();
    this.markSelected();
  }

  /** The chips in the DOM show the selection (only their classes change). */
  markSelected() {
    const any = this.selected.size > 0;
    for (const chip of this.table.querySelectorAll(".chip[data-shift]")) {
      const on = this.selected.has(chip.dataset.shift);
      chip.classList.toggle("selected", on);
      if (any) chip.setAttribute("aria-pressed", String(on));
      else chip.removeAttribute("aria-pressed");
    }
    $("#selection-info").textContent = any ? `${plural(this.selected.size, "shift")} selected: drag one of them to move all; Esc clears` : "";
  }

  /**
   * Hovering or focusing a chip explains it: the row person's verdict and reasons, or for an
   * open shift, how many people can take it (one `candidateStatuses` call).
   */
  onHover(ev) {
    const chip = ev.target.closest?.(".chip");
    if (chip && (ev.type === "focusin" || !this.drag)) this.label(chip);
    if (this.drag || this.pending) return;
    clearTimeout(this.hoverTimer);
    if (!chip) return;
    this.hoverTimer = setTimeout(() => {
      if (!chip.isConnected || this.drag) return;
      const app = this.app;
      const m = app.model;
      const { emp, shift } = chip.dataset;
      const s = m.shiftById.get(shift);
      if (!s) return;
      const findings = app.statuses.findings(shift).map((f) => ({ severity: f.severity, kind: f.kind, message: f.message }));
      const title = `${s.label ? s.label + " · " : ""}${m.shiftLabel(s)}`;
      let info;
      if (emp) {
        const verdict = app.engine.check(emp, shift);
        const others = (s.assigned || []).filter((e) => e !== emp).map((e) => m.employeeName(e));
        // An overLimit names what it counted; those shifts are marked on the row while the
        // tooltip is up (SPEC §8: `shiftIds`).
        this.markCounted(emp, verdict.reasons);
        info = {
          status: verdict.status,
          title: `${m.employeeName(emp)} · ${title}`,
          reasons: [...sortReasons(verdict.reasons).map((r) => (r.kind === "overLimit" ? { ...r, message: reasonText(r, m) } : r)), ...findings],
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
    // A new press is a new gesture: its click is a click, however soon after a drag's release
    // (only the click that release itself makes is swallowed).
    if (!this.drag) this.suppressClickUntil = 0;
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
    // One update a frame, however many moves come: the ghost's transform (the compositor moves
    // it: it has a layer of its own), then the target under the pointer. Nothing here reads a
    // layout that a write of the same task made dirty.
    if (!d.frame) d.frame = requestAnimationFrame(() => this.onFrame(d));
  }

  /** A drag's work for one frame: the ghost, the target under the pointer, the edge scrolling. */
  onFrame(d) {
    d.frame = 0;
    if (this.drag !== d) return;
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
    cancelAnimationFrame(d.frame);
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
    // Read before the rows are coloured: no layout to redo in the middle of the drag's start.
    const box = (p.chip || p.person).getBoundingClientRect();
    let d;
    if (p.chip) {
      const shiftId = p.chip.dataset.shift;
      const shift = m.shiftById.get(shiftId);
      // The fast path: one call for every person's status on this shift; the rows drawn later
      // in the drag take their colour from it too.
      d = { kind: "shift", shiftId, fromEmployee: p.chip.dataset.emp || null, fromDay: localDate(shift.start), statuses: app.engine.candidateStatuses(shiftId), assigned: new Set(shift.assigned || []) };
      // A selected chip carries the selection: the shifts move together, by whole days.
      if (this.selected.has(shiftId) && this.selected.size > 1) d.multi = [...this.selected].filter((id) => m.shiftById.has(id));
      d.ghost = p.chip.cloneNode(true);
      d.ghost.classList.remove("flash", "drop-hover", "selected");
      if (d.multi) d.ghost.append(h("span", { class: "ghost-count" }, `+${d.multi.length - 1}`));
    } else {
      const employeeId = p.person.dataset.emp;
      d = { kind: "person", employeeId, index: app.employeeIndex.get(employeeId), byShift: new Map() };
      d.ghost = h("div", { class: "person-ghost" }, icon("person"), m.employeeName(employeeId));
    }
    // The edge bands of the auto-scroll, read once (the lane's cells and the names are sticky:
    // they stay where they are while the board scrolls under the pointer).
    const r = this.wrap.getBoundingClientRect();
    d.bands = {
      top: this.table.querySelector("tr[data-lane] > th")?.getBoundingClientRect().bottom ?? r.top,
      left: this.table.querySelector("th.corner")?.getBoundingClientRect().right ?? r.left,
      right: r.right,
      bottom: r.bottom,
    };
    this.drag = d;
    for (const tr of this.table.querySelectorAll("tr[data-emp], tr[data-lane]")) this.decorate(tr);
    // The ghost stays under the pointer where it was grabbed; the verdict shows beside it.
    d.grabX = p.chip ? Math.min(p.x - box.left, 110) : 12;
    d.grabY = p.chip ? p.y - box.top : 12;
    d.ghost.classList.add("ghost");
    d.ghost.removeAttribute("aria-label");
    d.ghost.setAttribute("aria-hidden", "true");
    document.body.append(d.ghost);
    document.body.classList.add("is-dragging", `drag-${d.kind}`);
    // The closed-hand cursor restyles every chip and name (the cursor is inherited by their
    // insides): a task of its own, after the rows are coloured.
    d.cursorTimer = setTimeout(() => this.drag === d && document.body.classList.add("drag-cursor"), 0);
    d.cache = new Map();
    d.target = null;
    d.hoverMarked = [];
  }

  /**
   * A row's colours during a drag (at its start, or when the row is drawn later in it): for a
   * shift, each person's status from `candidateStatuses` on the row and its landing cell; for a
   * person, each chip's status (`statusAt`, once per shift).
   */
  decorate(tr) {
    const d = this.drag;
    const app = this.app;
    if (d.kind === "shift") {
      if (d.multi) {
        for (const chip of tr.querySelectorAll(".chip.selected")) chip.classList.add("drag-source");
        if (tr.dataset.emp === d.fromEmployee) tr.classList.add("drag-source-row");
        return;
      }
      if (tr.dataset.lane) {
        if (d.fromEmployee) tr.classList.add("drop-unassign");
        else tr.querySelector(`.chip[data-shift="${CSS.escape(d.shiftId)}"]`)?.classList.add("drag-source");
        return;
      }
      const e = tr.dataset.emp;
      if (d.assigned.has(e)) {
        tr.classList.add(e === d.fromEmployee ? "drag-source-row" : "drop-none");
        if (e === d.fromEmployee) tr.querySelector(`.chip[data-shift="${CSS.escape(d.shiftId)}"]`)?.classList.add("drag-source");
        return;
      }
      const status = STATUS_BY_CODE[d.statuses[app.employeeIndex.get(e)]] || "block";
      tr.classList.add("drop-row", `drop-${status}`);
      tr.querySelector(`td[data-day="${d.fromDay}"]`)?.classList.add("landing", `drop-${status}`);
      return;
    }
    if (tr.dataset.emp === d.employeeId) tr.classList.add("drag-source-row");
    for (const chip of tr.querySelectorAll(".chip[data-shift]")) {
      const s = chip.dataset.shift;
      if (app.model.isAssigned(d.employeeId, s)) continue;
      if (!d.byShift.has(s)) d.byShift.set(s, STATUS_BY_CODE[app.engine.statusAt(d.index, app.shiftIndex.get(s))] || "block");
      chip.classList.add("drop-chip", `drop-${d.byShift.get(s)}`);
    }
  }

  endDrag() {
    const d = this.drag;
    if (!d) return;
    clearTimeout(d.scrollTimer);
    cancelAnimationFrame(d.scrollFrame);
    cancelAnimationFrame(d.frame);
    for (const el of this.table.querySelectorAll(DRAG_SELECTOR)) el.classList.remove(...DRAG_CLASSES);
    this.clearHover(d);
    d.ghost.remove();
    document.body.classList.remove("is-dragging", "drag-shift", "drag-person");
    clearTimeout(d.cursorTimer);
    setTimeout(() => this.drag || document.body.classList.remove("drag-cursor"), 0);
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
    // Several shifts: a move by whole days, dropped on any day of the dragged chip's row.
    if (d.multi) {
      const own = d.fromEmployee ? tr.dataset.emp === d.fromEmployee : Boolean(tr.dataset.lane);
      return own && day && day !== d.fromDay ? { type: "moveMany", key: `moveMany|${day}`, el: td, day } : null;
    }
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
    } else if (target.type === "moveMany") {
      const n = daysBetween(d.fromDay, target.day);
      const moves = d.multi.map((id) => {
        const s = m.shiftById.get(id);
        return { shiftId: id, start: shiftInstant(s.start, n), end: shiftInstant(s.end, n) };
      });
      // The batch as the drop would apply it, judged as a whole (shifts that would overlap
      // each other are caught), nothing changed.
      const p = app.engine.preview(moves.map((mv) => ({ op: "moveShift", ...mv })));
      const verdicts = (p.changes?.verdicts || []).filter((c) => c.after);
      const status = p.errors?.length || p.refused ? "block" : worstStatus(verdicts.map((c) => c.after.status));
      info = {
        status,
        title: `Move ${plural(moves.length, "shift")} ${plural(Math.abs(n), "day")} ${n > 0 ? "later" : "earlier"}` + (p.refused ? " (refused: someone would be newly blocked)" : ""),
        reasons: [...(p.errors || []).map((e) => ({ severity: "block", message: e.message })), ...verdicts.flatMap((c) => sortReasons(c.after.reasons || []).filter((r) => r.severity !== "info").map((r) => ({ ...r, message: `${m.employeeName(c.employeeId)}: ${r.message}` })))],
        moves,
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
        if (target.type === "move" || target.type === "moveMany") classes.push(`drop-${info.status}`);
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
    d.ghostWidth ??= d.ghost.offsetWidth;
    const right = d.ghostWidth - d.grabX;
    return [x + right + 10, y - 12, x - d.grabX - 10];
  }

  autoScroll(x, y) {
    const d = this.drag;
    const wrap = this.wrap;
    // The lane's cells stick under the day headers (the row itself scrolls away): the band
    // starts under them. Measured at the drag's start (no layout read per move).
    const { top, left, right, bottom } = d.bands;
    const band = 28;
    d.scrollDir = {
      dx: x > right - band ? 16 : x > left && x < left + band ? -16 : 0,
      dy: y > bottom - band ? 16 : y > top && y < top + band ? -16 : 0,
    };
    if ((d.scrollDir.dx || d.scrollDir.dy) && !d.scrollTimer) {
      const tick = () => {
        const cur = this.drag;
        if (!cur || (!cur.scrollDir.dx && !cur.scrollDir.dy)) {
          if (cur) cur.scrollTimer = 0;
          return;
        }
        // In a frame: the scroll, the rows it brings into view, then the target under the
        // pointer, one layout for the three.
        cur.scrollFrame = requestAnimationFrame(() => {
          if (this.drag !== cur) return;
          wrap.scrollBy(cur.scrollDir.dx, cur.scrollDir.dy);
          this.updateWindow();
          this.updateTarget(cur.x, cur.y);
          cur.scrollTimer = setTimeout(tick, 30);
        });
      };
      d.scrollTimer = setTimeout(tick, 350);
    }
  }

  drop(d, target) {
    const app = this.app;
    const info = d.cache.get(target.key);
    if (target.type === "assign") app.assign(target.employeeId, target.shiftId, { fromEmployee: d.kind === "shift" ? d.fromEmployee : null });
    else if (target.type === "move") app.move(target.shiftId, info.start, info.end);
    else if (target.type === "moveMany" && app.moveMany(info.moves)?.applied) this.clearSelected();
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
    this.tipSize = null;
    this.placeTip(x, y, altX);
  }

  /** Places the tooltip at (x, y); when it would leave the window on the right, it ends at `altX`. */
  placeTip(x, y, altX = null) {
    // The tooltip's size is read once per content (showTip), not on every move.
    if (!this.tipSize) this.tipSize = [this.tip.offsetWidth, this.tip.offsetHeight];
    const [w, hgt] = this.tipSize;
    let left = x;
    if (left + w > window.innerWidth - 8) left = altX !== null && altX - w > 4 ? altX - w : window.innerWidth - w - 8;
    left = Math.max(4, left);
    const top = Math.max(4, y + hgt > window.innerHeight - 8 ? window.innerHeight - hgt - 8 : y);
    this.tip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }

  hideTip() {
    this.tip.hidden = true;
    this.markCounted(null, null);
  }

  /**
   * Marks (class `counted`) the chips of `employeeId`'s row that an `overLimit` reason of
   * `reasons` counted, and clears the previous marks.
   */
  markCounted(employeeId, reasons) {
    for (const chip of this.counted || []) chip.classList.remove("counted");
    this.counted = [];
    if (!employeeId) return;
    const rowEl = this.table.querySelector(`tr[data-emp="${CSS.escape(employeeId)}"]`);
    for (const r of reasons || []) {
      if (r.kind !== "overLimit" || !rowEl) continue;
      for (const id of r.shiftIds || []) {
        const chip = rowEl.querySelector(`.chip[data-shift="${CSS.escape(id)}"]`);
        if (chip) {
          chip.classList.add("counted");
          this.counted.push(chip);
        }
      }
    }
  }
}

/** One line of a chip: a span with its text. */
function line(cls, text) {
  const el = document.createElement("span");
  el.className = cls;
  el.textContent = text;
  return el;
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

/** Gives the focus to the element of `tr` that stands for `el` of the row it replaced. */
function refocus(el, tr) {
  const same = el.classList.contains("chip") ? tr.querySelector(`.chip[data-shift="${CSS.escape(el.dataset.shift)}"]`) : el.classList.contains("person") ? tr.querySelector(".person") : null;
  same?.focus({ preventScroll: true });
}
