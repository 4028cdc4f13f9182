//! Standing: one person's every held or needed code, and where each stands at an instant.
//!
//! This module owns [`Standing`], [`CodeStanding`], [`StandingState`] and
//! [`Engine::standing`] (SPEC §6, last paragraph): the answer to "what does this person hold,
//! what do they need, and how does each stand today?", for an employee panel, an HR page or a
//! renewal conversation.
//!
//! # Which codes
//!
//! - **Held**: the own type of every record of the employee (of any status: a pending licence
//!   is held, just not counted yet). A record of an unknown type is never weighed (decision 14
//!   of `docs/decisions.md`), so it lists nothing.
//! - **Needed**: the codes named by the requirements of the employee's roles (`roleIds`) and of
//!   their assigned shifts that have not ended at `asOf` (role, location, queues, the shift's
//!   own, as a verdict reads them). A code named only inside an `any` group of which another
//!   member is met at `asOf` (valid, expiring or in grace) is not needed: holding ACLS, the
//!   person does not need PALS for `{"any": ["ACLS", "PALS"]}`; holding neither, both are listed.
//!
//! A code that the employee meets only through another type's `satisfies` and that nothing
//! needs is not listed (every ACLS-EP holder would otherwise carry an ACLS line): it appears
//! the moment a role or shift names it. Entries come in the order of `credentialTypes`.
//!
//! # Which record, which state
//!
//! For each code C every record of the employee whose type is C or lists C in `satisfies` is
//! weighed (SPEC §3's rule, with the properties of the record's own type), and the best state
//! at `asOf` wins, closest to counting first: `valid`, `expiring`, `inGrace`, `notCurrent`,
//! `notYetValid`, `pending`, `suspended`, `revoked`, `expired`, then `missing` when there is no
//! record at all. Ties go to the record valid longest (`validUntil` read in `asOf`'s offset, a
//! never-expiring one first), then the earlier in the document, as verdicts break them.
//!
//! A record's state is judged as a verdict judges it on a one-millisecond shift at `asOf`
//! (decision 7 of `docs/decisions.md`, on time and status only): a non-active record reads
//! `expired` once its window has passed and `notYetValid` before it opens, else its status; an
//! active one is `notYetValid` before `validFrom`, `valid` while `validFrom ≤ asOf < validUntil`
//! (the tracking reports' "validly held", `holders::record_valid_at`), `expiring` when valid
//! and `daysLeft` is at most its type's smallest `alertDays`, `inGrace` within `graceDays` × 24 h
//! after `validUntil`, and `expired` after that. **Jurisdiction and supervision are shown, not
//! judged** (`validIn`, `restrictions`): they need a shift. Waivers are not holding a code
//! (`holders` and `audit` read them so too); the panel lists them apart.
//!
//! `daysLeft` counts as `alerts` does: calendar days from `asOf`'s local date to the record's
//! last valid local date (0: it expires at the end of today; negative: expired). The renewal
//! training is `alerts`'s for a record still valid at `asOf` (a scheduled training of the
//! record's own type, not over, ending by the expiry); for anything else (in grace, expired,
//! pending, missing...) it is the first scheduled training of that type not over at `asOf`,
//! since any booked session is what restores the code.
//!
//! **Currency (SPEC §8)** is judged from the events before `asOf`: a record that would be
//! valid, expiring or in grace reads `notCurrent` when its holder falls short of its own type's
//! `currency`, and `currentUntil` is the latest instant at which those events suffice (in
//! `asOf`'s offset; `null` for a type without currency, or when they never sufficed). Limits
//! and softened severities are not built yet.
//!
//! # Example: a card in grace, a licence met through `satisfies`, a code nobody holds
//!
//! ```
//! use credgate::{Engine, StandingState};
//! let credentials = r#"{
//!   "credentialTypes": [{"code": "BLS", "graceDays": 30}, {"code": "ACLS"},
//!                       {"code": "ACLS-EP", "satisfies": ["ACLS"]}, {"code": "PALS"}],
//!   "credentials": [
//!     {"id": "bls", "employeeId": "e1", "code": "BLS", "validUntil": "2026-11"},
//!     {"id": "ep", "employeeId": "e1", "code": "ACLS-EP", "validUntil": "2028-05"}]}"#;
//! let roster = r#"{"roles": [{"id": "rn", "requires": {"all": ["BLS", "ACLS", "PALS"]}}],
//!   "employees": [{"id": "e1", "roleIds": ["rn"]}]}"#;
//! let engine = Engine::load(roster, credentials)?.engine;
//! let standing = engine.standing("e1", "2026-12-07T08:00:00-06:00")?;
//! let got: Vec<_> = standing.codes.iter()
//!     .map(|c| (c.code.as_str(), c.state, c.credential_id.as_deref(), c.days_left)).collect();
//! assert_eq!(got, [
//!     ("BLS", StandingState::InGrace, Some("bls"), Some(-7)),
//!     ("ACLS", StandingState::Valid, Some("ep"), Some(541)),
//!     ("ACLS-EP", StandingState::Valid, Some("ep"), Some(541)),
//!     ("PALS", StandingState::Missing, None, None),
//! ]);
//! assert_eq!(standing.codes[1].record_code.as_deref(), Some("ACLS-EP"));
//! assert_eq!(standing.codes[1].valid_until.as_deref(), Some("2028-05")); // as written
//! # Ok::<(), credgate::Error>(())
//! ```

use crate::engine::{instant_arg, Engine};
use crate::error::Error;
use crate::holders::{record_valid_at, until_ms, Quoted, Written};
use crate::load::own;
use crate::model::{CodeIdx, EmpIdx, Employee, Model, Record, RecordStatus};
use crate::requirement::Req;
use crate::time::{Instant, DAY_MS};
use crate::verdict;
use serde::Serialize;

names! {
    /// Where one code stands at an instant, closest to counting first.
    pub enum StandingState {
        /// An active record is valid at `asOf`, and not within its type's smallest `alertDays` of
        /// expiring (or never expires).
        Valid = "valid",
        /// Valid at `asOf`, expiring within the record's type's smallest `alertDays`.
        Expiring = "expiring",
        /// Expired, within its type's `graceDays`: it still counts for a shift, with a warning.
        InGrace = "inGrace",
        /// Would count, but its holder is not current on its own type's events (SPEC §8).
        NotCurrent = "notCurrent",
        /// The best record's window has not begun.
        NotYetValid = "notYetValid",
        /// The best record awaits verification.
        Pending = "pending",
        /// The best record is suspended.
        Suspended = "suspended",
        /// The best record is revoked.
        Revoked = "revoked",
        /// The best record has expired (past any grace).
        Expired = "expired",
        /// No record meets the code.
        Missing = "missing",
    }
}

impl StandingState {
}

/// One code an employee holds or needs, and the record that decides where it stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeStanding {
    /// The code.
    pub code: String,
    /// Where it stands at `asOf`.
    pub state: StandingState,
    /// The best record; `null` when `missing`.
    pub credential_id: Option<String>,
    /// The best record's own type: `code`, or a type that `satisfies` it; `null` when missing.
    pub record_code: Option<String>,
    /// The record's `validFrom` as written; `null` when absent or missing.
    pub valid_from: Option<String>,
    /// The record's `validUntil` as written (a date, a month or an instant); `null` when the
    /// record never expires or is missing.
    pub valid_until: Option<String>,
    /// Calendar days from `asOf`'s local date to the record's last valid local date (negative
    /// once expired); `null` when it never expires or is missing.
    pub days_left: Option<i32>,
    /// The record's `validIn` as written; `null` when absent. Shown, not judged.
    pub valid_in: Option<Vec<String>>,
    /// The record's `restrictions` as written, empty when none. Shown, not judged.
    pub restrictions: Vec<String>,
    /// The renewal training booked (see the module docs), or `null`.
    pub renewal_training_id: Option<String>,
    /// For a record whose own type has a `currency`: the latest instant at which the events
    /// recorded before `asOf` keep it current (SPEC §8.1), in `asOf`'s offset; `null` for a type
    /// without currency, when they never sufficed, or when missing.
    pub current_until: Option<String>,
    /// The employee's roles whose requirement needs the code.
    pub required_by_role_ids: Vec<String>,
    /// The employee's assigned shifts, not ended at `asOf`, whose requirement needs the code.
    pub required_by_shift_ids: Vec<String>,
}

/// The answer of [`Engine::standing`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Standing {
    /// The employee.
    pub employee_id: String,
    /// The employee's name, when the roster gives one.
    pub employee_name: Option<String>,
    /// The instant asked about, as RFC 3339 in its own offset.
    pub as_of: String,
    /// Every code held or needed, in `credentialTypes` order.
    pub codes: Vec<CodeStanding>,
}

/// The state of record `r` at `as_of`, on time and status alone, its days left, and the end of
/// its window in `as_of`'s offset (which [`best_record`] breaks ties by).
fn record_state(m: &Model, r: u32, as_of: Instant) -> (StandingState, Option<i32>, i64) {
    let rec = &m.records[r as usize];
    let ty = rec.code.and_then(|c| m.types.get(c as usize));
    let off = as_of.offset_s;
    let from = rec.from.map_or(i64::MIN, |b| b.at(off));
    let until = until_ms(rec, off);
    let days_left = rec.until.map(|_| verdict::days_left(until, as_of));
    let state = if rec.status != RecordStatus::Active {
        // SPEC §3.1: the status is the reason only while the window touches the instant.
        if until <= as_of.ms {
            StandingState::Expired
        } else if from > as_of.ms {
            StandingState::NotYetValid
        } else {
            match rec.status {
                RecordStatus::Pending => StandingState::Pending,
                RecordStatus::Suspended => StandingState::Suspended,
                _ => StandingState::Revoked,
            }
        }
    } else if from > as_of.ms {
        StandingState::NotYetValid
    } else if record_valid_at(rec, as_of) {
        let min_alert = ty.and_then(|t| t.min_alert());
        match (days_left, min_alert) {
            (Some(left), Some(alert)) if i64::from(left) <= i64::from(alert) => StandingState::Expiring,
            _ => StandingState::Valid,
        }
    } else {
        let grace = ty.map_or(0, |t| i64::from(t.grace_days)) * DAY_MS;
        if grace > 0 && as_of.ms < until.saturating_add(grace) {
            StandingState::InGrace
        } else {
            StandingState::Expired
        }
    };
    // Then currency, of the record's own type, from the events before `asOf`.
    let state = match (state <= StandingState::InGrace, rec.employee, rec.code) {
        (true, Some(e), Some(own)) if !crate::currency::current(m, e, own, as_of.ms) => StandingState::NotCurrent,
        _ => state,
    };
    (state, days_left, until)
}

/// The best record meeting `code` at `as_of`: `(record, state, days left)`, or `None`.
fn best_record(m: &Model, emp: EmpIdx, code: CodeIdx, as_of: Instant) -> Option<(u32, StandingState, Option<i32>)> {
    let mut best: Option<(u32, StandingState, Option<i32>, i64)> = None;
    // By record within the code: on a tie the earlier record stays.
    for r in m.records_for(emp, code) {
        let (state, days_left, until) = record_state(m, r, as_of);
        if best.is_none_or(|(_, s, _, u)| (state, std::cmp::Reverse(until)) < (s, std::cmp::Reverse(u))) {
            best = Some((r, state, days_left, until));
        }
    }
    best.map(|(r, s, d, _)| (r, s, d))
}

/// Whether a requirement is met at `as_of` by records alone (valid, expiring or in grace).
fn met(m: &Model, emp: EmpIdx, req: &Req, as_of: Instant) -> bool {
    match req {
        Req::Code(c) => best_record(m, emp, *c, as_of).is_some_and(|(_, s, _)| s <= StandingState::InGrace),
        Req::All(items) => items.iter().all(|r| met(m, emp, r, as_of)),
        Req::Any(items) => items.iter().any(|r| met(m, emp, r, as_of)),
    }
}

/// The codes a requirement needs of `emp` at `as_of`: every code of an `all`, and of an `any`
/// only when none of its members is met (a met member's codes are the ones needed then).
fn needs(m: &Model, emp: EmpIdx, req: &Req, as_of: Instant, out: &mut Vec<CodeIdx>) {
    match req {
        Req::Code(c) => out.push(*c),
        Req::All(items) => items.iter().for_each(|r| needs(m, emp, r, as_of, out)),
        Req::Any(items) => match items.iter().find(|r| met(m, emp, r, as_of)) {
            Some(r) => needs(m, emp, r, as_of, out),
            None => items.iter().for_each(|r| needs(m, emp, r, as_of, out)),
        },
    }
}

/// Moves the codes `needs` wrote into `codes` to `into`, each with `who` (the id of the role or
/// the shift that needs it), and to `all`, leaving `codes` empty: one out-of-line loop for the
/// roles and the shifts.
#[inline(never)]
fn tag_needs<'m>(codes: &mut Vec<CodeIdx>, who: &'m str, into: &mut Vec<(CodeIdx, &'m str)>, all: &mut Vec<CodeIdx>) {
    for c in codes.drain(..) {
        into.push((c, who));
        all.push(c);
    }
}

impl Engine {
    /// Every code `employee_id` holds or needs, and where each stands at `as_of`: the best
    /// record's state, the record, its `validUntil`, `daysLeft`, `validIn`, `restrictions`, the
    /// renewal training booked, and `currentUntil` (SPEC §8: from the events before `asOf`). See the module docs of `standing` for which codes and which record.
    ///
    /// Fails with an [`UnknownEmployee`](crate::ErrorKind::UnknownEmployee) error, or an [`InvalidArgument`](crate::ErrorKind::InvalidArgument) one when `as_of` is not
    /// an RFC 3339 instant with an offset.
    pub fn standing(&self, employee_id: &str, as_of: &str) -> Result<Standing, Error> {
        self.stood(employee_id, as_of).map(Stood::into_standing)
    }

    /// [`Engine::standing`]'s answer with its texts where the model has them ([`Stood`]): what
    /// the standing copies into its public types and the package writes from, so that the
    /// package copies no text only to write and free it.
    pub(crate) fn stood<'m>(&'m self, employee_id: &str, as_of: &str) -> Result<Stood<'m>, Error> {
        let emp = self.employee_index(employee_id).ok_or_else(|| Error::unknown_employee(employee_id))?;
        let as_of = instant_arg("asOf", as_of)?;
        let m = &self.model;
        let employee = &m.employees[emp as usize];

        // Who needs which code: (code, the role's or the shift's id), the id read once here, where
        // each code's list read it through a `dyn` call of its own per role and per shift.
        let mut by_role: Vec<(CodeIdx, &str)> = Vec::new();
        let mut by_shift: Vec<(CodeIdx, &str)> = Vec::new();
        // What `needs` writes for one role or shift, and every code needed or held.
        let (mut scratch, mut codes): (Vec<CodeIdx>, Vec<CodeIdx>) = (Vec::new(), Vec::new());
        for role in crate::alerts::roles_of(employee) {
            if let Some((req, r)) = m.roles.get(role as usize).and_then(|r| Some((r.requires?, r))) {
                needs(m, emp, &m.reqs[req as usize], as_of, &mut scratch);
                tag_needs(&mut scratch, &r.id, &mut by_role, &mut codes);
            }
        }
        for s in crate::alerts::future_shifts(m, emp, as_of) {
            for r in crate::alerts::shift_requirements(m, s) {
                needs(m, emp, &m.reqs[r as usize], as_of, &mut scratch);
            }
            tag_needs(&mut scratch, m.shift_id(s), &mut by_shift, &mut codes);
        }
        // Held: each record's own type (the index lists a record under every code it meets).
        for j in m.judged_of(emp) {
            if j.code == j.own {
                codes.push(j.code);
            }
        }
        crate::sort::sort_u32(&mut codes);
        codes.dedup();

        let mut written = Written::of(self);
        // The ids of those who need `code`, each once, in the order they were met.
        let ids = |list: &[(CodeIdx, &'m str)], code: CodeIdx| {
            let mut out: Vec<&'m str> = Vec::new();
            for &(_, x) in list.iter().filter(|&&(c, _)| c == code) {
                if !out.contains(&x) {
                    out.push(x);
                }
            }
            out
        };
        let mut out = Vec::with_capacity(codes.len());
        for code in codes {
            let best = best_record(m, emp, code, as_of);
            let (state, days_left) = best.map_or((StandingState::Missing, None), |(_, s, d)| (s, d));
            let rec = best.map(|(r, _, _)| &m.records[r as usize]);
            // Trainings renew the record's own type, or the code itself when none is held.
            let own = rec.and_then(|r| r.code).unwrap_or(code);
            let (renewal, late) = crate::alerts::renewal_trainings(m, emp, own, rec.and_then(|r| r.until), as_of);
            let renewal = if state <= StandingState::Expiring { renewal } else { renewal.or(late) };
            let quoted = best.map_or_else(Quoted::default, |(r, _, _)| written.quote(r));
            out.push(Stands {
                code: &m.types[code as usize].code,
                state,
                record: rec,
                days_left,
                quoted,
                renewal: renewal.map(|t| m.trainings[t as usize].id.as_str()),
                current_until: rec.and_then(|r| Some((r.employee?, m.types.get(r.code? as usize)?.currency?))).and_then(|(e, rule)| crate::currency::current_until(m, e, &rule, as_of.ms)).map(|ms| crate::time::format_instant(ms, as_of.offset_s)),
                roles: ids(&by_role, code),
                shifts: ids(&by_shift, code),
            });
        }
        Ok(Stood { employee, as_of: as_of.to_rfc3339(), codes: out })
    }
}

/// A [`Standing`] as found, its texts borrowed from the model: [`Stood::into_standing`] copies it
/// into the public types, and the package writes it onto its tape (`write`).
pub(crate) struct Stood<'m> {
    employee: &'m Employee,
    as_of: String,
    codes: Vec<Stands<'m>>,
}

/// A [`CodeStanding`] as found: the same fields, the texts borrowed from the model (the
/// quoted ones and `currentUntil` are made, so owned).
struct Stands<'m> {
    code: &'m str,
    state: StandingState,
    record: Option<&'m Record>,
    days_left: Option<i32>,
    quoted: Quoted,
    renewal: Option<&'m str>,
    current_until: Option<String>,
    roles: Vec<&'m str>,
    shifts: Vec<&'m str>,
}

impl Stood<'_> {
    /// The public answer, each text copied.
    fn into_standing(self) -> Standing {
        let copy = |list: Vec<&str>| list.into_iter().map(own).collect();
        let codes = self
            .codes
            .into_iter()
            .map(|c| CodeStanding {
                code: own(c.code),
                state: c.state,
                credential_id: c.record.map(|r| r.id.clone()),
                record_code: c.record.map(|r| r.code_text.clone()),
                valid_from: c.quoted.valid_from,
                valid_until: c.quoted.valid_until,
                days_left: c.days_left,
                valid_in: c.quoted.valid_in,
                restrictions: c.quoted.restrictions,
                renewal_training_id: c.renewal.map(own),
                current_until: c.current_until,
                required_by_role_ids: copy(c.roles),
                required_by_shift_ids: copy(c.shifts),
            })
            .collect();
        Standing { employee_id: self.employee.id.clone(), employee_name: self.employee.name.clone(), as_of: self.as_of, codes }
    }

    /// Writes the standing onto `out` (the WebAssembly package's tape) as [`Standing`]'s
    /// `Serialize` would: the same keys in the same order, `None` as `null`, each text where the
    /// model has it. Where the package built the public types (five texts and two lists copied
    /// a code) only for serde's code, a field loop per type, to write them and free them.
    #[cfg(any(target_arch = "wasm32", test))]
    pub(crate) fn write(&self, out: &mut impl crate::verdict::write::Out) {
        use crate::plan::write::{borrowed_texts, integer, list, maybe_text, text};
        out.object(4);
        text(out, "employeeId", &self.employee.id);
        maybe_text(out, "employeeName", self.employee.name.as_deref());
        text(out, "asOf", &self.as_of);
        list(out, "codes", self.codes.len());
        for c in &self.codes {
            out.object(13);
            text(out, "code", c.code);
            out.name("state");
            out.name(c.state.as_str());
            maybe_text(out, "credentialId", c.record.map(|r| r.id.as_str()));
            maybe_text(out, "recordCode", c.record.map(|r| r.code_text.as_str()));
            c.quoted.write_window(out);
            match c.days_left {
                Some(days) => integer(out, "daysLeft", days.into()),
                None => maybe_text(out, "daysLeft", None),
            }
            c.quoted.write_lists(out);
            maybe_text(out, "renewalTrainingId", c.renewal);
            maybe_text(out, "currentUntil", c.current_until.as_deref());
            borrowed_texts(out, "requiredByRoleIds", &c.roles);
            borrowed_texts(out, "requiredByShiftIds", &c.shifts);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::engine;
    use StandingState::*;

    const AS_OF: &str = "2026-12-07T08:00:00-06:00";

    /// `(code, state, record, daysLeft)` of each entry.
    fn states(e: &Engine, emp: &str, as_of: &str) -> Vec<(String, StandingState, Option<String>, Option<i32>)> {
        e.standing(emp, as_of).unwrap().codes.into_iter().map(|c| (c.code, c.state, c.credential_id, c.days_left)).collect()
    }

    fn one(e: &Engine, as_of: &str) -> (StandingState, Option<String>, Option<i32>) {
        let got = states(e, "e1", as_of);
        assert_eq!(got.len(), 1, "{got:?}");
        let (_, s, r, d) = got.into_iter().next().unwrap();
        (s, r, d)
    }

    fn creds(types: &str, records: &str) -> String {
        format!(r#"{{"credentialTypes": [{types}], "credentials": [{records}]}}"#)
    }

    const ONE: &str = r#"{"employees": [{"id": "e1", "name": "Ana Ruiz"}]}"#;

    /// A record put by the live roster is quoted as its `put` gave it: a replaced record with its
    /// new dates, an added one with its own, an unedited one as loaded.
    #[test]
    fn put_records_are_quoted_as_put() {
        let ty = r#"{"code": "BLS"}, {"code": "ACLS"}"#;
        let mut e = engine(ONE, &creds(ty, r#"{"id": "r", "employeeId": "e1", "code": "BLS", "validUntil": "2026-12-31"},
            {"id": "k", "employeeId": "e1", "code": "ACLS", "validFrom": "2025-01-01", "validUntil": "2027-06-30", "restrictions": ["supervised"]}"#));
        let ops = crate::json::parse(r#"[{"op": "put", "collection": "credentials", "record": {"id": "r", "employeeId": "e1", "code": "BLS", "validFrom": "2026-12-01", "validUntil": "2028-12-31", "validIn": ["TX"]}}]"#).unwrap().value;
        assert!(e.apply_value(&ops, None).applied);
        let quoted = |e: &Engine, code: &str| {
            let s = e.standing("e1", AS_OF).unwrap();
            let c = s.codes.into_iter().find(|c| c.code == code).unwrap();
            (c.credential_id, c.valid_from, c.valid_until, c.valid_in, c.restrictions)
        };
        let some = |s: &str| Some(s.to_string());
        assert_eq!(quoted(&e, "BLS"), (some("r"), some("2026-12-01"), some("2028-12-31"), Some(vec!["TX".to_string()]), vec![]));
        assert_eq!(quoted(&e, "ACLS"), (some("k"), some("2025-01-01"), some("2027-06-30"), None, vec!["supervised".to_string()]));
        let ops = crate::json::parse(r#"[{"op": "remove", "collection": "credentials", "id": "r"},
            {"op": "put", "collection": "credentials", "record": {"id": "n", "employeeId": "e1", "code": "BLS", "validUntil": "2029-01-31T00:00:00-06:00"}}]"#).unwrap().value;
        assert!(e.apply_value(&ops, None).applied);
        assert_eq!(quoted(&e, "BLS"), (some("n"), None, some("2029-01-31T00:00:00-06:00"), None, vec![]));
        assert!(e.undo().applied && e.undo().applied);
        assert_eq!(quoted(&e, "BLS"), (some("r"), None, some("2026-12-31"), None, vec![]));
    }

    #[test]
    fn every_state_of_one_record() {
        let ty = r#"{"code": "BLS", "alertDays": [90, 30], "graceDays": 5}"#;
        let rec = |extra: &str| creds(ty, &format!(r#"{{"id": "r", "employeeId": "e1", "code": "BLS", {extra}}}"#));
        let case = |extra: &str| one(&engine(ONE, &rec(extra)), AS_OF);
        let r = Some("r".to_string());
        assert_eq!(case(r#""validUntil": "2027-06-30""#), (Valid, r.clone(), Some(205)));
        assert_eq!(case(r#""validUntil": null"#), (Valid, r.clone(), None));
        assert_eq!(case(r#""validUntil": "2027-01-06""#), (Expiring, r.clone(), Some(30)));
        assert_eq!(case(r#""validUntil": "2027-01-07""#), (Valid, r.clone(), Some(31)));
        assert_eq!(case(r#""validUntil": "2026-12-03""#), (InGrace, r.clone(), Some(-4)));
        assert_eq!(case(r#""validUntil": "2026-12-01""#), (Expired, r.clone(), Some(-6)));
        assert_eq!(case(r#""validFrom": "2026-12-08", "validUntil": "2028-12""#), (NotYetValid, r.clone(), Some(755)));
        assert_eq!(case(r#""validUntil": "2028-12", "status": "pending""#), (Pending, r.clone(), Some(755)));
        assert_eq!(case(r#""validUntil": "2028-12", "status": "suspended""#), (Suspended, r.clone(), Some(755)));
        assert_eq!(case(r#""validUntil": "2028-12", "status": "revoked""#), (Revoked, r.clone(), Some(755)));
        // A status is the state only while the window touches asOf (SPEC §3.1).
        assert_eq!(case(r#""validUntil": "2026-11-01", "status": "revoked""#), (Expired, r.clone(), Some(-36)));
        assert_eq!(case(r#""validFrom": "2027-01-01", "validUntil": "2028-12", "status": "pending""#), (NotYetValid, r.clone(), Some(755)));
        // Only active records have grace.
        assert_eq!(case(r#""validUntil": "2026-12-03", "status": "pending""#), (Expired, r.clone(), Some(-4)));
        // Needed by nothing and held by no record: not listed; needed and not held: missing.
        let e = engine(ONE, &creds(ty, ""));
        assert!(e.standing("e1", AS_OF).unwrap().codes.is_empty());
        let roster = r#"{"roles": [{"id": "rn", "requires": "BLS"}], "employees": [{"id": "e1", "roleIds": ["rn"]}]}"#;
        let s = engine(roster, &creds(ty, "")).standing("e1", AS_OF).unwrap();
        assert_eq!((s.codes[0].state, s.codes[0].credential_id.as_deref(), s.codes[0].days_left), (Missing, None, None));
        assert_eq!(s.codes[0].required_by_role_ids, ["rn"]);
        assert_eq!(s.codes[0].current_until, None);
    }

    /// Currency (SPEC §8.1 'Alerts and standing'): from the events before `asOf`; a record in
    /// grace whose holder is not current reads `notCurrent`; `currentUntil` in `asOf`'s offset.
    #[test]
    fn currency_from_the_events_before_as_of() {
        let ty = r#"{"code": "PIC", "graceDays": 5, "alertDays": [], "currency": {"event": "landing", "min": 2, "withinDays": 30}}"#;
        let doc = |until: &str, events: &str| {
            format!(r#"{{"credentialTypes": [{ty}], "credentials": [{{"id": "r", "employeeId": "e1", "code": "PIC", "validUntil": {until}}}], "events": [{events}]}}"#)
        };
        let ev = |id: &str, at: &str| format!(r#"{{"id": "{id}", "employeeId": "e1", "kind": "landing", "at": "{at}"}}"#);
        let get = |c: &str| {
            let s = engine(ONE, c).standing("e1", AS_OF).unwrap();
            (s.codes[0].state, s.codes[0].current_until.clone())
        };
        // Two landings, the older on 20 Nov 14:00Z: current until 30 days later, in asOf's offset.
        let two = format!("{}, {}", ev("a", "2026-11-20T14:00:00Z"), ev("b", "2026-12-01T14:00:00Z"));
        assert_eq!(get(&doc("null", &two)), (Valid, Some("2026-12-20T08:00:00-06:00".into())));
        // One of them at asOf itself does not count.
        let at_as_of = format!("{}, {}", ev("a", "2026-11-20T14:00:00Z"), ev("b", "2026-12-07T14:00:00Z"));
        assert_eq!(get(&doc("null", &at_as_of)), (NotCurrent, None));
        // Lapsed: sufficed until 30 days after the older of two October landings.
        let old = format!("{}, {}", ev("a", "2026-10-01T14:00:00Z"), ev("b", "2026-10-02T14:00:00Z"));
        assert_eq!(get(&doc("null", &old)), (NotCurrent, Some("2026-10-31T08:00:00-06:00".into())));
        // In grace, not current: notCurrent; expired stays expired.
        assert_eq!(get(&doc(r#""2026-12-05""#, "")).0, NotCurrent);
        assert_eq!(get(&doc(r#""2026-11-01""#, "")).0, Expired);
    }

    #[test]
    fn boundaries_of_a_day_a_month_and_grace() {
        let ty = r#"{"code": "BLS", "alertDays": [30], "graceDays": 2}"#;
        let e = |until: &str| engine(ONE, &creds(ty, &format!(r#"{{"id": "r", "employeeId": "e1", "code": "BLS", "validUntil": "{until}"}}"#)));
        // A date bound: valid through the end of asOf's day, in asOf's offset.
        let day = e("2026-12-07");
        assert_eq!(one(&day, "2026-12-07T23:59:59.999-06:00"), (Expiring, Some("r".into()), Some(0)));
        assert_eq!(one(&day, "2026-12-08T00:00:00-06:00"), (InGrace, Some("r".into()), Some(-1)));
        // The same instant written in UTC is already 8 December there: read in that offset.
        assert_eq!(one(&day, "2026-12-08T05:00:00Z"), (InGrace, Some("r".into()), Some(-1)));
        assert_eq!(one(&day, "2026-12-07T23:00:00-06:00"), (Expiring, Some("r".into()), Some(0)));
        // Grace of 2 days: 48 h after the end of the last valid day, exclusive.
        assert_eq!(one(&day, "2026-12-09T23:59:59.999-06:00").0, InGrace);
        assert_eq!(one(&day, "2026-12-10T00:00:00-06:00"), (Expired, Some("r".into()), Some(-3)));
        // A month bound: valid through the month's last day.
        let month = e("2026-12");
        assert_eq!(one(&month, "2026-12-31T12:00:00-06:00"), (Expiring, Some("r".into()), Some(0)));
        assert_eq!(one(&month, "2027-01-01T00:00:00-06:00"), (InGrace, Some("r".into()), Some(-1)));
        assert_eq!(month.standing("e1", AS_OF).unwrap().codes[0].valid_until.as_deref(), Some("2026-12"));
        // An instant bound earlier today: no longer valid, daysLeft 0 (as alerts count it).
        let instant = e("2026-12-07T06:00:00-06:00");
        assert_eq!(one(&instant, AS_OF), (InGrace, Some("r".into()), Some(0)));
        assert_eq!(one(&instant, "2026-12-07T05:59:59-06:00"), (Expiring, Some("r".into()), Some(0)));
        // validFrom is inclusive.
        let from = engine(ONE, &creds(ty, r#"{"id": "r", "employeeId": "e1", "code": "BLS", "validFrom": "2026-12-07T08:00:00-06:00", "validUntil": null}"#));
        assert_eq!(one(&from, AS_OF).0, Valid);
        assert_eq!(one(&from, "2026-12-07T07:59:59.999-06:00").0, NotYetValid);
        // A type without alertDays is never expiring.
        let quiet = engine(ONE, &creds(r#"{"code": "BLS", "alertDays": []}"#, r#"{"id": "r", "employeeId": "e1", "code": "BLS", "validUntil": "2026-12-07"}"#));
        assert_eq!(one(&quiet, AS_OF).0, Valid);
    }

    #[test]
    fn the_best_record_wins_and_satisfies_counts() {
        let types = r#"{"code": "BLS", "alertDays": [30]}, {"code": "ACLS", "satisfies": ["BLS"], "alertDays": [30], "graceDays": 10}, {"code": "PALS"}"#;
        let records = r#"
            {"id": "old", "employeeId": "e1", "code": "BLS", "validUntil": "2026-11"},
            {"id": "susp", "employeeId": "e1", "code": "BLS", "validUntil": "2029-01", "status": "suspended"},
            {"id": "acls", "employeeId": "e1", "code": "ACLS", "validUntil": "2026-12-20", "validIn": ["US-TX"], "restrictions": ["supervised"]},
            {"id": "acls-2", "employeeId": "e1", "code": "ACLS", "validUntil": "2026-12-20"},
            {"id": "pals-a", "employeeId": "e1", "code": "PALS", "validUntil": "2027-06"},
            {"id": "pals-b", "employeeId": "e1", "code": "PALS", "validUntil": "2028-06"}"#;
        let e = engine(ONE, &creds(types, records));
        let s = e.standing("e1", AS_OF).unwrap();
        let got: Vec<_> = s.codes.iter().map(|c| (c.code.as_str(), c.state, c.credential_id.as_deref(), c.record_code.as_deref())).collect();
        // BLS: the ACLS record (satisfies) beats the suspended and the expired BLS cards; of the two
        // equal ACLS records the first wins. PALS: the one valid longest.
        assert_eq!(got, [("BLS", Expiring, Some("acls"), Some("ACLS")), ("ACLS", Expiring, Some("acls"), Some("ACLS")), ("PALS", Valid, Some("pals-b"), Some("PALS"))]);
        // Jurisdiction and supervision are shown, not judged.
        assert_eq!(s.codes[0].valid_in.as_deref(), Some(&["US-TX".to_string()][..]));
        assert_eq!(s.codes[0].restrictions, ["supervised"]);
        // In grace through ACLS's own graceDays, even for BLS (which has none).
        let later = states(&e, "e1", "2026-12-25T08:00:00-06:00");
        assert_eq!(later[0], ("BLS".into(), InGrace, Some("acls".into()), Some(-5)));
        // Without ACLS, the suspended BLS card is closer to counting than the expired one.
        let e = engine(ONE, &creds(types, r#"{"id": "old", "employeeId": "e1", "code": "BLS", "validUntil": "2026-11"}, {"id": "susp", "employeeId": "e1", "code": "BLS", "validUntil": "2029-01", "status": "suspended"}"#));
        assert_eq!(one(&e, AS_OF), (Suspended, Some("susp".into()), Some(786)));
    }

    #[test]
    fn needed_codes_from_roles_and_future_shifts() {
        let types = r#"{"code": "BLS"}, {"code": "ACLS"}, {"code": "PALS"}, {"code": "SITE"}, {"code": "TNCC"}, {"code": "OLD"}"#;
        let records = r#"{"id": "acls", "employeeId": "e1", "code": "ACLS", "validUntil": null},
                         {"id": "bls", "employeeId": "e2", "code": "BLS", "validUntil": null}"#;
        let roster = r#"{
          "locations": [{"id": "loc", "requires": "SITE"}],
          "roles": [{"id": "rn", "requires": {"all": ["BLS", {"any": ["ACLS", "PALS"]}]}}, {"id": "ed", "requires": {"any": ["PALS", "TNCC"]}}],
          "employees": [{"id": "e1", "roleIds": ["rn"]}, {"id": "e2", "roleIds": ["ed"]}],
          "shifts": [
            {"id": "past", "start": "2026-12-01T07:00:00-06:00", "end": "2026-12-01T19:00:00-06:00", "requires": "OLD", "assigned": ["e1"]},
            {"id": "now", "start": "2026-12-07T07:00:00-06:00", "end": "2026-12-07T19:00:00-06:00", "locationId": "loc", "roleId": "rn", "assigned": ["e1"]},
            {"id": "next", "start": "2026-12-09T07:00:00-06:00", "end": "2026-12-09T19:00:00-06:00", "requires": "BLS", "assigned": ["e1"]}]}"#;
        let e = engine(roster, &creds(types, records));
        let s = e.standing("e1", AS_OF).unwrap();
        let got: Vec<_> = s.codes.iter().map(|c| (c.code.as_str(), c.state, c.required_by_role_ids.clone(), c.required_by_shift_ids.clone())).collect();
        // PALS: its `any` is met through ACLS. OLD: only a shift that is over. SITE: the location's.
        assert_eq!(
            got,
            [
                ("BLS", Missing, vec!["rn".to_string()], vec!["now".to_string(), "next".to_string()]),
                ("ACLS", Valid, vec!["rn".to_string()], vec!["now".to_string()]),
                ("SITE", Missing, vec![], vec!["now".to_string()]),
            ]
        );
        // Nothing of an `any` met: every member is needed.
        let got: Vec<_> = states(&e, "e2", AS_OF).into_iter().map(|(c, s, _, _)| (c, s)).collect();
        assert_eq!(got, [("BLS".to_string(), Valid), ("PALS".to_string(), Missing), ("TNCC".to_string(), Missing)]);
        assert_eq!(e.standing("nobody", AS_OF).map_err(|e| e.kind()).err(), Some(crate::ErrorKind::UnknownEmployee));
        assert!(matches!(e.standing("e1", "2026-12-07"), Err(e) if e.kind() == crate::ErrorKind::InvalidArgument && e.problems()[0].path == "asOf"));
    }

    #[test]
    fn the_renewal_training() {
        let types = r#"{"code": "BLS", "alertDays": [30]}, {"code": "PALS"}"#;
        let records = r#"{"id": "bls", "employeeId": "e1", "code": "BLS", "validUntil": "2026-12-20"}"#;
        let trainings = r#"
            {"id": "done", "employeeId": "e1", "code": "BLS", "start": "2026-12-01T08:00:00-06:00", "end": "2026-12-01T12:00:00-06:00"},
            {"id": "late", "employeeId": "e1", "code": "BLS", "start": "2026-12-22T08:00:00-06:00", "end": "2026-12-22T12:00:00-06:00"},
            {"id": "cancelled", "employeeId": "e1", "code": "BLS", "start": "2026-12-10T08:00:00-06:00", "end": "2026-12-10T12:00:00-06:00", "status": "cancelled"},
            {"id": "pals", "employeeId": "e1", "code": "PALS", "start": "2026-12-15T08:00:00-06:00", "end": "2026-12-15T12:00:00-06:00"}"#;
        let roster = r#"{"roles": [{"id": "r", "requires": "PALS"}], "employees": [{"id": "e1", "roleIds": ["r"]}]}"#;
        let credentials = format!(r#"{{"credentialTypes": [{types}], "credentials": [{records}], "trainings": [{trainings}]}}"#);
        let e = engine(roster, &credentials);
        let s = e.standing("e1", AS_OF).unwrap();
        // Valid BLS: only a training ending by the expiry renews it, and `late` does not.
        assert_eq!((s.codes[0].state, s.codes[0].renewal_training_id.as_deref()), (Expiring, None));
        // PALS, missing: the booked session is what restores it.
        assert_eq!((s.codes[1].state, s.codes[1].renewal_training_id.as_deref()), (Missing, Some("pals")));
        // Once BLS has expired, the next booked session is its renewal.
        let s = e.standing("e1", "2026-12-21T08:00:00-06:00").unwrap();
        assert_eq!((s.codes[0].state, s.codes[0].renewal_training_id.as_deref()), (Expired, Some("late")));
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["codes"][0]["state"], "expired");
        assert_eq!(json["codes"][0]["currentUntil"], serde_json::Value::Null);
        assert_eq!(json["asOf"], "2026-12-21T08:00:00-06:00");
    }

    #[test]
    fn the_sample_panel_person() {
        let roster = include_str!("../www/data/roster.json");
        let credentials = include_str!("../www/data/credentials.json");
        let e = engine(roster, credentials);
        let s = e.standing("e-108", "2026-12-07T00:00:00-06:00").unwrap();
        let acls = s.codes.iter().find(|c| c.code == "ACLS").unwrap();
        assert_eq!((acls.state, acls.credential_id.as_deref()), (InGrace, Some("cr-0036")));
        // The sample's currency (www/data/README.md): Jessica Duval's resuscitations suffice
        // until 15 Dec 01:30 -05:00, written in asOf's offset.
        let s = e.standing("e-137", "2026-12-07T00:00:00-06:00").unwrap();
        let nrp = s.codes.iter().find(|c| c.code == "NRP").unwrap();
        assert_eq!((nrp.state, nrp.current_until.as_deref()), (Valid, Some("2026-12-15T00:30:00-06:00")));
        // Every employee of the sample answers, and every entry names its record unless missing;
        // only Tamika Johnson (one resuscitation in 90 days) is short of a currency.
        for id in e.employee_ids().map(str::to_string).collect::<Vec<_>>() {
            for c in e.standing(&id, "2026-12-07T00:00:00-06:00").unwrap().codes {
                assert_eq!(c.credential_id.is_none(), c.state == Missing, "{id} {}", c.code);
                assert_eq!(c.state == NotCurrent, id == "e-139" && c.code == "NRP", "{id} {}", c.code);
            }
        }
    }
}
