//! The single edits of SPEC §4 (`assign`, `unassign`, `moveShift`): one-op batches (SPEC §6.1),
//! with the same refusal rule, undoable and logged, answering with §4's fields (the verdict, the
//! findings created and cleared, the override entry) and §6's (`errors`, `changes`).

use super::Op;
use crate::engine::{EditResult, Engine, Override};
use crate::error::Error;
use crate::verdict::{self, Slot, Verdict};

impl Engine {
    /// Assigns an employee to a shift: a batch of one `assign`.
    ///
    /// Refused (nothing changes, `refused: true`) when the assignment, or another one the
    /// batch touches, newly blocks, unless `override` is given: then it is made and logged.
    /// Assigning someone who is already on the shift changes nothing. Unknown ids and a bad
    /// override (empty `by` or `reason`, `at` not an instant) are errors.
    pub fn assign(&mut self, employee_id: &str, shift_id: &str, ov: Option<&Override>) -> Result<EditResult, Error> {
        self.staff(employee_id, shift_id, true, ov)
    }

    /// Removes an employee from a shift. Never refused (it places nobody); removing someone who
    /// is not on the shift changes nothing. The findings show what the removal breaks (a crew
    /// shortfall, a colleague left unsupervised) or mends (an overlap, a rest conflict).
    pub fn unassign(&mut self, employee_id: &str, shift_id: &str) -> Result<EditResult, Error> {
        self.staff(employee_id, shift_id, false, None)
    }

    /// Moves a shift to a new time, with the people on it.
    ///
    /// Refused when it newly blocks an assignment (someone already blocked before the move does
    /// not refuse it), unless `override` is given.
    pub fn move_shift(&mut self, shift_id: &str, start: &str, end: &str, ov: Option<&Override>) -> Result<EditResult, Error> {
        let s = self.shift(shift_id)?;
        let (start_t, end_t) = crate::engine::interval_arg("", start, end)?;
        check_override(ov)?;
        let m = &self.model;
        let old = Slot::of(m, s);
        let moved = Slot { start: start_t, end: end_t, ..old };
        let verdicts = old.coworkers.iter().map(|&e| verdict::verdict(m, e, &moved, Some(s))).collect();
        let own = crate::load::own;
        let op = Op::MoveShift { shift_id: own(shift_id), start: own(start), end: own(end) };
        Ok(self.edit(op, ov, None, verdicts))
    }

    /// [`Engine::assign`] (`assign`, over `ov`) or [`Engine::unassign`]: the ids read (the
    /// employee, then the shift), for an assign the override checked and the verdict judged
    /// before the edit, for an unassign after it. One copy of the two.
    #[inline(never)]
    fn staff(&mut self, employee_id: &str, shift_id: &str, assign: bool, ov: Option<&Override>) -> Result<EditResult, Error> {
        let e = self.employee(employee_id)?;
        let s = self.shift(shift_id)?;
        let judge = |engine: &Engine| verdict::verdict(&engine.model, e, &Slot::of(&engine.model, s), Some(s));
        let before = if assign {
            check_override(ov)?;
            Some(judge(self))
        } else {
            None
        };
        let (employee_id, shift_id) = (crate::load::own(employee_id), crate::load::own(shift_id));
        let op = if assign { Op::Assign { employee_id, shift_id } } else { Op::Unassign { employee_id, shift_id } };
        let mut result = self.edit(op, ov, before, Vec::new());
        if !assign {
            result.verdict = Some(judge(self));
        }
        Ok(result)
    }

    /// Runs a one-op batch and answers in §4's shape and §6's.
    fn edit(&mut self, op: Op, ov: Option<&Override>, verdict: Option<Verdict>, verdicts: Vec<Verdict>) -> EditResult {
        let (result, mut created, mut cleared) = self.run_batch_with(&[Some(op)], Vec::new(), ov, false, true);
        if !result.applied {
            created.clear();
            cleared.clear();
        }
        let override_entry = result.log_entry.filter(|e| matches!(e.get("override"), Some(crate::json::Value::Bool(true)))).map(|e| super::override_entry(&e));
        EditResult { applied: result.applied, refused: result.refused, verdict, verdicts, created, cleared, override_entry, errors: result.errors, changes: result.changes }
    }
}

/// An override must say who and why, and `at` must be an instant.
fn check_override(ov: Option<&Override>) -> Result<(), Error> {
    match ov.map(Engine::override_problems).and_then(|p| p.into_iter().next()) {
        Some(p) => Err(Error::invalid_argument(p)),
        None => Ok(()),
    }
}
