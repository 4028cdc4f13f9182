//! Native benchmarks of the core paths: `cargo bench` (criterion).
//!
//! The data set is made here, by a small seeded generator with the shapes of SPEC §5's (and of
//! `bench/generate.mjs`, which the JavaScript benchmark uses): employees with roles whose
//! requirements have `any` groups, ten credential records each (month-end expiries, some
//! expired, pending or expiring during the period, equivalences through `satisfies`,
//! jurisdictional licences with a compact group), twenty shifts each over 28 days at ten
//! locations in three jurisdictions, a rest rule, waivers and trainings. `CREDGATE_BENCH_SCALE`
//! multiplies its size (default 1: 5,000 employees, 50,000 records, 100,000 shifts);
//! `CREDGATE_BENCH_DATA=DIR` reads the documents of `bench/generate.mjs` from DIR instead;
//! `CREDGATE_BENCH_LIMITS=1` adds three working limits (SPEC §8) to the roster.
//!
//! What each benchmark measures:
//! - `load`: both documents from JSON text into an engine;
//! - `status`: the allocation-free per-drag path, over assigned and sampled pairs;
//! - `check`: the full verdict, by ids;
//! - `candidates/statuses` and `candidates/full`: every employee for one shift;
//! - `validate`: every assignment;
//! - `assign` (an applied assignment with its findings, then `unassign`) and `move_shift`
//!   (an hour later, then back).

use credgate::{Engine, Status};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use serde_json::{json, Value};
use std::hint::black_box;

/// mulberry32, as in bench/generate.mjs.
struct Rng(u32);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6d2b_79f5);
        let mut t = self.0;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() * n as f64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        self.next() < p
    }
    fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.below(list.len())]
    }
}

const LOCATIONS: [(&str, &str, &str); 10] = [
    ("hou-icu", "US-TX", "-06:00"),
    ("hou-ed", "US-TX", "-06:00"),
    ("hou-med", "US-TX", "-06:00"),
    ("dal-icu", "US-TX", "-06:00"),
    ("dal-peds", "US-TX", "-06:00"),
    ("mia-icu", "US-FL", "-05:00"),
    ("mia-ed", "US-FL", "-05:00"),
    ("tpa-med", "US-FL", "-05:00"),
    ("sf-icu", "US-CA", "-08:00"),
    ("sf-ed", "US-CA", "-08:00"),
];

/// Days since 1970-01-01 of a civil date.
fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn date(day: i64) -> String {
    let (y, m, d) = civil(day);
    format!("{y:04}-{m:02}-{d:02}")
}

fn month(day: i64) -> String {
    date(day)[..7].to_string()
}

/// Generates (roster, credentials) JSON text.
fn generate(scale: f64, seed: u32) -> (String, String) {
    let mut r = Rng(seed.wrapping_mul(7919).wrapping_add(17));
    let employees = (5000.0 * scale) as usize;
    let period = days(2027, 2, 1);
    let roles: Vec<(&str, Value)> = vec![
        ("icu-rn", json!({"all": ["RN", "BLS", "ACLS", "CRIT-CARE-COMP", {"any": ["VENT", "CRRT"]}]})),
        ("ed-rn", json!({"all": ["RN", "BLS", "ACLS", {"any": ["TNCC", "CEN"]}]})),
        ("peds-rn", json!({"all": ["RN", "BLS", "PALS", "PEDS-COMP"]})),
        ("med-rn", json!({"all": ["RN", "BLS", "TELEMETRY", "IV-THERAPY"]})),
        ("lpn", json!({"all": ["LPN", "BLS", "IV-THERAPY"]})),
        ("cna", json!({"all": ["CNA", "BLS"]})),
    ];
    let role_codes: Vec<Vec<&str>> = vec![
        vec!["RN", "BLS", "ACLS", "CRIT-CARE-COMP", "VENT"],
        vec!["RN", "BLS", "ACLS", "TNCC"],
        vec!["RN", "BLS", "PALS", "PEDS-COMP"],
        vec!["RN", "BLS", "TELEMETRY", "IV-THERAPY"],
        vec!["LPN", "BLS", "IV-THERAPY"],
        vec!["CNA", "BLS"],
    ];
    let mut types: Vec<Value> = vec![
        json!({"code": "RN", "jurisdictional": true}),
        json!({"code": "LPN", "jurisdictional": true}),
        json!({"code": "CNA"}),
        json!({"code": "BLS"}),
        json!({"code": "BLS-INSTR", "satisfies": ["BLS"]}),
        json!({"code": "ACLS", "graceDays": 30}),
        json!({"code": "ACLS-EP", "graceDays": 30, "satisfies": ["ACLS"]}),
        json!({"code": "PALS", "graceDays": 30}),
        json!({"code": "TNCC", "alertDays": [90, 30]}),
        json!({"code": "CEN"}),
        json!({"code": "CCRN", "satisfies": ["CRIT-CARE-COMP"]}),
        json!({"code": "CRIT-CARE-COMP", "alertDays": [30]}),
        json!({"code": "PEDS-COMP", "alertDays": [30]}),
        json!({"code": "VENT", "alertDays": [30]}),
        json!({"code": "CRRT", "alertDays": [30]}),
        json!({"code": "TELEMETRY", "alertDays": [30]}),
        json!({"code": "IV-THERAPY", "alertDays": [30]}),
        json!({"code": "CHARGE"}),
    ];
    let annual: Vec<String> = (0..32).map(|i| format!("ANNUAL-{i:02}")).collect();
    for code in &annual {
        types.push(json!({"code": code, "graceDays": 30, "alertDays": [30]}));
    }
    for (id, _, _) in LOCATIONS {
        types.push(json!({"code": format!("SITE-{}", id.to_uppercase()), "alertDays": []}));
    }
    let locations: Vec<Value> =
        LOCATIONS.iter().map(|(id, j, _)| json!({"id": id, "jurisdiction": j, "requires": format!("SITE-{}", id.to_uppercase())})).collect();
    let mut emps = Vec::with_capacity(employees);
    let mut creds = Vec::with_capacity(employees * 10);
    let mut shifts = Vec::with_capacity(employees * 20);
    let mut cr = 0usize;
    for i in 0..employees {
        let role = r.below(roles.len());
        let home = r.below(LOCATIONS.len());
        let id = format!("e-{:06}", i + 1);
        emps.push(json!({"id": id, "name": format!("Employee {i}"), "locationId": LOCATIONS[home].0, "roleIds": [roles[role].0]}));
        let mut codes: Vec<String> = role_codes[role].iter().map(|c| c.to_string()).collect();
        codes.push(format!("SITE-{}", LOCATIONS[home].0.to_uppercase()));
        if r.chance(0.1) {
            if let Some(c) = codes.iter_mut().find(|c| *c == "ACLS") {
                *c = "ACLS-EP".into();
            }
        }
        while codes.len() < 10 {
            codes.push(r.pick(&annual).clone());
        }
        for code in &codes {
            cr += 1;
            let x = r.next();
            let until: Value = if code.starts_with("SITE-") {
                Value::Null
            } else if x < 0.04 {
                json!(date(period - 1 - r.below(200) as i64))
            } else if x < 0.08 {
                json!(month(period + r.below(60) as i64))
            } else {
                json!(month(period + 60 + r.below(700) as i64))
            };
            let mut c = json!({"id": format!("cr-{cr:07}"), "employeeId": id, "code": code, "validFrom": date(period - 400), "validUntil": until});
            if x > 0.97 {
                c["status"] = json!("pending");
            }
            if code == "RN" || code == "LPN" {
                let j = LOCATIONS[home].1;
                c["validIn"] = if j == "US-CA" { json!(["US-CA"]) } else if r.chance(0.6) { json!(["NLC"]) } else { json!([j]) };
            }
            creds.push(c);
        }
        let (hour, len) = *r.pick(&[(7, 12), (19, 12), (7, 8), (15, 8), (23, 8)]);
        let mut free: Vec<i64> = (0..28).collect();
        let mut work = Vec::new();
        for _ in 0..20 {
            work.push(free.remove(r.below(free.len())));
        }
        work.sort_unstable();
        for d in work {
            let loc = if r.chance(0.97) { home } else { r.below(LOCATIONS.len()) };
            let off = LOCATIONS[loc].2;
            let start = (period + d) * 24 + hour;
            let end = start + len;
            let at = |h: i64| format!("{}T{:02}:00:00{off}", date(h.div_euclid(24)), h.rem_euclid(24));
            let mut s = json!({"id": format!("s-{:07}", shifts.len() + 1), "start": at(start), "end": at(end),
                               "locationId": LOCATIONS[loc].0, "roleId": roles[if r.chance(0.99) { role } else { r.below(roles.len()) }].0,
                               "assigned": [id]});
            if r.chance(0.05) {
                s["crew"] = json!([{"requires": "CHARGE"}]);
            }
            shifts.push(s);
        }
    }
    let waivers: Vec<Value> = (0..(60.0 * scale) as usize)
        .map(|k| {
            let e = r.below(employees);
            json!({"id": format!("w-{k}"), "employeeId": format!("e-{:06}", e + 1), "code": "BLS", "validFrom": date(period),
                   "validUntil": date(period + 14), "approvedBy": "m-1", "reason": "renewal class booked"})
        })
        .collect();
    let trainings: Vec<Value> = (0..(1500.0 * scale) as usize)
        .map(|k| {
            let e = r.below(employees);
            let d = period + r.below(28) as i64;
            json!({"id": format!("t-{k}"), "employeeId": format!("e-{:06}", e + 1), "code": "BLS",
                   "start": format!("{}T08:00:00-06:00", date(d)), "end": format!("{}T16:00:00-06:00", date(d))})
        })
        .collect();
    let roster = json!({
        "locations": locations,
        "roles": roles.iter().map(|(id, req)| json!({"id": id, "requires": req})).collect::<Vec<_>>(),
        "employees": emps,
        "shifts": shifts,
        "rules": {"minRestHours": 10, "overlap": "block"},
    });
    let credentials = json!({
        "credentialTypes": types,
        "jurisdictionGroups": [{"code": "NLC", "members": ["US-TX", "US-FL"]}],
        "credentials": creds,
        "waivers": waivers,
        "trainings": trainings,
    });
    (roster.to_string(), credentials.to_string())
}

fn benches(c: &mut Criterion) {
    let scale = std::env::var("CREDGATE_BENCH_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1.0);
    // CREDGATE_BENCH_DATA=DIR reads DIR/roster.json and DIR/credentials.json instead (for
    // example bench/out/data/x1, written by bench/generate.mjs), to compare with `make bench`.
    let (roster, credentials) = match std::env::var("CREDGATE_BENCH_DATA") {
        Ok(dir) => (
            std::fs::read_to_string(format!("{dir}/roster.json")).expect("DIR/roster.json"),
            std::fs::read_to_string(format!("{dir}/credentials.json")).expect("DIR/credentials.json"),
        ),
        Err(_) => generate(scale, 1),
    };
    // CREDGATE_BENCH_LIMITS=1 adds SPEC §9's three working limits (§8): everyone's hours a
    // week, BLS holders' shifts in a rolling week, nights a month, to measure their cost.
    let roster = if std::env::var_os("CREDGATE_BENCH_LIMITS").is_some() {
        let mut r: Value = serde_json::from_str(&roster).expect("a JSON roster");
        r["rules"]["limits"] = json!([
            {"id": "hours-a-week", "measure": "hours", "max": 48, "window": {"calendar": "week"}},
            {"id": "bls-shifts", "appliesTo": {"code": "BLS"}, "measure": "shifts", "max": 5, "window": {"rollingHours": 168}},
            {"id": "nights-a-month", "measure": "nights", "max": 8, "window": {"calendar": "month"}, "severity": "warn"}
        ]);
        r.to_string()
    } else {
        roster
    };
    let engine = Engine::load(&roster, &credentials).expect("the generated documents load").engine;
    let employee_ids: Vec<String> = engine.employee_ids().map(str::to_string).collect();
    let shift_ids: Vec<String> = engine.shift_ids().map(str::to_string).collect();
    let (e_count, s_count) = (employee_ids.len() as u32, shift_ids.len() as u32);
    let mut r = Rng(99);
    // Every assigned pair, then random ones.
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for (s, id) in shift_ids.iter().enumerate() {
        for e in engine.assigned(id).unwrap() {
            pairs.push((engine.employee_index(e).unwrap(), s as u32));
        }
    }
    let assigned = pairs.len();
    for _ in 0..5000 {
        pairs.push((r.below(e_count as usize) as u32, r.below(s_count as usize) as u32));
    }

    let mut g = c.benchmark_group("core");
    g.sample_size(10);
    g.bench_function("load", |b| b.iter(|| Engine::load(black_box(&roster), black_box(&credentials)).unwrap()));
    let snapshot = engine.snapshot();
    g.bench_function("snapshot", |b| b.iter(|| black_box(engine.snapshot())));
    g.bench_function("fromSnapshot", |b| b.iter(|| Engine::from_snapshot(black_box(&snapshot)).unwrap()));
    g.bench_function("validate", |b| b.iter(|| black_box(engine.validate())));
    g.finish();

    let mut g = c.benchmark_group("core");
    let mut i = 0usize;
    g.bench_function("status", |b| {
        b.iter(|| {
            i = (i + 1) % pairs.len();
            let (e, s) = pairs[i];
            black_box(engine.status(e, s))
        })
    });
    g.bench_function("check", |b| {
        b.iter(|| {
            i = (i + 1) % pairs.len();
            let (e, s) = pairs[i];
            black_box(engine.check(&employee_ids[e as usize], &shift_ids[s as usize]).unwrap())
        })
    });
    let mut out = Vec::new();
    g.bench_function("candidates/statuses", |b| {
        b.iter(|| {
            i = (i + 1) % pairs.len();
            black_box(engine.statuses_into(pairs[i].1, &mut out))
        })
    });
    g.bench_function("candidates/full", |b| {
        b.iter(|| {
            i = (i + 1) % pairs.len();
            black_box(engine.candidates(&shift_ids[pairs[i].1 as usize]).unwrap())
        })
    });
    // Edits: ok pairs not assigned yet; each iteration assigns one and takes it back.
    let ok: Vec<(u32, u32)> = pairs[assigned..].iter().copied().filter(|&(e, s)| engine.status(e, s) == Some(Status::Ok)).collect();
    let mut edited = engine.clone();
    if !ok.is_empty() {
        g.bench_function("assign", |b| {
            b.iter_batched(
                || {
                    i = (i + 1) % ok.len();
                    ok[i]
                },
                |(e, s)| {
                    let res = edited.assign(&employee_ids[e as usize], &shift_ids[s as usize], None).unwrap();
                    edited.unassign(&employee_ids[e as usize], &shift_ids[s as usize]).unwrap();
                    res
                },
                BatchSize::SmallInput,
            )
        });
    }
    let doc: Value = serde_json::from_str(&roster).unwrap();
    let doc_shifts = doc["shifts"].as_array().unwrap();
    let moves: Vec<(String, String, String, String, String)> = (0..20)
        .map(|k| {
            let shift = &doc_shifts[(k * 997) % doc_shifts.len()];
            let s = shift["id"].as_str().unwrap();
            let later = |t: &str| {
                let hour: i64 = t[11..13].parse().unwrap();
                let day = days(t[0..4].parse().unwrap(), t[5..7].parse().unwrap(), t[8..10].parse().unwrap());
                let h = day * 24 + hour + 1;
                format!("{}T{:02}{}", date(h.div_euclid(24)), h.rem_euclid(24), &t[13..])
            };
            let (a, b) = (shift["start"].as_str().unwrap().to_string(), shift["end"].as_str().unwrap().to_string());
            (s.to_string(), later(&a), later(&b), a, b)
        })
        .collect();
    let mut k = 0usize;
    g.bench_function("move_shift", |b| {
        b.iter(|| {
            k = (k + 1) % moves.len();
            let (s, a, bb, a0, b0) = &moves[k];
            let over = credgate::Override { by: "bench".into(), reason: "benchmark".into(), at: None };
            let res = edited.move_shift(s, a, bb, Some(&over)).unwrap();
            edited.move_shift(s, a0, b0, Some(&over)).unwrap();
            res
        })
    });
    g.finish();
}

criterion_group!(core, benches);
criterion_main!(core);
