//! The human-writable rule set (serde): what people write and what the
//! host stores.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::spelling::spelled;
use crate::{CallStatus, Direction, Region};

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_zero_i32(n: &i32) -> bool {
    *n == 0
}

/// A rule set as people write it: the account, the hit policy, the policy
/// for numbers that may or may not be mobile, and the rules in order.
/// See the crate README for a complete example.
///
/// Unknown fields are refused; fields left out take their defaults, and
/// defaults are left out when written, so a rule set reads back equal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct RuleSet {
    /// The account the rules belong to.
    #[serde(default, skip_serializing_if = "Account::is_empty")]
    pub account: Account,
    /// First match (the default) or all matches.
    #[serde(default, skip_serializing_if = "HitPolicy::is_first_match")]
    pub hit_policy: HitPolicy,
    /// What to do with a number that may be a fixed line or a mobile.
    #[serde(default, skip_serializing_if = "MaybeMobile::is_suppress")]
    pub fixed_line_or_mobile: MaybeMobile,
    /// The rules. Evaluation order is by `priority` (lower first), then by
    /// position in this list.
    #[serde(default)]
    pub rules: Vec<Rule>,
}

/// The account's own facts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Account {
    /// The account's country calling code (48 for Poland): a caller with a
    /// different one is foreign. Required by rules that use `foreign`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calling_code: Option<u16>,
    /// The account's mobile numbers that may send SMS: the numbers a
    /// `{"number": ...}` sender may name, and the random sender's pool
    /// when `random_senders` is left out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mobile_numbers: Vec<String>,
    /// The numbers a `"random"` sender is drawn from, a list of its own
    /// (numbers set aside for call-backs, say); when empty or left out,
    /// `mobile_numbers`. They need not be among `mobile_numbers`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub random_senders: Vec<String>,
}

impl Account {
    fn is_empty(&self) -> bool {
        self.calling_code.is_none()
            && self.mobile_numbers.is_empty()
            && self.random_senders.is_empty()
    }
}

/// Whether one matching rule decides, or every matching rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HitPolicy {
    /// The first enabled rule whose conditions hold decides; later rules
    /// are not applied. A disabled rule whose conditions hold is reported
    /// (suppressed, "disabled") and does not stop the search.
    #[default]
    FirstMatch,
    /// Every rule whose conditions hold gives its decisions.
    AllMatches,
}

spelled!(HitPolicy, "a hit policy", "Whether the first matching rule decides (the default) or every matching rule.", [
    FirstMatch => "first_match",
    AllMatches => "all_matches",
]);

impl HitPolicy {
    fn is_first_match(&self) -> bool {
        *self == HitPolicy::FirstMatch
    }
}

/// The policy for [`LineType::FixedLineOrMobile`](crate::LineType)
/// numbers (the US and Canada, where the number alone cannot tell).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MaybeMobile {
    /// Do not send (the default): an SMS never goes to a number that
    /// cannot receive SMS, and such a number may be a landline. Hosts in
    /// North America should answer `Mobile` from a carrier lookup instead.
    #[default]
    Suppress,
    /// Send as if mobile.
    Send,
}

spelled!(MaybeMobile, "a policy for numbers that may be mobile", "What to do with a number that may be a fixed line or a mobile: suppress (the default) or send.", [
    Suppress => "suppress",
    Send => "send",
]);

impl MaybeMobile {
    fn is_suppress(&self) -> bool {
        *self == MaybeMobile::Suppress
    }
}

/// One rule: conditions, whom to send to, from whom, what,
/// how and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Rule {
    /// A name that tells the rules apart; also the key of per-rule
    /// history.
    pub name: String,
    /// "Enable and carry out the conditions of this rule" (default on).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enabled: bool,
    /// Lower runs first; equal priorities keep list order (default 0).
    #[serde(default, skip_serializing_if = "is_zero_i32")]
    pub priority: i32,
    /// The conditions; all must hold (default: every call).
    #[serde(default, skip_serializing_if = "Conditions::is_any")]
    pub when: Conditions,
    /// Whom to send to (default: the customer, the other party of the call).
    #[serde(default, skip_serializing_if = "Recipient::is_customer")]
    pub to: Recipient,
    /// From whom.
    pub sender: Sender,
    /// What.
    pub message: Message,
    /// Send automatically (the default), or queue for an agent to send by
    /// hand.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub auto_send: bool,
    /// Seconds after the call ends before sending (default 0).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub delay_secs: u32,
    /// The least number of seconds between two sends to the same person
    /// (default 0, no minimum).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub min_interval_secs: u32,
    /// Whether the minimum interval counts sends of this rule only (the
    /// default) or of every rule.
    #[serde(default, skip_serializing_if = "IntervalScope::is_rule")]
    pub interval_scope: IntervalScope,
    /// Named send windows: sending happens only while one of them
    /// is open, and waits for the next opening otherwise. Empty: any time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub windows: Vec<String>,
}

impl Rule {
    /// A rule with this name, sender and text, and every other field at
    /// its default: enabled, priority 0, every call, to the customer,
    /// auto-send, no delay, no minimum interval, any time.
    pub fn new(name: &str, sender: Sender, text: &str) -> Rule {
        Rule {
            name: name.to_string(),
            enabled: true,
            priority: 0,
            when: Conditions::default(),
            to: Recipient::Customer,
            sender,
            message: Message::new(text),
            auto_send: true,
            delay_secs: 0,
            min_interval_secs: 0,
            interval_scope: IntervalScope::Rule,
            windows: Vec::new(),
        }
    }
}

/// Whom the minimum interval counts sends of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IntervalScope {
    /// Only this rule's sends (the default): a thank-you and an order
    /// confirmation do not hold each other back.
    #[default]
    Rule,
    /// Sends of any rule: one SMS per person per interval, whatever the
    /// rule.
    AllRules,
}

spelled!(IntervalScope, "an interval scope", "Whether the minimum interval counts this rule's sends (the default) or every rule's.", [
    Rule => "rule",
    AllRules => "all_rules",
]);

impl IntervalScope {
    fn is_rule(&self) -> bool {
        *self == IntervalScope::Rule
    }
}

/// A rule's conditions. Every field left out (or empty) accepts every
/// call; all given fields must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Conditions {
    /// The call's direction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The numbers the call may have been routed to (one of them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routed_to: Vec<String>,
    /// The statuses the call may have ended with (one of them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<CallStatus>,
    /// The talk time range (default: any).
    #[serde(default, skip_serializing_if = "DurationRange::is_any")]
    pub duration: DurationRange,
    /// Conditions on the caller.
    #[serde(default, skip_serializing_if = "CallerConditions::is_any")]
    pub caller: CallerConditions,
}

impl Conditions {
    fn is_any(&self) -> bool {
        *self == Conditions::default()
    }
}

/// A talk-time range in seconds, both ends included. Only an answered
/// call has talk time; any other has 0.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize,
)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct DurationRange {
    /// At least this many seconds (default 0).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub min_secs: u32,
    /// At most this many seconds (default: no maximum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_secs: Option<u32>,
}

impl DurationRange {
    fn is_any(&self) -> bool {
        *self == DurationRange::default()
    }
}

/// Conditions on who called.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CallerConditions {
    /// The caller is one of these numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub numbers: Vec<String>,
    /// The caller's number starts with one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prefixes: Vec<String>,
    /// The caller's number is from one of these regions (by the host's
    /// [`NumberInfo`](crate::NumberInfo)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<Region>,
    /// `true`: the caller's calling code differs from the account's;
    /// `false`: it is the same. A caller whose calling code is unknown is
    /// neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreign: Option<bool>,
    /// The IVR keys the caller pressed start with one of these (`"2"`
    /// matches `"2"`, `"21"` and `"2#"`: the whole of menu 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ivr_keys: Vec<String>,
}

impl CallerConditions {
    fn is_any(&self) -> bool {
        *self == CallerConditions::default()
    }
}

/// Whom a rule sends to.
///
/// Whoever it is, an SMS never goes to one of the account's own numbers
/// (its mobile numbers, its random senders, the numbers calls are routed
/// to): such a recipient is suppressed with
/// [`Suppressed::OwnNumber`](crate::Suppressed::OwnNumber).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Recipient {
    /// The other party of the call, the customer (`"customer"`, the
    /// default): the caller of an incoming call, the called number of an
    /// outgoing one.
    #[default]
    Customer,
    /// The calling number (`"caller"`): the customer of an incoming call,
    /// but the account's own number on an outgoing one.
    Caller,
    /// The called number (`"called"`): the customer of an outgoing call,
    /// but the account's own number on an incoming one.
    Called,
    /// Every member of a staff group the host expands (`{"group":
    /// "English"}`).
    Group(String),
}

impl Recipient {
    fn is_customer(&self) -> bool {
        *self == Recipient::Customer
    }
}

/// From whom a rule sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Sender {
    /// One of the account's mobile numbers (`{"number": "+48..."}`).
    Number(String),
    /// One of the account's mobile numbers chosen for each call
    /// (`"random"`), deterministically from the call and the host's seed
    /// (the hash is described in the crate docs).
    Random,
    /// A custom alphanumeric sender such as the company name
    /// (`{"alphanumeric": "ACME"}`); see
    /// [`alphanumeric_sender_problems`](crate::alphanumeric_sender_problems).
    Alphanumeric(String),
}

/// The message. The flags are applied by the host (with
/// `sms-templates` for short links and `sms-encoding` for national
/// characters); this crate passes them on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Message {
    /// The body text.
    pub text: String,
    /// Shorten the links in it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub short_links: bool,
    /// Replace national characters (ą → a) so more fit in one SMS.
    #[serde(default, skip_serializing_if = "is_false")]
    pub replace_national: bool,
}

impl<'de> Deserialize<'de> for Recipient {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Recipient, D::Error> {
        let choice = d.deserialize_any(ChoiceVisitor {
            units: &["customer", "caller", "called"],
            tagged: &["group"],
        })?;
        Ok(match choice {
            Choice::Unit("caller") => Recipient::Caller,
            Choice::Unit("called") => Recipient::Called,
            Choice::Unit(_) => Recipient::Customer,
            Choice::Tagged(_, group) => Recipient::Group(group),
        })
    }
}

impl<'de> Deserialize<'de> for Sender {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Sender, D::Error> {
        let choice = d.deserialize_any(ChoiceVisitor {
            units: &["random"],
            tagged: &["number", "alphanumeric"],
        })?;
        Ok(match choice {
            Choice::Unit(_) => Sender::Random,
            Choice::Tagged("number", n) => Sender::Number(n),
            Choice::Tagged(_, a) => Sender::Alphanumeric(a),
        })
    }
}

/// One of a few names (`"caller"`), or an object of exactly one of a few
/// keys with a text value (`{"group": "English"}`).
enum Choice {
    Unit(&'static str),
    Tagged(&'static str, String),
}

/// Reads a [`Choice`] with messages that say what to write, for values
/// of any wrong shape (an empty object, two keys, a number).
struct ChoiceVisitor {
    units: &'static [&'static str],
    tagged: &'static [&'static str],
}

impl ChoiceVisitor {
    fn all(&self) -> Vec<String> {
        let units = self.units.iter().map(|u| format!("\"{u}\""));
        let tagged = self.tagged.iter().map(|t| format!("{{\"{t}\": ...}}"));
        units.chain(tagged).collect()
    }
}

impl<'de> Visitor<'de> for ChoiceVisitor {
    type Value = Choice;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "one of {}", self.all().join(", "))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Choice, E> {
        if let Some(u) = self.units.iter().find(|&&u| u == s) {
            return Ok(Choice::Unit(u));
        }
        if self.tagged.contains(&s) {
            return Err(E::custom(format_args!(
                "\"{s}\" needs a value: write {{\"{s}\": ...}}"
            )));
        }
        Err(E::custom(format_args!(
            "unknown value \"{s}\"; write {}",
            self.all().join(", ")
        )))
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> Result<Choice, A::Error> {
        let Some(key) = map.next_key::<Cow<'de, str>>()? else {
            return Err(de::Error::custom(format_args!(
                "an empty object; write {}",
                self.all().join(", ")
            )));
        };
        let Some(tag) = self.tagged.iter().find(|&&t| t == key) else {
            return Err(de::Error::custom(format_args!(
                "unknown key \"{key}\"; write {}",
                self.all().join(", ")
            )));
        };
        let value: String = map.next_value()?;
        if let Some(other) = map.next_key::<Cow<'de, str>>()? {
            return Err(de::Error::custom(format_args!(
                "\"{tag}\" and \"{other}\" in one object; write exactly \
                 one of {}",
                self.all().join(", ")
            )));
        }
        Ok(Choice::Tagged(tag, value))
    }
}

/// Chained setters, one per field, named after it.
macro_rules! setters {
    ($ty:ident { $($field:ident: $fty:ty),+ $(,)? }) => {
        impl $ty {
            $(
                #[doc = concat!("Sets `", stringify!($field), "`.")]
                #[must_use]
                pub fn $field(mut self, $field: $fty) -> $ty {
                    self.$field = $field;
                    self
                }
            )+
        }
    };
}

pub(crate) use setters;

setters!(RuleSet {
    account: Account,
    hit_policy: HitPolicy,
    fixed_line_or_mobile: MaybeMobile,
    rules: Vec<Rule>,
});

setters!(Account {
    calling_code: Option<u16>,
    mobile_numbers: Vec<String>,
    random_senders: Vec<String>,
});

setters!(Rule {
    enabled: bool,
    priority: i32,
    when: Conditions,
    to: Recipient,
    auto_send: bool,
    delay_secs: u32,
    min_interval_secs: u32,
    interval_scope: IntervalScope,
    windows: Vec<String>,
});

setters!(Conditions {
    direction: Option<Direction>,
    routed_to: Vec<String>,
    status: Vec<CallStatus>,
    duration: DurationRange,
    caller: CallerConditions,
});

setters!(CallerConditions {
    numbers: Vec<String>,
    prefixes: Vec<String>,
    regions: Vec<Region>,
    foreign: Option<bool>,
    ivr_keys: Vec<String>,
});

setters!(Message { short_links: bool, replace_national: bool });

impl DurationRange {
    /// At least `min_secs` and at most `max_secs` (`None`: no maximum).
    pub fn new(min_secs: u32, max_secs: Option<u32>) -> DurationRange {
        DurationRange { min_secs, max_secs }
    }
}

impl Message {
    /// This text, with links left as they are and national characters
    /// kept.
    pub fn new(text: &str) -> Message {
        Message {
            text: text.to_string(),
            short_links: false,
            replace_national: false,
        }
    }
}
