//! The standard traits of the public types: closed enums round-trip
//! through `Display` and `FromStr` (and serde, with the same spellings);
//! results serialize.

use std::fmt::Debug;
use std::str::FromStr;

use post_call_rules::*;
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Every spelling parses to a value that displays, serializes and
/// deserializes as that spelling; the spellings are distinct.
fn round_trips<T>(spellings: &[&str])
where
    T: FromStr<Err = ParseEnumError>
        + std::fmt::Display
        + Debug
        + PartialEq
        + Serialize
        + DeserializeOwned,
{
    let mut seen = Vec::new();
    for &s in spellings {
        let t: T = s.parse().unwrap();
        assert_eq!(t.to_string(), s);
        assert_eq!(t.to_string().parse::<T>(), Ok(t));
        let t: T = s.parse().unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{s}\""));
        assert_eq!(serde_json::from_str::<T>(&format!("\"{s}\"")).unwrap(), t);
        assert!(!seen.contains(&s), "{s} twice");
        seen.push(s);
    }
    let err = "nonsense".parse::<T>().unwrap_err();
    assert_eq!(err.expected(), spellings);
    let text = err.to_string();
    assert!(text.starts_with("\"nonsense\" is not "), "{text}");
    assert!(text.ends_with(spellings.last().unwrap()), "{text}");
}

#[test]
fn closed_enums_round_trip() {
    round_trips::<Direction>(Direction::SPELLINGS);
    round_trips::<CallStatus>(CallStatus::SPELLINGS);
    round_trips::<LineType>(LineType::SPELLINGS);
    round_trips::<HitPolicy>(HitPolicy::SPELLINGS);
    round_trips::<MaybeMobile>(MaybeMobile::SPELLINGS);
    round_trips::<IntervalScope>(IntervalScope::SPELLINGS);
    round_trips::<Condition>(Condition::SPELLINGS);
    // Every variant has a spelling (the lists are complete).
    assert_eq!(Direction::SPELLINGS.len(), Direction::ALL.len());
    assert_eq!(CallStatus::SPELLINGS.len(), CallStatus::ALL.len());
    assert_eq!(LineType::SPELLINGS.len(), 12);
    assert_eq!(Condition::SPELLINGS.len(), 9);
    for d in Direction::ALL {
        assert_eq!(d.to_string().parse::<Direction>(), Ok(d));
    }
    for s in CallStatus::ALL {
        assert_eq!(s.to_string().parse::<CallStatus>(), Ok(s));
    }
}

#[test]
fn parse_errors_list_what_is_accepted() {
    assert_eq!(
        "Answered".parse::<CallStatus>().unwrap_err().to_string(),
        "\"Answered\" is not a call status; write answered, missed, busy, \
         failed or voicemail"
    );
    assert_eq!(
        "x".parse::<Condition>().unwrap_err().to_string(),
        "\"x\" is not a rule condition; write direction, routed_to, status, \
         duration, caller.numbers, caller.prefixes, caller.regions, \
         caller.foreign or caller.ivr_keys"
    );
}

fn parses_only_own_spelling<T>(s: &str)
where
    T: FromStr + std::fmt::Display,
{
    if let Ok(t) = s.parse::<T>() {
        assert_eq!(t.to_string(), s);
    }
}

proptest! {
    #[test]
    fn any_text_parses_only_as_its_display(s in "[a-z_.]{0,22}") {
        parses_only_own_spelling::<Direction>(&s);
        parses_only_own_spelling::<CallStatus>(&s);
        parses_only_own_spelling::<LineType>(&s);
        parses_only_own_spelling::<HitPolicy>(&s);
        parses_only_own_spelling::<MaybeMobile>(&s);
        parses_only_own_spelling::<IntervalScope>(&s);
        parses_only_own_spelling::<Condition>(&s);
    }

    #[test]
    fn every_line_type_round_trips(i in 0..LineType::SPELLINGS.len()) {
        let t: LineType = LineType::SPELLINGS[i].parse().unwrap();
        prop_assert_eq!(t.to_string().parse::<LineType>(), Ok(t));
    }
}
