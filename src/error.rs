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

use serde::Serialize;
use std::fmt;

/// The most characters of one user-supplied text (an id, a code, a name, a waiver's reason or
/// `approvedBy`) that a message quotes; longer text is cut there, on a character boundary, and
/// `…` appended. Messages are for people, and one 10 MB value must not be copied into every
/// verdict or error that mentions it. The structured fields (ids, paths) stay whole.
pub(crate) const MAX_QUOTED_CHARS: usize = 80;

/// `text` as a message shows it: whole when it has at most [`MAX_QUOTED_CHARS`] characters,
/// else the first that many and `…`. Written through `Display`, without a copy.
pub(crate) fn clip(text: &str) -> Clip<'_> {
    Clip(text)
}

/// See [`clip`]. One non-generic `Display`, so that the many messages that quote user text
/// share its code (a `Cow` per quote grew the .wasm by several KB).
#[derive(Clone, Copy)]
pub(crate) struct Clip<'a>(&'a str);

impl fmt::Display for Clip<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        // A byte count within the limit is a character count within it: no scan on the usual path.
        if text.len() <= MAX_QUOTED_CHARS {
            return f.write_str(text);
        }
        match text.char_indices().nth(MAX_QUOTED_CHARS) {
            None => f.write_str(text),
            Some((cut, _)) => {
                f.write_str(&text[..cut])?;
                f.write_str("…")
            }
        }
    }
}

/// Appends `text` clipped (see [`clip`]), without formatting machinery.
pub(crate) fn push_clipped(out: &mut String, text: &str) {
    if text.len() <= MAX_QUOTED_CHARS {
        out.push_str(text);
        return;
    }
    match text.char_indices().nth(MAX_QUOTED_CHARS) {
        None => out.push_str(text),
        Some((cut, _)) => {
            out.push_str(&text[..cut]);
            out.push('…');
        }
    }
}

/// `text` clipped (see [`clip`]) and written as a JSON string, the `…` inside the quotes.
pub(crate) fn quoted(text: &str) -> String {
    crate::json::Value::String(clip(text).to_string()).to_json()
}

/// Which of the two input documents a problem was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Document {
    /// The roster document: locations, teams, roles, queues, employees, shifts, rules.
    Roster,
    /// The credentials document: types, groups, credentials, waivers, trainings.
    Credentials,
    /// An argument of an operation (an instant, a placement), not a document.
    Argument,
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
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Loading failed: every problem found in both documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadError {
    /// Every error, in document order (roster first).
    pub problems: Vec<Problem>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(f, "the documents could not be loaded ({n} problem{})", if n == 1 { "" } else { "s" })?;
        for p in &self.problems {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// An operation on an engine could not be carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Loading failed; see [`LoadError`].
    Load(LoadError),
    /// No employee has this id.
    UnknownEmployee(String),
    /// No shift has this id.
    UnknownShift(String),
    /// No credential type has this code.
    UnknownCode(String),
    /// An argument is not acceptable (a malformed instant, an end before its start...).
    InvalidArgument(Problem),
    /// A text is not JSON ([`Value::parse`](crate::Value::parse)).
    InvalidJson {
        /// The line (from 1) where the text stopped being JSON.
        line: usize,
        /// The column (from 1, in characters).
        column: usize,
        /// What was wrong there.
        message: String,
    },
}

impl Error {
    /// The problems behind this error, with paths: the load problems, or one problem naming
    /// the argument at fault.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Error::Load(e) => e.problems.clone(),
            Error::InvalidArgument(p) => vec![p.clone()],
            Error::InvalidJson { line, column, message } => vec![Problem { path: format!("{line}:{column}"), message: message.clone(), document: Document::Argument }],
            other => vec![Problem { path: other.argument().to_string(), message: other.to_string(), document: Document::Argument }],
        }
    }

    fn argument(&self) -> &'static str {
        match self {
            Error::UnknownEmployee(_) => "employeeId",
            Error::UnknownShift(_) => "shiftId",
            Error::UnknownCode(_) => "code",
            _ => "argument",
        }
    }
}

impl Error {
    /// A result that could not be written for the caller (a map key that is not a string):
    /// named `result`, as an argument would be.
    pub(crate) fn unwritable(message: String) -> Error {
        Error::InvalidArgument(Problem { path: "result".to_string(), message, document: Document::Argument })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Load(e) => e.fmt(f),
            Error::UnknownEmployee(id) => write!(f, "no employee has the id {}", quoted(id)),
            Error::UnknownShift(id) => write!(f, "no shift has the id {}", quoted(id)),
            Error::UnknownCode(code) => write!(f, "no credential type has the code {}", quoted(code)),
            Error::InvalidArgument(p) => p.fmt(f),
            Error::InvalidJson { line, column, message } => write!(f, "line {line}, column {column}: {message}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<crate::json::ParseError> for Error {
    fn from(e: crate::json::ParseError) -> Self {
        Error::InvalidJson { line: e.line, column: e.column, message: e.message }
    }
}

impl From<LoadError> for Error {
    fn from(e: LoadError) -> Self {
        Error::Load(e)
    }
}
