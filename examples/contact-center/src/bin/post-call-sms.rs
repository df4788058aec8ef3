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

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use contact_center::{data, outln, MessageFacts, Messages, ScheduleWindows};
use post_call_rules::{
    CallRecord, Host, LibPhoneNumber, Outcome, Region, RuleSet, SendLog,
    TraceResult,
};
use schedule::Schedule;

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
    let schedule =
        data::with(&dir.join("schedule.json"), Schedule::from_json)?;
    let rule_set = data::with(&dir.join("rules.json"), RuleSet::from_json)?;
    let rules = rule_set.compile().map_err(|e| format!("rules.json: {e}"))?;
    let messages = Messages::new(
        data::json(&dir.join("post-call-catalog.json"))?,
        &rule_set,
    )?;
    let staff: HashMap<String, Vec<String>> =
        data::json(&dir.join("staff.json"))?;
    let agents: HashMap<String, String> =
        data::json(&dir.join("agents.json"))?;
    let records: Vec<CallRecord> = data::json(&records_path)?;

    let tz = schedule.time_zone();
    let phones = LibPhoneNumber::with_default_region(
        Region::new("PL").ok_or("no region PL")?,
    )
    .ok_or("libphonenumber does not know PL")?;
    let windows = ScheduleWindows::new(&schedule);
    let mut history = SendLog::new();

    for record in &records {
        let end = record.end.with_timezone(&tz);
        outln!(
            "{} {} call from {} ({:?}, keys {:?})",
            end.format("%Y-%m-%d %H:%M"),
            if record.answer.is_some() { "answered" } else { "unanswered" },
            record.caller,
            record.status,
            record.ivr_keys,
        );
        let host = Host::new(&phones)
            .windows(&windows)
            .history(&history)
            .groups(&staff);
        let evaluation = if trace {
            rules.evaluate_traced(record, &host)
        } else {
            rules.evaluate(record, &host)
        };
        if let Some(trace) = evaluation.trace() {
            for t in trace {
                match t.result {
                    TraceResult::Matched => {
                        outln!("    rule {:?}: matched", t.name)
                    }
                    TraceResult::Failed(c) => {
                        outln!("    rule {:?}: {c:?} did not hold", t.name)
                    }
                    other => outln!("    rule {:?}: {other:?}", t.name),
                }
            }
        }
        let (date, time) = (
            end.format("%Y-%m-%d").to_string(),
            end.format("%H:%M").to_string(),
        );
        let agent = record.agent.as_ref().map(|a| agents.get(a).unwrap_or(a));
        let mut facts = MessageFacts {
            call: vec![
                ("caller", record.caller.as_str()),
                ("date", &date),
                ("time", &time),
                ("keys", &record.ivr_keys),
            ],
            company: vec![("name", "ACME"), ("hotline", "+48 22 123 45 67")],
        };
        if let Some(agent) = agent {
            facts.call.push(("agent", agent));
        }
        let mut sent = Vec::new();
        if evaluation.decisions().is_empty() {
            outln!("  no rule matched");
        }
        for d in evaluation.decisions() {
            let to = d.recipient.as_deref().unwrap_or("(no number)");
            let p = match &d.outcome {
                Outcome::Suppress(why) => {
                    outln!("  {:?} → {to}: suppressed: {why}", d.rule_name);
                    continue;
                }
                Outcome::Send(p) | Outcome::Queue(p) => p,
            };
            let verb = if matches!(d.outcome, Outcome::Send(_)) {
                "send"
            } else {
                "queue for an agent"
            };
            let sms = messages.render(d.rule_name, p.message, &facts)?;
            let measure = match &sms.measure {
                Ok(a) => {
                    if verb == "send" {
                        sent.push((
                            to.to_string(),
                            d.rule_name.to_string(),
                            p.at,
                        ));
                    }
                    format!("{}", a.units_counter())
                }
                Err(e) => format!("refused: {e}"),
            };
            outln!(
                "  {:?} → {to}: {verb} at {} from {}\n    {}\n    {measure}",
                d.rule_name,
                p.at.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
                p.sender,
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
