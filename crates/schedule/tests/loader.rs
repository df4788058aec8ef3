//! The loader on broken files, as a new user writes them: every problem
//! at once, in plain words, with limits checked before the work.

use business_hours::{limits, ProblemKind, Schedule};

fn problems(json: &str) -> Vec<String> {
    let err = Schedule::from_json(json).unwrap_err();
    err.problems().iter().map(ToString::to_string).collect()
}

#[test]
fn an_overlap_is_reported_also_when_a_range_names_an_unknown_interval() {
    let found = problems(
        r#"{"time_zone": "UTC", "week": {"monday": [
            {"from": "09:00", "to": "17:00"},
            {"from": "16:00", "to": "18:00", "interval": "Lunch"}]}}"#,
    );
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0]
        .starts_with("week.monday[1].interval: unknown interval \"Lunch\""));
    assert!(found[1].starts_with(
        "week.monday[1]: range 16:00–18:00 overlaps week.monday[0]"
    ));
}

#[test]
fn too_many_intervals_does_not_make_the_fourth_unknown() {
    let found = problems(
        r#"{"time_zone": "UTC", "intervals": ["A", "B", "C", "D"],
            "week": {"monday": [{"from": "09:00", "to": "17:00", "interval": "D"}]}}"#,
    );
    assert_eq!(
        found,
        ["intervals: 4 extra intervals; at most 3 are allowed besides \"Working time\" and \"Non-working time\""]
    );
}

#[test]
fn many_problems_are_numbered_and_cut_at_fifty() {
    let exceptions: Vec<String> =
        (0..1500).map(|_| r#"{"from": "2026-12-24"}"#.to_string()).collect();
    let json = format!(
        r#"{{"time_zone": "UTC", "exceptions": [{}]}}"#,
        exceptions.join(",")
    );
    let err = Schedule::from_json(&json).unwrap_err();
    // The limit, then 999 shared dates among the first 1000.
    assert_eq!(err.problems().len(), 1000);
    let text = err.to_string();
    assert!(!text.contains("exceptions: exceptions:"), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "invalid schedule: 1000 problems:");
    assert_eq!(
        lines[1],
        "  1. exceptions: 1500 exceptions; at most 1000 are allowed"
    );
    assert!(lines[2].starts_with(
        "  2. exceptions[1]: exception dates overlap exceptions[0]"
    ));
    assert_eq!(lines.len(), 1 + 50 + 1);
    assert_eq!(lines[51], "  … and 950 more");
}

#[test]
fn an_empty_file_says_it_is_empty() {
    for text in ["", "  \n\t"] {
        let err = Schedule::from_json(text).unwrap_err();
        assert_eq!(err.problems()[0].kind(), &ProblemKind::Empty);
        assert_eq!(
            err.to_string(),
            "invalid schedule: the schedule is empty; write a JSON object \
             with at least \"time_zone\""
        );
    }
}

#[test]
fn the_size_limit_is_checked_before_parsing() {
    // Not even JSON: refused for its length alone.
    let text = "x".repeat(limits::MAX_JSON_BYTES + 1);
    let err = Schedule::from_json(&text).unwrap_err();
    assert_eq!(
        err.problems()[0].kind(),
        &ProblemKind::TooLong {
            bytes: limits::MAX_JSON_BYTES + 1,
            limit: limits::MAX_JSON_BYTES
        }
    );
    // At the limit, the text is read.
    let mut text = String::from(r#"{"time_zone": "UTC"}"#);
    text.push_str(&" ".repeat(limits::MAX_JSON_BYTES - text.len()));
    assert!(Schedule::from_json(&text).is_ok());
}

#[test]
fn serde_array_forms_are_refused() {
    for (json, path) in [
        (
            r#"{"time_zone": "UTC", "week": [[{"from": "09:00", "to": "17:00"}]]}"#,
            "week",
        ),
        (
            r#"{"time_zone": "UTC", "week": {"monday": [["09:00", "17:00"]]}}"#,
            "week.monday[0]",
        ),
        (r#"["UTC", "weekly"]"#, ""),
        (
            r#"{"time_zone": "UTC", "exceptions": [["2026-12-24"]]}"#,
            "exceptions[0]",
        ),
        (
            r#"{"time_zone": "UTC", "exceptions": [{"from": "2026-12-24", "ranges": [["09:00", "10:00"]]}]}"#,
            "exceptions[0].ranges[0]",
        ),
    ] {
        let err = Schedule::from_json(json).unwrap_err();
        let p = &err.problems()[0];
        assert_eq!(p.path(), path, "{json}: {err}");
        assert!(
            matches!(p.kind(), ProblemKind::Syntax { message } if message.contains("found a list") && !message.contains("invalid type")),
            "{json}: {err}"
        );
    }
}

#[test]
fn an_unknown_zone_gets_the_nearest_name() {
    for (typo, nearest) in [
        ("Europe/Warsw", "Europe/Warsaw"),
        ("europe/warsaw", "Europe/Warsaw"),
        ("Amerika/New_York", "America/New_York"),
        ("Warsaw", "Europe/Warsaw"),
    ] {
        let found = problems(&format!(r#"{{"time_zone": "{typo}"}}"#));
        assert_eq!(
            found,
            [format!("time_zone: unknown time zone \"{typo}\"; did you mean \"{nearest}\"?")]
        );
    }
    let found = problems(r#"{"time_zone": "Mars/Olympus"}"#);
    assert_eq!(
        found,
        ["time_zone: unknown time zone \"Mars/Olympus\"; use an IANA name such as \"Europe/Warsaw\""]
    );
}

#[test]
fn syntax_problems_give_line_and_column_once() {
    let err = Schedule::from_json("{\n  \"time_zone\": \"UTC\",\n  \"week\": {\"friday\": [{\"from\": \"09:00\", \"to\": \"25:00\"}]}\n}")
        .unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.path(), "week.friday[0].to");
    assert_eq!(p.line_column(), Some((3, 54)));
    assert_eq!(
        p.to_string(),
        "week.friday[0].to: invalid time \"25:00\": expected HH:MM from 00:00 \
         to 24:00 (line 3, column 54)"
    );
}

/// serde's type names never reach the user: a wrong type is said as what
/// the field takes and what was found.
#[test]
fn type_errors_are_in_words() {
    let err = Schedule::from_json(
        r#"{"time_zone": "UTC", "week": {"monday": [{"from": 9, "to": "17:00"}]}}"#,
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("week.monday[0].from"), "{text}");
    assert!(text.contains("found the number 9"), "{text}");
    assert!(
        !text.contains("invalid type") && !text.contains("integer `9`"),
        "{text}"
    );
}

/// Hostile nesting is refused cleanly at the first value of the wrong
/// shape: no stack overflow, no parse of the whole depth.
#[test]
fn deeply_nested_text_is_refused_in_words() {
    let lists = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let objects =
        format!("{}{}", r#"{"week": "#.repeat(100_000), "}".repeat(100_000));
    for json in [lists, objects] {
        let err = Schedule::from_json(&json).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("invalid schedule: "), "{text}");
        assert!(!text.contains("invalid type"), "{text}");
    }
}
