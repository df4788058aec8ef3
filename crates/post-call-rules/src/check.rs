//! Static checks of a compiled rule set: rules that can never
//! match, rules shadowed under first-match, senders that cannot be used,
//! unknown windows and duplicate names.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::compile::{CompiledRule, CompiledRules};
use crate::rule::{HitPolicy, Recipient, Sender};
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
    /// pairs of rules would take more than its work limit (long caller
    /// number, prefix or IVR key lists). This rule and the later ones are
    /// not checked for shadowing; every other check still is.
    NotChecked {
        /// The limit, in steps of about one string comparison.
        limit: u64,
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
            FindingKind::NotChecked { limit } => write!(
                f,
                "not checked for shadowing, nor are the rules after it: \
                 the check's work limit ({limit} steps) was reached; \
                 shorten the caller number, prefix and IVR key lists"
            ),
        }
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
    /// It takes O(n²) pair comparisons for n rules, each stopping at the
    /// first condition that differs; comparing caller numbers, prefixes
    /// and IVR keys costs a binary search per listed item. The whole is
    /// bounded by a work limit of 100 million steps (about a second):
    /// beyond it, [`FindingKind::NotChecked`] names the rule where the
    /// shadowing check stopped (see the crate's `# Input safety`).
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
    /// assert_eq!(*findings[1].kind(), FindingKind::NotChecked { limit: 0 });
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
        let mut work = 0u64;
        let mut shadowing = true;
        for (pos, r) in self.rules.iter().enumerate() {
            if let Some(why) = &never[pos] {
                out.push(finding(r, FindingKind::NeverMatches(why.clone())));
            } else if self.hit_policy == HitPolicy::FirstMatch
                && r.rule.enabled
                && shadowing
            {
                let mut over = false;
                let by =
                    self.rules[..pos].iter().enumerate().find(|(i, a)| {
                        if work > limit {
                            over = true;
                            return true;
                        }
                        a.rule.enabled
                            && never[*i].is_none()
                            && covers(a, r, &mut work)
                    });
                if over {
                    // The answer for this rule may be incomplete: say so,
                    // and stop comparing.
                    shadowing = false;
                    out.push(finding(r, FindingKind::NotChecked { limit }));
                } else if let Some((_, a)) = by {
                    out.push(finding(
                        r,
                        FindingKind::Shadowed {
                            by: a.index,
                            by_name: a.rule.name.clone(),
                        },
                    ));
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
    let ends = s.char_indices().map(|(i, _)| i).chain([s.len()]);
    ends.into_iter().any(|end| {
        prefixes.binary_search_by(|p| p.as_str().cmp(&s[..end])).is_ok()
    })
}

/// The work [`CompiledRules::check`] may do for shadowing, in steps of
/// about what comparing two rules that differ early costs (some 10 ns):
/// one a pair, and 64 for each caller number, prefix or IVR key looked
/// up in a list (a binary search for each prefix of a number). 10,000
/// plain rules (50 million pairs) fit; a hostile set of long lists stops
/// here, after about a second, with [`FindingKind::NotChecked`].
pub const CHECK_WORK: u64 = 100_000_000;

/// Work for looking up `items` list items.
fn lookups(items: usize) -> u64 {
    64 * items as u64
}

/// Every prefix in `inner` starts with one in `outer`: the strings that
/// start with an `inner` prefix are a subset of those that start with an
/// `outer` one (exactly: each `inner` prefix is itself such a string).
fn prefixes_within(
    inner: &[String],
    outer: &[String],
    work: &mut u64,
) -> bool {
    inner.iter().all(|p| {
        *work += lookups(1);
        has_prefix(p, outer)
    })
}

/// Whether `a` accepts every call `b` accepts (both can match), adding
/// what it costs to `work` (see [`CHECK_WORK`]).
fn covers(a: &CompiledRule, b: &CompiledRule, work: &mut u64) -> bool {
    *work += 1;
    if a.direction_bits & b.direction_bits != b.direction_bits {
        return false;
    }
    // Routed-to: b's set within a's (empty is every number).
    if !a.routed.is_empty() {
        *work += lookups(b.routed.len());
    }
    if !a.routed.is_empty()
        && (b.routed.is_empty()
            || !b.routed.iter().all(|x| a.routed.binary_search(x).is_ok()))
    {
        return false;
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
        // A linear search in a's regions for each of b's.
        *work += (b.regions.len() * a.regions.len()) as u64;
    }
    if !a.regions.is_empty()
        && (b.regions.is_empty()
            || !b.regions.iter().all(|g| a.regions.contains(g)))
    {
        return false;
    }
    if a.foreign.is_some() && a.foreign != b.foreign {
        return false;
    }
    if !a.ivr.is_empty()
        && (b.ivr.is_empty() || !prefixes_within(&b.ivr, &a.ivr, work))
    {
        return false;
    }
    true
}

/// Whether every caller number `b` accepts, `a` accepts.
fn caller_numbers_within(
    b: &CompiledRule,
    a: &CompiledRule,
    work: &mut u64,
) -> bool {
    let a_accepts = |n: &str| {
        (a.numbers.is_empty()
            || a.numbers.binary_search_by(|x| x.as_str().cmp(n)).is_ok())
            && (a.prefixes.is_empty() || has_prefix(n, &a.prefixes))
    };
    if !b.numbers.is_empty() {
        // A finite set: check each number b can accept.
        return b.numbers.iter().all(|n| {
            *work += lookups(2);
            !(b.prefixes.is_empty() || has_prefix(n, &b.prefixes))
                || a_accepts(n)
        });
    }
    if !a.numbers.is_empty() {
        // b accepts infinitely many numbers, a finitely many.
        return false;
    }
    if a.prefixes.is_empty() {
        return true;
    }
    !b.prefixes.is_empty() && prefixes_within(&b.prefixes, &a.prefixes, work)
}
