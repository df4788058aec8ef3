//! Checks against independent implementations the project does not
//! contain, through committed data they produced (see each file's header):
//!
//! - `data/gsm0338_python.tsv`: the PyPI `gsm0338` codec's encoding of
//!   every character it accepts;
//! - `data/segments_npm.tsv`: encodings, part counts and units from the npm
//!   packages `split-sms`, `sms-segments-calculator` and `sms-length`.
//!
//! Where a peer departs from 3GPP TS 23.038 the test says so and checks
//! that we follow the spec instead.

use std::collections::BTreeMap;

use sms_encoding::{Encoding, Packing, Segmenter};

const PYTHON: &str = include_str!("data/gsm0338_python.tsv");
const NPM: &str = include_str!("data/segments_npm.tsv");

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|l| !l.starts_with('#') && !l.is_empty())
}

fn parse_codepoint(field: &str) -> char {
    let hex = field.strip_prefix("U+").expect("U+XXXX");
    char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn default_alphabet_agrees_with_python_gsm0338() {
    let seg = Segmenter::default();
    let mut theirs = BTreeMap::new();
    for line in data_lines(PYTHON) {
        let (cp, bytes) = line.split_once('\t').unwrap();
        theirs.insert(parse_codepoint(cp), bytes.to_string());
    }
    assert_eq!(theirs.len(), 138);
    // gsm0338 lists ESCAPE (U+001B) as a character at 0x1B; the spec
    // reserves 0x1B as the escape to the extension table, so we refuse it.
    assert_eq!(theirs.remove(&'\u{1B}').as_deref(), Some("1b"));
    let mut ours = BTreeMap::new();
    let candidates = (0..=0x1FFFFu32).filter_map(char::from_u32);
    for c in candidates {
        let text = c.to_string();
        let parts = seg.encode(&text, Packing::Unpacked, 0).unwrap();
        if parts[0].data_coding() == Encoding::Gsm7.data_coding() {
            ours.insert(c, hex(parts[0].user_data()));
        }
    }
    assert_eq!(ours, theirs);
}

struct Peer {
    encoding: Encoding,
    segments: usize,
    units: usize,
}

fn parse_peer(field: &str) -> (&str, Peer) {
    let (name, value) = field.split_once('=').unwrap();
    let mut it = value.split('/');
    let encoding = match it.next().unwrap() {
        "GSM_7BIT" => Encoding::Gsm7,
        "UCS2" => Encoding::Ucs2,
        other => panic!("unknown encoding {other}"),
    };
    let segments = it.next().unwrap().parse().unwrap();
    let units = it.next().unwrap().parse().unwrap();
    (name, Peer { encoding, segments, units })
}

/// Each text of the npm data with the three peers' results.
fn npm_cases() -> Vec<(String, BTreeMap<String, Peer>)> {
    data_lines(NPM)
        .map(|line| {
            let mut fields = line.split('\t');
            let text: String =
                serde_json::from_str(fields.next().unwrap()).unwrap();
            let peers = fields
                .map(parse_peer)
                .map(|(n, p)| (n.to_string(), p))
                .collect();
            (text, peers)
        })
        .collect()
}

fn unlimited(keep_graphemes: bool) -> Segmenter {
    Segmenter::builder()
        .max_parts(255)
        .keep_graphemes(keep_graphemes)
        .build()
        .unwrap()
}

#[test]
fn agrees_with_split_sms_on_every_text() {
    let seg = unlimited(false);
    let cases = npm_cases();
    assert!(cases.len() > 300);
    for (text, peers) in &cases {
        let a = seg.analyze(text).unwrap();
        let peer = &peers["split-sms"];
        assert_eq!(
            (a.encoding(), a.segments(), a.units()),
            (peer.encoding, peer.segments, peer.units),
            "{text:?}"
        );
        let split = seg.split(text).unwrap();
        assert_eq!(split.parts().len(), peer.segments, "{text:?}");
    }
}

#[test]
fn agrees_with_sms_segments_calculator_when_keeping_graphemes() {
    // sms-segments-calculator never splits a grapheme cluster: it matches
    // our grapheme option, and our default wherever no cluster straddles.
    let keep = unlimited(true);
    let plain = unlimited(false);
    let mut differ_from_default = 0;
    for (text, peers) in &npm_cases() {
        let peer = &peers["sms-segments-calculator"];
        let a = keep.analyze(text).unwrap();
        assert_eq!(
            (a.encoding(), a.segments(), a.units()),
            (peer.encoding, peer.segments, peer.units),
            "{text:?}"
        );
        if plain.analyze(text).unwrap().segments() != peer.segments {
            differ_from_default += 1;
        }
    }
    // The three texts where a cluster straddles a part boundary.
    assert_eq!(differ_from_default, 3);
}

#[test]
fn sms_length_departs_from_the_spec_where_documented() {
    let seg = unlimited(false);
    let mut form_feed = 0;
    let mut naive_split = 0;
    let mut empty = 0;
    for (text, peers) in &npm_cases() {
        let a = seg.analyze(text).unwrap();
        let peer = &peers["sms-length"];
        if (a.encoding(), a.segments(), a.units())
            == (peer.encoding, peer.segments, peer.units)
        {
            continue;
        }
        if text.contains('\u{0C}') && peer.encoding == Encoding::Ucs2 {
            // sms-length lacks form feed, an extension character.
            assert_eq!(a.encoding(), Encoding::Gsm7);
            form_feed += 1;
        } else if text.is_empty() {
            assert_eq!((peer.segments, a.segments()), (0, 1));
            empty += 1;
        } else {
            // It divides units by the capacity, splitting escape and
            // surrogate pairs: one part fewer than an exact split.
            assert_eq!(a.units(), peer.units, "{text:?}");
            assert_eq!(peer.segments, a.units().div_ceil(a.capacity()));
            assert_eq!(a.segments(), peer.segments + 1, "{text:?}");
            naive_split += 1;
        }
    }
    assert_eq!((form_feed, naive_split, empty), (66, 13, 1));
}
