//! The `credgate` command line: parses arguments, calls the library, prints JSON.
//!
//! `main` reads one table, [`COMMANDS`]: each sub-command's name, its usage and its handler.
//! `--help` prints the table, and the flags a sub-command accepts are the ones its usage names,
//! so the help text and the parser cannot disagree. A handler reads its arguments, loads the
//! documents, calls one library operation and prints the answer.
//!
//! Results go to stdout as JSON; load warnings to stderr as `warning: PATH: message`. A load
//! failure, bad arguments or an unknown id print the problems to stderr and exit 2. `check`
//! exits 0 whatever the verdict; `validate` exits 1 when anything blocks, so that a CI job can
//! gate a roster file. The edits (`assign`, `unassign`, `move-shift`) print their result, exit
//! 1 when refused (writing nothing), and otherwise write both documents, edits applied, to
//! `--out-roster` and `--out-credentials` when given: each atomically (a temporary file beside
//! it, then a rename), with no temporary file left behind on any path.

use credgate::{EditResult, Engine, Error, Override, Placement, Status};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One sub-command: its name, its usage, and what runs it. `credgate --help` prints this table,
/// and the flags a sub-command takes are those its usage names (see [`Flag::of`]), so the two
/// cannot disagree.
struct Command {
    name: &'static str,
    /// What follows the name, a line a form of the command; a line starting with two spaces
    /// continues the one before it.
    usage: &'static [&'static str],
    run: fn(&Args) -> Result<ExitCode, Fail>,
}

/// Every sub-command, in the order `--help` lists them.
const COMMANDS: &[Command] = &[
    Command {
        name: "check",
        usage: &[
            "--roster FILE --credentials FILE --employee ID --shift ID",
            "--roster FILE --credentials FILE --pairs FILE",
            "  (FILE: JSON lines or a JSON array of {\"employeeId\", \"shiftId\"};",
            "  prints one verdict a line, in the same order)",
        ],
        run: check,
    },
    Command { name: "check-placement", usage: &["--roster FILE --credentials FILE --employee ID --placement JSON [--ignore-shift ID]"], run: check_placement },
    Command { name: "candidates", usage: &["--roster FILE --credentials FILE --shift ID"], run: candidates },
    Command { name: "validate", usage: &["--roster FILE --credentials FILE"], run: validate },
    Command {
        name: "assign",
        usage: &["--roster FILE --credentials FILE --employee ID --shift ID [--by NAME --reason TEXT]", "  [--out-roster FILE --out-credentials FILE]"],
        run: assign,
    },
    Command { name: "unassign", usage: &["--roster FILE --credentials FILE --employee ID --shift ID", "  [--out-roster FILE --out-credentials FILE]"], run: unassign },
    Command {
        name: "move-shift",
        usage: &["--roster FILE --credentials FILE --shift ID --start INSTANT --end INSTANT", "  [--by NAME --reason TEXT] [--out-roster FILE --out-credentials FILE]"],
        run: move_shift,
    },
    Command {
        name: "apply",
        usage: &[
            "--roster FILE --credentials FILE --ops FILE [--by NAME --reason TEXT] [--dry-run]",
            "  [--out-roster FILE --out-credentials FILE]",
            "  (FILE: a JSON array of operations, SPEC §6; applied all or nothing)",
        ],
        run: apply,
    },
    Command { name: "standing", usage: &["--roster FILE --credentials FILE --employee ID --as-of INSTANT"], run: standing },
    Command { name: "alerts", usage: &["--roster FILE --credentials FILE --as-of INSTANT [--days N]"], run: alerts },
    Command { name: "plan-renewals", usage: &["--roster FILE --credentials FILE --as-of INSTANT [--horizon-days N] [--use-grace] [--csv]"], run: plan_renewals },
    Command { name: "gaps", usage: &["--roster FILE --credentials FILE --from INSTANT --to INSTANT --group-by location|team"], run: gaps },
    Command { name: "holders", usage: &["--roster FILE --credentials FILE --code CODE --at INSTANT"], run: holders },
    Command { name: "audit", usage: &["--roster FILE --credentials FILE --as-of INSTANT"], run: audit },
    Command {
        name: "report",
        usage: &["--html --roster FILE --credentials FILE --as-of INSTANT [--out FILE]", "  [--days N] [--to INSTANT] [--group-by location|team] [--title TEXT]"],
        run: report,
    },
    Command {
        name: "import-csv",
        usage: &[
            "--kind credentials|trainings|events --file FILE [--map 'HEADER=field']...",
            "  [--date-order iso|mdy|dmy] [--offset -06:00] [--delimiter ,|;|tab]",
            "  [--keep-unmapped] [--merge-into CREDENTIALS-FILE] [--out FILE]",
        ],
        run: import_csv,
    },
    Command {
        name: "import-inrc2",
        usage: &["--scenario FILE --week FILE... [--solution FILE...] [--history FILE]", "  [--start-date YYYY-MM-DD] --out-roster FILE --out-credentials FILE"],
        run: import_inrc2,
    },
];

/// `credgate --help`: the table.
fn usage() -> String {
    let mut out = String::from("credgate: certification tracking and shift eligibility\n\nusage:\n");
    for c in COMMANDS {
        for line in c.usage {
            match line.strip_prefix("  ") {
                Some(more) => out += &format!("  {:22}{more}\n", ""),
                None => out += &format!("  credgate {:<10} {line}\n", c.name),
            }
        }
    }
    out += "\nResults are JSON on stdout; load warnings go to stderr. Exit codes: 0 done, 1 validate found\n\
            something that blocks or an edit was refused (nothing written), 2 the input, the\n\
            arguments or an operation of the batch could not be used. An edit (assign, unassign,\n\
            move-shift, apply) that would newly block someone is refused unless --by and --reason\n\
            give an override; --out-roster and --out-credentials write both documents with the edit\n\
            applied, each atomically. apply --dry-run answers what apply would, and writes nothing.\n";
    out
}

/// A flag a sub-command takes, as its usage writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Flag {
    name: &'static str,
    /// Written alone (`--html`, `[--keep-unmapped]`): takes no value.
    bare: bool,
    /// Its value is written `FILE...`: it takes several values in a row (`--week A B C`).
    multi: bool,
}

impl Flag {
    /// The flags a usage names: every `--name`; bare when what follows is `]`, another flag or
    /// the end of the line; several values when its value ends in `...` (inside any `]`).
    fn of(usage: &[&'static str]) -> Vec<Flag> {
        let mut flags: Vec<Flag> = Vec::new();
        for line in usage {
            let mut rest: &'static str = line;
            while let Some(at) = rest.find("--") {
                let after = &rest[at + 2..];
                let len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(after.len());
                let name = &after[..len];
                rest = &after[len..];
                if name.is_empty() {
                    continue;
                }
                let next = rest.trim_start();
                let bare = rest.starts_with(']') || next.is_empty() || next.starts_with("--") || next.starts_with("[--");
                let value = next.split(char::is_whitespace).next().unwrap_or("");
                let multi = !bare && value.split(']').next().is_some_and(|v| v.ends_with("..."));
                if !flags.iter().any(|f| f.name == name) {
                    flags.push(Flag { name, bare, multi });
                }
            }
        }
        flags
    }
}

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

struct Args {
    command: &'static str,
    values: HashMap<String, Vec<String>>,
}

impl Args {
    /// Reads `--flag value` pairs (or `--flag=value`) for `command`, whose flags are `flags`:
    /// a bare flag takes no value, a multi flag takes every value until the next flag.
    fn parse(command: &'static str, flags: &[Flag], raw: impl IntoIterator<Item = String>) -> Result<Args, Fail> {
        let mut values: HashMap<String, Vec<String>> = HashMap::new();
        let mut current: Option<String> = None;
        let mut last: Option<String> = None;
        for arg in raw {
            if let Some(flag) = arg.strip_prefix("--") {
                if let Some(prev) = current.take() {
                    return Err(fail(format!("--{prev} needs a value")));
                }
                last = None;
                match flag.split_once('=') {
                    Some((k, v)) => values.entry(k.to_string()).or_default().push(v.to_string()),
                    None if flags.iter().any(|f| f.name == flag && f.bare) => values.entry(flag.to_string()).or_default().push(String::new()),
                    None => current = Some(flag.to_string()),
                }
            } else if let Some(flag) = current.take() {
                values.entry(flag.clone()).or_default().push(arg);
                last = Some(flag);
            } else if let Some(list) = last.as_ref().filter(|l| flags.iter().any(|f| f.name == l.as_str() && f.multi)).and_then(|l| values.get_mut(l)) {
                // `--week A B C` reads naturally; so does `--solution A B`.
                list.push(arg);
            } else {
                return Err(fail(format!("unexpected argument {arg:?}")));
            }
        }
        if let Some(flag) = current {
            return Err(fail(format!("--{flag} needs a value")));
        }
        let mut unknown: Vec<&String> = values.keys().filter(|k| !flags.iter().any(|f| f.name == k.as_str())).collect();
        unknown.sort();
        if let Some(key) = unknown.first() {
            return Err(fail(format!("{command} does not take --{key}; see credgate --help")));
        }
        Ok(Args { command, values })
    }

    fn has(&self, key: &str) -> bool {
        self.values.contains_key(key)
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

    /// Both of two flags that go together, or neither.
    fn pair(&self, a: &str, b: &str, why: &str) -> Result<Option<(&str, &str)>, Fail> {
        match (self.opt(a)?, self.opt(b)?) {
            (Some(x), Some(y)) => Ok(Some((x, y))),
            (None, None) => Ok(None),
            _ => Err(fail(format!("--{a} and --{b} go together: {why}"))),
        }
    }

    fn days(&self) -> Result<Option<u32>, Fail> {
        self.opt("days")?.map(|d| d.parse::<u32>().map_err(|_| fail(format!("--days: {d:?} is not a whole number of days")))).transpose()
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
        Err(e) => Err(Fail(e.problems().iter().map(|p| format!("error: {p}")).collect())),
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Fail> {
    let text = serde_json::to_string_pretty(value).map_err(|e| fail(format!("cannot write JSON: {e}")))?;
    let mut out = std::io::stdout().lock();
    // A closed pipe (`credgate validate ... | head`) is not an error worth a panic.
    let _ = writeln!(out, "{text}");
    Ok(())
}

/// Prints a result; exit 0.
fn done<T: serde::Serialize>(value: &T) -> Result<ExitCode, Fail> {
    print_json(value)?;
    Ok(ExitCode::SUCCESS)
}

fn run(raw: Vec<String>) -> Result<ExitCode, Fail> {
    if raw.is_empty() || raw.iter().any(|a| a == "--help" || a == "-h") || raw[0] == "help" {
        print!("{}", usage());
        return Ok(ExitCode::SUCCESS);
    }
    if raw.iter().any(|a| a == "--version" || a == "-V") {
        println!("credgate {}", env!("CARGO_PKG_VERSION"));
        return Ok(ExitCode::SUCCESS);
    }
    let mut raw = raw.into_iter();
    let name = raw.next().unwrap_or_default();
    let command = COMMANDS.iter().find(|c| c.name == name).ok_or_else(|| fail(format!("unknown command {name:?}; see credgate --help")))?;
    let args = Args::parse(command.name, &Flag::of(command.usage), raw)?;
    (command.run)(&args)
}

// ---------------------------------------------------------------------------------------------
// The handlers: read the arguments (before loading, so a missing one costs no load), load, call
// one operation, print.

fn check(args: &Args) -> Result<ExitCode, Fail> {
    if args.has("pairs") {
        if args.has("employee") || args.has("shift") {
            return Err(fail("check takes either --pairs FILE or --employee ID --shift ID, not both"));
        }
        let pairs = read_pairs(args.one("pairs")?)?;
        let engine = load(args)?;
        check_pairs(&engine, &pairs)?;
        return Ok(ExitCode::SUCCESS);
    }
    let (employee, shift) = (args.one("employee")?, args.one("shift")?);
    done(&load(args)?.check(employee, shift)?)
}

fn check_placement(args: &Args) -> Result<ExitCode, Fail> {
    let employee = args.one("employee")?;
    let text = args.one("placement")?;
    let value = credgate::Value::parse(text).map_err(|e| match (e.position(), e.problems().first()) {
        (Some((_, column)), Some(p)) => fail(format!("placement: --placement is not JSON (column {column}): {}", p.message)),
        _ => Fail::from(e),
    })?;
    let placement = Placement::from_value(&value)?;
    let ignore = args.opt("ignore-shift")?;
    done(&load(args)?.check_placement(employee, &placement, ignore)?)
}

fn candidates(args: &Args) -> Result<ExitCode, Fail> {
    let shift = args.one("shift")?;
    done(&load(args)?.candidates(shift)?)
}

fn validate(args: &Args) -> Result<ExitCode, Fail> {
    let v = load(args)?.validate();
    print_json(&v)?;
    Ok(if v.status == Status::Block { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn standing(args: &Args) -> Result<ExitCode, Fail> {
    let (employee, as_of) = (args.one("employee")?, args.one("as-of")?);
    done(&load(args)?.standing(employee, as_of)?)
}

fn alerts(args: &Args) -> Result<ExitCode, Fail> {
    let (as_of, days) = (args.one("as-of")?, args.days()?);
    done(&load(args)?.alerts(as_of, days)?)
}

fn plan_renewals(args: &Args) -> Result<ExitCode, Fail> {
    let as_of = args.one("as-of")?;
    let horizon = args.opt("horizon-days")?.map(|d| d.parse::<u32>().map_err(|_| fail(format!("--horizon-days: {d:?} is not a whole number of days")))).transpose()?;
    let plan = load(args)?.plan_renewals(as_of, horizon, args.has("use-grace"))?;
    if args.has("csv") {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(plan.to_csv().as_bytes());
        return Ok(ExitCode::SUCCESS);
    }
    done(&plan)
}

fn gaps(args: &Args) -> Result<ExitCode, Fail> {
    let (from, to) = (args.one("from")?, args.one("to")?);
    let group_by: credgate::GroupBy = args.one("group-by")?.parse()?;
    done(&load(args)?.gaps(from, to, group_by)?)
}

fn holders(args: &Args) -> Result<ExitCode, Fail> {
    let (code, at) = (args.one("code")?, args.one("at")?);
    done(&load(args)?.holders(code, at)?)
}

fn audit(args: &Args) -> Result<ExitCode, Fail> {
    let as_of = args.one("as-of")?;
    done(&load(args)?.audit(as_of)?)
}

// ---------------------------------------------------------------------------------------------
// Edits.

fn assign(args: &Args) -> Result<ExitCode, Fail> {
    let (employee, shift) = (args.one("employee")?, args.one("shift")?);
    edit(args, |engine, ov| engine.assign(employee, shift, ov))
}

fn unassign(args: &Args) -> Result<ExitCode, Fail> {
    let (employee, shift) = (args.one("employee")?, args.one("shift")?);
    edit(args, |engine, _| engine.unassign(employee, shift))
}

fn move_shift(args: &Args) -> Result<ExitCode, Fail> {
    let (shift, start, end) = (args.one("shift")?, args.one("start")?, args.one("end")?);
    edit(args, |engine, ov| engine.move_shift(shift, start, end, ov))
}

/// One edit: the override (`--by` with `--reason`, stamped with the current time), the edit,
/// then, unless it was refused, both documents written atomically to `--out-roster` and
/// `--out-credentials`, and the result printed. Exit 1 when refused (nothing written).
fn edit(args: &Args, apply: impl FnOnce(&mut Engine, Option<&Override>) -> Result<EditResult, Error>) -> Result<ExitCode, Fail> {
    let ov = args.pair("by", "reason", "an override says who allows it and why")?.map(|(by, reason)| Override::now(by.to_string(), reason.to_string()));
    let outputs = outputs(args)?;
    let mut engine = load(args)?;
    let result = apply(&mut engine, ov.as_ref())?;
    if result.refused {
        print_json(&result)?;
        return Ok(ExitCode::from(1));
    }
    if let Some((r, c)) = outputs {
        let export = engine.export();
        write_atomically(&[(r, export.roster.to_json_pretty() + "\n"), (c, export.credentials.to_json_pretty() + "\n")])?;
    }
    done(&result)
}

/// `--out-roster` with `--out-credentials`, or neither: two files, neither a directory.
fn outputs(args: &Args) -> Result<Option<(&str, &str)>, Fail> {
    let outputs = args.pair("out-roster", "out-credentials", "the edited documents are written together")?;
    if let Some((r, c)) = outputs {
        if Path::new(r) == Path::new(c) {
            return Err(fail(format!("--out-roster and --out-credentials both name {r}")));
        }
        for path in [r, c] {
            if Path::new(path).is_dir() {
                return Err(fail(format!("cannot write {path}: it is a directory")));
            }
        }
    }
    Ok(outputs)
}

/// `apply`: a batch of operations (SPEC §6.1), all or nothing. The answer goes to stdout
/// whatever it is; an invalid batch also prints every problem (`ops[i]...`) on stderr and
/// exits 2, a refused one exits 1; both documents are written (atomically) only when the batch
/// was applied. `--dry-run` is `preview`: the same answer, nothing changed or written.
fn apply(args: &Args) -> Result<ExitCode, Fail> {
    let text = read_text(args.one("ops")?, "ops")?;
    let ov = args.pair("by", "reason", "an override says who allows it and why")?.map(|(by, reason)| Override { by: by.to_string(), reason: reason.to_string(), at: None });
    let dry_run = args.has("dry-run");
    let outputs = outputs(args)?;
    if dry_run && outputs.is_some() {
        return Err(fail("--dry-run writes nothing: drop --out-roster and --out-credentials, or --dry-run"));
    }
    // Malformed JSON ends here, before the documents are read; a repeated key is reported
    // with every other problem of the batch.
    let (ops, noted) = credgate::Op::batch_value_noting(&text).map_err(|problems| Fail(problems.iter().map(|p| format!("error: {p}")).collect()))?;
    let mut engine = load(args)?;
    let result = engine.run_value(&ops, noted, ov.as_ref(), dry_run);
    {
        let mut err = std::io::stderr().lock();
        for w in &result.warnings {
            let _ = writeln!(err, "warning: {w}");
        }
        for e in &result.errors {
            let _ = writeln!(err, "error: {e}");
        }
    }
    if !result.errors.is_empty() {
        print_json(&result)?;
        return Ok(ExitCode::from(2));
    }
    if result.refused {
        print_json(&result)?;
        return Ok(ExitCode::from(1));
    }
    if let (Some((r, c)), true, false) = (outputs, result.applied, dry_run) {
        let export = engine.export();
        write_atomically(&[(r, export.roster.to_json_pretty() + "\n"), (c, export.credentials.to_json_pretty() + "\n")])?;
    }
    done(&result)
}

/// Writes every `(path, text)` atomically: each text to a new temporary file beside its target
/// (the same directory, so that the rename stays on one file system), then each renamed over its
/// target. Nothing is written unless every temporary file is, and no temporary file is left
/// behind on any path. (Two renames are not one atomic step: should the second fail, the
/// message says the first file was written.)
fn write_atomically(files: &[(&str, String)]) -> Result<(), Fail> {
    let mut temps: Vec<PathBuf> = Vec::with_capacity(files.len());
    let discard = |temps: &[PathBuf]| {
        for t in temps {
            let _ = std::fs::remove_file(t);
        }
    };
    for (path, text) in files {
        match write_temp(Path::new(path), text) {
            Ok(t) => temps.push(t),
            Err(e) => {
                discard(&temps);
                return Err(fail(format!("cannot write {path}: {e}; nothing was written")));
            }
        }
    }
    for (i, (tmp, (path, _))) in temps.iter().zip(files).enumerate() {
        if let Err(e) = std::fs::rename(tmp, path) {
            discard(&temps[i..]);
            let written: Vec<&str> = files[..i].iter().map(|(p, _)| *p).collect();
            let note = if written.is_empty() { "nothing was written".to_string() } else { format!("{} was written", written.join(", ")) };
            return Err(fail(format!("cannot write {path}: {e}; {note}")));
        }
    }
    Ok(())
}

/// Writes `text` to a new file beside `target` and returns its path; removes it on failure.
fn write_temp(target: &Path, text: &str) -> std::io::Result<PathBuf> {
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = target.file_name().ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"))?.to_string_lossy();
    for attempt in 0..100 {
        let tmp = dir.join(format!(".{name}.credgate-{}-{attempt}.tmp", std::process::id()));
        let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        match file.write_all(text.as_bytes()).and_then(|()| file.sync_all()) {
            Ok(()) => return Ok(tmp),
            Err(e) => {
                drop(file);
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
        }
    }
    Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, "no free temporary file name beside it"))
}

fn import_inrc2(args: &Args) -> Result<ExitCode, Fail> {
    use credgate::import::inrc2;
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
        opts.start_date = inrc2::Inrc2Options::parse_start_date(d).map_err(|e| fail(format!("--start-date: {e}")))?;
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
        // The library's own errors for an unknown id: `check` names an unknown employee before
        // looking at the shift, `assigned` an unknown shift.
        let employee = engine.employee_index(e).is_none().then(|| engine.check(e, s).err()).flatten();
        let shift = engine.shift_index(s).is_none().then(|| engine.assigned(s).err()).flatten();
        for (what, err) in [("employeeId", employee), ("shiftId", shift)] {
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
    if !args.has("html") {
        return Err(fail("report needs --html (the one format it writes)"));
    }
    let mut options = credgate::ReportOptions {
        days: args.days()?,
        to: args.opt("to")?.map(str::to_string),
        title: args.opt("title")?.map(str::to_string),
        ..Default::default()
    };
    if let Some(g) = args.opt("group-by")? {
        options.group_by = g.parse()?;
    }
    let as_of = args.one("as-of")?;
    let html = load(args)?.report_html(as_of, &options)?;
    write_out(args, &html)?;
    Ok(ExitCode::SUCCESS)
}

fn import_csv(args: &Args) -> Result<ExitCode, Fail> {
    use credgate::{CsvImport, CsvKind, CsvOptions};
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
    options.keep_unmapped = args.has("keep-unmapped");
    let lines = |problems: &[credgate::CsvProblem], what: &str| problems.iter().map(|p| format!("{what}: {file}: {p}")).collect::<Vec<_>>();
    let import = CsvImport::parse(&text, &options).map_err(|e| Fail(lines(e.csv_problems(), "error")))?;
    {
        let mut err = std::io::stderr().lock();
        for line in lines(&import.warnings, "warning") {
            let _ = writeln!(err, "{line}");
        }
    }
    let out = match args.opt("merge-into")? {
        Some(path) => {
            let existing = read_text(path, "credentials")?;
            let doc = import.merge_into(&existing).map_err(|e| Fail(e.csv_problems().iter().map(|p| format!("error: {path}: {}", p.message)).collect()))?;
            doc.to_json_pretty()
        }
        None => credgate::Value::Array(import.records).to_json_pretty(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(name: &'static str, bare: bool, multi: bool) -> Flag {
        Flag { name, bare, multi }
    }

    #[test]
    fn flags_are_read_from_the_usage() {
        let of = |name: &str| Flag::of(COMMANDS.iter().find(|c| c.name == name).map_or(&[], |c| c.usage));
        assert_eq!(of("report")[0], flag("html", true, false));
        assert!(of("import-csv").contains(&flag("keep-unmapped", true, false)));
        assert!(of("import-csv").contains(&flag("map", false, false)));
        assert!(of("import-csv").contains(&flag("offset", false, false)));
        assert!(of("import-inrc2").contains(&flag("week", false, true)));
        assert!(of("import-inrc2").contains(&flag("solution", false, true)));
        let names: Vec<&str> = of("check").iter().map(|f| f.name).collect();
        assert_eq!(names, ["roster", "credentials", "employee", "shift", "pairs"]);
        let names: Vec<&str> = of("move-shift").iter().map(|f| f.name).collect();
        assert_eq!(names, ["roster", "credentials", "shift", "start", "end", "by", "reason", "out-roster", "out-credentials"]);
        assert!(of("assign").iter().all(|f| !f.bare && !f.multi));
        // Every command's name is unique, and every usage names at least one flag.
        for (i, c) in COMMANDS.iter().enumerate() {
            assert!(COMMANDS[..i].iter().all(|d| d.name != c.name), "{} twice", c.name);
            assert!(!Flag::of(c.usage).is_empty(), "{}", c.name);
        }
    }

    #[test]
    fn arguments_parse_by_the_flags() {
        let flags = Flag::of(&["--week FILE... [--html] --out FILE"]);
        let raw = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let args = Args::parse("x", &flags, raw(&["--week", "a", "b", "--html", "--out=o"])).unwrap_or_else(|Fail(e)| panic!("{e:?}"));
        assert_eq!(args.many("week"), ["a", "b"]);
        assert!(args.has("html"));
        assert_eq!(args.one("out").ok(), Some("o"));
        let err = |v: &[&str]| Args::parse("x", &flags, raw(v)).err().map(|Fail(e)| e.join("\n")).unwrap_or_default();
        assert_eq!(err(&["--out"]), "error: --out needs a value");
        assert_eq!(err(&["--html", "h"]), "error: unexpected argument \"h\"");
        assert_eq!(err(&["--nope", "1"]), "error: x does not take --nope; see credgate --help");
        assert_eq!(err(&["--out", "a", "b"]), "error: unexpected argument \"b\"");
    }
}
