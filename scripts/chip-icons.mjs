// Prints the board's chip icons as CSS custom properties (www/app.css, ":root" of the chips):
// the line icons of www/js/dom.js drawn at twice their size on a canvas in Debian's Chromium,
// as PNG data URIs. A bitmap is decoded once and drawn by the raster threads; an SVG image
// (or an inline <svg>) is painted on the main thread for every chip of every frame that draws
// it (a trace of the §5 board's wheel: 40% of the paint; decision 129).
//
//   node scripts/chip-icons.mjs      (then paste its output over the --i-* lines of app.css)
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const dom = readFileSync(fileURLToPath(new URL("../www/js/dom.js", import.meta.url)), "utf8");
const path = (name) => dom.match(new RegExp(`\\n  ${name}: "([^"]+)"`))[1];
// name in app.css, icon, colour, size in CSS pixels, stroke width.
const ICONS = [
  ["person", "person", "#5d6878", 11, 2.2],
  ["warn", "warn", "#9a5b00", 13, 2.2],
  ["block", "block", "#c4232f", 13, 2.2],
  ["flag", "block", "#c4232f", 11, 2.2],
  ["moon", "moon", "#6b5bb5", 11, 2.2],
  ["grip", "grip", "#9aa4b2", 12, 3.2],
  ["mwarn", "warn", "#9a5b00", 11, 2.2],
  ["mblock", "block", "#c4232f", 11, 2.2],
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
const lines = await page.evaluate(
  (icons) =>
    icons.map(([name, d, colour, size, width]) => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = size * 2;
      const ctx = canvas.getContext("2d");
      ctx.scale((size * 2) / 24, (size * 2) / 24);
      Object.assign(ctx, { strokeStyle: colour, lineWidth: width, lineCap: "round", lineJoin: "round" });
      ctx.stroke(new Path2D(d));
      return `  --i-${name}: image-set(url("${canvas.toDataURL("image/png")}") 2x);`;
    }),
  ICONS.map(([name, icon, ...rest]) => [name, path(icon), ...rest]),
);
await browser.close();
console.log(lines.join("\n"));
