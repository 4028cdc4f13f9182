// The page's own reading of the two documents: lookups for drawing the board and the panels.
// It never decides a verdict; the engine does. Times are shown as written in the documents
// (the wall clock of the shift's offset), so no time zone conversion happens in the browser.
// A large pair of documents is read in steps (`Model.fromTexts`, run by steps.js's `runSteps`):
// parsed a piece at a time and indexed a few thousand records at a time, no task running long.

import { parseSteps, runNow } from "./steps.js";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const OFFSET_RE = /(Z|[+-]\d\d:\d\d)$/i;

/** `2026-12-07` of `2026-12-07T07:00:00-06:00`. */
export const localDate = (instant) => String(instant).slice(0, 10);
/** `07:00` of `2026-12-07T07:00:00-06:00`. */
export const localTime = (instant) => String(instant).slice(11, 16);
/** `-06:00` (or `Z`) of an instant. */
export const offsetOf = (instant) => (String(instant).match(OFFSET_RE) || ["Z"])[0];

const dayNumber = (date) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86_400_000;
const fromDayNumber = (n) => new Date(n * 86_400_000).toISOString().slice(0, 10);

export function addDays(date, n) {
  return fromDayNumber(dayNumber(date) + n);
}
export function daysBetween(a, b) {
  return dayNumber(b) - dayNumber(a);
}
/** The same wall-clock time and offset, `n` days later. */
export function shiftInstant(instant, n) {
  return addDays(localDate(instant), n) + String(instant).slice(10);
}
export function dayLabel(date) {
  const d = new Date(dayNumber(date) * 86_400_000);
  return { weekday: WEEKDAYS[d.getUTCDay()], day: `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`, weekend: d.getUTCDay() % 6 === 0 };
}
export function shortDate(date) {
  const { weekday, day } = dayLabel(date);
  return `${weekday} ${day}`;
}
/** A readable form of a date, month or instant bound. */
export function formatBound(value) {
  if (value === null) return "never expires";
  if (value === undefined) return "—";
  const v = String(value);
  if (/^\d{4}-\d{2}$/.test(v)) return `end of ${MONTHS[+v.slice(5, 7) - 1]} ${v.slice(0, 4)}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return `${dayLabel(v).day} ${v.slice(0, 4)}`;
  if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return `${dayLabel(v.slice(0, 10)).day} ${v.slice(0, 4)} ${localTime(v)}`;
  return v;
}
/** "07–19", "07–15:30", "19–07" for chips: whole hours lose their ":00". */
export function compactTimes(shift) {
  const t = (instant) => {
    const hm = localTime(instant);
    return hm.endsWith(":00") ? hm.slice(0, 2) : hm;
  };
  return `${t(shift.start)}–${t(shift.end)}`;
}

export function shiftTimes(shift) {
  const overnight = localDate(shift.end) !== localDate(shift.start);
  return `${localTime(shift.start)}–${localTime(shift.end)}${overnight ? " +1" : ""}`;
}

/** Items a step of the model's building goes over before it yields (a few milliseconds). */
const STEP = 4000;

/** `map` of each item of `list` with a string `id` (the last of a duplicate id wins), in steps. */
function* byIdSteps(list, map = new Map()) {
  let n = 0;
  for (const x of list || []) {
    if (x && typeof x.id === "string") map.set(x.id, x);
    if (++n % STEP === 0) yield;
  }
  return map;
}
const byId = (list) => runNow(byIdSteps(list));

/** The items of `list` grouped by their `key`, in steps. */
function* groupBySteps(list, key) {
  const out = new Map();
  let n = 0;
  for (const item of list || []) {
    if (++n % STEP === 0) yield;
    if (!item) continue;
    const k = item[key];
    if (!out.has(k)) out.set(k, []);
    out.get(k).push(item);
  }
  return out;
}

/** Lookups over the (already engine-validated) documents. */
export class Model {
  /** The model of two parsed documents, built at once (`Model.fromTexts` builds it in steps). */
  constructor(roster, credentials) {
    if (roster) runNow(this.fill(roster, credentials));
  }

  /**
   * The model of two documents given as JSON text, parsed and indexed in steps (a generator
   * for `runSteps`: no task of the page runs long). Throws JSON.parse's error for text that is
   * not JSON. `piece`: as `parseSteps` takes it. `parsed`: a document already parsed from its
   * text and not changed since (`{roster}`, `{credentials}`), taken as it is rather than parsed
   * again (the §5 roster is 18 MiB of JSON: parsed again, tens of megabytes of objects that
   * V8's collections copy while the page waits).
   */
  static *fromTexts(rosterText, credentialsText, piece = undefined, parsed = {}) {
    const roster = parsed.roster ?? (yield* parseSteps(rosterText, piece));
    const credentials = parsed.credentials ?? (yield* parseSteps(credentialsText, piece));
    const model = new Model();
    yield* model.fill(roster, credentials);
    return model;
  }

  /** Reads the documents into the model's lookups, in steps. */
  *fill(roster, credentials) {
    this.roster = roster;
    this.credentials = credentials;
    this.employees = roster.employees || [];
    this.shifts = roster.shifts || [];
    this.employeeById = yield* byIdSteps(this.employees);
    this.shiftById = yield* byIdSteps(this.shifts);
    this.teams = roster.teams || [];
    this.teamById = byId(this.teams);
    this.locations = roster.locations || [];
    this.locationById = byId(this.locations);
    this.roleById = byId(roster.roles);
    this.queueById = byId(roster.queues);
    this.typeByCode = new Map((credentials.credentialTypes || []).map((t) => [t.code, t]));
    this.credentialsByEmployee = yield* groupBySteps(credentials.credentials, "employeeId");
    this.waiversByEmployee = yield* groupBySteps(credentials.waivers, "employeeId");
    this.trainingsByEmployee = yield* groupBySteps(credentials.trainings, "employeeId");
    yield* this.reindexSteps();
  }

  /** Recomputes what depends on assignments and times (after an edit). */
  reindex() {
    runNow(this.reindexSteps());
  }

  /** `reindex()` in steps. */
  *reindexSteps() {
    const shiftsByEmployee = new Map();
    const days = new Set();
    const startOf = new Map();
    let assignments = 0;
    let n = 0;
    for (const shift of this.shifts) {
      days.add(localDate(shift.start));
      startOf.set(shift, Date.parse(shift.start));
      const people = new Set(shift.assigned || []);
      assignments += people.size;
      for (const e of people) {
        if (!shiftsByEmployee.has(e)) shiftsByEmployee.set(e, []);
        shiftsByEmployee.get(e).push(shift);
      }
      if (++n % STEP === 0) yield;
    }
    const byStart = (a, b) => startOf.get(a) - startOf.get(b);
    n = 0;
    for (const list of shiftsByEmployee.values()) {
      n += list.length;
      list.sort(byStart);
      if (n >= STEP) {
        n = 0;
        yield;
      }
    }
    this.shiftsByEmployee = shiftsByEmployee;
    this.days = [...days].sort();
    this.assignmentCount = assignments;
  }

  firstDay() {
    return this.days[0] || new Date().toISOString().slice(0, 10);
  }
  lastDay() {
    return this.days[this.days.length - 1] || this.firstDay();
  }
  /** The offset most shifts are written in (for as-of dates typed into the page). */
  defaultOffset() {
    const first = this.shifts.find((s) => s.start);
    return first ? offsetOf(first.start) : "Z";
  }

  /** What the name filters match a person by: name and id, lower case (made once a person). */
  searchKey(id) {
    this.searchKeys ||= new Map();
    let key = this.searchKeys.get(id);
    if (key === undefined) this.searchKeys.set(id, (key = `${this.employeeById.get(id)?.name || ""} ${id}`.toLowerCase()));
    return key;
  }

  employeeName(id) {
    return this.employeeById.get(id)?.name || id;
  }
  locationName(id) {
    return (id && this.locationById.get(id)?.name) || id || "";
  }
  /** "Houston" of "Bayou General Hospital, Houston": the part people scan for. */
  locationShort(id) {
    const name = this.locationName(id);
    const comma = name.lastIndexOf(",");
    return comma >= 0 ? name.slice(comma + 1).trim() : name;
  }
  roleName(id) {
    return (id && this.roleById.get(id)?.name) || id || "";
  }
  /** A role's short code for chips: its id when that is short, else its name. */
  roleCode(id) {
    if (!id) return "";
    return id.length <= 12 && !/\s/.test(id) ? id.toUpperCase() : this.roleName(id);
  }
  teamName(id) {
    return (id && this.teamById.get(id)?.name) || id || "No team";
  }
  typeName(code) {
    return this.typeByCode.get(code)?.name || code;
  }

  /** A short label for a shift, for messages: "ICU registered nurse, Mon 7 Dec 07:00–19:00". */
  shiftLabel(shift) {
    if (typeof shift === "string") shift = this.shiftById.get(shift) || { id: shift, start: "", end: "" };
    const what = shift.label || this.roleName(shift.roleId) || shift.id;
    const where = shift.locationId ? `, ${this.locationShort(shift.locationId)}` : "";
    return `${what}${where}, ${shortDate(localDate(shift.start))} ${shiftTimes(shift)}`;
  }

  isAssigned(employeeId, shiftId) {
    return (this.shiftById.get(shiftId)?.assigned || []).includes(employeeId);
  }
}
