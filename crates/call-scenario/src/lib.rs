/*!
The incoming-call scenario of a cloud PBX number (its IVR tree: messages,
self-service menus, forwards to a number, an employee or a department,
voicemail and fax): settings with one scenario per schedule interval,
checked with every problem reported at once, and run as a pure state
machine: events in, actions out, timers as actions so the host owns the
clock.

```
use call_scenario::{Action, Call, Event, Facts, Key, Number};

let number = Number::from_json(r#"{
    "name": "Main line",
    "scenarios": {
        "Working time": { "menu": {
            "prompt": { "text": "Press 1 for sales" },
            "keys": { "1": {
                "forward_to_employee": { "employee": "anna", "wait": "20s" },
                "then": { "voicemail": { "send_to": [{ "employee": "anna" }] } } } },
            "nothing_selected": { "message": { "text": "Goodbye" } } } },
        "Non-working time": { "message": { "text": "We are closed" } }
    }
}"#)?;

// The host's schedule says which interval is in force.
let (mut call, actions) = Call::start(&number, "Working time", Facts::default())?;
assert_eq!(actions.len(), 2); // play the prompt, collect digits
let actions = call.step(&number, Event::Digit { key: Key::D1 })?;
assert!(actions.iter().any(|a| matches!(a, Action::Ring { leg: 1, .. })));
let actions = call.step(&number, Event::LegAnswered { leg: 1 })?;
assert_eq!(actions[0], Action::Bridge { leg: 1 });
assert!(call.is_ended());
// What the caller chose, for post-call rules ("pressed 1").
assert_eq!(call.digits(), "1");
# Ok::<(), Box<dyn std::error::Error>>(())
```

# Overview

- [`Settings`] is the human-writable form of a number, through serde
  ([`Settings::from_json`], [`Settings::to_json`]): a display name, a
  [`Node`] tree per interval name, and named nodes for `go_to`. The node
  kinds ([`NodeKind`]) have exactly the parameters of a PBX panel's
  scenario form; closed sets are enums ([`ForwardWait`],
  [`DepartmentWait`], [`Step`], [`Key`], [`Distribution`]).
- [`Number::new`] or [`Number::builder`] checks settings (against the
  host's directory of employees and departments and the schedule's
  interval names, when given) and compiles them;
  [`NumberBuilder::check`] lists every problem without building.
- [`Call::start`] and [`Call::step`] are the engine; a [`Call`] is a
  serde value a host can store between events. [`Call::trail`],
  [`Call::choices`] and [`Call::digits`] give the path the caller took,
  [`Call::outcome`] how the call ended ([`CallOutcome`]).
- [`RingPlan::new`] gives a department's exact ring timeline, and
  [`RingPlan::answered`] and [`RingPlan::ended`] every leg with how it
  ended ([`LegEnding`]), so a host or a UI can show who rang when without
  running the engine.
- [`simulate`] and [`Simulation`] run a script on a virtual clock and log
  every event and action; [`paths`] lists every caller path up to a
  depth and flags those that end without a terminal action.
- [`Settings::copy_to`] copies a number's settings to another with
  employee and department ids remapped ([`ScenarioCopy`]).

# How a call runs

The settings list the node forms; they say nothing of what a caller
hears between them. These are the rules, each tested in
`tests/engine.rs`:

- **Message**: plays once; keys pressed meanwhile are ignored. When it
  ends, its `then` runs, or the call is hung up.
- **Menu**: the prompt plays with key collection on, so a key stops it
  ([`Action::StopPlayback`]). After the prompt the menu waits
  [`Timing::no_input_seconds`] (5 s). No input plays the prompt again, at
  most [`Timing::retries`] (2) more times; after that the "nothing
  selected" scenario runs. An invalid key (not offered, and not the start
  of an extension) follows its own setting, [`Timing::invalid_key`]: by
  default ([`InvalidKey::Retry`]) it plays the prompt again and counts as
  one of the retries, as no input does; [`InvalidKey::Replay`] plays it
  again without counting; [`InvalidKey::NothingSelected`] runs "nothing
  selected" at once. A valid key on any attempt is taken. There is no
  separate "invalid choice" prompt, since the settings have no field for
  one.
- **Extension dialing** (when the menu's switch is on; extensions come in
  [`Facts::extensions`]): a first digit that starts an extension is held,
  and the menu waits [`Timing::inter_digit_seconds`] (3 s) for the next.
  Digits that complete an extension no longer one starts with ring it at
  once; if the wait runs out, a lone digit that is an offered key is that
  key (so `1` means key 1 when `101` is also an extension, after 3 s),
  else a complete extension is dialed, else it is an invalid key. A first
  digit that is a key and starts no extension is taken at once. A dialed
  extension rings [`Timing::extension_wait`] (30 s); when it is not
  answered, or its employee is unavailable, the menu starts again.
- **Forwards**: the greeting (if switched on) plays first, keys ignored;
  then the leg rings. An answer bridges it ([`Action::Bridge`], the end of
  the scenario). Busy, not answered, failed or the wait running out go on
  with `then`, or hang up (the check warns). An employee listed in
  [`Facts::unavailable`] is never rung: `then` runs at once. There is no
  separate "forward" action: every forward has an answer wait and a
  no-answer continuation, which a blind transfer could not observe, so a
  forward is a ring, then a bridge.
- **Departments**: members come in [`Facts::departments`], in order, and
  ring by [`RingPlan`]: never an unavailable member. The wait counts for
  the whole department. A member whose leg is busy, not answered or failed
  drops out for the rest of this ringing; if no leg is left ringing, the
  distribution moves on at once (in turn: the next member rings now;
  cumulative: the next one is added now) without moving the step grid, and
  if nobody is left, `then` runs at once, as it does when nobody is
  available at all. After an answer every other leg is cancelled once.
- **Voicemail and fax**: the greeting, then [`Action::RecordVoicemail`]
  or [`Action::ReceiveFax`]; when the host reports the file, one
  [`Action::SendToEmails`] (the host knows the recipients' addresses),
  then the call is hung up. A voicemail normally ends by the caller
  hanging up: the host reports [`Event::VoicemailFinished`] with the
  recording; [`Event::CallerHungUp`] during a recording means nothing was
  recorded.
- **The caller hangs up**: everything held is released (playback stopped,
  timers and legs cancelled, collection stopped), with no
  [`Action::HangUp`].
- Events that do not apply (a key while ringing, a timer or leg that is
  not running or already ended, anything after the end) cause no action.
  Ids of playbacks, timers and legs count from 1 per kind and are never
  reused, so a stale event is recognised.

# Checks

[`Number::new`] refuses settings with an error and keeps warnings
([`Severity`]): a menu key or "nothing selected" with no scenario, an
external number in neither accepted form (see "Phone numbers"), a
`country` that is not a two-letter code, an empty prompt or one longer
than [`Limits::max_text`], a voicemail or
fax sent to nobody, a malformed external e-mail, a `then` on a menu,
voicemail, fax or `go_to`, a `go_to` to no node, a loop on which no menu
waits for input, an empty employee or department id, unknown employees
or departments (with a directory),
intervals of the schedule with no scenario (with the intervals), and the
limits; warnings for a forward with no "no answer" continuation, a named
node nothing reaches, a scenario for an interval the schedule lacks, and a
menu with no key and no extension dialing.

Values of closed sets (waits, steps, keys, distributions) are enums, so
a file with `"wait": "25s"` is refused when it is read, with the path and
the allowed values, and with every other value outside its set in the
same file (a second look at the document finds them all).
[`Number::from_json`], [`NumberBuilder::build_json`] and
[`NumberBuilder::check_json`] go on from there: the values outside their
sets are read as stand-ins so that the whole file is checked in the same
pass, and every problem comes at once, each [`Problem`] with the path of
its node, as
`scenarios["Working time"].menu.keys["1"].then.forward_to_number.number`.
Only other reading errors (bad syntax, a wrong type, an unknown field)
stop before the check.

# Phone numbers

External numbers (`forward_to_number`) are written in E.164, as
`+74952302222` or `+48601111222`: a plus, the country code and the
number, the same spelling `post-call-rules` uses, so a host with both
crates has one number policy. Spaces, dashes, dots and parentheses are
allowed and dropped (`+7 (495) 230-22-22`). When the settings give the
number's country ([`Settings::country`], ISO 3166-1 alpha-2 as `"RU"`)
and that country's national numbers have 10 digits (Russia, Kazakhstan,
the United States, Canada), the 10-digit national form (`4952302222`, no
trunk prefix such as `8`) is read too, as a Russian PBX panel writes
them. Either way the engine rings the number in E.164
([`RingTarget::Number`]).

# Examples

### Checking settings against the host's directory

```
use call_scenario::{Directory, Number, Settings};

let settings = Settings::from_json(r#"{ "scenarios": { "Working time": {
    "forward_to_department": { "department": "Sales", "distribution": "in_turn",
                               "step": "10s", "wait": "1min" } } } }"#)?;
let directory = Directory::new(["anna"], ["sales"]);
let err = Number::builder()
    .directory(directory)
    .intervals(["Working time", "Non-working time"])
    .build(settings)
    .unwrap_err();
let lines: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
assert_eq!(lines, [
    "scenarios: no scenario for interval \"Non-working time\"; the scenarios are for \"Working time\"",
    "scenarios[\"Working time\"].forward_to_department.department: unknown department \"Sales\"; did you mean \"sales\"?",
    "warning: scenarios[\"Working time\"]: no scenario when the forward is not answered: the call is hung up; add `then` (voicemail, for one)",
]);
# Ok::<(), call_scenario::Error>(())
```

### A "try it" run

```
use call_scenario::{simulate, Cue, Facts, Number};

let number = Number::from_json(r#"{ "scenarios": { "Working time": {
    "forward_to_department": { "department": "sales", "distribution": "cumulative",
                               "step": "5s", "wait": "15s" },
    "then": { "message": { "text": "Nobody is free" } } } } }"#)?;
let facts: Facts = serde_json::from_str(
    r#"{ "departments": { "sales": ["anna", "boris"] } }"#)?;
let sim = simulate(&number, "Working time", facts,
    &[Cue::Wait(7), Cue::Answer("boris".into())])?;
let log: Vec<String> = sim.log().iter().map(|e| e.to_string()).collect();
assert_eq!(log[log.len() - 3..], [
    "    7s  > bridge leg 2",
    "    7s  > cancel leg 1",
    "    7s  > cancel timer 1",
]);
# Ok::<(), Box<dyn std::error::Error>>(())
```

# Errors

[`Error`] lists every [`Problem`] ([`Problem::path`] from the settings'
root, [`Problem::severity`], [`Problem::kind`], and
[`Problem::line_column`] for a problem found in JSON text).
`Display` gives one problem on one line (`invalid call scenario
settings: PATH: PROBLEM`), or a count and one numbered line per problem,
at most 50. Reading stops at the first syntax error (with every value
outside its closed set found in the same text); checking reports
everything.
At run time: [`ProblemKind::MissingScenario`] when a call starts in an
interval with no scenario, [`ProblemKind::BadState`] when a call state is
stepped with settings other than those it started on (a fingerprint of the
settings is kept in the state), and [`ProblemKind::Script`] for a
simulation cue that cannot happen.

# API stability

Types that may gain fields or variants in a minor release are
`#[non_exhaustive]`: match their enums with a wildcard arm
(`_ => ...`), and build their structs through constructors and setters,
not struct literals:

- configs built in code ([`Settings`], [`Menu`], [`ForwardToNumber`],
  [`ForwardToEmployee`], [`ForwardToDepartment`], [`Mailbox`], [`Facts`],
  [`Directory`], [`Limits`], [`Timing`], [`PathOptions`], [`Remap`],
  [`Member`]) have public fields to read and change, `new` (or
  `Default`) and chained `with_` setters;
- results ([`Error`], [`Problem`], [`Visit`], [`ScenarioCopy`],
  [`Dangling`], [`RingPlan`], [`PlannedLeg`], [`EndedLeg`], [`LogEntry`],
  [`Paths`], [`CallerPath`], [`Node`]) have private fields and accessors;
- enums that may gain variants: [`NodeKind`], [`Prompt`], [`DirectoryId`],
  [`Distribution`], [`ForwardWait`], [`DepartmentWait`], [`Step`],
  [`Action`], [`Event`], [`CallOutcome`], [`RingTarget`], [`TimerName`],
  [`InvalidKey`], [`LegEnding`], [`Delivery`], [`Choice`], [`Branch`],
  [`Cue`], [`Logged`], [`PathEnd`],
  [`ProblemKind`]. [`Key`] (the twelve keys of a keypad) and
  [`Severity`] are closed.

Every closed set has `Display` and `FromStr` with the same spelling
(errors are a [`ParseValueError`] listing the accepted spellings);
results a host logs or sends on ([`CallOutcome`], [`Visit`],
[`RingPlan`], [`LogEntry`], [`Paths`], [`ScenarioCopy`], [`Error`],
[`Action`], [`Call`]) implement `serde::Serialize`. `Error`, `Problem`,
`ProblemKind` and `Limits` have the same names in this workspace's other
crates because they mean the same thing there; use them with the crate
path (`call_scenario::Error`). Names that would shadow the prelude or
clash with another crate's different thing are avoided
([`ScenarioCopy`], [`CallOutcome`], [`RingTarget`]).

# Input safety

[`Limits`], with defaults: at most 10,000 nodes, nesting at most 32 deep,
text-to-speech texts and audio file names of at most 1,000 characters
(a longer one is an error, so a host never plays or prints a megabyte
prompt), and 1,000 steps per call (events accepted plus nodes entered; the call is
hung up at the limit, so every call ends). Checking walks the settings with
an explicit stack and is linear in their size whatever the limits (loops
are found in one pass, since without menus every node has at most one way
on; a node's path is kept as its parent's and a suffix and written out
only for a problem reported there, so the time is linear in the settings
plus the text of the problems). JSON input is
further bounded by `serde_json`'s recursion limit (128 levels, about 40
nested menus).

Trees of [`Node`]s built in code may be of any depth: checking refuses
those deeper than [`Limits::max_depth`] without walking further, and
every operation on the tree works with an explicit stack instead of
recursion: `clone`, `==`, `Debug`, dropping, [`Settings::to_json`] and
[`Settings::copy_to`] (each linear in the size of the tree; `to_json`
stops indenting deeper at 128 levels so its text stays linear too).
serde's `Serialize`, which every serde format drives by recursion,
refuses trees nested deeper than [`Node::SERIALIZE_DEPTH`] (128) with an
error; `to_json` writes any depth.

A
department ring plan "in turn" or "cumulative" has at most 120 legs (10 min
in 5 s turns); "all at once" rings every available member the host lists in
[`Facts::departments`], so that list bounds it. Nothing in the library
panics on input: the engine looks nodes up with bounds checks, answers a
state that names nodes the settings lack with an error, and never indexes
with a position or id read from a stored state. [`paths`] is bounded by
[`PathOptions`] (depth 12, 10,000 paths by default).

Time and memory, function by function: [`Settings::from_json`] reads at
most [`Settings::MAX_JSON`] (8 MiB) and is linear in the text;
[`Number::new`] and the `NumberBuilder` checks are linear in the
settings plus the problems reported; [`Settings::to_json`],
[`Settings::copy_to`] and cloning, comparing, printing and dropping a
tree are linear in its size; [`Call::step`] is linear in the legs
ringing (at most 120, or the department's members for "all at once"),
and a call takes at most [`Limits::max_steps`] steps;
[`RingPlan::new`] takes at most 120 steps, each linear in the members;
[`simulate`] is
linear in the cues and the actions they cause; [`paths`] explores at most
`max_paths` paths of at most `depth` cues.

# Crate features

- `schemars` (off by default): `Settings::json_schema()` gives the JSON
  Schema of the settings file, and the file's types implement
  `schemars::JsonSchema`, so editors and web forms can check a file
  before it reaches the loader.

# Dependencies

- `serde` and `serde_json`: the settings, facts, call state, events and
  actions; `serde_path_to_error` (by the author of serde) names the path
  of a bad value in a parse error, which serde alone cannot.
- `thiserror`: error messages.
- `schemars` (optional, the `schemars` feature): the JSON Schema of the
  settings file, in the form editors and validators read.
*/

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod call;
mod copy;
mod error;
mod fnv;
mod json;
mod number;
mod path;
mod phone;
mod ring;
#[cfg(feature = "schemars")]
mod schema;
mod settings;
mod simulation;
mod tree;
mod values;
mod words;

pub use crate::call::{
    Action, Call, CallOutcome, Choice, Delivery, Event, Facts, RingTarget,
    TimerName, Visit,
};
pub use crate::copy::{Dangling, Remap, ScenarioCopy};
pub use crate::error::{Branch, Error, Problem, ProblemKind, Severity};
pub use crate::number::{
    Directory, InvalidKey, Limits, Number, NumberBuilder, Timing,
};
pub use crate::ring::{EndedLeg, LegEnding, Member, PlannedLeg, RingPlan};
pub use crate::settings::{
    DirectoryId, Distribution, ForwardToDepartment, ForwardToEmployee,
    ForwardToNumber, Mailbox, Menu, Node, NodeKind, Prompt, Settings,
};
pub use crate::simulation::{
    paths, simulate, CallerPath, Cue, LogEntry, Logged, PathEnd, PathOptions,
    Paths, Simulation,
};
pub use crate::values::{
    DepartmentWait, ForwardWait, Key, ParseValueError, Step,
};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
