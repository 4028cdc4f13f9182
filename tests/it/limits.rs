//! Working limits (SPEC §8, §8.1) beyond the verdict corpus (`tests/corpus/verdicts/20-limits.json`):
//! a live roster's edits changing the `overLimit` of the other assignments in a window (assign,
//! unassign, move, a `put` of the credential a limit applies to, a multi-shift batch), the kept
//! validation agreeing with a fresh load, a snapshot carrying limits, and the status-only path
//! agreeing with the verdict.

use crate::common::*;
use credgate::{Engine, Override, ReasonKind, Status, Value as J};
use serde_json::{json, Value};

/// Ana holds a student visa (20 h a week) and works Monday and Tuesday, 8 h each; a Wednesday
/// 8-h shift and a Thursday 4-h shift are open.
fn documents() -> (Value, Value) {
    let credentials = json!({
        "credentialTypes": [{"code": "VISA", "alertDays": []}],
        "credentials": [{"id": "v1", "employeeId": "ana", "code": "VISA", "validUntil": null}]
    });
    let shift = |id: &str, day: &str, hours: u32, assigned: Value| {
        json!({"id": id, "start": format!("2026-{day}T08:00:00Z"), "end": format!("2026-{day}T{:02}:00:00Z", 8 + hours), "assigned": assigned})
    };
    let roster = json!({
        "employees": [{"id": "ana"}, {"id": "ben"}],
        "shifts": [
            shift("mon", "11-30", 8, json!(["ana"])),
            shift("tue", "12-01", 8, json!(["ana", "ben"])),
            shift("wed", "12-02", 8, json!([])),
            shift("thu", "12-03", 4, json!([])),
            shift("next-mon", "12-07", 8, json!(["ana"]))
        ],
        "rules": {"limits": [{"id": "visa-20h", "appliesTo": {"code": "VISA"}, "measure": "hours", "max": 20, "window": {"calendar": "week"}}]}
    });
    (roster, credentials)
}

fn ops(v: Value) -> J {
    J::parse(&v.to_string()).unwrap()
}

fn over(e: &Engine, emp: &str, shift: &str) -> bool {
    e.check(emp, shift).unwrap().reasons.iter().any(|r| r.kind == ReasonKind::OverLimit)
}

fn ov() -> Override {
    Override { by: "m-3".into(), reason: "agreed".into(), at: Some("2026-11-29T12:00:00Z".into()) }
}

/// The pairs a batch's changes list, as `employee/shift: before -> after`.
fn listed(result: &credgate::ApplyResult) -> Vec<String> {
    let mut out: Vec<String> = result
        .changes
        .verdicts
        .iter()
        .map(|c| format!("{}/{}: {} -> {}", c.employee_id, c.shift_id, c.before.map_or("null", |s| s.as_str()), c.after.as_ref().map_or("null", |v| v.status.as_str())))
        .collect();
    out.sort();
    out
}

/// The kept validation after edits is what a fresh load of the exported documents gives.
fn agrees_with_a_fresh_load(e: &Engine) {
    let exported = e.export();
    let fresh = Engine::load(&exported.roster.to_json(), &exported.credentials.to_json()).unwrap().engine;
    assert_eq!(serde_json::to_value(e.validate()).unwrap(), serde_json::to_value(fresh.validate()).unwrap());
}

#[test]
fn an_assignment_that_tips_the_week_over_changes_the_others_and_is_refused() {
    let (r, c) = documents();
    let mut e = engine(r, c);
    assert!(!over(&e, "ana", "mon"));
    let assign = ops(json!([{"op": "assign", "employeeId": "ana", "shiftId": "wed"}]));
    let refused = e.apply_value(&assign, None);
    assert!(refused.refused && !refused.applied);
    // Monday and Tuesday go over too (24 h); the next week's Monday does not change.
    assert_eq!(listed(&refused), ["ana/mon: ok -> block", "ana/tue: ok -> block", "ana/wed: null -> block"]);
    assert!(!over(&e, "ana", "mon"));
    let applied = e.apply_value(&assign, Some(&ov()));
    assert!(applied.applied);
    assert!(over(&e, "ana", "mon") && over(&e, "ana", "tue") && over(&e, "ana", "wed") && !over(&e, "ana", "next-mon"));
    let reason = e.check("ana", "mon").unwrap().reasons.into_iter().find(|r| r.kind == ReasonKind::OverLimit).unwrap();
    assert_eq!(reason.shift_ids.as_deref(), Some(&["mon".to_string(), "tue".into(), "wed".into()][..]));
    assert_eq!(reason.message, "over the limit visa-20h: 24 h from 00:00 on 30 Nov to 00:00 on 7 Dec, above its max of 20 h");
    agrees_with_a_fresh_load(&e);
    // Unassigning brings the others back; undo of it brings them over again.
    let back = e.apply_value(&ops(json!([{"op": "unassign", "employeeId": "ana", "shiftId": "tue"}])), None);
    assert_eq!(listed(&back), ["ana/mon: block -> ok", "ana/tue: block -> null", "ana/wed: block -> ok"]);
    agrees_with_a_fresh_load(&e);
    e.undo();
    assert!(over(&e, "ana", "mon"));
    agrees_with_a_fresh_load(&e);
}

#[test]
fn a_move_out_of_the_week_clears_the_others() {
    let (r, c) = documents();
    let mut e = engine(r, c);
    assert!(e.apply_value(&ops(json!([{"op": "assign", "employeeId": "ana", "shiftId": "wed"}])), Some(&ov())).applied);
    let moved = e.apply_value(&ops(json!([{"op": "moveShift", "shiftId": "wed", "start": "2026-12-08T08:00:00Z", "end": "2026-12-08T16:00:00Z"}])), None);
    assert!(moved.applied, "{:?}", moved.errors);
    // The old week falls to 16 h; the new week holds next-mon and wed, 16 h.
    assert_eq!(listed(&moved), ["ana/mon: block -> ok", "ana/tue: block -> ok", "ana/wed: block -> ok"]);
    agrees_with_a_fresh_load(&e);
}

#[test]
fn a_batch_is_judged_together() {
    let (r, c) = documents();
    let mut e = engine(r, c);
    // Wednesday alone is 24 h; with Tuesday handed to Ben in the same batch it is 16 h.
    let batch = ops(json!([
        {"op": "assign", "employeeId": "ana", "shiftId": "wed"},
        {"op": "unassign", "employeeId": "ana", "shiftId": "tue"}
    ]));
    let result = e.apply_value(&batch, None);
    assert!(result.applied && !result.refused, "{:?}", listed(&result));
    assert!(!over(&e, "ana", "wed"));
    // Thursday's 4 h on top make 20: at the limit, not over.
    assert!(e.apply_value(&ops(json!([{"op": "assign", "employeeId": "ana", "shiftId": "thu"}])), None).applied);
    assert!(!over(&e, "ana", "thu"));
    agrees_with_a_fresh_load(&e);
}

#[test]
fn a_put_of_the_credential_a_limit_applies_to_rejudges_its_holder() {
    let (r, c) = documents();
    let mut e = engine(r, c);
    assert!(e.apply_value(&ops(json!([{"op": "assign", "employeeId": "ana", "shiftId": "wed"}])), Some(&ov())).applied);
    // The visa is revoked: the limit no longer covers Ana.
    let put = e.apply_value(&ops(json!([{"op": "put", "collection": "credentials", "record": {"id": "v1", "employeeId": "ana", "code": "VISA", "validUntil": null, "status": "revoked"}}])), None);
    assert!(put.applied);
    assert_eq!(listed(&put), ["ana/mon: block -> ok", "ana/tue: block -> ok", "ana/wed: block -> ok"]);
    // Ben gets a visa: 8 h, under the limit, nothing changes for him.
    let ben = e.apply_value(&ops(json!([{"op": "put", "collection": "credentials", "record": {"id": "v2", "employeeId": "ben", "code": "VISA", "validUntil": null}}])), None);
    assert_eq!(listed(&ben), Vec::<String>::new());
    agrees_with_a_fresh_load(&e);
}

#[test]
fn a_snapshot_carries_limits_and_the_status_path_agrees() {
    let (r, c) = documents();
    let mut e = engine(r, c);
    assert!(e.apply_value(&ops(json!([{"op": "assign", "employeeId": "ana", "shiftId": "wed"}])), Some(&ov())).applied);
    let again = Engine::from_snapshot(&e.snapshot()).unwrap();
    for s in ["mon", "tue", "wed", "thu", "next-mon"] {
        assert_eq!(again.check("ana", s).unwrap(), e.check("ana", s).unwrap());
    }
    // Status by dense index: employees and shifts in document order.
    for (emp, name) in [(0u32, "ana"), (1, "ben")] {
        for (s, shift) in ["mon", "tue", "wed", "thu", "next-mon"].iter().enumerate() {
            let full = e.check(name, shift).unwrap().status;
            assert_eq!(e.status(emp, s as u32), Some(full), "{name}/{shift}");
            assert_eq!(again.status(emp, s as u32), Some(full), "{name}/{shift}");
        }
    }
    assert_eq!(e.status(0, 0), Some(Status::Block));
}

#[test]
fn a_warn_limit_does_not_refuse() {
    let (mut r, c) = documents();
    r["rules"]["limits"][0]["severity"] = json!("warn");
    let mut e = engine(r, c);
    let result = e.apply_value(&ops(json!([{"op": "assign", "employeeId": "ana", "shiftId": "wed"}])), None);
    assert!(result.applied && !result.refused);
    let v = e.check("ana", "wed").unwrap();
    assert_eq!((v.status, v.reasons[0].severity.as_str()), (Status::Warn, "warn"));
}

#[test]
fn a_long_window_reaches_beyond_the_rest_rule() {
    // One shift in 30 days: a shift assigned 20 days after Monday puts Monday over too (the
    // re-judging reaches the window, not only the week around a shift).
    let (mut r, c) = documents();
    r["rules"]["limits"] = json!([{"id": "one-a-month", "measure": "shifts", "max": 1, "window": {"rollingHours": 720}}]);
    r["shifts"].as_array_mut().unwrap().push(json!({"id": "far", "start": "2026-12-20T08:00:00Z", "end": "2026-12-20T10:00:00Z", "assigned": []}));
    r["shifts"][1]["assigned"] = json!(["ben"]);
    r["shifts"][4]["assigned"] = json!([]);
    let mut e = engine(r, c);
    let result = e.apply_value(&ops(json!([{"op": "assign", "employeeId": "ana", "shiftId": "far"}])), Some(&ov()));
    assert_eq!(listed(&result), ["ana/far: null -> block", "ana/mon: ok -> block"]);
    agrees_with_a_fresh_load(&e);
}
