//! The façade's wasm-bindgen tests in Node.js (`make test-wasm`). The cases are in
//! `tests/wasm/suite.rs`, shared with `tests/wasm_browser.rs`.
#![cfg(target_arch = "wasm32")]

#[path = "wasm/suite.rs"]
mod suite;
