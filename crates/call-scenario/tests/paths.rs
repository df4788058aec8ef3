//! Caller path enumeration. Counts are worked out by hand from the
//! choices listed in `paths`' docs.

use call_scenario::{
    paths, CallOutcome, Choice, Cue, Facts, Key, Number, PathEnd, PathOptions,
};

fn number(json: &str) -> Number {
    Number::from_json(json).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn forward_paths() {
    let n = number(
        r#"{ "scenarios": { "Working time": {
            "forward_to_number": { "number": "+74952302222", "wait": "10s" },
            "then": { "message": { "text": "Nobody" } } } } }"#,
    );
    let p =
        paths(&n, "Working time", &Facts::default(), PathOptions::default())
            .unwrap();
    assert!(p.is_complete());
    let got: Vec<(Vec<Cue>, PathEnd)> = p
        .paths()
        .iter()
        .map(|p| (p.cues().to_vec(), p.end().clone()))
        .collect();
    let num = || "+74952302222".to_string();
    assert_eq!(
        got,
        [
            (
                vec![Cue::Timeout, Cue::Played],
                PathEnd::Ended(CallOutcome::HungUp)
            ),
            (
                vec![Cue::Answer(num())],
                PathEnd::Ended(CallOutcome::Bridged {
                    leg: 1,
                    target: call_scenario::RingTarget::Number(num())
                })
            ),
            (
                vec![Cue::Busy(num()), Cue::Played],
                PathEnd::Ended(CallOutcome::HungUp)
            ),
        ]
    );
}

const MENU: &str = r#"{ "scenarios": { "Working time": { "menu": {
    "prompt": { "text": "1 for A" },
    "keys": { "1": { "message": { "text": "A" } } },
    "nothing_selected": { "message": { "text": "Bye" } } } } } }"#;

#[test]
fn menu_paths_with_retries() {
    // From the prompt of attempt a: played, "1" or "0" (not offered); once
    // played: "1", "0" or the no-input timeout. "0" and the timeout replay
    // the prompt while a <= 2, else take "nothing selected". Counting
    // paths: P(3) = 5, P(2) = 17, P(1) = 53, each ending after the
    // message's playback.
    let n = number(MENU);
    let p =
        paths(&n, "Working time", &Facts::default(), PathOptions::default())
            .unwrap();
    assert!(p.is_complete());
    assert_eq!(p.paths().len(), 53);
    assert_eq!(p.flagged().count(), 0);
    assert!(p
        .paths()
        .iter()
        .all(|p| *p.end() == PathEnd::Ended(CallOutcome::HungUp)));
    let chose_one = p
        .paths()
        .iter()
        .filter(|p| p.trail()[0].choice() == Some(&Choice::Key(Key::D1)))
        .count();
    let nothing = p
        .paths()
        .iter()
        .filter(|p| p.trail()[0].choice() == Some(&Choice::NothingSelected))
        .count();
    assert_eq!(chose_one + nothing, 53);
    // Key 1 is pressed once per path that picks it: at each of the 3
    // attempts, during or after the prompt, after any route to that
    // attempt (1 way to attempt 1; 3 ways from one attempt to the next:
    // "0", or played then "0" or the timeout; so 3 and 9 ways to attempts
    // 2 and 3): 2 * (1 + 3 + 9).
    assert_eq!(chose_one, 26);
}

#[test]
fn bounds_cut_the_search() {
    let n = number(MENU);
    let p = paths(
        &n,
        "Working time",
        &Facts::default(),
        PathOptions::default().with_depth(1).with_max_paths(100),
    )
    .unwrap();
    assert!(p.is_complete());
    let ends: Vec<&PathEnd> = p.paths().iter().map(|p| p.end()).collect();
    assert_eq!(ends, [&PathEnd::DepthReached; 3]);
    let p = paths(
        &n,
        "Working time",
        &Facts::default(),
        PathOptions::default().with_depth(12).with_max_paths(10),
    )
    .unwrap();
    assert!(!p.is_complete());
    assert_eq!(p.paths().len(), 10);
}

#[test]
fn extension_paths_are_explored() {
    let n = number(
        r#"{ "scenarios": { "Working time": { "menu": {
            "prompt": { "text": "Dial" },
            "keys": { "1": { "message": { "text": "A" } } },
            "nothing_selected": { "message": { "text": "Bye" } },
            "extension_dialing": true } } } }"#,
    );
    let facts: Facts =
        serde_json::from_str(r#"{ "extensions": { "101": "anna" } }"#)
            .unwrap();
    // A dialed extension that is not answered returns to the menu, so the
    // paths go on until the depth.
    let options = PathOptions::default().with_depth(6).with_max_paths(100_000);
    let p = paths(&n, "Working time", &facts, options).unwrap();
    assert!(p.is_complete());
    assert!(p.paths().iter().any(|p| *p.end() == PathEnd::DepthReached));
    assert_eq!(p.flagged().count(), 0);
    // "1" alone waits for the inter-digit timeout, then is key 1.
    assert!(p
        .paths()
        .iter()
        .any(|p| p.cues()[..2] == [Cue::Digits("1".into()), Cue::Timeout]
            && p.trail()[0].choice() == Some(&Choice::Key(Key::D1))));
    // "101" rings anna, who may answer.
    assert!(p.paths().iter().any(|p| p.cues()
        == [Cue::Digits("101".into()), Cue::Answer("anna".into())]));
}

#[test]
fn paths_cut_by_the_step_limit_are_flagged() {
    // A menu whose only key leads back to it: a caller can go round until
    // the step limit hangs up.
    let settings = call_scenario::Settings::from_json(
        r#"{ "scenarios": { "Working time": { "go_to": "main" } },
             "nodes": { "main": { "menu": {
                 "prompt": { "text": "1 to hear this again" },
                 "keys": { "1": { "go_to": "main" } },
                 "nothing_selected": { "message": { "text": "Bye" } } } } } }"#,
    )
    .unwrap();
    let limits = call_scenario::Limits::default().with_max_steps(6);
    let number = Number::builder().limits(limits).build(settings).unwrap();
    let paths = paths(
        &number,
        "Working time",
        &Facts::default(),
        PathOptions::default().with_depth(12).with_max_paths(1_000),
    )
    .unwrap();
    let cut: Vec<_> = paths
        .paths()
        .iter()
        .filter(|p| {
            *p.end() == PathEnd::Ended(call_scenario::CallOutcome::StepLimit)
        })
        .collect();
    assert!(!cut.is_empty());
    assert_eq!(paths.flagged().count(), cut.len());
}
