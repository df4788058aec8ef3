//! The schedule and its queries.

use core::fmt;
use core::str::FromStr;

use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::compile::{self, Compiled, Owner, Slot, NON_WORKING, WORKING};
use crate::config::ScheduleConfig;
use crate::error::{Error, Problem, ProblemKind};
use crate::{fast, zone};

/// A checked schedule, ready for queries. Build it from a
/// [`ScheduleConfig`] with [`Schedule::new`] or read it with
/// [`Schedule::from_json`]; it serializes back to the same config.
///
/// A schedule is a plain value: `Clone` it to copy one number's settings to
/// another; it is `Send + Sync`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ScheduleConfig", into = "ScheduleConfig")]
pub struct Schedule {
    config: ScheduleConfig,
    compiled: Compiled,
    fast: Fast,
}

/// What the fast path needs: the weekly cycle (built with the schedule)
/// and the zone's offset table (built on the first query, about 0.27 ms).
/// Derived from the config, so it never affects equality.
#[derive(Clone, Debug)]
struct Fast {
    plan: Option<fast::Plan>,
    /// The interval of a week that is one interval throughout.
    uniform: Option<u8>,
    /// Shared by clones, so copying a schedule to another number reuses
    /// the table.
    offsets: std::sync::Arc<std::sync::OnceLock<fast::Offsets>>,
    /// The local timeline around the exceptions (built on the first query
    /// that needs it), if the schedule has exceptions within a few years.
    timeline: std::sync::Arc<std::sync::OnceLock<Option<fast::Timeline>>>,
}

impl PartialEq for Fast {
    fn eq(&self, _: &Fast) -> bool {
        true
    }
}

impl Eq for Fast {}

/// Which part of the schedule produced an interval.
///
/// `Display` names the part by its path in the config, and `FromStr`
/// reads the same spellings back:
///
/// | source | spelling |
/// |---|---|
/// | round the clock | `round the clock` |
/// | a weekly range | `week.monday[0]` |
/// | a range of an exception | `exceptions[1].ranges[0] on 2026-12-31` |
/// | time no range covers | `no range` |
/// | ... on a date of an exception | `exceptions[0], no range` |
///
/// It may gain variants: match it with a wildcard arm.
///
/// # Example
/// ```
/// use business_hours::Source;
/// use chrono::Weekday;
///
/// let s = Source::Weekly { weekday: Weekday::Sat, range: 0 };
/// assert_eq!(s.to_string(), "week.saturday[0]");
/// assert_eq!("week.saturday[0]".parse::<Source>()?, s);
/// # Ok::<(), business_hours::ParseSourceError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Source {
    /// The number works round the clock.
    RoundTheClock,
    /// A range of the weekly plan: `week.<weekday>[range]`, on the day it
    /// starts (a range past midnight belongs to the day it starts on).
    Weekly {
        /// The weekday that owns the range.
        weekday: Weekday,
        /// Index of the range in that weekday's list.
        range: usize,
    },
    /// A range of a dated exception: `exceptions[exception].ranges[range]`.
    Exception {
        /// Index of the exception in the config.
        exception: usize,
        /// The date that owns the range.
        date: NaiveDate,
        /// Index of the range in the exception's list.
        range: usize,
    },
    /// No range covers the time: "Non-working time". `exception` is the
    /// exception whose date it is, if any (a day it closes).
    Uncovered {
        /// Index of the exception covering the date, if any.
        exception: Option<usize>,
    },
}

impl Source {
    /// The config path of the range that produced the interval
    /// (`week.saturday[0]`, `exceptions[1].ranges[0]`), or of the
    /// exception that closed the date (`exceptions[0]`); `None` for time
    /// no range covers and for round the clock.
    pub fn path(&self) -> Option<String> {
        match *self {
            Source::RoundTheClock | Source::Uncovered { exception: None } => {
                None
            }
            Source::Weekly { weekday, range } => {
                Some(format!("{}[{range}]", crate::compile::path_day(weekday)))
            }
            Source::Exception { exception, range, .. } => {
                Some(format!("exceptions[{exception}].ranges[{range}]"))
            }
            Source::Uncovered { exception: Some(k) } => {
                Some(format!("exceptions[{k}]"))
            }
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Source::RoundTheClock => f.write_str("round the clock"),
            Source::Weekly { weekday, range } => {
                write!(f, "{}[{range}]", crate::compile::path_day(weekday))
            }
            Source::Exception { exception, date, range } => {
                write!(f, "exceptions[{exception}].ranges[{range}] on {date}")
            }
            Source::Uncovered { exception: None } => f.write_str("no range"),
            Source::Uncovered { exception: Some(k) } => {
                write!(f, "exceptions[{k}], no range")
            }
        }
    }
}

impl FromStr for Source {
    type Err = ParseSourceError;

    fn from_str(s: &str) -> Result<Source, ParseSourceError> {
        parse_source(s).ok_or_else(|| ParseSourceError { text: s.to_string() })
    }
}

/// `[n]` at the start of `s`, and the rest.
fn index(s: &str) -> Option<(usize, &str)> {
    let (digits, rest) = s.strip_prefix('[')?.split_once(']')?;
    let plain = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    Some((digits.parse().ok().filter(|_| plain)?, rest))
}

fn parse_source(s: &str) -> Option<Source> {
    match s {
        "round the clock" => return Some(Source::RoundTheClock),
        "no range" => return Some(Source::Uncovered { exception: None }),
        _ => {}
    }
    if let Some(rest) = s.strip_prefix("week.") {
        let weekday = crate::config::WEEKDAYS.into_iter().find(|&wd| {
            rest.starts_with(&crate::compile::path_day(wd)["week.".len()..])
        })?;
        let rest = &rest[crate::compile::path_day(weekday).len() - 5..];
        let (range, rest) = index(rest)?;
        return rest.is_empty().then_some(Source::Weekly { weekday, range });
    }
    let (exception, rest) = index(s.strip_prefix("exceptions")?)?;
    if rest == ", no range" {
        return Some(Source::Uncovered { exception: Some(exception) });
    }
    let (range, rest) = index(rest.strip_prefix(".ranges")?)?;
    let date = rest.strip_prefix(" on ")?;
    // Only the spelling `Display` gives: YYYY-MM-DD.
    if date.len() != 10 {
        return None;
    }
    let date = date.parse().ok()?;
    Some(Source::Exception { exception, date, range })
}

/// A text that is not a [`Source`]'s spelling.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown source {text:?}; expected \"round the clock\", \
     \"week.monday[0]\" (any weekday and index), \
     \"exceptions[1].ranges[0] on 2026-12-31\", \"no range\" or \
     \"exceptions[0], no range\""
)]
pub struct ParseSourceError {
    text: String,
}

/// Written as its `Display` spelling (`"week.monday[0]"`).
impl Serialize for Source {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The interval in force at an instant, since when and until when
/// ([`Schedule::at`]). Serializes as `{"interval", "since", "until",
/// "source"}` with times in RFC 3339 UTC and `null` for "never".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct State<'s> {
    interval: &'s str,
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
    source: Source,
}

impl<'s> State<'s> {
    /// The interval's name.
    pub fn interval(&self) -> &'s str {
        self.interval
    }

    /// When this interval began, after a different one; `None` if it never
    /// began (it has always been in force).
    pub fn since(&self) -> Option<DateTime<Utc>> {
        self.since
    }

    /// When a different interval begins; `None` if this one never ends.
    pub fn until(&self) -> Option<DateTime<Utc>> {
        self.until
    }

    /// What produced the interval at this instant.
    pub fn source(&self) -> Source {
        self.source
    }
}

/// A change of interval ([`Schedule::next_change`]). Serializes as
/// `{"at", "from", "to", "source"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Change<'s> {
    at: DateTime<Utc>,
    from: &'s str,
    to: &'s str,
    source: Source,
}

impl<'s> Change<'s> {
    /// When it happens.
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// The interval before.
    pub fn from(&self) -> &'s str {
        self.from
    }

    /// The interval after.
    pub fn to(&self) -> &'s str {
        self.to
    }

    /// What produces the new interval.
    pub fn source(&self) -> Source {
        self.source
    }
}

/// One entry of an effective calendar ([`Schedule::calendar`]): an
/// interval from `start` to `end`. Serializes as `{"interval", "start",
/// "end", "source"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Entry<'s> {
    interval: &'s str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    source: Source,
}

impl<'s> Entry<'s> {
    /// The interval's name.
    pub fn interval(&self) -> &'s str {
        self.interval
    }

    /// Start, included (clipped to the calendar's start).
    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// End, excluded (clipped to the calendar's end).
    pub fn end(&self) -> DateTime<Utc> {
        self.end
    }

    /// What produced the interval at `start`.
    pub fn source(&self) -> Source {
        self.source
    }
}

/// A stretch of time from `start` (included) to `end` (excluded; `None`
/// when it never ends): when an interval is next in force
/// ([`Schedule::next_begin`]), or when sending is allowed
/// ([`Schedule::next_allowed`]). Serializes as `{"start", "end"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Period {
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
}

impl Period {
    /// The first instant, included.
    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// The end, excluded; `None` if the period never ends.
    pub fn end(&self) -> Option<DateTime<Utc>> {
        self.end
    }

    /// Whether `t` lies in the period.
    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.start <= t && self.end.is_none_or(|end| t < end)
    }
}

/// The entries of [`Schedule::calendar`], in order.
#[derive(Clone, Debug)]
pub struct Calendar<'s> {
    schedule: &'s Schedule,
    walk: Walk<'s>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    done: bool,
}

/// How a calendar finds its entries.
#[derive(Clone, Debug)]
enum Walk<'s> {
    /// One entry for the whole range (round the clock).
    Whole,
    /// Runs of the weekly cycle under one offset.
    Fast(fast::FastCalendar),
    /// The general walk over days and pieces.
    General(Cursor<'s>),
}

impl<'s> Iterator for Calendar<'s> {
    type Item = Entry<'s>;

    fn size_hint(&self) -> (usize, Option<usize>) {
        match &self.walk {
            _ if self.done => (0, Some(0)),
            Walk::Whole => (1, Some(1)),
            Walk::Fast(f) => {
                let plan = self.schedule.fast.plan.as_ref();
                let timeline = self.schedule.timeline();
                (f.remaining(plan, timeline, self.end, 1024), None)
            }
            Walk::General(_) => (0, None),
        }
    }

    fn next(&mut self) -> Option<Entry<'s>> {
        if self.done {
            return None;
        }
        let schedule = self.schedule;
        let cursor = match &mut self.walk {
            Walk::Whole => {
                self.done = true;
                return Some(Entry {
                    interval: schedule.name(WORKING),
                    start: self.start,
                    end: self.end,
                    source: Source::RoundTheClock,
                });
            }
            Walk::Fast(f) => {
                let plan = schedule.fast.plan.as_ref();
                let (interval, source, start, end) =
                    f.next_run(plan, schedule.timeline())?;
                if end >= self.end {
                    self.done = true;
                }
                return Some(Entry {
                    interval: schedule.name(interval),
                    start: start.max(self.start),
                    end: end.min(self.end),
                    source,
                });
            }
            Walk::General(cursor) => cursor,
        };
        let first = cursor.span();
        let mut end = first.end;
        loop {
            if end >= self.end {
                self.done = true;
                break;
            }
            if !cursor.step(true) {
                // Nothing changes any more.
                end = self.end;
                self.done = true;
                break;
            }
            let span = cursor.span();
            if span.interval != first.interval {
                // Contiguous, also across skipped identical days.
                end = span.start;
                break;
            }
            end = span.end;
        }
        if end >= self.end {
            // A run of identical days may have carried past the end.
            self.done = true;
        }
        Some(Entry {
            interval: schedule.name(first.interval),
            start: first.start.max(self.start),
            end: end.min(self.end),
            source: first.source,
        })
    }
}

/// A piece of a local day: minutes `start..end` (within 0..=1440) in one
/// interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    start: u16,
    end: u16,
    interval: u8,
    source: Source,
}

/// A piece placed in real time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    interval: u8,
    source: Source,
}

impl Schedule {
    /// Checks `config` and compiles it.
    ///
    /// # Errors
    /// Every problem at once (see [`ProblemKind`]): unknown time zone,
    /// interval names empty, duplicated or more than 3 extra, a range
    /// naming an unknown interval, zero-length ranges, overlapping ranges
    /// (also across midnight and around exceptions), exceptions that end
    /// before they start or share dates, and the limits of
    /// [`limits`](crate::limits).
    pub fn new(config: ScheduleConfig) -> Result<Schedule, Error> {
        match compile::compile(&config) {
            Ok(compiled) => {
                let fast = Fast {
                    plan: fast::Plan::new(&compiled),
                    uniform: fast::uniform_interval(&compiled.week),
                    offsets: Default::default(),
                    timeline: Default::default(),
                };
                Ok(Schedule { config, compiled, fast })
            }
            Err(problems) => Err(Error::new(problems)),
        }
    }

    /// Reads a schedule from its JSON form (see the crate docs). Only the
    /// documented object form is read: serde's array form of a struct is
    /// refused.
    ///
    /// # Errors
    /// - [`ProblemKind::TooLong`]: the text is longer than
    ///   [`MAX_JSON_BYTES`](crate::limits::MAX_JSON_BYTES), checked before
    ///   it is parsed.
    /// - [`ProblemKind::Empty`]: the text is empty or only white space.
    /// - [`ProblemKind::Syntax`]: bad JSON, a wrong type, an unknown field
    ///   or a malformed time or date, with the path of the bad value
    ///   (`week.monday[0].to`) and its line and column. Reading stops at
    ///   the first.
    /// - Otherwise every problem of [`Schedule::new`].
    pub fn from_json(json: &str) -> Result<Schedule, Error> {
        let whole = |kind| Error::new(vec![Problem::new(String::new(), kind)]);
        if json.len() > compile::MAX_JSON_BYTES {
            let limit = compile::MAX_JSON_BYTES;
            return Err(whole(ProblemKind::TooLong {
                bytes: json.len(),
                limit,
            }));
        }
        if json.trim().is_empty() {
            return Err(whole(ProblemKind::Empty));
        }
        let mut de = serde_json::Deserializer::from_str(json);
        let config: ScheduleConfig = serde_path_to_error::deserialize(&mut de)
            .map_err(|e| {
                let path = e.path().to_string();
                let path = if path == "." { String::new() } else { path };
                Error::new(vec![syntax(path, &e.into_inner())])
            })?;
        de.end().map_err(|e| Error::new(vec![syntax(String::new(), &e)]))?;
        Schedule::new(config)
    }

    /// The JSON form, pretty-printed; [`from_json`](Self::from_json) reads
    /// it back to an equal schedule.
    pub fn to_json(&self) -> String {
        // Serializing plain strings, dates and times cannot fail.
        serde_json::to_string_pretty(&self.config).unwrap_or_default()
    }

    /// The config this schedule was built from.
    pub fn config(&self) -> &ScheduleConfig {
        &self.config
    }

    /// The business's time zone.
    pub fn time_zone(&self) -> Tz {
        self.compiled.tz
    }

    /// The interval names: "Working time", "Non-working time", then the
    /// extra ones in config order.
    pub fn intervals(&self) -> impl Iterator<Item = &str> {
        self.compiled.names.iter().map(String::as_str)
    }

    /// The run around `t` by the fast path, when it applies.
    fn fast_run(&self, t: DateTime<Utc>) -> Option<fast::Run> {
        let plan = self.fast.plan.as_ref();
        fast::run(plan, self.timeline(), self.offsets(), t)
    }

    /// The local timeline around the exceptions, built on first use: from
    /// a week before the first exception to a week after the last, if
    /// that is at most about five years.
    fn timeline(&self) -> Option<&fast::Timeline> {
        if self.compiled.exceptions.is_empty() {
            return None;
        }
        self.fast
            .timeline
            .get_or_init(|| {
                let c = &self.compiled;
                let week = Duration::days(8);
                let first =
                    c.exceptions.first()?.from.checked_sub_signed(week)?;
                let last = c
                    .exceptions
                    .iter()
                    .map(|e| e.last)
                    .max()?
                    .checked_add_signed(week)?;
                if (last - first).num_days() > fast::TIMELINE_DAYS {
                    return None;
                }
                let mut pieces = Vec::new();
                fast::Timeline::new(first, last, |date, out| {
                    self.pieces(date, &mut pieces);
                    out.clear();
                    out.extend(
                        pieces
                            .iter()
                            .map(|p| (p.start, p.end, p.interval, p.source)),
                    );
                })
            })
            .as_ref()
    }

    /// The instant of a local boundary under the DST policy (see
    /// `zone.rs`): by the offset table inside its window, else by chrono-tz.
    fn resolve(&self, local: chrono::NaiveDateTime) -> DateTime<Utc> {
        let secs = local.and_utc().timestamp();
        match self
            .offsets()
            .resolve(secs)
            .and_then(|t| DateTime::from_timestamp(t, 0))
        {
            Some(t) => t,
            None => zone::resolve(self.compiled.tz, local),
        }
    }

    /// The local wall-clock time at `t`.
    fn local(&self, t: DateTime<Utc>) -> chrono::NaiveDateTime {
        let secs = t.timestamp();
        let local = self
            .offsets()
            .offset(secs)
            .and_then(|o| DateTime::from_timestamp(secs + i64::from(o), 0));
        match local {
            Some(l) => l.naive_utc(),
            None => zone::local(self.compiled.tz, t),
        }
    }

    /// The zone's offset table, built on first use.
    fn offsets(&self) -> &fast::Offsets {
        let tz = self.compiled.tz;
        self.fast.offsets.get_or_init(|| fast::Offsets::new(tz))
    }

    fn name(&self, interval: u8) -> &str {
        self.compiled
            .names
            .get(usize::from(interval))
            .map_or("", String::as_str)
    }

    /// The interval in force at `t`, since when and until when, and what
    /// produced it.
    ///
    /// # Example
    /// ```
    /// use chrono::{TimeZone, Utc};
    ///
    /// let s = business_hours::Schedule::from_json(r#"{
    ///     "time_zone": "Europe/Warsaw",
    ///     "week": { "monday": [{ "from": "09:00", "to": "17:00" }] }
    /// }"#)?;
    /// // Monday 2026-11-23 10:00 in Warsaw is 09:00 UTC.
    /// let state = s.at(Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap());
    /// assert_eq!(state.interval(), "Working time");
    /// assert_eq!(state.until().unwrap().to_rfc3339(), "2026-11-23T16:00:00+00:00");
    /// # Ok::<(), business_hours::Error>(())
    /// ```
    pub fn at(&self, t: DateTime<Utc>) -> State<'_> {
        if self.compiled.always {
            return State {
                interval: self.name(WORKING),
                since: None,
                until: None,
                source: Source::RoundTheClock,
            };
        }
        if let Some(run) = self.fast_run(t) {
            return State {
                interval: self.name(run.interval),
                since: Some(run.since),
                until: Some(run.until),
                source: run.source,
            };
        }
        let state = self.at_general(t);
        // Only an instant outside the years 1 to 9999 (answered at the
        // nearest end) can see these on the wrong side.
        State {
            since: state.since.filter(|s| *s <= t),
            until: state.until.filter(|u| *u > t),
            ..state
        }
    }

    /// [`Schedule::at`] by the calendar walk alone, without the fast path.
    fn at_general(&self, t: DateTime<Utc>) -> State<'_> {
        let mut cursor = Cursor::around(self, t);
        let here = cursor.span();
        let saved = cursor.save();
        let until = self.find_change(&mut cursor, here.interval, true);
        cursor.restore(saved);
        let since = self.find_change(&mut cursor, here.interval, false);
        State {
            interval: self.name(here.interval),
            since,
            until,
            source: here.source,
        }
    }

    /// The first change of interval after `t` (strictly), or `None` if the
    /// interval in force never changes again. Always terminates: the search
    /// stops a week past the last exception.
    pub fn next_change(&self, t: DateTime<Utc>) -> Option<Change<'_>> {
        if self.compiled.always {
            return None;
        }
        if let Some(run) = self.fast_run(t) {
            return Some(Change {
                at: run.until,
                from: self.name(run.interval),
                to: self.name(run.next_interval),
                source: run.next_source,
            });
        }
        let mut cursor = Cursor::around(self, t);
        let from = cursor.span().interval;
        let at = self.find_change(&mut cursor, from, true)?;
        let span = cursor.span();
        Some(Change {
            at,
            from: self.name(from),
            to: self.name(span.interval),
            source: span.source,
        })
    }

    /// When the interval named `interval` next begins after `t`
    /// (strictly), and when that stretch of it ends (`None`: never). If
    /// the interval is in force at `t`, this is its next beginning after
    /// the current stretch. `None` if it never begins again after `t`, or
    /// the schedule has no interval of that name.
    ///
    /// The answer comes from the schedule's calendar, with no loop in the
    /// host: the search ends two weeks past the later of `t` and the last
    /// exception, where the weekly plan repeats unchanged.
    ///
    /// # Example
    /// ```
    /// use chrono::{TimeZone, Utc};
    ///
    /// let s = business_hours::Schedule::from_json(r#"{
    ///     "time_zone": "Europe/Warsaw",
    ///     "intervals": ["Lunch break"],
    ///     "week": { "friday": [
    ///         { "from": "09:00", "to": "12:00" },
    ///         { "from": "12:00", "to": "12:30", "interval": "Lunch break" },
    ///         { "from": "12:30", "to": "17:00" }
    ///     ] }
    /// }"#)?;
    /// // Monday 2026-11-23 10:00 in Warsaw (09:00 UTC).
    /// let t = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    /// let lunch = s.next_begin("Lunch break", t).unwrap();
    /// assert_eq!(lunch.start().to_rfc3339(), "2026-11-27T11:00:00+00:00");
    /// assert_eq!(lunch.end().unwrap().to_rfc3339(), "2026-11-27T11:30:00+00:00");
    /// # Ok::<(), business_hours::Error>(())
    /// ```
    pub fn next_begin(
        &self,
        interval: &str,
        t: DateTime<Utc>,
    ) -> Option<Period> {
        let k = self.compiled.names.iter().position(|n| n == interval)?;
        if self.compiled.always {
            // Working time never began nor ends; the others never come.
            return None;
        }
        let k = k as u8;
        if let Some(answer) = self.next_begin_fast(k, t) {
            return answer;
        }
        let end = self.search_end(t);
        // The first run holds `t`; every later one begins after it.
        let (_, start, to) =
            self.runs(t, end).skip(1).find(|&(i, _, _)| i == k)?;
        let until = if to < end { Some(to) } else { self.at(start).until };
        Some(Period { start, end: until })
    }

    /// When sending is allowed next, where sending is allowed while one of
    /// the intervals named in `allowed` is in force: from `t` itself if it
    /// is allowed at `t`, else from the next instant it is; and until when
    /// (`None`: never stops). Adjacent allowed intervals ("Working time"
    /// then "Lunch break", both allowed) make one period. `None` if sending
    /// is never allowed at or after `t`. Names the schedule does not have
    /// are ignored.
    ///
    /// The answer comes from the schedule's calendar, with no loop in the
    /// host (see [`next_begin`](Self::next_begin)).
    ///
    /// # Example
    /// ```
    /// use chrono::{TimeZone, Utc};
    ///
    /// let s = business_hours::Schedule::from_json(r#"{
    ///     "time_zone": "Europe/Warsaw",
    ///     "week": { "monday": [{ "from": "08:00", "to": "16:00" }] }
    /// }"#)?;
    /// // Monday 2026-11-23 17:00 in Warsaw (16:00 UTC): closed until the
    /// // next Monday's 08:00.
    /// let t = Utc.with_ymd_and_hms(2026, 11, 23, 16, 0, 0).unwrap();
    /// let next = s.next_allowed(&["Working time"], t).unwrap();
    /// assert!(!next.contains(t));
    /// assert_eq!(next.start().to_rfc3339(), "2026-11-30T07:00:00+00:00");
    /// assert_eq!(next.end().unwrap().to_rfc3339(), "2026-11-30T15:00:00+00:00");
    /// // At 10:00 it is allowed now, until 16:00.
    /// let t = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    /// let now = s.next_allowed(&["Working time"], t).unwrap();
    /// assert_eq!(now.start(), t);
    /// # Ok::<(), business_hours::Error>(())
    /// ```
    pub fn next_allowed(
        &self,
        allowed: &[&str],
        t: DateTime<Utc>,
    ) -> Option<Period> {
        let mask = self.mask(allowed);
        if mask == 0 {
            return None;
        }
        let yes = |i: u8| mask & (1u128 << i) != 0;
        if self.compiled.always {
            return yes(WORKING).then_some(Period { start: t, end: None });
        }
        if let Some(answer) = self.next_allowed_fast(&yes, t) {
            return answer;
        }
        let end = self.search_end(t);
        let mut start = None;
        for (i, from, _) in self.runs(t, end) {
            match (start, yes(i)) {
                (None, true) => start = Some(from.max(t)),
                (Some(start), false) => {
                    return Some(Period { start, end: Some(from) })
                }
                _ => {}
            }
        }
        // Allowed up to the search's end, past which the weekly plan
        // repeats: a week more tells whether it ever stops.
        let start = start?;
        let stop = self
            .runs(end, end + Duration::days(8))
            .find(|&(i, _, _)| !yes(i))
            .map(|(_, from, _)| from);
        Some(Period { start, end: stop })
    }

    /// [`next_begin`](Self::next_begin) by a scan of the weekly cycle or
    /// the exception timeline; `None` when the scan cannot tell.
    fn next_begin_fast(
        &self,
        k: u8,
        t: DateTime<Utc>,
    ) -> Option<Option<Period>> {
        if general_only() {
            return None;
        }
        let plan = self.fast.plan.as_ref();
        let mut scan =
            fast::Scan::new(plan, self.timeline(), self.offsets(), t)?;
        scan.next()?;
        loop {
            let (i, start, end) = scan.next()?;
            if i == k {
                let o = scan.offset(end)?;
                let period = Period {
                    start: DateTime::from_timestamp(start - o, 0)?,
                    end: Some(DateTime::from_timestamp(end - o, 0)?),
                };
                return Some(Some(period));
            }
        }
    }

    /// [`next_allowed`](Self::next_allowed) by a scan of the weekly cycle
    /// or the exception timeline; `None` when the scan cannot tell.
    fn next_allowed_fast(
        &self,
        yes: &impl Fn(u8) -> bool,
        t: DateTime<Utc>,
    ) -> Option<Option<Period>> {
        if general_only() {
            return None;
        }
        let plan = self.fast.plan.as_ref();
        let mut scan =
            fast::Scan::new(plan, self.timeline(), self.offsets(), t)?;
        let (i, _, _) = scan.next()?;
        // The local start of the allowed stretch; `None` for `t` itself.
        let mut start: Option<Option<i64>> = yes(i).then_some(None);
        loop {
            let (i, from, _) = scan.next()?;
            match (start, yes(i)) {
                (None, true) => start = Some(Some(from)),
                (Some(first), false) => {
                    let o = scan.offset(from)?;
                    let start = match first {
                        Some(s) => DateTime::from_timestamp(s - o, 0)?,
                        None => t,
                    };
                    let end = Some(DateTime::from_timestamp(from - o, 0)?);
                    return Some(Some(Period { start, end }));
                }
                _ => {}
            }
        }
    }

    /// The runs of one interval from `start` to `end` as (interval, start,
    /// end), clipped to the range: the calendar without its entries'
    /// names and sources. Read a week at a time, so that each week can
    /// take the fast path (one calendar over months would cross a
    /// daylight-saving change and take the general walk throughout).
    fn runs(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> impl Iterator<Item = (u8, DateTime<Utc>, DateTime<Utc>)> + '_ {
        let names = &self.compiled.names;
        let plan = self.fast.plan.as_ref();
        let mut chunk_end = start;
        let mut calendar: Option<Calendar<'_>> = None;
        let mut pending: Option<(u8, DateTime<Utc>, DateTime<Utc>)> = None;
        // The next run of the current week, or of the next week.
        let mut raw = move || loop {
            if let Some(calendar) = &mut calendar {
                if let Walk::Fast(f) = &mut calendar.walk {
                    if calendar.done {
                        // Fall through to the next week.
                    } else if let Some((i, _, from, to)) =
                        f.next_run(plan, self.timeline())
                    {
                        calendar.done = to >= calendar.end;
                        return Some((
                            i,
                            from.max(calendar.start),
                            to.min(calendar.end),
                        ));
                    }
                } else if let Some(e) = calendar.next() {
                    let i = names.iter().position(|n| n == e.interval)?;
                    return Some((i as u8, e.start, e.end));
                }
            }
            if chunk_end >= end {
                return None;
            }
            let from = chunk_end;
            chunk_end = (from + Duration::days(7)).min(end);
            calendar = Some(self.calendar(from, chunk_end));
        };
        // Runs split at the weeks' edges are joined again.
        core::iter::from_fn(move || loop {
            match (raw(), pending) {
                (None, last) => {
                    pending = None;
                    return last;
                }
                (Some(r), None) => pending = Some(r),
                (Some(r), Some(p)) if r.0 == p.0 => {
                    pending = Some((p.0, p.1, r.2));
                }
                (Some(r), Some(p)) => {
                    pending = Some(r);
                    return Some(p);
                }
            }
        })
    }

    /// The bit set of the interval indices named in `names`.
    fn mask(&self, names: &[&str]) -> u128 {
        let mut mask = 0u128;
        for (i, n) in self.compiled.names.iter().enumerate().take(128) {
            if names.contains(&n.as_str()) {
                mask |= 1 << i;
            }
        }
        mask
    }

    /// Where [`next_begin`](Self::next_begin) and
    /// [`next_allowed`](Self::next_allowed) stop looking: two weeks past
    /// the later of `t` and the last exception's last date. Past the last
    /// exception the weekly plan repeats, so two weeks of it show every
    /// interval it has.
    fn search_end(&self, t: DateTime<Utc>) -> DateTime<Utc> {
        let t = zone::clamp(t);
        let last = self.compiled.exceptions.last().map(|e| {
            // A day's margin covers any UTC offset.
            zone::naive(e.last, 1440).and_utc() + Duration::days(1)
        });
        zone::clamp(last.map_or(t, |l| l.max(t)) + Duration::days(15))
    }

    /// The effective calendar from `start` to `end`: intervals in order,
    /// adjacent equal intervals merged, the first and last clipped to the
    /// range; nothing if `end <= start`. Lazy: each entry costs the spans
    /// it merges, so a long range costs only what is read of it.
    ///
    /// # Example
    /// ```
    /// use chrono::{Duration, TimeZone, Utc};
    ///
    /// let s = business_hours::Schedule::from_json(r#"{
    ///     "time_zone": "Europe/Berlin",
    ///     "week": { "saturday": [{ "from": "10:00", "to": "14:00" }] }
    /// }"#)?;
    /// let monday = Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap();
    /// let week: Vec<_> = s.calendar(monday, monday + Duration::days(7)).collect();
    /// let names: Vec<_> = week.iter().map(|e| e.interval()).collect();
    /// assert_eq!(names, ["Non-working time", "Working time", "Non-working time"]);
    /// assert_eq!(week[1].start().to_rfc3339(), "2026-11-28T09:00:00+00:00");
    /// # Ok::<(), business_hours::Error>(())
    /// ```
    pub fn calendar(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Calendar<'_> {
        // Outside the years 1 to 9999 there is no local time to go by.
        let (start, end) = (zone::clamp(start), zone::clamp(end));
        let live = end > start;
        let fast = || {
            let plan = self.fast.plan.as_ref();
            fast::calendar(plan, self.timeline(), self.offsets(), start, end)
        };
        let walk = if !live || self.compiled.always {
            Walk::Whole
        } else if let Some(f) = fast().filter(|_| !general_only()) {
            Walk::Fast(f)
        } else {
            let mut cursor = Cursor::around(self, start);
            // Walk on to the end of the range (a day past it, for the
            // offset), not just a week past the start.
            let last_day = zone::clamp(end)
                .date_naive()
                .succ_opt()
                .unwrap_or(NaiveDate::MAX);
            cursor.last = cursor.last.max(self.horizon(last_day, true));
            Walk::General(cursor)
        };
        Calendar { schedule: self, walk, start, end, done: !live }
    }

    /// The effective calendar of the local dates `first..=last`, from local
    /// midnight to local midnight.
    pub fn calendar_dates(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Calendar<'_> {
        let start = self.resolve(zone::naive(first, 0));
        let end = self.resolve(zone::naive(last, 1440));
        self.calendar(start, end)
    }

    /// From the cursor's span, the boundary where the interval first
    /// differs from `interval`, walking forward or backward; leaves the
    /// cursor on the first different span (forward). `None` past the
    /// horizon: the interval never changes.
    fn find_change(
        &self,
        cursor: &mut Cursor<'_>,
        interval: u8,
        forward: bool,
    ) -> Option<DateTime<Utc>> {
        loop {
            if !cursor.step(forward) {
                return None;
            }
            let span = cursor.span();
            if span.interval != interval {
                // Spans are contiguous in real time, also across a run of
                // skipped identical days: the change is where this one
                // meets the last span of `interval`.
                return Some(if forward { span.start } else { span.end });
            }
        }
    }

    /// The pieces of local `date`, covering minutes 0 to 1440 in order.
    fn pieces(&self, date: NaiveDate, out: &mut Vec<Piece>) {
        out.clear();
        let c = &self.compiled;
        let source = |owner: Owner, day: NaiveDate, slot: &Slot| match owner {
            Owner::Weekly(weekday) => {
                Source::Weekly { weekday, range: usize::from(slot.range) }
            }
            Owner::Exception(k) => Source::Exception {
                exception: c.exceptions[k].index,
                date: day,
                range: usize::from(slot.range),
            },
        };
        let mut at = 0u16;
        let uncovered = Source::Uncovered {
            exception: c.exception_at(date).map(|k| c.exceptions[k].index),
        };
        let fill = |out: &mut Vec<Piece>, at: &mut u16, upto: u16| {
            if upto > *at {
                out.push(Piece {
                    start: *at,
                    end: upto,
                    interval: NON_WORKING,
                    source: uncovered,
                });
                *at = upto;
            }
        };
        if let Some(yesterday) = date.pred_opt() {
            let (slots, owner) = c.plan(yesterday);
            for s in slots.iter().filter(|s| s.spills()) {
                // At most one range spills (they do not overlap).
                let end = s.end - 1440;
                out.push(Piece {
                    start: 0,
                    end,
                    interval: s.interval,
                    source: source(owner, yesterday, s),
                });
                at = end;
            }
        }
        let (slots, owner) = c.plan(date);
        for s in slots {
            fill(out, &mut at, s.start);
            let end = s.end.min(1440);
            out.push(Piece {
                start: s.start.max(at),
                end,
                interval: s.interval,
                source: source(owner, date, s),
            });
            at = end;
        }
        fill(out, &mut at, 1440);
    }

    /// How far the walk goes from `date` before concluding nothing ever
    /// changes: a week (and a day) beyond the last exception in that
    /// direction.
    fn horizon(&self, date: NaiveDate, forward: bool) -> NaiveDate {
        let c = &self.compiled;
        let week = Duration::days(8);
        if forward {
            let last = c.exceptions.last().map_or(date, |e| e.last.max(date));
            last.checked_add_signed(week).unwrap_or(NaiveDate::MAX)
        } else {
            let first =
                c.exceptions.first().map_or(date, |e| e.from.min(date));
            first.checked_sub_signed(week).unwrap_or(NaiveDate::MIN)
        }
    }

    /// When every piece of `date` is one interval, the last date (first,
    /// backward) of the run of dates known to be the same: the rest of an
    /// exception, or the weekly days up to the next (previous) exception
    /// when the whole week is that one interval. A date whose pieces come
    /// partly from a different day before it (a range running past
    /// midnight) is never skipped over: the run stops short of it, so it
    /// is computed. Lets the walk skip long runs in bounded time.
    fn same_until(
        &self,
        date: NaiveDate,
        pieces: &[Piece],
        forward: bool,
    ) -> Option<NaiveDate> {
        let interval = pieces.first()?.interval;
        if pieces.iter().any(|p| p.interval != interval) {
            return None;
        }
        let c = &self.compiled;
        let to = if let Some(k) = c.exception_at(date) {
            // The exception's days after its first are all alike.
            let e = &c.exceptions[k];
            if forward {
                e.last
            } else {
                e.from.succ_opt()?
            }
        } else {
            if self.fast.uniform != Some(interval) {
                return None;
            }
            let k = c.exceptions.partition_point(|e| e.from <= date);
            if forward {
                match c.exceptions.get(k) {
                    Some(e) => e.from.pred_opt()?,
                    None => NaiveDate::MAX,
                }
            } else {
                // The day after an exception may hold its last range.
                match k.checked_sub(1) {
                    Some(k) => c.exceptions[k]
                        .last
                        .checked_add_signed(Duration::days(2))?,
                    None => NaiveDate::MIN,
                }
            }
        };
        // Never a jump in the wrong direction.
        let ahead = if forward { to > date } else { to < date };
        ahead.then_some(to)
    }
}

/// A position in the schedule's timeline: a local date, its pieces, and
/// one of them, placed in real time.
#[derive(Clone, Debug)]
struct Cursor<'s> {
    schedule: &'s Schedule,
    date: NaiveDate,
    pieces: Vec<Piece>,
    index: usize,
    span: Span,
    /// The walk stops past these dates.
    last: NaiveDate,
    first: NaiveDate,
}

impl<'s> Cursor<'s> {
    /// The cursor on the span that contains `t`.
    fn around(schedule: &'s Schedule, t: DateTime<Utc>) -> Cursor<'s> {
        let t = zone::clamp(t);
        let local = schedule.local(t);
        let date = local.date();
        let minute = (local.hour() * 60 + local.minute()) as u16;
        let mut pieces = Vec::with_capacity(8);
        schedule.pieces(date, &mut pieces);
        let index = pieces
            .iter()
            .position(|p| p.end > minute)
            .unwrap_or(pieces.len() - 1);
        let mut c = Cursor {
            schedule,
            date,
            pieces,
            index,
            span: Span {
                start: t,
                end: t,
                interval: 0,
                source: Source::RoundTheClock,
            },
            last: schedule.horizon(date, true),
            first: schedule.horizon(date, false),
        };
        c.place(None, None);
        // The wall clock can mislead in a fold or gap: move until the
        // resolved span holds `t`.
        while t < c.span.start && c.step_raw(false) {}
        while t >= c.span.end && c.step_raw(true) {}
        c
    }

    fn span(&self) -> Span {
        self.span
    }

    /// Places the current piece in real time; a boundary already resolved
    /// (shared with the piece just left) is passed in rather than resolved
    /// again.
    fn place(
        &mut self,
        start: Option<DateTime<Utc>>,
        end: Option<DateTime<Utc>>,
    ) {
        let p = self.pieces[self.index];
        let schedule = self.schedule;
        let at = |minute| schedule.resolve(zone::naive(self.date, minute));
        self.span = Span {
            start: start.unwrap_or_else(|| at(p.start)),
            end: end.unwrap_or_else(|| at(p.end)),
            interval: p.interval,
            source: p.source,
        };
    }

    /// Where the cursor is, to come back to with [`Cursor::restore`].
    fn save(&self) -> (NaiveDate, usize, Span) {
        (self.date, self.index, self.span)
    }

    fn restore(&mut self, (date, index, span): (NaiveDate, usize, Span)) {
        if date != self.date {
            self.date = date;
            self.schedule.pieces(date, &mut self.pieces);
        }
        self.index = index;
        self.span = span;
    }

    /// Moves one piece, skipping pieces that last no time (inside a gap).
    /// `false` at the horizon.
    fn step(&mut self, forward: bool) -> bool {
        loop {
            if !self.step_raw(forward) {
                return false;
            }
            if self.span.start < self.span.end {
                return true;
            }
        }
    }

    /// Moves one piece (or over a run of identical days); `false` at the
    /// horizon.
    fn step_raw(&mut self, forward: bool) -> bool {
        // The boundary shared with the next piece, unless days are skipped.
        let mut shared =
            Some(if forward { self.span.end } else { self.span.start });
        if forward && self.index + 1 < self.pieces.len() {
            self.index += 1;
        } else if !forward && self.index > 0 {
            self.index -= 1;
        } else {
            let s = self.schedule;
            let mut date = self.date;
            if let Some(to) = s.same_until(date, &self.pieces, forward) {
                if to != date {
                    shared = None;
                }
                date = to;
            }
            let next = if forward { date.succ_opt() } else { date.pred_opt() };
            let Some(next) = next else { return false };
            if next > self.last || next < self.first {
                return false;
            }
            self.date = next;
            s.pieces(next, &mut self.pieces);
            self.index = if forward { 0 } else { self.pieces.len() - 1 };
        }
        if forward {
            self.place(shared, None);
        } else {
            self.place(None, shared);
        }
        true
    }
}

impl TryFrom<ScheduleConfig> for Schedule {
    type Error = Error;

    fn try_from(config: ScheduleConfig) -> Result<Schedule, Error> {
        Schedule::new(config)
    }
}

impl From<Schedule> for ScheduleConfig {
    fn from(s: Schedule) -> ScheduleConfig {
        s.config
    }
}

impl core::str::FromStr for Schedule {
    type Err = Error;

    fn from_str(json: &str) -> Result<Schedule, Error> {
        Schedule::from_json(json)
    }
}

/// A syntax problem from serde_json's error, its position apart.
fn syntax(path: String, e: &serde_json::Error) -> Problem {
    let mut message = e.to_string();
    let position = (e.line() > 0).then(|| (e.line(), e.column()));
    if let Some((line, column)) = position {
        let suffix = format!(" at line {line} column {column}");
        if let Some(rest) = message.strip_suffix(&suffix) {
            message = rest.to_string();
        }
    }
    let message = crate::words::plain(&message, &path);
    Problem::new(path, ProblemKind::Syntax { message }).at(position)
}

/// Whether a test asked for the general walk only (never outside tests).
#[cfg(not(test))]
fn general_only() -> bool {
    false
}

#[cfg(test)]
fn general_only() -> bool {
    GENERAL_ONLY.get()
}

#[cfg(test)]
std::thread_local! {
    /// Tests set this to compare the fast calendar with the general walk.
    static GENERAL_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast calendar gives exactly what the general walk gives, for
    /// weeks starting at every 13th hour of two years.
    #[test]
    fn fast_calendar_agrees_with_the_general_walk() {
        let s = Schedule::from_json(r#"{"time_zone": "Europe/Warsaw", "intervals": ["Lunch"], "week": {
            "monday": [{"from":"09:00","to":"12:00"},{"from":"12:00","to":"12:30","interval":"Lunch"},{"from":"12:30","to":"17:00"}],
            "tuesday": [{"from":"09:00","to":"17:00"}],
            "saturday": [{"from":"22:00","to":"06:00"}],
            "sunday": [{"from":"23:00","to":"02:30"}]},
            "exceptions": [{"from":"2026-12-24","to":"2026-12-26"}]}"#).unwrap();
        let start = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mut fast_used = 0;
        for k in 0..(2 * 365 * 24 / 13) {
            let from =
                start + Duration::hours(13 * k) + Duration::seconds(k % 61);
            let to = from + Duration::days(7);
            if matches!(s.calendar(from, to).walk, Walk::Fast(_)) {
                fast_used += 1;
            }
            let calendar = s.calendar(from, to);
            let hint = calendar.size_hint().0;
            let fast: Vec<_> = calendar.collect();
            assert!(hint <= fast.len(), "size hint {hint} for {}", fast.len());
            if fast_used > 0
                && matches!(s.calendar(from, to).walk, Walk::Fast(_))
            {
                assert_eq!(hint, fast.len(), "size hint of a fast calendar");
            }
            GENERAL_ONLY.set(true);
            let general: Vec<_> = s.calendar(from, to).collect();
            GENERAL_ONLY.set(false);
            assert_eq!(fast, general, "week from {from}");
        }
        assert!(fast_used > 800, "fast calendar used {fast_used} times");
    }

    /// The fast path gives exactly what the calendar walk gives, at every
    /// 37th minute of two years and around every DST change, in schedules
    /// with overnight ranges, extra intervals and exceptions.
    #[test]
    fn fast_path_agrees_with_the_general_path() {
        let configs = [
            r#"{"time_zone": "Europe/Warsaw", "intervals": ["Lunch"], "week": {
                "monday": [{"from":"09:00","to":"12:00"},{"from":"12:00","to":"12:30","interval":"Lunch"},{"from":"12:30","to":"17:00"}],
                "friday": [{"from":"09:00","to":"17:00"}],
                "saturday": [{"from":"22:00","to":"06:00"}],
                "sunday": [{"from":"23:00","to":"02:30"}]},
               "exceptions": [{"from":"2026-12-24","to":"2026-12-26"},
                              {"from":"2027-03-28","ranges":[{"from":"07:00","to":"10:00"}]}]}"#,
            r#"{"time_zone": "America/Santiago", "week": {
                "saturday": [{"from":"20:00","to":"24:00"}],
                "sunday": [{"from":"00:00","to":"02:00","interval":"Non-working time"},{"from":"02:00","to":"03:00"}]}}"#,
            r#"{"time_zone": "Australia/Lord_Howe", "week": {
                "sunday": [{"from":"01:45","to":"02:15"}], "monday": [{"from":"00:00","to":"24:00"}]}}"#,
            r#"{"time_zone": "Pacific/Chatham", "week": {
                "sunday": [{"from":"02:00","to":"04:00"}], "wednesday": [{"from":"10:00","to":"11:00"}]}}"#,
        ];
        let start = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        for json in configs {
            let s = Schedule::from_json(json).unwrap();
            let mut fast = 0;
            for k in 0..(2 * 365 * 24 * 60 / 37) {
                let t = start + Duration::minutes(37 * k);
                for t in [t, t + Duration::seconds(59)] {
                    if s.fast_run(t).is_some() {
                        fast += 1;
                    }
                    assert_eq!(s.at(t), s.at_general(t), "{json} at {t}");
                }
            }
            assert!(fast > 10_000, "the fast path was used {fast} times");
        }
    }

    /// A small deterministic generator (xorshift), for random schedules.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    /// Up to three ranges of a day, the last maybe past midnight, as JSON.
    fn random_day(rng: &mut Rng) -> String {
        let mut points: Vec<u64> =
            (0..rng.below(7)).map(|_| rng.below(96) * 15).collect();
        points.sort_unstable();
        points.dedup();
        let mut ranges = Vec::new();
        for pair in points.chunks(2) {
            if let [from, to] = *pair {
                let to =
                    if rng.below(4) == 0 { rng.below(24) * 15 } else { to };
                let interval = ["Working time", "Non-working time", "Lunch"]
                    [rng.below(3) as usize];
                ranges.push(format!(
                    r#"{{"from":"{:02}:{:02}","to":"{:02}:{:02}","interval":"{interval}"}}"#,
                    from / 60, from % 60, to / 60, to % 60
                ));
            }
        }
        format!("[{}]", ranges.join(","))
    }

    /// Random schedules in zones with 30-minute and 2-hour shifts and
    /// transitions at midnight, with up to 25 exceptions: the fast path
    /// (weekly cycle and exception timeline) answers exactly as the
    /// general walk, for `at`, `next_change` and the calendar.
    #[test]
    fn fast_path_agrees_with_the_general_path_on_random_schedules() {
        let zones = [
            "Europe/Berlin",
            "Australia/Lord_Howe",
            "Antarctica/Troll",
            "America/Santiago",
            "Africa/Cairo",
            "America/Havana",
            "Pacific/Chatham",
            "Asia/Kolkata",
        ];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let start = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let (mut tried, mut timeline_used) = (0, 0);
        while tried < 100 {
            let days: Vec<String> = [
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
            ]
            .iter()
            .map(|d| format!(r#""{d}": {}"#, random_day(&mut rng)))
            .collect();
            let exceptions: Vec<String> = (0..rng.below(26))
                .map(|_| {
                    let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
                        + Duration::days(rng.below(730) as i64);
                    let to = from + Duration::days(rng.below(3) as i64);
                    format!(
                        r#"{{"from":"{from}","to":"{to}","ranges":{}}}"#,
                        random_day(&mut rng)
                    )
                })
                .collect();
            let json = format!(
                r#"{{"time_zone":"{}","intervals":["Lunch"],"week":{{{}}},"exceptions":[{}]}}"#,
                zones[rng.below(zones.len() as u64) as usize],
                days.join(","),
                exceptions.join(",")
            );
            let Ok(s) = Schedule::from_json(&json) else { continue };
            tried += 1;
            for _ in 0..300 {
                let t = start
                    + Duration::seconds(rng.below(2 * 366 * 86_400) as i64);
                let fast = s.fast_run(t);
                if fast.is_some()
                    && s.timeline().is_some_and(|tl| {
                        tl.holds(s.local(t).and_utc().timestamp())
                    })
                {
                    timeline_used += 1;
                }
                let general = s.at_general(t);
                assert_eq!(s.at(t), general, "{json} at {t}");
                let next = s.next_change(t).map(|c| c.at);
                assert_eq!(next, general.until, "{json} next after {t}");
                let to = t + Duration::days(rng.below(9) as i64 + 1);
                let calendar = s.calendar(t, to);
                if matches!(calendar.walk, Walk::Fast(_)) {
                    let hint = calendar.size_hint().0;
                    assert_eq!(hint, calendar.count(), "{json} from {t}");
                }
                let queries = || {
                    (
                        s.calendar(t, to).collect::<Vec<_>>(),
                        s.next_begin("Lunch", t),
                        s.next_allowed(&["Working time"], t),
                        s.next_allowed(&["Working time", "Lunch"], t),
                    )
                };
                let fast = queries();
                GENERAL_ONLY.set(true);
                let general = queries();
                GENERAL_ONLY.set(false);
                assert_eq!(fast, general, "{json} from {t}");
            }
        }
        assert!(
            timeline_used > 5000,
            "the timeline answered {timeline_used} times"
        );
    }
}
