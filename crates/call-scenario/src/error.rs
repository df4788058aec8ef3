//! Errors and warnings, each with the path of the node it is about.

use core::fmt;

use serde::Serialize;

use core::str::FromStr;

use crate::values::{Key, ParseValueError};

/// Settings that could not be read or accepted, or a call that could not
/// go on: every problem found, each with where it is.
///
/// `Display` shows one problem on one line after what failed
/// (`invalid call scenario settings: PATH: PROBLEM`), or a count and one
/// numbered line per problem (at most 50, then how many more).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Error {
    #[serde(skip)]
    what: What,
    problems: Vec<Problem>,
}

/// What failed, for the first words of an error's `Display`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum What {
    /// Reading or checking settings.
    #[default]
    Settings,
    /// A call that could not start or go on.
    Call,
    /// A simulation script.
    Script,
}

impl What {
    fn words(self) -> &'static str {
        match self {
            What::Settings => "invalid call scenario settings",
            What::Call => "call scenario cannot run",
            What::Script => "invalid simulation script",
        }
    }
}

/// The most problems `Display` lists one by one.
const SHOWN: usize = 50;

impl Error {
    pub(crate) fn new(problems: Vec<Problem>) -> Error {
        Error { what: What::Settings, problems }
    }

    pub(crate) fn one(path: impl Into<String>, kind: ProblemKind) -> Error {
        Error::new(vec![Problem::error(path.into(), kind)])
    }

    /// The same problems, said to be about `what`.
    pub(crate) fn about(mut self, what: What) -> Error {
        self.what = what;
        self
    }

    /// Every problem, errors and warnings, in the order of the settings
    /// (scenarios by interval name, then named nodes; within a node its
    /// own problems before its children's).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The problems, owned.
    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }

    /// Only the errors (what made the settings unacceptable).
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity == Severity::Error)
    }
}

impl<'a> IntoIterator for &'a Error {
    type Item = &'a Problem;
    type IntoIter = core::slice::Iter<'a, Problem>;

    fn into_iter(self) -> Self::IntoIter {
        self.problems.iter()
    }
}

/// One problem on one line; several as a count and one numbered line
/// each, at most 50.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = self.what.words();
        match self.problems.as_slice() {
            [one] => write!(f, "{what}: {one}"),
            all => {
                write!(f, "{what}: {} problems:", all.len())?;
                for (i, p) in all.iter().take(SHOWN).enumerate() {
                    write!(f, "\n  {}. {p}", i + 1)?;
                }
                if all.len() > SHOWN {
                    write!(f, "\n  … and {} more", all.len() - SHOWN)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

/// Whether a problem stops the settings from being used.
///
/// `Display` and `FromStr` spell it `error` and `warning`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The settings are refused.
    Error,
    /// The settings work, but probably not as meant.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

impl FromStr for Severity {
    type Err = ParseValueError;

    fn from_str(s: &str) -> Result<Severity, ParseValueError> {
        match s {
            "error" => Ok(Severity::Error),
            "warning" => Ok(Severity::Warning),
            _ => Err(ParseValueError::one_of(
                "severity",
                s,
                &["error", "warning"],
            )),
        }
    }
}

/// One problem: where, how serious, and what.
///
/// `Display` is `PATH: PROBLEM` (just `PROBLEM` when the path is empty),
/// with ` (line L, column C)` when it came from JSON text and the place
/// is known, and `warning: ` in front of a warning.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub(crate) path: String,
    pub(crate) severity: Severity,
    #[serde(serialize_with = "kind_words")]
    pub(crate) kind: ProblemKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    line_column: Option<(usize, usize)>,
}

/// A problem's kind, as the words `Display` gives.
fn kind_words<S: serde::Serializer>(
    kind: &ProblemKind,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_str(kind)
}

impl Problem {
    pub(crate) fn error(path: String, kind: ProblemKind) -> Problem {
        Problem { path, severity: Severity::Error, kind, line_column: None }
    }

    pub(crate) fn warning(path: String, kind: ProblemKind) -> Problem {
        Problem { path, severity: Severity::Warning, kind, line_column: None }
    }

    /// The same problem, at `line` and `column` of the JSON text.
    pub(crate) fn at(mut self, line_column: Option<(usize, usize)>) -> Self {
        self.line_column = line_column;
        self
    }

    /// The same problem at another path.
    pub(crate) fn with_path(mut self, path: String) -> Problem {
        self.path = path;
        self
    }

    /// The path of the node or value from the settings' root, as
    /// `scenarios["Working time"].menu.keys["1"].then`; empty for the
    /// whole settings.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong.
    pub fn kind(&self) -> &ProblemKind {
        &self.kind
    }

    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Where in the JSON text (line and column, from 1), for a problem
    /// found while reading text and whose place the reader knows.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        self.line_column
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        if self.path.is_empty() {
            write!(f, "{}", self.kind)?;
        } else {
            write!(f, "{}: {}", self.path, self.kind)?;
        }
        if let Some((line, column)) = self.line_column {
            write!(f, " (line {line}, column {column})")?;
        }
        Ok(())
    }
}

/// A menu branch: a key, or "nothing selected".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Branch {
    /// An offered key.
    Key(Key),
    /// The caller selected nothing.
    NothingSelected,
}

/// `key 1` or `nothing selected` (what `FromStr` reads).
impl fmt::Display for Branch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Branch::Key(k) => write!(f, "key {k}"),
            Branch::NothingSelected => f.write_str("nothing selected"),
        }
    }
}

impl FromStr for Branch {
    type Err = ParseValueError;

    fn from_str(s: &str) -> Result<Branch, ParseValueError> {
        if s == "nothing selected" {
            return Ok(Branch::NothingSelected);
        }
        s.strip_prefix("key ")
            .and_then(|k| k.parse::<Key>().ok())
            .map(Branch::Key)
            .ok_or_else(|| {
                ParseValueError::new(
                    "menu branch",
                    s,
                    "\"key K\" with K one of 0-9, *, #, or \"nothing \
                     selected\""
                        .to_string(),
                )
            })
    }
}

/// A branch as the problem messages name it: `"nothing selected"` in
/// quotes, since it reads as a phrase.
fn branch_words(branch: &Branch) -> String {
    match branch {
        Branch::NothingSelected => "\"nothing selected\"".to_string(),
        other => other.to_string(),
    }
}

/// What is wrong with an external number and how to write it.
fn number_advice(number: &str, country: Option<&str>) -> String {
    let national = country.filter(|c| crate::phone::calling_code(c).is_some());
    match national {
        Some(c) => format!(
            "number {number:?} is neither in E.164 (as \"+74952302222\") \
             nor a 10-digit national number of {} (as \"4952302222\", \
             without a trunk prefix such as 8)",
            c.to_ascii_uppercase()
        ),
        None => {
            let digits = number.bytes().filter(u8::is_ascii_digit).count();
            let hint = if number.starts_with('+') || digits != 10 {
                String::new()
            } else {
                let known: Vec<&str> =
                    crate::phone::NATIONAL.iter().map(|n| n.0).collect();
                format!(
                    "; 10-digit national numbers are read when the \
                     settings give a `country` with them ({})",
                    known.join(", ")
                )
            };
            format!(
                "number {number:?} must be in E.164, as \"+74952302222\" \
                 (a plus, the country code, the number){hint}"
            )
        }
    }
}

fn suggest(s: &Option<String>) -> String {
    s.as_ref().map(|s| format!("; did you mean {s:?}?")).unwrap_or_default()
}

fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", ")
}

/// The kinds of [`Problem`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The text is not settings: bad syntax, a wrong type, an unknown
    /// field, a value outside its allowed set, a node with no kind or two.
    #[error("{message}")]
    Syntax {
        /// What the parser said.
        message: String,
    },
    /// A menu offers a key (or "nothing selected") with no scenario.
    #[error(
        "{} has no scenario; every offered key and \"nothing selected\" \
         need one (or untick the key)",
        branch_words(branch)
    )]
    MissingBranch {
        /// Which branch.
        branch: Branch,
    },
    /// An external number that is neither in E.164 nor, with the
    /// settings' country, a 10-digit national number.
    #[error("{}", number_advice(number, country.as_deref()))]
    InvalidNumber {
        /// The number given.
        number: String,
        /// The settings' country, if they give one.
        country: Option<String>,
    },
    /// A country that is not two letters.
    #[error(
        "country {country:?} is not a two-letter country code (ISO \
         3166-1), as \"RU\""
    )]
    InvalidCountry {
        /// The text given.
        country: String,
    },
    /// An external e-mail that is not an address.
    #[error("{email:?} is not an e-mail address")]
    InvalidEmail {
        /// The text given.
        email: String,
    },
    /// A voicemail or fax that would be sent to nobody.
    #[error(
        "nobody receives the {what}: add an employee or department to \
         `send_to`, or an `external_email`"
    )]
    NoRecipients {
        /// `voicemail` or `fax`.
        what: &'static str,
    },
    /// A text-to-speech text or an audio file name that is empty.
    #[error("the {what} is empty")]
    EmptyPrompt {
        /// `text` or `audio` file name.
        what: &'static str,
    },
    /// A text-to-speech text or an audio file name longer than
    /// [`Limits::max_text`](crate::Limits::max_text).
    #[error(
        "the {what} is {length} characters long; at most {limit} (split \
         it into several messages, or raise Limits::max_text)"
    )]
    TextTooLong {
        /// `text` or `audio file name`.
        what: &'static str,
        /// Its length, in characters.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// A `then` on a node that cannot continue.
    #[error(
        "a {kind} cannot continue{}; remove `then`",
        match *kind {
            "menu" => " (it continues through its keys)",
            "go_to" => " (it continues with its target)",
            _ => " (the call ends after it)",
        }
    )]
    CannotContinue {
        /// The node's kind, as `voicemail`.
        kind: &'static str,
    },
    /// A forward with no continuation for "no answer": the call ends.
    #[error(
        "no scenario when the forward is not answered: the call is hung \
         up; add `then` (voicemail, for one)"
    )]
    NoAnswerContinuation,
    /// A `go_to` to a node that does not exist.
    #[error("no node named {name:?} in `nodes`{}", suggest(suggestion))]
    UnknownNode {
        /// The name given.
        name: String,
        /// A node named alike, if any.
        suggestion: Option<String>,
    },
    /// A named node no scenario reaches.
    #[error("no scenario reaches this node")]
    Unreachable,
    /// A loop through nodes none of which waits for the caller's input: the
    /// call would go round until the caller hangs up or the step limit.
    #[error(
        "this loop never waits for the caller's input (no menu on it): {}",
        cycle.join(" -> ")
    )]
    LoopWithoutInput {
        /// The paths of the nodes on the loop, in order.
        cycle: Vec<String>,
    },
    /// An employee or department reference left empty (the panel asks
    /// to choose one): checked with or without a directory.
    #[error("no {what} chosen: the id is empty")]
    EmptyReference {
        /// `employee` or `department`.
        what: &'static str,
    },
    /// An employee the host's directory does not have.
    #[error("unknown employee {id:?}{}", suggest(suggestion))]
    UnknownEmployee {
        /// The id given.
        id: String,
        /// A known id that differs only in case, if any.
        suggestion: Option<String>,
    },
    /// A department the host's directory does not have.
    #[error("unknown department {id:?}{}", suggest(suggestion))]
    UnknownDepartment {
        /// The id given.
        id: String,
        /// A known id that differs only in case, if any.
        suggestion: Option<String>,
    },
    /// An interval of the schedule with no scenario (or, when starting a
    /// call, an interval the number has no scenario for).
    #[error(
        "no scenario for interval {interval:?}; the scenarios are for {}",
        quoted(known)
    )]
    MissingScenario {
        /// The interval.
        interval: String,
        /// The intervals that have a scenario.
        known: Vec<String>,
    },
    /// A scenario for an interval the schedule does not have: never used.
    #[error(
        "the schedule has no interval {interval:?}, so this scenario is \
         never used; the intervals are {}",
        quoted(known)
    )]
    UnknownInterval {
        /// The name given.
        interval: String,
        /// The schedule's intervals.
        known: Vec<String>,
    },
    /// Settings with no scenario at all.
    #[error("the number has no scenario")]
    NoScenarios,
    /// A menu that offers no key and no extension dialing: every caller
    /// ends in "nothing selected".
    #[error(
        "the menu offers no key and no extension dialing: every caller \
         gets \"nothing selected\""
    )]
    MenuWithoutChoices,
    /// More nodes than the limit.
    #[error("more than {limit} nodes; the rest are not checked")]
    TooManyNodes {
        /// The limit.
        limit: usize,
    },
    /// Nested deeper than the limit.
    #[error("nested deeper than {limit} nodes; this branch is not checked")]
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// The settings text is JSON, but not an object.
    #[error(
        "settings are a JSON object such as {{\"scenarios\": {{...}}}}, \
         not a list or a single value"
    )]
    NotAnObject,
    /// Settings text longer than
    /// [`Settings::MAX_JSON`](crate::Settings::MAX_JSON), refused before
    /// parsing.
    #[error(
        "the settings text is {bytes} bytes long; at most {limit} are read"
    )]
    TooLarge {
        /// Its length.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// Settings text that is empty (or only spaces).
    #[error("the settings are empty: write a JSON object, as {{\"scenarios\": {{...}}}}")]
    Empty,
    /// Settings text nested deeper than the reader goes (128 levels of
    /// JSON, about 40 nested menus).
    #[error(
        "nested deeper than {nodes} nodes here; settings are read to 128 \
         levels of JSON (about 40 nested menus): move deep branches into \
         named nodes and reach them with `go_to`"
    )]
    TooDeepToRead {
        /// How many nodes deep the reader got.
        nodes: usize,
    },
    /// A call state that does not belong to these settings (or was
    /// altered).
    #[error("call state does not fit these settings: {message}")]
    BadState {
        /// What does not fit.
        message: String,
    },
    /// A simulation script step that cannot happen in the call's state.
    #[error("{message}")]
    Script {
        /// Why.
        message: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(i: usize) -> Problem {
        Problem::error(
            format!("nodes[\"n{i}\"]"),
            ProblemKind::EmptyPrompt { what: "text" },
        )
    }

    #[test]
    fn one_problem_on_one_line_several_numbered() {
        let one = Error::new(vec![problem(1)]);
        assert_eq!(
            one.to_string(),
            "invalid call scenario settings: nodes[\"n1\"]: the text is empty"
        );
        let two = Error::new(vec![
            problem(1),
            Problem::warning(String::new(), ProblemKind::NoScenarios)
                .at(Some((3, 7))),
        ]);
        assert_eq!(
            two.to_string(),
            "invalid call scenario settings: 2 problems:\n  1. nodes[\"n1\"]: \
             the text is empty\n  2. warning: the number has no scenario \
             (line 3, column 7)"
        );
        assert_eq!((&two).into_iter().count(), 2);
        assert_eq!(two.problems()[1].line_column(), Some((3, 7)));
        assert_eq!(two.clone().into_problems(), two.problems());
    }

    #[test]
    fn at_most_fifty_lines_then_how_many_more() {
        let many = Error::new((1..=53).map(problem).collect());
        let text = many.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "invalid call scenario settings: 53 problems:");
        assert_eq!(lines.len(), 1 + 50 + 1);
        assert_eq!(lines[50], "  50. nodes[\"n50\"]: the text is empty");
        assert_eq!(lines[51], "  … and 3 more");
    }

    #[test]
    fn problems_serialize_with_their_words() {
        let p = problem(1).at(Some((2, 5)));
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"path":"nodes[\"n1\"]","severity":"error","kind":"the text is empty","line_column":[2,5]}"#
        );
    }
}
