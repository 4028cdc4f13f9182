//! The WebAssembly façade: the npm package `credgate`'s `Engine`, over [`crate::Engine`].
//!
//! Every method here decodes its JavaScript arguments, calls one core operation, and encodes
//! the answer; nothing else. A decision about credentials or shifts made here would be one the
//! CLI and the Rust library do not make, so a method that wants an `if` about the domain wants
//! a core method instead.
//!
//! # Crossing the boundary
//!
//! - **Documents** (`load`) are JSON text or plain objects; an object crosses as the text of
//!   `JSON.stringify` and is read by the core's strict parser, which measured faster than
//!   walking the object from Rust (see the README's "npm package" section), and keeps one reading
//!   of the documents for every build.
//! - **Small objects** (a placement, an override, an options bag) cross the same way, through
//!   `js/args.js`'s `argumentJson`, so that a `Date` inside them is read as an instant is.
//! - **Instants** (`moveShift`'s `start`/`end`, the tracking ops' `asOf`/`at`) are RFC 3339
//!   strings or `Date`s. A `Date` is read as the page's local calendar date and time with the
//!   page's local UTC offset (`js/args.js`'s `localInstant`: `2026-12-07T18:30:00.000-06:00`
//!   in Chicago), since a date bound is read in the offset of the instant it is compared with
//!   (SPEC §2.1) and `toISOString()` would put an evening in the Americas on the next day.
//! - **Results** are plain objects made by one encoding: written to the tape of
//!   [`super::tape`] item by item (the drafted verdicts', the reports' and `crate::written`'s
//!   writers, as each public type's `Serialize` writes it) and read back by `js/tape.js` in
//!   one call; maps as objects, absent
//!   optional fields omitted, `null` where the Rust type says so (a placement's `shiftId`).
//!   The documents themselves (`export`, `overrides`) cross as JSON text and `JSON.parse`, so
//!   that they read back exactly as `JSON.parse` would read the file.
//! - **Errors** are `Error`s with an `errors` property: `[{path, message, document}]`, the
//!   core's [`Problem`]s, for load failures, unknown ids and bad arguments alike.
//! - **The per-drag path** (`statusAt`, `candidateStatuses`) takes and returns numbers and
//!   allocates nothing in WebAssembly once warm.
//!
//! # Panics
//!
//! The core does not panic on any input (that is tested); if it ever did, the release build
//! aborts, which traps the instance. The package's JavaScript wrapper (`js/guard.js`) then
//! throws a clear `Error`, marks the instance poisoned, and lets the caller rebuild an engine
//! with `Engine.restore(exported)` on a fresh instance. The package's `.wasm` aborts at once
//! (`-Cpanic=immediate-abort`: no message or location is compiled in); a build with ordinary
//! panics installs a hook at start-up that first records the message where the wrapper finds
//! it. The CLI and the Rust library report a panic's message and place as usual.
//!
//! When you add an operation here, also add its types to `TYPES` below, its method to the
//! README's "npm package" section, and a call to `js-tests/package.test.mjs`.

use crate::call::CallMut;
use crate::error::{Document, Error, Problem};
use crate::json::{self, Value};
use super::tape::Tape;
use crate::verdict::write::Out;
use crate::live::cache::Sent;
use crate::{CsvImport, CsvKind, CsvOptions, CsvProblem, Engine as Core, Override, Placement, Status};
use crate::load::concat;
use crate::report::PageOptions;
use crate::written;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** An RFC 3339 instant with an offset, as credgate writes it: `"2026-12-01T07:00:00-06:00"`. */
export type Instant = string;
/**
 * An instant argument: RFC 3339 text with an offset, or a `Date`. A `Date` is read as its
 * **local** calendar date and time, with the page's local UTC offset (`getFullYear()` ...
 * `getMilliseconds()` and `getTimezoneOffset()`): `new Date(2026, 11, 7, 18, 30)` in Chicago is
 * `2026-12-07T18:30:00.000-06:00`, so a date bound (`validUntil: "2026-12-07"`) is read on the
 * day the page shows, not on the UTC day of `toISOString()`. The same holds for a `Date` inside
 * a placement, an override or an options object. Pass text with the shift's own offset when
 * that offset is not the page's.
 */
export type InstantInput = string | Date;
/** A local calendar day, `"2027-01-31"`. */
export type LocalDate = string;
/** `validUntil`/`validFrom`: an instant, a local date, or (for `validUntil`) a month `"2027-01"`. */
export type Bound = string;

/** A requirement: a credential code, or `all`/`any` groups nested freely. */
export type Requirement = string | { all: Requirement[] } | { any: Requirement[] };

/** `statusAt` and `candidateStatuses`: 0 ok, 1 warn, 2 block, 3 an index out of range. */
export type StatusCode = 0 | 1 | 2 | 3;

// ---------------------------------------------------------------------------------------------
// The roster document (SPEC §2.3). Unknown fields are kept and exported.

export interface Location { id: string; name?: string; jurisdiction?: string; requires?: Requirement | null; [field: string]: unknown }
export interface Team { id: string; name?: string; [field: string]: unknown }
export interface Role { id: string; name?: string; requires?: Requirement | null; [field: string]: unknown }
export interface Queue { id: string; name?: string; requires?: Requirement | null; [field: string]: unknown }
export interface Employee { id: string; name?: string; teamId?: string; locationId?: string; roleIds?: string[]; [field: string]: unknown }
export interface CrewRule { requires: Requirement; min?: number; [field: string]: unknown }
export interface Shift {
  id: string; start: Instant; end: Instant;
  locationId?: string | null; teamId?: string | null; roleId?: string | null; queueIds?: string[];
  requires?: Requirement | null; assigned?: string[]; crew?: CrewRule[];
  [field: string]: unknown;
}
/** A working limit (SPEC §8): `appliesTo` absent covers everyone; `window` is exactly one of `rollingHours` and `calendar`. */
export interface Limit {
  id: string;
  appliesTo?: { code: string; [field: string]: unknown } | { roleId: string; [field: string]: unknown } | null;
  measure: Measure; max: number;
  window: { rollingHours: number; [field: string]: unknown } | { calendar: "day" | "week" | "month"; weekStart?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"; [field: string]: unknown };
  severity?: "block" | "warn";
  [field: string]: unknown;
}
/** The kinds a roster may soften to `warn` (SPEC §8 `rules.severities`). */
export type SoftenableKind = "restTooShort" | "overlap" | "inTraining" | "notInRole" | "notCurrent" | "crewShortfall";
export interface Rules {
  minRestHours?: number | null; overlap?: "block" | "allow";
  /** Working limits, judged as `overLimit` (SPEC §8). */
  limits?: Limit[];
  /** Softens a rule: its reasons (or findings) carry `warn` and block nothing. */
  severities?: { [K in SoftenableKind]?: "block" | "warn" | null };
  [field: string]: unknown;
}
/** One entry of the override log, as `assign`/`moveShift` write it (and `export` keeps it). */
export interface OverrideEntry {
  action: "assign" | "moveShift" | string;
  employeeId?: string; shiftId?: string; start?: Instant; end?: Instant;
  by: string; reason: string; at?: Instant;
  overridden: { employeeId: string; kind: ReasonKind; code?: string; message: string; more?: number }[];
  [field: string]: unknown;
}
export interface Roster {
  locations?: Location[]; teams?: Team[]; roles?: Role[]; queues?: Queue[];
  employees?: Employee[]; shifts?: Shift[]; rules?: Rules; overrides?: OverrideEntry[];
  /** The change log of applied batches (`changeLog()`), kept by `export` and a load. */
  changeLog?: ChangeLogEntry[];
  [field: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// The credentials document (SPEC §2.2).

export interface CredentialType {
  code: string; name?: string; graceDays?: number; alertDays?: number[];
  jurisdictional?: boolean; satisfies?: string[];
  /** SPEC §8: a record counts only while its holder's events reach `min` (a count) or `minHours`. */
  currency?: Currency;
  [field: string]: unknown;
}
/** A type's currency rule (SPEC §8): exactly one of `min` and `minHours`. */
export type Currency =
  | { event: string; min: number; withinDays: number; minHours?: undefined; [field: string]: unknown }
  | { event: string; minHours: number; withinDays: number; min?: undefined; [field: string]: unknown };
/** Something an employee did that keeps a qualification current (SPEC §8). */
export interface CurrencyEvent {
  id: string; employeeId: string; kind: string; at: Instant;
  /** An integer ≥ 1 (default 1). */
  count?: number;
  /** A number ≥ 0 (default 0). */
  hours?: number;
  [field: string]: unknown;
}
export interface JurisdictionGroup { code: string; members: string[]; [field: string]: unknown }
export interface Credential {
  id: string; employeeId: string; code: string;
  validFrom?: Bound | null;
  /** Required: `null` for a credential that never expires. */
  validUntil: Bound | null;
  status?: "active" | "pending" | "suspended" | "revoked";
  validIn?: string[]; restrictions?: "supervised"[]; issuer?: string; identifier?: string;
  [field: string]: unknown;
}
export interface Waiver {
  id: string; employeeId: string; code: string; validFrom: Bound; validUntil: Bound;
  locationIds?: string[]; approvedBy: string; reason: string;
  [field: string]: unknown;
}
export interface Training {
  id: string; employeeId: string; code?: string; start: Instant; end: Instant;
  status?: "scheduled" | "completed" | "cancelled";
  /** The session (`sessions[].id`) it takes a seat in. */
  sessionId?: string;
  [field: string]: unknown;
}
/** A course date open for booking (SPEC §7). */
export interface Session {
  id: string; renews: string[]; start: Instant; end: Instant; seats: number;
  locationId?: string; cost?: number; status?: "open" | "cancelled";
  [field: string]: unknown;
}
export interface Credentials {
  credentialTypes?: CredentialType[]; jurisdictionGroups?: JurisdictionGroup[];
  credentials?: Credential[]; waivers?: Waiver[]; trainings?: Training[]; sessions?: Session[];
  events?: CurrencyEvent[];
  [field: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Arguments.

/** A shift that does not exist yet, or an existing one being dragged (`checkPlacement`). */
export interface Placement {
  start: InstantInput; end: InstantInput;
  locationId?: string | null; teamId?: string | null; roleId?: string | null;
  queueIds?: string[] | null; requires?: Requirement | null;
}
export interface PlacementOptions {
  /** The shift being moved: it does not overlap itself, and its people can supervise. */
  ignoreShiftId?: string | null;
}
/** Who allows a blocked edit, and why. `at` defaults to the current time. */
export interface Override { by: string; reason: string; at?: InstantInput | null }

// ---------------------------------------------------------------------------------------------
// Results (SPEC §3).

// Verdict, Candidate, Evidence, Reason, ReasonKind, Status and Severity: results.d.ts.

/** A problem found by `validate`, or created or cleared by an edit. */
export type Finding =
  | {
      kind: "crewShortfall"; /** `warn` when the roster softens `crewShortfall`. */ severity: "block" | "warn"; shiftId: string;
      /** The crew requirement's code, when it is a single code. */
      code?: string; requires: Requirement; min: number; count: number; message: string;
    }
  | {
      kind: Exclude<ReasonKind, "crewShortfall" | "expiringSoon">; severity: "warn" | "block";
      shiftId: string; employeeId: string; reason: Reason; message: string;
    };

/** The answer of `validate`: the warn and block verdicts, and the shift-level findings. */
export interface Validation { status: Status; verdicts: Verdict[]; findings: Finding[] }

export interface Engine {
  /**
   * Every non-ok assignment and every shift-level finding. The array and the object are new on
   * every call; the verdicts in it are frozen, and the ones unchanged since the previous call
   * are the same objects.
   */
  validate(): Validation;
}

/** What an edit did. */
export interface EditResult {
  /** The roster changed. */
  applied: boolean;
  /** Refused because it would block and no override was given: nothing changed. */
  refused: boolean;
  /** `assign`, `unassign`: the employee's verdict for the shift. */
  verdict?: Verdict;
  /** `moveShift`: the verdict of each assigned employee at the new time. */
  verdicts?: Verdict[];
  created: Finding[];
  cleared: Finding[];
  /** The override log entry, when the edit was made over a block. */
  override?: OverrideEntry;
  /** Always empty: a single edit is a one-op batch (§6), but its problems (an unknown id, a bad override) are thrown. */
  errors: Problem[];
  /** What the edit changed, as a batch's answer says it (for a refused edit: would have). */
  changes: Changes;
}

// ---------------------------------------------------------------------------------------------
// The live roster (SPEC §6): `apply`, `preview`, `undo`, `redo`, `changeLog`.

/** A collection an operation can `put` into or `remove` from. */
export type Collection = "employees" | "shifts" | "credentials" | "waivers" | "trainings" | "sessions" | "events";
/** `T` with the fields `K` also accepting a `Date` (read as local time, as `InstantInput` says). */
export type Dated<T, K extends keyof T> = { [P in keyof T]: P extends K ? T[P] | Date : T[P] };
/**
 * One operation of a batch, discriminated by `op` (and a `put` by `collection`). A `put` record
 * is read by exactly the rules of a load for an element of its collection, inserted, or replacing
 * the record with the same `id` whole; it is exported as given (unknown fields kept, a `Date`
 * written as its local instant).
 */
export type Op =
  | { op: "assign"; employeeId: string; shiftId: string }
  | { op: "unassign"; employeeId: string; shiftId: string }
  | { op: "moveShift"; shiftId: string; start: InstantInput; end: InstantInput }
  | { op: "put"; collection: "employees"; record: Employee }
  | { op: "put"; collection: "shifts"; record: Dated<Shift, "start" | "end"> }
  | { op: "put"; collection: "credentials"; record: Dated<Credential, "validFrom" | "validUntil"> }
  | { op: "put"; collection: "waivers"; record: Dated<Waiver, "validFrom" | "validUntil"> }
  | { op: "put"; collection: "trainings"; record: Dated<Training, "start" | "end"> }
  | { op: "put"; collection: "sessions"; record: Dated<Session, "start" | "end"> }
  | { op: "put"; collection: "events"; record: Dated<CurrencyEvent, "at"> }
  /** Removing an employee also takes them off every shift; their records stay (as orphans). */
  | { op: "remove"; collection: Collection; id: string };
/** `apply`'s and `preview`'s options: an override applies a batch that newly blocks someone, and logs it. */
export interface ApplyOptions { override?: Override | null }
/** One assignment whose status or reasons changed (messages and order aside). */
export interface VerdictChange {
  employeeId: string; shiftId: string;
  /** The former status; `null` for a new assignment. */
  before: Status | null;
  /** The new verdict, as `check` gives it; `null` for an assignment that no longer exists. */
  after: Verdict | null;
}
/** Shift-level findings (`crewShortfall`) added and removed; one whose content changed is both. */
export interface FindingChanges { added: Finding[]; removed: Finding[] }
/** What a batch changed (for a refused batch or a preview: would change). */
export interface Changes { verdicts: VerdictChange[]; findings: FindingChanges }
/** One newly blocked assignment an override allowed, per block reason. */
export interface Overridden { employeeId: string; shiftId: string; kind: ReasonKind; code?: string; message: string; more?: number }
/** One entry of the change log (the roster's `changeLog`): an applied batch. */
export interface ChangeLogEntry {
  /** 1, 2, 3... in the order applied. */
  seq: number;
  /** The override's `at`, else the engine's clock (UTC). */
  at: Instant;
  by?: string; reason?: string;
  /** Applied over a block: `overridden` names the newly blocked pairs. */
  override: boolean;
  /** The batch's operations, as given (a `Date` as its local instant). */
  ops: Op[];
  overridden?: Overridden[];
  [field: string]: unknown;
}
/**
 * The answer of `apply`, `preview`, `undo` and `redo`: returned, never thrown. Invalid: `errors`
 * lists every problem with its path from the batch (`ops[2].record.validUntil`) and nothing
 * changed. Refused: `refused: true`, nothing changed, `changes` says what would have.
 */
export interface ApplyResult {
  /** The documents changed (for `preview`: `apply` would change them). */
  applied: boolean;
  /** The batch places people and newly blocks an assignment, and no override was given. */
  refused: boolean;
  errors: Problem[];
  changes: Changes;
  /** Warnings about the records put (a near-miss field name...), as a load gives them. */
  warnings?: Problem[];
  /** The change log entry written (`apply`, `redo`). */
  logEntry?: ChangeLogEntry;
}

/** `export()`: both documents, edits applied, unknown fields kept. */
export interface Exported { roster: Roster; credentials: Credentials }
/** `exportJson()`: the same as JSON text, numbers exactly as they were written. */
export interface ExportedJson { roster: string; credentials: string }

// ---------------------------------------------------------------------------------------------
// Tracking (SPEC §4): alerts, gaps, holders, audit.

export interface AlertOptions {
  /** The window in days; default: each type's largest `alertDays`. */
  days?: number | null;
}
/** A renewal alert: one employee, one credential type, the record that decides it. */
export interface Alert {
  employeeId: string; employeeName: string | null; code: string; credentialId: string;
  /** `"currency"` when the holder's currency lapses before the record expires (SPEC §8). */
  basis: AlertBasis;
  /** The record's `validUntil` as written (a date, a month or an instant); for basis
   * `"currency"`, the holder's `currentUntil`. */
  validUntil: string | null;
  /** The instant the record stops being valid (exclusive), in `asOf`'s offset; for basis
   * `"currency"`, `currentUntil`. */
  expiresAt: Instant;
  lastValidDate: LocalDate;
  /** Calendar days from `asOf`'s local date to the last valid date; negative once expired. */
  daysLeft: number;
  /** The alert window: a number of days, `"expired"`, or `null` beyond every window. */
  bucket: number | "expired" | null;
  expired: boolean;
  renewalTrainingId: string | null; renewalBooked: boolean; lateTrainingId: string | null;
  affectedShiftIds: string[]; requiredByRoleIds: string[];
  /** A record of another type that keeps the code met beyond this expiry. */
  coveredBy: string | null;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Renewal planning (SPEC §7).

export interface PlanOptions {
  /** Needs are alerts with `daysLeft` up to this; default 90. */
  horizonDays?: number | null;
  /** Deadlines include each type's `graceDays`; a booking that needs it is `inGrace`. */
  useGrace?: boolean | null;
}
/** One employee in one session, meeting every need of theirs it renews in time. */
export interface PlanBooking {
  employeeId: string; employeeName: string | null; sessionId: string; start: Instant; end: Instant;
  sessionLocationId: string | null;
  codes: string[]; credentialIds: string[];
  /** The earliest deadline of the needs it meets, in `asOf`'s offset. */
  deadline: Instant;
  /** Whole 24-hour periods from the session's end to `deadline`. */
  slackDays: number;
  inGrace: boolean; cost: number;
}
export type UnmetReason = "noSession" | "conflicts" | "full";
/** A need the plan does not meet, and why. */
export interface Unmet {
  employeeId: string; employeeName: string | null; code: string; credentialId: string; deadline: Instant;
  reason: UnmetReason;
  /** The open sessions renewing the code within `[asOf, deadline]`. */
  sessionIds: string[];
  /** With `conflicts`: the assigned shifts those sessions overlap. */
  shiftIds: string[];
}
export interface SessionLoad { sessionId: string; seats: number; taken: number; booked: number }
/** The batch that accepts a plan: one `put` of a scheduled training per code of a booking. */
export interface AcceptOp {
  op: "put"; collection: "trainings";
  record: { id: string; employeeId: string; code: string; start: Instant; end: Instant; status: "scheduled"; sessionId: string };
}
/** `planRenewals(asOf, options)`. */
export interface RenewalPlan {
  asOf: string; horizonDays: number; useGrace: boolean;
  bookings: PlanBooking[]; unmet: Unmet[]; sessions: SessionLoad[];
  cost: { total: number; byLocation: Record<string, number>; byTeam: Record<string, number> };
  accept: AcceptOp[];
}
export interface GapsOptions { groupBy: GroupBy }
export interface Gaps { from: Instant; to: Instant; groupBy: GroupBy; days: LocalDate[]; groups: GapGroup[] }
export interface GapGroup {
  id: string | null; name: string | null; memberCount: number;
  expiries: { code: string; count: number; credentialIds: string[]; employeeIds: string[] }[];
  blockedShifts: { shiftId: string; employeeId: string; start: Instant; end: Instant; reasons: Reason[] }[];
  openShifts: { shiftId: string; start: Instant; end: Instant; assignedCount: number }[];
  /** Qualified headcount per code, one count per day of `days`. */
  headcount: { code: string; counts: number[]; min: number }[];
  trainings: { trainingId: string; employeeId: string; code: string | null; start: Instant; end: Instant; shiftIds: string[] }[];
}

/** Who validly held a code at an instant, with the record. */
export interface Holder {
  employeeId: string; employeeName: string | null; credentialId: string; code: string;
  validFrom: string | null; validUntil: string | null; issuer: string | null; identifier: string | null;
  validIn: string[] | null; restrictions: string[];
}

export interface AuditFinding {
  kind: AuditKind; severity: Severity; employeeId: string | null; code: string | null;
  roleIds?: string[]; requires?: Requirement; ids: string[];
  /** JSON paths of the records concerned. */
  paths: string[];
  message: string;
}
export interface Audit { asOf: Instant; findings: AuditFinding[]; overrides: OverrideEntry[] }

// ---------------------------------------------------------------------------------------------
// Standing (SPEC §6), the HTML report, CSV import.

/** One code an employee holds or needs, and the record that decides where it stands. */
export interface CodeStanding {
  code: string;
  state: StandingState;
  /** The best record; `null` when `missing`. */
  credentialId: string | null;
  /** The record's own type: `code`, or a type that `satisfies` it. */
  recordCode: string | null;
  /** As written. */
  validFrom: Bound | null;
  /** As written (a date, a month or an instant); `null`: never expires, or missing. */
  validUntil: Bound | null;
  /** Calendar days from `asOf`'s local date to the last valid local date; negative once expired. */
  daysLeft: number | null;
  /** As written; shown, not judged (it needs a shift). */
  validIn: string[] | null;
  /** As written; shown, not judged. */
  restrictions: string[];
  /** The scheduled training that renews (or restores) the code. */
  renewalTrainingId: string | null;
  /** For a type with a `currency` (SPEC §8): the latest instant at which the events before `asOf` keep the record current; else `null`. */
  currentUntil: Instant | null;
  /** The employee's roles whose requirement needs the code. */
  requiredByRoleIds: string[];
  /** The employee's assigned shifts, not ended at `asOf`, that need the code. */
  requiredByShiftIds: string[];
}
/** `standing(employeeId, asOf)`: every code the employee holds or needs, in `credentialTypes` order. */
export interface Standing { employeeId: string; employeeName: string | null; asOf: Instant; codes: CodeStanding[] }

/** What `reportHtml` covers. */
export interface ReportOptions {
  /** The alert horizon in days; default: each type's largest `alertDays`. */
  days?: number | null;
  /** The end of the gap window (exclusive); default: 28 days after `asOf`. */
  to?: InstantInput | null;
  groupBy?: GroupBy | null;
  /** The page's title; default "Credential report". */
  title?: string | null;
}

/** How to read a CSV file (`importCsv`'s `mapping`); every field optional. */
export interface CsvMapping {
  /** Header → field (`{"Expiry Date": "validUntil"}`), `"-"` to drop a column; other headers are guessed. */
  columns?: Record<string, string> | null;
  /** How dates with slashes or dots read: `"mdy"` `01/31/2027`, `"dmy"` `31/01/2027`; default ISO only. */
  dateOrder?: DateOrder | null;
  /** The UTC offset (`"-06:00"`) of date-times written without one; default: such cells are errors. */
  offset?: string | null;
  /** One character, or `"tab"`; default: guessed from the header line. */
  delimiter?: string | null;
  /** Keep columns that match no field, as extra fields; default: dropped, with a warning. */
  keepUnmapped?: boolean | null;
}
/** A problem in a CSV file. */
export interface CsvProblem {
  /** `"2:3"`: line 2 (the first data row), column 3; the line alone for a whole row; `"options"`. */
  path: string;
  /** From 1 (the header line); 0 for the options. */
  line: number;
  column: number | null;
  header: string | null;
  message: string;
}
/** How one column was read: the field it fills, `null` when dropped. */
export interface CsvColumn { header: string; field: string | null }
/** `importCsv`: the records (one per data row), or every problem; returned, never thrown. */
export type CsvImportResult =
  | { records: Credential[] | Training[] | CurrencyEvent[]; columns: CsvColumn[]; warnings: CsvProblem[]; errors?: never }
  | { errors: CsvProblem[]; records?: never; columns?: never; warnings?: never };

/** One problem (an error or a warning) with its JSON path from the root of its document. */
export interface Problem {
  /** `credentials[12].validUntil`; `roster` or `credentials` for a whole document; an argument name. */
  path: string;
  message: string;
  document: "roster" | "credentials" | "argument";
}
/** What every credgate method throws: an `Error` listing the problems. */
export interface CredgateError extends Error { errors: Problem[] }
/** What `Engine.load` throws: every problem in both documents. */
export type LoadError = CredgateError;
"#;

/// The declarations of verdicts and their parts, written from the Rust definitions by
/// `src/wasm/generated.rs` (and checked by `cargo test`).
#[wasm_bindgen(typescript_custom_section)]
const RESULT_TYPES: &'static str = include_str!("results.d.ts");

#[wasm_bindgen(module = "/js/tape.js")]
extern "C" {
    /// Gives `js/tape.js` this instance's memory, and so a fresh atom table.
    #[wasm_bindgen(js_name = tapeMemory)]
    fn tape_memory(memory: JsValue);
    /// Reads the result just written to the tape. `flags`: 1 when strings may come again
    /// (a bulk result), 2 when the reader must first forget the ids it holds.
    #[wasm_bindgen(js_name = readTape, catch)]
    fn read_tape(words: u32, nwords: u32, floats: u32, text: u32, ntext: u32, flags: u32) -> Result<JsValue, JsValue>;
    /// Writes `s` from its UTF-16 unit `from` as UTF-8 at byte address `at` of `memory`, as
    /// much as fits in `room` bytes (at most [`TEXT_CHUNK`]): units read × [`TEXT_CHUNK`] +
    /// bytes written.
    #[wasm_bindgen(js_name = writeText)]
    fn write_text(memory: &JsValue, s: &JsValue, from: u32, at: u32, room: u32) -> f64;
    /// `new Error(message)` with `errors` set to the problems read from the tape: what
    /// [`thrown`] throws.
    #[wasm_bindgen(js_name = problemError)]
    fn problem_error(message: &str, errors: JsValue) -> JsValue;
}

/// The most `write_text` writes in one call, so that its two counts fit in one `f64`.
const TEXT_CHUNK: usize = 1 << 26;

thread_local! {
    /// The one tape of this instance: its atom table is the one `js/tape.js` keeps for it.
    static TAPE: std::cell::RefCell<Tape> = const { std::cell::RefCell::new(Tape::new()) };
}

/// A result without ids written onto the tape by `write` (one of `crate::written`'s writers or a
/// report's own, the same keys and values as the public type's `Serialize`) and handed to
/// `js/tape.js`; `bulk`: its repeated short strings (ids, codes) cross once each.
fn encode<T: ?Sized>(value: &T, bulk: bool, write: fn(&mut Tape, &T)) -> Result<JsValue, JsValue> {
    with_tape(None, bulk, &mut |tape: &mut Tape| {
        write(tape, value);
        Ok(())
    })
}

/// Writes a result with `write` on the tape begun for `owner`'s ids (see [`Tape::begin`];
/// `None`: a result without ids) and hands it to `js/tape.js`. When `write` fails, its error is
/// thrown, and the tape and its reader forget every atom and id ([`Tape::abandon`]). `write`
/// is any closure taking the tape, behind [`CallMut`] rather than a `dyn FnMut` (whose table
/// would keep a copy of each closure).
fn with_tape(owner: Option<u64>, bulk: bool, write: &mut dyn for<'t> CallMut<&'t mut Tape, Result<(), Error>>) -> Result<JsValue, JsValue> {
    let read = TAPE.with(|cell| {
        let tape = &mut *cell.try_borrow_mut().map_err(|_| Error::unwritable("the result tape is in use".to_string()))?;
        if tape.take_fresh_reader() {
            tape_memory(wasm_bindgen::memory());
        }
        tape.begin(bulk, owner);
        if let Err(e) = write.call_mut(tape) {
            // The reader never sees this result: both forget every atom and id sent so far
            // (the reader at the next result).
            tape.abandon();
            return Err(e);
        }
        let flags = u32::from(bulk) | u32::from(tape.take_reset()) << 1;
        // Addresses in a 32-bit memory.
        let at = |p: *const u8| p as usize as u32;
        Ok(read_tape(
            at(tape.words.as_ptr().cast()),
            tape.words.len() as u32,
            at(tape.floats.as_ptr().cast()),
            at(tape.text.as_ptr()),
            tape.text.len() as u32,
            flags,
        ))
    });
    match read {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(js_error)) => Err(js_error),
        Err(e) => Err(thrown(e)),
    }
}

/// Parses JSON text made by this module (the documents it exports): cannot fail on its own output.
fn parse_json(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text)
}

/// The one error conversion: an `Error` whose `errors` lists the problems. It takes the error
/// (every caller is done with it), so that the error's drop is here once, where each call site
/// had its own after converting a borrowed one.
#[inline(never)]
fn thrown(e: Error) -> JsValue {
    problem_error(&e.message(), encode_problems(e.problems()))
}

fn encode_problems(problems: &[Problem]) -> JsValue {
    encode(problems, false, written::problems).unwrap_or(JsValue::NULL)
}

fn argument(path: &str, message: String) -> Problem {
    Problem { path: crate::load::own(path), message, document: Document::Argument }
}

fn bad(path: &str, message: String) -> JsValue {
    thrown(Error::invalid_argument(argument(path, message)))
}

/// [`bad`] with a fixed message: one copy of its copying into the problem, where each of six
/// sites wrote the allocation and the copy in place.
#[inline(never)]
fn bad_str(path: &str, message: &str) -> JsValue {
    bad(path, crate::load::own(message))
}

/// A string argument (an id, a code): anything else is the argument error at `path`. The façade
/// takes strings as `JsValue` rather than `&str` because wasm-bindgen's glue reads a `&str`'s
/// length without checking that it has one, and a number passed there reaches the allocator
/// with no length and traps the instance (every engine of the page with it).
fn text_arg(v: &JsValue, path: &str) -> Result<String, JsValue> {
    v.as_string().ok_or_else(|| expected(path, "a string", v))
}

/// The argument error at `path` for `v` when `what` was expected: "expected a string, found
/// number" (`null` is named as such, the rest by `typeof`).
#[inline(never)]
fn expected(path: &str, what: &str, v: &JsValue) -> JsValue {
    mismatch(path, what, &type_name(v))
}

/// The argument error at `path` "expected {what}, found {found}": one copy of the message's
/// making for every argument and options field of the wrong type, where each site wrote its own
/// `format!`.
#[inline(never)]
fn mismatch(path: &str, what: &str, found: &str) -> JsValue {
    bad(path, concat(&["expected ", what, ", found ", found]))
}

/// The argument error at `path` when `JSON.stringify` of it threw `e` (a cycle, a `BigInt`, a
/// throwing `toJSON`).
#[inline(never)]
fn not_json(path: &str, e: &JsValue) -> JsValue {
    bad(path, concat(&["cannot be written as JSON: ", &describe(e)]))
}

/// `employeeId` and `shiftId`, read in that order: one call at the four exports that take both.
#[inline(never)]
fn pair_args(employee_id: &JsValue, shift_id: &JsValue) -> Result<(String, String), JsValue> {
    Ok((text_arg(employee_id, "employeeId")?, text_arg(shift_id, "shiftId")?))
}

/// `start` and `end` as instants, read in that order: one call at the three exports that move
/// a shift.
#[inline(never)]
fn interval_args(start: &JsValue, end: &JsValue) -> Result<(String, String), JsValue> {
    Ok((instant(start, "start")?, instant(end, "end")?))
}

/// A snapshot's bytes (a `Uint8Array` or an `ArrayBuffer`), copied into the WebAssembly's
/// memory: anything else is the argument error at `path`. Taken as a `JsValue` rather than a
/// `Vec<u8>` because wasm-bindgen's glue reads the argument's `length` unchecked (`null`: a
/// plain `TypeError`; an object with a huge `length`: an allocation that fails and traps the
/// instance); a copy that does not fit in memory is an error here too, not a trap.
fn bytes_arg(v: &JsValue, path: &str) -> Result<Vec<u8>, JsValue> {
    let array = if let Some(array) = v.dyn_ref::<js_sys::Uint8Array>() {
        array.clone()
    } else if let Some(buffer) = v.dyn_ref::<js_sys::ArrayBuffer>() {
        js_sys::Uint8Array::new(buffer)
    } else {
        return Err(expected(path, "a Uint8Array or an ArrayBuffer", v));
    };
    let len = array.length() as usize;
    let mut bytes = Vec::new();
    if bytes.try_reserve_exact(len).is_err() {
        return Err(bad_str(path, "more bytes than fit in the engine's memory"));
    }
    bytes.resize(len, 0);
    array.copy_to(&mut bytes);
    Ok(bytes)
}

/// A JS value as JSON text: a string is taken as the text itself, anything else is
/// `JSON.stringify`'d (so a `Date` becomes its ISO text and `undefined` reads as `null`).
fn json_text(v: &JsValue, path: &str) -> Result<String, JsValue> {
    let text = match v.dyn_ref::<js_sys::JsString>() {
        Some(text) => text.clone(),
        None => js_sys::JSON::stringify(v).map_err(|e| not_json(path, &e))?,
    };
    // `JSON.stringify(undefined)` (or of a function) is `undefined`, not a string.
    if !text.is_string() {
        return Ok(crate::load::own("null"));
    }
    utf8_of(&text).ok_or_else(|| bad_str(path, "is not text"))
}

/// A JavaScript string as UTF-8 (lone surrogates as U+FFFD, as `TextEncoder` and wasm-bindgen
/// write them), written by `TextEncoder.encodeInto` straight into this memory (`js/tape.js`):
/// much faster than wasm-bindgen's `as_string` on a document, which copies ASCII text one
/// character at a time in JavaScript. (`None` cannot happen: the encoder writes valid UTF-8.)
fn utf8_of(s: &js_sys::JsString) -> Option<String> {
    let units = s.length() as usize;
    let memory = wasm_bindgen::memory();
    // Room for ASCII text first; more, for the worst case of what is left, when it is not.
    let mut bytes = vec![0u8; units];
    let (mut read, mut written) = (0, 0);
    while read < units {
        let left = units - read;
        if bytes.len() - written < 4 {
            bytes.resize(written + (left * 3).max(4), 0);
        }
        // An address in a 32-bit memory.
        let at = bytes.as_ptr() as usize + written;
        // Below TEXT_CHUNK, so that the bytes written stay below it and the two counts unpack.
        let room = (bytes.len() - written).min(TEXT_CHUNK - 1);
        // Both counts in one f64: wider than this memory's usize.
        let counts = write_text(&memory, s, read as u32, at as u32, room as u32) as u64;
        let (did_read, did_write) = ((counts / TEXT_CHUNK as u64) as usize, (counts % TEXT_CHUNK as u64) as usize);
        if did_read == 0 {
            return None;
        }
        read += did_read;
        written += did_write;
    }
    bytes.truncate(written);
    bytes.shrink_to_fit();
    String::from_utf8(bytes).ok()
}

/// What was thrown, in words: an `Error`'s `message`, a thrown string itself, else "an
/// exception" (`js/args.js`'s `describeThrown`).
fn describe(e: &JsValue) -> String {
    String::from(describe_thrown(e))
}

/// A small argument object (placement, override, options) as a [`Value`]; `undefined` and
/// `null` read as `Value::Null`.
fn object_arg(v: &JsValue, path: &str) -> Result<Value, JsValue> {
    parsed(argument_json(v), path)
}

/// The [`Value`] of the JSON text `js/args.js` wrote for the argument at `path`, or the
/// argument error for what writing it threw (a cycle, a `BigInt`, a throwing `toJSON`): one
/// reading for [`object_arg`] and [`override_arg`].
fn parsed(json: Result<JsValue, JsValue>, path: &str) -> Result<Value, JsValue> {
    let text = match json {
        Ok(s) => s.as_string().unwrap_or_else(|| "null".to_string()),
        Err(e) => return Err(not_json(path, &e)),
    };
    match json::parse(&text) {
        Ok(parsed) => Ok(parsed.value),
        Err(e) => Err(bad(path, e.message)),
    }
}

/// An optional string field of an argument object, the text borrowed from the object (its
/// callers copy what they keep once every field is read).
fn str_field<'v>(v: &'v Value, key: &str, path: &str) -> Result<Option<&'v str>, JsValue> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(mismatch(&concat(&[path, ".", key]), "a string", other.type_name())),
    }
}

/// An options bag, an optional argument taken as a `JsValue` (declared with
/// `unchecked_optional_param_type`), as a [`Value`]: `undefined` and `null` read as `null`,
/// which has no fields, without crossing to JavaScript, as wasm-bindgen's `Option` reads them
/// as `None`; the value is borrowed, where an `Option` of an owned one was dropped at each of
/// its export's returns.
fn options_of(v: &JsValue) -> Result<Value, JsValue> {
    if absent(v) {
        return Ok(Value::Null);
    }
    object_arg(v, "options")
}

/// `undefined` or `null`: an optional argument not given.
fn absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

/// An optional whole number of days, at least 0.
fn days_field(v: &Value, key: &str) -> Result<Option<u32>, JsValue> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(n) => match n.as_f64() {
            Some(d) if d >= 0.0 && d.fract() == 0.0 && d <= f64::from(u32::MAX) => Ok(Some(d as u32)),
            _ => Err(mismatch(&concat(&["options.", key]), "a whole number of days, at least 0", &n.to_json())),
        },
    }
}

/// An instant argument: RFC 3339 text, or a `Date` (its local date and time, local offset).
fn instant(v: &JsValue, path: &str) -> Result<String, JsValue> {
    if let Some(text) = v.as_string() {
        return Ok(text);
    }
    let text = date_instant(v);
    match text.as_string() {
        Some(text) => Ok(text),
        None if text.is_undefined() => Err(bad_str(path, "expected an RFC 3339 string or a Date")),
        None => Err(bad_str(path, "is an invalid Date")),
    }
}

/// `importCsv`'s answer, written onto the tape item by item: `{records, columns, warnings}` when
/// the file reads, `{errors}` when it does not; each problem `{path, line, column, header,
/// message}`, the core's with its `row:column` path; a record as `crate::written::value` writes
/// any JSON value.
fn write_csv_answer(tape: &mut Tape, result: &Result<CsvImport, Vec<CsvProblem>>) {
    match result {
        Ok(import) => {
            tape.object(3);
            tape.name("records");
            tape.array(import.records.len());
            for record in &import.records {
                written::value(tape, record);
            }
            tape.name("columns");
            tape.array(import.columns.len());
            for column in &import.columns {
                tape.object(2);
                tape.name("header");
                tape.str(&column.header);
                tape.name("field");
                text_or_null(tape, column.field.as_deref());
            }
            write_csv_problems(tape, "warnings", &import.warnings);
        }
        Err(problems) => {
            tape.object(1);
            write_csv_problems(tape, "errors", problems);
        }
    }
}

/// `key: [{path, line, column, header, message}, ...]`: the warnings or the errors.
fn write_csv_problems(tape: &mut Tape, key: &'static str, list: &[CsvProblem]) {
    tape.name(key);
    tape.array(list.len());
    for p in list {
        tape.object(5);
        tape.name("path");
        tape.str(&p.path());
        tape.name("line");
        tape.integer(i64::try_from(p.line).unwrap_or(i64::MAX));
        tape.name("column");
        match p.column {
            Some(c) => tape.integer(c as i64),
            None => tape.null(),
        }
        tape.name("header");
        text_or_null(tape, p.header.as_deref());
        tape.name("message");
        tape.str(&p.message);
    }
}

/// A text, or `null`.
fn text_or_null(tape: &mut Tape, text: Option<&str>) {
    match text {
        Some(s) => tape.str(s),
        None => tape.null(),
    }
}

/// An edit's answer (`assign`, `unassign`, `moveShift`) encoded, or its error thrown: one copy
/// of the encoding and of the result's drop for the three.
#[inline(never)]
fn edit_answer(result: Result<crate::EditResult, Error>) -> Result<JsValue, JsValue> {
    encode(&result.map_err(thrown)?, false, written::edit_result)
}

/// `{by, reason, at?}`, or `None` for `undefined`/`null`. A missing `at` is now: the core has
/// no clock. A plain object whose fields are strings or absent crosses as the JSON of those
/// three fields alone, read field by field (`js/args.js`'s `overrideJson`), without writing the
/// text of the rest of it; anything else (an array, a field of another type, a getter that
/// throws) as `argumentJson`'s text, with its errors.
fn override_arg(v: &JsValue) -> Result<Option<Override>, JsValue> {
    if absent(v) {
        return Ok(None);
    }
    let o = parsed(override_json(v), "override")?;
    // `at` read first: its error comes before the others'.
    let [at, by, reason] = override_fields(&o, "override", ["at", "by", "reason"])?;
    let at = Some(at.map_or_else(now_instant, String::from));
    Ok(Some(make_override(by, reason, at)))
}

/// The fields `keys` (`by`, `reason` and `at` in some order) of the override object `o` at
/// `path`, each a string or absent, borrowed (copied once all three are read: a `?` then drops
/// the object alone); an `o` that is not an object is the argument error at `path`. One
/// reading for an edit's override and `apply`'s `options.override`.
fn override_fields<'v>(o: &'v Value, path: &str, keys: [&str; 3]) -> Result<[Option<&'v str>; 3], JsValue> {
    if !matches!(o, Value::Object(_)) {
        return Err(mismatch(path, "an object {by, reason, at?}", o.type_name()));
    }
    let mut fields = [None; 3];
    for (field, key) in fields.iter_mut().zip(keys) {
        *field = str_field(o, key, path)?;
    }
    Ok(fields)
}

/// An [`Override`] of the fields read: a missing `by` or `reason` is empty.
fn make_override(by: Option<&str>, reason: Option<&str>, at: Option<String>) -> Override {
    Override { by: crate::load::own(by.unwrap_or_default()), reason: crate::load::own(reason.unwrap_or_default()), at }
}

/// Installs, once per instance, a panic hook that records the message before the abort traps
/// the instance, where the JavaScript wrapper reads it (`globalThis[Symbol.for("credgate.panic")]`):
/// after a trap, calling into the instance to ask would not be safe.
///
/// The package's own build panics with `-Cpanic=immediate-abort` (scripts/build-pkg.sh): a
/// panic there traps at once, no hook runs, and this is nothing (the message and its
/// formatting would only be dead weight in the `.wasm`).
#[cfg(panic = "immediate-abort")]
fn install_panic_hook() {}

/// See the other `install_panic_hook`: this one is for builds whose panics run the hook (the
/// `wasm-bindgen-test` suites, a `cargo build` of the library without the package's flags).
#[cfg(not(panic = "immediate-abort"))]
fn install_panic_hook() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let key = js_sys::Symbol::for_("credgate.panic");
            let message = JsValue::from_str(&info.to_string());
            let _ = GLOBAL_THIS.with(|global| js_sys::Reflect::set(global, &key, &message));
        }));
    });
}

#[wasm_bindgen]
extern "C" {
    /// `globalThis`, where `js/guard.js` reads the panic message: the same object in every
    /// realm (`js_sys::global()` prefers `self` or `window`, and costs 1 KB of .wasm to find it).
    #[wasm_bindgen(thread_local_v2, js_name = globalThis)]
    static GLOBAL_THIS: JsValue;
}

#[wasm_bindgen(module = "/js/args.js")]
extern "C" {
    /// A valid `Date` as RFC 3339 text in the page's local time and offset (`localInstant`),
    /// `false` for an invalid one, `undefined` for anything else: an instant argument that is
    /// not a string.
    #[wasm_bindgen(js_name = dateInstant)]
    fn date_instant(value: &JsValue) -> JsValue;
    /// An `Error`'s `message` (whatever it is), a thrown string, else "an exception".
    #[wasm_bindgen(js_name = describeThrown)]
    fn describe_thrown(e: &JsValue) -> js_sys::JsString;
    /// `null` for `null`, else `typeof value`: how an argument error names what it found.
    #[wasm_bindgen(js_name = typeName)]
    fn type_name(value: &JsValue) -> String;
    /// `JSON.stringify` of an argument object, its valid `Date`s as `localInstant`.
    #[wasm_bindgen(js_name = argumentJson, catch)]
    fn argument_json(value: &JsValue) -> Result<JsValue, JsValue>;
    /// An override's JSON text: `{by, reason, at}` alone for a plain object whose three fields
    /// are strings or absent, else [`argument_json`]'s.
    #[wasm_bindgen(js_name = overrideJson, catch)]
    fn override_json(value: &JsValue) -> Result<JsValue, JsValue>;
    /// Now, as `new Date().toISOString()` writes it: an override's `at` when it has none.
    #[wasm_bindgen(js_name = nowInstant)]
    fn now_instant() -> String;
}

/// A loaded pair of documents, ready to answer (SPEC §4). Build one with `Engine.load`.
#[wasm_bindgen]
pub struct Engine {
    inner: Core,
    /// Scratch for `candidateStatuses`: grown once, reused on every drag.
    statuses: Vec<Status>,
    bytes: Vec<u8>,
    /// This engine's number among the instance's engines: whose ids the tape's reader holds.
    serial: u64,
    /// The last answer of `validate` sent (js/guard.js holds it): its number and its verdicts.
    sent: (u32, Sent),
}

/// `Engine.fromSnapshot` in steps (`Engine.fromSnapshotInSteps(bytes)`): `step(budget)` until
/// it answers `true`, then `finish()` for the engine.
#[wasm_bindgen]
pub struct SnapshotReader {
    /// `None` once finished.
    inner: Option<crate::SnapshotLoader>,
}

#[wasm_bindgen]
impl SnapshotReader {
    /// Does about `budget` records' (or shifts', or ids') worth of the work; `true` when all is
    /// done. Throws `fromSnapshot`'s error for a damaged snapshot (and again at every later call).
    pub fn step(&mut self, budget: u32) -> Result<bool, JsValue> {
        match &mut self.inner {
            Some(l) => l.step(budget as usize).map_err(thrown),
            None => Ok(true),
        }
    }

    /// The engine (the steps not taken yet are taken now). Once only.
    #[wasm_bindgen(unchecked_return_type = "Engine")]
    pub fn finish(&mut self) -> Result<Engine, JsValue> {
        match self.inner.take() {
            Some(l) => l.finish().map(Engine::wrap).map_err(thrown),
            None => Err(JsValue::from(js_sys::Error::new("this reader has already finished"))),
        }
    }
}

thread_local! {
    /// The number of the next engine made in this instance.
    static NEXT_ENGINE: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

impl Engine {
    fn wrap(inner: Core) -> Engine {
        let serial = NEXT_ENGINE.with(|n| n.replace(n.get() + 1));
        Engine { inner, statuses: Vec::new(), bytes: Vec::new(), serial, sent: (0, Sent::default()) }
    }

    /// `checkMoved` of `employee_id`, or `checkMove` for `None`: one copy of the arguments'
    /// reading (in that order: the employee, the shift, the instants) and of the writing for
    /// the two, each verdict drafted and written as `check`'s is.
    fn moved(&self, employee_id: Option<&JsValue>, shift_id: &JsValue, start: &JsValue, end: &JsValue) -> Result<JsValue, JsValue> {
        let employee_id = match employee_id {
            Some(v) => Some(text_arg(v, "employeeId")?),
            None => None,
        };
        let shift_id = &text_arg(shift_id, "shiftId")?;
        let (start, end) = interval_args(start, end)?;
        // The list of `checkMove` is written as a bulk result, as `candidates`' is.
        let bulk = employee_id.is_none();
        with_tape(Some(self.serial), bulk, &mut |tape: &mut Tape| self.inner.write_move(employee_id.as_deref(), shift_id, &start, &end, tape))
    }
}

#[wasm_bindgen]
impl Engine {
    /// Loads a roster and a credentials document: JSON text or plain objects. Throws a
    /// `LoadError` listing every problem in both documents, each with its path.
    #[wasm_bindgen(unchecked_return_type = "Engine")]
    pub fn load(
        #[wasm_bindgen(unchecked_param_type = "Roster | string")] roster: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Credentials | string")] credentials: &JsValue,
    ) -> Result<Engine, JsValue> {
        install_panic_hook();
        let roster = json_text(roster, "roster")?;
        let credentials = json_text(credentials, "credentials")?;
        match Core::load_owned(roster, credentials) {
            Ok(loaded) => Ok(Engine::wrap(loaded.engine)),
            Err(e) => Err(thrown(e)),
        }
    }

    /// Loads what `export()` (or `exportJson()`) returned: an engine with the same verdicts.
    /// After an instance has trapped, this is how to get a working engine back.
    pub fn restore(#[wasm_bindgen(unchecked_param_type = "Exported | ExportedJson")] exported: &JsValue) -> Result<Engine, JsValue> {
        let roster = js_sys::Reflect::get(exported, &JsValue::from_str("roster")).unwrap_or(JsValue::UNDEFINED);
        let credentials = js_sys::Reflect::get(exported, &JsValue::from_str("credentials")).unwrap_or(JsValue::UNDEFINED);
        Engine::load(&roster, &credentials)
    }

    /// Rebuilds the engine `snapshot()` wrote (SPEC §6): the same documents and answers, undo
    /// history aside, several times faster than `load` of the JSON text. Throws an `Error` whose
    /// `errors` is `[{path: "snapshot", ...}]` for bytes of another version, cut short, changed,
    /// or not a snapshot at all.
    #[wasm_bindgen(js_name = fromSnapshot, unchecked_return_type = "Engine")]
    pub fn from_snapshot(#[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: &JsValue) -> Result<Engine, JsValue> {
        // The reader's steps all at once: one copy of the argument's reading and of the
        // engine's wrapping for both exports.
        Engine::from_snapshot_in_steps(bytes)?.finish()
    }

    /// `fromSnapshot` in steps, so that a page never stops for the whole of it: call
    /// `reader.step(budget)` (about `budget` records' worth of work; `true` when done) from one
    /// frame to the next, then `reader.finish()` for the engine. The engine and the errors are
    /// `fromSnapshot`'s: a damaged snapshot throws at some step or at `finish`.
    #[wasm_bindgen(js_name = fromSnapshotInSteps)]
    pub fn from_snapshot_in_steps(#[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: &JsValue) -> Result<SnapshotReader, JsValue> {
        install_panic_hook();
        let bytes = bytes_arg(bytes, "bytes")?;
        Ok(SnapshotReader { inner: Some(crate::SnapshotLoader::new(bytes)) })
    }

    /// The engine as bytes, for `Engine.fromSnapshot`: to hand a loaded engine from a Web Worker
    /// to the page, or to reopen a roster fast.
    pub fn snapshot(&self) -> js_sys::Uint8Array {
        let bytes = self.inner.snapshot();
        js_sys::Uint8Array::from(&bytes[..])
    }

    /// The load's warnings: records kept but not counted, near-miss field names.
    #[wasm_bindgen(getter, unchecked_return_type = "Problem[]")]
    pub fn warnings(&self) -> JsValue {
        encode_problems(self.inner.warnings())
    }

    /// The verdict: may `employeeId` work `shiftId`? Throws for an unknown id.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn check(&self, #[wasm_bindgen(js_name = employeeId, unchecked_param_type = "string")] employee_id: &JsValue, #[wasm_bindgen(js_name = shiftId, unchecked_param_type = "string")] shift_id: &JsValue) -> Result<JsValue, JsValue> {
        let (employee_id, shift_id) = &pair_args(employee_id, shift_id)?;
        with_tape(Some(self.serial), false, &mut |tape: &mut Tape| self.inner.write_check(employee_id, shift_id, tape))
    }

    /// The verdict for a shift that does not exist yet, or one being dragged
    /// (`{ignoreShiftId}` names it, so it does not overlap itself).
    #[wasm_bindgen(js_name = checkPlacement, unchecked_return_type = "Verdict")]
    pub fn check_placement(
        &self,
        #[wasm_bindgen(js_name = employeeId, unchecked_param_type = "string")] employee_id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Placement")] placement: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PlacementOptions | null")] options: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let employee_id = &text_arg(employee_id, "employeeId")?;
        let placement = Placement::from_value(&object_arg(placement, "placement")?).map_err(thrown)?;
        let options = options_of(options)?;
        let ignore = str_field(&options, "ignoreShiftId", "options")?;
        with_tape(Some(self.serial), false, &mut |tape: &mut Tape| self.inner.write_placement(employee_id, &placement, ignore, tape))
    }

    /// The verdicts of everyone assigned to a shift if it moved to `[start, end)`, nothing
    /// changed: the preview of a drag (what `moveShift` would judge).
    #[wasm_bindgen(js_name = checkMove, unchecked_return_type = "Verdict[]")]
    pub fn check_move(
        &self,
        #[wasm_bindgen(js_name = shiftId, unchecked_param_type = "string")] shift_id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "InstantInput")] start: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "InstantInput")] end: &JsValue,
    ) -> Result<JsValue, JsValue> {
        self.moved(None, shift_id, start, end)
    }

    /// The verdict of `employeeId` on a shift moved to `[start, end)`, assigned or not.
    #[wasm_bindgen(js_name = checkMoved, unchecked_return_type = "Verdict")]
    pub fn check_moved(
        &self,
        #[wasm_bindgen(js_name = employeeId, unchecked_param_type = "string")] employee_id: &JsValue,
        #[wasm_bindgen(js_name = shiftId, unchecked_param_type = "string")] shift_id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "InstantInput")] start: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "InstantInput")] end: &JsValue,
    ) -> Result<JsValue, JsValue> {
        self.moved(Some(employee_id), shift_id, start, end)
    }

    /// The employees assigned to a shift, in order.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn assigned(&self, #[wasm_bindgen(js_name = shiftId, unchecked_param_type = "string")] shift_id: &JsValue) -> Result<Vec<JsValue>, JsValue> {
        let shift_id = &text_arg(shift_id, "shiftId")?;
        Ok(self.inner.assigned(shift_id).map_err(thrown)?.into_iter().map(JsValue::from_str).collect())
    }

    /// Every employee with status and reasons for a shift, best first.
    #[wasm_bindgen(unchecked_return_type = "Candidate[]")]
    pub fn candidates(&self, #[wasm_bindgen(js_name = shiftId, unchecked_param_type = "string")] shift_id: &JsValue) -> Result<JsValue, JsValue> {
        let shift_id = &text_arg(shift_id, "shiftId")?;
        with_tape(Some(self.serial), true, &mut |tape: &mut Tape| self.inner.write_candidates(shift_id, tape))
    }

    /// Every non-ok assignment and every shift-level finding, written for js/guard.js, which
    /// holds the answer numbered `held` (0: none): the verdicts it does not hold and how to put
    /// them among those it does (`crate::verdict::write`'s `write_validation_since`). Its type
    /// is declared above (`validate(): Validation`, what guard.js returns).
    #[wasm_bindgen(skip_typescript)]
    pub fn validate(&mut self, held: Option<u32>) -> Result<JsValue, JsValue> {
        let seq = self.sent.0.wrapping_add(1).max(1);
        let since = held.filter(|&h| h != 0 && h == self.sent.0).map(|h| (&self.sent.1, h));
        let mut now = None;
        let inner = &self.inner;
        let answer = with_tape(Some(self.serial), true, &mut |tape: &mut Tape| {
            now = Some(inner.write_validation_since(since, seq, tape)?);
            Ok(())
        })?;
        if let Some(now) = now {
            self.sent = (seq, now);
        }
        Ok(answer)
    }

    /// Assigns an employee to a shift. Refused (nothing changes) when it would block, unless an
    /// override `{by, reason, at?}` is given: then it is made and logged.
    #[wasm_bindgen(unchecked_return_type = "EditResult")]
    pub fn assign(
        &mut self,
        #[wasm_bindgen(js_name = employeeId, unchecked_param_type = "string")] employee_id: &JsValue,
        #[wasm_bindgen(js_name = shiftId, unchecked_param_type = "string")] shift_id: &JsValue,
        #[wasm_bindgen(js_name = override, unchecked_optional_param_type = "Override | null")] ov: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let (employee_id, shift_id) = &pair_args(employee_id, shift_id)?;
        let ov = override_arg(ov)?;
        edit_answer(self.inner.assign(employee_id, shift_id, ov.as_ref()))
    }

    /// Removes an employee from a shift; the findings show what that breaks or mends.
    #[wasm_bindgen(unchecked_return_type = "EditResult")]
    pub fn unassign(&mut self, #[wasm_bindgen(js_name = employeeId, unchecked_param_type = "string")] employee_id: &JsValue, #[wasm_bindgen(js_name = shiftId, unchecked_param_type = "string")] shift_id: &JsValue) -> Result<JsValue, JsValue> {
        let (employee_id, shift_id) = &pair_args(employee_id, shift_id)?;
        edit_answer(self.inner.unassign(employee_id, shift_id))
    }

    /// Moves a shift to a new time, with its people. Refused when any of them would block,
    /// unless an override is given.
    #[wasm_bindgen(js_name = moveShift, unchecked_return_type = "EditResult")]
    pub fn move_shift(
        &mut self,
        #[wasm_bindgen(js_name = shiftId, unchecked_param_type = "string")] shift_id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "InstantInput")] start: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "InstantInput")] end: &JsValue,
        #[wasm_bindgen(js_name = override, unchecked_optional_param_type = "Override | null")] ov: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let shift_id = &text_arg(shift_id, "shiftId")?;
        let (start, end) = interval_args(start, end)?;
        let ov = override_arg(ov)?;
        edit_answer(self.inner.move_shift(shift_id, &start, &end, ov.as_ref()))
    }

    /// The override log: every edit made over a block, oldest first, including loaded ones.
    #[wasm_bindgen(unchecked_return_type = "OverrideEntry[]")]
    pub fn overrides(&self) -> Result<JsValue, JsValue> {
        parse_json(&Value::Array(self.inner.overrides()).to_json())
    }

    /// Both documents with every edit applied, as plain objects.
    #[wasm_bindgen(unchecked_return_type = "Exported")]
    pub fn export(&self) -> Result<JsValue, JsValue> {
        let e = self.inner.export();
        // The text of `{roster, credentials}` put together, where an object `Value` of the two
        // was made to be written.
        parse_json(&concat(&["{\"roster\":", &e.roster.to_json(), ",\"credentials\":", &e.credentials.to_json(), "}"]))
    }

    /// Both documents with every edit applied, as JSON text: numbers keep their exact text.
    #[wasm_bindgen(js_name = exportJson, unchecked_return_type = "ExportedJson")]
    pub fn export_json(&self) -> Result<JsValue, JsValue> {
        // Written onto the tape as an object of two strings, where an object was made and each
        // key and text set on it by a call of its own.
        encode(&self.inner.export(), false, |tape, e| {
            tape.object(2);
            for (key, doc) in [("roster", &e.roster), ("credentials", &e.credentials)] {
                tape.name(key);
                tape.str(&doc.to_json());
            }
        })
    }

    // -----------------------------------------------------------------------------------------
    // The per-drag path: dense indexes and numbers, no allocation.

    /// The dense index of an employee id, `undefined` when unknown (or not a string). Stable
    /// for this engine.
    #[wasm_bindgen(js_name = employeeIndex)]
    pub fn employee_index(&self, #[wasm_bindgen(unchecked_param_type = "string")] id: &JsValue) -> Option<u32> {
        self.inner.employee_index(&id.as_string()?)
    }

    /// The dense index of a shift id, `undefined` when unknown (or not a string).
    #[wasm_bindgen(js_name = shiftIndex)]
    pub fn shift_index(&self, #[wasm_bindgen(unchecked_param_type = "string")] id: &JsValue) -> Option<u32> {
        self.inner.shift_index(&id.as_string()?)
    }

    /// The status alone, by dense indexes: 0 ok, 1 warn, 2 block, 3 an index out of range.
    #[wasm_bindgen(js_name = statusAt, unchecked_return_type = "StatusCode")]
    pub fn status_at(&self, #[wasm_bindgen(js_name = employeeIndex)] employee: u32, #[wasm_bindgen(js_name = shiftIndex)] shift: u32) -> u8 {
        self.inner.status(employee, shift).map_or(3, |s| s as u8)
    }

    /// Every employee's status for a shift, by employee index (0 ok, 1 warn, 2 block).
    #[wasm_bindgen(js_name = candidateStatuses)]
    pub fn candidate_statuses(&mut self, #[wasm_bindgen(js_name = shiftId, unchecked_param_type = "string")] shift_id: JsValue) -> Result<js_sys::Uint8Array, JsValue> {
        // Its argument taken owned, where every other export borrows its `JsValue`s: the
        // per-drag path kept exactly as it was measured (docs/decisions.md, the status path).
        let shift_id = &text_arg(&shift_id, "shiftId")?;
        let shift = self.inner.shift_index(shift_id).ok_or_else(|| thrown(Error::unknown_shift(shift_id)))?;
        self.inner.statuses_into(shift, &mut self.statuses);
        self.bytes.clear();
        self.bytes.extend(self.statuses.iter().map(|&s| s as u8));
        Ok(js_sys::Uint8Array::from(&self.bytes[..]))
    }

    /// Employee ids in index order.
    #[wasm_bindgen(js_name = employeeIds, unchecked_return_type = "string[]")]
    pub fn employee_ids(&self) -> Vec<JsValue> {
        // Each id made a JavaScript string at once (the three id lists alike), where a
        // `Vec<String>` was made and each copy converted again.
        self.inner.employee_ids().map(JsValue::from_str).collect()
    }

    /// Shift ids in index order.
    #[wasm_bindgen(js_name = shiftIds, unchecked_return_type = "string[]")]
    pub fn shift_ids(&self) -> Vec<JsValue> {
        self.inner.shift_ids().map(JsValue::from_str).collect()
    }
}

/// The live roster (SPEC §6): batches of operations, undo and redo, the change log. Each
/// method converts its arguments and calls one core method (`crate::live`).
#[wasm_bindgen]
impl Engine {
    /// Applies a batch of operations all or nothing, in order, each seeing the ones before it.
    /// The answer is returned, never thrown, for an invalid batch (`errors`, each path from
    /// `ops[i]`) and a refused one (`refused: true`: it places people and newly blocks someone,
    /// and no `override` was given); only an `ops` that is not an array throws.
    #[wasm_bindgen(unchecked_return_type = "ApplyResult")]
    pub fn apply(&mut self, #[wasm_bindgen(unchecked_param_type = "Op[]")] ops: &JsValue, #[wasm_bindgen(unchecked_optional_param_type = "ApplyOptions | null")] options: &JsValue) -> Result<JsValue, JsValue> {
        self.batch(ops, options, false)
    }

    /// The answer `apply` would give (`applied` and `refused` included), changing nothing.
    #[wasm_bindgen(unchecked_return_type = "ApplyResult")]
    pub fn preview(&mut self, #[wasm_bindgen(unchecked_param_type = "Op[]")] ops: &JsValue, #[wasm_bindgen(unchecked_optional_param_type = "ApplyOptions | null")] options: &JsValue) -> Result<JsValue, JsValue> {
        self.batch(ops, options, true)
    }

    /// Takes back the last applied batch (single edits included): the documents are exactly as
    /// before it, its change log entry removed. `applied: false` when there is nothing to undo.
    #[wasm_bindgen(unchecked_return_type = "ApplyResult")]
    pub fn undo(&mut self) -> Result<JsValue, JsValue> {
        let result = self.inner.undo();
        self.batch_answer(result, Some(true))
    }

    /// Applies again the last batch undone. `applied: false` when there is none (a new batch
    /// forgets what could be redone).
    #[wasm_bindgen(unchecked_return_type = "ApplyResult")]
    pub fn redo(&mut self) -> Result<JsValue, JsValue> {
        let result = self.inner.redo();
        self.batch_answer(result, Some(false))
    }

    /// Whether `undo()` would take a batch back.
    #[wasm_bindgen(js_name = canUndo)]
    pub fn can_undo(&self) -> bool {
        self.inner.can_undo()
    }

    /// Whether `redo()` would apply a batch again.
    #[wasm_bindgen(js_name = canRedo)]
    pub fn can_redo(&self) -> bool {
        self.inner.can_redo()
    }

    /// The change log, oldest first: one entry per applied batch (single edits included), and
    /// the entries loaded from the roster's `changeLog`.
    #[wasm_bindgen(js_name = changeLog, unchecked_return_type = "ChangeLogEntry[]")]
    pub fn change_log(&self) -> Result<JsValue, JsValue> {
        parse_json(&Value::Array(self.inner.change_log().to_vec()).to_json())
    }
}

impl Engine {
    /// `apply`, or `preview` when `preview`: one copy of the arguments' reading and the answer's
    /// writing for the two.
    fn batch(&mut self, ops: &JsValue, options: &JsValue, preview: bool) -> Result<JsValue, JsValue> {
        let (ops, ov) = batch_args(ops, options)?;
        // The ops read and the batch run by one call each for the two (`apply_value` and
        // `preview_value` were each written out here).
        let (ops, problems) = crate::Op::parse_each(&ops);
        let result = self.inner.run_batch(&ops, problems, ov.as_ref(), preview);
        // A preview changes nothing; an apply may have.
        self.batch_answer(result, (!preview).then_some(false))
    }

    /// A batch's answer (`apply`, `preview`, `undo`, `redo`), encoded, after
    /// [`Engine::changed`] when the documents may have changed (`undone`: by an undo; `None`:
    /// a preview). Out of line: one copy of the encoding and of the result's drop for the four.
    #[inline(never)]
    fn batch_answer(&mut self, result: crate::ApplyResult, undone: Option<bool>) -> Result<JsValue, JsValue> {
        if let Some(undone) = undone {
            self.changed(result.applied, undone);
        }
        encode(&result, false, written::apply_result)
    }

    /// After the documents changed (a batch applied, undone when `undone`, or redone): when an
    /// employee got another name, the names the tape's reader holds for this engine are not all
    /// right any more, so its later results are written as another engine's, and the reader
    /// forgets them. Nothing else changes what an index names: items are never taken out of
    /// their collections (decision 68, and its amendment).
    fn changed(&mut self, applied: bool, undone: bool) {
        if applied && self.inner.renamed_by_last(undone) {
            self.serial = NEXT_ENGINE.with(|n| n.replace(n.get() + 1));
        }
    }
}

/// `apply`'s and `preview`'s arguments: the batch as JSON (its `Date`s as local instants), and
/// the override of `{override?: {by, reason, at?}}`. Only what is not an array of something, or
/// not an options object, throws: the ops' own problems are the core's to report.
fn batch_args(ops: &JsValue, options: &JsValue) -> Result<(Value, Option<Override>), JsValue> {
    if !js_sys::Array::is_array(ops) {
        return Err(bad_str("ops", "expected an array of operations"));
    }
    let ops = object_arg(ops, "ops")?;
    let options = options_of(options)?;
    let ov = match &options {
        Value::Null => None,
        Value::Object(_) => match options.get("override") {
            None | Some(Value::Null) => None,
            Some(o) => {
                let [by, reason, at] = override_fields(o, "options.override", ["by", "reason", "at"])?;
                Some(make_override(by, reason, at.map(crate::load::own)))
            }
        },
        other => return Err(mismatch("options", "an object {override?}", other.type_name())),
    };
    Ok((ops, ov))
}

/// The tracking reports (SPEC §4).
#[wasm_bindgen]
impl Engine {
    /// Renewal alerts at `asOf`: per employee and code, the record that stays valid longest,
    /// when it expires within `days` (default: the type's largest `alertDays`) or has expired
    /// while still needed.
    #[wasm_bindgen(unchecked_return_type = "Alert[]")]
    pub fn alerts(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "InstantInput")] as_of: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "AlertOptions | null")] options: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let as_of = instant(as_of, "asOf")?;
        let days = days_field(&options_of(options)?, "days")?;
        let alerts = self.inner.alerts(&as_of, days).map_err(thrown)?;
        encode(&alerts[..], true, written::alerts)
    }

    /// Renewal planning (SPEC §7): bookings in open sessions for the needs of
    /// `alerts(asOf, {days: horizonDays})`, as many as seats allow; every need not met, with why.
    #[wasm_bindgen(js_name = planRenewals, unchecked_return_type = "RenewalPlan")]
    pub fn plan_renewals(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "InstantInput")] as_of: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PlanOptions | null")] options: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let as_of = instant(as_of, "asOf")?;
        let o = options_of(options)?;
        let horizon = days_field(&o, "horizonDays")?;
        let use_grace = match o.get("useGrace") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => return Err(mismatch("options.useGrace", "true or false", other.type_name())),
        };
        let plan = self.inner.planned(&as_of, horizon, use_grace).map_err(thrown)?;
        encode(&plan, true, |tape, plan| plan.write(tape))
    }

    /// Gap report over `[from, to)`, per location or team.
    #[wasm_bindgen(unchecked_return_type = "Gaps")]
    pub fn gaps(
        &self,
        #[wasm_bindgen(unchecked_param_type = "InstantInput")] from: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "InstantInput")] to: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "GapsOptions")] options: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let from = instant(from, "from")?;
        let to = instant(to, "to")?;
        // The options borrowed as every other export's (an owned `GapsOptionsArg` was dropped
        // at each return), and `groupBy` borrowed from them, where a copy was made to be parsed.
        let options = object_arg(options, "options")?;
        let group_by = str_field(&options, "groupBy", "options")?.unwrap_or_default().parse().map_err(thrown)?;
        let gaps = self.inner.gaps(&from, &to, group_by).map_err(thrown)?;
        // Written field by field (`Gaps::write`), not through serde's derived code.
        encode(&gaps, true, |tape, gaps| gaps.write(tape))
    }

    /// Who validly held `code` at instant `at`, with the record.
    #[wasm_bindgen(unchecked_return_type = "Holder[]")]
    pub fn holders(&self, #[wasm_bindgen(unchecked_param_type = "string")] code: &JsValue, #[wasm_bindgen(unchecked_param_type = "InstantInput")] at: &JsValue) -> Result<JsValue, JsValue> {
        let code = &text_arg(code, "code")?;
        let at = instant(at, "at")?;
        let found = self.inner.holding(code, &at).map_err(thrown)?;
        // Written from the model (`write_holders`), not through serde's derived code.
        with_tape(None, true, &mut |tape: &mut Tape| {
            crate::holders::write_holders(&self.inner, &found, tape);
            Ok(())
        })
    }

    /// Findings for the periodic review at `asOf`, and the override log.
    #[wasm_bindgen(unchecked_return_type = "Audit")]
    pub fn audit(&self, #[wasm_bindgen(js_name = asOf, unchecked_param_type = "InstantInput")] as_of: &JsValue) -> Result<JsValue, JsValue> {
        let as_of = instant(as_of, "asOf")?;
        encode(&self.inner.audit(&as_of).map_err(thrown)?, true, written::audit)
    }

    /// Every code `employeeId` holds or needs, and where each stands at `asOf`: the best
    /// record's state, the record, `validUntil`, `daysLeft`, `validIn`, `restrictions`, the
    /// renewal training booked, and `currentUntil` (SPEC §8).
    #[wasm_bindgen(unchecked_return_type = "Standing")]
    pub fn standing(
        &self,
        #[wasm_bindgen(js_name = employeeId, unchecked_param_type = "string")] employee_id: &JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "InstantInput")] as_of: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let employee_id = &text_arg(employee_id, "employeeId")?;
        let as_of = instant(as_of, "asOf")?;
        let stood = self.inner.stood(employee_id, &as_of).map_err(thrown)?;
        // Written from the model (`Stood::write`), not through serde's derived code.
        encode(&stood, false, |tape, stood| stood.write(tape))
    }

    /// The manager's report as one self-contained HTML page (what `credgate report --html`
    /// writes): alerts, gaps over `[asOf, to)`, the audit and the override log.
    #[wasm_bindgen(js_name = reportHtml)]
    pub fn report_html(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "InstantInput")] as_of: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ReportOptions | null")] options: &JsValue,
    ) -> Result<String, JsValue> {
        let as_of = instant(as_of, "asOf")?;
        let o = options_of(options)?;
        // Read in this order (each field's error before the next's), the texts borrowed.
        let (days, to) = (days_field(&o, "days")?, str_field(&o, "to", "options")?);
        let group_by = match str_field(&o, "groupBy", "options")? {
            Some(g) => g.parse().map_err(thrown)?,
            // The default itself, where a `ReportOptions::default()` was built and dropped for it.
            None => crate::report::DEFAULT_GROUP_BY,
        };
        let options = PageOptions { days, to, group_by, title: str_field(&o, "title", "options")? };
        self.inner.report_page(&as_of, options).map_err(thrown)
    }

    /// Reads an HR or learning-system CSV export (`kind` `"credentials"`, `"trainings"` or
    /// `"events"`) into
    /// records: `{records, columns, warnings}`, or `{errors}` with each problem's `row:column`
    /// path. Problems of the file are returned, not thrown; a `kind` or `mapping` that is not
    /// one throws, as every bad argument does.
    #[wasm_bindgen(js_name = importCsv, unchecked_return_type = "CsvImportResult")]
    pub fn import_csv(
        #[wasm_bindgen(unchecked_param_type = "CsvKind")] kind: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CsvMapping | null")] mapping: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let kind = &text_arg(kind, "kind")?;
        install_panic_hook();
        let kind: CsvKind = kind.parse().map_err(|e: String| bad("kind", e))?;
        let text = text.dyn_ref::<js_sys::JsString>().and_then(utf8_of).ok_or_else(|| bad_str("text", "expected the CSV file's text"))?;
        let options = CsvOptions::from_value(kind, &options_of(mapping)?).map_err(thrown)?;
        let result = CsvImport::read(&text, &options);
        encode(&result, true, write_csv_answer)
    }
}
