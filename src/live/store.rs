//! The mutable model: every change to a record, an employee or a shift goes through one
//! primitive per collection, which swaps in the item's new state, hands back the old one, and
//! keeps the indexes a check reads in step.
//!
//! # One primitive, four uses
//!
//! An item's **state** is the item (`Record`, `Waiver`, `Training`, `Employee`, `Shift`),
//! whether it exists (a removed one is a tombstone, see [`crate::model::Removed`]) and the JSON it
//! was last `put` as (exported as given). [`Engine::swap_state`] swaps a state in, leaving the
//! one it replaced in its place. A batch records the first state it replaces of each item it touches (its
//! [`Journal`]); swapping the journal back restores the model exactly, and leaves in the journal
//! the states to swap in again. So rolling back an invalid, refused or previewed batch, undo and
//! redo are all the same loop, and so is the "before" side of a batch's changes: the model is
//! swapped to its start, judged, and swapped back.
//!
//! # What stays in step, and when
//!
//! Assignments (`EmpHot::shifts`), an employee's roles and the holders index (`code_records`)
//! follow each swap at once. An employee's packed runs (records as `Judged`, waivers, scheduled
//! trainings) are rebuilt once per batch, in [`Engine::flush`], for the employees whose records
//! changed: a fresh run is appended to the flat array and the employee's `Span` re-pointed, so a
//! run is never changed under a reader; the arrays are compacted when their garbage passes
//! their live size. The per-drag status path reads exactly what it read before.

use super::Collection;
use crate::engine::Engine;
use crate::ids::Ids;
use crate::json::Value;
use crate::model::*;

/// One item of one collection: the loader's element of it, which a `put` reads, so that the
/// element read is the item swapped in as it is (a match over the seven kinds converted one
/// into the other, and each had its own drop).
pub(crate) use crate::load::Element as Item;

/// What an item is at one moment: the item, whether it exists, and the JSON of its last `put`
/// (`None`: as in the loaded document).
#[derive(Debug, Clone)]
pub(crate) struct State {
    pub item: Item,
    pub live: bool,
    pub value: Option<Value>,
}

/// The other state of each item a batch touched: before the batch while it is applied, after
/// it once undone.
#[derive(Debug, Clone, Default)]
pub(crate) struct Journal {
    pub slots: Vec<(Collection, u32, State)>,
}

/// What the edits keep beside the model: the JSON of put records, the id tables of the
/// credentials document's collections (built when first needed), and the work a batch leaves
/// for [`Engine::flush`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Store {
    /// Per collection ([`Collection::index`]), by index: the record as given by its last `put`.
    pub values: [Vec<Option<Value>>; 7],
    /// Ids of credentials, waivers, trainings ([`Collection::index`] 2, 3, 4).
    pub ids: [Option<Ids>; 3],
    /// Employees whose runs must be rebuilt.
    pub dirty: Vec<EmpIdx>,
    /// Records, waivers and trainings swapped since the last flush.
    pub touched: [Vec<u32>; 3],
    /// Events swapped since the last flush, each with the employee it had before that swap
    /// (none when it was not live): those employees and the events' present ones are indexed
    /// again at the flush.
    pub events: Vec<(u32, Option<EmpIdx>)>,
    /// Elements of `judged`, `emp_waiver_list`, `emp_training_list` no run points at.
    pub garbage: [usize; 3],
    /// How many states have been swapped in since the load: the kept validation
    /// (`super::cache`) is good for the version it was made or refreshed at, and for no other.
    pub version: u64,
}

impl Engine {
    /// The id table of a credentials-document collection, built on first use.
    pub(crate) fn record_ids(&mut self, c: Collection) -> &Ids {
        let k = c.index() - 2;
        if self.live.store.ids[k].is_none() {
            let m = &self.model;
            let mut ids = Ids::default();
            let mut add = |id: &str| {
                let _ = ids.insert(id);
            };
            match c {
                Collection::Credentials => m.records.iter().for_each(|r| add(&r.id)),
                Collection::Waivers => m.waivers.iter().for_each(|w| add(&w.id)),
                _ => m.trainings.iter().for_each(|t| add(&t.id)),
            }
            self.live.store.ids[k] = Some(ids);
        }
        self.live.store.ids[k].get_or_insert_with(Ids::default)
    }

    /// The index of the item with id `id`, removed or not: where a `put` of it goes.
    pub(crate) fn index_of(&mut self, c: Collection, id: &str) -> Option<u32> {
        if !matches!(c, Collection::Employees | Collection::Shifts | Collection::Sessions | Collection::Events) {
            self.record_ids(c);
        }
        self.ids_mut(c)?.find(id)
    }

    /// The id table of collection `c`: the model's, or for credentials, waivers and trainings
    /// the store's, `None` until built ([`Engine::record_ids`]). One match over the
    /// collections for [`Engine::index_of`] and [`Engine::append`].
    fn ids_mut(&mut self, c: Collection) -> Option<&mut Ids> {
        let m = &mut self.model;
        match c {
            Collection::Employees => Some(&mut m.emp_by_id),
            Collection::Shifts => Some(&mut m.shift_ids),
            Collection::Sessions => Some(&mut m.session_by_id),
            Collection::Events => Some(&mut m.event_by_id),
            _ => self.live.store.ids.get_mut(c.index() - 2).and_then(Option::as_mut),
        }
    }

    /// Whether index `i` of collection `c` exists (in range and not removed), as
    /// `Model::employee_live` and its kin answer, from the two per-collection lookups the edits
    /// have anyway (its own match over the collections was 119 B gzipped).
    pub(crate) fn exists(&self, c: Collection, i: u32) -> bool {
        (i as usize) < self.len_of(c) && !Removed::at(removed_of(&self.model.removed, c), i)
    }

    /// The current state of an item.
    pub(crate) fn state(&self, c: Collection, i: u32) -> Option<State> {
        let m = &self.model;
        let item = match c {
            Collection::Employees => Item::Employee(m.employees.get(i as usize)?.clone()),
            Collection::Shifts => Item::Shift(m.shifts.get(i as usize)?.clone()),
            Collection::Credentials => Item::Record(m.records.get(i as usize)?.clone()),
            Collection::Waivers => Item::Waiver(m.waivers.get(i as usize)?.clone()),
            Collection::Trainings => Item::Training(m.trainings.get(i as usize)?.clone()),
            Collection::Sessions => Item::Session(m.sessions.get(i as usize)?.clone()),
            Collection::Events => Item::Event(m.events.get(i as usize)?.clone()),
        };
        let value = self.live.store.values[c.index()].get(i as usize).cloned().flatten();
        Some(State { item, live: self.exists(c, i), value })
    }

    /// Adds a new item at the end of its collection, as a tombstone (the caller then swaps in
    /// its live state), and returns its index. Records' ids go into their table; employees get
    /// an empty `EmpHot`.
    pub(crate) fn append(&mut self, c: Collection, id: &str, item: Item) -> u32 {
        let m = &mut self.model;
        let i = match item {
            Item::Employee(e) => {
                m.employees.push(e);
                m.emp_hot.push(EmpHot::default());
                m.employees.len() - 1
            }
            Item::Shift(s) => {
                m.shifts.push(s);
                m.shifts.len() - 1
            }
            Item::Record(r) => {
                m.records.push(r);
                m.records.len() - 1
            }
            Item::Waiver(w) => {
                m.waivers.push(w);
                m.waivers.len() - 1
            }
            Item::Training(t) => {
                m.trainings.push(t);
                m.trainings.len() - 1
            }
            Item::Session(x) => {
                m.sessions.push(x);
                m.sessions.len() - 1
            }
            Item::Event(x) => {
                m.events.push(x);
                m.events.len() - 1
            }
        } as u32;
        // Its id in its collection's table (for credentials, waivers and trainings, once built).
        if let Some(ids) = self.ids_mut(c) {
            let _ = ids.insert(id);
        }
        Removed::set(removed_mut(&mut self.model.removed, c), i, true);
        i
    }

    /// Swaps `state` in as the state of item `i` of `c`, leaving in `state` the one it replaces,
    /// and keeps assignments, roles and holders in step (runs are left to [`Engine::flush`]).
    /// In place: each collection's item is swapped with the one the state holds, so that no
    /// item is moved in and out of a new state (a copy per collection of each move).
    pub(crate) fn swap_state(&mut self, c: Collection, i: u32, state: &mut State) {
        let live = state.live;
        self.live.store.version += 1;
        let was_live = self.exists(c, i);
        let ix = i as usize;
        let values = &mut self.live.store.values[c.index()];
        // A state without a `put`'s JSON, beyond the values kept: none was kept either.
        if state.value.is_some() || ix < values.len() {
            // Pushed, not `resize`d: its truncating arm and its clones of the fill are not needed.
            while values.len() <= ix {
                values.push(None);
            }
            if let Some(value) = values.get_mut(ix) {
                std::mem::swap(value, &mut state.value);
            }
        }
        let m = &mut self.model;
        // For a record, waiver or training: its list in `touched`, and its owners before and after.
        let mut runs = None;
        match &mut state.item {
            Item::Employee(e) => {
                if let Some(now) = m.employees.get_mut(ix) {
                    swap_item(now, e);
                    if let Some(hot) = m.emp_hot.get_mut(ix) {
                        hot.roles = crate::load::role_set(now);
                    }
                }
            }
            Item::Shift(s) => {
                if let Some(now) = m.shifts.get_mut(ix) {
                    swap_item(now, s);
                    // The old people's assignments out, the new ones' in (each with the shift's
                    // new times: the model holds the new shift while they are indexed).
                    let new = std::mem::take(&mut now.assigned);
                    if was_live {
                        for &e in &s.assigned {
                            m.unindex_assignment(e, i);
                        }
                    }
                    if live {
                        for &e in &new {
                            m.index_assignment(e, i);
                        }
                    }
                    if let Some(shift) = m.shifts.get_mut(ix) {
                        shift.assigned = new;
                    }
                }
            }
            Item::Record(r) => {
                if was_live {
                    holders(m, i, false);
                }
                if let Some(now) = m.records.get_mut(ix) {
                    swap_item(now, r);
                    runs = Some((0, [r.employee, now.employee]));
                }
                if live {
                    holders(m, i, true);
                }
            }
            Item::Waiver(w) => {
                if let Some(now) = m.waivers.get_mut(ix) {
                    swap_item(now, w);
                    runs = Some((1, [w.employee, now.employee]));
                }
            }
            Item::Training(t) => {
                if let Some(now) = m.trainings.get_mut(ix) {
                    swap_item(now, t);
                    runs = Some((2, [t.employee, now.employee]));
                }
            }
            Item::Session(x) => {
                // Sessions count only in `planRenewals`, which reads them afresh: no index.
                if let Some(now) = m.sessions.get_mut(ix) {
                    swap_item(now, x);
                }
            }
            Item::Event(x) => {
                // Events are indexed by employee and kind: the index is rebuilt at the flush.
                if let Some(now) = m.events.get_mut(ix) {
                    swap_item(now, x);
                    // With the employee it had: the index's, at the first swap of this event
                    // since the last flush (a later swap's is re-indexed too, and harmlessly).
                    self.live.store.events.push((i, if was_live { x.employee } else { None }));
                }
            }
        }
        Removed::set(removed_mut(&mut self.model.removed, c), i, !live);
        if let Some((k, owners)) = runs {
            let store = &mut self.live.store;
            store.dirty.extend(owners.into_iter().flatten());
            if let Some(list) = store.touched.get_mut(k) {
                list.push(i);
            }
        }
        state.live = was_live;
    }

    /// Swaps every state of `journal` in (last touched first), leaving the replaced states in
    /// it, then rebuilds the runs.
    pub(crate) fn swap_journal(&mut self, journal: &mut Journal) {
        for (c, i, state) in journal.slots.iter_mut().rev() {
            self.swap_state(*c, *i, state);
        }
        self.flush();
    }

    /// Rebuilds the runs of every employee whose records, waivers or trainings changed, and
    /// compacts the flat arrays when their garbage passes their live size.
    pub(crate) fn flush(&mut self) {
        if !self.live.store.events.is_empty() {
            let mut changed = std::mem::take(&mut self.live.store.events);
            let m = &mut self.model;
            m.event_index.update(&m.events, &m.removed.events, &m.types, &changed);
            // Its room kept for the next flush.
            changed.clear();
            self.live.store.events = changed;
        }
        let store = &mut self.live.store;
        if store.dirty.is_empty() {
            store.touched.iter_mut().for_each(Vec::clear);
            return;
        }
        let mut dirty = std::mem::take(&mut store.dirty);
        crate::sort::sort_u32(&mut dirty);
        dirty.dedup();
        let touched = std::mem::take(&mut store.touched);
        for &e in &dirty {
            self.rebuild_runs(e, &touched);
        }
        self.live.store.touched = touched;
        self.live.store.touched.iter_mut().for_each(Vec::clear);
        dirty.clear();
        self.live.store.dirty = dirty;
        let m = &self.model;
        let sizes = [m.judged.len(), m.emp_waiver_list.len(), m.emp_training_list.len()];
        let garbage = self.live.store.garbage;
        if (0..3).any(|k| garbage[k] > 1024 && garbage[k] * 2 > sizes[k]) {
            self.compact();
        }
    }

    /// Employee `e`'s runs, afresh: the items in their current runs and the items `touched`
    /// that belong to them now.
    fn rebuild_runs(&mut self, e: EmpIdx, touched: &[Vec<u32>; 3]) {
        let m = &mut self.model;
        let Some(hot) = m.emp_hot.get(e as usize) else { return };
        let (old_j, old_w, old_t) = (hot.judged, hot.waivers, hot.trainings);
        let pick = |m: &Model, k: usize, list: Vec<u32>| pick_run(m, e, k, list, touched);
        // Records: each under its own type and every type it satisfies, by code then record.
        let mut old = Vec::new();
        for j in old_j.of(&m.judged) {
            old.push(j.rec);
        }
        let records = pick(m, 0, old);
        let mut items: Vec<(u32, u32)> = Vec::new();
        for &r in &records {
            if let Some(c) = m.records[r as usize].code {
                items.push((c, r));
                items.extend(m.types[c as usize].satisfies.iter().map(|&s| (s, r)));
            }
        }
        crate::sort::sort_pairs(&mut items);
        let lo = m.judged.len();
        for &(code, r) in &items {
            let j = crate::load::judged(m, code, r);
            m.judged.push(j);
        }
        let judged = Span::since(&m.judged, lo);
        // Waivers, by code then waiver.
        let mut old = Vec::new();
        for &(_, w) in old_w.of(&m.emp_waiver_list) {
            old.push(w);
        }
        let waivers = pick(m, 1, old);
        let mut items: Vec<(u32, u32)> = Vec::new();
        for &w in &waivers {
            if let Some(code) = m.waivers[w as usize].code {
                items.push((code, w));
            }
        }
        crate::sort::sort_pairs(&mut items);
        let waiver_span = append_run(&mut m.emp_waiver_list, &items);
        // Scheduled trainings, by start then training.
        let mut old = Vec::new();
        for b in old_t.of(&m.emp_training_list) {
            old.push(b.training);
        }
        let trainings = pick(m, 2, old);
        // `trainings` is in index order and `order_of` sorts stably: by start, then index, by
        // the shared radix sort of `u64` keys (the loader's for the same runs), where a sort
        // of `Booked`s by `(start, training)` compiled a comparison and a swap of its own.
        let starts: Vec<u64> = trainings.iter().map(|&t| crate::sort::signed_key(m.trainings[t as usize].start.ms)).collect();
        let lo = m.emp_training_list.len();
        for k in crate::sort::order_of(&starts) {
            if let Some(&t) = trainings.get(k as usize) {
                let training = &m.trainings[t as usize];
                m.emp_training_list.push(Booked { start: training.start.ms, end: training.end.ms, training: t });
            }
        }
        let training_span = Span::since(&m.emp_training_list, lo);
        if let Some(hot) = m.emp_hot.get_mut(e as usize) {
            hot.judged = judged;
            hot.waivers = waiver_span;
            hot.trainings = training_span;
        }
        let g = &mut self.live.store.garbage;
        g[0] += old_j.len as usize;
        g[1] += old_w.len as usize;
        g[2] += old_t.len as usize;
    }

    /// Copies every employee's runs into fresh arrays, leaving the garbage behind.
    fn compact(&mut self) {
        let m = &mut self.model;
        let mut judged = Vec::with_capacity(m.judged.len() - self.live.store.garbage[0].min(m.judged.len()));
        let mut waivers = Vec::new();
        let mut trainings = Vec::new();
        for hot in &mut m.emp_hot {
            hot.judged = append_run(&mut judged, hot.judged.of(&m.judged));
            hot.waivers = append_run(&mut waivers, hot.waivers.of(&m.emp_waiver_list));
            hot.trainings = append_run(&mut trainings, hot.trainings.of(&m.emp_training_list));
        }
        m.judged = judged;
        m.emp_waiver_list = waivers;
        m.emp_training_list = trainings;
        self.live.store.garbage = [0; 3];
    }
}

/// The items of kind `k` (0 records, 1 waivers, 2 trainings) employee `e`'s run holds now:
/// `list`, the old run's items (gathered by the caller's loop), with the touched ones of that
/// kind, sorted, each once, those that are not `e`'s any more (or not live, or without a known
/// code, or a training not scheduled) left out. Out of line, one copy for the three kinds,
/// where a closure was written out for each (and a `dyn Iterator` of the old run, before,
/// wrote out its `next`, `size_hint`, `nth` and `advance_by` for each).
#[inline(never)]
fn pick_run(m: &Model, e: EmpIdx, k: usize, mut list: Vec<u32>, touched: &[Vec<u32>; 3]) -> Vec<u32> {
    list.extend_from_slice(touched.get(k).map_or(&[][..], Vec::as_slice));
    crate::sort::sort_u32(&mut list);
    list.dedup();
    list.retain(|&x| match k {
        0 => m.record_live(x) && m.records.get(x as usize).is_some_and(|r| r.employee == Some(e) && r.code.is_some()),
        1 => m.waiver_live(x) && m.waivers.get(x as usize).is_some_and(|w| w.employee == Some(e) && w.code.is_some()),
        _ => m.training_live(x) && m.trainings.get(x as usize).is_some_and(|t| t.employee == Some(e) && t.status == TrainingStatus::Scheduled),
    });
    list
}

/// Appends `items` to the flat array `list` as a new run, and returns it: out of line, one copy
/// per element type for [`Engine::rebuild_runs`], [`Engine::compact`] and the kept
/// validation's merge (`cache.rs`) together.
#[inline(never)]
pub(super) fn append_run<T: Copy>(list: &mut Vec<T>, items: &[T]) -> Span {
    let lo = list.len();
    list.extend_from_slice(items);
    Span::since(list, lo)
}

/// Swaps two items of one collection in place, as `std::mem::swap` does, by a loop over their
/// words: the slices' lengths are hidden from the optimiser (`black_box`), so that the count of
/// words is known only at run time and the swap is not written out word by word for each of
/// the seven item types (about 1 KB of `swap_state`, when unrolled).
#[inline]
fn swap_item<T>(a: &mut T, b: &mut T) {
    let a = std::hint::black_box(std::slice::from_mut(a));
    a.swap_with_slice(std::hint::black_box(std::slice::from_mut(b)));
}

/// The removal marks of collection `c`.
pub(crate) fn removed_of(removed: &Removed, c: Collection) -> &[bool] {
    match c {
        Collection::Employees => &removed.employees,
        Collection::Shifts => &removed.shifts,
        Collection::Credentials => &removed.records,
        Collection::Waivers => &removed.waivers,
        Collection::Trainings => &removed.trainings,
        Collection::Sessions => &removed.sessions,
        Collection::Events => &removed.events,
    }
}

/// [`removed_of`], to change them. Out of line: its match over the collections was written
/// out at each of `swap_state`'s and `append`'s marks.
#[inline(never)]
pub(crate) fn removed_mut(removed: &mut Removed, c: Collection) -> &mut Vec<bool> {
    match c {
        Collection::Employees => &mut removed.employees,
        Collection::Shifts => &mut removed.shifts,
        Collection::Credentials => &mut removed.records,
        Collection::Waivers => &mut removed.waivers,
        Collection::Trainings => &mut removed.trainings,
        Collection::Sessions => &mut removed.sessions,
        Collection::Events => &mut removed.events,
    }
}

/// Adds record `r` to (or takes it out of) the holders index of every code it meets, when it
/// counts at all (an employee and a known type).
fn holders(m: &mut Model, r: u32, add: bool) {
    let rec = &m.records[r as usize];
    let (Some(_), Some(c)) = (rec.employee, rec.code) else { return };
    // The type's own code, then each it satisfies, read in place (the model's types and its
    // holders index are apart), where a `collect` of the codes into a list wrote its first
    // push apart from the rest.
    for &code in std::iter::once(&c).chain(&m.types[c as usize].satisfies) {
        let Some(list) = m.code_records.get_mut(code as usize) else { continue };
        match (list.binary_search(&r), add) {
            (Err(at), true) => list.insert(at, r),
            (Ok(at), false) => {
                list.remove(at);
            }
            _ => {}
        }
    }
}
