//! Grapheme cluster counting with a fast path for ordinary text.
//!
//! Every rule of UAX #29 that keeps two characters together needs at least
//! one of them to have a `Grapheme_Cluster_Break` value other than `Other`
//! or `Control` (Extend, ZWJ, SpacingMark, Prepend, Regional_Indicator, the
//! Hangul jamo classes), apart from CR LF. So between two characters that
//! are both "simple" (known to be `Other` or `Control`) there is always a
//! boundary, and a text made only of simple characters has one cluster per
//! character, less one per CR LF pair. Anything else goes to
//! `unicode-segmentation`.

use unicode_segmentation::UnicodeSegmentation;

/// Whether `c` is known to have `Grapheme_Cluster_Break` `Other` or
/// `Control`. Conservative: `false` for anything not listed, which only
/// sends a text down the slower exact path. The ranges are checked against
/// `unicode-segmentation` by a test that walks every character in them.
#[inline]
pub(crate) fn is_simple(c: char) -> bool {
    matches!(c,
        '\u{0000}'..='\u{007F}'
        | '\u{0080}'..='\u{02FF}'
        | '\u{0370}'..='\u{0482}'
        | '\u{048A}'..='\u{0590}'
        | '\u{1E00}'..='\u{1FFF}'
        | '\u{2000}'..='\u{200B}'
        | '\u{2010}'..='\u{205F}'
        | '\u{2070}'..='\u{20CF}'
        | '\u{2100}'..='\u{218F}'
    )
}

/// Grapheme clusters in a text whose characters are all simple.
#[inline]
pub(crate) fn count_simple(chars: usize, crlf_pairs: usize) -> usize {
    chars - crlf_pairs
}

/// Grapheme clusters in any text (extended clusters, UAX #29).
pub(crate) fn count(text: &str) -> usize {
    text.graphemes(true).count()
}

/// Grapheme clusters in any text, handing only the stretches around
/// non-simple characters to `unicode-segmentation`. The text is cut
/// between every two adjacent simple characters (other than CR LF): a
/// boundary is certain there, and no rule of UAX #29 looks back across one
/// (regional indicator pairs, emoji ZWJ chains and Indic conjuncts are all
/// broken by a simple character), so the counts of the stretches add up.
pub(crate) fn count_mixed(text: &str) -> usize {
    let mut clusters = 0;
    // The stretch not yet counted: where it starts, how many characters
    // it has, and whether its last character is simple (and not CR).
    let mut start = 0;
    let mut len = 0usize;
    let mut prev_simple = false;
    let mut prev_cr = false;
    for (at, c) in text.char_indices() {
        let simple = is_simple(c);
        if prev_simple && simple && !(prev_cr && c == '\n') {
            // A boundary is certain here: count what came before it.
            clusters += if len == 1 { 1 } else { count(&text[start..at]) };
            start = at;
            len = 0;
        }
        len += 1;
        prev_simple = simple;
        prev_cr = c == '\r';
    }
    clusters + count_stretch(&text[start..])
}

#[inline]
fn count_stretch(s: &str) -> usize {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (None, _) => 0,
        (Some(_), None) => 1,
        _ => count(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_ranges_are_other_or_control() {
        // A boundary must separate every pair of simple characters. Pair
        // each simple character with a few partners from the same ranges,
        // in both orders.
        let partners = ['a', '\u{00E9}', '\u{0416}', '\u{2013}', '\u{20AC}'];
        for c in (0..=0x218Fu32).filter_map(char::from_u32) {
            if !is_simple(c) {
                continue;
            }
            for p in partners {
                for s in [format!("{c}{p}"), format!("{p}{c}")] {
                    if s == "\r\n" {
                        continue;
                    }
                    assert_eq!(count(&s), 2, "U+{:04X} and {p:?}", c as u32);
                }
            }
            let s = format!("{c}{c}");
            if c != '\r' {
                assert_eq!(count(&s), 2, "U+{:04X} doubled", c as u32);
            }
        }
    }

    #[test]
    fn mixed_count_agrees_with_unicode_segmentation() {
        let texts = [
            "",
            "😀",
            "a😀b",
            "ok 👍🏽 fine 👨\u{200D}👩\u{200D}👧 🇵🇱🇩🇪🇫 e\u{301}\u{308}x",
            "\r\n😀\r\n",
            "‼\u{200D}😀 ™\u{FE0F}",
            "क्षि नमस्ते",
            "क्\u{200D}ष क्क ক্ষ ক্‌ষ த்த ക്ക ർ ڈاکٹر ۱۲ \u{0D4E}ക",
            "각각 \u{1100}\u{1161}\u{11A8}",
            "\u{600}a \u{200D}\u{200D}",
            "a\r\nb\r\r\n\n😀\r\n\u{301}\r",
            "नमस्ते दुनिया, ok 👍 e\u{301}\u{301} x",
        ];
        for t in texts {
            assert_eq!(count_mixed(t), count(t), "{t:?}");
        }
    }

    #[test]
    fn crlf_is_one_cluster() {
        assert_eq!(count("\r\n"), 1);
        assert_eq!(count_simple(2, 1), 1);
    }
}
