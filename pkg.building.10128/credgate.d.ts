/* tslint:disable */
/* eslint-disable */

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
export interface Rules { minRestHours?: number | null; overlap?: "block" | "allow"; [field: string]: unknown }
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
    kind: "crewShortfall"; severity: "block"; shiftId: string;
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
    /** The record's `validUntil` as written (a date, a month or an instant). */
    validUntil: string | null;
    /** The instant the record stops being valid (exclusive), in `asOf`'s offset. */
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
| { records: Credential[] | Training[]; columns: CsvColumn[]; warnings: CsvProblem[]; errors?: never }
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


// Generated by src/wasm/generated.rs from the names! tables and src/verdict/write.rs: do not
// edit. `make generate` writes it again. Included in the package's declarations by
// src/wasm/facade.rs.

/** A verdict's answer: the highest severity among its reasons. */
export type Status = "ok" | "warn" | "block";
/** How much a reason matters: `info` leaves the status `ok`. */
export type Severity = "info" | "warn" | "block";

/** Every reason kind (`crewShortfall` is a finding's, never a verdict's). */
export type ReasonKind =
| "expiringSoon"
| "inGrace"
| "waived"
| "notCurrent"
| "unsupervised"
| "wrongJurisdiction"
| "expiresDuringShift"
| "notYetValid"
| "pending"
| "suspended"
| "revoked"
| "expired"
| "missing"
| "notInRole"
| "overlap"
| "inTraining"
| "restTooShort"
| "crewShortfall";

/** One reason of a verdict, discriminated by `kind`: `kind` and the fields for programs, `message` for people. */
export type Reason =
| { kind: "expiringSoon"; severity: "info"; /** The requirement code. */ code: string; /** The record (possibly of a type that `satisfies` the code). */ credentialId: string; at: Instant; daysLeft: number; message: string }
| { kind: "inGrace"; severity: "warn"; /** The requirement code. */ code: string; /** The record (possibly of a type that `satisfies` the code). */ credentialId: string; at: Instant; daysLeft: number; message: string }
| { kind: "waived"; severity: "warn"; /** The requirement code. */ code: string; waiverId: string; at: Instant; message: string }
| { kind: "expired"; severity: "block"; /** The requirement code. */ code: string; /** The record (possibly of a type that `satisfies` the code). */ credentialId: string; at: Instant; daysLeft: number; message: string }
| { kind: "expiresDuringShift" | "notYetValid"; severity: "block"; /** The requirement code. */ code: string; /** The record (possibly of a type that `satisfies` the code). */ credentialId: string; at: Instant; message: string }
| { kind: "pending" | "suspended" | "revoked" | "unsupervised"; severity: "block"; /** The requirement code. */ code: string; /** The record (possibly of a type that `satisfies` the code). */ credentialId: string; message: string }
| { kind: "wrongJurisdiction"; severity: "block"; /** The requirement code. */ code: string; /** The record (possibly of a type that `satisfies` the code). */ credentialId: string; jurisdiction?: string; message: string }
| { kind: "notCurrent"; severity: "block"; /** The requirement code. */ code: string; /** The record (possibly of a type that `satisfies` the code). */ credentialId: string; /** What the holder has of the currency's measure: a count, or hours. */ have: number; /** The currency's `min` or `minHours`. */ need: number; withinDays: number; /** The latest shift start at which the events recorded still suffice; `null` when they never did. */ currentUntil: Instant | null; message: string }
| { kind: "missing"; severity: "block"; /** The requirement code. */ code: string; message: string }
| { kind: "notInRole"; severity: "block"; roleId: string; message: string }
| { kind: "overlap"; severity: "block"; shiftId: string; message: string }
| { kind: "inTraining"; severity: "block"; trainingId: string; at: Instant; message: string }
| { kind: "restTooShort"; severity: "block"; shiftId: string; restHours: number; message: string }
| { kind: "overlap" | "inTraining"; severity: "block"; /** Closes a list capped at 20: how many more were left out. */ more: number; message: string };

/** The record or waiver that met a requirement code: what an auditor asks for. */
export interface Evidence {
    code: string;
    credentialId?: string;
    waiverId?: string;
}

/** May this employee work this shift, and if not, why not. */
export interface Verdict {
    employeeId: string;
    /** `null` for a placement of a shift that does not exist yet. */
    shiftId: string | null;
    status: Status;
    reasons: Reason[];
    evidence: Evidence[];
}

/** One employee's standing for a shift (`candidates`), best first. */
export interface Candidate {
    employeeId: string;
    name?: string;
    status: Status;
    /** Already assigned to the shift. */
    assigned: boolean;
    reasons: Reason[];
    evidence: Evidence[];
}

/** What `gaps` and `reportHtml` group by. */
export type GroupBy = "location" | "team";
/** What an audit finding is about. */
export type AuditKind = "roleRequirementNotHeld" | "contradictoryStatus" | "duplicateRecord" | "sharedIdentifier" | "orphanCredential" | "orphanWaiver" | "orphanTraining" | "unknownType" | "missingValidIn" | "staleTraining" | "waiverInForce";
/** Where one code stands at an instant, closest to counting first (`notCurrent`: currency, SPEC §8, is not computed yet, never given for now). */
export type StandingState = "valid" | "expiring" | "inGrace" | "notCurrent" | "notYetValid" | "pending" | "suspended" | "revoked" | "expired" | "missing";
/** What a CSV file holds. */
export type CsvKind = "credentials" | "trainings";
/** How a CSV file's dates with slashes or dots read: `"mdy"` `01/31/2027`, `"dmy"` `31/01/2027`, `"iso"` ISO only. */
export type DateOrder = "iso" | "mdy" | "dmy";



/**
 * A loaded pair of documents, ready to answer (SPEC §4). Build one with `Engine.load`.
 */
export class Engine {
    private constructor();
    free(): void;
    /**
     * Renewal alerts at `asOf`: per employee and code, the record that stays valid longest,
     * when it expires within `days` (default: the type's largest `alertDays`) or has expired
     * while still needed.
     */
    alerts(asOf: InstantInput, options?: AlertOptions | null): Alert[];
    /**
     * Applies a batch of operations all or nothing, in order, each seeing the ones before it.
     * The answer is returned, never thrown, for an invalid batch (`errors`, each path from
     * `ops[i]`) and a refused one (`refused: true`: it places people and newly blocks someone,
     * and no `override` was given); only an `ops` that is not an array throws.
     */
    apply(ops: Op[], options?: ApplyOptions | null): ApplyResult;
    /**
     * Assigns an employee to a shift. Refused (nothing changes) when it would block, unless an
     * override `{by, reason, at?}` is given: then it is made and logged.
     */
    assign(employeeId: string, shiftId: string, override?: Override | null): EditResult;
    /**
     * The employees assigned to a shift, in order.
     */
    assigned(shiftId: string): string[];
    /**
     * Findings for the periodic review at `asOf`, and the override log.
     */
    audit(asOf: InstantInput): Audit;
    /**
     * Whether `redo()` would apply a batch again.
     */
    canRedo(): boolean;
    /**
     * Whether `undo()` would take a batch back.
     */
    canUndo(): boolean;
    /**
     * Every employee's status for a shift, by employee index (0 ok, 1 warn, 2 block).
     */
    candidateStatuses(shiftId: string): Uint8Array;
    /**
     * Every employee with status and reasons for a shift, best first.
     */
    candidates(shiftId: string): Candidate[];
    /**
     * The change log, oldest first: one entry per applied batch (single edits included), and
     * the entries loaded from the roster's `changeLog`.
     */
    changeLog(): ChangeLogEntry[];
    /**
     * The verdicts of everyone assigned to a shift if it moved to `[start, end)`, nothing
     * changed: the preview of a drag (what `moveShift` would judge).
     */
    checkMove(shiftId: string, start: InstantInput, end: InstantInput): Verdict[];
    /**
     * The verdict of `employeeId` on a shift moved to `[start, end)`, assigned or not.
     */
    checkMoved(employeeId: string, shiftId: string, start: InstantInput, end: InstantInput): Verdict;
    /**
     * The verdict for a shift that does not exist yet, or one being dragged
     * (`{ignoreShiftId}` names it, so it does not overlap itself).
     */
    checkPlacement(employeeId: string, placement: Placement, options?: PlacementOptions | null): Verdict;
    /**
     * The verdict: may `employeeId` work `shiftId`? Throws for an unknown id.
     */
    check(employeeId: string, shiftId: string): Verdict;
    /**
     * Employee ids in index order.
     */
    employeeIds(): string[];
    /**
     * The dense index of an employee id, `undefined` when unknown. Stable for this engine.
     */
    employeeIndex(id: string): number | undefined;
    /**
     * Both documents with every edit applied, as JSON text: numbers keep their exact text.
     */
    exportJson(): ExportedJson;
    /**
     * Both documents with every edit applied, as plain objects.
     */
    export(): Exported;
    /**
     * `fromSnapshot` in steps, so that a page never stops for the whole of it: call
     * `reader.step(budget)` (about `budget` records' worth of work; `true` when done) from one
     * frame to the next, then `reader.finish()` for the engine. The engine and the errors are
     * `fromSnapshot`'s: a damaged snapshot throws at some step or at `finish`.
     */
    static fromSnapshotInSteps(bytes: Uint8Array): SnapshotReader;
    /**
     * Rebuilds the engine `snapshot()` wrote (SPEC §6): the same documents and answers, undo
     * history aside, several times faster than `load` of the JSON text. Throws an `Error` whose
     * `errors` is `[{path: "snapshot", ...}]` for bytes of another version, cut short, changed,
     * or not a snapshot at all.
     */
    static fromSnapshot(bytes: Uint8Array): Engine;
    /**
     * Gap report over `[from, to)`, per location or team.
     */
    gaps(from: InstantInput, to: InstantInput, options: GapsOptions): Gaps;
    /**
     * Who validly held `code` at instant `at`, with the record.
     */
    holders(code: string, at: InstantInput): Holder[];
    /**
     * Reads an HR or learning-system CSV export (`kind` `"credentials"` or `"trainings"`) into
     * records: `{records, columns, warnings}`, or `{errors}` with each problem's `row:column`
     * path. Problems of the file are returned, not thrown; a `kind` or `mapping` that is not
     * one throws, as every bad argument does.
     */
    static importCsv(kind: CsvKind, text: string, mapping?: CsvMapping | null): CsvImportResult;
    /**
     * Loads a roster and a credentials document: JSON text or plain objects. Throws a
     * `LoadError` listing every problem in both documents, each with its path.
     */
    static load(roster: Roster | string, credentials: Credentials | string): Engine;
    /**
     * Moves a shift to a new time, with its people. Refused when any of them would block,
     * unless an override is given.
     */
    moveShift(shiftId: string, start: InstantInput, end: InstantInput, override?: Override | null): EditResult;
    /**
     * The override log: every edit made over a block, oldest first, including loaded ones.
     */
    overrides(): OverrideEntry[];
    /**
     * Renewal planning (SPEC §7): bookings in open sessions for the needs of
     * `alerts(asOf, {days: horizonDays})`, as many as seats allow; every need not met, with why.
     */
    planRenewals(asOf: InstantInput, options?: PlanOptions | null): RenewalPlan;
    /**
     * The answer `apply` would give (`applied` and `refused` included), changing nothing.
     */
    preview(ops: Op[], options?: ApplyOptions | null): ApplyResult;
    /**
     * Applies again the last batch undone. `applied: false` when there is none (a new batch
     * forgets what could be redone).
     */
    redo(): ApplyResult;
    /**
     * The manager's report as one self-contained HTML page (what `credgate report --html`
     * writes): alerts, gaps over `[asOf, to)`, the audit and the override log.
     */
    reportHtml(asOf: InstantInput, options?: ReportOptions | null): string;
    /**
     * Loads what `export()` (or `exportJson()`) returned: an engine with the same verdicts.
     * After an instance has trapped, this is how to get a working engine back.
     */
    static restore(exported: Exported | ExportedJson): Engine;
    /**
     * Shift ids in index order.
     */
    shiftIds(): string[];
    /**
     * The dense index of a shift id, `undefined` when unknown.
     */
    shiftIndex(id: string): number | undefined;
    /**
     * The engine as bytes, for `Engine.fromSnapshot`: to hand a loaded engine from a Web Worker
     * to the page, or to reopen a roster fast.
     */
    snapshot(): Uint8Array;
    /**
     * Every code `employeeId` holds or needs, and where each stands at `asOf`: the best
     * record's state, the record, `validUntil`, `daysLeft`, `validIn`, `restrictions`, the
     * renewal training booked, and `currentUntil` (SPEC §8).
     */
    standing(employeeId: string, asOf: InstantInput): Standing;
    /**
     * The status alone, by dense indexes: 0 ok, 1 warn, 2 block, 3 an index out of range.
     */
    statusAt(employeeIndex: number, shiftIndex: number): StatusCode;
    /**
     * Removes an employee from a shift; the findings show what that breaks or mends.
     */
    unassign(employeeId: string, shiftId: string): EditResult;
    /**
     * Takes back the last applied batch (single edits included): the documents are exactly as
     * before it, its change log entry removed. `applied: false` when there is nothing to undo.
     */
    undo(): ApplyResult;
    /**
     * The load's warnings: records kept but not counted, near-miss field names.
     */
    readonly warnings: Problem[];
}

/**
 * `Engine.fromSnapshot` in steps (`Engine.fromSnapshotInSteps(bytes)`): `step(budget)` until
 * it answers `true`, then `finish()` for the engine.
 */
export class SnapshotReader {
    private constructor();
    free(): void;
    /**
     * The engine (the steps not taken yet are taken now). Once only.
     */
    finish(): Engine;
    /**
     * Does about `budget` records' (or shifts', or ids') worth of the work; `true` when all is
     * done. Throws `fromSnapshot`'s error for a damaged snapshot (and again at every later call).
     */
    step(budget: number): boolean;
}

