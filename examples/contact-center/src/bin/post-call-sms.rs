//! `post-call-sms`: SMS after a call (seeds 000 and 003), from call
//! records as a PBX reports them.
//!
//! ```text
//! cargo run -p contact-center --bin post-call-sms [-- --trace] [RECORDS.json]
//! ```
//!
//! Each call record (the `post-call-rules` format; by default
//! `examples/data/call-records.json`) goes through the rule set of
//! `rules.json`, with the send windows of `schedule.json`, number facts
//! from libphonenumber, the staff groups of `staff.json` and the sends so
//! far as history. For each decision it prints: send at T from S to R,
//! with the rendered text, its encoding and parts; queued for an agent;
//! or suppressed, and why. `--trace` also prints, for every rule, the
//! first condition that failed or that it matched.

use std::path::PathBuf;
use std::process::ExitCode;

use contact_center::{data, outln, PostCall, ScheduleWindows};
use post_call_rules::{CallRecord, RuleOutcome, SendLog, TraceResult};

fn run() -> Result<(), String> {
    let dir = data::dir();
    let mut trace = false;
    let mut records_path = dir.join("call-records.json");
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--trace" => trace = true,
            "-h" | "--help" => {
                outln!("Usage: post-call-sms [--trace] [RECORDS.json]");
                return Ok(());
            }
            path => records_path = PathBuf::from(path),
        }
    }
    let post_call = PostCall::load(&dir)?;
    let records: Vec<CallRecord> = data::json(&records_path)?;
    let tz = post_call.schedule.time_zone();
    let windows = ScheduleWindows::new(&post_call.schedule);
    let mut history = SendLog::new();

    for record in &records {
        let end = record.end.with_timezone(&tz);
        let keys = if record.ivr_keys.is_empty() {
            "no IVR keys".to_string()
        } else {
            format!("IVR keys {}", record.ivr_keys)
        };
        outln!(
            "{} {} call from {} ({}, {keys})",
            end.format("%Y-%m-%d %H:%M"),
            if record.answer.is_some() { "answered" } else { "unanswered" },
            record.caller,
            record.status,
        );
        let host = post_call.host(&windows, &history);
        let evaluation = if trace {
            post_call.rules.evaluate_traced(record, &host)
        } else {
            post_call.rules.evaluate(record, &host)
        };
        if let Some(trace) = evaluation.trace() {
            for t in trace {
                match t.result() {
                    TraceResult::Matched => {
                        outln!("    rule {:?}: matched", t.name())
                    }
                    TraceResult::Failed(c) => outln!(
                        "    rule {:?}: its condition when.{c} does not hold",
                        t.name()
                    ),
                    TraceResult::Preempted { by } => outln!(
                        "    rule {:?}: matched, but rule {} decided first",
                        t.name(),
                        by + 1
                    ),
                    TraceResult::Disabled => {
                        outln!("    rule {:?}: disabled", t.name())
                    }
                    _ => outln!("    rule {:?}: not applied", t.name()),
                }
            }
        }
        let mut sent = Vec::new();
        if evaluation.decisions().is_empty() {
            outln!("  no rule matched");
        }
        for d in evaluation.decisions() {
            let to = d.recipient().unwrap_or("(no number)");
            let p = match d.outcome() {
                RuleOutcome::Suppress(why) => {
                    outln!("  {:?} → {to}: suppressed: {why}", d.rule_name());
                    continue;
                }
                RuleOutcome::Send(p) | RuleOutcome::Queue(p) => p,
                _ => continue,
            };
            let verb = if matches!(d.outcome(), RuleOutcome::Send(_)) {
                "send"
            } else {
                "queue for an agent"
            };
            let sms = post_call.render(d.rule_name(), p.message(), record)?;
            let measure = match &sms.measure {
                Ok(a) => {
                    if verb == "send" {
                        sent.push((
                            to.to_string(),
                            d.rule_name().to_string(),
                            p.at(),
                        ));
                    }
                    format!("{}", a.units_counter())
                }
                Err(e) => format!("refused: {e}"),
            };
            outln!(
                "  {:?} → {to}: {verb} at {} from {}\n    {}\n    {measure}",
                d.rule_name(),
                p.at().with_timezone(&tz).format("%Y-%m-%d %H:%M"),
                p.sender(),
                sms.text,
            );
        }
        for (to, rule, at) in sent {
            history.record(&to, &rule, at);
        }
        outln!();
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("post-call-sms: {e}");
            ExitCode::FAILURE
        }
    }
}
