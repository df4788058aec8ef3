/*!
Business hours for a phone number: which named interval ("Working time",
"Non-working time", or one of up to three more) is in force at any instant,
since when, until when, and what the next week looks like, in the
business's own time zone and right across daylight-saving changes.

```
use chrono::{TimeZone, Utc};
use business_hours::Schedule;

let s = Schedule::from_json(r#"{
    "time_zone": "Europe/Warsaw",
    "intervals": ["Lunch break"],
    "week": {
        "monday": [
            { "from": "08:00", "to": "12:00" },
            { "from": "12:00", "to": "12:30", "interval": "Lunch break" },
            { "from": "12:30", "to": "16:00" }
        ],
        "saturday": [{ "from": "22:00", "to": "06:00" }]
    },
    "exceptions": [
        { "name": "Christmas", "from": "2026-12-24", "to": "2026-12-26" }
    ]
}"#)?;

// Monday 2026-11-23, 12:10 in Warsaw (11:10 UTC).
let now = Utc.with_ymd_and_hms(2026, 11, 23, 11, 10, 0).unwrap();
let state = s.at(now);
assert_eq!(state.interval(), "Lunch break");
assert_eq!(state.until().unwrap().to_rfc3339(), "2026-11-23T11:30:00+00:00");
# Ok::<(), Box<dyn std::error::Error>>(())
```

# Overview

- [`ScheduleConfig`] is the human-writable form (serde; JSON through
  [`Schedule::from_json`]): the time zone, round the clock or weekly,
  extra interval names, ranges per weekday, dated exceptions.
- [`Schedule::new`] checks it and reports every problem at once, each
  with the path of the bad value.
- Queries take the instant as a parameter and never read a clock:
  [`Schedule::at`] (interval, since, until, source),
  [`Schedule::next_change`], [`Schedule::calendar`] and
  [`Schedule::calendar_dates`]. A typical query takes about 50 ns; the
  first query of a schedule (and of its clones) also builds the zone's
  offset table, about 0.27 ms (see the README's Speed section).

# Rules

- Time that no range covers is "Non-working time"; a weekday with no
  ranges is non-working all day.
- A range `from`–`to` includes `from` and excludes `to`. When `to` is at or
  before `from` (22:00–06:00) the range runs past midnight and **belongs
  to the day it starts on**: Saturday's 22:00–06:00 is Saturday's range,
  in force until Sunday 06:00. `24:00` is a valid end.
- A dated exception replaces the ranges that *start* on its dates; a range
  of the day before that runs past midnight still runs to its end (it
  belongs to the day before). An exception with no ranges closes its
  dates.
- Daylight saving: see the policy in one place below.

# Daylight saving

A range boundary (a local time on a local date) becomes **the earliest
instant whose local wall-clock time is at or after it**. A boundary in a
spring-forward gap moves to the first instant after the gap; a boundary in
a fall-back fold takes the first occurrence; a range that covers a gap is
shorter in real time, and one that covers a fold longer. An instant is
placed by comparing it with these resolved boundaries, so the answers are
the same for both passes through a fold's wall-clock times whichever range
they fall in. Tests check the rule against an independent computation
(Python's `zoneinfo`, tzdata 2025b) in ten zones, among them 30-minute
shifts (Australia/Lord_Howe), transitions at midnight (America/Santiago,
Africa/Cairo), no DST (Asia/Kolkata) and +12:45 (Pacific/Chatham).

# Errors

[`Error`] lists every [`Problem`]; each has a `path` (`week.monday[1]`,
`exceptions[0].ranges[2].interval`) and a [`ProblemKind`] to match on.

# Input safety

Instants are taken in the years 1 to 9999 (RFC 3339's range); an instant
outside is answered as if it were at the nearest end of that range, since
chrono cannot give a local time beyond it.

The limits in [`limits`] bound the work of every query: at most 48 ranges a
day, 1000 exceptions, 366 days an exception. A query walks at most a week
beyond the last exception before concluding that nothing changes, and
skips runs of identical days, so it always terminates.

# Dependencies

- `chrono` and `chrono-tz`: dates and the IANA tz database.
- `serde` and `serde_json`: the config format; `serde_path_to_error` (by
  the author of serde) names the path of a bad value in a parse error,
  which serde alone cannot.
- `thiserror`: error messages.
*/

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod clock;
mod compile;
mod config;
mod error;
mod fast;
mod schedule;
mod zone;

pub use crate::clock::{Clock, ClockError};
pub use crate::config::{
    Exception, Mode, ParseModeError, ScheduleConfig, TimeRange, Week,
    NON_WORKING_TIME, WORKING_TIME,
};
pub use crate::error::{Error, Problem, ProblemKind};
pub use crate::schedule::{
    Calendar, Change, Entry, ParseSourceError, Period, Schedule, Source, State,
};

/// The limits on a schedule, checked by [`Schedule::new`].
pub mod limits {
    pub use crate::compile::{
        MAX_EXCEPTIONS, MAX_EXCEPTION_DAYS, MAX_EXTRA_INTERVALS,
        MAX_JSON_BYTES, MAX_NAME_CHARS, MAX_RANGES_PER_DAY,
    };
}

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
