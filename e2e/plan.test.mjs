// End-to-end tests of renewal planning in the demo (www/ over pkg/, Debian's headless Chromium
// through playwright-core): on the Renewals tab, "Plan renewals" shows the sample's proposed
// bookings by session, the seats chart, every unmet need with its reason, the shift that needs
// cover (a link to the board) and the cost by location and team; "Book" applies the plan as one
// batch, the alerts name the booked trainings, the Changes tab shows the batch, Ctrl+Z undoes it
// and the plan can be made again. Real clicks and keys. The expected ids are those of
// www/data/make_sample.py's SESSIONS (as of Mon 7 Dec 2026).
//
//   node --test e2e/plan.test.mjs     (when pkg/ is built; make test-e2e runs it)
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { useDemo, RESULTS } from "./harness.mjs";

const { openDemo } = useDemo();

/** The plan's bookings on the page, as "session employee" lines, sorted. */
const bookings = (page) =>
  page.$$eval(".plan-bookings tbody[data-session] tr[data-employee]", (rows) => rows.map((r) => `${r.dataset.session} ${r.dataset.employee}`).sort());
/** The unmet needs on the page, as "employee code reason" lines, sorted. */
const unmet = (page) => page.$$eval(".plan-unmet tr[data-reason]", (rows) => rows.map((r) => `${r.dataset.employee} ${r.dataset.code} ${r.dataset.reason}`).sort());
const alertRow = (page, employeeId, code) => page.locator(`table.renewals tr[data-employee="${employeeId}"][data-code="${code}"]`);

async function plan(page, { horizon, grace = false } = {}) {
  if (horizon !== undefined) await page.locator("#plan-horizon").fill(String(horizon));
  const box = page.locator("#plan-grace");
  if ((await box.isChecked()) !== grace) await box.click();
  await page.locator("#btn-plan").click();
  await page.locator(".plan").waitFor();
}

test("Plan renewals shows the sample's bookings by session, seats, every unmet reason, the shift to cover and the cost", async () => {
  const { page, context, errors } = await openDemo();
  await page.locator("#tab-renewals").click();
  assert.equal(await page.locator("#plan-horizon").inputValue(), "90", "the horizon defaults to SPEC §7's 90 days");

  // 90 days: the one RN refresher seat goes to Emily Nguyen; Yolanda Haynes finds it full, and
  // Rebecca Stein's NRP class falls on her day shift.
  await plan(page);
  assert.deepEqual(await bookings(page), ["rn-ce-0114 e-105"]);
  assert.deepEqual(await unmet(page), ["e-115 RN full", "e-134 NRP conflicts"]);
  assert.match(await page.locator("#btn-book").innerText(), /Book 1 renewal/);

  // 120 days: two CPI seats for three officers, and site inductions nobody offers.
  await plan(page, { horizon: 120 });
  assert.deepEqual(await bookings(page), ["cpi-0210 e-122", "cpi-0210 e-124", "rn-ce-0114 e-105"]);
  assert.deepEqual(await unmet(page), [
    "e-104 SITE-INDUCTION-HOU noSession",
    "e-115 RN full",
    "e-121 SITE-INDUCTION-SAT noSession",
    "e-134 NRP conflicts",
    "e-140 SITE-INDUCTION-JAX noSession",
    "e-144 CPI full",
  ]);
  // Each session's heading says its seats; the bookings sit under their session.
  assert.match(await page.locator('.plan-bookings tbody[data-session="cpi-0210"] .session-head').innerText(), /2 of 2 seats/);
  assert.match(await page.locator('.plan-bookings tbody[data-session="rn-ce-0114"] .session-head').innerText(), /Texas RN jurisprudence.*1 of 1 seat$/);
  const row122 = await page.locator('.plan-bookings tr[data-employee="e-122"]').innerText();
  assert.match(row122, /Luis Cantu/);
  assert.match(row122, /CPI/);
  assert.match(row122, /cr-0102/);
  assert.match(row122, /Sun 28 Mar 2027/);
  assert.match(row122, /\b45\b/, "slack days");
  // Why each need is unmet, and what was considered.
  const stein = page.locator('.plan-unmet tr[data-employee="e-134"]');
  assert.match(await stein.innerText(), /cr-0175/);
  assert.match(await stein.innerText(), /nrp-1216/);
  assert.match(await page.locator('.plan-unmet tr[data-employee="e-104"]').innerText(), /No session/);
  assert.match(await page.locator('.plan-unmet tr[data-employee="e-144"]').innerText(), /Full.*cpi-0210/s);
  // The shift that needs cover is exactly the one the NRP class overlaps.
  assert.deepEqual(await page.$$eval(".plan-unmet .cover-shift", (bs) => bs.map((b) => b.dataset.shift)), ["ld-jax-1216-d"]);

  // Seats per session: a bar each, said in words.
  const chart = page.locator(".seat-chart");
  assert.equal(await chart.getAttribute("role"), "img");
  const label = await chart.getAttribute("aria-label");
  assert.match(label, /Texas RN jurisprudence and CE refresher: 1 of 1 seat taken \(0 before the plan, 1 booked by it\)/);
  assert.match(label, /cpi-0210: 2 of 2 seats taken \(0 before the plan, 2 booked by it\)/);
  assert.match(label, /nrp-1216: 0 of 8 seats taken/);
  assert.deepEqual(
    await page.$$eval(".seat-chart g[data-session]", (gs) => gs.map((g) => `${g.dataset.session} ${g.querySelector(".chart-value").textContent} ${g.querySelectorAll(".chart-bar.st-ok").length}`)),
    ["rn-ce-0114 1/1 1", "nrp-1216 0/8 0", "nrp-0128 0/8 0", "cpi-0210 2/2 1"],
  );

  // Cost: $40 for the RN seat (an ICU nurse in Houston), $120 for the two CPI seats (ED officers
  // in San Antonio).
  const cost = (table, key) => page.locator(`.cost-table:has(caption:text("${table}")) tr[data-key="${key}"]`).innerText();
  assert.match(await cost("By location", "hou-bayou"), /Bayou General.*\$40/s);
  assert.match(await cost("By location", "sat-mission"), /Mission Hills.*\$120/s);
  assert.match(await cost("By team", "ed"), /\$120/);
  assert.match(await cost("By team", "icu"), /\$40/);
  assert.match(await page.locator(".plan .stats").innerText(), /\$160/);

  // Grace periods: the CPI deadlines move by the type's 14 days.
  await plan(page, { horizon: 120, grace: true });
  assert.match(await page.locator("#plan-title").innerText(), /grace periods used/);
  assert.match(await page.locator('.plan-bookings tr[data-employee="e-122"]').innerText(), /Sun 11 Apr 2027/);
  await page.screenshot({ path: join(RESULTS, "plan.png"), fullPage: true });

  // The shift that needs cover: a link to the board, its chip in view, highlighted and focused.
  await page.locator('.plan-unmet .cover-shift[data-shift="ld-jax-1216-d"]').click();
  assert.ok(await page.locator("#view-board").isVisible());
  assert.equal(await page.locator("#tab-board").getAttribute("aria-selected"), "true");
  const chip = page.locator('tr[data-emp="e-134"] .chip[data-shift="ld-jax-1216-d"]');
  assert.match(await chip.getAttribute("class"), /\bflash\b/);
  assert.ok(await chip.evaluate((el) => el === document.activeElement), "the chip has the focus");
  assert.ok(await chip.isVisible());
  const inView = await chip.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const wrap = document.querySelector("#board-wrap").getBoundingClientRect();
    return r.top >= wrap.top && r.bottom <= wrap.bottom && r.left >= wrap.left && r.right <= wrap.right;
  });
  assert.ok(inView, "the chip is scrolled into the board's view");

  assert.deepEqual(errors, []);
  await context.close();
});

test("Book applies the plan as one batch: the alerts name the bookings, the Changes tab shows it, Ctrl+Z undoes it, the plan can be made again", async () => {
  const { page, context, errors } = await openDemo();
  await page.locator("#tab-renewals").click();
  // A 180-day window, so that the CPI alerts are listed beside the RN ones.
  await page.locator("#renewals-days").selectOption("180");
  const renewal = (e, code) => alertRow(page, e, code).locator("td").nth(6).innerText();
  assert.match(await renewal("e-105", "RN"), /none booked/);
  assert.match(await renewal("e-122", "CPI"), /none booked/);
  assert.equal(await page.locator("#changes-count").innerText(), "0");

  await plan(page, { horizon: 120 });
  assert.deepEqual(await bookings(page), ["cpi-0210 e-122", "cpi-0210 e-124", "rn-ce-0114 e-105"]);
  await page.locator("#btn-book").click();
  await page.locator(".plan-note[data-booked]").waitFor();
  assert.equal(await page.locator(".plan").count(), 0, "a booked plan is no longer offered");

  // The alerts follow: each booked need names its training (the plan's accept batch), the rest do not.
  await alertRow(page, "e-105", "RN").locator(".renewal-booked").waitFor();
  assert.match(await renewal("e-105", "RN"), /plan-rn-ce-0114-e-105-RN on Thu 14 Jan/);
  assert.match(await renewal("e-122", "CPI"), /plan-cpi-0210-e-122-CPI on Wed 10 Feb/);
  assert.match(await renewal("e-124", "CPI"), /plan-cpi-0210-e-124-CPI on Wed 10 Feb/);
  assert.match(await renewal("e-115", "RN"), /none booked/);
  assert.match(await renewal("e-144", "CPI"), /none booked/);
  assert.deepEqual(
    await page.evaluate(() => window.credgateDemo.engine.alerts("2026-12-07T00:00:00-06:00", { days: 180 }).map((a) => a.renewalTrainingId).filter((id) => id?.startsWith("plan-")).sort()),
    ["plan-cpi-0210-e-122-CPI", "plan-cpi-0210-e-124-CPI", "plan-rn-ce-0114-e-105-RN"],
  );
  // The employee panel sees the training in the page's copy.
  await alertRow(page, "e-105", "RN").locator("button.link").click();
  await page.locator("#panel").waitFor();
  assert.match(await page.locator("#panel-body li.training:has-text('plan-rn-ce-0114-e-105-RN')").innerText(), /RN Thu 14 Jan 08:00–12:00\s*scheduled/);
  await page.locator("#panel-close").click();

  // One batch in the change log, its three trainings in words.
  assert.equal(await page.locator("#changes-count").innerText(), "1");
  await page.locator("#tab-changes").click();
  const entry = page.locator("table.change-log tbody tr");
  assert.equal(await entry.count(), 1);
  const ops = await entry.locator(".op-list li").allInnerTexts();
  assert.deepEqual(ops.sort(), [
    "Book Andre Washington on cpi-0210 for CPI, Wed 10 Feb 09:00 (plan-cpi-0210-e-124-CPI)",
    "Book Emily Nguyen on rn-ce-0114 for RN, Thu 14 Jan 08:00 (plan-rn-ce-0114-e-105-RN)",
    "Book Luis Cantu on cpi-0210 for CPI, Wed 10 Feb 09:00 (plan-cpi-0210-e-122-CPI)",
  ]);
  assert.match(await page.locator("#btn-undo").getAttribute("title"), /Booked 3 renewals/);

  // Ctrl+Z takes the whole batch back.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => document.querySelector("#changes-count").textContent === "0");
  assert.equal(await page.locator("table.change-log").count(), 0, "the change log is empty again");
  await page.locator("#tab-renewals").click();
  assert.match(await renewal("e-105", "RN"), /none booked/);
  assert.match(await renewal("e-122", "CPI"), /none booked/);
  assert.equal(await page.evaluate(() => window.credgateDemo.model.credentials.trainings.filter((t) => t.sessionId).length), 0, "the page's copy lost the trainings too");

  // The same plan again, bookable again.
  await plan(page, { horizon: 120 });
  assert.deepEqual(await bookings(page), ["cpi-0210 e-122", "cpi-0210 e-124", "rn-ce-0114 e-105"]);
  assert.ok(!(await page.locator("#btn-book").isDisabled()));

  // After a redo the seats are taken: the plan has nothing left to book for those needs.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Control+Shift+Z");
  await page.waitForFunction(() => document.querySelector("#changes-count").textContent === "1");
  assert.equal(await page.locator(".plan").count(), 0, "an edit drops the plan on show");
  assert.match(await page.locator("#plan-body").innerText(), /documents changed/);
  await plan(page, { horizon: 120 });
  assert.deepEqual(await bookings(page), []);
  assert.ok(await page.locator("#btn-book").isDisabled());
  assert.equal(await page.locator('.seat-chart g[data-session="cpi-0210"] .chart-value').textContent(), "2/2");
  assert.match(await page.locator(".seat-chart").getAttribute("aria-label"), /cpi-0210: 2 of 2 seats taken \(2 before the plan, 0 booked by it\)/);

  assert.deepEqual(errors, []);
  await context.close();
});
