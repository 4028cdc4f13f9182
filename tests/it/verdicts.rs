//! The rules of SPEC §2.1 and §3 at their boundaries, one test per edge.


use crate::common::*;
use credgate::{ReasonKind, Status};
use serde_json::json;

const BLOCK: Status = Status::Block;
const OK: Status = Status::Ok;
const WARN: Status = Status::Warn;

fn one_record(record: serde_json::Value, shifts: serde_json::Value) -> credgate::Engine {
    let mut r = record;
    r["id"] = json!("c1");
    r["employeeId"] = json!("e1");
    if r.get("code").is_none() {
        r["code"] = json!("BLS");
    }
    engine(roster(shifts), creds(&["BLS"], json!([r])))
}

#[test]
fn expiry_day_is_inclusive() {
    let e = one_record(
        json!({"validUntil": "2026-12-01"}),
        json!([
            shift("last-minute", "2026-12-01T16:00:00-06:00", "2026-12-02T00:00:00-06:00", json!("BLS")),
            shift("one-past", "2026-12-01T16:00:00-06:00", "2026-12-02T00:01:00-06:00", json!("BLS")),
            shift("next-day", "2026-12-02T00:00:00-06:00", "2026-12-02T08:00:00-06:00", json!("BLS")),
        ]),
    );
    // Ending exactly at 00:00 of the next day: the shift is half-open, so it is covered.
    let v = assert_verdict(&e, "e1", "last-minute", OK, &["expiringSoon"]);
    assert_eq!(v.reasons[0].days_left, Some(-1), "a shift ending at midnight ends on the next local day");
    let v = assert_verdict(&e, "e1", "one-past", BLOCK, &["expiresDuringShift"]);
    assert_eq!(v.reasons[0].at.as_deref(), Some("2026-12-02T00:00:00-06:00"));
    assert_eq!(v.reasons[0].message, "BLS (c1) expires at 00:00 on 2 Dec, 8 h into the shift");
    let v = assert_verdict(&e, "e1", "next-day", BLOCK, &["expired"]);
    assert_eq!(v.reasons[0].message, "BLS (c1) expired at the end of 1 Dec");
}

#[test]
fn instant_valid_until_is_exclusive() {
    let e = one_record(
        json!({"validUntil": "2026-12-01T12:00:00Z"}),
        json!([
            shift("ends-at", "2026-12-01T04:00:00Z", "2026-12-01T12:00:00Z", json!("BLS")),
            shift("starts-at", "2026-12-01T12:00:00Z", "2026-12-01T20:00:00Z", json!("BLS")),
            shift("one-ms-over", "2026-12-01T04:00:00Z", "2026-12-01T12:00:00.001Z", json!("BLS")),
        ]),
    );
    assert_verdict(&e, "e1", "ends-at", OK, &["expiringSoon"]);
    assert_verdict(&e, "e1", "starts-at", BLOCK, &["expired"]);
    assert_verdict(&e, "e1", "one-ms-over", BLOCK, &["expiresDuringShift"]);
}

#[test]
fn instant_valid_from_is_inclusive() {
    let e = one_record(
        json!({"validFrom": "2026-12-01T08:00:00+01:00", "validUntil": null}),
        json!([
            shift("at", "2026-12-01T07:00:00Z", "2026-12-01T15:00:00Z", json!("BLS")),
            shift("before", "2026-12-01T06:59:59Z", "2026-12-01T15:00:00Z", json!("BLS")),
        ]),
    );
    assert_verdict(&e, "e1", "at", OK, &[]);
    let v = assert_verdict(&e, "e1", "before", BLOCK, &["notYetValid"]);
    assert_eq!(v.reasons[0].at.as_deref(), Some("2026-12-01T07:00:00Z"));
}

#[test]
fn month_precision_runs_to_the_last_day() {
    let e = one_record(
        json!({"validUntil": "2027-02"}),
        json!([
            shift("feb28", "2027-02-28T20:00:00+00:00", "2027-03-01T00:00:00+00:00", json!("BLS")),
            shift("mar1", "2027-02-28T20:00:00+00:00", "2027-03-01T00:30:00+00:00", json!("BLS")),
        ]),
    );
    assert_verdict(&e, "e1", "feb28", OK, &["expiringSoon"]);
    assert_verdict(&e, "e1", "mar1", BLOCK, &["expiresDuringShift"]);
    // A leap year's February runs to the 29th.
    let e = one_record(
        json!({"validUntil": "2028-02"}),
        json!([shift("feb29", "2028-02-29T08:00:00Z", "2028-02-29T16:00:00Z", json!("BLS"))]),
    );
    assert_verdict(&e, "e1", "feb29", OK, &["expiringSoon"]);
}

#[test]
fn date_bounds_are_read_in_the_shifts_own_offset() {
    // The same UTC interval, written in Houston time and in Tokyo time.
    let e = one_record(
        json!({"validFrom": "2026-12-02", "validUntil": "2026-12-02"}),
        json!([
            // 2026-12-02T06:00Z..12:00Z is 00:00..06:00 on 2 Dec in Houston: inside the day.
            shift("houston", "2026-12-02T00:00:00-06:00", "2026-12-02T06:00:00-06:00", json!("BLS")),
            // The same UTC interval is 15:00..21:00 on 2 Dec in Tokyo: also inside.
            shift("tokyo", "2026-12-02T15:00:00+09:00", "2026-12-02T21:00:00+09:00", json!("BLS")),
            // 2026-12-02T20:00-06:00 is 3 Dec in UTC, still 2 Dec in Houston.
            shift("houston-late", "2026-12-02T18:00:00-06:00", "2026-12-02T23:59:00-06:00", json!("BLS")),
            // 2026-12-02T08:00+14:00 is 1 Dec 18:00 UTC: before validFrom in UTC, but on 2 Dec locally.
            shift("kiritimati", "2026-12-02T08:00:00+14:00", "2026-12-02T16:00:00+14:00", json!("BLS")),
            // Written in UTC, the last one starts on 1 Dec: not yet valid.
            shift("kiritimati-in-utc", "2026-12-01T18:00:00Z", "2026-12-02T02:00:00Z", json!("BLS")),
        ]),
    );
    for s in ["houston", "tokyo", "houston-late", "kiritimati"] {
        assert_verdict(&e, "e1", s, OK, &["expiringSoon"]);
    }
    assert_verdict(&e, "e1", "kiritimati-in-utc", BLOCK, &["notYetValid"]);
}

#[test]
fn start_and_end_offsets_may_differ() {
    // A night shift across a clock change: validFrom is read at the start's offset, validUntil
    // at the end's.
    let e = one_record(
        json!({"validFrom": "2026-11-01", "validUntil": "2026-11-01"}),
        json!([shift("dst", "2026-11-01T00:00:00-05:00", "2026-11-01T23:00:00-06:00", json!("BLS"))]),
    );
    assert_verdict(&e, "e1", "dst", OK, &["expiringSoon"]);
}

#[test]
fn shifts_across_midnight_need_the_whole_night() {
    let e = one_record(
        json!({"validUntil": "2026-12-31"}),
        json!([
            shift("nye", "2026-12-31T19:00:00-05:00", "2027-01-01T07:00:00-05:00", json!("BLS")),
            shift("before", "2026-12-30T19:00:00-05:00", "2026-12-31T07:00:00-05:00", json!("BLS")),
        ]),
    );
    let v = assert_verdict(&e, "e1", "nye", BLOCK, &["expiresDuringShift"]);
    assert_eq!(v.reasons[0].message, "BLS (c1) expires at 00:00 on 1 Jan 2027, 5 h into the shift");
    assert_verdict(&e, "e1", "before", OK, &["expiringSoon"]);
}

#[test]
fn valid_from_inside_a_shift_is_not_yet_valid() {
    let e = one_record(
        json!({"validFrom": "2026-12-01T12:00:00Z", "validUntil": null}),
        json!([shift("s", "2026-12-01T08:00:00Z", "2026-12-01T16:00:00Z", json!("BLS"))]),
    );
    let v = assert_verdict(&e, "e1", "s", BLOCK, &["notYetValid"]);
    assert_eq!(v.reasons[0].message, "BLS (c1) is not valid until 12:00 on 1 Dec");
}

#[test]
fn expiring_soon_counts_calendar_days_to_the_smallest_alert() {
    let credentials = json!({
        "credentialTypes": [{"code": "BLS", "alertDays": [90, 30, 60]}, {"code": "X", "alertDays": []}],
        "credentials": [
            {"id": "c30", "employeeId": "e1", "code": "BLS", "validUntil": "2026-12-31"},
            {"id": "c31", "employeeId": "e2", "code": "BLS", "validUntil": "2027-01-01"},
            {"id": "x", "employeeId": "e1", "code": "X", "validUntil": "2026-12-02"}
        ]
    });
    // The shift ends on 1 Dec local; 30 days later is 31 Dec.
    let e = engine(roster(json!([shift("s", "2026-12-01T08:00:00-06:00", "2026-12-01T16:00:00-06:00", json!(["BLS"][0]))])), credentials.clone());
    let v = assert_verdict(&e, "e1", "s", OK, &["expiringSoon"]);
    assert_eq!(v.reasons[0].days_left, Some(30));
    assert_verdict(&e, "e2", "s", OK, &[]);
    // No alertDays: never expiring soon.
    let e = engine(roster(json!([shift("s", "2026-12-01T08:00:00-06:00", "2026-12-01T16:00:00-06:00", json!("X"))])), credentials);
    assert_verdict(&e, "e1", "s", OK, &[]);
}

#[test]
fn grace_extends_validity_with_a_warning() {
    let credentials = json!({
        "credentialTypes": [{"code": "BLS", "graceDays": 2}],
        "credentials": [{"id": "c1", "employeeId": "e1", "code": "BLS", "validUntil": "2026-12-01T00:00:00Z"}]
    });
    let e = engine(
        roster(json!([
            shift("lapses-during", "2026-11-30T20:00:00Z", "2026-12-01T04:00:00Z", json!("BLS")),
            shift("edge", "2026-12-02T16:00:00Z", "2026-12-03T00:00:00Z", json!("BLS")),
            shift("past", "2026-12-02T16:00:00Z", "2026-12-03T00:00:01Z", json!("BLS")),
        ])),
        credentials,
    );
    assert_verdict(&e, "e1", "lapses-during", WARN, &["inGrace"]);
    let v = assert_verdict(&e, "e1", "edge", WARN, &["inGrace"]);
    assert_eq!(v.evidence[0].credential_id.as_deref(), Some("c1"));
    assert_verdict(&e, "e1", "past", BLOCK, &["expired"]);
}

#[test]
fn a_revoked_record_beside_an_active_one_does_not_matter() {
    let credentials = creds(
        &["BLS"],
        json!([
            {"id": "old", "employeeId": "e1", "code": "BLS", "validUntil": "2027-12-31", "status": "revoked"},
            {"id": "new", "employeeId": "e1", "code": "BLS", "validUntil": "2027-12-31"},
            {"id": "rev", "employeeId": "e2", "code": "BLS", "validUntil": "2027-12-31", "status": "revoked"},
            {"id": "exp", "employeeId": "e2", "code": "BLS", "validUntil": "2026-01-31"}
        ]),
    );
    let e = engine(roster(json!([shift("s", "2026-12-01T08:00:00Z", "2026-12-01T16:00:00Z", json!("BLS"))])), credentials);
    let v = assert_verdict(&e, "e1", "s", OK, &[]);
    assert_eq!(v.evidence[0].credential_id.as_deref(), Some("new"));
    // Revoked is closer to counting than expired: it is reported.
    let v = assert_verdict(&e, "e2", "s", BLOCK, &["revoked"]);
    assert_eq!(v.reasons[0].credential_id.as_deref(), Some("rev"));
}

#[test]
fn a_status_counts_only_when_its_window_touches_the_shift() {
    let credentials = creds(
        &["BLS"],
        json!([
            {"id": "p-old", "employeeId": "e1", "code": "BLS", "validUntil": "2026-11-30", "status": "pending"},
            {"id": "p-future", "employeeId": "e2", "code": "BLS", "validFrom": "2026-12-02", "validUntil": null, "status": "suspended"}
        ]),
    );
    let e = engine(roster(json!([shift("s", "2026-12-01T08:00:00Z", "2026-12-01T16:00:00Z", json!("BLS"))])), credentials);
    assert_verdict(&e, "e1", "s", BLOCK, &["expired"]);
    assert_verdict(&e, "e2", "s", BLOCK, &["notYetValid"]);
}

#[test]
fn the_closest_to_counting_is_reported() {
    let credentials = json!({
        "credentialTypes": [{"code": "RN", "jurisdictional": true}],
        "credentials": [
            {"id": "a", "employeeId": "e1", "code": "RN", "validUntil": "2026-01-01"},
            {"id": "b", "employeeId": "e1", "code": "RN", "validUntil": null, "status": "pending"},
            {"id": "c", "employeeId": "e1", "code": "RN", "validUntil": null, "validIn": ["US-FL"]},
            {"id": "d", "employeeId": "e1", "code": "RN", "validUntil": "2026-12-01T12:00:00Z", "validIn": ["US-TX"]}
        ]
    });
    let r = json!({"locations": [{"id": "tx", "jurisdiction": "US-TX"}], "employees": [{"id": "e1"}],
        "shifts": [{"id": "s", "start": "2026-12-01T08:00:00Z", "end": "2026-12-01T16:00:00Z", "locationId": "tx", "requires": "RN"}]});
    let e = engine(r, credentials);
    let v = assert_verdict(&e, "e1", "s", BLOCK, &["wrongJurisdiction"]);
    assert_eq!(v.reasons[0].credential_id.as_deref(), Some("c"));
    assert_eq!(v.reasons[0].jurisdiction.as_deref(), Some("US-TX"));
}

#[test]
fn waivers_must_cover_the_whole_shift_at_its_location() {
    let credentials = json!({
        "credentialTypes": [{"code": "ACLS"}],
        "waivers": [
            {"id": "w1", "employeeId": "e1", "code": "ACLS", "validFrom": "2026-12-01", "validUntil": "2026-12-01T12:00:00Z",
             "approvedBy": "m-3", "reason": "class booked"},
            {"id": "w2", "employeeId": "e2", "code": "ACLS", "validFrom": "2026-12-01", "validUntil": "2026-12-14",
             "locationIds": ["a"], "approvedBy": "m-3", "reason": "renewal class booked for 12 December"}
        ]
    });
    let r = json!({"locations": [{"id": "a"}, {"id": "b"}], "employees": [{"id": "e1"}, {"id": "e2"}], "shifts": [
        {"id": "mid", "start": "2026-12-01T08:00:00Z", "end": "2026-12-01T16:00:00Z", "requires": "ACLS"},
        {"id": "morning", "start": "2026-12-01T04:00:00Z", "end": "2026-12-01T12:00:00Z", "requires": "ACLS"},
        {"id": "at-a", "start": "2026-12-03T08:00:00Z", "end": "2026-12-03T16:00:00Z", "locationId": "a", "requires": "ACLS"},
        {"id": "at-b", "start": "2026-12-03T08:00:00Z", "end": "2026-12-03T16:00:00Z", "locationId": "b", "requires": "ACLS"},
        {"id": "nowhere", "start": "2026-12-03T08:00:00Z", "end": "2026-12-03T16:00:00Z", "requires": "ACLS"}
    ]});
    let e = engine(r, credentials);
    // A waiver ending mid-shift does not cover it.
    assert_verdict(&e, "e1", "mid", BLOCK, &["missing"]);
    let v = assert_verdict(&e, "e1", "morning", WARN, &["waived"]);
    assert_eq!(v.evidence[0].waiver_id.as_deref(), Some("w1"));
    let v = assert_verdict(&e, "e2", "at-a", WARN, &["waived"]);
    assert_eq!(v.reasons[0].message, "ACLS waived by m-3 until 14 Dec: renewal class booked for 12 December");
    assert_verdict(&e, "e2", "at-b", BLOCK, &["missing"]);
    assert_verdict(&e, "e2", "nowhere", BLOCK, &["missing"]);
}

#[test]
fn waivers_never_count_through_satisfies_and_satisfies_is_not_chained() {
    let credentials = json!({
        "credentialTypes": [{"code": "ACLS-EP", "satisfies": ["ACLS"]}, {"code": "ACLS", "satisfies": ["BLS"]}, {"code": "BLS"}],
        "credentials": [{"id": "ep", "employeeId": "e1", "code": "ACLS-EP", "validUntil": null}],
        "waivers": [{"id": "w", "employeeId": "e2", "code": "ACLS-EP", "validFrom": "2026-01-01", "validUntil": "2027-01-01", "approvedBy": "x", "reason": "y"}]
    });
    let e = engine(roster(json!([
        shift("acls", "2026-12-01T08:00:00Z", "2026-12-01T16:00:00Z", json!("ACLS")),
        shift("bls", "2026-12-01T08:00:00Z", "2026-12-01T16:00:00Z", json!("BLS")),
    ])), credentials);
    let v = assert_verdict(&e, "e1", "acls", OK, &[]);
    assert_eq!((v.evidence[0].code.as_str(), v.evidence[0].credential_id.as_deref()), ("ACLS", Some("ep")));
    assert_verdict(&e, "e1", "bls", BLOCK, &["missing"]);
    assert_verdict(&e, "e2", "acls", BLOCK, &["missing"]);
}

#[test]
fn any_and_all_groups() {
    let credentials = creds(
        &["A", "B", "C", "D"],
        json!([
            {"id": "a", "employeeId": "e1", "code": "A", "validUntil": null},
            {"id": "b", "employeeId": "e1", "code": "B", "validUntil": "2026-01-01"}
        ]),
    );
    let e = engine(roster(json!([
        shift("any-met", "2026-12-01T08:00:00Z", "2026-12-01T16:00:00Z", json!({"any": ["B", "A"]})),
        shift("any-none", "2026-12-01T08:00:00Z", "2026-12-01T16:00:00Z", json!({"any": ["B", "C"]})),
        shift("all", "2026-12-01T08:00:00Z", "2026-12-01T16:00:00Z", json!({"all": ["A", "B", "C", {"all": []}]})),
        shift("dedupe", "2026-12-01T08:00:00Z", "2026-12-01T16:00:00Z", json!({"all": ["C", {"any": ["C", "D"]}, "A", "A"]})),
    ])), credentials);
    let v = assert_verdict(&e, "e1", "any-met", OK, &[]);
    assert_eq!(v.evidence.len(), 1);
    assert_verdict(&e, "e1", "any-none", BLOCK, &["expired", "missing"]);
    let v = assert_verdict(&e, "e1", "all", BLOCK, &["expired", "missing"]);
    assert_eq!(v.evidence[0].code, "A", "evidence is kept for met codes even when the verdict blocks");
    let v = assert_verdict(&e, "e1", "dedupe", BLOCK, &["missing", "missing"]);
    assert_eq!(v.reasons.iter().map(|r| r.code.as_deref().unwrap_or("")).collect::<Vec<_>>(), ["C", "D"]);
    assert_eq!(v.evidence.len(), 1);
}

#[test]
fn requirement_is_the_all_of_role_location_queues_and_shift() {
    let credentials = creds(&["R", "L", "Q", "S"], json!([]));
    let r = json!({
        "locations": [{"id": "loc", "requires": "L"}],
        "roles": [{"id": "role", "requires": "R"}],
        "queues": [{"id": "q", "requires": "Q"}],
        "employees": [{"id": "e1", "locationId": "elsewhere-is-ignored"}],
        "shifts": [{"id": "s", "start": "2026-12-01T08:00:00Z", "end": "2026-12-01T16:00:00Z",
                    "locationId": "loc", "roleId": "role", "queueIds": ["q"], "requires": "S"}]
    });
    let e = engine(r, credentials);
    let v = assert_verdict(&e, "e1", "s", BLOCK, &["missing", "missing", "missing", "missing"]);
    assert_eq!(v.reasons.iter().map(|r| r.code.as_deref().unwrap_or("")).collect::<Vec<_>>(), ["R", "L", "Q", "S"]);
}

#[test]
fn roles() {
    let r = json!({
        "roles": [{"id": "rn"}, {"id": "cna"}],
        "employees": [{"id": "any"}, {"id": "rn-only", "roleIds": ["rn"]}, {"id": "none", "roleIds": []}],
        "shifts": [
            {"id": "rn-shift", "start": "2026-12-01T08:00:00Z", "end": "2026-12-01T16:00:00Z", "roleId": "rn"},
            {"id": "cna-shift", "start": "2026-12-02T08:00:00Z", "end": "2026-12-02T16:00:00Z", "roleId": "cna"},
            {"id": "no-role", "start": "2026-12-03T08:00:00Z", "end": "2026-12-03T16:00:00Z"}
        ]
    });
    let e = engine(r, json!({}));
    assert_verdict(&e, "any", "cna-shift", OK, &[]);
    assert_verdict(&e, "rn-only", "rn-shift", OK, &[]);
    let v = assert_verdict(&e, "rn-only", "cna-shift", BLOCK, &["notInRole"]);
    assert_eq!(v.reasons[0].role_id.as_deref(), Some("cna"));
    assert_verdict(&e, "none", "rn-shift", BLOCK, &["notInRole"]);
    assert_verdict(&e, "none", "no-role", OK, &[]);
}

fn rest_roster(rules: serde_json::Value) -> serde_json::Value {
    json!({
        "employees": [{"id": "e1"}],
        "shifts": [
            {"id": "a", "start": "2026-12-01T08:00:00Z", "end": "2026-12-01T16:00:00Z", "assigned": ["e1"]},
            {"id": "exactly-10h", "start": "2026-12-02T02:00:00Z", "end": "2026-12-02T10:00:00Z"},
            {"id": "short", "start": "2026-12-02T01:59:00Z", "end": "2026-12-02T06:00:00Z"},
            {"id": "back-to-back", "start": "2026-12-01T16:00:00Z", "end": "2026-12-01T20:00:00Z"},
            {"id": "overlapping", "start": "2026-12-01T15:00:00Z", "end": "2026-12-01T20:00:00Z"},
            {"id": "before", "start": "2026-11-30T20:00:00Z", "end": "2026-12-01T00:00:00Z"}
        ],
        "rules": rules
    })
}

#[test]
fn rest_exactly_at_the_minimum_passes() {
    let e = engine(rest_roster(json!({"minRestHours": 10})), json!({}));
    assert_verdict(&e, "e1", "exactly-10h", OK, &[]);
    let v = assert_verdict(&e, "e1", "short", BLOCK, &["restTooShort"]);
    assert_eq!(v.reasons[0].shift_id.as_deref(), Some("a"));
    assert_eq!(v.reasons[0].message, "only 9 h 59 min rest after shift a (08:00–16:00 on 1 Dec); the minimum is 10 h");
    let v = assert_verdict(&e, "e1", "before", BLOCK, &["restTooShort"]);
    assert_eq!(v.reasons[0].rest_hours, Some(8.0));
}

#[test]
fn back_to_back_shifts_touch_without_overlapping() {
    let e = engine(rest_roster(json!({})), json!({}));
    assert_verdict(&e, "e1", "back-to-back", OK, &[]);
    let v = assert_verdict(&e, "e1", "overlapping", BLOCK, &["overlap"]);
    assert_eq!(v.reasons[0].shift_id.as_deref(), Some("a"));
    // With a rest rule, back-to-back is too little rest, but an overlap is never restTooShort.
    let e = engine(rest_roster(json!({"minRestHours": 8})), json!({}));
    assert_verdict(&e, "e1", "back-to-back", BLOCK, &["restTooShort"]);
    assert_verdict(&e, "e1", "overlapping", BLOCK, &["overlap"]);
    // Overlap allowed: nothing is reported for the overlapping shift.
    let e = engine(rest_roster(json!({"minRestHours": 8, "overlap": "allow"})), json!({}));
    assert_verdict(&e, "e1", "overlapping", OK, &[]);
}

#[test]
fn an_assigned_shift_does_not_conflict_with_itself() {
    let e = engine(rest_roster(json!({"minRestHours": 10})), json!({}));
    assert_verdict(&e, "e1", "a", OK, &[]);
}

#[test]
fn scheduled_training_blocks_only_when_scheduled() {
    let credentials = json!({"trainings": [
        {"id": "t1", "employeeId": "e1", "start": "2026-12-01T12:00:00Z", "end": "2026-12-01T13:00:00Z"},
        {"id": "t2", "employeeId": "e2", "start": "2026-12-01T12:00:00Z", "end": "2026-12-01T13:00:00Z", "status": "cancelled"},
        {"id": "t3", "employeeId": "e1", "start": "2026-12-01T16:00:00Z", "end": "2026-12-01T17:00:00Z"}
    ]});
    let e = engine(roster(json!([shift("s", "2026-12-01T08:00:00Z", "2026-12-01T16:00:00Z", json!(null))])), credentials);
    let v = assert_verdict(&e, "e1", "s", BLOCK, &["inTraining"]);
    assert_eq!(v.reasons[0].training_id.as_deref(), Some("t1"));
    assert_verdict(&e, "e2", "s", OK, &[]);
}

#[test]
fn supervision() {
    let credentials = json!({
        "credentialTypes": [{"code": "RN"}, {"code": "RN-SUP", "satisfies": ["RN"]}],
        "credentials": [
            {"id": "grad", "employeeId": "e1", "code": "RN", "validUntil": null, "restrictions": ["supervised"]},
            {"id": "senior", "employeeId": "e2", "code": "RN", "validUntil": null},
            {"id": "lapsing", "employeeId": "e3", "code": "RN", "validUntil": "2026-12-01T12:00:00Z"},
            {"id": "sup", "employeeId": "e4", "code": "RN-SUP", "validUntil": null}
        ]
    });
    let r = json!({"employees": [{"id": "e1"}, {"id": "e2"}, {"id": "e3"}, {"id": "e4"}], "shifts": [
        {"id": "alone", "start": "2026-12-01T08:00:00Z", "end": "2026-12-01T16:00:00Z", "requires": "RN", "assigned": ["e1"]},
        {"id": "with-senior", "start": "2026-12-02T08:00:00Z", "end": "2026-12-02T16:00:00Z", "requires": "RN", "assigned": ["e1", "e2"]},
        {"id": "with-lapsing", "start": "2026-12-01T08:00:00Z", "end": "2026-12-01T16:00:00Z", "requires": "RN", "assigned": ["e3"]},
        {"id": "with-equivalent", "start": "2026-12-03T08:00:00Z", "end": "2026-12-03T16:00:00Z", "requires": "RN", "assigned": ["e4"]}
    ]});
    let e = engine(r, credentials);
    assert_verdict(&e, "e1", "alone", BLOCK, &["unsupervised"]);
    assert_verdict(&e, "e1", "with-senior", OK, &[]);
    // A colleague whose card lapses during the shift is no supervisor (e1 not assigned: a placement).
    assert_verdict(&e, "e1", "with-lapsing", BLOCK, &["unsupervised", "overlap"]);
    assert_verdict(&e, "e1", "with-equivalent", OK, &[]);
}

#[test]
fn jurisdiction() {
    let credentials = json!({
        "credentialTypes": [{"code": "RN", "jurisdictional": true}, {"code": "BLS"}],
        "jurisdictionGroups": [{"code": "NLC", "members": ["US-TX", "US-FL"]}, {"code": "BIG", "members": ["NLC"]}],
        "credentials": [
            {"id": "compact", "employeeId": "e1", "code": "RN", "validUntil": null, "validIn": ["NLC"]},
            {"id": "nested", "employeeId": "e2", "code": "RN", "validUntil": null, "validIn": ["BIG"]},
            {"id": "no-valid-in", "employeeId": "e3", "code": "RN", "validUntil": null},
            {"id": "bls", "employeeId": "e3", "code": "BLS", "validUntil": null}
        ]
    });
    let r = json!({"locations": [{"id": "tx", "jurisdiction": "US-TX"}, {"id": "none"}],
        "employees": [{"id": "e1"}, {"id": "e2"}, {"id": "e3"}], "shifts": [
        {"id": "tx", "start": "2026-12-01T08:00:00-06:00", "end": "2026-12-01T16:00:00-06:00", "locationId": "tx", "requires": "RN"},
        {"id": "no-jur", "start": "2026-12-01T08:00:00-06:00", "end": "2026-12-01T16:00:00-06:00", "locationId": "none", "requires": "RN"},
        {"id": "no-loc", "start": "2026-12-01T08:00:00-06:00", "end": "2026-12-01T16:00:00-06:00", "requires": "RN"},
        {"id": "bls", "start": "2026-12-01T08:00:00-06:00", "end": "2026-12-01T16:00:00-06:00", "requires": "BLS"}
    ]});
    let e = engine(r, credentials);
    assert_verdict(&e, "e1", "tx", OK, &[]);
    assert_verdict(&e, "e1", "no-jur", BLOCK, &["wrongJurisdiction"]);
    assert_verdict(&e, "e1", "no-loc", BLOCK, &["wrongJurisdiction"]);
    // Group members are not expanded further.
    assert_verdict(&e, "e2", "tx", BLOCK, &["wrongJurisdiction"]);
    assert_verdict(&e, "e3", "tx", BLOCK, &["wrongJurisdiction"]);
    assert_verdict(&e, "e3", "bls", OK, &[]);
}

#[test]
fn crew_shortfall() {
    let credentials = json!({
        "credentialTypes": [{"code": "CHARGE", "graceDays": 5}, {"code": "RN"}],
        "credentials": [
            {"id": "c1", "employeeId": "e1", "code": "CHARGE", "validUntil": "2026-11-30"},
            {"id": "r2", "employeeId": "e2", "code": "RN", "validUntil": null}
        ]
    });
    let r = json!({"employees": [{"id": "e1"}, {"id": "e2"}], "shifts": [
        {"id": "grace-counts", "start": "2026-12-01T08:00:00Z", "end": "2026-12-01T16:00:00Z", "assigned": ["e1"], "crew": [{"requires": "CHARGE"}]},
        {"id": "short", "start": "2026-12-02T08:00:00Z", "end": "2026-12-02T16:00:00Z", "assigned": ["e2"], "crew": [{"requires": "CHARGE", "min": 1}, {"requires": "RN", "min": 2}]},
        {"id": "empty", "start": "2026-12-03T08:00:00Z", "end": "2026-12-03T16:00:00Z", "crew": [{"requires": {"any": ["CHARGE", "RN"]}}]},
        {"id": "zero", "start": "2026-12-03T08:00:00Z", "end": "2026-12-03T16:00:00Z", "crew": [{"requires": "RN", "min": 0}]}
    ]});
    let e = engine(r, credentials);
    let v = e.validate();
    let found: Vec<(&str, u32, u32)> = v.findings.iter().map(|f| (f.shift_id.as_str(), f.min.unwrap_or(0), f.count.unwrap_or(0))).collect();
    assert_eq!(found, [("short", 1, 0), ("short", 2, 1), ("empty", 1, 0)]);
    assert!(v.findings.iter().all(|f| f.kind == ReasonKind::CrewShortfall));
    assert_eq!(v.findings[0].message, "needs at least 1 crew member meeting CHARGE; none do");
    assert_eq!(v.status, BLOCK);
}

#[test]
fn requires_null_means_no_requirement_and_empty_all_is_met() {
    let e = engine(roster(json!([
        shift("null", "2026-12-01T08:00:00Z", "2026-12-01T16:00:00Z", json!(null)),
        shift("empty", "2026-12-02T08:00:00Z", "2026-12-02T16:00:00Z", json!({"all": []})),
    ])), json!({}));
    assert_verdict(&e, "e1", "null", OK, &[]);
    assert_verdict(&e, "e1", "empty", OK, &[]);
}

#[test]
fn the_spec_example() {
    let credentials = json!({
        "credentialTypes": [
            { "code": "BLS", "name": "Basic Life Support", "graceDays": 0, "alertDays": [90, 60, 30] },
            { "code": "ACLS", "name": "Advanced Cardiac Life Support", "satisfies": [] },
            { "code": "RN", "name": "Registered Nurse licence", "jurisdictional": true }
        ],
        "jurisdictionGroups": [ { "code": "NLC", "members": ["US-TX", "US-FL", "US-AZ"] } ],
        "credentials": [
            { "id": "cr-1", "employeeId": "e-17", "code": "RN", "validFrom": "2025-03-01", "validUntil": "2027-02", "status": "active", "validIn": ["NLC"] },
            { "id": "cr-9", "employeeId": "e-17", "code": "BLS", "validUntil": "2026-12-01T12:00:00-06:00" }
        ],
        "waivers": [
            { "id": "w-1", "employeeId": "e-17", "code": "ACLS", "validFrom": "2026-12-01", "validUntil": "2026-12-14",
              "locationIds": ["icu-east"], "approvedBy": "m-3", "reason": "renewal class booked for 12 December" }
        ]
    });
    let r = json!({
        "locations": [ { "id": "icu-east", "name": "ICU East", "jurisdiction": "US-TX" } ],
        "roles": [ { "id": "icu-rn", "name": "ICU nurse", "requires": { "all": ["RN", "BLS", "ACLS"] } } ],
        "employees": [ { "id": "e-17", "name": "Ana Ruiz", "roleIds": ["icu-rn"] } ],
        "shifts": [ { "id": "s-1", "start": "2026-12-01T07:00:00-06:00", "end": "2026-12-01T19:00:00-06:00",
                      "locationId": "icu-east", "roleId": "icu-rn", "assigned": ["e-17"] } ]
    });
    let e = engine(r, credentials);
    let v = assert_verdict(&e, "e-17", "s-1", BLOCK, &["expiresDuringShift", "waived"]);
    let got = serde_json::to_value(&v).unwrap();
    assert_eq!(
        got,
        json!({ "employeeId": "e-17", "shiftId": "s-1", "status": "block",
          "reasons": [ { "kind": "expiresDuringShift", "severity": "block", "code": "BLS",
                         "credentialId": "cr-9", "at": "2026-12-01T12:00:00-06:00",
                         "message": "BLS (cr-9) expires at 12:00 on 1 Dec, 5 h into the shift" },
                       { "kind": "waived", "severity": "warn", "code": "ACLS", "waiverId": "w-1", "at": "2026-12-15T00:00:00-06:00",
                         "message": "ACLS waived by m-3 until 14 Dec: renewal class booked for 12 December" } ],
          "evidence": [ { "code": "RN", "credentialId": "cr-1" }, { "code": "ACLS", "waiverId": "w-1" } ] })
    );
}
