// The package as a user gets it: `npm pack ./pkg`, the tarball installed into an empty project
// (it has no dependencies, so offline), then used from plain Node.js (ES modules), compiled
// against with `tsc --strict` (a program that narrows every Reason kind, with @ts-expect-error
// lines that must stay errors), and loaded by a page in headless Chromium (Debian's
// /usr/bin/chromium through playwright-core) served from localhost with a strict CSP.
import test from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, rmSync, mkdirSync, existsSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PKG, ROOT, ROSTER_PATH, CREDENTIALS_PATH, CHROMIUM, launchChromium, servePage } from "./helpers.mjs";

const work = mkdtempSync(join(tmpdir(), "credgate-pack-"));
const app = join(work, "app");
mkdirSync(app);
test.after(() => rmSync(work, { recursive: true, force: true }));

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...opts });

let tarball;
test("npm pack gives a tarball with only the package's files", () => {
  const out = run("npm", ["pack", PKG, "--pack-destination", work, "--json"]);
  const [info] = JSON.parse(out);
  tarball = join(work, info.filename);
  // wasm-bindgen names the folder of js/tape.js (the results' reader) and js/args.js (how a
  // Date argument reads) by a hash of the crate.
  const files = info.files.map((f) => f.path.replace(/^snippets\/credgate-[0-9a-f]+\//, "snippets/credgate-*/")).sort();
  const entry = ["credgate.d.ts", "credgate.js", "credgate_bg.wasm", "index.d.ts", "index.js", "node.js", "worker.js", "worker-script.js", "worker.d.ts"];
  const adapters = ["bryntum", "dnd", "drop", "fullcalendar", "time"].flatMap((a) => [`adapters/${a}.js`, `adapters/${a}.d.ts`]);
  const expected = ["LICENSE", "README.md", "spec.md", "guard.js", "package.json", "snippets/credgate-*/js/args.js", "snippets/credgate-*/js/tape.js", ...entry, ...adapters].sort();
  assert.deepEqual(files, expected);
  // The README links the specification beside it (scripts/build-pkg.sh rewrites ../docs/spec.md).
  assert.match(readFileSync(join(PKG, "README.md"), "utf8"), /\]\(\.\/spec\.md\)/);
  const pkg = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8");
  assert.equal(pkg.name, "credgate");
  assert.equal(pkg.version, cargo.match(/^version = "(.*)"/m)[1]);
  assert.equal(pkg.type, "module");
  assert.deepEqual(Object.keys(pkg.exports["."]), ["types", "node", "browser", "import", "default"]);
});

test("it installs into an empty project with no network", () => {
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", tarball], { cwd: app });
  assert.ok(existsSync(join(app, "node_modules/credgate/credgate_bg.wasm")));
});

test("plain Node.js (ES modules) uses it by name", () => {
  writeFileSync(
    join(app, "main.mjs"),
    `import { readFileSync } from "node:fs";
import { Engine } from "credgate";
const engine = Engine.load(readFileSync(process.argv[2], "utf8"), JSON.parse(readFileSync(process.argv[3], "utf8")));
const v = engine.validate();
const first = v.verdicts[0];
const s = engine.shiftIndex(first.shiftId), e = engine.employeeIndex(first.employeeId);
console.log(JSON.stringify({ status: v.status, n: v.verdicts.length, code: engine.statusAt(e, s), check: engine.check(first.employeeId, first.shiftId).status }));
`,
  );
  const out = JSON.parse(run("node", ["main.mjs", ROSTER_PATH, CREDENTIALS_PATH], { cwd: app }));
  assert.equal(out.status, "block");
  assert.ok(out.n > 0);
  assert.equal(out.code, { ok: 0, warn: 1, block: 2 }[out.check]);
});

const TS_PROGRAM = `import { Engine } from "credgate";
import { fullCalendarAdapter } from "credgate/adapters/fullcalendar";
import { bryntumDrop, bryntumValidator } from "credgate/adapters/bryntum";
import type { Verdict, Reason, Candidate, Finding, Validation, EditResult, Problem, LoadError, CredgateError,
  Roster, Credentials, Placement, Override, Alert, Gaps, Holder, Audit, Exported, StatusCode, ReasonKind,
  Op, ApplyOptions, ApplyResult, VerdictChange, FindingChanges, ChangeLogEntry, Status,
  RenewalPlan, UnmetReason, PlanBooking, SessionLoad, Unmet, AcceptOp, SnapshotReader } from "credgate";

const roster: Roster = { employees: [{ id: "e1", roleIds: ["r1"] }], shifts: [
  { id: "s1", start: "2026-12-01T07:00:00-06:00", end: "2026-12-01T19:00:00-06:00", requires: { all: ["BLS"] }, assigned: ["e1"] }] };
const credentials: Credentials = { credentialTypes: [{ code: "BLS", alertDays: [30] }],
  credentials: [{ id: "c1", employeeId: "e1", code: "BLS", validUntil: "2026-12-01T12:00:00-06:00" }] };

/** Every reason kind, narrowed: adding a kind without a case here is a compile error. */
function describe(r: Reason): string {
  switch (r.kind) {
    case "expiringSoon": case "inGrace": case "expired": return \`\${r.code} \${r.credentialId} \${r.daysLeft} \${r.at}\`;
    case "expiresDuringShift": case "notYetValid": return \`\${r.credentialId} at \${r.at}\`;
    case "pending": case "suspended": case "revoked": case "unsupervised": return r.credentialId;
    case "wrongJurisdiction": return r.jurisdiction ?? "none";
    case "waived": return r.waiverId;
    case "missing": return r.code;
    case "notCurrent": return \`\${r.have} of \${r.need} in \${r.withinDays} days, until \${r.currentUntil ?? "never"}\`;
    case "notInRole": return r.roleId;
    case "overlap": return "more" in r ? \`and \${r.more} more\` : r.shiftId;
    case "inTraining": return "more" in r ? \`and \${r.more} more\` : r.trainingId;
    case "restTooShort": return r.restHours.toFixed(1);
    case "overLimit": return \`\${r.limitId} (\${r.severity}): \${r.used} of \${r.max} \${r.measure} from \${r.windowStart} to \${r.windowEnd}: \${r.shiftIds.join(", ")}\`;
    default: { const never: never = r; return never; }
  }
}

let engine: Engine;
try {
  engine = Engine.load(roster, JSON.stringify(credentials));
} catch (e) {
  const problems: Problem[] = (e as LoadError).errors;
  throw new Error(problems.map((p) => \`\${p.path}: \${p.message}\`).join("\\n"));
}
const v: Verdict = engine.check("e1", "s1");
const id: string | null = v.shiftId;
const lines: string[] = v.reasons.map(describe);
const code: StatusCode = engine.statusAt(engine.employeeIndex("e1") ?? 0, engine.shiftIndex("s1") ?? 0);
const statuses: Uint8Array = engine.candidateStatuses("s1");
const cands: Candidate[] = engine.candidates("s1");
const val: Validation = engine.validate();
const findings: Finding[] = val.findings;
for (const f of findings) { if (f.kind === "crewShortfall") { const n: number = f.min - f.count; void n; } else { const r: Reason = f.reason; void r; } }
const placement: Placement = { start: new Date("2026-12-02T13:00:00Z"), end: "2026-12-02T19:00:00-06:00" };
const pv: Verdict = engine.checkPlacement("e1", placement, { ignoreShiftId: "s1" });
const pv2: Verdict = engine.checkPlacement("e1", placement);
const ov: Override = { by: "m-3", reason: "cover" };
const edit: EditResult = engine.assign("e1", "s1", ov);
const edit2: EditResult = engine.moveShift("s1", new Date(), "2026-12-01T20:00:00Z");
const edit3: EditResult = engine.unassign("e1", "s1");
// A single edit also answers as a one-op batch.
const editChanges: VerdictChange[] = edit.changes.verdicts;
const editErrors: Problem[] = edit3.errors;
const exported: Exported = engine.export();
const again: Engine = Engine.restore(exported);
const alerts: Alert[] = engine.alerts(new Date(), { days: 30 });
const bucket: number | "expired" | null = alerts[0]?.bucket ?? null;
const plan: RenewalPlan = engine.planRenewals(new Date(), { horizonDays: 120, useGrace: true });
const reason: UnmetReason | undefined = plan.unmet[0]?.reason;
const booking: PlanBooking | undefined = plan.bookings[0];
const seats: number = plan.sessions.reduce((n: number, s: SessionLoad) => n + s.seats - s.taken - s.booked, 0);
const byTeam: number = Object.values(plan.cost.byTeam).reduce((a, b) => a + b, 0);
const firstUnmet: Unmet | undefined = plan.unmet[0];
const accept: AcceptOp[] = plan.accept;
const gaps: Gaps = engine.gaps("2026-12-01T00:00:00Z", new Date(), { groupBy: "team" });
const holders: Holder[] = engine.holders("BLS", new Date());
const audit: Audit = engine.audit("2026-12-01T00:00:00Z");
const warnings: Problem[] = engine.warnings;
const ops: Op[] = [
  { op: "assign", employeeId: "e1", shiftId: "s1" },
  { op: "moveShift", shiftId: "s1", start: new Date(), end: "2026-12-01T20:00:00Z" },
  { op: "put", collection: "credentials", record: { id: "c2", employeeId: "e1", code: "BLS", validUntil: new Date(), note: "kept" } },
  { op: "remove", collection: "waivers", id: "w1" },
];
const options: ApplyOptions = { override: { by: "m-3", reason: "cover", at: new Date() } };
const applied: ApplyResult = engine.apply(ops, options);
const previewed: ApplyResult = engine.preview(ops);
for (const change of applied.changes.verdicts) {
  const vc: VerdictChange = change;
  const before: Status | null = vc.before;
  const after: Verdict | null = vc.after;
  void [before, after];
}
const fc2: FindingChanges = previewed.changes.findings;
const undone: ApplyResult = engine.undo();
const redone: ApplyResult = engine.redo();
const can: boolean = engine.canUndo() && engine.canRedo();
const log: ChangeLogEntry[] = engine.changeLog();
const seq: number = log[0]?.seq ?? 0;
const entry: ChangeLogEntry | undefined = applied.logEntry;
void [fc2, undone, redone, can, seq, entry];
// @ts-expect-error an op names a known kind
engine.apply([{ op: "fly" }]);
// @ts-expect-error a collection is one of the five
engine.apply([{ op: "remove", collection: "teams", id: "t1" }]);
// @ts-expect-error an assign needs a shift
engine.preview([{ op: "assign", employeeId: "e1" }]);
const kind: ReasonKind = "crewShortfall";
const limited: Roster = { rules: { limits: [
  { id: "visa", appliesTo: { code: "VISA" }, measure: "hours", max: 20, window: { calendar: "week", weekStart: "sunday" }, severity: "warn" },
  { id: "nights", measure: "nights", max: 0, window: { rollingHours: 168 } }] } };
void limited;
// @ts-expect-error a limit measures hours, shifts or nights
const badLimit: Roster = { rules: { limits: [{ id: "x", measure: "days", max: 1, window: { rollingHours: 24 } }] } };
void badLimit;
const err: CredgateError | undefined = undefined;
void [id, lines, code, statuses, cands, pv, pv2, edit, edit2, edit3, editChanges, editErrors, again, bucket, reason, booking, seats, byTeam, firstUnmet, accept, gaps, holders, audit, warnings, kind, err];
engine.free();

// What must stay a compile error:
// @ts-expect-error an employee id is a string
engine.check(1, "s1");
// @ts-expect-error restHours exists only once the kind is narrowed
v.reasons[0].restHours;
// @ts-expect-error groupBy is "location" or "team"
engine.gaps("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", { groupBy: "floor" });
// @ts-expect-error a status code is 0..3
const bad: StatusCode = 4;
// @ts-expect-error an override needs a reason
engine.assign("e1", "s1", { by: "m-3" });
// @ts-expect-error validUntil is required (null for never)
const c: Credentials = { credentials: [{ id: "c", employeeId: "e", code: "BLS" }] };
// @ts-expect-error the wasm-bindgen initialisers are not part of the API
import("credgate").then((m) => m.initSync);
// The adapters take the engine.
const fc = fullCalendarAdapter(engine, { roster, allowWarn: false });
const allowed: boolean = fc.eventAllow({ start: new Date(), end: null }, { id: "s1", start: new Date(), end: new Date() });
const validator = bryntumValidator(engine);
const answer: { valid: boolean; message: string } = validator({ eventRecords: [{ id: "s1" }], newResource: { id: "e1" } });
const drop = bryntumDrop(engine, {
  roster,
  override: async (verdicts, context) => (verdicts.length > 0 && context.newResource ? { by: "m-3", reason: "cover" } : undefined),
  onResult: (result, context, outcome) => {
    if (result === null) {
      const problem: "several" | "assigned" | "unknown" = outcome.problem;
      const none: null = result;
      // @ts-expect-error a hand-over at another time is no longer cancelled
      const moved: typeof problem = "moved";
      void [problem, none, moved];
    } else {
      const made: ApplyResult = result;
      const parts = outcome.kind === "several" ? outcome.parts : [outcome];
      const handedOver: boolean[] = parts.map((p) => p.kind === "handover" && p.moved);
      void [made.changes.verdicts, handedOver, context.valid];
    }
  },
});
drop({ context: { eventRecords: [{ id: "s1", resourceId: "e1" }], newResource: { id: "e1" }, valid: true, finalize: (valid: boolean) => void valid } });
// A snapshot read in steps: the reader is typed, its finish an Engine.
const reader: SnapshotReader = Engine.fromSnapshotInSteps(engine.snapshot());
while (!reader.step(2000)) { /* a frame */ }
const rebuilt: Engine = reader.finish();
// @ts-expect-error a budget is a number
reader.step("all");
void rebuilt;
// @ts-expect-error an adapter needs an engine
fullCalendarAdapter({}, {});
// @ts-expect-error an override needs a reason
bryntumDrop(engine, { override: () => ({ by: "m-3" }) });
void [bad, c, allowed, answer];
`;

/** What needs the DOM lib: the HTML5 drag-and-drop adapter. */
const WEB_PROGRAM = `import { Engine } from "credgate";
import { attachDragAndDrop } from "credgate/adapters/dnd";
import type { EditResult } from "credgate";
const engine = Engine.load("{}", "{}");
const dnd: { detach: () => void } = attachDragAndDrop(engine, document.body, {
  allowWarn: false,
  override: (verdict, { employeeId }) => (verdict.status === "block" ? { by: "me", reason: \`\${employeeId} confirmed\` } : undefined),
  onResult: (result: EditResult, { target }) => target.classList.toggle("refused", result.refused),
});
dnd.detach();
`;

test("tsc --strict compiles a program against the installed package's types", () => {
  writeFileSync(join(app, "main.ts"), TS_PROGRAM);
  writeFileSync(join(app, "web.ts"), WEB_PROGRAM);
  try {
    run(join(ROOT, "node_modules/.bin/tsc"), ["--strict", "--noEmit", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--lib", "es2022,dom,dom.iterable", "web.ts"], { cwd: app });
  } catch (e) {
    assert.fail(`tsc web.ts:\n${e.stdout}${e.stderr}`);
  }
  const tsc = join(ROOT, "node_modules/.bin/tsc");
  for (const lib of ["es2022,dom", "es2022"]) {
    try {
      run(tsc, ["--strict", "--noEmit", "--skipLibCheck", "false", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--lib", lib, "main.ts"], { cwd: app });
    } catch (e) {
      assert.fail(`tsc --lib ${lib}:\n${e.stdout}${e.stderr}`);
    }
  }
  // And a bundler-style resolution, as a web app would compile.
  try {
    run(tsc, ["--strict", "--noEmit", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler", "--lib", "es2022,dom", "main.ts"], { cwd: app });
  } catch (e) {
    assert.fail(`tsc bundler:\n${e.stdout}${e.stderr}`);
  }
});

/** The FullCalendar adapter spread into FullCalendar's own CalendarOptions, in a resource view. */
const FULLCALENDAR_PROGRAM = `import { Calendar, type CalendarOptions } from "@fullcalendar/core";
import resourceTimelinePlugin from "@fullcalendar/resource-timeline";
import interactionPlugin from "@fullcalendar/interaction";
import { Engine, type Roster } from "credgate";
import { fullCalendarAdapter, resourceEvents } from "credgate/adapters/fullcalendar";
const roster: Roster = { employees: [{ id: "e1" }, { id: "e2" }], shifts: [{ id: "s1", start: "2026-12-01T07:00:00Z", end: "2026-12-01T19:00:00Z", assigned: ["e1"] }] };
const engine = Engine.load(roster, { credentials: [] });
const options: CalendarOptions = {
  plugins: [resourceTimelinePlugin, interactionPlugin],
  initialView: "resourceTimelineDay",
  editable: true,
  ...resourceEvents(roster),
  ...fullCalendarAdapter(engine, {
    roster,
    onPreview: (verdicts, event, preview) => void [verdicts.length, event.id, preview.allowed, preview.employeeId],
    override: (verdicts) => (verdicts.some((v) => v.status === "block") ? { by: "lead", reason: "cover" } : undefined),
    onResult: (result, change, outcome) => {
      if (outcome.kind === "handover") void [outcome.from, outcome.to, outcome.moved];
      // @ts-expect-error FullCalendar drops one event's batch at a time
      if (outcome.kind === "several") void outcome;
      void [result.applied, change.newResource?.id];
    },
  }),
};
new Calendar(document.body, options);
`;

test("the FullCalendar adapter type-checks as FullCalendar's own options (resource views)", { skip: !existsSync(join(ROOT, "node_modules/@fullcalendar/resource-timeline")) && "no @fullcalendar/resource-timeline (npm ci)" }, () => {
  // FullCalendar's packages from the workspace (devDependencies), beside the installed tarball.
  mkdirSync(join(app, "node_modules/@fullcalendar"), { recursive: true });
  for (const p of readdirSync(join(ROOT, "node_modules/@fullcalendar"))) {
    symlinkSync(join(ROOT, "node_modules/@fullcalendar", p), join(app, "node_modules/@fullcalendar", p));
  }
  symlinkSync(join(ROOT, "node_modules/preact"), join(app, "node_modules/preact"));
  writeFileSync(join(app, "fullcalendar.ts"), FULLCALENDAR_PROGRAM);
  try {
    run(join(ROOT, "node_modules/.bin/tsc"), ["--strict", "--noEmit", "--skipLibCheck", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--lib", "es2022,dom,dom.iterable", "fullcalendar.ts"], { cwd: app });
  } catch (e) {
    assert.fail(`tsc fullcalendar.ts:\n${e.stdout}${e.stderr}`);
  }
});

/** A static server of `root` on 127.0.0.1 with a CSP that allows WebAssembly but no eval. */
const serve = (root) =>
  servePage({}, { mounts: [["/", root]], headers: { "content-security-policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" } });

test("a page in headless Chromium imports it from node_modules and answers", async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.skip("no /usr/bin/chromium (make setup installs it)");
    return;
  }
  writeFileSync(join(app, "roster.json"), readFileSync(ROSTER_PATH));
  writeFileSync(join(app, "credentials.json"), readFileSync(CREDENTIALS_PATH));
  writeFileSync(join(app, "favicon.ico"), "");
  writeFileSync(join(app, "index.html"), `<!doctype html><meta charset="utf-8"><title>credgate</title><script type="module" src="./page.js"></script>`);
  writeFileSync(
    join(app, "page.js"),
    `import { Engine } from "./node_modules/credgate/index.js";
const [roster, credentials] = await Promise.all(["roster.json", "credentials.json"].map((f) => fetch(f).then((r) => r.json())));
const engine = Engine.load(roster, credentials);
const v = engine.validate();
const first = v.verdicts[0];
let threw = null;
try { engine.check("nobody", first.shiftId); } catch (e) { threw = e.errors; }
window.result = { status: v.status, n: v.verdicts.length, first, again: engine.check(first.employeeId, first.shiftId),
  code: engine.statusAt(engine.employeeIndex(first.employeeId), engine.shiftIndex(first.shiftId)),
  statuses: Array.from(engine.candidateStatuses(first.shiftId)).length, threw,
  moved: engine.moveShift(first.shiftId, new Date(Date.parse(roster.shifts[0].start)), roster.shifts[0].end, { by: "m", reason: "r" }).applied,
  trap: (() => {
    // A real trap (a pointer outside the instance's memory), then a fresh instance at once.
    const exported = engine.export();
    const before = JSON.stringify(engine.validate());
    const forged = Object.create(Engine.prototype);
    Object.defineProperty(forged, "__wbg_ptr", { value: 0xfffffff0, writable: true });
    let poisoned = false;
    try { forged.statusAt(0, 0); } catch (e) { poisoned = e.poisoned === true; }
    let stale = false;
    try { engine.validate(); } catch (e) { stale = e.poisoned === true; }
    const restored = Engine.restore(exported);
    return { poisoned, stale, restored: JSON.stringify(restored.validate()) === before };
  })() };
`,
  );
  const server = await serve(app);
  const userDataDir = mkdtempSync(join(work, "chromium-"));
  const browser = await launchChromium(userDataDir);
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    await page.waitForFunction(() => window.result !== undefined, null, { timeout: 20_000 }).catch(() => {});
    const result = await page.evaluate(() => window.result);
    assert.deepEqual(errors, []);
    assert.ok(result, "the page produced no result");
    assert.equal(result.status, "block");
    assert.deepEqual(result.again, result.first);
    assert.equal(result.code, { ok: 0, warn: 1, block: 2 }[result.first.status]);
    assert.ok(result.statuses > 0);
    assert.equal(result.threw[0].path, "employeeId");
    assert.equal(typeof result.moved, "boolean");
    assert.deepEqual(result.trap, { poisoned: true, stale: true, restored: true }, "a trap in the browser: poisoned, then restored");
  } finally {
    await browser.close();
    server.close();
  }
});
