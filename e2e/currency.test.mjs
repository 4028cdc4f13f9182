// End-to-end tests of SPEC §8's currency in the demo page (www/data/README.md, "Currency and
// working limits"): the board's notCurrent chips, the employee panel's currency per credential,
// the Renewals tab's currency alerts beside the plan, and the audit's orphanEvent, with real
// clicks in Debian's headless Chromium.
//
//   node --test e2e/currency.test.mjs   (after make pkg)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, useDemo, row, rowChip } from "./harness.mjs";

const { openDemo } = useDemo();

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

const alertRow = (page, employeeId, code) => page.locator(`table.renewals tr[data-employee="${employeeId}"][data-code="${code}"]`);

test("the Renewals tab says which alerts are currency lapses, and the plan books trainings for expiries only", async () => {
  const { page, context, errors } = await openDemo();
  await page.locator("#tab-renewals").click();
  await page.locator("table.renewals").waitFor();

  // Jessica Duval's NRP lapses on her log at 15 Dec 01:30 -05:00 (00:30 in the page's -06:00).
  const jessica = alertRow(page, "e-137", "NRP");
  assert.equal(await jessica.getAttribute("data-basis"), "currency");
  assert.match(await jessica.locator("td.due").innerText(), /currency lapses 15 Dec 2026 00:30/);
  // Events renew a currency, not a training: no "none booked" warning for it.
  assert.equal(await jessica.locator(".missing-renewal").count(), 0);
  assert.match(await jessica.innerText(), /events renew it/);
  assert.match(await jessica.innerText(), /3 shifts/);
  // Every currency alert of the sample (www/data/README.md), and only those, says so.
  const currencyRows = await page.$$eval('table.renewals tr[data-basis="currency"]', (rows) => rows.map((r) => r.dataset.employee).sort());
  assert.deepEqual(currencyRows, ["e-131", "e-132", "e-133", "e-135", "e-136", "e-137", "e-138", "e-140"]);

  // Rebecca Stein's NRP card expires (20 Jan) before her log lapses: an expiry, with no class booked.
  const rebecca = alertRow(page, "e-134", "NRP");
  assert.equal(await rebecca.getAttribute("data-basis"), "expiry");
  assert.match(await rebecca.locator("td.due").innerText(), /^expires 20 Jan 2027/);
  assert.equal(await rebecca.locator(".missing-renewal").count(), 1);
  // The "with no renewal booked" count leaves the currencies out: of the sample's expiry
  // alerts, e-134, e-105 and e-115 have none booked, and the expired BLS of e-117 and e-129
  // and ACLS of e-108 have only classes after the expiry.
  const unbooked = await page.$$eval('table.renewals tr[data-basis="expiry"]', (rows) => rows.filter((r) => r.querySelector(".missing-renewal")).length);
  assert.ok(unbooked >= 3, `${unbooked} expiry alerts without a renewal`);
  const stat = page.locator("#renewals-body .stat", { hasText: "with no renewal booked" }).locator(".stat-value");
  assert.equal(await stat.innerText(), String(unbooked));

  // The plan (decision 110): no booking nor unmet need for a currency; Rebecca's expiry is planned.
  await page.locator("#btn-plan").click();
  await page.locator(".plan").waitFor();
  const planned = await page.$$eval(".plan-bookings tr[data-employee], .plan-unmet tr[data-employee]", (rows) => rows.map((r) => r.dataset.employee));
  for (const e of ["e-131", "e-132", "e-133", "e-135", "e-136", "e-137", "e-138"]) assert.ok(!planned.includes(e), `${e}'s currency is not planned as a training`);
  assert.equal(await page.locator('.plan-unmet tr[data-employee="e-134"][data-code="NRP"]').count(), 1);
  // The alerts stay on show beneath the plan, their basis unchanged.
  assert.equal(await jessica.getAttribute("data-basis"), "currency");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the audit view names an event of no employee", async () => {
  const { page, context, errors } = await openDemo();
  const credentials = JSON.parse(readFileSync(join(ROOT, "www/data/credentials.json"), "utf8"));
  credentials.events.push({ id: "ev-stray", employeeId: "e-999", kind: "resuscitation", at: "2026-12-01T10:00:00-05:00" });
  const index = credentials.events.length - 1;
  await page.setInputFiles("#file-credentials", { name: "credentials.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(credentials)) });
  // The event of an unknown employee is a load warning (SPEC §8.1), and the pair loads.
  await page.waitForFunction(() => document.querySelector("#load-report")?.dataset.status === "warn");
  assert.match(await page.locator("#load-report").innerText(), new RegExp(`events\\[${index}\\]`));
  await page.locator("#tab-audit").click();
  const finding = page.locator('#audit-body tr[data-kind="orphanEvent"]');
  await finding.waitFor();
  assert.equal(await finding.count(), 1);
  const text = await finding.innerText();
  assert.match(text, /Event of no employee/);
  assert.match(text, /e-999/);
  assert.match(text, /not on the roster/);
  assert.match(text, new RegExp(`events\\[${index}\\]`));
  // The stat above the table counts it under the same label.
  assert.match(await page.locator("#audit-body .stats").innerText(), /1\s*Event of no employee/);
  assert.deepEqual(errors, []);
  await context.close();
});
