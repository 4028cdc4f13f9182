//! The native integration tests, in one test binary: each file a module, sharing the helpers
//! of `common`, the document generator of `generate` and the reference model of `reference`. (The wasm-bindgen tests,
//! `tests/wasm_node.rs` and `tests/wasm_browser.rs`, target WebAssembly and stay apart.)
//!
//! | module | what |
//! | --- | --- |
//! | `verdicts` | the rules of SPEC §2.1 and §3 at their boundaries, one test per edge |
//! | `edits` | `assign`, `unassign`, `moveShift`, the override log, `export` |
//! | `properties` | property tests against the reference model, and atomic edits |
//! | `load_corpus` | the malformed-input corpus, `tests/corpus/load/` |
//! | `hostile` | hostile input beyond the corpus: sizes, ids, ranges |
//! | `regression` | one test per defect found, named after what it fixed |
//! | `cli`, `cli_edits`, `cli_apply`, `tracking_cli` | the command line: output, stderr and exit codes; edits and batches written atomically |
//! | `inrc2` | the INRC-II importer against the published data |
//! | `live`, `live_properties`, `live_timing` | the live roster (batches of ops, changes, undo, the change log): rules, property tests against two full validations, timings to read (ignored) |
//! | `plan_properties` | `planRenewals`: valid bookings, true reasons, the max-flow where nobody has two needs, a measured comparison with brute force |
//! | `snapshots` | `snapshot` and `fromSnapshot`: the rebuilt engine answers like its engine (property tests) |
//! | `currency` | events in a live roster, export and snapshots (SPEC §8; the rules are in the verdict corpus) |
//! | `limits` | working limits in a live roster (re-judging a window, a batch together, a `put` of the credential a limit applies to), snapshots, the status path (SPEC §8; the rules are in the verdict corpus) |
//! | `corpus_verdicts` | the verdict corpus, `tests/corpus/verdicts/`, also run by the package in Node.js and Chromium |
//!
//! A new file of tests is a module here.

mod common;
mod generate;
mod reference;

mod cli;
mod cli_apply;
mod cli_edits;
mod corpus_verdicts;
mod currency;
mod edits;
mod hostile;
mod inrc2;
mod limits;
mod live;
mod live_properties;
mod live_timing;
mod load_corpus;
mod plan_properties;
mod properties;
mod regression;
mod snapshots;
mod tracking_cli;
mod verdicts;
