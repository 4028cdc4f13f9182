//! The loaded, interned model of both documents, and the indexes that make checks fast.
//!
//! Every id is interned at load to a dense `u32` (its position in its collection), so a check
//! compares integers and indexes vectors instead of hashing strings. Credentials are indexed by
//! employee and by the code they meet (their own type and every code their type `satisfies`),
//! sorted so that the records one check weighs sit next to each other. Requirements are compiled
//! once into [`Req`] trees held in one arena and shared by every role, location, queue and shift
//! that names them.
//!
//! The original JSON of both documents is kept beside the model, so that `export` writes back
//! exactly what was read (unknown fields, key order, number text), with the edits applied.

use crate::ids::Ids;
use crate::json::Value;
use crate::requirement::Req;
use crate::time::{Bound, Instant};

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
}

impl CredType {
    /// The smallest `alertDays` entry, if any.
    pub fn min_alert(&self) -> Option<u32> {
        self.alert_days.first().copied()
    }
}

/// A credential record.
#[derive(Debug, Clone)]
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

/// What judging one record for one code reads, packed: the record's window, status, restriction
/// and jurisdictions, and its own type's grace, alert and jurisdictional properties.
///
/// Kept per employee in [`Model::emp_judged`], in the order of `emp_records`, so that the
/// per-drag status path reads an employee's records for a code from one short contiguous run
/// instead of chasing each `Record` (200 bytes, with its strings) and its `validIn` list.
/// Records never change after load, so the copy cannot go stale.
#[derive(Debug, Clone, Copy)]
pub struct Judged {
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
    pub from: Option<Bound>,
    pub until: Option<Bound>,
    /// Bit `j` set when `validIn` covers jurisdiction `j` (only when [`Model::jur_masks`]).
    pub jur_mask: u64,
    pub status: RecordStatus,
    pub supervised: bool,
    /// The own type is jurisdictional.
    pub jurisdictional: bool,
    /// The record has a `validIn`.
    pub has_valid_in: bool,
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
#[derive(Debug, Clone)]
pub struct Training {
    pub id: String,
    pub employee_id: String,
    pub employee: Option<EmpIdx>,
    pub code: Option<CodeIdx>,
    pub code_text: Option<String>,
    pub start: Instant,
    pub end: Instant,
    pub status: TrainingStatus,
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
#[derive(Debug, Clone)]
pub struct Employee {
    pub id: String,
    pub name: Option<String>,
    pub team: Option<u32>,
    pub location: Option<u32>,
    /// `None`: may work any role. Unknown role ids are kept as `None` entries.
    pub roles: Option<Vec<Option<u32>>>,
}

impl Employee {
    /// Whether the employee may work a shift of `role`.
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
/// `Vec` of its own when the list never changes after loading.
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
#[derive(Debug, Clone)]
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

/// Roster-wide rules.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// Least rest between two shifts of one employee, in milliseconds.
    pub min_rest_ms: Option<i64>,
    /// The hours as written, for messages.
    pub min_rest_hours: Option<f64>,
    /// Whether overlapping shifts of one employee are allowed.
    pub allow_overlap: bool,
}

/// A jurisdiction group (a licence compact).
#[derive(Debug, Clone)]
pub struct JurGroup {
    pub code: String,
    pub members: Vec<JurIdx>,
}

/// The interned model of both documents.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub types: Vec<CredType>,
    pub type_by_code: Ids,
    pub groups: Vec<JurGroup>,
    pub jurisdictions: Vec<String>,
    pub jur_by_code: Ids,
    pub records: Vec<Record>,
    pub waivers: Vec<Waiver>,
    pub trainings: Vec<Training>,

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

    /// Per employee: `(code met, record)`, sorted by code then record index.
    pub emp_records: Vec<Vec<(CodeIdx, u32)>>,
    /// Per employee: the packed [`Judged`] form of `emp_records`, same order.
    pub emp_judged: Vec<Vec<Judged>>,
    /// Whether there are at most 64 jurisdictions, so that `Judged::jur_mask` answers.
    pub jur_masks: bool,
    /// Per employee: `(code, waiver)`, sorted.
    pub emp_waivers: Vec<Vec<(CodeIdx, u32)>>,
    /// Per employee: scheduled trainings, sorted by start.
    pub emp_trainings: Vec<Vec<u32>>,
    /// Per employee: assigned shifts, sorted by start (then index).
    pub emp_shifts: Vec<Vec<ShiftIdx>>,
    /// Per shift: `(start, end)` in ms, the copy of `shifts[s].start.ms`/`end.ms` that the
    /// overlap and rest scans read: 16 bytes a shift instead of a whole `Shift`, so the scans of
    /// the per-drag path stay in cache. Build with `build_indexes`; `set_shift_times` keeps both.
    pub shift_span: Vec<(i64, i64)>,
    /// Per code: every record that meets it (any employee), for `holders`.
    pub code_records: Vec<Vec<u32>>,
}

impl Model {
    /// The id of shift `s`.
    pub fn shift_id(&self, s: ShiftIdx) -> &str {
        self.shift_ids.get(s)
    }

    /// The crew rules of shift `s`.
    #[inline]
    pub fn crew_of(&self, s: ShiftIdx) -> &[Crew] {
        self.shifts.get(s as usize).map_or(&[], |sh| sh.crew.of(&self.crews))
    }

    /// The records of employee `emp` that meet `code`.
    #[inline]
    pub fn records_for(&self, emp: EmpIdx, code: CodeIdx) -> &[(CodeIdx, u32)] {
        slice_for(&self.emp_records[emp as usize], code)
    }

    /// The packed records of employee `emp` that meet `code`.
    #[inline]
    pub fn judged_for(&self, emp: EmpIdx, code: CodeIdx) -> &[Judged] {
        let list = &self.emp_judged[emp as usize];
        let lo = list.partition_point(|j| j.code < code);
        let hi = lo + list[lo..].partition_point(|j| j.code == code);
        &list[lo..hi]
    }

    /// Whether record `j` is valid in jurisdiction `jurisdiction` (false without one).
    #[inline]
    pub fn covers(&self, j: &Judged, jurisdiction: Option<JurIdx>) -> bool {
        let Some(x) = jurisdiction else { return false };
        if !j.has_valid_in {
            return false;
        }
        if self.jur_masks {
            j.jur_mask & (1u64 << x) != 0
        } else {
            self.records[j.rec as usize].valid_in.as_ref().is_some_and(|list| list.binary_search(&x).is_ok())
        }
    }

    /// The waivers of employee `emp` for `code`.
    #[inline]
    pub fn waivers_for(&self, emp: EmpIdx, code: CodeIdx) -> &[(CodeIdx, u32)] {
        slice_for(&self.emp_waivers[emp as usize], code)
    }

    /// The jurisdiction of a location, if it has one.
    #[inline]
    pub fn jurisdiction_of(&self, location: Option<u32>) -> Option<JurIdx> {
        location.and_then(|l| self.locations.get(l as usize)).and_then(|l| l.jurisdiction)
    }

    /// Inserts `shift` into `emp`'s assignment index, keeping it sorted.
    pub fn index_assignment(&mut self, emp: EmpIdx, shift: ShiftIdx) {
        let key = (self.shifts[shift as usize].start.ms, shift);
        let shifts = &self.shifts;
        let list = &mut self.emp_shifts[emp as usize];
        if list.contains(&shift) {
            return;
        }
        let at = list.partition_point(|&s| (shifts[s as usize].start.ms, s) < key);
        list.insert(at, shift);
    }

    /// Moves shift `s` to `[start, end)`, keeping `shift_span` in step. The caller re-indexes
    /// the assignments (`emp_shifts` is sorted by start).
    pub fn set_shift_times(&mut self, s: ShiftIdx, start: Instant, end: Instant) {
        let shift = &mut self.shifts[s as usize];
        shift.start = start;
        shift.end = end;
        self.shift_span[s as usize] = (start.ms, end.ms);
    }

    /// Removes `shift` from `emp`'s assignment index.
    pub fn unindex_assignment(&mut self, emp: EmpIdx, shift: ShiftIdx) {
        self.emp_shifts[emp as usize].retain(|&s| s != shift);
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
