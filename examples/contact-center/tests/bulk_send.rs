//! Runs `bulk-send` on the committed group and checks what it reports.

use std::process::{Command, Output};

use sms_encoding::Segmenter;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bulk-send"))
        .args(args)
        .output()
        .expect("runs")
}

fn stdout(out: Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The number after `label` on the line that contains it.
fn number_after(out: &str, label: &str) -> usize {
    let line = out.lines().find(|l| l.contains(label)).expect(label);
    let rest = &line[line.find(label).unwrap() + label.len()..];
    rest.trim()
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn preview_bounds_and_every_recipient_accounted_for() {
    let out = stdout(run(&[]));
    // The preview keeps the variables as written (R10).
    assert!(out.contains("preview: {{contact.first_name | \"Dzień dobry\"}},"));
    assert!(out.contains("parts"));
    let sends: Vec<&str> =
        out.lines().filter(|l| l.starts_with("  send ")).collect();
    let skips = out.lines().filter(|l| l.starts_with("  skip ")).count();
    assert_eq!(sends.len() + skips, 300, "every contact is sent or skipped");
    assert_eq!(number_after(&out, "Totals:"), sends.len());
    assert_eq!(number_after(&out, "skipped:"), skips);
    // Each line's encoding and parts are sms-encoding's for its text.
    let seg = Segmenter::default();
    let mut parts = 0;
    for line in &sends {
        let (head, text) = line.split_once(": ").unwrap();
        let a = seg.analyze(text).unwrap();
        // `send <number> <encoding> <parts> part(s)`; numbers have spaces.
        let fields: Vec<&str> = head.split_whitespace().rev().collect();
        assert_eq!(fields[2], a.encoding().name(), "{line}");
        assert_eq!(
            fields[1].parse::<usize>().unwrap(),
            a.segments(),
            "{line}"
        );
        parts += a.segments();
    }
    assert_eq!(number_after(&out, "messages,"), parts);
    // Landlines and toll-free numbers are skipped with the line type.
    assert!(out.contains("not a mobile number: a fixed line"), "{out}");
    assert!(out.contains("not a mobile number: a toll-free number"), "{out}");
    // A number too short to exist is invalid, not "of an unknown kind".
    let short = out.lines().find(|l| l.contains("+48 601 23 ")).unwrap();
    assert!(short.ends_with("not a valid phone number"), "{short}");
    assert!(!out.contains("FixedLine") && !out.contains("TollFree"));
}

#[test]
fn over_the_batch_limit_is_refused_with_the_counts() {
    let dir =
        std::env::temp_dir().join(format!("bulk-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let contact = r#"{"first_name": "Ala", "last_name": "Nowak", "phone": "+48 601 234 567"}"#;
    let group = format!(
        r#"{{"name": "too many", "contacts": [{}]}}"#,
        vec![contact; 1001].join(",")
    );
    let path = dir.join("group.json");
    std::fs::write(&path, group).unwrap();
    let out = run(&["--quiet", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "a batch of 1001 recipients is more than the limit of 1000"
        ),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `bulk-send | head -1`: the reader closes the pipe after one line; the
/// program must end quietly, not panic on the broken pipe. A thousand
/// recipients print far more than a pipe holds, so the write does fail.
#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    let dir =
        std::env::temp_dir().join(format!("bulk-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let contacts: Vec<String> = (0..1000)
        .map(|i| {
            format!(r#"{{"first_name": "Ala", "last_name": "Nowak", "phone": "+48 601 {i:03} 567"}}"#)
        })
        .collect();
    let path = dir.join("group.json");
    std::fs::write(
        &path,
        format!(r#"{{"name": "many", "contacts": [{}]}}"#, contacts.join(",")),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bulk-send"))
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    reader.read_line(&mut first).unwrap();
    drop(reader);
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with("Template \"reminder\""), "{first}");
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
