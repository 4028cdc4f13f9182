//! Importer for the Second International Nurse Rostering Competition (INRC-II) text format.
//!
//! The format is described in Ceschia et al., "Second International Nurse Rostering Competition
//! (INRC-II) — Problem Description and Rules" (arXiv:1501.04177). A scenario file (`Sc-*.txt`)
//! lists skills, shift types, forbidden successions, contracts and nurses; a week file
//! (`WD-*.txt`) lists the demand per day; a history file (`H0-*.txt`) the state before week 0; a
//! solution file (`Sol-*.txt`) one week's assignments `<nurse> <day> <shiftType> <skill>`.
//!
//! [`to_documents`] maps them onto credgate's two documents:
//!
//! * one location `ward` (no jurisdiction) and one team `nurses`;
//! * each skill becomes a credential type whose code is the skill name, and each nurse holds one
//!   never-expiring credential (`validUntil: null`, id `cr-<nurse>-<skill>`) per skill held;
//! * each nurse becomes an employee (id = name) with the extra field `contract`;
//! * shift types get fixed times: Early 06:00–14:00, Day 09:00–17:00, Late 14:00–22:00,
//!   Night 22:00–06:00 next day (any other name is an error);
//! * each demand line `(shiftType, skill)` of each day of each week becomes
//!   `max(min, assigned in the solution)` one-person shifts with `requires: "<skill>"`, ids like
//!   `w0-Mon-Early-HeadNurse-1`, and each solution assignment fills one of them;
//! * `rules` is `{"minRestHours": 12, "overlap": "block"}`, which expresses the forbidden
//!   successions (H3) of these shift times exactly; the importer checks that the scenario's
//!   forbidden successions agree with it, and fails if they do not.
//!
//! Nothing here panics: malformed text yields an [`Error`](crate::Error) of kind
//! [`Import`](crate::ErrorKind::Import) naming the line.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde_json::{json, Map, Value};

/// A problem in the input, with the 1-based line it was found on (0 when no single line is to
/// blame, e.g. bad options or an empty file). Callers outside the crate get it as an
/// [`Error`](crate::Error) of kind [`Import`](crate::ErrorKind::Import).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImportError {
    /// The 1-based line in the file being parsed (for [`to_documents`], the line in the file
    /// the offending record came from); 0 when no line is to blame.
    pub line: usize,
    /// What is wrong, for people.
    pub message: String,
}

impl ImportError {
    /// An error at `line` (0: none in particular).
    pub fn new(line: usize, message: impl Into<String>) -> Self {
        ImportError {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            f.write_str(&self.message)
        }
    }
}

impl std::error::Error for ImportError {}

fn err<T, E: From<ImportError>>(line: usize, message: impl Into<String>) -> Result<T, E> {
    Err(ImportError::new(line, message).into())
}

// ---------------------------------------------------------------------------------------------
// Data model
// ---------------------------------------------------------------------------------------------

/// A day of an INRC-II week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Day {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

impl Day {
    /// Monday to Sunday.
    pub const ALL: [Day; 7] = [
        Day::Mon,
        Day::Tue,
        Day::Wed,
        Day::Thu,
        Day::Fri,
        Day::Sat,
        Day::Sun,
    ];

    /// 0 for Monday .. 6 for Sunday.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The three-letter name used in the files (`Mon` .. `Sun`).
    pub fn name(self) -> &'static str {
        match self {
            Day::Mon => "Mon",
            Day::Tue => "Tue",
            Day::Wed => "Wed",
            Day::Thu => "Thu",
            Day::Fri => "Fri",
            Day::Sat => "Sat",
            Day::Sun => "Sun",
        }
    }

    /// Parses `Mon` .. `Sun`.
    pub fn parse(s: &str) -> Option<Day> {
        Day::ALL.iter().copied().find(|d| d.name() == s)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Parsed INRC-II scenario (`Sc-*.txt`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    /// `SCENARIO = <name>`, e.g. `n005w4` or `n021w4_2`.
    pub name: String,
    /// `WEEKS = <n>`: the planning horizon in weeks.
    pub weeks: u32,
    /// Skill names, in file order.
    pub skills: Vec<String>,
    /// Shift types, in file order, with their forbidden successors.
    pub shift_types: Vec<ShiftType>,
    /// Contracts, in file order.
    pub contracts: Vec<Contract>,
    /// Nurses, in file order, with the skills each holds.
    pub nurses: Vec<Nurse>,
}

/// A shift type: `<name> (<minConsecutive>,<maxConsecutive>)`, plus the shift types that may not
/// follow it on the next day (`FORBIDDEN_SHIFT_TYPES_SUCCESSIONS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftType {
    /// `Early`, `Day`, `Late`, `Night`...
    pub name: String,
    /// Fewest consecutive assignments of this type (a soft constraint).
    pub min_consecutive: u32,
    /// Most consecutive assignments of this type (a soft constraint).
    pub max_consecutive: u32,
    /// Shift types that may not be worked the day after this one (hard constraint H3).
    pub forbidden_successors: Vec<String>,
    /// Line of the shift type's declaration.
    pub line: usize,
}

/// A contract: `<name> (<minAssign>,<maxAssign>) (<minConsWork>,<maxConsWork>)
/// (<minConsOff>,<maxConsOff>) <maxWorkingWeekends> <completeWeekends>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    /// `FullTime`, `PartTime`...
    pub name: String,
    /// Fewest assignments over the planning horizon.
    pub min_assignments: u32,
    /// Most assignments over the planning horizon.
    pub max_assignments: u32,
    /// Fewest consecutive working days.
    pub min_consecutive_working_days: u32,
    /// Most consecutive working days.
    pub max_consecutive_working_days: u32,
    /// Fewest consecutive days off.
    pub min_consecutive_days_off: u32,
    /// Most consecutive days off.
    pub max_consecutive_days_off: u32,
    /// Most working weekends over the planning horizon.
    pub max_working_weekends: u32,
    /// Whether a weekend is worked on both days or on neither (file value 1).
    pub complete_weekends: bool,
    /// Line of the contract.
    pub line: usize,
}

/// A nurse: `<name> <contract> <k> <skill_1> .. <skill_k>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nurse {
    /// The nurse's name, unique in the scenario: the employee id.
    pub name: String,
    /// The contract's name.
    pub contract: String,
    /// The skills held: one credential each.
    pub skills: Vec<String>,
    /// Line of the nurse.
    pub line: usize,
}

/// Parsed INRC-II week data (`WD-*.txt`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    /// The scenario name written in the file.
    pub scenario: String,
    /// Line of the scenario name.
    pub scenario_line: usize,
    /// Demand per (shift type, skill), in file order.
    pub requirements: Vec<Requirement>,
    /// Requests not to work (soft; not carried into the documents).
    pub shift_off_requests: Vec<ShiftOffRequest>,
}

/// Minimum and optimal coverage of one (shift type, skill) on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Demand {
    /// Minimum coverage (hard constraint H1).
    pub min: u32,
    /// Optimal coverage (soft).
    pub opt: u32,
}

/// `<shiftType> <skill> (<min>,<opt>) x 7`, Monday to Sunday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// The shift type.
    pub shift_type: String,
    /// The skill each covering nurse must hold (hard constraint H2).
    pub skill: String,
    /// Demand on Monday (index 0) to Sunday (index 6).
    pub per_day: [Demand; 7],
    /// Line of the requirement.
    pub line: usize,
}

/// `<nurse> <shiftType|Any> <day>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftOffRequest {
    /// The nurse asking.
    pub nurse: String,
    /// `None` for `Any` (the whole day off).
    pub shift_type: Option<String>,
    /// The day.
    pub day: Day,
    /// Line of the request.
    pub line: usize,
}

/// Parsed INRC-II history (`H0-*.txt`): the state of each nurse before a week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// The 0-based week the history precedes.
    pub week: u32,
    /// The scenario name written in the file.
    pub scenario: String,
    /// One entry per nurse.
    pub nurses: Vec<NurseHistory>,
}

/// `<nurse> <assignments> <workingWeekends> <lastShiftType|None> <consecutiveSameShift>
/// <consecutiveWorkingDays> <consecutiveDaysOff>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NurseHistory {
    /// The nurse.
    pub nurse: String,
    /// Assignments worked so far in the horizon.
    pub assignments: u32,
    /// Working weekends so far in the horizon.
    pub working_weekends: u32,
    /// `None` when the file says `None` (no shift on the last day).
    pub last_shift_type: Option<String>,
    /// Consecutive assignments of `last_shift_type` up to the end of the previous week.
    pub consecutive_same_shift: u32,
    /// Consecutive working days up to the end of the previous week.
    pub consecutive_working_days: u32,
    /// Consecutive days off up to the end of the previous week.
    pub consecutive_days_off: u32,
    /// Line of the entry.
    pub line: usize,
}

/// Parsed INRC-II solution (`Sol-*.txt`) for one week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    /// The 0-based stage (week index in the planning horizon) from the file's header.
    pub week: u32,
    /// The scenario name written in the file.
    pub scenario: String,
    /// Line of the `<stage> <scenario>` header.
    pub header_line: usize,
    /// The week's assignments, in file order.
    pub assignments: Vec<Assignment>,
    /// `Key: value` lines some solvers append after the assignments (`Cost: 575`), verbatim.
    pub notes: Vec<String>,
}

/// `<nurse> <day> <shiftType> <skill>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// The nurse.
    pub nurse: String,
    /// The day of the solution's week.
    pub day: Day,
    /// The shift type worked.
    pub shift_type: String,
    /// The skill the nurse covers on it: the shift's `requires`.
    pub skill: String,
    /// Line of the assignment (0 for one made in code).
    pub line: usize,
}

/// Options of [`to_documents`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inrc2Options {
    /// The Monday of week 0, as (year, month, day). Default 2026-01-05.
    pub start_date: (i32, u32, u32),
    /// The UTC offset written on every instant: `+HH:MM`, `-HH:MM` or `Z`. Default `+00:00`.
    pub utc_offset: &'static str,
}

impl Inrc2Options {
    /// Reads a `start_date` from `YYYY-MM-DD` text; the error says what is wrong with the text.
    pub fn parse_start_date(text: &str) -> Result<(i32, u32, u32), String> {
        crate::time::parse_date(text).map(crate::time::civil_from_days).map_err(|e| e.0)
    }
}

impl Default for Inrc2Options {
    fn default() -> Self {
        Inrc2Options {
            start_date: (2026, 1, 5),
            utc_offset: "+00:00",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Lexing
// ---------------------------------------------------------------------------------------------

const KEYWORDS: &[&str] = &[
    "SCENARIO",
    "WEEKS",
    "SKILLS",
    "SHIFT_TYPES",
    "FORBIDDEN_SHIFT_TYPES_SUCCESSIONS",
    "CONTRACTS",
    "NURSES",
    "WEEK_DATA",
    "REQUIREMENTS",
    "SHIFT_OFF_REQUESTS",
    "HISTORY",
    "NURSE_HISTORY",
    "SOLUTION",
    "ASSIGNMENTS",
];

/// One non-blank line: its 1-based number, its trimmed text and its tokens. A parenthesised
/// group such as `(2, 5)` is one token, with the blanks inside removed.
struct Line {
    no: usize,
    text: String,
    tokens: Vec<String>,
}

impl Line {
    /// The section keyword this line starts with, if any (`KEY`, `KEY = value`, `KEY=value`).
    fn keyword(&self) -> Option<&'static str> {
        let end = self
            .text
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(self.text.len());
        let word = &self.text[..end];
        KEYWORDS.iter().copied().find(|k| *k == word)
    }

    fn is_header(&self) -> bool {
        self.keyword().is_some()
    }

    /// For a header `KEY = value`, the value: one word after a single '='.
    fn header_value(&self, key: &str) -> Result<&str, ImportError> {
        let bad = || {
            ImportError::new(
                self.no,
                format!("expected '{key} = <value>', found '{}'", self.text),
            )
        };
        let (k, v) = self.text.split_once('=').ok_or_else(bad)?;
        let v = v.trim();
        if k.trim() != key || v.is_empty() || v.contains('=') || v.contains(char::is_whitespace) {
            return Err(bad());
        }
        Ok(v)
    }

    /// For a header `KEY` alone.
    fn header_alone(&self, key: &str) -> Result<(), ImportError> {
        if self.text == key {
            Ok(())
        } else {
            err(
                self.no,
                format!("expected '{key}' alone on its line, found '{}'", self.text),
            )
        }
    }

    fn count(&self, key: &str) -> Result<usize, ImportError> {
        let bad = || {
            ImportError::new(
                self.no,
                format!("expected '{key} = <count>', found '{}'", self.text),
            )
        };
        let v = self.header_value(key).map_err(|_| bad())?;
        Ok(parse_u32(v, self.no, key)? as usize)
    }
}

fn lex(text: &str) -> Result<Vec<Line>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let no = i + 1;
        let mut tokens: Vec<String> = Vec::new();
        let mut cur = String::new();
        let mut depth = 0usize;
        for c in raw.chars() {
            match c {
                '(' => {
                    if depth > 0 {
                        return err(no, "nested '(' ");
                    }
                    depth = 1;
                    cur.push(c);
                }
                ')' => {
                    if depth == 0 {
                        return err(no, "')' without '('");
                    }
                    depth = 0;
                    cur.push(c);
                }
                c if c.is_whitespace() => {
                    if depth == 0 && !cur.is_empty() {
                        tokens.push(std::mem::take(&mut cur));
                    }
                }
                c => cur.push(c),
            }
        }
        if depth > 0 {
            return err(no, "'(' without ')'");
        }
        if !cur.is_empty() {
            tokens.push(cur);
        }
        if !tokens.is_empty() {
            out.push(Line {
                no,
                text: raw.trim().to_string(),
                tokens,
            });
        }
    }
    Ok(out)
}

/// A cursor over the non-blank lines of a file.
struct Cursor {
    lines: Vec<Line>,
    pos: usize,
    /// Number of the last line of the file (for "unexpected end" errors).
    last_no: usize,
}

impl Cursor {
    fn new(text: &str) -> Result<Cursor, ImportError> {
        let lines = lex(text)?;
        let last_no = text.lines().count().max(1);
        Ok(Cursor {
            lines,
            pos: 0,
            last_no,
        })
    }

    fn peek(&self) -> Option<&Line> {
        self.lines.get(self.pos)
    }

    fn next(&mut self) -> Option<&Line> {
        let l = self.lines.get(self.pos);
        if l.is_some() {
            self.pos += 1;
        }
        l
    }

    /// The next line, which must be a data line (not a section header).
    fn data_line(&mut self, what: &str) -> Result<&Line, ImportError> {
        let idx = self.pos;
        match self.lines.get(idx) {
            None => {
                return err(
                    self.last_no,
                    format!("unexpected end of file: expected {what}"),
                )
            }
            Some(l) if l.is_header() => {
                return err(l.no, format!("expected {what}, found '{}'", l.text))
            }
            Some(_) => {}
        }
        self.pos += 1;
        Ok(&self.lines[idx])
    }

    /// Data lines up to the next section header or the end of the file.
    fn data_lines_until_header(&mut self) -> Vec<&Line> {
        let start = self.pos;
        while let Some(l) = self.lines.get(self.pos) {
            if l.is_header() {
                break;
            }
            self.pos += 1;
        }
        self.lines[start..self.pos].iter().collect()
    }

    /// Exactly `n` data lines, for a section `KEY = n`.
    fn counted_lines(&mut self, key: &str, n: usize) -> Result<Vec<&Line>, ImportError> {
        let start = self.pos;
        let mut found = 0usize;
        while found < n {
            match self.lines.get(self.pos) {
                Some(l) if !l.is_header() => {
                    self.pos += 1;
                    found += 1;
                }
                Some(l) => {
                    return err(
                        l.no,
                        format!("{key} declares {n} entries but only {found} were found before this section"),
                    )
                }
                None => {
                    return err(
                        self.last_no,
                        format!("{key} declares {n} entries but the file ends after {found}"),
                    )
                }
            }
        }
        Ok(self.lines[start..self.pos].iter().collect())
    }
}

fn parse_u32(s: &str, line: usize, what: &str) -> Result<u32, ImportError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return err(line, format!("{what}: '{s}' is not a non-negative integer"));
    }
    s.parse::<u32>()
        .or_else(|_| err(line, format!("{what}: '{s}' is too large")))
}

/// `(a,b)` → (a, b).
fn parse_pair(s: &str, line: usize, what: &str) -> Result<(u32, u32), ImportError> {
    let inner = s
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .ok_or_else(|| ImportError::new(line, format!("{what}: expected '(a,b)', found '{s}'")))?;
    let mut parts = inner.split(',');
    let (a, b) = match (parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), None) => (a, b),
        _ => return err(line, format!("{what}: expected '(a,b)', found '{s}'")),
    };
    Ok((parse_u32(a, line, what)?, parse_u32(b, line, what)?))
}

fn seen_once(
    seen: &mut HashSet<&'static str>,
    key: &'static str,
    line: usize,
) -> Result<(), ImportError> {
    if !seen.insert(key) {
        return err(line, format!("section {key} appears twice"));
    }
    Ok(())
}

fn unexpected(line: &Line) -> ImportError {
    ImportError::new(
        line.no,
        format!("unexpected line '{}': expected a section header", line.text),
    )
}

// ---------------------------------------------------------------------------------------------
// Parsers
// ---------------------------------------------------------------------------------------------

/// Parses a scenario file (`Sc-*.txt`).
pub fn parse_scenario(text: &str) -> Result<Scenario, crate::Error> {
    let mut cur = Cursor::new(text)?;
    let mut seen: HashSet<&'static str> = HashSet::new();
    let mut name: Option<String> = None;
    let mut weeks: Option<u32> = None;
    let mut skills: Option<Vec<(String, usize)>> = None;
    let mut shift_types: Option<Vec<ShiftType>> = None;
    let mut forbidden: Vec<(String, Vec<String>, usize)> = Vec::new();
    let mut contracts: Option<Vec<Contract>> = None;
    let mut nurses: Option<Vec<Nurse>> = None;

    while let Some(line) = cur.next() {
        let no = line.no;
        let key = line.keyword().ok_or_else(|| unexpected(line))?;
        match key {
            "SCENARIO" => {
                let v = line.header_value(key)?.to_string();
                seen_once(&mut seen, key, no)?;
                name = Some(v);
            }
            "WEEKS" => {
                let n = line.count(key)?;
                seen_once(&mut seen, key, no)?;
                weeks = Some(n as u32);
            }
            "SKILLS" => {
                let n = line.count(key)?;
                seen_once(&mut seen, key, no)?;
                let mut v = Vec::new();
                for l in cur.counted_lines(key, n)? {
                    if l.tokens.len() != 1 {
                        return err(l.no, format!("expected one skill name, found '{}'", l.text));
                    }
                    v.push((l.tokens[0].clone(), l.no));
                }
                skills = Some(v);
            }
            "SHIFT_TYPES" => {
                let n = line.count(key)?;
                seen_once(&mut seen, key, no)?;
                let mut v = Vec::new();
                for l in cur.counted_lines(key, n)? {
                    let (nm, pair) = match l.tokens.as_slice() {
                        [nm, pair] => (nm, pair),
                        _ => {
                            return err(
                                l.no,
                                format!("expected '<shiftType> (<minConsecutive>,<maxConsecutive>)', found '{}'", l.text),
                            )
                        }
                    };
                    let (lo, hi) = parse_pair(pair, l.no, "consecutive assignments")?;
                    v.push(ShiftType {
                        name: nm.clone(),
                        min_consecutive: lo,
                        max_consecutive: hi,
                        forbidden_successors: Vec::new(),
                        line: l.no,
                    });
                }
                shift_types = Some(v);
            }
            "FORBIDDEN_SHIFT_TYPES_SUCCESSIONS" => {
                line.header_alone(key)?;
                seen_once(&mut seen, key, no)?;
                for l in cur.data_lines_until_header() {
                    let (from, k) = match l.tokens.as_slice() {
                        [from, k, ..] => (from, k),
                        _ => {
                            return err(
                                l.no,
                                format!("expected '<shiftType> <k> <successor_1> .. <successor_k>', found '{}'", l.text),
                            )
                        }
                    };
                    let k = parse_u32(k, l.no, "number of forbidden successors")? as usize;
                    let rest = &l.tokens[2..];
                    if rest.len() != k {
                        return err(
                            l.no,
                            format!(
                                "'{from}' declares {k} forbidden successors but lists {}",
                                rest.len()
                            ),
                        );
                    }
                    forbidden.push((from.clone(), rest.to_vec(), l.no));
                }
            }
            "CONTRACTS" => {
                let n = line.count(key)?;
                seen_once(&mut seen, key, no)?;
                let mut v = Vec::new();
                for l in cur.counted_lines(key, n)? {
                    let t = &l.tokens;
                    if t.len() != 6 {
                        return err(
                            l.no,
                            format!(
                                "expected '<contract> (<minAssign>,<maxAssign>) (<minConsWork>,<maxConsWork>) (<minConsOff>,<maxConsOff>) <maxWeekends> <completeWeekends>', found '{}'",
                                l.text
                            ),
                        );
                    }
                    let (a0, a1) = parse_pair(&t[1], l.no, "assignments")?;
                    let (w0, w1) = parse_pair(&t[2], l.no, "consecutive working days")?;
                    let (o0, o1) = parse_pair(&t[3], l.no, "consecutive days off")?;
                    let mw = parse_u32(&t[4], l.no, "maximum working weekends")?;
                    let cw = match t[5].as_str() {
                        "0" => false,
                        "1" => true,
                        other => {
                            return err(
                                l.no,
                                format!("complete weekends: expected 0 or 1, found '{other}'"),
                            )
                        }
                    };
                    v.push(Contract {
                        name: t[0].clone(),
                        min_assignments: a0,
                        max_assignments: a1,
                        min_consecutive_working_days: w0,
                        max_consecutive_working_days: w1,
                        min_consecutive_days_off: o0,
                        max_consecutive_days_off: o1,
                        max_working_weekends: mw,
                        complete_weekends: cw,
                        line: l.no,
                    });
                }
                contracts = Some(v);
            }
            "NURSES" => {
                let n = line.count(key)?;
                seen_once(&mut seen, key, no)?;
                let mut v = Vec::new();
                for l in cur.counted_lines(key, n)? {
                    let (nm, contract, k) = match l.tokens.as_slice() {
                        [nm, contract, k, ..] => (nm, contract, k),
                        _ => {
                            return err(
                                l.no,
                                format!("expected '<nurse> <contract> <k> <skill_1> .. <skill_k>', found '{}'", l.text),
                            )
                        }
                    };
                    let k = parse_u32(k, l.no, "number of skills")? as usize;
                    let rest = &l.tokens[3..];
                    if rest.len() != k {
                        return err(
                            l.no,
                            format!("nurse '{nm}' declares {k} skills but lists {}", rest.len()),
                        );
                    }
                    v.push(Nurse {
                        name: nm.clone(),
                        contract: contract.clone(),
                        skills: rest.to_vec(),
                        line: l.no,
                    });
                }
                nurses = Some(v);
            }
            other => {
                return err(
                    no,
                    format!("section {other} does not belong in a scenario file"),
                )
            }
        }
    }

    let end = cur.last_no;
    let name = name.ok_or_else(|| ImportError::new(end, "missing 'SCENARIO = <name>'"))?;
    let weeks = weeks.ok_or_else(|| ImportError::new(end, "missing 'WEEKS = <n>'"))?;
    let skills = skills.ok_or_else(|| ImportError::new(end, "missing section SKILLS"))?;
    let mut shift_types =
        shift_types.ok_or_else(|| ImportError::new(end, "missing section SHIFT_TYPES"))?;
    let contracts = contracts.ok_or_else(|| ImportError::new(end, "missing section CONTRACTS"))?;
    let nurses = nurses.ok_or_else(|| ImportError::new(end, "missing section NURSES"))?;

    // Attach forbidden successions to their shift types.
    let mut done: HashSet<String> = HashSet::new();
    for (from, succ, no) in forbidden {
        if !done.insert(from.clone()) {
            return err(
                no,
                format!("forbidden successions of '{from}' are listed twice"),
            );
        }
        for s in &succ {
            if !shift_types.iter().any(|st| &st.name == s) {
                return err(no, format!("unknown shift type '{s}'"));
            }
        }
        match shift_types.iter_mut().find(|st| st.name == from) {
            Some(st) => st.forbidden_successors = succ,
            None => return err(no, format!("unknown shift type '{from}'")),
        }
    }

    let sc = Scenario {
        name,
        weeks,
        skills: skills.iter().map(|(s, _)| s.clone()).collect(),
        shift_types,
        contracts,
        nurses,
    };
    // Duplicate skills are reported at their own line.
    let mut seen_sk: HashSet<&str> = HashSet::new();
    for (s, no) in &skills {
        if !seen_sk.insert(s) {
            return err(*no, format!("skill '{s}' is listed twice"));
        }
    }
    sc.check()?;
    Ok(sc)
}

impl Scenario {
    /// Checks the scenario's internal references: unique names, known contracts and skills.
    /// [`parse_scenario`] runs it; [`to_documents`] runs it again since the fields are public.
    pub fn check(&self) -> Result<(), crate::Error> {
        let mut skills: HashSet<&str> = HashSet::new();
        for s in &self.skills {
            if !skills.insert(s) {
                return err(0, format!("skill '{s}' is listed twice"));
            }
        }
        let mut sts: HashSet<&str> = HashSet::new();
        for st in &self.shift_types {
            if !sts.insert(&st.name) {
                return err(st.line, format!("shift type '{}' is listed twice", st.name));
            }
        }
        for st in &self.shift_types {
            for s in &st.forbidden_successors {
                if !sts.contains(s.as_str()) {
                    return err(
                        st.line,
                        format!(
                            "unknown shift type '{s}' among the successors of '{}'",
                            st.name
                        ),
                    );
                }
            }
        }
        let mut cs: HashSet<&str> = HashSet::new();
        for c in &self.contracts {
            if !cs.insert(&c.name) {
                return err(c.line, format!("contract '{}' is listed twice", c.name));
            }
        }
        let mut ns: HashSet<&str> = HashSet::new();
        for n in &self.nurses {
            if !ns.insert(&n.name) {
                return err(n.line, format!("nurse '{}' is listed twice", n.name));
            }
            if !cs.contains(n.contract.as_str()) {
                return err(
                    n.line,
                    format!("nurse '{}' has unknown contract '{}'", n.name, n.contract),
                );
            }
            let mut own: HashSet<&str> = HashSet::new();
            for s in &n.skills {
                if !skills.contains(s.as_str()) {
                    return err(
                        n.line,
                        format!("nurse '{}' has unknown skill '{s}'", n.name),
                    );
                }
                if !own.insert(s) {
                    return err(
                        n.line,
                        format!("nurse '{}' lists skill '{s}' twice", n.name),
                    );
                }
            }
        }
        Ok(())
    }
}

/// Reads the `<KEY>` line and then the `<a> <b>` line that follows it (used by week, history and
/// solution files, whose second line is `<scenario>` or `<week> <scenario>`).
fn leading_header<'a>(cur: &'a mut Cursor, key: &str) -> Result<&'a Line, ImportError> {
    let last = cur.last_no;
    match cur.next() {
        Some(l) => {
            l.header_alone(key)?;
            Ok(l)
        }
        None => err(last, format!("empty file: expected '{key}'")),
    }
}

/// Parses a week data file (`WD-*.txt`).
pub fn parse_week(text: &str) -> Result<Week, crate::Error> {
    let mut cur = Cursor::new(text)?;
    leading_header(&mut cur, "WEEK_DATA")?;
    let (scenario, scenario_line) = {
        let l = cur.data_line("the scenario name")?;
        if l.tokens.len() != 1 {
            return err(
                l.no,
                format!("expected the scenario name, found '{}'", l.text),
            );
        }
        (l.tokens[0].clone(), l.no)
    };
    let mut seen: HashSet<&'static str> = HashSet::new();
    let mut requirements: Option<Vec<Requirement>> = None;
    let mut requests: Option<Vec<ShiftOffRequest>> = None;
    while let Some(line) = cur.next() {
        let no = line.no;
        let key = line.keyword().ok_or_else(|| unexpected(line))?;
        match key {
            "REQUIREMENTS" => {
                line.header_alone(key)?;
                seen_once(&mut seen, key, no)?;
                let mut v: Vec<Requirement> = Vec::new();
                for l in cur.data_lines_until_header() {
                    let t = &l.tokens;
                    if t.len() != 9 {
                        return err(
                            l.no,
                            format!("expected '<shiftType> <skill>' and 7 pairs '(<min>,<opt>)', found '{}'", l.text),
                        );
                    }
                    let mut per_day = [Demand::default(); 7];
                    for (i, d) in per_day.iter_mut().enumerate() {
                        let what = format!("demand on {}", Day::ALL[i]);
                        let (min, opt) = parse_pair(&t[2 + i], l.no, &what)?;
                        *d = Demand { min, opt };
                    }
                    if v.iter().any(|r| r.shift_type == t[0] && r.skill == t[1]) {
                        return err(
                            l.no,
                            format!("requirement '{} {}' is listed twice", t[0], t[1]),
                        );
                    }
                    v.push(Requirement {
                        shift_type: t[0].clone(),
                        skill: t[1].clone(),
                        per_day,
                        line: l.no,
                    });
                }
                requirements = Some(v);
            }
            "SHIFT_OFF_REQUESTS" => {
                let n = line.count(key)?;
                seen_once(&mut seen, key, no)?;
                let mut v = Vec::new();
                for l in cur.counted_lines(key, n)? {
                    let (nurse, st, day) = match l.tokens.as_slice() {
                        [a, b, c] => (a, b, c),
                        _ => {
                            return err(
                                l.no,
                                format!(
                                    "expected '<nurse> <shiftType|Any> <day>', found '{}'",
                                    l.text
                                ),
                            )
                        }
                    };
                    let day = Day::parse(day).ok_or_else(|| {
                        ImportError::new(l.no, format!("unknown day '{day}' (expected Mon .. Sun)"))
                    })?;
                    let shift_type = if st == "Any" { None } else { Some(st.clone()) };
                    v.push(ShiftOffRequest {
                        nurse: nurse.clone(),
                        shift_type,
                        day,
                        line: l.no,
                    });
                }
                requests = Some(v);
            }
            other => {
                return err(
                    no,
                    format!("section {other} does not belong in a week file"),
                )
            }
        }
    }
    let end = cur.last_no;
    Ok(Week {
        scenario,
        scenario_line,
        requirements: requirements
            .ok_or_else(|| ImportError::new(end, "missing section REQUIREMENTS"))?,
        shift_off_requests: requests.unwrap_or_default(),
    })
}

/// `<week> <scenario>` after a HISTORY or SOLUTION line.
fn week_and_scenario(cur: &mut Cursor) -> Result<(u32, String, usize), ImportError> {
    let l = cur.data_line("'<week> <scenario>'")?;
    match l.tokens.as_slice() {
        [w, s] => Ok((parse_u32(w, l.no, "week")?, s.clone(), l.no)),
        _ => err(
            l.no,
            format!("expected '<week> <scenario>', found '{}'", l.text),
        ),
    }
}

/// Parses a history file (`H0-*.txt`).
pub fn parse_history(text: &str) -> Result<History, crate::Error> {
    let mut cur = Cursor::new(text)?;
    leading_header(&mut cur, "HISTORY")?;
    let (week, scenario, _) = week_and_scenario(&mut cur)?;
    let mut nurses: Option<Vec<NurseHistory>> = None;
    while let Some(line) = cur.next() {
        let no = line.no;
        let key = line.keyword().ok_or_else(|| unexpected(line))?;
        if key != "NURSE_HISTORY" {
            return err(
                no,
                format!("section {key} does not belong in a history file"),
            );
        }
        line.header_alone(key)?;
        if nurses.is_some() {
            return err(no, "section NURSE_HISTORY appears twice");
        }
        let mut v: Vec<NurseHistory> = Vec::new();
        for l in cur.data_lines_until_header() {
            let t = &l.tokens;
            if t.len() != 7 {
                return err(
                    l.no,
                    format!(
                        "expected '<nurse> <assignments> <workingWeekends> <lastShiftType> <consecutiveSameShift> <consecutiveWorkingDays> <consecutiveDaysOff>', found '{}'",
                        l.text
                    ),
                );
            }
            if v.iter().any(|h| h.nurse == t[0]) {
                return err(l.no, format!("nurse '{}' is listed twice", t[0]));
            }
            v.push(NurseHistory {
                nurse: t[0].clone(),
                assignments: parse_u32(&t[1], l.no, "assignments")?,
                working_weekends: parse_u32(&t[2], l.no, "working weekends")?,
                last_shift_type: if t[3] == "None" {
                    None
                } else {
                    Some(t[3].clone())
                },
                consecutive_same_shift: parse_u32(&t[4], l.no, "consecutive assignments")?,
                consecutive_working_days: parse_u32(&t[5], l.no, "consecutive working days")?,
                consecutive_days_off: parse_u32(&t[6], l.no, "consecutive days off")?,
                line: l.no,
            });
        }
        nurses = Some(v);
    }
    let end = cur.last_no;
    Ok(History {
        week,
        scenario,
        nurses: nurses.ok_or_else(|| ImportError::new(end, "missing section NURSE_HISTORY"))?,
    })
}

/// Parses a solution file (`Sol-*.txt`).
pub fn parse_solution(text: &str) -> Result<Solution, crate::Error> {
    let mut cur = Cursor::new(text)?;
    leading_header(&mut cur, "SOLUTION")?;
    let (week, scenario, header_line) = week_and_scenario(&mut cur)?;
    let mut assignments: Option<Vec<Assignment>> = None;
    let mut notes: Vec<String> = Vec::new();
    while let Some(line) = cur.next() {
        let no = line.no;
        let key = line.keyword().ok_or_else(|| unexpected(line))?;
        if key != "ASSIGNMENTS" {
            return err(
                no,
                format!("section {key} does not belong in a solution file"),
            );
        }
        let n = line.count(key)?;
        if assignments.is_some() {
            return err(no, "section ASSIGNMENTS appears twice");
        }
        let mut v = Vec::new();
        for l in cur.counted_lines(key, n)? {
            let (nurse, day, st, skill) = match l.tokens.as_slice() {
                [a, b, c, d] => (a, b, c, d),
                _ => {
                    return err(
                        l.no,
                        format!(
                            "expected '<nurse> <day> <shiftType> <skill>', found '{}'",
                            l.text
                        ),
                    )
                }
            };
            let day = Day::parse(day).ok_or_else(|| {
                ImportError::new(l.no, format!("unknown day '{day}' (expected Mon .. Sun)"))
            })?;
            v.push(Assignment {
                nurse: nurse.clone(),
                day,
                shift_type: st.clone(),
                skill: skill.clone(),
                line: l.no,
            });
        }
        // After the declared count, a solver may append `Key: value` notes (`Viol: 0`,
        // `Cost: 575`, `Time: 4.2`); any other line means the count is wrong.
        while let Some(extra) = cur.peek() {
            if extra.is_header() {
                break;
            }
            let is_note = extra
                .tokens
                .first()
                .is_some_and(|t| t.len() > 1 && t.ends_with(':'));
            if !is_note {
                return err(
                    extra.no,
                    format!("ASSIGNMENTS declares {n} entries but there are more"),
                );
            }
            notes.push(extra.text.clone());
            cur.pos += 1;
        }
        assignments = Some(v);
    }
    let end = cur.last_no;
    Ok(Solution {
        week,
        scenario,
        header_line,
        assignments: assignments
            .ok_or_else(|| ImportError::new(end, "missing section ASSIGNMENTS"))?,
        notes,
    })
}

// ---------------------------------------------------------------------------------------------
// Mapping to credgate documents
// ---------------------------------------------------------------------------------------------

/// The location every shift is at.
pub const LOCATION_ID: &str = "ward";
/// The team every nurse and shift belongs to.
pub const TEAM_ID: &str = "nurses";
/// `rules.minRestHours` of the imported roster.
pub const MIN_REST_HOURS: u32 = 12;
/// The most shifts [`to_documents`] makes in all (a guard against absurd demand figures).
pub const MAX_SHIFTS: usize = 1_000_000;

/// Clock times of the known INRC-II shift types, as minutes after midnight (start, end); an end
/// not after the start is on the next day.
pub fn shift_type_times(name: &str) -> Option<(u32, u32)> {
    match name {
        "Early" => Some((6 * 60, 14 * 60)),
        "Day" => Some((9 * 60, 17 * 60)),
        "Late" => Some((14 * 60, 22 * 60)),
        "Night" => Some((22 * 60, 6 * 60)),
        _ => None,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn valid_offset(s: &str) -> bool {
    if s == "Z" {
        return true;
    }
    let b = s.as_bytes();
    b.len() == 6
        && (b[0] == b'+' || b[0] == b'-')
        && b[1..3].iter().all(u8::is_ascii_digit)
        && b[3] == b':'
        && b[4..6].iter().all(u8::is_ascii_digit)
        && (b[1] - b'0') * 10 + (b[2] - b'0') <= 23
        && (b[4] - b'0') * 10 + (b[5] - b'0') <= 59
}

/// Formats day `day` (days since the epoch) at `minute` after midnight with `offset`.
fn instant(day: i64, minute: u32, offset: &str) -> String {
    let (y, m, d) = civil_from_days(day);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:00{offset}",
        minute / 60,
        minute % 60
    )
}

/// Builds credgate documents `(roster, credentials)` from a scenario, its weeks in planning
/// order (week `i` starts `7 i` days after `opts.start_date`) and any solutions, each placed at
/// the stage written in its header.
pub fn to_documents(
    sc: &Scenario,
    weeks: &[Week],
    solutions: &[Solution],
    opts: &Inrc2Options,
) -> Result<(crate::Value, crate::Value), crate::Error> {
    let (roster, credentials) = documents(sc, weeks, solutions, opts)?;
    Ok((value_of(roster), value_of(credentials)))
}

/// A document built here as credgate's own JSON value, the one in the public API (numbers keep
/// the text serde_json writes, objects their order).
fn value_of(v: Value) -> crate::Value {
    match v {
        Value::Null => crate::Value::Null,
        Value::Bool(b) => crate::Value::Bool(b),
        Value::Number(n) => crate::Value::Number(n.to_string().into()),
        Value::String(s) => crate::Value::String(s),
        Value::Array(items) => crate::Value::Array(items.into_iter().map(value_of).collect()),
        Value::Object(fields) => crate::Value::Object(fields.into_iter().map(|(k, v)| (k, value_of(v))).collect()),
    }
}

/// [`to_documents`], as serde_json values.
fn documents(
    sc: &Scenario,
    weeks: &[Week],
    solutions: &[Solution],
    opts: &Inrc2Options,
) -> Result<(Value, Value), crate::Error> {
    sc.check()?;

    // Options.
    let (y, m, d) = opts.start_date;
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y as i64, m)
    {
        return err(
            0,
            format!("start_date {y:04}-{m:02}-{d:02} is not a valid date"),
        );
    }
    let day0 = days_from_civil(y as i64, m as i64, d as i64);
    if (day0 + 3).rem_euclid(7) != 0 {
        return err(
            0,
            format!("start_date {y:04}-{m:02}-{d:02} is not a Monday"),
        );
    }
    let last_day = day0 + 7 * weeks.len() as i64 + 1;
    if civil_from_days(last_day).0 > 9999 {
        return err(0, "the planning horizon runs past the year 9999");
    }
    if !valid_offset(opts.utc_offset) {
        return err(
            0,
            format!(
                "utc_offset '{}' is not '+HH:MM', '-HH:MM' or 'Z'",
                opts.utc_offset
            ),
        );
    }
    let offset = opts.utc_offset;

    // Shift times, and agreement of the forbidden successions with the rest rule.
    let mut times: Vec<(u32, u32)> = Vec::new();
    for st in &sc.shift_types {
        match shift_type_times(&st.name) {
            Some(t) => times.push(t),
            None => {
                return err(
                    st.line,
                    format!(
                        "shift type '{}' has no known times (expected Early, Day, Late or Night)",
                        st.name
                    ),
                )
            }
        }
    }
    for (a, st) in sc.shift_types.iter().enumerate() {
        for (b, next) in sc.shift_types.iter().enumerate() {
            let (sa, ea) = times[a];
            let end_a = if ea <= sa { ea + 24 * 60 } else { ea };
            let start_b = times[b].0 + 24 * 60;
            let rest_short = start_b < end_a + MIN_REST_HOURS * 60;
            let forbidden = st.forbidden_successors.iter().any(|s| s == &next.name);
            if rest_short != forbidden {
                return err(
                    st.line,
                    format!(
                        "{} followed by {} the next day is {} in the scenario, but the rest between them is {} {} hours",
                        st.name,
                        next.name,
                        if forbidden { "forbidden" } else { "allowed" },
                        if rest_short { "under" } else { "at least" },
                        MIN_REST_HOURS
                    ),
                );
            }
        }
    }

    let st_index: HashMap<&str, usize> = sc
        .shift_types
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), i))
        .collect();
    let sk_index: HashMap<&str, usize> = sc
        .skills
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let nurse_set: HashSet<&str> = sc.nurses.iter().map(|n| n.name.as_str()).collect();

    // Solutions by stage.
    let mut by_stage: Vec<Option<&Solution>> = vec![None; weeks.len()];
    for sol in solutions {
        let stage = sol.week as usize;
        if sol.scenario != sc.name {
            return err(
                sol.header_line,
                format!(
                    "solution for week {} names scenario '{}', not '{}'",
                    sol.week, sol.scenario, sc.name
                ),
            );
        }
        match by_stage.get_mut(stage) {
            None => {
                return err(
                    sol.header_line,
                    format!(
                        "solution for week {} but only {} week(s) were given",
                        sol.week,
                        weeks.len()
                    ),
                )
            }
            Some(Some(_)) => {
                return err(
                    sol.header_line,
                    format!("two solutions for week {}", sol.week),
                )
            }
            Some(slot) => *slot = Some(sol),
        }
    }

    let mut shifts: Vec<Value> = Vec::new();
    let mut shift_ids: HashSet<String> = HashSet::new();
    for (wi, week) in weeks.iter().enumerate() {
        if week.scenario != sc.name {
            return err(
                week.scenario_line,
                format!(
                    "week {wi} names scenario '{}', not '{}'",
                    week.scenario, sc.name
                ),
            );
        }
        // min demand per [day][shift type][skill]
        let n_st = sc.shift_types.len();
        let n_sk = sc.skills.len();
        let mut min = vec![0u32; 7 * n_st * n_sk];
        let mut min_line = vec![0usize; 7 * n_st * n_sk];
        for r in &week.requirements {
            let a = *st_index.get(r.shift_type.as_str()).ok_or_else(|| {
                ImportError::new(
                    r.line,
                    format!("week {wi}: unknown shift type '{}'", r.shift_type),
                )
            })?;
            let b = *sk_index.get(r.skill.as_str()).ok_or_else(|| {
                ImportError::new(r.line, format!("week {wi}: unknown skill '{}'", r.skill))
            })?;
            for (di, dm) in r.per_day.iter().enumerate() {
                let cell = (di * n_st + a) * n_sk + b;
                if dm.min > min[cell] {
                    min[cell] = dm.min;
                    min_line[cell] = r.line;
                }
            }
        }
        let mut assigned: Vec<Vec<&str>> = vec![Vec::new(); 7 * n_st * n_sk];
        if let Some(sol) = by_stage.get(wi).copied().flatten() {
            for asg in &sol.assignments {
                if !nurse_set.contains(asg.nurse.as_str()) {
                    return err(
                        asg.line,
                        format!("solution for week {wi}: unknown nurse '{}'", asg.nurse),
                    );
                }
                let a = *st_index.get(asg.shift_type.as_str()).ok_or_else(|| {
                    ImportError::new(
                        asg.line,
                        format!(
                            "solution for week {wi}: unknown shift type '{}'",
                            asg.shift_type
                        ),
                    )
                })?;
                let b = *sk_index.get(asg.skill.as_str()).ok_or_else(|| {
                    ImportError::new(
                        asg.line,
                        format!("solution for week {wi}: unknown skill '{}'", asg.skill),
                    )
                })?;
                assigned[(asg.day.index() * n_st + a) * n_sk + b].push(asg.nurse.as_str());
            }
        }
        for day in Day::ALL {
            let date = day0 + 7 * wi as i64 + day.index() as i64;
            for (a, st) in sc.shift_types.iter().enumerate() {
                let (s_min, e_min) = times[a];
                let start = instant(date, s_min, offset);
                let end = instant(if e_min <= s_min { date + 1 } else { date }, e_min, offset);
                for (b, skill) in sc.skills.iter().enumerate() {
                    let cell = (day.index() * n_st + a) * n_sk + b;
                    let who = &assigned[cell];
                    let count = (min[cell] as usize).max(who.len());
                    if count > MAX_SHIFTS - shifts.len() {
                        return err(
                            min_line[cell],
                            format!(
                                "week {wi}: {day} {} {skill} would take the roster past {MAX_SHIFTS} shifts",
                                st.name
                            ),
                        );
                    }
                    for k in 0..count {
                        let id = format!("w{wi}-{day}-{}-{skill}-{}", st.name, k + 1);
                        if !shift_ids.insert(id.clone()) {
                            return err(
                                st.line,
                                format!(
                                    "shift id '{id}' would be made twice (names with '-' collide)"
                                ),
                            );
                        }
                        let people: Vec<Value> =
                            who.get(k).map(|n| vec![json!(n)]).unwrap_or_default();
                        shifts.push(json!({
                            "id": id,
                            "start": start,
                            "end": end,
                            "locationId": LOCATION_ID,
                            "teamId": TEAM_ID,
                            "requires": skill,
                            "assigned": people,
                        }));
                    }
                }
            }
        }
    }

    let employees: Vec<Value> = sc
        .nurses
        .iter()
        .map(|n| {
            json!({
                "id": n.name,
                "name": n.name,
                "teamId": TEAM_ID,
                "locationId": LOCATION_ID,
                "contract": n.contract,
            })
        })
        .collect();

    let mut roster = Map::new();
    roster.insert(
        "locations".into(),
        json!([{ "id": LOCATION_ID, "name": format!("Ward ({})", sc.name) }]),
    );
    roster.insert("teams".into(), json!([{ "id": TEAM_ID, "name": "Nurses" }]));
    roster.insert("employees".into(), Value::Array(employees));
    roster.insert("shifts".into(), Value::Array(shifts));
    roster.insert(
        "rules".into(),
        json!({ "minRestHours": MIN_REST_HOURS, "overlap": "block" }),
    );

    let types: Vec<Value> = sc
        .skills
        .iter()
        .map(|s| json!({ "code": s, "name": s }))
        .collect();
    let mut credentials: Vec<Value> = Vec::new();
    let mut cred_ids: HashSet<String> = HashSet::new();
    for n in &sc.nurses {
        for s in &n.skills {
            let id = format!("cr-{}-{s}", n.name);
            if !cred_ids.insert(id.clone()) {
                return err(
                    n.line,
                    format!("credential id '{id}' would be made twice (names with '-' collide)"),
                );
            }
            credentials.push(json!({
                "id": id,
                "employeeId": n.name,
                "code": s,
                "validUntil": null,
            }));
        }
    }
    let mut creds = Map::new();
    creds.insert("credentialTypes".into(), Value::Array(types));
    creds.insert("credentials".into(), Value::Array(credentials));

    Ok((Value::Object(roster), Value::Object(creds)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SC: &str = "SCENARIO = tiny\n\nWEEKS = 1\n\nSKILLS = 2\nHeadNurse\nNurse\n\n\
SHIFT_TYPES = 2\nEarly (2,5)\nLate (2,3)\n\nFORBIDDEN_SHIFT_TYPES_SUCCESSIONS\nEarly 0\nLate 1 Early\n\n\
CONTRACTS = 1\nFullTime (15,22) (3,5) (2,3) 2 1\n\nNURSES = 2\nAna FullTime 2 HeadNurse Nurse \nBo FullTime 1 Nurse\n";

    const WD: &str = "WEEK_DATA\ntiny\n\nREQUIREMENTS\n\
Early HeadNurse (1,1) (0,0) (0,0) (0,0) (0,0) (0,0) (0,0)\n\
Early Nurse (0,1) (1,1) (0,0) (0,0) (0,0) (0,0) (0,0)\n\
Late Nurse (0,0) (0,0) (0,0) (0,0) (0,0) (0,0) (1,1)\n\n\
SHIFT_OFF_REQUESTS = 2\nAna Any Tue \nBo Late Sun\n";

    const SOL: &str = "SOLUTION\n0 tiny\n\nASSIGNMENTS = 3\nAna Mon Early HeadNurse\nBo Mon Early Nurse\nBo Sun Late Nurse\n";

    const HIST: &str = "HISTORY\n0 tiny\n\nNURSE_HISTORY\nAna 0 0 Late 1 4 0\nBo 0 0 None 0 0 3\n";

    fn line_of(r: Result<impl fmt::Debug, crate::Error>) -> usize {
        match r {
            Ok(v) => panic!("expected an error, got {v:?}"),
            Err(e) => {
                assert_eq!(e.kind(), crate::ErrorKind::Import);
                e.position().map_or(0, |(line, _)| line)
            }
        }
    }

    #[test]
    fn parses_scenario() {
        let sc = parse_scenario(SC).unwrap();
        assert_eq!(sc.name, "tiny");
        assert_eq!(sc.weeks, 1);
        assert_eq!(sc.skills, vec!["HeadNurse", "Nurse"]);
        assert_eq!(sc.shift_types.len(), 2);
        assert_eq!(sc.shift_types[0].name, "Early");
        assert_eq!(
            (
                sc.shift_types[0].min_consecutive,
                sc.shift_types[0].max_consecutive
            ),
            (2, 5)
        );
        assert!(sc.shift_types[0].forbidden_successors.is_empty());
        assert_eq!(sc.shift_types[1].forbidden_successors, vec!["Early"]);
        assert_eq!(sc.shift_types[1].line, 11);
        let c = &sc.contracts[0];
        assert_eq!(
            (
                c.min_assignments,
                c.max_assignments,
                c.min_consecutive_working_days,
                c.max_consecutive_working_days
            ),
            (15, 22, 3, 5)
        );
        assert_eq!(
            (
                c.min_consecutive_days_off,
                c.max_consecutive_days_off,
                c.max_working_weekends
            ),
            (2, 3, 2)
        );
        assert!(c.complete_weekends);
        assert_eq!(sc.nurses.len(), 2);
        assert_eq!(sc.nurses[0].skills, vec!["HeadNurse", "Nurse"]);
        assert_eq!(sc.nurses[1].contract, "FullTime");
        assert_eq!(sc.nurses[1].line, 22);
    }

    #[test]
    fn parses_crlf_bom_and_spaced_pairs() {
        let text = format!(
            "\u{feff}{}",
            SC.replace("(2,5)", "( 2 , 5 )").replace('\n', "\r\n")
        );
        let sc = parse_scenario(&text).unwrap();
        assert_eq!(sc, parse_scenario(SC).unwrap());
        assert!(parse_scenario(&SC.replace("SCENARIO = tiny", "SCENARIO=tiny")).is_ok());
    }

    #[test]
    fn parses_week() {
        let w = parse_week(WD).unwrap();
        assert_eq!(w.scenario, "tiny");
        assert_eq!(w.requirements.len(), 3);
        let r = &w.requirements[1];
        assert_eq!(
            (r.shift_type.as_str(), r.skill.as_str(), r.line),
            ("Early", "Nurse", 6)
        );
        assert_eq!(r.per_day[0], Demand { min: 0, opt: 1 });
        assert_eq!(r.per_day[1], Demand { min: 1, opt: 1 });
        assert_eq!(w.shift_off_requests.len(), 2);
        assert_eq!(w.shift_off_requests[0].shift_type, None);
        assert_eq!(w.shift_off_requests[0].day, Day::Tue);
        assert_eq!(w.shift_off_requests[1].shift_type.as_deref(), Some("Late"));
    }

    #[test]
    fn parses_solution_and_history() {
        let s = parse_solution(SOL).unwrap();
        assert_eq!((s.week, s.scenario.as_str(), s.header_line), (0, "tiny", 2));
        assert_eq!(s.assignments.len(), 3);
        let a = &s.assignments[2];
        assert_eq!(
            (
                a.nurse.as_str(),
                a.day,
                a.shift_type.as_str(),
                a.skill.as_str(),
                a.line
            ),
            ("Bo", Day::Sun, "Late", "Nurse", 7)
        );
        let h = parse_history(HIST).unwrap();
        assert_eq!(h.nurses.len(), 2);
        assert_eq!(h.nurses[0].last_shift_type.as_deref(), Some("Late"));
        assert_eq!(h.nurses[1].last_shift_type, None);
        assert_eq!(h.nurses[1].consecutive_days_off, 3);
    }

    #[test]
    fn malformed_scenario_reports_line() {
        // count larger than the entries
        assert_eq!(
            line_of(parse_scenario(&SC.replace("SKILLS = 2", "SKILLS = 3"))),
            9
        );
        // bad number
        assert_eq!(
            line_of(parse_scenario(&SC.replace("WEEKS = 1", "WEEKS = x"))),
            3
        );
        assert_eq!(
            line_of(parse_scenario(&SC.replace("WEEKS = 1", "WEEKS = -1"))),
            3
        );
        assert_eq!(
            line_of(parse_scenario(
                &SC.replace("WEEKS = 1", "WEEKS = 99999999999")
            )),
            3
        );
        // bad pair
        assert_eq!(
            line_of(parse_scenario(&SC.replace("Early (2,5)", "Early (2;5)"))),
            10
        );
        assert_eq!(
            line_of(parse_scenario(&SC.replace("Early (2,5)", "Early (2,5"))),
            10
        );
        assert_eq!(
            line_of(parse_scenario(&SC.replace("Early (2,5)", "Early 2,5)"))),
            10
        );
        // successor count mismatch, unknown successor
        assert_eq!(
            line_of(parse_scenario(&SC.replace("Late 1 Early", "Late 2 Early"))),
            15
        );
        assert_eq!(
            line_of(parse_scenario(&SC.replace("Late 1 Early", "Late 1 Erly"))),
            15
        );
        // nurse with unknown contract, unknown skill, wrong skill count, duplicate
        assert_eq!(
            line_of(parse_scenario(&SC.replace("Bo FullTime", "Bo PartTime"))),
            22
        );
        assert_eq!(
            line_of(parse_scenario(
                &SC.replace("Bo FullTime 1 Nurse", "Bo FullTime 1 Nurze")
            )),
            22
        );
        assert_eq!(
            line_of(parse_scenario(
                &SC.replace("Bo FullTime 1 Nurse", "Bo FullTime 2 Nurse")
            )),
            22
        );
        assert_eq!(
            line_of(parse_scenario(&SC.replace("Bo FullTime", "Ana FullTime"))),
            22
        );
        // contract shape
        assert_eq!(line_of(parse_scenario(&SC.replace(" 2 1\n", " 2 7\n"))), 18);
        assert_eq!(line_of(parse_scenario(&SC.replace(" 2 1\n", " 2\n"))), 18);
        // stray line, duplicate section, unknown section in this file
        assert_eq!(line_of(parse_scenario(&format!("hello\n{SC}"))), 1);
        assert_eq!(line_of(parse_scenario(&format!("{SC}WEEKS = 2\n"))), 23);
        assert_eq!(
            line_of(parse_scenario(&format!("{SC}ASSIGNMENTS = 0\n"))),
            23
        );
        // missing section (reported at the end of the file)
        assert_eq!(line_of(parse_scenario(&SC.replace("WEEKS = 1", ""))), 22);
        let e = parse_scenario("").unwrap_err();
        assert!(e.problems()[0].message.contains("SCENARIO"), "{e}");
        // fewer nurses than declared: the file ends
        let e = parse_scenario(&SC.replace("NURSES = 2", "NURSES = 3")).unwrap_err();
        assert!(e.problems()[0].message.contains("declares 3"), "{e}");
    }

    #[test]
    fn malformed_week_solution_history_report_line() {
        assert_eq!(line_of(parse_week(&WD.replace("WEEK_DATA", "WEEK"))), 1);
        assert_eq!(line_of(parse_week(&WD.replace("tiny", "tiny extra"))), 2);
        assert_eq!(
            line_of(parse_week(
                &WD.replace("(1,1) (0,0) (0,0) (0,0) (0,0) (0,0) (0,0)", "(1,1)")
            )),
            5
        );
        assert_eq!(
            line_of(parse_week(
                &WD.replace("Early Nurse (0,1)", "Early Nurse (0,a)")
            )),
            6
        );
        assert_eq!(
            line_of(parse_week(&WD.replace("Late Nurse", "Early Nurse"))),
            7
        );
        assert_eq!(
            line_of(parse_week(&WD.replace("Ana Any Tue", "Ana Any Tues"))),
            10
        );
        assert_eq!(
            line_of(parse_week(
                &WD.replace("SHIFT_OFF_REQUESTS = 2", "SHIFT_OFF_REQUESTS = 3")
            )),
            11
        );
        assert_eq!(line_of(parse_week("WEEK_DATA\n")), 1);

        assert_eq!(
            line_of(parse_solution(&SOL.replace("0 tiny", "zero tiny"))),
            2
        );
        assert_eq!(
            line_of(parse_solution(
                &SOL.replace("Bo Mon Early Nurse", "Bo Mon Early")
            )),
            6
        );
        assert_eq!(
            line_of(parse_solution(&SOL.replace("Bo Sun", "Bo Sunday"))),
            7
        );
        assert_eq!(
            line_of(parse_solution(
                &SOL.replace("ASSIGNMENTS = 3", "ASSIGNMENTS = 2")
            )),
            7
        );
        assert_eq!(
            line_of(parse_solution(
                &SOL.replace("ASSIGNMENTS = 3", "ASSIGNMENTS = 4")
            )),
            7
        );
        assert_eq!(
            line_of(parse_solution(
                &SOL.replace("ASSIGNMENTS = 3", "ASSIGNMENTS")
            )),
            4
        );
        assert_eq!(
            line_of(parse_solution(&SOL.replace("SOLUTION", "SOLUTIONS"))),
            1
        );
        assert!(parse_solution("").is_err());
        // `Key: value` notes after the assignments are kept, not counted
        let s = parse_solution(&format!("{SOL}\nViol: 0\nCost: 575\n")).unwrap();
        assert_eq!(s.assignments.len(), 3);
        assert_eq!(s.notes, ["Viol: 0", "Cost: 575"]);
        assert_eq!(
            line_of(parse_solution(&format!(
                "{SOL}Cost: 5\nAna Tue Late Nurse\n"
            ))),
            9
        );

        assert_eq!(
            line_of(parse_history(
                &HIST.replace("Bo 0 0 None 0 0 3", "Bo 0 0 None 0 0")
            )),
            6
        );
        assert_eq!(
            line_of(parse_history(&HIST.replace("Ana 0 0", "Ana x 0"))),
            5
        );
    }

    #[test]
    fn no_panic_on_garbage() {
        let samples = [
            "",
            "\n\n",
            "(",
            ")",
            "((",
            "SCENARIO",
            "SCENARIO =",
            "SCENARIO = =",
            "= 3",
            "SKILLS = 1",
            "NURSES = 1\nA",
            "SOLUTION\n",
            "SOLUTION\n0",
            "HISTORY\n0 x\nNURSE_HISTORY\nA",
            "WEEK_DATA\nx\nREQUIREMENTS\nA B",
            "\u{feff}",
            "é (1,2)",
            "SHIFT_TYPES = 1\nE (4294967296,1)",
            "FORBIDDEN_SHIFT_TYPES_SUCCESSIONS\nE 99999999999",
        ];
        for s in samples {
            let _ = parse_scenario(s);
            let _ = parse_week(s);
            let _ = parse_solution(s);
            let _ = parse_history(s);
        }
        // every prefix of every sample file
        for text in [SC, WD, SOL, HIST] {
            for (i, _) in text.char_indices() {
                let t = &text[..i];
                let _ = parse_scenario(t);
                let _ = parse_week(t);
                let _ = parse_solution(t);
                let _ = parse_history(t);
            }
        }
    }

    #[test]
    fn error_display() {
        let e = parse_solution(&SOL.replace("Bo Sun", "Bo Sunday")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 7: unknown day 'Sunday' (expected Mon .. Sun)"
        );
        let e: Box<dyn std::error::Error> = Box::new(crate::Error::from(ImportError::new(0, "x")));
        assert_eq!(e.to_string(), "x");
    }

    fn docs() -> (Value, Value) {
        let sc = parse_scenario(SC).unwrap();
        let w = parse_week(WD).unwrap();
        let s = parse_solution(SOL).unwrap();
        documents(&sc, &[w], &[s], &Inrc2Options::default()).unwrap()
    }

    /// The public documents are the serde_json ones as credgate values: the CLI writes either
    /// to the same text.
    #[test]
    fn public_documents_write_as_built() {
        let (roster, credentials) = docs();
        for doc in [roster, credentials] {
            let text = serde_json::to_string_pretty(&doc).unwrap();
            assert_eq!(serde_json::to_string_pretty(&value_of(doc)).unwrap(), text);
        }
    }

    #[test]
    fn builds_documents() {
        let (roster, creds) = docs();
        let shifts = roster["shifts"].as_array().unwrap();
        let ids: Vec<&str> = shifts.iter().map(|s| s["id"].as_str().unwrap()).collect();
        // Mon Early HeadNurse min 1 (Ana); Mon Early Nurse min 0 but Bo assigned; Tue Early Nurse
        // min 1, nobody; Sun Late Nurse min 1 (Bo).
        assert_eq!(
            ids,
            [
                "w0-Mon-Early-HeadNurse-1",
                "w0-Mon-Early-Nurse-1",
                "w0-Tue-Early-Nurse-1",
                "w0-Sun-Late-Nurse-1"
            ]
        );
        assert_eq!(
            shifts[0],
            json!({"id": "w0-Mon-Early-HeadNurse-1", "start": "2026-01-05T06:00:00+00:00",
                   "end": "2026-01-05T14:00:00+00:00", "locationId": "ward", "teamId": "nurses",
                   "requires": "HeadNurse", "assigned": ["Ana"]})
        );
        assert_eq!(shifts[2]["assigned"], json!([]));
        assert_eq!(shifts[3]["start"], "2026-01-11T14:00:00+00:00");
        assert_eq!(
            roster["rules"],
            json!({"minRestHours": 12, "overlap": "block"})
        );
        assert_eq!(roster["locations"][0]["id"], "ward");
        assert!(roster["locations"][0].get("jurisdiction").is_none());
        assert_eq!(
            roster["employees"][1],
            json!({"id": "Bo", "name": "Bo", "teamId": "nurses", "locationId": "ward", "contract": "FullTime"})
        );
        assert_eq!(
            creds["credentialTypes"],
            json!([{"code": "HeadNurse", "name": "HeadNurse"}, {"code": "Nurse", "name": "Nurse"}])
        );
        assert_eq!(creds["credentials"].as_array().unwrap().len(), 3);
        assert_eq!(
            creds["credentials"][0],
            json!({"id": "cr-Ana-HeadNurse", "employeeId": "Ana", "code": "HeadNurse", "validUntil": null})
        );
        // Key order is stable (preserve_order).
        let keys: Vec<&String> = roster.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["locations", "teams", "employees", "shifts", "rules"]);
    }

    #[test]
    fn night_ends_next_day_and_options_apply() {
        let sc = parse_scenario(
            &SC.replace(
                "SHIFT_TYPES = 2\nEarly (2,5)\nLate (2,3)",
                "SHIFT_TYPES = 3\nEarly (2,5)\nLate (2,3)\nNight (4,5)",
            )
            .replace("Late 1 Early\n", "Late 1 Early\nNight 2 Early Late\n"),
        )
        .unwrap();
        let w = parse_week("WEEK_DATA\ntiny\nREQUIREMENTS\nNight Nurse (0,0) (0,0) (0,0) (0,0) (0,0) (0,0) (2,2)\n").unwrap();
        let opts = Inrc2Options {
            start_date: (2026, 12, 28),
            utc_offset: "-06:00",
        };
        let (roster, _) = documents(&sc, &[w.clone(), w], &[], &opts).unwrap();
        let shifts = roster["shifts"].as_array().unwrap();
        assert_eq!(shifts.len(), 4);
        assert_eq!(shifts[0]["id"], "w0-Sun-Night-Nurse-1");
        assert_eq!(shifts[1]["id"], "w0-Sun-Night-Nurse-2");
        assert_eq!(shifts[0]["start"], "2027-01-03T22:00:00-06:00");
        assert_eq!(shifts[0]["end"], "2027-01-04T06:00:00-06:00");
        assert_eq!(shifts[2]["id"], "w1-Sun-Night-Nurse-1");
        assert_eq!(shifts[3]["end"], "2027-01-11T06:00:00-06:00");
    }

    #[test]
    fn mapping_errors() {
        let sc = parse_scenario(SC).unwrap();
        let w = parse_week(WD).unwrap();
        let s = parse_solution(SOL).unwrap();
        let o = Inrc2Options::default();
        // unknown shift type name has no times
        let sc2 = parse_scenario(&SC.replace("Late", "Evening")).unwrap();
        let e = documents(&sc2, &[], &[], &o).unwrap_err();
        assert_eq!(line_of(Err::<(), _>(e.clone())), 11);
        assert!(e.problems()[0].message.contains("Evening"), "{e}");
        // forbidden successions that disagree with a 12 h rest
        let sc3 = parse_scenario(&SC.replace("Late 1 Early", "Late 0")).unwrap();
        assert_eq!(documents(&sc3, &[], &[], &o).unwrap_err().position().map_or(0, |(line, _)| line), 11);
        // options
        let bad = |start_date, utc_offset| {
            documents(
                &sc,
                &[],
                &[],
                &Inrc2Options {
                    start_date,
                    utc_offset,
                },
            )
            .is_err()
        };
        assert!(bad((2026, 1, 6), "+00:00")); // a Tuesday
        assert!(bad((2026, 2, 30), "+00:00"));
        assert!(bad((2026, 13, 1), "+00:00"));
        assert!(bad((-5, 1, 1), "+00:00"));
        assert!(bad((2026, 1, 5), "+0000"));
        assert!(bad((2026, 1, 5), "+24:00"));
        assert!(bad((2026, 1, 5), "UTC"));
        assert!(!bad((2026, 1, 5), "Z"));
        assert!(!bad((2026, 1, 5), "+05:30"));
        // solution for a week not given, twice, for another scenario
        assert_eq!(
            documents(&sc, &[], std::slice::from_ref(&s), &o)
                .unwrap_err()
                .position()
                .map_or(0, |(line, _)| line),
            2
        );
        assert_eq!(
            documents(&sc, std::slice::from_ref(&w), &[s.clone(), s.clone()], &o)
                .unwrap_err()
                .position()
                .map_or(0, |(line, _)| line),
            2
        );
        let other = parse_solution(&SOL.replace("0 tiny", "0 other")).unwrap();
        assert_eq!(
            documents(&sc, std::slice::from_ref(&w), &[other], &o)
                .unwrap_err()
                .position()
                .map_or(0, |(line, _)| line),
            2
        );
        // unknown nurse / shift type / skill in a solution
        for (from, to) in [
            ("Bo Sun", "Cy Sun"),
            ("Sun Late", "Sun Night"),
            ("Late Nurse", "Late Cook"),
        ] {
            let bad = parse_solution(&SOL.replace(from, to)).unwrap();
            assert_eq!(
                documents(&sc, std::slice::from_ref(&w), &[bad], &o)
                    .unwrap_err()
                    .position()
                    .map_or(0, |(line, _)| line),
                7,
                "{to}"
            );
        }
        // unknown skill in a week, week of another scenario
        let w2 = parse_week(&WD.replace("Late Nurse", "Late Cook")).unwrap();
        assert_eq!(documents(&sc, &[w2], &[], &o).unwrap_err().position().map_or(0, |(line, _)| line), 7);
        let w3 = parse_week(&WD.replace("tiny", "other")).unwrap();
        assert_eq!(documents(&sc, &[w3], &[], &o).unwrap_err().position().map_or(0, |(line, _)| line), 2);
        // absurd demand is refused, not allocated
        let w4 = parse_week(&WD.replace("Late Nurse (0,0)", "Late Nurse (4294967295,0)")).unwrap();
        assert_eq!(documents(&sc, &[w4], &[], &o).unwrap_err().position().map_or(0, |(line, _)| line), 7);
    }

    #[test]
    fn nurse_lacking_skill_is_kept_for_the_engine_to_judge() {
        let sc = parse_scenario(SC).unwrap();
        let w = parse_week(WD).unwrap();
        let s = parse_solution(&SOL.replace("Ana Mon Early HeadNurse", "Bo Mon Early HeadNurse"))
            .unwrap();
        let (roster, _) = documents(&sc, &[w], &[s], &Inrc2Options::default()).unwrap();
        assert_eq!(roster["shifts"][0]["assigned"], json!(["Bo"]));
    }
}
