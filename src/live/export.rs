//! `export` of a live document: the edited collections written from the model, records as
//! given in their last `put`, removed ones left out, and the change log.

use super::Collection;
use crate::engine::Engine;
use crate::json::Value;

impl Engine {
    /// Writes the edits into the documents parsed from the sources: every collection an edit
    /// changed, and the roster's `changeLog`.
    pub(crate) fn export_live(&self, roster: &mut Value, credentials: &mut Value) {
        for &c in Collection::ALL {
            self.export_collection(c, if c.in_roster() { &mut *roster } else { &mut *credentials });
        }
        if !self.model.change_log.is_empty() || roster.get("changeLog").is_some() {
            roster.set("changeLog", Value::Array(self.model.change_log.clone()));
        }
    }

    /// The number of items of a collection, removed ones included.
    pub(super) fn len_of(&self, c: Collection) -> usize {
        let m = &self.model;
        match c {
            Collection::Employees => m.employees.len(),
            Collection::Shifts => m.shifts.len(),
            Collection::Credentials => m.records.len(),
            Collection::Waivers => m.waivers.len(),
            Collection::Trainings => m.trainings.len(),
            Collection::Sessions => m.sessions.len(),
            Collection::Events => m.events.len(),
        }
    }

    /// Writes collection `c` into `doc`: each existing item in index order, as last put (or as
    /// loaded), a shift edited since with its `start`, `end` and `assigned` from the model.
    /// A collection no edit touched is left as loaded.
    fn export_collection(&self, c: Collection, doc: &mut Value) {
        let m = &self.model;
        let values = &self.live.store.values[c.index()];
        let removed = super::store::removed_of(&m.removed, c);
        let dirty = c == Collection::Shifts && m.shifts.iter().any(|s| s.dirty);
        let untouched = values.iter().all(Option::is_none) && !removed.contains(&true);
        let source_len = match doc.get(c.as_str()) {
            Some(Value::Array(items)) => Some(items.len()),
            _ => None,
        };
        let len = self.len_of(c);
        if untouched && !dirty && source_len.unwrap_or(0) == len {
            return;
        }
        let mut source = match doc.get_mut(c.as_str()) {
            Some(Value::Array(items)) => std::mem::take(items),
            _ => Vec::new(),
        };
        let mut out = Vec::with_capacity(len);
        // Every index is in range: `exists` is its removal mark alone (the collection's length
        // and marks looked up once, not per item).
        for i in 0..len {
            if crate::model::Removed::at(removed, i as u32) {
                continue;
            }
            let given = values.get(i).and_then(Option::as_ref).cloned();
            let Some(mut v) = given.or_else(|| source.get_mut(i).map(|x| std::mem::replace(x, Value::Null))) else { continue };
            if c == Collection::Shifts {
                let shift = &m.shifts[i];
                if shift.dirty {
                    v.set("start", Value::String(shift.start.to_rfc3339()));
                    v.set("end", Value::String(shift.end.to_rfc3339()));
                    let assigned = shift.assigned.iter().map(|&e| Value::String(crate::load::own(&m.employees[e as usize].id))).collect();
                    v.set("assigned", Value::Array(assigned));
                }
            }
            out.push(v);
        }
        // A collection the document leaves out (or `null`) stays so while it is empty.
        if source_len.is_some() || !out.is_empty() {
            doc.set(c.as_str(), Value::Array(out));
        }
    }
}
