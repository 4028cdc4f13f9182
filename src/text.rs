//! Counting, cutting and trimming text as std does, with less code in the `.wasm`.
//!
//! std's `str::chars().count()` is unrolled for long texts (594 bytes of the package's
//! WebAssembly), `str::trim` walks characters through a generic pattern searcher in both
//! directions (~730 bytes), and `chars().take(n).collect()` decodes and copies the text it cuts,
//! for what credgate counts, cuts and trims (an error's line, a key beside the known ones, a
//! quoted text, a CSV cell, an override's reason), texts of a line at most. These functions answer
//! exactly as std's do, byte by byte, without decoding characters; [`trim`] walks the whole
//! text, so a text that may be long (a document) is trimmed by std's.

/// The number of characters (Unicode scalar values) in `text`, as `text.chars().count()`
/// answers it: its bytes that do not continue a character (a continuation byte is
/// `0b10xx_xxxx`).
///
/// ```text
/// "abc" → 3    "é" (2 bytes) → 1    "😀" (4 bytes) → 1
/// ```
pub(crate) fn char_count(text: &str) -> usize {
    text.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// The first `n` characters of `text`, borrowed: what `text.chars().take(n).collect::<String>()`
/// holds, without the copy. `text` itself when it has at most `n` characters; the cut is just
/// before the first byte of character `n + 1` (counting from 1), always a character boundary.
///
/// ```text
/// ("abc", 2) → "ab"    ("éé", 1) → "é"    ("ab", 5) → "ab"    ("ab", 0) → ""
/// ```
pub(crate) fn prefix(text: &str, n: usize) -> &str {
    let mut seen = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if (b as i8) >= -0x40 {
            if seen == n {
                return text.get(..i).unwrap_or(text);
            }
            seen += 1;
        }
    }
    text
}

/// `text` without the white space at either end, as `text.trim()` answers it: white space is
/// Unicode's `White_Space` property, what `char::is_whitespace` holds (tab to carriage return,
/// space, U+0085 NEXT LINE, U+00A0 NO-BREAK SPACE, U+1680, U+2000 to U+200A, U+2028, U+2029,
/// U+202F, U+205F and U+3000 IDEOGRAPHIC SPACE), matched by their UTF-8 bytes.
pub(crate) fn trim(text: &str) -> &str {
    let b = text.as_bytes();
    // One pass: `start` is the first byte of a character that is not white space, `end` just
    // past the last such byte. A byte that continues a character never starts a match, so the
    // walk may step through a character a byte at a time.
    let (mut i, mut start, mut end) = (0, b.len(), 0);
    while let Some(rest) = b.get(i..).filter(|rest| !rest.is_empty()) {
        match space_len(rest) {
            0 => {
                start = start.min(i);
                i += 1;
                end = i;
            }
            n => i += n,
        }
    }
    text.get(start.min(end)..end).unwrap_or_default()
}

/// The length of the white-space character that `bytes` start with, in bytes; 0 when they start
/// with another character or in the middle of one.
fn space_len(bytes: &[u8]) -> usize {
    match bytes {
        [b'\t'..=b'\r' | b' ', ..] => 1,
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..] | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] | [0xE2, 0x81, 0x9F, ..] | [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_white_space_character_is_trimmed_and_no_other() {
        for c in '\0'..=char::MAX {
            let text = [c, 'x', c].iter().collect::<String>();
            assert_eq!(trim(&text), text.trim(), "{:?}", c as u32);
        }
    }

    proptest::proptest! {
        #[test]
        fn as_std_answers(text in "[ \\t\\n\\r\\u{85}\\u{a0}\\u{1680}\\u{2000}-\\u{200b}\\u{2028}\\u{2029}\\u{202f}\\u{205f}\\u{3000}a-cé€😀\\u{80}-\\u{90}]{0,12}", any in "\\PC{0,30}") {
            proptest::prop_assert_eq!(trim(&text), text.trim());
            proptest::prop_assert_eq!(trim(&any), any.trim());
            proptest::prop_assert_eq!(char_count(&text), text.chars().count());
            proptest::prop_assert_eq!(char_count(&any), any.chars().count());
            for n in 0..14 {
                proptest::prop_assert_eq!(prefix(&text, n), text.chars().take(n).collect::<String>());
                proptest::prop_assert_eq!(prefix(&any, n), any.chars().take(n).collect::<String>());
            }
        }
    }
}
