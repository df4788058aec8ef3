//! The step engine, node kind by node kind and event by event. Expected
//! logs are worked out from the rules in the crate docs (defaults: menu
//! waits 5 s for a key, 3 s between digits, plays its prompt at most 3
//! times; a dialed extension rings 30 s).

use call_scenario::{
    simulate, Action, Call, CallOutcome, Choice, Cue, Event, Facts, Key,
    Limits, Number, ProblemKind, Prompt, RingTarget, Simulation,
};

fn number(json: &str) -> Number {
    match Number::from_json(json) {
        Ok(n) => n,
        Err(e) => panic!("{e}"),
    }
}

fn facts(json: &str) -> Facts {
    serde_json::from_str(json).unwrap()
}

fn cues(json: &str) -> Vec<Cue> {
    serde_json::from_str(json).unwrap()
}

/// The log, one entry a line, spaces collapsed, without the start line.
fn lines(sim: &Simulation<'_>) -> Vec<String> {
    sim.log()
        .iter()
        .skip(1)
        .map(|e| {
            e.to_string().split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

fn run(
    n: &Number,
    f: &str,
    script: &str,
) -> (Vec<String>, Simulation<'static>) {
    // Leak the number so the simulation can be returned; tests only.
    let n: &'static Number = Box::leak(Box::new(n.clone()));
    let sim = match simulate(n, "Working time", facts(f), &cues(script)) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(sim.violations(), Vec::<String>::new());
    (lines(&sim), sim)
}

const MESSAGE: &str = r#"{ "scenarios": { "Working time": {
    "message": { "text": "Hello" },
    "then": { "message": { "audio": "bye.mp3" } } } } }"#;

#[test]
fn message_then_continuation_then_hang_up() {
    let n = number(MESSAGE);
    let (log, sim) = run(&n, "{}", r#"["played", {"digits": "1"}, "played"]"#);
    assert_eq!(
        log,
        [
            r#"0s > play 1: text "Hello""#,
            "0s < playback 1 finished",
            r#"0s > play 2: audio "bye.mp3""#,
            // Keys during a message are ignored.
            "0s < digit 1",
            "0s < playback 2 finished",
            "0s > hang up",
        ]
    );
    assert_eq!(sim.call().outcome(), Some(&CallOutcome::HungUp));
    let trail: Vec<&str> =
        sim.call().trail().iter().map(|v| v.node()).collect();
    assert_eq!(
        trail,
        [r#"scenarios["Working time"]"#, r#"scenarios["Working time"].then"#]
    );
    assert_eq!(sim.call().digits(), "");
}

#[test]
fn stale_and_foreign_events_are_ignored() {
    let n = number(MESSAGE);
    let (mut call, _) =
        Call::start(&n, "Working time", Facts::default()).unwrap();
    for e in [
        Event::PlaybackFinished { playback: 7 },
        Event::TimerFired { timer: 1 },
        Event::LegAnswered { leg: 1 },
        Event::VoicemailFinished { recording: "x".into() },
    ] {
        assert_eq!(call.step(&n, e).unwrap(), []);
    }
    assert_eq!(
        call.step(&n, Event::PlaybackFinished { playback: 1 }).unwrap(),
        [Action::Play {
            playback: 2,
            prompt: Prompt::Audio("bye.mp3".into())
        }]
    );
    call.step(&n, Event::PlaybackFinished { playback: 2 }).unwrap();
    assert!(call.is_ended());
    // Anything after the end does nothing.
    assert_eq!(call.step(&n, Event::CallerHungUp).unwrap(), []);
    assert_eq!(call.outcome(), Some(&CallOutcome::HungUp));
}

#[test]
fn unknown_interval_is_an_error() {
    let n = number(MESSAGE);
    let e = Call::start(&n, "Lunch", Facts::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "call scenario cannot run: no scenario for interval \"Lunch\"; the \
         scenarios are for \"Working time\""
    );
}

const MENU: &str = r#"{ "scenarios": { "Working time": { "menu": {
    "prompt": { "text": "1 sales, 2 support" },
    "keys": {
      "1": { "message": { "text": "Sales" } },
      "2": { "message": { "text": "Support" } }
    },
    "nothing_selected": { "message": { "text": "Goodbye" } } } } } }"#;

#[test]
fn menu_key_during_the_prompt_stops_it() {
    let n = number(MENU);
    let (log, sim) = run(&n, "{}", r#"[{"digits": "2"}, "played"]"#);
    assert_eq!(
        log,
        [
            r#"0s > play 1: text "1 sales, 2 support""#,
            "0s > collect digits",
            "0s < digit 2",
            "0s > stop playback 1",
            "0s > stop collecting digits",
            r#"0s > play 2: text "Support""#,
            "0s < playback 2 finished",
            "0s > hang up",
        ]
    );
    assert_eq!(sim.call().trail()[0].choice(), Some(&Choice::Key(Key::D2)));
    assert_eq!(sim.call().digits(), "2");
}

#[test]
fn menu_no_input_twice_then_nothing_selected() {
    let n = number(MENU);
    let (log, sim) = run(
        &n,
        "{}",
        r#"["played", "timeout", "played", "timeout", "played", "timeout", "played"]"#,
    );
    assert_eq!(
        log,
        [
            r#"0s > play 1: text "1 sales, 2 support""#,
            "0s > collect digits",
            "0s < playback 1 finished",
            "0s > start timer 1 (no input, 5s)",
            "5s < timer 1 fired",
            r#"5s > play 2: text "1 sales, 2 support""#,
            "5s < playback 2 finished",
            "5s > start timer 2 (no input, 5s)",
            "10s < timer 2 fired",
            r#"10s > play 3: text "1 sales, 2 support""#,
            "10s < playback 3 finished",
            "10s > start timer 3 (no input, 5s)",
            "15s < timer 3 fired",
            "15s > stop collecting digits",
            r#"15s > play 4: text "Goodbye""#,
            "15s < playback 4 finished",
            "15s > hang up",
        ]
    );
    assert_eq!(sim.call().trail()[0].choice(), Some(&Choice::NothingSelected));
}

#[test]
fn menu_invalid_keys_count_as_retries() {
    let n = number(MENU);
    let (log, sim) = run(
        &n,
        "{}",
        r##"[{"digits": "7"}, "played", {"digits": "#"}, {"digits": "1"}]"##,
    );
    assert_eq!(
        log,
        [
            r#"0s > play 1: text "1 sales, 2 support""#,
            "0s > collect digits",
            "0s < digit 7",
            "0s > stop playback 1",
            r#"0s > play 2: text "1 sales, 2 support""#,
            "0s < playback 2 finished",
            "0s > start timer 1 (no input, 5s)",
            "0s < digit #",
            "0s > cancel timer 1",
            r#"0s > play 3: text "1 sales, 2 support""#,
            // A valid key on the last attempt still counts.
            "0s < digit 1",
            "0s > stop playback 3",
            "0s > stop collecting digits",
            r#"0s > play 4: text "Sales""#,
        ]
    );
    assert_eq!(sim.call().digits(), "7#1");
    let mut sim = sim;
    sim.apply(&Cue::HangUp).unwrap();
    assert_eq!(sim.violations(), Vec::<String>::new());
    // Three invalid keys: "nothing selected".
    let (log, _) = run(&n, "{}", r#"[{"digits": "999"}]"#);
    assert_eq!(log[log.len() - 2], "0s > stop collecting digits");
    assert_eq!(log[log.len() - 1], r#"0s > play 4: text "Goodbye""#);
}

const EXT: &str = r#"{ "scenarios": { "Working time": { "menu": {
    "prompt": { "text": "Choose" },
    "keys": {
      "1": { "message": { "text": "One" } },
      "3": { "message": { "text": "Three" } }
    },
    "nothing_selected": { "message": { "text": "Goodbye" } },
    "extension_dialing": true } } } }"#;

const EXT_FACTS: &str = r#"{ "extensions": { "101": "anna", "200": "boris",
    "2001": "vera", "3": "gleb" }, "unavailable": ["boris"] }"#;

#[test]
fn extension_first_digit_also_a_key_waits_for_the_next() {
    let n = number(EXT);
    // "1" alone: the inter-digit timeout makes it key 1.
    let (log, sim) =
        run(&n, EXT_FACTS, r#"["played", {"digits": "1"}, "timeout"]"#);
    assert_eq!(
        log[2..],
        [
            "0s < playback 1 finished",
            "0s > start timer 1 (no input, 5s)",
            "0s < digit 1",
            "0s > cancel timer 1",
            "0s > start timer 2 (inter-digit, 3s)",
            "3s < timer 2 fired",
            "3s > stop collecting digits",
            r#"3s > play 2: text "One""#,
        ]
    );
    assert_eq!(sim.call().trail()[0].choice(), Some(&Choice::Key(Key::D1)));
    // "101": rings anna as soon as the extension is complete.
    let (log, sim) = run(&n, EXT_FACTS, r#"[{"digits": "101"}]"#);
    assert_eq!(
        log[2..],
        [
            "0s < digit 1",
            "0s > stop playback 1",
            "0s > start timer 1 (inter-digit, 3s)",
            "0s < digit 0",
            "0s > cancel timer 1",
            "0s > start timer 2 (inter-digit, 3s)",
            "0s < digit 1",
            "0s > cancel timer 2",
            "0s > stop collecting digits",
            r#"0s > ring leg 1: employee "anna""#,
            "0s > start timer 3 (answer wait, 30s)",
        ]
    );
    assert_eq!(
        sim.call().trail()[0].choice(),
        Some(&Choice::Extension("101".into()))
    );
}

#[test]
fn extension_lone_key_that_is_also_an_extension_is_the_key() {
    let n = number(EXT);
    let (log, sim) = run(&n, EXT_FACTS, r#"[{"digits": "3"}, "timeout"]"#);
    assert_eq!(log.last().unwrap(), r#"3s > play 2: text "Three""#);
    assert_eq!(sim.call().trail()[0].choice(), Some(&Choice::Key(Key::D3)));
}

#[test]
fn extension_prefix_of_a_longer_one_waits_then_dials() {
    let n = number(EXT);
    // "200" is boris (unavailable) and the start of "2001" (vera).
    let (log, _) = run(&n, EXT_FACTS, r#"[{"digits": "2001"}]"#);
    assert_eq!(log.last().unwrap(), "0s > start timer 4 (answer wait, 30s)");
    assert!(log.contains(&r#"0s > ring leg 1: employee "vera""#.to_string()));
    // "200" then silence: boris is unavailable, back to the menu.
    let (log, sim) = run(&n, EXT_FACTS, r#"[{"digits": "200"}, "timeout"]"#);
    assert_eq!(
        log[log.len() - 4..],
        [
            "3s < timer 3 fired",
            "3s > stop collecting digits",
            r#"3s > play 2: text "Choose""#,
            "3s > collect digits",
        ]
    );
    let t = sim.call().trail();
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].choice(), Some(&Choice::Extension("200".into())));
    assert_eq!(t[1].choice(), None);
}

#[test]
fn extension_not_answered_returns_to_the_menu() {
    let n = number(EXT);
    let (log, sim) =
        run(&n, EXT_FACTS, r#"[{"digits": "101"}, {"wait": 30}]"#);
    assert_eq!(
        log[log.len() - 4..],
        [
            "30s < timer 3 fired",
            "30s > cancel leg 1",
            r#"30s > play 2: text "Choose""#,
            "30s > collect digits",
        ]
    );
    // A fresh visit of the menu, its attempts counted anew.
    assert_eq!(sim.call().trail().len(), 2);
    let (log, _) =
        run(&n, EXT_FACTS, r#"[{"digits": "101"}, {"busy": "anna"}]"#);
    assert_eq!(
        log[log.len() - 4..],
        [
            "0s < leg 1 busy",
            "0s > cancel timer 3",
            r#"0s > play 2: text "Choose""#,
            "0s > collect digits",
        ]
    );
}

#[test]
fn extension_unknown_digits_are_an_invalid_key() {
    let n = number(EXT);
    // "19": no extension starts with it.
    let (log, _) = run(&n, EXT_FACTS, r#"[{"digits": "19"}]"#);
    assert_eq!(
        log[log.len() - 3..],
        [
            "0s < digit 9",
            "0s > cancel timer 1",
            r#"0s > play 2: text "Choose""#,
        ]
    );
    // Without extension dialing "1" is key 1 at once.
    let plain = number(&EXT.replace(
        r#""extension_dialing": true"#,
        r#""extension_dialing": false"#,
    ));
    let (log, _) = run(&plain, EXT_FACTS, r#"[{"digits": "1"}]"#);
    assert_eq!(log.last().unwrap(), r#"0s > play 2: text "One""#);
}

const FORWARD: &str = r#"{ "scenarios": { "Working time": {
    "forward_to_number": { "greeting": { "text": "Connecting" },
                           "number": "+74952302222", "wait": "15s" },
    "then": { "forward_to_employee": { "employee": "anna", "wait": "10s" } } } } }"#;

#[test]
fn forward_greeting_then_ring_then_answer() {
    let n = number(FORWARD);
    let (log, sim) = run(
        &n,
        "{}",
        r#"["played", {"wait": 4}, {"answer": "+74952302222"}]"#,
    );
    assert_eq!(
        log,
        [
            r#"0s > play 1: text "Connecting""#,
            "0s < playback 1 finished",
            "0s > ring leg 1: number +74952302222",
            "0s > start timer 1 (answer wait, 15s)",
            "4s < leg 1 answered",
            "4s > bridge leg 1",
            "4s > cancel timer 1",
        ]
    );
    assert_eq!(
        sim.call().outcome(),
        Some(&CallOutcome::Bridged {
            leg: 1,
            target: RingTarget::Number("+74952302222".into())
        })
    );
}

#[test]
fn forward_each_way_of_not_answering_goes_on() {
    let n = number(FORWARD);
    for (cue, event) in [
        (r#"{"busy": "+74952302222"}"#, "busy"),
        (r#"{"no_answer": "+74952302222"}"#, "not answered"),
        (r#"{"fail": "+74952302222"}"#, "failed"),
    ] {
        let (log, _) = run(&n, "{}", &format!(r#"["played", {cue}]"#));
        assert_eq!(
            log[4..],
            [
                format!("0s < leg 1 {event}"),
                "0s > cancel timer 1".into(),
                r#"0s > ring leg 2: employee "anna""#.into(),
                "0s > start timer 2 (answer wait, 10s)".into(),
            ]
        );
    }
    // The wait runs out: the leg is cancelled; then anna's wait too, and
    // with no continuation the call is hung up.
    let (log, sim) = run(&n, "{}", r#"["played", "timeout", "timeout"]"#);
    assert_eq!(
        log[4..],
        [
            "15s < timer 1 fired",
            "15s > cancel leg 1",
            r#"15s > ring leg 2: employee "anna""#,
            "15s > start timer 2 (answer wait, 10s)",
            "25s < timer 2 fired",
            "25s > cancel leg 2",
            "25s > hang up",
        ]
    );
    assert_eq!(sim.call().outcome(), Some(&CallOutcome::HungUp));
}

#[test]
fn forward_to_an_unavailable_employee_does_not_ring() {
    let n = number(FORWARD);
    let (log, sim) = run(
        &n,
        r#"{"unavailable": ["anna"]}"#,
        r#"["played", {"busy": "+74952302222"}]"#,
    );
    assert_eq!(
        log[log.len() - 3..],
        ["0s < leg 1 busy", "0s > cancel timer 1", "0s > hang up"]
    );
    assert_eq!(sim.call().trail().len(), 2);
}

const DEPT: &str = r#"{ "scenarios": { "Working time": {
    "forward_to_department": { "department": "sales",
        "distribution": "DIST", "wait": "30s" },
    "then": { "voicemail": { "send_to": [{ "department": "sales" }] } } } } }"#;

const SALES: &str = r#"{ "departments": { "sales": ["anna", "boris", "vera"] },
    "unavailable": ["boris"] }"#;

fn dept(dist: &str) -> Number {
    number(&DEPT.replace(r#""DIST""#, dist))
}

#[test]
fn department_all_at_once() {
    let n = dept(r#""all_at_once""#);
    let (log, sim) = run(
        &n,
        SALES,
        r#"[{"busy": "anna"}, {"wait": 3}, {"answer": "vera"}]"#,
    );
    assert_eq!(
        log,
        [
            r#"0s > ring leg 1: employee "anna""#,
            r#"0s > ring leg 2: employee "vera""#,
            "0s > start timer 1 (answer wait, 30s)",
            "0s < leg 1 busy",
            "3s < leg 2 answered",
            "3s > bridge leg 2",
            "3s > cancel timer 1",
        ]
    );
    assert!(sim.call().is_ended());
    // Answer with both ringing: the other leg is cancelled once.
    let (log, _) = run(&n, SALES, r#"[{"answer": "anna"}]"#);
    assert_eq!(
        log[3..],
        [
            "0s < leg 1 answered",
            "0s > bridge leg 1",
            "0s > cancel leg 2",
            "0s > cancel timer 1"
        ]
    );
    // Everyone busy: voicemail at once.
    let (log, _) = run(&n, SALES, r#"[{"busy": "anna"}, {"busy": "vera"}]"#);
    assert_eq!(
        log[4..],
        ["0s < leg 2 busy", "0s > cancel timer 1", "0s > record voicemail"]
    );
}

#[test]
fn department_nobody_available_goes_on_at_once() {
    let n = dept(r#""in_turn", "step": "5s""#);
    let (log, _) = run(
        &n,
        r#"{ "departments": { "sales": ["anna"] }, "unavailable": ["anna"] }"#,
        "[]",
    );
    assert_eq!(log, ["0s > record voicemail"]);
    // An unknown department has nobody to ring either.
    let (log, _) = run(&n, "{}", "[]");
    assert_eq!(log, ["0s > record voicemail"]);
}

#[test]
fn department_in_turn_busy_moves_on_at_once_on_the_same_grid() {
    let n = dept(r#""in_turn", "step": "10s""#);
    let f =
        r#"{ "departments": { "sales": ["anna", "boris", "vera", "gleb"] } }"#;
    let (log, _) = run(
        &n,
        f,
        r#"[{"wait": 4}, {"busy": "anna"}, {"busy": "boris"}, {"wait": 30}]"#,
    );
    assert_eq!(
        log,
        [
            r#"0s > ring leg 1: employee "anna""#,
            "0s > start timer 1 (answer wait, 30s)",
            "0s > start timer 2 (ring step, 10s)",
            "4s < leg 1 busy",
            r#"4s > ring leg 2: employee "boris""#,
            "4s < leg 2 busy",
            r#"4s > ring leg 3: employee "vera""#,
            "10s < timer 2 fired",
            "10s > cancel leg 3",
            r#"10s > ring leg 4: employee "gleb""#,
            "10s > start timer 3 (ring step, 10s)",
            "20s < timer 3 fired",
            "20s > cancel leg 4",
            r#"20s > ring leg 5: employee "vera""#,
            "30s < timer 1 fired",
            "30s > cancel leg 5",
            "30s > record voicemail",
        ]
    );
}

#[test]
fn department_cumulative_adds_and_drops() {
    let n = dept(r#""cumulative", "step": "5s""#);
    let f = r#"{ "departments": { "sales": ["anna", "boris", "vera"] } }"#;
    let (log, _) = run(
        &n,
        f,
        r#"[{"wait": 6}, {"busy": "anna"}, {"busy": "boris"}, {"wait": 10}]"#,
    );
    assert_eq!(
        log,
        [
            r#"0s > ring leg 1: employee "anna""#,
            "0s > start timer 1 (answer wait, 30s)",
            "0s > start timer 2 (ring step, 5s)",
            "5s < timer 2 fired",
            r#"5s > ring leg 2: employee "boris""#,
            "5s > start timer 3 (ring step, 5s)",
            "6s < leg 1 busy",
            // Nobody left ringing: vera is added at once, the grid stays.
            "6s < leg 2 busy",
            r#"6s > ring leg 3: employee "vera""#,
            // vera was the last: the step changes nothing and no further
            // step is started.
            "10s < timer 3 fired",
        ]
    );
}

const MAILBOXES: &str = r#"{ "scenarios": {
  "Working time": { "voicemail": { "greeting": { "audio": "leave-a-message.mp3" },
      "send_to": [{ "employee": "anna" }, { "department": "sales" }],
      "external_email": "office@example.com" } },
  "Non-working time": { "fax": { "send_to": [{ "employee": "anna" }] } } } }"#;

#[test]
fn voicemail_and_fax_deliver_then_hang_up() {
    let n = number(MAILBOXES);
    let (log, sim) = run(
        &n,
        "{}",
        r#"[{"digits": "5"}, "played", {"event": {"event": "fax_finished", "document": "x"}}, {"recorded": "vm-17.wav"}]"#,
    );
    assert_eq!(
        log,
        [
            r#"0s > play 1: audio "leave-a-message.mp3""#,
            "0s < digit 5",
            "0s < playback 1 finished",
            "0s > record voicemail",
            r#"0s < fax finished: "x""#,
            r#"0s < voicemail finished: "vm-17.wav""#,
            r#"0s > send voicemail "vm-17.wav" to employee "anna", department "sales", e-mail office@example.com"#,
            "0s > hang up",
        ]
    );
    assert_eq!(sim.call().outcome(), Some(&CallOutcome::HungUp));
    let n: &'static Number = Box::leak(Box::new(n));
    let sim = simulate(
        n,
        "Non-working time",
        Facts::default(),
        &cues(r#"[{"fax_received": "f.pdf"}]"#),
    )
    .unwrap();
    let log = lines(&sim);
    assert_eq!(
        log,
        [
            "0s > receive fax",
            r#"0s < fax finished: "f.pdf""#,
            r#"0s > send fax "f.pdf" to employee "anna""#,
            "0s > hang up",
        ]
    );
}

#[test]
fn caller_hang_up_releases_what_each_state_holds() {
    let cases: [(&str, &str, &str, &[&str]); 5] = [
        (MESSAGE, "{}", "[]", &["0s > stop playback 1"]),
        (
            MENU,
            "{}",
            r#"["played"]"#,
            &["0s > cancel timer 1", "0s > stop collecting digits"],
        ),
        (
            FORWARD,
            "{}",
            r#"["played"]"#,
            &["0s > cancel leg 1", "0s > cancel timer 1"],
        ),
        (
            &DEPT.replace(r#""DIST""#, r#""cumulative", "step": "5s""#),
            SALES,
            r#"[{"wait": 5}]"#,
            &["5s > cancel leg 1", "5s > cancel leg 2", "5s > cancel timer 1"],
        ),
        (MAILBOXES, "{}", r#"["played"]"#, &[]),
    ];
    for (settings, f, script, released) in cases {
        let n = number(settings);
        let mut script = cues(script);
        script.push(Cue::HangUp);
        let (log, sim) = run(&n, f, &serde_json::to_string(&script).unwrap());
        let at =
            log.iter().rposition(|l| l.ends_with("< caller hung up")).unwrap();
        assert_eq!(log[at + 1..], *released, "{settings}");
        assert_eq!(sim.call().outcome(), Some(&CallOutcome::CallerHungUp));
    }
}

#[test]
fn step_limit_hangs_up() {
    let json = r#"{ "scenarios": { "Working time": { "go_to": "menu" } },
      "nodes": { "menu": { "menu": { "prompt": { "text": "Press 1" },
        "keys": { "1": { "message": { "text": "Thanks" } } },
        "nothing_selected": { "go_to": "menu" } } } } }"#;
    let n = Number::builder()
        .limits(Limits::default().with_max_steps(20))
        .build(call_scenario::Settings::from_json(json).unwrap())
        .unwrap();
    let n: &'static Number = Box::leak(Box::new(n));
    let mut sim =
        Simulation::start(n, "Working time", Facts::default()).unwrap();
    let mut cues = 0;
    while !sim.call().is_ended() {
        let cue =
            if sim.playback().is_some() { Cue::Played } else { Cue::Timeout };
        sim.apply(&cue).unwrap();
        cues += 1;
        assert!(cues <= 20);
    }
    assert_eq!(sim.call().outcome(), Some(&CallOutcome::StepLimit));
    assert_eq!(sim.call().steps(), 20);
    assert_eq!(sim.violations(), Vec::<String>::new());
    let log = lines(&sim);
    assert_eq!(log.last().unwrap().split_once(' ').unwrap().1, "> hang up");
}

#[test]
fn state_is_a_serde_value_that_resumes() {
    let n = dept(r#""in_turn", "step": "10s""#);
    let (mut a, _) = Call::start(&n, "Working time", facts(SALES)).unwrap();
    a.step(&n, Event::TimerFired { timer: 2 }).unwrap();
    let json = serde_json::to_string(&a).unwrap();
    let mut b: Call = serde_json::from_str(&json).unwrap();
    assert_eq!(a, b);
    for e in [Event::LegBusy { leg: 2 }, Event::TimerFired { timer: 1 }] {
        assert_eq!(a.step(&n, e.clone()).unwrap(), b.step(&n, e).unwrap());
    }
    assert_eq!(a, b);
    // boris is unavailable, so after vera's busy anna rings again; the
    // wait ends it: voicemail.
    let mut c: Call =
        serde_json::from_str(&serde_json::to_string(&b).unwrap()).unwrap();
    assert_eq!(
        c.step(&n, Event::VoicemailFinished { recording: "v".into() })
            .unwrap()
            .last(),
        Some(&Action::HangUp)
    );
}

#[test]
fn state_from_other_settings_is_an_error_not_a_panic() {
    let big = dept(r#""in_turn", "step": "10s""#);
    let small = number(MESSAGE);
    let (mut call, _) =
        Call::start(&big, "Working time", facts(SALES)).unwrap();
    let e = call.step(&small, Event::TimerFired { timer: 1 }).unwrap_err();
    assert!(
        matches!(e.problems()[0].kind(), ProblemKind::BadState { .. }),
        "{e}"
    );
    // A hand-edited state pointing far away.
    let json = serde_json::to_string(
        &Call::start(&small, "Working time", Facts::default()).unwrap().0,
    )
    .unwrap()
    .replace(r#""node":0"#, r#""node":4000000000"#);
    let mut call: Call = serde_json::from_str(&json).unwrap();
    assert!(call
        .step(&small, Event::PlaybackFinished { playback: 1 })
        .is_err());
}

#[test]
fn altered_ring_state_is_not_a_panic() {
    // A state kept by the host and altered (by hand, or by a bad store)
    // within the settings' fingerprint: a rotation position past the
    // members, and ids at their limit. Stepping it must not panic.
    let n = dept(r#""in_turn", "step": "10s""#);
    let (call, _) = Call::start(&n, "Working time", facts(SALES)).unwrap();
    let json = serde_json::to_string(&call).unwrap();
    assert!(json.contains(r#""at":0,"ringing":true"#), "{json}");
    assert!(json.contains(r#""timer":2,"leg":1}"#), "{json}");
    for altered in [
        json.replace(r#""at":0,"ringing":true"#, r#""at":7,"ringing":true"#),
        json.replace(r#""at":0,"ringing":true"#, r#""at":7,"ringing":false"#),
        json.replace(
            r#""timer":2,"leg":1}"#,
            r#""timer":4294967295,"leg":4294967295}"#,
        ),
    ] {
        let mut call: Call = serde_json::from_str(&altered).unwrap();
        // The ring-step timer, then the answer wait: each moves the
        // rotation or starts timers and legs.
        for timer in [2, 1] {
            let _ = call.step(&n, Event::TimerFired { timer });
        }
    }
}

#[test]
fn go_to_is_followed_but_not_listed() {
    let json = r#"{ "scenarios": { "Working time": { "message": { "text": "Hi" },
        "then": { "go_to": "bye" } } },
      "nodes": { "bye": { "message": { "text": "Bye" } } } }"#;
    let n = number(json);
    let (_, sim) = run(&n, "{}", r#"["played", "played"]"#);
    let trail: Vec<&str> =
        sim.call().trail().iter().map(|v| v.node()).collect();
    assert_eq!(trail, [r#"scenarios["Working time"]"#, r#"nodes["bye"]"#]);
}

#[test]
fn script_errors_name_the_step() {
    let n: &'static Number = Box::leak(Box::new(number(MESSAGE)));
    let e = simulate(
        n,
        "Working time",
        Facts::default(),
        &cues(r#"["played", "timeout"]"#),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid simulation script: script[1]: no timer is running"
    );
    let e = simulate(
        n,
        "Working time",
        Facts::default(),
        &cues(r#"[{"answer": "anna"}]"#),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid simulation script: script[0]: no leg is ringing \"anna\"; \
         ringing: []"
    );
    let e = simulate(
        n,
        "Working time",
        Facts::default(),
        &cues(r#"[{"digits": "1a"}]"#),
    )
    .unwrap_err();
    assert!(e.to_string().contains("'a' is not a key"), "{e}");
}

#[test]
fn invalid_keys_follow_their_own_setting() {
    use call_scenario::{InvalidKey, NumberBuilder, Timing};
    let with = |what: InvalidKey| {
        NumberBuilder::new()
            .timing(Timing::default().with_invalid_key(what))
            .build_json(MENU)
            .unwrap()
    };
    // Replay: invalid keys never use up the retries; no input still does.
    let (log, sim) = run(
        &with(InvalidKey::Replay),
        "{}",
        r#"[{"digits": "7777"}, {"digits": "2"}]"#,
    );
    assert_eq!(
        log.iter()
            .filter(|l| l.contains("play") && l.contains("1 sales"))
            .count(),
        5
    );
    assert_eq!(sim.call().trail()[0].choice(), Some(&Choice::Key(Key::D2)));
    let (log, _) = run(
        &with(InvalidKey::Replay),
        "{}",
        r#"[{"digits": "7"}, "played", "timeout", "played", "timeout", "played", "timeout"]"#,
    );
    assert_eq!(log[log.len() - 1], r#"15s > play 5: text "Goodbye""#);
    // Nothing selected at once.
    let (log, sim) =
        run(&with(InvalidKey::NothingSelected), "{}", r#"[{"digits": "7"}]"#);
    assert_eq!(
        log[2..],
        [
            "0s < digit 7",
            "0s > stop playback 1",
            "0s > stop collecting digits",
            r#"0s > play 2: text "Goodbye""#,
        ]
    );
    assert_eq!(sim.call().trail()[0].choice(), Some(&Choice::NothingSelected));
    // The default counts them as retries (see above), and is documented.
    assert_eq!(Timing::default().invalid_key, InvalidKey::Retry);
    for k in
        [InvalidKey::Retry, InvalidKey::Replay, InvalidKey::NothingSelected]
    {
        assert_eq!(k.to_string().parse::<InvalidKey>(), Ok(k));
    }
}
