//! Arbitrary template bodies and values (`sms_fuzz::check_templates`);
//! inputs that start with `M` build a template, a catalog, limits and
//! recipients from the bytes and compare every render path with a model
//! (`sms_fuzz::check_templates_model`).
#![cfg_attr(fuzzing, no_main)]

fn check(data: &[u8]) {
    match data.split_first() {
        Some((b'M', rest)) => sms_fuzz::check_templates_model(rest),
        _ => sms_fuzz::check_templates(data),
    }
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| check(data));

#[cfg(not(fuzzing))]
fn main() -> std::process::ExitCode {
    sms_fuzz::replay_main("templates", check)
}
