// End-to-end test of SPEC §8's working limits in the demo page: the sample's `visa-hours` limit
// (20 h a calendar week for holders of VISA-F1; www/data/README.md) puts Hannah Kowalski's two
// nights of the week of 7 Dec (24 h) over it.
//
// Written to SPEC §8.1's shape of `overLimit` (limitId, used, max, measure, windowStart,
// windowEnd, shiftIds, severity, message). It fails until the engine judges `rules.limits`
// (before that, the limit is ignored and her nights are `warn`: waived only).
//
//   node --test e2e/limits.test.mjs   (after make pkg)
import { test } from "node:test";
import assert from "node:assert/strict";
import { useDemo, row, rowChip } from "./harness.mjs";

const { openDemo } = useDemo();

const NIGHTS = ["icu-jax-1209-n", "icu-jax-1212-n"];

test("an overLimit chip names the hours used, the window and the shifts counted, and marks them", async () => {
  const { page, context, errors } = await openDemo();
  const summary = await page.locator("#summary").innerText();
  // Her two nights turn from warn (waived) to block.
  assert.match(summary, /4 warn/);
  assert.match(summary, /21 blocked/);
  for (const s of NIGHTS) assert.match(await rowChip(page, "e-117", s).getAttribute("class"), /st-block/, s);

  // The engine's reason, in SPEC §8.1's shape.
  const verdict = await page.evaluate(() => window.credgateDemo.engine.check("e-117", "icu-jax-1212-n"));
  const r = verdict.reasons.find((x) => x.kind === "overLimit");
  assert.ok(r, `an overLimit reason among ${JSON.stringify(verdict.reasons)}`);
  assert.deepEqual(
    { limitId: r.limitId, used: r.used, max: r.max, measure: r.measure, windowStart: r.windowStart, windowEnd: r.windowEnd, shiftIds: r.shiftIds, severity: r.severity },
    { limitId: "visa-hours", used: 24, max: 20, measure: "hours", windowStart: "2026-12-07T00:00:00-05:00", windowEnd: "2026-12-14T00:00:00-05:00", shiftIds: NIGHTS, severity: "block" },
  );

  // Focusing the chip opens its explanation: the hours used of the maximum, the week, the count.
  await rowChip(page, "e-117", "icu-jax-1212-n").focus();
  const tip = page.locator("#drag-tip");
  await tip.waitFor({ state: "visible" });
  assert.match(await tip.innerText(), /Visa hours: 24 h of 20 h in the week of 7 Dec: 2 shifts/);
  // Both counted nights are marked on her row while it is open, and nothing else.
  for (const s of NIGHTS) assert.match(await rowChip(page, "e-117", s).getAttribute("class"), /\bcounted\b/, s);
  assert.equal(await page.locator(".chip.counted").count(), NIGHTS.length);
  // Closing it clears the marks.
  await page.locator("body").click({ position: { x: 2, y: 2 } });
  await tip.waitFor({ state: "hidden" });
  assert.equal(await page.locator(".chip.counted").count(), 0);

  // The panel's shift list says the same.
  await row(page, "e-117").locator(".person").click();
  const panel = page.locator("#panel");
  await panel.waitFor({ state: "visible" });
  const night = panel.locator('li.verdict[data-shift="icu-jax-1209-n"]');
  assert.match(await night.innerText(), /Over limit/);
  assert.match(await night.innerText(), /Visa hours: 24 h of 20 h in the week of 7 Dec: 2 shifts/);
  await page.keyboard.press("Escape");
  assert.deepEqual(errors, []);
  await context.close();
});
