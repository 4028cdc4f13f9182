//! The heap an engine holds after loading, the peak of loading, and the per-drag status path
//! over the benchmark's cold sweep, natively: `cargo run --release --example heap -- DIR`
//! (DIR holds `roster.json` and `credentials.json`, e.g. `bench/out/data/x1` of
//! `bench/generate.mjs`).
//!
//! The figure SPEC §5 sets is the WebAssembly memory after `Engine.load` (`bench/run.mjs`);
//! this counts the same allocations natively (pointers are 8 bytes here, 4 there), so that a
//! change to the model's layout can be weighed in a second instead of a package build.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static COUNT: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        COUNT.fetch_add(1, Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        COUNT.fetch_sub(1, Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A moving realloc holds both blocks for a moment: count the new one first.
        let live = LIVE.fetch_add(new_size, Relaxed) + new_size;
        PEAK.fetch_max(live, Relaxed);
        LIVE.fetch_sub(layout.size(), Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / f64::from(1 << 20))
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "bench/out/data/x1".into());
    let roster = std::fs::read_to_string(format!("{dir}/roster.json")).expect("DIR/roster.json");
    let credentials = std::fs::read_to_string(format!("{dir}/credentials.json")).expect("DIR/credentials.json");
    let text = roster.len() + credentials.len();
    let (live0, count0) = (LIVE.load(Relaxed), COUNT.load(Relaxed));
    PEAK.store(live0, Relaxed);
    let t0 = std::time::Instant::now();
    // As the package loads: the text is handed over and kept for `export`.
    let engine = match credgate::Engine::load_owned(roster, credentials) {
        Ok(l) => l.engine,
        Err(e) => panic!("{e}"),
    };
    let load = t0.elapsed();
    let (live, peak, count) = (LIVE.load(Relaxed), PEAK.load(Relaxed), COUNT.load(Relaxed));
    println!("text {}; after load: {} held ({} beside the text, {} allocations); peak of loading {} ({} beside the text); load {load:.0?}",
        mib(text), mib(live - live0 + text), mib(live - live0), count + 2 - count0, mib(peak - live0 + text), mib(peak - live0));

    // The benchmark's sweep: every assigned pair in roster order.
    let mut pairs = Vec::new();
    let shift_ids: Vec<String> = engine.shift_ids().map(str::to_string).collect();
    for (s, id) in shift_ids.iter().enumerate() {
        for e in engine.assigned(id).unwrap_or_default() {
            pairs.push((engine.employee_index(e).unwrap_or(0), s as u32));
        }
    }
    let rounds: usize = std::env::var("ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(5);
    let mut best = f64::INFINITY;
    let mut sink = 0u64;
    for _ in 0..rounds {
        let t = std::time::Instant::now();
        for &(e, s) in &pairs {
            sink += engine.status(e, s).map_or(3, |s| s as u64);
        }
        best = best.min(t.elapsed().as_nanos() as f64 / pairs.len() as f64);
    }
    println!("status over {} assigned pairs in roster order: {best:.0} ns a call (checksum {sink})", pairs.len());
    if std::env::var("VALIDATE").is_ok() {
        let mut best = f64::INFINITY;
        for _ in 0..rounds {
            let t = std::time::Instant::now();
            let v = engine.validate();
            std::hint::black_box(&v);
            best = best.min(t.elapsed().as_secs_f64() * 1e3);
        }
        println!("validate: {best:.1} ms");
    }
}
