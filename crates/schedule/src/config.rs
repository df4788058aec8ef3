//! The human-writable schedule format (serde).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Clock;

/// The name of the interval every range is in unless it says otherwise.
pub const WORKING_TIME: &str = "Working time";
/// The name of the interval in force wherever no range applies.
pub const NON_WORKING_TIME: &str = "Non-working time";

/// A schedule as people write it: a time zone, round the clock or weekly
/// ranges, extra interval names, and dated exceptions. See the crate docs
/// for a complete example; [`Schedule::new`](crate::Schedule::new) checks
/// it.
///
/// Unknown fields are refused; fields left out take their defaults, and
/// the defaults are left out when written, so a config reads back equal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleConfig {
    /// The business's IANA time zone, as `Europe/Warsaw`.
    pub time_zone: String,
    /// Round the clock, or by the weekly plan (the default).
    #[serde(default, skip_serializing_if = "Mode::is_weekly")]
    pub mode: Mode,
    /// Up to 3 more intervals beside "Working time" and "Non-working time",
    /// with names the user chose (R22).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intervals: Vec<String>,
    /// The weekly plan: ranges per weekday (R23).
    #[serde(default, skip_serializing_if = "Week::is_empty")]
    pub week: Week,
    /// Dated exceptions that replace the weekly plan on their dates (B12).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<Exception>,
}

/// Whether a number follows its weekly plan or works round the clock.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// By the weekly plan and its exceptions.
    #[default]
    Weekly,
    /// Always "Working time" (R21). The weekly plan and the exceptions are
    /// kept (and checked) but not used, so switching back restores them.
    RoundTheClock,
}

impl Mode {
    fn is_weekly(&self) -> bool {
        *self == Mode::Weekly
    }
}

/// Ranges for each weekday. A day with no ranges is entirely
/// "Non-working time" (apart from a range of the day before that runs past
/// midnight).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Week {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub monday: Vec<TimeRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tuesday: Vec<TimeRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wednesday: Vec<TimeRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thursday: Vec<TimeRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub friday: Vec<TimeRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub saturday: Vec<TimeRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sunday: Vec<TimeRange>,
}

impl Week {
    /// The ranges of a weekday (Monday first).
    pub fn day(&self, weekday: chrono::Weekday) -> &[TimeRange] {
        use chrono::Weekday::*;
        match weekday {
            Mon => &self.monday,
            Tue => &self.tuesday,
            Wed => &self.wednesday,
            Thu => &self.thursday,
            Fri => &self.friday,
            Sat => &self.saturday,
            Sun => &self.sunday,
        }
    }

    /// The ranges of a weekday, to edit.
    pub fn day_mut(
        &mut self,
        weekday: chrono::Weekday,
    ) -> &mut Vec<TimeRange> {
        use chrono::Weekday::*;
        match weekday {
            Mon => &mut self.monday,
            Tue => &mut self.tuesday,
            Wed => &mut self.wednesday,
            Thu => &mut self.thursday,
            Fri => &mut self.friday,
            Sat => &mut self.saturday,
            Sun => &mut self.sunday,
        }
    }

    fn is_empty(&self) -> bool {
        WEEKDAYS.iter().all(|&d| self.day(d).is_empty())
    }
}

/// Monday to Sunday.
pub(crate) const WEEKDAYS: [chrono::Weekday; 7] = {
    use chrono::Weekday::*;
    [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
};

/// A local time range assigned to an interval.
///
/// `from` is included, `to` is not. When `to` is not after `from` (as in
/// 22:00–06:00) the range runs past midnight and ends at `to` on the next
/// day; it still belongs to the day it starts on (B13). `to` may be
/// `24:00`. A range whose `from` equals its `to` is refused (write 00:00 to
/// 24:00 for a whole day).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeRange {
    /// Start, included.
    pub from: Clock,
    /// End, excluded; at or before `from` means the next day.
    pub to: Clock,
    /// The interval's name; "Working time" when left out.
    #[serde(
        default = "working_time",
        skip_serializing_if = "is_working_time"
    )]
    pub interval: String,
}

impl TimeRange {
    /// A range in "Working time".
    pub fn working(from: Clock, to: Clock) -> TimeRange {
        TimeRange { from, to, interval: working_time() }
    }

    /// Whether the range runs past midnight into the next day.
    pub fn is_overnight(&self) -> bool {
        self.to <= self.from
    }
}

fn working_time() -> String {
    WORKING_TIME.to_string()
}

fn is_working_time(name: &String) -> bool {
    name == WORKING_TIME
}

/// A dated exception (B12): from `from` to `to` (both included; one day
/// when `to` is left out), these ranges replace the weekly plan's. No
/// ranges means closed: "Non-working time" all day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// A label for people ("Christmas"); not used by the queries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// First date.
    pub from: NaiveDate,
    /// Last date, included; the same as `from` when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    /// The ranges of each of these dates (the same every day).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<TimeRange>,
}

impl Exception {
    /// The last date, included.
    pub fn last(&self) -> NaiveDate {
        self.to.unwrap_or(self.from)
    }
}
