//! Hostile input beyond the load corpus: what a careless export, a malicious upload or
//! an unlucky calendar can hand the engine, and what it must still do.
//!
//! - `satisfies` cycles load, do not chain and do not loop;
//! - thousands of shifts for one employee: every operation stays near-linear (the sizes are
//!   chosen so that a quadratic path would not finish in a debug build; nothing here is timed);
//! - 10 MB strings: every load problem's message stays short;
//! - 100,000 bad records: every one reported, each in a few hundred bytes;
//! - instants at the ends of the accepted range (years 0000 and 9999, offsets +14:00 and
//!   -12:00), with `graceDays` and `alertDays` of 1,000,000: right verdicts, no overflow (this
//!   runs with overflow checks), and the tracking reports work there too;
//! - leap days and leap seconds in shifts;
//! - ids with a NUL, `__proto__` and friends (the npm package's side is
//!   js-tests/hostile.test.mjs);
//! - invalid UTF-8 through the CLI, in a file and in an argument: exit 2 with a clear message.

use credgate::{Engine, GroupBy, Placement, ReasonKind, Status};
use serde_json::{json, Value};

fn load(roster: &Value, credentials: &Value) -> Engine {
    match Engine::load(&roster.to_string(), &credentials.to_string()) {
        Ok(l) => l.engine,
        Err(e) => panic!("{e}"),
    }
}

fn kinds(engine: &Engine, e: &str, s: &str) -> (Status, Vec<ReasonKind>) {
    let v = engine.check(e, s).unwrap();
    (v.status, v.reasons.iter().map(|r| r.kind).collect())
}

/// Loading the export gives the same verdicts for every pair, and the same export.
fn round_trips(engine: &Engine) {
    let x = engine.export();
    let again = match Engine::load(&x.roster.to_json(), &x.credentials.to_json()) {
        Ok(l) => l.engine,
        Err(e) => panic!("the export does not load: {e}"),
    };
    assert_eq!(again.export(), x);
    let shifts: Vec<&str> = engine.shift_ids().collect();
    for e in engine.employee_ids() {
        for s in &shifts {
            assert_eq!(engine.check(e, s).unwrap(), again.check(e, s).unwrap(), "check({e:?}, {s:?}) after export and load");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// satisfies cycles

/// A satisfies B and B satisfies A; C satisfies A; X, Y, Z satisfy each other in a ring; D
/// satisfies itself. All load without a warning; a record counts for its own code and the codes
/// its type lists, one step, never further (C does not reach B through A, X not Z through Y).
#[test]
fn satisfies_cycles_load_without_chaining_or_looping() {
    let credentials = json!({
        "credentialTypes": [
            {"code": "A", "satisfies": ["B"]}, {"code": "B", "satisfies": ["A"]}, {"code": "C", "satisfies": ["A"]},
            {"code": "X", "satisfies": ["Y"]}, {"code": "Y", "satisfies": ["Z"]}, {"code": "Z", "satisfies": ["X"]},
            {"code": "D", "satisfies": ["D", "D"]}
        ],
        "credentials": [
            {"id": "ca", "employeeId": "e1", "code": "A", "validUntil": null},
            {"id": "cb", "employeeId": "e2", "code": "B", "validUntil": null},
            {"id": "cc", "employeeId": "e3", "code": "C", "validUntil": null},
            {"id": "cx", "employeeId": "e4", "code": "X", "validUntil": null},
            {"id": "cd", "employeeId": "e5", "code": "D", "validUntil": null}
        ]
    });
    let shift = |id: &str, req: Value| json!({"id": id, "start": "2026-12-01T07:00:00-06:00", "end": "2026-12-01T19:00:00-06:00", "requires": req});
    let roster = json!({
        "employees": [{"id": "e1"}, {"id": "e2"}, {"id": "e3"}, {"id": "e4"}, {"id": "e5"}],
        "shifts": [shift("sA", json!("A")), shift("sB", json!("B")), shift("sX", json!("X")), shift("sY", json!("Y")),
                   shift("sZ", json!("Z")), shift("sD", json!("D")), shift("ring", json!({"all": ["X", "Y", "Z"]}))]
    });
    let loaded = Engine::load(&roster.to_string(), &credentials.to_string()).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let engine = loaded.engine;
    let ok = (Status::Ok, vec![]);
    let missing = (Status::Block, vec![ReasonKind::Missing]);
    assert_eq!(kinds(&engine, "e1", "sA"), ok);
    assert_eq!(kinds(&engine, "e1", "sB"), ok);
    assert_eq!(kinds(&engine, "e2", "sA"), ok);
    assert_eq!(kinds(&engine, "e2", "sB"), ok);
    assert_eq!(kinds(&engine, "e3", "sA"), ok);
    assert_eq!(kinds(&engine, "e3", "sB"), missing, "C satisfies A, and A satisfies B, but C does not satisfy B");
    assert_eq!(kinds(&engine, "e4", "sX"), ok);
    assert_eq!(kinds(&engine, "e4", "sY"), ok);
    assert_eq!(kinds(&engine, "e4", "sZ"), missing, "X satisfies Y and Y satisfies Z, but X does not satisfy Z");
    assert_eq!(kinds(&engine, "e4", "ring"), missing);
    assert_eq!(kinds(&engine, "e5", "sD"), ok);
    // Evidence names the requirement code and the record of the other type that met it.
    let v = engine.check("e2", "sA").unwrap();
    assert_eq!((v.evidence[0].code.as_str(), v.evidence[0].credential_id.as_deref()), ("A", Some("cb")));
    // Holders and alerts follow the same one step.
    let at = "2026-12-01T08:00:00-06:00";
    let mut holders: Vec<String> = engine.holders("A", at).unwrap().iter().map(|h| h.employee_id.clone()).collect();
    holders.sort();
    assert_eq!(holders, ["e1", "e2", "e3"]);
    assert_eq!(engine.holders("Z", at).unwrap().iter().map(|h| h.employee_id.as_str()).collect::<Vec<_>>(), Vec::<&str>::new());
    engine.alerts(at, None).unwrap();
    engine.audit(at).unwrap();
    round_trips(&engine);
}

// ---------------------------------------------------------------------------------------------
// Many shifts for one employee

/// 50,000 shifts for one employee, back to back every 12 hours with 8 hours' rest under a
/// 10-hour rule: each assignment has a rest conflict before and after it. Every operation must
/// stay near-linear: 50,000² steps would not finish in a debug build, so finishing is the test,
/// and the reasons counted are the work it did.
#[test]
fn fifty_thousand_shifts_for_one_employee_stay_linear() {
    const K: usize = 50_000;
    let base = "2026-01-01T06:00:00Z";
    let h = 3_600_000i64;
    let shifts: Vec<Value> = (0..K)
        .map(|i| {
            let start = i as i64 * 12 * h;
            json!({"id": format!("s{i}"), "start": crate::common::instant_plus(base, start),
                   "end": crate::common::instant_plus(base, start + 4 * h), "assigned": ["e1"]})
        })
        .collect();
    let roster = json!({"employees": [{"id": "e1"}, {"id": "e2"}], "rules": {"minRestHours": 10}, "shifts": shifts});
    let mut engine = load(&roster, &json!({}));
    let mid = format!("s{}", K / 2);
    let (status, reasons) = kinds(&engine, "e1", &mid);
    assert_eq!((status, reasons), (Status::Block, vec![ReasonKind::RestTooShort, ReasonKind::RestTooShort]));
    let (e1, s_mid) = (engine.employee_index("e1").unwrap(), engine.shift_index(&mid).unwrap());
    assert_eq!(engine.status(e1, s_mid), Some(Status::Block));
    let c = engine.candidates(&mid).unwrap();
    assert_eq!((c[0].employee_id.as_str(), c[0].status), ("e2", Status::Ok));
    let v = engine.validate();
    assert_eq!(v.verdicts.len(), K);
    assert_eq!(v.verdicts.iter().map(|v| v.reasons.len()).sum::<usize>(), 2 * K - 2);
    // A placement in the middle of the run: overlap with the shift it lands on, rest around it.
    let p = Placement { start: "2027-01-01T07:00:00Z".into(), end: "2027-01-01T09:00:00Z".into(), ..Placement::default() };
    let v = engine.check_placement("e1", &p, None).unwrap();
    assert!(v.reasons.iter().any(|r| r.kind == ReasonKind::Overlap));
    // Edits touch the neighbourhood only.
    let r = engine.assign("e2", &mid, None).unwrap();
    assert!(r.applied && r.created.is_empty());
    let r = engine.unassign("e1", &mid).unwrap();
    assert!(r.applied);
    assert_eq!(r.cleared.iter().filter(|f| f.kind == ReasonKind::RestTooShort).count(), 4, "{:?}", r.cleared);
    let r = engine.move_shift(&format!("s{}", K / 2 + 1), "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", None).unwrap();
    // Moved before the first shift, with 5 h rest: still blocked, but it was blocked before the
    // move (rest on both sides), and someone already blocked does not refuse a move (SPEC §6.1).
    assert!(r.applied && !r.refused, "{r:?}");
    assert_eq!(engine.check("e1", &format!("s{}", K / 2 + 1)).unwrap().status, Status::Block);
}

// ---------------------------------------------------------------------------------------------
// Many overlapping shifts and trainings: capped reason lists

/// `(kind, more)` of the summary reasons of a verdict.
fn summaries(v: &credgate::Verdict) -> Vec<(ReasonKind, u32)> {
    v.reasons.iter().filter_map(|r| r.more.map(|n| (r.kind, n))).collect()
}

/// 3,000 shifts of one employee that all overlap one another: each verdict lists the first 20
/// overlaps and one summary counting the other 2,979 (without the cap, `validate` wrote 9
/// million reasons and an edit among them ran out of memory). `validate`, a placement, an
/// edit and an override all complete, with exact counts.
#[test]
fn three_thousand_mutually_overlapping_shifts_cap_their_reasons() {
    const K: usize = 3_000;
    let base = "2026-12-01T07:00:00Z";
    let shifts: Vec<Value> = (0..K)
        .map(|i| {
            let start = i as i64 * 1_000; // a second apart: every one overlaps every other
            json!({"id": format!("s{i}"), "start": crate::common::instant_plus(base, start),
                   "end": "2026-12-01T19:00:00Z", "assigned": ["e1"]})
        })
        .collect();
    let mut shifts = shifts;
    shifts.push(json!({"id": "extra", "start": "2026-12-01T08:00:00Z", "end": "2026-12-01T09:00:00Z"}));
    let roster = json!({"employees": [{"id": "e1"}, {"id": "e2"}], "shifts": shifts});
    let mut engine = load(&roster, &json!({}));

    let v = engine.check("e1", "s0").unwrap();
    assert_eq!(v.status, Status::Block);
    assert_eq!(v.reasons.len(), credgate::MAX_LISTED_CONFLICTS + 1);
    assert_eq!(summaries(&v), [(ReasonKind::Overlap, (K - 1 - 20) as u32)]);
    let listed: Vec<_> = v.reasons[..20].iter().map(|r| r.shift_id.as_deref().unwrap()).collect();
    let first: Vec<String> = (1..=20).map(|i| format!("s{i}")).collect();
    assert_eq!(listed, first, "the first 20 by start");
    let last = &v.reasons[20];
    assert_eq!((last.kind, last.severity, last.shift_id.as_deref()), (ReasonKind::Overlap, credgate::Severity::Block, None));
    assert_eq!(last.message, "and 2979 more overlapping shifts");

    let all = engine.validate();
    assert_eq!(all.verdicts.len(), K);
    assert!(all.verdicts.iter().all(|v| v.reasons.len() == 21 && summaries(v) == [(ReasonKind::Overlap, 2_979)]));
    assert_eq!(all.verdicts.iter().map(|v| v.reasons.len()).sum::<usize>(), K * 21);

    // Someone not on any of them, placed over them all: 20 listed, 2,980 more.
    let p = Placement { start: "2026-12-01T10:00:00Z".into(), end: "2026-12-01T11:00:00Z".into(), ..Placement::default() };
    assert_eq!(summaries(&engine.check_placement("e1", &p, None).unwrap()), [(ReasonKind::Overlap, 2_980)]);
    assert_eq!(engine.check("e2", "s0").unwrap().status, Status::Ok);

    // An override over the capped list logs what it overrode, the count included.
    let ov = credgate::Override { by: "m-3".into(), reason: "drill".into(), at: None };
    let r = engine.assign("e1", "extra", Some(&ov)).unwrap();
    assert!(r.applied);
    let entry: serde_json::Value = serde_json::from_str(&r.override_entry.unwrap().to_json()).unwrap();
    let overridden = entry["overridden"].as_array().unwrap();
    assert_eq!(overridden.len(), 21);
    assert_eq!(overridden[20]["more"], 2_980);
    assert!(overridden[..20].iter().all(|o| o.get("more").is_none()));

    // An edit among them completes, its findings bounded by the capped verdicts.
    let r = engine.unassign("e1", "s1500").unwrap();
    assert!(r.applied);
    assert!(r.created.len() + r.cleared.len() <= 2 * 21 * (K + 1), "{} findings", r.created.len() + r.cleared.len());
    assert!(r.cleared.iter().any(|f| f.shift_id == "s1500"));
    assert_eq!(engine.validate().verdicts.len(), K);
}

/// 3,000 scheduled trainings over one shift: 20 listed, one summary for the 2,980 others; the
/// overlap cap is separate (20 overlaps and their summary, then 20 trainings and theirs).
#[test]
fn three_thousand_trainings_over_one_shift_cap_their_reasons() {
    const K: usize = 3_000;
    let trainings: Vec<Value> = (0..K)
        .map(|i| json!({"id": format!("t{i}"), "employeeId": "e1", "start": "2026-12-01T06:00:00Z",
                         "end": "2026-12-01T08:00:00Z", "status": if i % 2 == 0 { "scheduled" } else { "cancelled" }}))
        .chain((0..K).map(|i| json!({"id": format!("u{i}"), "employeeId": "e1", "start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z"})))
        .collect();
    let shifts: Vec<Value> = (0..25)
        .map(|i| json!({"id": format!("s{i}"), "start": "2026-12-01T07:00:00Z", "end": "2026-12-01T19:00:00Z", "assigned": ["e1"]}))
        .collect();
    let engine = load(&json!({"employees": [{"id": "e1"}], "shifts": shifts}), &json!({"trainings": trainings}));
    let v = engine.check("e1", "s0").unwrap();
    // 1,500 scheduled of the first kind and 3,000 of the second overlap it; cancelled ones do not count.
    assert_eq!(summaries(&v), [(ReasonKind::Overlap, 4), (ReasonKind::InTraining, 4_500 - 20)]);
    let kinds: Vec<ReasonKind> = v.reasons.iter().map(|r| r.kind).collect();
    let want: Vec<ReasonKind> = std::iter::repeat_n(ReasonKind::Overlap, 21).chain(std::iter::repeat_n(ReasonKind::InTraining, 21)).collect();
    assert_eq!(kinds, want);
    assert_eq!(v.reasons[41].message, "and 4480 more overlapping training sessions");
    assert_eq!(v.reasons[41].training_id, None);
    assert!(v.reasons[21..41].iter().all(|r| r.training_id.as_deref().is_some_and(|t| t.starts_with('t'))), "by start: the 06:00 sessions first");
    let all = engine.validate();
    assert_eq!(all.verdicts.iter().map(|v| v.reasons.len()).sum::<usize>(), 25 * 42);
}

// ---------------------------------------------------------------------------------------------
// 10 MB strings

/// A long value in every kind of place a load problem quotes: dates, enumerations, codes,
/// references, keys, numbers. 10 MB values in one place of each kind (each kind is quoted by its
/// own code), 64 KB ones everywhere else (to keep the debug build's parsing short). Every message
/// stays under 1,000 characters. (Paths name the record exactly, so a long key is in its path,
/// as `tests/corpus/load/41-*` shows.)
#[test]
fn ten_megabyte_strings_make_short_messages() {
    let x = "x".repeat(10 << 20);
    let n = "1".repeat(10 << 20);
    let y = "y".repeat(64 << 10);
    let m = "2".repeat(64 << 10);
    let roster = format!(
        r#"{{"rules": {{"overlap": "{y}", "minRestHours": {m}}}, "{y}": 1,
            "locations": [{{"id": "l1", "jurisdiction": "{y}"}}],
            "employees": [{{"id": "e1", "teamId": "{y}", "locationId": "{y}", "roleIds": ["{y}"]}}],
            "shifts": [{{"id": "s1", "start": "{y}", "end": "2026-12-01T19:00:00Z", "locationId": "{y}", "roleId": "{y}",
                         "queueIds": ["{y}"], "assigned": ["{x}"], "requires": {{"any": ["{y}"]}}, "crew": [{{"requires": "{y}", "min": {m}}}]}}]}}"#
    );
    let credentials = format!(
        r#"{{"credentialTypes": [{{"code": "A", "satisfies": ["{x}"], "graceDays": {n}}}],
            "credentials": [{{"id": "c1", "employeeId": "{y}", "code": "{y}", "validFrom": "{y}", "validUntil": "{x}",
                              "status": "{x}", "restrictions": ["{y}"], "validIn": ["{y}"]}}],
            "waivers": [{{"id": "w1", "employeeId": "e1", "code": "A", "validFrom": "{y}", "validUntil": "2026-12-31",
                          "approvedBy": "{y}", "reason": "{y}", "locationIds": ["{y}"]}}],
            "trainings": [{{"id": "t1", "employeeId": "e1", "code": "{y}", "start": "{y}", "end": "{y}", "status": "{y}"}}]}}"#
    );
    let err = Engine::load(&roster, &credentials).unwrap_err();
    assert!(err.problems().len() >= 15, "{}", err.problems().len());
    for p in err.problems() {
        assert!(p.message.chars().count() < 1000, "{}: a message of {} bytes", p.path, p.message.len());
    }
    // Warnings too: a document that loads, with 10 MB references that only warn.
    let roster = format!(r#"{{"employees": [{{"id": "e1", "teamId": "{x}", "roleIds": ["{x}"]}}]}}"#);
    let credentials = format!(r#"{{"credentials": [{{"id": "c1", "employeeId": "{x}", "code": "{x}", "validUntil": null}}]}}"#);
    let loaded = Engine::load(&roster, &credentials).unwrap();
    assert_eq!(loaded.warnings.len(), 4);
    for w in &loaded.warnings {
        assert!(w.message.chars().count() < 1000, "{}: a warning of {} bytes", w.path, w.message.len());
    }
}

/// 10 MB of user text that loads: a waiver's `reason` and `approvedBy`, record, shift and
/// training ids, a code and its name, a role and an employee name, a jurisdiction. Each
/// verdict, audit and error message quotes at most 80 characters of each (cut on a character
/// boundary, with `…`); the structured fields keep the whole value.
#[test]
fn ten_megabyte_text_is_cut_in_verdict_and_error_messages() {
    let big = |c: &str| c.repeat(10 << 20);
    // Multi-byte characters, so a cut on a byte count would split one.
    let (reason, by, sid, tid, cid, code, j) = (big("é"), big("b"), big("s"), big("t"), big("c"), big("K"), big("j"));
    let roster = json!({
        "locations": [{"id": "l1", "jurisdiction": j}],
        "roles": [{"id": "r1", "name": big("r")}],
        "employees": [{"id": "e1", "name": big("n"), "roleIds": []}],
        "shifts": [
            {"id": "s1", "start": "2026-12-01T07:00:00Z", "end": "2026-12-01T19:00:00Z", "locationId": "l1", "roleId": "r1",
             "requires": {"all": ["W", "J", code.clone()]}, "assigned": ["e1"]},
            {"id": sid, "start": "2026-12-01T08:00:00Z", "end": "2026-12-01T09:00:00Z", "assigned": ["e1"]}]
    });
    let credentials = json!({
        "credentialTypes": [{"code": "W"}, {"code": "J", "jurisdictional": true}, {"code": code, "name": big("m")}],
        "credentials": [{"id": cid, "employeeId": "e1", "code": "J", "validUntil": null, "validIn": ["X"]}],
        "waivers": [{"id": "w1", "employeeId": "e1", "code": "W", "validFrom": "2026-11-01", "validUntil": "2026-12-31",
                     "approvedBy": by, "reason": reason}],
        "trainings": [{"id": tid, "employeeId": "e1", "start": "2026-12-01T06:00:00Z", "end": "2026-12-01T08:00:00Z"}]
    });
    let engine = load(&roster, &credentials);
    let v = engine.check("e1", "s1").unwrap();
    let kinds: Vec<_> = v.reasons.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [ReasonKind::Waived, ReasonKind::WrongJurisdiction, ReasonKind::Missing, ReasonKind::NotInRole, ReasonKind::Overlap, ReasonKind::InTraining]
    );
    for r in &v.reasons {
        assert!(r.message.chars().count() < 1000, "{:?}: a message of {} bytes", r.kind, r.message.len());
    }
    let waived = &v.reasons[0];
    assert_eq!(waived.message, format!("W waived by {}… until 31 Dec: {}…", "b".repeat(80), "é".repeat(80)));
    assert_eq!(waived.waiver_id.as_deref(), Some("w1"));
    assert_eq!(v.reasons[1].credential_id.as_deref(), Some(cid.as_str()), "the structured field stays whole");
    assert_eq!(v.reasons[1].jurisdiction.as_deref(), Some(j.as_str()));
    assert_eq!(v.reasons[2].code.as_deref(), Some(code.as_str()));
    assert_eq!(v.reasons[4].shift_id.as_deref(), Some(sid.as_str()));
    assert_eq!(v.reasons[5].training_id.as_deref(), Some(tid.as_str()));
    // The same on the other side of the long overlap, in validate and in the audit.
    for v in engine.validate().verdicts {
        assert!(v.reasons.iter().all(|r| r.message.len() < 1000));
    }
    let audit = engine.audit("2026-12-01T08:00:00Z").unwrap();
    assert!(!audit.findings.is_empty());
    assert!(audit.findings.iter().all(|f| f.message.chars().count() < 1000), "an audit message is long");

    // Errors: unknown ids and codes in arguments.
    let long = big("é");
    let errors = [
        engine.check(&long, "s1").unwrap_err(),
        engine.check("e1", &long).unwrap_err(),
        engine.holders(&long, "2026-12-01T08:00:00Z").unwrap_err(),
        engine
            .check_placement("e1", &Placement { start: "2026-12-01T07:00:00Z".into(), end: "2026-12-01T08:00:00Z".into(), location_id: Some(long.clone()), ..Placement::default() }, None)
            .unwrap_err(),
    ];
    for e in &errors {
        let text = e.to_string();
        assert!(text.chars().count() < 200, "an error of {} bytes", text.len());
        assert!(text.ends_with(&format!("\"{}…\"", "é".repeat(80))), "{text}");
        for p in e.problems() {
            assert!(p.message.chars().count() < 200 && p.path.len() < 200);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 100,000 bad records

/// 100,000 credentials each with a bad `validUntil`, and 100,000 shifts each naming an unknown
/// employee: all 200,000 problems reported, each in a few hundred bytes (so memory stays
/// proportional to the input). And 100,000 records for unknown employees: a load with 100,000
/// warnings.
#[test]
fn a_hundred_thousand_bad_records_are_all_reported() {
    const N: usize = 100_000;
    let creds: Vec<String> = (0..N).map(|i| format!(r#"{{"id": "c{i}", "employeeId": "e1", "code": "A", "validUntil": "2026-13-{:02}"}}"#, i % 28 + 1)).collect();
    let shifts: Vec<String> =
        (0..N).map(|i| format!(r#"{{"id": "s{i}", "start": "2026-12-01T07:00:00Z", "end": "2026-12-01T19:00:00Z", "assigned": ["nobody{i}"]}}"#)).collect();
    let credentials = format!(r#"{{"credentialTypes": [{{"code": "A"}}], "credentials": [{}]}}"#, creds.join(","));
    let roster = format!(r#"{{"employees": [{{"id": "e1"}}], "shifts": [{}]}}"#, shifts.join(","));
    let err = Engine::load(&roster, &credentials).unwrap_err();
    assert_eq!(err.problems().len(), 2 * N);
    let bytes: usize = err.problems().iter().map(|p| p.path.len() + p.message.len()).sum();
    assert!(bytes < 2 * N * 200, "{bytes} bytes of problems");
    assert_eq!(err.problems().iter().filter(|p| p.path.ends_with(".validUntil")).count(), N);
    assert_eq!(err.problems().iter().filter(|p| p.path.contains(".assigned[0]")).count(), N);
    assert_eq!(err.problems()[N - 1].path, format!("shifts[{}].assigned[0]", N - 1));

    let creds: Vec<String> = (0..N).map(|i| format!(r#"{{"id": "c{i}", "employeeId": "ghost{i}", "code": "A", "validUntil": null}}"#)).collect();
    let credentials = format!(r#"{{"credentialTypes": [{{"code": "A"}}], "credentials": [{}]}}"#, creds.join(","));
    let loaded = Engine::load(r#"{"employees": [{"id": "e1"}]}"#, &credentials).unwrap();
    assert_eq!(loaded.warnings.len(), N);
    assert!(loaded.warnings.iter().all(|w| w.message.len() < 200));
}

// ---------------------------------------------------------------------------------------------
// The ends of the accepted range

/// Years 0000 and 9999, offsets +14:00 and -12:00, `graceDays` and `alertDays` of 1,000,000:
/// the verdicts are right and nothing overflows (these tests run with overflow checks).
#[test]
fn instants_at_the_ends_of_the_range() {
    let credentials = json!({
        "credentialTypes": [
            {"code": "LONG", "graceDays": 1_000_000, "alertDays": [1_000_000]},
            {"code": "SHORT", "alertDays": [0, 1]},
            {"code": "LIC", "jurisdictional": true}
        ],
        "credentials": [
            // Valid through the last day of year 9999 wherever the shift is worked.
            {"id": "all-time", "employeeId": "e1", "code": "SHORT", "validFrom": "0000-01-01", "validUntil": "9999-12-31"},
            // Expired at the start of year 7300 (+14:00); 1,000,000 days of grace (2,737 years)
            // reach past 9999.
            {"id": "ancient", "employeeId": "e1", "code": "LONG", "validUntil": "7300-01-01T00:00:00+14:00"},
            // Expires in year 2000: within 1,000,000 alert days of a shift in year 0000.
            {"id": "mid", "employeeId": "e2", "code": "LONG", "validUntil": "2000-01-01"},
            {"id": "lic", "employeeId": "e1", "code": "LIC", "validFrom": "0000-01-01T00:00:00+14:00", "validUntil": "9999-12", "validIn": ["X"]}
        ],
        "waivers": [{"id": "w", "employeeId": "e2", "code": "SHORT", "validFrom": "0000-01-01", "validUntil": "9999-12-31", "approvedBy": "m", "reason": "always"}],
        "trainings": [{"id": "t", "employeeId": "e2", "start": "9999-12-31T20:00:00-12:00", "end": "9999-12-31T23:59:59.999-12:00"}]
    });
    let roster = json!({
        "locations": [{"id": "x", "jurisdiction": "X"}],
        "employees": [{"id": "e1"}, {"id": "e2"}],
        "rules": {"minRestHours": 1_000_000},
        "shifts": [
            {"id": "first", "start": "0000-01-01T00:00:00+14:00", "end": "0000-01-01T08:00:00+14:00", "locationId": "x",
             "requires": {"all": ["SHORT", "LIC"]}, "assigned": ["e1", "e2"]},
            {"id": "last", "start": "9999-12-31T14:00:00-12:00", "end": "9999-12-31T23:59:59.999-12:00", "locationId": "x",
             "requires": {"all": ["SHORT", "LIC", "LONG"]}, "assigned": ["e1", "e2"]},
            {"id": "leap-0000", "start": "0000-02-29T22:00:00-12:00", "end": "0000-03-01T06:00:00-12:00", "requires": "LONG"}
        ]
    });
    let mut engine = load(&roster, &credentials);
    // The first shift starts at 0000-01-01 00:00 local, exactly where validFrom begins (read in
    // the shift's offset). The next assigned shift is 10,000 years later: more rest than even
    // 1,000,000 hours (114 years).
    assert_eq!(kinds(&engine, "e1", "first"), (Status::Ok, vec![]));
    // The last ends on the last valid day (info notes), and 1,000,000 days of grace cover it.
    let v = engine.check("e1", "last").unwrap();
    let got: Vec<ReasonKind> = v.reasons.iter().map(|r| r.kind).collect();
    assert_eq!(got, [ReasonKind::ExpiringSoon, ReasonKind::ExpiringSoon, ReasonKind::InGrace], "{v:#?}");
    assert_eq!((v.status, v.reasons[0].days_left, v.reasons[1].days_left), (Status::Warn, Some(0), Some(0)));
    let grace = &v.reasons[2];
    assert_eq!(grace.at.as_deref(), Some("7299-12-30T22:00:00-12:00"));
    assert!(grace.days_left.unwrap() < -900_000, "{:?}", grace.days_left);
    // Someone else: a waiver through year 9999, no LIC, a LONG that expired in 2000, a training
    // at the very end of the range.
    let got: Vec<ReasonKind> = engine.check("e2", "last").unwrap().reasons.iter().map(|r| r.kind).collect();
    assert_eq!(got, [ReasonKind::Waived, ReasonKind::Missing, ReasonKind::Expired, ReasonKind::InTraining]);
    // A leap day in year 0000 (divisible by 400): 60 days after the first shift, under
    // 1,000,000 hours of rest; a record expiring 2,000 years later is within 1,000,000 alert days.
    let v = engine.check("e1", "leap-0000").unwrap();
    assert_eq!(v.reasons.iter().map(|r| r.kind).collect::<Vec<_>>(), [ReasonKind::RestTooShort]);
    let v = engine.check("e2", "leap-0000").unwrap();
    assert_eq!(v.reasons.iter().map(|r| r.kind).collect::<Vec<_>>(), [ReasonKind::ExpiringSoon, ReasonKind::RestTooShort]);
    assert!(v.reasons[0].days_left.unwrap() > 700_000, "{v:#?}");
    // Every report at both ends, with the widest windows and horizons.
    for at in ["0000-01-01T00:00:00+14:00", "9999-12-31T23:59:59.999-12:00", "0000-01-01T00:00:00-23:59", "9999-12-31T23:59:59.999+23:59"] {
        engine.alerts(at, None).unwrap();
        engine.alerts(at, Some(u32::MAX)).unwrap();
        engine.audit(at).unwrap();
        for code in ["LONG", "SHORT", "LIC"] {
            engine.holders(code, at).unwrap();
        }
        let _ = engine.report_html(at, &Default::default());
    }
    let alerts = engine.alerts("0000-01-01T00:00:00+14:00", Some(u32::MAX)).unwrap();
    assert!(alerts.iter().any(|a| a.credential_id == "all-time" && a.days_left > 3_000_000), "{alerts:#?}");
    for g in [GroupBy::Location, GroupBy::Team] {
        engine.gaps("9999-01-02T00:00:00Z", "9999-12-31T23:59:59.999-12:00", g).unwrap();
        engine.gaps("0000-01-01T00:00:00+14:00", "0000-12-30T00:00:00-12:00", g).unwrap();
    }
    // Placements, moves and the export at the ends.
    let p = Placement { start: "9999-12-31T23:00:00-12:00".into(), end: "9999-12-31T23:59:60-12:00".into(), ..Placement::default() };
    let v = engine.check_placement("e1", &p, None).unwrap();
    assert_eq!(v.reasons.iter().map(|r| r.kind).collect::<Vec<_>>(), [ReasonKind::Overlap]);
    let r = engine.move_shift("leap-0000", "0000-01-01T00:00:00+14:00", "0000-01-08T00:00:00+14:00", None).unwrap();
    assert!(r.applied);
    let r = engine.move_shift("first", "9999-12-24T23:59:59.999-12:00", "9999-12-31T23:59:59.999-12:00", Some(&credgate::Override { by: "m".into(), reason: "test".into(), at: Some("9999-12-31T23:59:59.999+14:00".into()) })).unwrap();
    assert!(r.applied);
    round_trips(&engine);
}

// ---------------------------------------------------------------------------------------------
// Leap days and leap seconds

#[test]
fn leap_days_and_leap_seconds_in_shifts() {
    let credentials = json!({
        "credentialTypes": [{"code": "BLS", "alertDays": []}],
        "credentials": [
            {"id": "feb", "employeeId": "e1", "code": "BLS", "validUntil": "2028-02"},
            {"id": "leap-day", "employeeId": "e2", "code": "BLS", "validUntil": "2028-02-29"},
            {"id": "year-end", "employeeId": "e3", "code": "BLS", "validUntil": "2016-12-31"}
        ]
    });
    let roster = json!({
        "employees": [{"id": "e1"}, {"id": "e2"}, {"id": "e3"}],
        "rules": {"minRestHours": 8},
        "shifts": [
            {"id": "on-leap-day", "start": "2028-02-29T07:00:00-06:00", "end": "2028-02-29T19:00:00-06:00", "requires": "BLS"},
            {"id": "across", "start": "2028-02-29T19:00:00-06:00", "end": "2028-03-01T07:00:00-06:00", "requires": "BLS"},
            // Ends at the leap second of 2016: read as 23:59:59.999, inside 31 December.
            {"id": "to-leap-second", "start": "2016-12-31T15:00:00Z", "end": "2016-12-31T23:59:60Z", "requires": "BLS", "assigned": ["e3"]},
            {"id": "from-leap-second", "start": "2016-12-31T23:59:60Z", "end": "2017-01-01T08:00:00Z", "requires": "BLS"},
            {"id": "next-day", "start": "2017-01-01T00:00:00Z", "end": "2017-01-01T08:00:00Z", "assigned": ["e3"]}
        ]
    });
    let mut engine = load(&roster, &credentials);
    assert_eq!(kinds(&engine, "e1", "on-leap-day"), (Status::Ok, vec![]), "the month 2028-02 runs through its 29th day");
    assert_eq!(kinds(&engine, "e2", "on-leap-day"), (Status::Ok, vec![]));
    let v = engine.check("e1", "across").unwrap();
    assert_eq!(v.reasons[0].kind, ReasonKind::ExpiresDuringShift);
    assert_eq!(v.reasons[0].at.as_deref(), Some("2028-03-01T00:00:00-06:00"));
    assert_eq!(engine.check("e2", "across").unwrap().reasons[0].at.as_deref(), Some("2028-03-01T00:00:00-06:00"));
    // The card valid through 31 Dec 2016 covers a shift ending at the leap second, not one
    // starting at it; the shift after the leap second is 1 ms later: rest, not overlap.
    assert_eq!(kinds(&engine, "e3", "to-leap-second").1, [ReasonKind::RestTooShort]);
    let v = engine.check("e3", "from-leap-second").unwrap();
    assert_eq!(v.reasons.iter().map(|r| r.kind).collect::<Vec<_>>(), [ReasonKind::ExpiresDuringShift, ReasonKind::Overlap, ReasonKind::RestTooShort]);
    assert_eq!(v.reasons[0].at.as_deref(), Some("2017-01-01T00:00:00Z"));
    let rest = &engine.check("e3", "next-day").unwrap().reasons[0];
    assert_eq!((rest.kind, rest.rest_hours), (ReasonKind::RestTooShort, Some(1.0 / 3_600_000.0)));
    // 29 February of a year that has none is an error; so is a leap second at another minute.
    for (start, end) in [("2027-02-29T07:00:00Z", "2027-03-01T07:00:00Z"), ("2016-12-31T23:58:60Z", "2017-01-01T07:00:00Z"), ("2100-02-29T07:00:00Z", "2100-03-01T07:00:00Z")] {
        assert!(engine.move_shift("on-leap-day", start, end, None).is_err(), "{start}");
    }
    // Moving a shift onto a leap second and back through export.
    let r = engine.move_shift("on-leap-day", "2016-12-31T23:59:60+00:00", "2017-01-01T01:00:00Z", None).unwrap();
    assert!(r.applied);
    let x = engine.export();
    let moved = x.roster.get("shifts").and_then(|s| match s {
        credgate::Value::Array(items) => items.first().cloned(),
        _ => None,
    });
    assert_eq!(moved.unwrap().get("start").and_then(|v| v.as_str()), Some("2016-12-31T23:59:59.999Z"));
    round_trips(&engine);
}

// ---------------------------------------------------------------------------------------------
// Ids

/// An escaped NUL inside an id is an ordinary character: `a\u0000b` and `a` are two employees
/// (no C-string truncation anywhere), checks and edits find them, the export writes the NUL
/// escaped, and the reload gives the same verdicts. Ids named like JavaScript's object
/// internals are ordinary ids too.
#[test]
fn nul_and_prototype_names_in_ids() {
    let nul = "a\u{0}b";
    let credentials = json!({
        "credentialTypes": [{"code": "__proto__"}, {"code": "BLS\u{0}", "satisfies": ["__proto__"]}],
        "credentials": [{"id": "c\u{0}", "employeeId": nul, "code": "BLS\u{0}", "validUntil": null},
                        {"id": "constructor", "employeeId": "toString", "code": "__proto__", "validUntil": "2026-01-01"}]
    });
    let roster = json!({
        "employees": [{"id": "a"}, {"id": nul}, {"id": "toString"}, {"id": "hasOwnProperty"}, {"id": "__proto__"}],
        "shifts": [{"id": "\u{0}", "start": "2026-12-01T07:00:00Z", "end": "2026-12-01T19:00:00Z", "requires": "__proto__", "assigned": [nul, "__proto__"]}]
    });
    let mut engine = load(&roster, &credentials);
    assert_eq!(engine.employee_ids().count(), 5);
    assert_eq!(kinds(&engine, nul, "\u{0}"), (Status::Ok, vec![]));
    assert_eq!(kinds(&engine, "a", "\u{0}"), (Status::Block, vec![ReasonKind::Missing]));
    assert_eq!(kinds(&engine, "toString", "\u{0}"), (Status::Block, vec![ReasonKind::Expired]));
    assert_eq!(engine.check(nul, "\u{0}").unwrap().evidence[0].credential_id.as_deref(), Some("c\u{0}"));
    assert!(engine.check("a\u{0}", "\u{0}").is_err(), "a\\u0000 is not a\\u0000b");
    let c = engine.candidates("\u{0}").unwrap();
    assert_eq!(c[0].employee_id, nul);
    assert!(engine.unassign("__proto__", "\u{0}").unwrap().applied);
    let x = engine.export();
    assert!(x.roster.to_json().contains(r#""a\u0000b""#), "the export escapes the NUL: {}", x.roster.to_json());
    round_trips(&engine);
}

// ---------------------------------------------------------------------------------------------
// The CLI

fn cli(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_credgate")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

/// Invalid UTF-8 in a document file, and in an argument: exit 2 with a message that says so
/// (not a panic, and nothing on stdout).
#[cfg(unix)]
#[test]
fn invalid_utf8_through_the_cli() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = std::env::temp_dir().join(format!("credgate-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, b"{\"employees\": [{\"id\": \"e\xff\xfe1\"}]}").unwrap();
    let out = cli(&[OsStr::new("validate"), OsStr::new("--roster"), bad.as_os_str(), OsStr::new("--credentials"), OsStr::new("www/data/credentials.json")]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not UTF-8 (invalid byte at offset 24)"), "{stderr}");
    assert!(out.stdout.is_empty());

    let out = cli(&[
        OsStr::new("check"),
        OsStr::new("--roster"),
        OsStr::new("www/data/roster.json"),
        OsStr::new("--credentials"),
        OsStr::new("www/data/credentials.json"),
        OsStr::new("--employee"),
        OsStr::from_bytes(b"e\xff1"),
        OsStr::new("--shift"),
        OsStr::new("s1"),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("error: argument 7 is not valid UTF-8"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.stdout.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}
