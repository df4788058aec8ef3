//! Checking settings and compiling them into the form the engine runs.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::{Branch, Error, Problem, ProblemKind, Severity, What};
use crate::path;
use crate::phone;
use crate::settings::{
    DirectoryId, Distribution, Mailbox, Node, NodeKind, Prompt, Settings,
};
use crate::values::{DepartmentWait, ForwardWait, Key};

/// Limits on settings and calls, against hostile or runaway input.
///
/// Build with `Limits::default()` and the `with_` setters:
///
/// ```
/// use call_scenario::Limits;
/// let limits = Limits::default().with_max_depth(16).with_max_steps(200);
/// assert_eq!((limits.max_nodes, limits.max_depth), (10_000, 16));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct Limits {
    /// Nodes in all scenarios and named nodes together. Default 10,000
    /// (a large real IVR has a few hundred).
    pub max_nodes: usize,
    /// Nesting depth of a node inside its scenario or named node, the
    /// root being 1. Default 32. (JSON input is also bounded by
    /// `serde_json`'s recursion limit of 128 levels, about 40 nested
    /// menus.)
    pub max_depth: usize,
    /// Steps of one call: events fed while it goes on (those that cause
    /// nothing too) plus nodes entered. A call that reaches it is hung up
    /// ([`CallOutcome::StepLimit`](crate::CallOutcome::StepLimit)), so every call
    /// ends. Default 1,000.
    pub max_steps: u32,
    /// Characters of a text-to-speech text or an audio file name. Default
    /// 1,000 (about a minute and a half of speech).
    pub max_text: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_nodes: 10_000,
            max_depth: 32,
            max_steps: 1_000,
            max_text: 1_000,
        }
    }
}

impl Limits {
    /// The same limits with at most `n` nodes.
    pub fn with_max_nodes(mut self, n: usize) -> Limits {
        self.max_nodes = n;
        self
    }

    /// The same limits with nesting at most `n` deep.
    pub fn with_max_depth(mut self, n: usize) -> Limits {
        self.max_depth = n;
        self
    }

    /// The same limits with texts and audio file names of at most `n`
    /// characters.
    pub fn with_max_text(mut self, n: usize) -> Limits {
        self.max_text = n;
        self
    }

    /// The same limits with at most `n` steps per call.
    pub fn with_max_steps(mut self, n: u32) -> Limits {
        self.max_steps = n;
        self
    }
}

/// What the settings leave to the platform: how long a menu waits, how often
/// it asks again, and how a dialed extension rings.
///
/// Build with `Timing::default()` and the `with_` setters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct Timing {
    /// Seconds a menu waits for a key after its prompt ends. Default 5.
    pub no_input_seconds: u32,
    /// Seconds the menu waits for the next digit of an extension, and
    /// before taking a lone digit that is both a key and the start of an
    /// extension as the key. Default 3.
    pub inter_digit_seconds: u32,
    /// How many times a menu plays its prompt again after no input or an
    /// invalid key before taking "nothing selected". Default 2 (so the
    /// prompt plays at most 3 times).
    pub retries: u32,
    /// How long a dialed extension rings. Default 30 s.
    pub extension_wait: ForwardWait,
    /// What a key the menu does not offer does (nor the start of an
    /// extension). Default [`InvalidKey::Retry`]: the prompt plays again
    /// and it counts as one of the [`retries`](Timing::retries), as no
    /// input does.
    pub invalid_key: InvalidKey,
}

/// What happens when the caller presses a key the menu does not offer:
/// a setting of its own, apart from what no input does.
///
/// `Display` and `FromStr` spell it as in files: `retry`, `replay`,
/// `nothing_selected`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InvalidKey {
    /// The prompt plays again, counting as one of the retries (as no
    /// input does); when they are used up, "nothing selected" runs.
    #[default]
    Retry,
    /// The prompt plays again without counting: the caller may try keys
    /// until one is offered (no input still counts; the call's step limit
    /// bounds it).
    Replay,
    /// "Nothing selected" runs at once.
    NothingSelected,
}

impl InvalidKey {
    const ALL: [(InvalidKey, &'static str); 3] = [
        (InvalidKey::Retry, "retry"),
        (InvalidKey::Replay, "replay"),
        (InvalidKey::NothingSelected, "nothing_selected"),
    ];
}

impl core::fmt::Display for InvalidKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let name = InvalidKey::ALL.iter().find(|(k, _)| k == self);
        f.write_str(name.map_or("retry", |(_, n)| n))
    }
}

impl core::str::FromStr for InvalidKey {
    type Err = crate::values::ParseValueError;

    fn from_str(s: &str) -> Result<InvalidKey, Self::Err> {
        InvalidKey::ALL
            .iter()
            .find(|(_, n)| *n == s)
            .map(|(k, _)| *k)
            .ok_or_else(|| {
                let names: Vec<&str> =
                    InvalidKey::ALL.iter().map(|(_, n)| *n).collect();
                crate::values::ParseValueError::one_of(
                    "setting for keys a menu does not offer",
                    s,
                    &names,
                )
            })
    }
}

impl Default for Timing {
    fn default() -> Timing {
        Timing {
            no_input_seconds: 5,
            inter_digit_seconds: 3,
            retries: 2,
            extension_wait: ForwardWait::S30,
            invalid_key: InvalidKey::Retry,
        }
    }
}

impl Timing {
    /// The same timing with a menu waiting `seconds` for a key.
    pub fn with_no_input_seconds(mut self, seconds: u32) -> Timing {
        self.no_input_seconds = seconds;
        self
    }

    /// The same timing with `seconds` between the digits of an
    /// extension.
    pub fn with_inter_digit_seconds(mut self, seconds: u32) -> Timing {
        self.inter_digit_seconds = seconds;
        self
    }

    /// The same timing with a menu asking at most `n` more times.
    pub fn with_retries(mut self, n: u32) -> Timing {
        self.retries = n;
        self
    }

    /// The same timing with `what` for a key the menu does not offer.
    pub fn with_invalid_key(mut self, what: InvalidKey) -> Timing {
        self.invalid_key = what;
        self
    }

    /// The same timing with a dialed extension ringing `wait`.
    pub fn with_extension_wait(mut self, wait: ForwardWait) -> Timing {
        self.extension_wait = wait;
        self
    }
}

/// The host's employees and departments, by id, for checking references.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct Directory {
    /// Employee ids.
    pub employees: BTreeSet<String>,
    /// Department ids.
    pub departments: BTreeSet<String>,
}

impl Directory {
    /// The directory of these employees and departments, by id.
    pub fn new<E, D, S, T>(employees: E, departments: D) -> Directory
    where
        E: IntoIterator<Item = S>,
        D: IntoIterator<Item = T>,
        S: Into<String>,
        T: Into<String>,
    {
        Directory {
            employees: employees.into_iter().map(Into::into).collect(),
            departments: departments.into_iter().map(Into::into).collect(),
        }
    }
}

/// A node as the engine runs it: indices instead of nesting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CNode {
    /// The node's path, in [`Number::paths`].
    pub(crate) path: u32,
    pub(crate) kind: CKind,
    pub(crate) then: Option<u32>,
}

/// Marks a branch that is missing (an error, so never run).
const MISSING: u32 = u32::MAX;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CKind {
    Message(Prompt),
    Menu {
        prompt: Prompt,
        keys: Vec<(Key, u32)>,
        nothing_selected: u32,
        extension_dialing: bool,
    },
    Number {
        greeting: Option<Prompt>,
        number: String,
        wait: ForwardWait,
    },
    Employee {
        greeting: Option<Prompt>,
        employee: String,
        wait: ForwardWait,
    },
    Department {
        greeting: Option<Prompt>,
        department: String,
        distribution: Distribution,
        wait: DepartmentWait,
    },
    Mailbox {
        greeting: Option<Prompt>,
        fax: bool,
        send_to: Vec<DirectoryId>,
        external_email: Option<String>,
    },
    GoTo(u32),
}

impl CKind {
    /// Where a node goes when entered without waiting (a `go_to`), or
    /// after it ends on its own (`then` of a message or forward).
    pub(crate) fn waits_for_input(&self) -> bool {
        matches!(self, CKind::Menu { .. })
    }
}

/// Checked settings, compiled for the engine: the number a call runs on.
///
/// Build with [`Number::new`] (default limits and timing, no directory)
/// or [`Number::builder`].
#[derive(Clone, Debug)]
pub struct Number {
    settings: Settings,
    pub(crate) nodes: Vec<CNode>,
    paths: path::Tree,
    pub(crate) roots: BTreeMap<String, u32>,
    warnings: Vec<Problem>,
    pub(crate) limits: Limits,
    pub(crate) timing: Timing,
    pub(crate) fingerprint: u64,
}

impl Number {
    /// Checks `settings` with the default [`Limits`] and [`Timing`] and no
    /// directory.
    ///
    /// # Errors
    /// Every problem found, if at least one is an error (see
    /// [`ProblemKind`]); warnings alone do not stop it and are kept in
    /// [`warnings`](Number::warnings).
    ///
    /// # Example
    /// ```
    /// use call_scenario::{Number, Settings};
    /// let settings = Settings::from_json(r#"{
    ///     "name": "Main",
    ///     "scenarios": { "Working time": { "message": { "text": "Hi" } } }
    /// }"#)?;
    /// let number = Number::new(settings)?;
    /// assert!(number.warnings().is_empty());
    /// # Ok::<(), call_scenario::Error>(())
    /// ```
    pub fn new(settings: Settings) -> Result<Number, Error> {
        NumberBuilder::new().build(settings)
    }

    /// Reads and checks settings from JSON, with the default limits and
    /// timing and no directory (see [`NumberBuilder::build_json`]).
    ///
    /// # Errors
    /// As [`NumberBuilder::build_json`].
    pub fn from_json(json: &str) -> Result<Number, Error> {
        NumberBuilder::new().build_json(json)
    }

    /// A builder for limits, timing, a directory and the schedule's
    /// intervals.
    pub fn builder() -> NumberBuilder {
        NumberBuilder::new()
    }

    /// The settings, as given.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Warnings found by the check.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The timing in force.
    pub fn timing(&self) -> Timing {
        self.timing
    }

    /// The intervals that have a scenario.
    pub fn intervals(&self) -> impl Iterator<Item = &str> {
        self.roots.keys().map(String::as_str)
    }

    /// How many nodes the scenarios and named nodes hold.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// The path of a compiled node, as
    /// `scenarios["Working time"].menu.keys["1"]`.
    pub(crate) fn path_of(&self, node: &CNode) -> String {
        self.paths.render(node.path)
    }

    pub(crate) fn node(&self, i: u32) -> Result<&CNode, Error> {
        self.nodes.get(i as usize).ok_or_else(|| {
            Error::one(
                "",
                ProblemKind::BadState { message: format!("no node {i}") },
            )
            .about(What::Call)
        })
    }
}

/// Options for checking settings: limits, timing, the host's directory
/// and the schedule's interval names.
#[derive(Clone, Debug, Default)]
pub struct NumberBuilder {
    limits: Limits,
    timing: Timing,
    directory: Option<Directory>,
    intervals: Option<Vec<String>>,
}

impl NumberBuilder {
    /// Defaults: [`Limits::default`], [`Timing::default`], no directory,
    /// no intervals.
    pub fn new() -> NumberBuilder {
        NumberBuilder::default()
    }

    /// Sets the limits.
    pub fn limits(mut self, limits: Limits) -> NumberBuilder {
        self.limits = limits;
        self
    }

    /// Sets the timing.
    pub fn timing(mut self, timing: Timing) -> NumberBuilder {
        self.timing = timing;
        self
    }

    /// Checks employee and department references against `directory`.
    pub fn directory(mut self, directory: Directory) -> NumberBuilder {
        self.directory = Some(directory);
        self
    }

    /// The interval names of the number's schedule: an interval with no
    /// scenario is an error, a scenario for another name a warning.
    pub fn intervals<I, S>(mut self, names: I) -> NumberBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.intervals = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Every problem of `settings`, errors and warnings, without building.
    pub fn check(&self, settings: &Settings) -> Vec<Problem> {
        Compiler::run(self, settings).problems
    }

    /// Every problem of the settings in `json`, reading and checking in
    /// one pass: values outside their closed sets (a wait of 45 s, a step
    /// of 7 s, a distribution or key that does not exist) are reported
    /// together with everything the check finds (a menu key with no
    /// scenario, an unknown employee...), each with its path. Any other
    /// reading error (bad syntax, a wrong type, an unknown field) stops
    /// the reading and comes alone.
    pub fn check_json(&self, json: &str) -> Vec<Problem> {
        match crate::settings::read_all(json) {
            Ok((settings, mut problems)) => {
                problems.extend(self.check(&settings));
                problems
            }
            Err(e) => e.into_problems(),
        }
    }

    /// Reads, checks and compiles the settings in `json`.
    ///
    /// # Errors
    /// Every problem found, if at least one is an error, read and checked
    /// in one pass as [`check_json`](NumberBuilder::check_json) does.
    ///
    /// # Example
    /// ```
    /// use call_scenario::{Directory, NumberBuilder};
    /// let err = NumberBuilder::new()
    ///     .directory(Directory::new(["anna"], ["sales"]))
    ///     .build_json(r#"{ "scenarios": { "Working time": { "menu": {
    ///         "prompt": { "text": "1 or 2" },
    ///         "keys": {
    ///           "1": { "forward_to_employee": { "employee": "ana", "wait": "45s" } },
    ///           "2": null },
    ///         "nothing_selected": { "message": { "text": "Bye" } } } } } }"#)
    ///     .unwrap_err();
    /// let paths: Vec<&str> = err.problems().iter().map(|p| p.path()).collect();
    /// let keys = r#"scenarios["Working time"].menu.keys"#;
    /// assert_eq!(paths, [
    ///     format!(r#"{keys}["1"].forward_to_employee.wait"#), // 45s
    ///     format!(r#"{keys}["2"]"#), // no scenario
    ///     format!(r#"{keys}["1"].forward_to_employee.employee"#), // unknown
    ///     format!(r#"{keys}["1"]"#), // warning: no `then`
    /// ]);
    /// # Ok::<(), call_scenario::Error>(())
    /// ```
    pub fn build_json(&self, json: &str) -> Result<Number, Error> {
        let (settings, mut problems) = crate::settings::read_all(json)?;
        if problems.is_empty() {
            return self.build(settings);
        }
        problems.extend(self.check(&settings));
        Err(Error::new(problems))
    }

    /// Checks and compiles `settings`.
    ///
    /// # Errors
    /// Every problem found, if at least one is an error.
    pub fn build(&self, settings: Settings) -> Result<Number, Error> {
        let Compiled { nodes, roots, paths, problems } =
            Compiler::run(self, &settings);
        if problems.iter().any(|p| p.severity == Severity::Error) {
            return Err(Error::new(problems));
        }
        Ok(Number {
            fingerprint: fingerprint(&settings),
            settings,
            nodes,
            paths,
            roots,
            warnings: problems,
            limits: self.limits,
            timing: self.timing,
        })
    }
}

/// Where a compiled node's index goes once it is known.
#[derive(Clone, Copy)]
enum Slot {
    Root,
    Then(u32),
    Key(u32, usize),
    Nothing(u32),
}

struct Work<'a> {
    node: &'a Node,
    /// The node's path, in the compiler's `paths`.
    at: u32,
    depth: usize,
    slot: Slot,
    /// The scenario or named node this starts, for `roots` and `named`.
    root: Option<(bool, &'a str)>,
}

struct Compiled {
    nodes: Vec<CNode>,
    roots: BTreeMap<String, u32>,
    paths: path::Tree,
    problems: Vec<Problem>,
}

struct Compiler<'a> {
    opts: &'a NumberBuilder,
    nodes: Vec<CNode>,
    roots: BTreeMap<String, u32>,
    named: BTreeMap<&'a str, u32>,
    /// `go_to` nodes and their target names.
    jumps: Vec<(u32, &'a str)>,
    problems: Vec<Problem>,
    too_many: bool,
    /// Every node's path, as its parent's and a suffix.
    paths: path::Tree,
    /// The node being compiled: problems are reported under its path.
    here: u32,
    /// The settings' country, when it is one.
    country: Option<&'a str>,
}

impl<'a> Compiler<'a> {
    /// The compiled nodes, the scenario roots and every problem.
    fn run(opts: &'a NumberBuilder, s: &'a Settings) -> Compiled {
        let mut c = Compiler {
            opts,
            nodes: Vec::new(),
            roots: BTreeMap::new(),
            named: BTreeMap::new(),
            jumps: Vec::new(),
            problems: Vec::new(),
            too_many: false,
            paths: path::Tree::default(),
            here: 0,
            country: None,
        };
        if let Some(country) = &s.country {
            if phone::is_country(country) {
                c.country = Some(country);
            } else {
                c.error_at(
                    "country".to_string(),
                    ProblemKind::InvalidCountry { country: country.clone() },
                );
            }
        }
        c.intervals(s);
        let mut stack: Vec<Work<'a>> = Vec::new();
        // Pushed in reverse so they are taken in order.
        for (name, node) in s.nodes.iter().rev() {
            let mut p = String::new();
            path::field(&mut p, "nodes");
            path::key(&mut p, name);
            stack.push(Work {
                node,
                at: c.paths.push(None, p),
                depth: 1,
                slot: Slot::Root,
                root: Some((false, name)),
            });
        }
        for (name, node) in s.scenarios.iter().rev() {
            let mut p = String::new();
            path::field(&mut p, "scenarios");
            path::key(&mut p, name);
            stack.push(Work {
                node,
                at: c.paths.push(None, p),
                depth: 1,
                slot: Slot::Root,
                root: Some((true, name)),
            });
        }
        while let Some(w) = stack.pop() {
            c.node(w, &mut stack);
        }
        c.resolve_jumps(s);
        c.reachability(s);
        c.loops();
        Compiled {
            nodes: c.nodes,
            roots: c.roots,
            paths: c.paths,
            problems: c.problems,
        }
    }

    /// The path of the node being compiled followed by `rel` (empty, or
    /// starting with `.`).
    fn here(&self, rel: &str) -> String {
        let mut p = self.paths.render(self.here);
        p.push_str(rel);
        p
    }

    /// An error at `rel` under the node being compiled.
    fn error(&mut self, rel: &str, kind: ProblemKind) {
        let path = self.here(rel);
        self.error_at(path, kind);
    }

    /// A warning at `rel` under the node being compiled.
    fn warning(&mut self, rel: &str, kind: ProblemKind) {
        let path = self.here(rel);
        self.problems.push(Problem::warning(path, kind));
    }

    fn error_at(&mut self, path: String, kind: ProblemKind) {
        self.problems.push(Problem::error(path, kind));
    }

    fn intervals(&mut self, s: &Settings) {
        let known: Vec<String> = s.scenarios.keys().cloned().collect();
        match &self.opts.intervals {
            Some(intervals) => {
                for i in intervals {
                    if !s.scenarios.contains_key(i) {
                        self.error_at(
                            "scenarios".to_string(),
                            ProblemKind::MissingScenario {
                                interval: i.clone(),
                                known: known.clone(),
                            },
                        );
                    }
                }
                for name in s.scenarios.keys() {
                    if !intervals.contains(name) {
                        let mut p = String::new();
                        path::field(&mut p, "scenarios");
                        path::key(&mut p, name);
                        self.problems.push(Problem::warning(
                            p,
                            ProblemKind::UnknownInterval {
                                interval: name.clone(),
                                known: intervals.clone(),
                            },
                        ));
                    }
                }
            }
            None if s.scenarios.is_empty() => self
                .error_at("scenarios".to_string(), ProblemKind::NoScenarios),
            None => {}
        }
    }

    /// Compiles one node: checks its own values, gives it an index, fills
    /// its parent's slot and queues its children.
    fn node(&mut self, w: Work<'a>, stack: &mut Vec<Work<'a>>) {
        let limits = self.opts.limits;
        self.here = w.at;
        if self.nodes.len() >= limits.max_nodes {
            if !self.too_many {
                self.too_many = true;
                self.error(
                    "",
                    ProblemKind::TooManyNodes { limit: limits.max_nodes },
                );
            }
            return;
        }
        if w.depth > limits.max_depth {
            self.error("", ProblemKind::TooDeep { limit: limits.max_depth });
            return;
        }
        let index = self.nodes.len() as u32;
        match w.slot {
            Slot::Root => {}
            Slot::Then(parent) => {
                self.nodes[parent as usize].then = Some(index)
            }
            Slot::Key(parent, k) => {
                if let CKind::Menu { keys, .. } =
                    &mut self.nodes[parent as usize].kind
                {
                    if let Some(slot) = keys.get_mut(k) {
                        slot.1 = index;
                    }
                }
            }
            Slot::Nothing(parent) => {
                if let CKind::Menu { nothing_selected, .. } =
                    &mut self.nodes[parent as usize].kind
                {
                    *nothing_selected = index;
                }
            }
        }
        match w.root {
            Some((true, name)) => {
                self.roots.insert(name.to_string(), index);
            }
            Some((false, name)) => {
                self.named.insert(name, index);
            }
            None => {}
        }
        let node = w.node;
        // Paths below are relative to the node's own.
        let p = "";
        let kind_name = node.kind.name();
        let kind_path = format!(".{kind_name}");
        let mut children: Vec<Work<'a>> = Vec::new();
        let kind = match &node.kind {
            NodeKind::Message(prompt) => {
                self.prompt(&kind_path, prompt);
                CKind::Message(prompt.clone())
            }
            NodeKind::Menu(m) => {
                let mut prompt_path = kind_path.clone();
                path::field(&mut prompt_path, "prompt");
                self.prompt(&prompt_path, &m.prompt);
                if m.keys.is_empty() && !m.extension_dialing {
                    self.warning(&kind_path, ProblemKind::MenuWithoutChoices);
                }
                let mut keys = Vec::with_capacity(m.keys.len());
                for (i, (key, branch)) in m.keys.iter().enumerate() {
                    let mut kp = kind_path.clone();
                    path::field(&mut kp, "keys");
                    path::key(&mut kp, key.as_str());
                    keys.push((*key, MISSING));
                    match branch {
                        Some(child) => children.push(Work {
                            node: child,
                            at: self.paths.push(Some(w.at), kp),
                            depth: w.depth + 1,
                            slot: Slot::Key(index, i),
                            root: None,
                        }),
                        None => self.error(
                            &kp,
                            ProblemKind::MissingBranch {
                                branch: Branch::Key(*key),
                            },
                        ),
                    }
                }
                let mut np = kind_path.clone();
                path::field(&mut np, "nothing_selected");
                match &m.nothing_selected {
                    Some(child) => children.push(Work {
                        node: child,
                        at: self.paths.push(Some(w.at), np),
                        depth: w.depth + 1,
                        slot: Slot::Nothing(index),
                        root: None,
                    }),
                    None => self.error(
                        &np,
                        ProblemKind::MissingBranch {
                            branch: Branch::NothingSelected,
                        },
                    ),
                }
                CKind::Menu {
                    prompt: m.prompt.clone(),
                    keys,
                    nothing_selected: MISSING,
                    extension_dialing: m.extension_dialing,
                }
            }
            NodeKind::ForwardToNumber(f) => {
                self.greeting(&kind_path, &f.greeting);
                let e164 = phone::to_e164(&f.number, self.country);
                if e164.is_none() {
                    let mut np = kind_path.clone();
                    path::field(&mut np, "number");
                    self.error(
                        &np,
                        ProblemKind::InvalidNumber {
                            number: f.number.clone(),
                            country: self.country.map(str::to_string),
                        },
                    );
                }
                CKind::Number {
                    greeting: f.greeting.clone(),
                    number: e164.unwrap_or_default(),
                    wait: f.wait,
                }
            }
            NodeKind::ForwardToEmployee(f) => {
                self.greeting(&kind_path, &f.greeting);
                let mut ep = kind_path.clone();
                path::field(&mut ep, "employee");
                self.employee(&ep, &f.employee);
                CKind::Employee {
                    greeting: f.greeting.clone(),
                    employee: f.employee.clone(),
                    wait: f.wait,
                }
            }
            NodeKind::ForwardToDepartment(f) => {
                self.greeting(&kind_path, &f.greeting);
                let mut dp = kind_path.clone();
                path::field(&mut dp, "department");
                self.department(&dp, &f.department);
                CKind::Department {
                    greeting: f.greeting.clone(),
                    department: f.department.clone(),
                    distribution: f.distribution,
                    wait: f.wait,
                }
            }
            NodeKind::Voicemail(m) | NodeKind::Fax(m) => {
                let fax = matches!(node.kind, NodeKind::Fax(_));
                self.mailbox(
                    &kind_path,
                    m,
                    if fax { "fax" } else { "voicemail" },
                );
                CKind::Mailbox {
                    greeting: m.greeting.clone(),
                    fax,
                    send_to: m.send_to.clone(),
                    external_email: m.external_email.clone(),
                }
            }
            NodeKind::GoTo(target) => {
                self.jumps.push((index, target.as_str()));
                CKind::GoTo(MISSING)
            }
        };
        let can_continue = node.kind.can_continue();
        match &node.then {
            Some(next) => {
                if !can_continue {
                    self.error(
                        p,
                        ProblemKind::CannotContinue { kind: kind_name },
                    );
                }
                // Checked even when not allowed, so its problems show too;
                // the engine never runs it.
                children.push(Work {
                    node: next,
                    at: self.paths.push(Some(w.at), ".then".to_string()),
                    depth: w.depth + 1,
                    slot: if can_continue {
                        Slot::Then(index)
                    } else {
                        Slot::Root
                    },
                    root: None,
                });
            }
            None => {
                if matches!(
                    kind,
                    CKind::Number { .. }
                        | CKind::Employee { .. }
                        | CKind::Department { .. }
                ) {
                    self.warning(p, ProblemKind::NoAnswerContinuation);
                }
            }
        }
        self.nodes.push(CNode { path: w.at, kind, then: None });
        stack.extend(children.into_iter().rev());
    }

    fn prompt(&mut self, p: &str, prompt: &Prompt) {
        let (what, text) = match prompt {
            Prompt::Text(t) => ("text", t),
            Prompt::Audio(a) => ("audio file name", a),
        };
        let mut pp = p.to_string();
        path::field(&mut pp, if what == "text" { "text" } else { "audio" });
        let limit = self.opts.limits.max_text;
        if text.trim().is_empty() {
            self.error(&pp, ProblemKind::EmptyPrompt { what });
        } else if text.len() > limit {
            // Counted only past the byte length, which bounds it.
            let length = text.chars().count();
            if length > limit {
                self.error(
                    &pp,
                    ProblemKind::TextTooLong { what, length, limit },
                );
            }
        }
    }

    fn greeting(&mut self, p: &str, g: &Option<Prompt>) {
        if let Some(g) = g {
            let mut gp = p.to_string();
            path::field(&mut gp, "greeting");
            self.prompt(&gp, g);
        }
    }

    /// Whether `id` is empty, which is reported; the directory is then
    /// not asked about it.
    fn empty_reference(
        &mut self,
        p: &str,
        id: &str,
        what: &'static str,
    ) -> bool {
        let empty = id.trim().is_empty();
        if empty {
            self.error(p, ProblemKind::EmptyReference { what });
        }
        empty
    }

    fn employee(&mut self, p: &str, id: &str) {
        if self.empty_reference(p, id, "employee") {
            return;
        }
        if let Some(dir) = &self.opts.directory {
            if !dir.employees.contains(id) {
                let suggestion = similar(&dir.employees, id);
                self.error(
                    p,
                    ProblemKind::UnknownEmployee {
                        id: id.to_string(),
                        suggestion,
                    },
                );
            }
        }
    }

    fn department(&mut self, p: &str, id: &str) {
        if self.empty_reference(p, id, "department") {
            return;
        }
        if let Some(dir) = &self.opts.directory {
            if !dir.departments.contains(id) {
                let suggestion = similar(&dir.departments, id);
                self.error(
                    p,
                    ProblemKind::UnknownDepartment {
                        id: id.to_string(),
                        suggestion,
                    },
                );
            }
        }
    }

    fn mailbox(&mut self, p: &str, m: &Mailbox, what: &'static str) {
        self.greeting(p, &m.greeting);
        if m.send_to.is_empty() && m.external_email.is_none() {
            self.error(p, ProblemKind::NoRecipients { what });
        }
        for (i, r) in m.send_to.iter().enumerate() {
            let mut rp = p.to_string();
            path::field(&mut rp, "send_to");
            path::index(&mut rp, i);
            match r {
                DirectoryId::Employee(id) => {
                    path::field(&mut rp, "employee");
                    self.employee(&rp, id);
                }
                DirectoryId::Department(id) => {
                    path::field(&mut rp, "department");
                    self.department(&rp, id);
                }
            }
        }
        if let Some(email) = &m.external_email {
            if !is_email(email) {
                let mut ep = p.to_string();
                path::field(&mut ep, "external_email");
                self.error(
                    &ep,
                    ProblemKind::InvalidEmail { email: email.clone() },
                );
            }
        }
    }

    fn resolve_jumps(&mut self, s: &Settings) {
        let names: BTreeSet<String> = s.nodes.keys().cloned().collect();
        for &(at, target) in &self.jumps {
            match self.named.get(target) {
                Some(&t) => {
                    if let Some(n) = self.nodes.get_mut(at as usize) {
                        n.kind = CKind::GoTo(t);
                    }
                }
                // A named node that exists but was not compiled (a limit)
                // has its own problem already.
                None if names.contains(target) => {}
                None => {
                    let path = self
                        .nodes
                        .get(at as usize)
                        .map(|n| self.paths.render(n.path))
                        .unwrap_or_default();
                    let mut gp = path;
                    path::field(&mut gp, "go_to");
                    self.problems.push(Problem::error(
                        gp,
                        ProblemKind::UnknownNode {
                            name: target.to_string(),
                            suggestion: similar(&names, target),
                        },
                    ));
                }
            }
        }
    }

    /// The nodes a compiled node leads to, as the engine would go.
    fn successors(&self, i: u32, out: &mut Vec<u32>) {
        let Some(n) = self.nodes.get(i as usize) else { return };
        match &n.kind {
            CKind::Menu { keys, nothing_selected, .. } => {
                out.extend(keys.iter().map(|k| k.1));
                out.push(*nothing_selected);
            }
            CKind::GoTo(t) => out.push(*t),
            _ => {}
        }
        out.extend(n.then);
    }

    fn reachability(&mut self, s: &Settings) {
        let mut seen = vec![false; self.nodes.len()];
        let mut stack: Vec<u32> = self.roots.values().copied().collect();
        let mut next = Vec::new();
        while let Some(i) = stack.pop() {
            match seen.get_mut(i as usize) {
                Some(v) if !*v => *v = true,
                _ => continue,
            }
            next.clear();
            self.successors(i, &mut next);
            stack.extend(next.iter().copied());
        }
        for name in s.nodes.keys() {
            if let Some(&i) = self.named.get(name.as_str()) {
                if !seen[i as usize] {
                    let path = self.paths.render(self.nodes[i as usize].path);
                    self.problems.push(Problem::warning(
                        path,
                        ProblemKind::Unreachable,
                    ));
                }
            }
        }
    }

    /// Loops with no menu on them. Without menus every node has at most
    /// one way on (its `then`, or a `go_to`'s target), so the graph is a
    /// set of chains and each loop is found by one walk.
    fn loops(&mut self) {
        let n = self.nodes.len();
        let next = |i: usize| -> Option<usize> {
            let node = &self.nodes[i];
            if node.kind.waits_for_input() {
                return None;
            }
            let j = match node.kind {
                CKind::GoTo(t) => Some(t),
                _ => node.then,
            }? as usize;
            (j < n && !self.nodes[j].kind.waits_for_input()).then_some(j)
        };
        // 0 unvisited, 1 on the current walk, 2 done.
        let mut state = vec![0u8; n];
        let mut found = Vec::new();
        let mut walk = Vec::new();
        for start in 0..n {
            walk.clear();
            let mut at = Some(start);
            while let Some(i) = at {
                if state[i] != 0 {
                    break;
                }
                state[i] = 1;
                walk.push(i);
                at = next(i);
            }
            if let Some(i) = at {
                if state[i] == 1 {
                    if let Some(pos) = walk.iter().position(|&w| w == i) {
                        let mut cycle = walk[pos..].to_vec();
                        // Start at the first node in settings order.
                        if let Some(min) = cycle
                            .iter()
                            .enumerate()
                            .min_by_key(|(_, &v)| v)
                            .map(|(k, _)| k)
                        {
                            cycle.rotate_left(min);
                        }
                        found.push(cycle);
                    }
                }
            }
            for &i in &walk {
                state[i] = 2;
            }
        }
        for cycle in found {
            let paths: Vec<String> = cycle
                .iter()
                .map(|&i| self.paths.render(self.nodes[i].path))
                .collect();
            self.problems.push(Problem::error(
                paths[0].clone(),
                ProblemKind::LoopWithoutInput { cycle: paths },
            ));
        }
    }
}

/// FNV-1a of the settings' compact JSON: the same settings give the same
/// value in any build, so a call state kept by a host can be checked
/// against the settings it resumes on.
fn fingerprint(settings: &Settings) -> u64 {
    crate::fnv::fnv1a(crate::json::write(settings, false).as_bytes())
}

/// A name of `known` equal to `name` but for case and surrounding
/// spaces.
fn similar(known: &BTreeSet<String>, name: &str) -> Option<String> {
    let want = name.trim().to_lowercase();
    known.iter().find(|k| k.to_lowercase() == want).cloned()
}

/// A plain check of an address: one `@`, a non-empty local part, a domain
/// with a dot not at either end, no spaces, at most 254 characters.
pub(crate) fn is_email(s: &str) -> bool {
    if s.len() > 254 || s.chars().any(char::is_whitespace) {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_key_parse_error_reads_once() {
        let e = "skip".parse::<InvalidKey>().unwrap_err().to_string();
        assert!(!e.contains("invalid invalid"), "{e}");
        assert!(e.contains(r#""retry", "replay", "nothing_selected""#), "{e}");
    }

    fn problems(json: &str) -> Vec<(String, Severity, String)> {
        let s = Settings::from_json(json).unwrap();
        NumberBuilder::new()
            .check(&s)
            .into_iter()
            .map(|p| (p.path.clone(), p.severity, p.kind.to_string()))
            .collect()
    }

    #[test]
    fn email_shapes() {
        assert!(is_email("a@b.ru"));
        assert!(is_email("first.last+tag@mail.example.com"));
        for bad in [
            "", "a", "@b.ru", "a@b", "a@.ru", "a@b.", "a b@c.ru", "a@@b.ru",
            "a@b..ru",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn every_problem_at_once_with_paths() {
        let got = problems(
            r#"{ "scenarios": { "Working time": { "menu": {
                "prompt": { "text": " " },
                "keys": {
                  "1": null,
                  "2": { "forward_to_number": { "number": "+7 495 23x", "wait": "20s" } },
                  "3": { "voicemail": {}, "then": { "message": { "text": "x" } } },
                  "4": { "fax": { "external_email": "nobody" } },
                  "5": { "go_to": "mian" }
                } } } },
              "nodes": { "main": { "message": { "audio": "" } } } }"#,
        );
        let w = r#"scenarios["Working time"]"#;
        let m = format!("{w}.menu");
        let expect = vec![
            (format!("{m}.prompt.text"), Severity::Error, "the text is empty".to_string()),
            (format!("{m}.keys[\"1\"]"), Severity::Error,
             "key 1 has no scenario; every offered key and \"nothing selected\" need one (or untick the key)".into()),
            (format!("{m}.nothing_selected"), Severity::Error,
             "\"nothing selected\" has no scenario; every offered key and \"nothing selected\" need one (or untick the key)".into()),
            (format!("{m}.keys[\"2\"].forward_to_number.number"), Severity::Error,
             "number \"+7 495 23x\" must be in E.164, as \"+74952302222\" (a plus, the country code, the number)".into()),
            (format!("{m}.keys[\"2\"]"), Severity::Warning,
             "no scenario when the forward is not answered: the call is hung up; add `then` (voicemail, for one)".into()),
            (format!("{m}.keys[\"3\"].voicemail"), Severity::Error,
             "nobody receives the voicemail: add an employee or department to `send_to`, or an `external_email`".into()),
            (format!("{m}.keys[\"3\"]"), Severity::Error,
             "a voicemail cannot continue (the call ends after it); remove `then`".into()),
            (format!("{m}.keys[\"4\"].fax.external_email"), Severity::Error,
             "\"nobody\" is not an e-mail address".into()),
            ("nodes[\"main\"].message.audio".into(), Severity::Error,
             "the audio file name is empty".into()),
            (format!("{m}.keys[\"5\"].go_to"), Severity::Error,
             "no node named \"mian\" in `nodes`".into()),
            ("nodes[\"main\"]".into(), Severity::Warning, "no scenario reaches this node".into()),
        ];
        assert_eq!(got, expect);
    }

    #[test]
    fn numbers_in_e164_or_national_with_the_country() {
        let one = |country: &str, number: &str| {
            let json = format!(
                r#"{{ {country} "scenarios": {{ "W": {{
                    "forward_to_number": {{ "number": "{number}", "wait": "20s" }},
                    "then": {{ "message": {{ "text": "x" }} }} }} }} }}"#
            );
            problems(&json).into_iter().map(|p| p.2).collect::<Vec<_>>()
        };
        assert!(one("", "+48601111222").is_empty());
        assert!(one("", "+7 (495) 230-22-22").is_empty());
        assert!(one(r#""country": "RU","#, "4952302222").is_empty());
        assert!(one(r#""country": "ru","#, "+48601111222").is_empty());
        assert_eq!(
            one("", "4952302222"),
            ["number \"4952302222\" must be in E.164, as \"+74952302222\" \
              (a plus, the country code, the number); 10-digit national \
              numbers are read when the settings give a `country` with them \
              (RU, KZ, US, CA)"]
        );
        assert_eq!(
            one(r#""country": "RU","#, "84952302222"),
            ["number \"84952302222\" is neither in E.164 (as \
              \"+74952302222\") nor a 10-digit national number of RU (as \
              \"4952302222\", without a trunk prefix such as 8)"]
        );
        assert_eq!(
            one(r#""country": "Russia","#, "+74952302222"),
            ["country \"Russia\" is not a two-letter country code (ISO \
              3166-1), as \"RU\""]
        );
        // The host rings the number in E.164 whichever form was written.
        let n = Number::from_json(
            r#"{ "country": "RU", "scenarios": { "W": {
                "forward_to_number": { "number": "495 230-22-22", "wait": "20s" },
                "then": { "message": { "text": "x" } } } } }"#,
        )
        .unwrap();
        let (_, actions) =
            crate::Call::start(&n, "W", crate::Facts::default()).unwrap();
        assert_eq!(
            actions[0],
            crate::Action::Ring {
                leg: 1,
                target: crate::RingTarget::Number("+74952302222".into())
            }
        );
    }

    #[test]
    fn loops_without_input_and_menu_loops() {
        let got = problems(
            r#"{ "scenarios": { "Working time": { "go_to": "a" } },
                 "nodes": {
                   "a": { "message": { "text": "a" }, "then": { "go_to": "b" } },
                   "b": { "forward_to_employee": { "employee": "x", "wait": "10s" },
                          "then": { "go_to": "a" } },
                   "m": { "menu": { "prompt": { "text": "m" },
                          "keys": { "1": { "go_to": "m" } },
                          "nothing_selected": { "go_to": "m" } } },
                   "self": { "go_to": "self" }
                 } }"#,
        );
        let loops: Vec<_> =
            got.iter().filter(|p| p.2.starts_with("this loop")).collect();
        assert_eq!(loops.len(), 2, "{got:#?}");
        assert_eq!(loops[0].0, r#"nodes["a"]"#);
        assert_eq!(
            loops[0].2,
            "this loop never waits for the caller's input (no menu on it): \
             nodes[\"a\"] -> nodes[\"a\"].then -> nodes[\"b\"] -> nodes[\"b\"].then"
        );
        assert_eq!(loops[1].0, r#"nodes["self"]"#);
        // The menu loop waits for input: fine, but unreachable.
        assert!(got.contains(&(
            r#"nodes["m"]"#.into(),
            Severity::Warning,
            "no scenario reaches this node".into()
        )));
    }

    #[test]
    fn directory_and_intervals() {
        let s = Settings::from_json(
            r#"{ "scenarios": {
                "Working time": { "forward_to_employee": { "employee": "Anna", "wait": "10s" },
                  "then": { "voicemail": { "send_to": [{ "department": "salse" }, { "employee": "boris" }] } } },
                "Lunch": { "forward_to_department": { "department": "sales",
                  "distribution": "all_at_once", "wait": "15s" }, "then": { "message": { "text": "x" } } } } }"#,
        )
        .unwrap();
        let dir = Directory {
            employees: ["anna", "boris"].map(String::from).into(),
            departments: ["sales"].map(String::from).into(),
        };
        let b = NumberBuilder::new()
            .directory(dir)
            .intervals(["Working time", "Non-working time"]);
        let got: Vec<String> =
            b.check(&s).iter().map(|p| p.to_string()).collect();
        assert_eq!(
            got,
            [
                "scenarios: no scenario for interval \"Non-working time\"; the scenarios are for \"Lunch\", \"Working time\"",
                "warning: scenarios[\"Lunch\"]: the schedule has no interval \"Lunch\", so this scenario is never used; the intervals are \"Working time\", \"Non-working time\"",
                "scenarios[\"Working time\"].forward_to_employee.employee: unknown employee \"Anna\"; did you mean \"anna\"?",
                "scenarios[\"Working time\"].then.voicemail.send_to[0].department: unknown department \"salse\"",
            ]
        );
        let err = b.build(s).unwrap_err();
        assert_eq!(err.errors().count(), 3);
    }

    #[test]
    fn limits_on_nodes_and_depth() {
        let mut node = Node::new(NodeKind::Message(Prompt::Text("x".into())));
        for _ in 0..40 {
            node = Node::new(NodeKind::Message(Prompt::Text("x".into())))
                .then(node);
        }
        let mut s = Settings::default();
        s.scenarios.insert("Working time".into(), node);
        let got = NumberBuilder::new().check(&s);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].kind, ProblemKind::TooDeep { limit: 32 });
        assert_eq!(got[0].path.matches(".then").count(), 32);
        let got = NumberBuilder::new()
            .limits(Limits { max_nodes: 10, ..Limits::default() })
            .check(&s);
        assert_eq!(got[0].kind, ProblemKind::TooManyNodes { limit: 10 });
        let ok = NumberBuilder::new()
            .limits(Limits { max_depth: 41, ..Limits::default() })
            .build(s)
            .unwrap();
        assert_eq!(ok.node_count(), 41);
    }

    #[test]
    fn checking_is_linear_whatever_the_limits() {
        // Every node's path was built whole: the work for a chain of 2n
        // was four times that for n once the depth limit was raised.
        let chain = |n: usize| {
            let mut node = Node::new(NodeKind::Voicemail(
                Mailbox::new().with_external_email("a@b.ru"),
            ));
            for _ in 0..n {
                node =
                    Node::new(NodeKind::Message(Prompt::text("m"))).then(node);
            }
            Settings::new("x").with_scenario("W", node)
        };
        let builder = NumberBuilder::new().limits(
            Limits::default().with_max_depth(100_000).with_max_nodes(100_000),
        );
        let work = |s: &Settings| {
            crate::tree::WORK.with(|w| w.set(0));
            assert_eq!(builder.check(s), []);
            crate::tree::WORK.with(|w| w.get())
        };
        let (a, b) = (chain(2_000), chain(4_000));
        let (wa, wb) = (work(&a), work(&b));
        assert!(wa > 0 && wb <= 2 * wa + 100, "{wa} then {wb}");
        let number = builder.build(b).unwrap();
        assert_eq!(number.node_count(), 4_001);
    }

    #[test]
    fn texts_have_a_length_limit() {
        let long = "я".repeat(1_001);
        let json = format!(
            r#"{{ "scenarios": {{ "W": {{ "message": {{ "text": "{long}" }},
                "then": {{ "message": {{ "audio": "{}" }} }} }} }} }}"#,
            "a".repeat(1_000)
        );
        let got = problems(&json);
        assert_eq!(
            got,
            [(
                r#"scenarios["W"].message.text"#.to_string(),
                Severity::Error,
                "the text is 1001 characters long; at most 1000 (split it \
                 into several messages, or raise Limits::max_text)"
                    .to_string()
            )]
        );
        let s = Settings::from_json(&json).unwrap();
        let b = NumberBuilder::new()
            .limits(Limits::default().with_max_text(2_000))
            .check(&s);
        assert_eq!(b, []);
    }

    #[test]
    fn empty_references_are_errors_without_a_directory() {
        // Nothing to look them up in, yet an empty id can name nobody:
        // the engine would ring employee "".
        let got = problems(
            r#"{ "scenarios": { "W": {
                "forward_to_employee": { "employee": "", "wait": "10s" },
                "then": { "forward_to_department": { "department": " ",
                  "distribution": "all_at_once", "wait": "15s" },
                  "then": { "voicemail": { "send_to": [{ "employee": "" }] } } } } } }"#,
        );
        let w = r#"scenarios["W"]"#;
        assert_eq!(
            got,
            [
                (
                    format!("{w}.forward_to_employee.employee"),
                    Severity::Error,
                    "no employee chosen: the id is empty".to_string()
                ),
                (
                    format!("{w}.then.forward_to_department.department"),
                    Severity::Error,
                    "no department chosen: the id is empty".to_string()
                ),
                (
                    format!("{w}.then.then.voicemail.send_to[0].employee"),
                    Severity::Error,
                    "no employee chosen: the id is empty".to_string()
                ),
            ]
        );
    }

    #[test]
    fn empty_settings_and_menu_without_choices() {
        let got = problems(r#"{ "name": "x" }"#);
        assert_eq!(got[0].2, "the number has no scenario");
        let got = problems(
            r#"{ "scenarios": { "W": { "menu": { "prompt": { "text": "m" },
                 "nothing_selected": { "message": { "text": "bye" } } } } } }"#,
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1, Severity::Warning);
        assert!(got[0].2.starts_with("the menu offers no key"));
    }
}
