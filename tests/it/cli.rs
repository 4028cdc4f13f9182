//! The `credgate` command line: output, stderr and exit codes as SPEC §4 gives them.

use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_credgate")).args(args).current_dir(root()).output().expect("the binary runs")
}

fn samples(extra: &[&str]) -> Vec<String> {
    let mut v = vec!["--roster", "www/data/roster.json", "--credentials", "www/data/credentials.json"];
    v.extend_from_slice(extra);
    v.into_iter().map(String::from).collect()
}

fn run_cmd(cmd: &str, extra: &[&str]) -> Output {
    let mut args = vec![cmd.to_string()];
    args.extend(samples(extra));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&refs)
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn check_prints_a_verdict_and_exits_0_even_when_it_blocks() {
    let out = run_cmd("check", &["--employee", "e-129", "--shift", "ed-sat-1212-d"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["status"], "block");
    assert_eq!(v["reasons"][0]["kind"], "expired");
    assert_eq!(v["reasons"][0]["code"], "BLS");
}

/// `check --pairs FILE`: one compact verdict a line, in the file's order, each equal to what
/// `check --employee --shift` prints; JSON lines and a JSON array both read; every unknown id
/// and malformed entry reported with its place, and nothing printed.
#[test]
fn check_pairs_prints_one_verdict_a_line() {
    let dir = std::env::temp_dir().join(format!("credgate-cli-pairs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pairs = [("e-129", "ed-sat-1212-d"), ("e-130", "icu-hou-1209-d"), ("e-129", "ed-sat-1212-d")];
    let lines: Vec<String> = pairs.iter().map(|(e, s)| serde_json::json!({"employeeId": e, "shiftId": s}).to_string()).collect();
    let jsonl = dir.join("pairs.jsonl");
    std::fs::write(&jsonl, lines.join("\n") + "\n\n").unwrap();
    let array = dir.join("pairs.json");
    std::fs::write(&array, format!("[{}]", lines.join(",\n"))).unwrap();
    for file in [&jsonl, &array] {
        let out = run_cmd("check", &["--pairs", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        let got: Vec<&str> = text.lines().collect();
        assert_eq!(got.len(), pairs.len());
        for ((e, s), line) in pairs.iter().zip(&got) {
            let one = json(&run_cmd("check", &["--employee", e, "--shift", s]));
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(v, one, "{e} on {s}");
            assert!(!line.contains('\n'));
        }
    }
    let bad = dir.join("bad.jsonl");
    std::fs::write(&bad, "{\"employeeId\": \"e-129\", \"shiftId\": \"nowhere\"}\n{\"employeeId\": \"nobody\", \"shiftId\": \"ed-sat-1212-d\"}\n").unwrap();
    let out = run_cmd("check", &["--pairs", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error: pairs[0].shiftId: no shift has the id \"nowhere\""), "{err}");
    assert!(err.contains("error: pairs[1].employeeId: no employee has the id \"nobody\""), "{err}");
    std::fs::write(&bad, "{\"employeeId\": \"e-129\"}\nnot json\n").unwrap();
    let out = run_cmd("check", &["--pairs", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error: pairs[0]: expected an object with string employeeId and shiftId") && err.contains("error: pairs[1]: not JSON"), "{err}");
    let out = run_cmd("check", &["--pairs", jsonl.to_str().unwrap(), "--employee", "e-129"]);
    assert_eq!(out.status.code(), Some(2), "--pairs with --employee");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn validate_exits_1_when_anything_blocks() {
    let out = run_cmd("validate", &[]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json(&out);
    assert_eq!(v["status"], "block");
    let kinds: std::collections::BTreeSet<String> = v["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|v| v["reasons"].as_array().unwrap().iter().map(|r| r["kind"].as_str().unwrap().to_string()))
        .chain(v["findings"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap().to_string()))
        .collect();
    // Every reason kind but the info-only expiringSoon appears in the sample roster's validation.
    for kind in [
        "inGrace", "waived", "expired", "expiresDuringShift", "notYetValid", "pending", "suspended", "revoked",
        "wrongJurisdiction", "unsupervised", "missing", "notInRole", "overlap", "inTraining", "restTooShort", "crewShortfall",
    ] {
        assert!(kinds.contains(kind), "{kind} does not occur in the sample documents");
    }
}

#[test]
fn candidates_lists_everyone_best_first() {
    let out = run_cmd("candidates", &["--shift", "icu-hou-1209-d"]);
    assert_eq!(out.status.code(), Some(0));
    let list = json(&out);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 52);
    let rank = |s: &str| ["ok", "warn", "block"].iter().position(|x| *x == s).unwrap();
    let ranks: Vec<usize> = list.iter().map(|c| rank(c["status"].as_str().unwrap())).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
}

#[test]
fn unknown_ids_and_bad_arguments_exit_2() {
    let out = run_cmd("check", &["--employee", "nobody", "--shift", "ed-sat-1212-d"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no employee has the id \"nobody\""));
    assert_eq!(run_cmd("check", &["--shift", "ed-sat-1212-d"]).status.code(), Some(2));
    assert_eq!(run_cmd("validate", &["--frobnicate", "1"]).status.code(), Some(2));
    assert_eq!(run(&["explode"]).status.code(), Some(2));
    assert_eq!(run(&["validate", "--roster", "/nonexistent.json", "--credentials", "x"]).status.code(), Some(2));
    assert_eq!(run(&["--help"]).status.code(), Some(0));
}

#[test]
fn a_load_failure_prints_every_problem_with_its_path() {
    let dir = std::env::temp_dir().join(format!("credgate-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let roster = dir.join("roster.json");
    let credentials = dir.join("credentials.json");
    std::fs::write(&roster, r#"{"shifts": [{"id": "s1", "start": "2026-12-01T07:00:00", "end": "2026-12-01T19:00:00Z", "locationId": "nowhere"}]}"#).unwrap();
    std::fs::write(&credentials, r#"{"credentials": [{"id": "c1", "employeeId": "e1", "code": "BLS", "validUntil": "2026-13-01"}]}"#).unwrap();
    let out = run(&["validate", "--roster", roster.to_str().unwrap(), "--credentials", credentials.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error: shifts[0].start: \"2026-12-01T07:00:00\" has no UTC offset"), "{stderr}");
    assert!(stderr.contains("error: shifts[0].locationId: no location has the id \"nowhere\""), "{stderr}");
    assert!(stderr.contains("error: credentials[0].validUntil: \"2026-13-01\" is not a date"), "{stderr}");
    assert!(out.stdout.is_empty());
    // Warnings go to stderr and do not fail the load.
    std::fs::write(&roster, r#"{"employees": [{"id": "e1"}]}"#).unwrap();
    std::fs::write(&credentials, r#"{"credentials": [{"id": "c1", "employeeId": "e9", "code": "BLS", "validUntil": null}]}"#).unwrap();
    let out = run(&["validate", "--roster", roster.to_str().unwrap(), "--credentials", credentials.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("warning: credentials[0].employeeId: no employee has the id \"e9\""), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn import_inrc2_writes_documents_that_validate() {
    let data = root().join("data/public-rosters/inrc2/n005w4");
    assert!(data.is_dir(), "the published INRC-II data is expected at {}", data.display());
    let dir = std::env::temp_dir().join(format!("credgate-inrc2-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = |f: &str| data.join(f).to_string_lossy().into_owned();
    let (r, c) = (dir.join("r.json").to_string_lossy().into_owned(), dir.join("c.json").to_string_lossy().into_owned());
    let sol = "Solution_H_0-WD_1-2-3-3";
    let out = run(&[
        "import-inrc2",
        "--scenario", &p("Sc-n005w4.txt"),
        "--week", &p("WD-n005w4-1.txt"), &p("WD-n005w4-2.txt"), &p("WD-n005w4-3.txt"), &p("WD-n005w4-3.txt"),
        "--solution", &p(&format!("{sol}/Sol-n005w4-1-0.txt")), &p(&format!("{sol}/Sol-n005w4-2-1.txt")),
        &p(&format!("{sol}/Sol-n005w4-3-2.txt")), &p(&format!("{sol}/Sol-n005w4-3-3.txt")),
        "--out-roster", &r, "--out-credentials", &c,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["validate", "--roster", &r, "--credentials", &c]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(json(&out)["status"], "ok");
    let _ = std::fs::remove_dir_all(&dir);
}

/// SPEC §8.1: a softened `crewShortfall` makes `validate` exit 0 when nothing else blocks; the
/// same roster with the rule blocking exits 1.
#[test]
fn validate_exits_0_when_only_a_softened_crew_shortfall_remains() {
    let scratch = crate::common::Scratch::new("cli-severities");
    let credentials = r#"{"credentialTypes": [{"code": "BLS"}]}"#;
    std::fs::write(scratch.path("credentials.json"), credentials).unwrap();
    let shifts = r#"[{"id": "s1", "start": "2026-12-01T07:00:00Z", "end": "2026-12-01T19:00:00Z", "assigned": ["e1"], "crew": [{"requires": "BLS"}]}]"#;
    for (severity, code, status) in [("warn", 0, "warn"), ("block", 1, "block")] {
        let roster = format!(r#"{{"employees": [{{"id": "e1"}}], "shifts": {shifts}, "rules": {{"severities": {{"crewShortfall": "{severity}"}}}}}}"#);
        std::fs::write(scratch.path("roster.json"), roster).unwrap();
        let out = run(&["validate", "--roster", &scratch.path("roster.json"), "--credentials", &scratch.path("credentials.json")]);
        assert_eq!(out.status.code(), Some(code), "{severity}: {}", String::from_utf8_lossy(&out.stderr));
        let v = json(&out);
        assert_eq!(v["status"], status);
        assert_eq!(v["findings"][0]["kind"], "crewShortfall");
        assert_eq!(v["findings"][0]["severity"], severity);
    }
}

/// `import-csv --kind events` (SPEC §8): the events as a JSON array; a bad cell exits 2 with its
/// line and column.
#[test]
fn import_csv_reads_events() {
    let scratch = crate::common::Scratch::new("cli-csv-events");
    std::fs::write(scratch.path("events.csv"), "Event ID,Employee,Type,Date,Count\nv1,e1,landing,2026-11-20T10:00:00Z,3\n").unwrap();
    let out = run(&["import-csv", "--kind", "events", "--file", &scratch.path("events.csv")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out), serde_json::json!([{"id": "v1", "employeeId": "e1", "kind": "landing", "at": "2026-11-20T10:00:00Z", "count": 3}]));
    std::fs::write(scratch.path("bad.csv"), "Event ID,Employee,Type,Date,Count\nv1,e1,landing,2026-11-20,3\n").unwrap();
    let out = run(&["import-csv", "--kind", "events", "--file", &scratch.path("bad.csv")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2, column 4 (Date)"), "{}", String::from_utf8_lossy(&out.stderr));
}
