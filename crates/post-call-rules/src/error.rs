//! Errors: every problem of a rule set at once, each naming the rule and
//! the path of the value.

use core::fmt;

/// The most problems [`Error`]'s `Display` lists one by one; the rest
/// are counted.
const MAX_LISTED: usize = 50;

/// A rule set that could not be read or compiled: every problem found.
///
/// `Display` gives `invalid rule set: ` and the problem, or the number of
/// problems and then one numbered line each (at most 50, then how many
/// more). [`problems`](Error::problems) gives them as values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    problems: Vec<Problem>,
}

impl Error {
    pub(crate) fn new(problems: Vec<Problem>) -> Error {
        debug_assert!(!problems.is_empty());
        Error { problems }
    }

    /// Every problem, in rule-set order. A syntax error stops the
    /// reading, so it comes alone.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Every problem, owned.
    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }
}

impl<'a> IntoIterator for &'a Error {
    type Item = &'a Problem;
    type IntoIter = core::slice::Iter<'a, Problem>;

    fn into_iter(self) -> Self::IntoIter {
        self.problems.iter()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [one] => write!(f, "invalid rule set: {one}"),
            all => {
                write!(f, "invalid rule set: {} problems:", all.len())?;
                for (i, p) in all.iter().take(MAX_LISTED).enumerate() {
                    write!(f, "\n  {}. {p}", i + 1)?;
                }
                if all.len() > MAX_LISTED {
                    write!(f, "\n  … and {} more", all.len() - MAX_LISTED)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

/// `{"problems": [...]}`, each problem as [`Problem`] serializes.
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Error", 1)?;
        st.serialize_field("problems", &self.problems)?;
        st.end()
    }
}

/// `{"path": "rules[0].name", "rule": 0, "rule_name": "Thanks", "line":
/// 3, "column": 12, "kind": {"type": "empty_name"}, "message": "the
/// rule has no name"}`; `rule`, `rule_name`, `line` and `column` are
/// left out when unknown.
impl serde::Serialize for Problem {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("path", &self.path)?;
        if let Some(rule) = self.rule() {
            m.serialize_entry("rule", &rule)?;
        }
        if let Some(name) = self.rule_name() {
            m.serialize_entry("rule_name", name)?;
        }
        if let Some((line, column)) = self.line_column {
            m.serialize_entry("line", &line)?;
            m.serialize_entry("column", &column)?;
        }
        m.serialize_entry("kind", &self.kind)?;
        m.serialize_entry("message", &self.kind.to_string())?;
        m.end()
    }
}

/// One problem: where (the path of the value, the rule it is in, and for
/// a problem found while reading JSON text, the line and column) and
/// what.
///
/// `Display` gives `{path}: {kind}` (only the kind when the problem is
/// about the whole document), then ` (line L, column C)` when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    rule: Option<(usize, Option<String>)>,
    path: String,
    kind: ProblemKind,
    line_column: Option<(usize, usize)>,
}

impl Problem {
    pub(crate) fn new(
        rule: Option<(usize, Option<String>)>,
        path: String,
        kind: ProblemKind,
    ) -> Problem {
        Problem { rule, path, kind, line_column: None }
    }

    pub(crate) fn at(
        mut self,
        line_column: Option<(usize, usize)>,
    ) -> Problem {
        self.line_column = line_column;
        self
    }

    /// The path of the bad value from the document's root, as
    /// `rules[2].when.caller.prefixes[0]`; empty for the whole document.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong.
    pub fn kind(&self) -> &ProblemKind {
        &self.kind
    }

    /// The line and column (both from 1) in the JSON text, for a problem
    /// found while reading it; `None` for a problem found when compiling.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        self.line_column
    }

    /// The position in the rule list of the rule the problem is in;
    /// `None` for a problem outside the rules.
    pub fn rule(&self) -> Option<usize> {
        self.rule.as_ref().map(|&(i, _)| i)
    }

    /// The name of the rule the problem is in, when it has one.
    pub fn rule_name(&self) -> Option<&str> {
        self.rule.as_ref().and_then(|(_, n)| n.as_deref())
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
/// The kinds of [`Problem`]. Serialized with a `"type"` in snake case
/// (`"invalid_number"`) beside the fields.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProblemKind {
    /// The text is longer than [`RuleSet::MAX_JSON`](crate::RuleSet::MAX_JSON);
    /// it was not parsed.
    #[error(
        "the text is {len} bytes; a rule set is read only up to {limit} bytes"
    )]
    TooLarge {
        /// The text's length in bytes.
        len: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The text is empty or only white space.
    #[error(
        "the rule set is empty; write a JSON object such as {{\"rules\": []}}"
    )]
    Empty,
    /// The text is JSON, but not an object.
    #[error("a rule set is a JSON object such as {{\"rules\": []}}, not a list or a single value")]
    NotAnObject,
    /// The text is not a rule set: bad syntax, a wrong type, an unknown
    /// field, a missing field.
    #[error("{message}")]
    Syntax {
        /// What the parser said.
        message: String,
    },
    /// A number or prefix that is not an optional `+` and 1 to 20 digits
    /// (spaces, `-`, `.`, `(` and `)` are allowed and removed).
    #[error("invalid number {value:?}; write it as +48221234567")]
    InvalidNumber {
        /// The value given.
        value: String,
    },
    /// A number listed twice in one of the account's lists (separators
    /// aside): in the random sender's pool it would be drawn twice as
    /// often.
    #[error(
        "{value:?} is listed twice (first at position {first}); remove one"
    )]
    DuplicateNumber {
        /// The value given.
        value: String,
        /// The position in the list of its first listing.
        first: usize,
    },
    /// IVR keys that are not 1 to 32 of `0`–`9`, `*`, `#`.
    #[error("invalid IVR keys {value:?}; use 1 to 32 of 0-9, * and #")]
    InvalidIvrKeys {
        /// The value given.
        value: String,
    },
    /// A rule with an empty (or blank) name.
    #[error("the rule has no name")]
    EmptyName,
    /// A window name that is empty.
    #[error("a window name is empty")]
    EmptyWindowName,
    /// `foreign` is used but the account has no calling code.
    #[error("\"foreign\" needs account.calling_code, the account's country calling code")]
    NoAccountCallingCode,
    /// A calling code outside 1 to 999.
    #[error("calling code {code} is not 1 to 999")]
    InvalidCallingCode {
        /// The value given.
        code: u16,
    },
    /// More items than a limit allows.
    #[error("{count} {what}; at most {limit} are allowed")]
    TooMany {
        /// What is counted.
        what: &'static str,
        /// How many were given.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A text longer than a limit allows.
    #[error("{what} is {len} bytes long; at most {limit} are allowed")]
    TooLong {
        /// What is measured.
        what: &'static str,
        /// Its length in bytes.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// A delay or interval above its limit.
    #[error("{secs} seconds; at most {limit} are allowed")]
    TooLate {
        /// The value given.
        secs: u32,
        /// The limit.
        limit: u32,
    },
}
