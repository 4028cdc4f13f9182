//! credgate: certification tracking and shift eligibility.
//!
//! May this person work this shift, and if not, why not? credgate answers from two JSON
//! documents (a roster and a credentials export), to the minute and in the shift's own time
//! zone offset, fast enough to answer while a manager drags a shift across a scheduling page.
//! The same core runs as this Rust library, as the `credgate` command line, and compiled to
//! WebAssembly as the npm package `credgate`.
//!
//! ```
//! use credgate::{Engine, ReasonKind, Status};
//!
//! let credentials = r#"{
//!   "credentialTypes": [{"code": "BLS", "name": "Basic Life Support"}],
//!   "credentials": [{"id": "cr-9", "employeeId": "e-17", "code": "BLS",
//!                    "validUntil": "2026-12-01T12:00:00-06:00"}]
//! }"#;
//! let roster = r#"{
//!   "employees": [{"id": "e-17", "name": "Ana Ruiz"}],
//!   "shifts": [{"id": "s-1", "start": "2026-12-01T07:00:00-06:00",
//!               "end": "2026-12-01T19:00:00-06:00", "requires": "BLS", "assigned": ["e-17"]}]
//! }"#;
//! let engine = Engine::load(roster, credentials)?.engine;
//! let verdict = engine.check("e-17", "s-1")?;
//! assert_eq!(verdict.status, Status::Block);
//! assert_eq!(verdict.reasons[0].kind, ReasonKind::ExpiresDuringShift);
//! assert_eq!(verdict.reasons[0].message, "BLS (cr-9) expires at 12:00 on 1 Dec, 5 h into the shift");
//! # Ok::<(), credgate::Error>(())
//! ```
//!
//! The contract (documents, date rules, verdict semantics, operations) is `docs/spec.md`; where it
//! could be read two ways, `docs/decisions.md` says which reading credgate takes.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

#[macro_use]
mod names;
mod alerts;
mod audit;
mod call;
mod csv_import;
mod currency;
mod engine;
mod error;
mod gaps;
mod ids;
mod holders;
// Number text and lowercasing: Rust's own natively, JavaScript's in WebAssembly (wasm/host.rs).
#[cfg(not(target_arch = "wasm32"))]
mod host;
#[cfg(target_arch = "wasm32")]
use wasm::host;
mod human;
pub mod import;
mod json;
mod limits;
mod live;
mod load;
mod model;
mod plan;
mod preview;
mod report;
mod snapshot;
mod sort;
mod requirement;
mod standing;
mod text;
mod time;
#[cfg(test)] mod time_oracle;
mod verdict;
// Used by the WebAssembly façade (src/wasm/) and the drafted verdicts' writers, and natively only
// by the tape's tests.
#[allow(dead_code)]
mod written;

// Public only so that tests/wasm_*.rs can drive the façade; JavaScript sees it as the
// package's `Engine`, Rust users use `Engine` above. Natively, only its tape is compiled, for
// the tests.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod wasm;

pub use alerts::{Alert, Basis, Bucket};
pub use audit::{Audit, AuditFinding, AuditKind};
pub use csv_import::{CsvColumn, CsvImport, CsvKind, CsvOptions, CsvProblem, DateOrder};
pub use engine::{Candidate, EditResult, Engine, Export, Finding, Loaded, Override, Placement, Validation};
pub use error::{Document, Error, ErrorKind, Problem};
pub use gaps::{BlockedShift, Expiries, GapGroup, Gaps, GroupBy, Headcount, OpenShift, TrainingWindow, MAX_GAP_DAYS};
pub use holders::Holder;
pub use live::{ApplyResult, Changes, Clock, Collection, FindingChanges, Op, SystemClock, VerdictChange, MAX_UNDO};
pub use limits::Measure;
pub use load::MAX_DOCUMENT_BYTES;
pub use model::{MAX_COUNT, MAX_REST_HOURS, MAX_SHIFT_MS};
pub use json::{Value, MAX_DEPTH};
pub use plan::{AcceptOp, AcceptTraining, PlanBooking, PlanCost, RenewalPlan, SessionLoad, Sums, Unmet, UnmetReason, DEFAULT_HORIZON_DAYS};
pub use report::ReportOptions;
pub use snapshot::{checksum as snapshot_checksum, SnapshotLoader, FORMAT_VERSION as SNAPSHOT_VERSION};
pub use standing::{CodeStanding, Standing, StandingState};
pub use verdict::{Evidence, Reason, ReasonKind, Severity, Status, Verdict, MAX_LISTED_CONFLICTS};

#[cfg(test)]
mod testutil {
    //! Helpers shared by the unit tests beside the code.

    /// Loads two documents that must load, panicking with every problem when they do not.
    pub fn engine(roster: &str, credentials: &str) -> crate::Engine {
        match crate::Engine::load(roster, credentials) {
            Ok(l) => l.engine,
            Err(e) => panic!("{e}"),
        }
    }
}
