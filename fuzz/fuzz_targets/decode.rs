//! Arbitrary bytes as received parts through `decode`, a single plain
//! part checked against a model reading; see `sms_fuzz::check_decode`.
#![cfg_attr(fuzzing, no_main)]

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| sms_fuzz::check_decode(data));

#[cfg(not(fuzzing))]
fn main() -> std::process::ExitCode {
    sms_fuzz::replay_main("decode", sms_fuzz::check_decode)
}
