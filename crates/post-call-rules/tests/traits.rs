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
    round_trips::<ShadowingWork>(ShadowingWork::SPELLINGS);
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

mod common;

#[test]
fn results_serialize_for_a_log() {
    use common::*;
    use serde_json::json;
    let r = rules_with(
        r#""hit_policy": "all_matches","#,
        &[
            rule("Thanks", r#", "delay_secs": 60"#),
            rule("Staff", r#", "to": {"group": "Nobody"}"#),
            rule("Paused", r#", "enabled": false"#),
            rule("Outgoing", r#", "when": {"direction": "outgoing"}"#),
        ]
        .join(","),
    );
    let c = call(CUSTOMER, CallStatus::Answered);
    let eval = r.evaluate_traced(&c, &host());
    let value = serde_json::to_value(&eval).unwrap();
    assert_eq!(
        value["decisions"][0],
        json!({
            "rule": 0, "rule_name": "Thanks", "recipient": CUSTOMER,
            "outcome": {
                "action": "send", "at": "2026-11-24T10:01:00Z",
                "sender": "ACME", "message": {"text": "Hello from Thanks"}
            }
        })
    );
    assert_eq!(
        value["decisions"][1]["outcome"],
        json!({"action": "suppress", "reason": "unknown_group", "group": "Nobody"})
    );
    assert_eq!(value["decisions"][1]["recipient"], json!(null));
    assert_eq!(
        value["trace"][3],
        json!({"rule": 3, "name": "Outgoing",
               "result": {"result": "failed", "condition": "direction"}})
    );
    assert_eq!(value["trace"][0]["result"], json!({"result": "matched"}));
    // Without a trace, no "trace" key.
    let plain = serde_json::to_value(r.evaluate(&c, &host())).unwrap();
    assert!(plain.get("trace").is_none());
    // A suppression with its line type, by its spelling.
    let why = Suppressed::NotMobile { line_type: LineType::FixedLine };
    assert_eq!(
        serde_json::to_value(&why).unwrap(),
        json!({"reason": "not_mobile", "line_type": "fixed_line"})
    );
    // Findings.
    let r = rules(&[rule("A", ""), rule("A", "")].join(","));
    let findings = serde_json::to_value(r.check(&[])).unwrap();
    assert_eq!(
        findings[0],
        json!({"rule": 1, "name": "A",
               "kind": {"type": "duplicate_name", "first": 0}})
    );
    assert_eq!(
        findings[1]["kind"],
        json!({"type": "shadowed", "by": 0, "by_name": "A"})
    );
    // Number facts and window states, both ways.
    let d = NumberDetails::new(LineType::Mobile, Some(48), Region::new("PL"));
    let text = serde_json::to_string(&d).unwrap();
    assert_eq!(
        text,
        r#"{"line_type":"mobile","calling_code":48,"region":"PL"}"#
    );
    assert_eq!(serde_json::from_str::<NumberDetails>(&text).unwrap(), d);
    let w = WindowState::Closed { opens: None };
    let text = serde_json::to_string(&w).unwrap();
    assert_eq!(serde_json::from_str::<WindowState>(&text).unwrap(), w);
}

#[test]
fn errors_serialize_for_a_form() {
    use serde_json::json;
    let err = CompiledRules::from_json(
        r#"{"rules": [{"name": " ", "sender": "random", "message": {"text": "x"},
            "when": {"routed_to": ["+48 x"]}}]}"#,
    )
    .unwrap_err();
    assert_eq!(
        serde_json::to_value(&err).unwrap(),
        json!({"problems": [
            {"path": "rules[0].name", "rule": 0,
             "kind": {"type": "empty_name"}, "message": "the rule has no name"},
            {"path": "rules[0].when.routed_to[0]", "rule": 0,
             "kind": {"type": "invalid_number", "value": "+48 x"},
             "message": "invalid number \"+48 x\"; write it as +48221234567"},
        ]})
    );
    let err = RuleSet::from_json(r#"{"rules": [{"name": "A", "to": {}}]}"#)
        .unwrap_err();
    let v = serde_json::to_value(&err).unwrap();
    let p = &v["problems"][0];
    assert_eq!(
        (&p["path"], &p["rule"], &p["rule_name"]),
        (&json!("rules[0].to"), &json!(0), &json!("A"))
    );
    assert_eq!(
        (&p["line"], &p["kind"]["type"]),
        (&json!(1), &json!("syntax"))
    );
}
