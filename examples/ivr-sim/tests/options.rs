//! The command line: the directory, the interval and the timing from
//! options; the outcome and the trail in words; errors on standard error
//! without a marker; quiet on a closed pipe; exit 2 for usage errors and 1
//! for bad data; no line wider than 100 columns.

use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};

mod common;
use common::run;

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8")
}

/// A settings file in the test's scratch folder.
fn settings_file(name: &str, json: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, json).expect("write settings");
    path.to_string_lossy().into_owned()
}

#[test]
fn the_directory_comes_from_options() {
    // Everything office.json names: its references check out.
    let o = run(
        &[
            "--employees",
            "boris",
            "--department",
            "sales=anna,vera",
            "--department",
            "support=gleb",
            "--interval",
            "Working time",
            "data/office.json",
        ],
        "1\ntimeout\nplayed\nanswer\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    // The department from the option rings its first member.
    assert!(out.contains(r#"> ring leg 1: employee "anna""#), "{out}");
    assert!(
        out.contains(r#"outcome: connected to employee "anna" (leg 1)"#),
        "{out}"
    );
    // Without boris and support, the check names each missing one.
    let o =
        run(&["--employees", "anna", "data/office.json", "Working time"], "");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(r#"unknown employee "boris""#), "{err}");
    assert!(err.contains(r#"unknown department "sales""#), "{err}");
    assert!(err.contains(r#"unknown department "support""#), "{err}");
}

#[test]
fn availability_and_extensions_come_from_options() {
    let o = run(
        &[
            "--department",
            "sales=anna,boris,vera",
            "--department",
            "support=gleb",
            "--unavailable",
            "anna,boris",
            "--extension",
            "105=vera",
            "data/office.json",
            "Working time",
        ],
        "1\ntimeout\nplayed\nhangup\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    // In turn, anna and boris unavailable: vera first.
    assert!(out.contains(r#"> ring leg 1: employee "vera""#), "{out}");
    assert!(!out.contains(r#"employee "anna""#), "{out}");
    let o = run(
        &["--extension", "105=vera", "data/office.json", "Working time"],
        "105\nanswer\n",
    );
    assert!(stdout(&o).contains(r#"ring leg 1: employee "vera""#));
}

#[test]
fn timing_comes_from_options() {
    let o = run(
        &[
            "--no-input",
            "7",
            "--retries",
            "0",
            "data/office.json",
            "Working time",
        ],
        "played\ntimeout\n",
    );
    let out = stdout(&o);
    assert!(out.contains("start timer 1 (no input, 7s)"), "{out}");
    // No retries: the first timeout is "nothing selected".
    assert!(out.contains("menu, nothing selected"), "{out}");
    let o = run(
        &[
            "--invalid-key",
            "nothing_selected",
            "--inter-digit",
            "4",
            "data/office.json",
            "Working time",
        ],
        "played\n5\n",
    );
    let out = stdout(&o);
    assert!(out.contains("menu, nothing selected"), "{out}");
    let o = run(
        &["--extension-wait", "10s", "--facts", "data/facts.json"]
            .into_iter()
            .chain(["data/office.json", "Working time"])
            .collect::<Vec<_>>(),
        "103\n",
    );
    let out = stdout(&o);
    assert!(out.contains("(answer wait, 10s)"), "{out}");
}

#[test]
fn outcome_and_trail_are_words() {
    let o = run(
        &["--facts", "data/facts.json", "data/office.json", "Working time"],
        "9\nfax\n",
    );
    let out = stdout(&o);
    let tail: Vec<&str> =
        out.lines().skip_while(|l| !l.starts_with("outcome")).collect();
    assert_eq!(
        tail,
        [
            "outcome: hung up",
            "trail:",
            r#"  1. scenario "Working time": menu, key 9"#,
            r#"  2. scenario "Working time", key 9: fax"#,
        ]
    );
    for l in &tail {
        assert!(!l.contains('{') && !l.contains("->"), "{l}");
    }
    let o = run(&["data/office.json", "Working time"], "hangup\n");
    assert!(stdout(&o).contains("outcome: caller hung up"));
}

#[test]
fn errors_have_no_question_mark() {
    let o = run(
        &["data/office.json", "Working time"],
        "hello\nanswer\nwait x\nhangup\n",
    );
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    let lines: Vec<&str> =
        err.lines().filter(|l| l.starts_with("ivr-sim: ")).collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[1].ends_with("no leg is ringing"), "{err}");
    assert!(lines[2].contains(r#"wait takes whole seconds, not "x""#));
    assert!(!stdout(&o).contains('?'));
    assert!(!err.lines().any(|l| l.starts_with('?')), "{err}");
}

#[test]
fn a_closed_pipe_is_quiet() {
    // Far more than a pipe holds, so ivr-sim writes after the reader left.
    let mut child = Command::new(env!("CARGO_BIN_EXE_ivr-sim"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "--facts",
            "data/facts.json",
            "--paths",
            "6",
            "data/office.json",
            "Working time",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start ivr-sim");
    let mut first = String::new();
    let mut out = BufReader::new(child.stdout.take().expect("piped"));
    out.read_line(&mut first).expect("a line");
    drop(out);
    let o = child.wait_with_output().expect("wait");
    assert!(first.contains("=>"), "{first}");
    assert_eq!(stderr(&o), "");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["data/office.json"][..],
        &[],
        &["--bogus", "data/office.json", "Working time"],
        &["data/office.json", "Working time", "extra"],
        &["--paths", "many", "data/office.json", "Working time"],
        &["--retries", "-1", "data/office.json", "Working time"],
        &["--invalid-key", "skip", "data/office.json", "Working time"],
        &["--extension-wait", "45s", "data/office.json", "Working time"],
        &["--department", "sales", "data/office.json", "Working time"],
        &["--extension", "abc=anna", "data/office.json", "Working time"],
        &["data/office.json", "Working time", "--script"],
    ] {
        let o = run(args, "");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.starts_with("ivr-sim: "), "{args:?}: {err}");
        assert!(err.contains("Usage: ivr-sim"), "{args:?}: {err}");
        assert_eq!(stdout(&o), "", "{args:?}");
    }
    let o = run(&["--extension-wait", "45s", "data/office.json", "W"], "");
    let err = stderr(&o).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(err.contains(r#""10s", "15s", "20s", "30s", "1min""#), "{err}");
    let o = run(&["--help"], "");
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("--department ID=ID,ID"));
}

#[test]
fn bad_data_exits_1() {
    let bad_facts = settings_file("bad-facts.json", r#"{"departmens": {}}"#);
    let bad_script = settings_file("bad-script.json", r#"["playd"]"#);
    let impossible = settings_file("impossible.json", r#"[{"answer": "x"}]"#);
    for args in [
        &["data/bad.json", "Working time"][..],
        &["data/missing.json", "Working time"],
        &["data/office.json", "Lunch"],
        &["--facts", &bad_facts, "data/office.json", "Working time"],
        &["--script", &bad_script, "data/office.json", "Working time"],
        &["--script", &impossible, "data/office.json", "Working time"],
        &["--employees", "anna", "data/office.json", "Working time"],
    ] {
        let o = run(args, "");
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.starts_with("ivr-sim: "), "{args:?}: {err}");
        assert!(!err.contains("Usage:"), "{args:?}: {err}");
    }
}

#[test]
fn no_line_is_wider_than_100_columns() {
    let long = "Добрый день, ".repeat(60);
    let file = settings_file(
        "long.json",
        &format!(
            r#"{{"name": "Long", "scenarios": {{
                "A very long interval name that keeps going and going": {{
                    "menu": {{ "prompt": {{ "text": "{long}" }},
                               "keys": {{ "1": {{ "message": {{ "text": "{long}" }} }} }},
                               "nothing_selected": {{ "go_to": "n" }} }}
                }} }},
                "nodes": {{ "n": {{ "message": {{ "text": "Bye" }} }} }} }}"#
        ),
    );
    let interval = "A very long interval name that keeps going and going";
    let o = run(&[&file, interval], "played\n1\nplayed\n");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bad = run(&["--employees", "x", "data/office.json", "W"], "");
    let usage = run(&["--bogus"], "");
    let help = run(&["--help"], "");
    for o in [&o, &bad, &usage, &help] {
        for l in stdout(o).lines().chain(stderr(o).lines()) {
            assert!(l.chars().count() <= 100, "{} columns: {l}", l.len());
        }
    }
    // Nothing is lost: the prompt comes back whole once the lines are
    // joined.
    let joined: String = stdout(&o).split_whitespace().collect();
    let expected: String = long.split_whitespace().collect();
    assert!(joined.contains(&expected));
}
