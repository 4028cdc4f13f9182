//! Edits (`assign`, `unassign`, `moveShift`), the override log, and `export`.


use crate::common::*;
use credgate::{Engine, ErrorKind, Override, ReasonKind, Status};
use serde_json::json;

fn documents() -> (serde_json::Value, serde_json::Value) {
    let credentials = json!({
        "credentialTypes": [{"code": "BLS"}, {"code": "CHARGE"}],
        "credentials": [
            {"id": "b1", "employeeId": "ana", "code": "BLS", "validUntil": null, "notes": "kept as written"},
            {"id": "c1", "employeeId": "ana", "code": "CHARGE", "validUntil": null},
            {"id": "b2", "employeeId": "ben", "code": "BLS", "validUntil": "2026-12-02"}
        ],
        "x-vendor": {"exportedBy": "HR system 7", "rowCount": 12345678901234567890u128}
    });
    let roster = json!({
        "employees": [{"id": "ana", "name": "Ana", "email": "ana@example.org"}, {"id": "ben", "name": "Ben"}, {"id": "cy"}],
        "shifts": [
            {"id": "d1", "start": "2026-12-01T07:00:00-06:00", "end": "2026-12-01T19:00:00-06:00", "requires": "BLS",
             "assigned": ["ana"], "crew": [{"requires": "CHARGE"}], "ward": "4B"},
            {"id": "d2", "start": "2026-12-02T07:00:00-06:00", "end": "2026-12-02T19:00:00-06:00", "requires": "BLS", "assigned": []},
            {"id": "d3", "start": "2026-12-03T07:00:00-06:00", "end": "2026-12-03T19:00:00-06:00", "requires": "BLS"}
        ],
        "rules": {"minRestHours": 10}
    });
    (roster, credentials)
}

fn ov(by: &str, reason: &str) -> Override {
    Override { by: by.into(), reason: reason.into(), at: Some("2026-11-28T09:00:00Z".into()) }
}

fn all_verdicts(e: &Engine) -> Vec<String> {
    let employees: Vec<String> = e.employee_ids().map(str::to_string).collect();
    let shifts: Vec<String> = e.shift_ids().map(str::to_string).collect();
    let mut out = Vec::new();
    for emp in &employees {
        for s in &shifts {
            out.push(serde_json::to_string(&e.check(emp, s).unwrap()).unwrap());
        }
    }
    out
}

#[test]
fn a_blocked_assignment_is_refused_and_changes_nothing() {
    let (r, c) = documents();
    let mut e = engine(r, c);
    let before = e.export();
    let verdicts = all_verdicts(&e);
    let result = e.assign("cy", "d2", None).unwrap();
    assert!(result.refused && !result.applied);
    assert_eq!(result.verdict.as_ref().map(|v| v.status), Some(Status::Block));
    assert!(result.created.is_empty() && result.cleared.is_empty());
    assert_eq!(e.export(), before);
    assert_eq!(all_verdicts(&e), verdicts);
}

#[test]
fn an_allowed_assignment_is_made_and_exported() {
    let (r, c) = documents();
    let mut e = engine(r, c);
    let result = e.assign("ben", "d2", None).unwrap();
    assert!(result.applied && !result.refused);
    // Ben's BLS lapses at the end of 2 Dec, after the shift: expiring soon, but fine.
    assert_eq!(result.verdict.as_ref().map(|v| v.status), Some(Status::Ok));
    assert_eq!(e.assigned("d2").unwrap(), ["ben"]);
    let export = e.export();
    let shifts = export.roster.get("shifts").unwrap().to_json();
    assert!(shifts.contains(r#""id":"d2","start":"2026-12-02T07:00:00-06:00","end":"2026-12-02T19:00:00-06:00","requires":"BLS","assigned":["ben"]"#), "{shifts}");
}

#[test]
fn an_override_is_made_logged_and_survives_export() {
    let (r, c) = documents();
    let mut e = engine(r, c);
    let result = e.assign("cy", "d2", Some(&ov("m-3", "agency nurse, card seen at the door"))).unwrap();
    assert!(result.applied);
    let entry = result.override_entry.clone().expect("an override entry");
    assert_eq!(entry.get("by").and_then(|v| v.as_str()), Some("m-3"));
    assert_eq!(entry.get("at").and_then(|v| v.as_str()), Some("2026-11-28T09:00:00Z"));
    assert!(entry.get("overridden").unwrap().to_json().contains(r#""kind":"missing","code":"BLS""#));
    assert_eq!(e.overrides().len(), 1);
    // Overrides need a who and a why.
    let err = e.assign("cy", "d3", Some(&ov("", "x"))).unwrap_err();
    assert!(err.kind() == ErrorKind::InvalidArgument && err.problems()[0].path == "override.by", "{err:?}");
    assert_eq!(e.assigned("d3").unwrap(), Vec::<&str>::new());
    // The log goes out with the roster and comes back in.
    let export = e.export();
    let reloaded = Engine::load(&export.roster.to_json(), &export.credentials.to_json()).unwrap().engine;
    assert_eq!(reloaded.overrides(), e.overrides());
    assert_eq!(all_verdicts(&reloaded), all_verdicts(&e));
}

#[test]
fn unassigning_the_charge_nurse_creates_a_crew_shortfall() {
    let (r, c) = documents();
    let mut e = engine(r, c);
    assert!(e.validate().findings.is_empty());
    let result = e.unassign("ana", "d1").unwrap();
    assert!(result.applied);
    let kinds: Vec<_> = result.created.iter().map(|f| (f.kind, f.shift_id.as_str())).collect();
    assert_eq!(kinds, [(ReasonKind::CrewShortfall, "d1")]);
    assert!(result.cleared.is_empty());
    // And putting her back clears it.
    let result = e.assign("ana", "d1", None).unwrap();
    let kinds: Vec<_> = result.cleared.iter().map(|f| (f.kind, f.shift_id.as_str())).collect();
    assert_eq!(kinds, [(ReasonKind::CrewShortfall, "d1")]);
}

#[test]
fn assigning_creates_and_reports_rest_conflicts() {
    let (r, c) = documents();
    let mut e = engine(r, c);
    // Ana works d1 (07:00-19:00 on 1 Dec). A placement right after it is too little rest.
    let mut roster = documents().0;
    roster["shifts"].as_array_mut().unwrap().push(json!({"id": "late", "start": "2026-12-01T22:00:00-06:00", "end": "2026-12-02T06:00:00-06:00"}));
    let mut e2 = engine(roster, documents().1);
    let refused = e2.assign("ana", "late", None).unwrap();
    assert!(refused.refused);
    let made = e2.assign("ana", "late", Some(&ov("m-1", "short-staffed"))).unwrap();
    let created: Vec<_> = made.created.iter().map(|f| (f.kind, f.shift_id.as_str(), f.employee_id.as_deref())).collect();
    // The new shift is too close to d1, and d1 is now too close to it: both assignments show it.
    assert_eq!(created, [(ReasonKind::RestTooShort, "d1", Some("ana")), (ReasonKind::RestTooShort, "late", Some("ana"))]);
    let _ = &mut e;
}

#[test]
fn moving_a_shift_is_judged_at_the_new_time() {
    let (r, c) = documents();
    let mut e = engine(r, c);
    e.assign("ben", "d2", None).unwrap();
    // Ben's BLS runs through 2 Dec: moving d2 to 3 Dec would block him.
    let before = e.export();
    let refused = e.move_shift("d2", "2026-12-03T07:00:00-06:00", "2026-12-03T19:00:00-06:00", None).unwrap();
    assert!(refused.refused);
    assert_eq!(refused.verdicts[0].reasons[0].kind, ReasonKind::Expired);
    assert_eq!(e.export(), before);
    // Earlier is fine.
    let moved = e.move_shift("d2", "2026-12-02T06:00:00-06:00", "2026-12-02T18:00:00-06:00", None).unwrap();
    assert!(moved.applied);
    assert_eq!(e.check("ben", "d2").unwrap().status, Status::Ok);
    // Bad arguments are errors and change nothing.
    let before = e.export();
    assert!(e.move_shift("d2", "2026-12-02T18:00:00-06:00", "2026-12-02T06:00:00-06:00", None).is_err());
    assert!(e.move_shift("d2", "2026-12-02T06:00:00", "2026-12-02T18:00:00-06:00", None).is_err());
    assert!(e.move_shift("nope", "2026-12-02T06:00:00Z", "2026-12-02T18:00:00Z", None).is_err());
    assert_eq!(e.export(), before);
}

#[test]
fn export_keeps_unknown_fields_order_and_number_text() {
    let (r, c) = documents();
    let mut e = engine(r.clone(), c.clone());
    let untouched = e.export();
    assert_eq!(serde_json::from_str::<serde_json::Value>(&untouched.roster.to_json()).unwrap(), r);
    let text = untouched.credentials.to_json();
    assert!(text.contains(r#""x-vendor":{"exportedBy":"HR system 7","rowCount":12345678901234567890}"#), "{text}");
    assert!(text.contains(r#""notes":"kept as written""#));
    e.assign("ben", "d2", None).unwrap();
    let after = e.export().roster.to_json();
    assert!(after.contains(r#""ward":"4B""#) && after.contains(r#""email":"ana@example.org""#));
}

#[test]
fn unknown_ids_are_errors() {
    let (r, c) = documents();
    let mut e = engine(r, c);
    let err = e.check("nobody", "d1").unwrap_err();
    assert_eq!((err.kind(), err.subject()), (ErrorKind::UnknownEmployee, Some("nobody")));
    assert_eq!(err.to_string(), "no employee has the id \"nobody\"");
    let err = e.check("ana", "nothing").unwrap_err();
    assert_eq!((err.kind(), err.subject()), (ErrorKind::UnknownShift, Some("nothing")));
    assert_eq!(err.problems()[0].path, "shiftId");
    assert!(e.assign("nobody", "d1", None).is_err());
    assert!(e.unassign("ana", "nothing").is_err());
    assert!(e.candidates("nothing").is_err());
}

#[test]
fn candidates_are_best_first() {
    let (r, c) = documents();
    let e = engine(r, c);
    let list = e.candidates("d2").unwrap();
    let got: Vec<_> = list.iter().map(|c| (c.employee_id.as_str(), c.status, c.reasons.len())).collect();
    // Ana: ok, no reasons. Ben: ok with an expiringSoon note. Cy: no BLS.
    assert_eq!(got, [("ana", Status::Ok, 0), ("ben", Status::Ok, 1), ("cy", Status::Block, 1)]);
    assert_eq!(list[0].name.as_deref(), Some("Ana"));
}

#[test]
fn status_fast_path_agrees_with_check() {
    let (r, c) = documents();
    let e = engine(r, c);
    for (ei, emp) in e.employee_ids().enumerate() {
        for (si, s) in e.shift_ids().enumerate() {
            assert_eq!(e.status(ei as u32, si as u32), Some(e.check(emp, s).unwrap().status), "{emp} {s}");
        }
    }
    assert_eq!(e.status(99, 0), None);
    let mut out = Vec::new();
    assert!(e.statuses_into(1, &mut out));
    assert_eq!(out, [Status::Ok, Status::Ok, Status::Block]);
}
