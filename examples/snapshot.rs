//! `Engine::load` against `Engine::from_snapshot`, natively, best of 7:
//! `cargo run --release --example snapshot -- DIR` (DIR holds `roster.json` and
//! `credentials.json`, e.g. the output of `node bench/generate.mjs --seed 1 --scale 1 --out DIR`).
//!
//! SPEC §9 wants `fromSnapshot` at most a fifth of `load` from JSON; `benches/core.rs` times
//! both with criterion, this prints the ratio in a few seconds (docs/decisions.md, decision 79).

use credgate::Engine;
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: cargo run --release --example snapshot -- DIR");
    let read = |name: &str| std::fs::read_to_string(format!("{dir}/{name}")).unwrap_or_else(|e| panic!("{dir}/{name}: {e}"));
    let (roster, credentials) = (read("roster.json"), read("credentials.json"));
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let (mut load, mut snapshot, mut rebuild, mut size) = (f64::MAX, f64::MAX, f64::MAX, 0);
    for _ in 0..7 {
        let t = Instant::now();
        let engine = Engine::load(&roster, &credentials).expect("the documents load").engine;
        load = load.min(ms(t));
        let t = Instant::now();
        let bytes = engine.snapshot();
        snapshot = snapshot.min(ms(t));
        size = bytes.len();
        let t = Instant::now();
        let again = Engine::from_snapshot(&bytes).expect("the snapshot rebuilds");
        rebuild = rebuild.min(ms(t));
        drop((engine, again));
    }
    println!("load {load:.1} ms; snapshot {snapshot:.1} ms ({size} bytes); from_snapshot {rebuild:.1} ms; load / from_snapshot = {:.2}", load / rebuild);
}
