//! Property tests against the reference model, and atomic edits.
//!
//! Small random but valid document pairs, built to collide: a few credential types that satisfy
//! each other, validity bounds placed on and around shift boundaries in every form (date, month,
//! instant, `null`) and in offsets from -12:00 to +14:00, shifts across local midnight, exact
//! rest gaps, supervision, waivers, trainings. On each the engine is compared with a simple
//! reference implementation of SPEC §3 (`tests/reference`), and the edit operations are checked
//! for atomicity and for the findings they report.
//!
//! Properties:
//!
//! - `check(e, s)` equals the reference for every employee and shift: status, reasons in order
//!   (kind, severity, code, credential, waiver, shift, training, role, `daysLeft`), evidence;
//! - `validate()` equals the reference's non-ok assignments and crew shortfalls;
//! - `status(e, s)`, the allocation-free path, equals `check(e, s).status`;
//! - `check_placement` of a shift's own fields with `ignore_shift_id` equals `check` (no intended
//!   difference), and without it equals the reference's new-shift placement;
//! - after random edits, `Engine::load(export())` gives identical verdicts (and export), and the
//!   edited engine still equals the reference on its export;
//! - an edit that is refused or fails changes neither the export nor any verdict; one that
//!   applies reports as created/cleared exactly the change in all findings;
//! - assign then unassign restores every verdict, and the unassign clears what the assign created.
//!
//! Each property runs 256 cases (`PROPTEST_CASES` overrides). A failure prints the shrunk
//! documents and both verdicts. `generator_coverage` (ignored) prints what the generator reaches.


use credgate::{EditResult, Engine, Error, Finding, Override, Placement, Severity, Verdict};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use crate::reference::{self, days, format, RVerdict, Reference, DAY};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// The generator (tests/it/generate.rs): small random but valid documents.

use crate::generate::*;

// ---------------------------------------------------------------------------------------------
// Edits.

#[derive(Debug, Clone)]
struct EditG {
    kind: u8,
    emp: u8,
    shift: u8,
    time: TimeG,
    bad: u8,
    at: bool,
}

fn edit_g() -> impl Strategy<Value = EditG> {
    (0..10u8, 0..6u8, 0..8u8, time_g(), 0..5u8, any::<bool>()).prop_map(|(kind, emp, shift, time, bad, at)| EditG { kind, emp, shift, time, bad, at })
}

#[derive(Debug)]
enum Applied {
    Result(Box<EditResult>),
    Failed(Error),
}

/// Applies one generated edit; returns a description and what happened.
fn apply(engine: &mut Engine, g: &Gen, e: &EditG) -> (String, Applied) {
    let emps: Vec<String> = engine.employee_ids().map(str::to_string).collect();
    let shifts: Vec<String> = engine.shift_ids().map(str::to_string).collect();
    let emp = if e.emp >= 5 { "nobody".to_string() } else { emps[e.emp as usize % emps.len()].clone() };
    let shift = if e.shift >= 7 { "nowhere".to_string() } else { shifts[e.shift as usize % shifts.len()].clone() };
    let (by, bm, bd) = BASES[g.base as usize];
    let (start, end) = time_of(&e.time, days(by, bm, bd), g.primary);
    let (mut start, mut end) = (format(start.ms, start.off), format(end.ms, end.off));
    let good = Override { by: "m-3".into(), reason: "short-staffed".into(), at: e.at.then(|| "2027-01-01T00:00:00Z".to_string()) };
    let bad_override = match e.bad % 3 {
        0 => Override { by: " ".into(), ..good.clone() },
        1 => Override { reason: "".into(), ..good.clone() },
        _ => Override { at: Some("yesterday".into()), ..good.clone() },
    };
    // Long shifts (up to the 7-day limit) stress the engine's search windows.
    if matches!(e.kind, 6 | 7) && e.bad < 2 {
        let ms = reference::instant(&start).ms + if e.bad == 0 { 7 * DAY } else { 50 * 3_600_000 };
        end = format(ms, reference::instant(&end).off);
    }
    if e.kind == 8 {
        match e.bad {
            0 => start = "2027-02-30T08:00:00Z".into(),
            1 => start = start[..19].to_string(),
            2 => end = start.clone(),
            3 => end = format(reference::instant(&start).ms + 8 * DAY, 0),
            _ => std::mem::swap(&mut start, &mut end),
        }
    }
    let (what, r) = match e.kind {
        0 | 1 => (format!("assign({emp}, {shift})"), engine.assign(&emp, &shift, None)),
        2 => (format!("assign({emp}, {shift}, {good:?})"), engine.assign(&emp, &shift, Some(&good))),
        3 => (format!("assign({emp}, {shift}, {bad_override:?})"), engine.assign(&emp, &shift, Some(&bad_override))),
        4 | 5 => (format!("unassign({emp}, {shift})"), engine.unassign(&emp, &shift)),
        6 | 8 => (format!("move_shift({shift}, {start}, {end})"), engine.move_shift(&shift, &start, &end, None)),
        7 => (format!("move_shift({shift}, {start}, {end}, {good:?})"), engine.move_shift(&shift, &start, &end, Some(&good))),
        _ => (format!("move_shift({shift}, {start}, {end}, {bad_override:?})"), engine.move_shift(&shift, &start, &end, Some(&bad_override))),
    };
    (
        what,
        match r {
            Ok(r) => Applied::Result(Box::new(r)),
            Err(e) => Applied::Failed(e),
        },
    )
}

// ---------------------------------------------------------------------------------------------
// Helpers.

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(256)
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() }
}

fn load(roster: &Value, creds: &Value) -> Engine {
    match Engine::load(&roster.to_string(), &creds.to_string()) {
        Ok(l) => l.engine,
        Err(e) => panic!("generated documents did not load:\n{e}\nroster: {roster:#}\ncredentials: {creds:#}"),
    }
}

/// The engine's documents, as serde_json values.
fn exported(engine: &Engine) -> (Value, Value) {
    let x = engine.export();
    (serde_json::from_str(&x.roster.to_json()).unwrap(), serde_json::from_str(&x.credentials.to_json()).unwrap())
}

fn pairs(engine: &Engine) -> Vec<(String, String)> {
    let shifts: Vec<String> = engine.shift_ids().map(str::to_string).collect();
    engine.employee_ids().flat_map(|e| shifts.iter().map(move |s| (e.to_string(), s.clone()))).collect()
}

fn verdicts(engine: &Engine) -> Vec<Verdict> {
    pairs(engine).iter().map(|(e, s)| engine.check(e, s).unwrap()).collect()
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warn => "warn",
        Severity::Block => "block",
    }
}

/// Compares an engine verdict with the reference's: status, reasons in order (kind, severity,
/// code, credential, waiver, shift, training, role, days left where the kind has them) and
/// evidence in order.
fn diff(ev: &Verdict, rv: &RVerdict) -> Option<String> {
    if ev.status.as_str() != rv.status {
        return Some(format!("status {} != reference {}", ev.status.as_str(), rv.status));
    }
    if ev.reasons.len() != rv.reasons.len() {
        let a: Vec<_> = ev.reasons.iter().map(|r| (r.kind.as_str(), r.code.clone())).collect();
        let b: Vec<_> = rv.reasons.iter().map(|r| (r.kind, r.code.clone())).collect();
        return Some(format!("reasons {a:?} != reference {b:?}"));
    }
    for (i, (a, b)) in ev.reasons.iter().zip(&rv.reasons).enumerate() {
        let shift_ok = match &a.shift_id {
            None => b.shift_ids.is_empty(),
            Some(s) => b.shift_ids.contains(s),
        };
        let limit_ok = match &b.limit {
            None => a.limit_id.is_none(),
            Some((id, used, lo, hi, counted)) => {
                a.limit_id.as_deref() == Some(id.as_str())
                    && a.used == Some(*used)
                    && a.window_start.as_deref().map(|t| crate::reference::instant(t).ms) == Some(*lo)
                    && a.window_end.as_deref().map(|t| crate::reference::instant(t).ms) == Some(*hi)
                    && a.shift_ids.as_ref() == Some(counted)
            }
        };
        let days_ok = match b.kind {
            "expiringSoon" | "inGrace" | "expired" => a.days_left.map(i64::from) == b.days_left,
            _ => true,
        };
        if a.kind.as_str() != b.kind
            || severity(a.severity) != b.severity
            || a.code != b.code
            || a.credential_id != b.credential_id
            || a.waiver_id != b.waiver_id
            || !shift_ok
            || a.training_id != b.training_id
            || a.role_id != b.role_id
            || a.more.map(|n| n as usize) != b.more
            || !days_ok
            || !limit_ok
        {
            return Some(format!("reason {i}: {} != reference {b:?}", serde_json::to_string(a).unwrap()));
        }
    }
    let a: Vec<_> = ev.evidence.iter().map(|x| (x.code.clone(), x.credential_id.clone(), x.waiver_id.clone())).collect();
    let b: Vec<_> = rv.evidence.iter().map(|x| (x.code.clone(), x.credential_id.clone(), x.waiver_id.clone())).collect();
    if a != b {
        return Some(format!("evidence {a:?} != reference {b:?}"));
    }
    None
}

fn docs(roster: &Value, creds: &Value) -> String {
    format!("roster: {}\ncredentials: {}", serde_json::to_string_pretty(roster).unwrap(), serde_json::to_string_pretty(creds).unwrap())
}

fn fail(context: &str, roster: &Value, creds: &Value, ev: &Verdict, rv: Option<&RVerdict>, what: &str) -> TestCaseError {
    TestCaseError::fail(format!(
        "{context}: {what}\n{}\nengine verdict: {}\nreference verdict: {}",
        docs(roster, creds),
        serde_json::to_string_pretty(ev).unwrap(),
        rv.map_or("-".into(), |r| format!("{r:#?}"))
    ))
}

/// Checks every pair of the engine against the reference on the engine's own export.
fn engine_matches_reference(engine: &Engine, context: &str) -> Result<(), TestCaseError> {
    let (roster, creds) = exported(engine);
    let reference = Reference::new(roster.clone(), creds.clone());
    for (e, s) in pairs(engine) {
        let ev = engine.check(&e, &s).unwrap();
        let rv = reference.check(&e, &s);
        if let Some(d) = diff(&ev, &rv) {
            return Err(fail(&format!("{context}: check({e}, {s})"), &roster, &creds, &ev, Some(&rv), &d));
        }
    }
    Ok(())
}

/// Every warn and block reason of every assignment, and every crew shortfall, as findings.
fn all_findings(engine: &Engine) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in engine.shift_ids() {
        for e in engine.assigned(s).unwrap() {
            let v = engine.check(e, s).unwrap();
            for r in v.reasons {
                if r.severity == Severity::Info {
                    continue;
                }
                out.push(Finding::of_reason(s.to_string(), e.to_string(), r));
            }
        }
    }
    out.extend(engine.validate().findings);
    out
}

fn minus(a: &[Finding], b: &[Finding]) -> Vec<Finding> {
    a.iter().filter(|f| !b.contains(f)).cloned().collect()
}

fn same_set(a: &[Finding], b: &[Finding]) -> bool {
    a.iter().all(|f| b.contains(f)) && b.iter().all(|f| a.contains(f))
}

fn brief(fs: &[Finding]) -> Vec<String> {
    fs.iter().map(|f| format!("{} {}/{}: {}", f.kind.as_str(), f.shift_id, f.employee_id.as_deref().unwrap_or("-"), f.message)).collect()
}

fn placement_of(shift: &Value) -> Placement {
    let text = |k: &str| shift.get(k).and_then(Value::as_str).map(str::to_string);
    Placement {
        start: text("start").unwrap(),
        end: text("end").unwrap(),
        location_id: text("locationId"),
        team_id: text("teamId"),
        role_id: text("roleId"),
        queue_ids: shift.get("queueIds").and_then(Value::as_array).map_or(vec![], |a| a.iter().map(|q| q.as_str().unwrap().to_string()).collect()),
        requires: match shift.get("requires") {
            None | Some(Value::Null) => None,
            Some(r) => Some(credgate::Value::parse(&r.to_string()).unwrap()),
        },
    }
}

/// `check_placement` of each shift's own fields, ignoring the shift, is `check` of the shift.
/// Without `ignore_shift_id` it is a new shift beside the existing one: nobody on it to
/// supervise, and the existing shift counts for overlap and rest (as the reference says).
fn placements_match(engine: &Engine, context: &str) -> Result<(), TestCaseError> {
    let (roster, creds) = exported(engine);
    let reference = Reference::new(roster.clone(), creds.clone());
    for shift in roster["shifts"].as_array().unwrap() {
        let s = shift["id"].as_str().unwrap();
        let placement = placement_of(shift);
        let fresh = reference::Slot { coworkers: vec![], ignore: None, ..reference.slot_of(s) };
        for e in engine.employee_ids() {
            let got = engine.check_placement(e, &placement, None).unwrap();
            let want = reference.verdict(e, &fresh);
            if let Some(d) = diff(&got, &want) {
                return Err(fail(&format!("{context}: check_placement({e}, {placement:?}, None)"), &roster, &creds, &got, Some(&want), &d));
            }
            let want = engine.check(e, s).unwrap();
            let got = engine.check_placement(e, &placement, Some(s)).unwrap();
            if got != want {
                return Err(fail(
                    &format!("{context}: check_placement({e}, {placement:?}, Some({s}))"),
                    &roster,
                    &creds,
                    &want,
                    None,
                    &format!("differs from check: {}", serde_json::to_string_pretty(&got).unwrap()),
                ));
            }
        }
    }
    Ok(())
}

/// `status(e, s)` is `check(e, s).status`.
fn fast_path_matches(engine: &Engine, context: &str) -> Result<(), TestCaseError> {
    for (e, s) in pairs(engine) {
        let v = engine.check(&e, &s).unwrap();
        let (ei, si) = (engine.employee_index(&e).unwrap(), engine.shift_index(&s).unwrap());
        if engine.status(ei, si) != Some(v.status) {
            let (roster, creds) = exported(engine);
            return Err(fail(&format!("{context}: status({ei}, {si})"), &roster, &creds, &v, None, &format!("fast path says {:?}", engine.status(ei, si))));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(config())]

    /// check(e, s) agrees with the reference for every employee and shift.
    #[test]
    fn check_matches_the_reference(g in gen()) {
        let (roster, creds) = build(&g);
        let engine = load(&roster, &creds);
        let reference = Reference::new(roster.clone(), creds.clone());
        for (e, s) in pairs(&engine) {
            let ev = engine.check(&e, &s).unwrap();
            let rv = reference.check(&e, &s);
            if let Some(d) = diff(&ev, &rv) {
                return Err(fail(&format!("check({e}, {s})"), &roster, &creds, &ev, Some(&rv), &d));
            }
        }
    }

    /// validate() reports the reference's non-ok assignments and crew shortfalls, in roster order.
    #[test]
    fn validate_matches_the_reference(g in gen()) {
        let (roster, creds) = build(&g);
        let engine = load(&roster, &creds);
        let want = Reference::new(roster.clone(), creds.clone()).validate();
        let got = engine.validate();
        let ctx = || format!("{}\nengine: {}\nreference: {want:#?}", docs(&roster, &creds), serde_json::to_string_pretty(&got).unwrap());
        prop_assert_eq!(got.status.as_str(), want.status, "status\n{}", ctx());
        let a: Vec<_> = got.verdicts.iter().map(|v| (v.shift_id.clone().unwrap(), v.employee_id.clone())).collect();
        let b: Vec<_> = want.verdicts.iter().map(|(s, v)| (s.clone(), v.employee_id.clone())).collect();
        prop_assert_eq!(a, b, "non-ok assignments\n{}", ctx());
        for (ev, (_, rv)) in got.verdicts.iter().zip(&want.verdicts) {
            if let Some(d) = diff(ev, rv) {
                return Err(fail("validate", &roster, &creds, ev, Some(rv), &d));
            }
        }
        let a: Vec<_> = got.findings.iter().map(|f| (f.kind.as_str(), f.shift_id.clone(), u64::from(f.min.unwrap()), u64::from(f.count.unwrap()))).collect();
        let b: Vec<_> = want.findings.iter().map(|f| ("crewShortfall", f.shift_id.clone(), f.min, f.count)).collect();
        prop_assert_eq!(a, b, "crew findings\n{}", ctx());
    }

    /// status(e_idx, s_idx), the allocation-free path, is check(e, s).status.
    #[test]
    fn status_fast_path_matches_check(g in gen()) {
        let (roster, creds) = build(&g);
        fast_path_matches(&load(&roster, &creds), "fresh")?;
    }

    /// check_placement with a placement built from the shift's own fields, ignoring the shift,
    /// is check(e, s) (for the people on it, and as a hypothetical placement for the others).
    #[test]
    fn placement_of_a_shift_is_its_check(g in gen()) {
        let (roster, creds) = build(&g);
        placements_match(&load(&roster, &creds), "fresh")?;
    }

    /// After any sequence of edits: loading the export gives identical verdicts, the engine
    /// still agrees with the reference on its export, and the fast path and placements agree.
    #[test]
    fn export_reloads_to_identical_verdicts_after_edits(g in gen(), edits in prop::collection::vec(edit_g(), 0..8)) {
        let (roster, creds) = build(&g);
        let mut engine = load(&roster, &creds);
        let mut log = Vec::new();
        for e in &edits {
            let (what, r) = apply(&mut engine, &g, e);
            log.push(format!("{what} -> {}", match &r {
                Applied::Result(r) => format!("applied {} refused {}", r.applied, r.refused),
                Applied::Failed(e) => format!("error {e}"),
            }));
        }
        let context = format!("after edits {log:#?}");
        let x = engine.export();
        let reloaded = match Engine::load(&x.roster.to_json(), &x.credentials.to_json()) {
            Ok(l) => l.engine,
            Err(e) => return Err(TestCaseError::fail(format!("{context}: the export does not load: {e}\n{}", docs(&roster, &creds)))),
        };
        prop_assert_eq!(reloaded.export(), x.clone(), "{}: export of the reload differs", context);
        for (e, s) in pairs(&engine) {
            let a = engine.check(&e, &s).unwrap();
            let b = reloaded.check(&e, &s).unwrap();
            if a != b {
                let (r, c) = exported(&engine);
                return Err(fail(&format!("{context}: check({e}, {s}) after reload"), &r, &c, &a, None, &format!("reloaded: {}", serde_json::to_string_pretty(&b).unwrap())));
            }
        }
        engine_matches_reference(&engine, &context)?;
        fast_path_matches(&engine, &context)?;
        placements_match(&engine, &context)?;
    }

    /// An edit that is refused or fails changes nothing: the export and every verdict are as
    /// before. An edit that applies reports as created and cleared exactly the difference of
    /// all findings (every warn/block reason of every assignment, and crew shortfalls).
    #[test]
    fn edits_are_atomic_and_report_their_findings(g in gen(), edits in prop::collection::vec(edit_g(), 1..8)) {
        let (roster, creds) = build(&g);
        let mut engine = load(&roster, &creds);
        let mut log = Vec::new();
        for e in &edits {
            let before_export = engine.export();
            let before = verdicts(&engine);
            let before_findings = all_findings(&engine);
            let (what, r) = apply(&mut engine, &g, e);
            log.push(what.clone());
            let (r0, c0) = (serde_json::from_str::<Value>(&before_export.roster.to_json()).unwrap(), serde_json::from_str::<Value>(&before_export.credentials.to_json()).unwrap());
            let changed = match &r {
                Applied::Failed(_) => false,
                Applied::Result(r) => r.applied,
            };
            if !changed {
                let after_export = engine.export();
                prop_assert!(after_export == before_export, "{:?} did not apply ({:?}) but changed the export\n{}\nafter: {}",
                    log, r, docs(&r0, &c0), after_export.roster.to_json_pretty());
                let after = verdicts(&engine);
                for (a, b) in before.iter().zip(&after) {
                    if a != b {
                        return Err(fail(&format!("{log:?} did not apply ({r:?}) but changed a verdict"), &r0, &c0, a, None, &format!("after: {}", serde_json::to_string_pretty(b).unwrap())));
                    }
                }
                if let Applied::Result(r) = &r {
                    prop_assert!(r.created.is_empty() && r.cleared.is_empty(), "{:?} did not apply but reports findings {:?}", log, r);
                }
            } else if let Applied::Result(r) = &r {
                let after_findings = all_findings(&engine);
                let created = minus(&after_findings, &before_findings);
                let cleared = minus(&before_findings, &after_findings);
                prop_assert!(same_set(&r.created, &created) && same_set(&r.cleared, &cleared),
                    "{:?}: reported created {:#?}\ncleared {:#?}\nbut all findings changed by created {:#?}\ncleared {:#?}\n{}",
                    log, brief(&r.created), brief(&r.cleared), brief(&created), brief(&cleared), docs(&r0, &c0));
            }
        }
    }

    /// An applied assign followed by unassign restores every verdict, and the unassign clears
    /// what the assign created (and creates what it cleared).
    #[test]
    fn assign_then_unassign_restores_every_verdict(g in gen(), pick in 0..64usize, with_override in any::<bool>()) {
        let (roster, creds) = build(&g);
        let mut engine = load(&roster, &creds);
        let free: Vec<(String, String)> = pairs(&engine).into_iter().filter(|(e, s)| !engine.assigned(s).unwrap().contains(&e.as_str())).collect();
        if free.is_empty() {
            return Ok(());
        }
        let (e, s) = free[pick % free.len()].clone();
        let before = verdicts(&engine);
        let ov = Override { by: "m-3".into(), reason: "short-staffed".into(), at: None };
        let a = engine.assign(&e, &s, with_override.then_some(&ov)).unwrap();
        if !a.applied {
            prop_assert!(a.refused && !with_override, "assign({}, {}) neither applied nor refused: {:?}", e, s, a);
            return Ok(());
        }
        prop_assert!(engine.assigned(&s).unwrap().contains(&e.as_str()));
        let u = engine.unassign(&e, &s).unwrap();
        prop_assert!(u.applied);
        let after = verdicts(&engine);
        for (x, y) in before.iter().zip(&after) {
            if x != y {
                return Err(fail(&format!("assign({e}, {s}) then unassign"), &roster, &creds, x, None, &format!("after: {}", serde_json::to_string_pretty(y).unwrap())));
            }
        }
        prop_assert!(same_set(&a.created, &u.cleared) && same_set(&a.cleared, &u.created),
            "assign({}, {}) created {:#?} cleared {:#?}; unassign created {:#?} cleared {:#?}\n{}",
            e, s, brief(&a.created), brief(&a.cleared), brief(&u.created), brief(&u.cleared), docs(&roster, &creds));
    }
}

/// Lists capped at 20 `overlap` and 20 `inTraining` reasons, then a summary with `more`: the
/// engine equals the reference on every pair and on `validate`, lists just under, at and over
/// the cap included, and an edit among them reports exactly the change in all findings.
#[test]
fn capped_overlap_and_training_lists_match_the_reference() {
    let shift = |i: usize, emp: &str| {
        // Staggered by a minute: every shift overlaps every other; ties in start broken by id.
        let start = format!("2026-12-01T07:{:02}:00-06:00", i % 40);
        json!({"id": format!("s{i:02}"), "start": start, "end": "2026-12-01T19:00:00-06:00", "assigned": [emp]})
    };
    let mut shifts: Vec<Value> = (0..45).map(|i| shift(i, "many")).collect();
    shifts.extend((45..66).map(|i| shift(i, "twenty-one")));
    shifts.extend((66..86).map(|i| shift(i, "twenty")));
    shifts.push(json!({"id": "open", "start": "2026-12-01T08:00:00-06:00", "end": "2026-12-01T09:00:00-06:00"}));
    let trainings: Vec<Value> = (0..23)
        .map(|i| json!({"id": format!("t{i:02}"), "employeeId": "many", "start": format!("2026-12-01T06:{:02}:00-06:00", 40 - i), "end": "2026-12-01T08:30:00-06:00"}))
        .collect();
    let roster = json!({"employees": [{"id": "many"}, {"id": "twenty-one"}, {"id": "twenty"}], "shifts": shifts});
    let creds = json!({"trainings": trainings});
    let mut engine = load(&roster, &creds);
    if let Err(e) = engine_matches_reference(&engine, "capped lists") {
        panic!("{e}");
    }
    let want = Reference::new(roster.clone(), creds.clone()).validate();
    let got = engine.validate();
    assert_eq!(got.verdicts.len(), want.verdicts.len());
    for (ev, (_, rv)) in got.verdicts.iter().zip(&want.verdicts) {
        assert_eq!(diff(ev, rv), None, "validate: {}", serde_json::to_string(ev).unwrap());
    }
    let v = engine.check("many", "s00").unwrap();
    let more: Vec<_> = v.reasons.iter().filter_map(|r| r.more.map(|n| (r.kind.as_str(), n))).collect();
    assert_eq!(more, [("overlap", 24), ("inTraining", 3)]);
    assert_eq!(v.reasons.len(), 21 + 21);
    // 21 shifts: 20 others each, no summary; 20 shifts: 19 others.
    assert!(engine.check("twenty-one", "s45").unwrap().reasons.iter().all(|r| r.more.is_none()));
    let before = all_findings(&engine);
    let r = engine.unassign("many", "s10").unwrap();
    assert!(r.applied);
    let after = all_findings(&engine);
    assert!(same_set(&r.created, &minus(&after, &before)) && same_set(&r.cleared, &minus(&before, &after)), "{:#?}\n{:#?}", brief(&r.created), brief(&r.cleared));
    if let Err(e) = engine_matches_reference(&engine, "after unassign") {
        panic!("{e}");
    }
}

/// What the generator reaches: how often each reason kind, edit outcome and shape occurs.
/// `cargo test --test properties -- --ignored --nocapture generator_coverage`
#[test]
#[ignore]
fn generator_coverage() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use std::collections::BTreeMap;
    let mut runner = TestRunner::deterministic();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut statuses: BTreeMap<&str, usize> = BTreeMap::new();
    let mut edits: BTreeMap<String, usize> = BTreeMap::new();
    let n = 1000;
    for _ in 0..n {
        let g = gen().new_tree(&mut runner).unwrap().current();
        let (roster, creds) = build(&g);
        let mut engine = load(&roster, &creds);
        for v in verdicts(&engine) {
            *statuses.entry(v.status.as_str()).or_default() += 1;
            for r in &v.reasons {
                *kinds.entry(r.kind.as_str().to_string()).or_default() += 1;
            }
            if v.reasons.iter().any(|r| r.kind.as_str() == "restTooShort" && r.rest_hours.is_some_and(|h| h * 60.0 == (h * 60.0).round() && h > 0.0 && h == h.floor())) {
                *kinds.entry("(restTooShort, whole hours)".into()).or_default() += 1;
            }
        }
        for f in engine.validate().findings {
            *kinds.entry(f.kind.as_str().to_string()).or_default() += 1;
        }
        let es = prop::collection::vec(edit_g(), 4).new_tree(&mut runner).unwrap().current();
        for e in &es {
            let (what, r) = apply(&mut engine, &g, e);
            let op = what.split('(').next().unwrap().to_string();
            let outcome = match r {
                Applied::Failed(_) => "error",
                Applied::Result(r) if r.refused => "refused",
                Applied::Result(r) if r.applied => if r.created.is_empty() && r.cleared.is_empty() { "applied" } else { "applied+findings" },
                Applied::Result(_) => "no-op",
            };
            *edits.entry(format!("{op} {outcome}")).or_default() += 1;
        }
    }
    println!("{n} documents\nstatuses: {statuses:#?}\nreason kinds: {kinds:#?}\nedits: {edits:#?}");
}
