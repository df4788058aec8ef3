//! `schedule-at`: which interval of a business-hours schedule is in force
//! at given instants, and until when; or the calendar of a week.
//!
//! ```text
//! schedule-at [OPTIONS] FILE INSTANT...
//! schedule-at [OPTIONS] --week DATE FILE
//! ```
//!
//! FILE is a schedule in the JSON form of the `schedule` crate (`-` reads
//! standard input). Each INSTANT is an RFC 3339 time with any offset. For
//! each one line is printed, times in the schedule's own time zone:
//!
//! ```text
//! $ schedule-at testdata/office.json 2026-11-23T09:00:00Z
//! 2026-11-23T10:00:00+01:00  Working time  until 2026-11-23T12:00:00+01:00 (local)
//! ```
//!
//! With `--week DATE` the effective calendar of the seven local dates from
//! DATE is printed instead, one line per interval (adjacent equal
//! intervals merged): local start, local end, interval.
//!
//! With `--json` every line is a JSON object, times in UTC: `at`,
//! `interval`, `since`, `until` (`null` when the interval never began or
//! never ends) and `source` for an instant; `interval`, `start`, `end` and
//! `source` for a calendar entry.
//!
//! The program never reads the clock: the answers depend only on the file
//! and the arguments. Exit status: 0 on success, 1 for an unreadable or
//! invalid file, a bad instant or a bad date, 2 for a usage error.

use std::ffi::OsString;
use std::fmt::Display;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use business_hours::{Entry, Schedule, Source, State};
use chrono::{
    DateTime, Datelike, Days, NaiveDate, SecondsFormat, TimeZone, Utc, Weekday,
};
use serde_json::{json, Value};

const SYNOPSIS: &str = "\
Usage: schedule-at [OPTIONS] FILE INSTANT...
       schedule-at [OPTIONS] --week DATE FILE
";

const USAGE: &str = "\
Usage: schedule-at [OPTIONS] FILE INSTANT...
       schedule-at [OPTIONS] --week DATE FILE

Tells which interval of a business-hours schedule is in force at each
INSTANT and until when, or with --week the calendar of a week.

FILE is a schedule in JSON (time_zone, mode, intervals, week, exceptions;
see the `schedule` crate); `-` reads standard input. Each INSTANT is an
RFC 3339 time with an offset, as 2026-11-23T10:00:00+01:00 or
2026-11-23T09:00:00Z. One line is printed per INSTANT, with times in the
schedule's time zone:

  2026-11-23T10:00:00+01:00  Working time  until 2026-11-23T12:00:00+01:00 (local)

An interval that never ends prints `never ends` instead of `until ...`.

Options:
      --week DATE  Print the effective calendar of the 7 local dates from
                   DATE (YYYY-MM-DD) instead: one line per interval, with
                   local start, local end and the interval's name; adjacent
                   equal intervals are merged. No INSTANT may be given.
      --json       Print one JSON object per line, times in UTC (RFC 3339
                   with Z): for an INSTANT `at`, `interval`, `since`,
                   `until` (null when the interval never began or never
                   ends) and `source`; with --week `interval`, `start`,
                   `end` and `source` per calendar entry.
  -h, --help       Print this help.
      --           Treat every later argument as FILE or INSTANT.

`source` tells which part of the schedule produced the interval:
`weekly monday[0]`, `exception 1 (2026-12-31) range 0`, `uncovered` (no
range; `uncovered (exception 0)` on a date an exception closes) or
`round the clock`.

Exit status: 0 on success; 1 if FILE cannot be read or is not a valid
schedule (every problem is named with its path), or an INSTANT or DATE
is malformed or outside the years the schedule handles (about 1 to
9999); nothing is printed then. 2 for a usage error.
";

/// What the command line asked for.
#[derive(Debug)]
enum Command {
    /// Print the usage.
    Help,
    /// Answer queries about a schedule.
    Run(Request),
}

/// A query as given on the command line, not yet checked.
#[derive(Debug)]
struct Request {
    /// The schedule file, `-` for standard input.
    file: String,
    /// What to print.
    query: Query<String, String>,
    /// One JSON object per line instead of text.
    json: bool,
}

/// The instants to place (`I`), or the week to list (`D`): the argument
/// texts, then the parsed values.
#[derive(Debug)]
enum Query<I, D> {
    /// The interval in force at each instant.
    Instants(Vec<I>),
    /// The calendar of the 7 local dates from this one.
    Week(D),
}

fn main() -> ExitCode {
    let request = match parse_args(std::env::args_os().skip(1)) {
        Ok(Command::Run(request)) => request,
        Ok(Command::Help) => {
            // A closed stdout is no reason to complain about the help.
            let _ = io::stdout().lock().write_all(USAGE.as_bytes());
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprint!("schedule-at: {message}\n{SYNOPSIS}");
            eprintln!("Try 'schedule-at --help' for more information.");
            return ExitCode::from(2);
        }
    };
    match run(&request) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("schedule-at: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Reads the options, FILE and INSTANTs. `Err` is a usage error message.
fn parse_args(
    args: impl Iterator<Item = OsString>,
) -> Result<Command, String> {
    let mut positional = Vec::new();
    let mut week = None;
    let mut json = false;
    let mut only_positional = false;
    let mut args = args;

    while let Some(arg) = args.next() {
        let Some(arg) = arg.to_str() else {
            return Err(format!(
                "argument {} is not valid UTF-8",
                arg.to_string_lossy()
            ));
        };
        // `-` alone is FILE (standard input), not an option.
        if only_positional || arg == "-" || !arg.starts_with('-') {
            positional.push(arg.to_owned());
            continue;
        }
        let date = match arg.split_once('=') {
            Some(("--week", date)) => Some(date.to_owned()),
            _ if arg == "--week" => {
                let Some(date) = args.next() else {
                    return Err("option '--week' needs a DATE".into());
                };
                Some(date.to_string_lossy().into_owned())
            }
            _ => None,
        };
        if let Some(date) = date {
            if week.replace(date).is_some() {
                return Err("option '--week' given twice".into());
            }
            continue;
        }
        match arg {
            "--" => only_positional = true,
            "-h" | "--help" => return Ok(Command::Help),
            "--json" => json = true,
            _ => return Err(format!("unknown option '{arg}'")),
        }
    }

    let mut positional = positional.into_iter();
    let Some(file) = positional.next() else {
        return Err("missing FILE".into());
    };
    let instants: Vec<String> = positional.collect();
    let query = match (week, instants.is_empty()) {
        (Some(date), true) => Query::Week(date),
        (None, false) => Query::Instants(instants),
        (None, true) => {
            return Err("give at least one INSTANT, or --week DATE".into())
        }
        (Some(_), false) => {
            return Err("give INSTANTs or --week DATE, not both".into())
        }
    };
    Ok(Command::Run(Request { file, query, json }))
}

/// Checks the arguments, reads the schedule and prints the answers. `Err`
/// is the message for standard error.
fn run(request: &Request) -> Result<(), String> {
    // Check the arguments first: a typo should not wait for stdin.
    let query = match &request.query {
        Query::Instants(texts) => Query::Instants(
            texts
                .iter()
                .map(|t| parse_instant(t))
                .collect::<Result<_, _>>()?,
        ),
        Query::Week(text) => Query::Week(parse_date(text)?),
    };
    let name = if request.file == "-" { "<stdin>" } else { &request.file };
    let json = read_file(&request.file)
        .map_err(|e| format!("{name}: cannot read: {e}"))?;
    let schedule =
        Schedule::from_json(&json).map_err(|e| format!("{name}: {e}"))?;

    // Every answer is checked before anything is printed.
    let lines = answer(&schedule, &query, request.json)?;

    let mut out = BufWriter::new(io::stdout().lock());
    let written = lines.iter().try_for_each(|line| writeln!(out, "{line}"));
    match written.and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // The reader went away (`schedule-at ... | head`): stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write the output: {e}")),
    }
}

/// The output lines for `query`: one per instant or calendar entry.
///
/// The library moves instants outside the years it handles (about 1 to
/// 9999) to the nearest one it does, and answers for that; an answer that
/// does not hold the instant asked about is refused rather than printed.
fn answer(
    schedule: &Schedule,
    query: &Query<DateTime<Utc>, NaiveDate>,
    json: bool,
) -> Result<Vec<String>, String> {
    let mut lines = Vec::new();
    match query {
        Query::Instants(instants) => {
            for &t in instants {
                let state = schedule.at(t);
                let holds = state.since().is_none_or(|since| since <= t)
                    && state.until().is_none_or(|until| t < until);
                if !holds {
                    return Err(format!(
                        "instant {} is outside the years the schedule \
                         can answer for",
                        t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
                    ));
                }
                lines.push(if json {
                    state_json(t, &state).to_string()
                } else {
                    state_text(schedule, t, &state)
                });
            }
        }
        Query::Week(first) => {
            // `parse_date` checked that a week from `first` exists.
            let last = *first + Days::new(6);
            let entries: Vec<Entry> =
                schedule.calendar_dates(*first, last).collect();
            // From local midnight on `first` (or the end of a gap there) to
            // local midnight a week later, with no hole and no overlap.
            let date = |t: DateTime<Utc>| {
                t.with_timezone(&schedule.time_zone()).date_naive()
            };
            let whole =
                entries.first().is_some_and(|e| date(e.start()) == *first)
                    && entries
                        .last()
                        .is_some_and(|e| date(e.end()) == last + Days::new(1))
                    && entries.iter().all(|e| e.start() < e.end())
                    && entries.windows(2).all(|w| w[0].end() == w[1].start());
            if !whole {
                return Err(format!(
                    "the week from {first} is outside the years the \
                     schedule can answer for"
                ));
            }
            for entry in &entries {
                lines.push(if json {
                    entry_json(entry).to_string()
                } else {
                    entry_text(schedule, entry)
                });
            }
        }
    }
    Ok(lines)
}

/// An INSTANT argument: RFC 3339 with any offset.
fn parse_instant(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)).map_err(
        |e| {
            format!(
                "invalid instant {text:?}: {e}; expected RFC 3339 with an \
                 offset, as 2026-11-23T10:00:00+01:00"
            )
        },
    )
}

/// The DATE of `--week`: YYYY-MM-DD, the week from it within the years 1
/// to 9999.
fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| {
        format!("invalid --week date {text:?}: {e}; expected YYYY-MM-DD")
    })?;
    // The output is RFC 3339, which has four-digit years.
    let end = date.checked_add_days(Days::new(7));
    if date.year() < 1 || end.is_none_or(|end| end.year() > 9999) {
        return Err(format!(
            "invalid --week date {text:?}: the week is outside the years \
             1 to 9999"
        ));
    }
    Ok(date)
}

/// The text of FILE, or of standard input for `-`.
fn read_file(file: &str) -> io::Result<String> {
    if file == "-" {
        let mut text = String::new();
        io::stdin().lock().read_to_string(&mut text)?;
        Ok(text)
    } else {
        std::fs::read_to_string(file)
    }
}

/// `t` in the schedule's time zone, as RFC 3339 with its offset.
fn local(schedule: &Schedule, t: DateTime<Utc>) -> String {
    rfc3339(&t.with_timezone(&schedule.time_zone()))
}

/// RFC 3339 to the second (more only if the instant has a fraction).
fn rfc3339<Z: TimeZone>(t: &DateTime<Z>) -> String
where
    Z::Offset: Display,
{
    t.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

/// RFC 3339 in UTC with `Z`, or `null`.
fn utc_json(t: Option<DateTime<Utc>>) -> Value {
    match t {
        Some(t) => {
            Value::String(t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
        }
        None => Value::Null,
    }
}

/// The text line for an instant.
fn state_text(schedule: &Schedule, t: DateTime<Utc>, state: &State) -> String {
    let until = match state.until() {
        Some(until) => format!("until {}", local(schedule, until)),
        None => "never ends".to_owned(),
    };
    format!("{}  {}  {until} (local)", local(schedule, t), state.interval())
}

/// The JSON object for an instant.
fn state_json(t: DateTime<Utc>, state: &State) -> Value {
    json!({
        "at": utc_json(Some(t)),
        "interval": state.interval(),
        "since": utc_json(state.since()),
        "until": utc_json(state.until()),
        "source": source_text(state.source()),
    })
}

/// The text line for a calendar entry.
fn entry_text(schedule: &Schedule, entry: &Entry) -> String {
    format!(
        "{}  {}  {}",
        local(schedule, entry.start()),
        local(schedule, entry.end()),
        entry.interval()
    )
}

/// The JSON object for a calendar entry.
fn entry_json(entry: &Entry) -> Value {
    json!({
        "interval": entry.interval(),
        "start": utc_json(Some(entry.start())),
        "end": utc_json(Some(entry.end())),
        "source": source_text(entry.source()),
    })
}

/// Which part of the schedule produced an interval, in a few words.
fn source_text(source: Source) -> String {
    match source {
        Source::RoundTheClock => "round the clock".to_owned(),
        Source::Weekly { weekday, range } => {
            format!("weekly {}[{range}]", weekday_name(weekday))
        }
        Source::Exception { exception, date, range } => {
            format!("exception {exception} ({date}) range {range}")
        }
        Source::Uncovered { exception: None } => "uncovered".to_owned(),
        Source::Uncovered { exception: Some(k) } => {
            format!("uncovered (exception {k})")
        }
        // `Source` is non-exhaustive: a kind added later still prints.
        other => other.to_string(),
    }
}

/// The weekday as the config spells it.
fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}
