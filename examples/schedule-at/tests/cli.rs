//! Runs the built `schedule-at` binary on the schedules in `testdata/`.
//!
//! Expected instants come from the rules, worked out by hand, not from the
//! program:
//!
//! - Europe/Warsaw and Europe/Berlin are UTC+1 in winter and UTC+2 in
//!   summer; in 2026 clocks jump from 02:00 to 03:00 on Sunday 29 March and
//!   fall back from 03:00 to 02:00 on Sunday 25 October.
//! - `office.json`: Monday to Friday 09:00–12:00 and 12:30–17:00 "Working
//!   time" with a 12:00–12:30 "Lunch break"; Saturday 10:00–14:00; closed
//!   Thursday 2026-12-24 to Saturday 2026-12-26 (exception 0); open only
//!   09:00–13:00 on Thursday 2026-12-31 (exception 1).
//! - `night.json`: every day 22:00–06:00, each range belonging to the day
//!   it starts on.
//! - `always.json`: round the clock.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use chrono::{DateTime, Duration};
use serde_json::Value;

/// Runs `schedule-at` with `args` in this package's directory, feeding it
/// `stdin`.
fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_schedule-at"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start schedule-at");
    let mut input = child.stdin.take().expect("stdin is piped");
    // The program may stop before reading standard input (a usage
    // error): a broken pipe here is not a failure.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().expect("wait for schedule-at")
}

/// Runs `schedule-at` with `args` and empty standard input.
fn run(args: &[&str]) -> Output {
    run_with_stdin(args, b"")
}

/// Standard output, which must be UTF-8.
fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 stdout")
}

/// Standard error, which must be UTF-8.
fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 stderr")
}

/// The lines of a successful run's standard output.
fn lines(output: &Output) -> Vec<String> {
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(output));
    stdout(output).lines().map(str::to_owned).collect()
}

/// Each line of a successful run's standard output, parsed as JSON.
fn json_lines(output: &Output) -> Vec<Value> {
    lines(output)
        .iter()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

/// The one JSON line for one instant.
fn json_at(file: &str, instant: &str) -> Value {
    let objects = json_lines(&run(&["--json", file, instant]));
    assert_eq!(objects.len(), 1, "{objects:?}");
    objects.into_iter().next().expect("one object")
}

/// Checks the fields of an instant's JSON object.
fn assert_state(
    object: &Value,
    interval: &str,
    since: Value,
    until: Value,
    source: &str,
) {
    assert_eq!(object["interval"], interval, "{object}");
    assert_eq!(object["since"], since, "{object}");
    assert_eq!(object["until"], until, "{object}");
    assert_eq!(object["source"], source, "{object}");
}

/// A failed run: its exit code, nothing on stdout, and stderr.
fn failure(output: &Output, code: i32) -> String {
    assert_eq!(output.status.code(), Some(code), "stderr: {}", stderr(output));
    assert_eq!(stdout(output), "", "nothing is printed on stdout");
    stderr(output)
}

/// An RFC 3339 string of a JSON field, parsed.
fn instant(value: &Value) -> DateTime<chrono::FixedOffset> {
    let text = value.as_str().expect("an RFC 3339 string");
    DateTime::parse_from_rfc3339(text).expect("RFC 3339")
}

// Office hours, Europe/Warsaw.

#[test]
fn working_time_in_winter_until_lunch() {
    // Monday 2026-11-23 10:00 in Warsaw (UTC+1); lunch starts at 12:00.
    let output = run(&["testdata/office.json", "2026-11-23T10:00:00+01:00"]);
    assert_eq!(
        lines(&output),
        ["2026-11-23T10:00:00+01:00  Working time  until \
             2026-11-23T12:00:00+01:00 (local)"]
    );
}

#[test]
fn instants_in_any_offset_print_in_local_time() {
    // 09:00Z and 04:00-05:00 are both 10:00 in Warsaw.
    let output = run(&[
        "testdata/office.json",
        "2026-11-23T09:00:00Z",
        "2026-11-23T04:00:00-05:00",
    ]);
    let expected = "2026-11-23T10:00:00+01:00  Working time  until \
                    2026-11-23T12:00:00+01:00 (local)";
    assert_eq!(lines(&output), [expected, expected]);
}

#[test]
fn working_time_in_summer() {
    // Wednesday 2026-07-01 08:00Z is 10:00 in Warsaw (UTC+2).
    let output = run(&["testdata/office.json", "2026-07-01T08:00:00Z"]);
    assert_eq!(
        lines(&output),
        ["2026-07-01T10:00:00+02:00  Working time  until \
             2026-07-01T12:00:00+02:00 (local)"]
    );
}

#[test]
fn afternoon_working_time_until_five() {
    // 14:00 local: since the end of lunch (12:30 = 11:30Z), until 17:00
    // (16:00Z).
    let object = json_at("testdata/office.json", "2026-11-23T14:00:00+01:00");
    assert_eq!(object["at"], "2026-11-23T13:00:00Z");
    assert_state(
        &object,
        "Working time",
        "2026-11-23T11:30:00Z".into(),
        "2026-11-23T16:00:00Z".into(),
        "weekly monday[2]",
    );
}

#[test]
fn lunch_break() {
    // 12:10 in Warsaw is 11:10Z; lunch is 12:00–12:30 (11:00Z–11:30Z).
    let output = run(&["testdata/office.json", "2026-11-23T11:10:00Z"]);
    assert_eq!(
        lines(&output),
        ["2026-11-23T12:10:00+01:00  Lunch break  until \
             2026-11-23T12:30:00+01:00 (local)"]
    );
    let object = json_at("testdata/office.json", "2026-11-23T11:10:00Z");
    assert_state(
        &object,
        "Lunch break",
        "2026-11-23T11:00:00Z".into(),
        "2026-11-23T11:30:00Z".into(),
        "weekly monday[1]",
    );
}

#[test]
fn range_includes_its_start_and_excludes_its_end() {
    let output = run(&[
        "--json",
        "testdata/office.json",
        "2026-11-23T08:59:59Z",
        "2026-11-23T09:00:00+01:00",
        "2026-11-23T17:00:00+01:00",
    ]);
    let objects = json_lines(&output);
    assert_eq!(objects.len(), 3);
    assert_eq!(objects[0]["interval"], "Working time");
    assert_eq!(objects[1]["interval"], "Working time");
    assert_eq!(objects[1]["since"], "2026-11-23T08:00:00Z");
    assert_eq!(objects[2]["interval"], "Non-working time");
    // Tuesday 09:00 local.
    assert_eq!(objects[2]["until"], "2026-11-24T08:00:00Z");
}

#[test]
fn saturday_hours_then_closed_until_monday() {
    // Saturday 2026-11-28 10:00–14:00 local = 09:00Z–13:00Z.
    let object = json_at("testdata/office.json", "2026-11-28T10:30:00Z");
    assert_state(
        &object,
        "Working time",
        "2026-11-28T09:00:00Z".into(),
        "2026-11-28T13:00:00Z".into(),
        "weekly saturday[0]",
    );
    // Closed from 14:00 Saturday to Monday 09:00 (08:00Z).
    let object = json_at("testdata/office.json", "2026-11-29T12:00:00+01:00");
    assert_state(
        &object,
        "Non-working time",
        "2026-11-28T13:00:00Z".into(),
        "2026-11-30T08:00:00Z".into(),
        "uncovered",
    );
}

#[test]
fn christmas_exception_closes_until_monday() {
    // Friday 2026-12-25 noon: closed since Wednesday 23rd 17:00 (16:00Z);
    // 24th–26th are closed, the 27th is a Sunday, so it opens on Monday
    // 28th 09:00 local = 08:00Z.
    let object = json_at("testdata/office.json", "2026-12-25T12:00:00+01:00");
    assert_state(
        &object,
        "Non-working time",
        "2026-12-23T16:00:00Z".into(),
        "2026-12-28T08:00:00Z".into(),
        "uncovered (exception 0)",
    );
    let output = run(&["testdata/office.json", "2026-12-25T12:00:00+01:00"]);
    assert_eq!(
        lines(&output),
        ["2026-12-25T12:00:00+01:00  Non-working time  until \
             2026-12-28T09:00:00+01:00 (local)"]
    );
}

#[test]
fn early_close_on_new_years_eve() {
    // Thursday 2026-12-31: 09:00–13:00 local = 08:00Z–12:00Z, no lunch.
    let output = run(&[
        "--json",
        "testdata/office.json",
        "2026-12-31T12:15:00+01:00",
        "2026-12-31T13:00:00+01:00",
    ]);
    let objects = json_lines(&output);
    assert_eq!(objects.len(), 2);
    assert_state(
        &objects[0],
        "Working time",
        "2026-12-31T08:00:00Z".into(),
        "2026-12-31T12:00:00Z".into(),
        "exception 1 (2026-12-31) range 0",
    );
    // Friday 2027-01-01 is an ordinary Friday in this file.
    assert_state(
        &objects[1],
        "Non-working time",
        "2026-12-31T12:00:00Z".into(),
        "2027-01-01T08:00:00Z".into(),
        "uncovered (exception 1)",
    );
}

#[test]
fn json_has_the_instant_in_utc() {
    let object = json_at("testdata/office.json", "2026-11-23T10:00:00+01:00");
    assert_eq!(object["at"], "2026-11-23T09:00:00Z");
    let keys: Vec<&str> = object
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    for key in ["at", "interval", "since", "until", "source"] {
        assert!(keys.contains(&key), "{key} missing in {object}");
    }
}

// Round the clock.

#[test]
fn round_the_clock_never_began_and_never_ends() {
    let object = json_at("testdata/always.json", "2026-11-23T10:00:00+01:00");
    assert_eq!(object["at"], "2026-11-23T09:00:00Z");
    assert_state(
        &object,
        "Working time",
        Value::Null,
        Value::Null,
        "round the clock",
    );
    // America/New_York is UTC-5 in November.
    let output = run(&["testdata/always.json", "2026-11-23T09:00:00Z"]);
    assert_eq!(
        lines(&output),
        ["2026-11-23T04:00:00-05:00  Working time  never ends (local)"]
    );
}

#[test]
fn round_the_clock_week_is_one_entry() {
    let output =
        run(&["--json", "--week", "2026-11-23", "testdata/always.json"]);
    let objects = json_lines(&output);
    assert_eq!(objects.len(), 1, "{objects:?}");
    assert_eq!(objects[0]["interval"], "Working time");
    // Local midnights in New York (UTC-5).
    assert_eq!(objects[0]["start"], "2026-11-23T05:00:00Z");
    assert_eq!(objects[0]["end"], "2026-11-30T05:00:00Z");
}

#[test]
fn dash_reads_the_schedule_from_stdin() {
    let json = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("testdata/always.json"),
    )
    .expect("read always.json");
    let output =
        run_with_stdin(&["--json", "-", "2026-01-01T00:00:00Z"], &json);
    let objects = json_lines(&output);
    assert_eq!(objects.len(), 1);
    assert_eq!(objects[0]["source"], "round the clock");
}

// Calendars.

#[test]
fn week_is_merged_in_order_and_covers_seven_days() {
    let output = run(&["--week", "2026-11-23", "testdata/office.json"]);
    let lines = lines(&output);
    // Monday's early morning, then Monday to Friday four entries each
    // (work, lunch, work, closed until the next opening), then Saturday's
    // hours and the closed weekend.
    assert_eq!(lines.len(), 1 + 5 * 4 + 2, "{lines:#?}");
    assert_eq!(
        lines[..6],
        [
            "2026-11-23T00:00:00+01:00  2026-11-23T09:00:00+01:00  \
             Non-working time",
            "2026-11-23T09:00:00+01:00  2026-11-23T12:00:00+01:00  \
             Working time",
            "2026-11-23T12:00:00+01:00  2026-11-23T12:30:00+01:00  \
             Lunch break",
            "2026-11-23T12:30:00+01:00  2026-11-23T17:00:00+01:00  \
             Working time",
            // One entry across midnight: adjacent equal intervals merge.
            "2026-11-23T17:00:00+01:00  2026-11-24T09:00:00+01:00  \
             Non-working time",
            "2026-11-24T09:00:00+01:00  2026-11-24T12:00:00+01:00  \
             Working time",
        ]
    );
    assert_eq!(
        lines[lines.len() - 3..],
        [
            "2026-11-27T17:00:00+01:00  2026-11-28T10:00:00+01:00  \
             Non-working time",
            "2026-11-28T10:00:00+01:00  2026-11-28T14:00:00+01:00  \
             Working time",
            "2026-11-28T14:00:00+01:00  2026-11-30T00:00:00+01:00  \
             Non-working time",
        ]
    );
    // Each entry starts where the one before ends, with another interval.
    let fields: Vec<Vec<&str>> =
        lines.iter().map(|l| l.splitn(3, "  ").collect()).collect();
    for pair in fields.windows(2) {
        assert_eq!(pair[0][1], pair[1][0], "{pair:?}");
        assert_ne!(pair[0][2], pair[1][2], "{pair:?}");
    }
}

#[test]
fn week_json_over_christmas() {
    // Monday 2026-12-21 to Sunday 27th: three working days, then closed
    // from Wednesday 17:00 (16:00Z) to the end of Sunday (23:00Z).
    let output =
        run(&["--json", "--week", "2026-12-21", "testdata/office.json"]);
    let objects = json_lines(&output);
    assert_eq!(objects.len(), 1 + 3 * 4, "{objects:#?}");
    assert_eq!(objects[0]["start"], "2026-12-20T23:00:00Z");
    assert_eq!(objects[0]["interval"], "Non-working time");
    let last = &objects[objects.len() - 1];
    assert_eq!(last["interval"], "Non-working time");
    assert_eq!(last["start"], "2026-12-23T16:00:00Z");
    assert_eq!(last["end"], "2026-12-27T23:00:00Z");
    assert_eq!(last["source"], "uncovered");
    for object in &objects {
        let keys = object.as_object().expect("an object");
        for key in ["interval", "start", "end", "source"] {
            assert!(keys.contains_key(key), "{key} missing in {object}");
        }
    }
}

#[test]
fn week_over_the_spring_change_is_an_hour_short() {
    // Local midnight Monday 2026-03-23 (UTC+1) to local midnight Monday
    // 2026-03-30 (UTC+2): 7 days less the hour skipped on the 29th.
    let output = run(&["--json", "--week=2026-03-23", "testdata/night.json"]);
    let objects = json_lines(&output);
    // Sunday night's spill, then closed / night for each of the 7 days.
    assert_eq!(objects.len(), 1 + 7 * 2, "{objects:#?}");
    let first = &objects[0];
    assert_eq!(first["start"], "2026-03-22T23:00:00Z");
    assert_eq!(first["end"], "2026-03-23T05:00:00Z");
    assert_eq!(first["source"], "weekly sunday[0]");
    let last = &objects[objects.len() - 1];
    assert_eq!(last["end"], "2026-03-29T22:00:00Z");
    let total = instant(&last["end"]) - instant(&first["start"]);
    assert_eq!(total, Duration::hours(7 * 24 - 1));
    for pair in objects.windows(2) {
        assert_eq!(pair[0]["end"], pair[1]["start"]);
        assert_ne!(pair[0]["interval"], pair[1]["interval"]);
    }
    // Saturday's night: 22:00 (UTC+1) to 06:00 (UTC+2), 7 hours.
    assert!(objects.iter().any(|o| o["start"] == "2026-03-28T21:00:00Z"
        && o["end"] == "2026-03-29T04:00:00Z"
        && o["interval"] == "Working time"
        && o["source"] == "weekly saturday[0]"));
}

// Night shifts across daylight saving, Europe/Berlin.

#[test]
fn night_range_across_the_spring_change() {
    // Saturday 2026-03-28 22:00 local (UTC+1) is 21:00Z; the range ends
    // Sunday 06:00 local, after the 02:00 -> 03:00 jump, so 04:00Z.
    let output = run(&[
        "--json",
        "testdata/night.json",
        "2026-03-28T20:59:00Z",
        "2026-03-28T21:00:00Z",
        "2026-03-29T00:30:00Z",
        "2026-03-29T03:59:00Z",
        "2026-03-29T04:00:00Z",
    ]);
    let objects = json_lines(&output);
    assert_eq!(objects.len(), 5);
    assert_state(
        &objects[0],
        "Non-working time",
        "2026-03-28T05:00:00Z".into(),
        "2026-03-28T21:00:00Z".into(),
        "uncovered",
    );
    for object in &objects[1..4] {
        assert_state(
            object,
            "Working time",
            "2026-03-28T21:00:00Z".into(),
            "2026-03-29T04:00:00Z".into(),
            "weekly saturday[0]",
        );
    }
    // Sunday 22:00 is now UTC+2: 20:00Z.
    assert_state(
        &objects[4],
        "Non-working time",
        "2026-03-29T04:00:00Z".into(),
        "2026-03-29T20:00:00Z".into(),
        "uncovered",
    );
}

#[test]
fn night_range_text_shows_both_offsets() {
    let output = run(&["testdata/night.json", "2026-03-28T21:00:00Z"]);
    assert_eq!(
        lines(&output),
        ["2026-03-28T22:00:00+01:00  Working time  until \
             2026-03-29T06:00:00+02:00 (local)"]
    );
}

#[test]
fn night_range_across_the_autumn_change() {
    // Saturday 2026-10-24 22:00 local (UTC+2) is 20:00Z; Sunday 06:00 is
    // after the 03:00 -> 02:00 fall back, UTC+1, so 05:00Z: 9 hours.
    let object = json_at("testdata/night.json", "2026-10-25T01:30:00Z");
    assert_state(
        &object,
        "Working time",
        "2026-10-24T20:00:00Z".into(),
        "2026-10-25T05:00:00Z".into(),
        "weekly saturday[0]",
    );
}

// Errors.

#[test]
fn invalid_schedule_reports_every_problem_with_its_path() {
    let output = run(&["testdata/invalid.json", "2026-11-23T10:00:00Z"]);
    let message = failure(&output, 1);
    assert!(
        message.starts_with(
            "schedule-at: testdata/invalid.json: invalid schedule: 3 problems"
        ),
        "{message}"
    );
    for expected in [
        "time_zone: unknown time zone \"europe/warsaw\"; did you mean \
         \"Europe/Warsaw\"?",
        "week.tuesday[1].interval: unknown interval \"Lunch\"",
        "week.monday[1]: range 16:00–18:00 overlaps week.monday[0] \
         (09:00–17:00)",
    ] {
        assert!(message.contains(expected), "{expected:?} in {message}");
    }
}

#[test]
fn invalid_schedule_with_week_fails_too() {
    let output = run(&["--week", "2026-11-23", "testdata/invalid.json"]);
    failure(&output, 1);
}

#[test]
fn malformed_time_names_its_path() {
    let output = run(&["testdata/bad-time.json", "2026-11-23T10:00:00Z"]);
    let message = failure(&output, 1);
    assert!(
        message.starts_with(
            "schedule-at: testdata/bad-time.json: invalid schedule: \
             week.monday[0].to: invalid time \"25:00\""
        ),
        "{message}"
    );
}

#[test]
fn invalid_schedule_from_stdin() {
    let output =
        run_with_stdin(&["-", "2026-11-23T10:00:00Z"], b"{\"time_zone\": 1}");
    let message = failure(&output, 1);
    assert!(message.starts_with("schedule-at: <stdin>: "), "{message}");
    assert!(message.contains("time_zone"), "{message}");
}

#[test]
fn unreadable_file_is_named() {
    let output = run(&["testdata/missing.json", "2026-11-23T10:00:00Z"]);
    let message = failure(&output, 1);
    assert!(
        message.starts_with("schedule-at: testdata/missing.json: cannot read"),
        "{message}"
    );
}

#[test]
fn bad_instant_is_named_and_nothing_is_printed() {
    for bad in ["2026-11-23 10:00", "2026-11-23T10:00:00", "tomorrow"] {
        let output =
            run(&["testdata/office.json", "2026-11-23T10:00:00Z", bad]);
        let message = failure(&output, 1);
        assert!(
            message
                .starts_with(&format!("schedule-at: invalid instant {bad:?}")),
            "{message}"
        );
    }
}

#[test]
fn extreme_instants_are_answered_right_or_refused() {
    // The library handles about the years 1 to 9999; the tool must either
    // give an answer that holds the instant or refuse it, never print an
    // interval that does not contain it.
    for t in ["0000-06-05T12:00:00Z", "9999-12-31T23:59:59Z"] {
        let output = run(&["--json", "testdata/office.json", t]);
        if output.status.success() {
            let object = &json_lines(&output)[0];
            let at = instant(&object["at"]);
            for (field, ok) in [("since", true), ("until", false)] {
                if !object[field].is_null() {
                    let bound = instant(&object[field]);
                    assert_eq!(bound <= at, ok, "{field} in {object}");
                }
            }
        } else {
            let message = failure(&output, 1);
            assert!(message.contains("outside the years"), "{message}");
        }
    }
    for date in ["0000-01-01", "9999-12-26"] {
        let output = run(&["--week", date, "testdata/night.json"]);
        if !output.status.success() {
            let message = failure(&output, 1);
            assert!(message.contains("outside the years"), "{message}");
        }
    }
}

#[test]
fn bad_week_date_is_named() {
    for bad in ["2026-02-30", "23.11.2026", "2026-11-23T00:00:00Z"] {
        let output = run(&["--week", bad, "testdata/office.json"]);
        let message = failure(&output, 1);
        assert!(
            message.starts_with(&format!(
                "schedule-at: invalid --week date {bad:?}"
            )),
            "{message}"
        );
    }
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let output =
        run(&["--frobnicate", "testdata/office.json", "2026-11-23T10:00:00Z"]);
    let message = failure(&output, 2);
    assert!(message.contains("unknown option '--frobnicate'"), "{message}");
    assert!(message.contains("Usage: schedule-at"), "{message}");
}

#[test]
fn other_usage_errors() {
    for args in [
        &[][..],
        &["testdata/office.json"][..],
        &["--json", "testdata/office.json"][..],
        &["--week"][..],
        &["testdata/office.json", "--week"][..],
        &["--week", "2026-11-23"][..],
        &["--week", "2026-11-23", "testdata/office.json", "2026-11-23T10:00Z"]
            [..],
        &["--week", "2026-11-23", "--week=2026-11-30", "testdata/office.json"]
            [..],
    ] {
        let message = failure(&run(args), 2);
        assert!(message.contains("Usage: schedule-at"), "{args:?}: {message}");
    }
}

#[test]
fn help_prints_usage() {
    for flag in ["--help", "-h"] {
        let output = run(&[flag]);
        assert_eq!(output.status.code(), Some(0));
        let text = stdout(&output);
        assert!(text.starts_with("Usage: schedule-at"), "{text}");
        assert!(text.contains("--week DATE"), "{text}");
        assert!(text.contains("--json"), "{text}");
    }
}

#[test]
fn double_dash_ends_the_options() {
    let output = run(&["--", "testdata/always.json", "2026-01-01T00:00:00Z"]);
    assert_eq!(lines(&output).len(), 1);
}
