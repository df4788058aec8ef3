//! Static checks of a compiled rule set: rules that can never
//! match, rules shadowed under first-match, senders that cannot be used,
//! unknown windows and duplicate names.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::compile::{CompiledRule, CompiledRules};
use crate::rule::{HitPolicy, Recipient, Sender};
use crate::spelling::spelled;
use crate::{
    alphanumeric_sender_problems, CallStatus, Direction, SenderProblem,
};

/// One finding of [`CompiledRules::check`].
///
/// Serializes as `{"rule": 1, "name": "Long answered", "kind": {"type":
/// "shadowed", "by": 0, "by_name": "Any answered"}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    rule: usize,
    name: String,
    kind: FindingKind,
}

impl Finding {
    /// The rule's position in the rule set's list.
    pub fn rule(&self) -> usize {
        self.rule
    }

    /// The rule's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What was found.
    pub fn kind(&self) -> &FindingKind {
        &self.kind
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rule {} {:?}: {}", self.rule, self.name, self.kind)
    }
}

/// The kinds of [`Finding`]. Serialized with a `"type"` in snake case
/// (`"never_matches"`) beside the fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum FindingKind {
    /// No call can satisfy the rule's conditions.
    NeverMatches(NeverMatches),
    /// Under first-match, an earlier enabled rule accepts every call this
    /// one accepts, so this one never decides.
    Shadowed {
        /// The earlier rule's position in the list.
        by: usize,
        /// Its name.
        by_name: String,
    },
    /// The alphanumeric sender would not be delivered as written.
    InvalidSender(SenderProblem),
    /// A `{"number": ...}` sender that is not one of the account's
    /// mobile numbers.
    SenderNotAccountNumber {
        /// The number.
        number: String,
    },
    /// A random sender, but the account has neither random senders nor
    /// mobile numbers.
    NoRandomSender,
    /// A window the host does not have.
    UnknownWindow {
        /// The window's name.
        window: String,
    },
    /// Another rule has the same name (ignoring case and surrounding
    /// spaces); per-rule history would mix them up.
    DuplicateName {
        /// The position of the first rule with that name.
        first: usize,
    },
    /// Every recipient the rule can have is one of the account's own
    /// numbers, to which nothing is ever sent
    /// ([`Suppressed::OwnNumber`](crate::Suppressed::OwnNumber)): the
    /// caller of a rule only for outgoing calls, the called number of a
    /// rule only for incoming calls, or a caller the rule accepts only
    /// from the account's own numbers. The customer is `"to":
    /// "customer"`.
    SendsOnlyToAccount {
        /// Whom the rule sends to.
        recipient: Recipient,
        /// The one direction the rule accepts, when that is why; `None`
        /// when the caller numbers it accepts are all the account's.
        direction: Option<Direction>,
    },
    /// The shadowing check stopped at this rule: comparing the rule set's
    /// pairs of rules would take more than its work limit. This rule and
    /// the later ones are not checked for shadowing; every other check
    /// still is.
    NotChecked {
        /// The limit, in steps of about one comparison of two numbers.
        limit: u64,
        /// What most of the work went into, which is what to shrink.
        exhausted_by: ShadowingWork,
    },
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FindingKind::NeverMatches(why) => {
                write!(f, "can never match: {why}")
            }
            FindingKind::Shadowed { by, by_name } => write!(
                f,
                "never applies under first-match: rule {by} {by_name:?} \
                 accepts every call it does; move it earlier or narrow \
                 the other"
            ),
            FindingKind::InvalidSender(p) => {
                write!(f, "invalid alphanumeric sender: {p}")
            }
            FindingKind::SenderNotAccountNumber { number } => write!(
                f,
                "sender {number:?} is not one of account.mobile_numbers"
            ),
            FindingKind::NoRandomSender => f.write_str(
                "random sender, but the account has neither random senders \
                 nor mobile numbers",
            ),
            FindingKind::UnknownWindow { window } => {
                write!(f, "unknown send window {window:?}")
            }
            FindingKind::DuplicateName { first } => {
                write!(f, "the same name as rule {first}")
            }
            FindingKind::SendsOnlyToAccount { recipient, direction } => {
                let whom = match recipient {
                    Recipient::Called => "the called number",
                    Recipient::Customer => "the customer",
                    _ => "the caller",
                };
                match direction {
                    Some(d) => write!(
                        f,
                        "only for {d} calls, but sends to {whom}, which is \
                         the account's own number there, so it never sends; \
                         write \"to\": \"customer\" to reach the customer"
                    ),
                    None => write!(
                        f,
                        "sends to {whom}, but accepts only callers that are \
                         the account's own numbers, so it never sends"
                    ),
                }
            }
            FindingKind::NotChecked { limit, exhausted_by } => write!(
                f,
                "not checked for shadowing, nor are the rules after it: \
                 the check's work limit ({limit} steps) was reached, \
                 mostly {}; {}",
                exhausted_by.words(),
                exhausted_by.advice()
            ),
        }
    }
}

/// What the shadowing check's work goes into: comparing pairs of rules,
/// and within a pair, looking up the items of one rule's lists in the
/// other's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ShadowingWork {
    /// Comparing pairs of rules (one step a pair, whatever it holds).
    RulePairs,
    /// Looking up routed-to numbers.
    RoutedTo,
    /// Looking up caller numbers.
    CallerNumbers,
    /// Looking up caller prefixes.
    CallerPrefixes,
    /// Looking up caller regions.
    CallerRegions,
    /// Looking up IVR key sequences.
    IvrKeys,
}

spelled!(ShadowingWork, "a kind of shadowing-check work", "What the shadowing check's work goes into.", [
    RulePairs => "rule_pairs",
    RoutedTo => "routed_to",
    CallerNumbers => "caller.numbers",
    CallerPrefixes => "caller.prefixes",
    CallerRegions => "caller.regions",
    IvrKeys => "caller.ivr_keys",
]);

impl ShadowingWork {
    const ALL: [ShadowingWork; 6] = [
        ShadowingWork::RulePairs,
        ShadowingWork::RoutedTo,
        ShadowingWork::CallerNumbers,
        ShadowingWork::CallerPrefixes,
        ShadowingWork::CallerRegions,
        ShadowingWork::IvrKeys,
    ];

    fn index(self) -> usize {
        match self {
            ShadowingWork::RulePairs => 0,
            ShadowingWork::RoutedTo => 1,
            ShadowingWork::CallerNumbers => 2,
            ShadowingWork::CallerPrefixes => 3,
            ShadowingWork::CallerRegions => 4,
            ShadowingWork::IvrKeys => 5,
        }
    }

    fn words(self) -> &'static str {
        match self {
            ShadowingWork::RulePairs => "comparing pairs of rules",
            ShadowingWork::RoutedTo => "comparing routed-to number lists",
            ShadowingWork::CallerNumbers => "comparing caller number lists",
            ShadowingWork::CallerPrefixes => "comparing caller prefix lists",
            ShadowingWork::CallerRegions => "comparing caller region lists",
            ShadowingWork::IvrKeys => "comparing IVR key lists",
        }
    }

    fn advice(self) -> &'static str {
        match self {
            ShadowingWork::RulePairs => {
                "the set has more pairs of rules than the limit allows; \
                 raise it with check_with_limit"
            }
            ShadowingWork::RoutedTo => "shorten the routed-to number lists",
            ShadowingWork::CallerNumbers => "shorten the caller number lists",
            ShadowingWork::CallerPrefixes => "shorten the caller prefix lists",
            ShadowingWork::CallerRegions => "shorten the caller region lists",
            ShadowingWork::IvrKeys => "shorten the IVR key lists",
        }
    }
}

/// The work done so far, by kind.
struct Work {
    spent: [u64; ShadowingWork::ALL.len()],
    total: u64,
}

impl Work {
    fn new() -> Work {
        Work { spent: [0; ShadowingWork::ALL.len()], total: 0 }
    }

    fn charge(&mut self, kind: ShadowingWork, steps: u64) {
        self.spent[kind.index()] += steps;
        self.total = self.total.saturating_add(steps);
    }

    /// The kind most of the work went into.
    fn most(&self) -> ShadowingWork {
        let mut most = ShadowingWork::RulePairs;
        for k in ShadowingWork::ALL {
            if self.spent[k.index()] > self.spent[most.index()] {
                most = k;
            }
        }
        most
    }
}

/// Why a rule can never match. Serialized with a `"why"` in snake case
/// (`"empty_duration_range"`) beside the fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
#[non_exhaustive]
pub enum NeverMatches {
    /// The duration range's minimum is above its maximum.
    EmptyDurationRange {
        /// The minimum.
        min_secs: u32,
        /// The maximum.
        max_secs: u32,
    },
    /// It needs talk time, but accepts only statuses without any (missed,
    /// busy, ...): only answered calls have talk time.
    NoTalkTime {
        /// The minimum duration.
        min_secs: u32,
    },
    /// It lists caller numbers and prefixes, and no listed number has a
    /// listed prefix.
    NoNumberHasPrefix,
}

impl fmt::Display for NeverMatches {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NeverMatches::EmptyDurationRange { min_secs, max_secs } => write!(
                f,
                "the duration range {min_secs}–{max_secs} s is empty"
            ),
            NeverMatches::NoTalkTime { min_secs } => write!(
                f,
                "it needs at least {min_secs} s of talk time, but only \
                 answered calls have any and it does not accept them"
            ),
            NeverMatches::NoNumberHasPrefix => f.write_str(
                "none of its caller numbers starts with one of its prefixes",
            ),
        }
    }
}

impl CompiledRules {
    /// Every finding, ordered by rule position: rules that can never
    /// match, rules shadowed under first-match, invalid senders, windows
    /// not among `windows` (the host's window names), duplicate names,
    /// and rules that can only ever send to the account's own numbers
    /// (to the caller of outgoing calls, to the called number of
    /// incoming calls, to callers that are all the account's numbers).
    ///
    /// Shadowing compares the sets of calls two rules accept, condition by
    /// condition (direction, routed-to numbers, status with duration —
    /// only answered calls have talk time —, caller numbers and prefixes
    /// as sets of numbers, regions, foreign, IVR key prefixes). It is
    /// exact for each condition but knows no numbering plan, so it does
    /// not see that `+36` callers are all in region `HU`: it reports
    /// only rules that are certainly shadowed. Only enabled rules that
    /// can match shadow or are shadowed, and only under first-match.
    ///
    /// It takes up to O(n²) pair comparisons for n rules (a rule is only
    /// compared with the earlier rules that list its first routed-to
    /// number or list none), each stopping at the first condition that
    /// differs; comparing routed-to and caller numbers, prefixes and IVR
    /// keys costs a binary search per listed item. The whole is bounded
    /// by a work limit of 100 million steps ([`CHECK_WORK`]): beyond it,
    /// [`FindingKind::NotChecked`] names the rule where the shadowing
    /// check stopped and what the work went into (see the crate's
    /// `# Input safety`).
    ///
    /// # Example
    ///
    /// ```
    /// use post_call_rules::{CompiledRules, FindingKind};
    ///
    /// let rules = CompiledRules::from_json(r#"{"rules": [
    ///   {"name": "Any answered", "when": {"status": ["answered"]},
    ///    "sender": {"alphanumeric": "ACME"}, "message": {"text": "Thanks"}},
    ///   {"name": "Long answered",
    ///    "when": {"status": ["answered"], "duration": {"min_secs": 60}},
    ///    "sender": {"alphanumeric": "ACME"}, "message": {"text": "Thanks!"}}
    /// ]}"#)?;
    /// let findings = rules.check(&[]);
    /// assert_eq!(findings.len(), 1);
    /// assert_eq!(findings[0].rule(), 1);
    /// assert!(matches!(findings[0].kind(), FindingKind::Shadowed { by: 0, .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self, windows: &[&str]) -> Vec<Finding> {
        self.check_with_limit(windows, CHECK_WORK)
    }

    /// [`check`](Self::check) with another work limit for the shadowing
    /// check than [`CHECK_WORK`]: lower for rule sets from untrusted
    /// users, higher (up to `u64::MAX`) to always finish.
    ///
    /// # Example
    ///
    /// ```
    /// use post_call_rules::{CompiledRules, FindingKind};
    ///
    /// let rule = |name: &str| format!(
    ///     r#"{{"name": "{name}", "sender": {{"alphanumeric": "ACME"}},
    ///         "message": {{"text": "Hi"}}}}"#
    /// );
    /// let json = format!(r#"{{"rules": [{}, {}, {}]}}"#, rule("a"), rule("b"), rule("c"));
    /// let rules = CompiledRules::from_json(&json)?;
    /// // Each comparison of two rules costs at least one step. With a
    /// // limit of 0, rule 1 is still compared (nothing is spent yet) and
    /// // found shadowed by rule 0; the check stops at rule 2.
    /// let findings = rules.check_with_limit(&[], 0);
    /// assert_eq!(findings[0].rule(), 1);
    /// assert!(matches!(findings[0].kind(), FindingKind::Shadowed { by: 0, .. }));
    /// assert_eq!(findings[1].rule(), 2);
    /// assert!(matches!(findings[1].kind(), FindingKind::NotChecked { limit: 0, .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_with_limit(
        &self,
        windows: &[&str],
        limit: u64,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        let finding = |r: &CompiledRule, kind| Finding {
            rule: r.index,
            name: r.rule.name.clone(),
            kind,
        };
        let never: Vec<Option<NeverMatches>> =
            self.rules.iter().map(never_matches).collect();
        let mut names: HashMap<String, usize> = HashMap::new();
        let mut by_index: Vec<&CompiledRule> = self.rules.iter().collect();
        by_index.sort_by_key(|r| r.index);
        for r in by_index {
            let key = r.rule.name.trim().to_lowercase();
            match names.get(&key) {
                Some(&first) => {
                    out.push(finding(r, FindingKind::DuplicateName { first }))
                }
                None => {
                    names.insert(key, r.index);
                }
            }
        }
        let mut work = Work::new();
        let mut shadowing = true;
        // The earlier rules that can shadow a later one (enabled, can
        // match), in evaluation order: those with no routed-to condition,
        // and per routed-to number those that list it. A rule that lists
        // routed-to numbers can only be shadowed by one that lists its
        // first number too, or lists none, so only those are compared.
        let mut any_routed: Vec<usize> = Vec::new();
        let mut by_routed: Vec<Vec<usize>> =
            vec![Vec::new(); self.buckets.len()];
        for (pos, r) in self.rules.iter().enumerate() {
            if let Some(why) = &never[pos] {
                out.push(finding(r, FindingKind::NeverMatches(why.clone())));
            } else if self.hit_policy == HitPolicy::FirstMatch
                && r.rule.enabled
                && shadowing
            {
                let same_routed: &[usize] = match r.routed.first() {
                    Some(&b) => by_routed.get(b as usize).map_or(&[], |l| l),
                    None => &[],
                };
                let mut over = false;
                let by = merged(&any_routed, same_routed).find(|&i| {
                    if work.total > limit {
                        over = true;
                        return true;
                    }
                    covers(&self.rules[i], r, &mut work)
                });
                if over {
                    // The answer for this rule may be incomplete: say so,
                    // and stop comparing.
                    shadowing = false;
                    out.push(finding(
                        r,
                        FindingKind::NotChecked {
                            limit,
                            exhausted_by: work.most(),
                        },
                    ));
                } else if let Some(i) = by {
                    let a = &self.rules[i];
                    out.push(finding(
                        r,
                        FindingKind::Shadowed {
                            by: a.index,
                            by_name: a.rule.name.clone(),
                        },
                    ));
                }
            }
            if r.rule.enabled && never[pos].is_none() {
                if r.routed.is_empty() {
                    any_routed.push(pos);
                }
                for &b in &r.routed {
                    if let Some(l) = by_routed.get_mut(b as usize) {
                        l.push(pos);
                    }
                }
            }
            match &r.rule.sender {
                Sender::Alphanumeric(a) => {
                    for p in alphanumeric_sender_problems(a) {
                        out.push(finding(r, FindingKind::InvalidSender(p)));
                    }
                }
                Sender::Number(_) => {
                    if let crate::compile::SenderKind::Fixed(n) = &r.sender {
                        if !self.senders.contains(n) {
                            out.push(finding(
                                r,
                                FindingKind::SenderNotAccountNumber {
                                    number: n.clone(),
                                },
                            ));
                        }
                    }
                }
                Sender::Random => {
                    if self.random.is_empty() {
                        out.push(finding(r, FindingKind::NoRandomSender));
                    }
                }
            }
            if let Some(kind) = self.sends_only_to_account(r) {
                out.push(finding(r, kind));
            }
            for w in &r.rule.windows {
                if !windows.contains(&w.as_str()) {
                    out.push(finding(
                        r,
                        FindingKind::UnknownWindow { window: w.clone() },
                    ));
                }
            }
        }
        // Stable: per rule, the order found.
        out.sort_by_key(|f| f.rule);
        out
    }
}

impl CompiledRules {
    /// Whether every recipient `r` can have is one of the account's own
    /// numbers (see [`FindingKind::SendsOnlyToAccount`]).
    fn sends_only_to_account(&self, r: &CompiledRule) -> Option<FindingKind> {
        let incoming = Direction::Incoming.bit();
        let outgoing = Direction::Outgoing.bit();
        let to = &r.rule.to;
        let found = |direction| {
            Some(FindingKind::SendsOnlyToAccount {
                recipient: to.clone(),
                direction,
            })
        };
        match to {
            Recipient::Caller if r.direction_bits == outgoing => {
                return found(Some(Direction::Outgoing));
            }
            Recipient::Called if r.direction_bits == incoming => {
                return found(Some(Direction::Incoming));
            }
            _ => {}
        }
        // The recipient is the caller on every call the rule accepts.
        let to_caller = match to {
            Recipient::Caller => true,
            Recipient::Customer => r.direction_bits == incoming,
            _ => false,
        };
        let own = |n: &String| {
            self.buckets.contains_key(n) || self.own.binary_search(n).is_ok()
        };
        if to_caller && !r.numbers.is_empty() && r.numbers.iter().all(own) {
            return found(None);
        }
        None
    }
}

fn never_matches(r: &CompiledRule) -> Option<NeverMatches> {
    if r.min_secs > r.max_secs {
        return Some(NeverMatches::EmptyDurationRange {
            min_secs: r.min_secs,
            max_secs: r.max_secs,
        });
    }
    if r.min_secs > 0 && r.status_bits & CallStatus::Answered.bit() == 0 {
        return Some(NeverMatches::NoTalkTime { min_secs: r.min_secs });
    }
    if !r.numbers.is_empty()
        && !r.prefixes.is_empty()
        && !r.numbers.iter().any(|n| has_prefix(n, &r.prefixes))
    {
        return Some(NeverMatches::NoNumberHasPrefix);
    }
    None
}

/// Whether `s` starts with one of `prefixes`, which must be sorted (the
/// compiled rule keeps its lists sorted): a binary search for each of
/// `s`'s own prefixes, so the cost grows with `s`'s length and only the
/// logarithm of the list's.
fn has_prefix(s: &str, prefixes: &[String]) -> bool {
    has_prefix_counted(s, prefixes, &mut 0)
}

/// [`has_prefix`], adding the comparisons it makes to `steps`.
fn has_prefix_counted(s: &str, prefixes: &[String], steps: &mut u64) -> bool {
    let ends = s.char_indices().map(|(i, _)| i).chain([s.len()]);
    let per_search = search(prefixes.len());
    ends.into_iter().any(|end| {
        *steps += per_search;
        prefixes.binary_search_by(|p| p.as_str().cmp(&s[..end])).is_ok()
    })
}

/// The work [`CompiledRules::check`] may do for shadowing, in steps of
/// about one comparison of two numbers (a few nanoseconds): one for each
/// pair of rules compared, and for each item looked up in another rule's
/// list, the comparisons of its binary search (one in a list of one,
/// ten in a list of 1,000; a prefix lookup does one search for each
/// prefix of the number). Pairs that cannot shadow each other by their
/// routed-to numbers are not compared at all. 10,000 plain rules fit
/// with room to spare; a hostile set of long lists stops here, after
/// under a second on a quiet machine, with [`FindingKind::NotChecked`]
/// naming what the work went into.
pub const CHECK_WORK: u64 = 100_000_000;

/// The comparisons of a binary search in a sorted list of `len` items.
fn search(len: usize) -> u64 {
    u64::from(usize::BITS - len.leading_zeros()).max(1)
}

/// The positions in two ascending lists, merged in ascending order.
fn merged<'l>(
    a: &'l [usize],
    b: &'l [usize],
) -> impl Iterator<Item = usize> + 'l {
    let (mut i, mut j) = (0, 0);
    core::iter::from_fn(move || match (a.get(i), b.get(j)) {
        (Some(&x), Some(&y)) if x <= y => {
            i += 1;
            if x == y {
                j += 1;
            }
            Some(x)
        }
        (_, Some(&y)) => {
            j += 1;
            Some(y)
        }
        (Some(&x), None) => {
            i += 1;
            Some(x)
        }
        (None, None) => None,
    })
}

/// Every prefix in `inner` starts with one in `outer`: the strings that
/// start with an `inner` prefix are a subset of those that start with an
/// `outer` one (exactly: each `inner` prefix is itself such a string).
fn prefixes_within(
    inner: &[String],
    outer: &[String],
    steps: &mut u64,
) -> bool {
    inner.iter().all(|p| has_prefix_counted(p, outer, steps))
}

/// Whether `a` accepts every call `b` accepts (both can match), adding
/// what it costs to `work` (see [`CHECK_WORK`]).
fn covers(a: &CompiledRule, b: &CompiledRule, work: &mut Work) -> bool {
    work.charge(ShadowingWork::RulePairs, 1);
    if a.direction_bits & b.direction_bits != b.direction_bits {
        return false;
    }
    // Routed-to: b's set within a's (empty is every number).
    if !a.routed.is_empty() {
        if b.routed.is_empty() {
            return false;
        }
        let mut steps = 0;
        let within = b.routed.iter().all(|x| {
            steps += search(a.routed.len());
            a.routed.binary_search(x).is_ok()
        });
        work.charge(ShadowingWork::RoutedTo, steps);
        if !within {
            return false;
        }
    }
    // Status with talk time: per status b accepts, the talk times it
    // accepts must be accepted by a.
    for s in CallStatus::ALL {
        if b.status_bits & s.bit() == 0 {
            continue;
        }
        let ok = if s == CallStatus::Answered {
            a.status_bits & s.bit() != 0
                && a.min_secs <= b.min_secs
                && a.max_secs >= b.max_secs
        } else if b.min_secs > 0 {
            // b accepts no call with this status (no talk time).
            true
        } else {
            a.status_bits & s.bit() != 0 && a.min_secs == 0
        };
        if !ok {
            return false;
        }
    }
    if !caller_numbers_within(b, a, work) {
        return false;
    }
    if !a.regions.is_empty() {
        if b.regions.is_empty() {
            return false;
        }
        // A linear search in a's regions for each of b's.
        let mut steps = 0;
        let within = b.regions.iter().all(|g| {
            steps += a.regions.len() as u64;
            a.regions.contains(g)
        });
        work.charge(ShadowingWork::CallerRegions, steps);
        if !within {
            return false;
        }
    }
    if a.foreign.is_some() && a.foreign != b.foreign {
        return false;
    }
    if !a.ivr.is_empty() {
        if b.ivr.is_empty() {
            return false;
        }
        let mut steps = 0;
        let within = prefixes_within(&b.ivr, &a.ivr, &mut steps);
        work.charge(ShadowingWork::IvrKeys, steps);
        if !within {
            return false;
        }
    }
    true
}

/// Whether every caller number `b` accepts, `a` accepts.
fn caller_numbers_within(
    b: &CompiledRule,
    a: &CompiledRule,
    work: &mut Work,
) -> bool {
    if !b.numbers.is_empty() {
        // A finite set: check each number b can accept.
        let mut steps = 0;
        let within = b.numbers.iter().all(|n| {
            let b_accepts = b.prefixes.is_empty()
                || has_prefix_counted(n, &b.prefixes, &mut steps);
            if !b_accepts {
                return true;
            }
            if !a.numbers.is_empty() {
                steps += search(a.numbers.len());
                if a.numbers.binary_search_by(|x| x.as_str().cmp(n)).is_err() {
                    return false;
                }
            }
            a.prefixes.is_empty()
                || has_prefix_counted(n, &a.prefixes, &mut steps)
        });
        work.charge(ShadowingWork::CallerNumbers, steps);
        return within;
    }
    if !a.numbers.is_empty() {
        // b accepts infinitely many numbers, a finitely many.
        return false;
    }
    if a.prefixes.is_empty() {
        return true;
    }
    if b.prefixes.is_empty() {
        return false;
    }
    let mut steps = 0;
    let within = prefixes_within(&b.prefixes, &a.prefixes, &mut steps);
    work.charge(ShadowingWork::CallerPrefixes, steps);
    within
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Conditions, Rule, RuleSet, Sender};

    /// The check compares a rule only with the earlier rules its routed-to
    /// numbers allow; that must find the same first shadowing rule as
    /// comparing it with every earlier rule.
    #[test]
    fn skipping_pairs_by_routed_to_finds_the_same_shadows() {
        const ROUTED: [&str; 4] =
            ["+48221000001", "+48221000002", "+48221000003", "+48221000004"];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..300 {
            let n = 2 + next(30) as usize;
            let rules: Vec<Rule> = (0..n)
                .map(|i| {
                    let routed: Vec<String> = ROUTED
                        .iter()
                        .filter(|_| next(3) == 0)
                        .map(|s| s.to_string())
                        .collect();
                    let status = match next(3) {
                        0 => vec![],
                        1 => vec![CallStatus::Missed],
                        _ => vec![CallStatus::Missed, CallStatus::Busy],
                    };
                    let direction = match next(3) {
                        0 => None,
                        1 => Some(Direction::Incoming),
                        _ => Some(Direction::Outgoing),
                    };
                    Rule::new(&format!("r{i}"), Sender::Random, "x")
                        .enabled(next(8) != 0)
                        .priority(next(3) as i32)
                        .when(
                            Conditions::default()
                                .routed_to(routed)
                                .status(status)
                                .direction(direction),
                        )
                })
                .collect();
            let set = RuleSet::default().rules(rules).compile().unwrap();
            let found: Vec<(usize, usize)> = set
                .check(&[])
                .into_iter()
                .filter_map(|f| match f.kind {
                    FindingKind::Shadowed { by, .. } => Some((f.rule, by)),
                    _ => None,
                })
                .collect();
            let mut expected = Vec::new();
            for (pos, b) in set.rules.iter().enumerate() {
                if !b.rule.enabled {
                    continue;
                }
                let by = set.rules[..pos].iter().find(|a| {
                    a.rule.enabled && covers(a, b, &mut Work::new())
                });
                if let Some(a) = by {
                    expected.push((b.index, a.index));
                }
            }
            expected.sort_unstable();
            assert_eq!(found, expected);
        }
    }

    #[test]
    fn a_search_costs_its_comparisons() {
        assert_eq!(search(0), 1);
        assert_eq!(search(1), 1);
        assert_eq!(search(2), 2);
        assert_eq!(search(1000), 10);
    }
}
