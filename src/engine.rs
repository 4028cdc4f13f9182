//! The engine: a loaded pair of documents and every operation of SPEC §4 on them.
//!
//! An [`Engine`] is built by [`Engine::load`], answers questions (`check`, `check_placement`,
//! `candidates`, `validate`, and the tracking reports), takes edits (`assign`, `unassign`,
//! `move_shift`, and batches of operations: the `live` module), and writes both documents back
//! with `export`.
//!
//! # Edits are atomic
//!
//! An edit is a batch of one operation (the `live` module): judged as a whole, refused when it
//! newly blocks an assignment, unless an [`Override`] (who and why) is given: then it is made and
//! logged in the roster's `changeLog`, which `export` writes. An edit returns the verdicts it
//! produces and the [`Finding`]s it creates or clears, computed over every assignment and shift
//! whose verdict the edit can touch: the shift itself, its crew, and the neighbouring shifts of
//! the people on it (overlap and rest).
//!
//! # Checking someone not assigned
//!
//! `check` of an employee who is not on the shift answers as if they were placed on it: overlap
//! and rest are computed against their other assignments, and the people already on the shift
//! can supervise them.

use crate::error::{Document, Error, Problem};
use crate::json::Value;
use crate::load;
use crate::model::*;
use crate::requirement::{self, Req};
use crate::time::{self, Instant};
use crate::verdict::{self, Reason, ReasonKind, Severity, Slot, Status, Verdict};
use serde::Serialize;

/// A loaded pair of documents, ready to answer.
#[derive(Debug, Clone)]
pub struct Engine {
    pub(crate) model: Model,
    pub(crate) sources: crate::snapshot::Texts,
    pub(crate) overrides: Vec<Value>,
    pub(crate) warnings: Vec<Problem>,
    /// Where the verdicts written for the WebAssembly package are drafted.
    pub(crate) reuse: verdict::Reuse,
    /// Edits, undo and the state of the live document (SPEC §6).
    pub(crate) live: crate::live::Live,
}

/// A successful load: the engine and the warnings about records kept but not counted.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The engine.
    pub engine: Engine,
    /// Records that were kept but cannot count, near-miss field names, and the like.
    pub warnings: Vec<Problem>,
}

/// A shift that does not exist yet, or an existing one being dragged to a new time or place.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Placement {
    /// RFC 3339 instant with an offset.
    pub start: String,
    /// RFC 3339 instant with an offset, after `start`, at most 7 days later.
    pub end: String,
    /// A location id.
    pub location_id: Option<String>,
    /// A team id (kept for the caller; teams play no part in a verdict).
    pub team_id: Option<String>,
    /// A role id.
    pub role_id: Option<String>,
    /// Queue ids.
    pub queue_ids: Vec<String>,
    /// The shift's own requirement, as in the roster document.
    pub requires: Option<Value>,
}

impl Placement {
    /// Reads a placement from a JSON object (`start`, `end`, `locationId`, `teamId`, `roleId`,
    /// `queueIds`, `requires`).
    pub fn from_value(v: &Value) -> Result<Placement, Error> {
        let Value::Object(_) = v else {
            return Err(placement_error(String::new(), &["expected an object, found ", v.type_name()]));
        };
        // Every field borrowed, failing at the first bad one in the order start, end, queueIds,
        // locationId, teamId, roleId, and copied once all are read: a `?` drops no copy.
        let start = placement_text(v, "start", true)?;
        let end = placement_text(v, "end", true)?;
        let queue_ids = match v.get("queueIds") {
            None | Some(Value::Null) => &[][..],
            Some(Value::Array(items)) => {
                if let Some((i, item)) = items.iter().enumerate().find(|(_, item)| item.as_str().is_none()) {
                    return Err(placement_error(load::element_path("queueIds", i), &["expected a string, found ", item.type_name()]));
                }
                items.as_slice()
            }
            Some(other) => return Err(placement_error(load::own("queueIds"), &["expected an array, found ", other.type_name()])),
        };
        let location_id = placement_text(v, "locationId", false)?;
        let team_id = placement_text(v, "teamId", false)?;
        let role_id = placement_text(v, "roleId", false)?;
        let own = |text: Option<&str>| text.map(load::own);
        let mut queues = Vec::with_capacity(queue_ids.len());
        for id in queue_ids.iter().filter_map(Value::as_str) {
            queues.push(load::own(id));
        }
        Ok(Placement {
            start: own(start).unwrap_or_default(),
            end: own(end).unwrap_or_default(),
            location_id: own(location_id),
            team_id: own(team_id),
            role_id: own(role_id),
            queue_ids: queues,
            requires: match v.get("requires") {
                None | Some(Value::Null) => None,
                Some(r) => Some(r.clone()),
            },
        })
    }
}

/// The string field `key` of a placement, borrowed: `None` when it is missing or `null`,
/// unless it is `required`; anything but a string is an error. One copy for the placement's
/// five string fields, where a closure was written out at each.
#[inline(never)]
fn placement_text<'v>(v: &'v Value, key: &str, required: bool) -> Result<Option<&'v str>, Error> {
    match v.get(key) {
        None | Some(Value::Null) if required => Err(placement_error(load::own(key), &["is required"])),
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(placement_error(load::own(key), &["expected a string, found ", other.type_name()])),
    }
}

/// The argument error at `placement.{key}` (`placement` itself for an empty key), its message
/// the `message` parts joined: one copy of the problem's making for the six ways a placement
/// is refused, where each wrote its own `format!`s.
#[inline(never)]
fn placement_error(key: String, message: &[&str]) -> Error {
    let path = if key.is_empty() { load::own("placement") } else { load::concat(&["placement.", &key]) };
    Error::invalid_argument(Problem { path, message: load::concat(message), document: Document::Argument })
}

/// Who allows a blocked edit, and why. Logged, and exported with the roster.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Override {
    /// Who decided (a name or an id). Required.
    pub by: String,
    /// Why. Required.
    pub reason: String,
    /// When, as an RFC 3339 instant. The WebAssembly and CLI skins fill in the current time
    /// when it is not given; the core has no clock of its own.
    pub at: Option<String>,
}

impl Override {
    /// An override made now: `at` is the [`SystemClock`](crate::SystemClock)'s time, RFC 3339 in
    /// UTC (seconds always, milliseconds when not zero), as the CLI stamps one.
    pub fn now(by: String, reason: String) -> Override {
        use crate::Clock as _;
        Override { by, reason, at: Some(time::format_instant(crate::SystemClock.now_ms(), 0)) }
    }
}

/// A problem found by `validate` or created or cleared by an edit.
///
/// A shift-level finding (`crewShortfall`) has no `employeeId`; an assignment-level finding is
/// one warn or block reason of one assignment, given in full in `reason`.
///
/// `Clone` and `PartialEq` are written out as the derived ones would be, the optional texts by
/// the out-of-line helpers [`Reason`]'s use.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// What it is about.
    pub kind: ReasonKind,
    /// `warn` or `block`.
    pub severity: Severity,
    /// The shift.
    pub shift_id: String,
    /// The employee, for an assignment-level finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employee_id: Option<String>,
    /// The crew requirement's code, when it is a single code (`crewShortfall`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The crew requirement (`crewShortfall`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requires: Option<Value>,
    /// The crew rule's minimum (`crewShortfall`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    /// How many assigned employees meet the crew requirement (`crewShortfall`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// The reason in full, for an assignment-level finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    /// For people.
    pub message: String,
}

impl Clone for Finding {
    fn clone(&self) -> Finding {
        Finding { reason: self.reason.clone(), ..self.crew_copy() }
    }
}

impl PartialEq for Finding {
    fn eq(&self, o: &Finding) -> bool {
        self.same_crew(o) && self.reason == o.reason
    }
}

impl Finding {
    /// A copy of a shift-level finding (a crew shortfall: it has no `reason`), as `clone` makes
    /// it, its reason left out (`clone` is this and the reason's copy): the batch's crew
    /// findings are copied by this (into the kept validation, and into what a batch or an edit
    /// answers), so that `clone`, with the copy of a [`Reason`]'s two dozen fields, is not in
    /// the package's WebAssembly.
    pub(crate) fn crew_copy(&self) -> Finding {
        // Every field named, so that a field added must be decided on here.
        let Finding { kind, severity, shift_id, employee_id, code, requires, min, count, reason: _, message } = self;
        Finding {
            kind: *kind,
            severity: *severity,
            shift_id: shift_id.clone(),
            employee_id: crate::verdict::copy_text(employee_id),
            code: crate::verdict::copy_text(code),
            requires: requires.clone(),
            min: *min,
            count: *count,
            reason: None,
            message: message.clone(),
        }
    }

    /// Whether two shift-level findings (no `reason` on either) are equal, as `==` answers for
    /// them: every other field compared (see [`Finding::crew_copy`]; `==` is this and the
    /// reasons compared).
    pub(crate) fn same_crew(&self, o: &Finding) -> bool {
        // Every field named, so that a field added must be decided on here.
        let Finding { kind, severity, shift_id, employee_id, code, requires, min, count, reason: _, message } = self;
        *kind == o.kind
            && *severity == o.severity
            && *shift_id == o.shift_id
            && crate::verdict::same_text(employee_id, &o.employee_id)
            && crate::verdict::same_text(code, &o.code)
            && *requires == o.requires
            && *min == o.min
            && *count == o.count
            && *message == o.message
    }

    /// The assignment-level finding of one warn or block `reason` of `employee_id` on
    /// `shift_id`.
    pub fn of_reason(shift_id: String, employee_id: String, reason: Reason) -> Finding {
        Finding {
            kind: reason.kind,
            severity: reason.severity,
            shift_id,
            employee_id: Some(employee_id),
            code: None,
            requires: None,
            min: None,
            count: None,
            message: reason.message.clone(),
            reason: Some(reason),
        }
    }
}

/// The answer of `validate`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Validation {
    /// The worst status among the verdicts and findings.
    pub status: Status,
    /// Every assignment whose verdict is `warn` or `block`, in roster order.
    pub verdicts: Vec<Verdict>,
    /// Every shift-level finding, in roster order.
    pub findings: Vec<Finding>,
}

/// One employee's standing for a shift, for highlighting drop targets.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    /// The employee.
    pub employee_id: String,
    /// The employee's name, when the roster gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `ok`, `warn` or `block`.
    pub status: Status,
    /// Whether the employee is already assigned to the shift.
    pub assigned: bool,
    /// The verdict's reasons.
    pub reasons: Vec<Reason>,
    /// The verdict's evidence.
    pub evidence: Vec<crate::verdict::Evidence>,
}

/// What an edit did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EditResult {
    /// Whether the roster changed.
    pub applied: bool,
    /// Whether the edit was refused because it would block (and no override was given).
    pub refused: bool,
    /// `assign` and `unassign`: the employee's verdict for the shift (for `unassign`, as a
    /// hypothetical placement after the edit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// `moveShift`: the verdict of each assigned employee at the new time.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub verdicts: Vec<Verdict>,
    /// Findings that exist after the edit and did not before.
    pub created: Vec<Finding>,
    /// Findings that existed before the edit and do not after.
    pub cleared: Vec<Finding>,
    /// The override log entry, when the edit was made over a block.
    #[serde(rename = "override", skip_serializing_if = "Option::is_none")]
    pub override_entry: Option<Value>,
    /// SPEC §6: always empty (an invalid edit is an `Err`), for the shape of a batch's answer.
    pub errors: Vec<Problem>,
    /// SPEC §6: the assignments whose verdict changed and the shift findings added and removed
    /// (for a refused edit: what it would have changed).
    pub changes: crate::live::Changes,
}

/// Both documents, edits applied, unknown fields kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Export {
    /// The roster document.
    pub roster: Value,
    /// The credentials document.
    pub credentials: Value,
}

pub(crate) fn argument(path: &str, message: String) -> Error {
    Error::invalid_argument(arg_problem(load::own(path), message))
}

/// The problem of an argument at `path`: what [`argument`] fails with, for a caller that
/// collects several before failing.
fn arg_problem(path: String, message: String) -> Problem {
    Problem { path, message, document: Document::Argument }
}

/// A crew shortfall's message: "needs at least MIN crew member(s) meeting WHAT; COUNT do(es)"
/// (WHAT clipped, COUNT `none` for 0), written by pushes and the messages' `push_int`, where a
/// `format!` built its arguments and went through the formatting machinery.
fn shortfall_message(min: u32, what: &str, count: u32) -> String {
    let mut out = crate::load::own("needs at least ");
    crate::human::push_int(&mut out, i64::from(min));
    out.push_str(if min == 1 { " crew member meeting " } else { " crew members meeting " });
    crate::error::push_clipped(&mut out, what);
    out.push_str("; ");
    if count == 0 {
        out.push_str("none");
    } else {
        crate::human::push_int(&mut out, i64::from(count));
    }
    out.push_str(if count == 1 { " does" } else { " do" });
    out
}

/// Id `id` looked up in `map`, the problem at `path` noted when it names no `what`: one copy
/// for a placement's location, role and queues, where a closure was written out at each.
#[inline(never)]
fn lookup(problems: &mut Vec<Problem>, path: String, id: &str, map: &crate::ids::Ids, what: &str) -> Option<u32> {
    let found = map.find(id);
    if found.is_none() {
        problems.push(arg_problem(path, crate::load::concat(&["no ", what, " has the id ", &crate::error::quoted(id)])));
    }
    found
}

/// A placement resolved against the model: what its slot is made of, and the requirement tree
/// it owns.
struct Placed {
    start: Instant,
    end: Instant,
    location: Option<u32>,
    role: Option<u32>,
    queues: Vec<u32>,
    requires: Option<Req>,
}

/// Parses an instant argument.
pub(crate) fn instant_arg(path: &str, s: &str) -> Result<Instant, Error> {
    time::parse_instant(s).map_err(|e| argument(path, e.0))
}

/// Parses a shift's new interval from two instant arguments, named `{prefix}start` and
/// `{prefix}end`: `end` after `start`, at most 7 days later ([`shift_interval`]). Both are read,
/// so that two bad instants are two problems.
pub(crate) fn interval_arg(prefix: &str, start: &str, end: &str) -> Result<(Instant, Instant), Error> {
    let mut problems = Vec::new();
    read_interval(&mut problems, prefix, start, end).ok_or_else(|| Error::invalid_arguments(problems))
}

/// [`interval_arg`], adding its problems to `problems`.
fn read_interval(problems: &mut Vec<Problem>, prefix: &str, start: &str, end: &str) -> Option<(Instant, Instant)> {
    let mut read = |path: String, text: &str| match time::parse_instant(text) {
        Ok(t) => Some((t, path)),
        Err(e) => {
            problems.push(arg_problem(path, e.0));
            None
        }
    };
    let (a, b) = (read(crate::load::concat(&[prefix, "start"]), start), read(crate::load::concat(&[prefix, "end"]), end));
    let ((start, _), (end, end_path)) = (a?, b?);
    let message = match shift_interval(start, end) {
        Ok(()) => return Some((start, end)),
        Err(bad @ BadInterval::NotAfter) => bad.message(start, end),
        Err(BadInterval::TooLong) => load::own("a shift may last at most 7 days"),
    };
    problems.push(arg_problem(end_path, message));
    None
}

impl Engine {
    /// Loads a roster and a credentials document from JSON text.
    ///
    /// Fails with every problem in both documents, each with its path; never panics.
    ///
    /// ```
    /// let err = credgate::Engine::load(r#"{"shifts": [{"id": "s1"}]}"#, "{").unwrap_err();
    /// let paths: Vec<_> = err.problems().iter().map(|p| p.path.as_str()).collect();
    /// assert_eq!(paths, ["shifts[0].start", "shifts[0].end", "credentials"]);
    /// ```
    pub fn load(roster: &str, credentials: &str) -> Result<Loaded, Error> {
        Self::from_loaded(load::load(roster, credentials)?)
    }

    /// [`Engine::load`], keeping the given text for `export` instead of a copy of it: for a
    /// caller that owns the text anyway (the WebAssembly package, whose argument arrives as a
    /// `String`), loading then needs the text only once in memory.
    ///
    /// ```
    /// let engine = credgate::Engine::load_owned("{}".to_string(), "{}".to_string()).unwrap().engine;
    /// assert_eq!(engine.export().roster.to_json(), "{}");
    /// ```
    pub fn load_owned(roster: String, credentials: String) -> Result<Loaded, Error> {
        Self::from_loaded(load::load_owned(roster, credentials)?)
    }

    /// Loads from already parsed documents.
    pub fn load_values(roster: Value, credentials: Value) -> Result<Loaded, Error> {
        Self::from_loaded(load::load_values(roster, credentials)?)
    }

    fn from_loaded(l: load::Loaded) -> Result<Loaded, Error> {
        let engine = Engine::of_model(l.model, l.sources.into(), l.overrides, l.warnings.clone());
        Ok(Loaded { engine, warnings: l.warnings })
    }

    /// An engine of a model just built, by a load or from a snapshot: nothing edited, nothing
    /// drafted. Out of line: one copy, for both, of the stores of the empty live state and
    /// drafts (decision 146).
    #[inline(never)]
    pub(crate) fn of_model(model: Model, sources: crate::snapshot::Texts, overrides: Vec<Value>, warnings: Vec<Problem>) -> Engine {
        Engine { model, sources, overrides, warnings, reuse: verdict::Reuse::default(), live: Default::default() }
    }

    /// The warnings of the load.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    /// The dense index of an employee id: stable until the engine is dropped.
    pub fn employee_index(&self, id: &str) -> Option<u32> {
        self.model.find_employee(id)
    }

    /// The dense index of a shift id.
    pub fn shift_index(&self, id: &str) -> Option<u32> {
        self.model.find_shift(id)
    }

    /// Employee ids in index order (index `i` is employee index `i`), removed ones included: an
    /// index keeps its id for the engine's life, and the document order is that of the others.
    pub fn employee_ids(&self) -> impl Iterator<Item = &str> {
        self.model.employees.iter().map(|e| e.id.as_str())
    }

    /// Shift ids in index order (index `i` is shift index `i`), removed ones included, as
    /// [`Engine::employee_ids`].
    pub fn shift_ids(&self) -> impl Iterator<Item = &str> {
        self.model.shift_ids.iter()
    }

    /// The employees assigned to a shift, in order.
    pub fn assigned(&self, shift_id: &str) -> Result<Vec<&str>, Error> {
        let s = self.shift(shift_id)?;
        Ok(self.model.shifts[s as usize].assigned.iter().map(|&e| self.model.employees[e as usize].id.as_str()).collect())
    }

    pub(crate) fn employee(&self, id: &str) -> Result<EmpIdx, Error> {
        self.employee_index(id).ok_or_else(|| Error::unknown_employee(id))
    }

    pub(crate) fn shift(&self, id: &str) -> Result<ShiftIdx, Error> {
        self.shift_index(id).ok_or_else(|| Error::unknown_shift(id))
    }

    /// The verdict: may employee `employee_id` work shift `shift_id`?
    pub fn check(&self, employee_id: &str, shift_id: &str) -> Result<Verdict, Error> {
        let e = self.employee(employee_id)?;
        let s = self.shift(shift_id)?;
        Ok(verdict::verdict(&self.model, e, &Slot::of(&self.model, s), Some(s)))
    }

    /// The status alone, by dense indexes, with no allocation: the per-drag path.
    /// `None` when an index is out of range (or names a removed employee or shift).
    #[inline]
    pub fn status(&self, employee: u32, shift: u32) -> Option<Status> {
        if !self.model.employee_live(employee) || !self.model.shift_live(shift) {
            return None;
        }
        Some(verdict::status(&self.model, employee, &Slot::of(&self.model, shift)))
    }

    /// The status of every employee for a shift, by employee index, written into `out`
    /// (cleared first). No allocation once `out` has grown to the number of employees. A
    /// removed employee's entry is `block`: nobody can place them.
    pub fn statuses_into(&self, shift: u32, out: &mut Vec<Status>) -> bool {
        out.clear();
        if !self.model.shift_live(shift) {
            return false;
        }
        let slot = Slot::of(&self.model, shift);
        out.extend((0..self.model.employees.len() as u32).map(|e| if self.model.employee_live(e) { verdict::status(&self.model, e, &slot) } else { Status::Block }));
        true
    }

    /// Resolves a placement into a slot and the requirement tree it owns; fails with every
    /// problem among its fields, each with its path (in the placement's field order).
    fn placement_parts(&self, placement: &Placement) -> Result<Placed, Error> {
        let m = &self.model;
        let mut problems: Vec<Problem> = Vec::new();
        let interval = read_interval(&mut problems, "placement.", &placement.start, &placement.end);
        let location = placement.location_id.as_deref().and_then(|id| lookup(&mut problems, load::own("placement.locationId"), id, &m.loc_by_id, "location"));
        let role = placement.role_id.as_deref().and_then(|id| lookup(&mut problems, load::own("placement.roleId"), id, &m.role_by_id, "role"));
        let mut queues = Vec::with_capacity(placement.queue_ids.len());
        for (i, q) in placement.queue_ids.iter().enumerate() {
            queues.push(lookup(&mut problems, crate::load::element_path("placement.queueIds", i), q, &m.queue_by_id, "queue").unwrap_or(0));
        }
        let requires = placement.requires.as_ref().and_then(|v| {
            let lookup = |code: &str| m.type_by_code.find(code).ok_or_else(|| crate::load::concat(&["unknown credential code ", &crate::error::quoted(code)]));
            requirement::parse(v, &lookup)
                .map_err(|errors| problems.extend(errors.into_iter().map(|e| arg_problem(crate::load::concat(&["placement.requires", &e.suffix]), e.message))))
                .ok()
        });
        match interval {
            Some((start, end)) if problems.is_empty() => Ok(Placed { start, end, location, role, queues, requires }),
            _ => Err(Error::invalid_arguments(problems)),
        }
    }

    /// The verdict for a shift that does not exist yet, or an existing one dragged elsewhere.
    ///
    /// `ignore_shift_id` names the shift being moved: it does not overlap itself, and the people
    /// on it come along as possible supervisors. The verdict's `shiftId` is `ignore_shift_id`.
    pub fn check_placement(&self, employee_id: &str, placement: &Placement, ignore_shift_id: Option<&str>) -> Result<Verdict, Error> {
        let mut scratch = verdict::Scratch::default();
        self.draft_placement(employee_id, placement, ignore_shift_id, &mut scratch)?;
        Ok(verdict::first(&self.model, &scratch))
    }

    /// Drafts the verdict of [`Engine::check_placement`] into `scratch` (emptied first).
    pub(crate) fn draft_placement(&self, employee_id: &str, placement: &Placement, ignore_shift_id: Option<&str>, scratch: &mut verdict::Scratch) -> Result<(), Error> {
        let e = self.employee(employee_id)?;
        let ignore = ignore_shift_id.map(|id| self.shift(id)).transpose()?;
        let Placed { start, end, location, role, queues, requires } = self.placement_parts(placement)?;
        let coworkers: &[EmpIdx] = match ignore {
            Some(s) => &self.model.shifts[s as usize].assigned,
            None => &[],
        };
        let slot = Slot { start, end, location, role, queues: &queues, requires: requires.as_ref(), coworkers, ignore: [ignore, None], by_code: None };
        scratch.drafts.clear();
        verdict::draft(&self.model, e, &slot, ignore, scratch);
        Ok(())
    }

    /// Every employee's standing for a shift, best first: `ok`, then `warn`, then `block`;
    /// within a status, fewer reasons first, then roster order.
    pub fn candidates(&self, shift_id: &str) -> Result<Vec<Candidate>, Error> {
        let s = self.shift(shift_id)?;
        let m = &self.model;
        let mut scratch = verdict::Scratch::default();
        let order = self.draft_candidates(s, &mut scratch);
        let drafts = &scratch.drafts;
        let assigned = &m.shifts[s as usize].assigned;
        Ok(order
            .iter()
            .filter_map(|&i| {
                let h = drafts.heads.get(i as usize)?;
                let (reasons, evidence) = drafts.parts(m, i as usize);
                let employee = &m.employees[h.emp as usize];
                Some(Candidate {
                    employee_id: employee.id.clone(),
                    name: employee.name.clone(),
                    status: h.status,
                    assigned: crate::model::listed(assigned, h.emp),
                    reasons,
                    evidence,
                })
            })
            .collect())
    }

    /// Drafts every employee's verdict for shift `s` into `scratch` (emptied first), in roster
    /// order, and returns the order of [`Engine::candidates`]: indexes into the drafts.
    pub(crate) fn draft_candidates(&self, s: ShiftIdx, scratch: &mut verdict::Scratch) -> Vec<u32> {
        let m = &self.model;
        let slot = Slot::of(m, s);
        scratch.drafts.clear();
        for e in (0..m.employees.len() as EmpIdx).filter(|&e| m.employee_live(e)) {
            verdict::draft(m, e, &slot, None, scratch);
        }
        // (status, reasons, roster index): unique keys, so an unstable sort of these pairs
        // orders as a stable sort by (status, reasons) would.
        let mut keys: Vec<(u32, u32)> = scratch
            .drafts
            .heads
            .iter()
            .enumerate()
            .map(|(i, h)| (((h.status as u32) << 24) | (h.reasons.1 - h.reasons.0).min(0xff_ffff), i as u32))
            .collect();
        crate::sort::sort_pairs(&mut keys);
        keys.into_iter().map(|(_, i)| i).collect()
    }

    /// Every assignment that is not `ok`, and every shift-level finding.
    ///
    /// The first call judges every assignment; the engine keeps the answer and every applied
    /// batch, undo and redo refreshes what it can have changed, so that a call after an edit
    /// writes the kept answer (the same as judging afresh).
    pub fn validate(&self) -> Validation {
        let m = &self.model;
        self.with_validation(|drafts, status, order, findings| {
            let verdicts = order.iter().filter_map(|&i| drafts.verdict(m, i as usize)).collect();
            Validation { status, verdicts, findings: findings.to_vec() }
        })
    }

    /// Drafts the verdict of every assignment that is not `ok` into `scratch` (emptied first)
    /// and returns `validate`'s status, the order of its verdicts (indexes into the drafts),
    /// its shift-level findings and the shift of each (which the kept validation keeps beside
    /// them).
    pub(crate) fn draft_validation(&self, scratch: &mut verdict::Scratch) -> (Status, Vec<u32>, Vec<Finding>, Vec<ShiftIdx>) {
        let m = &self.model;
        let mut findings = Vec::new();
        let mut status = Status::Ok;
        scratch.drafts.clear();
        // Employee by employee: an employee's records and shifts stay in cache across all of
        // their assignments (status, then the verdict of each that is not ok), where roster
        // order would fetch them afresh for each one. The verdicts are then put in roster
        // order: by shift, then by place in the shift's `assigned`.
        // (shift, index of the draft): the same key type as `candidates`' sort, so that one
        // sort is compiled for both.
        let mut keys: Vec<(u32, u32)> = Vec::new();
        // The place of each in its shift's `assigned`.
        let mut place: Vec<usize> = Vec::new();
        let mut by_code = verdict::ByCode::default();
        for (e, hot) in m.emp_hot.iter().enumerate() {
            let e = e as EmpIdx;
            // Indexing the employee's records reads them all: what `verdict::status` does first
            // on a cold employee, so the checks below need not.
            by_code.set(m, e);
            // Start loading all of the employee's shifts (each a cache miss, in roster order),
            // so that the misses overlap instead of following one another.
            let touched = hot.shifts.iter().fold(0, |x, a| {
                m.shifts.get(a.shift as usize).map_or(x, |sh| x ^ sh.start.ms ^ sh.end.ms ^ sh.assigned.len() as i64 ^ i64::from(sh.requires.unwrap_or(0)))
            });
            std::hint::black_box(touched);
            for &Assignment { shift: s, .. } in &hot.shifts {
                let slot = Slot { by_code: Some(&by_code), ..Slot::of(m, s) };
                if verdict::status_warm(m, e, &slot) != Status::Ok {
                    keys.push((s, scratch.drafts.heads.len() as u32));
                    status = status.max(verdict::draft(m, e, &slot, Some(s), scratch));
                    place.push(slot.coworkers.iter().position(|&x| x == e).unwrap_or(0));
                }
            }
        }
        crate::sort::sort_pairs(&mut keys);
        // Several people on one shift came in employee order: put them in `assigned` order.
        let place = |&(_, i): &(u32, u32)| place.get(i as usize).copied();
        for run in keys.chunk_by_mut(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
            for k in 1..run.len() {
                let mut j = k;
                while j > 0 && place(&run[j - 1]) > place(&run[j]) {
                    run.swap(j - 1, j);
                    j -= 1;
                }
            }
        }
        let mut crew_of = Vec::new();
        for s in (0..m.shifts.len() as ShiftIdx).filter(|&s| m.shift_live(s)) {
            self.crew_findings(s, &mut findings);
            crew_of.resize(findings.len(), s);
        }
        status = findings.iter().map(|f| f.severity.status()).fold(status, Status::max);
        (status, keys.into_iter().map(|(_, i)| i).collect(), findings, crew_of)
    }

    /// The `crewShortfall` findings of one shift.
    pub(crate) fn crew_findings(&self, s: ShiftIdx, out: &mut Vec<Finding>) {
        let m = &self.model;
        let shift = &m.shifts[s as usize];
        let crews = m.crew_of(s);
        if crews.is_empty() {
            return;
        }
        let slot = Slot::of(m, s);
        for crew in crews {
            let req = &m.reqs[crew.requires as usize];
            let count = shift.assigned.iter().filter(|&&e| verdict::req_counts(m, e, req, &slot)).count() as u32;
            if count < crew.min {
                let names = |c: u32| m.types[c as usize].code.clone();
                let requires = req.to_value(&names);
                let code = match req {
                    Req::Code(c) => Some(names(*c)),
                    _ => None,
                };
                let what = code.clone().unwrap_or_else(|| requires.to_json());
                let message = shortfall_message(crew.min, &what, count);
                out.push(Finding {
                    kind: ReasonKind::CrewShortfall,
                    severity: m.rules.severity(ReasonKind::CrewShortfall),
                    shift_id: crate::load::own(m.shift_id(s)),
                    employee_id: None,
                    code,
                    requires: Some(requires),
                    min: Some(crew.min),
                    count: Some(count),
                    reason: None,
                    message,
                });
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Edits.

    /// Both documents with every edit applied. Unknown fields, key order and number text are
    /// kept; loading the export gives the same verdicts.
    pub fn export(&self) -> Export {
        let (mut roster, mut credentials) = self.sources.parse();
        self.export_live(&mut roster, &mut credentials);
        if !self.overrides.is_empty() || roster.get("overrides").is_some() {
            roster.set("overrides", Value::Array(self.overrides.clone()));
        }
        Export { roster, credentials }
    }
}
