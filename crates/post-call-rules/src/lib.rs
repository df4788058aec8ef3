/*!
Decide which SMS to send after a call, to whom, from whom and when: an
ordered set of rules over a finished call's record (direction, the number
the call was routed to, status, talk time, who called, the IVR keys
pressed), answered with typed decisions (send, queue for an agent, or
suppress and why) and a trace of why every rule did or did not match.
Pure: the host answers number facts, send windows, history and staff
groups through small traits; nothing reads a clock or keeps state.

```
use chrono::{TimeZone, Utc};
use post_call_rules::*;

let rules = CompiledRules::from_json(r#"{
  "account": { "calling_code": 48, "mobile_numbers": ["+48600100200"] },
  "rules": [{
    "name": "Call-back promise",
    "when": { "direction": "incoming", "status": ["missed", "busy"] },
    "sender": "random",
    "message": { "text": "Sorry we missed you, we'll call you back." },
    "delay_secs": 120,
    "min_interval_secs": 86400
  }]
}"#)?;

let end = Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap();
let call = CallRecord::new(
    Direction::Incoming, "+48601234567", "+48221234567",
    CallStatus::Missed, end,
);
let numbers = |n: &str| {
    let line = if n.starts_with("+486") { LineType::Mobile } else { LineType::FixedLine };
    NumberDetails::new(line, Some(48), Region::new("PL"))
};
let eval = rules.evaluate(&call, &Host::new(&numbers));
let d = &eval.decisions()[0];
assert_eq!(d.recipient(), Some("+48601234567"));
let RuleOutcome::Send(send) = d.outcome() else { panic!("{:?}", d.outcome()) };
assert_eq!(send.at().to_rfc3339(), "2026-11-24T10:02:00+00:00");
assert_eq!(send.sender(), "+48600100200");
// A decision is ready for a log or a queue as JSON.
let json = serde_json::to_value(d)?;
assert_eq!(json["outcome"]["action"], "send");
# Ok::<(), Box<dyn std::error::Error>>(())
```

# Overview

- [`CallRecord`]: the finished call (direction, numbers, routed-to
  number, [`CallStatus`], start/answer/end instants in UTC, talk time,
  IVR keys, agent and group).
- [`RuleSet`] and [`Rule`]: the human-writable form (serde, JSON through
  [`RuleSet::from_json`]; unknown fields refused; errors name the rule
  and the path of the value). [`RuleSet::compile`] gives
  [`CompiledRules`]. With the `schemars` feature,
  `RuleSet::json_schema` describes the format for editors and forms.
- [`CompiledRules::evaluate`] and [`CompiledRules::evaluate_traced`]: a
  [`Decision`] per matching rule and recipient, with
  [`RuleOutcome::Send`], [`RuleOutcome::Queue`] or
  [`RuleOutcome::Suppress`] and a [`Suppressed`] reason; the trace has a
  [`RuleTrace`] per rule.
- [`CompiledRules::check`]: every [`Finding`] of the static checks.
- The host: [`NumberInfo`] (line type, calling code, region),
  [`SendWindows`] ("open at t, or from when"), [`History`] (last send to
  a number, per rule or across rules; [`SendLog`] is a value
  implementation) and [`StaffGroups`], bundled in a [`Host`].

# Rules of evaluation

- **Order**: by `priority` (lower first), then list position.
- **Hit policy**: [`HitPolicy::FirstMatch`] (default): the first enabled
  rule whose conditions hold decides (even when its decision is to
  suppress); [`HitPolicy::AllMatches`]: every such rule decides. A
  disabled rule whose conditions hold gets a "disabled" decision and
  does not stop first-match.
- **Conditions** are checked in the order of [`Condition`]; left out,
  they accept every call. Talk time is 0 for a call not answered.
- **Recipients**: the customer (the default: the other party of the
  call, the caller of an incoming call and the called number of an
  outgoing one), the caller, the called number, or every member of a
  staff group (each member once). Nothing is ever sent to one of the
  account's own numbers (its mobile numbers and random senders, the
  number the call was routed to, any number a rule selects calls routed
  to): such a recipient is suppressed with [`Suppressed::OwnNumber`].
  Only numbers the host says are
  [`LineType::Mobile`] get SMS; [`LineType::FixedLineOrMobile`] follows
  [`MaybeMobile`] (default: suppress); everything else is suppressed
  with its line type.
- **When**: the call's end plus the delay; if the rule names windows and
  none is open then, the earliest next opening any of them reports; if
  none will open, suppressed; if the host has no window of one of the
  names, suppressed whatever the others say. All instants are UTC;
  windows and their daylight-saving rules are the host's, so nothing
  here depends on a time zone.
- **Minimum interval**: the send is suppressed, with the instant it would
  be allowed, when the last send to the same number (by this rule, or by
  any rule with `"interval_scope": "all_rules"`) plus the interval is
  after the planned instant. Earlier decisions of the same evaluation
  count as sends. Queued messages go through the same checks.
- **Random sender**: one of `account.random_senders` (or, when the
  account lists none, of `account.mobile_numbers`), chosen by FNV-1a
  (64-bit, a fixed published function, not std's `DefaultHasher`, whose
  output may change between Rust releases) over, in order, the rule's
  name, the host's seed (8 bytes, little-endian), the call's caller and
  routed-to number as given, its end instant (seconds, 8 bytes LE, and
  nanoseconds, 4 bytes LE), and for a group rule the recipient; each
  field but the seconds is followed by a 0xFF byte. The hash modulo the
  number of senders picks one. The same inputs always give the same
  sender; a test recomputes the choice from this description.

# Errors

[`Error`] lists every [`Problem`] with the path of the value
(`rules[2].when.caller.prefixes[0]`), the rule it is in (position and
name), its line and column when it was found while reading JSON, and a
[`ProblemKind`]. Its `Display` gives one problem as `invalid rule set:
{path}: {what}`, or a numbered list of at most 50 problems. Useless but well-formed rules compile; the static
checks report them.

# Input safety

[`RuleSet::from_json`] refuses text over [`RuleSet::MAX_JSON`] (8 MiB)
before parsing it, and empty text or text that is not a JSON object with
a message that says so. Reading is linear in the text; a value of the
wrong type is reported in words ("expected a whole number of seconds from
0 to 4294967295, found the text "60"") with its rule and path.

Time and memory of each entry point, with n the length of the JSON text,
r the number of rules and l the items of all their lists (all bounded by
[`Limits`]):

| function | time | memory beyond its result |
|---|---|---|
| `RuleSet::from_json` | O(n) (a second O(n) pass only to name the rule of a bad value) | O(n) |
| `RuleSet::compile` | O(r + l log l) | O(r + l) |
| `CompiledRules::evaluate` | the rules the index selects, each O(log l) per list it looks up, plus the host's lookups | O(decisions) |
| `CompiledRules::evaluate_traced` | O(r) plus the above | O(r) for the trace |
| `CompiledRules::check` | at most [`CHECK_WORK`] steps for the shadowing check, O(r + l) for the others | O(r + l) |

[`Limits`] bound the compiled set (rules, list lengths, text and name
sizes, delay and interval); hostile rule sets hit them as errors.
Evaluation looks only at the rules the index selects (plus every rule
when traced) and makes at most one number lookup for the caller, one
per other recipient of a matching rule, and one window query per
window of a matching rule and recipient. Instants near the end of chrono's range
are suppressed with [`Suppressed::TimeOutOfRange`], never a panic.

The shadowing check compares pairs of rules, except pairs that cannot
shadow each other by their routed-to numbers: about 2 ms for the 1000
rules of the README's benchmark. A pair whose caller numbers, prefixes
or IVR keys must be compared costs a binary search per listed item, and
the check as a whole stops at a work limit ([`CHECK_WORK`]), reporting
[`FindingKind::NotChecked`] at the rule where it stopped and what the
work went into; the other checks always run to the end. Measured in a
release build on the README's 2-core machine while it was shared (load
average 11, so several times slower than when quiet): 10,000 plain
rules of one routed-to number each are checked completely in 15 ms;
10,000 rules with no routed-to number and one caller number each (50
million pairs) completely in 1.9 s; 100 rules of 1000 caller numbers
and 1000 prefixes each (5 MB of JSON), which took 18 s before the limit
existed, stop after 2.1 s at rule 31.
[`CompiledRules::check_with_limit`] sets another limit.

# Phone numbers

Every number is E.164 as written by people: `+` and the country calling
code, then the national number (`+48221234567`); spaces, `-`, `.`, `(`
and `)` may be written and are removed before comparing, nothing else is
changed. Call records, rule sets (routed-to and caller numbers, caller
prefixes, sender numbers), staff groups and history all use this one
spelling, so prefixes and lookups agree. A national number (`0221234567`)
is compared as written and never equals its E.164 form: convert national
numbers to E.164 before they reach the rules (the `phonenumber` feature's
`LibPhoneNumber` reads both). The `call-scenario` crate of this workspace
accepts the same E.164 spelling for external numbers, so one number
policy serves a host that uses both.

# API stability

Types that may grow are marked `#[non_exhaustive]`:

- **Enums that may gain variants**: [`Direction`], [`CallStatus`],
  [`LineType`], [`HitPolicy`], [`MaybeMobile`], [`IntervalScope`],
  [`Recipient`], [`Sender`], [`Condition`], [`TraceResult`],
  [`RuleOutcome`], [`Suppressed`], [`WindowState`], [`FindingKind`],
  [`NeverMatches`], [`ShadowingWork`], [`SenderProblem`] and
  [`ProblemKind`]. Match them
  with a wildcard arm (`_ => ...`).
- **Structs that may gain fields**: the rule-set format ([`RuleSet`],
  [`Account`], [`Rule`], [`Conditions`], [`CallerConditions`],
  [`DurationRange`], [`Message`]), [`CallRecord`], [`NumberDetails`]
  and [`Limits`]. Their fields are public to read and assign; build them
  with [`Default`] or a constructor ([`Rule::new`], [`Message::new`],
  [`DurationRange::new`], [`CallRecord::new`], [`NumberDetails::new`])
  and the chained setters named after the fields
  (`RuleSet::default().hit_policy(HitPolicy::AllMatches)`), or read them
  from JSON. A new field always gets a default that keeps today's
  behaviour.
- **Results** ([`Evaluation`], [`Decision`], [`Planned`], [`RuleTrace`],
  [`Finding`], [`Error`], [`Problem`]) have private fields and accessor
  methods, so they can gain information without breaking anyone.

The closed sets users type or read ([`Direction`], [`CallStatus`],
[`LineType`], [`HitPolicy`], [`MaybeMobile`], [`IntervalScope`],
[`Condition`], [`ShadowingWork`]) implement `Display` and `FromStr` with one lowercase
spelling each, the one the JSON uses (`"fixed_line"`, `"all_rules"`,
`"caller.prefixes"`); `FromStr` refuses anything else with a
[`ParseEnumError`] that lists the accepted spellings. Results a host logs
or sends on ([`Evaluation`], [`Decision`], [`RuleOutcome`],
[`Suppressed`], [`RuleTrace`], [`Finding`], [`NumberDetails`], and
[`Error`] with its problems for a form to show) implement
`serde::Serialize`; a suppression reason's `Display` is in plain words
with instants marked UTC (`2026-11-25 08:10 UTC`), or in a zone the
caller gives with [`Suppressed::to_string_in`].

[`Error`], [`Problem`], [`ProblemKind`] and [`Limits`] have the same
names in the other crates of this workspace because they mean the same
thing there (every problem of an input at once; the bounds on untrusted
input); use them with the crate path (`post_call_rules::Error`). No
public name shadows one of std's prelude.

# Crate features

- `phonenumber` (off by default): `LibPhoneNumber`, a [`NumberInfo`]
  over the `phonenumber` crate (a port of Google's libphonenumber), with
  guards for its known faults. Its metadata database is built on first
  use (see its docs for the cost).
- `schemars` (off by default): `schemars::JsonSchema` for the rule-set
  format and `RuleSet::json_schema`, the JSON Schema an editor or a web
  form can check a rule-set file with before it reaches
  [`RuleSet::from_json`]. The schema states the shape (fields, required
  fields, spellings, no unknown fields); the loader's checks of values
  (numbers, names, limits) come on top.

# Dependencies

`chrono` (instants), `serde`, `serde_json` and `serde_path_to_error` (the
format, with paths in errors, and serializable results), `thiserror`
(error messages), and with the features, `phonenumber` and `schemars`
(the JSON Schema generator that derives the schema from the same types
the loader reads, so the two cannot drift apart).
*/

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod call;
mod check;
mod compile;
mod error;
mod evaluate;
mod hash;
mod host;
mod number;
#[cfg(feature = "phonenumber")]
mod phone;
mod rule;
mod sender;
mod spelling;
mod words;

pub use crate::call::{CallRecord, CallStatus, Direction};
pub use crate::check::{
    Finding, FindingKind, NeverMatches, ShadowingWork, CHECK_WORK,
};
pub use crate::compile::{CompiledRules, Limits};
pub use crate::error::{Error, Problem, ProblemKind};
pub use crate::evaluate::{
    Condition, Decision, Evaluation, Planned, RuleOutcome, RuleTrace,
    Suppressed, TraceResult,
};
pub use crate::host::{
    History, Host, LineType, NoGroups, NoHistory, NoWindows, NumberDetails,
    NumberInfo, SendLog, SendWindows, StaffGroups, WindowState,
};
pub use crate::number::{InvalidRegion, Region};
#[cfg(feature = "phonenumber")]
pub use crate::phone::LibPhoneNumber;
pub use crate::rule::{
    Account, CallerConditions, Conditions, DurationRange, HitPolicy,
    IntervalScope, MaybeMobile, Message, Recipient, Rule, RuleSet, Sender,
};
pub use crate::sender::{
    alphanumeric_sender_problems, SenderProblem, MAX_ALPHANUMERIC_CHARS,
    MIN_ALPHANUMERIC_CHARS,
};
pub use crate::spelling::ParseEnumError;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
