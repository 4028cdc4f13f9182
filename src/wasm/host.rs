//! What the host platform answers in WebAssembly: JavaScript reads and prints floating-point
//! numbers, lowercases non-ASCII characters and tells whether one is a letter or digit, so that
//! Rust's float parsing and printing tables (43 KB before compression), Unicode case tables
//! (10 KB) and alphabetic and numeric tables (2.9 KB) stay out of the `.wasm` (SPEC §5:
//! 150 KB gzipped). The crate root makes this module the core's `host` in WebAssembly; natively,
//! `src/host.rs` offers the same five functions (one of them, `now_ms`, the clock) with Rust's own. Both give the same answers for
//! the inputs credgate passes them (the parity tests compare the builds' outputs).

/// The double that JSON number text `raw` denotes (correctly rounded), `None` if it is not a
/// number. `raw` has already been checked against JSON's number grammar, which `parseFloat`
/// reads the same way as Rust (no hexadecimal, no `Infinity`).
pub(crate) fn parse_f64(raw: &str) -> Option<f64> {
    Some(js_sys::Number::parse_float(raw)).filter(|x| !x.is_nan())
}

/// JavaScript's `Number.prototype.toString`: the shortest digits that read back as `x`, with
/// an exponent below 1e-6 and from 1e21 (`human::push_number` writes it out).
pub(crate) fn number_text(x: f64) -> String {
    String::from(js_sys::Number::from(x).to_string_with_radix(10).unwrap_or_else(|_| "NaN".into()))
}

/// Pushes `c.to_lowercase()`: an ASCII character here, any other by JavaScript's `toLowerCase`
/// (the same Unicode mapping for one character).
pub(crate) fn push_lowercase(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.push_str(&String::from(js_sys::JsString::from(c).to_lower_case()));
    }
}

/// `c.is_alphanumeric()`: an ASCII character here, any other by a JavaScript regular
/// expression of the same Unicode properties (`\p{Alphabetic}` or `\p{N}`, Rust's
/// `is_alphabetic() || is_numeric()`). Only the CSV import's headers ask, a few times a file.
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let mut buf = [0u8; 4];
    js_sys::RegExp::new(r"^[\p{Alphabetic}\p{N}]$", "u").test(c.encode_utf8(&mut buf))
}

/// Now, in milliseconds since 1970-01-01T00:00:00Z: JavaScript's `Date.now()`.
pub(crate) fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}
