// End-to-end tests of SPEC §8's currency in the demo page (www/data/README.md, "Currency and
// working limits"): the board's notCurrent chips and the employee panel's currency per
// credential, with real clicks in Debian's headless Chromium.
//
//   node --test e2e/currency.test.mjs   (after make pkg)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo, openDemo as open, row, rowChip } from "./harness.mjs";

let demo;

before(async () => {
  demo = await startDemo();
});

after(async () => {
  await demo?.stop();
});

const openDemo = (options) => open(demo, options);

test("Jessica Duval's nights after her resuscitations lapse read notCurrent; the earlier ones stay ok", async () => {
  const { page, context, errors } = await openDemo();
  // Her currentUntil is 15 Dec 01:30 -05:00: the night of 13 Dec is current, those from 16 Dec not.
  assert.match(await rowChip(page, "e-137", "ld-jax-1213-n").getAttribute("class"), /st-ok/);
  for (const shift of ["ld-jax-1216-n", "ld-jax-1217-n", "ld-jax-1220-n"]) {
    assert.match(await rowChip(page, "e-137", shift).getAttribute("class"), /st-block/, shift);
  }
  // The chip explains it with the engine's reason.
  await rowChip(page, "e-137", "ld-jax-1216-n").focus();
  const tip = page.locator("#drag-tip");
  await tip.waitFor({ state: "visible" });
  assert.match(await tip.innerText(), /NRP \(cr-0190\) is not current: 2 of 3 resuscitation in the 90 days before the shift; current until 01:30 on 15 Dec/);
  await page.locator("body").click({ position: { x: 2, y: 2 } });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the employee panel shows each credential's currency: current until, or how far short", async () => {
  const { page, context, errors } = await openDemo();
  const panel = page.locator("#panel");
  const nrp = panel.locator('tr[data-code="NRP"]');

  // Jessica Duval: current on 7 Dec, until 15 Dec 01:30 -05:00 (00:30 in the page's -06:00).
  await row(page, "e-137").locator(".person").click();
  await panel.waitFor({ state: "visible" });
  assert.equal(await nrp.getAttribute("data-state"), "valid");
  assert.match(await nrp.innerText(), /current until 15 Dec 2026 00:30/);
  // Her blocked night in the panel's shift list names the lapse.
  const night = panel.locator('li.verdict[data-shift="ld-jax-1216-n"]');
  assert.match(await night.getAttribute("class"), /st-block/);
  assert.match(await night.innerText(), /Not current/);
  await page.keyboard.press("Escape");
  await panel.waitFor({ state: "hidden" });

  // Danielle Ruiz: current until 29 Dec, after the roster.
  await row(page, "e-135").locator(".person").click();
  await panel.waitFor({ state: "visible" });
  assert.equal(await nrp.getAttribute("data-state"), "valid");
  assert.match(await nrp.innerText(), /current until 29 Dec 2026/);
  await page.keyboard.press("Escape");
  await panel.waitFor({ state: "hidden" });

  // Tamika Johnson: one resuscitation in 90 days, not current (her shifts do not need NRP).
  await row(page, "e-139").locator(".person").click();
  await panel.waitFor({ state: "visible" });
  assert.equal(await nrp.getAttribute("data-state"), "notCurrent");
  assert.match(await nrp.innerText(), /not current: 1 of 3 in 90 days/);
  // A type without currency says nothing about it.
  assert.doesNotMatch(await panel.locator('tr[data-code="BLS"]').innerText(), /current/i);
  await page.keyboard.press("Escape");
  await panel.waitFor({ state: "hidden" });
  assert.deepEqual(errors, []);
  await context.close();
});
