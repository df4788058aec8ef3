//! Offline simulation: a call run against a script on a virtual
//! clock, with an action log, and every caller path up to a depth.

use core::fmt;

use serde::{Deserialize, Serialize};

use crate::call::{
    Action, Call, CallOutcome, Event, Facts, RingTarget, Visit,
};
use crate::error::{Error, ProblemKind, What};
use crate::number::{CKind, Number};
use crate::path;
use crate::values::Key;

/// One step of a script, written the way a person describes a call. In
/// files: `"played"`, `{"digits": "1"}`, `{"wait": 10}`, `"timeout"`,
/// `{"answer": "anna"}`, `{"busy": "+74952302222"}`, `"hang_up"`,
/// `{"recorded": "vm-1.wav"}`, or a raw `{"event": {...}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Cue {
    /// What is playing finishes.
    Played,
    /// The caller presses these keys, one after the other, at once.
    Digits(String),
    /// This many seconds pass; timers that come due fire in order.
    Wait(u32),
    /// Time passes until the next timer fires.
    Timeout,
    /// The leg ringing this employee (id) or number answers.
    Answer(String),
    /// The leg ringing this employee or number is busy.
    Busy(String),
    /// The leg ringing this employee or number stops unanswered on its
    /// own.
    NoAnswer(String),
    /// The leg ringing this employee or number fails.
    Fail(String),
    /// The caller hangs up.
    HangUp,
    /// The voicemail recording ends, with this file name.
    Recorded(String),
    /// The fax is received, with this file name.
    FaxReceived(String),
    /// An engine event as it is.
    Event(Event),
}

impl fmt::Display for Cue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cue::Played => f.write_str("played"),
            Cue::Digits(d) => write!(f, "digits {d}"),
            Cue::Wait(s) => write!(f, "wait {s}s"),
            Cue::Timeout => f.write_str("timeout"),
            Cue::Answer(w) => write!(f, "answer {w}"),
            Cue::Busy(w) => write!(f, "busy {w}"),
            Cue::NoAnswer(w) => write!(f, "no answer {w}"),
            Cue::Fail(w) => write!(f, "fail {w}"),
            Cue::HangUp => f.write_str("hang up"),
            Cue::Recorded(r) => write!(f, "recorded {r}"),
            Cue::FaxReceived(d) => write!(f, "fax received {d}"),
            Cue::Event(e) => write!(f, "event {e}"),
        }
    }
}

/// One line of a simulation log: at which second (of the virtual clock)
/// an event went in or an action came out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    at: u32,
    entry: Logged,
}

impl LogEntry {
    /// Seconds since the call started.
    pub fn at(&self) -> u32 {
        self.at
    }

    /// What went in or came out.
    pub fn entry(&self) -> &Logged {
        &self.entry
    }
}

/// An event in or an action out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Logged {
    /// The call started in this interval.
    Start(String),
    /// An event fed to the engine.
    Event(Event),
    /// An action the engine returned.
    Action(Action),
}

/// `   10s  < leg 2 busy` for events, `   10s  > ring leg 3: ...` for
/// actions.
impl fmt::Display for LogEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.entry {
            Logged::Start(i) => write!(f, "{:>5}s  start in {i:?}", self.at),
            Logged::Event(e) => write!(f, "{:>5}s  < {e}", self.at),
            Logged::Action(a) => write!(f, "{:>5}s  > {a}", self.at),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Running {
    timer: u32,
    due: u32,
}

/// A call run on a virtual clock: feed it [`Cue`]s, read its log. It
/// keeps track of what the engine holds (playback, timers, legs) the way
/// a host would, and notes anything the engine asks that a host could not
/// do (cancel a timer that is not running, ring an unavailable employee).
#[derive(Clone, Debug)]
pub struct Simulation<'n> {
    number: &'n Number,
    call: Call,
    now: u32,
    playback: Option<u32>,
    collecting: bool,
    timers: Vec<Running>,
    legs: Vec<(u32, RingTarget)>,
    log: Vec<LogEntry>,
    keep_log: bool,
    violations: Vec<String>,
}

impl<'n> Simulation<'n> {
    /// Starts a call on `number` in `interval` at second 0.
    ///
    /// # Errors
    /// As [`Call::start`].
    pub fn start(
        number: &'n Number,
        interval: &str,
        facts: Facts,
    ) -> Result<Simulation<'n>, Error> {
        let (call, actions) = Call::start(number, interval, facts)?;
        let mut sim = Simulation {
            number,
            call,
            now: 0,
            playback: None,
            collecting: false,
            timers: Vec::new(),
            legs: Vec::new(),
            log: vec![LogEntry {
                at: 0,
                entry: Logged::Start(interval.into()),
            }],
            keep_log: true,
            violations: Vec::new(),
        };
        sim.track(actions);
        Ok(sim)
    }

    /// Applies one cue; returns the log entries it added.
    ///
    /// # Errors
    /// [`ProblemKind::Script`] when the cue cannot happen now (nothing is
    /// playing, no such leg ringing, no timer running, the call is over, a
    /// character that is not a key), and the errors of [`Call::step`].
    pub fn apply(&mut self, cue: &Cue) -> Result<&[LogEntry], Error> {
        let from = self.log.len();
        if self.call.is_ended() {
            return Err(script("the call has ended"));
        }
        match cue {
            Cue::Played => match self.playback {
                Some(playback) => {
                    self.send(Event::PlaybackFinished { playback })?
                }
                None => return Err(script("nothing is playing")),
            },
            Cue::Digits(digits) => {
                let mut keys = Vec::new();
                for c in digits.chars() {
                    match Key::from_char(c) {
                        Some(k) => keys.push(k),
                        None => {
                            return Err(script(format!(
                                "{c:?} is not a key (0-9, *, #)"
                            )))
                        }
                    }
                }
                for key in keys {
                    self.send(Event::Digit { key })?;
                }
            }
            Cue::Wait(seconds) => {
                let until = self.now.saturating_add(*seconds);
                while let Some(t) =
                    self.next_timer().filter(|t| t.due <= until)
                {
                    self.now = t.due;
                    self.send(Event::TimerFired { timer: t.timer })?;
                    if self.call.is_ended() {
                        break;
                    }
                }
                self.now = self.now.max(until);
            }
            Cue::Timeout => match self.next_timer() {
                Some(t) => {
                    self.now = t.due;
                    self.send(Event::TimerFired { timer: t.timer })?;
                }
                None => return Err(script("no timer is running")),
            },
            Cue::Answer(who) => {
                let leg = self.leg_of(who)?;
                self.send(Event::LegAnswered { leg })?;
            }
            Cue::Busy(who) => {
                let leg = self.leg_of(who)?;
                self.send(Event::LegBusy { leg })?;
            }
            Cue::NoAnswer(who) => {
                let leg = self.leg_of(who)?;
                self.send(Event::LegNotAnswered { leg })?;
            }
            Cue::Fail(who) => {
                let leg = self.leg_of(who)?;
                self.send(Event::LegFailed { leg })?;
            }
            Cue::HangUp => self.send(Event::CallerHungUp)?,
            Cue::Recorded(r) => {
                self.send(Event::VoicemailFinished { recording: r.clone() })?
            }
            Cue::FaxReceived(d) => {
                self.send(Event::FaxFinished { document: d.clone() })?
            }
            Cue::Event(e) => self.send(e.clone())?,
        }
        Ok(&self.log[from.min(self.log.len())..])
    }

    /// Feeds one engine event at the current second.
    ///
    /// # Errors
    /// As [`Call::step`].
    pub fn send(&mut self, event: Event) -> Result<(), Error> {
        self.untrack(&event);
        if self.keep_log {
            self.log.push(LogEntry {
                at: self.now,
                entry: Logged::Event(event.clone()),
            });
        }
        let actions = self.call.step(self.number, event)?;
        self.track(actions);
        Ok(())
    }

    /// The log so far.
    pub fn log(&self) -> &[LogEntry] {
        &self.log
    }

    /// The log as text, one entry a line.
    pub fn log_text(&self) -> String {
        let mut s = String::new();
        for e in &self.log {
            s.push_str(&e.to_string());
            s.push('\n');
        }
        s
    }

    /// The call.
    pub fn call(&self) -> &Call {
        &self.call
    }

    /// The virtual clock, in seconds since the start.
    pub fn now(&self) -> u32 {
        self.now
    }

    /// The playback running, if any.
    pub fn playback(&self) -> Option<u32> {
        self.playback
    }

    /// Whether keys are being collected.
    pub fn collecting(&self) -> bool {
        self.collecting
    }

    /// Running timers: id and due second.
    pub fn timers(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.timers.iter().map(|t| (t.timer, t.due))
    }

    /// Legs ringing (not answered, ended or cancelled).
    pub fn legs(&self) -> &[(u32, RingTarget)] {
        &self.legs
    }

    /// What the engine asked that a host could not do, and, once the call
    /// is over, what it left running. Empty when all is well.
    pub fn violations(&self) -> Vec<String> {
        let mut v = self.violations.clone();
        if self.call.is_ended() {
            for t in &self.timers {
                v.push(format!("timer {} still running at the end", t.timer));
            }
            for (leg, _) in &self.legs {
                v.push(format!("leg {leg} still ringing at the end"));
            }
            if self.collecting
                && self.call.outcome() != Some(&CallOutcome::CallerHungUp)
            {
                v.push("still collecting digits at the end".into());
            }
        }
        v
    }

    fn next_timer(&self) -> Option<Running> {
        self.timers.iter().min_by_key(|t| (t.due, t.timer)).cloned()
    }

    fn leg_of(&self, who: &str) -> Result<u32, Error> {
        match self.legs.iter().find(|(_, t)| t.id() == who) {
            Some((leg, _)) => Ok(*leg),
            None => {
                let ringing: Vec<String> = self
                    .legs
                    .iter()
                    .map(|(_, t)| t.id().to_string())
                    .collect();
                Err(script(format!(
                    "no leg is ringing {who:?}; ringing: [{}]",
                    ringing.join(", ")
                )))
            }
        }
    }

    /// What an event ends, as a host sees it.
    fn untrack(&mut self, event: &Event) {
        match event {
            Event::PlaybackFinished { playback }
                if self.playback == Some(*playback) =>
            {
                self.playback = None;
            }
            Event::TimerFired { timer } => {
                self.timers.retain(|t| t.timer != *timer)
            }
            Event::LegBusy { leg }
            | Event::LegNotAnswered { leg }
            | Event::LegFailed { leg } => self.legs.retain(|l| l.0 != *leg),
            _ => {}
        }
    }

    fn track(&mut self, actions: Vec<Action>) {
        for a in actions {
            match &a {
                Action::Play { playback, .. } => {
                    if let Some(p) = self.playback {
                        self.violations.push(format!(
                            "playback {p} still running at play"
                        ));
                    }
                    self.playback = Some(*playback);
                }
                Action::StopPlayback { playback } => {
                    if self.playback != Some(*playback) {
                        self.violations.push(format!(
                            "stop of playback {playback} not running"
                        ));
                    }
                    self.playback = None;
                }
                Action::CollectDigits => self.collecting = true,
                Action::StopCollecting => self.collecting = false,
                Action::StartTimer { timer, seconds, .. } => {
                    self.timers.push(Running {
                        timer: *timer,
                        due: self.now.saturating_add(*seconds),
                    })
                }
                Action::CancelTimer { timer } => {
                    let before = self.timers.len();
                    self.timers.retain(|t| t.timer != *timer);
                    if self.timers.len() == before {
                        self.violations.push(format!(
                            "cancel of timer {timer} not running"
                        ));
                    }
                }
                Action::Ring { leg, target } => {
                    if let RingTarget::Employee(e) = target {
                        if self.call.facts().unavailable.contains(e) {
                            self.violations.push(format!(
                                "rang unavailable employee {e:?}"
                            ));
                        }
                    }
                    self.legs.push((*leg, target.clone()))
                }
                Action::CancelLeg { leg } | Action::Bridge { leg } => {
                    let before = self.legs.len();
                    self.legs.retain(|l| l.0 != *leg);
                    if self.legs.len() == before {
                        self.violations.push(format!(
                            "cancel or bridge of leg {leg} not ringing"
                        ));
                    }
                }
                Action::HangUp => {
                    self.playback = None;
                }
                _ => {}
            }
            if self.keep_log {
                self.log
                    .push(LogEntry { at: self.now, entry: Logged::Action(a) });
            }
        }
    }
}

fn script(message: impl Into<String>) -> Error {
    Error::one("", ProblemKind::Script { message: message.into() })
        .about(What::Script)
}

/// Runs a call against a script and returns the simulation (its log, the
/// call, what is left running).
///
/// # Errors
/// As [`Simulation::start`]; a cue that cannot happen, with the path
/// `script[i]`.
///
/// # Example
/// ```
/// use call_scenario::{simulate, Cue, Facts, Number};
/// let number = Number::from_json(r#"{ "scenarios": { "Working time": {
///     "forward_to_number": { "number": "+74952302222", "wait": "20s" },
///     "then": { "message": { "text": "Nobody answered" } } } } }"#)?;
/// let sim = simulate(&number, "Working time", Facts::default(),
///     &[Cue::Timeout, Cue::Played])?;
/// assert_eq!(sim.log_text(), "\
/// \x20   0s  start in \"Working time\"
/// \x20   0s  > ring leg 1: number +74952302222
/// \x20   0s  > start timer 1 (answer wait, 20s)
/// \x20  20s  < timer 1 fired
/// \x20  20s  > cancel leg 1
/// \x20  20s  > play 1: text \"Nobody answered\"
/// \x20  20s  < playback 1 finished
/// \x20  20s  > hang up
/// ");
/// # Ok::<(), call_scenario::Error>(())
/// ```
pub fn simulate<'n>(
    number: &'n Number,
    interval: &str,
    facts: Facts,
    script: &[Cue],
) -> Result<Simulation<'n>, Error> {
    let mut sim = Simulation::start(number, interval, facts)?;
    for (i, cue) in script.iter().enumerate() {
        sim.apply(cue).map_err(|e| {
            let mut p = String::new();
            path::field(&mut p, "script");
            path::index(&mut p, i);
            let problems = e
                .into_problems()
                .into_iter()
                .map(|pr| pr.with_path(p.clone()))
                .collect();
            Error::new(problems).about(What::Script)
        })?;
    }
    Ok(sim)
}

/// Bounds on [`paths`].
///
/// Build with `PathOptions::default()` and the `with_` setters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct PathOptions {
    /// Cues on one path before it is cut. Default 12.
    pub depth: usize,
    /// Paths listed before the search stops. Default 10,000.
    pub max_paths: usize,
}

impl Default for PathOptions {
    fn default() -> PathOptions {
        PathOptions { depth: 12, max_paths: 10_000 }
    }
}

impl PathOptions {
    /// The same options with paths cut after `depth` cues.
    pub fn with_depth(mut self, depth: usize) -> PathOptions {
        self.depth = depth;
        self
    }

    /// The same options listing at most `n` paths.
    pub fn with_max_paths(mut self, n: usize) -> PathOptions {
        self.max_paths = n;
        self
    }
}

/// How a caller path ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PathEnd {
    /// The call ended: with a terminal action, or at the step limit
    /// (flagged).
    Ended(CallOutcome),
    /// The depth was reached with the call still going.
    DepthReached,
    /// The engine waits for nothing a host would report, and has not
    /// ended: flagged.
    NoTerminal,
}

/// `call ended: hung up`, `depth reached`, `no terminal action`.
impl fmt::Display for PathEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathEnd::Ended(o) => write!(f, "call ended: {o}"),
            PathEnd::DepthReached => f.write_str("depth reached"),
            PathEnd::NoTerminal => f.write_str("no terminal action"),
        }
    }
}

/// One way through a scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallerPath {
    cues: Vec<Cue>,
    trail: Vec<Visit>,
    end: PathEnd,
}

impl CallerPath {
    /// What the caller and the others did.
    pub fn cues(&self) -> &[Cue] {
        &self.cues
    }

    /// The nodes passed, with menu choices.
    pub fn trail(&self) -> &[Visit] {
        &self.trail
    }

    /// How it ended.
    pub fn end(&self) -> &PathEnd {
        &self.end
    }
}

/// Every caller path found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paths {
    paths: Vec<CallerPath>,
    complete: bool,
}

impl Paths {
    /// The paths, depth first in the order of the choices of [`paths`].
    pub fn paths(&self) -> &[CallerPath] {
        &self.paths
    }

    /// False when [`PathOptions::max_paths`] stopped the search.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// The paths that end without a terminal action of the scenario: the
    /// engine waits for nothing, or the step limit hung the call up (a
    /// caller can go round a loop until it does).
    pub fn flagged(&self) -> impl Iterator<Item = &CallerPath> {
        self.paths.iter().filter(|p| {
            matches!(
                p.end,
                PathEnd::NoTerminal | PathEnd::Ended(CallOutcome::StepLimit)
            )
        })
    }
}

/// Every caller path of `interval`'s scenario up to `options.depth` cues.
///
/// At each point the choices are, in this order: the playback finishes;
/// each key the menu offers; one key it does not offer (the first of
/// `0`–`9`, `*`, `#` that is neither a key nor the start of an extension);
/// each extension of `facts` when the menu allows dialing one; the next
/// timer fires; the first ringing leg answers; the only ringing leg is
/// busy; the recording or fax ends. The caller hanging up is left out: it
/// can happen anywhere and always ends the call.
///
/// # Errors
/// As [`Call::start`].
///
/// # Example
/// ```
/// use call_scenario::{paths, Facts, Number, PathEnd, PathOptions};
/// let number = Number::from_json(r#"{ "scenarios": { "Working time": {
///     "menu": { "prompt": { "text": "1 for sales" },
///               "keys": { "1": { "message": { "text": "Sales" } } },
///               "nothing_selected": { "message": { "text": "Bye" } } } } } }"#)?;
/// let p = paths(&number, "Working time", &Facts::default(), PathOptions::default())?;
/// assert!(p.is_complete());
/// assert_eq!(p.flagged().count(), 0);
/// assert!(p.paths().iter().all(|p| matches!(p.end(), PathEnd::Ended(_))));
/// # Ok::<(), call_scenario::Error>(())
/// ```
pub fn paths(
    number: &Number,
    interval: &str,
    facts: &Facts,
    options: PathOptions,
) -> Result<Paths, Error> {
    let mut sim = Simulation::start(number, interval, facts.clone())?;
    sim.keep_log = false;
    sim.log.clear();
    let mut out = Vec::new();
    let mut stack: Vec<(Simulation<'_>, Vec<Cue>)> = vec![(sim, Vec::new())];
    let mut complete = true;
    while let Some((sim, cues)) = stack.pop() {
        if out.len() >= options.max_paths {
            complete = false;
            break;
        }
        if let Some(outcome) = sim.call.outcome() {
            out.push(CallerPath {
                cues,
                trail: sim.call.trail().to_vec(),
                end: PathEnd::Ended(outcome.clone()),
            });
            continue;
        }
        let choices = choices(&sim);
        if choices.is_empty() || cues.len() >= options.depth {
            out.push(CallerPath {
                trail: sim.call.trail().to_vec(),
                end: if choices.is_empty() {
                    PathEnd::NoTerminal
                } else {
                    PathEnd::DepthReached
                },
                cues,
            });
            continue;
        }
        // Reversed, so they come off the stack in order.
        for cue in choices.into_iter().rev() {
            let mut next = sim.clone();
            next.apply(&cue)?;
            let mut c = cues.clone();
            c.push(cue);
            stack.push((next, c));
        }
    }
    Ok(Paths { paths: out, complete })
}

/// The cues that can happen next (see [`paths`]).
fn choices(sim: &Simulation<'_>) -> Vec<Cue> {
    let mut c = Vec::new();
    if sim.playback.is_some() {
        c.push(Cue::Played);
    }
    if sim.collecting {
        if let Some(CKind::Menu { keys, extension_dialing, .. }) = sim
            .call
            .menu_node()
            .and_then(|i| sim.number.nodes.get(i as usize))
            .map(|n| &n.kind)
        {
            let exts = &sim.call.facts().extensions;
            for (k, _) in keys {
                c.push(Cue::Digits(k.as_str().into()));
            }
            let starts_ext = |k: Key| {
                *extension_dialing
                    && exts.keys().any(|e| e.starts_with(k.as_char()))
            };
            if let Some(k) = Key::ALL
                .iter()
                .find(|k| !keys.iter().any(|o| o.0 == **k) && !starts_ext(**k))
            {
                c.push(Cue::Digits(k.as_str().into()));
            }
            if *extension_dialing {
                for e in exts.keys() {
                    let cue = Cue::Digits(e.clone());
                    if e.chars().all(|ch| ch.is_ascii_digit())
                        && !e.is_empty()
                        && !c.contains(&cue)
                    {
                        c.push(cue);
                    }
                }
            }
        }
    }
    if !sim.timers.is_empty() {
        c.push(Cue::Timeout);
    }
    if let Some((_, t)) = sim.legs.first() {
        c.push(Cue::Answer(t.id().into()));
        if sim.legs.len() == 1 {
            c.push(Cue::Busy(t.id().into()));
        }
    }
    let recording = sim
        .call
        .recording_node()
        .and_then(|i| sim.number.nodes.get(i as usize))
        .map(|n| &n.kind);
    if let Some(CKind::Mailbox { fax, .. }) = recording {
        c.push(if *fax {
            Cue::FaxReceived("fax.pdf".into())
        } else {
            Cue::Recorded("voicemail.wav".into())
        });
    }
    c
}
