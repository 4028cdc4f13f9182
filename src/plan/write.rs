//! A [`RenewalPlan`] written item by item onto an [`Out`] (the WebAssembly package's tape), as
//! its `Serialize` writes it: the same keys in the same order, `None` as `null`, every map and
//! struct an object, [`UnmetReason`] by its name. The tape's tests read it back and compare it
//! with `serde_json`'s writing (`crate::wasm::tape`).
//!
//! Why not `Serialize` there: serde's code for the plan's eight types, instantiated for the
//! tape, checks a `Result` after every field and keeps a copy of the field loop per type; here
//! each field is one call to a helper written once per kind of value (decision 153). The gap
//! report's writer (`crate::gaps`) uses the same helpers.

use super::{PlanBooking, RenewalPlan, Sums, UnmetReason};
use crate::verdict::write::Out;

/// `key: "text"`.
#[inline(never)]
pub(crate) fn text(out: &mut impl Out, key: &'static str, value: &str) {
    out.name(key);
    out.str(value);
}

/// `key: "text"` or `key: null`.
#[inline(never)]
pub(crate) fn maybe_text(out: &mut impl Out, key: &'static str, value: Option<&str>) {
    out.name(key);
    match value {
        Some(s) => out.str(s),
        None => out.null(),
    }
}

/// `key: ["text", ...]`.
#[inline(never)]
pub(crate) fn texts(out: &mut impl Out, key: &'static str, values: &[String]) {
    out.name(key);
    out.array(values.len());
    for s in values {
        out.str(s);
    }
}

/// `key: integer`.
#[inline(never)]
pub(crate) fn integer(out: &mut impl Out, key: &'static str, value: i64) {
    out.name(key);
    out.integer(value);
}

/// `key: number` (an `f64`).
#[inline(never)]
fn number(out: &mut impl Out, key: &'static str, value: f64) {
    out.name(key);
    out.number(value);
}

/// `key: true` or `key: false`.
#[inline(never)]
fn boolean(out: &mut impl Out, key: &'static str, value: bool) {
    out.name(key);
    out.bool(value);
}

/// `key: {id: sum, ...}`.
fn sums(out: &mut impl Out, key: &'static str, sums: &Sums) {
    out.name(key);
    out.object(sums.0.len());
    for (k, v) in &sums.0 {
        out.str(k);
        out.number(*v);
    }
}

/// `key: [` and the array's length: the plan's lists of objects.
#[inline(never)]
pub(crate) fn list(out: &mut impl Out, key: &'static str, len: usize) {
    out.name(key);
    out.array(len);
}

fn booking(out: &mut impl Out, b: &PlanBooking) {
    out.object(12);
    text(out, "employeeId", &b.employee_id);
    maybe_text(out, "employeeName", b.employee_name.as_deref());
    text(out, "sessionId", &b.session_id);
    text(out, "start", &b.start);
    text(out, "end", &b.end);
    maybe_text(out, "sessionLocationId", b.session_location_id.as_deref());
    texts(out, "codes", &b.codes);
    texts(out, "credentialIds", &b.credential_ids);
    text(out, "deadline", &b.deadline);
    integer(out, "slackDays", b.slack_days);
    boolean(out, "inGrace", b.in_grace);
    number(out, "cost", b.cost);
}

impl RenewalPlan {
    /// Writes the plan onto `out`, as its `Serialize` would (module docs).
    pub(crate) fn write(&self, out: &mut impl Out) {
        out.object(8);
        text(out, "asOf", &self.as_of);
        integer(out, "horizonDays", self.horizon_days.into());
        boolean(out, "useGrace", self.use_grace);
        list(out, "bookings", self.bookings.len());
        for b in &self.bookings {
            booking(out, b);
        }
        list(out, "unmet", self.unmet.len());
        for u in &self.unmet {
            out.object(8);
            text(out, "employeeId", &u.employee_id);
            maybe_text(out, "employeeName", u.employee_name.as_deref());
            text(out, "code", &u.code);
            text(out, "credentialId", &u.credential_id);
            text(out, "deadline", &u.deadline);
            out.name("reason");
            out.name(match u.reason {
                UnmetReason::NoSession => "noSession",
                UnmetReason::Conflicts => "conflicts",
                UnmetReason::Full => "full",
            });
            texts(out, "sessionIds", &u.session_ids);
            texts(out, "shiftIds", &u.shift_ids);
        }
        list(out, "sessions", self.sessions.len());
        for s in &self.sessions {
            out.object(4);
            text(out, "sessionId", &s.session_id);
            integer(out, "seats", s.seats.into());
            integer(out, "taken", s.taken.into());
            integer(out, "booked", s.booked.into());
        }
        out.name("cost");
        out.object(3);
        number(out, "total", self.cost.total);
        sums(out, "byLocation", &self.cost.by_location);
        sums(out, "byTeam", &self.cost.by_team);
        list(out, "accept", self.accept.len());
        for a in &self.accept {
            out.object(3);
            text(out, "op", a.op);
            text(out, "collection", a.collection);
            let t = &a.record;
            out.name("record");
            out.object(7);
            text(out, "id", &t.id);
            text(out, "employeeId", &t.employee_id);
            text(out, "code", &t.code);
            text(out, "start", &t.start);
            text(out, "end", &t.end);
            text(out, "status", t.status);
            text(out, "sessionId", &t.session_id);
        }
    }
}
