//! Timings of the live roster on the benchmark's data set (SPEC §9: one-op `apply` with its
//! changes ≤ 1 ms; a renewed credential for a person with 60 assigned shifts ≤ 1 ms; `validate`
//! right after a one-op edit ≤ 5 ms, from the kept validation). Not a
//! benchmark (those are `benches/` and `bench/`) and not run by default: a print to read.
//!
//! ```text
//! node bench/generate.mjs --seed 1 --scale 1 --out /tmp/x1
//! CREDGATE_BENCH_DATA=/tmp/x1 cargo test --profile bench --test it live_timing -- --ignored --nocapture
//! ```

use credgate::Value;
use credgate::{Engine, Override, Status, MAX_UNDO};
use std::time::Instant;

fn ops(text: &str) -> Value {
    Value::parse(text).unwrap()
}

/// Median and worst of `f` run `n` times, in microseconds.
fn time(n: usize, mut f: impl FnMut(usize)) -> (f64, f64) {
    let mut all: Vec<f64> = (0..n)
        .map(|i| {
            let t = Instant::now();
            f(i);
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    all.sort_by(f64::total_cmp);
    (all[n / 2], all[n - 1])
}

#[test]
#[ignore]
fn live_roster_timings() {
    let Ok(dir) = std::env::var("CREDGATE_BENCH_DATA") else {
        eprintln!("set CREDGATE_BENCH_DATA to a directory written by bench/generate.mjs");
        return;
    };
    let roster = std::fs::read_to_string(format!("{dir}/roster.json")).unwrap();
    let credentials = std::fs::read_to_string(format!("{dir}/credentials.json")).unwrap();
    let t = Instant::now();
    let mut engine = Engine::load(&roster, &credentials).unwrap().engine;
    println!("load: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let ov = Override { by: "bench".into(), reason: "timing".into(), at: Some("2027-01-01T00:00:00Z".into()) };
    let employees: Vec<String> = engine.employee_ids().map(str::to_string).collect();
    let shifts: Vec<String> = engine.shift_ids().map(str::to_string).collect();
    println!("{} employees, {} shifts", employees.len(), shifts.len());

    // Baselines on this machine, before any edit: validate judged afresh (a clone keeps
    // nothing), the first validate (which keeps its answer), then the kept one; and the
    // status path on pairs.
    let mut fresh: Vec<f64> = (0..3)
        .map(|_| {
            let c = engine.clone();
            let t = Instant::now();
            let _ = c.validate();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    fresh.sort_by(f64::total_cmp);
    println!("validate judged afresh (a clone): median {:.1} ms", fresh[1]);
    let t = Instant::now();
    let first = engine.validate();
    println!("first validate (kept): {:.1} ms, {} verdicts, {} findings", t.elapsed().as_secs_f64() * 1e3, first.verdicts.len(), first.findings.len());
    println!("kept validation: {:.2} MB", engine.kept_validation().unwrap_or(0) as f64 / 1e6);
    let (med, worst) = time(5, |_| {
        let _ = engine.validate();
    });
    println!("validate, nothing changed: median {:.1} ms, worst {:.1} ms", med / 1e3, worst / 1e3);
    let (med, worst) = time(5, |_| {
        let _ = serde_json::to_string(&engine.validate()).unwrap();
    });
    println!("validate to JSON text, nothing changed: median {:.1} ms, worst {:.1} ms", med / 1e3, worst / 1e3);
    let status_rate = |engine: &Engine| {
        let (e_n, s_n) = (employees.len() as u32, shifts.len() as u32);
        let t = Instant::now();
        let mut blocked = 0;
        let calls = 2_000_000u32;
        for i in 0..calls {
            if engine.status(i.wrapping_mul(7919) % e_n, i.wrapping_mul(104_729) % s_n) == Some(Status::Block) {
                blocked += 1;
            }
        }
        (f64::from(calls) / t.elapsed().as_secs_f64(), blocked)
    };
    for _ in 0..2 {
        let (rate, blocked) = status_rate(&engine);
        println!("status before edits: {rate:.0} calls/s ({blocked} blocked)");
    }
    // One record put and removed: the flat arrays grow by a run.
    let who0 = employees[0].clone();
    let r = engine.apply_value(&ops(&format!(r#"[{{"op": "put", "collection": "credentials", "record": {{"id": "probe", "employeeId": "{who0}", "code": "BLS", "validUntil": null}}}}]"#)), None);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    engine.undo();
    let (rate, blocked) = status_rate(&engine);
    println!("status after one put and its undo: {rate:.0} calls/s ({blocked} blocked)");

    // One-op batches: assign someone not on a shift (with an override, so that it always
    // applies), then undo; a moveShift by an hour and undo; an unassign and undo.
    let n = MAX_UNDO;
    let pairs: Vec<(String, String)> = (0..n).map(|i| (employees[(i * 7919) % employees.len()].clone(), shifts[(i * 104_729) % shifts.len()].clone())).collect();
    let mut changed = 0;
    let (med, worst) = time(n, |i| {
        let (e, s) = &pairs[i];
        let r = engine.apply_value(&ops(&format!(r#"[{{"op": "assign", "employeeId": "{e}", "shiftId": "{s}"}}]"#)), Some(&ov));
        changed += r.changes.verdicts.len();
    });
    println!("apply [assign] with its changes: median {med:.1} µs, worst {worst:.1} µs ({changed} verdict changes in all)");
    let (med, worst) = time(n, |_| {
        engine.undo();
    });
    println!("undo of it: median {med:.1} µs, worst {worst:.1} µs");
    // The same with no validation kept (a clone): what keeping it costs an edit.
    {
        let mut bare = engine.clone();
        let (med, worst) = time(n, |i| {
            let (e, s) = &pairs[i];
            bare.apply_value(&ops(&format!(r#"[{{"op": "assign", "employeeId": "{e}", "shiftId": "{s}"}}]"#)), Some(&ov));
        });
        println!("apply [assign], no validation kept: median {med:.1} µs, worst {worst:.1} µs");
    }
    // validate right after a one-op edit: assign, then validate; undo, then validate.
    let mut after_edit = Vec::new();
    let mut after_undo = Vec::new();
    for (e, s) in pairs.iter().take(20) {
        engine.apply_value(&ops(&format!(r#"[{{"op": "assign", "employeeId": "{e}", "shiftId": "{s}"}}]"#)), Some(&ov));
        let t = Instant::now();
        let _ = engine.validate();
        after_edit.push(t.elapsed().as_secs_f64() * 1e3);
        engine.undo();
        let t = Instant::now();
        let _ = engine.validate();
        after_undo.push(t.elapsed().as_secs_f64() * 1e3);
    }
    for (what, mut all) in [("a one-op assign", after_edit), ("its undo", after_undo)] {
        all.sort_by(f64::total_cmp);
        println!("validate right after {what}: median {:.2} ms, worst {:.2} ms", all[all.len() / 2], all[all.len() - 1]);
    }
    let x = engine.export();
    let shift_json: Vec<(String, String, String)> = match x.roster.get("shifts") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| (v.get("id").and_then(Value::as_str).unwrap_or("").to_string(), v.get("start").and_then(Value::as_str).unwrap_or("").to_string(), v.get("end").and_then(Value::as_str).unwrap_or("").to_string()))
            .collect(),
        _ => Vec::new(),
    };
    let (med, worst) = time(n, |i| {
        let (id, start, end) = &shift_json[(i * 31) % shift_json.len()];
        let start = crate::common::instant_plus(start, 3_600_000);
        let end = crate::common::instant_plus(end, 3_600_000);
        engine.apply_value(&ops(&format!(r#"[{{"op": "moveShift", "shiftId": "{id}", "start": "{start}", "end": "{end}"}}]"#)), Some(&ov));
    });
    println!("apply [moveShift] with its changes: median {med:.1} µs, worst {worst:.1} µs");
    let (id, start, end) = &shift_json[7];
    let moved = format!(
        r#"[{{"op": "moveShift", "shiftId": "{id}", "start": "{}", "end": "{}"}}]"#,
        crate::common::instant_plus(start, 7_200_000),
        crate::common::instant_plus(end, 7_200_000)
    );
    engine.apply_value(&ops(&moved), Some(&ov));
    let t = Instant::now();
    let _ = engine.validate();
    println!("validate right after a moveShift: {:.2} ms", t.elapsed().as_secs_f64() * 1e3);
    engine.undo();
    for _ in 0..n {
        engine.undo();
    }
    let (med, worst) = time(n, |i| {
        let (id, _, _) = &shift_json[(i * 31) % shift_json.len()];
        let on = engine.assigned(id).unwrap().first().map(|e| e.to_string());
        if let Some(e) = on {
            engine.apply_value(&ops(&format!(r#"[{{"op": "unassign", "employeeId": "{e}", "shiftId": "{id}"}}]"#)), None);
        }
    });
    println!("apply [unassign] with its changes: median {med:.1} µs, worst {worst:.1} µs");
    while engine.can_undo() {
        engine.undo();
    }

    // A renewed credential for a person with 60 assigned shifts: the employee with the most,
    // topped up to 60 (override), then a new record of each code their shifts need.
    let mut count: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    for (s, _, _) in &shift_json {
        for e in engine.assigned(s).unwrap() {
            count.entry(e.to_string()).or_default().push(s.clone());
        }
    }
    let (who, mut have) = count.into_iter().max_by_key(|(e, list)| (list.len(), std::cmp::Reverse(e.clone()))).unwrap();
    let mut k = 0;
    while have.len() < 60 && k < shift_json.len() {
        let s = &shift_json[(k * 7907) % shift_json.len()].0;
        k += 1;
        if have.contains(s) {
            continue;
        }
        let r = engine.apply_value(&ops(&format!(r#"[{{"op": "assign", "employeeId": "{who}", "shiftId": "{s}"}}]"#)), Some(&ov));
        if r.applied {
            have.push(s.clone());
        }
    }
    let codes: Vec<String> = match engine.export().credentials.get("credentials") {
        Some(Value::Array(items)) => {
            let mut c: Vec<String> = items.iter().filter(|r| r.get("employeeId").and_then(Value::as_str) == Some(who.as_str())).filter_map(|r| r.get("code").and_then(Value::as_str).map(str::to_string)).collect();
            c.sort();
            c.dedup();
            c
        }
        _ => Vec::new(),
    };
    println!("{who}: {} assigned shifts, {} codes held", have.len(), codes.len());
    let m = MAX_UNDO;
    let mut listed = 0;
    let (med, worst) = time(m, |i| {
        let code = &codes[i % codes.len().max(1)];
        let r = engine.apply_value(&ops(&format!(r#"[{{"op": "put", "collection": "credentials", "record": {{"id": "renewal-{i}", "employeeId": "{who}", "code": "{code}", "validFrom": "2027-01-01", "validUntil": "2029-12"}}}}]"#)), None);
        assert!(r.applied && r.errors.is_empty(), "{:?}", r.errors);
        listed += r.changes.verdicts.len();
    });
    println!("apply [put a renewed credential], 60 shifts: median {med:.1} µs, worst {worst:.1} µs ({listed} verdict changes in all)");
    let t = Instant::now();
    let _ = engine.validate();
    println!("validate right after the last renewal: {:.2} ms", t.elapsed().as_secs_f64() * 1e3);
    let (med, worst) = time(m, |i| {
        let r = engine.apply_value(&ops(&format!(r#"[{{"op": "remove", "collection": "credentials", "id": "renewal-{i}"}}]"#)), None);
        assert!(r.applied);
    });
    println!("apply [remove it again]: median {med:.1} µs, worst {worst:.1} µs");

    // The per-drag path after all these edits, and validate.
    let (rate, blocked) = status_rate(&engine);
    println!("status after edits: {rate:.0} calls/s ({blocked} blocked)");
    let (med, worst) = time(3, |_| {
        let _ = engine.validate();
    });
    println!("validate after edits (kept): median {:.1} ms, worst {:.1} ms", med / 1e3, worst / 1e3);
    println!("kept validation: {:.2} MB", engine.kept_validation().unwrap_or(0) as f64 / 1e6);
    // Not a timing: the kept answer after all of these edits is the one judged afresh.
    assert!(engine.validate() == engine.clone().validate(), "the kept validation drifted");
}
