//! The boundaries of 3GPP TS 23.038 / 23.040, written from the spec: part
//! capacities, escape pairs and surrogate pairs at part boundaries, grapheme
//! clusters, and the characters that look like GSM-7 but are not.

use sms_encoding::{Analysis, Concatenation, Encoding, ErrorKind, Segmenter};

fn analyze(text: &str) -> Analysis {
    Segmenter::default().analyze(text).unwrap()
}

fn parts(seg: &Segmenter, text: &str) -> Vec<String> {
    seg.split(text)
        .unwrap()
        .parts()
        .iter()
        .map(|p| p.text().to_string())
        .collect()
}

#[test]
fn empty_text_is_one_empty_part() {
    let a = analyze("");
    assert_eq!(a.encoding(), Encoding::Gsm7);
    assert_eq!((a.units(), a.chars(), a.graphemes()), (0, 0, 0));
    assert_eq!((a.segments(), a.capacity(), a.units_left()), (1, 160, 160));
    assert_eq!(parts(&Segmenter::default(), ""), [""]);
    assert_eq!(a.units_counter().to_string(), "0 – [GSM_7BIT 1]");
}

#[test]
fn gsm_single_part_boundary_160_161() {
    let a = analyze(&"x".repeat(160));
    assert_eq!((a.segments(), a.capacity(), a.units_left()), (1, 160, 0));
    let a = analyze(&"x".repeat(161));
    // 161 septets: 153 + 8.
    assert_eq!((a.segments(), a.capacity(), a.units_left()), (2, 153, 145));
}

#[test]
fn gsm_concatenated_boundaries_306_307() {
    for (len, segments) in [(306, 2), (307, 3), (459, 3), (460, 4)] {
        let a = analyze(&"x".repeat(len));
        assert_eq!(a.segments(), segments, "{len}");
    }
    let p = parts(&Segmenter::default(), &"x".repeat(307));
    let lens: Vec<usize> = p.iter().map(String::len).collect();
    assert_eq!(lens, [153, 153, 1]);
}

#[test]
fn ucs2_boundaries_70_71_and_67_68() {
    let a = analyze(&"ą".repeat(70));
    assert_eq!(
        (a.encoding(), a.segments(), a.units_left()),
        (Encoding::Ucs2, 1, 0)
    );
    let a = analyze(&"ą".repeat(71));
    assert_eq!((a.segments(), a.capacity()), (2, 67));
    let a = analyze(&"ą".repeat(134));
    assert_eq!(a.segments(), 2);
    let a = analyze(&"ą".repeat(135));
    assert_eq!(a.segments(), 3);
}

#[test]
fn sixteen_bit_reference_152_and_66() {
    let seg = Segmenter::builder()
        .concatenation(Concatenation::Ref16)
        .build()
        .unwrap();
    let a = seg.analyze(&"x".repeat(305)).unwrap();
    assert_eq!((a.segments(), a.capacity()), (3, 152));
    let a = seg.analyze(&"x".repeat(304)).unwrap();
    assert_eq!(a.segments(), 2);
    let a = seg.analyze(&"ą".repeat(133)).unwrap();
    assert_eq!((a.segments(), a.capacity()), (3, 66));
    // A single part has no concatenation header either way.
    assert_eq!(seg.analyze(&"x".repeat(160)).unwrap().segments(), 1);
}

#[test]
fn every_extension_character_costs_two_septets() {
    for c in ['^', '{', '}', '\\', '[', '~', ']', '|', '€', '\u{0C}'] {
        let a = analyze(&c.to_string());
        assert_eq!(
            (a.encoding(), a.units(), a.chars()),
            (Encoding::Gsm7, 2, 1),
            "{c:?}"
        );
    }
    // Seed 004: "{ and ] increase the count by 2".
    assert_eq!(analyze("a{b]").units(), 6);
}

#[test]
fn escape_pair_straddling_a_part_boundary_moves_whole() {
    // 152 septets then '{': the pair would take septets 153 and 154.
    let text = format!("{}{{{}", "x".repeat(152), "y".repeat(20));
    let seg = Segmenter::default();
    let p = parts(&seg, &text);
    assert_eq!(p[0], "x".repeat(152));
    assert!(p[1].starts_with('{'));
    let a = seg.analyze(&text).unwrap();
    assert_eq!(a.units(), 174);
    assert_eq!(a.segments(), 2);
    // The first part is one septet short, so the last part holds 22.
    assert_eq!(a.last_part_units(), 22);
    assert_eq!(a.units_left(), 153 - 22);
}

#[test]
fn escape_pairs_can_add_a_part_beyond_the_naive_count() {
    // 152 'x' + '€' + 150 'x' + '€': 306 septets, which would be exactly two
    // parts of 153 if the pairs could be split, but both pairs move.
    let text = format!("{}€{}€", "x".repeat(152), "x".repeat(150));
    let a = analyze(&text);
    assert_eq!(a.units(), 306);
    assert_eq!(a.segments(), 3);
    assert_eq!(parts(&Segmenter::default(), &text).len(), 3);
}

#[test]
fn surrogate_pair_straddling_a_part_boundary_moves_whole() {
    // 66 units of 'ą' then an emoji (2 units) at units 67-68.
    let text = format!("{}😀{}", "ą".repeat(66), "ą".repeat(10));
    let seg = Segmenter::default();
    let p = parts(&seg, &text);
    assert_eq!(p[0], "ą".repeat(66));
    assert!(p[1].starts_with('😀'));
    let a = seg.analyze(&text).unwrap();
    assert_eq!((a.units(), a.segments(), a.last_part_units()), (78, 2, 12));
    // In a single part a pair at units 69-70 fits exactly.
    let a = analyze(&format!("{}😀", "ą".repeat(68)));
    assert_eq!((a.units(), a.segments()), (70, 1));
    let a = analyze(&format!("{}😀", "ą".repeat(69)));
    assert_eq!((a.units(), a.segments()), (71, 2));
}

#[test]
fn zwj_family_at_a_boundary_with_the_grapheme_option() {
    let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦"; // 11 UTF-16 units
    assert_eq!(family.encode_utf16().count(), 11);
    let text = format!("{}{family}{}", "ą".repeat(60), "ą".repeat(20));
    let plain = Segmenter::default();
    let keep = Segmenter::builder().keep_graphemes(true).build().unwrap();
    // Without the option the cut falls inside the family, after the second
    // ZWJ (unit 66): the girl's surrogate pair would take units 67-68.
    let p = parts(&plain, &text);
    assert_eq!(p[0].encode_utf16().count(), 66);
    assert!(p[0].ends_with('\u{200D}'));
    assert!(!p[0].ends_with(family));
    // With it the whole family moves to the second part.
    let p = parts(&keep, &text);
    assert_eq!(p[0], "ą".repeat(60));
    assert!(p[1].starts_with(family));
    let a = keep.analyze(&text).unwrap();
    assert_eq!((a.graphemes(), a.chars(), a.units()), (81, 87, 91));
    assert_eq!(a.segments(), 2);
}

#[test]
fn flags_and_combining_marks_with_the_grapheme_option() {
    let keep = Segmenter::builder().keep_graphemes(true).build().unwrap();
    // A flag is two regional indicators, 4 UTF-16 units, one cluster.
    let text = format!("{}🇵🇱{}", "ą".repeat(65), "ą".repeat(10));
    let p = parts(&keep, &text);
    assert_eq!(p[0], "ą".repeat(65));
    assert!(p[1].starts_with("🇵🇱"));
    // 'e' + COMBINING ACUTE at the boundary of a GSM-7... no: U+0301 is
    // not GSM-7, so this is UCS-2: the pair at units 67-68 moves together.
    let text = format!("{}e\u{301}{}", "a".repeat(66), "a".repeat(10));
    let p = parts(&keep, &text);
    assert_eq!(p[0], "a".repeat(66));
    assert!(p[1].starts_with("e\u{301}"));
}

#[test]
fn crlf() {
    let a = analyze("a\r\nb");
    assert_eq!((a.units(), a.chars(), a.graphemes()), (4, 4, 3));
    // With the grapheme option, CR LF at a boundary stays together.
    let keep = Segmenter::builder().keep_graphemes(true).build().unwrap();
    let text = format!("{}\r\n{}", "x".repeat(152), "y".repeat(10));
    let p = parts(&keep, &text);
    assert_eq!(p[0], "x".repeat(152));
    assert!(p[1].starts_with("\r\n"));
    let p = parts(&Segmenter::default(), &text);
    assert!(p[0].ends_with('\r'));
}

#[test]
fn look_alikes_that_are_not_gsm() {
    for text in ["`", "á", "ç", "\t", "\u{A0}", "’", "–", "\u{1B}", "\0"]
    {
        let a = analyze(text);
        assert_eq!(a.encoding(), Encoding::Ucs2, "{text:?}");
        let first = a.first_non_gsm().unwrap();
        assert_eq!(first.ch(), text.chars().next().unwrap());
    }
    // Capital Ç is 0x09 of the basic table.
    assert_eq!(analyze("Ç").encoding(), Encoding::Gsm7);
}

#[test]
fn non_gsm_positions() {
    let seg = Segmenter::default();
    let text = "Wiadomość 😀 ok";
    let found: Vec<_> = seg.non_gsm_chars(text).collect();
    let summary: Vec<(char, usize, usize, usize)> = found
        .iter()
        .map(|c| (c.ch(), c.offset(), c.index(), c.utf16_offset()))
        .collect();
    assert_eq!(summary, [('ś', 7, 7, 7), ('ć', 9, 8, 8), ('😀', 12, 10, 10)]);
}

#[test]
fn seed_001_counter_at_670_10() {
    let text = "ą".repeat(670);
    let a = analyze(&text);
    assert_eq!(a.chars_counter().to_string(), "670/10");
    assert_eq!(a.units_left(), 0);
    let err = Segmenter::default().analyze(&format!("{text}a")).unwrap_err();
    match err.kind() {
        ErrorKind::TooManyParts {
            encoding,
            units,
            chars,
            segments,
            max_parts,
            max_units,
            fits_bytes,
            ..
        } => {
            assert_eq!(*encoding, Encoding::Ucs2);
            assert_eq!((*units, *chars, *segments), (671, 671, 11));
            assert_eq!((*max_parts, *max_units), (10, 670));
            assert_eq!(*fits_bytes, 670 * 2);
        }
        other => panic!("{other:?}"),
    }
    // Plain words: the units are named, not the counter's `UCS2`.
    assert_eq!(
        err.to_string(),
        "text needs 11 parts (671 UTF-16 units in UCS-2, 671 characters) \
         but at most 10 are allowed (670 UTF-16 units); the first 1340 \
         bytes fit, shorten the rest or raise the part limit"
    );
}

#[test]
fn seed_004_counter() {
    // 225 septets over two parts, as in the seed's example.
    let text = format!("{}{{}}", "a".repeat(221));
    let a = analyze(&text);
    assert_eq!(a.units_counter().to_string(), "225 – [GSM_7BIT 2]");
}

#[test]
fn part_limit_is_configurable_and_never_cuts() {
    let seg = Segmenter::builder().max_parts(3).build().unwrap();
    assert!(seg.split(&"x".repeat(459)).is_ok());
    let err = seg.split(&"x".repeat(460)).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::TooManyParts {
            segments: 4,
            max_parts: 3,
            fits_bytes: 459,
            ..
        }
    ));
    let one = Segmenter::builder().max_parts(1).build().unwrap();
    assert!(one.analyze(&"x".repeat(161)).is_err());
}

#[cfg(feature = "serde")]
#[test]
fn option_types_round_trip_through_serde() {
    use sms_encoding::{Language, Packing, Replacements, Shift};
    let shift = Shift::new(Some(Language::Turkish), Some(Language::Spanish));
    let json = serde_json::to_string(&shift).unwrap();
    assert_eq!(json, r#"{"locking":"turkish","single":"spanish"}"#);
    assert_eq!(serde_json::from_str::<Shift>(&json).unwrap(), shift);
    // Spanish has no locking shift table: read as none, as Shift::new does.
    let json = r#"{"locking":"spanish","single":"spanish"}"#;
    assert_eq!(
        serde_json::from_str::<Shift>(json).unwrap(),
        Shift::new(None, Some(Language::Spanish))
    );
    let json = serde_json::to_string(&Encoding::Gsm7).unwrap();
    assert_eq!(json, r#""GSM_7BIT""#);
    assert_eq!(
        serde_json::from_str::<Encoding>(r#""UCS2""#).unwrap(),
        Encoding::Ucs2
    );
    for c in [Concatenation::Ref8, Concatenation::Ref16] {
        let back: Concatenation =
            serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        assert_eq!(back, c);
    }
    let p: Packing = serde_json::from_str(r#""packed""#).unwrap();
    assert_eq!(p, Packing::Packed);
    let r: Replacements =
        serde_json::from_str(r#"{"national":true,"smart":false}"#).unwrap();
    assert_eq!(r, Replacements::NATIONAL);
    let r: Replacements = serde_json::from_str(r#"{"smart":true}"#).unwrap();
    assert_eq!(r, Replacements::SMART);
}

/// The `serde` spelling of every closed set is its `Display` spelling.
#[cfg(feature = "serde")]
#[test]
fn serde_spellings_are_the_display_spellings() {
    use sms_encoding::{Language, Packing};
    fn check<T>(values: &[T])
    where
        T: serde::Serialize + std::fmt::Display,
    {
        for v in values {
            let json = serde_json::to_value(v).unwrap();
            assert_eq!(json, serde_json::Value::String(v.to_string()));
        }
    }
    check(Encoding::ALL);
    check(Language::ALL);
    check(Concatenation::ALL);
    check(Packing::ALL);
}

/// Every result a host logs serializes, with the accessors' names.
#[cfg(feature = "serde")]
#[test]
fn results_serialize() {
    use serde_json::json;
    use sms_encoding::{Packing, Replacements};
    let seg = Segmenter::default();
    let a = seg.analyze("Zażółć").unwrap();
    assert_eq!(
        serde_json::to_value(a).unwrap(),
        json!({
            "encoding": "UCS2",
            "shift": {"locking": null, "single": null},
            "units": 6, "chars": 6, "graphemes": 6, "utf16_units": 6,
            "segments": 1, "capacity": 70, "units_left": 64,
            "last_part_units": 6, "max_parts": 10, "within_limit": true,
            "first_non_gsm":
                {"ch": "ż", "offset": 2, "index": 2, "utf16_offset": 2},
        })
    );
    assert_eq!(
        serde_json::to_value(a.units_counter()).unwrap(),
        "6 – [UCS2 1]"
    );
    assert_eq!(serde_json::to_value(a.chars_counter()).unwrap(), "6/1");
    let text = "x".repeat(161);
    let split = seg.split(&text).unwrap();
    let v = serde_json::to_value(&split).unwrap();
    assert_eq!(
        v["parts"][1],
        json!({"text": "x".repeat(8), "start": 153, "end": 161, "units": 8})
    );
    assert_eq!(v["analysis"]["segments"], 2);
    let r = seg.replace("ł…", Replacements::ALL);
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["text"], "l...");
    assert_eq!(
        v["replacements"][1],
        json!({"offset": 2, "from": "…", "to": "..."})
    );
    assert_eq!(v["before"]["encoding"], "UCS2");
    assert_eq!(v["after"]["encoding"], "GSM_7BIT");
    let parts = seg.encode(&text, Packing::Unpacked, 9).unwrap();
    let v = serde_json::to_value(&parts[1]).unwrap();
    assert_eq!(v["packing"], "unpacked");
    assert_eq!(
        v["user_data"].as_array().unwrap()[..6],
        json!([5, 0, 3, 9, 2, 2]).as_array().unwrap()[..]
    );
    let back: sms_encoding::EncodedPart = serde_json::from_value(v).unwrap();
    assert_eq!(back, parts[1]);
    let header = parts[1].header().unwrap().unwrap();
    assert_eq!(
        serde_json::to_value(header).unwrap(),
        json!({
            "concatenation": {"reference": 9, "total": 2, "sequence": 2},
            "shift": {"locking": null, "single": null},
            "octets": 6,
        })
    );
}

#[test]
fn one_part_limit_reports_single_part_capacity() {
    let one = Segmenter::builder().max_parts(1).build().unwrap();
    let err = one.analyze(&"x".repeat(200)).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::TooManyParts { max_units: 160, fits_bytes: 160, .. }
    ));
    let err = one.analyze(&"ą".repeat(71)).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::TooManyParts { max_units: 70, fits_bytes: 140, .. }
    ));
}

#[test]
fn national_table_can_beat_the_default_alphabet() {
    use sms_encoding::Language;
    let turkish = Segmenter::builder()
        .national_language(Language::Turkish)
        .build()
        .unwrap();
    // 100 euro signs: 200 septets (2 parts) in the default alphabet, but
    // one septet each in the Turkish locking table: 100 septets, 1 part.
    let text = "€".repeat(100);
    assert_eq!(Segmenter::default().analyze(&text).unwrap().segments(), 2);
    let a = turkish.analyze(&text).unwrap();
    assert_eq!((a.segments(), a.units()), (1, 100));
    assert_eq!(a.shift().locking(), Some(Language::Turkish));
    // One part in the default alphabet is never replaced by a shift table.
    let a = turkish.analyze(&"€".repeat(80)).unwrap();
    assert_eq!((a.segments(), a.shift().locking()), (1, None));
}

#[test]
fn conflicting_tables_still_name_a_culprit() {
    use sms_encoding::Language;
    let pt = Segmenter::builder()
        .national_language(Language::Portuguese)
        .build()
        .unwrap();
    // 'º' is only in the Portuguese tables, '¿' only in the default ones:
    // every character is in some table, but no combination holds both.
    let text = "nº 5 ¿ok?";
    let a = pt.analyze(text).unwrap();
    assert_eq!(a.encoding(), Encoding::Ucs2);
    assert!(a.first_non_gsm().is_some());
    let culprits: Vec<char> = pt.non_gsm_chars(text).map(|c| c.ch()).collect();
    assert_eq!(culprits.len(), 1, "{culprits:?}");
}
