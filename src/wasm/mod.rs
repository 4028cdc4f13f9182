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
