//! Static checks: every finding, shadowing by the sets of calls.

mod common;

use common::*;
use post_call_rules::*;

/// (rule position, finding kind) of a rule set's check.
fn findings(r: &CompiledRules, windows: &[&str]) -> Vec<(usize, FindingKind)> {
    r.check(windows)
        .into_iter()
        .map(|f| (f.rule(), f.kind().clone()))
        .collect()
}

fn shadowed_by(by: usize, name: &str) -> FindingKind {
    FindingKind::Shadowed { by, by_name: name.into() }
}

#[test]
fn never_matching_rules() {
    let r = rules(
        &[
            rule("Empty range", r#", "when": {"duration": {"min_secs": 60, "max_secs": 30}}"#),
            rule("Missed long", r#", "when": {"status": ["missed", "busy"], "duration": {"min_secs": 1}}"#),
            rule("No number has prefix", r#", "when": {"caller": {"numbers": ["+48601234567"], "prefixes": ["+36"]}}"#),
            rule("Fine", r#", "when": {"status": ["missed", "answered"], "duration": {"min_secs": 1}}"#),
        ]
        .join(","),
    );
    assert_eq!(
        findings(&r, &[]),
        [
            (
                0,
                FindingKind::NeverMatches(NeverMatches::EmptyDurationRange {
                    min_secs: 60,
                    max_secs: 30
                })
            ),
            (
                1,
                FindingKind::NeverMatches(NeverMatches::NoTalkTime {
                    min_secs: 1
                })
            ),
            (2, FindingKind::NeverMatches(NeverMatches::NoNumberHasPrefix)),
        ]
    );
    // And they indeed never match.
    for status in CallStatus::ALL {
        for secs in [0, 1, 45, 100] {
            let mut c = call(CUSTOMER, status);
            c.duration_secs = secs;
            let e = r.evaluate_traced(&c, &host());
            for t in &e.trace().unwrap()[..3] {
                assert!(matches!(t.result(), TraceResult::Failed(_)), "{t:?}");
            }
        }
    }
}

#[test]
fn shadowing_by_sets_not_text() {
    let r = rules(
        &[
            // 0: every incoming call to OFFICE or a second number.
            rule("Office", &format!(r#", "when": {{"direction": "incoming", "routed_to": ["{OFFICE}", "+48225550000"]}}"#)),
            // 1: a subset: one of those numbers, missed, Polish prefix.
            rule("Office missed", &format!(r#", "when": {{"direction": "incoming", "routed_to": ["{OFFICE}"], "status": ["missed"], "caller": {{"prefixes": ["+4860"]}}}}"#)),
            // 2: not a subset: any direction.
            rule("Any direction", &format!(r#", "when": {{"routed_to": ["{OFFICE}"]}}"#)),
        ]
        .join(","),
    );
    assert_eq!(findings(&r, &[]), [(1, shadowed_by(0, "Office"))]);
}

#[test]
fn shadowing_status_and_talk_time() {
    let r = rules(
        &[
            rule("Answered or missed", r#", "when": {"status": ["answered", "missed"]}"#),
            // Missed calls have no talk time, so "missed, at most 30 s" is
            // all missed calls: shadowed.
            rule("Missed short", r#", "when": {"status": ["missed"], "duration": {"max_secs": 30}}"#),
            // Answered 10..60 within answered any: shadowed.
            rule("Answered mid", r#", "when": {"status": ["answered"], "duration": {"min_secs": 10, "max_secs": 60}}"#),
            // Busy is not accepted by rule 0.
            rule("Busy", r#", "when": {"status": ["busy"]}"#),
        ]
        .join(","),
    );
    assert_eq!(
        findings(&r, &[]),
        [
            (1, shadowed_by(0, "Answered or missed")),
            (2, shadowed_by(0, "Answered or missed"))
        ]
    );
    // An earlier rule that needs talk time does not cover missed calls.
    let r = rules(
        &[
            rule("Long", r#", "when": {"duration": {"min_secs": 10}}"#),
            rule("Missed", r#", "when": {"status": ["missed"]}"#),
            rule("Longer answered", r#", "when": {"status": ["answered"], "duration": {"min_secs": 20}}"#),
        ]
        .join(","),
    );
    assert_eq!(findings(&r, &[]), [(2, shadowed_by(0, "Long"))]);
}

#[test]
fn shadowing_caller_numbers_prefixes_regions_ivr() {
    let r = rules(
        &[
            rule("Polish mobiles", r#", "when": {"caller": {"prefixes": ["+486", "+485"]}}"#),
            // Numbers all within the prefixes: shadowed.
            rule("Two customers", r#", "when": {"caller": {"numbers": ["+48601234567", "+48501234567"]}}"#),
            // One number outside: not shadowed.
            rule("Mixed", r#", "when": {"caller": {"numbers": ["+48601234567", "+36301234567"]}}"#),
            // Narrower prefix: shadowed.
            rule("Narrow", r#", "when": {"caller": {"prefixes": ["+48601"]}}"#),
            // Numbers, of which only the prefixed ones count: shadowed.
            rule("Filtered", r#", "when": {"caller": {"numbers": ["+48601234567", "+36301234567"], "prefixes": ["+48"]}}"#),
        ]
        .join(","),
    );
    assert_eq!(
        findings(&r, &[]),
        [
            (1, shadowed_by(0, "Polish mobiles")),
            (3, shadowed_by(0, "Polish mobiles")),
            (4, shadowed_by(0, "Polish mobiles")),
        ]
    );
    let r = rules(
        &[
            rule("Regions", r#", "when": {"caller": {"regions": ["HU", "GB"], "ivr_keys": ["2"]}}"#),
            rule("HU menu 21", r#", "when": {"caller": {"regions": ["HU"], "ivr_keys": ["21"], "foreign": true}}"#),
            rule("Any region", r#", "when": {"caller": {"ivr_keys": ["21"]}}"#),
            rule("Foreign", r#", "when": {"caller": {"foreign": true}}"#),
            rule("Foreign HU", r#", "when": {"caller": {"foreign": true, "regions": ["HU"]}}"#),
            rule("Domestic", r#", "when": {"caller": {"foreign": false}}"#),
        ]
        .join(","),
    );
    assert_eq!(
        findings(&r, &[]),
        [(1, shadowed_by(0, "Regions")), (4, shadowed_by(3, "Foreign"))]
    );
}

#[test]
fn no_shadowing_by_disabled_or_under_all_matches() {
    let two = [
        rule("Any", ""),
        rule("Missed", r#", "when": {"status": ["missed"]}"#),
    ];
    let r = rules(&two.join(","));
    assert_eq!(findings(&r, &[]), [(1, shadowed_by(0, "Any"))]);
    let r = rules(
        &[rule("Any", r#", "enabled": false"#), two[1].clone()].join(","),
    );
    assert!(findings(&r, &[]).is_empty());
    let r = rules_with(r#""hit_policy": "all_matches","#, &two.join(","));
    assert!(findings(&r, &[]).is_empty());
    // Order is by priority: the catch-all runs last.
    let r =
        rules(&[rule("Any", r#", "priority": 1"#), two[1].clone()].join(","));
    assert!(findings(&r, &[]).is_empty());
}

#[test]
fn senders_windows_and_names() {
    let r = rules(
        &[
            rule("Bad sender", r#", "when": {"status": ["answered"]}"#)
                .replace("ACME", "Łódź Shop Ltd"),
            r#"{"name": "Foreign number", "sender": {"number": "+48 600 999 999"}, "message": {"text": "x"},
                "when": {"status": ["busy"]}}"#.to_string(),
            rule("Windows", r#", "windows": ["Office", "Lunch"], "when": {"status": ["failed"]}"#),
            rule("bad sender ", r#", "when": {"status": ["voicemail"]}"#),
        ]
        .join(","),
    );
    let got = findings(&r, &["Office"]);
    assert_eq!(
        got,
        [
            (
                0,
                FindingKind::InvalidSender(SenderProblem::Length {
                    chars: 13
                })
            ),
            (
                0,
                FindingKind::InvalidSender(SenderProblem::Character {
                    ch: 'Ł',
                    at: 0
                })
            ),
            (
                0,
                FindingKind::InvalidSender(SenderProblem::Character {
                    ch: 'ó',
                    at: 1
                })
            ),
            (
                0,
                FindingKind::InvalidSender(SenderProblem::Character {
                    ch: 'ź',
                    at: 3
                })
            ),
            (
                1,
                FindingKind::SenderNotAccountNumber {
                    number: "+48600999999".into()
                }
            ),
            (2, FindingKind::UnknownWindow { window: "Lunch".into() }),
            (3, FindingKind::DuplicateName { first: 0 }),
        ]
    );
    let none = CompiledRules::from_json(
        r#"{"rules": [{"name": "R", "sender": "random", "message": {"text": "x"}}]}"#,
    )
    .unwrap();
    assert_eq!(findings(&none, &[]), [(0, FindingKind::NoRandomSender)]);
    let f = &r.check(&["Office"])[5];
    assert_eq!(
        f.to_string(),
        "rule 2 \"Windows\": unknown send window \"Lunch\""
    );
}

/// A hostile rule set: long lists of caller numbers and prefixes in every
/// rule, which no rule shadows (their IVR keys differ, and are compared
/// last), so every pair compares the whole lists. The shadowing check
/// stops at its work limit and says where, instead of running for many
/// seconds; the other checks still run for every rule.
#[test]
fn shadowing_check_stops_at_its_work_limit() {
    let numbers: Vec<String> =
        (0..1000).map(|i| format!("\"+48601{i:06}\"")).collect();
    let prefixes: Vec<String> =
        (0..1000).map(|i| format!("\"+48601{i:03}\"")).collect();
    let rule = |i: usize| {
        format!(
            r#"{{"name": "r{i}", "when": {{"caller": {{"numbers": [{}],
                "prefixes": [{}], "ivr_keys": ["{i:03}"]}}}},
                "sender": {{"alphanumeric": "A"}}, "message": {{"text": "x"}}}}"#,
            numbers.join(","),
            prefixes.join(",")
        )
    };
    let rules: Vec<String> = (0..100).map(rule).collect();
    let json = format!(r#"{{"rules": [{}]}}"#, rules.join(","));
    let set = CompiledRules::from_json(&json).unwrap();
    // A lower limit than the default, so the test is quick in debug
    // builds; each pair here costs 210,000 steps (per number of the later
    // rule, 10 binary searches of 10 steps in its own prefixes, one in the
    // other's numbers, 10 in the other's prefixes).
    let findings = set.check_with_limit(&[], 2_000_000);
    let count = |f: &dyn Fn(&FindingKind) -> bool| {
        findings.iter().filter(|x| f(x.kind())).count()
    };
    assert_eq!(count(&|k| matches!(k, FindingKind::Shadowed { .. })), 0);
    let stopped: Vec<_> = findings
        .iter()
        .filter(|f| matches!(f.kind(), FindingKind::NotChecked { .. }))
        .collect();
    assert_eq!(stopped.len(), 1, "{stopped:?}");
    // 2,000,000 / 210,000: past the limit after the 10th pair, the last
    // that rule 4 compares.
    assert_eq!(stopped[0].rule(), 5);
    assert_eq!(
        *stopped[0].kind(),
        FindingKind::NotChecked {
            limit: 2_000_000,
            exhausted_by: ShadowingWork::CallerNumbers
        }
    );
    assert!(
        stopped[0].to_string().ends_with(
            "the check's work limit (2000000 steps) was reached, mostly \
             comparing caller number lists; shorten the caller number lists"
        ),
        "{}",
        stopped[0]
    );
    // Every rule's sender is still checked ("A" is too short).
    assert_eq!(count(&|k| matches!(k, FindingKind::InvalidSender(_))), 100);
}

/// 10,000 plain rules, one routed-to number each (two rules a number,
/// the second narrower, so shadowed): the shadowing check finishes
/// within its default limit. It used to stop at rule 1,754, charging 64
/// steps for a lookup in a one-item list and comparing every pair.
#[test]
fn ten_thousand_plain_rules_are_checked_completely() {
    let rule = |i: usize| {
        let status =
            if i.is_multiple_of(2) { "" } else { r#", "status": ["missed"]"# };
        format!(
            r#"{{"name": "r{i}", "when": {{"direction": "incoming",
                "routed_to": ["+4822{:07}"]{status}}},
                "sender": {{"alphanumeric": "ACME"}}, "message": {{"text": "x"}}}}"#,
            i / 2
        )
    };
    let rules: Vec<String> = (0..10_000).map(rule).collect();
    let json = format!(r#"{{"rules": [{}]}}"#, rules.join(","));
    let set = CompiledRules::from_json(&json).unwrap();
    let findings = set.check(&[]);
    assert!(
        findings
            .iter()
            .all(|f| matches!(f.kind(), FindingKind::Shadowed { .. })),
        "{:?}",
        findings
            .iter()
            .find(|f| !matches!(f.kind(), FindingKind::Shadowed { .. }))
    );
    assert_eq!(findings.len(), 5_000);
    assert!(findings.iter().all(|f| f.rule() % 2 == 1));
}

/// The message names what the work went into: here, the rules hold
/// nothing to look up, and there are simply more pairs than the limit.
#[test]
fn the_work_limit_names_what_exhausted_it() {
    let rule = |i: usize| {
        format!(
            r#"{{"name": "r{i}", "when": {{"caller": {{"numbers": ["+48601{i:06}"]}}}},
                "sender": {{"alphanumeric": "ACME"}}, "message": {{"text": "x"}}}}"#
        )
    };
    let rules: Vec<String> = (0..100).map(rule).collect();
    let set = CompiledRules::from_json(&format!(
        r#"{{"rules": [{}]}}"#,
        rules.join(",")
    ))
    .unwrap();
    // Each pair: one step, and one of the later rule's number looked up
    // in the earlier's list of one (one step): pairs and numbers tie,
    // and the pairs are named.
    let stopped = |limit| {
        set.check_with_limit(&[], limit)
            .into_iter()
            .find(|f| matches!(f.kind(), FindingKind::NotChecked { .. }))
    };
    let f = stopped(100).unwrap();
    assert_eq!(
        *f.kind(),
        FindingKind::NotChecked {
            limit: 100,
            exhausted_by: ShadowingWork::RulePairs
        }
    );
    assert!(f.to_string().ends_with(
        "mostly comparing pairs of rules; the set has more pairs of rules \
         than the limit allows; raise it with check_with_limit"
    ));
    assert!(stopped(CHECK_WORK).is_none());
    // Long prefix lists.
    let prefixes: Vec<String> =
        (0..1000).map(|i| format!("\"+4860{i:03}\"")).collect();
    let rule = |i: usize| {
        format!(
            r#"{{"name": "p{i}", "when": {{"caller": {{"prefixes": [{}], "ivr_keys": ["{i}"]}}}},
                "sender": {{"alphanumeric": "ACME"}}, "message": {{"text": "x"}}}}"#,
            prefixes.join(",")
        )
    };
    let rules: Vec<String> = (0..20).map(rule).collect();
    let set = CompiledRules::from_json(&format!(
        r#"{{"rules": [{}]}}"#,
        rules.join(",")
    ))
    .unwrap();
    let f = set
        .check_with_limit(&[], 100_000)
        .into_iter()
        .find(|f| matches!(f.kind(), FindingKind::NotChecked { .. }))
        .unwrap();
    assert!(f.to_string().ends_with("shorten the caller prefix lists"), "{f}");
}

#[test]
fn a_rule_that_can_only_send_to_the_account_is_reported() {
    let set = CompiledRules::from_json(
        r#"{"account": {"mobile_numbers": ["+48600100200"]}, "rules": [
          {"name": "After our call", "when": {"direction": "outgoing"}, "to": "caller",
           "sender": {"alphanumeric": "ACME"}, "message": {"text": "Hi"}},
          {"name": "After our call, to the customer",
           "when": {"direction": "outgoing", "status": ["missed"]}, "to": "called",
           "sender": {"alphanumeric": "ACME"}, "message": {"text": "Hi"}},
          {"name": "After their call", "when": {"direction": "incoming"},
           "sender": {"alphanumeric": "ACME"}, "message": {"text": "Hi"}},
          {"name": "Incoming, to the number dialled",
           "when": {"direction": "incoming"}, "to": "called",
           "sender": {"alphanumeric": "ACME"}, "message": {"text": "Hi"}},
          {"name": "Calls from our own lines",
           "when": {"routed_to": ["+48221234567"],
                    "caller": {"numbers": ["+48 600 100 200", "+48221234567"]}},
           "to": "caller",
           "sender": {"alphanumeric": "ACME"}, "message": {"text": "Hi"}},
          {"name": "Any direction, to the customer",
           "sender": {"alphanumeric": "ACME"}, "message": {"text": "Hi"}},
          {"name": "Any direction, to the called number", "to": "called",
           "sender": {"alphanumeric": "ACME"}, "message": {"text": "Hi"}}
        ]}"#,
    )
    .unwrap();
    let findings = set.check(&[]);
    let own: Vec<(usize, Option<Direction>)> = findings
        .iter()
        .filter_map(|f| match f.kind() {
            FindingKind::SendsOnlyToAccount { direction, .. } => {
                Some((f.rule(), *direction))
            }
            _ => None,
        })
        .collect();
    // The incoming-only rule to the called number (3) and the rule for
    // callers that are the account's own numbers (4) were not reported
    // before: only outgoing-only rules to the caller were.
    assert_eq!(
        own,
        [
            (0, Some(Direction::Outgoing)),
            (3, Some(Direction::Incoming)),
            (4, None)
        ]
    );
    let text = |i: usize| {
        let own = |f: &&Finding| {
            f.rule() == i
                && matches!(f.kind(), FindingKind::SendsOnlyToAccount { .. })
        };
        findings.iter().find(own).unwrap().to_string()
    };
    assert!(
        text(0).contains("only for outgoing calls, but sends to the caller")
    );
    assert!(text(0).contains("\"to\": \"customer\""));
    assert!(text(3)
        .contains("only for incoming calls, but sends to the called number"));
    assert!(text(4)
        .contains("accepts only callers that are the account's own numbers"));
}
