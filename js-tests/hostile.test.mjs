// Hostile ids through the npm package (issue 7; the core's side is tests/it/hostile.rs).
//
// Ids, codes and field names that are also the names of JavaScript's object internals
// (`__proto__`, `constructor`, `hasOwnProperty`, `toString`, `valueOf`) are ordinary ids: they
// load from text and from parsed objects, `check`, `candidates`, `checkPlacement` and the edits
// find them, the export keeps them (an own `"__proto__"` field stays an own field, it never
// becomes a prototype), and `Engine.restore(export)` gives the same verdicts. Nothing leaks
// onto `Object.prototype`. The same for an id holding a NUL.
import test from "node:test";
import assert from "node:assert/strict";
import { Engine } from "./helpers.mjs";

const NAMES = ["__proto__", "constructor", "hasOwnProperty", "toString", "valueOf"];
const START = "2026-12-01T07:00:00-06:00";
const END = "2026-12-01T19:00:00-06:00";

// The roster as JSON text, with an unknown field named "__proto__" on the shift: as JSON it is
// an ordinary key (JSON.parse makes it an own property), and credgate keeps unknown fields.
const rosterText = JSON.stringify({
  locations: [{ id: "__proto__", jurisdiction: "constructor" }],
  teams: [{ id: "toString" }],
  roles: [{ id: "hasOwnProperty", requires: "valueOf" }],
  queues: [{ id: "constructor", requires: "toString" }],
  employees: NAMES.map((id) => ({ id, roleIds: ["hasOwnProperty"], teamId: "toString" })).concat([{ id: "a\u0000b" }]),
  shifts: [
    { id: "__proto__", start: START, end: END, locationId: "__proto__", roleId: "hasOwnProperty", MARK: 1, queueIds: ["constructor"], requires: "__proto__", assigned: ["__proto__", "toString"] },
    { id: "constructor", start: "2026-12-02T07:00:00-06:00", end: "2026-12-02T19:00:00-06:00", assigned: ["a\u0000b"] },
  ],
}).replace('"MARK":1', '"__proto__":{"polluted":true}');

const credentialsText = JSON.stringify({
  credentialTypes: [{ code: "__proto__", jurisdictional: true }, { code: "valueOf" }, { code: "toString", satisfies: ["__proto__"] }, { code: "constructor" }],
  jurisdictionGroups: [{ code: "hasOwnProperty", members: ["constructor"] }],
  credentials: [
    { id: "__proto__", employeeId: "__proto__", code: "toString", validUntil: null, validIn: ["hasOwnProperty"] },
    { id: "constructor", employeeId: "__proto__", code: "valueOf", validUntil: null },
    { id: "toString", employeeId: "constructor", code: "__proto__", validUntil: "2026-11-30", validIn: ["constructor"] },
  ],
  waivers: [{ id: "hasOwnProperty", employeeId: "toString", code: "valueOf", validFrom: "2026-11-01", validUntil: "2026-12-31", approvedBy: "__proto__", reason: "constructor" }],
});

const clean = () => {
  assert.equal({}.polluted, undefined, "Object.prototype was polluted");
  assert.equal(Object.prototype.polluted, undefined);
};

for (const [how, load] of [
  ["JSON text", () => Engine.load(rosterText, credentialsText)],
  ["parsed objects", () => Engine.load(JSON.parse(rosterText), JSON.parse(credentialsText))],
]) {
  test(`prototype names are ordinary ids (${how}): load, check, candidates, placements`, () => {
    const engine = load();
    assert.deepEqual(engine.warnings, []);
    assert.deepEqual(engine.employeeIds(), [...NAMES, "a\u0000b"]);
    assert.deepEqual(engine.shiftIds(), ["__proto__", "constructor"]);
    assert.equal(engine.employeeIndex("__proto__"), 0);
    assert.equal(engine.employeeIndex("a"), undefined);

    // "__proto__" holds "toString", which satisfies "__proto__", valid in the group
    // "hasOwnProperty" (which holds "constructor", the location's jurisdiction).
    const v = engine.check("__proto__", "__proto__");
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
    assert.equal(v.status, "ok", JSON.stringify(v));
    assert.deepEqual(v.evidence, [
      { code: "valueOf", credentialId: "constructor" },
      { code: "toString", credentialId: "__proto__" },
      { code: "__proto__", credentialId: "__proto__" },
    ]);
    const c = engine.check("constructor", "__proto__");
    assert.deepEqual(c.reasons.map((r) => [r.kind, r.code ?? r.roleId]), [["missing", "valueOf"], ["missing", "toString"], ["expired", "__proto__"]]);
    const w = engine.check("toString", "__proto__");
    assert.deepEqual(w.reasons.map((r) => [r.kind, r.code, r.waiverId]), [["waived", "valueOf", "hasOwnProperty"], ["missing", "toString", undefined], ["missing", "__proto__", undefined]]);
    assert.match(w.reasons[0].message, /waived by __proto__ until .*: constructor/);
    assert.deepEqual(engine.check("a\u0000b", "constructor"), { employeeId: "a\u0000b", shiftId: "constructor", status: "ok", reasons: [], evidence: [] });
    assert.throws(() => engine.check("a", "constructor"), (e) => e.errors?.[0]?.path === "employeeId");

    const list = engine.candidates("__proto__");
    assert.deepEqual(list.map((x) => x.employeeId).sort(), [...NAMES, "a\u0000b"].sort());
    assert.equal(list[0].employeeId, "__proto__");
    const statuses = engine.candidateStatuses("__proto__");
    for (const x of list) assert.equal(statuses[engine.employeeIndex(x.employeeId)], { ok: 0, warn: 1, block: 2 }[x.status]);

    const p = engine.checkPlacement("__proto__", { start: START, end: END, locationId: "__proto__", roleId: "hasOwnProperty", queueIds: ["constructor"], requires: { all: ["__proto__", "constructor"] } });
    assert.deepEqual(p.reasons.map((r) => [r.kind, r.code ?? r.shiftId]), [["missing", "constructor"], ["overlap", "__proto__"]]);
    engine.free();
    clean();
  });

  test(`prototype names are ordinary ids (${how}): edits, export and restore`, () => {
    const engine = load();
    const r = engine.assign("constructor", "__proto__", { by: "__proto__", reason: "toString" });
    assert.equal(r.applied, true);
    assert.equal(r.override.by, "__proto__");
    assert.equal(engine.unassign("toString", "__proto__").applied, true);
    assert.equal(engine.moveShift("constructor", "2026-12-03T07:00:00-06:00", "2026-12-03T19:00:00-06:00").applied, true);

    const x = engine.export();
    const shift = x.roster.shifts[0];
    assert.equal(Object.getPrototypeOf(shift), Object.prototype, "the export's shift keeps the ordinary prototype");
    assert.ok(Object.hasOwn(shift, "__proto__"), "the unknown field __proto__ is kept as an own field");
    assert.deepEqual(Object.getOwnPropertyDescriptor(shift, "__proto__").value, { polluted: true });
    assert.deepEqual(shift.assigned, ["__proto__", "constructor"]);
    // The override is in the change log (docs/decisions.md 58-59), its `by` an ordinary string.
    assert.ok(x.roster.changeLog[0].by === "__proto__");
    assert.ok(engine.exportJson().roster.includes('"__proto__":{"polluted":true}'));
    clean();

    for (const again of [Engine.restore(x), Engine.restore(engine.exportJson()), Engine.load(JSON.stringify(x.roster), JSON.stringify(x.credentials))]) {
      for (const e of engine.employeeIds()) {
        for (const s of engine.shiftIds()) assert.deepEqual(again.check(e, s), engine.check(e, s), `${e} on ${s}`);
      }
      assert.deepEqual(again.validate(), engine.validate());
      assert.deepEqual(again.overrides(), engine.overrides());
      assert.deepEqual(again.exportJson(), engine.exportJson());
      again.free();
    }
    // The tracking reports name the same ids.
    assert.deepEqual(engine.holders("__proto__", "2026-12-01T08:00:00-06:00").map((h) => [h.employeeId, h.credentialId]), [["__proto__", "__proto__"]]);
    assert.ok(engine.gaps("2026-12-01T00:00:00-06:00", "2026-12-08T00:00:00-06:00", { groupBy: "location" }).groups.some((g) => g.id === "__proto__"));
    assert.ok(engine.audit("2026-12-01T08:00:00-06:00").findings.length > 0);
    engine.free();
    clean();
  });
}

// The deepest documents a load accepts (JSON nested 128 levels: a requirement of alternating
// `any` and `all` 61 levels down, an unknown field of arrays 125 deep) run through every
// recursive path of the package (the requirement's compile and evaluation, the candidates,
// the snapshot's writer and reader, the export's writer, the reports) within the
// WebAssembly's shadow stack, which the package's build sets below Rust's default
// (scripts/build-pkg.sh, WASM_STACK); one level more is the load error, not a trap.
test("the deepest accepted nesting runs every operation; one level more is a load error", () => {
  const requirement = (depth) => {
    let r = "BLS";
    for (let i = 0; i < depth; i++) r = i % 2 ? { all: [r, "RN"] } : { any: [r, "ACLS"] };
    return r;
  };
  const arrays = (depth) => {
    let a = 1;
    for (let i = 0; i < depth; i++) a = [a];
    return a;
  };
  const documents = (depth) => [
    JSON.stringify({
      employees: [{ id: "e1", deep: arrays(depth) }],
      roles: [{ id: "r", requires: requirement(Math.floor(depth / 2) - 1) }],
      shifts: [{ id: "s1", start: START, end: END, roleId: "r", requires: requirement(Math.floor(depth / 2) - 1), assigned: ["e1"] }],
    }),
    JSON.stringify({
      credentialTypes: [{ code: "BLS" }, { code: "RN" }, { code: "ACLS" }],
      credentials: [
        { id: "c1", employeeId: "e1", code: "BLS", validUntil: "2027-01-01" },
        { id: "c2", employeeId: "e1", code: "RN", validUntil: "2027-01-01" },
      ],
    }),
  ];
  const engine = Engine.load(...documents(125));
  assert.equal(engine.check("e1", "s1").status, "ok");
  assert.equal(engine.candidates("s1")[0].status, "ok");
  assert.deepEqual(engine.validate().verdicts, []);
  const again = Engine.fromSnapshot(engine.snapshot());
  assert.deepEqual(again.export(), engine.export());
  assert.deepEqual(again.check("e1", "s1"), engine.check("e1", "s1"));
  assert.deepEqual(JSON.parse(engine.exportJson().roster).employees[0].deep, arrays(125));
  assert.ok(engine.reportHtml("2026-12-01T00:00:00Z").startsWith("<!DOCTYPE html>"));
  assert.equal(engine.standing("e1", "2026-12-01T00:00:00Z").employeeId, "e1");
  assert.throws(() => Engine.load(...documents(126)), (e) => /credgate reads at most 128 levels/.test(e.errors[0].message));
});
