//! The `rules` target: arbitrary post-call rule sets and calls.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use post_call_rules::{
    CallRecord, CallStatus, CompiledRules, Direction, DurationRange,
    FindingKind, History, HitPolicy, Host, IntervalScope, LineType,
    MaybeMobile, NumberDetails, Recipient, Region, Rule, RuleOutcome, RuleSet,
    SendLog, Sender, Suppressed, TraceResult, WindowState,
};

const NUMBERS: [&str; 8] = [
    "+48601234567",
    "+48221234567",
    "+36301234567",
    "+4860",
    "+36",
    "",
    "+12015550123",
    "+48 601-234-567",
];
const KEYS: [&str; 4] = ["1", "2", "21", "3#"];
const WINDOWS: [&str; 3] = ["Office", "Never", "Missing"];

/// Bytes read one at a time; zeros once used up.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn next(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn pick(&mut self, pool: &[&str]) -> Vec<String> {
        let mask = self.next();
        pool.iter()
            .enumerate()
            .filter(|(i, _)| mask >> i & 1 == 1)
            .map(|(_, s)| s.to_string())
            .collect()
    }

    fn number(&mut self) -> String {
        NUMBERS[usize::from(self.next()) % NUMBERS.len()].to_string()
    }
}

fn status(b: u8) -> CallStatus {
    CallStatus::ALL[usize::from(b) % CallStatus::ALL.len()]
}

fn rule(b: &mut Bytes<'_>, i: usize) -> Rule {
    let flags = b.next();
    let sender = match b.next() % 4 {
        0 => Sender::Random,
        1 => Sender::Number("+48600100200".into()),
        2 => Sender::Alphanumeric(
            ["ACME", "Bad@", "", "ABCDEFGHIJKL"][usize::from(b.next() % 4)]
                .into(),
        ),
        _ => Sender::Alphanumeric("Shop".into()),
    };
    let mut r = Rule::new(&format!("R{}", i % 5), sender, "Hello");
    r.enabled = flags & 1 == 0;
    r.priority = i32::from(b.next() as i8) % 3;
    r.when.direction = match b.next() % 3 {
        0 => None,
        1 => Some(Direction::Incoming),
        _ => Some(Direction::Outgoing),
    };
    let routed: Vec<String> = b.pick(&NUMBERS[..3]);
    r.when.routed_to = routed;
    let s = b.next();
    r.when.status =
        (0..5).filter(|k| s >> k & 1 == 1).map(|k| status(k as u8)).collect();
    let (min, max) = (b.next(), b.next());
    r.when.duration = DurationRange::new(
        u32::from(min % 8) * 15,
        (max & 0x80 != 0).then_some(u32::from(max % 16) * 10),
    );
    r.when.caller.numbers = b.pick(&NUMBERS[..3]);
    r.when.caller.prefixes = b.pick(&NUMBERS[3..5]);
    r.when.caller.regions = b
        .pick(&["PL", "HU", "US"])
        .iter()
        .filter_map(|s| Region::new(s))
        .collect();
    r.when.caller.foreign = match b.next() % 3 {
        0 => None,
        1 => Some(true),
        _ => Some(false),
    };
    r.when.caller.ivr_keys = b.pick(&KEYS);
    r.to = match b.next() % 4 {
        0 => Recipient::Called,
        1 => Recipient::Group("Staff".into()),
        2 => Recipient::Group("Nobody".into()),
        _ => Recipient::Caller,
    };
    r.auto_send = flags & 2 == 0;
    r.delay_secs = u32::from(b.next()) * 60;
    r.min_interval_secs = u32::from(b.next()) * 600;
    r.interval_scope = if flags & 4 == 0 {
        IntervalScope::Rule
    } else {
        IntervalScope::AllRules
    };
    r.windows = b.pick(&WINDOWS);
    r
}

fn rule_set(b: &mut Bytes<'_>) -> RuleSet {
    let flags = b.next();
    let n = usize::from(b.next() % 16);
    RuleSet::default()
        .account(
            post_call_rules::Account::default()
                .calling_code(Some(48))
                .mobile_numbers(if flags & 4 == 0 {
                    vec!["+48600100200".into(), "+48600100300".into()]
                } else {
                    vec![]
                }),
        )
        .hit_policy(if flags & 1 == 0 {
            HitPolicy::FirstMatch
        } else {
            HitPolicy::AllMatches
        })
        .fixed_line_or_mobile(if flags & 2 == 0 {
            MaybeMobile::Suppress
        } else {
            MaybeMobile::Send
        })
        .rules((0..n).map(|i| rule(b, i)).collect())
}

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).single().unwrap_or_default()
}

fn call(b: &mut Bytes<'_>) -> CallRecord {
    let flags = b.next();
    let direction =
        if flags & 1 == 0 { Direction::Incoming } else { Direction::Outgoing };
    let end = if flags & 2 != 0 {
        // Near the end of chrono's range.
        DateTime::<Utc>::MAX_UTC - TimeDelta::seconds(i64::from(b.next()))
    } else {
        base() + TimeDelta::seconds(i64::from(b.next()) * 1200)
    };
    let (caller, called) = (b.number(), b.number());
    let mut c =
        CallRecord::new(direction, &caller, &called, status(b.next()), end);
    c.routed_to = b.number();
    c.duration_secs = u32::from(b.next());
    c.ivr_keys =
        ["", "1", "21", "213", "3#"][usize::from(b.next() % 5)].into();
    c
}

fn plan(n: &str) -> NumberDetails {
    let d = |line_type, code, region: &str| {
        NumberDetails::new(line_type, Some(code), Region::new(region))
    };
    if n.starts_with("+486") || n.starts_with("+485") {
        d(LineType::Mobile, 48, "PL")
    } else if n.starts_with("+48") {
        d(LineType::FixedLine, 48, "PL")
    } else if n.starts_with("+3630") {
        d(LineType::Mobile, 36, "HU")
    } else if n.starts_with("+1") {
        d(LineType::FixedLineOrMobile, 1, "US")
    } else {
        NumberDetails::UNKNOWN
    }
}

fn windows(name: &str, at: DateTime<Utc>) -> Option<WindowState> {
    use chrono::Timelike;
    let next = at.checked_add_signed(TimeDelta::hours(1));
    match name {
        "Office" if at.hour() & 1 == 0 => Some(WindowState::Open),
        "Office" => Some(WindowState::Closed { opens: next }),
        "Never" => Some(WindowState::Closed { opens: None }),
        _ => None,
    }
}

fn normalize(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')')).collect()
}

/// An independent statement of the conditions.
fn matches(set: &RuleSet, r: &Rule, c: &CallRecord) -> bool {
    let w = &r.when;
    let talk =
        if c.status == CallStatus::Answered { c.duration_secs } else { 0 };
    let caller = normalize(&c.caller);
    let routed = normalize(&c.routed_to);
    let d =
        if caller.is_empty() { NumberDetails::UNKNOWN } else { plan(&caller) };
    w.direction.is_none_or(|x| x == c.direction)
        && (w.routed_to.is_empty()
            || w.routed_to.iter().any(|n| normalize(n) == routed))
        && (w.status.is_empty() || w.status.contains(&c.status))
        && w.duration.min_secs <= talk
        && w.duration.max_secs.is_none_or(|m| talk <= m)
        && (w.caller.numbers.is_empty()
            || w.caller.numbers.iter().any(|n| normalize(n) == caller))
        && (w.caller.prefixes.is_empty()
            || w.caller
                .prefixes
                .iter()
                .any(|p| caller.starts_with(p.as_str())))
        && (w.caller.regions.is_empty()
            || d.region.is_some_and(|g| w.caller.regions.contains(&g)))
        && w.caller.foreign.is_none_or(|f| {
            match (d.calling_code, set.account.calling_code) {
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

/// Checks one rule set against calls: the plain and traced evaluations
/// agree, the trace agrees with an independent matcher, the decisions are
/// those of the matched rules, a disabled rule never sends, no send is
/// before the call's end plus the delay or inside the minimum interval,
/// and the static checks are sound on these calls.
fn check_set(
    set: &RuleSet,
    compiled: &CompiledRules,
    calls: &[CallRecord],
    log: &SendLog,
    sends: &[(String, String, DateTime<Utc>)],
) {
    let mut groups: HashMap<String, Vec<String>> = HashMap::new();
    groups.insert(
        "Staff".into(),
        vec!["+48501000000".into(), "+48221112233".into()],
    );
    groups.insert("Nobody".into(), vec![]);
    let w = &windows;
    let p = &plan;
    let host = Host::new(p).windows(w).history(log).groups(&groups);
    let findings = compiled.check(&WINDOWS[..2]);
    for c in calls {
        let plain = compiled.evaluate(c, &host);
        let traced = compiled.evaluate_traced(c, &host);
        assert_eq!(plain.decisions(), traced.decisions());
        let Some(trace) = traced.trace() else { panic!("no trace") };
        assert_eq!(trace.len(), set.rules.len());
        let mut matched = Vec::new();
        for t in trace {
            if !set.rules[t.rule()].enabled {
                assert_eq!(t.result(), TraceResult::Disabled);
                continue;
            }
            let m = matches(set, &set.rules[t.rule()], c);
            assert_eq!(
                m,
                !matches!(t.result(), TraceResult::Failed(_)),
                "{t:?}"
            );
            if t.result() == TraceResult::Matched {
                matched.push(t.rule());
            }
        }
        let mut rules: Vec<usize> = plain
            .decisions()
            .iter()
            .map(|d| d.rule())
            .filter(|&i| set.rules[i].enabled)
            .collect();
        rules.dedup();
        assert_eq!(rules, matched);
        let mut planned: Vec<(String, String, DateTime<Utc>)> = Vec::new();
        for d in plain.decisions() {
            let r = &set.rules[d.rule()];
            if !r.enabled {
                assert_eq!(
                    *d.outcome(),
                    RuleOutcome::Suppress(Suppressed::Disabled)
                );
            }
            let Some(p) = d.outcome().planned() else { continue };
            let Some(earliest) = c
                .end
                .checked_add_signed(TimeDelta::seconds(r.delay_secs.into()))
            else {
                panic!("planned past the end of time: {d:?}")
            };
            assert!(p.at() >= earliest);
            let Some(who) = d.recipient() else { panic!("no recipient") };
            // Never to one of the account's own numbers.
            let own = set.account.mobile_numbers.iter().chain([&c.routed_to]);
            assert!(own.into_iter().all(|n| normalize(n) != who), "{d:?}");
            if r.min_interval_secs > 0 {
                let gap = TimeDelta::seconds(r.min_interval_secs.into());
                let key = match r.interval_scope {
                    IntervalScope::Rule => Some(r.name.as_str()),
                    IntervalScope::AllRules => None,
                    other => {
                        panic!("a scope this check does not know: {other:?}")
                    }
                };
                // The history as recorded, numbers compared without
                // separators, independently of `SendLog`.
                let last = sends
                    .iter()
                    .filter(|(n, r, _)| {
                        normalize(n) == who && key.is_none_or(|k| k == r)
                    })
                    .map(|&(_, _, at)| at)
                    .max();
                assert_eq!(log.last_send(who, key), last);
                if let Some(last) = last {
                    assert!(last
                        .checked_add_signed(gap)
                        .is_some_and(|u| p.at() >= u));
                }
                for (pw, pr, at) in &planned {
                    if pw == who && key.is_none_or(|k| k == pr) {
                        assert!(at
                            .checked_add_signed(gap)
                            .is_some_and(|u| p.at() >= u));
                    }
                }
            }
            planned.push((who.to_string(), r.name.clone(), p.at()));
        }
        for f in &findings {
            let b = matches(set, &set.rules[f.rule()], c);
            match &f.kind() {
                FindingKind::NeverMatches(_) => assert!(!b, "{f}"),
                FindingKind::Shadowed { by, .. } if b => {
                    assert!(matches(set, &set.rules[*by], c), "{f}");
                }
                _ => {}
            }
        }
    }
}

/// Arbitrary rule sets and calls. First byte odd: the rest is rule-set
/// JSON (reading never panics; a valid one is checked against calls
/// built from its own bytes). Even: rule set, calls and history are
/// built from the bytes. Either way the rule set reads back equal from
/// its JSON.
pub fn check_rules(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else { return };
    let mut b = Bytes(rest);
    let set = if mode & 1 == 1 {
        let Ok(text) = std::str::from_utf8(rest) else { return };
        let Ok(set) = RuleSet::from_json(text) else { return };
        set
    } else {
        rule_set(&mut b)
    };
    match RuleSet::from_json(&set.to_json()) {
        Ok(back) => assert_eq!(back, set),
        Err(e) => panic!("a rule set's JSON does not read back: {e}"),
    }
    let Ok(compiled) = set.compile() else { return };
    let calls: Vec<CallRecord> = (0..3).map(|_| call(&mut b)).collect();
    // Numbers recorded as written (one has separators): the history must
    // find them as the rules compare them.
    let mut log = SendLog::new();
    let mut sends = Vec::new();
    for _ in 0..(b.next() % 6) {
        let who = b.number();
        let at = base() + TimeDelta::seconds(i64::from(b.next() as i8) * 1800);
        let rule = format!("R{}", b.next() % 5);
        log.record(&who, &rule, at);
        sends.push((who, rule, at));
    }
    check_set(&set, &compiled, &calls, &log, &sends);
}
