//! Property tests on random valid schedules and instants: the interval at
//! `t` is the calendar entry holding `t`; the next change is after `t`,
//! differs, and nothing in between differs; `since <= t < until`; the
//! JSON form round-trips; and `at`, `next_begin` and `next_allowed` agree
//! with a naive minute-by-minute reference computed from the config with
//! chrono-tz alone, in zones with 30-minute and 2-hour shifts and
//! transitions at midnight.

use business_hours::{
    Clock, Exception, Schedule, ScheduleConfig, TimeRange, Week,
};
use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime,
    TimeZone, Utc,
};
use chrono_tz::Tz;
use proptest::prelude::*;

const ZONES: [&str; 9] = [
    "Europe/Warsaw",
    "America/New_York",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Africa/Cairo",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "Antarctica/Troll",
    "UTC",
];

const NAMES: [&str; 3] = ["Working time", "Non-working time", "Lunch"];

/// Up to three non-overlapping ranges in a day, the last possibly running
/// past midnight.
fn day() -> impl Strategy<Value = Vec<TimeRange>> {
    (
        prop::collection::btree_set(0u16..=96, 0..=6),
        any::<bool>(),
        0u16..=24,
        prop::collection::vec(0usize..3, 3),
    )
        .prop_map(|(points, overnight, to, names)| {
            let points: Vec<u16> =
                points.into_iter().map(|p| p * 15).collect();
            let mut ranges = Vec::new();
            for (i, pair) in points.chunks(2).enumerate() {
                if let [from, to] = *pair {
                    if from < 1440 {
                        ranges.push(TimeRange::new(
                            Clock::new((from / 60) as u8, (from % 60) as u8)
                                .unwrap(),
                            Clock::new((to / 60) as u8, (to % 60) as u8)
                                .unwrap(),
                            NAMES[names[i % 3]],
                        ));
                    }
                }
            }
            if overnight {
                // The last range runs past midnight (up to 06:00).
                if let Some(last) = ranges.last_mut() {
                    let minutes = to * 15;
                    last.to =
                        Clock::new((minutes / 60) as u8, (minutes % 60) as u8)
                            .unwrap();
                }
            }
            ranges
        })
}

fn config() -> impl Strategy<Value = ScheduleConfig> {
    (
        prop::sample::select(ZONES.to_vec()),
        prop::collection::vec(day(), 7),
        prop::collection::vec((0i64..730, 0i64..4, day()), 0..4),
        prop::bool::weighted(0.05),
    )
        .prop_map(|(zone, days, exceptions, always)| {
            let mut week = Week::default();
            for (wd, ranges) in schedule_weekdays().into_iter().zip(days) {
                *week.day_mut(wd) = ranges;
            }
            let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
            let mode = if always {
                business_hours::Mode::RoundTheClock
            } else {
                business_hours::Mode::Weekly
            };
            let mut config = ScheduleConfig::new(zone)
                .mode(mode)
                .interval("Lunch")
                .week(week);
            for (start, len, ranges) in exceptions {
                let from = base + Duration::days(start);
                let mut e = Exception::closed(from);
                if len > 0 {
                    e = e.until(base + Duration::days(start + len));
                }
                for r in ranges {
                    e = e.range(r);
                }
                config = config.exception(e);
            }
            config
        })
}

fn schedule_weekdays() -> [chrono::Weekday; 7] {
    use chrono::Weekday::*;
    [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
}

fn valid_schedule() -> impl Strategy<Value = Schedule> {
    config().prop_filter_map("overlapping ranges", |c| Schedule::new(c).ok())
}

/// Instants in 2026–2027, half of them within a day of a DST change in
/// one of the zones above.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let transitions = [
        "2026-03-29T01:00:00Z",
        "2026-10-25T01:00:00Z",
        "2026-03-08T07:00:00Z",
        "2026-11-01T06:00:00Z",
        "2026-04-04T15:00:00Z",
        "2026-10-03T15:30:00Z",
        "2026-04-05T03:00:00Z",
        "2026-09-06T04:00:00Z",
        "2026-04-23T22:00:00Z",
        "2026-10-29T21:00:00Z",
        "2026-04-04T14:00:00Z",
        "2026-09-26T14:00:00Z",
    ]
    .map(|s| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc));
    prop_oneof![
        (0i64..2 * 365 * 86_400)
            .prop_map(move |s| start + Duration::seconds(s)),
        (prop::sample::select(transitions.to_vec()), -86_400i64..86_400)
            .prop_map(|(t, s)| t + Duration::seconds(s)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, max_global_rejects: 100_000, ..ProptestConfig::default() })]

    #[test]
    fn at_agrees_with_the_calendar(s in valid_schedule(), t in instant()) {
        let state = s.at(t);
        if let Some(since) = state.since() {
            prop_assert!(since <= t);
        }
        if let Some(until) = state.until() {
            prop_assert!(t < until);
        }
        // Three weeks: longer than the walk's one-week horizon.
        let from = t - Duration::days(10);
        let to = t + Duration::days(11);
        let entries: Vec<_> = s.calendar(from, to).collect();
        prop_assert_eq!(entries.first().map(|e| e.start()), Some(from));
        prop_assert_eq!(entries.last().map(|e| e.end()), Some(to));
        for w in entries.windows(2) {
            prop_assert_eq!(w[0].end(), w[1].start());
            prop_assert_ne!(w[0].interval(), w[1].interval());
        }
        for e in &entries {
            prop_assert!(e.start() < e.end());
        }
        let holding = entries.iter().find(|e| e.start() <= t && t < e.end()).unwrap();
        prop_assert_eq!(holding.interval(), state.interval());
        // The entry's bounds are since/until where they fall in the window.
        if holding.start() > from {
            prop_assert_eq!(Some(holding.start()), state.since());
        }
        if holding.end() < to {
            prop_assert_eq!(Some(holding.end()), state.until());
        }
    }

    #[test]
    fn next_change_is_the_first_difference(s in valid_schedule(), t in instant()) {
        let state = s.at(t);
        match s.next_change(t) {
            None => prop_assert_eq!(state.until(), None),
            Some(change) => {
                prop_assert!(change.at() > t);
                prop_assert_eq!(Some(change.at()), state.until());
                prop_assert_eq!(change.from(), state.interval());
                prop_assert_ne!(change.to(), change.from());
                prop_assert_eq!(s.at(change.at()).interval(), change.to());
                // Step through the window: nothing in between differs.
                let span = change.at() - t;
                for k in 1..64 {
                    let x = t + span * k / 64;
                    prop_assert_eq!(s.at(x).interval(), state.interval());
                }
                let just_before = change.at() - Duration::seconds(1);
                if just_before > t {
                    prop_assert_eq!(s.at(just_before).interval(), state.interval());
                }
            }
        }
    }

    #[test]
    fn json_round_trip(s in valid_schedule()) {
        let back = Schedule::from_json(&s.to_json()).unwrap();
        prop_assert_eq!(back, s);
    }
}

/// How far the minute-by-minute reference walks.
const WALK: i64 = 8 * 24 * 60;

/// The first whole minute after `t`.
fn next_minute(t: DateTime<Utc>) -> DateTime<Utc> {
    let s = t.timestamp();
    Utc.timestamp_opt(s - s.rem_euclid(60) + 60, 0).unwrap()
}

/// The naive reference, independent of the crate's tables: a local time
/// becomes the earliest instant whose wall-clock time is at or after it,
/// found with chrono-tz alone (a time in a gap steps on minute by minute
/// until the wall shows it).
fn resolve(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let mut l = local;
    loop {
        match tz.from_local_datetime(&l) {
            LocalResult::Single(x) => return x.with_timezone(&Utc),
            LocalResult::Ambiguous(a, b) => {
                return a.min(b).with_timezone(&Utc)
            }
            LocalResult::None => l += Duration::minutes(1),
        }
    }
}

/// Every range of the local dates around `t` (two days before to
/// `WALK` and two days after), straight from the config, as real-time
/// spans with their interval.
fn reference_spans(
    config: &ScheduleConfig,
    t: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, DateTime<Utc>, String)> {
    let tz: Tz = config.time_zone.parse().unwrap();
    let first = t.with_timezone(&tz).date_naive() - Duration::days(2);
    let mut spans = Vec::new();
    for k in 0..(WALK / 1440 + 5) {
        let date = first + Duration::days(k);
        let ranges = match config
            .exceptions
            .iter()
            .find(|e| e.from <= date && date <= e.last())
        {
            Some(e) => &e.ranges,
            None => config.week.day(date.weekday()),
        };
        for r in ranges {
            let at = |day: NaiveDate, minutes: u16| {
                let midnight = day.and_hms_opt(0, 0, 0).unwrap();
                resolve(tz, midnight + Duration::minutes(i64::from(minutes)))
            };
            let start = at(date, r.from.minutes());
            let end_day =
                if r.is_overnight() { date + Duration::days(1) } else { date };
            let end = at(end_day, r.to.minutes());
            if start < end {
                spans.push((start, end, r.interval.clone()));
            }
        }
    }
    spans
}

/// The interval at `m` by the reference.
fn reference_at<'a>(
    config: &ScheduleConfig,
    spans: &'a [(DateTime<Utc>, DateTime<Utc>, String)],
    m: DateTime<Utc>,
) -> &'a str {
    if config.mode == business_hours::Mode::RoundTheClock {
        return "Working time";
    }
    spans
        .iter()
        .find(|(start, end, _)| *start <= m && m < *end)
        .map_or("Non-working time", |(_, _, i)| i.as_str())
}

/// By walking the minutes from `t` with the reference (every boundary of
/// a schedule is a whole minute in these zones): the first minute at
/// which `yes` starts to hold after not holding (or `t` itself when
/// `from_t` and it holds at `t`), and the first minute after that at
/// which it stops. `None` where the walk found nothing.
#[allow(clippy::type_complexity)]
fn walk(
    s: &Schedule,
    t: DateTime<Utc>,
    from_t: bool,
    yes: impl Fn(&str) -> bool,
) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let config = s.config();
    let spans = reference_spans(config, t);
    let mut prev = yes(reference_at(config, &spans, t));
    let mut start = (from_t && prev).then_some(t);
    let first = next_minute(t);
    for k in 0..WALK {
        let m = first + Duration::minutes(k);
        let now = yes(reference_at(config, &spans, m));
        match start {
            None if now && !prev => start = Some(m),
            Some(_) if !now => return (start, Some(m)),
            _ => {}
        }
        prev = now;
    }
    (start, None)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, max_global_rejects: 100_000, ..ProptestConfig::default() })]

    /// `at` agrees with the naive reference at every minute of eight days
    /// (and at an instant in each minute), DST changes included.
    #[test]
    fn at_agrees_with_the_naive_reference_every_minute(s in valid_schedule(), t in instant()) {
        let spans = reference_spans(s.config(), t);
        let first = next_minute(t);
        for k in 0..WALK {
            let m = first + Duration::minutes(k);
            let expected = reference_at(s.config(), &spans, m);
            prop_assert_eq!(s.at(m).interval(), expected, "at {}", m);
            if k % 97 == 0 {
                let inside = m + Duration::seconds(31);
                prop_assert_eq!(s.at(inside).interval(), expected, "at {}", inside);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, max_global_rejects: 100_000, ..ProptestConfig::default() })]
    /// `next_begin` agrees with a minute-by-minute walk: where the walk
    /// sees the interval begin (and end), and that nothing begins before.
    #[test]
    fn next_begin_agrees_with_a_minute_walk(
        s in valid_schedule(),
        t in instant(),
        name in prop::sample::select(NAMES.to_vec()),
    ) {
        let got = s.next_begin(name, t);
        let (start, end) = walk(&s, t, false, |i| i == name);
        match (got, start) {
            (Some(p), Some(start)) => {
                prop_assert_eq!(p.start(), start);
                prop_assert_eq!(p.end(), s.at(start).until());
                if let Some(end) = end {
                    prop_assert_eq!(p.end(), Some(end));
                }
            }
            (Some(p), None) => {
                // Beyond the walk: it begins there, after something else.
                prop_assert!(p.start() > t + Duration::minutes(WALK));
                prop_assert_eq!(s.at(p.start()).interval(), name);
                prop_assert_ne!(s.at(p.start() - Duration::seconds(1)).interval(), name);
            }
            (None, start) => prop_assert_eq!(start, None),
        }
    }

    /// `next_allowed` agrees with a minute-by-minute walk over a set of
    /// allowed intervals.
    #[test]
    fn next_allowed_agrees_with_a_minute_walk(
        s in valid_schedule(),
        t in instant(),
        allowed in prop::sample::subsequence(NAMES.to_vec(), 1..=2),
    ) {
        let got = s.next_allowed(&allowed, t);
        let yes = |i: &str| allowed.contains(&i);
        let (start, end) = walk(&s, t, true, yes);
        match (got, start) {
            (Some(p), Some(start)) => {
                prop_assert_eq!(p.start(), start);
                match end {
                    Some(end) => prop_assert_eq!(p.end(), Some(end)),
                    None => prop_assert!(p.end().is_none_or(|e| e > t + Duration::minutes(WALK))),
                }
                if let Some(e) = p.end() {
                    prop_assert!(!yes(s.at(e).interval()));
                }
            }
            (Some(p), None) => {
                prop_assert!(p.start() > t + Duration::minutes(WALK));
                prop_assert!(yes(s.at(p.start()).interval()));
                prop_assert!(!yes(s.at(p.start() - Duration::seconds(1)).interval()));
            }
            (None, start) => prop_assert_eq!(start, None),
        }
    }
}
