//! The live roster (SPEC §6): the engine as a document edited by batches of operations, with
//! the verdicts each batch changes, undo and redo, and a change log.
//!
//! An [`Op`] assigns, unassigns, moves a shift, or `put`s or `remove`s a record of one of the
//! edited collections (employees, shifts, credentials, waivers, trainings). [`Engine::apply`]
//! applies a batch all or nothing, in order, each op seeing the ones before it, and answers
//! with an [`ApplyResult`]: whether it applied, whether it was refused, every problem of every
//! op (then nothing changes), and the [`Changes`] it made: every assignment whose status or
//! reasons changed, and the shift findings added and removed.
//!
//! ```
//! use credgate::{Engine, Op, Status, Value};
//! let credentials = r#"{"credentialTypes": [{"code": "BLS"}],
//!   "credentials": [{"id": "c1", "employeeId": "ana", "code": "BLS", "validUntil": "2026-11-30"}]}"#;
//! let roster = r#"{"employees": [{"id": "ana"}], "shifts": [{"id": "s1", "start": "2026-12-01T07:00:00-06:00",
//!   "end": "2026-12-01T19:00:00-06:00", "requires": "BLS", "assigned": ["ana"]}]}"#;
//! let mut engine = Engine::load(roster, credentials)?.engine;
//! // The renewal arrives from the HR system: a new record, always applied.
//! let renewal = Value::parse(r#"[{"op": "put", "collection": "credentials",
//!   "record": {"id": "c2", "employeeId": "ana", "code": "BLS", "validUntil": "2028-11-30", "note": "kept"}}]"#).unwrap();
//! let result = engine.apply_value(&renewal, None);
//! assert!(result.applied && result.errors.is_empty());
//! let change = &result.changes.verdicts[0];
//! assert_eq!((change.before, change.after.as_ref().map(|v| v.status)), (Some(Status::Block), Some(Status::Ok)));
//! // Undo takes the whole batch back.
//! assert!(engine.undo().applied);
//! assert_eq!(engine.check("ana", "s1")?.status, Status::Block);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What a batch is judged on
//!
//! Only the batch's end state is judged against its start, so a hand-over (assign the new
//! person, then unassign the old) or a two-shift drag is judged once, as a whole. A batch that
//! places people (an `assign`, a `moveShift`, a `put` of a shift) and leaves some assignment
//! blocked that was not blocked before is refused, unless an [`Override`] says who allows it and
//! why. Records, employees and removals are facts from the systems of record: they always apply.
//!
//! # Changes are computed where they can happen
//!
//! A batch never re-validates the roster. The assignments it can change are those of the
//! employees it touched (their records, roles, trainings: every assignment of theirs; their
//! assignments near a shift it moved or staffed), and every assignment on a shift it touched or
//! on a shift of a touched employee (coworkers supervise each other and count for crew). Those
//! are judged in the end state and, after swapping the touched items back, in the start state
//! (see [`store`]); a pair is listed when its status or its reasons differ, messages and order
//! aside.

mod apply;
pub(crate) mod cache;
mod changes;
mod edits;
mod export;
mod ops;
mod store;

pub use changes::{Changes, FindingChanges, VerdictChange};
pub use ops::{Collection, Op};

use crate::engine::{Engine, Override};
use crate::error::Problem;
use crate::json::Value;
use serde::Serialize;
use std::sync::Arc;

/// How many applied batches can be undone, the most recent first.
pub const MAX_UNDO: usize = 100;

/// The answer of [`Engine::apply`], [`Engine::preview`], [`Engine::undo`] and
/// [`Engine::redo`] (SPEC §6.1).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ApplyResult {
    /// Whether the documents changed (for `preview`: whether `apply` would change them).
    pub applied: bool,
    /// Whether the batch was refused: it places people and newly blocks an assignment, and no
    /// override was given.
    pub refused: bool,
    /// Every problem of every invalid op, with its path from the batch (`ops[2].record.validUntil`);
    /// empty unless the batch is invalid, and then nothing changed.
    pub errors: Vec<Problem>,
    /// What the batch changed (for a refused batch or a preview: would change).
    pub changes: Changes,
    /// Warnings about the records put (unknown employee, did-you-mean...), as a load gives them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Problem>,
    /// The change log entry written, when the batch was applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_entry: Option<Value>,
}

/// Where the change log's `at` comes from when the caller gives none: milliseconds since the
/// epoch. The native default reads the system clock; in WebAssembly the façade sets one that
/// reads `Date.now()`, and tests set a fixed one.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// Now, in milliseconds since 1970-01-01T00:00:00Z.
    fn now_ms(&self) -> i64;
}

/// The system clock (UTC): the host's (`std::time::SystemTime` natively, JavaScript's
/// `Date.now()` in WebAssembly).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        crate::host::now_ms()
    }
}

/// A batch that can be undone (or redone): the other state of every item it touched, and its
/// change log entry.
#[derive(Debug, Clone)]
struct Batch {
    journal: store::Journal,
    entry: Value,
}

/// What the engine keeps to be a live document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Live {
    pub store: store::Store,
    done: Vec<Batch>,
    undone: Vec<Batch>,
    clock: Option<Arc<dyn Clock>>,
    /// The last validation, kept up to date by the batches.
    cache: cache::Cache,
}

impl Engine {
    /// Sets the clock that stamps change log entries when no override gives an `at`.
    pub fn set_clock(&mut self, clock: Arc<dyn Clock>) {
        self.live.clock = Some(clock);
    }

    fn now_ms(&self) -> i64 {
        match &self.live.clock {
            Some(c) => c.now_ms(),
            None => SystemClock.now_ms(),
        }
    }

    /// The change log: one entry per applied batch (single edits included), oldest first,
    /// including the entries loaded from the roster's `changeLog`.
    pub fn change_log(&self) -> &[Value] {
        &self.model.change_log
    }

    /// Takes back the last applied batch: the documents are exactly as before it (its log entry
    /// removed), and the answer lists the changes the undo makes. With nothing to undo, answers
    /// `applied: false` and changes nothing.
    pub fn undo(&mut self) -> ApplyResult {
        self.replay(true)
    }

    /// Applies again the last batch undone, with its log entry. After a new batch (or with
    /// nothing undone), answers `applied: false` and changes nothing.
    pub fn redo(&mut self) -> ApplyResult {
        self.replay(false)
    }

    /// [`Engine::undo`] (`undo`) or [`Engine::redo`]: the last batch of one stack swapped in
    /// and moved onto the other, its log entry taken out of the change log or put back. One
    /// copy of the two (each had its own copy of `transition`, inlined).
    #[inline(never)]
    fn replay(&mut self, undo: bool) -> ApplyResult {
        let from = if undo { &mut self.live.done } else { &mut self.live.undone };
        let Some(mut batch) = from.pop() else { return ApplyResult::default() };
        let changes = self.transition(&mut batch.journal);
        let log = &mut self.model.change_log;
        let log_entry = if undo {
            if log.last() == Some(&batch.entry) {
                log.pop();
            }
            None
        } else {
            log.push(batch.entry.clone());
            Some(batch.entry.clone())
        };
        let to = if undo { &mut self.live.undone } else { &mut self.live.done };
        to.push(batch);
        ApplyResult { applied: true, changes, log_entry, ..ApplyResult::default() }
    }

    /// Whether the last batch applied, undone (`undone`) or redone gave an employee another
    /// name: the only way an index of the ids a result writes (`verdict::write::table`) comes
    /// to name another text, since items are never taken out of their collections (a removed
    /// one is a tombstone, and an undone `put` of a new one leaves one).
    /// Used by the WebAssembly façade alone (js-tests/live.test.mjs tests it there).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn renamed_by_last(&self, undone: bool) -> bool {
        let batch = if undone { self.live.undone.last() } else { self.live.done.last() };
        batch.is_some_and(|b| {
            b.journal.slots.iter().any(|(c, i, state)| match &state.item {
                store::Item::Employee(e) if *c == Collection::Employees => self.model.employees.get(*i as usize).is_none_or(|now| now.name != e.name),
                _ => false,
            })
        })
    }

    /// Whether there is a batch to undo.
    pub fn can_undo(&self) -> bool {
        !self.live.done.is_empty()
    }

    /// Whether there is a batch to redo.
    pub fn can_redo(&self) -> bool {
        !self.live.undone.is_empty()
    }

    /// Records an applied batch for undo, dropping the oldest beyond [`MAX_UNDO`], and forgets
    /// what could be redone.
    fn remember(&mut self, journal: store::Journal, entry: Value) {
        self.live.undone.clear();
        self.live.done.push(Batch { journal, entry });
        if self.live.done.len() > MAX_UNDO {
            self.live.done.remove(0);
        }
    }

    /// Every override: the entries of the roster's earlier `overrides` log, then the change log
    /// entries made over a block, oldest first.
    pub fn overrides(&self) -> Vec<Value> {
        let mut all = self.overrides.clone();
        for e in &self.model.change_log {
            if matches!(e.get("override"), Some(Value::Bool(true))) {
                all.push(override_entry(e));
            }
        }
        all
    }

    /// Validates an override: a non-empty `by` and `reason`, and `at` an instant when given.
    pub(crate) fn override_problems(ov: &Override) -> Vec<Problem> {
        // One out-of-line copy of the problem's writing and of the blank test (a `trim`, which
        // decodes characters) for the three fields.
        #[inline(never)]
        fn bad(out: &mut Vec<Problem>, path: &str, message: &str) {
            out.push(Problem { path: crate::load::own(path), message: crate::load::own(message), document: crate::error::Document::Argument });
        }
        #[inline(never)]
        fn blank(text: &str) -> bool {
            crate::text::trim(text).is_empty()
        }
        let mut out = Vec::new();
        if blank(&ov.by) {
            bad(&mut out, "override.by", "an override must say who made it");
        }
        if blank(&ov.reason) {
            bad(&mut out, "override.reason", "an override must say why");
        }
        if let Some(at) = &ov.at {
            if let Err(e) = crate::time::parse_instant(at) {
                bad(&mut out, "override.at", &e.0);
            }
        }
        out
    }
}

/// Adds the field `key: value` to an object's fields: one out-of-line copy of the push for
/// every field the change log and the ops' JSON write (where each site pushed the pair handed
/// back, its growth and its move written out there), the key copied by the loader's `own`.
#[inline(never)]
pub(crate) fn field(out: &mut Vec<(String, Value)>, key: &str, value: Value) {
    out.push((crate::load::own(key), value));
}

/// Adds a string field (see [`field`]).
#[inline(never)]
pub(crate) fn text(out: &mut Vec<(String, Value)>, key: &str, value: &str) {
    field(out, key, Value::String(crate::load::own(value)));
}

/// A change-log entry made by an override, as the override log has always written one: the
/// entry's own fields after the earlier log's `action` (the op, or `"apply"` for a batch of
/// several ops), `employeeId`, `shiftId`, `start` and `end` (those its one op has), so that a
/// reader of `overrides()` written for the earlier log still finds what it reads.
pub(crate) fn override_entry(entry: &Value) -> Value {
    let ops = match entry.get("ops") {
        Some(Value::Array(ops)) => ops.as_slice(),
        _ => &[],
    };
    let mut fields: Vec<(String, Value)> = Vec::new();
    match ops {
        [op] => {
            // The earlier log's name of each field, then the op's. The list behind a
            // `black_box`, so that the loop is not unrolled into five copies of its body.
            const NAMES: [(&str, &str); 5] = [("action", "op"), ("employeeId", "employeeId"), ("shiftId", "shiftId"), ("start", "start"), ("end", "end")];
            for &(name, key) in std::hint::black_box(&NAMES[..]) {
                if let Some(v @ Value::String(_)) = op.get(key) {
                    field(&mut fields, name, v.clone());
                }
            }
        }
        _ => text(&mut fields, "action", "apply"),
    }
    // The entry's own fields that the ones above do not name, in order (a loop of pushes: a
    // `filter`, `cloned` and `collect` kept an iterator's `next` of its own).
    let named = fields.len();
    if let Value::Object(own) = entry {
        for (k, v) in own {
            if !fields.iter().take(named).any(|(f, _)| f == k) {
                fields.push((k.clone(), v.clone()));
            }
        }
    }
    Value::Object(fields)
}
