//! Errors: every problem of a schedule at once, each with where it is.

use core::fmt;

use chrono::NaiveDate;

use crate::Clock;

/// A schedule that could not be read or accepted: every problem found,
/// each with the path of the bad value (`week.monday[1]`,
/// `exceptions[0].ranges[2].interval`).
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
}

/// One problem on one line; several as a count and one indented line
/// each.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [one] => write!(f, "invalid schedule: {one}"),
            all => {
                write!(f, "invalid schedule: {} problems:", all.len())?;
                for p in all {
                    write!(f, "\n  {p}")?;
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
    /// The path of the bad value, as `week.friday[0]`; empty for the whole
    /// document.
    pub path: String,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
    /// The text is not a schedule: bad syntax, a wrong type, an unknown
    /// field, a malformed time or date.
    #[error("{message}")]
    Syntax {
        /// What the parser said.
        message: String,
    },
    /// The time zone is not an IANA name known to the tz database.
    #[error(
        "unknown time zone {name:?}{}",
        suggestion.as_ref().map(|s| format!("; did you mean {s:?}?")).unwrap_or_default()
    )]
    UnknownTimeZone {
        /// The name given.
        name: String,
        /// A known name that differs only in case, if any.
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
    #[error("exception dates overlap {other_path} on {date}")]
    ExceptionOverlap {
        /// The other exception.
        other_path: String,
        /// The first shared date.
        date: NaiveDate,
    },
    /// A documented limit was exceeded.
    #[error("{what}: {count} exceeds the limit of {limit}")]
    Limit {
        /// What is counted.
        what: &'static str,
        /// How many were given.
        count: usize,
        /// The limit.
        limit: usize,
    },
}
