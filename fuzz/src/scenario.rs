//! The `scenario` target: arbitrary settings and event streams for
//! `call-scenario`.

use call_scenario::{
    paths, Event, Facts, Key, Limits, Number, PathEnd, PathOptions, Remap,
    Settings, Severity, Simulation,
};

const MAX_STEPS: u32 = 200;

/// Settings JSON up to the first zero byte, then event bytes: reading and
/// checking never panic and name a path for every problem; valid settings
/// read back equal and copy unchanged but for the name; in every interval
/// a call driven by the bytes (then moved on by a host that lets timers
/// fire, playbacks end and recordings finish) ends within the step limit,
/// never rings an unavailable employee, never cancels what is not running
/// and leaves nothing running; path enumeration never flags a path.
pub fn check_scenario(data: &[u8]) {
    let cut = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (json, events) = data.split_at(cut);
    let events = events.get(1..).unwrap_or_default();
    let Ok(json) = std::str::from_utf8(json) else { return };
    let settings = match Settings::from_json(json) {
        Ok(s) => s,
        Err(e) => {
            assert!(!e.problems().is_empty());
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
    let number = match Number::builder()
        .limits(Limits::default().with_max_steps(MAX_STEPS))
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
}
