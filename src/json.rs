//! A strict JSON reader and writer for credgate's documents.
//!
//! credgate reads its documents with its own parser rather than a general one because the
//! documents are audit material and the failure modes of general parsers are exactly the ones
//! to prevent:
//!
//! - **A repeated key is an error**, not a silent "last one wins": a duplicated `validUntil`
//!   must not quietly extend a credential. Every repetition is reported with its path.
//! - **Object order and unknown fields are kept**, so [`Value`] can be written back out by
//!   `export` with nothing lost, and numbers keep their exact text (an HR system's 20-digit
//!   employee number survives a round trip).
//! - **Nesting is bounded** ([`MAX_DEPTH`]) so that hostile input cannot overflow the stack,
//!   which in WebAssembly would trap the instance and take the page with it.
//! - **Errors name a line and a column**, counted in characters from 1.
//!
//! A leading UTF-8 byte-order mark, as some spreadsheet exports write, is skipped. Lone UTF-16
//! surrogates in `\u` escapes are errors: they cannot be held in a Rust string, and replacing
//! them would silently change an id.

use crate::ids::Ids;
use std::borrow::Cow;

/// The deepest nesting of arrays and objects a document may have.
///
/// Real documents nest at most a few levels below a requirement; the bound exists so that a
/// requirement nested 100,000 deep is refused with an error instead of exhausting the stack.
pub const MAX_DEPTH: usize = 128;

/// The message of a value nested deeper than [`MAX_DEPTH`], the number written in (a test
/// compares it with `format!`'s): a `format!` of the constant was a call of the formatting
/// machinery.
const TOO_DEEP: &str = "nested deeper than 128 levels";

/// A parsed JSON value that keeps key order and the exact text of numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, kept as written.
    Number(Box<str>),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, in document order. Keys are unique after a successful parse.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The value under `key`, if this is an object holding it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A mutable reference to the value under `key`, if this is an object holding it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        match self {
            Value::Object(fields) => fields.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Sets `key` to `value` on an object: replaced in place if present, appended otherwise.
    /// Does nothing on a value that is not an object.
    pub fn set(&mut self, key: &str, value: Value) {
        if let Value::Object(fields) = self {
            match fields.iter_mut().find(|(k, _)| k == key) {
                Some((_, v)) => *v = value,
                None => fields.push((crate::load::own(key), value)),
            }
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number as `f64`, if this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(raw) => crate::host::parse_f64(raw),
            _ => None,
        }
    }

    /// A short name of the JSON type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// Reads JSON text into a value, as credgate reads its documents (see the module's rules):
    /// on malformed text, an [`Error`](crate::Error) of kind
    /// [`InvalidJson`](crate::ErrorKind::InvalidJson) naming the line and column. A key repeated
    /// within one object keeps its first value here (loading a document reports it instead).
    ///
    /// ```
    /// use credgate::Value;
    /// let v = Value::parse(r#"{"employeeId": "e-17", "hours": 12}"#)?;
    /// assert_eq!(v.get("employeeId").and_then(Value::as_str), Some("e-17"));
    /// assert_eq!(v.to_json(), r#"{"employeeId":"e-17","hours":12}"#);
    /// assert!(Value::parse("{\"a\": }").is_err());
    /// # Ok::<(), credgate::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<Value, crate::Error> {
        parse(text).map(|p| p.value).map_err(crate::Error::from)
    }

    /// Writes the value as compact JSON text.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, self, None, 0);
        out
    }

    /// Writes the value as JSON text indented by two spaces.
    pub fn to_json_pretty(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, self, Some(2), 0);
        out
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(crate::load::own(s))
    }
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(raw) => {
                if let Ok(i) = raw.parse::<i64>() {
                    serializer.serialize_i64(i)
                } else if let Ok(u) = raw.parse::<u64>() {
                    serializer.serialize_u64(u)
                } else {
                    serializer.serialize_f64(crate::host::parse_f64(raw).unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(fields) => {
                let mut map = serializer.serialize_map(Some(fields.len()))?;
                for (k, v) in fields {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

fn write_value(out: &mut String, value: &Value, indent: Option<usize>, level: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(raw) => out.push_str(raw),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, level + 1);
                write_value(out, item, indent, level + 1);
            }
            newline(out, indent, level);
            out.push(']');
        }
        Value::Object(fields) => {
            if fields.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            for (i, (k, v)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, level + 1);
                write_string(out, k);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_value(out, v, indent, level + 1);
            }
            newline(out, indent, level);
            out.push('}');
        }
    }
}

fn newline(out: &mut String, indent: Option<usize>, level: usize) {
    if let Some(width) = indent {
        out.push('\n');
        for _ in 0..width * level {
            out.push(' ');
        }
    }
}

/// Writes `s` as a JSON string literal.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u");
                push_hex4(out, c as u32, false);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The four lowest hexadecimal digits of `n`, upper case when `upper`, pushed onto `out`: what
/// `{:04x}` (`{:04X}`) writes of a number below 0x10000, for a control character's escape and
/// its name in a message, the only hexadecimal the crate writes (the formatting machinery's
/// writers of it were in the .wasm for these two alone).
fn push_hex4(out: &mut String, n: u32, upper: bool) {
    for shift in [12, 8, 4, 0] {
        let digit = (n >> shift & 0xf) as u8;
        let first_letter = if upper { b'A' } else { b'a' };
        out.push(char::from(if digit < 10 { b'0' + digit } else { first_letter + digit - 10 }));
    }
}

/// Why a text is not an acceptable JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column (in characters) of the problem.
    pub column: usize,
    /// What was wrong there.
    pub message: String,
    /// The text is well-formed as far as it was read, but nested deeper than [`MAX_DEPTH`].
    pub too_deep: bool,
}

/// A key that appears twice in one object: a load error, reported with its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// The path of the object holding the key, `""` for the root.
    pub object_path: String,
    /// The repeated key.
    pub key: String,
    /// 1-based line of the second occurrence.
    pub line: usize,
}

/// The result of parsing: the value, and every repeated key found on the way.
#[derive(Debug)]
pub struct Parsed {
    /// The document. When `duplicates` is not empty the first occurrence of each key is kept.
    pub value: Value,
    /// Keys repeated within one object, with the byte offset of each repetition.
    pub duplicates: Vec<(usize, DuplicateKey)>,
}

/// Parses a JSON document, collecting every repeated key: [`parse_lazy`] with no lazy keys, the
/// one reading of a whole document (a reading of its own here was a second copy of the
/// parser's setup and teardown).
pub fn parse(text: &str) -> Result<Parsed, ParseError> {
    let doc = parse_lazy(text, &[], false)?;
    Ok(Parsed { value: doc.value, duplicates: doc.duplicates })
}

/// Per lazy key: the byte span of each element of its array.
pub(crate) type LazyArrays = Vec<(String, Vec<(usize, usize)>)>;

/// A document whose big top-level arrays are left as text, for the loader: it reads them one
/// element at a time ([`parse_node_element`]), so that a 100,000-shift roster never exists as a tree
/// all at once (the tree is several times the size of the text).
#[derive(Debug)]
pub(crate) struct LazyDocument<'t> {
    /// The text, without a byte-order mark: spans index into it.
    pub text: &'t str,
    /// The root, with each lazy array an empty `Value::Array` placeholder.
    pub value: Value,
    /// Per lazy key: the byte span of each element.
    pub arrays: LazyArrays,
    /// Keys repeated outside the lazy arrays, with the byte offset of each repetition.
    pub duplicates: Vec<(usize, DuplicateKey)>,
    /// The lazy arrays were skimmed, not checked: each element is checked only when it is read
    /// ([`parse_node_element`]).
    pub skimmed: bool,
}

/// Parses a document, leaving the elements of the root object's arrays under `lazy_keys` as
/// spans. Repeated keys inside the lazy elements are found when each element is parsed.
///
/// Unless `skim`, the whole text is checked, with exactly the errors [`parse`] gives. With `skim`
/// everything but the lazy elements is checked so, and the elements are only skimmed for their
/// ends (brackets and strings): each is checked when it is read, and an element that is not
/// valid JSON is then read as `None`. The error of a skimmed document is no more than "read it
/// again without `skim`", which names the first problem in the text: the loader reads a document
/// once, skimmed, and again only when that finds a problem.
pub(crate) fn parse_lazy<'t>(text: &'t str, lazy_keys: &[&str], skim: bool) -> Result<LazyDocument<'t>, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut p = Parser::new(text);
    p.lazy_keys = lazy_keys;
    p.skim = skim;
    p.skip_ws();
    let value = p.value(0).map_err(|e| *e)?;
    p.skip_ws();
    if p.pos < p.src.len() {
        return Err(*p.error("unexpected text after the end of the document"));
    }
    Ok(LazyDocument { text, value, arrays: p.arrays, duplicates: p.duplicates, skimmed: skim })
}

/// A value read in place from a document's text: what [`Value`] holds, but its keys, strings
/// and numbers borrowed from the text where they have no escapes. The loader reads each element
/// of the collections as one ([`parse_node_element`]) and drops it: no allocation per key
/// or string, only one per object and array.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'t> {
    Null,
    Bool(bool),
    Number(&'t str),
    String(Cow<'t, str>),
    Array(Vec<Node<'t>>),
    Object(Vec<(Cow<'t, str>, Node<'t>)>),
}

impl<'t> Node<'t> {
    /// The node of a parsed value, borrowing from it.
    pub(crate) fn of(value: &'t Value) -> Node<'t> {
        match value {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(raw) => Node::Number(raw),
            Value::String(s) => Node::String(Cow::Borrowed(s)),
            Value::Array(items) => Node::Array(items.iter().map(Node::of).collect()),
            Value::Object(fields) => Node::Object(fields.iter().map(|(k, v)| (Cow::Borrowed(k.as_str()), Node::of(v))).collect()),
        }
    }

    /// The value under `key`, if this is an object holding it.
    pub(crate) fn get(&self, key: &str) -> Option<&Node<'t>> {
        match self {
            Node::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A short name of the JSON type, for error messages (as [`Value::type_name`]).
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Number(_) => "a number",
            Node::String(_) => "a string",
            Node::Array(_) => "an array",
            Node::Object(_) => "an object",
        }
    }
}

/// Reads the element of the root's array `key` at `span` (from [`parse_lazy`]) in place: its
/// node, and its repeated keys with their byte offsets and paths (`shifts[3].crew[0]`). `None`
/// when the text there is not one valid JSON value (only possible in a skimmed document).
///
/// `scratch` is kept by the caller from one element to the next, so that reading an element
/// allocates only its node's own `Vec`s.
pub(crate) fn parse_node_element<'t>(doc: &LazyDocument<'t>, key: &'t str, index: usize, span: (usize, usize), scratch: &mut Scratch<'t>) -> Option<(Node<'t>, Vec<(usize, DuplicateKey)>)> {
    let p = &mut scratch.0;
    (p.src, p.text, p.pos) = (doc.text.as_bytes(), doc.text, span.0);
    p.path.clear();
    p.path.extend([Segment::Ref(key), Segment::Index(index)]);
    let node = p.node(2).ok().filter(|_| p.pos == span.1);
    // A read that failed half-way leaves fields and items behind (and its repeated keys, which
    // go with it).
    p.node_fields.clear();
    p.node_items.clear();
    let duplicates = std::mem::take(&mut p.duplicates);
    Some((node?, duplicates))
}

/// The working room of [`parse_node_element`], kept from one element to the next: a parser,
/// its lists emptied after each element (where a parser made per element took them in and gave
/// them back, and was dropped).
pub(crate) struct Scratch<'t>(Parser<'t>);

impl Default for Scratch<'_> {
    fn default() -> Self {
        Scratch(Parser::new(""))
    }
}

/// Whether `b` is JSON's white space.
#[inline(always)]
fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\n' || b == b'\r' || b == b'\t'
}

/// Where the run of plain string bytes (not `"`, `\\` or a control character) starting at `pos`
/// ends: eight bytes at a time while they last (strings are most of a document's bytes, and both
/// the check and the build read each one).
fn plain_run_end(src: &[u8], mut pos: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = src.get(pos..pos + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // A byte is flagged when it is below 0x20, equal to '"' or equal to '\\'; the lowest
        // flag is exact (borrows only run upwards from a flagged byte).
        let quote = x ^ (ONES * u64::from(b'"'));
        let backslash = x ^ (ONES * u64::from(b'\\'));
        let flags = (x.wrapping_sub(ONES * 0x20) & !x | quote.wrapping_sub(ONES) & !quote | backslash.wrapping_sub(ONES) & !backslash) & HIGH;
        if flags != 0 {
            return pos + (flags.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    while let Some(&b) = src.get(pos) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        pos += 1;
    }
    pos
}

/// Where the JSON value starting at `pos` ends, found by its brackets and strings alone, or
/// `None` when that shows it is not valid (an unclosed string, a control character in a string,
/// a closing bracket first). Anything else is left for the reader to find: a skimmed span is
/// checked when it is read ([`parse_lazy`]).
fn skim_value(src: &[u8], mut pos: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        match *src.get(pos)? {
            b'"' => {
                pos = plain_run_end(src, pos + 1);
                while *src.get(pos)? == b'\\' {
                    pos = plain_run_end(src, pos + 2);
                }
                if src.get(pos) != Some(&b'"') {
                    return None;
                }
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.checked_sub(1)?,
            _ if depth > 0 => {}
            // A number or a word: up to the next delimiter.
            _ => {
                while !matches!(src.get(pos), None | Some(b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t')) {
                    pos += 1;
                }
                return Some(pos);
            }
        }
        pos += 1;
        if depth == 0 {
            return Some(pos);
        }
    }
}

/// The keys of an object past a handful: a set keeps hostile objects linear. (An [`Ids`], the
/// id table the model already has, rather than a `HashSet` of its own in the .wasm.) The set
/// holds the keys of `fields` and `key`: a loop over the fields and one more insert, where a
/// chain of the two was an iterator of its own.
fn key_set(fields: &[(Cow<'_, str>, Node<'_>)], key: &str) -> Ids {
    let mut set = Ids::default();
    for (k, _) in fields {
        let _ = set.insert(k);
    }
    let _ = set.insert(key);
    set
}

/// The [`Value`] of a [`Node`]: its borrowed text copied. (The `Vec`s are of the same size
/// and alignment, so `collect` reuses them.)
fn owned(node: Node<'_>) -> Value {
    match node {
        Node::Null => Value::Null,
        Node::Bool(b) => Value::Bool(b),
        Node::Number(raw) => Value::Number(raw.into()),
        Node::String(s) => Value::String(s.into_owned()),
        Node::Array(items) => Value::Array(items.into_iter().map(owned).collect()),
        Node::Object(fields) => Value::Object(fields.into_iter().map(|(k, v)| (k.into_owned(), owned(v))).collect()),
    }
}

/// The parser's error, boxed: a `Result` of a [`Node`] and a pointer is no bigger than the
/// node, so the loader's hot path moves no more than it did when its failures were `None`.
type Fail = Box<ParseError>;

enum Segment<'a> {
    Key(String),
    /// A key read in place from the text.
    Ref(&'a str),
    Index(usize),
}

struct Parser<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    path: Vec<Segment<'a>>,
    /// The keys repeated, each with its byte offset: the form every caller takes them in, so
    /// that no reader zips two lists into it.
    duplicates: Vec<(usize, DuplicateKey)>,
    /// The lazy arrays are skimmed for their elements' ends rather than checked ([`parse_lazy`]).
    skim: bool,
    /// The keys of the root object whose arrays are left as spans ([`parse_lazy`]).
    lazy_keys: &'a [&'a str],
    /// Those arrays' spans, per key, as they are read.
    arrays: LazyArrays,
    /// The fields of the [`Node`] objects being read, innermost last: each object takes its
    /// own off the end when it closes, in a `Vec` of exactly its size (instead of growing one
    /// per object, which reallocated three times for a shift's ten keys).
    node_fields: Vec<(Cow<'a, str>, Node<'a>)>,
    /// The same for the items of the arrays being read.
    node_items: Vec<Node<'a>>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Parser<'a> {
        Parser { src: text.as_bytes(), text, pos: 0, path: Vec::new(), duplicates: Vec::new(), skim: false, lazy_keys: &[], arrays: Vec::new(), node_fields: Vec::new(), node_items: Vec::new() }
    }

    /// An array at `depth`, checked as `node` checks it, without building its elements: the
    /// byte span of each. When skimming, the text between the elements is checked so, and the
    /// elements are only skimmed for their ends ([`parse_lazy`]).
    // Out of line: the root's dozen keys reach it, and inlined it would weigh on `node_object`,
    // the loader's hot path.
    #[inline(never)]
    fn array_spans(&mut self, depth: usize) -> Result<Vec<(usize, usize)>, Fail> {
        if depth > MAX_DEPTH {
            return Err(self.too_deep());
        }
        self.pos += 1;
        let mut spans = Vec::new();
        self.skip_ws();
        if self.src.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(spans);
        }
        loop {
            self.skip_ws();
            self.path.push(Segment::Index(spans.len()));
            let start = self.pos;
            let item = if self.skim {
                // Only the element's end ([`parse_lazy`]); the error says no more than "not this way".
                skim_value(self.src, start).map(|end| self.pos = end).ok_or_else(|| self.error("not valid JSON"))
            } else {
                // Checked as read, and dropped. Its repeated keys are found when the element is
                // read again ([`parse_node_element`]), so not noted here.
                let noted = self.duplicates.len();
                let item = self.node(depth).map(drop);
                self.duplicates.truncate(noted);
                item
            };
            self.path.pop();
            item?;
            spans.push((start, self.pos));
            if self.member_end(b']')? {
                return Ok(spans);
            }
        }
    }

    fn line_col(&self, pos: usize) -> (usize, usize) {
        let pos = pos.min(self.src.len());
        let before = &self.src[..pos];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Columns count characters, not bytes.
        let column = self.text.get(line_start..pos).map_or(pos - line_start, crate::text::char_count) + 1;
        (line, column)
    }

    fn error(&self, message: &str) -> Fail {
        self.error_at(self.pos, message)
    }

    /// After a member of an array (`close` is `]`) or an object (`}`): skips whitespace, then a
    /// `,` moves on to the next member (`false`) and `close` ends it (`true`), either consumed;
    /// anything else is an error.
    #[inline]
    fn member_end(&mut self, close: u8) -> Result<bool, Fail> {
        self.skip_ws();
        match self.src.get(self.pos) {
            Some(b',') => {
                self.pos += 1;
                Ok(false)
            }
            Some(&c) if c == close => {
                self.pos += 1;
                Ok(true)
            }
            // The message chosen, then one error for the four.
            found => Err(self.error(match (found, close) {
                (None, b']') => "an array is not closed",
                (None, _) => "an object is not closed",
                (Some(_), b']') => "expected ',' or ']' in an array",
                (Some(_), _) => "expected ',' or '}' in an object",
            })),
        }
    }

    /// The error of an array or object nested deeper than [`MAX_DEPTH`], one copy for its three
    /// readers.
    #[inline(never)]
    fn too_deep(&self) -> Fail {
        let mut e = self.error(TOO_DEEP);
        e.too_deep = true;
        e
    }

    /// The error of a character that cannot start a value (or a literal that is not one).
    #[inline(never)]
    fn unexpected(&self) -> Fail {
        // Written by pushes: `format!`s of the character and of the message were two calls of
        // the formatting machinery for this one message.
        let mut message = crate::load::own("unexpected character ");
        match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            Some(c) if c.is_control() => {
                // A control character is below U+00A0: four digits, as `{:04X}` writes it.
                message.push_str("U+");
                push_hex4(&mut message, c as u32, true);
            }
            Some(c) => {
                message.push('\'');
                message.push(c);
                message.push('\'');
            }
            None => message.push_str("end of the document"),
        }
        self.error(&message)
    }

    fn error_at(&self, pos: usize, message: &str) -> Fail {
        let (line, column) = self.line_col(pos);
        Box::new(ParseError { line, column, message: crate::load::own(message), too_deep: false })
    }

    /// Moves past white space: the test of the next byte in place (compact text has none, and
    /// the parser asks at every token), the run itself by one out-of-line loop (written into
    /// each of the parser's ten places, the loop was a copy each).
    #[inline(always)]
    fn skip_ws(&mut self) {
        if self.src.get(self.pos).is_some_and(|&b| is_ws(b)) {
            self.skip_ws_run();
        }
    }

    #[inline(never)]
    fn skip_ws_run(&mut self) {
        while self.src.get(self.pos).is_some_and(|&b| is_ws(b)) {
            self.pos += 1;
        }
    }

    /// A value as a [`Value`]: read as a [`Node`] ([`Parser::node`], the one reader of values,
    /// with its errors) and then owned, so that the tree and the loader's nodes share one copy
    /// of the grammar and its messages in the .wasm.
    fn value(&mut self, depth: usize) -> Result<Value, Fail> {
        self.node(depth).map(owned)
    }

    /// Moves past a number, checking its grammar.
    fn number_end(&mut self) -> Result<(), Fail> {
        if self.src.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        match self.src.get(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("a number needs a digit here")),
        }
        if self.src.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !matches!(self.src.get(self.pos), Some(b'0'..=b'9')) {
                return Err(self.error("a number needs a digit after '.'"));
            }
            self.digits();
        }
        if matches!(self.src.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.src.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.src.get(self.pos), Some(b'0'..=b'9')) {
                return Err(self.error("a number needs a digit in its exponent"));
            }
            self.digits();
        }
        Ok(())
    }

    fn digits(&mut self) {
        while matches!(self.src.get(self.pos), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    fn hex4(&mut self) -> Result<u32, Fail> {
        // The digits read under a leading 1, which reaches 0x10000 with the fourth: a loop of
        // four counted out was written out four times.
        let mut n = 1u32;
        while n < 0x10000 {
            let Some(d) = self.src.get(self.pos).and_then(|&b| char::from(b).to_digit(16)) else {
                return Err(self.error("a \\u escape needs four hexadecimal digits"));
            };
            n = n * 16 + d;
            self.pos += 1;
        }
        Ok(n - 0x10000)
    }

    fn string(&mut self) -> Result<String, Fail> {
        let open = self.pos;
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            // Copy the run of plain characters in one go.
            let run_start = self.pos;
            self.pos = plain_run_end(self.src, self.pos);
            out.push_str(self.text.get(run_start..self.pos).unwrap_or(""));
            match self.src.get(self.pos) {
                None => return Err(self.error_at(open, "a string is not closed")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let esc = self.src.get(self.pos).copied();
                    self.pos += 1;
                    // The one-character escapes by a table of what each stands for: eight
                    // arms of their own each wrote a push.
                    let short = esc.and_then(|e| b"\"\\/bfnrt".iter().position(|&c| c == e)).and_then(|i| b"\"\\/\x08\x0c\n\r\t".get(i));
                    if let Some(&c) = short {
                        out.push(char::from(c));
                        continue;
                    }
                    match esc {
                        Some(b'u') => {
                            let escape_at = self.pos - 2;
                            let first = self.hex4()?;
                            // `None`: a surrogate that is not the first of a pair followed by
                            // the second.
                            let code = match first {
                                0xD800..=0xDBFF if self.src.get(self.pos..self.pos + 2) == Some(b"\\u") => {
                                    self.pos += 2;
                                    let second = self.hex4()?;
                                    (0xDC00..0xE000).contains(&second).then(|| 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                                }
                                0xD800..=0xDFFF => None,
                                _ => Some(first),
                            };
                            let Some(code) = code else {
                                return Err(self.error_at(escape_at, "a lone UTF-16 surrogate in a \\u escape"));
                            };
                            match char::from_u32(code) {
                                Some(c) => out.push(c),
                                None => return Err(self.error_at(escape_at, "an invalid \\u escape")),
                            }
                        }
                        _ => return Err(self.error_at(self.pos - 1, "an unknown escape in a string")),
                    }
                }
                Some(_) => return Err(self.error("a control character must be escaped inside a string")),
            }
        }
    }

    /// Reads `"key" :` and the white space around it; returns where the key began and the key,
    /// borrowed from the text when it has no escapes.
    fn key(&mut self) -> Result<(usize, Cow<'a, str>), Fail> {
        self.skip_ws();
        if self.src.get(self.pos) != Some(&b'"') {
            return Err(self.error("expected a key in double quotes"));
        }
        let key_at = self.pos;
        let key = self.node_string()?;
        self.skip_ws();
        if self.src.get(self.pos) != Some(&b':') {
            return Err(self.error("expected ':' after a key"));
        }
        self.pos += 1;
        self.skip_ws();
        Ok((key_at, key))
    }

    /// A value read in place, with the module's checks and errors: the one reader of values
    /// (the loader's elements take it as it is, [`Parser::value`] owns what it reads).
    fn node(&mut self, depth: usize) -> Result<Node<'a>, Fail> {
        Ok(match self.src.get(self.pos) {
            None => return Err(self.error("unexpected end of the document")),
            Some(b'{' | b'[') if depth >= MAX_DEPTH => return Err(self.too_deep()),
            Some(b'{') => self.node_object(depth + 1)?,
            Some(b'[') => self.node_array(depth + 1)?,
            Some(b'"') => Node::String(self.node_string()?),
            Some(b't') => self.node_word(b"true", Node::Bool(true))?,
            Some(b'f') => self.node_word(b"false", Node::Bool(false))?,
            Some(b'n') => self.node_word(b"null", Node::Null)?,
            Some(b'-' | b'0'..=b'9') => {
                let start = self.pos;
                self.number_end()?;
                Node::Number(self.text.get(start..self.pos).unwrap_or(""))
            }
            Some(_) => return Err(self.unexpected()),
        })
    }

    /// `true`, `false` or `null` (`word`), read as `node`.
    fn node_word(&mut self, word: &[u8], node: Node<'a>) -> Result<Node<'a>, Fail> {
        if !self.src.get(self.pos..).is_some_and(|rest| rest.starts_with(word)) {
            return Err(self.unexpected());
        }
        self.pos += word.len();
        Ok(node)
    }

    /// A string, borrowed from the text when it has no escapes (else [`Parser::string`], the
    /// one unescaping routine, reads it again from its quote).
    fn node_string(&mut self) -> Result<Cow<'a, str>, Fail> {
        let open = self.pos;
        let end = plain_run_end(self.src, open + 1);
        if self.src.get(end) == Some(&b'"') {
            self.pos = end + 1;
            return Ok(Cow::Borrowed(self.text.get(open + 1..end).unwrap_or("")));
        }
        self.pos = open;
        self.string().map(Cow::Owned)
    }

    fn node_array(&mut self, depth: usize) -> Result<Node<'a>, Fail> {
        self.pos += 1;
        self.skip_ws();
        if self.src.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Node::Array(Vec::new()));
        }
        let lo = self.node_items.len();
        let mut index = 0;
        loop {
            self.skip_ws();
            self.path.push(Segment::Index(index));
            let item = self.node(depth);
            self.path.pop();
            self.node_items.push(item?);
            index += 1;
            if self.member_end(b']')? {
                break;
            }
        }
        Ok(Node::Array(self.node_items.split_off(lo)))
    }

    fn node_object(&mut self, depth: usize) -> Result<Node<'a>, Fail> {
        self.pos += 1;
        self.skip_ws();
        if self.src.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Node::Object(Vec::new()));
        }
        let lo = self.node_fields.len();
        let mut seen: Option<Ids> = None;
        loop {
            let (key_at, key) = self.key()?;
            self.path.push(match &key {
                Cow::Borrowed(k) => Segment::Ref(k),
                Cow::Owned(k) => Segment::Key(k.clone()),
            });
            let value = if depth == 1 && self.lazy_at(&key, lo) {
                self.array_spans(2).map(|spans| {
                    self.arrays.push((crate::load::own(&key), spans));
                    Node::Array(Vec::new())
                })
            } else {
                self.node(depth)
            };
            self.path.pop();
            let value = value?;
            let repeated = match &mut seen {
                Some(set) => set.insert(&key).is_err(),
                None => {
                    let fields = self.node_fields.get(lo..).unwrap_or_default();
                    let found = fields.iter().any(|(k, _)| *k == key);
                    if !found && fields.len() >= 16 {
                        seen = Some(key_set(fields, &key));
                    }
                    found
                }
            };
            if repeated {
                self.repeated(key_at, key.into_owned());
            } else {
                self.node_fields.push((key, value));
            }
            if self.member_end(b'}')? {
                break;
            }
        }
        Ok(Node::Object(self.node_fields.split_off(lo)))
    }

    /// Whether the root's `key`, its value next, is one of the lazy arrays ([`parse_lazy`]): one
    /// of `lazy_keys` holding an array, and not a repetition (a repeated key's value is read in
    /// full, as [`parse`] reads it, so that keys repeated inside it are reported too). `lo` is
    /// where the root's fields begin in `node_fields`.
    #[inline(never)]
    fn lazy_at(&self, key: &str, lo: usize) -> bool {
        self.lazy_keys.contains(&key) && self.src.get(self.pos) == Some(&b'[') && !self.node_fields.get(lo..).unwrap_or_default().iter().any(|(k, _)| k == key)
    }

    /// Notes `key`, at `key_at`, as repeated in the object at the current path.
    #[inline(never)]
    fn repeated(&mut self, key_at: usize, key: String) {
        let (line, _) = self.line_col(key_at);
        self.duplicates.push((key_at, DuplicateKey { object_path: self.render_path(), key, line }));
    }

    fn render_path(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            let key = match seg {
                Segment::Key(k) => k.as_str(),
                Segment::Ref(k) => k,
                Segment::Index(i) => {
                    // `out[i]` by the loader's writer of an element's path, not `write!`'s
                    // formatting machinery.
                    out = crate::load::element_path(&out, *i);
                    continue;
                }
            };
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(key);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_writes_back() {
        let text = r#"{"b":1,"a":[true,false,null,"x\"y",-1.5e3,12345678901234567890123]}"#;
        let parsed = parse(text).unwrap();
        assert!(parsed.duplicates.is_empty());
        assert_eq!(parsed.value.to_json(), text);
    }

    #[test]
    fn keeps_key_order() {
        let v = parse(r#"{"z":1,"a":2,"m":3}"#).unwrap().value;
        let Value::Object(fields) = v else { panic!("not an object") };
        let keys: Vec<_> = fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["z", "a", "m"]);
    }

    #[test]
    fn reports_duplicate_keys_with_their_path() {
        let parsed = parse("{\"shifts\": [{}, {\"id\": \"a\",\n \"id\": \"b\"}]}").unwrap();
        assert_eq!(parsed.duplicates.len(), 1);
        assert_eq!(parsed.duplicates[0].1.object_path, "shifts[1]");
        assert_eq!(parsed.duplicates[0].1.key, "id");
        assert_eq!(parsed.duplicates[0].1.line, 2);
        assert_eq!(parsed.value.get("shifts").unwrap(), &parse(r#"[{}, {"id": "a"}]"#).unwrap().value);
    }

    #[test]
    fn errors_name_line_and_column() {
        let err = parse("{\n  \"a\": tru\n}").unwrap_err();
        assert_eq!((err.line, err.column), (2, 8));
        let err = parse("[1, 2").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(parse("").is_err());
        assert!(parse("{} x").is_err());
        assert!(parse("01").is_err());
        assert!(parse("1.").is_err());
        assert!(parse("\"\t\"").is_err());
        assert!(parse("{'a': 1}").is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let err = parse(&deep).unwrap_err();
        assert!(err.message.contains("nested deeper"), "{}", err.message);
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn the_too_deep_message_names_the_limit() {
        assert_eq!(TOO_DEEP, format!("nested deeper than {MAX_DEPTH} levels"));
    }

    #[test]
    fn hex_digits_as_format_writes_them() {
        for n in 0..0x10000 {
            let (mut lower, mut upper) = (String::new(), String::new());
            push_hex4(&mut lower, n, false);
            push_hex4(&mut upper, n, true);
            assert_eq!((lower, upper), (format!("{n:04x}"), format!("{n:04X}")));
        }
    }

    #[test]
    fn unicode_escapes() {
        let v = parse(r#""\u00e9\ud83d\ude00""#).unwrap().value;
        assert_eq!(v, Value::String("é😀".into()));
        assert!(parse(r#""\ud800""#).is_err());
        assert!(parse(r#""\udc00x""#).is_err());
        assert!(parse(r#""\u12""#).is_err());
    }

    #[test]
    fn skips_a_byte_order_mark() {
        assert_eq!(parse("\u{feff}{}").unwrap().value, Value::Object(vec![]));
    }

    #[test]
    fn escapes_control_characters_on_output() {
        let v = Value::String("a\u{1}\n".into());
        assert_eq!(v.to_json(), r#""a\u0001\n""#);
        assert_eq!(parse(&v.to_json()).unwrap().value, v);
    }
}

