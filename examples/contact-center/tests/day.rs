//! Runs the main demo on the committed data and checks the day it reports.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;
use sms_encoding::Segmenter;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_day")).args(args).output().expect("runs")
}

fn report() -> Value {
    let out = run(&["--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The call at local time `hhmm`.
fn call<'r>(report: &'r Value, hhmm: &str) -> &'r Value {
    report["calls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["local_time"] == hhmm)
        .unwrap_or_else(|| panic!("no call at {hhmm}"))
}

/// The SMS decision of rule `rule` for the call at `hhmm`.
fn decision<'r>(report: &'r Value, hhmm: &str, rule: &str) -> &'r Value {
    call(report, hhmm)["sms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule:?} for the call at {hhmm}"))
}

fn rules(report: &Value, hhmm: &str, action: &str) -> Vec<String> {
    call(report, hhmm)["sms"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["action"] == action)
        .map(|s| s["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_call_is_routed_by_the_interval_in_force() {
    let r = report();
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data");
    let calls: Value = serde_json::from_str(
        &std::fs::read_to_string(data.join("calls.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(r["totals"]["calls"], calls["calls"].as_array().unwrap().len());
    // schedule.json: 08:00–16:00 on weekdays, lunch 12:00–12:30.
    assert_eq!(call(&r, "07:40")["interval"], "Non-working time");
    assert_eq!(call(&r, "09:05")["interval"], "Working time");
    assert_eq!(call(&r, "12:10")["interval"], "Lunch break");
    assert_eq!(call(&r, "16:30")["interval"], "Non-working time");
}

#[test]
fn paths_and_outcomes_come_from_the_scenario() {
    let r = report();
    assert_eq!(call(&r, "09:05")["path"], "key 1 → answered by anna");
    // Anna is busy and Marta unavailable (facts.json): Piotr answers.
    assert_eq!(call(&r, "15:50")["path"], "key 1 → answered by piotr");
    assert_eq!(call(&r, "14:20")["path"], "extension 105 → answered by ewa");
    assert_eq!(
        call(&r, "13:00")["path"],
        "nothing selected → answered by jan"
    );
    assert_eq!(call(&r, "09:30")["status"], "voicemail");
    assert_eq!(call(&r, "10:45")["status"], "missed");
}

#[test]
fn post_call_rules_decide_as_seeds_000_and_003_ask() {
    let r = report();
    let confirmation = "Order confirmation".to_string();
    // Pressed 1 and was served: an order confirmation (seed 003). An
    // extension that starts with 1 is not "pressed 1".
    assert!(rules(&r, "09:05", "send").contains(&confirmation));
    assert!(!rules(&r, "14:20", "send").contains(&confirmation));
    // A foreign missed call tells only the English-speaking group.
    let foreign = rules(&r, "09:30", "send");
    let english = "Missed call from abroad, to the English-speaking staff";
    assert!(foreign.contains(&english.to_string()), "{foreign:?}");
    assert!(!foreign.contains(&"Missed call, to the support staff".into()));
    // The same caller again the same day: no second call-back promise.
    let again = decision(&r, "10:45", "Call-back promise");
    assert_eq!(again["action"], "suppress");
    assert!(again["reason"].as_str().unwrap().contains("minimum interval"));
    // After hours: deferred to the window's next opening, 08:00 tomorrow
    // in Warsaw (07:00 UTC in winter).
    let late = decision(&r, "16:30", "Call-back promise");
    assert_eq!(late["at"], "2026-11-25T07:00:00+00:00");
    // A landline never gets an SMS (R20).
    let landline = decision(&r, "10:10", "Call-back promise");
    assert!(landline["reason"].as_str().unwrap().contains("not a mobile"));
    // "Thanks" waits for an agent (auto-send off).
    assert_eq!(rules(&r, "09:05", "queue"), ["Thanks after a conversation"]);
}

#[test]
fn parts_billed_are_what_sms_encoding_counts_for_each_text() {
    let r = report();
    let seg = Segmenter::default();
    let (mut parts, mut sent) = (0, 0);
    for call in r["calls"].as_array().unwrap() {
        for s in call["sms"].as_array().unwrap() {
            if s["action"] == "suppress" {
                continue;
            }
            let a = seg.analyze(s["text"].as_str().unwrap()).unwrap();
            assert_eq!(s["parts"], a.segments(), "{s}");
            assert_eq!(s["encoding"], a.encoding().name(), "{s}");
            if s["action"] == "send" {
                parts += a.segments();
                sent += 1;
            }
        }
    }
    assert_eq!(r["totals"]["parts_billed"], parts);
    assert_eq!(r["totals"]["sms_sent"], sent);
}

#[test]
fn the_text_report_has_its_sections() {
    let out = run(&[]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for section in ["Calls (12)", "per interval:", "paths:", "SMS", "billed"] {
        assert!(text.contains(section), "{section} missing:\n{text}");
    }
}

/// The text report reads as a person would want it: each SMS under the
/// call that caused it (a suppressed SMS too, though it has no time), times
/// in the business zone, every number written one way, no line wider than
/// a terminal's 100 columns.
#[test]
fn the_text_report_is_readable() {
    let out = run(&[]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        assert!(
            line.chars().count() <= 100,
            "{} columns: {line}",
            line.chars().count()
        );
    }
    // The withheld 11:15 call's suppressed SMS sits under that call.
    let sms = &text[text.find("\nSMS").unwrap()..];
    let withheld = sms.find("11:15 call from (withheld)").expect("11:15 call");
    let no_number = sms.find("suppressed to no number").expect("withheld SMS");
    let next_call = sms.find("12:10 call from").expect("12:10 call");
    assert!(withheld < no_number && no_number < next_call, "{sms}");
    // The minimum interval ends 08:10 UTC on the 25th: 09:10 in Warsaw.
    assert!(sms.contains("may be sent from 2026-11-25 09:10"), "{sms}");
    assert!(!text.contains("UTC") && !text.contains("+00:00"), "{text}");
    // One number format: never the E.164 spelling next to the spaced one.
    assert!(!text.contains("+48601111222"), "{text}");
    assert!(text.contains("to +48 601 111 222"), "{text}");
    // No Debug names.
    assert!(!text.contains("FixedLine"), "{text}");
}

/// In JSON, what a suppressed SMS does not have is null, not "" or 0.
#[test]
fn json_absent_values_are_null() {
    let r = report();
    let mut suppressed = 0;
    for c in r["calls"].as_array().unwrap() {
        for s in c["sms"].as_array().unwrap() {
            if s["action"] == "suppress" {
                suppressed += 1;
                for field in ["at", "sender", "text", "encoding", "parts"] {
                    assert!(s[field].is_null(), "{field} in {s}");
                }
            } else {
                assert!(s["parts"].as_u64().unwrap() >= 1, "{s}");
            }
        }
    }
    assert!(suppressed > 0);
    let withheld = call(&r, "11:15");
    assert!(withheld["sms"][0]["recipient"].is_null(), "{withheld}");
}

#[test]
fn a_broken_data_file_is_named_in_the_error() {
    let dir =
        std::env::temp_dir().join(format!("day-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data");
    for e in std::fs::read_dir(&data).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
    }
    // The schedule's "Lunch break" left without a scenario (R25).
    let number = std::fs::read_to_string(data.join("number.json")).unwrap();
    let broken = number.replace("\"Lunch break\"", "\"Lunch\"");
    std::fs::write(dir.join("number.json"), broken).unwrap();
    let out = run(&["--data", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("number.json") && err.contains("Lunch break"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
