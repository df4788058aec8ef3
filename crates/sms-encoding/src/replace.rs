//! "Replace national characters" and "smart" look-alike replacement:
//! turning a text GSM-7 cannot carry into one it can.

use std::borrow::Cow;

use crate::alphabet::Alphabet;
use crate::analysis::Analysis;
use crate::segmenter::Segmenter;

/// Which replacements to make; both are off in `Replacements::default()`.
///
/// A character the default GSM alphabet already has (é, ü, ñ, Ä, Ø, Ç ...)
/// is never replaced. Build it from a constant or with the setters:
///
/// ```
/// use sms_encoding::Replacements;
///
/// let what = Replacements::default().national(true);
/// assert!(what.replaces_national() && !what.replaces_smart());
/// assert_eq!(what.smart(true), Replacements::ALL);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Replacements {
    national: bool,
    smart: bool,
}

impl Replacements {
    /// No replacement.
    pub const NONE: Replacements =
        Replacements { national: false, smart: false };

    /// National letters only.
    pub const NATIONAL: Replacements =
        Replacements { national: true, smart: false };

    /// Typographic look-alikes only.
    pub const SMART: Replacements =
        Replacements { national: false, smart: true };

    /// Both replacements.
    pub const ALL: Replacements = Replacements { national: true, smart: true };

    /// Transliterate national letters to their GSM-7 base letters:
    /// Polish, Czech, Slovak, Hungarian, Romanian, Turkish, Croatian,
    /// Slovene, Latvian, Lithuanian, Estonian, German, Nordic, French,
    /// Spanish and Portuguese Latin letters, and Russian, Ukrainian and
    /// Belarusian Cyrillic. See [`national_replacement`] for the table.
    pub fn national(mut self, yes: bool) -> Replacements {
        self.national = yes;
        self
    }

    /// Replace typographic look-alikes: curly quotes, dashes, the
    /// ellipsis, non-breaking and other exotic spaces, invisible
    /// characters. See [`smart_replacement`] for the table.
    pub fn smart(mut self, yes: bool) -> Replacements {
        self.smart = yes;
        self
    }

    /// Whether national letters are transliterated.
    pub fn replaces_national(&self) -> bool {
        self.national
    }

    /// Whether typographic look-alikes are replaced.
    pub fn replaces_smart(&self) -> bool {
        self.smart
    }
}

/// One replaced character.
///
/// With the `serde` feature it serializes as an object with the fields
/// `offset`, `from` and `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Replacement {
    offset: usize,
    from: char,
    to: &'static str,
}

impl Replacement {
    /// Byte offset of the character in the original text.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The character replaced.
    pub fn from(&self) -> char {
        self.from
    }

    /// What replaced it (possibly empty, or several characters).
    pub fn to(&self) -> &'static str {
        self.to
    }
}

/// `'ł' → "l"`, the empty replacement as `""`.
impl core::fmt::Display for Replacement {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{:?} \u{2192} {:?}", self.from, self.to)
    }
}

/// The result of [`Segmenter::replace`]: the new text, what changed, and
/// the analysis before and after.
///
/// The list of replacements is not stored: [`Replaced::replacements`]
/// finds them again in the original text when asked, so a long text costs
/// no memory beyond the replaced text itself.
///
/// With the `serde` feature it serializes as an object with the fields
/// `text`, `replacements`, `before` and `after`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replaced<'t> {
    original: &'t str,
    what: Replacements,
    text: Cow<'t, str>,
    count: usize,
    before: Analysis,
    after: Analysis,
}

impl<'t> Replaced<'t> {
    /// The text after replacement; borrowed when nothing changed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text, by value.
    pub fn into_text(self) -> Cow<'t, str> {
        self.text
    }

    /// Every replacement made, in text order, found again in the original
    /// text as they are read (the iterator knows its length).
    pub fn replacements(&self) -> ReplacementIter<'t> {
        ReplacementIter {
            chars: self.original.char_indices(),
            what: self.what,
            left: self.count,
        }
    }

    /// How many characters were replaced.
    pub fn replacement_count(&self) -> usize {
        self.count
    }

    /// The analysis of the original text. It may exceed the part limit
    /// (see [`Analysis::within_limit`]).
    pub fn before(&self) -> &Analysis {
        &self.before
    }

    /// The analysis of the replaced text; it may still exceed the limit.
    pub fn after(&self) -> &Analysis {
        &self.after
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Replaced<'_> {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct List<'a>(ReplacementIter<'a>);
        impl serde::Serialize for List<'_> {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.clone())
            }
        }
        let mut st = s.serialize_struct("Replaced", 4)?;
        st.serialize_field("text", self.text())?;
        st.serialize_field("replacements", &List(self.replacements()))?;
        st.serialize_field("before", &self.before)?;
        st.serialize_field("after", &self.after)?;
        st.end()
    }
}

/// The replacements of a [`Replaced`], in text order; see
/// [`Replaced::replacements`].
#[derive(Clone, Debug)]
pub struct ReplacementIter<'t> {
    chars: core::str::CharIndices<'t>,
    what: Replacements,
    left: usize,
}

impl Iterator for ReplacementIter<'_> {
    type Item = Replacement;

    fn next(&mut self) -> Option<Replacement> {
        if self.left == 0 {
            return None;
        }
        for (offset, from) in self.chars.by_ref() {
            if let Some(to) = replacement(from, self.what) {
                self.left -= 1;
                return Some(Replacement { offset, from, to });
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for ReplacementIter<'_> {}

impl Segmenter {
    /// Replaces national characters and/or look-alikes as `what` says,
    /// and reports what was replaced with the units and parts before and
    /// after. Never fails: a text over the part limit is reported, not
    /// refused, so the agent sees whether the replacement brings it back
    /// under the limit.
    ///
    /// Replacement aims at the default alphabet, which carries the most
    /// per part (no shift element in the header): with national tables
    /// allowed it still replaces letters those tables carry (Turkish `ş`
    /// becomes `s`). Compare [`Replaced::before`] and [`Replaced::after`]
    /// to see whether it saved anything.
    ///
    /// Memory: the replaced text (at most twice the length of `text`, when
    /// every character spells out in two letters of half its bytes, as
    /// `щ` → `shch`) and nothing per replacement.
    ///
    /// # Example
    /// ```
    /// use sms_encoding::{Encoding, Replacements, Segmenter};
    ///
    /// let seg = Segmenter::default();
    /// let r = seg.replace("Zażółć gęślą jaźń – “już”", Replacements::ALL);
    /// assert_eq!(r.text(), "Zazolc gesla jazn - \"juz\"");
    /// assert_eq!(r.before().encoding(), Encoding::Ucs2);
    /// assert_eq!(r.after().encoding(), Encoding::Gsm7);
    /// assert_eq!(r.replacements().len(), 13);
    /// let first = r.replacements().next().unwrap();
    /// assert_eq!((first.offset(), first.from(), first.to()), (2, 'ż', "z"));
    /// ```
    pub fn replace<'t>(
        &self,
        text: &'t str,
        what: Replacements,
    ) -> Replaced<'t> {
        let (before, _) = self.measure(text);
        let (new, count) = replace_chars(text, what);
        let after = if count == 0 { before } else { self.measure(&new).0 };
        Replaced { original: text, what, text: new, count, before, after }
    }
}

/// What replaces `c` under `what`, if anything.
#[inline]
fn replacement(c: char, what: Replacements) -> Option<&'static str> {
    if c.is_ascii() && c != '`' && c != '\t' {
        // The only ASCII characters with a replacement.
        return None;
    }
    if Alphabet::DEFAULT.cost(c).is_some() {
        return None;
    }
    (if what.smart { smart_replacement(c) } else { None })
        .or(if what.national { national_replacement(c) } else { None })
}

/// The replaced text and the number of replacements.
fn replace_chars(text: &str, what: Replacements) -> (Cow<'_, str>, usize) {
    let mut count = 0;
    let mut out: Option<String> = None;
    let mut copied = 0;
    for (offset, c) in text.char_indices() {
        let Some(to) = replacement(c, what) else { continue };
        let buf = out.get_or_insert_with(|| String::with_capacity(text.len()));
        buf.push_str(&text[copied..offset]);
        buf.push_str(to);
        copied = offset + c.len_utf8();
        count += 1;
    }
    match out {
        None => (Cow::Borrowed(text), count),
        Some(mut buf) => {
            buf.push_str(&text[copied..]);
            (Cow::Owned(buf), count)
        }
    }
}

/// What "smart" replacement puts for `c`, if anything. The result is
/// always GSM-7.
///
/// | characters | become |
/// |---|---|
/// | ‘ ’ ‚ ‛ ′ ‹ › ` ´ (quotes, prime, backtick, acute) | `'` |
/// | “ ” „ ‟ ″ « » | `"` |
/// | ‐ ‑ ‒ – — ― − (hyphens, dashes, minus) | `-` |
/// | … | `...` |
/// | no-break, en, em, thin, hair and other spaces, tab | ` ` |
/// | zero-width space, soft hyphen, word joiner, BOM, ZWNJ | (removed) |
/// | • · | `*` and `.` |
/// | ˆ ˜ (modifier letters) | `^` `~` |
/// | ⁄ ∕ (fraction and division slashes) | `/` |
///
/// # Example
/// ```
/// assert_eq!(sms_encoding::smart_replacement('…'), Some("..."));
/// assert_eq!(sms_encoding::smart_replacement('ą'), None);
/// ```
pub fn smart_replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}'
        | '\u{2039}' | '\u{203A}' | '`' | '\u{00B4}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}'
        | '\u{00AB}' | '\u{00BB}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}'
        | '\u{2015}' | '\u{2212}' => "-",
        '\u{2026}' => "...",
        '\t'
        | '\u{00A0}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => " ",
        '\u{200B}' | '\u{200C}' | '\u{00AD}' | '\u{2060}' | '\u{FEFF}' => "",
        '\u{2022}' => "*",
        '\u{00B7}' => ".",
        '\u{02C6}' => "^",
        '\u{02DC}' => "~",
        '\u{2044}' | '\u{2215}' => "/",
        _ => return None,
    })
}

/// What "replace national characters" puts for `c`, if anything. The
/// result is always GSM-7, and it is `None` for every character GSM-7
/// already has.
///
/// Letters become their base letter (ą → a, Ł → L, ş → s), except where
/// GSM-7 has a closer one: Hungarian ő ű become ö ü, and capital letters
/// with a GSM-7 form keep it. Ligatures and special letters spell out
/// (œ → oe, þ → th). Cyrillic follows a practical Latin transliteration
/// close to ICAO 9303 for passports (ж → zh, х → kh, ц → ts, ч → ch, ш → sh,
/// щ → shch, ю → yu, я → ya, й → y); the hard and soft signs are dropped.
/// Russian and Ukrainian share letters, so г is always `g`; Ukrainian є ї
/// і ґ become ye yi i g. Capitals spell out in title case (Щ → Shch).
///
/// # Example
/// ```
/// use sms_encoding::national_replacement;
/// assert_eq!(national_replacement('ł'), Some("l"));
/// assert_eq!(national_replacement('ő'), Some("ö"));
/// assert_eq!(national_replacement('Щ'), Some("Shch"));
/// assert_eq!(national_replacement('é'), None); // GSM-7 has it
/// ```
pub fn national_replacement(c: char) -> Option<&'static str> {
    if Alphabet::DEFAULT.cost(c).is_some() {
        return None;
    }
    Some(match c {
        // Latin-1 Supplement
        'À' | 'Á' | 'Â' | 'Ã' => "A",
        'È' | 'Ê' | 'Ë' => "E",
        'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'Ð' => "D",
        'Ò' | 'Ó' | 'Ô' | 'Õ' => "O",
        'Ù' | 'Ú' | 'Û' => "U",
        'Ý' => "Y",
        'Þ' => "Th",
        'á' | 'â' | 'ã' => "a",
        'ç' => "c",
        'ê' | 'ë' => "e",
        'í' | 'î' | 'ï' => "i",
        'ð' => "d",
        'ó' | 'ô' | 'õ' => "o",
        'ú' | 'û' => "u",
        'ý' | 'ÿ' => "y",
        'þ' => "th",
        // Latin Extended-A
        'Ā' | 'Ă' | 'Ą' => "A",
        'ā' | 'ă' | 'ą' => "a",
        'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "C",
        'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'Ď' | 'Đ' => "D",
        'ď' | 'đ' => "d",
        'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "G",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'Ĥ' | 'Ħ' => "H",
        'ĥ' | 'ħ' => "h",
        'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => "I",
        'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'Ĳ' => "IJ",
        'ĳ' => "ij",
        'Ĵ' => "J",
        'ĵ' => "j",
        'Ķ' => "K",
        'ķ' | 'ĸ' => "k",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => "L",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'Ń' | 'Ņ' | 'Ň' | 'Ŋ' => "N",
        'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => "n",
        'Ō' | 'Ŏ' => "O",
        'ō' | 'ŏ' => "o",
        'Ő' => "Ö",
        'ő' => "ö",
        'Œ' => "OE",
        'œ' => "oe",
        'Ŕ' | 'Ŗ' | 'Ř' => "R",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' => "S",
        'ś' | 'ŝ' | 'ş' | 'š' => "s",
        'Ţ' | 'Ť' | 'Ŧ' => "T",
        'ţ' | 'ť' | 'ŧ' => "t",
        'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ų' => "U",
        'ũ' | 'ū' | 'ŭ' | 'ů' | 'ų' => "u",
        'Ű' => "Ü",
        'ű' => "ü",
        'Ŵ' => "W",
        'ŵ' => "w",
        'Ŷ' | 'Ÿ' => "Y",
        'ŷ' => "y",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'ź' | 'ż' | 'ž' => "z",
        'ſ' => "s",
        // Latin Extended-B: Romanian comma-below letters
        'Ș' => "S",
        'ș' => "s",
        'Ț' => "T",
        'ț' => "t",
        // Cyrillic: Russian
        'А' => "A",
        'Б' => "B",
        'В' => "V",
        'Г' => "G",
        'Д' => "D",
        'Е' => "E",
        'Ё' => "Yo",
        'Ж' => "Zh",
        'З' => "Z",
        'И' => "I",
        'Й' => "Y",
        'К' => "K",
        'Л' => "L",
        'М' => "M",
        'Н' => "N",
        'О' => "O",
        'П' => "P",
        'Р' => "R",
        'С' => "S",
        'Т' => "T",
        'У' => "U",
        'Ф' => "F",
        'Х' => "Kh",
        'Ц' => "Ts",
        'Ч' => "Ch",
        'Ш' => "Sh",
        'Щ' => "Shch",
        'Ъ' | 'Ь' | 'ъ' | 'ь' => "",
        'Ы' => "Y",
        'Э' => "E",
        'Ю' => "Yu",
        'Я' => "Ya",
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        // Cyrillic: Ukrainian and Belarusian
        'Є' => "Ye",
        'І' => "I",
        'Ї' => "Yi",
        'Ґ' => "G",
        'Ў' => "U",
        'є' => "ye",
        'і' => "i",
        'ї' => "yi",
        'ґ' => "g",
        'ў' => "u",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_gsm(s: &str) -> bool {
        s.chars().all(|c| Alphabet::DEFAULT.cost(c).is_some())
    }

    #[test]
    fn every_replacement_is_gsm() {
        for c in (0..0x3100u32).filter_map(char::from_u32) {
            let replacements = [national_replacement(c), smart_replacement(c)];
            for r in replacements.into_iter().flatten() {
                assert!(is_gsm(r), "U+{:04X} -> {r:?}", c as u32);
                assert!(!is_gsm(&c.to_string()), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn the_fast_lookup_agrees_with_the_tables() {
        for c in (0..0x3100u32).filter_map(char::from_u32) {
            let slow = if Alphabet::DEFAULT.cost(c).is_some() {
                None
            } else {
                smart_replacement(c).or(national_replacement(c))
            };
            assert_eq!(replacement(c, Replacements::ALL), slow, "{c:?}");
        }
    }

    #[test]
    fn gsm_characters_are_kept() {
        let text = "é ü ñ Ä Ø Ç à ß å Æ É ¿ ¡ § ¤ £ ¥ Δ Ω € {}";
        let (out, count) = replace_chars(text, Replacements::ALL);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(count, 0);
    }

    #[test]
    fn languages() {
        let cases = [
            ("Zażółć gęślą jaźń", "Zazolc gesla jazn"),
            (
                "Příliš žluťoučký kůň úpěl ďábelské ódy",
                "Prilis zlutoucky kun upel dabelské ody",
            ),
            ("Árvíztűrő tükörfúrógép", "Arviztürö tükörfurogép"),
            ("Șase țări în România", "Sase tari in Romania"),
            (
                "Günaydın İstanbul, şişli çarşı",
                "Günaydin Istanbul, sisli carsi",
            ),
            ("Čćđšž ČĆĐŠŽ", "Ccdsz CCDSZ"),
            ("Mūsų ąžuolas, Rīga, Tõnu", "Musu azuolas, Riga, Tonu"),
            ("Größe Äpfel", "Größe Äpfel"),
            ("Þórður Ægisson, Øresund", "Thordur Ægisson, Øresund"),
            ("Noël, garçon, cœur, Ça", "Noel, garcon, coeur, Ça"),
            ("¿Qué tal, señor? Acción", "¿Qué tal, señor? Accion"),
            ("Não há limões", "Nao ha limoes"),
            (
                "Съешь же ещё этих мягких французских булок",
                "Sesh zhe eshchyo etikh myagkikh frantsuzskikh bulok",
            ),
            (
                "Привіт, Україно! Ґанок, їжа, є",
                "Privit, Ukrayino! Ganok, yizha, ye",
            ),
        ];
        for (input, expected) in cases {
            let (out, _) = replace_chars(input, Replacements::NATIONAL);
            assert_eq!(out, expected);
            assert!(is_gsm(&out), "{out}");
        }
    }

    #[test]
    fn smart_only_leaves_national_letters() {
        let seg = Segmenter::default();
        let r = seg.replace("„Łódź” — 3…", Replacements::SMART);
        assert_eq!(r.text(), "\"Łódź\" - 3...");
        assert_eq!(r.replacements().len(), 4);
        let reps: Vec<Replacement> = r.replacements().collect();
        assert_eq!(reps[0], Replacement { offset: 0, from: '„', to: "\"" });
        assert_eq!(reps.len(), 4);
    }
}
