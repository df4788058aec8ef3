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

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use post_call_rules::{Message, RuleSet, SendWindows, WindowState};
use schedule::Schedule;
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
/// at the next change into it.
#[derive(Debug)]
pub struct ScheduleWindows<'s> {
    schedule: &'s Schedule,
}

/// How many changes of interval [`ScheduleWindows`] looks through for the
/// next opening: a year of a busy weekly plan.
const MAX_CHANGES: usize = 2_000;

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
        if self.schedule.at(at).interval == name {
            return Some(WindowState::Open);
        }
        let mut t = at;
        for _ in 0..MAX_CHANGES {
            match self.schedule.next_change(t) {
                Some(c) if c.to == name => {
                    return Some(WindowState::Closed { opens: Some(c.at) })
                }
                Some(c) if c.at > t => t = c.at,
                _ => break,
            }
        }
        Some(WindowState::Closed { opens: None })
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

/// The facts of one call a message may name (the `call` scope), and the
/// company's (the `company` scope).
#[derive(Clone, Debug, Default)]
pub struct MessageFacts<'a> {
    /// `call.*` fields by name.
    pub call: Vec<(&'a str, &'a str)>,
    /// `company.*` fields by name.
    pub company: Vec<(&'a str, &'a str)>,
}

/// One rendered, measured SMS.
#[derive(Clone, Debug)]
pub struct Sms {
    /// The text as sent (after national-character replacement when the
    /// rule asks for it).
    pub text: String,
    /// Characters replaced.
    pub replaced: usize,
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

    /// Renders rule `rule`'s message for a call, applies its
    /// national-character replacement, and measures it.
    ///
    /// # Errors
    /// An unknown rule name, or a render error (a value over its field's
    /// maximum).
    pub fn render(
        &self,
        rule: &str,
        message: &Message,
        facts: &MessageFacts<'_>,
    ) -> Result<Sms, String> {
        let template = self
            .templates
            .get(rule)
            .ok_or_else(|| format!("no message compiled for rule {rule:?}"))?;
        let mut values = Values::new(&self.catalog);
        for (scope, fields) in
            [("call", &facts.call), ("company", &facts.company)]
        {
            for &(field, value) in fields.iter() {
                if let Some(slot) = self.catalog.slot(scope, field) {
                    values.set(slot, value);
                }
            }
        }
        let links: &dyn Shortener =
            if message.short_links { &DemoShortener } else { &FullLinks };
        let rendered = template
            .render(&values, links)
            .map_err(|e| format!("rule {rule:?}: {e}"))?;
        let (text, replaced) = if message.replace_national {
            let r = self.segmenter.replace(
                &rendered.text,
                Replacements { national: true, smart: false },
            );
            (r.text().to_string(), r.replacements().len())
        } else {
            (rendered.text, 0)
        };
        let measure = self.segmenter.analyze(&text);
        Ok(Sms { text, replaced, measure })
    }
}
