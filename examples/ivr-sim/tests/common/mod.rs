//! What the command-line tests share: running the built `ivr-sim`.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `ivr-sim` in the package folder with `args`, `stdin` as its input.
pub fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ivr-sim"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start ivr-sim");
    let mut input = child.stdin.take().expect("piped");
    let _ = input.write_all(stdin.as_bytes());
    drop(input);
    child.wait_with_output().expect("wait for ivr-sim")
}
