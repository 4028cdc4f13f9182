//! Regression tests: one per defect found by fuzzing (scripts/fuzz.sh) or by the hostile-input
//! suite, each named after what it fixed. Each test says what went wrong and where the
//! fix is; the inputs are the smallest that showed it.

use credgate::{Engine, Status};

fn load(roster: &str, credentials: &str) -> Engine {
    match Engine::load(roster, credentials) {
        Ok(l) => l.engine,
        Err(e) => panic!("{e}"),
    }
}

/// A number's text is kept exactly as written, so a document may hold a number 10 MB long. The
/// messages about `graceDays`, `alertDays`, crew `min` and `minRestHours` quoted it whole: one
/// 10 MB message per field. They now quote at most 80 characters and an ellipsis
/// (src/load.rs, `num`).
#[test]
fn a_ten_megabyte_number_makes_a_short_message() {
    let digits = "1".repeat(10 << 20);
    let big_finite = format!("2000000.{}", "0".repeat(10 << 20)); // finite, whole, too large
    let roster = format!(
        r#"{{"rules": {{"minRestHours": {digits}}}, "shifts": [{{"id": "s", "start": "2026-01-01T00:00:00Z",
            "end": "2026-01-01T08:00:00Z", "crew": [{{"requires": "A", "min": {big_finite}}}]}}]}}"#
    );
    let credentials = format!(r#"{{"credentialTypes": [{{"code": "A", "graceDays": -{digits}, "alertDays": [{digits}.5, {big_finite}]}}]}}"#);
    let err = Engine::load(&roster, &credentials).unwrap_err();
    let mut paths: Vec<&str> = err.problems().iter().map(|p| p.path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(paths, ["credentialTypes[0].alertDays[0]", "credentialTypes[0].alertDays[1]", "credentialTypes[0].graceDays", "rules.minRestHours", "shifts[0].crew[0].min"]);
    for p in err.problems() {
        assert!(p.message.chars().count() < 200, "{}: a message of {} characters", p.path, p.message.len());
        assert!(p.message.contains("111111") || p.message.contains("2000000.000"), "{}: the message still shows the number's start: {}", p.path, p.message);
        assert!(p.message.contains('…'), "{}: the message shows the number was cut: {}", p.path, p.message);
    }
    // A short number is still quoted whole.
    let err = Engine::load("{}", r#"{"credentialTypes": [{"code": "A", "graceDays": 2.5}]}"#).unwrap_err();
    assert_eq!(err.problems()[0].message, "expected a whole number of at least 0, found 2.5");
}

/// The findings an edit creates and clears were found by comparing every finding before the
/// edit with every finding after it: quadratic in their number. 500 people on a shift that
/// requires 40 codes none of them holds have 20,000 `missing` findings, and unassigning one of
/// them compared 20,000 x 20,000 findings twice (an employee with k mutually overlapping shifts
/// has k² findings, so one unassign among 200 such shifts took 47 s in release). The findings are
/// now found by binary search among the findings sorted by the fields that tell them apart
/// (src/engine.rs, `diff`). Quadratic would take minutes here in a debug build; n log n takes
/// a moment.
#[test]
fn edit_findings_diff_is_not_quadratic_in_the_findings() {
    let codes: Vec<String> = (0..40).map(|i| format!("C{i}")).collect();
    let types: Vec<String> = codes.iter().map(|c| format!(r#"{{"code": "{c}"}}"#)).collect();
    let credentials = format!(r#"{{"credentialTypes": [{}]}}"#, types.join(","));
    let people: Vec<String> = (0..500).map(|i| format!("e{i}")).collect();
    let employees: Vec<String> = people.iter().map(|e| format!(r#"{{"id": "{e}"}}"#)).collect();
    let roster = format!(
        r#"{{"employees": [{}], "shifts": [{{"id": "s", "start": "2026-12-01T07:00:00-06:00", "end": "2026-12-01T19:00:00-06:00",
            "requires": {{"all": {}}}, "assigned": {}}}]}}"#,
        employees.join(","),
        serde_json::to_string(&codes).unwrap(),
        serde_json::to_string(&people).unwrap()
    );
    let mut engine = load(&roster, &credentials);
    let v = engine.validate();
    assert_eq!(v.verdicts.len(), 500);
    assert_eq!(v.verdicts.iter().map(|v| v.reasons.len()).sum::<usize>(), 20_000);
    let r = engine.unassign("e250", "s").unwrap();
    assert!(r.applied);
    // The 40 `missing` findings of the person removed are cleared; nobody else's change.
    assert_eq!(r.cleared.len(), 40);
    assert!(r.cleared.iter().all(|f| f.employee_id.as_deref() == Some("e250")));
    assert!(r.created.is_empty());
    let r = engine.assign("e250", "s", Some(&credgate::Override { by: "m-3".into(), reason: "drill".into(), at: None })).unwrap();
    assert!(r.applied);
    assert_eq!((r.created.len(), r.cleared.len()), (40, 0));
    assert_eq!(engine.check("e250", "s").unwrap().status, Status::Block);
}
