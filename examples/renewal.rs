//! The renewal `put` of SPEC §9, natively: `cargo run --release --example renewal -- DIR [ROUNDS]`
//! (DIR holds `roster.json` and `credentials.json` of the §9 data set, e.g.
//! `node bench/generate.mjs --seed 1 --scale 1 --s8 --out DIR`).
//!
//! The same case as bench/suite.mjs's live section: the employee with the most shifts, topped
//! up to 60 with shifts they are not on (overridden), then a new credential record of a code
//! they hold, put and taken back by `undo` (untimed), with a validation kept (as there). Prints the mean of the best round of
//! 100 puts; with `ROUNDS` large, it is a loop to profile (`perf record`).

use credgate::{Collection, Engine, Op, Override, Value};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: cargo run --release --example renewal -- DIR [ROUNDS]");
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(10);
    let read = |name: &str| std::fs::read_to_string(format!("{dir}/{name}")).unwrap_or_else(|e| panic!("{dir}/{name}: {e}"));
    let (roster, credentials) = (read("roster.json"), read("credentials.json"));
    let mut engine = Engine::load(&roster, &credentials).expect("the documents load").engine;
    let shifts: Vec<String> = engine.shift_ids().map(str::to_string).collect();
    // The employee with the most shifts (the first of them in document order on a tie).
    let mut count: Vec<(String, usize)> = Vec::new();
    let mut at = std::collections::HashMap::new();
    for s in &shifts {
        for e in engine.assigned(s).expect("a shift") {
            let k = *at.entry(e.to_string()).or_insert_with(|| {
                count.push((e.to_string(), 0));
                count.len() - 1
            });
            count[k].1 += 1;
        }
    }
    let who = count.iter().fold(None::<&(String, usize)>, |best, c| if best.is_none_or(|b| c.1 > b.1) { Some(c) } else { best }).expect("someone is assigned").0.clone();
    let ov = Override { by: "bench".into(), reason: "bench".into(), at: None };
    let mut theirs: std::collections::HashSet<String> = shifts.iter().filter(|s| engine.assigned(s).is_ok_and(|a| a.contains(&who.as_str()))).cloned().collect();
    let mut k = 0;
    while theirs.len() < 60 && k < shifts.len() {
        let s = &shifts[(k * 7907) % shifts.len()];
        k += 1;
        if theirs.contains(s) {
            continue;
        }
        let res = engine.apply(&[Op::Assign { employee_id: who.clone(), shift_id: s.clone() }], Some(&ov));
        if res.applied {
            theirs.insert(s.clone());
        }
    }
    let cred = Value::parse(&credentials).expect("JSON");
    let mut codes: Vec<String> = match cred.get("credentials") { Some(Value::Array(list)) => list.as_slice(), _ => &[] }.iter().filter(|c| c.get("employeeId").and_then(Value::as_str) == Some(&who)).filter_map(|c| c.get("code").and_then(Value::as_str).map(str::to_string)).collect();
    codes.sort();
    codes.dedup();
    let record = |i: usize| Value::parse(&format!(r#"{{"id":"renewal-{i}","employeeId":"{who}","code":"{}","validFrom":"2027-01-01","validUntil":"2029-12"}}"#, codes[i % codes.len()])).expect("JSON");
    let records: Vec<Value> = (0..100).map(record).collect();
    // As in the suite: a validation is kept (each batch then refreshes it).
    let kept = engine.validate().verdicts.len();
    let mut best = f64::MAX;
    let mut listed = 0;
    for _ in 0..rounds {
        let mut total = 0.0;
        for r in &records {
            let op = [Op::Put { collection: Collection::Credentials, record: r.clone() }];
            let t = Instant::now();
            let res = engine.apply(&op, None);
            total += t.elapsed().as_secs_f64();
            assert!(res.applied, "the renewal applies: {:?}", res.errors);
            listed += res.changes.verdicts.len();
            engine.undo();
        }
        best = best.min(total / records.len() as f64);
    }
    println!("put renewal ({who}, {} shifts, {} codes, {kept} verdicts kept): {:.1} µs (best round of {rounds} × 100); {} verdict changes listed", theirs.len(), codes.len(), best * 1e6, listed);
}
