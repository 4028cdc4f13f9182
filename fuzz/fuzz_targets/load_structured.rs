//! `load_structured`: a small document model filled in by `arbitrary` (`credgate_fuzz::Doc`),
//! rendered to JSON, loaded, then asked every question: `check` of every pair against the
//! fast status paths, `candidates`, `validate`, placements, the tracking reports, and export
//! then reload to identical verdicts. The model keeps most documents valid, so the fuzzer's
//! effort goes into the verdict logic rather than into load errors.
#![no_main]

use credgate::Engine;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|doc: credgate_fuzz::Doc| {
    let (roster, credentials) = doc.render();
    match Engine::load(&roster, &credentials) {
        Ok(loaded) => credgate_fuzz::deep(&loaded.engine),
        Err(e) => {
            for p in e.problems() {
                assert!(p.message.chars().count() <= 1000, "a problem message is long: {}", p.message.len());
            }
        }
    }
});
