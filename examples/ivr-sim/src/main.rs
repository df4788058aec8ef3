//! `ivr-sim`: an incoming call through a number's scenario, on a virtual
//! clock, printing every event and action as it happens.
//!
//! ```text
//! ivr-sim [--facts FILE] [--script FILE] SETTINGS INTERVAL
//! ivr-sim [--facts FILE] --paths DEPTH SETTINGS INTERVAL
//! ```
//!
//! SETTINGS is a number's settings in the JSON form of `call-scenario`;
//! INTERVAL the schedule interval in force (as `"Working time"`; the
//! `schedule` crate can say which). FILE for `--facts` holds the call's
//! facts (departments, unavailable employees, extensions). With
//! `--script` the call follows a JSON list of cues (`"played"`,
//! `{"digits": "1"}`, `{"wait": 10}`, `"timeout"`, `{"answer": "anna"}`,
//! ...); without it, commands are read from standard input, one a line:
//!
//! ```text
//! 1, 101, *        keys pressed
//! played           what is playing finishes
//! timeout          time passes to the next timer
//! wait N           N seconds pass
//! answer [WHO]     a ringing leg answers (WHO: employee or number;
//! busy [WHO]       default the first leg ringing), is busy,
//! noanswer [WHO]   stops unanswered, or fails
//! fail [WHO]
//! recorded [FILE]  the voicemail recording ends
//! fax [FILE]       the fax is received
//! hangup           the caller hangs up
//! ```
//!
//! Each log line is `SECONDS  < event` or `SECONDS  > action`; at the end
//! the outcome and the caller's trail are printed. `--paths DEPTH` lists
//! every caller path up to DEPTH cues instead, and marks those that end
//! without a terminal action.
//!
//! Exit status: 0 when the call ended (or the paths were listed), 1 for
//! an unreadable or invalid file or a cue that cannot happen, 2 for a
//! usage error, 3 when the script or input ended with the call still
//! going.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use call_scenario::{
    paths, Cue, Facts, Number, PathEnd, PathOptions, Simulation,
};

const USAGE: &str = "\
Usage: ivr-sim [--facts FILE] [--script FILE] SETTINGS INTERVAL
       ivr-sim [--facts FILE] --paths DEPTH SETTINGS INTERVAL

Runs an incoming call through the scenario of INTERVAL in SETTINGS (a
number's settings, JSON), printing each event and action as it happens.
Without --script, reads commands from standard input: digits (1, 101, *),
played, timeout, wait N, answer|busy|noanswer|fail [WHO], recorded [FILE],
fax [FILE], hangup.
";

struct Args {
    facts: Option<String>,
    script: Option<String>,
    paths: Option<usize>,
    settings: String,
    interval: String,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let (mut facts, mut script, mut paths) = (None, None, None);
    let mut rest = Vec::new();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--facts" => {
                facts = Some(it.next().ok_or("--facts needs a file")?)
            }
            "--script" => {
                script = Some(it.next().ok_or("--script needs a file")?)
            }
            "--paths" => {
                let d = it.next().ok_or("--paths needs a depth")?;
                paths = Some(
                    d.parse()
                        .map_err(|_| format!("--paths: bad depth {d:?}"))?,
                );
            }
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with("--") => {
                return Err(format!("unknown option {s}"))
            }
            _ => rest.push(a),
        }
    }
    match <[String; 2]>::try_from(rest) {
        Ok([settings, interval]) => {
            Ok(Args { facts, script, paths, settings, interval })
        }
        Err(_) => Err("expected SETTINGS and INTERVAL".into()),
    }
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprint!("ivr-sim: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("ivr-sim: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(args: &Args) -> Result<ExitCode, String> {
    let number = Number::from_json(&read(&args.settings)?)
        .map_err(|e| format!("{}: {e}", args.settings))?;
    let facts: Facts = match &args.facts {
        Some(f) => {
            serde_json::from_str(&read(f)?).map_err(|e| format!("{f}: {e}"))?
        }
        None => Facts::default(),
    };
    let out = io::stdout();
    let mut out = out.lock();
    let w = |e: io::Error| e.to_string();
    for warning in number.warnings() {
        writeln!(out, "# {warning}").map_err(w)?;
    }
    if let Some(depth) = args.paths {
        let options = PathOptions::default().with_depth(depth);
        let found = paths(&number, &args.interval, &facts, options)
            .map_err(|e| e.to_string())?;
        for p in found.paths() {
            let cues: Vec<String> =
                p.cues().iter().map(|c| c.to_string()).collect();
            let end = match p.end() {
                PathEnd::Ended(o) => {
                    serde_json::to_string(o).unwrap_or_default()
                }
                PathEnd::DepthReached => "(depth reached)".into(),
                PathEnd::NoTerminal => "NO TERMINAL ACTION".into(),
                other => other.to_string(),
            };
            writeln!(out, "{}  =>  {end}", cues.join(", ")).map_err(w)?;
        }
        writeln!(
            out,
            "{} paths{}, {} without a terminal action",
            found.paths().len(),
            if found.is_complete() { "" } else { " (stopped at the limit)" },
            found.flagged().count()
        )
        .map_err(w)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut sim = Simulation::start(&number, &args.interval, facts)
        .map_err(|e| e.to_string())?;
    for e in sim.log() {
        writeln!(out, "{e}").map_err(w)?;
    }
    out.flush().map_err(w)?;
    match &args.script {
        Some(file) => {
            let cues: Vec<Cue> = serde_json::from_str(&read(file)?)
                .map_err(|e| format!("{file}: {e}"))?;
            for (i, cue) in cues.iter().enumerate() {
                let new = sim
                    .apply(cue)
                    .map_err(|e| format!("{file}: step {i} ({cue}): {e}"))?;
                for e in new {
                    writeln!(out, "{e}").map_err(w)?;
                }
            }
        }
        None => {
            let stdin = io::stdin();
            for line in stdin.lock().lines() {
                let line = line.map_err(|e| e.to_string())?;
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if line == "quit" {
                    break;
                }
                let cue = match command(line, &sim) {
                    Ok(c) => c,
                    Err(e) => {
                        writeln!(out, "? {e}").map_err(w)?;
                        continue;
                    }
                };
                match sim.apply(&cue) {
                    Ok(new) => {
                        for e in new {
                            writeln!(out, "{e}").map_err(w)?;
                        }
                    }
                    Err(e) => writeln!(out, "? {e}").map_err(w)?,
                }
                out.flush().map_err(w)?;
                if sim.call().is_ended() {
                    break;
                }
            }
        }
    }
    let call = sim.call();
    let outcome = match call.outcome() {
        Some(o) => serde_json::to_string(o).unwrap_or_default(),
        None => "still going".into(),
    };
    writeln!(out, "outcome: {outcome}").map_err(w)?;
    for v in call.trail() {
        match v.choice() {
            Some(c) => writeln!(
                out,
                "  {} -> {}",
                v.node(),
                serde_json::to_string(c).unwrap_or_default()
            ),
            None => writeln!(out, "  {}", v.node()),
        }
        .map_err(w)?;
    }
    Ok(if call.is_ended() { ExitCode::SUCCESS } else { ExitCode::from(3) })
}

/// A typed command as a cue.
fn command(line: &str, sim: &Simulation<'_>) -> Result<Cue, String> {
    let (word, arg) = match line.split_once(char::is_whitespace) {
        Some((w, a)) => (w, Some(a.trim().to_string())),
        None => (line, None),
    };
    let who = || -> Result<String, String> {
        match &arg {
            Some(a) => Ok(a.clone()),
            None => sim
                .legs()
                .first()
                .map(|(_, t)| t.id().to_string())
                .ok_or_else(|| "no leg is ringing".to_string()),
        }
    };
    Ok(match word {
        "played" => Cue::Played,
        "timeout" => Cue::Timeout,
        "wait" => {
            let a = arg.ok_or("wait needs seconds")?;
            Cue::Wait(a.parse().map_err(|_| format!("bad seconds {a:?}"))?)
        }
        "answer" => Cue::Answer(who()?),
        "busy" => Cue::Busy(who()?),
        "noanswer" => Cue::NoAnswer(who()?),
        "fail" => Cue::Fail(who()?),
        "recorded" => {
            Cue::Recorded(arg.unwrap_or_else(|| "voicemail.wav".into()))
        }
        "fax" => Cue::FaxReceived(arg.unwrap_or_else(|| "fax.pdf".into())),
        "hangup" => Cue::HangUp,
        d if d.chars().all(|c| c.is_ascii_digit() || c == '*' || c == '#') => {
            Cue::Digits(d.to_string())
        }
        other => return Err(format!("unknown command {other:?}")),
    })
}
