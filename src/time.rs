//! Instants, calendar dates and the bounds of validity windows.
//!
//! This module owns what a date means. credgate documents use three forms:
//!
//! | form | example | meaning |
//! | --- | --- | --- |
//! | instant | `2026-12-01T07:00:00-06:00` | RFC 3339 with an offset; a naive date-time is rejected |
//! | date | `2027-01-31` | a local calendar day |
//! | month | `2027-01` | in `validUntil` only: valid through the last day of that month |
//!
//! # A date has no instant until it meets one
//!
//! "Valid until 31 January" means through the end of 31 January *where the shift is worked*. So
//! a date bound is not converted to an instant at load; it is kept as a [`Bound::LocalMidnight`]
//! and read in the UTC offset of the instant it is compared with: the offset written on a
//! shift's `start` for `validFrom`, on its `end` for `validUntil`, and the offset of `asOf`/`at`
//! for a query. A card valid until 2026-12-01 therefore covers a Houston shift ending at
//! `2026-12-01T23:59:00-06:00`, which is already 2 December in UTC.
//!
//! # Half-open windows
//!
//! Shifts are half-open intervals `[start, end)`, and so are validity windows: `validFrom` date
//! D starts at 00:00 of D, `validUntil` date D ends at 00:00 of D+1 (exclusive), a month ends at
//! 00:00 of the first day of the next month, an instant `validFrom` is inclusive and an instant
//! `validUntil` exclusive. Half-open intervals make back-to-back shifts touch without
//! overlapping and let a card "valid until 1 Dec" cover a shift ending at exactly 00:00 on 2 Dec.
//!
//! # Precision and range
//!
//! Instants are held as milliseconds since 1970-01-01T00:00:00Z, as JavaScript's `Date` does, so
//! the browser and the server agree to the millisecond: further fractional digits are accepted
//! and truncated. Years 0000 to 9999 are accepted. A leap second (`23:59:60`) is accepted and
//! read as the last millisecond of its minute, so it still orders before the next minute.
//! Offsets may be anything from `-23:59` to `+23:59` (RFC 3339); real ones run from −12:00 to
//! +14:00. `-00:00` ("offset unknown") is read as UTC. Seconds may be omitted
//! (`2026-12-01T07:00-06:00`), and `t`, `z` or a space are accepted for `T` and `Z`, as RFC 3339
//! permits.
//!
//! Internal to the crate: users pass RFC 3339 text and read it back. The unit test
//! `examples` below shows the module at work (a date `validUntil` read in a shift's own offset).

use crate::human::push_padded;

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// A point in time with the UTC offset it was written in.
///
/// Two instants are the same point in time when their `ms` are equal, whatever their offsets;
/// the offset is kept because date bounds are read in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instant {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub ms: i64,
    /// The UTC offset it was written in, in seconds east of UTC.
    pub offset_s: i32,
}

impl Instant {
    /// The local calendar day of this instant in its own offset, as days since 1970-01-01.
    pub fn local_day(&self) -> i32 {
        local_day(self.ms, self.offset_s)
    }

    /// Formats as RFC 3339 in its own offset (`Z` for UTC).
    pub fn to_rfc3339(self) -> String {
        format_instant(self.ms, self.offset_s)
    }
}

/// Where a bound is used: the start of a window (`validFrom`) or its exclusive end (`validUntil`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoundKind {
    /// `validFrom`: a date means 00:00 of that day; a month is not allowed.
    From,
    /// `validUntil`: a date means 00:00 of the next day; a month means 00:00 of the next month.
    Until,
}

/// One end of a validity window, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// An exact instant, in milliseconds since the epoch.
    Instant(i64),
    /// 00:00 local time of a day (days since 1970-01-01), in whatever offset it is read in.
    LocalMidnight(i32),
}

impl Bound {
    /// The instant (milliseconds since the epoch) of this bound read in UTC offset `offset_s`.
    #[inline]
    pub fn at(self, offset_s: i32) -> i64 {
        match self {
            Bound::Instant(ms) => ms,
            Bound::LocalMidnight(day) => i64::from(day) * DAY_MS - i64::from(offset_s) * 1000,
        }
    }
}

/// Why a text is not an acceptable date or time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeError(pub String);

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as u32;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i32 - 719_468
}

/// The (year, month, day) of a day number.
pub fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe as i32 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` of year `y`.
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

/// The local day (days since the epoch) of `ms` in offset `offset_s`.
#[inline]
pub fn local_day(ms: i64, offset_s: i32) -> i32 {
    let local = ms + i64::from(offset_s) * 1000;
    local.div_euclid(DAY_MS) as i32
}

struct Cursor<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn digits(&mut self, n: usize) -> Option<u32> {
        let mut v = 0u32;
        for _ in 0..n {
            let c = *self.b.get(self.pos)?;
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + u32::from(c - b'0');
            self.pos += 1;
        }
        Some(v)
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.b.get(self.pos) == Some(&c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn done(&self) -> bool {
        self.pos == self.b.len()
    }
}

fn date_part(c: &mut Cursor<'_>) -> Option<(i32, u32, Option<u32>)> {
    let y = c.digits(4)? as i32;
    if !c.eat(b'-') {
        return None;
    }
    let m = c.digits(2)?;
    if !c.eat(b'-') {
        return Some((y, m, None));
    }
    let d = c.digits(2)?;
    Some((y, m, Some(d)))
}

fn check_ymd(y: i32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// Parses an RFC 3339 instant. An instant without an offset is an error (naive: ambiguous).
pub fn parse_instant(s: &str) -> Result<Instant, TimeError> {
    instant(s).map_err(|what| says(s, what))
}

/// The error of text `s`: `s` quoted, then `what` is wrong with it (` is not a date`). Out of
/// line, one copy for the module's dozen messages, where each wrote its `format!` in place.
#[cold]
#[inline(never)]
fn says(s: &str, what: &str) -> TimeError {
    let mut out = quote(s);
    out.push_str(what);
    TimeError(out)
}

/// The most common of [`parse_instant`]'s errors.
const NOT_INSTANT: &str = " is not an RFC 3339 instant";

/// [`parse_instant`]'s reading; its error is what [`says`] puts after the quoted text.
fn instant(s: &str) -> Result<Instant, &'static str> {
    let mut c = Cursor { b: s.as_bytes(), pos: 0 };
    let (y, m, d) = match date_part(&mut c) {
        Some((y, m, Some(d))) => (y, m, d),
        _ => return Err(NOT_INSTANT),
    };
    if !check_ymd(y, m, d) {
        return Err(" is not a valid date");
    }
    if c.done() {
        return Err(" is a date where an instant with a UTC offset is expected");
    }
    if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
        return Err(NOT_INSTANT);
    }
    let hh = c.digits(2).ok_or(NOT_INSTANT)?;
    if !c.eat(b':') {
        return Err(NOT_INSTANT);
    }
    let mm = c.digits(2).ok_or(NOT_INSTANT)?;
    let mut ss = 0;
    let mut frac_ms = 0u32;
    if c.eat(b':') {
        ss = c.digits(2).ok_or(NOT_INSTANT)?;
        if c.eat(b'.') {
            let start = c.pos;
            while let Some(&b @ b'0'..=b'9') = c.b.get(c.pos) {
                let place = c.pos - start;
                if place < 3 {
                    frac_ms += u32::from(b - b'0') * 10u32.pow(2 - place as u32);
                }
                c.pos += 1;
            }
            if c.pos == start {
                return Err(NOT_INSTANT);
            }
        }
    }
    if hh > 23 || mm > 59 || ss > 60 || (ss == 60 && mm != 59) {
        return Err(" is not a valid time of day");
    }
    let offset_s: i32 = if c.eat(b'Z') || c.eat(b'z') {
        0
    } else if let Some(&sign @ (b'+' | b'-')) = c.b.get(c.pos) {
        c.pos += 1;
        let oh = c.digits(2).ok_or(NOT_INSTANT)?;
        if !c.eat(b':') {
            return Err(NOT_INSTANT);
        }
        let om = c.digits(2).ok_or(NOT_INSTANT)?;
        if oh > 23 || om > 59 {
            return Err(" has an offset out of range");
        }
        let o = (oh * 3600 + om * 60) as i32;
        if sign == b'-' {
            -o
        } else {
            o
        }
    } else if c.done() {
        return Err(" has no UTC offset: a date-time without one is ambiguous (add Z or e.g. -06:00)");
    } else {
        return Err(NOT_INSTANT);
    };
    if !c.done() {
        return Err(NOT_INSTANT);
    }
    let (ss, frac_ms) = if ss == 60 { (59, 999) } else { (ss, frac_ms) };
    let day = i64::from(days_from_civil(y, m, d));
    let local_ms = day * DAY_MS + i64::from(hh * 3_600_000 + mm * 60_000 + ss * 1000 + frac_ms);
    Ok(Instant { ms: local_ms - i64::from(offset_s) * 1000, offset_s })
}

/// Parses a calendar date `YYYY-MM-DD` into days since the epoch.
pub fn parse_date(s: &str) -> Result<i32, TimeError> {
    let mut c = Cursor { b: s.as_bytes(), pos: 0 };
    match date_part(&mut c) {
        Some((y, m, Some(d))) if c.done() => {
            if check_ymd(y, m, d) {
                Ok(days_from_civil(y, m, d))
            } else {
                Err(says(s, " is not a date"))
            }
        }
        _ => Err(says(s, " is not a date (expected YYYY-MM-DD)")),
    }
}

/// Parses a `validFrom` or `validUntil` value: an instant, a date, or (for `validUntil`) a month.
/// A month bound ends at 00:00 on the first day of the next month, a date `validUntil` at 00:00
/// of the next day.
pub fn parse_bound(s: &str, kind: BoundKind) -> Result<Bound, TimeError> {
    let b = s.as_bytes();
    if b.len() > 10 {
        return parse_instant(s).map(|i| Bound::Instant(i.ms));
    }
    if b.len() == 7 {
        let mut c = Cursor { b, pos: 0 };
        return match date_part(&mut c) {
            Some((y, m, None)) if c.done() && (1..=12).contains(&m) => match kind {
                BoundKind::Until => {
                    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                    Ok(Bound::LocalMidnight(days_from_civil(ny, nm, 1)))
                }
                BoundKind::From => {
                    let mut e = says(s, " is a month, which only validUntil accepts; write a date such as ");
                    e.0.push_str(s);
                    e.0.push_str("-01");
                    Err(e)
                }
            },
            _ => Err(says(s, " is not a month (expected YYYY-MM)")),
        };
    }
    let day = parse_date(s).map_err(|_| {
        says(
            s,
            match kind {
                BoundKind::From => " is not a date or an RFC 3339 instant",
                BoundKind::Until => " is not a date, a month or an RFC 3339 instant",
            },
        )
    })?;
    Ok(Bound::LocalMidnight(match kind {
        BoundKind::From => day,
        BoundKind::Until => day + 1,
    }))
}

/// Formats `ms` as RFC 3339 in offset `offset_s`: seconds always, milliseconds when not zero,
/// `Z` for a zero offset.
pub fn format_instant(ms: i64, offset_s: i32) -> String {
    let mut out = String::with_capacity(29);
    push_instant(&mut out, ms, offset_s);
    out
}

/// Appends [`format_instant`]'s text to `out`.
pub(crate) fn push_instant(out: &mut String, ms: i64, offset_s: i32) {
    let local = ms + i64::from(offset_s) * 1000;
    let day = local.div_euclid(DAY_MS) as i32;
    let in_day = local.rem_euclid(DAY_MS);
    let (y, m, d) = civil_from_days(day);
    push_ymd(out, y, m, d);
    // Each field as `{:02}` writes it (`{:04}` the year, `{:03}` the milliseconds), by the
    // messages' digit writer: no formatting machinery for the crate's most written text.
    out.push('T');
    push_padded(out, in_day / 3_600_000, 2);
    out.push(':');
    push_padded(out, in_day / 60_000 % 60, 2);
    out.push(':');
    push_padded(out, in_day / 1000 % 60, 2);
    if in_day % 1000 != 0 {
        out.push('.');
        push_padded(out, in_day % 1000, 3);
    }
    if offset_s == 0 {
        out.push('Z');
    } else {
        out.push(if offset_s < 0 { '-' } else { '+' });
        let a = i64::from(offset_s.unsigned_abs());
        push_padded(out, a / 3600, 2);
        out.push(':');
        push_padded(out, a / 60 % 60, 2);
    }
}

/// Appends `YYYY-MM-DD` (as `{:04}-{:02}-{:02}`).
fn push_ymd(out: &mut String, y: i32, m: u32, d: u32) {
    push_padded(out, i64::from(y), 4);
    out.push('-');
    push_padded(out, i64::from(m), 2);
    out.push('-');
    push_padded(out, i64::from(d), 2);
}

/// Formats a day number as `YYYY-MM-DD`.
pub fn format_date(day: i32) -> String {
    let (y, m, d) = civil_from_days(day);
    let mut out = String::with_capacity(10);
    push_ymd(&mut out, y, m, d);
    out
}

fn quote(s: &str) -> String {
    let mut out = String::new();
    let shown = crate::text::prefix(s, 64);
    crate::json::write_string(&mut out, shown);
    if shown.len() < s.len() {
        out.insert(out.len() - 1, '…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The examples this module's documentation gave when it was public.
    #[test]
    fn examples() {
        let end = parse_instant("2026-12-01T23:30:00-06:00").unwrap();
        let until = parse_bound("2026-12-01", BoundKind::Until).unwrap();
        // Read in the shift's own offset, the card is valid until 00:00 on 2 Dec in Houston.
        assert!(end.ms <= until.at(end.offset_s));
        let t = parse_instant("2026-12-01T07:00:00-06:00").unwrap();
        assert_eq!(t, parse_instant("2026-12-01T13:00:00Z").map(|u| Instant { offset_s: -21600, ..u }).unwrap());
        assert!(parse_instant("2026-12-01T07:00:00").is_err());
        assert_eq!(parse_bound("2027-01", BoundKind::Until), Ok(Bound::LocalMidnight(days_from_civil(2027, 2, 1))));
        assert_eq!(parse_bound("2027-01-31", BoundKind::Until), Ok(Bound::LocalMidnight(days_from_civil(2027, 2, 1))));
        assert!(parse_bound("2027-01", BoundKind::From).is_err());
    }

    #[test]
    fn civil_round_trip() {
        for day in [-719_528, -1, 0, 1, 10_957, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn instants() {
        let t = parse_instant("2026-12-01T07:00:00-06:00").unwrap();
        let u = parse_instant("2026-12-01T13:00:00Z").unwrap();
        assert_eq!(t.ms, u.ms);
        assert_eq!(t.offset_s, -6 * 3600);
        assert_eq!(t.to_rfc3339(), "2026-12-01T07:00:00-06:00");
        assert_eq!(u.to_rfc3339(), "2026-12-01T13:00:00Z");
        assert_eq!(parse_instant("2026-12-01t13:00z").unwrap().ms, u.ms);
        assert_eq!(parse_instant("2026-12-01 13:00:00+00:00").unwrap().ms, u.ms);
        assert_eq!(parse_instant("2026-12-01T13:00:00.1234Z").unwrap().ms, u.ms + 123);
        assert_eq!(format_instant(u.ms + 5, 0), "2026-12-01T13:00:00.005Z");
    }

    #[test]
    fn offsets_at_the_edges() {
        let east = parse_instant("2026-12-31T00:00:00+14:00").unwrap();
        let west = parse_instant("2026-12-30T00:00:00-12:00").unwrap();
        assert_eq!(east.ms - west.ms, -2 * 3_600_000);
        assert_eq!(east.local_day(), days_from_civil(2026, 12, 31));
        assert_eq!(west.local_day(), days_from_civil(2026, 12, 30));
        assert!(parse_instant("2026-12-31T00:00:00+24:00").is_err());
    }

    #[test]
    fn rejects_naive_and_malformed() {
        for bad in [
            "2026-12-01T07:00:00",
            "2026-12-01",
            "2026-13-01T00:00:00Z",
            "2026-02-29T00:00:00Z",
            "2026-12-01T24:00:00Z",
            "2026-12-01T23:59:60Z".replace("59:60", "58:60").as_str(),
            "2026-12-01T07:00:00-0600",
            "2026-12-01T07:00:00Zjunk",
            "",
            "20261201T070000Z",
            "2026-12-01T07:00:00.Z",
            "+2026-12-01T07:00:00Z",
        ] {
            assert!(parse_instant(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn leap_day_and_leap_second() {
        assert!(parse_instant("2028-02-29T12:00:00Z").is_ok());
        let leap = parse_instant("2016-12-31T23:59:60Z").unwrap();
        let next = parse_instant("2017-01-01T00:00:00Z").unwrap();
        assert_eq!(next.ms - leap.ms, 1);
        assert!(parse_date("2100-02-29").is_err());
        assert!(parse_date("2000-02-29").is_ok());
    }

    #[test]
    fn extreme_years() {
        let a = parse_instant("0000-01-01T00:00:00+14:00").unwrap();
        let b = parse_instant("9999-12-31T23:59:59.999-12:00").unwrap();
        assert!(a.ms < b.ms);
        assert_eq!(format_instant(b.ms, b.offset_s), "9999-12-31T23:59:59.999-12:00");
        assert_eq!(format_instant(a.ms, a.offset_s), "0000-01-01T00:00:00+14:00");
    }

    /// The digit writer gives what the `format!` of the fields gave, for years outside
    /// 0000–9999 and negative ones too (instants moved by a window or a horizon).
    #[test]
    fn formatting_is_format_of_the_fields() {
        let old = |ms: i64, offset_s: i32| {
            let local = ms + i64::from(offset_s) * 1000;
            let (y, m, d) = civil_from_days(local.div_euclid(DAY_MS) as i32);
            let in_day = local.rem_euclid(DAY_MS);
            let mut s = format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", y, m, d, in_day / 3_600_000, in_day / 60_000 % 60, in_day / 1000 % 60);
            if in_day % 1000 != 0 {
                s += &format!(".{:03}", in_day % 1000);
            }
            if offset_s == 0 {
                s.push('Z');
            } else {
                let a = offset_s.unsigned_abs();
                s += &format!("{}{:02}:{:02}", if offset_s < 0 { '-' } else { '+' }, a / 3600, a / 60 % 60);
            }
            (s, format!("{y:04}-{m:02}-{d:02}"))
        };
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        for i in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let ms = match i % 4 {
                0 => (x % 400_000_000_000_000) as i64 - 200_000_000_000_000,
                1 => (x % 1_000_000_000_000) as i64 - 62_200_000_000_000,
                2 => (x % 10_000) as i64 * 3_600_000,
                _ => (x % 600_000_000_000_000) as i64 - 62_000_000_000_000,
            };
            let offset_s = [0, 1, -1, 59, 3600, -21_600, 50_400, -86_399, 86_399][(x >> 40) as usize % 9];
            let (instant, date) = old(ms, offset_s);
            assert_eq!(format_instant(ms, offset_s), instant);
            assert_eq!(format_date(local_day(ms, offset_s)), date);
        }
    }

    #[test]
    fn bounds_are_read_in_the_given_offset() {
        let until = parse_bound("2026-12-01", BoundKind::Until).unwrap();
        let houston_end = parse_instant("2026-12-01T23:59:00-06:00").unwrap();
        assert!(houston_end.ms < until.at(houston_end.offset_s));
        let next_day = parse_instant("2026-12-02T00:00:00-06:00").unwrap();
        assert_eq!(next_day.ms, until.at(next_day.offset_s));
        let from = parse_bound("2026-12-01", BoundKind::From).unwrap();
        let tokyo = parse_instant("2026-12-01T00:00:00+09:00").unwrap();
        assert_eq!(from.at(tokyo.offset_s), tokyo.ms);
    }

    #[test]
    fn months() {
        assert_eq!(parse_bound("2028-02", BoundKind::Until), Ok(Bound::LocalMidnight(days_from_civil(2028, 3, 1))));
        assert_eq!(parse_bound("2026-12", BoundKind::Until), Ok(Bound::LocalMidnight(days_from_civil(2027, 1, 1))));
        assert!(parse_bound("2026-13", BoundKind::Until).is_err());
        assert!(parse_bound("2026-1", BoundKind::Until).is_err());
        assert!(parse_bound("2026-12-1", BoundKind::Until).is_err());
    }
}
