//! Schedules (JSON documents, or built from the bytes when the input
//! starts with `S`) against a naive minute walk; see
//! `sms_fuzz::check_schedule`.
#![cfg_attr(fuzzing, no_main)]

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| sms_fuzz::check_schedule(data));

#[cfg(not(fuzzing))]
fn main() -> std::process::ExitCode {
    sms_fuzz::replay_main("schedule", sms_fuzz::check_schedule)
}
