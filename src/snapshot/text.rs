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

use crate::human::{push_int, push_padded};
use crate::json::Value;
use crate::model::{Model, RecordStatus, Sources};
use crate::time::{civil_from_days, push_instant, Bound, DAY_MS};
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

/// A list whose items the model writes back: its key in its document, the forms an item of it
/// may have been written in (tried in this order), and its writer, which writes item `i` in
/// form `f` (`None` when the model cannot). One `split` and one `join` for the three lists,
/// each calling these by pointer, where each list had its own closures.
struct Items {
    key: &'static str,
    forms: fn(&Model, usize) -> &'static [u8],
    write: fn(&Model, usize, u8, &mut String) -> Option<()>,
}

const SHIFTS: Items = Items { key: "shifts", forms: |_, _| &[0], write: shift_text };
const RECORDS: Items = Items { key: "credentials", forms: record_forms, write: record_text };
const EVENTS: Items = Items { key: "events", forms: event_forms, write: event_text };

/// Splits the documents into skeletons and forms (see the module's documentation).
pub(super) fn compact(m: &Model, sources: &Sources) -> Compact {
    let (roster, shifts) = split(m, &sources.roster, &SHIFTS, m.shifts.len());
    let (credentials, records) = split(m, &sources.credentials, &RECORDS, m.records.len());
    let (credentials, events) = split(m, &credentials, &EVENTS, m.events.len());
    Compact { roster, credentials, shifts, records, events }
}

/// The document `text` with `text[list.key]` holding only the items the model cannot write
/// back; the forms of all (each item's first form whose text is the item's, byte for byte, or
/// [`KEPT`]). The text as it is, and `None`, when that is not a list of `len` items.
fn split(m: &Model, text: &str, list: &Items, len: usize) -> (String, Option<Vec<u8>>) {
    let Some((open, items, close)) = list_in(text, list.key).filter(|l| l.1.len() == len) else { return (crate::load::own(text), None) };
    let mut forms = Vec::with_capacity(len);
    let mut skeleton = String::with_capacity(text.len() / 8);
    let mut out = String::new();
    push_span(&mut skeleton, text, 0, open);
    let mut first = true;
    for (i, &(lo, hi)) in items.iter().enumerate() {
        let item = text.get(lo..hi).unwrap_or("");
        let form = (list.forms)(m, i).iter().copied().find(|&f| {
            out.clear();
            (list.write)(m, i, f, &mut out).is_some() && out == item
        });
        match form {
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
    let roster = join(m, roster, &SHIFTS, shifts);
    let credentials = join(m, credentials, &EVENTS, events);
    let credentials = join(m, &credentials, &RECORDS, records);
    Sources { roster, credentials }
}

/// A skeleton's list `list.key` with the items of `forms` written back.
fn join(m: &Model, skeleton: &str, list: &Items, forms: Option<&[u8]>) -> String {
    let (Some(forms), Some((open, kept, close))) = (forms, list_in(skeleton, list.key)) else { return crate::load::own(skeleton) };
    let mut out = String::with_capacity(skeleton.len() + 200 * forms.len());
    push_span(&mut out, skeleton, 0, open);
    let mut kept = kept.iter();
    for (i, &f) in forms.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let at = out.len();
        let written = if f == KEPT { kept.next().map(|&(lo, hi)| push_span(&mut out, skeleton, lo, hi)) } else { (list.write)(m, i, f, &mut out) };
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

/// The days of 0000-01-01 and 9999-12-31: the dates a load reads (a forged snapshot's need not
/// be, and are not written).
const FIRST_DAY: i32 = -719_528;
const LAST_DAY: i32 = 2_932_896;

/// `YYYY-MM-DD` of a day (`YYYY-MM` with `month`), as the crate writes dates ([`push_padded`]);
/// `None` beyond year 9999 (or before 0).
fn date(out: &mut String, day: i32, month: bool) -> Option<()> {
    (FIRST_DAY..=LAST_DAY).contains(&day).then_some(())?;
    let (y, m, d) = civil_from_days(day);
    push_padded(out, i64::from(y), 4);
    out.push('-');
    push_padded(out, i64::from(m), 2);
    if !month {
        out.push('-');
        push_padded(out, i64::from(d), 2);
    }
    Some(())
}

/// An instant as RFC 3339 in its own offset, quoted: `Instant::to_rfc3339`'s text
/// ([`push_instant`]), for a local date of year 0000 to 9999 only.
fn instant(out: &mut String, t: crate::time::Instant) -> Option<()> {
    let local = t.ms + i64::from(t.offset_s) * 1000;
    (i64::from(FIRST_DAY)..=i64::from(LAST_DAY)).contains(&local.div_euclid(DAY_MS)).then_some(())?;
    out.push('"');
    push_instant(out, t.ms, t.offset_s);
    out.push('"');
    Some(())
}

/// Shift `i` as the model writes it (in its one form, 0).
fn shift_text(m: &Model, i: usize, _form: u8, out: &mut String) -> Option<()> {
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
        list(out, m, "queueIds", queues, |m, q| Some(&m.queues.get(q as usize)?.id))?;
    }
    if let Some(r) = s.requires {
        key(out, "requires");
        req_text(m, m.reqs.get(r as usize)?, out)?;
    }
    list(out, m, "assigned", &s.assigned, |m, e| Some(&m.employees.get(e as usize)?.id))?;
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
            push_int(out, i64::from(c.min));
            out.push('}');
        }
        out.push(']');
    }
    out.push('}');
    Some(())
}

/// Key `k`, then `[` the ids of `items` `]`: indexes into a list of the model, `id` the id of
/// one (`None` out of range). One copy for the three lists, their ids looked up by pointer.
fn list(out: &mut String, m: &Model, k: &str, items: &[u32], id: fn(&Model, u32) -> Option<&str>) -> Option<()> {
    key(out, k);
    out.push('[');
    for (j, &v) in items.iter().enumerate() {
        if j > 0 {
            out.push(',');
        }
        write_string(out, id(m, v)?);
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
    date(out, day, month)?;
    out.push('"');
    Some(())
}

/// Record `i`'s forms ([`record_text`]): its `validFrom`'s (a date, or [`NO_BOUND`]) with its
/// `validUntil`'s (a month, then a date; or [`NO_BOUND`]).
fn record_forms(m: &Model, i: usize) -> &'static [u8] {
    let Some(r) = m.records.get(i) else { return &[] };
    match (r.from.is_some(), r.until.is_some()) {
        (true, true) => &[2 << 2, 1 << 2],
        (true, false) => &[NO_BOUND << 2],
        (false, true) => &[NO_BOUND | 2 << 2, NO_BOUND | 1 << 2],
        (false, false) => &[NO_BOUND | NO_BOUND << 2],
    }
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
        list(out, m, "validIn", l, |m, j| m.jurisdictions.get(j as usize).map(String::as_str))?;
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

/// Event `i`'s forms ([`event_text`]): bit 1 its `count` written, bit 2 its `hours`; each
/// written when it is not the default (1, 0), else tried first without.
fn event_forms(m: &Model, i: usize) -> &'static [u8] {
    let Some(e) = m.events.get(i) else { return &[] };
    match (e.count != 1, e.hours != 0.0) {
        (false, false) => &[0, 3, 1, 2],
        (true, false) => &[1, 3],
        (false, true) => &[2, 3],
        (true, true) => &[3],
    }
}

/// Event `i` as the model writes it with form `f` ([`event_forms`]); `None` for hours that are
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
        push_int(out, i64::from(e.count));
    }
    if f & 2 != 0 {
        key(out, "hours");
        let whole = (0.0..1e9).contains(&e.hours) && e.hours.fract() == 0.0;
        push_int(out, whole.then_some(e.hours as i64)?);
    }
    out.push('}');
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_and_last_day_are_those_of_years_0000_and_9999() {
        assert_eq!(civil_from_days(FIRST_DAY), (0, 1, 1));
        assert_eq!(civil_from_days(FIRST_DAY - 1), (-1, 12, 31));
        assert_eq!(civil_from_days(LAST_DAY), (9999, 12, 31));
        assert_eq!(civil_from_days(LAST_DAY + 1), (10000, 1, 1));
    }
}
