#!/usr/bin/env node
// The demo's static server: www/ at the root and the built package at /pkg/, nothing else.
//
//   node scripts/serve.mjs            # http://localhost:8080
//   PORT=9000 node scripts/serve.mjs  # another port; PORT=0 picks a free one
//
// It prints `credgate demo: http://localhost:PORT/` once it listens (the end-to-end tests read
// that line to learn the port). Every response carries a strict Content-Security-Policy: the
// page has no inline script, style or handler, so neither 'unsafe-inline' nor 'unsafe-eval' is
// allowed; 'wasm-unsafe-eval' is what lets the page compile the engine's WebAssembly.
import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
// URL prefix -> directory. The longest matching prefix wins.
const MOUNTS = [
  ["/pkg/", resolve(process.env.CREDGATE_PKG_DIR || join(ROOT, "pkg"))],
  ["/", join(ROOT, "www")],
];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join("; ");

const SECURITY_HEADERS = {
  "Content-Security-Policy": CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cache-Control": "no-cache",
};

function send(res, status, body) {
  res.writeHead(status, { ...SECURITY_HEADERS, "Content-Type": "text/plain; charset=utf-8" });
  res.end(body);
}

/** Maps a request path to a file inside one of the mounts, or null when it would leave them. */
function locate(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  for (const [prefix, dir] of MOUNTS) {
    if (!decoded.startsWith(prefix)) continue;
    const file = normalize(join(dir, decoded.slice(prefix.length)));
    if (file !== dir && !file.startsWith(dir + sep)) return null;
    return file;
  }
  return null;
}

const server = createServer(async (req, res) => {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("Allow", "GET, HEAD");
    return send(res, 405, "method not allowed\n");
  }
  const { pathname } = new URL(req.url, "http://localhost");
  let file = locate(pathname);
  if (!file) return send(res, 404, "not found\n");
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      if (!pathname.endsWith("/")) {
        res.writeHead(301, { ...SECURITY_HEADERS, Location: pathname + "/" });
        return res.end();
      }
      file = join(file, "index.html");
      info = await stat(file);
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      "Content-Type": TYPES[extname(file).toLowerCase()] || "application/octet-stream",
      "Content-Length": info.size,
    });
    if (req.method === "HEAD") return res.end();
    createReadStream(file).on("error", () => res.destroy()).pipe(res);
  } catch {
    send(res, 404, "not found\n");
  }
});

const port = Number.parseInt(process.env.PORT ?? "8080", 10);
const host = process.env.HOST || "127.0.0.1";
server.on("error", (err) => {
  console.error(`credgate demo: cannot listen on ${host}:${port}: ${err.message}`);
  process.exit(1);
});
server.listen(Number.isFinite(port) ? port : 8080, host, () => {
  const { port: actual } = server.address();
  console.log(`credgate demo: http://localhost:${actual}/`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
