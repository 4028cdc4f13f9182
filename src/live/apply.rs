//! Applying a batch: each op in order on the model, its problems collected with their paths,
//! then the verdict changes, the refusal rule and the change log.

use super::store::{Item, Journal, State};
use super::{field, text, ApplyResult, Collection, Op};
use crate::engine::{Engine, Finding, Override};
use crate::call::Call;
use crate::error::{quoted, Document, Problem};
use crate::load::concat;
use crate::json::Value;
use crate::model::*;
use crate::verdict::{Severity, Status};

/// A batch being applied: the first state of each item it touched.
#[derive(Default)]
struct Batching {
    journal: Journal,
    /// Per collection ([`Collection::index`]), a bit per index: touched already. Empty until
    /// the bits are first needed; a list, not an array of seven, so that it is dropped by a
    /// loop (the array's seven frees were written out one by one).
    seen: Vec<Vec<u64>>,
}

impl Batching {
    /// Marks item `i` of `c` touched; whether it was not before. While the batch has touched
    /// a few items (a drop, a renewal), the journal is searched; from the 17th on, a bit per
    /// index (the bits of the journal's items set then), so that a one-op batch allocates and
    /// clears no bitmap as long as its collection.
    #[inline(never)]
    fn first_touch(&mut self, c: Collection, i: u32) -> bool {
        const FEW: usize = 16;
        let Batching { journal, seen } = self;
        let slots = &journal.slots;
        if slots.len() < FEW {
            return !slots.iter().any(|&(c2, i2, _)| c2 == c && i2 == i);
        }
        if slots.len() == FEW && seen.is_empty() {
            seen.resize(Collection::ALL.len(), Vec::new());
            for &(c2, i2, _) in slots {
                mark(seen, c2, i2);
            }
        }
        mark(seen, c, i)
    }
}

/// Sets the bit of item `i` of `c` in `seen` (one list per collection); whether it was clear.
fn mark(seen: &mut [Vec<u64>], c: Collection, i: u32) -> bool {
    let Some(bits) = seen.get_mut(c.index()) else { return true };
    let (w, b) = (i as usize / 64, 1u64 << (i % 64));
    if bits.len() <= w {
        bits.resize(w + 1, 0);
    }
    let fresh = bits[w] & b == 0;
    bits[w] |= b;
    fresh
}

/// The index of the op a problem's path is in (`ops[2].record.id` → 2); `None` for one outside
/// every op (`override.by`, `ops`). Read as `split(']')` and `usize::from_str` read it (the
/// text up to the first `]`, or the end; a `+` first allowed; `None` when empty, not digits,
/// or too large), byte by byte: the two were 766 B of WebAssembly for this one reading.
fn op_index(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("ops[")?.as_bytes();
    let inside = rest.get(..rest.iter().position(|&b| b == b']').unwrap_or(rest.len()))?;
    let digits = inside.strip_prefix(b"+").unwrap_or(inside);
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0usize, |n, &b| n.checked_mul(10)?.checked_add(char::from(b).to_digit(10)? as usize))
}

/// A batch's problems in op order (reading problems were gathered before applying ones),
/// stably; problems of no one op (the override's, a batch that is not an array) first. Sorted
/// as (op index + 1, or 0 for none; place) pairs by the crate's radix sort of pairs, the places
/// breaking ties, and the problems then moved out in that order: where a stable sort of the
/// problems themselves compiled a comparison and a swap of `Problem`s for this one sort.
fn in_op_order(mut errors: Vec<Problem>) -> Vec<Problem> {
    let mut keys: Vec<(u32, u32)> = Vec::with_capacity(errors.len());
    for (k, p) in errors.iter().enumerate() {
        let op = op_index(&p.path).map_or(0, |i| u32::try_from(i).map_or(u32::MAX, |i| i.saturating_add(1)));
        keys.push((op, k as u32));
    }
    crate::sort::sort_pairs(&mut keys);
    let mut out = Vec::with_capacity(errors.len());
    for &(_, k) in &keys {
        if let Some(p) = errors.get_mut(k as usize) {
            out.push(std::mem::replace(p, problem(String::new(), String::new())));
        }
    }
    out
}

fn problem(path: String, message: String) -> Problem {
    Problem { path, message, document: Document::Argument }
}

/// The path of op `i`'s `key` (`ops[1].end`), written by the loader's path writers: one copy
/// for the problems of applying an op and a put's record.
fn op_path(i: usize, key: &str) -> String {
    crate::load::child(&crate::load::element_path("ops", i), key)
}

/// The problem `message` of op `i`'s `key` (`ops[1].end`): one copy of the path's writing for
/// every problem an op has when it is applied.
#[inline(never)]
fn problem_at(errors: &mut Vec<Problem>, i: usize, key: &str, message: String) {
    errors.push(problem(op_path(i, key), message));
}

/// The problem of op `i`'s `key` naming no `noun`: one copy of the message's writing for the
/// employee, the shift and the removed record.
#[inline(never)]
fn missing(errors: &mut Vec<Problem>, i: usize, key: &str, noun: &str, id: &str) {
    problem_at(errors, i, key, concat(&["no ", noun, " has the id ", &quoted(id)]));
}

/// Adds an integer field of the change log (`seq`, an overridden reason's `more`): one copy of
/// the number's writing for both, its digits by the messages' `push_int` (as `to_string` writes
/// them), where `to_string`'s formatting machinery was written out here.
#[inline(never)]
fn number(out: &mut Vec<(String, Value)>, key: &str, n: i64) {
    let mut digits = String::new();
    crate::human::push_int(&mut digits, n);
    field(out, key, Value::Number(digits.into()));
}

impl Engine {
    /// Applies a batch all or nothing (SPEC §6): ops in order, each seeing the ones before it.
    ///
    /// Invalid (any op with a problem, or a bad override): `applied: false`, every problem in
    /// `errors`, nothing changed. Refused (the batch places people and newly blocks an
    /// assignment, without an override): `refused: true`, nothing changed. Otherwise applied,
    /// logged in the change log (with the newly blocked pairs when an override allowed them)
    /// and undoable. A batch whose ops change nothing (an assign of someone on the shift
    /// already) answers `applied: false` and is not logged.
    pub fn apply(&mut self, ops: &[Op], ov: Option<&Override>) -> ApplyResult {
        let ops: Vec<Option<Op>> = ops.iter().cloned().map(Some).collect();
        self.run_batch(&ops, Vec::new(), ov, false)
    }

    /// [`Engine::apply`] of a batch given as JSON (an array of operation objects): the problems
    /// of reading the ops are reported with those of applying them.
    pub fn apply_value(&mut self, ops: &Value, ov: Option<&Override>) -> ApplyResult {
        let (ops, problems) = Op::parse_each(ops);
        self.run_batch(&ops, problems, ov, false)
    }

    /// [`Engine::apply_value`], or with `preview` [`Engine::preview_value`], of a batch read
    /// by [`Op::batch_value_noting`]: `noted`, the problems its text had (a repeated key), make
    /// the batch invalid and are reported in op order with every problem of its ops.
    pub fn run_value(&mut self, ops: &Value, noted: Vec<Problem>, ov: Option<&Override>, preview: bool) -> ApplyResult {
        let (ops, mut problems) = Op::parse_each(ops);
        let mut errors = noted;
        errors.append(&mut problems);
        self.run_batch(&ops, errors, ov, preview)
    }

    /// The answer [`Engine::apply`] would give (`applied` and `refused` included), changing
    /// nothing.
    pub fn preview(&mut self, ops: &[Op], ov: Option<&Override>) -> ApplyResult {
        let ops: Vec<Option<Op>> = ops.iter().cloned().map(Some).collect();
        self.run_batch(&ops, Vec::new(), ov, true)
    }

    /// [`Engine::preview`] of a batch given as JSON.
    pub fn preview_value(&mut self, ops: &Value, ov: Option<&Override>) -> ApplyResult {
        let (ops, problems) = Op::parse_each(ops);
        self.run_batch(&ops, problems, ov, true)
    }

    /// Runs a batch: `ops[i]` is `None` where reading op `i` failed (its problems are in
    /// `errors` already; the others are still applied, to report their problems too).
    pub(crate) fn run_batch(&mut self, ops: &[Option<Op>], errors: Vec<Problem>, ov: Option<&Override>, preview: bool) -> ApplyResult {
        self.run_batch_with(ops, errors, ov, preview, false).0
    }

    /// [`Engine::run_batch`], and when `all_findings`, the findings §4's edits report (every
    /// warn and block reason in scope, and crew shortfalls) created and cleared.
    pub(crate) fn run_batch_with(&mut self, ops: &[Option<Op>], mut errors: Vec<Problem>, ov: Option<&Override>, preview: bool, all_findings: bool) -> (ApplyResult, Vec<Finding>, Vec<Finding>) {
        if let Some(ov) = ov {
            errors.extend(Self::override_problems(ov));
        }
        let start = self.live.store.version;
        let mut b = Batching::default();
        let mut warnings = Vec::new();
        for (i, op) in ops.iter().enumerate() {
            if let Some(op) = op {
                self.run_op(i, op, &mut b, &mut errors, &mut warnings);
            }
        }
        self.flush();
        let errors = in_op_order(errors);
        let mut out = ApplyResult { warnings, ..ApplyResult::default() };
        let (mut created, mut cleared) = (Vec::new(), Vec::new());
        if errors.is_empty() && !b.journal.slots.is_empty() {
            let (changes, was, is, after) = self.changes_and_findings(&mut b.journal, all_findings);
            let mut blocked: Vec<&super::VerdictChange> = Vec::new();
            for c in &changes.verdicts {
                if c.before != Some(Status::Block) && c.after.as_ref().is_some_and(|v| v.status == Status::Block) {
                    blocked.push(c);
                }
            }
            let places = ops.iter().flatten().any(Op::places_people);
            out.refused = places && !blocked.is_empty() && ov.is_none();
            out.applied = !out.refused;
            if out.applied && !preview {
                self.refresh_validation(start, &after);
                let entry = self.log_entry(ops, ov, if places { &blocked } else { &[] });
                self.model.change_log.push(entry.clone());
                self.remember(std::mem::take(&mut b.journal), entry.clone());
                out.log_entry = Some(entry);
            }
            out.changes = changes;
            (created, cleared) = (was, is);
        }
        out.errors = errors;
        // Invalid, refused, previewed or changing nothing: the model as the batch found it.
        if out.log_entry.is_none() {
            self.swap_journal(&mut b.journal);
            self.vouch_validation(start);
        }
        (out, created, cleared)
    }

    /// The change log entry of an applied batch: `{seq, at, by, reason, override, ops}`, and the
    /// newly blocked assignments an override allowed (`overridden`: one per block reason).
    fn log_entry(&self, ops: &[Option<Op>], ov: Option<&Override>, blocked: &[&super::VerdictChange]) -> Value {
        let seq = self.model.change_log.last().and_then(|e| e.get("seq")).and_then(Value::as_f64).map_or(self.model.change_log.len() as i64, |n| n as i64) + 1;
        let at = ov.and_then(|o| o.at.as_deref()).and_then(|a| crate::time::parse_instant(a).ok()).unwrap_or_else(|| crate::time::Instant { ms: self.now_ms(), offset_s: 0 });
        let mut entry = Vec::new();
        number(&mut entry, "seq", seq);
        text(&mut entry, "at", &at.to_rfc3339());
        if let Some(ov) = ov {
            text(&mut entry, "by", &ov.by);
            text(&mut entry, "reason", &ov.reason);
        }
        let overridden = ov.is_some() && !blocked.is_empty();
        field(&mut entry, "override", Value::Bool(overridden));
        // A loop of pushes: a `collect` wrote its first item's push apart from the rest.
        let mut written = Vec::new();
        for op in ops.iter().flatten() {
            written.push(op.to_value());
        }
        field(&mut entry, "ops", Value::Array(written));
        if overridden {
            let mut list = Vec::new();
            for c in blocked {
                let reasons = c.after.as_ref().map_or(&[][..], |v| v.reasons.as_slice());
                for r in reasons.iter().filter(|r| r.severity == Severity::Block) {
                    let mut o = Vec::new();
                    text(&mut o, "employeeId", &c.employee_id);
                    text(&mut o, "shiftId", &c.shift_id);
                    text(&mut o, "kind", r.kind.as_str());
                    if let Some(code) = &r.code {
                        text(&mut o, "code", code);
                    }
                    text(&mut o, "message", &r.message);
                    if let Some(n) = r.more {
                        number(&mut o, "more", i64::from(n));
                    }
                    list.push(Value::Object(o));
                }
            }
            field(&mut entry, "overridden", Value::Array(list));
        }
        Value::Object(entry)
    }

    /// Puts `state` in as the state of item `i` of `c`, keeping the first state the batch found.
    fn set(&mut self, b: &mut Batching, c: Collection, i: u32, mut state: State) {
        self.swap_state(c, i, &mut state);
        if b.first_touch(c, i) {
            b.journal.slots.push((c, i, state));
        }
    }

    /// Changes shift `s` by `f` (it is then written from the model by `export`).
    /// (`f` by reference: one copy of this for the four edits.)
    fn edit_shift(&mut self, b: &mut Batching, s: ShiftIdx, f: &dyn for<'a> Call<&'a mut Shift, ()>) {
        let Some(mut state) = self.state(Collection::Shifts, s) else { return };
        if let Item::Shift(shift) = &mut state.item {
            f.call(shift);
            shift.dirty = true;
        }
        self.set(b, Collection::Shifts, s, state);
    }

    /// Applies op `i`, adding its problems to `errors` (and then changing nothing itself).
    fn run_op(&mut self, i: usize, op: &Op, b: &mut Batching, errors: &mut Vec<Problem>, warnings: &mut Vec<Problem>) {
        let n0 = errors.len();
        let employee = |engine: &Engine, errors: &mut Vec<Problem>, id: &str| {
            let e = engine.model.find_employee(id);
            if e.is_none() {
                missing(errors, i, "employeeId", "employee", id);
            }
            e
        };
        let shift = |engine: &Engine, errors: &mut Vec<Problem>, id: &str| {
            let s = engine.model.find_shift(id);
            if s.is_none() {
                missing(errors, i, "shiftId", "shift", id);
            }
            s
        };
        match op {
            Op::Assign { employee_id, shift_id } | Op::Unassign { employee_id, shift_id } => {
                let e = employee(self, errors, employee_id);
                let s = shift(self, errors, shift_id);
                let (Some(e), Some(s)) = (e, s) else { return };
                let on = crate::model::listed(&self.model.shifts[s as usize].assigned, e);
                match op {
                    Op::Assign { .. } if !on => self.edit_shift(b, s, &|sh: &mut Shift| sh.assigned.push(e)),
                    Op::Unassign { .. } if on => self.edit_shift(b, s, &|sh: &mut Shift| sh.assigned.retain(|&x| x != e)),
                    _ => {}
                }
            }
            Op::MoveShift { shift_id, start, end } => {
                let s = shift(self, errors, shift_id);
                let mut instant = |key: &str, text: &str| match crate::time::parse_instant(text) {
                    Ok(t) => Some(t),
                    Err(e) => {
                        problem_at(errors, i, key, e.0);
                        None
                    }
                };
                let (start, end) = (instant("start", start), instant("end", end));
                let (Some(s), Some(start), Some(end)) = (s, start, end) else { return };
                if let Err(bad) = crate::model::shift_interval(start, end) {
                    problem_at(errors, i, "end", bad.message(start, end));
                }
                if errors.len() == n0 {
                    self.edit_shift(b, s, &|sh: &mut Shift| {
                        sh.start = start;
                        sh.end = end;
                    });
                }
            }
            Op::Put { collection, record } => self.put(i, *collection, record, b, errors, warnings),
            Op::Remove { collection, id } => {
                let c = *collection;
                // Employees and shifts as `find_employee` and `find_shift` find them: by id,
                // unless removed.
                let Some(x) = self.index_of(c, id).filter(|&x| self.exists(c, x)) else {
                    missing(errors, i, "id", c.noun(), id);
                    return;
                };
                if c == Collection::Employees {
                    // Off every shift; their records stay, as orphans.
                    let shifts: Vec<ShiftIdx> = self.model.shifts_of(x).iter().map(|a| a.shift).collect();
                    for s in shifts {
                        self.edit_shift(b, s, &|sh: &mut Shift| sh.assigned.retain(|&y| y != x));
                    }
                    self.relink(b, id, Some(x), None);
                }
                if let Some(mut state) = self.state(c, x) {
                    state.live = false;
                    self.set(b, c, x, state);
                }
            }
        }
    }

    /// Points the live records, waivers and trainings of employee id `id` linked to `from` at
    /// `to` instead: orphans when an employee is removed, linked again when one is put.
    fn relink(&mut self, b: &mut Batching, id: &str, from: Option<EmpIdx>, to: Option<EmpIdx>) {
        let m = &self.model;
        let mut found: Vec<(Collection, u32)> = Vec::new();
        // One loop over the four collections that name an employee (a generic filter per
        // collection was four copies of it).
        for c in [Collection::Credentials, Collection::Waivers, Collection::Trainings, Collection::Events] {
            for x in 0..self.len_of(c) as u32 {
                let owner = match c {
                    Collection::Credentials => m.records.get(x as usize).map(|r| (r.employee, r.employee_id.as_str())),
                    Collection::Waivers => m.waivers.get(x as usize).map(|w| (w.employee, w.employee_id.as_str())),
                    Collection::Trainings => m.trainings.get(x as usize).map(|t| (t.employee, t.employee_id.as_str())),
                    _ => m.events.get(x as usize).map(|v| (v.employee, v.employee_id.as_str())),
                };
                if owner.is_some_and(|(emp, emp_id)| emp == from && emp_id == id) && self.exists(c, x) {
                    found.push((c, x));
                }
            }
        }
        for (c, x) in found {
            let Some(mut state) = self.state(c, x) else { continue };
            match &mut state.item {
                Item::Record(r) => r.employee = to,
                Item::Waiver(w) => w.employee = to,
                Item::Training(t) => t.employee = to,
                Item::Event(v) => v.employee = to,
                _ => {}
            }
            self.set(b, c, x, state);
        }
    }

    /// A `put`: the record read by the loader's rules for an element of its collection, then
    /// inserted, or replacing the one with its id whole.
    fn put(&mut self, i: usize, c: Collection, record: &Value, b: &mut Batching, errors: &mut Vec<Problem>, warnings: &mut Vec<Problem>) {
        let (element, mut errs, mut warns) = crate::load::read_element(&mut self.model, c, record, &op_path(i, "record"));
        // More than 64 jurisdictions (a put may name new ones): the packed masks no longer
        // answer, and `Model::covers` reads the records' lists instead.
        if self.model.jurisdictions.len() > 64 {
            self.model.jur_masks = false;
        }
        errors.append(&mut errs);
        warnings.append(&mut warns);
        // The element's id is the record's `id`: the loader reads the first field of that name,
        // as `get` does, and reads no element without one (a string, not empty). Borrowed from
        // the record, where a match over the seven elements cloned it out of each.
        let (Some(item), Some(id)) = (element, record.get("id").and_then(Value::as_str)) else { return };
        let (x, was_live, item) = match self.index_of(c, id) {
            Some(x) => (x, self.exists(c, x), item),
            None => {
                // Appended as a tombstone of itself; the live state swapped in is a copy.
                let x = self.append(c, id, item);
                let Some(tombstone) = self.state(c, x) else { return };
                (x, false, tombstone.item)
            }
        };
        self.set(b, c, x, State { item, live: true, value: Some(record.clone()) });
        if c == Collection::Employees && !was_live {
            // Records that named this id while no employee had it count again.
            self.relink(b, id, None, Some(x));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn op_index_reads_the_index_as_split_and_parse_did() {
        let cases = ["ops[0].id", "ops[12]", "ops[7", "ops[+3].x", "ops[+].x", "ops[].x", "ops[-1]", "ops[1a]", "ops[18446744073709551615]", "ops[18446744073709551616]", "ops", "override.by", "ops[2].record[3]", "ops[٣]"];
        for path in cases {
            let old: Option<usize> = path.strip_prefix("ops[").and_then(|r| r.split(']').next()).and_then(|t| t.parse().ok());
            assert_eq!(super::op_index(path), old, "{path}");
        }
    }
}
