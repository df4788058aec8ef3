//! The crate as a dependant uses it: a glob import, configs built
//! through the public constructors, wildcard arms, every closed set
//! through `Display` and `FromStr`, results through serde.

use call_scenario::*;

/// `Copy` is still the marker trait after the glob import.
fn twice<T: Copy>(t: T) -> (T, T) {
    (t, t)
}

fn round_trip<T>(all: &[T])
where
    T: core::fmt::Display
        + core::str::FromStr<Err = ParseValueError>
        + PartialEq
        + core::fmt::Debug,
{
    for t in all {
        let s = t.to_string();
        assert_eq!(s.parse::<T>().as_ref(), Ok(t), "{s}");
    }
}

#[test]
fn every_closed_set_round_trips_through_display_and_from_str() {
    round_trip(Key::ALL);
    round_trip(ForwardWait::ALL);
    round_trip(DepartmentWait::ALL);
    round_trip(Step::ALL);
    let mut distributions = vec![Distribution::AllAtOnce];
    for &s in Step::ALL {
        distributions.push(Distribution::InTurn(s));
        distributions.push(Distribution::Cumulative(s));
    }
    round_trip(&distributions);
    assert_eq!(Distribution::InTurn(Step::S10).to_string(), "in_turn 10s");
    round_trip(&[Severity::Error, Severity::Warning]);
    round_trip(&[
        TimerName::NoInput,
        TimerName::InterDigit,
        TimerName::AnswerWait,
        TimerName::RingStep,
    ]);
    assert_eq!("answer_wait".parse(), Ok(TimerName::AnswerWait));
    round_trip(&[Delivery::Voicemail, Delivery::Fax]);
    let mut branches = vec![Branch::NothingSelected];
    branches.extend(Key::ALL.iter().map(|&k| Branch::Key(k)));
    round_trip(&branches);
    let mut choices = vec![
        Choice::NothingSelected,
        Choice::Extension("101".into()),
        Choice::Extension("0".into()),
    ];
    choices.extend(Key::ALL.iter().map(|&k| Choice::Key(k)));
    round_trip(&choices);
}

#[test]
fn parse_errors_list_the_accepted_spellings() {
    let e = "by_skill 10s".parse::<Distribution>().unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid distribution \"by_skill 10s\"; expected \"all_at_once\", \
         \"in_turn STEP\" or \"cumulative STEP\" with STEP one of \"5s\", \
         \"10s\", \"15s\", \"20s\", \"25s\", \"30s\""
    );
    for bad in ["all_at_once 5s", "in_turn", "in_turn 7s", "cumulative  5s"] {
        assert!(bad.parse::<Distribution>().is_err(), "{bad}");
    }
    let e = "loud".parse::<Severity>().unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid severity \"loud\"; expected one of \"error\", \"warning\""
    );
    assert_eq!(e.input(), "loud");
    assert!("extension 1a".parse::<Choice>().is_err());
    assert!("key A".parse::<Branch>().is_err());
}

#[test]
fn configs_built_in_code_and_results_read_through_accessors() {
    let menu = Menu::new(Prompt::text("1 for sales"))
        .with_key(
            Key::D1,
            Node::new(NodeKind::ForwardToDepartment(
                ForwardToDepartment::new(
                    "sales",
                    Distribution::Cumulative(Step::S5),
                    DepartmentWait::S15,
                )
                .with_greeting(Prompt::audio("connecting.mp3")),
            ))
            .then(Node::new(NodeKind::Voicemail(
                Mailbox::new()
                    .with_recipient(DirectoryId::Department("sales".into()))
                    .with_external_email("sales@example.com"),
            ))),
        )
        .with_nothing_selected(Node::new(NodeKind::Message(Prompt::text(
            "Bye",
        ))));
    let settings = Settings::new("Main")
        .with_scenario("Working time", Node::new(NodeKind::Menu(menu)));
    let number = Number::builder()
        .limits(Limits::default().with_max_steps(100))
        .timing(Timing::default().with_retries(0))
        .directory(Directory::new(["anna", "boris"], ["sales"]))
        .build(settings.clone())
        .unwrap();
    assert!(number.warnings().is_empty());
    let facts = Facts::new()
        .with_department("sales", ["anna", "boris"])
        .with_unavailable("boris");
    let sim = simulate(
        &number,
        "Working time",
        facts,
        &[Cue::Digits("1".into()), Cue::Played, Cue::Answer("anna".into())],
    )
    .unwrap();
    let outcome = sim.call().outcome().unwrap();
    let words = match outcome {
        CallOutcome::Bridged { target: RingTarget::Employee(e), .. } => {
            e.clone()
        }
        _ => String::new(),
    };
    assert_eq!(words, "anna");
    assert_eq!(outcome.to_string(), "connected to employee \"anna\" (leg 1)");
    assert_eq!(
        serde_json::to_value(outcome).unwrap(),
        serde_json::json!({"bridged": {"leg": 1, "target": {"employee": "anna"}}})
    );
    let trail = serde_json::to_value(sim.call().trail()).unwrap();
    assert_eq!(trail[0]["choice"], serde_json::json!({"key": "1"}));
    for entry in sim.log() {
        let _ = (entry.at(), entry.entry());
        serde_json::to_string(entry).unwrap();
    }

    let plan = RingPlan::new(
        &[Member::new("anna", true), Member::new("boris", true)],
        Distribution::InTurn(Step::S10),
        DepartmentWait::S20,
    );
    let legs: Vec<(&str, u32, u32)> =
        plan.legs().iter().map(|l| (l.employee(), l.from(), l.to())).collect();
    assert_eq!(legs, [("anna", 0, 10), ("boris", 10, 20)]);
    let json = serde_json::to_value(&plan).unwrap();
    assert_eq!(json["ends_at"], 20);
    assert_eq!(json["legs"][1]["employee"], "boris");

    let copy = settings.copy_to(
        "Copy",
        &Remap::new().with_department("sales", "sales-2"),
        None,
    );
    assert!(copy.dangling().is_empty());
    assert_eq!(copy.settings().name, "Copy");
    serde_json::to_string(&copy).unwrap();

    let found = paths(
        &number,
        "Working time",
        &Facts::new(),
        PathOptions::default().with_depth(4),
    )
    .unwrap();
    assert!(found.is_complete());
    for p in found.paths() {
        match p.end() {
            PathEnd::Ended(_) | PathEnd::DepthReached => {}
            _ => panic!("{}", p.end()),
        }
    }
    serde_json::to_string(&found).unwrap();

    let err = Number::from_json(r#"{ "scenarios": {} }"#).unwrap_err();
    for problem in &err {
        assert_eq!(problem.severity(), Severity::Error);
        assert_eq!(problem.path(), "scenarios");
        assert!(matches!(problem.kind(), ProblemKind::NoScenarios));
    }
    assert_eq!(twice(Key::D1), (Key::D1, Key::D1));
    serde_json::to_string(&err).unwrap();
}

/// User documentation speaks of the product, not of internal requirement
/// ids or source pages.
#[test]
fn docs_cite_no_internal_ids() {
    let files = [
        ("README.md", include_str!("../README.md")),
        ("lib.rs", include_str!("../src/lib.rs")),
        ("call.rs", include_str!("../src/call.rs")),
        ("copy.rs", include_str!("../src/copy.rs")),
        ("error.rs", include_str!("../src/error.rs")),
        ("fnv.rs", include_str!("../src/fnv.rs")),
        ("number.rs", include_str!("../src/number.rs")),
        ("path.rs", include_str!("../src/path.rs")),
        ("phone.rs", include_str!("../src/phone.rs")),
        ("ring.rs", include_str!("../src/ring.rs")),
        ("settings.rs", include_str!("../src/settings.rs")),
        ("simulation.rs", include_str!("../src/simulation.rs")),
        ("values.rs", include_str!("../src/values.rs")),
    ];
    for (name, text) in files {
        let in_lib = name == "lib.rs";
        for (i, line) in text.lines().enumerate() {
            let t = line.trim_start();
            let doc = name == "README.md"
                || t.starts_with("///")
                || t.starts_with("//!")
                || (in_lib && !t.starts_with("//") && i < 400);
            if !doc {
                continue;
            }
            let words: Vec<&str> = t
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            for (k, w) in words.iter().enumerate() {
                let id = (w.starts_with('R') || w.starts_with('B'))
                    && w.len() > 1
                    && w[1..].bytes().all(|b| b.is_ascii_digit());
                let seed = w.eq_ignore_ascii_case("seed")
                    && words.get(k + 1).is_some_and(|n| {
                        n.bytes().all(|b| b.is_ascii_digit())
                    });
                assert!(!id && !seed, "{name}:{}: {line}", i + 1);
            }
        }
    }
}

/// Values outside their closed sets, structural and directory problems
/// are reported in one pass (reading stopped at the first value before).
#[test]
fn out_of_set_values_come_with_every_other_problem() {
    let json = r#"{ "scenarios": { "Working time": { "menu": {
        "prompt": { "text": "Press 1" },
        "keys": {
            "1": { "forward_to_employee": { "employee": "anna", "wait": "45s" } },
            "A": { "message": { "text": "?" } },
            "2": { "forward_to_department": { "department": "Sales",
                "distribution": "by_skill", "step": "7s", "wait": "1min" },
                "then": { "go_to": "nowhere" } },
            "3": null
        } } } } }"#;
    let builder = Number::builder()
        .directory(Directory::new(["boris"], ["sales"]))
        .intervals(["Working time", "Non-working time"]);
    let err = builder.build_json(json).unwrap_err();
    assert_eq!(err.problems(), builder.check_json(json));
    let mut got: Vec<String> = err
        .errors()
        .map(|p| format!("{}: {:?}", p.path(), p.kind()))
        .collect();
    got.sort();
    let keys = r#"scenarios["Working time"].menu.keys"#;
    let want = [
        "scenarios".to_string(),
        format!(r#"{keys}["1"].forward_to_employee.employee"#),
        format!(r#"{keys}["1"].forward_to_employee.wait"#),
        format!(r#"{keys}["2"].forward_to_department.department"#),
        format!(r#"{keys}["2"].forward_to_department.distribution"#),
        format!(r#"{keys}["2"].forward_to_department.step"#),
        format!(r#"{keys}["2"].then.go_to"#),
        format!(r#"{keys}["3"]"#),
        format!(r#"{keys}["A"]"#),
        r#"scenarios["Working time"].menu.nothing_selected"#.to_string(),
    ];
    let paths: Vec<&str> =
        got.iter().map(|l| l.split(": ").next().unwrap_or("")).collect();
    assert_eq!(paths, want, "{err}");
    // Reading alone still stops there, with every out-of-set value.
    let read = Settings::from_json(json).unwrap_err();
    assert_eq!(read.problems().len(), 4, "{read}");
    // Any other reading error comes alone, as before.
    let e = Number::from_json(r#"{ "scenarios": { "W": { "message": { "text": 1 },
        "then": { "forward_to_employee": { "employee": "a", "wait": "45s" } } } } }"#)
    .unwrap_err();
    assert!(
        e.problems().iter().any(|p| p.path().ends_with("message.text")),
        "{e}"
    );
}
