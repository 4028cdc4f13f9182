//! Currency (SPEC §8, §8.1) beyond the verdict corpus (`tests/corpus/verdicts/19-currency.json`):
//! events edited in a live roster (`put`, `remove`, undo), `export` keeping them as written, a
//! snapshot carrying them, and the status-only path agreeing with the verdict.

use crate::common::*;
use credgate::{Engine, ReasonKind, Status, Value as J};
use serde_json::{json, Value};

/// A pilot whose PIC needs 2 landings in 30 days; one landing recorded.
fn documents() -> (Value, Value) {
    let credentials = json!({
        "credentialTypes": [{"code": "PIC", "alertDays": [], "currency": {"event": "landing", "min": 2, "withinDays": 30}}],
        "credentials": [{"id": "c1", "employeeId": "ana", "code": "PIC", "validUntil": null}],
        "events": [{"id": "l1", "employeeId": "ana", "kind": "landing", "at": "2026-11-20T10:00:00Z", "runway": "27L"}]
    });
    let roster = json!({
        "employees": [{"id": "ana"}],
        "shifts": [{"id": "f1", "start": "2026-12-01T07:00:00-06:00", "end": "2026-12-01T19:00:00-06:00", "requires": "PIC", "assigned": ["ana"]}]
    });
    (roster, credentials)
}

fn ops(v: Value) -> J {
    J::parse(&v.to_string()).unwrap()
}

fn kinds(e: &Engine) -> Vec<ReasonKind> {
    e.check("ana", "f1").unwrap().reasons.iter().map(|r| r.kind).collect()
}

#[test]
fn an_event_put_makes_the_holder_current_and_undo_takes_it_back() {
    let (r, c) = documents();
    let mut e = engine(r, c);
    assert_eq!(kinds(&e), [ReasonKind::NotCurrent]);
    assert_eq!(e.status(0, 0), Some(Status::Block));
    let result = e.apply_value(&ops(json!([{"op": "put", "collection": "events", "record": {"id": "l2", "employeeId": "ana", "kind": "landing", "at": "2026-11-30T10:00:00-06:00"}}])), None);
    assert!(result.applied, "{:?}", result.errors);
    assert_eq!(kinds(&e), []);
    assert_eq!(e.status(0, 0), Some(Status::Ok));
    let exported = e.export().credentials.to_json();
    assert!(exported.contains(r#""runway":"27L""#) && exported.contains(r#""id":"l2""#), "{exported}");
    e.undo();
    assert_eq!(kinds(&e), [ReasonKind::NotCurrent]);
    let result = e.apply_value(&ops(json!([{"op": "remove", "collection": "events", "id": "l1"}])), None);
    assert!(result.applied);
    let v = e.check("ana", "f1").unwrap();
    assert_eq!((v.reasons[0].have, v.reasons[0].current_until.clone()), (Some(0.0), Some(None)));
}

#[test]
fn a_put_event_is_read_by_the_loader_rules() {
    let (r, c) = documents();
    let mut e = engine(r, c);
    let result = e.apply_value(&ops(json!([{"op": "put", "collection": "events", "record": {"id": "l3", "employeeId": "ana", "kind": "landing", "at": "2026-11-30", "count": 0}}])), None);
    assert!(!result.applied);
    let errors: Vec<String> = result.errors.iter().map(|p| p.to_string()).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("ops[0].record.at: \"2026-11-30\" is a date where an instant"), "{errors:?}");
    assert!(errors[1].starts_with("ops[0].record.count:"), "{errors:?}");
}

#[test]
fn a_snapshot_carries_events_and_currency() {
    let (r, c) = documents();
    let e = engine(r, c);
    let again = Engine::from_snapshot(&e.snapshot()).unwrap();
    assert_eq!(again.check("ana", "f1").unwrap(), e.check("ana", "f1").unwrap());
    assert_eq!(kinds(&again), [ReasonKind::NotCurrent]);
}

#[test]
fn the_message_says_what_is_missing() {
    let (r, c) = documents();
    let v = engine(r, c).check("ana", "f1").unwrap();
    assert_eq!(v.reasons[0].message, "PIC (c1) is not current: 1 of 2 landing in the 30 days before the shift; never current on the events recorded");
    let json = serde_json::to_value(&v.reasons[0]).unwrap();
    assert_eq!(json["have"], json!(1));
    assert_eq!(json["currentUntil"], Value::Null);
}
