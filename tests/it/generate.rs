//! The document generator of the property tests: small structures of indexes (so that
//! shrinking keeps documents valid), turned into a roster and a credentials document by
//! [`build`]. Shared by `properties` and `live_properties`.
#![allow(dead_code)]

use crate::reference::{self, days, format, format_date, local_day, At, DAY};
use proptest::prelude::*;
use serde_json::{json, Value};

pub const CODES: [&str; 4] = ["A", "B", "C", "D"];
/// Z, -06:00, +09:00, +14:00, -12:00, +05:30.
pub const OFFSETS: [i64; 6] = [0, -21_600, 32_400, 50_400, -43_200, 19_800];
/// The first of three days: across a month end, a year end, a leap day.
pub const BASES: [(i64, i64, i64); 3] = [(2027, 2, 27), (2026, 12, 30), (2028, 2, 27)];
pub const HOURS: [i64; 10] = [0, 6, 7, 8, 12, 16, 19, 20, 22, 23];
pub const ALERTS: [i64; 5] = [0, 1, 2, 30, 90];
pub const JURS: [&str; 3] = ["J1", "J2", "J3"];
/// Where an instant bound falls relative to the shift edge it is built from.
pub const DELTAS: [i64; 10] = [0, 0, -60_000, 60_000, -3_600_000, 3_600_000, -DAY, DAY, -2 * DAY, -3 * DAY];
pub const REST: [Option<f64>; 5] = [None, Some(0.0), Some(8.0), Some(10.0), Some(12.0)];
/// Event kinds (compared exactly: "k1" is not "K1").
pub const KINDS: [&str; 3] = ["k1", "k2", "K1"];
/// Where an event falls relative to a shift's start: at it, just before, a day or so before,
/// and exactly 1, 2 or 3 days before (the window's closed edge for `withinDays` 1 to 3).
pub const EV_DELTAS: [i64; 9] = [0, -1, -DAY, -DAY - 1, -2 * DAY, -2 * DAY + 1, -3 * DAY, -3 * DAY - 1, 3_600_000];
/// A currency rule's need: `min` 1 to 3, or `minHours` 0.5, 1.5, 2.5.
pub const NEEDS: [(bool, f64); 6] = [(false, 1.0), (false, 2.0), (false, 3.0), (true, 0.5), (true, 1.5), (true, 2.5)];
/// An event's `hours`: absent (0), or 0.5, 1, 1.25.
pub const EV_HOURS: [Option<f64>; 4] = [None, Some(0.5), Some(1.0), Some(1.25)];

#[derive(Debug, Clone)]
pub enum ReqG {
    Code(u8),
    All(Vec<ReqG>),
    Any(Vec<ReqG>),
}

#[derive(Debug, Clone)]
pub struct TypeG {
    pub grace: u8,
    pub alert: Option<u8>,
    pub jurisdictional: bool,
    pub satisfies: u8,
    /// `(kind, need, withinDays)`: indexes into [`KINDS`] (the first two) and [`NEEDS`].
    pub currency: Option<(u8, u8, u8)>,
}

#[derive(Debug, Clone)]
pub struct EventG {
    pub emp: u8,
    pub shift: u8,
    pub delta: u8,
    pub kind: u8,
    pub count: Option<u8>,
    pub hours: u8,
}

#[derive(Debug, Clone)]
pub struct LocG {
    pub jurisdiction: Option<u8>,
    pub requires: Option<ReqG>,
}

#[derive(Debug, Clone)]
pub struct TimeG {
    pub day: u8,
    pub hour: u8,
    pub half: bool,
    pub dur: u8,
    /// `None`: the document's primary offset.
    pub off: Option<u8>,
    /// The end written in another offset.
    pub end_off: Option<u8>,
}

#[derive(Debug, Clone)]
pub struct ShiftG {
    pub time: TimeG,
    pub location: Option<u8>,
    pub role: Option<u8>,
    pub queue: bool,
    pub requires: Option<ReqG>,
    pub assigned: Vec<u8>,
    pub crew: Vec<(ReqG, Option<u8>)>,
}

#[derive(Debug, Clone)]
pub struct BoundG {
    pub shift: u8,
    pub at_end: bool,
    /// 0 date, 1 month (validUntil only), 2 instant.
    pub form: u8,
    pub delta: u8,
    pub off: u8,
}

#[derive(Debug, Clone)]
pub struct CredG {
    pub emp: u8,
    pub code: u8,
    pub from: Option<BoundG>,
    /// `None`: never expires.
    pub until: Option<BoundG>,
    pub status: u8,
    pub valid_in: Option<u8>,
    pub supervised: bool,
}

#[derive(Debug, Clone)]
pub struct WaiverG {
    pub emp: u8,
    pub code: u8,
    pub from: BoundG,
    pub until: BoundG,
    pub locations: Option<u8>,
}

#[derive(Debug, Clone)]
pub struct TrainingG {
    pub emp: u8,
    pub shift: u8,
    pub at_end: bool,
    pub delta: u8,
    pub dur: u8,
    pub status: u8,
    pub code: Option<u8>,
}

/// A working limit (SPEC §8): `appliesTo` (0 everyone, 1 `code` CODES[target], 2 `roleId`
/// R[target]), `measure` (hours, shifts, nights), `max` (LIMIT_MAX[max]: whole for counts),
/// `window` (0 rolling ROLLING[rolling] hours, 1 day, 2 week, 3 month), `weekStart`, severity.
#[derive(Debug, Clone)]
pub struct LimitG {
    pub applies: u8,
    pub target: u8,
    pub measure: u8,
    pub max: u8,
    pub window: u8,
    pub rolling: u8,
    pub week_start: u8,
    pub warn: bool,
}

/// Limits' `max`: hours as written (whole counts use the integer part).
pub const LIMIT_MAX: [f64; 6] = [0.0, 1.0, 2.0, 12.5, 20.0, 30.0];
/// Rolling windows, in hours.
pub const ROLLING: [f64; 5] = [6.0, 12.0, 24.0, 36.5, 48.0];
pub const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

#[derive(Debug, Clone)]
pub struct Gen {
    pub base: u8,
    pub primary: u8,
    pub group: u8,
    pub types: Vec<TypeG>,
    pub locations: Vec<LocG>,
    pub roles: Vec<Option<ReqG>>,
    pub queue: Option<ReqG>,
    pub employees: Vec<Option<u8>>,
    pub shifts: Vec<ShiftG>,
    pub creds: Vec<CredG>,
    pub waivers: Vec<WaiverG>,
    pub trainings: Vec<TrainingG>,
    pub events: Vec<EventG>,
    pub limits: Vec<LimitG>,
    pub rest: u8,
    pub overlap: u8,
    /// `rules.severities`: bit i set softens `SOFTENABLE[i]` to `warn` (SPEC §8).
    pub severities: u8,
}

/// The kinds a roster may soften, in the bit order of [`Gen::severities`].
pub const SOFTENABLE: [&str; 6] = ["restTooShort", "overlap", "inTraining", "notInRole", "notCurrent", "crewShortfall"];

pub fn req_g() -> impl Strategy<Value = ReqG> {
    (0..4u8).prop_map(ReqG::Code).prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(ReqG::All),
            prop::collection::vec(inner, 1..3).prop_map(ReqG::Any),
        ]
    })
}

pub fn opt<T: std::fmt::Debug + Clone + 'static>(s: impl Strategy<Value = T> + 'static, some_weight: u32, none_weight: u32) -> BoxedStrategy<Option<T>> {
    prop_oneof![none_weight => Just(None), some_weight => s.prop_map(Some)].boxed()
}

pub fn time_g() -> impl Strategy<Value = TimeG> {
    (0..3u8, 0..HOURS.len() as u8, prop::bool::weighted(0.15), 1..=14u8, opt(0..6u8, 1, 2), opt(0..6u8, 1, 5))
        .prop_map(|(day, hour, half, dur, off, end_off)| TimeG { day, hour, half, dur, off, end_off })
}

pub fn bound_g() -> impl Strategy<Value = BoundG> {
    (0..6u8, any::<bool>(), 0..3u8, 0..DELTAS.len() as u8, 0..6u8).prop_map(|(shift, at_end, form, delta, off)| BoundG { shift, at_end, form, delta, off })
}

pub fn gen() -> impl Strategy<Value = Gen> {
    let ty = (prop_oneof![2 => Just(0u8), 2 => 1..=3u8], opt(0..32u8, 2, 1), prop::bool::weighted(0.35), prop_oneof![2 => Just(0u8), 1 => 0..16u8], opt((0..2u8, 0..NEEDS.len() as u8, 1..=3u8), 1, 2))
        .prop_map(|(grace, alert, jurisdictional, satisfies, currency)| TypeG { grace, alert, jurisdictional, satisfies, currency });
    let event = (0..5u8, 0..6u8, 0..EV_DELTAS.len() as u8, 0..KINDS.len() as u8, opt(1..=3u8, 1, 2), 0..EV_HOURS.len() as u8)
        .prop_map(|(emp, shift, delta, kind, count, hours)| EventG { emp, shift, delta, kind, count, hours });
    let limit = (0..3u8, 0..4u8, 0..3u8, 0..LIMIT_MAX.len() as u8, 0..4u8, 0..ROLLING.len() as u8, 0..7u8, prop::bool::weighted(0.3))
        .prop_map(|(applies, target, measure, max, window, rolling, week_start, warn)| LimitG { applies, target, measure, max, window, rolling, week_start, warn });
    let loc = (opt(0..3u8, 3, 1), opt(req_g(), 1, 2)).prop_map(|(jurisdiction, requires)| LocG { jurisdiction, requires });
    let shift = (time_g(), opt(0..3u8, 3, 1), opt(0..2u8, 1, 1), prop::bool::weighted(0.3), opt(req_g(), 3, 1), prop::collection::vec(0..4u8, 0..=3), prop::collection::vec((req_g(), opt(0..=2u8, 2, 1)), 0..=2))
        .prop_map(|(time, location, role, queue, requires, assigned, crew)| ShiftG { time, location, role, queue, requires, assigned, crew: if crew.len() > 1 && crew[0].1 == Some(0) { crew[1..].to_vec() } else { crew } });
    let cred = (0..5u8, 0..4u8, opt(bound_g(), 1, 2), opt(bound_g(), 4, 1), prop_oneof![5 => Just(0u8), 3 => 1..4u8], opt(0..32u8, 3, 1), prop::bool::weighted(0.25))
        .prop_map(|(emp, code, from, until, status, valid_in, supervised)| CredG { emp, code, from, until, status, valid_in, supervised });
    let waiver = (0..4u8, 0..4u8, bound_g(), bound_g(), opt(0..8u8, 1, 2)).prop_map(|(emp, code, from, until, locations)| WaiverG { emp, code, from, until, locations });
    let training = (0..4u8, 0..6u8, any::<bool>(), 0..4u8, 1..=4u8, 0..4u8, opt(0..4u8, 1, 1))
        .prop_map(|(emp, shift, at_end, delta, dur, status, code)| TrainingG { emp, shift, at_end, delta, dur, status, code });
    (
        (0..3u8, 0..6u8, 0..8u8, prop::collection::vec(ty, 2..=4), prop::collection::vec(loc, 2..=3), prop::collection::vec(opt(req_g(), 2, 1), 1..=2), opt(req_g(), 2, 1), prop_oneof![2 => Just(0u8), 1 => 0..64u8]),
        (prop::collection::vec(opt(0..4u8, 1, 1), 3..=4), prop::collection::vec(shift, 3..=6), prop::collection::vec(cred, 0..=8), prop::collection::vec(waiver, 0..=3), prop::collection::vec(training, 0..=2), 0..5u8, 0..3u8, prop::collection::vec(event, 0..=6), prop_oneof![1 => Just(vec![]), 2 => prop::collection::vec(limit, 1..=3)]),
    )
        .prop_map(|((base, primary, group, types, locations, roles, queue, severities), (employees, shifts, creds, waivers, trainings, rest, overlap, events, limits))| Gen {
            base,
            primary,
            group,
            types,
            locations,
            roles,
            queue,
            employees,
            shifts,
            creds,
            waivers,
            trainings,
            events,
            limits,
            rest,
            overlap,
            severities,
        })
}

pub fn req_json(r: &ReqG, n_types: usize) -> Value {
    match r {
        ReqG::Code(c) => json!(CODES[*c as usize % n_types]),
        ReqG::All(items) => json!({"all": items.iter().map(|r| req_json(r, n_types)).collect::<Vec<_>>()}),
        ReqG::Any(items) => json!({"any": items.iter().map(|r| req_json(r, n_types)).collect::<Vec<_>>()}),
    }
}

pub fn mask<T: Clone>(m: u8, items: &[T]) -> Vec<T> {
    items.iter().enumerate().filter(|(i, _)| m & (1 << i) != 0).map(|(_, x)| x.clone()).collect()
}

/// (start, end) of a generated time, as written.
pub fn time_of(t: &TimeG, base: i64, primary: u8) -> (At, At) {
    let off = OFFSETS[t.off.unwrap_or(primary) as usize];
    let end_off = t.end_off.map_or(off, |o| OFFSETS[o as usize]);
    let ms = (base + i64::from(t.day)) * DAY + HOURS[t.hour as usize] * 3_600_000 + if t.half { 1_800_000 } else { 0 } - off * 1000;
    (At { ms, off }, At { ms: ms + i64::from(t.dur) * 3_600_000, off: end_off })
}

pub fn bound_text(b: &BoundG, until: bool, times: &[(At, At)]) -> String {
    let (s, e) = times[b.shift as usize % times.len()];
    let r = if b.at_end { e } else { s };
    let day = local_day(r.ms, r.off);
    match (b.form, until) {
        (1, true) => {
            let (y, m, _) = reference::civil(day);
            let (y, m) = if b.delta % 3 == 0 { if m == 1 { (y - 1, 12) } else { (y, m - 1) } } else { (y, m) };
            format!("{y:04}-{m:02}")
        }
        (2, _) => format(r.ms + DELTAS[b.delta as usize], OFFSETS[b.off as usize]),
        _ => format_date(day + [-1, 0, 0, 1][b.delta as usize % 4]),
    }
}

/// The roster and credentials documents of a generated case.
pub fn build(g: &Gen) -> (Value, Value) {
    let n_types = g.types.len();
    let (by, bm, bd) = BASES[g.base as usize];
    let base = days(by, bm, bd);
    let codes: Vec<&str> = CODES[..n_types].to_vec();
    let types: Vec<Value> = g
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut v = json!({"code": codes[i], "name": format!("Type {}", codes[i])});
            if t.grace > 0 {
                v["graceDays"] = json!(t.grace);
            }
            if let Some(a) = t.alert {
                v["alertDays"] = json!(mask(a, &ALERTS));
            }
            if t.jurisdictional {
                v["jurisdictional"] = json!(true);
            }
            let sat: Vec<&str> = mask(t.satisfies, &codes).into_iter().filter(|c| *c != codes[i]).collect();
            if !sat.is_empty() {
                v["satisfies"] = json!(sat);
            }
            if let Some((kind, need, days)) = t.currency {
                let (hours, n) = NEEDS[need as usize];
                v["currency"] = if hours { json!({"event": KINDS[kind as usize], "minHours": n, "withinDays": days}) } else { json!({"event": KINDS[kind as usize], "min": n as u32, "withinDays": days}) };
            }
            v
        })
        .collect();
    let locations: Vec<Value> = g
        .locations
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut v = json!({"id": format!("L{}", i + 1)});
            if let Some(j) = l.jurisdiction {
                v["jurisdiction"] = json!(JURS[j as usize]);
            }
            if let Some(r) = &l.requires {
                v["requires"] = req_json(r, n_types);
            }
            v
        })
        .collect();
    let roles: Vec<Value> = g
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| json!({"id": format!("R{}", i + 1), "requires": r.as_ref().map(|r| req_json(r, n_types))}))
        .collect();
    let role_ids: Vec<String> = (1..=g.roles.len()).map(|i| format!("R{i}")).collect();
    let emp_ids: Vec<String> = (1..=g.employees.len()).map(|i| format!("E{i}")).collect();
    let employees: Vec<Value> = g
        .employees
        .iter()
        .enumerate()
        .map(|(i, roles)| {
            let mut v = json!({"id": emp_ids[i]});
            if let Some(m) = roles {
                v["roleIds"] = json!(mask(*m, &role_ids));
            }
            v
        })
        .collect();
    let times: Vec<(At, At)> = g.shifts.iter().map(|s| time_of(&s.time, base, g.primary)).collect();
    let shifts: Vec<Value> = g
        .shifts
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (start, end) = times[i];
            let mut v = json!({"id": format!("S{}", i + 1), "start": format(start.ms, start.off), "end": format(end.ms, end.off)});
            if i == 0 {
                v["comment"] = json!("unknown fields are kept through export");
            }
            if let Some(l) = s.location {
                v["locationId"] = json!(format!("L{}", l as usize % g.locations.len() + 1));
            }
            if let Some(r) = s.role {
                v["roleId"] = json!(role_ids[r as usize % role_ids.len()]);
            }
            if s.queue {
                v["queueIds"] = json!(["Q1"]);
            }
            v["requires"] = s.requires.as_ref().map_or(Value::Null, |r| req_json(r, n_types));
            v["assigned"] = json!(s.assigned.iter().map(|&e| emp_ids[e as usize % emp_ids.len()].clone()).collect::<Vec<_>>());
            if !s.crew.is_empty() {
                v["crew"] = s
                    .crew
                    .iter()
                    .map(|(r, min)| {
                        let mut c = json!({"requires": req_json(r, n_types)});
                        if let Some(m) = min {
                            c["min"] = json!(m);
                        }
                        c
                    })
                    .collect();
            }
            v
        })
        .collect();
    let mut rules = json!({});
    if let Some(h) = REST[g.rest as usize] {
        rules["minRestHours"] = json!(h);
    }
    match g.overlap {
        1 => rules["overlap"] = json!("block"),
        2 => rules["overlap"] = json!("allow"),
        _ => {}
    }
    if !g.limits.is_empty() {
        rules["limits"] = g
            .limits
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let measure = ["hours", "shifts", "nights"][l.measure as usize];
                let max = LIMIT_MAX[l.max as usize];
                let max = if measure == "hours" { json!(max) } else { json!(max as u32) };
                let mut v = json!({"id": format!("LIM{i}"), "measure": measure, "max": max});
                v["window"] = match l.window {
                    0 => json!({"rollingHours": ROLLING[l.rolling as usize]}),
                    w => {
                        let unit = ["day", "week", "month"][w as usize - 1];
                        json!({"calendar": unit, "weekStart": WEEKDAYS[l.week_start as usize]})
                    }
                };
                match l.applies {
                    1 => v["appliesTo"] = json!({"code": codes[l.target as usize % n_types]}),
                    2 => v["appliesTo"] = json!({"roleId": role_ids[l.target as usize % role_ids.len()]}),
                    _ => {}
                }
                if l.warn {
                    v["severity"] = json!("warn");
                }
                v
            })
            .collect();
    }
    if g.severities != 0 {
        // Softened kinds read "warn"; the others "block" (written, as the default) every other one.
        let mut severities = serde_json::Map::new();
        for (i, kind) in SOFTENABLE.iter().enumerate() {
            if g.severities & (1 << i) != 0 {
                severities.insert(kind.to_string(), json!("warn"));
            } else if i % 2 == 0 {
                severities.insert(kind.to_string(), json!("block"));
            }
        }
        rules["severities"] = Value::Object(severities);
    }
    let roster = json!({
        "locations": locations,
        "roles": roles,
        "queues": [{"id": "Q1", "requires": g.queue.as_ref().map(|r| req_json(r, n_types))}],
        "employees": employees,
        "shifts": shifts,
        "rules": rules,
    });

    let emp_or_ghost = |e: u8| if e as usize >= emp_ids.len() { "ghost".to_string() } else { emp_ids[e as usize].clone() };
    let credentials: Vec<Value> = g
        .creds
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut v = json!({"id": format!("c{}", i + 1), "employeeId": emp_or_ghost(c.emp), "code": codes[c.code as usize % n_types]});
            let until = c.until.as_ref().map(|b| bound_text(b, true, &times));
            let mut from = c.from.as_ref().map(|b| bound_text(b, false, &times));
            // A window ending before it starts (compared in UTC) is a load error: drop the start.
            // (Empty windows are dropped too, so that either reading of "before" loads.)
            if let (Some(f), Some(u)) = (&from, &until) {
                if reference::bound(u, true, 0) <= reference::bound(f, false, 0) {
                    from = None;
                }
            }
            if let Some(f) = from {
                v["validFrom"] = json!(f);
            }
            v["validUntil"] = until.map_or(Value::Null, Value::from);
            match c.status {
                1 => v["status"] = json!("pending"),
                2 => v["status"] = json!("suspended"),
                3 => v["status"] = json!("revoked"),
                _ => {}
            }
            if let Some(m) = c.valid_in {
                let mut list = mask(m & 7, &JURS);
                if m & 8 != 0 {
                    list.push("G");
                }
                if m & 16 != 0 {
                    list.push("H");
                }
                v["validIn"] = json!(list);
            }
            if c.supervised {
                v["restrictions"] = json!(["supervised"]);
            }
            v
        })
        .collect();
    let location_ids: Vec<String> = (1..=g.locations.len()).map(|i| format!("L{i}")).collect();
    let waivers: Vec<Value> = g
        .waivers
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let until = bound_text(&w.until, true, &times);
            let mut from = bound_text(&w.from, false, &times);
            if reference::bound(&until, true, 0) <= reference::bound(&from, false, 0) {
                from = "2020-01-01".into();
            }
            let mut v = json!({"id": format!("w{}", i + 1), "employeeId": emp_ids[w.emp as usize % emp_ids.len()], "code": codes[w.code as usize % n_types],
                "validFrom": from, "validUntil": until, "approvedBy": "m-3", "reason": "renewal booked"});
            if let Some(m) = w.locations {
                v["locationIds"] = json!(mask(m, &location_ids));
            }
            v
        })
        .collect();
    let trainings: Vec<Value> = g
        .trainings
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (s, e) = times[t.shift as usize % times.len()];
            let r = if t.at_end { e } else { s };
            let start = r.ms + [-2, -1, 0, 1][t.delta as usize] * 3_600_000;
            let end = start + i64::from(t.dur) * 3_600_000;
            let mut v = json!({"id": format!("t{}", i + 1), "employeeId": emp_ids[t.emp as usize % emp_ids.len()], "start": format(start, r.off), "end": format(end, r.off)});
            match t.status {
                1 => v["status"] = json!("scheduled"),
                2 => v["status"] = json!("completed"),
                3 => v["status"] = json!("cancelled"),
                _ => {}
            }
            if let Some(c) = t.code {
                v["code"] = json!(codes[c as usize % n_types]);
            }
            v
        })
        .collect();
    let events: Vec<Value> = g
        .events
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let (s, _) = times[x.shift as usize % times.len()];
            let mut v = json!({"id": format!("v{}", i + 1), "employeeId": emp_ids[x.emp as usize % emp_ids.len()], "kind": KINDS[x.kind as usize], "at": format(s.ms + EV_DELTAS[x.delta as usize], s.off)});
            if let Some(c) = x.count {
                v["count"] = json!(c);
            }
            if let Some(h) = EV_HOURS[x.hours as usize] {
                v["hours"] = json!(h);
            }
            v
        })
        .collect();
    let group_members = mask(g.group, &JURS);
    let creds = json!({
        "credentialTypes": types,
        // H names G as a member: group members are not expanded further, so H never covers J1.
        "jurisdictionGroups": [{"code": "G", "members": group_members}, {"code": "H", "members": ["G", "J3"]}],
        "credentials": credentials,
        "waivers": waivers,
        "trainings": trainings,
        "events": events,
    });
    (roster, creds)
}
