// End-to-end tests of the demo as a live roster editor (www/ over pkg/, Debian's headless
// Chromium through playwright-core): every edit is one engine batch (`apply`), undone and redone
// with the buttons and Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, several shifts moved together by one
// drag, the change log tab, a renewed card. Real mouse drags and keys.
//
//   node --test e2e/live.test.mjs     (when pkg/ is built; make test-e2e runs it)
import { test } from "node:test";
import assert from "node:assert/strict";
import { useDemo, drag, row, cell, openChip, rowChip } from "./harness.mjs";

const { openDemo } = useDemo();

const summary = (page) => page.locator("#summary").innerText();

test("a drop is one batch: undone and redone by the buttons and the keys, the rows following the changes", async () => {
  const { page, context, errors } = await openDemo();
  const undo = page.locator("#btn-undo");
  const redo = page.locator("#btn-redo");
  assert.ok(await undo.isDisabled(), "nothing to undo after a load");
  assert.ok(await redo.isDisabled(), "nothing to redo after a load");
  const before = await summary(page);

  // Priya Raman takes the open surge shift (a warning: her ACLS is in its grace period).
  const surge = "icu-hou-1220-surge";
  await drag(page, openChip(page, surge), cell(page, "e-108", "2026-12-20"));
  await rowChip(page, "e-108", surge).waitFor();
  assert.match(await rowChip(page, "e-108", surge).getAttribute("class"), /st-warn/);
  assert.match(await summary(page), /329 assignments/);
  assert.match(await summary(page), /5 warn/);
  assert.ok(!(await undo.isDisabled()));
  assert.ok(await redo.isDisabled());
  assert.match(await undo.getAttribute("title"), /Assigned Priya Raman/);

  // The button: the shift is open again, the counts as they were, redo offered.
  await undo.click();
  await openChip(page, surge).waitFor();
  assert.equal(await rowChip(page, "e-108", surge).count(), 0);
  assert.equal(await summary(page), before);
  assert.ok(await undo.isDisabled(), "the only edit was undone");
  assert.ok(!(await redo.isDisabled()));

  // Ctrl+Shift+Z redoes, Ctrl+Z undoes, Ctrl+Y redoes.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Control+Shift+Z");
  await rowChip(page, "e-108", surge).waitFor();
  assert.match(await rowChip(page, "e-108", surge).getAttribute("class"), /st-warn/);
  assert.match(await summary(page), /329 assignments/);
  await page.keyboard.press("Control+z");
  await openChip(page, surge).waitFor();
  assert.equal(await summary(page), before);
  await page.keyboard.press("Control+y");
  await rowChip(page, "e-108", surge).waitFor();
  assert.ok(await redo.isDisabled(), "nothing left to redo");

  // A hand-over (a chip dragged from one person onto another) is one batch: one undo puts it back.
  const night = "icu-hou-1220-n";
  const holder = await page.evaluate((id) => window.credgateDemo.model.shiftById.get(id).assigned[0], night);
  assert.ok(holder, "the night shift has someone");
  const taker = await page.evaluate(
    ({ id, holder }) => {
      const app = window.credgateDemo;
      const codes = app.engine.candidateStatuses(id);
      return app.model.employees.map((e) => e.id).find((e) => e !== holder && !app.model.isAssigned(e, id) && codes[app.engine.employeeIndex(e)] === 0 && document.querySelector(`tr[data-emp="${e}"]`));
    },
    { id: night, holder },
  );
  assert.ok(taker, "someone may take the night shift");
  const logBefore = await page.evaluate(() => window.credgateDemo.engine.changeLog().length);
  await drag(page, rowChip(page, holder, night), cell(page, taker, "2026-12-20"));
  await rowChip(page, taker, night).waitFor();
  assert.equal(await rowChip(page, holder, night).count(), 0, "handed over, not shared");
  assert.equal(await page.evaluate(() => window.credgateDemo.engine.changeLog().length), logBefore + 1, "one batch");
  await page.keyboard.press("Control+z");
  await rowChip(page, holder, night).waitFor();
  assert.equal(await rowChip(page, taker, night).count(), 0);
  // The page's copy and the engine agree after all this.
  const agree = await page.evaluate((ids) => ids.every((id) => JSON.stringify([...window.credgateDemo.engine.assigned(id)].sort()) === JSON.stringify([...(window.credgateDemo.model.shiftById.get(id).assigned || [])].sort())), [surge, night]);
  assert.ok(agree, "the page's copy and the engine agree");
  assert.deepEqual(errors, []);
  await context.close();
});

test("Shift-click selects shifts; one drag moves them together as one batch, judged as a whole, undone as one", async () => {
  const { page, context, errors } = await openDemo();
  // Two consecutive day shifts of Maribel Guerrero (e-101): moved a day later together, the first lands on
  // the second's old day, which only a batch judged as a whole allows.
  const [a, b] = ["icu-hou-1209-d", "icu-hou-1210-d"];
  const alone = await page.evaluate(
    (id) => window.credgateDemo.engine.preview([{ op: "moveShift", shiftId: id, start: "2026-12-10T07:00:00-06:00", end: "2026-12-10T19:00:00-06:00" }]),
    a,
  );
  assert.ok(alone.refused, "moved alone, the first shift would overlap the second");
  await rowChip(page, "e-101", a).click({ modifiers: ["Shift"] });
  await rowChip(page, "e-101", b).click({ modifiers: ["Shift"] });
  assert.equal(await page.locator("#dlg-shift").isVisible(), false, "a Shift-click selects, it opens nothing");
  assert.match(await rowChip(page, "e-101", a).getAttribute("class"), /selected/);
  assert.match(await page.locator("#selection-info").innerText(), /2 shifts selected/);
  const logBefore = await page.evaluate(() => window.credgateDemo.engine.changeLog().length);

  let tip = "";
  await drag(page, rowChip(page, "e-101", b), cell(page, "e-101", "2026-12-11"), {
    during: async () => (tip = await page.locator("#drag-tip").innerText()),
  });
  assert.match(tip, /Move 2 shifts 1 day later/);
  await cell(page, "e-101", "2026-12-11").locator(`.chip[data-shift="${b}"]`).waitFor();
  await cell(page, "e-101", "2026-12-10").locator(`.chip[data-shift="${a}"]`).waitFor();
  assert.equal(await page.evaluate(() => window.credgateDemo.engine.changeLog().length), logBefore + 1, "one batch");
  assert.equal(await page.locator(".chip.selected").count(), 0, "the selection is cleared after the move");
  // Everyone on the two shifts moved with them (e-105 works both too).
  assert.equal(await cell(page, "e-105", "2026-12-11").locator(`.chip[data-shift="${b}"]`).count(), 1);

  // One undo takes both back.
  await page.keyboard.press("Control+z");
  await cell(page, "e-101", "2026-12-09").locator(`.chip[data-shift="${a}"]`).waitFor();
  await cell(page, "e-101", "2026-12-10").locator(`.chip[data-shift="${b}"]`).waitFor();
  assert.equal(await cell(page, "e-105", "2026-12-11").locator(`.chip[data-shift="${b}"]`).count(), 0);

  // A selection is of shifts: every chip of the shift shows it (three people work it). Escape clears it.
  await rowChip(page, "e-101", a).click({ modifiers: ["Shift"] });
  assert.equal(await page.locator(".chip.selected").count(), await page.locator(`.chip[data-shift="${a}"]`).count());
  assert.equal(await page.locator(".chip.selected").count(), 3);
  await page.keyboard.press("Escape");
  assert.equal(await page.locator(".chip.selected").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the change log tab lists each batch in words, who and why, and follows undo", async () => {
  const { page, context, errors } = await openDemo();
  const tab = page.getByRole("tab", { name: /Changes/ });
  const count = page.locator("#changes-count");
  const start = Number(await count.innerText());
  // An override: refused first, then applied with who and why.
  const shift = "icu-jax-1212-extra-n";
  await drag(page, openChip(page, shift), cell(page, "e-130", "2026-12-12"));
  const refusal = page.locator('.toast[data-kind="refused"]');
  await refusal.waitFor();
  await refusal.getByRole("button", { name: "Override…" }).click();
  const dialog = page.getByRole("dialog", { name: "Override a block" });
  await dialog.getByLabel("Your name").fill("Dana Whitaker");
  await dialog.getByLabel("Reason").fill("endorsement approved by phone");
  await dialog.getByRole("button", { name: "Override and apply" }).click();
  await rowChip(page, "e-130", shift).waitFor();
  // A plain unassign after it.
  await drag(page, rowChip(page, "e-130", shift), page.locator("tr[data-lane] th.who"));
  await openChip(page, shift).waitFor();
  assert.equal(Number(await count.innerText()), start + 2);

  await tab.click();
  const body = page.locator("#changes-body");
  await body.locator("tbody tr").first().waitFor();
  const rows = body.locator("tbody tr");
  assert.equal(await rows.count(), start + 2);
  // Newest first: the unassign, then the override.
  assert.match(await rows.nth(0).innerText(), /Unassign Megan Castillo from/);
  const override = await rows.nth(1).innerText();
  assert.match(override, /Assign Megan Castillo to/);
  assert.match(override, /Dana Whitaker/);
  assert.match(override, /endorsement approved by phone/);
  assert.match(override, /Override/);

  // Undo from the keyboard while the tab shows: the list follows.
  await page.keyboard.press("Control+z");
  await page.waitForFunction((n) => document.querySelectorAll("#changes-body tbody tr").length === n, start + 1);
  assert.match(await rows.nth(0).innerText(), /Assign Megan Castillo to/);
  assert.equal(Number(await count.innerText()), start + 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("renewing a card in the employee panel is a put of the record: the board follows its changes, and it is undoable", async () => {
  const { page, context, errors } = await openDemo();
  // Alejandra Vela's BLS (cr-0147) expired at the end of October: her shift on 12 Dec is blocked.
  const shift = "ed-sat-1212-d";
  assert.match(await rowChip(page, "e-129", shift).getAttribute("class"), /st-block/);
  assert.match(await summary(page), /21 blocked/);
  await page.locator('tr[data-emp="e-129"] .person').click();
  const panel = page.locator("#panel");
  await panel.waitFor();
  const bls = panel.locator('tr[data-credential="cr-0147"]');
  await bls.getByRole("button", { name: "Renew…" }).click();
  const date = bls.getByLabel("New valid-until date of BLS cr-0147");
  await date.fill("2028-10-31");
  await bls.getByRole("button", { name: "Save" }).click();
  // The row is redrawn from the batch's changes: the shift is no longer blocked.
  await page.waitForFunction((s) => !document.querySelector(`tr[data-emp="e-129"] .chip[data-shift="${s}"]`).classList.contains("st-block"), shift);
  assert.match(await rowChip(page, "e-129", shift).getAttribute("class"), /st-ok/);
  assert.match(await summary(page), /20 blocked/);
  assert.match(await page.locator("#toasts").innerText(), /Renewed BLS cr-0147 of Alejandra Vela/);
  // The panel shows the new standing.
  await page.waitForFunction(() => document.querySelector('#panel tr[data-credential="cr-0147"]')?.dataset.state === "valid");
  const exported = await page.evaluate(() => window.credgateDemo.engine.export().credentials.credentials.find((c) => c.id === "cr-0147").validUntil);
  assert.equal(exported, "2028-10-31");

  // Undo (the button): blocked again, the record as it was, in the engine and in the panel.
  await page.locator("#btn-undo").click();
  await page.waitForFunction((s) => document.querySelector(`tr[data-emp="e-129"] .chip[data-shift="${s}"]`).classList.contains("st-block"), shift);
  assert.match(await summary(page), /21 blocked/);
  assert.equal(await page.evaluate(() => window.credgateDemo.engine.export().credentials.credentials.find((c) => c.id === "cr-0147").validUntil), "2026-10");
  await page.waitForFunction(() => document.querySelector('#panel tr[data-credential="cr-0147"]')?.dataset.state === "expired");
  assert.deepEqual(errors, []);
  await context.close();
});
