//! What a batch changes: the assignments it can touch, judged at its start and at its end.
//!
//! The scope comes from the items the batch touched ([`Journal`]), in both states:
//!
//! - **employees whose own data changed** (the employee, or a record, waiver or training of
//!   theirs): every assignment of theirs, and on those shifts the assignments of the coworkers
//!   who hold a supervised record (the owner may be, or stop being, their supervisor) and the
//!   crew (they count for it there);
//! - **shifts changed** (staffed, moved, put, removed): every assignment on them, and the other
//!   assignments of the people on them whose shifts overlap the shift's old or new time or lie
//!   less than the rest rule from it, where overlap and rest can change (and, with working
//!   limits, the shifts whose windows can hold it);
//! - **crew findings** of all those shifts.
//!
//! Nothing else can change: a verdict reads the employee's records, roles, trainings and
//! assignments, the shift, and its coworkers' records only to find a supervisor for a
//! supervised record.

use super::store::{Item, Journal};
use crate::call::CallMut;
use crate::engine::{Engine, Finding};
use crate::model::*;
use crate::verdict::{DraftReason, Drafts, ReasonKind};
use crate::verdict::{self, Severity, Slot, Status, Verdict};
use serde::Serialize;

/// What a batch changed (SPEC §6.1).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Changes {
    /// Every assignment whose status or reasons changed (messages and order aside), by shift
    /// then employee in document order.
    pub verdicts: Vec<VerdictChange>,
    /// Shift-level findings (`crewShortfall`) added and removed.
    pub findings: FindingChanges,
}

/// One assignment whose verdict changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VerdictChange {
    /// The employee.
    pub employee_id: String,
    /// The shift.
    pub shift_id: String,
    /// The former status; `None` (`null`) for a new assignment.
    pub before: Option<Status>,
    /// The new verdict; `None` (`null`) for an assignment that no longer exists.
    pub after: Option<Verdict>,
}

/// Shift-level findings added and removed; one whose content changed is both.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct FindingChanges {
    /// Findings that exist now and did not.
    pub added: Vec<Finding>,
    /// Findings that existed and do not now.
    pub removed: Vec<Finding>,
}

/// What a batch can change, from the items it touched.
#[derive(Debug, Default)]
struct Scope {
    /// Employees whose own data changed.
    owners: Vec<EmpIdx>,
    /// Shifts changed.
    shifts: Vec<ShiftIdx>,
    /// People on a changed shift, in either state.
    near: Vec<EmpIdx>,
    /// The changed shifts' times, in either state.
    windows: Vec<(i64, i64)>,
}

/// The assignments in scope judged in one state: their verdicts drafted by index (no string
/// allocated per verdict: only the changed ones are made public), by `(employee, shift)`, and
/// the crew findings; what the kept validation (`super::cache`) refreshes from.
pub(super) struct Judgement {
    /// The pairs judged, sorted; `keys[i]` is verdict `i` of the drafts.
    pub keys: Vec<(EmpIdx, ShiftIdx)>,
    pub scratch: verdict::Scratch,
    /// The crew findings of `crew_shifts`, in shift order.
    pub crew: Vec<Finding>,
    /// The shift of each of `crew`.
    pub crew_of: Vec<ShiftIdx>,
    /// Every shift whose crew was judged, sorted.
    pub crew_shifts: Vec<ShiftIdx>,
    /// The shifts changed (all of their pairs are in `keys`), sorted.
    pub shifts: Vec<ShiftIdx>,
}

impl Judgement {
    fn drafts(&self) -> &Drafts {
        &self.scratch.drafts
    }

    fn status(&self, i: usize) -> Status {
        self.drafts().heads.get(i).map_or(Status::Ok, |h| h.status)
    }

    fn reasons(&self, i: usize) -> &[DraftReason] {
        let d = self.drafts();
        d.heads.get(i).and_then(|h| d.reasons.get(h.reasons.0 as usize..h.reasons.1 as usize)).unwrap_or_default()
    }
}

impl Engine {
    /// The scope of a journal: its items in the model (one state) and in the journal (the other).
    fn scope(&self, journal: &Journal) -> Scope {
        let m = &self.model;
        let mut s = Scope::default();
        let shift_side = |s: &mut Scope, shift: &Shift, live: bool| {
            if live {
                s.near.extend_from_slice(&shift.assigned);
                s.windows.push((shift.start.ms, shift.end.ms));
            }
        };
        for (_, i, state) in &journal.slots {
            // The owner in the journal's state and in the model's, pushed by one pair of pushes
            // (an `extend` of a `chain` per collection wrote four copies of it).
            let (before, now) = match &state.item {
                Item::Shift(old) => {
                    s.shifts.push(*i);
                    shift_side(&mut s, old, state.live);
                    if let Some(now) = m.shifts.get(*i as usize) {
                        shift_side(&mut s, now, m.shift_live(*i));
                    }
                    continue;
                }
                Item::Employee(_) => (Some(*i), None),
                Item::Record(old) => (old.employee, m.records.get(*i as usize).and_then(|r| r.employee)),
                Item::Waiver(old) => (old.employee, m.waivers.get(*i as usize).and_then(|w| w.employee)),
                Item::Training(old) => (old.employee, m.trainings.get(*i as usize).and_then(|t| t.employee)),
                Item::Event(old) => (old.employee, m.events.get(*i as usize).and_then(|v| v.employee)),
                // A session changes no verdict (it counts only in `planRenewals`).
                Item::Session(_) => continue,
            };
            if let Some(e) = before {
                s.owners.push(e);
            }
            if let Some(e) = now {
                s.owners.push(e);
            }
        }
        for list in [&mut s.owners, &mut s.shifts, &mut s.near] {
            crate::sort::sort_u32(list);
            list.dedup();
        }
        s
    }

    /// Judges the scope in the model's present state; `quiet`: without messages (a judgement
    /// that is only compared with another, see [`diff`]).
    fn judge(&self, scope: &Scope, quiet: bool) -> Judgement {
        let m = &self.model;
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut crew: Vec<u32> = Vec::new();
        let on = |pairs: &mut Vec<(u32, u32)>, s: ShiftIdx| {
            if let Some(sh) = m.shifts.get(s as usize).filter(|_| m.shift_live(s)) {
                pairs.extend(sh.assigned.iter().map(|&x| (x, s)));
            }
        };
        for &s in &scope.shifts {
            on(&mut pairs, s);
            crew.push(s);
        }
        // An owner's assignments, and on their shifts the coworkers whose verdicts can read the
        // owner's data: the ones holding a supervised record (a supervisor is a coworker holding
        // the code without restriction, SPEC §3.1); no other part of a verdict reads another
        // employee. The same coworkers in both states: a coworker's records change only if they
        // are an owner too, and then all their pairs are judged.
        let supervised = |x: EmpIdx| m.judged_of(x).iter().any(Judged::supervised);
        for &e in &scope.owners {
            for a in m.shifts_of(e) {
                if let Some(sh) = m.shifts.get(a.shift as usize).filter(|_| m.shift_live(a.shift)) {
                    // A loop of pushes: an `extend` of a `filter` was larger (26 B gzipped).
                    for &x in &sh.assigned {
                        if x == e || scope.owners.binary_search(&x).is_ok() || supervised(x) {
                            pairs.push((x, a.shift));
                        }
                    }
                }
                crew.push(a.shift);
            }
        }
        // Overlap and rest reach the shifts that overlap a changed shift or lie less than the
        // rest rule from it (`rules::conflicts`: the previous shift is the latest to end by
        // the start, the next the first to start at the end; one farther away conflicts with
        // neither state, and cannot stand between the shift and one that would). A working
        // limit reaches its window (SPEC §8.1): a changed shift counts in the windows of the
        // shifts around it, measured from start to start, so the longest shift is added.
        let rest = m.rules.min_rest_ms.unwrap_or(0);
        let limits = if m.rules.limits.is_empty() { None } else { Some(crate::model::MAX_SHIFT_MS.saturating_add(crate::limits::reach_ms(m))) };
        let within = |a: &Assignment, (lo, hi): (i64, i64), reach: i64| a.start < hi.saturating_add(reach) && a.end() > lo.saturating_sub(reach);
        for &p in &scope.near {
            for a in m.shifts_of(p) {
                if scope.windows.iter().any(|&w| within(a, w, rest) || limits.is_some_and(|r| within(a, w, r))) {
                    pairs.push((p, a.shift));
                }
            }
        }
        crate::sort::sort_pairs(&mut pairs);
        pairs.dedup();
        crate::sort::sort_u32(&mut crew);
        crew.dedup();
        let mut scratch = verdict::Scratch::default();
        scratch.quiet = quiet;
        // One head a pair; the reasons, evidence and text grow by doubling (reserving for a
        // busy employee's dozen reasons a verdict up front cost more in WebAssembly's
        // allocator, for the usual few pairs, than the doublings save).
        scratch.drafts.heads.reserve(pairs.len());
        for &(e, s) in &pairs {
            verdict::draft(m, e, &Slot::of(m, s), Some(s), &mut scratch);
        }
        let mut findings = Vec::new();
        let mut crew_of = Vec::new();
        for &s in &crew {
            if m.shift_live(s) {
                self.crew_findings(s, &mut findings);
                crew_of.resize(findings.len(), s);
            }
        }
        Judgement { keys: pairs, scratch, crew: findings, crew_of, crew_shifts: crew, shifts: scope.shifts.clone() }
    }

    /// The changes of swapping the journal in (undo, redo), which stays swapped in; the kept
    /// validation follows.
    pub(crate) fn transition(&mut self, journal: &mut Journal) -> Changes {
        let start = self.live.store.version;
        let scope = self.scope(journal);
        let from = self.judge(&scope, true);
        self.swap_journal(journal);
        let to = self.judge(&scope, false);
        let changes = diff(self, &from, &to);
        self.refresh_validation(start, &to);
        changes
    }

    /// The changes of an applied batch (the model in its end state, the journal holding its
    /// start: both are judged, the journal swapped in and back out), and when `all_findings`,
    /// the findings of §4's edits: every warn
    /// and block reason of the assignments in scope, and crew shortfalls, created and cleared.
    /// Also hands back the end state's judgement, from which the kept validation is refreshed
    /// once the batch is applied.
    pub(super) fn changes_and_findings(&mut self, journal: &mut Journal, all_findings: bool) -> (Changes, Vec<Finding>, Vec<Finding>, Judgement) {
        let scope = self.scope(journal);
        let after = self.judge(&scope, false);
        self.swap_journal(journal);
        // The state before is only compared with the one after (its statuses and reasons,
        // messages aside), unless its findings are asked for.
        let before = self.judge(&scope, !all_findings);
        self.swap_journal(journal);
        let changes = diff(self, &before, &after);
        if !all_findings {
            return (changes, Vec::new(), Vec::new(), after);
        }
        let (created, cleared) = findings(&self.model, &before, &after);
        (changes, created, cleared, after)
    }
}

/// The findings of §4's edits (every warn and block reason of the assignments judged, and the
/// crew findings) created and cleared from `before` to `after`.
///
/// An assignment judged alike in both states (the same status and the same reasons in the same
/// order, messages included) gives the same findings on both sides, which the difference drops
/// whatever else the lists hold (a finding names its shift and employee, so no other
/// assignment's can equal one of them): only the others' verdicts are made. Most of a batch's
/// scope is such assignments (an employee's shifts around a changed one).
///
/// A finding is created (cleared) when no finding before (after) equals it in full (`==`;
/// several equal ones on one side are all held by one on the other). An assignment's findings
/// are compared as drafted reasons, never made public: a finding of one assignment can only
/// equal one of the same assignment (ids are unique), and two drafted reasons of one model
/// give equal public reasons exactly when `same_reason` and their messages say so (every field
/// of a draft is written into the public reason, each index as its collection's unique id, a
/// limit's `warn` as the severity). Only the findings created or cleared are made public: where
/// every finding was made, compared by `Finding`'s `eq` and the unheld ones cloned, which put
/// `Finding`'s `clone` and `eq` (a `Reason`'s two dozen fields) in the package's WebAssembly.
fn findings(m: &Model, before: &Judgement, after: &Judgement) -> (Vec<Finding>, Vec<Finding>) {
    // The warn and block reasons of the assignments not judged alike: (draft, reason) places,
    // `after`'s and `before`'s, in the walk's order.
    let (mut was, mut is) = (Vec::new(), Vec::new());
    pair_up(before, after, &mut |(_, b, a): (_, Option<usize>, Option<usize>)| {
        if let (Some(i), Some(j)) = (b, a) {
            if before.status(i) == after.status(j) && identical(before, i, after, j) {
                return;
            }
        }
        if let Some(i) = b {
            warn_or_block(m, before, i, &mut was);
        }
        if let Some(j) = a {
            warn_or_block(m, after, j, &mut is);
        }
    });
    // Sorted together by the fields that tell findings apart (kind, shift, employee, message),
    // so that the reasons of one key on both sides are one run, and within a run each of
    // `after`'s is compared with each of `before`'s: O(n log n) in the number of findings
    // (`edit_findings_diff_is_not_quadratic_in_the_findings`). Places below `n` are `after`'s.
    let n = is.len();
    let reason = |p: u32| match (p as usize).checked_sub(n) {
        None => drafted(after, is.get(p as usize)),
        Some(k) => drafted(before, was.get(k)),
    };
    let mut keyed: Vec<(ReasonKey<'_>, u32)> = Vec::with_capacity(n + was.len());
    for p in 0..(n + was.len()) as u32 {
        if let Some((d, emp, shift, r)) = reason(p) {
            keyed.push(((r.kind, shift, emp, d.text(r.message)), p));
        }
    }
    crate::sort::sort_by(&mut keyed, |a, b| a.0.cmp(&b.0));
    let mut held = vec![false; n + was.len()];
    for run in keyed.chunk_by(|a, b| a.0 == b.0) {
        for &(_, x) in run.iter().filter(|&&(_, x)| (x as usize) < n) {
            for &(_, y) in run.iter().filter(|&&(_, y)| (y as usize) >= n) {
                if let (Some((da, _, _, a)), Some((db, _, _, b))) = (reason(x), reason(y)) {
                    if same_reason(da, a, db, b) {
                        for place in [x, y] {
                            if let Some(h) = held.get_mut(place as usize) {
                                *h = true;
                            }
                        }
                    }
                }
            }
        }
    }
    let created = unheld(m, after, &is, &held, &before.crew, &before.crew_of, &after.crew, &after.crew_of);
    let cleared = unheld(m, before, &was, held.get(n..).unwrap_or_default(), &after.crew, &after.crew_of, &before.crew, &before.crew_of);
    (created, cleared)
}

/// What tells two findings of drafted reasons apart before they are compared in full: the
/// kind, the shift, the employee and the message.
type ReasonKey<'a> = (ReasonKind, Option<ShiftIdx>, EmpIdx, &'a str);

/// The places (draft, reason in the drafts' reasons) of the warn and block reasons of verdict
/// `i` of `j`.
fn warn_or_block(m: &Model, j: &Judgement, i: usize, out: &mut Vec<(u32, u32)>) {
    let d = j.drafts();
    let Some(h) = d.heads.get(i) else { return };
    for (k, r) in d.reasons_of(h).iter().enumerate() {
        if r.severity(&m.rules) != Severity::Info {
            out.push((i as u32, h.reasons.0 + k as u32));
        }
    }
}

/// The drafts, the assignment (employee, shift) and the reason at a place of [`warn_or_block`].
fn drafted<'a>(j: &'a Judgement, place: Option<&(u32, u32)>) -> Option<(&'a Drafts, EmpIdx, Option<ShiftIdx>, &'a DraftReason)> {
    let &(i, r) = place?;
    let d = j.drafts();
    let h = d.heads.get(i as usize)?;
    Some((d, h.emp, h.shift, d.reasons.get(r as usize)?))
}

/// The findings of one side not held: its reasons at `places` (of judgement `j`) not `held`,
/// made public in order, then its crew findings (`crew`, of shifts `crew_of`) that equal none
/// of the other side's (`other`, of shifts `other_of`; both lists in shift order, so that only
/// the other side's run of the same shift is searched).
#[allow(clippy::too_many_arguments)]
fn unheld(m: &Model, j: &Judgement, places: &[(u32, u32)], held: &[bool], other: &[Finding], other_of: &[ShiftIdx], crew: &[Finding], crew_of: &[ShiftIdx]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (place, &h) in places.iter().zip(held) {
        if let (false, Some((d, emp, shift, r))) = (h, drafted(j, Some(place))) {
            let shift_id = shift.map_or_else(String::new, |s| crate::load::own(m.shift_id(s)));
            out.push(Finding::of_reason(shift_id, m.employees[emp as usize].id.clone(), d.reason(m, r)));
        }
    }
    for (f, &s) in crew.iter().zip(crew_of) {
        let lo = other_of.partition_point(|&x| x < s);
        let same_shift = other.get(lo..).unwrap_or_default().iter().zip(other_of.get(lo..).unwrap_or_default()).take_while(|&(_, &x)| x == s);
        if !same_shift.into_iter().any(|(o, _)| o.same_crew(f)) {
            out.push(f.crew_copy());
        }
    }
    out
}

/// Walks the pairs of two judgements (their keys sorted alike) in order: `f(key, Some(i),
/// Some(j))` for a pair judged in both, `f(key, Some(i), None)` for one only `before` judged,
/// `f(key, None, Some(j))` for one only `after` judged.
fn pair_up(before: &Judgement, after: &Judgement, f: &mut dyn CallMut<((EmpIdx, ShiftIdx), Option<usize>, Option<usize>)>) {
    let (b, a) = (&before.keys, &after.keys);
    let (mut i, mut j) = (0, 0);
    loop {
        match (b.get(i), a.get(j)) {
            (Some(kb), Some(ka)) if kb == ka => {
                f.call_mut((*kb, Some(i), Some(j)));
                i += 1;
                j += 1;
            }
            (Some(kb), Some(ka)) if kb < ka => {
                f.call_mut((*kb, Some(i), None));
                i += 1;
            }
            (Some(kb), None) => {
                f.call_mut((*kb, Some(i), None));
                i += 1;
            }
            (_, Some(ka)) => {
                f.call_mut((*ka, None, Some(j)));
                j += 1;
            }
            (None, None) => break,
        }
    }
}

/// Whether verdict `i` of `a` and verdict `j` of `b` have the same reasons in the same order,
/// messages included: the same public reasons (both read with one model, whose ids and rules
/// a batch does not change).
fn identical(a: &Judgement, i: usize, b: &Judgement, j: usize) -> bool {
    let (x, y) = (a.reasons(i), b.reasons(j));
    x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_reason(a.drafts(), p, b.drafts(), q) && a.drafts().text(p.message) == b.drafts().text(q.message))
}

/// An assignment: (employee, shift), as a judgement's keys are.
type Pair = (EmpIdx, ShiftIdx);

/// The changes from one judgement to another (the model in either state: ids do not change).
/// Of `before`, only the statuses and the reasons (messages aside) are read: it may be quiet.
fn diff(engine: &Engine, before: &Judgement, after: &Judgement) -> Changes {
    let m = &engine.model;
    // Each changed pair (its status before, its verdict's place after), in the walk's order:
    // by employee, then shift. Put in the answer's order, by shift then employee, by sorting
    // (shift, place) pairs, where the changes themselves were made first and sorted.
    let mut changed: Vec<(Pair, Option<Status>, Option<usize>)> = Vec::new();
    pair_up(before, after, &mut |(key, b, a): ((EmpIdx, ShiftIdx), Option<usize>, Option<usize>)| {
        let b = b.map(|i| (i, before.status(i)));
        let same = match (b, a) {
            (Some((i, status)), Some(j)) => status == after.status(j) && same_reasons(before, i, after, j),
            (None, None) => true,
            _ => false,
        };
        if !same {
            changed.push((key, b.map(|(_, status)| status), a));
        }
    });
    let mut order: Vec<(ShiftIdx, u32)> = Vec::new();
    for (k, &((_, s), _, _)) in changed.iter().enumerate() {
        order.push((s, k as u32));
    }
    crate::sort::sort_pairs(&mut order);
    let mut verdicts = Vec::new();
    for &(_, k) in &order {
        if let Some(&((e, s), before, a)) = changed.get(k as usize) {
            let after = a.and_then(|j| after.drafts().verdict(m, j));
            verdicts.push(VerdictChange { employee_id: m.employees[e as usize].id.clone(), shift_id: crate::load::own(m.shift_id(s)), before, after });
        }
    }
    let (added, removed) = (minus(&after.crew, &before.crew), minus(&before.crew, &after.crew));
    Changes { verdicts, findings: FindingChanges { added, removed } }
}

/// The findings of `a` not in `b`, as multisets (a shift may have two equal crew rules).
fn minus(a: &[Finding], b: &[Finding]) -> Vec<Finding> {
    let mut used = vec![false; b.len()];
    // A loop of pushes: a `filter`, `cloned` and `collect` kept an iterator's `next` of its own.
    let mut out = Vec::new();
    for f in a {
        match (0..b.len()).find(|&k| !used[k] && b[k].same_crew(f)) {
            Some(k) => used[k] = true,
            None => out.push(f.crew_copy()),
        }
    }
    out
}

/// Whether verdict `i` of `a` and verdict `j` of `b` have the same reasons, messages and
/// order aside.
fn same_reasons(a: &Judgement, i: usize, b: &Judgement, j: usize) -> bool {
    let (x, y) = (a.reasons(i), b.reasons(j));
    if x.len() != y.len() {
        return false;
    }
    let same = |p: &DraftReason, q: &DraftReason| same_reason(a.drafts(), p, b.drafts(), q);
    if x.iter().zip(y).all(|(p, q)| same(p, q)) {
        return true;
    }
    let mut used = vec![false; y.len()];
    x.iter().all(|p| match (0..y.len()).find(|&k| !used[k] && same(p, &y[k])) {
        Some(k) => {
            used[k] = true;
            true
        }
        None => false,
    })
}

/// Whether two drafted reasons are the same, their messages aside (their instants compared as
/// written). Every field is named, so that a field added to a reason must be decided on here.
fn same_reason(da: &Drafts, a: &DraftReason, db: &Drafts, b: &DraftReason) -> bool {
    let DraftReason { kind, code, credential, waiver, shift, training, role, at, days_left, jurisdiction, rest_hours, more, currency, limit, message: _ } = a;
    *kind == b.kind
        && *code == b.code
        && *credential == b.credential
        && *waiver == b.waiver
        && *shift == b.shift
        && *training == b.training
        && *role == b.role
        && at.map(|t| da.text(t)) == b.at.map(|t| db.text(t))
        && *days_left == b.days_left
        && *jurisdiction == b.jurisdiction
        && *rest_hours == b.rest_hours
        && *more == b.more
        && match (currency, &b.currency) {
            (None, None) => true,
            (Some(x), Some(y)) => {
                x.have == y.have && x.need == y.need && x.within_days == y.within_days && x.current_until.map(|t| da.text(t)) == y.current_until.map(|t| db.text(t))
            }
            _ => false,
        }
        && match (limit, &b.limit) {
            (None, None) => true,
            (Some(x), Some(y)) => {
                x.limit == y.limit
                    && x.used == y.used
                    && x.warn == y.warn
                    && da.text(x.window_start) == db.text(y.window_start)
                    && da.text(x.window_end) == db.text(y.window_end)
                    && da.listed_of(x) == db.listed_of(y)
            }
            _ => false,
        }
}
