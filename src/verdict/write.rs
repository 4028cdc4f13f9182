//! Drafted verdicts written item by item for another language: the [`Out`] trait the
//! WebAssembly package's tape implements, the shapes and id tables it knows, and the
//! [`Engine`] operations that draft in a reused scratch and write.
//!
//! The writers follow the field order and the skip-when-absent rules of the public types'
//! `Serialize` exactly: `js/tape.js` builds the same objects as `JSON.parse` of the command
//! line's output (the parity tests compare them, and the tape's tests compare with
//! `serde_json`). Nothing here knows JavaScript: the tape (`crate::wasm::tape`) is the one
//! [`Out`], and the façade (`crate::wasm`) the one caller, so in a native build outside the
//! tests this module is unused.

use super::draft::{DraftReason, Drafts, Head, Scratch};
use super::rules::Slot;
use super::types::{ReasonKind, Status};
use crate::engine::{Engine, Placement};
use crate::error::Error;
use crate::live::cache::Sent;
use crate::model::{Model, ShiftIdx};

/// Where verdicts are written item by item for another language: the WebAssembly package's
/// tape (`crate::wasm::tape`) is the one writer. The writers of [`Drafts`] call it in the
/// order the public types serialize; see the tape for what each item becomes.
pub(crate) trait Out {
    /// `null`.
    fn null(&mut self);
    /// `true` or `false`.
    fn bool(&mut self, v: bool);
    /// An integer.
    fn integer(&mut self, v: i64);
    /// A number.
    fn number(&mut self, v: f64);
    /// A string of the result.
    fn str(&mut self, s: &str);
    /// A `&'static str`: an object key, an enum's name.
    fn name(&mut self, s: &'static str);
    /// Opens an array of `len` items: write them next.
    fn array(&mut self, len: usize);
    /// Opens an object of `len` entries: write each key ([`Out::name`]) and value next.
    fn object(&mut self, len: usize);
    /// Opens an object of shape `shape` (a number of [`SHAPES`]) with the keys whose bits are
    /// set in `present`: write their values next, in the shape's order.
    fn shape(&mut self, shape: u8, present: u32);
    /// An id: the `index`-th of table `table` (see [`table`]), whose text `text` gives when
    /// the writer needs it.
    fn id<'t>(&mut self, table: u8, index: u32, text: impl FnOnce() -> &'t str);
}

/// The id tables of [`Out::id`]: which of the model's lists an index is into.
pub(crate) mod table {
    /// `Model::employees`.
    pub const EMPLOYEE: u8 = 0;
    /// `Model::shift_ids`.
    pub const SHIFT: u8 = 1;
    /// `Model::types` (the code).
    pub const CODE: u8 = 2;
    /// `Model::records`.
    pub const RECORD: u8 = 3;
    /// `Model::waivers`.
    pub const WAIVER: u8 = 4;
    /// `Model::trainings`.
    pub const TRAINING: u8 = 5;
    /// `Model::roles`.
    pub const ROLE: u8 = 6;
    /// `Model::jurisdictions`.
    pub const JURISDICTION: u8 = 7;
    /// `Model::employees` (the name).
    pub const EMPLOYEE_NAME: u8 = 8;
}

/// One key of a [`Shape`]: its name, its TypeScript type, whether it may be absent, whether
/// its value is an id ([`Out::id`]: `js/tape.js` reads it on its fast path for ids), and what
/// it says (the declaration's doc comment, when it needs one).
pub(crate) struct Key {
    pub name: &'static str,
    pub ts: &'static str,
    pub optional: bool,
    pub id: bool,
    pub doc: &'static str,
}

const fn key(name: &'static str, ts: &'static str, optional: bool, id: bool, doc: &'static str) -> Key {
    Key { name, ts, optional, id, doc }
}

/// An object shape of [`Out::shape`]: the public type it is, and its keys in the order that type
/// serializes its fields.
pub(crate) struct Shape {
    pub name: &'static str,
    pub doc: &'static str,
    pub keys: &'static [Key],
}

/// The shapes, by number ([`shape`]). The one definition of what crosses: the writers below
/// follow it (the tape's tests read their output with it and compare with `serde_json`), and
/// `src/wasm/generated.rs` writes from it `js/tape.js`'s readers and the TypeScript
/// declarations of the package's `Verdict`, `Candidate`, `Evidence` and `Reason` (whose
/// union per kind is [`REASON_FIELDS`]).
pub(crate) const SHAPES: [Shape; 4] = [
    Shape {
        name: "Verdict",
        doc: "May this employee work this shift, and if not, why not.",
        keys: &[
            key("employeeId", "string", false, true, ""),
            key("shiftId", "string | null", false, true, "`null` for a placement of a shift that does not exist yet."),
            key("status", "Status", false, false, ""),
            key("reasons", "Reason[]", false, false, ""),
            key("evidence", "Evidence[]", false, false, ""),
        ],
    },
    Shape {
        name: "Candidate",
        doc: "One employee's standing for a shift (`candidates`), best first.",
        keys: &[
            key("employeeId", "string", false, true, ""),
            key("name", "string", true, true, ""),
            key("status", "Status", false, false, ""),
            key("assigned", "boolean", false, false, "Already assigned to the shift."),
            key("reasons", "Reason[]", false, false, ""),
            key("evidence", "Evidence[]", false, false, ""),
        ],
    },
    Shape {
        name: "Evidence",
        doc: "The record or waiver that met a requirement code: what an auditor asks for.",
        keys: &[key("code", "string", false, true, ""), key("credentialId", "string", true, true, ""), key("waiverId", "string", true, true, "")],
    },
    Shape {
        name: "Reason",
        doc: "One reason of a verdict, discriminated by `kind`: `kind` and the fields for programs, `message` for people.",
        keys: &[
            key("kind", "ReasonKind", false, false, ""),
            key("severity", "Severity", false, false, ""),
            key("code", "string", true, true, "The requirement code."),
            key("credentialId", "string", true, true, "The record (possibly of a type that `satisfies` the code)."),
            key("waiverId", "string", true, true, ""),
            key("shiftId", "string", true, true, ""),
            key("trainingId", "string", true, true, ""),
            key("roleId", "string", true, true, ""),
            key("at", "Instant", true, false, ""),
            key("daysLeft", "number", true, false, ""),
            key("jurisdiction", "string", true, true, ""),
            key("restHours", "number", true, false, ""),
            key("more", "number", true, false, "Closes a list capped at 20: how many more were left out."),
            key("have", "number", true, false, "What the holder has of the currency's measure: a count, or hours."),
            key("need", "number", true, false, "The currency's `min` or `minHours`."),
            key("withinDays", "number", true, false, ""),
            key("currentUntil", "Instant | null", true, false, "The latest shift start at which the events recorded still suffice; `null` when they never did."),
            key("limitId", "string", true, false, "The limit of `rules.limits` gone over."),
            key("used", "number", true, false, "What the window holds: hours, or a count of shifts or nights."),
            key("max", "number", true, false, "The limit's `max`."),
            key("measure", "Measure", true, false, ""),
            key("windowStart", "Instant", true, false, "The window, in the offset of the shift's start."),
            key("windowEnd", "Instant", true, false, "Exclusive."),
            key("shiftIds", "string[]", true, false, "The shifts counted, by start (for `nights`, the nights)."),
            key("message", "string", false, false, ""),
        ],
    },
];

/// What each kind of reason carries beside `kind`, `severity` and `message`: the fields always
/// there, then those that may be, named as in JSON. A kind in two rows has two forms (an
/// `overlap` names its shift, or closes a capped list with `more`). The TypeScript `Reason`
/// union is written from this table (`src/wasm/generated.rs`), and a test checks every reason
/// of the demo's roster and of a crowded one against it. `crewShortfall` is a finding's, never
/// a verdict's.
pub(crate) const REASON_FIELDS: &[(&[ReasonKind], &[&str], &[&str])] = &[
    (&[ReasonKind::ExpiringSoon, ReasonKind::InGrace], &["code", "credentialId", "at", "daysLeft"], &[]),
    (&[ReasonKind::Waived], &["code", "waiverId", "at"], &[]),
    (&[ReasonKind::Expired], &["code", "credentialId", "at", "daysLeft"], &[]),
    (&[ReasonKind::ExpiresDuringShift, ReasonKind::NotYetValid], &["code", "credentialId", "at"], &[]),
    (&[ReasonKind::Pending, ReasonKind::Suspended, ReasonKind::Revoked, ReasonKind::Unsupervised], &["code", "credentialId"], &[]),
    (&[ReasonKind::WrongJurisdiction], &["code", "credentialId"], &["jurisdiction"]),
    (&[ReasonKind::NotCurrent], &["code", "credentialId", "have", "need", "withinDays", "currentUntil"], &[]),
    (&[ReasonKind::Missing], &["code"], &[]),
    (&[ReasonKind::NotInRole], &["roleId"], &[]),
    (&[ReasonKind::Overlap], &["shiftId"], &[]),
    (&[ReasonKind::InTraining], &["trainingId", "at"], &[]),
    (&[ReasonKind::RestTooShort], &["shiftId", "restHours"], &[]),
    (&[ReasonKind::Overlap, ReasonKind::InTraining], &["more"], &[]),
    (&[ReasonKind::OverLimit], &["limitId", "used", "max", "measure", "windowStart", "windowEnd", "shiftIds"], &[]),
];

/// The numbers of [`SHAPES`].
pub(crate) mod shape {
    /// A [`crate::Verdict`].
    pub const VERDICT: u8 = 0;
    /// A [`crate::Candidate`].
    pub const CANDIDATE: u8 = 1;
    /// An [`crate::Evidence`].
    pub const EVIDENCE: u8 = 2;
    /// A [`crate::Reason`].
    pub const REASON: u8 = 3;
}

/// The writers onto an [`Out`].
impl Drafts {
    /// Writes the `i`-th verdict onto `tape` as [`Verdict`] serializes:
    /// `{employeeId, shiftId, status, reasons, evidence}`.
    pub fn write_verdict<O: Out>(&self, m: &Model, i: usize, tape: &mut O) {
        let Some(h) = self.heads.get(i) else {
            tape.null();
            return;
        };
        tape.shape(shape::VERDICT, 0b11111);
        write_id(tape, m, table::EMPLOYEE, h.emp);
        match h.shift {
            Some(s) => write_id(tape, m, table::SHIFT, s),
            None => tape.null(),
        }
        tape.name(h.status.as_str());
        self.write_lists(m, h, tape);
    }

    /// Writes the candidates of shift `shift`, the drafts in `order`, onto `tape` as
    /// `Engine::candidates` serializes its list.
    pub fn write_candidates<O: Out>(&self, m: &Model, shift: ShiftIdx, order: &[u32], tape: &mut O) {
        let assigned = m.shifts.get(shift as usize).map_or(&[][..], |sh| &sh.assigned);
        tape.array(order.len());
        for &i in order {
            let on = self.heads.get(i as usize).is_some_and(|h| crate::model::listed(assigned, h.emp));
            self.write_candidate(m, i as usize, on, tape);
        }
    }

    /// Writes `validate`'s answer onto `tape` as [`crate::Validation`] serializes:
    /// `{status, verdicts, findings}`, the verdicts the drafts in `order`.
    pub fn write_validation<O: Out>(&self, m: &Model, status: Status, order: &[u32], findings: &[crate::Finding], tape: &mut O) {
        tape.object(3);
        tape.name("status");
        tape.name(status.as_str());
        tape.name("verdicts");
        tape.array(order.len());
        for &i in order {
            self.write_verdict(m, i as usize, tape);
        }
        tape.name("findings");
        crate::written::findings(tape, findings);
    }

    /// Writes the `i`-th verdict onto `tape` as a `Candidate` serializes:
    /// `{employeeId, name?, status, assigned, reasons, evidence}`.
    fn write_candidate<O: Out>(&self, m: &Model, i: usize, assigned: bool, tape: &mut O) {
        let Some(h) = self.heads.get(i) else {
            tape.null();
            return;
        };
        let employee = &m.employees[h.emp as usize];
        tape.shape(shape::CANDIDATE, 0b111101 | u32::from(employee.name.is_some()) << 1);
        tape.id(table::EMPLOYEE, h.emp, || &employee.id);
        if let Some(name) = &employee.name {
            tape.id(table::EMPLOYEE_NAME, h.emp, || name);
        }
        tape.name(h.status.as_str());
        tape.bool(assigned);
        self.write_lists(m, h, tape);
    }

    /// The values of `reasons` and `evidence`.
    fn write_lists<O: Out>(&self, m: &Model, h: &Head, tape: &mut O) {
        let reasons = self.reasons_of(h);
        tape.array(reasons.len());
        for r in reasons {
            self.write_reason(m, r, tape);
        }
        let evidence = self.evidence_of(h);
        tape.array(evidence.len());
        for e in evidence {
            tape.shape(shape::EVIDENCE, 1 | u32::from(e.credential.is_some()) << 1 | u32::from(e.waiver.is_some()) << 2);
            write_id(tape, m, table::CODE, e.code);
            if let Some(c) = e.credential {
                write_id(tape, m, table::RECORD, c);
            }
            if let Some(w) = e.waiver {
                write_id(tape, m, table::WAIVER, w);
            }
        }
    }

    /// One reason, as [`Reason`] serializes (absent fields left out, `message` last).
    fn write_reason<O: Out>(&self, m: &Model, r: &DraftReason, tape: &mut O) {
        // `kind`, `severity` (bits 0, 1) and `message` (24) always; `code` to `more` (2 to 12)
        // each by its own field; the currency's four keys (13 to 16) and the limit's seven (17
        // to 23) each together, by one multiplication where a bit apiece took a select.
        let one = [
            r.code.is_some(),
            r.credential.is_some(),
            r.waiver.is_some(),
            r.shift.is_some(),
            r.training.is_some(),
            r.role.is_some(),
            r.at.is_some(),
            r.days_left.is_some(),
            r.jurisdiction.is_some(),
            r.rest_hours.is_some(),
            r.more.is_some(),
        ];
        let present = one.iter().enumerate().fold(0b11 | 1 << 24, |bits, (i, &p)| bits | u32::from(p) << (i + 2));
        let present = present | (u32::from(r.currency.is_some()) * (0b1111 << 13)) | (u32::from(r.limit.is_some()) * (0b111_1111 << 17));
        tape.shape(shape::REASON, present);
        tape.name(r.kind.as_str());
        tape.name(r.severity(&m.rules).as_str());
        if let Some(c) = r.code {
            write_id(tape, m, table::CODE, c);
        }
        if let Some(c) = r.credential {
            write_id(tape, m, table::RECORD, c);
        }
        if let Some(w) = r.waiver {
            write_id(tape, m, table::WAIVER, w);
        }
        if let Some(s) = r.shift {
            write_id(tape, m, table::SHIFT, s);
        }
        if let Some(t) = r.training {
            write_id(tape, m, table::TRAINING, t);
        }
        if let Some(x) = r.role {
            write_id(tape, m, table::ROLE, x);
        }
        if let Some(at) = r.at {
            self.write_text(tape, at);
        }
        if let Some(d) = r.days_left {
            tape.integer(i64::from(d));
        }
        if let Some(j) = r.jurisdiction {
            write_id(tape, m, table::JURISDICTION, j);
        }
        if let Some(h) = r.rest_hours {
            tape.number(h);
        }
        if let Some(n) = r.more {
            tape.integer(i64::from(n));
        }
        if let Some(c) = r.currency {
            number(tape, c.have);
            number(tape, c.need);
            tape.integer(i64::from(c.within_days));
            match c.current_until {
                Some(t) => self.write_text(tape, t),
                None => tape.null(),
            }
        }
        if let Some(l) = r.limit {
            let limit = m.rules.limits.get(l.limit as usize);
            tape.str(limit.map_or("", |x| x.id.as_str()));
            number(tape, l.used);
            number(tape, limit.map_or(0.0, |x| x.max));
            tape.name(limit.map_or(crate::Measure::Hours, |x| x.measure).as_str());
            self.write_text(tape, l.window_start);
            self.write_text(tape, l.window_end);
            let shifts = self.listed_of(&l);
            tape.array(shifts.len());
            for &s in shifts {
                write_id(tape, m, table::SHIFT, s);
            }
        }
        self.write_text(tape, r.message);
    }

    /// A text of the drafts (a message, an instant) as a string of the result: out of line,
    /// where each of the five wrote the range's look-up and the write in place.
    #[inline(never)]
    fn write_text<O: Out>(&self, tape: &mut O, t: super::draft::Text) {
        tape.str(self.text(t));
    }
}

/// The id `index` of `table` (a verdict's, a reason's or a piece of evidence's), its text looked
/// up by [`id_text`]: out of line, where each `Out::id` with its own closure was written in
/// place at the eleven ids a verdict, its reasons and its evidence can name.
#[inline(never)]
fn write_id<O: Out>(tape: &mut O, m: &Model, table: u8, index: u32) {
    tape.id(table, index, || id_text(m, table, index));
}

/// The text of id `index` of `table` (see [`table`]; the empty text for an index out of range):
/// one `match` for the writers' ids and for the drafted verdicts' copies as the public types.
pub(crate) fn id_text(m: &Model, table: u8, index: u32) -> &str {
    let i = index as usize;
    match table {
        table::EMPLOYEE => m.employees.get(i).map_or("", |e| e.id.as_str()),
        table::CODE => m.types.get(i).map_or("", |t| t.code.as_str()),
        table::RECORD => m.records.get(i).map_or("", |r| r.id.as_str()),
        table::WAIVER => m.waivers.get(i).map_or("", |w| w.id.as_str()),
        table::SHIFT => m.shift_id(index),
        table::TRAINING => m.trainings.get(i).map_or("", |t| t.id.as_str()),
        table::ROLE => m.roles.get(i).map_or("", |r| r.id.as_str()),
        table::JURISDICTION => m.jurisdictions.get(i).map_or("", |j| j.as_str()),
        _ => "",
    }
}

/// A number as [`Reason`] serializes it: whole numbers as integers.
pub(crate) fn number<O: Out>(tape: &mut O, n: f64) {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        tape.integer(n as i64);
    } else {
        tape.number(n);
    }
}

/// The scratch space an engine keeps for the verdicts it writes onto an [`Out`]
/// (`Engine::write_check`...): grown to the largest answer once, then reused, so that the
/// WebAssembly package's `check` allocates nothing once warm. A call made while another holds
/// it (it cannot happen in one thread) drafts in a fresh one.
#[derive(Default)]
pub(crate) struct Reuse(std::sync::Mutex<Scratch>);

impl Reuse {
    /// Runs `f` with the scratch.
    pub fn with<T>(&self, f: impl FnOnce(&mut Scratch) -> T) -> T {
        match self.0.try_lock() {
            Ok(mut scratch) => f(&mut scratch),
            Err(_) => f(&mut Scratch::default()),
        }
    }
}

/// A clone starts empty, keeping no messages (the engine's clone has the same model, but the
/// space is not worth copying).
impl Clone for Reuse {
    fn clone(&self) -> Reuse {
        Reuse::default()
    }
}

impl std::fmt::Debug for Reuse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Reuse")
    }
}


impl Engine {
    /// Writes the verdict of [`Engine::check`] onto `out`. An unknown id is an error, and then
    /// nothing is written.
    pub(crate) fn write_check<O: Out>(&self, employee_id: &str, shift_id: &str, out: &mut O) -> Result<(), Error> {
        self.reuse.with(|scratch| {
            self.draft_check(employee_id, shift_id, scratch)?;
            scratch.drafts.write_verdict(&self.model, 0, out);
            Ok(())
        })
    }

    /// Writes the verdict of [`Engine::check_placement`] onto `out`.
    pub(crate) fn write_placement<O: Out>(&self, employee_id: &str, placement: &Placement, ignore_shift_id: Option<&str>, out: &mut O) -> Result<(), Error> {
        self.reuse.with(|scratch| {
            self.draft_placement(employee_id, placement, ignore_shift_id, scratch)?;
            scratch.drafts.write_verdict(&self.model, 0, out);
            Ok(())
        })
    }

    /// Writes the verdict of [`Engine::check_moved`] onto `out` for `employee_id`, or those of
    /// [`Engine::check_move`] (an array) for `None`: drafted in the reused scratch and written
    /// as `check`'s verdict is, where the public types were built, copied onto the tape and
    /// dropped. An unknown id or a bad instant is an error, and then nothing is written.
    pub(crate) fn write_move<O: Out>(&self, employee_id: Option<&str>, shift_id: &str, start: &str, end: &str, out: &mut O) -> Result<(), Error> {
        self.reuse.with(|scratch| {
            let n = self.draft_move(employee_id, shift_id, start, end, scratch)?;
            match employee_id {
                Some(_) => scratch.drafts.write_verdict(&self.model, 0, out),
                None => {
                    out.array(n);
                    for i in 0..n {
                        scratch.drafts.write_verdict(&self.model, i, out);
                    }
                }
            }
            Ok(())
        })
    }

    /// Writes [`Engine::candidates`] onto `out`.
    pub(crate) fn write_candidates<O: Out>(&self, shift_id: &str, out: &mut O) -> Result<(), Error> {
        let s = self.shift_index(shift_id).ok_or_else(|| Error::unknown_shift(shift_id))?;
        self.reuse.with(|scratch| {
            let order = self.draft_candidates(s, scratch);
            scratch.drafts.write_candidates(&self.model, s, &order, out);
            Ok(())
        })
    }

    /// Writes [`Engine::validate`] onto `out`.
    pub(crate) fn write_validation<O: Out>(&self, out: &mut O) {
        self.with_validation(|drafts, status, order, findings| drafts.write_validation(&self.model, status, order, findings, out))
    }

    /// Writes [`Engine::validate`] onto `out` for a reader that holds the answer `sent` (see
    /// `crate::live::cache::Sent`), or nothing: `{status, verdicts, findings, seq, base, runs}`,
    /// where `base` is `seq_held` and `verdicts` only the verdicts not sent before, put among
    /// the ones held by `runs` (three numbers a run: how many held verdicts to skip, how many to
    /// keep, how many of `verdicts` to take), or, when the reader holds nothing this can follow
    /// (`base` 0), every verdict and no runs. Returns what the reader then holds, under `seq`.
    pub(crate) fn write_validation_since<O: Out>(&self, sent: Option<(&Sent, u32)>, seq: u32, out: &mut O) -> Result<Sent, Error> {
        self.with_stamped_validation(|drafts, status, order, stamps, findings| {
            let delta = sent.and_then(|(held, base)| Some((held.delta(stamps)?, base)));
            out.object(6);
            out.name("status");
            out.name(status.as_str());
            out.name("verdicts");
            let (runs, base) = match &delta {
                Some(((runs, added), base)) => {
                    out.array(added.len());
                    for &k in added {
                        drafts.write_verdict(&self.model, order.get(k as usize).map_or(usize::MAX, |&i| i as usize), out);
                    }
                    (&runs[..], *base)
                }
                None => {
                    out.array(order.len());
                    for &i in order {
                        drafts.write_verdict(&self.model, i as usize, out);
                    }
                    (&[][..], 0)
                }
            };
            out.name("findings");
            crate::written::findings(out, findings);
            out.name("seq");
            out.integer(i64::from(seq));
            out.name("base");
            out.integer(i64::from(base));
            out.name("runs");
            out.array(runs.len());
            for &r in runs {
                out.integer(i64::from(r));
            }
            Ok(Sent::of(stamps))
        })
    }

    /// Drafts the verdict of [`Engine::check`] into `scratch` (emptied first).
    pub(crate) fn draft_check(&self, employee_id: &str, shift_id: &str, scratch: &mut Scratch) -> Result<(), Error> {
        let e = self.employee_index(employee_id).ok_or_else(|| Error::unknown_employee(employee_id))?;
        let s = self.shift_index(shift_id).ok_or_else(|| Error::unknown_shift(shift_id))?;
        scratch.drafts.clear();
        super::draft::draft(&self.model, e, &Slot::of(&self.model, s), Some(s), scratch);
        Ok(())
    }
}
