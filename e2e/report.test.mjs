// The manager's HTML report (`credgate report --html`) opened offline in Debian's headless
// Chromium: it renders its charts, asks the network for nothing, and shows document text as text.
//
//   make test-e2e   (builds the CLI first)
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";
import { chromium } from "playwright-core";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const RESULTS = join(ROOT, "test-results");
const CLI = join(ROOT, "target", "release", "credgate");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

function report(roster, credentials, out) {
  execFileSync(CLI, ["report", "--html", "--roster", roster, "--credentials", credentials,
    "--as-of", "2026-12-07T08:00:00-06:00", "--to", "2026-12-21T00:00:00-06:00", "--out", out]);
}

async function open(file, fn) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    const requests = [];
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    await fn(page);
    return { errors, requests };
  } finally {
    await browser.close();
  }
}

test("the report opens offline and shows its charts", async () => {
  mkdirSync(RESULTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), "credgate-report-"));
  const out = join(dir, "report.html");
  try {
    report(join(ROOT, "www/data/roster.json"), join(ROOT, "www/data/credentials.json"), out);
    const { errors, requests } = await open(out, async (page) => {
      const charts = page.locator("svg");
      assert.ok((await charts.count()) >= 2, "the report has at least two SVG charts");
      for (let i = 0; i < Math.min(await charts.count(), 4); i++) {
        const box = await charts.nth(i).boundingBox();
        assert.ok(box && box.width > 50 && box.height > 20, `chart ${i} is drawn with a real size`);
        assert.ok((await charts.nth(i).locator("rect, path, line, circle, polyline").count()) > 0, `chart ${i} has marks`);
      }
      // A record the sample's renewal table names is in the report.
      assert.ok((await page.content()).includes("cr-0147"));
      await page.screenshot({ path: join(RESULTS, "report.png"), fullPage: false });
    });
    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith("file:")), [], "the report fetches nothing");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the report's alerts say their basis, and a blocked shift's overLimit names what it counted", async () => {
  const dir = mkdtempSync(join(tmpdir(), "credgate-report-s8-"));
  const out = join(dir, "report.html");
  try {
    report(join(ROOT, "www/data/roster.json"), join(ROOT, "www/data/credentials.json"), out);
    const { errors } = await open(out, async (page) => {
      const alerts = page.locator("#alerts table");
      const header = await alerts.locator("thead th").allInnerTexts();
      const basis = header.indexOf("Basis");
      assert.ok(basis >= 0, `a Basis column: ${header}`);
      const cells = async (name) => alerts.locator("tbody tr", { hasText: name }).locator("td").allInnerTexts();
      // Jessica Duval's NRP lapses on her resuscitation log; Rebecca Stein's card expires first
      // (www/data/README.md); a currency has no renewal training (decision 110).
      const jessica = await cells("Jessica Duval");
      assert.equal(jessica[basis], "currency");
      assert.equal(jessica[header.indexOf("Valid until")], "2026-12-15T00:30:00-06:00");
      assert.equal(jessica[header.indexOf("Renewal")], "—");
      assert.equal((await cells("Rebecca Stein"))[basis], "expiry");
      // Hannah Kowalski's two 12-hour nights in the week of 7 Dec take her over the visa's 20 hours.
      const night = page.locator("#gaps tbody tr", { hasText: "icu-jax-1209-n" }).filter({ hasText: "e-117" });
      const why = await night.locator("td").last().innerText();
      assert.match(why, /^overLimit over the limit visa-hours: 24 h from 00:00 on 7 Dec to 00:00 on 14 Dec, above its max of 20 h/);
      assert.match(why, /\(counted: icu-jax-1209-n, icu-jax-1212-n\)$/);
    });
    assert.deepEqual(errors, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("document text in the report is text, never markup", async () => {
  const dir = mkdtempSync(join(tmpdir(), "credgate-report-xss-"));
  try {
    const evil = `"><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
    const roster = JSON.parse(readFileSync(join(ROOT, "www/data/roster.json"), "utf8"));
    roster.employees[0].name = evil;
    roster.locations[0].name = evil;
    const credentials = JSON.parse(readFileSync(join(ROOT, "www/data/credentials.json"), "utf8"));
    credentials.credentialTypes[0].name = evil;
    const r = join(dir, "r.json"), c = join(dir, "c.json"), out = join(dir, "report.html");
    writeFileSync(r, JSON.stringify(roster));
    writeFileSync(c, JSON.stringify(credentials));
    report(r, c, out);
    const { errors } = await open(out, async (page) => {
      assert.equal(await page.evaluate(() => window.__pwned), undefined, "nothing from the documents ran");
      assert.equal(await page.locator("img").count(), 0);
      assert.equal(await page.locator("script").count(), 0);
    });
    assert.deepEqual(errors, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
