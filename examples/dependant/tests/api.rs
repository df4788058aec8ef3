//! The five libraries used together as a dependant would: all five
//! glob-imported into one module, configs built through public
//! constructors and setters, results matched with a wildcard arm (the enums
//! are `#[non_exhaustive]`), every closed set round-tripped through
//! `Display`/`FromStr`, and every result a host logs turned into JSON.
//!
//! The names the crates share on purpose (`Error`, `Problem`,
//! `ProblemKind`, `Limits`: each crate's own error and limits) are used
//! with their crate path, as a glob-importing dependant would; any other
//! name that two crates exported would make this file fail to compile.

use business_hours::*;
use call_scenario::*;
use post_call_rules::*;
use sms_encoding::*;
use sms_templates::*;

use chrono::{NaiveDate, TimeZone, Utc, Weekday};
use serde::Serialize;

/// `Copy` (and the other prelude names) are still std's after the globs.
fn twice<T: Copy + Clone + Default + PartialEq>(t: T) -> (T, T) {
    (t, t)
}

fn round_trip<T>(all: impl IntoIterator<Item = T>)
where
    T: std::fmt::Display + std::str::FromStr + PartialEq + std::fmt::Debug,
    <T as std::str::FromStr>::Err: std::fmt::Display,
{
    let mut n = 0;
    for t in all {
        let s = t.to_string();
        assert!(!s.is_empty());
        assert!(!s.contains("::"), "{s:?} reads like a Debug name");
        match s.parse::<T>() {
            Ok(back) => assert_eq!(back, t, "{s}"),
            Err(e) => panic!("{s:?} does not parse back: {e}"),
        }
        n += 1;
    }
    assert!(n > 0);
}

/// `t` as JSON, checked to come back the same through JSON text.
fn json<T: Serialize + ?Sized>(t: &T) -> serde_json::Value {
    let value = serde_json::to_value(t).expect("results serialize");
    let text = serde_json::to_string(t).expect("results serialize");
    let back: serde_json::Value =
        serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(back, value, "{text}");
    value
}

/// Every spelling given parses, and displays as itself.
fn spellings<T>(words: &[&str])
where
    T: std::fmt::Display + std::str::FromStr + PartialEq + std::fmt::Debug,
    <T as std::str::FromStr>::Err: std::fmt::Display,
{
    let all: Vec<T> = words
        .iter()
        .map(|w| match w.parse::<T>() {
            Ok(t) => t,
            Err(e) => panic!("{w:?}: {e}"),
        })
        .collect();
    for (t, w) in all.iter().zip(words) {
        assert_eq!(&t.to_string(), w);
    }
    round_trip(all);
    // A spelling that is not one is refused, with words a person reads.
    let e = "no-such-spelling".parse::<T>().expect_err("refused");
    assert!(!e.to_string().is_empty());
}

/// Every closed set of every crate, through `Display` and `FromStr`.
#[test]
fn every_closed_set_round_trips() {
    // sms-encoding
    round_trip(Encoding::ALL.iter().copied());
    round_trip(Language::ALL.iter().copied());
    round_trip(Packing::ALL.iter().copied());
    round_trip(Concatenation::ALL.iter().copied());
    // sms-templates
    spellings::<Filled>(&[
        "value",
        "fallback",
        "empty",
        "absent scope",
        "link",
    ]);
    // post-call-rules: each spelled set lists its spellings.
    spellings::<Direction>(Direction::SPELLINGS);
    spellings::<CallStatus>(CallStatus::SPELLINGS);
    spellings::<LineType>(LineType::SPELLINGS);
    spellings::<HitPolicy>(HitPolicy::SPELLINGS);
    spellings::<MaybeMobile>(MaybeMobile::SPELLINGS);
    spellings::<IntervalScope>(IntervalScope::SPELLINGS);
    spellings::<Condition>(Condition::SPELLINGS);
    // call-scenario
    round_trip(Key::ALL.iter().copied());
    round_trip(Step::ALL.iter().copied());
    round_trip(ForwardWait::ALL.iter().copied());
    round_trip(DepartmentWait::ALL.iter().copied());
    let mut distributions = vec![Distribution::AllAtOnce];
    for &s in Step::ALL {
        distributions.push(Distribution::InTurn(s));
        distributions.push(Distribution::Cumulative(s));
    }
    round_trip(distributions);
    round_trip([Severity::Error, Severity::Warning]);
    round_trip([
        TimerName::NoInput,
        TimerName::InterDigit,
        TimerName::AnswerWait,
        TimerName::RingStep,
    ]);
    round_trip([Delivery::Voicemail, Delivery::Fax]);
    let mut branches = vec![Branch::NothingSelected];
    branches.extend(Key::ALL.iter().map(|&k| Branch::Key(k)));
    round_trip(branches);
    let mut choices =
        vec![Choice::NothingSelected, Choice::Extension("105".into())];
    choices.extend(Key::ALL.iter().map(|&k| Choice::Key(k)));
    round_trip(choices);
    spellings::<InvalidKey>(&["retry", "replay", "nothing_selected"]);
    spellings::<LegEnding>(&[
        "answered",
        "cancelled by an answer",
        "step passed on",
        "wait expired",
        "unavailable",
    ]);
    // business-hours
    round_trip(Mode::ALL);
}

#[test]
fn prelude_names_are_not_shadowed() {
    assert_eq!(twice(3u8), (3, 3));
    let r: Result<u8, ()> = Ok(1);
    assert_eq!(r.ok(), Some(1));
}

#[test]
fn sms_encoding_as_a_dependant_uses_it() {
    round_trip(Encoding::ALL.iter().copied());
    round_trip(Language::ALL.iter().copied());
    round_trip(Packing::ALL.iter().copied());
    round_trip(Concatenation::ALL.iter().copied());

    let seg = Segmenter::builder()
        .max_parts(3)
        .national_language(Language::ALL[0])
        .build()
        .unwrap();
    let a = seg.analyze("Zażółć gęślą jaźń").unwrap();
    let words = match a.encoding() {
        Encoding::Gsm7 => "gsm",
        Encoding::Ucs2 => "ucs2",
        _ => "other",
    };
    assert_eq!(words, "ucs2");
    let v = json(&a);
    assert!(v.is_object(), "{v}");
    let too_long = seg.analyze(&"ą".repeat(1000)).unwrap_err();
    let msg = too_long.to_string();
    assert!(!msg.contains("Ucs2"), "{msg}");
    let e: &sms_encoding::Error = &too_long;
    let _ = e.kind();
}

#[test]
fn sms_templates_as_a_dependant_uses_it() {
    let catalog = Catalog::standard();
    let limits = sms_templates::Limits::default().max_recipients(10);
    let template =
        Template::new("hi", "Hi {{contact.first_name | \"there\"}}")
            .with_description("greeting")
            .compile_with(&catalog, limits)
            .unwrap();
    let mut values = Values::new(&catalog);
    values.set(catalog.slot("contact", "first_name").unwrap(), "Ola");
    let rendered = template.render(&values, &NoLinks).unwrap();
    assert_eq!(rendered.text(), "Hi Ola");
    let v = json(&rendered);
    assert_eq!(v["text"], "Hi Ola", "{v}");

    let err = Template::new("bad", "{{contact.frist_name}} {{nosuch.x}}")
        .compile(&catalog)
        .unwrap_err();
    let problems: Vec<&sms_templates::Problem> =
        err.problems().iter().collect();
    assert_eq!(problems.len(), 2, "{err}");
    let unknown_scopes = err
        .into_iter()
        .filter(|p| {
            matches!(p.kind(), sms_templates::ProblemKind::UnknownScope { .. })
        })
        .count();
    assert_eq!(unknown_scopes, 1, "{err}");
    assert!(err.to_string().starts_with("invalid template: 2 problems:"));
}

#[test]
fn business_hours_as_a_dependant_uses_it() {
    round_trip(Mode::ALL);
    let config = ScheduleConfig::new("Europe/Warsaw")
        .range(
            Weekday::Mon,
            TimeRange::working(
                Clock::new(9, 0).unwrap(),
                Clock::new(17, 0).unwrap(),
            ),
        )
        .exception(Exception::closed(
            NaiveDate::from_ymd_opt(2026, 12, 28).unwrap(),
        ));
    let schedule = Schedule::new(config).unwrap();
    // Monday 2026-12-21 08:00 UTC is 09:00 in Warsaw.
    let t = Utc.with_ymd_and_hms(2026, 12, 21, 8, 0, 0).unwrap();
    let state = schedule.at(t);
    assert_eq!(state.interval(), WORKING_TIME);
    round_trip([state.source()]);
    let v = json(&state);
    assert!(v.is_object(), "{v}");
    // The send-window question, answered without a loop in the host.
    let sunday = Utc.with_ymd_and_hms(2026, 12, 27, 12, 0, 0).unwrap();
    let next = schedule.next_allowed(&[WORKING_TIME], sunday).unwrap();
    // Monday the 28th is closed: the next working time is Monday 4 January.
    assert_eq!(
        next.start(),
        Utc.with_ymd_and_hms(2027, 1, 4, 8, 0, 0).unwrap()
    );
    json(&next);

    let err =
        Schedule::from_json(r#"{"time_zone": "Europe/Warsw"}"#).unwrap_err();
    let zones: Vec<&str> = err
        .into_iter()
        .filter(|p| {
            matches!(
                p.kind(),
                business_hours::ProblemKind::UnknownTimeZone { .. }
            )
        })
        .map(|p| p.path())
        .collect();
    assert_eq!(zones, ["time_zone"], "{err}");
    assert!(err.to_string().contains("Europe/Warsaw"), "{err}");
}

#[test]
fn post_call_rules_as_a_dependant_uses_it() {
    round_trip(Direction::ALL);
    round_trip(CallStatus::ALL);
    round_trip([LineType::Mobile, LineType::FixedLine]);
    round_trip([HitPolicy::FirstMatch, HitPolicy::AllMatches]);

    let rule = Rule::new("thanks", Sender::Random, "Thank you for calling")
        .when(Conditions::default().status(vec![CallStatus::Answered]))
        .delay_secs(60);
    let set = RuleSet::default()
        .account(
            Account::default()
                .calling_code(Some(48))
                .mobile_numbers(vec!["+48600100200".into()]),
        )
        .rules(vec![rule]);
    let rules = set.compile().unwrap();
    let end = Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap();
    let call = CallRecord::new(
        Direction::Incoming,
        "+48601234567",
        "+48221234567",
        CallStatus::Answered,
        end,
    );
    let numbers = |n: &str| {
        let line = if n.starts_with("+486") {
            LineType::Mobile
        } else {
            LineType::FixedLine
        };
        NumberDetails::new(line, Some(48), Region::new("PL"))
    };
    let eval = rules.evaluate(&call, &Host::new(&numbers));
    let d = &eval.decisions()[0];
    let at = match d.outcome() {
        RuleOutcome::Send(send) => send.at(),
        _ => panic!("{:?}", d.outcome()),
    };
    assert_eq!(at, end + chrono::Duration::seconds(60));
    assert_eq!(json(d)["outcome"]["action"], "send");
    json(&eval);

    let err =
        RuleSet::from_json(r#"{"rules": [{"name": "x", "sender": {}}]}"#)
            .unwrap_err();
    let p: &post_call_rules::Problem = &err.problems()[0];
    assert!(p.path().starts_with("rules[0]"), "{err}");
}

#[test]
fn call_scenario_as_a_dependant_uses_it() {
    round_trip(Key::ALL.iter().copied());
    round_trip(Step::ALL.iter().copied());
    round_trip([Distribution::AllAtOnce, Distribution::InTurn(Step::S10)]);
    round_trip([Severity::Error, Severity::Warning]);

    let settings = Settings::new("Main").with_scenario(
        "Working time",
        Node::new(NodeKind::Message(Prompt::text("We are open 9 to 5"))),
    );
    let number = Number::builder()
        .limits(call_scenario::Limits::default().with_max_steps(100))
        .build(settings)
        .unwrap();
    let sim = simulate(&number, "Working time", Facts::new(), &[Cue::Played])
        .unwrap();
    let outcome = sim.call().outcome().unwrap();
    let words = match outcome {
        CallOutcome::HungUp => "hung up".to_string(),
        other => other.to_string(),
    };
    assert!(!words.is_empty());
    json(outcome);
    json(sim.call().trail());

    let plan = RingPlan::new(
        &[Member::new("anna", true)],
        Distribution::AllAtOnce,
        DepartmentWait::S20,
    );
    json(&plan);

    let err =
        Settings::from_json(r#"{"name": "x", "scenarios": 1}"#).unwrap_err();
    let p: &call_scenario::Problem = &err.problems()[0];
    let _ = (p.path(), p.severity(), p.kind());
}

/// The names each crate exports at its root, read from its `lib.rs`
/// (`pub use` lists, and items declared there directly).
fn exported_names(folder: &str) -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../crates")
        .join(folder)
        .join("src/lib.rs");
    let src = std::fs::read_to_string(&path).unwrap();
    let mut names = Vec::new();
    let mut rest = src.as_str();
    while let Some(i) = rest.find("\npub use ") {
        let after = &rest[i + 9..];
        let end = after.find(';').unwrap();
        let stmt = &after[..end];
        let list = match stmt.find('{') {
            Some(open) => &stmt[open + 1..stmt.rfind('}').unwrap()],
            None => stmt.rsplit("::").next().unwrap(),
        };
        for name in list.split(',') {
            let name = name.trim();
            let name = name.rsplit(" as ").next().unwrap().trim();
            if !name.is_empty() && name != "self" {
                names.push(name.to_string());
            }
        }
        rest = &after[end..];
    }
    for line in src.lines() {
        for kw in [
            "pub fn ",
            "pub struct ",
            "pub enum ",
            "pub trait ",
            "pub const ",
            "pub type ",
        ] {
            if let Some(item) = line.strip_prefix(kw) {
                let name: String = item
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                names.push(name);
            }
        }
    }
    names
}

/// Only the deliberately shared names appear in more than one crate's root,
/// so glob-importing all five never makes another name ambiguous; and no
/// crate exports a name of the std prelude.
#[test]
fn no_two_crates_export_the_same_name_for_different_things() {
    let crates = [
        "sms-encoding",
        "sms-templates",
        "post-call-rules",
        "call-scenario",
        "schedule",
    ];
    let shared = ["Error", "Problem", "ProblemKind", "Limits"];
    let prelude = [
        "Copy",
        "Clone",
        "Send",
        "Sync",
        "Sized",
        "Unpin",
        "Drop",
        "Fn",
        "FnMut",
        "FnOnce",
        "Box",
        "ToOwned",
        "ToString",
        "String",
        "Vec",
        "Option",
        "Some",
        "None",
        "Result",
        "Ok",
        "Err",
        "Default",
        "Eq",
        "PartialEq",
        "Ord",
        "PartialOrd",
        "Iterator",
        "IntoIterator",
        "Extend",
        "From",
        "Into",
        "TryFrom",
        "TryInto",
        "AsRef",
        "AsMut",
        "FromIterator",
        "DoubleEndedIterator",
        "ExactSizeIterator",
    ];
    let mut seen: std::collections::BTreeMap<String, Vec<&str>> =
        Default::default();
    for c in crates {
        let names = exported_names(c);
        assert!(names.len() > 5, "{c}: {names:?}");
        for n in names {
            assert!(
                !prelude.contains(&n.as_str()),
                "{c} exports {n}, a prelude name"
            );
            let owners = seen.entry(n).or_default();
            if !owners.contains(&c) {
                owners.push(c);
            }
        }
    }
    let clashes: Vec<String> = seen
        .iter()
        .filter(|(n, owners)| {
            owners.len() > 1 && !shared.contains(&n.as_str())
        })
        .map(|(n, owners)| format!("{n} in {}", owners.join(" and ")))
        .collect();
    assert!(clashes.is_empty(), "names exported by two crates: {clashes:?}");
}
