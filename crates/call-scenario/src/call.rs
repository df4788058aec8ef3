//! The step engine: a call's state as a value, events in, actions
//! out.

use core::fmt;
use core::str::FromStr;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::{Error, ProblemKind, What};
use crate::number::{CKind, InvalidKey, Number};
use crate::ring::{Member, Rotation};
use crate::settings::{DirectoryId, Distribution, Prompt};
use crate::values::{Key, ParseValueError};

/// What the host knows about the moment a call comes in: who may be rung,
/// department members in order, and the internal extensions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct Facts {
    /// Employees who must not be rung (busy, away, offline).
    pub unavailable: BTreeSet<String>,
    /// Each department's members, by employee id, in the department's
    /// order (which "in turn" and "cumulative" follow).
    pub departments: BTreeMap<String, Vec<String>>,
    /// Internal extensions (digits) and the employee each rings.
    pub extensions: BTreeMap<String, String>,
}

impl Facts {
    /// No unavailable employees, no departments, no extensions (the same
    /// as `Facts::default()`).
    pub fn new() -> Facts {
        Facts::default()
    }

    /// The same facts with `employee` unavailable.
    pub fn with_unavailable(mut self, employee: impl Into<String>) -> Facts {
        self.unavailable.insert(employee.into());
        self
    }

    /// The same facts with `department`'s members, in order.
    pub fn with_department<I, S>(
        mut self,
        department: impl Into<String>,
        members: I,
    ) -> Facts
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.departments.insert(
            department.into(),
            members.into_iter().map(Into::into).collect(),
        );
        self
    }

    /// The same facts with the internal extension `digits` ringing
    /// `employee`.
    pub fn with_extension(
        mut self,
        digits: impl Into<String>,
        employee: impl Into<String>,
    ) -> Facts {
        self.extensions.insert(digits.into(), employee.into());
        self
    }
}

/// Who a leg rings.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RingTarget {
    /// An external number, in E.164 (`+74952302222`).
    Number(String),
    /// An employee, by id.
    Employee(String),
}

impl RingTarget {
    /// The number or the employee id.
    pub fn id(&self) -> &str {
        match self {
            RingTarget::Number(s) | RingTarget::Employee(s) => s,
        }
    }
}

impl fmt::Display for RingTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RingTarget::Number(n) => write!(f, "number {n}"),
            RingTarget::Employee(e) => write!(f, "employee {e:?}"),
        }
    }
}

/// What a timer is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TimerName {
    /// A menu's wait for a key after its prompt.
    NoInput,
    /// A menu's wait for the next digit of an extension.
    InterDigit,
    /// How long a forward rings in all.
    AnswerWait,
    /// The next move of an "in turn" or "cumulative" department.
    RingStep,
}

impl TimerName {
    const ALL: [(TimerName, &'static str, &'static str); 4] = [
        (TimerName::NoInput, "no input", "no_input"),
        (TimerName::InterDigit, "inter-digit", "inter_digit"),
        (TimerName::AnswerWait, "answer wait", "answer_wait"),
        (TimerName::RingStep, "ring step", "ring_step"),
    ];
}

/// In words: `no input`, `inter-digit`, `answer wait`, `ring step`.
impl fmt::Display for TimerName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words = TimerName::ALL.iter().find(|t| t.0 == *self);
        f.write_str(words.map_or("timer", |t| t.1))
    }
}

/// The words of `Display`, or the JSON spelling (`no_input`).
impl FromStr for TimerName {
    type Err = ParseValueError;

    fn from_str(s: &str) -> Result<TimerName, ParseValueError> {
        TimerName::ALL
            .iter()
            .find(|t| t.1 == s || t.2 == s)
            .map(|t| t.0)
            .ok_or_else(|| {
                let words: Vec<&str> =
                    TimerName::ALL.iter().map(|t| t.1).collect();
                ParseValueError::one_of("timer name", s, &words)
            })
    }
}

/// What was received: a voicemail recording or a fax.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Delivery {
    /// A voicemail recording.
    Voicemail,
    /// A fax document.
    Fax,
}

/// `voicemail` or `fax` (what `FromStr` reads).
impl fmt::Display for Delivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Delivery::Voicemail => "voicemail",
            Delivery::Fax => "fax",
        })
    }
}

impl FromStr for Delivery {
    type Err = ParseValueError;

    fn from_str(s: &str) -> Result<Delivery, ParseValueError> {
        match s {
            "voicemail" => Ok(Delivery::Voicemail),
            "fax" => Ok(Delivery::Fax),
            _ => Err(ParseValueError::one_of(
                "delivery",
                s,
                &["voicemail", "fax"],
            )),
        }
    }
}

/// What the host must do. Ids (`playback`, `timer`, `leg`) are numbered
/// from 1 within a call, separately for each kind, and never reused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Action {
    /// Play a prompt to the caller; report
    /// [`Event::PlaybackFinished`] when it ends.
    Play {
        /// Its id.
        playback: u32,
        /// What to play.
        prompt: Prompt,
    },
    /// Stop a playback (the caller pressed a key during a menu prompt);
    /// no `PlaybackFinished` is expected for it.
    StopPlayback {
        /// Its id.
        playback: u32,
    },
    /// Start passing the caller's keys as [`Event::Digit`].
    CollectDigits,
    /// Stop passing keys.
    StopCollecting,
    /// Start a timer; report [`Event::TimerFired`] when it runs out.
    StartTimer {
        /// Its id.
        timer: u32,
        /// What it is for.
        name: TimerName,
        /// After how many seconds it fires.
        seconds: u32,
    },
    /// Cancel a running timer; it must not fire.
    CancelTimer {
        /// Its id.
        timer: u32,
    },
    /// Ring a target on a new leg (the caller hears ringback); report
    /// answered, busy, not answered or failed.
    Ring {
        /// Its id.
        leg: u32,
        /// Whom to ring.
        target: RingTarget,
    },
    /// Stop ringing a leg.
    CancelLeg {
        /// Its id.
        leg: u32,
    },
    /// Connect the caller to an answered leg. The scenario is over; the
    /// conversation is the host's.
    Bridge {
        /// The answered leg.
        leg: u32,
    },
    /// Record the caller's message; report [`Event::VoicemailFinished`].
    RecordVoicemail,
    /// Receive a fax; report [`Event::FaxFinished`].
    ReceiveFax,
    /// E-mail the recording or fax to the recipients (the host knows
    /// their addresses) and to the external address.
    SendToEmails {
        /// A recording or a fax.
        what: Delivery,
        /// The host's name for the file, as it reported it.
        file: String,
        /// Employees and departments.
        recipients: Vec<DirectoryId>,
        /// The external e-mail, if any.
        external_email: Option<String>,
    },
    /// End the call.
    HangUp,
}

impl Action {
    /// Whether the action ends the scenario: [`Action::HangUp`] or
    /// [`Action::Bridge`].
    pub fn is_terminal(&self) -> bool {
        matches!(self, Action::HangUp | Action::Bridge { .. })
    }
}

impl fmt::Display for Prompt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Prompt::Text(t) => write!(f, "text {t:?}"),
            Prompt::Audio(a) => write!(f, "audio {a:?}"),
        }
    }
}

impl fmt::Display for DirectoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DirectoryId::Employee(e) => write!(f, "employee {e:?}"),
            DirectoryId::Department(d) => write!(f, "department {d:?}"),
        }
    }
}

/// One line per action, as the logs and `ivr-sim` print them.
impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Play { playback, prompt } => {
                write!(f, "play {playback}: {prompt}")
            }
            Action::StopPlayback { playback } => {
                write!(f, "stop playback {playback}")
            }
            Action::CollectDigits => f.write_str("collect digits"),
            Action::StopCollecting => f.write_str("stop collecting digits"),
            Action::StartTimer { timer, name, seconds } => {
                write!(f, "start timer {timer} ({name}, {seconds}s)")
            }
            Action::CancelTimer { timer } => write!(f, "cancel timer {timer}"),
            Action::Ring { leg, target } => {
                write!(f, "ring leg {leg}: {target}")
            }
            Action::CancelLeg { leg } => write!(f, "cancel leg {leg}"),
            Action::Bridge { leg } => write!(f, "bridge leg {leg}"),
            Action::RecordVoicemail => f.write_str("record voicemail"),
            Action::ReceiveFax => f.write_str("receive fax"),
            Action::SendToEmails {
                what,
                file,
                recipients,
                external_email,
            } => {
                write!(f, "send {what} {file:?} to ")?;
                let mut to: Vec<String> =
                    recipients.iter().map(ToString::to_string).collect();
                if let Some(e) = external_email {
                    to.push(format!("e-mail {e}"));
                }
                f.write_str(&to.join(", "))
            }
            Action::HangUp => f.write_str("hang up"),
        }
    }
}

/// What happened, reported by the host.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Event {
    /// A playback ended.
    PlaybackFinished {
        /// Its id.
        playback: u32,
    },
    /// The caller pressed a key.
    Digit {
        /// The key.
        key: Key,
    },
    /// A timer ran out.
    TimerFired {
        /// Its id.
        timer: u32,
    },
    /// A leg was answered.
    LegAnswered {
        /// Its id.
        leg: u32,
    },
    /// A leg was busy (or rejected).
    LegBusy {
        /// Its id.
        leg: u32,
    },
    /// A leg stopped ringing unanswered on its own (the phone's own
    /// timeout).
    LegNotAnswered {
        /// Its id.
        leg: u32,
    },
    /// A leg could not be placed.
    LegFailed {
        /// Its id.
        leg: u32,
    },
    /// The caller hung up.
    CallerHungUp,
    /// A voicemail recording ended (the caller hung up or finished), with
    /// the host's name for the file.
    VoicemailFinished {
        /// The recording.
        recording: String,
    },
    /// A fax was received.
    FaxFinished {
        /// The document.
        document: String,
    },
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::PlaybackFinished { playback } => {
                write!(f, "playback {playback} finished")
            }
            Event::Digit { key } => write!(f, "digit {key}"),
            Event::TimerFired { timer } => write!(f, "timer {timer} fired"),
            Event::LegAnswered { leg } => write!(f, "leg {leg} answered"),
            Event::LegBusy { leg } => write!(f, "leg {leg} busy"),
            Event::LegNotAnswered { leg } => {
                write!(f, "leg {leg} not answered")
            }
            Event::LegFailed { leg } => write!(f, "leg {leg} failed"),
            Event::CallerHungUp => f.write_str("caller hung up"),
            Event::VoicemailFinished { recording } => {
                write!(f, "voicemail finished: {recording:?}")
            }
            Event::FaxFinished { document } => {
                write!(f, "fax finished: {document:?}")
            }
        }
    }
}

/// How a call ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CallOutcome {
    /// Connected to a person.
    Bridged {
        /// The leg.
        leg: u32,
        /// Who answered.
        target: RingTarget,
    },
    /// The scenario hung up: after a message or a delivered voicemail or
    /// fax, or a forward not answered with nothing after it.
    HungUp,
    /// The caller hung up first.
    CallerHungUp,
    /// The call reached [`Limits::max_steps`](crate::Limits::max_steps)
    /// and was hung up.
    StepLimit,
}

/// `connected to employee "anna" (leg 2)`, `hung up`, `caller hung up`,
/// `hung up at the step limit`.
impl fmt::Display for CallOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallOutcome::Bridged { leg, target } => {
                write!(f, "connected to {target} (leg {leg})")
            }
            CallOutcome::HungUp => f.write_str("hung up"),
            CallOutcome::CallerHungUp => f.write_str("caller hung up"),
            CallOutcome::StepLimit => f.write_str("hung up at the step limit"),
        }
    }
}

/// What the caller chose in a menu.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Choice {
    /// An offered key.
    Key(Key),
    /// Nothing (no input or invalid keys until the retries ran out).
    NothingSelected,
    /// An internal extension, dialed directly.
    Extension(String),
}

/// `key 1`, `nothing selected`, `extension 101`.
impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Choice::Key(k) => write!(f, "key {k}"),
            Choice::NothingSelected => f.write_str("nothing selected"),
            Choice::Extension(e) => write!(f, "extension {e}"),
        }
    }
}

/// What `Display` writes, and `extension D` for any digits `D`.
impl FromStr for Choice {
    type Err = ParseValueError;

    fn from_str(s: &str) -> Result<Choice, ParseValueError> {
        if s == "nothing selected" {
            return Ok(Choice::NothingSelected);
        }
        if let Some(k) = s.strip_prefix("key ").and_then(|k| k.parse().ok()) {
            return Ok(Choice::Key(k));
        }
        match s.strip_prefix("extension ") {
            Some(d)
                if !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Ok(Choice::Extension(d.to_string()))
            }
            _ => Err(ParseValueError::new(
                "menu choice",
                s,
                "\"key K\" with K one of 0-9, *, #, \"nothing selected\" \
                 or \"extension DIGITS\""
                    .to_string(),
            )),
        }
    }
}

/// A node the call went through, and the choice made there (menus).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    pub(crate) node: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) choice: Option<Choice>,
}

impl Visit {
    /// The node's path, as `scenarios["Working time"].menu.keys["1"]`.
    pub fn node(&self) -> &str {
        &self.node
    }

    /// For a menu: what the caller chose, once chosen.
    pub fn choice(&self) -> Option<&Choice> {
        self.choice.as_ref()
    }
}

/// One incoming call: a serde value a host can keep between events.
///
/// Start it with [`Call::start`], then feed each event to
/// [`Call::step`] with the same [`Number`]. See the crate docs for the
/// rules of what a caller hears between the nodes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    fingerprint: u64,
    interval: String,
    facts: Facts,
    waiting: Waiting,
    ids: Ids,
    steps: u32,
    trail: Vec<Visit>,
    digits: String,
    outcome: Option<CallOutcome>,
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize,
)]
struct Ids {
    playback: u32,
    timer: u32,
    leg: u32,
}

/// What the call waits for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "waiting", rename_all = "snake_case")]
enum Waiting {
    /// Moving between nodes; holds nothing.
    Between,
    /// A message or a greeting playing.
    Playback { node: u32, playback: u32 },
    /// A menu.
    Menu(MenuState),
    /// Legs ringing.
    Ringing(RingState),
    /// A voicemail being recorded or a fax received.
    Recording { node: u32 },
    /// Over.
    Ended,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct MenuState {
    node: u32,
    /// Its entry in the trail.
    visit: usize,
    playback: Option<u32>,
    timer: Option<(u32, TimerName)>,
    /// How many times the prompt has started.
    attempt: u32,
    /// Digits of an extension so far.
    buffer: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct RingState {
    /// The forward node; for a dialed extension, the menu.
    node: u32,
    extension: bool,
    legs: Vec<LiveLeg>,
    wait_timer: u32,
    step_timer: Option<u32>,
    /// Departments: the members and their rotation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    members: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rotation: Option<Rotation>,
    /// Steps taken, and the step and wait in seconds.
    steps: u32,
    step: u32,
    wait: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct LiveLeg {
    leg: u32,
    target: RingTarget,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    member: Option<usize>,
}

/// What a retry needs of a menu.
struct MenuNode<'a> {
    prompt: &'a Prompt,
    nothing_selected: u32,
    retries: u32,
    invalid_key: InvalidKey,
}

/// What to do after a node: enter another at once, or nothing more.
enum Next {
    Enter(u32),
    Wait,
}

fn bad(message: impl Into<String>) -> Error {
    Error::one("", ProblemKind::BadState { message: message.into() })
        .about(What::Call)
}

impl Call {
    /// Starts a call on `number` in the schedule interval `interval`, with
    /// the host's `facts`. Returns the call and its first actions.
    ///
    /// # Errors
    /// [`ProblemKind::MissingScenario`] when the number has no scenario
    /// for `interval`.
    ///
    /// # Example
    /// ```
    /// use call_scenario::{Action, Call, Event, Facts, Number, Prompt};
    /// let number = Number::from_json(r#"{ "scenarios": {
    ///     "Working time": { "message": { "text": "Hello" } } } }"#)?;
    /// let (mut call, actions) =
    ///     Call::start(&number, "Working time", Facts::default())?;
    /// assert_eq!(actions, [Action::Play {
    ///     playback: 1, prompt: Prompt::Text("Hello".into()) }]);
    /// let actions = call.step(&number, Event::PlaybackFinished { playback: 1 })?;
    /// assert_eq!(actions, [Action::HangUp]);
    /// assert!(call.is_ended());
    /// # Ok::<(), call_scenario::Error>(())
    /// ```
    pub fn start(
        number: &Number,
        interval: &str,
        facts: Facts,
    ) -> Result<(Call, Vec<Action>), Error> {
        let Some(&root) = number.roots.get(interval) else {
            return Err(Error::one(
                "",
                ProblemKind::MissingScenario {
                    interval: interval.to_string(),
                    known: number.roots.keys().cloned().collect(),
                },
            )
            .about(What::Call));
        };
        let mut call = Call {
            fingerprint: number.fingerprint,
            interval: interval.to_string(),
            facts,
            waiting: Waiting::Between,
            ids: Ids::default(),
            steps: 0,
            trail: Vec::new(),
            digits: String::new(),
            outcome: None,
        };
        let mut out = Vec::new();
        call.run(number, Next::Enter(root), &mut out)?;
        Ok((call, out))
    }

    /// Feeds one event and returns the actions it causes. Events that do
    /// not apply (a digit while ringing, a timer or leg that is not
    /// running, anything after the end) cause no action.
    ///
    /// # Errors
    /// [`ProblemKind::BadState`] when the call's state does not fit
    /// `number` (a state kept from other settings, or altered).
    pub fn step(
        &mut self,
        number: &Number,
        event: Event,
    ) -> Result<Vec<Action>, Error> {
        let mut out = Vec::new();
        self.step_into(number, event, &mut out)?;
        Ok(out)
    }

    /// As [`step`](Call::step), appending the actions to `out`.
    ///
    /// # Errors
    /// As [`step`](Call::step).
    pub fn step_into(
        &mut self,
        number: &Number,
        event: Event,
        out: &mut Vec<Action>,
    ) -> Result<(), Error> {
        if self.is_ended() {
            return Ok(());
        }
        if self.fingerprint != number.fingerprint {
            return Err(bad(
                "the call was started on other settings (their fingerprints \
                 differ)",
            ));
        }
        self.steps = self.steps.saturating_add(1);
        if event == Event::CallerHungUp {
            self.release(out);
            self.end(CallOutcome::CallerHungUp);
            return Ok(());
        }
        let next =
            match core::mem::replace(&mut self.waiting, Waiting::Between) {
                Waiting::Playback { node, playback } => {
                    if event == (Event::PlaybackFinished { playback }) {
                        self.after_playback(number, node, out)?
                    } else {
                        self.waiting = Waiting::Playback { node, playback };
                        Next::Wait
                    }
                }
                Waiting::Menu(m) => self.menu_event(number, m, event, out)?,
                Waiting::Ringing(r) => {
                    self.ring_event(number, r, event, out)?
                }
                Waiting::Recording { node } => {
                    self.recording_event(number, node, event, out)?
                }
                w @ (Waiting::Between | Waiting::Ended) => {
                    self.waiting = w;
                    Next::Wait
                }
            };
        self.run(number, next, out)?;
        // The event that reaches the limit is handled, so what it ended is
        // not released twice; then the call is hung up.
        if !self.is_ended() && self.steps >= number.limits.max_steps {
            self.abort(out);
        }
        Ok(())
    }

    /// Whether the call is over.
    pub fn is_ended(&self) -> bool {
        self.outcome.is_some()
    }

    /// How the call ended, once it has.
    pub fn outcome(&self) -> Option<&CallOutcome> {
        self.outcome.as_ref()
    }

    /// The nodes the call went through, in order, with menu choices
    /// (`go_to` jumps are not listed).
    pub fn trail(&self) -> &[Visit] {
        &self.trail
    }

    /// The menu choices made, in order.
    pub fn choices(&self) -> impl Iterator<Item = &Choice> {
        self.trail.iter().filter_map(|v| v.choice.as_ref())
    }

    /// Every key the caller pressed in menus, in order (`"12"`), including
    /// invalid ones and the digits of extensions.
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// The interval the call started in.
    pub fn interval(&self) -> &str {
        &self.interval
    }

    /// The facts the call started with.
    pub fn facts(&self) -> &Facts {
        &self.facts
    }

    /// Steps taken so far (events fed plus nodes entered).
    pub fn steps(&self) -> u32 {
        self.steps
    }

    /// The menu waiting for keys, if any.
    pub(crate) fn menu_node(&self) -> Option<u32> {
        match &self.waiting {
            Waiting::Menu(m) => Some(m.node),
            _ => None,
        }
    }

    /// The voicemail or fax node recording, if any.
    pub(crate) fn recording_node(&self) -> Option<u32> {
        match &self.waiting {
            Waiting::Recording { node } => Some(*node),
            _ => None,
        }
    }

    fn end(&mut self, outcome: CallOutcome) {
        self.waiting = Waiting::Ended;
        self.outcome = Some(outcome);
    }

    fn hang_up(&mut self, out: &mut Vec<Action>) {
        out.push(Action::HangUp);
        self.end(CallOutcome::HungUp);
    }

    /// Hangs up at the step limit, releasing what is held.
    fn abort(&mut self, out: &mut Vec<Action>) {
        self.release(out);
        out.push(Action::HangUp);
        self.end(CallOutcome::StepLimit);
    }

    /// Stops playbacks, timers, collection and legs the state holds.
    fn release(&mut self, out: &mut Vec<Action>) {
        match core::mem::replace(&mut self.waiting, Waiting::Between) {
            Waiting::Playback { playback, .. } => {
                out.push(Action::StopPlayback { playback })
            }
            Waiting::Menu(m) => {
                if let Some(playback) = m.playback {
                    out.push(Action::StopPlayback { playback });
                }
                if let Some((timer, _)) = m.timer {
                    out.push(Action::CancelTimer { timer });
                }
                out.push(Action::StopCollecting);
            }
            Waiting::Ringing(r) => {
                for l in &r.legs {
                    out.push(Action::CancelLeg { leg: l.leg });
                }
                out.push(Action::CancelTimer { timer: r.wait_timer });
                if let Some(timer) = r.step_timer {
                    out.push(Action::CancelTimer { timer });
                }
            }
            Waiting::Between | Waiting::Recording { .. } | Waiting::Ended => {}
        }
    }

    fn play(&mut self, prompt: &Prompt, out: &mut Vec<Action>) -> u32 {
        // Saturating: only an altered state comes near the end.
        self.ids.playback = self.ids.playback.saturating_add(1);
        out.push(Action::Play {
            playback: self.ids.playback,
            prompt: prompt.clone(),
        });
        self.ids.playback
    }

    fn timer(
        &mut self,
        name: TimerName,
        seconds: u32,
        out: &mut Vec<Action>,
    ) -> u32 {
        // Saturating: only an altered state comes near the end.
        self.ids.timer = self.ids.timer.saturating_add(1);
        out.push(Action::StartTimer { timer: self.ids.timer, name, seconds });
        self.ids.timer
    }

    fn ring(&mut self, target: RingTarget, out: &mut Vec<Action>) -> u32 {
        // Saturating: only an altered state comes near the end.
        self.ids.leg = self.ids.leg.saturating_add(1);
        out.push(Action::Ring { leg: self.ids.leg, target });
        self.ids.leg
    }

    /// Enters nodes until one waits for an event.
    fn run(
        &mut self,
        number: &Number,
        mut next: Next,
        out: &mut Vec<Action>,
    ) -> Result<(), Error> {
        while let Next::Enter(i) = next {
            if self.steps >= number.limits.max_steps {
                self.abort(out);
                return Ok(());
            }
            self.steps += 1;
            next = self.enter(number, i, out)?;
        }
        Ok(())
    }

    fn enter(
        &mut self,
        number: &Number,
        i: u32,
        out: &mut Vec<Action>,
    ) -> Result<Next, Error> {
        let node = number.node(i)?;
        if let CKind::GoTo(t) = node.kind {
            return Ok(Next::Enter(t));
        }
        self.trail.push(Visit { node: number.path_of(node), choice: None });
        let greeting = match &node.kind {
            CKind::Message(p) => Some(p),
            CKind::Menu { prompt, .. } => {
                let playback = self.play(prompt, out);
                out.push(Action::CollectDigits);
                self.waiting = Waiting::Menu(MenuState {
                    node: i,
                    visit: self.trail.len() - 1,
                    playback: Some(playback),
                    timer: None,
                    attempt: 1,
                    buffer: String::new(),
                });
                return Ok(Next::Wait);
            }
            CKind::Number { greeting, .. }
            | CKind::Employee { greeting, .. }
            | CKind::Department { greeting, .. }
            | CKind::Mailbox { greeting, .. } => greeting.as_ref(),
            CKind::GoTo(_) => None,
        };
        match greeting {
            Some(p) => {
                let playback = self.play(p, out);
                self.waiting = Waiting::Playback { node: i, playback };
                Ok(Next::Wait)
            }
            None => self.after_playback(number, i, out),
        }
    }

    /// After a message or a greeting.
    fn after_playback(
        &mut self,
        number: &Number,
        i: u32,
        out: &mut Vec<Action>,
    ) -> Result<Next, Error> {
        let node = number.node(i)?;
        match &node.kind {
            CKind::Message(_) => Ok(self.continue_after(node.then, out)),
            CKind::Number { number: n, wait, .. } => {
                let leg = self.ring(RingTarget::Number(n.clone()), out);
                let legs = vec![LiveLeg {
                    leg,
                    target: RingTarget::Number(n.clone()),
                    member: None,
                }];
                Ok(self.ringing(i, false, legs, wait.seconds(), None, out))
            }
            CKind::Employee { employee, wait, .. } => {
                if self.facts.unavailable.contains(employee) {
                    return Ok(self.continue_after(node.then, out));
                }
                let target = RingTarget::Employee(employee.clone());
                let leg = self.ring(target.clone(), out);
                let legs = vec![LiveLeg { leg, target, member: None }];
                Ok(self.ringing(i, false, legs, wait.seconds(), None, out))
            }
            CKind::Department { department, distribution, wait, .. } => {
                let members: Vec<String> = self
                    .facts
                    .departments
                    .get(department)
                    .cloned()
                    .unwrap_or_default();
                let listed: Vec<Member> = members
                    .iter()
                    .map(|e| Member {
                        employee: e.clone(),
                        available: !self.facts.unavailable.contains(e),
                    })
                    .collect();
                let mut rotation = Rotation::new(&listed, *distribution);
                let mut legs = Vec::new();
                for m in rotation.start() {
                    let Some(e) = members.get(m) else { continue };
                    let target = RingTarget::Employee(e.clone());
                    let leg = self.ring(target.clone(), out);
                    legs.push(LiveLeg { leg, target, member: Some(m) });
                }
                if legs.is_empty() {
                    return Ok(self.continue_after(node.then, out));
                }
                let ring = Some((members, rotation, *distribution));
                Ok(self.ringing(i, false, legs, wait.seconds(), ring, out))
            }
            CKind::Mailbox { fax, .. } => {
                out.push(if *fax {
                    Action::ReceiveFax
                } else {
                    Action::RecordVoicemail
                });
                self.waiting = Waiting::Recording { node: i };
                Ok(Next::Wait)
            }
            CKind::Menu { .. } | CKind::GoTo(_) => {
                Err(bad(format!("node {i} does not play a greeting")))
            }
        }
    }

    /// Starts the timers of ringing legs.
    fn ringing(
        &mut self,
        node: u32,
        extension: bool,
        legs: Vec<LiveLeg>,
        wait: u32,
        department: Option<(Vec<String>, Rotation, Distribution)>,
        out: &mut Vec<Action>,
    ) -> Next {
        let wait_timer = self.timer(TimerName::AnswerWait, wait, out);
        let (members, rotation, step) = match department {
            Some((m, r, d)) => {
                (m, Some(r), d.step().map_or(0, |s| s.seconds()))
            }
            None => (Vec::new(), None, 0),
        };
        let step_timer = match &rotation {
            Some(r) if r.can_advance() && step > 0 && step < wait => {
                Some(self.timer(TimerName::RingStep, step, out))
            }
            _ => None,
        };
        self.waiting = Waiting::Ringing(RingState {
            node,
            extension,
            legs,
            wait_timer,
            step_timer,
            members,
            rotation,
            steps: 0,
            step,
            wait,
        });
        Next::Wait
    }

    /// The node's continuation, or hang up.
    fn continue_after(
        &mut self,
        then: Option<u32>,
        out: &mut Vec<Action>,
    ) -> Next {
        match then {
            Some(t) => Next::Enter(t),
            None => {
                self.hang_up(out);
                Next::Wait
            }
        }
    }

    fn menu_event(
        &mut self,
        number: &Number,
        mut m: MenuState,
        event: Event,
        out: &mut Vec<Action>,
    ) -> Result<Next, Error> {
        let node = number.node(m.node)?;
        let CKind::Menu { prompt, keys, nothing_selected, extension_dialing } =
            &node.kind
        else {
            return Err(bad(format!("node {} is not a menu", m.node)));
        };
        let timing = number.timing;
        let menu = MenuNode {
            prompt,
            nothing_selected: *nothing_selected,
            retries: timing.retries,
            invalid_key: timing.invalid_key,
        };
        match event {
            Event::PlaybackFinished { playback }
                if m.playback == Some(playback) =>
            {
                m.playback = None;
                let t = self.timer(
                    TimerName::NoInput,
                    timing.no_input_seconds,
                    out,
                );
                m.timer = Some((t, TimerName::NoInput));
                self.waiting = Waiting::Menu(m);
                Ok(Next::Wait)
            }
            Event::Digit { key } => {
                self.digits.push(key.as_char());
                if let Some(playback) = m.playback.take() {
                    out.push(Action::StopPlayback { playback });
                }
                if let Some((timer, _)) = m.timer.take() {
                    out.push(Action::CancelTimer { timer });
                }
                let offered = keys.iter().find(|k| k.0 == key).map(|k| k.1);
                let exts = &self.facts.extensions;
                if m.buffer.is_empty() {
                    let starts = *extension_dialing
                        && key.is_digit()
                        && exts.keys().any(|e| e.starts_with(key.as_char()));
                    if !starts {
                        return Ok(match offered {
                            Some(child) => {
                                self.choose(m, Choice::Key(key), child, out)
                            }
                            None => self.invalid(&menu, m, out),
                        });
                    }
                    m.buffer.push(key.as_char());
                    if offered.is_none() && self.complete(&m.buffer) {
                        return Ok(self.dial(number, m, out));
                    }
                } else {
                    if !key.is_digit() {
                        m.buffer.clear();
                        return Ok(self.invalid(&menu, m, out));
                    }
                    m.buffer.push(key.as_char());
                    if self.complete(&m.buffer) {
                        return Ok(self.dial(number, m, out));
                    }
                    if !exts.keys().any(|e| e.starts_with(m.buffer.as_str())) {
                        m.buffer.clear();
                        return Ok(self.invalid(&menu, m, out));
                    }
                }
                let t = self.timer(
                    TimerName::InterDigit,
                    timing.inter_digit_seconds,
                    out,
                );
                m.timer = Some((t, TimerName::InterDigit));
                self.waiting = Waiting::Menu(m);
                Ok(Next::Wait)
            }
            Event::TimerFired { timer }
                if m.timer.map(|t| t.0) == Some(timer) =>
            {
                let (_, name) =
                    m.timer.take().unwrap_or((timer, TimerName::NoInput));
                if name == TimerName::InterDigit {
                    let buffer = core::mem::take(&mut m.buffer);
                    let lone_key = match buffer.as_bytes() {
                        [d] => keys
                            .iter()
                            .find(|k| k.0.as_char() == char::from(*d))
                            .map(|k| (k.0, k.1)),
                        _ => None,
                    };
                    if let Some((key, child)) = lone_key {
                        return Ok(self.choose(
                            m,
                            Choice::Key(key),
                            child,
                            out,
                        ));
                    }
                    if self.facts.extensions.contains_key(&buffer) {
                        m.buffer = buffer;
                        return Ok(self.dial(number, m, out));
                    }
                    // Digits that are neither a key nor an extension.
                    return Ok(self.invalid(&menu, m, out));
                }
                Ok(self.retry(&menu, m, out))
            }
            _ => {
                self.waiting = Waiting::Menu(m);
                Ok(Next::Wait)
            }
        }
    }

    /// Whether `buffer` is an extension no longer extension starts with.
    fn complete(&self, buffer: &str) -> bool {
        let exts = &self.facts.extensions;
        exts.contains_key(buffer)
            && !exts
                .range::<str, _>((
                    core::ops::Bound::Excluded(buffer),
                    core::ops::Bound::Unbounded,
                ))
                .next()
                .is_some_and(|(e, _)| e.starts_with(buffer))
    }

    fn choose(
        &mut self,
        m: MenuState,
        choice: Choice,
        child: u32,
        out: &mut Vec<Action>,
    ) -> Next {
        out.push(Action::StopCollecting);
        if let Some(v) = self.trail.get_mut(m.visit) {
            v.choice = Some(choice);
        }
        Next::Enter(child)
    }

    /// No input or an invalid key: the prompt again, or "nothing
    /// selected" once the retries are used.
    /// A key the menu does not offer, by
    /// [`Timing::invalid_key`](crate::Timing::invalid_key).
    fn invalid(
        &mut self,
        menu: &MenuNode<'_>,
        mut m: MenuState,
        out: &mut Vec<Action>,
    ) -> Next {
        match menu.invalid_key {
            InvalidKey::Replay => {
                m.buffer.clear();
                m.playback = Some(self.play(menu.prompt, out));
                self.waiting = Waiting::Menu(m);
                Next::Wait
            }
            InvalidKey::NothingSelected => self.choose(
                m,
                Choice::NothingSelected,
                menu.nothing_selected,
                out,
            ),
            _ => self.retry(menu, m, out),
        }
    }

    fn retry(
        &mut self,
        menu: &MenuNode<'_>,
        mut m: MenuState,
        out: &mut Vec<Action>,
    ) -> Next {
        m.buffer.clear();
        if m.attempt <= menu.retries {
            m.attempt = m.attempt.saturating_add(1);
            m.playback = Some(self.play(menu.prompt, out));
            self.waiting = Waiting::Menu(m);
            return Next::Wait;
        }
        self.choose(m, Choice::NothingSelected, menu.nothing_selected, out)
    }

    fn dial(
        &mut self,
        number: &Number,
        m: MenuState,
        out: &mut Vec<Action>,
    ) -> Next {
        out.push(Action::StopCollecting);
        let ext = m.buffer.clone();
        if let Some(v) = self.trail.get_mut(m.visit) {
            v.choice = Some(Choice::Extension(ext.clone()));
        }
        let employee = self.facts.extensions.get(&ext).cloned();
        match employee {
            Some(e) if !self.facts.unavailable.contains(&e) => {
                let target = RingTarget::Employee(e);
                let leg = self.ring(target.clone(), out);
                let legs = vec![LiveLeg { leg, target, member: None }];
                let wait = number.timing.extension_wait.seconds();
                self.ringing(m.node, true, legs, wait, None, out)
            }
            // Unavailable: back to the menu, from its prompt.
            _ => Next::Enter(m.node),
        }
    }

    fn ring_event(
        &mut self,
        number: &Number,
        mut r: RingState,
        event: Event,
        out: &mut Vec<Action>,
    ) -> Result<Next, Error> {
        match event {
            Event::LegAnswered { leg } => {
                let Some(pos) = r.legs.iter().position(|l| l.leg == leg)
                else {
                    self.waiting = Waiting::Ringing(r);
                    return Ok(Next::Wait);
                };
                let answered = r.legs.remove(pos);
                out.push(Action::Bridge { leg });
                self.waiting = Waiting::Ringing(r);
                self.release(out);
                self.end(CallOutcome::Bridged {
                    leg,
                    target: answered.target,
                });
                Ok(Next::Wait)
            }
            Event::LegBusy { leg }
            | Event::LegNotAnswered { leg }
            | Event::LegFailed { leg } => {
                let Some(pos) = r.legs.iter().position(|l| l.leg == leg)
                else {
                    self.waiting = Waiting::Ringing(r);
                    return Ok(Next::Wait);
                };
                let ended = r.legs.remove(pos);
                if let (Some(m), Some(rot)) =
                    (ended.member, r.rotation.as_mut())
                {
                    rot.drop_member(m);
                    if r.legs.is_empty() && rot.can_advance() {
                        let change = rot.advance();
                        self.apply(&mut r, change.start, out);
                    }
                }
                if r.legs.is_empty() {
                    return self.not_answered(number, r, out);
                }
                self.waiting = Waiting::Ringing(r);
                Ok(Next::Wait)
            }
            Event::TimerFired { timer } if timer == r.wait_timer => {
                for l in &r.legs {
                    out.push(Action::CancelLeg { leg: l.leg });
                }
                r.legs.clear();
                if let Some(timer) = r.step_timer.take() {
                    out.push(Action::CancelTimer { timer });
                }
                r.wait_timer = 0;
                self.after_no_answer(number, &r, out)
            }
            Event::TimerFired { timer } if r.step_timer == Some(timer) => {
                r.step_timer = None;
                r.steps = r.steps.saturating_add(1);
                if let Some(rot) = r.rotation.as_mut() {
                    let change = rot.advance();
                    let more = rot.can_advance();
                    for m in change.stop {
                        if let Some(pos) =
                            r.legs.iter().position(|l| l.member == Some(m))
                        {
                            let l = r.legs.remove(pos);
                            out.push(Action::CancelLeg { leg: l.leg });
                        }
                    }
                    self.apply(&mut r, change.start, out);
                    let next_at =
                        r.step.saturating_mul(r.steps.saturating_add(1));
                    if more && next_at < r.wait {
                        r.step_timer =
                            Some(self.timer(TimerName::RingStep, r.step, out));
                    }
                }
                if r.legs.is_empty() {
                    return self.not_answered(number, r, out);
                }
                self.waiting = Waiting::Ringing(r);
                Ok(Next::Wait)
            }
            _ => {
                self.waiting = Waiting::Ringing(r);
                Ok(Next::Wait)
            }
        }
    }

    /// Rings department members.
    fn apply(
        &mut self,
        r: &mut RingState,
        start: Vec<usize>,
        out: &mut Vec<Action>,
    ) {
        for m in start {
            let Some(e) = r.members.get(m) else { continue };
            let target = RingTarget::Employee(e.clone());
            let leg = self.ring(target.clone(), out);
            r.legs.push(LiveLeg { leg, target, member: Some(m) });
        }
    }

    /// Every leg ended on its own: stop the timers and go on.
    fn not_answered(
        &mut self,
        number: &Number,
        mut r: RingState,
        out: &mut Vec<Action>,
    ) -> Result<Next, Error> {
        out.push(Action::CancelTimer { timer: r.wait_timer });
        if let Some(timer) = r.step_timer.take() {
            out.push(Action::CancelTimer { timer });
        }
        self.after_no_answer(number, &r, out)
    }

    fn after_no_answer(
        &mut self,
        number: &Number,
        r: &RingState,
        out: &mut Vec<Action>,
    ) -> Result<Next, Error> {
        if r.extension {
            return Ok(Next::Enter(r.node));
        }
        let then = number.node(r.node)?.then;
        Ok(self.continue_after(then, out))
    }

    fn recording_event(
        &mut self,
        number: &Number,
        i: u32,
        event: Event,
        out: &mut Vec<Action>,
    ) -> Result<Next, Error> {
        let node = number.node(i)?;
        let CKind::Mailbox { fax, send_to, external_email, .. } = &node.kind
        else {
            return Err(bad(format!("node {i} is not a voicemail or fax")));
        };
        let (what, file) = match event {
            Event::VoicemailFinished { recording } if !fax => {
                (Delivery::Voicemail, recording)
            }
            Event::FaxFinished { document } if *fax => {
                (Delivery::Fax, document)
            }
            _ => {
                self.waiting = Waiting::Recording { node: i };
                return Ok(Next::Wait);
            }
        };
        out.push(Action::SendToEmails {
            what,
            file,
            recipients: send_to.clone(),
            external_email: external_email.clone(),
        });
        self.hang_up(out);
        Ok(Next::Wait)
    }
}
