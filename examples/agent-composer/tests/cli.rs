//! Runs `agent-composer` on the committed data and checks what it prints.

use std::path::PathBuf;
use std::process::{Command, Output};

use sms_encoding::Segmenter;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agent-composer"))
        .args(args)
        .output()
        .expect("runs")
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

/// The line after the one that is exactly `    {text}`.
fn counter_after<'o>(out: &'o str, text: &str) -> &'o str {
    let mut lines = out.lines();
    lines.find(|l| l.trim_start() == text).expect("text printed");
    lines.next().expect("counter line").trim()
}

#[test]
fn seed_001_from_the_contact_card_and_its_counter() {
    let out = stdout(&run(&["--template", "ack", "--contact", "anna"]));
    // From the case, then from the contact card, where there is no case.
    let with_case =
        "Witaj Anna! Potwierdzamy przyjęcie zgłoszenia Z/2026/117.";
    let card = "Witaj Anna! Potwierdzamy przyjęcie zgłoszenia .";
    assert!(out.find(with_case).unwrap() < out.find(card).unwrap(), "{out}");
    // The counters are those sms-encoding gives for the printed text.
    let seg = Segmenter::default();
    for text in [with_case, card] {
        let a = seg.analyze(text).unwrap();
        let want = format!("{}   {}", a.units_counter(), a.chars_counter());
        assert_eq!(counter_after(&out, text), want);
        assert!(want.contains("[UCS2 1]"), "{want}");
    }
    // 'ę' and 'ł' force UCS-2; replacing them gives GSM-7.
    assert!(out.contains("UCS-2 because of 'ę' (U+0119)"), "{out}");
    assert!(out.contains("replace national characters: 47 – [GSM_7BIT 1]"));
}

#[test]
fn an_empty_first_name_takes_the_fallback() {
    let out = stdout(&run(&["--template", "callback", "--contact", "jan"]));
    assert!(out.contains("Dzień dobry Szanowni Państwo, oddzwonimy dziś."));
    // 3 national letters; without them the text fits one part.
    assert!(out.contains("(3 characters replaced; 1 part fewer)"), "{out}");
}

#[test]
fn curly_quotes_are_named_and_fixed_by_the_look_alike_switch() {
    let out = stdout(&run(&["--template", "status", "--contact", "anna"]));
    assert!(out.contains("'“' (U+201C)"), "{out}");
    assert!(out.contains("replace look-alikes too:"), "{out}");
}

#[test]
fn a_text_over_ten_parts_is_refused_with_the_reason() {
    let out = stdout(&run(&["--template", "notice", "--contact", "jan"]));
    let refused = out.lines().find(|l| l.contains("refused:")).expect(&out);
    assert!(refused.contains("needs 12 parts"), "{refused}");
    assert!(refused.contains("at most 10 are allowed"), "{refused}");
    // Replacing national characters brings it to GSM-7 within the limit.
    assert!(out.contains("[GSM_7BIT 5]"), "{out}");
}

#[test]
fn a_bad_template_file_fails_with_its_name_and_the_problem() {
    let dir = std::env::temp_dir()
        .join(format!("agent-composer-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data");
    for f in ["catalog.json", "contacts.json"] {
        std::fs::copy(data.join(f), dir.join(f)).unwrap();
    }
    std::fs::write(
        dir.join("templates.json"),
        r#"[{"name": "typo", "body": "Hi {{contact.frist_name}}"}]"#,
    )
    .unwrap();
    let out = run(&["--data", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(r#"template "typo""#), "{err}");
    assert!(err.contains(r#"did you mean "first_name"?"#), "{err}");
    // A file that is not valid JSON names the file and the line.
    std::fs::write(dir.join("templates.json"), "[{\"name\": }]").unwrap();
    let out = run(&["--data", dir.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("templates.json") && err.contains("line 1"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unknown_names_are_usage_errors() {
    let out = run(&["--template", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no template"));
}

#[test]
fn hindi_and_tamil_cost_fewer_parts_with_national_tables() {
    let out = stdout(&run(&[]));
    let section =
        out.split("Texts in Indian languages").nth(1).expect("section");
    for language in ["Hindi", "Tamil"] {
        let block = section.split(&format!("  {language}:")).nth(1).unwrap();
        let lines: Vec<&str> = block.lines().skip(1).take(4).collect();
        assert!(lines[1].contains("[UCS2 2]"), "{lines:?}");
        assert!(lines[2].starts_with("    UCS-2 because of"), "{lines:?}");
        assert!(
            lines[3].starts_with("    with national shift tables: ")
                && lines[3].contains("[GSM_7BIT 1]")
                && lines[3].ends_with("; 1 part fewer)"),
            "{lines:?}"
        );
    }
}
