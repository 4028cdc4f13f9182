//! Verdicts: may this employee work this shift, and if not, why not.
//!
//! This module owns the rules of SPEC §3: how one credential record is judged against a shift,
//! which record wins when an employee holds several, how waivers, grace and supervision enter,
//! and the checks beside credentials (role, overlap, training, rest).
//!
//! # Judging one record
//!
//! A record counts for a shift only when it is valid for the **whole** shift, `[start, end)`.
//! Its `validFrom` is read in the offset of the shift's start, its `validUntil` in the offset of
//! the shift's end (see the `time` module). Then, for a record meeting code C:
//!
//! - a `pending`, `suspended` or `revoked` record reads as its status when its window touches the
//!   shift; a window wholly before the shift reads `expired`, wholly after it `notYetValid`;
//! - an `active` record is judged on time first (`notYetValid` when it starts after the shift
//!   starts, `expiresDuringShift` when it ends inside the shift, `expired` when it ended before,
//!   unless the type's grace covers the shift's end), then on jurisdiction, then on supervision;
//! - a record that passes all three is met; met but expiring within the type's smallest
//!   `alertDays` after the shift (counted in calendar days, as `daysLeft`) adds an `expiringSoon`
//!   note; met only through grace reads `inGrace`.
//!
//! Across the records and waivers for C, the best outcome wins, in this order: met, expiring,
//! in grace, waived, then `unsupervised`, `wrongJurisdiction`, `expiresDuringShift`,
//! `notYetValid`, `pending`, `suspended`, `revoked`, `expired`, and `missing` when there is no
//! record at all. Among records with the same outcome, the one valid longest (latest
//! `validUntil`, a never-expiring one first) is reported, then the earlier in the document.
//!
//! # Example: a card expiring at midnight blocks a night shift
//!
//! ```
//! use credgate::{Engine, ReasonKind, Status};
//! let credentials = r#"{"credentialTypes": [{"code": "BLS"}],
//!   "credentials": [{"id": "c1", "employeeId": "e1", "code": "BLS", "validUntil": "2026-12-01"}]}"#;
//! let roster = r#"{"employees": [{"id": "e1"}], "shifts": [
//!   {"id": "night", "start": "2026-12-01T19:00:00-06:00", "end": "2026-12-02T07:00:00-06:00", "requires": "BLS"},
//!   {"id": "day", "start": "2026-12-01T07:00:00-06:00", "end": "2026-12-01T19:00:00-06:00", "requires": "BLS"}]}"#;
//! let engine = Engine::load(roster, credentials).unwrap().engine;
//! let night = engine.check("e1", "night").unwrap();
//! assert_eq!(night.status, Status::Block);
//! assert_eq!(night.reasons[0].kind, ReasonKind::ExpiresDuringShift);
//! assert_eq!(night.reasons[0].at.as_deref(), Some("2026-12-02T00:00:00-06:00"));
//! // The day shift ends before midnight: the card is valid through the end of 1 December.
//! assert_eq!(engine.check("e1", "day").unwrap().status, Status::Ok);
//! ```
//!
//! # Example: a compact licence covers Texas
//!
//! ```
//! use credgate::{Engine, Status};
//! let credentials = r#"{"credentialTypes": [{"code": "RN", "jurisdictional": true}],
//!   "jurisdictionGroups": [{"code": "NLC", "members": ["US-TX", "US-FL"]}],
//!   "credentials": [{"id": "c1", "employeeId": "e1", "code": "RN", "validUntil": null, "validIn": ["NLC"]}]}"#;
//! let roster = r#"{"locations": [{"id": "houston", "jurisdiction": "US-TX"}, {"id": "sf", "jurisdiction": "US-CA"}],
//!   "employees": [{"id": "e1"}], "shifts": [
//!   {"id": "tx", "start": "2026-12-01T07:00:00-06:00", "end": "2026-12-01T19:00:00-06:00", "locationId": "houston", "requires": "RN"},
//!   {"id": "ca", "start": "2026-12-02T07:00:00-08:00", "end": "2026-12-02T19:00:00-08:00", "locationId": "sf", "requires": "RN"}]}"#;
//! let engine = Engine::load(roster, credentials).unwrap().engine;
//! assert_eq!(engine.check("e1", "tx").unwrap().status, Status::Ok);
//! assert_eq!(engine.check("e1", "ca").unwrap().status, Status::Block);
//! ```

use crate::draft::{DraftEvidence, DraftReason, Drafts, Head, Text};
use crate::model::*;
use crate::requirement::Req;
use crate::time::{self, Instant, DAY_MS};
use serde::Serialize;

/// The answer of a verdict: the highest severity among its reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// Allowed (possibly with `info` notes).
    Ok,
    /// Allowed, with a warning a person should see (grace, waiver).
    Warn,
    /// Not allowed.
    Block,
}

impl Status {
    /// `"ok"`, `"warn"` or `"block"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warn => "warn",
            Status::Block => "block",
        }
    }
}

/// How much a reason matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// A note; leaves the status `ok`.
    Info,
    /// Makes the status `warn`.
    Warn,
    /// Makes the status `block`.
    Block,
}

impl Severity {
    /// `"info"`, `"warn"` or `"block"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Block => "block",
        }
    }

    /// The status a reason of this severity gives on its own.
    pub fn status(self) -> Status {
        match self {
            Severity::Info => Status::Ok,
            Severity::Warn => Status::Warn,
            Severity::Block => Status::Block,
        }
    }
}

/// What a reason is about. Serialized in camelCase (`expiresDuringShift`).
///
/// When you add a kind here, also add it to the TypeScript `Reason` union in `src/wasm.rs`,
/// to the table in the README, and to a case in `tests/corpus/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ReasonKind {
    /// Met, but the record expires within the type's smallest `alertDays` after the shift.
    ExpiringSoon,
    /// Met only through the type's grace period after expiry.
    InGrace,
    /// Met by a waiver.
    Waived,
    /// Supervised record with no supervisor on the shift.
    Unsupervised,
    /// Jurisdictional record not valid at the shift's jurisdiction.
    WrongJurisdiction,
    /// The record expires during the shift.
    ExpiresDuringShift,
    /// The record becomes valid after the shift starts.
    NotYetValid,
    /// The record awaits verification.
    Pending,
    /// The record is suspended.
    Suspended,
    /// The record is revoked.
    Revoked,
    /// The record expired before the shift.
    Expired,
    /// No record of the code at all.
    Missing,
    /// The shift's role is not among the employee's `roleIds`.
    NotInRole,
    /// The employee is assigned to another shift that overlaps.
    Overlap,
    /// A scheduled training session overlaps the shift.
    InTraining,
    /// Too little rest before or after a neighbouring shift.
    RestTooShort,
    /// Shift-level: fewer crew members meet a crew rule than its `min`.
    CrewShortfall,
}

impl ReasonKind {
    /// The severity this kind always has.
    pub fn severity(self) -> Severity {
        match self {
            ReasonKind::ExpiringSoon => Severity::Info,
            ReasonKind::InGrace | ReasonKind::Waived => Severity::Warn,
            _ => Severity::Block,
        }
    }

    /// The camelCase name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonKind::ExpiringSoon => "expiringSoon",
            ReasonKind::InGrace => "inGrace",
            ReasonKind::Waived => "waived",
            ReasonKind::Unsupervised => "unsupervised",
            ReasonKind::WrongJurisdiction => "wrongJurisdiction",
            ReasonKind::ExpiresDuringShift => "expiresDuringShift",
            ReasonKind::NotYetValid => "notYetValid",
            ReasonKind::Pending => "pending",
            ReasonKind::Suspended => "suspended",
            ReasonKind::Revoked => "revoked",
            ReasonKind::Expired => "expired",
            ReasonKind::Missing => "missing",
            ReasonKind::NotInRole => "notInRole",
            ReasonKind::Overlap => "overlap",
            ReasonKind::InTraining => "inTraining",
            ReasonKind::RestTooShort => "restTooShort",
            ReasonKind::CrewShortfall => "crewShortfall",
        }
    }

    /// Every kind, in the order above.
    pub const ALL: [ReasonKind; 17] = [
        ReasonKind::ExpiringSoon,
        ReasonKind::InGrace,
        ReasonKind::Waived,
        ReasonKind::Unsupervised,
        ReasonKind::WrongJurisdiction,
        ReasonKind::ExpiresDuringShift,
        ReasonKind::NotYetValid,
        ReasonKind::Pending,
        ReasonKind::Suspended,
        ReasonKind::Revoked,
        ReasonKind::Expired,
        ReasonKind::Missing,
        ReasonKind::NotInRole,
        ReasonKind::Overlap,
        ReasonKind::InTraining,
        ReasonKind::RestTooShort,
        ReasonKind::CrewShortfall,
    ];
}

/// One reason in a verdict: `kind` and the fields are for programs, `message` for people.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    /// What the reason is about.
    pub kind: ReasonKind,
    /// `info`, `warn` or `block` (fixed by the kind).
    pub severity: Severity,
    /// The requirement code concerned (credential kinds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The credential record concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential_id: Option<String>,
    /// The waiver concerned (`waived`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver_id: Option<String>,
    /// The other shift (`overlap`, `restTooShort`), or the shift (`crewShortfall`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shift_id: Option<String>,
    /// The training session (`inTraining`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub training_id: Option<String>,
    /// The shift's role (`notInRole`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_id: Option<String>,
    /// The instant that matters, in the shift's offset: when the record expires (or expired),
    /// when it becomes valid, when a waiver ends, when a training starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// Calendar days from the local date of the shift's end to the record's last valid date
    /// (`expiringSoon`, `inGrace`, `expired`; negative once expired).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i32>,
    /// The shift's jurisdiction (`wrongJurisdiction`), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    /// Hours of rest between the shifts (`restTooShort`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rest_hours: Option<f64>,
    /// How many more reasons of this kind were left out (the summary that closes a capped
    /// `overlap` or `inTraining` list; see [`MAX_LISTED_CONFLICTS`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub more: Option<u32>,
    /// For people.
    pub message: String,
}

/// The record (or waiver) that met a requirement code: what an auditor asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// The requirement code met.
    pub code: String,
    /// The credential record that met it (possibly of a type that `satisfies` the code).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential_id: Option<String>,
    /// The waiver that met it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver_id: Option<String>,
}

/// The answer to "may employee e work shift s?".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    /// The employee.
    pub employee_id: String,
    /// The shift; `null` for a placement of a shift that does not exist yet.
    pub shift_id: Option<String>,
    /// The highest severity among the reasons (`info` leaves it `ok`).
    pub status: Status,
    /// Every reason, credential reasons first in requirement order (role, location, queues,
    /// shift), then `notInRole`, `overlap`, `inTraining`, `restTooShort`.
    pub reasons: Vec<Reason>,
    /// The record that met each requirement code, in requirement order.
    pub evidence: Vec<Evidence>,
}

// ---------------------------------------------------------------------------------------------
// Evaluation.

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

    fn ignores(&self, s: ShiftIdx) -> bool {
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
    fn get<'m>(&self, m: &'m Model, emp: EmpIdx, code: CodeIdx) -> Option<&'m [Judged]> {
        if self.emp != Some(emp) {
            return None;
        }
        let &(lo, len) = self.runs.get(code as usize)?;
        m.judged_of(emp).get(lo as usize..(lo + len) as usize)
    }
}

/// Why a record does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fail {
    Unsupervised,
    WrongJurisdiction,
    ExpiresDuringShift,
    NotYetValid,
    Pending,
    Suspended,
    Revoked,
    Expired,
}

impl Fail {
    fn rank(self) -> u8 {
        4 + self as u8
    }
    fn kind(self) -> ReasonKind {
        match self {
            Fail::Unsupervised => ReasonKind::Unsupervised,
            Fail::WrongJurisdiction => ReasonKind::WrongJurisdiction,
            Fail::ExpiresDuringShift => ReasonKind::ExpiresDuringShift,
            Fail::NotYetValid => ReasonKind::NotYetValid,
            Fail::Pending => ReasonKind::Pending,
            Fail::Suspended => ReasonKind::Suspended,
            Fail::Revoked => ReasonKind::Revoked,
            Fail::Expired => ReasonKind::Expired,
        }
    }
}

/// The outcome of one requirement code for one employee on one slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Met { rec: u32 },
    Expiring { rec: u32, days_left: i32 },
    Grace { rec: u32 },
    Waived { waiver: u32 },
    NotMet { fail: Fail, rec: u32 },
    Missing,
}

/// Ranks: 0 met, 1 expiring, 2 grace, 3 waived, 4..=11 not met, 12 missing.
pub(crate) const RANK_WAIVED: u8 = 3;
pub(crate) const RANK_MISSING: u8 = 12;

impl Outcome {
    #[inline]
    pub fn rank(self) -> u8 {
        match self {
            Outcome::Met { .. } => 0,
            Outcome::Expiring { .. } => 1,
            Outcome::Grace { .. } => 2,
            Outcome::Waived { .. } => RANK_WAIVED,
            Outcome::NotMet { fail, .. } => fail.rank(),
            Outcome::Missing => RANK_MISSING,
        }
    }
}

/// The status a rank gives.
#[inline]
pub(crate) fn rank_status(rank: u8) -> Status {
    match rank {
        0 | 1 => Status::Ok,
        2 | 3 => Status::Warn,
        _ => Status::Block,
    }
}

#[inline]
fn until_ms(rec: &Record, offset_s: i32) -> i64 {
    rec.until.map_or(i64::MAX, |u| u.at(offset_s))
}

/// Calendar days from the local date of `end` to the last valid local date of a window ending
/// (exclusively) at `until_ms`, both read in `end`'s offset.
#[inline]
pub(crate) fn days_left(until_ms: i64, end: Instant) -> i32 {
    time::local_day(until_ms.saturating_sub(1), end.offset_s) - end.local_day()
}

/// Judges one record (in its packed form) against a slot.
fn judge(m: &Model, emp: EmpIdx, rec: &Judged, slot: &Slot<'_>) -> Outcome {
    let r = rec.rec;
    let from = rec.valid_from_at(slot.start.offset_s);
    let until = rec.valid_until_at(slot.end.offset_s);
    if rec.status != RecordStatus::Active {
        let fail = if until <= slot.start.ms {
            Fail::Expired
        } else if from >= slot.end.ms {
            Fail::NotYetValid
        } else {
            match rec.status {
                RecordStatus::Pending => Fail::Pending,
                RecordStatus::Suspended => Fail::Suspended,
                _ => Fail::Revoked,
            }
        };
        return Outcome::NotMet { fail, rec: r };
    }
    // Time first.
    let in_grace = if from > slot.start.ms {
        return Outcome::NotMet { fail: Fail::NotYetValid, rec: r };
    } else if until >= slot.end.ms {
        false
    } else if rec.grace_days > 0 && slot.end.ms <= until.saturating_add(i64::from(rec.grace_days) * DAY_MS) {
        true
    } else if until <= slot.start.ms {
        return Outcome::NotMet { fail: Fail::Expired, rec: r };
    } else {
        return Outcome::NotMet { fail: Fail::ExpiresDuringShift, rec: r };
    };
    // Then jurisdiction.
    if rec.jurisdictional() && !m.covers(rec, m.jurisdiction_of(slot.location)) {
        return Outcome::NotMet { fail: Fail::WrongJurisdiction, rec: r };
    }
    // Then supervision.
    if rec.supervised() && !has_supervisor(m, emp, rec.own, slot) {
        return Outcome::NotMet { fail: Fail::Unsupervised, rec: r };
    }
    if in_grace {
        return Outcome::Grace { rec: r };
    }
    if rec.min_alert != u32::MAX && rec.has_until() {
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
/// valid for the whole slot and at its jurisdiction. Grace and waivers do not count.
fn has_supervisor(m: &Model, emp: EmpIdx, code: CodeIdx, slot: &Slot<'_>) -> bool {
    let jurisdiction = m.jurisdiction_of(slot.location);
    slot.coworkers.iter().any(|&o| {
        o != emp
            && m.judged_for(o, code).iter().any(|rec| {
                rec.status == RecordStatus::Active
                    && !rec.supervised()
                    && rec.valid_from_at(slot.start.offset_s) <= slot.start.ms
                    && rec.valid_until_at(slot.end.offset_s) >= slot.end.ms
                    && (!rec.jurisdictional() || m.covers(rec, jurisdiction))
            })
    })
}

fn waiver_covers(w: &Waiver, slot: &Slot<'_>) -> bool {
    w.from.at(slot.start.offset_s) <= slot.start.ms
        && slot.end.ms <= w.until.at(slot.end.offset_s)
        && match &w.locations {
            None => true,
            Some(list) => slot.location.is_some_and(|l| list.contains(&Some(l))),
        }
}

/// The best outcome for `code` among the employee's records and waivers.
pub(crate) fn eval_code(m: &Model, emp: EmpIdx, code: CodeIdx, slot: &Slot<'_>) -> Outcome {
    let mut best = Outcome::Missing;
    let mut best_rank = RANK_MISSING;
    let mut best_until = i64::MIN;
    let recs = match slot.by_code.and_then(|b| b.get(m, emp, code)) {
        Some(recs) => recs,
        None => m.judged_for(emp, code),
    };
    for rec in recs {
        let o = judge(m, emp, rec, slot);
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
    if best_rank <= RANK_WAIVED - 1 {
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

/// The rank of a requirement tree (the status-only path: no allocation).
pub(crate) fn req_rank(m: &Model, emp: EmpIdx, req: &Req, slot: &Slot<'_>) -> u8 {
    match req {
        Req::Code(c) => eval_code(m, emp, *c, slot).rank(),
        Req::All(items) => items.iter().map(|r| req_rank(m, emp, r, slot)).max().unwrap_or(0),
        Req::Any(items) => {
            let mut best = u8::MAX;
            for r in items {
                best = best.min(req_rank(m, emp, r, slot));
                if best == 0 {
                    break;
                }
            }
            if best == u8::MAX {
                RANK_MISSING
            } else {
                best
            }
        }
    }
}

/// Calls `f` with each part of the slot's effective requirement: role, location, queues, shift.
#[inline]
fn for_each_part<'a>(m: &'a Model, slot: &Slot<'a>, mut f: impl FnMut(&'a Req) -> bool) {
    let role = slot.role.and_then(|r| m.roles[r as usize].requires);
    let location = slot.location.and_then(|l| m.locations[l as usize].requires);
    for r in [role, location].into_iter().flatten() {
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
pub(crate) fn status(m: &Model, emp: EmpIdx, slot: &Slot<'_>) -> Status {
    touch(m, emp);
    status_warm(m, emp, slot)
}

/// [`status`] without first starting to load the employee's data: for the checks of an
/// employee after the first, when it is in cache already.
pub(crate) fn status_warm(m: &Model, emp: EmpIdx, slot: &Slot<'_>) -> Status {
    let mut worst = Status::Ok;
    if let Some(role) = slot.role {
        if !m.may_work(emp, role) {
            return Status::Block;
        }
    }
    if first_conflict(m, emp, slot) {
        return Status::Block;
    }
    for_each_part(m, slot, |req| {
        let s = rank_status(req_rank(m, emp, req, slot));
        worst = worst.max(s);
        worst != Status::Block
    });
    worst
}

/// Starts loading the employee's assignments and records: on a cold employee each is a cache
/// miss, and issued here, before the checks that read them, they overlap instead of following
/// one another (the role check, the assignment scans and each code's records).
#[inline]
fn touch(m: &Model, emp: EmpIdx) {
    if let Some(hot) = m.emp_hot.get(emp as usize) {
        let codes = hot.judged.of(&m.judged).iter().fold(0, |x, j| x ^ j.code);
        let shifts = hot.shifts.iter().step_by(4).fold(0, |x, a| x ^ a.shift);
        let trainings = hot.trainings.of(&m.emp_training_list).first().map_or(0, |b| b.training);
        std::hint::black_box(codes ^ shifts ^ trainings);
    }
}

/// Whether the employee has an overlap, a training or a rest conflict on the slot.
fn first_conflict(m: &Model, emp: EmpIdx, slot: &Slot<'_>) -> bool {
    let mut found = false;
    conflicts(m, emp, slot, &mut |_| {
        found = true;
        false
    });
    found
}

/// A conflict beside credentials.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Conflict {
    Overlap(ShiftIdx),
    Training(u32),
    RestBefore(ShiftIdx),
    RestAfter(ShiftIdx),
}

/// Calls `f` with each overlap, training and rest conflict, in that order; stops when `f`
/// returns false.
pub(crate) fn conflicts(m: &Model, emp: EmpIdx, slot: &Slot<'_>, f: &mut dyn FnMut(Conflict) -> bool) {
    let list = m.shifts_of(emp);
    // Shifts last at most 7 days, so only those starting in [start - 7 d, end) can overlap.
    let lo = list.partition_point(|a| a.start < slot.start.ms.saturating_sub(crate::load::MAX_SHIFT_MS));
    let hi = lo + list[lo..].partition_point(|a| a.start < slot.end.ms);
    if !m.rules.allow_overlap {
        for a in &list[lo..hi] {
            if slot.ignores(a.shift) {
                continue;
            }
            if a.end() > slot.start.ms && !f(Conflict::Overlap(a.shift)) {
                return;
            }
        }
    }
    for b in m.trainings_of(emp) {
        if b.start >= slot.end.ms {
            break;
        }
        if b.end > slot.start.ms && !f(Conflict::Training(b.training)) {
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
            if a.start.saturating_add(crate::load::MAX_SHIFT_MS) < best_end {
                break;
            }
        }
        if slot.ignores(a.shift) || end > slot.start.ms {
            continue;
        }
        if prev.is_none_or(|(best_end, _)| end > best_end) {
            prev = Some((end, a.shift));
        }
    }
    if let Some((end, s)) = prev {
        if slot.start.ms - end < min_rest && !f(Conflict::RestBefore(s)) {
            return;
        }
    }
    if let Some(a) = list[hi..].iter().find(|a| !slot.ignores(a.shift)) {
        if a.start - slot.end.ms < min_rest {
            f(Conflict::RestAfter(a.shift));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Full verdicts.
//
// A verdict is drafted by index (the `draft` module): reasons and evidence name the model's
// records, codes and shifts by number, and every message and instant is written in one pass
// into one text. Nothing is allocated per verdict once the buffers have grown; the public
// `Verdict`, or the tape for JavaScript, is made from the draft. Within one call over many
// verdicts (`validate`, `candidates`) a message that does not depend on the employee is
// written once.

/// What drafting verdicts reuses from one verdict to the next.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The verdicts drafted.
    pub drafts: Drafts,
    seen: Vec<CodeIdx>,
    found: Vec<Conflict>,
    /// Where the message being written starts in `drafts.text`.
    message_start: usize,
    /// The `missing` message of each code, once written (empty: not kept).
    missing: Vec<Option<String>>,
}

impl Scratch {
    /// A scratch for many verdicts on model `m`: it keeps the messages that repeat.
    pub fn for_model(m: &Model) -> Scratch {
        Scratch { missing: vec![None; m.types.len()], ..Scratch::default() }
    }
}

struct Report<'m, 's> {
    m: &'m Model,
    emp: EmpIdx,
    s: &'s mut Scratch,
    worst: Status,
}

impl Report<'_, '_> {
    fn push(&mut self, reason: DraftReason) {
        self.worst = self.worst.max(reason.kind.severity().status());
        self.s.drafts.reasons.push(reason);
    }

    /// The drafts' text, to write a message at its end.
    fn text(&mut self) -> &mut String {
        self.s.message_start = self.s.drafts.text.len();
        &mut self.s.drafts.text
    }

    /// The message written since [`Report::text`].
    fn message(&self) -> Text {
        (self.s.message_start as u32, self.s.drafts.text.len() as u32)
    }

    /// Writes an instant (RFC 3339, in `offset_s`) into the drafts' text.
    fn instant(&mut self, ms: i64, offset_s: i32) -> Text {
        let start = self.s.drafts.text.len() as u32;
        time::push_instant(&mut self.s.drafts.text, ms, offset_s);
        (start, self.s.drafts.text.len() as u32)
    }

    fn evidence_rec(&mut self, code: CodeIdx, rec: u32) {
        self.s.drafts.evidence.push(DraftEvidence { code, credential: Some(rec), waiver: None });
    }

    fn requirement(&mut self, req: &Req, slot: &Slot<'_>) {
        match req {
            Req::Code(c) => self.code(*c, slot),
            Req::All(items) => items.iter().for_each(|r| self.requirement(r, slot)),
            Req::Any(items) => {
                let mut best: Option<(u8, &Req)> = None;
                for r in items {
                    let rank = req_rank(self.m, self.emp, r, slot);
                    if best.is_none_or(|(b, _)| rank < b) {
                        best = Some((rank, r));
                    }
                }
                match best {
                    Some((rank, r)) if rank <= RANK_WAIVED => self.requirement(r, slot),
                    _ => items.iter().for_each(|r| self.requirement(r, slot)),
                }
            }
        }
    }

    fn code(&mut self, code: CodeIdx, slot: &Slot<'_>) {
        if self.s.seen.contains(&code) {
            return;
        }
        self.s.seen.push(code);
        let m = self.m;
        let outcome = eval_code(m, self.emp, code, slot);
        let code_text = &m.types[code as usize].code;
        let ref_day = slot.start.local_day();
        let off = slot.end.offset_s;
        match outcome {
            Outcome::Met { rec } => self.evidence_rec(code, rec),
            Outcome::Expiring { rec, days_left } => {
                self.evidence_rec(code, rec);
                let until = until_ms(&m.records[rec as usize], off);
                let t = self.text();
                push_label(t, m, code, rec);
                match days_left {
                    0 => t.push_str(" expires at the end of the shift's last day, "),
                    1 => t.push_str(" expires the day after the shift, at the end of "),
                    n => {
                        put(t, &[" expires in "]);
                        time::push_int(t, i64::from(n));
                        put(t, &[" days, at the end of "]);
                    }
                }
                time::push_human_day(t, time::local_day(until - 1, off), ref_day);
                let mut r = DraftReason::new(ReasonKind::ExpiringSoon, self.message());
                r.at = Some(self.instant(until, off));
                fill_record(&mut r, code, rec);
                r.days_left = Some(days_left);
                self.push(r);
            }
            Outcome::Grace { rec } => {
                self.evidence_rec(code, rec);
                let record = &m.records[rec as usize];
                let until = until_ms(record, off);
                let grace = record.code.map_or(0, |c| m.types[c as usize].grace_days);
                let t = self.text();
                push_label(t, m, code, rec);
                put(t, &[" expired "]);
                push_expiry_phrase(t, record, until, off, ref_day);
                put(t, &["; it counts in its "]);
                time::push_int(t, i64::from(grace));
                put(t, &["-day grace period"]);
                let mut r = DraftReason::new(ReasonKind::InGrace, self.message());
                r.at = Some(self.instant(until, off));
                fill_record(&mut r, code, rec);
                r.days_left = Some(days_left(until, slot.end));
                self.push(r);
            }
            Outcome::Waived { waiver } => {
                let w = &m.waivers[waiver as usize];
                self.s.drafts.evidence.push(DraftEvidence { code, credential: None, waiver: Some(waiver) });
                let until = w.until.at(off);
                let t = self.text();
                put(t, &[code_text, " waived by ", &w.approved_by, " until "]);
                time::push_human_day(t, time::local_day(until - 1, off), ref_day);
                put(t, &[": ", &w.reason]);
                let mut r = DraftReason::new(ReasonKind::Waived, self.message());
                r.code = Some(code);
                r.waiver = Some(waiver);
                r.at = Some(self.instant(until, off));
                self.push(r);
            }
            Outcome::NotMet { fail, rec } => {
                let reason = self.failure(fail, code, rec, slot);
                self.push(reason);
            }
            Outcome::Missing => {
                let known = self.s.missing.get(code as usize).is_some_and(Option::is_some);
                self.text();
                match self.s.missing.get(code as usize) {
                    Some(Some(message)) => self.s.drafts.text.push_str(message),
                    _ => {
                        let t = &mut self.s.drafts.text;
                        let ty = &m.types[code as usize];
                        put(t, &["no ", code_text]);
                        if let Some(name) = ty.name.as_ref().filter(|name| *name != code_text) {
                            put(t, &[" (", name, ")"]);
                        }
                        put(t, &[" on record"]);
                    }
                }
                let message = self.message();
                if !known {
                    let text = self.s.drafts.text(message).to_string();
                    if let Some(slot) = self.s.missing.get_mut(code as usize) {
                        *slot = Some(text);
                    }
                }
                let mut r = DraftReason::new(ReasonKind::Missing, message);
                r.code = Some(code);
                self.push(r);
            }
        }
    }

    fn failure(&mut self, fail: Fail, code: CodeIdx, rec: u32, slot: &Slot<'_>) -> DraftReason {
        let m = self.m;
        let record = &m.records[rec as usize];
        let ref_day = slot.start.local_day();
        let until = until_ms(record, slot.end.offset_s);
        let from = record.from.map_or(i64::MIN, |b| b.at(slot.start.offset_s));
        let t = self.text();
        push_label(t, m, code, rec);
        let (at, left) = match fail {
            Fail::Expired => {
                put(t, &[" expired "]);
                push_expiry_phrase(t, record, until, slot.end.offset_s, ref_day);
                (Some((until, slot.end.offset_s)), Some(days_left(until, slot.end)))
            }
            Fail::ExpiresDuringShift => {
                put(t, &[" expires at "]);
                time::push_human_instant(t, until, slot.end.offset_s, ref_day);
                put(t, &[", "]);
                time::push_human_duration(t, until - slot.start.ms);
                put(t, &[" into the shift"]);
                (Some((until, slot.end.offset_s)), None)
            }
            Fail::NotYetValid => {
                put(t, &[" is not valid until "]);
                time::push_human_instant(t, from, slot.start.offset_s, ref_day);
                (Some((from, slot.start.offset_s)), None)
            }
            Fail::Pending => {
                put(t, &[" is pending verification"]);
                (None, None)
            }
            Fail::Suspended => {
                put(t, &[" is suspended"]);
                (None, None)
            }
            Fail::Revoked => {
                put(t, &[" has been revoked"]);
                (None, None)
            }
            Fail::WrongJurisdiction => {
                let j = m.jurisdiction_of(slot.location);
                match (j, &record.valid_in) {
                    (_, None) => t.push_str(" has no validIn, so it is valid in no jurisdiction"),
                    (None, _) if slot.location.is_none() => t.push_str(" is jurisdictional and the shift has no location"),
                    (None, _) => t.push_str(" is jurisdictional and the shift's location has no jurisdiction"),
                    (Some(j), Some(_)) => {
                        put(t, &[" is not valid in ", &m.jurisdictions[j as usize]]);
                    }
                }
                let mut r = DraftReason::new(ReasonKind::WrongJurisdiction, self.message());
                fill_record(&mut r, code, rec);
                r.jurisdiction = j;
                return r;
            }
            Fail::Unsupervised => {
                let own = record.code.map_or(record.code_text.as_str(), |c| m.types[c as usize].code.as_str());
                put(t, &[" is restricted to supervised work and nobody else on the shift holds ", own, " without restriction"]);
                (None, None)
            }
        };
        let mut r = DraftReason::new(fail.kind(), self.message());
        r.at = at.map(|(ms, offset_s)| self.instant(ms, offset_s));
        fill_record(&mut r, code, rec);
        r.days_left = left;
        r
    }
}

/// Appends "at the end of 30 Nov" for a date or month bound, "at 12:00 on 1 Dec" for an instant.
fn push_expiry_phrase(out: &mut String, record: &Record, until: i64, offset_s: i32, ref_day: i32) {
    match record.until {
        Some(time::Bound::Instant(_)) => {
            put(out, &["at "]);
            time::push_human_instant(out, until, offset_s, ref_day);
        }
        _ => {
            put(out, &["at the end of "]);
            time::push_human_day(out, time::local_day(until - 1, offset_s), ref_day);
        }
    }
}

/// Appends "BLS (cr-9)", or "BLS (met by BLS-I cr-9)" for a record of a type that satisfies it.
fn push_label(out: &mut String, m: &Model, code: CodeIdx, rec: u32) {
    let record = &m.records[rec as usize];
    put(out, &[&m.types[code as usize].code]);
    if record.code == Some(code) {
        put(out, &[" ("]);
    } else {
        put(out, &[" (met by ", &record.code_text, " "]);
    }
    put(out, &[&record.id, ")"]);
}

fn fill_record(r: &mut DraftReason, code: CodeIdx, rec: u32) {
    r.code = Some(code);
    r.credential = Some(rec);
}

/// Appends "07:00–19:00 on 1 Dec".
fn push_shift_window(out: &mut String, m: &Model, s: ShiftIdx, ref_day: i32) {
    let sh = &m.shifts[s as usize];
    let local = |i: Instant| (i.ms + i64::from(i.offset_s) * 1000).rem_euclid(DAY_MS);
    time::push_clock(out, local(sh.start));
    put(out, &["–"]);
    time::push_clock(out, local(sh.end));
    put(out, &[" on "]);
    time::push_human_day(out, sh.start.local_day(), ref_day);
}

/// The full verdict of employee `emp` on `slot`; `shift` is its `shiftId`.
pub(crate) fn verdict(m: &Model, emp: EmpIdx, slot: &Slot<'_>, shift: Option<ShiftIdx>) -> Verdict {
    let mut scratch = Scratch::default();
    draft(m, emp, slot, shift, &mut scratch);
    first(m, &scratch)
}

/// The first verdict drafted in `scratch`, as the public type.
pub(crate) fn first(m: &Model, scratch: &Scratch) -> Verdict {
    scratch.drafts.verdict(m, 0).unwrap_or_else(|| Verdict {
        employee_id: String::new(),
        shift_id: None,
        status: Status::Ok,
        reasons: Vec::new(),
        evidence: Vec::new(),
    })
}

/// Drafts the full verdict of employee `emp` on `slot` after those `scratch.drafts` holds;
/// `shift` is the verdict's `shiftId`. Returns its status.
pub(crate) fn draft(m: &Model, emp: EmpIdx, slot: &Slot<'_>, shift: Option<ShiftIdx>, scratch: &mut Scratch) -> Status {
    scratch.seen.clear();
    let first_reason = scratch.drafts.reasons.len() as u32;
    let first_evidence = scratch.drafts.evidence.len() as u32;
    let mut report = Report { m, emp, s: scratch, worst: Status::Ok };
    for_each_part(m, slot, |req| {
        report.requirement(req, slot);
        true
    });
    let employee = &m.employees[emp as usize];
    if let Some(role) = slot.role {
        if !m.may_work(emp, role) {
            let r_ = &m.roles[role as usize];
            let name = r_.name.as_deref().unwrap_or(&r_.id);
            let who = employee.name.as_deref().unwrap_or(&employee.id);
            let t = report.text();
            put(t, &[who, " is not listed for the role ", name]);
            let mut r = DraftReason::new(ReasonKind::NotInRole, report.message());
            r.role = Some(role);
            report.push(r);
        }
    }
    let ref_day = slot.start.local_day();
    // At most MAX_LISTED_CONFLICTS overlaps and trainings each, then one summary per kind
    // counting the rest: k mutually overlapping shifts would otherwise make `validate` write
    // k(k - 1) reasons (docs/decisions.md, 32). Index 0 counts overlaps, 1 trainings.
    let capped = |c: &Conflict| match c {
        Conflict::Overlap(_) => Some(0),
        Conflict::Training(_) => Some(1),
        _ => None,
    };
    let (mut listed, mut more) = ([0usize; 2], [0usize; 2]);
    let mut found = std::mem::take(&mut report.s.found);
    found.clear();
    conflicts(m, emp, slot, &mut |c| {
        if let Some(k) = capped(&c) {
            if listed[k] == MAX_LISTED_CONFLICTS {
                more[k] += 1;
                return true;
            }
            listed[k] += 1;
        }
        found.push(c);
        true
    });
    let mut shown = [0usize; 2];
    for &c in &found {
        // The last one listed of a capped kind is followed by the summary.
        let closing = capped(&c).and_then(|k| {
            shown[k] += 1;
            (shown[k] == MAX_LISTED_CONFLICTS && more[k] > 0).then_some((k, more[k]))
        });
        let t = report.text();
        let r = match c {
            Conflict::Overlap(s) => {
                put(t, &["already working shift ", m.shift_id(s), " ("]);
                push_shift_window(t, m, s, ref_day);
                put(t, &[")"]);
                let mut r = DraftReason::new(ReasonKind::Overlap, report.message());
                r.shift = Some(s);
                r
            }
            Conflict::Training(index) => {
                let tr = &m.trainings[index as usize];
                put(t, &["in "]);
                if let Some(c) = tr.code_text.as_deref() {
                    put(t, &[c, " "]);
                }
                put(t, &["training ", &tr.id, " from "]);
                time::push_human_instant(t, tr.start.ms, tr.start.offset_s, ref_day);
                put(t, &[" to "]);
                time::push_human_instant(t, tr.end.ms, tr.end.offset_s, ref_day);
                let mut r = DraftReason::new(ReasonKind::InTraining, report.message());
                r.training = Some(index);
                r.at = Some(report.instant(tr.start.ms, tr.start.offset_s));
                r
            }
            Conflict::RestBefore(s) | Conflict::RestAfter(s) => {
                let other = &m.shifts[s as usize];
                let (gap, side) = match c {
                    Conflict::RestBefore(_) => (slot.start.ms - other.end.ms, "after"),
                    _ => (other.start.ms - slot.end.ms, "before"),
                };
                let min = m.rules.min_rest_hours.unwrap_or(0.0);
                put(t, &["only "]);
                time::push_human_duration(t, gap);
                put(t, &[" rest ", side, " shift ", m.shift_id(s), " ("]);
                push_shift_window(t, m, s, ref_day);
                put(t, &["); the minimum is "]);
                push_trim_float(t, min);
                put(t, &[" h"]);
                let mut r = DraftReason::new(ReasonKind::RestTooShort, report.message());
                r.shift = Some(s);
                r.rest_hours = Some(gap as f64 / 3_600_000.0);
                r
            }
        };
        report.push(r);
        if let Some((list, more)) = closing {
            let r = summary_reason(&mut report, list, more);
            report.push(r);
        }
    }
    report.s.found = found;
    let worst = report.worst;
    let drafts = &mut scratch.drafts;
    drafts.heads.push(Head {
        emp,
        shift,
        status: worst,
        reasons: (first_reason, drafts.reasons.len() as u32),
        evidence: (first_evidence, drafts.evidence.len() as u32),
    });
    worst
}

/// How many `overlap` reasons, and how many `inTraining` reasons, one verdict lists at most:
/// the first ones in the verdict's order (the other shift's start, the session's start). When
/// there are more, one more reason of the same kind and severity follows, whose
/// [`Reason::more`] counts those left out. The status does not change.
pub const MAX_LISTED_CONFLICTS: usize = 20;

/// The reason closing a capped list (0: overlaps, 1: trainings): `more` others were left out.
fn summary_reason(report: &mut Report<'_, '_>, list: usize, more: usize) -> DraftReason {
    let (kind, what) = if list == 0 { (ReasonKind::Overlap, "overlapping shift") } else { (ReasonKind::InTraining, "overlapping training session") };
    let t = report.text();
    put(t, &["and "]);
    time::push_int(t, more as i64);
    put(t, &[" more ", what, if more == 1 { "" } else { "s" }]);
    let mut r = DraftReason::new(kind, report.message());
    r.more = Some(u32::try_from(more).unwrap_or(u32::MAX));
    r
}

fn push_trim_float(out: &mut String, x: f64) {
    if x.fract() == 0.0 {
        time::push_int(out, x as i64);
    } else {
        put(out, &[&crate::host::shortest(x)]);
    }
}

/// Appends each of `parts` (one call, out of line, for a message's run of pieces), each
/// clipped to [`crate::error::MAX_QUOTED_CHARS`] characters: the parts that come from the
/// documents (ids, names, a waiver's reason) are quoted at most that long, so that a 10 MB
/// field is not copied into every message; the fixed phrases are all shorter.
#[inline(never)]
fn put(out: &mut String, parts: &[&str]) {
    for p in parts {
        crate::error::push_clipped(out, p);
    }
}
