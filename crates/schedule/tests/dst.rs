//! Daylight saving: range boundaries in gaps and folds, checked against
//! expected UTC instants written out by hand and against an independent
//! computation (`data/dst_boundaries.tsv`, Python `zoneinfo`, tzdata 2025b).

use business_hours::Schedule;
use chrono::{DateTime, Duration, NaiveDate, Utc};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A schedule in `zone` with one exception on `date` holding `ranges`.
fn one_day(zone: &str, date: &str, ranges: &str) -> Schedule {
    Schedule::from_json(&format!(
        r#"{{ "time_zone": "{zone}",
             "exceptions": [{{ "from": "{date}", "ranges": [{ranges}] }}] }}"#
    ))
    .unwrap()
}

/// The (start, end) of the "Working time" entries of the calendar around
/// `date`.
fn working(s: &Schedule, date: &str) -> Vec<(String, String)> {
    let d: NaiveDate = date.parse().unwrap();
    s.calendar_dates(d - Duration::days(1), d + Duration::days(1))
        .filter(|e| e.interval() == "Working time")
        .map(|e| (e.start().to_rfc3339(), e.end().to_rfc3339()))
        .collect()
}

fn pair(a: &str, b: &str) -> Vec<(String, String)> {
    vec![(utc(a).to_rfc3339(), utc(b).to_rfc3339())]
}

#[test]
fn warsaw_spring_forward_gap() {
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00Z).
    let s = one_day(
        "Europe/Warsaw",
        "2026-03-29",
        r#"{"from":"02:30","to":"04:00"}"#,
    );
    // 02:30 does not exist: the range starts at 03:00 local and lasts 1 h.
    assert_eq!(
        working(&s, "2026-03-29"),
        pair("2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z")
    );
    // A range across the gap is an hour shorter in real time.
    let s = one_day(
        "Europe/Warsaw",
        "2026-03-29",
        r#"{"from":"01:00","to":"04:00"}"#,
    );
    assert_eq!(
        working(&s, "2026-03-29"),
        pair("2026-03-29T00:00:00Z", "2026-03-29T02:00:00Z")
    );
    // A range entirely inside the gap never happens.
    let s = one_day(
        "Europe/Warsaw",
        "2026-03-29",
        r#"{"from":"02:10","to":"02:50"}"#,
    );
    assert!(working(&s, "2026-03-29").is_empty());
    let st = s.at(utc("2026-03-29T01:00:00Z"));
    assert_eq!(st.interval(), "Non-working time");
}

#[test]
fn warsaw_fall_back_fold() {
    // 2026-10-25: 03:00 CEST falls back to 02:00 CET (01:00Z); 02:00-03:00
    // shows twice.
    let s = one_day(
        "Europe/Warsaw",
        "2026-10-25",
        r#"{"from":"01:00","to":"02:30"}"#,
    );
    // The end takes the first 02:30 (00:30Z).
    assert_eq!(
        working(&s, "2026-10-25"),
        pair("2026-10-24T23:00:00Z", "2026-10-25T00:30:00Z")
    );
    // During the second 02:40 (01:40Z) the range is over.
    assert_eq!(
        s.at(utc("2026-10-25T01:40:00Z")).interval(),
        "Non-working time"
    );
    // A range across the fold is an hour longer.
    let s = one_day(
        "Europe/Warsaw",
        "2026-10-25",
        r#"{"from":"01:00","to":"04:00"}"#,
    );
    assert_eq!(
        working(&s, "2026-10-25"),
        pair("2026-10-24T23:00:00Z", "2026-10-25T03:00:00Z")
    );
    // A start in the fold is its first occurrence: 02:30 CEST = 00:30Z.
    let s = one_day(
        "Europe/Warsaw",
        "2026-10-25",
        r#"{"from":"02:30","to":"05:00"}"#,
    );
    assert_eq!(
        working(&s, "2026-10-25"),
        pair("2026-10-25T00:30:00Z", "2026-10-25T04:00:00Z")
    );
    assert_eq!(s.at(utc("2026-10-25T01:40:00Z")).interval(), "Working time");
}

#[test]
fn new_york_and_budapest() {
    let s = one_day(
        "America/New_York",
        "2026-03-08",
        r#"{"from":"02:30","to":"09:00"}"#,
    );
    assert_eq!(
        working(&s, "2026-03-08"),
        pair("2026-03-08T07:00:00Z", "2026-03-08T13:00:00Z")
    );
    let s = one_day(
        "America/New_York",
        "2026-11-01",
        r#"{"from":"00:00","to":"01:30"}"#,
    );
    assert_eq!(
        working(&s, "2026-11-01"),
        pair("2026-11-01T04:00:00Z", "2026-11-01T05:30:00Z")
    );
    let s = one_day(
        "Europe/Budapest",
        "2026-03-29",
        r#"{"from":"00:00","to":"24:00"}"#,
    );
    // A 23-hour day.
    assert_eq!(
        working(&s, "2026-03-29"),
        pair("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z")
    );
}

#[test]
fn lord_howe_half_hour_shift() {
    // 2026-10-04: 02:00 +10:30 jumps to 02:30 +11:00 (15:30Z the day before).
    let s = one_day(
        "Australia/Lord_Howe",
        "2026-10-04",
        r#"{"from":"02:15","to":"03:00"}"#,
    );
    assert_eq!(
        working(&s, "2026-10-04"),
        pair("2026-10-03T15:30:00Z", "2026-10-03T16:00:00Z")
    );
    // 2026-04-05: 02:00 +11:00 falls back to 01:30 +10:30 (15:00Z on the 4th).
    let s = one_day(
        "Australia/Lord_Howe",
        "2026-04-05",
        r#"{"from":"01:00","to":"01:45"}"#,
    );
    assert_eq!(
        working(&s, "2026-04-05"),
        pair("2026-04-04T14:00:00Z", "2026-04-04T14:45:00Z")
    );
}

#[test]
fn santiago_and_cairo_transitions_at_midnight() {
    // Santiago 2026-09-06: 00:00 -04 jumps to 01:00 -03 (04:00Z). A range
    // from Saturday 22:00 to 24:00 ends at the jump.
    let s = one_day(
        "America/Santiago",
        "2026-09-05",
        r#"{"from":"22:00","to":"24:00"}"#,
    );
    assert_eq!(
        working(&s, "2026-09-05"),
        pair("2026-09-06T02:00:00Z", "2026-09-06T04:00:00Z")
    );
    // Cairo 2026-04-24 (last Friday of April): 00:00 EET jumps to 01:00
    // EEST (22:00Z on the 23rd). Friday 00:00-08:00 starts at the jump.
    let s = one_day(
        "Africa/Cairo",
        "2026-04-24",
        r#"{"from":"00:00","to":"08:00"}"#,
    );
    assert_eq!(
        working(&s, "2026-04-24"),
        pair("2026-04-23T22:00:00Z", "2026-04-24T05:00:00Z")
    );
    // An overnight range Thursday 20:00 to Friday 02:00 across that jump.
    let s = one_day(
        "Africa/Cairo",
        "2026-04-23",
        r#"{"from":"20:00","to":"02:00"}"#,
    );
    assert_eq!(
        working(&s, "2026-04-23"),
        pair("2026-04-23T18:00:00Z", "2026-04-23T23:00:00Z")
    );
}

#[test]
fn kolkata_and_chatham() {
    let s = one_day(
        "Asia/Kolkata",
        "2026-03-29",
        r#"{"from":"02:30","to":"09:00"}"#,
    );
    assert_eq!(
        working(&s, "2026-03-29"),
        pair("2026-03-28T21:00:00Z", "2026-03-29T03:30:00Z")
    );
    // Chatham 2026-09-27: 02:45 +12:45 jumps to 03:45 +13:45 (14:00Z on the 26th).
    let s = one_day(
        "Pacific/Chatham",
        "2026-09-27",
        r#"{"from":"03:00","to":"09:00"}"#,
    );
    assert_eq!(
        working(&s, "2026-09-27"),
        pair("2026-09-26T14:00:00Z", "2026-09-26T19:15:00Z")
    );
}

#[test]
fn moscow_has_no_dst() {
    let s = one_day(
        "Europe/Moscow",
        "2026-10-25",
        r#"{"from":"02:30","to":"03:30"}"#,
    );
    assert_eq!(
        working(&s, "2026-10-25"),
        pair("2026-10-24T23:30:00Z", "2026-10-25T00:30:00Z")
    );
}

const FIXTURE: &str = include_str!("data/dst_boundaries.tsv");

/// Every row of the independent fixture: a range ending at the row's local
/// time ends at its expected instant, and a range starting there starts
/// at it (unless the range falls wholly in a gap and never happens).
#[test]
fn boundaries_match_python_zoneinfo() {
    let mut checked = 0;
    for line in
        FIXTURE.lines().filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        let (zone, date, time, expected) = (f[0], f[1], f[2], utc(f[4]));
        let expected = expected.to_rfc3339();
        // The day's own bounds: a range between one of them and the row's
        // time is empty exactly when both resolve to the same instant (the
        // range lies wholly in a gap).
        let day = one_day(zone, date, r#"{"from":"00:00","to":"24:00"}"#);
        let bounds = working(&day, date);
        let [(day_start, day_end)] = bounds.as_slice() else {
            panic!("{line}: no whole day");
        };
        if time != "00:00" {
            let range = format!(r#"{{"from":"00:00","to":"{time}"}}"#);
            let w = working(&one_day(zone, date, &range), date);
            match w.as_slice() {
                [(_, end)] => assert_eq!(end, &expected, "{line}"),
                [] => assert_eq!(day_start, &expected, "{line}"),
                _ => panic!("{line}: {w:?}"),
            }
            checked += 1;
        }
        if time != "24:00" {
            let range = format!(r#"{{"from":"{time}","to":"24:00"}}"#);
            let w = working(&one_day(zone, date, &range), date);
            match w.as_slice() {
                [(start, _)] => assert_eq!(start, &expected, "{line}"),
                [] => assert_eq!(day_end, &expected, "{line}"),
                _ => panic!("{line}: {w:?}"),
            }
            checked += 1;
        }
    }
    assert!(checked > 650, "only {checked} boundaries checked");
}

#[test]
fn next_begin_and_next_allowed_across_the_gap_and_the_fold() {
    // 02:30 does not exist on 2026-03-29: the range begins at 03:00 CEST.
    let s = one_day(
        "Europe/Warsaw",
        "2026-03-29",
        r#"{"from":"02:30","to":"04:00"}"#,
    );
    let p = s.next_begin("Working time", utc("2026-03-28T12:00:00Z")).unwrap();
    assert_eq!(p.start(), utc("2026-03-29T01:00:00Z"));
    assert_eq!(p.end(), Some(utc("2026-03-29T02:00:00Z")));
    let p = s.next_allowed(&["Working time"], utc("2026-03-28T12:00:00Z"));
    assert_eq!(
        p.map(|p| (p.start(), p.end())),
        Some((utc("2026-03-29T01:00:00Z"), Some(utc("2026-03-29T02:00:00Z"))))
    );
    // Nothing after it.
    assert_eq!(
        s.next_begin("Working time", utc("2026-03-29T01:00:00Z")),
        None
    );
    assert_eq!(
        s.next_allowed(&["Working time"], utc("2026-03-29T02:00:00Z")),
        None
    );
    // Non-working time is allowed from now and never stops after 02:00Z.
    let p = s
        .next_allowed(&["Non-working time"], utc("2026-03-29T02:00:00Z"))
        .unwrap();
    assert_eq!((p.start(), p.end()), (utc("2026-03-29T02:00:00Z"), None));

    // 2026-10-25 03:00 CEST falls back to 02:00 CET: 01:00–02:30 ends at
    // the first 02:30 (00:30Z); lunch follows until the second 03:00.
    let s = Schedule::from_json(
        r#"{ "time_zone": "Europe/Warsaw", "intervals": ["Lunch"],
             "exceptions": [{ "from": "2026-10-25", "ranges": [
                 {"from":"01:00","to":"02:30"},
                 {"from":"02:30","to":"03:00","interval":"Lunch"}] }] }"#,
    )
    .unwrap();
    let before = utc("2026-10-24T12:00:00Z");
    let p = s.next_begin("Working time", before).unwrap();
    assert_eq!(
        (p.start(), p.end()),
        (utc("2026-10-24T23:00:00Z"), Some(utc("2026-10-25T00:30:00Z")))
    );
    let p = s.next_begin("Lunch", before).unwrap();
    assert_eq!(
        (p.start(), p.end()),
        (utc("2026-10-25T00:30:00Z"), Some(utc("2026-10-25T02:00:00Z")))
    );
    // Working time then lunch, both allowed: one period.
    let p = s.next_allowed(&["Working time", "Lunch"], before).unwrap();
    assert_eq!(
        (p.start(), p.end()),
        (utc("2026-10-24T23:00:00Z"), Some(utc("2026-10-25T02:00:00Z")))
    );
}
