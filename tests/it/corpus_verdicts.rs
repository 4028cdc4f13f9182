//! The verdict corpus: the rules of verdicts at their boundaries (SPEC §2.1, §3, §3.1 and
//! docs/decisions.md), as data in `tests/corpus/verdicts/`, one topic per file. The same files
//! are run through the npm package in Node.js and in headless Chromium by
//! `js-tests/verdict-corpus.test.mjs`: one corpus, every engine.
//!
//! # A corpus file
//!
//! ```json
//! {
//!   "about": "the topic, and the rules it covers",
//!   "roster": { ... },                  the documents every case of the file loads
//!   "credentials": { ... },
//!   "warnings": ["waivers[2].locationIds"],   the exact load warnings, by path (default: none)
//!   "cases": [
//!     { "name": "unique-in-the-file",
//!       "why": "the rule the case states, and where the contract says it",
//!       "op": "check",  "employeeId": "e1", "shiftId": "s1",
//!       "expect": { "status": "block",
//!                   "reasons": [ {"kind": "expired", "severity": "block", "code": "BLS", "daysLeft": -1} ],
//!                   "evidence": [] } }
//!   ]
//! }
//! ```
//!
//! - `op` is `check` (`employeeId`, `shiftId`), `checkPlacement` (`employeeId`, `placement`,
//!   optional `ignoreShiftId`), `validate`, or `candidates` (`shiftId`).
//! - A case may add `rosterPatch` / `credentialsPatch`: top-level members that replace the
//!   file's (`{"rules": {"overlap": "allow"}}`), loaded as a document of their own; then its
//!   `warnings` (default: none) replace the file's.
//! - `expect` is compared with the engine's answer as JSON (serde_json of the public result
//!   here, the plain object in JavaScript): every member named in an expected object must be
//!   in the answer and equal (numbers by value); members not named are not compared; the
//!   string `"$absent"` requires that the member be absent. Arrays must have the same length
//!   and match item by item, in order. Every verdict (`check`, `checkPlacement`, each
//!   candidate, each of `validate`'s verdicts) must name its `reasons`, each with its `kind`,
//!   so the reason kinds always match exactly, in the order of docs/decisions.md 17.
//! - For `check`, the status-only path (`Engine::status` by dense indexes, the per-drag call)
//!   must also give the verdict's status.
//! - `knownBug: "what the engine does instead"` marks a case where the engine disagrees with
//!   the contract: it is reported and does not fail the run, but a marked case that passes does
//!   fail (so that the mark is removed when the bug is fixed).
//!
//! The expectations are derived by hand from the contract, not recorded from the engine.
//! `VERDICT_CORPUS_FILTER=substring` runs only the cases whose `file/name` contains it.

use credgate::{Engine, Placement};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Fewer files than this means the corpus went missing (an empty glob must not pass).
const MIN_FILES: usize = 12;

const FILE_KEYS: &[&str] = &["about", "roster", "credentials", "warnings", "cases"];
const CASE_KEYS: &[&str] =
    &["name", "why", "op", "employeeId", "shiftId", "placement", "ignoreShiftId", "rosterPatch", "credentialsPatch", "warnings", "expect", "knownBug"];
const ABSENT: &str = "$absent";

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("corpus").join("verdicts")
}

fn corpus_files() -> Vec<PathBuf> {
    let dir = corpus_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read the corpus {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries.map(|e| e.expect("a directory entry").path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
    files.sort();
    files
}

enum Outcome {
    Passed,
    Failed(String),
    KnownBug(String),
}

#[test]
fn verdict_corpus() {
    let filter = std::env::var("VERDICT_CORPUS_FILTER").ok().filter(|f| !f.is_empty());
    let files = corpus_files();
    assert!(filter.is_some() || files.len() >= MIN_FILES, "the verdict corpus in {} has {} files; at least {MIN_FILES} are expected", corpus_dir().display(), files.len());

    let (mut passed, mut failed, mut known) = (0usize, Vec::new(), Vec::new());
    for path in &files {
        let file = path.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let corpus = match read_file(path) {
            Ok(c) => c,
            Err(e) => {
                failed.push(format!("=== {file} ===\n    the file is not a valid corpus file: {e}"));
                continue;
            }
        };
        let mut base: Option<Result<Engine, String>> = None;
        for case in &corpus.cases {
            let label = format!("{file}/{}", case.name);
            if filter.as_ref().is_some_and(|f| !label.contains(f.as_str())) {
                continue;
            }
            match run_case(&corpus, case, &mut base) {
                Outcome::Passed => passed += 1,
                Outcome::Failed(report) => failed.push(format!("=== {label} ===\n    why: {}\n{report}", case.why)),
                Outcome::KnownBug(report) => known.push(format!("=== {label} (known bug: {}) ===\n{report}", case.known_bug.as_deref().unwrap_or(""))),
            }
        }
    }
    let total = passed + failed.len() + known.len();
    assert!(total > 0, "no case matches VERDICT_CORPUS_FILTER={filter:?}");
    for k in &known {
        eprintln!("{k}");
    }
    eprintln!("verdict corpus: {total} cases, {passed} passed, {} known bugs, {} failed", known.len(), failed.len());
    if !failed.is_empty() {
        panic!("{} of {total} verdict corpus cases failed:\n\n{}", failed.len(), failed.join("\n\n"));
    }
}

// ---------------------------------------------------------------------------------------------
// Reading a file.

struct CorpusFile {
    roster: Map<String, Value>,
    credentials: Map<String, Value>,
    warnings: Vec<String>,
    cases: Vec<Case>,
}

struct Case {
    name: String,
    why: String,
    op: Op,
    roster_patch: Option<Map<String, Value>>,
    credentials_patch: Option<Map<String, Value>>,
    warnings: Option<Vec<String>>,
    expect: Value,
    known_bug: Option<String>,
}

enum Op {
    Check { employee: String, shift: String },
    CheckPlacement { employee: String, placement: Value, ignore: Option<String> },
    Validate,
    Candidates { shift: String },
}

fn read_file(path: &Path) -> Result<CorpusFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read it: {e}"))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    let Value::Object(top) = v else { return Err("not a JSON object".into()) };
    unknown_keys(&top, FILE_KEYS, "the file")?;
    top.get("about").and_then(Value::as_str).ok_or("\"about\" must be a string")?;
    let object = |key: &str| match top.get(key) {
        None => Ok(Map::new()),
        Some(Value::Object(m)) => Ok(m.clone()),
        Some(_) => Err(format!("\"{key}\" must be an object")),
    };
    let roster = object("roster")?;
    let credentials = object("credentials")?;
    let warnings = string_list(top.get("warnings"), "warnings")?.unwrap_or_default();
    let Some(Value::Array(items)) = top.get("cases") else { return Err("\"cases\" must be an array".into()) };
    if items.is_empty() {
        return Err("\"cases\" is empty".into());
    }
    let mut cases = Vec::new();
    let mut names = BTreeSet::new();
    for (i, item) in items.iter().enumerate() {
        let case = read_case(item).map_err(|e| format!("cases[{i}]: {e}"))?;
        if !names.insert(case.name.clone()) {
            return Err(format!("cases[{i}]: the name {:?} is used twice", case.name));
        }
        cases.push(case);
    }
    Ok(CorpusFile { roster, credentials, warnings, cases })
}

fn read_case(item: &Value) -> Result<Case, String> {
    let Value::Object(c) = item else { return Err("a case must be an object".into()) };
    unknown_keys(c, CASE_KEYS, "a case")?;
    let s = |key: &str| c.get(key).and_then(Value::as_str).map(str::to_string);
    let need = |key: &str| s(key).ok_or_else(|| format!("\"{key}\" must be a string"));
    let name = need("name")?;
    let why = need("why").map_err(|e| format!("{name}: {e}"))?;
    let op = match need("op")?.as_str() {
        "check" => Op::Check { employee: need("employeeId")?, shift: need("shiftId")? },
        "checkPlacement" => Op::CheckPlacement {
            employee: need("employeeId")?,
            placement: c.get("placement").filter(|p| p.is_object()).cloned().ok_or("\"placement\" must be an object")?,
            ignore: s("ignoreShiftId"),
        },
        "validate" => Op::Validate,
        "candidates" => Op::Candidates { shift: need("shiftId")? },
        other => return Err(format!("{name}: unknown op {other:?}")),
    };
    let patch = |key: &str| match c.get(key) {
        None => Ok(None),
        Some(Value::Object(m)) => Ok(Some(m.clone())),
        Some(_) => Err(format!("{name}: \"{key}\" must be an object")),
    };
    let expect = c.get("expect").cloned().ok_or_else(|| format!("{name}: \"expect\" is required"))?;
    let shape = match &op {
        Op::Check { .. } | Op::CheckPlacement { .. } => verdict_shape(&expect, "expect"),
        Op::Validate => validation_shape(&expect),
        Op::Candidates { .. } => match &expect {
            Value::Array(items) => items.iter().enumerate().try_for_each(|(i, v)| verdict_shape(v, &format!("expect[{i}]"))),
            _ => Err("expect must be an array of candidates".into()),
        },
    };
    shape.map_err(|e| format!("{name}: {e}"))?;
    Ok(Case {
        why,
        op,
        roster_patch: patch("rosterPatch")?,
        credentials_patch: patch("credentialsPatch")?,
        warnings: string_list(c.get("warnings"), "warnings")?,
        expect,
        known_bug: s("knownBug"),
        name,
    })
}

/// Every expected verdict names its reasons, each with a kind: the kinds always match exactly.
fn verdict_shape(v: &Value, at: &str) -> Result<(), String> {
    let Some(Value::String(_)) = v.get("status") else { return Err(format!("{at} must name a status")) };
    let Some(Value::Array(reasons)) = v.get("reasons") else { return Err(format!("{at} must list its reasons")) };
    for (i, r) in reasons.iter().enumerate() {
        if !r.get("kind").is_some_and(Value::is_string) {
            return Err(format!("{at}.reasons[{i}] must name its kind"));
        }
    }
    Ok(())
}

fn validation_shape(v: &Value) -> Result<(), String> {
    let Some(Value::String(_)) = v.get("status") else { return Err("expect must name a status".into()) };
    let Some(Value::Array(verdicts)) = v.get("verdicts") else { return Err("expect must list the verdicts".into()) };
    let Some(Value::Array(_)) = v.get("findings") else { return Err("expect must list the findings".into()) };
    verdicts.iter().enumerate().try_for_each(|(i, v)| verdict_shape(v, &format!("expect.verdicts[{i}]")))
}

fn unknown_keys(m: &Map<String, Value>, known: &[&str], what: &str) -> Result<(), String> {
    match m.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(format!("{what} has an unknown key {k:?} (known: {known:?})")),
        None => Ok(()),
    }
}

fn string_list(v: Option<&Value>, key: &str) -> Result<Option<Vec<String>>, String> {
    match v {
        None => Ok(None),
        Some(Value::Array(items)) => items.iter().map(|x| x.as_str().map(str::to_string).ok_or_else(|| format!("\"{key}\" must hold strings"))).collect::<Result<_, _>>().map(Some),
        Some(_) => Err(format!("\"{key}\" must be an array of strings")),
    }
}

// ---------------------------------------------------------------------------------------------
// Running a case.

fn patched(base: &Map<String, Value>, patch: Option<&Map<String, Value>>) -> String {
    let mut doc = base.clone();
    for (k, v) in patch.into_iter().flatten() {
        doc.insert(k.clone(), v.clone());
    }
    Value::Object(doc).to_string()
}

/// Loads documents, checking the warnings by path (a multiset).
fn load(roster: &str, credentials: &str, warnings: &[String]) -> Result<Engine, String> {
    let loaded = catch_unwind(AssertUnwindSafe(|| Engine::load(roster, credentials))).map_err(|p| format!("    Engine::load PANICKED: {}", panic_message(&*p)))?;
    let loaded = loaded.map_err(|e| format!("    the documents do not load:\n{}", e.problems().iter().map(|p| format!("      {:?} {}: {}", p.document, p.path, p.message)).collect::<Vec<_>>().join("\n")))?;
    let mut got: Vec<&str> = loaded.warnings.iter().map(|p| p.path.as_str()).collect();
    let mut want: Vec<&str> = warnings.iter().map(String::as_str).collect();
    got.sort_unstable();
    want.sort_unstable();
    if got != want {
        let listed: Vec<String> = loaded.warnings.iter().map(|p| format!("      {}: {}", p.path, p.message)).collect();
        return Err(format!("    load warnings: expected {want:?}, got:\n{}", if listed.is_empty() { "      (none)".into() } else { listed.join("\n") }));
    }
    Ok(loaded.engine)
}

fn run_case(file: &CorpusFile, case: &Case, base: &mut Option<Result<Engine, String>>) -> Outcome {
    let own;
    let engine = if case.roster_patch.is_none() && case.credentials_patch.is_none() && case.warnings.is_none() {
        base.get_or_insert_with(|| load(&patched(&file.roster, None), &patched(&file.credentials, None), &file.warnings)).as_ref()
    } else {
        let roster = patched(&file.roster, case.roster_patch.as_ref());
        let credentials = patched(&file.credentials, case.credentials_patch.as_ref());
        own = load(&roster, &credentials, case.warnings.as_deref().unwrap_or(&[]));
        own.as_ref()
    };
    let report = match engine {
        Err(report) => report.clone(),
        Ok(engine) => match catch_unwind(AssertUnwindSafe(|| answer(engine, &case.op))) {
            Err(p) => format!("    {} PANICKED: {}", describe(&case.op), panic_message(&*p)),
            Ok(Err(e)) => format!("    {} failed: {e}", describe(&case.op)),
            Ok(Ok(actual)) => {
                let mut diffs = Vec::new();
                compare(&case.expect, &actual, "$", &mut diffs);
                fast_path(engine, &case.op, &actual, &mut diffs);
                if diffs.is_empty() {
                    String::new()
                } else {
                    let mut r = format!("    {}: {} difference(s)\n", describe(&case.op), diffs.len());
                    for d in &diffs {
                        let _ = writeln!(r, "      {d}");
                    }
                    let _ = write!(r, "    the answer:\n      {}", serde_json::to_string_pretty(&actual).unwrap_or_default().replace('\n', "\n      "));
                    r
                }
            }
        },
    };
    match (report.is_empty(), &case.known_bug) {
        (true, None) => Outcome::Passed,
        (false, None) => Outcome::Failed(report),
        (false, Some(_)) => Outcome::KnownBug(report),
        (true, Some(bug)) => Outcome::Failed(format!("    marked as a known bug ({bug}) but it passes now: remove the knownBug mark")),
    }
}

fn describe(op: &Op) -> String {
    match op {
        Op::Check { employee, shift } => format!("check({employee:?}, {shift:?})"),
        Op::CheckPlacement { employee, placement, ignore } => format!("checkPlacement({employee:?}, {placement}, {{ignoreShiftId: {ignore:?}}})"),
        Op::Validate => "validate()".into(),
        Op::Candidates { shift } => format!("candidates({shift:?})"),
    }
}

fn answer(engine: &Engine, op: &Op) -> Result<Value, String> {
    let json = |v: Result<Value, serde_json::Error>| v.map_err(|e| format!("cannot serialize the answer: {e}"));
    match op {
        Op::Check { employee, shift } => json(serde_json::to_value(engine.check(employee, shift).map_err(|e| e.to_string())?)),
        Op::CheckPlacement { employee, placement, ignore } => {
            // The placement as the engine's own JSON value, as the CLI and the package read it.
            let value = credgate::Value::parse(&placement.to_string()).map_err(|e| e.to_string())?;
            let p = Placement::from_value(&value).map_err(|e| e.to_string())?;
            json(serde_json::to_value(engine.check_placement(employee, &p, ignore.as_deref()).map_err(|e| e.to_string())?))
        }
        Op::Validate => json(serde_json::to_value(engine.validate())),
        Op::Candidates { shift } => json(serde_json::to_value(engine.candidates(shift).map_err(|e| e.to_string())?)),
    }
}

/// For `check`: the status-only path (the per-drag call, by dense indexes) must give the full
/// verdict's status.
fn fast_path(engine: &Engine, op: &Op, actual: &Value, out: &mut Vec<String>) {
    let Op::Check { employee, shift } = op else { return };
    let status = engine.employee_index(employee).zip(engine.shift_index(shift)).and_then(|(e, s)| engine.status(e, s));
    let full = actual.get("status").and_then(Value::as_str);
    if status.map(|s| s.as_str()) != full {
        out.push(format!("$.status: the status-only path gives {:?}, the verdict {full:?}", status.map(|s| s.as_str())));
    }
}

/// The expected subset against the answer: every difference, as `path: expected …, got …`.
/// The same rules as `compare` in js-tests/verdict-corpus.mjs.
fn compare(expected: &Value, actual: &Value, at: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let here = format!("{at}.{k}");
                match (ev.as_str() == Some(ABSENT), a.get(k)) {
                    (true, None) => {}
                    (true, Some(av)) => out.push(format!("{here}: expected absent, got {av}")),
                    (false, None) => out.push(format!("{here}: expected {ev}, got nothing")),
                    (false, Some(av)) => compare(ev, av, &here, out),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.push(format!("{at}: expected {} item(s), got {}{}", e.len(), a.len(), kinds_note(e, a)));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                compare(ev, av, &format!("{at}[{i}]"), out);
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            if e.as_f64() != a.as_f64() {
                out.push(format!("{at}: expected {e}, got {a}"));
            }
        }
        (e, a) => {
            if e != a {
                out.push(format!("{at}: expected {e}, got {a}"));
            }
        }
    }
}

/// For lists of reasons of different lengths: both lists of kinds.
fn kinds_note(e: &[Value], a: &[Value]) -> String {
    let kinds = |l: &[Value]| l.iter().map(|r| r.get("kind").and_then(Value::as_str).unwrap_or("?").to_string()).collect::<Vec<_>>();
    if e.iter().chain(a).all(|r| r.get("kind").is_some()) {
        format!(" (kinds: expected {:?}, got {:?})", kinds(e), kinds(a))
    } else {
        String::new()
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic without a message)".to_string()
    }
}
