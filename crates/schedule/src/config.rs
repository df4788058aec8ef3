//! The human-writable schedule format (serde).

use core::fmt;
use core::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Clock;

/// Serde for a struct of the format that is read only from its object
/// form: the derive (with `remote = "Self"`) gives inherent
/// `serialize`/`deserialize` functions, and these trait impls accept only
/// a map, refusing serde's array form of a struct (`[["09:00", "17:00"]]`
/// would otherwise read as a range).
macro_rules! object_only {
    ($type:ident, $expecting:literal) => {
        impl Serialize for $type {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> Result<S::Ok, S::Error> {
                $type::serialize(self, s)
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> Result<$type, D::Error> {
                struct Object;
                impl<'de> serde::de::Visitor<'de> for Object {
                    type Value = $type;
                    fn expecting(
                        &self,
                        f: &mut fmt::Formatter<'_>,
                    ) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        map: A,
                    ) -> Result<$type, A::Error> {
                        $type::deserialize(
                            serde::de::value::MapAccessDeserializer::new(map),
                        )
                    }
                }
                d.deserialize_map(Object)
            }
        }
    };
}

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
/// Only the object form is read (not serde's array form of a struct).
///
/// It may gain fields: build one with [`ScheduleConfig::new`] and the
/// chained setters, or read it from JSON.
///
/// # Example
/// ```
/// use business_hours::{Clock, Exception, Schedule, ScheduleConfig, TimeRange};
/// use chrono::{NaiveDate, Weekday};
///
/// let nine = Clock::new(9, 0)?;
/// let five = Clock::new(17, 0)?;
/// let config = ScheduleConfig::new("Europe/Warsaw")
///     .interval("Lunch break")
///     .range(Weekday::Mon, TimeRange::working(nine, five))
///     .exception(Exception::closed(NaiveDate::from_ymd_opt(2026, 12, 24).unwrap()));
/// let schedule = Schedule::new(config)?;
/// assert_eq!(schedule.intervals().count(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, remote = "Self")]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schemars",
    schemars(
        rename = "ScheduleConfig",
        description = "Business hours: a time zone, round the clock or weekly ranges, extra interval names, and dated exceptions."
    )
)]
#[non_exhaustive]
pub struct ScheduleConfig {
    /// The business's IANA time zone, as `Europe/Warsaw`.
    pub time_zone: String,
    /// Round the clock, or by the weekly plan (the default).
    #[serde(default, skip_serializing_if = "Mode::is_weekly")]
    pub mode: Mode,
    /// Up to 3 more intervals beside "Working time" and "Non-working time",
    /// with names the user chose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schemars", schemars(length(max = 3)))]
    pub intervals: Vec<String>,
    /// The weekly plan: ranges per weekday.
    #[serde(default, skip_serializing_if = "Week::is_empty")]
    pub week: Week,
    /// Dated exceptions that replace the weekly plan on their dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schemars", schemars(length(max = 1000)))]
    pub exceptions: Vec<Exception>,
}

object_only!(ScheduleConfig, "a schedule object with \"time_zone\"");

impl ScheduleConfig {
    /// A weekly schedule in the IANA time zone `time_zone` (as
    /// `Europe/Warsaw`) with no ranges yet: "Non-working time" throughout.
    /// The zone is checked by [`Schedule::new`](crate::Schedule::new).
    pub fn new(time_zone: impl Into<String>) -> ScheduleConfig {
        ScheduleConfig { time_zone: time_zone.into(), ..Default::default() }
    }

    /// Sets the mode (weekly or round the clock).
    pub fn mode(mut self, mode: Mode) -> ScheduleConfig {
        self.mode = mode;
        self
    }

    /// Adds an extra interval name (at most 3).
    pub fn interval(mut self, name: impl Into<String>) -> ScheduleConfig {
        self.intervals.push(name.into());
        self
    }

    /// Adds a range to a weekday of the weekly plan.
    pub fn range(
        mut self,
        weekday: chrono::Weekday,
        range: TimeRange,
    ) -> ScheduleConfig {
        self.week.day_mut(weekday).push(range);
        self
    }

    /// Sets the whole weekly plan.
    pub fn week(mut self, week: Week) -> ScheduleConfig {
        self.week = week;
        self
    }

    /// Adds a dated exception.
    pub fn exception(mut self, exception: Exception) -> ScheduleConfig {
        self.exceptions.push(exception);
        self
    }

    /// The JSON Schema (draft 2020-12) of the schedule file format: what
    /// [`Schedule::from_json`](crate::Schedule::from_json) reads, field
    /// names, required and optional fields, the mode's spellings, `HH:MM`
    /// times and `YYYY-MM-DD` dates, no unknown fields. Editors and web
    /// forms can check a file with it before it reaches the loader; the
    /// loader still checks what a schema cannot (zone names, overlaps,
    /// limits).
    ///
    /// # Example
    /// ```
    /// let schema = business_hours::ScheduleConfig::json_schema();
    /// assert_eq!(schema["required"][0], "time_zone");
    /// ```
    #[cfg(feature = "schemars")]
    pub fn json_schema() -> serde_json::Value {
        let schema = schemars::schema_for!(ScheduleConfig);
        // A schema is a JSON object already: this cannot fail.
        serde_json::to_value(schema).unwrap_or_default()
    }
}

/// A `YYYY-MM-DD` date, for the JSON Schema.
#[cfg(feature = "schemars")]
struct IsoDate;

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for IsoDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A date, YYYY-MM-DD."
        })
    }
}

/// Whether a number follows its weekly plan or works round the clock.
///
/// `Display` and `FromStr` use the JSON spellings, `weekly` and
/// `round_the_clock`.
///
/// # Example
/// ```
/// use business_hours::Mode;
///
/// assert_eq!(Mode::RoundTheClock.to_string(), "round_the_clock");
/// assert_eq!("weekly".parse::<Mode>()?, Mode::Weekly);
/// # Ok::<(), business_hours::ParseModeError>(())
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schemars",
    schemars(description = "By the weekly plan, or always \"Working time\".")
)]
#[non_exhaustive]
pub enum Mode {
    /// By the weekly plan and its exceptions.
    #[default]
    Weekly,
    /// Always "Working time". The weekly plan and the exceptions are kept
    /// (and checked) but not used, so switching back restores them.
    RoundTheClock,
}

impl Mode {
    /// Every mode, in the order of the docs.
    pub const ALL: [Mode; 2] = [Mode::Weekly, Mode::RoundTheClock];

    fn is_weekly(&self) -> bool {
        *self == Mode::Weekly
    }

    /// The JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Weekly => "weekly",
            Mode::RoundTheClock => "round_the_clock",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Mode {
    type Err = ParseModeError;

    fn from_str(s: &str) -> Result<Mode, ParseModeError> {
        Mode::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| ParseModeError { text: s.to_string() })
    }
}

/// A text that is not a [`Mode`]'s spelling.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown mode {text:?}; expected \"weekly\" or \"round_the_clock\"")]
pub struct ParseModeError {
    text: String,
}

/// Ranges for each weekday. A day with no ranges is entirely
/// "Non-working time" (apart from a range of the day before that runs past
/// midnight).
///
/// A week has seven days, so this struct will not gain fields: build it
/// with `Week::default()` and [`Week::day_mut`], or with a struct
/// literal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, remote = "Self")]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schemars",
    schemars(
        rename = "Week",
        description = "Ranges per weekday; a day with no ranges is \"Non-working time\"."
    )
)]
#[allow(missing_docs)]
pub struct Week {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schemars", schemars(length(max = 48)))]
    pub monday: Vec<TimeRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schemars", schemars(length(max = 48)))]
    pub tuesday: Vec<TimeRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schemars", schemars(length(max = 48)))]
    pub wednesday: Vec<TimeRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schemars", schemars(length(max = 48)))]
    pub thursday: Vec<TimeRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schemars", schemars(length(max = 48)))]
    pub friday: Vec<TimeRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schemars", schemars(length(max = 48)))]
    pub saturday: Vec<TimeRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schemars", schemars(length(max = 48)))]
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

object_only!(Week, "an object of weekdays (\"monday\" to \"sunday\")");

/// Monday to Sunday.
pub(crate) const WEEKDAYS: [chrono::Weekday; 7] = {
    use chrono::Weekday::*;
    [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
};

/// A local time range assigned to an interval.
///
/// `from` is included, `to` is not. When `to` is not after `from` (as in
/// 22:00–06:00) the range runs past midnight and ends at `to` on the next
/// day; it still belongs to the day it starts on. `to` may be `24:00`. A
/// range whose `from` equals its `to` is refused (write 00:00 to 24:00 for
/// a whole day).
///
/// It may gain fields: build one with [`TimeRange::new`] or
/// [`TimeRange::working`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, remote = "Self")]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schemars",
    schemars(
        rename = "TimeRange",
        description = "A local time range, `from` included, `to` excluded; `to` at or before `from` runs past midnight into the next day."
    )
)]
#[non_exhaustive]
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

object_only!(TimeRange, "a range object with \"from\" and \"to\"");

impl TimeRange {
    /// A range in the interval named `interval`.
    pub fn new(
        from: Clock,
        to: Clock,
        interval: impl Into<String>,
    ) -> TimeRange {
        TimeRange { from, to, interval: interval.into() }
    }

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

/// A dated exception: from `from` to `to` (both included; one day when
/// `to` is left out), these ranges replace the weekly plan's. No ranges
/// means closed: "Non-working time" all day.
///
/// It may gain fields: build one with [`Exception::closed`] and the
/// chained setters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, remote = "Self")]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schemars",
    schemars(
        rename = "Exception",
        description = "Dates from `from` to `to` (included) whose ranges replace the weekly plan's; no ranges closes them."
    )
)]
#[non_exhaustive]
pub struct Exception {
    /// A label for people ("Christmas"); not used by the queries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// First date.
    #[cfg_attr(feature = "schemars", schemars(with = "IsoDate"))]
    pub from: NaiveDate,
    /// Last date, included; the same as `from` when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<IsoDate>"))]
    pub to: Option<NaiveDate>,
    /// The ranges of each of these dates (the same every day).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schemars", schemars(length(max = 48)))]
    pub ranges: Vec<TimeRange>,
}

object_only!(Exception, "an exception object with \"from\"");

impl Exception {
    /// An exception on the single date `date`, closed (no ranges) until
    /// ranges are added.
    pub fn closed(date: NaiveDate) -> Exception {
        Exception { name: None, from: date, to: None, ranges: Vec::new() }
    }

    /// Sets the last date, included.
    pub fn until(mut self, last: NaiveDate) -> Exception {
        self.to = Some(last);
        self
    }

    /// Sets the label for people.
    pub fn name(mut self, name: impl Into<String>) -> Exception {
        self.name = Some(name.into());
        self
    }

    /// Adds a range to each of its dates.
    pub fn range(mut self, range: TimeRange) -> Exception {
        self.ranges.push(range);
        self
    }

    /// The last date, included.
    pub fn last(&self) -> NaiveDate {
        self.to.unwrap_or(self.from)
    }
}
