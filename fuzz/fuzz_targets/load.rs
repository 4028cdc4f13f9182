//! `load`: arbitrary bytes, split at the first 0xFF into roster and credentials text, through
//! `Engine::load`. It must never panic: it returns an engine with warnings, or every problem,
//! each with a path and a short message. A document that loads is then asked every question
//! (see `credgate_fuzz::deep`), so that what the JSON reader lets through is exercised too.
#![no_main]

use credgate::Engine;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (roster, credentials) = credgate_fuzz::split(data);
    match Engine::load(&roster, &credentials) {
        Ok(loaded) => {
            for w in &loaded.warnings {
                assert!(w.message.chars().count() <= 1000, "a warning message is long: {}", w.message.len());
            }
            credgate_fuzz::deep(&loaded.engine);
        }
        Err(e) => {
            assert!(!e.problems().is_empty(), "a failed load names at least one problem");
            for p in e.problems() {
                assert!(p.message.chars().count() <= 1000, "a problem message is long: {}", p.message.len());
                assert!(!p.path.is_empty(), "a problem has a path");
            }
        }
    }
});
