//! Reading both documents into the model: every rule of SPEC §2, every problem collected.
//!
//! Loading either yields a whole engine plus warnings, or fails with every problem found in
//! both documents, each with its JSON path. It never stops at the first problem and never yields
//! a half-loaded engine.
//!
//! **Errors** (the documents are refused): malformed JSON, a key repeated within one object,
//! a wrong JSON type (a number written as a string included), a missing required field,
//! a malformed or naive date, an end not after its start, a shift longer than 7 days,
//! a `validUntil` before its `validFrom`, duplicate ids, a requirement, `satisfies` or crew rule
//! naming an unknown code, a shift naming an unknown location, role, queue or employee, a value
//! outside its enumeration, `{"any": []}`, a session (SPEC §7) without a `renews` code or with
//! `seats` below 1 or a negative `cost`.
//!
//! **Warnings** (the record is kept, reported, and written back by `export`): a credential,
//! waiver or training for an unknown employee, a credential of an unknown type, a waiver or
//! training of an unknown code, a jurisdictional credential without `validIn`, a waiver whose
//! `locationIds` is empty or names an unknown location, references to unknown teams (and an
//! employee's unknown home location or role), the same employee twice in `assigned` (counted
//! once), a session renewing an unknown code or at an unknown location, a training naming an
//! unknown `sessionId`, and an unknown field whose name is close to a known one ("did you mean"). Other
//! unknown fields are kept silently.

use crate::error::{quoted, Document, Error, Problem};
use crate::ids::Ids;
use crate::json::{self, Node, Value};
use crate::live::Collection;
use crate::model::*;
use crate::requirement::{self, Req};
use crate::time::{parse_bound, parse_instant, Bound, BoundKind, Instant};
use crate::verdict::ReasonKind;

/// The largest document accepted, in bytes (each of the two).
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024 * 1024;

pub(crate) struct Loaded {
    pub model: Model,
    pub sources: Sources,
    pub overrides: Vec<Value>,
    pub warnings: Vec<Problem>,
}

struct Cx {
    doc: Document,
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
}

impl Cx {
    // Of owned texts alone (as `Obj::error` and `Obj::warn`): generic over `Into<String>`, each
    // pair of argument types was a copy of its own with the conversion written in; a text that
    // is not owned yet goes through `own` at its caller.
    #[inline]
    fn error(&mut self, path: String, message: String) {
        self.push(false, path, message);
    }
    #[inline]
    fn warn(&mut self, path: String, message: String) {
        self.push(true, path, message);
    }
    /// A problem onto the warnings (`warn`) or the errors: one copy of the push for both.
    #[inline(never)]
    fn push(&mut self, warn: bool, path: String, message: String) {
        let list = if warn { &mut self.warnings } else { &mut self.errors };
        list.push(Problem { path, message, document: self.doc });
    }
}

/// `before`, `s` quoted (at most 80 characters, as [`quoted`] quotes it), then `after`: the loader's messages that quote
/// one value, out of line (each `format!` built its arguments in place: docs/decisions.md 145).
#[inline(never)]
fn quote_in(before: &str, s: &str, after: &str) -> String {
    concat(&[before, &quoted(s), after])
}

/// ` (did you mean "near"?)`, or nothing: the hint after an unknown name.
#[inline(never)]
fn did_you_mean(near: Option<&str>) -> String {
    near.map(|n| quote_in(" (did you mean ", n, "?)")).unwrap_or_default()
}

/// `parts` one after the other: the one copy of the allocation and the copies for the
/// loader's messages and paths built by hand ([`expected`], [`quote_in`], [`child`]), each of
/// which wrote its own `push_str`s in place (docs/decisions.md 145).
#[inline(never)]
pub(crate) fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// `template` with each `%` in it replaced by the next of `args`, whole: the loader's messages
/// (by `human::say_as`; `say` would clip the arguments, which are values already quoted and
/// cut, and paths), where a `format!` at each place called the formatting machinery. The
/// templates are the loader's own text, with no `%` of their own.
#[inline(never)]
fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::new();
    crate::human::say_as(&mut out, template, args, false);
    out
}

/// `n` in decimal, as `{}` writes it (by `human::push_int`): a line, a column or a length of a
/// document in memory, far below `i64::MAX`.
#[inline(never)]
fn decimal(n: usize) -> String {
    let mut out = String::new();
    crate::human::push_int(&mut out, i64::try_from(n).unwrap_or(i64::MAX));
    out
}

/// "expected WHAT, found TYPE", the message of a value of the wrong JSON type: one copy for
/// the loader's dozen places.
#[inline(never)]
fn expected(what: &str, found: &Node<'_>) -> String {
    concat(&["expected ", what, ", found ", found.type_name()])
}

/// The error of a value of the wrong JSON type at `path`, [`expected`]'s message: one call
/// where the message and the error were two, at the loader's half-dozen places.
#[inline(never)]
fn wrong(cx: &mut Cx, path: String, what: &str, found: &Node<'_>) {
    cx.error(path, expected(what, found));
}

/// `s` as a `String`, out of line: `to_string` wrote its allocation and copy in place at each
/// of the loader's two dozen records' fields (docs/decisions.md 145), and at a drafted
/// verdict's as the public types (152).
#[inline(never)]
pub(crate) fn own(s: &str) -> String {
    s.to_string()
}

/// `key[i]`, the path of a collection's element, written by hand: `format!` here was 5% of
/// load's instructions.
#[inline(never)]
pub(crate) fn element_path(key: &str, i: usize) -> String {
    let mut out = String::with_capacity(key.len() + 12);
    out.push_str(key);
    out.push('[');
    let mut unit = 1;
    while i / unit >= 10 {
        unit *= 10;
    }
    while unit > 0 {
        out.push(char::from(b'0' + (i / unit % 10) as u8));
        unit /= 10;
    }
    out.push(']');
    out
}

/// `path.key`, the path of an object's field (`key` alone at the root, whose path is empty).
/// Out of line, one copy for the loader and the live batch's operations (`live::ops`).
#[inline(never)]
pub(crate) fn child(path: &str, key: &str) -> String {
    concat(&[path, if path.is_empty() { "" } else { "." }, key])
}

/// The path `at`, or `at[i]` when `index` is `Some(i)`: where an object being read is (see
/// [`Obj::own_path`]).
#[inline(never)]
fn place(at: &str, index: Option<usize>) -> String {
    match index {
        Some(i) => element_path(at, i),
        None => own(at),
    }
}

/// An object being read, with the fields it may have.
struct Obj<'a> {
    fields: &'a [(std::borrow::Cow<'a, str>, Node<'a>)],
    /// Where the object is: `at`, or `at[i]` for element `i` of the array at `at` (its path
    /// written only when a problem names it: an element's was a `String` made per record).
    at: &'a str,
    index: Option<usize>,
    /// For a document's root read from text: its collections still as text.
    lazy: Option<&'a Lazy<'a>>,
    /// For a document's root: the parsed value it was read from.
    value: Option<&'a Value>,
}

/// A parsed document: its root, and when it was read from text, the big collections left as
/// text (see [`json::parse_lazy`]): each element is parsed when the loader reaches it and dropped
/// after, so loading never holds the tree of a whole document. Peak memory is then the text and
/// the model, instead of also a tree several times the size of the text.
///
/// The text is read in one pass where it can be: the collections are only skimmed for where
/// each element ends, and each element is checked as it is read. When an element is not valid
/// JSON, the documents are read again the careful way, each checked whole before it is read, so
/// that the problem reported is the first in the text, exactly as a whole-text parse names it
/// ([`read_texts`]).
struct Doc<'t> {
    value: Value,
    lazy: Option<Lazy<'t>>,
}

struct Lazy<'t> {
    doc: json::LazyDocument<'t>,
    /// Keys repeated inside lazily parsed elements, with their byte offsets.
    found: std::cell::RefCell<Vec<(usize, json::DuplicateKey)>>,
    /// Per lazy array, how many of its first elements have been read (and so checked).
    read: std::cell::RefCell<Vec<usize>>,
    /// A skimmed element was not valid JSON: nothing read from this document counts.
    broken: std::cell::Cell<bool>,
}

impl Lazy<'_> {
    /// Element `i` of lazy array `a`; `Node::Null` once the document is found broken.
    fn element<'a>(&'a self, a: usize, i: usize, scratch: &mut json::Scratch<'a>) -> Node<'a> {
        let Some((key, spans)) = self.doc.arrays.get(a) else { return Node::Null };
        if self.broken.get() {
            return Node::Null;
        }
        let Some((node, duplicates)) = spans.get(i).and_then(|&span| json::parse_node_element(&self.doc, key, i, span, scratch)) else {
            self.broken.set(true);
            return Node::Null;
        };
        if !duplicates.is_empty() {
            self.found.borrow_mut().extend(duplicates);
        }
        if let Some(read) = self.read.borrow_mut().get_mut(a) {
            if *read == i {
                *read = i + 1;
            }
        }
        node
    }

    /// Whether every element is valid JSON: those the loader did not read are checked now, so
    /// that this never depends on what the loader reads.
    fn sound(&self) -> bool {
        if !self.doc.skimmed {
            return true;
        }
        let mut scratch = json::Scratch::default();
        for a in 0..self.doc.arrays.len() {
            let (from, to) = (self.read.borrow().get(a).copied().unwrap_or(0), self.doc.arrays[a].1.len());
            for i in from..to {
                self.element(a, i, &mut scratch);
            }
        }
        !self.broken.get()
    }
}

/// The collections read element by element: every one the loader iterates.
pub(crate) const LAZY_KEYS: &[&str] = &["credentialTypes", "jurisdictionGroups", "credentials", "waivers", "trainings", "sessions", "events", "locations", "teams", "roles", "queues", "employees", "shifts"];

/// A top-level collection: a slice of a parsed tree, or elements parsed one at a time.
enum Items<'a> {
    Eager(&'a [Node<'a>]),
    /// `scratch`: the element reader's working room, kept from one element to the next.
    Lazy { lazy: &'a Lazy<'a>, array: usize, len: usize, scratch: std::cell::RefCell<json::Scratch<'a>> },
}

impl<'a> Items<'a> {
    fn len(&self) -> usize {
        match self {
            Items::Eager(items) => items.len(),
            Items::Lazy { len, .. } => *len,
        }
    }

    fn get(&self, i: usize) -> std::borrow::Cow<'a, Node<'a>> {
        match self {
            Items::Eager(items) => std::borrow::Cow::Borrowed(&items[i]),
            Items::Lazy { lazy, array, scratch, .. } => std::borrow::Cow::Owned(lazy.element(*array, i, &mut scratch.borrow_mut())),
        }
    }

    fn iter(&self) -> impl Iterator<Item = std::borrow::Cow<'a, Node<'a>>> + '_ {
        (0..self.len()).map(move |i| self.get(i))
    }
}

impl<'a> Obj<'a> {
    /// The object `value` at `at` (element `index` of the array there, when given).
    fn new(cx: &mut Cx, value: &'a Node<'a>, at: &'a str, index: Option<usize>, known: &[&str]) -> Option<Obj<'a>> {
        let Node::Object(fields) = value else {
            wrong(cx, place(at, index), "an object", value);
            return None;
        };
        for (key, _) in fields {
            if known.contains(&&**key) {
                continue;
            }
            if let Some(near) = near_miss(key, known.iter().copied()) {
                cx.warn(child(&place(at, index), key), fill("unknown field %; did you mean %? It is kept but ignored", &[&quoted(key), &quoted(near)]));
            }
        }
        Some(Obj { fields, at, index, lazy: None, value: None })
    }

    /// The object's own path.
    fn own_path(&self) -> String {
        place(self.at, self.index)
    }

    fn path(&self, key: &str) -> String {
        child(&self.own_path(), key)
    }

    /// An error at field `key`: one call where `cx.error(obj.path(key), ...)` was two, at the
    /// loader's thirty-odd places (docs/decisions.md 145).
    #[inline(never)]
    fn error(&self, cx: &mut Cx, key: &str, message: String) {
        cx.error(self.path(key), message);
    }

    /// An error of a fixed message at field `key`: one call where `own` of the message was a
    /// second, at a dozen places.
    #[inline(never)]
    fn fail(&self, cx: &mut Cx, key: &str, message: &str) {
        self.error(cx, key, own(message));
    }

    /// A warning at field `key` (see [`Obj::error`]).
    #[inline(never)]
    fn warn(&self, cx: &mut Cx, key: &str, message: String) {
        cx.warn(self.path(key), message);
    }

    /// Whether the object has `a` rather than `b` when it has exactly one of them (absent and
    /// `null` alike); `None`, with the error `both` or `neither` at the object's own path,
    /// when it has both or neither. One copy for a currency rule's `min`/`minHours`, a limit's
    /// `appliesTo` and its `window`.
    #[inline(never)]
    fn one_of(&self, cx: &mut Cx, a: &str, b: &str, both: &str, neither: &str) -> Option<bool> {
        let message = match (self.get(a).is_some(), self.get(b).is_some()) {
            (true, true) => both,
            (false, false) => neither,
            (has_a, _) => return Some(has_a),
        };
        cx.error(self.own_path(), own(message));
        None
    }

    /// `path.key[i]`, the path of an item of the array `key`.
    #[inline(never)]
    fn item_path(&self, key: &str, i: usize) -> String {
        element_path(&self.path(key), i)
    }

    /// The path of field `key`, or of its item `item` when given: written where a problem is
    /// told, so that a value read without one makes no path.
    #[inline(never)]
    fn at(&self, key: &str, item: Option<usize>) -> String {
        match item {
            Some(j) => self.item_path(key, j),
            None => self.path(key),
        }
    }

    /// [`wrong`] at field `key` (or its item `item`): one call where the path and the error
    /// were two.
    #[inline(never)]
    fn wrong_at(&self, cx: &mut Cx, key: &str, item: Option<usize>, what: &str, found: &Node<'_>) {
        wrong(cx, self.at(key, item), what, found);
    }

    /// The value of `key`; `None` when absent or `null`.
    fn get(&self, key: &str) -> Option<&'a Node<'a>> {
        match self.fields.iter().find(|(k, _)| k == key) {
            Some((_, Node::Null)) | None => None,
            Some((_, v)) => Some(v),
        }
    }

    fn has_key(&self, key: &str) -> bool {
        self.fields.iter().any(|(k, _)| k == key)
    }

    fn str_value(&self, cx: &mut Cx, key: &str, v: &'a Node<'a>) -> Option<&'a str> {
        match v {
            Node::String(s) => Some(s),
            other => {
                self.wrong_at(cx, key, None, "a string", other);
                None
            }
        }
    }

    fn opt_str(&self, cx: &mut Cx, key: &str) -> Option<&'a str> {
        let v = self.get(key)?;
        self.str_value(cx, key, v)
    }

    /// Reports a missing required field, pointing at a misspelt one when there is one.
    fn missing(&self, cx: &mut Cx, key: &str, message: &str) {
        let near = self.fields.iter().map(|(k, _)| &**k).find(|k| *k != key && near_miss(k, std::iter::once(key)).is_some());
        match near {
            Some(k) => self.error(cx, key, fill("% (this record has %: did you mean %?)", &[message, &quoted(k), &quoted(key)])),
            None => self.fail(cx, key, message),
        }
    }

    /// The value of a required field; `None`, reported as missing, when absent or `null`.
    #[inline(never)]
    fn required(&self, cx: &mut Cx, key: &str) -> Option<&'a Node<'a>> {
        let v = self.get(key);
        if v.is_none() {
            self.missing(cx, key, "is required");
        }
        v
    }

    fn req_str(&self, cx: &mut Cx, key: &str) -> Option<&'a str> {
        let v = self.required(cx, key)?;
        self.str_value(cx, key, v)
    }

    /// A required, non-empty id.
    fn req_id(&self, cx: &mut Cx, key: &str) -> Option<&'a str> {
        let s = self.req_str(cx, key)?;
        if s.is_empty() {
            self.fail(cx, key, "must not be empty");
            return None;
        }
        Some(s)
    }

    fn opt_bool(&self, cx: &mut Cx, key: &str) -> Option<bool> {
        match self.get(key)? {
            Node::Bool(b) => Some(*b),
            other => {
                self.wrong_at(cx, key, None, "true or false", other);
                None
            }
        }
    }

    fn opt_count(&self, cx: &mut Cx, key: &str) -> Option<u32> {
        let v = self.get(key)?;
        count(cx, self, key, None, v)
    }

    fn opt_array(&self, cx: &mut Cx, key: &str) -> Option<&'a [Node<'a>]> {
        match self.get(key)? {
            Node::Array(items) => Some(items),
            other => {
                self.wrong_at(cx, key, None, "an array", other);
                None
            }
        }
    }

    /// An optional array of strings; items of the wrong type are errors and left out.
    fn opt_str_list(&self, cx: &mut Cx, key: &str) -> Option<Vec<(usize, &'a str)>> {
        let items = self.opt_array(cx, key)?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item {
                Node::String(s) => out.push((i, &**s)),
                other => self.wrong_at(cx, key, Some(i), "a string", other),
            }
        }
        Some(out)
    }

    fn req_instant(&self, cx: &mut Cx, key: &str) -> Option<Instant> {
        let s = self.req_str(cx, key)?;
        match parse_instant(s) {
            Ok(i) => Some(i),
            Err(e) => {
                self.error(cx, key, e.0);
                None
            }
        }
    }

    fn bound(&self, cx: &mut Cx, key: &str, kind: BoundKind, s: &str) -> Option<Bound> {
        match parse_bound(s, kind) {
            Ok(b) => Some(b),
            Err(e) => {
                self.error(cx, key, e.0);
                None
            }
        }
    }
}

/// A whole number of at least 0 (at most [`MAX_COUNT`]), `v`, at `obj`'s `key` (its item `item`).
fn count(cx: &mut Cx, obj: &Obj<'_>, key: &str, item: Option<usize>, v: &Node<'_>) -> Option<u32> {
    number(cx, obj, key, item, v, true, MAX_COUNT).map(|n| n as u32)
}

/// A number of at least 0, `v`, at `obj`'s `key` (its item `item`: [`Obj::at`]), whole when
/// `whole`, at most `max` (a whole number): one copy of the checks and messages for [`count`]
/// and `rules.minRestHours`.
#[inline(never)]
fn number(cx: &mut Cx, obj: &Obj<'_>, key: &str, item: Option<usize>, v: &Node<'_>, whole: bool, max: f64) -> Option<f64> {
    let what = if whole { "a whole number" } else { "a number" };
    let message = match v {
        Node::Number(raw) => {
            // A number's text is kept exactly (export writes it back as it came), so a document
            // may hold a number 10 MB long; its message shows at most 80 characters all the same
            // (tests/it/regression.rs, `a_ten_megabyte_number_makes_a_short_message`).
            let n = crate::host::parse_f64(raw).unwrap_or(f64::NAN);
            let bad = !n.is_finite() || n < 0.0 || whole && n.fract() != 0.0;
            if !bad && n <= max {
                return Some(n);
            }
            // The number clipped as a quoted text is (`say` clips its arguments; `what` and the
            // maximum are shorter than the clip).
            let mut message = String::new();
            if bad {
                crate::human::say(&mut message, "expected % of at least 0, found %", &[what, raw]);
            } else {
                crate::human::say(&mut message, "% is too large (at most %)", &[raw, &decimal(max as usize)]);
            }
            message
        }
        other => expected(what, other),
    };
    cx.error(obj.at(key, item), message);
    None
}

/// The known name that `key` is probably a misspelling of: the same but for case, `-` or `_`,
/// or a small edit away.
pub(crate) fn near_miss<'k>(key: &str, mut known: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    near_miss_in(key, &mut |()| known.next())
}

/// [`near_miss`], compiled once: its callers' iterators are many (docs/decisions.md, the
/// WebAssembly's size: code written smaller). The names come from a `CallMut` giving the next
/// one: a `dyn Iterator`'s table held `size_hint`, `advance_by` and `nth` of each iterator too.
#[inline(never)]
fn near_miss_in<'k>(key: &str, known: &mut dyn crate::call::CallMut<(), Option<&'k str>>) -> Option<&'k str> {
    let norm = |s: &str| {
        let mut out = String::with_capacity(s.len());
        for c in s.chars().filter(|c| *c != '-' && *c != '_') {
            crate::host::push_lowercase(&mut out, c);
        }
        out
    };
    let nk = norm(key);
    let mut best: Option<(usize, &str)> = None;
    while let Some(k) = known.call_mut(()) {
        let nn = norm(k);
        let d = if nn == nk { 0 } else { edit_distance(&nk, &nn, 3) };
        let allowed = match crate::text::char_count(&nn) {
            0..=3 => 0,
            4..=6 => 1,
            _ => 2,
        };
        if d <= allowed && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

/// Levenshtein distance, giving up (returning `limit`) once it must exceed `limit - 1`. The
/// characters are read from the texts as the rows are filled, not collected first (a `Vec` of
/// `char`s was an instantiation of its own in the .wasm), and the rows, of at most 65 cells,
/// are on the stack (two `Vec`s were two allocations and a `collect` of a range).
fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let (a_len, b_len) = (crate::text::char_count(a), crate::text::char_count(b));
    if a_len.abs_diff(b_len) >= limit || a_len > 64 || b_len > 64 {
        return limit;
    }
    let mut rows = [[0usize; 65]; 2];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    let [prev, cur] = &mut rows;
    let (mut prev, mut cur) = (prev, cur);
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.chars().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j + 1] + 1).min(cur[j] + 1).min(prev[j] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b_len].min(limit)
}

/// Reads a top-level collection: absent or `null` is empty.
fn collection<'a>(cx: &mut Cx, root: Option<&Obj<'a>>, key: &str) -> Items<'a> {
    let Some(root) = root else { return Items::Eager(&[]) };
    if let Some(lazy) = root.lazy {
        if let Some(array) = lazy.doc.arrays.iter().position(|(k, _)| k == key) {
            return Items::Lazy { lazy, array, len: lazy.doc.arrays[array].1.len(), scratch: Default::default() };
        }
    }
    Items::Eager(root.opt_array(cx, key).unwrap_or(&[]))
}

/// Assigns dense ids, reporting duplicates: `id` is the `field` (`id`, `code`) of the `what`
/// at `key[index]`. Returns the index the record will have, or `None` when the id is a
/// duplicate. One copy for the collections, the limits, the credential types and the
/// jurisdiction groups.
fn unique(cx: &mut Cx, ids: &mut Ids, first_at: &mut Vec<u32>, id: &str, (key, index): (&str, usize), field: &str, what: &str) -> Option<u32> {
    match ids.insert(id) {
        Ok(idx) => {
            // The first occurrence's place by its index, its path rebuilt when needed rather
            // than kept as a string per record.
            first_at.push(index as u32);
            Some(idx)
        }
        Err(first) => {
            let at = first_at.get(first as usize).map(|&i| element_path(key, i as usize)).unwrap_or_default();
            duplicate(cx, &element_path(key, index), field, what, id, &at);
            None
        }
    }
}

/// The error of a repeated `field` (`id`, `code`) of a `what` at `path` (an element's), first
/// at `at`.
#[inline(never)]
fn duplicate(cx: &mut Cx, path: &str, field: &str, what: &str, id: &str, at: &str) {
    cx.error(child(path, field), fill("duplicate % % % (first at %)", &[what, field, &quoted(id), at]));
}

fn intern_jur(model: &mut Model, code: &str) -> JurIdx {
    match model.jur_by_code.insert(code) {
        Ok(j) => {
            model.jurisdictions.push(own(code));
            j
        }
        Err(j) => j,
    }
}

fn code_lookup(model: &Model) -> impl Fn(&str) -> Result<u32, String> + '_ {
    move |code: &str| lookup_code(model, code)
}

/// The index of the credential type `code`, or the message of an unknown code: out of line,
/// one copy for requirements, `satisfies` and a limit's `appliesTo`.
#[inline(never)]
fn lookup_code(model: &Model, code: &str) -> Result<u32, String> {
    if let Some(c) = model.type_by_code.find(code) {
        return Ok(c);
    }
    let near = if model.types.len() <= 10_000 { near_miss(code, model.types.iter().map(|t| t.code.as_str())) } else { None };
    Err(match near {
        Some(_) => quote_in("unknown credential code ", code, &did_you_mean(near)),
        None => quote_in("unknown credential code ", code, ": no credential type has it"),
    })
}

/// Parses an optional requirement under `key` into the arena.
fn requirement(cx: &mut Cx, model: &mut Model, obj: &Obj<'_>, key: &str) -> Option<ReqIdx> {
    let v = obj.get(key)?;
    let parsed = requirement::parse_node(v, &code_lookup(model));
    match parsed {
        Ok(r) => Some(push_req(model, r)),
        Err(errors) => {
            let base = obj.path(key);
            for e in errors {
                cx.error(concat(&[&base, &e.suffix]), e.message);
            }
            None
        }
    }
}

fn push_req(model: &mut Model, r: Req) -> ReqIdx {
    model.reqs.push(r);
    (model.reqs.len() - 1) as ReqIdx
}

const CREDENTIALS_TOP: &[&str] = &["credentialTypes", "jurisdictionGroups", "credentials", "waivers", "trainings", "sessions", "events"];
const ROSTER_TOP: &[&str] = &["locations", "teams", "roles", "queues", "employees", "shifts", "rules", "overrides", "changeLog"];
const TYPE_FIELDS: &[&str] = &["code", "name", "graceDays", "alertDays", "jurisdictional", "satisfies", "currency"];
const CURRENCY_FIELDS: &[&str] = &["event", "min", "minHours", "withinDays"];
const EVENT_FIELDS: &[&str] = &["id", "employeeId", "kind", "at", "count", "hours"];
const GROUP_FIELDS: &[&str] = &["code", "name", "members"];
const CREDENTIAL_FIELDS: &[&str] = &["id", "employeeId", "code", "validFrom", "validUntil", "status", "validIn", "restrictions", "issuer", "identifier"];
const WAIVER_FIELDS: &[&str] = &["id", "employeeId", "code", "validFrom", "validUntil", "locationIds", "approvedBy", "reason"];
const TRAINING_FIELDS: &[&str] = &["id", "employeeId", "code", "start", "end", "status", "sessionId"];
const SESSION_FIELDS: &[&str] = &["id", "renews", "start", "end", "locationId", "seats", "cost", "status"];
const LOCATION_FIELDS: &[&str] = &["id", "name", "jurisdiction", "requires"];
const TEAM_FIELDS: &[&str] = &["id", "name"];
const ROLE_FIELDS: &[&str] = &["id", "name", "requires"];
const EMPLOYEE_FIELDS: &[&str] = &["id", "name", "teamId", "locationId", "roleIds"];
const SHIFT_FIELDS: &[&str] = &["id", "start", "end", "locationId", "teamId", "roleId", "queueIds", "requires", "assigned", "crew"];
const CREW_FIELDS: &[&str] = &["requires", "min"];
const RULES_FIELDS: &[&str] = &["minRestHours", "overlap", "limits", "severities"];
const LIMIT_FIELDS: &[&str] = &["id", "appliesTo", "measure", "max", "window", "severity"];
const APPLIES_FIELDS: &[&str] = &["code", "roleId"];
const WINDOW_FIELDS: &[&str] = &["rollingHours", "calendar", "weekStart"];

/// Parses a document, its collections skimmed or checked ([`json::parse_lazy`]).
fn parse_document<'t>(cx: &mut Cx, name: &str, text: &'t str, skim: bool) -> Option<Doc<'t>> {
    if text.len() > MAX_DOCUMENT_BYTES {
        // MAX_DOCUMENT_BYTES written in (a test compares).
        cx.error(own(name), fill("the document is % bytes; the most accepted is 268435456", &[&decimal(text.len())]));
        return None;
    }
    match json::parse_lazy(text, LAZY_KEYS, skim) {
        Err(e) => {
            // One message for both (json::MAX_DEPTH written in: a test compares).
            let (before, after) = if e.too_deep { ("", "; credgate reads at most 128 levels") } else { ("malformed JSON ", "") };
            cx.error(own(name), fill("%at line %, column %: %%", &[before, &decimal(e.line), &decimal(e.column), &e.message, after]));
            None
        }
        Ok(mut parsed) => {
            // Repeated keys are reported when the whole document has been read (`build`), first
            // among its problems and in document order, as if the text had been parsed at once.
            let value = std::mem::replace(&mut parsed.value, Value::Null);
            let read = std::cell::RefCell::new(vec![0; parsed.arrays.len()]);
            Some(Doc { value, lazy: Some(Lazy { doc: parsed, found: Default::default(), read, broken: Default::default() }) })
        }
    }
}

/// Puts the keys repeated anywhere in a document first among its errors, in document order.
fn report_duplicates(cx: &mut Cx, doc: Option<&Doc<'_>>) {
    let Some(lazy) = doc.and_then(|d| d.lazy.as_ref()) else { return };
    let (roots, found) = (&lazy.doc.duplicates, lazy.found.borrow());
    // Each repeated key as (its byte offset, its place in `roots` then `found`), put in order by
    // the crate's sort of such pairs (the one `runs` uses): a sort of the keys themselves was an
    // instantiation for this one list.
    let mut order: Vec<(u64, u32)> = Vec::with_capacity(roots.len() + found.len());
    for (at, _) in roots.iter().chain(found.iter()) {
        order.push((*at as u64, order.len() as u32));
    }
    if order.is_empty() {
        return;
    }
    // By place, stably (each item's second field is its position): the loader's one sort of
    // `(u64, u32)` items.
    crate::sort::sort_by_u64(&mut order, |&(at, _)| at);
    // A collection read twice (the credential types: codes first, then the rest) finds its
    // repeated keys twice.
    order.dedup_by_key(|(at, _)| *at);
    let later = std::mem::take(&mut cx.errors);
    for (_, place) in order {
        let place = place as usize;
        let Some((_, d)) = roots.get(place).or_else(|| found.get(place - roots.len())) else { continue };
        cx.error(
            child(&d.object_path, &d.key),
            fill("the key % appears more than once in this object (again at line %); which one is meant cannot be known", &[&quoted(&d.key), &decimal(d.line)]),
        );
    }
    cx.errors.extend(later);
}

/// Loads both documents from JSON text.
pub(crate) fn load(roster_text: &str, credentials_text: &str) -> Result<Loaded, Error> {
    let (model, overrides, warnings) = read_texts(roster_text, credentials_text)?;
    Ok(Loaded { model, sources: Sources { roster: own(roster_text), credentials: own(credentials_text) }, overrides, warnings })
}

/// Loads both documents from JSON text, keeping the given strings as the sources.
pub(crate) fn load_owned(roster_text: String, credentials_text: String) -> Result<Loaded, Error> {
    let (model, overrides, warnings) = read_texts(&roster_text, &credentials_text)?;
    Ok(Loaded { model, sources: Sources { roster: roster_text, credentials: credentials_text }, overrides, warnings })
}

/// Loads both documents from already parsed values.
pub(crate) fn load_values(roster: Value, credentials: Value) -> Result<Loaded, Error> {
    let rcx = Cx { doc: Document::Roster, errors: vec![], warnings: vec![] };
    let ccx = Cx { doc: Document::Credentials, errors: vec![], warnings: vec![] };
    let sources = Sources { roster: roster.to_json(), credentials: credentials.to_json() };
    let (roster, credentials) = (Some(Doc { value: roster, lazy: None }), Some(Doc { value: credentials, lazy: None }));
    let (mut model, overrides, warnings) = read(rcx, ccx, roster.as_ref(), credentials.as_ref())?;
    drop((roster, credentials));
    build_indexes(&mut model);
    Ok(Loaded { model, sources, overrides, warnings })
}

/// Reads both documents from JSON text: the model, the override log and the warnings, or every
/// problem. The collections are skimmed first and each element checked as it is read; when an
/// element turns out not to be valid JSON, both documents are read again with each checked whole
/// first, so that the problems are exactly those of a careful read (the first problem in the text
/// of each document, with its line and column).
fn read_texts(roster_text: &str, credentials_text: &str) -> Result<(Model, Vec<Value>, Vec<Problem>), Error> {
    read_texts_from(roster_text, credentials_text, true)
}

/// [`read_texts`], starting with the careful read unless `skim` (the tests compare the two).
///
/// A skimmed read that needs the careful one calls this again without `skim`, once, having
/// dropped all it read (where a loop around the two reads was merged by wasm-opt, as this
/// function's one caller, into `Engine::load_owned`: the .wasm was larger gzipped).
fn read_texts_from(roster_text: &str, credentials_text: &str, skim: bool) -> Result<(Model, Vec<Value>, Vec<Problem>), Error> {
    let mut rcx = Cx { doc: Document::Roster, errors: vec![], warnings: vec![] };
    let mut ccx = Cx { doc: Document::Credentials, errors: vec![], warnings: vec![] };
    let roster = parse_document(&mut rcx, "roster", roster_text, skim);
    let credentials = parse_document(&mut ccx, "credentials", credentials_text, skim);
    // A skimmed document's parse error only says that it needs the careful read.
    if skim && !(rcx.errors.is_empty() && ccx.errors.is_empty()) {
        drop((rcx, ccx, roster, credentials));
        return read_texts_from(roster_text, credentials_text, false);
    }
    let read = read(rcx, ccx, roster.as_ref(), credentials.as_ref());
    let sound = |doc: &Option<Doc<'_>>| doc.as_ref().and_then(|d| d.lazy.as_ref()).is_none_or(Lazy::sound);
    if skim && !(sound(&roster) && sound(&credentials)) {
        drop((read, roster, credentials));
        return read_texts_from(roster_text, credentials_text, false);
    }
    // The parsed roots are dropped here, before the indexes are built; `export` reparses
    // the text.
    drop((roster, credentials));
    let (mut model, overrides, warnings) = read?;
    build_indexes(&mut model);
    Ok((model, overrides, warnings))
}

fn root<'a>(cx: &mut Cx, doc: Option<&'a Doc<'a>>, node: Option<&'a Node<'a>>, name: &str, known: &[&str]) -> Option<Obj<'a>> {
    let doc = doc?;
    let value = node?;
    let Node::Object(_) = value else {
        wrong(cx, own(name), "a JSON object", value);
        return None;
    };
    let mut obj = Obj::new(cx, value, "", None, known)?;
    obj.lazy = doc.lazy.as_ref();
    obj.value = Some(&doc.value);
    Some(obj)
}

/// Reads both documents into the model, without its indexes ([`build_indexes`]): the model,
/// the override log and the warnings, or every problem.
fn read(mut rcx: Cx, mut ccx: Cx, roster: Option<&Doc<'_>>, credentials: Option<&Doc<'_>>) -> Result<(Model, Vec<Value>, Vec<Problem>), Error> {
    let mut model = Model::default();
    // The roots as nodes (the lazy collections in them are empty placeholders).
    let cnode = credentials.map(|d| Node::of(&d.value));
    let rnode = roster.map(|d| Node::of(&d.value));
    let croot = root(&mut ccx, credentials, cnode.as_ref(), "credentials", CREDENTIALS_TOP);
    let rroot = root(&mut rcx, roster, rnode.as_ref(), "roster", ROSTER_TOP);

    read_types(&mut ccx, &mut model, croot.as_ref());
    read_groups(&mut ccx, &mut model, croot.as_ref());
    let overrides = read_roster(&mut rcx, &mut model, rroot.as_ref());
    // Sessions before trainings: a training names its session.
    for list in [List::Credentials, List::Waivers, List::Sessions, List::Trainings, List::Events] {
        read_elements(&mut ccx, &mut model, croot.as_ref(), list);
    }
    drop((cnode, rnode));
    report_duplicates(&mut rcx, roster);
    report_duplicates(&mut ccx, credentials);

    let mut errors = rcx.errors;
    errors.append(&mut ccx.errors);
    if !errors.is_empty() || roster.is_none() || credentials.is_none() {
        return Err(Error::load(errors));
    }
    let mut warnings = rcx.warnings;
    warnings.append(&mut ccx.warnings);
    Ok((model, overrides, warnings))
}

#[inline(never)]
fn read_types(cx: &mut Cx, model: &mut Model, root: Option<&Obj<'_>>) {
    let items = collection(cx, root, "credentialTypes");
    // First pass: the codes, so that `satisfies` may name a type defined later.
    let mut first_at = Vec::new();
    let mut slots: Vec<Option<u32>> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let slot = match item.get("code") {
            Some(Node::String(c)) if !c.is_empty() => {
                let slot = unique(cx, &mut model.type_by_code, &mut first_at, c, ("credentialTypes", i), "code", "credential type");
                if slot.is_some() {
                    // The rest of it is read by the second pass (every type with a code is an
                    // object, so it reaches there).
                    model.types.push(CredType { code: own(c), name: None, grace_days: 0, alert_days: Vec::new(), jurisdictional: false, satisfies: Vec::new(), currency: None });
                }
                slot
            }
            _ => None,
        };
        slots.push(slot);
    }
    for (i, item) in items.iter().enumerate() {
        let Some(obj) = Obj::new(cx, &item, "credentialTypes", Some(i), TYPE_FIELDS) else { continue };
        let _ = obj.req_id(cx, "code");
        let name = obj.opt_str(cx, "name").map(own);
        let grace = obj.opt_count(cx, "graceDays");
        let alert = obj.opt_array(cx, "alertDays").map(|items| {
            // A loop of pushes: `filter_map` and `collect` kept an iterator's code of their own.
            let mut days = Vec::new();
            for (j, v) in items.iter().enumerate() {
                days.extend(count(cx, &obj, "alertDays", Some(j), v));
            }
            sort_dedup(&mut days);
            days
        });
        let jurisdictional = obj.opt_bool(cx, "jurisdictional");
        let currency = obj.get("currency").and_then(|v| read_currency(cx, model, v, obj.path("currency")));
        // The type's own code is left out as the list is read (a `retain` after wrote a loop of
        // its own).
        let slot = slots.get(i).copied().flatten();
        let mut satisfies = Vec::new();
        if let Some(list) = obj.opt_str_list(cx, "satisfies") {
            for (j, code) in list {
                match lookup_code(model, code) {
                    Ok(c) if Some(c) == slot => {}
                    Ok(c) => satisfies.push(c),
                    Err(m) => cx.error(obj.item_path("satisfies", j), m),
                }
            }
        }
        if let Some(t) = slot.and_then(|idx| model.types.get_mut(idx as usize)) {
            sort_dedup(&mut satisfies);
            let code = std::mem::take(&mut t.code);
            let (grace_days, jurisdictional) = (grace.unwrap_or(0), jurisdictional.unwrap_or(false));
            *t = CredType { code, name, grace_days, alert_days: alert.unwrap_or_else(|| vec![30, 60, 90]), jurisdictional, satisfies, currency };
        }
    }
}

/// The credentials document's `jurisdictionGroups`. Out of line, as [`read_roster`] is: inlined
/// into [`read`], their one caller, they made the .wasm 157 B larger gzipped.
#[inline(never)]
fn read_groups(cx: &mut Cx, model: &mut Model, root: Option<&Obj<'_>>) {
    let items = collection(cx, root, "jurisdictionGroups");
    let mut seen = Ids::default();
    let mut first_at = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(obj) = Obj::new(cx, &item, "jurisdictionGroups", Some(i), GROUP_FIELDS) else { continue };
        let code = obj.req_id(cx, "code");
        let members = obj.opt_str_list(cx, "members").unwrap_or_default();
        let Some(code) = code else { continue };
        if unique(cx, &mut seen, &mut first_at, code, ("jurisdictionGroups", i), "code", "jurisdiction group").is_none() {
            continue;
        }
        intern_jur(model, code);
        let members = members.into_iter().map(|(_, m)| intern_jur(model, m)).collect();
        model.groups.push(JurGroup { code: own(code), members });
    }
}

/// The roster's collections, rules and logs (out of line: see [`read_groups`]).
#[inline(never)]
fn read_roster(cx: &mut Cx, model: &mut Model, root: Option<&Obj<'_>>) -> Vec<Value> {
    for list in [List::Locations, List::Teams, List::Roles, List::Queues, List::Employees, List::Shifts] {
        read_elements(cx, model, root, list);
    }

    // Rules.
    if let Some(v) = root.and_then(|r| r.get("rules")) {
        if let Some(obj) = Obj::new(cx, v, "rules", None, RULES_FIELDS) {
            if let Some(h) = obj.get("minRestHours").and_then(|v| number(cx, &obj, "minRestHours", None, v, false, MAX_REST_HOURS)) {
                model.rules.min_rest_hours = Some(h);
                model.rules.min_rest_ms = Some((h * 3_600_000.0).round() as i64);
            }
            if block_or(cx, obj.get("overlap"), obj.path("overlap"), "allow", "a string") == Some(true) {
                model.rules.allow_overlap = true;
            }
            if let Some(items) = obj.opt_array(cx, "limits") {
                model.rules.limits = read_limits(cx, model, items);
            }
            if let Some(v) = obj.get("severities") {
                model.rules.softened = read_severities(cx, v, obj.path("severities"));
            }
        }
    }

    // The logs written by earlier sessions: the change log (SPEC §6) and the override log
    // before it, kept as written.
    let overrides = read_log(cx, root, "overrides");
    model.change_log = read_log(cx, root, "changeLog");
    overrides
}

/// `rules.severities` (SPEC §8): `{KIND: "block" | "warn"}` for the kinds a roster may soften;
/// any other key is an error (with a "did you mean"), as is any other value. Returns the
/// softened kinds' bits (see `Rules::softened`).
fn read_severities(cx: &mut Cx, v: &Node<'_>, path: String) -> u32 {
    let Node::Object(fields) = v else {
        wrong(cx, path, "an object", v);
        return 0;
    };
    let mut softened = 0;
    for (key, value) in fields {
        let at = child(&path, key);
        let Some(kind) = ReasonKind::from_name(key).filter(|k| k.softenable()) else {
            // The names, listed once for both the near miss and the list.
            let softenable: Vec<&'static str> = ReasonKind::ALL.iter().filter(|k| k.softenable()).map(|k| k.as_str()).collect();
            let hint = match near_miss(key, softenable.iter().copied()) {
                Some(near) => quote_in("did you mean ", near, "?"),
                None => concat(&["expected one of ", &crate::names::alternatives(&softenable)]),
            };
            cx.error(at, fill("% is not a kind whose severity can be set; %", &[&quoted(key), &hint]));
            continue;
        };
        if block_or(cx, Some(value), at, "warn", "\"block\" or \"warn\"") == Some(true) {
            softened |= 1 << kind as u32;
        }
    }
    softened
}

/// `"block"` (`Some(false)`, also when absent or `null`) or `other` (`Some(true)`) at `path`,
/// else an error (`None`), `not_string` naming what was expected of a value that is not a
/// string: one copy for `rules.overlap`, `rules.severities` and a limit's `severity`.
#[inline(never)]
fn block_or(cx: &mut Cx, v: Option<&Node<'_>>, path: String, other: &str, not_string: &str) -> Option<bool> {
    let message = match v {
        None | Some(Node::Null) => return Some(false),
        Some(Node::String(s)) if s == "block" => return Some(false),
        Some(Node::String(s)) if s == other => return Some(true),
        Some(Node::String(s)) => fill("expected \"block\" or \"%\", found %", &[other, &quoted(s)]),
        Some(v) => expected(not_string, v),
    };
    cx.error(path, message);
    None
}

/// A collection the loader reads element by element ([`read_elements`]): its key, what its
/// elements are called in messages, and their known fields, by [`List`].
const LISTS: [(&str, &str, &[&str]); 11] = [
    ("locations", "location", LOCATION_FIELDS),
    ("teams", "team", TEAM_FIELDS),
    ("roles", "role", ROLE_FIELDS),
    ("queues", "queue", ROLE_FIELDS),
    ("employees", "employee", EMPLOYEE_FIELDS),
    ("shifts", "shift", SHIFT_FIELDS),
    ("credentials", "credential", CREDENTIAL_FIELDS),
    ("waivers", "waiver", WAIVER_FIELDS),
    ("sessions", "session", SESSION_FIELDS),
    ("trainings", "training", TRAINING_FIELDS),
    ("events", "event", EVENT_FIELDS),
];

/// The collections of [`LISTS`], in its order: the roster's, then the credentials document's.
#[derive(Clone, Copy)]
enum List {
    Locations,
    Teams,
    Roles,
    Queues,
    Employees,
    Shifts,
    Credentials,
    Waivers,
    Sessions,
    Trainings,
    Events,
}

/// The loader's one loop over a collection: each element of `list`'s key, at `key[i]`, is
/// checked to be an object with the known fields, its `id` is read and claimed in the
/// collection's id map at once (so that a later duplicate is reported even when this record
/// has other errors; a duplicate is an error naming what the elements are and the first one's
/// path), and the rest is read by [`read_into`], with the reader a `put` uses too
/// ([`read_element`]). The id map is put in the model (when the model keeps it).
///
/// One copy for every record type, called in a loop over a list of collections: it was a
/// generic `read_collection` with a closure per record type and eleven calls of nine arguments
/// each (docs/decisions.md 119, 145).
#[inline(never)]
fn read_elements(cx: &mut Cx, model: &mut Model, root: Option<&Obj<'_>>, list: List) {
    let (key, what, known) = LISTS[list as usize];
    let items = collection(cx, root, key);
    let (mut paths, mut ids) = (Vec::with_capacity(items.len()), Ids::with_capacity(items.len(), items.len() * 10));
    for (i, item) in items.iter().enumerate() {
        let Some(obj) = Obj::new(cx, &item, key, Some(i), known) else { continue };
        let id = obj.req_id(cx, "id");
        let fresh = id.is_some_and(|id| unique(cx, &mut ids, &mut paths, id, (key, i), "id", what).is_some());
        // A record whose id is not new is read without it, so that none is built.
        read_into(cx, model, &obj, id.filter(|_| fresh), list, items.len());
    }
    let slot = match list {
        List::Locations => &mut model.loc_by_id,
        List::Teams => &mut model.team_by_id,
        List::Roles => &mut model.role_by_id,
        List::Queues => &mut model.queue_by_id,
        List::Employees => &mut model.emp_by_id,
        List::Shifts => &mut model.shift_ids,
        List::Sessions => &mut model.session_by_id,
        List::Events => &mut model.event_by_id,
        List::Credentials | List::Waivers | List::Trainings => return,
    };
    ids.shrink_to_fit();
    *slot = ids;
}

/// Reads one element of `list` (its `id` read, and claimed, by [`read_elements`]: `None` when
/// missing or not new) and, when it has no error, pushes the record onto the model's list (of
/// `len` elements at most).
fn read_into<'a>(cx: &mut Cx, model: &mut Model, obj: &Obj<'a>, id: Option<&'a str>, list: List, len: usize) {
    match list {
        List::Locations => keep(read_location(cx, model, obj, id), len, &mut model.locations),
        List::Teams => keep(read_team(cx, model, obj, id), len, &mut model.teams),
        List::Roles => keep(read_named(cx, model, obj, id), len, &mut model.roles),
        List::Queues => keep(read_named(cx, model, obj, id), len, &mut model.queues),
        List::Employees => keep(read_employee(cx, model, obj, id), len, &mut model.employees),
        List::Shifts => keep(read_shift(cx, model, obj, id), len, &mut model.shifts),
        List::Credentials => keep(read_credential(cx, model, obj, id), len, &mut model.records),
        List::Waivers => keep(read_waiver(cx, model, obj, id), len, &mut model.waivers),
        List::Sessions => keep(read_session(cx, model, obj, id), len, &mut model.sessions),
        List::Trainings => keep(read_training(cx, model, obj, id), len, &mut model.trainings),
        List::Events => keep(read_event(cx, model, obj, id), len, &mut model.events),
    }
}

/// Pushes `record` onto `records` when there is one, with room for exactly the collection's
/// `len` elements: a `Vec` grown by doubling holds up to twice what it needs, and both blocks at
/// once while it moves. (A record is only built when its id is new: no drop here.)
#[inline]
fn keep<T>(record: Option<T>, len: usize, records: &mut Vec<T>) {
    if let Some(record) = record {
        if records.capacity() == 0 {
            records.reserve_exact(len);
        }
        records.push(record);
    }
}

/// An element of `locations` (see [`read_employee`]).
fn read_location<'a>(cx: &mut Cx, model: &mut Model, obj: &Obj<'a>, id: Option<&'a str>) -> Option<Location> {
    let name = obj.opt_str(cx, "name");
    let jurisdiction = obj.opt_str(cx, "jurisdiction").map(|j| intern_jur(model, j));
    let requires = requirement(cx, model, obj, "requires");
    let id = id?;
    Some(Location { id: own(id), name: name.map(own), jurisdiction, requires })
}

/// An element of `teams` (see [`read_employee`]).
fn read_team<'a>(cx: &mut Cx, _: &mut Model, obj: &Obj<'a>, id: Option<&'a str>) -> Option<Team> {
    let name = obj.opt_str(cx, "name");
    let id = id?;
    Some(Team { id: own(id), name: name.map(own) })
}

/// An element of `roles` or `queues` (see [`read_employee`]).
fn read_named<'a>(cx: &mut Cx, model: &mut Model, obj: &Obj<'a>, id: Option<&'a str>) -> Option<Named> {
    let name = obj.opt_str(cx, "name");
    let requires = requirement(cx, model, obj, "requires");
    let id = id?;
    Some(Named { id: own(id), name: name.map(own), requires })
}

/// A log of the roster (`overrides`, `changeLog`): an array of objects, kept as written.
fn read_log(cx: &mut Cx, root: Option<&Obj<'_>>, key: &str) -> Vec<Value> {
    let mut log = Vec::new();
    if let Some(items) = root.and_then(|r| r.opt_array(cx, key)) {
        let values = match root.and_then(|r| r.value?.get(key)) {
            Some(Value::Array(values)) => values.as_slice(),
            _ => &[],
        };
        for (i, item) in items.iter().enumerate() {
            match item {
                Node::Object(_) => log.extend(values.get(i).cloned()),
                other => wrong(cx, element_path(key, i), "an object", other),
            }
        }
    }
    log
}

/// An element of `employees`, read by the rules of SPEC §2.3: by the loader, and by a `put`.
/// `id` is read (and claimed) by the caller; the employee is returned when it is valid.
fn read_employee<'a>(cx: &mut Cx, model: &mut Model, obj: &Obj<'a>, id: Option<&'a str>) -> Option<Employee> {
    // The texts are owned once the record is known to be kept: owned before, they were
    // dropped on each way out without one.
    let name = obj.opt_str(cx, "name");
    let team = reference(cx, obj, "teamId", &model.team_by_id, "team", false);
    let location = reference(cx, obj, "locationId", &model.loc_by_id, "location", false);
    let roles = references(cx, obj, "roleIds", &model.role_by_id, "role");
    let id = id?;
    Some(Employee { id: own(id), name: name.map(own), team, location, roles })
}

/// An element of `shifts`, read by the rules of SPEC §2.3 (see [`read_employee`]). Its queues,
/// crew rules and requirements are added to the model's arenas as they are read.
fn read_shift<'a>(cx: &mut Cx, model: &mut Model, obj: &Obj<'a>, id: Option<&'a str>) -> Option<Shift> {
    let (start, end) = start_end(cx, obj, false);
    let location = reference(cx, obj, "locationId", &model.loc_by_id, "location", true);
    let team = reference(cx, obj, "teamId", &model.team_by_id, "team", false);
    let role = reference(cx, obj, "roleId", &model.role_by_id, "role", true);
    let queues_lo = model.shift_queues.len();
    for (j, qid) in obj.opt_str_list(cx, "queueIds").unwrap_or_default() {
        match model.queue_by_id.find(qid) {
            Some(qi) => model.shift_queues.push(qi),
            None => unresolved(cx, obj.item_path("queueIds", j), "queue", qid, true),
        }
    }
    let requires = requirement(cx, model, obj, "requires");
    let mut assigned: Vec<EmpIdx> = Vec::new();
    for (j, eid) in obj.opt_str_list(cx, "assigned").unwrap_or_default() {
        match model.find_employee(eid) {
            Some(e) if crate::model::listed(&assigned, e) => {
                cx.warn(obj.item_path("assigned", j), quote_in("employee ", eid, " is listed twice; counted once"))
            }
            Some(e) => assigned.push(e),
            None => unresolved(cx, obj.item_path("assigned", j), "employee", eid, true),
        }
    }
    let queues = Span::since(&model.shift_queues, queues_lo);
    let crew_lo = model.crews.len();
    for (j, c) in obj.opt_array(cx, "crew").unwrap_or_default().iter().enumerate() {
        let crew = obj.path("crew");
        let Some(cobj) = Obj::new(cx, c, &crew, Some(j), CREW_FIELDS) else { continue };
        let min = cobj.opt_count(cx, "min");
        let valid_min = cobj.get("min").is_none() || min.is_some();
        if cobj.get("requires").is_none() {
            cobj.fail(cx, "requires", "is required");
            continue;
        }
        if let Some(r) = requirement(cx, model, &cobj, "requires") {
            if valid_min {
                model.crews.push(Crew { requires: r, min: min.unwrap_or(1) });
            }
        }
    }
    let crew = Span::since(&model.crews, crew_lo);
    let (Some(_), Some(start), Some(end)) = (id, start, end) else { return None };
    Some(Shift { start, end, location, team, role, requires, queues, crew, assigned, dirty: false })
}

/// The required `start` and `end` of a shift, a session (`any_length` false: at most 7 days
/// apart) or a training (any length), and the error of an `end` not after `start` or too far
/// after it: one copy for the three readers (docs/decisions.md 145).
#[inline(never)]
fn start_end(cx: &mut Cx, obj: &Obj<'_>, any_length: bool) -> (Option<Instant>, Option<Instant>) {
    let start = obj.req_instant(cx, "start");
    let end = obj.req_instant(cx, "end");
    if let (Some(start), Some(end)) = (start, end) {
        match shift_interval(start, end) {
            Ok(()) => {}
            Err(BadInterval::TooLong) if any_length => {}
            Err(bad) => obj.error(cx, "end", bad.message(start, end)),
        }
    }
    (start, end)
}

/// The optional reference `key` (`teamId`, `locationId`...): the index `map` gives it, or
/// `None` with a problem naming `what` when no record has it ([`unresolved`]).
fn reference(cx: &mut Cx, obj: &Obj<'_>, key: &str, map: &Ids, what: &str, hard: bool) -> Option<u32> {
    let id = obj.opt_str(cx, key)?;
    let found = map.find(id);
    if found.is_none() {
        unresolved(cx, obj.path(key), what, id, hard);
    }
    found
}

/// The problem of a reference at `path` to the `what` with id `id`, which no record has: an
/// error when the reference must resolve (`hard`), else a warning (the reference plays no part
/// in a verdict). One copy for references, lists of them, a shift's queues and its assigned.
#[inline(never)]
fn unresolved(cx: &mut Cx, path: String, what: &str, id: &str, hard: bool) {
    let message = fill("no % has the id %", &[what, &quoted(id)]);
    if hard {
        cx.error(path, message);
    } else {
        cx.warn(path, message);
    }
}

/// An optional list of references (`roleIds`, `locationIds`), each resolved as [`reference`]
/// does with a warning: `None` when the key is absent.
fn references(cx: &mut Cx, obj: &Obj<'_>, key: &str, map: &Ids, what: &str) -> Option<Vec<Option<u32>>> {
    let list = obj.opt_str_list(cx, key)?;
    Some(
        list.into_iter()
            .map(|(j, id)| {
                let found = map.find(id);
                if found.is_none() {
                    unresolved(cx, obj.item_path(key, j), what, id, false);
                }
                found
            })
            .collect(),
    )
}

/// The required `employeeId` of a credential, waiver, training or event (`what`), and the
/// employee it names: an unknown employee is a warning (the record is kept but cannot count).
/// One call where the field's reading and its resolving were two, at the four readers.
#[inline(never)]
fn employee_of<'a>(cx: &mut Cx, model: &Model, obj: &Obj<'a>, what: &str) -> (Option<&'a str>, Option<EmpIdx>) {
    let Some(id) = obj.req_id(cx, "employeeId") else { return (None, None) };
    let found = model.find_employee(id);
    if found.is_none() {
        obj.warn(cx, "employeeId", fill("no employee has the id %; the % is kept but cannot count", &[&quoted(id), what]));
    }
    (Some(id), found)
}

/// The `code` of a credential, waiver (both `required`) or training, and the credential type
/// it names: an unknown code is a warning (the record is kept, and exported, but cannot count;
/// `what` is the record in the message). One call for the three readers, as [`employee_of`].
#[inline(never)]
fn code_of<'a>(cx: &mut Cx, model: &Model, obj: &Obj<'a>, required: bool, what: &str) -> (Option<&'a str>, Option<CodeIdx>) {
    let code = if required { obj.req_id(cx, "code") } else { obj.opt_str(cx, "code") };
    let Some(code) = code else { return (None, None) };
    (Some(code), code_at(cx, model, obj, "code", None, code, what))
}

/// [`code_of`]'s resolving of a code at `obj`'s `key` (or its item `item`: a session's
/// `renews[j]`), the path written only for the warning of an unknown code.
fn code_at(cx: &mut Cx, model: &Model, obj: &Obj<'_>, key: &str, item: Option<usize>, code: &str, what: &str) -> Option<CodeIdx> {
    let found = model.type_by_code.find(code);
    if found.is_none() {
        let near = if model.types.len() <= 10_000 { near_miss(code, model.types.iter().map(|t| t.code.as_str())) } else { None };
        let hint = did_you_mean(near);
        cx.warn(obj.at(key, item), fill("no credential type has the code %%; the % is kept but cannot count", &[&quoted(code), &hint, what]));
    }
    found
}

/// `validUntil` before `validFrom` is an error. The bounds are compared as written, reading
/// dates at UTC midnight: a date `validUntil` D falls before a `validFrom` on D+1 (its last day is
/// before the first); an instant `validUntil` equal to an instant `validFrom` is an empty window,
/// not one that falls before, and is accepted.
fn check_window(cx: &mut Cx, obj: &Obj<'_>, from: Option<Bound>, until: Option<Bound>) {
    if let (Some(f), Some(u)) = (from, until) {
        let last = match u {
            Bound::LocalMidnight(_) => u.at(0) - 1,
            Bound::Instant(ms) => ms,
        };
        if last < f.at(0) {
            obj.fail(cx, "validUntil", "falls before validFrom");
        }
    }
}

/// An element of `credentials`, read by the rules of SPEC §2.2 (see [`read_employee`]).
fn read_credential<'a>(cx: &mut Cx, model: &mut Model, obj: &Obj<'a>, id: Option<&'a str>) -> Option<Record> {
    let (employee_id, employee) = employee_of(cx, model, obj, "credential");
    let (code_text, code) = code_of(cx, model, obj, true, "record");
    let from = obj.opt_str(cx, "validFrom").and_then(|s| obj.bound(cx, "validFrom", BoundKind::From, s));
    let mut until_ok = true;
    let until = if !obj.has_key("validUntil") {
        until_ok = false;
        obj.missing(cx, "validUntil", "is required: give a date, a month, an instant, or null for a credential that never expires");
        None
    } else {
        match obj.get("validUntil") {
            None => None,
            Some(Node::String(s)) => {
                let b = obj.bound(cx, "validUntil", BoundKind::Until, s);
                until_ok = b.is_some();
                b
            }
            Some(other) => {
                until_ok = false;
                obj.wrong_at(cx, "validUntil", None, "a date, a month, an instant or null", other);
                None
            }
        }
    };
    if until_ok {
        check_window(cx, obj, from, until);
    }
    let status = status(cx, obj, &["active", "pending", "suspended", "revoked"])
        .and_then(|i| [RecordStatus::Active, RecordStatus::Pending, RecordStatus::Suspended, RecordStatus::Revoked].get(i).copied());
    let valid_in = obj.opt_str_list(cx, "validIn").map(|list| {
        let mut out = Vec::new();
        for (_, code) in list {
            let j = intern_jur(model, code);
            out.push(j);
            if let Some(g) = model.groups.iter().find(|g| g.code == code) {
                out.extend_from_slice(&g.members);
            }
        }
        sort_dedup(&mut out);
        out
    });
    let mut supervised = false;
    for (j, r) in obj.opt_str_list(cx, "restrictions").unwrap_or_default() {
        if r == "supervised" {
            supervised = true;
        } else {
            cx.error(obj.item_path("restrictions", j), quote_in("expected \"supervised\", found ", r, ""));
        }
    }
    let issuer = obj.opt_str(cx, "issuer");
    let identifier = obj.opt_str(cx, "identifier");
    if let Some(c) = code {
        if model.types[c as usize].jurisdictional && valid_in.is_none() {
            let mut message = String::new();
            crate::human::say(&mut message, "% is jurisdictional but this record has no validIn; it cannot count anywhere", &[&model.types[c as usize].code]);
            obj.warn(cx, "validIn", message);
        }
    }
    let (Some(id), Some(employee_id), Some(code_text), Some(status)) = (id, employee_id, code_text, status) else { return None };
    if !until_ok {
        return None;
    }
    Some(Record {
        id: own(id),
        employee_id: own(employee_id),
        employee,
        code_text: own(code_text),
        code,
        from,
        until,
        status,
        valid_in,
        supervised,
        issuer: issuer.map(own),
        identifier: identifier.map(own),
    })
}

/// A record's optional `status`, one of `names` (absent: the first): its place in `names`, or
/// `None` with an error listing them. One copy for credentials and trainings.
#[inline(never)]
fn status(cx: &mut Cx, obj: &Obj<'_>, names: &[&'static str]) -> Option<usize> {
    let Some(text) = obj.opt_str(cx, "status") else { return Some(0) };
    let found = names.iter().position(|n| *n == text);
    if found.is_none() {
        obj.error(cx, "status", fill("expected %, found %", &[&crate::names::alternatives(names), &quoted(text)]));
    }
    found
}

/// An element of `waivers`, read by the rules of SPEC §2.2 (see [`read_employee`]).
fn read_waiver<'a>(cx: &mut Cx, model: &mut Model, obj: &Obj<'a>, id: Option<&'a str>) -> Option<Waiver> {
    let (employee_id, employee) = employee_of(cx, model, obj, "waiver");
    let (code_text, code) = code_of(cx, model, obj, true, "waiver");
    let from = obj.req_str(cx, "validFrom").and_then(|s| obj.bound(cx, "validFrom", BoundKind::From, s));
    let until = obj.req_str(cx, "validUntil").and_then(|s| obj.bound(cx, "validUntil", BoundKind::Until, s));
    check_window(cx, obj, from, until);
    let locations = references(cx, obj, "locationIds", &model.loc_by_id, "location");
    if locations.as_ref().is_some_and(Vec::is_empty) {
        obj.warn(cx, "locationIds", own("is empty, so the waiver applies nowhere (leave it out to apply everywhere)"));
    }
    let approved_by = obj.req_str(cx, "approvedBy");
    let reason = obj.req_str(cx, "reason");
    let (Some(id), Some(employee_id), Some(code_text), Some(from), Some(until), Some(approved_by), Some(reason)) =
        (id, employee_id, code_text, from, until, approved_by, reason)
    else {
        return None;
    };
    Some(Waiver {
        id: own(id),
        employee_id: own(employee_id),
        employee,
        code_text: own(code_text),
        code,
        from,
        until,
        locations,
        approved_by: own(approved_by),
        reason: own(reason),
    })
}

/// An element of `trainings`, read by the rules of SPEC §2.2 (see [`read_employee`]).
fn read_training<'a>(cx: &mut Cx, model: &mut Model, obj: &Obj<'a>, id: Option<&'a str>) -> Option<Training> {
    let (employee_id, employee) = employee_of(cx, model, obj, "training");
    let (code_text, code) = code_of(cx, model, obj, false, "training");
    let (start, end) = start_end(cx, obj, true);
    let status = status(cx, obj, &["scheduled", "completed", "cancelled"])
        .and_then(|i| [TrainingStatus::Scheduled, TrainingStatus::Completed, TrainingStatus::Cancelled].get(i).copied());
    let session_id = obj.opt_str(cx, "sessionId");
    if let Some(sid) = session_id {
        if model.find_session(sid).is_none() {
            obj.warn(cx, "sessionId", quote_in("no session has the id ", sid, "; the training is kept but takes no seat"));
        }
    }
    let (Some(id), Some(employee_id), Some(start), Some(end), Some(status)) = (id, employee_id, start, end, status) else { return None };
    Some(Training {
        session_id: session_id.map(own),
        id: own(id),
        employee_id: own(employee_id),
        employee,
        code,
        code_text: code_text.map(own),
        start,
        end,
        status,
    })
}

/// An element of `sessions`, read by the rules of SPEC §7: `renews` (at least one code; an
/// unknown code is a warning, as a training's), `start`/`end` as a shift's, `seats` ≥ 1, `cost`
/// a number ≥ 0, `status` `open` or `cancelled`; an unknown `locationId` is a warning.
fn read_session<'a>(cx: &mut Cx, model: &mut Model, obj: &Obj<'a>, id: Option<&'a str>) -> Option<Session> {
    let list = obj.required(cx, "renews").and_then(|_| {
        obj.opt_str_list(cx, "renews").filter(|l| !l.is_empty()).or_else(|| {
            obj.fail(cx, "renews", "must name at least one code");
            None
        })
    });
    let mut renews = Vec::new();
    for &(j, code) in list.iter().flatten() {
        renews.extend(code_at(cx, model, obj, "renews", Some(j), code, "session"));
    }
    let (start, end) = start_end(cx, obj, false);
    let location_id = obj.opt_str(cx, "locationId");
    if location_id.is_some_and(|l| model.loc_by_id.find(l).is_none()) {
        obj.warn(cx, "locationId", own("names no location; it is kept"));
    }
    let seats = obj.required(cx, "seats").and_then(|v| match count(cx, obj, "seats", None, v) {
        Some(0) => {
            obj.fail(cx, "seats", "expected a whole number of at least 1");
            None
        }
        n => n,
    });
    let cost = match obj.get("cost") {
        None => Some(0.0),
        Some(Node::Number(raw)) => crate::host::parse_f64(raw).filter(|n| n.is_finite() && *n >= 0.0),
        Some(_) => None,
    };
    if cost.is_none() {
        obj.fail(cx, "cost", "expected a number of at least 0");
    }
    let cancelled = match obj.opt_str(cx, "status") {
        None | Some("open") => Some(false),
        Some("cancelled") => Some(true),
        Some(_) => {
            obj.fail(cx, "status", "expected \"open\" or \"cancelled\"");
            None
        }
    };
    let (Some(id), Some(start), Some(end), Some(seats), Some(cost), Some(cancelled), Some(_)) = (id, start, end, seats, cost, cancelled, list) else { return None };
    Some(Session { id: own(id), renews, start, end, location_id: location_id.map(own), seats, cost, cancelled })
}

/// A credential type's `currency` (SPEC §8.1): `event`, `withinDays` (an integer ≥ 1) and
/// exactly one of `min` (an integer ≥ 1) and `minHours` (> 0); a problem with the whole rule
/// is reported at `path` (`credentialTypes[i].currency`).
#[inline(never)]
fn read_currency<'a>(cx: &mut Cx, model: &mut Model, v: &'a Node<'a>, path: String) -> Option<Currency> {
    let obj = Obj::new(cx, v, &path, None, CURRENCY_FIELDS)?;
    let event = obj.req_id(cx, "event");
    obj.required(cx, "withinDays");
    let within_days = positive_count(cx, &obj, "withinDays");
    let need = match obj.one_of(cx, "min", "minHours", "has both min and minHours: give exactly one", "needs min (a count of events) or minHours (a sum of their hours)") {
        None => None,
        Some(true) => positive_count(cx, &obj, "min").map(|n| (false, u64::from(n))),
        Some(false) => hours(cx, &obj, "minHours", true).map(|h| (true, crate::currency::micro(h).max(1))),
    };
    let (event, (hours, need), within_days) = (event?, need?, within_days?);
    let event = intern_kind(model, event);
    Some(Currency { event, hours, need, within_days })
}

/// `rules.limits` (SPEC §8.1): each element's `id` unique among them, `measure` and `max`
/// (≥ 0, whole for shifts and nights), `window` with exactly one of `rollingHours` (> 0) and
/// `calendar` (`weekStart` a weekday name, default monday), `appliesTo` with exactly one of a
/// known `code` or `roleId` (else a "did you mean"), `severity` block (default) or warn.
#[inline(never)]
fn read_limits(cx: &mut Cx, model: &Model, items: &[Node<'_>]) -> Vec<crate::limits::Limit> {
    use crate::limits::{Applies, CalendarUnit, Limit, Measure, Weekday, Window, HOUR_MS};
    const ONE_APPLIES: &str = "names exactly one of code and roleId";
    let mut ids = Ids::default();
    let mut first_at = Vec::new();
    let mut limits = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(obj) = Obj::new(cx, item, "rules.limits", Some(i), LIMIT_FIELDS) else { continue };
        let id = obj.req_id(cx, "id");
        let fresh = id.is_some_and(|id| unique(cx, &mut ids, &mut first_at, id, ("rules.limits", i), "id", "limit").is_some());
        let measure = obj.req_str(cx, "measure").and_then(|m| named(cx, &obj, "measure", m, Measure::from_name, Measure::NAMES));
        let max = obj.required(cx, "max").and_then(|_| hours(cx, &obj, "max", false));
        let max = match (max, measure) {
            (Some(n), Some(Measure::Shifts | Measure::Nights)) if n.fract() != 0.0 => {
                obj.fail(cx, "max", "expected a whole number of shifts or nights");
                None
            }
            (Some(n), Some(Measure::Hours)) => Some((n, (n * HOUR_MS as f64).round() as i64)),
            (Some(n), Some(_)) => Some((n, n as i64)),
            _ => None,
        };
        let window = obj.required(cx, "window").and_then(|v| read_window(cx, v, obj.path("window")));
        let applies = match obj.get("appliesTo") {
            None => Some(Applies::Everyone),
            Some(v) => {
                let at = obj.path("appliesTo");
                Obj::new(cx, v, &at, None, APPLIES_FIELDS).and_then(|a| match a.one_of(cx, "code", "roleId", ONE_APPLIES, ONE_APPLIES)? {
                    true => a.req_str(cx, "code").and_then(|c| match lookup_code(model, c) {
                        Ok(c) => Some(Applies::Code(c)),
                        Err(message) => {
                            a.error(cx, "code", message);
                            None
                        }
                    }),
                    false => a.req_str(cx, "roleId").and_then(|r| match model.role_by_id.find(r) {
                        Some(r) => Some(Applies::Role(r)),
                        None => {
                            let hint = did_you_mean(near_miss(r, model.roles.iter().map(|x| x.id.as_str())));
                            a.error(cx, "roleId", fill("no role has the id %%", &[&quoted(r), &hint]));
                            None
                        }
                    }),
                })
            }
        };
        let warn = block_or(cx, obj.get("severity"), obj.path("severity"), "warn", "a string");
        if let (true, Some(id), Some(measure), Some((max, max_units)), Some(window), Some(applies), Some(warn)) = (fresh, id, measure, max, window, applies, warn) {
            limits.push(Limit { id: own(id), applies, measure, max, max_units, window, warn });
        }
    }
    return limits;

    fn read_window(cx: &mut Cx, v: &Node<'_>, path: String) -> Option<Window> {
        let obj = Obj::new(cx, v, &path, None, WINDOW_FIELDS)?;
        let week_start = match obj.opt_str(cx, "weekStart") {
            None => Some(Weekday::Monday),
            Some(w) => named(cx, &obj, "weekStart", w, Weekday::from_name, Weekday::NAMES),
        };
        const EXACTLY_ONE: &str = "needs exactly one of rollingHours and calendar";
        match obj.one_of(cx, "rollingHours", "calendar", EXACTLY_ONE, EXACTLY_ONE)? {
            true => hours(cx, &obj, "rollingHours", true).map(|h| Window::Rolling(((h * HOUR_MS as f64).round() as i64).max(1))),
            false => {
                let unit = obj.req_str(cx, "calendar").and_then(|c| named(cx, &obj, "calendar", c, CalendarUnit::from_name, CalendarUnit::NAMES));
                Some(Window::Calendar(unit?, week_start?))
            }
        }
    }
}

/// The value of an enumeration named `text` at `key`, or an error listing the names (with a
/// "did you mean" when one is close).
fn named<T>(cx: &mut Cx, obj: &Obj<'_>, key: &str, text: &str, parse: fn(&str) -> Option<T>, all: &[&'static str]) -> Option<T> {
    let found = parse(text);
    if found.is_none() {
        unknown_name(cx, obj.path(key), text, all);
    }
    found
}

/// [`named`]'s error, compiled once for every enumeration.
#[inline(never)]
fn unknown_name(cx: &mut Cx, path: String, text: &str, all: &[&'static str]) {
    let hint = did_you_mean(near_miss(text, all.iter().copied()));
    cx.error(path, fill("expected %, found %%", &[&crate::names::alternatives(all), &quoted(text), &hint]));
}

/// An optional whole number ≥ 1 (`count`, `min`, `withinDays`); `None` when absent or wrong.
#[inline(never)]
fn positive_count(cx: &mut Cx, obj: &Obj<'_>, key: &str) -> Option<u32> {
    match count(cx, obj, key, None, obj.get(key)?)? {
        0 => {
            obj.fail(cx, key, "expected a whole number of at least 1, found 0");
            None
        }
        n => Some(n),
    }
}

/// An optional number of hours (`hours` ≥ 0, `minHours` > 0 when `positive`), at most
/// [`MAX_COUNT`]; `None` when absent or wrong.
#[inline(never)]
fn hours(cx: &mut Cx, obj: &Obj<'_>, key: &str, positive: bool) -> Option<f64> {
    let h = match obj.get(key)? {
        Node::Number(raw) => crate::host::parse_f64(raw).filter(|h| h.is_finite() && *h <= MAX_COUNT && (*h > 0.0 || !positive && *h == 0.0)),
        _ => None,
    };
    if h.is_none() {
        obj.fail(cx, key, if positive { "expected a number above 0 (at most 1000000)" } else { "expected a number of at least 0 (at most 1000000)" });
    }
    h
}

/// The index of event kind `kind`, interned.
fn intern_kind(model: &mut Model, kind: &str) -> u32 {
    match model.event_kinds.insert(kind) {
        Ok(i) | Err(i) => i,
    }
}

/// An element of `events`, read by the rules of SPEC §8.1 (see [`read_employee`]): `kind` a
/// string compared exactly, `at` an instant, `count` an integer ≥ 1 (default 1), `hours` a
/// number ≥ 0 (default 0); an unknown employee is a warning.
fn read_event<'a>(cx: &mut Cx, model: &mut Model, obj: &Obj<'a>, id: Option<&'a str>) -> Option<Event> {
    let (employee_id, employee) = employee_of(cx, model, obj, "event");
    let kind = obj.req_id(cx, "kind");
    let at = obj.req_instant(cx, "at");
    let count = if obj.get("count").is_none() { Some(1) } else { positive_count(cx, obj, "count") };
    let hours = if obj.get("hours").is_none() { Some(0.0) } else { hours(cx, obj, "hours", false) };
    let (Some(id), Some(employee_id), Some(kind), Some(at), Some(count), Some(hours)) = (id, employee_id, kind, at, count, hours) else { return None };
    let kind = intern_kind(model, kind);
    Some(Event { id: own(id), employee_id: own(employee_id), employee, kind, at, count, hours })
}

/// Builds the per-employee and per-code indexes from the model's records.
pub(crate) fn build_indexes(model: &mut Model) {
    build_indexes_but_events(model);
    model.event_index = crate::currency::EventIndex::build(&model.events, &model.removed.events, &model.types);
}

/// [`build_indexes`] but the event index, which a snapshot's loader builds in steps.
pub(crate) fn build_indexes_but_events(model: &mut Model) {
    let n = model.employees.len();
    model.code_records = vec![Vec::new(); model.types.len()];
    // Each record under its own type and each type it satisfies, by employee, code and record.
    let mut items: Vec<(u64, u32)> = Vec::new();
    for (r, rec) in model.records.iter().enumerate() {
        let (Some(e), Some(c)) = (rec.employee, rec.code) else { continue };
        // Its own code, then those it satisfies, by one loop body (a chain of the two wrote
        // the body out twice).
        let mut satisfied = model.types[c as usize].satisfies.iter();
        let mut next = Some(c);
        while let Some(code) = next {
            items.push((u64::from(e) << 32 | u64::from(code), r as u32));
            model.code_records[code as usize].push(r as u32);
            next = satisfied.next().copied();
        }
    }
    let judged_spans = runs(n, &mut items);
    model.jur_masks = model.jurisdictions.len() <= 64;
    model.judged = items.iter().map(|&(key, r)| judged(model, key as u32, r)).collect();
    drop(items);
    for list in &mut model.code_records {
        sort_dedup(list);
    }
    let mut items: Vec<(u64, u32)> = Vec::new();
    for (w, waiver) in model.waivers.iter().enumerate() {
        if let (Some(e), Some(c)) = (waiver.employee, waiver.code) {
            items.push((u64::from(e) << 32 | u64::from(c), w as u32));
        }
    }
    let waiver_spans = runs(n, &mut items);
    model.emp_waiver_list = items.iter().map(|&(key, w)| (key as u32, w)).collect();
    // Each employee's scheduled trainings by (start, index): pushed in that order (one radix
    // sort of the starts, stable, as the shifts' below), which `runs`' stable sort by employee
    // keeps, so that no employee's list is sorted on its own (a merge sort behind a comparison
    // of its own in the .wasm).
    let starts: Vec<u64> = model.trainings.iter().map(|t| crate::sort::signed_key(t.start.ms)).collect();
    let mut items: Vec<(u64, u32)> = Vec::new();
    for t in crate::sort::order_of(&starts) {
        let Some(training) = model.trainings.get(t as usize) else { continue };
        if let (Some(e), TrainingStatus::Scheduled) = (training.employee, training.status) {
            items.push((u64::from(e) << 32, t));
        }
    }
    drop(starts);
    let training_spans = runs(n, &mut items);
    let trainings = &model.trainings;
    model.emp_training_list = items.iter().map(|&(_, t)| Booked { start: trainings[t as usize].start.ms, end: trainings[t as usize].end.ms, training: t }).collect();
    let mut counts = vec![0u32; n];
    for shift in &model.shifts {
        for &e in &shift.assigned {
            counts[e as usize] += 1;
        }
    }
    model.emp_hot = (0..n)
        .map(|e| EmpHot {
            shifts: Vec::with_capacity(counts[e] as usize),
            judged: judged_spans[e],
            waivers: waiver_spans[e],
            trainings: training_spans[e],
            roles: role_set(&model.employees[e]),
        })
        .collect();
    drop(counts);
    // The shifts by (start, index), so that each employee's assignments are pushed in that
    // order, with no sort of each employee's list (a merge sort behind a comparison each was a
    // sixth of a snapshot's read): one radix sort of the starts, stable.
    let starts: Vec<u64> = model.shifts.iter().map(|s| crate::sort::signed_key(s.start.ms)).collect();
    for s in crate::sort::order_of(&starts) {
        let Some(shift) = model.shifts.get(s as usize) else { continue };
        for &e in &shift.assigned {
            model.emp_hot[e as usize].shifts.push(Assignment::new(s as ShiftIdx, shift.start.ms, shift.end.ms));
        }
    }
}

/// Which roles employee `e` may work, as [`EmpHot::roles`] holds it.
pub(crate) fn role_set(e: &Employee) -> RoleSet {
    match &e.roles {
        None => RoleSet::Any,
        Some(list) if list.iter().flatten().all(|&r| r < 64) => RoleSet::Bits(list.iter().flatten().fold(0u64, |m, &r| m | 1u64 << r)),
        Some(_) => RoleSet::List,
    }
}

/// Record `r` packed for judging it as meeting `code` (its own type's or one it satisfies).
pub(crate) fn judged(model: &Model, code: CodeIdx, r: u32) -> Judged {
    let rec = &model.records[r as usize];
    let own = rec.code.unwrap_or(code);
    let ty = &model.types[own as usize];
    let jur_mask = match (&rec.valid_in, model.jur_masks) {
        (Some(list), true) => list.iter().fold(0u64, |m, &j| m | 1u64.checked_shl(j).unwrap_or(0)),
        _ => 0,
    };
    let (from, from_local) = Judged::bound(rec.from, i64::MIN);
    let (until, until_local) = Judged::bound(rec.until, i64::MAX);
    let flag = |on: bool, bit: u8| if on { bit } else { 0 };
    Judged {
        from,
        until,
        jur_mask,
        code,
        rec: r,
        own,
        grace_days: ty.grace_days,
        min_alert: ty.min_alert().unwrap_or(u32::MAX),
        status: rec.status,
        flags: flag(rec.supervised, Judged::SUPERVISED)
            | flag(ty.jurisdictional, Judged::JURISDICTIONAL)
            | flag(rec.valid_in.is_some(), Judged::HAS_VALID_IN)
            | flag(from_local, Judged::FROM_LOCAL)
            | flag(until_local, Judged::UNTIL_LOCAL)
            | flag(rec.until.is_some(), Judged::HAS_UNTIL)
            | flag(ty.currency.is_some(), Judged::CURRENCY),
    }
}

/// What a `put` reads (SPEC §6): one element of a collection (the live store's item,
/// `live::store::Item`, kept in an edit's journal).
#[derive(Debug, Clone)]
pub(crate) enum Element {
    Employee(Employee),
    /// The shift (its id is the record's `id`: a shift holds none).
    Shift(Shift),
    Record(Record),
    Waiver(Waiver),
    Training(Training),
    Session(Session),
    Event(Event),
}

/// Reads `value` as an element of `collection` (a `put`'s record) by exactly the loader's rules, with every path under `path`
/// (`ops[2].record`): the element when it has no error, and the errors and warnings found. A
/// shift's requirement, queues and crew rules go into the model's arenas (and come out again
/// when it has an error).
pub(crate) fn read_element(model: &mut Model, collection: Collection, value: &Value, path: &str) -> (Option<Element>, Vec<Problem>, Vec<Problem>) {
    let mut cx = Cx { doc: Document::Argument, errors: Vec::new(), warnings: Vec::new() };
    let node = Node::of(value);
    let fields = match collection {
        Collection::Employees => EMPLOYEE_FIELDS,
        Collection::Shifts => SHIFT_FIELDS,
        Collection::Credentials => CREDENTIAL_FIELDS,
        Collection::Waivers => WAIVER_FIELDS,
        Collection::Sessions => SESSION_FIELDS,
        Collection::Events => EVENT_FIELDS,
        Collection::Trainings => TRAINING_FIELDS,
    };
    let arenas = (model.reqs.len(), model.shift_queues.len(), model.crews.len());
    let element = Obj::new(&mut cx, &node, path, None, fields).and_then(|obj| {
        let id = obj.req_id(&mut cx, "id");
        match collection {
            Collection::Employees => read_employee(&mut cx, model, &obj, id).map(Element::Employee),
            Collection::Shifts => read_shift(&mut cx, model, &obj, id).map(Element::Shift),
            Collection::Credentials => read_credential(&mut cx, model, &obj, id).map(Element::Record),
            Collection::Waivers => read_waiver(&mut cx, model, &obj, id).map(Element::Waiver),
            Collection::Sessions => read_session(&mut cx, model, &obj, id).map(Element::Session),
            Collection::Events => read_event(&mut cx, model, &obj, id).map(Element::Event),
            Collection::Trainings => read_training(&mut cx, model, &obj, id).map(Element::Training),
        }
    });
    if !cx.errors.is_empty() {
        model.reqs.truncate(arenas.0);
        model.shift_queues.truncate(arenas.1);
        model.crews.truncate(arenas.2);
        return (None, cx.errors, cx.warnings);
    }
    (element, cx.errors, cx.warnings)
}

/// `list` sorted, each value once: a type's alert days and the codes it satisfies, a
/// credential's jurisdictions, a code's records.
#[inline(never)]
fn sort_dedup(list: &mut Vec<u32>) {
    crate::sort::sort_u32(list);
    list.dedup();
}

/// Sorts `(employee << 32 | key, value)` items by their first field, stably (those of one key
/// stay in the order they were pushed: the order of their values, or a scheduled training's by
/// start), and returns each employee's run of them.
fn runs(n: usize, items: &mut [(u64, u32)]) -> Vec<Span> {
    // By key, stably: items pushed in the order of their second field are then sorted by both
    // (a radix sort; the merge sort behind a comparison was a fifth of a snapshot's read).
    crate::sort::sort_by_u64(items, |&(key, _)| key);
    let mut spans = vec![Span::default(); n];
    let mut lo = 0;
    while lo < items.len() {
        let e = items[lo].0 >> 32;
        let hi = lo + items[lo..].partition_point(|&(k, _)| k >> 32 == e);
        if let Some(span) = spans.get_mut(e as usize) {
            *span = Span { lo: lo as u32, len: (hi - lo) as u32 };
        }
        lo = hi;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses() {
        let known = ["validUntil", "validFrom", "code", "id", "employeeId"];
        assert_eq!(near_miss("validUntill", known.iter().copied()), Some("validUntil"));
        assert_eq!(near_miss("valid_until", known.iter().copied()), Some("validUntil"));
        assert_eq!(near_miss("ValidUntil", known.iter().copied()), Some("validUntil"));
        assert_eq!(near_miss("employee-id", known.iter().copied()), Some("employeeId"));
        assert_eq!(near_miss("cdoe", known.iter().copied()), None);
        assert_eq!(near_miss("notes", known.iter().copied()), None);
        assert_eq!(near_miss("ID", known.iter().copied()), Some("id"));
        assert_eq!(near_miss("xyz", known.iter().copied()), None);
    }

    #[test]
    fn keys_repeated_in_lazily_read_elements_come_first_and_in_document_order() {
        // "teams" comes before "locations" in the text but is read after it.
        let roster = "{\"teams\": [{\"id\": \"t\", \"id\": \"u\"}], \"locations\": [{\"id\": \"l\", \"name\": 1, \"id\": \"m\"}],\n \"rules\": {\"overlap\": \"allow\", \"overlap\": \"block\"}}";
        let err = load(roster, "{}").err().expect("the duplicates are errors");
        let paths: Vec<&str> = err.problems().iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["teams[0].id", "locations[0].id", "rules.overlap", "locations[0].name"]);
        // The credential types are read twice; their repeated keys are reported once.
        let err = load("{}", r#"{"credentialTypes": [{"code": "A", "name": "x", "name": "y"}]}"#).err().expect("an error");
        let paths: Vec<&str> = err.problems().iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["credentialTypes[0].name"]);
    }

    /// What a read gives, for comparing two: the model's contents (its id tables by their ids:
    /// their layout is seeded at random), the overrides and warnings, or the problems.
    fn outcome(read: Result<(Model, Vec<Value>, Vec<Problem>), Error>) -> String {
        match read {
            Ok((m, overrides, warnings)) => {
                let ids = |t: &Ids| t.iter().map(str::to_string).collect::<Vec<_>>();
                let tables = [&m.type_by_code, &m.jur_by_code, &m.loc_by_id, &m.team_by_id, &m.role_by_id, &m.queue_by_id, &m.emp_by_id, &m.shift_ids].map(ids);
                let model = (&m.types, &m.groups, &m.jurisdictions, &m.records, &m.waivers, &m.trainings, &m.locations, &m.teams, &m.roles, &m.queues, &m.employees);
                format!("{model:?} {:?} {:?} {:?} {:?} {:?} {tables:?} {overrides:?} {warnings:?}", m.shifts, m.shift_queues, m.crews, m.rules, m.reqs)
            }
            Err(e) => format!("{:?}", e.problems()),
        }
    }

    /// Whether a skimmed read of both documents stands on its own (no careful read after it).
    fn skims_soundly(roster: &str, credentials: &str) -> bool {
        let mut rcx = Cx { doc: Document::Roster, errors: vec![], warnings: vec![] };
        let mut ccx = Cx { doc: Document::Credentials, errors: vec![], warnings: vec![] };
        let r = parse_document(&mut rcx, "roster", roster, true);
        let c = parse_document(&mut ccx, "credentials", credentials, true);
        if !(rcx.errors.is_empty() && ccx.errors.is_empty()) {
            return false;
        }
        let _ = read(rcx, ccx, r.as_ref(), c.as_ref());
        let sound = [&r, &c].into_iter().all(|d| d.as_ref().and_then(|d| d.lazy.as_ref()).is_none_or(Lazy::sound));
        sound
    }

    /// `element` at index 1 of each collection in turn (between two good elements, and before a
    /// second problem), in both documents: the skimmed read and the careful read agree, and
    /// the skimmed one stands on its own exactly when `sound`.
    fn agree(element: &str, sound: bool) {
        let collections = [(true, "locations"), (true, "teams"), (true, "roles"), (true, "queues"), (true, "employees"), (true, "shifts")]
            .into_iter()
            .chain(LAZY_KEYS.iter().filter(|k| CREDENTIALS_TOP.contains(k)).map(|k| (false, *k)));
        for (in_roster, key) in collections {
            let (first, last) = if key == "credentialTypes" || key == "jurisdictionGroups" { (r#"{"code": "A"}"#, r#"{"code": "B"}"#) } else { (r#"{"id": "a"}"#, r#"{"id": "b"}"#) };
            let doc = format!("{{\"{key}\": [{first},\n {element}, {last}], \"later\": [1, 2,]}}");
            let sound_doc = format!("{{\"{key}\": [{first},\n {element}, {last}]}}");
            for (text, expect_sound) in [(&sound_doc, sound), (&doc, false)] {
                let (roster, credentials) = if in_roster { (text.as_str(), "{}") } else { ("{}", text.as_str()) };
                let skimmed = outcome(read_texts_from(roster, credentials, true));
                let careful = outcome(read_texts_from(roster, credentials, false));
                assert_eq!(skimmed, careful, "{key}: {element}");
                assert_eq!(skims_soundly(roster, credentials), expect_sound, "{key}: {element}");
            }
        }
    }

    #[test]
    fn a_skimmed_element_that_is_not_valid_json_is_read_again_carefully() {
        let deep = "[".repeat(json::MAX_DEPTH) + &"]".repeat(json::MAX_DEPTH);
        let bad = [
            r#"{"id": "x\q"}"#,
            "{\"id\": \"x\u{1}y\"}",
            "{\"id\": \"x\ty\"}",
            r#"{"id": "x\u12"}"#,
            r#"{"id": "x\u12g4"}"#,
            r#"{"id": "\ud800"}"#,
            r#"{"id": "\ud800\u0041"}"#,
            r#"{"id": "\udc00"}"#,
            r#"{"id": "x\"}"#,
            r#"{"id": ["x"}]"#,
            r#"{"id": ["x"]]"#,
            r#"{"id": "x"]"#,
            r#"{"id": "x"}}"#,
            r#"{"id": "x",}"#,
            r#"{"id": "x" "name": "y"}"#,
            r#"{"id" "x"}"#,
            r#"{"id": }"#,
            r#"{id: "x"}"#,
            r#"{'id': "x"}"#,
            r#"{"n": 01}"#,
            r#"{"n": 1.}"#,
            r#"{"n": .5}"#,
            r#"{"n": -}"#,
            r#"{"n": 1e}"#,
            r#"{"n": +1}"#,
            r#"{"n": 0x10}"#,
            r#"{"n": tru}"#,
            r#"{"n": truex}"#,
            r#"{"n": nul}"#,
            r#"{"n": NaN}"#,
            r#"{"n": [1 2]}"#,
            r#"{"n": [1,]}"#,
            r#"{"n": [,1]}"#,
            r#"{"n": {"a": 1,}}"#,
            r#"{"a": 1} {"b": 2}"#,
            r#"{"a": 1}x"#,
            "\u{feff}{}",
            "1 2",
            "01",
            "tru",
            "",
            "]",
            "}",
            "\"x",
            "\"x\\",
            &deep[1..],
            &format!("{{\"n\": {deep}}}"),
        ];
        for element in bad {
            agree(element, false);
        }
    }

    #[test]
    fn valid_elements_are_read_in_one_pass_with_the_careful_result() {
        let deep = "[".repeat(json::MAX_DEPTH - 3) + &"]".repeat(json::MAX_DEPTH - 3);
        let good = [
            r#"{"id": "x\"y\\z\/\b\f\n\r\t"}"#,
            r#"{"id": "\u00e9\ud83d\ude00\u0000"}"#,
            r#"{"id": "é 😀"}"#,
            r#"{"i\u0064": "x"}"#,
            r#"{"id": "x", "id": "y"}"#,
            r#"{"id": "x", "i\u0064": "y"}"#,
            r#"{"n": [1, -0, -0.5e+10, 1E5, 2e-3, 1e999, 123456789012345678901234567890]}"#,
            r#"{"n": [true, false, null, [], {}, [[]], {"a": {"b": [1, {"c": null}]}}]}"#,
            " \n\t\r{ \"id\" \n: \"x\" ,\r\n \"name\" :\"y\" } \n",
            r#"{"id": "x", "a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9, "j": 10, "k": 11, "l": 12, "m": 13, "n": 14, "o": 15, "p": 16, "q": 17, "a": 18}"#,
            "{}",
            "[]",
            "\"x\"",
            "12",
            "-1.5e3",
            "true",
            "null",
            &format!("{{\"n\": {deep}}}"),
        ];
        for element in good {
            agree(element, true);
        }
        // A byte-order mark, and a collection repeated (read whole, as the careful read does).
        let roster = "\u{feff}{\"teams\": [{\"id\": \"t\"}], \"teams\": [{\"id\": \"u\", \"id\": \"v\"}]}";
        assert_eq!(outcome(read_texts_from(roster, "{}", true)), outcome(read_texts_from(roster, "{}", false)));
        assert!(skims_soundly(roster, "{}"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 512, failure_persistence: None, ..Default::default() })]

        /// One character of a small valid pair replaced, inserted or removed (anywhere: in a
        /// collection's element or outside them): the skimmed read gives what the careful read
        /// gives, problems and all.
        #[test]
        fn a_mangled_document_reads_the_same_skimmed_and_careful(
            in_roster: bool, at: proptest::sample::Index, edit in 0..3u8,
            c in proptest::sample::select(&['"', '\\', '{', '}', '[', ']', ',', ':', ' ', '0', '1', 'e', '-', '.', 't', 'n', 'u', 'x', '\u{1}', '\n', '/'][..]),
        ) {
            let roster = r#"{"locations": [{"id": "l", "jurisdiction": "US-TX", "requires": {"all": ["A", {"any": ["B"]}]}}], "teams": [{"id": "t"}],
 "roles": [{"id": "r", "requires": "A"}], "queues": [], "employees": [{"id": "e\u0031", "teamId": "t", "roleIds": ["r"]}, {"id": "e2"}],
 "shifts": [{"id": "s1", "start": "2026-12-01T07:00:00-06:00", "end": "2026-12-01T19:00:00-06:00", "locationId": "l", "assigned": ["e1", "e2"], "crew": [{"requires": "B", "min": 1}]}],
 "rules": {"minRestHours": 10.5, "overlap": "allow"}, "overrides": [{"x": [1, 2e3, null, true]}]}"#;
            let credentials = r#"{"credentialTypes": [{"code": "A", "alertDays": [30, 90], "jurisdictional": true}, {"code": "B", "satisfies": ["A"]}],
 "jurisdictionGroups": [{"code": "NLC", "members": ["US-TX"]}],
 "credentials": [{"id": "c1", "employeeId": "e1", "code": "A", "validUntil": "2027-01", "validIn": ["NLC"]}, {"id": "c2", "employeeId": "e2", "code": "B", "validFrom": "2026-01-01", "validUntil": null, "note": "a \"quoted\" \\ word"}],
 "waivers": [{"id": "w", "employeeId": "e2", "code": "A", "validFrom": "2026-12-01", "validUntil": "2026-12-02", "approvedBy": "m", "reason": "r"}],
 "trainings": [{"id": "t1", "employeeId": "e1", "code": "A", "start": "2026-12-02T08:00:00Z", "end": "2026-12-02T16:00:00Z"}]}"#;
            proptest::prop_assert!(read_texts_from(roster, credentials, true).is_ok());
            let mut text = (if in_roster { roster } else { credentials }).to_string();
            let i = at.index(text.len());
            match edit {
                0 => text.replace_range(i..=i, c.encode_utf8(&mut [0; 4])),
                1 => text.insert(i, c),
                _ => {
                    text.remove(i);
                }
            }
            let (r, cr) = if in_roster { (text.as_str(), credentials) } else { (roster, text.as_str()) };
            proptest::prop_assert_eq!(outcome(read_texts_from(r, cr, true)), outcome(read_texts_from(r, cr, false)));
        }
    }

    #[test]
    fn element_paths_are_written_as_format_writes_them() {
        for i in [0, 1, 9, 10, 11, 99, 100, 101, 12_345, 99_999, 100_000, u32::MAX as usize, usize::MAX] {
            assert_eq!(element_path("shifts", i), format!("shifts[{i}]"));
        }
    }

    #[test]
    fn messages_with_constants_written_in_are_as_format_writes_them() {
        assert_eq!(fill("the most accepted is 268435456", &[]), format!("the most accepted is {MAX_DOCUMENT_BYTES}"));
        assert_eq!("; credgate reads at most 128 levels", format!("; credgate reads at most {} levels", json::MAX_DEPTH));
        assert_eq!(fill("%at %, %: %%", &["a ", &decimal(12), &decimal(0), "x%y", "!"]), "a at 12, 0: x%y!");
        // Lines, columns and lengths of a document in memory: far below i64::MAX.
        for n in [0, 9, 10, 1_000_000, 268_435_457, u32::MAX as usize] {
            assert_eq!(decimal(n), n.to_string());
        }
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("kitten", "sitting", 5), 3);
        assert_eq!(edit_distance("abc", "abc", 3), 0);
        assert_eq!(edit_distance("a", "abcdef", 3), 3);
    }
}
