//! The live roster (SPEC §6, §6.1): batches of operations, their answers, refusal, undo and
//! redo, the change log, and export of edited records. One test per rule; the property test in
//! `tests/live_properties.rs` checks the same rules on random documents and batches.


use crate::common::*;
use credgate::Value as J;
use credgate::{ApplyResult, Clock, Engine, Override, ReasonKind, Status, MAX_UNDO};
use serde_json::{json, Value};
use std::sync::Arc;

/// A clock stopped at 2026-11-28T09:00:00Z.
#[derive(Debug)]
struct Stopped;

impl Clock for Stopped {
    fn now_ms(&self) -> i64 {
        1_795_856_400_000
    }
}

fn documents() -> (Value, Value) {
    let credentials = json!({
        "credentialTypes": [{"code": "BLS"}, {"code": "CHARGE"}],
        "credentials": [
            {"id": "b1", "employeeId": "ana", "code": "BLS", "validUntil": null, "notes": "kept as written"},
            {"id": "c1", "employeeId": "ana", "code": "CHARGE", "validUntil": null},
            {"id": "b2", "employeeId": "ben", "code": "BLS", "validUntil": "2026-12-02"},
            {"id": "c2", "employeeId": "ben", "code": "CHARGE", "validUntil": null},
            {"id": "b3", "employeeId": "dee", "code": "BLS", "validUntil": null, "restrictions": ["supervised"]}
        ]
    });
    let roster = json!({
        "employees": [{"id": "ana", "name": "Ana"}, {"id": "ben", "name": "Ben"}, {"id": "cy"}, {"id": "dee"}],
        "shifts": [
            {"id": "d1", "start": "2026-12-01T07:00:00-06:00", "end": "2026-12-01T19:00:00-06:00", "requires": "BLS",
             "assigned": ["ana", "dee"], "crew": [{"requires": "CHARGE"}], "ward": "4B"},
            {"id": "d2", "start": "2026-12-02T07:00:00-06:00", "end": "2026-12-02T19:00:00-06:00", "requires": "BLS", "assigned": []},
            {"id": "d3", "start": "2026-12-03T07:00:00-06:00", "end": "2026-12-03T19:00:00-06:00", "requires": "BLS"}
        ],
        "rules": {"minRestHours": 10}
    });
    (roster, credentials)
}

fn live() -> Engine {
    let (r, c) = documents();
    let mut e = engine(r, c);
    e.set_clock(Arc::new(Stopped));
    e
}

fn ops(v: Value) -> J {
    J::parse(&v.to_string()).unwrap()
}

fn ov(by: &str, reason: &str) -> Override {
    Override { by: by.into(), reason: reason.into(), at: None }
}

fn export_text(e: &Engine) -> (String, String) {
    let x = e.export();
    (x.roster.to_json(), x.credentials.to_json())
}

/// `(employee, shift, before, after)` of each verdict change.
fn changed(r: &ApplyResult) -> Vec<(String, String, Option<&'static str>, Option<&'static str>)> {
    r.changes.verdicts.iter().map(|c| (c.employee_id.clone(), c.shift_id.clone(), c.before.map(Status::as_str), c.after.as_ref().map(|v| v.status.as_str()))).collect()
}

fn errors(r: &ApplyResult) -> Vec<String> {
    r.errors.iter().map(|p| p.to_string()).collect()
}

fn tuple(a: &str, b: &str, x: Option<&'static str>, y: Option<&'static str>) -> (String, String, Option<&'static str>, Option<&'static str>) {
    (a.to_string(), b.to_string(), x, y)
}

#[test]
fn ops_apply_in_order_each_seeing_the_ones_before() {
    let mut e = live();
    let r = e.apply_value(
        &ops(json!([
            {"op": "put", "collection": "employees", "record": {"id": "eve", "roleIds": []}},
            {"op": "put", "collection": "credentials", "record": {"id": "b9", "employeeId": "eve", "code": "BLS", "validUntil": null}},
            {"op": "put", "collection": "shifts", "record": {"id": "n1", "start": "2026-12-04T19:00:00+01:00", "end": "2026-12-05T07:00:00+01:00", "requires": "BLS"}},
            {"op": "assign", "employeeId": "eve", "shiftId": "n1"}
        ])),
        None,
    );
    assert!(r.applied && !r.refused && r.errors.is_empty(), "{r:#?}");
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert_eq!(changed(&r), [tuple("eve", "n1", None, Some("ok"))]);
    assert_eq!(e.assigned("n1").unwrap(), ["eve"]);
    // The new shift goes at the end of the roster, written as given, with its assignment.
    let x = e.export();
    let shifts = x.roster.get("shifts").unwrap().to_json();
    assert!(shifts.ends_with(r#"{"id":"n1","start":"2026-12-04T19:00:00+01:00","end":"2026-12-05T07:00:00+01:00","requires":"BLS","assigned":["eve"]}]"#), "{shifts}");
}

#[test]
fn a_hand_over_is_judged_once_as_a_whole() {
    let mut e = live();
    // Ana is d1's charge nurse and Dee's supervisor. Handing over to Ben in one batch: the
    // intermediate state (nobody in charge, Dee unsupervised) is never judged.
    let r = e.apply_value(&ops(json!([{"op": "assign", "employeeId": "ben", "shiftId": "d1"}, {"op": "unassign", "employeeId": "ana", "shiftId": "d1"}])), None);
    assert!(r.applied && !r.refused, "{r:#?}");
    assert!(r.changes.findings.added.is_empty() && r.changes.findings.removed.is_empty());
    assert_eq!(changed(&r), [tuple("ana", "d1", Some("ok"), None), tuple("ben", "d1", None, Some("ok"))]);
    // The other order, unassign first, is the same batch: the same answer.
    e.undo();
    let r2 = e.apply_value(&ops(json!([{"op": "unassign", "employeeId": "ana", "shiftId": "d1"}, {"op": "assign", "employeeId": "ben", "shiftId": "d1"}])), None);
    assert_eq!(r2.changes, r.changes);
    // Ana alone leaving is refused? No: unassign places nobody. It is applied, and reports
    // Dee unsupervised and the crew shortfall.
    e.undo();
    let r3 = e.apply_value(&ops(json!([{"op": "unassign", "employeeId": "ana", "shiftId": "d1"}])), None);
    assert!(r3.applied && !r3.refused);
    assert_eq!(changed(&r3), [tuple("ana", "d1", Some("ok"), None), tuple("dee", "d1", Some("ok"), Some("block"))]);
    assert_eq!(r3.changes.findings.added.len(), 1);
    assert_eq!(r3.changes.findings.added[0].kind, ReasonKind::CrewShortfall);
}

#[test]
fn two_shifts_moved_together_are_checked_against_each_other() {
    let mut e = live();
    e.apply_value(&ops(json!([{"op": "assign", "employeeId": "ana", "shiftId": "d2"}])), None);
    // Moving d1 later and d2 earlier, so that they overlap: refused, the overlap named.
    let batch = ops(json!([
        {"op": "moveShift", "shiftId": "d1", "start": "2026-12-01T20:00:00-06:00", "end": "2026-12-02T08:00:00-06:00"},
        {"op": "moveShift", "shiftId": "d2", "start": "2026-12-02T06:00:00-06:00", "end": "2026-12-02T18:00:00-06:00"}
    ]));
    let before = export_text(&e);
    let r = e.apply_value(&batch, None);
    assert!(r.refused && !r.applied, "{r:#?}");
    assert_eq!(export_text(&e), before);
    let ana_d2 = r.changes.verdicts.iter().find(|c| c.employee_id == "ana" && c.shift_id == "d2").unwrap();
    assert!(ana_d2.after.as_ref().unwrap().reasons.iter().any(|x| x.kind == ReasonKind::Overlap && x.shift_id.as_deref() == Some("d1")));
    // Moving both by the same hour keeps them apart: applied, and a moved shift keeps the
    // offsets it was given.
    let r = e.apply_value(
        &ops(json!([
            {"op": "moveShift", "shiftId": "d1", "start": "2026-12-01T15:00:00+02:00", "end": "2026-12-02T03:00:00+02:00"},
            {"op": "moveShift", "shiftId": "d2", "start": "2026-12-02T08:00:00-06:00", "end": "2026-12-02T20:00:00-06:00"}
        ])),
        None,
    );
    assert!(r.applied, "{r:#?}");
    let shifts = e.export().roster.get("shifts").unwrap().to_json();
    assert!(shifts.contains(r#""start":"2026-12-01T15:00:00+02:00","end":"2026-12-02T03:00:00+02:00""#), "{shifts}");
}

#[test]
fn every_problem_of_every_op_has_its_path_and_nothing_changes() {
    let mut e = live();
    let before = export_text(&e);
    let r = e.apply_value(
        &ops(json!([
            {"op": "assign", "employeeId": "ana", "shiftId": "d2"},
            {"op": "assign", "employeeId": "nobody", "shiftId": "nowhere"},
            {"op": "put", "collection": "credentials", "record": {"id": "x", "employeeId": "ana", "code": "BLS", "validUntil": "2027-02-30", "validUntill": "2027-01-01"}},
            {"op": "put", "collection": "events", "record": {"id": "s"}},
            {"op": "moveShift", "shiftId": "d1", "start": "2026-12-01T07:00:00", "end": "2026-12-01T06:00:00Z"},
            {"op": "remove", "collection": "credentials", "id": "nope"},
            {"op": "put", "collection": "shifts", "record": {"id": "z", "start": "2026-12-01T07:00:00Z", "end": "2026-12-09T07:00:00Z", "assigned": ["ghost"]}},
            {"op": "put", "collection": "employees", "record": ["not", "an", "object"]},
            {"op": "unassign", "employeeID": "ana", "shiftId": "d1"},
            "assign"
        ])),
        None,
    );
    assert!(!r.applied && !r.refused);
    assert_eq!(
        errors(&r),
        [
            "ops[1].employeeId: no employee has the id \"nobody\"",
            "ops[1].shiftId: no shift has the id \"nowhere\"",
            "ops[2].record.validUntil: \"2027-02-30\" is not a date, a month or an RFC 3339 instant",
            "ops[3].record.employeeId: is required",
            "ops[3].record.kind: is required",
            "ops[3].record.at: is required",
            "ops[4].start: \"2026-12-01T07:00:00\" has no UTC offset: a date-time without one is ambiguous (add Z or e.g. -06:00)",
            "ops[5].id: no credential has the id \"nope\"",
            "ops[6].record.end: the shift lasts 8 d; the longest accepted is 7 days",
            "ops[6].record.assigned[0]: no employee has the id \"ghost\"",
            "ops[7].record: expected an object, found an array",
            "ops[8].employeeId: is required (this operation has \"employeeID\": did you mean \"employeeId\"?)",
            "ops[9]: expected an operation object, found a string",
        ]
    );
    assert_eq!(r.warnings.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["ops[2].record.validUntill"]);
    assert_eq!(export_text(&e), before);
    assert!(e.change_log().is_empty() && !e.can_undo());
    // A batch that is not an array.
    let r = e.apply_value(&ops(json!({"op": "assign"})), None);
    assert_eq!(errors(&r), ["ops: expected an array of operations, found an object"]);
}

#[test]
fn errors_come_in_op_order_whether_found_reading_or_applying() {
    let mut e = live();
    // Ops 5 and 12 cannot be read, ops 0, 2 and 10 fail when applied; the override is bad.
    let mut batch: Vec<Value> = (0..13).map(|_| json!({"op": "assign", "employeeId": "cy", "shiftId": "d3"})).collect();
    batch[0] = json!({"op": "unassign", "employeeId": "ana", "shiftId": "zz"});
    batch[2] = json!({"op": "assign", "employeeId": "nobody", "shiftId": "d2"});
    batch[5] = json!({"op": "assign", "employeeID": "cy", "shiftId": "d3"});
    batch[10] = json!({"op": "remove", "collection": "waivers", "id": "w0"});
    batch[12] = json!({"op": "moveShift", "shiftId": "d1"});
    let r = e.apply_value(&ops(Value::Array(batch)), Some(&ov("", "why")));
    assert!(!r.applied);
    let paths: Vec<&str> = r.errors.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["override.by", "ops[0].shiftId", "ops[2].employeeId", "ops[5].employeeId", "ops[10].id", "ops[12].start", "ops[12].end"]);
    // preview answers the same list.
    let p = e.preview_value(&ops(json!([{"op": "assign", "employeeId": "x", "shiftId": "d1"}, {"op": "assign"}])), None);
    assert_eq!(p.errors.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["ops[0].employeeId", "ops[1].employeeId", "ops[1].shiftId"]);
}

#[test]
fn removing_an_id_that_does_not_exist_is_an_error() {
    let mut e = live();
    for (collection, noun) in [("employees", "employee"), ("shifts", "shift"), ("credentials", "credential"), ("waivers", "waiver"), ("trainings", "training")] {
        let r = e.apply_value(&ops(json!([{"op": "remove", "collection": collection, "id": "zz"}])), None);
        assert_eq!(errors(&r), [format!("ops[0].id: no {noun} has the id \"zz\"")]);
    }
    // Removed once, it no longer exists.
    let r = e.apply_value(&ops(json!([{"op": "remove", "collection": "credentials", "id": "b2"}, {"op": "remove", "collection": "credentials", "id": "b2"}])), None);
    assert_eq!(errors(&r), ["ops[1].id: no credential has the id \"b2\""]);
}

#[test]
fn removing_an_employee_takes_them_off_every_shift_and_orphans_their_records() {
    let mut e = live();
    let before = export_text(&e);
    let ana = e.employee_index("ana").unwrap();
    let r = e.apply_value(&ops(json!([{"op": "remove", "collection": "employees", "id": "ana"}])), None);
    assert!(r.applied, "{r:#?}");
    // Off d1: Dee is now unsupervised and the crew is short. A removal is a fact: not refused.
    assert_eq!(changed(&r), [tuple("ana", "d1", Some("ok"), None), tuple("dee", "d1", Some("ok"), Some("block"))]);
    assert_eq!(e.assigned("d1").unwrap(), ["dee"]);
    assert_eq!(e.check("ana", "d1").unwrap_err().kind(), credgate::ErrorKind::UnknownEmployee);
    assert_eq!(e.employee_index("ana"), None);
    assert_eq!(e.status(ana, 0), None);
    assert!(e.candidates("d2").unwrap().iter().all(|c| c.employee_id != "ana"));
    let audit = e.audit("2026-11-28T00:00:00Z").unwrap();
    let orphans: Vec<_> = audit.findings.iter().filter(|f| f.kind == credgate::AuditKind::OrphanCredential).map(|f| f.message.as_str()).collect();
    assert_eq!(orphans.len(), 2, "{orphans:?}");
    let x = e.export();
    assert!(!x.roster.get("employees").unwrap().to_json().contains("\"ana\""));
    assert!(x.credentials.to_json().contains(r#""id":"b1","employeeId":"ana""#), "records stay");
    // The export loads, and answers alike.
    let reloaded = Engine::load(&x.roster.to_json(), &x.credentials.to_json()).unwrap().engine;
    assert_eq!(reloaded.check("dee", "d1").unwrap(), e.check("dee", "d1").unwrap());
    assert_eq!(reloaded.audit("2026-11-28T00:00:00Z").unwrap().findings, audit.findings);
    // Put back, she comes back at her index, her records count again (she is not on d1).
    let r = e.apply_value(&ops(json!([{"op": "put", "collection": "employees", "record": {"id": "ana", "name": "Ana R."}}])), None);
    assert!(r.applied && r.changes.verdicts.is_empty(), "{r:#?}");
    assert_eq!(e.employee_index("ana"), Some(ana));
    assert_eq!(e.check("ana", "d2").unwrap().status, Status::Ok);
    // Undo twice: the documents as loaded.
    e.undo();
    e.undo();
    assert_eq!(export_text(&e), before);
    assert_eq!(e.check("dee", "d1").unwrap().status, Status::Ok);
}

#[test]
fn a_batch_placing_people_that_newly_blocks_is_refused_unless_overridden() {
    let mut e = live();
    let before = export_text(&e);
    // Cy holds no BLS.
    let batch = ops(json!([{"op": "assign", "employeeId": "cy", "shiftId": "d2"}]));
    let r = e.apply_value(&batch, None);
    assert!(r.refused && !r.applied && r.errors.is_empty());
    assert_eq!(changed(&r), [tuple("cy", "d2", None, Some("block"))]);
    assert_eq!(export_text(&e), before);
    assert!(e.change_log().is_empty());
    // Preview answers the same, and changes nothing either.
    assert_eq!(e.preview_value(&batch, None), r);
    assert_eq!(export_text(&e), before);
    // With an override: applied and logged, with the pair it allowed.
    let r = e.apply_value(&batch, Some(&ov("m-3", "agency nurse, card seen at the door")));
    assert!(r.applied && !r.refused);
    let entry = e.change_log().last().unwrap().to_json();
    assert_eq!(
        entry,
        r#"{"seq":1,"at":"2026-11-28T09:00:00Z","by":"m-3","reason":"agency nurse, card seen at the door","override":true,"ops":[{"op":"assign","employeeId":"cy","shiftId":"d2"}],"overridden":[{"employeeId":"cy","shiftId":"d2","kind":"missing","code":"BLS","message":"no BLS on record"}]}"#
    );
    // Records are facts: a credential revoked that blocks Ana on d1 is applied, not refused.
    let r = e.apply_value(&ops(json!([{"op": "put", "collection": "credentials", "record": {"id": "b1", "employeeId": "ana", "code": "BLS", "validUntil": null, "status": "revoked"}}])), None);
    assert!(r.applied && !r.refused);
    // Dee's supervisor is gone with it: a coworker's records count too.
    assert_eq!(changed(&r), [tuple("ana", "d1", Some("ok"), Some("block")), tuple("dee", "d1", Some("ok"), Some("block"))]);
    // Someone already blocked does not refuse a move.
    let r = e.apply_value(&ops(json!([{"op": "moveShift", "shiftId": "d1", "start": "2026-12-01T08:00:00-06:00", "end": "2026-12-01T20:00:00-06:00"}])), None);
    assert!(r.applied && !r.refused, "{r:#?}");
    // An override without who or why is an error.
    let r = e.apply_value(&batch, Some(&ov(" ", "")));
    assert_eq!(errors(&r), ["override.by: an override must say who made it", "override.reason: an override must say why"]);
}

#[test]
fn a_change_of_evidence_alone_is_not_listed() {
    let mut e = live();
    // A second, equally good BLS card for Ana: her verdicts do not change in status or reasons.
    let r = e.apply_value(&ops(json!([{"op": "put", "collection": "credentials", "record": {"id": "b0", "employeeId": "ana", "code": "BLS", "validUntil": null}}])), None);
    assert!(r.applied && r.changes.verdicts.is_empty(), "{r:#?}");
    // A crew finding whose content changes is removed and added.
    e.apply_value(&ops(json!([{"op": "put", "collection": "shifts", "record": {"id": "d3", "start": "2026-12-03T07:00:00-06:00", "end": "2026-12-03T19:00:00-06:00", "crew": [{"requires": "CHARGE", "min": 2}], "assigned": ["ana"]}}])), None);
    let r = e.apply_value(&ops(json!([{"op": "assign", "employeeId": "cy", "shiftId": "d3"}])), Some(&ov("m", "r")));
    assert!(r.applied);
    assert_eq!((r.changes.findings.added.len(), r.changes.findings.removed.len()), (0, 0), "cy holds no CHARGE: the count stays 1");
    let r = e.apply_value(&ops(json!([{"op": "put", "collection": "credentials", "record": {"id": "c9", "employeeId": "cy", "code": "CHARGE", "validUntil": null}}])), None);
    assert_eq!((r.changes.findings.added.len(), r.changes.findings.removed.len()), (0, 1), "met: removed");
    let r = e.apply_value(&ops(json!([{"op": "remove", "collection": "credentials", "id": "c1"}])), None);
    let (added, removed) = (&r.changes.findings.added, &r.changes.findings.removed);
    assert_eq!((added.len(), removed.len()), (2, 0), "short on d1 (none) and on d3 (1 of 2): {added:#?}");
    let r = e.apply_value(&ops(json!([{"op": "remove", "collection": "credentials", "id": "c9"}])), None);
    let (added, removed) = (&r.changes.findings.added, &r.changes.findings.removed);
    assert_eq!((added.len(), removed.len()), (1, 1), "d3's count changes from 1 to 0: {added:#?} {removed:#?}");
    assert_eq!((added[0].count, removed[0].count), (Some(0), Some(1)));
}

#[test]
fn undo_restores_the_export_exactly_and_redo_reapplies() {
    let mut e = live();
    let start = export_text(&e);
    let batch = ops(json!([
        {"op": "put", "collection": "credentials", "record": {"id": "b1", "employeeId": "ana", "code": "BLS", "validUntil": "2026-12-01", "x-note": [1]}},
        {"op": "remove", "collection": "credentials", "id": "c1"},
        {"op": "put", "collection": "waivers", "record": {"id": "w1", "employeeId": "cy", "code": "BLS", "validFrom": "2026-12-01", "validUntil": "2026-12-31", "approvedBy": "m", "reason": "r"}},
        {"op": "put", "collection": "trainings", "record": {"id": "t1", "employeeId": "ben", "start": "2026-12-02T08:00:00-06:00", "end": "2026-12-02T09:00:00-06:00"}},
        {"op": "remove", "collection": "shifts", "id": "d3"},
        {"op": "put", "collection": "employees", "record": {"id": "fay"}},
        {"op": "assign", "employeeId": "ben", "shiftId": "d2"}
    ]));
    let r = e.apply_value(&batch, Some(&ov("m", "r")));
    assert!(r.applied, "{r:#?}");
    let after = export_text(&e);
    assert!(after.1.contains(r#"{"id":"b1","employeeId":"ana","code":"BLS","validUntil":"2026-12-01","x-note":[1]}"#), "as given, at its place: {}", after.1);
    let u = e.undo();
    assert!(u.applied);
    assert_eq!(export_text(&e), start);
    // The undo's changes are the batch's, reversed.
    assert_eq!(u.changes.verdicts.len(), r.changes.verdicts.len());
    for (a, b) in u.changes.verdicts.iter().zip(&r.changes.verdicts) {
        assert_eq!((&a.employee_id, &a.shift_id), (&b.employee_id, &b.shift_id));
        assert_eq!(a.before, b.after.as_ref().map(|v| v.status));
    }
    assert_eq!(u.changes.findings.added, r.changes.findings.removed);
    let again = e.redo();
    assert!(again.applied);
    assert_eq!(export_text(&e), after);
    assert_eq!(again.changes, r.changes);
    // After a new batch, nothing to redo.
    e.undo();
    e.apply_value(&ops(json!([{"op": "unassign", "employeeId": "dee", "shiftId": "d1"}])), None);
    let before = export_text(&e);
    let none = e.redo();
    assert!(!none.applied && !none.refused && none.errors.is_empty());
    assert_eq!(export_text(&e), before);
}

#[test]
fn a_hundred_batches_can_be_undone() {
    let mut e = live();
    let mut exports = vec![export_text(&e)];
    for i in 0..MAX_UNDO + 5 {
        let (start, end) = (format!("2026-12-{:02}T07:00:00-06:00", 4 + i % 20), format!("2026-12-{:02}T19:00:00-06:00", 4 + i % 20));
        let r = e.apply_value(&ops(json!([{"op": "put", "collection": "shifts", "record": {"id": format!("x{i}"), "start": start, "end": end}}])), None);
        assert!(r.applied, "{i}: {r:#?}");
        exports.push(export_text(&e));
    }
    assert_eq!(e.change_log().len(), MAX_UNDO + 5);
    for k in 0..MAX_UNDO {
        assert!(e.undo().applied, "undo {k}");
        assert_eq!(export_text(&e), exports[exports.len() - 2 - k], "after undo {k}");
    }
    let before = export_text(&e);
    assert!(!e.undo().applied, "the 101st undo");
    assert_eq!(export_text(&e), before);
    assert_eq!(e.change_log().len(), 5);
    for _ in 0..MAX_UNDO {
        assert!(e.redo().applied);
    }
    assert_eq!(&export_text(&e), exports.last().unwrap());
}

#[test]
fn single_edits_are_one_op_batches_logged_and_undoable() {
    let mut e = live();
    let start = export_text(&e);
    let r = e.assign("ben", "d2", None).unwrap();
    assert!(r.applied && r.errors.is_empty());
    assert_eq!(r.changes.verdicts.len(), 1);
    let r = e.move_shift("d2", "2026-12-03T07:00:00-06:00", "2026-12-03T19:00:00-06:00", None).unwrap();
    assert!(r.refused, "Ben's BLS ends with 2 Dec: newly blocked");
    assert_eq!(r.verdicts[0].reasons[0].kind, ReasonKind::Expired);
    let r = e.unassign("ana", "d1").unwrap();
    assert!(r.applied);
    let log: Vec<String> = e.change_log().iter().map(J::to_json).collect();
    assert_eq!(
        log,
        [
            r#"{"seq":1,"at":"2026-11-28T09:00:00Z","override":false,"ops":[{"op":"assign","employeeId":"ben","shiftId":"d2"}]}"#,
            r#"{"seq":2,"at":"2026-11-28T09:00:00Z","override":false,"ops":[{"op":"unassign","employeeId":"ana","shiftId":"d1"}]}"#
        ]
    );
    e.undo();
    e.undo();
    assert_eq!(export_text(&e), start);
    // A no-op edit is not a batch: not logged, nothing to undo.
    let r = e.assign("ana", "d1", None).unwrap();
    assert!(!r.applied && !r.refused);
    assert!(!e.can_undo());
}

#[test]
fn the_change_log_survives_export_and_load_and_audit_lists_overrides_from_both_logs() {
    let (mut r, c) = documents();
    r["overrides"] = json!([{"action": "assign", "employeeId": "ana", "shiftId": "d1", "by": "m-1", "reason": "2025 entry"}]);
    let mut e = engine(r, c);
    e.set_clock(Arc::new(Stopped));
    e.apply_value(&ops(json!([{"op": "assign", "employeeId": "cy", "shiftId": "d2"}])), Some(&Override { at: Some("2026-11-29T10:00:00+01:00".into()), ..ov("m-3", "short") }));
    e.apply_value(&ops(json!([{"op": "unassign", "employeeId": "dee", "shiftId": "d1"}])), Some(&ov("m-3", "not needed")));
    let x = e.export();
    let reloaded = Engine::load(&x.roster.to_json(), &x.credentials.to_json()).unwrap().engine;
    assert_eq!(reloaded.change_log(), e.change_log());
    assert_eq!(reloaded.export(), x);
    let log = e.change_log();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].get("at").and_then(J::as_str), Some("2026-11-29T10:00:00+01:00"));
    assert_eq!(log[1].get("override"), Some(&J::Bool(false)), "an override not needed is recorded as who and why");
    let audit = reloaded.audit("2026-11-28T00:00:00Z").unwrap();
    let by: Vec<_> = audit.overrides.iter().map(|o| o.get("reason").and_then(J::as_str).unwrap_or("")).collect();
    assert_eq!(by, ["2025 entry", "short"]);
    // The next batch continues the sequence.
    let mut reloaded = reloaded;
    reloaded.apply_value(&ops(json!([{"op": "unassign", "employeeId": "cy", "shiftId": "d2"}])), None);
    assert_eq!(reloaded.change_log().last().and_then(|e| e.get("seq")).map(J::to_json).as_deref(), Some("3"));
    // A change log that is not a list of objects is a load error.
    let (mut r, c) = documents();
    r["changeLog"] = json!([1]);
    assert_eq!(load_errors(r, c), ["changeLog[0]: expected an object, found a number"]);
}

#[test]
fn a_put_is_read_by_the_rules_of_its_collection() {
    let mut e = live();
    let r = e.apply_value(
        &ops(json!([
            {"op": "put", "collection": "credentials", "record": {"id": "z1", "employeeId": "ghost", "code": "BSL", "validUntil": null, "Status": "active", "vendorRef": 7}},
            {"op": "put", "collection": "waivers", "record": {"id": "w1", "employeeId": "cy", "code": "BLS", "validFrom": "2026-12-01", "validUntil": "2026-12-31", "approvedBy": "m", "reason": "r", "locationIds": []}}
        ])),
        None,
    );
    assert!(r.applied);
    let warnings: Vec<String> = r.warnings.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "ops[0].record.Status: unknown field \"Status\"; did you mean \"status\"? It is kept but ignored",
            "ops[0].record.employeeId: no employee has the id \"ghost\"; the credential is kept but cannot count",
            "ops[0].record.code: no credential type has the code \"BSL\"; the record is kept but cannot count",
            "ops[1].record.locationIds: is empty, so the waiver applies nowhere (leave it out to apply everywhere)",
        ]
    );
    let creds = e.export().credentials.to_json();
    assert!(creds.contains(r#"{"id":"z1","employeeId":"ghost","code":"BSL","validUntil":null,"Status":"active","vendorRef":7}"#), "{creds}");
}
