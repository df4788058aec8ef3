//! Encodings, national languages and the alphabet (pair of tables) in force.

use core::fmt;

use crate::error::{parse_name, ParseNameError};
use crate::tables::{self, Table};

/// How a text is carried over the air.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Encoding {
    /// The GSM 7 bit default alphabet of 3GPP TS 23.038, possibly with
    /// national language shift tables (see [`Shift`]). Units are septets;
    /// a character of the extension (or single shift) table costs two.
    #[cfg_attr(feature = "serde", serde(rename = "GSM_7BIT"))]
    Gsm7,
    /// UCS-2, sent as UTF-16 big-endian. Units are UTF-16 code units; a
    /// character outside the Basic Multilingual Plane costs two.
    #[cfg_attr(feature = "serde", serde(rename = "UCS2"))]
    Ucs2,
}

impl Encoding {
    /// The name agents see in the units counter: `GSM_7BIT` or `UCS2`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "GSM_7BIT",
            Encoding::Ucs2 => "UCS2",
        }
    }

    /// The data coding scheme octet (TP-DCS / SMPP `data_coding`): `0x00`
    /// for the GSM 7 bit default alphabet, `0x08` for UCS-2.
    pub fn data_coding(self) -> u8 {
        match self {
            Encoding::Gsm7 => 0x00,
            Encoding::Ucs2 => 0x08,
        }
    }

    /// Every encoding, in the order of their data coding values.
    pub const ALL: &'static [Encoding] = &[Encoding::Gsm7, Encoding::Ucs2];

    const NAMES: &'static [&'static str] = &["GSM_7BIT", "UCS2"];

    /// The encoding's name in plain words, for messages: `GSM-7` or
    /// `UCS-2`.
    pub(crate) fn plain_name(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "GSM-7",
            Encoding::Ucs2 => "UCS-2",
        }
    }

    /// What the units of this encoding are called, in the plural.
    pub(crate) fn unit_name(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "septets",
            Encoding::Ucs2 => "UTF-16 units",
        }
    }
}

/// Prints [`Encoding::name`]: `GSM_7BIT` or `UCS2`, the spelling of the
/// units counter and of the `serde` form.
impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Parses what `Display` prints (`GSM_7BIT`, `UCS2`), in any letter case.
impl core::str::FromStr for Encoding {
    type Err = ParseNameError;

    fn from_str(s: &str) -> Result<Encoding, ParseNameError> {
        parse_name("encoding", s, Encoding::NAMES, Encoding::ALL)
    }
}

/// A national language of 3GPP TS 23.038: the thirteen languages with
/// national language shift tables, which let GSM-7 carry their scripts at
/// 7 bits a character instead of UCS-2's 16.
///
/// `Display` and `FromStr` use the lowercase English name (`turkish`,
/// `hindi`), as does the `serde` form. [`Language::id`] is the identifier
/// sent in the user data header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Language {
    /// Turkish (identifier 1): locking and single shift tables.
    Turkish,
    /// Spanish (identifier 2): a single shift table only.
    Spanish,
    /// Portuguese (identifier 3): locking and single shift tables.
    Portuguese,
    /// Bengali (identifier 4): locking and single shift tables.
    Bengali,
    /// Gujarati (identifier 5): locking and single shift tables.
    Gujarati,
    /// Hindi (identifier 6): locking and single shift tables.
    Hindi,
    /// Kannada (identifier 7): locking and single shift tables.
    Kannada,
    /// Malayalam (identifier 8): locking and single shift tables.
    Malayalam,
    /// Oriya (identifier 9): locking and single shift tables.
    Oriya,
    /// Punjabi (identifier 10): locking and single shift tables.
    Punjabi,
    /// Tamil (identifier 11): locking and single shift tables.
    Tamil,
    /// Telugu (identifier 12): locking and single shift tables.
    Telugu,
    /// Urdu (identifier 13): locking and single shift tables.
    Urdu,
}

impl Language {
    /// Every language this crate has tables for, in the order of their
    /// identifiers.
    pub const ALL: &'static [Language] = &[
        Language::Turkish,
        Language::Spanish,
        Language::Portuguese,
        Language::Bengali,
        Language::Gujarati,
        Language::Hindi,
        Language::Kannada,
        Language::Malayalam,
        Language::Oriya,
        Language::Punjabi,
        Language::Tamil,
        Language::Telugu,
        Language::Urdu,
    ];

    const NAMES: &'static [&'static str] = &[
        "turkish",
        "spanish",
        "portuguese",
        "bengali",
        "gujarati",
        "hindi",
        "kannada",
        "malayalam",
        "oriya",
        "punjabi",
        "tamil",
        "telugu",
        "urdu",
    ];

    /// The language identifier used in the user data header (3GPP TS
    /// 23.038 section 6.2.1.2.4): 1 for Turkish to 13 for Urdu.
    pub fn id(self) -> u8 {
        match self {
            Language::Turkish => 1,
            Language::Spanish => 2,
            Language::Portuguese => 3,
            Language::Bengali => 4,
            Language::Gujarati => 5,
            Language::Hindi => 6,
            Language::Kannada => 7,
            Language::Malayalam => 8,
            Language::Oriya => 9,
            Language::Punjabi => 10,
            Language::Tamil => 11,
            Language::Telugu => 12,
            Language::Urdu => 13,
        }
    }

    /// The language with identifier `id`, if this crate has its tables
    /// (1 to 13).
    ///
    /// # Example
    /// ```
    /// use sms_encoding::Language;
    ///
    /// assert_eq!(Language::from_id(6), Some(Language::Hindi));
    /// assert_eq!(Language::Hindi.id(), 6);
    /// assert_eq!(Language::from_id(14), None);
    /// ```
    pub fn from_id(id: u8) -> Option<Language> {
        let index = usize::from(id).checked_sub(1)?;
        Language::ALL.get(index).copied()
    }

    /// The lowercase English name: `turkish`, `spanish` ...; what
    /// `Display` prints and `FromStr` reads.
    pub fn name(self) -> &'static str {
        Language::NAMES[usize::from(self.id() - 1)]
    }

    /// Whether the spec defines a locking shift table (a replacement of
    /// the basic table) for this language: all but Spanish.
    pub fn has_locking_shift(self) -> bool {
        self.locking_table().is_some()
    }

    pub(crate) fn locking_table(self) -> Option<&'static Table> {
        match self {
            Language::Turkish => Some(&tables::TURKISH_LOCKING),
            Language::Spanish => None,
            Language::Portuguese => Some(&tables::PORTUGUESE_LOCKING),
            Language::Bengali => Some(&tables::BENGALI_LOCKING),
            Language::Gujarati => Some(&tables::GUJARATI_LOCKING),
            Language::Hindi => Some(&tables::HINDI_LOCKING),
            Language::Kannada => Some(&tables::KANNADA_LOCKING),
            Language::Malayalam => Some(&tables::MALAYALAM_LOCKING),
            Language::Oriya => Some(&tables::ORIYA_LOCKING),
            Language::Punjabi => Some(&tables::PUNJABI_LOCKING),
            Language::Tamil => Some(&tables::TAMIL_LOCKING),
            Language::Telugu => Some(&tables::TELUGU_LOCKING),
            Language::Urdu => Some(&tables::URDU_LOCKING),
        }
    }

    pub(crate) fn single_table(self) -> &'static Table {
        match self {
            Language::Turkish => &tables::TURKISH_SINGLE,
            Language::Spanish => &tables::SPANISH_SINGLE,
            Language::Portuguese => &tables::PORTUGUESE_SINGLE,
            Language::Bengali => &tables::BENGALI_SINGLE,
            Language::Gujarati => &tables::GUJARATI_SINGLE,
            Language::Hindi => &tables::HINDI_SINGLE,
            Language::Kannada => &tables::KANNADA_SINGLE,
            Language::Malayalam => &tables::MALAYALAM_SINGLE,
            Language::Oriya => &tables::ORIYA_SINGLE,
            Language::Punjabi => &tables::PUNJABI_SINGLE,
            Language::Tamil => &tables::TAMIL_SINGLE,
            Language::Telugu => &tables::TELUGU_SINGLE,
            Language::Urdu => &tables::URDU_SINGLE,
        }
    }

    fn bit(self) -> u16 {
        1 << (self.id() - 1)
    }
}

/// Prints the lowercase English name, as [`Language::name`].
impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Parses what `Display` prints (`turkish`, `spanish` ...), in any letter
/// case.
impl core::str::FromStr for Language {
    type Err = ParseNameError;

    fn from_str(s: &str) -> Result<Language, ParseNameError> {
        parse_name("language", s, Language::NAMES, Language::ALL)
    }
}

/// A set of national languages, small and `Copy`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct LanguageSet(u16);

impl LanguageSet {
    pub(crate) fn insert(&mut self, language: Language) {
        self.0 |= language.bit();
    }

    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub(crate) fn iter(self) -> impl Iterator<Item = Language> {
        Language::ALL.iter().copied().filter(move |l| self.0 & l.bit() != 0)
    }
}

/// The national language shift tables a GSM-7 text uses (3GPP TS 23.038
/// section 6.2.1.2): each costs a 3-octet information element in the user
/// data header of every part.
///
/// `Display` says it in words: `default alphabet`, `turkish locking shift
/// table`, `portuguese locking and spanish single shift tables`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(from = "ShiftFields"))]
pub struct Shift {
    locking: Option<Language>,
    single: Option<Language>,
}

/// The `serde` form of [`Shift`], read through [`Shift::new`] so that a
/// Spanish locking table reads as none, as it does there.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct ShiftFields {
    locking: Option<Language>,
    single: Option<Language>,
}

#[cfg(feature = "serde")]
impl From<ShiftFields> for Shift {
    fn from(f: ShiftFields) -> Shift {
        Shift::new(f.locking, f.single)
    }
}

impl Shift {
    /// No national tables: the default alphabet and its extension table.
    pub const NONE: Shift = Shift { locking: None, single: None };

    /// The tables of `locking` in place of the basic table and of `single`
    /// in place of the extension table; `None` keeps the default one.
    ///
    /// A locking language without a locking table (Spanish) is the same
    /// as `None`, since no such table can be announced.
    pub fn new(locking: Option<Language>, single: Option<Language>) -> Shift {
        Shift { locking: locking.filter(|l| l.has_locking_shift()), single }
    }

    /// The locking shift table that replaces the basic table, if any.
    pub fn locking(&self) -> Option<Language> {
        self.locking
    }

    /// The single shift table that replaces the extension table, if any.
    pub fn single(&self) -> Option<Language> {
        self.single
    }

    /// Whether no national table is used.
    pub fn is_none(&self) -> bool {
        self.locking.is_none() && self.single.is_none()
    }

    /// Octets the shift information elements add to each part's user data
    /// header (3 per table; the header length octet is not counted).
    pub fn header_octets(&self) -> usize {
        3 * (usize::from(self.locking.is_some())
            + usize::from(self.single.is_some()))
    }
}

impl fmt::Display for Shift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.locking, self.single) {
            (None, None) => f.write_str("default alphabet"),
            (Some(l), None) => write!(f, "{l} locking shift table"),
            (None, Some(s)) => write!(f, "{s} single shift table"),
            (Some(l), Some(s)) if l == s => {
                write!(f, "{l} locking and single shift tables")
            }
            (Some(l), Some(s)) => {
                write!(f, "{l} locking and {s} single shift tables")
            }
        }
    }
}

/// How one character is written in septets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Code {
    /// One septet of the basic (or locking shift) table.
    Basic(u8),
    /// The escape followed by a septet of the extension (or single shift)
    /// table.
    Escaped(u8),
}

impl Code {
    pub(crate) fn septets(self) -> usize {
        match self {
            Code::Basic(_) => 1,
            Code::Escaped(_) => 2,
        }
    }
}

/// The pair of tables in force for a GSM-7 text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Alphabet {
    basic: &'static Table,
    extension: &'static Table,
    default: bool,
}

impl Alphabet {
    pub(crate) const DEFAULT: Alphabet = Alphabet {
        basic: &tables::DEFAULT_BASIC,
        extension: &tables::DEFAULT_EXTENSION,
        default: true,
    };

    /// The tables for `shift`. The caller guarantees that a locking
    /// language has a locking table.
    pub(crate) fn new(shift: Shift) -> Alphabet {
        let basic = shift
            .locking
            .and_then(Language::locking_table)
            .unwrap_or(&tables::DEFAULT_BASIC);
        let extension = shift
            .single
            .map_or(&tables::DEFAULT_EXTENSION, |l| l.single_table());
        Alphabet { basic, extension, default: shift.is_none() }
    }

    /// How `c` is written, preferring the one-septet form.
    #[inline]
    pub(crate) fn code(&self, c: char) -> Option<Code> {
        if self.default && c.is_ascii() {
            return match tables::ASCII_COST[c as usize] {
                tables::NOT_GSM => None,
                1 => self.basic.septet(c).map(Code::Basic),
                _ => self.extension.septet(c).map(Code::Escaped),
            };
        }
        if let Some(septet) = self.basic.septet(c) {
            return Some(Code::Basic(septet));
        }
        self.extension.septet(c).map(Code::Escaped)
    }

    /// Septets `c` costs, or `None` if these tables cannot carry it.
    #[inline]
    pub(crate) fn cost(&self, c: char) -> Option<usize> {
        if self.default && c.is_ascii() {
            return match tables::ASCII_COST[c as usize] {
                tables::NOT_GSM => None,
                cost => Some(cost as usize),
            };
        }
        self.code(c).map(Code::septets)
    }

    pub(crate) fn basic(&self) -> &'static Table {
        self.basic
    }

    pub(crate) fn extension(&self) -> &'static Table {
        self.extension
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_ids_round_trip() {
        for &l in Language::ALL {
            assert_eq!(Language::from_id(l.id()), Some(l));
        }
        assert_eq!(Language::from_id(0), None);
        assert_eq!(Language::from_id(14), None);
        assert_eq!(Language::ALL.len(), 13);
        for (i, &l) in Language::ALL.iter().enumerate() {
            assert_eq!(usize::from(l.id()), i + 1);
        }
        assert!(!Language::Spanish.has_locking_shift());
    }

    #[test]
    fn names_round_trip() {
        for &l in Language::ALL {
            assert_eq!(l.to_string().parse::<Language>(), Ok(l));
            assert_eq!(l.to_string(), l.to_string().to_lowercase());
        }
        for &e in Encoding::ALL {
            assert_eq!(e.to_string().parse::<Encoding>(), Ok(e));
        }
        assert_eq!("Turkish".parse::<Language>(), Ok(Language::Turkish));
        assert_eq!("ucs2".parse::<Encoding>(), Ok(Encoding::Ucs2));
        let err = "gsm7".parse::<Encoding>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown encoding \"gsm7\"; expected one of: GSM_7BIT, UCS2"
        );
    }

    #[test]
    fn shift_in_words() {
        use Language::*;
        let cases = [
            (Shift::NONE, "default alphabet"),
            (Shift::new(Some(Turkish), None), "turkish locking shift table"),
            (Shift::new(None, Some(Spanish)), "spanish single shift table"),
            (
                Shift::new(Some(Portuguese), Some(Portuguese)),
                "portuguese locking and single shift tables",
            ),
            (
                Shift::new(Some(Turkish), Some(Spanish)),
                "turkish locking and spanish single shift tables",
            ),
        ];
        for (shift, words) in cases {
            assert_eq!(shift.to_string(), words);
        }
        assert_eq!(Shift::new(Some(Spanish), None), Shift::NONE);
    }

    #[test]
    fn default_alphabet_codes() {
        let a = Alphabet::DEFAULT;
        assert_eq!(a.code('@'), Some(Code::Basic(0)));
        assert_eq!(a.code('€'), Some(Code::Escaped(0x65)));
        assert_eq!(a.code('\u{c}'), Some(Code::Escaped(0x0A)));
        assert_eq!(a.code('Ç'), Some(Code::Basic(0x09)));
        assert_eq!(a.code('ç'), None);
        assert_eq!(a.code('`'), None);
        assert_eq!(a.cost('{'), Some(2));
        assert_eq!(a.cost('é'), Some(1));
    }

    #[test]
    fn shift_header_octets() {
        assert_eq!(Shift::NONE.header_octets(), 0);
        let both =
            Shift::new(Some(Language::Turkish), Some(Language::Turkish));
        assert_eq!(both.header_octets(), 6);
    }
}
