//! Everything JavaScript-specific: the npm package's façade, the tape its results cross on,
//! and the host functions JavaScript answers.
//!
//! | part | owns |
//! | --- | --- |
//! | `facade` | the package's `Engine`: decodes JavaScript arguments, calls one core operation, encodes the answer |
//! | `tape` | the format results cross in, one piece per result (`js/tape.js` reads it) |
//! | `host` | number text and lowercasing from JavaScript, which the crate root makes the core's `host` |
//!
//! The core never names this module: the drafts of verdicts write onto the tape through the
//! small [`crate::verdict::Out`] trait, and the core's `host` functions have the same names
//! natively (`src/host.rs`). The tape is plain Rust and is tested natively too; the façade and
//! the host need `wasm-bindgen` and are compiled for WebAssembly only.

pub(crate) mod tape;
#[cfg(test)]
mod generated;

#[cfg(target_arch = "wasm32")]
mod facade;
#[cfg(target_arch = "wasm32")]
pub(crate) mod host;

#[cfg(target_arch = "wasm32")]
pub use facade::*;

/// The WebAssembly build's allocator: talc in place of std's dlmalloc, 1.6 KB smaller gzipped
/// for a `fromSnapshot` about 1.16× as long (docs/decisions.md 156 and 210 give the figures).
/// Native builds keep the system's allocator.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
