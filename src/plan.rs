//! Renewal planning (SPEC §7): which open training sessions to book, so that as few
//! credentials as possible lapse.
//!
//! This module owns [`RenewalPlan`] and its parts ([`PlanBooking`], [`Unmet`], [`UnmetReason`],
//! [`SessionLoad`], [`PlanCost`]) and [`Engine::plan_renewals`].
//!
//! # Example: two nurses, one seat
//!
//! ```
//! use credgate::{Engine, UnmetReason};
//! let credentials = r#"{"credentialTypes": [{"code": "BLS"}],
//!   "credentials": [
//!     {"id": "cr-1", "employeeId": "e-1", "code": "BLS", "validUntil": "2027-01-20"},
//!     {"id": "cr-2", "employeeId": "e-2", "code": "BLS", "validUntil": "2027-01-31"}],
//!   "sessions": [{"id": "bls-0112", "renews": ["BLS"], "seats": 1, "cost": 85,
//!                 "start": "2027-01-12T08:00:00-06:00", "end": "2027-01-12T12:00:00-06:00"}]}"#;
//! let roster = r#"{"employees": [{"id": "e-1"}, {"id": "e-2"}]}"#;
//! let engine = Engine::load(roster, credentials)?.engine;
//! let plan = engine.plan_renewals("2026-12-07T08:00:00-06:00", None, false)?;
//! assert_eq!(plan.bookings.len(), 1);
//! assert_eq!(plan.bookings[0].session_id, "bls-0112");
//! assert_eq!(plan.bookings[0].deadline, "2027-01-21T00:00:00-06:00");
//! assert_eq!(plan.unmet.len(), 1);
//! assert_eq!(plan.unmet[0].reason, UnmetReason::Full);
//! assert_eq!(plan.cost.total, 85.0);
//! # Ok::<(), credgate::Error>(())
//! ```
//!
//! # What a plan is
//!
//! A **need** is an alert (`alerts(asOf, {days: horizonDays})`) with `daysLeft ≥ 0` and no
//! renewal booked; its **deadline** is the instant its record stops being valid, in `asOf`'s
//! offset (plus the type's `graceDays` × 24 h with `useGrace`). A **booking** puts one employee in
//! one open session that starts at or after `asOf`, overlaps none of their assigned shifts,
//! scheduled trainings or other bookings (half-open: back to back is fine), and takes one seat;
//! it meets every need of that employee whose code the session renews and whose deadline it
//! ends by.
//!
//! # How it is found
//!
//! Seats are a capacity, needs want one seat each: where nobody has two needs this is a maximum
//! bipartite matching with capacities, found exactly by augmenting paths (Ford–Fulkerson over
//! sessions, each search breadth-first, sessions reached by a failed search not searched again
//! until a path is found). First a greedy pass books the most constrained needs first, each
//! in its most preferred session (one the employee already has a booking in first: it costs
//! no seat); then every unmet need is augmented; then bookings move, one at a time, to a seat
//! the employee already holds or to a preferred session with a free seat, and the augmenting
//! runs again on the seats this frees. Preference is: no grace, then less cost, then the later
//! session. Where someone has several needs a booking may hold several of them, and the
//! matching is no longer a flow: the paths move only bookings of one need, and a path that
//! would make an employee's own bookings overlap is taken back (docs/decisions.md compares the
//! count with an exact brute force on small cases). Last, the bookings of employees with one
//! need are exchanged along cycles that keep the count and lower the grace, then the cost, then
//! the lateness, until none is left (`exchange`): exact where nobody has two needs.
//!
//! # Why a need is not met
//!
//! `noSession`: no open session renewing the code runs within `[asOf, deadline]`; `conflicts`:
//! every such session overlaps the employee's shifts or scheduled trainings (`shiftIds` lists
//! the overlapping shifts); `full`: some fit, but their seats went to other needs (or to the
//! employee's own other bookings, which they would overlap).

use crate::alerts::{alert_rows, renewal_trainings};
use crate::engine::{instant_arg, Engine};
use crate::error::Error;
use crate::load::own;
use crate::model::{CodeIdx, EmpIdx, Employee, Model, Session, TrainingStatus};
use crate::time::{self, Instant, DAY_MS};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// The horizon when none is given: 90 days.
pub const DEFAULT_HORIZON_DAYS: u32 = 90;

/// A proposed booking: one employee in one session.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanBooking {
    /// The employee.
    pub employee_id: String,
    /// The employee's name, when the roster gives one.
    pub employee_name: Option<String>,
    /// The session.
    pub session_id: String,
    /// The session's start, as written.
    pub start: String,
    /// The session's end, as written.
    pub end: String,
    /// The session's `locationId`, when it has one (where to go; no part of validity).
    pub session_location_id: Option<String>,
    /// The codes of the needs it meets, in type order.
    pub codes: Vec<String>,
    /// The records it renews, one per code.
    pub credential_ids: Vec<String>,
    /// The earliest deadline of the needs it meets, in `asOf`'s offset.
    pub deadline: String,
    /// Whole 24-hour periods from the session's end to `deadline`.
    pub slack_days: i64,
    /// Whether the session ends after the plain expiry of a need it meets (only with `useGrace`).
    pub in_grace: bool,
    /// The session's `cost` (per seat), or 0.
    pub cost: f64,
}

/// Why a need is not met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum UnmetReason {
    /// No open session renewing the code runs within `[asOf, deadline]`.
    NoSession,
    /// Every such session overlaps the employee's shifts or scheduled trainings.
    Conflicts,
    /// Such sessions fit, but their seats went to other needs.
    Full,
}

/// A need the plan does not meet.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unmet {
    /// The employee.
    pub employee_id: String,
    /// The employee's name, when the roster gives one.
    pub employee_name: Option<String>,
    /// The credential type.
    pub code: String,
    /// The record that expires.
    pub credential_id: String,
    /// When it must be renewed by, in `asOf`'s offset.
    pub deadline: String,
    /// Why it is not met.
    pub reason: UnmetReason,
    /// The open sessions renewing the code within `[asOf, deadline]`.
    pub session_ids: Vec<String>,
    /// With `conflicts`: every assigned shift that overlaps one of those sessions.
    pub shift_ids: Vec<String>,
}

/// An open session that renews a needed code, and how full it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionLoad {
    /// The session.
    pub session_id: String,
    /// Its seats.
    pub seats: u32,
    /// Seats held by trainings naming it before the plan (one per employee).
    pub taken: u32,
    /// The plan's bookings in it.
    pub booked: u32,
}

/// Sums keyed by an id, written as a JSON object (keys sorted).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sums(pub Vec<(String, f64)>);

impl Serialize for Sums {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// What the plan costs.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanCost {
    /// Every booking's cost.
    pub total: f64,
    /// By the employee's `locationId` (`""` when absent).
    pub by_location: Sums,
    /// By the employee's `teamId` (`""` when absent).
    pub by_team: Sums,
}

/// An operation that accepts one booking: a `put` of a scheduled training (SPEC §7).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AcceptOp {
    /// Always `"put"`.
    pub op: &'static str,
    /// Always `"trainings"`.
    pub collection: &'static str,
    /// The training.
    pub record: AcceptTraining,
}

/// The training that accepting a booking puts, one per code it renews.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AcceptTraining {
    /// `plan-SESSION-EMPLOYEE-CODE`, made unique among the trainings.
    pub id: String,
    /// The employee.
    pub employee_id: String,
    /// The code it renews.
    pub code: String,
    /// The session's start.
    pub start: String,
    /// The session's end.
    pub end: String,
    /// Always `"scheduled"`.
    pub status: &'static str,
    /// The session.
    pub session_id: String,
}

/// The answer of [`Engine::plan_renewals`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RenewalPlan {
    /// As given.
    pub as_of: String,
    /// The horizon used.
    pub horizon_days: u32,
    /// Whether deadlines include the types' grace.
    pub use_grace: bool,
    /// The bookings, by employee then session start.
    pub bookings: Vec<PlanBooking>,
    /// The needs not met, by employee then code.
    pub unmet: Vec<Unmet>,
    /// Every open session that renews a needed code, in document order.
    pub sessions: Vec<SessionLoad>,
    /// What the bookings cost.
    pub cost: PlanCost,
    /// The batch that accepts the plan (`apply` it): one `put` training per code of a booking.
    pub accept: Vec<AcceptOp>,
}

impl RenewalPlan {
    /// The number of needs the plan meets (each once, however many bookings meet it).
    pub fn met(&self) -> usize {
        let mut met: Vec<(&str, &str)> = self.bookings.iter().flat_map(|b| b.codes.iter().map(|c| (b.employee_id.as_str(), c.as_str()))).collect();
        met.sort_unstable();
        met.dedup();
        met.len()
    }

    /// [`RenewalPlan::accept`] as operations for [`Engine::apply`].
    pub fn accept_ops(&self) -> Vec<crate::Op> {
        self.accept
            .iter()
            .map(|a| {
                let t = &a.record;
                let mut record = crate::json::Value::Object(Vec::new());
                for (k, v) in [("id", &t.id), ("employeeId", &t.employee_id), ("code", &t.code), ("start", &t.start), ("end", &t.end), ("status", &t.status.to_string()), ("sessionId", &t.session_id)] {
                    record.set(k, crate::json::Value::String(v.clone()));
                }
                crate::Op::Put { collection: crate::Collection::Trainings, record }
            })
            .collect()
    }
}

/// The CSV of a plan (the CLI's `--csv`): for a training coordinator's spreadsheet. (Not called
/// by the WebAssembly façade, so not in the package.)
impl RenewalPlan {
    /// The plan as CSV (RFC 4180, CRLF line ends): one row per booking, then one per unmet
    /// need. Columns: `status` (`booked` or `unmet`), `employeeId`, `employeeName`, `codes`,
    /// `credentialIds` (several joined by `"; "`), `deadline`, `sessionId`, `sessionStart`,
    /// `sessionEnd`, `sessionLocationId`, `slackDays`, `inGrace`, `cost`, `reason`,
    /// `sessionIds`, `shiftIds`. A cell that a spreadsheet would read as a formula (starting
    /// with `=`, `+`, `-`, `@`) is written with a leading `'`.
    pub fn to_csv(&self) -> String {
        fn cell(out: &mut String, text: &str) {
            let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
            if text.contains([',', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&text.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(&text);
            }
        }
        fn row(out: &mut String, cells: &[&str]) {
            for (i, c) in cells.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                cell(out, c);
            }
            out.push_str("\r\n");
        }
        let mut out = String::new();
        row(&mut out, &["status", "employeeId", "employeeName", "codes", "credentialIds", "deadline", "sessionId", "sessionStart", "sessionEnd", "sessionLocationId", "slackDays", "inGrace", "cost", "reason", "sessionIds", "shiftIds"]);
        for b in &self.bookings {
            let (slack, cost) = (b.slack_days.to_string(), b.cost.to_string());
            let (codes, ids) = (b.codes.join("; "), b.credential_ids.join("; "));
            let name = b.employee_name.as_deref().unwrap_or("");
            let location = b.session_location_id.as_deref().unwrap_or("");
            let grace = if b.in_grace { "yes" } else { "no" };
            row(&mut out, &["booked", &b.employee_id, name, &codes, &ids, &b.deadline, &b.session_id, &b.start, &b.end, location, &slack, grace, &cost, "", "", ""]);
        }
        for u in &self.unmet {
            let reason = match u.reason {
                UnmetReason::NoSession => "noSession",
                UnmetReason::Conflicts => "conflicts",
                UnmetReason::Full => "full",
            };
            let name = u.employee_name.as_deref().unwrap_or("");
            let (sessions, shifts) = (u.session_ids.join("; "), u.shift_ids.join("; "));
            row(&mut out, &["unmet", &u.employee_id, name, &u.code, &u.credential_id, &u.deadline, "", "", "", "", "", "", "", reason, &sessions, &shifts]);
        }
        out
    }
}

/// One need: employee `emp`'s record `record` of `code`, expiring at `expiry`.
#[derive(Debug, Clone, Copy)]
struct Need {
    emp: EmpIdx,
    code: CodeIdx,
    record: u32,
    expiry: i64,
    deadline: i64,
}

/// Whether `[a0, a1)` and `[b0, b1)` overlap.
#[inline]
fn overlaps(a0: i64, a1: i64, b0: i64, b1: i64) -> bool {
    a0 < b1 && b0 < a1
}

/// The matching: which session each need is booked in, and who holds each session's seats.
struct Matching<'a> {
    m: &'a Model,
    needs: &'a [Need],
    /// Per employee: their first need and one past the last (the needs are by employee).
    runs: Vec<(u32, u32)>,
    /// Per need: the sessions it may be booked in (open, in time, no clash with shifts or
    /// trainings), most preferred first.
    cand: Vec<Vec<u32>>,
    /// Per need: its session.
    at: Vec<Option<u32>>,
    /// Per session: seats held by trainings naming it before the plan (one per employee).
    taken: Vec<u32>,
    /// Per session: `(employee, needs held)` of the plan's bookings.
    users: Vec<Vec<(EmpIdx, u32)>>,
}

impl Matching<'_> {
    /// The run of need `n`'s employee's needs: the first and one past the last.
    fn range(&self, n: usize) -> (u32, u32) {
        self.runs[self.needs[n].emp as usize]
    }

    fn session(&self, s: u32) -> &crate::model::Session {
        &self.m.sessions[s as usize]
    }

    fn free_seats(&self, s: u32) -> i64 {
        i64::from(self.session(s).seats) - i64::from(self.taken[s as usize]) - self.users[s as usize].len() as i64
    }

    /// Needs of `emp` held in session `s`. Out of line: the search of the session's bookings
    /// was written out at each of its five callers.
    #[inline(never)]
    fn held_by(&self, s: u32, emp: EmpIdx) -> u32 {
        self.users[s as usize].iter().find(|u| u.0 == emp).map_or(0, |u| u.1)
    }

    /// Whether session `s` overlaps none of the other bookings of need `n`'s employee.
    fn fits_own(&self, n: usize, s: u32) -> bool {
        let (lo, hi) = self.range(n);
        let x = self.session(s);
        (lo..hi).all(|o| {
            o as usize == n
                || match self.at[o as usize] {
                    Some(t) if t != s => {
                        let y = self.session(t);
                        !overlaps(x.start.ms, x.end.ms, y.start.ms, y.end.ms)
                    }
                    _ => true,
                }
        })
    }

    /// Whether need `n` could go to `s` now: a seat its employee holds, or a free one.
    fn can_take(&self, n: usize, s: u32) -> bool {
        let emp = self.needs[n].emp;
        let joins = self.held_by(s, emp) > u32::from(self.at[n] == Some(s));
        self.fits_own(n, s) && (joins || self.free_seats(s) > 0)
    }

    /// Moves need `n` (now in `now`, or in none) where it would rather be, if anywhere: the
    /// first of its sessions other than `now` where its employee holds a seat that fits; else
    /// the first one preferred to `now` (any, with none) that it can take. Whether it moved.
    /// The greedy pass and the improving one's moves ask the same (one copy of both searches
    /// and of the move).
    fn repick(&mut self, n: usize, now: Option<u32>) -> bool {
        let (cand, emp) = (&self.cand[n], self.needs[n].emp);
        let join = cand.iter().copied().find(|&t| Some(t) != now && self.held_by(t, emp) > 0 && self.fits_own(n, t));
        let Some(t) = join.or_else(|| cand.iter().copied().take_while(|&t| Some(t) != now).find(|&t| self.can_take(n, t))) else { return false };
        self.place(n, Some(t));
        true
    }

    /// Moves need `n` from its session (if any) to `s` (or to none).
    fn place(&mut self, n: usize, s: Option<u32>) {
        let emp = self.needs[n].emp;
        if let Some(old) = self.at[n] {
            self.hold(old, emp, false);
        }
        if let Some(new) = s {
            self.hold(new, emp, true);
        }
        self.at[n] = s;
    }

    /// One need more (`more`) or one fewer held by `emp` in session `s`: its booking there
    /// made, or dropped with its last need. One search of the session's bookings for both,
    /// where [`Matching::place`] wrote one for each.
    fn hold(&mut self, s: u32, emp: EmpIdx, more: bool) {
        let list = &mut self.users[s as usize];
        match list.iter().position(|u| u.0 == emp) {
            Some(i) if more => list[i].1 += 1,
            Some(i) => {
                list[i].1 -= 1;
                if list[i].1 == 0 {
                    list.remove(i);
                }
            }
            None if more => list.push((emp, 1)),
            None => {}
        }
    }

    /// The need of `emp` held in `s`, when it is the booking's only one.
    fn sole_need(&self, s: u32, emp: EmpIdx) -> Option<usize> {
        if self.held_by(s, emp) != 1 {
            return None;
        }
        let (lo, hi) = self.runs.get(emp as usize).copied()?;
        (lo..hi).map(|o| o as usize).find(|&o| self.at[o] == Some(s))
    }

    /// Books the unmet need `n` by an augmenting path, if there is one: `n` into a full
    /// session, the sole need of a booking there into another, and so on, until a session with
    /// a free seat (or one the last employee holds). `seen` marks the sessions a failed search
    /// reached (kept until a path is found: nothing changed, so they cannot lead anywhere).
    fn augment(&mut self, n: usize, seen: &mut [bool]) -> bool {
        // Per session reached: the need that would move into it, and the session it leaves; in
        // the order reached, the search's queue too.
        let mut parent: Vec<(u32, usize, Option<u32>)> = Vec::new();
        let mut end: Option<(usize, u32, Option<u32>)> = None;
        // The needs that may move next and the session they leave: first `n`, from no session;
        // then the sole needs of the bookings in each session reached (one copy of the loop
        // for both).
        let (mut movers, mut from, mut head) = (vec![n], None, 0);
        'search: loop {
            for &o in &movers {
                for &t in &self.cand[o] {
                    if Some(t) == from {
                        continue;
                    }
                    if self.can_take(o, t) {
                        end = Some((o, t, from));
                        break 'search;
                    }
                    if !seen[t as usize] && self.fits_own(o, t) {
                        seen[t as usize] = true;
                        parent.push((t, o, from));
                    }
                }
            }
            let Some(&(s, _, _)) = parent.get(head) else { break };
            head += 1;
            from = Some(s);
            movers.clear();
            for u in &self.users[s as usize] {
                if let Some(o) = self.sole_need(s, u.0) {
                    movers.push(o);
                }
            }
        }
        let Some((mut need, mut to, mut from)) = end else { return false };
        // Apply the moves from the free end back to `n`, keeping what each replaced.
        let mut moved: Vec<(usize, Option<u32>)> = Vec::new();
        loop {
            moved.push((need, self.at[need]));
            self.place(need, Some(to));
            let Some(prev) = from else { break };
            let Some(&(_, pn, pf)) = parent.iter().find(|p| p.0 == prev) else { break };
            need = pn;
            to = prev;
            from = pf;
        }
        // A path that made someone's own bookings overlap (an employee met twice on it) is
        // taken back.
        let sound = moved.iter().all(|&(o, _)| self.at[o].is_some_and(|s| self.fits_own(o, s)));
        if !sound || self.at[n].is_none() {
            for &(o, was) in moved.iter().rev() {
                self.place(o, was);
            }
            return false;
        }
        seen.fill(false);
        true
    }
}

impl Engine {
    /// Proposes renewal bookings (SPEC §7): the needs of `alerts(as_of, {days: horizon_days})`
    /// (default 90 days) with `daysLeft ≥ 0` and no renewal booked, met by as many bookings in
    /// open `sessions` as capacity allows; then least grace, least cost, later sessions (exactly
    /// for the employees with one need; module docs). Every need not met says why.
    ///
    /// Fails with an [`InvalidArgument`](crate::ErrorKind::InvalidArgument) error when `as_of` is not an RFC 3339 instant with an
    /// offset.
    pub fn plan_renewals(&self, as_of: &str, horizon_days: Option<u32>, use_grace: bool) -> Result<RenewalPlan, Error> {
        Ok(self.planned(as_of, horizon_days, use_grace)?.to_plan())
    }

    /// [`Engine::plan_renewals`]'s plan with its texts borrowed from the model: what the npm
    /// package writes straight onto its tape.
    pub(crate) fn planned<'a>(&'a self, as_of: &'a str, horizon_days: Option<u32>, use_grace: bool) -> Result<Planned<'a>, Error> {
        let as_of_text = as_of;
        let as_of = instant_arg("asOf", as_of)?;
        let horizon = horizon_days.unwrap_or(DEFAULT_HORIZON_DAYS);
        let m = &self.model;

        // The needs, by employee then type.
        let mut needs: Vec<Need> = Vec::new();
        // Expiries only: a training renews a record, not a currency (decision 110).
        for row in alert_rows(m, as_of, Some(horizon), false) {
            if row.days_left < 0 || !m.employee_live(row.emp) {
                continue;
            }
            let rec = &m.records[row.record as usize];
            if renewal_trainings(m, row.emp, row.code, rec.until, as_of).0.is_some() {
                continue;
            }
            let grace = if use_grace { i64::from(m.types[row.code as usize].grace_days) * DAY_MS } else { 0 };
            needs.push(Need { emp: row.emp, code: row.code, record: row.record, expiry: row.end, deadline: row.end.saturating_add(grace) });
        }

        // Seats held before the plan: one per employee among the trainings naming a session.
        let ns = m.sessions.len();
        let mut holders: Vec<(u32, &str)> = Vec::new();
        for (t, tr) in m.trainings.iter().enumerate() {
            if !m.training_live(t as u32) || tr.status == TrainingStatus::Cancelled {
                continue;
            }
            if let Some(s) = tr.session_id.as_deref().and_then(|id| m.find_session(id)) {
                holders.push((s, tr.employee_id.as_str()));
            }
        }
        crate::sort::sort_by(&mut holders, |a, b| a.cmp(b));
        // Each holder counted once: sorted, a repeat is the same as the one before it (no
        // `dedup`, whose code was one more copy for this one list).
        let mut taken = vec![0u32; ns];
        let mut prev = None;
        for &h in &holders {
            if prev != Some(h) {
                taken[h.0 as usize] += 1;
                prev = Some(h);
            }
        }
        drop(holders);

        // Per need: the sessions the employee is free for, among those considered (the answer
        // lists those again for the needs not met, where a list per need kept them all).
        let mut cand: Vec<Vec<u32>> = Vec::with_capacity(needs.len());
        for need in &needs {
            // Listed by `considered`'s own loop, asked to keep those the employee is free for,
            // where a second loop copied them from its list into another.
            let mut list = considered(m, as_of, need, true);
            // Most preferred first: no grace, less cost, later start (then document order, as
            // listed: the sort is stable).
            let key = |s: &u32| {
                let x = &m.sessions[*s as usize];
                (x.end.ms > need.expiry, x.cost, std::cmp::Reverse(x.start.ms))
            };
            crate::sort::sort_by(&mut list, |a, b| {
                let (ka, kb) = (key(a), key(b));
                ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1)).then(ka.2.cmp(&kb.2))
            });
            cand.push(list);
        }

        // Each employee's run of needs: one more need at a time.
        let mut runs = vec![(0u32, 0u32); m.employees.len()];
        for (n, need) in needs.iter().enumerate() {
            if let Some(r) = runs.get_mut(need.emp as usize) {
                *r = (if r.1 == 0 { n as u32 } else { r.0 }, n as u32 + 1);
            }
        }
        // Each session's (empty) list of bookings, by a loop of pushes: a `vec!` of empty lists
        // was a fill that LLVM unrolled. (A session's free seats are worked out from its seats,
        // `taken` and this list, where a list of them was kept beside.)
        let mut users = Vec::with_capacity(ns);
        for _ in 0..ns {
            users.push(Vec::new());
        }
        let mut mm = Matching { m, needs: &needs, runs, cand, at: vec![None; needs.len()], taken, users };

        // Greedy: the most constrained needs first, each in its most preferred session, one the
        // employee already holds a seat in first.
        let mut order: Vec<usize> = indexes(0, needs.len(), &|n: usize| !mm.cand[n].is_empty());
        // Stable: among equals, the needs stay in index order.
        crate::sort::sort_by_key(&mut order, |&n| (mm.cand[n].len(), needs[n].deadline));
        for &n in &order {
            mm.repick(n, None);
        }
        let mut seen = vec![false; ns];
        let augment_all = |mm: &mut Matching<'_>, seen: &mut Vec<bool>| {
            seen.fill(false);
            for &n in &order {
                if mm.at[n].is_none() {
                    mm.augment(n, seen);
                }
            }
        };
        augment_all(&mut mm, &mut seen);
        // Improve: a seat that would meet more needs of someone else changes hands (their
        // needs go in, the fewer ones it held look for another seat); a booking joins a seat
        // the employee holds (freeing one) or moves to a preferred session with a free seat;
        // then augment on the freed seats.
        for _ in 0..4 {
            let mut changed = false;
            for &n in &order {
                if mm.at[n].is_some() {
                    continue;
                }
                let (emp, (lo, hi)) = (needs[n].emp, mm.range(n));
                for k in 0..mm.cand[n].len() {
                    let s = mm.cand[n][k];
                    if !mm.fits_own(n, s) {
                        continue;
                    }
                    // The unmet needs of the employee this seat would meet.
                    let gain = indexes(lo as usize, hi as usize, &|o: usize| mm.at[o].is_none() && crate::model::listed(&mm.cand[o], s) && mm.fits_own(o, s));
                    let weakest = mm.users[s as usize].iter().filter(|u| u.0 != emp).min_by_key(|u| (u.1, u.0)).copied();
                    let Some((other, held)) = weakest else { continue };
                    if gain.len() as u32 <= held || mm.free_seats(s) > 0 {
                        continue;
                    }
                    let (olo, ohi) = mm.runs[other as usize];
                    let evicted = indexes(olo as usize, ohi as usize, &|o: usize| mm.at[o] == Some(s));
                    for &o in &evicted {
                        mm.place(o, None);
                    }
                    for &o in &gain {
                        mm.place(o, Some(s));
                    }
                    seen.fill(false);
                    for &o in &evicted {
                        mm.augment(o, &mut seen);
                    }
                    changed = true;
                    break;
                }
            }
            for &n in &order {
                let Some(s) = mm.at[n] else { continue };
                let emp = needs[n].emp;
                if mm.held_by(s, emp) != 1 {
                    continue;
                }
                if mm.repick(n, Some(s)) {
                    changed = true;
                }
            }
            if !changed {
                break;
            }
            augment_all(&mut mm, &mut seen);
        }

        // Then grace, cost and the later session, exactly for employees with one need.
        exchange::exchange(&mut mm);

        Ok(self.plan_answer(as_of_text, as_of, horizon, use_grace, &mm))
    }

    /// The plan found from the matching, its texts borrowed from the model: [`Planned::to_plan`]
    /// copies it into a [`RenewalPlan`], the façade writes it straight onto its tape.
    #[inline(never)]
    fn plan_answer<'a>(&'a self, as_of_text: &'a str, as_of: Instant, horizon: u32, use_grace: bool, mm: &Matching<'_>) -> Planned<'a> {
        let (m, needs, at) = (&self.model, mm.needs, &mm.at);
        let mut bookings: Vec<Booked<'a>> = Vec::new();
        let mut accept_ids: Vec<String> = Vec::new();
        let (mut total, mut by_location, mut by_team) = (0.0, Vec::new(), Vec::new());
        // Bookings: by employee, then session start (then index), each (employee, session)
        // once. An employee has few sessions (one per need at most): the next is the least
        // after the last, found by a pass over their run, where a pair per booked need was
        // listed and sorted (a sort of its own for that list). The keys `(start, session)` lie
        // strictly between `BELOW` and `ABOVE` (an instant's milliseconds are those of a year
        // near 0000 to 9999, far inside `i64`'s range), which stand for "before the first" and
        // "none left", where `Option`s of keys were compared.
        const BELOW: (i64, u32) = (i64::MIN, 0);
        const ABOVE: (i64, u32) = (i64::MAX, u32::MAX);
        for (e, &(lo, hi)) in mm.runs.iter().enumerate() {
            let mut last = BELOW;
            loop {
                let mut next = ABOVE;
                for &s in at.get(lo as usize..hi as usize).unwrap_or_default().iter().flatten() {
                    let key = (m.sessions[s as usize].start.ms, s);
                    if last < key && key < next {
                        next = key;
                    }
                }
                if next == ABOVE {
                    break;
                }
                last = next;
                let s = next.1;
                let x = &m.sessions[s as usize];
                let employee = &m.employees[e];
                // One pass over the employee's run of needs for those the session meets: every one
                // it renews in time (SPEC §7.1), not only the ones the matching gave it; their
                // deadline, grace, codes and records, and the trainings' ids.
                let (mut deadline, mut in_grace, mut met) = (None, false, Vec::new());
                for n in needs.get(lo as usize..hi as usize).unwrap_or_default() {
                    if !(crate::model::listed(&x.renews, n.code) && x.end.ms <= n.deadline) {
                        continue;
                    }
                    deadline = Some(deadline.map_or(n.deadline, |d: i64| d.min(n.deadline)));
                    in_grace |= x.end.ms > n.expiry;
                    let code = m.types[n.code as usize].code.as_str();
                    met.push((code, m.records[n.record as usize].id.as_str()));
                    // Unique among the trainings: a `put` of a taken id would replace that training.
                    let mut id = crate::load::concat(&["plan-", &x.id, "-", &employee.id, "-", code]);
                    while m.trainings.iter().any(|t| t.id == id) || accept_ids.contains(&id) {
                        id.push_str("-2");
                    }
                    accept_ids.push(id);
                }
                total += x.cost;
                add_sum(&mut by_location, employee.location.map_or("", |l| m.locations[l as usize].id.as_str()), x.cost);
                add_sum(&mut by_team, employee.team.map_or("", |t| m.teams[t as usize].id.as_str()), x.cost);
                bookings.push(Booked { employee, session: x, met, deadline: deadline.unwrap_or(x.end.ms), in_grace });
            }
        }

        let mut unmet = Vec::new();
        for (n, need) in needs.iter().enumerate() {
            if at[n].is_some() {
                continue;
            }
            // The sessions considered, listed again (the matching kept only those that fit).
            let list = considered(m, as_of, need, false);
            let reason = if list.is_empty() {
                UnmetReason::NoSession
            } else if mm.cand[n].is_empty() {
                UnmetReason::Conflicts
            } else {
                UnmetReason::Full
            };
            let mut shifts = Vec::new();
            if reason == UnmetReason::Conflicts {
                for a in m.shifts_of(need.emp) {
                    if list.iter().any(|&s| m.sessions.get(s as usize).is_some_and(|x| clashes(x, a.start, a.end()))) {
                        shifts.push(m.shift_id(a.shift));
                    }
                }
            }
            unmet.push(Missed {
                employee: &m.employees[need.emp as usize],
                code: &m.types[need.code as usize].code,
                credential_id: &m.records[need.record as usize].id,
                deadline: need.deadline,
                reason,
                sessions: list,
                shifts,
            });
        }

        let mut sessions = Vec::new();
        for (s, x) in m.sessions.iter().enumerate() {
            // Whether it renews a needed code, asked of the needs themselves, where a flag per
            // type was kept.
            if open(m, s, x) && needs.iter().any(|n| crate::model::listed(&x.renews, n.code)) {
                // Booked: one booking per employee holding a seat there.
                sessions.push((x, mm.taken[s], mm.users[s].len() as u32));
            }
        }

        Planned { as_of_text, all_sessions: &m.sessions, offset_s: as_of.offset_s, horizon, use_grace, bookings, unmet, sessions, total, by_location, by_team, accept_ids }
    }
}

/// A booking as the matching gives it: `employee` in `session`, meeting the needs of `met`
/// (each its code and its record's id), with the texts borrowed from the model.
struct Booked<'a> {
    employee: &'a Employee,
    session: &'a Session,
    met: Vec<(&'a str, &'a str)>,
    /// The earliest deadline of the needs met.
    deadline: i64,
    /// Whether the session ends after the plain expiry of a need it meets.
    in_grace: bool,
}

/// A need not met: whose, of which code and record, by when, why, the sessions considered
/// for it and (with `conflicts`) the shifts that overlap them.
struct Missed<'a> {
    employee: &'a Employee,
    code: &'a str,
    credential_id: &'a str,
    deadline: i64,
    reason: UnmetReason,
    /// The sessions, as indexes of [`Planned`]'s `all_sessions` (the list [`considered`] made).
    sessions: Vec<u32>,
    shifts: Vec<&'a str>,
}

/// A plan with its texts borrowed from the model, before any is copied: what [`RenewalPlan`]
/// holds, in its order. The npm package writes it straight onto its tape (`write.rs`), where
/// building a [`RenewalPlan`] copied some twenty texts per booking and need only to write
/// and free them.
pub(crate) struct Planned<'a> {
    as_of_text: &'a str,
    /// The model's sessions, which the unmet needs' `sessions` index.
    all_sessions: &'a [Session],
    /// `asOf`'s offset, in which the deadlines are written.
    offset_s: i32,
    horizon: u32,
    use_grace: bool,
    bookings: Vec<Booked<'a>>,
    unmet: Vec<Missed<'a>>,
    /// Every open session that renews a needed code: `(session, seats taken before, booked)`.
    sessions: Vec<(&'a Session, u32, u32)>,
    total: f64,
    by_location: Vec<(&'a str, f64)>,
    by_team: Vec<(&'a str, f64)>,
    /// The accepting trainings' ids, one per need met by each booking, in order.
    accept_ids: Vec<String>,
}

/// Adds `amount` to the sum of `key` in `sums`, kept sorted by key (a [`Sums`] borrowed).
fn add_sum<'a>(sums: &mut Vec<(&'a str, f64)>, key: &'a str, amount: f64) {
    match sums.binary_search_by(|(k, _)| (*k).cmp(key)) {
        Ok(i) => sums[i].1 += amount,
        Err(i) => sums.insert(i, (key, amount)),
    }
}

impl Planned<'_> {
    /// The id of session `s`.
    fn session_id(&self, s: u32) -> &str {
        self.all_sessions.get(s as usize).map_or("", |x| x.id.as_str())
    }

    /// The plan as the public type: every text copied out of the model.
    fn to_plan(&self) -> RenewalPlan {
        let format = |ms: i64| time::format_instant(ms, self.offset_s);
        let texts = |list: &[&str]| list.iter().map(|&t| own(t)).collect::<Vec<String>>();
        let mut accept_ids = self.accept_ids.iter();
        let (mut bookings, mut accept) = (Vec::new(), Vec::new());
        for b in &self.bookings {
            let (x, employee) = (b.session, b.employee);
            let (start, end) = (x.start.to_rfc3339(), x.end.to_rfc3339());
            for &(code, _) in &b.met {
                let record = AcceptTraining {
                    id: accept_ids.next().cloned().unwrap_or_default(),
                    employee_id: own(&employee.id),
                    code: own(code),
                    start: own(&start),
                    end: own(&end),
                    status: "scheduled",
                    session_id: own(&x.id),
                };
                accept.push(AcceptOp { op: "put", collection: "trainings", record });
            }
            bookings.push(PlanBooking {
                employee_id: own(&employee.id),
                employee_name: employee.name.clone(),
                session_id: own(&x.id),
                start,
                end,
                session_location_id: x.location_id.clone(),
                codes: b.met.iter().map(|&(code, _)| own(code)).collect(),
                credential_ids: b.met.iter().map(|&(_, id)| own(id)).collect(),
                deadline: format(b.deadline),
                slack_days: (b.deadline - x.end.ms).div_euclid(DAY_MS),
                in_grace: b.in_grace,
                cost: x.cost,
            });
        }
        let unmet = self
            .unmet
            .iter()
            .map(|u| Unmet {
                employee_id: own(&u.employee.id),
                employee_name: u.employee.name.clone(),
                code: own(u.code),
                credential_id: own(u.credential_id),
                deadline: format(u.deadline),
                reason: u.reason,
                session_ids: u.sessions.iter().map(|&s| own(self.session_id(s))).collect(),
                shift_ids: texts(&u.shifts),
            })
            .collect();
        let sessions = self.sessions.iter().map(|&(x, taken, booked)| SessionLoad { session_id: own(&x.id), seats: x.seats, taken, booked }).collect();
        let sums = |list: &[(&str, f64)]| Sums(list.iter().map(|&(k, v)| (own(k), v)).collect());
        let cost = PlanCost { total: self.total, by_location: sums(&self.by_location), by_team: sums(&self.by_team) };
        RenewalPlan { as_of: own(self.as_of_text), horizon_days: self.horizon, use_grace: self.use_grace, bookings, unmet, sessions, cost, accept }
    }
}

/// The indexes `lo..hi` that `keep` keeps: one copy of the loop for the plan's lists of
/// indexes (a `filter` and `collect` instantiated per closure before). Pushed one by one: a
/// `collect` of the `filter` wrote its first turn out apart, a second call of `keep`.
#[inline(never)]
fn indexes(lo: usize, hi: usize, keep: &dyn crate::call::Call<usize, bool>) -> Vec<usize> {
    let mut kept = Vec::new();
    for i in lo..hi {
        if keep.call(i) {
            kept.push(i);
        }
    }
    kept
}

/// Whether session `s` (`x`, as the caller's loop over the sessions has it) is open: not
/// removed and not cancelled. Out of line: written out in [`considered`] and in the plan's
/// list of sessions, it was larger than its calls.
#[inline(never)]
fn open(m: &Model, s: usize, x: &Session) -> bool {
    m.session_live(s as u32) && !x.cancelled
}

/// The sessions considered for `need` (SPEC §7.1): open, renewing its code, starting at or
/// after `as_of` and ending by its deadline; in document order. With `free`, only those its
/// employee is free for ([`free_for`]): the sessions the matching may book it in.
fn considered(m: &Model, as_of: Instant, need: &Need, free: bool) -> Vec<u32> {
    let mut list = Vec::new();
    for (s, x) in m.sessions.iter().enumerate() {
        if open(m, s, x) && crate::model::listed(&x.renews, need.code) && x.start.ms >= as_of.ms && x.end.ms <= need.deadline && (!free || free_for(m, need.emp, x)) {
            list.push(s as u32);
        }
    }
    list
}

/// Whether session `x` overlaps none of `emp`'s assigned shifts and scheduled trainings.
fn free_for(m: &Model, emp: EmpIdx, x: &Session) -> bool {
    m.shifts_of(emp).iter().all(|sh| !clashes(x, sh.start, sh.end())) && m.trainings_of(emp).iter().all(|t| !clashes(x, t.start, t.end))
}

/// Whether session `x` overlaps `[a, b)`: the one test for [`free_for`]'s shifts and trainings
/// and for the shifts a `conflicts` need lists (the session given, where each test read it
/// again by its index).
fn clashes(x: &Session, a: i64, b: i64) -> bool {
    overlaps(x.start.ms, x.end.ms, a, b)
}

mod exchange;
// The façade's writer (src/wasm/), and natively only the tape's tests'; its helpers also
// write the gap report and the other results (`crate::written`, which the drafted verdicts'
// writers call, so it is compiled natively too).
#[allow(dead_code)]
pub(crate) mod write;

#[cfg(test)]
mod tests;
