//! The kept validation: the last full `validate`'s answer (each assignment that is not `ok`,
//! drafted by index, and the crew findings), refreshed after every applied batch, undo and redo
//! from the judgement the batch's `changes` were computed from, so that `validate` right after
//! an edit writes what it keeps instead of judging 100,000 assignments again (SPEC §9).
//!
//! # Why a refresh is exact
//!
//! A batch's changes judge, in its end state, every assignment whose verdict it can change
//! (`super::changes`: the pairs on the shifts it changed, every pair of the employees whose
//! data it changed and on their shifts, the neighbours of a moved or staffed shift) and the
//! crew of every shift involved. The refresh drops what it kept for those pairs, for every pair
//! on a changed shift (an assignment removed, a shift removed) and for the crew of those shifts,
//! and keeps the end state's drafts of them that are not `ok`. Everything else is unchanged, and
//! an assignment's place in its shift's `assigned` changes only when the shift does.
//!
//! # When it is dropped
//!
//! The kept answer carries the model's version (the count of states swapped in,
//! `super::store::Store::version`). A refresh or a batch that leaves the model as it found it
//! (invalid, refused, previewed) moves it to the new version; any other change of the model
//! leaves it behind, and `validate` then judges everything afresh and keeps that. A new engine
//! (a load) starts with nothing kept, and a clone keeps nothing.

use super::changes::Judgement;
use super::store::append_run;
use crate::engine::{Engine, Finding};
use crate::model::*;
use crate::verdict::{Drafts, Scratch, Status};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

/// The epoch of the next kept validation built afresh: its stamps are never compared with
/// another's.
static EPOCH: AtomicU32 = AtomicU32::new(1);

/// The kept validation, behind a lock so that `validate(&self)` can keep what it computed.
#[derive(Default)]
pub(crate) struct Cache(Mutex<Option<Kept>>);

impl Clone for Cache {
    fn clone(&self) -> Cache {
        Cache::default()
    }
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cache")
    }
}

/// A validation, kept.
struct Kept {
    /// The model's version it answers for.
    version: u64,
    /// The verdicts that are not `ok`, and some no longer kept (`garbage` of them).
    drafts: Drafts,
    /// The kept verdicts in roster order (indexes into `drafts`).
    order: Vec<u32>,
    /// Beside `order`: the shift, and the place in its `assigned`.
    at: Vec<(ShiftIdx, u32)>,
    garbage: usize,
    /// The crew findings in shift order, and the shift of each.
    crew: Vec<Finding>,
    crew_of: Vec<ShiftIdx>,
    /// Beside `order`: each kept verdict's stamp, given when it went in (see [`Stamps`]).
    stamps: Vec<u32>,
    /// The next stamp to give, and this kept validation's epoch.
    next_stamp: u32,
    epoch: u32,
}

/// Which kept verdicts are the same ones as before (the package's `validate` sends only the
/// others): each kept verdict has a stamp, given when it went in and never given again within
/// the epoch; a verdict judged again gets a new one. Stamps below `next` at one moment are the
/// verdicts kept then; those still kept later are in the same relative order.
#[derive(Clone, Copy)]
pub(crate) struct Stamps<'a> {
    /// The epoch: a validation judged afresh starts a new one.
    pub epoch: u32,
    /// The stamp the next verdict kept will get.
    pub next: u32,
    /// The stamp of each verdict, in roster order.
    pub stamps: &'a [u32],
}

/// Where employee `e` is in the `assigned` of shift `s`.
fn place(m: &Model, e: EmpIdx, s: ShiftIdx) -> u32 {
    m.shifts.get(s as usize).and_then(|sh| sh.assigned.iter().position(|&x| x == e)).unwrap_or(0) as u32
}

impl Kept {
    /// A full validation of the model, kept.
    fn fresh(engine: &Engine) -> Kept {
        let m = &engine.model;
        let mut scratch = Scratch::default();
        let (_, order, crew, crew_of) = engine.draft_validation(&mut scratch);
        let mut drafts = std::mem::take(&mut scratch.drafts);
        drafts.shrink_to_fit();
        let at = order.iter().map(|&i| drafts.heads.get(i as usize).map_or((0, 0), |h| (h.shift.unwrap_or(0), place(m, h.emp, h.shift.unwrap_or(0))))).collect();
        let stamps: Vec<u32> = (0..order.len() as u32).collect();
        let next_stamp = order.len() as u32;
        let epoch = EPOCH.fetch_add(1, Ordering::Relaxed);
        // Only the not-ok verdicts were drafted: nothing is garbage.
        Kept { version: engine.live.store.version, drafts, order, at, garbage: 0, crew, crew_of, stamps, next_stamp, epoch }
    }

    /// The stamps of the kept verdicts.
    fn stamped(&self) -> Stamps<'_> {
        Stamps { epoch: self.epoch, next: self.next_stamp, stamps: &self.stamps }
    }

    /// `validate`'s status: the worst verdict kept or crew finding (`block`, unless the
    /// roster softens `crewShortfall`).
    fn status(&self) -> Status {
        let worst = self.order.iter().filter_map(|&i| self.drafts.heads.get(i as usize)).map(|h| h.status).max().unwrap_or(Status::Ok);
        self.crew.iter().map(|f| f.severity.status()).fold(worst, Status::max)
    }

    /// Replaces what `j` judged (see the module's doc). Only the kept verdicts on the shifts
    /// judged are looked at; the rest are copied over as they are.
    fn refresh(&mut self, m: &Model, j: &Judgement) {
        // The kept verdicts judged again: on a changed shift, or a pair judged; by position.
        // Pushed and copied: a `collect` of the two lists' `chain` was larger (11 B gzipped).
        let mut shifts: Vec<ShiftIdx> = Vec::with_capacity(j.keys.len() + j.shifts.len());
        for &(_, s) in &j.keys {
            shifts.push(s);
        }
        shifts.extend_from_slice(&j.shifts);
        crate::sort::sort_u32(&mut shifts);
        shifts.dedup();
        let mut dropped: Vec<u32> = Vec::new();
        for &s in &shifts {
            let lo = self.at.partition_point(|&(x, _)| x < s);
            let changed = j.shifts.binary_search(&s).is_ok();
            for k in lo..self.at.len() {
                if self.at.get(k).is_none_or(|&(x, _)| x != s) {
                    break;
                }
                let emp = self.order.get(k).and_then(|&i| self.drafts.heads.get(i as usize)).map(|h| h.emp);
                if changed || emp.is_some_and(|e| j.keys.binary_search(&(e, s)).is_ok()) {
                    dropped.push(k as u32);
                }
            }
        }
        // The end state's verdicts that are not ok, copied in, in roster order: by shift, then
        // by place in the shift (then by copy, which no two share). Keyed as one `u64`
        // (shift, place), so that the sort is the loader's own of `(u64, u32)` items by their
        // key, stably (the copies are pushed in the order of their numbers), where a sort of
        // `((shift, place), copy)` was compiled for this one list.
        let mut new: Vec<(u64, u32)> = Vec::new();
        for (k, &(_, s)) in j.keys.iter().enumerate() {
            if j.scratch.drafts.heads.get(k).is_some_and(|h| h.status != Status::Ok) {
                if let Some(i) = self.drafts.copy_from(&j.scratch.drafts, k) {
                    let at = self.drafts.heads.get(i as usize).map_or(0, |h| place(m, h.emp, s));
                    new.push(((u64::from(s) << 32) | u64::from(at), i));
                }
            }
        }
        crate::sort::sort_by_u64(&mut new, |&(key, _)| key);
        let at_of = |key: u64| ((key >> 32) as ShiftIdx, key as u32);
        // Merge the kept ones not judged with the new ones: the runs between the few places
        // where one is dropped or one goes in are copied whole.
        self.garbage += dropped.len();
        let inserts: Vec<usize> = new.iter().map(|&(key, _)| self.at.partition_point(|x| *x < at_of(key))).collect();
        let (old_order, old_at) = (std::mem::take(&mut self.order), std::mem::take(&mut self.at));
        let old_stamps = std::mem::take(&mut self.stamps);
        // Stamps run out (after 4 billion verdicts): a new epoch, numbered afresh below.
        let renumber = self.next_stamp.checked_add(new.len() as u32).is_none_or(|n| n == u32::MAX);
        if renumber {
            self.epoch = EPOCH.fetch_add(1, Ordering::Relaxed);
            self.next_stamp = 0;
        }
        self.order.reserve(old_order.len() + new.len());
        self.at.reserve(old_order.len() + new.len());
        self.stamps.reserve(old_order.len() + new.len());
        let (mut from, mut d, mut n) = (0usize, 0usize, 0usize);
        loop {
            let next_drop = dropped.get(d).map_or(usize::MAX, |&k| k as usize);
            let next_insert = inserts.get(n).copied().unwrap_or(usize::MAX);
            let to = next_drop.min(next_insert).min(old_order.len());
            append_run(&mut self.order, old_order.get(from..to).unwrap_or_default());
            append_run(&mut self.at, old_at.get(from..to).unwrap_or_default());
            append_run(&mut self.stamps, old_stamps.get(from..to).unwrap_or_default());
            from = from.max(to);
            if next_insert == to {
                if let Some(&(key, i)) = new.get(n) {
                    self.order.push(i);
                    self.at.push(at_of(key));
                    self.stamps.push(self.next_stamp);
                    self.next_stamp += 1;
                }
                n += 1;
            } else if next_drop == to {
                from = to + 1;
                d += 1;
            } else {
                break;
            }
        }
        if renumber {
            self.stamps = (0..self.order.len() as u32).collect();
            self.next_stamp = self.order.len() as u32;
        }
        // Crew findings: the judged shifts' replaced.
        let (old_crew, old_of) = (std::mem::take(&mut self.crew), std::mem::take(&mut self.crew_of));
        self.crew.reserve(old_crew.len() + j.crew.len());
        self.crew_of.reserve(old_crew.len() + j.crew.len());
        // The new findings go before the kept ones of later shifts; a kept one of a judged
        // shift is dropped. `take_new` clones in the new findings of the shifts before `limit`
        // (all that are left without one): one place a new finding is cloned in.
        let mut n = 0;
        let mut take_new = |crew: &mut Vec<Finding>, crew_of: &mut Vec<ShiftIdx>, limit: Option<ShiftIdx>| {
            while let (Some(f), Some(&s)) = (j.crew.get(n), j.crew_of.get(n)) {
                if limit.is_some_and(|l| s >= l) {
                    break;
                }
                crew.push(f.crew_copy());
                crew_of.push(s);
                n += 1;
            }
        };
        for (f, s) in old_crew.into_iter().zip(old_of) {
            take_new(&mut self.crew, &mut self.crew_of, Some(s));
            if j.crew_shifts.binary_search(&s).is_err() {
                self.crew.push(f);
                self.crew_of.push(s);
            }
        }
        take_new(&mut self.crew, &mut self.crew_of, None);
        // (A small floor, so that the property tests compact too.)
        if self.garbage > self.order.len().max(16) {
            self.compact();
        }
    }

    /// Copies the kept verdicts into fresh drafts, leaving the garbage behind.
    fn compact(&mut self) {
        let mut drafts = Drafts::default();
        for i in &mut self.order {
            if let Some(k) = drafts.copy_from(&self.drafts, *i as usize) {
                *i = k;
            }
        }
        drafts.shrink_to_fit();
        self.drafts = drafts;
        self.garbage = 0;
    }
}

impl Engine {
    /// Runs `f` on the validation of the model as it is: the drafts, the status, the order of
    /// the verdicts (indexes into the drafts) and the crew findings; from what is kept when it
    /// is good for this version, otherwise judged afresh and kept.
    pub(crate) fn with_validation<T>(&self, f: impl FnOnce(&Drafts, Status, &[u32], &[Finding]) -> T) -> T {
        self.with_stamped_validation(|drafts, status, order, _, findings| f(drafts, status, order, findings))
    }

    /// [`Engine::with_validation`], with the stamps of the verdicts (see [`Stamps`]).
    pub(crate) fn with_stamped_validation<T>(&self, f: impl FnOnce(&Drafts, Status, &[u32], Stamps<'_>, &[Finding]) -> T) -> T {
        let mut guard = self.live.cache.0.try_lock().ok();
        // One call of `f` for both ways (each call site wrote its five arguments out).
        let mut own = None;
        let kept: &Kept = match guard.as_deref_mut() {
            Some(slot) => {
                let kept = match slot.take() {
                    Some(k) if k.version == self.live.store.version => k,
                    _ => Kept::fresh(self),
                };
                slot.insert(kept)
            }
            // Another thread holds it: judge without keeping.
            None => own.insert(Kept::fresh(self)),
        };
        f(&kept.drafts, kept.status(), &kept.order, kept.stamped(), &kept.crew)
    }

    /// After a batch, undo or redo that started at version `start` and ended with the model
    /// judged by `j`: refreshes what is kept, if it was good for `start`, and drops it if not.
    pub(super) fn refresh_validation(&mut self, start: u64, j: &Judgement) {
        let version = self.live.store.version;
        let m = &self.model;
        let slot = self.live.cache.0.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner);
        match slot {
            Some(kept) if kept.version == start => {
                kept.refresh(m, j);
                kept.version = version;
            }
            _ => *slot = None,
        }
    }

    /// After a batch that started at version `start` and left the model as it found it: what
    /// is kept for `start` is good now.
    pub(super) fn vouch_validation(&mut self, start: u64) {
        let version = self.live.store.version;
        let slot = self.live.cache.0.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(kept) = slot.as_mut().filter(|k| k.version == start) {
            kept.version = version;
        }
    }

    /// Whether [`Engine::validate`] would now write a kept answer (judging nothing afresh), and
    /// then the bytes that answer holds: its drafts, order and crew findings (their strings
    /// aside). `None` before the first `validate`, and after a change the engine could not
    /// follow. For tests and measurements.
    pub fn kept_validation(&self) -> Option<usize> {
        use std::mem::size_of;
        let guard = self.live.cache.0.try_lock().ok()?;
        let k = guard.as_ref().filter(|k| k.version == self.live.store.version)?;
        Some(k.drafts.bytes() + k.order.capacity() * 4 + k.at.capacity() * 8 + k.crew.capacity() * size_of::<Finding>() + k.crew_of.capacity() * 4 + k.stamps.capacity() * 4)
    }
}

/// What a reader was last sent of the kept validation (the package's `validate`): the epoch,
/// the stamp watermark and the stamps of the verdicts sent, in order.
#[derive(Default, Debug, Clone)]
pub(crate) struct Sent {
    epoch: u32,
    watermark: u32,
    stamps: Vec<u32>,
}

impl Sent {
    /// What is sent when the verdicts stamped `now` are.
    pub(crate) fn of(now: Stamps<'_>) -> Sent {
        Sent { epoch: now.epoch, watermark: now.next, stamps: now.stamps.to_vec() }
    }

    /// How to make the verdicts stamped `now` from the ones sent: `runs` of three numbers
    /// (how many sent verdicts to skip, how many to keep, how many of the new ones to take,
    /// in turn, from the start of both), and the places in `now` of the new ones. `None` when
    /// `now` is of another epoch (judged afresh since): everything must be sent.
    pub(crate) fn delta(&self, now: Stamps<'_>) -> Option<(Vec<u32>, Vec<u32>)> {
        if now.epoch != self.epoch || now.next < self.watermark {
            return None;
        }
        let (prev, new, wm) = (&self.stamps[..], now.stamps, self.watermark);
        let (mut i, mut j) = (0usize, 0usize);
        let (mut runs, mut added) = (Vec::new(), Vec::new());
        while i < prev.len() || j < new.len() {
            let start = i;
            match new.get(j) {
                // A verdict sent before: skip the sent ones dropped since, up to it.
                Some(&s) if s < wm => {
                    i += prev.get(i..)?.iter().position(|&p| p == s)?;
                }
                Some(_) => {}
                None => i = prev.len(),
            }
            let skip = i - start;
            let kept = prev.get(i..).unwrap_or_default().iter().zip(new.get(j..).unwrap_or_default()).take_while(|(p, s)| p == s && **s < wm).count();
            i += kept;
            j += kept;
            let fresh = new.get(j..).unwrap_or_default().iter().take_while(|&&s| s >= wm).count();
            added.extend(j as u32..(j + fresh) as u32);
            j += fresh;
            runs.extend([skip as u32, kept as u32, fresh as u32]);
        }
        Some((runs, added))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies `runs` to `prev` with the new verdicts `fresh`, as js/guard.js does.
    fn rebuild(prev: &[u32], runs: &[u32], fresh: &[u32]) -> Vec<u32> {
        let (mut out, mut i, mut n) = (Vec::new(), 0, 0);
        for r in runs.chunks(3) {
            i += r[0] as usize;
            out.extend_from_slice(&prev[i..i + r[1] as usize]);
            i += r[1] as usize;
            out.extend_from_slice(&fresh[n..n + r[2] as usize]);
            n += r[2] as usize;
        }
        out
    }

    /// The verdicts the engine would answer now, their stamps.
    fn now(e: &Engine) -> (Vec<crate::Verdict>, Sent) {
        e.with_stamped_validation(|d, _, order, stamps, _| (order.iter().filter_map(|&i| d.verdict(&e.model, i as usize)).collect(), Sent::of(stamps)))
    }

    #[test]
    fn the_delta_after_edits_undo_and_redo_is_the_fresh_answer() {
        let mut e = crate::testutil::engine(include_str!("../../www/data/roster.json"), include_str!("../../www/data/credentials.json"));
        let ov = crate::Override { by: "t".into(), reason: "t".into(), at: Some("2026-12-01T09:00:00Z".into()) };
        let (emps, shifts): (Vec<String>, Vec<String>) = (e.employee_ids().map(str::to_string).collect(), e.shift_ids().map(str::to_string).collect());
        let (mut held, mut sent) = now(&e);
        let (mut reused, mut sent_again, mut dropped) = (0, 0, 0);
        for k in 0..60usize {
            let (emp, shift) = (&emps[(k * 7) % emps.len()], &shifts[(k * 13) % shifts.len()]);
            match k % 5 {
                0 | 1 => drop(e.assign(emp, shift, Some(&ov))),
                2 => drop(e.unassign(emp, shift)),
                3 => drop(e.undo()),
                _ => drop(e.redo()),
            }
            let (verdicts, next) = now(&e);
            let fresh = e.clone().validate().verdicts;
            assert_eq!(verdicts, fresh, "step {k}: the kept answer is the fresh one");
            let (runs, added) = sent.delta(Stamps { epoch: next.epoch, next: next.watermark, stamps: &next.stamps }).expect("the same epoch");
            // Rebuilt from the held verdicts and the new ones, as js/guard.js does.
            let (mut out, mut i, mut n) = (Vec::new(), 0usize, 0usize);
            for r in runs.chunks(3) {
                i += r[0] as usize;
                dropped += r[0] as usize;
                out.extend_from_slice(&held[i..i + r[1] as usize]);
                reused += r[1] as usize;
                i += r[1] as usize;
                out.extend(added[n..n + r[2] as usize].iter().map(|&a| verdicts[a as usize].clone()));
                n += r[2] as usize;
            }
            assert_eq!((out, n), (verdicts.clone(), added.len()), "step {k}");
            sent_again += added.len();
            (held, sent) = (verdicts, next);
        }
        assert!(reused > 60 * held.len() / 2, "the unchanged verdicts are kept: {reused}");
        assert!(sent_again > 0 && dropped > 0, "the edits changed verdicts: {sent_again} sent again, {dropped} dropped");
    }

    #[test]
    fn delta_rebuilds_the_new_order() {
        let prev = [0, 1, 2, 3, 4, 5];
        let sent = Sent::of(Stamps { epoch: 7, next: 6, stamps: &prev });
        for now in [&[0, 1, 2, 3, 4, 5][..], &[6, 0, 2, 7, 8, 5], &[], &[9, 10], &[1, 4], &[0, 1, 2, 3, 4, 5, 6], &[3, 6]] {
            let (runs, added) = sent.delta(Stamps { epoch: 7, next: 11, stamps: now }).unwrap();
            let fresh: Vec<u32> = added.iter().map(|&k| now[k as usize]).collect();
            assert!(fresh.iter().all(|&s| s >= 6));
            assert_eq!(rebuild(&prev, &runs, &fresh), now);
        }
        // Unchanged: one run, nothing new.
        assert_eq!(sent.delta(Stamps { epoch: 7, next: 6, stamps: &prev }), Some((vec![0, 6, 0], vec![])));
        // Another epoch, or a stamp that was never sent: everything again.
        assert_eq!(sent.delta(Stamps { epoch: 8, next: 6, stamps: &prev }), None);
        assert_eq!(sent.delta(Stamps { epoch: 7, next: 6, stamps: &[2, 1] }), None);
    }
}
