//! One pass over a text in the default alphabet: everything analysis needs,
//! with a fast path for ASCII.

use crate::grapheme;
use crate::tables::{ASCII_COST, BASIC};

/// What one pass over a text finds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Scan {
    /// Unicode scalar values.
    pub(crate) chars: usize,
    /// Septets in the default alphabet (meaningful only when `gsm`: the
    /// scan stops counting them at the first character GSM-7 lacks).
    pub(crate) septets: usize,
    /// Characters of the extension table (each costs 2 septets; meaningful
    /// only when `gsm`).
    pub(crate) escapes: usize,
    /// UTF-16 code units.
    pub(crate) utf16: usize,
    /// Characters outside the BMP (each costs 2 UTF-16 units).
    pub(crate) astral: usize,
    /// Whether every character is in the default alphabet or its extension.
    pub(crate) gsm: bool,
    /// Whether every character is grapheme-simple (see `grapheme`).
    pub(crate) simple: bool,
    /// Carriage returns (a CR LF pair is one grapheme cluster).
    pub(crate) carriage_returns: usize,
}

impl Scan {
    /// Grapheme clusters of `text`, which must be the scanned text.
    pub(crate) fn graphemes(&self, text: &str) -> usize {
        if !self.simple {
            return grapheme::count_mixed(text);
        }
        let pairs = if self.carriage_returns == 0 {
            0
        } else {
            text.as_bytes().windows(2).filter(|w| w == b"\r\n").count()
        };
        grapheme::count_simple(self.chars, pairs)
    }
}

/// Bitmap over U+0000..U+03FF of the basic table's characters.
const BASIC_BELOW_0400: [u64; 16] = {
    let mut bits = [0u64; 16];
    let mut septet = 0;
    while septet < 128 {
        if let Some(c) = BASIC[septet] {
            let c = c as u32;
            if c < 0x400 {
                bits[(c / 64) as usize] |= 1 << (c % 64);
            }
        }
        septet += 1;
    }
    bits
};

/// Septets of a non-ASCII character in the default alphabet, if any. The
/// only non-ASCII character of the extension table is the euro sign.
#[inline]
pub(crate) fn non_ascii_cost(c: char) -> Option<usize> {
    let cp = c as u32;
    if cp < 0x400 {
        let word = BASIC_BELOW_0400[(cp / 64) as usize];
        if word & (1 << (cp % 64)) != 0 {
            return Some(1);
        }
        None
    } else if c == '\u{20AC}' {
        Some(2)
    } else {
        None
    }
}

/// Packed costs for the scan: [`ASCII_COST`] with each carriage return
/// also counted in bits 48.., so that texts without one skip the CR LF
/// search.
const SCAN_COST: [u64; 128] = {
    let mut t = ASCII_COST;
    t[b'\r' as usize] += 1 << 48;
    t
};

/// Bytes per block of the plain-ASCII fast path.
const CHUNK: usize = 32;

/// Whether every byte of `chunk` is ASCII costing exactly one septet and is
/// not a control: no extension character, nothing GSM-7 lacks, no CR, no
/// LF, no non-ASCII byte. Written as a branch-free fold over a fixed-size
/// array so that the compiler turns it into vector compares.
#[inline]
fn is_plain(chunk: &[u8; CHUNK]) -> bool {
    let mut special = false;
    for &b in chunk {
        special |= (b < 0x20)
            | (b.wrapping_sub(b'[') < 4) // [ \ ] ^
            | (b == b'`')
            | (b >= b'{'); // { | } ~ DEL, and every non-ASCII byte
    }
    !special
}

/// Scans `text` once.
pub(crate) fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut s = Scan { gsm: true, simple: true, ..Scan::default() };
    // Plain ASCII (one septet each) is only counted. Other ASCII bytes are
    // summed through `SCAN_COST` into `Sums`; non-ASCII characters go to
    // `s` directly.
    let mut plain = 0usize;
    let mut sums = Sums::default();
    let mut i = 0;
    'blocks: while i < bytes.len() {
        // A block of under 64 KiB cannot overflow a packed field.
        let block_end = bytes.len().min(i + 0xFFFF);
        let mut acc = 0u64;
        while i < block_end {
            let Some(chunk) = bytes[i..block_end].first_chunk::<CHUNK>()
            else {
                // The tail, shorter than a chunk.
                while i < block_end {
                    i = step(bytes, i, &mut acc, &mut sums, &mut s);
                }
                break;
            };
            if is_plain(chunk) {
                plain += CHUNK;
                i += CHUNK;
                continue;
            }
            // Not plain: take the whole chunk (and the end of the last
            // character in it) one character at a time.
            let end = i + CHUNK;
            while i < end {
                i = step(bytes, i, &mut acc, &mut sums, &mut s);
            }
            if !s.gsm {
                // UCS-2 from here on: septets no longer matter.
                sums.add(acc);
                ucs2_rest(bytes, i, &mut s);
                break 'blocks;
            }
        }
        sums.add(acc);
    }
    // Non-GSM ASCII bytes were summed with a septet count of 0.
    let ascii_gsm = sums.ascii - sums.not_gsm;
    s.escapes += sums.septets - ascii_gsm;
    s.septets += sums.septets + plain;
    s.chars += plain + sums.ascii;
    s.utf16 += plain + sums.ascii;
    s.carriage_returns += sums.carriage_returns;
    if sums.not_gsm > 0 {
        s.gsm = false;
    }
    s
}

/// Whether every byte of `chunk` is ASCII, a continuation byte, or the
/// lead byte of a two-byte character that is grapheme-simple whatever
/// follows it: U+0080..=U+02FF (leads 0xC2..=0xCB, Latin) and
/// U+0380..=U+047F (leads 0xCE..=0xD1, Greek and Cyrillic). Such a chunk's
/// characters are counted from its bytes alone, wherever the chunk starts
/// or ends inside a character, since each character is counted at its
/// lead byte.
#[inline]
fn is_simple_ucs2(chunk: &[u8; CHUNK]) -> bool {
    let mut other = false;
    for &b in chunk {
        other |= (b.wrapping_sub(0xCC) < 2) // 0xCC, 0xCD
            | (b >= 0xD2);
    }
    !other
}

/// Counts the rest of a text already known to be UCS-2, from byte `i` (a
/// character boundary): characters, UTF-16 units, characters outside the
/// BMP, carriage returns and grapheme simplicity. Chunks of ASCII, Latin
/// and Cyrillic are counted from their bytes; anything else one character
/// at a time.
fn ucs2_rest(bytes: &[u8], mut i: usize, s: &mut Scan) {
    while i < bytes.len() {
        if let Some(chunk) = bytes[i..].first_chunk::<CHUNK>() {
            if is_simple_ucs2(chunk) {
                let mut continuation = 0;
                let mut cr = 0;
                for &b in chunk {
                    continuation += usize::from(b & 0xC0 == 0x80);
                    cr += usize::from(b == b'\r');
                }
                s.chars += CHUNK - continuation;
                s.utf16 += CHUNK - continuation;
                s.carriage_returns += cr;
                i += CHUNK;
                // A character the chunk began was counted at its lead.
                while i < bytes.len() && bytes[i] & 0xC0 == 0x80 {
                    i += 1;
                }
                continue;
            }
        }
        // One character.
        let b = bytes[i];
        s.chars += 1;
        if b < 0x80 {
            s.utf16 += 1;
            s.carriage_returns += usize::from(b == b'\r');
            i += 1;
            continue;
        }
        let (c, width) = decode(bytes, i);
        if width == 4 {
            s.astral += 1;
            s.utf16 += 2;
        } else {
            s.utf16 += 1;
        }
        if !grapheme::is_simple(c) {
            s.simple = false;
        }
        i += width;
    }
}

/// Totals over the ASCII bytes that are not plain.
#[derive(Default)]
struct Sums {
    ascii: usize,
    septets: usize,
    not_gsm: usize,
    carriage_returns: usize,
}

impl Sums {
    /// Adds a packed accumulator: septets in bits 0..32, non-GSM bytes in
    /// 32..48, carriage returns in 48..64.
    fn add(&mut self, acc: u64) {
        self.septets += (acc & 0xFFFF_FFFF) as usize;
        self.not_gsm += ((acc >> 32) & 0xFFFF) as usize;
        self.carriage_returns += (acc >> 48) as usize;
    }
}

/// Takes the character at `i` into the counts; returns where the next one
/// starts.
#[inline]
fn step(
    bytes: &[u8],
    i: usize,
    acc: &mut u64,
    sums: &mut Sums,
    s: &mut Scan,
) -> usize {
    let b = bytes[i];
    if b < 0x80 {
        *acc += SCAN_COST[usize::from(b)];
        sums.ascii += 1;
        return i + 1;
    }
    let (c, width) = decode(bytes, i);
    s.chars += 1;
    if width == 4 {
        s.astral += 1;
        s.utf16 += 2;
    } else {
        s.utf16 += 1;
    }
    match non_ascii_cost(c) {
        Some(cost) => {
            s.septets += cost;
            s.escapes += cost - 1;
        }
        None => s.gsm = false,
    }
    if !grapheme::is_simple(c) {
        s.simple = false;
    }
    i + width
}

/// Decodes the character starting at `i`, a non-ASCII lead byte of valid
/// UTF-8 (the text is a `str`), returning it and its width in bytes.
#[inline]
fn decode(bytes: &[u8], i: usize) -> (char, usize) {
    let b0 = u32::from(bytes[i]);
    let cont = |k: usize| u32::from(bytes[i + k] & 0x3F);
    let (cp, width) = if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | cont(1), 2)
    } else if b0 < 0xF0 {
        (((b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (((b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3), 4)
    };
    (char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER), width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alphabet::Alphabet;

    fn slow(text: &str) -> Scan {
        let a = Alphabet::DEFAULT;
        let costs: Vec<Option<usize>> =
            text.chars().map(|c| a.cost(c)).collect();
        Scan {
            chars: text.chars().count(),
            septets: costs.iter().map(|c| c.unwrap_or(0)).sum(),
            escapes: costs.iter().filter(|c| **c == Some(2)).count(),
            utf16: text.encode_utf16().count(),
            astral: text.chars().filter(|c| c.len_utf16() == 2).count(),
            gsm: costs.iter().all(Option::is_some),
            simple: text.chars().all(grapheme::is_simple),
            carriage_returns: text.matches('\r').count(),
        }
    }

    #[test]
    fn agrees_with_a_char_by_char_count() {
        let long = "Zażółć gęślą jaźń {€} `x`\r\n".repeat(5000);
        for text in [
            "",
            "a",
            "0123456789abcdef",
            "0123456789abcdef0",
            "ą",
            "Привет, мир!",
            "😀 ok",
            "{[~]}|\\^\u{c}€",
            "tab\there",
            long.as_str(),
            &format!("{}{{", "a".repeat(31)),
            &format!("{}`{}", "a".repeat(32), "b".repeat(40)),
            &format!("{}\r\n{}ż", "a".repeat(63), "b".repeat(64)),
            // UCS-2 from the first chunk on, then counted by chunks, with
            // a combining mark, Greek, an emoji, CR LF and Arabic later.
            &"Zażółć gęślą jaźń, źdźbło. ".repeat(40),
            &format!("ą{}", "Съешь же ещё этих булок.\r\n".repeat(30)),
            &format!("{}e\u{301}{}", "ż".repeat(70), "ł".repeat(70)),
            &format!("{}😀{}Ωλ", "ż".repeat(33), "x\r\n".repeat(40)),
            &format!("{}ق{}", "ę".repeat(47), "ó".repeat(47)),
            &format!("ż{}\u{483}{}", "ф".repeat(31), "ф".repeat(64)),
        ] {
            let (mut fast, mut slow) = (scan(text), slow(text));
            if !slow.gsm {
                (fast.septets, fast.escapes) = (0, 0);
                (slow.septets, slow.escapes) = (0, 0);
            }
            assert_eq!(fast, slow, "{text:?}");
        }
    }

    #[test]
    fn bitmap_matches_basic_table() {
        for c in (0x80..0x2000u32).filter_map(char::from_u32) {
            let table = Alphabet::DEFAULT.cost(c);
            assert_eq!(non_ascii_cost(c), table, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn crlf_graphemes() {
        let text = "a\r\nb\rc\n";
        assert_eq!(scan(text).graphemes(text), 6);
    }
}
