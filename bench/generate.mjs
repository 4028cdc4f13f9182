#!/usr/bin/env node
// Generates a large, seeded pair of credgate documents (SPEC §2) for the benchmark (SPEC §5).
//
//   node bench/generate.mjs [--seed N] [--scale F] [--out DIR]
//
// At scale 1 (the SPEC §5 data set): 5,000 employees, 50,000 credential records, 60 credential
// types, 10 locations in 3 jurisdictions (a compact group covers two of them), and 100,000
// shifts over 28 days (1–28 February 2027), every one assigned (a few to two people). The size
// factor multiplies employees, records and shifts (1, 2, 4, 8); the catalogue (types,
// locations, roles, queues) stays the same, as it would for a bigger hospital group.
//
// The shapes are those of a real HR/LMS export: most cards expire at a month end (`"2027-08"`),
// some on a date or at an instant, site inductions never; about 8% of records have expired,
// 3% are pending, a few suspended or revoked; renewals are new records beside the old ones;
// licences are jurisdictional (`validIn` a state or the compact); equivalences via `satisfies`
// (ACLS-EP meets ACLS, BLS-INSTR meets BLS, CCRN meets CRIT-CARE-COMP...); roles with `any`
// groups; queue and shift requirements; new graduates on a supervised licence working with a
// preceptor under a crew rule; waivers; scheduled, completed and cancelled trainings; a few
// floats to other sites, rest and overlap conflicts; 500 training sessions open for booking
// (SPEC §7, §9). Same seed and scale, same bytes.
//
// With --s8 (SPEC §9's data set for §8): a currency rule on each of the 60 types (a count, or
// hours for every fourth), the holders' events (one stream of their own: the other collections
// keep their bytes; per holder and code 98.5% current through the period, 1% short, 0.5%
// lapsing during it: with about eight codes an assignment, one in ten is touched), two
// more types (a student visa, a minor's work permit) held by 2% and 1% of employees, and three
// `rules.limits`: visa holders' hours in any 168 h, minors' nights per calendar week, and
// nursing assistants' shifts per calendar day (a warning).
//
// Writes DIR/roster.json and DIR/credentials.json (compact JSON) and prints a summary on stderr.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// ---------------------------------------------------------------------------------------------
// Arguments.

export function parseArgs(argv) {
  const opts = { seed: 1, scale: 1, out: "bench/data/x1", s8: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === "--seed") { opts.seed = Number(v); i++; }
    else if (a === "--scale") { opts.scale = Number(v); i++; }
    else if (a === "--out") { opts.out = v; i++; }
    else if (a === "--s8") { opts.s8 = true; }
    else if (a === "--help" || a === "-h") { opts.help = true; }
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(opts.seed)) throw new Error("--seed must be an integer");
  if (!(opts.scale > 0)) throw new Error("--scale must be a positive number");
  return opts;
}

// ---------------------------------------------------------------------------------------------
// A small seeded generator (mulberry32).

function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    weighted: (pairs) => {
      let total = 0;
      for (const [, w] of pairs) total += w;
      let x = next() * total;
      for (const [v, w] of pairs) if ((x -= w) < 0) return v;
      return pairs[pairs.length - 1][0];
    },
  };
  return r;
}

// ---------------------------------------------------------------------------------------------
// The catalogue: fixed at every scale.

const JURISDICTIONS = { "US-TX": "-06:00", "US-FL": "-05:00", "US-CA": "-08:00" };
const OFFSET_MIN = { "-06:00": -360, "-05:00": -300, "-08:00": -480 };

const LOCATIONS = [
  ["hou-icu", "Houston Medical Center ICU", "US-TX", "icu"],
  ["hou-ed", "Houston Medical Center ED", "US-TX", "ed"],
  ["hou-med", "Houston Medical Center Med-Surg", "US-TX", "med"],
  ["dal-icu", "Dallas Heights ICU", "US-TX", "icu"],
  ["dal-peds", "Dallas Heights Children's", "US-TX", "peds"],
  ["mia-icu", "Miami Bayfront ICU", "US-FL", "icu"],
  ["mia-ed", "Miami Bayfront ED", "US-FL", "ed"],
  ["tpa-med", "Tampa General Med-Surg", "US-FL", "med"],
  ["sf-icu", "San Francisco Bay ICU", "US-CA", "icu"],
  ["sf-ed", "San Francisco Bay ED", "US-CA", "ed"],
];

// [code, name, {graceDays, alertDays, jurisdictional, satisfies, never}]
const TYPES = [
  ["RN", "Registered Nurse licence", { jurisdictional: true }],
  ["LPN", "Licensed Practical Nurse licence", { jurisdictional: true }],
  ["RRT", "Registered Respiratory Therapist licence", { jurisdictional: true }],
  ["PARAMEDIC", "Paramedic licence", { jurisdictional: true }],
  ["CNA", "Certified Nursing Assistant", {}],
  ["BLS", "Basic Life Support", { graceDays: 0 }],
  ["BLS-INSTR", "BLS Instructor", { satisfies: ["BLS"] }],
  ["ACLS", "Advanced Cardiovascular Life Support", { graceDays: 30 }],
  ["ACLS-EP", "ACLS for Experienced Providers", { graceDays: 30, satisfies: ["ACLS"] }],
  ["PALS", "Pediatric Advanced Life Support", { graceDays: 30 }],
  ["NRP", "Neonatal Resuscitation Program", {}],
  ["TNCC", "Trauma Nursing Core Course", { alertDays: [90, 30], satisfies: ["TRAUMA-COMP"] }],
  ["ENPC", "Emergency Nursing Pediatric Course", { alertDays: [90, 30] }],
  ["CCRN", "Critical Care Registered Nurse", { satisfies: ["CRIT-CARE-COMP"] }],
  ["CEN", "Certified Emergency Nurse", { satisfies: ["TRAUMA-COMP"] }],
  ["CPEN", "Certified Pediatric Emergency Nurse", { satisfies: ["PEDS-COMP"] }],
  ["CNOR", "Certified Perioperative Nurse", {}],
  ["CMSRN", "Certified Medical-Surgical RN", {}],
  ["RNC-NIC", "Neonatal Intensive Care Nursing", {}],
  ["CRIT-CARE-COMP", "Critical care competency", { alertDays: [30] }],
  ["TRAUMA-COMP", "Trauma competency", { alertDays: [30] }],
  ["PEDS-COMP", "Paediatric competency", { alertDays: [30] }],
  ["STROKE-NIHSS", "NIH Stroke Scale", { alertDays: [60, 30] }],
  ["CHEMO-BIO", "Chemotherapy and biotherapy", {}],
  ["VENT", "Ventilator management", { alertDays: [30] }],
  ["CRRT", "Continuous renal replacement therapy", { alertDays: [30] }],
  ["IABP", "Intra-aortic balloon pump", { alertDays: [30] }],
  ["ECMO", "ECMO specialist", { alertDays: [30] }],
  ["SEDATION", "Procedural sedation", { alertDays: [30] }],
  ["RESTRAINT", "Restraint and seclusion", { graceDays: 14, alertDays: [30] }],
  ["TELEMETRY", "Telemetry and arrhythmia", { alertDays: [30] }],
  ["BLOOD-ADMIN", "Blood administration", { alertDays: [30] }],
  ["IV-THERAPY", "IV therapy", { alertDays: [30] }],
  ["CENTRAL-LINE", "Central line care", { alertDays: [30] }],
  ["WOUND-CARE", "Wound care", { alertDays: [30] }],
  ["CHARGE", "Charge nurse competency", { alertDays: [60, 30] }],
  ["PRECEPTOR", "Preceptor", { alertDays: [30] }],
  ["FIRE-SAFETY", "Fire safety (annual)", { graceDays: 30, alertDays: [30] }],
  ["HIPAA", "HIPAA privacy (annual)", { graceDays: 30, alertDays: [30] }],
  ["INFECTION-CONTROL", "Infection control (annual)", { graceDays: 14, alertDays: [30] }],
  ["HAND-HYGIENE", "Hand hygiene (annual)", { graceDays: 30, alertDays: [30] }],
  ["WORKPLACE-VIOLENCE", "Workplace violence prevention", { graceDays: 30, alertDays: [30] }],
  ["HAZMAT", "Hazardous materials", { graceDays: 30, alertDays: [30] }],
  ["BACK-SAFETY", "Safe patient handling", { graceDays: 30, alertDays: [30] }],
  ["ETHICS", "Ethics and compliance", { graceDays: 30, alertDays: [30] }],
  ["CULTURAL-COMP", "Cultural competence", { graceDays: 30, alertDays: [30] }],
  ["ABUSE-REPORTING", "Mandatory abuse reporting", { graceDays: 30, alertDays: [30] }],
  ["MAB", "Management of aggressive behaviour", { alertDays: [60, 30] }],
  ["FIT-TEST", "N95 respirator fit test", { graceDays: 7, alertDays: [30] }],
  ["DRIVER", "Emergency vehicle driver", {}],
  ...LOCATIONS.map(([id, name]) => [`SITE-${id.toUpperCase()}`, `Site induction: ${name}`, { never: true, alertDays: [] }]),
];
if (TYPES.length !== 60) throw new Error(`the catalogue has ${TYPES.length} types, not 60`);
const NEVER = new Set(TYPES.filter(([, , o]) => o.never).map(([c]) => c));
const GRACE = new Map(TYPES.map(([c, , o]) => [c, o.graceDays ?? 0]));

const ROLES = [
  // [id, name, requires, dept, share]
  ["icu-rn", "ICU nurse", { all: ["RN", "BLS", "ACLS", "CRIT-CARE-COMP", { any: ["VENT", "CRRT"] }] }, "icu", 22],
  ["ed-rn", "Emergency nurse", { all: ["RN", "BLS", "ACLS", { any: ["TNCC", "CEN"] }] }, "ed", 18],
  ["peds-rn", "Paediatric nurse", { all: ["RN", "BLS", "PALS", "PEDS-COMP"] }, "peds", 8],
  ["med-rn", "Med-surg nurse", { all: ["RN", "BLS", "TELEMETRY", "IV-THERAPY"] }, "med", 18],
  ["charge-rn", "Charge nurse", { all: ["RN", "BLS", "ACLS", "CHARGE"] }, null, 0],
  ["float-rn", "Float pool nurse", { all: ["RN", "BLS", { any: ["ACLS", "PALS"] }] }, null, 4],
  ["lpn", "Licensed practical nurse", { all: ["LPN", "BLS", "IV-THERAPY"] }, "med", 8],
  ["cna", "Nursing assistant", { all: ["CNA", "BLS"] }, null, 12],
  ["rrt", "Respiratory therapist", { all: ["RRT", "BLS", "ACLS", "VENT"] }, "icu", 5],
  ["paramedic", "ED paramedic", { all: ["PARAMEDIC", "BLS", "ACLS", "PALS"] }, "ed", 3],
  ["nicu-rn", "Neonatal nurse", { all: ["RN", "NRP", { any: ["RNC-NIC", "PEDS-COMP"] }] }, "peds", 2],
  ["onc-rn", "Oncology nurse", { all: ["RN", "BLS", "CHEMO-BIO"] }, "med", 2],
];
const QUEUES = [
  ["peds", "Paediatric patients", "PALS"],
  ["trauma", "Trauma patients", "TNCC"],
  ["stroke", "Stroke patients", "STROKE-NIHSS"],
  ["chemo", "Chemotherapy patients", "CHEMO-BIO"],
  ["isolation", "Airborne isolation", { all: ["FIT-TEST", "INFECTION-CONTROL"] }],
];
const QUEUE_BY_DEPT = { icu: ["isolation", "stroke"], ed: ["trauma", "peds", "stroke"], med: ["chemo", "isolation"], peds: ["peds"] };
const SHIFT_REQUIRES = ["SEDATION", { any: ["CHARGE", "PRECEPTOR"] }, "BLOOD-ADMIN", "ECMO", "RESTRAINT", "CENTRAL-LINE", { all: ["IABP", "CRIT-CARE-COMP"] }];
const ANNUAL = ["FIRE-SAFETY", "HIPAA", "INFECTION-CONTROL", "HAND-HYGIENE", "WORKPLACE-VIOLENCE", "HAZMAT", "BACK-SAFETY", "ETHICS", "CULTURAL-COMP", "ABUSE-REPORTING"];
const DEPT_EXTRA = { icu: ["SEDATION", "ECMO", "IABP", "CENTRAL-LINE", "BLOOD-ADMIN"], ed: ["SEDATION", "RESTRAINT", "BLOOD-ADMIN"], med: ["BLOOD-ADMIN", "CENTRAL-LINE"], peds: ["SEDATION"] };
const EXTRA = ["STROKE-NIHSS", "SEDATION", "BLOOD-ADMIN", "CENTRAL-LINE", "WOUND-CARE", "RESTRAINT", "MAB", "FIT-TEST", "ECMO", "IABP", "CMSRN", "CNOR", "ENPC", "PRECEPTOR"];

const FIRST = ["Ana", "Ben", "Chloe", "David", "Elena", "Femi", "Grace", "Hiro", "Ines", "Jamal", "Kate", "Luis", "Maya", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tara", "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoe"];
const LAST = ["Ruiz", "Okafor", "Nguyen", "Smith", "Garcia", "Patel", "Kim", "Johnson", "Silva", "Cohen", "Haddad", "Brown", "Lopez", "Tanaka", "Walker", "Rossi", "Khan", "Murphy", "Ivanova", "Dubois"];

// ---------------------------------------------------------------------------------------------
// Dates.

const DAY = 86_400_000;
const PERIOD_START = Date.UTC(2027, 1, 1); // 1 February 2027 (local dates)
const PERIOD_DAYS = 28;
const pad = (n, w = 2) => String(n).padStart(w, "0");
const ymd = (ms) => { const d = new Date(ms); return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`; };
const ym = (ms) => ymd(ms).slice(0, 7);
/** A local wall-clock time (ms since epoch as if UTC) written with an offset. */
const instant = (localMs, offset) => `${ymd(localMs)}T${pad(new Date(localMs).getUTCHours())}:${pad(new Date(localMs).getUTCMinutes())}:00${offset}`;
const monthEnd = (year, month0) => Date.UTC(year, month0 + 1, 0); // last day of the month

function flatten(req, out = []) {
  if (typeof req === "string") out.push(req);
  else for (const r of req.all ?? req.any) flatten(r, out);
  return out;
}
/** The codes someone holding the requirement would have: every `all` member, one or two `any` members. */
function holds(req, r, out = []) {
  if (typeof req === "string") out.push(req);
  else if (req.all) for (const x of req.all) holds(x, r, out);
  else {
    holds(r.pick(req.any), r, out);
    if (r.chance(0.3)) holds(r.pick(req.any), r, out);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The generator.

export function generate({ seed = 1, scale = 1, s8 = false } = {}) {
  const r = rng(seed * 7919 + 17);
  const E = Math.round(5000 * scale);
  const RECORDS = Math.round(50_000 * scale);
  const SHIFTS = Math.round(100_000 * scale);
  const PER_EMP = Math.floor(SHIFTS / E);

  // Credential types.
  const credentialTypes = TYPES.map(([code, name, o]) => {
    const t = { code, name };
    if (o.graceDays !== undefined) t.graceDays = o.graceDays;
    if (o.alertDays) t.alertDays = o.alertDays;
    if (o.jurisdictional) t.jurisdictional = true;
    if (o.satisfies) t.satisfies = o.satisfies;
    return t;
  });
  const jurisdictionGroups = [{ code: "NLC", name: "Nurse Licensure Compact", members: ["US-TX", "US-FL"] }];

  // Roster catalogue.
  const locations = LOCATIONS.map(([id, name, jurisdiction, dept]) => ({
    id, name, jurisdiction,
    requires: dept === "icu" ? { all: [`SITE-${id.toUpperCase()}`, "INFECTION-CONTROL"] } : `SITE-${id.toUpperCase()}`,
  }));
  const teams = [];
  for (const [id, name] of LOCATIONS) {
    teams.push({ id: `${id}-days`, name: `${name}, days` }, { id: `${id}-nights`, name: `${name}, nights` });
  }
  const roles = ROLES.map(([id, name, requires]) => ({ id, name, requires }));
  const queues = QUEUES.map(([id, name, requires]) => ({ id, name, requires }));
  const roleShare = ROLES.filter((x) => x[4] > 0).map((x) => [x, x[4]]);

  // Employees.
  const employees = [];
  const emp = []; // generator-side facts
  for (let i = 0; i < E; i++) {
    const role = r.weighted(roleShare);
    const dept = role[3];
    const homes = LOCATIONS.filter((l) => dept === null || l[3] === dept);
    const home = r.pick(homes.length ? homes : LOCATIONS);
    const rn = role[2].all.includes("RN") || role[0] === "float-rn";
    const roleIds = [role[0]];
    const charge = rn && role[0] !== "float-rn" && r.chance(0.12);
    if (charge) roleIds.push("charge-rn");
    if (rn && role[0] !== "float-rn" && r.chance(0.1)) roleIds.push("float-rn");
    const pattern = r.weighted([["day", 45], ["night", 35], ["early", 8], ["late", 7], ["overnight", 5]]);
    const id = `e-${pad(i + 1, 6)}`;
    const newGrad = rn && !charge && r.chance(0.012);
    const preceptor = rn && !newGrad && r.chance(0.15);
    const e = {
      id, name: `${r.pick(FIRST)} ${r.pick(LAST)}`,
      teamId: `${home[0]}-${pattern === "night" || pattern === "overnight" ? "nights" : "days"}`,
      locationId: home[0], roleIds,
    };
    if (r.chance(0.3)) e.hireDate = ymd(PERIOD_START - (200 + r.int(4000)) * DAY);
    employees.push(e);
    emp.push({ i, id, role, roleIds, home, rn, charge, pattern, newGrad, preceptor, days: new Set(), shifts: [] });
  }

  // Credentials: each employee's current records, then renewals history, to RECORDS in total.
  const credentials = [];
  let crSeq = 0;
  const stats = { expired: 0, pending: 0, suspended: 0, revoked: 0, never: 0, month: 0, date: 0, instant: 0, supervised: 0 };
  const jurOf = (loc) => loc[2];
  const addRecord = (e, code, kind) => {
    const c = { id: `cr-${pad(++crSeq, 7)}`, employeeId: e.id, code };
    const from = PERIOD_START - (60 + r.int(700)) * DAY;
    if (r.chance(0.8)) c.validFrom = ymd(from);
    let until;
    if (NEVER.has(code)) {
      until = null;
    } else if (kind === "history") {
      // A superseded record: expired months ago.
      const m = monthEnd(2026, r.int(12) - 6);
      until = ym(m);
    } else if (kind === "expired") {
      // Lapsed: some within the type's grace period, most not.
      const daysAgo = GRACE.get(code) > 0 && r.chance(0.4) ? 1 + r.int(GRACE.get(code)) : 5 + r.int(200);
      until = ymd(PERIOD_START - daysAgo * DAY);
    } else if (kind === "soon") {
      // Expires during the period or just after: expiresDuringShift, expiringSoon.
      const d = PERIOD_START + r.int(PERIOD_DAYS + 40) * DAY;
      until = r.chance(0.5) ? ym(monthEnd(new Date(d).getUTCFullYear(), new Date(d).getUTCMonth())) : r.chance(0.7) ? ymd(d) : instant(d + (6 + r.int(14)) * 3_600_000, JURISDICTIONS[jurOf(e.home)]);
    } else {
      const d = PERIOD_START + (60 + r.int(700)) * DAY;
      const w = r.next();
      until = w < 0.78 ? ym(d) : w < 0.95 ? ymd(monthEnd(new Date(d).getUTCFullYear(), new Date(d).getUTCMonth())) : instant(d + 17 * 3_600_000, JURISDICTIONS[jurOf(e.home)]);
    }
    if (c.validFrom && until !== null && until < c.validFrom) delete c.validFrom;
    c.validUntil = until;
    if (until === null) stats.never++;
    else if (until.length === 7) stats.month++;
    else if (until.length === 10) stats.date++;
    else stats.instant++;
    if (kind === "pending") { c.status = "pending"; stats.pending++; }
    else if (kind === "suspended") { c.status = "suspended"; stats.suspended++; }
    else if (kind === "revoked") { c.status = "revoked"; stats.revoked++; }
    if (kind === "history" || kind === "expired") stats.expired++;
    if (TYPES.find((t) => t[0] === code)[2].jurisdictional) {
      const j = jurOf(e.home);
      c.validIn = j === "US-CA" ? ["US-CA"] : r.chance(0.6) ? ["NLC"] : [j];
      c.issuer = `${j.slice(3)} Board of ${code === "RN" || code === "LPN" ? "Nursing" : "Health"}`;
      c.identifier = `${code}-${100000 + r.int(900000)}`;
      if (code === "RN" && e.newGrad) { c.restrictions = ["supervised"]; stats.supervised++; }
    } else if (r.chance(0.3)) {
      c.issuer = r.pick(["American Heart Association", "Emergency Nurses Association", "AACN", "Staff Development"]);
    }
    credentials.push(c);
    return c;
  };

  const perEmp = RECORDS / E;
  let budget = 0;
  for (const e of emp) {
    budget += perEmp;
    const want = Math.round(budget) - credentials.length;
    // What the employee's roles, home site, usual queues and usual shift requirements need.
    const codes = new Set();
    for (const rid of e.roleIds) for (const c of holds(ROLES.find((x) => x[0] === rid)[2], r)) codes.add(c);
    for (const c of flatten(locations.find((l) => l.id === e.home[0]).requires)) codes.add(c);
    if (e.preceptor) codes.add("PRECEPTOR");
    for (const q of QUEUE_BY_DEPT[e.home[3]] ?? []) if (r.chance(0.6)) for (const c of flatten(QUEUES.find((x) => x[0] === q)[2])) codes.add(c);
    for (const c of DEPT_EXTRA[e.home[3]] ?? []) if (r.chance(0.35)) codes.add(c);
    // Equivalences: some hold the stronger card instead of the plain one.
    if (codes.has("ACLS") && r.chance(0.1)) { codes.delete("ACLS"); codes.add("ACLS-EP"); }
    if (codes.has("BLS") && r.chance(0.03)) { codes.delete("BLS"); codes.add("BLS-INSTR"); }
    if (codes.has("CRIT-CARE-COMP") && r.chance(0.35)) { codes.delete("CRIT-CARE-COMP"); codes.add("CCRN"); }
    if (r.chance(0.12)) codes.add(`SITE-${r.pick(LOCATIONS)[0].toUpperCase()}`); // a second site
    e.codes = codes;
    let made = 0;
    for (const code of codes) {
      const x = r.next();
      if (x < 0.004) {
        addRecord(e, code, "expired"); made++;
      } else if (x < 0.008) {
        // Lapsed, renewed, awaiting verification.
        addRecord(e, code, "expired"); addRecord(e, code, "pending"); made += 2;
      } else if (x < 0.02) {
        addRecord(e, code, "soon"); made++;
      } else if (x < 0.05) {
        // Renewed ahead of expiry, awaiting verification.
        addRecord(e, code, "soon"); addRecord(e, code, "pending"); made += 2;
      } else if (x < 0.051) {
        addRecord(e, code, r.chance(0.6) ? "suspended" : "revoked"); made++;
      } else {
        addRecord(e, code, "current"); made++;
      }
    }
    // Renewal history (superseded records) and annual trainings, up to the budget.
    const held = [...codes];
    while (made < want) {
      if (r.chance(0.55)) addRecord(e, r.pick(held), "history");
      else addRecord(e, r.pick(ANNUAL), "current");
      made++;
    }
  }

  // Waivers: a lapsed or missing card, approved for part of the period.
  const waivers = [];
  const W = Math.round(60 * scale);
  for (let k = 0; k < W; k++) {
    const e = r.pick(emp);
    const code = r.pick(flatten(ROLES.find((x) => x[0] === e.roleIds[0])[2]));
    const from = PERIOD_START + r.int(10) * DAY;
    const w = {
      id: `w-${pad(k + 1, 5)}`, employeeId: e.id, code,
      validFrom: ymd(from), validUntil: ymd(from + (7 + r.int(20)) * DAY),
      approvedBy: `m-${pad(1 + r.int(40), 3)}`,
      reason: r.pick(["renewal class booked", "card lost, reissue requested", "exam scheduled", "staffing emergency"]),
    };
    if (r.chance(0.5)) w.locationIds = [e.home[0]];
    waivers.push(w);
  }

  // Shifts: each employee works PER_EMP shifts in the 28 days, in their pattern.
  const PATTERNS = { day: [7, 12], night: [19, 12], early: [7, 8], late: [15, 8], overnight: [23, 8] };
  const shifts = [];
  let sSeq = 0;
  const roleOf = (e) => (r.chance(0.99) ? e.roleIds[r.int(e.roleIds.length)] : r.pick(ROLES)[0]);
  for (const e of emp) {
    // Working days: PER_EMP of the 28; a few double-booked days (overlap), some pattern swaps (rest).
    const days = [];
    const all = [...Array(PERIOD_DAYS).keys()];
    for (let k = 0; k < PER_EMP && all.length; k++) days.push(all.splice(r.int(all.length), 1)[0]);
    if (r.chance(0.01)) days[days.length - 1] = days[0];
    days.sort((a, b) => a - b);
    for (const d of days) {
      const pattern = r.chance(0.985) ? e.pattern : r.pick(Object.keys(PATTERNS));
      const [h, len] = PATTERNS[pattern];
      const loc = r.chance(0.95) || e.roleIds.includes("float-rn") === false && r.chance(0.8) ? e.home : r.pick(LOCATIONS);
      const off = JURISDICTIONS[loc[2]];
      const startLocal = PERIOD_START + d * DAY + h * 3_600_000;
      const s = {
        id: `s-${pad(++sSeq, 7)}`,
        start: instant(startLocal, off),
        end: instant(startLocal + len * 3_600_000, off),
        locationId: loc[0],
        teamId: `${loc[0]}-${h >= 19 || h < 7 ? "nights" : "days"}`,
        roleId: roleOf(e),
      };
      // A scheduler mostly gives queues and special shifts to people who hold what they need.
      const qs = QUEUE_BY_DEPT[loc[3]] ?? [];
      if (qs.length && r.chance(0.25)) {
        const q = r.pick(qs);
        if (flatten(QUEUES.find((x) => x[0] === q)[2]).every((c) => e.codes.has(c)) || r.chance(0.02)) s.queueIds = [q];
      }
      if (r.chance(0.1)) {
        const req = r.pick(SHIFT_REQUIRES);
        const codes = flatten(req);
        if ((req.any ? codes.some((c) => e.codes.has(c)) : codes.every((c) => e.codes.has(c))) || r.chance(0.02)) s.requires = req;
      }
      s.assigned = [e.id];
      shifts.push(s);
      e.days.add(d);
      e.shifts.push(s);
    }
  }
  // New graduates work with a preceptor on the shift, under a crew rule.
  const preceptors = emp.filter((e) => e.preceptor);
  let pairs = 0;
  for (const e of emp.filter((x) => x.newGrad)) {
    for (const s of e.shifts) {
      const d = Math.floor((Date.parse(s.start) - PERIOD_START) / DAY);
      let found = null;
      for (let t = 0; t < 200 && !found; t++) {
        const p = r.pick(preceptors);
        // Free that day, and either on the same pattern (so rest holds) or free around it.
        if (p.home[0] === e.home[0] && !p.days.has(d) && (p.pattern === e.pattern || !p.days.has(d - 1) && !p.days.has(d + 1))) found = p;
      }
      s.crew = [{ requires: { any: ["PRECEPTOR", "CHARGE"] }, min: 1 }];
      if (found) { s.assigned.push(found.id); found.days.add(d); pairs++; }
    }
  }
  // Charge shifts: a crew rule that the charge nurse meets.
  for (const e of emp.filter((x) => x.charge)) for (const s of e.shifts) if (r.chance(0.3) && !s.crew) s.crew = [{ requires: "CHARGE" }];
  // Shuffle shifts by time, as a scheduling system would export them.
  shifts.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : 1));

  // Trainings: renewal classes in the period (some overlapping a shift), past sessions.
  const trainings = [];
  const T = Math.round(1500 * scale);
  for (let k = 0; k < T; k++) {
    const e = r.pick(emp);
    const d = r.int(PERIOD_DAYS + 30) - 30;
    const off = JURISDICTIONS[e.home[2]];
    const startLocal = PERIOD_START + d * DAY + 8 * 3_600_000;
    const t = {
      id: `t-${pad(k + 1, 6)}`, employeeId: e.id,
      code: r.pick(["BLS", "ACLS", "PALS", "FIRE-SAFETY", "HIPAA", "INFECTION-CONTROL", "VENT", "CHARGE"]),
      start: instant(startLocal, off), end: instant(startLocal + 8 * 3_600_000, off),
    };
    if (d < 0) t.status = r.chance(0.85) ? "completed" : "cancelled";
    else if (r.chance(0.08)) t.status = "cancelled";
    trainings.push(t);
  }

  // Course dates open for booking (SPEC §7): 500 at scale 1 over the 90 days from the period's
  // start (planRenewals' default horizon), most renewing one code, some two; 4 to 20 seats,
  // 5% cancelled. Their own stream of the generator, so the other collections keep their bytes.
  const rs = rng(seed * 7919 + 23);
  const renewable = TYPES.filter(([, , o]) => !o.never).map(([c]) => c);
  const sessions = [];
  const S = Math.round(500 * scale);
  for (let k = 0; k < S; k++) {
    const loc = rs.pick(LOCATIONS);
    const off = JURISDICTIONS[loc[2]];
    const startLocal = PERIOD_START + rs.int(90) * DAY + (7 + rs.int(6)) * 3_600_000;
    const renews = [rs.pick(renewable)];
    if (rs.chance(0.15)) {
      const other = rs.pick(renewable);
      if (other !== renews[0]) renews.push(other);
    }
    const x = {
      id: `sess-${pad(k + 1, 4)}`, renews,
      start: instant(startLocal, off), end: instant(startLocal + (rs.chance(0.5) ? 4 : 8) * 3_600_000, off),
      locationId: loc[0], seats: 4 + rs.int(17), cost: 25 * rs.int(13),
    };
    if (rs.chance(0.05)) x.status = "cancelled";
    sessions.push(x);
  }

  const roster = { locations, teams, roles, queues, employees, shifts, rules: { minRestHours: 10, overlap: "block" } };
  const creds = { credentialTypes, jurisdictionGroups, credentials, waivers, trainings, sessions };
  if (s8) Object.assign(stats, addSection8({ seed, emp, credentialTypes, credentials, roster, creds, nextId: () => `cr-${pad(++crSeq, 7)}` }));
  const assignments = shifts.reduce((n, s) => n + s.assigned.length, 0);
  const summary = {
    seed, scale, employees: E, credentials: credentials.length, types: credentialTypes.length,
    locations: locations.length, jurisdictions: Object.keys(JURISDICTIONS).length, shifts: shifts.length,
    assignments, pairs, waivers: waivers.length, trainings: trainings.length, sessions: sessions.length,
    expiredShare: +(stats.expired / credentials.length).toFixed(3),
    pendingShare: +(stats.pending / credentials.length).toFixed(3),
    ...stats,
  };
  return { roster, credentials: creds, summary };
}

/**
 * SPEC §8 on top of a generated pair (see the file's header): currency rules, events, the visa
 * and permit records and three limits. Its own stream of the generator.
 */
function addSection8({ seed, emp, credentialTypes, credentials, roster, creds, nextId }) {
  const r8 = rng(seed * 7919 + 29);
  const rules = new Map();
  credentialTypes.forEach((t, k) => {
    t.currency = k % 4 === 3
      ? { event: `${t.code.toLowerCase()}-hours`, minHours: 4, withinDays: 365 }
      : { event: `${t.code.toLowerCase()}-log`, min: 2, withinDays: 180 };
    rules.set(t.code, t.currency);
  });
  const home = new Map(emp.map((e) => [e.id, JURISDICTIONS[e.home[2]]]));
  const events = [];
  const seen = new Set();
  let short = 0, lapsing = 0;
  const add = (employeeId, rule, daysBefore, hours) => {
    const localMs = PERIOD_START - daysBefore * DAY + (6 + r8.int(14)) * 3_600_000 + r8.int(60) * 60_000;
    const ev = { id: `ev-${pad(events.length + 1, 7)}`, employeeId, kind: rule.event, at: instant(localMs, home.get(employeeId)) };
    if (rule.minHours !== undefined) ev.hours = hours;
    else if (r8.chance(0.05)) ev.count = 2;
    events.push(ev);
  };
  for (const c of credentials) {
    const key = `${c.employeeId} ${c.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const rule = rules.get(c.code);
    const w = r8.next();
    if (w < 0.01) {
      short++;
      add(c.employeeId, rule, 1 + r8.int(100), 1); // one event, or one hour: never enough
    } else if (w < 0.015) {
      // Just enough, the older leaving the window during the period.
      lapsing++;
      add(c.employeeId, rule, rule.withinDays - 1 - r8.int(27), 2);
      add(c.employeeId, rule, 1 + r8.int(30), 2);
    } else {
      for (let n = 2 + r8.int(3); n > 0; n--) add(c.employeeId, rule, 1 + r8.int(150), 2 + r8.int(3));
    }
  }
  events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : 1));
  creds.events = events;

  credentialTypes.push(
    { code: "VISA-F1", name: "Student visa (F-1, part-time work)", alertDays: [60, 30] },
    { code: "MINOR-PERMIT", name: "Work permit for a minor", alertDays: [30] },
  );
  let visas = 0, permits = 0;
  for (const e of emp) {
    const x = r8.next();
    const code = x < 0.02 ? "VISA-F1" : x < 0.03 ? "MINOR-PERMIT" : null;
    if (!code) continue;
    if (code === "VISA-F1") visas++;
    else permits++;
    credentials.push({ id: nextId(), employeeId: e.id, code, validFrom: ymd(PERIOD_START - (30 + r8.int(300)) * DAY), validUntil: ymd(PERIOD_START + (60 + r8.int(400)) * DAY) });
  }
  roster.rules.limits = [
    { id: "visa-hours", appliesTo: { code: "VISA-F1" }, measure: "hours", max: 20, window: { rollingHours: 168 } },
    { id: "minor-nights", appliesTo: { code: "MINOR-PERMIT" }, measure: "nights", max: 2, window: { calendar: "week", weekStart: "monday" } },
    { id: "cna-shifts-per-day", appliesTo: { roleId: "cna" }, measure: "shifts", max: 1, window: { calendar: "day" }, severity: "warn" },
  ];
  return { events: events.length, currencyShort: short, currencyLapsing: lapsing, visas, permits, limits: roster.rules.limits.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log("usage: node bench/generate.mjs [--seed N] [--scale F] [--out DIR] [--s8]");
    process.exit(0);
  }
  const { roster, credentials, summary } = generate(opts);
  mkdirSync(opts.out, { recursive: true });
  const rText = JSON.stringify(roster);
  const cText = JSON.stringify(credentials);
  writeFileSync(join(opts.out, "roster.json"), rText);
  writeFileSync(join(opts.out, "credentials.json"), cText);
  console.error(JSON.stringify({ ...summary, rosterBytes: rText.length, credentialsBytes: cText.length, out: opts.out }));
}
