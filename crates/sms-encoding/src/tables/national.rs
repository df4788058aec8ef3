// National language shift tables of 3GPP TS 23.038, as committed data.
//
// Source: 3GPP TS 23.038 V18.0.0 (Release 18), "Alphabets and
// language-specific information", Annex A (normative) "National Language
// Tables":
//   A.3.1 Turkish National Language Locking Shift Table   (language id 1)
//   A.2.1 Turkish National Language Single Shift Table    (language id 1)
//   A.2.2 Spanish National Language Single Shift Table    (language id 2)
//   A.3.3 Portuguese National Language Locking Shift Table (language id 3)
//   A.2.3 Portuguese National Language Single Shift Table  (language id 3)
// The shift mechanisms and the national language identifiers are in section
// 6.2.1.2. A.3.2 is void: the spec has no Spanish locking shift table.
// These five tables read the same in V16.0.0 and V18.0.0 (V17.0.0 lies in
// between and was not checked separately) and match the Release 8/9 tables
// (V8.2.0, V9.1.1) as oFono and Android implement them.
//
// Undefined and reserved entries (all `None`):
// - Locking shift tables define every septet except 0x1B, the escape to the
//   single shift table. 0x0A is LINE FEED and 0x0D CARRIAGE RETURN, as in
//   the default alphabet.
// - Single shift tables define only the septets written `Some` below; all
//   others are undefined (an escape followed by an undefined septet shows
//   the locking shift table's character for that septet; the codec does
//   that). 0x0A is FORM FEED (the spec's "page break"). 0x0D is "CR2", a
//   control reserved by the spec, not a character. 0x1B ("SS2") is reserved
//   for a further extension table.
//
// Transcribed from the spec's table layout (V18.0.0, as tabulated in
// ndf-zz/gsmcodecs lut/*.csv) and checked entry by entry against
// lighterowl/lib3gpp23038 gentables.pl (V16.0.0), gchq/CyberChef
// src/core/lib/Gsm7.mjs (V16.0.0), oFono src/util.c (V8.2.0) and
// warthog618/sms encoding/gsm7/charset (Go). The independent statement in
// tests/data/national_tables.tsv comes from Android's GsmAlphabet.java.
// Source disagreements, resolved in favour of the spec (and the majority):
// - A.2.3 0x05 LATIN SMALL LETTER E WITH CIRCUMFLEX: missing in CyberChef,
//   present in all other sources.
// - A.2.3 0x1F LATIN CAPITAL LETTER E WITH CIRCUMFLEX: missing in
//   warthog618/sms, present in all other sources.
// - A.3.1 0x07 is LATIN SMALL LETTER DOTLESS I (U+0131); OpenHarmony's
//   telephony_sms_mms has U+00EC (the default alphabet's i-grave) there.
// - warthog618/sms decodes single shift 0x0D (CR2) as LINE FEED; the spec
//   defines no character there.

/// A 128-entry septet table: `None` where the spec defines no character
/// (including 0x1B, the escape to the single shift / extension table, which is
/// `None` in every table here because the codec handles it).
pub(crate) type SeptetTable = [Option<char>; 128];

/// Turkish national language locking shift table (language id 1;
/// 3GPP TS 23.038 Annex A.3.1).
#[rustfmt::skip]
pub(crate) const TURKISH_LOCKING: SeptetTable = [
    // 0x00..=0x0F
    Some('\u{0040}'), // 0x00 COMMERCIAL AT
    Some('\u{00A3}'), // 0x01 POUND SIGN
    Some('\u{0024}'), // 0x02 DOLLAR SIGN
    Some('\u{00A5}'), // 0x03 YEN SIGN
    Some('\u{20AC}'), // 0x04 EURO SIGN
    Some('\u{00E9}'), // 0x05 LATIN SMALL LETTER E WITH ACUTE
    Some('\u{00F9}'), // 0x06 LATIN SMALL LETTER U WITH GRAVE
    Some('\u{0131}'), // 0x07 LATIN SMALL LETTER DOTLESS I
    Some('\u{00F2}'), // 0x08 LATIN SMALL LETTER O WITH GRAVE
    Some('\u{00C7}'), // 0x09 LATIN CAPITAL LETTER C WITH CEDILLA
    Some('\u{000A}'), // 0x0A LINE FEED (LF)
    Some('\u{011E}'), // 0x0B LATIN CAPITAL LETTER G WITH BREVE
    Some('\u{011F}'), // 0x0C LATIN SMALL LETTER G WITH BREVE
    Some('\u{000D}'), // 0x0D CARRIAGE RETURN (CR)
    Some('\u{00C5}'), // 0x0E LATIN CAPITAL LETTER A WITH RING ABOVE
    Some('\u{00E5}'), // 0x0F LATIN SMALL LETTER A WITH RING ABOVE
    // 0x10..=0x1F
    Some('\u{0394}'), // 0x10 GREEK CAPITAL LETTER DELTA
    Some('\u{005F}'), // 0x11 LOW LINE
    Some('\u{03A6}'), // 0x12 GREEK CAPITAL LETTER PHI
    Some('\u{0393}'), // 0x13 GREEK CAPITAL LETTER GAMMA
    Some('\u{039B}'), // 0x14 GREEK CAPITAL LETTER LAMDA
    Some('\u{03A9}'), // 0x15 GREEK CAPITAL LETTER OMEGA
    Some('\u{03A0}'), // 0x16 GREEK CAPITAL LETTER PI
    Some('\u{03A8}'), // 0x17 GREEK CAPITAL LETTER PSI
    Some('\u{03A3}'), // 0x18 GREEK CAPITAL LETTER SIGMA
    Some('\u{0398}'), // 0x19 GREEK CAPITAL LETTER THETA
    Some('\u{039E}'), // 0x1A GREEK CAPITAL LETTER XI
    None,             // 0x1B ESC: escape to the single shift table
    Some('\u{015E}'), // 0x1C LATIN CAPITAL LETTER S WITH CEDILLA
    Some('\u{015F}'), // 0x1D LATIN SMALL LETTER S WITH CEDILLA
    Some('\u{00DF}'), // 0x1E LATIN SMALL LETTER SHARP S
    Some('\u{00C9}'), // 0x1F LATIN CAPITAL LETTER E WITH ACUTE
    // 0x20..=0x2F
    Some('\u{0020}'), // 0x20 SPACE
    Some('\u{0021}'), // 0x21 EXCLAMATION MARK
    Some('\u{0022}'), // 0x22 QUOTATION MARK
    Some('\u{0023}'), // 0x23 NUMBER SIGN
    Some('\u{00A4}'), // 0x24 CURRENCY SIGN
    Some('\u{0025}'), // 0x25 PERCENT SIGN
    Some('\u{0026}'), // 0x26 AMPERSAND
    Some('\u{0027}'), // 0x27 APOSTROPHE
    Some('\u{0028}'), // 0x28 LEFT PARENTHESIS
    Some('\u{0029}'), // 0x29 RIGHT PARENTHESIS
    Some('\u{002A}'), // 0x2A ASTERISK
    Some('\u{002B}'), // 0x2B PLUS SIGN
    Some('\u{002C}'), // 0x2C COMMA
    Some('\u{002D}'), // 0x2D HYPHEN-MINUS
    Some('\u{002E}'), // 0x2E FULL STOP
    Some('\u{002F}'), // 0x2F SOLIDUS
    // 0x30..=0x3F
    Some('\u{0030}'), // 0x30 DIGIT ZERO
    Some('\u{0031}'), // 0x31 DIGIT ONE
    Some('\u{0032}'), // 0x32 DIGIT TWO
    Some('\u{0033}'), // 0x33 DIGIT THREE
    Some('\u{0034}'), // 0x34 DIGIT FOUR
    Some('\u{0035}'), // 0x35 DIGIT FIVE
    Some('\u{0036}'), // 0x36 DIGIT SIX
    Some('\u{0037}'), // 0x37 DIGIT SEVEN
    Some('\u{0038}'), // 0x38 DIGIT EIGHT
    Some('\u{0039}'), // 0x39 DIGIT NINE
    Some('\u{003A}'), // 0x3A COLON
    Some('\u{003B}'), // 0x3B SEMICOLON
    Some('\u{003C}'), // 0x3C LESS-THAN SIGN
    Some('\u{003D}'), // 0x3D EQUALS SIGN
    Some('\u{003E}'), // 0x3E GREATER-THAN SIGN
    Some('\u{003F}'), // 0x3F QUESTION MARK
    // 0x40..=0x4F
    Some('\u{0130}'), // 0x40 LATIN CAPITAL LETTER I WITH DOT ABOVE
    Some('\u{0041}'), // 0x41 LATIN CAPITAL LETTER A
    Some('\u{0042}'), // 0x42 LATIN CAPITAL LETTER B
    Some('\u{0043}'), // 0x43 LATIN CAPITAL LETTER C
    Some('\u{0044}'), // 0x44 LATIN CAPITAL LETTER D
    Some('\u{0045}'), // 0x45 LATIN CAPITAL LETTER E
    Some('\u{0046}'), // 0x46 LATIN CAPITAL LETTER F
    Some('\u{0047}'), // 0x47 LATIN CAPITAL LETTER G
    Some('\u{0048}'), // 0x48 LATIN CAPITAL LETTER H
    Some('\u{0049}'), // 0x49 LATIN CAPITAL LETTER I
    Some('\u{004A}'), // 0x4A LATIN CAPITAL LETTER J
    Some('\u{004B}'), // 0x4B LATIN CAPITAL LETTER K
    Some('\u{004C}'), // 0x4C LATIN CAPITAL LETTER L
    Some('\u{004D}'), // 0x4D LATIN CAPITAL LETTER M
    Some('\u{004E}'), // 0x4E LATIN CAPITAL LETTER N
    Some('\u{004F}'), // 0x4F LATIN CAPITAL LETTER O
    // 0x50..=0x5F
    Some('\u{0050}'), // 0x50 LATIN CAPITAL LETTER P
    Some('\u{0051}'), // 0x51 LATIN CAPITAL LETTER Q
    Some('\u{0052}'), // 0x52 LATIN CAPITAL LETTER R
    Some('\u{0053}'), // 0x53 LATIN CAPITAL LETTER S
    Some('\u{0054}'), // 0x54 LATIN CAPITAL LETTER T
    Some('\u{0055}'), // 0x55 LATIN CAPITAL LETTER U
    Some('\u{0056}'), // 0x56 LATIN CAPITAL LETTER V
    Some('\u{0057}'), // 0x57 LATIN CAPITAL LETTER W
    Some('\u{0058}'), // 0x58 LATIN CAPITAL LETTER X
    Some('\u{0059}'), // 0x59 LATIN CAPITAL LETTER Y
    Some('\u{005A}'), // 0x5A LATIN CAPITAL LETTER Z
    Some('\u{00C4}'), // 0x5B LATIN CAPITAL LETTER A WITH DIAERESIS
    Some('\u{00D6}'), // 0x5C LATIN CAPITAL LETTER O WITH DIAERESIS
    Some('\u{00D1}'), // 0x5D LATIN CAPITAL LETTER N WITH TILDE
    Some('\u{00DC}'), // 0x5E LATIN CAPITAL LETTER U WITH DIAERESIS
    Some('\u{00A7}'), // 0x5F SECTION SIGN
    // 0x60..=0x6F
    Some('\u{00E7}'), // 0x60 LATIN SMALL LETTER C WITH CEDILLA
    Some('\u{0061}'), // 0x61 LATIN SMALL LETTER A
    Some('\u{0062}'), // 0x62 LATIN SMALL LETTER B
    Some('\u{0063}'), // 0x63 LATIN SMALL LETTER C
    Some('\u{0064}'), // 0x64 LATIN SMALL LETTER D
    Some('\u{0065}'), // 0x65 LATIN SMALL LETTER E
    Some('\u{0066}'), // 0x66 LATIN SMALL LETTER F
    Some('\u{0067}'), // 0x67 LATIN SMALL LETTER G
    Some('\u{0068}'), // 0x68 LATIN SMALL LETTER H
    Some('\u{0069}'), // 0x69 LATIN SMALL LETTER I
    Some('\u{006A}'), // 0x6A LATIN SMALL LETTER J
    Some('\u{006B}'), // 0x6B LATIN SMALL LETTER K
    Some('\u{006C}'), // 0x6C LATIN SMALL LETTER L
    Some('\u{006D}'), // 0x6D LATIN SMALL LETTER M
    Some('\u{006E}'), // 0x6E LATIN SMALL LETTER N
    Some('\u{006F}'), // 0x6F LATIN SMALL LETTER O
    // 0x70..=0x7F
    Some('\u{0070}'), // 0x70 LATIN SMALL LETTER P
    Some('\u{0071}'), // 0x71 LATIN SMALL LETTER Q
    Some('\u{0072}'), // 0x72 LATIN SMALL LETTER R
    Some('\u{0073}'), // 0x73 LATIN SMALL LETTER S
    Some('\u{0074}'), // 0x74 LATIN SMALL LETTER T
    Some('\u{0075}'), // 0x75 LATIN SMALL LETTER U
    Some('\u{0076}'), // 0x76 LATIN SMALL LETTER V
    Some('\u{0077}'), // 0x77 LATIN SMALL LETTER W
    Some('\u{0078}'), // 0x78 LATIN SMALL LETTER X
    Some('\u{0079}'), // 0x79 LATIN SMALL LETTER Y
    Some('\u{007A}'), // 0x7A LATIN SMALL LETTER Z
    Some('\u{00E4}'), // 0x7B LATIN SMALL LETTER A WITH DIAERESIS
    Some('\u{00F6}'), // 0x7C LATIN SMALL LETTER O WITH DIAERESIS
    Some('\u{00F1}'), // 0x7D LATIN SMALL LETTER N WITH TILDE
    Some('\u{00FC}'), // 0x7E LATIN SMALL LETTER U WITH DIAERESIS
    Some('\u{00E0}'), // 0x7F LATIN SMALL LETTER A WITH GRAVE
];

/// Turkish national language single shift table (language id 1;
/// 3GPP TS 23.038 Annex A.2.1).
#[rustfmt::skip]
pub(crate) const TURKISH_SINGLE: SeptetTable = [
    // 0x00..=0x0F
    None,             // 0x00 undefined
    None,             // 0x01 undefined
    None,             // 0x02 undefined
    None,             // 0x03 undefined
    None,             // 0x04 undefined
    None,             // 0x05 undefined
    None,             // 0x06 undefined
    None,             // 0x07 undefined
    None,             // 0x08 undefined
    None,             // 0x09 undefined
    Some('\u{000C}'), // 0x0A FORM FEED (FF), the spec's "page break"
    None,             // 0x0B undefined
    None,             // 0x0C undefined
    None,             // 0x0D CR2: reserved control, not a character
    None,             // 0x0E undefined
    None,             // 0x0F undefined
    // 0x10..=0x1F
    None,             // 0x10 undefined
    None,             // 0x11 undefined
    None,             // 0x12 undefined
    None,             // 0x13 undefined
    Some('\u{005E}'), // 0x14 CIRCUMFLEX ACCENT
    None,             // 0x15 undefined
    None,             // 0x16 undefined
    None,             // 0x17 undefined
    None,             // 0x18 undefined
    None,             // 0x19 undefined
    None,             // 0x1A undefined
    None,             // 0x1B SS2: reserved for a further extension
    None,             // 0x1C undefined
    None,             // 0x1D undefined
    None,             // 0x1E undefined
    None,             // 0x1F undefined
    // 0x20..=0x2F
    None,             // 0x20 undefined
    None,             // 0x21 undefined
    None,             // 0x22 undefined
    None,             // 0x23 undefined
    None,             // 0x24 undefined
    None,             // 0x25 undefined
    None,             // 0x26 undefined
    None,             // 0x27 undefined
    Some('\u{007B}'), // 0x28 LEFT CURLY BRACKET
    Some('\u{007D}'), // 0x29 RIGHT CURLY BRACKET
    None,             // 0x2A undefined
    None,             // 0x2B undefined
    None,             // 0x2C undefined
    None,             // 0x2D undefined
    None,             // 0x2E undefined
    Some('\u{005C}'), // 0x2F REVERSE SOLIDUS
    // 0x30..=0x3F
    None,             // 0x30 undefined
    None,             // 0x31 undefined
    None,             // 0x32 undefined
    None,             // 0x33 undefined
    None,             // 0x34 undefined
    None,             // 0x35 undefined
    None,             // 0x36 undefined
    None,             // 0x37 undefined
    None,             // 0x38 undefined
    None,             // 0x39 undefined
    None,             // 0x3A undefined
    None,             // 0x3B undefined
    Some('\u{005B}'), // 0x3C LEFT SQUARE BRACKET
    Some('\u{007E}'), // 0x3D TILDE
    Some('\u{005D}'), // 0x3E RIGHT SQUARE BRACKET
    None,             // 0x3F undefined
    // 0x40..=0x4F
    Some('\u{007C}'), // 0x40 VERTICAL LINE
    None,             // 0x41 undefined
    None,             // 0x42 undefined
    None,             // 0x43 undefined
    None,             // 0x44 undefined
    None,             // 0x45 undefined
    None,             // 0x46 undefined
    Some('\u{011E}'), // 0x47 LATIN CAPITAL LETTER G WITH BREVE
    None,             // 0x48 undefined
    Some('\u{0130}'), // 0x49 LATIN CAPITAL LETTER I WITH DOT ABOVE
    None,             // 0x4A undefined
    None,             // 0x4B undefined
    None,             // 0x4C undefined
    None,             // 0x4D undefined
    None,             // 0x4E undefined
    None,             // 0x4F undefined
    // 0x50..=0x5F
    None,             // 0x50 undefined
    None,             // 0x51 undefined
    None,             // 0x52 undefined
    Some('\u{015E}'), // 0x53 LATIN CAPITAL LETTER S WITH CEDILLA
    None,             // 0x54 undefined
    None,             // 0x55 undefined
    None,             // 0x56 undefined
    None,             // 0x57 undefined
    None,             // 0x58 undefined
    None,             // 0x59 undefined
    None,             // 0x5A undefined
    None,             // 0x5B undefined
    None,             // 0x5C undefined
    None,             // 0x5D undefined
    None,             // 0x5E undefined
    None,             // 0x5F undefined
    // 0x60..=0x6F
    None,             // 0x60 undefined
    None,             // 0x61 undefined
    None,             // 0x62 undefined
    Some('\u{00E7}'), // 0x63 LATIN SMALL LETTER C WITH CEDILLA
    None,             // 0x64 undefined
    Some('\u{20AC}'), // 0x65 EURO SIGN
    None,             // 0x66 undefined
    Some('\u{011F}'), // 0x67 LATIN SMALL LETTER G WITH BREVE
    None,             // 0x68 undefined
    Some('\u{0131}'), // 0x69 LATIN SMALL LETTER DOTLESS I
    None,             // 0x6A undefined
    None,             // 0x6B undefined
    None,             // 0x6C undefined
    None,             // 0x6D undefined
    None,             // 0x6E undefined
    None,             // 0x6F undefined
    // 0x70..=0x7F
    None,             // 0x70 undefined
    None,             // 0x71 undefined
    None,             // 0x72 undefined
    Some('\u{015F}'), // 0x73 LATIN SMALL LETTER S WITH CEDILLA
    None,             // 0x74 undefined
    None,             // 0x75 undefined
    None,             // 0x76 undefined
    None,             // 0x77 undefined
    None,             // 0x78 undefined
    None,             // 0x79 undefined
    None,             // 0x7A undefined
    None,             // 0x7B undefined
    None,             // 0x7C undefined
    None,             // 0x7D undefined
    None,             // 0x7E undefined
    None,             // 0x7F undefined
];

/// Spanish national language single shift table (language id 2;
/// 3GPP TS 23.038 Annex A.2.2). The spec has no Spanish locking shift
/// table (A.3.2 is void).
#[rustfmt::skip]
pub(crate) const SPANISH_SINGLE: SeptetTable = [
    // 0x00..=0x0F
    None,             // 0x00 undefined
    None,             // 0x01 undefined
    None,             // 0x02 undefined
    None,             // 0x03 undefined
    None,             // 0x04 undefined
    None,             // 0x05 undefined
    None,             // 0x06 undefined
    None,             // 0x07 undefined
    None,             // 0x08 undefined
    Some('\u{00E7}'), // 0x09 LATIN SMALL LETTER C WITH CEDILLA
    Some('\u{000C}'), // 0x0A FORM FEED (FF), the spec's "page break"
    None,             // 0x0B undefined
    None,             // 0x0C undefined
    None,             // 0x0D CR2: reserved control, not a character
    None,             // 0x0E undefined
    None,             // 0x0F undefined
    // 0x10..=0x1F
    None,             // 0x10 undefined
    None,             // 0x11 undefined
    None,             // 0x12 undefined
    None,             // 0x13 undefined
    Some('\u{005E}'), // 0x14 CIRCUMFLEX ACCENT
    None,             // 0x15 undefined
    None,             // 0x16 undefined
    None,             // 0x17 undefined
    None,             // 0x18 undefined
    None,             // 0x19 undefined
    None,             // 0x1A undefined
    None,             // 0x1B SS2: reserved for a further extension
    None,             // 0x1C undefined
    None,             // 0x1D undefined
    None,             // 0x1E undefined
    None,             // 0x1F undefined
    // 0x20..=0x2F
    None,             // 0x20 undefined
    None,             // 0x21 undefined
    None,             // 0x22 undefined
    None,             // 0x23 undefined
    None,             // 0x24 undefined
    None,             // 0x25 undefined
    None,             // 0x26 undefined
    None,             // 0x27 undefined
    Some('\u{007B}'), // 0x28 LEFT CURLY BRACKET
    Some('\u{007D}'), // 0x29 RIGHT CURLY BRACKET
    None,             // 0x2A undefined
    None,             // 0x2B undefined
    None,             // 0x2C undefined
    None,             // 0x2D undefined
    None,             // 0x2E undefined
    Some('\u{005C}'), // 0x2F REVERSE SOLIDUS
    // 0x30..=0x3F
    None,             // 0x30 undefined
    None,             // 0x31 undefined
    None,             // 0x32 undefined
    None,             // 0x33 undefined
    None,             // 0x34 undefined
    None,             // 0x35 undefined
    None,             // 0x36 undefined
    None,             // 0x37 undefined
    None,             // 0x38 undefined
    None,             // 0x39 undefined
    None,             // 0x3A undefined
    None,             // 0x3B undefined
    Some('\u{005B}'), // 0x3C LEFT SQUARE BRACKET
    Some('\u{007E}'), // 0x3D TILDE
    Some('\u{005D}'), // 0x3E RIGHT SQUARE BRACKET
    None,             // 0x3F undefined
    // 0x40..=0x4F
    Some('\u{007C}'), // 0x40 VERTICAL LINE
    Some('\u{00C1}'), // 0x41 LATIN CAPITAL LETTER A WITH ACUTE
    None,             // 0x42 undefined
    None,             // 0x43 undefined
    None,             // 0x44 undefined
    None,             // 0x45 undefined
    None,             // 0x46 undefined
    None,             // 0x47 undefined
    None,             // 0x48 undefined
    Some('\u{00CD}'), // 0x49 LATIN CAPITAL LETTER I WITH ACUTE
    None,             // 0x4A undefined
    None,             // 0x4B undefined
    None,             // 0x4C undefined
    None,             // 0x4D undefined
    None,             // 0x4E undefined
    Some('\u{00D3}'), // 0x4F LATIN CAPITAL LETTER O WITH ACUTE
    // 0x50..=0x5F
    None,             // 0x50 undefined
    None,             // 0x51 undefined
    None,             // 0x52 undefined
    None,             // 0x53 undefined
    None,             // 0x54 undefined
    Some('\u{00DA}'), // 0x55 LATIN CAPITAL LETTER U WITH ACUTE
    None,             // 0x56 undefined
    None,             // 0x57 undefined
    None,             // 0x58 undefined
    None,             // 0x59 undefined
    None,             // 0x5A undefined
    None,             // 0x5B undefined
    None,             // 0x5C undefined
    None,             // 0x5D undefined
    None,             // 0x5E undefined
    None,             // 0x5F undefined
    // 0x60..=0x6F
    None,             // 0x60 undefined
    Some('\u{00E1}'), // 0x61 LATIN SMALL LETTER A WITH ACUTE
    None,             // 0x62 undefined
    None,             // 0x63 undefined
    None,             // 0x64 undefined
    Some('\u{20AC}'), // 0x65 EURO SIGN
    None,             // 0x66 undefined
    None,             // 0x67 undefined
    None,             // 0x68 undefined
    Some('\u{00ED}'), // 0x69 LATIN SMALL LETTER I WITH ACUTE
    None,             // 0x6A undefined
    None,             // 0x6B undefined
    None,             // 0x6C undefined
    None,             // 0x6D undefined
    None,             // 0x6E undefined
    Some('\u{00F3}'), // 0x6F LATIN SMALL LETTER O WITH ACUTE
    // 0x70..=0x7F
    None,             // 0x70 undefined
    None,             // 0x71 undefined
    None,             // 0x72 undefined
    None,             // 0x73 undefined
    None,             // 0x74 undefined
    Some('\u{00FA}'), // 0x75 LATIN SMALL LETTER U WITH ACUTE
    None,             // 0x76 undefined
    None,             // 0x77 undefined
    None,             // 0x78 undefined
    None,             // 0x79 undefined
    None,             // 0x7A undefined
    None,             // 0x7B undefined
    None,             // 0x7C undefined
    None,             // 0x7D undefined
    None,             // 0x7E undefined
    None,             // 0x7F undefined
];

/// Portuguese national language locking shift table (language id 3;
/// 3GPP TS 23.038 Annex A.3.3).
#[rustfmt::skip]
pub(crate) const PORTUGUESE_LOCKING: SeptetTable = [
    // 0x00..=0x0F
    Some('\u{0040}'), // 0x00 COMMERCIAL AT
    Some('\u{00A3}'), // 0x01 POUND SIGN
    Some('\u{0024}'), // 0x02 DOLLAR SIGN
    Some('\u{00A5}'), // 0x03 YEN SIGN
    Some('\u{00EA}'), // 0x04 LATIN SMALL LETTER E WITH CIRCUMFLEX
    Some('\u{00E9}'), // 0x05 LATIN SMALL LETTER E WITH ACUTE
    Some('\u{00FA}'), // 0x06 LATIN SMALL LETTER U WITH ACUTE
    Some('\u{00ED}'), // 0x07 LATIN SMALL LETTER I WITH ACUTE
    Some('\u{00F3}'), // 0x08 LATIN SMALL LETTER O WITH ACUTE
    Some('\u{00E7}'), // 0x09 LATIN SMALL LETTER C WITH CEDILLA
    Some('\u{000A}'), // 0x0A LINE FEED (LF)
    Some('\u{00D4}'), // 0x0B LATIN CAPITAL LETTER O WITH CIRCUMFLEX
    Some('\u{00F4}'), // 0x0C LATIN SMALL LETTER O WITH CIRCUMFLEX
    Some('\u{000D}'), // 0x0D CARRIAGE RETURN (CR)
    Some('\u{00C1}'), // 0x0E LATIN CAPITAL LETTER A WITH ACUTE
    Some('\u{00E1}'), // 0x0F LATIN SMALL LETTER A WITH ACUTE
    // 0x10..=0x1F
    Some('\u{0394}'), // 0x10 GREEK CAPITAL LETTER DELTA
    Some('\u{005F}'), // 0x11 LOW LINE
    Some('\u{00AA}'), // 0x12 FEMININE ORDINAL INDICATOR
    Some('\u{00C7}'), // 0x13 LATIN CAPITAL LETTER C WITH CEDILLA
    Some('\u{00C0}'), // 0x14 LATIN CAPITAL LETTER A WITH GRAVE
    Some('\u{221E}'), // 0x15 INFINITY
    Some('\u{005E}'), // 0x16 CIRCUMFLEX ACCENT
    Some('\u{005C}'), // 0x17 REVERSE SOLIDUS
    Some('\u{20AC}'), // 0x18 EURO SIGN
    Some('\u{00D3}'), // 0x19 LATIN CAPITAL LETTER O WITH ACUTE
    Some('\u{007C}'), // 0x1A VERTICAL LINE
    None,             // 0x1B ESC: escape to the single shift table
    Some('\u{00C2}'), // 0x1C LATIN CAPITAL LETTER A WITH CIRCUMFLEX
    Some('\u{00E2}'), // 0x1D LATIN SMALL LETTER A WITH CIRCUMFLEX
    Some('\u{00CA}'), // 0x1E LATIN CAPITAL LETTER E WITH CIRCUMFLEX
    Some('\u{00C9}'), // 0x1F LATIN CAPITAL LETTER E WITH ACUTE
    // 0x20..=0x2F
    Some('\u{0020}'), // 0x20 SPACE
    Some('\u{0021}'), // 0x21 EXCLAMATION MARK
    Some('\u{0022}'), // 0x22 QUOTATION MARK
    Some('\u{0023}'), // 0x23 NUMBER SIGN
    Some('\u{00BA}'), // 0x24 MASCULINE ORDINAL INDICATOR
    Some('\u{0025}'), // 0x25 PERCENT SIGN
    Some('\u{0026}'), // 0x26 AMPERSAND
    Some('\u{0027}'), // 0x27 APOSTROPHE
    Some('\u{0028}'), // 0x28 LEFT PARENTHESIS
    Some('\u{0029}'), // 0x29 RIGHT PARENTHESIS
    Some('\u{002A}'), // 0x2A ASTERISK
    Some('\u{002B}'), // 0x2B PLUS SIGN
    Some('\u{002C}'), // 0x2C COMMA
    Some('\u{002D}'), // 0x2D HYPHEN-MINUS
    Some('\u{002E}'), // 0x2E FULL STOP
    Some('\u{002F}'), // 0x2F SOLIDUS
    // 0x30..=0x3F
    Some('\u{0030}'), // 0x30 DIGIT ZERO
    Some('\u{0031}'), // 0x31 DIGIT ONE
    Some('\u{0032}'), // 0x32 DIGIT TWO
    Some('\u{0033}'), // 0x33 DIGIT THREE
    Some('\u{0034}'), // 0x34 DIGIT FOUR
    Some('\u{0035}'), // 0x35 DIGIT FIVE
    Some('\u{0036}'), // 0x36 DIGIT SIX
    Some('\u{0037}'), // 0x37 DIGIT SEVEN
    Some('\u{0038}'), // 0x38 DIGIT EIGHT
    Some('\u{0039}'), // 0x39 DIGIT NINE
    Some('\u{003A}'), // 0x3A COLON
    Some('\u{003B}'), // 0x3B SEMICOLON
    Some('\u{003C}'), // 0x3C LESS-THAN SIGN
    Some('\u{003D}'), // 0x3D EQUALS SIGN
    Some('\u{003E}'), // 0x3E GREATER-THAN SIGN
    Some('\u{003F}'), // 0x3F QUESTION MARK
    // 0x40..=0x4F
    Some('\u{00CD}'), // 0x40 LATIN CAPITAL LETTER I WITH ACUTE
    Some('\u{0041}'), // 0x41 LATIN CAPITAL LETTER A
    Some('\u{0042}'), // 0x42 LATIN CAPITAL LETTER B
    Some('\u{0043}'), // 0x43 LATIN CAPITAL LETTER C
    Some('\u{0044}'), // 0x44 LATIN CAPITAL LETTER D
    Some('\u{0045}'), // 0x45 LATIN CAPITAL LETTER E
    Some('\u{0046}'), // 0x46 LATIN CAPITAL LETTER F
    Some('\u{0047}'), // 0x47 LATIN CAPITAL LETTER G
    Some('\u{0048}'), // 0x48 LATIN CAPITAL LETTER H
    Some('\u{0049}'), // 0x49 LATIN CAPITAL LETTER I
    Some('\u{004A}'), // 0x4A LATIN CAPITAL LETTER J
    Some('\u{004B}'), // 0x4B LATIN CAPITAL LETTER K
    Some('\u{004C}'), // 0x4C LATIN CAPITAL LETTER L
    Some('\u{004D}'), // 0x4D LATIN CAPITAL LETTER M
    Some('\u{004E}'), // 0x4E LATIN CAPITAL LETTER N
    Some('\u{004F}'), // 0x4F LATIN CAPITAL LETTER O
    // 0x50..=0x5F
    Some('\u{0050}'), // 0x50 LATIN CAPITAL LETTER P
    Some('\u{0051}'), // 0x51 LATIN CAPITAL LETTER Q
    Some('\u{0052}'), // 0x52 LATIN CAPITAL LETTER R
    Some('\u{0053}'), // 0x53 LATIN CAPITAL LETTER S
    Some('\u{0054}'), // 0x54 LATIN CAPITAL LETTER T
    Some('\u{0055}'), // 0x55 LATIN CAPITAL LETTER U
    Some('\u{0056}'), // 0x56 LATIN CAPITAL LETTER V
    Some('\u{0057}'), // 0x57 LATIN CAPITAL LETTER W
    Some('\u{0058}'), // 0x58 LATIN CAPITAL LETTER X
    Some('\u{0059}'), // 0x59 LATIN CAPITAL LETTER Y
    Some('\u{005A}'), // 0x5A LATIN CAPITAL LETTER Z
    Some('\u{00C3}'), // 0x5B LATIN CAPITAL LETTER A WITH TILDE
    Some('\u{00D5}'), // 0x5C LATIN CAPITAL LETTER O WITH TILDE
    Some('\u{00DA}'), // 0x5D LATIN CAPITAL LETTER U WITH ACUTE
    Some('\u{00DC}'), // 0x5E LATIN CAPITAL LETTER U WITH DIAERESIS
    Some('\u{00A7}'), // 0x5F SECTION SIGN
    // 0x60..=0x6F
    Some('\u{007E}'), // 0x60 TILDE
    Some('\u{0061}'), // 0x61 LATIN SMALL LETTER A
    Some('\u{0062}'), // 0x62 LATIN SMALL LETTER B
    Some('\u{0063}'), // 0x63 LATIN SMALL LETTER C
    Some('\u{0064}'), // 0x64 LATIN SMALL LETTER D
    Some('\u{0065}'), // 0x65 LATIN SMALL LETTER E
    Some('\u{0066}'), // 0x66 LATIN SMALL LETTER F
    Some('\u{0067}'), // 0x67 LATIN SMALL LETTER G
    Some('\u{0068}'), // 0x68 LATIN SMALL LETTER H
    Some('\u{0069}'), // 0x69 LATIN SMALL LETTER I
    Some('\u{006A}'), // 0x6A LATIN SMALL LETTER J
    Some('\u{006B}'), // 0x6B LATIN SMALL LETTER K
    Some('\u{006C}'), // 0x6C LATIN SMALL LETTER L
    Some('\u{006D}'), // 0x6D LATIN SMALL LETTER M
    Some('\u{006E}'), // 0x6E LATIN SMALL LETTER N
    Some('\u{006F}'), // 0x6F LATIN SMALL LETTER O
    // 0x70..=0x7F
    Some('\u{0070}'), // 0x70 LATIN SMALL LETTER P
    Some('\u{0071}'), // 0x71 LATIN SMALL LETTER Q
    Some('\u{0072}'), // 0x72 LATIN SMALL LETTER R
    Some('\u{0073}'), // 0x73 LATIN SMALL LETTER S
    Some('\u{0074}'), // 0x74 LATIN SMALL LETTER T
    Some('\u{0075}'), // 0x75 LATIN SMALL LETTER U
    Some('\u{0076}'), // 0x76 LATIN SMALL LETTER V
    Some('\u{0077}'), // 0x77 LATIN SMALL LETTER W
    Some('\u{0078}'), // 0x78 LATIN SMALL LETTER X
    Some('\u{0079}'), // 0x79 LATIN SMALL LETTER Y
    Some('\u{007A}'), // 0x7A LATIN SMALL LETTER Z
    Some('\u{00E3}'), // 0x7B LATIN SMALL LETTER A WITH TILDE
    Some('\u{00F5}'), // 0x7C LATIN SMALL LETTER O WITH TILDE
    Some('\u{0060}'), // 0x7D GRAVE ACCENT
    Some('\u{00FC}'), // 0x7E LATIN SMALL LETTER U WITH DIAERESIS
    Some('\u{00E0}'), // 0x7F LATIN SMALL LETTER A WITH GRAVE
];

/// Portuguese national language single shift table (language id 3;
/// 3GPP TS 23.038 Annex A.2.3).
#[rustfmt::skip]
pub(crate) const PORTUGUESE_SINGLE: SeptetTable = [
    // 0x00..=0x0F
    None,             // 0x00 undefined
    None,             // 0x01 undefined
    None,             // 0x02 undefined
    None,             // 0x03 undefined
    None,             // 0x04 undefined
    Some('\u{00EA}'), // 0x05 LATIN SMALL LETTER E WITH CIRCUMFLEX
    None,             // 0x06 undefined
    None,             // 0x07 undefined
    None,             // 0x08 undefined
    Some('\u{00E7}'), // 0x09 LATIN SMALL LETTER C WITH CEDILLA
    Some('\u{000C}'), // 0x0A FORM FEED (FF), the spec's "page break"
    Some('\u{00D4}'), // 0x0B LATIN CAPITAL LETTER O WITH CIRCUMFLEX
    Some('\u{00F4}'), // 0x0C LATIN SMALL LETTER O WITH CIRCUMFLEX
    None,             // 0x0D CR2: reserved control, not a character
    Some('\u{00C1}'), // 0x0E LATIN CAPITAL LETTER A WITH ACUTE
    Some('\u{00E1}'), // 0x0F LATIN SMALL LETTER A WITH ACUTE
    // 0x10..=0x1F
    None,             // 0x10 undefined
    None,             // 0x11 undefined
    Some('\u{03A6}'), // 0x12 GREEK CAPITAL LETTER PHI
    Some('\u{0393}'), // 0x13 GREEK CAPITAL LETTER GAMMA
    Some('\u{005E}'), // 0x14 CIRCUMFLEX ACCENT
    Some('\u{03A9}'), // 0x15 GREEK CAPITAL LETTER OMEGA
    Some('\u{03A0}'), // 0x16 GREEK CAPITAL LETTER PI
    Some('\u{03A8}'), // 0x17 GREEK CAPITAL LETTER PSI
    Some('\u{03A3}'), // 0x18 GREEK CAPITAL LETTER SIGMA
    Some('\u{0398}'), // 0x19 GREEK CAPITAL LETTER THETA
    None,             // 0x1A undefined
    None,             // 0x1B SS2: reserved for a further extension
    None,             // 0x1C undefined
    None,             // 0x1D undefined
    None,             // 0x1E undefined
    Some('\u{00CA}'), // 0x1F LATIN CAPITAL LETTER E WITH CIRCUMFLEX
    // 0x20..=0x2F
    None,             // 0x20 undefined
    None,             // 0x21 undefined
    None,             // 0x22 undefined
    None,             // 0x23 undefined
    None,             // 0x24 undefined
    None,             // 0x25 undefined
    None,             // 0x26 undefined
    None,             // 0x27 undefined
    Some('\u{007B}'), // 0x28 LEFT CURLY BRACKET
    Some('\u{007D}'), // 0x29 RIGHT CURLY BRACKET
    None,             // 0x2A undefined
    None,             // 0x2B undefined
    None,             // 0x2C undefined
    None,             // 0x2D undefined
    None,             // 0x2E undefined
    Some('\u{005C}'), // 0x2F REVERSE SOLIDUS
    // 0x30..=0x3F
    None,             // 0x30 undefined
    None,             // 0x31 undefined
    None,             // 0x32 undefined
    None,             // 0x33 undefined
    None,             // 0x34 undefined
    None,             // 0x35 undefined
    None,             // 0x36 undefined
    None,             // 0x37 undefined
    None,             // 0x38 undefined
    None,             // 0x39 undefined
    None,             // 0x3A undefined
    None,             // 0x3B undefined
    Some('\u{005B}'), // 0x3C LEFT SQUARE BRACKET
    Some('\u{007E}'), // 0x3D TILDE
    Some('\u{005D}'), // 0x3E RIGHT SQUARE BRACKET
    None,             // 0x3F undefined
    // 0x40..=0x4F
    Some('\u{007C}'), // 0x40 VERTICAL LINE
    Some('\u{00C0}'), // 0x41 LATIN CAPITAL LETTER A WITH GRAVE
    None,             // 0x42 undefined
    None,             // 0x43 undefined
    None,             // 0x44 undefined
    None,             // 0x45 undefined
    None,             // 0x46 undefined
    None,             // 0x47 undefined
    None,             // 0x48 undefined
    Some('\u{00CD}'), // 0x49 LATIN CAPITAL LETTER I WITH ACUTE
    None,             // 0x4A undefined
    None,             // 0x4B undefined
    None,             // 0x4C undefined
    None,             // 0x4D undefined
    None,             // 0x4E undefined
    Some('\u{00D3}'), // 0x4F LATIN CAPITAL LETTER O WITH ACUTE
    // 0x50..=0x5F
    None,             // 0x50 undefined
    None,             // 0x51 undefined
    None,             // 0x52 undefined
    None,             // 0x53 undefined
    None,             // 0x54 undefined
    Some('\u{00DA}'), // 0x55 LATIN CAPITAL LETTER U WITH ACUTE
    None,             // 0x56 undefined
    None,             // 0x57 undefined
    None,             // 0x58 undefined
    None,             // 0x59 undefined
    None,             // 0x5A undefined
    Some('\u{00C3}'), // 0x5B LATIN CAPITAL LETTER A WITH TILDE
    Some('\u{00D5}'), // 0x5C LATIN CAPITAL LETTER O WITH TILDE
    None,             // 0x5D undefined
    None,             // 0x5E undefined
    None,             // 0x5F undefined
    // 0x60..=0x6F
    None,             // 0x60 undefined
    Some('\u{00C2}'), // 0x61 LATIN CAPITAL LETTER A WITH CIRCUMFLEX
    None,             // 0x62 undefined
    None,             // 0x63 undefined
    None,             // 0x64 undefined
    Some('\u{20AC}'), // 0x65 EURO SIGN
    None,             // 0x66 undefined
    None,             // 0x67 undefined
    None,             // 0x68 undefined
    Some('\u{00ED}'), // 0x69 LATIN SMALL LETTER I WITH ACUTE
    None,             // 0x6A undefined
    None,             // 0x6B undefined
    None,             // 0x6C undefined
    None,             // 0x6D undefined
    None,             // 0x6E undefined
    Some('\u{00F3}'), // 0x6F LATIN SMALL LETTER O WITH ACUTE
    // 0x70..=0x7F
    None,             // 0x70 undefined
    None,             // 0x71 undefined
    None,             // 0x72 undefined
    None,             // 0x73 undefined
    None,             // 0x74 undefined
    Some('\u{00FA}'), // 0x75 LATIN SMALL LETTER U WITH ACUTE
    None,             // 0x76 undefined
    None,             // 0x77 undefined
    None,             // 0x78 undefined
    None,             // 0x79 undefined
    None,             // 0x7A undefined
    Some('\u{00E3}'), // 0x7B LATIN SMALL LETTER A WITH TILDE
    Some('\u{00F5}'), // 0x7C LATIN SMALL LETTER O WITH TILDE
    None,             // 0x7D undefined
    None,             // 0x7E undefined
    Some('\u{00E2}'), // 0x7F LATIN SMALL LETTER A WITH CIRCUMFLEX
];
