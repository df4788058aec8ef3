//! Post-call rule sets (JSON, or built from the bytes) and calls, every
//! decision compared with a model; see `sms_fuzz::check_rules`.
#![cfg_attr(fuzzing, no_main)]

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| sms_fuzz::check_rules(data));

#[cfg(not(fuzzing))]
fn main() -> std::process::ExitCode {
    sms_fuzz::replay_main("rules", sms_fuzz::check_rules)
}
