//! Invariants over random valid settings and random event streams:
//! settings read back equal; every call ends within the step limit, never
//! panics, never rings an unavailable employee, never cancels what is not
//! running, and leaves no timer or leg running at the end; ring plans
//! never ring an unavailable member and keep to their distribution, and
//! the engine rings a department exactly by its plan.

use call_scenario::{
    Action, Cue, DepartmentWait, DirectoryId, Distribution, Event, Facts,
    ForwardToDepartment, ForwardToEmployee, ForwardToNumber, ForwardWait, Key,
    Limits, Logged, Mailbox, Member, Menu, Node, NodeKind, Number, Prompt,
    RingPlan, Settings, Simulation, Step,
};
use proptest::prelude::*;

const PEOPLE: [&str; 5] = ["anna", "boris", "vera", "gleb", "dina"];
const DEPTS: [&str; 2] = ["sales", "support"];

fn prompt() -> impl Strategy<Value = Prompt> {
    prop_oneof![
        "[a-z ]{1,8}".prop_map(|t| Prompt::Text(format!("t{t}"))),
        "[a-z]{1,6}".prop_map(|a| Prompt::Audio(format!("{a}.mp3"))),
    ]
}

fn greeting() -> impl Strategy<Value = Option<Prompt>> {
    proptest::option::of(prompt())
}

fn distribution() -> impl Strategy<Value = Distribution> {
    let step = proptest::sample::select(Step::ALL);
    prop_oneof![
        Just(Distribution::AllAtOnce),
        step.clone().prop_map(Distribution::InTurn),
        step.prop_map(Distribution::Cumulative),
    ]
}

fn mailbox() -> impl Strategy<Value = Mailbox> {
    (
        greeting(),
        proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(&PEOPLE[..])
                    .prop_map(|p| DirectoryId::Employee(p.into())),
                proptest::sample::select(&DEPTS[..])
                    .prop_map(|d| DirectoryId::Department(d.into())),
            ],
            1..3,
        ),
        proptest::option::of(Just("office@example.com".to_string())),
    )
        .prop_map(|(greeting, send_to, external_email)| {
            let mut m = Mailbox::new();
            m.greeting = greeting;
            m.send_to = send_to;
            m.external_email = external_email;
            m
        })
}

/// Nodes that end a branch or continue with `then` given later.
fn leaf() -> impl Strategy<Value = NodeKind> {
    prop_oneof![
        prompt().prop_map(NodeKind::Message),
        (
            greeting(),
            "\\+7[0-9]{10}",
            proptest::sample::select(ForwardWait::ALL)
        )
            .prop_map(|(greeting, number, wait)| {
                let mut f = ForwardToNumber::new(number, wait);
                f.greeting = greeting;
                NodeKind::ForwardToNumber(f)
            }),
        (
            greeting(),
            proptest::sample::select(&PEOPLE[..]),
            proptest::sample::select(ForwardWait::ALL)
        )
            .prop_map(|(greeting, e, wait)| {
                let mut f = ForwardToEmployee::new(e, wait);
                f.greeting = greeting;
                NodeKind::ForwardToEmployee(f)
            }),
        (
            greeting(),
            proptest::sample::select(&DEPTS[..]),
            distribution(),
            proptest::sample::select(DepartmentWait::ALL)
        )
            .prop_map(|(greeting, d, distribution, wait)| {
                let mut f = ForwardToDepartment::new(d, distribution, wait);
                f.greeting = greeting;
                NodeKind::ForwardToDepartment(f)
            }),
        mailbox().prop_map(NodeKind::Voicemail),
        mailbox().prop_map(NodeKind::Fax),
        Just(NodeKind::GoTo("main".into())),
    ]
}

fn node() -> impl Strategy<Value = Node> {
    leaf().prop_map(Node::new).prop_recursive(4, 40, 4, |inner| {
        prop_oneof![
            (
                prompt(),
                proptest::collection::btree_map(
                    proptest::sample::select(Key::ALL),
                    inner.clone(),
                    0..4
                ),
                inner.clone(),
                any::<bool>(),
            )
                .prop_map(|(prompt, keys, nothing, ext)| {
                    let mut m = Menu::new(prompt)
                        .with_nothing_selected(nothing)
                        .with_extension_dialing(ext);
                    for (k, n) in keys {
                        m = m.with_key(k, n);
                    }
                    Node::new(NodeKind::Menu(m))
                }),
            (leaf(), inner).prop_map(|(kind, next)| {
                let n = Node::new(kind);
                if n.kind().can_continue() {
                    n.then(next)
                } else {
                    n
                }
            }),
        ]
    })
}

fn settings() -> impl Strategy<Value = Settings> {
    (node(), node(), prompt()).prop_map(|(work, off, p)| {
        // `main` is a menu, so every loop through it waits for input.
        let main = Menu::new(p)
            .with_key(
                Key::D1,
                Node::new(NodeKind::Message(Prompt::text("one"))),
            )
            .with_nothing_selected(Node::new(NodeKind::GoTo("main".into())))
            .with_extension_dialing(true);
        Settings::new("n")
            .with_scenario("Working time", work)
            .with_scenario("Non-working time", off)
            .with_node("main", Node::new(NodeKind::Menu(main)))
    })
}

fn facts() -> impl Strategy<Value = Facts> {
    (
        proptest::collection::btree_set(
            proptest::sample::select(&PEOPLE[..]),
            0..5,
        ),
        proptest::collection::vec(proptest::sample::select(&PEOPLE[..]), 0..5),
        proptest::collection::vec(proptest::sample::select(&PEOPLE[..]), 0..5),
        proptest::collection::btree_map(
            "[0-9]{1,3}",
            proptest::sample::select(&PEOPLE[..]),
            0..4,
        ),
    )
        .prop_map(|(unavailable, sales, support, ext)| {
            let mut facts = Facts::new()
                .with_department("sales", sales)
                .with_department("support", support);
            for u in unavailable {
                facts = facts.with_unavailable(u);
            }
            for (k, v) in ext {
                facts = facts.with_extension(k, v);
            }
            facts
        })
}

/// One event chosen by `b` among those that fit the call's state, or a
/// stale or stray one.
fn event(sim: &Simulation<'_>, b: u8, c: u8) -> Option<Event> {
    let legs = sim.legs();
    let pick_leg =
        || legs.get(usize::from(c) % legs.len().max(1)).map(|l| l.0);
    Some(match b % 9 {
        0 => {
            Event::PlaybackFinished { playback: sim.playback().unwrap_or(99) }
        }
        1 | 2 => {
            Event::Digit { key: Key::ALL[usize::from(c) % Key::ALL.len()] }
        }
        3 => return None, // the next timer, by the clock
        4 => Event::LegAnswered { leg: pick_leg().unwrap_or(77) },
        5 => match c % 3 {
            0 => Event::LegBusy { leg: pick_leg().unwrap_or(77) },
            1 => Event::LegNotAnswered { leg: pick_leg().unwrap_or(77) },
            _ => Event::LegFailed { leg: pick_leg().unwrap_or(77) },
        },
        6 => Event::VoicemailFinished { recording: "v.wav".into() },
        7 => Event::FaxFinished { document: "f.pdf".into() },
        _ if c == 255 => Event::CallerHungUp,
        _ => Event::TimerFired { timer: u32::from(c) },
    })
}

const MAX_STEPS: u32 = 300;

/// Puts values outside their sets (answer waits of 45 s, a distribution
/// that does not exist) and menu keys with no scenario into the settings
/// `doc`, as `picks` choose; returns the path of each.
fn inject(doc: &mut serde_json::Value, picks: &[u8]) -> Vec<String> {
    let mut want = Vec::new();
    let mut stack: Vec<(&mut serde_json::Value, String)> = Vec::new();
    let serde_json::Value::Object(root) = doc else { return want };
    for (map, nodes) in root.iter_mut() {
        if let Some(nodes) = nodes.as_object_mut() {
            for (name, node) in nodes.iter_mut() {
                stack.push((node, format!("{map}[{name:?}]")));
            }
        }
    }
    let mut i = 0;
    while let Some((node, path)) = stack.pop() {
        let pick = picks[i % picks.len()];
        i += 1;
        let Some(node) = node.as_object_mut() else { continue };
        for (kind, body) in node.iter_mut() {
            let at = format!("{path}.{kind}");
            match (kind.as_str(), pick % 4) {
                ("then", _) => stack.push((body, at)),
                (
                    "forward_to_employee"
                    | "forward_to_number"
                    | "forward_to_department",
                    0,
                ) => {
                    body["wait"] = "45s".into();
                    want.push(format!("{at}.wait"));
                }
                ("forward_to_department", 1) => {
                    body["distribution"] = "by_skill".into();
                    want.push(format!("{at}.distribution"));
                }
                ("menu", _) => {
                    let Some(menu) = body.as_object_mut() else { continue };
                    for (field, value) in menu.iter_mut() {
                        if field == "nothing_selected" {
                            stack.push((
                                value,
                                format!("{at}.nothing_selected"),
                            ));
                            continue;
                        }
                        if field != "keys" {
                            continue;
                        }
                        let keys = value.as_object_mut();
                        for (n, (key, branch)) in
                            keys.into_iter().flatten().enumerate()
                        {
                            let kp = format!("{at}.keys[{key:?}]");
                            if n == 0 && pick % 4 == 2 {
                                *branch = serde_json::Value::Null;
                                want.push(kp);
                            } else {
                                stack.push((branch, kp));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    want
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn settings_read_back_equal(s in settings()) {
        let json = s.to_json();
        // The writer without recursion writes what serde does.
        prop_assert_eq!(&json, &serde_json::to_string_pretty(&s).unwrap());
        let back = Settings::from_json(&json).unwrap();
        // Clone and equality without recursion agree with the tree.
        let copy = s.clone();
        prop_assert_eq!(&back, &s);
        prop_assert_eq!(&copy, &s);
        prop_assert_eq!(format!("{copy:?}"), format!("{s:?}"));
    }

    #[test]
    fn one_check_reports_every_injected_problem(
        s in settings(),
        picks in proptest::collection::vec(any::<u8>(), 1..16),
    ) {
        let mut doc: serde_json::Value =
            serde_json::from_str(&s.to_json()).unwrap();
        let want = inject(&mut doc, &picks);
        let problems = call_scenario::NumberBuilder::new()
            .check_json(&doc.to_string());
        for path in &want {
            prop_assert!(
                problems.iter().any(|p| p.path() == path
                    && p.severity() == call_scenario::Severity::Error),
                "{} not reported in {:#?}", path, problems
            );
        }
    }

    #[test]
    fn calls_end_cleanly(
        s in settings(),
        f in facts(),
        off in any::<bool>(),
        stream in proptest::collection::vec((any::<u8>(), any::<u8>()), 0..60),
    ) {
        let number = Number::builder()
            .limits(Limits::default().with_max_steps(MAX_STEPS))
            .build(s)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let interval = if off { "Non-working time" } else { "Working time" };
        let mut sim = Simulation::start(&number, interval, f).unwrap();
        for (b, c) in stream {
            if sim.call().is_ended() {
                break;
            }
            match event(&sim, b, c) {
                Some(e) => sim.send(e).unwrap(),
                None => {
                    let next = sim.timers().min_by_key(|t| (t.1, t.0));
                    if let Some((timer, due)) = next {
                        let _ = due;
                        sim.send(Event::TimerFired { timer }).unwrap();
                    }
                }
            }
        }
        // Then the host moves the call on: it must end within the limit.
        let mut fed = 0;
        while !sim.call().is_ended() {
            fed += 1;
            prop_assert!(fed <= MAX_STEPS, "no end after {} events", fed);
            if let Some(playback) = sim.playback() {
                sim.send(Event::PlaybackFinished { playback }).unwrap();
            } else if let Some((timer, _)) = sim.timers().min_by_key(|t| (t.1, t.0)) {
                sim.send(Event::TimerFired { timer }).unwrap();
            } else {
                sim.send(Event::VoicemailFinished { recording: "v".into() }).unwrap();
                if !sim.call().is_ended() {
                    sim.send(Event::FaxFinished { document: "f".into() }).unwrap();
                }
            }
        }
        prop_assert!(sim.call().steps() <= MAX_STEPS);
        prop_assert_eq!(sim.violations(), Vec::<String>::new());
    }

    /// `ring.rs` says a call in which nobody answers or reports busy
    /// follows the plan exactly: the engine's rings and cancels, read
    /// off the simulation log, are the plan's legs.
    #[test]
    fn engine_rings_departments_by_the_plan(
        avail in proptest::collection::vec(any::<bool>(), 0..8),
        d in distribution(),
        wait in proptest::sample::select(DepartmentWait::ALL),
    ) {
        let members: Vec<Member> = avail
            .iter()
            .enumerate()
            .map(|(i, &a)| Member::new(format!("m{i}"), a))
            .collect();
        let plan = RingPlan::new(&members, d, wait);
        let mut s = Settings::default();
        let forward = ForwardToDepartment::new("d", d, wait);
        s.scenarios.insert(
            "W".into(),
            Node::new(NodeKind::ForwardToDepartment(forward)).then(
                Node::new(NodeKind::Message(Prompt::Text("none".into()))),
            ),
        );
        let number = Number::new(s).unwrap();
        let mut facts = Facts::default();
        facts.departments.insert(
            "d".into(),
            members.iter().map(|m| m.employee.clone()).collect(),
        );
        facts.unavailable = members
            .iter()
            .filter(|m| !m.available)
            .map(|m| m.employee.clone())
            .collect();
        let mut sim = Simulation::start(&number, "W", facts).unwrap();
        // Timers fire until the "no answer" message plays.
        while sim.playback().is_none() {
            sim.apply(&Cue::Timeout).unwrap();
        }
        let mut legs: Vec<(u32, String, u32, Option<u32>)> = Vec::new();
        for e in sim.log() {
            match &e.entry() {
                Logged::Action(Action::Ring { leg, target }) => {
                    legs.push((*leg, target.id().to_string(), e.at(), None))
                }
                Logged::Action(Action::CancelLeg { leg }) => {
                    for l in legs.iter_mut().filter(|l| l.0 == *leg) {
                        prop_assert_eq!(l.3, None, "leg {} cancelled twice", leg);
                        l.3 = Some(e.at());
                    }
                }
                _ => {}
            }
        }
        let got: Vec<(String, u32, Option<u32>)> =
            legs.into_iter().map(|l| (l.1, l.2, l.3)).collect();
        let want: Vec<(String, u32, Option<u32>)> = plan
            .legs()
            .iter()
            .map(|l| (l.employee().to_string(), l.from(), Some(l.to())))
            .collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn ring_plans_keep_their_rules(
        avail in proptest::collection::vec(any::<bool>(), 0..8),
        d in distribution(),
        wait in proptest::sample::select(DepartmentWait::ALL),
    ) {
        let members: Vec<Member> = avail
            .iter()
            .enumerate()
            .map(|(i, &a)| Member::new(format!("m{i}"), a))
            .collect();
        let plan = RingPlan::new(&members, d, wait);
        let w = wait.seconds();
        let available: Vec<usize> =
            (0..members.len()).filter(|&i| avail[i]).collect();
        prop_assert_eq!(plan.legs().is_empty(), available.is_empty());
        for l in plan.legs() {
            prop_assert!(avail[l.member()], "rang unavailable member {}", l.member());
            prop_assert!(l.from() < l.to() && l.to() <= w);
        }
        match d {
            Distribution::AllAtOnce => {
                let got: Vec<usize> = plan.legs().iter().map(|l| l.member()).collect();
                prop_assert_eq!(got, available.clone());
            }
            Distribution::InTurn(step) => {
                // One at a time, back to back, in order with wrap-around.
                for (k, pair) in plan.legs().windows(2).enumerate() {
                    prop_assert_eq!(pair[0].to(), pair[1].from());
                    prop_assert_eq!(pair[1].from() % step.seconds(), 0);
                    let pos = |m| available.iter().position(|&x| x == m).unwrap();
                    prop_assert_eq!(
                        (pos(pair[0].member()) + 1) % available.len(),
                        pos(pair[1].member()),
                        "turn {}", k
                    );
                }
                if let Some(last) = plan.legs().last() {
                    prop_assert_eq!(last.to(), w);
                }
            }
            Distribution::Cumulative(step) => {
                for (k, l) in plan.legs().iter().enumerate() {
                    prop_assert_eq!(l.member(), available[k]);
                    prop_assert_eq!(l.from(), k as u32 * step.seconds());
                    prop_assert_eq!(l.to(), w);
                }
            }
            _ => unreachable!("the strategy makes only these"),
        }
    }
}
