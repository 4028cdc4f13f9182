//! Importing HR and LMS exports: CSV rows into credgate credential, training or event records.
//!
//! This module owns [`CsvImport`] and its options and problems. HR systems and learning-
//! management systems export spreadsheets, not SPEC documents; this turns one such CSV file
//! into records of the credentials document (SPEC §2.2; `events`, §8), either as a JSON array
//! or merged into an existing document.
//!
//! # Columns
//!
//! Each column header is matched to a SPEC field, ignoring case, spaces and punctuation, against
//! a list of the names exports use: `Employee ID`, `Emp #` and `Staff ID` read as `employeeId`;
//! `Expiry`, `Expires`, `Expiration Date` and `Valid Through` as `validUntil`; `Issued` and
//! `Issue Date` as `validFrom`; `Licence Number`, `Card No` as `identifier`; and so on (see
//! [`CsvKind::fields`] and the fields' tables in this file). An explicit mapping
//! (`header=field`, `--map` on the command line) wins over the guess, and maps a column to `-`
//! to drop it. Columns that match nothing are **dropped**, with a warning naming them: an HR
//! export often carries personal data (dates of birth, home addresses) that has no place in a
//! credentials document. [`CsvOptions::keep_unmapped`] keeps them as extra fields instead
//! (named in camelCase: `Renewal Notes` becomes `renewalNotes`), which SPEC keeps silently.
//!
//! # Cells
//!
//! - Dates are written back in SPEC's forms: `2027-01-31`, a month `2027-01` (in `validUntil`
//!   only), or an RFC 3339 instant. Besides ISO, `MM/DD/YYYY` or `DD/MM/YYYY` (and `DD.MM.YYYY`)
//!   are read when [`CsvOptions::date_order`] says which; a date-time without an offset is read
//!   only when [`CsvOptions::offset`] gives one, because SPEC rejects naive date-times.
//! - `validUntil` is required: an empty cell is an error, and `never`, `none`, `n/a` or `null`
//!   write `null`, a credential that never expires. So a blank cell cannot make a credential
//!   eternal, any more than a missing field can in a document.
//! - `status` is matched without regard to case (`Active`), and `canceled` reads `cancelled`.
//! - An event's `at` is an instant (a date alone is an error, as in the document: SPEC §8.1);
//!   `count` a whole number from 1, `hours` a number from 0 (each at most 1,000,000), both
//!   optional, written as the cell has them. Headers such as `Date`, `Performed At`,
//!   `Activity`, `Event Type`, `Quantity` and `Duration` are guessed.
//! - `validIn` and `restrictions` are lists separated by `;`, `,` or `|`.
//! - Without an `id` column, ids are made from the line number (`csv-cr-2`, `csv-t-2`,
//!   `csv-ev-2`), with a
//!   warning: re-importing the same file gives the same ids, an edited one may not.
//!
//! Every problem is reported at once, each with its line and column (1-based, as a spreadsheet
//! numbers them), and nothing is imported while any error remains.
//!
//! # Example
//!
//! ```
//! use credgate::{CsvImport, CsvKind, CsvOptions};
//! let text = "Employee ID,Certification,Card Number,Issued,Expires\n\
//!             e-17,BLS,ZT6P3,2025-08-09,2027-08\n\
//!             e-18,RN,RN-889,2025-03-01,never\n";
//! let import = CsvImport::parse(text, &CsvOptions::new(CsvKind::Credentials)).unwrap();
//! assert_eq!(import.records[0].to_json(),
//!   r#"{"id":"csv-cr-2","employeeId":"e-17","code":"BLS","validFrom":"2025-08-09","validUntil":"2027-08","identifier":"ZT6P3"}"#);
//! assert_eq!(import.records[1].get("validUntil"), Some(&credgate::Value::Null));
//!
//! let bad = "Employee ID,Code,Expires\ne-17,BLS,2027-13-01\n";
//! let err = CsvImport::parse(bad, &CsvOptions::new(CsvKind::Credentials)).unwrap_err();
//! assert_eq!(err.csv_problems()[0].to_string(),
//!   "line 2, column 3 (Expires): \"2027-13-01\" is not a date, a month or an RFC 3339 instant");
//! ```

use crate::json::Value;
use crate::load::own;
use crate::time::{self, BoundKind};
use serde::Serialize;
use std::fmt;

names! {
    /// What a CSV file holds.
    pub enum CsvKind {
        /// Credential records (`credentials` in the credentials document).
        Credentials = "credentials",
        /// Training sessions (`trainings`).
        Trainings = "trainings",
        /// Events that keep a qualification current (`events`, SPEC §8): landings, procedures,
        /// refresher hours.
        Events = "events",
    }
}

impl CsvKind {
    /// The SPEC fields a row may fill, in the order they are written.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            CsvKind::Credentials => &["id", "employeeId", "code", "validFrom", "validUntil", "status", "validIn", "restrictions", "issuer", "identifier"],
            CsvKind::Trainings => &["id", "employeeId", "code", "start", "end", "status"],
            CsvKind::Events => &["id", "employeeId", "kind", "at", "count", "hours"],
        }
    }

    /// The collection of the credentials document the records belong in.
    pub fn collection(self) -> &'static str {
        // The kinds are named after their collections.
        self.as_str()
    }

    /// How each of [`fields`](CsvKind::fields) is read, guessed and required, in the same
    /// order: one table, where three (how its cells read, its header names, the places of the
    /// required fields) were matched on the kind apart and the required ones looked up by place.
    fn table(self) -> &'static [Field] {
        match self {
            CsvKind::Credentials => CREDENTIAL_FIELDS,
            CsvKind::Trainings => TRAINING_FIELDS,
            CsvKind::Events => EVENT_FIELDS,
        }
    }

    fn id_prefix(self) -> &'static str {
        match self {
            CsvKind::Credentials => "csv-cr-",
            CsvKind::Trainings => "csv-t-",
            CsvKind::Events => "csv-ev-",
        }
    }
}

impl std::str::FromStr for CsvKind {
    type Err = String;
    /// Reads `"credentials"`, `"trainings"` or `"events"`.
    fn from_str(s: &str) -> Result<CsvKind, String> {
        CsvKind::from_name(s).ok_or_else(|| not_one_of(CsvKind::NAMES, s))
    }
}

names! {
    /// How to read a date written with slashes or dots.
    #[derive(Default)]
    pub enum DateOrder {
        /// ISO forms only (`2027-01-31`, `2027-01`, RFC 3339). The default.
        #[default]
        Iso = "iso",
        /// ISO forms, and `MM/DD/YYYY` (`01/31/2027`) and `MM/YYYY`.
        MonthFirst = "mdy",
        /// ISO forms, and `DD/MM/YYYY` or `DD.MM.YYYY` (`31/01/2027`) and `MM/YYYY`.
        DayFirst = "dmy",
    }
}

impl std::str::FromStr for DateOrder {
    type Err = String;
    /// Reads `"iso"`, `"mdy"` or `"dmy"`.
    fn from_str(s: &str) -> Result<DateOrder, String> {
        DateOrder::from_name(s).ok_or_else(|| not_one_of(DateOrder::NAMES, s))
    }
}

/// `expected "a", "b" or "c", found "x"`: what a kind or a date order that is not one says. One
/// writer for both, over the names' table (the loader lists its names the same way),
/// where each `from_str` had a `format!` and an iterator of its own.
#[inline(never)]
fn not_one_of(names: &[&'static str], found: &str) -> String {
    say("expected %, found %", &[S(&crate::names::alternatives(names)), Q(found)])
}

/// How to read a CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvOptions {
    /// What the file holds.
    pub kind: CsvKind,
    /// Explicit `(header, field)` mappings; a field of `-` drops the column.
    pub map: Vec<(String, String)>,
    /// How to read dates with slashes or dots.
    pub date_order: DateOrder,
    /// The UTC offset (`-06:00`, `Z`) of date-times written without one; `None` rejects them.
    pub offset: Option<String>,
    /// Keep columns that map to no field, as extra fields.
    pub keep_unmapped: bool,
    /// The field separator; `None` guesses `,`, `;` or tab from the header line.
    pub delimiter: Option<u8>,
}

impl CsvOptions {
    /// The defaults for a kind: guessed columns, ISO dates, no offset, unmapped columns dropped.
    pub fn new(kind: CsvKind) -> CsvOptions {
        CsvOptions { kind, map: Vec::new(), date_order: DateOrder::Iso, offset: None, keep_unmapped: false, delimiter: None }
    }

    /// Reads the options of a kind from a JSON object (`null` for the defaults), as the npm
    /// package's `importCsv(kind, text, mapping)` takes them: `columns` (header → field, `"-"` to
    /// drop a column: the command line's `--map`), `dateOrder` (`"iso"`, `"mdy"`, `"dmy"`),
    /// `offset` (`"-06:00"`), `delimiter` (one character, or `"tab"`), `keepUnmapped`. A
    /// problem names its path from `mapping`.
    ///
    /// ```
    /// use credgate::{CsvKind, CsvOptions, DateOrder};
    /// let v = credgate::Value::parse(r#"{"columns": {"Expiry Date": "validUntil"}, "dateOrder": "mdy"}"#).unwrap();
    /// let o = CsvOptions::from_value(CsvKind::Credentials, &v).unwrap();
    /// assert_eq!((o.map[0].0.as_str(), o.date_order), ("Expiry Date", DateOrder::MonthFirst));
    /// let v = credgate::Value::parse(r#"{"Expiry Date": "validUntil"}"#).unwrap();
    /// let e = CsvOptions::from_value(CsvKind::Credentials, &v).unwrap_err();
    /// assert_eq!(e.problems()[0].path, "mapping.Expiry Date");
    /// ```
    pub fn from_value(kind: CsvKind, v: &Value) -> Result<CsvOptions, crate::Error> {
        let mut o = CsvOptions::new(kind);
        // `null` reads as an object of no options: one return of the options read, where it
        // had its own; `mapping` of another type is told as an option of the wrong type is.
        let fields = match v {
            Value::Null => &[][..],
            Value::Object(fields) => fields,
            other => return Err(wrong_type(None, "an object", other)),
        };
        for (key, value) in fields {
            o.set(key, value)?;
        }
        Ok(o)
    }

    /// Sets the option `key` of `mapping` to `value`. Out of line, so that a problem returns
    /// from one place, where each of the options' returns in the loop of
    /// [`from_value`](CsvOptions::from_value) freed the options read so far.
    #[inline(never)]
    fn set(&mut self, key: &str, value: &Value) -> Result<(), crate::Error> {
        // `null` leaves any option, even one that is not an option, at its default.
        if matches!(value, Value::Null) {
            return Ok(());
        }
        let Some(option) = crate::names::position(OPTIONS, key) else {
            return Err(bad(Some(key), own("is not an option; expected columns ({header: field}), dateOrder, offset, delimiter or keepUnmapped")));
        };
        // One arm per option and the type it takes (the option found by its place in
        // `OPTIONS`, by the crate's one out-of-line search of a table of names, where a `match`
        // on the name compared it with each of the five in place); a value of another type
        // falls to the last three arms, which name the type, and is told at one place, where
        // each option's arm told its own (the three text options' each).
        let what = match (option, value) {
            // columns
            (0, Value::Object(columns)) => {
                for (header, field) in columns {
                    let field = field.as_str().ok_or_else(|| wrong_type(Some(&say("columns.%", &[S(header)])), "a field name or \"-\"", field))?;
                    self.map.push((own(header), own(field)));
                }
                return Ok(());
            }
            // keepUnmapped
            (4, Value::Bool(b)) => {
                self.keep_unmapped = *b;
                return Ok(());
            }
            // dateOrder
            (1, Value::String(text)) => {
                self.date_order = text.parse().map_err(|e: String| bad(Some(key), e))?;
                return Ok(());
            }
            // offset (the one text option kept)
            (2, Value::String(text)) => {
                self.offset = Some(own(text));
                return Ok(());
            }
            // delimiter
            (3, Value::String(text)) => {
                self.delimiter = match text.as_str() {
                    // A tab itself is one character, read below.
                    "tab" => Some(b'\t'),
                    d => match d.as_bytes() {
                        [b] => Some(*b),
                        _ => return Err(bad(Some(key), quote_then(d, " is not one character (or \"tab\")"))),
                    },
                };
                return Ok(());
            }
            (0, _) => "an object of header: field",
            (4, _) => "a boolean",
            _ => "a string",
        };
        Err(wrong_type(Some(key), what, value))
    }
}

/// The options' names, in the order of [`CsvOptions::set`]'s arms.
const OPTIONS: &[&str] = &["columns", "dateOrder", "offset", "delimiter", "keepUnmapped"];

/// A problem with the option `key` of `importCsv`'s `mapping` (`mapping.key`), or with `mapping`
/// itself (`None`): out of line, where a closure was copied into each of the options' eight
/// sites (decision 136).
#[inline(never)]
fn bad(key: Option<&str>, message: String) -> crate::Error {
    let path = match key {
        Some(key) => say("mapping.%", &[S(key)]),
        None => own("mapping"),
    };
    crate::Error::invalid_argument(crate::Problem { path, message, document: crate::Document::Argument })
}

/// A problem with the option `key` (or `mapping` itself: `None`) whose value is of the wrong
/// type: `expected <what>, found <its type>`. One writer for the four options' checks and
/// `mapping`'s own, each of which built the message.
#[inline(never)]
fn wrong_type(key: Option<&str>, what: &str, found: &Value) -> crate::Error {
    bad(key, say("expected %, found %", &[S(what), S(found.type_name())]))
}

/// A problem with a CSV file, at a line and (usually) a column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvProblem {
    /// The line, from 1 (the header is line 1); 0 for a problem with the options.
    pub line: u64,
    /// The column, from 1, when the problem is in one cell or header.
    pub column: Option<usize>,
    /// The column's header, when known.
    pub header: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl CsvProblem {
    /// Where it is, as `row:column` (`"2:3"`: line 2, the first data row, column 3), the row
    /// alone when the problem is with a whole line, or `"options"` for the options.
    pub fn path(&self) -> String {
        if self.line == 0 {
            return own("options");
        }
        // Pushed, as `push_to` writes the line and the column.
        let mut out = String::new();
        crate::error::push_count(&mut out, self.line);
        if let Some(c) = self.column {
            out.push(':');
            crate::error::push_count(&mut out, c as u64);
        }
        out
    }
}

impl fmt::Display for CsvProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.push_to(&mut out);
        f.write_str(&out)
    }
}

impl CsvProblem {
    /// Appends what `Display` writes: `line 3, column 2 (header): message` (`options` for the
    /// line of the options), by pushes: a failed import's thrown message is made of these.
    pub(crate) fn push_to(&self, out: &mut String) {
        if self.line == 0 {
            out.push_str("options");
        } else {
            out.push_str("line ");
            crate::error::push_count(out, self.line);
        }
        if let Some(c) = self.column {
            out.push_str(", column ");
            crate::error::push_count(out, c as u64);
        }
        if let Some(h) = &self.header {
            out.push_str(" (");
            out.push_str(h);
            out.push(')');
        }
        out.push_str(": ");
        out.push_str(&self.message);
    }
}

/// How one column was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvColumn {
    /// The header, as written.
    pub header: String,
    /// The field it fills; `None` when dropped.
    pub field: Option<String>,
}

/// An imported CSV file: the records, how each column was read, and warnings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvImport {
    /// What the file held.
    pub kind: CsvKind,
    /// One SPEC record per data row, in file order.
    pub records: Vec<Value>,
    /// How each column was read, in file order.
    pub columns: Vec<CsvColumn>,
    /// Things worth knowing that did not stop the import (dropped columns, generated ids).
    pub warnings: Vec<CsvProblem>,
}

/// `s` in double quotes, escaped as a JSON string is (`"e-17"`): how messages quote what
/// they found. (Not `{:?}`, whose Unicode tables would weigh on the npm package.)
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    crate::json::write_string(&mut out, s);
    out
}

/// A piece of a message: text as it is, text quoted as [`q`] quotes it, a number in decimal
/// with at least so many digits (zeros in front), or a list of texts separated by `, `.
enum Piece<'a> {
    S(&'a str),
    Q(&'a str),
    N(u64, usize),
    /// Written where it is needed, where each message's `join` made a `String` of the list
    /// (one to free per message, and `join`'s code for lists of `String`s).
    L(&'a [&'a str]),
}
use Piece::{L, N, Q, S};

/// A message from a template whose every `%` is the next of `pieces`: `say("id % is already
/// used on line %", &[Q(id), N(line, 1)])`. One out-of-line writer, where a `format!` at each
/// site brought its arguments' formatting code and each quoted text a temporary string to free
/// (decision 133). The fixed words are one text, where a second writer (`msg`) took each run of
/// them as a piece of its own (a pointer and a length stored at the call site); pieces that
/// follow one another are `%%`. Nothing a file or an option holds is ever a template, only a
/// piece, and a piece is written as it is (a `%` in it is not read).
#[inline(never)]
fn say(template: &str, pieces: &[Piece<'_>]) -> String {
    let mut out = String::new();
    let mut pieces = pieces.iter();
    let mut rest = Some(template);
    while let Some(text) = rest {
        let (words, after) = cut_any(text, b"%");
        out.push_str(words);
        if let (Some(_), Some(p)) = (after, pieces.next()) {
            put(&mut out, p);
        }
        rest = after;
    }
    out
}

/// Writes one piece of a message onto `out`.
#[inline(never)]
fn put(out: &mut String, piece: &Piece<'_>) {
    match *piece {
        S(s) => out.push_str(s),
        Q(s) => crate::json::write_string(out, s),
        N(n, width) => crate::human::push_padded(out, i64::try_from(n).unwrap_or(i64::MAX), width),
        L(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(item);
            }
        }
    }
}

/// `s` quoted, then `words`: `"2027-13-01" is not a date`, how most problems with a cell or an
/// option begin. Out of line: each site passes two texts, where it stored a message's two
/// pieces.
#[inline(never)]
fn quote_then(s: &str, words: &str) -> String {
    say("%%", &[Q(s), S(words)])
}

/// The 1-based column of the field `name`, and its header: where a problem across cells is told.
#[inline(never)]
fn column_of<'h>(targets: &[Target], columns: &'h [CsvColumn], field: usize) -> (Option<usize>, Option<&'h str>) {
    match targets.iter().position(|t| matches!(t, Target::Field(f) if *f == field)) {
        Some(c) => (Some(c + 1), columns.get(c).map(|c| c.header.as_str())),
        None => (None, None),
    }
}

/// How one of a kind's fields is read from the column that gives it ([`CsvKind::table`]).
struct Field {
    /// How its cells are read.
    read: Read,
    /// Whether a column must give it and each row fill it (`employeeId` and `code`/`kind`/
    /// `start`, then `validUntil`/`end`/`at`; an id column's cells must be filled too).
    required: bool,
    /// The header names it is guessed from, normalized (lowercase letters and digits only),
    /// its own name first.
    names: &'static [&'static str],
}

/// One row of a kind's table: `f(read, required, names)`.
const fn f(read: Read, required: bool, names: &'static [&'static str]) -> Field {
    Field { read, required, names }
}

const CREDENTIAL_FIELDS: &[Field] = &[
    f(Read::Text, false, CREDENTIAL_ID),
    f(Read::Text, true, EMPLOYEE_ID),
    f(Read::Text, true, CREDENTIAL_CODE),
    f(Read::From, false, VALID_FROM),
    f(Read::Until, true, VALID_UNTIL),
    f(Read::Status, false, STATUS),
    f(Read::List, false, VALID_IN),
    f(Read::Restrictions, false, RESTRICTIONS),
    f(Read::Text, false, ISSUER),
    f(Read::Text, false, IDENTIFIER),
];
const TRAINING_FIELDS: &[Field] = &[
    f(Read::Text, false, TRAINING_ID),
    f(Read::Text, true, EMPLOYEE_ID),
    f(Read::Text, false, TRAINING_CODE),
    f(Read::Instant, true, TRAINING_START),
    f(Read::Instant, true, TRAINING_END),
    f(Read::Status, false, STATUS),
];
const EVENT_FIELDS: &[Field] = &[
    f(Read::Text, false, EVENT_ID),
    f(Read::Text, true, EMPLOYEE_ID),
    f(Read::Text, true, EVENT_KIND),
    f(Read::Instant, true, EVENT_AT),
    f(Read::Whole, false, EVENT_COUNT),
    f(Read::Hours, false, EVENT_HOURS),
];

// The header names each field is guessed from, one list per field.
const CREDENTIAL_ID: &[&str] = &["id", "recordid", "credentialid", "certificationid", "certid", "licenseid", "licenceid"];
const TRAINING_ID: &[&str] = &["id", "trainingid", "sessionid", "enrollmentid", "enrolmentid", "registrationid", "classid"];
const EVENT_ID: &[&str] = &["id", "eventid", "activityid", "logid", "logentryid", "entryid", "recordid"];
const EVENT_KIND: &[&str] = &["kind", "event", "eventkind", "eventtype", "type", "activity", "activitytype", "procedure", "proceduretype"];
const EVENT_AT: &[&str] = &[
    "at", "date", "datetime", "when", "time", "timestamp", "occurredat", "occurred", "performedat", "performedon", "performed", "loggedat", "eventdate",
    "eventtime", "eventat",
];
const EVENT_COUNT: &[&str] = &["count", "quantity", "qty", "number", "times", "occurrences"];
const EVENT_HOURS: &[&str] = &["hours", "hrs", "duration", "durationhours", "credithours", "ceuhours", "cehours"];
const EMPLOYEE_ID: &[&str] = &[
    "employeeid", "employee", "employeeno", "employeenumber", "employeenum", "emp", "empid", "empno", "empnumber", "staffid", "staffno",
    "staffnumber", "personid", "personnelnumber", "personnelno", "workerid", "userid", "learnerid", "badgeid", "badgenumber",
];
const CREDENTIAL_CODE: &[&str] = &[
    "code", "type", "credential", "credentialcode", "credentialtype", "certification", "certificationcode", "certificationtype", "cert",
    "certcode", "certtype", "license", "licence", "licensetype", "licencetype", "qualification", "qualificationcode",
];
const TRAINING_CODE: &[&str] = &["code", "course", "coursecode", "credential", "credentialcode", "certification", "certificationcode", "renews"];
const VALID_FROM: &[&str] = &["validfrom", "from", "issued", "issuedate", "issuedon", "dateissued", "issuedat", "effective", "effectivedate", "startdate", "start", "certifiedon", "certificationdate"];
const VALID_UNTIL: &[&str] = &[
    "validuntil", "until", "validto", "validthrough", "validthru", "expiry", "expires", "expire", "expiration", "expirydate",
    "expirationdate", "expiresOn", "expireson", "expdate", "exp", "enddate", "renewby", "duedate",
];
const STATUS: &[&str] = &["status", "credentialstatus", "licensestatus", "licencestatus", "sessionstatus", "enrollmentstatus", "enrolmentstatus"];
const VALID_IN: &[&str] = &["validin", "jurisdiction", "jurisdictions", "states", "licensestate", "licencestate", "compact"];
const RESTRICTIONS: &[&str] = &["restrictions", "restriction", "conditions"];
const ISSUER: &[&str] = &["issuer", "issuedby", "issuingbody", "issuingauthority", "authority", "board", "provider", "certifyingbody"];
const IDENTIFIER: &[&str] = &[
    "identifier", "number", "licensenumber", "licencenumber", "licenseno", "licenceno", "certificatenumber", "certificateno",
    "certnumber", "certno", "cardnumber", "cardno", "credentialnumber", "registrationnumber",
];
const TRAINING_START: &[&str] = &["start", "starts", "startsat", "starttime", "startdatetime", "sessionstart", "begin", "begins"];
const TRAINING_END: &[&str] = &["end", "ends", "endsat", "endtime", "enddatetime", "sessionend", "finish", "finishes"];

/// `s` lowercased, a character at a time through `host::push_lowercase` (in WebAssembly,
/// JavaScript's `toLowerCase`: Rust's Unicode case tables stay out of the package), as `case`
/// says: every character, the letters and digits alone, or those in camelCase. One loop for
/// [`lowercase`], [`normalize`] and [`camel_case`], where each had its own.
#[inline(never)]
fn lower(s: &str, case: Case) -> String {
    let mut out = String::with_capacity(s.len());
    // Whether the next letter or digit begins a word after the first (camelCase only).
    let mut capital = false;
    for c in s.chars() {
        if case != Case::Lower && !crate::host::is_alphanumeric(c) {
            capital = case == Case::Camel && !out.is_empty();
        } else if capital {
            out.push(c.to_ascii_uppercase());
            capital = false;
        } else {
            crate::host::push_lowercase(&mut out, c);
        }
    }
    out
}

/// What [`lower`] keeps of a text, and how.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Every character, lowercased.
    Lower,
    /// The letters and digits alone, lowercased.
    Normal,
    /// The letters and digits alone, each word lowercased and the first letter of each but the
    /// first in capitals.
    Camel,
}

/// `s` lowercased (a status, or `never`'s words).
fn lowercase(s: &str) -> String {
    lower(s, Case::Lower)
}

/// Lowercase letters and digits only: `"Employee ID"` → `"employeeid"`, `"Emp #"` → `"emp"`.
fn normalize(header: &str) -> String {
    lower(header, Case::Normal)
}

/// `"Renewal Notes"` → `"renewalNotes"`: each word lowercased, and the first letter of each but
/// the first in capitals (an ASCII letter; any other is kept as the header writes it, so that
/// no Unicode case table is needed).
fn camel_case(header: &str) -> String {
    lower(header, Case::Camel)
}

/// The separator the first line uses most: `,`, `;` or tab, a comma on a tie (and a tab over a
/// `;`). One loop over the line's bytes (three `str::matches` brought a searcher each).
fn guess_delimiter(text: &str) -> u8 {
    let (mut comma, mut semicolon, mut tab) = (0usize, 0usize, 0usize);
    for &b in text.as_bytes() {
        match b {
            b'\n' => break,
            b',' => comma += 1,
            b';' => semicolon += 1,
            b'\t' => tab += 1,
            _ => {}
        }
    }
    if comma >= semicolon && comma >= tab {
        b','
    } else if tab >= semicolon {
        b'\t'
    } else {
        b';'
    }
}

/// The records of a CSV file, read as RFC 4180 says and as leniently as spreadsheets write
/// them (the `csv` crate's defaults, which this replaces to keep the npm package small): fields
/// separated by `delimiter`, records by `\n`, `\r\n` or `\r`; a field that opens with `"` runs
/// to the next lone `"`, `""` inside it being one `"`, and whatever follows its closing quote up
/// to the next separator is kept as written; a `"` elsewhere is an ordinary character; an
/// unterminated quote runs to the end of the file; blank lines are skipped.
struct Records<'t> {
    text: &'t [u8],
    at: usize,
    /// The line the reader is on, from 1: one more than the line ends read so far (`\n`,
    /// `\r\n`, or a `\r` alone, as spreadsheets on old Macs end their lines).
    line: u64,
    delimiter: u8,
}

/// One record: the line it is counted at (see [`Records::next`]) and its fields.
struct Record {
    line: u64,
    fields: Vec<String>,
}

impl<'t> Records<'t> {
    fn new(text: &'t str, delimiter: u8) -> Records<'t> {
        // As the `csv` crate did: a byte order mark at the start is not text.
        let text = text.strip_prefix("\u{feff}").unwrap_or(text);
        Records { text: text.as_bytes(), at: 0, line: 1, delimiter }
    }
}

impl Iterator for Records<'_> {
    /// A record, or the line of one with a field that is not UTF-8 and that field's number
    /// (from 1): possible only with a separator that is not ASCII.
    type Item = Result<Record, (u64, usize)>;

    /// The next record. Its line is the line its first character is on, as a spreadsheet
    /// numbers it: a line ends at a `\n`, a `\r\n` or a `\r` alone, and blank lines count.
    /// (The `csv` crate, which this reader replaced, counted only `\n`s and gave a record the
    /// line it began looking on: a `\r\n` file's records were one line early, a `\r` file's
    /// all on line 1; docs/decisions.md, "a CSV file's lines".)
    fn next(&mut self) -> Option<Self::Item> {
        let text = self.text;
        while let Some(&b) = text.get(self.at) {
            if b != b'\n' && b != b'\r' {
                break;
            }
            self.at += 1;
            self.count_line_end(b);
        }
        let line = self.line;
        if self.at >= text.len() {
            return None;
        }
        let mut fields: Vec<String> = Vec::new();
        let mut field = Vec::new();
        // The first field that is not UTF-8, from 1.
        let mut bad = None;
        // 0: at a field's start, 1: in a plain field, 2: in quotes, 3: just after a quote in quotes.
        let mut state = 0u8;
        while let Some(&b) = text.get(self.at) {
            self.at += 1;
            // A line end ends the record as the end of the text does: the last field is pushed
            // and the record finished after the loop, one place for both.
            if state != 2 && (b == b'\n' || b == b'\r') {
                self.count_line_end(b);
                break;
            }
            if state != 2 && b == self.delimiter {
                push_field(&mut fields, &mut field, &mut bad);
                state = 0;
                continue;
            }
            self.count_line_end(b);
            // The next state, and whether `b` is the field's text (the second `"` of a `""` in
            // quotes is one `"`): one push, where three arms pushed.
            let (next, text) = match (state, b) {
                (0, b'"') => (2, false),
                (2, b'"') => (3, false),
                (3, b'"') | (2, _) => (2, true),
                _ => (1, true),
            };
            if text {
                field.push(b);
            }
            state = next;
        }
        push_field(&mut fields, &mut field, &mut bad);
        Some(finish(line, fields, bad))
    }
}

impl Records<'_> {
    /// Counts `b`, the byte just read, if it ends a line: a `\n`, or a `\r` not followed by
    /// one (a `\r\n` is counted at its `\n`).
    fn count_line_end(&mut self, b: u8) {
        let ends = b == b'\n' || (b == b'\r' && self.text.get(self.at) != Some(&b'\n'));
        self.line += u64::from(ends);
    }
}

/// Ends a field: its text goes straight into the record's fields (an empty one in place of a
/// field that is not UTF-8, the first of which `bad` keeps).
fn push_field(fields: &mut Vec<String>, field: &mut Vec<u8>, bad: &mut Option<usize>) {
    let text = String::from_utf8(std::mem::take(field)).unwrap_or_else(|_| {
        bad.get_or_insert(fields.len() + 1);
        String::new()
    });
    fields.push(text);
}

fn finish(line: u64, fields: Vec<String>, bad: Option<usize>) -> Result<Record, (u64, usize)> {
    match bad {
        Some(field) => Err((line, field)),
        None => Ok(Record { line, fields }),
    }
}

/// How a field's cells are read ([`Field::read`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Read {
    /// As written.
    Text,
    /// A date or instant (`validFrom`).
    From,
    /// A date, month or instant, or `never` (`validUntil`).
    Until,
    /// An instant (`start`, `end`, `at`).
    Instant,
    /// A whole number from 1 (`count`).
    Whole,
    /// A number from 0 (`hours`).
    Hours,
    /// A status of the kind.
    Status,
    /// A list (`validIn`).
    List,
    /// A list of `supervised` (`restrictions`).
    Restrictions,
}

/// Where a cell's value goes: a field (its place in [`CsvKind::fields`]), an extra field (named
/// by its column's [`CsvColumn::field`]), or nowhere. A plain value: the extra's name is the
/// column's, where each `Extra` held a copy to clone and free.
#[derive(Debug, Clone, Copy)]
enum Target {
    Field(usize),
    Extra,
    /// Nowhere: no field was guessed from the header (a warning names such columns).
    Drop,
    /// Nowhere: a mapping drops the column (`-`), so no warning names it.
    Dropped,
    /// Not yet resolved (none is left once the columns are).
    Unset,
}

struct Cx<'o> {
    opts: &'o CsvOptions,
    /// The options' offset, once it has been read as one (borrowed: no copy to free).
    offset: Option<&'o str>,
    errors: Vec<CsvProblem>,
}

/// Tells a problem (an error or a warning), into `problems`. Out of line: ~20 call sites, each
/// would copy the header text's allocation, and the two warnings built a `CsvProblem` each.
///
/// A problem with a data row's cell is put among that row's problems in column order (a
    /// row's cells are read in the order of the kind's fields, not of its columns). Rows are
    /// read in order, each on a line after the one before (a record's line is the line it
    /// starts on), so the problems stand in (line, column) order as they are told: no sort of
    /// them at the end. (Records ended by a lone `\r` shared a line until lines were counted
    /// as a spreadsheet counts them; docs/decisions.md, "a CSV file's lines".) The options' and
/// the header's problems (lines 0 and 1) stay in the order they are told.
#[inline(never)]
fn tell(problems: &mut Vec<CsvProblem>, line: u64, column: Option<usize>, header: Option<&str>, message: String) {
    // After the last problem of an earlier line or of an earlier (or the same) column.
    let at = problems.iter().rposition(|p| line <= 1 || p.line != line || p.column <= column).map_or(0, |i| i + 1);
    problems.insert(at, CsvProblem { line, column, header: header.map(own), message });
}

/// Tells a problem ([`tell`]) whose message is written from `template` and `pieces` ([`say`]):
/// one out-of-line call at each of the sites that write their message to tell it, where each
/// called the two and passed the message from one to the other.
#[inline(never)]
fn tell_say(problems: &mut Vec<CsvProblem>, line: u64, column: Option<usize>, header: Option<&str>, template: &str, pieces: &[Piece<'_>]) {
    tell(problems, line, column, header, say(template, pieces));
}

impl Cx<'_> {
    /// Tells an error ([`tell`]).
    fn error(&mut self, line: u64, column: Option<usize>, header: Option<&str>, message: String) {
        tell(&mut self.errors, line, column, header, message);
    }

    /// Tells an error written from a template ([`tell_say`]).
    fn error_say(&mut self, line: u64, column: Option<usize>, header: Option<&str>, template: &str, pieces: &[Piece<'_>]) {
        tell_say(&mut self.errors, line, column, header, template, pieces);
    }

    /// A record on `line` with a field (its number from 1) that is not UTF-8.
    fn not_utf8(&mut self, line: u64, field: usize) {
        self.error_say(line, None, None, "is not UTF-8 (in field %)", &[N(field as u64, 1)]);
    }

    /// Reads a date, month (`validUntil` only) or instant cell (`read` says which: `From`,
    /// `Until` or `Instant`) into SPEC's text form, with the millisecond [`read_row`] compares
    /// the row's two bounds by: a `validFrom`'s first instant, a `validUntil`'s last valid one
    /// (as the loader judges it: the day before a date bound's exclusive end), an instant as it
    /// is. One reader for the three, where the bounds and the instants each had one and the
    /// comparison parsed the texts they made a second time. `s` is trimmed (as every cell is
    /// before it is read).
    fn when(&self, s: &str, read: Read) -> Result<(String, i64), String> {
        let text = self.iso_date(s)?;
        let parsed = match read {
            // A bound, read at one call for both: a `validUntil` date's last millisecond is the
            // one before its exclusive end.
            Read::From | Read::Until => {
                let until = read == Read::Until;
                time::parse_bound(&text, if until { BoundKind::Until } else { BoundKind::From })
                    .map(|b| (None, b.at(0) - i64::from(until && matches!(b, time::Bound::LocalMidnight(_)))))
            }
            // An instant rewritten from another form is written as RFC 3339 in full.
            _ => time::parse_instant(&text).map(|t| ((text != s).then(|| t.to_rfc3339()), t.ms)),
        };
        match parsed {
            Ok((rewritten, at)) => Ok((rewritten.unwrap_or(text), at)),
            Err(e) => Err(self.explain(s, e.0)),
        }
    }

    fn explain(&self, s: &str, message: String) -> String {
        let tail = s.get(s.len().saturating_sub(6)..).unwrap_or("");
        let naive = s.len() >= 16 && !ends_in_z(s) && find_any(tail, b"+-").is_none();
        if naive && self.offset.is_none() && find_any(s, b":").is_some() {
            say("%; give the offset of such times with --offset (e.g. --offset -06:00)", &[S(&message)])
        } else {
            message
        }
    }

    /// Rewrites a slash/dot date (per the date order) or a naive date-time (with the offset) to
    /// ISO; any other text as it is (a copy: one shape of answer, where `None` said "as it is"
    /// and the caller made the copy).
    fn iso_date(&self, s: &str) -> Result<String, String> {
        // Sliced with `get`: one `&s[..]` brings core's panic message for a cut off a character.
        let (date, rest) = match cut_any(s, b" Tt") {
            (d, Some(r)) if find_any(d, b"/.").is_some() || (d.len() == 10 && s.as_bytes().get(4) == Some(&b'-')) => (d, Some(crate::text::trim(r))),
            _ => (s, None),
        };
        let date_iso = if find_any(date, b"/.").is_some() {
            let order = self.opts.date_order;
            if order == DateOrder::Iso {
                return Err(quote_then(s, " is not an ISO date (YYYY-MM-DD); for dates with slashes give --date-order mdy or dmy"));
            }
            // The parts between the separators, and how many there are (a fourth part or more
            // makes it no date): kept in place, where a `Vec` of them was allocated.
            let (mut parts, mut count) = ([""; 3], 0);
            let mut rest = Some(date);
            while let Some(text) = rest {
                let (part, after) = cut_any(text, b"/.");
                if let Some(p) = parts.get_mut(count) {
                    *p = part;
                }
                count += 1;
                rest = after;
            }
            let bad = || quote_then(s, " is not a date");
            // A month and a year, or a month, a day and a year (in the date order): where the
            // year, the month and the day are among the parts, and the template that writes
            // them (a month and a year read the month's part as the day too, and leave it
            // unwritten).
            let (y, m, d, template) = match (count, order) {
                (2, _) => (1, 0, 0, "%-%"),
                (3, DateOrder::MonthFirst) => (2, 0, 1, "%-%-%"),
                (3, _) => (2, 1, 0, "%-%-%"),
                _ => return Err(bad()),
            };
            // A part's number (`part_number`; the year has four digits). Each read where it is
            // needed, where a `Vec` of every part's number was collected first, and one answer
            // for any that is not a number, where each returned its own.
            let num = |i: usize| parts.get(i).and_then(|p| part_number(p));
            let four = parts.get(y).is_some_and(|p| p.len() == 4);
            let (true, Some(year), Some(month), Some(day)) = (four, num(y), num(m), num(d)) else {
                return Err(bad());
            };
            say(template, &[N(year.into(), 4), N(month.into(), 2), N(day.into(), 2)])
        } else {
            own(date)
        };
        let Some(rest) = rest else {
            return Ok(date_iso);
        };
        // A date and a time: keep a written offset; add the default one to a naive time.
        let has_offset = ends_in_z(rest) || find_any(rest, b"+-").is_some();
        let seconds = if rest.len() == 5 && !has_offset { ":00" } else { "" };
        let offset = match (has_offset, &self.offset) {
            (true, _) => "",
            (false, Some(off)) => *off,
            (false, None) => return Err(quote_then(s, " has no UTC offset; give the offset of such times with --offset (e.g. --offset -06:00)")),
        };
        Ok(say("%T%%%", &[S(&date_iso), S(rest), S(seconds), S(offset)]))
    }
}

impl CsvImport {
    /// Reads a CSV file (its text) into records of `options.kind`.
    ///
    /// Fails with every problem found, each at its line and column; never panics.
    pub fn parse(text: &str, options: &CsvOptions) -> Result<CsvImport, crate::Error> {
        CsvImport::read(text, options).map_err(crate::Error::csv)
    }

    /// [`CsvImport::parse`], failing with the problems themselves: what the npm package writes
    /// (as `{errors}`), which has no use for an [`Error`](crate::Error)'s copy of each.
    pub(crate) fn read(text: &str, options: &CsvOptions) -> Result<CsvImport, Vec<CsvProblem>> {
        let kind = options.kind;
        let mut cx = Cx { opts: options, offset: None, errors: Vec::new() };
        let mut warnings = Vec::new();
        if let Some(off) = &options.offset {
            match time::parse_instant(&say("2000-01-01T00:00:00%", &[S(off)])) {
                Ok(_) => cx.offset = Some(off),
                Err(_) => cx.error_say(0, None, None, "--offset % is not a UTC offset such as -06:00, +05:30 or Z", &[Q(off)]),
            }
        }
        // The reader leaves out a byte order mark; the guess counts separators, which a byte
        // order mark holds none of, so the text is read past one in one place.
        let delimiter = options.delimiter.unwrap_or_else(|| guess_delimiter(text));
        let mut reader = Records::new(text, delimiter);
        // A header line that is not UTF-8 is read as none, its problem told in place of "no
        // header line": one return for both, where each had its own (and its own drops).
        let (header_line, unread): (Vec<String>, _) = match reader.next() {
            None => (Vec::new(), None),
            Some(Ok(h)) => (h.fields, None),
            Some(Err((_, field))) => (Vec::new(), Some(field)),
        };
        // The headers trimmed, borrowed from the header line (no copy of each to free).
        let headers: Vec<&str> = header_line.iter().map(|s| crate::text::trim(s)).collect();
        if headers.iter().all(|h| h.is_empty()) {
            // The header's problem alone (not the offset's before it).
            cx.errors.clear();
            match unread {
                Some(field) => cx.not_utf8(1, field),
                None => cx.error(1, None, None, own("the file has no header line")),
            }
            return Err(cx.errors);
        }

        // Resolve every column.
        // `Unset` until a mapping or a guess says.
        let mut targets: Vec<Target> = vec![Target::Unset; headers.len()];
        // Each header normalized once, for the mappings and the guesses.
        let normal: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
        for (header, field) in &options.map {
            let wanted = normalize(header);
            let target = if field == "-" || field.is_empty() {
                Target::Dropped
            } else if let Some(f) = crate::names::position(kind.fields(), field) {
                Target::Field(f)
            } else {
                let near = kind.fields().iter().find(|&&f| normalize(f) == normalize(field));
                let hint = near.map(|n| say(" (did you mean %?)", &[S(n)])).unwrap_or_default();
                cx.error_say(0, None, None, "--map %=%: % is not a field of %%; fields: %", &[S(header), S(field), Q(field), S(kind.collection()), S(&hint), L(kind.fields())]);
                Target::Unset
            };
            let mut found = false;
            for (t, n) in targets.iter_mut().zip(&normal) {
                if *n == wanted {
                    found = true;
                    *t = target;
                }
            }
            if !found {
                cx.error_say(1, None, None, "--map %=%: no column is headed %; columns: %", &[S(header), S(field), Q(header), L(&headers)]);
            }
        }
        for (target, n) in targets.iter_mut().zip(&normal) {
            if !matches!(target, Target::Unset) {
                continue;
            }
            let guess = kind.table().iter().position(|spec| crate::names::position(spec.names, n).is_some());
            *target = match guess {
                Some(f) => Target::Field(f),
                None if options.keep_unmapped && !n.is_empty() => Target::Extra,
                None => Target::Drop,
            };
        }
        // Each column's header and the field or extra it fills, in one loop with the checks on
        // them: two columns filling one field, or one extra name, is ambiguous; a column dropped
        // that no mapping names is told in a warning. (A mapping that names a column with a
        // field that is not one leaves it to the guess, and maybe `Drop`, but then the import
        // fails with that mapping's error, and the warnings are not told.)
        let mut columns: Vec<CsvColumn> = Vec::with_capacity(headers.len());
        // The names filled.
        let mut seen = crate::ids::Ids::with_capacity(targets.len(), 0);
        let mut unmapped: Vec<&str> = Vec::new();
        for (i, (t, header)) in targets.iter().zip(&headers).enumerate() {
            let field = match *t {
                Target::Field(f) => kind.fields().get(f).map(|f| own(f)),
                Target::Extra => Some(camel_case(header)),
                Target::Drop | Target::Dropped | Target::Unset => None,
            };
            if let Some(name) = field.as_deref() {
                if seen.insert(name).is_err() {
                    // The first column to fill it: found among those before, only when a second
                    // one does (where the column of each name was kept as it was filled).
                    let first = columns.iter().position(|c| c.field.as_deref() == Some(name)).unwrap_or(0);
                    let earlier = headers.get(first).copied().unwrap_or_default();
                    let template = "both % (column %) and % would fill %; drop one with --map '%=-'";
                    cx.error_say(1, Some(i + 1), Some(header), template, &[Q(earlier), N(first as u64 + 1, 1), Q(header), S(name), S(header)]);
                }
            } else if matches!(t, Target::Drop) && !header.is_empty() {
                unmapped.push(header);
            }
            columns.push(CsvColumn { header: own(header), field });
        }
        for (&field, spec) in kind.fields().iter().zip(kind.table()) {
            if spec.required && seen.find(field).is_none() {
                let examples = spec.names.get(..4).unwrap_or(spec.names);
                cx.error_say(1, None, None, "no column gives % (a header such as %), and no --map 'Header=%' names one", &[S(field), L(examples), S(field)]);
            }
        }
        if !unmapped.is_empty() {
            let template = "columns not imported (no SPEC field; map them with --map 'Header=field' or keep them with --keep-unmapped): %";
            tell_say(&mut warnings, 1, None, None, template, &[L(&unmapped)]);
        }
        let has_id = seen.find("id").is_some();
        if !has_id {
            let template = "no id column: ids are made from line numbers (%2, %3, ...)";
            tell_say(&mut warnings, 1, None, None, template, &[S(kind.id_prefix()), S(kind.id_prefix())]);
        }

        let mut records = Vec::new();
        // The ids taken, and on which line each.
        let mut ids = crate::ids::Ids::with_capacity(0, 0);
        let mut id_lines: Vec<u64> = Vec::new();
        // The rows are read only when the header line has no error (the problems told are
        // then the header's alone): one return of the problems for both, where the header's
        // had a return of its own, with its own drops.
        if cx.errors.is_empty() {
            for row in reader {
                let row = match row {
                    Ok(r) => r,
                    Err((line, field)) => {
                        cx.not_utf8(line, field);
                        continue;
                    }
                };
                let (line, row) = (row.line, row.fields);
                if row.iter().all(|c| crate::text::trim(c).is_empty()) {
                    continue;
                }
                if row.len() != headers.len() {
                    cx.error_say(line, None, None, "has % cells where the header has %", &[N(row.len() as u64, 1), N(headers.len() as u64, 1)]);
                    continue;
                }
                if let Some(record) = read_row(&mut cx, kind, line, &columns, &targets, &row) {
                    let id = record.get("id").and_then(Value::as_str).unwrap_or_default();
                    match ids.insert(id) {
                        Err(known) => {
                            let first = id_lines.get(known as usize).copied().unwrap_or(0);
                            let (col, header) = column_of(&targets, &columns, 0);
                            cx.error_say(line, col, header, "id % is already used on line %", &[Q(id), N(first, 1)]);
                        }
                        Ok(_) => {
                            id_lines.push(line);
                            records.push(record);
                        }
                    }
                }
            }
        }
        if !cx.errors.is_empty() {
            return Err(cx.errors);
        }
        Ok(CsvImport { kind, records, columns, warnings })
    }

    /// Merges the records into a credentials document (its JSON text; empty text for a new
    /// document), appending them to `credentials` or `trainings`. Fails when an id is already
    /// in use there, or when the document is not a JSON object.
    pub fn merge_into(&self, credentials: &str) -> Result<Value, crate::Error> {
        let problem = |message: String| CsvProblem { line: 0, column: None, header: None, message };
        // std's trim, which stops at the first character that is not white space at either end:
        // this is the whole credentials document (the command line's `--merge`, never the
        // package's), where `text::trim` would walk every byte.
        let mut doc = if credentials.trim().is_empty() {
            Value::Object(Vec::new())
        } else {
            match crate::json::parse(credentials) {
                Ok(p) => p.value,
                Err(e) => return Err(crate::Error::csv(vec![problem(format!("the credentials document is not valid JSON: {e:?}"))])),
            }
        };
        if !matches!(doc, Value::Object(_)) {
            return Err(crate::Error::csv(vec![problem(format!("the credentials document is {}, not an object", doc.type_name()))]));
        }
        let key = self.kind.collection();
        let mut items = match doc.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items.clone(),
            Some(other) => return Err(crate::Error::csv(vec![problem(format!("{key} in the credentials document is {}, not an array", other.type_name()))])),
        };
        let existing: std::collections::HashMap<&str, usize> = items.iter().enumerate().filter_map(|(i, v)| Some((v.get("id")?.as_str()?, i))).collect();
        let mut problems = Vec::new();
        for r in &self.records {
            if let Some(id) = r.get("id").and_then(Value::as_str) {
                if let Some(i) = existing.get(id) {
                    problems.push(problem(format!("id {} is already {key}[{i}] of the credentials document", q(id))));
                }
            }
        }
        if !problems.is_empty() {
            return Err(crate::Error::csv(problems));
        }
        items.extend(self.records.iter().cloned());
        doc.set(key, Value::Array(items));
        Ok(doc)
    }
}


/// What a `validUntil` cell says (in any case) of a credential that never expires.
const NEVER: &[&str] = &["never", "none", "n/a", "na", "null", "no expiry", "does not expire"];

/// One data row's record, or `None` with its problems in `cx`. Without an id column, the id
/// is made from the line (`csv-cr-2`).
///
/// One loop over the kind's fields in their order (the record's order), each read from the
/// column that fills it (the columns were checked to fill each field once) and pushed straight
/// into the record; then the extras in column order. Where the cells were read in column
/// order into a slot per field and the record built from the slots after. A row's problems
/// are found in field order here; [`Cx::error`] puts each in its column's place (no two
/// problems of a row share a column).
fn read_row(cx: &mut Cx<'_>, kind: CsvKind, line: u64, columns: &[CsvColumn], targets: &[Target], row: &[String]) -> Option<Value> {
    let errors_before = cx.errors.len();
    let mut out: Vec<(String, Value)> = Vec::new();
    // The fourth field's instant (`validFrom`, a training's `start`; an event's `at`, unused), as
    // [`Cx::when`] read it, with its place in `out`: the fifth is judged against it as it is read.
    let mut start: Option<(usize, i64)> = None;
    let credential = kind == CsvKind::Credentials;
    for (f, (&field, spec)) in kind.fields().iter().zip(kind.table()).enumerate() {
        let read = spec.read;
        let (col, header) = column_of(targets, columns, f);
        // One value or one problem per field, added or told at one place each, where the made
        // id, `never`'s `null` and the cells read were added, and the empty cells' problems
        // told, at sites of their own.
        let value = match col.and_then(|c| row.get(c - 1)).map(|cell| crate::text::trim(cell)) {
            // No column gives the field: only the id (each kind's first field) is made, and
            // then no column gives it (the header check found none).
            None if f == 0 => Ok(Value::String(say("%%", &[S(kind.id_prefix()), N(line, 1)]))),
            None => continue,
            Some(cell) if read == Read::Until && crate::names::position(NEVER, &lowercase(cell)).is_some() => Ok(Value::Null),
            Some("") if read == Read::Until => Err(own("is empty: write the expiry date, or \"never\" for a credential that does not expire")),
            Some("") if f == 0 || spec.required => Err(say("is empty, and % is required", &[S(field)])),
            Some("") => continue,
            Some(cell) => match read {
                Read::From | Read::Until | Read::Instant => cx.when(cell, read).and_then(|(text, at)| {
                    if f == 3 {
                        start = Some((out.len(), at));
                    }
                    // validUntil before validFrom, judged in UTC; a training's end not after its
                    // start: the fifth field of either kind against the fourth (an event's fifth
                    // is its count, no instant), a problem of the fifth's column, told with the
                    // field's own, where a second pass after the loop found the two again.
                    match start {
                        Some((from, begin)) if f == 4 && (at < begin || (!credential && at == begin)) => {
                            let from = out.get(from).and_then(|(_, v)| v.as_str()).unwrap_or_default();
                            let template = if credential { "% falls before validFrom %" } else { "% is not after start %" };
                            Err(say(template, &[S(&text), S(from)]))
                        }
                        _ => Ok(Value::String(text)),
                    }
                }),
                Read::Whole | Read::Hours => number(cell, read == Read::Whole),
                Read::Status => status(kind, cell),
                Read::List | Read::Restrictions => list(cell, read == Read::Restrictions),
                Read::Text => Ok(Value::String(own(cell))),
            },
        };
        match value {
            Ok(v) => add(&mut out, field, v),
            Err(message) => cx.error(line, col, header, message),
        }
    }
    if cx.errors.len() > errors_before {
        return None;
    }
    // The extras after the SPEC fields, in column order.
    for ((t, column), cell) in targets.iter().zip(columns).zip(row) {
        let cell = crate::text::trim(cell);
        if let (Target::Extra, Some(name), false) = (t, column.field.as_deref(), cell.is_empty()) {
            add(&mut out, name, Value::String(own(cell)));
        }
    }
    Some(Value::Object(out))
}

/// Appends the field `name` to a record: one out-of-line push for the row's four kinds of field
/// (a made id, `never`'s `null`, a cell read, an extra), each of which grew the list in place.
#[inline(never)]
fn add(record: &mut Vec<(String, Value)>, name: &str, value: Value) {
    record.push((own(name), value));
}

/// Where the first of these ASCII bytes is in `s`: one loop for the dates' and lists' few
/// separators, where each `str` pattern of `char`s brought a searcher of its own.
#[inline(never)]
fn find_any(s: &str, set: &[u8]) -> Option<usize> {
    s.bytes().position(|b| set.contains(&b))
}

/// `s` cut at the first of these ASCII bytes (a boundary of a character, being ASCII): the text
/// before it and the text after it, or all of `s` and `None` when it holds none of them. The
/// template writer, a list cell and a date's parts walk their pieces with it, where a `Vec` of
/// every piece was collected (`split_any`) or each cut sliced the text twice in place.
#[inline(never)]
fn cut_any<'s>(s: &'s str, set: &[u8]) -> (&'s str, Option<&'s str>) {
    match find_any(s, set) {
        Some(i) => (s.get(..i).unwrap_or_default(), s.get(i + 1..)),
        None => (s, None),
    }
}

/// A slash or dot date's part as a number: at most four digits, as `u32` reads them
/// ([`parse_u32`](crate::human::parse_u32)). Out of line: the year, the month and the day are
/// each read by a call, where LLVM copied the check and the parse into each of the three.
#[inline(never)]
fn part_number(part: &str) -> Option<u32> {
    if part.len() > 4 {
        return None;
    }
    crate::human::parse_u32(part)
}

/// Whether `s` ends with `Z` or `z` (a UTC instant).
fn ends_in_z(s: &str) -> bool {
    matches!(s.as_bytes().last(), Some(b'Z' | b'z'))
}

/// A `validIn` or `restrictions` cell: items separated by `;`, `,` or `|`, trimmed, the empty
/// ones left out; a restriction other than `supervised` (in any case) is an error.
fn list(cell: &str, restrictions: bool) -> Result<Value, String> {
    let mut items = Vec::new();
    let mut rest = Some(cell);
    while let Some(text) = rest {
        let (item, after) = cut_any(text, b";,|");
        rest = after;
        let item = crate::text::trim(item);
        if item.is_empty() {
            continue;
        }
        // Lowercased by `lower`, as a status is: `eq_ignore_ascii_case` compared the ten bytes
        // of `supervised` one by one in place (no character outside ASCII lowercases to one
        // of its letters, so the answers are the same).
        if restrictions && lowercase(item) != "supervised" {
            return Err(quote_then(item, " is not a restriction; the one SPEC knows is \"supervised\""));
        }
        // A restriction is written as SPEC spells it, in any case it is read.
        items.push(Value::from(if restrictions { "supervised" } else { item }));
    }
    Ok(Value::Array(items))
}

/// An event's `count` (a whole number from 1) or `hours` (a number from 0), each at most
/// 1,000,000 (SPEC §8.1, decision 90), written as the cell has it.
fn number(cell: &str, whole: bool) -> Result<Value, String> {
    let n = crate::host::parse_f64(cell).filter(|n| n.is_finite() && crate::json::parse(cell).is_ok());
    let wrong = match n {
        Some(n) if whole && (n < 1.0 || n.fract() != 0.0) => " is not a whole number of at least 1",
        Some(n) if n < 0.0 => " is not a number of at least 0",
        Some(n) if n > 1_000_000.0 => " is too large (at most 1000000)",
        Some(_) => return Ok(Value::Number(cell.into())),
        None => " is not a number",
    };
    Err(quote_then(cell, wrong))
}

/// A status cell, matched without regard to case against the kind's statuses (a training's
/// `canceled` reads `cancelled`). The message lists the statuses from the same table, where a
/// second text wrote them out again.
fn status(kind: CsvKind, cell: &str) -> Result<Value, String> {
    let lower = lowercase(cell);
    let allowed: &[&'static str] = match kind {
        CsvKind::Credentials => &["active", "pending", "suspended", "revoked"],
        CsvKind::Trainings => &["scheduled", "completed", "cancelled"],
        CsvKind::Events => &[],
    };
    // A training's `canceled` is its `cancelled` (no credential status is either).
    let wanted = if lower == "canceled" { "cancelled" } else { &lower };
    match crate::names::position(allowed, wanted).and_then(|i| allowed.get(i)) {
        Some(&s) => Ok(Value::from(s)),
        None => Err(say("% is not a status; expected one of %", &[Q(cell), L(allowed)])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, opts: &CsvOptions) -> CsvImport {
        match CsvImport::parse(text, opts) {
            Ok(i) => i,
            Err(e) => panic!("{e}"),
        }
    }

    fn errors(text: &str, opts: &CsvOptions) -> Vec<String> {
        match CsvImport::parse(text, opts) {
            Ok(i) => panic!("imported: {:?}", i.records),
            Err(e) => e.csv_problems().iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn headers_are_guessed_and_mapped() {
        let text = "\u{feff}Record ID;Emp #;Certification;Licence No.;Issuing Body;Date Issued;Expiration Date;Status;License State;Date of Birth\n\
                    cr-1;e-17;RN;RN-889;Texas BON;2025-03-01;2027-02;Active;NLC, US-TX;1990-01-01\n";
        let opts = CsvOptions::new(CsvKind::Credentials);
        let import = parse(text, &opts);
        assert_eq!(
            import.records[0].to_json(),
            r#"{"id":"cr-1","employeeId":"e-17","code":"RN","validFrom":"2025-03-01","validUntil":"2027-02","status":"active","validIn":["NLC","US-TX"],"issuer":"Texas BON","identifier":"RN-889"}"#
        );
        assert_eq!(import.warnings[0].message, "columns not imported (no SPEC field; map them with --map 'Header=field' or keep them with --keep-unmapped): Date of Birth");
        assert_eq!(import.columns[9], CsvColumn { header: "Date of Birth".into(), field: None });

        let mut opts = CsvOptions::new(CsvKind::Credentials);
        opts.map = vec![("worker".into(), "employeeId".into()), ("Kind".into(), "code".into()), ("Emp #".into(), "-".into())];
        opts.keep_unmapped = true;
        let text = "Emp #,Worker,Kind,Expires,Renewal Notes\nx,e-1,BLS,never,call her\n";
        let import = parse(text, &opts);
        assert_eq!(import.records[0].to_json(), r#"{"id":"csv-cr-2","employeeId":"e-1","code":"BLS","validUntil":null,"renewalNotes":"call her"}"#);
    }

    /// SPEC §8 events: guessed headers, optional count and hours, an instant `at` (a date is an
    /// error, a naive time takes `--offset`), every problem at its line and column; and the
    /// records load as events that keep a holder current.
    #[test]
    fn events_are_imported() {
        let mut opts = CsvOptions::new(CsvKind::Events);
        opts.offset = Some("-06:00".into());
        let text = "Staff ID,Activity,Performed At,Quantity,Duration
                    e1,landing,2026-11-20 10:00,2,
                    e1,sim,2026-11-21T08:00:00Z,,1.5
";
        let import = parse(text, &opts);
        let json: Vec<String> = import.records.iter().map(Value::to_json).collect();
        assert_eq!(
            json,
            [
                r#"{"id":"csv-ev-2","employeeId":"e1","kind":"landing","at":"2026-11-20T10:00:00-06:00","count":2}"#,
                r#"{"id":"csv-ev-3","employeeId":"e1","kind":"sim","at":"2026-11-21T08:00:00Z","hours":1.5}"#,
            ]
        );
        let doc = import.merge_into(r#"{"credentialTypes": [{"code": "PIC", "currency": {"event": "landing", "min": 2, "withinDays": 30}}],
            "credentials": [{"id": "c1", "employeeId": "e1", "code": "PIC", "validUntil": null}]}"#).unwrap();
        let e = crate::testutil::engine(r#"{"employees": [{"id": "e1"}]}"#, &doc.to_json());
        assert_eq!(e.holders("PIC", "2026-12-01T00:00:00Z").unwrap().len(), 1);
        assert_eq!(e.holders("PIC", "2027-01-01T00:00:00Z").unwrap().len(), 0);

        let opts = CsvOptions::new(CsvKind::Events);
        let text = "id,Employee ID,Kind,At,Count,Hours
                    v1,e1,landing,2026-11-20,0,-1
                    v2,e1,,2026-11-20T10:00:00Z,1.5,x
";
        assert_eq!(
            errors(text, &opts),
            [
                "line 2, column 4 (At): \"2026-11-20\" is a date where an instant with a UTC offset is expected",
                "line 2, column 5 (Count): \"0\" is not a whole number of at least 1",
                "line 2, column 6 (Hours): \"-1\" is not a number of at least 0",
                "line 3, column 3 (Kind): is empty, and kind is required",
                "line 3, column 5 (Count): \"1.5\" is not a whole number of at least 1",
                "line 3, column 6 (Hours): \"x\" is not a number",
            ]
        );
        assert_eq!("events".parse::<CsvKind>(), Ok(CsvKind::Events));
    }

    #[test]
    fn problems_have_lines_and_columns() {
        let opts = CsvOptions::new(CsvKind::Credentials);
        let text = "id,Employee ID,Code,Valid From,Expiry,Status,Restrictions\n\
                    c1,e1,BLS,2026-01-01,,active,\n\
                    c2,,BLS,2026-01-01,2025-12-31,Expired,\n\
                    c1,e3,BLS,,12/31/2026,,supervised\n\
                    c4,e4,BLS,,2026-12-01,,night only\n\
                    c5,e5\n";
        assert_eq!(
            errors(text, &opts),
            [
                "line 2, column 5 (Expiry): is empty: write the expiry date, or \"never\" for a credential that does not expire",
                "line 3, column 2 (Employee ID): is empty, and employeeId is required",
                "line 3, column 5 (Expiry): 2025-12-31 falls before validFrom 2026-01-01",
                "line 3, column 6 (Status): \"Expired\" is not a status; expected one of active, pending, suspended, revoked",
                "line 4, column 5 (Expiry): \"12/31/2026\" is not an ISO date (YYYY-MM-DD); for dates with slashes give --date-order mdy or dmy",
                "line 5, column 7 (Restrictions): \"night only\" is not a restriction; the one SPEC knows is \"supervised\"",
                "line 6: has 2 cells where the header has 7",
            ]
        );
        let text = "id,Employee ID,Code,Expiry\nc1,e1,BLS,2026-12-01\nc1,e2,BLS,2026-12-01\n";
        assert_eq!(errors(text, &opts), ["line 3, column 1 (id): id \"c1\" is already used on line 2"]);
        assert_eq!(
            errors("Name,Code\nAna,BLS\n", &opts),
            [
                "line 1: no column gives employeeId (a header such as employeeid, employee, employeeno, employeenumber), and no --map 'Header=employeeId' names one",
                "line 1: no column gives validUntil (a header such as validuntil, until, validto, validthrough), and no --map 'Header=validUntil' names one",
            ]
        );
        let mut opts = CsvOptions::new(CsvKind::Credentials);
        opts.map = vec![("Nope".into(), "employeeID".into())];
        let errs = errors("Employee,Code,Expires\n", &opts);
        assert_eq!(errs[0], "options: --map Nope=employeeID: \"employeeID\" is not a field of credentials (did you mean employeeId?); fields: id, employeeId, code, validFrom, validUntil, status, validIn, restrictions, issuer, identifier");
        assert_eq!(errs[1], "line 1: --map Nope=employeeID: no column is headed \"Nope\"; columns: Employee, Code, Expires");
        assert_eq!(
            errors("Employee,Staff ID,Code,Expires\n", &CsvOptions::new(CsvKind::Credentials)),
            ["line 1, column 2 (Staff ID): both \"Employee\" (column 1) and \"Staff ID\" would fill employeeId; drop one with --map 'Staff ID=-'"]
        );
    }

    /// A row's problems are told in column order, though its cells are read in the order of
    /// the kind's fields (here the columns hold them nearly backwards), the bounds' problem
    /// among them at `validUntil`'s column; rows in the order of their lines.
    #[test]
    fn a_rows_problems_are_told_in_column_order() {
        let text = "Restrictions,Status,Expires,Issued,Code,Employee\nnight,Gone,2025-01-01,2026-01-01,,\n,,never,,BLS,e1\r\rx,x,x,x,x,x\n";
        assert_eq!(
            errors(text, &CsvOptions::new(CsvKind::Credentials)),
            [
                "line 2, column 1 (Restrictions): \"night\" is not a restriction; the one SPEC knows is \"supervised\"",
                "line 2, column 2 (Status): \"Gone\" is not a status; expected one of active, pending, suspended, revoked",
                "line 2, column 3 (Expires): 2025-01-01 falls before validFrom 2026-01-01",
                "line 2, column 5 (Code): is empty, and code is required",
                "line 2, column 6 (Employee): is empty, and employeeId is required",
                "line 5, column 1 (Restrictions): \"x\" is not a restriction; the one SPEC knows is \"supervised\"",
                "line 5, column 2 (Status): \"x\" is not a status; expected one of active, pending, suspended, revoked",
                "line 5, column 3 (Expires): \"x\" is not a date, a month or an RFC 3339 instant",
                "line 5, column 4 (Issued): \"x\" is not a date or an RFC 3339 instant",
            ]
        );
    }

    #[test]
    fn dates_in_other_orders_and_naive_times() {
        let mut opts = CsvOptions::new(CsvKind::Trainings);
        opts.date_order = DateOrder::MonthFirst;
        opts.offset = Some("-06:00".into());
        let text = "Session ID\tEmployee\tCourse\tStart Time\tEnd Time\tStatus\n\
                    t-1\te-17\tACLS\t12/12/2026 08:00\t2026-12-12T16:00:00-06:00\tCanceled\n";
        let import = parse(text, &opts);
        assert_eq!(
            import.records[0].to_json(),
            r#"{"id":"t-1","employeeId":"e-17","code":"ACLS","start":"2026-12-12T08:00:00-06:00","end":"2026-12-12T16:00:00-06:00","status":"cancelled"}"#
        );
        let mut opts = CsvOptions::new(CsvKind::Credentials);
        opts.date_order = DateOrder::DayFirst;
        let import = parse("Employee,Code,Issued,Expires\ne1,BLS,31.01.2025,02/2027\n", &opts);
        assert_eq!(import.records[0].to_json(), r#"{"id":"csv-cr-2","employeeId":"e1","code":"BLS","validFrom":"2025-01-31","validUntil":"2027-02"}"#);
        let opts = CsvOptions::new(CsvKind::Trainings);
        assert_eq!(
            errors("Employee,Start,End\ne1,2026-12-12 08:00,2026-12-12 07:00\n", &opts),
            [
                "line 2, column 2 (Start): \"2026-12-12 08:00\" has no UTC offset; give the offset of such times with --offset (e.g. --offset -06:00)",
                "line 2, column 3 (End): \"2026-12-12 07:00\" has no UTC offset; give the offset of such times with --offset (e.g. --offset -06:00)",
            ]
        );
    }

    #[test]
    fn merge_appends_and_refuses_reused_ids() {
        let import = parse("id,Employee,Code,Expires\nc9,e1,BLS,2027-01\n", &CsvOptions::new(CsvKind::Credentials));
        let doc = import.merge_into(r#"{"credentialTypes": [{"code": "BLS"}], "credentials": [{"id": "c1", "employeeId": "e1", "code": "BLS", "validUntil": null}]}"#).unwrap();
        let ids: Vec<_> = match doc.get("credentials") {
            Some(Value::Array(items)) => items.iter().filter_map(|v| v.get("id")?.as_str()).collect(),
            _ => vec![],
        };
        assert_eq!(ids, ["c1", "c9"]);
        // The merged document loads.
        assert!(crate::Engine::load(r#"{"employees": [{"id": "e1"}]}"#, &doc.to_json()).is_ok());
        let err = import.merge_into(r#"{"credentials": [{"id": "c9"}]}"#).unwrap_err();
        assert_eq!(err.csv_problems()[0].to_string(), "options: id \"c9\" is already credentials[0] of the credentials document");
        assert!(import.merge_into("").is_ok());
        assert!(import.merge_into("[]").is_err());
    }

    proptest::proptest! {
        /// The reader gives the records and fields the `csv` crate gave (flexible, the first
        /// record read as the header), on text made of the characters that matter; and, where
        /// no quote makes a line end part of a field, each record's line is its line in the
        /// text cut at `\r\n`, `\n` and `\r`, blank lines skipped.
        #[test]
        fn records_as_the_csv_crate_reads_them(text in "[a\u{e9},;\"\n\r \u{feff}]{0,40}", semicolon in proptest::bool::ANY) {
            let delimiter = if semicolon { b';' } else { b',' };
            let ours: Vec<(u64, Vec<String>)> = Records::new(&text, delimiter).map(|r| r.map(|r| (r.line, r.fields))).collect::<Result<_, _>>().unwrap();
            let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(false).from_reader(text.as_bytes());
            let theirs: Vec<(u64, Vec<String>)> = reader
                .records()
                .map(|r| r.map(|r| (r.position().map_or(0, |p| p.line()), r.iter().map(str::to_string).collect())))
                .collect::<Result<_, _>>()
                .unwrap();
            let fields = |v: &[(u64, Vec<String>)]| v.iter().map(|(_, f)| f.clone()).collect::<Vec<_>>();
            proptest::prop_assert_eq!(fields(&ours), fields(&theirs));
            if !text.contains('"') {
                let body = text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n").replace('\r', "\n");
                let lines: Vec<u64> = (1..).zip(body.split('\n')).filter(|(_, l)| !l.is_empty()).map(|(n, _)| n).collect();
                proptest::prop_assert_eq!(ours.iter().map(|(n, _)| *n).collect::<Vec<_>>(), lines);
            }
        }
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let lines = |text: &str| Records::new(text, b',').map(|r| r.map(|r| r.line).unwrap()).collect::<Vec<_>>();
        assert_eq!(lines("h\ra\rb\r"), [1, 2, 3]);
        assert_eq!(lines("h\r\na\r\nb\r\n"), [1, 2, 3]);
        assert_eq!(lines("h\na\r\rb\n"), [1, 2, 4]);
        assert_eq!(lines("\r\n\nh\r\n\r\na"), [3, 5]);
        // Inside quotes a line end is text, and still counted.
        assert_eq!(lines("h\r\"a\rb\"\rc"), [1, 2, 4]);
        // The same file with each kind of line end: the same ids, and a problem on its line.
        for end in ["\n", "\r\n", "\r"] {
            let text = ["Employee ID,Code,Expires", "e-1,BLS,2027-01", "", "e-2,BLS,2027-02", ""].join(end);
            let import = CsvImport::parse(&text, &CsvOptions::new(CsvKind::Credentials)).unwrap();
            let ids: Vec<_> = import.records.iter().map(|r| r.get("id").and_then(Value::as_str).unwrap_or_default().to_string()).collect();
            assert_eq!(ids, ["csv-cr-2", "csv-cr-4"], "{end:?}");
            let bad = ["Employee ID,Code,Expires", "e-1,BLS,2027-01", "e-2,BLS,2027-13-01"].join(end);
            let err = CsvImport::parse(&bad, &CsvOptions::new(CsvKind::Credentials)).unwrap_err();
            assert_eq!(err.csv_problems()[0].to_string(), "line 3, column 3 (Expires): \"2027-13-01\" is not a date, a month or an RFC 3339 instant", "{end:?}");
        }
    }

    #[test]
    fn records_split_quote_and_count_lines() {
        let records: Vec<(u64, Vec<String>)> = Records::new("a,\"b,\"\"c\"\"\ne\"x\n\r\n\"\nd,x\"y\",\n", b',').map(|r| r.map(|r| (r.line, r.fields)).unwrap()).collect();
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // The second record begins on line 4, after the blank line that `\r\n` ends.
        assert_eq!(records, [(1, owned(&["a", "b,\"c\"\nex"])), (4, owned(&["\nd,xy\"", ""]))]);
        // A separator that is not ASCII can cut a character in two.
        assert_eq!(Records::new("\u{e9}", 0xc3).map(|r| r.err()).collect::<Vec<_>>(), [Some((1, 2))]);
    }

    /// Each kind reads every field of its own (the tables are parallel), the slots of a row
    /// hold them all, and the fourth and fifth fields are the pairs `read_row` checks.
    #[test]
    fn the_tables_of_a_kind_agree() {
        for kind in CsvKind::ALL.iter().copied() {
            assert_eq!(kind.table().len(), kind.fields().len(), "{kind:?}");
            // Three required fields, the id never among them.
            assert_eq!(kind.table().iter().filter(|spec| spec.required).count(), 3, "{kind:?}");
            assert!(kind.table().first().is_some_and(|spec| !spec.required), "{kind:?}");
            // Each field is guessed from its own name, normalized.
            for (field, spec) in kind.fields().iter().zip(kind.table()) {
                assert_eq!(spec.names.first().copied(), Some(normalize(field).as_str()), "{kind:?}");
            }
            assert!(kind.fields().len() <= 10);
        }
        assert_eq!(CsvKind::Credentials.fields().get(3..5), Some(&["validFrom", "validUntil"][..]));
        assert_eq!(CsvKind::Trainings.fields().get(3..5), Some(&["start", "end"][..]));
        assert_eq!(guess_delimiter("a;b\tc\td\n,,,,"), b'\t');
        assert_eq!(guess_delimiter("a;b;c,d\r\n"), b';');
        assert_eq!(guess_delimiter("a;b,c\td"), b',');
        assert_eq!(camel_case("--Renewal  NOTES 2b, é"), "renewalNotes2bé");
    }

    #[test]
    fn malformed_csv_does_not_panic() {
        let opts = CsvOptions::new(CsvKind::Credentials);
        for text in ["", "\n\n", "\"unterminated", "a,b\n\"x", "Employee,Code,Expires\n\"e1\"x,BLS,2027-01\n", "\u{feff}"] {
            let _ = CsvImport::parse(text, &opts);
        }
        // A header line that is not UTF-8 (a separator that is not ASCII cuts a character) is
        // the one problem told, the offset's before it cleared, as an empty header line is.
        let mut opts = CsvOptions::new(CsvKind::Credentials);
        opts.delimiter = Some(0xc3);
        opts.offset = Some("nope".into());
        assert_eq!(errors("\u{e9}a,b\n", &opts), ["line 1: is not UTF-8 (in field 2)"]);
        assert_eq!(errors(" \n", &opts), ["line 1: the file has no header line"]);
    }
}
