//! Evaluation: from a call to decisions, with an optional trace.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::compile::{combo, CompiledRule, CompiledRules, SenderKind};
use crate::hash::Fnv1a;
use crate::number::normalize;
use crate::rule::{HitPolicy, Message, Recipient};
use crate::spelling::spelled;
use crate::{
    CallRecord, Direction, Host, LineType, MaybeMobile, NumberDetails,
    WindowState,
};

/// What to do for one rule and one recipient.
///
/// Serializes (for a log or a queue) as
/// `{"rule": 2, "rule_name": "Call-back promise", "recipient":
/// "+48601234567", "outcome": {"action": "send", "at":
/// "2026-11-24T10:02:00Z", "sender": "+48600100200", "message": {...}}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Decision<'a> {
    rule: usize,
    rule_name: &'a str,
    recipient: Option<Cow<'a, str>>,
    outcome: RuleOutcome<'a>,
}

impl<'a> Decision<'a> {
    /// The rule's position in the rule set's list.
    pub fn rule(&self) -> usize {
        self.rule
    }

    /// The rule's name.
    pub fn rule_name(&self) -> &'a str {
        self.rule_name
    }

    /// The recipient's number (separators removed), or `None` when the
    /// decision is about the rule as a whole (disabled, an unknown or
    /// empty group).
    pub fn recipient(&self) -> Option<&str> {
        self.recipient.as_deref()
    }

    /// Send, queue or suppress.
    pub fn outcome(&self) -> &RuleOutcome<'a> {
        &self.outcome
    }

    /// The outcome, owned.
    pub fn into_outcome(self) -> RuleOutcome<'a> {
        self.outcome
    }
}

/// The outcome of a [`Decision`].
///
/// Serializes with an `"action"` of `"send"`, `"queue"` or `"suppress"`
/// beside the plan's fields or the reason's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RuleOutcome<'a> {
    /// Send automatically at the planned instant.
    Send(Planned<'a>),
    /// Queue for an agent to send by hand ("messages waiting to be
    /// sent"), not before the planned instant.
    Queue(Planned<'a>),
    /// Do not send, and why.
    Suppress(Suppressed),
}

impl<'a> RuleOutcome<'a> {
    /// The plan of a send or a queued message.
    pub fn planned(&self) -> Option<&Planned<'a>> {
        match self {
            RuleOutcome::Send(p) | RuleOutcome::Queue(p) => Some(p),
            RuleOutcome::Suppress(_) => None,
        }
    }

    /// Why nothing is sent, for a suppressed decision.
    pub fn suppressed(&self) -> Option<&Suppressed> {
        match self {
            RuleOutcome::Suppress(s) => Some(s),
            _ => None,
        }
    }
}

/// When, from whom and what.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Planned<'a> {
    at: DateTime<Utc>,
    sender: &'a str,
    message: &'a Message,
}

impl<'a> Planned<'a> {
    /// The call's end plus the rule's delay, moved to the next opening of
    /// one of the rule's windows when none is open then.
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// The sender: an account number or an alphanumeric sender.
    pub fn sender(&self) -> &'a str {
        self.sender
    }

    /// The message, with its flags for the host to apply.
    pub fn message(&self) -> &'a Message {
        self.message
    }
}

/// Why a matching rule does not send.
///
/// `Display` says it in words, with instants in UTC; serialized, it is a
/// `"reason"` in snake case (`"not_mobile"`) beside its fields.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Suppressed {
    /// The rule is switched off.
    Disabled,
    /// The recipient's number cannot receive SMS, or is not known to be
    /// mobile: an SMS goes only to numbers that can receive it.
    NotMobile {
        /// What the host said the line is.
        line_type: LineType,
    },
    /// The recipient has no number (a withheld caller).
    NoRecipientNumber,
    /// The recipient is one of the account's own numbers (one of its
    /// mobile numbers or random senders, the number the call was routed
    /// to, or one any rule selects calls routed to): the account never
    /// sends to itself.
    OwnNumber,
    /// The host has no staff group of that name.
    UnknownGroup {
        /// The group's name.
        group: String,
    },
    /// The staff group has no members.
    EmptyGroup {
        /// The group's name.
        group: String,
    },
    /// The rule's alphanumeric sender would not be delivered as written
    /// (see [`alphanumeric_sender_problems`](crate::alphanumeric_sender_problems)).
    InvalidSender,
    /// A random sender, but the account has neither random senders nor
    /// mobile numbers.
    NoSender,
    /// The host has no send window of that name (one of the rule's
    /// windows; the rule then never sends, whatever its other windows
    /// say).
    UnknownWindow {
        /// The window's name.
        window: String,
    },
    /// None of the rule's windows is open at the planned instant or
    /// opens after it.
    NoWindowOpens,
    /// The recipient got an SMS less than the minimum interval ago; the
    /// next may be sent from `until`.
    IntervalNotElapsed {
        /// The last send plus the minimum interval.
        until: DateTime<Utc>,
    },
    /// The call's end plus the delay is beyond the instants chrono can
    /// hold.
    TimeOutOfRange,
}

impl Suppressed {
    /// The reason in words, with its instant (if any) in the time zone
    /// `tz` and marked with its offset (`2026-11-25 09:10 +01:00`); the
    /// `Display` of `Suppressed` gives instants in UTC (`2026-11-25
    /// 08:10 UTC`).
    ///
    /// ```
    /// use chrono::{FixedOffset, TimeZone, Utc};
    /// use post_call_rules::Suppressed;
    ///
    /// let until = Utc.with_ymd_and_hms(2026, 11, 25, 8, 10, 0).unwrap();
    /// let why = Suppressed::IntervalNotElapsed { until };
    /// assert!(why.to_string().ends_with("from 2026-11-25 08:10 UTC"));
    /// let warsaw = FixedOffset::east_opt(3600).unwrap();
    /// assert!(why.to_string_in(&warsaw).ends_with("from 2026-11-25 09:10 +01:00"));
    /// ```
    pub fn to_string_in<Tz>(&self, tz: &Tz) -> String
    where
        Tz: chrono::TimeZone,
        Tz::Offset: fmt::Display,
    {
        struct In<'s, 'z, Tz>(&'s Suppressed, &'z Tz);
        impl<Tz> fmt::Display for In<'_, '_, Tz>
        where
            Tz: chrono::TimeZone,
            Tz::Offset: fmt::Display,
        {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write(f, &|f, t| {
                    let local = t.with_timezone(self.1);
                    write!(f, "{}", local.format(time_format(&t)))?;
                    write!(f, " {}", local.offset())
                })
            }
        }
        In(self, tz).to_string()
    }

    fn write(
        &self,
        f: &mut fmt::Formatter<'_>,
        time: &dyn Fn(&mut fmt::Formatter<'_>, DateTime<Utc>) -> fmt::Result,
    ) -> fmt::Result {
        match self {
            Suppressed::Disabled => f.write_str("the rule is disabled"),
            Suppressed::NotMobile { line_type: LineType::Unknown } => f
                .write_str(
                    "not known to be a mobile number: the kind of line is \
                     unknown",
                ),
            Suppressed::NotMobile {
                line_type: LineType::FixedLineOrMobile,
            } => f.write_str(
                "not known to be a mobile number: it may be a fixed line or \
                 a mobile, the number alone cannot tell",
            ),
            Suppressed::NotMobile { line_type } => write!(
                f,
                "not a mobile number: the number is {}",
                line_type.words()
            ),
            Suppressed::NoRecipientNumber => {
                f.write_str("the recipient has no number (withheld)")
            }
            Suppressed::OwnNumber => f.write_str(
                "the recipient is one of the account's own numbers; the \
                 account never sends to itself",
            ),
            Suppressed::UnknownGroup { group } => {
                write!(f, "there is no staff group {group:?}")
            }
            Suppressed::EmptyGroup { group } => {
                write!(f, "staff group {group:?} has no members")
            }
            Suppressed::InvalidSender => f.write_str(
                "the rule's alphanumeric sender would not be delivered as \
                 written",
            ),
            Suppressed::NoSender => f.write_str(
                "the rule sends from a random number, but the account has \
                 no random senders nor mobile numbers to choose from",
            ),
            Suppressed::UnknownWindow { window } => {
                write!(f, "there is no send window {window:?}")
            }
            Suppressed::NoWindowOpens => f.write_str(
                "none of the rule's send windows is open or opens later",
            ),
            Suppressed::IntervalNotElapsed { until } => {
                f.write_str(
                    "minimum interval not elapsed since the last SMS to \
                     this number; the next may be sent from ",
                )?;
                time(f, *until)
            }
            Suppressed::TimeOutOfRange => f.write_str(
                "the send time is beyond the last instant that can be \
                 represented",
            ),
        }
    }
}

/// Instants in UTC, marked so: `2026-11-25 08:10 UTC`.
impl fmt::Display for Suppressed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, &|f, t| write!(f, "{} UTC", t.format(time_format(&t))))
    }
}

/// The format of an instant for people: minutes, and seconds only when
/// there are any.
fn time_format(t: &DateTime<Utc>) -> &'static str {
    use chrono::Timelike;
    if t.second() == 0 && t.nanosecond() == 0 {
        "%Y-%m-%d %H:%M"
    } else {
        "%Y-%m-%d %H:%M:%S"
    }
}

/// A rule condition, in the order they are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Condition {
    /// `when.direction`.
    Direction,
    /// `when.routed_to`.
    RoutedTo,
    /// `when.status`.
    Status,
    /// `when.duration`.
    Duration,
    /// `when.caller.numbers`.
    CallerNumber,
    /// `when.caller.prefixes`.
    CallerPrefix,
    /// `when.caller.regions`.
    CallerRegion,
    /// `when.caller.foreign`.
    CallerForeign,
    /// `when.caller.ivr_keys`.
    IvrKeys,
}

spelled!(Condition, "a rule condition", "A rule condition, by its place in a rule's `when`.", [
    Direction => "direction",
    RoutedTo => "routed_to",
    Status => "status",
    Duration => "duration",
    CallerNumber => "caller.numbers",
    CallerPrefix => "caller.prefixes",
    CallerRegion => "caller.regions",
    CallerForeign => "caller.foreign",
    IvrKeys => "caller.ivr_keys",
]);

/// What happened to one rule, in evaluation order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RuleTrace<'a> {
    rule: usize,
    name: &'a str,
    result: TraceResult,
}

impl<'a> RuleTrace<'a> {
    /// The rule's position in the rule set's list.
    pub fn rule(&self) -> usize {
        self.rule
    }

    /// The rule's name.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// Whether it matched, and if not, why.
    pub fn result(&self) -> TraceResult {
        self.result
    }
}

/// Whether a rule matched, and if not, why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TraceResult {
    /// This condition was the first that failed.
    Failed(Condition),
    /// Every condition held; the rule gave decisions.
    Matched,
    /// Every condition held, but under first-match an earlier rule (list
    /// position `by`) had already decided.
    Preempted {
        /// The rule that decided.
        by: usize,
    },
    /// The rule is switched off, whatever its conditions say. (When they
    /// hold, it also has a [`Suppressed::Disabled`] decision, unless an
    /// earlier rule decided under first-match.)
    Disabled,
}

/// The result of evaluating a call: decisions, and the trace when asked
/// for. Serializes as `{"decisions": [...]}`, with `"trace": [...]` when
/// traced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evaluation<'a> {
    decisions: Vec<Decision<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    trace: Option<Vec<RuleTrace<'a>>>,
}

impl<'a> Evaluation<'a> {
    /// The decisions, in evaluation order; per group rule, in member
    /// order. Empty when no rule matched.
    pub fn decisions(&self) -> &[Decision<'a>] {
        &self.decisions
    }

    /// The decisions, owned.
    pub fn into_decisions(self) -> Vec<Decision<'a>> {
        self.decisions
    }

    /// For every rule, in evaluation order, the first condition that
    /// failed or that it matched; `None` unless evaluated with
    /// [`CompiledRules::evaluate_traced`].
    pub fn trace(&self) -> Option<&[RuleTrace<'a>]> {
        self.trace.as_deref()
    }
}

/// `{"result": "failed", "condition": "status"}`, `{"result":
/// "matched"}`, `{"result": "preempted", "by": 3}`, `{"result":
/// "disabled"}`.
impl Serialize for TraceResult {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (result, fields) = match self {
            TraceResult::Failed(_) => ("failed", 2),
            TraceResult::Matched => ("matched", 1),
            TraceResult::Preempted { .. } => ("preempted", 2),
            TraceResult::Disabled => ("disabled", 1),
        };
        let mut st = s.serialize_struct("TraceResult", fields)?;
        st.serialize_field("result", result)?;
        match self {
            TraceResult::Failed(c) => st.serialize_field("condition", c)?,
            TraceResult::Preempted { by } => st.serialize_field("by", by)?,
            TraceResult::Matched | TraceResult::Disabled => {}
        }
        st.end()
    }
}

impl CompiledRules {
    /// The decisions for a finished call.
    ///
    /// Only the rules the index selects by the call's routed-to number,
    /// direction and status are looked at, so the cost depends on them,
    /// not on the length of the list.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use post_call_rules::*;
    ///
    /// let rules = CompiledRules::from_json(r#"{"rules": [{
    ///     "name": "Thanks",
    ///     "when": {"direction": "incoming", "status": ["answered"]},
    ///     "sender": {"alphanumeric": "ACME"},
    ///     "message": {"text": "Thank you for calling ACME!"},
    ///     "delay_secs": 60
    /// }]}"#)?;
    /// let end = Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap();
    /// let call = CallRecord::new(
    ///     Direction::Incoming, "+48601234567", "+48221234567",
    ///     CallStatus::Answered, end,
    /// );
    /// let mobile = |_: &str| NumberDetails::new(LineType::Mobile, Some(48), None);
    /// let eval = rules.evaluate(&call, &Host::new(&mobile));
    /// let RuleOutcome::Send(send) = eval.decisions()[0].outcome() else { panic!() };
    /// assert_eq!(send.at(), end + chrono::TimeDelta::seconds(60));
    /// assert_eq!(send.sender(), "ACME");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn evaluate<'a>(
        &'a self,
        call: &'a CallRecord,
        host: &Host<'a>,
    ) -> Evaluation<'a> {
        let mut e = Eval::new(self, call, host);
        let c = combo(call.direction, call.status);
        let bucket = e.bucket();
        let specific: &[u32] = match bucket {
            Some(b) => self.by_bucket.get(b as usize).map_or(&[], |l| &l[c]),
            None => &[],
        };
        let any: &[u32] = &self.any_routed[c];
        let (mut i, mut j) = (0, 0);
        loop {
            // Merge the two ascending position lists.
            let pos = match (specific.get(i), any.get(j)) {
                (Some(&a), Some(&b)) if a < b => {
                    i += 1;
                    a
                }
                (_, Some(&b)) => {
                    j += 1;
                    b
                }
                (Some(&a), None) => {
                    i += 1;
                    a
                }
                (None, None) => break,
            };
            let Some(rule) = self.rules.get(pos as usize) else { break };
            if e.rest_failure(rule).is_some() {
                continue;
            }
            let decided = e.decide(rule);
            if decided && self.hit_policy == HitPolicy::FirstMatch {
                break;
            }
        }
        Evaluation { decisions: e.decisions, trace: None }
    }

    /// The decisions for a finished call, and for every rule the first
    /// condition that failed or that it matched. The decisions are those
    /// of [`evaluate`](CompiledRules::evaluate); every rule is looked at.
    pub fn evaluate_traced<'a>(
        &'a self,
        call: &'a CallRecord,
        host: &Host<'a>,
    ) -> Evaluation<'a> {
        let mut e = Eval::new(self, call, host);
        let bucket = e.bucket();
        let mut trace = Vec::with_capacity(self.rules.len());
        let mut decided_by = None;
        for rule in &self.rules {
            let result = match e.indexed_failure(rule, bucket) {
                Some(c) => TraceResult::Failed(c),
                None => match e.rest_failure(rule) {
                    Some(c) => TraceResult::Failed(c),
                    None => match decided_by {
                        Some(by) => TraceResult::Preempted { by },
                        None => {
                            if e.decide(rule)
                                && self.hit_policy == HitPolicy::FirstMatch
                            {
                                decided_by = Some(rule.index);
                            }
                            TraceResult::Matched
                        }
                    },
                },
            };
            // A disabled rule is reported as such whatever its conditions
            // say (it still gets its "disabled" decision when they hold,
            // as without the trace).
            let result =
                if rule.rule.enabled { result } else { TraceResult::Disabled };
            trace.push(RuleTrace {
                rule: rule.index,
                name: rule.name(),
                result,
            });
        }
        Evaluation { decisions: e.decisions, trace: Some(trace) }
    }
}

/// A send planned in this evaluation, for the minimum interval of later
/// rules.
struct Sent<'a> {
    recipient: Cow<'a, str>,
    rule: &'a str,
    at: DateTime<Utc>,
}

struct Eval<'a, 'h> {
    rules: &'a CompiledRules,
    call: &'a CallRecord,
    host: &'h Host<'a>,
    caller: Cow<'a, str>,
    caller_details: Option<NumberDetails>,
    caller_hash: Option<u64>,
    decisions: Vec<Decision<'a>>,
    sent: Vec<Sent<'a>>,
}

impl<'a, 'h> Eval<'a, 'h> {
    fn new(
        rules: &'a CompiledRules,
        call: &'a CallRecord,
        host: &'h Host<'a>,
    ) -> Eval<'a, 'h> {
        Eval {
            rules,
            call,
            host,
            caller: normalize(&call.caller),
            caller_details: None,
            caller_hash: None,
            decisions: Vec::new(),
            sent: Vec::new(),
        }
    }

    fn bucket(&self) -> Option<u32> {
        if self.rules.buckets.is_empty() {
            return None;
        }
        self.rules
            .buckets
            .get(normalize(&self.call.routed_to).as_ref())
            .copied()
    }

    fn caller_details(&mut self) -> NumberDetails {
        match self.caller_details {
            Some(d) => d,
            None => {
                let d = if self.caller.is_empty() {
                    NumberDetails::UNKNOWN
                } else {
                    self.host.numbers.details(&self.caller)
                };
                self.caller_details = Some(d);
                d
            }
        }
    }

    /// The first failing condition among those the index decides.
    fn indexed_failure(
        &self,
        r: &CompiledRule,
        bucket: Option<u32>,
    ) -> Option<Condition> {
        if r.direction_bits & self.call.direction.bit() == 0 {
            return Some(Condition::Direction);
        }
        if !r.routed.is_empty()
            && bucket.is_none_or(|b| r.routed.binary_search(&b).is_err())
        {
            return Some(Condition::RoutedTo);
        }
        if r.status_bits & self.call.status.bit() == 0 {
            return Some(Condition::Status);
        }
        None
    }

    /// Whether the caller is one of the rule's numbers: by hash first,
    /// then (on a hash hit) by string.
    fn caller_in(&mut self, r: &CompiledRule) -> bool {
        let caller = &self.caller;
        let h = *self
            .caller_hash
            .get_or_insert_with(|| crate::hash::hash(caller.as_bytes()));
        r.number_hashes.binary_search(&h).is_ok()
            && r.numbers
                .binary_search_by(|n| n.as_str().cmp(&self.caller))
                .is_ok()
    }

    /// The first failing condition among the others.
    fn rest_failure(&mut self, r: &CompiledRule) -> Option<Condition> {
        let talk = self.call.talk_secs();
        if talk < r.min_secs || talk > r.max_secs {
            return Some(Condition::Duration);
        }
        if !r.numbers.is_empty() && !self.caller_in(r) {
            return Some(Condition::CallerNumber);
        }
        if !r.prefixes.is_empty()
            && !r.prefixes.iter().any(|p| self.caller.starts_with(p.as_str()))
        {
            return Some(Condition::CallerPrefix);
        }
        if !r.regions.is_empty() {
            let region = self.caller_details().region;
            if !region.is_some_and(|g| r.regions.contains(&g)) {
                return Some(Condition::CallerRegion);
            }
        }
        if let Some(foreign) = r.foreign {
            let code = self.caller_details().calling_code;
            let holds = match (code, self.rules.calling_code) {
                (Some(c), Some(own)) => (c != own) == foreign,
                _ => false,
            };
            if !holds {
                return Some(Condition::CallerForeign);
            }
        }
        if !r.ivr.is_empty()
            && !r
                .ivr
                .iter()
                .any(|k| self.call.ivr_keys.starts_with(k.as_str()))
        {
            return Some(Condition::IvrKeys);
        }
        None
    }

    fn push(
        &mut self,
        r: &'a CompiledRule,
        recipient: Option<Cow<'a, str>>,
        outcome: RuleOutcome<'a>,
    ) {
        self.decisions.push(Decision {
            rule: r.index,
            rule_name: r.name(),
            recipient,
            outcome,
        });
    }

    /// The decisions of a matching rule; whether it decides (is enabled).
    fn decide(&mut self, r: &'a CompiledRule) -> bool {
        if !r.rule.enabled {
            self.push(r, None, RuleOutcome::Suppress(Suppressed::Disabled));
            return false;
        }
        match &r.rule.to {
            Recipient::Customer
                if self.call.direction == Direction::Outgoing =>
            {
                let called = normalize(&self.call.called);
                self.recipient(r, called, false);
            }
            Recipient::Customer | Recipient::Caller => {
                let caller = self.caller.clone();
                self.recipient(r, caller, true);
            }
            Recipient::Called => {
                let called = normalize(&self.call.called);
                self.recipient(r, called, false);
            }
            Recipient::Group(group) => {
                let host = self.host;
                match host.groups.members(group) {
                    None => self.push(
                        r,
                        None,
                        RuleOutcome::Suppress(Suppressed::UnknownGroup {
                            group: group.clone(),
                        }),
                    ),
                    Some([]) => self.push(
                        r,
                        None,
                        RuleOutcome::Suppress(Suppressed::EmptyGroup {
                            group: group.clone(),
                        }),
                    ),
                    Some(members) => {
                        let mut seen = HashSet::new();
                        for m in members {
                            let m = normalize(m);
                            // A member listed twice gets one decision.
                            if !seen.insert(m.clone()) {
                                continue;
                            }
                            self.recipient(r, m, false);
                        }
                    }
                }
            }
        }
        true
    }

    /// The decision for one recipient.
    fn recipient(
        &mut self,
        r: &'a CompiledRule,
        number: Cow<'a, str>,
        is_caller: bool,
    ) {
        let outcome = self.outcome(r, &number, is_caller);
        if let Some(p) = outcome.planned() {
            self.sent.push(Sent {
                recipient: number.clone(),
                rule: r.name(),
                at: p.at,
            });
        }
        self.push(r, Some(number), outcome);
    }

    fn outcome(
        &mut self,
        r: &'a CompiledRule,
        number: &str,
        is_caller: bool,
    ) -> RuleOutcome<'a> {
        use Suppressed as S;
        if number.is_empty() {
            return RuleOutcome::Suppress(S::NoRecipientNumber);
        }
        if self.is_own(number) {
            return RuleOutcome::Suppress(S::OwnNumber);
        }
        let line_type = if is_caller {
            self.caller_details().line_type
        } else {
            self.host.numbers.details(number).line_type
        };
        let mobile = match line_type {
            LineType::Mobile => true,
            LineType::FixedLineOrMobile => {
                self.rules.maybe_mobile == MaybeMobile::Send
            }
            _ => false,
        };
        if !mobile {
            return RuleOutcome::Suppress(S::NotMobile { line_type });
        }
        let sender: &'a str = match &r.sender {
            SenderKind::Fixed(s) => s,
            SenderKind::Invalid => {
                return RuleOutcome::Suppress(S::InvalidSender)
            }
            SenderKind::Random => match self.random_sender(r, number) {
                Some(s) => s,
                None => return RuleOutcome::Suppress(S::NoSender),
            },
        };
        let Some(base) = self.call.end.checked_add_signed(r.delay) else {
            return RuleOutcome::Suppress(S::TimeOutOfRange);
        };
        let at = match self.window(r, base) {
            Ok(at) => at,
            Err(s) => return RuleOutcome::Suppress(s),
        };
        if let Some(until) = self.interval_until(r, number) {
            // `None`: the interval ends beyond the last instant chrono can
            // hold, so no send is allowed.
            match until {
                Some(until) if at >= until => {}
                Some(until) => {
                    return RuleOutcome::Suppress(S::IntervalNotElapsed {
                        until,
                    })
                }
                None => {
                    return RuleOutcome::Suppress(S::IntervalNotElapsed {
                        until: DateTime::<Utc>::MAX_UTC,
                    })
                }
            }
        }
        let planned = Planned { at, sender, message: r.message() };
        if r.rule.auto_send {
            RuleOutcome::Send(planned)
        } else {
            RuleOutcome::Queue(planned)
        }
    }

    /// Whether `number` is one of the account's own: the call's routed-to
    /// number, a routed-to number of any rule, a mobile number or a random
    /// sender of the account.
    fn is_own(&self, number: &str) -> bool {
        number == normalize(&self.call.routed_to)
            || self.rules.buckets.contains_key(number)
            || self
                .rules
                .own
                .binary_search_by(|n| n.as_str().cmp(number))
                .is_ok()
    }

    /// One of the account's numbers, by FNV-1a of the rule's name, the
    /// seed, the call's caller, routed-to number and end instant, and (for
    /// a group rule, which has several recipients) the recipient. The
    /// name's part is hashed once, when the rule set is compiled.
    fn random_sender(
        &self,
        r: &CompiledRule,
        number: &str,
    ) -> Option<&'a str> {
        let senders = &self.rules.random;
        if senders.is_empty() {
            return None;
        }
        let c = self.call;
        let mut h = Fnv1a::resume(r.name_hash)
            .field(&self.host.seed.to_le_bytes())
            .field(c.caller.as_bytes())
            .field(c.routed_to.as_bytes())
            .bytes(&c.end.timestamp().to_le_bytes())
            .field(&c.end.timestamp_subsec_nanos().to_le_bytes());
        if matches!(r.rule.to, Recipient::Group(_)) {
            h = h.field(number.as_bytes());
        }
        let i = (h.finish() % senders.len() as u64) as usize;
        senders.get(i).map(String::as_str)
    }

    /// The first instant at or after `base` at which one of the rule's
    /// windows is open. Every window is asked, so that one the host does
    /// not have suppresses the rule wherever it is in the list and
    /// whatever the others say.
    fn window(
        &self,
        r: &CompiledRule,
        base: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, Suppressed> {
        if r.rule.windows.is_empty() {
            return Ok(base);
        }
        let mut open = false;
        let mut next: Option<DateTime<Utc>> = None;
        for name in &r.rule.windows {
            match self.host.windows.state(name, base) {
                None => {
                    return Err(Suppressed::UnknownWindow {
                        window: name.clone(),
                    })
                }
                Some(WindowState::Open) => open = true,
                Some(WindowState::Closed { opens: Some(t) }) if t > base => {
                    next = Some(next.map_or(t, |n| n.min(t)));
                }
                Some(WindowState::Closed { .. }) => {}
            }
        }
        if open {
            return Ok(base);
        }
        next.ok_or(Suppressed::NoWindowOpens)
    }

    /// The earliest instant the minimum interval allows a send to
    /// `number`, from the history and this evaluation's earlier sends:
    /// `None` when there is no earlier send, `Some(None)` when that
    /// instant is beyond the range chrono can hold.
    fn interval_until(
        &self,
        r: &CompiledRule,
        number: &str,
    ) -> Option<Option<DateTime<Utc>>> {
        if r.interval.is_zero() {
            return None;
        }
        let key = r.rule.interval_scope.rule_key(r.name());
        let from_history = self.host.history.last_send(number, key);
        let from_here = self
            .sent
            .iter()
            .filter(|s| {
                s.recipient == number && key.is_none_or(|k| k == s.rule)
            })
            .map(|s| s.at)
            .max();
        let last = from_history.max(from_here)?;
        Some(last.checked_add_signed(r.interval))
    }
}
