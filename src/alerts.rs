//! Renewal alerts: which credentials expire soon, or have expired while still needed.
//!
//! This module owns [`Alert`], [`Bucket`] and [`Engine::alerts`]. An alert is about one
//! employee and one credential type, and names the record that decides it: among the
//! employee's `active` records **of that type**, the one that stays valid longest (a record
//! with `validUntil: null` never expires, so the type never alerts). Its expiry is then read in
//! the offset of `asOf`:
//!
//! - **Expiring**: it is still valid at `asOf` and its last valid day is at most `days` away
//!   (by default the type's largest `alertDays`; a type with `alertDays: []` never alerts
//!   ahead of time).
//! - **Expired**: it is no longer valid at `asOf`, and something still needs it: a role in the
//!   employee's `roleIds`, or an assigned shift that has not ended, names the type or a code
//!   the type `satisfies`, and no other record of the employee validly holds that code at
//!   `asOf`. An old card nobody needs any more is history, not an alert.
//!
//! A jurisdictional record without `validIn` counts nowhere, so it is never the deciding record
//! (`audit` reports it). Records are grouped by their **own type**: an employee's ACLS-EP card alerts as ACLS-EP even
//! when roles ask for ACLS (which ACLS-EP satisfies). When another type's record keeps the code
//! met beyond the expiry, the alert says so in `coveredBy`.
//!
//! # Currency
//!
//! When the type has a `currency` (SPEC §8), the holder's `currentUntil` from the events before
//! `asOf` is weighed too: when it comes before the record's expiry and is due (within `days`,
//! or passed while the code is still needed), the alert has `"basis": "currency"`, its
//! `validUntil` and `expiresAt` are `currentUntil` and `daysLeft` counts to its local date; it
//! names no renewal training (a training renews the record, not the currency). Otherwise the
//! expiry decides, with `"basis": "expiry"`: of the two, the earlier (decision 110). A holder
//! whose events never sufficed has no `currentUntil` and no currency alert (verdicts and
//! `audit` report them). "Still needed" counts currency: a record whose holder is not current
//! does not hold the code.
//!
//! # Counting days
//!
//! `daysLeft` counts calendar days from the local date of `asOf` to the record's last valid
//! local date, both in `asOf`'s own offset: 0 means it expires at the end of today, −1 that
//! it expired at the end of yesterday. `bucket` is the smallest of the type's `alertDays` that
//! is at least `daysLeft`, `"expired"` once the record is no longer valid, and `null` when
//! `daysLeft` is beyond every `alertDays` entry (only possible with an explicit `days`).
//! A record with an instant `validUntil` earlier today is expired with `daysLeft` 0.
//!
//! # What the expiry blocks
//!
//! `affectedShiftIds` lists the employee's assigned shifts that have not ended at `asOf`, whose
//! requirement names a code this record meets, which the record no longer covers to their end,
//! and whose credential verdict blocks *because of it*: with the record judged as if it did not
//! expire, the requirement would not block. So a shift saved by another record, a waiver, a
//! grace period or the other branch of an `any` is not listed, and neither is one that blocks
//! for another reason anyway. The verdict machinery (`verdict::eval_code`) judges each code.
//!
//! # Example: a card expiring in 24 days, with its renewal booked
//!
//! ```
//! use credgate::{Bucket, Engine};
//! let credentials = r#"{"credentialTypes": [{"code": "BLS", "alertDays": [90, 60, 30]}],
//!   "credentials": [{"id": "cr-16", "employeeId": "e-104", "code": "BLS", "validUntil": "2026-12"}],
//!   "trainings": [{"id": "t-10", "employeeId": "e-104", "code": "BLS",
//!                  "start": "2026-12-22T08:00:00-06:00", "end": "2026-12-22T12:00:00-06:00"}]}"#;
//! let roster = r#"{"employees": [{"id": "e-104", "name": "Kevin Whitfield"}]}"#;
//! let engine = Engine::load(roster, credentials)?.engine;
//! let alerts = engine.alerts("2026-12-07T08:00:00-06:00", None)?;
//! assert_eq!(alerts.len(), 1);
//! let a = &alerts[0];
//! assert_eq!((a.days_left, a.bucket), (24, Some(Bucket::Within(30))));
//! assert_eq!(a.valid_until.as_deref(), Some("2026-12")); // as written
//! assert_eq!(a.expires_at, "2027-01-01T00:00:00-06:00");
//! assert_eq!(a.renewal_training_id.as_deref(), Some("t-10"));
//! assert_eq!(a.message, "BLS (cr-16) of Kevin Whitfield expires at the end of 31 Dec, in 24 days; renewal booked: t-10 on 22 Dec");
//! # Ok::<(), credgate::Error>(())
//! ```

use crate::engine::{instant_arg, Engine};
use crate::error::Error;
use crate::holders::{holds, until_ms, Written};
use crate::load::own;
use crate::human::{self, put, say};
use crate::model::{CodeIdx, EmpIdx, Employee, Model, RecordStatus, ShiftIdx};
use crate::requirement::Req;
use crate::time::{self, Instant};
use crate::verdict::{self, Slot, Status};
use serde::{Serialize, Serializer};

/// Which alert window an alert falls in.
///
/// Serialized as the number of days (`30`) or the string `"expired"`; an alert beyond every
/// window has no bucket (`null`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bucket {
    /// No longer valid at `asOf`.
    Expired,
    /// The smallest of the type's `alertDays` that is at least `daysLeft`.
    Within(u32),
}

impl Serialize for Bucket {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Bucket::Expired => serializer.serialize_str("expired"),
            Bucket::Within(days) => serializer.serialize_u32(*days),
        }
    }
}

impl Bucket {
    /// For people and charts: `"expired"`, `"≤ 30 days"`, and `"later"` for no bucket.
    pub fn label(bucket: Option<Bucket>) -> String {
        let mut out = String::new();
        Bucket::push_label(&mut out, bucket);
        out
    }

    /// Appends [`Bucket::label`]'s text to `out`: the one writer of it, for the label and for
    /// the HTML report, which writes it straight into the page (no label holds a character
    /// that HTML escaping changes).
    #[inline(never)]
    pub(crate) fn push_label(out: &mut String, bucket: Option<Bucket>) {
        match bucket {
            Some(Bucket::Expired) => out.push_str("expired"),
            Some(Bucket::Within(days)) => {
                out.push_str("≤ ");
                crate::human::push_int(out, i64::from(days));
                out.push_str(" days");
            }
            None => out.push_str("later"),
        }
    }
}

names! {
    /// What an alert is about (SPEC §8): the record's expiry, or its holder's currency lapsing.
    pub enum Basis {
        /// The record's `validUntil`.
        Expiry = "expiry",
        /// The type's `currency`: `validUntil` is the holder's `currentUntil`.
        Currency = "currency",
    }
}

/// A renewal alert: one employee, one credential type, the record that decides it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Alert {
    /// The employee.
    pub employee_id: String,
    /// The employee's name, when the roster gives one.
    pub employee_name: Option<String>,
    /// The record's own type.
    pub code: String,
    /// The record that stays valid longest among the employee's active records of the type.
    pub credential_id: String,
    /// `expiry`, or `currency` when the holder's currency lapses before the record expires
    /// (decision 110).
    pub basis: Basis,
    /// The record's `validUntil` as the document wrote it (a date, a month or an instant); for
    /// basis `currency`, the holder's `currentUntil` (an instant in `asOf`'s offset).
    pub valid_until: Option<String>,
    /// The instant the record stops being valid (exclusive), in `asOf`'s offset; for basis
    /// `currency`, `currentUntil` (the last instant at which the holder is current).
    pub expires_at: String,
    /// The record's last valid local date (`YYYY-MM-DD`) in `asOf`'s offset (for basis
    /// `currency`, the local date of `currentUntil`).
    pub last_valid_date: String,
    /// Calendar days from `asOf`'s local date to the last valid date; negative once expired.
    pub days_left: i32,
    /// The alert window: a number of days, `"expired"`, or `null` beyond every window.
    pub bucket: Option<Bucket>,
    /// Whether the record is no longer valid at `asOf` (for basis `currency`: whether
    /// `currentUntil` has passed).
    pub expired: bool,
    /// A `scheduled` training of the type for the employee, not over at `asOf`, that ends
    /// before the expiry (the earliest such); `null` when none is booked.
    pub renewal_training_id: Option<String>,
    /// Whether `renewalTrainingId` is set: an expiry with no renewal booked needs action.
    pub renewal_booked: bool,
    /// A `scheduled` training of the type, not over at `asOf`, that ends only after the
    /// expiry: booked, but too late to avoid a gap.
    pub late_training_id: Option<String>,
    /// Assigned shifts, not ended at `asOf`, that the expiry blocks (see the module docs).
    pub affected_shift_ids: Vec<String>,
    /// The employee's roles whose requirement names the type or a code it satisfies.
    pub required_by_role_ids: Vec<String>,
    /// An active record of another type (one that `satisfies` this type's code) valid at
    /// `asOf` and beyond this record's expiry, if any: the code stays met through it.
    pub covered_by: Option<String>,
    /// For people.
    pub message: String,
}

/// Per employee and own type: the active record that stays valid longest.
///
/// Returns `(code, record, end in offset_s)` for every type the employee has an active record
/// of, in type order; a record that never expires has end `i64::MAX`.
pub(crate) fn longest_records(m: &Model, emp: EmpIdx, offset_s: i32) -> Vec<(CodeIdx, u32, i64)> {
    let mut out: Vec<(CodeIdx, u32, i64)> = Vec::new();
    for (code, r) in m.emp_records(emp) {
        let rec = &m.records[r as usize];
        // The index lists each record under its own type and each type it satisfies.
        if rec.code != Some(code) || rec.status != RecordStatus::Active {
            continue;
        }
        // A jurisdictional record without validIn counts nowhere: it cannot be the one that
        // keeps the type valid (`audit` reports it as missingValidIn).
        if m.types[code as usize].jurisdictional && rec.valid_in.is_none() {
            continue;
        }
        let end = until_ms(rec, offset_s);
        match out.last_mut() {
            Some(last) if last.0 == code => {
                // Records come in index order, so a tie keeps the earlier one.
                if end > last.2 {
                    *last = (code, r, end);
                }
            }
            _ => out.push((code, r, end)),
        }
    }
    out
}

/// The parts of a shift's effective requirement, as indexes into the model's requirements:
/// role, location, queues, the shift's own. Indexes, so that the gap report's prefilter can keep
/// what it finds per requirement.
pub(crate) fn shift_requirements(m: &Model, s: ShiftIdx) -> Vec<u32> {
    let shift = &m.shifts[s as usize];
    let queues = shift.queues.of(&m.shift_queues);
    let mut out = Vec::new();
    // Part `k` in turn, with one push for all of them, where a push per part was written out
    // four times (and an iterator chain collected was larger still).
    for k in 0..queues.len() + 3 {
        let part = match k {
            0 => shift.role.and_then(|r| m.roles[r as usize].requires),
            1 => shift.location.and_then(|l| m.locations[l as usize].requires),
            _ => match queues.get(k - 2) {
                Some(&q) => m.queues[q as usize].requires,
                None => shift.requires,
            },
        };
        if let Some(r) = part {
            out.push(r);
        }
    }
    out
}

/// The roles of `e`'s `roleIds` that the roster has (an unknown id is kept as `None`), in
/// order: one loop over a list at each of the reports' sites, where
/// `roles.iter().flatten().flatten()` kept the state of two nested iterators.
pub(crate) fn roles_of(e: &Employee) -> impl Iterator<Item = u32> + '_ {
    e.roles.as_deref().unwrap_or_default().iter().flatten().copied()
}

/// Appends the codes the roles of `emp` name (`alerts` and `gaps` collect them so).
#[inline(never)]
pub(crate) fn role_codes(m: &Model, emp: EmpIdx, out: &mut Vec<CodeIdx>) {
    for role in roles_of(&m.employees[emp as usize]) {
        if let Some(req) = m.roles[role as usize].requires {
            m.reqs[req as usize].push_codes(out);
        }
    }
}

/// Appends the codes the parts of shift `s`'s requirement name ([`shift_requirements`]).
#[inline(never)]
pub(crate) fn shift_codes(m: &Model, s: ShiftIdx, out: &mut Vec<CodeIdx>) {
    for r in shift_requirements(m, s) {
        m.reqs[r as usize].push_codes(out);
    }
}

/// Whether a requirement names any of `codes`.
pub(crate) fn names_any(req: &Req, codes: &[CodeIdx]) -> bool {
    let mut found = false;
    req.for_each_code(&mut |c: u32| found |= crate::model::listed(codes, c));
    found
}

/// The codes a record of type `code` meets: the type and what it satisfies.
pub(crate) fn met_codes(m: &Model, code: CodeIdx) -> Vec<CodeIdx> {
    let mut out = vec![code];
    out.extend_from_slice(&m.types[code as usize].satisfies);
    out
}

/// The rank of a requirement tree for `emp` on `slot`, as `verdict::req_rank` computes it, but
/// with every code in `assume_met` counted as met.
fn rank_assuming(m: &Model, emp: EmpIdx, req: &Req, slot: &Slot<'_>, assume_met: &[CodeIdx]) -> u8 {
    match req {
        Req::Code(c) if assume_met.contains(c) => 0,
        Req::Code(c) => verdict::eval_code(m, emp, *c, slot).rank(),
        Req::All(items) | Req::Any(items) => {
            // An `all` ranks as its worst part (0 when empty), an `any` as its best (missing
            // when empty; no rank is above it): one loop for both, where each had a `max` or
            // `min` of its own.
            let all = matches!(req, Req::All(_));
            let mut rank = if all { 0 } else { verdict::RANK_MISSING };
            for r in items {
                let k = rank_assuming(m, emp, r, slot, assume_met);
                rank = if all { rank.max(k) } else { rank.min(k) };
            }
            rank
        }
    }
}

/// Whether the lapse of record `r` (of type `code`) is what blocks `emp` on shift `s`: the
/// shift needs a code the record meets, and the requirement blocks now but would not with
/// those codes met. The lapse is the record's expiry (`currency` false: the record no longer
/// covers the shift to its end) or its holder's currency on `code` (`currency` true: not
/// current at the shift's start). One function for both, where each had its own copy. Out of
/// line, as [`Engine::alert`] and [`still_needed`] are: each merged into its one caller (an
/// alert's building, `alerts`, `alert_rows`' due test), the three gzipped worse than apart.
#[inline(never)]
pub(crate) fn lapse_blocks(m: &Model, emp: EmpIdx, r: u32, code: CodeIdx, s: ShiftIdx, currency: bool) -> bool {
    let rec = &m.records[r as usize];
    let shift = &m.shifts[s as usize];
    let meets = met_codes(m, code);
    let parts = shift_requirements(m, s);
    if !parts.iter().any(|&r| names_any(&m.reqs[r as usize], &meets)) {
        return false;
    }
    // The record still covers the shift to its end (or the holder is current at its start):
    // the lapse is not the problem.
    let covered = if currency { crate::currency::current(m, emp, code, shift.start.ms) } else { until_ms(rec, shift.end.offset_s) >= shift.end.ms };
    if covered {
        return false;
    }
    let slot = Slot::of(m, s);
    let worst = |assume: &[CodeIdx]| parts.iter().map(|&r| rank_assuming(m, emp, &m.reqs[r as usize], &slot, assume)).max().unwrap_or(0);
    if verdict::rank_status(m, worst(&[])) != Status::Block {
        return false;
    }
    // Judged as if it did not expire, the record must still start in time and be valid at the
    // shift's jurisdiction to make the difference. (Supervision is not replayed: a supervised
    // record is given the benefit of the doubt.)
    if !currency {
        let starts_in_time = rec.from.is_none_or(|b| b.at(shift.start.offset_s) <= shift.start.ms);
        let jurisdiction_ok = !m.types[code as usize].jurisdictional
            || matches!((m.jurisdiction_of(shift.location), &rec.valid_in), (Some(j), Some(list)) if list.binary_search(&j).is_ok());
        if !(starts_in_time && jurisdiction_ok) {
            return false;
        }
    }
    verdict::rank_status(m, worst(&meets)) != Status::Block
}

/// The scheduled trainings of type `code` for `emp` not over at `as_of`, in start order: the
/// first that ends by the expiry `until` (the renewal booked), and the first that ends after it
/// (booked too late; every one when `until` is `None`). Shared with `standing`.
pub(crate) fn renewal_trainings(m: &Model, emp: EmpIdx, code: CodeIdx, until: Option<crate::time::Bound>, as_of: Instant) -> (Option<u32>, Option<u32>) {
    let mut renewal = None;
    let mut late = None;
    for &crate::model::Booked { training: t, .. } in m.trainings_of(emp) {
        let tr = &m.trainings[t as usize];
        if tr.code != Some(code) || tr.end.ms <= as_of.ms {
            continue;
        }
        let before_expiry = until.is_some_and(|u| tr.end.ms <= u.at(tr.end.offset_s));
        if before_expiry {
            renewal.get_or_insert(t);
        } else {
            late.get_or_insert(t);
        }
    }
    (renewal, late)
}

/// One alert before its details: employee `emp`'s record `record` of type `code`, which stops
/// being valid at `end` (ms, in `asOf`'s offset).
#[derive(Debug, Clone, Copy)]
pub(crate) struct AlertRow {
    pub emp: EmpIdx,
    pub code: CodeIdx,
    pub record: u32,
    pub end: i64,
    pub expired: bool,
    pub days_left: i32,
    /// `Currency`: `end` is the instant after `currentUntil` (decision 110).
    pub basis: Basis,
}

/// The assigned shifts of `emp` not ended at `as_of` (what an alert and the standing weigh).
pub(crate) fn future_shifts(m: &Model, emp: EmpIdx, as_of: Instant) -> Vec<ShiftIdx> {
    let mut out = Vec::new();
    for a in m.shifts_of(emp) {
        if m.shifts[a.shift as usize].end.ms > as_of.ms {
            out.push(a.shift);
        }
    }
    out
}

/// Whether something still needs a code that a record of type `code` meets (a role of `emp`,
/// or an assigned shift not ended at `as_of`), and no other record holds it at `as_of`. Out of
/// line (see [`lapse_blocks`]).
#[inline(never)]
fn still_needed(m: &Model, emp: EmpIdx, code: CodeIdx, as_of: Instant) -> bool {
    let meets = met_codes(m, code);
    let mut needed: Vec<CodeIdx> = Vec::new();
    role_codes(m, emp, &mut needed);
    for s in future_shifts(m, emp, as_of) {
        shift_codes(m, s, &mut needed);
    }
    // Needed: some code it met that nothing else holds (none when nothing needs it, or when
    // every code it met is held through another record). One pass, where a `retain` of the
    // codes it met came first.
    needed.iter().any(|&c| crate::model::listed(&meets, c) && !holds(m, emp, c, as_of))
}

/// The alerts as of `as_of` before their details, in employee then type order: what
/// [`Engine::alerts`] reports (`with_currency`), and what `planRenewals` plans for (SPEC §7's
/// needs: expiries alone, since a training renews a record and not a currency).
pub(crate) fn alert_rows(m: &Model, as_of: Instant, days: Option<u32>, with_currency: bool) -> Vec<AlertRow> {
    let mut out = Vec::new();
    for emp in 0..m.employees.len() as EmpIdx {
        for (code, record, end) in longest_records(m, emp, as_of.offset_s) {
            let ty = &m.types[code as usize];
            let limit = days.or_else(|| ty.alert_days.last().copied());
            let mut needed: Option<bool> = None;
            // Whether a lapse at `end` (exclusive) is due: within the window, or passed while
            // the code is still needed.
            let mut due = |end: i64| {
                if end <= as_of.ms {
                    *needed.get_or_insert_with(|| still_needed(m, emp, code, as_of))
                } else {
                    limit.is_some_and(|limit| i64::from(verdict::days_left(end, as_of)) <= i64::from(limit))
                }
            };
            // The currency lapses just after `currentUntil` (a start at it is still current),
            // and is the alert's basis when that comes before the record's own expiry.
            let lapse = ty.currency.filter(|_| with_currency).and_then(|rule| crate::currency::current_until(m, emp, &rule, as_of.ms)).map(|cu| cu.saturating_add(1)).filter(|&lapse| lapse < end);
            let row = match lapse {
                Some(lapse) if due(lapse) => Some((lapse, Basis::Currency)),
                _ if end != i64::MAX && due(end) => Some((end, Basis::Expiry)),
                _ => None,
            };
            if let Some((end, basis)) = row {
                out.push(AlertRow { emp, code, record, end, expired: end <= as_of.ms, days_left: verdict::days_left(end, as_of), basis });
            }
        }
    }
    out
}

/// Appends `before`, `n` in decimal and `after`: one out-of-line copy for the counts of an
/// alert's message ("in 3 days", "; blocks 2 assigned shifts").
#[inline(never)]
fn put_count(out: &mut String, before: &str, n: i64, after: &str) {
    out.push_str(before);
    human::push_int(out, n);
    out.push_str(after);
}

impl Engine {
    /// Renewal alerts as of `as_of`: per employee and credential type, the record that stays
    /// valid longest, when it expires within `days` (default: the type's largest `alertDays`)
    /// or has expired while a role or a future assigned shift still needs it.
    ///
    /// Sorted by `daysLeft`, then employee id, then code. Fails with
    /// an [`InvalidArgument`](crate::ErrorKind::InvalidArgument) error when `as_of` is not an RFC 3339 instant with an offset.
    pub fn alerts(&self, as_of: &str, days: Option<u32>) -> Result<Vec<Alert>, Error> {
        let as_of = instant_arg("asOf", as_of)?;
        let m = &self.model;
        let mut out = Vec::new();
        let mut written: Option<Written> = None;
        for row in alert_rows(m, as_of, days, true) {
            let mut alert = self.alert(&row, as_of);
            if row.basis == Basis::Expiry {
                let written = written.get_or_insert_with(|| Written::of(self));
                alert.valid_until = written.quote(row.record).valid_until;
            }
            out.push(alert);
        }
        crate::sort::sort_by(&mut out, |a, b| (a.days_left, &a.employee_id, &a.code).cmp(&(b.days_left, &b.employee_id, &b.code)));
        Ok(out)
    }

    /// Builds one alert (of a row of [`alert_rows`]). Out of line (see [`lapse_blocks`]).
    #[inline(never)]
    fn alert(&self, row: &AlertRow, as_of: Instant) -> Alert {
        let AlertRow { emp, code, record: r, end, expired, days_left, basis } = *row;
        let currency = basis == Basis::Currency;
        let m = &self.model;
        let ty = &m.types[code as usize];
        let rec = &m.records[r as usize];
        let employee = &m.employees[emp as usize];
        let meets = met_codes(m, code);

        // Plain loops rather than iterator chains collected: smaller, and no faster or slower.
        let mut required_by_role_ids: Vec<String> = Vec::new();
        for role in roles_of(employee) {
            let role = &m.roles[role as usize];
            if role.requires.is_some_and(|req| names_any(&m.reqs[req as usize], &meets)) {
                required_by_role_ids.push(role.id.clone());
            }
        }
        let mut affected_shift_ids: Vec<String> = Vec::new();
        for s in future_shifts(m, emp, as_of) {
            if lapse_blocks(m, emp, r, code, s, currency) {
                affected_shift_ids.push(own(m.shift_id(s)));
            }
        }

        // A training renews a record, not a currency (decision 110).
        let (renewal, late) = if currency { (None, None) } else { renewal_trainings(m, emp, code, rec.until, as_of) };

        // Another type's record that keeps the code met past this expiry.
        // The one valid longest, the first in the document among equals.
        let mut best: Option<(i64, u32)> = None;
        for o in m.records_for(emp, code) {
            let other = &m.records[o as usize];
            let until = until_ms(other, as_of.offset_s);
            if other.code != Some(code) && crate::holders::holds_through(m, emp, other, as_of) && until > end && best.is_none_or(|b| (until, std::cmp::Reverse(o)) > (b.0, std::cmp::Reverse(b.1))) {
                best = Some((until, o));
            }
        }
        let covered_by = best.map(|(_, o)| m.records[o as usize].id.clone());

        // The last instant that counts: the record's last millisecond, or `currentUntil`.
        let last = end - 1;
        let bucket = if expired { Some(Bucket::Expired) } else { ty.alert_days.iter().copied().find(|&d| i64::from(d) >= i64::from(days_left)).map(Bucket::Within) };
        let last_day = time::local_day(last, as_of.offset_s);
        let ref_day = as_of.local_day();

        // Written piece by piece (`put` clips each piece as `clip` does; the fixed phrases are
        // shorter than the limit), where a `write!` per variant built its own arguments.
        let off = as_of.offset_s;
        let mut message = String::new();
        say(&mut message, "% (%) of % ", &[&ty.code, &rec.id, employee.name.as_deref().unwrap_or(&employee.id)]);
        if currency {
            put(&mut message, &[if expired { "stopped being current after " } else { "stays current until " }]);
            human::push_human_instant(&mut message, last, off, ref_day);
            if !expired {
                match days_left {
                    0 => put(&mut message, &[", today"]),
                    1 => put(&mut message, &[", tomorrow"]),
                    n => put_count(&mut message, ", in ", i64::from(n), " days"),
                }
            }
        } else if expired && days_left == 0 {
            put(&mut message, &["expired at "]);
            human::push_human_instant(&mut message, end, off, ref_day);
        } else {
            let when = match (expired, days_left) {
                (true, -1) => "yesterday, ",
                (false, 0) => "today, ",
                (false, 1) => "tomorrow, ",
                _ => "",
            };
            put(&mut message, &[if expired { "expired at the end of " } else { "expires at the end of " }, when]);
            human::push_human_day(&mut message, last_day, ref_day);
            if when.is_empty() {
                let n = i64::from(days_left);
                if expired {
                    put_count(&mut message, ", ", -n, " days ago");
                } else {
                    put_count(&mut message, ", in ", n, " days");
                }
            }
        }
        if expired && !required_by_role_ids.is_empty() {
            put(&mut message, &[if required_by_role_ids.len() == 1 { ", still required by role " } else { ", still required by roles " }]);
            for (k, r) in required_by_role_ids.iter().enumerate() {
                put(&mut message, &[if k == 0 { "" } else { ", " }, r]);
            }
        }
        if let Some(rule) = ty.currency.filter(|_| currency) {
            // `push_number`, not `{}` of an f64: Rust's float formatting would weigh on the package.
            let need = if rule.hours { rule.need as f64 / crate::currency::MICRO } else { rule.need as f64 };
            put(&mut message, &["; needs "]);
            human::push_number(&mut message, need);
            put(&mut message, &[if rule.hours { " h of " } else { " " }, m.event_kinds.get(rule.event)]);
            put_count(&mut message, " in ", i64::from(rule.within_days), " days");
        }
        let training = match (renewal, late) {
            _ if currency => None,
            (Some(t), _) => Some((t, "; renewal booked: ", "")),
            (None, Some(t)) => Some((t, "; no renewal before the expiry (training ", " comes after it)")),
            (None, None) => {
                put(&mut message, &["; no renewal booked"]);
                None
            }
        };
        if let Some((t, before, after)) = training {
            let tr = &m.trainings[t as usize];
            put(&mut message, &[before, &tr.id, " on "]);
            human::push_human_day(&mut message, tr.start.local_day(), ref_day);
            put(&mut message, &[after]);
        }
        if !affected_shift_ids.is_empty() {
            let n = affected_shift_ids.len();
            put_count(&mut message, "; blocks ", n as i64, if n == 1 { " assigned shift" } else { " assigned shifts" });
        }
        if let Some(other) = &covered_by {
            say(&mut message, "; % stays met through %", &[&ty.code, other]);
        }

        Alert {
            employee_id: employee.id.clone(),
            employee_name: crate::verdict::copy_text(&employee.name),
            code: ty.code.clone(),
            credential_id: rec.id.clone(),
            basis,
            valid_until: currency.then(|| time::format_instant(last, as_of.offset_s)),
            expires_at: time::format_instant(if currency { last } else { end }, as_of.offset_s),
            last_valid_date: time::format_date(last_day),
            days_left,
            bucket,
            expired,
            renewal_training_id: renewal.map(|t| m.trainings[t as usize].id.clone()),
            renewal_booked: renewal.is_some(),
            late_training_id: late.map(|t| m.trainings[t as usize].id.clone()),
            affected_shift_ids,
            required_by_role_ids,
            covered_by,
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::testutil::engine;

    const AS_OF: &str = "2026-12-07T08:00:00-06:00";

    /// A bucket's label, as people read it and as the HTML report's chart names it.
    #[test]
    fn bucket_labels_for_people_and_charts() {
        assert_eq!(Bucket::label(Some(Bucket::Expired)), "expired");
        assert_eq!(Bucket::label(Some(Bucket::Within(30))), "≤ 30 days");
        assert_eq!(Bucket::label(Some(Bucket::Within(0))), "≤ 0 days");
        assert_eq!(Bucket::label(None), "later");
        let mut out = String::from("bucket: ");
        Bucket::push_label(&mut out, Some(Bucket::Within(90)));
        assert_eq!(out, "bucket: ≤ 90 days");
    }

    /// SPEC §8.1 and decision 110: a currency lapsing within the window, before the record's own
    /// expiry, alerts with basis `currency` and `currentUntil` as its `validUntil`; the earlier
    /// of expiry and currency decides; a lapsed currency alerts while still needed; a currency
    /// that never sufficed, or that nobody needs, does not; none is a renewal need.
    #[test]
    fn currency_alerts_have_basis_currency() {
        let credentials = r#"{"credentialTypes": [{"code": "PIC", "alertDays": [30], "currency": {"event": "landing", "min": 2, "withinDays": 30}}],
          "credentials": [
            {"id": "c1", "employeeId": "e1", "code": "PIC", "validUntil": "2027-06"},
            {"id": "c2", "employeeId": "e2", "code": "PIC", "validUntil": "2026-12-15"},
            {"id": "c3", "employeeId": "e3", "code": "PIC", "validUntil": null},
            {"id": "c4", "employeeId": "e4", "code": "PIC", "validUntil": null},
            {"id": "c5", "employeeId": "e5", "code": "PIC", "validUntil": null}],
          "trainings": [{"id": "t1", "employeeId": "e1", "code": "PIC", "start": "2026-12-10T08:00:00-06:00", "end": "2026-12-10T12:00:00-06:00"}],
          "events": [
            {"id": "v1", "employeeId": "e1", "kind": "landing", "at": "2026-11-20T10:00:00-06:00", "count": 2},
            {"id": "v2", "employeeId": "e2", "kind": "landing", "at": "2026-11-20T10:00:00-06:00", "count": 2},
            {"id": "v3", "employeeId": "e3", "kind": "landing", "at": "2026-10-01T00:00:00Z", "count": 2},
            {"id": "v4", "employeeId": "e4", "kind": "landing", "at": "2026-12-01T00:00:00Z"},
            {"id": "v5", "employeeId": "e5", "kind": "landing", "at": "2026-10-01T00:00:00Z", "count": 2}]}"#;
        let roster = r#"{"roles": [{"id": "pilot", "requires": "PIC"}],
          "employees": [{"id": "e1"}, {"id": "e2"}, {"id": "e3", "roleIds": ["pilot"]}, {"id": "e4", "roleIds": ["pilot"]}, {"id": "e5"}],
          "shifts": [{"id": "s3", "start": "2026-12-10T07:00:00-06:00", "end": "2026-12-10T19:00:00-06:00", "requires": "PIC", "assigned": ["e3"]}]}"#;
        let e = engine(roster, credentials);
        let alerts = e.alerts(AS_OF, None).unwrap();
        let got: Vec<_> = alerts.iter().map(|a| (a.employee_id.as_str(), a.basis, a.valid_until.as_deref(), a.days_left, a.bucket)).collect();
        assert_eq!(
            got,
            [
                ("e3", Basis::Currency, Some("2026-10-30T18:00:00-06:00"), -38, Some(Bucket::Expired)),
                ("e2", Basis::Expiry, Some("2026-12-15"), 8, Some(Bucket::Within(30))),
                ("e1", Basis::Currency, Some("2026-12-20T10:00:00-06:00"), 13, Some(Bucket::Within(30))),
            ]
        );
        let e3 = &alerts[0];
        assert!(e3.expired);
        assert_eq!(e3.affected_shift_ids, ["s3"]);
        assert_eq!(e3.required_by_role_ids, ["pilot"]);
        let e1 = &alerts[2];
        // A training renews the record, not the currency.
        assert_eq!((e1.renewal_training_id.as_deref(), e1.renewal_booked), (None, false));
        assert_eq!(e1.expires_at, "2026-12-20T10:00:00-06:00");
        assert_eq!(e1.message, "PIC (c1) of e1 stays current until 10:00 on 20 Dec, in 13 days; needs 2 landing in 30 days");
        assert_eq!(serde_json::to_value(e1).unwrap()["basis"], "currency");
        assert_eq!(serde_json::to_value(&alerts[1]).unwrap()["basis"], "expiry");
        // The renewal planner plans expiries only: e2's card, not e1's or e3's currency.
        let plan = e.plan_renewals(AS_OF, Some(30), false).unwrap();
        let planned: Vec<_> = plan.unmet.iter().map(|u| u.employee_id.as_str()).chain(plan.bookings.iter().map(|b| b.employee_id.as_str())).collect();
        assert_eq!(planned, ["e2"]);
    }

    #[test]
    fn expired_only_while_needed() {
        let credentials = r#"{"credentialTypes": [{"code": "BLS"}, {"code": "CPR"}, {"code": "ACLS-EP", "satisfies": ["ACLS"]}, {"code": "ACLS"}],
          "credentials": [
            {"id": "bls", "employeeId": "e1", "code": "BLS", "validUntil": "2026-11"},
            {"id": "cpr", "employeeId": "e1", "code": "CPR", "validUntil": "2026-11"},
            {"id": "acls", "employeeId": "e1", "code": "ACLS", "validUntil": "2026-11"},
            {"id": "ep", "employeeId": "e1", "code": "ACLS-EP", "validUntil": "2028-11"}]}"#;
        let roster = r#"{"roles": [{"id": "rn", "requires": {"all": ["BLS", "ACLS"]}}],
          "employees": [{"id": "e1", "roleIds": ["rn"]}]}"#;
        let e = engine(roster, credentials);
        let alerts = e.alerts(AS_OF, None).unwrap();
        // CPR: nothing needs it. ACLS: met through ACLS-EP. BLS: needed by the role.
        let got: Vec<_> = alerts.iter().map(|a| (a.code.as_str(), a.bucket, a.days_left)).collect();
        assert_eq!(got, [("BLS", Some(Bucket::Expired), -7)]);
        assert_eq!(alerts[0].required_by_role_ids, ["rn"]);
        assert_eq!(alerts[0].message, "BLS (bls) of e1 expired at the end of 30 Nov, 7 days ago, still required by role rn; no renewal booked");
    }

    #[test]
    fn longest_record_wins_and_never_expiring_never_alerts() {
        let credentials = r#"{"credentialTypes": [{"code": "BLS"}, {"code": "RN"}],
          "credentials": [
            {"id": "old", "employeeId": "e1", "code": "BLS", "validUntil": "2026-12-20"},
            {"id": "new", "employeeId": "e1", "code": "BLS", "validFrom": "2026-12-15", "validUntil": "2027-01-20"},
            {"id": "pending", "employeeId": "e1", "code": "BLS", "validUntil": "2029-01", "status": "pending"},
            {"id": "rn-old", "employeeId": "e1", "code": "RN", "validUntil": "2026-12-10"},
            {"id": "rn", "employeeId": "e1", "code": "RN", "validUntil": null}]}"#;
        let e = engine(r#"{"employees": [{"id": "e1"}]}"#, credentials);
        let alerts = e.alerts(AS_OF, None).unwrap();
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].credential_id, "new");
        assert_eq!((alerts[0].days_left, alerts[0].bucket), (44, Some(Bucket::Within(60))));
    }

    #[test]
    fn days_argument_and_buckets() {
        let credentials = r#"{"credentialTypes": [{"code": "A", "alertDays": [30, 7]}, {"code": "B", "alertDays": []}],
          "credentials": [
            {"id": "a", "employeeId": "e1", "code": "A", "validUntil": "2027-02-01"},
            {"id": "b", "employeeId": "e1", "code": "B", "validUntil": "2026-12-08"},
            {"id": "today", "employeeId": "e2", "code": "A", "validUntil": "2026-12-07T07:00:00-06:00"},
            {"id": "tonight", "employeeId": "e3", "code": "A", "validUntil": "2026-12-07"}]}"#;
        let roster = r#"{"roles": [{"id": "r", "requires": "A"}], "employees": [{"id": "e1"}, {"id": "e2", "roleIds": ["r"]}, {"id": "e3"}]}"#;
        let e = engine(roster, credentials);
        let alerts = e.alerts(AS_OF, None).unwrap();
        let got: Vec<_> = alerts.iter().map(|a| (a.credential_id.as_str(), a.days_left, a.bucket, a.expired)).collect();
        // An instant expiry earlier today: expired, daysLeft 0. Type B has no alertDays.
        assert_eq!(got, [("today", 0, Some(Bucket::Expired), true), ("tonight", 0, Some(Bucket::Within(7)), false)]);
        let alerts = e.alerts(AS_OF, Some(100)).unwrap();
        let got: Vec<_> = alerts.iter().map(|a| (a.credential_id.as_str(), a.days_left, a.bucket)).collect();
        assert_eq!(got, [("today", 0, Some(Bucket::Expired)), ("tonight", 0, Some(Bucket::Within(7))), ("b", 1, None), ("a", 56, None)]);
        let json = serde_json::to_value(&alerts).unwrap();
        assert_eq!(json[0]["bucket"], "expired");
        assert_eq!(json[1]["bucket"], 7);
        assert_eq!(json[2]["bucket"], serde_json::Value::Null);
        assert_eq!(json[3]["validUntil"], "2027-02-01");
        assert_eq!(json[3]["renewalTrainingId"], serde_json::Value::Null);
        assert!(e.alerts("2026-12-07", None).is_err());
    }

    #[test]
    fn affected_shifts_are_those_the_expiry_blocks() {
        let credentials = r#"{"credentialTypes": [{"code": "BLS"}, {"code": "PALS"}, {"code": "ACLS", "graceDays": 3}],
          "credentials": [
            {"id": "bls", "employeeId": "e1", "code": "BLS", "validUntil": "2026-12-10"},
            {"id": "acls", "employeeId": "e1", "code": "ACLS", "validUntil": "2026-12-10"},
            {"id": "pals", "employeeId": "e1", "code": "PALS", "validUntil": null}],
          "trainings": [
            {"id": "late", "employeeId": "e1", "code": "BLS", "start": "2026-12-14T08:00:00-06:00", "end": "2026-12-14T12:00:00-06:00"},
            {"id": "past", "employeeId": "e1", "code": "BLS", "start": "2026-12-01T08:00:00-06:00", "end": "2026-12-01T12:00:00-06:00"}]}"#;
        let shift = |id: &str, day: u32, requires: &str| {
            format!(r#"{{"id": "{id}", "start": "2026-12-{day:02}T07:00:00-06:00", "end": "2026-12-{day:02}T19:00:00-06:00", "requires": {requires}, "assigned": ["e1"]}}"#)
        };
        let shifts = [
            shift("before", 9, r#""BLS""#),
            shift("after", 11, r#""BLS""#),
            shift("any", 12, r#"{"any": ["BLS", "PALS"]}"#),
            shift("grace", 13, r#"{"all": ["BLS", "ACLS"]}"#),
            shift("past", 1, r#""BLS""#),
        ];
        let roster = format!(r#"{{"employees": [{{"id": "e1"}}], "shifts": [{}]}}"#, shifts.join(","));
        let e = engine(&roster, credentials);
        let alerts = e.alerts(AS_OF, None).unwrap();
        let bls = alerts.iter().find(|a| a.code == "BLS").unwrap();
        assert_eq!(bls.affected_shift_ids, ["after", "grace"]);
        assert_eq!(bls.renewal_training_id, None);
        assert!(!bls.renewal_booked);
        assert_eq!(bls.late_training_id.as_deref(), Some("late"));
        // ACLS is in grace on the 13th (warn), so its expiry blocks nothing.
        let acls = alerts.iter().find(|a| a.code == "ACLS").unwrap();
        assert!(acls.affected_shift_ids.is_empty());
        assert_eq!(e.check("e1", "after").unwrap().status, Status::Block);
        assert_eq!(e.check("e1", "any").unwrap().status, Status::Ok);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        /// Every alert's bucket agrees with its daysLeft, the order is as documented, and every
        /// affected shift is blocked for the employee.
        #[test]
        fn alerts_are_consistent(
            records in proptest::collection::vec((0usize..3, 0u8..3, -60i32..200, any::<bool>(), 0u8..4), 1..12),
            shifts in proptest::collection::vec((0u8..3, -5i32..120, 0usize..3), 0..8),
            as_of_off in prop_oneof![Just(-6i32), Just(0), Just(9), Just(14), Just(-12)],
            days in proptest::option::of(0u32..400),
        ) {
            let codes = ["A", "B", "C"];
            let types = r#"[{"code": "A", "alertDays": [90, 60, 30]}, {"code": "B", "alertDays": [14], "graceDays": 5}, {"code": "C", "alertDays": [], "satisfies": ["A"]}]"#;
            const STATUSES: [&str; 4] = ["active", "active", "pending", "active"];
            let base = crate::time::days_from_civil(2026, 12, 7);
            let mut recs = Vec::new();
            for (i, &(ty, emp, until, instant, status)) in records.iter().enumerate() {
                let until = if instant {
                    crate::time::format_instant(i64::from(base + until) * crate::time::DAY_MS + 43_200_000, -21_600)
                } else {
                    crate::time::format_date(base + until)
                };
                recs.push(serde_json::json!({"id": format!("r{i}"), "employeeId": format!("e{emp}"), "code": codes[ty],
                    "validUntil": until, "status": STATUSES[status as usize]}));
            }
            let mut sh = Vec::new();
            for (i, &(emp, day, req)) in shifts.iter().enumerate() {
                let start = crate::time::format_instant(i64::from(base + day) * crate::time::DAY_MS + 46_800_000, -21_600);
                let end = crate::time::format_instant(i64::from(base + day) * crate::time::DAY_MS + 90_000_000, -21_600);
                sh.push(serde_json::json!({"id": format!("s{i}"), "start": start, "end": end, "requires": codes[req], "assigned": [format!("e{emp}")]}));
            }
            let roster = serde_json::json!({"roles": [{"id": "r", "requires": {"any": ["A", "B"]}}],
                "employees": [{"id": "e0", "roleIds": ["r"]}, {"id": "e1"}, {"id": "e2", "roleIds": []}], "shifts": sh});
            let credentials = serde_json::json!({"credentialTypes": serde_json::from_str::<serde_json::Value>(types).unwrap(), "credentials": recs});
            let e = engine(&roster.to_string(), &credentials.to_string());
            let as_of = crate::time::format_instant(i64::from(base) * crate::time::DAY_MS + 50_000_000, as_of_off * 3600);
            let alerts = e.alerts(&as_of, days).unwrap();
            let alert_days = |code: &str| -> Vec<u32> { match code { "A" => vec![30, 60, 90], "B" => vec![14], _ => vec![] } };
            for a in &alerts {
                match a.bucket {
                    Some(Bucket::Expired) => prop_assert!(a.expired && a.days_left <= 0, "{:?}", a),
                    Some(Bucket::Within(d)) => {
                        prop_assert!(!a.expired && i64::from(d) >= i64::from(a.days_left));
                        prop_assert!(alert_days(&a.code).contains(&d));
                        prop_assert!(alert_days(&a.code).iter().all(|&x| x >= d || i64::from(x) < i64::from(a.days_left)));
                    }
                    None => prop_assert!(!a.expired && alert_days(&a.code).iter().all(|&x| i64::from(x) < i64::from(a.days_left))),
                }
                prop_assert_eq!(a.days_left < 0, a.expired && a.days_left < 0);
                if !a.expired {
                    let limit = days.or_else(|| alert_days(&a.code).iter().max().copied());
                    prop_assert!(limit.is_some_and(|l| i64::from(a.days_left) <= i64::from(l)));
                }
                prop_assert_eq!(a.renewal_booked, a.renewal_training_id.is_some());
                for s in &a.affected_shift_ids {
                    prop_assert_eq!(e.check(&a.employee_id, s).unwrap().status, Status::Block);
                }
                let holders = e.holders(&a.code, &as_of).unwrap();
                let holds_this = holders.iter().any(|h| h.credential_id == a.credential_id);
                prop_assert_eq!(holds_this, !a.expired);
            }
            let keys: Vec<_> = alerts.iter().map(|a| (a.days_left, a.employee_id.clone(), a.code.clone())).collect();
            let mut sorted = keys.clone();
            sorted.sort();
            prop_assert_eq!(keys, sorted);
        }
    }
}
