//! Snapshots (SPEC §6): an engine rebuilt by `Engine::from_snapshot` answers exactly like the
//! engine that wrote it, on the random documents of `generate` (the generator of
//! `properties`), as loaded and after random edits (assign, unassign, removals, puts).
//!
//! Compared: `check` of every employee and shift, `status`, `candidates`, `validate`, `audit`,
//! `alerts`, `holders`, `standing`, `export`, the load's warnings and the change log; and a
//! snapshot of the rebuilt engine is the same bytes.

use crate::generate::*;
use credgate::{Engine, Override};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(128);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

fn load(g: &Gen) -> Engine {
    let (roster, creds) = build(g);
    match Engine::load(&roster.to_string(), &creds.to_string()) {
        Ok(l) => l.engine,
        Err(e) => panic!("generated documents did not load:\n{e}\nroster: {roster:#}\ncredentials: {creds:#}"),
    }
}

fn rebuilt(engine: &Engine) -> Result<Engine, TestCaseError> {
    Engine::from_snapshot(&engine.snapshot()).map_err(|e| TestCaseError::fail(format!("the snapshot does not rebuild: {e}")))
}

/// `b` answers every question exactly as `a` does (`standing` included: it quotes a put
/// record's dates from its `put`, as the load of the export does).
fn alike(a: &Engine, b: &Engine) -> Result<(), TestCaseError> {
    prop_assert!(a.export() == b.export(), "export\n{}\n{}", a.export().roster.to_json(), b.export().roster.to_json());
    prop_assert_eq!(a.warnings(), b.warnings());
    prop_assert_eq!(a.change_log(), b.change_log());
    let live = |e: &Engine, ids: Vec<String>, employees: bool| -> Vec<String> {
        ids.into_iter().filter(|id| if employees { e.employee_index(id).is_some() } else { e.shift_index(id).is_some() }).collect()
    };
    let emps = live(a, a.employee_ids().map(str::to_string).collect(), true);
    let shifts = live(a, a.shift_ids().map(str::to_string).collect(), false);
    prop_assert_eq!(&live(b, b.employee_ids().map(str::to_string).collect(), true), &emps);
    prop_assert_eq!(&live(b, b.shift_ids().map(str::to_string).collect(), false), &shifts);
    for e in &emps {
        for s in &shifts {
            let (x, y) = (a.check(e, s).unwrap(), b.check(e, s).unwrap());
            prop_assert!(x == y, "check({}, {})\n{}\n{}", e, s, serde_json::to_string(&x).unwrap(), serde_json::to_string(&y).unwrap());
            let (bi, bs) = (b.employee_index(e).unwrap(), b.shift_index(s).unwrap());
            prop_assert_eq!(b.status(bi, bs), Some(x.status), "status({}, {})", e, s);
        }
        for at in ["2027-02-01T00:00:00-06:00", "2027-03-15T12:00:00Z"] {
            prop_assert_eq!(a.standing(e, at).ok(), b.standing(e, at).ok(), "standing({})", e);
        }
    }
    for s in &shifts {
        prop_assert_eq!(a.candidates(s).unwrap(), b.candidates(s).unwrap(), "candidates({})", s);
    }
    prop_assert_eq!(a.validate(), b.validate());
    let at = "2027-02-01T00:00:00-06:00";
    prop_assert_eq!(a.audit(at).unwrap().findings, b.audit(at).unwrap().findings);
    prop_assert_eq!(a.alerts(at, Some(400)).unwrap(), b.alerts(at, Some(400)).unwrap());
    for code in ["A", "B", "C", "D"] {
        prop_assert_eq!(a.holders(code, at).ok(), b.holders(code, at).ok(), "holders({})", code);
    }
    Ok(())
}

/// One edit, picked by numbers: assign or unassign a pair, remove an employee or a record,
/// put a record that renews someone.
fn edit(engine: &mut Engine, kind: u8, i: usize, j: usize) {
    let emps: Vec<String> = engine.employee_ids().filter(|id| engine.employee_index(id).is_some()).map(str::to_string).collect();
    let shifts: Vec<String> = engine.shift_ids().filter(|id| engine.shift_index(id).is_some()).map(str::to_string).collect();
    if emps.is_empty() || shifts.is_empty() {
        return;
    }
    let (e, s) = (&emps[i % emps.len()], &shifts[j % shifts.len()]);
    let ov = Override { by: "test".into(), reason: "snapshot property".into(), at: Some("2027-01-01T00:00:00Z".into()) };
    let ops = match kind % 5 {
        0 => {
            let _ = engine.assign(e, s, Some(&ov));
            return;
        }
        1 => {
            let _ = engine.unassign(e, s);
            return;
        }
        2 => format!(r#"[{{"op": "remove", "collection": "employees", "id": {}}}]"#, serde_json::json!(e)),
        3 => format!(r#"[{{"op": "put", "collection": "credentials", "record": {{"id": "new-{i}", "employeeId": {}, "code": "A", "validUntil": "2028-01-01", "extra": [1]}}}}]"#, serde_json::json!(e)),
        _ => format!(r#"[{{"op": "remove", "collection": "shifts", "id": {}}}]"#, serde_json::json!(s)),
    };
    let ops = credgate::Value::parse(&ops).unwrap();
    engine.apply_value(&ops, Some(&ov));
}

proptest! {
    #![proptest_config(config())]

    /// A loaded engine's snapshot answers like it, and writes the same bytes again.
    #[test]
    fn a_snapshot_answers_like_its_engine(g in gen()) {
        let engine = load(&g);
        let again = rebuilt(&engine)?;
        alike(&engine, &again)?;
        prop_assert!(again.snapshot() == engine.snapshot(), "a snapshot of the rebuilt engine differs");
    }

    /// After random edits (written as the load of the export), still.
    #[test]
    fn an_edited_engine_s_snapshot_answers_like_it(g in gen(), edits in proptest::collection::vec((0u8..5, 0usize..64, 0usize..64), 1..6)) {
        let mut engine = load(&g);
        for (k, i, j) in edits {
            edit(&mut engine, k, i, j);
        }
        let again = rebuilt(&engine)?;
        alike(&engine, &again)?;
    }
}

/// The sample documents hold sessions and trainings naming them (SPEC §7): a snapshot keeps
/// both, so its engine plans the same renewals, before and after a session is put and removed.
#[test]
fn a_snapshot_keeps_sessions_and_plans_alike() {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"));
    let mut engine = Engine::load(&read("www/data/roster.json"), &read("www/data/credentials.json")).unwrap_or_else(|e| panic!("{e}")).engine;
    let as_of = "2026-12-07T08:00:00-06:00";
    let plan = |e: &Engine| e.plan_renewals(as_of, Some(120), false).unwrap_or_else(|e| panic!("{e}"));
    let before = plan(&engine);
    assert!(!before.sessions.is_empty(), "the samples have sessions that renew needed codes");
    assert_eq!(plan(&Engine::from_snapshot(&engine.snapshot()).unwrap_or_else(|e| panic!("{e}"))), before);
    // An edited engine: one session removed.
    let removed = before.sessions[0].session_id.clone();
    let ops = credgate::Value::parse(&format!(r#"[{{"op": "remove", "collection": "sessions", "id": "{removed}"}}]"#)).unwrap();
    assert!(engine.apply_value(&ops, None).applied);
    let after = plan(&engine);
    assert!(after.sessions.iter().all(|s| s.session_id != removed));
    assert_eq!(plan(&Engine::from_snapshot(&engine.snapshot()).unwrap_or_else(|e| panic!("{e}"))), after);
}
