//! The load corpus: malformed and hostile document pairs, one case per file in
//! `tests/corpus/load/`, each naming every problem it must produce with its JSON path
//! (SPEC §2.4, §3.1 "Numbers", "JSON", "Unknown fields", "What else is an error/warning",
//! "Problem paths").
//!
//! # A case file
//!
//! ```json
//! {
//!   "about": "what the case shows, and why",
//!   "roster": { ... },            or "rosterText": "raw text, for malformed JSON, duplicate keys, BOM..."
//!   "credentials": { ... },       or "credentialsText": "..."
//!   "generate": { "DEEP": {"nest": 100000, "open": "{\"all\": [", "inner": "\"BLS\"", "close": "]}"},
//!                 "LONG": {"repeat": "x", "times": 10485760} },
//!   "expect": {
//!     "errors":   [ {"path": "shifts[0].end", "contains": "is not after start"} ],
//!     "warnings": [ {"path": "shifts[0].teamId", "contains": "no team has the id"} ]
//!   },
//!   "checks": [ {"employee": "e1", "shift": "s1", "status": "warn", "kinds": ["inGrace"]} ]
//! }
//! ```
//!
//! - A document given as a JSON value is loaded from **its text exactly as written in the case
//!   file** (key order, `3.0`, `1e30` and all), not re-serialised. A missing document is `{}`.
//!   Text that no JSON parser would keep as written (repeated keys, `1e400`, a BOM, raw control
//!   characters, lone surrogates) goes in `rosterText`/`credentialsText`.
//! - `generate` builds big or deep text: every `{{NAME}}` in the document texts, in the expected
//!   paths and substrings, and in `checks` ids is replaced by the generated text (`repeat` S
//!   `times` N, or `nest` N copies of `open`, then `inner`, then N copies of `close`).
//! - `expect.errors` not empty: the load must fail with exactly these problems (a multiset: same
//!   paths, same count, each message containing its substring). Empty or absent: the load must
//!   succeed with exactly `expect.warnings`, and then each of `checks` must give its verdict.
//!   (A failed load reports no warnings, so a case expects errors or warnings, not both.)
//!
//! Every load runs under `catch_unwind`, so a panic names its case; every message must stay
//! short ([`MAX_MESSAGE_CHARS`]) even when the input holds a 10 MB string. A failing case prints
//! what it expected, what it got, and every problem. `LOAD_CORPUS_FILTER=substring` runs only
//! the cases whose file name contains it.

use credgate::{Engine, Problem};
use serde_json::Value;
use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Fewer case files than this means the corpus went missing (an empty glob must not pass).
const MIN_CASES: usize = 40;

/// A message is for people: even for hostile input it must stay readable.
const MAX_MESSAGE_CHARS: usize = 1000;

const CASE_KEYS: &[&str] = &["about", "roster", "rosterText", "credentials", "credentialsText", "generate", "expect", "checks"];

#[derive(Debug, Clone)]
struct Expected {
    path: String,
    contains: String,
}

struct Case {
    name: String,
    about: String,
    roster: String,
    credentials: String,
    errors: Vec<Expected>,
    warnings: Vec<Expected>,
    checks: Vec<Check>,
}

struct Check {
    employee: String,
    shift: String,
    status: String,
    kinds: Option<Vec<String>>,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("corpus").join("load")
}

fn case_files() -> Vec<PathBuf> {
    let dir = corpus_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read the corpus {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn load_corpus() {
    let filter = std::env::var("LOAD_CORPUS_FILTER").ok().filter(|f| !f.is_empty());
    let all = case_files();
    if filter.is_none() {
        assert!(
            all.len() >= MIN_CASES,
            "the load corpus in {} has {} case files; at least {MIN_CASES} are expected (was it moved or emptied?)",
            corpus_dir().display(),
            all.len()
        );
    }
    let files: Vec<&PathBuf> = all.iter().filter(|p| filter.as_ref().is_none_or(|f| p.to_string_lossy().contains(f.as_str()))).collect();
    assert!(!files.is_empty(), "no case file matches LOAD_CORPUS_FILTER={filter:?}");

    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let outcome = read_case(file).and_then(|case| run_case(&case).map_err(|report| format!("{}\n{report}", header(&case))));
        if let Err(report) = outcome {
            failures.push((name, report));
        }
    }
    if !failures.is_empty() {
        let names: Vec<&str> = failures.iter().map(|(n, _)| n.as_str()).collect();
        let mut out = format!("{} of {} load corpus cases failed: {}\n", failures.len(), files.len(), names.join(", "));
        for (_, report) in &failures {
            out.push('\n');
            out.push_str(report);
            out.push('\n');
        }
        panic!("{out}");
    }
    eprintln!("load corpus: {} cases passed", files.len());
}

fn header(case: &Case) -> String {
    format!("=== case {} ===\n    {}", case.name, case.about)
}

// ---------------------------------------------------------------------------------------------
// Reading a case file.

fn read_case(file: &Path) -> Result<Case, String> {
    let name = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let bad = |m: String| format!("=== case {name} ===\n    the case file {} is not a valid case: {m}", file.display());
    let text = std::fs::read_to_string(file).map_err(|e| bad(format!("cannot read it: {e}")))?;
    let meta: Value = serde_json::from_str(&text).map_err(|e| bad(format!("not JSON: {e}")))?;
    let Value::Object(meta) = meta else { return Err(bad("not a JSON object".into())) };
    for key in meta.keys() {
        if !CASE_KEYS.contains(&key.as_str()) {
            return Err(bad(format!("unknown key {key:?} (known: {CASE_KEYS:?})")));
        }
    }
    let about = meta.get("about").and_then(Value::as_str).ok_or_else(|| bad("\"about\" must be a string".into()))?.to_string();
    let spans = top_level_spans(&text).map_err(bad)?;
    let span = |key: &str| spans.iter().find(|(k, _)| k == key).map(|(_, s)| s.to_string());

    let generated = generators(meta.get("generate")).map_err(bad)?;
    let expand = |s: &str| -> String {
        let mut s = s.to_string();
        for (name, value) in &generated {
            s = s.replace(&format!("{{{{{name}}}}}"), value);
        }
        s
    };

    let document = |value_key: &str, text_key: &str| -> Result<String, String> {
        match (span(value_key), meta.get(text_key)) {
            (Some(_), Some(_)) => Err(bad(format!("give \"{value_key}\" or \"{text_key}\", not both"))),
            (Some(raw), None) => Ok(expand(&raw)),
            (None, Some(Value::String(t))) => Ok(expand(t)),
            (None, Some(_)) => Err(bad(format!("\"{text_key}\" must be a string"))),
            (None, None) => Ok("{}".to_string()),
        }
    };
    let roster = document("roster", "rosterText")?;
    let credentials = document("credentials", "credentialsText")?;

    let expect = meta.get("expect").ok_or_else(|| bad("\"expect\" is required".into()))?;
    let Value::Object(expect) = expect else { return Err(bad("\"expect\" must be an object".into())) };
    for key in expect.keys() {
        if key != "errors" && key != "warnings" {
            return Err(bad(format!("unknown key expect.{key}")));
        }
    }
    let list = |key: &str| -> Result<Vec<Expected>, String> {
        let Some(v) = expect.get(key) else { return Ok(vec![]) };
        let Value::Array(items) = v else { return Err(bad(format!("expect.{key} must be an array"))) };
        items
            .iter()
            .map(|item| {
                let path = item.get("path").and_then(Value::as_str);
                let contains = item.get("contains").and_then(Value::as_str);
                match (path, contains, item.as_object().map(|o| o.len())) {
                    (Some(p), Some(c), Some(2)) => Ok(Expected { path: expand(p), contains: expand(c) }),
                    _ => Err(bad(format!("each of expect.{key} must be {{\"path\": string, \"contains\": string}}, found {item}"))),
                }
            })
            .collect()
    };
    let errors = list("errors")?;
    let warnings = list("warnings")?;
    if !errors.is_empty() && !warnings.is_empty() {
        return Err(bad("a failed load reports no warnings: expect errors or warnings, not both".into()));
    }

    let mut checks = Vec::new();
    if let Some(v) = meta.get("checks") {
        let Value::Array(items) = v else { return Err(bad("\"checks\" must be an array".into())) };
        if !errors.is_empty() && !items.is_empty() {
            return Err(bad("checks need a successful load, but errors are expected".into()));
        }
        for item in items {
            let s = |k: &str| item.get(k).and_then(Value::as_str).map(&expand);
            let (Some(employee), Some(shift), Some(status)) = (s("employee"), s("shift"), s("status")) else {
                return Err(bad(format!("a check needs employee, shift and status strings, found {item}")));
            };
            let kinds = match item.get("kinds") {
                None => None,
                Some(Value::Array(k)) => Some(k.iter().map(|x| x.as_str().unwrap_or("?").to_string()).collect()),
                Some(other) => return Err(bad(format!("check kinds must be an array, found {other}"))),
            };
            checks.push(Check { employee, shift, status, kinds });
        }
    }
    Ok(Case { name, about, roster, credentials, errors, warnings, checks })
}

/// The `generate` directives: name → generated text.
fn generators(v: Option<&Value>) -> Result<Vec<(String, String)>, String> {
    let Some(v) = v else { return Ok(vec![]) };
    let Value::Object(map) = v else { return Err("\"generate\" must be an object".into()) };
    let mut out = Vec::new();
    for (name, spec) in map {
        let s = |k: &str| spec.get(k).and_then(Value::as_str);
        let n = |k: &str| spec.get(k).and_then(Value::as_u64).map(|n| n as usize);
        let text = if let (Some(unit), Some(times)) = (s("repeat"), n("times")) {
            unit.repeat(times)
        } else if let (Some(depth), Some(open), Some(inner), Some(close)) = (n("nest"), s("open"), s("inner"), s("close")) {
            let mut t = String::with_capacity(depth * (open.len() + close.len()) + inner.len());
            t.push_str(&open.repeat(depth));
            t.push_str(inner);
            t.push_str(&close.repeat(depth));
            t
        } else {
            return Err(format!("generate.{name} must be {{\"repeat\", \"times\"}} or {{\"nest\", \"open\", \"inner\", \"close\"}}"));
        };
        out.push((name.clone(), text));
    }
    Ok(out)
}

/// The exact source text of each member of the case file's top-level object, so that a
/// document is loaded as written (number spelling, key order), not as re-serialised.
fn top_level_spans(text: &str) -> Result<Vec<(String, &str)>, String> {
    let b = text.as_bytes();
    let mut pos = 0;
    let ws = |pos: &mut usize| {
        while b.get(*pos).is_some_and(|c| c.is_ascii_whitespace()) {
            *pos += 1;
        }
    };
    fn skip_string(b: &[u8], pos: &mut usize) -> Result<(), String> {
        *pos += 1;
        while let Some(&c) = b.get(*pos) {
            *pos += 1;
            match c {
                b'\\' => *pos += 1,
                b'"' => return Ok(()),
                _ => {}
            }
        }
        Err("a string is not closed".into())
    }
    fn skip_value(b: &[u8], pos: &mut usize) -> Result<(), String> {
        match b.get(*pos) {
            Some(b'"') => skip_string(b, pos),
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                while let Some(&c) = b.get(*pos) {
                    match c {
                        b'"' => {
                            skip_string(b, pos)?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                *pos += 1;
                                return Ok(());
                            }
                        }
                        _ => {}
                    }
                    *pos += 1;
                }
                Err("an object or array is not closed".into())
            }
            Some(_) => {
                while b.get(*pos).is_some_and(|c| !matches!(c, b',' | b'}' | b']') && !c.is_ascii_whitespace()) {
                    *pos += 1;
                }
                Ok(())
            }
            None => Err("unexpected end".into()),
        }
    }
    ws(&mut pos);
    if b.get(pos) != Some(&b'{') {
        return Err("not a JSON object".into());
    }
    pos += 1;
    let mut out = Vec::new();
    loop {
        ws(&mut pos);
        match b.get(pos) {
            Some(b'}') => return Ok(out),
            Some(b'"') => {}
            _ => return Err(format!("expected a key at byte {pos}")),
        }
        let key_start = pos;
        skip_string(b, &mut pos)?;
        let key: String = serde_json::from_str(&text[key_start..pos]).map_err(|e| e.to_string())?;
        ws(&mut pos);
        if b.get(pos) != Some(&b':') {
            return Err(format!("expected ':' at byte {pos}"));
        }
        pos += 1;
        ws(&mut pos);
        let start = pos;
        skip_value(b, &mut pos)?;
        out.push((key, &text[start..pos]));
        ws(&mut pos);
        match b.get(pos) {
            Some(b',') => pos += 1,
            Some(b'}') => return Ok(out),
            _ => return Err(format!("expected ',' or '}}' at byte {pos}")),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Running a case.

fn run_case(case: &Case) -> Result<(), String> {
    let loaded = catch_unwind(AssertUnwindSafe(|| Engine::load(&case.roster, &case.credentials)));
    let loaded = match loaded {
        Ok(r) => r,
        Err(payload) => return Err(format!("    Engine::load PANICKED: {}", panic_message(&*payload))),
    };
    let mut report = String::new();
    match loaded {
        Err(e) => {
            long_messages(e.problems(), &mut report);
            if case.errors.is_empty() {
                let _ = writeln!(report, "    expected the load to succeed with {} warning(s), but it failed:", case.warnings.len());
                list_problems(e.problems(), &mut report);
                if !case.warnings.is_empty() {
                    let _ = writeln!(report, "    expected warnings:");
                    list_expected(&case.warnings, "      ", &mut report);
                }
            } else {
                compare("error", &case.errors, e.problems(), &mut report);
            }
        }
        Ok(loaded) => {
            long_messages(&loaded.warnings, &mut report);
            if !case.errors.is_empty() {
                let _ = writeln!(report, "    expected the load to FAIL, but it succeeded; expected errors:");
                list_expected(&case.errors, "      ", &mut report);
                let _ = writeln!(report, "    warnings got:");
                list_problems(&loaded.warnings, &mut report);
            } else {
                compare("warning", &case.warnings, &loaded.warnings, &mut report);
                for check in &case.checks {
                    run_check(&loaded.engine, check, &mut report);
                }
            }
        }
    }
    if report.is_empty() {
        Ok(())
    } else {
        Err(report)
    }
}

fn run_check(engine: &Engine, check: &Check, report: &mut String) {
    let what = format!("check({:?}, {:?})", short(&check.employee), short(&check.shift));
    let verdict = match catch_unwind(AssertUnwindSafe(|| engine.check(&check.employee, &check.shift))) {
        Err(payload) => {
            let _ = writeln!(report, "    {what} PANICKED: {}", panic_message(&*payload));
            return;
        }
        Ok(Err(e)) => {
            let _ = writeln!(report, "    {what} failed: {e}");
            return;
        }
        Ok(Ok(v)) => v,
    };
    let kinds: Vec<String> = verdict.reasons.iter().map(|r| r.kind.as_str().to_string()).collect();
    let status_ok = verdict.status.as_str() == check.status;
    let kinds_ok = check.kinds.as_ref().is_none_or(|k| *k == kinds);
    if !status_ok || !kinds_ok {
        let _ = writeln!(
            report,
            "    {what}: expected {} {}, got {} {:?}",
            check.status,
            check.kinds.as_ref().map_or("(any reasons)".to_string(), |k| format!("{k:?}")),
            verdict.status.as_str(),
            kinds
        );
        for r in &verdict.reasons {
            let _ = writeln!(report, "        {}: {}", r.kind.as_str(), r.message);
        }
    }
}

/// Compares expected problems with those got, as multisets: a maximum matching where an
/// expected problem matches a got one with the same path whose message contains its substring.
fn compare(what: &str, expected: &[Expected], got: &[Problem], report: &mut String) {
    let fits = |e: &Expected, p: &Problem| e.path == p.path && p.message.contains(&e.contains);
    // Kuhn's augmenting paths; the lists are short.
    let mut owner: Vec<Option<usize>> = vec![None; got.len()];
    fn augment(e: usize, expected: &[Expected], got: &[Problem], fits: &dyn Fn(&Expected, &Problem) -> bool, owner: &mut [Option<usize>], seen: &mut [bool]) -> bool {
        for g in 0..got.len() {
            if !seen[g] && fits(&expected[e], &got[g]) {
                seen[g] = true;
                if owner[g].is_none_or(|o| augment(o, expected, got, fits, owner, seen)) {
                    owner[g] = Some(e);
                    return true;
                }
            }
        }
        false
    }
    for e in 0..expected.len() {
        let mut seen = vec![false; got.len()];
        augment(e, expected, got, &fits, &mut owner, &mut seen);
    }
    let matched_expected: Vec<bool> = (0..expected.len()).map(|e| owner.contains(&Some(e))).collect();
    let missing: Vec<&Expected> = expected.iter().zip(&matched_expected).filter(|(_, m)| !**m).map(|(e, _)| e).collect();
    let unexpected: Vec<&Problem> = got.iter().zip(&owner).filter(|(_, o)| o.is_none()).map(|(p, _)| p).collect();
    if missing.is_empty() && unexpected.is_empty() {
        return;
    }
    let _ = writeln!(report, "    {what}s: expected {}, got {}", expected.len(), got.len());
    if !missing.is_empty() {
        let _ = writeln!(report, "    - expected but not got:");
        for e in missing {
            let near: Vec<&Problem> = got.iter().filter(|p| p.path == e.path).collect();
            let _ = writeln!(report, "        {}: …{}…", short(&e.path), short(&e.contains));
            for p in near {
                let _ = writeln!(report, "          (at that path got: {})", short(&p.message));
            }
        }
    }
    if !unexpected.is_empty() {
        let _ = writeln!(report, "    + got but not expected:");
        for p in unexpected {
            let _ = writeln!(report, "        {}: {}", short(&p.path), short(&p.message));
        }
    }
    let _ = writeln!(report, "    every {what} got:");
    list_problems(got, report);
}

fn long_messages(problems: &[Problem], report: &mut String) {
    for p in problems {
        let n = p.message.chars().count();
        if n > MAX_MESSAGE_CHARS {
            let _ = writeln!(report, "    a message of {n} characters (at most {MAX_MESSAGE_CHARS}) at {}: {}", short(&p.path), short(&p.message));
        }
    }
}

fn list_problems(problems: &[Problem], report: &mut String) {
    if problems.is_empty() {
        let _ = writeln!(report, "      (none)");
    }
    for p in problems {
        let _ = writeln!(report, "      {}: {}", short(&p.path), short(&p.message));
    }
}

fn list_expected(expected: &[Expected], indent: &str, report: &mut String) {
    for e in expected {
        let _ = writeln!(report, "{indent}{}: …{}…", short(&e.path), short(&e.contains));
    }
}

/// Keeps reports readable when a path or message holds a generated 10 MB string.
fn short(s: &str) -> String {
    const LIMIT: usize = 300;
    let n = s.chars().count();
    if n <= LIMIT {
        s.to_string()
    } else {
        let head: String = s.chars().take(LIMIT).collect();
        format!("{head}… ({n} characters)")
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
