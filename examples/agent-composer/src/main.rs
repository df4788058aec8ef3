//! `agent-composer`: what an agent sees when sending an SMS from a
//! template (seeds 001 and 004), composed from `sms-templates` (render the
//! template for one contact) and `sms-encoding` (measure the result).
//!
//! ```text
//! agent-composer [--template NAME] [--contact ID] [--data DIR]
//! ```
//!
//! Reads `catalog.json` and `templates.json` (the formats of
//! `sms-templates`) and `contacts.json` (the host's own data: the agent
//! and a few contacts, some with an open case) from `DIR`, by default
//! `examples/data`. For every template and contact, it renders the text
//! as sent from the contact's case and as sent from the contact card
//! (where there is no case, so the case variables render as nothing), and
//! prints:
//!
//! - the text, and the two counters agents see: `58 – [UCS2 1]` (units,
//!   encoding, parts; seed 004) and `58/1` (characters, parts; seed 001);
//! - for a UCS-2 text, the characters that force it;
//! - what "replace national characters" (seed 000) would give;
//! - for a UCS-2 text that national language shift tables carry (Hindi,
//!   Tamil ...), the counter with those tables and the parts saved; a
//!   Hindi and a Tamil message at the end show it;
//! - for a text over 10 parts, that it is refused, and why.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Deserialize;
use sms_encoding::{Analysis, Encoding, Language, Replacements, Segmenter};
use sms_templates::{Catalog, CompiledTemplate, NoLinks, Template, Values};

/// Prints a line like `println!`, but a reader that stops reading
/// (`agent-composer | head`) ends the program quietly, not with a panic.
macro_rules! outln {
    () => {
        write_line(format_args!(""))
    };
    ($($arg:tt)*) => {
        write_line(format_args!($($arg)*))
    };
}

fn write_line(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    if let Err(e) = writeln!(std::io::stdout().lock(), "{line}") {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("agent-composer: cannot write to standard output: {e}");
        std::process::exit(1);
    }
}

const USAGE: &str = "\
Usage: agent-composer [--template NAME] [--contact ID] [--data DIR]

Renders each template of DIR/templates.json for each contact of
DIR/contacts.json (from their case, and from the contact card) and shows
the SMS counter, the characters that force UCS-2, and what replacing
national characters saves. DIR defaults to examples/data.
";

/// `contacts.json`: the agent who sends, and the contacts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AddressBook {
    user: Agent,
    contacts: Vec<Contact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Agent {
    first_name: String,
    phone: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Contact {
    id: String,
    first_name: String,
    last_name: String,
    phone: String,
    #[serde(default)]
    case: Option<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    number: String,
    title: String,
    status: String,
}

/// The command line.
#[derive(Debug, Default)]
struct Args {
    template: Option<String>,
    contact: Option<String>,
    data: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args::default();
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next().ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--template" => args.template = Some(value("--template")?),
            "--contact" => args.contact = Some(value("--contact")?),
            "--data" => args.data = Some(value("--data")?.into()),
            "-h" | "--help" => {
                outln!("{}", USAGE.trim_end());
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(args)
}

/// Reads and parses one JSON data file, naming it in any error.
fn load<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// One recipient's values: the agent always, the contact always (their
/// scope is present even where a field is empty, so fallbacks apply), the
/// case only when sending from it.
fn values<'a>(
    catalog: &Catalog,
    agent: &'a Agent,
    contact: &'a Contact,
    case: Option<&'a Case>,
) -> Values<'a> {
    let mut v = Values::new(catalog);
    let mut set = |scope: &str, field: &str, value: &'a str| {
        if let Some(slot) = catalog.slot(scope, field) {
            v.set(slot, value);
        }
    };
    set("user", "first_name", &agent.first_name);
    set("user", "phone", &agent.phone);
    set("contact", "first_name", &contact.first_name);
    set("contact", "last_name", &contact.last_name);
    set("contact", "phone", &contact.phone);
    if let Some(case) = case {
        set("case", "number", &case.number);
        set("case", "title", &case.title);
        set("case", "status", &case.status);
    }
    v
}

/// Prints what the agent's screen shows for one rendered text.
fn show(seg: &Segmenter, text: &str) {
    // Long texts are shown by their start here; everything is measured
    // in full.
    match text.char_indices().nth(120) {
        Some((cut, _)) => outln!(
            "    {}… ({} characters in all)",
            &text[..cut],
            text.chars().count()
        ),
        None => outln!("    {text}"),
    }
    match seg.analyze(text) {
        Ok(a) => {
            outln!("    {}   {}", a.units_counter(), a.chars_counter());
            if a.encoding() == Encoding::Ucs2 {
                let culprits: Vec<String> =
                    seg.non_gsm_chars(text).map(|c| c.to_string()).collect();
                let shown = culprits.len().min(3);
                let more = match culprits.len() - shown {
                    0 => String::new(),
                    n => format!(" and {n} more"),
                };
                outln!(
                    "    UCS-2 because of {}{more}",
                    culprits[..shown].join(", ")
                );
                show_national(seg, text, &a);
            }
        }
        // Over 10 parts: refused with the counts, never cut (R4).
        Err(e) => outln!("    refused: {e}"),
    }
    // The two replacement switches: national letters (seed 000), then
    // typographic look-alikes as well.
    let national = Replacements::NATIONAL;
    let options = [
        ("national characters", national),
        ("look-alikes too", Replacements::ALL),
    ];
    let mut last = 0;
    for (name, what) in options {
        let r = seg.replace(text, what);
        // Only what changes something beyond the previous switch.
        if r.replacements().len() == last {
            continue;
        }
        last = r.replacements().len();
        let (before, after) = (r.before(), r.after());
        let verdict = if !after.within_limit() {
            "still over the limit".to_string()
        } else if after.segments() < before.segments() {
            let saved = before.segments() - after.segments();
            format!("{saved} part{} fewer", if saved == 1 { "" } else { "s" })
        } else {
            "no part fewer".to_string()
        };
        outln!(
            "    replace {name}: {} ({} characters replaced; {verdict})",
            after.units_counter(),
            r.replacements().len(),
        );
        if let Some(c) = after.first_non_gsm() {
            outln!("      still UCS-2 because of {c}");
        }
    }
}

/// What the national language shift tables (all thirteen allowed) make
/// of a UCS-2 text, when they make it GSM-7.
fn show_national(seg: &Segmenter, text: &str, ucs2: &Analysis) {
    let national = Segmenter::builder()
        .max_parts(seg.max_parts())
        .concatenation(seg.concatenation_reference())
        .keep_graphemes(seg.keeps_graphemes())
        .national_languages(Language::ALL)
        .build();
    let Ok(Ok(a)) = national.map(|n| n.analyze(text)) else { return };
    if a.encoding() != Encoding::Gsm7 {
        return;
    }
    let saved = ucs2.segments() - a.segments();
    outln!(
        "    with national shift tables: {} ({}; {saved} part{} fewer)",
        a.units_counter(),
        a.shift(),
        if saved == 1 { "" } else { "s" }
    );
}

/// Messages as an agent in India sends them: UCS-2 (67 characters a
/// part) without the national shift tables, GSM-7 (146 with two tables)
/// with them.
const INDIAN_SAMPLES: [(&str, &str); 2] = [
    (
        "Hindi",
        "नमस्ते! आपका ऑर्डर 1234 भेज दिया गया है और कल तक पहुँच जाएगा। \
         किसी भी प्रश्न के लिए हमें इस नंबर पर कॉल करें। धन्यवाद।",
    ),
    (
        "Tamil",
        "வணக்கம்! உங்கள் ஆர்டர் 1234 அனுப்பப்பட்டது, நாளை வந்து சேரும். \
         ஏதேனும் கேள்விகளுக்கு இந்த எண்ணை அழைக்கவும். நன்றி.",
    ),
];

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let dir = args.data.unwrap_or_else(|| {
        // Works from the workspace root and from this crate's folder.
        let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        here.join("..").join("data")
    });
    let catalog: Catalog = load(&dir.join("catalog.json"))?;
    let templates: Vec<Template> = load(&dir.join("templates.json"))?;
    let book: AddressBook = load(&dir.join("contacts.json"))?;
    if let Some(p) = catalog.problems().first() {
        return Err(format!("catalog.json: {p}"));
    }

    // Compile every template once, as the host does when they are saved.
    let mut compiled: Vec<(&Template, CompiledTemplate)> = Vec::new();
    for t in &templates {
        if args.template.as_ref().is_some_and(|n| *n != t.name) {
            continue;
        }
        let c = t.compile(&catalog).map_err(|e| {
            format!("templates.json: template {:?}: {e}", t.name)
        })?;
        compiled.push((t, c));
    }
    if compiled.is_empty() {
        return Err(format!("no template named {:?}", args.template));
    }
    let contacts: Vec<&Contact> = book
        .contacts
        .iter()
        .filter(|c| args.contact.as_ref().is_none_or(|id| *id == c.id))
        .collect();
    if contacts.is_empty() {
        return Err(format!("no contact with id {:?}", args.contact));
    }

    let seg = Segmenter::default();
    for (template, compiled) in &compiled {
        match &template.description {
            Some(d) => outln!("{} — {d}", template.name),
            None => outln!("{}", template.name),
        }
        for contact in &contacts {
            let who = format!("{} {}", contact.first_name, contact.last_name);
            let mut sends = vec![(None, "from the contact card".to_string())];
            if let Some(case) = &contact.case {
                sends.insert(
                    0,
                    (Some(case), format!("from case {}", case.number)),
                );
            }
            for (case, from) in sends {
                outln!("  {}, {from}:", who.trim());
                let v = values(&catalog, &book.user, contact, case);
                match compiled.render(&v, &NoLinks) {
                    Ok(r) => show(&seg, r.text()),
                    Err(e) => outln!("    not rendered: {e}"),
                }
            }
        }
        outln!();
    }
    if args.template.is_none() && args.contact.is_none() {
        outln!("Texts in Indian languages");
        for (language, text) in INDIAN_SAMPLES {
            outln!("  {language}:");
            show(&seg, text);
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("agent-composer: {e}");
            ExitCode::FAILURE
        }
    }
}
