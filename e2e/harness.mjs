// Shared by the end-to-end tests: the demo's server on a free port, Debian's headless Chromium
// through playwright-core (no browser is downloaded), and a real mouse drag.
import assert from "node:assert/strict";
import { before, after } from "node:test";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { chromium } from "playwright-core";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const RESULTS = join(ROOT, "test-results");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Starts scripts/serve.mjs on a free port and Chromium; `stop()` ends both. */
export async function startDemo() {
  assert.ok(existsSync(join(ROOT, "pkg", "index.js")), "pkg/ is not built: run `make pkg` first (make test-e2e does)");
  mkdirSync(RESULTS, { recursive: true });
  const server = spawn(process.execPath, [join(ROOT, "scripts", "serve.mjs")], { cwd: ROOT, env: { ...process.env, PORT: "0" }, stdio: ["ignore", "pipe", "inherit"] });
  const baseUrl = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${out}`)), 10_000);
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/localhost:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}/`);
      }
    });
    server.on("exit", (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    baseUrl,
    browser,
    async stop() {
      await browser.close();
      server.kill();
    },
  };
}

/**
 * One demo server and browser for a test file: started before its tests and stopped after them.
 * Answers `openDemo(options)`, a fresh page on it (see `openDemo`), and `baseUrl()`.
 */
export function useDemo() {
  let demo;
  before(async () => {
    demo = await startDemo();
  });
  after(async () => {
    await demo?.stop();
  });
  return { openDemo: (options) => openDemo(demo, options), baseUrl: () => demo.baseUrl };
}

/** The board's row of an employee. */
export const row = (page, employeeId) => page.locator(`tr[data-emp="${employeeId}"]`);
/** An employee's cell on a day (`YYYY-MM-DD`). */
export const cell = (page, employeeId, day) => page.locator(`tr[data-emp="${employeeId}"] td[data-day="${day}"]`);
/** A shift's chip in the open-shifts lane. */
export const openChip = (page, shiftId) => page.locator(`tr[data-lane] .chip[data-shift="${shiftId}"]`);
/** A shift's chip on an employee's row. */
export const rowChip = (page, employeeId, shiftId) => page.locator(`tr[data-emp="${employeeId}"] .chip[data-shift="${shiftId}"]`);

/**
 * A fresh page on the demo, with the sample loaded; collects console errors and warnings.
 * `init` is a function run in the page before its own scripts (page.addInitScript).
 */
export async function openDemo({ browser, baseUrl }, { width = 1440, height = 1000, init = null } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  const errors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") errors.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  const response = await page.goto(baseUrl);
  try {
    await page.waitForSelector("body[data-ready=true]", { timeout: 15_000 });
  } catch (err) {
    const report = await page.locator("#load-report").innerText().catch(() => "");
    throw new Error(`the demo did not get ready: ${report || "(no load report)"}; console: ${errors.join(" | ")}`, { cause: err });
  }
  return { page, context, errors, response };
}

export async function center(locator) {
  const box = await locator.boundingBox();
  assert.ok(box, "element is not visible");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * A real mouse drag: press on `from`, move in steps to `to`, run `during` while hovering there,
 * release. The target is scrolled into view first (the open lane stays in view: it is sticky).
 */
export async function drag(page, from, to, { during, steps = 15 } = {}) {
  // Scrolling to an element of the sticky lane would scroll the board back to its top.
  // A busy day of the lane scrolls on its own.
  for (const el of [from, to]) {
    const inLane = await el.evaluate((n) => {
      const box = n.closest(".lane-cell");
      if (box) box.scrollTop = n.offsetTop - box.offsetTop;
      return Boolean(n.closest("tr[data-lane]"));
    });
    if (!inLane) await el.evaluate((n) => n.scrollIntoView({ block: "center", inline: "center" }));
  }
  const a = await center(from);
  const b = await center(to);
  for (const [el, p] of [[from, a], [to, b]]) {
    const hit = await el.evaluate((n, { x, y }) => n.contains(document.elementFromPoint(x, y)), p);
    assert.ok(hit, "the drag's end points are visible and not covered");
  }
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(a.x + 6, a.y + 6, { steps: 2 });
  await page.mouse.move(b.x, b.y, { steps });
  await page.mouse.move(b.x + 1, b.y + 1);
  if (during) await during();
  await page.mouse.up();
}
