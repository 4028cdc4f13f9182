//! The INRC-II importer against the published benchmark data and the engine.
//!
//! Every published solution (all weeks of every `Solution_*` folder of n005w4 and n021w4) is
//! imported and loaded: nothing may block, since the competition's validator accepted them. Then
//! the two hard rules that map onto credgate are probed: H2 (a nurse may only fill a slot of a
//! skill held: `missing`) and H3 (forbidden successions of shift types on consecutive days:
//! `restTooShort` under a 12 h rest rule, and only for the forbidden pairs).
//!
//! The data is in the repository, `data/public-rosters/inrc2` (its README names the source and terms).

use credgate::import::inrc2::{self, Inrc2Options, Scenario, Solution, Week};
use credgate::{Engine, Placement, Status};
use serde_json::Value;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

const DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/public-rosters/inrc2"
);

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}\nThe INRC-II benchmark data is expected in {DATA} \
             (data/public-rosters in the repository).",
            path.display()
        )
    })
}

fn dir(instance: &str) -> PathBuf {
    Path::new(DATA).join(instance)
}

fn scenario(instance: &str) -> Scenario {
    let path = dir(instance).join(format!("Sc-{instance}.txt"));
    inrc2::parse_scenario(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One published solution folder: its name, weeks in order and solutions of every stage.
struct Published {
    folder: String,
    weeks: Vec<Week>,
    solutions: Vec<Solution>,
}

/// Every `Solution_H_<h>-WD_<w0>-<w1>-...` folder of an instance, sorted by name.
fn published(instance: &str) -> Vec<Published> {
    let base = dir(instance);
    let entries = fs::read_dir(&base).unwrap_or_else(|e| {
        panic!(
            "cannot list {}: {e}\nThe INRC-II benchmark data is expected in {DATA}.",
            base.display()
        )
    });
    let mut folders: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("Solution_H_"))
        .collect();
    folders.sort();
    folders
        .into_iter()
        .map(|folder| {
            let week_ids: Vec<String> = folder
                .split_once("-WD_")
                .unwrap_or_else(|| panic!("unexpected folder name {folder}"))
                .1
                .split('-')
                .map(str::to_string)
                .collect();
            let mut weeks = Vec::new();
            let mut solutions = Vec::new();
            for (stage, w) in week_ids.iter().enumerate() {
                let wp = base.join(format!("WD-{instance}-{w}.txt"));
                weeks.push(
                    inrc2::parse_week(&read(&wp))
                        .unwrap_or_else(|e| panic!("{}: {e}", wp.display())),
                );
                let sp = base
                    .join(&folder)
                    .join(format!("Sol-{instance}-{w}-{stage}.txt"));
                let sol = inrc2::parse_solution(&read(&sp))
                    .unwrap_or_else(|e| panic!("{}: {e}", sp.display()));
                assert_eq!(
                    sol.week as usize,
                    stage,
                    "{}: stage in the header",
                    sp.display()
                );
                solutions.push(sol);
            }
            Published {
                folder,
                weeks,
                solutions,
            }
        })
        .collect()
}

struct Imported {
    roster: Value,
    credentials: Value,
    engine: Engine,
}

fn import(sc: &Scenario, p: &Published) -> Imported {
    let (roster, credentials) =
        inrc2::to_documents(sc, &p.weeks, &p.solutions, &Inrc2Options::default())
            .unwrap_or_else(|e| panic!("{}: {e}", p.folder));
    let loaded = Engine::load(&roster.to_json(), &credentials.to_json())
        .unwrap_or_else(|e| panic!("{}: the imported documents do not load: {e}", p.folder));
    assert!(
        loaded.warnings.is_empty(),
        "{}: load warnings {:?}",
        p.folder,
        loaded.warnings
    );
    // As serde_json values, for the tests' indexing.
    let json = |v: &credgate::Value| serde_json::from_str(&v.to_json()).expect("the importer writes JSON");
    Imported {
        roster: json(&roster),
        credentials: json(&credentials),
        engine: loaded.engine,
    }
}

fn shifts(roster: &Value) -> &Vec<Value> {
    roster["shifts"]
        .as_array()
        .expect("roster.shifts is an array")
}

fn assigned(shift: &Value) -> Vec<&str> {
    shift["assigned"]
        .as_array()
        .expect("assigned is an array")
        .iter()
        .filter_map(Value::as_str)
        .collect()
}

/// The verdict as JSON, whatever its Rust shape: `{status, reasons: [{kind, code, ...}]}`.
fn verdict_json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("a verdict serialises")
}

fn reason_kinds(v: &Value) -> Vec<(String, Option<String>)> {
    v["reasons"]
        .as_array()
        .map(|rs| {
            rs.iter()
                .map(|r| {
                    (
                        r["kind"].as_str().unwrap_or_default().to_string(),
                        r["code"].as_str().map(str::to_string),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Every published assignment of every stage validates, nothing blocks, nothing warns.
fn published_solutions_validate(instance: &str) {
    let sc = scenario(instance);
    let all = published(instance);
    assert!(
        !all.is_empty(),
        "no Solution_* folder under {}",
        dir(instance).display()
    );
    for p in &all {
        let im = import(&sc, p);
        let expected: usize = p.solutions.iter().map(|s| s.assignments.len()).sum();
        let got: usize = shifts(&im.roster).iter().map(|s| assigned(s).len()).sum();
        assert_eq!(
            got, expected,
            "{}: every published assignment is placed on one shift",
            p.folder
        );
        assert_eq!(
            im.credentials["credentials"].as_array().map(Vec::len),
            Some(sc.nurses.iter().map(|n| n.skills.len()).sum()),
            "{}: one credential per skill held",
            p.folder
        );

        let validation = im.engine.validate();
        assert_eq!(
            validation.status,
            Status::Ok,
            "{}: validate found {} non-ok verdicts, first: {:?}",
            p.folder,
            validation.verdicts.len(),
            validation.verdicts.first().map(verdict_json)
        );
        assert!(validation.verdicts.is_empty(), "{}", p.folder);

        for s in shifts(&im.roster) {
            let id = s["id"].as_str().expect("shift id");
            for nurse in assigned(s) {
                let v = im
                    .engine
                    .check(nurse, id)
                    .unwrap_or_else(|e| panic!("{}: check {nurse} {id}: {e}", p.folder));
                assert_eq!(
                    v.status,
                    Status::Ok,
                    "{}: {nurse} on {id}: {}",
                    p.folder,
                    verdict_json(&v)
                );
            }
        }
    }
}

#[test]
fn n005w4_published_solutions_validate() {
    published_solutions_validate("n005w4");
}

#[test]
fn n021w4_published_solutions_validate() {
    published_solutions_validate("n021w4");
}

/// H2: a nurse who lacks a skill blocks on a slot of that skill with `missing`.
#[test]
fn n005w4_missing_skill_blocks() {
    let sc = scenario("n005w4");
    let p = published("n005w4")
        .into_iter()
        .next()
        .expect("a published solution");
    let im = import(&sc, &p);
    let head_shift = shifts(&im.roster)
        .iter()
        .find(|s| s["requires"] == "HeadNurse")
        .and_then(|s| s["id"].as_str())
        .expect("a HeadNurse shift");
    for nurse in ["Sara", "Nguyen"] {
        let held = &sc
            .nurses
            .iter()
            .find(|n| n.name == nurse)
            .expect("nurse in the scenario")
            .skills;
        assert_eq!(held, &["Nurse"], "{nurse} holds only Nurse");

        // On an existing shift.
        let v = im.engine.check(nurse, head_shift).expect("check");
        let j = verdict_json(&v);
        assert_eq!(v.status, Status::Block, "{j}");
        assert!(
            reason_kinds(&j).contains(&("missing".to_string(), Some("HeadNurse".to_string()))),
            "{nurse} on {head_shift}: {j}"
        );

        // As a placement far from any other shift: `missing` is the only reason.
        let placement = Placement {
            start: "2026-03-02T06:00:00+00:00".to_string(),
            end: "2026-03-02T14:00:00+00:00".to_string(),
            location_id: Some("ward".to_string()),
            team_id: Some("nurses".to_string()),
            role_id: None,
            queue_ids: Vec::new(),
            requires: Some(credgate::Value::from("HeadNurse")),
        };
        let v = im
            .engine
            .check_placement(nurse, &placement, None)
            .expect("check_placement");
        let j = verdict_json(&v);
        assert_eq!(v.status, Status::Block, "{j}");
        assert_eq!(
            reason_kinds(&j),
            [("missing".to_string(), Some("HeadNurse".to_string()))],
            "{j}"
        );

        // The same placement with a skill the nurse holds is fine.
        let ok = Placement {
            requires: Some(credgate::Value::from("Nurse")),
            ..placement
        };
        let v = im
            .engine
            .check_placement(nurse, &ok, None)
            .expect("check_placement");
        assert_eq!(v.status, Status::Ok, "{}", verdict_json(&v));
    }
}

/// Minutes of (start, end) of a shift type, end past 24 h for a shift ending the next day.
fn times(shift_type: &str) -> (u32, u32) {
    let (s, e) = inrc2::shift_type_times(shift_type).expect("known shift type");
    (s, if e <= s { e + 24 * 60 } else { e })
}

fn at(day: u32, minute: u32) -> String {
    // Week 0 starts on Monday 2026-01-05; the data spans 4 weeks, so within Jan/Feb 2026.
    let (mut y, mut m, mut d) = (2026, 1, 5 + day + minute / (24 * 60));
    let minute = minute % (24 * 60);
    while d > if m == 1 { 31 } else { 28 } {
        d -= if m == 1 { 31 } else { 28 };
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:00+00:00",
        minute / 60,
        minute % 60
    )
}

/// H3: for every pair of shift types (a, b), a nurse who works `a` on some day and nothing on
/// the next two days is placed on `b` the next day: `restTooShort` exactly when the scenario
/// forbids the succession, and nothing blocks otherwise.
fn successions(instance: &str) {
    let sc = scenario(instance);
    let p = published(instance)
        .into_iter()
        .next()
        .expect("a published solution");
    let im = import(&sc, &p);

    // nurse -> day index (0-based over the horizon) -> shift type
    let mut work: HashMap<&str, HashMap<u32, &str>> = HashMap::new();
    for (stage, sol) in p.solutions.iter().enumerate() {
        for a in &sol.assignments {
            work.entry(a.nurse.as_str()).or_default().insert(
                stage as u32 * 7 + a.day.index() as u32,
                a.shift_type.as_str(),
            );
        }
    }
    let horizon = 7 * p.weeks.len() as u32;
    let mut forbidden_seen = 0;
    let mut allowed_seen = 0;
    for first in &sc.shift_types {
        for next in &sc.shift_types {
            let forbidden = first.forbidden_successors.contains(&next.name);
            // A nurse working `first` on day d, free on d+1 and d+2, with d+2 inside the horizon.
            let found = sc.nurses.iter().find_map(|n| {
                let days = work.get(n.name.as_str())?;
                (0..horizon.saturating_sub(2)).find_map(|d| {
                    (days.get(&d) == Some(&first.name.as_str())
                        && !days.contains_key(&(d + 1))
                        && !days.contains_key(&(d + 2)))
                    .then_some((n.name.as_str(), d))
                })
            });
            let Some((nurse, d)) = found else {
                assert!(
                    !forbidden,
                    "{instance}: no nurse to probe the forbidden {} -> {}",
                    first.name, next.name
                );
                continue;
            };
            let (s, e) = times(&next.name);
            let placement = Placement {
                start: at(d + 1, s),
                end: at(d + 1, e),
                location_id: Some("ward".to_string()),
                team_id: Some("nurses".to_string()),
                role_id: None,
                queue_ids: Vec::new(),
                requires: None,
            };
            let v = im
                .engine
                .check_placement(nurse, &placement, None)
                .expect("check_placement");
            let j = verdict_json(&v);
            let kinds = reason_kinds(&j);
            if forbidden {
                forbidden_seen += 1;
                assert_eq!(
                    v.status,
                    Status::Block,
                    "{nurse}: {} then {}: {j}",
                    first.name,
                    next.name
                );
                assert_eq!(
                    kinds,
                    [("restTooShort".to_string(), None)],
                    "{nurse}: {} then {}: {j}",
                    first.name,
                    next.name
                );
            } else {
                allowed_seen += 1;
                assert_eq!(
                    v.status,
                    Status::Ok,
                    "{nurse}: {} then {}: {j}",
                    first.name,
                    next.name
                );
            }
        }
    }
    let declared: usize = sc
        .shift_types
        .iter()
        .map(|s| s.forbidden_successors.len())
        .sum();
    eprintln!(
        "{instance}: {forbidden_seen} forbidden and {allowed_seen} allowed successions probed"
    );
    assert!(allowed_seen > 0, "{instance}: no allowed succession probed");
    assert_eq!(
        forbidden_seen, declared,
        "{instance}: every forbidden succession probed"
    );
}

#[test]
fn n005w4_forbidden_successions_block_with_rest_too_short() {
    successions("n005w4");
}

#[test]
fn n021w4_forbidden_successions_block_with_rest_too_short() {
    successions("n021w4");
}

/// A Late followed by an Early the next day, both assigned in the roster: 8 h of rest.
#[test]
fn n005w4_late_then_early_assigned_is_found_by_validate() {
    let sc = scenario("n005w4");
    let p = published("n005w4")
        .into_iter()
        .next()
        .expect("a published solution");
    let mut solutions = p.solutions.clone();
    // Someone who works Late on Saturday of week 0 is moved to an Early Nurse slot on Sunday
    // (replacing whatever they worked on Sunday): 8 h of rest between the two.
    let sol = &mut solutions[0];
    let late_sat = sol
        .assignments
        .iter()
        .find(|a| a.day == inrc2::Day::Sat && a.shift_type == "Late")
        .cloned()
        .expect("someone works Late on Saturday of week 0");
    sol.assignments
        .retain(|a| !(a.nurse == late_sat.nurse && a.day == inrc2::Day::Sun));
    sol.assignments.push(inrc2::Assignment {
        nurse: late_sat.nurse.clone(),
        day: inrc2::Day::Sun,
        shift_type: "Early".to_string(),
        skill: "Nurse".to_string(),
        line: 0,
    });
    let (roster, credentials) =
        inrc2::to_documents(&sc, &p.weeks, &solutions, &Inrc2Options::default()).expect("import");
    let engine = Engine::load(&roster.to_json(), &credentials.to_json())
        .expect("load")
        .engine;
    let validation = engine.validate();
    assert_eq!(validation.status, Status::Block);
    let rest: Vec<Value> = validation
        .verdicts
        .iter()
        .map(verdict_json)
        .filter(|v| v["employeeId"] == late_sat.nurse.as_str())
        .collect();
    assert!(
        !rest.is_empty(),
        "{:?}",
        validation
            .verdicts
            .iter()
            .map(verdict_json)
            .collect::<Vec<_>>()
    );
    for v in &rest {
        assert_eq!(reason_kinds(v), [("restTooShort".to_string(), None)], "{v}");
    }
}
