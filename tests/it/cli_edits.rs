//! The command line's edits (`assign`, `unassign`, `move-shift`), `check-placement` and
//! `standing`: what is printed, what is written (atomically, and nothing when refused), and the
//! exit codes; and `--help` generated from the table of sub-commands.

use crate::common::{assigned, root, stderr, stdout_json, Scratch};
use std::path::Path;
use std::process::{Command, Output};

const ROSTER: &str = "www/data/roster.json";
const CREDENTIALS: &str = "www/data/credentials.json";
/// On `icu-hou-1209-d`: e-102 may be added (ok), e-152 may not (a pending licence).
const SHIFT: &str = "icu-hou-1209-d";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_credgate")).args(args).current_dir(root()).output().expect("the binary runs")
}

/// `credgate CMD --roster R --credentials C EXTRA...`.
fn cmd(name: &str, extra: &[&str]) -> Output {
    let mut args = vec![name, "--roster", ROSTER, "--credentials", CREDENTIALS];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn a_refused_assign_exits_1_and_writes_nothing() {
    let dir = Scratch::new("cli-edits-refused");
    let (r, c) = (dir.path("roster.json"), dir.path("credentials.json"));
    let out = cmd("assign", &["--employee", "e-152", "--shift", SHIFT, "--out-roster", &r, "--out-credentials", &c]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let result = stdout_json(&out);
    assert_eq!((result["applied"].as_bool(), result["refused"].as_bool()), (Some(false), Some(true)));
    assert_eq!(result["verdict"]["status"], "block");
    assert_eq!(result["verdict"]["reasons"][0]["kind"], "pending");
    assert!(dir.files().is_empty(), "a refusal wrote {:?}", dir.files());
}

#[test]
fn an_override_writes_both_documents_and_logs_itself() {
    let dir = Scratch::new("cli-edits-override");
    let (r, c) = (dir.path("roster.json"), dir.path("credentials.json"));
    let out = cmd("assign", &["--employee", "e-152", "--shift", SHIFT, "--by", "m-3", "--reason", "licence verified by phone", "--out-roster", &r, "--out-credentials", &c]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let result = stdout_json(&out);
    assert_eq!((result["applied"].as_bool(), result["refused"].as_bool()), (Some(true), Some(false)));
    assert_eq!(result["override"]["by"], "m-3");
    assert_eq!(dir.files(), ["credentials.json", "roster.json"]);
    let roster = dir.read("roster.json");
    assert!(assigned(&roster, SHIFT).contains(&"e-152".to_string()));
    // The change log (docs/decisions.md 58-59): one entry for the batch, marked as an override.
    let log = roster["changeLog"].as_array().expect("the export carries the change log");
    let entry = log.last().unwrap();
    assert_eq!(entry["override"], true);
    let op = &entry["ops"][0];
    assert_eq!((op["op"].as_str(), op["employeeId"].as_str(), op["shiftId"].as_str()), (Some("assign"), Some("e-152"), Some(SHIFT)));
    assert_eq!((entry["by"].as_str(), entry["reason"].as_str()), (Some("m-3"), Some("licence verified by phone")));
    assert_eq!(entry["overridden"][0]["kind"], "pending");
    // Stamped with the current time, in UTC.
    let at = entry["at"].as_str().unwrap();
    assert!(at.ends_with('Z') && at.starts_with("20"), "{at}");
    // The credentials come back as they were read.
    let original: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root().join(CREDENTIALS)).unwrap()).unwrap();
    assert_eq!(dir.read("credentials.json"), original);
    // The written documents load, and the audit of them lists the override.
    let audit = run(&["audit", "--roster", &r, "--credentials", &c, "--as-of", "2026-12-07T08:00:00-06:00"]);
    assert_eq!(audit.status.code(), Some(0), "{}", stderr(&audit));
    assert!(stdout_json(&audit)["overrides"].as_array().unwrap().iter().any(|o| o["by"] == "m-3" && o["ops"][0]["employeeId"] == "e-152"));
    // Writing over existing files replaces them, and leaves nothing else behind.
    let out = cmd("unassign", &["--employee", "e-101", "--shift", SHIFT, "--out-roster", &r, "--out-credentials", &c]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(dir.files(), ["credentials.json", "roster.json"]);
    assert!(!assigned(&dir.read("roster.json"), SHIFT).contains(&"e-101".to_string()));
}

#[test]
fn an_allowed_assign_and_a_move() {
    let dir = Scratch::new("cli-edits-allowed");
    let (r, c) = (dir.path("r.json"), dir.path("c.json"));
    let out = cmd("assign", &["--employee", "e-102", "--shift", SHIFT, "--out-roster", &r, "--out-credentials", &c]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout_json(&out)["verdict"]["status"], "ok");
    let roster = dir.read("r.json");
    assert!(assigned(&roster, SHIFT).contains(&"e-102".to_string()));
    assert!(roster.get("overrides").is_none(), "no override, no log");
    // Without outputs, the result is printed and nothing is written anywhere.
    let out = cmd("assign", &["--employee", "e-102", "--shift", SHIFT]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout_json(&out)["applied"], true);

    // A move that would block its people is refused; with an override it is made.
    let (start, end) = ("2026-12-10T07:00:00-06:00", "2026-12-10T19:00:00-06:00");
    let out = cmd("move-shift", &["--shift", SHIFT, "--start", start, "--end", end, "--out-roster", &r, "--out-credentials", &c]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_json(&out)["refused"], true);
    assert!(assigned(&dir.read("r.json"), SHIFT).contains(&"e-102".to_string()), "the refusal left the earlier output alone");
    let out = cmd("move-shift", &["--shift", SHIFT, "--start", start, "--end", end, "--by", "m-3", "--reason", "ward closed", "--out-roster", &r, "--out-credentials", &c]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let roster = dir.read("r.json");
    let moved = roster["shifts"].as_array().unwrap().iter().find(|s| s["id"] == SHIFT).unwrap();
    assert_eq!((moved["start"].as_str(), moved["end"].as_str()), (Some(start), Some(end)));
    let entry = roster["changeLog"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((entry["override"].as_bool(), entry["ops"][0]["op"].as_str()), (Some(true), Some("moveShift")));
    assert_eq!(dir.files(), ["c.json", "r.json"]);
}

#[test]
fn outputs_are_written_atomically_or_not_at_all() {
    let dir = Scratch::new("cli-edits-atomic");
    let c = dir.path("credentials.json");
    // A roster output in a directory that does not exist: nothing is written, no temporary file.
    let missing = dir.path("no/such/dir/roster.json");
    let out = cmd("assign", &["--employee", "e-102", "--shift", SHIFT, "--out-roster", &missing, "--out-credentials", &c]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("nothing was written"), "{}", stderr(&out));
    assert!(dir.files().is_empty(), "{:?}", dir.files());
    // An output that is a directory.
    std::fs::create_dir(dir.0.join("sub")).unwrap();
    let out = cmd("assign", &["--employee", "e-102", "--shift", SHIFT, "--out-roster", &dir.path("sub"), "--out-credentials", &c]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a directory"), "{}", stderr(&out));
    assert_eq!(dir.files(), ["sub"]);
    // The credentials output is the one that cannot be written: the roster is not written either.
    let r = dir.path("roster.json");
    let out = cmd("assign", &["--employee", "e-102", "--shift", SHIFT, "--out-roster", &r, "--out-credentials", &dir.path("nope/c.json")]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(dir.files(), ["sub"]);
    // A read-only directory: the temporary file cannot be made, nothing is written. (Root may
    // write anyway; then the edit simply succeeds.)
    let locked = dir.0.join("locked");
    std::fs::create_dir(&locked).unwrap();
    let mut perms = std::fs::metadata(&locked).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&locked, perms.clone()).unwrap();
    let lr = locked.join("r.json").to_string_lossy().into_owned();
    let out = cmd("assign", &["--employee", "e-102", "--shift", SHIFT, "--out-roster", &lr, "--out-credentials", &c]);
    let inside: Vec<_> = std::fs::read_dir(&locked).unwrap().map(|e| e.unwrap().file_name()).collect();
    if out.status.code() == Some(2) {
        assert!(inside.is_empty(), "{inside:?}");
        assert_eq!(dir.files(), ["locked", "sub"]);
    } else {
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(inside, [std::ffi::OsString::from("r.json")]);
    }
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&locked, perms).unwrap();
}

#[test]
fn bad_arguments_exit_2_with_the_problem_on_stderr() {
    let dir = Scratch::new("cli-edits-bad");
    let (r, c) = (dir.path("r.json"), dir.path("c.json"));
    let cases: &[(&str, &[&str], &str)] = &[
        ("assign", &["--employee", "e-152", "--shift", SHIFT, "--by", "m-3"], "--by and --reason go together"),
        ("assign", &["--employee", "e-152", "--shift", SHIFT, "--reason", "why not"], "--by and --reason go together"),
        ("assign", &["--employee", "e-152", "--shift", SHIFT, "--by", " ", "--reason", "x"], "error: override.by: an override must say who made it"),
        ("assign", &["--employee", "nobody", "--shift", SHIFT], "no employee has the id \"nobody\""),
        ("assign", &["--employee", "e-102", "--shift", "nowhere", "--out-roster", &r, "--out-credentials", &c], "no shift has the id \"nowhere\""),
        ("assign", &["--employee", "e-102", "--shift", SHIFT, "--out-roster", &r], "--out-roster and --out-credentials go together"),
        ("assign", &["--employee", "e-102", "--shift", SHIFT, "--out-roster", &r, "--out-credentials", &r], "both name"),
        ("assign", &["--employee", "e-102"], "assign needs --shift"),
        ("unassign", &["--employee", "e-101", "--shift", SHIFT, "--by", "m-3", "--reason", "x"], "unassign does not take --by"),
        ("move-shift", &["--shift", SHIFT, "--start", "2026-12-10T07:00:00-06:00", "--end", "2026-12-10T07:00:00-06:00"], "error: end: "),
        ("move-shift", &["--shift", SHIFT, "--start", "2026-12-10T07:00:00", "--end", "2026-12-10T19:00:00-06:00"], "error: start: "),
        ("check-placement", &["--employee", "e-102", "--placement", "{\"start\": "], "placement: --placement is not JSON"),
        ("check-placement", &["--employee", "e-102", "--placement", "{\"start\": \"2026-12-10T07:00:00-06:00\"}"], "error: placement.end: is required"),
        ("check-placement", &["--employee", "e-102", "--placement", "{\"start\": \"2026-12-10T07:00:00-06:00\", \"end\": \"2026-12-10T19:00:00-06:00\", \"roleId\": \"pilot\"}"], "placement.roleId"),
        ("check-placement", &["--employee", "e-102", "--placement", "{\"start\": \"2026-12-10T07:00:00-06:00\", \"end\": \"2026-12-10T19:00:00-06:00\"}", "--ignore-shift", "nowhere"], "no shift has the id \"nowhere\""),
        ("standing", &["--employee", "e-108", "--as-of", "2026-12-07"], "error: asOf: "),
        ("standing", &["--employee", "nobody", "--as-of", "2026-12-07T08:00:00-06:00"], "no employee has the id \"nobody\""),
        ("standing", &["--employee", "e-108"], "standing needs --as-of"),
        ("standing", &["--employee", "e-108", "--as-of"], "--as-of needs a value"),
    ];
    for (name, extra, expected) in cases {
        let out = cmd(name, extra);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "credgate {name} {extra:?}: {err}");
        assert!(out.stdout.is_empty(), "credgate {name} {extra:?} printed {}", String::from_utf8_lossy(&out.stdout));
        assert!(err.contains(expected), "credgate {name} {extra:?}: stderr lacks {expected:?}:\n{err}");
    }
    assert!(dir.files().is_empty(), "{:?}", dir.files());
}

#[test]
fn check_placement_prints_a_verdict() {
    let placement = r#"{"start": "2026-12-10T07:00:00-06:00", "end": "2026-12-10T19:00:00-06:00", "locationId": "hou-bayou", "roleId": "icu-rn"}"#;
    let out = cmd("check-placement", &["--employee", "e-102", "--placement", placement]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = stdout_json(&out);
    assert_eq!(v["employeeId"], "e-102");
    assert_eq!(v["shiftId"], serde_json::Value::Null);
    // The shift being dragged: named, and its own time does not overlap itself.
    let at_its_time = r#"{"start": "2026-12-09T07:00:00-06:00", "end": "2026-12-09T19:00:00-06:00", "locationId": "hou-bayou", "roleId": "icu-rn"}"#;
    let out = cmd("check-placement", &["--employee", "e-101", "--placement", at_its_time, "--ignore-shift", SHIFT]);
    let v = stdout_json(&out);
    assert_eq!(v["shiftId"], SHIFT);
    assert_eq!(v, stdout_json(&cmd("check", &["--employee", "e-101", "--shift", SHIFT])));
    assert!(!v["reasons"].as_array().unwrap().iter().any(|r| r["kind"] == "overlap"), "{v}");
}

#[test]
fn standing_lists_every_code_held_or_needed() {
    let out = cmd("standing", &["--employee", "e-108", "--as-of", "2026-12-07T08:00:00-06:00"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let s = stdout_json(&out);
    assert_eq!((s["employeeId"].as_str(), s["employeeName"].as_str()), (Some("e-108"), Some("Priya Raman")));
    let acls = s["codes"].as_array().unwrap().iter().find(|c| c["code"] == "ACLS").unwrap();
    assert_eq!((acls["state"].as_str(), acls["credentialId"].as_str(), acls["daysLeft"].as_i64()), (Some("inGrace"), Some("cr-0036"), Some(-7)));
    assert_eq!(acls["validUntil"], "2026-11");
    for c in s["codes"].as_array().unwrap() {
        assert_eq!(c["currentUntil"], serde_json::Value::Null);
        for key in ["code", "state", "credentialId", "recordCode", "validFrom", "validUntil", "daysLeft", "validIn", "restrictions", "renewalTrainingId", "requiredByRoleIds", "requiredByShiftIds"] {
            assert!(c.get(key).is_some(), "{key} missing from {c}");
        }
    }
}

#[test]
fn help_is_the_table_of_sub_commands() {
    let out = run(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8(out.stdout).unwrap();
    for name in [
        "check", "check-placement", "candidates", "validate", "assign", "unassign", "move-shift", "standing", "alerts", "gaps", "holders", "audit", "report",
        "import-csv", "import-inrc2",
    ] {
        assert!(help.lines().any(|l| l.trim_start().starts_with(&format!("credgate {name} "))), "--help lacks {name}:\n{help}");
    }
    assert!(help.contains("credgate assign     --roster FILE --credentials FILE --employee ID --shift ID [--by NAME --reason TEXT]"), "{help}");
    // Each sub-command takes exactly the flags its usage line names.
    let out = cmd("standing", &["--employee", "e-108", "--as-of", "2026-12-07T08:00:00-06:00", "--days", "3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("standing does not take --days"));
    let out = run(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown command \"frobnicate\""));
    assert!(Path::new(&root().join(ROSTER)).exists());
}

/// A placement with several bad fields: every one is reported, each with its path, not only
/// the first (and two bad instants are two problems).
#[test]
fn check_placement_reports_every_bad_field() {
    let placement = r#"{"start": "2026-12-10T07:00:00", "end": "x", "locationId": "mars", "roleId": "pilot", "queueIds": ["q?"], "requires": {"all": ["NOPE", "BLS"]}}"#;
    let out = cmd("check-placement", &["--employee", "e-102", "--placement", placement]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let paths: Vec<&str> = err.lines().filter_map(|l| l.strip_prefix("error: ")).filter_map(|l| l.split(':').next()).collect();
    assert_eq!(paths, ["placement.start", "placement.end", "placement.locationId", "placement.roleId", "placement.queueIds[0]", "placement.requires.all[0]"]);
    // The interval is judged once both instants read: an end before the start, beside a bad role.
    let placement = r#"{"start": "2026-12-10T07:00:00-06:00", "end": "2026-12-10T06:00:00-06:00", "roleId": "pilot"}"#;
    let out = cmd("check-placement", &["--employee", "e-102", "--placement", placement]);
    let err = stderr(&out);
    let paths: Vec<&str> = err.lines().filter_map(|l| l.strip_prefix("error: ")).filter_map(|l| l.split(':').next()).collect();
    assert_eq!(paths, ["placement.end", "placement.roleId"]);
}
