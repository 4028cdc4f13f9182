//! Errors as data: every problem carries the JSON path where it was found.
//!
//! Loading collects *every* problem in both documents instead of stopping at the first, because
//! the person fixing an HR export wants the whole list at once. A [`Problem`] is the unit: a
//! path from the root of its document (`credentials[12].validUntil`, `shifts[3].end`), or the
//! document's own name (`roster`, `credentials`) for a problem with a whole document, and a
//! plain message. The same type carries load warnings.
//!
//! Operations on a loaded engine fail only for reasons the caller controls: an id that names
//! nothing, or an argument that is not a valid instant or placement. Those are [`Error`]s too,
//! never panics.
//!
//! [`Error`] is the crate's one error type: loading, every operation, [`Value::parse`] and the
//! CSV import all fail with it. Its [`ErrorKind`] says what went wrong, to match on; its
//! [`problems`](Error::problems) say where, with paths.
//!
//! ```
//! use credgate::{Engine, ErrorKind};
//! let err = Engine::load(r#"{"shifts": [{"id": "s1"}]}"#, "{").unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::InvalidDocument);
//! let paths: Vec<_> = err.problems().iter().map(|p| p.path.as_str()).collect();
//! assert_eq!(paths, ["shifts[0].start", "shifts[0].end", "credentials"]);
//! assert!(err.to_string().starts_with("the documents could not be loaded (3 problems)\n  shifts[0].start: "));
//! ```
//!
//! [`Value::parse`]: crate::Value::parse

use crate::csv_import::CsvProblem;
use serde::Serialize;
use std::fmt;

/// The most characters of one user-supplied text (an id, a code, a name, a waiver's reason or
/// `approvedBy`) that a message quotes; longer text is cut there, on a character boundary, and
/// `…` appended. Messages are for people, and one 10 MB value must not be copied into every
/// verdict or error that mentions it. The structured fields (ids, paths) stay whole.
pub(crate) const MAX_QUOTED_CHARS: usize = 80;

/// The part of `text` a message shows (see [`push_clipped`]), and whether it was cut (`…`
/// follows): the search for the cut, out of line.
#[inline(never)]
fn clipped(text: &str) -> (&str, bool) {
    // A byte count within the limit is a character count within it: no scan on the usual path.
    if text.len() <= MAX_QUOTED_CHARS {
        return (text, false);
    }
    let shown = crate::text::prefix(text, MAX_QUOTED_CHARS);
    (shown, shown.len() < text.len())
}

/// Appends `text` as a message shows it: whole when it has at most [`MAX_QUOTED_CHARS`]
/// characters, else the first that many and `…`, without formatting machinery.
pub(crate) fn push_clipped(out: &mut String, text: &str) {
    let (shown, cut) = clipped(text);
    out.push_str(shown);
    if cut {
        out.push('…');
    }
}

/// `text` clipped (see [`push_clipped`]) and written as a JSON string, the `…` inside the quotes.
pub(crate) fn quoted(text: &str) -> String {
    // Clipped by pushes and written by the JSON writer's string routine: no formatting machinery,
    // and not the writer's match over every kind of value (the same text: a `Value::String` is
    // written by it).
    let mut clipped = String::new();
    push_clipped(&mut clipped, text);
    let mut out = String::with_capacity(clipped.len() + 2);
    crate::json::write_string(&mut out, &clipped);
    out
}

/// Which of the two input documents a problem was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
#[serde(rename_all = "camelCase")]
pub enum Document {
    /// The roster document: locations, teams, roles, queues, employees, shifts, rules.
    Roster,
    /// The credentials document: types, groups, credentials, waivers, trainings.
    Credentials,
    /// An argument of an operation (an instant, a placement), not a document.
    Argument,
    /// A file being imported (CSV, INRC-II): the path is `line:column`, the line alone, or
    /// `options` (see [`CsvProblem::path`]).
    Import,
}

/// One problem (an error or a warning) with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The JSON path from the root of its document, e.g. `credentials[12].validUntil`;
    /// `roster` or `credentials` for the whole document.
    pub path: String,
    /// What is wrong, for people: names what was found and what was expected.
    pub message: String,
    /// The document the path is in.
    pub document: Document,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.push_to(&mut out);
        f.write_str(&out)
    }
}

impl Problem {
    /// Appends what `Display` writes: `path: message`.
    pub(crate) fn push_to(&self, out: &mut String) {
        out.push_str(&self.path);
        out.push_str(": ");
        out.push_str(&self.message);
    }
}

/// Appends a count or a place (a line, a column) in decimal.
pub(crate) fn push_count(out: &mut String, n: u64) {
    // Counts of problems, lines and columns of a document in memory: far below i64::MAX.
    crate::human::push_int(out, i64::try_from(n).unwrap_or(i64::MAX));
}

/// What kind of error an [`Error`] is: what to match on. More kinds may come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The documents could not be loaded: every problem in both, each with its path.
    InvalidDocument,
    /// No employee has the id given ([`Error::subject`]).
    UnknownEmployee,
    /// No shift has the id given ([`Error::subject`]).
    UnknownShift,
    /// No credential type has the code given ([`Error::subject`]).
    UnknownCode,
    /// An argument is not acceptable (a malformed instant, an end before its start...): one
    /// problem naming the argument.
    InvalidArgument,
    /// A text is not JSON ([`Value::parse`](crate::Value::parse)); see [`Error::position`].
    InvalidJson,
    /// A CSV file could not be imported, or its records not merged: see
    /// [`Error::csv_problems`].
    Csv,
    /// An INRC-II file ([`import::inrc2`](crate::import::inrc2)) could not be read or turned
    /// into documents: one problem whose path is the line (`0`: no line in particular).
    Import,
}

/// Why loading, an operation, a parse or an import failed: its [`kind`](Error::kind), and
/// every problem found, with paths ([`problems`](Error::problems)). `Display` writes a summary
/// and the problems, one a line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Error(Box<Inner>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    problems: Vec<Problem>,
    /// The id or code that names nothing (the `Unknown…` kinds).
    subject: Option<String>,
    /// Line and column of malformed JSON.
    position: Option<(usize, usize)>,
    /// The CSV import's own problems, with lines and columns.
    csv: Vec<CsvProblem>,
}

impl Error {
    fn new(kind: ErrorKind, problems: Vec<Problem>) -> Error {
        Error(Box::new(Inner { kind, problems, subject: None, position: None, csv: Vec::new() }))
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The problems behind this error, with paths: every load problem, or one problem naming
    /// the argument at fault (`employeeId`, `shiftId`, `code`, `asOf`, `placement.start`...),
    /// or the position of malformed JSON (`line:column`), or each CSV problem.
    pub fn problems(&self) -> &[Problem] {
        &self.0.problems
    }

    /// The id or code that names nothing, for [`ErrorKind::UnknownEmployee`],
    /// [`UnknownShift`](ErrorKind::UnknownShift) and [`UnknownCode`](ErrorKind::UnknownCode).
    pub fn subject(&self) -> Option<&str> {
        self.0.subject.as_deref()
    }

    /// Where malformed JSON stopped being JSON, as (line, column), from 1, the column in
    /// characters: for [`ErrorKind::InvalidJson`]; for [`ErrorKind::Import`], the line and 0.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.0.position
    }

    /// A failed CSV import's problems with their lines, columns and headers
    /// ([`ErrorKind::Csv`]); empty for the other kinds.
    pub fn csv_problems(&self) -> &[CsvProblem] {
        &self.0.csv
    }

    /// Loading failed with these problems (at least one).
    pub(crate) fn load(problems: Vec<Problem>) -> Error {
        Error::new(ErrorKind::InvalidDocument, problems)
    }

    /// An argument is not acceptable.
    pub(crate) fn invalid_argument(problem: Problem) -> Error {
        Error::new(ErrorKind::InvalidArgument, vec![problem])
    }

    /// Arguments (or the fields of one, a placement's) are not acceptable: every problem found.
    pub(crate) fn invalid_arguments(problems: Vec<Problem>) -> Error {
        Error::new(ErrorKind::InvalidArgument, problems)
    }

    /// No employee has this id.
    pub(crate) fn unknown_employee(id: &str) -> Error {
        Error::unknown(ErrorKind::UnknownEmployee, "employeeId", "no employee has the id ", id)
    }

    /// No shift has this id.
    pub(crate) fn unknown_shift(id: &str) -> Error {
        Error::unknown(ErrorKind::UnknownShift, "shiftId", "no shift has the id ", id)
    }

    /// No credential type has this code.
    pub(crate) fn unknown_code(code: &str) -> Error {
        Error::unknown(ErrorKind::UnknownCode, "code", "no credential type has the code ", code)
    }

    fn unknown(kind: ErrorKind, path: &str, what: &str, id: &str) -> Error {
        let problem = Problem { path: crate::load::own(path), message: crate::load::concat(&[what, &quoted(id)]), document: Document::Argument };
        let mut e = Error::new(kind, vec![problem]);
        e.0.subject = Some(crate::load::own(id));
        e
    }

    /// A CSV import failed with these problems.
    pub(crate) fn csv(csv: Vec<CsvProblem>) -> Error {
        let problems = csv.iter().map(|p| Problem { path: p.path(), message: p.message.clone(), document: Document::Import }).collect();
        let mut e = Error::new(ErrorKind::Csv, problems);
        e.0.csv = csv;
        e
    }

    /// A result that could not be written for the caller (the package's result tape in use):
    /// named `result`, as an argument would be.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn unwritable(message: String) -> Error {
        Error::invalid_argument(Problem { path: crate::load::own("result"), message, document: Document::Argument })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl Error {
    /// What `Display` writes: a summary and the problems, one a line. Written by pushes, not the
    /// formatting machinery, since the package's thrown errors carry it as their message.
    pub(crate) fn message(&self) -> String {
        let inner = &*self.0;
        let mut out = String::new();
        let (what, n) = match inner.kind {
            ErrorKind::InvalidDocument => ("the documents could not be loaded (", inner.problems.len()),
            ErrorKind::Csv => ("the CSV file could not be imported (", inner.csv.len()),
            _ => {
                // Malformed JSON ("line 1, column 7: ...") and an INRC-II file ("line 7: ...",
                // the column 0; a problem with no line is its message alone).
                if inner.position.is_some() || inner.kind == ErrorKind::Import {
                    if let Some((line, column)) = inner.position {
                        out.push_str("line ");
                        push_count(&mut out, line as u64);
                        if column > 0 {
                            out.push_str(", column ");
                            push_count(&mut out, column as u64);
                        }
                        out.push_str(": ");
                    }
                    out.push_str(inner.problems.first().map_or("", |p| p.message.as_str()));
                } else if let Some(p) = inner.problems.first() {
                    if inner.kind == ErrorKind::InvalidArgument {
                        p.push_to(&mut out);
                    } else {
                        out.push_str(&p.message);
                    }
                }
                return out;
            }
        };
        out.push_str(what);
        push_count(&mut out, n as u64);
        // (The CSV import has always said "problems", even of one.)
        out.push_str(if n == 1 && inner.kind != ErrorKind::Csv { " problem)" } else { " problems)" });
        if inner.kind == ErrorKind::Csv {
            for p in &inner.csv {
                out.push_str("\n  ");
                p.push_to(&mut out);
            }
        } else {
            for p in &inner.problems {
                out.push_str("\n  ");
                p.push_to(&mut out);
            }
        }
        out
    }
}

impl std::error::Error for Error {}

impl From<crate::import::inrc2::ImportError> for Error {
    fn from(e: crate::import::inrc2::ImportError) -> Self {
        let problem = Problem { path: e.line.to_string(), message: e.message, document: Document::Import };
        let mut err = Error::new(ErrorKind::Import, vec![problem]);
        err.0.position = (e.line > 0).then_some((e.line, 0));
        err
    }
}

impl From<crate::json::ParseError> for Error {
    fn from(e: crate::json::ParseError) -> Self {
        let problem = Problem { path: format!("{}:{}", e.line, e.column), message: e.message, document: Document::Argument };
        let mut err = Error::new(ErrorKind::InvalidJson, vec![problem]);
        err.0.position = Some((e.line, e.column));
        err
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_is_the_json_of_the_clipped_text() {
        let long = "é".repeat(81);
        for text in ["", "a", "say \"hi\"\n", "tab\there\u{1}", "\u{2028}", &long, &"x".repeat(80), &"x".repeat(81), "😀😀"] {
            assert_eq!(quoted(text), crate::json::Value::String({ let mut c = String::new(); push_clipped(&mut c, text); c }).to_json(), "{text:?}");
        }
    }

    #[test]
    fn kinds_display_and_problems() {
        let e = crate::Value::parse("{\"a\": }").unwrap_err();
        assert_eq!((e.kind(), e.position()), (ErrorKind::InvalidJson, Some((1, 7))));
        assert_eq!(e.to_string(), "line 1, column 7: unexpected character '}'");
        assert_eq!(e.problems()[0].path, "1:7");
        let e = Error::from(crate::import::inrc2::ImportError::new(7, "unknown day"));
        assert_eq!((e.kind(), e.to_string()), (ErrorKind::Import, "line 7: unknown day".to_string()));
        assert_eq!(Error::from(crate::import::inrc2::ImportError::new(0, "x")).to_string(), "x");
        let e = Error::unknown_code("BSL");
        assert_eq!((e.kind(), e.subject(), e.to_string()), (ErrorKind::UnknownCode, Some("BSL"), "no credential type has the code \"BSL\"".to_string()));
        assert_eq!(e.problems()[0].path, "code");
        let e = Error::invalid_argument(Problem { path: "asOf".into(), message: "bad".into(), document: Document::Argument });
        assert_eq!((e.kind(), e.to_string()), (ErrorKind::InvalidArgument, "asOf: bad".to_string()));
        let one = Problem { path: "shifts[0].end".into(), message: "is required".into(), document: Document::Roster };
        assert_eq!(Error::load(vec![one]).to_string(), "the documents could not be loaded (1 problem)\n  shifts[0].end: is required");
    }
}
