//! Runs `post-call-sms` on the committed call records and checks its
//! decisions.

use std::process::Command;

use sms_encoding::Segmenter;

fn output(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_post-call-sms"))
        .args(args)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The block of lines printed for the call whose header contains `key`.
fn call<'o>(out: &'o str, key: &str) -> &'o str {
    out.split("\n\n")
        .find(|b| b.lines().next().unwrap().contains(key))
        .unwrap()
}

#[test]
fn a_foreign_missed_call_notifies_only_the_english_speaking_group() {
    let out = output(&[]);
    let block = call(&out, "+36 30 123 4567");
    let english = "\"Missed call from abroad, to the English-speaking staff\"";
    assert_eq!(block.matches(english).count(), 2, "{block}");
    assert!(!block.contains("support staff"), "{block}");
}

#[test]
fn key_1_gets_an_order_confirmation_and_thanks_wait_for_an_agent() {
    let out = output(&[]);
    let block = call(&out, "answered call from +48 601 111 222");
    assert!(block.contains("\"Order confirmation\" → +48601111222: send"));
    assert!(block
        .contains("\"Thanks after a conversation\" → +48601111222: queue"));
    // The rule asks for national characters replaced: GSM-7.
    assert!(block.contains("Dziekujemy za zamowienie"), "{block}");
}

#[test]
fn minimum_interval_windows_and_landlines() {
    let out = output(&[]);
    let busy = call(&out, "(busy");
    assert!(busy.contains("\"Call-back promise\" → +48601111222: suppressed: minimum interval not elapsed"));
    // 20:45 is after hours: the staff notice waits for 08:00.
    let late = call(&out, "20:45");
    assert!(late.contains("send at 2026-11-25 08:00"), "{late}");
    assert!(late.contains("+48225550102: suppressed: not a mobile number"));
}

#[test]
fn every_counter_is_what_sms_encoding_says_of_the_text() {
    let out = output(&[]);
    let seg = Segmenter::default();
    let lines: Vec<&str> = out.lines().collect();
    let mut checked = 0;
    for w in lines.windows(3) {
        if w[0].contains(": send at ") || w[0].contains(": queue for") {
            let a = seg.analyze(w[1].trim()).unwrap();
            assert_eq!(w[2].trim(), a.units_counter().to_string());
            checked += 1;
        }
    }
    assert!(checked >= 6, "{out}");
}

#[test]
fn the_trace_says_why_each_rule_did_or_did_not_match() {
    let out = output(&["--trace"]);
    let block = call(&out, "+36 30 123 4567");
    assert!(
        block.contains("rule \"Order confirmation\": its condition when.status does not hold"),
        "{block}"
    );
    assert!(block.contains("rule \"Call-back promise\": matched"), "{block}");
}
