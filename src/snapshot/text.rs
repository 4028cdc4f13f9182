//! The documents' text in a snapshot: only what the model cannot write back.
//!
//! `export` starts from the documents as loaded, so an engine keeps their text. A snapshot does
//! not carry it whole (it was two thirds of the bytes, and of what `fromSnapshot` copied and
//! checked): the shifts and the credential records, nearly all of the text, are written back
//! from the model when they can be, and only those that cannot (unknown fields, another key
//! order, spaces, a date written as an instant, `validIn` naming a group, ...) keep their text.
//! What can be is decided by trying, when the snapshot is written: an item is left out only if
//! the text the model writes for it (with the form its dates were written in, one byte an item)
//! is its text in the document, byte for byte, so `export` after `fromSnapshot` equals `export`
//! of the engine that wrote it by construction. The rest of the documents (types, locations,
//! employees, the items kept) is the *skeleton*: the documents' text with those two lists
//! holding only the items kept. Nothing is parsed to do either: the lists are found by a
//! scanner of (valid) JSON text, and the items written back are spliced into them.
//!
//! An engine rebuilt from a snapshot keeps the snapshot's bytes and writes its documents' text
//! from them on first use (`export`, `standing`, the reports that quote records, a snapshot of
//! it), reading the model again from the bytes, not from the engine's model, which edits change
//! (docs/decisions.md, "Snapshots: compact").

use crate::call::{Call, CallMut};
use crate::json::Value;
use crate::model::{Model, RecordStatus, Sources};
use crate::time::{civil_from_days, Bound, DAY_MS};
use std::sync::Arc;

/// The cell that holds the text once written. An engine is shared between threads where there
/// are threads, so there it is a `OnceLock`; the package's WebAssembly has none (no `atomics`),
/// and a `OnceCell` answers the same there without `std::sync::Once`'s machinery (81 bytes
/// smaller gzipped).
#[cfg(not(all(target_arch = "wasm32", not(target_feature = "atomics"))))]
type TextCell<T> = std::sync::OnceLock<T>;
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
type TextCell<T> = std::cell::OnceCell<T>;

/// An item the model cannot write back: its JSON stays in the skeleton.
pub(super) const KEPT: u8 = 0xFF;
/// A date bound that is absent (`validFrom`) or `null` (`validUntil`).
const NO_BOUND: u8 = 3;

/// The documents' text of an engine: as loaded, or written on first use from the snapshot it
/// was rebuilt from.
#[derive(Clone)]
pub(crate) struct Texts {
    text: TextCell<Sources>,
    /// The snapshot's bytes (magic to payload's end), for an engine rebuilt from one.
    snapshot: Option<Arc<Vec<u8>>>,
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.text.get().is_some() { "Texts(text)" } else { "Texts(snapshot)" })
    }
}

impl From<Sources> for Texts {
    fn from(s: Sources) -> Texts {
        Texts { text: TextCell::from(s), snapshot: None }
    }
}

impl Texts {
    /// The text of an engine rebuilt from `snapshot` (checked, and read once already).
    pub(super) fn of_snapshot(snapshot: Arc<Vec<u8>>) -> Texts {
        Texts { text: TextCell::new(), snapshot: Some(snapshot) }
    }

    /// Both documents' text as loaded.
    pub(crate) fn sources(&self) -> &Sources {
        self.text.get_or_init(|| match &self.snapshot {
            Some(bytes) => super::text_of(bytes),
            None => Sources { roster: "{}".into(), credentials: "{}".into() },
        })
    }

    /// The credentials document's text as loaded.
    pub(crate) fn credentials(&self) -> &str {
        &self.sources().credentials
    }

    /// The documents as values.
    pub(crate) fn parse(&self) -> (Value, Value) {
        self.sources().parse()
    }
}

/// What a snapshot writes of the documents: the skeletons' text and each compacted list's
/// forms (one byte an item, [`KEPT`] for an item whose text stays), `None` for a list left as
/// it is in its document.
pub(super) struct Compact {
    pub roster: String,
    pub credentials: String,
    pub shifts: Option<Vec<u8>>,
    pub records: Option<Vec<u8>>,
    pub events: Option<Vec<u8>>,
}

/// Splits the documents into skeletons and forms (see the module's documentation).
pub(super) fn compact(m: &Model, sources: &Sources) -> Compact {
    let mut out = String::new();
    let (roster, shifts) = split(&sources.roster, "shifts", m.shifts.len(), &mut |(i, given): (usize, &str)| {
        out.clear();
        (shift_text(m, i, &mut out).is_some() && out == given).then_some(0)
    });
    let (credentials, records) = split(&sources.credentials, "credentials", m.records.len(), &mut |(i, given): (usize, &str)| record_form(m, i, given));
    let (credentials, events) = split(&credentials, "events", m.events.len(), &mut |(i, given): (usize, &str)| event_form(m, i, given));
    Compact { roster, credentials, shifts, records, events }
}

/// The document `text` with `text[key]` holding only the items `form` cannot write back; the
/// forms of all. The text as it is, and `None`, when that is not a list of `len` items. (`form`
/// behind a `&mut dyn`: one copy of this for the two lists, decision 146.)
fn split(text: &str, key: &str, len: usize, form: &mut dyn for<'a> CallMut<(usize, &'a str), Option<u8>>) -> (String, Option<Vec<u8>>) {
    let Some((open, items, close)) = list_in(text, key).filter(|l| l.1.len() == len) else { return (text.to_string(), None) };
    let mut forms = Vec::with_capacity(len);
    let mut skeleton = String::with_capacity(text.len() / 8);
    push_span(&mut skeleton, text, 0, open);
    let mut first = true;
    for (i, &(lo, hi)) in items.iter().enumerate() {
        let item = text.get(lo..hi).unwrap_or("");
        match form.call_mut((i, item)) {
            Some(f) => forms.push(f),
            None => {
                forms.push(KEPT);
                if !first {
                    skeleton.push(',');
                }
                first = false;
                skeleton.push_str(item);
            }
        }
    }
    push_span(&mut skeleton, text, close, text.len());
    (skeleton, Some(forms))
}

/// The documents written back from their skeletons, their lists' forms (shifts, records,
/// events: see [`Compact`]) and the model read from the snapshot.
pub(super) fn expand(m: &Model, roster: &str, credentials: &str, [shifts, records, events]: [Option<&[u8]>; 3]) -> Sources {
    let roster = join(roster, "shifts", shifts, &|(i, _, out): (usize, u8, &mut String)| shift_text(m, i, out));
    let credentials = join(credentials, "events", events, &|(i, f, out): (usize, u8, &mut String)| event_text(m, i, f, out));
    let credentials = join(&credentials, "credentials", records, &|(i, f, out): (usize, u8, &mut String)| record_text(m, i, f, out));
    Sources { roster, credentials }
}

/// A skeleton's list `key` with the items of `forms` written back by `write` (behind a `&dyn`:
/// one copy of this for the two lists, decision 146).
fn join(skeleton: &str, key: &str, forms: Option<&[u8]>, write: &dyn for<'a> Call<(usize, u8, &'a mut String), Option<()>>) -> String {
    let (Some(forms), Some((open, kept, close))) = (forms, list_in(skeleton, key)) else { return skeleton.to_string() };
    let mut out = String::with_capacity(skeleton.len() + 200 * forms.len());
    push_span(&mut out, skeleton, 0, open);
    let mut kept = kept.iter();
    for (i, &f) in forms.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let at = out.len();
        let written = if f == KEPT { kept.next().map(|&(lo, hi)| push_span(&mut out, skeleton, lo, hi)) } else { write.call((i, f, &mut out)) };
        if written.is_none() {
            out.truncate(at);
            out.push_str("null");
        }
    }
    push_span(&mut out, skeleton, close, skeleton.len());
    out
}

/// `text[lo..hi]` pushed onto `out`, nothing when that is not a span of `text`: out of line,
/// one copy of the span's checks and the growth for the five places that copy one (decision
/// 146).
#[inline(never)]
fn push_span(out: &mut String, text: &str, lo: usize, hi: usize) {
    out.push_str(text.get(lo..hi).unwrap_or(""));
}

// ---------------------------------------------------------------------------------------------
// Finding a list in JSON text (known to be valid: it loaded).

/// A list found in JSON text: the byte after its `[`, its items' spans, the byte of its `]`.
type List = (usize, Vec<(usize, usize)>, usize);

/// Where top-level `key`'s list is in the object `text`: the byte after its `[`, its items'
/// spans, and the byte of its `]`.
fn list_in(text: &str, key: &str) -> Option<List> {
    let b = text.as_bytes();
    let mut at = ws(b, 0);
    if b.get(at) != Some(&b'{') {
        return None;
    }
    at += 1;
    loop {
        at = ws(b, at);
        if b.get(at) != Some(&b'"') {
            return None;
        }
        let k = at;
        at = skip(b, at)?;
        let is_key = text.get(k + 1..at - 1) == Some(key);
        at = ws(b, at);
        if b.get(at) != Some(&b':') {
            return None;
        }
        at = ws(b, at + 1);
        if is_key {
            if b.get(at) != Some(&b'[') {
                return None;
            }
            let open = at + 1;
            let mut items = Vec::new();
            at = ws(b, open);
            if b.get(at) == Some(&b']') {
                return Some((open, items, at));
            }
            loop {
                let lo = ws(b, at);
                let hi = skip(b, lo)?;
                items.push((lo, hi));
                at = ws(b, hi);
                match b.get(at) {
                    Some(b',') => at += 1,
                    Some(b']') => return Some((open, items, at)),
                    _ => return None,
                }
            }
        }
        at = ws(b, skip(b, at)?);
        match b.get(at) {
            Some(b',') => at += 1,
            _ => return None,
        }
    }
}

/// The first byte at or after `at` that is not JSON white space. Out of line: inlined at each
/// of `list_in`'s eight calls, it was a loop each (decision 146).
#[inline(never)]
fn ws(b: &[u8], mut at: usize) -> usize {
    while matches!(b.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

/// The end of the JSON value starting at `at`.
fn skip(b: &[u8], mut at: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        match *b.get(at)? {
            b'"' => {
                at += 1;
                loop {
                    match *b.get(at)? {
                        b'"' => break,
                        b'\\' => at += 2,
                        _ => at += 1,
                    }
                }
                at += 1;
            }
            b'{' | b'[' => {
                depth += 1;
                at += 1;
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                at += 1;
            }
            b',' | b':' | b' ' | b'\t' | b'\n' | b'\r' if depth > 0 => at += 1,
            _ if depth > 0 => at += 1,
            _ => {
                // A number, true, false or null.
                while !matches!(b.get(at), None | Some(b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')) {
                    at += 1;
                }
                return Some(at);
            }
        }
        if depth == 0 {
            return Some(at);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Items written from the model, compact, keys in the order of SPEC §2.

fn key(out: &mut String, k: &str) {
    out.push_str(",\"");
    out.push_str(k);
    out.push_str("\":");
}

fn req_text(m: &Model, r: &crate::requirement::Req, out: &mut String) -> Option<()> {
    use crate::requirement::Req;
    match r {
        Req::Code(c) => {
            write_string(out, &m.types.get(*c as usize)?.code);
        }
        Req::All(items) | Req::Any(items) => {
            out.push_str(if matches!(r, Req::All(_)) { "{\"all\":[" } else { "{\"any\":[" });
            for (j, item) in items.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                req_text(m, item, out)?;
            }
            out.push_str("]}");
        }
    }
    Some(())
}

/// `v` in decimal, zero-padded to `width` digits (no `format!`: this runs for every shift).
fn digits(out: &mut String, v: u32, width: usize) {
    let mut buf = [b'0'; 10];
    let (mut v, mut n) = (v, 0);
    while v > 0 || n < width.max(1) {
        buf[9 - n] = b'0' + (v % 10) as u8;
        v /= 10;
        n += 1;
    }
    out.extend(buf[10 - n..].iter().map(|&b| b as char));
}

/// `YYYY-MM-DD` of a day; `None` beyond year 9999 (or before 0).
fn date(out: &mut String, day: i32) -> Option<()> {
    let (y, m, d) = civil_from_days(day);
    digits(out, u32::try_from(y).ok().filter(|&y| y <= 9999)?, 4);
    out.push('-');
    digits(out, m, 2);
    out.push('-');
    digits(out, d, 2);
    Some(())
}

/// An instant as RFC 3339 in its own offset, as `Instant::to_rfc3339` writes it, quoted.
fn instant(out: &mut String, t: crate::time::Instant) -> Option<()> {
    let local = t.ms + i64::from(t.offset_s) * 1000;
    let in_day = local.rem_euclid(DAY_MS) as u32;
    out.push('"');
    date(out, i32::try_from(local.div_euclid(DAY_MS)).ok()?)?;
    out.push('T');
    for (v, sep) in [(in_day / 3_600_000, ':'), (in_day / 60_000 % 60, ':'), (in_day / 1000 % 60, '.')] {
        digits(out, v, 2);
        if sep == ':' {
            out.push(sep);
        }
    }
    if in_day % 1000 != 0 {
        out.push('.');
        digits(out, in_day % 1000, 3);
    }
    if t.offset_s == 0 {
        out.push('Z');
    } else {
        out.push(if t.offset_s < 0 { '-' } else { '+' });
        let a = t.offset_s.unsigned_abs();
        digits(out, a / 3600, 2);
        out.push(':');
        digits(out, a / 60 % 60, 2);
    }
    out.push('"');
    Some(())
}

/// Shift `i` as the model writes it.
fn shift_text(m: &Model, i: usize, out: &mut String) -> Option<()> {
    let s = m.shifts.get(i)?;
    out.push_str("{\"id\":");
    write_string(out, m.shift_ids.get(i as u32));
    key(out, "start");
    instant(out, s.start)?;
    key(out, "end");
    instant(out, s.end)?;
    if let Some(l) = s.location {
        key(out, "locationId");
        write_string(out, &m.locations.get(l as usize)?.id);
    }
    if let Some(t) = s.team {
        key(out, "teamId");
        write_string(out, &m.teams.get(t as usize)?.id);
    }
    if let Some(r) = s.role {
        key(out, "roleId");
        write_string(out, &m.roles.get(r as usize)?.id);
    }
    let queues = m.shift_queues.get(s.queues.lo as usize..(s.queues.lo as usize + s.queues.len as usize))?;
    if !queues.is_empty() {
        key(out, "queueIds");
        list(out, queues, |q, out| write_string(out, &m.queues.get(q as usize)?.id))?;
    }
    if let Some(r) = s.requires {
        key(out, "requires");
        req_text(m, m.reqs.get(r as usize)?, out)?;
    }
    key(out, "assigned");
    list(out, &s.assigned, |e, out| write_string(out, &m.employees.get(e as usize)?.id))?;
    let crews = m.crews.get(s.crew.lo as usize..(s.crew.lo as usize + s.crew.len as usize))?;
    if !crews.is_empty() {
        key(out, "crew");
        out.push('[');
        for (j, c) in crews.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            out.push_str("{\"requires\":");
            req_text(m, m.reqs.get(c.requires as usize)?, out)?;
            out.push_str(",\"min\":");
            digits(out, c.min, 1);
            out.push('}');
        }
        out.push(']');
    }
    out.push('}');
    Some(())
}

/// `[` the items written by `f` `]`.
fn list(out: &mut String, items: &[u32], f: impl Fn(u32, &mut String) -> Option<()>) -> Option<()> {
    out.push('[');
    for (j, &v) in items.iter().enumerate() {
        if j > 0 {
            out.push(',');
        }
        f(v, out)?;
    }
    out.push(']');
    Some(())
}

/// `json::write_string` that says it wrote, with a fast path for the common id with nothing to
/// escape (a third of `snapshot()`'s writing went to escaping ids character by character).
fn write_string(out: &mut String, s: &str) -> Option<()> {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\' && b < 0x7f) {
        out.push('"');
        out.push_str(s);
        out.push('"');
    } else {
        crate::json::write_string(out, s);
    }
    Some(())
}

/// A date bound in form `f`: 0 the date of its day, 1 of the day before (a `validUntil`
/// date), 2 the month of the day before (a `validUntil` month).
fn bound_text(b: Bound, f: u8, out: &mut String) -> Option<()> {
    let Bound::LocalMidnight(day) = b else { return None };
    let (day, month) = match f {
        0 => (day, false),
        1 => (day - 1, false),
        2 => (day - 1, true),
        _ => return None,
    };
    out.push('"');
    if month {
        let (y, mo, _) = civil_from_days(day);
        digits(out, u32::try_from(y).ok().filter(|&y| y <= 9999)?, 4);
        out.push('-');
        digits(out, mo, 2);
    } else {
        date(out, day)?;
    }
    out.push('"');
    Some(())
}

/// Record `i`'s form if the model writes back `given` exactly with it.
fn record_form(m: &Model, i: usize, given: &str) -> Option<u8> {
    let r = m.records.get(i)?;
    let from = if r.from.is_some() { 0 } else { NO_BOUND };
    let untils: &[u8] = if r.until.is_some() { &[2, 1] } else { &[NO_BOUND] };
    let mut out = String::with_capacity(given.len());
    untils.iter().map(|u| from | u << 2).find(|&f| {
        out.clear();
        record_text(m, i, f, &mut out).is_some() && out == given
    })
}

/// Credential record `i` as the model writes it with form `f`.
fn record_text(m: &Model, i: usize, f: u8, out: &mut String) -> Option<()> {
    let r = m.records.get(i)?;
    out.push_str("{\"id\":");
    write_string(out, &r.id);
    key(out, "employeeId");
    write_string(out, &r.employee_id);
    key(out, "code");
    write_string(out, &r.code_text);
    match (r.from, f & 3) {
        (None, NO_BOUND) => {}
        (Some(b), form) => {
            key(out, "validFrom");
            bound_text(b, form, out)?;
        }
        _ => return None,
    }
    key(out, "validUntil");
    match (r.until, f >> 2) {
        (None, NO_BOUND) => out.push_str("null"),
        (Some(b), form) => bound_text(b, form, out)?,
        _ => return None,
    }
    let status = match r.status {
        RecordStatus::Active => None,
        RecordStatus::Pending => Some("pending"),
        RecordStatus::Suspended => Some("suspended"),
        RecordStatus::Revoked => Some("revoked"),
    };
    if let Some(s) = status {
        key(out, "status");
        write_string(out, s);
    }
    if let Some(l) = &r.valid_in {
        key(out, "validIn");
        list(out, l, |j, out| write_string(out, m.jurisdictions.get(j as usize)?))?;
    }
    if let Some(s) = &r.issuer {
        key(out, "issuer");
        write_string(out, s);
    }
    if let Some(s) = &r.identifier {
        key(out, "identifier");
        write_string(out, s);
    }
    if r.supervised {
        key(out, "restrictions");
        out.push_str("[\"supervised\"]");
    }
    out.push('}');
    Some(())
}

/// Event `i`'s form if the model writes back `given` exactly with it: its `count` written when it
/// is not 1 (1 when written anyway), its `hours` when they are not 0 (2 when written anyway).
fn event_form(m: &Model, i: usize, given: &str) -> Option<u8> {
    let e = m.events.get(i)?;
    let least = u8::from(e.count != 1) | u8::from(e.hours != 0.0) << 1;
    let mut out = String::with_capacity(given.len());
    [least, 3, 1, 2].into_iter().find(|&f| {
        out.clear();
        f & least == least && event_text(m, i, f, &mut out).is_some() && out == given
    })
}

/// Event `i` as the model writes it with form `f` ([`event_form`]); `None` for hours that are
/// not a whole number (their text is kept: the model holds the number, not how it was written).
fn event_text(m: &Model, i: usize, f: u8, out: &mut String) -> Option<()> {
    let e = m.events.get(i)?;
    out.push_str("{\"id\":");
    write_string(out, &e.id);
    key(out, "employeeId");
    write_string(out, &e.employee_id);
    key(out, "kind");
    write_string(out, m.event_kinds.get(e.kind));
    key(out, "at");
    instant(out, e.at)?;
    if f & 1 != 0 {
        key(out, "count");
        digits(out, e.count, 1);
    }
    if f & 2 != 0 {
        key(out, "hours");
        let whole = (0.0..1e9).contains(&e.hours) && e.hours.fract() == 0.0;
        digits(out, whole.then_some(e.hours as u32)?, 1);
    }
    out.push('}');
    Some(())
}
