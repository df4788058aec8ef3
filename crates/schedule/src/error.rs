//! Errors: every problem of a schedule at once, each with where it is.

use core::fmt;

use chrono::NaiveDate;

use crate::Clock;

/// How many problems [`Error`]'s `Display` lists before "… and N more".
const SHOWN: usize = 50;

/// A schedule that could not be read or accepted: every problem found,
/// each with the path of the bad value (`week.monday[1]`,
/// `exceptions[0].ranges[2].interval`).
///
/// `Display` gives one problem on one line (`invalid schedule: {problem}`)
/// and several as a count and a numbered line each, at most 50, then
/// `… and N more`.
///
/// # Example
/// ```
/// let err = business_hours::Schedule::from_json(r#"{
///     "time_zone": "Europe/Warsaw",
///     "week": { "monday": [{ "from": "09:00", "to": "17:00" },
///                          { "from": "16:00", "to": "18:00" }] }
/// }"#).unwrap_err();
/// assert_eq!(err.problems()[0].path(), "week.monday[1]");
/// assert_eq!(
///     err.to_string(),
///     "invalid schedule: week.monday[1]: range 16:00–18:00 overlaps \
///      week.monday[0] (09:00–17:00)"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    problems: Vec<Problem>,
}

impl Error {
    pub(crate) fn new(problems: Vec<Problem>) -> Error {
        debug_assert!(!problems.is_empty());
        Error { problems }
    }

    /// Every problem: first those of single values (in config order), then
    /// overlaps between ranges. A syntax error stops the reading, so it
    /// comes alone.
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
            [one] => write!(f, "invalid schedule: {one}"),
            all => {
                write!(f, "invalid schedule: {} problems:", all.len())?;
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

/// One problem: where it is and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    path: String,
    kind: ProblemKind,
    line_column: Option<(usize, usize)>,
}

impl Problem {
    pub(crate) fn new(path: String, kind: ProblemKind) -> Problem {
        Problem { path, kind, line_column: None }
    }

    pub(crate) fn at(
        mut self,
        line_column: Option<(usize, usize)>,
    ) -> Problem {
        self.line_column = line_column;
        self
    }

    /// The path of the bad value from the document's root, as
    /// `week.friday[0]` or `exceptions[2].ranges[0].interval`; empty for
    /// the whole document.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong.
    pub fn kind(&self) -> &ProblemKind {
        &self.kind
    }

    /// Where in the JSON text the problem was found, as (line, column),
    /// both from 1; `None` for problems found after reading (an overlap,
    /// an unknown zone) or in a config built in code.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        self.line_column
    }
}

/// `{path}: {kind}` (just `{kind}` for the whole document), then
/// ` (line L, column C)` when known.
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

/// The kinds of [`Problem`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The text is not a schedule: bad syntax, a wrong type, an unknown
    /// field, a malformed time or date.
    #[error("{message}")]
    Syntax {
        /// What the parser said.
        message: String,
    },
    /// The time zone is not an IANA name known to the tz database.
    #[error(
        "unknown time zone {name:?}; {}",
        match suggestion {
            Some(s) => format!("did you mean {s:?}?"),
            None => "use an IANA name such as \"Europe/Warsaw\"".to_string(),
        }
    )]
    UnknownTimeZone {
        /// The name given.
        name: String,
        /// The nearest known name (by case, then by edit distance), if
        /// one is near enough.
        suggestion: Option<String>,
    },
    /// An extra interval with an empty (or blank) name.
    #[error("an interval name is empty")]
    EmptyIntervalName,
    /// Two intervals with the same name, ignoring case (or an extra
    /// interval named like a fixed one).
    #[error("interval name {name:?} is used twice")]
    DuplicateIntervalName {
        /// The name.
        name: String,
    },
    /// More than 3 extra intervals.
    #[error("{count} extra intervals; at most 3 are allowed besides \"Working time\" and \"Non-working time\"")]
    TooManyIntervals {
        /// How many were given.
        count: usize,
    },
    /// A range names an interval the schedule does not have.
    #[error(
        "unknown interval {name:?}; the intervals are {}",
        known.iter().map(|k| format!("{k:?}")).collect::<Vec<_>>().join(", ")
    )]
    UnknownInterval {
        /// The name given.
        name: String,
        /// The names the schedule has.
        known: Vec<String>,
    },
    /// A range that starts at 24:00.
    #[error(
        "a range cannot start at 24:00; start it at 00:00 on the next day"
    )]
    StartsAtEndOfDay,
    /// An interval name with spaces at its start or end.
    #[error("interval name {name:?} has spaces at its start or end")]
    IntervalNameSpaces {
        /// The name.
        name: String,
    },
    /// An exception date outside the years 1 to 9999.
    #[error("date {date} is outside the years 1 to 9999")]
    DateOutOfRange {
        /// The date.
        date: NaiveDate,
    },
    /// A range that starts and ends at the same time.
    #[error(
        "range {from}–{from} has no length; for a whole day write 00:00–24:00"
    )]
    ZeroLength {
        /// Its start (and end).
        from: Clock,
    },
    /// Two ranges that cover the same time, including a range that runs
    /// past midnight into the next day's ranges.
    #[error(
        "range {}–{} overlaps {other_path} ({}–{}){}",
        range.0, range.1, other.0, other.1,
        date.map(|d| format!(" on {d}")).unwrap_or_default()
    )]
    Overlap {
        /// This range.
        range: (Clock, Clock),
        /// The path of the other range.
        other_path: String,
        /// The other range.
        other: (Clock, Clock),
        /// The date of the clash, for exceptions.
        date: Option<NaiveDate>,
    },
    /// An exception that ends before it starts.
    #[error("exception ends on {to}, before it starts on {from}")]
    ExceptionBackwards {
        /// First date.
        from: NaiveDate,
        /// Last date.
        to: NaiveDate,
    },
    /// Two exceptions that share a date.
    #[error(
        "exception dates overlap {other_path} on {date}; a date may have only one exception"
    )]
    ExceptionOverlap {
        /// The other exception.
        other_path: String,
        /// The first shared date.
        date: NaiveDate,
    },
    /// A documented limit was exceeded (see
    /// [`limits`](crate::limits)).
    #[error("{count} {what}; at most {limit} are allowed")]
    Limit {
        /// What is counted, in words ("exceptions").
        what: &'static str,
        /// How many were given.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// The text is empty (or only white space).
    #[error(
        "the schedule is empty; write a JSON object with at least \"time_zone\""
    )]
    Empty,
    /// The text is longer than [`MAX_JSON_BYTES`](crate::limits::MAX_JSON_BYTES);
    /// it is refused before it is read.
    #[error("the schedule is {bytes} bytes long; at most {limit} are read")]
    TooLong {
        /// The text's length in bytes.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
}
