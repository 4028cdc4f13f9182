//! The command line's `apply` (SPEC §6.1, last rule): a batch of operations from a file, the
//! answer on stdout, exit 1 when refused and 2 when invalid (the paths on stderr), `--dry-run`
//! as `preview`, both documents written atomically only when applied, inputs never modified.

use crate::common::{assigned, root, stderr, stdout_json, Scratch};
use std::path::Path;
use std::process::{Command, Output};

const ROSTER: &str = "www/data/roster.json";
const CREDENTIALS: &str = "www/data/credentials.json";
/// On `icu-hou-1209-d`: e-102 may be added (ok), e-152 may not (a pending licence).
const SHIFT: &str = "icu-hou-1209-d";

/// Writes the ops file into `dir`; its path.
fn write_ops(dir: &Scratch, ops: &serde_json::Value) -> String {
    let path = dir.path("ops.json");
    std::fs::write(&path, ops.to_string()).unwrap();
    path
}

/// Every file in `dir` but the ops file, sorted (a leftover temporary file would show here).
fn outputs(dir: &Scratch) -> Vec<String> {
    dir.files().into_iter().filter(|n| n != "ops.json").collect()
}

/// The two input files' bytes, to show they are never modified.
fn inputs() -> (Vec<u8>, Vec<u8>) {
    (std::fs::read(root().join(ROSTER)).unwrap(), std::fs::read(root().join(CREDENTIALS)).unwrap())
}

/// `credgate apply --roster R --credentials C --ops OPS EXTRA...`; the inputs checked untouched.
fn apply(ops: &str, extra: &[&str]) -> Output {
    let before = inputs();
    let mut args = vec!["apply", "--roster", ROSTER, "--credentials", CREDENTIALS, "--ops", ops];
    args.extend_from_slice(extra);
    let out = Command::new(env!("CARGO_BIN_EXE_credgate")).args(&args).current_dir(root()).output().expect("the binary runs");
    assert!(inputs() == before, "apply modified an input file");
    out
}

fn assign(employee: &str) -> serde_json::Value {
    serde_json::json!({"op": "assign", "employeeId": employee, "shiftId": SHIFT})
}

fn outs(dir: &Scratch) -> [String; 4] {
    ["--out-roster".into(), dir.path("roster.json"), "--out-credentials".into(), dir.path("credentials.json")]
}

#[test]
fn an_applied_batch_prints_its_changes_and_writes_both_documents_with_the_log() {
    let dir = Scratch::new("cli-apply-applied");
    let ops = write_ops(&dir, &serde_json::json!([assign("e-102")]));
    let o = outs(&dir);
    let out = apply(&ops, &o.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let result = stdout_json(&out);
    assert_eq!((result["applied"].as_bool(), result["refused"].as_bool()), (Some(true), Some(false)));
    assert_eq!(result["errors"], serde_json::json!([]));
    let change = result["changes"]["verdicts"].as_array().unwrap().iter().find(|c| c["employeeId"] == "e-102").expect("e-102's new assignment is a change");
    assert_eq!((&change["shiftId"], &change["before"], &change["after"]["status"]), (&serde_json::json!(SHIFT), &serde_json::Value::Null, &serde_json::json!("ok")));
    assert_eq!(change["after"]["employeeId"], "e-102", "`after` is a full verdict");
    assert_eq!(outputs(&dir), ["credentials.json", "roster.json"], "no temporary file is left");
    let roster = dir.read("roster.json");
    assert_eq!(assigned(&roster, SHIFT), ["e-101", "e-104", "e-105", "e-102"]);
    let log = roster["changeLog"].as_array().expect("the change log is written into the roster");
    assert_eq!(log.len(), 1);
    assert_eq!((&log[0]["seq"], &log[0]["override"], &log[0]["ops"]), (&serde_json::json!(1), &serde_json::json!(false), &serde_json::json!([assign("e-102")])));
    assert_eq!(log[0], result["logEntry"], "the entry printed is the entry written");
    let credentials = dir.read("credentials.json");
    let original: serde_json::Value = serde_json::from_slice(&inputs().1).unwrap();
    assert_eq!(credentials, original, "the credentials document is written unchanged");
}

#[test]
fn a_refused_batch_exits_1_and_writes_nothing() {
    let dir = Scratch::new("cli-apply-refused");
    let ops = write_ops(&dir, &serde_json::json!([assign("e-102"), assign("e-152")]));
    let o = outs(&dir);
    let out = apply(&ops, &o.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let result = stdout_json(&out);
    assert_eq!((result["applied"].as_bool(), result["refused"].as_bool()), (Some(false), Some(true)));
    let blocked = result["changes"]["verdicts"].as_array().unwrap().iter().find(|c| c["employeeId"] == "e-152").expect("the refused pair is listed");
    assert_eq!(blocked["after"]["status"], "block");
    assert!(result.get("logEntry").is_none());
    assert_eq!(outputs(&dir), Vec::<String>::new(), "nothing is written when refused");
}

#[test]
fn an_override_applies_a_blocking_batch_and_logs_who_and_why() {
    let dir = Scratch::new("cli-apply-override");
    let ops = write_ops(&dir, &serde_json::json!([assign("e-152")]));
    let o = outs(&dir);
    let mut args: Vec<&str> = vec!["--by", "Dana Ruiz", "--reason", "agency cover confirmed"];
    args.extend(o.iter().map(String::as_str));
    let out = apply(&ops, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let roster = dir.read("roster.json");
    assert!(assigned(&roster, SHIFT).contains(&"e-152".to_string()));
    let entry = &roster["changeLog"][0];
    assert_eq!((&entry["by"], &entry["reason"], &entry["override"]), (&serde_json::json!("Dana Ruiz"), &serde_json::json!("agency cover confirmed"), &serde_json::json!(true)));
    let overridden = entry["overridden"].as_array().expect("an override names the newly blocked pairs");
    assert!(!overridden.is_empty() && overridden.iter().all(|o| o["employeeId"] == "e-152" && o["shiftId"] == SHIFT), "{overridden:?}");
    assert!(entry["at"].as_str().is_some_and(|at| at.ends_with('Z') || at.contains('+')), "at is an instant: {}", entry["at"]);
    assert_eq!(outputs(&dir), ["credentials.json", "roster.json"]);
}

#[test]
fn an_invalid_batch_exits_2_with_every_path_on_stderr_and_writes_nothing() {
    let dir = Scratch::new("cli-apply-invalid");
    let ops = write_ops(&dir, &serde_json::json!([
        assign("e-102"),
        {"op": "assign", "employeeId": "nobody", "shiftId": SHIFT},
        {"op": "fly"},
        {"op": "put", "collection": "credentials", "record": {"id": "cr-x", "employeeId": "e-102", "code": "BLS", "validUntil": "2027-02-30"}},
    ]));
    let o = outs(&dir);
    let out = apply(&ops, &o.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    for path in ["ops[1].employeeId", "ops[2].op", "ops[3].record.validUntil"] {
        assert!(err.lines().any(|l| l.starts_with(&format!("error: {path}: "))), "{path} missing from stderr:\n{err}");
    }
    assert!(!err.contains("ops[0]"), "the valid op has no problem:\n{err}");
    let result = stdout_json(&out);
    assert_eq!((result["applied"].as_bool(), result["refused"].as_bool()), (Some(false), Some(false)));
    assert_eq!(result["errors"].as_array().map(Vec::len), Some(3));
    assert_eq!(outputs(&dir), Vec::<String>::new());
}

#[test]
fn malformed_ops_json_exits_2_and_a_repeated_key_names_its_op() {
    let dir = Scratch::new("cli-apply-malformed");
    let path = dir.path("ops.json");
    std::fs::write(&path, "[{\"op\": \"assign\",").unwrap();
    let out = apply(&path, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: ops: malformed JSON at line 1"), "{}", stderr(&out));
    std::fs::write(&path, format!("[{{\"op\": \"assign\", \"employeeId\": \"e-102\", \"shiftId\": \"{SHIFT}\", \"shiftId\": \"x\"}}]")).unwrap();
    let out = apply(&path, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: ops[0].shiftId: the key \"shiftId\" appears more than once"), "{}", stderr(&out));
    // A repeated key does not hide the other ops' problems: the batch is read, judged and
    // answered with every one, in op order, and nothing is written.
    std::fs::write(&path, format!("[{{\"op\": \"assign\", \"employeeId\": \"e-102\", \"employeeId\": \"e-102\", \"shiftId\": \"{SHIFT}\"}}, {{\"op\": \"moveShift\", \"shiftId\": \"{SHIFT}\", \"start\": \"2026-12-09T07:00:00-06:00\", \"end\": \"2026-12-09T06:00:00-06:00\"}}]")).unwrap();
    let out = apply(&path, &[]);
    assert_eq!(out.status.code(), Some(2));
    let result = stdout_json(&out);
    let paths: Vec<&str> = result["errors"].as_array().into_iter().flatten().filter_map(|e| e["path"].as_str()).collect();
    assert_eq!(paths, ["ops[0].employeeId", "ops[1].end"]);
    assert_eq!((result["applied"].as_bool(), result["refused"].as_bool()), (Some(false), Some(false)));
    assert_eq!(stderr(&out).lines().filter(|l| l.starts_with("error: ")).count(), 2, "{}", stderr(&out));
}

#[test]
fn dry_run_answers_as_apply_would_and_writes_nothing() {
    let dir = Scratch::new("cli-apply-dry");
    let ops = write_ops(&dir, &serde_json::json!([assign("e-102")]));
    let dry = apply(&ops, &["--dry-run"]);
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    let applied = apply(&ops, &[]);
    let (mut d, mut a) = (stdout_json(&dry), stdout_json(&applied));
    assert!(a.as_object_mut().unwrap().remove("logEntry").is_some(), "apply writes a log entry");
    assert!(d.as_object_mut().unwrap().remove("logEntry").is_none(), "a preview writes none");
    assert_eq!(d, a, "the preview's answer is apply's");
    let refused = apply(&write_ops(&dir, &serde_json::json!([assign("e-152")])), &["--dry-run"]);
    assert_eq!((refused.status.code(), stdout_json(&refused)["refused"].as_bool()), (Some(1), Some(true)));
    let o = outs(&dir);
    let mut args = vec!["--dry-run"];
    args.extend(o.iter().map(String::as_str));
    let both = apply(&ops, &args);
    assert_eq!(both.status.code(), Some(2));
    assert!(stderr(&both).contains("--dry-run writes nothing"), "{}", stderr(&both));
    assert_eq!(outputs(&dir), Vec::<String>::new());
    assert!(Path::new(&ops).exists());
}
