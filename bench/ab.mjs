// What the A/B scripts (status-ab.mjs, load-ab.mjs) share: two packages imported side by side
// in one Node.js process, the data sets to run them on, and a clock of process CPU time (a
// shared machine's descheduled time left out).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * `node bench/SCRIPT PKG_A PKG_B [DATA_DIR...]`: the two packages' `Engine` classes, the data
 * directories (default: bench/out/data/x1 and x1-s8) and the rounds (`ROUNDS`, else `rounds`).
 */
export async function twoPackages(script, rounds) {
  const [pkgA, pkgB, ...dirs] = process.argv.slice(2);
  if (!pkgA || !pkgB) throw new Error(`usage: node bench/${script} PKG_A PKG_B [DATA_DIR...]`);
  const engines = [];
  // The query makes each package a module of its own even when both paths name the same files.
  for (const p of [pkgA, pkgB]) engines.push((await import(pathToFileURL(resolve(p, "node.js")).href + "?" + p)).Engine);
  return { engines, datas: dirs.length ? dirs : ["bench/out/data/x1", "bench/out/data/x1-s8"], rounds: +(process.env.ROUNDS || rounds) };
}

/** Process CPU time, in ms. */
export const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
