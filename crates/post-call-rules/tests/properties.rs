//! Property tests over generated rule sets, calls and histories.

mod common;

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, TimeZone, Timelike, Utc};
use common::plan;
use post_call_rules::*;
use proptest::prelude::*;

const ROUTED: [&str; 3] = ["+48221234567", "+48225550000", "+36123456789"];
const CALLERS: [&str; 7] = [
    "+48601234567",
    "+48501234567",
    "+48221112233",
    "+36301234567",
    "+447700900123",
    "+12015550123",
    "",
];
const PREFIXES: [&str; 5] = ["+48", "+4860", "+36", "+44", "+1"];
const REGIONS: [&str; 3] = ["PL", "HU", "GB"];
const KEYS: [&str; 4] = ["1", "2", "21", "3#"];
const WINDOWS: [&str; 3] = ["Office", "Never", "Lunch"];
/// The account's own numbers (its mobile numbers and the routed-to
/// numbers), in several spellings, and a customer.
const OWN_SPELLINGS: [&str; 7] = [
    "+48600100200",
    "+48 600 100 300",
    "+48221234567",
    "+48 22 555 00 00",
    "+36-123-456-789",
    "+48601234567",
    "+48501234567",
];

fn pick(pool: &[&str], mask: u8) -> Vec<String> {
    pool.iter()
        .enumerate()
        .filter(|(i, _)| mask >> i & 1 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

fn status(i: u8) -> CallStatus {
    CallStatus::ALL[usize::from(i) % CallStatus::ALL.len()]
}

prop_compose! {
    fn arb_rule(i: usize)(
        enabled in prop::bool::weighted(0.8),
        priority in -2i32..3,
        direction in prop::option::weighted(0.3, prop::bool::ANY),
        routed in prop::sample::select(vec![0u8, 0, 0, 0, 1, 2, 3, 5]),
        statuses in prop::sample::select(vec![vec![], vec![], vec![], vec![0u8], vec![1], vec![0, 1], vec![1, 2], vec![4]]),
        min in prop::sample::select(vec![0u32, 0, 0, 0, 0, 10, 60]),
        max in prop::sample::select(vec![None, None, None, None, None, Some(5u32), Some(30), Some(120)]),
        numbers in prop::sample::select(vec![0u8, 0, 0, 0, 0, 0, 0, 1, 3, 11, 8]),
        prefixes in prop::sample::select(vec![0u8, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 16]),
        regions in prop::sample::select(vec![0u8, 0, 0, 0, 0, 0, 1, 2, 3, 6]),
        foreign in prop::option::weighted(0.2, prop::bool::ANY),
        keys in prop::sample::select(vec![0u8, 0, 0, 0, 0, 0, 0, 2, 4, 5, 12]),
        to in 0u8..7,
        sender in 0u8..8,
        auto_send in prop::bool::weighted(0.7),
        delay in prop::sample::select(vec![0u32, 60, 3600]),
        interval in prop::sample::select(vec![0u32, 0, 600, 7200, 86400, 86400]),
        all_rules in prop::bool::ANY,
        windows in prop::sample::select(vec![0u8, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4]),
    ) -> Rule {
        let sender = match sender {
            0 => Sender::Random,
            1 => Sender::Number("+48600100200".into()),
            2 => Sender::Alphanumeric("Bad@Sender".into()),
            _ => Sender::Alphanumeric("ACME".into()),
        };
        let mut r = Rule::new(&format!("R{}", i % 7), sender, "Hello");
        r.enabled = enabled;
        r.priority = priority;
        r.when.direction = direction.map(|o| if o { Direction::Outgoing } else { Direction::Incoming });
        r.when.routed_to = pick(&ROUTED, routed);
        r.when.status = statuses.into_iter().map(status).collect();
        r.when.duration = DurationRange::new(min, max);
        r.when.caller.numbers = pick(&CALLERS[..6], numbers);
        r.when.caller.prefixes = pick(&PREFIXES, prefixes);
        r.when.caller.regions = pick(&REGIONS, regions).iter().filter_map(|s| Region::new(s)).collect();
        r.when.caller.foreign = foreign;
        r.when.caller.ivr_keys = pick(&KEYS, keys);
        r.to = match to {
            0 => Recipient::Called,
            1 => Recipient::Group("Staff".into()),
            2 => Recipient::Group("Nobody".into()),
            3 | 4 => Recipient::Customer,
            _ => Recipient::Caller,
        };
        r.auto_send = auto_send;
        r.delay_secs = delay;
        r.min_interval_secs = interval;
        r.interval_scope = if all_rules { IntervalScope::AllRules } else { IntervalScope::Rule };
        r.windows = pick(&WINDOWS, windows);
        r
    }
}

fn arb_rules() -> impl Strategy<Value = RuleSet> {
    (0usize..12, prop::bool::ANY, prop::bool::ANY).prop_flat_map(
        |(n, all, maybe)| {
            let rules: Vec<_> = (0..n).map(arb_rule).collect();
            rules.prop_map(move |rules| {
                RuleSet::default()
                    .account(
                        Account::default()
                            .calling_code(Some(48))
                            .mobile_numbers(vec![
                                "+48600100200".into(),
                                "+48600100300".into(),
                            ]),
                    )
                    .hit_policy(if all {
                        HitPolicy::AllMatches
                    } else {
                        HitPolicy::FirstMatch
                    })
                    .fixed_line_or_mobile(if maybe {
                        MaybeMobile::Send
                    } else {
                        MaybeMobile::Suppress
                    })
                    .rules(rules)
            })
        },
    )
}

prop_compose! {
    fn arb_call()(
        outgoing in prop::bool::weighted(0.2),
        caller in prop::sample::select(vec![0usize, 0, 0, 1, 1, 2, 3, 3, 4, 5, 6]),
        called in 0usize..CALLERS.len(),
        routed in 0usize..4,
        st in prop::sample::select(vec![0u8, 0, 1, 1, 2, 3, 4]),
        duration in prop::sample::select(vec![0u32, 5, 10, 30, 45, 60, 120, 500]),
        keys in prop::sample::select(vec!["", "", "1", "2", "21", "213", "3#", "4"]),
        end in 0i64..(3 * 86400),
    ) -> CallRecord {
        let end = Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap() + TimeDelta::seconds(end);
        let direction = if outgoing { Direction::Outgoing } else { Direction::Incoming };
        let mut c = CallRecord::new(direction, CALLERS[caller], CALLERS[called], status(st), end);
        c.routed_to = ROUTED.get(routed).unwrap_or(&"+48999999999").to_string();
        c.duration_secs = duration;
        c.ivr_keys = keys.to_string();
        c
    }
}

fn arb_log() -> impl Strategy<Value = SendLog> {
    prop::collection::vec(
        (0usize..CALLERS.len(), 0usize..7, -86400i64..86400 * 3),
        0..6,
    )
    .prop_map(|entries| {
        let base = Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap();
        let mut log = SendLog::new();
        for (who, rule, at) in entries {
            log.record(
                CALLERS[who],
                &format!("R{rule}"),
                base + TimeDelta::seconds(at),
            );
        }
        log
    })
}

/// "Office" 08:00–16:00 UTC every day; "Never" never; no "Lunch".
fn windows(name: &str, at: DateTime<Utc>) -> Option<WindowState> {
    let day = at.date_naive();
    let eight = |d: chrono::NaiveDate| {
        Utc.from_utc_datetime(&d.and_hms_opt(8, 0, 0).unwrap())
    };
    match name {
        "Office" if (8..16).contains(&at.hour()) => Some(WindowState::Open),
        "Office" if at.hour() < 8 => {
            Some(WindowState::Closed { opens: Some(eight(day)) })
        }
        "Office" => {
            Some(WindowState::Closed { opens: day.succ_opt().map(eight) })
        }
        "Never" => Some(WindowState::Closed { opens: None }),
        _ => None,
    }
}

/// An independent statement of the conditions.
fn reference_match(set: &RuleSet, r: &Rule, c: &CallRecord) -> bool {
    let w = &r.when;
    let talk =
        if c.status == CallStatus::Answered { c.duration_secs } else { 0 };
    let details = if c.caller.is_empty() {
        NumberDetails::UNKNOWN
    } else {
        plan(&c.caller)
    };
    w.direction.is_none_or(|d| d == c.direction)
        && (w.routed_to.is_empty() || w.routed_to.contains(&c.routed_to))
        && (w.status.is_empty() || w.status.contains(&c.status))
        && w.duration.min_secs <= talk
        && w.duration.max_secs.is_none_or(|m| talk <= m)
        && (w.caller.numbers.is_empty()
            || w.caller.numbers.contains(&c.caller))
        && (w.caller.prefixes.is_empty()
            || w.caller
                .prefixes
                .iter()
                .any(|p| c.caller.starts_with(p.as_str())))
        && (w.caller.regions.is_empty()
            || details.region.is_some_and(|g| w.caller.regions.contains(&g)))
        && w.caller.foreign.is_none_or(|f| {
            match (details.calling_code, set.account.calling_code) {
                (Some(a), Some(b)) => (a != b) == f,
                _ => false,
            }
        })
        && (w.caller.ivr_keys.is_empty()
            || w.caller
                .ivr_keys
                .iter()
                .any(|k| c.ivr_keys.starts_with(k.as_str())))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn invariants(set in arb_rules(), calls in prop::collection::vec(arb_call(), 1..4), log in arb_log(), seed in 0u64..4) {
        let compiled = set.compile().unwrap();
        let mut groups: HashMap<String, Vec<String>> = HashMap::new();
        groups.insert("Staff".into(), vec!["+48501000000".into(), "+48221112233".into(), "+48501000000".into()]);
        groups.insert("Nobody".into(), vec![]);
        let w = &windows;
        let host = Host::new(&plan).windows(w).history(&log).groups(&groups).seed(seed);
        let findings = compiled.check(&["Office", "Never"]);
        for c in &calls {
            let plain = compiled.evaluate(c, &host);
            let traced = compiled.evaluate_traced(c, &host);
            // The trace does not change the decisions.
            prop_assert_eq!(plain.decisions(), traced.decisions());
            let trace = traced.trace().unwrap();
            prop_assert_eq!(trace.len(), set.rules.len());
            // The trace agrees with an independent statement of the
            // conditions.
            // A disabled rule is traced as disabled, whatever its
            // conditions.
            for t in trace {
                let rule = &set.rules[t.rule()];
                if !rule.enabled {
                    prop_assert_eq!(t.result(), TraceResult::Disabled);
                    continue;
                }
                let matched = reference_match(&set, rule, c);
                prop_assert_eq!(matched, !matches!(t.result(), TraceResult::Failed(_)), "{:?}", t);
            }
            // The decisions of enabled rules are those of the rules traced
            // as matched, in trace order; a disabled rule's decision is
            // for one whose conditions hold.
            let mut matched: Vec<usize> = trace.iter().filter(|t| t.result() == TraceResult::Matched).map(|t| t.rule()).collect();
            for d in plain.decisions() {
                let rule = &set.rules[d.rule()];
                if !rule.enabled {
                    prop_assert!(reference_match(&set, rule, c));
                }
            }
            let mut from_decisions: Vec<usize> = plain.decisions().iter().filter(|d| set.rules[d.rule()].enabled).map(|d| d.rule()).collect();
            from_decisions.dedup();
            prop_assert_eq!(&from_decisions, &matched);
            matched.retain(|&i| set.rules[i].enabled);
            if set.hit_policy == HitPolicy::FirstMatch {
                prop_assert!(matched.len() <= 1);
            } else {
                let preempted = trace.iter().any(|t| matches!(t.result(), TraceResult::Preempted { .. }));
                prop_assert!(!preempted);
            }
            let mut planned: Vec<(&str, &str, DateTime<Utc>)> = Vec::new();
            for d in plain.decisions() {
                let rule = &set.rules[d.rule()];
                // A disabled rule never sends.
                if !rule.enabled {
                    prop_assert_eq!(d.outcome(), &RuleOutcome::Suppress(Suppressed::Disabled));
                }
                let Some(p) = d.outcome().planned() else { continue };
                // Never before the call's end plus the delay.
                prop_assert!(p.at() >= c.end + TimeDelta::seconds(rule.delay_secs.into()));
                // Only to mobile numbers (or maybe-mobile when allowed).
                let recipient = d.recipient().unwrap();
                let lt = plan(recipient).line_type;
                prop_assert!(lt == LineType::Mobile || (lt == LineType::FixedLineOrMobile && set.fixed_line_or_mobile == MaybeMobile::Send));
                // Never inside the minimum interval, given the history and
                // the earlier decisions of this call.
                if rule.min_interval_secs > 0 {
                    let gap = TimeDelta::seconds(rule.min_interval_secs.into());
                    let key = match rule.interval_scope {
                        IntervalScope::Rule => Some(rule.name.as_str()),
                        IntervalScope::AllRules => None,
                        other => {
                            return Err(TestCaseError::fail(format!(
                                "a scope this test does not know: {other:?}"
                            )))
                        }
                    };
                    if let Some(last) = log.last_send(recipient, key) {
                        prop_assert!(p.at() >= last + gap, "{:?} after {}", d, last);
                    }
                    for &(who, name, at) in &planned {
                        if who == recipient && key.is_none_or(|k| k == name) {
                            prop_assert!(p.at() >= at + gap);
                        }
                    }
                }
                planned.push((recipient, &rule.name, p.at()));
            }
            // The static checks are sound: a never-matching rule does not
            // match, and when a shadowed rule's conditions hold, so do
            // those of the rule shadowing it.
            for f in &findings {
                match &f.kind() {
                    FindingKind::NeverMatches(_) => {
                        prop_assert!(!reference_match(&set, &set.rules[f.rule()], c));
                    }
                    FindingKind::Shadowed { by, .. }
                        if reference_match(&set, &set.rules[f.rule()], c) =>
                    {
                        prop_assert!(reference_match(&set, &set.rules[*by], c), "{}", f);
                    }
                    _ => {}
                }
            }
        }
    }

    /// Whatever the rules, the call and the staff groups, no decision
    /// sends or queues an SMS to one of the account's own numbers: its
    /// mobile numbers, the numbers any rule selects calls routed to, or
    /// the number this call was routed to, however they are written.
    #[test]
    fn no_decision_targets_the_account(
        set in arb_rules(),
        calls in prop::collection::vec(
            (arb_call(), 0usize..OWN_SPELLINGS.len(), 0usize..OWN_SPELLINGS.len(), 0u8..4),
            1..4,
        ),
        seed in 0u64..4,
    ) {
        let compiled = set.compile().unwrap();
        let mut groups: HashMap<String, Vec<String>> = HashMap::new();
        groups.insert(
            "Staff".into(),
            vec!["+48 600 100 300".into(), "+48501000000".into(), "+48(22)1234567".into()],
        );
        let w = &windows;
        let host = Host::new(&plan).windows(w).groups(&groups).seed(seed);
        let digits = |n: &str| -> String {
            n.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()
        };
        for (mut c, a, b, which) in calls {
            // Put the account's own numbers in the caller's, the called
            // number's or the routed-to number's place.
            match which {
                0 => c.caller = OWN_SPELLINGS[a].into(),
                1 => c.called = OWN_SPELLINGS[a].into(),
                2 => c.routed_to = OWN_SPELLINGS[a].into(),
                _ => {
                    c.caller = OWN_SPELLINGS[a].into();
                    c.called = OWN_SPELLINGS[b].into();
                }
            }
            let mut own: Vec<String> = set.account.mobile_numbers.iter().map(|n| digits(n)).collect();
            own.extend(set.rules.iter().flat_map(|r| r.when.routed_to.iter().map(|n| digits(n))));
            own.push(digits(&c.routed_to));
            for e in [compiled.evaluate(&c, &host), compiled.evaluate_traced(&c, &host)] {
                for d in e.decisions() {
                    if d.outcome().planned().is_some() {
                        let to = digits(d.recipient().unwrap());
                        prop_assert!(!own.contains(&to), "{:?} to own {}", d, to);
                    }
                }
            }
        }
    }

    /// A rule set reads back equal from its JSON.
    #[test]
    fn json_round_trip(set in arb_rules()) {
        prop_assert_eq!(RuleSet::from_json(&set.to_json()).unwrap(), set);
    }
}

/// Every call of a grid that covers each value the generators use.
fn grid() -> Vec<CallRecord> {
    let mut out = Vec::new();
    let end = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    for direction in Direction::ALL {
        for caller in CALLERS {
            for routed in
                ["+48221234567", "+48225550000", "+36123456789", "+1"]
            {
                for st in CallStatus::ALL {
                    for secs in [0, 5, 7, 10, 30, 45, 60, 120, 500] {
                        if st != CallStatus::Answered && secs > 0 {
                            continue;
                        }
                        for keys in ["", "1", "2", "21", "3#", "4"] {
                            let mut c = CallRecord::new(
                                direction,
                                caller,
                                "+48601234567",
                                st,
                                end,
                            );
                            c.routed_to = routed.into();
                            c.duration_secs = secs;
                            c.ivr_keys = keys.into();
                            out.push(c);
                        }
                    }
                }
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Shadowing is sound: for a rule and a variant of it with one or two
    /// conditions taken from another rule, when the checks say the later
    /// is shadowed, every call of the grid it accepts, the earlier accepts.
    /// Never-matching rules accept no call of the grid.
    #[test]
    fn shadowing_is_sound(a in arb_rule(0), other in arb_rule(1), fields in prop::collection::vec(0usize..9, 1..3), swap in prop::bool::ANY) {
        let mut b = a.clone();
        let (w, o) = (&mut b.when, &other.when);
        for field in fields { match field {
            0 => w.direction = o.direction,
            1 => w.routed_to = o.routed_to.clone(),
            2 => w.status = o.status.clone(),
            3 => w.duration = o.duration,
            4 => w.caller.numbers = o.caller.numbers.clone(),
            5 => w.caller.prefixes = o.caller.prefixes.clone(),
            6 => w.caller.regions = o.caller.regions.clone(),
            7 => w.caller.foreign = o.caller.foreign,
            _ => w.caller.ivr_keys = o.caller.ivr_keys.clone(),
        } }
        let (mut first, mut second) = if swap { (b, a) } else { (a, b) };
        first.enabled = true;
        second.enabled = true;
        first.name = "first".into();
        second.name = "second".into();
        let set = RuleSet::default()
            .account(Account::default().calling_code(Some(48)))
            .rules(vec![first, second]);
        let findings = set.compile().unwrap().check(&WINDOWS);
        let calls = grid();
        for f in &findings {
            match &f.kind() {
                FindingKind::Shadowed { by, .. } => {
                    for c in &calls {
                        if reference_match(&set, &set.rules[f.rule()], c) {
                            prop_assert!(reference_match(&set, &set.rules[*by], c), "{} {:?}", f, c);
                        }
                    }
                }
                FindingKind::NeverMatches(_) => {
                    prop_assert!(!calls.iter().any(|c| reference_match(&set, &set.rules[f.rule()], c)));
                }
                _ => {}
            }
        }
    }
}
