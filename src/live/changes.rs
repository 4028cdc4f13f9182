//! What a batch changes: the assignments it can touch, judged at its start and at its end.
//!
//! The scope comes from the items the batch touched ([`Journal`]), in both states:
//!
//! - **employees whose own data changed** (the employee, or a record, waiver or training of
//!   theirs): every assignment of theirs, and every assignment on those shifts (they supervise
//!   and count for crew there);
//! - **shifts changed** (staffed, moved, put, removed): every assignment on them, and the other
//!   assignments of the people on them whose shifts lie near the shift's old or new time (7 days,
//!   the longest shift, plus the rest rule), where overlap and rest can change;
//! - **crew findings** of all those shifts.
//!
//! Nothing else can change: a verdict reads the employee's records, roles, trainings and
//! assignments, the shift, and its coworkers' records.

use super::store::{Item, Journal};
use crate::engine::{Engine, Finding};
use crate::model::*;
use crate::verdict::{self, Reason, Severity, Slot, Status, Verdict};
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

/// The assignments in scope judged in one state, by `(employee, shift)`, and its crew findings.
struct Judgement {
    verdicts: Vec<((EmpIdx, ShiftIdx), Verdict)>,
    crew: Vec<Finding>,
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
            match &state.item {
                Item::Shift(old) => {
                    s.shifts.push(*i);
                    shift_side(&mut s, old, state.live);
                    if let Some(now) = m.shifts.get(*i as usize) {
                        shift_side(&mut s, now, m.shift_live(*i));
                    }
                }
                Item::Employee(_) => s.owners.push(*i),
                Item::Record(old) => s.owners.extend(old.employee.into_iter().chain(m.records.get(*i as usize).and_then(|r| r.employee))),
                Item::Waiver(old) => s.owners.extend(old.employee.into_iter().chain(m.waivers.get(*i as usize).and_then(|w| w.employee))),
                Item::Training(old) => s.owners.extend(old.employee.into_iter().chain(m.trainings.get(*i as usize).and_then(|t| t.employee))),
            }
        }
        for list in [&mut s.owners, &mut s.shifts, &mut s.near] {
            crate::sort::sort_u32(list);
            list.dedup();
        }
        s
    }

    /// Judges the scope in the model's present state.
    fn judge(&self, scope: &Scope) -> Judgement {
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
        for &e in &scope.owners {
            for a in m.shifts_of(e) {
                on(&mut pairs, a.shift);
                crew.push(a.shift);
            }
        }
        let reach = crate::load::MAX_SHIFT_MS + m.rules.min_rest_ms.unwrap_or(0);
        for &p in &scope.near {
            for a in m.shifts_of(p) {
                if scope.windows.iter().any(|&(lo, hi)| a.start < hi.saturating_add(reach) && a.end() > lo.saturating_sub(reach)) {
                    pairs.push((p, a.shift));
                }
            }
        }
        crate::sort::sort_pairs(&mut pairs);
        pairs.dedup();
        crate::sort::sort_u32(&mut crew);
        crew.dedup();
        let verdicts = pairs.into_iter().map(|(e, s)| ((e, s), verdict::verdict(m, e, &Slot::of(m, s), Some(s)))).collect();
        let mut findings = Vec::new();
        for s in crew {
            if m.shift_live(s) {
                self.crew_findings(s, &mut findings);
            }
        }
        Judgement { verdicts, crew: findings }
    }

    /// The changes of swapping the journal in (undo, redo), which stays swapped in.
    pub(crate) fn transition(&mut self, journal: &mut Journal) -> Changes {
        let scope = self.scope(journal);
        let from = self.judge(&scope);
        self.swap_journal(journal);
        let to = self.judge(&scope);
        diff(self, &from, &to)
    }

    /// The changes of an applied batch (the model in its end state, the journal holding its
    /// start: both are judged, the journal swapped in and back out), and when `all_findings`,
    /// the findings of §4's edits: every warn
    /// and block reason of the assignments in scope, and crew shortfalls, created and cleared.
    pub(crate) fn changes_and_findings(&mut self, journal: &mut Journal, all_findings: bool) -> (Changes, Vec<Finding>, Vec<Finding>) {
        let scope = self.scope(journal);
        let after = self.judge(&scope);
        self.swap_journal(journal);
        let before = self.judge(&scope);
        self.swap_journal(journal);
        let changes = diff(self, &before, &after);
        if !all_findings {
            return (changes, Vec::new(), Vec::new());
        }
        let (created, cleared) = Engine::diff(findings(&before), findings(&after));
        (changes, created, cleared)
    }
}

/// Every warn and block reason of a judgement's assignments, and its crew findings.
fn findings(j: &Judgement) -> Vec<Finding> {
    let mut out = Vec::new();
    for (_, v) in &j.verdicts {
        for r in v.reasons.iter().filter(|r| r.severity != Severity::Info) {
            out.push(Finding::of_reason(v.shift_id.clone().unwrap_or_default(), v.employee_id.clone(), r.clone()));
        }
    }
    out.extend(j.crew.iter().cloned());
    out
}

/// The changes from one judgement to another.
fn diff(engine: &Engine, before: &Judgement, after: &Judgement) -> Changes {
    let m = &engine.model;
    let mut verdicts: Vec<(ShiftIdx, EmpIdx, VerdictChange)> = Vec::new();
    let change = |e: EmpIdx, s: ShiftIdx, before: Option<Status>, after: Option<&Verdict>| {
        (s, e, VerdictChange { employee_id: m.employees[e as usize].id.clone(), shift_id: m.shift_id(s).to_string(), before, after: after.cloned() })
    };
    let (mut i, mut j) = (0, 0);
    let (b, a) = (&before.verdicts, &after.verdicts);
    while i < b.len() || j < a.len() {
        match (b.get(i), a.get(j)) {
            (Some((kb, vb)), Some((ka, va))) if kb == ka => {
                if vb.status != va.status || !same_reasons(&vb.reasons, &va.reasons) {
                    verdicts.push(change(kb.0, kb.1, Some(vb.status), Some(va)));
                }
                i += 1;
                j += 1;
            }
            (Some((kb, vb)), Some((ka, _))) if kb < ka => {
                verdicts.push(change(kb.0, kb.1, Some(vb.status), None));
                i += 1;
            }
            (Some((kb, vb)), None) => {
                verdicts.push(change(kb.0, kb.1, Some(vb.status), None));
                i += 1;
            }
            (_, Some((ka, va))) => {
                verdicts.push(change(ka.0, ka.1, None, Some(va)));
                j += 1;
            }
            (None, None) => break,
        }
    }
    crate::sort::sort_by_key(&mut verdicts, |(s, e, _)| (*s, *e));
    let (added, removed) = (minus(&after.crew, &before.crew), minus(&before.crew, &after.crew));
    Changes { verdicts: verdicts.into_iter().map(|(_, _, c)| c).collect(), findings: FindingChanges { added, removed } }
}

/// The findings of `a` not in `b`, as multisets (a shift may have two equal crew rules).
fn minus(a: &[Finding], b: &[Finding]) -> Vec<Finding> {
    let mut used = vec![false; b.len()];
    a.iter()
        .filter(|f| match (0..b.len()).find(|&k| !used[k] && b[k] == **f) {
            Some(k) => {
                used[k] = true;
                false
            }
            None => true,
        })
        .cloned()
        .collect()
}

/// Whether two lists of reasons hold the same reasons, messages and order aside.
pub(crate) fn same_reasons(a: &[Reason], b: &[Reason]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.iter().zip(b).all(|(x, y)| same_reason(x, y)) {
        return true;
    }
    let mut used = vec![false; b.len()];
    a.iter().all(|x| match (0..b.len()).find(|&k| !used[k] && same_reason(x, &b[k])) {
        Some(k) => {
            used[k] = true;
            true
        }
        None => false,
    })
}

/// Whether two reasons are the same, their messages aside. Every field is named, so that a
/// field added to `Reason` must be decided on here.
fn same_reason(a: &Reason, b: &Reason) -> bool {
    let Reason { kind, severity, code, credential_id, waiver_id, shift_id, training_id, role_id, at, days_left, jurisdiction, rest_hours, more, message: _ } = a;
    *kind == b.kind
        && *severity == b.severity
        && *code == b.code
        && *credential_id == b.credential_id
        && *waiver_id == b.waiver_id
        && *shift_id == b.shift_id
        && *training_id == b.training_id
        && *role_id == b.role_id
        && *at == b.at
        && *days_left == b.days_left
        && *jurisdiction == b.jurisdiction
        && *rest_hours == b.rest_hours
        && *more == b.more
}
