//! The loaded, interned model of both documents, and the indexes that make checks fast.
//!
//! Every id is interned at load to a dense `u32` (its position in its collection), so a check
//! compares integers and indexes vectors instead of hashing strings. Credentials are indexed by
//! employee and by the code they meet (their own type and every code their type `satisfies`),
//! sorted so that the records one check weighs sit next to each other. Requirements are compiled
//! once into [`Req`] trees held in one arena and shared by every role, location, queue and shift
//! that names them.
//!
//! # Laid out for the cold check
//!
//! A status check of one employee on one shift (the per-drag path) reads little, but from
//! memory that is seldom in cache: a sweep over a roster touches each employee once. So what a
//! check reads of an employee sits in one 64-byte [`EmpHot`]: the assignments (with their
//! shifts' times inline, so the overlap and rest scans read one contiguous run), and where the
//! employee's packed records ([`Judged`]), waivers and scheduled trainings sit in the model's
//! flat arrays (runs instead of a `Vec` each: an edit appends a fresh run for the employee and
//! re-points it, see the `live` module, so a run never changes under a reader). Ids are kept
//! once per collection in an [`Ids`] (one string and an index table), not as a `String` per
//! record plus a map's copy; a shift keeps its queues and crew rules as runs of flat arrays.
//!
//! The original JSON of both documents is kept beside the model, so that `export` writes back
//! exactly what was read (unknown fields, key order, number text), with the edits applied.

use crate::ids::Ids;
use crate::json::Value;
use crate::requirement::Req;
use crate::time::{Bound, Instant, DAY_MS};
use crate::verdict::{copy_text, ReasonKind, Severity};

/// The longest shift accepted: 7 days (SPEC §2.3). The overlap and rest scans rely on it: only
/// the shifts starting at most this long before a slot can overlap it.
pub const MAX_SHIFT_MS: i64 = 7 * DAY_MS;

/// The largest whole number accepted for `graceDays`, `alertDays` entries and crew `min`.
pub const MAX_COUNT: f64 = 1_000_000.0;

/// The largest `minRestHours` accepted.
pub const MAX_REST_HOURS: f64 = 1_000_000.0;

/// Whether the validity window `[from, until)` holds every instant of `[start, end)`, `from`
/// read in `start`'s offset and `until` in `end`'s (SPEC §2.1; `None`: open on that side). The
/// one place this is decided for records ([`Record::covers`]) and waivers; [`Judged::covers`]
/// is the same test on the packed copy of a record.
#[inline]
pub(crate) fn window_covers(from: Option<Bound>, until: Option<Bound>, start: Instant, end: Instant) -> bool {
    from.is_none_or(|b| b.at(start.offset_s) <= start.ms) && until.is_none_or(|b| b.at(end.offset_s) >= end.ms)
}

/// Why two instants are not a shift's interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BadInterval {
    /// `end` is not after `start`.
    NotAfter,
    /// Longer than [`MAX_SHIFT_MS`].
    TooLong,
}

impl BadInterval {
    /// The problem of an `end` this refuses, as a loaded shift's or session's and a `moveShift`
    /// op's are written (a placement words `TooLong` its own way): one copy of both messages,
    /// where the loader, the edits and the placement each wrote theirs. Written by pushes, not
    /// `format!`, so that the formatting machinery stays out of the `.wasm`.
    #[inline(never)]
    pub(crate) fn message(self, start: Instant, end: Instant) -> String {
        match self {
            BadInterval::NotAfter => {
                let mut out = end.to_rfc3339();
                out.push_str(" is not after start ");
                crate::time::push_instant(&mut out, start.ms, start.offset_s);
                out
            }
            BadInterval::TooLong => {
                let mut out = crate::load::own("the shift lasts ");
                crate::human::push_human_duration(&mut out, end.ms - start.ms);
                out.push_str("; the longest accepted is 7 days");
                out
            }
        }
    }
}

/// Whether `[start, end)` may be a shift: `end` after `start`, at most [`MAX_SHIFT_MS`] later.
/// Loading, placements, moves and their previews all ask here; [`BadInterval::message`] words
/// the answer (a placement's `TooLong` has its own).
pub(crate) fn shift_interval(start: Instant, end: Instant) -> Result<(), BadInterval> {
    if end.ms <= start.ms {
        Err(BadInterval::NotAfter)
    } else if end.ms - start.ms > MAX_SHIFT_MS {
        Err(BadInterval::TooLong)
    } else {
        Ok(())
    }
}

/// Dense index of an employee.
pub type EmpIdx = u32;
/// Dense index of a shift.
pub type ShiftIdx = u32;
/// Dense index of a credential type (its code).
pub type CodeIdx = u32;
/// Dense index of a jurisdiction (or jurisdiction-group) code.
pub type JurIdx = u32;
/// Index of a requirement tree in [`Model::reqs`].
pub type ReqIdx = u32;

/// The status of a credential record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordStatus {
    /// Counts (the default).
    Active,
    /// Awaiting verification: does not count yet.
    Pending,
    /// Never counts.
    Suspended,
    /// Never counts.
    Revoked,
}

/// A credential type.
#[derive(Debug, Clone)]
pub struct CredType {
    pub code: String,
    pub name: Option<String>,
    pub grace_days: u32,
    /// Sorted ascending, duplicates removed.
    pub alert_days: Vec<u32>,
    pub jurisdictional: bool,
    /// Codes this type also meets (never chained).
    pub satisfies: Vec<CodeIdx>,
    /// `currency` (SPEC §8): a record of this type counts only while its holder is current.
    pub currency: Option<Currency>,
}

/// A type's `currency` rule (SPEC §8): at least `need` over the holder's events of kind
/// `event` in the `within_days` × 24 h before a shift's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    /// The event kind, interned in [`Model::event_kinds`].
    pub event: u32,
    /// `minHours` (sum `hours`, in micro-hours) rather than `min` (sum `count`).
    pub hours: bool,
    /// `min`, or `minHours` in micro-hours ([`crate::currency::MICRO`]).
    pub need: u64,
    /// `withinDays`.
    pub within_days: u32,
}

/// An event (SPEC §8): something an employee did that keeps a qualification current.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub employee_id: String,
    pub employee: Option<EmpIdx>,
    /// The kind, interned in [`Model::event_kinds`].
    pub kind: u32,
    pub at: Instant,
    /// `count` (at least 1, default 1).
    pub count: u32,
    /// `hours` as written (default 0).
    pub hours: f64,
}

impl CredType {
    /// The smallest `alertDays` entry, if any.
    pub fn min_alert(&self) -> Option<u32> {
        self.alert_days.first().copied()
    }
}

/// A credential record.
#[derive(Debug)]
pub struct Record {
    pub id: String,
    pub employee_id: String,
    pub employee: Option<EmpIdx>,
    pub code_text: String,
    pub code: Option<CodeIdx>,
    pub from: Option<Bound>,
    /// `None`: never expires.
    pub until: Option<Bound>,
    pub status: RecordStatus,
    /// `None`: no `validIn` given. Otherwise every jurisdiction it covers, groups expanded
    /// one level, sorted.
    pub valid_in: Option<Vec<JurIdx>>,
    pub supervised: bool,
    pub issuer: Option<String>,
    pub identifier: Option<String>,
}

/// A list of indexes copied, out of line: one copy of the code for the lists of the items the
/// edits copy (`Engine::state`), where each derived `clone` wrote its allocation and copy in
/// place.
#[inline(never)]
pub(crate) fn copy_list(list: &[u32]) -> Vec<u32> {
    list.to_vec()
}

/// Whether `list` holds `x`: `list.contains(&x)` as one plain loop, out of line. The lists it
/// searches are short (a session's renewed codes, a shift's co-workers, the codes a requirement
/// names), where std's search, unrolled eight values at a time, only adds code to the package.
#[inline(never)]
#[allow(clippy::manual_contains)]
pub(crate) fn listed(list: &[u32], x: u32) -> bool {
    list.iter().any(|&y| y == x)
}

impl Clone for Record {
    /// As the derived one, the lists and optional texts by the out-of-line [`copy_list`] and
    /// `copy_text` (the edits copy an item to change it: `Engine::state`).
    fn clone(&self) -> Record {
        let Record { id, employee_id, code_text, valid_in, issuer, identifier, .. } = self;
        Record {
            id: id.clone(),
            employee_id: employee_id.clone(),
            code_text: code_text.clone(),
            valid_in: valid_in.as_deref().map(copy_list),
            issuer: copy_text(issuer),
            identifier: copy_text(identifier),
            ..*self
        }
    }
}

impl Record {
    /// Whether the record's window holds every instant of `[start, end)` ([`window_covers`]).
    /// Status, grace, waivers, jurisdiction and supervision play no part.
    #[inline]
    pub fn covers(&self, start: Instant, end: Instant) -> bool {
        window_covers(self.from, self.until, start, end)
    }
}

/// What judging one record for one code reads, packed: the record's window, status, restriction
/// and jurisdictions, and its own type's grace, alert and jurisdictional properties (48 bytes).
///
/// Kept per employee in [`Model::judged`] (each employee's run is [`EmpHot::judged`]), sorted by
/// code then record, so that the per-drag status path reads an employee's records for a code
/// from one short contiguous run instead of chasing each `Record` (with its strings) and its
/// `validIn` list. An edit of a record rebuilds its employee's run (the `live` module), so the
/// copy cannot go stale.
#[derive(Debug, Clone, Copy)]
pub struct Judged {
    /// `validFrom` in ms since the epoch (a date: its midnight read in UTC, see
    /// [`Judged::valid_from_at`]); `i64::MIN` for none.
    pub from: i64,
    /// `validUntil` likewise; `i64::MAX` for none.
    pub until: i64,
    /// Bit `j` set when `validIn` covers jurisdiction `j` (only when [`Model::jur_masks`]).
    pub jur_mask: u64,
    /// The code met (the record's own type, or one its type `satisfies`): the sort key.
    pub code: CodeIdx,
    /// The record.
    pub rec: u32,
    /// The record's own type.
    pub own: CodeIdx,
    /// The own type's `graceDays`.
    pub grace_days: u32,
    /// The own type's smallest `alertDays`, `u32::MAX` for none.
    pub min_alert: u32,
    pub status: RecordStatus,
    /// [`Judged::SUPERVISED`] and the other bits.
    pub flags: u8,
}

impl Judged {
    /// Restricted to supervised work.
    pub const SUPERVISED: u8 = 1;
    /// The own type is jurisdictional.
    pub const JURISDICTIONAL: u8 = 2;
    /// The record has a `validIn`.
    pub const HAS_VALID_IN: u8 = 4;
    /// `from` is a local midnight: read it in the offset it is compared in.
    pub const FROM_LOCAL: u8 = 8;
    /// `until` is a local midnight.
    pub const UNTIL_LOCAL: u8 = 16;
    /// The record expires (has a `validUntil`).
    pub const HAS_UNTIL: u8 = 32;
    /// The own type has a `currency` rule: the one bit the status path reads for it.
    pub const CURRENCY: u8 = 64;

    /// Packs a bound: its instant, or its local midnight read in UTC, and whether it is local.
    pub fn bound(b: Option<Bound>, none: i64) -> (i64, bool) {
        match b {
            None => (none, false),
            Some(Bound::Instant(ms)) => (ms, false),
            Some(b @ Bound::LocalMidnight(_)) => (b.at(0), true),
        }
    }

    #[inline]
    pub(crate) fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// Restricted to supervised work.
    #[inline]
    pub fn supervised(&self) -> bool {
        self.has(Self::SUPERVISED)
    }

    /// The own type is jurisdictional.
    #[inline]
    pub fn jurisdictional(&self) -> bool {
        self.has(Self::JURISDICTIONAL)
    }

    /// Whether the record expires.
    #[inline]
    pub fn has_until(&self) -> bool {
        self.has(Self::HAS_UNTIL)
    }

    /// `validFrom` read in UTC offset `offset_s` (`i64::MIN` for none), as [`Bound::at`].
    #[inline]
    pub fn valid_from_at(&self, offset_s: i32) -> i64 {
        if self.has(Self::FROM_LOCAL) {
            self.from - i64::from(offset_s) * 1000
        } else {
            self.from
        }
    }

    /// `validUntil` read in UTC offset `offset_s` (`i64::MAX` for none), as [`Bound::at`].
    #[inline]
    pub fn valid_until_at(&self, offset_s: i32) -> i64 {
        if self.has(Self::UNTIL_LOCAL) {
            self.until - i64::from(offset_s) * 1000
        } else {
            self.until
        }
    }

    /// Whether the record's window holds every instant of `[start, end)`: [`window_covers`]
    /// on the packed bounds.
    #[inline]
    pub fn covers(&self, start: Instant, end: Instant) -> bool {
        self.valid_from_at(start.offset_s) <= start.ms && self.valid_until_at(end.offset_s) >= end.ms
    }
}

/// One assignment of an employee, with its shift's times inline (16 bytes), so that the
/// overlap and rest scans read one short contiguous run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    /// The shift's start, in ms since the epoch.
    pub start: i64,
    /// The shift's length in ms (at most 7 days).
    pub len: u32,
    /// The shift.
    pub shift: ShiftIdx,
}

impl Assignment {
    /// The assignment of shift `s` running `[start, end)`.
    pub fn new(shift: ShiftIdx, start: i64, end: i64) -> Assignment {
        Assignment { start, len: end.saturating_sub(start).clamp(0, i64::from(u32::MAX)) as u32, shift }
    }

    /// The shift's end.
    #[inline]
    pub fn end(&self) -> i64 {
        self.start + i64::from(self.len)
    }
}

/// A scheduled training session of an employee, with its times inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Booked {
    /// The session's start, in ms since the epoch.
    pub start: i64,
    /// Its end.
    pub end: i64,
    /// The training.
    pub training: u32,
}

/// Which roles an employee may work, answered without leaving [`EmpHot`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RoleSet {
    /// No `roleIds`: any role.
    #[default]
    Any,
    /// Bit `r` set for each listed role `r` (every listed role is below 64).
    Bits(u64),
    /// Look in the employee's `roles`.
    List,
}

/// What a check reads of one employee, in one place (one cache line): the assignments, and
/// where the employee's records, waivers and trainings sit in the model's flat arrays.
#[derive(Debug, Clone, Default)]
#[repr(align(64))]
pub struct EmpHot {
    /// Assigned shifts, sorted by start then shift index.
    pub shifts: Vec<Assignment>,
    /// The employee's run of [`Model::judged`].
    pub judged: Span,
    /// The employee's run of [`Model::emp_waiver_list`].
    pub waivers: Span,
    /// The employee's run of [`Model::emp_training_list`].
    pub trainings: Span,
    /// The roles the employee may work.
    pub roles: RoleSet,
}

/// A waiver: a temporary, approved exception for one code.
#[derive(Debug, Clone)]
pub struct Waiver {
    pub id: String,
    pub employee_id: String,
    pub employee: Option<EmpIdx>,
    pub code_text: String,
    pub code: Option<CodeIdx>,
    pub from: Bound,
    pub until: Bound,
    /// `None`: everywhere. `Some(vec![])`: nowhere.
    pub locations: Option<Vec<Option<u32>>>,
    pub approved_by: String,
    pub reason: String,
}

/// The status of a training session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrainingStatus {
    Scheduled,
    Completed,
    Cancelled,
}

/// A training session from the learning-management system.
#[derive(Debug)]
pub struct Training {
    pub id: String,
    pub employee_id: String,
    pub employee: Option<EmpIdx>,
    pub code: Option<CodeIdx>,
    pub code_text: Option<String>,
    pub start: Instant,
    pub end: Instant,
    pub status: TrainingStatus,
    /// The `sessionId` as written: the session (SPEC §7) it takes a seat in.
    pub session_id: Option<String>,
}

impl Clone for Training {
    /// As the derived one, the optional texts by the out-of-line `copy_text` (see [`Record`]'s).
    fn clone(&self) -> Training {
        let Training { id, employee_id, code_text, session_id, .. } = self;
        Training { id: id.clone(), employee_id: employee_id.clone(), code_text: copy_text(code_text), session_id: copy_text(session_id), ..*self }
    }
}

/// A course date open for booking (SPEC §7): `renews` codes, `seats` seats at `cost` each.
#[derive(Debug)]
pub struct Session {
    pub id: String,
    /// The codes it renews, in document order; unknown codes (warned at load) are left out.
    pub renews: Vec<CodeIdx>,
    pub start: Instant,
    pub end: Instant,
    pub location_id: Option<String>,
    pub seats: u32,
    /// Per seat; 0 when not given.
    pub cost: f64,
    /// `status: "cancelled"`: no booking goes there.
    pub cancelled: bool,
}

impl Clone for Session {
    /// As the derived one, the list and the optional text out of line (see [`Record`]'s).
    fn clone(&self) -> Session {
        let Session { id, renews, location_id, .. } = self;
        Session { id: id.clone(), renews: copy_list(renews), location_id: copy_text(location_id), ..*self }
    }
}

/// A location.
#[derive(Debug, Clone)]
pub struct Location {
    pub id: String,
    pub name: Option<String>,
    pub jurisdiction: Option<JurIdx>,
    pub requires: Option<ReqIdx>,
}

/// A team.
#[derive(Debug, Clone)]
pub struct Team {
    pub id: String,
    pub name: Option<String>,
}

/// A role or a queue: something with a name and a requirement.
#[derive(Debug, Clone)]
pub struct Named {
    pub id: String,
    pub name: Option<String>,
    pub requires: Option<ReqIdx>,
}

/// An employee.
#[derive(Debug)]
pub struct Employee {
    pub id: String,
    pub name: Option<String>,
    pub team: Option<u32>,
    pub location: Option<u32>,
    /// `None`: may work any role. Unknown role ids are kept as `None` entries.
    pub roles: Option<Vec<Option<u32>>>,
}

impl Clone for Employee {
    /// As the derived one, the optional text out of line (see [`Record`]'s).
    fn clone(&self) -> Employee {
        let Employee { id, name, roles, .. } = self;
        Employee { id: id.clone(), name: copy_text(name), roles: roles.clone(), ..*self }
    }
}

impl Employee {
    /// Whether the employee may work a shift of `role`.
    #[inline]
    pub fn may_work(&self, role: u32) -> bool {
        match &self.roles {
            None => true,
            Some(list) => list.contains(&Some(role)),
        }
    }
}

/// A crew rule: at least `min` assigned employees meet `requires`.
#[derive(Debug, Clone)]
pub struct Crew {
    pub requires: ReqIdx,
    pub min: u32,
}

/// A run of one of the model's flat arrays (`lo..lo + len`): what a record holds instead of a
/// `Vec` of its own. A run is never changed in place: an edit appends a new one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    /// The first element.
    pub lo: u32,
    /// How many.
    pub len: u32,
}

impl Span {
    /// The elements of `list` in this run (none when out of range).
    #[inline]
    pub fn of<T>(self, list: &[T]) -> &[T] {
        let lo = self.lo as usize;
        list.get(lo..lo + self.len as usize).unwrap_or(&[])
    }

    /// The run of `list`'s elements pushed since it had `lo` of them.
    pub fn since<T>(list: &[T], lo: usize) -> Span {
        Span { lo: lo as u32, len: (list.len() - lo) as u32 }
    }
}

/// A shift. Its id is `Model::shift_ids.get(index)`, and its position in the roster document's
/// `shifts` array is its index (a document loads whole or not at all).
#[derive(Debug)]
pub struct Shift {
    pub start: Instant,
    pub end: Instant,
    pub location: Option<u32>,
    pub team: Option<u32>,
    pub role: Option<u32>,
    pub requires: Option<ReqIdx>,
    /// Its queues, in [`Model::shift_queues`].
    pub queues: Span,
    /// Its crew rules, in [`Model::crews`].
    pub crew: Span,
    /// Distinct assigned employees, in document order.
    pub assigned: Vec<EmpIdx>,
    /// Edited since load: `export` writes `start`, `end` and `assigned` from the model.
    pub dirty: bool,
}

impl Clone for Shift {
    /// As the derived one, the assigned list by the out-of-line [`copy_list`] (see
    /// [`Record`]'s).
    fn clone(&self) -> Shift {
        Shift { assigned: copy_list(&self.assigned), ..*self }
    }
}

/// Roster-wide rules.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// Least rest between two shifts of one employee, in milliseconds.
    pub min_rest_ms: Option<i64>,
    /// The hours as written, for messages.
    pub min_rest_hours: Option<f64>,
    /// Whether overlapping shifts of one employee are allowed.
    pub allow_overlap: bool,
    /// `limits` (SPEC §8), in document order.
    pub limits: Vec<crate::limits::Limit>,
    /// The kinds `rules.severities` softens to `warn` (SPEC §8): bit `ReasonKind as u32`. The
    /// compiled table the rules read (one shift and mask per reason), never a name.
    pub softened: u32,
}

impl Rules {
    /// The severity a reason of `kind` has in this roster: its own, or `warn` when softened.
    #[inline]
    pub fn severity(&self, kind: ReasonKind) -> Severity {
        if self.softened & (1 << kind as u32) != 0 {
            Severity::Warn
        } else {
            kind.severity()
        }
    }

    /// Whether `rules.severities` softens `kind` to `warn`.
    #[inline]
    pub fn softens(&self, kind: ReasonKind) -> bool {
        self.softened & (1 << kind as u32) != 0
    }
}

/// A jurisdiction group (a licence compact).
#[derive(Debug, Clone)]
pub struct JurGroup {
    pub code: String,
    pub members: Vec<JurIdx>,
}

/// The interned model of both documents.
#[derive(Debug, Clone)]
pub struct Model {
    pub types: Vec<CredType>,
    pub type_by_code: Ids,
    pub groups: Vec<JurGroup>,
    pub jurisdictions: Vec<String>,
    pub jur_by_code: Ids,
    pub records: Vec<Record>,
    pub waivers: Vec<Waiver>,
    pub trainings: Vec<Training>,
    pub sessions: Vec<Session>,
    pub session_by_id: Ids,
    /// Events (SPEC §8), in document order.
    pub events: Vec<Event>,
    pub event_by_id: Ids,
    /// Event kinds, interned (those of `currency` rules and of events).
    pub event_kinds: Ids,

    pub locations: Vec<Location>,
    pub loc_by_id: Ids,
    pub teams: Vec<Team>,
    pub team_by_id: Ids,
    pub roles: Vec<Named>,
    pub role_by_id: Ids,
    pub queues: Vec<Named>,
    pub queue_by_id: Ids,
    pub employees: Vec<Employee>,
    pub emp_by_id: Ids,
    pub shifts: Vec<Shift>,
    /// Shift ids, by shift index.
    pub shift_ids: Ids,
    /// The queues of every shift, each shift's a [`Span`] of them.
    pub shift_queues: Vec<u32>,
    /// The crew rules of every shift, each shift's a [`Span`] of them.
    pub crews: Vec<Crew>,
    pub rules: Rules,

    /// Requirement trees, shared.
    pub reqs: Vec<Req>,

    /// Per employee: what a check reads of them. Build with `build_indexes`; the edits keep
    /// `shifts` in step (`index_assignment`, `unindex_assignment`).
    pub emp_hot: Vec<EmpHot>,
    /// Every employee's records as `Judged`, by employee, then code met, then record (an
    /// employee's run is `EmpHot::judged`).
    pub judged: Vec<Judged>,
    /// Whether there are at most 64 jurisdictions, so that `Judged::jur_mask` answers.
    pub jur_masks: bool,
    /// `(code, waiver)` by employee, then code (an employee's run is `EmpHot::waivers`).
    pub emp_waiver_list: Vec<(CodeIdx, u32)>,
    /// Scheduled trainings by employee, then start (an employee's run is `EmpHot::trainings`).
    pub emp_training_list: Vec<Booked>,
    /// Per code: every record that meets it (any employee), for `holders`.
    pub code_records: Vec<Vec<u32>>,
    /// Events by employee and kind: see [`crate::currency::EventIndex`].
    pub event_index: crate::currency::EventIndex,

    /// What edits removed (SPEC §6): empty after a load.
    pub removed: Removed,
    /// The roster's `changeLog` as loaded, entries kept as written (the engine takes it over).
    pub change_log: Vec<Value>,
}

/// The records, employees and shifts that edits removed: tombstones, by index, each list empty
/// until something of its collection is removed.
///
/// An index always names the same id (a page and the WebAssembly tape hold indexes), so a
/// removed one is kept, marked here, and left out of every answer: lookups by id, candidates,
/// `validate`, the reports, `export`. A `put` of the same id again brings it back at its index.
#[derive(Debug, Clone, Default)]
pub struct Removed {
    pub employees: Vec<bool>,
    pub shifts: Vec<bool>,
    pub records: Vec<bool>,
    pub waivers: Vec<bool>,
    pub trainings: Vec<bool>,
    pub sessions: Vec<bool>,
    pub events: Vec<bool>,
}

/// Whether any of `list` is `true` ([`Removed::any`]): out of line, one loop, where
/// `contains` inlined at each of the seven lists was an unrolled loop each (decision 146).
#[inline(never)]
fn any_true(list: &[bool]) -> bool {
    list.contains(&true)
}

impl Removed {
    /// Whether anything at all is removed (every list named: a list added here counts at once).
    pub fn any(&self) -> bool {
        let Removed { employees, shifts, records, waivers, trainings, sessions, events } = self;
        [employees, shifts, records, waivers, trainings, sessions, events].iter().any(|list| any_true(list))
    }

    /// Whether index `i` of `list` is removed.
    #[inline]
    pub fn at(list: &[bool], i: u32) -> bool {
        list.get(i as usize).copied().unwrap_or(false)
    }

    /// Marks index `i` of `list` removed or not, growing the list as needed.
    pub fn set(list: &mut Vec<bool>, i: u32, removed: bool) {
        let i = i as usize;
        if list.len() <= i {
            if !removed {
                return;
            }
            list.resize(i + 1, false);
        }
        list[i] = removed;
    }
}

/// An empty model: a constant copied whole, then each id map given its random keys. The
/// derived `Default` built each of the eleven id maps (and its keys) in place and then moved
/// the whole model, 2.2 KB of the .wasm (docs/decisions.md 145).
impl Default for Model {
    fn default() -> Model {
        const fn empty() -> Vec<bool> {
            Vec::new()
        }
        const EMPTY: Model = Model {
            types: Vec::new(),
            type_by_code: Ids::UNSEEDED,
            groups: Vec::new(),
            jurisdictions: Vec::new(),
            jur_by_code: Ids::UNSEEDED,
            records: Vec::new(),
            waivers: Vec::new(),
            trainings: Vec::new(),
            sessions: Vec::new(),
            session_by_id: Ids::UNSEEDED,
            events: Vec::new(),
            event_by_id: Ids::UNSEEDED,
            event_kinds: Ids::UNSEEDED,
            locations: Vec::new(),
            loc_by_id: Ids::UNSEEDED,
            teams: Vec::new(),
            team_by_id: Ids::UNSEEDED,
            roles: Vec::new(),
            role_by_id: Ids::UNSEEDED,
            queues: Vec::new(),
            queue_by_id: Ids::UNSEEDED,
            employees: Vec::new(),
            emp_by_id: Ids::UNSEEDED,
            shifts: Vec::new(),
            shift_ids: Ids::UNSEEDED,
            shift_queues: Vec::new(),
            crews: Vec::new(),
            rules: Rules { min_rest_ms: None, min_rest_hours: None, allow_overlap: false, limits: Vec::new(), softened: 0 },
            reqs: Vec::new(),
            emp_hot: Vec::new(),
            judged: Vec::new(),
            jur_masks: false,
            emp_waiver_list: Vec::new(),
            emp_training_list: Vec::new(),
            code_records: Vec::new(),
            event_index: crate::currency::EventIndex::EMPTY,
            removed: Removed { employees: empty(), shifts: empty(), records: empty(), waivers: empty(), trainings: empty(), sessions: empty(), events: empty() },
            change_log: Vec::new(),
        };
        let mut model = EMPTY;
        // Every id map, named by a pattern without `..` so that a map added to the model must
        // be added here.
        let Model {
            type_by_code,
            jur_by_code,
            session_by_id,
            event_by_id,
            event_kinds,
            loc_by_id,
            team_by_id,
            role_by_id,
            queue_by_id,
            emp_by_id,
            shift_ids,
            types: _,
            groups: _,
            jurisdictions: _,
            records: _,
            waivers: _,
            trainings: _,
            sessions: _,
            events: _,
            locations: _,
            teams: _,
            roles: _,
            queues: _,
            employees: _,
            shifts: _,
            shift_queues: _,
            crews: _,
            rules: _,
            reqs: _,
            emp_hot: _,
            judged: _,
            jur_masks: _,
            emp_waiver_list: _,
            emp_training_list: _,
            code_records: _,
            event_index: _,
            removed: _,
            change_log: _,
        } = &mut model;
        for ids in [type_by_code, jur_by_code, session_by_id, event_by_id, event_kinds, loc_by_id, team_by_id, role_by_id, queue_by_id, emp_by_id, shift_ids] {
            ids.seed();
        }
        model
    }
}

impl Model {
    /// The index of the employee with id `id`, unless removed.
    #[inline]
    pub fn find_employee(&self, id: &str) -> Option<EmpIdx> {
        self.emp_by_id.find(id).filter(|&e| !Removed::at(&self.removed.employees, e))
    }

    /// The index of the shift with id `id`, unless removed.
    #[inline]
    pub fn find_shift(&self, id: &str) -> Option<ShiftIdx> {
        self.shift_ids.find(id).filter(|&s| !Removed::at(&self.removed.shifts, s))
    }

    /// Whether employee `e` exists (in range, not removed).
    #[inline]
    pub fn employee_live(&self, e: EmpIdx) -> bool {
        (e as usize) < self.employees.len() && !Removed::at(&self.removed.employees, e)
    }

    /// Whether shift `s` exists (in range, not removed).
    #[inline]
    pub fn shift_live(&self, s: ShiftIdx) -> bool {
        (s as usize) < self.shifts.len() && !Removed::at(&self.removed.shifts, s)
    }

    /// Whether credential record `r` exists.
    #[inline]
    pub fn record_live(&self, r: u32) -> bool {
        (r as usize) < self.records.len() && !Removed::at(&self.removed.records, r)
    }

    /// Whether waiver `w` exists.
    #[inline]
    pub fn waiver_live(&self, w: u32) -> bool {
        (w as usize) < self.waivers.len() && !Removed::at(&self.removed.waivers, w)
    }

    /// Whether training `t` exists.
    #[inline]
    pub fn training_live(&self, t: u32) -> bool {
        (t as usize) < self.trainings.len() && !Removed::at(&self.removed.trainings, t)
    }

    /// Whether session `s` exists.
    #[inline]
    pub fn session_live(&self, s: u32) -> bool {
        (s as usize) < self.sessions.len() && !Removed::at(&self.removed.sessions, s)
    }

    /// Whether event `v` exists.
    #[inline]
    pub fn event_live(&self, v: u32) -> bool {
        (v as usize) < self.events.len() && !Removed::at(&self.removed.events, v)
    }

    /// The index of the session with id `id`, unless removed.
    #[inline]
    pub fn find_session(&self, id: &str) -> Option<u32> {
        self.session_by_id.find(id).filter(|&s| !Removed::at(&self.removed.sessions, s))
    }

    /// The id of shift `s`.
    pub fn shift_id(&self, s: ShiftIdx) -> &str {
        self.shift_ids.get(s)
    }

    /// The crew rules of shift `s`.
    #[inline]
    pub fn crew_of(&self, s: ShiftIdx) -> &[Crew] {
        self.shifts.get(s as usize).map_or(&[], |sh| sh.crew.of(&self.crews))
    }

    /// The packed records of employee `emp`, by code met then record.
    #[inline]
    pub fn judged_of(&self, emp: EmpIdx) -> &[Judged] {
        self.emp_hot.get(emp as usize).map_or(&[], |h| h.judged.of(&self.judged))
    }

    /// Employee `emp`'s `(code met, record)` pairs, by code then record: each record under its
    /// own type and under each type it satisfies.
    pub fn emp_records(&self, emp: EmpIdx) -> impl Iterator<Item = (CodeIdx, u32)> + '_ {
        self.judged_of(emp).iter().map(|j| (j.code, j.rec))
    }

    /// The records of employee `emp` that meet `code`.
    pub fn records_for(&self, emp: EmpIdx, code: CodeIdx) -> impl Iterator<Item = u32> + '_ {
        self.judged_for(emp, code).iter().map(|j| j.rec)
    }

    /// The packed records of employee `emp` that meet `code`.
    #[inline]
    pub fn judged_for(&self, emp: EmpIdx, code: CodeIdx) -> &[Judged] {
        let list = self.judged_of(emp);
        // An employee holds a dozen records or so: a scan with a branch that is almost always
        // predicted beats a binary search whose every step is a coin toss. A code's run is
        // short (one or two records): counted, not searched.
        let lo = if list.len() <= 32 { list.iter().take_while(|j| j.code < code).count() } else { list.partition_point(|j| j.code < code) };
        let hi = lo + list[lo..].iter().take_while(|j| j.code == code).count();
        &list[lo..hi]
    }

    /// Whether record `j` is valid in jurisdiction `jurisdiction` (false without one).
    #[inline]
    pub fn covers(&self, j: &Judged, jurisdiction: Option<JurIdx>) -> bool {
        let Some(x) = jurisdiction else { return false };
        if !j.has(Judged::HAS_VALID_IN) {
            return false;
        }
        if self.jur_masks {
            j.jur_mask & (1u64 << x) != 0
        } else {
            self.records[j.rec as usize].valid_in.as_ref().is_some_and(|list| list.binary_search(&x).is_ok())
        }
    }

    /// The waivers of employee `emp`, by code.
    pub fn waivers_of(&self, emp: EmpIdx) -> &[(CodeIdx, u32)] {
        self.emp_hot.get(emp as usize).map_or(&[], |h| h.waivers.of(&self.emp_waiver_list))
    }

    /// The waivers of employee `emp` for `code`.
    #[inline]
    pub fn waivers_for(&self, emp: EmpIdx, code: CodeIdx) -> &[(CodeIdx, u32)] {
        slice_for(self.waivers_of(emp), code)
    }

    /// The scheduled trainings of employee `emp`, by start.
    #[inline]
    pub fn trainings_of(&self, emp: EmpIdx) -> &[Booked] {
        self.emp_hot.get(emp as usize).map_or(&[], |h| h.trainings.of(&self.emp_training_list))
    }

    /// The assignments of employee `emp`, by start.
    #[inline]
    pub fn shifts_of(&self, emp: EmpIdx) -> &[Assignment] {
        self.emp_hot.get(emp as usize).map_or(&[], |h| &h.shifts)
    }

    /// Whether employee `emp` may work a shift of `role`.
    #[inline]
    pub fn may_work(&self, emp: EmpIdx, role: u32) -> bool {
        match self.emp_hot.get(emp as usize).map_or(RoleSet::List, |h| h.roles) {
            RoleSet::Any => true,
            RoleSet::Bits(bits) => role < 64 && bits & (1u64 << role) != 0,
            RoleSet::List => self.employees.get(emp as usize).is_some_and(|e| e.may_work(role)),
        }
    }

    /// The jurisdiction of a location, if it has one.
    #[inline]
    pub fn jurisdiction_of(&self, location: Option<u32>) -> Option<JurIdx> {
        location.and_then(|l| self.locations.get(l as usize)).and_then(|l| l.jurisdiction)
    }

    /// Inserts `shift` into `emp`'s assignment index, keeping it sorted.
    pub fn index_assignment(&mut self, emp: EmpIdx, shift: ShiftIdx) {
        let Some(sh) = self.shifts.get(shift as usize) else { return };
        let entry = Assignment::new(shift, sh.start.ms, sh.end.ms);
        let Some(hot) = self.emp_hot.get_mut(emp as usize) else { return };
        if hot.shifts.iter().any(|a| a.shift == shift) {
            return;
        }
        let at = hot.shifts.partition_point(|a| (a.start, a.shift) < (entry.start, shift));
        hot.shifts.insert(at, entry);
    }

    /// Removes `shift` from `emp`'s assignment index.
    pub fn unindex_assignment(&mut self, emp: EmpIdx, shift: ShiftIdx) {
        if let Some(hot) = self.emp_hot.get_mut(emp as usize) {
            hot.shifts.retain(|a| a.shift != shift);
        }
    }
}

fn slice_for(list: &[(CodeIdx, u32)], code: CodeIdx) -> &[(CodeIdx, u32)] {
    let lo = list.partition_point(|&(c, _)| c < code);
    let hi = lo + list[lo..].partition_point(|&(c, _)| c == code);
    &list[lo..hi]
}

/// Both documents as read, kept for `export`.
///
/// They are kept as JSON text rather than as a parsed tree: the text is several times smaller
/// than the tree, and `export` is rare beside checks, so it parses the text again (it is known
/// to be valid) and applies the edits.
#[derive(Debug, Clone)]
pub struct Sources {
    pub roster: String,
    pub credentials: String,
}

impl Sources {
    /// The documents as values.
    pub fn parse(&self) -> (Value, Value) {
        let parse = |text: &str| crate::json::parse(text).map(|p| p.value).unwrap_or(Value::Object(Vec::new()));
        (parse(&self.roster), parse(&self.credentials))
    }
}
