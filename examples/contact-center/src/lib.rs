//! The glue a host writes to embed the workspace's crates, shared by the
//! programs in `src/bin/`: this is the one place where the crates meet.
//!
//! - [`data`]: reading the committed data files, with errors that name
//!   the file and what is wrong in it.
//! - [`ScheduleWindows`]: `post-call-rules`' send windows answered by a
//!   `schedule` (a window is open while the interval of its name is in
//!   force).
//! - [`Messages`]: each rule's message text is an `sms-templates`
//!   template over the call's facts; rendered, optionally transliterated
//!   and measured by `sms-encoding`.
//! - [`PostCall`]: what the post-call programs load, and the host they
//!   evaluate with.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use business_hours::Schedule;
use chrono::{DateTime, Utc};
use post_call_rules::{
    CallRecord, CompiledRules, Finding, Host, LibPhoneNumber, Message, Region,
    RuleSet, SendLog, SendWindows, WindowState,
};
use sms_encoding::{Analysis, Replacements, Segmenter};
use sms_templates::{Catalog, CompiledTemplate, Shortener, Template, Values};

/// Prints a line on standard output, like `println!`, but a reader that
/// stops reading (`day | head`) ends the program quietly instead of with
/// a panic.
#[macro_export]
macro_rules! outln {
    () => {
        $crate::write_line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::write_line(format_args!($($arg)*))
    };
}

/// Writes one line for [`outln!`]: a closed pipe exits with success, any
/// other write error with a message and failure.
pub fn write_line(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    if let Err(e) = writeln!(std::io::stdout().lock(), "{line}") {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("cannot write to standard output: {e}");
        std::process::exit(1);
    }
}

/// Reading data files.
pub mod data {
    use super::*;

    /// The folder of the committed data: `examples/data`, found from this
    /// package's folder so it works from any working directory.
    pub fn dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("data")
    }

    /// Reads a file, naming it in the error.
    pub fn read(path: &Path) -> Result<String, String> {
        std::fs::read_to_string(path)
            .map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Reads and parses a JSON file of the host's own format.
    pub fn json<T: serde::de::DeserializeOwned>(
        path: &Path,
    ) -> Result<T, String> {
        serde_json::from_str(&read(path)?)
            .map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Reads a file and parses it with a crate's own loader, naming the
    /// file in its error.
    pub fn with<T, E: std::fmt::Display>(
        path: &Path,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<T, String> {
        parse(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// Send windows answered by a schedule: the window `name` is open while
/// the schedule's interval of that name is in force, and otherwise opens
/// when it next begins ([`Schedule::next_allowed`]).
#[derive(Debug)]
pub struct ScheduleWindows<'s> {
    schedule: &'s Schedule,
}

impl<'s> ScheduleWindows<'s> {
    /// Windows named after `schedule`'s intervals.
    pub fn new(schedule: &'s Schedule) -> ScheduleWindows<'s> {
        ScheduleWindows { schedule }
    }
}

impl SendWindows for ScheduleWindows<'_> {
    fn state(&self, name: &str, at: DateTime<Utc>) -> Option<WindowState> {
        if !self.schedule.intervals().any(|i| i == name) {
            return None;
        }
        Some(match self.schedule.next_allowed(&[name], at) {
            Some(period) if period.contains(at) => WindowState::Open,
            next => WindowState::Closed { opens: next.map(|p| p.start()) },
        })
    }
}

/// A stand-in for the host's link shortener: a stable short address per
/// long one, at most 24 characters (as declared, so template length bounds
/// hold before any link is shortened).
#[derive(Clone, Copy, Debug, Default)]
pub struct DemoShortener;

impl Shortener for DemoShortener {
    fn max_chars(&self) -> usize {
        24
    }

    fn shorten(&self, url: &str) -> Result<String, String> {
        // FNV-1a of the address, in base 36: stable across runs.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in url.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        let mut code = String::new();
        for _ in 0..6 {
            let d = (h % 36) as u32;
            code.push(char::from_digit(d, 36).unwrap_or('0'));
            h /= 36;
        }
        Ok(format!("https://acme.link/{code}"))
    }
}

/// Links left as written, for rules without `short_links`.
#[derive(Clone, Copy, Debug, Default)]
pub struct FullLinks;

impl Shortener for FullLinks {
    fn max_chars(&self) -> usize {
        2_000
    }

    fn shorten(&self, url: &str) -> Result<String, String> {
        Ok(url.to_string())
    }
}

/// One rendered, measured SMS.
#[derive(Clone, Debug)]
pub struct Sms {
    /// The text as sent (after national-character replacement when the
    /// rule asks for it).
    pub text: String,
    /// Encoding, units and parts; an error when over the part limit.
    pub measure: Result<Analysis, sms_encoding::Error>,
}

/// Every rule's message, compiled as a template against the catalog of
/// call facts, by rule name.
#[derive(Debug)]
pub struct Messages {
    catalog: Catalog,
    templates: HashMap<String, CompiledTemplate>,
    segmenter: Segmenter,
}

impl Messages {
    /// Compiles the message of every rule of `rules`.
    ///
    /// # Errors
    /// Every rule whose text is not a valid template for `catalog`, with
    /// the template's problems.
    pub fn new(catalog: Catalog, rules: &RuleSet) -> Result<Messages, String> {
        let mut templates = HashMap::new();
        let mut errors = Vec::new();
        for rule in &rules.rules {
            let t =
                Template::new(rule.name.clone(), rule.message.text.clone());
            match t.compile(&catalog) {
                Ok(c) => {
                    templates.insert(rule.name.clone(), c);
                }
                Err(e) => errors
                    .push(format!("rule {:?}: message.text: {e}", rule.name)),
            }
        }
        if !errors.is_empty() {
            return Err(errors.join("\n"));
        }
        Ok(Messages { catalog, templates, segmenter: Segmenter::default() })
    }

    /// Renders rule `rule`'s message with `facts` (scope, field, value),
    /// applies its national-character replacement, and measures it.
    ///
    /// # Errors
    /// An unknown rule name, or a render error (a value over its field's
    /// maximum).
    pub fn render(
        &self,
        rule: &str,
        message: &Message,
        facts: &[(&str, &str, &str)],
    ) -> Result<Sms, String> {
        let template = self
            .templates
            .get(rule)
            .ok_or_else(|| format!("no message compiled for rule {rule:?}"))?;
        let mut values = Values::new(&self.catalog);
        for &(scope, field, value) in facts {
            if let Some(slot) = self.catalog.slot(scope, field) {
                values.set(slot, value);
            }
        }
        let links: &dyn Shortener =
            if message.short_links { &DemoShortener } else { &FullLinks };
        let rendered = template
            .render(&values, links)
            .map_err(|e| format!("rule {rule:?}: {e}"))?;
        let text = if message.replace_national {
            let national = Replacements::NATIONAL;
            self.segmenter
                .replace(rendered.text(), national)
                .text()
                .to_string()
        } else {
            rendered.into_text()
        };
        let measure = self.segmenter.analyze(&text);
        Ok(Sms { text, measure })
    }
}

/// The company's facts messages may name (the `company` scope).
const COMPANY: [(&str, &str); 2] =
    [("name", "ACME"), ("hotline", "+48 22 123 45 67")];

/// Everything the post-call programs load from the data folder: the
/// schedule (the send windows), the rule set, its messages, the staff
/// groups, the agents' names, and libphonenumber for number facts.
#[derive(Debug)]
pub struct PostCall {
    /// `schedule.json`.
    pub schedule: Schedule,
    /// `rules.json`, compiled.
    pub rules: CompiledRules,
    messages: Messages,
    staff: HashMap<String, Vec<String>>,
    agents: HashMap<String, String>,
    phones: LibPhoneNumber,
}

impl PostCall {
    /// Loads `schedule.json`, `rules.json`, `post-call-catalog.json`,
    /// `staff.json` and `agents.json` from `dir`.
    ///
    /// # Errors
    /// The first file that cannot be read or is invalid, named.
    pub fn load(dir: &Path) -> Result<PostCall, String> {
        let schedule =
            data::with(&dir.join("schedule.json"), Schedule::from_json)?;
        let rules_path = dir.join("rules.json");
        let rule_set = data::with(&rules_path, RuleSet::from_json)?;
        let in_rules = |e: String| format!("{}: {e}", rules_path.display());
        let rules = rule_set.compile().map_err(|e| in_rules(e.to_string()))?;
        let catalog = data::json(&dir.join("post-call-catalog.json"))?;
        let messages = Messages::new(catalog, &rule_set).map_err(in_rules)?;
        let staff = data::json(&dir.join("staff.json"))?;
        let agents = data::json(&dir.join("agents.json"))?;
        let pl = Region::new("PL").ok_or("no region PL")?;
        let phones = LibPhoneNumber::with_default_region(pl)
            .ok_or("libphonenumber does not know PL")?;
        Ok(PostCall { schedule, rules, messages, staff, agents, phones })
    }

    /// The rules' static checks, against the windows the schedule offers.
    pub fn findings(&self) -> Vec<Finding> {
        let windows: Vec<&str> = self.schedule.intervals().collect();
        self.rules.check(&windows)
    }

    /// The host for an evaluation: number facts from libphonenumber, the
    /// schedule's windows, `history`, and the staff groups.
    pub fn host<'a>(
        &'a self,
        windows: &'a ScheduleWindows<'a>,
        history: &'a SendLog,
    ) -> Host<'a> {
        Host::new(&self.phones)
            .windows(windows)
            .history(history)
            .groups(&self.staff)
    }

    /// Renders and measures rule `rule`'s `message` for `record`: the
    /// caller, the local date and time the call ended, the menu keys, the
    /// name of the agent who answered, and the company's facts.
    ///
    /// # Errors
    /// As [`Messages::render`].
    pub fn render(
        &self,
        rule: &str,
        message: &Message,
        record: &CallRecord,
    ) -> Result<Sms, String> {
        let end = record.end.with_timezone(&self.schedule.time_zone());
        let date = end.format("%Y-%m-%d").to_string();
        let time = end.format("%H:%M").to_string();
        let mut facts = vec![
            ("call", "caller", record.caller.as_str()),
            ("call", "date", date.as_str()),
            ("call", "time", time.as_str()),
            ("call", "keys", record.ivr_keys.as_str()),
        ];
        if let Some(agent) = &record.agent {
            let name = self.agents.get(agent).unwrap_or(agent);
            facts.push(("call", "agent", name.as_str()));
        }
        facts.extend(COMPANY.iter().map(|&(f, v)| ("company", f, v)));
        self.messages.render(rule, message, &facts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn windows_follow_the_schedule() {
        let schedule = Schedule::from_json(
            r#"{"time_zone": "Europe/Warsaw",
                "week": {"monday": [{"from": "08:00", "to": "16:00"}]}}"#,
        )
        .unwrap();
        let w = ScheduleWindows::new(&schedule);
        // Monday 2026-11-23, 10:00 in Warsaw is 09:00 UTC.
        let open = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        assert_eq!(w.state("Working time", open), Some(WindowState::Open));
        // 17:00 on Monday: next open on the following Monday at 08:00.
        let late = Utc.with_ymd_and_hms(2026, 11, 23, 16, 0, 0).unwrap();
        let next = Utc.with_ymd_and_hms(2026, 11, 30, 7, 0, 0).unwrap();
        assert_eq!(
            w.state("Working time", late),
            Some(WindowState::Closed { opens: Some(next) })
        );
        assert_eq!(
            w.state("Non-working time", open),
            Some(WindowState::Closed {
                opens: Some(
                    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap()
                )
            })
        );
        assert_eq!(w.state("Lunch", open), None);
    }
}
