//! The façade's wasm-bindgen tests in headless Chromium (`make test-wasm`, with
//! `CHROMEDRIVER=/usr/bin/chromedriver`). The cases are in `tests/wasm/suite.rs`, shared with
//! `tests/wasm_node.rs`.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm/suite.rs"]
mod suite;
