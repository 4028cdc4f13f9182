//! Verdicts by index: the builder that drafts a verdict from the rules' answers, what it writes
//! before any `String` exists, and the two ways out of it.
//!
//! A verdict names things of the model (the employee, the shift, codes, records, waivers,
//! trainings, roles, jurisdictions) and carries text of its own (messages, instants). A
//! [`Drafts`] holds verdicts with the first as indexes and the second as ranges of one text,
//! many verdicts in a row, with nothing allocated per verdict once its buffers have grown.
//! [`draft`] walks the requirement and the conflicts, asks `rules` for each outcome, and has
//! `messages` word each reason into the text. Within one call over many verdicts (`validate`,
//! `candidates`) a message that does not depend on the employee is written once. From there:
//!
//! - [`Drafts::verdict`] makes the public [`Verdict`], each id and message its own `String`
//!   (the Rust API, the command line);
//! - `write` writes it item by item onto an `Out`: the WebAssembly package's tape
//!   (`crate::wasm::tape`), where an id the page has already received crosses as one number,
//!   its string taken from the page's table, and is never read from the model or copied at all.
//!
//! Both give the same value: the writers follow the field order and the skip-when-absent rules
//! of the public types' `Serialize`, and the parity tests compare the JSON of the command line
//! with the objects of both WebAssembly builds.

use super::messages;
use super::write::{id_text, table};
use crate::load::own;
use super::rules::{self, eval_code, for_each_part, rank_counts, req_rank, Conflict, Outcome, Slot};
use super::types::{Evidence, Reason, ReasonKind, Severity, Status, Verdict, MAX_LISTED_CONFLICTS};
use crate::model::{CodeIdx, EmpIdx, JurIdx, Model, ShiftIdx};
use crate::requirement::Req;
use crate::time;

/// A range of [`Drafts::text`]: `(start, end)` in bytes.
pub(crate) type Text = (u32, u32);

/// One reason of a drafted verdict: [`Reason`]'s fields, by index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DraftReason {
    pub kind: ReasonKind,
    pub code: Option<CodeIdx>,
    pub credential: Option<u32>,
    pub waiver: Option<u32>,
    pub shift: Option<ShiftIdx>,
    pub training: Option<u32>,
    pub role: Option<u32>,
    pub at: Option<Text>,
    pub days_left: Option<i32>,
    pub jurisdiction: Option<JurIdx>,
    pub rest_hours: Option<f64>,
    pub more: Option<u32>,
    /// `notCurrent`: have, need, withinDays, currentUntil (`Some(None)`: null).
    pub currency: Option<DraftCurrency>,
    /// `overLimit`: the limit, what was used, the window, the shifts counted.
    pub limit: Option<DraftLimit>,
    pub message: Text,
}

/// The fields of an `overLimit` reason (the limit's `max`, `measure` and severity are read
/// from the model's limit).
#[derive(Debug, Clone, Copy)]
pub(crate) struct DraftLimit {
    /// The limit, in `rules.limits`.
    pub limit: u32,
    /// `used`: hours, or a count.
    pub used: f64,
    pub window_start: Text,
    pub window_end: Text,
    /// The shifts counted: `(start, end)` in [`Drafts::listed`].
    pub shifts: (u32, u32),
    /// The limit's severity is `warn`.
    pub warn: bool,
}

/// The fields of a `notCurrent` reason.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DraftCurrency {
    pub have: f64,
    pub need: f64,
    pub within_days: u32,
    pub current_until: Option<Text>,
}

impl DraftReason {
    /// A reason of `kind` with its message and no other field. Out of line: written in place,
    /// its fifteen fields were a run of stores at each of the twelve reasons drafted.
    #[inline(never)]
    pub fn new(kind: ReasonKind, message: Text) -> DraftReason {
        DraftReason {
            kind,
            code: None,
            credential: None,
            waiver: None,
            shift: None,
            training: None,
            role: None,
            at: None,
            days_left: None,
            jurisdiction: None,
            rest_hours: None,
            more: None,
            currency: None,
            limit: None,
            message,
        }
    }

    /// The reason's severity: its limit's for an `overLimit` (`rules.severities` does not
    /// apply to it), else its kind's, or `warn` where `rules` soften the kind.
    #[inline]
    pub fn severity(&self, rules: &crate::model::Rules) -> Severity {
        match self.limit {
            Some(l) if l.warn => Severity::Warn,
            Some(_) => Severity::Block,
            None => rules.severity(self.kind),
        }
    }
}

/// One piece of evidence of a drafted verdict: the code, and the record or the waiver.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DraftEvidence {
    pub code: CodeIdx,
    pub credential: Option<u32>,
    pub waiver: Option<u32>,
}

/// One drafted verdict: whose, on what, and where its reasons and evidence are.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Head {
    pub emp: EmpIdx,
    pub shift: Option<ShiftIdx>,
    pub status: Status,
    /// `(start, end)` in [`Drafts::reasons`].
    pub reasons: (u32, u32),
    /// `(start, end)` in [`Drafts::evidence`].
    pub evidence: (u32, u32),
}

/// Verdicts drafted in a row (one for `check`, thousands for `validate`).
#[derive(Debug, Default, Clone)]
pub(crate) struct Drafts {
    pub heads: Vec<Head>,
    pub reasons: Vec<DraftReason>,
    pub evidence: Vec<DraftEvidence>,
    /// Every message and instant of the verdicts, one after the other.
    pub text: String,
    /// The shifts that `overLimit` reasons list, one run per reason.
    pub listed: Vec<ShiftIdx>,
}

impl Drafts {
    /// Forgets every verdict, keeping the buffers.
    pub fn clear(&mut self) {
        self.heads.clear();
        self.reasons.clear();
        self.evidence.clear();
        self.text.clear();
        self.listed.clear();
    }

    /// Copies verdict `i` of `from` to the end of these drafts (its text with it) and returns
    /// its index here.
    ///
    /// A verdict's texts (messages, instants) are one run of `from.text`, from its first
    /// reason's message on: drafting and copying both write them in the order of its reasons.
    /// The run is copied whole and each range moved by the same distance, where each text was
    /// copied apart (five copies of the copying).
    pub fn copy_from(&mut self, from: &Drafts, i: usize) -> Option<u32> {
        let h = from.heads.get(i)?;
        let reasons = from.reasons_of(h);
        let lo = reasons.first().map_or(0, |r| r.message.0);
        let delta = (self.text.len() as u32).wrapping_sub(lo);
        let mut hi = lo;
        let mut moved = |t: &mut Text| {
            hi = hi.max(t.1);
            *t = (t.0.wrapping_add(delta), t.1.wrapping_add(delta));
        };
        // The reasons copied whole (one copy of the memory), then their ranges moved in place,
        // where each was copied into a local and pushed (two copies of its fields).
        let r0 = self.reasons.len();
        self.reasons.extend_from_slice(reasons);
        for r in self.reasons.get_mut(r0..).unwrap_or_default() {
            moved(&mut r.message);
            if let Some(t) = &mut r.at {
                moved(t);
            }
            if let Some(t) = r.currency.as_mut().and_then(|c| c.current_until.as_mut()) {
                moved(t);
            }
            if let Some(l) = &mut r.limit {
                moved(&mut l.window_start);
                moved(&mut l.window_end);
                let start = self.listed.len() as u32;
                self.listed.extend_from_slice(from.listed_of(l));
                l.shifts = (start, self.listed.len() as u32);
            }
        }
        self.text.push_str(from.text((lo, hi)));
        let e0 = self.evidence.len() as u32;
        self.evidence.extend_from_slice(from.evidence_of(h));
        self.heads.push(Head { reasons: (r0 as u32, self.reasons.len() as u32), evidence: (e0, self.evidence.len() as u32), ..*h });
        Some(self.heads.len() as u32 - 1)
    }

    /// Gives back the buffers' spare capacity.
    pub fn shrink_to_fit(&mut self) {
        self.heads.shrink_to_fit();
        self.reasons.shrink_to_fit();
        self.evidence.shrink_to_fit();
        self.text.shrink_to_fit();
        self.listed.shrink_to_fit();
    }

    /// The bytes these drafts hold (their buffers' capacity).
    pub fn bytes(&self) -> usize {
        use std::mem::size_of;
        self.heads.capacity() * size_of::<Head>() + self.reasons.capacity() * size_of::<DraftReason>() + self.evidence.capacity() * size_of::<DraftEvidence>() + self.text.capacity() + self.listed.capacity() * size_of::<ShiftIdx>()
    }

    /// The text of a range.
    pub fn text(&self, (start, end): Text) -> &str {
        self.text.get(start as usize..end as usize).unwrap_or_default()
    }

    /// A range's text copied for the public types: out of line, where each of a reason's five
    /// texts wrote the range's look-up and the copy in place.
    #[inline(never)]
    fn owned(&self, t: Text) -> String {
        own(self.text(t))
    }

    /// The shifts an `overLimit` reason lists.
    pub fn listed_of(&self, l: &DraftLimit) -> &[ShiftIdx] {
        self.listed.get(l.shifts.0 as usize..l.shifts.1 as usize).unwrap_or_default()
    }

    /// A drafted verdict's reasons (the gap report keeps those that block).
    pub(crate) fn reasons_of(&self, h: &Head) -> &[DraftReason] {
        self.reasons.get(h.reasons.0 as usize..h.reasons.1 as usize).unwrap_or_default()
    }

    pub(super) fn evidence_of(&self, h: &Head) -> &[DraftEvidence] {
        self.evidence.get(h.evidence.0 as usize..h.evidence.1 as usize).unwrap_or_default()
    }

    /// The `i`-th verdict as the public type.
    pub fn verdict(&self, m: &Model, i: usize) -> Option<Verdict> {
        let h = self.heads.get(i)?;
        let (reasons, evidence) = self.parts(m, i);
        Some(Verdict {
            employee_id: own(id_text(m, table::EMPLOYEE, h.emp)),
            shift_id: owned_id(m, table::SHIFT, h.shift),
            status: h.status,
            reasons,
            evidence,
        })
    }

    /// The `i`-th verdict's reasons and evidence, as the public types.
    pub fn parts(&self, m: &Model, i: usize) -> (Vec<Reason>, Vec<Evidence>) {
        match self.heads.get(i) {
            Some(h) => (self.reasons_of(h).iter().map(|r| self.reason(m, r)).collect(), self.evidence_of(h).iter().map(|e| evidence(m, e)).collect()),
            None => (Vec::new(), Vec::new()),
        }
    }

    /// A drafted reason as the public type. Each text is copied by the loader's out-of-line
    /// `own` (a `clone` or `to_string` wrote its allocation and copy in place at each field),
    /// each id by [`owned_id`].
    pub fn reason(&self, m: &Model, r: &DraftReason) -> Reason {
        let text = |t: Text| self.owned(t);
        let limit = r.limit.and_then(|l| m.rules.limits.get(l.limit as usize));
        Reason {
            kind: r.kind,
            severity: r.severity(&m.rules),
            code: owned_id(m, table::CODE, r.code),
            credential_id: owned_id(m, table::RECORD, r.credential),
            waiver_id: owned_id(m, table::WAIVER, r.waiver),
            shift_id: owned_id(m, table::SHIFT, r.shift),
            training_id: owned_id(m, table::TRAINING, r.training),
            role_id: owned_id(m, table::ROLE, r.role),
            at: r.at.map(text),
            days_left: r.days_left,
            jurisdiction: owned_id(m, table::JURISDICTION, r.jurisdiction),
            rest_hours: r.rest_hours,
            more: r.more,
            have: r.currency.map(|c| c.have),
            need: r.currency.map(|c| c.need),
            within_days: r.currency.map(|c| c.within_days),
            current_until: r.currency.map(|c| c.current_until.map(text)),
            limit_id: limit.map(|l| own(&l.id)),
            used: r.limit.map(|l| l.used),
            max: limit.map(|l| l.max),
            measure: limit.map(|l| l.measure),
            window_start: r.limit.map(|l| text(l.window_start)),
            window_end: r.limit.map(|l| text(l.window_end)),
            shift_ids: r.limit.map(|l| self.listed_of(&l).iter().map(|&s| own(m.shift_id(s))).collect()),
            message: text(r.message),
        }
    }

}

fn evidence(m: &Model, e: &DraftEvidence) -> Evidence {
    Evidence {
        code: own(id_text(m, table::CODE, e.code)),
        credential_id: owned_id(m, table::RECORD, e.credential),
        waiver_id: owned_id(m, table::WAIVER, e.waiver),
    }
}

/// The id `index` of `table` copied for the public types, when there is one: one out-of-line
/// call per field, where each field wrote its look-up in its own list and its copy in place.
#[inline(never)]
fn owned_id(m: &Model, table: u8, index: Option<u32>) -> Option<String> {
    index.map(|i| own(id_text(m, table, i)))
}

// ---------------------------------------------------------------------------------------------
// The builder.

/// What drafting verdicts reuses from one verdict to the next.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The verdicts drafted.
    pub drafts: Drafts,
    seen: Vec<CodeIdx>,
    /// Where the message being written starts in `drafts.text`.
    message_start: usize,
    /// The `missing` message of each code, once written (empty: not kept); grown to the codes
    /// met, so a batch's few verdicts that miss nothing allocate no table (in WebAssembly,
    /// each allocation of a one-op edit counts).
    pub(super) missing: Vec<Option<String>>,
    /// Draft no messages (each reason's is empty): for a judgement only compared, reasons to
    /// reasons, with another (a batch's state before it), whose messages nobody reads.
    pub(crate) quiet: bool,
}

struct Report<'m, 's> {
    m: &'m Model,
    emp: EmpIdx,
    s: &'s mut Scratch,
    worst: Status,
}

impl Report<'_, '_> {
    fn push(&mut self, reason: DraftReason) {
        self.worst = self.worst.max(reason.severity(&self.m.rules).status());
        self.s.drafts.reasons.push(reason);
    }

    /// The drafts' text, to write a message at its end.
    fn text(&mut self) -> &mut String {
        self.s.message_start = self.s.drafts.text.len();
        &mut self.s.drafts.text
    }

    /// [`Report::text`], unless the scratch is quiet: then the message stays empty, and none
    /// is written.
    fn say(&mut self) -> Option<&mut String> {
        let quiet = self.s.quiet;
        let text = self.text();
        (!quiet).then_some(text)
    }

    /// The message written since [`Report::text`].
    fn message(&self) -> Text {
        (self.s.message_start as u32, self.s.drafts.text.len() as u32)
    }

    /// Writes an instant (RFC 3339, in `offset_s`) into the drafts' text.
    fn instant(&mut self, ms: i64, offset_s: i32) -> Text {
        let start = self.s.drafts.text.len() as u32;
        time::push_instant(&mut self.s.drafts.text, ms, offset_s);
        (start, self.s.drafts.text.len() as u32)
    }

    /// Record `rec` is the evidence for `code`.
    fn evidence_rec(&mut self, code: CodeIdx, rec: u32) {
        self.evidence(code, Some(rec), None);
    }

    /// Pushes a piece of evidence. Out of line: the push was written in place at each of the
    /// four outcomes with a record and at a waiver's.
    #[inline(never)]
    fn evidence(&mut self, code: CodeIdx, credential: Option<u32>, waiver: Option<u32>) {
        self.s.drafts.evidence.push(DraftEvidence { code, credential, waiver });
    }

    fn requirement(&mut self, req: &Req, slot: &Slot<'_>) {
        match req {
            Req::Code(c) => self.code(*c, slot),
            Req::All(items) => items.iter().for_each(|r| self.requirement(r, slot)),
            Req::Any(items) => {
                let mut best: Option<(u8, &Req)> = None;
                for r in items {
                    let rank = req_rank(self.m, self.emp, r, slot);
                    if best.is_none_or(|(b, _)| rank < b) {
                        best = Some((rank, r));
                    }
                }
                match best {
                    Some((rank, r)) if rank_counts(self.m, rank) => self.requirement(r, slot),
                    _ => items.iter().for_each(|r| self.requirement(r, slot)),
                }
            }
        }
    }

    fn code(&mut self, code: CodeIdx, slot: &Slot<'_>) {
        if crate::model::listed(&self.s.seen, code) {
            return;
        }
        self.s.seen.push(code);
        let m = self.m;
        // Each outcome says its kind and its record (or waiver); one message writer and one
        // tail below make every reason about a record or a waiver, where each outcome had its
        // own message, evidence, instant and reason inlined.
        let (kind, index) = match eval_code(m, self.emp, code, slot) {
            Outcome::Met { rec } => return self.evidence_rec(code, rec),
            Outcome::Expiring { rec, .. } => (ReasonKind::ExpiringSoon, rec),
            Outcome::Grace { rec } => (ReasonKind::InGrace, rec),
            Outcome::Waived { waiver } => (ReasonKind::Waived, waiver),
            Outcome::NotMet { kind: ReasonKind::NotCurrent, rec } => return self.not_current(code, rec, slot),
            Outcome::NotMet { kind, rec } => (kind, rec),
            Outcome::Missing => return self.missing(code),
        };
        let waived = kind == ReasonKind::Waived;
        let (credential, waiver) = if waived { (None, Some(index)) } else { (Some(index), None) };
        // Met with a note, in grace or waived: the record or the waiver is the evidence.
        if kind.severity() != Severity::Block {
            self.evidence(code, credential, waiver);
        }
        // The instant the reason names, read once for its message and its `at`: the record's
        // `validFrom` for `notYetValid`, in the offset of the shift's start, else its
        // `validUntil` (the waiver's), in that of the shift's end.
        let (bound, none, off) = match (waiver, kind) {
            (Some(w), _) => (Some(m.waivers[w as usize].until), i64::MAX, slot.end.offset_s),
            (None, ReasonKind::NotYetValid) => (m.records[index as usize].from, i64::MIN, slot.start.offset_s),
            (None, _) => (m.records[index as usize].until, i64::MAX, slot.end.offset_s),
        };
        let at = bound.map_or(none, |b| b.at(off));
        // The last valid local day and the days left to it from the shift's end ([`days_left`]),
        // for the kinds whose `validUntil` is a date they name (it is then never `i64::MAX`).
        let dated = matches!(kind, ReasonKind::ExpiringSoon | ReasonKind::InGrace | ReasonKind::Expired | ReasonKind::Waived);
        let last_day = if dated { time::local_day(at - 1, off) } else { 0 };
        let when = messages::When { at, last_day, days_left: last_day - slot.end.local_day() };
        if let Some(t) = self.say() {
            messages::code(t, m, kind, code, index, &when, slot);
        }
        let mut r = DraftReason::new(kind, self.message());
        r.code = Some(code);
        r.credential = credential;
        r.waiver = waiver;
        let has_at = matches!(kind, ReasonKind::NotYetValid | ReasonKind::ExpiresDuringShift) || dated;
        r.at = has_at.then(|| self.instant(at, off));
        r.days_left = (dated && !waived).then_some(when.days_left);
        if kind == ReasonKind::WrongJurisdiction {
            r.jurisdiction = m.jurisdiction_of(slot.location);
        }
        self.push(r);
    }

    /// `missing`: no record of `code` at all. The same text for every employee: written once
    /// per scratch, then copied.
    fn missing(&mut self, code: CodeIdx) {
        self.text();
        match self.s.missing.get(code as usize) {
            _ if self.s.quiet => {}
            Some(Some(message)) => self.s.drafts.text.push_str(message),
            _ => {
                messages::missing(&mut self.s.drafts.text, self.m, code);
                let text = crate::load::own(self.s.drafts.text(self.message()));
                let (i, missing) = (code as usize, &mut self.s.missing);
                if missing.len() <= i {
                    // Not `resize(i + 1, None)`: it clones its value, which compiled a
                    // `String`'s clone and drop in here.
                    missing.resize_with(i + 1, || None);
                }
                if let Some(slot) = missing.get_mut(i) {
                    *slot = Some(text);
                }
            }
        }
        let mut r = DraftReason::new(ReasonKind::Missing, self.message());
        r.code = Some(code);
        self.push(r);
    }
}

impl Report<'_, '_> {
    /// `notCurrent` (SPEC §8.1): record `rec` would meet `code`, but its holder is short of its
    /// own type's currency.
    fn not_current(&mut self, code: CodeIdx, rec: u32, slot: &Slot<'_>) {
        let m = self.m;
        let Some(rule) = m.records[rec as usize].code.and_then(|c| m.types[c as usize].currency) else { return };
        // Softened (SPEC §8.1), the record counts as met, with a warning: it is the evidence.
        if m.rules.softens(ReasonKind::NotCurrent) {
            self.evidence_rec(code, rec);
        }
        let start = slot.start;
        let have = crate::currency::have(m, self.emp, &rule, start.ms);
        let until = crate::currency::current_until(m, self.emp, &rule, start.ms);
        let scale = |n: u64| if rule.hours { n as f64 / crate::currency::MICRO } else { n as f64 };
        let (have, need) = (scale(have), scale(rule.need));
        if let Some(t) = self.say() {
            messages::not_current(t, m, code, rec, &rule, (have, need), until, start);
        }
        let mut r = DraftReason::new(ReasonKind::NotCurrent, self.message());
        fill_record(&mut r, code, rec);
        let current_until = until.map(|ms| self.instant(ms, start.offset_s));
        r.currency = Some(DraftCurrency { have, need, within_days: rule.within_days, current_until });
        self.push(r);
    }
}

impl Report<'_, '_> {
    /// `overLimit` (SPEC §8.1): the assignment takes its employee over limit `i`, in window
    /// `over`.
    fn over_limit(&mut self, i: u32, limit: &crate::limits::Limit, over: &crate::limits::Over, slot: &Slot<'_>, shift: Option<ShiftIdx>) -> DraftReason {
        let m = self.m;
        let used = match limit.measure {
            crate::Measure::Hours => over.used as f64 / crate::limits::HOUR_MS as f64,
            _ => over.used as f64,
        };
        let off = slot.start.offset_s;
        if let Some(t) = self.say() {
            messages::over_limit(t, limit, used, over, slot.start);
        }
        let message = self.message();
        let window_start = self.instant(over.start, off);
        let window_end = self.instant(over.end, off);
        let lo = self.s.drafts.listed.len() as u32;
        let listed = &mut self.s.drafts.listed;
        crate::limits::counted(m, self.emp, slot, shift, limit, over, &mut |s: ShiftIdx| listed.push(s));
        let mut r = DraftReason::new(ReasonKind::OverLimit, message);
        r.limit = Some(DraftLimit { limit: i, used, window_start, window_end, shifts: (lo, self.s.drafts.listed.len() as u32), warn: limit.warn });
        r
    }
}

/// The full verdict of employee `emp` on `slot`; `shift` is its `shiftId`.
pub(crate) fn verdict(m: &Model, emp: EmpIdx, slot: &Slot<'_>, shift: Option<ShiftIdx>) -> Verdict {
    let mut scratch = Scratch::default();
    draft(m, emp, slot, shift, &mut scratch);
    first(m, &scratch)
}

/// The first verdict drafted in `scratch`, as the public type.
pub(crate) fn first(m: &Model, scratch: &Scratch) -> Verdict {
    scratch.drafts.verdict(m, 0).unwrap_or_else(|| Verdict {
        employee_id: String::new(),
        shift_id: None,
        status: Status::Ok,
        reasons: Vec::new(),
        evidence: Vec::new(),
    })
}

/// Drafts the full verdict of employee `emp` on `slot` after those `scratch.drafts` holds;
/// `shift` is the verdict's `shiftId`. Returns its status.
pub(crate) fn draft(m: &Model, emp: EmpIdx, slot: &Slot<'_>, shift: Option<ShiftIdx>, scratch: &mut Scratch) -> Status {
    scratch.seen.clear();
    let first_reason = scratch.drafts.reasons.len() as u32;
    let first_evidence = scratch.drafts.evidence.len() as u32;
    let mut report = Report { m, emp, s: scratch, worst: Status::Ok };
    for_each_part(m, slot, |req| {
        report.requirement(req, slot);
        true
    });
    if let Some(role) = slot.role {
        if !m.may_work(emp, role) {
            if let Some(t) = report.say() {
                messages::not_in_role(t, m, emp, role);
            }
            let mut r = DraftReason::new(ReasonKind::NotInRole, report.message());
            r.role = Some(role);
            report.push(r);
        }
    }
    let ref_day = slot.start.local_day();
    // At most MAX_LISTED_CONFLICTS overlaps and trainings each, then one summary per kind
    // counting the rest: k mutually overlapping shifts would otherwise make `validate` write
    // k(k - 1) reasons (docs/decisions.md, 32). `rules::conflicts` gives them kind by kind
    // (overlaps, trainings, rests), so a kind's summary is drafted when the next kind's first
    // conflict comes, or at the end: each conflict is drafted as it comes, where they were
    // collected first to count the rest. Index 0 counts overlaps, 1 trainings.
    let (mut listed, mut more) = ([0usize; 2], [0usize; 2]);
    rules::conflicts(m, emp, slot, &mut |c: rules::Conflict| {
        let k = match c {
            Conflict::Overlap(_) => 0,
            Conflict::Training(_) => 1,
            _ => 2,
        };
        summaries(&mut report, &mut more, k);
        if let (Some(n), Some(left)) = (listed.get_mut(k), more.get_mut(k)) {
            if *n == MAX_LISTED_CONFLICTS {
                *left += 1;
                return true;
            }
            *n += 1;
        }
        let r = match c {
            Conflict::Overlap(s) => {
                if let Some(t) = report.say() {
                    messages::overlap(t, m, s, ref_day);
                }
                let mut r = DraftReason::new(ReasonKind::Overlap, report.message());
                r.shift = Some(s);
                r
            }
            Conflict::Training(index) => {
                if let Some(t) = report.say() {
                    messages::training(t, m, index, ref_day);
                }
                let start = m.trainings[index as usize].start;
                let mut r = DraftReason::new(ReasonKind::InTraining, report.message());
                r.training = Some(index);
                r.at = Some(report.instant(start.ms, start.offset_s));
                r
            }
            Conflict::RestBefore(s) | Conflict::RestAfter(s) => {
                let other = &m.shifts[s as usize];
                let (gap, before) = match c {
                    Conflict::RestBefore(_) => (slot.start.ms - other.end.ms, false),
                    _ => (other.start.ms - slot.end.ms, true),
                };
                if let Some(t) = report.say() {
                    messages::rest(t, m, s, gap, before, ref_day);
                }
                let mut r = DraftReason::new(ReasonKind::RestTooShort, report.message());
                r.shift = Some(s);
                r.rest_hours = Some(gap as f64 / 3_600_000.0);
                r
            }
        };
        report.push(r);
        true
    });
    summaries(&mut report, &mut more, 2);
    for (i, limit) in m.rules.limits.iter().enumerate() {
        if let Some(over) = crate::limits::over(m, emp, slot, limit) {
            let r = report.over_limit(i as u32, limit, &over, slot, shift);
            report.push(r);
        }
    }
    let worst = report.worst;
    let drafts = &mut scratch.drafts;
    drafts.heads.push(Head {
        emp,
        shift,
        status: worst,
        reasons: (first_reason, drafts.reasons.len() as u32),
        evidence: (first_evidence, drafts.evidence.len() as u32),
    });
    worst
}

/// Drafts the reasons closing the capped lists before kind `upto` (0: overlaps, 1: trainings)
/// that left conflicts out, `more` of each, and forgets those counts.
fn summaries(report: &mut Report<'_, '_>, more: &mut [usize; 2], upto: usize) {
    for (list, left) in more.iter_mut().enumerate().take(upto) {
        if *left == 0 {
            continue;
        }
        let kind = if list == 0 { ReasonKind::Overlap } else { ReasonKind::InTraining };
        if let Some(t) = report.say() {
            messages::more(t, *left, list == 1);
        }
        let mut r = DraftReason::new(kind, report.message());
        r.more = Some(u32::try_from(*left).unwrap_or(u32::MAX));
        report.push(r);
        *left = 0;
    }
}

fn fill_record(r: &mut DraftReason, code: CodeIdx, rec: u32) {
    r.code = Some(code);
    r.credential = Some(rec);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// 25 overlapping shifts and 25 overlapping trainings: capped lists with summaries.
    pub(crate) fn crowded() -> crate::Engine {
        let shifts: Vec<Value> = (0..25)
            .map(|i| json!({"id": format!("s{i}"), "start": format!("2027-02-01T{:02}:00:00-06:00", i % 12), "end": "2027-02-01T23:00:00-06:00", "requires": "BLS", "assigned": ["e1"]}))
            .collect();
        let trainings: Vec<Value> = (0..25)
            .map(|i| json!({"id": format!("t{i}"), "employeeId": "e1", "code": "BLS", "start": "2027-02-01T12:00:00-06:00", "end": "2027-02-01T13:00:00-06:00", "status": "scheduled"}))
            .collect();
        let roster = json!({"employees": [{"id": "e1", "name": "Zoë 😀"}, {"id": "e2"}], "shifts": shifts, "rules": {"minRestHours": 10}});
        let credentials = json!({"credentialTypes": [{"code": "BLS", "alertDays": [30]}],
            "credentials": [{"id": "c1", "employeeId": "e1", "code": "BLS", "validUntil": "2027-02-10"}], "trainings": trainings});
        crate::testutil::engine(&roster.to_string(), &credentials.to_string())
    }

    #[test]
    fn a_capped_list_ends_with_its_summary() {
        let engine = crowded();
        let v = super::verdict(&engine.model, 0, &Slot::of(&engine.model, 0), Some(0));
        let overlaps: Vec<_> = v.reasons.iter().filter(|r| r.kind == ReasonKind::Overlap).collect();
        assert_eq!(overlaps.len(), crate::MAX_LISTED_CONFLICTS + 1);
        assert_eq!(overlaps.last().map(|r| (r.more, r.message.as_str())), Some((Some(4), "and 4 more overlapping shifts")));
        let trainings: Vec<_> = v.reasons.iter().filter(|r| r.kind == ReasonKind::InTraining).collect();
        assert_eq!(trainings.last().map(|r| r.more), Some(Some(5)));
    }
}
