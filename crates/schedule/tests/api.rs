//! The public API as a dependant uses it: configs built through
//! constructors, closed enums through `Display`/`FromStr`, results through
//! accessors and `serde_json`, matches with a wildcard arm.

use business_hours::*;
use chrono::{NaiveDate, TimeZone, Utc, Weekday};
use proptest::prelude::*;

fn office() -> Schedule {
    let c = |h, m| Clock::new(h, m).unwrap();
    let config = ScheduleConfig::new("Europe/Warsaw")
        .interval("Lunch break")
        .range(Weekday::Mon, TimeRange::working(c(9, 0), c(12, 0)))
        .range(
            Weekday::Mon,
            TimeRange::new(c(12, 0), c(12, 30), "Lunch break"),
        )
        .range(Weekday::Mon, TimeRange::working(c(12, 30), c(17, 0)))
        .exception(
            Exception::closed(NaiveDate::from_ymd_opt(2026, 12, 24).unwrap())
                .until(NaiveDate::from_ymd_opt(2026, 12, 26).unwrap())
                .name("Christmas"),
        )
        .exception(
            Exception::closed(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap())
                .range(TimeRange::working(c(9, 0), c(13, 0))),
        );
    Schedule::new(config).unwrap()
}

#[test]
fn configs_built_in_code_equal_the_json_form() {
    let json = r#"{"time_zone": "Europe/Warsaw", "intervals": ["Lunch break"],
        "week": {"monday": [{"from": "09:00", "to": "12:00"},
            {"from": "12:00", "to": "12:30", "interval": "Lunch break"},
            {"from": "12:30", "to": "17:00"}]},
        "exceptions": [{"name": "Christmas", "from": "2026-12-24", "to": "2026-12-26"},
            {"from": "2026-12-31", "ranges": [{"from": "09:00", "to": "13:00"}]}]}"#;
    assert_eq!(Schedule::from_json(json).unwrap(), office());
    let always = ScheduleConfig::new("UTC").mode(Mode::RoundTheClock);
    assert_eq!(
        Schedule::new(always).unwrap().to_json(),
        "{\n  \"time_zone\": \"UTC\",\n  \"mode\": \"round_the_clock\"\n}"
    );
}

#[test]
fn mode_display_and_from_str_round_trip() {
    for mode in Mode::ALL {
        assert_eq!(mode.to_string().parse::<Mode>(), Ok(mode));
        // The same spelling as the JSON form.
        assert_eq!(
            serde_json::to_value(mode).unwrap(),
            serde_json::Value::String(mode.to_string())
        );
    }
    let err = "Weekly".parse::<Mode>().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"unknown mode "Weekly"; expected "weekly" or "round_the_clock""#
    );
}

fn source() -> impl Strategy<Value = Source> {
    let weekdays = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    prop_oneof![
        Just(Source::RoundTheClock),
        (prop::sample::select(weekdays.to_vec()), 0usize..100)
            .prop_map(|(weekday, range)| Source::Weekly { weekday, range }),
        (0usize..2000, 0i32..3_000_000, 0usize..48).prop_map(
            |(exception, day, range)| Source::Exception {
                exception,
                date: NaiveDate::from_num_days_from_ce_opt(day + 1).unwrap(),
                range,
            }
        ),
        proptest::option::of(0usize..2000)
            .prop_map(|exception| Source::Uncovered { exception }),
    ]
}

proptest! {
    #[test]
    fn source_display_and_from_str_round_trip(s in source()) {
        prop_assert_eq!(s.to_string().parse::<Source>(), Ok(s));
        prop_assert_eq!(
            serde_json::to_value(s).unwrap(),
            serde_json::Value::String(s.to_string())
        );
    }
}

#[test]
fn source_spellings() {
    let s = office();
    let at =
        |y, mo, d, h, mi| Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap();
    assert_eq!(
        s.at(at(2026, 11, 23, 11, 10)).source().to_string(),
        "week.monday[1]"
    );
    assert_eq!(
        s.at(at(2026, 11, 24, 11, 10)).source().to_string(),
        "no range"
    );
    assert_eq!(
        s.at(at(2026, 12, 25, 11, 10)).source().to_string(),
        "exceptions[0], no range"
    );
    assert_eq!(
        s.at(at(2026, 12, 31, 11, 10)).source().to_string(),
        "exceptions[1].ranges[0] on 2026-12-31"
    );
    for bad in [
        "",
        "week.funday[0]",
        "week.monday[01]",
        "week.monday[0] ",
        "exceptions[1].ranges[0] on 2026-1-31",
        "No range",
    ] {
        let err = bad.parse::<Source>().unwrap_err();
        assert!(err.to_string().starts_with("unknown source"), "{err}");
    }
}

#[test]
fn results_serialize_for_logs() {
    let s = office();
    let t = Utc.with_ymd_and_hms(2026, 11, 23, 11, 10, 0).unwrap();
    assert_eq!(
        serde_json::to_value(s.at(t)).unwrap(),
        serde_json::json!({
            "interval": "Lunch break",
            "since": "2026-11-23T11:00:00Z",
            "until": "2026-11-23T11:30:00Z",
            "source": "week.monday[1]",
        })
    );
    assert_eq!(
        serde_json::to_value(s.next_change(t).unwrap()).unwrap(),
        serde_json::json!({
            "at": "2026-11-23T11:30:00Z",
            "from": "Lunch break",
            "to": "Working time",
            "source": "week.monday[2]",
        })
    );
    let entry =
        s.calendar(t, t + chrono::Duration::minutes(5)).next().unwrap();
    assert_eq!(
        serde_json::to_value(entry).unwrap(),
        serde_json::json!({
            "interval": "Lunch break",
            "start": "2026-11-23T11:10:00Z",
            "end": "2026-11-23T11:15:00Z",
            "source": "week.monday[1]",
        })
    );
    let next = s.next_allowed(&["Working time"], t).unwrap();
    assert_eq!(
        serde_json::to_value(next).unwrap(),
        serde_json::json!({
            "start": "2026-11-23T11:30:00Z",
            "end": "2026-11-23T16:00:00Z",
        })
    );
}

/// A dependant matches the growing enums with a wildcard arm.
#[test]
fn matching_with_a_wildcard_arm() {
    let describe = |source: Source| match source {
        Source::Weekly { weekday, .. } => format!("weekly on {weekday}"),
        Source::Exception { date, .. } => format!("exception on {date}"),
        _ => "other".to_string(),
    };
    let s = office();
    let t = Utc.with_ymd_and_hms(2026, 11, 23, 11, 10, 0).unwrap();
    assert_eq!(describe(s.at(t).source()), "weekly on Mon");
    let mode = match s.config().mode {
        Mode::Weekly => "weekly",
        _ => "other",
    };
    assert_eq!(mode, "weekly");
}

#[test]
fn errors_iterate_and_own_their_problems() {
    let err = Schedule::from_json(
        r#"{"time_zone": "Mars/Olympus", "intervals": [""]}"#,
    )
    .unwrap_err();
    let paths: Vec<&str> = (&err).into_iter().map(Problem::path).collect();
    assert_eq!(paths, ["time_zone", "intervals[0]"]);
    let owned = err.clone().into_problems();
    assert_eq!(owned.as_slice(), err.problems());
    assert!(matches!(owned[1].kind(), ProblemKind::EmptyIntervalName));
    assert_eq!(owned[1].line_column(), None);
}
