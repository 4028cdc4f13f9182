//! A plan ([`Planned`]) written item by item onto an [`Out`] (the WebAssembly package's tape),
//! as the [`RenewalPlan`](super::RenewalPlan) it makes writes by its `Serialize`: the same keys
//! in the same order, `None` as `null`, every map and struct an object, [`UnmetReason`] by its
//! name, each text read from the model where it is. The tape's tests read it back and compare
//! it with `serde_json`'s writing of the `RenewalPlan` (`crate::wasm::tape`).
//!
//! Why not `Serialize` there: serde's code for the plan's eight types, instantiated for the
//! tape, checks a `Result` after every field and keeps a copy of the field loop per type; here
//! each field is one call to a helper written once per kind of value (decision 153). The gap
//! report's writer (`crate::gaps`) uses the same helpers.

use super::{Planned, UnmetReason};
use crate::time::{self, DAY_MS};
use crate::model::Session;
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

/// `key: ["text", ...]`, of texts borrowed.
#[inline(never)]
pub(crate) fn borrowed_texts(out: &mut impl Out, key: &'static str, values: &[&str]) {
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
pub(crate) fn boolean(out: &mut impl Out, key: &'static str, value: bool) {
    out.name(key);
    out.bool(value);
}

/// `key: {id: sum, ...}`.
fn sums(out: &mut impl Out, key: &'static str, sums: &[(&str, f64)]) {
    out.name(key);
    out.object(sums.len());
    for &(k, v) in sums {
        out.str(k);
        out.number(v);
    }
}

/// `key: "instant"`, `ms` written in offset `offset_s`: one copy of the text's making and
/// freeing for a session's `start` and `end` and a `deadline`.
#[inline(never)]
fn instant(out: &mut impl Out, key: &'static str, ms: i64, offset_s: i32) {
    text(out, key, &time::format_instant(ms, offset_s));
}

/// A session's `start` and `end`, as written: a booking's and its accepting trainings'.
#[inline(never)]
fn times(out: &mut impl Out, x: &Session) {
    instant(out, "start", x.start.ms, x.start.offset_s);
    instant(out, "end", x.end.ms, x.end.offset_s);
}

/// `key: [` and the array's length: the plan's lists of objects.
#[inline(never)]
pub(crate) fn list(out: &mut impl Out, key: &'static str, len: usize) {
    out.name(key);
    out.array(len);
}

impl Planned<'_> {
    /// Writes the plan onto `out`, as [`Planned::to_plan`]'s `Serialize` would (module docs),
    /// its texts as the model has them.
    pub(crate) fn write(&self, out: &mut impl Out) {
        out.object(8);
        text(out, "asOf", self.as_of_text);
        integer(out, "horizonDays", self.horizon.into());
        boolean(out, "useGrace", self.use_grace);
        list(out, "bookings", self.bookings.len());
        for b in &self.bookings {
            let (x, employee) = (b.session, b.employee);
            out.object(12);
            text(out, "employeeId", &employee.id);
            maybe_text(out, "employeeName", employee.name.as_deref());
            text(out, "sessionId", &x.id);
            times(out, x);
            maybe_text(out, "sessionLocationId", x.location_id.as_deref());
            list(out, "codes", b.met.len());
            for &(code, _) in &b.met {
                out.str(code);
            }
            list(out, "credentialIds", b.met.len());
            for &(_, id) in &b.met {
                out.str(id);
            }
            instant(out, "deadline", b.deadline, self.offset_s);
            integer(out, "slackDays", (b.deadline - x.end.ms).div_euclid(DAY_MS));
            boolean(out, "inGrace", b.in_grace);
            number(out, "cost", x.cost);
        }
        list(out, "unmet", self.unmet.len());
        for u in &self.unmet {
            out.object(8);
            text(out, "employeeId", &u.employee.id);
            maybe_text(out, "employeeName", u.employee.name.as_deref());
            text(out, "code", u.code);
            text(out, "credentialId", u.credential_id);
            instant(out, "deadline", u.deadline, self.offset_s);
            out.name("reason");
            out.name(match u.reason {
                UnmetReason::NoSession => "noSession",
                UnmetReason::Conflicts => "conflicts",
                UnmetReason::Full => "full",
            });
            list(out, "sessionIds", u.sessions.len());
            for &s in &u.sessions {
                out.str(self.session_id(s));
            }
            borrowed_texts(out, "shiftIds", &u.shifts);
        }
        list(out, "sessions", self.sessions.len());
        for &(x, taken, booked) in &self.sessions {
            out.object(4);
            text(out, "sessionId", &x.id);
            integer(out, "seats", x.seats.into());
            integer(out, "taken", taken.into());
            integer(out, "booked", booked.into());
        }
        out.name("cost");
        out.object(3);
        number(out, "total", self.total);
        sums(out, "byLocation", &self.by_location);
        sums(out, "byTeam", &self.by_team);
        list(out, "accept", self.accept_ids.len());
        let mut ids = self.accept_ids.iter();
        for b in &self.bookings {
            let (x, employee) = (b.session, b.employee);
            for &(code, _) in &b.met {
                out.object(3);
                text(out, "op", "put");
                text(out, "collection", "trainings");
                out.name("record");
                out.object(7);
                text(out, "id", ids.next().map_or("", String::as_str));
                text(out, "employeeId", &employee.id);
                text(out, "code", code);
                times(out, x);
                text(out, "status", "scheduled");
                text(out, "sessionId", &x.id);
            }
        }
    }
}
