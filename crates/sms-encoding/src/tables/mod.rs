// The character tables of 3GPP TS 23.038 (GSM 03.38), as committed data.
//
// Source: 3GPP TS 23.038 (V16.0.0 to V18.0.0 agree), "Alphabets and
// language-specific information", section 6.2.1 "GSM 7 bit Default Alphabet" (the basic table)
// and section 6.2.1.1 "GSM 7 bit default alphabet extension table". The
// national language shift tables (section 6.2.1.2, tables in Annex A) live in
// `national.rs`.
//
// Choices where common implementations disagree, and why:
//
// - 0x09 is LATIN CAPITAL LETTER C WITH CEDILLA (U+00C7), as the spec's
//   table prints it. Some handsets and gateways display it as the small
//   letter (U+00E7); Unicode's retired GSM0338.TXT mapping notes the same
//   confusion. We follow the spec: `Ç` is GSM-7, `ç` is not (the "replace
//   national characters" option turns `ç` into `c`).
// - 0x1B is the escape to the extension table, never a character. An escape
//   followed by a septet the extension table does not define decodes, as the
//   spec's note asks, to the basic table's character for that septet.
// - Extension 0x0A is FORM FEED (U+000C); 0x0D ("CR2") and 0x1B (reserved
//   for a further extension table) are controls, not characters, and are
//   never produced by the encoder.
// - 0x24 is CURRENCY SIGN (U+00A4), not DOLLAR; 0x02 is DOLLAR SIGN.
// - The Greek capitals 0x10..=0x1A are the Greek letters (U+0394 DELTA etc.),
//   not the look-alike mathematical symbols (U+2206 INCREMENT, U+2126 OHM).

mod national;

pub(crate) use national::SeptetTable;

/// The GSM 7 bit default alphabet, indexed by septet. `None` at 0x1B (the
/// escape to the extension table).
#[rustfmt::skip]
pub(crate) const BASIC: SeptetTable = [
    Some('@'),        // 0x00 COMMERCIAL AT
    Some('\u{00A3}'), // 0x01 POUND SIGN
    Some('$'),        // 0x02 DOLLAR SIGN
    Some('\u{00A5}'), // 0x03 YEN SIGN
    Some('\u{00E8}'), // 0x04 LATIN SMALL LETTER E WITH GRAVE
    Some('\u{00E9}'), // 0x05 LATIN SMALL LETTER E WITH ACUTE
    Some('\u{00F9}'), // 0x06 LATIN SMALL LETTER U WITH GRAVE
    Some('\u{00EC}'), // 0x07 LATIN SMALL LETTER I WITH GRAVE
    Some('\u{00F2}'), // 0x08 LATIN SMALL LETTER O WITH GRAVE
    Some('\u{00C7}'), // 0x09 LATIN CAPITAL LETTER C WITH CEDILLA
    Some('\n'),       // 0x0A LINE FEED
    Some('\u{00D8}'), // 0x0B LATIN CAPITAL LETTER O WITH STROKE
    Some('\u{00F8}'), // 0x0C LATIN SMALL LETTER O WITH STROKE
    Some('\r'),       // 0x0D CARRIAGE RETURN
    Some('\u{00C5}'), // 0x0E LATIN CAPITAL LETTER A WITH RING ABOVE
    Some('\u{00E5}'), // 0x0F LATIN SMALL LETTER A WITH RING ABOVE
    Some('\u{0394}'), // 0x10 GREEK CAPITAL LETTER DELTA
    Some('_'),        // 0x11 LOW LINE
    Some('\u{03A6}'), // 0x12 GREEK CAPITAL LETTER PHI
    Some('\u{0393}'), // 0x13 GREEK CAPITAL LETTER GAMMA
    Some('\u{039B}'), // 0x14 GREEK CAPITAL LETTER LAMDA
    Some('\u{03A9}'), // 0x15 GREEK CAPITAL LETTER OMEGA
    Some('\u{03A0}'), // 0x16 GREEK CAPITAL LETTER PI
    Some('\u{03A8}'), // 0x17 GREEK CAPITAL LETTER PSI
    Some('\u{03A3}'), // 0x18 GREEK CAPITAL LETTER SIGMA
    Some('\u{0398}'), // 0x19 GREEK CAPITAL LETTER THETA
    Some('\u{039E}'), // 0x1A GREEK CAPITAL LETTER XI
    None,             // 0x1B ESCAPE TO EXTENSION TABLE
    Some('\u{00C6}'), // 0x1C LATIN CAPITAL LETTER AE
    Some('\u{00E6}'), // 0x1D LATIN SMALL LETTER AE
    Some('\u{00DF}'), // 0x1E LATIN SMALL LETTER SHARP S
    Some('\u{00C9}'), // 0x1F LATIN CAPITAL LETTER E WITH ACUTE
    Some(' '),        // 0x20 SPACE
    Some('!'),        // 0x21 EXCLAMATION MARK
    Some('"'),        // 0x22 QUOTATION MARK
    Some('#'),        // 0x23 NUMBER SIGN
    Some('\u{00A4}'), // 0x24 CURRENCY SIGN
    Some('%'),        // 0x25 PERCENT SIGN
    Some('&'),        // 0x26 AMPERSAND
    Some('\''),       // 0x27 APOSTROPHE
    Some('('),        // 0x28 LEFT PARENTHESIS
    Some(')'),        // 0x29 RIGHT PARENTHESIS
    Some('*'),        // 0x2A ASTERISK
    Some('+'),        // 0x2B PLUS SIGN
    Some(','),        // 0x2C COMMA
    Some('-'),        // 0x2D HYPHEN-MINUS
    Some('.'),        // 0x2E FULL STOP
    Some('/'),        // 0x2F SOLIDUS
    Some('0'),        // 0x30 DIGIT ZERO
    Some('1'),        // 0x31 DIGIT ONE
    Some('2'),        // 0x32 DIGIT TWO
    Some('3'),        // 0x33 DIGIT THREE
    Some('4'),        // 0x34 DIGIT FOUR
    Some('5'),        // 0x35 DIGIT FIVE
    Some('6'),        // 0x36 DIGIT SIX
    Some('7'),        // 0x37 DIGIT SEVEN
    Some('8'),        // 0x38 DIGIT EIGHT
    Some('9'),        // 0x39 DIGIT NINE
    Some(':'),        // 0x3A COLON
    Some(';'),        // 0x3B SEMICOLON
    Some('<'),        // 0x3C LESS-THAN SIGN
    Some('='),        // 0x3D EQUALS SIGN
    Some('>'),        // 0x3E GREATER-THAN SIGN
    Some('?'),        // 0x3F QUESTION MARK
    Some('\u{00A1}'), // 0x40 INVERTED EXCLAMATION MARK
    Some('A'),        // 0x41 LATIN CAPITAL LETTER A
    Some('B'),        // 0x42
    Some('C'),        // 0x43
    Some('D'),        // 0x44
    Some('E'),        // 0x45
    Some('F'),        // 0x46
    Some('G'),        // 0x47
    Some('H'),        // 0x48
    Some('I'),        // 0x49
    Some('J'),        // 0x4A
    Some('K'),        // 0x4B
    Some('L'),        // 0x4C
    Some('M'),        // 0x4D
    Some('N'),        // 0x4E
    Some('O'),        // 0x4F
    Some('P'),        // 0x50
    Some('Q'),        // 0x51
    Some('R'),        // 0x52
    Some('S'),        // 0x53
    Some('T'),        // 0x54
    Some('U'),        // 0x55
    Some('V'),        // 0x56
    Some('W'),        // 0x57
    Some('X'),        // 0x58
    Some('Y'),        // 0x59
    Some('Z'),        // 0x5A LATIN CAPITAL LETTER Z
    Some('\u{00C4}'), // 0x5B LATIN CAPITAL LETTER A WITH DIAERESIS
    Some('\u{00D6}'), // 0x5C LATIN CAPITAL LETTER O WITH DIAERESIS
    Some('\u{00D1}'), // 0x5D LATIN CAPITAL LETTER N WITH TILDE
    Some('\u{00DC}'), // 0x5E LATIN CAPITAL LETTER U WITH DIAERESIS
    Some('\u{00A7}'), // 0x5F SECTION SIGN
    Some('\u{00BF}'), // 0x60 INVERTED QUESTION MARK
    Some('a'),        // 0x61 LATIN SMALL LETTER A
    Some('b'),        // 0x62
    Some('c'),        // 0x63
    Some('d'),        // 0x64
    Some('e'),        // 0x65
    Some('f'),        // 0x66
    Some('g'),        // 0x67
    Some('h'),        // 0x68
    Some('i'),        // 0x69
    Some('j'),        // 0x6A
    Some('k'),        // 0x6B
    Some('l'),        // 0x6C
    Some('m'),        // 0x6D
    Some('n'),        // 0x6E
    Some('o'),        // 0x6F
    Some('p'),        // 0x70
    Some('q'),        // 0x71
    Some('r'),        // 0x72
    Some('s'),        // 0x73
    Some('t'),        // 0x74
    Some('u'),        // 0x75
    Some('v'),        // 0x76
    Some('w'),        // 0x77
    Some('x'),        // 0x78
    Some('y'),        // 0x79
    Some('z'),        // 0x7A LATIN SMALL LETTER Z
    Some('\u{00E4}'), // 0x7B LATIN SMALL LETTER A WITH DIAERESIS
    Some('\u{00F6}'), // 0x7C LATIN SMALL LETTER O WITH DIAERESIS
    Some('\u{00F1}'), // 0x7D LATIN SMALL LETTER N WITH TILDE
    Some('\u{00FC}'), // 0x7E LATIN SMALL LETTER U WITH DIAERESIS
    Some('\u{00E0}'), // 0x7F LATIN SMALL LETTER A WITH GRAVE
];

/// The default alphabet extension table, reached by the escape 0x1B. Every
/// character here costs two septets.
pub(crate) const EXTENSION: SeptetTable = {
    let mut t: SeptetTable = [None; 128];
    t[0x0A] = Some('\u{000C}'); // FORM FEED (page break)
    t[0x14] = Some('^'); // CIRCUMFLEX ACCENT
    t[0x28] = Some('{'); // LEFT CURLY BRACKET
    t[0x29] = Some('}'); // RIGHT CURLY BRACKET
    t[0x2F] = Some('\\'); // REVERSE SOLIDUS
    t[0x3C] = Some('['); // LEFT SQUARE BRACKET
    t[0x3D] = Some('~'); // TILDE
    t[0x3E] = Some(']'); // RIGHT SQUARE BRACKET
    t[0x40] = Some('|'); // VERTICAL LINE
    t[0x65] = Some('\u{20AC}'); // EURO SIGN
    t
};

/// The septet that switches to the extension (or single shift) table.
pub(crate) const ESCAPE: u8 = 0x1B;

/// A septet table together with its reverse (character to septet) index,
/// sorted by character for binary search. Built at compile time.
#[derive(Debug)]
pub(crate) struct Table {
    pub(crate) forward: SeptetTable,
    reverse: [(char, u8); 128],
    len: usize,
}

impl Table {
    const fn new(forward: SeptetTable) -> Table {
        let mut reverse = [('\0', 0u8); 128];
        let mut len = 0;
        let mut septet = 0;
        while septet < 128 {
            if let Some(c) = forward[septet] {
                // Insertion sort: shift larger characters one place right.
                let mut i = len;
                while i > 0 && reverse[i - 1].0 as u32 > c as u32 {
                    reverse[i] = reverse[i - 1];
                    i -= 1;
                }
                reverse[i] = (c, septet as u8);
                len += 1;
            }
            septet += 1;
        }
        Table { forward, reverse, len }
    }

    /// The septet for `c`, if this table has it. Where a table lists a
    /// character twice, the lowest septet wins.
    #[inline]
    pub(crate) fn septet(&self, c: char) -> Option<u8> {
        let entries = &self.reverse[..self.len];
        let i = entries.partition_point(|e| e.0 < c);
        match entries.get(i) {
            Some(&(found, septet)) if found == c => Some(septet),
            _ => None,
        }
    }

    /// The character at `septet`, if defined.
    #[inline]
    pub(crate) fn char(&self, septet: u8) -> Option<char> {
        self.forward.get(usize::from(septet)).copied().flatten()
    }
}

pub(crate) static DEFAULT_BASIC: Table = Table::new(BASIC);
pub(crate) static DEFAULT_EXTENSION: Table = Table::new(EXTENSION);
pub(crate) static TURKISH_LOCKING: Table =
    Table::new(national::TURKISH_LOCKING);
pub(crate) static TURKISH_SINGLE: Table = Table::new(national::TURKISH_SINGLE);
pub(crate) static SPANISH_SINGLE: Table = Table::new(national::SPANISH_SINGLE);
pub(crate) static PORTUGUESE_LOCKING: Table =
    Table::new(national::PORTUGUESE_LOCKING);
pub(crate) static PORTUGUESE_SINGLE: Table =
    Table::new(national::PORTUGUESE_SINGLE);
pub(crate) static BENGALI_LOCKING: Table =
    Table::new(national::BENGALI_LOCKING);
pub(crate) static BENGALI_SINGLE: Table = Table::new(national::BENGALI_SINGLE);
pub(crate) static GUJARATI_LOCKING: Table =
    Table::new(national::GUJARATI_LOCKING);
pub(crate) static GUJARATI_SINGLE: Table =
    Table::new(national::GUJARATI_SINGLE);
pub(crate) static HINDI_LOCKING: Table = Table::new(national::HINDI_LOCKING);
pub(crate) static HINDI_SINGLE: Table = Table::new(national::HINDI_SINGLE);
pub(crate) static KANNADA_LOCKING: Table =
    Table::new(national::KANNADA_LOCKING);
pub(crate) static KANNADA_SINGLE: Table = Table::new(national::KANNADA_SINGLE);
pub(crate) static MALAYALAM_LOCKING: Table =
    Table::new(national::MALAYALAM_LOCKING);
pub(crate) static MALAYALAM_SINGLE: Table =
    Table::new(national::MALAYALAM_SINGLE);
pub(crate) static ORIYA_LOCKING: Table = Table::new(national::ORIYA_LOCKING);
pub(crate) static ORIYA_SINGLE: Table = Table::new(national::ORIYA_SINGLE);
pub(crate) static PUNJABI_LOCKING: Table =
    Table::new(national::PUNJABI_LOCKING);
pub(crate) static PUNJABI_SINGLE: Table = Table::new(national::PUNJABI_SINGLE);
pub(crate) static TAMIL_LOCKING: Table = Table::new(national::TAMIL_LOCKING);
pub(crate) static TAMIL_SINGLE: Table = Table::new(national::TAMIL_SINGLE);
pub(crate) static TELUGU_LOCKING: Table = Table::new(national::TELUGU_LOCKING);
pub(crate) static TELUGU_SINGLE: Table = Table::new(national::TELUGU_SINGLE);
pub(crate) static URDU_LOCKING: Table = Table::new(national::URDU_LOCKING);
pub(crate) static URDU_SINGLE: Table = Table::new(national::URDU_SINGLE);

/// Cost in septets of each ASCII byte in the default alphabet: 1 for the
/// basic table, 2 for the extension table, and `NOT_GSM` for the ASCII
/// characters GSM-7 lacks (most controls, backtick, DEL). Packed so that a
/// plain sum over the bytes of a text gives septets in the low 32 bits and
/// the number of non-GSM bytes in the high 32 bits.
pub(crate) const ASCII_COST: [u64; 128] = {
    let mut t = [NOT_GSM; 128];
    let mut septet = 0;
    while septet < 128 {
        if let Some(c) = BASIC[septet] {
            if (c as u32) < 128 {
                t[c as usize] = 1;
            }
        }
        if let Some(c) = EXTENSION[septet] {
            if (c as u32) < 128 {
                t[c as usize] = 2;
            }
        }
        septet += 1;
    }
    t
};

/// The entry of [`ASCII_COST`] for a byte GSM-7 cannot carry.
pub(crate) const NOT_GSM: u64 = 1 << 32;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reverse_index_agrees_with_forward_table() {
        for table in [
            &DEFAULT_BASIC,
            &DEFAULT_EXTENSION,
            &TURKISH_LOCKING,
            &TURKISH_SINGLE,
            &SPANISH_SINGLE,
            &PORTUGUESE_LOCKING,
            &PORTUGUESE_SINGLE,
            &BENGALI_LOCKING,
            &BENGALI_SINGLE,
            &GUJARATI_LOCKING,
            &GUJARATI_SINGLE,
            &HINDI_LOCKING,
            &HINDI_SINGLE,
            &KANNADA_LOCKING,
            &KANNADA_SINGLE,
            &MALAYALAM_LOCKING,
            &MALAYALAM_SINGLE,
            &ORIYA_LOCKING,
            &ORIYA_SINGLE,
            &PUNJABI_LOCKING,
            &PUNJABI_SINGLE,
            &TAMIL_LOCKING,
            &TAMIL_SINGLE,
            &TELUGU_LOCKING,
            &TELUGU_SINGLE,
            &URDU_LOCKING,
            &URDU_SINGLE,
        ] {
            for septet in 0..128u8 {
                if let Some(c) = table.char(septet) {
                    let back = table.septet(c).unwrap();
                    assert_eq!(table.char(back), Some(c));
                    assert!(back <= septet);
                }
            }
        }
    }

    #[test]
    fn ascii_costs() {
        assert_eq!(ASCII_COST[b'A' as usize], 1);
        assert_eq!(ASCII_COST[b'@' as usize], 1);
        assert_eq!(ASCII_COST[b'\r' as usize], 1);
        assert_eq!(ASCII_COST[b'\n' as usize], 1);
        for b in *b"^{}\\[~]|\x0C" {
            assert_eq!(ASCII_COST[b as usize], 2, "{b:#x}");
        }
        for b in [b'`', b'\t', 0x7F, 0x00, 0x1B] {
            assert_eq!(ASCII_COST[b as usize], NOT_GSM, "{b:#x}");
        }
        let gsm_ascii = ASCII_COST.iter().filter(|&&c| c != NOT_GSM).count();
        // 95 printable ASCII minus backtick, plus LF, CR and FF.
        assert_eq!(gsm_ascii, 94 + 3);
    }
}

/// The national tables against an independent transcription (Android's
/// `GsmAlphabet.java`), entry by entry, with no extra entries.
#[cfg(test)]
mod independent {
    use super::*;

    const TSV: &str = include_str!("../../tests/data/national_tables.tsv");

    #[test]
    fn national_tables_match_the_independent_statement() {
        let tables = [
            ("turkish_locking", &TURKISH_LOCKING),
            ("turkish_single", &TURKISH_SINGLE),
            ("spanish_single", &SPANISH_SINGLE),
            ("portuguese_locking", &PORTUGUESE_LOCKING),
            ("portuguese_single", &PORTUGUESE_SINGLE),
            ("bengali_locking", &BENGALI_LOCKING),
            ("bengali_single", &BENGALI_SINGLE),
            ("gujarati_locking", &GUJARATI_LOCKING),
            ("gujarati_single", &GUJARATI_SINGLE),
            ("hindi_locking", &HINDI_LOCKING),
            ("hindi_single", &HINDI_SINGLE),
            ("kannada_locking", &KANNADA_LOCKING),
            ("kannada_single", &KANNADA_SINGLE),
            ("malayalam_locking", &MALAYALAM_LOCKING),
            ("malayalam_single", &MALAYALAM_SINGLE),
            ("oriya_locking", &ORIYA_LOCKING),
            ("oriya_single", &ORIYA_SINGLE),
            ("punjabi_locking", &PUNJABI_LOCKING),
            ("punjabi_single", &PUNJABI_SINGLE),
            ("tamil_locking", &TAMIL_LOCKING),
            ("tamil_single", &TAMIL_SINGLE),
            ("telugu_locking", &TELUGU_LOCKING),
            ("telugu_single", &TELUGU_SINGLE),
            ("urdu_locking", &URDU_LOCKING),
            ("urdu_single", &URDU_SINGLE),
        ];
        for (name, table) in tables {
            let mut expected: SeptetTable = [None; 128];
            for line in TSV.lines().filter(|l| !l.starts_with('#')) {
                let mut f = line.split('\t');
                if f.next() != Some(name) {
                    continue;
                }
                let septet = f.next().and_then(|s| s.strip_prefix("0x"));
                let septet =
                    usize::from_str_radix(septet.unwrap(), 16).unwrap();
                let cp = f.next().and_then(|s| s.strip_prefix("U+")).unwrap();
                let cp = u32::from_str_radix(cp, 16).unwrap();
                expected[septet] = char::from_u32(cp);
            }
            for (septet, (ours, theirs)) in
                table.forward.iter().zip(expected).enumerate()
            {
                assert_eq!(*ours, theirs, "{name} septet {septet:#04x}");
            }
        }
        // Every table of the statement is checked, and every table here
        // is in the statement.
        for line in TSV.lines().filter(|l| !l.starts_with('#')) {
            let name = line.split('\t').next().unwrap();
            assert!(tables.iter().any(|t| t.0 == name), "{name}");
        }
        for (name, _) in tables {
            let prefix = format!("{name}\t");
            assert!(TSV.lines().any(|l| l.starts_with(&prefix)), "{name}");
        }
    }
}
