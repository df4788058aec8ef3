//! The rules of the schedule, one test each: intervals, ranges, overnight
//! ranges and their owning day, exceptions, validation, queries, format.

use business_hours::{ProblemKind, Schedule, ScheduleConfig, Source};
use chrono::{DateTime, NaiveDate, TimeZone, Utc, Weekday};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn rfc(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(|t| t.to_rfc3339())
}

fn z(s: &str) -> Option<String> {
    Some(utc(s).to_rfc3339())
}

/// Europe/Warsaw, Mo–Fr 09:00–17:00 with a lunch break, Sa 22:00–06:00,
/// Christmas closed, New Year's Eve until 13:00.
const OFFICE: &str = r#"{
    "time_zone": "Europe/Warsaw",
    "intervals": ["Lunch break"],
    "week": {
        "monday":    [{"from": "09:00", "to": "12:00"}, {"from": "12:00", "to": "12:30", "interval": "Lunch break"}, {"from": "12:30", "to": "17:00"}],
        "tuesday":   [{"from": "09:00", "to": "17:00"}],
        "wednesday": [{"from": "09:00", "to": "17:00"}],
        "thursday":  [{"from": "09:00", "to": "17:00"}],
        "friday":    [{"from": "09:00", "to": "17:00"}],
        "saturday":  [{"from": "22:00", "to": "06:00"}]
    },
    "exceptions": [
        {"name": "Christmas", "from": "2026-12-24", "to": "2026-12-26"},
        {"name": "New Year's Eve", "from": "2026-12-31", "ranges": [{"from": "09:00", "to": "13:00"}]}
    ]
}"#;

fn office() -> Schedule {
    Schedule::from_json(OFFICE).unwrap()
}

#[test]
fn working_time_with_since_until_and_source() {
    // Tuesday 2026-11-24 10:00 CET = 09:00Z.
    let s = office();
    let st = s.at(utc("2026-11-24T09:00:00Z"));
    assert_eq!(st.interval(), "Working time");
    assert_eq!(rfc(st.since()), z("2026-11-24T08:00:00Z"));
    assert_eq!(rfc(st.until()), z("2026-11-24T16:00:00Z"));
    assert_eq!(
        st.source(),
        Source::Weekly { weekday: Weekday::Tue, range: 0 }
    );
}

#[test]
fn extra_interval() {
    // Monday 12:10 CET.
    let s = office();
    let st = s.at(utc("2026-11-23T11:10:00Z"));
    assert_eq!(st.interval(), "Lunch break");
    assert_eq!(rfc(st.since()), z("2026-11-23T11:00:00Z"));
    assert_eq!(rfc(st.until()), z("2026-11-23T11:30:00Z"));
    assert_eq!(
        st.source(),
        Source::Weekly { weekday: Weekday::Mon, range: 1 }
    );
}

#[test]
fn uncovered_time_is_non_working() {
    // Tuesday 20:00 CET: after Tuesday's range, before Wednesday's.
    let s = office();
    let st = s.at(utc("2026-11-24T19:00:00Z"));
    assert_eq!(st.interval(), "Non-working time");
    assert_eq!(st.source(), Source::Uncovered { exception: None });
    assert_eq!(rfc(st.since()), z("2026-11-24T16:00:00Z"));
    assert_eq!(rfc(st.until()), z("2026-11-25T08:00:00Z"));
}

#[test]
fn overnight_range_belongs_to_the_day_it_starts() {
    // Sunday 2026-11-29 03:00 CET is in Saturday's 22:00–06:00.
    let s = office();
    let st = s.at(utc("2026-11-29T02:00:00Z"));
    assert_eq!(st.interval(), "Working time");
    assert_eq!(
        st.source(),
        Source::Weekly { weekday: Weekday::Sat, range: 0 }
    );
    assert_eq!(rfc(st.since()), z("2026-11-28T21:00:00Z"));
    assert_eq!(rfc(st.until()), z("2026-11-29T05:00:00Z"));
}

#[test]
fn exception_closes_its_dates_and_merges_with_the_weekend() {
    // Christmas Thursday–Saturday; Saturday's own 22:00 range is replaced,
    // Sunday is empty, so it is closed from Wednesday 17:00 to Monday 09:00.
    let s = office();
    let st = s.at(utc("2026-12-25T12:00:00Z"));
    assert_eq!(st.interval(), "Non-working time");
    assert_eq!(st.source(), Source::Uncovered { exception: Some(0) });
    assert_eq!(rfc(st.since()), z("2026-12-23T16:00:00Z"));
    assert_eq!(rfc(st.until()), z("2026-12-28T08:00:00Z"));
}

#[test]
fn exception_ranges_replace_the_weekday() {
    // New Year's Eve (Thursday) 09:00–13:00 only.
    let s = office();
    let st = s.at(utc("2026-12-31T10:00:00Z"));
    assert_eq!(st.interval(), "Working time");
    assert_eq!(
        st.source(),
        Source::Exception {
            exception: 1,
            date: "2026-12-31".parse().unwrap(),
            range: 0
        }
    );
    assert_eq!(rfc(st.until()), z("2026-12-31T12:00:00Z"));
}

#[test]
fn overnight_range_runs_into_an_exception_day() {
    // Saturday 2027-01-02 22:00 runs to Sunday 06:00; an exception on
    // Sunday does not cut it (the range belongs to Saturday).
    let json = OFFICE.replace(
        r#"{"name": "Christmas""#,
        r#"{"from": "2027-01-03"}, {"name": "Christmas""#,
    );
    let s = Schedule::from_json(&json).unwrap();
    let st = s.at(utc("2027-01-03T02:00:00Z"));
    assert_eq!(st.interval(), "Working time");
    assert_eq!(rfc(st.until()), z("2027-01-03T05:00:00Z"));
}

#[test]
fn next_change_and_calendar_agree() {
    let s = office();
    let t = utc("2026-11-23T00:00:00Z");
    let change = s.next_change(t).unwrap();
    assert_eq!(change.at(), utc("2026-11-23T08:00:00Z"));
    assert_eq!(
        (change.from(), change.to()),
        ("Non-working time", "Working time")
    );
    let week: Vec<_> = s.calendar(t, t + chrono::Duration::days(7)).collect();
    assert_eq!(week.first().unwrap().start(), t);
    assert_eq!(week.last().unwrap().end(), t + chrono::Duration::days(7));
    for w in week.windows(2) {
        assert_eq!(w[0].end(), w[1].start());
        assert_ne!(w[0].interval(), w[1].interval(), "adjacent equal entries");
    }
    // Mo: 3 entries + closed, Tu–Fr: working + closed, Sa night, Su early.
    let names: Vec<&str> = week.iter().map(|e| e.interval()).collect();
    assert_eq!(names.iter().filter(|n| **n == "Lunch break").count(), 1);
    assert_eq!(names.iter().filter(|n| **n == "Working time").count(), 7);
}

#[test]
fn calendar_dates_cover_local_midnight_to_midnight() {
    let s = office();
    let first = "2026-11-23".parse().unwrap();
    let last = "2026-11-29".parse().unwrap();
    let week: Vec<_> = s.calendar_dates(first, last).collect();
    assert_eq!(week.first().unwrap().start(), utc("2026-11-22T23:00:00Z"));
    assert_eq!(week.last().unwrap().end(), utc("2026-11-29T23:00:00Z"));
}

#[test]
fn calendar_of_a_schedule_that_never_changes() {
    let s = Schedule::from_json(r#"{"time_zone": "Europe/Berlin"}"#).unwrap();
    let t = utc("2026-11-23T00:00:00Z");
    let week: Vec<_> = s.calendar(t, t + chrono::Duration::days(7)).collect();
    assert_eq!(week.len(), 1);
    assert_eq!(
        (week[0].start(), week[0].end()),
        (t, t + chrono::Duration::days(7))
    );
}

#[test]
fn round_the_clock() {
    let s = Schedule::from_json(
        r#"{"time_zone": "UTC", "mode": "round_the_clock"}"#,
    )
    .unwrap();
    let st = s.at(utc("2026-11-24T09:00:00Z"));
    assert_eq!(
        (st.interval(), st.since(), st.until()),
        ("Working time", None, None)
    );
    assert_eq!(st.source(), Source::RoundTheClock);
    assert!(s.next_change(utc("2026-11-24T09:00:00Z")).is_none());
}

#[test]
fn a_schedule_that_never_changes_terminates() {
    let s = Schedule::from_json(r#"{"time_zone": "Europe/Berlin"}"#).unwrap();
    let st = s.at(utc("2026-11-24T09:00:00Z"));
    assert_eq!(
        (st.interval(), st.since(), st.until()),
        ("Non-working time", None, None)
    );
    let all_day = r#"{"time_zone": "Europe/Berlin", "week": {
        "monday": [{"from":"00:00","to":"24:00"}], "tuesday": [{"from":"00:00","to":"24:00"}],
        "wednesday": [{"from":"00:00","to":"24:00"}], "thursday": [{"from":"00:00","to":"24:00"}],
        "friday": [{"from":"00:00","to":"24:00"}], "saturday": [{"from":"00:00","to":"24:00"}],
        "sunday": [{"from":"00:00","to":"24:00"}]},
        "exceptions": [{"from": "2030-01-01"}]}"#;
    let s = Schedule::from_json(all_day).unwrap();
    let st = s.at(utc("2026-11-24T09:00:00Z"));
    assert_eq!(st.interval(), "Working time");
    assert_eq!(st.since(), None);
    // The far exception is found by skipping the identical days.
    assert_eq!(rfc(st.until()), z("2029-12-31T23:00:00Z"));
    let st = s.at(utc("2030-06-01T00:00:00Z"));
    assert_eq!(rfc(st.since()), z("2030-01-01T23:00:00Z"));
    assert_eq!(st.until(), None);
}

#[test]
fn validation_reports_every_problem_with_its_path() {
    let json = r#"{
        "time_zone": "Europe/Warsw",
        "intervals": ["Lunch", "Lunch", "", "Extra", "Fourth"],
        "week": {
            "monday": [{"from": "09:00", "to": "17:00"}, {"from": "16:00", "to": "18:00"}],
            "tuesday": [{"from": "10:00", "to": "10:00"}],
            "wednesday": [{"from": "09:00", "to": "17:00", "interval": "Lunh"}],
            "sunday": [{"from": "22:00", "to": "07:00"}]
        },
        "exceptions": [
            {"from": "2026-12-26", "to": "2026-12-24"},
            {"from": "2026-12-30", "to": "2027-01-02"},
            {"from": "2027-01-01"}
        ]
    }"#;
    let err = Schedule::from_json(json).unwrap_err();
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path()).collect();
    for expected in [
        "time_zone",
        "intervals",
        "intervals[1]",
        "intervals[2]",
        "week.monday[1]",
        "week.tuesday[0]",
        "week.wednesday[0].interval",
        "exceptions[0]",
        "exceptions[2]",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
    let kinds: Vec<&ProblemKind> =
        err.problems().iter().map(|p| p.kind()).collect();
    assert!(kinds
        .iter()
        .any(|k| matches!(k, ProblemKind::UnknownTimeZone { .. })));
    assert!(kinds
        .iter()
        .any(|k| matches!(k, ProblemKind::TooManyIntervals { count: 5 })));
    assert!(kinds.iter().any(|k| matches!(k, ProblemKind::ZeroLength { .. })));
    // Sunday 22:00–07:00 ends before Monday's 09:00: no problem there.
    assert!(!paths.contains(&"week.sunday[0]"));
    let message = err.to_string();
    assert!(
        message.contains(
            "week.monday[1]: range 16:00–18:00 overlaps week.monday[0]"
        ),
        "{message}"
    );
}

#[test]
fn overnight_spill_overlap_is_found() {
    let json = r#"{"time_zone": "UTC", "week": {
        "sunday": [{"from": "22:00", "to": "10:00"}],
        "monday": [{"from": "09:00", "to": "17:00"}]}}"#;
    let err = Schedule::from_json(json).unwrap_err();
    assert_eq!(err.problems().len(), 1);
    assert_eq!(err.problems()[0].path(), "week.sunday[0]");
    assert!(err.to_string().contains("overlaps week.monday[0]"), "{err}");
    // Around an exception, on the concrete date.
    let json = r#"{"time_zone": "UTC", "week": {"thursday": [{"from": "20:00", "to": "02:00"}]},
        "exceptions": [{"from": "2026-12-25", "ranges": [{"from": "00:00", "to": "08:00"}]}]}"#;
    let err = Schedule::from_json(json).unwrap_err();
    assert!(err.to_string().contains("on 2026-12-25"), "{err}");
}

#[test]
fn unknown_time_zone_suggests_the_right_case() {
    let err =
        Schedule::from_json(r#"{"time_zone": "europe/warsaw"}"#).unwrap_err();
    assert!(
        err.to_string().contains(r#"did you mean "Europe/Warsaw"?"#),
        "{err}"
    );
}

#[test]
fn syntax_errors_name_the_path() {
    let err = Schedule::from_json(
        r#"{"time_zone": "UTC", "week": {"friday": [{"from": "09:00", "to": "25:00"}]}}"#,
    )
    .unwrap_err();
    assert_eq!(err.problems()[0].path(), "week.friday[0].to");
    assert!(err.to_string().contains("25:00"), "{err}");
    let err = Schedule::from_json(r#"{"time_zone": "UTC", "weeek": {}}"#)
        .unwrap_err();
    assert!(err.to_string().contains("weeek"), "{err}");
    let err = Schedule::from_json(
        r#"{"time_zone": "UTC", "week": {"friday": [{"from": "09:00", "to": "10:00", "colour": 1}]}}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("colour"), "{err}");
    let err = Schedule::from_json(
        r#"{"time_zone": "UTC", "exceptions": [{"from": "2026-02-30"}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.problems()[0].path(), "exceptions[0].from");
}

#[test]
fn json_round_trip_is_lossless() {
    let s = office();
    let back = Schedule::from_json(&s.to_json()).unwrap();
    assert_eq!(back, s);
    assert_eq!(back.config(), s.config());
    // Defaults are left out when written.
    assert!(!s.to_json().contains("\"mode\""));
    assert!(!s.to_json().contains("\"Working time\""));
}

#[test]
fn copying_settings_to_another_number() {
    // R29: a schedule is a value.
    let a = office();
    let b = a.clone();
    assert_eq!(a, b);
    let mut config: ScheduleConfig = b.config().clone();
    config.time_zone = "Europe/Budapest".into();
    let c = Schedule::new(config).unwrap();
    assert_eq!(c.time_zone().name(), "Europe/Budapest");
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Schedule>();
}

#[test]
fn instants_far_from_now_do_not_panic() {
    let s = office();
    for t in [
        Utc.with_ymd_and_hms(1900, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2200, 6, 1, 0, 0, 0).unwrap(),
        DateTime::<Utc>::MIN_UTC,
        DateTime::<Utc>::MAX_UTC,
    ] {
        let _ = s.at(t);
        let _ = s.next_change(t);
        let later =
            t.checked_add_signed(chrono::Duration::days(2)).unwrap_or(t);
        for e in s.calendar(t, later) {
            assert!(e.start() < e.end() && t <= e.start() && e.end() <= later);
        }
        let all =
            s.calendar(DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC);
        assert_eq!(all.take(100).count(), 100);
    }
}

#[test]
fn calendar_stops_at_its_end_after_skipping_identical_days() {
    // Found by the fuzz target: the skip over identical days to a far
    // exception carried the calendar past its end.
    let json = r#"{"time_zone": "Europe/Berlin", "week": {
        "monday": [{"from":"00:00","to":"24:00"}], "tuesday": [{"from":"00:00","to":"24:00"}],
        "wednesday": [{"from":"00:00","to":"24:00"}], "thursday": [{"from":"00:00","to":"24:00"}],
        "friday": [{"from":"00:00","to":"24:00"}], "saturday": [{"from":"00:00","to":"24:00"}],
        "sunday": [{"from":"00:00","to":"24:00"}]},
        "exceptions": [{"from": "2090-01-01", "to": "2090-12-31"}]}"#;
    let s = Schedule::from_json(json).unwrap();
    let t = utc("2026-01-01T00:00:00Z");
    let entries: Vec<_> =
        s.calendar(t, t + chrono::Duration::days(2)).collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].end(), t + chrono::Duration::days(2));
}

#[test]
fn the_readme_format_example_is_a_valid_schedule() {
    let readme = include_str!("../README.md");
    let start = readme.find("```json\n").unwrap() + "```json\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let s = Schedule::from_json(&readme[start..end]).unwrap();
    assert_eq!(s.intervals().count(), 4);
    // Saturday night "Support only" runs into Sunday.
    let st = s.at(utc("2026-11-29T02:00:00Z"));
    assert_eq!(st.interval(), "Support only");
    assert_eq!(
        st.source(),
        Source::Weekly { weekday: Weekday::Sat, range: 0 }
    );
}

#[test]
fn source_paths_point_into_the_config() {
    let s = office();
    let sat = s.at(utc("2026-11-29T02:00:00Z")).source();
    assert_eq!(sat.path().as_deref(), Some("week.saturday[0]"));
    let xmas = s.at(utc("2026-12-25T12:00:00Z")).source();
    assert_eq!(xmas.path().as_deref(), Some("exceptions[0]"));
    let eve = s.at(utc("2026-12-31T10:00:00Z")).source();
    assert_eq!(eve.path().as_deref(), Some("exceptions[1].ranges[0]"));
    assert_eq!(s.at(utc("2026-11-24T19:00:00Z")).source().path(), None);
}

// Regressions from review: each failed before its fix.

#[test]
fn calendar_longer_than_the_search_horizon() {
    let s = Schedule::from_json(
        r#"{"time_zone":"UTC","week":{"monday":[{"from":"09:00","to":"17:00"}]}}"#,
    )
    .unwrap();
    let from = utc("2026-11-02T00:00:00Z");
    let to = utc("2026-12-07T00:00:00Z");
    let working =
        s.calendar(from, to).filter(|e| e.interval() == "Working time");
    assert_eq!(working.count(), 5);
    let first: NaiveDate = "2026-11-02".parse().unwrap();
    let last: NaiveDate = "2026-11-29".parse().unwrap();
    assert_eq!(s.calendar_dates(first, last).count(), 4 * 2 + 1);
}

#[test]
fn since_after_skipping_identical_days_keeps_the_spill() {
    let s = Schedule::from_json(
        r#"{"time_zone":"UTC","week":{"wednesday":[{"from":"22:00","to":"06:00"}]},
            "exceptions":[{"from":"2026-12-24","to":"2026-12-26"}]}"#,
    )
    .unwrap();
    let st = s.at(utc("2026-12-25T12:00:00Z"));
    assert_eq!(rfc(st.since()), z("2026-12-24T06:00:00Z"));
    let s = Schedule::from_json(
        r#"{"time_zone":"UTC","exceptions":[{"from":"2026-12-24","ranges":[{"from":"22:00","to":"06:00"}]}]}"#,
    )
    .unwrap();
    let st = s.at(utc("2026-12-30T12:00:00Z"));
    assert_eq!(rfc(st.since()), z("2026-12-25T06:00:00Z"));
}

#[test]
fn exception_dates_outside_years_1_to_9999_are_refused() {
    for date in ["+262142-12-31", "-262143-01-01", "+20000-01-01"] {
        let json = format!(
            r#"{{"time_zone":"UTC","exceptions":[{{"from":"{date}"}}]}}"#
        );
        let err = Schedule::from_json(&json).unwrap_err();
        assert!(
            matches!(
                err.problems()[0].kind(),
                ProblemKind::DateOutOfRange { .. }
            ),
            "{err}"
        );
    }
}

#[test]
fn a_week_of_one_interval_in_many_ranges_is_skipped() {
    let mut day = Vec::new();
    for h in 0..24 {
        day.push(format!(r#"{{"from":"{h:02}:00","to":"{h:02}:30"}}"#));
        let end = if h == 23 {
            "24:00".to_string()
        } else {
            format!("{:02}:00", h + 1)
        };
        day.push(format!(r#"{{"from":"{h:02}:30","to":"{end}"}}"#));
    }
    let day = day.join(",");
    let week: Vec<String> = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .map(|d| format!(r#""{d}":[{day}]"#))
    .collect();
    let json = format!(
        r#"{{"time_zone":"Europe/Warsaw","week":{{{}}},"exceptions":[{{"from":"9999-12-01"}}]}}"#,
        week.join(",")
    );
    let s = Schedule::from_json(&json).unwrap();
    let st = s.at(utc("2026-06-01T12:00:00Z"));
    assert_eq!(st.interval(), "Working time");
    assert_eq!(rfc(st.until()), z("9999-11-30T23:00:00Z"));
}

#[test]
fn clearer_messages() {
    let err = Schedule::from_json(
        r#"{"time_zone":"UTC","week":{"monday":[{"from":"24:00","to":"06:00"}]}}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("cannot start at 24:00"), "{err}");
    let err = Schedule::from_json(
        r#"{"time_zone":"UTC","exceptions":[
            {"from":"2026-01-01","to":"2026-01-31"},{"from":"2026-01-05"},{"from":"2026-01-10"}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.problems().len(), 2, "{err}");
    let err = Schedule::from_json(
        r#"{"time_zone":"UTC","intervals":["working time"," Lunch"]}"#,
    )
    .unwrap_err();
    assert_eq!(err.problems().len(), 2, "{err}");
}

#[test]
fn a_range_wholly_in_a_gap_does_not_end_the_run_before_it() {
    // Found by the property tests: Santiago jumps from 00:00 to 01:00 on
    // 2026-09-06, so Sunday's 00:00-01:00 "Lunch" never happens that day
    // and non-working time runs on from the Sunday before.
    let s = Schedule::from_json(
        r#"{"time_zone": "America/Santiago", "intervals": ["Lunch"], "week": {"sunday": [
            {"from": "00:00", "to": "01:00", "interval": "Lunch"},
            {"from": "01:15", "to": "01:30", "interval": "Non-working time"}]}}"#,
    )
    .unwrap();
    let t = utc("2026-09-06T04:00:00Z");
    let st = s.at(t);
    assert_eq!(st.interval(), "Non-working time");
    assert_eq!(rfc(st.since()), z("2026-08-30T05:00:00Z"));
    let cal: Vec<_> = s
        .calendar(
            t - chrono::Duration::days(10),
            t + chrono::Duration::days(3),
        )
        .collect();
    let holding = cal.iter().find(|e| e.start() <= t && t < e.end()).unwrap();
    assert_eq!(Some(holding.start()), st.since());
}
