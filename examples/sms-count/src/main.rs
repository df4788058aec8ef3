//! `sms-count`: how many units and parts an SMS text takes.
//!
//! ```text
//! sms-count [OPTIONS] [TEXT]...
//! ```
//!
//! Each text given as an argument is counted; with no text arguments, each
//! line of standard input is one text (a trailing `\r\n` or `\n` is not part
//! of it). For every text one line is printed, the counter agents see:
//!
//! ```text
//! $ sms-count Hello '{x}'
//! 5 – [GSM_7BIT 1]
//! 5 – [GSM_7BIT 1]
//! ```
//!
//! With `--jsonl`, each line of standard input is a JSON string and each
//! output line is a JSON object: `encoding`, `shift`, `units`, `chars`,
//! `graphemes`, `segments`, `parts`, `capacity`, `units_left`, `counter`,
//! and `non_gsm` for a UCS-2 text. Text arguments given with `--jsonl` are
//! plain texts (not JSON); standard input is then not read.
//!
//! `--national hindi,tamil` (or `all`) allows national language shift
//! tables; `shift` then names the tables used.
//!
//! `--replace-national` and `--smart` replace characters before counting;
//! in JSON the object then also has `replaced` and `before`.
//!
//! A text over the part limit, or a line that is not UTF-8 (or, with
//! `--jsonl`, not a JSON string), gives an error on its own line, and the
//! rest goes on. The exit code is 0 if every line was fine, 1 if any line
//! had an error, and 2 for a usage error.

use std::ffi::OsString;
use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use serde_json::{json, Map, Value};
use sms_encoding::{
    Analysis, Concatenation, Error, ErrorKind, Language, Replaced,
    Replacements, Segmenter,
};

const USAGE: &str = "\
Usage: sms-count [OPTIONS] [TEXT]...

Counts SMS texts: encoding, units and parts. Each TEXT argument is one
text; with no TEXT arguments, each line of standard input is one text
(a trailing CR LF or LF is not part of it). One line is printed per text:
the counter, as in `225 – [GSM_7BIT 2]` (units, encoding, parts).

Options:
      --jsonl             Print one JSON object per text. Lines of standard
                          input are then JSON strings, as in \"Hello\\n\";
                          TEXT arguments stay plain texts, and when any are
                          given standard input is not read.
      --concat16          Use a 16-bit concatenation reference (152 septets
                          or 66 UCS-2 units per part instead of 153 / 67).
      --keep-graphemes    Never cut a part inside a grapheme cluster.
      --national LANGS    Allow the national language shift tables of
                          LANGS, a comma-separated list of turkish,
                          spanish, portuguese, bengali, gujarati, hindi,
                          kannada, malayalam, oriya, punjabi, tamil, telugu,
                          urdu, or `all`: the tables that need the fewest
                          parts are used.
      --replace-national  Replace national letters (ą → a, ж → zh) first.
      --smart             Replace typographic look-alikes (’ → ', – → -)
                          first.
  -h, --help              Print this help.
      --                  Treat every later argument as a TEXT.

JSON fields: encoding (\"GSM_7BIT\" or \"UCS2\"), shift (the national
tables used: {\"locking\": NAME or null, \"single\": NAME or null}, null
for the default alphabet and its extension), units, chars (Unicode
scalar values), graphemes, segments, parts (the text of each part),
capacity (units per part), units_left, counter; for UCS-2, non_gsm (the
characters that forced it: char, byte offset, character index); with a
replacement option, replaced (how many characters) and before (encoding,
units, segments of the original text).

Errors: a text over the 10-part limit prints `error: <message>`, or with
--jsonl an object with error, encoding, units, chars, segments and
max_parts. A line that is not UTF-8, or with --jsonl not a JSON string,
gets an error too. Every other line is still processed.

Exit status: 0 if every text was fine, 1 if any line had an error,
2 for a usage error.
";

/// How each text is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// The counter line, or `error: <message>`.
    Plain,
    /// One JSON object per line.
    Jsonl,
}

/// What the command line asked for.
#[derive(Debug)]
enum Command {
    /// Print the usage.
    Help,
    /// Count texts.
    Count(Counter, Vec<String>),
}

/// Counts texts with the options of the command line.
#[derive(Debug)]
struct Counter {
    mode: Mode,
    segmenter: Segmenter,
    replacements: Replacements,
}

/// One output line, and whether it reports an error.
#[derive(Debug)]
struct Answer {
    line: String,
    ok: bool,
}

fn main() -> ExitCode {
    let command = match parse_args(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("sms-count: {message}");
            eprintln!("Try 'sms-count --help' for more information.");
            return ExitCode::from(2);
        }
    };
    let (counter, texts) = match command {
        Command::Help => {
            // A closed stdout is no reason to complain about the help.
            let _ = io::stdout().lock().write_all(USAGE.as_bytes());
            return ExitCode::SUCCESS;
        }
        Command::Count(counter, texts) => (counter, texts),
    };

    let mut out = BufWriter::new(io::stdout().lock());
    let mut all_ok = true;
    let result = if texts.is_empty() {
        counter.count_stdin(&mut out, &mut all_ok)
    } else {
        counter.count_texts(&texts, &mut out, &mut all_ok)
    };
    let result = result.and_then(|()| out.flush());

    match result {
        Ok(()) => {}
        // The reader went away (`sms-count < big.txt | head`): stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("sms-count: {e}");
            return ExitCode::FAILURE;
        }
    }
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Reads the options and texts. `Err` is a usage error message.
fn parse_args(
    args: impl Iterator<Item = OsString>,
) -> Result<Command, String> {
    let mut mode = Mode::Plain;
    let mut builder = Segmenter::builder();
    let mut replacements = Replacements::default();
    let mut texts = Vec::new();
    let mut only_texts = false;

    let mut args = args;
    while let Some(arg) = args.next() {
        let Some(arg) = arg.to_str() else {
            return Err(format!(
                "argument {} is not valid UTF-8",
                arg.to_string_lossy()
            ));
        };
        if only_texts || !arg.starts_with('-') {
            texts.push(arg.to_owned());
            continue;
        }
        match arg {
            "--" => only_texts = true,
            "-h" | "--help" => return Ok(Command::Help),
            "--jsonl" => mode = Mode::Jsonl,
            "--concat16" => {
                builder = builder.concatenation(Concatenation::Ref16);
            }
            "--keep-graphemes" => builder = builder.keep_graphemes(true),
            "--replace-national" => {
                replacements = replacements.national(true);
            }
            "--smart" => replacements = replacements.smart(true),
            "--national" => {
                let value = args
                    .next()
                    .ok_or("--national needs a list of languages, or all")?;
                let value = value.to_str().ok_or("--national: not UTF-8")?;
                builder = builder.national_languages(&languages(value)?);
            }
            _ => match arg.strip_prefix("--national=") {
                Some(value) => {
                    builder = builder.national_languages(&languages(value)?);
                }
                None => return Err(format!("unknown option '{arg}'")),
            },
        }
    }

    let segmenter = builder.build().map_err(|e| e.to_string())?;
    let counter = Counter { mode, segmenter, replacements };
    Ok(Command::Count(counter, texts))
}

/// The languages of `--national`: comma-separated names, or `all`.
fn languages(list: &str) -> Result<Vec<Language>, String> {
    if list == "all" {
        return Ok(Language::ALL.to_vec());
    }
    list.split(',')
        .map(|name| {
            name.trim()
                .parse::<Language>()
                .map_err(|e| format!("--national: {e}"))
        })
        .collect()
}

impl Counter {
    /// Answers each text given on the command line.
    fn count_texts(
        &self,
        texts: &[String],
        out: &mut impl Write,
        all_ok: &mut bool,
    ) -> io::Result<()> {
        for text in texts {
            write_answer(out, &self.answer_text(text), all_ok)?;
        }
        Ok(())
    }

    /// Answers each line of standard input, one at a time.
    fn count_stdin(
        &self,
        out: &mut impl Write,
        all_ok: &mut bool,
    ) -> io::Result<()> {
        let mut input = io::stdin().lock();
        let mut line = Vec::new();
        loop {
            line.clear();
            if input.read_until(b'\n', &mut line)? == 0 {
                return Ok(());
            }
            let answer = self.answer_line(strip_line_end(&line));
            write_answer(out, &answer, all_ok)?;
        }
    }

    /// Answers one line of standard input, without its line end.
    fn answer_line(&self, line: &[u8]) -> Answer {
        let Ok(line) = std::str::from_utf8(line) else {
            return self.answer_problem("the line is not valid UTF-8");
        };
        match self.mode {
            Mode::Plain => self.answer_text(line),
            Mode::Jsonl => match parse_json_string(line) {
                Ok(text) => self.answer_text(&text),
                Err(message) => self.answer_problem(&message),
            },
        }
    }

    /// Answers a line that could not be read as a text.
    fn answer_problem(&self, message: &str) -> Answer {
        let line = match self.mode {
            Mode::Plain => format!("error: {message}"),
            Mode::Jsonl => json!({ "error": message }).to_string(),
        };
        Answer { line, ok: false }
    }

    /// Counts one text, after the replacements asked for.
    fn answer_text(&self, text: &str) -> Answer {
        let replaced = self.replace(text);
        let counted = replaced.as_ref().map_or(text, |r| r.text());
        match self.mode {
            Mode::Plain => self.plain_answer(counted),
            Mode::Jsonl => self.json_answer(counted, replaced.as_ref()),
        }
    }

    /// The text with replacements made, if any replacement is on.
    fn replace<'t>(&self, text: &'t str) -> Option<Replaced<'t>> {
        if self.replacements != Replacements::NONE {
            Some(self.segmenter.replace(text, self.replacements))
        } else {
            None
        }
    }

    /// The counter line, or `error: <message>`.
    fn plain_answer(&self, text: &str) -> Answer {
        match self.segmenter.analyze(text) {
            Ok(analysis) => {
                Answer { line: analysis.units_counter().to_string(), ok: true }
            }
            Err(err) => Answer { line: format!("error: {err}"), ok: false },
        }
    }

    /// The JSON object for `text`, the text as counted (after
    /// `replaced`, when replacements are on).
    fn json_answer(&self, text: &str, replaced: Option<&Replaced>) -> Answer {
        let (mut object, ok) = match self.segmenter.split(text) {
            Ok(split) => {
                let parts: Vec<&str> =
                    split.parts().iter().map(|part| part.text()).collect();
                (self.counts_object(text, split.analysis(), &parts), true)
            }
            Err(err) => (error_object(&err), false),
        };
        if let Some(replaced) = replaced {
            add_replacement_fields(&mut object, replaced);
        }
        Answer { line: Value::Object(object).to_string(), ok }
    }

    /// The counts of a text that fits the part limit.
    fn counts_object(
        &self,
        text: &str,
        analysis: &Analysis,
        parts: &[&str],
    ) -> Map<String, Value> {
        let mut object = Map::new();
        object.insert("encoding".into(), json!(analysis.encoding().name()));
        let shift = analysis.shift();
        object.insert(
            "shift".into(),
            json!({
                "locking": shift.locking().map(|l| l.name()),
                "single": shift.single().map(|l| l.name()),
            }),
        );
        object.insert("units".into(), json!(analysis.units()));
        object.insert("chars".into(), json!(analysis.chars()));
        object.insert("graphemes".into(), json!(analysis.graphemes()));
        object.insert("segments".into(), json!(analysis.segments()));
        object.insert("parts".into(), json!(parts));
        object.insert("capacity".into(), json!(analysis.capacity()));
        object.insert("units_left".into(), json!(analysis.units_left()));
        object.insert(
            "counter".into(),
            json!(analysis.units_counter().to_string()),
        );
        if analysis.first_non_gsm().is_some() {
            object.insert("non_gsm".into(), self.non_gsm(text));
        }
        object
    }

    /// The characters that make `text` UCS-2, with their positions.
    fn non_gsm(&self, text: &str) -> Value {
        let chars: Vec<Value> = self
            .segmenter
            .non_gsm_chars(text)
            .map(|c| {
                json!({
                    "char": c.ch().to_string(),
                    "offset": c.offset(),
                    "index": c.index(),
                })
            })
            .collect();
        Value::Array(chars)
    }
}

/// The object for a text that cannot be counted: the message and, for a
/// text over the part limit, its counts.
fn error_object(err: &Error) -> Map<String, Value> {
    let mut object = Map::new();
    object.insert("error".into(), json!(err.to_string()));
    if let ErrorKind::TooManyParts {
        encoding,
        units,
        chars,
        segments,
        max_parts,
        max_units,
        fits_bytes,
        ..
    } = err.kind()
    {
        object.insert("encoding".into(), json!(encoding.name()));
        object.insert("units".into(), json!(units));
        object.insert("chars".into(), json!(chars));
        object.insert("segments".into(), json!(segments));
        object.insert("max_parts".into(), json!(max_parts));
        object.insert("max_units".into(), json!(max_units));
        object.insert("fits_bytes".into(), json!(fits_bytes));
    }
    object
}

/// Adds what the replacements changed: how many characters, and the
/// counts of the original text.
fn add_replacement_fields(
    object: &mut Map<String, Value>,
    replaced: &Replaced,
) {
    let before = replaced.before();
    object.insert("replaced".into(), json!(replaced.replacements().len()));
    object.insert(
        "before".into(),
        json!({
            "encoding": before.encoding().name(),
            "units": before.units(),
            "segments": before.segments(),
        }),
    );
}

/// The text of a `--jsonl` input line, which must be one JSON string.
fn parse_json_string(line: &str) -> Result<String, String> {
    match serde_json::from_str::<Value>(line) {
        Ok(Value::String(text)) => Ok(text),
        Ok(other) => {
            Err(format!("expected a JSON string, got {}", json_kind(&other)))
        }
        Err(err) => Err(format!("the line is not a JSON string: {err}")),
    }
}

/// What kind of JSON value `value` is, for an error message.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `line` without its trailing `\n`, and without a `\r` before it.
fn strip_line_end(line: &[u8]) -> &[u8] {
    match line.strip_suffix(b"\n") {
        Some(line) => line.strip_suffix(b"\r").unwrap_or(line),
        None => line,
    }
}

/// Writes one answer line, remembering whether it was an error.
fn write_answer(
    out: &mut impl Write,
    answer: &Answer,
    all_ok: &mut bool,
) -> io::Result<()> {
    if !answer.ok {
        *all_ok = false;
    }
    writeln!(out, "{}", answer.line)
}
