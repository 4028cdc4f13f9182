//! A deliberately simple reference implementation of SPEC §3 (verdicts), for the property tests.
//!
//! It reads the two documents as plain `serde_json::Value`s and answers every question by looping
//! over all credentials, waivers, trainings and shifts: no indexes, no interning, no early exits.
//! It is written from the SPEC text (§2.1 time rules, §3 and §3.1), and where the SPEC leaves a
//! choice open it takes the choice written down in `src/verdict/mod.rs`'s module doc:
//!
//! - records for code C: the employee's records whose own (known) type is C or lists C in
//!   `satisfies`; waivers only for their own `code`;
//! - one record: a `pending`/`suspended`/`revoked` record reads `expired` when its window ends at
//!   or before the shift's start, `notYetValid` when it starts at or after the shift's end, else
//!   its status; an active record is judged on time (`notYetValid` when `validFrom > start`;
//!   grace when `until < end <= until + graceDays x 24 h`; `expired` when `until <= start`;
//!   `expiresDuringShift` when it ends inside), then jurisdiction, then supervision;
//!   then currency (SPEC §8: the holder's events of the own type's rule's kind with `at` in
//!   `[start − D days, start)`, summing `count`, or `hours` in whole micro-hours, decision 90);
//! - best outcome: met < expiring < grace < waived < notCurrent < unsupervised < wrongJurisdiction <
//!   expiresDuringShift < notYetValid < pending < suspended < revoked < expired < missing; among
//!   equals the latest `validUntil` (never-expiring first), then document order;
//! - `expiringSoon`: calendar days from the local date of the shift's end to the record's last
//!   valid local date (both in the end's offset) `<=` the smallest `alertDays`;
//! - groups: `all` reports every member, `any` reports only its first best member when that one
//!   counts (met, expiring, grace, waived) and every member otherwise; a code is reported once;
//! - then `notInRole`, each `overlap` (by start), each scheduled `inTraining` (by start), and
//!   `restTooShort` for the previous shift (latest end <= start) and the next (earliest start >=
//!   end); a gap equal to the minimum passes;
//! - then one `overLimit` per limit of `rules.limits` gone over (SPEC §8.1), in their order: the
//!   employee covered at the start (everyone, a listed role, or an active record of that very
//!   code), the assigned shifts plus the judged one summed by brute force over the window
//!   (calendar windows local to the start's offset; rolling spans from each counted start, the
//!   earliest on ties, checked to reach the largest total of every span), nights found day by
//!   day.
//! - `rules.severities` (SPEC §8): a reason of a kind set to "warn" has severity warn; a
//!   softened `notCurrent` counts as met (with the record as evidence) for `any` groups and
//!   crews; a softened `crewShortfall` makes `validate` warn instead of block.
//!
//! Where two neighbouring shifts tie for "previous" or "next", the SPEC does not say which one a
//! `restTooShort` reason names; the reference keeps every tied shift id and accepts any of them.

#![allow(dead_code)]

use serde_json::Value;

pub const DAY: i64 = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Time, from SPEC §2.1.

/// An instant: milliseconds since 1970-01-01T00:00Z, and the offset (seconds east) it was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct At {
    pub ms: i64,
    pub off: i64,
}

pub fn leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (years from 1970 on: all the tests need).
pub fn days(y: i64, m: i64, d: i64) -> i64 {
    assert!(y >= 1970);
    let mut n = 0;
    for yy in 1970..y {
        n += if leap(yy) { 366 } else { 365 };
    }
    for mm in 1..m {
        n += days_in_month(y, mm);
    }
    n + d - 1
}

/// The (year, month, day) of a day number.
pub fn civil(mut day: i64) -> (i64, i64, i64) {
    let mut y = 1970;
    loop {
        let len = if leap(y) { 366 } else { 365 };
        if day < len {
            break;
        }
        day -= len;
        y += 1;
    }
    let mut m = 1;
    while day >= days_in_month(y, m) {
        day -= days_in_month(y, m);
        m += 1;
    }
    (y, m, day + 1)
}

fn num(s: &str, a: usize, b: usize) -> i64 {
    s[a..b].parse().unwrap_or_else(|_| panic!("reference: cannot read {s:?}"))
}

/// `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`.
pub fn instant(s: &str) -> At {
    let day = days(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10));
    let (hh, mm) = (num(s, 11, 13), num(s, 14, 16));
    let mut i = 16;
    let (mut ss, mut frac) = (0, 0);
    if s[i..].starts_with(':') {
        ss = num(s, 17, 19);
        i = 19;
        if s[i..].starts_with('.') {
            let digits: String = s[i + 1..].chars().take_while(|c| c.is_ascii_digit()).collect();
            let padded = format!("{digits:0<3}");
            frac = padded[..3].parse().unwrap();
            i += 1 + digits.len();
        }
    }
    let rest = &s[i..];
    let off = if rest == "Z" {
        0
    } else {
        let sign = if rest.starts_with('-') { -1 } else { 1 };
        sign * (num(rest, 1, 3) * 3600 + num(rest, 4, 6) * 60)
    };
    let local = day * DAY + hh * 3_600_000 + mm * 60_000 + ss * 1000 + frac;
    At { ms: local - off * 1000, off }
}

/// The local calendar day of `ms` in offset `off`.
pub fn local_day(ms: i64, off: i64) -> i64 {
    (ms + off * 1000).div_euclid(DAY)
}

/// Formats an instant as the documents write it: seconds always, `Z` for UTC.
pub fn format(ms: i64, off: i64) -> String {
    let local = ms + off * 1000;
    let (y, m, d) = civil(local.div_euclid(DAY));
    let t = local.rem_euclid(DAY);
    let mut out = format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}", t / 3_600_000, t / 60_000 % 60, t / 1000 % 60);
    if off == 0 {
        out.push('Z');
    } else {
        let a = off.abs();
        out.push_str(&format!("{}{:02}:{:02}", if off < 0 { '-' } else { '+' }, a / 3600, a / 60 % 60));
    }
    out
}

pub fn format_date(day: i64) -> String {
    let (y, m, d) = civil(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A `validFrom` (`until == false`) or `validUntil` bound read in offset `off`: a month ends at
/// 00:00 of the next month's first day, a date `validUntil` at 00:00 of the next day, a date
/// `validFrom` starts at 00:00 of that day; an instant is what it says.
pub fn bound(s: &str, until: bool, off: i64) -> i64 {
    let midnight = |day: i64| day * DAY - off * 1000;
    match s.len() {
        7 => {
            assert!(until, "a month validFrom");
            let (y, m) = (num(s, 0, 4), num(s, 5, 7));
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            midnight(days(ny, nm, 1))
        }
        10 => midnight(days(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10)) + i64::from(until)),
        _ => instant(s).ms,
    }
}

// ---------------------------------------------------------------------------------------------
// Verdicts.

/// What is being judged: an existing shift, or a placement.
#[derive(Clone, Debug)]
pub struct Slot {
    pub start: At,
    pub end: At,
    pub location: Option<String>,
    pub role: Option<String>,
    pub queues: Vec<String>,
    pub requires: Option<Value>,
    /// The shift's `assigned` list (the employee judged may or may not be on it).
    pub coworkers: Vec<String>,
    /// The shift itself: never an overlap or a neighbour of itself.
    pub ignore: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Met(String),
    Expiring(String, i64),
    Grace(String, i64),
    Waived(String),
    /// kind, credential id, days left (for `expired`).
    NotMet(&'static str, String, Option<i64>),
    Missing,
}

pub const FAILS: [&str; 9] = ["notCurrent", "unsupervised", "wrongJurisdiction", "expiresDuringShift", "notYetValid", "pending", "suspended", "revoked", "expired"];

impl Outcome {
    pub fn rank(&self) -> u8 {
        match self {
            Outcome::Met(_) => 0,
            Outcome::Expiring(..) => 1,
            Outcome::Grace(..) => 2,
            Outcome::Waived(_) => 3,
            Outcome::NotMet(kind, ..) => 4 + FAILS.iter().position(|k| k == kind).unwrap() as u8,
            Outcome::Missing => 13,
        }
    }
}

/// A reason, with the fields the properties compare.
#[derive(Clone, Debug, PartialEq)]
pub struct RReason {
    pub kind: &'static str,
    pub severity: &'static str,
    pub code: Option<String>,
    pub credential_id: Option<String>,
    pub waiver_id: Option<String>,
    /// `overlap`: the one shift; `restTooShort`: every shift tied for previous / next.
    pub shift_ids: Vec<String>,
    pub training_id: Option<String>,
    pub role_id: Option<String>,
    pub days_left: Option<i64>,
    /// The summary closing a capped `overlap` or `inTraining` list: how many were left out.
    pub more: Option<usize>,
    /// `overLimit`: the limit's id, `used` (hours, or a count), the window (ms), the shifts
    /// counted.
    pub limit: Option<(String, f64, i64, i64, Vec<String>)>,
}

/// At most this many `overlap` and this many `inTraining` reasons per verdict, then a summary.
pub const CAP: usize = 20;

/// The first `CAP` of `list`, then, when some were left out, a reason of `kind` counting them.
fn capped(kind: &'static str, list: Vec<RReason>) -> Vec<RReason> {
    let n = list.len();
    let mut out: Vec<RReason> = list.into_iter().take(CAP).collect();
    if n > CAP {
        let mut r = RReason::new(kind);
        r.more = Some(n - CAP);
        out.push(r);
    }
    out
}

impl RReason {
    fn new(kind: &'static str) -> RReason {
        let severity = match kind {
            "expiringSoon" => "info",
            "inGrace" | "waived" => "warn",
            _ => "block",
        };
        RReason { kind, severity, code: None, credential_id: None, waiver_id: None, shift_ids: vec![], training_id: None, role_id: None, days_left: None, more: None, limit: None }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct REvidence {
    pub code: String,
    pub credential_id: Option<String>,
    pub waiver_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RVerdict {
    pub employee_id: String,
    pub status: &'static str,
    pub reasons: Vec<RReason>,
    pub evidence: Vec<REvidence>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RCrew {
    pub shift_id: String,
    pub min: u64,
    pub count: u64,
}

#[derive(Clone, Debug)]
pub struct RValidation {
    pub status: &'static str,
    /// (shift id, verdict) of every assignment that is not ok, in roster order.
    pub verdicts: Vec<(String, RVerdict)>,
    pub findings: Vec<RCrew>,
}

fn list<'a>(doc: &'a Value, key: &str) -> &'a [Value] {
    doc.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// A string field; `null` and absent are both `None`.
fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn strings(v: &Value, key: &str) -> Option<Vec<String>> {
    v.get(key).and_then(Value::as_array).map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
}

fn status_of(reasons: &[RReason]) -> &'static str {
    if reasons.iter().any(|r| r.severity == "block") {
        "block"
    } else if reasons.iter().any(|r| r.severity == "warn") {
        "warn"
    } else {
        "ok"
    }
}

pub struct Reference {
    pub roster: Value,
    pub creds: Value,
}

impl Reference {
    pub fn new(roster: Value, creds: Value) -> Reference {
        Reference { roster, creds }
    }

    fn by_id<'a>(&'a self, doc: &'a Value, key: &str, id: &str) -> Option<&'a Value> {
        list(doc, key).iter().find(|v| text(v, "id") == Some(id))
    }

    fn ctype(&self, code: &str) -> Option<&Value> {
        list(&self.creds, "credentialTypes").iter().find(|t| text(t, "code") == Some(code))
    }

    fn grace_days(&self, code: &str) -> i64 {
        self.ctype(code).and_then(|t| t.get("graceDays")).and_then(Value::as_f64).map_or(0, |g| g as i64)
    }

    fn min_alert(&self, code: &str) -> Option<i64> {
        match self.ctype(code).and_then(|t| t.get("alertDays")).and_then(Value::as_array) {
            Some(a) => a.iter().filter_map(Value::as_f64).map(|d| d as i64).min(),
            None => Some(30), // default [90, 60, 30]
        }
    }

    fn jurisdictional(&self, code: &str) -> bool {
        self.ctype(code).and_then(|t| t.get("jurisdictional")).and_then(Value::as_bool).unwrap_or(false)
    }

    /// Whether a record of type `own` meets code `code` (its own type, or listed in `satisfies`).
    fn meets(&self, own: &str, code: &str) -> bool {
        let Some(t) = self.ctype(own) else { return false };
        own == code || strings(t, "satisfies").unwrap_or_default().iter().any(|c| c == code)
    }

    fn slot_jurisdiction(&self, slot: &Slot) -> Option<String> {
        let loc = self.by_id(&self.roster, "locations", slot.location.as_deref()?)?;
        text(loc, "jurisdiction").map(str::to_string)
    }

    /// Whether a record's `validIn` covers the slot's jurisdiction (group codes one level deep).
    fn covers(&self, rec: &Value, slot: &Slot) -> bool {
        let Some(j) = self.slot_jurisdiction(slot) else { return false };
        let Some(valid_in) = strings(rec, "validIn") else { return false };
        valid_in.iter().any(|code| {
            *code == j
                || list(&self.creds, "jurisdictionGroups")
                    .iter()
                    .any(|g| text(g, "code") == Some(code.as_str()) && strings(g, "members").unwrap_or_default().contains(&j))
        })
    }

    fn valid_from(&self, rec: &Value, slot: &Slot) -> i64 {
        text(rec, "validFrom").map_or(i64::MIN, |s| bound(s, false, slot.start.off))
    }

    fn valid_until(&self, rec: &Value, slot: &Slot) -> i64 {
        text(rec, "validUntil").map_or(i64::MAX, |s| bound(s, true, slot.end.off))
    }

    fn days_left(until: i64, end: At) -> i64 {
        local_day(until - 1, end.off) - local_day(end.ms, end.off)
    }

    fn supervised(rec: &Value) -> bool {
        strings(rec, "restrictions").unwrap_or_default().iter().any(|r| r == "supervised")
    }

    fn has_supervisor(&self, emp: &str, own: &str, slot: &Slot) -> bool {
        slot.coworkers.iter().filter(|o| o.as_str() != emp).any(|o| {
            list(&self.creds, "credentials").iter().any(|rec| {
                let Some(rc) = text(rec, "code") else { return false };
                text(rec, "employeeId") == Some(o.as_str())
                    && self.meets(rc, own)
                    && text(rec, "status").unwrap_or("active") == "active"
                    && !Self::supervised(rec)
                    && self.valid_from(rec, slot) <= slot.start.ms
                    && self.valid_until(rec, slot) >= slot.end.ms
                    && (!self.jurisdictional(rc) || self.covers(rec, slot))
                    && self.current(o, rc, slot.start.ms)
            })
        })
    }

    /// Whether `emp` is current on type `own`'s currency rule at `start` (true without one).
    fn current(&self, emp: &str, own: &str, start: i64) -> bool {
        let Some(rule) = self.ctype(own).and_then(|t| t.get("currency")) else { return true };
        let kind = rule["event"].as_str().unwrap();
        let from = start - rule["withinDays"].as_i64().unwrap() * DAY;
        let events = list(&self.creds, "events").iter().filter(|v| text(v, "employeeId") == Some(emp) && text(v, "kind") == Some(kind)).filter(|v| {
            let at = instant(text(v, "at").unwrap()).ms;
            from <= at && at < start
        });
        match rule.get("minHours").and_then(Value::as_f64) {
            Some(h) => events.map(|v| (v.get("hours").and_then(Value::as_f64).unwrap_or(0.0) * 1e6).round() as i64).sum::<i64>() >= (h * 1e6).round() as i64,
            None => events.map(|v| v.get("count").and_then(Value::as_i64).unwrap_or(1)).sum::<i64>() >= rule["min"].as_i64().unwrap(),
        }
    }

    /// One record against the slot.
    fn judge(&self, emp: &str, rec: &Value, slot: &Slot) -> Outcome {
        let id = text(rec, "id").unwrap().to_string();
        let own = text(rec, "code").unwrap();
        let from = self.valid_from(rec, slot);
        let until = self.valid_until(rec, slot);
        let (start, end) = (slot.start.ms, slot.end.ms);
        let status = text(rec, "status").unwrap_or("active");
        if status != "active" {
            let kind = if until <= start {
                "expired"
            } else if from >= end {
                "notYetValid"
            } else {
                match status {
                    "pending" => "pending",
                    "suspended" => "suspended",
                    _ => "revoked",
                }
            };
            let left = (kind == "expired").then(|| Self::days_left(until, slot.end));
            return Outcome::NotMet(kind, id, left);
        }
        if from > start {
            return Outcome::NotMet("notYetValid", id, None);
        }
        let grace = self.grace_days(own);
        let in_grace = if until >= end {
            false
        } else if until < end && end <= until.saturating_add(grace * DAY) {
            true
        } else if until <= start {
            return Outcome::NotMet("expired", id, Some(Self::days_left(until, slot.end)));
        } else {
            return Outcome::NotMet("expiresDuringShift", id, None);
        };
        if self.jurisdictional(own) && !self.covers(rec, slot) {
            return Outcome::NotMet("wrongJurisdiction", id, None);
        }
        if Self::supervised(rec) && !self.has_supervisor(emp, own, slot) {
            return Outcome::NotMet("unsupervised", id, None);
        }
        if !self.current(emp, own, slot.start.ms) {
            return Outcome::NotMet("notCurrent", id, None);
        }
        if in_grace {
            return Outcome::Grace(id, Self::days_left(until, slot.end));
        }
        if let (Some(alert), Some(_)) = (self.min_alert(own), text(rec, "validUntil")) {
            let left = Self::days_left(until, slot.end);
            if left <= alert {
                return Outcome::Expiring(id, left);
            }
        }
        Outcome::Met(id)
    }

    fn waiver_covers(&self, w: &Value, slot: &Slot) -> bool {
        let from = bound(text(w, "validFrom").unwrap(), false, slot.start.off);
        let until = bound(text(w, "validUntil").unwrap(), true, slot.end.off);
        let place = match strings(w, "locationIds") {
            None => true,
            Some(ids) => slot.location.as_ref().is_some_and(|l| ids.contains(l)),
        };
        from <= slot.start.ms && slot.end.ms <= until && place
    }

    /// The best outcome for code C.
    pub fn eval_code(&self, emp: &str, code: &str, slot: &Slot) -> Outcome {
        // (rank, -until, document index) is smallest for the winner.
        let mut best: Option<((u8, i64, usize), Outcome)> = None;
        for (i, rec) in list(&self.creds, "credentials").iter().enumerate() {
            let Some(own) = text(rec, "code") else { continue };
            if text(rec, "employeeId") != Some(emp) || !self.meets(own, code) {
                continue;
            }
            let o = self.judge(emp, rec, slot);
            let until = self.valid_until(rec, slot);
            let key = (o.rank(), until.saturating_neg(), i);
            if best.as_ref().is_none_or(|(k, _)| key < *k) {
                best = Some((key, o));
            }
        }
        let best = best.map(|(_, o)| o).unwrap_or(Outcome::Missing);
        if best.rank() <= 2 {
            return best;
        }
        let mut waiver: Option<((i64, usize), String)> = None;
        for (i, w) in list(&self.creds, "waivers").iter().enumerate() {
            if text(w, "employeeId") != Some(emp) || text(w, "code") != Some(code) || !self.waiver_covers(w, slot) {
                continue;
            }
            let key = (-bound(text(w, "validUntil").unwrap(), true, slot.end.off), i);
            if waiver.as_ref().is_none_or(|(k, _)| key < *k) {
                waiver = Some((key, text(w, "id").unwrap().to_string()));
            }
        }
        match waiver {
            Some((_, id)) => Outcome::Waived(id),
            None => best,
        }
    }

    /// The rank of a requirement tree on its own.
    pub fn rank(&self, emp: &str, req: &Value, slot: &Slot) -> u8 {
        match req {
            Value::Null => 0,
            Value::String(c) => self.eval_code(emp, c, slot).rank(),
            Value::Object(o) => {
                if let Some(items) = o.get("all").and_then(Value::as_array) {
                    items.iter().map(|r| self.rank(emp, r, slot)).max().unwrap_or(0)
                } else {
                    let items = o.get("any").and_then(Value::as_array).unwrap();
                    items.iter().map(|r| self.rank(emp, r, slot)).min().unwrap_or(13)
                }
            }
            other => panic!("reference: not a requirement: {other}"),
        }
    }

    fn report(&self, emp: &str, req: &Value, slot: &Slot, seen: &mut Vec<String>, v: &mut RVerdict) {
        match req {
            Value::Null => {}
            Value::String(code) => {
                if seen.contains(code) {
                    return;
                }
                seen.push(code.clone());
                let evidence = |cred: Option<&String>, waiver: Option<&String>| REvidence { code: code.clone(), credential_id: cred.cloned(), waiver_id: waiver.cloned() };
                let mut reason = |kind: &'static str, cred: Option<&String>, waiver: Option<&String>, days: Option<i64>| {
                    let mut r = RReason::new(kind);
                    r.code = Some(code.clone());
                    r.credential_id = cred.cloned();
                    r.waiver_id = waiver.cloned();
                    r.days_left = days;
                    v.reasons.push(r);
                };
                match self.eval_code(emp, code, slot) {
                    Outcome::Met(id) => v.evidence.push(evidence(Some(&id), None)),
                    Outcome::Expiring(id, d) => {
                        reason("expiringSoon", Some(&id), None, Some(d));
                        v.evidence.push(evidence(Some(&id), None));
                    }
                    Outcome::Grace(id, d) => {
                        reason("inGrace", Some(&id), None, Some(d));
                        v.evidence.push(evidence(Some(&id), None));
                    }
                    Outcome::Waived(id) => {
                        reason("waived", None, Some(&id), None);
                        v.evidence.push(evidence(None, Some(&id)));
                    }
                    Outcome::NotMet(kind, id, d) => {
                        reason(kind, Some(&id), None, d);
                        // Softened, a not-current record counts as met: it is the evidence.
                        if kind == "notCurrent" && self.softened("notCurrent") {
                            v.evidence.push(evidence(Some(&id), None));
                        }
                    }
                    Outcome::Missing => reason("missing", None, None, None),
                }
            }
            Value::Object(o) => {
                if let Some(items) = o.get("all").and_then(Value::as_array) {
                    for r in items {
                        self.report(emp, r, slot, seen, v);
                    }
                } else {
                    let items = o.get("any").and_then(Value::as_array).unwrap();
                    let ranks: Vec<u8> = items.iter().map(|r| self.rank(emp, r, slot)).collect();
                    let best = ranks.iter().copied().min().unwrap_or(13);
                    if self.counts(best) {
                        let i = ranks.iter().position(|&r| r == best).unwrap();
                        self.report(emp, &items[i], slot, seen, v);
                    } else {
                        for r in items {
                            self.report(emp, r, slot, seen, v);
                        }
                    }
                }
            }
            other => panic!("reference: not a requirement: {other}"),
        }
    }

    fn shift(&self, id: &str) -> &Value {
        self.by_id(&self.roster, "shifts", id).unwrap_or_else(|| panic!("reference: no shift {id}"))
    }

    fn assigned(shift: &Value) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for e in strings(shift, "assigned").unwrap_or_default() {
            if !out.contains(&e) {
                out.push(e);
            }
        }
        out
    }

    pub fn slot_of(&self, shift_id: &str) -> Slot {
        let s = self.shift(shift_id);
        Slot {
            start: instant(text(s, "start").unwrap()),
            end: instant(text(s, "end").unwrap()),
            location: text(s, "locationId").map(str::to_string),
            role: text(s, "roleId").map(str::to_string),
            queues: strings(s, "queueIds").unwrap_or_default(),
            requires: s.get("requires").cloned(),
            coworkers: Self::assigned(s),
            ignore: Some(shift_id.to_string()),
        }
    }

    /// The employee's assigned shifts other than the slot's own: (start, end, document index, id).
    fn others(&self, emp: &str, slot: &Slot) -> Vec<(At, At, usize, String)> {
        let mut out = Vec::new();
        for (i, s) in list(&self.roster, "shifts").iter().enumerate() {
            let id = text(s, "id").unwrap();
            if slot.ignore.as_deref() == Some(id) || !Self::assigned(s).iter().any(|e| e == emp) {
                continue;
            }
            out.push((instant(text(s, "start").unwrap()), instant(text(s, "end").unwrap()), i, id.to_string()));
        }
        out.sort_by_key(|(s, _, i, _)| (s.ms, *i));
        out
    }

    /// Whether the roster's `rules.severities` sets `kind` to "warn" (SPEC §8).
    pub fn softened(&self, kind: &str) -> bool {
        self.roster.get("rules").and_then(|r| r.get("severities")).and_then(|s| s.get(kind)).and_then(Value::as_str) == Some("warn")
    }

    /// Whether an outcome of this rank meets its code: met, expiring, grace, waived, or
    /// `notCurrent` (rank 4) when softened (SPEC §8.1).
    pub fn counts(&self, rank: u8) -> bool {
        rank <= 3 || (rank == 4 && self.softened("notCurrent"))
    }

    pub fn verdict(&self, emp: &str, slot: &Slot) -> RVerdict {
        let mut v = RVerdict { employee_id: emp.to_string(), status: "ok", reasons: vec![], evidence: vec![] };
        let mut seen = Vec::new();
        // The all of: role's, location's, each queue's, the shift's own.
        let mut parts: Vec<Value> = Vec::new();
        if let Some(r) = slot.role.as_deref().and_then(|r| self.by_id(&self.roster, "roles", r)) {
            parts.extend(r.get("requires").cloned());
        }
        if let Some(l) = slot.location.as_deref().and_then(|l| self.by_id(&self.roster, "locations", l)) {
            parts.extend(l.get("requires").cloned());
        }
        for q in &slot.queues {
            if let Some(q) = self.by_id(&self.roster, "queues", q) {
                parts.extend(q.get("requires").cloned());
            }
        }
        parts.extend(slot.requires.clone());
        for p in &parts {
            self.report(emp, p, slot, &mut seen, &mut v);
        }
        // Role.
        let employee = self.by_id(&self.roster, "employees", emp).unwrap();
        if let (Some(role), Some(roles)) = (&slot.role, strings(employee, "roleIds")) {
            if !roles.contains(role) {
                let mut r = RReason::new("notInRole");
                r.role_id = Some(role.clone());
                v.reasons.push(r);
            }
        }
        let others = self.others(emp, slot);
        // Overlap.
        let overlap = text(&self.roster.get("rules").cloned().unwrap_or(Value::Null), "overlap").unwrap_or("block").to_string();
        if overlap != "allow" {
            let mut overlaps = Vec::new();
            for (s, e, _, id) in &others {
                if s.ms < slot.end.ms && e.ms > slot.start.ms {
                    let mut r = RReason::new("overlap");
                    r.shift_ids = vec![id.clone()];
                    overlaps.push(r);
                }
            }
            v.reasons.extend(capped("overlap", overlaps));
        }
        // Training: scheduled sessions only.
        let mut trainings: Vec<(i64, usize, String)> = Vec::new();
        for (i, t) in list(&self.creds, "trainings").iter().enumerate() {
            if text(t, "employeeId") != Some(emp) || text(t, "status").unwrap_or("scheduled") != "scheduled" {
                continue;
            }
            let (s, e) = (instant(text(t, "start").unwrap()), instant(text(t, "end").unwrap()));
            if s.ms < slot.end.ms && e.ms > slot.start.ms {
                trainings.push((s.ms, i, text(t, "id").unwrap().to_string()));
            }
        }
        trainings.sort();
        let trainings = trainings
            .into_iter()
            .map(|(_, _, id)| {
                let mut r = RReason::new("inTraining");
                r.training_id = Some(id);
                r
            })
            .collect();
        v.reasons.extend(capped("inTraining", trainings));
        // Rest.
        if let Some(h) = self.roster.get("rules").and_then(|r| r.get("minRestHours")).and_then(Value::as_f64) {
            let min = (h * 3_600_000.0).round() as i64;
            let prev_end = others.iter().filter(|(_, e, _, _)| e.ms <= slot.start.ms).map(|(_, e, _, _)| e.ms).max();
            if let Some(pe) = prev_end {
                if slot.start.ms - pe < min {
                    let mut r = RReason::new("restTooShort");
                    r.shift_ids = others.iter().filter(|(_, e, _, _)| e.ms == pe).map(|x| x.3.clone()).collect();
                    v.reasons.push(r);
                }
            }
            let next_start = others.iter().filter(|(s, _, _, _)| s.ms >= slot.end.ms).map(|(s, _, _, _)| s.ms).min();
            if let Some(ns) = next_start {
                if ns - slot.end.ms < min {
                    let mut r = RReason::new("restTooShort");
                    r.shift_ids = others.iter().filter(|(s, _, _, _)| s.ms == ns).map(|x| x.3.clone()).collect();
                    v.reasons.push(r);
                }
            }
        }
        // Working limits (SPEC §8), in rules.limits order.
        let limits = self.roster.get("rules").map_or(&[][..], |r| list(r, "limits"));
        for limit in limits {
            if let Some(r) = self.over_limit(emp, slot, &others, limit) {
                v.reasons.push(r);
            }
        }
        for r in &mut v.reasons {
            if self.softened(r.kind) {
                r.severity = "warn";
            }
        }
        v.status = status_of(&v.reasons);
        v
    }

    /// Whether `limit` (SPEC §8.1) covers `emp` at the slot's start: everyone, a role in
    /// `roleIds`, or an active record of that very code valid at the start (date bounds in the
    /// start's offset).
    fn limit_covers(&self, emp: &str, limit: &Value, slot: &Slot) -> bool {
        let Some(applies) = limit.get("appliesTo").filter(|a| !a.is_null()) else { return true };
        if let Some(role) = text(applies, "roleId") {
            let employee = self.by_id(&self.roster, "employees", emp).unwrap();
            return strings(employee, "roleIds").is_some_and(|roles| roles.iter().any(|r| r == role));
        }
        let code = text(applies, "code").unwrap();
        let off = slot.start.off;
        list(&self.creds, "credentials").iter().any(|c| {
            text(c, "employeeId") == Some(emp)
                && text(c, "code") == Some(code)
                && text(c, "status").unwrap_or("active") == "active"
                && text(c, "validFrom").is_none_or(|f| bound(f, false, off) <= slot.start.ms)
                && text(c, "validUntil").is_none_or(|u| slot.start.ms < bound(u, true, off))
        })
    }

    /// What `[start, end)` adds to a limit's measure: ms for hours, 1 a shift, 1 a night (a
    /// 03:00 local to the start's offset inside it; searched day by day).
    fn limit_amount(measure: &str, start: At, end: At) -> i64 {
        match measure {
            "hours" => end.ms - start.ms,
            "shifts" => 1,
            _ => {
                let off = start.off * 1000;
                let first = local_day(start.ms, start.off) - 1;
                let night = (first..first + 10).any(|d| {
                    let three = d * DAY + 3 * 3_600_000 - off;
                    start.ms <= three && three < end.ms
                });
                i64::from(night)
            }
        }
    }

    /// `overLimit` of `limit` for `emp` on `slot`, or none (SPEC §8.1).
    fn over_limit(&self, emp: &str, slot: &Slot, others: &[(At, At, usize, String)], limit: &Value) -> Option<RReason> {
        let measure = text(limit, "measure").unwrap();
        let own = Self::limit_amount(measure, slot.start, slot.end);
        if own == 0 || !self.limit_covers(emp, limit, slot) {
            return None;
        }
        // Every shift that counts: the others and the judged one, by start then document order.
        let mut items: Vec<(i64, usize, String, i64)> = others.iter().map(|(s, e, i, id)| (s.ms, *i, id.clone(), Self::limit_amount(measure, *s, *e))).collect();
        let judged = slot.ignore.clone().unwrap_or_default();
        let index = list(&self.roster, "shifts").iter().position(|s| text(s, "id") == Some(judged.as_str())).unwrap_or(usize::MAX);
        items.push((slot.start.ms, index, judged, own));
        items.sort_by_key(|x| (x.0, x.1));
        let total = |lo: i64, hi: i64| items.iter().filter(|x| lo <= x.0 && x.0 < hi).map(|x| x.3).sum::<i64>();
        let window = limit.get("window").unwrap();
        let (used, lo, hi) = if let Some(h) = window.get("rollingHours").and_then(Value::as_f64) {
            let h = (h * 3_600_000.0).round() as i64;
            let s = slot.start.ms;
            let inside = |t: i64| s - h < t && t <= s;
            // Decision 99: the spans from a counted shift's start (or the judged start),
            // the earliest on ties.
            let mut best: Option<(i64, i64)> = None;
            for t in items.iter().filter(|x| x.3 > 0).map(|x| x.0).chain([s]).filter(|&t| inside(t)) {
                let sum = total(t, t + h);
                if best.is_none_or(|(b, bt)| sum > b || (sum == b && t < bt)) {
                    best = Some((sum, t));
                }
            }
            // Those reach the largest total of all the spans: every place where a span's
            // total can change (a start leaving, a start entering) checked.
            let all = items.iter().flat_map(|x| [x.0, x.0 - h + 1]).chain([s, s - h + 1]).filter(|&t| inside(t)).map(|t| total(t, t + h)).max();
            let (sum, t) = best.unwrap();
            assert_eq!(Some(sum), all, "reference: the candidate spans miss the largest total");
            (sum, t, t + h)
        } else {
            let unit = text(window, "calendar").unwrap();
            let day = local_day(slot.start.ms, slot.start.off);
            let (first, len) = match unit {
                "day" => (day, 1),
                "week" => {
                    let names = ["thursday", "friday", "saturday", "sunday", "monday", "tuesday", "wednesday"];
                    let start = text(window, "weekStart").unwrap_or("monday");
                    let mut d = day;
                    while names[d.rem_euclid(7) as usize] != start {
                        d -= 1;
                    }
                    (d, 7)
                }
                _ => {
                    let (y, m, _) = civil(day);
                    (days(y, m, 1), days_in_month(y, m))
                }
            };
            let off = slot.start.off * 1000;
            let (lo, hi) = (first * DAY - off, (first + len) * DAY - off);
            (total(lo, hi), lo, hi)
        };
        let max = limit.get("max").and_then(Value::as_f64).unwrap();
        let max_units = if measure == "hours" { (max * 3_600_000.0).round() as i64 } else { max as i64 };
        if used <= max_units {
            return None;
        }
        let mut r = RReason::new("overLimit");
        if text(limit, "severity") == Some("warn") {
            r.severity = "warn";
        }
        // A placement of a shift that does not exist (no id) is counted, not listed.
        let counted = items.iter().filter(|x| lo <= x.0 && x.0 < hi && x.3 > 0 && !x.2.is_empty()).map(|x| x.2.clone()).collect();
        let used = if measure == "hours" { used as f64 / 3_600_000.0 } else { used as f64 };
        r.limit = Some((text(limit, "id").unwrap().to_string(), used, lo, hi, counted));
        Some(r)
    }

    /// check(e, s): an assigned employee, or a hypothetical placement of one who is not.
    pub fn check(&self, emp: &str, shift_id: &str) -> RVerdict {
        self.verdict(emp, &self.slot_of(shift_id))
    }

    pub fn shift_ids(&self) -> Vec<String> {
        list(&self.roster, "shifts").iter().map(|s| text(s, "id").unwrap().to_string()).collect()
    }

    pub fn employee_ids(&self) -> Vec<String> {
        list(&self.roster, "employees").iter().map(|s| text(s, "id").unwrap().to_string()).collect()
    }

    /// Every non-ok assignment, and every crew shortfall.
    pub fn validate(&self) -> RValidation {
        let mut verdicts = Vec::new();
        let mut findings = Vec::new();
        for s in list(&self.roster, "shifts") {
            let id = text(s, "id").unwrap();
            let slot = self.slot_of(id);
            let assigned = Self::assigned(s);
            for e in &assigned {
                let v = self.verdict(e, &slot);
                if v.status != "ok" {
                    verdicts.push((id.to_string(), v));
                }
            }
            for crew in list(s, "crew") {
                let min = crew.get("min").and_then(Value::as_f64).map_or(1, |m| m as u64);
                let req = crew.get("requires").unwrap();
                let count = assigned.iter().filter(|e| self.counts(self.rank(e, req, &slot))).count() as u64;
                if count < min {
                    findings.push(RCrew { shift_id: id.to_string(), min, count });
                }
            }
        }
        let mut status = "ok";
        for (_, v) in &verdicts {
            if v.status == "block" || (v.status == "warn" && status == "ok") {
                status = v.status;
            }
        }
        if !findings.is_empty() {
            status = if self.softened("crewShortfall") {
                if status == "ok" { "warn" } else { status }
            } else {
                "block"
            };
        }
        RValidation { status, verdicts, findings }
    }
}
