//! The `rules` target: arbitrary post-call rule sets and calls.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, TimeZone, Timelike, Utc};
use post_call_rules::{
    alphanumeric_sender_problems, CallRecord, CallStatus, CompiledRules,
    Direction, DurationRange, FindingKind, History, HitPolicy, Host,
    IntervalScope, LineType, MaybeMobile, NumberDetails, Recipient, Region,
    Rule, RuleOutcome, RuleSet, SendLog, Sender, Suppressed, TraceResult,
    WindowState,
};

const NUMBERS: [&str; 12] = [
    "+48601234567",
    "+48221234567",
    "+36301234567",
    "+4860",
    "+36",
    "",
    "+12015550123",
    "+48 601-234-567",
    "+48600100200",
    "+48 600 100 400",
    "+447700900123",
    "+48227654321",
];
const KEYS: [&str; 4] = ["1", "2", "21", "3#"];
/// Send windows by name; see [`window_state`].
const WINDOWS: [&str; 6] =
    ["Office", "Never", "Missing", "Past", "Always", "Now"];
/// The account's numbers the structured mode draws from.
const ACCOUNT: [&str; 4] =
    ["+48600100200", "+48 600 100 300", "+48600100400", "+48601234567"];

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

    fn one<'p>(&mut self, pool: &'p [String]) -> &'p str {
        self.nth(pool, 0)
    }

    /// An item of `pool`, `skip` places after the byte's.
    fn nth<'p>(&mut self, pool: &'p [String], skip: usize) -> &'p str {
        match pool.len() {
            0 => "",
            n => &pool[(usize::from(self.next()) + skip) % n],
        }
    }
}

fn status(b: u8) -> CallStatus {
    CallStatus::ALL[usize::from(b) % CallStatus::ALL.len()]
}

fn rule(b: &mut Bytes<'_>, i: usize) -> Rule {
    let flags = b.next();
    let sender = match b.next() % 5 {
        0 => Sender::Random,
        1 => Sender::Number(ACCOUNT[usize::from(b.next()) % 4].into()),
        2 => Sender::Alphanumeric(
            ["ACME", "Bad@", "", "ABCDEFGHIJKL", " AC", "A  B", "12", "A"]
                [usize::from(b.next() % 8)]
            .into(),
        ),
        3 => Sender::Number("+48 22 000 00 00".into()),
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
    // Which conditions the rule has: few, so that calls match.
    let has = b.next();
    let on = |k: u8| has >> k & 1 == 1;
    if on(0) {
        // The account's own lines (every rule's routed-to numbers are).
        r.when.routed_to =
            b.pick(&["+48221234567", "+48 22 765 43 21", "+36 1 234 5678"]);
    }
    if on(1) {
        let s = b.next();
        r.when.status = (0..5)
            .filter(|k| s >> k & 1 == 1)
            .map(|k| status(k as u8))
            .collect();
    }
    if on(2) {
        let (min, max) = (b.next(), b.next());
        r.when.duration = DurationRange::new(
            u32::from(min % 8) * 15,
            (max & 0x80 != 0).then_some(u32::from(max % 16) * 10),
        );
    }
    if on(3) {
        r.when.caller.numbers = b.pick(&NUMBERS[..3]);
    }
    if on(4) {
        r.when.caller.prefixes = b.pick(&["+4860", "+36", "+48 6"]);
    }
    if on(5) {
        r.when.caller.regions = b
            .pick(&["PL", "HU", "US"])
            .iter()
            .filter_map(|s| Region::new(s))
            .collect();
    }
    if on(6) {
        r.when.caller.foreign = Some(b.next() & 1 == 1);
    }
    if on(7) {
        r.when.caller.ivr_keys = b.pick(&KEYS);
    }
    r.to = match b.next() % 7 {
        0 => Recipient::Called,
        1 => Recipient::Group("Staff".into()),
        2 => Recipient::Group("Nobody".into()),
        3 => Recipient::Group("Ghost".into()),
        4 => Recipient::Caller,
        _ => Recipient::Customer,
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
                    vec!["+48600100200".into(), "+48 600 100 300".into()]
                } else {
                    vec![]
                })
                .random_senders(if flags & 8 == 0 {
                    vec![]
                } else {
                    b.pick(&ACCOUNT[1..])
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

/// The numbers and keys calls are made of: the fixed pools, and what the
/// rule set names (so that a real rule set's conditions can hold).
struct Pools {
    numbers: Vec<String>,
    keys: Vec<String>,
    groups: Vec<String>,
}

impl Pools {
    fn new(set: &RuleSet) -> Pools {
        let mut numbers: Vec<String> =
            NUMBERS.iter().map(|s| s.to_string()).collect();
        let mut keys: Vec<String> = ["1", "", "21", "213", "3#"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut groups: Vec<String> =
            ["Staff", "Nobody"].iter().map(|s| s.to_string()).collect();
        let a = &set.account;
        numbers.extend(a.mobile_numbers.iter().cloned());
        numbers.extend(a.random_senders.iter().cloned());
        for r in &set.rules {
            let w = &r.when;
            numbers.extend(w.routed_to.iter().cloned());
            numbers.extend(w.caller.numbers.iter().cloned());
            numbers
                .extend(w.caller.prefixes.iter().map(|p| format!("{p}1234")));
            keys.extend(w.caller.ivr_keys.iter().map(|k| format!("{k}1")));
            if let Recipient::Group(g) = &r.to {
                groups.push(g.clone());
            }
        }
        // In order, the fixed pools first (zeros pick a mobile number).
        for v in [&mut numbers, &mut keys, &mut groups] {
            let mut seen = std::collections::HashSet::new();
            v.retain(|x| seen.insert(x.clone()));
            v.truncate(64);
        }
        Pools { numbers, keys, groups }
    }
}

fn call(b: &mut Bytes<'_>, pools: &Pools) -> CallRecord {
    let flags = b.next();
    let direction =
        if flags & 1 == 0 { Direction::Incoming } else { Direction::Outgoing };
    let end = if flags & 2 != 0 {
        // Near the end of chrono's range.
        DateTime::<Utc>::MAX_UTC - TimeDelta::seconds(i64::from(b.next()))
    } else {
        base()
            + TimeDelta::seconds(i64::from(b.next()) * 1200)
            + TimeDelta::nanoseconds(i64::from(flags >> 4))
    };
    let caller = b.one(&pools.numbers).to_string();
    let called = b.nth(&pools.numbers, 2).to_string();
    let mut c =
        CallRecord::new(direction, &caller, &called, status(b.next()), end);
    c.routed_to = b.nth(&pools.numbers, 1).to_string();
    c.duration_secs = u32::from(b.next());
    c.ivr_keys = b.one(&pools.keys).to_string();
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
    } else if n.starts_with("+447") {
        d(LineType::Mobile, 44, "GB")
    } else if n.starts_with("+1") {
        d(LineType::FixedLineOrMobile, 1, "US")
    } else {
        NumberDetails::UNKNOWN
    }
}

/// The host's send windows: open at even hours, else opening at the next
/// hour ("Office"); never opening; unknown; "opening" an hour ago; always
/// open; "opening" at the very instant asked about. Other names (those
/// of a JSON rule set) get one of these by `salt`.
fn window_state(
    name: &str,
    at: DateTime<Utc>,
    salt: u8,
) -> Option<WindowState> {
    let kind = match WINDOWS.iter().position(|w| *w == name) {
        Some(k) => k,
        None => {
            let sum = name.bytes().fold(salt, u8::wrapping_add);
            usize::from(sum) % WINDOWS.len()
        }
    };
    let hour = at
        .with_nanosecond(0)
        .and_then(|t| t.with_second(0).and_then(|t| t.with_minute(0)));
    let closed = |opens| Some(WindowState::Closed { opens });
    match kind {
        0 if at.hour() & 1 == 0 => Some(WindowState::Open),
        0 => closed(
            hour.and_then(|h| h.checked_add_signed(TimeDelta::hours(1))),
        ),
        1 => closed(None),
        3 => closed(at.checked_sub_signed(TimeDelta::hours(1))),
        4 => Some(WindowState::Open),
        5 => closed(Some(at)),
        _ => None,
    }
}

/// The host's staff groups: "Staff" lists a member twice (once with
/// separators), a fixed line and one of the account's numbers; "Nobody"
/// is empty; other names of the pools get members from the bytes, or no
/// group at all.
fn staff(b: &mut Bytes<'_>, pools: &Pools) -> HashMap<String, Vec<String>> {
    let mut groups = HashMap::new();
    for g in &pools.groups {
        let members = match g.as_str() {
            "Staff" => vec![
                "+48501000000".into(),
                "+48221112233".into(),
                "+48 501 000 000".into(),
                "+48600100200".into(),
                "+447700900123".into(),
            ],
            "Nobody" => vec![],
            _ => {
                let mask = b.next();
                if mask == 0 {
                    continue;
                }
                (0..8)
                    .filter(|k| mask >> k & 1 == 1)
                    .map(|k| {
                        pools.numbers[(k * 7) % pools.numbers.len()].clone()
                    })
                    .collect()
            }
        };
        groups.insert(g.clone(), members);
    }
    groups
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
                .any(|p| caller.starts_with(&normalize(p))))
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

/// A sender as the model expects it to be delivered: 2 to 11 of letters,
/// digits, space, `-`, `_` and `.`, with a letter, no space at either
/// end and no two in a row.
fn deliverable(a: &str) -> bool {
    let n = a.chars().count();
    (2..=11).contains(&n)
        && a.chars().all(|c| c.is_ascii_alphanumeric() || " -_.".contains(c))
        && a.chars().any(|c| c.is_ascii_alphabetic())
        && !a.starts_with(' ')
        && !a.ends_with(' ')
        && !a.contains("  ")
}

/// FNV-1a, 64-bit, as the crate documents it for the random sender.
struct Fnv(u64);

impl Fnv {
    fn bytes(mut self, bytes: &[u8]) -> Fnv {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        self
    }

    fn field(self, bytes: &[u8]) -> Fnv {
        self.bytes(bytes).bytes(&[0xFF])
    }
}

/// What the model expects of one decision.
#[derive(Debug, PartialEq)]
enum Want {
    Plan { at: DateTime<Utc>, sender: String, queue: bool },
    Suppress(Suppressed),
}

/// The host as the model sees it.
struct World<'a> {
    groups: &'a HashMap<String, Vec<String>>,
    salt: u8,
    seed: u64,
    /// Sends recorded in the history: number as written, rule, instant.
    sends: &'a [(String, String, DateTime<Utc>)],
}

/// The decisions the documentation promises for `c`: (rule, recipient,
/// outcome), in evaluation order.
fn model(
    set: &RuleSet,
    c: &CallRecord,
    world: &World<'_>,
) -> Vec<(usize, Option<String>, Want)> {
    let mut order: Vec<usize> = (0..set.rules.len()).collect();
    order.sort_by_key(|&i| (set.rules[i].priority, i));
    let mut own: Vec<String> = set
        .account
        .mobile_numbers
        .iter()
        .chain(&set.account.random_senders)
        .chain(set.rules.iter().flat_map(|r| &r.when.routed_to))
        .map(|n| normalize(n))
        .collect();
    own.push(normalize(&c.routed_to));
    let pool: Vec<String> = if set.account.random_senders.is_empty() {
        &set.account.mobile_numbers
    } else {
        &set.account.random_senders
    }
    .iter()
    .map(|n| normalize(n))
    .collect();
    let mut out = Vec::new();
    // Sends planned in this evaluation: recipient, rule name, instant.
    let mut planned: Vec<(String, String, DateTime<Utc>)> = Vec::new();
    for i in order {
        let r = &set.rules[i];
        if !matches(set, r, c) {
            continue;
        }
        if !r.enabled {
            out.push((i, None, Want::Suppress(Suppressed::Disabled)));
            continue;
        }
        let customer_is_caller = match &r.to {
            Recipient::Customer => c.direction == Direction::Incoming,
            Recipient::Caller => true,
            _ => false,
        };
        let recipients: Vec<String> = match &r.to {
            Recipient::Group(g) => match world.groups.get(g) {
                None => {
                    let why = Suppressed::UnknownGroup { group: g.clone() };
                    out.push((i, None, Want::Suppress(why)));
                    vec![]
                }
                Some(m) if m.is_empty() => {
                    let why = Suppressed::EmptyGroup { group: g.clone() };
                    out.push((i, None, Want::Suppress(why)));
                    vec![]
                }
                Some(m) => {
                    let mut seen: Vec<String> = Vec::new();
                    for n in m {
                        let n = normalize(n);
                        if !seen.contains(&n) {
                            seen.push(n);
                        }
                    }
                    seen
                }
            },
            _ if customer_is_caller => vec![normalize(&c.caller)],
            _ => vec![normalize(&c.called)],
        };
        let group = matches!(r.to, Recipient::Group(_));
        for who in recipients {
            let want =
                outcome(set, r, c, world, &who, group, &own, &pool, &planned);
            if let Want::Plan { at, .. } = &want {
                planned.push((who.clone(), r.name.clone(), *at));
            }
            out.push((i, Some(who), want));
        }
        if set.hit_policy == HitPolicy::FirstMatch {
            break;
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn outcome(
    set: &RuleSet,
    r: &Rule,
    c: &CallRecord,
    world: &World<'_>,
    who: &str,
    group: bool,
    own: &[String],
    pool: &[String],
    planned: &[(String, String, DateTime<Utc>)],
) -> Want {
    use Suppressed as S;
    if who.is_empty() {
        return Want::Suppress(S::NoRecipientNumber);
    }
    if own.iter().any(|n| n == who) {
        return Want::Suppress(S::OwnNumber);
    }
    let line_type = plan(who).line_type;
    let mobile = match line_type {
        LineType::Mobile => true,
        LineType::FixedLineOrMobile => {
            set.fixed_line_or_mobile == MaybeMobile::Send
        }
        _ => false,
    };
    if !mobile {
        return Want::Suppress(S::NotMobile { line_type });
    }
    let sender = match &r.sender {
        Sender::Number(n) => normalize(n),
        Sender::Alphanumeric(a) if deliverable(a) => a.clone(),
        Sender::Alphanumeric(_) => return Want::Suppress(S::InvalidSender),
        Sender::Random if pool.is_empty() => {
            return Want::Suppress(S::NoSender)
        }
        Sender::Random => {
            let mut h = Fnv(0xcbf2_9ce4_8422_2325)
                .field(r.name.as_bytes())
                .field(&world.seed.to_le_bytes())
                .field(c.caller.as_bytes())
                .field(c.routed_to.as_bytes())
                .bytes(&c.end.timestamp().to_le_bytes())
                .field(&c.end.timestamp_subsec_nanos().to_le_bytes());
            if group {
                h = h.field(who.as_bytes());
            }
            pool[(h.0 % pool.len() as u64) as usize].clone()
        }
        other => panic!("a sender this check does not know: {other:?}"),
    };
    let delay = TimeDelta::seconds(r.delay_secs.into());
    let Some(base) = c.end.checked_add_signed(delay) else {
        return Want::Suppress(S::TimeOutOfRange);
    };
    let mut open = false;
    let mut next: Option<DateTime<Utc>> = None;
    for w in &r.windows {
        match window_state(w, base, world.salt) {
            None => {
                return Want::Suppress(S::UnknownWindow { window: w.clone() })
            }
            Some(WindowState::Open) => open = true,
            Some(WindowState::Closed { opens: Some(t) }) if t > base => {
                next = Some(next.map_or(t, |n| n.min(t)));
            }
            Some(_) => {}
        }
    }
    let at = match (r.windows.is_empty() || open, next) {
        (true, _) => base,
        (false, Some(t)) => t,
        (false, None) => return Want::Suppress(S::NoWindowOpens),
    };
    if r.min_interval_secs > 0 {
        let key = match r.interval_scope {
            IntervalScope::Rule => Some(r.name.as_str()),
            IntervalScope::AllRules => None,
            other => panic!("a scope this check does not know: {other:?}"),
        };
        let last = world
            .sends
            .iter()
            .map(|(n, rule, at)| (normalize(n), rule, at))
            .chain(planned.iter().map(|(n, rule, at)| (n.clone(), rule, at)))
            .filter(|(n, rule, _)| n == who && key.is_none_or(|k| k == *rule))
            .map(|(_, _, at)| *at)
            .max();
        if let Some(last) = last {
            let gap = TimeDelta::seconds(r.min_interval_secs.into());
            // An interval that ends beyond the last instant chrono can
            // hold allows no send; it is reported as ending at that instant.
            match last.checked_add_signed(gap) {
                Some(until) if at >= until => {}
                until => {
                    let until = until.unwrap_or(DateTime::<Utc>::MAX_UTC);
                    return Want::Suppress(S::IntervalNotElapsed { until });
                }
            }
        }
    }
    Want::Plan { at, sender, queue: !r.auto_send }
}

/// Checks one rule set against calls: the plain and traced evaluations
/// agree, the trace agrees with an independent matcher, every decision
/// (recipient, sender, instant, suppression reason) is the model's, and
/// the static checks are sound on these calls.
fn check_set(
    set: &RuleSet,
    compiled: &CompiledRules,
    calls: &[CallRecord],
    log: &SendLog,
    world: &World<'_>,
) {
    let windows = |name: &str, at| window_state(name, at, world.salt);
    let p = &plan;
    let host = Host::new(p)
        .windows(&windows)
        .history(log)
        .groups(world.groups)
        .seed(world.seed);
    let names: Vec<&str> = WINDOWS[..2].to_vec();
    let findings = compiled.check(&names);
    for r in &set.rules {
        if let Sender::Alphanumeric(a) = &r.sender {
            assert_eq!(
                deliverable(a),
                alphanumeric_sender_problems(a).is_empty(),
                "{a:?}"
            );
        }
    }
    for c in calls {
        let plain = compiled.evaluate(c, &host);
        let traced = compiled.evaluate_traced(c, &host);
        assert_eq!(plain.decisions(), traced.decisions());
        let Some(trace) = traced.trace() else { panic!("no trace") };
        assert_eq!(trace.len(), set.rules.len());
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
        }
        let want = model(set, c, world);
        let got: Vec<(usize, Option<String>, Want)> = plain
            .decisions()
            .iter()
            .map(|d| {
                let r = &set.rules[d.rule()];
                assert_eq!(d.rule_name(), r.name);
                let w = match d.outcome() {
                    RuleOutcome::Send(p) | RuleOutcome::Queue(p) => {
                        assert_eq!(p.message(), &r.message);
                        Want::Plan {
                            at: p.at(),
                            sender: p.sender().to_string(),
                            queue: matches!(
                                d.outcome(),
                                RuleOutcome::Queue(_)
                            ),
                        }
                    }
                    RuleOutcome::Suppress(s) => Want::Suppress(s.clone()),
                    other => panic!(
                        "an outcome this check does not know: {other:?}"
                    ),
                };
                (d.rule(), d.recipient().map(str::to_string), w)
            })
            .collect();
        assert_eq!(got, want, "{c:?}");
        // Stated directly too: nothing planned for one of the account's
        // own numbers, and a random sender is one of the pool.
        let a = &set.account;
        for d in plain.decisions() {
            let Some(p) = d.outcome().planned() else { continue };
            let Some(who) = d.recipient() else { panic!("{d:?}") };
            let own = a
                .mobile_numbers
                .iter()
                .chain(&a.random_senders)
                .chain(set.rules.iter().flat_map(|r| &r.when.routed_to))
                .chain([&c.routed_to]);
            assert!(own.into_iter().all(|n| normalize(n) != who), "{d:?}");
            if set.rules[d.rule()].sender == Sender::Random {
                let pool = if a.random_senders.is_empty() {
                    &a.mobile_numbers
                } else {
                    &a.random_senders
                };
                assert!(pool.iter().any(|n| normalize(n) == p.sender()));
            }
        }
        // The history as `SendLog` answers it, against the sends as
        // recorded.
        for d in plain.decisions() {
            let Some(who) = d.recipient() else { continue };
            let last = world
                .sends
                .iter()
                .filter(|(n, _, _)| normalize(n) == who)
                .map(|&(_, _, at)| at)
                .max();
            assert_eq!(log.last_send(who, None), last);
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

/// Arbitrary rule sets and calls, every decision compared with a model.
///
/// First byte odd: the rest, up to a zero byte, is rule-set JSON
/// (reading never panics; `CompiledRules::from_json` agrees with reading
/// then compiling); the bytes after the zero (or the JSON's own bytes)
/// build the calls, the history and the host. Even: the rule set is built
/// from the bytes too, through the public constructors. Either way the
/// rule set reads back equal from its JSON.
pub fn check_rules(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else { return };
    let (set, mut b) = if mode & 1 == 1 {
        let (json, tail) = match rest.iter().position(|&x| x == 0) {
            Some(z) => (&rest[..z], &rest[z + 1..]),
            None => (rest, rest),
        };
        let Ok(text) = std::str::from_utf8(json) else { return };
        let direct = CompiledRules::from_json(text);
        let Ok(set) = RuleSet::from_json(text) else {
            assert!(direct.is_err());
            return;
        };
        assert_eq!(direct.is_ok(), set.compile().is_ok());
        (set, Bytes(tail))
    } else {
        let mut b = Bytes(rest);
        (rule_set(&mut b), b)
    };
    match RuleSet::from_json(&set.to_json()) {
        Ok(back) => assert_eq!(back, set),
        Err(e) => panic!("a rule set's JSON does not read back: {e}"),
    }
    let Ok(compiled) = set.compile() else { return };
    let pools = Pools::new(&set);
    let calls: Vec<CallRecord> =
        (0..3).map(|_| call(&mut b, &pools)).collect();
    // Numbers recorded as written (some with separators): the history
    // must find them as the rules compare them.
    let mut log = SendLog::new();
    let mut sends = Vec::new();
    for _ in 0..(b.next() % 6) {
        let who = b.one(&pools.numbers).to_string();
        let at = base() + TimeDelta::seconds(i64::from(b.next() as i8) * 1800);
        let names: Vec<String> =
            set.rules.iter().map(|r| r.name.clone()).collect();
        let rule = match b.one(&names) {
            "" => "R0".to_string(),
            n => n.to_string(),
        };
        log.record(&who, &rule, at);
        sends.push((who, rule, at));
    }
    let groups = staff(&mut b, &pools);
    let world = World {
        groups: &groups,
        salt: b.next(),
        seed: u64::from(b.next()) * 0x9E37_79B9,
        sends: &sends,
    };
    check_set(&set, &compiled, &calls, &log, &world);
}
