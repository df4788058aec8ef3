//! `day`: a day at the contact center, the workspace's main demo.
//!
//! ```text
//! cargo run -p contact-center [-- --json] [--data DIR]
//! ```
//!
//! One number (`number.json`, a `call-scenario` settings file) with a
//! business-hours `schedule.json`; a day of calls (`calls.json`: when,
//! who, and what happens on the line, as `call-scenario` cues); a
//! `post-call-rules` rule set (`rules.json`) whose messages are
//! `sms-templates` templates over `post-call-catalog.json`. Each call:
//!
//! 1. the schedule says which interval is in force when it comes in;
//! 2. the interval's scenario runs on the step engine with the call's
//!    cues (key presses, who answers), giving the outcome and the path
//!    the caller took;
//! 3. the call's record (status, times, keys pressed, who answered) goes
//!    through the post-call rules, with send windows from the schedule,
//!    number facts from libphonenumber, and the day's sends as history;
//! 4. each SMS to send or queue is rendered and measured with
//!    `sms-encoding`: encoding and parts billed.
//!
//! The report counts calls per interval and outcome, the paths callers
//! took, the SMS sent, queued and suppressed by reason, and parts billed.
//! `--json` prints the same as one JSON document.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use call_scenario::{
    Action, CallOutcome, Choice, Cue, Event, Facts, Logged, Number, Settings,
};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use contact_center::{data, outln, PostCall, ScheduleWindows};
use post_call_rules::{
    CallRecord, CallStatus, Direction, RuleOutcome, SendLog, Suppressed,
};
use serde::Deserialize;
use serde_json::{json, Value};

/// `calls.json`: the day, the number the calls were routed to, the calls.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Day {
    date: NaiveDate,
    routed_to: String,
    calls: Vec<CallEntry>,
}

/// One call: local time, caller (empty when withheld), what happens on
/// the line, and how long the conversation lasts once answered.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CallEntry {
    at: NaiveTime,
    caller: String,
    cues: Vec<Cue>,
    #[serde(default)]
    talk_secs: u32,
}

/// What the day produced for one call.
#[derive(Debug)]
struct CallReport {
    start: DateTime<Utc>,
    caller: String,
    interval: String,
    status: CallStatus,
    path: String,
    agent: Option<String>,
    sms: Vec<SmsReport>,
}

#[derive(Debug)]
struct SmsReport {
    rule: String,
    /// `None` when the call had no number to send to (withheld).
    recipient: Option<String>,
    /// `send`, `queue` or `suppress`.
    action: &'static str,
    /// What only a message that goes out has.
    sms: Option<Outgoing>,
    /// Why it was suppressed or refused, and that reason's kind (for
    /// counting).
    reason: Option<String>,
    kind: Option<&'static str>,
}

/// A message sent or queued: when, from whom, what, and what it costs.
#[derive(Debug)]
struct Outgoing {
    at: DateTime<Utc>,
    sender: String,
    text: String,
    encoding: String,
    parts: usize,
}

fn run() -> Result<(), String> {
    let mut json_out = false;
    let mut dir = data::dir();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json_out = true,
            "--data" => {
                dir =
                    PathBuf::from(args.next().ok_or("--data needs a folder")?)
            }
            "-h" | "--help" => {
                outln!("Usage: day [--json] [--data DIR]");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }

    // Every input, each checked by its own crate.
    let post_call = PostCall::load(&dir)?;
    let schedule = &post_call.schedule;
    // The number's scenarios are checked against the schedule's intervals:
    // an interval with no scenario is an error.
    let settings = data::with(&dir.join("number.json"), Settings::from_json)?;
    let number = Number::builder()
        .intervals(schedule.intervals())
        .build(settings)
        .map_err(|e| format!("{}: {e}", dir.join("number.json").display()))?;
    for warning in number.warnings() {
        eprintln!("number.json: {warning}");
    }
    let facts: Facts = data::json(&dir.join("facts.json"))?;
    let day: Day = data::json(&dir.join("calls.json"))?;
    for finding in post_call.findings() {
        eprintln!("rules.json: {finding}");
    }

    let tz = schedule.time_zone();
    let send_windows = ScheduleWindows::new(schedule);
    let mut history = SendLog::new();
    let mut reports = Vec::new();

    for (i, entry) in day.calls.iter().enumerate() {
        let local = day.date.and_time(entry.at);
        let start = tz
            .from_local_datetime(&local)
            .earliest()
            .ok_or_else(|| {
                format!("calls[{i}]: {local} does not exist in {tz}")
            })?
            .with_timezone(&Utc);

        // 1. The interval in force; 2. the scenario, on the step engine.
        let interval = schedule.at(start).interval().to_string();
        let sim = call_scenario::simulate(
            &number,
            &interval,
            facts.clone(),
            &entry.cues,
        )
        .map_err(|e| format!("calls.json: calls[{i}]: {e}"))?;
        let call = sim.call();
        let mut answered = None;
        let mut voicemail = false;
        for e in sim.log() {
            match e.entry() {
                Logged::Action(Action::Bridge { .. }) => {
                    answered = Some(e.at())
                }
                Logged::Event(Event::VoicemailFinished { .. }) => {
                    voicemail = true
                }
                _ => {}
            }
        }
        let (status, agent) = match call.outcome() {
            Some(CallOutcome::Bridged { target, .. }) => {
                (CallStatus::Answered, Some(target.id().to_string()))
            }
            _ if voicemail => (CallStatus::Voicemail, None),
            Some(CallOutcome::StepLimit) => (CallStatus::Failed, None),
            _ => (CallStatus::Missed, None),
        };
        let path = describe_path(call.choices(), call.outcome(), voicemail);

        // 3. The call record, through the post-call rules.
        let seconds = |s: u32| chrono::Duration::seconds(i64::from(s));
        let talk = if answered.is_some() { entry.talk_secs } else { 0 };
        let mut record = CallRecord::new(
            Direction::Incoming,
            &entry.caller,
            &day.routed_to,
            status,
            start + seconds(sim.now() + talk),
        );
        record.start = start;
        record.answer = answered.map(|s| start + seconds(s));
        record.duration_secs = talk;
        // The menu keys chosen: an extension dialed directly is not a
        // menu choice ("1" of "105" is not "pressed 1 to order").
        record.ivr_keys = call
            .choices()
            .filter_map(|c| match c {
                Choice::Key(k) => Some(k.as_char()),
                _ => None,
            })
            .collect();
        record.agent = agent.clone();
        let host = post_call.host(&send_windows, &history);
        let evaluation = post_call.rules.evaluate(&record, &host);

        // 4. Each SMS rendered and measured.
        let mut sms = Vec::new();
        let mut sent = Vec::new();
        for d in evaluation.decisions() {
            let recipient =
                d.recipient().filter(|n| !n.is_empty()).map(str::to_string);
            let mut report = SmsReport {
                rule: d.rule_name().to_string(),
                recipient: recipient.clone(),
                action: "suppress",
                sms: None,
                reason: None,
                kind: None,
            };
            match d.outcome() {
                RuleOutcome::Send(p) | RuleOutcome::Queue(p) => {
                    report.action =
                        if matches!(d.outcome(), RuleOutcome::Send(_)) {
                            "send"
                        } else {
                            "queue"
                        };
                    let rendered = post_call.render(
                        d.rule_name(),
                        p.message(),
                        &record,
                    )?;
                    match rendered.measure {
                        Ok(a) => {
                            report.sms = Some(Outgoing {
                                at: p.at(),
                                sender: p.sender().to_string(),
                                text: rendered.text,
                                encoding: a.encoding().name().to_string(),
                                parts: a.segments(),
                            });
                            if let (Some(to), "send") =
                                (&recipient, report.action)
                            {
                                sent.push((
                                    to.clone(),
                                    d.rule_name().to_string(),
                                    p.at(),
                                ));
                            }
                        }
                        // Over 10 parts: not sent, and said why (R4).
                        Err(e) => {
                            report.action = "suppress";
                            report.reason = Some(format!("text refused: {e}"));
                            report.kind = Some("text over the part limit");
                        }
                    }
                }
                RuleOutcome::Suppress(why) => {
                    report.reason = Some(reason_words(why, &tz));
                    report.kind = Some(suppressed_kind(why));
                }
                _ => {}
            }
            sms.push(report);
        }
        // The day's sends are the next call's history (minimum interval).
        for (recipient, rule, at) in sent {
            history.record(&recipient, &rule, at);
        }
        reports.push(CallReport {
            start,
            caller: entry.caller.clone(),
            interval,
            status,
            path,
            agent,
            sms,
        });
    }

    if json_out {
        let doc = to_json(&number, &day, &reports, &tz);
        outln!(
            "{}",
            serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?
        );
    } else {
        print_report(&number, &day, &reports, &tz);
    }
    Ok(())
}

/// The caller's path, compactly: the menu choices, then how it ended.
fn describe_path<'a>(
    choices: impl Iterator<Item = &'a Choice>,
    outcome: Option<&CallOutcome>,
    voicemail: bool,
) -> String {
    let mut steps: Vec<String> = choices.map(Choice::to_string).collect();
    steps.push(match outcome {
        Some(CallOutcome::Bridged { target, .. }) => {
            format!("answered by {}", target.id())
        }
        _ if voicemail => "voicemail".to_string(),
        Some(CallOutcome::CallerHungUp) => "caller hung up".to_string(),
        Some(CallOutcome::HungUp) => "hung up".to_string(),
        Some(CallOutcome::StepLimit) => "step limit".to_string(),
        _ => "unfinished".to_string(),
    });
    steps.join(" → ")
}

fn status_name(s: CallStatus) -> &'static str {
    match s {
        CallStatus::Answered => "answered",
        CallStatus::Missed => "missed",
        CallStatus::Busy => "busy",
        CallStatus::Failed => "failed",
        CallStatus::Voicemail => "voicemail",
        _ => "other",
    }
}

fn count<'a>(
    items: impl Iterator<Item = &'a str>,
) -> BTreeMap<&'a str, usize> {
    let mut m = BTreeMap::new();
    for i in items {
        *m.entry(i).or_insert(0) += 1;
    }
    m
}

/// The width the text report keeps to, so a terminal does not wrap it.
const WIDTH: usize = 100;

/// `text` cut at spaces into lines of at most `WIDTH` columns, the first
/// starting after `first` columns already used and the rest indented by
/// `indent`. A word longer than a line stays whole.
fn wrap(text: &str, first: usize, indent: usize) -> String {
    let mut out = String::new();
    let mut col = first;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let len = word.chars().count();
        if !out.is_empty() && col + 1 + len > WIDTH {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', indent));
            col = indent;
        } else if !out.is_empty() {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += len;
    }
    out
}

/// A number as people read it, `+48 601 111 222`: the international form
/// from libphonenumber's data, or the number as given when it does not
/// parse.
fn phone(n: &str) -> String {
    match phonenumber::parse(None, n) {
        Ok(p) => p.format().mode(phonenumber::Mode::International).to_string(),
        Err(_) => n.to_string(),
    }
}

fn print_report(
    number: &Number,
    day: &Day,
    reports: &[CallReport],
    tz: &chrono_tz::Tz,
) {
    let local = |t: DateTime<Utc>| {
        let t = t.with_timezone(tz);
        if t.date_naive() == day.date {
            t.format("%H:%M").to_string()
        } else {
            t.format("%m-%d %H:%M").to_string()
        }
    };
    let caller = |r: &CallReport| {
        if r.caller.is_empty() {
            "(withheld)".to_string()
        } else {
            phone(&r.caller)
        }
    };
    outln!("A day at {}: {} ({tz})\n", number.settings().name, day.date);
    outln!("Calls ({})", reports.len());
    for r in reports {
        let line = format!(
            "  {}  {:<17} {:<17} {:<10}",
            local(r.start),
            caller(r),
            r.interval,
            status_name(r.status),
        );
        let used = line.chars().count() + 1;
        outln!("{line} {}", wrap(&r.path, used, 10));
    }
    let per = |f: &dyn Fn(&CallReport) -> &str| {
        count(reports.iter().map(f))
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    outln!(
        "\n  per interval: {}",
        wrap(&per(&|r| r.interval.as_str()), 16, 16)
    );
    outln!(
        "  per outcome:  {}",
        wrap(&per(&|r| status_name(r.status)), 16, 16)
    );
    outln!("  paths:        {}", wrap(&per(&|r| r.path.as_str()), 16, 16));

    outln!("\nSMS, under the call that caused them (times in {tz})");
    for r in reports.iter().filter(|r| !r.sms.is_empty()) {
        outln!(
            "  {} call from {} ({}, {})",
            local(r.start),
            caller(r),
            r.interval,
            status_name(r.status)
        );
        for s in &r.sms {
            let to = match s.recipient.as_deref() {
                None | Some("") => "no number".to_string(),
                Some(n) => phone(n),
            };
            match &s.sms {
                None => {
                    let line = format!(
                        "suppressed to {to}, {}: {}",
                        s.rule,
                        s.reason.as_deref().unwrap_or("")
                    );
                    outln!("    {}", wrap(&line, 4, 8));
                }
                Some(m) => {
                    let verb =
                        if s.action == "send" { "send" } else { "queue" };
                    let head = format!(
                        "    {verb} at {} to {to} from {}, {} {} part{}:",
                        local(m.at),
                        phone(&m.sender),
                        m.encoding,
                        m.parts,
                        if m.parts == 1 { "" } else { "s" },
                    );
                    outln!("{head}");
                    outln!("        {}", wrap(&m.text, 8, 8));
                }
            }
        }
    }
    let all: Vec<&SmsReport> = reports.iter().flat_map(|r| &r.sms).collect();
    let sent: Vec<&Outgoing> = all
        .iter()
        .filter(|s| s.action == "send")
        .filter_map(|s| s.sms.as_ref())
        .collect();
    let parts: usize = sent.iter().map(|m| m.parts).sum();
    outln!(
        "\n  sent {} ({parts} parts billed: {}), queued {}, suppressed {}",
        sent.len(),
        count(sent.iter().map(|m| m.encoding.as_str()))
            .iter()
            .map(|(e, n)| format!("{e} {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        all.iter().filter(|s| s.action == "queue").count(),
        all.iter().filter(|s| s.action == "suppress").count(),
    );
    for (reason, n) in count(all.iter().filter_map(|s| s.kind)) {
        outln!("    suppressed: {reason} × {n}");
    }
}

/// A suppression reason in words, with any time in the business zone
/// (the library's own wording marks its times UTC).
fn reason_words(why: &Suppressed, tz: &chrono_tz::Tz) -> String {
    match why {
        Suppressed::IntervalNotElapsed { until, .. } => format!(
            "minimum interval not elapsed since the last SMS to this \
             number; the next may be sent from {}",
            until.with_timezone(tz).format("%Y-%m-%d %H:%M")
        ),
        other => other.to_string(),
    }
}

/// A suppression reason without its particulars (the instant, the line
/// type), for counting.
fn suppressed_kind(why: &Suppressed) -> &'static str {
    match why {
        Suppressed::Disabled => "rule disabled",
        Suppressed::NotMobile { .. } => "not a mobile number",
        Suppressed::NoRecipientNumber => "no number (withheld)",
        Suppressed::UnknownGroup { .. } | Suppressed::EmptyGroup { .. } => {
            "no such staff group, or empty"
        }
        Suppressed::InvalidSender | Suppressed::NoSender => "no valid sender",
        Suppressed::UnknownWindow { .. } | Suppressed::NoWindowOpens => {
            "no send window opens"
        }
        Suppressed::IntervalNotElapsed { .. } => {
            "minimum interval not elapsed"
        }
        _ => "other",
    }
}

fn to_json(
    number: &Number,
    day: &Day,
    reports: &[CallReport],
    tz: &chrono_tz::Tz,
) -> Value {
    let calls: Vec<Value> = reports
        .iter()
        .map(|r| {
            json!({
                "start": r.start.to_rfc3339(),
                "local_time": r.start.with_timezone(tz).format("%H:%M").to_string(),
                "caller": r.caller,
                "interval": r.interval,
                "status": status_name(r.status),
                "agent": r.agent,
                "path": r.path,
                "sms": r.sms.iter().map(|s| json!({
                    "rule": s.rule,
                    "recipient": s.recipient,
                    "action": s.action,
                    "at": s.sms.as_ref().map(|m| m.at.to_rfc3339()),
                    "sender": s.sms.as_ref().map(|m| &m.sender),
                    "text": s.sms.as_ref().map(|m| &m.text),
                    "encoding": s.sms.as_ref().map(|m| &m.encoding),
                    "parts": s.sms.as_ref().map(|m| m.parts),
                    "reason": s.reason,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let all: Vec<&SmsReport> = reports.iter().flat_map(|r| &r.sms).collect();
    let sent = all
        .iter()
        .filter(|s| s.action == "send")
        .filter_map(|s| s.sms.as_ref());
    json!({
        "number": number.settings().name,
        "date": day.date.to_string(),
        "time_zone": tz.name(),
        "calls": calls,
        "totals": {
            "calls": reports.len(),
            "per_interval": count(reports.iter().map(|r| r.interval.as_str())),
            "per_outcome": count(reports.iter().map(|r| status_name(r.status))),
            "sms_sent": sent.clone().count(),
            "sms_queued": all.iter().filter(|s| s.action == "queue").count(),
            "sms_suppressed": all.iter().filter(|s| s.action == "suppress").count(),
            "parts_billed": sent.clone().map(|m| m.parts).sum::<usize>(),
            "suppressed_by_reason": count(all.iter().filter_map(|s| s.kind)),
        },
    })
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("day: {e}");
            ExitCode::FAILURE
        }
    }
}
