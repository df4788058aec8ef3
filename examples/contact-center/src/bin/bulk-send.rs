//! `bulk-send`: one template to a group of up to 1000 contacts (seed
//! 001), composed from `sms-templates` (preview, length bounds, batch
//! render), `sms-encoding` (encoding and parts) and `post-call-rules`'
//! number facts over libphonenumber (only mobile numbers get SMS, R20).
//!
//! ```text
//! cargo run -p contact-center --bin bulk-send [-- --template NAME] [--quiet] [GROUP.json]
//! ```
//!
//! Prints the preview with the variables unfilled and the range of parts
//! the message may take before anyone's values are known; then each
//! recipient's message with its encoding and parts, or why the recipient
//! is skipped; then the totals: messages, parts billed, per encoding.
//! On a terminal, a progress line counts the recipients done.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use contact_center::{data, outln};
use post_call_rules::{LibPhoneNumber, LineType, NumberInfo, Region};
use serde::Deserialize;
use sms_encoding::Segmenter;
use sms_templates::{Catalog, NoLinks, Template, Values};

/// `group.json`: a named group of contacts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    name: String,
    contacts: Vec<Contact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Contact {
    first_name: String,
    last_name: String,
    phone: String,
}

/// `contacts.json`'s agent: the user who sends.
#[derive(Debug, Deserialize)]
struct Book {
    user: Agent,
}

#[derive(Debug, Deserialize)]
struct Agent {
    first_name: String,
    phone: String,
}

fn run() -> Result<(), String> {
    let dir = data::dir();
    let mut template_name = "reminder".to_string();
    let mut group_path = dir.join("group.json");
    let mut quiet = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--template" => {
                template_name = args.next().ok_or("--template needs a name")?
            }
            "--quiet" => quiet = true,
            "-h" | "--help" => {
                outln!("Usage: bulk-send [--template NAME] [--quiet] [GROUP.json]");
                return Ok(());
            }
            path => group_path = PathBuf::from(path),
        }
    }
    let catalog: Catalog = data::json(&dir.join("catalog.json"))?;
    let templates: Vec<Template> = data::json(&dir.join("templates.json"))?;
    let agent = data::json::<Book>(&dir.join("contacts.json"))?.user;
    let group: Group = data::json(&group_path)?;
    let template =
        templates.iter().find(|t| t.name == template_name).ok_or_else(
            || format!("templates.json: no template {template_name:?}"),
        )?;
    let compiled = template
        .compile(&catalog)
        .map_err(|e| format!("templates.json: {template_name:?}: {e}"))?;
    let slot = |scope: &str, field: &str| {
        catalog
            .slot(scope, field)
            .ok_or_else(|| format!("catalog.json has no {scope}.{field}"))
    };
    let (first, last, phone) = (
        slot("contact", "first_name")?,
        slot("contact", "last_name")?,
        slot("contact", "phone")?,
    );
    let (user_first, user_phone) =
        (slot("user", "first_name")?, slot("user", "phone")?);

    // Before anyone's values: the preview, and the range of parts.
    let seg = Segmenter::default();
    let wide = Segmenter::builder()
        .max_parts(255)
        .build()
        .map_err(|e| e.to_string())?;
    let bounds = compiled.length_bounds(&NoLinks);
    let shortest = compiled
        .render(&Values::new(&catalog), &NoLinks)
        .map_err(|e| e.to_string())?;
    // The longest: every field at its catalog maximum, in letters that
    // force UCS-2 (characters outside the BMP would count twice).
    let long_values: Vec<String> = catalog
        .scopes
        .iter()
        .flat_map(|s| &s.fields)
        .map(|f| "ą".repeat(f.max_chars.unwrap_or(0)))
        .collect();
    let mut longest = Values::new(&catalog);
    for (scope_fields, value) in catalog
        .scopes
        .iter()
        .flat_map(|s| s.fields.iter().map(move |f| (s, f)))
        .zip(&long_values)
    {
        let (s, f) = scope_fields;
        if let Some(slot) = catalog.slot(&s.name, &f.name) {
            longest.set(slot, value);
        }
    }
    let longest =
        compiled.render(&longest, &NoLinks).map_err(|e| e.to_string())?;
    let parts = |text: &str| match wide.analyze(text) {
        Ok(a) => a.segments().to_string(),
        Err(_) => "over 255".to_string(),
    };
    outln!(
        "Template {:?} to group {:?} ({} contacts)",
        template.name,
        group.name,
        group.contacts.len()
    );
    outln!("  preview: {}", compiled.preview());
    outln!(
        "  length: {}–{} characters; {}–{} parts",
        bounds.min_chars(),
        bounds.max_chars().map_or("unbounded".to_string(), |m| m.to_string()),
        parts(shortest.text()),
        parts(longest.text()),
    );
    outln!();

    // Each recipient: mobile numbers only, then one batch render.
    let phones = LibPhoneNumber::with_default_region(
        Region::new("PL").ok_or("no region PL")?,
    )
    .ok_or("libphonenumber does not know PL")?;
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    let mut recipients = Vec::new();
    let mut batch = Vec::new();
    for c in &group.contacts {
        let line = phones.details(&c.phone).line_type;
        if line != LineType::Mobile {
            let valid =
                phonenumber::parse(Some(phonenumber::country::PL), &c.phone)
                    .is_ok_and(|n| n.is_valid());
            let why = if c.phone.trim().is_empty() {
                "no number".to_string()
            } else if !valid {
                "not a valid phone number".to_string()
            } else {
                format!("not a mobile number: {}", line.words())
            };
            if !quiet {
                outln!(
                    "  skip {:<20} {} {}: {why}",
                    c.phone,
                    c.first_name,
                    c.last_name
                );
            }
            *skipped.entry(why).or_default() += 1;
            continue;
        }
        let mut v = Values::new(&catalog);
        v.set(first, &c.first_name)
            .set(last, &c.last_name)
            .set(phone, &c.phone);
        v.set(user_first, &agent.first_name).set(user_phone, &agent.phone);
        recipients.push(c);
        batch.push(v);
    }
    // The batch limit (1000 by default) is the template's; over it, the
    // whole send is refused before anything is rendered.
    let rendered =
        compiled.render_batch(&batch, &NoLinks).map_err(|e| e.to_string())?;
    let progress = std::io::stderr().is_terminal();
    let mut per_encoding: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut errors = 0;
    for (i, (c, r)) in recipients.iter().zip(&rendered).enumerate() {
        let result = r.as_ref().map_err(|e| e.to_string()).and_then(|r| {
            seg.analyze(r.text())
                .map(|a| (r.text(), a))
                .map_err(|e| e.to_string())
        });
        match result {
            Ok((text, a)) => {
                let e = per_encoding.entry(a.encoding().name()).or_default();
                e.0 += 1;
                e.1 += a.segments();
                if !quiet {
                    outln!(
                        "  send {:<20} {:<8} {} part{}: {text}",
                        c.phone,
                        a.encoding().name(),
                        a.segments(),
                        if a.segments() == 1 { "" } else { "s" }
                    );
                }
            }
            Err(e) => {
                errors += 1;
                outln!("  fail {:<20} {e}", c.phone);
            }
        }
        if progress && (i + 1) % 50 == 0 {
            eprint!("\r  {}/{} rendered", i + 1, recipients.len());
            let _ = std::io::stderr().flush();
        }
    }
    if progress {
        eprintln!("\r  {0}/{0} rendered", recipients.len());
    }
    let messages: usize = per_encoding.values().map(|e| e.0).sum();
    let billed: usize = per_encoding.values().map(|e| e.1).sum();
    outln!("\nTotals: {messages} messages, {billed} parts billed");
    for (enc, (n, p)) in &per_encoding {
        outln!("  {enc}: {n} messages, {p} parts");
    }
    outln!("  skipped: {}", skipped.values().sum::<usize>());
    for (why, n) in &skipped {
        outln!("    {why}: {n}");
    }
    if errors > 0 {
        outln!("  failed: {errors}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bulk-send: {e}");
            ExitCode::FAILURE
        }
    }
}
