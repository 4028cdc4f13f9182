//! What the host platform answers, natively: reading and printing floating-point numbers,
//! lowercasing a non-ASCII character and telling whether one is a letter or digit, with Rust's
//! own `str::parse::<f64>`, `{:e}`, `char::to_lowercase` and `char::is_alphanumeric`.
//!
//! In WebAssembly, `src/wasm/host.rs` answers instead (the crate root picks one of the two),
//! with JavaScript's `parseFloat`, `Number.prototype.toString` and `String.prototype.toLowerCase`:
//! the same answers for the inputs credgate passes, and Rust's float tables (43 KB before
//! compression), Unicode case tables (10 KB) and alphabetic and numeric tables (2.9 KB) stay out
//! of the `.wasm`, which SPEC §5 holds to 150 KB gzipped. The two files offer the same five
//! functions (one of them, `now_ms`, the clock that dates a change-log entry); no other module
//! knows which platform it runs on.

/// The double that JSON number text `raw` denotes (correctly rounded), `None` if it is not a
/// number.
pub(crate) fn parse_f64(raw: &str) -> Option<f64> {
    raw.parse().ok()
}

/// The shortest decimal that reads back as `x`, possibly in exponent form (`1.25e-7`):
/// `human::push_number` writes it out.
pub(crate) fn number_text(x: f64) -> String {
    format!("{x:e}")
}

/// Pushes `c.to_lowercase()`.
pub(crate) fn push_lowercase(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// `c.is_alphanumeric()`: Unicode's Alphabetic property or a number (Nd, Nl, No).
pub(crate) fn is_alphanumeric(c: char) -> bool {
    c.is_alphanumeric()
}

/// Now, in milliseconds since 1970-01-01T00:00:00Z (the system clock; 0 before the epoch).
pub(crate) fn now_ms() -> i64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_is_unicode_lowercase() {
        let mut out = String::new();
        for c in "AÉİΣz".chars() {
            push_lowercase(&mut out, c);
        }
        assert_eq!(out, "aéi\u{307}σz");
    }

    #[test]
    fn alphanumeric_is_unicode_alphabetic_or_numeric() {
        let yes: Vec<bool> = "aZ9éΣ٣Ⅻ½漢".chars().map(is_alphanumeric).collect();
        assert!(yes.iter().all(|&b| b), "{yes:?}");
        let no: Vec<bool> = " -_/#\u{a0}\u{2014}€\u{301}".chars().map(is_alphanumeric).collect();
        assert!(no.iter().all(|&b| !b), "{no:?}");
    }
}
