//! The national language shift tables of all thirteen languages: native
//! text that fits GSM-7 only with its tables, characters no table has,
//! escapes at part edges under each single shift table, the choice between
//! tables, and round trips through packed and unpacked user data.

use sms_encoding::{
    decode, Encoding, ErrorKind, Language, Packing, Segmenter, Shift,
};

/// A short native message for each language ("your order has been sent,
/// thank you"), written only with characters of that language's tables.
/// Bengali ends with a full stop: the Bengali single shift table has no
/// danda (see `bengali_danda_comes_from_another_single_shift_table`).
const SENTENCES: [(Language, &str); 13] = [
    (Language::Turkish, "Sayın müşterimiz, siparişiniz yola çıktı."),
    (Language::Spanish, "Su pedido está en camino. ¿Tiene alguna pregunta?"),
    (
        Language::Portuguese,
        "Seu pedido já está a caminho, obrigado pela atenção.",
    ),
    (Language::Bengali, "আপনার অর্ডার পাঠানো হয়েছে, ধন্যবাদ."),
    (Language::Gujarati, "તમારો ઓર્ડર મોકલવામાં આવ્યો છે, આભાર."),
    (Language::Hindi, "आपका ऑर्डर भेज दिया गया है, धन्यवाद।"),
    (Language::Kannada, "ನಿಮ್ಮ ಆರ್ಡರ್ ಕಳುಹಿಸಲಾಗಿದೆ, ಧನ್ಯವಾದಗಳು."),
    (Language::Malayalam, "നിങ്ങളുടെ ഓർഡർ അയച്ചു, നന്ദി."),
    (Language::Oriya, "ଆପଣଙ୍କ ଅର୍ଡର ପଠାଯାଇଛି, ଧନ୍ୟବାଦ।"),
    (Language::Punjabi, "ਤੁਹਾਡਾ ਆਰਡਰ ਭੇਜ ਦਿੱਤਾ ਗਿਆ ਹੈ, ਧੰਨਵਾਦ।"),
    (Language::Tamil, "உங்கள் ஆர்டர் அனுப்பப்பட்டது, நன்றி."),
    (Language::Telugu, "మీ ఆర్డర్ పంపబడింది, ధన్యవాదాలు."),
    (Language::Urdu, "آپ کا آرڈر بھیج دیا گیا ہے، شکریہ۔"),
];

fn only(language: Language) -> Segmenter {
    Segmenter::builder().national_language(language).build().unwrap()
}

fn all() -> Segmenter {
    Segmenter::builder().national_languages(Language::ALL).build().unwrap()
}

#[test]
fn every_language_has_a_sentence() {
    let languages: Vec<Language> = SENTENCES.iter().map(|s| s.0).collect();
    assert_eq!(languages, Language::ALL);
}

#[test]
fn native_text_fits_gsm7_only_with_its_tables() {
    for (language, text) in SENTENCES {
        let plain = Segmenter::default().analyze(text).unwrap();
        assert_eq!(plain.encoding(), Encoding::Ucs2, "{language}");
        let a = only(language).analyze(text).unwrap();
        assert_eq!(a.encoding(), Encoding::Gsm7, "{language}");
        assert_eq!(a.first_non_gsm(), None);
        let shift = a.shift();
        if language.has_locking_shift() {
            assert_eq!(shift.locking(), Some(language), "{language}");
        } else {
            assert_eq!(shift.single(), Some(language), "{language}");
        }
        assert!(shift.single().is_none_or(|s| s == language), "{language}");
        // Allowing all thirteen finds the same tables.
        let with_all = all().analyze(text).unwrap();
        assert_eq!(with_all, a, "{language}");
        // Another language's tables do not carry it.
        let other = if language == Language::Hindi {
            Language::Tamil
        } else {
            Language::Hindi
        };
        let a = only(other).analyze(text).unwrap();
        assert_eq!(a.encoding(), Encoding::Ucs2, "{language} with {other}");
    }
}

#[test]
fn hindi_costs_half_as_many_parts_with_its_tables() {
    let text = "आपका ऑर्डर भेज दिया गया है, धन्यवाद। ".repeat(8);
    let ucs2 = Segmenter::default().analyze(&text).unwrap();
    let gsm = only(Language::Hindi).analyze(&text).unwrap();
    assert_eq!((ucs2.encoding(), ucs2.segments()), (Encoding::Ucs2, 5));
    assert_eq!((gsm.encoding(), gsm.segments()), (Encoding::Gsm7, 3));
    // Both tables: 6 header octets beside the concatenation element.
    assert_eq!(gsm.capacity(), 146);
}

#[test]
fn a_character_no_table_has_makes_ucs2_and_is_named() {
    for (language, text) in SENTENCES {
        let text = format!("{text} 😀");
        for seg in [only(language), all()] {
            let a = seg.analyze(&text).unwrap();
            assert_eq!(a.encoding(), Encoding::Ucs2, "{language}");
            let bad: Vec<char> =
                seg.non_gsm_chars(&text).map(|c| c.ch()).collect();
            assert_eq!(bad, ['😀'], "{language}");
            assert_eq!(a.first_non_gsm().unwrap().ch(), '😀');
        }
    }
}

#[test]
fn bengali_danda_comes_from_another_single_shift_table() {
    // The spec's Bengali single shift table has no danda (U+0964); the
    // other Indic ones have it at 0x19.
    let text = "আপনার অর্ডার পাঠানো হয়েছে।";
    let seg = only(Language::Bengali);
    let a = seg.analyze(text).unwrap();
    assert_eq!(a.encoding(), Encoding::Ucs2);
    let bad: Vec<char> = seg.non_gsm_chars(text).map(|c| c.ch()).collect();
    assert_eq!(bad, ['।']);
    // With Hindi allowed too, the Hindi single shift table supplies it.
    let seg = Segmenter::builder()
        .national_languages(&[Language::Bengali, Language::Hindi])
        .build()
        .unwrap();
    let shift = seg.analyze(text).unwrap().shift();
    assert_eq!(
        shift,
        Shift::new(Some(Language::Bengali), Some(Language::Hindi))
    );
    // With all allowed, the lowest identifier among the tables that have
    // it: Gujarati (5).
    let shift = all().analyze(text).unwrap().shift();
    assert_eq!(
        shift,
        Shift::new(Some(Language::Bengali), Some(Language::Gujarati))
    );
    // It round-trips either way.
    let parts = all().encode(text, Packing::Packed, 1).unwrap();
    assert_eq!(decode(&parts).unwrap(), text);
}

#[test]
fn ties_go_to_the_single_shift_table_of_the_same_language() {
    // Latin capitals are in every Indic single shift table.
    let text = "नमस्ते ABC";
    let seg = Segmenter::builder()
        .national_languages(&[Language::Bengali, Language::Hindi])
        .build()
        .unwrap();
    assert_eq!(
        seg.analyze(text).unwrap().shift(),
        Shift::new(Some(Language::Hindi), Some(Language::Hindi))
    );
}

#[test]
fn the_real_split_decides_not_the_units() {
    // 152 a, 8 carets, 138 a. The default alphabet needs 306 septets, two
    // full parts by arithmetic, but the first caret would straddle septets
    // 153-154, so the split needs three. The Portuguese locking table has
    // the caret in one septet: 298 septets in two parts of 149.
    let text =
        format!("{}{}{}", "a".repeat(152), "^".repeat(8), "a".repeat(138));
    let plain = Segmenter::default().analyze(&text).unwrap();
    assert_eq!((plain.units(), plain.segments()), (306, 3));
    let a = only(Language::Portuguese).analyze(&text).unwrap();
    assert_eq!(a.shift(), Shift::new(Some(Language::Portuguese), None));
    assert_eq!((a.units(), a.segments(), a.capacity()), (298, 2, 149));
    let split = only(Language::Portuguese).split(&text).unwrap();
    assert_eq!(split.parts().len(), 2);
}

/// For each language, a character that costs one septet (from the locking
/// table, or the default one) and one that needs the single shift table.
fn one_and_two_septet_chars(language: Language) -> (char, char) {
    match language {
        // 'è' is only in the default basic table, so the locking table
        // stays the default and the letter comes from the single shift.
        Language::Turkish => ('è', 'ş'),
        Language::Spanish => ('a', 'á'),
        Language::Portuguese => ('è', 'ã'),
        // A letter of the locking table, a digit of the single shift one.
        Language::Bengali => ('ক', '১'),
        Language::Gujarati => ('ક', '૧'),
        Language::Hindi => ('क', '१'),
        Language::Kannada => ('ಕ', '೧'),
        Language::Malayalam => ('ക', '൧'),
        Language::Oriya => ('କ', '୧'),
        Language::Punjabi => ('ਕ', '੧'),
        Language::Tamil => ('க', '௧'),
        Language::Telugu => ('క', '౧'),
        Language::Urdu => ('ک', '۱'),
        other => panic!("no sample characters for {other}"),
    }
}

#[test]
fn escapes_at_part_edges_under_each_single_shift_table() {
    for &language in Language::ALL {
        let (one, two) = one_and_two_septet_chars(language);
        let seg = only(language);
        // Learn the capacity of a part under the tables chosen.
        let probe: String = [one; 200].iter().chain(&[two]).collect();
        let a = seg.analyze(&probe).unwrap();
        assert_eq!(a.shift().single(), Some(language), "{language}");
        let cap = a.capacity();
        // The two-septet character would straddle the first boundary.
        let text: String = std::iter::repeat_n(one, cap - 1)
            .chain([two])
            .chain(std::iter::repeat_n(one, 10))
            .collect();
        let a = seg.analyze(&text).unwrap();
        assert_eq!(a.units(), cap - 1 + 2 + 10, "{language}");
        let split = seg.split(&text).unwrap();
        let parts = split.parts();
        assert_eq!(parts.len(), 2, "{language}");
        assert_eq!(parts[0].units(), cap - 1, "{language}");
        assert!(parts[1].text().starts_with(two), "{language}");
        assert_eq!(a.segments(), 2);
        // Fill the second part with as many pairs as it holds: one pair
        // more is a third part (with an odd capacity, even though the
        // units would fill exactly two parts).
        let pairs = cap / 2;
        let text: String = std::iter::repeat_n(one, cap - 1)
            .chain(std::iter::repeat_n(two, pairs))
            .collect();
        assert_eq!(seg.analyze(&text).unwrap().segments(), 2, "{language}");
        let text: String = std::iter::repeat_n(one, cap - 1)
            .chain(std::iter::repeat_n(two, pairs + 1))
            .collect();
        let a = seg.analyze(&text).unwrap();
        assert_eq!(a.segments(), 3, "{language}");
        assert_eq!(seg.split(&text).unwrap().parts().len(), 3);
        for packing in [Packing::Unpacked, Packing::Packed] {
            let encoded = seg.encode(&text, packing, 9).unwrap();
            assert_eq!(decode(&encoded).unwrap(), text, "{language}");
        }
    }
}

#[test]
fn round_trips_through_packed_and_unpacked_user_data() {
    for (language, text) in SENTENCES {
        for repeat in [1, 7] {
            let text = format!("{text} ").repeat(repeat);
            for seg in [only(language), all()] {
                for packing in [Packing::Unpacked, Packing::Packed] {
                    let mut parts = seg.encode(&text, packing, 42).unwrap();
                    let shift = seg.analyze(&text).unwrap().shift();
                    for p in &parts {
                        assert_eq!(p.encoding(), Some(Encoding::Gsm7));
                        let header = p.header().unwrap().unwrap();
                        assert_eq!(header.shift(), shift, "{language}");
                    }
                    assert_eq!(decode(&parts).unwrap(), text, "{language}");
                    parts.reverse();
                    assert_eq!(decode(&parts).unwrap(), text, "{language}");
                }
            }
        }
    }
}

#[test]
fn decoding_a_table_that_does_not_exist_names_part_and_identifier() {
    let seg = only(Language::Tamil);
    let text = "உங்கள் ஆர்டர் அனுப்பப்பட்டது. ".repeat(12);
    let mut parts = seg.encode(&text, Packing::Unpacked, 3).unwrap();
    assert!(parts.len() > 2);
    // Rewrite the locking shift element of part 2 to identifier 14.
    let ud = parts[2].user_data().to_vec();
    let at = ud.windows(3).position(|w| w == [0x25, 1, 11]).unwrap();
    let mut ud = ud;
    ud[at + 2] = 14;
    parts[2] = sms_encoding::EncodedPart::unpacked(0, true, ud);
    let err = decode(&parts).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::UnknownShiftTable { part: 2, id: 14, locking: true, .. }
    ));
    assert_eq!(
        err.to_string(),
        "part 2: no locking shift table has language identifier 14; the \
         identifiers are 1 (turkish) to 13 (urdu)"
    );
}
