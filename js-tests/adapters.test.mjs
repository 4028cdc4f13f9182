// The adapters (pkg/adapters/) in headless Chromium: a real FullCalendar (v6, the `fullcalendar`
// bundle) whose events are dragged with the mouse, in a week of time slots and in a resource
// timeline (@fullcalendar/resource-timeline, employees as rows); Bryntum's validatorFn called with
// the context objects Bryntum passes (docs/decisions.md says why not a real Scheduler Pro); and
// the plain HTML5 drag-and-drop helper driven by DragEvents.
// One small roster: e1 holds BLS until the end of Monday 7 December, e2 holds it for ever.
import test from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM, PKG, ROOT, launchChromium, servePage } from "./helpers.mjs";

const ROSTER = {
  employees: [{ id: "e1", name: "Ana" }, { id: "e2", name: "Ben" }, { id: "e3", name: "Cy" }],
  shifts: [
    { id: "s1", start: "2026-12-07T08:00:00Z", end: "2026-12-07T12:00:00Z", requires: "BLS", assigned: ["e1"] },
    { id: "s2", start: "2026-12-07T14:00:00Z", end: "2026-12-07T18:00:00Z", assigned: ["e1"] },
    { id: "s3", start: "2026-12-08T08:00:00Z", end: "2026-12-08T12:00:00Z", requires: "BLS", assigned: [] },
  ],
  rules: { overlap: "block" },
};
const CREDENTIALS = {
  credentialTypes: [{ code: "BLS", alertDays: [] }],
  credentials: [
    { id: "c1", employeeId: "e1", code: "BLS", validUntil: "2026-12-07" },
    { id: "c2", employeeId: "e2", code: "BLS", validUntil: null },
  ],
};

const PAGE = `<!doctype html><meta charset="utf-8"><title>adapters</title>
<style>body { margin: 0; font: 14px sans-serif } #calendar { width: 900px } [data-credgate-status] { outline: 2px solid }</style>
<script src="/fc/index.global.min.js"></script>
<div id="calendar"></div>
<ul id="people"><li data-employee-id="e1" draggable="true">Ana</li><li data-employee-id="e2" draggable="true">Ben</li><li data-employee-id="e3" draggable="true">Cy</li></ul>
<table id="board"><tr><td data-shift-id="s1" draggable="true">s1</td><td data-shift-id="s2">s2</td><td data-shift-id="s3">s3</td></tr></table>
<script type="module" src="/page.js"></script>`;

const SCRIPT = `import { Engine } from "/pkg/index.js";
import { fullCalendarAdapter } from "/pkg/adapters/fullcalendar.js";
import { bryntumDrop, bryntumValidator } from "/pkg/adapters/bryntum.js";
import { attachDragAndDrop } from "/pkg/adapters/dnd.js";
const roster = ${JSON.stringify(ROSTER)};
const credentials = ${JSON.stringify(CREDENTIALS)};
window.log = { previews: [], results: [] };
window.makeEngine = () => Engine.load(roster, credentials);
window.adapters = { bryntumDrop, bryntumValidator, attachDragAndDrop };
const engine = window.engine = window.makeEngine();
const calendar = new FullCalendar.Calendar(document.getElementById("calendar"), {
  initialView: "timeGridWeek", initialDate: "2026-12-07", timeZone: "UTC", firstDay: 1,
  slotMinTime: "06:00:00", slotMaxTime: "20:00:00", height: "auto", editable: true, allDaySlot: false,
  events: roster.shifts.filter((s) => s.assigned.length).map((s) => ({ id: s.id, title: s.id, start: s.start, end: s.end })),
  eventDidMount: (info) => { info.el.dataset.shiftId = info.event.id; },
  ...fullCalendarAdapter(engine, {
    roster,
    onPreview: (verdicts, event) => window.log.previews.push({ id: event.id, statuses: verdicts.map((v) => v.status) }),
    onResult: (result, change) => window.log.results.push({ id: change.event.id, applied: result.applied, refused: result.refused }),
  }),
});
calendar.render();
window.calendar = calendar;
window.ready = true;
`;

// The resource timeline: Monday 7 December, one row per employee, one event per person on a
// shift. s1 needs BLS (Ana has it that day, Ben always, Cy never); s2 has Ana and Cy.
const RESOURCE_ROSTER = {
  employees: ROSTER.employees,
  shifts: [
    { id: "s1", start: "2026-12-07T08:00:00Z", end: "2026-12-07T12:00:00Z", requires: "BLS", assigned: ["e1"] },
    { id: "s2", start: "2026-12-07T14:00:00Z", end: "2026-12-07T18:00:00Z", assigned: ["e1", "e3"] },
  ],
  rules: { overlap: "block" },
};

// FullCalendar's standard bundle, then the premium plugins' global builds, each after those it
// needs; the open-source licence key (credgate is MIT or Apache-2.0; the plugins run in the
// tests only and are never shipped).
const RESOURCE_PAGE = `<!doctype html><meta charset="utf-8"><title>resources</title>
<style>body { margin: 0; font: 14px sans-serif } #timeline { width: 960px }</style>
<script src="/fc/index.global.min.js"></script>
${["premium-common", "scrollgrid", "timeline", "resource", "resource-timeline"].map((p) => `<script src="/fcp/${p}/index.global.min.js"></script>`).join("\n")}
<div id="timeline"></div>
<script type="module" src="/resources.js"></script>`;

const RESOURCE_SCRIPT = `import { Engine } from "/pkg/index.js";
import { fullCalendarAdapter, resourceEvents } from "/pkg/adapters/fullcalendar.js";
const roster = ${JSON.stringify(RESOURCE_ROSTER)};
const credentials = ${JSON.stringify(CREDENTIALS)};
const engine = window.engine = Engine.load(roster, credentials);
const log = window.log = { allow: [], previews: [], results: [] };
const adapter = fullCalendarAdapter(engine, {
  roster,
  onPreview: (verdicts, event, preview) => log.previews.push({ shiftId: event.extendedProps.shiftId, ...preview, reasons: verdicts.flatMap((v) => v.reasons.map((r) => r.message)) }),
  onResult: (result, change, outcome) => log.results.push({ ...outcome, applied: result.applied, refused: result.refused, undo: window.engine.changeLog().length }),
});
const calendar = window.calendar = new FullCalendar.Calendar(document.getElementById("timeline"), {
  schedulerLicenseKey: "GPL-My-Project-Is-Open-Source",
  initialView: "resourceTimelineDay", initialDate: "2026-12-07", timeZone: "UTC",
  slotMinTime: "06:00:00", slotMaxTime: "20:00:00", slotDuration: "01:00:00", resourceAreaWidth: "120px",
  height: "auto", editable: true,
  ...resourceEvents(roster),
  eventDidMount: (info) => { info.el.dataset.shiftId = info.event.extendedProps.shiftId; info.el.dataset.resourceId = info.event.getResources()[0]?.id; },
  ...adapter,
  // What the adapter answered, as FullCalendar asked it while dragging.
  eventAllow(dropInfo, event) {
    const answer = adapter.eventAllow(dropInfo, event);
    log.allow.push({ event: event?.id, resource: dropInfo.resource?.id, start: dropInfo.start.toISOString(), answer });
    return answer;
  },
});
calendar.render();
window.ready = true;
`;

const RESULTS = join(ROOT, "test-results");
mkdirSync(RESULTS, { recursive: true });

/** 127.0.0.1: the two pages, /pkg/ (the built package) and FullCalendar from node_modules. */
const serve = () =>
  servePage(
    { "/": PAGE, "/page.js": SCRIPT, "/resources.html": RESOURCE_PAGE, "/resources.js": RESOURCE_SCRIPT },
    { mounts: [["/pkg/", PKG], ["/fc/", join(ROOT, "node_modules/fullcalendar")], ["/fcp/", join(ROOT, "node_modules/@fullcalendar")]] },
  );

const skip = !existsSync(CHROMIUM)
  ? "no /usr/bin/chromium (make setup installs it)"
  : !existsSync(join(ROOT, "node_modules/fullcalendar")) || !existsSync(join(ROOT, "node_modules/@fullcalendar/resource-timeline"))
    ? "no node_modules/fullcalendar or @fullcalendar/resource-timeline (npm ci)"
    : false;

test("adapters in headless Chromium", { skip }, async (t) => {
  const server = await serve();
  const profile = mkdtempSync(join(tmpdir(), "credgate-chromium-"));
  const browser = await launchChromium(profile, { viewport: { width: 1000, height: 1400 } });
  t.after(async () => {
    await browser.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  });
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.ready === true, null, { timeout: 20_000 });

  /** Drags shift `id`'s event so that its top lands on `time` of `date`. */
  const dragEvent = async (id, date, time) => {
    const from = await page.locator(`.fc-event[data-shift-id="${id}"]:not(.fc-event-dragging):not(.fc-event-mirror)`).first().boundingBox();
    const col = await page.locator(`.fc-timegrid-col[data-date="${date}"]`).boundingBox();
    const slot = await page.locator(`.fc-timegrid-slot-lane[data-time="${time}"]`).boundingBox();
    const grab = { x: from.x + from.width / 2, y: from.y + 4 };
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(grab.x, grab.y + 12, { steps: 4 });
    await page.mouse.move(col.x + col.width / 2, slot.y + 4, { steps: 12 });
    await page.mouse.up();
    // FullCalendar animates a refused drop back (dragRevertDuration, 500 ms).
    await page.waitForTimeout(700);
  };
  const shiftTimes = () => page.evaluate(() => Object.fromEntries(window.engine.export().roster.shifts.map((s) => [s.id, [s.start, s.end]])));

  await t.test("FullCalendar: a drop onto e1's other shift is refused, a free slot is taken", async () => {
    await dragEvent("s1", "2026-12-07", "13:00:00"); // 13:00-17:00 overlaps s2
    let log = await page.evaluate(() => window.log);
    assert.ok(log.previews.some((p) => p.id === "s1" && p.statuses.includes("block")), JSON.stringify(log));
    assert.deepEqual((await shiftTimes()).s1, [ROSTER.shifts[0].start, ROSTER.shifts[0].end], "refused: nothing moved");

    await dragEvent("s1", "2026-12-08", "08:00:00"); // Tuesday: e1's BLS has expired
    assert.deepEqual((await shiftTimes()).s1, [ROSTER.shifts[0].start, ROSTER.shifts[0].end]);

    await dragEvent("s1", "2026-12-07", "06:00:00"); // earlier the same day: fine
    log = await page.evaluate(() => window.log);
    assert.deepEqual(log.results.at(-1), { id: "s1", applied: true, refused: false }, JSON.stringify(log));
    assert.deepEqual((await shiftTimes()).s1, ["2026-12-07T06:00:00Z", "2026-12-07T10:00:00Z"]);
    const shown = await page.evaluate(() => window.calendar.getEventById("s1").start.toISOString());
    assert.equal(shown, "2026-12-07T06:00:00.000Z");
  });

  await t.test("FullCalendar resource timeline: a shift dragged onto another person's row is handed over, or refused while dragging", async () => {
    const rt = await browser.newPage();
    rt.on("pageerror", (e) => errors.push(String(e)));
    rt.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await rt.goto(`http://127.0.0.1:${server.address().port}/resources.html`);
    await rt.waitForFunction(() => window.ready === true, null, { timeout: 20_000 });
    t.after(() => rt.close());

    const lane = (employee) => rt.locator(`td.fc-timeline-lane[data-resource-id="${employee}"]`).boundingBox();
    const eventBox = (shift, employee) => rt.locator(`.fc-timeline-event[data-shift-id="${shift}"][data-resource-id="${employee}"]:not(.fc-event-mirror)`).first().boundingBox();
    /** Which row each of a shift's events is drawn in, by where it is (not by its attributes). */
    const rowsOf = async (shift) => {
      const rows = [];
      for (const employee of ["e1", "e2", "e3"]) {
        const l = await lane(employee);
        for (const el of await rt.locator(`.fc-timeline-event[data-shift-id="${shift}"]:not(.fc-event-mirror)`).all()) {
          const b = await el.boundingBox();
          if (b && b.y + b.height / 2 > l.y && b.y + b.height / 2 < l.y + l.height) rows.push(employee);
        }
      }
      return rows.sort();
    };
    /**
     * Grabs `shift`'s event on `employee`'s row and drops it `dx` pixels across, on `target`'s
     * row; `shot` names a screenshot taken in test-results/ just before the drop.
     */
    const drag = async (shift, employee, target, dx = 0, shot = null) => {
      const from = await eventBox(shift, employee);
      const to = await lane(target);
      const grab = { x: from.x + 12, y: from.y + from.height / 2 };
      await rt.mouse.move(grab.x, grab.y);
      await rt.mouse.down();
      await rt.mouse.move(grab.x + 2, grab.y + 8, { steps: 4 });
      await rt.mouse.move(grab.x + dx, to.y + to.height / 2, { steps: 12 });
      if (shot) await rt.screenshot({ path: join(RESULTS, shot) });
      await rt.mouse.up();
      await rt.waitForTimeout(700); // a refused drop animates back (dragRevertDuration, 500 ms)
    };
    const state = () => rt.evaluate(() => ({ log: window.log, shifts: Object.fromEntries(window.engine.export().roster.shifts.map((s) => [s.id, { assigned: s.assigned, start: s.start, end: s.end }])) }));
    const slot = (await lane("e1")).width / 14; // 06:00 to 20:00, one slot an hour

    assert.deepEqual(await rowsOf("s1"), ["e1"]);
    assert.deepEqual(await rowsOf("s2"), ["e1", "e3"]);
    assert.equal(await rt.locator(".fc-license-message").count(), 0, "the licence key is accepted");

    // Onto Cy's row: Cy holds no BLS. Not allowed while dragging, with the reason; nothing changes.
    await drag("s1", "e1", "e3", 0, "resource-timeline-refused.png");
    let { log, shifts } = await state();
    const toCy = log.allow.filter((a) => a.event === "s1/e1" && a.resource === "e3");
    assert.ok(toCy.length > 0, `eventAllow was asked about Cy's row: ${JSON.stringify(log.allow)}`);
    assert.ok(toCy.every((a) => a.answer === false), JSON.stringify(toCy));
    const cyPreview = log.previews.find((p) => p.employeeId === "e3");
    assert.equal(cyPreview.handover, true);
    assert.equal(cyPreview.allowed, false);
    assert.ok(cyPreview.reasons.some((r) => /no BLS/.test(r)), JSON.stringify(cyPreview));
    assert.deepEqual(log.results, [], "a drop that was not allowed never reaches eventDrop");
    assert.deepEqual(shifts.s1.assigned, ["e1"]);
    assert.deepEqual(await rowsOf("s1"), ["e1"]);

    // Onto Ben's row, at the same time: Ben holds BLS for ever. Assigned to Ben, Ana taken off.
    await drag("s1", "e1", "e2");
    ({ log, shifts } = await state());
    assert.ok(log.allow.some((a) => a.event === "s1/e1" && a.resource === "e2" && a.answer === true), JSON.stringify(log.allow));
    assert.deepEqual(log.results, [{ kind: "handover", shiftId: "s1", from: "e1", to: "e2", moved: false, applied: true, refused: false, undo: 1 }], "one batch, one log entry");
    assert.deepEqual(shifts.s1, { assigned: ["e2"], start: RESOURCE_ROSTER.shifts[0].start, end: RESOURCE_ROSTER.shifts[0].end });
    assert.deepEqual(await rowsOf("s1"), ["e2"], "the event is drawn in Ben's row");
    assert.equal(await rt.evaluate(() => window.calendar.getEventById("s1/e2")?.getResources()[0]?.id), "e2", "renamed after its person");

    // Onto Ana's row an hour later: handed back and moved, one batch [moveShift, assign, unassign].
    await drag("s1", "e2", "e1", slot);
    ({ log, shifts } = await state());
    assert.ok(log.previews.some((p) => p.employeeId === "e1" && p.moved && p.allowed && !p.problem), JSON.stringify(log.previews));
    assert.deepEqual(log.results.at(-1), { kind: "handover", shiftId: "s1", from: "e2", to: "e1", moved: true, applied: true, refused: false, undo: 2 });
    assert.deepEqual(shifts.s1, { assigned: ["e1"], start: "2026-12-07T09:00:00Z", end: "2026-12-07T13:00:00Z" });
    assert.deepEqual(await rt.evaluate(() => window.engine.changeLog().at(-1).ops.map((o) => o.op)), ["moveShift", "assign", "unassign"]);
    assert.deepEqual(await rowsOf("s1"), ["e1"]);

    // Along Cy's row, an hour later: the shift moves with both its people (moveShift), and so
    // does Ana's event of it, which shares its groupId.
    await drag("s2", "e3", "e3", slot);
    ({ log, shifts } = await state());
    assert.deepEqual(log.results.at(-1), { kind: "move", shiftId: "s2", applied: true, refused: false, undo: 3 });
    assert.deepEqual(shifts.s2, { assigned: ["e1", "e3"], start: "2026-12-07T15:00:00Z", end: "2026-12-07T19:00:00Z" });
    const groupShown = () => rt.evaluate(() => window.calendar.getEvents().filter((e) => e.groupId === "s2").map((e) => [e.getResources()[0].id, e.start.toISOString()]).sort());
    assert.deepEqual(await groupShown(), [["e1", "2026-12-07T15:00:00.000Z"], ["e3", "2026-12-07T15:00:00.000Z"]]);
    assert.deepEqual(await rowsOf("s2"), ["e1", "e3"]);

    // Cy's event of s2 onto Ben's row an hour earlier: both events move in time (one group), Cy's
    // to Ben's row: one batch, undone as one.
    await drag("s2", "e3", "e2", -slot);
    ({ log, shifts } = await state());
    assert.deepEqual(log.results.at(-1), { kind: "handover", shiftId: "s2", from: "e3", to: "e2", moved: true, applied: true, refused: false, undo: 4 });
    assert.deepEqual(shifts.s2, { assigned: ["e1", "e2"], start: "2026-12-07T14:00:00Z", end: "2026-12-07T18:00:00Z" });
    assert.deepEqual(await groupShown(), [["e1", "2026-12-07T14:00:00.000Z"], ["e2", "2026-12-07T14:00:00.000Z"]]);
    assert.deepEqual(await rowsOf("s2"), ["e1", "e2"]);
    const undone = await rt.evaluate(() => (window.engine.undo(), window.engine.export().roster.shifts.find((s) => s.id === "s2")));
    assert.deepEqual([undone.assigned, undone.start], [["e1", "e3"], "2026-12-07T15:00:00Z"], "one undo takes the whole drop back");
    await rt.screenshot({ path: join(RESULTS, "resource-timeline.png") });
  });

  await t.test("FullCalendar resource views: a refused hand-over asks override, and reverts without one", async () => {
    const outcome = await page.evaluate(async () => {
      const { fullCalendarAdapter } = await import("/pkg/adapters/fullcalendar.js");
      const roster = { employees: [{ id: "e1" }, { id: "e2" }, { id: "e3" }], shifts: [{ id: "s3", start: "2026-12-08T08:00:00Z", end: "2026-12-08T12:00:00Z", requires: "BLS", assigned: ["e2"] }] };
      const engine = window.makeEngine();
      engine.assign("e2", "s3");
      const asked = [];
      const results = [];
      const change = (to) => {
        const event = { id: "s3/e2", start: new Date("2026-12-08T08:00:00Z"), end: new Date("2026-12-08T12:00:00Z"), extendedProps: { shiftId: "s3" } };
        return { event, oldEvent: event, oldResource: { id: "e2" }, newResource: { id: to }, revert: () => results.push({ reverted: to }) };
      };
      const blocked = (r) => r.changes.verdicts.flatMap((c) => (c.after?.status === "block" ? c.after.reasons.filter((x) => x.severity === "block").map((x) => x.kind) : []));
      const refuse = fullCalendarAdapter(engine, { roster, onResult: (r, c, o) => results.push({ to: o.kind === "handover" && o.to, applied: r.applied, reasons: blocked(r) }) });
      const overrides = fullCalendarAdapter(engine, {
        roster,
        override: (verdicts) => (asked.push(verdicts.map((v) => v.status)), { by: "lead", reason: "BLS renewed, card in the post" }),
        onResult: (r, c, o) => results.push({ to: o.kind === "handover" && o.to, applied: r.applied, refused: r.refused }),
      });
      const dropInfo = { start: new Date("2026-12-08T08:00:00Z"), end: new Date("2026-12-08T12:00:00Z"), resource: { id: "e1" } };
      const event = change("e1").event;
      Object.assign(event, { getResources: () => [{ id: "e2" }] });
      const allowed = { refuse: refuse.eventAllow(dropInfo, event), overrides: overrides.eventAllow(dropInfo, event) };
      refuse.eventDrop(change("e1"));
      const afterRefusal = engine.assigned("s3");
      overrides.eventDrop(change("e1"));
      const last = engine.changeLog().at(-1);
      return { allowed, asked, results, afterRefusal, after: engine.assigned("s3"), log: [last.ops.map((o) => o.op), last.override, last.by, last.overridden.map((o) => o.employeeId)] };
    });
    assert.deepEqual(outcome.allowed, { refuse: false, overrides: true }, "with an override callback a blocked row can be dropped on");
    assert.deepEqual(outcome.afterRefusal, ["e2"]);
    assert.deepEqual(outcome.asked, [["block"]]);
    assert.deepEqual(outcome.results, [
      { reverted: "e1" },
      { to: "e1", applied: false, reasons: ["expired"] },
      { to: "e1", applied: true, refused: false },
    ]);
    assert.deepEqual(outcome.after, ["e1"]);
    assert.deepEqual(outcome.log, [["assign", "unassign"], true, "lead", ["e1"]], "one batch, logged with its override");
  });

  // Hand-made contexts, shaped as Scheduler Pro 7.3.2's declarations type them (EventDrag:
  // startDate, endDate, assignmentRecords, eventRecords, newResource, targetEventRecord;
  // beforeEventDropFinalize: the same with valid, async and finalize; EventResize: record,
  // startDate, endDate, originalStartDate, originalEndDate): the trial package is not used
  // (docs/decisions.md, 35).
  await t.test("Bryntum: validatorFn answers {valid, message} for a new resource and a new time", async () => {
    const answers = await page.evaluate(() => {
      const engine = window.makeEngine();
      engine.assign("e2", "s3"); // Ben on s3: dragging his event hands it over
      const validate = window.adapters.bryntumValidator(engine);
      const record = (id, resourceId, start, end) => ({ id, resourceId, startDate: new Date(start), endDate: new Date(end), get: () => undefined });
      const s3 = record("s3", "e2", "2026-12-08T08:00:00Z", "2026-12-08T12:00:00Z");
      const s1 = record("s1", "e1", "2026-12-07T08:00:00Z", "2026-12-07T12:00:00Z");
      const drag = (newResource, startDate = s3.startDate, endDate = s3.endDate) =>
        ({ eventRecords: [s3], assignmentRecords: [], newResource, targetEventRecord: null, startDate, endDate });
      const resize = (endDate) => ({ record: s1, startDate: s1.startDate, endDate: new Date(endDate), originalStartDate: s1.startDate, originalEndDate: s1.endDate });
      return {
        e2: validate(drag({ id: "e2" })),
        e1: validate(drag({ id: "e1" })),
        e3: validate({ eventRecords: [s3], newResource: { id: "e3" } }),
        earlier: validate(drag({ id: "e1" }, new Date("2026-12-07T19:00:00Z"), new Date("2026-12-07T23:00:00Z"))),
        longer: validate(resize("2026-12-07T13:00:00Z")),
        intoS2: validate(resize("2026-12-07T15:00:00Z")),
        onBen: validate({ eventRecords: [s1], assignmentRecords: [{ resourceId: "e1" }], newResource: { id: "e2" }, startDate: new Date("2026-12-08T13:00:00Z"), endDate: new Date("2026-12-08T17:00:00Z") }),
        notOnIt: validate({ eventRecords: [record("s1", "e3", s1.startDate, s1.endDate)], newResource: { id: "e2" } }),
        changed: engine.export().roster.shifts.map((s) => [s.id, s.assigned, s.start]),
      };
    });
    assert.deepEqual(answers.onBen, { valid: true, message: "" }, "s1 handed to Ben on Tuesday afternoon: he holds BLS for ever");
    assert.deepEqual(answers.notOnIt, { valid: false, message: "not on shift s1 in the roster" }, "as the drop cancels it");
    assert.deepEqual(answers.changed, [["s1", ["e1"], ROSTER.shifts[0].start], ["s2", ["e1"], ROSTER.shifts[1].start], ["s3", ["e2"], ROSTER.shifts[2].start]], "previews change nothing");
    assert.deepEqual(answers.e2, { valid: true, message: "" });
    assert.equal(answers.e1.valid, false);
    assert.match(answers.e1.message, /BLS \(c1\) expired/);
    assert.equal(answers.e3.valid, false);
    assert.match(answers.e3.message, /no BLS/);
    assert.deepEqual(answers.earlier, { valid: true, message: "" }, "moved into Monday evening, e1's card still covers it");
    assert.deepEqual(answers.longer, { valid: true, message: "" }, "EventResize's context: s1 to 13:00 is fine for e1");
    assert.deepEqual(
      answers.intoS2,
      { valid: false, message: "already working shift s2 (14:00–18:00 on 7 Dec); already working shift s1 (08:00–15:00 on 7 Dec)" },
      "s1 to 15:00 runs into e1's s2: both of her assignments newly blocked",
    );
  });

  await t.test("Bryntum: the beforeEventDropFinalize listener hands a shift over, moves it, or cancels the drop", async () => {
    const outcome = await page.evaluate(async () => {
      const roster = { shifts: [{ id: "s1", start: "2026-12-07T08:00:00Z" }, { id: "s2", start: "2026-12-07T14:00:00Z" }] };
      const record = (id, resourceId, start, end) => ({ id, resourceId, startDate: new Date(start), endDate: new Date(end), get: () => undefined });
      /**
       * The listener's argument for a drop of shift `id`, dragged from `from`'s row, on `to`'s
       * row, at the shift's time in the engine unless `start`/`end` say otherwise.
       */
      const drop = (engine, id, from, to, start, end) => {
        const s = engine.export().roster.shifts.find((x) => x.id === id);
        const context = {
          eventRecords: [record(id, from, s.start, s.end)], assignmentRecords: [{ id: `a-${id}`, eventId: id, resourceId: from }],
          newResource: { id: to }, resourceRecord: { id: from }, targetEventRecord: null,
          startDate: new Date(start ?? s.start), endDate: new Date(end ?? s.end), valid: true, async: false,
          finalized: [], finalize(valid) { this.finalized.push(valid); return Promise.resolve(); },
        };
        return { source: {}, context, domEvent: {} };
      };
      const results = [];
      // The kinds of the block reasons of the assignments the batch (newly) blocks.
      const blocked = (result) => (result?.changes.verdicts ?? []).flatMap((c) => (c.after?.status === "block" && c.before !== "block" ? c.after.reasons.filter((r) => r.severity === "block").map((r) => r.kind) : []));
      const onResult = (result, context, outcome) => results.push({ ...outcome, applied: result?.applied ?? null, refused: result?.refused ?? null, reasons: blocked(result) });
      const lastLog = (engine) => { const l = engine.changeLog().at(-1); return l && [l.ops.map((o) => `${o.op} ${o.employeeId ?? ""} ${o.shiftId}`.replace("  ", " ")), l.override, l.by ?? null]; };
      const shown = ({ context }) => ({ valid: context.valid, async: context.async, finalized: [...context.finalized] });
      const times = (engine, id) => engine.export().roster.shifts.filter((x) => x.id === id).map((x) => [x.start, x.end])[0];
      const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
      const { bryntumDrop } = window.adapters;
      const out = {};

      // Ben holds BLS for ever: s1 goes from Ana to him.
      let engine = window.makeEngine();
      let listener = bryntumDrop(engine, { roster, onResult });
      let e = drop(engine, "s1", "e1", "e2");
      listener(e);
      out.handover = { drop: shown(e), assigned: engine.assigned("s1"), results: results.splice(0) };

      // Cy holds none: cancelled, nothing changed.
      engine = window.makeEngine();
      listener = bryntumDrop(engine, { roster, onResult });
      e = drop(engine, "s1", "e1", "e3");
      listener(e);
      out.blocked = { drop: shown(e), assigned: engine.assigned("s1"), overrides: engine.overrides().length, results: results.splice(0) };

      // The same with an override callback: asked with the verdicts, the drop is made and logged.
      const asked = [];
      const override = (verdicts, context) => (asked.push([verdicts.map((v) => v.status), context.newResource.id]), { by: "lead", reason: "BLS renewed, card in the post" });
      listener = bryntumDrop(engine, { roster, onResult, override });
      e = drop(engine, "s1", "e1", "e3");
      listener(e);
      out.overridden = { drop: shown(e), asked, assigned: engine.assigned("s1"), log: lastLog(engine), results: results.splice(0) };

      // Along Ana's row: s1 two hours earlier (moveShift), then into her s2 (refused: overlap).
      engine = window.makeEngine();
      listener = bryntumDrop(engine, { roster, onResult });
      e = drop(engine, "s1", "e1", "e1", "2026-12-07T06:00:00Z", "2026-12-07T10:00:00Z");
      listener(e);
      out.moved = { drop: shown(e), times: times(engine, "s1"), results: results.splice(0) };
      e = drop(engine, "s1", "e1", "e1", "2026-12-07T13:00:00Z", "2026-12-07T17:00:00Z");
      listener(e);
      out.moveRefused = { drop: shown(e), times: times(engine, "s1"), results: results.splice(0) };
      // Where it already is: nothing to do, nothing reported.
      e = drop(engine, "s1", "e1", "e1");
      listener(e);
      out.unchanged = { drop: shown(e), results: results.splice(0) };

      // Onto Ben's row an hour later: handed over and moved, one batch, undone as one.
      e = drop(engine, "s1", "e1", "e2", "2026-12-07T07:00:00Z", "2026-12-07T11:00:00Z");
      listener(e);
      out.handoverMoved = { drop: shown(e), assigned: engine.assigned("s1"), times: times(engine, "s1"), log: lastLog(engine), results: results.splice(0) };
      engine.undo();
      out.handoverMoved.undone = { assigned: engine.assigned("s1"), times: times(engine, "s1") };

      // Several events: s1 and s2 (both Ana's) dragged together. Each drop is first asked of the
      // validator on the same engine: it must agree with what the drop does.
      const validate = window.adapters.bryntumValidator(engine, { roster });
      const agree = [];
      /** Validates, then drops; the validator's answer beside the drop's. */
      const both = (listener, e) => { const v = validate(e.context); listener(e); agree.push([v.valid, e.context.valid]); };
      const several = (engine, from, to, hours, from2 = from) => {
        const e = drop(engine, "s1", from, to, ...[engine.export().roster.shifts[0]].map((s) => [new Date(Date.parse(s.start) + hours * 3600e3), new Date(Date.parse(s.end) + hours * 3600e3)])[0]);
        const s2 = engine.export().roster.shifts[1];
        e.context.eventRecords.push(record("s2", from2, s2.start, s2.end));
        e.context.assignmentRecords.push({ id: "a-s2", eventId: "s2", resourceId: from2 });
        return e;
      };
      // Onto Ben's row an hour earlier: both handed over and moved, one batch.
      e = several(engine, "e1", "e2", -1);
      both(listener, e);
      out.several = { drop: shown(e), assigned: [engine.assigned("s1"), engine.assigned("s2")], times: [times(engine, "s1"), times(engine, "s2")], log: lastLog(engine), results: results.splice(0) };
      engine.undo();
      out.several.undone = { assigned: [engine.assigned("s1"), engine.assigned("s2")], times: [times(engine, "s1"), times(engine, "s2")], canUndo: engine.canUndo() };
      // Along Ana's row a day later: Tuesday, her BLS has expired: the whole batch is refused, nothing moves.
      e = several(engine, "e1", "e1", 24);
      both(listener, e);
      out.severalRefused = { drop: shown(e), times: [times(engine, "s1"), times(engine, "s2")], results: results.splice(0) };
      // The same with an override: applied, and logged once with the blocked pair.
      const lead = bryntumDrop(engine, { roster, onResult, override: () => ({ by: "lead", reason: "renewal booked" }) });
      e = several(engine, "e1", "e1", 24);
      lead(e);
      const entry = engine.changeLog().at(-1);
      out.severalOverridden = { drop: shown(e), times: [times(engine, "s1"), times(engine, "s2")], log: lastLog(engine), overridden: entry.overridden.map((o) => [o.employeeId, o.shiftId, o.kind]), results: results.splice(0) };
      engine.undo();
      // From two rows onto a third: where the second lands is not known: cancelled.
      engine.assign("e3", "s2");
      e = several(engine, "e1", "e2", 0, "e3");
      both(listener, e);
      out.severalRows = { drop: shown(e), assigned: [engine.assigned("s1"), engine.assigned("s2")], results: results.splice(0) };
      out.agree = agree;

      // An override from a dialog (a promise): the drop waits (async) and is finalized once it is answered.
      engine = window.makeEngine();
      let answer;
      listener = bryntumDrop(engine, { roster, onResult, override: () => new Promise((resolve) => { answer = resolve; }) });
      e = drop(engine, "s1", "e1", "e3");
      listener(e);
      const waiting = { drop: shown(e), assigned: engine.assigned("s1") };
      answer({ by: "lead", reason: "agency cover, confirmed by phone" });
      await tick();
      out.async = { waiting, drop: shown(e), assigned: engine.assigned("s1"), log: lastLog(engine), results: results.splice(0) };
      // Back to Ana, whose BLS still holds on Monday: allowed, so the dialog is not asked and the drop is not async.
      e = drop(engine, "s1", "e3", "e1");
      listener(e);
      out.notAsked = { drop: shown(e), assigned: engine.assigned("s1"), results: results.splice(0) };
      // The dialog dismissed (no override): finalize(false), nothing changed.
      listener = bryntumDrop(engine, { roster, onResult, override: async () => undefined });
      engine.assign("e2", "s3");
      e = drop(engine, "s3", "e2", "e3");
      listener(e);
      await tick();
      out.declined = { drop: shown(e), assigned: engine.assigned("s3"), results: results.splice(0) };
      // From a row whose person is not on the shift in the engine: cancelled.
      e = drop(engine, "s3", "e1", "e3");
      listener(e);
      out.unknown = { drop: shown(e), results: results.splice(0) };
      return out;
    });
    const ok = { valid: true, async: false, finalized: [] };
    const cancelled = { valid: false, async: false, finalized: [] };
    const handover = (shiftId, from, to, applied, reasons = [], moved = false) => ({ kind: "handover", shiftId, from, to, moved, applied, refused: !applied, reasons });
    const cancel = (problem, shiftId = "s1") => ({ kind: "cancelled", shiftId, problem, applied: null, refused: null, reasons: [] });
    assert.deepEqual(outcome.handover, { drop: ok, assigned: ["e2"], results: [handover("s1", "e1", "e2", true)] });
    assert.deepEqual(outcome.blocked, { drop: cancelled, assigned: ["e1"], overrides: 0, results: [handover("s1", "e1", "e3", false, ["missing"])] });
    assert.deepEqual(outcome.overridden.drop, ok);
    assert.deepEqual(outcome.overridden.asked, [[["block"], "e3"]]);
    assert.deepEqual(outcome.overridden.assigned, ["e3"], "the new person on the shift, the old one off it");
    assert.deepEqual(outcome.overridden.log, [["assign e3 s1", "unassign e1 s1"], true, "lead"]);
    assert.deepEqual(outcome.overridden.results, [handover("s1", "e1", "e3", true, ["missing"])]);
    const move = (applied, reasons = []) => ({ kind: "move", shiftId: "s1", applied, refused: !applied, reasons });
    assert.deepEqual(outcome.moved, { drop: ok, times: ["2026-12-07T06:00:00Z", "2026-12-07T10:00:00Z"], results: [move(true)] });
    assert.deepEqual(outcome.moveRefused, { drop: cancelled, times: ["2026-12-07T06:00:00Z", "2026-12-07T10:00:00Z"], results: [move(false, ["overlap", "overlap"])] });
    assert.deepEqual(outcome.unchanged, { drop: ok, results: [] });
    assert.deepEqual(outcome.handoverMoved, {
      drop: ok, assigned: ["e2"], times: ["2026-12-07T07:00:00Z", "2026-12-07T11:00:00Z"],
      log: [["moveShift s1", "assign e2 s1", "unassign e1 s1"], false, null], results: [handover("s1", "e1", "e2", true, [], true)],
      undone: { assigned: ["e1"], times: ["2026-12-07T06:00:00Z", "2026-12-07T10:00:00Z"] },
    });
    assert.deepEqual(outcome.several, {
      drop: ok, assigned: [["e2"], ["e2"]], times: [["2026-12-07T05:00:00Z", "2026-12-07T09:00:00Z"], ["2026-12-07T13:00:00Z", "2026-12-07T17:00:00Z"]],
      log: [["moveShift s1", "assign e2 s1", "unassign e1 s1", "moveShift s2", "assign e2 s2", "unassign e1 s2"], false, null],
      results: [{ kind: "several", parts: [{ kind: "handover", shiftId: "s1", from: "e1", to: "e2", moved: true }, { kind: "handover", shiftId: "s2", from: "e1", to: "e2", moved: true }], applied: true, refused: false, reasons: [] }],
      undone: { assigned: [["e1"], ["e1"]], times: [["2026-12-07T06:00:00Z", "2026-12-07T10:00:00Z"], ["2026-12-07T14:00:00Z", "2026-12-07T18:00:00Z"]], canUndo: true },
    });
    const alongAna = { kind: "several", parts: [{ kind: "move", shiftId: "s1" }, { kind: "move", shiftId: "s2" }] };
    assert.deepEqual(outcome.severalRefused, {
      drop: cancelled, times: [["2026-12-07T06:00:00Z", "2026-12-07T10:00:00Z"], ["2026-12-07T14:00:00Z", "2026-12-07T18:00:00Z"]],
      results: [{ ...alongAna, applied: false, refused: true, reasons: ["expired"] }],
    });
    assert.deepEqual(outcome.severalOverridden, {
      drop: ok, times: [["2026-12-08T06:00:00Z", "2026-12-08T10:00:00Z"], ["2026-12-08T14:00:00Z", "2026-12-08T18:00:00Z"]],
      log: [["moveShift s1", "moveShift s2"], true, "lead"], overridden: [["e1", "s1", "expired"]],
      results: [{ ...alongAna, applied: true, refused: false, reasons: ["expired"] }],
    });
    assert.deepEqual(outcome.severalRows, { drop: cancelled, assigned: [["e1"], ["e1", "e3"]], results: [cancel("several")] });
    assert.deepEqual(outcome.agree, [[true, true], [false, false], [false, false]], "the validator answers what the drop does");
    assert.deepEqual(outcome.async.waiting, { drop: { valid: true, async: true, finalized: [] }, assigned: ["e1"] }, "nothing changes while the dialog is open");
    assert.deepEqual(outcome.async.drop, { valid: true, async: true, finalized: [true] });
    assert.deepEqual(outcome.async.assigned, ["e3"]);
    assert.deepEqual(outcome.async.log, [["assign e3 s1", "unassign e1 s1"], true, "lead"]);
    assert.deepEqual(outcome.async.results, [handover("s1", "e1", "e3", true, ["missing"])]);
    assert.deepEqual(outcome.notAsked, { drop: ok, assigned: ["e1"], results: [handover("s1", "e3", "e1", true)] });
    assert.deepEqual(outcome.declined, { drop: { valid: true, async: true, finalized: [false] }, assigned: ["e2"], results: [handover("s3", "e2", "e3", false, ["missing"])] });
    assert.deepEqual(outcome.unknown, { drop: cancelled, results: [cancel("unknown", "s3")] });
  });

  await t.test("HTML5 drag and drop: targets marked, blocked drops refused, allowed drops assigned", async () => {
    const outcome = await page.evaluate(() => {
      const engine = window.makeEngine();
      const results = [];
      const dnd = window.adapters.attachDragAndDrop(engine, document, { onResult: (r, { employeeId, shiftId }) => results.push({ employeeId, shiftId, applied: r.applied }) });
      const dt = new DataTransfer();
      const fire = (el, type) => {
        const event = new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt });
        el.dispatchEvent(event);
        return event.defaultPrevented;
      };
      const q = (sel) => document.querySelector(sel);
      const marks = (sel) => Object.fromEntries([...document.querySelectorAll(sel)].map((el) => [el.dataset.shiftId ?? el.dataset.employeeId, el.getAttribute("data-credgate-status")]));

      fire(q('[data-employee-id="e1"]'), "dragstart");
      const e1Marks = marks("[data-shift-id]");
      const overBlocked = fire(q('[data-shift-id="s3"]'), "dragover");
      const overOk = fire(q('[data-shift-id="s1"]'), "dragover");
      fire(q('[data-employee-id="e1"]'), "dragend");
      const cleared = marks("[data-shift-id]");

      fire(q('[data-shift-id="s1"]'), "dragstart");
      const s1Marks = marks("[data-employee-id]");
      fire(q('[data-employee-id="e2"]'), "dragover");
      fire(q('[data-employee-id="e2"]'), "drop");
      const after = engine.assigned("s1");
      const afterMarks = marks("[data-employee-id]");
      dnd.detach();
      return { e1Marks, overBlocked, overOk, cleared, s1Marks, results, after, afterMarks };
    });
    assert.deepEqual(outcome.e1Marks, { s1: "ok", s2: "ok", s3: "block" });
    assert.equal(outcome.overBlocked, false, "a blocked target does not accept the drop");
    assert.equal(outcome.overOk, true);
    assert.deepEqual(outcome.cleared, { s1: null, s2: null, s3: null });
    assert.deepEqual(outcome.s1Marks, { e1: "ok", e2: "ok", e3: "block" });
    assert.deepEqual(outcome.results, [{ employeeId: "e2", shiftId: "s1", applied: true }]);
    assert.deepEqual(outcome.after, ["e1", "e2"]);
    assert.deepEqual(outcome.afterMarks, { e1: null, e2: null, e3: null });
  });

  assert.deepEqual(errors, []);
});
