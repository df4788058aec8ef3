//! The checks behind the fuzz targets, and a replayer that runs them over
//! committed seeds on the stable toolchain (what CI does).
//!
//! Each check panics when an invariant fails; libFuzzer (under `cargo
//! fuzz`) reports the panic as a crash, and the replayer reports it as a
//! failed seed. A crash found by fuzzing is committed under `corpus/` and
//! becomes an ordinary regression test in `crates/*/tests`.

use std::path::{Path, PathBuf};

mod scenario;
pub use scenario::check_scenario;
mod rules;
pub use rules::check_rules;
mod schedule;
pub use schedule::check_schedule;
mod templates;
use std::process::ExitCode;
pub use templates::check_templates_model;

use sms_encoding::{
    decode, Concatenation, EncodedPart, Encoding, Language, Packing,
    Replacements, Segmenter,
};

/// Options from the first byte of a fuzz input.
fn segmenter(flags: u8) -> Segmenter {
    let mut b = Segmenter::builder()
        .keep_graphemes(flags & 1 != 0)
        .max_parts(usize::from(flags >> 4).max(1) * 16);
    if flags & 2 != 0 {
        b = b.concatenation(Concatenation::Ref16);
    }
    if flags & 4 != 0 {
        for &l in Language::ALL {
            b = b.national_language(l);
        }
    }
    match b.build() {
        Ok(seg) => seg,
        Err(e) => panic!("valid options refused: {e}"),
    }
}

/// Arbitrary text through analysis, split, encode, decode and replacement:
/// the parts join to the text, their count equals the analysis, each fits,
/// and decoding the encoded parts gives the text back.
pub fn check_encoding(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let seg = segmenter(flags);
    let analysis = seg.analyze(&text);
    let split = seg.split(&text);
    let (analysis, split) = match (analysis, split) {
        (Ok(a), Ok(s)) => (a, s),
        (Err(a), Err(s)) => {
            assert_eq!(a, s, "analyze and split disagree on the error");
            return;
        }
        (a, s) => panic!("analyze {a:?} but split {:?}", s.map(|_| ())),
    };
    let parts = split.parts();
    assert_eq!(parts.len(), analysis.segments());
    let joined: String = parts.iter().map(|p| p.text()).collect();
    assert_eq!(joined, text);
    let mut units = 0;
    for p in parts {
        assert!(p.units() <= analysis.capacity());
        units += p.units();
        if analysis.encoding() == Encoding::Ucs2 {
            assert_eq!(p.units(), p.text().encode_utf16().count());
        }
    }
    assert_eq!(units, analysis.units());
    assert_eq!(analysis.chars(), text.chars().count());
    let packing =
        if flags & 8 != 0 { Packing::Packed } else { Packing::Unpacked };
    let encoded = seg.encode(&text, packing, u16::from(flags));
    let encoded = match encoded {
        Ok(parts) => parts,
        Err(e) => panic!("encode failed after split succeeded: {e}"),
    };
    match decode(&encoded) {
        Ok(back) => assert_eq!(back, text),
        Err(e) => panic!("decode of our own parts failed: {e}"),
    }
    let r = seg.replace(&text, Replacements::ALL);
    assert_eq!(r.before().units(), analysis.units());
    assert!(r.after().units() <= r.text().len() * 2);
}

/// Arbitrary bytes as received parts: decoding never panics, and whatever
/// decodes is valid text that analysis accepts.
pub fn check_decode(data: &[u8]) {
    let parts: Vec<EncodedPart> = data
        .split(|&b| b == 0xFF)
        .take(8)
        .filter_map(|chunk| {
            let (&head, rest) = chunk.split_first()?;
            let packing = if head & 1 != 0 {
                Packing::Packed
            } else {
                Packing::Unpacked
            };
            let data_coding = if head & 2 != 0 { 0x08 } else { head & 0xF0 };
            // With bit 3 set, the next 8 bytes are a free-form length, so
            // lengths that disagree with the data (or overflow) are tried.
            let (user_data_length, user_data) = match rest.split_first_chunk()
            {
                Some((len, data)) if head & 8 != 0 => {
                    (u64::from_le_bytes(*len) as usize, data)
                }
                _ if packing == Packing::Packed => (
                    (rest.len() * 8 / 7)
                        .saturating_sub(usize::from(head >> 6)),
                    rest,
                ),
                _ => (rest.len(), rest),
            };
            Some(EncodedPart::new(
                data_coding,
                head & 4 != 0,
                packing,
                user_data_length,
                user_data.to_vec(),
            ))
        })
        .collect();
    if let Ok(text) = decode(&parts) {
        let seg = Segmenter::builder().max_parts(255).build();
        if let Ok(seg) = seg {
            // Eight parts of at most a few hundred units always fit.
            let _ = seg.analyze(&text);
        }
    }
}

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
