//! What the host platform answers: reading and printing floating-point numbers, and
//! lowercasing a non-ASCII character.
//!
//! Natively these are Rust's own (`str::parse::<f64>`, `{}` of an `f64`, `char::to_lowercase`).
//! In WebAssembly they are JavaScript's (`parseFloat`, `Number.prototype.toString`,
//! `String.prototype.toLowerCase`), which give the same answers for the inputs credgate passes
//! them, and keep Rust's float parsing and printing tables (43 KB before compression) and Unicode case tables
//! (10 KB) out of the `.wasm`: SPEC §5 allows 150 KB gzipped. This module is the only place in
//! the core that knows which platform it runs on.

/// The double that JSON number text `raw` denotes (correctly rounded), `None` if it is not a
/// number. `raw` has already been checked against JSON's number grammar, which
/// `parseFloat` reads the same way as Rust (no hexadecimal, no `Infinity`).
#[cfg(target_arch = "wasm32")]
pub(crate) fn parse_f64(raw: &str) -> Option<f64> {
    Some(js_sys::Number::parse_float(raw)).filter(|x| !x.is_nan())
}

/// The double that JSON number text `raw` denotes (correctly rounded), `None` if it is not a
/// number.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn parse_f64(raw: &str) -> Option<f64> {
    raw.parse().ok()
}

/// `format!("{x}")`: the shortest decimal that reads back as `x`, without an exponent.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn shortest(x: f64) -> String {
    format!("{x}")
}

/// `format!("{x}")` from JavaScript's `Number.prototype.toString` (the same shortest digits,
/// with an exponent below 1e-6 and from 1e21, which [`positional`] writes out).
#[cfg(target_arch = "wasm32")]
pub(crate) fn shortest(x: f64) -> String {
    positional(&String::from(js_sys::Number::from(x).to_string_with_radix(10).unwrap_or_else(|_| "NaN".into())))
}

/// Pushes `c.to_lowercase()`. In WebAssembly a non-ASCII character is lowercased by
/// JavaScript's `toLowerCase` (the same Unicode mapping for one character).
pub(crate) fn push_lowercase(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    #[cfg(target_arch = "wasm32")]
    out.push_str(&String::from(js_sys::JsString::from(c).to_lower_case()));
    #[cfg(not(target_arch = "wasm32"))]
    out.extend(c.to_lowercase());
}

/// A decimal in exponent form (`1.25e-7`, `1e+21`, or none: `8.5`) written out without one.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn positional(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (mantissa, exp) = match rest.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i64>().unwrap_or(0)),
        None => (rest, 0),
    };
    if !mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return text.to_string(); // NaN, Infinity
    }
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    let point = int.len() as i64 + exp;
    let mut out = String::from(sign);
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat('0').take(point.unsigned_abs() as usize));
        out.push_str(&digits);
    } else if point as usize >= digits.len() {
        out.push_str(&digits);
        out.extend(std::iter::repeat('0').take(point as usize - digits.len()));
    } else {
        out.push_str(&digits[..point as usize]);
        out.push('.');
        out.push_str(&digits[point as usize..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
    fn lowercase_is_unicode_lowercase() {
        let mut out = String::new();
        for c in "AÉİΣz".chars() {
            push_lowercase(&mut out, c);
        }
        assert_eq!(out, "aéi\u{307}σz");
    }

    proptest! {
        /// Shortest digits in exponent form, written out, are what `{}` prints.
        #[test]
        fn positional_is_display(mantissa in 1u64..10_000_000_000_000_000, exp in -40i32..40) {
            let x = mantissa as f64 * 10f64.powi(exp);
            prop_assert_eq!(positional(&format!("{x:e}")), format!("{x}"));
            prop_assert_eq!(positional(&format!("{:e}", -x)), format!("{}", -x));
        }
    }
}
