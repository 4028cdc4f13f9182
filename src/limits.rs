//! Working limits (SPEC §8, §8.1): `rules.limits`, such as a student visa's 20 hours a week or
//! a minor's permit's nights. Owns the compiled [`Limit`] and the one question asked of it:
//! [`over`], whether an assignment (or a placement) takes its employee over a limit, and in
//! which window; [`counted`] lists the shifts of that window.
//!
//! ```
//! use credgate::Engine;
//! let roster = r#"{"employees": [{"id": "e-1"}], "shifts": [
//!   {"id": "mon", "start": "2026-11-30T08:00:00Z", "end": "2026-11-30T20:00:00Z", "assigned": ["e-1"]},
//!   {"id": "tue", "start": "2026-12-01T08:00:00Z", "end": "2026-12-01T20:00:00Z", "assigned": ["e-1"]}],
//!   "rules": {"limits": [{"id": "visa", "measure": "hours", "max": 20, "window": {"calendar": "week"}}]}}"#;
//! let engine = Engine::load(roster, "{}")?.engine;
//! let reason = &engine.check("e-1", "tue")?.reasons[0];
//! assert_eq!(reason.kind.as_str(), "overLimit");
//! assert_eq!((reason.used, reason.max), (Some(24.0), Some(20.0)));
//! assert_eq!(reason.window_start.as_deref(), Some("2026-11-30T00:00:00Z"));
//! assert_eq!(reason.shift_ids.as_deref(), Some(&["mon".to_string(), "tue".to_string()][..]));
//! # Ok::<(), credgate::Error>(())
//! ```
//!
//! # What a limit counts
//!
//! The employee's assigned shifts plus the judged one (once), each wholly in the window that
//! holds its start: hours (the sum of durations), shifts (a count) or nights (shifts whose
//! `[start, end)` holds a 03:00 in the offset of their own start). Hours are summed in whole
//! milliseconds (every instant is), so a sum is exact and `max` is compared as milliseconds.
//! A calendar window (day, week from `weekStart`, month) is local to the offset of the judged
//! shift's start. A rolling window of `H` hours is every span `[t, t + H)` holding the judged
//! start; `used` is the largest total among them. The total only changes where a shift enters
//! or leaves, and the largest is reached by a span starting at a counted shift's start (or the
//! judged start): those are the candidates, scanned in order with two pointers, and the earliest
//! wins a tie (docs/decisions.md). Over means `used > max`.
//!
//! Everything here reads the employee's assignments, sorted by start, with binary searches and
//! allocates nothing: the status-only path asks [`over`] per limit, and a roster without limits
//! never reaches this module.

use crate::model::{Assignment, EmpIdx, Model, RecordStatus, RoleSet, ShiftIdx};
use crate::time::{civil_from_days, days_in_month, Instant, DAY_MS};
use crate::verdict::Slot;

/// Milliseconds in an hour.
pub const HOUR_MS: i64 = 3_600_000;

names! {
    /// What a limit measures (SPEC §8).
    pub enum Measure {
        /// The sum of the shifts' durations.
        Hours = "hours",
        /// How many shifts.
        Shifts = "shifts",
        /// How many shifts hold a 03:00 in their own start's offset.
        Nights = "nights",
    }
}

names! {
    /// A calendar window's unit (SPEC §8).
    pub enum CalendarUnit {
        /// The local day.
        Day = "day",
        /// The local week, from `weekStart`.
        Week = "week",
        /// The local month.
        Month = "month",
    }
}

names! {
    /// A day of the week (`weekStart`), Monday first.
    pub enum Weekday {
        /// Monday (the default `weekStart`).
        Monday = "monday",
        /// Tuesday.
        Tuesday = "tuesday",
        /// Wednesday.
        Wednesday = "wednesday",
        /// Thursday.
        Thursday = "thursday",
        /// Friday.
        Friday = "friday",
        /// Saturday.
        Saturday = "saturday",
        /// Sunday.
        Sunday = "sunday",
    }
}

/// Who a limit covers (SPEC §8.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// Everyone (`appliesTo` absent).
    Everyone,
    /// Holders of an active record of this very code, valid at the judged shift's start.
    Code(u32),
    /// Employees whose `roleIds` list this role.
    Role(u32),
}

/// A limit's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// `rollingHours`, in ms (> 0).
    Rolling(i64),
    /// `calendar`, with `weekStart`.
    Calendar(CalendarUnit, Weekday),
}

/// One element of `rules.limits`, compiled.
#[derive(Debug, Clone, PartialEq)]
pub struct Limit {
    /// `id`, unique in `rules.limits`.
    pub id: String,
    /// `appliesTo`.
    pub applies: Applies,
    /// `measure`.
    pub measure: Measure,
    /// `max` as written (hours, or a whole count).
    pub max: f64,
    /// `max` in the measure's unit: ms for hours, else a count.
    pub max_units: i64,
    /// `window`.
    pub window: Window,
    /// `severity: "warn"` (else `block`).
    pub warn: bool,
}

impl Limit {
    /// How far (in ms, from one shift's start to another's) two shifts can be and still share
    /// a window of this limit: what a batch's re-judging must reach around a changed shift.
    pub fn reach_ms(&self) -> i64 {
        match self.window {
            Window::Rolling(h) => h,
            // A local window plus the widest difference of two offsets (±18 h each).
            Window::Calendar(CalendarUnit::Day, _) => 3 * DAY_MS,
            Window::Calendar(CalendarUnit::Week, _) => 9 * DAY_MS,
            Window::Calendar(CalendarUnit::Month, _) => 33 * DAY_MS,
        }
    }
}

/// How far a batch's re-judging must reach around a changed shift for the model's limits.
pub fn reach_ms(m: &Model) -> i64 {
    m.rules.limits.iter().map(Limit::reach_ms).max().unwrap_or(0)
}

/// A limit gone over: `used` (ms for hours, else a count) in the window `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Over {
    /// What the window holds, in the measure's unit.
    pub used: i64,
    /// The window's start, in ms.
    pub start: i64,
    /// Its end (exclusive).
    pub end: i64,
}

/// Whether `[start_ms, end_ms)` holds a 03:00 local to `offset_s` (ending at 03:00 does not).
pub fn is_night(start_ms: i64, end_ms: i64, offset_s: i32) -> bool {
    let off = i64::from(offset_s) * 1000;
    let (local, local_end) = (start_ms.saturating_add(off), end_ms.saturating_add(off));
    let three = 3 * HOUR_MS;
    // The latest 03:00 at or before the start, then the first at or after it.
    let mut t = (local - three).div_euclid(DAY_MS) * DAY_MS + three;
    if t < local {
        t += DAY_MS;
    }
    t < local_end
}

/// What `[start, end)` adds to `measure` (the offset is its start's).
#[inline]
fn amount(measure: Measure, start: i64, end: i64, offset_s: i32) -> i64 {
    match measure {
        Measure::Hours => end - start,
        Measure::Shifts => 1,
        Measure::Nights => i64::from(is_night(start, end, offset_s)),
    }
}

/// What assignment `a` adds to `measure`.
#[inline]
fn amount_of(m: &Model, measure: Measure, a: &Assignment) -> i64 {
    let offset_s = match measure {
        Measure::Nights => m.shifts.get(a.shift as usize).map_or(0, |s| s.start.offset_s),
        _ => 0,
    };
    amount(measure, a.start, a.end(), offset_s)
}

/// Whether `limit` covers employee `emp` for a shift starting at `start` (SPEC §8.1).
pub fn covers(m: &Model, emp: EmpIdx, limit: &Limit, start: Instant) -> bool {
    match limit.applies {
        Applies::Everyone => true,
        // From the employee's hot line when its roles fit in bits (no `roleIds`: not covered).
        Applies::Role(r) => match m.emp_hot.get(emp as usize).map(|h| h.roles) {
            Some(RoleSet::Any) => false,
            Some(RoleSet::Bits(bits)) => r < 64 && bits & (1u64 << r) != 0,
            _ => m.employees.get(emp as usize).and_then(|e| e.roles.as_ref()).is_some_and(|list| list.contains(&Some(r))),
        },
        Applies::Code(c) => m.judged_for(emp, c).iter().any(|j| {
            j.own == c && j.status == RecordStatus::Active && j.valid_from_at(start.offset_s) <= start.ms && start.ms < j.valid_until_at(start.offset_s)
        }),
    }
}

/// The calendar window holding `start`, local to its offset.
pub fn calendar_window(unit: CalendarUnit, week_start: Weekday, start: Instant) -> (i64, i64) {
    let d = start.local_day();
    let (lo, hi) = match unit {
        CalendarUnit::Day => (d, d + 1),
        CalendarUnit::Week => {
            // Day 0 (1970-01-01) was a Thursday: 3 days after a Monday.
            let weekday = (d + 3).rem_euclid(7);
            let lo = d - (weekday - week_start as i32).rem_euclid(7);
            (lo, lo + 7)
        }
        CalendarUnit::Month => {
            // The month's first day is `d`'s day of the month less one before it: no
            // `days_from_civil` back from the date.
            let (y, mo, day) = civil_from_days(d);
            let lo = d - (day as i32 - 1);
            (lo, lo + days_in_month(y, mo) as i32)
        }
    };
    let off = i64::from(start.offset_s) * 1000;
    (i64::from(lo) * DAY_MS - off, i64::from(hi) * DAY_MS - off)
}

/// Whether employee `emp`, working `slot`, is over `limit`, and in which window.
pub(crate) fn over(m: &Model, emp: EmpIdx, slot: &Slot<'_>, limit: &Limit) -> Option<Over> {
    let own = amount(limit.measure, slot.start.ms, slot.end.ms, slot.start.offset_s);
    // A shift that adds nothing (not a night) is never over for it.
    if own == 0 || !covers(m, emp, limit, slot.start) {
        return None;
    }
    let list = m.shifts_of(emp);
    let counts = |a: &Assignment| !slot.ignores(a.shift);
    let found = match limit.window {
        Window::Calendar(unit, week_start) => {
            let (lo, hi) = calendar_window(unit, week_start, slot.start);
            let from = list.partition_point(|a| a.start < lo);
            let used = list[from..].iter().take_while(|a| a.start < hi).filter(|a| counts(a)).fold(own, |sum, a| sum.saturating_add(amount_of(m, limit.measure, a)));
            Over { used, start: lo, end: hi }
        }
        Window::Rolling(h) => {
            let s = slot.start.ms;
            // Candidates: the counted starts in (s - h, s], then s itself.
            let first = list.partition_point(|a| a.start <= s.saturating_sub(h));
            let last = list.partition_point(|a| a.start <= s);
            let (mut left, mut right, mut sum) = (first, first, 0i64);
            let mut best = Over { used: i64::MIN, start: s, end: s.saturating_add(h) };
            // One loop over the candidates, `last` standing for `s`: the window's two pointers
            // written once, where a closure called for the starts and again for `s` was
            // inlined twice.
            for i in first..=last {
                let t = match list.get(i) {
                    Some(a) if i < last => {
                        if !counts(a) || amount_of(m, limit.measure, a) == 0 {
                            continue;
                        }
                        a.start
                    }
                    _ => s,
                };
                while left < list.len() && list[left].start < t {
                    if left < right && counts(&list[left]) {
                        sum -= amount_of(m, limit.measure, &list[left]);
                    }
                    left += 1;
                }
                right = right.max(left);
                let end = t.saturating_add(h);
                while right < list.len() && list[right].start < end {
                    if counts(&list[right]) {
                        sum += amount_of(m, limit.measure, &list[right]);
                    }
                    right += 1;
                }
                let used = sum.saturating_add(own);
                if used > best.used {
                    best = Over { used, start: t, end };
                }
            }
            best
        }
    };
    (found.used > limit.max_units).then_some(found)
}

/// Calls `f` with each shift counted in window `over` of `limit` for `emp` on `slot` (those
/// adding to the measure), by start then index; the judged shift is `shift` (`None`: a
/// placement of a shift that does not exist, left out).
pub(crate) fn counted(m: &Model, emp: EmpIdx, slot: &Slot<'_>, shift: Option<ShiftIdx>, limit: &Limit, over: &Over, f: &mut dyn crate::call::CallMut<ShiftIdx>) {
    let list = m.shifts_of(emp);
    let from = list.partition_point(|a| a.start < over.start);
    let mut own = shift;
    for a in list[from..].iter().take_while(|a| a.start < over.end) {
        if slot.ignores(a.shift) || amount_of(m, limit.measure, a) == 0 {
            continue;
        }
        if let Some(s) = own.filter(|&s| (slot.start.ms, s) < (a.start, a.shift)) {
            f.call_mut(s);
            own = None;
        }
        f.call_mut(a.shift);
    }
    if let Some(s) = own {
        f.call_mut(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Instant {
        crate::time::parse_instant(s).unwrap()
    }

    #[test]
    fn nights_hold_a_three_oclock_in_their_own_start_offset() {
        let night = |a: &str, b: &str| {
            let (a, b) = (at(a), at(b));
            is_night(a.ms, b.ms, a.offset_s)
        };
        assert!(night("2026-12-01T22:00:00-06:00", "2026-12-02T06:00:00-06:00"));
        // Ending at 03:00 is not a night; starting at 03:00 is.
        assert!(!night("2026-12-01T19:00:00-06:00", "2026-12-02T03:00:00-06:00"));
        assert!(night("2026-12-02T03:00:00-06:00", "2026-12-02T07:00:00-06:00"));
        assert!(!night("2026-12-02T03:00:01-06:00", "2026-12-03T02:59:59-06:00"));
        // Across an offset change: 03:00 is read in the start's offset (-05:00), which is
        // 02:00 in -06:00, the end's.
        assert!(night("2026-11-01T01:00:00-05:00", "2026-11-01T02:30:00-06:00"));
        assert!(!night("2026-11-01T01:00:00-05:00", "2026-11-01T01:30:00-06:00"));
    }

    #[test]
    fn calendar_windows_are_local_to_the_start() {
        let s = at("2026-12-02T23:30:00-06:00"); // a Wednesday, local
        let show = |(a, b): (i64, i64)| (crate::time::format_instant(a, s.offset_s), crate::time::format_instant(b, s.offset_s));
        assert_eq!(show(calendar_window(CalendarUnit::Day, Weekday::Monday, s)), ("2026-12-02T00:00:00-06:00".into(), "2026-12-03T00:00:00-06:00".into()));
        assert_eq!(show(calendar_window(CalendarUnit::Week, Weekday::Monday, s)), ("2026-11-30T00:00:00-06:00".into(), "2026-12-07T00:00:00-06:00".into()));
        assert_eq!(show(calendar_window(CalendarUnit::Week, Weekday::Sunday, s)), ("2026-11-29T00:00:00-06:00".into(), "2026-12-06T00:00:00-06:00".into()));
        assert_eq!(show(calendar_window(CalendarUnit::Week, Weekday::Wednesday, s)), ("2026-12-02T00:00:00-06:00".into(), "2026-12-09T00:00:00-06:00".into()));
        assert_eq!(show(calendar_window(CalendarUnit::Month, Weekday::Monday, s)), ("2026-12-01T00:00:00-06:00".into(), "2027-01-01T00:00:00-06:00".into()));
        let feb = at("2028-02-29T12:00:00+01:00");
        let (a, b) = calendar_window(CalendarUnit::Month, Weekday::Monday, feb);
        assert_eq!((b - a) / DAY_MS, 29);
    }
}
