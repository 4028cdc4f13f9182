// A small seeded generator of credgate document pairs for the parity tests: a few employees,
// shifts in one week written in three UTC offsets, and credentials whose windows, statuses,
// jurisdictions, restrictions, waivers and trainings collide with those shifts often, so that
// every reason kind comes up. Roughly one pair in eight has a deliberate load error.
//
//   import { generate } from "./generate.mjs";
//   const { roster, credentials } = generate(42);

/** mulberry32: a tiny seeded PRNG, enough for test data. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const chance = (p) => next() < p;
  const some = (xs, p) => xs.filter(() => chance(p));
  return { next, int, pick, chance, some };
}

const OFFSETS = ["-06:00", "Z", "+05:30", "-05:00"];
const pad = (n) => String(n).padStart(2, "0");

function instant(day, hour, offset) {
  return `2026-12-${pad(day)}T${pad(hour)}:${pad(0)}:00${offset}`;
}

/** An RFC 3339 instant `hours` after `2026-12-01T00:00` in `offset`. */
function shifted(hours, offset) {
  const day = 1 + Math.floor(hours / 24);
  return instant(day, hours % 24, offset);
}

export function generate(seed) {
  const r = rng(seed);
  const codes = ["A", "B", "C", "D", "RN", "F"];
  const credentialTypes = [
    { code: "A", graceDays: r.pick([0, 0, 2]), alertDays: r.pick([[30], [90, 60, 30], [3]]) },
    { code: "B" },
    { code: "C", graceDays: r.pick([0, 1]) },
    { code: "D", alertDays: [7] },
    { code: "RN", jurisdictional: true },
    { code: "F", satisfies: r.chance(0.6) ? ["A"] : [] },
  ];
  const locations = [
    { id: "tx", jurisdiction: "US-TX", requires: r.chance(0.3) ? "B" : null },
    { id: "ca", jurisdiction: "US-CA" },
    { id: "none" },
  ];
  const roles = [
    { id: "r1", requires: { all: ["A", { any: ["B", "C"] }] } },
    { id: "r2", requires: "RN" },
    { id: "r3", requires: { any: ["D", { all: ["B", "C"] }] } },
  ];
  const queues = [{ id: "q1", requires: "D" }];
  const nEmployees = r.int(4, 9);
  const employees = Array.from({ length: nEmployees }, (_, i) => {
    const e = { id: `e${i}`, name: `Employee ${i}` };
    if (r.chance(0.4)) e.roleIds = r.some(["r1", "r2", "r3"], 0.5);
    return e;
  });
  const ids = employees.map((e) => e.id);

  const nShifts = r.int(5, 14);
  const shifts = Array.from({ length: nShifts }, (_, i) => {
    const offset = r.pick(OFFSETS);
    const startH = r.int(0, 6 * 24);
    const s = {
      id: `s${i}`,
      start: shifted(startH, offset),
      end: shifted(startH + r.pick([4, 8, 12, 12, 16]), offset),
      assigned: r.some(ids, 0.25).slice(0, 3),
    };
    if (r.chance(0.8)) s.locationId = r.pick(locations).id;
    if (r.chance(0.6)) s.roleId = r.pick(roles).id;
    if (r.chance(0.2)) s.queueIds = ["q1"];
    if (r.chance(0.3)) s.requires = r.pick(["C", { any: ["B", "D"] }, { all: [] }, null]);
    if (r.chance(0.2)) s.crew = [{ requires: r.pick(["A", "B"]), min: r.int(1, 2) }];
    return s;
  });

  const untilForms = () => {
    const day = r.int(1, 9);
    return r.pick([
      `2026-12-${pad(day)}`,
      r.pick(["2026-11", "2026-12", "2027-01"]),
      instant(day, r.int(0, 23), r.pick(OFFSETS)),
      null,
      "2027-06-30",
    ]);
  };
  const credentials = [];
  for (const e of ids) {
    for (const code of codes) {
      const n = r.pick([0, 0, 1, 1, 1, 2]);
      for (let k = 0; k < n; k++) {
        const c = { id: `c${credentials.length}`, employeeId: e, code, validUntil: untilForms() };
        if (r.chance(0.3)) c.validFrom = r.pick(["2026-12-03", "2026-11-01", instant(r.int(1, 6), r.int(0, 23), r.pick(OFFSETS))]);
        if (typeof c.validFrom === "string" && typeof c.validUntil === "string" && c.validUntil < c.validFrom) delete c.validFrom;
        if (r.chance(0.2)) c.status = r.pick(["pending", "suspended", "revoked", "active"]);
        if (code === "RN" && r.chance(0.8)) c.validIn = r.pick([["NLC"], ["US-CA"], ["US-TX", "US-CA"]]);
        if (r.chance(0.1)) c.restrictions = ["supervised"];
        credentials.push(c);
      }
    }
  }
  const waivers = [];
  for (let k = r.int(0, 3); k > 0; k--) {
    const w = {
      id: `w${k}`, employeeId: r.pick(ids), code: r.pick(codes),
      validFrom: `2026-12-0${r.int(1, 4)}`, validUntil: `2026-12-0${r.int(4, 9)}`,
      approvedBy: "m1", reason: "renewal booked",
    };
    if (r.chance(0.5)) w.locationIds = r.some(["tx", "ca"], 0.5);
    waivers.push(w);
  }
  const trainings = [];
  for (let k = r.int(0, 3); k > 0; k--) {
    const offset = r.pick(OFFSETS);
    const startH = r.int(0, 6 * 24);
    trainings.push({
      id: `t${k}`, employeeId: r.pick(ids), code: r.pick(codes),
      start: shifted(startH, offset), end: shifted(startH + 4, offset),
      status: r.pick(["scheduled", "scheduled", "completed", "cancelled"]),
    });
  }
  const rules = {};
  if (r.chance(0.7)) rules.minRestHours = r.pick([8, 10, 11.5, 12]);
  if (r.chance(0.3)) rules.overlap = r.pick(["block", "allow"]);

  const roster = { locations, roles, queues, employees, shifts, rules };
  const creds = { credentialTypes, jurisdictionGroups: [{ code: "NLC", members: ["US-TX", "US-FL"] }], credentials, waivers, trainings };

  if (r.chance(1 / 8)) {
    // A deliberate load error or two: the parity of problem lists matters as much.
    const breakers = [
      () => { shifts[0].end = shifts[0].start; },
      () => { credentials.length && (credentials[0].validUntil = "2026-13-01"); },
      () => { shifts[shifts.length - 1].roleId = "nope"; },
      () => { credentialTypes.push({ code: "A" }); },
      () => { roster.rules = { minRestHours: "10" }; },
      () => { shifts[0].start = "2026-12-01T07:00:00"; },
    ];
    r.pick(breakers)();
    if (r.chance(0.5)) r.pick(breakers)();
  }
  return { roster, credentials: creds };
}
