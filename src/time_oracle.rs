//! `chrono` as an independent oracle for [`crate::time`] (issue 12 §5; docs/decisions.md 37).
//!
//! src/time.rs parses, formats and counts days by hand; chrono is a second, independent
//! implementation of the same proleptic Gregorian calendar and of RFC 3339. Here each of
//! credgate's date functions is compared with chrono's answer:
//!
//! - `parse_instant` on generated texts over the whole accepted range (years 0000–9999, every
//!   offset from −23:59 to +23:59, `-00:00`, `Z`/`z`, `T`/`t`/space, 1–12 fractional digits,
//!   seconds left out, leap seconds), valid or not (month 0 and 13, day 0 and 29–32, Feb 29 of
//!   common years, hour 24, minute 60, second 61, offset hour 24, offset minute 60): the same
//!   acceptance, the same millisecond and offset; and on those texts mutated character by
//!   character, the same accepted language;
//! - `format_instant` against chrono's RFC 3339 writer, then read back by `parse_instant`;
//!   `local_day` against chrono's local date;
//! - `days_from_civil`, `civil_from_days` and `days_in_month` on every day and month of years
//!   0000–10000 (exhaustive, not sampled);
//! - `parse_date` and `parse_bound` for dates and months: `Bound::at(offset)` is chrono's local
//!   midnight of D (`From`) or D+1 (`Until`), or of the first day of the next month, in that
//!   offset; invalid dates and months are refused exactly where chrono refuses them.
//!
//! Where credgate deliberately reads a text otherwise than chrono, the test encodes credgate's
//! documented rule (the module docs of src/time.rs, docs/decisions.md 1–3), and
//! `deliberate_differences_from_chrono` shows each one on an example:
//!
//! - **D1, the leap second's value.** `hh:59:60` reads as `hh:59:59.999`, the last millisecond of
//!   its minute (fractional digits after `:60` are dropped); chrono reads it as a second past
//!   `:59`, whose milliseconds since the epoch are those of the next minute plus the fraction.
//! - **D2, where a leap second may be.** credgate accepts `:60` only in minute 59 (of any local
//!   hour, so that 23:59:60Z can be written in any whole-hour offset); chrono accepts `:60` in any
//!   minute.
//! - **D3, seconds left out.** credgate accepts `2026-12-01T07:00-06:00`, read as `07:00:00`;
//!   chrono's RFC 3339 parser requires the seconds.
//! - **D4, U+2212 MINUS SIGN.** chrono accepts `−06:00` (U+2212) as an offset; credgate, like
//!   RFC 3339's ABNF, only `-`.
//!
//! And where they agree although one might expect otherwise (checked, not differences): digits
//! past the millisecond are truncated by both (chrono keeps nanoseconds, its
//! `timestamp_millis` truncates toward the past, as credgate does, before 1970 too); `-00:00`
//! reads as UTC in both; both format UTC as `Z` and print milliseconds only when they are not
//! zero (chrono's `SecondsFormat::AutoSi`, given instants that have no finer part).
//!
//! Each property runs 4,096 cases (`PROPTEST_CASES` overrides); the calendar checks are
//! exhaustive. Native only: chrono is a dev-dependency for targets other than wasm32.
#![cfg(not(target_arch = "wasm32"))]

use crate::time::{self, Bound, BoundKind, Instant};
use chrono::{DateTime, Datelike, FixedOffset, Months, NaiveDate, SecondsFormat, TimeZone, Timelike};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(4096);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Days since 1970-01-01, by chrono.
fn epoch_days(d: NaiveDate) -> i32 {
    d.signed_duration_since(date(1970, 1, 1)).num_days() as i32
}

/// Milliseconds since the epoch of 00:00 local time of `d` in offset `offset_s`, by chrono.
fn local_midnight(d: NaiveDate, offset_s: i32) -> i64 {
    let tz = FixedOffset::east_opt(offset_s).unwrap();
    tz.from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap()).single().unwrap().timestamp_millis()
}

// ---------------------------------------------------------------------------------------------
// Instants as text.

/// The zone of a generated instant.
#[derive(Debug, Clone)]
enum Zone {
    Z,
    LowerZ,
    Offset { negative: bool, h: u32, m: u32 },
}

/// The fields of a generated instant's text, in or out of range.
#[derive(Debug, Clone)]
struct Parts {
    y: u32,
    mo: u32,
    d: u32,
    sep: char,
    h: u32,
    mi: u32,
    /// `None`: the seconds (and any fraction) left out.
    s: Option<u32>,
    /// Fractional digits; empty for none.
    frac: String,
    zone: Zone,
}

impl Parts {
    fn text(&self) -> String {
        let mut out = format!("{:04}-{:02}-{:02}{}{:02}:{:02}", self.y, self.mo, self.d, self.sep, self.h, self.mi);
        if let Some(s) = self.s {
            out += &format!(":{s:02}");
            if !self.frac.is_empty() {
                out += &format!(".{}", self.frac);
            }
        }
        match self.zone {
            Zone::Z => out.push('Z'),
            Zone::LowerZ => out.push('z'),
            Zone::Offset { negative, h, m } => out += &format!("{}{h:02}:{m:02}", if negative { '-' } else { '+' }),
        }
        out
    }
}

fn zone() -> impl Strategy<Value = Zone> {
    let offset = (any::<bool>(), prop_oneof![12 => 0u32..=23, 1 => Just(24)], prop_oneof![12 => 0u32..=59, 1 => Just(60)])
        .prop_map(|(negative, h, m)| Zone::Offset { negative, h, m });
    prop_oneof![
        2 => Just(Zone::Z),
        1 => Just(Zone::LowerZ),
        1 => Just(Zone::Offset { negative: true, h: 0, m: 0 }),
        1 => Just(Zone::Offset { negative: false, h: 0, m: 0 }),
        8 => offset,
    ]
}

/// Instants over the whole range, mostly valid, with every kind of out-of-range field.
fn parts() -> impl Strategy<Value = Parts> {
    let y = prop_oneof![8 => 0u32..=9999, 1 => prop::sample::select(vec![0u32, 1, 4, 100, 400, 1900, 1969, 1970, 2000, 2100, 9999])];
    let mo = prop_oneof![20 => 1u32..=12, 1 => Just(0), 1 => Just(13)];
    let d = prop_oneof![12 => 1u32..=28, 8 => 29u32..=31, 1 => Just(0), 1 => Just(32)];
    let sep = prop::sample::select(vec!['T', 'T', 't', ' ']);
    let h = prop_oneof![12 => 0u32..=23, 2 => Just(23), 1 => Just(24)];
    let mi = prop_oneof![12 => 0u32..=59, 4 => Just(59), 1 => Just(60)];
    let s = prop_oneof![2 => Just(None), 12 => (0u32..=59).prop_map(Some), 3 => Just(Some(60)), 1 => Just(Some(61))];
    let frac = prop_oneof![3 => Just(String::new()), 3 => "[0-9]{1,12}"];
    (y, mo, d, sep, h, mi, s, frac, zone())
        .prop_map(|(y, mo, d, sep, h, mi, s, frac, zone)| Parts { y, mo, d, sep, h, mi, s, frac, zone })
}

/// What credgate must read an instant's text as, `(ms, offset_s)`, or `None` if it must refuse
/// it: chrono's RFC 3339 reading with credgate's documented differences D1–D4 applied. Takes any
/// text, not only generated ones.
fn oracle(s: &str) -> Option<(i64, i32)> {
    // D4: chrono would read U+2212 as a minus sign in the offset; credgate accepts only '-'.
    if s.contains('\u{2212}') {
        return None;
    }
    // D3: the seconds may be left out (`HH:MM` then the zone), reading as `:00`.
    let b = s.as_bytes();
    let with_seconds = if b.len() > 16 && b[13] == b':' && matches!(b[16], b'Z' | b'z' | b'+' | b'-') {
        format!("{}:00{}", &s[..16], &s[16..])
    } else {
        s.to_string()
    };
    let dt = DateTime::parse_from_rfc3339(&with_seconds).ok()?;
    let offset_s = dt.offset().local_minus_utc();
    if dt.nanosecond() >= 1_000_000_000 {
        // chrono's leap second (its nanoseconds run past a second).
        // D2: credgate accepts `:60` in minute 59 only.
        if dt.minute() != 59 {
            return None;
        }
        // D1: credgate reads it as the last millisecond of the minute, whatever the fraction.
        return Some((dt.timestamp() * 1000 + 999, offset_s));
    }
    Some((dt.timestamp_millis(), offset_s))
}

/// The same instant computed from its fields with chrono's calendar (not its parser): a second
/// oracle for valid texts.
fn by_fields(p: &Parts) -> Option<(i64, i32)> {
    let offset_s = match p.zone {
        Zone::Z | Zone::LowerZ => 0,
        Zone::Offset { h, m, .. } if h > 23 || m > 59 => return None,
        Zone::Offset { negative, h, m } => (if negative { -1 } else { 1 }) * (h * 3600 + m * 60) as i32,
    };
    let (s, ms) = match p.s {
        None => (0, 0),
        Some(60) if p.mi == 59 => (59, 999), // D1, D2
        Some(s) => (s, p.frac.bytes().chain(*b"000").take(3).fold(0, |a, c| a * 10 + u32::from(c - b'0'))),
    };
    let local = NaiveDate::from_ymd_opt(p.y as i32, p.mo, p.d)?.and_hms_milli_opt(p.h, p.mi, s, ms)?;
    let dt = FixedOffset::east_opt(offset_s)?.from_local_datetime(&local).single()?;
    Some((dt.timestamp_millis(), offset_s))
}

fn credgate(s: &str) -> Option<(i64, i32)> {
    time::parse_instant(s).ok().map(|i| (i.ms, i.offset_s))
}

/// One character-level edit of a text.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Replace(usize, char),
    Insert(usize, char),
}

fn edit() -> impl Strategy<Value = Edit> {
    let c = prop::sample::select(vec![
        '0', '1', '2', '5', '6', '9', ':', '-', '+', '.', 'T', 't', 'Z', 'z', ' ', 'x', '\u{2212}', 'é',
    ]);
    prop_oneof![
        (0usize..40).prop_map(Edit::Delete),
        (0usize..40, c.clone()).prop_map(|(i, c)| Edit::Replace(i, c)),
        (0usize..40, c).prop_map(|(i, c)| Edit::Insert(i, c)),
    ]
}

fn apply(s: &str, edits: &[Edit]) -> String {
    let mut v: Vec<char> = s.chars().collect();
    for e in edits {
        match *e {
            Edit::Delete(i) if i < v.len() => {
                v.remove(i);
            }
            Edit::Replace(i, c) if i < v.len() => v[i] = c,
            Edit::Insert(i, c) => v.insert(i.min(v.len()), c),
            _ => {}
        }
    }
    v.into_iter().collect()
}

proptest! {
    #![proptest_config(config())]

    /// `parse_instant` accepts what chrono accepts (D1–D4 aside) and reads the same millisecond
    /// and offset; the fields computed by chrono's calendar agree; `parse_bound` reads a valid
    /// instant as that millisecond, in either kind.
    #[test]
    fn parse_instant_agrees_with_chrono(p in parts()) {
        let text = p.text();
        let want = oracle(&text);
        prop_assert_eq!(credgate(&text), want, "{}", text);
        prop_assert_eq!(by_fields(&p), want, "{} by fields", text);
        if let Some((ms, _)) = want {
            prop_assert_eq!(time::parse_bound(&text, BoundKind::From), Ok(Bound::Instant(ms)));
            prop_assert_eq!(time::parse_bound(&text, BoundKind::Until), Ok(Bound::Instant(ms)));
        } else {
            prop_assert!(time::parse_bound(&text, BoundKind::Until).is_err(), "{}", text);
        }
    }

    /// The accepted language is chrono's (D2–D4 aside) on texts one to three edits away from
    /// an instant.
    #[test]
    fn accepted_language_agrees_with_chrono(p in parts(), edits in prop::collection::vec(edit(), 1..=3)) {
        let text = apply(&p.text(), &edits);
        prop_assert_eq!(credgate(&text), oracle(&text), "{:?}", text);
    }

    /// `format_instant` writes what chrono writes (`Z` for UTC, milliseconds when not zero),
    /// `parse_instant` reads it back, and `local_day` is chrono's local date, over every instant
    /// whose local time falls in years 0000–9999.
    #[test]
    fn format_and_local_day_agree_with_chrono(
        local in -62_167_219_200_000i64..=253_402_300_799_999,
        round in prop::sample::select(vec![1i64, 1, 1000, 60_000, 86_400_000]),
        offset_min in prop_oneof![8 => -1439i32..=1439, 1 => Just(0), 1 => prop::sample::select(vec![-1439, -720, -360, 330, 840, 1439])],
    ) {
        let offset_s = offset_min * 60;
        let local = local - local.rem_euclid(round);
        let ms = local - i64::from(offset_s) * 1000;
        let dt = FixedOffset::east_opt(offset_s).unwrap().timestamp_millis_opt(ms).single().unwrap();
        let want = dt.to_rfc3339_opts(SecondsFormat::AutoSi, true);
        prop_assert_eq!(time::format_instant(ms, offset_s), want.clone());
        prop_assert_eq!(Instant { ms, offset_s }.to_rfc3339(), want.clone());
        prop_assert_eq!(time::parse_instant(&want), Ok(Instant { ms, offset_s }));
        prop_assert_eq!(time::local_day(ms, offset_s), epoch_days(dt.date_naive()));
        prop_assert_eq!(Instant { ms, offset_s }.local_day(), epoch_days(dt.date_naive()));
    }

    /// `parse_date` and `parse_bound` on dates: valid exactly where chrono has the date; the
    /// bound read in any offset is chrono's local midnight of D (`From`) or D+1 (`Until`).
    #[test]
    fn date_bounds_agree_with_chrono(
        y in 0u32..=9999,
        mo in prop_oneof![20 => 1u32..=12, 1 => Just(0), 1 => Just(13)],
        d in prop_oneof![12 => 1u32..=28, 8 => 29u32..=31, 1 => Just(0), 1 => Just(32)],
        offset_min in -1439i32..=1439,
    ) {
        let text = format!("{y:04}-{mo:02}-{d:02}");
        let offset_s = offset_min * 60;
        match NaiveDate::from_ymd_opt(y as i32, mo, d) {
            Some(day) => {
                prop_assert_eq!(time::parse_date(&text), Ok(epoch_days(day)));
                let from = time::parse_bound(&text, BoundKind::From).unwrap();
                let until = time::parse_bound(&text, BoundKind::Until).unwrap();
                prop_assert_eq!(from.at(offset_s), local_midnight(day, offset_s), "{} from", text);
                prop_assert_eq!(until.at(offset_s), local_midnight(day.succ_opt().unwrap(), offset_s), "{} until", text);
            }
            None => {
                prop_assert!(time::parse_date(&text).is_err(), "{}", text);
                prop_assert!(time::parse_bound(&text, BoundKind::From).is_err(), "{}", text);
                prop_assert!(time::parse_bound(&text, BoundKind::Until).is_err(), "{}", text);
            }
        }
    }

    /// `parse_bound` on months: a `validUntil` month ends at chrono's local midnight of the first
    /// day of the next month; month 0 and 13 are refused as chrono refuses them; `validFrom`
    /// refuses every month.
    #[test]
    fn month_bounds_agree_with_chrono(
        y in 0u32..=9999,
        mo in prop_oneof![12 => 1u32..=12, 1 => Just(0), 1 => Just(13)],
        offset_min in -1439i32..=1439,
    ) {
        let text = format!("{y:04}-{mo:02}");
        let offset_s = offset_min * 60;
        prop_assert!(time::parse_bound(&text, BoundKind::From).is_err(), "{}", text);
        match NaiveDate::from_ymd_opt(y as i32, mo, 1) {
            Some(first) => {
                let next = first.checked_add_months(Months::new(1)).unwrap();
                let until = time::parse_bound(&text, BoundKind::Until).unwrap();
                prop_assert_eq!(until.at(offset_s), local_midnight(next, offset_s), "{}", text);
            }
            None => prop_assert!(time::parse_bound(&text, BoundKind::Until).is_err(), "{}", text),
        }
    }
}

/// `civil_from_days` and `days_from_civil` on every day from 0000-01-01 to 10000-12-31 (a month
/// bound of 9999-12 ends on 10000-01-01), against chrono's dates.
#[test]
fn every_day_agrees_with_chrono() {
    let mut day = date(0, 1, 1);
    let mut n = time::days_from_civil(0, 1, 1);
    assert_eq!(n, epoch_days(day));
    while day <= date(10000, 12, 31) {
        let (y, m, d) = (day.year(), day.month(), day.day());
        assert_eq!(time::civil_from_days(n), (y, m, d), "day {n}");
        assert_eq!(time::days_from_civil(y, m, d), n, "{day}");
        day = day.succ_opt().unwrap();
        n += 1;
    }
    assert_eq!(n, epoch_days(date(10001, 1, 1)));
}

/// `days_in_month` for every month of years 0000–10000, against chrono.
#[test]
fn every_month_length_agrees_with_chrono() {
    for y in 0..=10000 {
        for m in 1..=12 {
            assert_eq!(time::days_in_month(y, m), u32::from(date(y, m, 1).num_days_in_month()), "{y}-{m:02}");
        }
    }
}

/// D1–D4, each on an example, with chrono's reading beside credgate's. If chrono or credgate
/// changes its reading, this says which difference moved.
#[test]
fn deliberate_differences_from_chrono() {
    let chrono_ms = |s: &str| DateTime::parse_from_rfc3339(s).map(|d| d.timestamp_millis()).ok();
    let next_minute = credgate("2017-01-01T00:00:00Z").unwrap().0;

    // D1: a leap second is the last millisecond of its minute; chrono reads it as the next
    // minute's milliseconds plus the fraction.
    assert_eq!(credgate("2016-12-31T23:59:60Z"), Some((next_minute - 1, 0)));
    assert_eq!(credgate("2016-12-31T23:59:60.5Z"), Some((next_minute - 1, 0)));
    assert_eq!(chrono_ms("2016-12-31T23:59:60Z"), Some(next_minute));
    assert_eq!(chrono_ms("2016-12-31T23:59:60.5Z"), Some(next_minute + 500));
    // The same second written in Houston: minute 59 of another hour.
    assert_eq!(credgate("2016-12-31T17:59:60-06:00"), Some((next_minute - 1, -21_600)));

    // D2: `:60` outside minute 59 is refused; chrono accepts it.
    assert_eq!(credgate("2016-12-31T23:58:60Z"), None);
    assert!(chrono_ms("2016-12-31T23:58:60Z").is_some());

    // D3: seconds left out; chrono requires them.
    assert_eq!(credgate("2026-12-01T07:00-06:00"), credgate("2026-12-01T07:00:00-06:00"));
    assert!(credgate("2026-12-01T07:00-06:00").is_some());
    assert!(chrono_ms("2026-12-01T07:00-06:00").is_none());

    // D4: U+2212 MINUS SIGN in the offset; chrono accepts it.
    assert_eq!(credgate("2026-12-01T07:00:00\u{2212}06:00"), None);
    assert_eq!(chrono_ms("2026-12-01T07:00:00\u{2212}06:00"), chrono_ms("2026-12-01T07:00:00-06:00"));

    // Agreements that are easy to get wrong: truncation past the millisecond (before 1970 too),
    // `-00:00` as UTC, the extreme years in extreme offsets.
    for s in [
        "1969-12-31T23:59:59.9999Z",
        "0000-01-01T00:00:00.0001+23:59",
        "9999-12-31T23:59:59.999999999-23:59",
        "2026-12-01T07:00:00-00:00",
        "2016-12-31 23:59:59.123456z",
    ] {
        assert_eq!(credgate(s), oracle(s), "{s}");
        assert_eq!(credgate(s).map(|c| c.0), chrono_ms(s), "{s}");
    }
    assert_eq!(credgate("2026-12-01T07:00:00-00:00").unwrap().1, 0);
}
