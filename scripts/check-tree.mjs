// The repository stands alone: a clone with nothing beside it must build, test and read whole.
//
// Fails (exit 1, every problem listed) when a tracked file
// - names a path that climbs out of the repository into a sibling folder (`../<name>/...` from the
//   root, as a brief or data kept beside a checkout would be), or an absolute path of this machine;
// - is Markdown with a relative link (or image) whose target does not exist in the tree, or that
//   leaves the tree.
//
// Tracked files are `git ls-files`; outside a git checkout, every file below the root except
// build output. Run by `make test` (target `check-tree`).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SKIP_DIRS = new Set([".git", "target", "node_modules", "pkg", "test-results", "bench/out", "fuzz/target"]);

function trackedFiles() {
  try {
    const out = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return out.split("\0").filter(Boolean);
  } catch {
    const files = [];
    const walk = (dir) => {
      for (const name of readdirSync(join(ROOT, dir))) {
        const rel = dir ? `${dir}/${name}` : name;
        if (SKIP_DIRS.has(rel)) continue;
        const st = statSync(join(ROOT, rel));
        if (st.isDirectory()) walk(rel);
        else files.push(rel);
      }
    };
    walk("");
    return files;
  }
}

const BINARY = /\.(png|jpe?g|gif|ico|wasm|gz|tgz|zip|woff2?)$/i;
// Built from pieces so that this file does not match itself.
const SIBLING = new RegExp(["\\.\\.", "/(shared|main|\\.library|\\.mirror)\\b"].join(""));
const MACHINE = new RegExp(["/", "work/(shared|main|\\.library|\\.mirror)"].join(""));
const LINK = /!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

const problems = [];
const files = trackedFiles();
for (const file of files) {
  if (BINARY.test(file) || file.endsWith(".lock")) continue;
  const path = join(ROOT, file);
  if (!existsSync(path)) continue; // deleted in the work tree, not yet committed
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    continue;
  }
  text.split("\n").forEach((line, i) => {
    if (SIBLING.test(line) || MACHINE.test(line)) {
      problems.push(`${file}:${i + 1}: names a path outside the repository: ${line.trim().slice(0, 160)}`);
    }
  });
  if (!file.endsWith(".md")) continue;
  // Links inside fenced code blocks are code, not links.
  let fenced = false;
  text.split("\n").forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) return;
    for (const m of line.matchAll(LINK)) {
      const target = m[1];
      if (/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(target)) continue; // http:, mailto:, anchors
      const pathPart = decodeURIComponent(target.split("#")[0].split("?")[0]);
      if (!pathPart) continue;
      const abs = resolve(dirname(path), pathPart);
      const rel = relative(ROOT, abs);
      if (rel.startsWith("..") || rel.startsWith(sep)) {
        problems.push(`${file}:${i + 1}: link leaves the repository: ${target}`);
      } else if (!existsSync(abs)) {
        problems.push(`${file}:${i + 1}: link to a missing file: ${target}`);
      }
    }
  });
}

if (problems.length) {
  console.error(`check-tree: ${problems.length} problem(s):\n${problems.join("\n")}`);
  process.exit(1);
}
console.log(`check-tree: ${files.length} tracked files stand alone; every relative Markdown link resolves`);
