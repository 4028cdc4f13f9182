//! Test helpers: document builders and verdict assertions that print what they saw.
#![allow(dead_code)]

use credgate::{Engine, Status, Verdict};
use serde_json::{json, Value};

/// Loads two JSON values, panicking with every problem when they do not load.
pub fn engine(roster: Value, credentials: Value) -> Engine {
    match Engine::load(&roster.to_string(), &credentials.to_string()) {
        Ok(l) => l.engine,
        Err(e) => panic!("documents did not load:\n{e}"),
    }
}

/// The problems of a load that must fail, as `path: message` lines.
pub fn load_errors(roster: Value, credentials: Value) -> Vec<String> {
    match Engine::load(&roster.to_string(), &credentials.to_string()) {
        Ok(_) => panic!("documents loaded but should not have"),
        Err(e) => e.problems().iter().map(|p| p.to_string()).collect(),
    }
}

/// The warnings of a load that must succeed.
pub fn load_warnings(roster: Value, credentials: Value) -> Vec<String> {
    match Engine::load(&roster.to_string(), &credentials.to_string()) {
        Ok(l) => l.warnings.iter().map(|p| p.to_string()).collect(),
        Err(e) => panic!("documents did not load:\n{e}"),
    }
}

/// A credentials document with the given types (codes) and records.
pub fn creds(types: &[&str], records: Value) -> Value {
    let types: Vec<Value> = types.iter().map(|c| json!({"code": c})).collect();
    json!({"credentialTypes": types, "credentials": records})
}

/// One employee `e1` and the given shifts.
pub fn roster(shifts: Value) -> Value {
    json!({"employees": [{"id": "e1"}, {"id": "e2"}], "shifts": shifts})
}

/// A shift requiring `requires` from `start` to `end`.
pub fn shift(id: &str, start: &str, end: &str, requires: Value) -> Value {
    json!({"id": id, "start": start, "end": end, "requires": requires})
}

/// The reason kinds of a verdict, as strings.
pub fn kinds(v: &Verdict) -> Vec<&'static str> {
    v.reasons.iter().map(|r| r.kind.as_str()).collect()
}

/// Asserts a verdict's status and reason kinds, printing the whole verdict when they differ.
#[track_caller]
pub fn assert_verdict(engine: &Engine, employee: &str, shift: &str, status: Status, expected: &[&str]) -> Verdict {
    let v = engine.check(employee, shift).unwrap_or_else(|e| panic!("check({employee}, {shift}) failed: {e}"));
    if v.status != status || kinds(&v) != expected {
        panic!(
            "check({employee}, {shift}):\n  expected {status:?} {expected:?}\n  got      {:?} {:?}\n{}",
            v.status,
            kinds(&v),
            serde_json::to_string_pretty(&v).unwrap_or_default()
        );
    }
    v
}

/// The RFC 3339 instant `text` moved by `ms` milliseconds, written in its own offset as credgate
/// writes instants: seconds always, milliseconds when not zero, `Z` for a zero offset. Computed
/// with chrono, the time oracle, not with the crate's own (internal) time code.
pub fn instant_plus(text: &str, ms: i64) -> String {
    let t = chrono::DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{text} is not RFC 3339: {e}"));
    let t = t + chrono::TimeDelta::milliseconds(ms);
    let mut out = t.format("%Y-%m-%dT%H:%M:%S").to_string();
    if t.timestamp_subsec_millis() != 0 {
        out += &t.format("%.3f").to_string();
    }
    if t.offset().local_minus_utc() == 0 {
        out.push('Z');
    } else {
        out += &t.format("%:z").to_string();
    }
    out
}

/// The repository's root: the CLI tests run the binary there, on the sample documents.
pub fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A command's stdout as JSON, panicking with what it printed when it is not.
pub fn stdout_json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr: {}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// A command's stderr as text.
pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The `assigned` list of `shift` in a roster document.
pub fn assigned(roster: &Value, shift: &str) -> Vec<String> {
    let s = roster["shifts"].as_array().unwrap().iter().find(|s| s["id"] == shift).unwrap();
    s["assigned"].as_array().unwrap().iter().map(|e| e.as_str().unwrap().to_string()).collect()
}

/// A fresh, empty directory for one test's files, removed when dropped. `name` must be unique
/// among the tests (they run in parallel in one process).
pub struct Scratch(pub std::path::PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("credgate-it-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// The path of `file` in the directory.
    pub fn path(&self, file: &str) -> String {
        self.0.join(file).to_string_lossy().into_owned()
    }

    /// Every file in the directory, sorted (a leftover temporary file would show here).
    pub fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    /// `file` read as JSON.
    pub fn read(&self, file: &str) -> Value {
        serde_json::from_str(&std::fs::read_to_string(self.0.join(file)).unwrap()).unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
