//! Property tests on random valid schedules and instants: the interval at
//! `t` is the calendar entry holding `t`; the next change is after `t`,
//! differs, and nothing in between differs; `since <= t < until`; the
//! JSON form round-trips.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use business_hours::{Clock, Exception, Schedule, ScheduleConfig, TimeRange, Week};

const ZONES: [&str; 8] = [
    "Europe/Warsaw",
    "America/New_York",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Africa/Cairo",
    "Asia/Kolkata",
    "Pacific/Chatham",
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
                        ranges.push(TimeRange {
                            from: Clock::new(
                                (from / 60) as u8,
                                (from % 60) as u8,
                            )
                            .unwrap(),
                            to: Clock::new((to / 60) as u8, (to % 60) as u8)
                                .unwrap(),
                            interval: NAMES[names[i % 3]].to_string(),
                        });
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
            ScheduleConfig {
                time_zone: zone.to_string(),
                mode: if always {
                    business_hours::Mode::RoundTheClock
                } else {
                    business_hours::Mode::Weekly
                },
                intervals: vec!["Lunch".into()],
                week,
                exceptions: exceptions
                    .into_iter()
                    .map(|(start, len, ranges)| Exception {
                        name: None,
                        from: base + Duration::days(start),
                        to: (len > 0)
                            .then(|| base + Duration::days(start + len)),
                        ranges,
                    })
                    .collect(),
            }
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
        if let Some(since) = state.since {
            prop_assert!(since <= t);
        }
        if let Some(until) = state.until {
            prop_assert!(t < until);
        }
        // Three weeks: longer than the walk's one-week horizon.
        let from = t - Duration::days(10);
        let to = t + Duration::days(11);
        let entries: Vec<_> = s.calendar(from, to).collect();
        prop_assert_eq!(entries.first().map(|e| e.start), Some(from));
        prop_assert_eq!(entries.last().map(|e| e.end), Some(to));
        for w in entries.windows(2) {
            prop_assert_eq!(w[0].end, w[1].start);
            prop_assert_ne!(w[0].interval, w[1].interval);
        }
        for e in &entries {
            prop_assert!(e.start < e.end);
        }
        let holding = entries.iter().find(|e| e.start <= t && t < e.end).unwrap();
        prop_assert_eq!(holding.interval, state.interval);
        // The entry's bounds are since/until where they fall in the window.
        if holding.start > from {
            prop_assert_eq!(Some(holding.start), state.since);
        }
        if holding.end < to {
            prop_assert_eq!(Some(holding.end), state.until);
        }
    }

    #[test]
    fn next_change_is_the_first_difference(s in valid_schedule(), t in instant()) {
        let state = s.at(t);
        match s.next_change(t) {
            None => prop_assert_eq!(state.until, None),
            Some(change) => {
                prop_assert!(change.at > t);
                prop_assert_eq!(Some(change.at), state.until);
                prop_assert_eq!(change.from, state.interval);
                prop_assert_ne!(change.to, change.from);
                prop_assert_eq!(s.at(change.at).interval, change.to);
                // Step through the window: nothing in between differs.
                let span = change.at - t;
                for k in 1..64 {
                    let x = t + span * k / 64;
                    prop_assert_eq!(s.at(x).interval, state.interval);
                }
                let just_before = change.at - Duration::seconds(1);
                if just_before > t {
                    prop_assert_eq!(s.at(just_before).interval, state.interval);
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
