// Shared by the js-tests: where things are, the built package, the sample documents, the CLI.
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { extname, join, normalize, sep } from "node:path";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The built package (`make pkg`); CREDGATE_PKG_DIR points elsewhere. */
export const PKG = process.env.CREDGATE_PKG_DIR || join(ROOT, "pkg");
export const CLI = join(ROOT, "target/release/credgate");

if (!existsSync(join(PKG, "node.js"))) {
  throw new Error(`no package in ${PKG}: run \`make pkg\` first (make test-js does)`);
}

/** The package's Node.js entry, as an application would import it. */
export const { Engine } = await import(pathToFileURL(join(PKG, "node.js")).href);

export const ROSTER_PATH = join(ROOT, "www/data/roster.json");
export const CREDENTIALS_PATH = join(ROOT, "www/data/credentials.json");
export const rosterText = readFileSync(ROSTER_PATH, "utf8");
export const credentialsText = readFileSync(CREDENTIALS_PATH, "utf8");
export const sample = () => Engine.load(rosterText, credentialsText);

/** Debian's Chromium: the tests never download a browser. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Debian's Chromium, headless, with its own profile in `profile` (a fresh directory), through
 * playwright-core; `options` adds to playwright's launch options (a viewport, say). As root
 * Chromium needs --no-sandbox; the other flags stop its background connections, which this
 * machine's closed network refuses.
 */
export async function launchChromium(profile, options = {}) {
  const { chromium } = await import("playwright-core");
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    ...options,
  });
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".wasm": "application/wasm", ".css": "text/css" };

/**
 * A server on 127.0.0.1 (a free port) for a test page. `pages` maps a path to its body, the
 * content type from the path's extension (HTML for `/`); `/` and `/index.html` are one page, and
 * `/favicon.ico` answers 204. `mounts` maps a prefix to a folder served as files, nothing outside
 * it (default: `/pkg/`, the built package). `headers` go on every file served.
 */
export function servePage(pages, { mounts = [["/pkg/", PKG]], headers = {} } = {}) {
  const server = createServer((req, res) => {
    let url = new URL(req.url, "http://x").pathname;
    if (url === "/index.html" && Object.hasOwn(pages, "/")) url = "/";
    if (url === "/favicon.ico" && !Object.hasOwn(pages, url)) return res.writeHead(204).end();
    if (Object.hasOwn(pages, url)) return res.writeHead(200, { "content-type": TYPES[extname(url) || ".html"], ...headers }).end(pages[url]);
    const mount = mounts.find(([prefix]) => url.startsWith(prefix));
    if (!mount) return res.writeHead(404).end();
    const folder = normalize(mount[1]);
    const path = normalize(join(folder, decodeURIComponent(url.slice(mount[0].length))));
    if (!path.startsWith(folder.endsWith(sep) ? folder : folder + sep) || !existsSync(path)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream", ...headers });
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/**
 * Opens `server`'s page at `path` in headless Chromium with a fresh profile, closed (and the
 * server with it) when test `t` ends. Returns the page and the list that collects its uncaught
 * errors and console errors.
 */
export async function openPage(t, server, path = "/") {
  const profile = mkdtempSync(join(tmpdir(), "credgate-chromium-"));
  const browser = await launchChromium(profile);
  t.after(async () => {
    await browser.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  });
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(`http://127.0.0.1:${server.address().port}${path}`);
  return { page, errors };
}

/** Runs the native CLI; returns `{status, json, stderr}` (json: stdout parsed, or null). */
export function cli(args) {
  if (!existsSync(CLI)) throw new Error(`no CLI at ${CLI}: run \`cargo build --release\` first (make test-js does)`);
  const r = spawnSync(CLI, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  let json = null;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = null;
  }
  return { status: r.status, json, stderr: r.stderr };
}

/** The `errors` of what `f` throws, as `[path, document]` pairs, after checking its shape. */
export function thrownProblems(f) {
  try {
    f();
  } catch (e) {
    if (!(e instanceof Error)) throw new Error(`threw a non-Error: ${String(e)}`);
    if (!Array.isArray(e.errors)) throw new Error(`an Error without errors: ${e.message}`);
    for (const p of e.errors) {
      if (typeof p.path !== "string" || typeof p.message !== "string" || !p.message) {
        throw new Error(`a malformed problem: ${JSON.stringify(p)}`);
      }
    }
    return e.errors.map((p) => [p.path, p.document]);
  }
  throw new Error("did not throw");
}

/** Every key in the tree whose value is `undefined` (there must be none). */
export function undefinedKeys(v, at = "$", out = []) {
  if (Array.isArray(v)) v.forEach((x, i) => undefinedKeys(x, `${at}[${i}]`, out));
  else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) out.push(`${at}.${k}`);
      else undefinedKeys(x, `${at}.${k}`, out);
    }
  }
  return out;
}

export { execFileSync };
