//! Currency (SPEC §8): whether an employee has done enough recently (landings, procedures,
//! refresher hours) for a record of a type with a `currency` rule to count. Owns the
//! [`EventIndex`] (events by employee and kind, sorted by instant, with running totals) and the
//! two questions asked of it: [`current`] and [`current_until`].
//!
//! ```
//! use credgate::Engine;
//! let credentials = r#"{
//!   "credentialTypes": [{"code": "PIC", "currency": {"event": "landing", "min": 3, "withinDays": 90}}],
//!   "credentials": [{"id": "c-1", "employeeId": "e-1", "code": "PIC", "validUntil": null}],
//!   "events": [{"id": "ev-1", "employeeId": "e-1", "kind": "landing", "at": "2026-11-01T10:00:00Z", "count": 2}]
//! }"#;
//! let roster = r#"{"employees": [{"id": "e-1"}], "shifts": [{"id": "s-1", "requires": "PIC",
//!   "start": "2026-12-01T07:00:00Z", "end": "2026-12-01T19:00:00Z", "assigned": ["e-1"]}]}"#;
//! let engine = Engine::load(roster, credentials)?.engine;
//! let reason = &engine.check("e-1", "s-1")?.reasons[0];
//! assert_eq!(reason.kind.as_str(), "notCurrent");
//! assert_eq!((reason.have, reason.need, reason.within_days), (Some(2.0), Some(3.0), Some(90)));
//! # Ok::<(), credgate::Error>(())
//! ```
//!
//! # What "current" means
//!
//! A rule `{event, min | minHours, withinDays: D}` looks at the holder's events of that kind
//! whose `at` lies in `[start − D × 24 h, start)`: elapsed time, so an event exactly `D` days
//! before the start counts and one at the start does not. `min` sums `count`, `minHours` sums
//! `hours`. Hours are summed in whole micro-hours ([`MICRO`], rounded at load), so that a sum
//! over a window is exact and does not depend on the order of additions (docs/decisions.md).
//!
//! Each employee's events of one kind sit in one run sorted by `at`, each with the running
//! totals up to and including it: a sum over a window is two binary searches and a subtraction.
//! Kinds are interned ids, and a run is found by a scan of its employee's few kinds, so no hash
//! map is reached from a check.

use crate::model::{CredType, Currency, EmpIdx, Event, Model, Span};
use crate::time::DAY_MS;

/// Micro-hours in an hour: `hours` and `minHours` are compared in whole micro-hours.
pub const MICRO: f64 = 1_000_000.0;

/// `hours` (or `minHours`) in whole micro-hours.
pub fn micro(hours: f64) -> u64 {
    (hours * MICRO).round().clamp(0.0, u64::MAX as f64) as u64
}

/// One event in its run: its instant and the run's totals up to and including it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Point {
    /// `at`, in ms since the epoch.
    pub at: i64,
    /// The sum of `count` up to and including this event.
    pub count: u64,
    /// The sum of `hours` (micro-hours) up to and including this event.
    pub micro: u64,
}

/// When an employee is current on one type's rule: from `from` to `last`, both included (ms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CurrentSpan {
    /// The credential type whose rule this is.
    pub(crate) own: u32,
    pub(crate) from: i64,
    pub(crate) last: i64,
}

/// Events by employee and kind: runs of [`Point`]s, each sorted by instant; and, for the status
/// path, the spans of time in which each employee is current on each type's rule.
///
/// The status path asks [`current`] once per record with a currency, on an employee whose data
/// is usually not in cache, so it reads neither the runs nor their points: an employee's spans
/// (a few per type with a rule, worked out at build from the same sums as [`have`]) sit
/// together, a few cache lines that [`EventIndex::touch`] starts loading from one entry of
/// `ranges`, and a check is a scan of them.
///
/// A live edit of events re-indexes only the employees it touched ([`EventIndex::update`]):
/// their runs and spans are appended and their ranges pointed at them, and the index is built
/// afresh once what no range points at outweighs the rest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventIndex {
    /// By employee: its runs in `kinds` / `spans` and its spans in `current`, `[runs_lo,
    /// runs_hi, current_lo, current_hi]` (as far as the highest employee with events).
    pub(crate) ranges: Vec<[u32; 4]>,
    /// Each run's kind, by employee then kind.
    pub(crate) kinds: Vec<u32>,
    /// Each run's points, parallel to `kinds`.
    pub(crate) spans: Vec<Span>,
    pub(crate) points: Vec<Point>,
    /// The event of each point, parallel to `points`.
    pub(crate) ids: Vec<u32>,
    /// By employee (then by run, then type, then time).
    pub(crate) current: Vec<CurrentSpan>,
    /// Points that no range reaches any more (left behind by [`EventIndex::update`]).
    pub(crate) garbage: usize,
}

impl EventIndex {
    /// The empty index, as a constant ([`crate::model::Model`]'s `Default`).
    pub(crate) const EMPTY: EventIndex = EventIndex { ranges: Vec::new(), kinds: Vec::new(), spans: Vec::new(), points: Vec::new(), ids: Vec::new(), current: Vec::new(), garbage: 0 };

    /// Where employee `emp`'s runs lie in `kinds` / `spans`, and its spans in `current`.
    #[inline]
    fn bounds(&self, emp: EmpIdx) -> Option<((usize, usize), (usize, usize))> {
        let &[runs, runs_end, current, current_end] = self.ranges.get(emp as usize)?;
        Some(((runs as usize, runs_end as usize), (current as usize, current_end as usize)))
    }

    /// Employee `emp`'s events of kind `kind`, by instant.
    #[inline]
    pub fn of(&self, emp: EmpIdx, kind: u32) -> &[Point] {
        let Some(((lo, hi), _)) = self.bounds(emp) else { return &[] };
        let kinds = self.kinds.get(lo..hi).unwrap_or(&[]);
        // A dozen kinds at most: a scan, not a search.
        match kinds.iter().position(|&k| k == kind) {
            Some(i) => self.spans.get(lo + i).map_or(&[], |span| span.of(&self.points)),
            None => &[],
        }
    }

    /// Whether employee `emp` is current at `start` on the rule of type `own` (false when `own`
    /// has no rule: ask [`current`]).
    #[inline]
    fn current_on(&self, emp: EmpIdx, own: u32, start: i64) -> bool {
        let Some((_, (lo, hi))) = self.bounds(emp) else { return false };
        self.current.get(lo..hi).unwrap_or(&[]).iter().any(|c| c.own == own && c.from <= start && start <= c.last)
    }

    /// Starts loading what [`current`] reads of employee `emp` (its spans), so that the status
    /// path's currency checks find it in cache: returns a value made from it for the caller to
    /// keep (`std::hint::black_box`), which is all the loading needs.
    #[inline]
    pub fn touch(&self, emp: EmpIdx) -> u32 {
        let Some((_, (lo, hi))) = self.bounds(emp) else { return 0 };
        // Spans are 24 bytes: every other one reaches every 64-byte line.
        self.current.get(lo..hi).unwrap_or(&[]).iter().step_by(2).fold(0, |x, c| x ^ c.own)
    }

    /// Indexes again the employees whose events `changed` (indexes into `events`) belonged to
    /// before or belong to now: `changed` holds each changed event with the employee it had
    /// before a change (an event changed twice may be listed twice; every employee named is
    /// indexed again). Their runs and spans are appended and their ranges moved there by
    /// [`EventIndex::index`], as a build indexes every employee; when more than half the points
    /// are left behind, the whole index is built afresh. The answers are those of
    /// [`EventIndex::build`] over the same events.
    pub fn update(&mut self, events: &[Event], removed: &[bool], types: &[CredType], changed: &[(u32, Option<EmpIdx>)]) {
        // The employees to index again (the changed events' before and now), and the events to
        // index for them: the changed ones that count now and those indexed that are theirs.
        let live = |i: u32| events.get(i as usize).filter(|_| !crate::model::Removed::at(removed, i));
        let mut ids: Vec<u32> = Vec::new();
        let mut emps: Vec<EmpIdx> = Vec::new();
        for &(i, before) in changed {
            if let Some(e) = live(i).and_then(|x| x.employee) {
                ids.push(i);
                emps.push(e);
            }
            emps.extend(before);
        }
        crate::sort::sort_u32(&mut emps);
        emps.dedup();
        for &emp in &emps {
            if let Some(((lo, hi), _)) = self.bounds(emp) {
                for span in self.spans.get(lo..hi).unwrap_or(&[]) {
                    let (a, b) = (span.lo as usize, span.lo as usize + span.len as usize);
                    ids.extend_from_slice(self.ids.get(a..b).unwrap_or(&[]));
                    self.garbage = self.garbage.saturating_add(b.saturating_sub(a));
                }
            }
        }
        // By event, once each, as a build collects them; each that counts is of one of `emps`
        // (an indexed event now another employee's is a changed one, so that one is listed).
        crate::sort::sort_u32(&mut ids);
        ids.dedup();
        self.index(events, removed, types, &ids, Some(&emps));
        if self.garbage > 1024 && self.garbage * 2 > self.points.len() {
            *self = EventIndex::build(events, removed, types);
        }
    }

    /// Appends the runs of events `ids` (ascending, once each; those of a known employee, not
    /// removed) and points each employee of `emps` (ascending; every employee up to the highest
    /// with events when `None`) at its runs and spans: [`EventIndex::build`]'s work over every
    /// event and [`EventIndex::update`]'s over those of the employees an edit touched.
    fn index(&mut self, events: &[Event], removed: &[bool], types: &[CredType], ids: &[u32], emps: Option<&[EmpIdx]>) {
        // A loop of pushes: a `filter`, `filter_map` and `collect` wrote the first item's push
        // apart from the rest. `(employee << 32 | kind, at, event)`.
        let mut items: Vec<(u64, i64, u32)> = Vec::new();
        let mut upto = 0;
        for &i in ids {
            let Some(x) = events.get(i as usize).filter(|_| !crate::model::Removed::at(removed, i)) else { continue };
            if let Some(emp) = x.employee {
                items.push((u64::from(emp) << 32 | u64::from(x.kind), x.at.ms, i));
                upto = upto.max(emp.saturating_add(1));
            }
        }
        // Radix sorts, each stable, of items collected by event: a merge sort behind a
        // comparison function was most of the build in WebAssembly.
        crate::sort::sort_by_u64(&mut items, |&(_, at, _)| crate::sort::signed_key(at));
        crate::sort::sort_by_u64(&mut items, |&(key, _, _)| key);
        let every: Vec<EmpIdx>;
        let emps = match emps {
            Some(emps) => emps,
            None => {
                every = (0..upto).collect();
                &every
            }
        };
        let mut lo = 0;
        for &emp in emps {
            let e = emp as usize;
            if self.ranges.len() <= e {
                self.ranges.resize(e + 1, [0; 4]);
            }
            let (runs, current) = (self.kinds.len() as u32, self.current.len() as u32);
            while let Some(&(key, _, _)) = items.get(lo).filter(|x| x.0 >> 32 == u64::from(emp)) {
                let hi = lo + items.get(lo..).unwrap_or_default().partition_point(|x| x.0 == key);
                self.index_run(events, types, key as u32, items.get(lo..hi).unwrap_or_default());
                lo = hi;
            }
            if let Some(r) = self.ranges.get_mut(e) {
                *r = [runs, self.kinds.len() as u32, current, self.current.len() as u32];
            }
        }
    }

    /// Appends one run: an employee's events of kind `kind`, by instant (`items`: `(key, at,
    /// event)`, the event last), with the spans in which they make their holder current on the
    /// rule of each of `types` whose rule counts that kind, by type.
    fn index_run(&mut self, events: &[Event], types: &[CredType], kind: u32, items: &[(u64, i64, u32)]) {
        let start = self.points.len();
        let (mut count, mut hours) = (0u64, 0u64);
        for &(_, _, i) in items {
            let Some(e) = events.get(i as usize) else { continue };
            count = count.saturating_add(u64::from(e.count));
            hours = hours.saturating_add(micro(e.hours));
            self.points.push(Point { at: e.at.ms, count, micro: hours });
            self.ids.push(i);
        }
        self.kinds.push(kind);
        self.spans.push(Span::since(&self.points, start));
        let points = self.points.get(start..).unwrap_or(&[]);
        for (own, ty) in types.iter().enumerate() {
            if let Some(rule) = ty.currency.filter(|r| r.event == kind) {
                spans_of(points, &rule, own as u32, &mut self.current);
            }
        }
    }
}

impl EventIndex {
    /// Whether this index (as a snapshot read it, over `events` events) is one: `false` for a
    /// range past its list, runs that do not tile the points in order, a point of no event, or
    /// totals that fall within a run. Those are what the questions asked of an index
    /// rely on (each sum over a window subtracts two totals of one run), so a snapshot's bytes
    /// cannot make one panic; that its runs are those of the events is the checksum's to
    /// guard, as for every other list of the model.
    pub(crate) fn fits(&self, events: usize) -> bool {
        let within = |lo: u32, hi: u32, len: usize| lo <= hi && hi as usize <= len;
        let rises = |run: &[Point]| run.windows(2).all(|w| w[0].at <= w[1].at && w[0].count <= w[1].count && w[0].micro <= w[1].micro);
        let mut next = 0usize;
        let tiled = self.spans.iter().all(|s| {
            let end = next.checked_add(s.len as usize).filter(|&end| end <= self.points.len());
            let ok = s.lo as usize == next && end.is_some() && rises(s.of(&self.points));
            next = end.unwrap_or(usize::MAX);
            ok
        });
        tiled
            && next == self.points.len()
            && self.kinds.len() == self.spans.len()
            && self.ids.len() == self.points.len()
            && self.ids.iter().all(|&i| (i as usize) < events)
            && self.ranges.iter().all(|&[a, b, c, d]| within(a, b, self.kinds.len()) && within(c, d, self.current.len()))
    }
}

impl EventIndex {
    /// Indexes `events` (those of a known employee, not removed) for the currency rules of
    /// `types`.
    pub fn build(events: &[Event], removed: &[bool], types: &[CredType]) -> EventIndex {
        let ids: Vec<u32> = (0..events.len() as u32).collect();
        let mut index = EventIndex { points: Vec::with_capacity(events.len()), ids: Vec::with_capacity(events.len()), ..EventIndex::default() };
        index.index(events, removed, types, &ids, None);
        index
    }
}

/// Pushes onto `out`, as type `own`'s, each maximal span of instants `t` (both ends included)
/// at which `points` meet `rule` (`have(t) ≥ need`), in order. The sum over `[t − D, t)`
/// changes only where an event enters the window (`t = at + 1`) or leaves it (`t = at + D +
/// 1`): the sum is taken, exactly as [`have`] takes it, from `i64::MIN` and then at each such
/// instant in turn (two sorted lists, points being by instant, walked as one), and holds until
/// the next.
fn spans_of(points: &[Point], rule: &Currency, own: u32, out: &mut Vec<CurrentSpan>) {
    let d = window(rule);
    let enter = |p: &Point| p.at.saturating_add(1);
    let leave = |p: &Point| p.at.saturating_add(d).saturating_add(1);
    let (mut i, mut j) = (0, 0);
    let mut t = i64::MIN;
    let mut open: Option<i64> = None;
    loop {
        let ok = sum(points, rule, t.saturating_sub(d), t) >= rule.need;
        match (open, ok) {
            (None, true) => open = Some(t),
            (Some(from), false) => {
                out.push(CurrentSpan { own, from, last: t - 1 });
                open = None;
            }
            _ => {}
        }
        while points.get(i).is_some_and(|p| enter(p) <= t) {
            i += 1;
        }
        while points.get(j).is_some_and(|p| leave(p) <= t) {
            j += 1;
        }
        // An event leaves after it enters: no leaving left means no entry either.
        let Some(next) = points.get(j).map(leave) else { break };
        t = points.get(i).map_or(next, |p| enter(p).min(next));
    }
    if let Some(from) = open {
        out.push(CurrentSpan { own, from, last: i64::MAX });
    }
}

/// The total of `rule`'s measure over the points whose `at` lies in `[lo, hi)`.
#[inline]
fn sum(points: &[Point], rule: &Currency, lo: i64, hi: i64) -> u64 {
    let a = points.partition_point(|p| p.at < lo);
    let b = points.partition_point(|p| p.at < hi);
    let total = |i: usize| -> u64 {
        match i.checked_sub(1).and_then(|i| points.get(i)) {
            None => 0,
            Some(p) if rule.hours => p.micro,
            Some(p) => p.count,
        }
    };
    if b <= a {
        0
    } else {
        total(b) - total(a)
    }
}

/// The window's length in ms.
#[inline]
fn window(rule: &Currency) -> i64 {
    i64::from(rule.within_days) * DAY_MS
}

/// What employee `emp` has of `rule`'s measure in the window before `start` (count, or
/// micro-hours).
pub fn have(m: &Model, emp: EmpIdx, rule: &Currency, start: i64) -> u64 {
    sum(m.event_index.of(emp, rule.event), rule, start.saturating_sub(window(rule)), start)
}

/// Whether employee `emp` is current on type `own`'s rule at `start` (true without a rule).
#[inline]
pub fn current(m: &Model, emp: EmpIdx, own: u32, start: i64) -> bool {
    match m.types.get(own as usize).and_then(|t| t.currency.as_ref()) {
        None => true,
        // `have(m, emp, rule, start) >= rule.need`, from the spans worked out at build.
        Some(_) => m.event_index.current_on(emp, own, start),
    }
}

/// `currentUntil` (SPEC §8.1): the latest shift start at which the events recorded before
/// `start` still suffice, `at + D × 24 h` of the event whose leaving the window makes them fall
/// short; `None` when they never sufficed.
///
/// Sufficiency is lost only when an event leaves the window, so the answer is `at_j + D` for
/// the latest event `j` whose window `[at_j, at_j + D)` (cut at `start`) holds enough.
pub fn current_until(m: &Model, emp: EmpIdx, rule: &Currency, start: i64) -> Option<i64> {
    let points = m.event_index.of(emp, rule.event);
    let before = points.partition_point(|p| p.at < start);
    let d = window(rule);
    points[..before].iter().rev().map(|p| p.at).find(|&at| sum(&points[..before], rule, at, at.saturating_add(d).min(start)) >= rule.need).map(|at| at.saturating_add(d))
}

/// The instants at which `emp` is current on type `own`'s rule (`have(t) ≥ need`), as sorted,
/// disjoint half-open spans `[a, b)` of ms (`b` is `i64::MAX` for a span that does not end):
/// the spans the status path reads ([`EventIndex::current_on`]: both ends included there),
/// for the gap report's headcount (decision 111), where the headcount swept the events again
/// to find the same spans. None when `own` has no rule.
pub fn current_spans(m: &Model, emp: EmpIdx, own: u32) -> impl Iterator<Item = (i64, i64)> + '_ {
    let index = &m.event_index;
    let (lo, hi) = index.bounds(emp).map_or((0, 0), |(_, current)| current);
    index.current.get(lo..hi).unwrap_or(&[]).iter().filter(move |c| c.own == own).map(|c| (c.from, c.last.saturating_add(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(ats: &[(i64, u64)]) -> Vec<Point> {
        let mut count = 0;
        ats.iter()
            .map(|&(at, c)| {
                count += c;
                Point { at, count, micro: count * 1_000_000 }
            })
            .collect()
    }

    /// An employee, a kind, its points, and whether current on each type at each probe.
    type Answer = (u32, u32, Vec<(i64, u64, u64)>, Vec<bool>);

    /// What a rebuilt index answers: every employee's points of every kind, and whether they are
    /// current on every type at every instant where a sum can change.
    fn answers(index: &EventIndex, m: &Model) -> Vec<Answer> {
        let kinds = m.events.iter().map(|e| e.kind + 1).max().unwrap_or(0);
        let mut probes: Vec<i64> = m.events.iter().flat_map(|e| [e.at.ms, e.at.ms + 1, e.at.ms + DAY_MS, e.at.ms + DAY_MS + 1, e.at.ms + 2 * DAY_MS + 1]).collect();
        probes.sort_unstable();
        let mut out = Vec::new();
        for emp in 0..m.employees.len() as u32 {
            for kind in 0..kinds {
                let points = index.of(emp, kind).iter().map(|p| (p.at, p.count, p.micro)).collect();
                let current = (0..m.types.len() as u32).flat_map(|own| probes.iter().map(move |&t| (own, t))).map(|(own, t)| index.current_on(emp, own, t)).collect();
                out.push((emp, kind, points, current));
            }
        }
        out
    }

    /// A live edit of events (put, moved to another employee, removed, undone, redone)
    /// re-indexes only the employees it touched, and the index answers as one built afresh.
    #[test]
    fn an_edit_reindexes_its_employees_as_a_fresh_build_would() {
        let credentials = r#"{"credentialTypes": [
            {"code": "PIC", "currency": {"event": "landing", "min": 3, "withinDays": 2}},
            {"code": "IR", "currency": {"event": "sim", "minHours": 1.5, "withinDays": 1}}],
          "events": [
            {"id": "a", "employeeId": "e1", "kind": "landing", "at": "2026-12-01T00:00:00Z", "count": 2},
            {"id": "b", "employeeId": "e1", "kind": "landing", "at": "2026-12-02T12:00:00Z"},
            {"id": "c", "employeeId": "e2", "kind": "sim", "at": "2026-12-01T00:00:00Z", "hours": 1},
            {"id": "d", "employeeId": "e3", "kind": "landing", "at": "2026-12-03T00:00:00Z", "count": 3}]}"#;
        let mut e = crate::testutil::engine(r#"{"employees": [{"id": "e1"}, {"id": "e2"}, {"id": "e3"}]}"#, credentials);
        let batches = [
            r#"[{"op": "put", "collection": "events", "record": {"id": "b", "employeeId": "e2", "kind": "landing", "at": "2026-12-02T12:00:00Z", "count": 2}}]"#,
            r#"[{"op": "put", "collection": "events", "record": {"id": "x", "employeeId": "e1", "kind": "sim", "at": "2026-12-01T06:00:00Z", "hours": 0.5}},
                {"op": "put", "collection": "events", "record": {"id": "x", "employeeId": "e3", "kind": "sim", "at": "2026-12-01T07:00:00Z", "hours": 1}}]"#,
            r#"[{"op": "remove", "collection": "events", "id": "a"}, {"op": "remove", "collection": "events", "id": "d"}]"#,
            r#"[{"op": "put", "collection": "events", "record": {"id": "a", "employeeId": "e3", "kind": "landing", "at": "2026-11-30T00:00:00Z", "count": 4}}]"#,
        ];
        let check = |e: &crate::Engine, what: &str| {
            let m = &e.model;
            let fresh = EventIndex::build(&m.events, &m.removed.events, &m.types);
            assert_eq!(answers(&m.event_index, m), answers(&fresh, m), "{what}");
        };
        for (k, batch) in batches.iter().enumerate() {
            let ops = match crate::live::Op::batch_value(batch) {
                Ok(v) => v,
                Err(p) => panic!("batch {k}: {p:?}"),
            };
            assert!(e.apply_value(&ops, None).applied, "batch {k}");
            check(&e, &format!("after batch {k}"));
        }
        for k in 0..batches.len() {
            assert!(e.undo().applied);
            check(&e, &format!("after undo {k}"));
        }
        for k in 0..batches.len() {
            assert!(e.redo().applied);
            check(&e, &format!("after redo {k}"));
        }
        // Every employee's old runs are left behind, not read again.
        assert!(e.model.event_index.garbage > 0);
    }

    #[test]
    fn a_window_is_half_open_at_the_start_and_closed_at_d_days_before() {
        let rule = Currency { event: 0, hours: false, need: 1, within_days: 1 };
        let points = run(&[(0, 1), (DAY_MS, 1)]);
        // [0, DAY_MS): the event at 0 counts, the one at DAY_MS does not.
        assert_eq!(sum(&points, &rule, 0, DAY_MS), 1);
        assert_eq!(sum(&points, &rule, 1, DAY_MS + 1), 1);
        assert_eq!(sum(&points, &rule, -5, 0), 0);
        assert_eq!(sum(&points, &rule, 0, DAY_MS + 1), 2);
    }

    /// `current_spans` holds exactly the instants at which `current` is true and the sums meet
    /// the rule: checked at every event's edges (`at`, `at + 1`, `at + D`, `at + D + 1`) and
    /// between them.
    #[test]
    fn current_spans_are_where_current_holds() {
        let credentials = r#"{"credentialTypes": [{"code": "PIC", "currency": {"event": "landing", "min": 3, "withinDays": 2}},
            {"code": "IR", "currency": {"event": "sim", "minHours": 1.5, "withinDays": 1}}],
          "events": [
            {"id": "a", "employeeId": "e1", "kind": "landing", "at": "2026-12-01T00:00:00Z", "count": 2},
            {"id": "b", "employeeId": "e1", "kind": "landing", "at": "2026-12-02T12:00:00Z"},
            {"id": "c", "employeeId": "e1", "kind": "landing", "at": "2026-12-02T12:00:00Z"},
            {"id": "d", "employeeId": "e1", "kind": "landing", "at": "2026-12-06T00:00:00Z", "count": 3},
            {"id": "e", "employeeId": "e1", "kind": "sim", "at": "2026-12-01T00:00:00Z", "hours": 1},
            {"id": "f", "employeeId": "e1", "kind": "sim", "at": "2026-12-01T20:00:00Z", "hours": 0.5}]}"#;
        let e = crate::testutil::engine(r#"{"employees": [{"id": "e1"}]}"#, credentials);
        let m = &e.model;
        for own in 0..2u32 {
            let Some(rule) = m.types[own as usize].currency else { panic!("a rule") };
            let spans: Vec<(i64, i64)> = current_spans(m, 0, own).collect();
            assert!(!spans.is_empty());
            let base = crate::time::parse_instant("2026-11-30T00:00:00Z").map(|i| i.ms).unwrap_or(0);
            let mut probes: Vec<i64> = (0..200).map(|i| base + i * DAY_MS / 20).collect();
            for p in m.event_index.of(0, rule.event) {
                let d = window(&rule);
                probes.extend([p.at, p.at + 1, p.at + d, p.at + d + 1]);
            }
            for t in probes {
                let inside = spans.iter().any(|&(a, b)| a <= t && t < b);
                assert_eq!(inside, current(m, 0, own, t), "type {own} at {t}: {spans:?}");
                assert_eq!(inside, have(m, 0, &rule, t) >= rule.need, "type {own} at {t}: {spans:?}");
            }
        }
    }

    /// The spans the status path reads answer exactly as the sums do (`have ≥ need`), at every
    /// instant where a sum can change and one millisecond either side: count and hours rules,
    /// two types on one kind, events at one instant, and an employee between two with events.
    #[test]
    fn current_spans_answer_as_the_sums() {
        let credentials = r#"{"credentialTypes": [
            {"code": "PIC", "currency": {"event": "landing", "min": 3, "withinDays": 2}},
            {"code": "SIC", "currency": {"event": "landing", "min": 1, "withinDays": 1}},
            {"code": "IR", "currency": {"event": "sim", "minHours": 1.5, "withinDays": 1}},
            {"code": "NONE"}],
          "events": [
            {"id": "a", "employeeId": "e1", "kind": "landing", "at": "2026-12-01T00:00:00Z", "count": 2},
            {"id": "b", "employeeId": "e1", "kind": "landing", "at": "2026-12-02T12:00:00Z"},
            {"id": "c", "employeeId": "e1", "kind": "landing", "at": "2026-12-02T12:00:00Z"},
            {"id": "d", "employeeId": "e1", "kind": "landing", "at": "2026-12-06T00:00:00Z", "count": 3},
            {"id": "e", "employeeId": "e1", "kind": "sim", "at": "2026-12-01T00:00:00Z", "hours": 1},
            {"id": "f", "employeeId": "e1", "kind": "sim", "at": "2026-12-01T20:00:00Z", "hours": 0.5},
            {"id": "g", "employeeId": "e3", "kind": "landing", "at": "2026-12-03T00:00:00Z", "count": 5},
            {"id": "h", "employeeId": "e3", "kind": "sim", "at": "2026-12-03T00:00:00Z", "hours": 0.25},
            {"id": "i", "employeeId": "e3", "kind": "landing", "at": "1969-12-31T00:00:00Z"},
            {"id": "j", "employeeId": "e1", "kind": "landing", "at": "2026-11-30T00:00:00Z"},
            {"id": "k", "employeeId": "e3", "kind": "landing", "at": "1969-12-30T12:00:00Z", "count": 2}]}"#;
        let e = crate::testutil::engine(r#"{"employees": [{"id": "e1"}, {"id": "e2"}, {"id": "e3"}]}"#, credentials);
        let m = &e.model;
        // Runs by instant, with running totals, whatever the order of the document (events
        // before 1970 too).
        let landing = m.types[0].currency.map_or(0, |r| r.event);
        let e3: Vec<(i64, u64)> = m.event_index.of(2, landing).iter().map(|p| (p.at, p.count)).collect();
        let dec3 = crate::time::parse_instant("2026-12-03T00:00:00Z").map_or(0, |i| i.ms);
        assert_eq!(e3, [(-36 * 3_600_000, 2), (-24 * 3_600_000, 3), (dec3, 8)]);
        let e1: Vec<i64> = m.event_index.of(0, landing).iter().map(|p| p.at).collect();
        assert!(e1.windows(2).all(|w| w[0] <= w[1]) && e1.len() == 5, "{e1:?}");
        let mut checked = 0;
        for emp in 0..4u32 {
            for own in 0..4u32 {
                let rule = m.types[own as usize].currency;
                let mut probes = vec![i64::MIN, 0, i64::MAX];
                for p in rule.map_or(&[][..], |r| m.event_index.of(emp, r.event)) {
                    let d = rule.map_or(0, |r| window(&r));
                    for t in [p.at, p.at + 1, p.at + d, p.at + d + 1] {
                        probes.extend([t - 1, t, t + 1]);
                    }
                }
                for t in probes {
                    let sums = rule.is_none_or(|r| have(m, emp, &r, t) >= r.need);
                    assert_eq!(current(m, emp, own, t), sums, "employee {emp}, type {own}, at {t}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 100);
        // Both outcomes were seen for the rules.
        assert!(current(m, 0, 0, crate::time::parse_instant("2026-12-02T13:00:00Z").map_or(0, |i| i.ms)));
        assert!(!current(m, 0, 0, crate::time::parse_instant("2026-12-05T00:00:00Z").map_or(0, |i| i.ms)));
        assert!(!current(m, 1, 0, 0));
    }

    #[test]
    fn micro_hours_round() {
        assert_eq!(micro(0.1) + micro(0.2), micro(0.3));
        assert_eq!(micro(-1.0), 0);
    }

    /// An index that makes one fits; lists that do not make an index do not.
    #[test]
    fn an_index_checked() {
        let ev = |emp: u32, kind: u32, ms: i64, count: u32| Event { id: String::new(), employee_id: String::new(), employee: Some(emp), kind, at: crate::time::Instant { ms, offset_s: 0 }, count, hours: 0.5 };
        let events = [ev(0, 0, 5, 1), ev(2, 1, 9, 2), ev(0, 0, 3, 4), ev(2, 0, 1, 1)];
        let rule = |event| Currency { event, need: 2, hours: false, within_days: 30 };
        let ty = |event| CredType { code: String::new(), name: None, grace_days: 0, alert_days: Vec::new(), jurisdictional: false, satisfies: Vec::new(), currency: Some(rule(event)) };
        let index = EventIndex::build(&events, &[], &[ty(0), ty(1)]);
        assert!(index.fits(events.len()));
        // One event fewer than the points name; a range past its list; runs that leave a gap; a
        // total that falls within a run.
        assert!(!index.fits(3));
        let mut x = index.clone();
        x.ranges[0][1] = 99;
        assert!(!x.fits(4));
        let mut x = index.clone();
        x.spans[1].lo += 1;
        assert!(!x.fits(4));
        let mut x = index.clone();
        assert_eq!((x.points[0].count, x.points[1].count), (4, 5));
        x.points[1].count = 3;
        assert!(!x.fits(4));
    }
}
