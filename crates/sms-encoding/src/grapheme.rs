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
/// `Control` (and no Indic conjunct role but consonant or none).
/// Conservative: `false` for anything not listed, which only sends a text
/// down the slower exact path. The ranges are checked against
/// `unicode-segmentation` by a test that walks every character in them
/// (unassigned code points inside them included: a newer Unicode that
/// gives one of them a mark's properties fails that test).
///
/// An Indic consonant may be simple: the conjunct rule (GB9c) joins two
/// consonants only across a virama, which is not simple, and looks back
/// only across marks and viramas to the nearest consonant, so it never
/// reaches across two adjacent simple characters.
#[inline]
pub(crate) fn is_simple(c: char) -> bool {
    matches!(c,
        '\u{0000}'..='\u{007F}'
        | '\u{0080}'..='\u{02FF}'
        | '\u{0370}'..='\u{0482}'
        | '\u{048A}'..='\u{0590}'
        // Arabic letters and digits (Urdu), and the letters, digits and
        // signs of the Indic blocks that are neither marks nor viramas:
        // the scripts of the national language tables.
        | '\u{061B}'..='\u{064A}'
        | '\u{0660}'..='\u{066F}'
        | '\u{0671}'..='\u{06D5}'
        | '\u{06EE}'..='\u{06FF}'
        | '\u{0904}'..='\u{0939}'
        | '\u{0958}'..='\u{0961}'
        | '\u{0964}'..='\u{0980}'
        | '\u{0984}'..='\u{09BB}'
        | '\u{09CE}'..='\u{09D6}'
        | '\u{09D8}'..='\u{09E1}'
        | '\u{09E4}'..='\u{09FD}'
        | '\u{0A04}'..='\u{0A3B}'
        | '\u{0A52}'..='\u{0A6F}'
        | '\u{0A76}'..='\u{0A80}'
        | '\u{0A84}'..='\u{0ABB}'
        | '\u{0ACE}'..='\u{0AE1}'
        | '\u{0AE4}'..='\u{0AF9}'
        | '\u{0B04}'..='\u{0B3B}'
        | '\u{0B4E}'..='\u{0B54}'
        | '\u{0B58}'..='\u{0B61}'
        | '\u{0B64}'..='\u{0B81}'
        | '\u{0B83}'..='\u{0BBD}'
        | '\u{0BCE}'..='\u{0BD6}'
        | '\u{0BD8}'..='\u{0BFF}'
        | '\u{0C05}'..='\u{0C3B}'
        | '\u{0C4E}'..='\u{0C54}'
        | '\u{0C57}'..='\u{0C61}'
        | '\u{0C64}'..='\u{0C80}'
        | '\u{0C84}'..='\u{0CBB}'
        | '\u{0CCE}'..='\u{0CD4}'
        | '\u{0CD7}'..='\u{0CE1}'
        | '\u{0CE4}'..='\u{0CF2}'
        | '\u{0CF4}'..='\u{0CFF}'
        | '\u{0D04}'..='\u{0D3A}'
        | '\u{0D4F}'..='\u{0D56}'
        | '\u{0D58}'..='\u{0D61}'
        | '\u{0D64}'..='\u{0D7F}'
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
        let partners = [
            'a', '\u{00E9}', '\u{0416}', '\u{2013}', '\u{20AC}',
            // Consonants of Devanagari, Bengali, Tamil and Malayalam, and
            // an Arabic letter: the conjunct rule pairs consonants.
            '\u{0915}', '\u{0995}', '\u{0B95}', '\u{0D15}', '\u{0627}',
        ];
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
