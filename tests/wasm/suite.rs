//! The façade's tests, run inside WebAssembly by `wasm-bindgen-test`: in Node.js by
//! `tests/wasm_node.rs` and in headless Chromium by `tests/wasm_browser.rs`, which both include
//! this file. They drive `credgate::wasm::Engine` the way the package's JavaScript does, with
//! `JsValue` arguments, and look at the JavaScript values that come back: shapes, omitted
//! fields, errors with paths, `Date` arguments, the per-drag path.

use credgate::wasm::Engine;
use js_sys::{Array, Date, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const ROSTER: &str = include_str!("../../www/data/roster.json");
const CREDENTIALS: &str = include_str!("../../www/data/credentials.json");

fn sample() -> Engine {
    match Engine::load(&ROSTER.into(), &CREDENTIALS.into()) {
        Ok(e) => e,
        Err(e) => panic!("the sample documents do not load: {}", text(&e)),
    }
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn has(v: &JsValue, key: &str) -> bool {
    Reflect::has(v, &key.into()).unwrap_or(false)
}

fn text(v: &JsValue) -> String {
    JSON::stringify(v).ok().and_then(|s| s.as_string()).unwrap_or_else(|| format!("{v:?}"))
}

/// `validate()` as the package answers it the first time (js/guard.js): the façade's full
/// answer, without the numbers guard.js follows the next answers by.
fn validate(e: &mut Engine) -> Result<JsValue, JsValue> {
    let v = e.validate(None)?;
    assert_eq!(get(&v, "base").as_f64(), Some(0.0), "a full answer");
    for k in ["seq", "base", "runs"] {
        Reflect::delete_property(v.unchecked_ref::<Object>(), &k.into())?;
    }
    Ok(v)
}

fn obj(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON")
}

/// An id list (`employeeIds`, `shiftIds`, `assigned`) as Rust strings, after checking each is one.
fn texts(list: Vec<JsValue>) -> Vec<String> {
    list.iter().map(|v| v.as_string().expect("a string")).collect()
}

/// The `errors` of a thrown value: `[(path, document)]`, after checking it is an `Error`.
fn problems(thrown: &JsValue) -> Vec<(String, String)> {
    assert!(thrown.is_instance_of::<js_sys::Error>(), "not an Error: {}", text(thrown));
    let errors: Array = get(thrown, "errors").dyn_into().expect("errors is an array");
    errors
        .iter()
        .map(|p| {
            assert!(get(&p, "message").as_string().is_some_and(|m| !m.is_empty()), "a problem without a message: {}", text(&p));
            (get(&p, "path").as_string().unwrap_or_default(), get(&p, "document").as_string().unwrap_or_default())
        })
        .collect()
}

/// No value anywhere in the tree is `undefined`: absent fields are omitted.
fn assert_no_undefined(v: &JsValue, at: &str) {
    if let Some(a) = v.dyn_ref::<Array>() {
        for (i, item) in a.iter().enumerate() {
            assert_no_undefined(&item, &format!("{at}[{i}]"));
        }
    } else if v.is_object() {
        for key in Object::keys(v.unchecked_ref::<Object>()).iter() {
            let k = key.as_string().unwrap_or_default();
            let item = get(v, &k);
            assert!(!item.is_undefined(), "{at}.{k} is undefined");
            assert_no_undefined(&item, &format!("{at}.{k}"));
        }
    }
}

#[wasm_bindgen_test]
fn loads_text_and_objects_alike() {
    let mut from_text = sample();
    let mut from_objects = Engine::load(&obj(ROSTER), &obj(CREDENTIALS)).map_err(|e| text(&e)).expect("objects load");
    let a = validate(&mut from_text).expect("validate");
    let b = validate(&mut from_objects).expect("validate");
    assert_eq!(text(&a), text(&b));
    assert_eq!(get(&a, "status").as_string().as_deref(), Some("block"));
    assert_no_undefined(&a, "validate()");
    assert!(Array::is_array(&from_text.warnings()));
}

#[wasm_bindgen_test]
fn a_verdict_is_a_plain_object_with_absent_fields_omitted() {
    let mut engine = sample();
    let validation = validate(&mut engine).expect("validate");
    let first = Array::from(&get(&validation, "verdicts")).get(0);
    let (e, s) = (get(&first, "employeeId").as_string().unwrap(), get(&first, "shiftId").as_string().unwrap());
    let v = engine.check(&JsValue::from_str(&e), &JsValue::from_str(&s)).expect("check");
    assert_eq!(Object::get_prototype_of(&v), Object::get_prototype_of(&Object::new().into()), "a plain object");
    assert_eq!(text(&v), text(&first));
    assert_no_undefined(&v, "check()");
    let reason = Array::from(&get(&v, "reasons")).get(0);
    assert!(has(&reason, "kind") && has(&reason, "severity") && has(&reason, "message"));
    assert!(!has(&reason, "trainingId"), "absent fields are omitted: {}", text(&reason));
}

#[wasm_bindgen_test]
fn the_fast_path_agrees_with_check() {
    let mut engine = sample();
    let employees = texts(engine.employee_ids());
    let shifts = texts(engine.shift_ids());
    for (si, shift) in shifts.iter().enumerate().step_by(7) {
        let statuses = engine.candidate_statuses(JsValue::from_str(shift)).expect("candidateStatuses").to_vec();
        assert_eq!(statuses.len(), employees.len());
        assert_eq!(engine.shift_index(&JsValue::from_str(shift)), Some(si as u32));
        for (ei, employee) in employees.iter().enumerate() {
            let code = engine.status_at(ei as u32, si as u32);
            let status = get(&engine.check(&JsValue::from_str(employee), &JsValue::from_str(shift)).expect("check"), "status").as_string().unwrap();
            let expected = match status.as_str() { "ok" => 0, "warn" => 1, _ => 2 };
            assert_eq!(code, expected, "{employee} on {shift}");
            assert_eq!(statuses[ei], expected);
        }
    }
    assert_eq!(engine.status_at(employees.len() as u32, 0), 3);
    assert_eq!(engine.status_at(0, u32::MAX), 3);
    assert_eq!(engine.employee_index(&JsValue::from_str("nobody")), None);
    assert_eq!(engine.shift_index(&JsValue::from_str("nothing")), None);
}

#[wasm_bindgen_test]
fn load_errors_list_every_problem_with_its_path() {
    let thrown = Engine::load(&obj(r#"{"shifts": [{"id": "s1"}]}"#), &"{".into()).err().expect("refused");
    assert_eq!(
        problems(&thrown),
        [("shifts[0].start".into(), "roster".into()), ("shifts[0].end".into(), "roster".into()), ("credentials".into(), "credentials".into())]
    );
    let thrown = Engine::load(&JsValue::UNDEFINED, &obj("{}")).err().expect("refused");
    assert_eq!(problems(&thrown), [("roster".into(), "roster".into())]);
}

#[wasm_bindgen_test]
fn unknown_ids_and_bad_arguments_throw_with_paths() {
    let mut engine = sample();
    let shift = texts(engine.shift_ids())[0].clone();
    let employee = texts(engine.employee_ids())[0].clone();
    assert_eq!(problems(&engine.check(&JsValue::from_str("nobody"), &JsValue::from_str(&shift)).err().unwrap()), [("employeeId".into(), "argument".into())]);
    assert_eq!(problems(&engine.candidates(&JsValue::from_str("nothing")).err().unwrap()), [("shiftId".into(), "argument".into())]);
    assert_eq!(problems(&engine.candidate_statuses(JsValue::from_str("nothing")).err().unwrap()), [("shiftId".into(), "argument".into())]);
    // Not a string: an argument error, never a trap (the same engine answers after).
    assert_eq!(problems(&engine.candidate_statuses(JsValue::from(0)).err().unwrap()), [("shiftId".into(), "argument".into())]);
    assert_eq!(problems(&engine.check(&JsValue::NULL, &JsValue::from_str(&shift)).err().unwrap()), [("employeeId".into(), "argument".into())]);
    assert_eq!(engine.employee_index(&JsValue::from(7)), None);
    let backwards = obj(r#"{"start": "2026-12-08T19:00:00-06:00", "end": "2026-12-08T07:00:00-06:00"}"#);
    assert_eq!(problems(&engine.check_placement(&JsValue::from_str(&employee), &backwards, &JsValue::UNDEFINED).err().unwrap()), [("placement.end".into(), "argument".into())]);
    let naive = engine.move_shift(&JsValue::from_str(&shift), &"2026-12-08T07:00:00".into(), &"2026-12-08T19:00:00-06:00".into(), &JsValue::UNDEFINED).err().unwrap();
    assert_eq!(problems(&naive), [("start".into(), "argument".into())]);
    let not_instant = engine.move_shift(&JsValue::from_str(&shift), &JsValue::from(42), &"2026-12-08T19:00:00-06:00".into(), &JsValue::UNDEFINED).err().unwrap();
    assert_eq!(problems(&not_instant), [("start".into(), "argument".into())]);
}

#[wasm_bindgen_test]
fn placements_take_dates_and_a_new_shift_has_a_null_id() {
    let engine = sample();
    let employee = texts(engine.employee_ids())[0].clone();
    let placement = Object::new();
    Reflect::set(&placement, &"start".into(), &Date::new(&"2026-12-08T13:00:00Z".into())).unwrap();
    Reflect::set(&placement, &"end".into(), &"2026-12-09T01:00:00Z".into()).unwrap();
    let v = engine.check_placement(&JsValue::from_str(&employee), &placement.into(), &JsValue::UNDEFINED).expect("placement");
    assert!(get(&v, "shiftId").is_null(), "{}", text(&v));
    assert_no_undefined(&v, "checkPlacement()");
}

#[wasm_bindgen_test]
fn edits_with_overrides_are_logged_and_survive_export() {
    let mut engine = sample();
    let validation = validate(&mut engine).expect("validate");
    // An employee blocked on some shift they are not on: find one through candidates.
    let shift = texts(engine.shift_ids())[0].clone();
    let candidates = Array::from(&engine.candidates(&JsValue::from_str(&shift)).expect("candidates"));
    let blocked = candidates
        .iter()
        .find(|c| get(c, "status").as_string().as_deref() == Some("block") && get(c, "assigned").as_bool() == Some(false))
        .expect("someone is blocked");
    let employee = get(&blocked, "employeeId").as_string().unwrap();

    let refused = engine.assign(&JsValue::from_str(&employee), &JsValue::from_str(&shift), &JsValue::UNDEFINED).expect("assign");
    assert_eq!(get(&refused, "refused").as_bool(), Some(true));
    assert_eq!(get(&refused, "applied").as_bool(), Some(false));

    let no_reason = obj(r#"{"by": "m-3"}"#);
    assert_eq!(problems(&engine.assign(&JsValue::from_str(&employee), &JsValue::from_str(&shift), &no_reason).err().unwrap()), [("override.reason".into(), "argument".into())]);

    let ov = obj(r#"{"by": "m-3", "reason": "agency cover, checked by phone"}"#);
    let done = engine.assign(&JsValue::from_str(&employee), &JsValue::from_str(&shift), &ov).expect("assign with override");
    assert_eq!(get(&done, "applied").as_bool(), Some(true));
    let entry = get(&done, "override");
    assert_eq!(get(&entry, "by").as_string().as_deref(), Some("m-3"));
    let at = get(&entry, "at").as_string().expect("`at` is filled in with the current time");
    assert!(Date::parse(&at).is_finite(), "{at}");
    assert_eq!(Array::from(&engine.overrides().unwrap()).length(), 1);

    // Export, load the export: same verdicts, same log.
    let exported = engine.export().expect("export");
    let mut again = Engine::restore(&exported.clone()).map_err(|e| text(&e)).expect("the export loads");
    assert_eq!(text(&validate(&mut again).unwrap()), text(&validate(&mut engine).unwrap()));
    assert_ne!(text(&validate(&mut again).unwrap()), text(&validation));
    assert_eq!(text(&again.overrides().unwrap()), text(&engine.overrides().unwrap()));
    let json = engine.export_json().unwrap();
    let mut from_text = Engine::restore(&json).map_err(|e| text(&e)).expect("the JSON export loads");
    assert_eq!(text(&validate(&mut from_text).unwrap()), text(&validate(&mut engine).unwrap()));
}

#[wasm_bindgen_test]
fn move_shift_takes_dates() {
    let mut engine = sample();
    let shift = texts(engine.shift_ids())[0].clone();
    let start = Date::new(&"2026-12-07T14:00:00Z".into());
    let end = Date::new(&"2026-12-08T01:00:00Z".into());
    let ov = obj(r#"{"by": "m-3", "reason": "test"}"#);
    let moved = engine.move_shift(&JsValue::from_str(&shift), &start.clone().into(), &end.into(), &ov).expect("moveShift");
    assert_eq!(get(&moved, "applied").as_bool(), Some(true), "{}", text(&moved));
    let exported = engine.export().unwrap();
    let shifts = Array::from(&get(&get(&exported, "roster"), "shifts"));
    let first = shifts.iter().find(|s| get(s, "id").as_string().as_deref() == Some(shift.as_str())).unwrap();
    // The same instant, written in the local offset of wherever the test runs.
    let written = get(&first, "start").as_string().unwrap_or_default();
    assert_eq!(Date::parse(&written), start.get_time(), "{written}");
    let invalid = Date::new(&"not a date".into());
    assert_eq!(problems(&engine.move_shift(&JsValue::from_str(&shift), &invalid.into(), &"2026-12-08T01:00:00Z".into(), &JsValue::UNDEFINED).err().unwrap()), [("start".into(), "argument".into())]);
}

#[wasm_bindgen_test]
fn check_move_previews_without_moving() {
    let mut engine = sample();
    let shift = texts(engine.shift_ids())[0].clone();
    let before = text(&validate(&mut engine).unwrap());
    let start: JsValue = Date::new(&"2026-12-08T13:00:00Z".into()).into();
    let end: JsValue = "2026-12-09T01:00:00Z".into();
    let preview = Array::from(&engine.check_move(&JsValue::from_str(&shift), &start.clone(), &end.clone()).expect("checkMove"));
    assert_eq!(text(&validate(&mut engine).unwrap()), before, "a preview changes nothing");
    let assigned = texts(engine.assigned(&JsValue::from_str(&shift)).expect("assigned"));
    assert_eq!(preview.length() as usize, assigned.len());
    for (v, id) in preview.iter().zip(&assigned) {
        assert_eq!(get(&v, "employeeId").as_string().as_deref(), Some(id.as_str()));
        let one = engine.check_moved(&JsValue::from_str(id), &JsValue::from_str(&shift), &start.clone(), &end.clone()).expect("checkMoved");
        assert_eq!(text(&one), text(&v));
    }
    let ov = obj(r#"{"by": "m-3", "reason": "test"}"#);
    let moved = engine.move_shift(&JsValue::from_str(&shift), &start, &end, &ov).expect("moveShift");
    assert_eq!(text(&get(&moved, "verdicts")), text(&preview));
    assert_eq!(problems(&engine.assigned(&JsValue::from_str("nothing")).err().unwrap()), [("shiftId".into(), "argument".into())]);
}

#[wasm_bindgen_test]
fn standing_report_and_csv_import() {
    let engine = sample();
    let standing = engine.standing(&JsValue::from_str("e-108"), &"2026-12-07T08:00:00-06:00".into()).expect("standing");
    assert_no_undefined(&standing, "standing()");
    let codes = Array::from(&get(&standing, "codes"));
    let acls = codes.iter().find(|c| get(c, "code").as_string().as_deref() == Some("ACLS")).expect("ACLS is listed");
    assert_eq!(get(&acls, "state").as_string().as_deref(), Some("inGrace"));
    assert!(get(&acls, "currentUntil").is_null());
    assert_eq!(problems(&engine.standing(&JsValue::from_str("nobody"), &"2026-12-07T08:00:00-06:00".into()).err().unwrap()), [("employeeId".into(), "argument".into())]);

    // A Date is read in local time, with the local offset: the answer's asOf says which.
    let at = Date::new_with_year_month_day_hr_min_sec(2026, 11, 6, 20, 0, 0);
    let local = engine.standing(&JsValue::from_str("e-108"), &at.clone().into()).expect("standing at a Date");
    let as_of = get(&local, "asOf").as_string().unwrap_or_default();
    assert!(as_of.starts_with("2026-12-06T20:00:00"), "{as_of}");
    assert_eq!(Date::parse(&as_of), at.get_time(), "{as_of}");

    let html = engine.report_html(&"2026-12-07T08:00:00-06:00".into(), &JsValue::UNDEFINED).expect("reportHtml");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Renewal alerts"));

    let imported = Engine::import_csv(&JsValue::from_str("credentials"), &"Employee ID,Code,Expires\ne-17,BLS,2027-08\n".into(), &JsValue::UNDEFINED).expect("importCsv");
    assert_eq!(text(&get(&imported, "records")), r#"[{"id":"csv-cr-2","employeeId":"e-17","code":"BLS","validUntil":"2027-08"}]"#);
    let failed = Engine::import_csv(&JsValue::from_str("credentials"), &"Employee ID,Code,Expires\ne-17,BLS,2027-13-01\n".into(), &JsValue::UNDEFINED).expect("problems are returned");
    assert_eq!(get(&Array::from(&get(&failed, "errors")).get(0), "path").as_string().as_deref(), Some("2:3"));
    assert!(!has(&failed, "records"));
    assert_eq!(problems(&Engine::import_csv(&JsValue::from_str("waivers"), &"".into(), &JsValue::UNDEFINED).err().unwrap()), [("kind".into(), "argument".into())]);
}

#[wasm_bindgen_test]
fn apply_returns_its_answer_and_undo_restores_the_export() {
    let mut engine = sample();
    let before = text(&engine.export_json().unwrap());
    // A refused batch is an answer, not a throw; an invalid one too, with its op's index.
    let refused = engine.apply(&obj(r#"[{"op": "assign", "employeeId": "e-152", "shiftId": "icu-hou-1209-d"}]"#), &JsValue::UNDEFINED).unwrap();
    assert_eq!((get(&refused, "applied").as_bool(), get(&refused, "refused").as_bool()), (Some(false), Some(true)));
    let invalid = engine.apply(&obj(r#"[{"op": "assign", "employeeId": "nobody", "shiftId": "icu-hou-1209-d"}]"#), &JsValue::UNDEFINED).unwrap();
    let errors: Array = get(&invalid, "errors").dyn_into().unwrap();
    assert_eq!(get(&errors.get(0), "path").as_string().as_deref(), Some("ops[0].employeeId"));
    assert!(!engine.can_undo());
    // A move given as a Date (local time) is applied, its changes listed, and undone exactly.
    let ops = Array::new();
    let op = obj(r#"{"op": "moveShift", "shiftId": "icu-hou-1209-d", "end": "2026-12-10T19:00:00-06:00"}"#);
    Reflect::set(&op, &"start".into(), &Date::new(&"2026-12-10T13:00:00Z".into())).unwrap();
    ops.push(&op);
    // (Over an override: the move may newly block someone with a shift that day.)
    let options = obj(r#"{"override": {"by": "m-3", "reason": "test"}}"#);
    let moved = engine.apply(&ops.into(), &options).unwrap();
    assert_eq!(get(&moved, "applied").as_bool(), Some(true), "{}", text(&moved));
    assert!(has(&get(&moved, "changes"), "verdicts") && has(&get(&get(&moved, "changes"), "findings"), "added"));
    let logged = get(&get(&get(&moved, "logEntry"), "ops").dyn_into::<Array>().unwrap().get(0), "start").as_string().unwrap_or_default();
    // A Date crosses as the local instant (js/args.js): the same instant, with the local offset.
    assert_eq!(Date::parse(&logged), Date::parse("2026-12-10T13:00:00Z"), "{logged}");
    assert!(logged.contains(".000") && !logged.ends_with('Z'), "a Date crosses as a local instant: {logged}");
    assert_eq!(Array::from(&engine.change_log().unwrap()).length(), 1);
    assert!(engine.can_undo() && !engine.can_redo());
    let undone = engine.undo().unwrap();
    assert_eq!(get(&undone, "applied").as_bool(), Some(true));
    assert_eq!(text(&engine.export_json().unwrap()), before);
    assert!(engine.can_redo());
    // Only an ops that is not an array throws.
    let thrown = engine.apply(&obj(r#"{"op": "assign"}"#), &JsValue::UNDEFINED).unwrap_err();
    assert_eq!(problems(&thrown), [("ops".to_string(), "argument".to_string())]);
}

#[wasm_bindgen_test]
fn validate_sends_only_what_changed_to_the_holder_of_the_previous_answer() {
    let mut engine = sample();
    let full = engine.validate(None).expect("validate");
    let seq = get(&full, "seq").as_f64().expect("seq") as u32;
    let all = Array::from(&get(&full, "verdicts")).length();
    assert!(all > 0 && seq > 0);
    // Nothing changed: no verdict sent, one run keeping them all.
    let same = engine.validate(Some(seq)).expect("validate");
    assert_eq!(get(&same, "base").as_f64(), Some(f64::from(seq)));
    assert_eq!(Array::from(&get(&same, "verdicts")).length(), 0);
    assert_eq!(text(&get(&same, "runs")), format!("[0,{all},0]"));
    // An unassign of a blocked verdict: that verdict skipped, nothing new.
    let first = Array::from(&get(&full, "verdicts")).get(0);
    let (e, s) = (get(&first, "employeeId").as_string().unwrap(), get(&first, "shiftId").as_string().unwrap());
    assert_eq!(get(&engine.unassign(&JsValue::from_str(&e), &JsValue::from_str(&s)).unwrap(), "applied").as_bool(), Some(true));
    let next = get(&same, "seq").as_f64().unwrap() as u32;
    let after = engine.validate(Some(next)).expect("validate");
    assert_eq!(get(&after, "base").as_f64(), Some(f64::from(next)));
    assert!(text(&get(&after, "runs")).starts_with("[1,"), "{}", text(&after));
    // A reader holding another answer (or none) gets everything.
    let again = engine.validate(Some(next)).expect("validate");
    assert_eq!(get(&again, "base").as_f64(), Some(0.0));
    let runs: Vec<u32> = Array::from(&get(&after, "runs")).iter().map(|r| r.as_f64().unwrap_or(0.0) as u32).collect();
    let kept: u32 = runs.chunks(3).map(|r| r[1]).sum();
    assert_eq!(Array::from(&get(&again, "verdicts")).length(), kept + Array::from(&get(&after, "verdicts")).length());
    assert!(kept < all);
}
