//! R19/R20 through the `phonenumber` adapter, with real numbering plans,
//! and a test pinning each guard (feature `phonenumber`).
#![cfg(feature = "phonenumber")]

mod common;

use std::collections::HashMap;

use common::*;
use phonenumber::country::Id;
use phonenumber::Mode;
use post_call_rules::*;

fn region(s: &str) -> Option<Region> {
    Region::new(s)
}

fn known(line_type: LineType, code: u16, r: &str) -> NumberDetails {
    NumberDetails::new(line_type, Some(code), region(r))
}

fn plain() -> LibPhoneNumber {
    LibPhoneNumber::new()
}

fn with(r: &str) -> LibPhoneNumber {
    LibPhoneNumber::with_default_region(region(r).unwrap()).unwrap()
}

/// What `phonenumber` itself makes of a number: E.164, valid, type.
fn raw(hint: Option<Id>, n: &str) -> (String, bool, phonenumber::Type) {
    let p = phonenumber::parse(hint, n).unwrap();
    (
        p.format().mode(Mode::E164).to_string(),
        p.is_valid(),
        p.number_type(&phonenumber::metadata::DATABASE),
    )
}

#[test]
fn real_numbering_plans() {
    use LineType::*;
    let info = plain();
    for (n, want) in [
        ("+48 601 234 567", known(Mobile, 48, "PL")),
        ("+48 22 123 45 67", known(FixedLine, 48, "PL")),
        ("+36 30 123 4567", known(Mobile, 36, "HU")),
        ("+36 1 234 5678", known(FixedLine, 36, "HU")),
        ("+7 912 345 67 89", known(Mobile, 7, "RU")),
        ("+7 495 123 45 67", known(FixedLine, 7, "RU")),
        ("+49 151 23456789", known(Mobile, 49, "DE")),
        ("+49 30 12345678", known(FixedLine, 49, "DE")),
        ("+44 7400 123456", known(Mobile, 44, "GB")),
        ("+44 20 7123 4567", known(FixedLine, 44, "GB")),
        ("+1 650 253 0000", known(FixedLineOrMobile, 1, "US")),
        ("+7 701 123 4567", known(Mobile, 7, "KZ")),
    ] {
        assert_eq!(info.details(n), want, "{n}");
    }
}

#[test]
fn national_input_with_a_default_region() {
    use LineType::*;
    assert_eq!(with("PL").details("601 234 567"), known(Mobile, 48, "PL"));
    assert_eq!(
        with("PL").details("0048 601 234 567"),
        known(Mobile, 48, "PL")
    );
    assert_eq!(with("HU").details("06 30 123 4567"), known(Mobile, 36, "HU"));
    assert_eq!(with("DE").details("0151 23456789"), known(Mobile, 49, "DE"));
    assert_eq!(with("DE").details("030 12345678"), known(FixedLine, 49, "DE"));
    // A foreign number in international form with a default region.
    assert_eq!(with("PL").details("+36 30 123 4567"), known(Mobile, 36, "HU"));
    // Without a default region, national input is unknown.
    assert_eq!(plain().details("601 234 567"), NumberDetails::UNKNOWN);
    assert!(
        LibPhoneNumber::with_default_region(region("XX").unwrap()).is_none()
    );
}

#[test]
fn invalid_input() {
    let info = with("PL");
    for n in ["", "hello", "+999 123456", "+"] {
        assert_eq!(info.details(n), NumberDetails::UNKNOWN, "{n:?}");
    }
    // Too short or too long to be a Polish number: invalid, but still
    // +48.
    for n in ["+48 123", "+48 601 234 567 8"] {
        assert_eq!(
            info.details(n),
            NumberDetails::new(LineType::Unknown, Some(48), None),
            "{n}"
        );
    }
    // An extension is not a number SMS can go to.
    assert_eq!(
        info.details("+48 22 123 45 67 ext. 12"),
        NumberDetails::UNKNOWN
    );
}

/// Guard 1: the default region is passed only for national input. With
/// a region hint, phonenumber 0.3.10 strips the hinted region's national
/// prefix from a foreign number: Russia's `8` from a Lublin number, the
/// US `1` from a Birmingham number.
#[test]
fn guard_default_region_only_for_national_input() {
    assert_eq!(raw(Some(Id::RU), "+48 81 123 45 67").0, "+4811234567");
    assert_eq!(raw(Some(Id::US), "+44 121 234 5678").0, "+44212345678");
    // Worse: garbage becomes somebody else's valid mobile number.
    assert_eq!(
        raw(Some(Id::RU), "+48 8 601 234 567"),
        ("+48601234567".into(), true, phonenumber::Type::Mobile)
    );
    assert_eq!(
        with("RU").details("+48 81 123 45 67"),
        known(LineType::FixedLine, 48, "PL")
    );
    assert_eq!(
        with("US").details("+44 121 234 5678"),
        known(LineType::FixedLine, 44, "GB")
    );
    assert_eq!(
        with("RU").details("+48 8 601 234 567").line_type,
        LineType::Unknown
    );
}

/// Guard 2: mobile means valid and mobile. phonenumber 0.3.10 types a
/// number by its national number without leading zeros but validates it
/// with them, so a Polish mobile with a stray 0 is "mobile" and invalid.
#[test]
fn guard_valid_and_mobile() {
    assert_eq!(
        raw(None, "+48 0 601 234 567"),
        ("+480601234567".into(), false, phonenumber::Type::Mobile)
    );
    assert_eq!(
        raw(None, "+36 0 30 123 4567"),
        ("+360301234567".into(), false, phonenumber::Type::Mobile)
    );
    for n in ["+48 0 601 234 567", "+36 0 30 123 4567"] {
        assert_eq!(plain().details(n).line_type, LineType::Unknown, "{n}");
    }
}

/// Guard 3: the parsed number must format back to the input's digits.
/// phonenumber 0.3.10 still drops the `8` of St Petersburg (+7 812) and
/// toll-free (+7 800) numbers when no region or Russia is given (upstream
/// issue 76), giving a different (invalid) number; oddly, a non-Russian
/// hint avoids it, which the adapter does not rely on.
#[test]
fn guard_round_trip_digits() {
    assert_eq!(raw(None, "+7 812 123 45 67").0, "+7121234567");
    assert_eq!(raw(None, "+7 800 555 35 35").0, "+7005553535");
    assert_eq!(raw(Some(Id::RU), "8 812 123 45 67").0, "+7121234567");
    assert_eq!(raw(Some(Id::PL), "+7 812 123 45 67").0, "+78121234567");
    for (info, n) in [
        (plain(), "+7 812 123 45 67"),
        (plain(), "+7 800 555 35 35"),
        (with("RU"), "+7 812 123 45 67"),
        (with("RU"), "8 812 123 45 67"),
        (with("RU"), "8 800 555 35 35"),
    ] {
        assert_eq!(info.details(n), NumberDetails::UNKNOWN, "{n}");
    }
    // Moscow and mobile numbers are not affected.
    assert_eq!(
        with("RU").details("8 495 123 45 67"),
        known(LineType::FixedLine, 7, "RU")
    );
    assert_eq!(
        with("RU").details("8 912 345 67 89"),
        known(LineType::Mobile, 7, "RU")
    );
}

/// R19 and R20 end to end: a Hungarian account's missed-call rules with
/// the adapter as the host's number facts.
#[test]
fn rules_with_the_adapter() {
    let set = CompiledRules::from_json(
        r#"{
        "account": {"calling_code": 36, "mobile_numbers": ["+36301112222"]},
        "rules": [
          {"name": "Foreign missed", "to": {"group": "English"},
           "when": {"status": ["missed"], "caller": {"foreign": true}},
           "sender": {"alphanumeric": "OpenNet"}, "message": {"text": "Missed call"}},
          {"name": "Call-back", "when": {"status": ["missed"]},
           "sender": "random", "message": {"text": "Hamarosan visszahívjuk!"}}
        ]}"#,
    )
    .unwrap();
    let info = with("HU");
    let mut groups: HashMap<String, Vec<String>> = HashMap::new();
    groups.insert(
        "English".into(),
        vec!["+36 20 123 4567".into(), "+36 1 234 5678".into()],
    );
    let host = Host::new(&info).groups(&groups);
    let outcome = |caller: &str| {
        let c = call(caller, CallStatus::Missed);
        set.evaluate(&c, &host)
            .decisions()
            .iter()
            .map(|d| (d.rule(), d.outcome().planned().is_some()))
            .collect::<Vec<_>>()
    };
    // Domestic mobile: a call-back promise.
    assert_eq!(outcome("06 30 123 4567"), [(1, true)]);
    // Foreign (Russian mobile): the English group, mobile members only.
    assert_eq!(outcome("+7 912 345 67 89"), [(0, true), (0, false)]);
    // Domestic landline: suppressed, not a mobile.
    assert_eq!(outcome("+36 1 234 5678"), [(1, false)]);
    // St Petersburg: unknown (guard 3), so neither foreign nor mobile.
    assert_eq!(outcome("+7 812 123 45 67"), [(1, false)]);
}
