//! Previews of a drag: the verdicts a shift would get at a new time, with nothing changed.
//!
//! A scheduling page asks this while a manager drags a shift across the calendar: `move_shift`
//! would judge exactly these verdicts before deciding, but it also applies the move. A preview
//! carries the shift's own location, role, queues, requirement and crew along, so the caller
//! does not have to restate them as a [`Placement`](crate::Placement).
//!
//! ```
//! use credgate::{Engine, Status};
//! let credentials = r#"{"credentialTypes": [{"code": "BLS"}],
//!   "credentials": [{"id": "c1", "employeeId": "e1", "code": "BLS", "validUntil": "2026-12-01"}]}"#;
//! let roster = r#"{"employees": [{"id": "e1"}, {"id": "e2"}], "shifts": [
//!   {"id": "day", "start": "2026-12-01T07:00:00-06:00", "end": "2026-12-01T19:00:00-06:00",
//!    "requires": "BLS", "assigned": ["e1"]}]}"#;
//! let engine = Engine::load(roster, credentials).unwrap().engine;
//! // Dragged to the next day, the card no longer covers it:
//! let verdicts = engine.check_move("day", "2026-12-02T07:00:00-06:00", "2026-12-02T19:00:00-06:00").unwrap();
//! assert_eq!(verdicts[0].status, Status::Block);
//! // Nothing moved.
//! assert_eq!(engine.check("e1", "day").unwrap().status, Status::Ok);
//! // Someone not on the shift, judged at the new time:
//! let v = engine.check_moved("e2", "day", "2026-12-02T07:00:00-06:00", "2026-12-02T19:00:00-06:00").unwrap();
//! assert_eq!(v.shift_id.as_deref(), Some("day"));
//! ```

use crate::engine::{interval_arg, Engine};
use crate::error::Error;
use crate::verdict::{self, Scratch, Slot, Verdict};

impl Engine {
    /// The verdict of every employee assigned to `shift_id` if the shift moved to
    /// `[start, end)`, in assignment order: what [`Engine::move_shift`] would judge before
    /// deciding, without moving anything.
    pub fn check_move(&self, shift_id: &str, start: &str, end: &str) -> Result<Vec<Verdict>, Error> {
        let mut scratch = Scratch::default();
        let n = self.draft_move(None, shift_id, start, end, &mut scratch)?;
        Ok((0..n).filter_map(|i| scratch.drafts.verdict(&self.model, i)).collect())
    }

    /// The verdict of `employee_id` on shift `shift_id` moved to `[start, end)`, whether or not
    /// they are assigned to it: as [`Engine::check`], at the new time. The shift does not overlap
    /// itself, and the people on it move with it (and can supervise).
    pub fn check_moved(&self, employee_id: &str, shift_id: &str, start: &str, end: &str) -> Result<Verdict, Error> {
        let mut scratch = Scratch::default();
        self.draft_move(Some(employee_id), shift_id, start, end, &mut scratch)?;
        Ok(verdict::first(&self.model, &scratch))
    }

    /// Drafts into `scratch` (emptied first) the verdict of [`Engine::check_moved`] for
    /// `employee_id`, or those of [`Engine::check_move`] for `None`, and returns how many: one
    /// reading of the arguments and of the moved shift for both, and for the WebAssembly
    /// package's writers of both (`crate::verdict::write`).
    pub(crate) fn draft_move(&self, employee_id: Option<&str>, shift_id: &str, start: &str, end: &str, scratch: &mut Scratch) -> Result<usize, Error> {
        let e = match employee_id {
            Some(id) => Some(self.employee_index(id).ok_or_else(|| Error::unknown_employee(id))?),
            None => None,
        };
        let s = self.shift_index(shift_id).ok_or_else(|| Error::unknown_shift(shift_id))?;
        let (start, end) = interval_arg("", start, end)?;
        let m = &self.model;
        let moved = Slot { start, end, ..Slot::of(m, s) };
        let who = match &e {
            Some(e) => std::slice::from_ref(e),
            None => moved.coworkers,
        };
        scratch.drafts.clear();
        for &x in who {
            verdict::draft(m, x, &moved, Some(s), scratch);
        }
        Ok(who.len())
    }
}

#[cfg(test)]
mod tests {
    use crate::Engine;

    const CREDENTIALS: &str = r#"{"credentialTypes": [{"code": "BLS"}],
      "credentials": [{"id": "c1", "employeeId": "e1", "code": "BLS", "validUntil": "2026-12-01"},
                      {"id": "c2", "employeeId": "e2", "code": "BLS", "validUntil": null}]}"#;
    const ROSTER: &str = r#"{"employees": [{"id": "e1"}, {"id": "e2"}], "rules": {"minRestHours": 10},
      "shifts": [
        {"id": "day", "start": "2026-12-01T07:00:00-06:00", "end": "2026-12-01T19:00:00-06:00", "requires": "BLS", "assigned": ["e1", "e2"]},
        {"id": "late", "start": "2026-12-02T15:00:00-06:00", "end": "2026-12-02T23:00:00-06:00", "assigned": ["e2"]}]}"#;

    /// A preview is what `move_shift` then finds, and changes nothing until then.
    #[test]
    fn a_preview_agrees_with_the_move_and_changes_nothing() {
        let engine = Engine::load(ROSTER, CREDENTIALS).unwrap().engine;
        let before = engine.validate();
        for (start, end) in [
            ("2026-12-01T08:00:00-06:00", "2026-12-01T20:00:00-06:00"),
            ("2026-12-02T07:00:00-06:00", "2026-12-02T19:00:00-06:00"),
            ("2026-12-02T06:00:00Z", "2026-12-02T10:00:00Z"),
        ] {
            let preview = engine.check_move("day", start, end).unwrap();
            assert_eq!(engine.validate(), before);
            let mut copy = engine.clone();
            let moved = copy.move_shift("day", start, end, None).unwrap();
            assert_eq!(preview, moved.verdicts, "{start}..{end}");
            for v in &preview {
                assert_eq!(engine.check_moved(&v.employee_id, "day", start, end).unwrap(), *v);
            }
        }
        // Moved onto the late shift's time: e2 overlaps it, and rest is judged against it.
        let v = engine.check_moved("e2", "day", "2026-12-02T16:00:00-06:00", "2026-12-02T20:00:00-06:00").unwrap();
        assert!(v.reasons.iter().any(|r| r.kind == crate::ReasonKind::Overlap));
    }

    #[test]
    fn bad_windows_and_unknown_ids_are_errors_with_paths() {
        let engine = Engine::load(ROSTER, CREDENTIALS).unwrap().engine;
        let path = |e: crate::Error| e.problems()[0].path.clone();
        assert_eq!(path(engine.check_move("nope", "2026-12-01T08:00:00Z", "2026-12-01T09:00:00Z").unwrap_err()), "shiftId");
        assert_eq!(path(engine.check_moved("nobody", "day", "2026-12-01T08:00:00Z", "2026-12-01T09:00:00Z").unwrap_err()), "employeeId");
        assert_eq!(path(engine.check_move("day", "2026-12-01T08:00:00", "2026-12-01T09:00:00Z").unwrap_err()), "start");
        assert_eq!(path(engine.check_move("day", "2026-12-01T09:00:00Z", "2026-12-01T09:00:00Z").unwrap_err()), "end");
        assert_eq!(path(engine.check_move("day", "2026-12-01T09:00:00Z", "2026-12-09T09:00:00Z").unwrap_err()), "end");
    }
}
