//! This thread's CPU time, for the examples that time the core (`status_loop`, `edit_loop`):
//! the machine is shared, and time spent descheduled is not the loop's.

#[repr(C)]
struct Timespec {
    sec: i64,
    nsec: i64,
}

extern "C" {
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
}

/// This thread's CPU time in ns (Linux `CLOCK_THREAD_CPUTIME_ID`).
pub fn cpu_ns() -> i64 {
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; clock 3 is CLOCK_THREAD_CPUTIME_ID on Linux.
    unsafe { clock_gettime(3, &mut ts) };
    ts.sec * 1_000_000_000 + ts.nsec
}
