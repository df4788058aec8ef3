//! One pass over a text in the default alphabet: everything analysis needs,
//! with a fast path for ASCII.

use crate::grapheme;
use crate::tables::{ASCII_COST, BASIC};

/// What one pass over a text finds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Scan {
    /// Unicode scalar values.
    pub(crate) chars: usize,
    /// Septets in the default alphabet (meaningful when `gsm`).
    pub(crate) septets: usize,
    /// Characters of the extension table (each costs 2 septets).
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
            return grapheme::count(text);
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

const HIGH_BITS: u128 = 0x8080_8080_8080_8080_8080_8080_8080_8080;
const CR_FLAG: u64 = 1 << 48;

/// Sums the packed ASCII costs of a run of ASCII bytes; CRs are counted in
/// bits 48.. so that texts without them skip the CR LF search.
#[inline]
fn ascii_cost(b: u8) -> u64 {
    let cost = ASCII_COST[usize::from(b & 0x7F)];
    if b == b'\r' {
        cost + CR_FLAG
    } else {
        cost
    }
}

/// Scans `text` once.
pub(crate) fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    // Packed sums over ASCII bytes: septets in bits 0..32, non-GSM bytes in
    // 32..48, carriage returns in 48..64. A text of up to 64 KiB cannot
    // overflow a field; longer texts are summed in blocks.
    let mut ascii_bytes = 0usize;
    let mut septets = 0usize;
    let mut not_gsm = 0usize;
    let mut carriage_returns = 0usize;
    let mut s = Scan { gsm: true, simple: true, ..Scan::default() };
    let mut i = 0;
    while i < bytes.len() {
        let block_end = bytes.len().min(i + 0xFFFF);
        let mut acc = 0u64;
        let block_start = i;
        let mut block_ascii = 0usize;
        while i < block_end {
            if let Some(chunk) = bytes[i..block_end].first_chunk::<16>() {
                if u128::from_le_bytes(*chunk) & HIGH_BITS == 0 {
                    for &b in chunk {
                        acc += ascii_cost(b);
                    }
                    block_ascii += 16;
                    i += 16;
                    continue;
                }
            }
            let b = bytes[i];
            if b < 0x80 {
                acc += ascii_cost(b);
                block_ascii += 1;
                i += 1;
                continue;
            }
            let (c, width) = decode(bytes, i);
            i += width;
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
        }
        debug_assert!(i >= block_start);
        ascii_bytes += block_ascii;
        septets += (acc & 0xFFFF_FFFF) as usize;
        not_gsm += ((acc >> 32) & 0xFFFF) as usize;
        carriage_returns += (acc >> 48) as usize;
    }
    // Non-GSM ASCII bytes were summed with a septet count of 0.
    let ascii_gsm = ascii_bytes - not_gsm;
    s.escapes += septets - ascii_gsm;
    s.septets += septets;
    s.chars += ascii_bytes;
    s.utf16 += ascii_bytes;
    s.carriage_returns = carriage_returns;
    if not_gsm > 0 {
        s.gsm = false;
    }
    s
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
        ] {
            assert_eq!(scan(text), slow(text), "{text:?}");
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
