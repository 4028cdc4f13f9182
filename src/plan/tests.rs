//! The edges of SPEC §7.1, one test each.

use super::*;
use crate::testutil::engine;

const AS_OF: &str = "2026-12-07T08:00:00-06:00";

/// A credentials document with types `types` (JSON), `records` and `sessions` (JSON arrays'
/// contents), and `trainings`.
fn creds(types: &str, records: &str, sessions: &str, trainings: &str) -> String {
    format!(r#"{{"credentialTypes": [{types}], "credentials": [{records}], "sessions": [{sessions}], "trainings": [{trainings}]}}"#)
}

fn session(id: &str, codes: &str, day: &str, from: u32, to: u32, seats: u32) -> String {
    format!(r#"{{"id": "{id}", "renews": [{codes}], "start": "{day}T{from:02}:00:00-06:00", "end": "{day}T{to:02}:00:00-06:00", "seats": {seats}}}"#)
}

fn record(id: &str, emp: &str, code: &str, until: &str) -> String {
    format!(r#"{{"id": "{id}", "employeeId": "{emp}", "code": "{code}", "validUntil": "{until}"}}"#)
}

const TWO: &str = r#"{"employees": [{"id": "e1", "locationId": "icu", "teamId": "t"}, {"id": "e2"}], "locations": [{"id": "icu"}], "teams": [{"id": "t"}]}"#;

#[test]
fn days_left_equal_to_the_horizon_counts() {
    // 2026-12-07 + 30 days = 2027-01-06.
    let c = creds(r#"{"code": "BLS"}"#, &[record("a", "e1", "BLS", "2027-01-06"), record("b", "e2", "BLS", "2027-01-07")].join(","), &session("s", r#""BLS""#, "2026-12-20", 8, 12, 5), "");
    let e = engine(TWO, &c);
    let plan = e.plan_renewals(AS_OF, Some(30), false).unwrap();
    let met: Vec<&str> = plan.bookings.iter().flat_map(|b| b.credential_ids.iter().map(String::as_str)).collect();
    assert_eq!(met, ["a"]);
    assert!(plan.unmet.is_empty());
    assert_eq!(e.plan_renewals(AS_OF, Some(31), false).unwrap().met(), 2);
    assert_eq!(e.plan_renewals(AS_OF, None, false).unwrap().horizon_days, 90);
}

#[test]
fn grace_extends_the_deadline_and_marks_the_booking() {
    let c = creds(r#"{"code": "BLS", "graceDays": 10}"#, &record("a", "e1", "BLS", "2026-12-20"), &session("late", r#""BLS""#, "2026-12-25", 8, 12, 5), "");
    let e = engine(TWO, &c);
    let plain = e.plan_renewals(AS_OF, None, false).unwrap();
    assert!(plain.bookings.is_empty());
    assert_eq!(plain.unmet[0].reason, UnmetReason::NoSession);
    assert_eq!(plain.unmet[0].deadline, "2026-12-21T00:00:00-06:00");
    let grace = e.plan_renewals(AS_OF, None, true).unwrap();
    assert_eq!(grace.bookings.len(), 1);
    assert!(grace.bookings[0].in_grace);
    assert_eq!(grace.bookings[0].deadline, "2026-12-31T00:00:00-06:00");
    // A session before the plain expiry is preferred to one in grace, even a cheaper later one.
    let c = creds(
        r#"{"code": "BLS", "graceDays": 10}"#,
        &record("a", "e1", "BLS", "2026-12-20"),
        &[session("late", r#""BLS""#, "2026-12-25", 8, 12, 5), session("early", r#""BLS""#, "2026-12-10", 8, 12, 5)].join(","),
        "",
    );
    let grace = engine(TWO, &c).plan_renewals(AS_OF, None, true).unwrap();
    assert_eq!((grace.bookings[0].session_id.as_str(), grace.bookings[0].in_grace), ("early", false));
}

#[test]
fn back_to_back_is_not_overlap() {
    let roster = r#"{"employees": [{"id": "e1"}], "shifts": [
      {"id": "before", "start": "2026-12-20T00:00:00-06:00", "end": "2026-12-20T08:00:00-06:00", "assigned": ["e1"]},
      {"id": "after", "start": "2026-12-20T12:00:00-06:00", "end": "2026-12-20T20:00:00-06:00", "assigned": ["e1"]}]}"#;
    let c = creds(r#"{"code": "BLS"}"#, &record("a", "e1", "BLS", "2027-01-06"), &session("s", r#""BLS""#, "2026-12-20", 8, 12, 1), "");
    let plan = engine(roster, &c).plan_renewals(AS_OF, None, false).unwrap();
    assert_eq!(plan.bookings.len(), 1);
    // One minute more of shift, and it conflicts.
    let roster = roster.replace("T12:00:00", "T11:59:00");
    let plan = engine(&roster, &c).plan_renewals(AS_OF, None, false).unwrap();
    assert_eq!(plan.unmet[0].reason, UnmetReason::Conflicts);
    assert_eq!(plan.unmet[0].shift_ids, ["after"]);
    assert_eq!(plan.unmet[0].session_ids, ["s"]);
}

#[test]
fn cancelled_trainings_free_their_seats() {
    let sessions = session("s", r#""BLS""#, "2026-12-20", 8, 12, 1);
    let training = |status: &str| format!(r#"{{"id": "t", "employeeId": "e2", "code": "ACLS", "sessionId": "s", "start": "2026-12-20T08:00:00-06:00", "end": "2026-12-20T12:00:00-06:00", "status": "{status}"}}"#);
    let types = r#"{"code": "BLS"}, {"code": "ACLS"}"#;
    for (status, met) in [("scheduled", 0), ("completed", 0), ("cancelled", 1)] {
        let c = creds(types, &record("a", "e1", "BLS", "2027-01-06"), &sessions, &training(status));
        let plan = engine(TWO, &c).plan_renewals(AS_OF, None, false).unwrap();
        assert_eq!(plan.met(), met, "{status}");
        assert_eq!(plan.sessions[0].taken, 1 - met as u32, "{status}");
        if met == 0 {
            assert_eq!(plan.unmet[0].reason, UnmetReason::Full);
        }
    }
}

#[test]
fn slack_days_are_whole_24_hour_periods() {
    // Ends 2026-12-20T12:00-06:00; the deadline is 2027-01-07T00:00-06:00: 17 days 12 hours.
    let c = creds(r#"{"code": "BLS"}"#, &record("a", "e1", "BLS", "2027-01-06"), &session("s", r#""BLS""#, "2026-12-20", 8, 12, 1), "");
    let plan = engine(TWO, &c).plan_renewals(AS_OF, None, false).unwrap();
    assert_eq!(plan.bookings[0].slack_days, 17);
    // Ending exactly at the deadline: 0, and still valid.
    let c = creds(r#"{"code": "BLS"}"#, &record("a", "e1", "BLS", "2026-12-20T12:00:00-06:00"), &session("s", r#""BLS""#, "2026-12-20", 8, 12, 1), "");
    let plan = engine(TWO, &c).plan_renewals(AS_OF, None, false).unwrap();
    assert_eq!(plan.bookings[0].slack_days, 0);
}

#[test]
fn a_date_expiry_ends_in_the_offset_of_as_of() {
    // Valid through 2026-12-20: in +09:00 that ends at 2026-12-20T15:00Z, so a session ending
    // at 16:00Z is too late there, and fits in -06:00 (ends 2026-12-21T06:00Z).
    let s = r#"{"id": "s", "renews": ["BLS"], "start": "2026-12-20T14:00:00Z", "end": "2026-12-20T16:00:00Z", "seats": 1}"#;
    let c = creds(r#"{"code": "BLS"}"#, &record("a", "e1", "BLS", "2026-12-20"), s, "");
    let e = engine(TWO, &c);
    let west = e.plan_renewals("2026-12-07T08:00:00-06:00", None, false).unwrap();
    assert_eq!(west.bookings.len(), 1);
    assert_eq!(west.bookings[0].deadline, "2026-12-21T00:00:00-06:00");
    let east = e.plan_renewals("2026-12-07T08:00:00+09:00", None, false).unwrap();
    assert!(east.bookings.is_empty());
    assert_eq!(east.unmet[0].deadline, "2026-12-21T00:00:00+09:00");
    assert_eq!(east.unmet[0].reason, UnmetReason::NoSession);
}

#[test]
fn one_booking_meets_every_code_it_renews_in_time_and_costs_one_seat() {
    let types = r#"{"code": "BLS"}, {"code": "ACLS"}, {"code": "PALS"}"#;
    let records = [record("b", "e1", "BLS", "2027-01-06"), record("a", "e1", "ACLS", "2027-01-06"), record("p", "e1", "PALS", "2026-12-15")].join(",");
    let mut s: String = session("both", r#""BLS", "ACLS", "PALS""#, "2026-12-20", 8, 12, 1);
    s = s.replace("\"seats\": 1", "\"seats\": 1, \"cost\": 120");
    let c = creds(types, &records, &s, "");
    let e = engine(TWO, &c);
    let plan = e.plan_renewals(AS_OF, None, false).unwrap();
    assert_eq!(plan.bookings.len(), 1);
    assert_eq!(plan.bookings[0].codes, ["BLS", "ACLS"]);
    assert_eq!(plan.bookings[0].credential_ids, ["b", "a"]);
    assert_eq!(plan.unmet.len(), 1);
    assert_eq!((plan.unmet[0].code.as_str(), plan.unmet[0].reason), ("PALS", UnmetReason::NoSession));
    assert_eq!(plan.sessions[0].booked, 1);
    assert_eq!(plan.cost.total, 120.0);
    assert_eq!(plan.cost.by_location.0, [("icu".to_string(), 120.0)]);
    assert_eq!(plan.cost.by_team.0, [("t".to_string(), 120.0)]);
    assert_eq!(plan.accept.len(), 2);
}

#[test]
fn accepting_the_plan_books_the_renewals_and_takes_the_seats() {
    let c = creds(r#"{"code": "BLS"}"#, &[record("a", "e1", "BLS", "2027-01-06"), record("b", "e2", "BLS", "2027-01-06")].join(","), &session("s", r#""BLS""#, "2026-12-20", 8, 12, 1), "");
    let mut e = engine(TWO, &c);
    let plan = e.plan_renewals(AS_OF, None, false).unwrap();
    assert_eq!(plan.met(), 1);
    let booked = plan.bookings[0].employee_id.clone();
    let answer = e.apply(&plan.accept_ops(), None);
    assert!(answer.applied, "{:?}", answer.errors);
    let alerts = e.alerts(AS_OF, Some(90)).unwrap();
    let a = alerts.iter().find(|a| a.employee_id == booked).unwrap();
    assert_eq!(a.renewal_training_id.as_deref(), plan.accept.first().map(|o| o.record.id.as_str()));
    // The seat is now held: the other need is full, and the booked one is no longer a need.
    let again = e.plan_renewals(AS_OF, None, false).unwrap();
    assert_eq!(again.met(), 0);
    assert_eq!(again.unmet.len(), 1);
    assert_eq!(again.unmet[0].reason, UnmetReason::Full);
    assert_eq!(again.sessions[0].taken, 1);
}

#[test]
fn later_and_cheaper_sessions_are_preferred() {
    let sessions = [
        session("early", r#""BLS""#, "2026-12-10", 8, 12, 1),
        session("late", r#""BLS""#, "2026-12-28", 8, 12, 1),
        session("dear", r#""BLS""#, "2027-01-02", 8, 12, 1).replace("\"seats\": 1", "\"seats\": 1, \"cost\": 50"),
    ]
    .join(",");
    let c = creds(r#"{"code": "BLS"}"#, &record("a", "e1", "BLS", "2027-01-06"), &sessions, "");
    let plan = engine(TWO, &c).plan_renewals(AS_OF, None, false).unwrap();
    assert_eq!(plan.bookings[0].session_id, "late");
}

#[test]
fn sessions_are_read_by_the_rules_of_section_2() {
    let bad = r#"{"credentialTypes": [{"code": "BLS"}], "sessions": [
      {"id": "x", "renews": [], "start": "2026-12-20T08:00:00", "end": "2026-12-20T12:00:00-06:00", "seats": 0, "cost": -1, "status": "full"},
      {"id": "x", "start": "2026-12-20T08:00:00-06:00", "end": "2026-12-20T12:00:00-06:00", "seats": 2}]}"#;
    let Err(err) = crate::Engine::load(TWO, bad) else { panic!("the documents loaded") };
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["sessions[0].renews", "sessions[0].start", "sessions[0].seats", "sessions[0].cost", "sessions[0].status", "sessions[1].id", "sessions[1].renews"]);
    let warned = r#"{"credentialTypes": [{"code": "BLS"}], "sessions": [
      {"id": "x", "renews": ["bls", "BLS"], "start": "2026-12-20T08:00:00-06:00", "end": "2026-12-20T12:00:00-06:00", "seats": 2, "locationId": "nowhere", "seat": 1}],
      "trainings": [{"id": "t", "employeeId": "e1", "start": "2026-12-20T08:00:00-06:00", "end": "2026-12-20T12:00:00-06:00", "sessionId": "y"}]}"#;
    let loaded = crate::Engine::load(TWO, warned).unwrap();
    let lines: Vec<String> = loaded.warnings.iter().map(|p| p.to_string()).collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert_eq!(loaded.engine.plan_renewals(AS_OF, None, false).unwrap().sessions.len(), 0);
    assert!(lines.iter().any(|l| l.contains("sessions[0].renews[0]") && l.contains("did you mean \"BLS\"")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("sessions[0].seat") && l.contains("did you mean \"seats\"")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("trainings[0].sessionId")), "{lines:?}");
}

#[test]
fn a_need_with_a_renewal_booked_or_expired_is_not_planned() {
    let records = [record("a", "e1", "BLS", "2027-01-06"), record("old", "e2", "BLS", "2026-12-01")].join(",");
    let training = r#"{"id": "t", "employeeId": "e1", "code": "BLS", "start": "2026-12-12T08:00:00-06:00", "end": "2026-12-12T12:00:00-06:00"}"#;
    let c = creds(r#"{"code": "BLS"}"#, &records, &session("s", r#""BLS""#, "2026-12-20", 8, 12, 5), training);
    let roster = r#"{"roles": [{"id": "r", "requires": "BLS"}], "employees": [{"id": "e1"}, {"id": "e2", "roleIds": ["r"]}]}"#;
    let e = engine(roster, &c);
    assert_eq!(e.alerts(AS_OF, Some(90)).unwrap().len(), 2);
    let plan = e.plan_renewals(AS_OF, None, false).unwrap();
    assert!(plan.bookings.is_empty() && plan.unmet.is_empty());
    assert!(plan.sessions.is_empty());
    assert!(e.plan_renewals("yesterday", None, false).is_err());
}

#[test]
fn sessions_are_put_removed_undone_and_exported_like_other_records() {
    let c = creds(r#"{"code": "BLS"}"#, &record("a", "e1", "BLS", "2027-01-06"), "", "");
    let mut e = engine(TWO, &c);
    assert_eq!(e.plan_renewals(AS_OF, None, false).unwrap().unmet[0].reason, UnmetReason::NoSession);
    let put = crate::json::parse(&format!(r#"[{{"op": "put", "collection": "sessions", "record": {}}}]"#, session("s", r#""BLS""#, "2026-12-20", 8, 12, 1))).unwrap().value;
    let r = e.apply_value(&put, None);
    assert!(r.applied, "{:?}", r.errors);
    assert_eq!(e.plan_renewals(AS_OF, None, false).unwrap().met(), 1);
    let exported = e.export().credentials.get("sessions").map(|v| v.to_json()).unwrap_or_default();
    assert!(exported.contains(r#""id":"s""#), "{exported}");
    let remove = crate::json::parse(r#"[{"op": "remove", "collection": "sessions", "id": "s"}]"#).unwrap().value;
    assert!(e.apply_value(&remove, None).applied);
    assert_eq!(e.plan_renewals(AS_OF, None, false).unwrap().met(), 0);
    assert!(e.undo().applied);
    assert_eq!(e.plan_renewals(AS_OF, None, false).unwrap().met(), 1);
    // A bad session is refused with its paths.
    let bad = crate::json::parse(r#"[{"op": "put", "collection": "sessions", "record": {"id": "t", "renews": ["BLS"], "start": "2026-12-20T08:00:00-06:00", "end": "2026-12-20T12:00:00-06:00", "seats": 0}}]"#).unwrap().value;
    let r = e.apply_value(&bad, None);
    assert!(!r.applied);
    assert_eq!(r.errors.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["ops[0].record.seats"]);
}

/// SPEC §7: as many needs as possible, "then uses grace as little as possible". One seat, two
/// people whose records lapse a day apart: the seat goes to the one it meets without grace,
/// though the other is the more urgent (the order the matching books in).
#[test]
fn the_seat_goes_where_it_needs_no_grace() {
    let c = creds(
        r#"{"code": "BLS", "graceDays": 3}"#,
        &[record("a", "e1", "BLS", "2026-12-14"), record("b", "e2", "BLS", "2026-12-15")].join(","),
        &session("s", r#""BLS""#, "2026-12-15", 8, 12, 1),
        "",
    );
    let plan = engine(TWO, &c).plan_renewals(AS_OF, None, true).unwrap();
    let booked: Vec<(&str, bool)> = plan.bookings.iter().map(|b| (b.employee_id.as_str(), b.in_grace)).collect();
    assert_eq!(booked, [("e2", false)]);
    assert_eq!((plan.unmet[0].employee_id.as_str(), plan.unmet[0].reason), ("e1", UnmetReason::Full));
}

/// "then costs as little as possible": e1 can take the cheap session or a dearer one, e2 only
/// the cheap one or a far dearer one (a shift rules the middle one out). Greedy by preference
/// gives e1 the cheap seat (101 in all); the cheapest plan swaps them (11).
#[test]
fn seats_are_exchanged_for_the_cheapest_plan() {
    let sessions = [
        r#"{"id": "x", "renews": ["BLS"], "start": "2026-12-12T08:00:00-06:00", "end": "2026-12-12T12:00:00-06:00", "seats": 1, "cost": 1}"#,
        r#"{"id": "y", "renews": ["BLS"], "start": "2026-12-13T08:00:00-06:00", "end": "2026-12-13T12:00:00-06:00", "seats": 1, "cost": 10}"#,
        r#"{"id": "z", "renews": ["BLS"], "start": "2026-12-22T08:00:00-06:00", "end": "2026-12-22T12:00:00-06:00", "seats": 1, "cost": 100}"#,
    ];
    let c = creds(r#"{"code": "BLS"}"#, &[record("a", "e1", "BLS", "2026-12-17"), record("b", "e2", "BLS", "2026-12-27")].join(","), &sessions.join(","), "");
    let roster = r#"{"employees": [{"id": "e1"}, {"id": "e2"}],
        "shifts": [{"id": "h", "start": "2026-12-13T07:00:00-06:00", "end": "2026-12-13T13:00:00-06:00", "assigned": ["e2"]}]}"#;
    let plan = engine(roster, &c).plan_renewals(AS_OF, None, false).unwrap();
    let booked: Vec<(&str, &str)> = plan.bookings.iter().map(|b| (b.employee_id.as_str(), b.session_id.as_str())).collect();
    assert_eq!(booked, [("e1", "y"), ("e2", "x")]);
    assert_eq!(plan.cost.total, 11.0);
}
