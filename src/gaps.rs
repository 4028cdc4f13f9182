//! Gap reports: where, in a window of time, a team or a location runs short of qualified people.
//!
//! This module owns [`Gaps`], its parts, [`GroupBy`] and [`Engine::gaps`]. The window is the
//! half-open interval `[from, to)`, at most 366 days long. Everything is reported per group:
//! per location or per team, as asked. A shift belongs to the group of its own `locationId` or
//! `teamId`; an employee to the group of their home `locationId` or `teamId`. Whatever has no
//! group (or names one the roster does not have) goes to a group whose `id` is `null`, listed
//! last and only when it holds something. Every location (or team) of the roster is listed, in
//! roster order, even when it has nothing to report.
//!
//! Each group reports:
//!
//! - **`expiries`**: per credential type, the records of the group's employees that stop being
//!   valid inside the window, counted as `alerts` counts them: only the record that stays
//!   valid longest for each employee and type, so a card already renewed is not an expiry. The
//!   expiry instant (`validUntil`, read in `from`'s offset) lies in `[from, to)`.
//! - **`blockedShifts`**: each assignment of the group's shifts overlapping the window whose
//!   verdict is `block`, with the blocking reasons.
//! - **`openShifts`**: the group's shifts overlapping the window that nobody can work: no
//!   employee at all (assigned or not) has a verdict of `ok` or `warn` for them.
//! - **`headcount`**: per code and per local day of the window (days in `from`'s offset, each
//!   the whole day from 00:00 to 24:00, listed once in [`Gaps::days`]), how many of the group's
//!   employees validly held the code at every instant of the day, as [`Engine::holders`]
//!   counts: through active records of the code or of a type that satisfies it (one record, or
//!   several that join up: a card renewed at noon keeps the day covered), current on the
//!   record's own type's `currency` (SPEC §8) for the whole day, no grace, no
//!   waivers, jurisdiction and restrictions not applied. The codes are those the group needs: named by
//!   the roles of its employees, by its location (grouping by location), and by the
//!   requirements and crew rules of its shifts in the window.
//! - **`trainings`**: the `scheduled` trainings of the group's employees overlapping the window,
//!   with the assigned shifts each one collides with.
//!
//! # Example
//!
//! ```
//! use credgate::{Engine, GroupBy};
//! let credentials = r#"{"credentialTypes": [{"code": "BLS"}],
//!   "credentials": [{"id": "c1", "employeeId": "e1", "code": "BLS", "validUntil": "2026-12-02"}]}"#;
//! let roster = r#"{"locations": [{"id": "hou", "requires": "BLS"}],
//!   "employees": [{"id": "e1", "locationId": "hou"}],
//!   "shifts": [{"id": "s1", "start": "2026-12-03T07:00:00-06:00", "end": "2026-12-03T19:00:00-06:00",
//!               "locationId": "hou", "assigned": ["e1"]}]}"#;
//! let engine = Engine::load(roster, credentials)?.engine;
//! let gaps = engine.gaps("2026-12-01T00:00:00-06:00", "2026-12-04T00:00:00-06:00", GroupBy::Location)?;
//! assert_eq!(gaps.days, ["2026-12-01", "2026-12-02", "2026-12-03"]);
//! let hou = &gaps.groups[0];
//! assert_eq!(hou.id.as_deref(), Some("hou"));
//! assert_eq!(hou.expiries[0].credential_ids, ["c1"]);
//! assert_eq!(hou.blocked_shifts[0].shift_id, "s1");
//! assert_eq!(hou.open_shifts[0].shift_id, "s1"); // nobody else could work it either
//! assert_eq!(hou.headcount[0].counts, [1, 1, 0]);
//! # Ok::<(), credgate::Error>(())
//! ```

use crate::alerts::{longest_records, role_codes, shift_codes, shift_requirements};
use crate::engine::{instant_arg, Engine};
use crate::error::{Document, Error, Problem};
use crate::load::{concat, own};
use crate::model::{CodeIdx, EmpIdx, Model, RecordStatus, ShiftIdx};
use crate::requirement::Req;
use crate::sort;
use crate::time::{self, DAY_MS};
use crate::verdict::{self, Reason, Severity, Slot, Status};
use serde::Serialize;
#[cfg(any(target_arch = "wasm32", test))]
use crate::{
    plan::write::{integer, list, maybe_text, text, texts},
    verdict::write::Out,
};

/// The longest window `gaps` accepts, in days.
pub const MAX_GAP_DAYS: i64 = 366;

/// The error of a window longer than [`MAX_GAP_DAYS`] (the number written out: a literal, where
/// `format!` brought core's formatting in; `window_is_validated` checks the two agree).
const TOO_LONG: &str = "the window may be at most 366 days long";

names! {
    /// What to group a gap report by.
    pub enum GroupBy {
        /// By location: a shift's `locationId`, an employee's home `locationId`.
        Location = "location",
        /// By team: a shift's `teamId`, an employee's `teamId`.
        Team = "team",
    }
}

impl std::str::FromStr for GroupBy {
    type Err = Error;
    /// Reads `"location"` or `"team"`.
    fn from_str(s: &str) -> Result<GroupBy, Error> {
        // Pieces joined by `concat`, not `format!`: the crate keeps core's formatting out of the
        // package's `.wasm`.
        GroupBy::from_name(s).ok_or_else(|| argument("groupBy", concat(&["expected ", &crate::names::alternatives(GroupBy::NAMES), ", found ", &crate::error::quoted(s)])))
    }
}

/// A gap report: per group, what runs short in the window `[from, to)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Gaps {
    /// The window's start, as given (normalized RFC 3339).
    pub from: String,
    /// The window's end (exclusive).
    pub to: String,
    /// How the groups are formed.
    pub group_by: GroupBy,
    /// The local days of the window in `from`'s offset (`YYYY-MM-DD`): the columns of every
    /// [`Headcount::counts`].
    pub days: Vec<String>,
    /// Every location (or team) in roster order, then the `null` group when it holds anything.
    pub groups: Vec<GapGroup>,
}

/// One group of a gap report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GapGroup {
    /// The location or team id; `null` for what has none.
    pub id: Option<String>,
    /// Its name, when the roster gives one.
    pub name: Option<String>,
    /// How many employees have it as their home location (or team).
    pub member_count: u32,
    /// Per credential type, the records that expire inside the window.
    pub expiries: Vec<Expiries>,
    /// Assignments of the group's shifts in the window whose verdict blocks.
    pub blocked_shifts: Vec<BlockedShift>,
    /// The group's shifts in the window that no employee can work.
    pub open_shifts: Vec<OpenShift>,
    /// Qualified headcount per code per day.
    pub headcount: Vec<Headcount>,
    /// Scheduled trainings of the group's employees in the window.
    pub trainings: Vec<TrainingWindow>,
}

/// The records of one credential type that expire inside the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Expiries {
    /// The records' own type.
    pub code: String,
    /// How many.
    pub count: u32,
    /// The records, by expiry.
    pub credential_ids: Vec<String>,
    /// Their employees, in the same order.
    pub employee_ids: Vec<String>,
}

/// An assignment whose verdict blocks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockedShift {
    /// The shift.
    pub shift_id: String,
    /// The employee assigned to it.
    pub employee_id: String,
    /// The shift's start.
    pub start: String,
    /// The shift's end.
    pub end: String,
    /// The verdict's `block` reasons.
    pub reasons: Vec<Reason>,
}

/// A shift that no employee can work.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenShift {
    /// The shift.
    pub shift_id: String,
    /// The shift's start.
    pub start: String,
    /// The shift's end.
    pub end: String,
    /// How many employees are assigned (all of them blocked).
    pub assigned_count: u32,
}

/// How many of a group's employees held a code, day by day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Headcount {
    /// The code.
    pub code: String,
    /// One count per day of [`Gaps::days`].
    pub counts: Vec<u32>,
    /// The smallest count.
    pub min: u32,
}

/// A scheduled training that takes an employee out.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrainingWindow {
    /// The training session.
    pub training_id: String,
    /// The employee.
    pub employee_id: String,
    /// The code it renews, as written.
    pub code: Option<String>,
    /// Its start.
    pub start: String,
    /// Its end.
    pub end: String,
    /// The employee's assigned shifts that overlap it (each reads `inTraining`).
    pub shift_ids: Vec<String>,
}

#[cfg(any(target_arch = "wasm32", test))]
impl Gaps {
    /// Writes the report onto `out` (the WebAssembly package's tape) as its `Serialize` would:
    /// the same keys in the same order, `None` as `null`. Serde's code for the report's seven
    /// types, instantiated for the tape, kept a field loop per type and checked a `Result` after
    /// every field; here each field is one call to the renewal plan's helpers, and a blocked
    /// shift's reasons are written as a verdict's (`crate::written::reasons`).
    pub(crate) fn write(&self, out: &mut impl Out) {
        out.object(5);
        text(out, "from", &self.from);
        text(out, "to", &self.to);
        out.name("groupBy");
        out.name(self.group_by.as_str());
        texts(out, "days", &self.days);
        list(out, "groups", self.groups.len());
        for g in &self.groups {
            out.object(8);
            maybe_text(out, "id", g.id.as_deref());
            maybe_text(out, "name", g.name.as_deref());
            integer(out, "memberCount", g.member_count.into());
            list(out, "expiries", g.expiries.len());
            for x in &g.expiries {
                out.object(4);
                text(out, "code", &x.code);
                integer(out, "count", x.count.into());
                texts(out, "credentialIds", &x.credential_ids);
                texts(out, "employeeIds", &x.employee_ids);
            }
            list(out, "blockedShifts", g.blocked_shifts.len());
            for b in &g.blocked_shifts {
                out.object(5);
                text(out, "shiftId", &b.shift_id);
                text(out, "employeeId", &b.employee_id);
                text(out, "start", &b.start);
                text(out, "end", &b.end);
                out.name("reasons");
                crate::written::reasons(out, &b.reasons);
            }
            list(out, "openShifts", g.open_shifts.len());
            for o in &g.open_shifts {
                out.object(4);
                text(out, "shiftId", &o.shift_id);
                text(out, "start", &o.start);
                text(out, "end", &o.end);
                integer(out, "assignedCount", o.assigned_count.into());
            }
            list(out, "headcount", g.headcount.len());
            for h in &g.headcount {
                out.object(3);
                text(out, "code", &h.code);
                list(out, "counts", h.counts.len());
                for &c in &h.counts {
                    out.integer(c.into());
                }
                integer(out, "min", h.min.into());
            }
            list(out, "trainings", g.trainings.len());
            for t in &g.trainings {
                out.object(6);
                text(out, "trainingId", &t.training_id);
                text(out, "employeeId", &t.employee_id);
                maybe_text(out, "code", t.code.as_deref());
                text(out, "start", &t.start);
                text(out, "end", &t.end);
                texts(out, "shiftIds", &t.shift_ids);
            }
        }
    }
}

/// An invalid argument's error at `path`: one copy for the window's two checks and a bad
/// `groupBy`.
fn argument(path: &str, message: String) -> Error {
    Error::invalid_argument(Problem { path: path.into(), message, document: Document::Argument })
}

struct Window {
    from_ms: i64,
    to_ms: i64,
    offset_s: i32,
    first_day: i32,
    days: usize,
}

impl Window {
    /// The days `[a, b)` (indexes into the window's days) wholly inside `[from_ms, until_ms)`.
    fn covered_days(&self, from_ms: i64, until_ms: i64) -> (usize, usize) {
        let off = i64::from(self.offset_s) * 1000;
        let first = from_ms.saturating_add(off).saturating_add(DAY_MS - 1).div_euclid(DAY_MS);
        let last = until_ms.saturating_add(off).div_euclid(DAY_MS);
        let clip = |d: i64| (d - i64::from(self.first_day)).clamp(0, self.days as i64) as usize;
        (clip(first), clip(last))
    }
}

impl Engine {
    /// A gap report for the window `[from, to)`, per location or per team (see the module
    /// docs for what each part counts).
    ///
    /// Fails with an [`InvalidArgument`](crate::ErrorKind::InvalidArgument) error when an instant is malformed, when `to` is not
    /// after `from`, or when the window is longer than 366 days.
    pub fn gaps(&self, from: &str, to: &str, group_by: GroupBy) -> Result<Gaps, Error> {
        let from_t = instant_arg("from", from)?;
        let to_t = instant_arg("to", to)?;
        // Each written once: for the error, or for the report.
        let (from_text, to_text) = (from_t.to_rfc3339(), to_t.to_rfc3339());
        if to_t.ms <= from_t.ms {
            return Err(argument("to", concat(&[&to_text, " is not after from ", &from_text])));
        }
        if to_t.ms - from_t.ms > MAX_GAP_DAYS * DAY_MS {
            return Err(argument("to", own(TOO_LONG)));
        }
        let m = &self.model;
        let first_day = from_t.local_day();
        let last_day = time::local_day(to_t.ms - 1, from_t.offset_s);
        let w = Window { from_ms: from_t.ms, to_ms: to_t.ms, offset_s: from_t.offset_s, first_day, days: (last_day - first_day + 1) as usize };

        let n_known = match group_by {
            GroupBy::Location => m.locations.len(),
            GroupBy::Team => m.teams.len(),
        };
        let slot_of = |g: Option<u32>| g.map_or(n_known, |g| g as usize);
        let emp_group = |e: EmpIdx| {
            let emp = &m.employees[e as usize];
            slot_of(match group_by {
                GroupBy::Location => emp.location,
                GroupBy::Team => emp.team,
            })
        };
        let shift_group = |s: ShiftIdx| {
            let sh = &m.shifts[s as usize];
            slot_of(match group_by {
                GroupBy::Location => sh.location,
                GroupBy::Team => sh.team,
            })
        };

        // The live shifts overlapping the window by start, then index: sorted once here (by the
        // loader's sort of `(u64, u32)` items, stable), so that each group's, taken in this
        // order, is in order, where each group's list had a sort of its own.
        let mut shifts: Vec<(u64, ShiftIdx)> = Vec::new();
        for (s, shift) in (0..).zip(&m.shifts) {
            if m.shift_live(s) && shift.start.ms < w.to_ms && shift.end.ms > w.from_ms {
                shifts.push((sort::signed_key(shift.start.ms), s));
            }
        }
        sort::sort_by_u64(&mut shifts, |&(at, _)| at);
        let mut pre = Prefilter::new(m);
        let mut scratch = verdict::Scratch::default();

        // Every location (or team), then the `null` group: one loop for both kinds of group.
        let mut groups: Vec<GapGroup> = Vec::with_capacity(n_known + 1);
        for g in 0..=n_known {
            // The group's employees and shifts, gathered for each group where a list of lists
            // for all of them (made, filled and dropped) was larger code; a pass over the
            // employees per group is little beside what each group then computes.
            let mut members: Vec<EmpIdx> = Vec::new();
            for e in 0..m.employees.len() as EmpIdx {
                if m.employee_live(e) && emp_group(e) == g {
                    members.push(e);
                }
            }
            let mut group_shifts: Vec<ShiftIdx> = Vec::new();
            for &(_, s) in &shifts {
                if shift_group(s) == g {
                    group_shifts.push(s);
                }
            }
            // The `null` group is listed only when it holds something.
            if g == n_known && members.is_empty() && group_shifts.is_empty() {
                break;
            }
            // The group's id, name and (a location's) requirement, looked up once.
            let (id, name, location_req) = match group_by {
                GroupBy::Location => m.locations.get(g).map_or((None, &None, None), |l| (Some(&l.id), &l.name, l.requires)),
                GroupBy::Team => m.teams.get(g).map_or((None, &None, None), |t| (Some(&t.id), &t.name, None)),
            };
            let mut group = GapGroup {
                id: id.map(|s| own(s)),
                name: crate::verdict::copy_text(name),
                member_count: members.len() as u32,
                expiries: Vec::new(),
                blocked_shifts: Vec::new(),
                open_shifts: Vec::new(),
                headcount: Vec::new(),
                trainings: Vec::new(),
            };
            expiries(m, &members, &w, &mut group.expiries);
            for &s in &group_shifts {
                let shift = &m.shifts[s as usize];
                let slot = Slot::of(m, s);
                for &e in &shift.assigned {
                    if !blocks(m, e, &slot) {
                        continue;
                    }
                    // Drafted into the report's one scratch, its reasons made public by the
                    // drafts' own `parts` and those that do not block dropped, where a loop
                    // of its own made only the blocking ones.
                    scratch.drafts.clear();
                    verdict::draft(m, e, &slot, Some(s), &mut scratch);
                    let (mut reasons, _) = scratch.drafts.parts(m, 0);
                    reasons.retain(|r| r.severity == Severity::Block);
                    let (shift_id, start, end) = shift_texts(m, s);
                    group.blocked_shifts.push(BlockedShift { shift_id, employee_id: own(&m.employees[e as usize].id), start, end, reasons });
                }
                if !anyone_can_work(m, &mut pre, s, &slot) {
                    let (shift_id, start, end) = shift_texts(m, s);
                    group.open_shifts.push(OpenShift { shift_id, start, end, assigned_count: shift.assigned.len() as u32 });
                }
            }
            let codes = needed_codes(m, &members, &group_shifts, location_req);
            for c in codes {
                headcount(m, &members, c, &w, &mut group.headcount);
            }
            trainings(m, &members, &w, &mut group.trainings);
            groups.push(group);
        }
        let mut days = Vec::with_capacity(w.days);
        for k in 0..w.days as i32 {
            days.push(time::format_date(first_day + k));
        }
        Ok(Gaps { from: from_text, to: to_text, group_by, days, groups })
    }
}

/// Who could possibly work a shift, by requirement alone: a bit per employee.
///
/// An employee with no record and no waiver of some code the shift needs (through an `all`),
/// or not allowed its role, can never be `ok` or `warn` on it, whatever the dates. Filtering on
/// that first keeps "nobody can work this shift" from judging every employee on every shift.
struct Prefilter<'m> {
    m: &'m Model,
    words: usize,
    /// Per code, `words` words each: employees with a record (of the code or of a type
    /// satisfying it) or a waiver. One flat list, where a list per code had its own clones and
    /// drops.
    by_code: Vec<u64>,
    /// Per requirement of the model, then per role: who could meet it, or who may work it,
    /// once computed. A shift's candidates are those of its parts and its role together, so
    /// shifts of one role, location, queues and requirement share the work without being
    /// numbered by shape first (a sort of the shifts by a four-part key was the larger code).
    cache: Vec<Option<Vec<u64>>>,
}

impl<'m> Prefilter<'m> {
    fn new(m: &'m Model) -> Prefilter<'m> {
        let words = m.employees.len().div_ceil(64);
        let mut by_code = vec![0u64; words * m.types.len()];
        for e in 0..m.employees.len() {
            // Two plain loops, where a `chain` of the two lists kept the state of an iterator.
            let mut set = |c: CodeIdx| {
                if let Some(word) = by_code.get_mut(c as usize * words + e / 64) {
                    *word |= 1 << (e % 64);
                }
            };
            for j in m.judged_of(e as EmpIdx) {
                set(j.code);
            }
            for &(c, _) in m.waivers_of(e as EmpIdx) {
                set(c);
            }
        }
        // Filled with `None`s where `vec![None; n]` cloned one `Option<Vec<u64>>` into each.
        let mut cache = Vec::new();
        cache.resize_with(m.reqs.len() + m.roles.len(), || None);
        Prefilter { m, words, by_code, cache }
    }

    /// The employees who could meet `req`, a bit each.
    fn req(&self, req: &Req) -> Vec<u64> {
        let (items, all) = match req {
            Req::Code(c) => {
                let at = *c as usize * self.words;
                return self.by_code.get(at..at + self.words).unwrap_or_default().to_vec();
            }
            Req::All(items) => (items, true),
            Req::Any(items) => (items, false),
        };
        let mut acc = vec![if all { u64::MAX } else { 0 }; self.words];
        for r in items {
            merge(&mut acc, &self.req(r), all);
        }
        acc
    }

    /// Entry `k` of the cache, computed when first asked: requirement `k`'s candidates, or
    /// for `k` past the requirements, everyone but those the role `k - reqs` is closed to.
    fn part(&mut self, k: usize) -> &[u64] {
        let m = self.m;
        if self.cache.get(k).is_some_and(Option::is_none) {
            let bits = match m.reqs.get(k) {
                Some(req) => self.req(req),
                None => {
                    let role = (k - m.reqs.len()) as u32;
                    let mut bits = vec![u64::MAX; self.words];
                    for (e, emp) in m.employees.iter().enumerate() {
                        if !emp.may_work(role) {
                            if let Some(word) = bits.get_mut(e / 64) {
                                *word &= !(1 << (e % 64));
                            }
                        }
                    }
                    bits
                }
            };
            if let Some(slot) = self.cache.get_mut(k) {
                *slot = Some(bits);
            }
        }
        self.cache.get(k).and_then(|c| c.as_deref()).unwrap_or_default()
    }

    /// The employees who could work shift `s`, a bit each.
    fn candidates(&mut self, s: ShiftIdx) -> Vec<u64> {
        let m = self.m;
        let mut acc = vec![u64::MAX; self.words];
        for r in shift_requirements(m, s) {
            merge(&mut acc, self.part(r as usize), true);
        }
        if let Some(role) = m.shifts[s as usize].role {
            merge(&mut acc, self.part(m.reqs.len() + role as usize), true);
        }
        acc
    }
}

/// `acc` and `bits` word by word (`all`), or either (`any`): one loop for the `all` and `any`
/// of [`Prefilter::req`] and the parts of a shift's requirement.
fn merge(acc: &mut [u64], bits: &[u64], all: bool) {
    for (a, &b) in acc.iter_mut().zip(bits) {
        if all {
            *a &= b;
        } else {
            *a |= b;
        }
    }
}

/// A shift's id, start and end as the report writes them: one out-of-line copy for blocked
/// and open shifts.
#[inline(never)]
fn shift_texts(m: &Model, s: ShiftIdx) -> (String, String, String) {
    let shift = &m.shifts[s as usize];
    (own(m.shift_id(s)), shift.start.to_rfc3339(), shift.end.to_rfc3339())
}

/// Whether `e`'s verdict on `slot` blocks: one out-of-line copy of the status check (and of
/// the prefetch it inlines) for the report's three sites, the assigned of each shift and the
/// two passes of [`anyone_can_work`].
#[inline(never)]
fn blocks(m: &Model, e: EmpIdx, slot: &Slot<'_>) -> bool {
    verdict::status(m, e, slot) == Status::Block
}

/// Whether any employee's verdict on the shift is `ok` or `warn`: the assigned first, as they
/// are the likeliest, then everyone the prefilter leaves. `slot` is the shift's, made once for
/// its assigned employees' verdicts and for this.
fn anyone_can_work(m: &Model, pre: &mut Prefilter<'_>, s: ShiftIdx, slot: &Slot<'_>) -> bool {
    let can = |e: EmpIdx| !blocks(m, e, slot);
    if slot.coworkers.iter().any(|&e| can(e)) {
        return true;
    }
    for (w, &word) in pre.candidates(s).iter().enumerate() {
        let mut bits = word;
        while bits != 0 {
            let e = (w * 64 + bits.trailing_zeros() as usize) as EmpIdx;
            bits &= bits - 1;
            if m.employee_live(e) && !crate::model::listed(slot.coworkers, e) && can(e) {
                return true;
            }
        }
    }
    false
}

/// What [`expiries`] and [`trainings`] find, sorted: one out-of-line copy of the sort's setup
/// for both, where each had it inlined.
#[inline(never)]
fn sort_found(found: &mut [(u32, i64, u32, EmpIdx)]) {
    sort::sort(found);
}

/// Pushes the expiries of `members` in the window onto `out` (the group's list, empty), per
/// type: filled in place, as [`headcount`] and [`trainings`] fill theirs.
fn expiries(m: &Model, members: &[EmpIdx], w: &Window, out: &mut Vec<Expiries>) {
    let mut found: Vec<(CodeIdx, i64, EmpIdx, u32)> = Vec::new();
    for &e in members {
        for (code, r, end) in longest_records(m, e, w.offset_s) {
            if end >= w.from_ms && end < w.to_ms {
                found.push((code, end, e, r));
            }
        }
    }
    sort_found(&mut found);
    let mut last = None;
    for (code, _, e, r) in found {
        // A type's records are one run (codes are unique, so its index tells the run apart).
        if last != Some(code) {
            last = Some(code);
            out.push(Expiries { code: own(&m.types[code as usize].code), count: 0, credential_ids: Vec::new(), employee_ids: Vec::new() });
        }
        if let Some(x) = out.last_mut() {
            x.count += 1;
            x.credential_ids.push(own(&m.records[r as usize].id));
            x.employee_ids.push(own(&m.employees[e as usize].id));
        }
    }
}

/// The codes a group needs, in credential-type order.
fn needed_codes(m: &Model, members: &[EmpIdx], shifts: &[ShiftIdx], location_req: Option<u32>) -> Vec<CodeIdx> {
    let mut codes = Vec::new();
    let mut add = |req: u32| m.reqs[req as usize].push_codes(&mut codes);
    if let Some(r) = location_req {
        add(r);
    }
    for &s in shifts {
        for crew in m.crew_of(s) {
            add(crew.requires);
        }
    }
    for &e in members {
        role_codes(m, e, &mut codes);
    }
    for &s in shifts {
        shift_codes(m, s, &mut codes);
    }
    crate::sort::sort_u32(&mut codes);
    codes.dedup();
    codes
}

/// Pushes the group's headcount of `code` onto `out` (the group's list).
fn headcount(m: &Model, members: &[EmpIdx], code: CodeIdx, w: &Window, out: &mut Vec<Headcount>) {
    // A difference array over the days; each employee adds 1 over the union of their records.
    let mut diff = vec![0i64; w.days + 1];
    let mut windows: Vec<(i64, i64)> = Vec::new();
    for &e in members {
        // The union of the employee's windows: a card renewed at noon keeps the day covered.
        windows.clear();
        for r in m.records_for(e, code) {
            let rec = &m.records[r as usize];
            if rec.status != RecordStatus::Active || rec.code.is_none() {
                continue;
            }
            let from = rec.from.map_or(i64::MIN, |b| b.at(w.offset_s));
            let until = rec.until.map_or(i64::MAX, |b| b.at(w.offset_s));
            // Holding needs currency on the record's own type too (decision 111).
            match rec.code.filter(|&own| m.types[own as usize].currency.is_some()) {
                Some(own) => {
                    for (a, b) in crate::currency::current_spans(m, e, own) {
                        let (a, b) = (a.max(from), b.min(until));
                        if a < b {
                            windows.push((a, b));
                        }
                    }
                }
                None if from < until => windows.push((from, until)),
                None => {}
            }
        }
        // By start alone (the loader's sort by a `u64` key): windows of one start join up
        // whatever their order, so the runs below are those of a sort by (start, end).
        sort::sort_by_u64(&mut windows, |&(a, _)| sort::signed_key(a));
        // Each run of windows that join up (one starts before the last ends) adds 1 over the
        // days it covers wholly.
        let mut i = 0;
        while let Some(&(a, mut b)) = windows.get(i) {
            i += 1;
            while let Some(&(_, next)) = windows.get(i).filter(|x| x.0 <= b) {
                b = b.max(next);
                i += 1;
            }
            let (x, y) = w.covered_days(a, b);
            if x < y {
                diff[x] += 1;
                diff[y] -= 1;
            }
        }
    }
    // The counts and their smallest in one pass (the window has a day at least).
    let mut counts = Vec::with_capacity(w.days);
    let mut running = 0i64;
    let mut min = u32::MAX;
    for d in diff.iter().take(w.days) {
        running += d;
        let count = running.max(0) as u32;
        min = min.min(count);
        counts.push(count);
    }
    out.push(Headcount { code: own(&m.types[code as usize].code), counts, min });
}

/// Pushes the scheduled trainings of `members` overlapping the window onto `out` (the group's
/// list, empty): filled in place, where the list returned was assigned over the group's, which
/// kept a drop of that list in the report's body.
fn trainings(m: &Model, members: &[EmpIdx], w: &Window, out: &mut Vec<TrainingWindow>) {
    // Sorted by start, then training and employee: the tuple's shape is that of [`expiries`]'
    // items (its first part unused here), so that both share one copy of the sort's code.
    let mut found: Vec<(u32, i64, u32, EmpIdx)> = Vec::new();
    for &e in members {
        for &crate::model::Booked { training: t, .. } in m.trainings_of(e) {
            let tr = &m.trainings[t as usize];
            if tr.start.ms < w.to_ms && tr.end.ms > w.from_ms {
                found.push((0, tr.start.ms, t, e));
            }
        }
    }
    sort_found(&mut found);
    for (_, _, t, e) in found {
        let tr = &m.trainings[t as usize];
        let mut shift_ids = Vec::new();
        for a in m.shifts_of(e) {
            let sh = &m.shifts[a.shift as usize];
            if sh.start.ms < tr.end.ms && sh.end.ms > tr.start.ms {
                shift_ids.push(own(m.shift_id(a.shift)));
            }
        }
        out.push(TrainingWindow {
            training_id: own(&tr.id),
            employee_id: own(&m.employees[e as usize].id),
            code: crate::verdict::copy_text(&tr.code_text),
            start: tr.start.to_rfc3339(),
            end: tr.end.to_rfc3339(),
            shift_ids,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;
    use proptest::prelude::*;

    use crate::testutil::engine;

    #[test]
    fn window_is_validated() {
        let e = engine("{}", "{}");
        let err = |from: &str, to: &str| match e.gaps(from, to, GroupBy::Team) {
            Err(e) if e.kind() == crate::ErrorKind::InvalidArgument => e.to_string(),
            other => panic!("{other:?}"),
        };
        assert_eq!(err("2026-12-02T00:00:00Z", "2026-12-01T00:00:00Z"), "to: 2026-12-01T00:00:00Z is not after from 2026-12-02T00:00:00Z");
        assert_eq!(err("2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z"), "to: 2026-12-01T00:00:00Z is not after from 2026-12-01T00:00:00Z");
        assert_eq!(err("2026-01-01T00:00:00Z", "2027-01-02T00:00:01Z"), "to: the window may be at most 366 days long");
        assert_eq!(TOO_LONG, format!("the window may be at most {MAX_GAP_DAYS} days long"));
        assert_eq!(err("2026-01-01", "2027-01-02T00:00:01Z"), "from: \"2026-01-01\" is a date where an instant with a UTC offset is expected");
        assert!(e.gaps("2026-01-01T00:00:00Z", "2027-01-02T00:00:00Z", GroupBy::Team).is_ok());
        assert!("office".parse::<GroupBy>().is_err());
        assert_eq!("team".parse::<GroupBy>().ok(), Some(GroupBy::Team));
    }

    #[test]
    fn groups_and_null_group() {
        let credentials = r#"{"credentialTypes": [{"code": "BLS"}],
          "credentials": [{"id": "c1", "employeeId": "e1", "code": "BLS", "validUntil": null}],
          "trainings": [{"id": "t1", "employeeId": "e2", "code": "BLS", "start": "2026-12-02T08:00:00Z", "end": "2026-12-02T12:00:00Z"}]}"#;
        let roster = r#"{"teams": [{"id": "icu", "name": "ICU"}, {"id": "ed"}],
          "employees": [{"id": "e1", "teamId": "icu"}, {"id": "e2"}, {"id": "e3", "teamId": "ghost"}],
          "shifts": [{"id": "s1", "start": "2026-12-02T07:00:00Z", "end": "2026-12-02T19:00:00Z", "teamId": "icu", "requires": "BLS", "assigned": ["e2"]},
                     {"id": "s2", "start": "2026-12-05T07:00:00Z", "end": "2026-12-05T19:00:00Z", "requires": "BLS"}]}"#;
        let e = engine(roster, credentials);
        let gaps = e.gaps("2026-12-01T00:00:00Z", "2026-12-04T00:00:00Z", GroupBy::Team).unwrap();
        let ids: Vec<_> = gaps.groups.iter().map(|g| g.id.as_deref()).collect();
        assert_eq!(ids, [Some("icu"), Some("ed"), None]);
        let icu = &gaps.groups[0];
        assert_eq!((icu.name.as_deref(), icu.member_count), (Some("ICU"), 1));
        assert_eq!(icu.blocked_shifts.len(), 1);
        let kinds: Vec<_> = icu.blocked_shifts[0].reasons.iter().map(|r| r.kind.as_str()).collect();
        assert_eq!(kinds, ["missing", "inTraining"]);
        assert!(icu.open_shifts.is_empty(), "e1 could work s1");
        assert_eq!(icu.headcount.len(), 1);
        assert_eq!(icu.headcount[0].counts, [1, 1, 1]);
        let none = &gaps.groups[2];
        assert_eq!(none.member_count, 2, "e2 has no team, e3's team is unknown");
        assert_eq!(none.trainings[0].training_id, "t1");
        assert_eq!(none.trainings[0].shift_ids, ["s1"]);
        // s2 is outside the window; with an empty null group it would be left out.
        let gaps = e.gaps("2026-12-01T00:00:00Z", "2026-12-04T00:00:00Z", GroupBy::Location).unwrap();
        assert_eq!(gaps.groups.len(), 1);
        assert_eq!(gaps.groups[0].id, None);
        let json = serde_json::to_value(&gaps).unwrap();
        assert_eq!(json["groupBy"], "location");
        assert_eq!(json["groups"][0]["id"], serde_json::Value::Null);
    }

    #[test]
    fn days_follow_the_offset_of_from() {
        let e = engine("{}", "{}");
        let gaps = e.gaps("2026-12-01T22:00:00-06:00", "2026-12-03T01:00:00-06:00", GroupBy::Location).unwrap();
        assert_eq!(gaps.days, ["2026-12-01", "2026-12-02", "2026-12-03"]);
        let gaps = e.gaps("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", GroupBy::Location).unwrap();
        assert_eq!(gaps.days, ["2026-12-01"]);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        /// The prefilter never hides a candidate: a shift is open exactly when `candidates`
        /// has nobody `ok` or `warn`.
        #[test]
        fn open_shifts_agree_with_candidates(
            records in proptest::collection::vec((0u8..4, 0usize..3, 0i32..6, any::<bool>()), 0..10),
            waivers in proptest::collection::vec((0u8..4, 0usize..3), 0..3),
            roles in proptest::collection::vec(proptest::option::of(proptest::collection::vec(0usize..2, 0..3)), 4),
            shifts in proptest::collection::vec((proptest::option::of(0usize..2), proptest::option::of(0usize..3), 0i32..5, proptest::collection::vec(0u8..4, 0..2)), 1..6),
        ) {
            let codes = ["A", "B", "C"];
            let recs: Vec<_> = records.iter().enumerate().map(|(i, &(e, c, until, active))| serde_json::json!({
                "id": format!("r{i}"), "employeeId": format!("e{e}"), "code": codes[c],
                "validUntil": crate::time::format_date(crate::time::days_from_civil(2026, 12, 1) + until),
                "status": if active { "active" } else { "pending" }})).collect();
            let ws: Vec<_> = waivers.iter().enumerate().map(|(i, &(e, c))| serde_json::json!({
                "id": format!("w{i}"), "employeeId": format!("e{e}"), "code": codes[c], "validFrom": "2026-12-02",
                "validUntil": "2026-12-03", "approvedBy": "m", "reason": "r"})).collect();
            let emps: Vec<_> = roles.iter().enumerate().map(|(i, r)| match r {
                Some(list) => serde_json::json!({"id": format!("e{i}"), "roleIds": list.iter().map(|&x| format!("r{x}")).collect::<Vec<_>>()}),
                None => serde_json::json!({"id": format!("e{i}")}),
            }).collect();
            let sh: Vec<_> = shifts.iter().enumerate().map(|(i, (role, req, day, assigned))| {
                let start = crate::time::format_instant(i64::from(crate::time::days_from_civil(2026, 12, 1) + day) * DAY_MS + 8 * 3_600_000, 0);
                let end = crate::time::format_instant(i64::from(crate::time::days_from_civil(2026, 12, 1) + day) * DAY_MS + 16 * 3_600_000, 0);
                serde_json::json!({"id": format!("s{i}"), "start": start, "end": end,
                    "roleId": role.map(|r| format!("r{r}")), "requires": req.map(|c| codes[c]),
                    "assigned": assigned.iter().map(|e| format!("e{e}")).collect::<Vec<_>>()})
            }).collect();
            let roster = serde_json::json!({"roles": [{"id": "r0", "requires": "A"}, {"id": "r1", "requires": {"any": ["B", "C"]}}],
                "employees": emps, "shifts": sh, "rules": {"minRestHours": 10}});
            let credentials = serde_json::json!({"credentialTypes": [{"code": "A"}, {"code": "B", "graceDays": 1}, {"code": "C", "satisfies": ["A"]}],
                "credentials": recs, "waivers": ws});
            let e = engine(&roster.to_string(), &credentials.to_string());
            let gaps = e.gaps("2026-11-30T00:00:00Z", "2026-12-10T00:00:00Z", GroupBy::Team).unwrap();
            let open: Vec<&str> = gaps.groups.iter().flat_map(|g| g.open_shifts.iter().map(|o| o.shift_id.as_str())).collect();
            for i in 0..shifts.len() {
                let id = format!("s{i}");
                let nobody = e.candidates(&id).unwrap().iter().all(|c| c.status == Status::Block);
                prop_assert_eq!(open.contains(&id.as_str()), nobody, "{}", id);
            }
        }

        /// Headcount on day D is the number of members listed by holders at every hour of D.
        #[test]
        fn headcount_agrees_with_holders(
            records in proptest::collection::vec((0u8..3, any::<bool>(), 0i32..12, 0i32..24, any::<bool>(), 0i32..12, 0i32..24, 0u8..4), 0..10),
            off in prop_oneof![Just(-6i32), Just(0), Just(5)],
        ) {
            let base = crate::time::days_from_civil(2026, 12, 1);
            let mut recs = Vec::new();
            for (i, &(emp, has_from, fd, fm, instant, ud, um, st)) in records.iter().enumerate() {
                let (fd, ud) = (fd.min(ud), fd.max(ud));
                let at = |d: i32, hour: i32| crate::time::format_instant(i64::from(base + d) * DAY_MS + i64::from(hour) * 3_600_000, -21_600);
                let mut r = serde_json::json!({"id": format!("r{i}"), "employeeId": format!("e{emp}"), "code": "BLS",
                    "status": if st == 3 { "revoked" } else { "active" }});
                r["validUntil"] = if instant { at(ud, um).into() } else { crate::time::format_date(base + ud).into() };
                if has_from {
                    r["validFrom"] = if instant { at(fd, fm.min(um)).into() } else { crate::time::format_date(base + fd).into() };
                }
                recs.push(r);
            }
            let credentials = serde_json::json!({"credentialTypes": [{"code": "BLS"}], "credentials": recs}).to_string();
            let roster = r#"{"roles": [{"id": "r", "requires": "BLS"}], "employees": [{"id": "e0", "roleIds": ["r"]}, {"id": "e1"}, {"id": "e2"}]}"#;
            let Ok(loaded) = Engine::load(roster, &credentials) else { return Ok(()) };
            let e = loaded.engine;
            let from_ms = i64::from(base) * DAY_MS - i64::from(off) * 3_600_000;
            let from = crate::time::format_instant(from_ms, off * 3600);
            let to = crate::time::format_instant(from_ms + 10 * DAY_MS, off * 3600);
            let gaps = e.gaps(&from, &to, GroupBy::Team).unwrap();
            let hc = &gaps.groups[0].headcount[0];
            for (d, &count) in hc.counts.iter().enumerate() {
                let day_start = from_ms + d as i64 * DAY_MS;
                // Records start and end on the hour: sample each hour of the day.
                let mut always: Vec<String> = e.holders("BLS", &crate::time::format_instant(day_start, off * 3600)).unwrap().into_iter().map(|h| h.employee_id).collect();
                for hour in 1..24 {
                    let t = crate::time::format_instant(day_start + hour * 3_600_000, off * 3600);
                    let now: Vec<String> = e.holders("BLS", &t).unwrap().into_iter().map(|h| h.employee_id).collect();
                    always.retain(|x| now.contains(x));
                }
                always.dedup();
                prop_assert_eq!(count as usize, always.len(), "day {}", d);
            }
        }
    }
}
