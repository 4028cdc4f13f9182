// End-to-end tests of the demo page (www/) over the real credgate package (pkg/), in Debian's
// headless Chromium driven by playwright-core: no browser is downloaded.
//
//   make test-e2e            (builds pkg/ first)
//   node --test e2e/         (when pkg/ is already built)
//
// The cases are the ones www/data/README.md lists for the sample documents.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { RESULTS, useDemo, center, drag, row, cell, openChip, rowChip } from "./harness.mjs";

const { openDemo, baseUrl } = useDemo();

test("the page loads the sample with no console error, under a strict CSP", async () => {
  const { page, context, errors, response } = await openDemo();
  const csp = response.headers()["content-security-policy"];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
  const summary = await page.locator("#summary").innerText();
  assert.match(summary, /328 assignments/);
  assert.match(summary, /303 ok/);
  assert.match(summary, /4 warn/);
  assert.match(summary, /21 blocked/);
  assert.match(summary, /1 shift finding/);
  assert.equal(await page.locator("tr[data-emp]").count(), 52);
  assert.equal(await page.locator("tr[data-lane] .chip").count(), 9);
  // The crew finding is on its shift's chips.
  assert.ok((await page.locator('.chip[data-shift="icu-jax-1218-n"] .chip-flag').count()) > 0);
  await page.waitForTimeout(200);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: join(RESULTS, "board.png") });
  await context.close();
});

test("dragging an open shift onto someone allowed assigns it; every row shows its verdict during the drag", async () => {
  const { page, context, errors } = await openDemo();
  const shift = "icu-jax-1212-extra-n";
  let during = {};
  await drag(page, openChip(page, shift), cell(page, "e-110", "2026-12-12"), {
    during: async () => {
      during = {
        adaeze: await row(page, "e-110").getAttribute("class"),
        megan: await row(page, "e-130").getAttribute("class"),
        tip: await page.locator("#drag-tip").innerText(),
        tipVisible: await page.locator("#drag-tip").isVisible(),
      };
      await page.screenshot({ path: join(RESULTS, "drag.png") });
    },
  });
  // Right after the drop, Enter on the new chip opens its dialog (only the release's click is ignored).
  await rowChip(page, "e-110", shift).focus();
  await page.keyboard.press("Enter");
  await page.locator("#dlg-shift").waitFor({ state: "visible" });
  await page.keyboard.press("Escape");
  // A chip is a div with role="button" (decision 132): the focus comes back to it, and Space
  // opens it as a button's Space does.
  await page.locator("#dlg-shift").waitFor({ state: "hidden" });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.shift), shift, "the focus is back on the chip");
  await page.keyboard.press("Space");
  await page.locator("#dlg-shift").waitFor({ state: "visible" });
  await page.keyboard.press("Escape");
  await page.locator("#dlg-shift").waitFor({ state: "hidden" });
  assert.match(during.adaeze, /drop-ok/);
  assert.match(during.megan, /drop-block/);
  assert.ok(during.tipVisible);
  assert.match(during.tip, /OK/);
  assert.match(during.tip, /Adaeze Nwosu/);
  await rowChip(page, "e-110", shift).waitFor();
  assert.equal(await openChip(page, shift).count(), 0, "the shift left the open lane");
  assert.match(await page.locator("#toasts").innerText(), /Assigned Adaeze Nwosu/);
  // No drag leftovers.
  assert.equal(await page.locator(".drop-ok, .drop-warn, .drop-block, .ghost").count(), 0);

  assert.deepEqual(errors, []);
  await context.close();
});

test("dragging a person's name onto a shift assigns them", async () => {
  const { page, context, errors } = await openDemo();
  const shift = "sec-jax-1219-event";
  let chipClass = "";
  await drag(page, row(page, "e-145").locator(".person"), openChip(page, shift), {
    during: async () => (chipClass = await openChip(page, shift).getAttribute("class")),
  });
  assert.match(chipClass, /drop-chip/);
  assert.match(chipClass, /drop-ok/);
  await rowChip(page, "e-145", shift).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("a drop on a blocked target shows its reason and is refused; an override is asked for and logged", async () => {
  const { page, context, errors } = await openDemo();
  const shift = "icu-jax-1212-extra-n";
  let tip = "";
  await drag(page, openChip(page, shift), cell(page, "e-130", "2026-12-12"), {
    during: async () => (tip = await page.locator("#drag-tip").innerText()),
  });
  assert.match(tip, /Blocked/i);
  assert.match(tip, /RN \(cr-0155\) is not valid in US-FL/);
  const refusal = page.locator('.toast[data-kind="refused"]');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /Refused: Megan Castillo/);
  assert.match(await refusal.innerText(), /RN \(cr-0155\) is not valid in US-FL/);
  assert.equal(await rowChip(page, "e-130", shift).count(), 0, "nothing changed");
  assert.equal(await openChip(page, shift).count(), 1);

  // Override: a small dialog asks who and why.
  await refusal.getByRole("button", { name: "Override…" }).click();
  const dialog = page.getByRole("dialog", { name: "Override a block" });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /not valid in US-FL/);
  await dialog.getByLabel("Your name").fill("Dana Whitaker (staffing office)");
  await dialog.getByLabel("Reason").fill("Florida endorsement approved by phone; paperwork follows");
  await dialog.getByRole("button", { name: "Override and apply" }).click();
  await rowChip(page, "e-130", shift).waitFor();
  assert.equal(await page.locator("#overrides-count").innerText(), "1");

  await page.getByRole("tab", { name: /Overrides/ }).click();
  const log = page.locator("#overrides-body");
  await log.locator("tbody tr").first().waitFor();
  const text = await log.innerText();
  assert.match(text, /Dana Whitaker \(staffing office\)/);
  assert.match(text, /Florida endorsement approved by phone/);
  assert.match(text, /Megan Castillo/);
  assert.match(text, /Wrong jurisdiction/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a warned drop is made and says why; a drop on the open lane unassigns; Escape cancels a drag", async () => {
  const { page, context, errors } = await openDemo();
  const surge = "icu-hou-1220-surge";
  // Priya Raman's ACLS is in its grace period: allowed, with a warning.
  let rowClass = "";
  await drag(page, openChip(page, surge), cell(page, "e-108", "2026-12-20"), { during: async () => (rowClass = await row(page, "e-108").getAttribute("class")) });
  assert.match(rowClass, /drop-warn/);
  await rowChip(page, "e-108", surge).waitFor();
  assert.match(await rowChip(page, "e-108", surge).getAttribute("class"), /st-warn/);
  const toast = await page.locator("#toasts .toast.st-warn").last().innerText();
  assert.match(toast, /Assigned Priya Raman/);
  assert.match(toast, /30-day grace period/);

  // Back to the open lane: unassigned.
  await drag(page, rowChip(page, "e-108", surge), page.locator("tr[data-lane] th.who"));
  await openChip(page, surge).waitFor();
  assert.equal(await rowChip(page, "e-108", surge).count(), 0);
  assert.match(await page.locator("#toasts").innerText(), /Unassigned Priya Raman/);

  // Escape in the middle of a drag: nothing happens, nothing is left highlighted.
  const from = await center(openChip(page, surge));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 40, from.y + 200, { steps: 5 });
  assert.ok(await page.locator("body.is-dragging").count());
  await page.keyboard.press("Escape");
  await page.mouse.up();
  assert.equal(await page.locator("body.is-dragging, .drop-row, .ghost").count(), 0);
  assert.equal(await openChip(page, surge).count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the board filters by location and name", async () => {
  const { page, context, errors } = await openDemo();
  await page.selectOption("#filter-location", "sat-mission");
  const ids = await page.locator("tr[data-emp]").evaluateAll((rows) => rows.map((r) => r.dataset.emp));
  assert.ok(ids.includes("e-125"), "San Antonio staff stay");
  assert.ok(ids.includes("e-103"), "Lan Tran works a San Antonio shift");
  assert.ok(!ids.includes("e-117"), "Jacksonville staff go");
  assert.equal(await page.locator("tr[data-lane] .chip").count(), 4, "San Antonio's open swing shifts");
  await page.selectOption("#filter-location", "");
  await page.fill("#filter-name", "castillo");
  assert.deepEqual(await page.locator("tr[data-emp]").evaluateAll((rows) => rows.map((r) => r.dataset.emp)), ["e-130"]);
  await page.fill("#filter-name", "");
  await page.check("#filter-issues");
  assert.ok((await page.locator("tr[data-emp]").count()) < 52);
  assert.deepEqual(errors, []);
  await context.close();
});

test("dragging a shift along its own row moves it to another day, checked for its people", async () => {
  const { page, context, errors } = await openDemo();
  // Omar Haddad's gala post overlaps his night on 18 Dec; a day earlier it does not.
  const shift = "sec-hou-1218-event";
  assert.match(await rowChip(page, "e-143", shift).getAttribute("class"), /st-block/);
  let tip = "";
  await drag(page, rowChip(page, "e-143", shift), cell(page, "e-143", "2026-12-17"), {
    during: async () => (tip = await page.locator("#drag-tip").innerText()),
  });
  assert.match(tip, /Move to Thu 17 Dec/);
  await cell(page, "e-143", "2026-12-17").locator(`.chip[data-shift="${shift}"]`).waitFor();
  assert.match(await rowChip(page, "e-143", shift).getAttribute("class"), /st-ok/);
  assert.match(await page.locator("#toasts").innerText(), /Resolved/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the shift dialog moves a shift to a new time, showing its people's verdicts first", async () => {
  const { page, context, errors } = await openDemo();
  const shift = "sec-hou-1218-event";
  await rowChip(page, "e-143", shift).focus();
  await page.keyboard.press("Enter");
  const dialog = page.locator("#dlg-shift");
  await dialog.waitFor({ state: "visible" });
  // Who is on it, with the verdict: Omar Haddad, blocked (it overlaps his night), and a way off it.
  const onIt = dialog.locator("#dlg-shift-assigned li").filter({ hasText: "Omar Haddad" });
  assert.match(await onIt.first().innerText(), /Blocked/);
  assert.equal(await onIt.first().getByRole("button", { name: "Unassign" }).count(), 1);
  // Earlier the same day: too little rest before his night.
  await page.fill("#move-start", "2026-12-18T10:00");
  await page.fill("#move-end", "2026-12-18T17:00");
  await page.waitForFunction(() => document.querySelector("#move-verdicts").textContent.includes("Blocked"));
  assert.match(await page.locator("#move-verdicts").innerText(), /Omar Haddad: only 1 h rest before shift sec-hou-1218-n/);
  await dialog.getByRole("button", { name: "Move shift" }).click();
  // He was blocked on this shift already (it overlaps his night), so the move is made, not
  // refused: a move is refused only when it newly blocks someone (docs/spec.md §6.1). The toast
  // names the rest conflict it leaves.
  const moved = page.locator(".toast").filter({ hasText: "Moved to" }).last();
  await moved.waitFor();
  assert.match(await moved.innerText(), /only 1 h rest/);
  assert.equal(await cell(page, "e-143", "2026-12-18").locator(`.chip[data-shift="${shift}"]`).count(), 1, "still on the 18th");
  // The evening before: fine.
  await rowChip(page, "e-143", shift).focus();
  await page.keyboard.press("Enter");
  await page.fill("#move-start", "2026-12-17T16:00");
  await page.fill("#move-end", "2026-12-17T23:00");
  await page.waitForFunction(() => document.querySelector("#move-verdicts").textContent.includes("OK"));
  await dialog.getByRole("button", { name: "Move shift" }).click();
  await cell(page, "e-143", "2026-12-17").locator(`.chip[data-shift="${shift}"]`).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("keyboard: Enter on a shift opens a list of people with their status; Enter assigns, Escape cancels", async () => {
  const { page, context, errors } = await openDemo();
  const shift = "ed-sat-1213-swing";
  const chip = openChip(page, shift);
  await chip.focus();
  await page.keyboard.press("Escape"); // nothing open: harmless
  await page.keyboard.press("Enter");
  const dialog = page.locator("#dlg-shift");
  await dialog.waitFor({ state: "visible" });
  // Every person shows a status in words; the best fit first.
  const first = dialog.locator(".pick").first();
  assert.match(await first.getAttribute("aria-label"), /Javier Trevino: OK/);
  const megan = await dialog.locator('.pick[data-emp="e-130"]').innerText();
  assert.match(megan, /Blocked/);
  // Escape cancels and gives the focus back.
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.shift), shift);
  assert.equal(await row(page, "e-125").locator(`.chip[data-shift="${shift}"]`).count(), 0);

  // Space opens it again; type to filter, arrow down, Enter.
  await page.keyboard.press("Space");
  await dialog.waitFor({ state: "visible" });
  await page.keyboard.type("Trevino");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.emp), "e-125");
  await page.keyboard.press("Enter");
  await dialog.waitFor({ state: "hidden" });
  await rowChip(page, "e-125", shift).waitFor();
  assert.match(await page.locator("#toasts").innerText(), /Assigned Javier Trevino/);

  // A blocked pick by keyboard is refused the same way, with its reason.
  await openChip(page, "ed-sat-1212-swing").focus();
  await page.keyboard.press("Enter");
  await dialog.waitFor({ state: "visible" });
  await page.keyboard.type("Trevino");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  const refusal = page.locator('.toast[data-kind="refused"]');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /only 4 h rest after shift ed-sat-1211-n/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the employee panel explains each shift's verdict and lists the records", async () => {
  const { page, context, errors } = await openDemo();
  await row(page, "e-108").locator(".person").click();
  const panel = page.locator("#panel");
  await panel.waitFor({ state: "visible" });
  const text = await panel.innerText();
  assert.match(text, /Priya Raman/);
  assert.match(text, /In grace period/);
  assert.match(text, /ACLS \(cr-0036\) expired at the end of 30 Nov; it counts in its 30-day grace period/);
  assert.match(text, /cr-0036/);
  assert.match(text, /Trainings/);
  // The credentials are the engine's standing: ACLS in grace through its record cr-0036.
  const acls = panel.locator('tr[data-code="ACLS"]');
  assert.equal(await acls.getAttribute("data-state"), "inGrace");
  assert.equal(await acls.getAttribute("data-credential"), "cr-0036");
  assert.match(await acls.innerText(), /In grace period, expired \d+ days? ago/);
  await page.keyboard.press("Escape");
  await panel.waitFor({ state: "hidden" });
  // Maribel Guerrero's ICU role needs ACLS, which she meets through her ACLS-EP card (it
  // satisfies ACLS): the page's own reading of the records, before the engine's standing, had
  // no ACLS line at all.
  await row(page, "e-101").locator(".person").click();
  await panel.waitFor({ state: "visible" });
  const met = panel.locator('tr[data-code="ACLS"]');
  assert.equal(await met.getAttribute("data-state"), "valid");
  assert.equal(await met.getAttribute("data-credential"), "cr-0004");
  assert.match(await met.innerText(), /ACLS-EP record, which satisfies ACLS/);
  await page.keyboard.press("Escape");
  await panel.waitFor({ state: "hidden" });
  assert.deepEqual(errors, []);
  await context.close();
});

test("loading a malformed file lists its errors with their paths and keeps the board", async () => {
  const { page, context, errors } = await openDemo();
  await page.setInputFiles("#file-roster", { name: "broken-roster.json", mimeType: "application/json", buffer: Buffer.from('{"shifts": [{"id": "s1"}]}') });
  const report = page.locator("#load-report");
  await report.waitFor({ state: "visible" });
  let text = await report.innerText();
  assert.match(text, /Could not load broken-roster\.json/);
  assert.match(text, /shifts\[0\]\.start/);
  assert.match(text, /shifts\[0\]\.end/);
  assert.match(text, /is required/);
  assert.equal(await page.locator("tr[data-emp]").count(), 52, "the previous documents stay");

  await page.setInputFiles("#file-roster", { name: "truncated.json", mimeType: "application/json", buffer: Buffer.from('{"employees": [\n') });
  await page.waitForFunction(() => document.querySelector("#load-report").textContent.includes("truncated.json"));
  text = await report.innerText();
  assert.match(text, /roster/);
  assert.match(text, /malformed JSON at line 2/);

  // Warnings are shown too, and the documents load.
  await page.setInputFiles("#file-roster", { name: "roster.json", mimeType: "application/json", buffer: Buffer.from('{"employees": [{"id": "e1", "name": "Sam Ortiz"}]}') });
  await page.setInputFiles("#file-credentials", {
    name: "credentials.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"credentialTypes": [{"code": "BLS"}], "credentials": [{"id": "c1", "employeeId": "nobody", "code": "BLS", "validUntil": null, "valid_from": "2026-01-01"}]}'),
  });
  // The roster alone loads beside the sample's credentials (with warnings of its own), then the pair.
  // The report is shown before the board's rows are drawn (a few a frame): the load is over
  // when the page is no longer busy.
  await page.waitForFunction(() => !document.body.dataset.busy && document.querySelector("#load-report")?.dataset.status === "warn" && document.querySelector("#load-report").textContent.includes("valid_from"));
  text = await report.innerText();
  assert.match(text, /credentials\[0\]\.valid_from/);
  assert.match(text, /did you mean "validFrom"/);
  assert.match(text, /credentials\[0\]\.employeeId/);
  assert.equal(await page.locator("tr[data-emp]").count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("dropping files on the page loads them", async () => {
  const { page, context, errors } = await openDemo();
  const roster = JSON.stringify({ employees: [{ id: "e1", name: "Rowan Hale" }, { id: "e2", name: "Imani Cole" }] });
  const credentials = JSON.stringify({ credentialTypes: [{ code: "BLS" }] });
  const dataTransfer = await page.evaluateHandle(([r, c]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([r], "team-roster.json", { type: "application/json" }));
    dt.items.add(new File([c], "credentials-export.json", { type: "application/json" }));
    return dt;
  }, [roster, credentials]);
  await page.dispatchEvent("body", "dragenter", { dataTransfer });
  assert.ok(await page.locator("#drop-overlay").isVisible());
  await page.dispatchEvent("body", "drop", { dataTransfer });
  await page.waitForFunction(() => document.querySelectorAll("tr[data-emp]").length === 2);
  assert.ok(await page.locator("#drop-overlay").isHidden());
  assert.match(await page.locator("#docs-info").innerText(), /team-roster\.json/);
  assert.match(await page.locator("#docs-info").innerText(), /credentials-export\.json/);
  assert.deepEqual(errors, []);
  await context.close();
});

/** A small organisation of its own: a roster requiring a code the sample's credentials lack, and its credentials. */
const NEW_ORG = {
  roster: {
    locations: [{ id: "clinic", name: "Harbour Clinic, Galveston", requires: "HARBOUR-INDUCTION" }],
    teams: [{ id: "days", name: "Clinic days" }],
    employees: [
      { id: "n1", name: "Noor Haddad", teamId: "days", locationId: "clinic" },
      { id: "n2", name: "Theo Marsh", teamId: "days", locationId: "clinic" },
      { id: "n3", name: "Ines Okafor", teamId: "days", locationId: "clinic" },
    ],
    shifts: [
      { id: "c1", start: "2027-03-01T08:00:00-06:00", end: "2027-03-01T16:00:00-06:00", locationId: "clinic", teamId: "days", assigned: ["n1"] },
      { id: "c2", start: "2027-03-02T08:00:00-06:00", end: "2027-03-02T16:00:00-06:00", locationId: "clinic", teamId: "days", assigned: [] },
    ],
  },
  credentials: {
    credentialTypes: [{ code: "HARBOUR-INDUCTION", name: "Harbour Clinic site induction" }],
    credentials: [
      { id: "h1", employeeId: "n1", code: "HARBOUR-INDUCTION", validUntil: null },
      { id: "h2", employeeId: "n2", code: "HARBOUR-INDUCTION", validUntil: null },
    ],
  },
};
const file = (name, value) => ({ name, mimeType: "application/json", buffer: Buffer.from(typeof value === "string" ? value : JSON.stringify(value)) });

test("a new organisation opened with the two buttons, one after the other: the first file waits for the second", async () => {
  const { page, context, errors } = await openDemo();
  const report = page.locator("#load-report");
  // The roster first: it names a code the sample's credentials lack, so it waits.
  await page.setInputFiles("#file-roster", file("harbour-roster.json", NEW_ORG.roster));
  await page.waitForFunction(() => document.querySelector("#load-report")?.dataset.status === "pending");
  let text = await report.innerText();
  assert.match(text, /Roster loaded \(harbour-roster\.json\), waiting for the credentials file/);
  assert.match(text, /HARBOUR-INDUCTION/);
  assert.equal(await report.getAttribute("role"), "status");
  assert.match(await page.locator("#docs-info").innerText(), /harbour-roster\.json · waiting for the credentials file/);
  assert.equal(await page.locator("tr[data-emp]").count(), 52, "the board keeps the sample until the pair is complete");
  // The report offers the other button.
  assert.equal(await report.locator('label[for="file-credentials"]').count(), 1);
  // The credentials next: the pair loads.
  await page.setInputFiles("#file-credentials", file("harbour-credentials.json", NEW_ORG.credentials));
  await page.waitForFunction(() => document.querySelectorAll("tr[data-emp]").length === 3);
  assert.ok(await report.isHidden(), "nothing left to report");
  assert.doesNotMatch(await page.locator("#docs-info").innerText(), /waiting/);
  assert.match(await page.locator("#docs-info").innerText(), /harbour-roster\.json[\s\S]*harbour-credentials\.json/);
  await page.locator("#btn-sample").click();
  await page.waitForFunction(() => document.querySelectorAll("tr[data-emp]").length === 52);

  // The credentials first: the sample's roster requires codes they lack, so they wait too.
  await page.setInputFiles("#file-credentials", file("harbour-credentials.json", NEW_ORG.credentials));
  await page.waitForFunction(() => document.querySelector("#load-report")?.dataset.status === "pending");
  assert.match(await report.innerText(), /Credentials loaded \(harbour-credentials\.json\), waiting for the roster file/);
  // A roster broken on its own is still refused with its own errors; the credentials keep waiting.
  await page.setInputFiles("#file-roster", file("broken.json", '{"shifts": [{"id": "s1"}]}'));
  await page.waitForFunction(() => document.querySelector("#load-report")?.dataset.status === "block");
  text = await report.innerText();
  assert.match(text, /shifts\[0\]\.start/);
  assert.match(text, /harbour-credentials\.json still waits for its roster file/);
  assert.equal(await page.locator("tr[data-emp]").count(), 52);
  await page.setInputFiles("#file-roster", file("harbour-roster.json", NEW_ORG.roster));
  await page.waitForFunction(() => document.querySelectorAll("tr[data-emp]").length === 3);
  assert.doesNotMatch(await page.locator("#docs-info").innerText(), /waiting/);

  // A file broken on its own is refused even when nothing else is wrong: malformed JSON.
  await page.setInputFiles("#file-credentials", file("credentials-cut.json", '{"credentialTypes": ['));
  await page.waitForFunction(() => document.querySelector("#load-report")?.dataset.status === "block");
  assert.match(await report.innerText(), /Could not load credentials-cut\.json: 1 problem of its own/);
  assert.match(await report.innerText(), /malformed JSON/);
  assert.doesNotMatch(await page.locator("#docs-info").innerText(), /waiting/);

  // A waiting file can be discarded.
  await page.setInputFiles("#file-roster", file("sample-again.json", await (await fetch(new URL("data/roster.json", baseUrl()))).text()));
  await page.waitForFunction(() => document.querySelector("#load-report")?.dataset.status === "pending");
  await report.getByRole("button", { name: "Discard" }).click();
  assert.ok(await report.isHidden());
  assert.doesNotMatch(await page.locator("#docs-info").innerText(), /waiting/);
  assert.equal(await page.locator("tr[data-emp]").count(), 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test("either button's picker takes both files at once, told apart by their content", async () => {
  const { page, context, errors } = await openDemo();
  assert.equal(await page.locator("#file-roster").getAttribute("multiple"), "");
  // Names that say nothing: the top-level fields decide.
  await page.setInputFiles("#file-credentials", [file("export-a.json", NEW_ORG.credentials), file("export-b.json", NEW_ORG.roster)]);
  await page.waitForFunction(() => document.querySelectorAll("tr[data-emp]").length === 3);
  const info = await page.locator("#docs-info").innerText();
  assert.match(info, /export-b\.json · 3 people/);
  assert.match(info, /export-a\.json · 2 records/);
  // Two rosters at once: refused, and said why.
  await page.setInputFiles("#file-roster", [file("one.json", NEW_ORG.roster), file("two.json", NEW_ORG.roster)]);
  await page.waitForFunction(() => document.querySelector("#load-report")?.textContent.includes("second roster document"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("text from files is shown as text: markup in names runs nothing", async () => {
  const { page, context, errors } = await openDemo();
  const evilName = '<script>window.__pwned = "script"</script>';
  const evilImg = '"><img src=x onerror="window.__pwned = \'img\'">';
  const roster = {
    locations: [{ id: "loc", name: `<b>Clinic</b>${evilImg}` }],
    teams: [{ id: "t", name: `<i>Team</i>${evilImg}` }],
    roles: [{ id: "r", name: evilImg }],
    employees: [
      { id: "e1", name: evilName, teamId: "t", locationId: "loc", roleIds: ["r"], title: evilImg },
      { id: "e2", name: evilImg, teamId: "t", locationId: "loc" },
    ],
    shifts: [
      { id: "s1", start: "2026-12-07T07:00:00-06:00", end: "2026-12-07T19:00:00-06:00", locationId: "loc", teamId: "t", roleId: "r", requires: "BLS", assigned: ["e1"], label: evilImg },
      { id: "s2", start: "2026-12-08T07:00:00-06:00", end: "2026-12-08T19:00:00-06:00", locationId: "loc", roleId: "r", assigned: [] },
    ],
  };
  const credentials = {
    credentialTypes: [{ code: "BLS", name: evilImg }],
    credentials: [{ id: "c1", employeeId: "e1", code: "BLS", validUntil: "2026-12-07T12:00:00-06:00", issuer: evilImg, identifier: evilName }],
  };
  await page.setInputFiles("#file-roster", { name: "roster.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(roster)) });
  await page.setInputFiles("#file-credentials", { name: "credentials.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(credentials)) });
  await page.waitForFunction(() => document.querySelectorAll("tr[data-emp]").length === 2);

  assert.equal(await row(page, "e1").locator(".who-name").innerText(), evilName);
  assert.equal(await row(page, "e2").locator(".who-name").innerText(), evilImg);
  assert.match(await page.locator(".team-head").innerText(), /<i>Team<\/i>/i);
  // The panel, the shift dialog and a drag's tooltip all show the same text.
  await row(page, "e1").locator(".person").click();
  const panelText = await page.locator("#panel").innerText();
  assert.ok(panelText.includes(evilName));
  assert.ok(panelText.includes(evilImg));
  await page.keyboard.press("Escape");
  await rowChip(page, "e1", "s1").click();
  await page.locator("#dlg-shift").waitFor({ state: "visible" });
  assert.ok((await page.locator("#dlg-shift").innerText()).includes(evilImg));
  await page.keyboard.press("Escape");
  await drag(page, openChip(page, "s2"), cell(page, "e2", "2026-12-08"));
  await rowChip(page, "e2", "s2").waitFor();

  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator("img").count(), 0);
  assert.equal(await page.locator("b, i").count(), 0);
  assert.equal(await page.locator("script").count(), 1, "only the page's own module");
  assert.deepEqual(errors, []);
  await context.close();
});

test("tracking views appear when the engine has them", async () => {
  const { page, context, errors } = await openDemo();
  const has = await page.evaluate(() => typeof window.credgateDemo.engine.alerts === "function");
  assert.equal(await page.locator("#tab-renewals").isVisible(), has);
  if (has) {
    await page.getByRole("tab", { name: "Renewals" }).click();
    const body = page.locator("#renewals-body");
    await body.locator("table").waitFor();
    const text = await body.innerText();
    assert.match(text, /Tyler Hebert/);
    assert.match(text, /SITE-INDUCTION-HOU/);
    assert.ok((await body.locator("svg.chart rect").count()) > 0);
    await page.screenshot({ path: join(RESULTS, "renewals.png") });
  }
  if (await page.locator("#tab-gaps").isVisible()) {
    await page.getByRole("tab", { name: "Gaps" }).click();
    await page.locator("#gaps-body .card").first().waitFor();
    assert.ok((await page.locator("#gaps-body svg.chart").count()) > 0);
    assert.match(await page.locator("#gaps-body").innerText(), /Bayou General Hospital, Houston/);
    await page.screenshot({ path: join(RESULTS, "gaps.png") });
  }
  if (await page.locator("#tab-audit").isVisible()) {
    await page.getByRole("tab", { name: "Audit" }).click();
    await page.locator("#audit-body table").first().waitFor();
    assert.match(await page.locator("#audit-body").innerText(), /Priya Raman/);
    await page.screenshot({ path: join(RESULTS, "audit.png") });
    const [csv] = await Promise.all([page.waitForEvent("download"), page.locator("#audit-csv").click()]);
    assert.match(csv.suggestedFilename(), /\.csv$/);
    const text = await (await import("node:fs/promises")).readFile(await csv.path(), "utf8");
    assert.match(text.split("\r\n")[0], /^section,asOf,kind,severity/);
    assert.match(text, /roleRequirementNotHeld/);
    const [json] = await Promise.all([page.waitForEvent("download"), page.locator("#audit-json").click()]);
    assert.match(json.suggestedFilename(), /\.json$/);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("export downloads both documents with the edits", async () => {
  const { page, context, errors } = await openDemo();
  await drag(page, openChip(page, "icu-jax-1212-extra-n"), cell(page, "e-110", "2026-12-12"));
  await rowChip(page, "e-110", "icu-jax-1212-extra-n").waitFor();
  const downloads = [];
  page.on("download", (d) => downloads.push(d));
  await page.locator("#btn-export").click();
  await page.waitForFunction(() => true);
  await page.waitForTimeout(600);
  assert.deepEqual(downloads.map((d) => d.suggestedFilename()).sort(), ["credentials.json", "roster.json"]);
  const roster = downloads.find((d) => d.suggestedFilename() === "roster.json");
  const text = await (await import("node:fs/promises")).readFile(await roster.path(), "utf8");
  const shift = JSON.parse(text).shifts.find((s) => s.id === "icu-jax-1212-extra-n");
  assert.deepEqual(shift.assigned, ["e-110"]);
  assert.deepEqual(errors, []);
  await context.close();
});
