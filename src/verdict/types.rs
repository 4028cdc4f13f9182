//! The public answer of a verdict: [`Verdict`], its [`Reason`]s and [`Evidence`], and the
//! names of [`Status`], [`Severity`] and [`ReasonKind`].
//!
//! These are what every skin shows: the Rust API returns them, the command line prints them
//! as JSON (serde), and the WebAssembly package hands the same objects to JavaScript. The rules
//! that decide them are `rules`'s; their wording is `messages`'s.

use serde::Serialize;

names! {
    /// The answer of a verdict: the highest severity among its reasons.
    pub enum Status {
        /// Allowed (possibly with `info` notes).
        Ok = "ok",
        /// Allowed, with a warning a person should see (grace, waiver).
        Warn = "warn",
        /// Not allowed.
        Block = "block",
    }
}

names! {
    /// How much a reason matters.
    pub enum Severity {
        /// A note; leaves the status `ok`.
        Info = "info",
        /// Makes the status `warn`.
        Warn = "warn",
        /// Makes the status `block`.
        Block = "block",
    }
}

impl Severity {
    /// The status a reason of this severity gives on its own.
    pub fn status(self) -> Status {
        match self {
            Severity::Info => Status::Ok,
            Severity::Warn => Status::Warn,
            Severity::Block => Status::Block,
        }
    }
}

names! {
    /// What a reason is about. Serialized in camelCase (`expiresDuringShift`). The order is
    /// SPEC §3's: met with a note, in grace, waived, then the ways a record fails to count from
    /// closest to counting (`notCurrent`, SPEC §8, then `unsupervised`) to furthest (`expired`), `missing`, and the checks
    /// beside credentials; the rules rank not-met outcomes by it.
    pub enum ReasonKind {
        /// Met, but the record expires within the type's smallest `alertDays` after the shift.
        ExpiringSoon = "expiringSoon",
        /// Met only through the type's grace period after expiry.
        InGrace = "inGrace",
        /// Met by a waiver.
        Waived = "waived",
        /// Otherwise met, but the holder is short of the type's `currency` (SPEC §8).
        NotCurrent = "notCurrent",
        /// Supervised record with no supervisor on the shift.
        Unsupervised = "unsupervised",
        /// Jurisdictional record not valid at the shift's jurisdiction.
        WrongJurisdiction = "wrongJurisdiction",
        /// The record expires during the shift.
        ExpiresDuringShift = "expiresDuringShift",
        /// The record becomes valid after the shift starts.
        NotYetValid = "notYetValid",
        /// The record awaits verification.
        Pending = "pending",
        /// The record is suspended.
        Suspended = "suspended",
        /// The record is revoked.
        Revoked = "revoked",
        /// The record expired before the shift.
        Expired = "expired",
        /// No record of the code at all.
        Missing = "missing",
        /// The shift's role is not among the employee's `roleIds`.
        NotInRole = "notInRole",
        /// The employee is assigned to another shift that overlaps.
        Overlap = "overlap",
        /// A scheduled training session overlaps the shift.
        InTraining = "inTraining",
        /// Too little rest before or after a neighbouring shift.
        RestTooShort = "restTooShort",
        /// Over a working limit of `rules.limits` (SPEC §8); its severity is the limit's.
        OverLimit = "overLimit",
        /// Shift-level: fewer crew members meet a crew rule than its `min`.
        CrewShortfall = "crewShortfall",
    }
}

impl ReasonKind {
    /// The severity this kind has (an `overLimit`'s is its limit's: `block` unless the
    /// limit says `warn`).
    pub fn severity(self) -> Severity {
        match self {
            ReasonKind::ExpiringSoon => Severity::Info,
            ReasonKind::InGrace | ReasonKind::Waived => Severity::Warn,
            _ => Severity::Block,
        }
    }

    /// Whether a roster's `rules.severities` may soften this kind to `warn` (SPEC §8):
    /// `restTooShort`, `overlap`, `inTraining`, `notInRole`, `notCurrent`, `crewShortfall`.
    pub fn softenable(self) -> bool {
        matches!(
            self,
            ReasonKind::RestTooShort | ReasonKind::Overlap | ReasonKind::InTraining | ReasonKind::NotInRole | ReasonKind::NotCurrent | ReasonKind::CrewShortfall
        )
    }
}

/// One reason in a verdict: `kind` and the fields are for programs, `message` for people.
///
/// `Clone` and `PartialEq` are written out (below) as the derived ones would be, with each
/// optional text by one out-of-line helper instead of inlined at each of its fields.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    /// What the reason is about.
    pub kind: ReasonKind,
    /// `info`, `warn` or `block` (fixed by the kind; an `overLimit`'s by its limit).
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
    /// What the holder has of the currency's measure in its window: a count of events, or
    /// hours (`notCurrent`).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "number")]
    pub have: Option<f64>,
    /// What the currency needs: `min`, or `minHours` (`notCurrent`).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "number")]
    pub need: Option<f64>,
    /// The currency's `withinDays` (`notCurrent`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within_days: Option<u32>,
    /// The latest shift start at which the events recorded before this one still suffice, in
    /// the shift's offset; `Some(None)` (JSON `null`) when they never sufficed (`notCurrent`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_until: Option<Option<String>>,
    /// The limit gone over (`overLimit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit_id: Option<String>,
    /// What the window holds: hours (a number), or a count of shifts or nights (`overLimit`).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "number")]
    pub used: Option<f64>,
    /// The limit's `max` (`overLimit`).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "number")]
    pub max: Option<f64>,
    /// What the limit measures (`overLimit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<crate::Measure>,
    /// The window's start, in the shift's start's offset (`overLimit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_start: Option<String>,
    /// The window's end, exclusive (`overLimit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_end: Option<String>,
    /// The shifts counted in the window, by start (for `nights`, the nights) (`overLimit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shift_ids: Option<Vec<String>>,
    /// For people.
    pub message: String,
}

/// An optional text copied: one copy of the code for every such field of [`Reason`].
#[inline(never)]
pub(crate) fn copy_text(t: &Option<String>) -> Option<String> {
    t.clone()
}

/// Two optional texts compared: one copy of the code for every such field of [`Reason`].
#[inline(never)]
pub(crate) fn same_text(a: &Option<String>, b: &Option<String>) -> bool {
    a.as_deref() == b.as_deref()
}

impl Clone for Reason {
    fn clone(&self) -> Reason {
        // Every field named, so that a field added must be decided on here.
        let Reason {
            kind, severity, code, credential_id, waiver_id, shift_id, training_id, role_id, at, days_left, jurisdiction, rest_hours, more, have, need,
            within_days, current_until, limit_id, used, max, measure, window_start, window_end, shift_ids, message,
        } = self;
        Reason {
            kind: *kind,
            severity: *severity,
            code: copy_text(code),
            credential_id: copy_text(credential_id),
            waiver_id: copy_text(waiver_id),
            shift_id: copy_text(shift_id),
            training_id: copy_text(training_id),
            role_id: copy_text(role_id),
            at: copy_text(at),
            days_left: *days_left,
            jurisdiction: copy_text(jurisdiction),
            rest_hours: *rest_hours,
            more: *more,
            have: *have,
            need: *need,
            within_days: *within_days,
            current_until: current_until.as_ref().map(copy_text),
            limit_id: copy_text(limit_id),
            used: *used,
            max: *max,
            measure: *measure,
            window_start: copy_text(window_start),
            window_end: copy_text(window_end),
            shift_ids: shift_ids.clone(),
            message: message.clone(),
        }
    }
}

impl PartialEq for Reason {
    fn eq(&self, o: &Reason) -> bool {
        // Every field named, so that a field added must be decided on here.
        let Reason {
            kind, severity, code, credential_id, waiver_id, shift_id, training_id, role_id, at, days_left, jurisdiction, rest_hours, more, have, need,
            within_days, current_until, limit_id, used, max, measure, window_start, window_end, shift_ids, message,
        } = self;
        *kind == o.kind
            && *severity == o.severity
            && same_text(code, &o.code)
            && same_text(credential_id, &o.credential_id)
            && same_text(waiver_id, &o.waiver_id)
            && same_text(shift_id, &o.shift_id)
            && same_text(training_id, &o.training_id)
            && same_text(role_id, &o.role_id)
            && same_text(at, &o.at)
            && *days_left == o.days_left
            && same_text(jurisdiction, &o.jurisdiction)
            && *rest_hours == o.rest_hours
            && *more == o.more
            && *have == o.have
            && *need == o.need
            && *within_days == o.within_days
            && match (current_until, &o.current_until) {
                (None, None) => true,
                (Some(a), Some(b)) => same_text(a, b),
                _ => false,
            }
            && same_text(limit_id, &o.limit_id)
            && *used == o.used
            && *max == o.max
            && *measure == o.measure
            && same_text(window_start, &o.window_start)
            && same_text(window_end, &o.window_end)
            && *shift_ids == o.shift_ids
            && *message == o.message
    }
}

/// Writes a number that is whole as an integer (`3`, not `3.0`), as JavaScript does.
fn number<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match *v {
        Some(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => s.serialize_i64(n as i64),
        Some(n) => s.serialize_f64(n),
        None => s.serialize_none(),
    }
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
    /// shift), then `notInRole`, `overlap`, `inTraining`, `restTooShort`, then `overLimit` in
    /// `rules.limits` order.
    pub reasons: Vec<Reason>,
    /// The record that met each requirement code, in requirement order.
    pub evidence: Vec<Evidence>,
}

/// How many `overlap` reasons, and how many `inTraining` reasons, one verdict lists at most:
/// the first ones in the verdict's order (the other shift's start, the session's start). When
/// there are more, one more reason of the same kind and severity follows, whose
/// [`Reason::more`] counts those left out. The status does not change.
pub const MAX_LISTED_CONFLICTS: usize = 20;
