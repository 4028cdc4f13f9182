// The credgate demo page: a roster board over the engine. This module owns the state (the
// engine, the page's reading of the documents, the filters) and the edits; board.js, panel.js,
// dialogs.js and tracking.js draw and take input.
import { $, $$, h, replace, icon, download, plural, STATUS_WORD } from "./dom.js";
import { Model, formatBound, localDate, shortDate } from "./model.js";
import { Statuses } from "./statuses.js";
import { nextFrame, parseSteps, runSteps, yieldToPage } from "./steps.js";
import { Board } from "./board.js";
import { Panel } from "./panel.js";
import { ShiftDialog, OverrideDialog } from "./dialogs.js";
import { Tracking } from "./tracking.js";
import { sortReasons, worstStatus } from "./verdicts.js";

const SAMPLE = { roster: "data/roster.json", credentials: "data/credentials.json" };
/** Problems listed in the load report at most (the title counts them all). */
const REPORT_ROWS = 200;
const OTHER = { roster: "credentials", credentials: "roster" };

class App {
  constructor() {
    this.Engine = null;
    this.engine = null;
    this.model = null;
    this.texts = { roster: null, credentials: null };
    this.names = { roster: "", credentials: "" };
    this.employeeIndex = new EngineIndex(() => undefined);
    this.shiftIndex = new EngineIndex(() => undefined);
    this.statuses = new Statuses(null, 0);
    /** A document loaded alone that waits for its partner: {kind, text, name, problems}. */
    this.pendingFile = null;
    this.queue = Promise.resolve();
    this.filters = { location: "", query: "", issuesOnly: false };
    this.asOfDate = null; // yyyy-mm-dd; the tracking views and panel read dates against it
    this.overrideBy = "";
    /** Beside the engine's undo history: each batch's ops, label and the page's copy before it. */
    this.history = { done: [], undone: [] };

    this.board = new Board(this);
    this.panel = new Panel(this);
    this.shiftDialog = new ShiftDialog(this);
    this.overrideDialog = new OverrideDialog(this);
    this.tracking = new Tracking(this);
  }

  async start() {
    this.bindChrome();
    try {
      const { loadEngine } = await import("./engine.js");
      this.Engine = await loadEngine();
    } catch (err) {
      console.warn("credgate: the engine package could not be loaded", err);
      $("#docs-info").textContent = "The engine is not built.";
      this.showLoadReport({
        status: "block",
        title: "The credgate package could not be loaded. Build it with `make pkg` (or run `make demo`), then reload.",
        problems: [{ document: "pkg", path: "pkg/web/credgate.js", message: String(err?.message || err) }],
      });
      return;
    }
    await this.loadSample();
    document.body.dataset.ready = "true";
  }

  // ---- loading ---------------------------------------------------------------------------

  async loadSample() {
    const fetchText = async (url) => {
      const res = await fetch(url, { cache: "no-cache" });
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      return res.text();
    };
    return this.enqueue(async () => {
      try {
        const [roster, credentials] = await Promise.all([fetchText(SAMPLE.roster), fetchText(SAMPLE.credentials)]);
        await this.load({ roster, credentials }, { roster: "roster.json (sample)", credentials: "credentials.json (sample)" });
      } catch (err) {
        this.showLoadReport({ status: "block", title: "The sample documents could not be fetched.", problems: [{ document: "sample", path: "www/data", message: String(err.message || err) }] });
      }
    });
  }

  /** Runs loads one after another: files dropped while a load runs wait for it. */
  enqueue(job) {
    this.queue = this.queue.then(job).catch((err) => console.error("credgate:", err));
    return this.queue;
  }

  /**
   * Loads a pair of documents given as text (and as the `files` they were read from, when
   * they were: the worker reads those itself). On failure every problem is listed and the board
   * keeps the documents it had. The work goes in steps with a frame between them, so that the
   * page says what it is doing. `busy` is what the page says meanwhile; `unfit(problems, model)`,
   * when given, is called instead of the report when the pair does not load (and answers for
   * it), with the page's reading being built (`buildModel`).
   */
  async load(texts, names, files = null, { busy = `Loading ${names.roster} and ${names.credentials}…`, unfit = null, parsed = {} } = {}) {
    this.setBusy(busy);
    // The page's reading of the documents is parsed and indexed in steps while the worker
    // loads them: the page's thread is idle then, and no step of it runs long. A document
    // already parsed (`parsed`: a waiting file's, or the board's unedited one) is not parsed again.
    const cancel = { cancelled: false };
    const model = this.buildModel(texts, cancel, parsed);
    try {
      await nextFrame();
      const attempt = await this.loadPair(texts, files);
      // The page's reading goes on: `unfit` reads the roster's codes from it.
      if (!attempt.engine && unfit) return await unfit(attempt.problems, model);
      if (!attempt.engine) {
        const waiting = this.pendingFile ? ` ${this.pendingFile.name} still waits for its ${OTHER[this.pendingFile.kind]} file.` : "";
        this.showLoadReport({
          status: "block",
          title: `Could not load ${names.roster} with ${names.credentials}: ${plural(attempt.problems.length, "problem")}.` + (this.engine ? " The board still shows the previous documents." : "") + waiting,
          problems: attempt.problems,
          names,
        });
        return false;
      }
      return await this.install(attempt.engine, texts, names, { ...attempt, model, files });
    } finally {
      cancel.cancelled = true;
      this.setBusy(null);
    }
  }

  /**
   * The page's Model of the documents, parsed and indexed in steps (no long task): resolves to
   * `{model}`, or `{error}` for text that is not JSON, or `{model: null}` once `cancel.cancelled`.
   * `parsed`: documents already parsed from these texts and unchanged (`Model.fromTexts`).
   */
  buildModel(texts, cancel = null, parsed = {}) {
    const start = performance.now();
    return runSteps(Model.fromTexts(texts.roster, texts.credentials, undefined, parsed), cancel).then(
      (model) => {
        performance.measure("credgate:Model (in steps)", { start, end: performance.now() });
        return { model };
      },
      (error) => ({ error }),
    );
  }

  /**
   * Loads a pair of documents off the page's thread: `Engine.load` and `validate` run in a Web
   * Worker (credgate/worker), and the page's own engine, for the synchronous drag path, is
   * rebuilt from the worker's snapshot (`Engine.fromSnapshotInSteps`, a few milliseconds a
   * step, no JSON parsed again). Where no worker can start, the load runs on the page. Answers
   * `{engine, statuses, warnings}` or
   * `{problems}`.
   */
  async loadPair(texts, files = null) {
    let worker = null;
    try {
      const { WorkerEngine } = await import("../../pkg/worker.js");
      const start = performance.now();
      // Files go to the worker as handles (it reads them): no copy of the text on this thread.
      worker = await WorkerEngine.load(files?.roster ?? texts.roster, files?.credentials ?? texts.credentials);
      // The statuses compactly (validateStatuses: ids and codes, not ten thousand verdicts to copy).
      const [bytes, statuses, warnings] = await Promise.all([worker.snapshot(), worker.validateStatuses(), worker.warnings()]);
      performance.measure("credgate:worker.load+validate", { start, end: performance.now() });
      await nextFrame();
      // The snapshot read in steps of a few milliseconds, a few a frame: the page paints and
      // takes input throughout (SPEC §6). The budget follows the steps' times.
      const reader = this.Engine.fromSnapshotInSteps(bytes);
      const begin = performance.now();
      let budget = 1000, done = false;
      this.longestStep = 0;
      while (!done) {
        const frame = performance.now();
        do {
          const t = performance.now();
          done = reader.step(budget);
          const took = performance.now() - t;
          this.longestStep = Math.max(this.longestStep, took);
          // At most twice the last budget: a stage's units (KiB checked, shifts, records) cost
          // more than the one before's, and a budget learnt on the cheap ones ran 25–30 ms.
          budget = Math.max(100, Math.min(budget * 2, 20000, Math.round(budget * 5 / Math.max(took, 0.05))));
        } while (!done && performance.now() - frame < 10);
        if (!done) await nextFrame();
      }
      const engine = reader.finish();
      performance.measure("credgate:Engine.fromSnapshotInSteps", { start: begin, end: performance.now() });
      this.loadedIn = "worker";
      return { engine, statuses, warnings: Array.from(warnings || []) };
    } catch (err) {
      if (Array.isArray(err?.errors) && err.errors.length) return { problems: Array.from(err.errors) };
      console.info("credgate: the documents load on the page (no worker):", String(err?.message || err));
      this.loadedIn = "page";
      return timed("engine.load", () => this.tryLoad(texts));
    } finally {
      worker?.terminate();
    }
  }

  /** `Engine.load`, with its problems as a value instead of a throw. */
  tryLoad(texts) {
    try {
      return { engine: this.Engine.load(texts.roster, texts.credentials) };
    } catch (err) {
      const problems = Array.isArray(err?.errors) && err.errors.length ? Array.from(err.errors) : [{ document: "", path: "", message: String(err?.message || err) }];
      return { problems };
    }
  }

  /**
   * Puts a loaded engine and its documents on the board. `loaded.model` is the page's Model
   * being built (`buildModel`), `loaded.statuses` the worker's `validateStatuses()`; without
   * them, both are made here.
   */
  async install(engine, texts, names, loaded = {}) {
    // A task apart from the step that made the engine.
    await nextFrame();
    const built = await (loaded.model || this.buildModel(texts));
    const model = built.model;
    if (!model) {
      engine.free?.();
      this.showLoadReport({ status: "block", title: "The documents could not be read.", problems: [{ document: "", path: "", message: String(built.error?.message || built.error) }] });
      return false;
    }
    // Every assignment's status and each person's counts: one pass over the non-ok ones (in
    // steps: ten thousand of them in the §5 data set).
    const start = performance.now();
    const statuses = loaded.statuses
      ? await runSteps(Statuses.fromCodes(loaded.statuses, model.assignmentCount))
      : new Statuses(timed("validate", () => engine.validate()), model.assignmentCount);
    performance.measure("credgate:statuses", { start, end: performance.now() });
    await nextFrame();

    this.engine?.free?.();
    this.engine = engine;
    this.texts = { ...texts };
    this.names = { ...names };
    // The files the documents came from: a later load of one file sends the worker the other
    // as a handle (it reads it itself) rather than as a copy of its text.
    this.files = { roster: loaded.files?.roster ?? null, credentials: loaded.files?.credentials ?? null };
    this.model = model;
    this.statuses = statuses;
    // The engine's dense indexes of ids (what statusAt takes), asked as the board needs them.
    this.employeeIndex = new EngineIndex((id) => engine.employeeIndex(id));
    this.shiftIndex = new EngineIndex((id) => engine.shiftIndex(id));
    this.pendingFile = null;
    this.history = { done: [], undone: [] };
    this.asOfDate = model.firstDay();
    this.filters.location = this.filters.location && model.locationById.has(this.filters.location) ? this.filters.location : "";

    const warnings = loaded.warnings || Array.from(engine.warnings || []);
    if (warnings.length) {
      this.showLoadReport({ status: "warn", title: `Loaded with ${plural(warnings.length, "warning")}: these records are kept but may not count.`, problems: warnings, names });
    } else {
      this.hideLoadReport();
    }
    this.fillLocationFilter();
    this.updateDocsInfo();
    this.tracking.reset();
    this.panel.close();
    this.board.reset();
    // The old board goes in a task of its own (its removal lays the page out again), with what
    // changes the board's size (the week pager, the summary): the frame that follows resizes
    // the board while there is none to redraw, and no later frame resizes it (its observer
    // would draw the rows inside that frame's own layout and paint, in one task).
    timed("board.clear", () => {
      this.board.table.replaceChildren();
      this.board.computeDays();
      this.board.renderSummary();
    });
    await nextFrame();
    // The board's frame (days, lane, the list) in a task, laid out by the frame after it; then
    // its rows, a few a frame.
    timed("render", () => this.board.render({ rows: false }));
    const rows = performance.now();
    await this.board.drawInSteps(nextFrame);
    performance.measure("credgate:rows (in steps)", { start: rows, end: performance.now() });
    // The engine's ids in index order, which the shift dialog asks for: 5,000 strings across
    // from the WebAssembly (10-25 ms), fetched while the page is idle rather than in the task
    // that opens the dialog.
    (window.requestIdleCallback || setTimeout)(() => this.employeeIds());
    this.updateOverridesCount();
    this.updateHistory();
    return true;
  }

  /** While a load runs: the page says so, and the board takes no edit. */
  setBusy(message) {
    if (message) {
      document.body.dataset.busy = "true";
      replace($("#docs-info"), h("span", { class: "doc-chip doc-busy" }, message));
    } else {
      delete document.body.dataset.busy;
      if (this.model) this.updateDocsInfo();
    }
  }

  /**
   * Reads files (from a picker or a drop) and loads them: both documents at once, or one
   * beside the other document on the board. A picker's button names the kind of its one file;
   * several files, and dropped ones, are told apart by `classify`.
   */
  loadFiles(files, kindHint) {
    return this.enqueue(() => this.readFiles(files, kindHint));
  }

  async readFiles(files, kindHint) {
    const got = {};
    const problems = [];
    let twice = false;
    for (const file of files) {
      let text;
      try {
        text = await file.text();
        // The task that made the text (an 18 MiB file's decoding, ~30 ms) ends here: what
        // follows (the load's first steps) runs in a task of its own, not added to it.
        await yieldToPage();
      } catch (err) {
        problems.push({ document: file.name, path: file.name, message: `could not be read: ${err.message}` });
        continue;
      }
      const kind = (files.length === 1 && kindHint) || classify(file.name, text);
      if (!kind) {
        problems.push({ document: file.name, path: file.name, message: "is neither a roster nor a credentials document (name it roster….json or credentials….json, or use the buttons)" });
      } else if (got[kind]) {
        twice = true;
        problems.push({ document: file.name, path: file.name, message: `is a second ${kind} document (${got[kind].name} is the first): give one roster and one credentials file` });
      } else {
        got[kind] = { kind, text, name: file.name, file };
      }
    }
    if (problems.length) {
      // Two documents of one kind: which one was meant is not for the page to guess.
      this.showLoadReport({ status: "block", title: twice ? `Nothing loaded: ${plural(files.length, "file")}, not one roster and one credentials document.` : `${plural(problems.length, "file")} not loaded.`, problems });
      if (twice || (!got.roster && !got.credentials)) return;
    }
    if (got.roster && got.credentials) {
      await this.load({ roster: got.roster.text, credentials: got.credentials.text }, { roster: got.roster.name, credentials: got.credentials.name }, { roster: got.roster.file, credentials: got.credentials.file });
    } else {
      await this.loadOne(got.roster || got.credentials);
    }
  }

  /**
   * One document alone. With a file waiting for it, the pair is loaded. Otherwise it is loaded
   * with the other document on the board when they fit; when they do not, but the file is
   * sound on its own (a new organisation's roster naming codes the old credentials lack), it
   * waits for its partner; a file broken on its own is refused with its own problems.
   */
  async loadOne({ kind, text, name, file = null }) {
    const other = OTHER[kind];
    const waiting = this.pendingFile;
    if (waiting?.kind === other) {
      // The waiting file as the page read it while checking it: not parsed again.
      await this.load({ [kind]: text, [other]: waiting.text }, { [kind]: name, [other]: waiting.name }, { [kind]: file, [other]: waiting.file }, { parsed: { [other]: waiting.parsed ?? undefined } });
      return;
    }
    // Off the page's thread as a pair is (the worker loads, the page reads the snapshot in
    // steps): the §5 data set's roster alone is seconds of `Engine.load`.
    const texts = { ...this.texts, [kind]: text };
    const names = { ...this.names, [kind]: name };
    const files = { [kind]: file, [other]: this.files?.[other] ?? null };
    const unfit = async (problems, model = null) => {
      // The document as the page read it (parsed once: the §5 roster is 18 MiB of JSON), for
      // its codes and, when it waits, for the pair's Model (that Model is dropped here, and
      // building one leaves the documents as they were).
      const parsed = (await model)?.model?.[kind] ?? null;
      const own = await this.ownProblems(kind, text, file, kind === "roster" ? parsed : null);
      if (own.length) {
        this.showLoadReport({
          status: "block",
          title: `Could not load ${name}: ${plural(own.length, "problem")} of its own.` + (this.engine ? " The board still shows the previous documents." : ""),
          problems: own,
          names: { [kind]: name },
        });
        return false;
      }
      this.pendingFile = { kind, text, name, file, problems, parsed };
      this.showPending();
      this.updateDocsInfo();
      return false;
    };
    if (texts[other] == null) {
      this.setBusy(`Loading ${name}…`);
      try {
        await nextFrame();
        await unfit([]);
      } finally {
        this.setBusy(null);
      }
      return;
    }
    // The board's other document as the page read it, unless an edit changed the page's copy.
    const parsed = { [other]: this.model && !this.model.edited && this.texts[other] === texts[other] ? this.model[other] : undefined };
    await this.load(texts, names, files, { busy: `Loading ${name}…`, unfit, parsed });
  }

  /**
   * The problems of a document on its own: it is loaded beside a partner that cannot clash
   * with it (an empty roster; or credentials with a type for every code the roster requires),
   * and only the problems found in the document itself count. In the worker, and the roster
   * read for its codes in steps: no long task. `parsed`: the roster already parsed, if it is.
   */
  async ownProblems(kind, text, file = null, parsed = null) {
    let partner = "{}";
    if (kind === "roster") {
      let codes = null;
      try {
        codes = await runSteps(requiredCodesSteps(parsed ?? (await runSteps(parseSteps(text)))));
      } catch {
        /* malformed: the engine says where */
      }
      if (codes) partner = JSON.stringify({ credentialTypes: [...codes].map((code) => ({ code })) });
    }
    const mine = file ?? text;
    const attempt = await this.tryLoadOff(kind === "roster" ? [mine, partner] : [partner, mine]);
    return attempt.problems.filter((p) => p.document === kind);
  }

  /**
   * Whether a pair loads, off the page's thread (`Engine.load` in a worker, the engine
   * dropped): `{problems}`, empty when it loads. Where no worker can start, on the page.
   */
  async tryLoadOff([roster, credentials]) {
    let worker = null;
    try {
      const { WorkerEngine } = await import("../../pkg/worker.js");
      worker = await WorkerEngine.load(roster, credentials);
      this.loadedIn = "worker";
      return { problems: [] };
    } catch (err) {
      this.loadedIn = "worker";
      if (Array.isArray(err?.errors) && err.errors.length) return { problems: Array.from(err.errors) };
      this.loadedIn = "page";
      const text = async (v) => (typeof v === "string" ? v : v.text());
      const attempt = this.tryLoad({ roster: await text(roster), credentials: await text(credentials) });
      attempt.engine?.free?.();
      return { problems: attempt.problems || [] };
    } finally {
      worker?.terminate();
    }
  }

  /** The state of a file waiting for its partner, and what it did not fit. */
  showPending() {
    const p = this.pendingFile;
    const other = OTHER[p.kind];
    const names = { ...this.names, [p.kind]: p.name };
    const n = p.problems.length;
    this.showLoadReport({
      status: "pending",
      title: `${capital(p.kind)} loaded (${p.name}), waiting for the ${other} file.`,
      note: n
        ? `It does not fit the ${other} on the board (${this.names[other]}): ${plural(n, "problem")}, listed below. Its own ${other} file loads the pair; the board keeps the documents it has until then.`
        : `Its ${other} file loads the pair.`,
      problems: p.problems,
      names,
      actions: [
        h("label", { class: "btn btn-small btn-primary", for: `file-${other}` }, `${capital(other)} file…`),
        h("button", { type: "button", class: "btn btn-small", on: { click: () => this.discardPending() } }, "Discard"),
      ],
    });
  }

  discardPending() {
    this.pendingFile = null;
    this.hideLoadReport();
    this.updateDocsInfo();
  }

  showLoadReport({ status, title, problems, names, note = "", actions = [] }) {
    const box = $("#load-report");
    const docName = (p) => {
      const doc = p.document || "";
      const file = names && names[doc];
      return file ? `${doc} (${file})` : doc;
    };
    // The first REPORT_ROWS: a §5 roster beside another organisation's credentials has
    // thousands of problems, and a row each was a task of 90 ms to build and as long to lay out.
    const rows = problems.slice(0, REPORT_ROWS).map((p) =>
      h("tr", {}, h("td", { class: "doc" }, docName(p)), h("td", {}, h("code", { class: "path" }, p.path || "")), h("td", { class: "msg" }, p.message || "")),
    );
    if (problems.length > REPORT_ROWS) rows.push(h("tr", { class: "more" }, h("td", { colspan: "3", class: "msg" }, `and ${problems.length - REPORT_ROWS} more (the first ${REPORT_ROWS} are listed)`)));
    const table = rows.length ? h("table", { class: "problems" }, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Document"), h("th", { scope: "col" }, "Path"), h("th", { scope: "col" }, "Problem"))), h("tbody", {}, rows)) : null;
    box.className = `load-report st-${status}`;
    box.dataset.status = status;
    const folded = status !== "block" && problems.length > 6;
    const body = folded ? h("details", {}, h("summary", {}, `Show ${plural(problems.length, status === "warn" ? "warning" : "problem")}`), table) : table;
    replace(
      box,
      h("div", { class: "load-report-head" }, icon(status === "pending" ? "clock" : status), h("strong", { class: "load-report-title" }, title), actions, h("button", { type: "button", class: "icon-btn", "aria-label": "Dismiss", on: { click: () => this.hideLoadReport() } }, "×")),
      note ? h("p", { class: "load-report-note" }, note) : null,
      body,
    );
    box.setAttribute("role", status === "block" ? "alert" : "status");
    box.hidden = false;
  }

  hideLoadReport() {
    const box = $("#load-report");
    box.hidden = true;
    delete box.dataset.status;
    box.replaceChildren();
  }

  updateDocsInfo() {
    const m = this.model;
    const credCount = (m.credentials.credentials || []).length;
    replace(
      $("#docs-info"),
      h("span", { class: "doc-chip", title: "Roster document" }, h("strong", {}, this.names.roster), ` · ${plural(m.employees.length, "person", "people")} · ${plural(m.shifts.length, "shift")} · ${shortDate(m.firstDay())} – ${shortDate(m.lastDay())}`),
      h("span", { class: "doc-chip", title: "Credentials document" }, h("strong", {}, this.names.credentials), ` · ${plural(credCount, "record")}`),
      this.pendingFile
        ? h("span", { class: "doc-chip doc-pending", title: `A ${this.pendingFile.kind} document waiting for its ${OTHER[this.pendingFile.kind]} file` }, icon("clock"), h("strong", {}, this.pendingFile.name), ` · waiting for the ${OTHER[this.pendingFile.kind]} file`)
        : null,
    );
  }

  fillLocationFilter() {
    const select = $("#filter-location");
    replace(select, h("option", { value: "" }, "All locations"), this.model.locations.map((l) => h("option", { value: l.id }, l.name || l.id)));
    select.value = this.filters.location;
  }

  // ---- edits -------------------------------------------------------------------------------
  //
  // Every edit of the board is one batch of the engine (`apply`): a drop, a hand-over (assign
  // the new person, unassign the old), a move of several shifts, a renewed card. The engine
  // keeps the undo history; the page keeps, beside each batch, what its own reading of the
  // documents held before it (the shifts' people and times, the records put), so that undo and
  // redo change the page's copy without reading the documents again. The board then follows the
  // batch's `changes` alone: the statuses that changed, the findings added and removed, and the
  // rows of the people they name.

  /**
   * Applies `ops` as one batch. `what` words the outcome: `{title(result), refusedTitle, flash}`.
   * A refusal offers an override (the same batch again, with who and why).
   */
  edit(ops, { override = null, title, refusedTitle, what = refusedTitle, flash = null } = {}) {
    const m = this.model;
    let result;
    try {
      result = override ? this.engine.apply(ops, { override }) : this.engine.apply(ops);
    } catch (err) {
      this.toast({ status: "block", title: refusedTitle, lines: [String(err.message || err)] });
      return null;
    }
    if (result.errors?.length) {
      this.toast({ status: "block", title: refusedTitle, lines: result.errors.map((e) => `${e.path}: ${e.message}`) });
      return result;
    }
    const verdicts = result.changes?.verdicts || [];
    if (result.refused) {
      const blocked = verdicts.filter((c) => c.after?.status === "block" && c.before !== "block");
      const reasons = blocked.flatMap((c) => sortReasons(c.after.reasons || []).filter((r) => r.severity !== "info").map((r) => ({ ...r, message: blocked.length > 1 || ops.some((o) => o.op === "moveShift") ? `${m.employeeName(c.employeeId)}: ${r.message}` : r.message })));
      this.toast({
        status: "block",
        kind: "refused",
        title: `Refused: ${refusedTitle}`,
        lines: reasons.map((r) => r.message),
        actions: [{ label: "Override…", primary: true, run: () => this.overrideDialog.open({ what, reasons, apply: (ov) => this.edit(ops, { override: ov, title, refusedTitle, what, flash }) }) }],
      });
      return result;
    }
    if (!result.applied) return result;
    const saved = this.saveModel(ops);
    applyToModel(m, ops);
    this.history.done.push({ ops, saved, label: title(result, false) });
    this.history.undone = [];
    this.afterChanges(result.changes, saved, flash);
    const worst = worstStatus(verdicts.filter((c) => c.after).map((c) => c.after.status));
    const overridden = Boolean(result.logEntry?.override);
    this.toast({
      status: overridden ? "override" : worst === "block" ? "warn" : worst,
      title: title(result, overridden) + (overridden ? ` over a block (override by ${override.by})` : ""),
      lines: changeLines(result.changes, m),
    });
    return result;
  }

  /**
   * Assigns `employeeId` to `shiftId` (handed over from `fromEmployee` when given: one batch, so
   * that the two are judged together and undone together).
   */
  assign(employeeId, shiftId, { fromEmployee = null, override = null } = {}) {
    const m = this.model;
    const name = m.employeeName(employeeId);
    const label = m.shiftLabel(shiftId);
    const ops = [{ op: "assign", employeeId, shiftId }];
    const handOver = fromEmployee && fromEmployee !== employeeId;
    if (handOver) ops.push({ op: "unassign", employeeId: fromEmployee, shiftId });
    const moved = handOver ? ` (from ${m.employeeName(fromEmployee)})` : "";
    return this.edit(ops, { override, title: () => `Assigned ${name} to ${label}${moved}`, refusedTitle: `${name} cannot work ${label}`, what: `Assign ${name} to ${label}`, flash: { employeeId, shiftId } });
  }

  unassign(employeeId, shiftId) {
    const m = this.model;
    return this.edit([{ op: "unassign", employeeId, shiftId }], { title: () => `Unassigned ${m.employeeName(employeeId)} from ${m.shiftLabel(shiftId)}`, refusedTitle: `Could not unassign ${m.employeeName(employeeId)}` });
  }

  /** The verdicts of a shift's people if it moved to [start, end) (checkPlacement). */
  placementVerdicts(shiftId, start, end) {
    const shift = this.model.shiftById.get(shiftId);
    const placement = { start, end, locationId: shift.locationId ?? null, teamId: shift.teamId ?? null, roleId: shift.roleId ?? null, queueIds: shift.queueIds || [], requires: shift.requires ?? null };
    return [...new Set(shift.assigned || [])].map((e) => this.engine.checkPlacement(e, placement, { ignoreShiftId: shiftId }));
  }

  move(shiftId, start, end, override = null) {
    return this.moveMany([{ shiftId, start, end }], override);
  }

  /** Moves shifts (each `{shiftId, start, end}`) as one batch: judged together, undone as one. */
  moveMany(moves, override = null) {
    const m = this.model;
    const ops = moves.map(({ shiftId, start, end }) => ({ op: "moveShift", shiftId, start, end }));
    const first = moves[0];
    const before = m.shiftLabel(first.shiftId);
    const one = moves.length === 1;
    return this.edit(ops, {
      override,
      title: () => (one ? `Moved to ${m.shiftLabel(first.shiftId)}` : `Moved ${moves.length} shifts`),
      refusedTitle: one ? `${before} cannot move to ${shortDate(localDate(first.start))}` : `${moves.length} shifts cannot move together`,
      what: one ? `Move ${before} to ${first.start} – ${first.end}` : `Move ${moves.length} shifts`,
      flash: { shiftIds: moves.map((mv) => mv.shiftId) },
    });
  }

  /** A renewed card: the credential record with a new `validUntil`, put whole (one batch). */
  renewCredential(record, validUntil) {
    const m = this.model;
    const what = `${record.code} ${record.id} of ${m.employeeName(record.employeeId)}`;
    return this.edit([{ op: "put", collection: "credentials", record: { ...record, validUntil } }], {
      title: () => `Renewed ${what} until ${formatBound(validUntil)}`,
      refusedTitle: `Could not renew ${what}`,
    });
  }

  /**
   * Shows a shift on the board (a shift that needs cover, from the renewal plan): the board tab,
   * the person's row and the days of the shift in view, the chip highlighted and focused.
   */
  showShift(employeeId, shiftId) {
    this.selectTab("board");
    const chip = this.board.showShift(employeeId, shiftId);
    if (!chip) this.toast({ status: "info", title: `${this.model.shiftLabel(shiftId)} is not on the board`, lines: ["Clear the filters to see it."] });
    return chip;
  }

  /** Undoes the last batch (the engine's `undo`), the page's copy and the rows it touched. */
  undo() {
    const entry = this.history.done.at(-1);
    if (!entry || !this.engine?.canUndo()) return null;
    const result = this.engine.undo();
    if (!result.applied) return result;
    this.history.done.pop();
    this.history.undone.push(entry);
    const prior = this.saveModel(entry.ops).shifts;
    restoreModel(this.model, entry.saved);
    this.afterChanges(result.changes, entry.saved, null, prior);
    this.toast({ status: "ok", title: `Undone: ${entry.label}`, lines: changeLines(result.changes, this.model) });
    return result;
  }

  /** Applies the last undone batch again (the engine's `redo`). */
  redo() {
    const entry = this.history.undone.at(-1);
    if (!entry || !this.engine?.canRedo()) return null;
    const result = this.engine.redo();
    if (!result.applied) return result;
    this.history.undone.pop();
    this.history.done.push(entry);
    applyToModel(this.model, entry.ops);
    this.afterChanges(result.changes, entry.saved, null);
    this.toast({ status: "ok", title: `Redone: ${entry.label}`, lines: changeLines(result.changes, this.model) });
    return result;
  }

  /** What the page's copy holds that `ops` change: the shifts' people and times, the records put. */
  saveModel(ops) {
    const m = this.model;
    const shifts = new Map();
    const records = [];
    for (const op of ops) {
      if (op.shiftId && !shifts.has(op.shiftId)) {
        const s = m.shiftById.get(op.shiftId);
        if (s) shifts.set(op.shiftId, { start: s.start, end: s.end, assigned: [...(s.assigned || [])] });
      }
      if (op.op === "put" && RECORD_INDEX[op.collection]) {
        const list = m.credentials[op.collection] || [];
        const i = list.findIndex((c) => c.id === op.record.id);
        records.push({ collection: op.collection, id: op.record.id, record: i >= 0 ? list[i] : null });
      }
    }
    return { shifts, records };
  }

  /**
   * After a batch, an undo or a redo (the page's copy already changed): each touched shift's
   * place in the page's index, the statuses and findings from `changes`, and the rows of the
   * people these name (nothing else is asked again or redrawn).
   */
  afterChanges(changes, saved, flash, prior = saved.shifts) {
    const m = this.model;
    const people = new Set();
    let lane = false;
    // `prior`: each touched shift as the page's copy held it before this change.
    for (const [id, was0] of prior) {
      const shift = m.shiftById.get(id);
      if (!shift) continue;
      const was = new Set(was0.assigned);
      const now = new Set(shift.assigned || []);
      const added = [...now].filter((e) => !was.has(e));
      const removed = [...was].filter((e) => !now.has(e));
      reindexEdit(m, shift, added, removed, was0.start);
      this.statuses.assignments += added.length - removed.length;
      for (const e of [...was, ...now]) people.add(e);
      if (!was.size || !now.size) lane = true;
    }
    for (const r of saved.records) {
      const rec = (m.credentials[r.collection] || []).find((c) => c.id === r.id) || r.record;
      if (rec?.employeeId) people.add(rec.employeeId);
    }
    for (const c of changes?.verdicts || []) {
      this.statuses.set(c.employeeId, c.shiftId, c.after ? c.after.status : "ok");
      people.add(c.employeeId);
    }
    this.statuses.applyFindings(changes?.findings?.added || [], changes?.findings?.removed || []);
    this.board.update({ employeeIds: people, lane });
    if (flash?.employeeId) this.board.flash(flash);
    else for (const shiftId of flash?.shiftIds || []) this.board.flash({ shiftId });
    this.updateOverridesCount();
    this.updateHistory();
    this.panel.refresh();
    this.tracking.invalidate();
  }

  /** The undo and redo buttons follow the engine's history. */
  updateHistory() {
    const undo = $("#btn-undo");
    const redo = $("#btn-redo");
    const canUndo = Boolean(this.engine?.canUndo?.()) && this.history.done.length > 0;
    const canRedo = Boolean(this.engine?.canRedo?.()) && this.history.undone.length > 0;
    undo.disabled = !canUndo;
    redo.disabled = !canRedo;
    undo.title = canUndo ? `Undo: ${this.history.done.at(-1).label} (Ctrl+Z)` : "Nothing to undo";
    redo.title = canRedo ? `Redo: ${this.history.undone.at(-1).label} (Ctrl+Shift+Z)` : "Nothing to redo";
  }

  updateOverridesCount() {
    const n = this.engine.overrides ? Array.from(this.engine.overrides() || []).length : 0;
    $("#overrides-count").textContent = String(n);
    $("#changes-count").textContent = String(this.engine.changeLog ? this.engine.changeLog().length : 0);
  }

  /** The engine's employee ids in index order (what `candidateStatuses` answers by), asked once an engine. */
  employeeIds() {
    if (this.idsOf !== this.engine) {
      this.ids = this.engine ? Array.from(this.engine.employeeIds()) : [];
      this.idsOf = this.engine;
    }
    return this.ids;
  }

  statusOf(employeeId, shiftId) {
    const ei = this.employeeIndex.get(employeeId);
    const si = this.shiftIndex.get(shiftId);
    if (ei === undefined || si === undefined) return null;
    return this.engine.statusAt(ei, si);
  }

  exportDocuments() {
    if (!this.engine) return;
    const { roster, credentials } = this.engine.export();
    const base = (name, fallback) => (name || fallback).replace(/\s*\(sample\)$/, "");
    download(base(this.names.roster, "roster.json"), JSON.stringify(roster, null, 2) + "\n");
    setTimeout(() => download(base(this.names.credentials, "credentials.json"), JSON.stringify(credentials, null, 2) + "\n"), 150);
    this.toast({ status: "ok", title: "Exported both documents", lines: ["Your edits and the override log are in the roster file."] });
  }

  // ---- toasts ------------------------------------------------------------------------------

  /** Shows the outcome of an action. Refusals stay until dismissed or replaced. */
  toast({ status = "ok", title, lines = [], actions = [], kind = "" }) {
    const region = $("#toasts");
    const word = status === "override" ? "Override" : STATUS_WORD[status] || status;
    const close = () => el.remove();
    const shown = lines.slice(0, 6);
    const el = h(
      "div",
      { class: `toast st-${status}`, role: status === "block" ? "alert" : "status", dataset: { kind: kind || status } },
      h("div", { class: "toast-head" }, icon(status === "override" ? "shield" : status), h("span", { class: "toast-word" }, word), h("strong", { class: "toast-title" }, title), h("button", { type: "button", class: "icon-btn", "aria-label": "Dismiss", on: { click: close } }, "×")),
      shown.length ? h("ul", { class: "toast-lines" }, shown.map((l) => h("li", {}, l))) : null,
      lines.length > shown.length ? h("p", { class: "toast-more" }, `and ${lines.length - shown.length} more`) : null,
      actions.length
        ? h(
            "div",
            { class: "toast-actions" },
            actions.map((a) => h("button", { type: "button", class: a.primary ? "btn btn-danger btn-small" : "btn btn-small", on: { click: () => { close(); a.run(); } } }, a.label)),
          )
        : null,
    );
    // One refusal at a time: a new outcome replaces the old ones beyond the last two.
    for (const old of $$(".toast", region).slice(0, -1)) old.remove();
    region.append(el);
    if (status === "ok") setTimeout(close, 6000);
    else if (status !== "block") setTimeout(close, 12000);
    return el;
  }

  // ---- page chrome -------------------------------------------------------------------------

  bindChrome() {
    $("#file-roster").addEventListener("change", (ev) => this.pickFiles(ev.target, "roster"));
    $("#file-credentials").addEventListener("change", (ev) => this.pickFiles(ev.target, "credentials"));
    $("#btn-sample").addEventListener("click", () => this.loadSample());
    $("#btn-export").addEventListener("click", () => this.exportDocuments());
    $("#btn-undo").addEventListener("click", () => this.undo());
    $("#btn-redo").addEventListener("click", () => this.redo());
    // Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y (⌘ on a Mac), except while typing in a field or a dialog
    // is open (their own undo is the field's), during a drag, or while a load runs.
    document.addEventListener("keydown", (ev) => {
      if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
      const key = ev.key.toLowerCase();
      if (key !== "z" && key !== "y") return;
      if (ev.target.closest?.("input, textarea, select, [contenteditable], dialog[open]") || document.body.dataset.busy || this.board.drag) return;
      ev.preventDefault();
      if (key === "y" || ev.shiftKey) this.redo();
      else this.undo();
    });
    $("#filter-location").addEventListener("change", (ev) => {
      this.filters.location = ev.target.value;
      this.board.redraw();
    });
    // A filter draws the rows a few a task (the days and the open lane stay what they were),
    // from a task of its own: in the input event, the field's editing lays out the page right
    // after the handler, the new list's rows with it (a keystroke of a long name: one relist).
    $("#filter-name").addEventListener("input", (ev) => {
      this.filters.query = ev.target.value.trim().toLowerCase();
      if (this.relistTimer) return;
      this.relistTimer = setTimeout(() => {
        this.relistTimer = 0;
        this.board.relist();
      }, 0);
    });
    $("#filter-issues").addEventListener("change", (ev) => {
      this.filters.issuesOnly = ev.target.checked;
      this.board.relist();
    });
    this.bindTabs();
    this.bindFileDrop();
  }

  async pickFiles(input, kind) {
    const files = Array.from(input.files || []);
    input.value = "";
    if (files.length && this.Engine) await this.loadFiles(files, kind);
  }

  bindTabs() {
    const tabs = $$('[role="tab"]');
    const select = (tab) => {
      for (const t of tabs) {
        const on = t === tab;
        t.setAttribute("aria-selected", String(on));
        t.tabIndex = on ? 0 : -1;
        $("#" + t.getAttribute("aria-controls")).hidden = !on;
      }
      this.currentView = tab.id.replace("tab-", "");
      if (this.currentView !== "board") this.tracking.show(this.currentView);
    };
    for (const tab of tabs) {
      tab.addEventListener("click", () => select(tab));
      tab.addEventListener("keydown", (ev) => {
        const visible = tabs.filter((t) => !t.hidden);
        const i = visible.indexOf(tab);
        let next = null;
        if (ev.key === "ArrowRight") next = visible[(i + 1) % visible.length];
        if (ev.key === "ArrowLeft") next = visible[(i - 1 + visible.length) % visible.length];
        if (ev.key === "Home") next = visible[0];
        if (ev.key === "End") next = visible[visible.length - 1];
        if (next) {
          ev.preventDefault();
          next.focus();
          select(next);
        }
      });
    }
    this.selectTab = (id) => select($("#tab-" + id));
  }

  bindFileDrop() {
    const overlay = $("#drop-overlay");
    let depth = 0;
    const hasFiles = (ev) => Array.from(ev.dataTransfer?.types || []).includes("Files");
    document.addEventListener("dragenter", (ev) => {
      if (!hasFiles(ev)) return;
      ev.preventDefault();
      depth++;
      overlay.hidden = false;
    });
    document.addEventListener("dragover", (ev) => {
      if (!hasFiles(ev)) return;
      ev.preventDefault();
      ev.dataTransfer.dropEffect = "copy";
    });
    document.addEventListener("dragleave", (ev) => {
      if (!hasFiles(ev)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) overlay.hidden = true;
    });
    document.addEventListener("drop", (ev) => {
      if (!hasFiles(ev)) return;
      ev.preventDefault();
      depth = 0;
      overlay.hidden = true;
      const files = Array.from(ev.dataTransfer.files || []);
      if (files.length && this.Engine) this.loadFiles(files);
    });
  }
}

/** Which document a file holds: by its name, then by its top-level keys. */
export function classify(name, text) {
  const n = name.toLowerCase();
  if (/cred|cert|licen[cs]e|lms/.test(n)) return "credentials";
  if (/roster|shift|schedul|rota/.test(n)) return "roster";
  try {
    const value = JSON.parse(text);
    if (value && typeof value === "object") {
      if (["credentials", "credentialTypes", "waivers", "trainings", "jurisdictionGroups"].some((k) => k in value)) return "credentials";
      if (["shifts", "employees", "locations", "roles", "teams", "queues", "rules"].some((k) => k in value)) return "roster";
    }
  } catch {
    /* a malformed file is classified by its name only */
  }
  return null;
}

/**
 * The page's index of each person's shifts (the Model's shiftsByEmployee, days and
 * assignmentCount) after an edit of one shift, updated in place for the people it touched: what
 * Model.reindex() computes, without going over every shift of the roster again.
 */
function reindexEdit(m, shift, added, removed, startBefore) {
  const byStart = (a, b) => Date.parse(a.start) - Date.parse(b.start);
  for (const e of removed) {
    const list = m.shiftsByEmployee.get(e) || [];
    const i = list.indexOf(shift);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) m.shiftsByEmployee.delete(e);
  }
  for (const e of added) {
    if (!m.shiftsByEmployee.has(e)) m.shiftsByEmployee.set(e, []);
    m.shiftsByEmployee.get(e).push(shift);
  }
  m.assignmentCount += added.length - removed.length;
  const moved = startBefore !== null && startBefore !== shift.start;
  for (const e of moved ? new Set(shift.assigned || []) : added) m.shiftsByEmployee.get(e)?.sort(byStart);
  if (moved) {
    const day = localDate(shift.start);
    const old = localDate(startBefore);
    if (!m.days.includes(day)) {
      m.days.push(day);
      m.days.sort();
    }
    if (old !== day && m.days.includes(old) && !m.shifts.some((s) => localDate(s.start) === old)) m.days.splice(m.days.indexOf(old), 1);
  }
}

/**
 * The page's copy of the documents after `ops` (already applied by the engine): the shifts'
 * people and times, the credential records put. Other collections are not on the board.
 */
function applyToModel(m, ops) {
  // The documents no longer read as their texts: a later load parses the text again.
  m.edited = true;
  for (const op of ops) {
    const shift = op.shiftId ? m.shiftById.get(op.shiftId) : null;
    if (op.op === "assign" && shift) shift.assigned = [...new Set([...(shift.assigned || []), op.employeeId])];
    else if (op.op === "unassign" && shift) shift.assigned = (shift.assigned || []).filter((e) => e !== op.employeeId);
    else if (op.op === "moveShift" && shift) {
      shift.start = op.start;
      shift.end = op.end;
    } else if (op.op === "put" && RECORD_INDEX[op.collection]) putRecord(m, op.collection, op.record.id, op.record);
  }
}

/** The page's copy as `saveModel` held it before a batch (an undo). */
function restoreModel(m, saved) {
  m.edited = true;
  for (const [id, was] of saved.shifts) {
    const shift = m.shiftById.get(id);
    if (!shift) continue;
    shift.start = was.start;
    shift.end = was.end;
    shift.assigned = [...was.assigned];
  }
  for (const r of [...saved.records].reverse()) putRecord(m, r.collection, r.id, r.record);
}

/** The page's index by employee of each collection of records an edit may put. */
const RECORD_INDEX = { credentials: "credentialsByEmployee", trainings: "trainingsByEmployee" };

/**
 * Puts (or with `record` null, removes) a credential or training record in the page's copy and
 * its index by employee.
 */
function putRecord(m, collection, id, record) {
  const index = m[RECORD_INDEX[collection]];
  const list = (m.credentials[collection] ||= []);
  const i = list.findIndex((c) => c.id === id);
  const old = i >= 0 ? list[i] : null;
  if (record && i >= 0) list[i] = record;
  else if (record) list.push(record);
  else if (i >= 0) list.splice(i, 1);
  for (const e of new Set([old?.employeeId, record?.employeeId])) {
    if (e === undefined) continue;
    const mine = list.filter((c) => c.employeeId === e);
    if (mine.length) index.set(e, mine);
    else index.delete(e);
  }
}

/** A batch's changes in words: the assignments whose status got worse or better, the findings. */
function changeLines(changes, m) {
  const rank = { ok: 0, warn: 1, block: 2 };
  const lines = [];
  for (const c of changes?.verdicts || []) {
    const who = m.employeeName(c.employeeId);
    const label = m.shiftLabel(c.shiftId);
    if (!c.after) continue;
    const reasons = sortReasons(c.after.reasons || []).filter((r) => r.severity !== "info");
    if (c.before !== null && rank[c.after.status] < rank[c.before]) lines.push(`Resolved · ${who}: ${label} is ${STATUS_WORD[c.after.status] || c.after.status}`);
    else if (c.before === null) lines.push(...(reasons.length ? reasons.map((r) => r.message) : c.after.status === "ok" ? ["Every requirement is met."] : []));
    else lines.push(...reasons.map((r) => `${who}: ${r.message}`));
  }
  return [...lines, ...findingLines(changes?.findings?.added || [], changes?.findings?.removed || [], m)];
}

/** Runs `f` as a User Timing measure (`credgate:name`), seen in the browser's performance tools. */
function timed(name, f) {
  const start = performance.now();
  try {
    return f();
  } finally {
    performance.measure(`credgate:${name}`, { start, end: performance.now() });
  }
}

/** An id's dense index in the engine (`undefined` when unknown), asked once per id. */
class EngineIndex {
  constructor(lookup) {
    this.lookup = lookup;
    this.map = new Map();
  }
  get(id) {
    let i = this.map.get(id);
    if (i === undefined && !this.map.has(id)) this.map.set(id, (i = this.lookup(id)));
    return i;
  }
}

/**
 * Every string under a `requires` key, and every limit's `appliesTo.code`: the credential codes
 * a roster names. In steps (a generator for `runSteps`): the §5 roster is a million values.
 */
function* requiredCodesSteps(root) {
  const out = new Set();
  const stack = [root];
  const inRequires = [false];
  let n = 0;
  while (stack.length) {
    const value = stack.pop();
    const within = inRequires.pop();
    if (++n % 20_000 === 0) yield;
    if (typeof value === "string") {
      if (within && value) out.add(value);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push(value[i]);
        inRequires.push(within);
      }
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        stack.push(v);
        inRequires.push(within || k === "requires");
      }
      // A working limit names the code of the credential it follows (SPEC §8: rules.limits).
      if (!within && typeof value.appliesTo?.code === "string" && value.appliesTo.code) out.add(value.appliesTo.code);
    }
  }
  return out;
}


const capital = (word) => word[0].toUpperCase() + word.slice(1);

function findingLines(created, cleared, m) {
  const describe = (f) => f.message || `${f.kind} on ${m.shiftLabel(f.shiftId)}`;
  const who = (f) => (f.employeeId ? `${m.employeeName(f.employeeId)}: ` : `${m.shiftLabel(f.shiftId)}: `);
  return [...created.map((f) => `New problem · ${who(f)}${describe(f)}`), ...cleared.map((f) => `Resolved · ${who(f)}${describe(f)}`)];
}

const app = new App();
window.credgateDemo = app; // for the console and the end-to-end tests
app.start();
