//! Every rule field, every suppression reason, both hit policies, window
//! deferral and instants across daylight-saving changes.

mod common;

use std::collections::HashMap;

use chrono::{
    DateTime, Datelike, TimeDelta, TimeZone, Timelike, Utc, Weekday,
};
use common::*;
use post_call_rules::*;

fn rule_of(d: &[Decision<'_>]) -> Vec<usize> {
    d.iter().map(|d| d.rule()).collect()
}

// ---- the format ----------------------------------------------------------

#[test]
fn round_trips_through_json() {
    let json = format!(
        r#"{{ "account": {{"calling_code": 48, "mobile_numbers": ["+48600100200"]}},
             "hit_policy": "all_matches", "fixed_line_or_mobile": "send",
             "rules": [{}, {}] }}"#,
        rule(
            "Full",
            r#", "enabled": false, "priority": -3,
               "when": {"direction": "incoming", "routed_to": ["+48221234567"],
                        "status": ["answered", "busy"],
                        "duration": {"min_secs": 5, "max_secs": 600},
                        "caller": {"numbers": ["+48601234567"], "prefixes": ["+48"],
                                   "regions": ["PL"], "foreign": false,
                                   "ivr_keys": ["2"]}},
               "to": {"group": "English"}, "auto_send": false,
               "delay_secs": 60, "min_interval_secs": 3600,
               "interval_scope": "all_rules", "windows": ["Office"]"#
        ),
        rule("Plain", "")
    );
    let set = RuleSet::from_json(&json).unwrap();
    assert_eq!(set.rules[0].when.caller.regions, [Region::new("PL").unwrap()]);
    assert_eq!(set.rules[0].to, Recipient::Group("English".into()));
    assert_eq!(RuleSet::from_json(&set.to_json()).unwrap(), set);
    // Defaults are left out when written.
    assert!(!set.to_json().contains("\"enabled\": true"));
    assert!(set.compile().is_ok());
}

#[test]
fn unknown_fields_are_refused_naming_rule_and_field() {
    let json = format!(
        r#"{{"rules": [{}, {}]}}"#,
        rule("A", ""),
        rule("Thanks", r#", "when": {"caller": {"prefix": ["+48"]}}"#)
    );
    let err = RuleSet::from_json(&json).unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.rule(), Some(1));
    assert_eq!(p.rule_name(), Some("Thanks"));
    assert_eq!(p.path(), "rules[1].when.caller.prefix");
    assert!(p.line_column().is_some());
    assert!(
        err.to_string().starts_with(
            "invalid rule set: rules[1].when.caller.prefix: \
         unknown field `prefix`, expected one of"
        ),
        "{err}"
    );
    assert!(err.to_string().ends_with("(line 3, column 84)"), "{err}");
    // At the top level too.
    let err = RuleSet::from_json(r#"{"rulez": []}"#).unwrap_err();
    assert_eq!(err.problems()[0].rule(), None);
    // A missing field.
    let err = RuleSet::from_json(
        r#"{"rules": [{"name": "X", "sender": "random"}]}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("missing field `message`"), "{err}");
    // Bad syntax.
    assert!(RuleSet::from_json("{").is_err());
}

#[test]
fn wrong_shaped_values_keep_their_rule_and_path() {
    // Well-formed JSON of the wrong shape for an enum field used to come
    // back as "expected value at line 1 column 170", with no rule and no
    // path.
    let cases = [
        (
            r#", "to": {}"#,
            "rules[1].to",
            "an empty object; write \"customer\", \"caller\", \"called\", {\"group\": ...}",
        ),
        (
            r#", "to": {"group": "A", "called": "B"}"#,
            "rules[1].to",
            "\"group\" and \"called\" in one object",
        ),
        (r#", "to": "grup""#, "rules[1].to", "unknown value \"grup\""),
        (r#", "to": "group""#, "rules[1].to", "\"group\" needs a value"),
        (
            r#", "to": 3"#,
            "rules[1].to",
            "expected one of \"customer\", \"caller\", \"called\", {\"group\": ...}, found the number 3",
        ),
        (
            r#", "when": {"direction": {}}"#,
            "rules[1].when.direction",
            "expected one of `incoming`, `outgoing`, found an object",
        ),
        (
            r#", "when": {"status": [{"answered": 1}]}"#,
            "rules[1].when.status[0]",
            "found an object",
        ),
        (
            r#", "interval_scope": []"#,
            "rules[1].interval_scope",
            "found a list",
        ),
    ];
    for (extra, path, message) in cases {
        let json = format!(
            r#"{{"rules": [{}, {}]}}"#,
            rule("A", ""),
            rule("B", extra)
        );
        let err = RuleSet::from_json(&json).unwrap_err();
        let p = &err.problems()[0];
        assert_eq!(
            (p.rule(), p.rule_name(), p.path()),
            (Some(1), Some("B"), path),
            "{err}"
        );
        assert!(p.kind().to_string().contains(message), "{extra}: {err}");
        assert!(p.line_column().is_some(), "{err}");
    }
    // The sender is required, so it is built in the JSON here.
    let sender = |sender: &str| {
        format!(
            r#"{{"rules": [{{"name": "S", "sender": {sender}, "message": {{"text": "Hi"}}}}]}}"#
        )
    };
    for (given, path, message) in [
        ("{}", "rules[0].sender", "an empty object; write \"random\", {\"number\": ...}, {\"alphanumeric\": ...}"),
        (r#"{"number": "+48600100200", "alphanumeric": "ACME"}"#, "rules[0].sender", "\"number\" and \"alphanumeric\" in one object; write exactly one of"),
        (r#"{"number": 48}"#, "rules[0].sender.number", "expected text in quotes, found the number 48"),
    ] {
        let err = RuleSet::from_json(&sender(given)).unwrap_err();
        let p = &err.problems()[0];
        assert_eq!((p.rule(), p.path()), (Some(0), path), "{err}");
        assert!(p.kind().to_string().contains(message), "{given}: {err}");
    }
    // At the top level.
    let err = RuleSet::from_json(r#"{"hit_policy": {}}"#).unwrap_err();
    assert_eq!(err.problems()[0].path(), "hit_policy");
    assert_eq!(err.problems()[0].rule(), None);
    // No serde type names reach the user.
    for (extra, words) in [
        (r#", "delay_secs": "60""#, "expected a whole number of seconds from 0 to 4294967295, found the text \"60\""),
        (r#", "delay_secs": -1"#, "found the number -1"),
        (r#", "enabled": "yes""#, "expected true or false, found the text \"yes\""),
    ] {
        let json = format!(r#"{{"rules": [{}]}}"#, rule("A", extra));
        let err = RuleSet::from_json(&json).unwrap_err();
        let text = err.to_string();
        assert!(text.contains(words), "{text}");
        assert!(!text.contains("invalid type") && !text.contains("u32"), "{text}");
    }
    // Empty text, a list instead of an object, text over the size limit:
    // each said so, before any parsing.
    let whole = |json: &str| RuleSet::from_json(json).unwrap_err().to_string();
    assert!(whole("").contains("the rule set is empty"));
    assert!(whole(" \n").contains("the rule set is empty"));
    assert!(
        whole("[1, 2]").contains("is a JSON object"),
        "{}",
        whole("[1, 2]")
    );
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(whole(&deep).contains("is a JSON object"));
    let huge = format!(
        r#"{{"rules": [], "x": "{}"}}"#,
        "a".repeat(RuleSet::MAX_JSON)
    );
    assert!(
        whole(&huge).contains("is read only up to 8388608 bytes"),
        "{}",
        &whole(&huge)[..100]
    );
    // Deep nesting stops at the first value of the wrong shape.
    let deep_object =
        format!("{}{}", r#"{"rules": "#.repeat(100_000), "}".repeat(100_000));
    assert!(whole(&deep_object)
        .contains("expected a list in [ ], found an object"));
    // Text that is not JSON has no path.
    let err = RuleSet::from_json(r#"{"rules": [}"#).unwrap_err();
    assert_eq!(err.problems()[0].path(), "");
    assert_eq!(err.problems()[0].line_column(), Some((1, 12)));
}

#[test]
fn duplicate_fields_are_refused_naming_rule_and_field() {
    // A JSON object with a key twice: reading it into a map would keep
    // the last silently, switching this paused rule back on.
    let json = format!(
        r#"{{"rules": [{}, {}]}}"#,
        rule("A", ""),
        rule("Paused", r#", "enabled": false, "enabled": true"#)
    );
    let err = RuleSet::from_json(&json).unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.rule(), Some(1));
    assert_eq!(p.rule_name(), Some("Paused"));
    assert_eq!(p.path(), "rules[1]");
    assert!(err.to_string().contains("duplicate field `enabled`"), "{err}");
    // At the top level: a second "rules" would drop the first list.
    let json = format!(r#"{{"rules": [{}], "rules": []}}"#, rule("A", ""));
    let err = RuleSet::from_json(&json).unwrap_err();
    assert_eq!(err.problems()[0].rule(), None);
    assert!(err.to_string().contains("duplicate field `rules`"), "{err}");
    // Trailing text after the document is still refused.
    let json = format!(r#"{{"rules": [{}]}} x"#, rule("A", ""));
    assert!(RuleSet::from_json(&json).is_err());
}

#[test]
fn compile_reports_every_problem_with_rule_and_path() {
    let json = format!(
        r#"{{"rules": [{}, {}, {}]}}"#,
        rule(
            "Bad numbers",
            r#", "when": {"routed_to": ["+48 22 x"],
                                "caller": {"prefixes": ["48", "+"], "ivr_keys": ["1a"]}}"#
        ),
        rule("Foreign", r#", "when": {"caller": {"foreign": true}}"#),
        rule(" ", r#", "windows": [""], "delay_secs": 99999999"#),
    );
    let err = CompiledRules::from_json(&json).unwrap_err();
    let got: Vec<(Option<usize>, &str, String)> = err
        .problems()
        .iter()
        .map(|p| (p.rule(), p.path(), p.kind().to_string()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(0), "rules[0].when.routed_to[0]", "invalid number \"+48 22 x\"; write it as +48221234567".into()),
            (Some(0), "rules[0].when.caller.prefixes[1]", "invalid number \"+\"; write it as +48221234567".into()),
            (Some(0), "rules[0].when.caller.ivr_keys[0]", "invalid IVR keys \"1a\"; use 1 to 32 of 0-9, * and #".into()),
            (Some(1), "rules[1].when.caller.foreign", "\"foreign\" needs account.calling_code, the account's country calling code".into()),
            (Some(2), "rules[2].name", "the rule has no name".into()),
            (Some(2), "rules[2].windows[0]", "a window name is empty".into()),
            (Some(2), "rules[2].delay_secs", "99999999 seconds; at most 2592000 are allowed".into()),
        ]
    );
}

#[test]
fn limits_are_enforced() {
    let json =
        format!(r#"{{"rules": [{}, {}]}}"#, rule("A", ""), rule("B", ""));
    let set = RuleSet::from_json(&json).unwrap();
    let mut limits = Limits::default();
    limits.max_rules = 1;
    let err = set.compile_with(&limits).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid rule set: rules: 2 rules; at most 1 are allowed"
    );
    let mut limits = Limits::default();
    limits.max_text_bytes = 5;
    assert!(set.compile_with(&limits).is_err());
}

// ---- each field --------------------------------------------------------

#[test]
fn enabled_switch() {
    let r = rules(
        &[rule("Off", r#", "enabled": false"#), rule("On", "")].join(","),
    );
    let c = call(CUSTOMER, CallStatus::Answered);
    let d = decide(&r, &c, &host());
    assert_eq!(rule_of(&d), [0, 1]);
    assert_eq!(*d[0].outcome(), RuleOutcome::Suppress(Suppressed::Disabled));
    assert_eq!(d[0].recipient(), None);
    assert!(matches!(d[1].outcome(), RuleOutcome::Send(_)));
}

#[test]
fn priority_then_list_order() {
    let r = rules_with(
        r#""hit_policy": "all_matches","#,
        &[
            rule("Late", r#", "priority": 5"#),
            rule("First tie", ""),
            rule("Early", r#", "priority": -1"#),
            rule("Second tie", ""),
        ]
        .join(","),
    );
    assert_eq!(r.order().collect::<Vec<_>>(), [2, 1, 3, 0]);
    let c = call(CUSTOMER, CallStatus::Answered);
    assert_eq!(rule_of(&decide(&r, &c, &host())), [2, 1, 3, 0]);
}

#[test]
fn direction() {
    let r = rules(&rule(
        "Out",
        r#", "when": {"direction": "outgoing"}, "to": "called""#,
    ));
    let c = call(CUSTOMER, CallStatus::Answered);
    assert!(decide(&r, &c, &host()).is_empty());
    let out = CallRecord::new(
        Direction::Outgoing,
        OFFICE,
        CUSTOMER,
        CallStatus::Answered,
        t(10, 0),
    );
    let d = decide(&r, &out, &host());
    assert_eq!(d[0].recipient(), Some(CUSTOMER));
    // An outgoing call is routed to (presented from) the account's number,
    // the caller, not to the customer it dialled: rules on the account's
    // routed-to numbers apply to it as built by `CallRecord::new`.
    assert_eq!(out.routed_to, OFFICE);
    let routed = rules(&rule(
        "Out from the office",
        &format!(
            r#", "when": {{"direction": "outgoing", "routed_to": ["{OFFICE}"]}},
               "to": "called""#
        ),
    ));
    let d = decide(&routed, &out, &host());
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].recipient(), Some(CUSTOMER));
    let incoming = call(CUSTOMER, CallStatus::Answered);
    assert_eq!(incoming.routed_to, OFFICE);
}

#[test]
fn routed_to_normalizes_separators() {
    let r = rules(&rule(
        "Widget",
        r#", "when": {"routed_to": ["+48 22 123-45-67", "+48225550000"]}"#,
    ));
    let mut c = call(CUSTOMER, CallStatus::Answered);
    assert_eq!(decide(&r, &c, &host()).len(), 1);
    c.routed_to = "+48 (22) 123 45 67".into();
    assert_eq!(decide(&r, &c, &host()).len(), 1);
    c.routed_to = "+48229999999".into();
    assert!(decide(&r, &c, &host()).is_empty());
}

#[test]
fn status() {
    let r =
        rules(&rule("Missed", r#", "when": {"status": ["missed", "busy"]}"#));
    for (s, n) in [
        (CallStatus::Answered, 0),
        (CallStatus::Missed, 1),
        (CallStatus::Busy, 1),
        (CallStatus::Failed, 0),
        (CallStatus::Voicemail, 0),
    ] {
        assert_eq!(decide(&r, &call(CUSTOMER, s), &host()).len(), n, "{s:?}");
    }
}

#[test]
fn duration_range_is_inclusive_and_talk_time_only() {
    let r = rules(&rule(
        "Mid",
        r#", "when": {"duration": {"min_secs": 30, "max_secs": 95}}"#,
    ));
    let mut c = call(CUSTOMER, CallStatus::Answered);
    for (secs, n) in [(29, 0), (30, 1), (95, 1), (96, 0)] {
        c.duration_secs = secs;
        assert_eq!(decide(&r, &c, &host()).len(), n, "{secs}");
    }
    // A missed call's reported duration (ringing) is not talk time.
    let mut m = call(CUSTOMER, CallStatus::Missed);
    m.duration_secs = 60;
    assert!(decide(&r, &m, &host()).is_empty());
    let zero =
        rules(&rule("Short", r#", "when": {"duration": {"max_secs": 10}}"#));
    assert_eq!(decide(&zero, &m, &host()).len(), 1);
}

#[test]
fn caller_numbers_and_prefixes() {
    let r = rules(&rule(
        "VIP",
        r#", "when": {"caller": {"numbers": ["+48 601 234 567"]}}"#,
    ));
    assert_eq!(
        decide(&r, &call(CUSTOMER, CallStatus::Missed), &host()).len(),
        1
    );
    assert!(decide(&r, &call("+48601234568", CallStatus::Missed), &host())
        .is_empty());
    let r = rules(&rule(
        "Hu",
        r#", "when": {"caller": {"prefixes": ["+36", "+44"]}}"#,
    ));
    assert_eq!(
        decide(&r, &call(HUNGARIAN, CallStatus::Missed), &host()).len(),
        1
    );
    assert!(
        decide(&r, &call(CUSTOMER, CallStatus::Missed), &host()).is_empty()
    );
    // Separators in the call's number are removed too.
    assert_eq!(
        decide(&r, &call("+36 30 123 4567", CallStatus::Missed), &host())
            .len(),
        1
    );
}

#[test]
fn caller_region_and_foreign() {
    let r = rules(&rule("Hu", r#", "when": {"caller": {"regions": ["HU"]}}"#));
    assert_eq!(
        decide(&r, &call(HUNGARIAN, CallStatus::Missed), &host()).len(),
        1
    );
    assert!(
        decide(&r, &call(CUSTOMER, CallStatus::Missed), &host()).is_empty()
    );
    let foreign =
        rules(&rule("Foreign", r#", "when": {"caller": {"foreign": true}}"#));
    let domestic =
        rules(&rule("Home", r#", "when": {"caller": {"foreign": false}}"#));
    let h = host();
    assert_eq!(
        decide(&foreign, &call(HUNGARIAN, CallStatus::Missed), &h).len(),
        1
    );
    assert!(
        decide(&foreign, &call(CUSTOMER, CallStatus::Missed), &h).is_empty()
    );
    assert_eq!(
        decide(&domestic, &call(CUSTOMER, CallStatus::Missed), &h).len(),
        1
    );
    // Unknown calling code: neither foreign nor domestic.
    for r in [&foreign, &domestic] {
        assert!(decide(r, &call("+999123", CallStatus::Missed), &h).is_empty());
        assert!(decide(r, &call("", CallStatus::Missed), &h).is_empty());
    }
    // Foreign compares calling codes, not regions: a host that answers
    // region "CA" with code 1 and one with region "US" and code 1 agree.
    let us = CompiledRules::from_json(&format!(
        r#"{{"account": {{"calling_code": 1}}, "rules": [{}]}}"#,
        rule("F", r#", "when": {"caller": {"foreign": true}}"#),
    ))
    .unwrap();
    let canada = |_: &str| {
        NumberDetails::new(LineType::Mobile, Some(1), Region::new("CA"))
    };
    assert!(decide(
        &us,
        &call("+14165550123", CallStatus::Missed),
        &Host::new(&canada)
    )
    .is_empty());
}

#[test]
fn ivr_keys_are_menu_prefixes() {
    let r = rules(&rule(
        "Order",
        r#", "when": {"caller": {"ivr_keys": ["21", "3"]}}"#,
    ));
    let mut c = call(CUSTOMER, CallStatus::Answered);
    for (keys, n) in
        [("21", 1), ("21#", 1), ("3", 1), ("2", 0), ("12", 0), ("", 0)]
    {
        c.ivr_keys = keys.into();
        assert_eq!(decide(&r, &c, &host()).len(), n, "{keys:?}");
    }
}

#[test]
fn target_caller_called_and_group() {
    let mut groups: HashMap<String, Vec<String>> = HashMap::new();
    groups.insert(
        "English".into(),
        vec![
            "+44 7700 900123".into(),
            LANDLINE.into(),
            "+447700900123".into(),
            "+48501000000".into(),
        ],
    );
    groups.insert("Nobody".into(), vec![]);
    let h = host().groups(&groups);
    let r = rules(&rule("Staff", r#", "to": {"group": "English"}"#));
    let c = call(HUNGARIAN, CallStatus::Missed);
    let d = decide(&r, &c, &h);
    let got: Vec<(Option<&str>, bool)> = d
        .iter()
        .map(|d| (d.recipient(), matches!(d.outcome(), RuleOutcome::Send(_))))
        .collect();
    // Each member once, landlines suppressed.
    assert_eq!(
        got,
        [
            (Some("+447700900123"), true),
            (Some(LANDLINE), false),
            (Some("+48501000000"), true)
        ]
    );
    assert_eq!(
        *d[1].outcome(),
        RuleOutcome::Suppress(Suppressed::NotMobile {
            line_type: LineType::FixedLine
        })
    );
    let r = rules(&rule("Staff", r#", "to": {"group": "Nobody"}"#));
    assert_eq!(
        suppressed(&decide(&r, &c, &h)),
        Suppressed::EmptyGroup { group: "Nobody".into() }
    );
    let r = rules(&rule("Staff", r#", "to": {"group": "Sales"}"#));
    assert_eq!(
        suppressed(&decide(&r, &c, &h)),
        Suppressed::UnknownGroup { group: "Sales".into() }
    );
    assert_eq!(
        suppressed(&decide(&r, &c, &host())),
        Suppressed::UnknownGroup { group: "Sales".into() }
    );
}

#[test]
fn the_customer_whatever_the_direction() {
    // The default recipient is the customer: the caller of an incoming
    // call, the called number of an outgoing one.
    let r = rules(&rule("Thanks", ""));
    assert_eq!(r.rule_set().rules[0].to, Recipient::Customer);
    let incoming = call(CUSTOMER, CallStatus::Answered);
    assert_eq!(decide(&r, &incoming, &host())[0].recipient(), Some(CUSTOMER));
    let outgoing = CallRecord::new(
        Direction::Outgoing,
        "+48600100200",
        HUNGARIAN,
        CallStatus::Answered,
        t(10, 0),
    );
    let d = decide(&r, &outgoing, &host());
    assert_eq!(d[0].recipient(), Some(HUNGARIAN));
    assert!(matches!(d[0].outcome(), RuleOutcome::Send(_)));
    // Written as "customer", and left out when written back.
    let explicit = rules(&rule("Thanks", r#", "to": "customer""#));
    assert_eq!(explicit.rule_set(), r.rule_set());
    assert!(!r.rule_set().to_json().contains("\"to\""));
    let caller = rules(&rule("Thanks", r#", "to": "caller""#));
    assert!(caller.rule_set().to_json().contains("\"to\": \"caller\""));
}

#[test]
fn never_sends_to_the_account_itself() {
    // An outgoing call presented from one of the account's mobile numbers:
    // "to the caller" used to send the SMS to the account's own mobile.
    let outgoing = CallRecord::new(
        Direction::Outgoing,
        "+48 600 100 200",
        CUSTOMER,
        CallStatus::Answered,
        t(10, 0),
    );
    let r = rules(&rule("Caller", r#", "to": "caller""#));
    assert_eq!(
        suppressed(&decide(&r, &outgoing, &host())),
        Suppressed::OwnNumber
    );
    // An incoming call to a mobile number of the account, "to the called
    // number".
    let mut incoming = call(CUSTOMER, CallStatus::Missed);
    incoming.called = "+48600100300".into();
    incoming.routed_to = "+48600100300".into();
    let r = rules(&rule("Called", r#", "to": "called""#));
    assert_eq!(
        suppressed(&decide(&r, &incoming, &host())),
        Suppressed::OwnNumber
    );
    // A number some rule selects calls routed to is the account's too,
    // even on a call routed elsewhere; so is a staff member who is one of
    // the account's numbers.
    let mut groups: HashMap<String, Vec<String>> = HashMap::new();
    groups.insert(
        "Staff".into(),
        vec![
            "+48 600 100 300".into(),
            "+48501000000".into(),
            "+48700999000".into(),
        ],
    );
    let h = host().groups(&groups);
    let r = rules(
        &[
            rule("Other line", r#", "when": {"routed_to": ["+48700999000"]}"#),
            rule("Staff", r#", "to": {"group": "Staff"}"#),
        ]
        .join(","),
    );
    let c = call(CUSTOMER, CallStatus::Missed);
    let d = decide(&r, &c, &h);
    let got: Vec<(Option<&str>, Option<&Suppressed>)> =
        d.iter().map(|d| (d.recipient(), d.outcome().suppressed())).collect();
    assert_eq!(
        got,
        [
            (Some("+48600100300"), Some(&Suppressed::OwnNumber)),
            (Some("+48501000000"), None),
            (Some("+48700999000"), Some(&Suppressed::OwnNumber)),
        ]
    );
    // A caller calling from the account's own routed-to number.
    let r = rules(&rule("Thanks", ""));
    let c = call(OFFICE, CallStatus::Answered);
    assert_eq!(suppressed(&decide(&r, &c, &host())), Suppressed::OwnNumber);
}

#[test]
fn senders() {
    let c = call(CUSTOMER, CallStatus::Answered);
    let fixed = rules(
        r#"{"name": "N", "sender": {"number": "+48 600 100 300"}, "message": {"text": "x"}}"#,
    );
    let d = decide(&fixed, &c, &host());
    assert_eq!(d[0].outcome().planned().unwrap().sender(), "+48600100300");
    let bad = rules(&rule("B", "").replace("ACME", "ACME@Home"));
    assert_eq!(
        suppressed(&decide(&bad, &c, &host())),
        Suppressed::InvalidSender
    );
    let none = CompiledRules::from_json(r#"{"rules": [{"name": "R", "sender": "random", "message": {"text": "x"}}]}"#).unwrap();
    assert_eq!(suppressed(&decide(&none, &c, &host())), Suppressed::NoSender);
}

#[test]
fn random_senders_are_their_own_validated_list() {
    let json = |account: &str| {
        format!(
            r#"{{"account": {account}, "rules": [
                {{"name": "R", "sender": "random", "message": {{"text": "x"}}}},
                {{"name": "N", "sender": {{"number": "+48700000001"}}, "message": {{"text": "x"}}}}
            ]}}"#
        )
    };
    // The pool is drawn from, never the numbers rules may name.
    let r = CompiledRules::from_json(&json(
        r#"{"mobile_numbers": ["+48600100200"],
            "random_senders": ["+48 700 000 001", "+48700000002"]}"#,
    ))
    .unwrap();
    let mut drawn = std::collections::BTreeSet::new();
    for minute in 0..40 {
        let mut c = call(CUSTOMER, CallStatus::Answered);
        c.end = t(10, minute);
        let d = r.evaluate(&c, &host()).into_decisions();
        drawn.insert(d[0].outcome().planned().unwrap().sender().to_string());
    }
    assert_eq!(
        drawn.into_iter().collect::<Vec<_>>(),
        ["+48700000001", "+48700000002"]
    );
    // A pool number is not one a rule may name as its sender.
    let findings = r.check(&[]);
    assert!(findings.iter().any(|f| f.rule() == 1
        && matches!(f.kind(), FindingKind::SenderNotAccountNumber { .. })));
    // The pool is validated like the mobile numbers, each with its path.
    let err = CompiledRules::from_json(&json(
        r#"{"mobile_numbers": ["+48600100200", "+48 600 100 200"],
            "random_senders": ["+48700000001", "x", "+48-700-000-001"]}"#,
    ))
    .unwrap_err();
    let got: Vec<(&str, String)> = err
        .problems()
        .iter()
        .map(|p| (p.path(), p.kind().to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("account.mobile_numbers[1]", "\"+48 600 100 200\" is listed twice (first at position 0); remove one".to_string()),
            ("account.random_senders[1]", "invalid number \"x\"; write it as +48221234567".to_string()),
            ("account.random_senders[2]", "\"+48-700-000-001\" is listed twice (first at position 0); remove one".to_string()),
        ]
    );
    let limits = Limits::default().max_account_numbers(1);
    let set = RuleSet::from_json(&json(
        r#"{"random_senders": ["+48700000001", "+48700000002"]}"#,
    ))
    .unwrap();
    let err = set.compile_with(&limits).unwrap_err();
    assert_eq!(err.problems()[0].path(), "account.random_senders");
    // Without a pool, the mobile numbers are drawn from, as before.
    let r = CompiledRules::from_json(&json(
        r#"{"mobile_numbers": ["+48600100200"]}"#,
    ))
    .unwrap();
    let c = call(CUSTOMER, CallStatus::Answered);
    let d = r.evaluate(&c, &host()).into_decisions();
    assert_eq!(d[0].outcome().planned().unwrap().sender(), "+48600100200");
    // A pool number is the account's own: nothing is sent to it.
    let r = CompiledRules::from_json(&json(
        r#"{"random_senders": ["+48700000001"]}"#,
    ))
    .unwrap();
    let c = call("+48700000001", CallStatus::Answered);
    let d = r.evaluate(&c, &host()).into_decisions();
    assert_eq!(d[0].outcome().suppressed(), Some(&Suppressed::OwnNumber));
}

#[test]
fn random_sender_is_deterministic_and_spread() {
    let r = rules(
        r#"{"name": "R", "sender": "random", "message": {"text": "x"}}"#,
    );
    let pick = |c: &CallRecord, seed: u64| {
        let h = host().seed(seed);
        let d = r.evaluate(c, &h).into_decisions();
        d[0].outcome().planned().unwrap().sender().to_string()
    };
    let mut seen = std::collections::BTreeMap::new();
    for i in 0..64 {
        let mut c = call(CUSTOMER, CallStatus::Answered);
        c.end = t(10, 0) + TimeDelta::seconds(i);
        let s = pick(&c, 0);
        assert_eq!(s, pick(&c.clone(), 0), "same call, same sender");
        *seen.entry(s).or_insert(0) += 1;
    }
    // Both senders are used, roughly evenly.
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen.values().all(|&n| n >= 16), "{seen:?}");
    // The seed takes part: some call changes sender with it.
    let c = call(CUSTOMER, CallStatus::Answered);
    assert!((1..20).any(|seed| pick(&c, seed) != pick(&c, 0)));
    // The documented hash, computed here independently: FNV-1a 64 of the
    // fields, each followed by 0xFF, modulo the pool size.
    for seed in 0..8u64 {
        let mut h: u64 = 0xcbf29ce484222325;
        let fields: [(&[u8], bool); 6] = [
            (b"R", true),
            (&seed.to_le_bytes(), true),
            (c.caller.as_bytes(), true),
            (c.routed_to.as_bytes(), true),
            (&c.end.timestamp().to_le_bytes(), false),
            (&c.end.timestamp_subsec_nanos().to_le_bytes(), true),
        ];
        for (f, separated) in fields {
            let sep: &[u8] = if separated { &[0xFF] } else { &[] };
            for &b in f.iter().chain(sep) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x100000001b3);
            }
        }
        let pool = ["+48600100200", "+48600100300"];
        assert_eq!(pick(&c, seed), pool[(h % 2) as usize], "seed {seed}");
    }
}

#[test]
fn message_flags_are_passed_on() {
    let r = rules(
        r#"{"name": "M", "sender": {"alphanumeric": "ACME"},
        "message": {"text": "See https://example.com/a", "short_links": true, "replace_national": true}}"#,
    );
    let c = call(CUSTOMER, CallStatus::Answered);
    let d = decide(&r, &c, &host());
    let m = d[0].outcome().planned().unwrap().message();
    assert!(m.short_links && m.replace_national);
    assert_eq!(m.text, "See https://example.com/a");
}

#[test]
fn auto_send_or_queue() {
    let r = rules(&rule("Q", r#", "auto_send": false, "delay_secs": 30"#));
    let c = call(CUSTOMER, CallStatus::Answered);
    let d = decide(&r, &c, &host());
    let RuleOutcome::Queue(p) = &d[0].outcome() else { panic!("{d:?}") };
    assert_eq!(p.at(), t(10, 0) + TimeDelta::seconds(30));
}

#[test]
fn delay_after_call_end() {
    let r = rules(&rule("D", r#", "delay_secs": 900"#));
    let c = call(CUSTOMER, CallStatus::Answered);
    assert_eq!(sent_at(&decide(&r, &c, &host())), t(10, 15));
}

#[test]
fn minimum_interval_per_rule_and_across_rules() {
    let per_rule = rules(&rule("Thanks", r#", "min_interval_secs": 86400"#));
    let across = rules(&rule(
        "Thanks",
        r#", "min_interval_secs": 86400, "interval_scope": "all_rules""#,
    ));
    let c = call(CUSTOMER, CallStatus::Answered);
    let mut log = SendLog::new();
    log.record(CUSTOMER, "Other rule", t(8, 0));
    // Per rule: another rule's send does not count.
    assert!(matches!(
        decide(&per_rule, &c, &host().history(&log))[0].outcome(),
        RuleOutcome::Send(_)
    ));
    // Across rules it does.
    let until = t(8, 0) + TimeDelta::days(1);
    assert_eq!(
        suppressed(&decide(&across, &c, &host().history(&log))),
        Suppressed::IntervalNotElapsed { until }
    );
    log.record(CUSTOMER, "Thanks", t(9, 0));
    let until = t(9, 0) + TimeDelta::days(1);
    assert_eq!(
        suppressed(&decide(&per_rule, &c, &host().history(&log))),
        Suppressed::IntervalNotElapsed { until }
    );
    // Exactly the interval later is allowed.
    let mut log = SendLog::new();
    log.record(CUSTOMER, "Thanks", t(10, 0) - TimeDelta::days(1));
    assert_eq!(
        sent_at(&decide(&per_rule, &c, &host().history(&log))),
        t(10, 0)
    );
    // Another recipient is not affected.
    let mut log = SendLog::new();
    log.record(HUNGARIAN, "Thanks", t(9, 0));
    assert_eq!(
        sent_at(&decide(&per_rule, &c, &host().history(&log))),
        t(10, 0)
    );
}

#[test]
fn minimum_interval_with_numbers_written_with_separators() {
    // The host records the caller as its PBX wrote it, and the same
    // caller calls again: the interval holds, whatever the spelling.
    let r = rules(&rule("Thanks", r#", "min_interval_secs": 86400"#));
    let until = t(9, 0) + TimeDelta::days(1);
    for (recorded, calling) in [
        ("+48 601 234 567", "+48 601 234 567"),
        ("+48 601 234 567", CUSTOMER),
        ("+48-601-234-567", "+48 (601) 234.567"),
        (CUSTOMER, "+48 601 234 567"),
    ] {
        let mut log = SendLog::new();
        log.record(recorded, "Thanks", t(9, 0));
        assert_eq!(log.last_send(CUSTOMER, None), Some(t(9, 0)));
        assert_eq!(log.last_send(calling, Some("Thanks")), Some(t(9, 0)));
        let c = call(calling, CallStatus::Answered);
        assert_eq!(
            suppressed(&decide(&r, &c, &host().history(&log))),
            Suppressed::IntervalNotElapsed { until },
            "recorded {recorded:?}, calling {calling:?}"
        );
    }
}

#[test]
fn minimum_interval_counts_earlier_decisions_of_the_same_call() {
    let r = rules_with(
        r#""hit_policy": "all_matches","#,
        &[rule("A", ""), rule("B", r#", "min_interval_secs": 3600, "interval_scope": "all_rules", "delay_secs": 60"#)].join(","),
    );
    let c = call(CUSTOMER, CallStatus::Answered);
    let d = decide(&r, &c, &host());
    assert!(matches!(d[0].outcome(), RuleOutcome::Send(_)));
    assert_eq!(
        *d[1].outcome(),
        RuleOutcome::Suppress(Suppressed::IntervalNotElapsed {
            until: t(11, 0)
        })
    );
}

/// Windows: "Office" 08:00–16:00 UTC on weekdays, "Evening" 18:00–20:00
/// every day, "Never" closed for good, "Liar" claims to open in the past.
fn windows(name: &str, at: DateTime<Utc>) -> Option<WindowState> {
    let day = at.date_naive();
    let h = at.hour();
    let next_day_at = |hour: u32, skip_weekend: bool| {
        let mut d = day;
        loop {
            d = d.succ_opt().unwrap();
            if !skip_weekend
                || !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
            {
                break;
            }
        }
        Utc.from_utc_datetime(&d.and_hms_opt(hour, 0, 0).unwrap())
    };
    let today_at =
        |hour| Utc.from_utc_datetime(&day.and_hms_opt(hour, 0, 0).unwrap());
    Some(match name {
        "Office" => {
            let weekday = !matches!(at.weekday(), Weekday::Sat | Weekday::Sun);
            if weekday && (8..16).contains(&h) {
                WindowState::Open
            } else if weekday && h < 8 {
                WindowState::Closed { opens: Some(today_at(8)) }
            } else {
                WindowState::Closed { opens: Some(next_day_at(8, true)) }
            }
        }
        "Evening" => {
            if (18..20).contains(&h) {
                WindowState::Open
            } else if h < 18 {
                WindowState::Closed { opens: Some(today_at(18)) }
            } else {
                WindowState::Closed { opens: Some(next_day_at(18, false)) }
            }
        }
        "Never" => WindowState::Closed { opens: None },
        "Liar" => {
            WindowState::Closed { opens: Some(at - TimeDelta::hours(1)) }
        }
        _ => return None,
    })
}

#[test]
fn window_deferral() {
    let w = &windows;
    let h = host().windows(w);
    let office =
        rules(&rule("W", r#", "windows": ["Office"], "delay_secs": 1800"#));
    let mut c = call(CUSTOMER, CallStatus::Answered);
    // Open: end + delay.
    assert_eq!(sent_at(&decide(&office, &c, &h)), t(10, 30));
    // Tuesday 15:45 + 30 min is after 16:00: Wednesday 08:00.
    c.end = t(15, 45);
    assert_eq!(
        sent_at(&decide(&office, &c, &h)),
        t(8, 0) + TimeDelta::days(1)
    );
    // Friday evening: Monday 08:00.
    c.end = Utc.with_ymd_and_hms(2026, 11, 27, 19, 0, 0).unwrap();
    assert_eq!(
        sent_at(&decide(&office, &c, &h)),
        Utc.with_ymd_and_hms(2026, 11, 30, 8, 0, 0).unwrap()
    );
    // Two windows: the earliest opening of either.
    let both = rules(&rule("W", r#", "windows": ["Office", "Evening"]"#));
    assert_eq!(
        sent_at(&decide(&both, &c, &h)),
        c.end,
        "Evening is open at 19:00"
    );
    c.end = Utc.with_ymd_and_hms(2026, 11, 27, 21, 0, 0).unwrap();
    assert_eq!(
        sent_at(&decide(&both, &c, &h)),
        Utc.with_ymd_and_hms(2026, 11, 28, 18, 0, 0).unwrap()
    );
}

#[test]
fn window_suppressions() {
    let w = &windows;
    let h = host().windows(w);
    let c = call(CUSTOMER, CallStatus::Answered);
    let never = rules(&rule("W", r#", "windows": ["Never"]"#));
    assert_eq!(suppressed(&decide(&never, &c, &h)), Suppressed::NoWindowOpens);
    let liar = rules(&rule("W", r#", "windows": ["Liar"]"#));
    assert_eq!(suppressed(&decide(&liar, &c, &h)), Suppressed::NoWindowOpens);
    // A window the host does not have suppresses the rule whatever the
    // other windows say and wherever it is in the list: the windows are a
    // set, and a misspelt one must not send at some hours only.
    let mut late = c.clone();
    late.end = t(17, 0);
    for list in [r#"["Office", "Lunch"]"#, r#"["Lunch", "Office"]"#] {
        let unknown = rules(&rule("W", &format!(r#", "windows": {list}"#)));
        for call in [&c, &late] {
            assert_eq!(
                suppressed(&decide(&unknown, call, &h)),
                Suppressed::UnknownWindow { window: "Lunch".into() },
                "{list} at {}",
                call.end
            );
        }
    }
    assert_eq!(
        suppressed(&decide(&never, &c, &host())),
        Suppressed::UnknownWindow { window: "Never".into() }
    );
}

#[test]
fn window_deferral_then_interval() {
    // Deferred into the window, the send is checked against the interval
    // at the deferred instant.
    let w = &windows;
    let r = rules(&rule(
        "W",
        r#", "windows": ["Evening"], "min_interval_secs": 36000"#,
    ));
    let mut log = SendLog::new();
    log.record(CUSTOMER, "W", t(7, 0)); // allowed again from 17:00
    let c = call(CUSTOMER, CallStatus::Answered);
    let h = host().windows(w).history(&log);
    assert_eq!(sent_at(&decide(&r, &c, &h)), t(18, 0));
    let mut log = SendLog::new();
    log.record(CUSTOMER, "W", t(9, 0)); // allowed again from 19:00
    let h = host().windows(w).history(&log);
    assert_eq!(
        suppressed(&decide(&r, &c, &h)),
        Suppressed::IntervalNotElapsed { until: t(19, 0) }
    );
}

#[test]
fn mobile_only() {
    let r = rules(&rule("M", ""));
    let h = host();
    assert_eq!(
        suppressed(&decide(&r, &call(LANDLINE, CallStatus::Answered), &h)),
        Suppressed::NotMobile { line_type: LineType::FixedLine }
    );
    assert_eq!(
        suppressed(&decide(&r, &call("+999", CallStatus::Answered), &h)),
        Suppressed::NotMobile { line_type: LineType::Unknown }
    );
    assert_eq!(
        suppressed(&decide(&r, &call("", CallStatus::Answered), &h)),
        Suppressed::NoRecipientNumber
    );
    // Fixed line or mobile: suppressed by default, sent when configured.
    let us = call("+12015550123", CallStatus::Answered);
    assert_eq!(
        suppressed(&decide(&r, &us, &h)),
        Suppressed::NotMobile { line_type: LineType::FixedLineOrMobile }
    );
    let send =
        rules_with(r#""fixed_line_or_mobile": "send","#, &rule("M", ""));
    assert_eq!(sent_at(&decide(&send, &us, &h)), t(10, 0));
}

#[test]
fn time_out_of_range_is_suppressed() {
    let r = rules(&rule("D", r#", "delay_secs": 60"#));
    let mut c = call(CUSTOMER, CallStatus::Answered);
    c.end = DateTime::<Utc>::MAX_UTC;
    assert_eq!(
        suppressed(&decide(&r, &c, &host())),
        Suppressed::TimeOutOfRange
    );
}

#[test]
fn suppression_reasons_display_in_words() {
    assert_eq!(
        Suppressed::IntervalNotElapsed { until: t(11, 0) }.to_string(),
        "minimum interval not elapsed since the last SMS to this number; \
         the next may be sent from 2026-11-24 11:00 UTC"
    );
    let late = t(11, 0) + TimeDelta::seconds(7);
    assert!(Suppressed::IntervalNotElapsed { until: late }
        .to_string()
        .ends_with("from 2026-11-24 11:00:07 UTC"));
    let tz = chrono::FixedOffset::east_opt(3600).unwrap();
    assert!(Suppressed::IntervalNotElapsed { until: t(11, 0) }
        .to_string_in(&tz)
        .ends_with("from 2026-11-24 12:00 +01:00"));
    assert_eq!(
        Suppressed::NotMobile { line_type: LineType::FixedLine }.to_string(),
        "not a mobile number: the number is a fixed line"
    );
    assert_eq!(
        Suppressed::NoWindowOpens.to_string(),
        "none of the rule's send windows is open or opens later"
    );
    // No Debug names, no RFC 3339 instants, whatever the reason.
    let reasons = [
        Suppressed::Disabled,
        Suppressed::NoRecipientNumber,
        Suppressed::UnknownGroup { group: "English".into() },
        Suppressed::EmptyGroup { group: "English".into() },
        Suppressed::InvalidSender,
        Suppressed::NoSender,
        Suppressed::UnknownWindow { window: "Office".into() },
        Suppressed::NoWindowOpens,
        Suppressed::IntervalNotElapsed { until: t(11, 0) },
        Suppressed::TimeOutOfRange,
    ];
    let line_types = LineType::SPELLINGS.iter().map(|s| s.parse().unwrap());
    let not_mobile =
        line_types.map(|line_type| Suppressed::NotMobile { line_type });
    for why in reasons.into_iter().chain(not_mobile) {
        let text = why.to_string();
        let debug = format!("{why:?}");
        let name = debug.split([' ', '(', '{']).next().unwrap();
        assert!(!text.contains(name), "{text} shows {name}");
        assert!(
            !text.contains("FixedLine") && !text.contains("T11:"),
            "{text}"
        );
        assert!(text.chars().next().unwrap().is_lowercase(), "{text}");
        assert!(!text.ends_with('.'), "{text}");
    }
}

// ---- hit policies and the trace -----------------------------------------

fn three() -> String {
    [
        rule("Foreign missed", r#", "when": {"status": ["missed"], "caller": {"foreign": true}}, "to": {"group": "English"}"#),
        rule("Missed", r#", "when": {"status": ["missed"]}"#),
        rule("Any", ""),
    ]
    .join(",")
}

#[test]
fn first_match_and_all_matches() {
    let mut groups: HashMap<String, Vec<String>> = HashMap::new();
    groups.insert("English".into(), vec!["+447700900123".into()]);
    let h = host().groups(&groups);
    let first = rules(&three());
    let all = rules_with(r#""hit_policy": "all_matches","#, &three());
    let c = call(HUNGARIAN, CallStatus::Missed);
    assert_eq!(rule_of(&decide(&first, &c, &h)), [0]);
    assert_eq!(rule_of(&decide(&all, &c, &h)), [0, 1, 2]);
    let c = call(CUSTOMER, CallStatus::Missed);
    assert_eq!(rule_of(&decide(&first, &c, &h)), [1]);
    assert_eq!(rule_of(&decide(&all, &c, &h)), [1, 2]);
    // A suppressed decision still decides under first-match.
    let c = call(LANDLINE, CallStatus::Missed);
    let d = decide(&first, &c, &h);
    assert_eq!(rule_of(&d), [1]);
    assert!(matches!(
        d[0].outcome(),
        RuleOutcome::Suppress(Suppressed::NotMobile { .. })
    ));
}

#[test]
fn trace_says_why_for_every_rule() {
    let json = [
        rule("Out", r#", "when": {"direction": "outgoing"}"#),
        rule("Other number", r#", "when": {"routed_to": ["+48225550000"]}"#),
        rule("Answered", r#", "when": {"status": ["answered"]}"#),
        rule("Long", r#", "when": {"duration": {"min_secs": 1}}"#),
        rule("VIP", r#", "when": {"caller": {"numbers": ["+48600000000"]}}"#),
        rule("UK", r#", "when": {"caller": {"prefixes": ["+44"]}}"#),
        rule("HU", r#", "when": {"caller": {"regions": ["HU"]}}"#),
        rule("Foreign", r#", "when": {"caller": {"foreign": true}}"#),
        rule("IVR", r#", "when": {"caller": {"ivr_keys": ["9"]}}"#),
        rule("Off", r#", "enabled": false"#),
        rule(
            "Off, answered only",
            r#", "enabled": false, "when": {"status": ["answered"]}"#,
        ),
        rule("Missed", r#", "when": {"status": ["missed"]}"#),
        rule("Any", ""),
    ]
    .join(",");
    let r = rules(&json);
    let c = call(CUSTOMER, CallStatus::Missed);
    let e = r.evaluate_traced(&c, &host());
    let got: Vec<(&str, TraceResult)> =
        e.trace().unwrap().iter().map(|t| (t.name(), t.result())).collect();
    use Condition as C;
    use TraceResult::*;
    assert_eq!(
        got,
        [
            ("Out", Failed(C::Direction)),
            ("Other number", Failed(C::RoutedTo)),
            ("Answered", Failed(C::Status)),
            ("Long", Failed(C::Duration)),
            ("VIP", Failed(C::CallerNumber)),
            ("UK", Failed(C::CallerPrefix)),
            ("HU", Failed(C::CallerRegion)),
            ("Foreign", Failed(C::CallerForeign)),
            ("IVR", Failed(C::IvrKeys)),
            // A disabled rule is traced as disabled, whether its
            // conditions hold (it also gets a "disabled" decision) or not
            // (it used to be traced with its failing condition).
            ("Off", Disabled),
            ("Off, answered only", Disabled),
            ("Missed", Matched),
            ("Any", Preempted { by: 11 }),
        ]
    );
    assert_eq!(rule_of(e.decisions()), [9, 11]);
    assert!(r.evaluate(&c, &host()).trace().is_none());
}

// ---- instants across daylight saving --------------------------------------

/// The host's window "Office": 08:00–16:00 Europe/Warsaw on weekdays,
/// with the EU rule (CEST from 01:00 UTC on the last Sunday of March to
/// 01:00 UTC on the last Sunday of October), written out so the test
/// depends on no time-zone crate.
fn warsaw_offset(at: DateTime<Utc>) -> TimeDelta {
    let last_sunday = |month: u32| {
        let mut d =
            chrono::NaiveDate::from_ymd_opt(at.year(), month, 31).unwrap();
        while d.weekday() != Weekday::Sun {
            d = d.pred_opt().unwrap();
        }
        Utc.from_utc_datetime(&d.and_hms_opt(1, 0, 0).unwrap())
    };
    if at >= last_sunday(3) && at < last_sunday(10) {
        TimeDelta::hours(2)
    } else {
        TimeDelta::hours(1)
    }
}

fn warsaw_office(name: &str, at: DateTime<Utc>) -> Option<WindowState> {
    if name != "Office" {
        return None;
    }
    // Walk local days from today; the opening is 08:00 local, converted
    // with the offset in force then.
    let local = at + warsaw_offset(at);
    let mut day = local.date_naive();
    for _ in 0..8 {
        let weekday = !matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let open_local = day.and_hms_opt(8, 0, 0).unwrap();
        let close_local = day.and_hms_opt(16, 0, 0).unwrap();
        // 08:00 and 16:00 never fall in Warsaw's gap or fold (02:00–03:00).
        let guess = Utc.from_utc_datetime(&open_local);
        let open = guess - warsaw_offset(guess - TimeDelta::hours(2));
        let guess = Utc.from_utc_datetime(&close_local);
        let close = guess - warsaw_offset(guess - TimeDelta::hours(2));
        if weekday && open <= at && at < close {
            return Some(WindowState::Open);
        }
        if weekday && at < open {
            return Some(WindowState::Closed { opens: Some(open) });
        }
        day = day.succ_opt().unwrap();
    }
    Some(WindowState::Closed { opens: None })
}

#[test]
fn dst_safe_instants() {
    let w = &warsaw_office;
    let h = host().windows(w);
    let r =
        rules(&rule("W", r#", "windows": ["Office"], "delay_secs": 3600"#));
    let mut c = call(CUSTOMER, CallStatus::Answered);
    // Friday 2026-03-27 16:30 CET (15:30Z) + 1 h: closed; the next opening
    // is Monday 2026-03-30 08:00 CEST, 06:00Z (the weekend changed the
    // offset).
    c.end = Utc.with_ymd_and_hms(2026, 3, 27, 15, 30, 0).unwrap();
    assert_eq!(
        sent_at(&decide(&r, &c, &h)),
        Utc.with_ymd_and_hms(2026, 3, 30, 6, 0, 0).unwrap()
    );
    // Friday 2026-10-23 16:30 CEST (14:30Z): Monday 2026-10-26 08:00 CET,
    // 07:00Z.
    c.end = Utc.with_ymd_and_hms(2026, 10, 23, 14, 30, 0).unwrap();
    assert_eq!(
        sent_at(&decide(&r, &c, &h)),
        Utc.with_ymd_and_hms(2026, 10, 26, 7, 0, 0).unwrap()
    );
    // A delay is elapsed time: a call ending at 01:30 CET on the night of
    // the spring change (00:30Z) with a one-hour delay sends at 01:30Z,
    // which is 03:30 CEST on the wall clock.
    let plain = rules(&rule("D", r#", "delay_secs": 3600"#));
    c.end = Utc.with_ymd_and_hms(2026, 3, 29, 0, 30, 0).unwrap();
    assert_eq!(
        sent_at(&decide(&plain, &c, &host())),
        Utc.with_ymd_and_hms(2026, 3, 29, 1, 30, 0).unwrap()
    );
    // The minimum interval is elapsed time too: 24 h over the autumn
    // change is 24 h, not "the same wall-clock time tomorrow".
    let day = rules(&rule("I", r#", "min_interval_secs": 86400"#));
    let mut log = SendLog::new();
    let last = Utc.with_ymd_and_hms(2026, 10, 24, 9, 0, 0).unwrap();
    log.record(CUSTOMER, "I", last);
    c.end = last + TimeDelta::hours(24) - TimeDelta::seconds(1);
    assert_eq!(
        suppressed(&decide(&day, &c, &host().history(&log))),
        Suppressed::IntervalNotElapsed { until: last + TimeDelta::hours(24) }
    );
}

#[test]
fn minimum_interval_beyond_the_end_of_time_suppresses() {
    // The last send plus the interval is past chrono's last instant: no
    // send may follow, even one planned at that very last instant (found
    // by fuzzing the check's own arithmetic).
    let r = rules(&rule("I", r#", "min_interval_secs": 3600"#));
    let mut c = call(CUSTOMER, CallStatus::Answered);
    c.end = DateTime::<Utc>::MAX_UTC;
    let mut log = SendLog::new();
    log.record(
        CUSTOMER,
        "I",
        DateTime::<Utc>::MAX_UTC - TimeDelta::seconds(10),
    );
    assert_eq!(
        suppressed(&decide(&r, &c, &host().history(&log))),
        Suppressed::IntervalNotElapsed { until: DateTime::<Utc>::MAX_UTC }
    );
}

#[test]
fn many_problems_are_numbered_and_cut_at_fifty() {
    let rules: Vec<String> = (0..60).map(|_| rule(" ", "")).collect();
    let json = format!(r#"{{"rules": [{}]}}"#, rules.join(","));
    let err = CompiledRules::from_json(&json).unwrap_err();
    assert_eq!(err.problems().len(), 60);
    assert_eq!((&err).into_iter().count(), 60);
    let text = err.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "invalid rule set: 60 problems:");
    assert_eq!(lines[1], "  1. rules[0].name: the rule has no name");
    assert_eq!(lines[50], "  50. rules[49].name: the rule has no name");
    assert_eq!(lines[51], "  … and 10 more");
    assert_eq!(lines.len(), 52);
    let all = err.into_problems();
    assert_eq!(all[59].path(), "rules[59].name");
    assert_eq!(all[59].rule(), Some(59));
    assert_eq!(all[59].rule_name(), None);
    assert_eq!(all[59].line_column(), None);
}
