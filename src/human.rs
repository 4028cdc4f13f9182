//! Wording for people: how a message writes a day, a time, a duration, a number, and a piece of
//! text from the documents.
//!
//! Every message credgate writes (a verdict's reasons, alerts, audit findings, load problems)
//! words dates and numbers through this module, so that one place decides how they read and one
//! place would change to translate them. The arithmetic of dates and instants is the `time`
//! module's; this module only writes its answers out. The sentences of verdict reasons are
//! `verdict::messages`'s, built from these pieces.
//!
//! | piece | example |
//! | --- | --- |
//! | a day ([`human_day`]) | `14 Dec`, `14 Dec 2027` when the year is not the reference day's |
//! | an instant ([`human_instant`]) | `12:00 on 1 Dec`, in the offset it is read in |
//! | a duration ([`push_human_duration`]) | `5 h`, `90 min`, `9 h 30 min`, `2 d 2 h` |
//! | a number of hours ([`push_number`]) | `10`, `8.5`: the shortest text that reads back |
//! | document text ([`put`]) | ids, names, a waiver's reason, cut at 80 characters with `…` |

use crate::time::{civil_from_days, local_day, DAY_MS};

/// Appends `n` in decimal (as `{}` does), its digits written here: a verdict's messages write
/// thousands of numbers, and the formatting machinery costs several times the digits.
pub(crate) fn push_int(out: &mut String, n: i64) {
    push_padded(out, n, 0);
}

/// Appends `n` as `{:0width$}` does: its sign, then zeros until the sign and the digits take
/// `width` characters, then the digits (a wider number is not cut). One digit loop for every
/// integer the crate writes: counts, clock times and RFC 3339's fields.
#[inline(never)]
pub(crate) fn push_padded(out: &mut String, n: i64, width: usize) {
    if n < 0 {
        out.push('-');
    }
    let mut v = n.unsigned_abs();
    // u64::MAX has 20 digits.
    let (mut digits, mut len) = ([0u8; 20], 0);
    loop {
        if let Some(d) = digits.get_mut(len) {
            *d = b'0' + (v % 10) as u8;
        }
        len += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for _ in len + usize::from(n < 0)..width {
        out.push('0');
    }
    out.extend(digits.iter().take(len).rev().map(|&d| char::from(d)));
}

/// `text` as `str::parse::<u32>` reads it: an optional `+`, then one or more ASCII digits, in
/// range; `None` otherwise. The crate's own, so that core's generic integer parser stays out of
/// the package's `.wasm` (a CSV slash date's parts; the loader's path indexes are read as numbers).
pub(crate) fn parse_u32(text: &str) -> Option<u32> {
    let digits = text.strip_prefix('+').unwrap_or(text);
    if digits.is_empty() {
        return None;
    }
    digits.bytes().try_fold(0u32, |n, b| n.checked_mul(10)?.checked_add(char::from(b).to_digit(10)?))
}

/// Appends `n` as `{:02}` does (`-5` is already two characters).
fn push_two(out: &mut String, n: i64) {
    push_padded(out, n, 2);
}

/// Appends `HH:MM` of a time of day in ms.
pub(crate) fn push_clock(out: &mut String, in_day: i64) {
    push_two(out, in_day / 3_600_000);
    out.push(':');
    push_two(out, in_day / 60_000 % 60);
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A day for people: `14 Dec` (with the year when it is not `ref_day`'s year: `14 Dec 2027`).
#[inline(never)]
pub(crate) fn human_day(day: i32, ref_day: i32) -> String {
    let mut out = String::with_capacity(11);
    push_human_day(&mut out, day, ref_day);
    out
}

/// Appends [`human_day`]'s text to `out`.
pub(crate) fn push_human_day(out: &mut String, day: i32, ref_day: i32) {
    let (y, m, d) = civil_from_days(day);
    let (ry, _, _) = civil_from_days(ref_day);
    let month = MONTHS.get(m as usize - 1).copied().unwrap_or("?");
    push_int(out, i64::from(d));
    out.push(' ');
    out.push_str(month);
    if y != ry {
        out.push(' ');
        push_int(out, i64::from(y));
    }
}

/// A time for people: `12:00 on 1 Dec`, local to `offset_s`.
#[inline(never)]
pub(crate) fn human_instant(ms: i64, offset_s: i32, ref_day: i32) -> String {
    let mut out = String::with_capacity(20);
    push_human_instant(&mut out, ms, offset_s, ref_day);
    out
}

/// Appends [`human_instant`]'s text to `out`.
pub(crate) fn push_human_instant(out: &mut String, ms: i64, offset_s: i32, ref_day: i32) {
    let local = ms + i64::from(offset_s) * 1000;
    push_clock(out, local.rem_euclid(DAY_MS));
    out.push_str(" on ");
    push_human_day(out, local_day(ms, offset_s), ref_day);
}

/// Appends a duration for people: `5 h`, `90 min`, `9 h 59 min`, `2 d 3 h`: a count and its
/// unit, then a second count and unit when that is not 0, each count by [`push_int`] (a `write!`
/// per form was larger).
pub(crate) fn push_human_duration(out: &mut String, ms: i64) {
    let minutes = ms / 60_000;
    let (h, min) = (minutes / 60, minutes % 60);
    let (count, unit, rest, rest_unit) = if minutes < 120 && min != 0 {
        (minutes, " min", 0, "")
    } else if minutes < 48 * 60 {
        (h, " h", min, " min")
    } else {
        (h / 24, " d", h % 24, " h")
    };
    push_int(out, count);
    out.push_str(unit);
    if rest != 0 {
        out.push(' ');
        push_int(out, rest);
        out.push_str(rest_unit);
    }
}

/// Appends `x` as a person reads it: a whole number without a point (`10`), else the shortest
/// decimal that reads back as `x`, never in exponent form (`8.5`, `0.0000001`).
pub(crate) fn push_number(out: &mut String, x: f64) {
    if x.fract() == 0.0 {
        push_int(out, x as i64);
        return;
    }
    let start = out.len();
    push_positional(out, &crate::host::number_text(x));
    // Clipped as any quoted text ([`put`]): a number as small as 1e-300 is written out in full.
    // Number text is ASCII, so the cut is at a byte, where `put` would have copied it from a
    // `String` of its own.
    if out.len() - start > crate::error::MAX_QUOTED_CHARS {
        out.truncate(start + crate::error::MAX_QUOTED_CHARS);
        out.push('…');
    }
}

/// Appends a decimal in exponent form (`1.25e-7`, `1e+21`, or none: `8.5`) written out without
/// one. The host's number text (`host::number_text`) may use an exponent: Rust's `{:e}`, or
/// JavaScript's `toString` below 1e-6 and from 1e21; written out, both are what `{}` prints.
fn push_positional(out: &mut String, text: &str) {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (mantissa, exp) = match rest.bytes().position(|b| b == b'e' || b == b'E') {
        Some(at) => (rest.get(..at).unwrap_or(""), exponent(rest.get(at + 1..).unwrap_or(""))),
        None => (rest, 0),
    };
    if !mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        out.push_str(text); // NaN, Infinity
        return;
    }
    // The digits without the point, and how many of them come before it once the exponent
    // has moved it: none or fewer (`0.000…` first), all or more (zeros after).
    let int = mantissa.bytes().position(|b| b == b'.').unwrap_or(mantissa.len());
    let n = mantissa.len() - usize::from(int < mantissa.len());
    let point = int as i64 + exp;
    out.push_str(sign);
    if point <= 0 {
        out.push_str("0.");
        push_zeros(out, point.unsigned_abs() as usize);
    }
    let mut written = 0;
    for (j, b) in mantissa.bytes().enumerate() {
        if j == int {
            continue;
        }
        if point > 0 && written == point {
            out.push('.');
        }
        out.push(char::from(b));
        written += 1;
    }
    if point > 0 {
        push_zeros(out, (point as usize).saturating_sub(n));
    }
}

/// [`push_positional`]'s text as a `String` (the tests').
#[cfg(test)]
fn positional(text: &str) -> String {
    let mut out = String::new();
    push_positional(&mut out, text);
    out
}

/// An exponent's digits, as `str::parse::<i64>` reads them after any `+`s, up to 18 digits: 0
/// when they are not a number. An `f64`'s exponent has at most three (`e-324` to `e+308`);
/// one longer than 18 is no number's and reads as 0, so the sum never overflows and needs no
/// checked (128-bit, in WebAssembly) multiplication.
fn exponent(text: &str) -> i64 {
    let text = text.trim_start_matches('+');
    let (negative, digits) = match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text),
    };
    if digits.is_empty() || digits.len() > 18 {
        return 0;
    }
    let mut v: i64 = 0;
    for b in digits.bytes() {
        let d = i64::from(b.wrapping_sub(b'0'));
        if d > 9 {
            return 0;
        }
        v = v * 10 + d;
    }
    if negative {
        -v
    } else {
        v
    }
}

fn push_zeros(out: &mut String, n: usize) {
    for _ in 0..n {
        out.push('0');
    }
}

/// Appends each of `parts` (one call, out of line, for a message's run of pieces), each
/// clipped to [`crate::error::MAX_QUOTED_CHARS`] characters: the parts that come from the
/// documents (ids, names, a waiver's reason) are quoted at most that long, so that a 10 MB
/// field is not copied into every message; the fixed phrases are all shorter.
#[inline(never)]
pub(crate) fn put(out: &mut String, parts: &[&str]) {
    for p in parts {
        crate::error::push_clipped(out, p);
    }
}

/// Appends `template` with each `%` in it replaced by the next of `args`, clipped as [`put`]
/// clips it: a message's fixed phrases passed as one text, where a run of pieces for [`put`]
/// stored each phrase apart at every call site. The template is always the code's own text
/// (its phrases shorter than the clip, no `%` of their own); what a document holds only ever
/// comes in `args`.
#[inline]
pub(crate) fn say(out: &mut String, template: &str, args: &[&str]) {
    say_as(out, template, args, true);
}

/// [`say`], each argument clipped when `clip`, else written whole: the loader's messages,
/// whose arguments are values already quoted (and cut) and paths. One copy of the loop for
/// both.
#[inline(never)]
pub(crate) fn say_as(out: &mut String, template: &str, args: &[&str], clip: bool) {
    let mut args = args.iter();
    let mut rest = template;
    while let Some(i) = rest.bytes().position(|b| b == b'%') {
        out.push_str(rest.get(..i).unwrap_or_default());
        if let Some(arg) = args.next() {
            if clip {
                crate::error::push_clipped(out, arg);
            } else {
                out.push_str(arg);
            }
        }
        rest = rest.get(i + 1..).unwrap_or_default();
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_instant;
    use proptest::prelude::*;

    #[test]
    fn digits_written_as_format_writes_them() {
        for n in [0, 7, -7, 10, 99, 100, -100, 12_345, i64::MAX, i64::MIN, -1] {
            let mut out = String::new();
            push_int(&mut out, n);
            assert_eq!(out, n.to_string());
        }
        for n in [0, 5, 10, 99, 100, -1, -60, 12_345] {
            let mut out = String::new();
            push_two(&mut out, n);
            assert_eq!(out, format!("{n:02}"));
        }
        for n in [0, 1, 9, 10, 99, 999, 1000, 9999, 10_000, -1, -9, -99, -999, -1000, -10_000, i64::MAX, i64::MIN] {
            for width in 0..6 {
                let mut out = String::new();
                push_padded(&mut out, n, width);
                assert_eq!(out, format!("{n:0width$}"));
            }
        }
        for in_day in [0, 59_999, 60_000, 3_599_999, 86_399_999, -1, -3_600_000, 400 * 3_600_000] {
            let mut out = String::new();
            push_clock(&mut out, in_day);
            assert_eq!(out, format!("{:02}:{:02}", in_day / 3_600_000, in_day / 60_000 % 60));
        }
    }

    #[test]
    fn parse_u32_edges() {
        for text in ["", "+", "-", "-0", "+0", "0", "007", "4294967295", "4294967296", "99999999999", " 1", "1 ", "١"] {
            assert_eq!(parse_u32(text), text.parse::<u32>().ok(), "{text:?}");
        }
    }

    #[test]
    fn human_forms() {
        let t = parse_instant("2026-12-01T12:00:00-06:00").unwrap();
        assert_eq!(human_instant(t.ms, t.offset_s, t.local_day()), "12:00 on 1 Dec");
        let human_duration = |ms| {
            let mut out = String::new();
            push_human_duration(&mut out, ms);
            out
        };
        assert_eq!(human_duration(5 * 3_600_000), "5 h");
        assert_eq!(human_duration(90 * 60_000), "90 min");
        assert_eq!(human_duration(9 * 3_600_000 + 30 * 60_000), "9 h 30 min");
        assert_eq!(human_duration(50 * 3_600_000), "2 d 2 h");
    }

    #[test]
    fn positional_reads_javascript_number_text() {
        assert_eq!(positional("8.5"), "8.5");
        assert_eq!(positional("0.001"), "0.001");
        assert_eq!(positional("1e-7"), "0.0000001");
        assert_eq!(positional("1.25e-7"), "0.000000125");
        assert_eq!(positional("1e+21"), "1000000000000000000000");
        assert_eq!(positional("-2.5e+22"), "-25000000000000000000000");
    }

    #[test]
    fn numbers_read_as_display() {
        for (x, text) in [(10.0, "10"), (8.5, "8.5"), (0.25, "0.25"), (1e-7, "0.0000001"), (11.999, "11.999")] {
            let mut out = String::new();
            push_number(&mut out, x);
            assert_eq!(out, text);
        }
        // Long ones clipped as `put` clips the text.
        for x in [1e-300, -1.5e-200, 1.2345e-90, 3.3e-75, 1.25e-78, 1e-79, 1e-80, 0.5e-77] {
            let (mut out, mut put_) = (String::from("x"), String::from("x"));
            push_number(&mut out, x);
            put(&mut put_, &[&positional(&crate::host::number_text(x))]);
            assert_eq!(out, put_);
        }
    }

    proptest! {
        /// Shortest digits in exponent form, written out, are what `{}` prints.
        #[test]
        fn positional_is_display(mantissa in 1u64..10_000_000_000_000_000, exp in -40i32..40) {
            let x = mantissa as f64 * 10f64.powi(exp);
            prop_assert_eq!(positional(&format!("{x:e}")), format!("{x}"));
            prop_assert_eq!(positional(&format!("{:e}", -x)), format!("{}", -x));
        }

        /// `parse_u32` reads as `parse::<u32>`.
        #[test]
        fn parse_u32_is_parse(text in "[+-]{0,2}[0-9]{0,11}[x٣.]?[0-9]{0,2}") {
            prop_assert_eq!(parse_u32(&text), text.parse::<u32>().ok());
        }

        /// An exponent of up to 18 digits reads as `parse::<i64>` after the `+`s, 0 where that
        /// fails.
        #[test]
        fn exponent_is_parse(text in "[+-]{0,3}[0-9]{0,16}[x.]?[0-9]{0,2}") {
            prop_assert_eq!(exponent(&text), text.trim_start_matches('+').parse::<i64>().unwrap_or(0));
        }
    }
}
