//! What the fuzz targets share: splitting raw bytes into two documents, a small document model
//! that `arbitrary` fills in and that renders to the JSON of SPEC §2 (so that the fuzzer spends
//! its time in the verdict logic rather than in the JSON reader), and the invariants checked on
//! every engine that loads.
//!
//! The model is built to collide, like `tests/it/properties.rs`: shifts cluster around one anchor
//! day (so they overlap, touch and crowd the rest rule), validity bounds fall on and around shift
//! edges in every form (instant, date, month, `null`), anchors sit at the edges of the accepted
//! range (years 0000 and 9999, leap days), offsets run from -23:59 to +23:59, `graceDays`,
//! `alertDays` and crew `min` reach the 1,000,000 limit, `satisfies` may form cycles, and ids may
//! be `__proto__`, hold a NUL byte, or be non-ASCII.

use arbitrary::Arbitrary;
use time::{civil_from_days, days_from_civil};
use credgate::{Engine, Finding, GroupBy, Placement, Severity, Status, Verdict};
use serde_json::{json, Map, Value};

/// credgate's date arithmetic, compiled into this crate from the library's own source: the
/// library keeps it internal (its users pass RFC 3339 text), and the targets need it to build
/// instants and windows around the ones they generate.
#[path = "../../src/time.rs"]
#[allow(dead_code)]
pub mod time;

/// What `time` needs of the library's JSON writer: a string as JSON text, for its messages.
mod json {
    pub(crate) fn write_string(out: &mut String, s: &str) {
        out.push_str(&serde_json::Value::from(s).to_string());
    }
}

/// What `time` needs of the library's number writer: `n` as `{:0width$}` writes it (sign
/// first, then zeros to `width` characters, then the digits), as `human::push_padded` does.
mod human {
    pub(crate) fn push_padded(out: &mut String, n: i64, width: usize) {
        out.push_str(&format!("{n:0width$}"));
    }
}

pub const DAY: i64 = 86_400_000;
const MIN: i64 = 60_000;

/// Splits fuzzer bytes into roster and credentials text at the first 0xFF byte (never part of
/// UTF-8). Without one, everything is the roster and the credentials document is `{}`. Invalid
/// UTF-8 is replaced (the engine takes `&str`; the CLI refuses invalid UTF-8 before loading).
pub fn split(data: &[u8]) -> (String, String) {
    match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (String::from_utf8_lossy(&data[..i]).into_owned(), String::from_utf8_lossy(&data[i + 1..]).into_owned()),
        None => (String::from_utf8_lossy(data).into_owned(), "{}".to_string()),
    }
}

// ---------------------------------------------------------------------------------------------
// Instants.

/// Local calendar days the shifts cluster around: the ends of the accepted range, leap days,
/// the epoch, a month end in the sample data's season.
const ANCHORS: [(i32, u32, u32); 9] = [(0, 1, 1), (0, 2, 29), (0, 12, 31), (1970, 1, 1), (2026, 12, 1), (2027, 2, 28), (2028, 2, 29), (9999, 12, 1), (9999, 12, 31)];
/// UTC offsets in seconds: Z, -06:00, +09:00, +14:00, -12:00, +05:30, +05:45, +23:59, -23:59.
const OFFSETS: [i32; 9] = [0, -21_600, 32_400, 50_400, -43_200, 19_800, 20_700, 86_340, -86_340];

/// A local time near an anchor day, in one of the offsets, written in one of the RFC 3339 forms.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct TimeG {
    /// 0 (mod 4): an anchor of its own; otherwise the document's anchor.
    jump: u8,
    /// Days from the anchor, -4..=4.
    day: i8,
    /// Minute of the day; 15-minute steps mostly, so that edges meet.
    minute: u16,
    offset: u8,
    /// How it is written: seconds or not, milliseconds, a leap second, `t`/`z`/space.
    style: u8,
}

/// A local time: milliseconds since the epoch as read on a local clock, and the offset.
#[derive(Debug, Clone, Copy)]
pub struct At {
    pub local: i64,
    pub off: i32,
}

impl At {
    pub fn utc(self) -> i64 {
        self.local - i64::from(self.off) * 1000
    }
    pub fn from_utc(utc: i64, off: i32) -> At {
        At { local: utc + i64::from(off) * 1000, off }
    }
    pub fn day(self) -> i64 {
        self.local.div_euclid(DAY)
    }
}

fn anchor_day(i: u8) -> i64 {
    let (y, m, d) = ANCHORS[i as usize % ANCHORS.len()];
    i64::from(days_from_civil(y, m, d))
}

impl TimeG {
    pub fn at(&self, base: u8) -> At {
        let anchor = if self.jump % 4 == 0 { anchor_day(self.jump / 4) } else { anchor_day(base) };
        let day = anchor + i64::from(self.day % 5);
        let minute = if self.minute & 0x8000 != 0 { i64::from(self.minute % 1440) } else { i64::from(self.minute % 96) * 15 };
        At { local: day * DAY + minute * MIN, off: OFFSETS[self.offset as usize % OFFSETS.len()] }
    }
    pub fn text(&self, base: u8) -> String {
        format_at(self.at(base), self.style)
    }
}

/// Writes a local time as RFC 3339. A year outside 0000–9999 is written as it falls (`-001`,
/// `10000`), which the engine must refuse with an error, not a panic.
pub fn format_at(at: At, style: u8) -> String {
    let day = at.local.div_euclid(DAY);
    let in_day = at.local.rem_euclid(DAY);
    let (y, m, d) = civil_from_days(day.clamp(i64::from(i32::MIN / 2), i64::from(i32::MAX / 2)) as i32);
    let (hh, mm, ss, ms) = (in_day / 3_600_000, in_day / MIN % 60, in_day / 1000 % 60, in_day % 1000);
    let t = match style % 8 {
        6 => 't',
        7 => ' ',
        _ => 'T',
    };
    let mut s = format!("{y:04}-{m:02}-{d:02}{t}{hh:02}:{mm:02}");
    match style / 8 % 6 {
        0 => {}
        1 if ss == 0 && ms == 0 => s.push_str(":00.5"),
        2 if mm == 59 => s.push_str(":60"), // a leap second: read as :59.999
        3 => s.push_str(&format!(":{ss:02}.{ms:03}999")),
        _ => s.push_str(&format!(":{ss:02}")),
    }
    if at.off == 0 {
        s.push_str(match style / 48 % 3 {
            0 => "Z",
            1 => "z",
            _ => "-00:00",
        });
    } else {
        let a = at.off.unsigned_abs();
        s.push_str(&format!("{}{:02}:{:02}", if at.off < 0 { '-' } else { '+' }, a / 3600, a / 60 % 60));
    }
    s
}

fn format_date(day: i64) -> String {
    let (y, m, d) = civil_from_days(day.clamp(-1_000_000, 5_000_000) as i32);
    format!("{y:04}-{m:02}-{d:02}")
}

// ---------------------------------------------------------------------------------------------
// Ids. Every document picks one style for all its ids; the ids of one collection stay distinct.

const PROTO: [&str; 8] = ["__proto__", "constructor", "hasOwnProperty", "toString", "valueOf", "prototype", "__defineGetter__", "then"];

fn id(style: u8, prefix: &str, i: usize) -> String {
    match style % 7 {
        0 | 1 => format!("{prefix}{i}"),
        2 => PROTO.get(i).map_or_else(|| format!("{}{i}", PROTO[0]), |s| s.to_string()),
        3 => format!("{prefix}\u{0}{i}"),
        4 => format!("{prefix}é{i}\u{1F600}"),
        5 => format!("{i}"),
        _ => format!("{prefix} {i}\"\\</script>"),
    }
}

fn code(style: u8, i: usize) -> String {
    match style % 7 {
        2 => PROTO.get(i).map_or_else(|| format!("C{i}"), |s| s.to_string()),
        3 => format!("C\u{0}{i}"),
        _ => ["BLS", "ACLS", "RN", "PALS", "CPR", "LPN"].get(i).map_or_else(|| format!("C{i}"), |s| s.to_string()),
    }
}

const JURS: [&str; 3] = ["US-TX", "US-FL", "US-CA"];

// ---------------------------------------------------------------------------------------------
// The document model.

#[derive(Arbitrary, Debug, Clone)]
pub enum ReqG {
    Code(u8),
    All(Vec<ReqG>),
    Any(Vec<ReqG>),
    Null,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct TypeG {
    grace: u8,
    alert: Option<Vec<u8>>,
    jurisdictional: bool,
    satisfies: Vec<u8>,
    named: bool,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct LocG {
    jurisdiction: Option<u8>,
    requires: Option<ReqG>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct EmpG {
    roles: Option<Vec<u8>>,
    team: Option<u8>,
    named: bool,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct CrewG {
    requires: ReqG,
    min: u8,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct ShiftG {
    start: TimeG,
    dur: u16,
    end_offset: Option<u8>,
    location: Option<u8>,
    role: Option<u8>,
    queues: Vec<u8>,
    requires: Option<ReqG>,
    assigned: Vec<u8>,
    crew: Vec<CrewG>,
}

/// A validity bound: relative to a shift's edge (so that it lands on, just before or just after
/// it), anywhere near an anchor, `null`, or arbitrary text.
#[derive(Arbitrary, Debug, Clone)]
pub enum BoundG {
    Rel { shift: u8, end: bool, delta: u8, form: u8 },
    Abs { t: TimeG, form: u8 },
    Null,
    Raw(String),
}

#[derive(Arbitrary, Debug, Clone)]
pub struct CredG {
    emp: u8,
    code: u8,
    from: Option<BoundG>,
    until: BoundG,
    status: u8,
    valid_in: Option<Vec<u8>>,
    supervised: bool,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct WaiverG {
    emp: u8,
    code: u8,
    from: BoundG,
    until: BoundG,
    locations: Option<Vec<u8>>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct TrainG {
    emp: u8,
    code: Option<u8>,
    start: TimeG,
    dur: u16,
    status: u8,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct Doc {
    /// The anchor day most times cluster around.
    pub base: u8,
    /// The id style (plain, `__proto__`-like, NUL, non-ASCII, digits, quotes and `</script>`).
    pub ids: u8,
    /// Unknown fields to add (near misses warn; others are kept silently), one bit each.
    pub extras: u8,
    types: Vec<TypeG>,
    groups: Vec<Vec<u8>>,
    locations: Vec<LocG>,
    roles: Vec<Option<ReqG>>,
    queues: Vec<Option<ReqG>>,
    employees: Vec<EmpG>,
    shifts: Vec<ShiftG>,
    credentials: Vec<CredG>,
    waivers: Vec<WaiverG>,
    trainings: Vec<TrainG>,
    rest: u8,
    overlap: u8,
}

/// Relative offsets of a bound from a shift edge.
const DELTAS: [i64; 14] = [0, 0, 0, -MIN, MIN, -3_600_000, 3_600_000, -DAY, DAY, -2 * DAY, -3 * DAY, 30 * DAY, -400 * DAY, 5 * DAY];
const GRACE: [u32; 7] = [0, 0, 1, 3, 30, 999_999, 1_000_000];
const ALERT: [u32; 7] = [0, 1, 2, 30, 90, 365, 1_000_000];
const CREW_MIN: [u32; 5] = [1, 1, 2, 0, 1_000_000];

/// Dimensions, kept small so that every pair can be checked on every run.
pub const MAX_TYPES: usize = 5;
pub const MAX_EMPLOYEES: usize = 6;
pub const MAX_SHIFTS: usize = 8;
const MAX_RECORDS: usize = 14;

fn pick<T: Clone>(items: &[T], n: u8) -> Option<T> {
    if items.is_empty() {
        None
    } else {
        Some(items[n as usize % items.len()].clone())
    }
}

struct Cx<'a> {
    doc: &'a Doc,
    codes: Vec<String>,
    shift_times: Vec<(At, At)>,
}

impl Cx<'_> {
    fn req(&self, r: &ReqG, depth: u32) -> Value {
        match r {
            ReqG::Null => Value::Null,
            ReqG::Code(c) => {
                // One code in 16 names no type: a load error.
                if *c % 16 == 15 {
                    json!("NOPE")
                } else {
                    json!(pick(&self.codes, *c).unwrap_or_else(|| "NOPE".into()))
                }
            }
            ReqG::All(items) | ReqG::Any(items) if depth >= 4 => self.req(items.first().unwrap_or(&ReqG::Code(0)), depth + 1),
            ReqG::All(items) => json!({"all": items.iter().take(4).map(|i| self.req(i, depth + 1)).collect::<Vec<_>>()}),
            ReqG::Any(items) => json!({"any": items.iter().take(4).map(|i| self.req(i, depth + 1)).collect::<Vec<_>>()}),
        }
    }

    fn bound(&self, b: &BoundG, until: bool) -> Value {
        let base = self.doc.base;
        let (at, form) = match b {
            BoundG::Null => return Value::Null,
            BoundG::Raw(s) => return json!(s.chars().take(40).collect::<String>()),
            BoundG::Abs { t, form } => (t.at(base), *form),
            BoundG::Rel { shift, end, delta, form } => {
                let Some((s, e)) = pick(&self.shift_times, *shift) else { return Value::Null };
                let edge = if *end { e } else { s };
                (At { local: edge.local + DELTAS[*delta as usize % DELTAS.len()], off: edge.off }, *form)
            }
        };
        json!(match form % 6 {
            0 | 1 => format_at(at, form / 6),
            2 => format_at(At::from_utc(at.utc(), 0), 0),
            // A date: the local day of the instant; as a validUntil, the day before (so the
            // window ends at the instant's local midnight).
            3 => format_date(if until { at.day() - 1 } else { at.day() }),
            4 => format_date(at.day()),
            // A month (validUntil only; in validFrom an error).
            _ => format_date(at.day())[..7].to_string(),
        })
    }

    fn emp_ref(&self, e: u8) -> Value {
        let n = self.doc.employees.len().min(MAX_EMPLOYEES);
        let i = e as usize % (n + 1);
        json!(if i == n { "ghost".to_string() } else { id(self.doc.ids, "e", i) })
    }

    fn code_ref(&self, c: u8) -> Value {
        let i = c as usize % (self.codes.len() + 1);
        json!(self.codes.get(i).cloned().unwrap_or_else(|| "UNKNOWN".into()))
    }
}

fn extra(obj: &mut Value, key: &str, value: Value) {
    if let Value::Object(m) = obj {
        m.insert(key.to_string(), value);
    }
}

impl Doc {
    /// The number of shifts and employees the rendered documents hold.
    pub fn dims(&self) -> (usize, usize) {
        (self.employees.len().min(MAX_EMPLOYEES), self.shifts.len().min(MAX_SHIFTS))
    }

    /// The ids of employee `i` and shift `i`, as rendered.
    pub fn emp_id(&self, i: usize) -> String {
        id(self.ids, "e", i)
    }
    pub fn shift_id(&self, i: usize) -> String {
        id(self.ids, "s", i)
    }

    /// The credential type codes, as rendered.
    pub fn codes(&self) -> Vec<String> {
        (0..self.types.len().clamp(1, MAX_TYPES)).map(|i| code(self.ids, i)).collect()
    }

    /// The roster and credentials documents, as JSON text.
    pub fn render(&self) -> (String, String) {
        let n_types = self.types.len().clamp(1, MAX_TYPES);
        let codes: Vec<String> = (0..n_types).map(|i| code(self.ids, i)).collect();
        let shift_times: Vec<(At, At)> = self
            .shifts
            .iter()
            .take(MAX_SHIFTS)
            .map(|s| {
                let start = s.start.at(self.base);
                let minutes = match s.dur {
                    u16::MAX => 0,                    // end == start: an error
                    0xFFFE => 7 * 1440 + 1,           // longer than 7 days: an error
                    d if d & 0x8000 != 0 => i64::from(d % (7 * 1440)) + 1,
                    d => i64::from(d % 64 + 1) * 60,  // whole hours, mostly
                };
                let end_off = s.end_offset.map_or(start.off, |o| OFFSETS[o as usize % OFFSETS.len()]);
                (start, At::from_utc(start.utc() + minutes * MIN, end_off))
            })
            .collect();
        let cx = Cx { doc: self, codes: codes.clone(), shift_times: shift_times.clone() };
        let (n_emp, n_shift) = self.dims();
        let n_loc = self.locations.len().min(3);
        let n_roles = self.roles.len().min(3);
        let n_queues = self.queues.len().min(2);
        let n_groups = self.groups.len().min(2);
        let x = self.extras;

        // Credentials document.
        let types: Vec<Value> = (0..n_types)
            .map(|i| {
                let t = self.types.get(i).cloned().unwrap_or(TypeG { grace: 0, alert: None, jurisdictional: false, satisfies: vec![], named: false });
                let mut o = json!({"code": codes[i]});
                let grace = GRACE[t.grace as usize % GRACE.len()];
                if grace != 0 || t.grace % 3 == 0 {
                    // `3.0` reads as 3.
                    o["graceDays"] = if t.grace & 0x80 != 0 { json!(f64::from(grace)) } else { json!(grace) };
                }
                if let Some(a) = &t.alert {
                    o["alertDays"] = json!(a.iter().take(3).map(|&d| ALERT[d as usize % ALERT.len()]).collect::<Vec<_>>());
                }
                if t.jurisdictional {
                    o["jurisdictional"] = json!(true);
                }
                if !t.satisfies.is_empty() {
                    // Indexes may name the type itself or form cycles (A satisfies B satisfies A).
                    o["satisfies"] = json!(t.satisfies.iter().take(3).map(|&c| codes[c as usize % n_types].clone()).collect::<Vec<_>>());
                }
                if t.named {
                    o["name"] = json!(format!("{} course", codes[i]));
                }
                o
            })
            .collect();
        let groups: Vec<Value> = (0..n_groups)
            .map(|i| json!({"code": format!("G{i}"), "members": self.groups[i].iter().take(3).map(|&j| JURS[j as usize % 3]).collect::<Vec<_>>()}))
            .collect();
        let jur_name = |j: u8| -> String {
            let k = j as usize % (3 + n_groups);
            if k < 3 {
                JURS[k].to_string()
            } else {
                format!("G{}", k - 3)
            }
        };
        let credentials: Vec<Value> = self
            .credentials
            .iter()
            .take(MAX_RECORDS)
            .enumerate()
            .map(|(i, c)| {
                let mut o = json!({"id": id(self.ids, "c", i), "employeeId": cx.emp_ref(c.emp), "code": cx.code_ref(c.code), "validUntil": cx.bound(&c.until, true)});
                if let Some(f) = &c.from {
                    o["validFrom"] = cx.bound(f, false);
                }
                match c.status % 7 {
                    3 => o["status"] = json!("pending"),
                    4 => o["status"] = json!("suspended"),
                    5 => o["status"] = json!("revoked"),
                    6 => o["status"] = json!("active"),
                    _ => {}
                }
                if let Some(v) = &c.valid_in {
                    o["validIn"] = json!(v.iter().take(3).map(|&j| jur_name(j)).collect::<Vec<_>>());
                }
                if c.supervised {
                    o["restrictions"] = json!(["supervised"]);
                }
                if x & 1 != 0 && i == 0 {
                    extra(&mut o, "validUntill", json!("2026-01-01")); // near miss: a warning
                }
                if x & 2 != 0 {
                    extra(&mut o, "notes", json!({"kept": [1, 2.50, 1e3, "x"]})); // kept silently
                }
                o
            })
            .collect();
        let waivers: Vec<Value> = self
            .waivers
            .iter()
            .take(4)
            .enumerate()
            .map(|(i, w)| {
                let mut o = json!({"id": id(self.ids, "w", i), "employeeId": cx.emp_ref(w.emp), "code": cx.code_ref(w.code),
                    "validFrom": cx.bound(&w.from, false), "validUntil": cx.bound(&w.until, true), "approvedBy": "m-3", "reason": "renewal class booked"});
                if let Some(l) = &w.locations {
                    o["locationIds"] = json!(l.iter().take(3).map(|&k| id(self.ids, "l", k as usize % (n_loc + 1))).collect::<Vec<_>>());
                }
                o
            })
            .collect();
        let trainings: Vec<Value> = self
            .trainings
            .iter()
            .take(4)
            .enumerate()
            .map(|(i, t)| {
                let start = t.start.at(self.base);
                let end = At { local: start.local + i64::from(t.dur % 48 + 1) * 30 * MIN, off: start.off };
                let mut o = json!({"id": id(self.ids, "t", i), "employeeId": cx.emp_ref(t.emp), "start": format_at(start, t.start.style), "end": format_at(end, 0)});
                if let Some(c) = t.code {
                    o["code"] = cx.code_ref(c);
                }
                match t.status % 4 {
                    1 => o["status"] = json!("completed"),
                    2 => o["status"] = json!("cancelled"),
                    3 => o["status"] = json!("scheduled"),
                    _ => {}
                }
                o
            })
            .collect();
        let mut creds = json!({"credentialTypes": types, "credentials": credentials});
        if !groups.is_empty() {
            creds["jurisdictionGroups"] = json!(groups);
        }
        if !waivers.is_empty() {
            creds["waivers"] = json!(waivers);
        }
        if !trainings.is_empty() {
            creds["trainings"] = json!(trainings);
        }

        // Roster document.
        let locations: Vec<Value> = (0..n_loc)
            .map(|i| {
                let l = &self.locations[i];
                let mut o = json!({"id": id(self.ids, "l", i)});
                if let Some(j) = l.jurisdiction {
                    o["jurisdiction"] = json!(JURS[j as usize % 3]);
                }
                if let Some(r) = &l.requires {
                    o["requires"] = cx.req(r, 0);
                }
                o
            })
            .collect();
        let named = |list: &[Option<ReqG>], n: usize, prefix: &str| -> Vec<Value> {
            (0..n)
                .map(|i| {
                    let mut o = json!({"id": id(self.ids, prefix, i), "name": format!("{prefix} {i}")});
                    if let Some(r) = &list[i] {
                        o["requires"] = cx.req(r, 0);
                    }
                    o
                })
                .collect()
        };
        let employees: Vec<Value> = (0..n_emp)
            .map(|i| {
                let e = &self.employees[i];
                let mut o = json!({"id": id(self.ids, "e", i)});
                if let Some(r) = &e.roles {
                    o["roleIds"] = json!(r.iter().take(3).map(|&k| id(self.ids, "r", k as usize % (n_roles + 1))).collect::<Vec<_>>());
                }
                if let Some(t) = e.team {
                    o["teamId"] = json!(id(self.ids, "team", t as usize % 3));
                }
                if e.named {
                    o["name"] = json!(format!("Employee {i}"));
                }
                if x & 4 != 0 && i == 0 {
                    extra(&mut o, "Name", json!("near miss")); // a warning
                }
                o
            })
            .collect();
        let shifts: Vec<Value> = (0..n_shift)
            .map(|i| {
                let s = &self.shifts[i];
                let (start, end) = shift_times[i];
                let mut o = json!({"id": id(self.ids, "s", i), "start": format_at(start, s.start.style), "end": format_at(end, s.start.style / 3)});
                if let Some(l) = s.location {
                    o["locationId"] = json!(id(self.ids, "l", l as usize % (n_loc + 1)));
                }
                if let Some(r) = s.role {
                    if n_roles > 0 {
                        o["roleId"] = json!(id(self.ids, "r", r as usize % n_roles));
                    }
                }
                if n_queues > 0 && !s.queues.is_empty() {
                    o["queueIds"] = json!(s.queues.iter().take(2).map(|&q| id(self.ids, "q", q as usize % n_queues)).collect::<Vec<_>>());
                }
                if let Some(r) = &s.requires {
                    o["requires"] = cx.req(r, 0);
                }
                if n_emp > 0 && !s.assigned.is_empty() {
                    // The same employee twice is a warning (counted once).
                    o["assigned"] = json!(s.assigned.iter().take(4).map(|&e| id(self.ids, "e", e as usize % n_emp)).collect::<Vec<_>>());
                }
                if !s.crew.is_empty() {
                    o["crew"] = json!(s
                        .crew
                        .iter()
                        .take(2)
                        .map(|c| {
                            let mut o = json!({"requires": cx.req(&c.requires, 2)});
                            if c.min % 4 != 0 {
                                o["min"] = json!(CREW_MIN[c.min as usize % CREW_MIN.len()]);
                            }
                            o
                        })
                        .collect::<Vec<_>>());
                }
                if x & 8 != 0 {
                    extra(&mut o, "x-custom", json!({"nested": [1, 2.50, null, "</script>"]}));
                }
                o
            })
            .collect();
        let mut roster = json!({"locations": locations, "teams": [{"id": id(self.ids, "team", 0)}, {"id": id(self.ids, "team", 1)}],
            "roles": named(&self.roles, n_roles, "r"), "queues": named(&self.queues, n_queues, "q"), "employees": employees, "shifts": shifts});
        let mut rules = Map::new();
        match self.rest % 7 {
            1 => drop(rules.insert("minRestHours".into(), json!(0))),
            2 => drop(rules.insert("minRestHours".into(), json!(8))),
            3 => drop(rules.insert("minRestHours".into(), json!(11.5))),
            4 => drop(rules.insert("minRestHours".into(), json!(1_000_000))),
            5 => drop(rules.insert("minRestHours".into(), json!(168))),
            _ => {}
        }
        match self.overlap % 3 {
            1 => drop(rules.insert("overlap".into(), json!("allow"))),
            2 => drop(rules.insert("overlap".into(), json!("block"))),
            _ => {}
        }
        if !rules.is_empty() {
            roster["rules"] = Value::Object(rules);
        }
        if x & 16 != 0 {
            extra(&mut roster, "version", json!(2));
        }
        (roster.to_string(), creds.to_string())
    }
}

// ---------------------------------------------------------------------------------------------
// Invariants.

/// Every pair is checked when there are at most this many; otherwise the first shifts.
const MAX_PAIRS: usize = 2_000;

fn status_of(v: &Verdict) -> Status {
    v.reasons.iter().map(|r| r.severity.status()).max().unwrap_or(Status::Ok)
}

/// The (employee, shift) pairs checked: all of them for a small document.
pub fn pairs(engine: &Engine) -> Vec<(String, String)> {
    let emps: Vec<String> = engine.employee_ids().map(str::to_string).collect();
    let shifts: Vec<String> = engine.shift_ids().take((MAX_PAIRS / emps.len().max(1)).max(1)).map(str::to_string).collect();
    shifts.iter().flat_map(|s| emps.iter().map(move |e| (e.clone(), s.clone()))).collect()
}

pub fn verdicts(engine: &Engine) -> Vec<Verdict> {
    pairs(engine).iter().map(|(e, s)| engine.check(e, s).expect("check of known ids")).collect()
}

/// Every warn and block reason of every assignment, and every crew shortfall.
pub fn all_findings(engine: &Engine) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in engine.shift_ids() {
        for e in engine.assigned(s).expect("a known shift") {
            let v = engine.check(e, s).expect("check of known ids");
            for r in v.reasons {
                if r.severity == Severity::Info {
                    continue;
                }
                out.push(Finding::of_reason(s.to_string(), e.to_string(), r));
            }
        }
    }
    out.extend(engine.validate().findings);
    out
}

pub fn same_set(a: &[Finding], b: &[Finding]) -> bool {
    a.iter().all(|f| b.contains(f)) && b.iter().all(|f| a.contains(f))
}

pub fn minus(a: &[Finding], b: &[Finding]) -> Vec<Finding> {
    a.iter().filter(|f| !b.contains(f)).cloned().collect()
}

/// The instants the tracking reports are asked about: shift edges and the ends of the range.
fn report_instants(engine: &Engine) -> Vec<String> {
    let x = engine.export();
    let mut out: Vec<String> = Vec::new();
    if let Some(credgate::Value::Array(shifts)) = x.roster.get("shifts") {
        for s in shifts.iter().take(2) {
            if let Some(t) = s.get("start").and_then(|v| v.as_str()) {
                out.push(t.to_string());
            }
        }
    }
    out.push("0000-01-01T00:00:00+14:00".into());
    out.push("9999-12-31T23:59:59.999-12:00".into());
    out
}

/// The invariants of a loaded engine:
///
/// - `check` never fails for known ids; its status is its worst reason's; the allocation-free
///   `status` and `statuses_into` agree with it;
/// - `candidates` lists every employee once, best first, each with `check`'s reasons;
/// - `validate` lists exactly the non-ok assignments, in roster order, as `check` gives them;
/// - `check_placement` of a shift's own fields, ignoring the shift, is `check`;
/// - the export loads, to identical verdicts, validation and export;
/// - the tracking reports (alerts, gaps, holders, audit, the HTML report) do not panic, also at
///   the ends of the accepted range.
pub fn deep(engine: &Engine) {
    let emps: Vec<String> = engine.employee_ids().map(str::to_string).collect();
    let shift_ids: Vec<String> = engine.shift_ids().map(str::to_string).collect();
    let mut all = Vec::new();
    let mut statuses = Vec::new();
    for (si, s) in shift_ids.iter().enumerate().take((MAX_PAIRS / emps.len().max(1)).max(1)) {
        let cands = engine.candidates(s).expect("candidates of a known shift");
        assert_eq!(cands.len(), emps.len(), "candidates({s:?}) lists every employee once");
        assert!(cands.windows(2).all(|w| (w[0].status, w[0].reasons.len()) <= (w[1].status, w[1].reasons.len())), "candidates({s:?}) best first");
        assert!(engine.statuses_into(si as u32, &mut statuses), "statuses_into of a known shift");
        for (ei, e) in emps.iter().enumerate() {
            let v = engine.check(e, s).expect("check of known ids");
            assert_eq!(v.status, status_of(&v), "check({e:?}, {s:?}): status is the worst reason's: {v:#?}");
            assert_eq!(engine.status(ei as u32, si as u32), Some(v.status), "status({ei}, {si}) == check({e:?}, {s:?}).status: {v:#?}");
            assert_eq!(statuses[ei], v.status, "statuses_into({si})[{ei}] == check({e:?}, {s:?}).status");
            let c = cands.iter().find(|c| &c.employee_id == e).expect("every employee is a candidate");
            assert_eq!((c.status, &c.reasons, &c.evidence), (v.status, &v.reasons, &v.evidence), "candidates({s:?}) for {e:?} is check's verdict");
            all.push(v);
        }
    }

    // validate: exactly the non-ok assignments, in roster order.
    let validation = engine.validate();
    let mut expected = Vec::new();
    for s in &shift_ids {
        for e in engine.assigned(s).expect("a known shift") {
            let v = engine.check(e, s).expect("check of known ids");
            if v.status != Status::Ok {
                expected.push(v);
            }
        }
    }
    assert_eq!(validation.verdicts, expected, "validate() lists the non-ok assignments as check gives them");
    let worst = expected.iter().map(|v| v.status).max().unwrap_or(Status::Ok);
    let worst = if validation.findings.is_empty() { worst } else { Status::Block };
    assert_eq!(validation.status, worst, "validate().status is the worst");

    // check_placement of a shift's own fields, ignoring the shift, is check.
    let x = engine.export();
    if let Some(credgate::Value::Array(shifts)) = x.roster.get("shifts") {
        for (shift, s) in shifts.iter().zip(&shift_ids).take(3) {
            let p = Placement::from_value(shift).expect("a loaded shift is a placement");
            for e in emps.iter().take(4) {
                let got = engine.check_placement(e, &p, Some(s)).expect("placement of a loaded shift");
                assert_eq!(got, engine.check(e, s).unwrap(), "check_placement({e:?}, shift {s:?} as loaded, ignore itself) == check");
                let _ = engine.check_placement(e, &p, None).expect("placement of a loaded shift as a new one");
            }
        }
    }

    // The export reloads to the same verdicts.
    reload_same(engine, &all, &validation);

    // Tracking reports: no panic, whatever the instants.
    let codes: Vec<String> = {
        let mut c = Vec::new();
        if let Some(credgate::Value::Array(types)) = x.credentials.get("credentialTypes") {
            for t in types.iter().take(3) {
                if let Some(code) = t.get("code").and_then(|v| v.as_str()) {
                    c.push(code.to_string());
                }
            }
        }
        c
    };
    for t in report_instants(engine) {
        let _ = engine.alerts(&t, None).expect("alerts at a valid instant");
        let _ = engine.alerts(&t, Some(1_000_000)).expect("alerts at a valid instant");
        let _ = engine.audit(&t).expect("audit at a valid instant");
        for c in &codes {
            let _ = engine.holders(c, &t).expect("holders of a known code");
        }
        if let Ok(at) = time::parse_instant(&t) {
            let to = time::format_instant(at.ms + 28 * DAY, at.offset_s);
            for g in [GroupBy::Location, GroupBy::Team] {
                // Past year 9999 the window's end is not an instant credgate accepts: an error.
                let _ = engine.gaps(&t, &to, g);
            }
        }
        let _ = engine.report_html(&t, &Default::default());
    }
}

/// Every question asked of an engine rebuilt from a forged snapshot (its checksum made right over
/// changed bytes): each must answer, a value or an error, without a panic, whatever the bytes
/// say. Unlike [`deep`], the answers need not agree with one another (an id table may not find
/// the ids listed, kept text may disagree with the model): a snapshot's checksum guards against
/// damage, not forgery (docs/decisions.md, what a snapshot's checksum guards).
pub fn survive(engine: &Engine) {
    let emps: Vec<String> = engine.employee_ids().take(8).map(str::to_string).collect();
    let shift_ids: Vec<String> = engine.shift_ids().take(8).map(str::to_string).collect();
    let mut statuses = Vec::new();
    for (si, s) in shift_ids.iter().enumerate() {
        let _ = engine.candidates(s);
        let _ = engine.assigned(s);
        let _ = engine.statuses_into(si as u32, &mut statuses);
        for (ei, e) in emps.iter().enumerate() {
            let _ = engine.check(e, s);
            let _ = engine.status(ei as u32, si as u32);
        }
    }
    let _ = engine.validate();
    let x = engine.export();
    let _ = Engine::load(&x.roster.to_json(), &x.credentials.to_json());
    for t in report_instants(engine).into_iter().take(3) {
        let _ = engine.alerts(&t, None);
        let _ = engine.audit(&t);
        let _ = engine.report_html(&t, &Default::default());
    }
}

/// Loading the export gives identical verdicts (for the pairs of `pairs`), validation and export.
pub fn reload_same(engine: &Engine, verdicts_before: &[Verdict], validation: &credgate::Validation) {
    let x = engine.export();
    let reloaded = match Engine::load(&x.roster.to_json(), &x.credentials.to_json()) {
        Ok(l) => l.engine,
        Err(e) => panic!("the export does not load: {e}\nroster: {}\ncredentials: {}", x.roster.to_json(), x.credentials.to_json()),
    };
    assert_eq!(reloaded.export(), x, "the export of the reloaded engine is the export");
    let again = verdicts(&reloaded);
    assert_eq!(again.len(), verdicts_before.len());
    for (a, b) in verdicts_before.iter().zip(&again) {
        assert_eq!(a, b, "a verdict changed through export and load");
    }
    assert_eq!(&reloaded.validate(), validation, "validate() changed through export and load");
}
