//! The `encoding` and `decode` checks: every entry family of
//! `sms-encoding`, compared with a small model of 3GPP TS 23.038 written
//! here from the spec (not by calling the crate).
//!
//! An `encoding` input is `[flags, mode, text...]`:
//!
//! - `flags` bit 0: keep grapheme clusters whole; bit 1: 16-bit
//!   concatenation reference; bit 2: allow national language tables (which
//!   ones: `mode` bits 3..8); bit 3: packed GSM-7; bits 4..8: the part
//!   limit, one of [`MAX_PARTS`].
//! - `mode` bits 0..2: the replacement option set (all, national only,
//!   smart only, none), built with the setters and compared with the
//!   constants; bit 2: the default options through the free functions
//!   `analyze` and `split`; bits 3..8: the national languages (0: all
//!   thirteen, 1..=13: that one, above: a subset).
//! - the text: the rest, as lossy UTF-8, at most [`MAX_TEXT`] bytes.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use sms_encoding::{
    decode, national_replacement, smart_replacement, Analysis, Concatenation,
    EncodedPart, Encoding, ErrorKind, Language, Packing, Replacements,
    Segmenter,
};
use unicode_segmentation::UnicodeSegmentation;

/// Longest text tried, in bytes: keeps executions fast.
const MAX_TEXT: usize = 2048;

/// The part limits `flags >> 4` selects.
const MAX_PARTS: [usize; 16] =
    [1, 2, 3, 4, 5, 6, 8, 10, 16, 32, 64, 100, 128, 200, 240, 255];

/// The GSM 7 bit default alphabet (TS 23.038 section 6.2.1), one row of
/// the spec's table per string, indexed by septet. 0x1B is the escape to
/// the extension table, not a character: [`basic_septet`] skips it.
const BASIC_ROWS: [&str; 8] = [
    "@£$¥èéùìòÇ\nØø\rÅå",
    "Δ_ΦΓΛΩΠΨΣΘΞ\u{1B}ÆæßÉ",
    " !\"#¤%&'()*+,-./",
    "0123456789:;<=>?",
    "¡ABCDEFGHIJKLMNO",
    "PQRSTUVWXYZÄÖÑÜ§",
    "¿abcdefghijklmno",
    "pqrstuvwxyzäöñüà",
];

/// The default alphabet extension table (TS 23.038 section 6.2.1.1): the
/// septet after the escape, and its character.
const EXTENSION: [(u8, char); 10] = [
    (0x0A, '\u{0C}'),
    (0x14, '^'),
    (0x28, '{'),
    (0x29, '}'),
    (0x2F, '\\'),
    (0x3C, '['),
    (0x3D, '~'),
    (0x3E, ']'),
    (0x40, '|'),
    (0x65, '€'),
];

/// A few letters of each national language's tables (TS 23.038 Annex A)
/// that the default alphabet lacks, in the order of `Language::ALL`.
const NATIONAL_SAMPLES: [&str; 13] = [
    "ğĞıİşŞ",   // Turkish
    "áíóúÁÍÓÚ", // Spanish
    "ãõêôÃÕ",   // Portuguese
    "কখগ",      // Bengali
    "કખગ",      // Gujarati
    "कखग",      // Hindi
    "ಕಖಗ",      // Kannada
    "കഖഗ",      // Malayalam
    "କଖଗ",      // Oriya
    "ਕਖਗ",      // Punjabi
    "கஙச",      // Tamil
    "కఖగ",      // Telugu
    "بپت",      // Urdu
];

/// A character's GSM-7 code in the default tables: one septet, or one
/// after the escape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gsm {
    Basic(u8),
    Escaped(u8),
}

/// The default tables by character, built once from the rows above.
fn gsm_code(c: char) -> Option<Gsm> {
    static TABLE: OnceLock<HashMap<char, Gsm>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t: HashMap<char, Gsm> = BASIC_ROWS
            .iter()
            .flat_map(|row| row.chars())
            .enumerate()
            .filter(|&(s, _)| s != 0x1B)
            .map(|(s, c)| (c, Gsm::Basic(s as u8)))
            .collect();
        for &(s, c) in &EXTENSION {
            assert!(t.insert(c, Gsm::Escaped(s)).is_none());
        }
        assert_eq!(t.len(), 127 + 10);
        t
    });
    table.get(&c).copied()
}

fn gsm_units(c: char) -> Option<usize> {
    gsm_code(c).map(|g| match g {
        Gsm::Basic(_) => 1,
        Gsm::Escaped(_) => 2,
    })
}

/// Units one part carries with `ie_octets` of header elements (TS 23.040:
/// 140 octets of user data, the header adds its length octet).
fn model_capacity(gsm: bool, ie_octets: usize) -> usize {
    let header = if ie_octets == 0 { 0 } else { 1 + ie_octets };
    if gsm {
        (140 - header) * 8 / 7
    } else {
        (140 - header) / 2
    }
}

fn concat_octets(c: Concatenation) -> usize {
    if c == Concatenation::Ref16 {
        6
    } else {
        5
    }
}

/// A greedy cut: byte ranges and units of each part. A character is never
/// split; with `graphemes` a part ends only between clusters unless a
/// cluster is larger than a part.
fn model_cut(
    text: &str,
    cost: impl Fn(char) -> usize,
    capacity: usize,
    graphemes: bool,
) -> Vec<(Range<usize>, usize)> {
    let mut parts = Vec::new();
    let (mut start, mut fill) = (0, 0);
    let mut place = |at: usize, units: usize| {
        if fill > 0 && fill + units > capacity {
            parts.push((start..at, fill));
            start = at;
            fill = 0;
        }
        fill += units;
    };
    for (at, cluster) in text.grapheme_indices(true) {
        let units: usize = cluster.chars().map(&cost).sum();
        if graphemes && units <= capacity {
            place(at, units);
        } else {
            for (i, c) in cluster.char_indices() {
                place(at + i, cost(c));
            }
        }
    }
    parts.push((start..text.len(), fill));
    parts
}

/// What the model says about a text sent with the default tables only.
#[derive(Debug)]
struct Model {
    gsm: bool,
    units: usize,
    capacity: usize,
    parts: Vec<(Range<usize>, usize)>,
}

fn model(text: &str, seg: &Segmenter) -> Model {
    let gsm = text.chars().all(|c| gsm_code(c).is_some());
    let cost = |c: char| {
        if gsm {
            gsm_units(c).unwrap_or(0)
        } else {
            c.len_utf16()
        }
    };
    let units: usize = text.chars().map(cost).sum();
    let single = model_capacity(gsm, 0);
    if units <= single {
        return Model {
            gsm,
            units,
            capacity: single,
            parts: vec![(0..text.len(), units)],
        };
    }
    let capacity =
        model_capacity(gsm, concat_octets(seg.concatenation_reference()));
    let parts = model_cut(text, cost, capacity, seg.keeps_graphemes());
    Model { gsm, units, capacity, parts }
}

/// The characters outside the default tables, as `(ch, offset, index,
/// utf16_offset)`.
fn model_non_gsm(text: &str) -> Vec<(char, usize, usize, usize)> {
    let mut utf16 = 0;
    let mut out = Vec::new();
    for (index, (offset, c)) in text.char_indices().enumerate() {
        if gsm_code(c).is_none() {
            out.push((c, offset, index, utf16));
        }
        utf16 += c.len_utf16();
    }
    out
}

/// The segmenter of `flags` and `mode`, and the languages it allows.
fn segmenter(flags: u8, mode: u8) -> (Segmenter, Vec<Language>) {
    let mut b = Segmenter::builder()
        .keep_graphemes(flags & 1 != 0)
        .max_parts(MAX_PARTS[usize::from(flags >> 4)]);
    if flags & 2 != 0 {
        b = b.concatenation(Concatenation::Ref16);
    }
    let mut langs = Vec::new();
    if flags & 4 != 0 {
        let pick = usize::from(mode >> 3);
        match pick {
            0 => {
                b = b.national_languages(Language::ALL);
                langs.extend_from_slice(Language::ALL);
            }
            1..=13 => {
                let l = Language::ALL[pick - 1];
                b = b.national_language(l);
                langs.push(l);
            }
            _ => {
                let mask = (pick as u32).wrapping_mul(0x2F1D) >> 3;
                langs.extend(
                    Language::ALL
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| mask >> i & 1 != 0)
                        .map(|(_, &l)| l),
                );
                b = b.national_languages(&langs);
            }
        }
    }
    match b.build() {
        Ok(seg) => {
            let got: Vec<Language> = seg.national_languages().collect();
            let mut want = langs.clone();
            want.sort();
            want.dedup();
            assert_eq!(got, want, "national languages");
            (seg, want)
        }
        Err(e) => panic!("valid options refused: {e}"),
    }
}

/// The replacement option set of `mode`, built with the setters.
fn replacements(mode: u8) -> Replacements {
    let (national, smart, constant) = match mode & 3 {
        0 => (true, true, Replacements::ALL),
        1 => (true, false, Replacements::NATIONAL),
        2 => (false, true, Replacements::SMART),
        _ => (false, false, Replacements::NONE),
    };
    let built = Replacements::default().national(national).smart(smart);
    assert_eq!(built, constant);
    assert_eq!(built.replaces_national(), national);
    assert_eq!(built.replaces_smart(), smart);
    built
}

/// Arbitrary text under every option the first two bytes select, checked
/// against the model: encoding, units, parts and where they are cut, every
/// `Analysis` accessor and both counters, the characters GSM-7 lacks,
/// national tables, replacement, and encoding to octets and back.
pub fn check_encoding(data: &[u8]) {
    let [flags, mode, rest @ ..] = data else { return };
    let (flags, mode) = (*flags, *mode);
    let text = String::from_utf8_lossy(rest);
    let mut end = text.len().min(MAX_TEXT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let free = mode & 4 != 0;
    let (seg, langs) = if free {
        (Segmenter::default(), Vec::new())
    } else {
        segmenter(flags, mode)
    };

    // The analysis whatever the limit: the "before" of no replacement.
    let none = seg.replace(text, Replacements::NONE);
    assert_eq!(none.text(), text);
    assert_eq!(none.replacement_count(), 0);
    assert_eq!(none.after(), none.before());
    let full = *none.before();
    let m = model(text, &seg);
    check_analysis(text, &seg, &langs, &m, &full);

    let analysis = seg.analyze(text);
    let split = seg.split(text);
    if free {
        assert_eq!(sms_encoding::analyze(text), analysis);
        assert_eq!(sms_encoding::split(text), split);
    }
    if full.within_limit() {
        let Ok(a) = analysis else { panic!("analyze refused {full:?}") };
        assert_eq!(a, full);
        let Ok(split) = split else { panic!("split refused {full:?}") };
        assert_eq!(*split.analysis(), full);
        check_parts(text, &seg, &langs, &m, &full, &split);
        check_encode(text, &seg, flags, mode, &full, split.parts().len());
    } else {
        check_too_many(text, &seg, &langs, &m, &full, analysis.map(|_| ()));
        assert!(split.is_err());
    }
    check_non_gsm(text, &seg, &langs, &full);
    check_replace(text, &seg, &full, replacements(mode));
}

/// The accessors against the model, for any limit.
fn check_analysis(
    text: &str,
    seg: &Segmenter,
    langs: &[Language],
    m: &Model,
    a: &Analysis,
) {
    assert_eq!(a.chars(), text.chars().count());
    assert_eq!(a.utf16_units(), text.encode_utf16().count());
    assert_eq!(a.graphemes(), text.graphemes(true).count());
    assert_eq!(a.max_parts(), seg.max_parts());
    assert_eq!(a.within_limit(), a.segments() <= seg.max_parts());
    assert_eq!(a.units_left(), a.capacity() - a.last_part_units());
    assert!(a.last_part_units() <= a.capacity());
    assert!(a.segments() >= 1);
    let gsm = a.encoding() == Encoding::Gsm7;
    assert_eq!(a.first_non_gsm().is_none(), gsm);
    let name = if gsm { "GSM_7BIT" } else { "UCS2" };
    assert_eq!(
        a.units_counter().to_string(),
        format!("{} \u{2013} [{name} {}]", a.units(), a.segments())
    );
    assert_eq!(
        a.chars_counter().to_string(),
        format!("{}/{}", a.chars(), a.segments())
    );

    let shift = a.shift();
    if !gsm {
        assert!(shift.is_none());
    }
    if langs.is_empty() || (m.gsm && m.units <= 160) {
        // The default tables decide alone: the model is exact.
        assert_eq!(gsm, m.gsm, "encoding of {text:?}");
        assert!(shift.is_none());
        assert_eq!(a.units(), m.units);
        assert_eq!(a.capacity(), m.capacity);
        assert_eq!(a.segments(), m.parts.len());
        assert_eq!(a.last_part_units(), m.parts.last().map_or(0, |p| p.1));
        return;
    }
    // National tables allowed: a table can only help.
    for l in [shift.locking(), shift.single()].into_iter().flatten() {
        assert!(langs.contains(&l), "{l} used but not allowed");
    }
    if m.gsm {
        assert!(gsm, "GSM-7 text sent as UCS-2: {text:?}");
        assert!(a.segments() <= m.parts.len());
    }
    if !gsm {
        // UCS-2 is the default-table plan: exact again.
        assert!(!m.gsm);
        assert_eq!(a.units(), m.units);
        assert_eq!(a.capacity(), m.capacity);
        assert_eq!(a.segments(), m.parts.len());
    } else {
        let tables = usize::from(shift.locking().is_some())
            + usize::from(shift.single().is_some());
        assert_eq!(shift.header_octets(), 3 * tables);
        let concat = if a.segments() > 1 {
            concat_octets(seg.concatenation_reference())
        } else {
            0
        };
        assert_eq!(a.capacity(), model_capacity(true, 3 * tables + concat));
        assert!(a.chars() <= a.units() && a.units() <= 2 * a.chars());
        assert!(a.segments() >= a.units().div_ceil(a.capacity()));
    }
    // Letters of one allowed language beside the default alphabet are
    // GSM-7 under that language's tables.
    let foreign: Vec<char> =
        text.chars().filter(|&c| gsm_code(c).is_none()).collect();
    let one_language = langs.iter().any(|&l| {
        let i = Language::ALL.iter().position(|&x| x == l).unwrap_or(0);
        foreign.iter().all(|&c| NATIONAL_SAMPLES[i].contains(c))
    });
    if one_language {
        assert!(gsm, "{text:?} not GSM-7 with {langs:?}");
    }
}

/// The parts of a split: they join to the text, each fits, their units
/// add up, and (default tables) they are where the model cuts.
fn check_parts(
    text: &str,
    seg: &Segmenter,
    langs: &[Language],
    m: &Model,
    a: &Analysis,
    split: &sms_encoding::Split<'_>,
) {
    let parts = split.parts();
    assert_eq!(parts.len(), a.segments());
    let mut at = 0;
    let mut units = 0;
    for p in parts {
        assert_eq!(p.range().start, at);
        assert_eq!(&text[p.range()], p.text());
        assert_eq!(p.to_string(), p.text());
        at = p.range().end;
        assert!(p.units() <= a.capacity());
        units += p.units();
        if a.encoding() == Encoding::Ucs2 {
            assert_eq!(p.units(), p.text().encode_utf16().count());
        }
    }
    assert_eq!(at, text.len());
    assert_eq!(units, a.units());
    assert_eq!(parts.last().map(|p| p.units()), Some(a.last_part_units()));
    if langs.is_empty()
        || a.encoding() == Encoding::Ucs2
        || (m.gsm && m.units <= 160)
    {
        let got: Vec<(Range<usize>, usize)> =
            parts.iter().map(|p| (p.range(), p.units())).collect();
        assert_eq!(got, m.parts, "parts of {text:?}");
    } else if !seg.keeps_graphemes() {
        // Greedy: only a two-unit character can leave a unit unused.
        for p in &parts[..parts.len() - 1] {
            assert!(p.units() + 1 >= a.capacity());
        }
    }
    if seg.keeps_graphemes() {
        // A part never ends inside a cluster that fits in a part.
        let mut clusters = text.grapheme_indices(true).peekable();
        for p in &parts[..parts.len() - 1] {
            let cut = p.range().end;
            while let Some((at, g)) = clusters.peek() {
                if at + g.len() <= cut {
                    clusters.next();
                    continue;
                }
                if *at < cut {
                    let most = if a.encoding() == Encoding::Ucs2 {
                        g.encode_utf16().count()
                    } else {
                        2 * g.chars().count()
                    };
                    assert!(most > a.capacity(), "cluster {g:?} cut at {cut}");
                }
                break;
            }
        }
    }
}

/// A text over the limit: the error carries the model's counts.
fn check_too_many(
    text: &str,
    seg: &Segmenter,
    langs: &[Language],
    m: &Model,
    a: &Analysis,
    got: Result<(), sms_encoding::Error>,
) {
    let Err(err) = got else { panic!("analyze accepted {a:?}") };
    let ErrorKind::TooManyParts {
        encoding,
        units,
        chars,
        segments,
        max_parts,
        max_units,
        fits_bytes,
        ..
    } = *err.kind()
    else {
        panic!("unexpected error {err}")
    };
    assert_eq!(
        (encoding, units, chars, segments),
        (a.encoding(), a.units(), a.chars(), a.segments())
    );
    assert_eq!(max_parts, seg.max_parts());
    assert!(fits_bytes < text.len() && text.is_char_boundary(fits_bytes));
    if langs.is_empty() || !m.gsm && a.encoding() == Encoding::Ucs2 {
        let cost = |c: char| {
            if m.gsm {
                gsm_units(c).unwrap_or(0)
            } else {
                c.len_utf16()
            }
        };
        let capacity =
            if max_parts == 1 { model_capacity(m.gsm, 0) } else { m.capacity };
        assert_eq!(max_units, max_parts * capacity);
        let cut = model_cut(text, cost, capacity, seg.keeps_graphemes());
        assert_eq!(fits_bytes, cut[max_parts - 1].0.end);
    }
}

/// `non_gsm_chars`: exactly the model's list with the default tables;
/// with national tables, positions that are right and an empty list
/// exactly for GSM-7.
fn check_non_gsm(
    text: &str,
    seg: &Segmenter,
    langs: &[Language],
    a: &Analysis,
) {
    let got: Vec<(char, usize, usize, usize)> = seg
        .non_gsm_chars(text)
        .map(|n| (n.ch(), n.offset(), n.index(), n.utf16_offset()))
        .collect();
    assert_eq!(got.is_empty(), a.encoding() == Encoding::Gsm7);
    let first = seg.non_gsm_chars(text).next();
    assert_eq!(first, a.first_non_gsm());
    let all = model_non_gsm(text);
    if langs.is_empty() {
        assert_eq!(got, all);
        return;
    }
    let mut utf16 = 0;
    let mut listed = got.iter().peekable();
    for (index, (offset, c)) in text.char_indices().enumerate() {
        if listed.peek() == Some(&&(c, offset, index, utf16)) {
            listed.next();
        }
        utf16 += c.len_utf16();
    }
    assert!(listed.next().is_none(), "misplaced non-GSM chars {got:?}");
}

/// What the model replaces `c` with, if anything: nothing the default
/// tables have; otherwise the look-alike, then the national letter.
fn model_replacement(c: char, what: Replacements) -> Option<&'static str> {
    // A few look-alikes written here, to pin the smart table itself.
    let mine = match c {
        '\u{2018}' | '\u{2019}' => Some("'"),
        '\u{201C}' | '\u{201D}' => Some("\""),
        '\u{2013}' | '\u{2014}' => Some("-"),
        '\u{2026}' => Some("..."),
        '\u{00A0}' => Some(" "),
        _ => None,
    };
    if mine.is_some() {
        assert_eq!(smart_replacement(c), mine);
    }
    if gsm_code(c).is_some() {
        assert_eq!(national_replacement(c), None, "{c:?} is GSM-7");
        return None;
    }
    let smart =
        if what.replaces_smart() { smart_replacement(c) } else { None };
    smart.or(if what.replaces_national() {
        national_replacement(c)
    } else {
        None
    })
}

/// Replacement: the text and the list are the model's, every replacement
/// is GSM-7, and `before`/`after` are the analyses of the two texts.
fn check_replace(
    text: &str,
    seg: &Segmenter,
    full: &Analysis,
    what: Replacements,
) {
    let r = seg.replace(text, what);
    let mut want = String::new();
    let mut list = Vec::new();
    for (offset, c) in text.char_indices() {
        match model_replacement(c, what) {
            Some(to) => {
                assert!(
                    to.chars().all(|t| gsm_code(t).is_some()),
                    "{c:?} → {to:?}"
                );
                want.push_str(to);
                list.push((offset, c, to));
            }
            None => want.push(c),
        }
    }
    assert_eq!(r.text(), want);
    assert_eq!(r.replacement_count(), list.len());
    assert_eq!(r.replacements().len(), list.len());
    let got: Vec<(usize, char, &str)> =
        r.replacements().map(|x| (x.offset(), x.from(), x.to())).collect();
    assert_eq!(got, list);
    assert_eq!(r.before(), full);
    let after = r.after();
    match seg.analyze(r.text()) {
        Ok(a) => assert_eq!(a, *after),
        Err(e) => match e.kind() {
            ErrorKind::TooManyParts { segments, .. } => {
                assert!(!after.within_limit());
                assert_eq!(*segments, after.segments());
                let again = seg.replace(r.text(), Replacements::NONE);
                assert_eq!(again.before(), after);
            }
            _ => panic!("unexpected error {e}"),
        },
    }
}

/// Encoding to octets: headers, payload (the model's septets or UTF-16
/// for the default tables), and decoding back to the text.
fn check_encode(
    text: &str,
    seg: &Segmenter,
    flags: u8,
    mode: u8,
    a: &Analysis,
    total: usize,
) {
    let packing =
        if flags & 8 != 0 { Packing::Packed } else { Packing::Unpacked };
    let reference = u16::from_le_bytes([flags, mode >> 4]);
    let encoded = seg.encode(text, packing, reference);
    let ref8 = seg.concatenation_reference() == Concatenation::Ref8;
    if total > 1 && ref8 && reference > 0xFF {
        match encoded.map(|_| ()).map_err(|e| e.kind().clone()) {
            Err(ErrorKind::ReferenceTooLarge { reference: r, .. }) => {
                assert_eq!(r, reference)
            }
            other => panic!("reference {reference} gave {other:?}"),
        }
        return;
    }
    let parts = match encoded {
        Ok(parts) => parts,
        Err(e) => panic!("encode failed after split succeeded: {e}"),
    };
    assert_eq!(parts.len(), total);
    let split = seg.split(text).unwrap_or_else(|e| panic!("{e}"));
    for (i, (part, piece)) in parts.iter().zip(split.parts()).enumerate() {
        assert_eq!(part.encoding(), Some(a.encoding()));
        assert_eq!(
            part.data_coding(),
            if a.encoding() == Encoding::Gsm7 { 0 } else { 8 }
        );
        let header = match part.header() {
            Ok(h) => h,
            Err(e) => panic!("our own header does not parse: {e}"),
        };
        let udh_len = match &header {
            Some(h) => {
                assert!(part.udhi());
                assert_eq!(h.shift(), a.shift());
                match h.concatenation() {
                    Some(c) => {
                        assert_eq!(usize::from(c.total()), total);
                        assert_eq!(usize::from(c.sequence()), i + 1);
                        let want =
                            if ref8 { reference & 0xFF } else { reference };
                        assert_eq!(c.reference(), want);
                    }
                    None => assert_eq!(total, 1),
                }
                assert_eq!(h.octets(), 1 + usize::from(part.user_data()[0]));
                h.octets()
            }
            None => {
                assert!(!part.udhi() && total == 1 && a.shift().is_none());
                0
            }
        };
        if a.encoding() == Encoding::Ucs2 {
            let body: Vec<u8> = piece
                .text()
                .encode_utf16()
                .flat_map(u16::to_be_bytes)
                .collect();
            assert_eq!(&part.user_data()[udh_len..], body);
            assert_eq!(part.user_data_length(), part.user_data().len());
        } else if a.shift().is_none() {
            let septets: Vec<u8> = piece
                .text()
                .chars()
                .flat_map(|c| match gsm_code(c) {
                    Some(Gsm::Basic(s)) => vec![s],
                    Some(Gsm::Escaped(s)) => vec![0x1B, s],
                    None => panic!("{c:?} sent as GSM-7"),
                })
                .collect();
            check_gsm_payload(part, udh_len, &septets);
        }
    }
    match decode(&parts) {
        Ok(back) => assert_eq!(back, text),
        Err(e) => panic!("decode of our own parts failed: {e}"),
    }
}

/// GSM-7 user data: unpacked, one septet per octet after the header;
/// packed, septets LSB first from the first septet boundary after it.
fn check_gsm_payload(part: &EncodedPart, udh_len: usize, septets: &[u8]) {
    let ud = part.user_data();
    match part.packing() {
        Packing::Unpacked => {
            assert_eq!(&ud[udh_len..], septets);
            assert_eq!(part.user_data_length(), ud.len());
        }
        _ => {
            let skip = (udh_len * 8).div_ceil(7);
            assert_eq!(part.user_data_length(), skip + septets.len());
            let bits = (skip + septets.len()) * 7;
            assert_eq!(ud.len(), bits.div_ceil(8));
            let mut want = ud[..udh_len].to_vec();
            want.resize(ud.len(), 0);
            for (k, &s) in septets.iter().enumerate() {
                for b in 0..7 {
                    let bit = (skip + k) * 7 + b;
                    if s >> b & 1 != 0 {
                        want[bit / 8] |= 1 << (bit % 8);
                    }
                }
            }
            assert_eq!(ud, want);
        }
    }
}

/// The model's reading of one part without a header, GSM-7 (`0x00`) or
/// UCS-2 (`0x08`): `Some(None)` for a part it must refuse, `None` where
/// the model makes no claim.
fn model_decode(part: &EncodedPart) -> Option<Option<String>> {
    if part.udhi() {
        return None;
    }
    let ud = part.user_data();
    let octets_ok = part.user_data_length() == ud.len();
    match (part.data_coding(), part.packing()) {
        (0x08, _) => {
            if !octets_ok || !ud.len().is_multiple_of(2) {
                return Some(None);
            }
            let units: Vec<u16> = ud
                .chunks_exact(2)
                .map(|b| u16::from_be_bytes([b[0], b[1]]))
                .collect();
            Some(String::from_utf16(&units).ok())
        }
        (0x00, Packing::Unpacked) if !octets_ok => Some(None),
        (0x00, Packing::Unpacked) => model_septets(ud),
        (0x00, _) => {
            let udl = part.user_data_length();
            if udl.checked_mul(7).map(|b| b.div_ceil(8)) != Some(ud.len()) {
                return Some(None);
            }
            let septets: Vec<u8> = (0..udl)
                .map(|k| {
                    (0..7).fold(0u8, |s, b| {
                        let bit = k * 7 + b;
                        s | ((ud[bit / 8] >> (bit % 8)) & 1) << b
                    })
                })
                .collect();
            model_septets(&septets)
        }
        _ => None,
    }
}

/// Septets of the default tables as text; an escape before a septet the
/// extension table lacks reads as the basic table's character (the spec's
/// note). No claim for an escape before an escape.
fn model_septets(septets: &[u8]) -> Option<Option<String>> {
    let basic: Vec<char> = BASIC_ROWS.iter().flat_map(|r| r.chars()).collect();
    let mut out = String::new();
    let mut it = septets.iter();
    while let Some(&s) = it.next() {
        if s > 0x7F {
            return Some(None);
        }
        if s != 0x1B {
            out.push(basic[usize::from(s)]);
            continue;
        }
        match it.next() {
            None => return Some(None),
            Some(0x1B) => return None,
            Some(&e) if e > 0x7F => return Some(None),
            Some(&e) => out.push(
                EXTENSION
                    .iter()
                    .find(|x| x.0 == e)
                    .map_or(basic[usize::from(e)], |x| x.1),
            ),
        }
    }
    Some(Some(out))
}

/// Arbitrary bytes as received parts: decoding never panics, a single
/// part without a header decodes as the model reads it (default tables,
/// unpacked or packed, or UTF-16), and whatever decodes is valid text
/// that analysis accepts.
pub fn check_decode(data: &[u8]) {
    let parts: Vec<EncodedPart> = data
        .split(|&b| b == 0xFF)
        .take(8)
        .filter_map(|chunk| {
            let (&head, rest) = chunk.split_first()?;
            let packing = if head & 1 != 0 {
                Packing::Packed
            } else {
                Packing::Unpacked
            };
            let data_coding = if head & 2 != 0 { 0x08 } else { head & 0xF0 };
            // With bit 3 set, the next 8 bytes are a free-form length, so
            // lengths that disagree with the data (or overflow) are tried.
            let (user_data_length, user_data) = match rest.split_first_chunk()
            {
                Some((len, data)) if head & 8 != 0 => {
                    (u64::from_le_bytes(*len) as usize, data)
                }
                _ if packing == Packing::Packed => (
                    (rest.len() * 8 / 7)
                        .saturating_sub(usize::from(head >> 6)),
                    rest,
                ),
                _ => (rest.len(), rest),
            };
            Some(EncodedPart::new(
                data_coding,
                head & 4 != 0,
                packing,
                user_data_length,
                user_data.to_vec(),
            ))
        })
        .collect();
    let decoded = decode(&parts);
    if let [part] = parts.as_slice() {
        if let Some(want) = model_decode(part) {
            assert_eq!(decoded.as_ref().ok(), want.as_ref(), "{part:?}");
        }
    }
    if let Ok(text) = decoded {
        let seg = Segmenter::builder().max_parts(255).build();
        if let Ok(seg) = seg {
            // Eight parts of at most a few hundred units always fit.
            let _ = seg.analyze(&text);
        }
    }
}
