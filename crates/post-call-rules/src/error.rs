//! Errors: every problem of a rule set at once, each naming the rule and
//! the field.

use core::fmt;

/// A rule set that could not be read or compiled: every problem found.
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
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [one] => write!(f, "invalid rule set: {one}"),
            all => {
                write!(f, "invalid rule set: {} problems:", all.len())?;
                for p in all {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

/// One problem: which rule, which field, what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The rule's position in the list and its name (when it has one),
    /// or `None` for a problem outside the rules.
    pub rule: Option<(usize, Option<String>)>,
    /// The path of the bad value from the document's root, as
    /// `rules[2].when.caller.prefixes[0]`; empty for the whole document.
    pub path: String,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((index, name)) = &self.rule {
            match name {
                Some(name) => write!(f, "rule {index} {name:?}: ")?,
                None => write!(f, "rule {index}: ")?,
            }
        }
        if self.path.is_empty() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{}: {}", self.path, self.kind)
        }
    }
}

/// The kinds of [`Problem`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
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
