//! The `scenario` target: arbitrary settings and event streams for
//! `call-scenario`.

use call_scenario::{
    paths, Action, Call, CallOutcome, DepartmentWait, Directory, DirectoryId,
    Distribution, EndedLeg, Event, Facts, InvalidKey, Key, LegEnding, Limits,
    Logged, Member, Node, NodeKind, Number, NumberBuilder, PathEnd,
    PathOptions, ProblemKind, Remap, RingPlan, RingTarget, Settings, Severity,
    Simulation, Step, Timing,
};

const MAX_STEPS: u32 = 200;

/// Settings JSON up to the first zero byte, then event bytes: reading and
/// checking never panic and name a path for every problem; valid settings
/// read back equal and copy unchanged but for the name; a copy with a
/// remap and a directory from the bytes changes exactly the references
/// a model of the copy finds, reports exactly the dangling ones and
/// agrees with the directory's check; in every interval a simulated call
/// driven by the bytes (then moved on by a host that lets timers fire,
/// playbacks end and recordings finish) ends within the step limit, never
/// rings an unavailable employee, never cancels what is not running,
/// leaves nothing running and ends with the outcome its log implies; a
/// call driven by `Call::step` directly is deterministic, ignores timers
/// and legs not running and anything after its end, and ends as the
/// model reads its events and actions; path enumeration never flags a
/// path. The last bytes also build a ring plan, checked against a model
/// of each distribution with `ended` and `answered`.
pub fn check_scenario(data: &[u8]) {
    let cut = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (json, events) = data.split_at(cut);
    let events = events.get(1..).unwrap_or_default();
    check_ring_plan(&data[data.len().saturating_sub(12)..]);
    let Ok(json) = std::str::from_utf8(json) else { return };
    let settings = match Settings::from_json(json) {
        Ok(s) => s,
        Err(e) => {
            assert!(!e.problems().is_empty());
            // The one-pass check of the text reports at least every place
            // reading reports: fixing one problem never reveals another
            // that reading already knew.
            let all = NumberBuilder::new().check_json(json);
            for p in e.problems() {
                assert!(
                    all.iter().any(|q| q.path() == p.path()),
                    "check_json misses {p}"
                );
            }
            return;
        }
    };
    match Settings::from_json(&settings.to_json()) {
        Ok(back) => assert_eq!(back, settings, "settings do not read back"),
        Err(e) => panic!("written settings do not read: {e}"),
    }
    let copy = settings.copy_to("copy", &Remap::default(), None);
    let mut renamed = settings.clone();
    renamed.name = "copy".into();
    assert_eq!(copy.settings(), &renamed);
    check_copy(&settings, events.get(1..).unwrap_or_default());
    // What a key the menu does not offer does: each setting in turn.
    let invalid_key = match events.first().copied().unwrap_or(0) >> 4 & 3 {
        0 => InvalidKey::Retry,
        1 => InvalidKey::Replay,
        _ => InvalidKey::NothingSelected,
    };
    let number = match Number::builder()
        .limits(Limits::default().with_max_steps(MAX_STEPS))
        .timing(Timing::default().with_invalid_key(invalid_key))
        .build(settings)
    {
        Ok(n) => n,
        Err(e) => {
            assert!(e
                .problems()
                .iter()
                .any(|p| p.severity() == Severity::Error));
            return;
        }
    };
    let flags = events.first().copied().unwrap_or(0);
    let people = ["anna", "boris", "vera", "gleb"];
    let mut facts = Facts::default();
    for (i, p) in people.iter().enumerate() {
        if flags >> i & 1 == 1 {
            facts.unavailable.insert(p.to_string());
        }
    }
    for d in ["sales", "support"] {
        facts
            .departments
            .insert(d.into(), people.iter().map(|p| p.to_string()).collect());
    }
    facts.extensions.insert("101".into(), "anna".into());
    facts.extensions.insert("2".into(), "boris".into());
    let intervals: Vec<String> =
        number.intervals().map(str::to_string).collect();
    for interval in &intervals {
        run_call(&number, interval, &facts, events);
        drive_call(&number, interval, &facts, events);
        let options = PathOptions::default().with_depth(4).with_max_paths(200);
        match paths(&number, interval, &facts, options) {
            Ok(p) => {
                assert_eq!(p.flagged().count(), 0);
                assert!(p
                    .paths()
                    .iter()
                    .all(|p| *p.end() != PathEnd::NoTerminal));
            }
            Err(e) => panic!("paths failed: {e}"),
        }
    }
}

fn run_call(number: &Number, interval: &str, facts: &Facts, events: &[u8]) {
    let mut sim = match Simulation::start(number, interval, facts.clone()) {
        Ok(s) => s,
        Err(e) => panic!("start failed: {e}"),
    };
    for pair in events.chunks(2).skip(1) {
        if sim.call().is_ended() {
            break;
        }
        let (b, c) = (pair[0], pair.get(1).copied().unwrap_or(0));
        let leg = sim
            .legs()
            .get(usize::from(c) % sim.legs().len().max(1))
            .map_or(77, |l| l.0);
        let event = match b % 9 {
            0 => Event::PlaybackFinished {
                playback: sim.playback().unwrap_or(99),
            },
            1 | 2 => Event::Digit { key: Key::ALL[usize::from(c) % 12] },
            3 => match sim.timers().min_by_key(|t| (t.1, t.0)) {
                Some((timer, _)) => Event::TimerFired { timer },
                None => Event::TimerFired { timer: u32::from(c) },
            },
            4 => Event::LegAnswered { leg },
            5 => match c % 3 {
                0 => Event::LegBusy { leg },
                1 => Event::LegNotAnswered { leg },
                _ => Event::LegFailed { leg },
            },
            6 => Event::VoicemailFinished { recording: "v".into() },
            7 => Event::FaxFinished { document: "f".into() },
            _ if c == 255 => Event::CallerHungUp,
            _ => Event::TimerFired { timer: u32::from(c) },
        };
        if let Err(e) = sim.send(event) {
            panic!("step failed: {e}");
        }
    }
    let mut fed = 0;
    while !sim.call().is_ended() {
        fed += 1;
        assert!(fed <= MAX_STEPS, "no end after {fed} events");
        let event = if let Some(playback) = sim.playback() {
            Event::PlaybackFinished { playback }
        } else if let Some((timer, _)) =
            sim.timers().min_by_key(|t| (t.1, t.0))
        {
            Event::TimerFired { timer }
        } else if fed % 2 == 0 {
            Event::VoicemailFinished { recording: "v".into() }
        } else {
            Event::FaxFinished { document: "f".into() }
        };
        if let Err(e) = sim.send(event) {
            panic!("step failed: {e}");
        }
    }
    assert!(sim.call().steps() <= MAX_STEPS);
    assert_eq!(sim.violations(), Vec::<String>::new());
    // The outcome follows from the log: the model replays its events and
    // actions.
    let mut steps: Vec<(Option<Event>, Vec<Action>)> = vec![(None, vec![])];
    for entry in sim.log() {
        match entry.entry() {
            Logged::Event(e) => steps.push((Some(e.clone()), Vec::new())),
            Logged::Action(a) => {
                if let Some(s) = steps.last_mut() {
                    s.1.push(a.clone());
                }
            }
            _ => {}
        }
    }
    let mut host = Host::default();
    let mut expected = None;
    for (event, actions) in &steps {
        if let Some(e) = event {
            host.consume(e);
        }
        host.apply(actions);
        if expected.is_none() {
            expected = expected_outcome(event.as_ref(), actions, &host);
        }
    }
    check_outcome(sim.call(), &expected);
}

/// The ring plan against a model written from its documentation: the
/// legs of each distribution, `ended` and `answered`.
fn check_ring_plan(bytes: &[u8]) {
    let byte = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let names = ["anna", "boris", "vera"];
    let n = usize::from(byte(0) % 7);
    let members: Vec<Member> = (0..n)
        .map(|i| {
            let b = byte(1 + i);
            Member::new(names[usize::from(b >> 1) % 3], b & 1 == 0)
        })
        .collect();
    let step = Step::ALL[usize::from(byte(7)) % Step::ALL.len()];
    let distribution = match byte(8) % 3 {
        0 => Distribution::AllAtOnce,
        1 => Distribution::InTurn(step),
        _ => Distribution::Cumulative(step),
    };
    let wait =
        DepartmentWait::ALL[usize::from(byte(9)) % DepartmentWait::ALL.len()];
    let plan = RingPlan::new(&members, distribution, wait);

    // The model: (member, from, to), by start, then member order.
    let available: Vec<usize> =
        (0..n).filter(|&i| members[i].available).collect();
    let (w, s) = (wait.seconds(), step.seconds());
    let mut legs: Vec<(usize, u32, u32)> = Vec::new();
    match distribution {
        _ if available.is_empty() => {}
        Distribution::AllAtOnce => {
            legs.extend(available.iter().map(|&m| (m, 0, w)))
        }
        Distribution::InTurn(_) if available.len() == 1 => {
            legs.push((available[0], 0, w))
        }
        Distribution::InTurn(_) => {
            let mut k = 0;
            while k * s < w {
                let m = available[k as usize % available.len()];
                legs.push((m, k * s, ((k + 1) * s).min(w)));
                k += 1;
            }
        }
        Distribution::Cumulative(_) => {
            for (i, &m) in available.iter().enumerate() {
                let from = i as u32 * s;
                if from < w {
                    legs.push((m, from, w));
                }
            }
        }
        _ => return,
    }
    legs.sort_by_key(|&(m, from, _)| (from, m));
    let got: Vec<(usize, u32, u32)> =
        plan.legs().iter().map(|l| (l.member(), l.from(), l.to())).collect();
    assert_eq!(got, legs, "ring plan legs for {distribution:?} {wait:?}");
    for l in plan.legs() {
        assert_eq!(l.employee(), members[l.member()].employee);
    }
    let ends_at = if available.is_empty() { 0 } else { w };
    assert_eq!(plan.ends_at(), ends_at);

    let unavailable: Vec<(usize, u32, u32, LegEnding)> = (0..n)
        .filter(|&i| !members[i].available)
        .map(|i| (i, 0, 0, LegEnding::Unavailable))
        .collect();
    let ended = |answer: Option<(usize, u32)>| {
        let mut out = Vec::new();
        for &(m, from, to) in &legs {
            out.push(match answer {
                Some((_, at)) if from > at => continue,
                Some((a, at)) if to > at && m == a => {
                    (m, from, at, LegEnding::Answered)
                }
                Some((_, at)) if to > at => {
                    (m, from, at, LegEnding::CancelledByAnswer)
                }
                _ if to >= ends_at => (m, from, to, LegEnding::WaitExpired),
                _ => (m, from, to, LegEnding::StepPassedOn),
            });
        }
        out.extend(unavailable.iter().copied());
        out
    };
    let view = |legs: Vec<EndedLeg>| -> Vec<(usize, u32, u32, LegEnding)> {
        legs.iter()
            .map(|l| {
                assert_eq!(l.employee(), members[l.member()].employee);
                (l.member(), l.from(), l.to(), l.ending())
            })
            .collect()
    };
    assert_eq!(view(plan.ended()), ended(None));
    let member = usize::from(byte(10)) % (n + 1);
    let at = u32::from(byte(11)) % (w + 2);
    let ringing =
        legs.iter().any(|&(m, f, t)| m == member && f <= at && at < t);
    match plan.answered(member, at) {
        Some(got) => {
            assert!(ringing, "answered by {member} at {at}, not ringing");
            assert_eq!(view(got), ended(Some((member, at))));
        }
        None => assert!(!ringing, "{member} rings at {at}: no answer"),
    }
    let ringing_at: Vec<usize> =
        plan.ringing_at(at).map(|l| l.member()).collect();
    let model: Vec<usize> = legs
        .iter()
        .filter(|&&(_, f, t)| f <= at && at < t)
        .map(|l| l.0)
        .collect();
    assert_eq!(ringing_at, model);
}

/// What a host knows from the actions it was given: what is running.
#[derive(Default)]
struct Host {
    timers: Vec<u32>,
    legs: Vec<(u32, RingTarget)>,
    /// Every leg ever rung, with its target.
    rung: Vec<(u32, RingTarget)>,
    playback: Option<u32>,
}

impl Host {
    fn apply(&mut self, actions: &[Action]) {
        for a in actions {
            match a {
                Action::Play { playback, .. } => {
                    self.playback = Some(*playback)
                }
                Action::StopPlayback { .. } => self.playback = None,
                Action::StartTimer { timer, .. } => self.timers.push(*timer),
                Action::CancelTimer { timer } => {
                    self.timers.retain(|t| t != timer)
                }
                Action::Ring { leg, target } => {
                    self.legs.push((*leg, target.clone()));
                    self.rung.push((*leg, target.clone()));
                }
                Action::CancelLeg { leg } | Action::Bridge { leg } => {
                    self.legs.retain(|l| l.0 != *leg)
                }
                _ => {}
            }
        }
    }

    /// Whether `event` refers to something running (a timer or leg); the
    /// engine must do nothing for one that does not.
    fn refers_to_running(&self, event: &Event) -> bool {
        let leg = |l: &u32| self.legs.iter().any(|x| x.0 == *l);
        match event {
            Event::TimerFired { timer } => self.timers.contains(timer),
            Event::LegAnswered { leg: l }
            | Event::LegBusy { leg: l }
            | Event::LegNotAnswered { leg: l }
            | Event::LegFailed { leg: l } => leg(l),
            _ => true,
        }
    }

    fn consume(&mut self, event: &Event) {
        match event {
            Event::TimerFired { timer } => self.timers.retain(|t| t != timer),
            Event::PlaybackFinished { playback }
                if self.playback == Some(*playback) =>
            {
                self.playback = None
            }
            Event::LegBusy { leg }
            | Event::LegNotAnswered { leg }
            | Event::LegFailed { leg } => self.legs.retain(|l| l.0 != *leg),
            _ => {}
        }
    }
}

/// The outcome the model expects after a step that took `event` (none at
/// the start) and gave `actions`, on a call not ended before it: `None`
/// while the call goes on.
fn expected_outcome(
    event: Option<&Event>,
    actions: &[Action],
    host: &Host,
) -> Option<Vec<CallOutcome>> {
    if let Some(Event::CallerHungUp) = event {
        return Some(vec![CallOutcome::CallerHungUp]);
    }
    for a in actions {
        if let Action::Bridge { leg } = a {
            assert_eq!(
                event,
                Some(&Event::LegAnswered { leg: *leg }),
                "a bridge without that leg answering"
            );
            let target =
                host.rung.iter().find(|l| l.0 == *leg).map(|l| l.1.clone());
            let target = target.expect("a bridged leg was rung");
            return Some(vec![CallOutcome::Bridged { leg: *leg, target }]);
        }
    }
    if actions.contains(&Action::HangUp) {
        return Some(vec![CallOutcome::HungUp, CallOutcome::StepLimit]);
    }
    None
}

/// Drives `Call::start` and `Call::step` directly with events from the
/// bytes: the engine is deterministic (a clone fed the same event gives
/// the same actions), does nothing for a timer or leg not running or
/// after the end, and the call's outcome follows from its events and
/// actions as the model reads them.
fn drive_call(number: &Number, interval: &str, facts: &Facts, events: &[u8]) {
    let (mut call, actions) =
        match Call::start(number, interval, facts.clone()) {
            Ok(c) => c,
            Err(e) => panic!("start failed: {e}"),
        };
    let mut host = Host::default();
    host.apply(&actions);
    let mut expected = expected_outcome(None, &actions, &host);
    check_outcome(&call, &expected);
    for pair in events.chunks(2).skip(1).take(64) {
        let (b, c) = (pair[0], pair.get(1).copied().unwrap_or(0));
        let pick =
            |ids: &[u32]| ids.get(usize::from(c) % ids.len().max(1)).copied();
        let legs: Vec<u32> = host.legs.iter().map(|l| l.0).collect();
        let leg = pick(&legs).unwrap_or(u32::from(c));
        let event = match b % 8 {
            0 => Event::PlaybackFinished {
                playback: host.playback.unwrap_or(u32::from(c)),
            },
            1 | 2 => {
                Event::Digit { key: Key::ALL[usize::from(c) % Key::ALL.len()] }
            }
            3 => Event::TimerFired {
                timer: pick(&host.timers).unwrap_or(u32::from(c)),
            },
            4 => Event::LegAnswered { leg },
            5 => match c % 3 {
                0 => Event::LegBusy { leg },
                1 => Event::LegNotAnswered { leg },
                _ => Event::LegFailed { leg },
            },
            6 => match c % 3 {
                0 => Event::VoicemailFinished { recording: "v".into() },
                1 => Event::FaxFinished { document: "f".into() },
                _ => Event::CallerHungUp,
            },
            _ => Event::TimerFired { timer: u32::from(c) },
        };
        let before = call.clone();
        let prior = call.outcome().cloned();
        let ended = call.is_ended();
        let running = host.refers_to_running(&event);
        let actions = match call.step(number, event.clone()) {
            Ok(a) => a,
            Err(e) => panic!("step failed: {e}"),
        };
        let mut again = before;
        assert_eq!(
            again.step(number, event.clone()).ok().as_deref(),
            Some(&actions[..])
        );
        assert_eq!(again, call, "the same event on the same call differs");
        if ended || !running {
            assert!(
                actions.is_empty(),
                "{event:?} (ended {ended}) gave {actions:?}"
            );
            assert_eq!(call.outcome().cloned(), prior);
            continue;
        }
        host.consume(&event);
        host.apply(&actions);
        if expected.is_none() {
            expected = expected_outcome(Some(&event), &actions, &host);
        }
        check_outcome(&call, &expected);
    }
}

fn check_outcome(call: &Call, expected: &Option<Vec<CallOutcome>>) {
    match (call.outcome(), expected) {
        (None, None) => assert!(!call.is_ended()),
        (Some(o), Some(e)) => {
            assert!(call.is_ended());
            assert!(e.contains(o), "outcome {o:?}, the model says {e:?}");
        }
        (o, e) => panic!("outcome {o:?}, the model says {e:?}"),
    }
}

/// Every employee and department reference of `settings`, with its path,
/// in a walk of the model's own.
fn references(settings: &Settings) -> Vec<(String, DirectoryId)> {
    let mut stack: Vec<(String, &Node)> = Vec::new();
    for (name, node) in &settings.nodes {
        stack.push((format!("nodes[{name:?}]"), node));
    }
    for (name, node) in &settings.scenarios {
        stack.push((format!("scenarios[{name:?}]"), node));
    }
    let mut out = Vec::new();
    while let Some((path, node)) = stack.pop() {
        let kind = format!("{path}.{}", node.kind().name());
        match node.kind() {
            NodeKind::ForwardToEmployee(f) => out.push((
                format!("{kind}.employee"),
                DirectoryId::Employee(f.employee.clone()),
            )),
            NodeKind::ForwardToDepartment(f) => out.push((
                format!("{kind}.department"),
                DirectoryId::Department(f.department.clone()),
            )),
            NodeKind::Voicemail(m) | NodeKind::Fax(m) => {
                for (i, r) in m.send_to.iter().enumerate() {
                    let field = match r {
                        DirectoryId::Employee(_) => "employee",
                        _ => "department",
                    };
                    out.push((
                        format!("{kind}.send_to[{i}].{field}"),
                        r.clone(),
                    ));
                }
            }
            NodeKind::Menu(m) => {
                for (k, child) in &m.keys {
                    if let Some(child) = child {
                        stack.push((
                            format!("{path}.menu.keys[{:?}]", k.as_str()),
                            child,
                        ));
                    }
                }
                if let Some(child) = &m.nothing_selected {
                    stack.push((
                        format!("{path}.menu.nothing_selected"),
                        child,
                    ));
                }
            }
            _ => {}
        }
        if let Some(next) = node.next() {
            stack.push((format!("{path}.then"), next));
        }
    }
    out.sort();
    out
}

/// `copy_to` with a remap and maybe a directory from the bytes, against
/// the model: every reference remapped where the remap names it, the
/// dangling ones exactly those the model finds, nothing else changed;
/// the directory's check of the copy reports exactly the dangling paths.
fn check_copy(settings: &Settings, bytes: &[u8]) {
    let byte = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let people = ["anna", "boris", "vera", "gleb", "dina"];
    let departments = ["sales", "support"];
    let mut remap = Remap::new();
    for (i, p) in people.iter().enumerate() {
        match byte(0).wrapping_add(byte(1)) >> i & 1 {
            1 if byte(2) >> i & 1 == 1 => {
                remap = remap.with_employee(*p, format!("{p}.spb"))
            }
            1 => {
                remap = remap.with_employee(*p, people[(i + 1) % people.len()])
            }
            _ => {}
        }
    }
    for (i, d) in departments.iter().enumerate() {
        if byte(3) >> i & 1 == 1 {
            remap = remap.with_department(*d, departments[(i + 1) % 2]);
        }
    }
    let directory = (byte(4) & 1 == 1).then(|| {
        let employees: Vec<String> = people
            .iter()
            .enumerate()
            .filter(|(i, _)| byte(5) >> i & 1 == 1)
            .map(|(_, p)| p.to_string())
            .chain(["anna.spb".to_string(), "vera.spb".to_string()])
            .collect();
        let deps = departments
            .iter()
            .enumerate()
            .filter(|(i, _)| byte(6) >> i & 1 == 1);
        Directory::new(employees, deps.map(|(_, d)| *d))
    });
    let copy = settings.copy_to("copy", &remap, directory.as_ref());
    let mut expected_refs = Vec::new();
    let mut expected_dangling = Vec::new();
    for (path, r) in references(settings) {
        let (map, known) = match &r {
            DirectoryId::Employee(_) => {
                (&remap.employees, directory.as_ref().map(|d| &d.employees))
            }
            _ => (
                &remap.departments,
                directory.as_ref().map(|d| &d.departments),
            ),
        };
        let (id, rebuild): (&String, fn(String) -> DirectoryId) = match &r {
            DirectoryId::Employee(id) => (id, DirectoryId::Employee),
            DirectoryId::Department(id) => (id, DirectoryId::Department),
            _ => return,
        };
        let new = map.get(id).cloned();
        let ok = match known {
            Some(k) => k.contains(new.as_ref().unwrap_or(id)),
            None => new.is_some(),
        };
        let new = rebuild(new.unwrap_or_else(|| id.clone()));
        if !ok {
            expected_dangling.push((path.clone(), new.clone()));
        }
        expected_refs.push((path, new));
    }
    expected_refs.sort();
    expected_dangling.sort();
    assert_eq!(references(copy.settings()), expected_refs);
    let mut dangling: Vec<(String, DirectoryId)> = copy
        .dangling()
        .iter()
        .map(|d| (d.path().to_string(), d.reference().clone()))
        .collect();
    dangling.sort();
    assert_eq!(dangling, expected_dangling);
    assert_eq!(copy.settings().name, "copy");
    assert_eq!(copy.settings().scenarios.len(), settings.scenarios.len());
    if let Some(directory) = &directory {
        let problems = NumberBuilder::new()
            .directory(directory.clone())
            .check(copy.settings());
        let mut unknown: Vec<&str> = problems
            .iter()
            .filter(|p| {
                matches!(
                    p.kind(),
                    ProblemKind::UnknownEmployee { .. }
                        | ProblemKind::UnknownDepartment { .. }
                )
            })
            .map(|p| p.path())
            .collect();
        unknown.sort();
        unknown.dedup();
        let mut paths: Vec<&str> =
            dangling.iter().map(|d| d.0.as_str()).collect();
        paths.dedup();
        assert_eq!(unknown, paths, "the check and the copy disagree");
    }
}
