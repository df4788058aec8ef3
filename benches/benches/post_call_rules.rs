//! Post-call rules: full decisions against a plain linear first-match
//! scan over the same rules, in the same run.
//!
//! Rule sets of 10, 100 and 1000 rules, four per routed-to number (an
//! account with one number per widget or campaign), in this pattern:
//! 0. answered, at least 60 s: "thanks" to the caller;
//! 1. answered, caller `+48…`: a survey link;
//! 2. missed or busy, foreign caller: an English call-back promise;
//! 3. missed or busy: a call-back promise.
//!
//! Every rule is incoming-only, sends to the caller from a random sender,
//! names the send window "Office" and has a minimum interval, so every
//! decision does the same work wherever the matching rule is: a number
//! lookup, the random sender's hash, a window query and a history lookup
//! (a `SendLog` of 200 entries).
//!
//! Calls: `first` matches rule 0, `middle` rule n/2, `last` rule n−1 (each
//! the first match), `none` is routed to a number no rule names. Groups:
//! `decide` (`CompiledRules::evaluate`), `decide_traced`
//! (`evaluate_traced`), `plain_scan` (a straightforward first-match scan
//! over the `Rule` values in list order that stops at the first rule whose
//! conditions hold; it only finds the rule, so it does less than
//! `decide`), `shared_routed` (100 rules that all name the same routed-to
//! number, status and direction and differ by caller, so the index cannot
//! narrow them: the worst case), and
//! `check` (the static checks of 1000 rules).

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, TimeZone, Timelike, Utc};
use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion,
};
use post_call_rules::{
    CallRecord, CallStatus, CompiledRules, Decision, Direction, Host,
    LineType, NumberDetails, Region, Rule, RuleOutcome, RuleSet, SendLog,
    WindowState,
};

fn routed(j: usize) -> String {
    format!("+4822{:07}", j)
}

/// The rule set of `n` rules.
fn rule_set(n: usize) -> RuleSet {
    let mut rules = Vec::new();
    for i in 0..n {
        let j = i / 4;
        let when = match i % 4 {
            0 => r#""status": ["answered"], "duration": {"min_secs": 60}"#,
            1 => r#""status": ["answered"], "caller": {"prefixes": ["+48"]}"#,
            2 => {
                r#""status": ["missed", "busy"], "caller": {"foreign": true}"#
            }
            _ => r#""status": ["missed", "busy"]"#,
        };
        let json = format!(
            r#"{{"name": "rule {i}", "sender": "random",
                "when": {{"direction": "incoming", "routed_to": ["{}"], {when}}},
                "message": {{"text": "Thank you for calling (rule {i})"}},
                "windows": ["Office"], "min_interval_secs": 86400}}"#,
            routed(j)
        );
        let rule: Rule = serde_json::from_str(&json).expect("bench rule");
        rules.push(rule);
    }
    let mut set = RuleSet::default();
    set.account.calling_code = Some(48);
    set.account.mobile_numbers =
        vec!["+48600100200".into(), "+48600100300".into()];
    set.rules = rules;
    set
}

/// 100 rules that all name routed-to number 0, for missed calls, each
/// from one VIP caller: the index cannot narrow them.
fn shared_set() -> RuleSet {
    let mut set = rule_set(0);
    for i in 0..100 {
        let json = format!(
            r#"{{"name": "vip {i}", "sender": "random",
                "when": {{"direction": "incoming", "routed_to": ["{}"],
                         "status": ["missed", "busy"],
                         "caller": {{"numbers": ["+4860{i:07}"]}}}},
                "message": {{"text": "We will call you back"}},
                "windows": ["Office"], "min_interval_secs": 86400}}"#,
            routed(0)
        );
        set.rules.push(serde_json::from_str(&json).expect("bench rule"));
    }
    set
}

fn end() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap()
}

/// A call that first-matches rule `i` of a non-shared set (or, with
/// `routed_to` given, is routed there).
fn call_for(i: usize, routed_to: Option<&str>) -> CallRecord {
    let (caller, status, secs) = match i % 4 {
        0 => ("+48601234567", CallStatus::Answered, 95),
        1 => ("+48601234567", CallStatus::Answered, 30),
        2 => ("+36301234567", CallStatus::Missed, 0),
        _ => ("+48601234567", CallStatus::Missed, 0),
    };
    let mut c =
        CallRecord::new(Direction::Incoming, caller, "", status, end());
    c.routed_to = routed_to.map_or_else(|| routed(i / 4), str::to_string);
    c.called = c.routed_to.clone();
    c.start = end() - TimeDelta::seconds(120);
    c.duration_secs = secs;
    c
}

fn numbers(n: &str) -> NumberDetails {
    let (line_type, code, region) =
        if n.starts_with("+486") || n.starts_with("+485") {
            (LineType::Mobile, 48, "PL")
        } else if n.starts_with("+48") {
            (LineType::FixedLine, 48, "PL")
        } else if n.starts_with("+3630") || n.starts_with("+3620") {
            (LineType::Mobile, 36, "HU")
        } else {
            return NumberDetails::UNKNOWN;
        };
    NumberDetails::new(line_type, Some(code), Region::new(region))
}

/// "Office": 08:00–16:00 UTC.
fn windows(name: &str, at: DateTime<Utc>) -> Option<WindowState> {
    if name != "Office" {
        return None;
    }
    let day = at.date_naive();
    let eight = |d: chrono::NaiveDate| {
        d.and_hms_opt(8, 0, 0).map(|t| Utc.from_utc_datetime(&t))
    };
    Some(match at.hour() {
        8..16 => WindowState::Open,
        0..8 => WindowState::Closed { opens: eight(day) },
        _ => WindowState::Closed { opens: day.succ_opt().and_then(eight) },
    })
}

/// 200 sends, none to the callers of the benchmark calls, so every
/// decision is a send.
fn history() -> SendLog {
    let mut log = SendLog::new();
    for k in 0..200 {
        log.record(
            &format!("+48500{:06}", k),
            &format!("rule {}", k % 40),
            end() - TimeDelta::hours(k),
        );
    }
    log
}

/// The plain scan: the rules in list order (the bench sets have equal
/// priorities), each condition checked directly on the `Rule`.
fn plain_scan(set: &RuleSet, c: &CallRecord) -> Option<usize> {
    let mut caller: Option<NumberDetails> = None;
    let talk =
        if c.status == CallStatus::Answered { c.duration_secs } else { 0 };
    'rules: for (i, r) in set.rules.iter().enumerate() {
        let w = &r.when;
        if !r.enabled
            || w.direction.is_some_and(|d| d != c.direction)
            || (!w.routed_to.is_empty() && !w.routed_to.contains(&c.routed_to))
            || (!w.status.is_empty() && !w.status.contains(&c.status))
            || talk < w.duration.min_secs
            || w.duration.max_secs.is_some_and(|m| talk > m)
            || (!w.caller.numbers.is_empty()
                && !w.caller.numbers.contains(&c.caller))
            || (!w.caller.prefixes.is_empty()
                && !w
                    .caller
                    .prefixes
                    .iter()
                    .any(|p| c.caller.starts_with(p.as_str())))
        {
            continue;
        }
        if !w.caller.regions.is_empty() || w.caller.foreign.is_some() {
            let d = *caller.get_or_insert_with(|| numbers(&c.caller));
            if !w.caller.regions.is_empty()
                && !d.region.is_some_and(|g| w.caller.regions.contains(&g))
            {
                continue 'rules;
            }
            if let Some(f) = w.caller.foreign {
                if d.calling_code.is_none_or(|code| {
                    (Some(code) != set.account.calling_code) != f
                }) {
                    continue 'rules;
                }
            }
        }
        return Some(i);
    }
    None
}

fn configure(group: &mut BenchmarkGroup<'_, WallTime>) {
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(700))
        .measurement_time(Duration::from_secs(2));
}

fn first_rule(d: &[Decision<'_>]) -> Option<usize> {
    d.first().map(|d| d.rule())
}

fn benches(c: &mut Criterion) {
    let log = history();
    let win = &windows;
    let num = &numbers;
    let host = Host::new(num).windows(win).history(&log);
    let sizes = [10usize, 100, 1000];
    let sets: Vec<(usize, RuleSet, CompiledRules)> = sizes
        .iter()
        .map(|&n| {
            let set = rule_set(n);
            let compiled = set.compile().expect("bench rules compile");
            (n, set, compiled)
        })
        .collect();
    let cases = |n: usize| {
        [
            ("first", 0usize, call_for(0, None)),
            ("middle", n / 2, call_for(n / 2, None)),
            ("last", n - 1, call_for(n - 1, None)),
            ("none", usize::MAX, call_for(0, Some("+48229999999"))),
        ]
    };
    // Check every case before timing: both find the same rule, and the
    // decision is a send.
    for (n, set, compiled) in &sets {
        for (name, want, call) in cases(*n) {
            let want = (want != usize::MAX).then_some(want);
            let d = compiled.evaluate(&call, &host);
            assert_eq!(first_rule(d.decisions()), want, "{n} {name}");
            assert_eq!(plain_scan(set, &call), want, "{n} {name} plain");
            if want.is_some() {
                assert!(
                    matches!(d.decisions()[0].outcome(), RuleOutcome::Send(_)),
                    "{n} {name}: {:?}",
                    d.decisions()
                );
            }
            let t = compiled.evaluate_traced(&call, &host);
            assert_eq!(t.decisions(), d.decisions());
        }
    }

    for (group_name, traced) in [("decide", false), ("decide_traced", true)] {
        let mut group = c.benchmark_group(group_name);
        configure(&mut group);
        for (n, _, compiled) in &sets {
            for (name, _, call) in cases(*n) {
                group.bench_with_input(
                    BenchmarkId::new(name, n),
                    &call,
                    |b, call| {
                        b.iter(|| {
                            let e = if traced {
                                compiled
                                    .evaluate_traced(black_box(call), &host)
                            } else {
                                compiled.evaluate(black_box(call), &host)
                            };
                            black_box(e.decisions().len())
                        })
                    },
                );
            }
        }
        group.finish();
    }

    let mut group = c.benchmark_group("plain_scan");
    configure(&mut group);
    for (n, set, _) in &sets {
        for (name, _, call) in cases(*n) {
            group.bench_with_input(
                BenchmarkId::new(name, n),
                &call,
                |b, call| {
                    b.iter(|| black_box(plain_scan(set, black_box(call))))
                },
            );
        }
    }
    group.finish();

    // The worst case for the index: 100 rules on one routed-to number,
    // the call matching the last.
    let shared = shared_set();
    let shared_compiled = shared.compile().expect("shared rules compile");
    let mut last = call_for(3, Some(&routed(0)));
    last.caller = "+48600000099".into();
    assert_eq!(
        first_rule(shared_compiled.evaluate(&last, &host).decisions()),
        Some(99)
    );
    assert_eq!(plain_scan(&shared, &last), Some(99));
    let mut group = c.benchmark_group("shared_routed");
    configure(&mut group);
    group.bench_function("decide/last/100", |b| {
        b.iter(|| {
            black_box(
                shared_compiled
                    .evaluate(black_box(&last), &host)
                    .decisions()
                    .len(),
            )
        })
    });
    group.bench_function("plain_scan/last/100", |b| {
        b.iter(|| black_box(plain_scan(&shared, black_box(&last))))
    });
    group.finish();

    let mut group = c.benchmark_group("check");
    configure(&mut group);
    let (_, _, thousand) = &sets[2];
    assert!(thousand.check(&["Office"]).is_empty());
    group.bench_function("1000", |b| {
        b.iter(|| black_box(thousand.check(black_box(&["Office"])).len()))
    });
    group.finish();
}

criterion_group!(post_call_rules_benches, benches);
criterion_main!(post_call_rules_benches);
