//! Verdicts: may this employee work this shift, and if not, why not.
//!
//! This module owns SPEC §3: how one credential record is judged against a shift, which record
//! wins when an employee holds several, how waivers, grace and supervision enter, the checks
//! beside credentials (role, overlap, training, rest), and the answer they make. It is five
//! parts, each depending only on those before it:
//!
//! | part | owns |
//! | --- | --- |
//! | `types` | the public answer: [`Verdict`], [`Reason`], [`Evidence`], [`Status`], [`Severity`], [`ReasonKind`] |
//! | `rules` | the judging, by index and rank, with no text: the allocation-free status path |
//! | `messages` | the wording of each reason, from what the rules decided |
//! | `draft` | the verdict drafted by index from the rules and the messages, and made into the public types |
//! | `write` | a drafted verdict written item by item through a small trait, `Out`, which the WebAssembly package's tape implements |
//!
//! # Judging one record
//!
//! A record counts for a shift only when it is valid for the **whole** shift, `[start, end)`.
//! Its `validFrom` is read in the offset of the shift's start, its `validUntil` in the offset of
//! the shift's end (see the `time` module). Then, for a record meeting code C:
//!
//! - a `pending`, `suspended` or `revoked` record reads as its status when its window touches the
//!   shift; a window wholly before the shift reads `expired`, wholly after it `notYetValid`;
//! - an `active` record is judged on time first (`notYetValid` when it starts after the shift
//!   starts, `expiresDuringShift` when it ends inside the shift, `expired` when it ended before,
//!   unless the type's grace covers the shift's end), then on jurisdiction, then on supervision,
//!   then on its own type's currency (SPEC §8: `notCurrent` when the holder's events fall short);
//! - a record that passes all four is met; met but expiring within the type's smallest
//!   `alertDays` after the shift (counted in calendar days, as `daysLeft`) adds an `expiringSoon`
//!   note; met only through grace reads `inGrace`.
//!
//! Across the records and waivers for C, the best outcome wins, in this order: met, expiring,
//! in grace, waived, then `notCurrent`, `unsupervised`, `wrongJurisdiction`, `expiresDuringShift`,
//! `notYetValid`, `pending`, `suspended`, `revoked`, `expired`, and `missing` when there is no
//! record at all. Among records with the same outcome, the one valid longest (latest
//! `validUntil`, a never-expiring one first) is reported, then the earlier in the document.
//!
//! # Example: a card expiring at midnight blocks a night shift
//!
//! ```
//! use credgate::{Engine, ReasonKind, Status};
//! let credentials = r#"{"credentialTypes": [{"code": "BLS"}],
//!   "credentials": [{"id": "c1", "employeeId": "e1", "code": "BLS", "validUntil": "2026-12-01"}]}"#;
//! let roster = r#"{"employees": [{"id": "e1"}], "shifts": [
//!   {"id": "night", "start": "2026-12-01T19:00:00-06:00", "end": "2026-12-02T07:00:00-06:00", "requires": "BLS"},
//!   {"id": "day", "start": "2026-12-01T07:00:00-06:00", "end": "2026-12-01T19:00:00-06:00", "requires": "BLS"}]}"#;
//! let engine = Engine::load(roster, credentials).unwrap().engine;
//! let night = engine.check("e1", "night").unwrap();
//! assert_eq!(night.status, Status::Block);
//! assert_eq!(night.reasons[0].kind, ReasonKind::ExpiresDuringShift);
//! assert_eq!(night.reasons[0].at.as_deref(), Some("2026-12-02T00:00:00-06:00"));
//! // The day shift ends before midnight: the card is valid through the end of 1 December.
//! assert_eq!(engine.check("e1", "day").unwrap().status, Status::Ok);
//! ```
//!
//! # Example: a compact licence covers Texas
//!
//! ```
//! use credgate::{Engine, Status};
//! let credentials = r#"{"credentialTypes": [{"code": "RN", "jurisdictional": true}],
//!   "jurisdictionGroups": [{"code": "NLC", "members": ["US-TX", "US-FL"]}],
//!   "credentials": [{"id": "c1", "employeeId": "e1", "code": "RN", "validUntil": null, "validIn": ["NLC"]}]}"#;
//! let roster = r#"{"locations": [{"id": "houston", "jurisdiction": "US-TX"}, {"id": "sf", "jurisdiction": "US-CA"}],
//!   "employees": [{"id": "e1"}], "shifts": [
//!   {"id": "tx", "start": "2026-12-01T07:00:00-06:00", "end": "2026-12-01T19:00:00-06:00", "locationId": "houston", "requires": "RN"},
//!   {"id": "ca", "start": "2026-12-02T07:00:00-08:00", "end": "2026-12-02T19:00:00-08:00", "locationId": "sf", "requires": "RN"}]}"#;
//! let engine = Engine::load(roster, credentials).unwrap().engine;
//! assert_eq!(engine.check("e1", "tx").unwrap().status, Status::Ok);
//! assert_eq!(engine.check("e1", "ca").unwrap().status, Status::Block);
//! ```

mod draft;
mod messages;
mod rules;
mod types;
// Used by the WebAssembly façade (src/wasm/), and natively only by the tape's tests: the one
// module of the core that a native build does not call.
#[allow(dead_code)]
pub(crate) mod write;

pub use types::{Evidence, Reason, ReasonKind, Severity, Status, Verdict, MAX_LISTED_CONFLICTS};
pub(crate) use types::{copy_text, same_text};

pub(crate) use draft::{draft, first, verdict, DraftReason, Drafts, Scratch};
pub(crate) use write::Reuse;
#[cfg(test)]
pub(crate) use draft::tests;
pub(crate) use rules::{days_left, eval_code, rank_status, req_counts, status, status_warm, ByCode, Slot, RANK_MISSING};
