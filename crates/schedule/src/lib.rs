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
  extra interval names, ranges per weekday, dated exceptions. Build one
  in code with [`ScheduleConfig::new`] and its setters.
- [`Schedule::new`] checks it and reports every problem at once, each
  with the path of the bad value.
- Queries take the instant as a parameter and never read a clock:
  [`Schedule::at`] (interval, since, until, source),
  [`Schedule::next_change`], [`Schedule::calendar`] and
  [`Schedule::calendar_dates`]. A typical query takes about 50 ns; the
  first query of a schedule (and of its clones) also builds the zone's
  offset table, about 0.27 ms (see the README's Speed section).
- The questions hosts ask most are answered directly, with no loop over
  changes in the host: [`Schedule::next_begin`] (when does the interval
  named X next begin, and until when) and [`Schedule::next_allowed`] (given
  the intervals during which sending is allowed: allowed now? if not, from
  when; and until when).
- Results ([`State`], [`Change`], [`Entry`], [`Period`]) implement
  `serde::Serialize` for logs and messages, with times in RFC 3339 UTC.

### Sending only in working time

```
use chrono::{TimeZone, Utc};
use business_hours::Schedule;

let s = Schedule::from_json(r#"{
    "time_zone": "Europe/Warsaw",
    "week": { "friday": [{ "from": "08:00", "to": "16:00" }] }
}"#)?;
// Friday 2026-11-27 18:00 in Warsaw: closed; allowed again next Friday.
let t = Utc.with_ymd_and_hms(2026, 11, 27, 17, 0, 0).unwrap();
let next = s.next_allowed(&["Working time"], t).unwrap();
assert!(!next.contains(t));
assert_eq!(next.start().to_rfc3339(), "2026-12-04T07:00:00+00:00");
assert_eq!(next.end().unwrap().to_rfc3339(), "2026-12-04T15:00:00+00:00");
# Ok::<(), business_hours::Error>(())
```

# API stability

Types that may gain fields or variants in a minor release are marked
`#[non_exhaustive]`:

- [`ScheduleConfig`], [`TimeRange`] and [`Exception`] may gain fields.
  Their fields stay public to read and edit; build them with
  [`ScheduleConfig::new`] and its setters, [`TimeRange::new`] /
  [`TimeRange::working`], and [`Exception::closed`] and its setters (or
  read them with serde). [`Week`] has one field per weekday and will not
  grow.
- [`Mode`], [`Source`] and [`ProblemKind`] may gain variants: match them
  with a wildcard arm (`_ => ...`).
- Results ([`State`], [`Change`], [`Entry`], [`Period`]) and errors
  ([`Error`], [`Problem`]) keep their fields private behind accessors, so
  they can grow without breaking anyone.

[`Error`], [`Problem`] and [`ProblemKind`] have the same shape and meaning
as the types of that name in this workspace's other crates (every problem
at once, each with its path); use them with the crate path
(`business_hours::Error`) when several crates are in scope.

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
`exceptions[0].ranges[2].interval`), a [`ProblemKind`] to match on, and,
for a problem found while reading JSON, its line and column. Its
`Display` is one line for one problem, else a count and numbered lines
(at most 50, then "… and N more"):

```text
invalid schedule: 2 problems:
  1. time_zone: unknown time zone "Europe/Warsw"; did you mean "Europe/Warsaw"?
  2. week.monday[1]: range 16:00–18:00 overlaps week.monday[0] (09:00–17:00)
```

# Input safety

[`Schedule::from_json`] refuses a text longer than
[`limits::MAX_JSON_BYTES`] (8 MiB) before parsing it, and reads only the
documented object form (not serde's array form of a struct).

Instants are taken in the years 1 to 9999 (RFC 3339's range); an instant
outside is answered as if it were at the nearest end of that range, since
chrono cannot give a local time beyond it.

The limits in [`limits`] bound the work of every query: at most 48 ranges a
day, 1000 exceptions, 366 days an exception. A query walks at most a week
beyond the last exception before concluding that nothing changes, and
skips runs of identical days, so it always terminates. The tables the
fast path builds on first use are bounded too: the zone's offsets from
1990 to 2100 (a few kB), and for a schedule with exceptions a timeline of
the local days around them, built only when they span at most about five
years (at most about 180,000 pieces, some 7 MB for a schedule at every
limit; typically a few thousand pieces).

Time and memory of each entry point, with n the length of the JSON text
and r the number of ranges and exceptions (bounded by the limits):

| function | time | memory beyond its result |
|---|---|---|
| `Schedule::from_json` | O(n) | the config, O(n) |
| `Schedule::new` | O(r log r) (every overlap is found by sorting) | O(r) |
| `Schedule::at`, `next_change` | O(log r) on the fast path; at most a week of days past the last exception on the general walk | O(1) (the first query builds the tables above) |
| `Schedule::next_begin`, `next_allowed` | as `next_change`, times the changes until the answer (at most a week past the last exception) | O(1) |
| `Schedule::calendar`, `calendar_dates` | O(entries returned) | O(1) per entry, lazily |
| `Schedule::to_json` | O(r) | O(r) |

# Crate features

- `schemars` (off by default): `ScheduleConfig::json_schema()`, the JSON
  Schema of the file format, for editors and web forms.

# Dependencies

- `chrono` and `chrono-tz`: dates and the IANA tz database.
- `serde` and `serde_json`: the config format; `serde_path_to_error` (by
  the author of serde) names the path of a bad value in a parse error,
  which serde alone cannot.
- `thiserror`: error messages.
- `schemars` (optional, feature `schemars`): derives the JSON Schema from
  the same types serde reads, so the schema cannot drift from the loader.
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
mod words;
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
