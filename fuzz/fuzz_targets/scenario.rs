//! Arbitrary call-scenario settings and event streams; see
//! `sms_fuzz::check_scenario`.
#![cfg_attr(fuzzing, no_main)]

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| sms_fuzz::check_scenario(data));

#[cfg(not(fuzzing))]
fn main() -> std::process::ExitCode {
    sms_fuzz::replay_main("scenario", sms_fuzz::check_scenario)
}
