// The adapters (pkg/adapters/) in headless Chromium: a real FullCalendar (v6, the `fullcalendar`
// bundle) whose events are dragged with the mouse; Bryntum's validatorFn called with the
// context objects Bryntum passes; and the plain HTML5 drag-and-drop helper driven by DragEvents.
// One small roster: e1 holds BLS until the end of Monday 7 December, e2 holds it for ever.
import test from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createReadStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { CHROMIUM, PKG, ROOT, launchChromium } from "./helpers.mjs";

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
import { bryntumValidator } from "/pkg/adapters/bryntum.js";
import { attachDragAndDrop } from "/pkg/adapters/dnd.js";
const roster = ${JSON.stringify(ROSTER)};
const credentials = ${JSON.stringify(CREDENTIALS)};
window.log = { previews: [], results: [] };
window.makeEngine = () => Engine.load(roster, credentials);
window.adapters = { bryntumValidator, attachDragAndDrop };
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

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };

function serve() {
  const mounts = [["/pkg/", PKG], ["/fc/", join(ROOT, "node_modules/fullcalendar")]];
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x").pathname;
    if (url === "/" || url === "/index.html") return res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
    if (url === "/page.js") return res.writeHead(200, { "content-type": "text/javascript" }).end(SCRIPT);
    const mount = mounts.find(([prefix]) => url.startsWith(prefix));
    if (!mount) return res.writeHead(404).end();
    const path = normalize(join(mount[1], decodeURIComponent(url.slice(mount[0].length))));
    if (!path.startsWith(mount[1] + sep) || !existsSync(path)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const skip = !existsSync(CHROMIUM) ? "no /usr/bin/chromium (make setup installs it)" : !existsSync(join(ROOT, "node_modules/fullcalendar")) ? "no node_modules/fullcalendar (npm ci)" : false;

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

  await t.test("Bryntum: validatorFn answers {valid, message} for a new resource and a new time", async () => {
    const answers = await page.evaluate(() => {
      const validate = window.adapters.bryntumValidator(window.makeEngine());
      const record = (id, resourceId, start, end) => ({ id, resourceId, startDate: new Date(start), endDate: new Date(end), get: () => undefined });
      const s3 = record("s3", "e2", "2026-12-08T08:00:00Z", "2026-12-08T12:00:00Z");
      return {
        e2: validate({ eventRecords: [s3], newResource: { id: "e2" }, startDate: s3.startDate, endDate: s3.endDate }),
        e1: validate({ eventRecords: [s3], newResource: { id: "e1" }, startDate: s3.startDate, endDate: s3.endDate }),
        e3: validate({ eventRecords: [s3], newResource: { id: "e3" } }),
        earlier: validate({ eventRecords: [s3], newResource: { id: "e1" }, startDate: new Date("2026-12-07T19:00:00Z"), endDate: new Date("2026-12-07T23:00:00Z") }),
      };
    });
    assert.deepEqual(answers.e2, { valid: true, message: "" });
    assert.equal(answers.e1.valid, false);
    assert.match(answers.e1.message, /BLS \(c1\) expired/);
    assert.equal(answers.e3.valid, false);
    assert.match(answers.e3.message, /no BLS/);
    assert.deepEqual(answers.earlier, { valid: true, message: "" }, "moved into Monday evening, e1's card still covers it");
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
