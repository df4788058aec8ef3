//! Arbitrary UTF-8 through analysis, split, encode, decode and replacement;
//! see `sms_fuzz::check_encoding` for the invariants.
#![cfg_attr(fuzzing, no_main)]

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| sms_fuzz::check_encoding(data));

#[cfg(not(fuzzing))]
fn main() -> std::process::ExitCode {
    sms_fuzz::replay_main("encoding", sms_fuzz::check_encoding)
}
