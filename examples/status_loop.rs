//! The status-only path natively, as `bench/suite.mjs` times it in JavaScript: every assigned
//! pair in roster order (cache-cold employees), then a seeded sample of other pairs, called in
//! a loop, best of 25 rounds of ~60 ms in thread CPU time (the machine is shared: time descheduled is
//! left out, and the best round is the quietest). `cargo run --release --example status_loop -- DIR...`
//! (each DIR holds `roster.json` and `credentials.json`, e.g. bench/out/data/x1 and x1-s8 from
//! `node bench/generate.mjs`). Prints ns a call and calls a second, and the mix of statuses.
//! `--only-ok` keeps the pairs whose status is ok (where §8's checks all run); `--warm` keeps
//! the first 500 pairs, which stay in cache: the cost of the work without the misses.
//! `--calls N` makes exactly N calls over the pairs in order, untimed, for an instruction count
//! that repeats (`valgrind --tool=callgrind --toggle-collect='credgate::engine::Engine::status'`).

#[path = "support/thread_cpu.rs"]
mod thread_cpu;

use credgate::{Engine, Status};
use thread_cpu::cpu_ns;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let only_ok = args.iter().any(|a| a == "--only-ok");
    let warm = args.iter().any(|a| a == "--warm");
    let calls: Option<usize> = args.iter().position(|a| a == "--calls").and_then(|i| args.get(i + 1)).and_then(|n| n.parse().ok());
    for dir in args.iter().filter(|a| !a.starts_with("--") && a.parse::<usize>().is_err()) {
        let read = |name: &str| std::fs::read_to_string(format!("{dir}/{name}")).unwrap_or_else(|e| panic!("{dir}/{name}: {e}"));
        let (roster_text, credentials) = (read("roster.json"), read("credentials.json"));
        let engine = Engine::load(&roster_text, &credentials).expect("the documents load").engine;
        let roster: serde_json::Value = serde_json::from_str(&roster_text).expect("JSON");
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for (si, s) in roster["shifts"].as_array().into_iter().flatten().enumerate() {
            let mut seen: Vec<&str> = Vec::new();
            for e in s["assigned"].as_array().into_iter().flatten().filter_map(|e| e.as_str()) {
                if !seen.contains(&e) {
                    seen.push(e);
                    if let Some(ei) = engine.employee_index(e) {
                        pairs.push((ei, si as u32));
                    }
                }
            }
        }
        let assigned = pairs.len();
        let (employees, shifts) = (engine.employee_ids().count() as u32, engine.shift_ids().count() as u32);
        let mut seed = 20_270_201u32;
        for _ in 0..5000 {
            let e = (next(&mut seed) * f64::from(employees)) as u32;
            let s = (next(&mut seed) * f64::from(shifts)) as u32;
            pairs.push((e, s));
        }
        let mut mix = [0usize; 3];
        for &(e, s) in &pairs[..assigned] {
            if let Some(st) = engine.status(e, s) {
                mix[st as usize] += 1;
            }
        }
        if only_ok {
            pairs.retain(|&(e, s)| engine.status(e, s) == Some(Status::Ok));
        }
        if warm {
            pairs.truncate(500);
        }
        let n = pairs.len();
        if let Some(calls) = calls {
            let mut sink = 0u32;
            for i in 0..calls {
                let (e, s) = pairs[i % n];
                sink = sink.wrapping_add(engine.status(black_box(e), black_box(s)).map_or(3, |s| s as u32));
            }
            println!("{dir}: {calls} calls over {n} pairs ({assigned} assigned); checksum {sink}");
            continue;
        }
        let mut best = f64::MAX;
        let mut sink = 0u32;
        for _ in 0..25 {
            let (t0, c0) = (Instant::now(), cpu_ns());
            let mut calls = 0usize;
            while t0.elapsed().as_millis() < 60 {
                for i in 0..10_000 {
                    let (e, s) = pairs[(calls + i) % n];
                    sink = sink.wrapping_add(engine.status(black_box(e), black_box(s)).map_or(3, |s| s as u32));
                }
                calls += 10_000;
            }
            best = best.min((cpu_ns() - c0) as f64 / calls as f64);
        }
        black_box(sink);
        println!("{dir}: {n} pairs ({assigned} assigned: ok {} warn {} block {}); status {best:.0} ns, {:.2} M/s", mix[0], mix[1], mix[2], 1e3 / best);
    }
}

/// mulberry32, as in bench/suite.mjs.
fn next(state: &mut u32) -> f64 {
    *state = state.wrapping_add(0x6d2b_79f5);
    let mut t = *state;
    t = (t ^ (t >> 15)).wrapping_mul(t | 1);
    t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
    f64::from(t ^ (t >> 14)) / 4_294_967_296.0
}
