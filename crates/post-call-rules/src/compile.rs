//! From a [`RuleSet`] to [`CompiledRules`]: values checked and
//! normalized, rules in evaluation order, and the index by routed-to
//! number, direction and status.

use std::collections::HashMap;

use chrono::TimeDelta;

use crate::error::{Error, Problem, ProblemKind};
use crate::hash::{hash, Fnv1a, FnvBuild};
use crate::number::{parse_number, valid_ivr_keys};
use crate::rule::{
    setters, IntervalScope, Message, Recipient, Rule, RuleSet, Sender,
};
use crate::{
    alphanumeric_sender_problems, CallStatus, Direction, HitPolicy,
    MaybeMobile, Region,
};

/// Limits on a rule set, checked when it is compiled. They bound the
/// memory of the compiled set and the work of every evaluation and check.
///
/// ```
/// use post_call_rules::Limits;
///
/// let strict = Limits::default().max_rules(100).max_list(50);
/// assert_eq!(strict.max_rules, 100);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Rules in a set (default 10,000).
    pub max_rules: usize,
    /// Items in any one list of a rule: routed-to numbers, caller numbers,
    /// prefixes, regions, IVR keys, windows (default 1,000).
    pub max_list: usize,
    /// Numbers in each of the account's lists, its mobile numbers and its
    /// random senders (default 1,000).
    pub max_account_numbers: usize,
    /// Bytes of a message text (default 8,000: ten 153-character parts of
    /// text with multi-byte letters).
    pub max_text_bytes: usize,
    /// Bytes of a rule, group or window name (default 200).
    pub max_name_bytes: usize,
    /// Seconds of delay after the call (default 30 days).
    pub max_delay_secs: u32,
    /// Seconds of a minimum interval (default 366 days).
    pub max_interval_secs: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_rules: 10_000,
            max_list: 1_000,
            max_account_numbers: 1_000,
            max_text_bytes: 8_000,
            max_name_bytes: 200,
            max_delay_secs: 30 * 86_400,
            max_interval_secs: 366 * 86_400,
        }
    }
}

setters!(Limits {
    max_rules: usize,
    max_list: usize,
    max_account_numbers: usize,
    max_text_bytes: usize,
    max_name_bytes: usize,
    max_delay_secs: u32,
    max_interval_secs: u32,
});

/// A sender ready to use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SenderKind {
    Fixed(String),
    Random,
    /// An alphanumeric sender that would not be delivered as written.
    Invalid,
}

/// One rule, checked and normalized.
#[derive(Clone, Debug)]
pub(crate) struct CompiledRule {
    /// Position in the rule set's list.
    pub(crate) index: usize,
    pub(crate) rule: Rule,
    pub(crate) direction_bits: u8,
    pub(crate) status_bits: u8,
    /// Routed-to bucket ids, sorted; empty: any number.
    pub(crate) routed: Vec<u32>,
    pub(crate) min_secs: u32,
    pub(crate) max_secs: u32,
    /// Caller numbers, normalized and sorted; empty: any.
    pub(crate) numbers: Vec<String>,
    /// FNV-1a of each caller number, sorted: a number whose hash is not
    /// here is not in `numbers`, found without comparing strings.
    pub(crate) number_hashes: Vec<u64>,
    /// Caller prefixes, normalized; empty: any.
    pub(crate) prefixes: Vec<String>,
    pub(crate) regions: Vec<Region>,
    pub(crate) foreign: Option<bool>,
    pub(crate) ivr: Vec<String>,
    pub(crate) sender: SenderKind,
    pub(crate) delay: TimeDelta,
    pub(crate) interval: TimeDelta,
    /// FNV-1a of the name and a separator: the start of the random
    /// sender's hash.
    pub(crate) name_hash: u64,
}

impl CompiledRule {
    pub(crate) fn name(&self) -> &str {
        &self.rule.name
    }

    pub(crate) fn message(&self) -> &Message {
        &self.rule.message
    }
}

/// The number of (direction, status) combinations.
pub(crate) const COMBOS: usize = Direction::ALL.len() * CallStatus::ALL.len();

pub(crate) fn combo(direction: Direction, status: CallStatus) -> usize {
    direction.index() * CallStatus::ALL.len() + status.index()
}

/// Rule positions (in evaluation order) per (direction, status).
pub(crate) type ComboLists = [Vec<u32>; COMBOS];

/// A rule set ready to evaluate: rules in evaluation order, indexed by
/// routed-to number, direction and status.
///
/// Build it with [`RuleSet::compile`] or [`CompiledRules::from_json`];
/// evaluate calls with [`evaluate`](CompiledRules::evaluate) and
/// [`evaluate_traced`](CompiledRules::evaluate_traced); check it with
/// [`check`](CompiledRules::check).
#[derive(Clone, Debug)]
pub struct CompiledRules {
    pub(crate) set: RuleSet,
    /// Rules in evaluation order: by priority, then list position.
    pub(crate) rules: Vec<CompiledRule>,
    /// Routed-to number → bucket id.
    pub(crate) buckets: HashMap<String, u32, FnvBuild>,
    /// Per bucket: the positions of the rules that list its number.
    pub(crate) by_bucket: Vec<ComboLists>,
    /// The positions of the rules with no routed-to condition.
    pub(crate) any_routed: ComboLists,
    pub(crate) senders: Vec<String>,
    /// The random sender's pool: the account's random senders, or its
    /// mobile numbers when it has none.
    pub(crate) random: Vec<String>,
    /// The account's own numbers, sorted: its mobile numbers and random
    /// senders (the routed-to numbers are the keys of `buckets`).
    pub(crate) own: Vec<String>,
    pub(crate) calling_code: Option<u16>,
    pub(crate) hit_policy: HitPolicy,
    pub(crate) maybe_mobile: MaybeMobile,
}

impl RuleSet {
    /// The longest JSON text [`RuleSet::from_json`] reads: 8 MiB. Longer
    /// text is refused before it is parsed. (A rule set of the largest
    /// size the default [`Limits`] allow is far smaller.)
    pub const MAX_JSON: usize = 8 * 1024 * 1024;

    /// Reads a rule set from JSON. Unknown fields, and fields given twice
    /// in one object, are refused.
    ///
    /// # Errors
    ///
    /// Text longer than [`RuleSet::MAX_JSON`] (checked before parsing),
    /// empty text, or text that is not a JSON object; a syntax error, a
    /// wrong type, an unknown, a missing or a duplicate field, as one
    /// [`Problem`] with the path of the bad value (for a
    /// duplicate field, of the object that has it) and, inside a rule,
    /// the rule's position and name.
    ///
    /// # Example
    ///
    /// ```
    /// use post_call_rules::RuleSet;
    ///
    /// let err = RuleSet::from_json(r#"{"rules": [
    ///     {"name": "Thanks", "sender": "random", "message": {"text": "Hi"},
    ///      "when": {"status": ["answred"]}}
    /// ]}"#).unwrap_err();
    /// let p = &err.problems()[0];
    /// assert_eq!(p.rule(), Some(0));
    /// assert_eq!(p.rule_name(), Some("Thanks"));
    /// assert_eq!(p.path(), "rules[0].when.status[0]");
    /// assert_eq!(p.line_column(), Some((3, 34)));
    /// ```
    pub fn from_json(json: &str) -> Result<RuleSet, Error> {
        let whole = |kind| {
            Err(Error::new(vec![Problem::new(None, String::new(), kind)]))
        };
        if json.len() > RuleSet::MAX_JSON {
            return whole(ProblemKind::TooLarge {
                len: json.len(),
                limit: RuleSet::MAX_JSON,
            });
        }
        match json.trim_start().chars().next() {
            None => return whole(ProblemKind::Empty),
            Some('{') => {}
            // serde would read a list as the fields in order; only the
            // documented object form is a rule set.
            Some(_) => return whole(ProblemKind::NotAnObject),
        }
        // Read from the text, not through a `serde_json::Value`: a Value
        // keeps only the last of a key given twice, which would read
        // `"enabled": false, "enabled": true` as enabled without a word.
        let mut de = serde_json::Deserializer::from_str(json);
        let set = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            let inner = e.into_inner();
            // Only text that is not JSON at all has no place in the
            // document; a well-formed value of the wrong shape (an object
            // where a name belongs, which serde_json words as a syntax
            // error) keeps its path and rule.
            let value = serde_json::from_str::<serde_json::Value>(json).ok();
            match value {
                None => reading_problem(String::new(), &inner, None),
                Some(value) => {
                    let rule = rule_of_path(&path, &value);
                    reading_problem(path, &inner, rule)
                }
            }
        })?;
        de.end().map_err(|e| reading_problem(String::new(), &e, None))?;
        Ok(set)
    }

    /// The JSON Schema (draft 2020-12) of the rule-set format: every
    /// field, which are required, the spellings of every closed set, and
    /// no fields beyond these. An editor or a web form can check a file
    /// with it before [`RuleSet::from_json`] reads it; the loader's own
    /// checks (numbers, limits, names) come on top.
    ///
    /// ```
    /// let schema = post_call_rules::RuleSet::json_schema();
    /// assert_eq!(schema["title"], "RuleSet");
    /// assert_eq!(schema["additionalProperties"], false);
    /// ```
    #[cfg(feature = "schemars")]
    pub fn json_schema() -> serde_json::Value {
        schemars::schema_for!(RuleSet).to_value()
    }

    /// Writes the rule set as pretty JSON, leaving out defaults.
    pub fn to_json(&self) -> String {
        // A RuleSet has only string keys and plain values.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks and compiles the rule set with the default [`Limits`].
    ///
    /// # Errors
    ///
    /// Every value that cannot be used, each with its rule and path:
    /// malformed numbers, prefixes and IVR keys, empty names, `foreign`
    /// without an account calling code, and anything over a limit. Rules
    /// that are merely useless (never match, shadowed, invalid
    /// alphanumeric senders) compile, and
    /// [`CompiledRules::check`] reports them.
    pub fn compile(&self) -> Result<CompiledRules, Error> {
        self.compile_with(&Limits::default())
    }

    /// Checks and compiles the rule set with these limits.
    ///
    /// # Errors
    ///
    /// As [`RuleSet::compile`].
    pub fn compile_with(
        &self,
        limits: &Limits,
    ) -> Result<CompiledRules, Error> {
        Compiler::new(self, limits).run()
    }
}

impl CompiledRules {
    /// Reads and compiles a rule set from JSON.
    ///
    /// # Errors
    ///
    /// As [`RuleSet::from_json`], then as [`RuleSet::compile`].
    pub fn from_json(json: &str) -> Result<CompiledRules, Error> {
        RuleSet::from_json(json)?.compile()
    }

    /// The rule set this was compiled from.
    pub fn rule_set(&self) -> &RuleSet {
        &self.set
    }

    /// The list positions of the rules, in evaluation order (by priority,
    /// then position).
    pub fn order(&self) -> impl Iterator<Item = usize> + '_ {
        self.rules.iter().map(|r| r.index)
    }
}

/// A problem found while reading JSON text: the parser's message without
/// its "at line L column C", which goes into the problem's position.
fn reading_problem(
    path: String,
    e: &serde_json::Error,
    rule: Option<(usize, Option<String>)>,
) -> Error {
    let mut message = e.to_string();
    let (line, column) = (e.line(), e.column());
    let position = (line > 0).then_some((line, column));
    if position.is_some() {
        let suffix = format!(" at line {line} column {column}");
        if let Some(m) = message.strip_suffix(&suffix) {
            message = m.to_string();
        }
    }
    let message = crate::words::plain(&message, &path);
    let kind = ProblemKind::Syntax { message };
    Error::new(vec![Problem::new(rule, path, kind).at(position)])
}

/// The rule named by a path `rules[N]...`, with its name if it has one.
fn rule_of_path(
    path: &str,
    value: &serde_json::Value,
) -> Option<(usize, Option<String>)> {
    let rest = path.strip_prefix("rules[")?;
    let index: usize = rest.get(..rest.find(']')?)?.parse().ok()?;
    let name = value
        .get("rules")
        .and_then(|r| r.get(index))
        .and_then(|r| r.get("name"))
        .and_then(|n| n.as_str())
        .map(str::to_string);
    Some((index, name))
}

struct Compiler<'a> {
    set: &'a RuleSet,
    limits: &'a Limits,
    problems: Vec<Problem>,
    buckets: HashMap<String, u32, FnvBuild>,
}

impl<'a> Compiler<'a> {
    fn new(set: &'a RuleSet, limits: &'a Limits) -> Compiler<'a> {
        Compiler {
            set,
            limits,
            problems: Vec::new(),
            buckets: HashMap::default(),
        }
    }

    fn problem(
        &mut self,
        rule: Option<usize>,
        path: String,
        kind: ProblemKind,
    ) {
        let rule = rule.map(|i| {
            let name = self.set.rules.get(i).map(|r| r.name.clone());
            (i, name.filter(|n| !n.trim().is_empty()))
        });
        self.problems.push(Problem::new(rule, path, kind));
    }

    fn count(
        &mut self,
        rule: usize,
        path: String,
        what: &'static str,
        n: usize,
    ) {
        if n > self.limits.max_list {
            let limit = self.limits.max_list;
            self.problem(
                Some(rule),
                path,
                ProblemKind::TooMany { what, count: n, limit },
            );
        }
    }

    fn name_len(
        &mut self,
        rule: Option<usize>,
        path: String,
        what: &'static str,
        s: &str,
    ) {
        if s.len() > self.limits.max_name_bytes {
            let limit = self.limits.max_name_bytes;
            self.problem(
                rule,
                path,
                ProblemKind::TooLong { what, len: s.len(), limit },
            );
        }
    }

    /// Normalized numbers of a list; problems for the bad ones.
    fn numbers(
        &mut self,
        rule: usize,
        path: &str,
        list: &[String],
    ) -> Vec<String> {
        let mut out = Vec::with_capacity(list.len());
        for (i, n) in list.iter().enumerate() {
            match parse_number(n) {
                Some(n) => out.push(n),
                None => self.problem(
                    Some(rule),
                    format!("{path}[{i}]"),
                    ProblemKind::InvalidNumber { value: clip(n) },
                ),
            }
        }
        out
    }

    /// A list of the account's numbers, normalized: problems for too many,
    /// malformed ones and ones given twice.
    fn account_numbers(
        &mut self,
        path: &str,
        what: &'static str,
        list: &[String],
    ) -> Vec<String> {
        let limit = self.limits.max_account_numbers;
        if list.len() > limit {
            let kind = ProblemKind::TooMany { what, count: list.len(), limit };
            self.problem(None, path.into(), kind);
        }
        let mut out: Vec<String> = Vec::with_capacity(list.len());
        let mut seen = HashMap::<String, usize, FnvBuild>::default();
        for (i, s) in list.iter().enumerate() {
            let Some(n) = parse_number(s) else {
                self.problem(
                    None,
                    format!("{path}[{i}]"),
                    ProblemKind::InvalidNumber { value: clip(s) },
                );
                continue;
            };
            match seen.get(&n) {
                Some(&first) => self.problem(
                    None,
                    format!("{path}[{i}]"),
                    ProblemKind::DuplicateNumber { value: clip(s), first },
                ),
                None => {
                    seen.insert(n.clone(), i);
                    out.push(n);
                }
            }
        }
        out
    }

    fn run(mut self) -> Result<CompiledRules, Error> {
        let set = self.set;
        let limits = *self.limits;
        if let Some(code) = set.account.calling_code {
            if !(1..=999).contains(&code) {
                self.problem(
                    None,
                    "account.calling_code".into(),
                    ProblemKind::InvalidCallingCode { code },
                );
            }
        }
        let senders = self.account_numbers(
            "account.mobile_numbers",
            "account numbers",
            &set.account.mobile_numbers,
        );
        let random = self.account_numbers(
            "account.random_senders",
            "random senders",
            &set.account.random_senders,
        );
        if set.rules.len() > limits.max_rules {
            self.problem(
                None,
                "rules".into(),
                ProblemKind::TooMany {
                    what: "rules",
                    count: set.rules.len(),
                    limit: limits.max_rules,
                },
            );
            return Err(Error::new(self.problems));
        }
        let mut rules = Vec::with_capacity(set.rules.len());
        for (i, rule) in set.rules.iter().enumerate() {
            rules.push(self.rule(i, rule));
        }
        if !self.problems.is_empty() {
            return Err(Error::new(self.problems));
        }
        // Stable: equal priorities keep list order.
        rules.sort_by_key(|r: &CompiledRule| r.rule.priority);
        let mut by_bucket: Vec<ComboLists> =
            (0..self.buckets.len()).map(|_| Default::default()).collect();
        let mut any_routed: ComboLists = Default::default();
        for (pos, r) in rules.iter().enumerate() {
            let pos = pos as u32;
            for d in Direction::ALL {
                for s in CallStatus::ALL {
                    if r.direction_bits & d.bit() == 0
                        || r.status_bits & s.bit() == 0
                    {
                        continue;
                    }
                    let c = combo(d, s);
                    if r.routed.is_empty() {
                        any_routed[c].push(pos);
                    }
                    for &b in &r.routed {
                        by_bucket[b as usize][c].push(pos);
                    }
                }
            }
        }
        let mut own = senders.clone();
        own.extend(random.iter().cloned());
        own.sort_unstable();
        own.dedup();
        Ok(CompiledRules {
            own,
            set: set.clone(),
            rules,
            buckets: self.buckets,
            by_bucket,
            any_routed,
            random: if random.is_empty() { senders.clone() } else { random },
            senders,
            calling_code: set.account.calling_code,
            hit_policy: set.hit_policy,
            maybe_mobile: set.fixed_line_or_mobile,
        })
    }

    fn rule(&mut self, i: usize, rule: &Rule) -> CompiledRule {
        let p = |field: &str| format!("rules[{i}].{field}");
        let limits = *self.limits;
        if rule.name.trim().is_empty() {
            self.problem(Some(i), p("name"), ProblemKind::EmptyName);
        }
        self.name_len(Some(i), p("name"), "the name", &rule.name);
        let w = &rule.when;
        let c = &w.caller;
        self.count(
            i,
            p("when.routed_to"),
            "routed-to numbers",
            w.routed_to.len(),
        );
        self.count(
            i,
            p("when.caller.numbers"),
            "caller numbers",
            c.numbers.len(),
        );
        self.count(i, p("when.caller.prefixes"), "prefixes", c.prefixes.len());
        self.count(i, p("when.caller.regions"), "regions", c.regions.len());
        self.count(
            i,
            p("when.caller.ivr_keys"),
            "IVR key sequences",
            c.ivr_keys.len(),
        );
        self.count(i, p("windows"), "windows", rule.windows.len());
        let routed_numbers =
            self.numbers(i, &p("when.routed_to"), &w.routed_to);
        let mut routed = Vec::with_capacity(routed_numbers.len());
        for n in routed_numbers {
            let next = self.buckets.len() as u32;
            routed.push(*self.buckets.entry(n).or_insert(next));
        }
        routed.sort_unstable();
        routed.dedup();
        let mut numbers =
            self.numbers(i, &p("when.caller.numbers"), &c.numbers);
        numbers.sort_unstable();
        numbers.dedup();
        let mut prefixes =
            self.numbers(i, &p("when.caller.prefixes"), &c.prefixes);
        prefixes.sort_unstable();
        prefixes.dedup();
        let mut regions = c.regions.clone();
        regions.sort_unstable();
        regions.dedup();
        let mut ivr = Vec::with_capacity(c.ivr_keys.len());
        for (k, keys) in c.ivr_keys.iter().enumerate() {
            if valid_ivr_keys(keys) {
                ivr.push(keys.clone());
            } else {
                self.problem(
                    Some(i),
                    p(&format!("when.caller.ivr_keys[{k}]")),
                    ProblemKind::InvalidIvrKeys { value: clip(keys) },
                );
            }
        }
        ivr.sort_unstable();
        ivr.dedup();
        if c.foreign.is_some() && self.set.account.calling_code.is_none() {
            self.problem(
                Some(i),
                p("when.caller.foreign"),
                ProblemKind::NoAccountCallingCode,
            );
        }
        if let Recipient::Group(g) = &rule.to {
            if g.trim().is_empty() {
                self.problem(Some(i), p("to.group"), ProblemKind::EmptyName);
            }
            self.name_len(Some(i), p("to.group"), "the group name", g);
        }
        for (k, name) in rule.windows.iter().enumerate() {
            if name.trim().is_empty() {
                self.problem(
                    Some(i),
                    p(&format!("windows[{k}]")),
                    ProblemKind::EmptyWindowName,
                );
            }
            self.name_len(
                Some(i),
                p(&format!("windows[{k}]")),
                "the window name",
                name,
            );
        }
        let text = &rule.message.text;
        if text.len() > limits.max_text_bytes {
            self.problem(
                Some(i),
                p("message.text"),
                ProblemKind::TooLong {
                    what: "the text",
                    len: text.len(),
                    limit: limits.max_text_bytes,
                },
            );
        }
        if rule.delay_secs > limits.max_delay_secs {
            self.problem(
                Some(i),
                p("delay_secs"),
                ProblemKind::TooLate {
                    secs: rule.delay_secs,
                    limit: limits.max_delay_secs,
                },
            );
        }
        if rule.min_interval_secs > limits.max_interval_secs {
            self.problem(
                Some(i),
                p("min_interval_secs"),
                ProblemKind::TooLate {
                    secs: rule.min_interval_secs,
                    limit: limits.max_interval_secs,
                },
            );
        }
        let sender = match &rule.sender {
            Sender::Number(n) => match parse_number(n) {
                Some(n) => SenderKind::Fixed(n),
                None => {
                    self.problem(
                        Some(i),
                        p("sender.number"),
                        ProblemKind::InvalidNumber { value: clip(n) },
                    );
                    SenderKind::Invalid
                }
            },
            Sender::Random => SenderKind::Random,
            Sender::Alphanumeric(a) => {
                if alphanumeric_sender_problems(a).is_empty() {
                    SenderKind::Fixed(a.clone())
                } else {
                    SenderKind::Invalid
                }
            }
        };
        let direction_bits = match w.direction {
            Some(d) => d.bit(),
            None => Direction::ALL.iter().fold(0, |b, d| b | d.bit()),
        };
        let status_bits = if w.status.is_empty() {
            CallStatus::ALL.iter().fold(0, |b, s| b | s.bit())
        } else {
            w.status.iter().fold(0, |b, s| b | s.bit())
        };
        CompiledRule {
            index: i,
            rule: rule.clone(),
            direction_bits,
            status_bits,
            routed,
            min_secs: w.duration.min_secs,
            max_secs: w.duration.max_secs.unwrap_or(u32::MAX),
            number_hashes: {
                let mut h: Vec<u64> =
                    numbers.iter().map(|n| hash(n.as_bytes())).collect();
                h.sort_unstable();
                h
            },
            numbers,
            prefixes,
            regions,
            foreign: c.foreign,
            ivr,
            sender,
            delay: TimeDelta::seconds(i64::from(rule.delay_secs)),
            interval: TimeDelta::seconds(i64::from(rule.min_interval_secs)),
            name_hash: Fnv1a::new().field(rule.name.as_bytes()).finish(),
        }
    }
}

/// A value for an error message: at most 64 characters of it.
fn clip(s: &str) -> String {
    match s.char_indices().nth(64) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

impl IntervalScope {
    pub(crate) fn rule_key<'r>(&self, name: &'r str) -> Option<&'r str> {
        match self {
            IntervalScope::Rule => Some(name),
            IntervalScope::AllRules => None,
        }
    }
}
