//! Golden action logs for the flows of seed 002.
//!
//! Each `tests/data/flows/<name>.json` holds settings, the interval, the
//! facts and a script; `<name>.log` holds the expected log, the outcome
//! and the caller's trail. Lines starting with `#` are notes for people
//! (what the seed implies and that the log was reviewed) and are not
//! compared.
//!
//! The logs were first written by running the engine with
//! `CALL_SCENARIO_BLESS=1 cargo test -p call-scenario --test golden`
//! (which keeps the notes of an existing file), then read line by line
//! against the seed and the crate's documented rules before being
//! committed.

use std::fs;
use std::path::{Path, PathBuf};

use call_scenario::{simulate, Cue, Facts, Number, Settings};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Flow {
    about: String,
    settings: Settings,
    interval: String,
    facts: Facts,
    script: Vec<Cue>,
}

fn flows() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/flows");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// The log, outcome and trail of a flow, as the `.log` files hold them.
fn render(flow: &Flow) -> String {
    let number = Number::new(flow.settings.clone()).unwrap();
    let sim =
        simulate(&number, &flow.interval, flow.facts.clone(), &flow.script)
            .unwrap();
    assert_eq!(sim.violations(), Vec::<String>::new());
    let mut out = sim.log_text();
    out.push_str("--\n");
    let outcome = serde_json::to_string(&sim.call().outcome()).unwrap();
    out.push_str(&format!("outcome: {outcome}\n"));
    out.push_str(&format!("digits: {:?}\n", sim.call().digits()));
    out.push_str("trail:\n");
    for v in sim.call().trail() {
        match &v.choice() {
            Some(c) => out.push_str(&format!(
                "  {} -> {}\n",
                v.node(),
                serde_json::to_string(c).unwrap()
            )),
            None => out.push_str(&format!("  {}\n", v.node())),
        }
    }
    out
}

fn strip_notes(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn golden_logs() {
    let bless = std::env::var_os("CALL_SCENARIO_BLESS").is_some();
    let files = flows();
    assert!(files.len() >= 6, "flows missing: {files:?}");
    let mut failed = Vec::new();
    for file in files {
        let flow: Flow =
            serde_json::from_str(&fs::read_to_string(&file).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let got = render(&flow);
        let log = file.with_extension("log");
        let old = fs::read_to_string(&log).unwrap_or_default();
        if bless {
            let mut notes: String = old
                .lines()
                .filter(|l| l.starts_with('#'))
                .map(|l| format!("{l}\n"))
                .collect();
            if notes.is_empty() {
                notes = format!("# {}\n# NOT REVIEWED YET\n", flow.about);
            }
            fs::write(&log, format!("{notes}{got}")).unwrap();
        } else if strip_notes(&old) != got {
            failed.push(format!(
                "{}:\n--- expected\n{}--- got\n{got}",
                log.display(),
                strip_notes(&old)
            ));
        }
        assert!(
            bless || old.lines().any(|l| l.starts_with("# Reviewed")),
            "{}: no review note",
            log.display()
        );
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
