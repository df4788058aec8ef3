//! Runs the built `sms-count` binary with arguments and standard input.
//!
//! Expected counts come from the rules, not from the program: a single part
//! carries 160 septets or 70 UCS-2 units; concatenated parts carry 153 / 67
//! with an 8-bit reference and 152 / 66 with a 16-bit one; `{`, `}`, `€`
//! and the like are escape pairs worth 2 septets.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Runs `sms-count` with `args`, feeding it `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sms-count"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sms-count");
    let mut input = child.stdin.take().expect("stdin is piped");
    // With text arguments the program does not read standard input and
    // may have exited already: a broken pipe here is not a failure.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().expect("wait for sms-count")
}

/// The lines of standard output.
fn lines(output: &Output) -> Vec<String> {
    let stdout = String::from_utf8(output.stdout.clone()).expect("UTF-8");
    stdout.lines().map(str::to_owned).collect()
}

/// Each line of standard output, parsed as JSON.
fn json_lines(output: &Output) -> Vec<Value> {
    lines(output)
        .iter()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

/// `--jsonl` input: one JSON string line per text.
fn json_input(texts: &[&str]) -> Vec<u8> {
    let mut input = String::new();
    for text in texts {
        input.push_str(&Value::from(*text).to_string());
        input.push('\n');
    }
    input.into_bytes()
}

/// The texts of the parts in a JSON answer.
fn parts(answer: &Value) -> Vec<String> {
    answer["parts"]
        .as_array()
        .expect("parts is an array")
        .iter()
        .map(|part| part.as_str().expect("a part is a string").to_owned())
        .collect()
}

#[test]
fn counter_for_hello() {
    let output = run(&["Hello"], b"");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(lines(&output), ["5 – [GSM_7BIT 1]"]);
}

#[test]
fn brace_is_an_escape_pair() {
    let output = run(&["{"], b"");
    assert_eq!(lines(&output), ["2 – [GSM_7BIT 1]"]);
}

#[test]
fn one_more_than_160_septets_needs_two_parts() {
    let text = "a".repeat(161);
    let output = run(&[&text], b"");
    assert_eq!(lines(&output), ["161 – [GSM_7BIT 2]"]);
}

#[test]
fn stdin_lines_with_crlf_and_an_empty_line() {
    let output = run(&[], b"Hello\r\n\n{}\n");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        lines(&output),
        ["5 – [GSM_7BIT 1]", "0 – [GSM_7BIT 1]", "4 – [GSM_7BIT 1]"]
    );
}

#[test]
fn jsonl_ucs2_parts_join_back() {
    // 71 UTF-16 units: one more than a single UCS-2 part, so 2 parts of
    // at most 67 units.
    let text = format!("Dzień dobry {}", "x".repeat(59));
    assert_eq!(text.chars().count(), 71);
    let output = run(&["--jsonl"], &json_input(&[&text]));
    assert_eq!(output.status.code(), Some(0));
    let answers = json_lines(&output);
    assert_eq!(answers.len(), 1);
    let answer = &answers[0];
    assert_eq!(answer["encoding"], "UCS2");
    assert_eq!(answer["units"], 71);
    assert_eq!(answer["chars"], 71);
    assert_eq!(answer["graphemes"], 71);
    assert_eq!(answer["segments"], 2);
    assert_eq!(answer["capacity"], 67);
    assert_eq!(answer["units_left"], 67 * 2 - 71);
    assert_eq!(answer["counter"], "71 – [UCS2 2]");
    assert_eq!(parts(answer).concat(), text);
    assert_eq!(parts(answer)[0].chars().count(), 67);
    // 'ń' is the one character GSM-7 lacks: byte 4, character 4.
    let non_gsm = answer["non_gsm"].as_array().expect("non_gsm");
    assert_eq!(non_gsm.len(), 1);
    assert_eq!(non_gsm[0]["char"], "ń");
    assert_eq!(non_gsm[0]["offset"], 4);
    assert_eq!(non_gsm[0]["index"], 4);
}

#[test]
fn jsonl_arguments_are_plain_texts() {
    // The quotes are part of the text: 3 septets, not a JSON string.
    let output = run(&["--jsonl", "\"a\""], b"not read\n");
    let answers = json_lines(&output);
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0]["units"], 3);
    assert_eq!(parts(&answers[0]), ["\"a\""]);
    assert!(answers[0].get("non_gsm").is_none());
}

#[test]
fn concat16_makes_parts_of_152() {
    let text = "a".repeat(200);
    let input = json_input(&[&text]);

    let ref8 = json_lines(&run(&["--jsonl"], &input));
    let sizes: Vec<usize> = parts(&ref8[0]).iter().map(String::len).collect();
    assert_eq!(sizes, [153, 200 - 153]);

    let ref16 = json_lines(&run(&["--jsonl", "--concat16"], &input));
    let sizes: Vec<usize> = parts(&ref16[0]).iter().map(String::len).collect();
    assert_eq!(sizes, [152, 200 - 152]);
    assert_eq!(ref16[0]["capacity"], 152);
}

#[test]
fn invalid_json_line_is_reported_and_the_next_is_counted() {
    let output = run(&["--jsonl"], b"Hello\n42\n\"Hello\"\n");
    assert_eq!(output.status.code(), Some(1));
    let answers = json_lines(&output);
    assert_eq!(answers.len(), 3);
    assert!(answers[0]["error"].is_string());
    assert!(answers[1]["error"].is_string());
    assert!(answers[2].get("error").is_none());
    assert_eq!(answers[2]["counter"], "5 – [GSM_7BIT 1]");
}

#[test]
fn non_utf8_line_is_reported_and_the_next_is_counted() {
    let output = run(&[], b"\xff\xfe\nHello\n");
    assert_eq!(output.status.code(), Some(1));
    let lines = lines(&output);
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("error: "));
    assert_eq!(lines[1], "5 – [GSM_7BIT 1]");
}

#[test]
fn over_the_limit_gives_the_counts() {
    // 10 parts carry 10 * 153 = 1530 septets; 1531 need an 11th.
    let text = "a".repeat(1531);
    let output = run(&["--jsonl"], &json_input(&[&text, "ok"]));
    assert_eq!(output.status.code(), Some(1));
    let answers = json_lines(&output);
    assert_eq!(answers.len(), 2);
    let error = &answers[0];
    assert!(error["error"].is_string());
    assert_eq!(error["encoding"], "GSM_7BIT");
    assert_eq!(error["units"], 1531);
    assert_eq!(error["chars"], 1531);
    assert_eq!(error["segments"], 11);
    assert_eq!(error["max_parts"], 10);
    assert_eq!(answers[1]["counter"], "2 – [GSM_7BIT 1]");
}

#[test]
fn over_the_limit_in_plain_mode() {
    let text = "a".repeat(1531);
    let input = format!("{text}\nHello\n");
    let output = run(&[], input.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let lines = lines(&output);
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("error: "));
    assert_eq!(lines[1], "5 – [GSM_7BIT 1]");
}

#[test]
fn replace_national_makes_gsm7() {
    // ż, ó, ł and ć are not GSM-7; replaced, 6 plain letters remain.
    let output = run(&["--replace-national", "zażółć"], b"");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(lines(&output), ["6 – [GSM_7BIT 1]"]);

    let output =
        run(&["--jsonl", "--replace-national"], "\"zażółć\"\n".as_bytes());
    let answers = json_lines(&output);
    let answer = &answers[0];
    assert_eq!(answer["encoding"], "GSM_7BIT");
    assert_eq!(answer["units"], 6);
    assert_eq!(parts(answer), ["zazolc"]);
    assert_eq!(answer["replaced"], 4);
    assert_eq!(answer["before"]["encoding"], "UCS2");
    assert_eq!(answer["before"]["units"], 6);
    assert_eq!(answer["before"]["segments"], 1);
    assert!(answer.get("non_gsm").is_none());
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let output = run(&["--bogus", "Hello"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(!output.stderr.is_empty());
}

#[test]
fn help_prints_usage() {
    let output = run(&["--help"], b"");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("Usage: sms-count"));
}

#[test]
fn closed_stdout_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sms-count"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sms-count");
    // Nobody reads standard output.
    drop(child.stdout.take());
    let mut input = child.stdin.take().expect("stdin is piped");
    let writer = std::thread::spawn(move || {
        // The program may stop reading once its output is gone.
        let _ = input.write_all("Hello\n".repeat(200_000).as_bytes());
    });
    let output = child.wait_with_output().expect("wait for sms-count");
    writer.join().expect("writer thread");
    assert!(matches!(output.status.code(), Some(0 | 1)));
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
}

#[test]
fn national_tables_make_hindi_gsm7() {
    let text = "आपका ऑर्डर भेज दिया गया है, धन्यवाद।";
    let output = run(&["--jsonl", text], b"");
    let plain = &json_lines(&output)[0];
    assert_eq!(plain["encoding"], "UCS2");
    assert_eq!(
        plain["shift"],
        serde_json::json!({"locking": null, "single": null})
    );
    for option in [
        &["--national", "hindi"][..],
        &["--national=tamil,hindi"],
        &["--national", "all"],
    ] {
        let mut args = option.to_vec();
        args.extend(["--jsonl", text]);
        let output = run(&args, b"");
        assert!(output.status.success());
        let answer = &json_lines(&output)[0];
        assert_eq!(answer["encoding"], "GSM_7BIT", "{option:?}");
        assert_eq!(
            answer["shift"],
            serde_json::json!({"locking": "hindi", "single": "hindi"}),
            "{option:?}"
        );
    }
    let output = run(&["--national", "hindi", text], b"");
    assert_eq!(lines(&output), ["37 – [GSM_7BIT 1]"]);
}

#[test]
fn unknown_national_language_is_a_usage_error() {
    let output = run(&["--national", "hindi,klingon", "x"], b"");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("unknown language \"klingon\""), "{stderr}");
    assert!(stderr.contains("turkish, spanish"), "{stderr}");
    let output = run(&["--national"], b"");
    assert_eq!(output.status.code(), Some(2));
}
