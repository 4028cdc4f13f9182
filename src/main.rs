//! The `credgate` command line: parses arguments, calls the library, prints JSON.
//!
//! Results go to stdout as JSON; load warnings to stderr as `warning: PATH: message`. A load
//! failure, bad arguments or an unknown id print the problems to stderr and exit 2. `check`
//! exits 0 whatever the verdict; `validate` exits 1 when anything blocks, so that a CI job can
//! gate a roster file.

use credgate::{Engine, Error, Status};
use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "\
credgate: certification tracking and shift eligibility

usage:
  credgate check      --roster FILE --credentials FILE --employee ID --shift ID
  credgate check      --roster FILE --credentials FILE --pairs FILE
                        (FILE: JSON lines or a JSON array of {\"employeeId\", \"shiftId\"};
                        prints one verdict a line, in the same order)
  credgate candidates --roster FILE --credentials FILE --shift ID
  credgate validate   --roster FILE --credentials FILE
  credgate alerts     --roster FILE --credentials FILE --as-of INSTANT [--days N]
  credgate gaps       --roster FILE --credentials FILE --from INSTANT --to INSTANT --group-by location|team
  credgate holders    --roster FILE --credentials FILE --code CODE --at INSTANT
  credgate audit      --roster FILE --credentials FILE --as-of INSTANT
  credgate report --html --roster FILE --credentials FILE --as-of INSTANT [--out FILE]
                        [--days N] [--to INSTANT] [--group-by location|team] [--title TEXT]
  credgate import-csv --kind credentials|trainings --file FILE [--map 'HEADER=field']...
                        [--date-order iso|mdy|dmy] [--offset -06:00] [--delimiter ,|;|tab]
                        [--keep-unmapped] [--merge-into CREDENTIALS-FILE] [--out FILE]
  credgate import-inrc2 --scenario FILE --week FILE... [--solution FILE...] [--history FILE]
                        [--start-date YYYY-MM-DD] --out-roster FILE --out-credentials FILE

Results are JSON on stdout; load warnings go to stderr. Exit codes: 0 done, 1 validate found
something that blocks, 2 the input or the arguments could not be used.
";

/// A command-line failure: the lines to print on stderr, exit code 2.
struct Fail(Vec<String>);

impl From<Error> for Fail {
    fn from(e: Error) -> Self {
        Fail(e.problems().iter().map(|p| format!("error: {p}")).collect())
    }
}

fn fail(message: impl Into<String>) -> Fail {
    Fail(vec![format!("error: {}", message.into())])
}

/// Flags that take several values in a row.
const MULTI: [&str; 2] = ["week", "solution"];

struct Args {
    command: String,
    values: HashMap<String, Vec<String>>,
}

impl Args {
    fn parse(raw: Vec<String>) -> Result<Args, Fail> {
        let mut it = raw.into_iter();
        let command = it.next().ok_or_else(|| fail("no command given; see credgate --help"))?;
        let mut values: HashMap<String, Vec<String>> = HashMap::new();
        let mut current: Option<String> = None;
        let mut last: Option<String> = None;
        for arg in it {
            if let Some(flag) = arg.strip_prefix("--") {
                if let Some(prev) = current.take() {
                    return Err(fail(format!("--{prev} needs a value")));
                }
                match flag.split_once('=') {
                    Some((k, v)) => values.entry(k.to_string()).or_default().push(v.to_string()),
                    None => current = Some(flag.to_string()),
                }
            } else if let Some(flag) = current.take() {
                values.entry(flag.clone()).or_default().push(arg);
                last = Some(flag);
            } else if let Some(list) = last.as_ref().filter(|f| MULTI.contains(&f.as_str())).and_then(|f| values.get_mut(f)) {
                // `--week A B C` reads naturally; so does `--solution A B`.
                list.push(arg);
            } else {
                return Err(fail(format!("unexpected argument {arg:?}")));
            }
        }
        if let Some(flag) = current {
            return Err(fail(format!("--{flag} needs a value")));
        }
        Ok(Args { command, values })
    }

    fn allow(&self, allowed: &[&str]) -> Result<(), Fail> {
        for key in self.values.keys() {
            if !allowed.contains(&key.as_str()) {
                return Err(fail(format!("{} does not take --{key}", self.command)));
            }
        }
        Ok(())
    }

    fn one(&self, key: &str) -> Result<&str, Fail> {
        match self.values.get(key).map(Vec::as_slice) {
            Some([v]) => Ok(v),
            Some(_) => Err(fail(format!("--{key} was given more than once"))),
            None => Err(fail(format!("{} needs --{key}", self.command))),
        }
    }

    fn opt(&self, key: &str) -> Result<Option<&str>, Fail> {
        if self.values.contains_key(key) {
            self.one(key).map(Some)
        } else {
            Ok(None)
        }
    }

    fn many(&self, key: &str) -> &[String] {
        self.values.get(key).map_or(&[], Vec::as_slice)
    }
}

fn read_text(path: &str, what: &str) -> Result<String, Fail> {
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read {what} file {path}: {e}")))?;
    String::from_utf8(bytes).map_err(|e| fail(format!("{what}: {path} is not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to())))
}

fn load(args: &Args) -> Result<Engine, Fail> {
    let roster = read_text(args.one("roster")?, "roster")?;
    let credentials = read_text(args.one("credentials")?, "credentials")?;
    match Engine::load(&roster, &credentials) {
        Ok(loaded) => {
            let mut err = std::io::stderr().lock();
            for w in &loaded.warnings {
                let _ = writeln!(err, "warning: {w}");
            }
            Ok(loaded.engine)
        }
        Err(e) => Err(Fail(e.problems.iter().map(|p| format!("error: {p}")).collect())),
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Fail> {
    let text = serde_json::to_string_pretty(value).map_err(|e| fail(format!("cannot write JSON: {e}")))?;
    let mut out = std::io::stdout().lock();
    // A closed pipe (`credgate validate ... | head`) is not an error worth a panic.
    let _ = writeln!(out, "{text}");
    Ok(())
}

const DOCS: [&str; 2] = ["roster", "credentials"];

fn run(raw: Vec<String>) -> Result<ExitCode, Fail> {
    if raw.is_empty() || raw.iter().any(|a| a == "--help" || a == "-h") || raw[0] == "help" {
        print!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    if raw.iter().any(|a| a == "--version" || a == "-V") {
        println!("credgate {}", env!("CARGO_PKG_VERSION"));
        return Ok(ExitCode::SUCCESS);
    }
    let args = Args::parse(bare_flags(raw))?;
    let with = |extra: &[&'static str]| -> Vec<&'static str> { DOCS.iter().chain(extra).copied().collect() };
    match args.command.as_str() {
        "check" if args.values.contains_key("pairs") => {
            args.allow(&with(&["pairs"]))?;
            let pairs = read_pairs(args.one("pairs")?)?;
            let engine = load(&args)?;
            check_pairs(&engine, &pairs)?;
            Ok(ExitCode::SUCCESS)
        }
        "check" => {
            args.allow(&with(&["employee", "shift"]))?;
            let engine = load(&args)?;
            print_json(&engine.check(args.one("employee")?, args.one("shift")?)?)?;
            Ok(ExitCode::SUCCESS)
        }
        "candidates" => {
            args.allow(&with(&["shift"]))?;
            let engine = load(&args)?;
            print_json(&engine.candidates(args.one("shift")?)?)?;
            Ok(ExitCode::SUCCESS)
        }
        "validate" => {
            args.allow(&with(&[]))?;
            let engine = load(&args)?;
            let v = engine.validate();
            print_json(&v)?;
            Ok(if v.status == Status::Block { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        "alerts" => {
            args.allow(&with(&["as-of", "days"]))?;
            let engine = load(&args)?;
            let days = args.opt("days")?.map(|d| d.parse::<u32>().map_err(|_| fail(format!("--days: {d:?} is not a whole number of days")))).transpose()?;
            print_json(&engine.alerts(args.one("as-of")?, days)?)?;
            Ok(ExitCode::SUCCESS)
        }
        "gaps" => {
            args.allow(&with(&["from", "to", "group-by"]))?;
            let engine = load(&args)?;
            let group_by: credgate::GroupBy = args.one("group-by")?.parse()?;
            print_json(&engine.gaps(args.one("from")?, args.one("to")?, group_by)?)?;
            Ok(ExitCode::SUCCESS)
        }
        "holders" => {
            args.allow(&with(&["code", "at"]))?;
            let engine = load(&args)?;
            print_json(&engine.holders(args.one("code")?, args.one("at")?)?)?;
            Ok(ExitCode::SUCCESS)
        }
        "audit" => {
            args.allow(&with(&["as-of"]))?;
            let engine = load(&args)?;
            print_json(&engine.audit(args.one("as-of")?)?)?;
            Ok(ExitCode::SUCCESS)
        }
        "report" => report(&args),
        "import-csv" => import_csv(&args),
        "import-inrc2" => import_inrc2(&args),
        other => Err(fail(format!("unknown command {other:?}; see credgate --help"))),
    }
}

fn import_inrc2(args: &Args) -> Result<ExitCode, Fail> {
    use credgate::import::inrc2;
    args.allow(&["scenario", "week", "solution", "history", "start-date", "out-roster", "out-credentials"])?;
    let scenario = inrc2::parse_scenario(&read_text(args.one("scenario")?, "scenario")?).map_err(|e| fail(format!("scenario: {e}")))?;
    let mut weeks = Vec::new();
    for path in args.many("week") {
        weeks.push(inrc2::parse_week(&read_text(path, "week")?).map_err(|e| fail(format!("{path}: {e}")))?);
    }
    let mut solutions = Vec::new();
    for path in args.many("solution") {
        solutions.push(inrc2::parse_solution(&read_text(path, "solution")?).map_err(|e| fail(format!("{path}: {e}")))?);
    }
    let mut opts = inrc2::Inrc2Options::default();
    if let Some(d) = args.opt("start-date")? {
        let day = credgate::time::parse_date(d).map_err(|e| fail(format!("--start-date: {}", e.0)))?;
        opts.start_date = credgate::time::civil_from_days(day);
    }
    let (roster, credentials) = inrc2::to_documents(&scenario, &weeks, &solutions, &opts).map_err(|e| fail(format!("{e}")))?;
    for (key, doc) in [("out-roster", roster), ("out-credentials", credentials)] {
        let path = args.one(key)?;
        let text = serde_json::to_string_pretty(&doc).map_err(|e| fail(format!("{e}")))?;
        std::fs::write(path, text + "\n").map_err(|e| fail(format!("cannot write {path}: {e}")))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The pairs of `check --pairs FILE`: JSON lines, or one JSON array, of objects with string
/// `employeeId` and `shiftId` (other fields are ignored). Every malformed entry is reported,
/// as `pairs[i]` (the i-th entry, from 0), before anything is checked.
fn read_pairs(path: &str) -> Result<Vec<(String, String)>, Fail> {
    let text = read_text(path, "pairs")?;
    let entries: Vec<Result<serde_json::Value, String>> = if text.trim_start().starts_with('[') {
        match serde_json::from_str::<Vec<serde_json::Value>>(&text) {
            Ok(list) => list.into_iter().map(Ok).collect(),
            Err(e) => return Err(fail(format!("pairs: {path} is not a JSON array of pairs: {e}"))),
        }
    } else {
        text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).map_err(|e| format!("not JSON: {e}"))).collect()
    };
    let mut pairs = Vec::with_capacity(entries.len());
    let mut problems = Vec::new();
    for (i, entry) in entries.into_iter().enumerate() {
        let field = |v: &serde_json::Value, key: &str| v.get(key).and_then(serde_json::Value::as_str).map(str::to_string);
        match entry {
            Ok(v) => match (field(&v, "employeeId"), field(&v, "shiftId")) {
                (Some(e), Some(s)) => pairs.push((e, s)),
                _ => problems.push(format!("error: pairs[{i}]: expected an object with string employeeId and shiftId")),
            },
            Err(e) => problems.push(format!("error: pairs[{i}]: {e}")),
        }
    }
    if problems.is_empty() {
        Ok(pairs)
    } else {
        Err(Fail(problems))
    }
}

/// `check --pairs`: every pair's verdict as one line of compact JSON, in order. Unknown ids
/// are all reported (as `pairs[i].employeeId`, `pairs[i].shiftId`) before anything is printed.
fn check_pairs(engine: &Engine, pairs: &[(String, String)]) -> Result<(), Fail> {
    let mut problems = Vec::new();
    for (i, (e, s)) in pairs.iter().enumerate() {
        for (what, err) in [("employeeId", engine.employee_index(e).is_none().then(|| Error::UnknownEmployee(e.clone()))), ("shiftId", engine.shift_index(s).is_none().then(|| Error::UnknownShift(s.clone())))] {
            if let Some(err) = err {
                problems.push(format!("error: pairs[{i}].{what}: {err}"));
            }
        }
    }
    if !problems.is_empty() {
        return Err(Fail(problems));
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (e, s) in pairs {
        let line = serde_json::to_string(&engine.check(e, s)?).map_err(|e| fail(format!("cannot write JSON: {e}")))?;
        // A closed pipe (`... | head`) ends the output; it is not an error worth a panic.
        if writeln!(out, "{line}").is_err() {
            return Ok(());
        }
    }
    let _ = out.flush();
    Ok(())
}

/// Flags that take no value (`report --html`, `import-csv --keep-unmapped`), given an empty one
/// so that `Args::parse` reads them like the rest.
fn bare_flags(raw: Vec<String>) -> Vec<String> {
    const BARE: [&str; 2] = ["--html", "--keep-unmapped"];
    raw.into_iter().map(|a| if BARE.contains(&a.as_str()) { format!("{a}=") } else { a }).collect()
}

/// Writes `text` to `--out FILE`, or to stdout.
fn write_out(args: &Args, text: &str) -> Result<(), Fail> {
    match args.opt("out")? {
        Some(path) => std::fs::write(path, text).map_err(|e| fail(format!("cannot write {path}: {e}"))),
        None => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            Ok(())
        }
    }
}

fn report(args: &Args) -> Result<ExitCode, Fail> {
    args.allow(&["html", "roster", "credentials", "as-of", "out", "days", "to", "group-by", "title"])?;
    if !args.values.contains_key("html") {
        return Err(fail("report needs --html (the one format it writes)"));
    }
    let engine = load(args)?;
    let mut options = credgate::ReportOptions::default();
    if let Some(d) = args.opt("days")? {
        options.days = Some(d.parse::<u32>().map_err(|_| fail(format!("--days: {d:?} is not a whole number of days")))?);
    }
    options.to = args.opt("to")?.map(str::to_string);
    if let Some(g) = args.opt("group-by")? {
        options.group_by = g.parse()?;
    }
    options.title = args.opt("title")?.map(str::to_string);
    let html = engine.report_html(args.one("as-of")?, &options)?;
    write_out(args, &html)?;
    Ok(ExitCode::SUCCESS)
}

fn import_csv(args: &Args) -> Result<ExitCode, Fail> {
    use credgate::{CsvImport, CsvKind, CsvOptions};
    args.allow(&["kind", "file", "map", "date-order", "offset", "delimiter", "keep-unmapped", "merge-into", "out"])?;
    let kind: CsvKind = args.one("kind")?.parse().map_err(|e: String| fail(format!("--kind: {e}")))?;
    let file = args.one("file")?;
    let text = read_text(file, "CSV")?;
    let mut options = CsvOptions::new(kind);
    for m in args.many("map") {
        let (header, field) = m.rsplit_once('=').ok_or_else(|| fail(format!("--map {m:?}: write HEADER=field, e.g. --map 'Expiry Date=validUntil'")))?;
        options.map.push((header.to_string(), field.to_string()));
    }
    if let Some(order) = args.opt("date-order")? {
        options.date_order = order.parse().map_err(|e: String| fail(format!("--date-order: {e}")))?;
    }
    options.offset = args.opt("offset")?.map(str::to_string);
    options.delimiter = match args.opt("delimiter")? {
        None => None,
        Some("tab" | "\\t" | "\t") => Some(b'\t'),
        Some(d) if d.len() == 1 => Some(d.as_bytes()[0]),
        Some(d) => return Err(fail(format!("--delimiter: {d:?} is not one character (or \"tab\")"))),
    };
    options.keep_unmapped = args.values.contains_key("keep-unmapped");
    let lines = |problems: &[credgate::CsvProblem], what: &str| problems.iter().map(|p| format!("{what}: {file}: {p}")).collect::<Vec<_>>();
    let import = CsvImport::parse(&text, &options).map_err(|e| Fail(lines(&e.problems, "error")))?;
    {
        let mut err = std::io::stderr().lock();
        for line in lines(&import.warnings, "warning") {
            let _ = writeln!(err, "{line}");
        }
    }
    let out = match args.opt("merge-into")? {
        Some(path) => {
            let existing = read_text(path, "credentials")?;
            let doc = import.merge_into(&existing).map_err(|e| Fail(e.problems.iter().map(|p| format!("error: {path}: {}", p.message)).collect()))?;
            doc.to_json_pretty()
        }
        None => credgate::json::Value::Array(import.records).to_json_pretty(),
    };
    write_out(args, &(out + "\n"))?;
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    // `std::env::args` panics on an argument that is not UTF-8; say which one instead, and exit
    // 2 like any other unusable input (tests/hostile.rs, `invalid_utf8_through_the_cli`).
    let mut raw: Vec<String> = Vec::new();
    for (i, arg) in std::env::args_os().skip(1).enumerate() {
        match arg.into_string() {
            Ok(arg) => raw.push(arg),
            Err(arg) => {
                eprintln!("error: argument {} is not valid UTF-8: {}", i + 1, arg.to_string_lossy());
                return ExitCode::from(2);
            }
        }
    }
    match run(raw) {
        Ok(code) => code,
        Err(Fail(lines)) => {
            let mut err = std::io::stderr().lock();
            for line in lines {
                let _ = writeln!(err, "{line}");
            }
            ExitCode::from(2)
        }
    }
}
