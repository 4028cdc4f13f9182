//! Verdicts by index: what the verdict builder writes before any `String` exists, and the two
//! ways out of it.
//!
//! A verdict names things of the model (the employee, the shift, codes, records, waivers,
//! trainings, roles, jurisdictions) and carries text of its own (messages, instants). A
//! [`Drafts`] holds verdicts with the first as indexes and the second as ranges of one text,
//! many verdicts in a row, with nothing allocated per verdict once its buffers have grown.
//! From there:
//!
//! - [`Drafts::verdict`] makes the public [`Verdict`], each id and message its own `String`
//!   (the Rust API, the command line);
//! - `Drafts::write_verdict` and `Drafts::write_candidate` write it straight onto a
//!   `Tape` for JavaScript, each id by `Tape::id`: an id the page has already received
//!   crosses as one number, its string taken from the page's table, and is never read from the
//!   model or copied at all.
//!
//! Both give the same value: the tape's writers follow the field order and the
//! skip-when-absent rules of the public types' `Serialize`, and the parity tests compare the
//! JSON of the command line with the objects of both WebAssembly builds.

use crate::model::{CodeIdx, EmpIdx, JurIdx, Model, ShiftIdx};
#[cfg(any(target_arch = "wasm32", test))]
use crate::tape::Tape;
use crate::verdict::{Evidence, Reason, ReasonKind, Status, Verdict};

/// A range of [`Drafts::text`]: `(start, end)` in bytes.
pub(crate) type Text = (u32, u32);

/// The id tables of `Tape::id`: which of the model's lists an index is into.
#[cfg(any(target_arch = "wasm32", test))]
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

/// The object shapes of `Tape::shape`: each key list in the order the public type serializes
/// its fields. `js/tape.js` builds each as an object literal, so the two lists must agree (the
/// tests of this module read the tape with this table and compare with `serde_json`).
#[cfg(test)]
pub(crate) const SHAPES: [&[&str]; 4] = [
    &["employeeId", "shiftId", "status", "reasons", "evidence"],
    &["employeeId", "name", "status", "assigned", "reasons", "evidence"],
    &["code", "credentialId", "waiverId"],
    &[
        "kind",
        "severity",
        "code",
        "credentialId",
        "waiverId",
        "shiftId",
        "trainingId",
        "roleId",
        "at",
        "daysLeft",
        "jurisdiction",
        "restHours",
        "more",
        "message",
    ],
];

/// The numbers of [`SHAPES`].
#[cfg(any(target_arch = "wasm32", test))]
mod shape {
    /// A [`crate::Verdict`].
    pub const VERDICT: u8 = 0;
    /// A [`crate::Candidate`].
    pub const CANDIDATE: u8 = 1;
    /// An [`crate::Evidence`].
    pub const EVIDENCE: u8 = 2;
    /// A [`crate::Reason`].
    pub const REASON: u8 = 3;
}

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
    pub message: Text,
}

impl DraftReason {
    /// A reason of `kind` with its message and no other field.
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
            message,
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
#[derive(Debug, Default)]
pub(crate) struct Drafts {
    pub heads: Vec<Head>,
    pub reasons: Vec<DraftReason>,
    pub evidence: Vec<DraftEvidence>,
    /// Every message and instant of the verdicts, one after the other.
    pub text: String,
}

impl Drafts {
    /// Forgets every verdict, keeping the buffers.
    pub fn clear(&mut self) {
        self.heads.clear();
        self.reasons.clear();
        self.evidence.clear();
        self.text.clear();
    }

    /// The text of a range.
    pub fn text(&self, (start, end): Text) -> &str {
        self.text.get(start as usize..end as usize).unwrap_or_default()
    }

    fn reasons_of(&self, h: &Head) -> &[DraftReason] {
        self.reasons.get(h.reasons.0 as usize..h.reasons.1 as usize).unwrap_or_default()
    }

    fn evidence_of(&self, h: &Head) -> &[DraftEvidence] {
        self.evidence.get(h.evidence.0 as usize..h.evidence.1 as usize).unwrap_or_default()
    }

    /// The `i`-th verdict as the public type.
    pub fn verdict(&self, m: &Model, i: usize) -> Option<Verdict> {
        let h = self.heads.get(i)?;
        let (reasons, evidence) = self.parts(m, i);
        Some(Verdict {
            employee_id: m.employees[h.emp as usize].id.clone(),
            shift_id: h.shift.map(|s| m.shift_id(s).to_string()),
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

    /// A drafted reason as the public type.
    pub fn reason(&self, m: &Model, r: &DraftReason) -> Reason {
        Reason {
            kind: r.kind,
            severity: r.kind.severity(),
            code: r.code.map(|c| m.types[c as usize].code.clone()),
            credential_id: r.credential.map(|c| m.records[c as usize].id.clone()),
            waiver_id: r.waiver.map(|w| m.waivers[w as usize].id.clone()),
            shift_id: r.shift.map(|s| m.shift_id(s).to_string()),
            training_id: r.training.map(|t| m.trainings[t as usize].id.clone()),
            role_id: r.role.map(|x| m.roles[x as usize].id.clone()),
            at: r.at.map(|t| self.text(t).to_string()),
            days_left: r.days_left,
            jurisdiction: r.jurisdiction.map(|j| m.jurisdictions[j as usize].clone()),
            rest_hours: r.rest_hours,
            more: r.more,
            message: self.text(r.message).to_string(),
        }
    }

}

/// The tape's writers (compiled where the tape is: the WebAssembly build and the tests).
#[cfg(any(target_arch = "wasm32", test))]
impl Drafts {
    /// Writes the `i`-th verdict onto `tape` as [`Verdict`] serializes:
    /// `{employeeId, shiftId, status, reasons, evidence}`.
    pub fn write_verdict(&self, m: &Model, i: usize, tape: &mut Tape) {
        let Some(h) = self.heads.get(i) else {
            tape.null();
            return;
        };
        tape.shape(shape::VERDICT, 0b11111);
        tape.id(table::EMPLOYEE, h.emp, || &m.employees[h.emp as usize].id);
        match h.shift {
            Some(s) => tape.id(table::SHIFT, s, || m.shift_id(s)),
            None => tape.null(),
        }
        tape.name(h.status.as_str());
        self.write_lists(m, h, tape);
    }

    /// Writes the candidates of shift `shift`, the drafts in `order`, onto `tape` as
    /// `Engine::candidates` serializes its list.
    pub fn write_candidates(&self, m: &Model, shift: ShiftIdx, order: &[u32], tape: &mut Tape) {
        let assigned = m.shifts.get(shift as usize).map_or(&[][..], |sh| &sh.assigned);
        tape.array(order.len());
        for &i in order {
            let on = self.heads.get(i as usize).is_some_and(|h| assigned.contains(&h.emp));
            self.write_candidate(m, i as usize, on, tape);
        }
    }

    /// Writes `validate`'s answer onto `tape` as [`crate::Validation`] serializes:
    /// `{status, verdicts, findings}`, the verdicts the drafts in `order`.
    pub fn write_validation(&self, m: &Model, status: Status, order: &[u32], findings: &[crate::Finding], tape: &mut Tape) -> Result<(), crate::tape::TapeError> {
        tape.object(3);
        tape.name("status");
        tape.name(status.as_str());
        tape.name("verdicts");
        tape.array(order.len());
        for &i in order {
            self.write_verdict(m, i as usize, tape);
        }
        tape.name("findings");
        tape.value(findings)
    }

    /// Writes the `i`-th verdict onto `tape` as a `Candidate` serializes:
    /// `{employeeId, name?, status, assigned, reasons, evidence}`.
    fn write_candidate(&self, m: &Model, i: usize, assigned: bool, tape: &mut Tape) {
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
    fn write_lists(&self, m: &Model, h: &Head, tape: &mut Tape) {
        let reasons = self.reasons_of(h);
        tape.array(reasons.len());
        for r in reasons {
            self.write_reason(m, r, tape);
        }
        let evidence = self.evidence_of(h);
        tape.array(evidence.len());
        for e in evidence {
            tape.shape(shape::EVIDENCE, 1 | u32::from(e.credential.is_some()) << 1 | u32::from(e.waiver.is_some()) << 2);
            tape.id(table::CODE, e.code, || &m.types[e.code as usize].code);
            if let Some(c) = e.credential {
                tape.id(table::RECORD, c, || &m.records[c as usize].id);
            }
            if let Some(w) = e.waiver {
                tape.id(table::WAIVER, w, || &m.waivers[w as usize].id);
            }
        }
    }

    /// One reason, as [`Reason`] serializes (absent fields left out, `message` last).
    fn write_reason(&self, m: &Model, r: &DraftReason, tape: &mut Tape) {
        let present = [
            true,
            true,
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
            true,
        ];
        tape.shape(shape::REASON, present.iter().enumerate().fold(0, |bits, (i, &p)| bits | u32::from(p) << i));
        tape.name(r.kind.as_str());
        tape.name(r.kind.severity().as_str());
        if let Some(c) = r.code {
            tape.id(table::CODE, c, || &m.types[c as usize].code);
        }
        if let Some(c) = r.credential {
            tape.id(table::RECORD, c, || &m.records[c as usize].id);
        }
        if let Some(w) = r.waiver {
            tape.id(table::WAIVER, w, || &m.waivers[w as usize].id);
        }
        if let Some(s) = r.shift {
            tape.id(table::SHIFT, s, || m.shift_id(s));
        }
        if let Some(t) = r.training {
            tape.id(table::TRAINING, t, || &m.trainings[t as usize].id);
        }
        if let Some(x) = r.role {
            tape.id(table::ROLE, x, || &m.roles[x as usize].id);
        }
        if let Some(at) = r.at {
            tape.str(self.text(at));
        }
        if let Some(d) = r.days_left {
            tape.integer(i64::from(d));
        }
        if let Some(j) = r.jurisdiction {
            tape.id(table::JURISDICTION, j, || &m.jurisdictions[j as usize]);
        }
        if let Some(h) = r.rest_hours {
            tape.number(h);
        }
        if let Some(n) = r.more {
            tape.integer(i64::from(n));
        }
        tape.str(self.text(r.message));
    }
}

fn evidence(m: &Model, e: &DraftEvidence) -> Evidence {
    Evidence {
        code: m.types[e.code as usize].code.clone(),
        credential_id: e.credential.map(|c| m.records[c as usize].id.clone()),
        waiver_id: e.waiver.map(|w| m.waivers[w as usize].id.clone()),
    }
}

#[cfg(test)]
mod tests {
    //! The tape's writers against `serde_json`'s reading of the public types, on the demo's
    //! roster (every kind of reason) and on a roster with more conflicts than a verdict lists.
    use super::*;
    use crate::tape::test_reader::{as_js, Reader};
    use crate::verdict::{self, Scratch};
    use serde_json::{json, Value};

    fn demo() -> crate::Engine {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/");
        let read = |f: &str| std::fs::read_to_string(format!("{dir}{f}")).unwrap();
        crate::testutil::engine(&read("roster.json"), &read("credentials.json"))
    }

    /// 25 overlapping shifts and 25 overlapping trainings: capped lists with summaries.
    fn crowded() -> crate::Engine {
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

    fn read(tape: &mut Tape, reader: &mut Reader) -> Value {
        as_js(reader.read(tape))
    }

    #[test]
    fn verdicts_on_the_tape_read_as_the_public_type_serializes() {
        let (mut tape, mut reader) = (Tape::new(), Reader::default());
        for (owner, engine) in [(1, demo()), (2, crowded()), (1, demo())] {
            let m = engine.model();
            let mut scratch = Scratch::for_model(m);
            let mut kinds = std::collections::BTreeSet::new();
            for e in m.employees.iter().map(|e| e.id.as_str()) {
                for s in engine.shift_ids() {
                    engine.draft_check(e, s, &mut scratch).unwrap();
                    tape.begin(false, Some(owner));
                    scratch.drafts.write_verdict(m, 0, &mut tape);
                    let owned = engine.check(e, s).unwrap();
                    kinds.extend(owned.reasons.iter().map(|r| r.kind.as_str()));
                    assert_eq!(read(&mut tape, &mut reader), as_js(serde_json::to_value(&owned).unwrap()), "{e} on {s}");
                }
            }
            // Each engine's verdicts are read with the ids of that engine, even after another's.
            assert!(kinds.len() >= 4, "{kinds:?}");
        }
    }

    #[test]
    fn candidates_and_validation_on_the_tape_read_as_the_public_types_serialize() {
        let (mut tape, mut reader) = (Tape::new(), Reader::default());
        for (owner, engine) in [(10, demo()), (11, crowded())] {
            let m = engine.model();
            for s in engine.shift_ids() {
                let index = engine.shift_index(s).unwrap();
                let mut scratch = Scratch::for_model(m);
                let order = engine.draft_candidates(index, &mut scratch);
                tape.begin(true, Some(owner));
                scratch.drafts.write_candidates(m, index, &order, &mut tape);
                assert_eq!(read(&mut tape, &mut reader), as_js(serde_json::to_value(engine.candidates(s).unwrap()).unwrap()), "candidates of {s}");
            }
            let mut scratch = Scratch::for_model(m);
            let (status, order, findings) = engine.draft_validation(&mut scratch);
            tape.begin(true, Some(owner));
            scratch.drafts.write_validation(m, status, &order, &findings, &mut tape).unwrap();
            let validation = engine.validate();
            assert!(!validation.verdicts.is_empty());
            assert_eq!(read(&mut tape, &mut reader), as_js(serde_json::to_value(&validation).unwrap()));
        }
    }

    #[test]
    fn a_capped_list_ends_with_its_summary() {
        let engine = crowded();
        let v = verdict::verdict(engine.model(), 0, &verdict::Slot::of(engine.model(), 0), Some(0));
        let overlaps: Vec<_> = v.reasons.iter().filter(|r| r.kind == ReasonKind::Overlap).collect();
        assert_eq!(overlaps.len(), crate::MAX_LISTED_CONFLICTS + 1);
        assert_eq!(overlaps.last().map(|r| (r.more, r.message.as_str())), Some((Some(4), "and 4 more overlapping shifts")));
        let trainings: Vec<_> = v.reasons.iter().filter(|r| r.kind == ReasonKind::InTraining).collect();
        assert_eq!(trainings.last().map(|r| r.more), Some(Some(5)));
    }
}
