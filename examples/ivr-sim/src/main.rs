//! `ivr-sim`: an incoming call through a number's scenario, on a virtual
//! clock, printing every event and action as it happens.
//!
//! ```text
//! ivr-sim [OPTIONS] [--script FILE] SETTINGS [INTERVAL]
//! ivr-sim [OPTIONS] --paths DEPTH SETTINGS [INTERVAL]
//! ```
//!
//! SETTINGS is a number's settings in the JSON form of `call-scenario`;
//! INTERVAL the schedule interval in force (as `"Working time"`; the
//! `schedule` crate can say which), given last or with `--interval`.
//!
//! The directory and the moment of the call come from options (or a
//! `--facts FILE` holding the same as JSON): `--employees anna,boris`,
//! `--department sales=anna,boris,vera` (members in the order the
//! department rings them), `--unavailable boris`, `--extension 101=anna`.
//! When `--employees` or `--department` is given, every employee and
//! department the settings name must be one of those given (in any option
//! or the facts file). The platform's timing: `--no-input SECONDS`,
//! `--inter-digit SECONDS`, `--retries N`, `--invalid-key
//! retry|replay|nothing_selected`, `--extension-wait 10s|15s|20s|30s|1min`.
//!
//! With `--script` the call follows a JSON list of cues (`"played"`,
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
//! the outcome and the caller's trail (each node the call went through,
//! in words) are printed. `--paths DEPTH` lists every caller path up to
//! DEPTH cues instead, and marks those that end without a terminal
//! action. No line is wider than 100 columns: longer ones go on, indented,
//! on the next. A command that cannot be run is reported on standard
//! error and the call goes on.
//!
//! Exit status: 0 when the call ended (or the paths were listed, or the
//! output was closed early), 1 for an unreadable or invalid file, an
//! interval the settings have no scenario for, or a scripted cue that
//! cannot happen, 2 for a usage error (an unknown option, a missing or
//! malformed value), 3 when the script or input ended with the call
//! still going.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use call_scenario::{
    paths, Cue, Directory, Facts, ForwardWait, InvalidKey, Node, NodeKind,
    Number, PathEnd, PathOptions, Simulation, Timing, Visit,
};

const USAGE: &str = "\
Usage: ivr-sim [OPTIONS] [--script FILE] SETTINGS [INTERVAL]
       ivr-sim [OPTIONS] --paths DEPTH SETTINGS [INTERVAL]

Runs an incoming call through the scenario of INTERVAL in SETTINGS (a
number's settings, JSON), printing each event and action as it happens.
Without --script, reads commands from standard input: digits (1, 101, *),
played, timeout, wait N, answer|busy|noanswer|fail [WHO], recorded [FILE],
fax [FILE], hangup.

Options:
  --interval NAME           the interval in force (or give it last)
  --facts FILE              departments, unavailable employees, extensions (JSON)
  --employees ID,ID         employees of the directory
  --department ID=ID,ID     a department and its members, in ringing order
  --unavailable ID,ID       employees who must not be rung
  --extension DIGITS=ID     an internal extension and the employee it rings
  --no-input SECONDS        how long a menu waits for a key (default 5)
  --inter-digit SECONDS     how long it waits for the next digit (default 3)
  --retries N               how often a menu asks again (default 2)
  --invalid-key WHAT        retry, replay or nothing_selected (default retry)
  --extension-wait WAIT     10s, 15s, 20s, 30s or 1min (default 30s)
  --script FILE             the caller's cues (JSON list) instead of stdin
  --paths DEPTH             list every caller path up to DEPTH cues
  -h, --help                this text
With --employees or --department, the settings' references are checked
against every employee and department given.
";

/// The widest line printed.
const WIDTH: usize = 100;

/// Exit status of a usage error.
const USAGE_ERROR: u8 = 2;

/// Exit status of bad data.
const DATA_ERROR: u8 = 1;

#[derive(Debug, Default)]
struct Args {
    facts: Option<String>,
    script: Option<String>,
    paths: Option<usize>,
    settings: String,
    interval: String,
    /// Employees and departments given as options.
    employees: Vec<String>,
    departments: Vec<(String, Vec<String>)>,
    unavailable: Vec<String>,
    extensions: Vec<(String, String)>,
    /// Whether references are checked against a directory.
    directory: bool,
    timing: Timing,
}

/// Why `ivr-sim` stops early.
enum Failure {
    /// The command line is wrong (exit 2), or help was asked (empty).
    Usage(String),
    /// A file or a value in it is wrong (exit 1).
    Data(String),
    /// Standard output was closed: stop quietly.
    Closed,
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::Closed
        } else {
            Failure::Data(format!("cannot write the output: {e}"))
        }
    }
}

/// `a,b,c` as a list, without empty items.
fn list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(Into::into)
        .collect()
}

/// `name=value` split at the first `=`.
fn pair(option: &str, s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => {
            Ok((k.trim().to_string(), v.trim().to_string()))
        }
        _ => Err(format!("{option} takes NAME=VALUE, not {s:?}")),
    }
}

fn number<T: std::str::FromStr>(option: &str, s: &str) -> Result<T, String> {
    s.parse().map_err(|_| format!("{option} takes a whole number, not {s:?}"))
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut it = args.into_iter();
    let mut a = Args::default();
    let mut interval = None;
    let mut rest = Vec::new();
    while let Some(arg) = it.next() {
        if arg == "-h" || arg == "--help" {
            return Err(String::new());
        }
        if !arg.starts_with("--") || arg == "--" {
            rest.push(arg);
            continue;
        }
        let mut value =
            || it.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--facts" => a.facts = Some(value()?),
            "--script" => a.script = Some(value()?),
            "--interval" => interval = Some(value()?),
            "--paths" => a.paths = Some(number(&arg, &value()?)?),
            "--employees" => {
                a.employees.extend(list(&value()?));
                a.directory = true;
            }
            "--department" => {
                let (d, members) = pair(&arg, &value()?)?;
                a.departments.push((d, list(&members)));
                a.directory = true;
            }
            "--unavailable" => a.unavailable.extend(list(&value()?)),
            "--extension" => {
                let (digits, employee) = pair(&arg, &value()?)?;
                if digits.is_empty()
                    || !digits.bytes().all(|b| b.is_ascii_digit())
                {
                    return Err(format!(
                        "--extension: {digits:?} is not digits"
                    ));
                }
                a.extensions.push((digits, employee));
            }
            "--no-input" => {
                a.timing =
                    a.timing.with_no_input_seconds(number(&arg, &value()?)?)
            }
            "--inter-digit" => {
                a.timing =
                    a.timing.with_inter_digit_seconds(number(&arg, &value()?)?)
            }
            "--retries" => {
                a.timing = a.timing.with_retries(number(&arg, &value()?)?)
            }
            "--invalid-key" => {
                let v: InvalidKey =
                    value()?.parse().map_err(|e| format!("{arg}: {e}"))?;
                a.timing = a.timing.with_invalid_key(v);
            }
            "--extension-wait" => {
                let v: ForwardWait =
                    value()?.parse().map_err(|e| format!("{arg}: {e}"))?;
                a.timing = a.timing.with_extension_wait(v);
            }
            s => return Err(format!("unknown option {s}")),
        }
    }
    rest.retain(|r| r != "--");
    match (rest.len(), interval) {
        (1, Some(i)) => {
            a.settings = rest.remove(0);
            a.interval = i;
        }
        (2, None) => {
            a.interval = rest.pop().unwrap_or_default();
            a.settings = rest.remove(0);
        }
        (0, _) => return Err("expected SETTINGS (a file) and INTERVAL".into()),
        (1, None) => {
            return Err(
                "expected the interval in force, last or with --interval"
                    .into(),
            )
        }
        _ => {
            return Err(format!(
                "unexpected argument {:?}",
                rest[rest.len() - 1]
            ))
        }
    }
    Ok(a)
}

fn read(path: &str) -> Result<String, Failure> {
    std::fs::read_to_string(path)
        .map_err(|e| Failure::Data(format!("{path}: {e}")))
}

fn main() -> ExitCode {
    let result = match parse_args(std::env::args().skip(1)) {
        Ok(args) => run(&args),
        Err(e) => Err(Failure::Usage(e)),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Closed) => ExitCode::SUCCESS,
        Err(Failure::Usage(e)) if e.is_empty() => {
            let _ = io::stdout().write_all(USAGE.as_bytes());
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(e)) => {
            let synopsis: String =
                USAGE.lines().take(2).map(|l| format!("{l}\n")).collect();
            let _ = write!(
                io::stderr(),
                "{}\n{synopsis}(ivr-sim --help lists the options)\n",
                wrap(&format!("ivr-sim: {e}"), 4)
            );
            ExitCode::from(USAGE_ERROR)
        }
        Err(Failure::Data(e)) => {
            let _ = writeln!(
                io::stderr(),
                "{}",
                wrap(&format!("ivr-sim: {e}"), 4)
            );
            ExitCode::from(DATA_ERROR)
        }
    }
}

/// The facts of the call: the facts file, then the options.
fn facts(args: &Args) -> Result<Facts, Failure> {
    let mut facts: Facts = match &args.facts {
        Some(f) => serde_json::from_str(&read(f)?)
            .map_err(|e| Failure::Data(format!("{f}: {e}")))?,
        None => Facts::default(),
    };
    for (d, members) in &args.departments {
        facts = facts.with_department(d.clone(), members.iter().cloned());
    }
    for e in &args.unavailable {
        facts = facts.with_unavailable(e.clone());
    }
    for (digits, e) in &args.extensions {
        facts = facts.with_extension(digits.clone(), e.clone());
    }
    Ok(facts)
}

/// Every employee and department named by the options and the facts.
fn directory(args: &Args, facts: &Facts) -> Directory {
    let mut employees = args.employees.clone();
    employees.extend(facts.unavailable.iter().cloned());
    employees.extend(facts.departments.values().flatten().cloned());
    employees.extend(facts.extensions.values().cloned());
    Directory::new(employees, facts.departments.keys().cloned())
}

/// Writes `line`, wrapped to [`WIDTH`].
fn put(
    out: &mut impl Write,
    line: &str,
    indent: usize,
) -> Result<(), Failure> {
    writeln!(out, "{}", wrap(line, indent))?;
    Ok(())
}

fn run(args: &Args) -> Result<ExitCode, Failure> {
    let facts = facts(args)?;
    let mut builder = Number::builder().timing(args.timing);
    if args.directory {
        builder = builder.directory(directory(args, &facts));
    }
    let number = builder
        .build_json(&read(&args.settings)?)
        .map_err(|e| Failure::Data(format!("{}: {e}", args.settings)))?;
    let out = io::stdout();
    let mut out = out.lock();
    for warning in number.warnings() {
        put(&mut out, &format!("warning: {warning}"), 4)?;
    }
    if let Some(depth) = args.paths {
        let options = PathOptions::default().with_depth(depth);
        let found = paths(&number, &args.interval, &facts, options)
            .map_err(|e| Failure::Data(e.to_string()))?;
        for p in found.paths() {
            let cues: Vec<String> =
                p.cues().iter().map(|c| c.to_string()).collect();
            let end = match p.end() {
                PathEnd::Ended(o) => o.to_string(),
                PathEnd::NoTerminal => "NO TERMINAL ACTION".into(),
                other => other.to_string(),
            };
            put(&mut out, &format!("{}  =>  {end}", cues.join(", ")), 4)?;
        }
        writeln!(
            out,
            "{} paths{}, {} without a terminal action",
            found.paths().len(),
            if found.is_complete() { "" } else { " (stopped at the limit)" },
            found.flagged().count()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut sim = Simulation::start(&number, &args.interval, facts)
        .map_err(|e| Failure::Data(e.to_string()))?;
    for e in sim.log() {
        put(&mut out, &e.to_string(), 11)?;
    }
    out.flush()?;
    match &args.script {
        Some(file) => {
            let cues: Vec<Cue> = serde_json::from_str(&read(file)?)
                .map_err(|e| Failure::Data(format!("{file}: {e}")))?;
            for (i, cue) in cues.iter().enumerate() {
                let new = sim.apply(cue).map_err(|e| {
                    Failure::Data(format!(
                        "{file}: step {} ({cue}): {e}",
                        i + 1
                    ))
                })?;
                for e in new {
                    put(&mut out, &e.to_string(), 11)?;
                }
            }
        }
        None => {
            let stdin = io::stdin();
            for line in stdin.lock().lines() {
                let line = line.map_err(|e| Failure::Data(e.to_string()))?;
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if line == "quit" {
                    break;
                }
                let applied = command(line, &sim).and_then(|cue| {
                    sim.apply(&cue).map_err(|e| e.to_string())
                });
                match applied {
                    Ok(new) => {
                        for e in new {
                            put(&mut out, &e.to_string(), 11)?;
                        }
                    }
                    Err(e) => {
                        out.flush()?;
                        let _ = writeln!(
                            io::stderr(),
                            "{}",
                            wrap(&format!("ivr-sim: {e}"), 4)
                        );
                    }
                }
                out.flush()?;
                if sim.call().is_ended() {
                    break;
                }
            }
        }
    }
    let call = sim.call();
    let outcome = match call.outcome() {
        Some(o) => o.to_string(),
        None => "still going".into(),
    };
    put(&mut out, &format!("outcome: {outcome}"), 4)?;
    let places = places(&number);
    if !call.trail().is_empty() {
        writeln!(out, "trail:")?;
    }
    for (i, v) in call.trail().iter().enumerate() {
        put(&mut out, &format!("  {}. {}", i + 1, step(v, &places)), 6)?;
    }
    out.flush()?;
    Ok(if call.is_ended() { ExitCode::SUCCESS } else { ExitCode::from(3) })
}

/// Each node of the settings by its path (as in [`Visit::node`]): where it
/// is, in words, and the node.
fn places(number: &Number) -> BTreeMap<String, (String, &Node)> {
    let settings = number.settings();
    let mut stack: Vec<(String, String, &Node)> = Vec::new();
    for (name, node) in &settings.scenarios {
        stack.push((
            format!("scenarios[{name:?}]"),
            format!("scenario {name:?}"),
            node,
        ));
    }
    for (name, node) in &settings.nodes {
        stack.push((
            format!("nodes[{name:?}]"),
            format!("node {name:?}"),
            node,
        ));
    }
    let mut places = BTreeMap::new();
    while let Some((path, place, node)) = stack.pop() {
        if let NodeKind::Menu(menu) = node.kind() {
            for (key, child) in &menu.keys {
                if let Some(child) = child {
                    stack.push((
                        format!("{path}.menu.keys[{:?}]", key.as_str()),
                        format!("{place}, key {key}"),
                        child,
                    ));
                }
            }
            if let Some(child) = &menu.nothing_selected {
                stack.push((
                    format!("{path}.menu.nothing_selected"),
                    format!("{place}, nothing selected"),
                    child,
                ));
            }
        }
        if let Some(next) = node.next() {
            stack.push((
                format!("{path}.then"),
                format!("{place}, then"),
                next,
            ));
        }
        places.insert(path, (place, node));
    }
    places
}

/// A step of the trail in words: `scenario "Working time": menu, key 1`.
fn step(visit: &Visit, places: &BTreeMap<String, (String, &Node)>) -> String {
    let Some((place, node)) = places.get(visit.node()) else {
        return visit.node().to_string();
    };
    let what = match node.kind() {
        NodeKind::Message(p) => format!("message, {p}"),
        NodeKind::Menu(_) => "menu".to_string(),
        NodeKind::ForwardToNumber(f) => {
            format!("forward to number {}", f.number)
        }
        NodeKind::ForwardToEmployee(f) => {
            format!("forward to employee {:?}", f.employee)
        }
        NodeKind::ForwardToDepartment(f) => {
            format!("forward to department {:?}", f.department)
        }
        NodeKind::Voicemail(_) => "voicemail".to_string(),
        NodeKind::Fax(_) => "fax".to_string(),
        NodeKind::GoTo(n) => format!("go to node {n:?}"),
        other => other.name().replace('_', " "),
    };
    match visit.choice() {
        Some(c) => format!("{place}: {what}, {c}"),
        None => format!("{place}: {what}"),
    }
}

/// `text` cut into lines of at most [`WIDTH`] columns (characters): each
/// line of it at the last `": "` or space that leaves the piece at least
/// half full, else anywhere. The pieces after the first go on the next
/// lines, indented by `indent` spaces more than the line they come from.
fn wrap(text: &str, indent: usize) -> String {
    let mut out = String::new();
    for (n, line) in text.lines().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let lead = line.len() - line.trim_start().len();
        let indent = (lead + indent).min(WIDTH / 2);
        let mut rest: Vec<char> = line.chars().collect();
        let mut first = true;
        loop {
            let room = if first { WIDTH } else { WIDTH - indent };
            if !first {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
            }
            if rest.len() <= room {
                out.extend(rest);
                break;
            }
            let window = &rest[..=room];
            let colon = window.windows(2).rposition(|w| w == [':', ' ']);
            let cut = match (colon, window.iter().rposition(|&c| c == ' ')) {
                (Some(i), _) if i + 1 > room / 2 => i + 1,
                (_, Some(i)) if i > room / 2 => i,
                _ => room,
            };
            out.extend(&rest[..cut]);
            let skip = if rest[cut] == ' ' { cut + 1 } else { cut };
            rest.drain(..skip);
            first = false;
        }
    }
    out
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
            Cue::Wait(
                a.parse().map_err(|_| {
                    format!("wait takes whole seconds, not {a:?}")
                })?,
            )
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
        other => {
            return Err(format!(
            "unknown command {other:?}; try digits, played, timeout, wait N, \
                 answer, busy, noanswer, fail, recorded, fax, hangup or quit"
        ))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_lines_within_the_width() {
        let long = "word ".repeat(70) + &"x".repeat(250);
        let wrapped = wrap(&long, 6);
        assert!(
            wrapped.lines().all(|l| l.chars().count() <= WIDTH),
            "{wrapped}"
        );
        let joined: String = wrapped.split_whitespace().collect();
        assert_eq!(joined, long.split_whitespace().collect::<String>());
        assert_eq!(wrap("short", 4), "short");
    }

    #[test]
    fn usage_fits_the_width() {
        assert!(USAGE.lines().all(|l| l.chars().count() <= WIDTH));
    }
}
