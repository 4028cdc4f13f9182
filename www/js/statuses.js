// Every assignment's status, each person's count of blocked and warned shifts, and the
// shift-level findings, as the board draws them. Built in one pass over `validate()` (its
// verdicts are exactly the assignments that are not ok, its findings the shift-level ones), or
// over its compact form from the worker (`validateStatuses()`: ids and status codes, no
// verdict objects to copy across threads);
// after an edit only the assignments the edit can touch are asked again (`statusAt`), and the
// shift-level findings follow the edit's `created` and `cleared`. Nothing here is computed per
// row or per render.
import { STATUS_BY_CODE } from "./dom.js";

export class Statuses {
  /** `validation`: what `engine.validate()` answered; `assignments`: how many there are. */
  constructor(validation, assignments) {
    /** employeeId -> Map(shiftId -> "warn" | "block"): only the assignments that are not ok. */
    this.notOk = new Map();
    /** employeeId -> {warn, block}. */
    this.perPerson = new Map();
    this.totals = { warn: 0, block: 0 };
    this.assignments = assignments;
    for (const v of validation?.verdicts || []) this.set(v.employeeId, v.shiftId, v.status);
    /** shiftId -> the shift-level findings (crewShortfall) of that shift. */
    this.findingsByShift = new Map();
    this.findingCount = 0;
    for (const f of validation?.findings || []) this.addFinding(f);
  }

  /**
   * From the worker's `validateStatuses()`: each non-ok assignment as `employeeIds[i]`,
   * `shiftIds[i]` and `codes[i]` (1 warn, 2 block), and the shift-level findings. A generator
   * for `runSteps` (steps.js): it yields every few thousand assignments.
   */
  static *fromCodes({ employeeIds, shiftIds, codes, findings }, assignments) {
    const statuses = new Statuses({ findings }, assignments);
    for (let i = 0; i < codes.length; i++) {
      statuses.set(employeeIds[i], shiftIds[i], STATUS_BY_CODE[codes[i]] || "ok");
      if (i % 2000 === 1999) yield;
    }
    return statuses;
  }

  /** The status of an assignment: "ok", "warn" or "block". */
  get(employeeId, shiftId) {
    return this.notOk.get(employeeId)?.get(shiftId) || "ok";
  }

  /** How many of a person's shifts are blocked and warned. */
  counts(employeeId) {
    return this.perPerson.get(employeeId) || ZERO;
  }

  hasProblems(employeeId) {
    return this.perPerson.has(employeeId);
  }

  /** Every assignment by status, for the summary. */
  summary() {
    return { ok: this.assignments - this.totals.warn - this.totals.block, warn: this.totals.warn, block: this.totals.block };
  }

  set(employeeId, shiftId, status) {
    const old = this.get(employeeId, shiftId);
    if (old === status) return;
    let map = this.notOk.get(employeeId);
    let counts = this.perPerson.get(employeeId);
    if (old !== "ok") {
      map.delete(shiftId);
      counts[old]--;
      this.totals[old]--;
    }
    if (status === "warn" || status === "block") {
      if (!map) this.notOk.set(employeeId, (map = new Map()));
      if (!counts) this.perPerson.set(employeeId, (counts = { warn: 0, block: 0 }));
      map.set(shiftId, status);
      counts[status]++;
      this.totals[status]++;
    }
    if (map && !map.size) {
      this.notOk.delete(employeeId);
      this.perPerson.delete(employeeId);
    }
  }

  /**
   * After an edit: asks the engine again for every assignment of `employeeIds` (their shifts in
   * `shiftsOf(employeeId)`, the page's index after the edit), and forgets the assignments that
   * the edit removed (`removed`: [employeeId, shiftId] pairs). `index(employeeId, shiftId)`
   * gives the engine's dense indexes.
   */
  refresh(engine, employeeIds, shiftsOf, index, removed = []) {
    for (const [e, s] of removed) this.set(e, s, "ok");
    for (const e of employeeIds) {
      for (const shift of shiftsOf(e)) {
        const at = index(e, shift.id);
        if (at) this.set(e, shift.id, STATUS_BY_CODE[engine.statusAt(at[0], at[1])] || "ok");
      }
    }
  }

  /** The shift-level findings an edit created and cleared (the others are per assignment). */
  applyFindings(created, cleared) {
    for (const f of cleared || []) {
      if (f.employeeId) continue;
      const list = this.findingsByShift.get(f.shiftId);
      const i = list ? list.findIndex((g) => g.kind === f.kind && g.message === f.message) : -1;
      if (i < 0) continue;
      list.splice(i, 1);
      if (!list.length) this.findingsByShift.delete(f.shiftId);
      this.findingCount--;
    }
    for (const f of created || []) if (!f.employeeId) this.addFinding(f);
  }

  addFinding(f) {
    if (!this.findingsByShift.has(f.shiftId)) this.findingsByShift.set(f.shiftId, []);
    this.findingsByShift.get(f.shiftId).push(f);
    this.findingCount++;
  }

  findings(shiftId) {
    return this.findingsByShift.get(shiftId) || NONE;
  }
}

const ZERO = Object.freeze({ warn: 0, block: 0 });
const NONE = Object.freeze([]);
