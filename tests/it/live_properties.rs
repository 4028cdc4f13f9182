//! Property tests of the live roster (SPEC §6) on the documents of `tests/generate`, the
//! generator of `tests/properties.rs`.
//!
//! Random batches mixing `put`s and `remove`s of every collection, events included (records taken from a second
//! generated document, so that ids collide: replaces, inserts, revivals) with assign, unassign
//! and moveShift, some made invalid on purpose, applied, overridden, previewed, undone and
//! redone. After every step:
//!
//! - `changes` equals the difference of two full judgements, before and after, of every
//!   assignment (`check` of each) and every crew finding (`validate`): same pairs, same
//!   `before` status, `after` equal to `check` in full, findings added and removed exactly;
//! - a batch is refused exactly when it places people and newly blocks an assignment without
//!   an override; an invalid, refused or previewed batch changes nothing (export, verdicts);
//! - undo restores the export exactly (and every verdict), redo reapplies it;
//! - the engine keeps its validation through every step (applied, refused, invalid, previewed,
//!   undone, redone), and the kept `validate` is, to the byte, a fresh engine's loaded from the
//!   export (and a clone's, which keeps nothing);
//! - the engine answers like a fresh `Engine::load` of its export: `check` of every employee
//!   and shift, `status`, `validate`, `candidates`, `audit`, `alerts`, `holders`, and the
//!   reload's export is the same.
//!
//! Each property runs 256 cases (`PROPTEST_CASES` overrides).


use credgate::Value as J;
use credgate::{ApplyResult, Clock, Engine, Override, Status, Verdict};
use crate::generate::*;
use crate::reference;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug)]
struct Stopped;

impl Clock for Stopped {
    fn now_ms(&self) -> i64 {
        1_800_000_000_000
    }
}

/// One generated operation: `kind` picks the op, `a` and `b` the ids or records, `bad` spoils
/// it (one in sixteen; ids that do not exist make more invalid ops).
#[derive(Debug, Clone)]
struct OpG {
    kind: u8,
    a: u8,
    b: u8,
    time: TimeG,
    bad: u8,
}

/// One step: a batch (applied, with an override, or previewed), or an undo or redo.
#[derive(Debug, Clone)]
enum StepG {
    Batch { ops: Vec<OpG>, mode: u8 },
    Undo,
    Redo,
}

fn op_g() -> impl Strategy<Value = OpG> {
    (0..16u8, 0..8u8, 0..8u8, time_g(), 0..16u8).prop_map(|(kind, a, b, time, bad)| OpG { kind, a, b, time, bad })
}

fn step_g() -> impl Strategy<Value = StepG> {
    prop_oneof![
        8 => (prop::collection::vec(op_g(), 1..5), 0..4u8).prop_map(|(ops, mode)| StepG::Batch { ops, mode }),
        1 => Just(StepG::Undo),
        1 => Just(StepG::Redo),
    ]
}

fn override_() -> Override {
    Override { by: "m-3".into(), reason: "short-staffed".into(), at: Some("2027-01-01T00:00:00Z".into()) }
}

/// The records a `put` may take: the other document's, whose ids collide with the first's.
struct Source {
    employees: Vec<Value>,
    shifts: Vec<Value>,
    credentials: Vec<Value>,
    waivers: Vec<Value>,
    trainings: Vec<Value>,
    events: Vec<Value>,
}

/// The records of the other document, and one of each kind that always reads well (the
/// generator may make none).
fn source(roster: &Value, creds: &Value) -> Source {
    let mut src = Source { employees: list(roster, "employees"), shifts: list(roster, "shifts"), credentials: list(creds, "credentials"), waivers: list(creds, "waivers"), trainings: list(creds, "trainings"), events: list(creds, "events") };
    src.credentials.push(json!({"id": "c2", "employeeId": "E2", "code": "A", "validUntil": null, "x-source": "hr"}));
    src.waivers.push(json!({"id": "w1", "employeeId": "E1", "code": "A", "validFrom": "2020-01-01", "validUntil": "2030-12", "approvedBy": "m-3", "reason": "r"}));
    let start = src.shifts.first().map_or(json!("2027-02-27T08:00:00Z"), |s| s["start"].clone());
    let end = src.shifts.first().map_or(json!("2027-02-27T12:00:00Z"), |s| s["end"].clone());
    src.trainings.push(json!({"id": "t1", "employeeId": "E3", "code": "A", "start": start, "end": end}));
    src.events.push(json!({"id": "v1", "employeeId": "E2", "kind": KINDS[0], "at": start, "count": 2}));
    src
}

fn list(v: &Value, key: &str) -> Vec<Value> {
    v[key].as_array().cloned().unwrap_or_default()
}

/// The JSON of a generated op, and whether it places people.
fn op_json(o: &OpG, g: &Gen, src: &Source) -> (Value, bool) {
    // Mostly ids that exist (3 or 4 employees, 3 to 6 shifts, and those put), sometimes not.
    let emp = format!("E{}", o.a % 4 + 1);
    let shift = format!("S{}", o.b % 5 + 1);
    let bad = o.bad == 0;
    let pick = |items: &[Value], k: u8| -> Option<Value> { (!items.is_empty()).then(|| items[k as usize % items.len()].clone()) };
    let put = |collection: &str, record: Option<Value>| -> Value {
        let mut record = record.unwrap_or(json!({"id": "x"}));
        if bad {
            match (collection, o.bad) {
                ("credentials", 0) => record["validUntil"] = json!("2027-02-30"),
                ("waivers", 0) => record["validFrom"] = json!("yesterday"),
                ("trainings", 0) => record["end"] = record["start"].clone(),
                ("shifts", 0) => record["locationId"] = json!("nowhere"),
                ("employees", _) => record["roleIds"] = json!("R1"),
                (_, _) => {
                    if let Some(o) = record.as_object_mut() {
                        o.remove("id");
                    }
                }
            }
        }
        json!({"op": "put", "collection": collection, "record": record})
    };
    let remove = |collection: &str, prefix: &str, n: u8| json!({"op": "remove", "collection": collection, "id": format!("{prefix}{}", o.a % n + 1)});
    match o.kind {
        0 | 1 => (json!({"op": "assign", "employeeId": if bad { "nobody".into() } else { emp }, "shiftId": shift}), true),
        2 | 3 => (json!({"op": "unassign", "employeeId": emp, "shiftId": shift}), false),
        4 => {
            let (by, bm, bd) = BASES[g.base as usize];
            let (start, end) = time_of(&o.time, reference::days(by, bm, bd), g.primary);
            let (start, end) = (reference::format(start.ms, start.off), reference::format(end.ms, end.off));
            let (start, end) = if bad { (end, start) } else { (start, end) };
            (json!({"op": "moveShift", "shiftId": shift, "start": start, "end": end}), true)
        }
        5 => (put("credentials", pick(&src.credentials, o.b)), false),
        6 => (put("waivers", pick(&src.waivers, o.b)), false),
        7 => (put("trainings", pick(&src.trainings, o.b)), false),
        8 => (put("employees", pick(&src.employees, o.b)), false),
        9 => (put("shifts", pick(&src.shifts, o.b)), true),
        10 => (remove("credentials", "c", 4), false),
        11 => (if o.b % 2 == 0 { remove("waivers", "w", 2) } else { remove("trainings", "t", 2) }, false),
        12 => (remove("employees", "E", 4), false),
        // Events: the other document's (ids v1, v2... collide: an event moved to another
        // employee, kind or instant), or one removed.
        14 => (put("events", pick(&src.events, o.b)), false),
        15 => (remove("events", "v", 4), false),
        _ => (if bad { json!({"op": "put", "collection": "sessions", "record": {"id": "s"}}) } else { remove("shifts", "S", 6) }, false),
    }
}

// ---------------------------------------------------------------------------------------------
// What the engine says, in full.

fn exported(engine: &Engine) -> (Value, Value) {
    let x = engine.export();
    (serde_json::from_str(&x.roster.to_json()).unwrap(), serde_json::from_str(&x.credentials.to_json()).unwrap())
}

/// Every (employee, shift) assignment of the engine's documents.
fn assignments(engine: &Engine) -> Vec<(String, String)> {
    let (roster, _) = exported(engine);
    let mut out = Vec::new();
    for s in list(&roster, "shifts") {
        let id = s["id"].as_str().unwrap().to_string();
        for e in s["assigned"].as_array().cloned().unwrap_or_default() {
            let pair = (e.as_str().unwrap().to_string(), id.clone());
            if !out.contains(&pair) {
                out.push(pair);
            }
        }
    }
    out
}

/// The ids of a collection of the engine's documents.
fn ids(engine: &Engine, roster: bool, key: &str) -> Vec<String> {
    let (r, c) = exported(engine);
    list(if roster { &r } else { &c }, key).iter().map(|x| x["id"].as_str().unwrap().to_string()).collect()
}

/// Every assignment's verdict, and the crew findings as JSON.
struct Judged {
    verdicts: BTreeMap<(String, String), Verdict>,
    crew: Vec<String>,
}

fn judge(engine: &Engine) -> Judged {
    let verdicts = assignments(engine).into_iter().map(|(e, s)| {
        let v = engine.check(&e, &s).unwrap();
        ((e, s), v)
    });
    let mut crew: Vec<String> = engine.validate().findings.iter().map(|f| serde_json::to_string(f).unwrap()).collect();
    crew.sort();
    Judged { verdicts: verdicts.collect(), crew }
}

/// A verdict's reasons without their messages, in a canonical order.
fn reasons(v: &Verdict) -> Vec<String> {
    let mut out: Vec<String> = v
        .reasons
        .iter()
        .map(|r| {
            let mut x = serde_json::to_value(r).unwrap();
            x.as_object_mut().unwrap().remove("message");
            x.to_string()
        })
        .collect();
    out.sort();
    out
}

/// By (employee, shift): the before status and the after verdict of a change.
type ChangeMap = BTreeMap<(String, String), (Option<Status>, Option<Verdict>)>;

/// What `changes` must say going from `a` to `b`.
fn expected(a: &Judged, b: &Judged) -> ChangeMap {
    let mut out = BTreeMap::new();
    for (k, va) in &a.verdicts {
        match b.verdicts.get(k) {
            None => {
                out.insert(k.clone(), (Some(va.status), None));
            }
            Some(vb) if vb.status != va.status || reasons(va) != reasons(vb) => {
                out.insert(k.clone(), (Some(va.status), Some(vb.clone())));
            }
            Some(_) => {}
        }
    }
    for (k, vb) in &b.verdicts {
        if !a.verdicts.contains_key(k) {
            out.insert(k.clone(), (None, Some(vb.clone())));
        }
    }
    out
}

fn minus(a: &[String], b: &[String]) -> Vec<String> {
    let mut rest = b.to_vec();
    let mut out = Vec::new();
    for x in a {
        match rest.iter().position(|y| y == x) {
            Some(i) => {
                rest.remove(i);
            }
            None => out.push(x.clone()),
        }
    }
    out
}

/// `changes` of `r` is the difference from `a` to `b`.
fn changes_match(r: &ApplyResult, a: &Judged, b: &Judged, context: &str) -> Result<(), TestCaseError> {
    let want = expected(a, b);
    let mut got = BTreeMap::new();
    for c in &r.changes.verdicts {
        let k = (c.employee_id.clone(), c.shift_id.clone());
        prop_assert!(got.insert(k.clone(), (c.before, c.after.clone())).is_none(), "{}: pair {:?} listed twice", context, k);
    }
    let keys = |m: &ChangeMap| m.iter().map(|(k, (x, y))| (k.clone(), *x, y.as_ref().map(|v| v.status))).collect::<Vec<_>>();
    prop_assert_eq!(keys(&got), keys(&want), "{}: changed pairs (employee, shift, before, after)", context);
    for (k, (_, after)) in &want {
        prop_assert_eq!(&got[k].1, after, "{}: the after verdict of {:?} is not check's", context, k);
    }
    let mut added: Vec<String> = r.changes.findings.added.iter().map(|f| serde_json::to_string(f).unwrap()).collect();
    let mut removed: Vec<String> = r.changes.findings.removed.iter().map(|f| serde_json::to_string(f).unwrap()).collect();
    added.sort();
    removed.sort();
    prop_assert_eq!(added, minus(&b.crew, &a.crew), "{}: findings added", context);
    prop_assert_eq!(removed, minus(&a.crew, &b.crew), "{}: findings removed", context);
    Ok(())
}

fn same_state(engine: &Engine, x: &credgate::Export, j: &Judged, context: &str) -> Result<(), TestCaseError> {
    prop_assert!(engine.export() == *x, "{}: the export changed\nnow: {}\nwas: {}", context, engine.export().roster.to_json(), x.roster.to_json());
    let now = judge(engine);
    prop_assert!(now.verdicts == j.verdicts && now.crew == j.crew, "{}: a verdict or finding changed", context);
    Ok(())
}

/// After an applied batch, undo or redo, that followed a `validate`: the engine kept its
/// validation (refreshed, not judged afresh), and the kept answer is, to the byte, a fresh
/// engine's `validate` loaded from the export, and a clone's (which keeps nothing).
fn kept_validation_is_fresh(engine: &Engine, context: &str) -> Result<(), TestCaseError> {
    prop_assert!(engine.kept_validation().is_some(), "{}: the kept validation was dropped", context);
    let kept = serde_json::to_string(&engine.validate()).unwrap();
    let x = engine.export();
    let reloaded = Engine::load(&x.roster.to_json(), &x.credentials.to_json()).map_err(|e| TestCaseError::fail(format!("{context}: {e}")))?.engine;
    let fresh = serde_json::to_string(&reloaded.validate()).unwrap();
    prop_assert!(kept == fresh, "{}: the kept validation differs from a reload's\nkept:  {}\nfresh: {}", context, kept, fresh);
    let cloned = engine.clone();
    prop_assert!(cloned.kept_validation().is_none(), "{}: a clone keeps nothing", context);
    prop_assert!(serde_json::to_string(&cloned.validate()).unwrap() == kept, "{}: the kept validation differs from the clone's", context);
    Ok(())
}

/// The engine answers like a fresh load of its export.
fn like_a_reload(engine: &Engine, context: &str) -> Result<(), TestCaseError> {
    let x = engine.export();
    let reloaded = match Engine::load(&x.roster.to_json(), &x.credentials.to_json()) {
        Ok(l) => l.engine,
        Err(e) => return Err(TestCaseError::fail(format!("{context}: the export does not load: {e}\n{}\n{}", x.roster.to_json(), x.credentials.to_json()))),
    };
    prop_assert!(reloaded.export() == x, "{}: the reload exports differently", context);
    let emps = ids(engine, true, "employees");
    let shifts = ids(engine, true, "shifts");
    prop_assert_eq!(ids(&reloaded, true, "employees"), emps.clone());
    for e in &emps {
        for s in &shifts {
            let (a, b) = (engine.check(e, s).unwrap(), reloaded.check(e, s).unwrap());
            prop_assert!(a == b, "{}: check({}, {}) differs from the reload's\nlive: {}\nreload: {}", context, e, s, serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
            let (ei, si) = (engine.employee_index(e).unwrap(), engine.shift_index(s).unwrap());
            prop_assert_eq!(engine.status(ei, si), Some(a.status), "{}: status({}, {})", context, e, s);
        }
    }
    for s in &shifts {
        prop_assert_eq!(engine.candidates(s).unwrap(), reloaded.candidates(s).unwrap(), "{}: candidates({})", context, s);
    }
    prop_assert_eq!(engine.validate(), reloaded.validate(), "{}: validate", context);
    let at = "2027-02-01T00:00:00-06:00";
    prop_assert_eq!(engine.audit(at).unwrap().findings, reloaded.audit(at).unwrap().findings, "{}: audit", context);
    prop_assert_eq!(engine.alerts(at, Some(400)).unwrap(), reloaded.alerts(at, Some(400)).unwrap(), "{}: alerts", context);
    for code in ["A", "B", "C", "D"] {
        if let (Ok(a), Ok(b)) = (engine.holders(code, at), reloaded.holders(code, at)) {
            prop_assert_eq!(a, b, "{}: holders({})", context, code);
        }
    }
    Ok(())
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(256);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    /// Batches, overrides, previews, undo and redo: changes are the difference of two full
    /// judgements; what does not apply changes nothing; undo restores exactly; the engine
    /// answers like a reload of its export.
    #[test]
    fn batches_report_exactly_what_they_change(g in gen(), other in gen(), steps in prop::collection::vec(step_g(), 1..6)) {
        let (roster, creds) = build(&g);
        let mut engine = match Engine::load(&roster.to_string(), &creds.to_string()) {
            Ok(l) => l.engine,
            Err(e) => panic!("generated documents did not load: {e}"),
        };
        engine.set_clock(Arc::new(Stopped));
        // The other document, on this one's days and types, for records to put.
        let mut o = other.clone();
        o.base = g.base;
        o.primary = g.primary;
        o.types = g.types.clone();
        let (r2, c2) = build(&o);
        let src = source(&r2, &c2);
        let mut log: Vec<String> = Vec::new();
        // Exports after each applied batch, for undo and redo.
        let mut history: Vec<credgate::Export> = vec![engine.export()];
        let mut redo: Vec<credgate::Export> = Vec::new();
        for step in &steps {
            let x0 = engine.export();
            let j0 = judge(&engine);
            match step {
                StepG::Undo => {
                    let r = engine.undo();
                    log.push(format!("undo -> applied {}", r.applied));
                    let context = format!("{log:#?}");
                    kept_validation_is_fresh(&engine, &context)?;
                    if history.len() > 1 {
                        prop_assert!(r.applied, "{}: undo did not apply", context);
                        redo.push(history.pop().unwrap());
                        prop_assert!(engine.export() == *history.last().unwrap(), "{}: undo did not restore the export", context);
                        changes_match(&r, &j0, &judge(&engine), &context)?;
                    } else {
                        prop_assert!(!r.applied, "{}: nothing to undo", context);
                        same_state(&engine, &x0, &j0, &context)?;
                    }
                }
                StepG::Redo => {
                    let r = engine.redo();
                    log.push(format!("redo -> applied {}", r.applied));
                    let context = format!("{log:#?}");
                    kept_validation_is_fresh(&engine, &context)?;
                    match redo.pop() {
                        Some(x) => {
                            prop_assert!(r.applied, "{}: redo did not apply", context);
                            prop_assert!(engine.export() == x, "{}: redo did not reapply the batch", context);
                            changes_match(&r, &j0, &judge(&engine), &context)?;
                            history.push(x);
                        }
                        None => {
                            prop_assert!(!r.applied, "{}: nothing to redo", context);
                            same_state(&engine, &x0, &j0, &context)?;
                        }
                    }
                }
                StepG::Batch { ops, mode } => {
                    let made: Vec<(Value, bool)> = ops.iter().map(|op| op_json(op, &g, &src)).collect();
                    let places = made.iter().any(|(_, p)| *p);
                    let batch = J::parse(&Value::Array(made.iter().map(|(v, _)| v.clone()).collect()).to_string()).unwrap();
                    let ov = override_();
                    let r = match mode {
                        0 | 1 => engine.apply_value(&batch, None),
                        2 => engine.apply_value(&batch, Some(&ov)),
                        _ => engine.preview_value(&batch, None),
                    };
                    log.push(format!("{} {} -> applied {} refused {} errors {:?}", ["apply", "apply", "override", "preview"][*mode as usize], batch.to_json(), r.applied, r.refused, r.errors.iter().map(|p| p.to_string()).collect::<Vec<_>>()));
                    let context = format!("{log:#?}\nroster: {roster}\ncredentials: {creds}");
                    // Applied or not, the kept validation is the model's.
                    kept_validation_is_fresh(&engine, &context)?;
                    if !r.errors.is_empty() {
                        prop_assert!(!r.applied && !r.refused, "{}", context);
                        prop_assert!(r.changes.verdicts.is_empty() && r.changes.findings.added.is_empty(), "{}: changes of an invalid batch", context);
                        same_state(&engine, &x0, &j0, &context)?;
                        continue;
                    }
                    let (applied_now, final_r) = if r.applied && *mode != 3 {
                        (true, r.clone())
                    } else {
                        // Refused, previewed or a no-op: nothing changed. What it would change
                        // is what the same batch forced through an override changes.
                        same_state(&engine, &x0, &j0, &context)?;
                        let forced = engine.apply_value(&batch, Some(&ov));
                        kept_validation_is_fresh(&engine, &format!("{context}\nforced"))?;
                        prop_assert!(forced.errors.is_empty(), "{}: the batch is valid with an override: {:?}", context, forced.errors);
                        prop_assert_eq!(&forced.changes, &r.changes, "{}: the refused or previewed batch's changes are not the applied one's", context);
                        prop_assert_eq!(forced.applied, r.applied || r.refused, "{}", context);
                        (false, forced)
                    };
                    let j1 = judge(&engine);
                    changes_match(&final_r, &j0, &j1, &context)?;
                    let newly_blocked = final_r.changes.verdicts.iter().any(|c| c.before != Some(Status::Block) && c.after.as_ref().is_some_and(|v| v.status == Status::Block));
                    let want_refused = places && newly_blocked && *mode != 2;
                    prop_assert_eq!(r.refused, want_refused, "{}: refusal", context);
                    if final_r.applied {
                        like_a_reload(&engine, &context)?;
                        // The log names the batch, and the pairs an override allowed.
                        let entry = engine.change_log().last().cloned().unwrap();
                        prop_assert_eq!(entry.get("override"), Some(&J::Bool(newly_blocked && places)), "{}: {}", context, entry.to_json());
                        if applied_now {
                            history.push(engine.export());
                            redo.clear();
                        } else {
                            // Forced for the comparison: undone again, exactly (and it is then
                            // what a redo reapplies).
                            let forced_export = engine.export();
                            let u = engine.undo();
                            prop_assert!(u.applied);
                            kept_validation_is_fresh(&engine, &format!("{context}\nundoing the forced batch"))?;
                            same_state(&engine, &x0, &j0, &format!("{context}\nafter undoing the forced batch"))?;
                            changes_match(&u, &j1, &j0, &format!("{context}\nundo of the forced batch"))?;
                            redo = vec![forced_export];
                        }
                    } else {
                        prop_assert!(final_r.changes.verdicts.is_empty() && final_r.changes.findings.added.is_empty() && final_r.changes.findings.removed.is_empty(), "{}: a no-op reports changes", context);
                    }
                }
            }
        }
        like_a_reload(&engine, &format!("{log:#?}"))?;
    }
}

/// What the generator reaches: how often a batch is applied, refused, invalid, a no-op, and how
/// many verdict changes and findings they report.
/// `cargo test --test live_properties -- --ignored --nocapture live_generator_coverage`
#[test]
#[ignore]
fn live_generator_coverage() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    let n = 500;
    for _ in 0..n {
        let g = gen().new_tree(&mut runner).unwrap().current();
        let mut o = gen().new_tree(&mut runner).unwrap().current();
        (o.base, o.primary, o.types) = (g.base, g.primary, g.types.clone());
        let (roster, creds) = build(&g);
        let (r2, c2) = build(&o);
        let src = source(&r2, &c2);
        let mut engine = Engine::load(&roster.to_string(), &creds.to_string()).unwrap().engine;
        let batches = prop::collection::vec(prop::collection::vec(op_g(), 1..5), 4).new_tree(&mut runner).unwrap().current();
        for ops in batches {
            let made: Vec<(Value, bool)> = ops.iter().map(|op| op_json(op, &g, &src)).collect();
            let batch = J::parse(&Value::Array(made.iter().map(|(v, _)| v.clone()).collect()).to_string()).unwrap();
            let r = engine.apply_value(&batch, None);
            let outcome = if !r.errors.is_empty() {
                "invalid"
            } else if r.refused {
                "refused"
            } else if r.applied {
                "applied"
            } else {
                "no-op"
            };
            *outcomes.entry(outcome.into()).or_default() += 1;
            for e in &r.errors {
                let shape: String = e.message.chars().take(24).collect();
                *outcomes.entry(format!("error: {shape}")).or_default() += 1;
            }
            *outcomes.entry(format!("{outcome}: verdict changes")).or_default() += r.changes.verdicts.len();
            *outcomes.entry(format!("{outcome}: findings added or removed")).or_default() += r.changes.findings.added.len() + r.changes.findings.removed.len();
            for c in &r.changes.verdicts {
                let key = format!("change {} -> {}", c.before.map_or("null", Status::as_str), c.after.as_ref().map_or("null", |v| v.status.as_str()));
                *outcomes.entry(key).or_default() += 1;
            }
        }
    }
    println!("{n} documents, 4 batches each: {outcomes:#?}");
}
