//! The rules of SPEC §3: how one record is judged against a shift, which record or waiver wins
//! for a code, how a requirement tree combines, and the checks beside credentials (role,
//! overlap, training, rest).
//!
//! Everything here answers with numbers and indexes ([`Outcome`], [`Conflict`], a rank, a
//! [`Status`]) and writes no text: the status-only path ([`status`]) is these functions alone
//! and allocates nothing, and a full verdict is drafted from their answers by `draft`, worded
//! by `messages`.

use super::types::{ReasonKind, Status};
use crate::model::*;
use crate::requirement::Req;
use crate::time::{self, Instant, DAY_MS};

/// A shift being judged: an existing one, or a hypothetical placement.
#[derive(Clone, Copy)]
pub(crate) struct Slot<'a> {
    pub start: Instant,
    pub end: Instant,
    pub location: Option<u32>,
    pub role: Option<u32>,
    pub queues: &'a [u32],
    pub requires: Option<&'a Req>,
    /// The employees working it (the employee judged is skipped where it matters).
    pub coworkers: &'a [EmpIdx],
    /// Shifts not to count for overlap and rest: the shift itself, and one being moved.
    pub ignore: [Option<ShiftIdx>; 2],
    /// The judged employee's records by code, when the caller has them indexed.
    pub by_code: Option<&'a ByCode>,
}

impl<'a> Slot<'a> {
    /// The slot of an existing shift.
    #[inline]
    pub fn of(m: &'a Model, s: ShiftIdx) -> Slot<'a> {
        let shift = &m.shifts[s as usize];
        Slot {
            start: shift.start,
            end: shift.end,
            location: shift.location,
            role: shift.role,
            queues: shift.queues.of(&m.shift_queues),
            requires: shift.requires.map(|r| &m.reqs[r as usize]),
            coworkers: &shift.assigned,
            ignore: [Some(s), None],
            by_code: None,
        }
    }

    pub(crate) fn ignores(&self, s: ShiftIdx) -> bool {
        self.ignore[0] == Some(s) || self.ignore[1] == Some(s)
    }
}

/// One employee's packed records indexed by code: where each code's run starts in the
/// employee's list and how long it is, so that a check finds a code's records by one index
/// instead of a scan. For many checks of one employee in a row (`validate`).
#[derive(Default)]
pub(crate) struct ByCode {
    emp: Option<EmpIdx>,
    /// By code: `(start, length)` in `Model::judged_of(emp)`.
    runs: Vec<(u32, u32)>,
}

impl ByCode {
    /// Indexes employee `emp`'s records (and forgets the previous employee's).
    #[inline(never)]
    pub fn set(&mut self, m: &Model, emp: EmpIdx) {
        if self.runs.len() != m.types.len() {
            self.runs = vec![(0, 0); m.types.len()];
        } else if let Some(old) = self.emp {
            // Only the previous employee's codes: linear in their records, not in the types.
            for j in m.judged_of(old) {
                if let Some(run) = self.runs.get_mut(j.code as usize) {
                    *run = (0, 0);
                }
            }
        }
        for (i, j) in m.judged_of(emp).iter().enumerate() {
            if let Some(run) = self.runs.get_mut(j.code as usize) {
                if run.1 == 0 {
                    run.0 = i as u32;
                }
                run.1 += 1;
            }
        }
        self.emp = Some(emp);
    }

    /// The records of `emp` meeting `code`, when `emp` is the employee indexed.
    #[inline]
    pub(crate) fn get<'m>(&self, m: &'m Model, emp: EmpIdx, code: CodeIdx) -> Option<&'m [Judged]> {
        if self.emp != Some(emp) {
            return None;
        }
        let &(lo, len) = self.runs.get(code as usize)?;
        m.judged_of(emp).get(lo as usize..(lo + len) as usize)
    }
}

/// The outcome of one requirement code for one employee on one slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Met { rec: u32 },
    Expiring { rec: u32, days_left: i32 },
    Grace { rec: u32 },
    Waived { waiver: u32 },
    /// Not met by record `rec`, for the reason `kind`: one of `notCurrent` to `expired`, in
    /// [`ReasonKind`]'s order, which is the order of SPEC §3.1 (closest to counting first).
    NotMet { kind: ReasonKind, rec: u32 },
    Missing,
}

/// Ranks: 0 met, 1 expiring, 2 grace, 3 waived, 4..=12 not met (4: `notCurrent`, which a
/// roster may soften to count as met with a warning), 13 missing.
pub(crate) const RANK_WAIVED: u8 = 3;
/// The rank of `notCurrent`: just after waived, so that softened it ranks where SPEC §8.1
/// puts it (met, expiring, grace, waived, softened `notCurrent`).
pub(crate) const RANK_NOT_CURRENT: u8 = RANK_WAIVED + 1;
pub(crate) const RANK_MISSING: u8 = 13;

impl Outcome {
    #[inline]
    pub fn rank(self) -> u8 {
        match self {
            Outcome::Met { .. } => 0,
            Outcome::Expiring { .. } => 1,
            Outcome::Grace { .. } => 2,
            Outcome::Waived { .. } => RANK_WAIVED,
            // `notCurrent` (4) to `expired` (12), just before `missing` (13).
            Outcome::NotMet { kind, .. } => kind as u8 + 1,
            Outcome::Missing => RANK_MISSING,
        }
    }
}

/// The status a rank gives in model `m` (whose `rules.severities` may soften `notCurrent`).
#[inline]
pub(crate) fn rank_status(m: &Model, rank: u8) -> Status {
    match rank {
        0 | 1 => Status::Ok,
        2 | 3 => Status::Warn,
        RANK_NOT_CURRENT => m.rules.severity(ReasonKind::NotCurrent).status(),
        _ => Status::Block,
    }
}

/// Whether an outcome of this rank meets its code (met, expiring, grace, waived, or a softened
/// `notCurrent`): what an `any` group reports alone and what a crew counts.
#[inline]
pub(crate) fn rank_counts(m: &Model, rank: u8) -> bool {
    rank_status(m, rank) != Status::Block
}

/// Calendar days from the local date of `end` to the last valid local date of a window ending
/// (exclusively) at `until_ms`, both read in `end`'s offset.
#[inline]
pub(crate) fn days_left(until_ms: i64, end: Instant) -> i32 {
    time::local_day(until_ms.saturating_sub(1), end.offset_s) - end.local_day()
}

/// Judges one record (in its packed form) against a slot. `alert`: whether a met record near
/// its end is told apart as expiring; the status path passes false, since met and expiring
/// are both `ok` and both rank below every other outcome (see [`code_rank`]). Always inlined:
/// into [`code_rank`] (the status path) and [`eval_code`] (the verdict's), its two callers.
#[inline(always)]
fn judge(m: &Model, emp: EmpIdx, rec: &Judged, slot: &Slot<'_>, alert: bool) -> Outcome {
    let r = rec.rec;
    let from = rec.valid_from_at(slot.start.offset_s);
    let until = rec.valid_until_at(slot.end.offset_s);
    if rec.status != RecordStatus::Active {
        let kind = if until <= slot.start.ms {
            ReasonKind::Expired
        } else if from >= slot.end.ms {
            ReasonKind::NotYetValid
        } else {
            match rec.status {
                RecordStatus::Pending => ReasonKind::Pending,
                RecordStatus::Suspended => ReasonKind::Suspended,
                _ => ReasonKind::Revoked,
            }
        };
        return Outcome::NotMet { kind, rec: r };
    }
    // Time first.
    let in_grace = if from > slot.start.ms {
        return Outcome::NotMet { kind: ReasonKind::NotYetValid, rec: r };
    } else if until >= slot.end.ms {
        false
    } else if rec.grace_days > 0 && slot.end.ms <= until.saturating_add(i64::from(rec.grace_days) * DAY_MS) {
        true
    } else if until <= slot.start.ms {
        return Outcome::NotMet { kind: ReasonKind::Expired, rec: r };
    } else {
        return Outcome::NotMet { kind: ReasonKind::ExpiresDuringShift, rec: r };
    };
    // Then jurisdiction.
    if rec.jurisdictional() && !m.covers(rec, m.jurisdiction_of(slot.location)) {
        return Outcome::NotMet { kind: ReasonKind::WrongJurisdiction, rec: r };
    }
    // Then supervision.
    if rec.supervised() && !has_supervisor(m, emp, rec.own, slot) {
        return Outcome::NotMet { kind: ReasonKind::Unsupervised, rec: r };
    }
    // Then currency (SPEC §8.1), of the record's own type; one flag test for a type without.
    if rec.has(Judged::CURRENCY) && !crate::currency::current(m, emp, rec.own, slot.start.ms) {
        return Outcome::NotMet { kind: ReasonKind::NotCurrent, rec: r };
    }
    if in_grace {
        return Outcome::Grace { rec: r };
    }
    if alert && rec.min_alert != u32::MAX && rec.has_until() {
        let min_alert = rec.min_alert;
        // Calendar days differ from elapsed whole days by at most one, so a record valid for
        // more than `min_alert + 1` whole days past the shift's end is not expiring: the
        // common case skips the two floor divisions of `days_left`.
        if until.saturating_sub(slot.end.ms) > (i64::from(min_alert) + 1) * DAY_MS {
            return Outcome::Met { rec: r };
        }
        let left = days_left(until, slot.end);
        if i64::from(left) <= i64::from(min_alert) {
            return Outcome::Expiring { rec: r, days_left: left };
        }
    }
    Outcome::Met { rec: r }
}

/// Whether another employee on the slot holds an active, unrestricted record meeting `code`,
/// valid for the whole slot and at its jurisdiction, and is current on that record's own type
/// (SPEC §8.1). Grace and waivers do not count.
fn has_supervisor(m: &Model, emp: EmpIdx, code: CodeIdx, slot: &Slot<'_>) -> bool {
    let jurisdiction = m.jurisdiction_of(slot.location);
    slot.coworkers.iter().any(|&o| {
        o != emp
            && m.judged_for(o, code).iter().any(|rec| {
                rec.status == RecordStatus::Active
                    && !rec.supervised()
                    && rec.covers(slot.start, slot.end)
                    && (!rec.jurisdictional() || m.covers(rec, jurisdiction))
                    && (!rec.has(Judged::CURRENCY) || crate::currency::current(m, o, rec.own, slot.start.ms))
            })
    })
}

fn waiver_covers(w: &Waiver, slot: &Slot<'_>) -> bool {
    window_covers(Some(w.from), Some(w.until), slot.start, slot.end)
        && match &w.locations {
            None => true,
            Some(list) => slot.location.is_some_and(|l| list.contains(&Some(l))),
        }
}

/// The best outcome for `code` among the employee's records and waivers.
#[inline]
pub(crate) fn eval_code(m: &Model, emp: EmpIdx, code: CodeIdx, slot: &Slot<'_>) -> Outcome {
    let mut best = Outcome::Missing;
    let mut best_rank = RANK_MISSING;
    let mut best_until = i64::MIN;
    let recs = match slot.by_code.and_then(|b| b.get(m, emp, code)) {
        Some(recs) => recs,
        None => m.judged_for(emp, code),
    };
    for rec in recs {
        let o = judge(m, emp, rec, slot, true);
        let rank = o.rank();
        if rank > best_rank {
            continue;
        }
        let until = rec.valid_until_at(slot.end.offset_s);
        if rank < best_rank || until > best_until {
            best = o;
            best_rank = rank;
            best_until = until;
        }
        if rank == 0 && until == i64::MAX {
            return best;
        }
    }
    if best_rank < RANK_WAIVED {
        return best;
    }
    let mut waiver_until = i64::MIN;
    for &(_, w) in m.waivers_for(emp, code) {
        let waiver = &m.waivers[w as usize];
        if waiver_covers(waiver, slot) {
            let until = waiver.until.at(slot.end.offset_s);
            if best_rank > RANK_WAIVED || until > waiver_until {
                best = Outcome::Waived { waiver: w };
                best_rank = RANK_WAIVED;
                waiver_until = until;
            }
        }
    }
    best
}

/// The rank of `code`: [`eval_code`]'s rank (the lowest of its records', then waived), without
/// choosing a record. With `alert` false (the status path) expiring ranks as met (0) and no
/// alert arithmetic is done: both are `ok` and both rank below every other outcome, so a tree
/// combined from these ranks (`all`: the highest, `any`: the lowest) gives the same status.
/// The first met record ends the scan, and the employee's records are walked once (they are
/// sorted by code).
#[inline(always)]
fn code_rank(m: &Model, emp: EmpIdx, code: CodeIdx, slot: &Slot<'_>, alert: bool) -> u8 {
    let mut best = RANK_MISSING;
    let recs = match slot.by_code.and_then(|b| b.get(m, emp, code)) {
        Some(recs) => recs,
        None => {
            let list = m.judged_of(emp);
            // As `judged_for`: a dozen records or so are scanned, a long list searched.
            let lo = if list.len() <= 32 { 0 } else { list.partition_point(|j| j.code < code) };
            list.get(lo..).unwrap_or(&[])
        }
    };
    for rec in recs {
        if rec.code != code {
            if rec.code < code {
                continue;
            }
            break;
        }
        let rank = judge(m, emp, rec, slot, alert).rank();
        if rank == 0 {
            return 0;
        }
        best = best.min(rank);
    }
    if best < RANK_WAIVED {
        return best;
    }
    let waived = m.waivers_for(emp, code).iter().any(|&(_, w)| m.waivers.get(w as usize).is_some_and(|w| waiver_covers(w, slot)));
    if waived {
        RANK_WAIVED
    } else {
        best
    }
}

/// The rank of a requirement tree from [`code_rank`] (`alert` likewise). An `all` stops at the
/// first rank above `notCurrent`: such a rank blocks whatever follows, and never counts, so the
/// status and the choice among an `any`'s members that count (`draft`) are those of the exact
/// rank. [`code_rank`] and [`judge`] are inlined here, at its one call site: in the
/// WebAssembly, where LLVM's inline thresholds are lowered for size (`scripts/build-pkg.sh`),
/// they had been three calls a code and one a record, each passing its outcome through memory;
/// now a group's member is one call (docs/decisions.md 144).
fn tree_rank(m: &Model, emp: EmpIdx, req: &Req, slot: &Slot<'_>, alert: bool) -> u8 {
    match req {
        Req::Code(c) => code_rank(m, emp, *c, slot, alert),
        Req::All(items) => {
            let mut worst = 0;
            for r in items {
                worst = worst.max(tree_rank(m, emp, r, slot, alert));
                if worst > RANK_NOT_CURRENT {
                    break;
                }
            }
            worst
        }
        Req::Any(items) => {
            let mut best = RANK_MISSING;
            for r in items {
                best = best.min(tree_rank(m, emp, r, slot, alert));
                if best == 0 {
                    break;
                }
            }
            best
        }
    }
}

/// The rank of a requirement tree, exact below `notCurrent`'s rank and above it for whether
/// it counts ([`tree_rank`]): what `draft` compares an `any`'s members by.
#[inline]
pub(crate) fn req_rank(m: &Model, emp: EmpIdx, req: &Req, slot: &Slot<'_>) -> u8 {
    tree_rank(m, emp, req, slot, true)
}

/// Whether `req` counts for `emp` on `slot` (met, or warned): what a crew counts.
#[inline]
pub(crate) fn req_counts(m: &Model, emp: EmpIdx, req: &Req, slot: &Slot<'_>) -> bool {
    rank_counts(m, tree_rank(m, emp, req, slot, false))
}

/// Calls `f` with each part of the slot's effective requirement: role, location, queues, shift.
#[inline]
pub(crate) fn for_each_part<'a>(m: &'a Model, slot: &Slot<'a>, mut f: impl FnMut(&'a Req) -> bool) {
    // Two plain tests, not a loop over `[role, location]`: LLVM compiled that array's
    // iterator into ~650 instructions a call (each 8-byte option taken apart bit by bit).
    if let Some(r) = slot.role.and_then(|r| m.roles[r as usize].requires) {
        if !f(&m.reqs[r as usize]) {
            return;
        }
    }
    if let Some(r) = slot.location.and_then(|l| m.locations[l as usize].requires) {
        if !f(&m.reqs[r as usize]) {
            return;
        }
    }
    for &q in slot.queues {
        if let Some(r) = m.queues[q as usize].requires {
            if !f(&m.reqs[r as usize]) {
                return;
            }
        }
    }
    if let Some(r) = slot.requires {
        f(r);
    }
}

/// The status of employee `emp` on `slot`, with no allocation: the per-drag path.
#[inline]
pub(crate) fn status(m: &Model, emp: EmpIdx, slot: &Slot<'_>) -> Status {
    touch(m, emp);
    status_warm(m, emp, slot)
}

/// [`status`] without first starting to load the employee's data: for the checks of an
/// employee after the first, when it is in cache already.
#[inline]
pub(crate) fn status_warm(m: &Model, emp: EmpIdx, slot: &Slot<'_>) -> Status {
    let mut worst = Status::Ok;
    if let Some(role) = slot.role {
        if !m.may_work(emp, role) {
            worst = m.rules.severity(ReasonKind::NotInRole).status();
            if worst == Status::Block {
                return worst;
            }
        }
    }
    worst = worst.max(worst_conflict(m, emp, slot));
    if worst == Status::Block {
        return worst;
    }
    for_each_part(m, slot, |req| {
        let s = rank_status(m, tree_rank(m, emp, req, slot, false));
        worst = worst.max(s);
        worst != Status::Block
    });
    // Working limits (SPEC §8): a roster without any pays one test.
    if worst != Status::Block && !m.rules.limits.is_empty() {
        worst = worst.max(limits_status(m, emp, slot));
    }
    worst
}

/// The worst status the limits give employee `emp` on `slot`.
#[inline(never)]
fn limits_status(m: &Model, emp: EmpIdx, slot: &Slot<'_>) -> Status {
    let mut worst = Status::Ok;
    for limit in &m.rules.limits {
        if crate::limits::over(m, emp, slot, limit).is_some() {
            worst = worst.max(if limit.warn { Status::Warn } else { Status::Block });
            if worst == Status::Block {
                break;
            }
        }
    }
    worst
}

/// Starts loading the employee's assignments, records and events: on a cold employee each is a
/// cache miss, and issued here, before the checks that read them, they overlap instead of
/// following one another (the role check, the assignment scans, each code's records and each
/// currency's events).
#[inline(always)]
fn touch(m: &Model, emp: EmpIdx) {
    if let Some(hot) = m.emp_hot.get(emp as usize) {
        let codes = hot.judged.of(&m.judged).iter().fold(0, |x, j| x ^ j.code);
        let shifts = hot.shifts.iter().step_by(4).fold(0, |x, a| x ^ a.shift);
        let trainings = hot.trainings.of(&m.emp_training_list).first().map_or(0, |b| b.training);
        // Its events (SPEC §8): each record with a currency reads them.
        let events = m.event_index.touch(emp);
        std::hint::black_box(codes ^ shifts ^ trainings ^ events);
    }
}

/// The status the employee's overlap, training and rest conflicts on the slot give, by the
/// roster's severities: `block` at the first that blocks. With nothing softened (most rosters)
/// that is the first conflict, and no severity is looked up per conflict (the status path).
#[inline]
fn worst_conflict(m: &Model, emp: EmpIdx, slot: &Slot<'_>) -> Status {
    let softened = m.rules.softened != 0;
    let mut worst = Status::Ok;
    conflicts(m, emp, slot, &mut |c: Conflict| {
        worst = if softened { worst.max(m.rules.severity(c.kind()).status()) } else { Status::Block };
        worst != Status::Block
    });
    worst
}

/// A conflict beside credentials.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Conflict {
    Overlap(ShiftIdx),
    Training(u32),
    RestBefore(ShiftIdx),
    RestAfter(ShiftIdx),
}

impl Conflict {
    /// The reason kind this conflict is reported as.
    #[inline]
    pub(crate) fn kind(self) -> ReasonKind {
        match self {
            Conflict::Overlap(_) => ReasonKind::Overlap,
            Conflict::Training(_) => ReasonKind::InTraining,
            Conflict::RestBefore(_) | Conflict::RestAfter(_) => ReasonKind::RestTooShort,
        }
    }
}

/// Calls `f` with each overlap, training and rest conflict, in that order; stops when `f`
/// returns false.
pub(crate) fn conflicts(m: &Model, emp: EmpIdx, slot: &Slot<'_>, f: &mut dyn crate::call::CallMut<Conflict, bool>) {
    let list = m.shifts_of(emp);
    // Shifts last at most 7 days, so only those starting in [start - 7 d, end) can overlap.
    let lo = list.partition_point(|a| a.start < slot.start.ms.saturating_sub(MAX_SHIFT_MS));
    let hi = lo + list[lo..].partition_point(|a| a.start < slot.end.ms);
    if !m.rules.allow_overlap {
        for a in &list[lo..hi] {
            if slot.ignores(a.shift) {
                continue;
            }
            if a.end() > slot.start.ms && !f.call_mut(Conflict::Overlap(a.shift)) {
                return;
            }
        }
    }
    for b in m.trainings_of(emp) {
        if b.start >= slot.end.ms {
            break;
        }
        if b.end > slot.start.ms && !f.call_mut(Conflict::Training(b.training)) {
            return;
        }
    }
    let Some(min_rest) = m.rules.min_rest_ms else { return };
    // Previous: the latest end <= start. Scan back from the shifts starting before `start`.
    let before = lo + list[lo..hi].partition_point(|a| a.start < slot.start.ms);
    let mut prev: Option<(i64, ShiftIdx)> = None;
    for a in list[..before].iter().rev() {
        let end = a.end();
        if let Some((best_end, _)) = prev {
            if a.start.saturating_add(MAX_SHIFT_MS) < best_end {
                break;
            }
        }
        if slot.ignores(a.shift) || end > slot.start.ms {
            continue;
        }
        // A tie for the latest end goes to the earlier shift in the document (decision 19).
        if prev.is_none_or(|(best_end, best)| end > best_end || (end == best_end && a.shift < best)) {
            prev = Some((end, a.shift));
        }
    }
    if let Some((end, s)) = prev {
        if slot.start.ms - end < min_rest && !f.call_mut(Conflict::RestBefore(s)) {
            return;
        }
    }
    if let Some(a) = list[hi..].iter().find(|a| !slot.ignores(a.shift)) {
        if a.start - slot.end.ms < min_rest {
            f.call_mut(Conflict::RestAfter(a.shift));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A not-met outcome ranks by its kind's place in `ReasonKind`: SPEC §3.1's order, after
    /// waived and before missing.
    #[test]
    fn not_met_ranks_follow_the_spec_order() {
        let order = [
            ReasonKind::NotCurrent,
            ReasonKind::Unsupervised,
            ReasonKind::WrongJurisdiction,
            ReasonKind::ExpiresDuringShift,
            ReasonKind::NotYetValid,
            ReasonKind::Pending,
            ReasonKind::Suspended,
            ReasonKind::Revoked,
            ReasonKind::Expired,
        ];
        let ranks: Vec<u8> = order.iter().map(|&kind| Outcome::NotMet { kind, rec: 0 }.rank()).collect();
        assert_eq!(ranks, (RANK_WAIVED + 1..RANK_MISSING).collect::<Vec<_>>());
        assert_eq!(ReasonKind::Missing as u8 + 1, RANK_MISSING);
    }
}
