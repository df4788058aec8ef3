//! The checks behind the fuzz targets, and a replayer that runs them over
//! committed seeds on the stable toolchain (what CI does).
//!
//! Each check panics when an invariant fails; libFuzzer (under `cargo
//! fuzz`) reports the panic as a crash, and the replayer reports it as a
//! failed seed. A crash found by fuzzing is committed under `corpus/` and
//! becomes an ordinary regression test in `crates/*/tests`.

use std::path::{Path, PathBuf};

mod encoding;
pub use encoding::{check_decode, check_encoding};
mod scenario;
pub use scenario::check_scenario;
mod rules;
pub use rules::check_rules;
mod schedule;
pub use schedule::check_schedule;
mod templates;
use std::process::ExitCode;
pub use templates::check_templates_model;

/// An arbitrary template body (after the first byte) and values derived
/// from the first byte: compiling never panics and its problems lie inside
/// the source; a compiled template renders within its length bounds, the
/// fast and the provenance renders agree, and each substitution's bytes
/// are the value, the fallback, or nothing.
pub fn check_templates(data: &[u8]) {
    use sms_templates::{
        Catalog, Filled, NoLinks, PlaceholderKind, Template, Values,
    };
    let Some((&seed, body)) = data.split_first() else { return };
    let body = String::from_utf8_lossy(body);
    let catalog = Catalog::standard();
    let compiled = match Template::new("fuzz", body.as_ref()).compile(&catalog)
    {
        Ok(t) => t,
        Err(err) => {
            for p in err.problems() {
                let span = p.position().span();
                assert!(span.start <= span.end);
                assert!(span.end <= body.len());
                assert!(body.is_char_boundary(span.start));
            }
            return;
        }
    };
    let words = ["Anna", "", "Zażółć 😀", "{{x}}", "a\nb"];
    let mut values = Values::new(&catalog);
    for (i, (_, scope)) in
        catalog.scopes.iter().enumerate().map(|s| (s.0, s.1)).enumerate()
    {
        if seed >> i & 1 == 0 {
            continue;
        }
        for f in &scope.fields {
            if let Some(slot) = catalog.slot(&scope.name, &f.name) {
                values.set(
                    slot,
                    words[(seed as usize + slot.index()) % words.len()],
                );
            }
        }
    }
    let rendered = match compiled.render(&values, &NoLinks) {
        Ok(r) => r,
        Err(_) => return, // a link without a shortener, or the size limit
    };
    let mut fast = String::new();
    if compiled.render_to(&values, &NoLinks, &mut fast).is_ok() {
        assert_eq!(fast, rendered.text());
    }
    let bounds = compiled.length_bounds(&NoLinks);
    let n = rendered.text().chars().count();
    assert!(
        bounds.min_chars() <= n && bounds.max_chars().is_none_or(|m| n <= m)
    );
    for sub in rendered.substitutions() {
        let got = &rendered.text()[sub.range()];
        if let PlaceholderKind::Variable { fallback, .. } =
            compiled.placeholders()[sub.placeholder()].kind()
        {
            match sub.filled() {
                Filled::Fallback => assert_eq!(Some(got), fallback.as_deref()),
                Filled::Value => assert!(words.contains(&got)),
                _ => assert_eq!(got, ""),
            }
        }
    }
}

/// The default seed folder of a target: `fuzz/corpus/<target>`.
pub fn corpus_dir(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(target)
}

/// Runs `check` over every file in the folders or files given as
/// arguments (default: the target's committed corpus), printing a closing
/// `N passed, M failed` line. A panicking seed counts as failed and is
/// named on stderr.
pub fn replay_main(target: &str, check: fn(&[u8])) -> ExitCode {
    let args: Vec<PathBuf> =
        std::env::args_os().skip(1).map(PathBuf::from).collect();
    let roots = if args.is_empty() { vec![corpus_dir(target)] } else { args };
    let mut files = Vec::new();
    for root in &roots {
        if root.is_dir() {
            match std::fs::read_dir(root) {
                Ok(entries) => files
                    .extend(entries.filter_map(|e| e.ok()).map(|e| e.path())),
                Err(e) => {
                    eprintln!("{}: {e}", root.display());
                    return ExitCode::FAILURE;
                }
            }
        } else {
            files.push(root.clone());
        }
    }
    files.sort();
    let (mut passed, mut failed) = (0, 0);
    for file in &files {
        let data = match std::fs::read(file) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{}: {e}", file.display());
                failed += 1;
                continue;
            }
        };
        match std::panic::catch_unwind(|| check(&data)) {
            Ok(()) => passed += 1,
            Err(_) => {
                eprintln!("FAILED: {}", file.display());
                failed += 1;
            }
        }
    }
    println!("{target}: {passed} passed, {failed} failed");
    if failed == 0 && passed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
