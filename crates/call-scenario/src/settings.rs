//! The human-writable settings of a number (serde): its name, a scenario
//! per schedule interval, and named shared nodes.

use std::collections::BTreeMap;

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Problem, ProblemKind};
use crate::path;
use crate::values::{DepartmentWait, ForwardWait, Key, ParseValueError, Step};

/// The settings of one phone number: a display name, the scenario
/// of incoming calls for each schedule interval (keyed by the interval's
/// name, as `"Working time"`), and named nodes that scenarios can jump to
/// with `go_to`.
///
/// These are the settings as saved, possibly incomplete: a menu key with
/// no scenario yet is `null`. [`Number::new`](crate::Number::new) checks
/// them; the engine runs only checked settings.
///
/// Unknown fields are refused, and so is an interval, node name or menu
/// key written twice; fields left out take their defaults, and
/// defaults are left out when written, so settings read back equal.
///
/// Built in code with [`Settings::new`] and the `with_` setters, or by
/// filling the public fields of `Settings::default()`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Settings {
    /// The number's display name ("Название номера"); any text.
    #[serde(default)]
    pub name: String,
    /// The number's country (ISO 3166-1 alpha-2, as `"RU"`), for
    /// external numbers written in national form. Without it, external
    /// numbers are in E.164 (`+74952302222`); with a country whose
    /// national numbers have 10 digits (`RU`, `KZ`, `US`, `CA`), the
    /// 10-digit national form (`4952302222`) is read too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The scenario of each schedule interval, by interval name.
    #[serde(default, deserialize_with = "unique_intervals")]
    pub scenarios: BTreeMap<String, Node>,
    /// Shared scenarios that any node can continue with through
    /// `{"go_to": "name"}` (a "back to the main menu" key, for one). Not in
    /// the panel's form; they are what makes unreachable nodes and loops possible,
    /// and the check reports both.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_nodes"
    )]
    pub nodes: BTreeMap<String, Node>,
}

impl Settings {
    /// The longest text [`from_json`](Settings::from_json) reads: 8 MiB,
    /// far above 10,000 nodes with long prompts.
    pub const MAX_JSON: usize = 8 * 1024 * 1024;

    /// Settings named `name` with no scenario yet.
    ///
    /// # Example
    /// ```
    /// use call_scenario::{Node, NodeKind, Number, Prompt, Settings};
    /// let settings = Settings::new("Main line").with_scenario(
    ///     "Working time",
    ///     Node::new(NodeKind::Message(Prompt::text("Hello"))),
    /// );
    /// let number = Number::new(settings)?;
    /// assert_eq!(number.intervals().collect::<Vec<_>>(), ["Working time"]);
    /// # Ok::<(), call_scenario::Error>(())
    /// ```
    pub fn new(name: impl Into<String>) -> Settings {
        Settings { name: name.into(), ..Settings::default() }
    }

    /// The same settings with `node` as the scenario of `interval`
    /// (replacing one there was).
    pub fn with_scenario(
        mut self,
        interval: impl Into<String>,
        node: Node,
    ) -> Settings {
        self.scenarios.insert(interval.into(), node);
        self
    }

    /// The same settings with the number's country (ISO 3166-1 alpha-2,
    /// as `"RU"`), for external numbers in national form.
    pub fn with_country(mut self, country: impl Into<String>) -> Settings {
        self.country = Some(country.into());
        self
    }

    /// The same settings with the named node `name`, for `go_to`.
    pub fn with_node(
        mut self,
        name: impl Into<String>,
        node: Node,
    ) -> Settings {
        self.nodes.insert(name.into(), node);
        self
    }

    /// Reads settings from their JSON form (see the crate README for a
    /// complete example). Only reading: the content is checked by
    /// [`Number::new`](crate::Number::new).
    ///
    /// Text longer than [`Settings::MAX_JSON`] (8 MiB) is refused before
    /// it is parsed; reading is linear in the length of the text, and
    /// nesting is bounded (128 levels of JSON).
    ///
    /// # Errors
    /// Text longer than [`Settings::MAX_JSON`]; empty text; a syntax or
    /// type error, an unknown field, or a value outside its allowed set,
    /// with the path of the bad value
    /// (`scenarios["Working time"].menu.keys["1"].forward_to_employee.wait`)
    /// and its line and column.
    pub fn from_json(json: &str) -> Result<Settings, Error> {
        if json.len() > Settings::MAX_JSON {
            return Err(Error::one(
                "",
                ProblemKind::TooLarge {
                    bytes: json.len(),
                    limit: Settings::MAX_JSON,
                },
            ));
        }
        match json.trim_start().chars().next() {
            None => return Err(Error::one("", ProblemKind::Empty)),
            Some('{') => {}
            // serde would read a list as the fields in order; only the
            // documented object form is settings.
            Some(_) => return Err(Error::one("", ProblemKind::NotAnObject)),
        }
        let mut de = serde_json::Deserializer::from_str(json);
        let settings: Settings = serde_path_to_error::deserialize(&mut de)
            .map_err(|e| {
                let path = path::render(e.path());
                let depth = path::node_depth(e.path());
                let first = syntax(path, &e.into_inner(), depth);
                // Reading stops at the first bad value; every value outside
                // its closed set is found by a second look at the document,
                // so a file with several is reported at once.
                let mut problems = closed_set_problems(json);
                if !problems.iter().any(|p| p.path == first.path) {
                    problems.insert(0, first);
                }
                Error::new(problems)
            })?;
        de.end()
            .map_err(|e| Error::new(vec![syntax(String::new(), &e, 0)]))?;
        Ok(settings)
    }

    /// The JSON form, pretty-printed; [`from_json`](Self::from_json) reads
    /// it back equal.
    ///
    /// Written without recursion, in time and memory linear in the size
    /// of the settings, so settings of any depth built in code are
    /// written. Indentation stops growing at 128 levels (what the JSON
    /// reader accepts), so the text of a deep tree stays linear in its
    /// size; reading back is bounded by the reader's nesting limit.
    pub fn to_json(&self) -> String {
        crate::json::write(self, true)
    }
}

/// A reading error at `path`, with the parser's line and column apart
/// from its words.
///
/// `depth` is how many nodes deep the path is, for the message of a tree
/// nested deeper than the reader goes.
fn syntax(path: String, e: &serde_json::Error, depth: usize) -> Problem {
    let mut message = e.to_string();
    let place = (e.line() > 0).then(|| (e.line(), e.column()));
    if let Some((line, column)) = place {
        let suffix = format!(" at line {line} column {column}");
        if message.ends_with(&suffix) {
            message.truncate(message.len() - suffix.len());
        }
    }
    let kind = if message == "recursion limit exceeded" {
        ProblemKind::TooDeepToRead { nodes: depth }
    } else if message.starts_with("EOF while parsing") {
        ProblemKind::Syntax {
            message: "the text ends before the settings do: a `}`, `]` \
                      or `\"` is missing"
                .to_string(),
        }
    } else {
        let message = crate::words::plain(&message, &path);
        ProblemKind::Syntax { message }
    };
    Problem::error(path, kind).at(place)
}

/// Every value of the document outside its closed set (menu keys, answer
/// waits, distributions and steps), each with its path; nothing for a
/// document that is not JSON (reading reports that). Only the places the
/// format gives those values are looked at: other mistakes are left to
/// reading.
fn closed_set_problems(json: &str) -> Vec<Problem> {
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(json) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for map in ["scenarios", "nodes"] {
        if let Some(nodes) = doc.get(map).and_then(|v| v.as_object()) {
            for (name, node) in nodes {
                let mut at = String::new();
                path::field(&mut at, map);
                path::key(&mut at, name);
                closed_in_node(node, &at, 0, &mut out);
            }
        }
    }
    out
}

/// A problem if `body.field` is a string outside `T`'s closed set.
fn closed_value<T>(
    body: &serde_json::Value,
    field: &str,
    at: &str,
    out: &mut Vec<Problem>,
) where
    T: core::str::FromStr<Err = ParseValueError>,
{
    let Some(text) = body.get(field).and_then(|v| v.as_str()) else {
        return;
    };
    if let Err(e) = text.parse::<T>() {
        let message = e.to_string();
        let mut p = at.to_string();
        path::field(&mut p, field);
        out.push(Problem::error(p, ProblemKind::Syntax { message }));
    }
}

/// Deeper than any tree the limits allow (`Limits::max_depth` is 32):
/// the walk stops there instead of recursing without end.
const WALK_DEPTH: usize = 256;

fn closed_in_node(
    node: &serde_json::Value,
    at: &str,
    depth: usize,
    out: &mut Vec<Problem>,
) {
    let Some(node) = node.as_object() else { return };
    if depth > WALK_DEPTH {
        return;
    }
    for (kind, body) in node {
        let mut kind_at = at.to_string();
        path::field(&mut kind_at, kind);
        match kind.as_str() {
            "then" => closed_in_node(body, &kind_at, depth + 1, out),
            "forward_to_number" | "forward_to_employee" => {
                closed_value::<ForwardWait>(body, "wait", &kind_at, out);
            }
            "forward_to_department" => {
                closed_value::<DepartmentWait>(body, "wait", &kind_at, out);
                closed_value::<Step>(body, "step", &kind_at, out);
                closed_value::<DistributionName>(
                    body,
                    "distribution",
                    &kind_at,
                    out,
                );
            }
            "menu" => {
                if let Some(keys) =
                    body.get("keys").and_then(|k| k.as_object())
                {
                    for (key, branch) in keys {
                        let mut key_at = kind_at.clone();
                        path::field(&mut key_at, "keys");
                        path::key(&mut key_at, key);
                        if let Err(e) = key.parse::<Key>() {
                            let message = e.to_string();
                            out.push(Problem::error(
                                key_at.clone(),
                                ProblemKind::Syntax { message },
                            ));
                        }
                        closed_in_node(branch, &key_at, depth + 1, out);
                    }
                }
                if let Some(branch) = body.get("nothing_selected") {
                    let mut branch_at = kind_at.clone();
                    path::field(&mut branch_at, "nothing_selected");
                    closed_in_node(branch, &branch_at, depth + 1, out);
                }
            }
            _ => {}
        }
    }
}

/// One step of a scenario and, for the kinds that allow it, the scenario
/// that continues after it (the "+" under a branch in the panel).
///
/// In files a node is an object with exactly one kind field and an
/// optional `then`:
///
/// ```json
/// { "forward_to_employee": { "employee": "anna", "wait": "20s" },
///   "then": { "voicemail": { "send_to": [{ "employee": "anna" }] } } }
/// ```
///
/// Every operation on a tree of nodes (`clone`, `==`, `Debug`, dropping,
/// [`Settings::to_json`], [`Settings::copy_to`], checking) works without
/// recursion, so a tree of any depth built in code is safe; serde's
/// `Serialize` (for formats other than [`Settings::to_json`]) refuses a
/// tree nested deeper than [`Node::SERIALIZE_DEPTH`] with an error.
#[derive(Deserialize)]
#[serde(try_from = "RawNode")]
pub struct Node {
    pub(crate) kind: NodeKind,
    pub(crate) then: Option<Box<Node>>,
}

impl Node {
    /// A node of this kind with no continuation.
    pub fn new(kind: NodeKind) -> Node {
        Node { kind, then: None }
    }

    /// The same node continuing with `next`: after a message, or when a
    /// forward is not answered. Menus (which continue through their
    /// keys), voicemail, fax and `go_to` cannot continue; the check
    /// reports a `then` on them.
    pub fn then(mut self, next: Node) -> Node {
        self.then = Some(Box::new(next));
        self
    }

    /// What the node does.
    pub fn kind(&self) -> &NodeKind {
        &self.kind
    }

    /// What the node does, to change it.
    pub fn kind_mut(&mut self) -> &mut NodeKind {
        &mut self.kind
    }

    /// What happens next, if anything (see [`then`](Node::then)).
    pub fn next(&self) -> Option<&Node> {
        self.then.as_deref()
    }

    /// What happens next, to change it.
    pub fn next_mut(&mut self) -> Option<&mut Node> {
        self.then.as_deref_mut()
    }

    /// Replaces what happens next; returns what was there.
    pub fn set_next(&mut self, next: Option<Node>) -> Option<Node> {
        core::mem::replace(&mut self.then, next.map(Box::new)).map(|b| *b)
    }
}

/// The node kinds of the panel, each with exactly its parameters,
/// and `go_to`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NodeKind {
    /// "Сообщение": a text read by text-to-speech, or an audio file.
    Message(Prompt),
    /// "Меню самообслуживания".
    Menu(Menu),
    /// "Направить на внешний номер".
    ForwardToNumber(ForwardToNumber),
    /// "Направить на сотрудника".
    ForwardToEmployee(ForwardToEmployee),
    /// "Направить на отдел".
    ForwardToDepartment(ForwardToDepartment),
    /// "Автоответчик": record a message and e-mail it.
    Voicemail(Mailbox),
    /// "Факс": receive a fax and e-mail it.
    Fax(Mailbox),
    /// Continue with a named node of [`Settings::nodes`].
    GoTo(String),
}

impl NodeKind {
    /// The field name of the kind in files, as `forward_to_employee`.
    pub fn name(&self) -> &'static str {
        match self {
            NodeKind::Message(_) => "message",
            NodeKind::Menu(_) => "menu",
            NodeKind::ForwardToNumber(_) => "forward_to_number",
            NodeKind::ForwardToEmployee(_) => "forward_to_employee",
            NodeKind::ForwardToDepartment(_) => "forward_to_department",
            NodeKind::Voicemail(_) => "voicemail",
            NodeKind::Fax(_) => "fax",
            NodeKind::GoTo(_) => "go_to",
        }
    }

    /// Whether a `then` is allowed: after a message, and after a forward
    /// that is not answered.
    pub fn can_continue(&self) -> bool {
        matches!(
            self,
            NodeKind::Message(_)
                | NodeKind::ForwardToNumber(_)
                | NodeKind::ForwardToEmployee(_)
                | NodeKind::ForwardToDepartment(_)
        )
    }
}

/// What a caller hears: text for the "robot" to read ("Текст в голос"), or
/// an audio file the user uploaded ("Аудиофайл"). In files
/// `{"text": "..."}` or `{"audio": "file.mp3"}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", try_from = "RawPrompt")]
#[non_exhaustive]
pub enum Prompt {
    /// Read aloud by text-to-speech.
    Text(String),
    /// An uploaded audio file, by the host's name for it.
    Audio(String),
}

impl Prompt {
    /// Text read aloud by text-to-speech.
    pub fn text(text: impl Into<String>) -> Prompt {
        Prompt::Text(text.into())
    }

    /// An uploaded audio file, by the host's name for it.
    pub fn audio(file: impl Into<String>) -> Prompt {
        Prompt::Audio(file.into())
    }
}

/// A self-service menu (IVR): a prompt, the keys offered each with its own
/// scenario, a scenario for "nothing selected", and whether the caller may
/// dial an internal extension instead ("Донабор внутреннего номера").
///
/// Built in code with [`Menu::new`] and the `with_` setters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Menu {
    /// The menu message.
    pub prompt: Prompt,
    /// The keys offered ("галочки") and each key's scenario; `null` for a
    /// key offered with no scenario yet, which the check refuses.
    #[serde(default, deserialize_with = "unique_keys")]
    pub keys: BTreeMap<Key, Option<Node>>,
    /// The scenario when the caller selects nothing ("Ничего не
    /// выбрано"); required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nothing_selected: Option<Box<Node>>,
    /// Whether the caller may dial an employee's internal extension.
    #[serde(default, skip_serializing_if = "is_false")]
    pub extension_dialing: bool,
}

impl Menu {
    /// A menu playing `prompt`, with no key, no "nothing selected"
    /// scenario yet and no extension dialing.
    pub fn new(prompt: Prompt) -> Menu {
        Menu {
            prompt,
            keys: BTreeMap::new(),
            nothing_selected: None,
            extension_dialing: false,
        }
    }

    /// The same menu offering `key`, with its scenario.
    pub fn with_key(mut self, key: Key, node: Node) -> Menu {
        self.keys.insert(key, Some(node));
        self
    }

    /// The same menu with `node` when nothing is selected.
    pub fn with_nothing_selected(mut self, node: Node) -> Menu {
        self.nothing_selected = Some(Box::new(node));
        self
    }

    /// The same menu with extension dialing on or off.
    pub fn with_extension_dialing(mut self, on: bool) -> Menu {
        self.extension_dialing = on;
        self
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Reads a map whose keys must be unique: a name written twice is an
/// error at that entry, where serde's maps would keep the last one and
/// silently drop the other scenario.
fn unique_map<'de, D, K, V>(
    d: D,
    what: &'static str,
) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + fmt::Display,
    V: Deserialize<'de>,
{
    struct Unique<K, V> {
        what: &'static str,
        kv: PhantomData<(K, V)>,
    }

    /// Fails as the value of the repeated entry, so the error's path
    /// ends at that entry.
    struct Repeated(String);

    impl<'de> DeserializeSeed<'de> for Repeated {
        type Value = ();

        fn deserialize<D: Deserializer<'de>>(
            self,
            _: D,
        ) -> Result<(), D::Error> {
            Err(de::Error::custom(self.0))
        }
    }

    impl<'de, K, V> Visitor<'de> for Unique<K, V>
    where
        K: Deserialize<'de> + Ord + fmt::Display,
        V: Deserialize<'de>,
    {
        type Value = BTreeMap<K, V>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a map of {}s", self.what)
        }

        fn visit_map<A: MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<BTreeMap<K, V>, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(k) = map.next_key::<K>()? {
                if out.contains_key(&k) {
                    let name = k.to_string();
                    let message = format!(
                        "{} {} is written twice; keep one (the second \
                         would replace the first)",
                        self.what,
                        // Keys are one character; names may hold spaces.
                        if self.what == "key" {
                            name
                        } else {
                            format!("{name:?}")
                        }
                    );
                    map.next_value_seed(Repeated(message))?;
                    return Err(de::Error::custom("duplicate entry"));
                }
                let v = map.next_value()?;
                out.insert(k, v);
            }
            Ok(out)
        }
    }

    d.deserialize_map(Unique { what, kv: PhantomData })
}

fn unique_intervals<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, Node>, D::Error> {
    unique_map(d, "interval")
}

fn unique_nodes<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, Node>, D::Error> {
    unique_map(d, "node")
}

fn unique_keys<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<Key, Option<Node>>, D::Error> {
    let all: BTreeMap<MenuKey, Option<Node>> = unique_map(d, "key")?;
    Ok(all
        .into_iter()
        .filter_map(|(k, v)| match k {
            MenuKey::Known(k) => Some((k, v)),
            MenuKey::Unknown(_) => None,
        })
        .collect())
}

/// A menu key as read: a key, or, when reading leniently, the spelling
/// of one that is not (reported by the look at the whole document).
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum MenuKey {
    Known(Key),
    Unknown(String),
}

impl fmt::Display for MenuKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MenuKey::Known(k) => write!(f, "{k}"),
            MenuKey::Unknown(s) => write!(f, "{s:?}"),
        }
    }
}

impl<'de> Deserialize<'de> for MenuKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<MenuKey, D::Error> {
        let s = String::deserialize(d)?;
        match s.parse::<Key>() {
            Ok(k) => Ok(MenuKey::Known(k)),
            Err(_) if lenient() => Ok(MenuKey::Unknown(s)),
            Err(e) => Err(de::Error::custom(e)),
        }
    }
}

std::thread_local! {
    /// Whether values outside their closed sets are read as stand-ins
    /// (see [`read_all`]).
    static LENIENT: core::cell::Cell<bool> = const { core::cell::Cell::new(false) };
}

/// Whether reading is lenient on this thread.
pub(crate) fn lenient() -> bool {
    LENIENT.with(core::cell::Cell::get)
}

/// Reads settings for checking them whole: when reading stops only at
/// values outside their closed sets, those are reported and read again
/// as stand-ins (a key left out, the first wait or step of its set), so
/// that the rest of the settings can be checked in the same pass. Any
/// other reading error comes alone, as from [`Settings::from_json`].
pub(crate) fn read_all(json: &str) -> Result<(Settings, Vec<Problem>), Error> {
    let strict = match Settings::from_json(json) {
        Ok(s) => return Ok((s, Vec::new())),
        Err(e) => e,
    };
    let closed = closed_set_problems(json);
    let only_closed = !closed.is_empty()
        && strict
            .problems()
            .iter()
            .all(|p| closed.iter().any(|c| c.path == p.path));
    if !only_closed {
        return Err(strict);
    }
    struct Lenient;
    impl Drop for Lenient {
        fn drop(&mut self) {
            LENIENT.with(|l| l.set(false));
        }
    }
    LENIENT.with(|l| l.set(true));
    let guard = Lenient;
    let read = Settings::from_json(json);
    drop(guard);
    match read {
        Ok(s) => Ok((s, closed)),
        Err(_) => Err(strict),
    }
}

/// Forward to an external number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ForwardToNumber {
    /// Played to the caller before ringing (the switch "голосовое
    /// сообщение"; left out when off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub greeting: Option<Prompt>,
    /// The number: in E.164, as `+74952302222`, or, when the settings
    /// give a [`country`](Settings::country) with 10-digit national
    /// numbers, in national form, as `4952302222`. Spaces, dashes, dots
    /// and parentheses are allowed and dropped.
    pub number: String,
    /// How long it rings before counting as not answered.
    pub wait: ForwardWait,
}

/// Forward to an employee.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ForwardToEmployee {
    /// Played to the caller before ringing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub greeting: Option<Prompt>,
    /// The employee, by the host's id.
    pub employee: String,
    /// How long it rings before counting as not answered.
    pub wait: ForwardWait,
}

/// Forward to a department.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawDepartment", into = "RawDepartment")]
#[non_exhaustive]
pub struct ForwardToDepartment {
    /// Played to the caller before ringing.
    pub greeting: Option<Prompt>,
    /// The department, by the host's id.
    pub department: String,
    /// How the members are rung.
    pub distribution: Distribution,
    /// How long the department rings in all before counting as not
    /// answered.
    pub wait: DepartmentWait,
}

impl ForwardToNumber {
    /// Ring `number` for `wait`, with no greeting.
    pub fn new(number: impl Into<String>, wait: ForwardWait) -> Self {
        ForwardToNumber { greeting: None, number: number.into(), wait }
    }

    /// The same forward with a greeting played before ringing.
    pub fn with_greeting(mut self, greeting: Prompt) -> Self {
        self.greeting = Some(greeting);
        self
    }
}

impl ForwardToEmployee {
    /// Ring `employee` (the host's id) for `wait`, with no greeting.
    pub fn new(employee: impl Into<String>, wait: ForwardWait) -> Self {
        ForwardToEmployee { greeting: None, employee: employee.into(), wait }
    }

    /// The same forward with a greeting played before ringing.
    pub fn with_greeting(mut self, greeting: Prompt) -> Self {
        self.greeting = Some(greeting);
        self
    }
}

impl ForwardToDepartment {
    /// Ring `department` (the host's id) by `distribution` for `wait` in
    /// all, with no greeting.
    pub fn new(
        department: impl Into<String>,
        distribution: Distribution,
        wait: DepartmentWait,
    ) -> Self {
        ForwardToDepartment {
            greeting: None,
            department: department.into(),
            distribution,
            wait,
        }
    }

    /// The same forward with a greeting played before ringing.
    pub fn with_greeting(mut self, greeting: Prompt) -> Self {
        self.greeting = Some(greeting);
        self
    }
}

/// How a department's members are rung ("Распределение звонков"). In
/// files `"distribution": "in_turn", "step": "10s"`; the step is required
/// for `in_turn` and `cumulative` and refused for `all_at_once`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Distribution {
    /// "Всем сразу": every available member at once.
    AllAtOnce,
    /// "По очереди": the first available member, then after each step the
    /// next one in the department's order, back to the top after the last.
    InTurn(Step),
    /// "По нарастающей": the first member, then after each step one more
    /// is added while the others keep ringing.
    Cumulative(Step),
}

impl Distribution {
    /// The spelling in files: `all_at_once`, `in_turn`, `cumulative`.
    pub fn name(self) -> &'static str {
        match self {
            Distribution::AllAtOnce => "all_at_once",
            Distribution::InTurn(_) => "in_turn",
            Distribution::Cumulative(_) => "cumulative",
        }
    }

    /// The step, for `in_turn` and `cumulative`.
    pub fn step(self) -> Option<Step> {
        match self {
            Distribution::AllAtOnce => None,
            Distribution::InTurn(s) | Distribution::Cumulative(s) => Some(s),
        }
    }
}

/// `all_at_once`, or the name and the step: `in_turn 10s`,
/// `cumulative 5s` (what `FromStr` reads).
impl fmt::Display for Distribution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.step() {
            None => f.write_str(self.name()),
            Some(step) => write!(f, "{} {step}", self.name()),
        }
    }
}

impl core::str::FromStr for Distribution {
    type Err = ParseValueError;

    /// `all_at_once`, `in_turn STEP` or `cumulative STEP`, STEP one of
    /// `5s` … `30s` by 5, separated by one space.
    fn from_str(s: &str) -> Result<Distribution, ParseValueError> {
        let bad = || {
            ParseValueError::new(
                "distribution",
                s,
                "\"all_at_once\", \"in_turn STEP\" or \"cumulative STEP\" \
                 with STEP one of \"5s\", \"10s\", \"15s\", \"20s\", \
                 \"25s\", \"30s\""
                    .to_string(),
            )
        };
        let (name, step) = match s.split_once(' ') {
            Some((name, step)) => {
                (name, Some(step.parse::<Step>().map_err(|_| bad())?))
            }
            None => (s, None),
        };
        match (name.parse::<DistributionName>().map_err(|_| bad())?, step) {
            (DistributionName::AllAtOnce, None) => Ok(Distribution::AllAtOnce),
            (DistributionName::InTurn, Some(s)) => Ok(Distribution::InTurn(s)),
            (DistributionName::Cumulative, Some(s)) => {
                Ok(Distribution::Cumulative(s))
            }
            _ => Err(bad()),
        }
    }
}

/// Voicemail or fax: an optional greeting, then the recording or fax is
/// sent to the e-mails of the chosen employees and departments and to an
/// external e-mail.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Mailbox {
    /// Played to the caller before recording or receiving.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub greeting: Option<Prompt>,
    /// Employees and departments whose e-mails receive it ("Отправить
    /// сообщение"; the host knows their addresses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub send_to: Vec<DirectoryId>,
    /// An e-mail not on any employee ("Отправлять сообщение на внешний
    /// e-mail").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_email: Option<String>,
}

impl Mailbox {
    /// No greeting, no recipient (the check refuses it until one is
    /// added).
    pub fn new() -> Mailbox {
        Mailbox::default()
    }

    /// The same mailbox with a greeting played first.
    pub fn with_greeting(mut self, greeting: Prompt) -> Mailbox {
        self.greeting = Some(greeting);
        self
    }

    /// The same mailbox also sent to `recipient`.
    pub fn with_recipient(mut self, recipient: DirectoryId) -> Mailbox {
        self.send_to.push(recipient);
        self
    }

    /// The same mailbox also sent to the external address `email`.
    pub fn with_external_email(mut self, email: impl Into<String>) -> Self {
        self.external_email = Some(email.into());
        self
    }
}

/// An employee or a department, by the host's id. In files
/// `{"employee": "anna"}` or `{"department": "sales"}`.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case", try_from = "RawDirectoryId")]
#[non_exhaustive]
pub enum DirectoryId {
    /// An employee.
    Employee(String),
    /// A department (every member's e-mail).
    Department(String),
}

/// A prompt as read: serde's own form of `Prompt` answers an empty object
/// or a second field with a bare "expected value".
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(expecting = "a prompt: {\"text\": ...} or {\"audio\": file}")]
struct RawPrompt {
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    audio: Option<String>,
}

impl TryFrom<RawPrompt> for Prompt {
    type Error = &'static str;

    fn try_from(raw: RawPrompt) -> Result<Prompt, &'static str> {
        match (raw.text, raw.audio) {
            (Some(t), None) => Ok(Prompt::Text(t)),
            (None, Some(a)) => Ok(Prompt::Audio(a)),
            (Some(_), Some(_)) => {
                Err("a prompt is either `text` or `audio`, \
                                       not both; keep one")
            }
            (None, None) => Err("a prompt needs `text` (read by \
                                 text-to-speech) or `audio` (a file name)"),
        }
    }
}

/// A recipient as read, for the same reason as [`RawPrompt`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(expecting = "a recipient: {\"employee\": id} or {\"department\": id}")]
struct RawDirectoryId {
    #[serde(default)]
    employee: Option<String>,
    #[serde(default)]
    department: Option<String>,
}

impl TryFrom<RawDirectoryId> for DirectoryId {
    type Error = &'static str;

    fn try_from(raw: RawDirectoryId) -> Result<DirectoryId, &'static str> {
        match (raw.employee, raw.department) {
            (Some(e), None) => Ok(DirectoryId::Employee(e)),
            (None, Some(d)) => Ok(DirectoryId::Department(d)),
            (Some(_), Some(_)) => Err("a recipient is either an `employee` \
                                       or a `department`; add another \
                                       recipient for the second"),
            (None, None) => Err("a recipient needs `employee` or \
                                 `department`"),
        }
    }
}

/// A node as written: one optional field per kind, so unknown fields are
/// refused and a missing or doubled kind gets a clear error.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(
    expecting = "a node: an object with one kind field and an optional `then`"
)]
struct RawNode {
    #[serde(default)]
    message: Option<Prompt>,
    #[serde(default)]
    menu: Option<Menu>,
    #[serde(default)]
    forward_to_number: Option<ForwardToNumber>,
    #[serde(default)]
    forward_to_employee: Option<ForwardToEmployee>,
    #[serde(default)]
    forward_to_department: Option<ForwardToDepartment>,
    #[serde(default)]
    voicemail: Option<Mailbox>,
    #[serde(default)]
    fax: Option<Mailbox>,
    #[serde(default)]
    go_to: Option<String>,
    #[serde(default)]
    then: Option<Box<Node>>,
}

const KINDS: &str = "message, menu, forward_to_number, \
                     forward_to_employee, forward_to_department, voicemail, \
                     fax or go_to";

impl TryFrom<RawNode> for Node {
    type Error = String;

    fn try_from(raw: RawNode) -> Result<Node, String> {
        let mut kinds = Vec::new();
        if let Some(p) = raw.message {
            kinds.push(NodeKind::Message(p));
        }
        if let Some(m) = raw.menu {
            kinds.push(NodeKind::Menu(m));
        }
        if let Some(f) = raw.forward_to_number {
            kinds.push(NodeKind::ForwardToNumber(f));
        }
        if let Some(f) = raw.forward_to_employee {
            kinds.push(NodeKind::ForwardToEmployee(f));
        }
        if let Some(f) = raw.forward_to_department {
            kinds.push(NodeKind::ForwardToDepartment(f));
        }
        if let Some(m) = raw.voicemail {
            kinds.push(NodeKind::Voicemail(m));
        }
        if let Some(m) = raw.fax {
            kinds.push(NodeKind::Fax(m));
        }
        if let Some(g) = raw.go_to {
            kinds.push(NodeKind::GoTo(g));
        }
        if kinds.len() > 1 {
            let names: Vec<&str> = kinds.iter().map(NodeKind::name).collect();
            return Err(format!(
                "a node has exactly one kind, this one has {}; put the \
                 second one in `then` or in a menu key",
                names.join(" and ")
            ));
        }
        match kinds.pop() {
            Some(kind) => Ok(Node { kind, then: raw.then }),
            None => Err(format!("a node needs one of {KINDS}")),
        }
    }
}

/// A department forward as written: the distribution's name and its step
/// side by side.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(
    expecting = "a department forward: an object with `department`, `distribution`, `wait`"
)]
struct RawDepartment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    greeting: Option<Prompt>,
    department: String,
    distribution: DistributionName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    step: Option<Step>,
    wait: DepartmentWait,
}

#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
enum DistributionName {
    AllAtOnce,
    InTurn,
    Cumulative,
    /// Not one of the names, read leniently: in turn with a step, else
    /// all at once.
    #[serde(skip)]
    Unknown,
}

impl<'de> Deserialize<'de> for DistributionName {
    fn deserialize<D: Deserializer<'de>>(
        d: D,
    ) -> Result<DistributionName, D::Error> {
        let s = String::deserialize(d)?;
        match s.parse() {
            Ok(n) => Ok(n),
            Err(_) if lenient() => Ok(DistributionName::Unknown),
            Err(e) => Err(de::Error::custom(e)),
        }
    }
}

/// The spellings `serde` reads, for the check of closed sets.
impl core::str::FromStr for DistributionName {
    type Err = ParseValueError;

    fn from_str(s: &str) -> Result<DistributionName, ParseValueError> {
        match s {
            "all_at_once" => Ok(DistributionName::AllAtOnce),
            "in_turn" => Ok(DistributionName::InTurn),
            "cumulative" => Ok(DistributionName::Cumulative),
            _ => Err(ParseValueError::one_of(
                "distribution",
                s,
                &["all_at_once", "in_turn", "cumulative"],
            )),
        }
    }
}

impl TryFrom<RawDepartment> for ForwardToDepartment {
    type Error = String;

    fn try_from(raw: RawDepartment) -> Result<ForwardToDepartment, String> {
        let steps = || {
            Step::ALL
                .iter()
                .map(|s| format!("{:?}", s.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let distribution = match (raw.distribution, raw.step) {
            (DistributionName::AllAtOnce, None) => Distribution::AllAtOnce,
            (DistributionName::AllAtOnce, Some(_)) => {
                return Err("`all_at_once` rings everyone at once and takes \
                            no `step`; remove it, or use `in_turn` or \
                            `cumulative`"
                    .to_string())
            }
            (DistributionName::InTurn, Some(s)) => Distribution::InTurn(s),
            (DistributionName::Cumulative, Some(s)) => {
                Distribution::Cumulative(s)
            }
            (DistributionName::Unknown, Some(s)) => Distribution::InTurn(s),
            (DistributionName::Unknown, None) => Distribution::AllAtOnce,
            (name, None) => {
                let name = match name {
                    DistributionName::InTurn => "in_turn",
                    _ => "cumulative",
                };
                return Err(format!(
                    "`{name}` needs a `step`, one of {}",
                    steps()
                ));
            }
        };
        Ok(ForwardToDepartment {
            greeting: raw.greeting,
            department: raw.department,
            distribution,
            wait: raw.wait,
        })
    }
}

impl From<ForwardToDepartment> for RawDepartment {
    fn from(f: ForwardToDepartment) -> RawDepartment {
        let distribution = match f.distribution {
            Distribution::AllAtOnce => DistributionName::AllAtOnce,
            Distribution::InTurn(_) => DistributionName::InTurn,
            Distribution::Cumulative(_) => DistributionName::Cumulative,
        };
        RawDepartment {
            greeting: f.greeting,
            department: f.department,
            distribution,
            step: f.distribution.step(),
            wait: f.wait,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syntax(json: &str) -> (String, String) {
        let e = Settings::from_json(json).unwrap_err();
        let p = &e.problems()[0];
        (p.path.clone(), p.kind.to_string())
    }

    #[test]
    fn reads_every_kind_and_writes_back_equal() {
        let json = r##"{
          "name": "Sales line",
          "scenarios": {
            "Working time": {
              "menu": {
                "prompt": { "audio": "menu.mp3" },
                "keys": {
                  "1": { "forward_to_department": { "greeting": { "text": "Connecting" },
                         "department": "sales", "distribution": "in_turn",
                         "step": "10s", "wait": "1min" },
                         "then": { "voicemail": { "send_to": [{ "department": "sales" }] } } },
                  "2": { "forward_to_employee": { "employee": "anna", "wait": "20s" },
                         "then": { "go_to": "main" } },
                  "3": { "forward_to_number": { "number": "4952302222", "wait": "1min" } },
                  "9": { "fax": { "external_email": "fax@example.com" } },
                  "#": null
                },
                "nothing_selected": { "message": { "text": "Bye" } },
                "extension_dialing": true
              }
            },
            "Non-working time": { "message": { "text": "Closed" } }
          },
          "nodes": { "main": { "message": { "text": "Main" } } }
        }"##;
        let s = Settings::from_json(json).unwrap();
        assert_eq!(s.name, "Sales line");
        let NodeKind::Menu(m) = &s.scenarios["Working time"].kind else {
            panic!("not a menu")
        };
        assert_eq!(m.keys.len(), 5);
        assert_eq!(m.keys[&Key::Hash], None);
        let Some(Some(one)) = m.keys.get(&Key::D1) else { panic!() };
        let NodeKind::ForwardToDepartment(d) = &one.kind else { panic!() };
        assert_eq!(d.distribution, Distribution::InTurn(Step::S10));
        assert_eq!(d.wait, DepartmentWait::M1);
        let back = Settings::from_json(&s.to_json()).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn errors_name_the_node_path() {
        let (path, msg) = syntax(
            r#"{"scenarios": {"Working time": {"menu": {"prompt": {"text": "x"},
               "keys": {"1": {"forward_to_employee": {"employee": "a", "wait": "25s"}}}}}}}"#,
        );
        assert_eq!(
            path,
            r#"scenarios["Working time"].menu.keys["1"].forward_to_employee.wait"#
        );
        assert!(msg.contains("expected one of \"10s\""), "{msg}");

        let (path, msg) = syntax(
            r#"{"scenarios": {"Working time": {"message": {"text": "x"}, "colour": 1}}}"#,
        );
        assert_eq!(path, r#"scenarios["Working time"].colour"#);
        assert!(msg.contains("unknown field `colour`"), "{msg}");

        let (path, msg) = syntax(
            r#"{"scenarios": {"Working time": {"message": {"text": "x"}, "fax": {}}}}"#,
        );
        assert_eq!(path, r#"scenarios["Working time"]"#);
        assert!(msg.contains("message and fax"), "{msg}");

        let (_, msg) = syntax(r#"{"scenarios": {"Working time": {}}}"#);
        assert!(msg.contains("a node needs one of message, menu"), "{msg}");

        let (path, msg) = syntax(
            r#"{"nodes": {"x": {"forward_to_department": {"department": "d",
                "distribution": "cumulative", "wait": "1min"}}}}"#,
        );
        assert_eq!(path, r#"nodes["x"].forward_to_department"#);
        assert!(msg.contains("`cumulative` needs a `step`"), "{msg}");

        let (_, msg) = syntax(
            r#"{"nodes": {"x": {"forward_to_department": {"department": "d",
                "distribution": "all_at_once", "step": "5s", "wait": "15s"}}}}"#,
        );
        assert!(msg.contains("takes no `step`"), "{msg}");

        let (path, msg) = syntax(
            r#"{"nodes": {"x": {"menu": {"prompt": {"text": "x"}, "keys": {"A": null}}}}}"#,
        );
        assert_eq!(path, r#"nodes["x"].menu.keys["A"]"#);
        assert!(msg.contains("invalid key \"A\""), "{msg}");

        let (path, msg) = syntax(r#"{"name": "x"} trailing"#);
        assert_eq!(path, "");
        assert!(msg.contains("trailing"), "{msg}");

        // The parser's place is apart from its words.
        let e = Settings::from_json("{\n  \"name\": 1\n}").unwrap_err();
        let p = &e.problems()[0];
        assert_eq!(p.line_column(), Some((2, 11)));
        assert_eq!(
            p.to_string(),
            "name: expected text in quotes, found the number 1 (line 2, \
             column 11)"
        );
    }

    #[test]
    fn prompts_and_recipients_say_what_is_wrong() {
        // serde's own enum form answered each of these with a bare
        // "expected value at line 1 column N".
        let msg = |json: &str| {
            let (path, msg) = syntax(json);
            (path, msg.split(" at line").next().unwrap_or("").to_string())
        };
        let m = r#"scenarios["W"].message"#;
        for (prompt, want) in [
            (
                r#"{"text": "a", "audio": "b.mp3"}"#,
                "a prompt is either `text` or `audio`, not both; keep one",
            ),
            (
                "{}",
                "a prompt needs `text` (read by text-to-speech) or `audio` \
                 (a file name)",
            ),
            (
                r#"{"text": "a", "colour": 1}"#,
                "unknown field `colour`, expected `text` or `audio`",
            ),
        ] {
            let json = format!(
                r#"{{"scenarios": {{"W": {{"message": {prompt}}}}}}}"#
            );
            let (path, got) = msg(&json);
            assert!(path.starts_with(m), "{path}");
            assert_eq!(got, want);
        }
        let (path, got) =
            msg(r#"{"scenarios": {"W": {"voicemail": {"send_to":
                [{"employee": "a", "department": "b"}]}}}}"#);
        assert!(path.starts_with(r#"scenarios["W"].voicemail.send_to[0]"#));
        assert!(got.starts_with("a recipient is either"), "{got}");
        // The written form is unchanged.
        let p = Prompt::Audio("a.mp3".into());
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"audio":"a.mp3"}"#);
        let r = DirectoryId::Department("sales".into());
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"department":"sales"}"#
        );
    }

    #[test]
    fn type_errors_do_not_name_internal_types() {
        for (json, want) in [
            (
                r#"{"scenarios": {"W": null}}"#,
                "expected a node: an object with one kind field and an \
                 optional `then`, found null",
            ),
            (
                r#"{"scenarios": {"W": {"message": "hello"}}}"#,
                "expected a prompt: {\"text\": ...} or {\"audio\": file}, \
                 found the text \"hello\"",
            ),
            (
                r#"{"scenarios": {"W": {"voicemail": {"send_to": ["anna"]}}}}"#,
                "expected a recipient: {\"employee\": id} or \
                 {\"department\": id}, found the text \"anna\"",
            ),
            (
                r#"{"scenarios": {"W": {"forward_to_department": "sales"}}}"#,
                "expected a department forward: an object with \
                 `department`, `distribution`, `wait`, found the text \
                 \"sales\"",
            ),
        ] {
            let (_, msg) = syntax(json);
            assert!(!msg.contains("Raw"), "{msg}");
            assert_eq!(msg.split(" at line").next(), Some(want));
        }
    }

    #[test]
    fn empty_cut_and_oversized_text_in_plain_words() {
        let (_, msg) = syntax("  \n");
        assert_eq!(
            msg,
            "the settings are empty: write a JSON object, as \
                         {\"scenarios\": {...}}"
        );
        let (path, msg) =
            syntax(r#"{"scenarios": {"W": {"message": {"text": "#);
        assert_eq!(path, r#"scenarios["W"].message.text"#);
        assert_eq!(
            msg,
            "the text ends before the settings do: a `}`, `]` \
                         or `\"` is missing"
        );
        // A list is not settings, though serde would read it as the
        // fields in order.
        for list in ["[]", "[\"Main\", {}]", "7"] {
            let e = Settings::from_json(list).unwrap_err();
            assert_eq!(e.problems()[0].kind(), &ProblemKind::NotAnObject);
        }
        let big =
            format!(r#"{{"name": "{}"}}"#, "x".repeat(Settings::MAX_JSON));
        let e = Settings::from_json(&big).unwrap_err();
        assert_eq!(
            e.problems()[0].kind(),
            &ProblemKind::TooLarge {
                bytes: big.len(),
                limit: Settings::MAX_JSON
            }
        );
        let (_, msg) = syntax(
            r#"{"scenarios": {"W": {"forward_to_employee": {"employee": "a", "wait": 1}}}}"#,
        );
        assert!(
            msg.starts_with("expected an answer wait")
                && msg.ends_with("found the number 1"),
            "{msg}"
        );
    }

    #[test]
    fn deep_text_is_refused_in_the_crates_words() {
        // serde_json's own words were "recursion limit exceeded".
        let n = 100_000;
        let mut json = String::from(r#"{"scenarios": {"W": "#);
        for _ in 0..n {
            json.push_str(r#"{"message": {"text": "x"}, "then": "#);
        }
        json.push_str(r#"{"go_to": "a"}"#);
        for _ in 0..n {
            json.push('}');
        }
        json.push_str("}}");
        let e = Settings::from_json(&json).unwrap_err();
        assert_eq!(e.problems().len(), 1);
        let p = &e.problems()[0];
        assert!(p.path().starts_with(r#"scenarios["W"].then.then"#));
        let nodes = p.path().matches(".then").count() + 1;
        assert_eq!(p.kind(), &ProblemKind::TooDeepToRead { nodes });
        assert!(p.to_string().contains(&format!(
            "nested deeper than {nodes} nodes here; settings are read to \
             128 levels of JSON"
        )));
        assert!(p.line_column().is_some());
    }

    #[test]
    fn names_written_twice_are_refused_not_dropped() {
        // serde's maps keep the last of two equal keys: the first
        // scenario would be lost without a word.
        let (path, msg) = syntax(
            r#"{"scenarios": {"Working time": {"message": {"text": "a"}},
                              "Working time": {"message": {"text": "b"}}}}"#,
        );
        assert_eq!(path, r#"scenarios["Working time"]"#);
        assert!(
            msg.starts_with(
                "interval \"Working time\" is written twice; keep one (the \
                 second would replace the first)"
            ),
            "{msg}"
        );
        let (path, msg) = syntax(
            r#"{"scenarios": {"W": {"menu": {"prompt": {"text": "m"},
                "keys": {"1": {"message": {"text": "x"}}, "1": null},
                "nothing_selected": {"message": {"text": "b"}}}}}}"#,
        );
        assert_eq!(path, r#"scenarios["W"].menu.keys["1"]"#);
        assert!(msg.starts_with("key 1 is written twice"), "{msg}");
        let (path, msg) =
            syntax(r#"{"nodes": {"a": {"go_to": "a"}, "a": {"go_to": "a"}}}"#);
        assert_eq!(path, r#"nodes["a"]"#);
        assert!(msg.starts_with("node \"a\" is written twice"), "{msg}");
    }
    #[test]
    fn every_value_outside_its_set_is_reported_at_once() {
        let json = r#"{ "scenarios": {
            "Working time": { "menu": {
                "prompt": { "text": "Press 1" },
                "keys": {
                    "1": { "forward_to_employee": { "employee": "anna", "wait": "25s" } },
                    "A": { "message": { "text": "?" } },
                    "2": { "forward_to_department": { "department": "sales",
                        "distribution": "by_skill", "step": "3s", "wait": "1min" },
                        "then": { "forward_to_number": { "number": "4952302222", "wait": "2min" } } }
                },
                "nothing_selected": { "forward_to_department": { "department": "sales",
                    "distribution": "cumulative", "step": "5s", "wait": "1min" } } } } } }"#;
        let err = Settings::from_json(json).unwrap_err();
        let mut paths: Vec<&str> =
            err.problems().iter().map(|p| p.path.as_str()).collect();
        paths.sort_unstable();
        let menu = r#"scenarios["Working time"].menu.keys"#;
        let want = [
            format!(r#"{menu}["1"].forward_to_employee.wait"#),
            format!(r#"{menu}["2"].forward_to_department.distribution"#),
            format!(r#"{menu}["2"].forward_to_department.step"#),
            format!(r#"{menu}["2"].then.forward_to_number.wait"#),
            format!(r#"{menu}["A"]"#),
        ];
        assert_eq!(paths, want, "{err}");
        let text = err.to_string();
        assert!(text.contains(r#"invalid answer wait "25s""#), "{text}");
        assert!(text.contains(r#""1min""#), "the allowed values: {text}");
    }
}
