// The demo with the SPEC §5 data set, as a user meets it: `bench/generate.mjs --seed 1 --scale 1`
// (5,000 people, 100,000 shifts, 24 MiB of JSON) dropped on the page, then a real mouse drag
// across rows, with the board scrolling under it, and a drop.
//
//   make test-e2e                           (builds pkg/ first)
//   node --test e2e/large.test.mjs          (when pkg/ is built)
//   CREDGATE_E2E_SCALE=2 node --test e2e/large.test.mjs    (twice the size)
//
// It prints its figures (time from the drop to a usable board; from the Long Tasks API, the
// longest main-thread task while loading (the engine loads in a Web Worker), while dragging,
// undoing the assignment with Ctrl+Z, and while scrolling by the wheel, jumping to the end,
// opening the shift dialog and filtering) and writes them to
// test-results/large.json; BENCHMARKS.md records them. A benchmark is never a timed test: the
// assertions are on outcomes (the rows in the DOM, the colours of a drag, the drop's result),
// and the only bounds on time are ones no run can miss.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, RESULTS, startDemo, openDemo } from "./harness.mjs";

const SCALE = process.env.CREDGATE_E2E_SCALE || "1";
// A sanity bound on each wait (the issue measured 19.9 s to a usable board before this board).
const PATIENCE = 120_000;

let demo;
let dir;
let generateMs = 0;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "credgate-e2e-large-"));
  const t = performance.now();
  execFileSync(process.execPath, [join(ROOT, "bench", "generate.mjs"), "--seed", "1", "--scale", SCALE, "--out", dir], { stdio: ["ignore", "ignore", "pipe"] });
  generateMs = performance.now() - t;
  demo = await startDemo();
});

after(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs in the page before its own scripts: every long task (over 50 ms) of the main thread. */
function observeLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
}

/** The long tasks that overlap [from, to] (page clock): the longest, how many, their sum. */
async function longTasks(page, from, to) {
  const tasks = (await page.evaluate(() => window.__longTasks)).filter(([s, d]) => s + d >= from && s <= to);
  return { longest: Math.round(Math.max(0, ...tasks.map(([, d]) => d))), count: tasks.length, total: Math.round(tasks.reduce((n, [, d]) => n + d, 0)) };
}

/** Drops both files on the page, as a user dragging them from a file manager would. */
async function dropFiles(page, paths) {
  // The files go through a file input of the test's own, into a DataTransfer, as in a real drop.
  await page.evaluate(() => {
    const input = Object.assign(document.createElement("input"), { type: "file", multiple: true, id: "e2e-files", hidden: true });
    document.body.append(input);
  });
  await page.setInputFiles("#e2e-files", paths);
  return page.evaluate(() => {
    const input = document.getElementById("e2e-files");
    const dt = new DataTransfer();
    for (const f of input.files) dt.items.add(f);
    input.remove();
    const t0 = performance.now();
    document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    return t0;
  });
}

/** Two animation frames: whatever the last input started has been drawn. */
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

test(`the SPEC §5 data set (x${SCALE}): a virtualised board, a drag that colours the rows it scrolls to, and its figures`, { timeout: 5 * PATIENCE }, async () => {
  const figures = { scale: Number(SCALE), generateMs: Math.round(generateMs) };
  const { page, context, errors } = await openDemo(demo, { width: 1440, height: 900, init: observeLongTasks });

  // ---- load ---------------------------------------------------------------------------------
  const t0 = await dropFiles(page, [join(dir, "roster.json"), join(dir, "credentials.json")]);
  // Usable: the new roster's rows are drawn, the page is not loading any more, and a frame
  // comes (so the main thread is free to take a pointer press). Polled on animation frames.
  const usableAt = await (
    await page.waitForFunction(
      () => !document.body.dataset.busy && document.querySelector('tr[data-emp^="e-00"]') && performance.now(),
      null,
      { polling: "raf", timeout: PATIENCE },
    )
  ).jsonValue();
  figures.usableMs = Math.round(usableAt - t0);
  figures.load = await longTasks(page, t0, usableAt);
  // The page's own steps (User Timing measures), when it has them.
  figures.steps = await page.evaluate((from) => Object.fromEntries(performance.getEntriesByType("measure").filter((m) => m.name.startsWith("credgate:") && m.startTime >= from).map((m) => [m.name.slice(9), Math.round(m.duration)])), t0);
  // Each long task of the load: its length, when it started (ms after the drop) and the steps
  // of a single task (measures no longer than the task) that it holds, to tell what it was.
  figures.load.tasks = await page.evaluate(
    ([from, to]) => {
      const measures = performance.getEntriesByType("measure").filter((m) => m.name.startsWith("credgate:") && m.startTime >= from);
      return window.__longTasks
        .filter(([s, d]) => s + d >= from && s <= to)
        .map(([s, d]) => [Math.round(d), Math.round(s - from), measures.filter((m) => m.startTime >= s - 1 && m.startTime + m.duration <= s + d + 1).map((m) => m.name.slice(9)).join("+")]);
    },
    [t0, usableAt],
  );
  // Where the engine loaded: in the worker (credgate/worker), the page's engine from its snapshot.
  figures.loadedIn = await page.evaluate(() => window.credgateDemo.loadedIn);
  figures.rowsInDom = await page.locator("tr[data-emp]").count();
  figures.cellsInDom = await page.locator("tr[data-emp] td").count();
  figures.chipsInDom = await page.locator("tr[data-emp] .chip").count();
  // The counts come from one pass over validate(): the data set's own (BENCHMARKS.md, "The data set").
  const summary = await page.locator("#summary").innerText();
  if (SCALE === "1") for (const part of [/100,715 assignments/, /90,254 ok/, /407 warn/, /10,054 blocked/]) assert.match(summary, part);
  await page.screenshot({ path: join(RESULTS, "large.png") });

  // ---- a drag: a chip from a row near the top, down across rows, resting at the bottom edge
  // (the board scrolls and draws new rows, coloured as they come), then a drop on a row that
  // may take the shift. ---------------------------------------------------------------------
  const source = await page.evaluate(() => {
    const lane = document.querySelector("tr[data-lane] > th").getBoundingClientRect();
    const chips = [...document.querySelectorAll("tr[data-emp] .chip")].filter((chip) => {
      const r = chip.getBoundingClientRect();
      return r.top > lane.bottom + 8 && r.left > 300 && r.right < window.innerWidth - 200;
    });
    // An ICU nurse's shift, if there is one in view: most rows nearby may take it.
    const chip = chips.find((c) => c.querySelector(".chip-role")?.textContent === "ICU-RN") || chips[0];
    if (!chip) return null;
    const r = chip.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, shift: chip.dataset.shift, emp: chip.dataset.emp, day: chip.closest("td").dataset.day };
  });
  assert.ok(source, "a chip in a row in view");
  const wrapBox = await page.locator("#board-wrap").boundingBox();
  const scrollBefore = await page.locator("#board-wrap").evaluate((w) => w.scrollTop);
  const dragStart = await page.evaluate(() => performance.now());
  await page.mouse.move(source.x, source.y);
  await page.mouse.down();
  // Down the column, across rows, to just above the bottom edge's scrolling band.
  const bottom = wrapBox.y + wrapBox.height;
  await page.mouse.move(source.x + 4, source.y + 6, { steps: 2 });
  await page.mouse.move(source.x, bottom - 60, { steps: 25 });
  const midDrag = await page.evaluate(() => ({
    coloured: document.querySelectorAll("tr.drop-row.drop-ok, tr.drop-row.drop-warn, tr.drop-row.drop-block").length,
    ok: document.querySelectorAll("tr.drop-row.drop-ok").length,
    tip: document.querySelector("#drag-tip").hidden ? "" : document.querySelector("#drag-tip").textContent,
  }));
  // Rest in the band: the board scrolls by itself.
  await page.mouse.move(source.x, bottom - 12, { steps: 3 });
  await page.waitForFunction((before) => document.querySelector("#board-wrap").scrollTop > before + 400, scrollBefore, { timeout: PATIENCE });
  // Back up, out of the band; the rows drawn while scrolling are coloured too.
  await page.mouse.move(source.x, bottom - 200, { steps: 5 });
  const afterScroll = await page.evaluate((day) => {
    const rows = [...document.querySelectorAll("tr[data-emp]")];
    const wrap = document.querySelector("#board-wrap").getBoundingClientRect();
    const inView = rows.filter((tr) => {
      const r = tr.getBoundingClientRect();
      return r.top >= wrap.top + 120 && r.bottom <= wrap.bottom - 40;
    });
    const landing = (tr) => {
      const r = tr.querySelector(`td[data-day="${day}"]`).getBoundingClientRect();
      return tr.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
    };
    const targets = inView.filter((tr) => tr.classList.contains("drop-row") && landing(tr));
    return {
      inView: inView.length,
      uncoloured: inView.filter((tr) => !/\bdrop-(ok|warn|block|none)\b/.test(tr.className) && !tr.classList.contains("drag-source-row")).length,
      target: (targets.find((tr) => tr.classList.contains("drop-ok")) || targets[0])?.dataset.emp || null,
      rows: rows.length,
    };
  }, source.day);
  assert.ok(afterScroll.target, "a row to drop on");
  const landing = page.locator(`tr[data-emp="${afterScroll.target}"] td[data-day="${source.day}"]`);
  const box = await landing.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
  const tip = await page.locator("#drag-tip").innerText();
  await page.mouse.up();
  const toast = page.locator("#toasts .toast").last();
  await toast.waitFor({ timeout: PATIENCE });
  await settle(page);
  const dragEnd = await page.evaluate(() => performance.now());
  figures.drag = await longTasks(page, dragStart, dragEnd);
  figures.drag.ms = Math.round(dragEnd - dragStart);
  figures.drag.coloured = midDrag.coloured;
  figures.drag.rowsDuringScroll = afterScroll.rows;
  const toastText = await toast.innerText();
  figures.drop = /Assigned/.test(toastText) ? "assigned" : /Refused/.test(toastText) ? "refused" : toastText;
  figures.rowsAfterDrop = await page.locator("tr[data-emp]").count();
  await page.screenshot({ path: join(RESULTS, "large-drop.png") });

  // ---- a drop that assigns: a shift onto a row in view that may take it (few may: a shift
  // needs its site's induction, its state's licence, the role, a free day), and that row
  // redrawn with it. ------------------------------------------------------------------------
  // The case is chosen from the page's own state: a person with a shift on a day, and a few
  // rows below in the board's order someone the engine says may take it.
  const pick = await page.evaluate(async () => {
    const app = window.credgateDemo;
    const people = app.board.items.filter((item) => item.type === "person").map((item) => item.e.id);
    const days = new Set(app.board.days);
    for (let i = 0; i < Math.min(people.length, 600); i++) {
      for (const shift of app.model.shiftsByEmployee.get(people[i]) || []) {
        const day = shift.start.slice(0, 10);
        if (!days.has(day)) continue;
        const statuses = app.engine.candidateStatuses(shift.id);
        for (let j = i + 3; j < Math.min(i + 8, people.length); j++) {
          if (statuses[app.engine.employeeIndex(people[j])] !== 0) continue;
          // Both rows in view: the source row at the top of the board.
          const wrap = document.querySelector("#board-wrap");
          wrap.scrollTop = app.board.offsets[app.board.indexOf.get(people[i])] - 4;
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const chip = document.querySelector(`tr[data-emp="${people[i]}"] .chip[data-shift="${shift.id}"]`);
          const cell = document.querySelector(`tr[data-emp="${people[j]}"] td[data-day="${day}"]`);
          if (!chip || !cell) continue;
          const a = chip.getBoundingClientRect();
          const b = cell.getBoundingClientRect();
          const lane = document.querySelector("tr[data-lane] > th").getBoundingClientRect();
          if (a.top < lane.bottom || b.bottom > document.querySelector("#board-wrap").getBoundingClientRect().bottom) continue;
          // Not under a toast (a refusal stays until dismissed).
          const hit = (el, r) => el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
          if (!hit(chip, a) || !hit(cell, b)) continue;
          return { shift: shift.id, to: people[j], from: { x: a.left + a.width / 2, y: a.top + a.height / 2 }, at: { x: b.left + b.width / 2, y: b.top + b.height / 2 } };
        }
      }
    }
    return null;
  });
  assert.ok(pick, "a shift and a row in view that may take it");
  if (pick) {
    const start = await page.evaluate(() => performance.now());
    await page.mouse.move(pick.from.x, pick.from.y);
    await page.mouse.down();
    await page.mouse.move(pick.from.x + 4, pick.from.y + 6, { steps: 2 });
    await page.mouse.move(pick.at.x, pick.at.y, { steps: 15 });
    const rowClass = await page.locator(`tr[data-emp="${pick.to}"]`).getAttribute("class");
    await page.mouse.up();
    await page.locator(`tr[data-emp="${pick.to}"] .chip[data-shift="${pick.shift}"]`).waitFor({ timeout: PATIENCE });
    await settle(page);
    figures.assignDrag = await longTasks(page, start, await page.evaluate(() => performance.now()));
    assert.match(rowClass, /drop-ok/);
    assert.match(await page.locator("#toasts .toast").last().innerText(), /Assigned/);
  }
  // ---- Ctrl+Z takes the assignment back: the engine's undo, the rows from its changes ------
  if (pick) {
    const start = await page.evaluate(() => performance.now());
    await page.keyboard.press("Control+z");
    await page.waitForFunction(({ to, shift }) => !document.querySelector(`tr[data-emp="${to}"] .chip[data-shift="${shift}"]`), pick, { timeout: PATIENCE });
    await settle(page);
    figures.undo = await longTasks(page, start, await page.evaluate(() => performance.now()));
    assert.match(await page.locator("#toasts .toast").last().innerText(), /Undone: Assigned/);
    await page.keyboard.press("Control+Shift+Z");
    await page.locator(`tr[data-emp="${pick.to}"] .chip[data-shift="${pick.shift}"]`).waitFor({ timeout: PATIENCE });
  }
  figures.rowsAfterAssign = await page.locator("tr[data-emp]").count();

  // ---- the mouse wheel: 12 steps of 240 px, each drawing a few rows ---------------------------
  const wheelStart = await page.evaluate(() => performance.now());
  await page.mouse.move(wrapBox.x + wrapBox.width / 2, wrapBox.y + wrapBox.height / 2);
  for (let i = 0; i < 12; i++) {
    await page.mouse.wheel(0, 240);
    await settle(page);
  }
  figures.wheel = await longTasks(page, wheelStart, await page.evaluate(() => performance.now()));
  figures.rowsAfterWheel = await page.locator("tr[data-emp]").count();

  // ---- scrolling to the end draws the last rows, and only a window of them -----------------
  const scrollStart = await page.evaluate(() => performance.now());
  await page.locator("#board-wrap").evaluate((w) => w.scrollTo(0, w.scrollHeight));
  // The rows come a few a task (the view's first), the last one within a few frames.
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll("tr[data-emp]");
    return rows.length && rows[rows.length - 1].getAttribute("aria-rowindex") === document.querySelector("#board").getAttribute("aria-rowcount");
  }, null, { polling: "raf", timeout: PATIENCE });
  await settle(page);
  const lastRow = await page.evaluate(() => {
    const rows = document.querySelectorAll("tr[data-emp]");
    return { rows: rows.length, rowcount: document.querySelector("#board").getAttribute("aria-rowcount"), last: rows[rows.length - 1]?.getAttribute("aria-rowindex") };
  });
  figures.scrollToEnd = await longTasks(page, scrollStart, await page.evaluate(() => performance.now()));

  // ---- the keyboard: a chip is a button, Enter opens the shift dialog, Escape gives the focus back
  const keyStart = await page.evaluate(() => performance.now());
  const focusedShift = await page.evaluate(() => {
    const chip = [...document.querySelectorAll("tr[data-emp] .chip")].at(-1);
    chip.focus();
    return chip.dataset.shift;
  });
  await page.keyboard.press("Enter");
  await page.locator("#dlg-shift").waitFor({ state: "visible", timeout: PATIENCE });
  const picks = await page.locator("#dlg-shift .pick").count();
  await page.keyboard.press("Escape");
  await page.locator("#dlg-shift").waitFor({ state: "hidden" });
  figures.shiftDialog = await longTasks(page, keyStart, await page.evaluate(() => performance.now()));
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.shift), focusedShift, "the focus is back on the chip");
  assert.ok(picks > 0);

  // ---- the name filter finds someone far down the list ---------------------------------------
  const filterStart = await page.evaluate(() => performance.now());
  await page.fill("#filter-name", "e-004999");
  await page.waitForFunction(() => document.querySelectorAll("tr[data-emp]").length === 1);
  const found = await page.locator("tr[data-emp]").getAttribute("data-emp");
  await page.fill("#filter-name", "");
  await page.waitForFunction(() => document.querySelectorAll("tr[data-emp]").length > 1);
  figures.filter = await longTasks(page, filterStart, await page.evaluate(() => performance.now()));

  console.log(`large board (x${SCALE}): ${JSON.stringify(figures)}`);
  writeFileSync(join(RESULTS, "large.json"), JSON.stringify(figures, null, 2) + "\n");


  // Outcomes. The board is virtualised: a window of rows, not 5,000.
  assert.ok(figures.rowsInDom > 5 && figures.rowsInDom < 200, `rows in the DOM after loading: ${figures.rowsInDom}`);
  assert.ok(afterScroll.rows < 200 && figures.rowsAfterDrop < 200, `rows in the DOM while scrolling: ${afterScroll.rows}, after the drop: ${figures.rowsAfterDrop}`);
  assert.ok(lastRow.rows < 200 && figures.rowsAfterAssign < 200 && figures.rowsAfterWheel < 200, `rows in the DOM at the end: ${lastRow.rows}, after an assignment: ${figures.rowsAfterAssign}, after the wheel: ${figures.rowsAfterWheel}`);
  assert.equal(lastRow.last, lastRow.rowcount, "the last row is drawn at the end of the board");
  assert.equal(found, "e-004999");
  assert.equal(figures.loadedIn, "worker", "the documents loaded in the worker");
  // The drag judged rows: every row in view has its colour, the ones drawn while it scrolled too.
  assert.ok(midDrag.coloured > 5, `rows coloured during the drag: ${midDrag.coloured}`);
  assert.ok(afterScroll.inView > 5 && afterScroll.uncoloured === 0, `rows in view after scrolling: ${afterScroll.inView}, not coloured: ${afterScroll.uncoloured}`);
  assert.match(tip, /OK|Warning|Blocked/i);
  // The drop really assigned, or was refused with a reason.
  assert.match(toastText, /Assigned|Refused/);
  if (figures.drop === "assigned") {
    await page.locator(`tr[data-emp="${afterScroll.target}"] .chip[data-shift="${source.shift}"]`).waitFor();
  } else {
    assert.ok(toastText.split("\n").length > 1, `a refusal says why: ${toastText}`);
  }
  // Sanity bounds only, far above any figure worth recording (the issue measured 19.9 s and a 7.7 s freeze).
  assert.ok(figures.usableMs < PATIENCE);
  assert.deepEqual(errors, []);
  await context.close();
});

test(`the SPEC §5 data set (x${SCALE}) one file at a time: the roster waits for its credentials, then the pair loads, in the worker both times`, { timeout: 3 * PATIENCE }, async () => {
  const { page, context, errors } = await openDemo(demo, { width: 1440, height: 900, init: observeLongTasks });
  const figures = { scale: Number(SCALE) };
  // The roster alone, beside the sample's credentials: they do not fit (its codes are not the
  // sample's), the roster is sound on its own, so it waits for its partner.
  let t0 = await dropFiles(page, [join(dir, "roster.json")]);
  let doneAt = await (await page.waitForFunction(() => !document.body.dataset.busy && document.querySelector("#load-report")?.dataset.status === "pending" && performance.now(), null, { polling: "raf", timeout: PATIENCE })).jsonValue();
  figures.rosterAlone = { ms: Math.round(doneAt - t0), ...(await longTasks(page, t0, doneAt)), checkedIn: await page.evaluate(() => window.credgateDemo.loadedIn) };
  assert.equal(await page.locator('tr[data-emp^="e-00"]').count(), 0, "the board keeps the sample while the roster waits");
  // Its credentials, alone: the pair loads.
  t0 = await dropFiles(page, [join(dir, "credentials.json")]);
  doneAt = await (await page.waitForFunction(() => !document.body.dataset.busy && document.querySelector('tr[data-emp^="e-00"]') && performance.now(), null, { polling: "raf", timeout: PATIENCE })).jsonValue();
  figures.pairFromPending = { ms: Math.round(doneAt - t0), ...(await longTasks(page, t0, doneAt)), loadedIn: await page.evaluate(() => window.credgateDemo.loadedIn) };
  // The credentials again, alone: they fit the roster on the board, and load with it.
  await page.evaluate(() => window.credgateDemo.board.table.replaceChildren());
  t0 = await dropFiles(page, [join(dir, "credentials.json")]);
  doneAt = await (await page.waitForFunction(() => !document.body.dataset.busy && document.querySelector('tr[data-emp^="e-00"]') && performance.now(), null, { polling: "raf", timeout: PATIENCE })).jsonValue();
  figures.credentialsAlone = { ms: Math.round(doneAt - t0), ...(await longTasks(page, t0, doneAt)), loadedIn: await page.evaluate(() => window.credgateDemo.loadedIn) };
  console.log(`large board, one file at a time (x${SCALE}): ${JSON.stringify(figures)}`);
  writeFileSync(join(RESULTS, "large-one-file.json"), JSON.stringify(figures, null, 2) + "\n");

  assert.equal(figures.rosterAlone.checkedIn, "worker", "the roster alone was read in the worker");
  assert.equal(figures.pairFromPending.loadedIn, "worker");
  assert.equal(figures.credentialsAlone.loadedIn, "worker");
  if (SCALE === "1") assert.match(await page.locator("#summary").innerText(), /100,715 assignments/);
  assert.ok(!["block", "pending"].includes(await page.locator("#load-report").getAttribute("data-status")), "the pair loaded");
  assert.deepEqual(errors, []);
  await context.close();
});
