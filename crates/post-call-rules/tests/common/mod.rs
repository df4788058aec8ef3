//! Shared fixtures: a number plan, instants, rule sets from JSON.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use post_call_rules::*;

/// 2026-11-24 (a Tuesday) at `h:m` UTC.
pub fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, h, m, 0).unwrap()
}

/// A small number plan: Polish mobiles (+48 5/6/7/8…) and fixed lines
/// (+48 1–4…), Hungarian mobiles (+36 20/30/70…), UK mobiles (+44 7…),
/// US numbers (fixed or mobile), anything else unknown.
pub fn plan(n: &str) -> NumberDetails {
    let d = |line_type, code, region: &str| {
        NumberDetails::new(line_type, Some(code), Region::new(region))
    };
    let starts = |p: &str| n.starts_with(p);
    if ["+485", "+486", "+487", "+488"].iter().any(|p| starts(p)) {
        d(LineType::Mobile, 48, "PL")
    } else if starts("+48") {
        d(LineType::FixedLine, 48, "PL")
    } else if ["+3620", "+3630", "+3670"].iter().any(|p| starts(p)) {
        d(LineType::Mobile, 36, "HU")
    } else if starts("+36") {
        d(LineType::FixedLine, 36, "HU")
    } else if starts("+447") {
        d(LineType::Mobile, 44, "GB")
    } else if starts("+1") {
        d(LineType::FixedLineOrMobile, 1, "US")
    } else {
        NumberDetails::UNKNOWN
    }
}

pub const CUSTOMER: &str = "+48601234567";
pub const LANDLINE: &str = "+48221112233";
pub const HUNGARIAN: &str = "+36301234567";
pub const OFFICE: &str = "+48221234567";

/// An incoming call from `caller` to OFFICE with this status, ending at
/// 10:00; 95 s of talk time when answered.
pub fn call(caller: &str, status: CallStatus) -> CallRecord {
    let mut c =
        CallRecord::new(Direction::Incoming, caller, OFFICE, status, t(10, 0));
    c.start = t(9, 58);
    if status == CallStatus::Answered {
        c.answer = Some(t(9, 58));
        c.duration_secs = 95;
    }
    c
}

/// A rule set from the JSON of its rules (and optional top-level fields),
/// compiled. The account is Polish with two mobile senders.
pub fn rules_with(top: &str, rules: &str) -> CompiledRules {
    let json = format!(
        r#"{{ "account": {{ "calling_code": 48,
                "mobile_numbers": ["+48600100200", "+48600100300"] }},
             {top} "rules": [{rules}] }}"#
    );
    match CompiledRules::from_json(&json) {
        Ok(r) => r,
        Err(e) => panic!("{e}\n{json}"),
    }
}

pub fn rules(rules: &str) -> CompiledRules {
    rules_with("", rules)
}

/// A rule with this name and extra fields (JSON members, comma-led).
pub fn rule(name: &str, extra: &str) -> String {
    format!(
        r#"{{ "name": "{name}", "sender": {{"alphanumeric": "ACME"}},
             "message": {{"text": "Hello from {name}"}} {extra} }}"#
    )
}

/// The decisions' (rule position, recipient, outcome) for a call.
pub fn decide<'a>(
    rules: &'a CompiledRules,
    call: &'a CallRecord,
    host: &Host<'a>,
) -> Vec<Decision<'a>> {
    let plain = rules.evaluate(call, host).into_decisions();
    let traced = rules.evaluate_traced(call, host);
    assert_eq!(plain, traced.decisions(), "trace changes the decisions");
    plain
}

pub fn host() -> Host<'static> {
    Host::new(&plan)
}

/// The planned instant of a single send decision.
pub fn sent_at(d: &[Decision<'_>]) -> DateTime<Utc> {
    assert_eq!(d.len(), 1, "{d:?}");
    match &d[0].outcome() {
        RuleOutcome::Send(p) => p.at(),
        o => panic!("not a send: {o:?}"),
    }
}

pub fn suppressed(d: &[Decision<'_>]) -> Suppressed {
    assert_eq!(d.len(), 1, "{d:?}");
    match &d[0].outcome() {
        RuleOutcome::Suppress(s) => s.clone(),
        o => panic!("not suppressed: {o:?}"),
    }
}
