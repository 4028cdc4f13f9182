//! `assign`, `unassign` and `moveShift` natively, as `bench/suite.mjs` times them in JavaScript
//! (SPEC §5: one `assign` or `moveShift` with its findings ≤ 50 µs): 200 (employee, shift)
//! pairs spread over the roster whose status is ok, each assigned (applied) then unassigned,
//! and every 499th staffed shift moved an hour later and back, best of 9 rounds in thread CPU
//! time.
//! `cargo run --release --example edit_loop -- DIR...` (each DIR holds `roster.json` and
//! `credentials.json`, e.g. bench/out/data/x1 from `node bench/generate.mjs`); `--rounds N`.

#[path = "support/thread_cpu.rs"]
mod thread_cpu;

use credgate::Engine;
use thread_cpu::cpu_ns;
use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rounds = args.iter().position(|a| a == "--rounds").and_then(|i| args.get(i + 1)).and_then(|n| n.parse().ok()).unwrap_or(9);
    for dir in args.iter().filter(|a| !a.starts_with("--") && a.parse::<u32>().is_err()) {
        let read = |name: &str| std::fs::read_to_string(format!("{dir}/{name}")).unwrap_or_else(|e| panic!("{dir}/{name}: {e}"));
        let mut engine = Engine::load(&read("roster.json"), &read("credentials.json")).expect("the documents load").engine;
        let employees: Vec<String> = engine.employee_ids().map(str::to_string).collect();
        let shifts: Vec<String> = engine.shift_ids().map(str::to_string).collect();
        // As the suite: pairs that are ok and not assigned yet, so that each assign applies.
        let mut pairs = Vec::new();
        for k in 0..100_000usize {
            if pairs.len() == 200 {
                break;
            }
            let (ei, si) = ((k * 37) % employees.len(), (k * 101) % shifts.len());
            let (e, s) = (&employees[ei], &shifts[si]);
            if engine.status(ei as u32, si as u32) == Some(credgate::Status::Ok) && !engine.assigned(s).expect("a shift").contains(&e.as_str()) {
                pairs.push((e.clone(), s.clone()));
            }
        }
        // As the suite: 200 assigned shifts spread over the roster, each moved an hour later
        // (with an override, so none is refused) and back.
        let roster: serde_json::Value = serde_json::from_str(&read("roster.json")).expect("JSON");
        let hour = |t: &serde_json::Value| t.as_str().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok()).map(|t| ((t + chrono::Duration::hours(1)).to_rfc3339(), t.to_rfc3339()));
        let mut moves = Vec::new();
        for s in roster["shifts"].as_array().into_iter().flatten().step_by(499) {
            let staffed = s["assigned"].as_array().is_some_and(|a| !a.is_empty());
            if let (Some(id), Some((a, a0)), Some((b, b0)), true) = (s["id"].as_str(), hour(&s["start"]), hour(&s["end"]), staffed) {
                moves.push((id.to_string(), a, b, a0, b0));
            }
        }
        let ov = credgate::Override { by: "bench".into(), reason: "benchmark".into(), at: Some("2026-12-01T00:00:00Z".into()) };
        let mut best_m = f64::INFINITY;
        let (mut best_a, mut best_u) = (f64::INFINITY, f64::INFINITY);
        for _ in 0..rounds {
            let (mut ta, mut tu) = (0.0, 0.0);
            for (e, s) in &pairs {
                let t = cpu();
                black_box(engine.assign(e, s, None).expect("assign"));
                ta += cpu() - t;
                let t = cpu();
                black_box(engine.unassign(e, s).expect("unassign"));
                tu += cpu() - t;
            }
            let mut tm = 0.0;
            for (s, a, b, a0, b0) in &moves {
                let t = cpu();
                black_box(engine.move_shift(s, a, b, Some(&ov)).expect("move"));
                tm += cpu() - t;
                black_box(engine.move_shift(s, a0, b0, Some(&ov)).expect("move back"));
            }
            best_m = best_m.min(tm / moves.len().max(1) as f64);
            best_a = best_a.min(ta / pairs.len() as f64);
            best_u = best_u.min(tu / pairs.len() as f64);
        }
        println!("{dir}: {} pairs, {} moves; assign {:.1} µs, unassign {:.1} µs, moveShift {:.1} µs", pairs.len(), moves.len(), best_a * 1e6, best_u * 1e6, best_m * 1e6);
    }
}

/// This thread's CPU time in seconds.
fn cpu() -> f64 {
    cpu_ns() as f64 * 1e-9
}
