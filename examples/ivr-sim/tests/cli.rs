//! Runs the built `ivr-sim` on the files in `data/`. Expected lines follow
//! the rules in the `call-scenario` crate docs (menu: 5 s for a key, 3 s
//! between digits; department "sales" in turn with 10 s steps and a 1 min
//! wait; boris unavailable), worked out by hand.

use std::process::Output;

mod common;
use common::run;

fn lines(o: &Output) -> Vec<String> {
    String::from_utf8(o.stdout.clone())
        .expect("UTF-8")
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

const BASE: [&str; 2] = ["--facts", "data/facts.json"];

#[test]
fn scripted_call_prints_every_action() {
    let mut args = BASE.to_vec();
    args.extend([
        "--script",
        "data/sales-busy.json",
        "data/office.json",
        "Working time",
    ]);
    let o = run(&args, "");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let expected = [
        r#"0s start in "Working time""#,
        r#"0s > play 1: audio "main-menu.mp3""#,
        "0s > collect digits",
        "0s < playback 1 finished",
        "0s > start timer 1 (no input, 5s)",
        // 1 is key 1 and the start of extension 101: wait 3 s.
        "0s < digit 1",
        "0s > cancel timer 1",
        "0s > start timer 2 (inter-digit, 3s)",
        "3s < timer 2 fired",
        "3s > stop collecting digits",
        r#"3s > play 2: text "Соединяем с отделом продаж""#,
        "3s < playback 2 finished",
        // In turn: anna, then vera (boris is unavailable).
        r#"3s > ring leg 1: employee "anna""#,
        "3s > start timer 3 (answer wait, 60s)",
        "3s > start timer 4 (ring step, 10s)",
        "13s < timer 4 fired",
        "13s > cancel leg 1",
        r#"13s > ring leg 2: employee "vera""#,
        "13s > start timer 5 (ring step, 10s)",
        // vera busy: anna, the only one left, rings at once, to the end.
        "15s < leg 2 busy",
        r#"15s > ring leg 3: employee "anna""#,
        "23s < timer 5 fired",
        "63s < timer 3 fired",
        "63s > cancel leg 3",
        r#"63s > play 3: text "Оставьте сообщение""#,
        "75s < playback 3 finished",
        "75s > record voicemail",
        r#"75s < voicemail finished: "vm-0007.wav""#,
        // Wider than 100 columns: it goes on, indented, on the next line.
        r#"75s > send voicemail "vm-0007.wav" to department "sales", employee "anna", e-mail"#,
        "sales@example.ru",
        "75s > hang up",
        "outcome: hung up",
        "trail:",
        r#"1. scenario "Working time": menu, key 1"#,
        r#"2. scenario "Working time", key 1: forward to department "sales""#,
        r#"3. scenario "Working time", key 1, then: voicemail"#,
    ];
    assert_eq!(lines(&o), expected);
}

#[test]
fn interactive_commands() {
    let mut args = BASE.to_vec();
    args.extend(["data/office.json", "Working time"]);
    let o = run(&args, "102\nhello\nplayed\n103\nanswer\n");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let got = lines(&o);
    // A command that cannot run is said on standard error, in words.
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).lines().next(),
        Some(
            "ivr-sim: unknown command \"hello\"; try digits, played, \
             timeout, wait N, answer, busy, noanswer, fail,"
        )
    );
    assert_eq!(
        got[3..],
        [
            // 102 is boris, unavailable: back to the menu.
            "0s < digit 1",
            "0s > stop playback 1",
            "0s > start timer 1 (inter-digit, 3s)",
            "0s < digit 0",
            "0s > cancel timer 1",
            "0s > start timer 2 (inter-digit, 3s)",
            "0s < digit 2",
            "0s > cancel timer 2",
            "0s > stop collecting digits",
            r#"0s > play 2: audio "main-menu.mp3""#,
            "0s > collect digits",
            "0s < playback 2 finished",
            "0s > start timer 3 (no input, 5s)",
            "0s < digit 1",
            "0s > cancel timer 3",
            "0s > start timer 4 (inter-digit, 3s)",
            "0s < digit 0",
            "0s > cancel timer 4",
            "0s > start timer 5 (inter-digit, 3s)",
            "0s < digit 3",
            "0s > cancel timer 5",
            "0s > stop collecting digits",
            r#"0s > ring leg 1: employee "vera""#,
            "0s > start timer 6 (answer wait, 30s)",
            "0s < leg 1 answered",
            "0s > bridge leg 1",
            "0s > cancel timer 6",
            r#"outcome: connected to employee "vera" (leg 1)"#,
            "trail:",
            r#"1. scenario "Working time": menu, extension 102"#,
            r#"2. scenario "Working time": menu, extension 103"#,
        ]
    );
}

#[test]
fn input_ending_mid_call_exits_3() {
    let o = run(&["data/office.json", "Non-working time"], "");
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(
        lines(&o),
        [
            r#"0s start in "Non-working time""#,
            r#"0s > play 1: text "Мы работаем с 9 до 18""#,
            "outcome: still going",
            "trail:",
            r#"1. scenario "Non-working time": message, text "Мы работаем с 9 до 18""#,
        ]
    );
}

#[test]
fn paths_are_listed() {
    let o = run(&["--paths", "3", "data/office.json", "Lunch break"], "");
    assert_eq!(o.status.code(), Some(0));
    // Lunch: a message, then support cumulative (nobody in the default
    // facts, so voicemail at once).
    assert_eq!(
        lines(&o),
        [
            "played, recorded voicemail.wav => hung up",
            "1 paths, 0 without a terminal action",
        ]
    );
}

#[test]
fn invalid_settings_and_usage() {
    let o = run(&["data/bad.json", "Working time"], "");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.starts_with("ivr-sim: data/bad.json: invalid call scenario settings: 4 problems:"),
        "{err}"
    );
    assert!(err.contains(r#"keys["1"]: key 1 has no scenario"#), "{err}");
    assert!(err.contains(r#"number "84952302222" must be in E.164"#), "{err}");
    let o = run(&["data/office.json"], "");
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["data/office.json", "Lunch"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("no scenario for interval \"Lunch\""));
}
