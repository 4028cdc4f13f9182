//! The documents' text in a snapshot: only what the model cannot write back.
//!
//! `export` starts from the documents as loaded, so an engine keeps their text. A snapshot does
//! not carry it whole (it was two thirds of the bytes, and of what `fromSnapshot` copied and
//! checked): the shifts and the credential records, nearly all of the text, are written back
//! from the model when they can be, and only those that cannot (unknown fields, another key
//! order, a date written as an instant, `validIn` naming a group, ...) keep their JSON. What can
//! be is decided by trying, when the snapshot is written: an item is left out of the text only
//! if the value written from the model equals the one parsed from its text (with the form each
//! date was written in, one byte an item), so `export` after `fromSnapshot` equals `export` of
//! the engine that wrote it by construction. The rest of the documents (types, locations,
//! employees, the items kept) is the *skeleton*: the documents' JSON with those two lists
//! holding only the items kept.
//!
//! An engine rebuilt from a snapshot keeps the snapshot's bytes and writes its documents' text
//! from them on first use (`export`, `standing`, the reports that quote records, a snapshot of
//! it), reading the model again from the bytes, not from the engine's model, which edits change
//! (docs/decisions.md, "Snapshots: compact").

use crate::json::Value;
use crate::model::{Model, RecordStatus, Sources};
use crate::time::{civil_from_days, format_date, Bound};
use std::sync::{Arc, OnceLock};

/// An item the model cannot write back: its JSON stays in the skeleton.
pub(super) const KEPT: u8 = 0xFF;
/// A date bound that is absent (`validFrom`) or `null` (`validUntil`).
const NO_BOUND: u8 = 3;

/// The documents' text of an engine: as loaded, or written on first use from the snapshot it
/// was rebuilt from.
#[derive(Clone)]
pub(crate) struct Texts {
    text: OnceLock<Sources>,
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
        Texts { text: OnceLock::from(s), snapshot: None }
    }
}

impl Texts {
    /// The text of an engine rebuilt from `snapshot` (checked, and read once already).
    pub(super) fn of_snapshot(snapshot: Arc<Vec<u8>>) -> Texts {
        Texts { text: OnceLock::new(), snapshot: Some(snapshot) }
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

/// What a snapshot writes of the documents: the skeletons' JSON and each compacted list's
/// forms (one byte an item, [`KEPT`] for an item whose JSON stays), `None` for a list left as
/// it is in its document.
pub(super) struct Compact {
    pub roster: String,
    pub credentials: String,
    pub shifts: Option<Vec<u8>>,
    pub records: Option<Vec<u8>>,
}

/// Splits the documents into skeletons and forms (see the module's documentation).
pub(super) fn compact(m: &Model, sources: &Sources) -> Compact {
    let (mut roster, mut credentials) = sources.parse();
    let shifts = split(&mut roster, "shifts", m.shifts.len(), |i, v| (shift_value(m, i).as_ref() == Some(v)).then_some(0));
    let records = split(&mut credentials, "credentials", m.records.len(), |i, v| record_form(m, i, v));
    Compact { roster: roster.to_json(), credentials: credentials.to_json(), shifts, records }
}

/// Leaves in `doc[key]` only the items `form` cannot write back; the forms of all.
fn split(doc: &mut Value, key: &str, len: usize, form: impl Fn(usize, &Value) -> Option<u8>) -> Option<Vec<u8>> {
    let Some(Value::Array(items)) = doc.get_mut(key) else { return None };
    if items.len() != len {
        return None;
    }
    let mut forms = Vec::with_capacity(len);
    let mut kept = Vec::new();
    for (i, item) in std::mem::take(items).into_iter().enumerate() {
        match form(i, &item) {
            Some(f) => forms.push(f),
            None => {
                forms.push(KEPT);
                kept.push(item);
            }
        }
    }
    *items = kept;
    Some(forms)
}

/// The documents written back from a skeleton, its forms and the model read from the snapshot.
pub(super) fn expand(m: &Model, compact: Compact) -> Sources {
    let parse = |text: &str| crate::json::parse(text).map(|p| p.value).unwrap_or(Value::Object(Vec::new()));
    let (mut roster, mut credentials) = (parse(&compact.roster), parse(&compact.credentials));
    join(&mut roster, "shifts", compact.shifts.as_deref(), |i, _| shift_value(m, i));
    join(&mut credentials, "credentials", compact.records.as_deref(), |i, f| record_value(m, i, f));
    Sources { roster: roster.to_json(), credentials: credentials.to_json() }
}

fn join(doc: &mut Value, key: &str, forms: Option<&[u8]>, value: impl Fn(usize, u8) -> Option<Value>) {
    let Some(forms) = forms else { return };
    let Some(Value::Array(items)) = doc.get_mut(key) else { return };
    let mut kept = std::mem::take(items).into_iter();
    *items = forms
        .iter()
        .enumerate()
        .map(|(i, &f)| if f == KEPT { kept.next() } else { value(i, f) }.unwrap_or(Value::Null))
        .collect();
}

fn string(s: &str) -> Value {
    Value::String(s.to_string())
}

/// Shift `i` as the model would write it: keys in the order of SPEC §2.3.
fn shift_value(m: &Model, i: usize) -> Option<Value> {
    let s = m.shifts.get(i)?;
    let named = |list: &[crate::model::Named], v: u32| list.get(v as usize).map(|n| string(&n.id));
    let code = |c: u32| m.types.get(c as usize).map_or_else(String::new, |t| t.code.clone());
    let req = |r: u32| m.reqs.get(r as usize).map(|r| r.to_value(&code));
    let mut o = vec![("id".to_string(), string(m.shift_ids.get(i as u32))), ("start".into(), Value::String(s.start.to_rfc3339())), ("end".into(), Value::String(s.end.to_rfc3339()))];
    if let Some(l) = s.location {
        o.push(("locationId".into(), string(&m.locations.get(l as usize)?.id)));
    }
    if let Some(t) = s.team {
        o.push(("teamId".into(), string(&m.teams.get(t as usize)?.id)));
    }
    if let Some(r) = s.role {
        o.push(("roleId".into(), named(&m.roles, r)?));
    }
    let queues = m.shift_queues.get(s.queues.lo as usize..(s.queues.lo + s.queues.len) as usize)?;
    if !queues.is_empty() {
        o.push(("queueIds".into(), Value::Array(queues.iter().map(|&q| named(&m.queues, q)).collect::<Option<_>>()?)));
    }
    if let Some(r) = s.requires {
        o.push(("requires".into(), req(r)?));
    }
    let assigned = s.assigned.iter().map(|&e| m.employees.get(e as usize).map(|e| string(&e.id))).collect::<Option<_>>()?;
    o.push(("assigned".into(), Value::Array(assigned)));
    let crews = m.crews.get(s.crew.lo as usize..(s.crew.lo + s.crew.len) as usize)?;
    if !crews.is_empty() {
        let crew = crews.iter().map(|c| Some(Value::Object(vec![("requires".into(), req(c.requires)?), ("min".into(), Value::Number(c.min.to_string().into()))])));
        o.push(("crew".into(), Value::Array(crew.collect::<Option<_>>()?)));
    }
    Some(Value::Object(o))
}

/// A date bound in form `f`: 0 the date of its day, 1 of the day before (a `validUntil`
/// date), 2 the month of the day before (a `validUntil` month).
fn bound_text(b: Bound, f: u8) -> Option<String> {
    let Bound::LocalMidnight(day) = b else { return None };
    match f {
        0 => Some(format_date(day)),
        1 => Some(format_date(day - 1)),
        2 => {
            let (y, mo, _) = civil_from_days(day - 1);
            let mut s = format_date(crate::time::days_from_civil(y, mo, 1));
            s.truncate(s.len() - 3);
            Some(s)
        }
        _ => None,
    }
}

/// The form of a bound given as `given` (absent or `null` is [`NO_BOUND`]).
fn bound_form(b: Option<Bound>, given: Option<&Value>) -> Option<u8> {
    match (b, given) {
        (None, None | Some(Value::Null)) => Some(NO_BOUND),
        (Some(b), Some(Value::String(s))) => (0..3).find(|&f| bound_text(b, f).as_deref() == Some(s)),
        _ => None,
    }
}

/// Record `i`'s form if the model writes back `given` exactly with it.
fn record_form(m: &Model, i: usize, given: &Value) -> Option<u8> {
    let f = bound_form(m.records.get(i)?.from, given.get("validFrom"))? | bound_form(m.records.get(i)?.until, given.get("validUntil"))? << 2;
    (record_value(m, i, f).as_ref() == Some(given)).then_some(f)
}

/// Credential record `i` as the model writes it with form `f`: keys in the order of SPEC §2.2.
fn record_value(m: &Model, i: usize, f: u8) -> Option<Value> {
    let r = m.records.get(i)?;
    let mut o = vec![("id".to_string(), string(&r.id)), ("employeeId".into(), string(&r.employee_id)), ("code".into(), string(&r.code_text))];
    match (r.from, f & 3) {
        (None, NO_BOUND) => {}
        (Some(b), form) => o.push(("validFrom".into(), Value::String(bound_text(b, form)?))),
        _ => return None,
    }
    match (r.until, f >> 2) {
        (None, NO_BOUND) => o.push(("validUntil".into(), Value::Null)),
        (Some(b), form) => o.push(("validUntil".into(), Value::String(bound_text(b, form)?))),
        _ => return None,
    }
    let status = match r.status {
        RecordStatus::Active => None,
        RecordStatus::Pending => Some("pending"),
        RecordStatus::Suspended => Some("suspended"),
        RecordStatus::Revoked => Some("revoked"),
    };
    if let Some(s) = status {
        o.push(("status".into(), string(s)));
    }
    if let Some(list) = &r.valid_in {
        o.push(("validIn".into(), Value::Array(list.iter().map(|&j| m.jurisdictions.get(j as usize).map(|j| string(j))).collect::<Option<_>>()?)));
    }
    if let Some(s) = &r.issuer {
        o.push(("issuer".into(), string(s)));
    }
    if let Some(s) = &r.identifier {
        o.push(("identifier".into(), string(s)));
    }
    if r.supervised {
        o.push(("restrictions".into(), Value::Array(vec![string("supervised")])));
    }
    Some(Value::Object(o))
}
