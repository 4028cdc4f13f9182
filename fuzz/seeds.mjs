// Builds the seed inputs of the fuzz targets from the project's own documents:
// www/data/*.json (the sample pair), tests/fixtures/**/ (roster.json + credentials.json pairs)
// and every case of tests/corpus/load/*.json (its roster and credentials text, `generate`
// placeholders expanded small: a repeat to 300 characters, a nest to 200 levels, still past
// MAX_DEPTH).
//
// For `load` a seed is the roster text, a 0xFF byte, then the credentials text (the split the
// target makes). The structured targets take the same bytes as raw entropy for `arbitrary`.
//
// usage: node fuzz/seeds.mjs OUT_DIR     (writes OUT_DIR/load, OUT_DIR/load_structured, OUT_DIR/edits)
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = process.argv[2] ?? join(root, "fuzz", "corpus-work", "seeds");
const seeds = [];
const pair = (roster, credentials) => Buffer.concat([Buffer.from(roster), Buffer.from([0xff]), Buffer.from(credentials)]);

// The sample documents of the demo page.
const www = join(root, "www", "data");
seeds.push(pair(readFileSync(join(www, "roster.json")), readFileSync(join(www, "credentials.json"))));

// Fixture pairs.
const fixtures = join(root, "tests", "fixtures");
for (const dir of existsSync(fixtures) ? readdirSync(fixtures) : []) {
  const d = join(fixtures, dir);
  if (statSync(d).isDirectory() && existsSync(join(d, "roster.json")) && existsSync(join(d, "credentials.json"))) {
    seeds.push(pair(readFileSync(join(d, "roster.json")), readFileSync(join(d, "credentials.json"))));
  }
}

// The load corpus.
const corpus = join(root, "tests", "corpus", "load");
for (const name of readdirSync(corpus).filter((n) => n.endsWith(".json")).sort()) {
  const c = JSON.parse(readFileSync(join(corpus, name), "utf8"));
  let roster = c.rosterText ?? (c.roster !== undefined ? JSON.stringify(c.roster) : "{}");
  let credentials = c.credentialsText ?? (c.credentials !== undefined ? JSON.stringify(c.credentials) : "{}");
  for (const [key, g] of Object.entries(c.generate ?? {})) {
    const text = g.repeat !== undefined
      ? g.repeat.repeat(Math.min(g.times, 300))
      : g.open.repeat(Math.min(g.nest, 200)) + g.inner + g.close.repeat(Math.min(g.nest, 200));
    roster = roster.replaceAll(`{{${key}}}`, text);
    credentials = credentials.replaceAll(`{{${key}}}`, text);
  }
  seeds.push(pair(roster, credentials));
}

for (const target of ["load", "load_structured", "edits"]) {
  const dir = join(out, target);
  mkdirSync(dir, { recursive: true });
  for (const seed of seeds) {
    writeFileSync(join(dir, createHash("sha1").update(seed).digest("hex")), seed);
  }
}
// `snapshot`: the snapshots of the sample and fixture pairs that load, each behind an even first
// byte (read as is) and an odd one (length and checksum made right), written by the built
// package (pkg/node.js; none without it: make pkg).
let snapshots = 0;
const pkgNode = join(root, "pkg", "node.js");
const snapshotDir = join(out, "snapshot");
mkdirSync(snapshotDir, { recursive: true });
if (existsSync(pkgNode)) {
  const { Engine } = await import(pkgNode);
  const dir = snapshotDir;
  for (const seed of seeds.slice(0, 1 + readdirSync(fixtures).length)) {
    const at = seed.indexOf(0xff);
    let engine;
    try {
      engine = Engine.load(seed.subarray(0, at).toString(), seed.subarray(at + 1).toString());
    } catch {
      continue;
    }
    const bytes = engine.snapshot();
    for (const mode of [0, 1]) {
      const s = Buffer.concat([Buffer.from([mode]), bytes]);
      writeFileSync(join(dir, createHash("sha1").update(s).digest("hex")), s);
      snapshots++;
    }
  }
}
console.log(`${seeds.length} seeds in ${out}, and ${snapshots} snapshot seeds`);
