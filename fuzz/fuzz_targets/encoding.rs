//! Arbitrary UTF-8 under options chosen by the first two bytes (national
//! tables, part limits, replacement option sets, the free functions)
//! through analysis, split, `non_gsm_chars`, replacement, encode and
//! decode, checked against a model of TS 23.038; see
//! `sms_fuzz::check_encoding` for the input layout and the invariants.
#![cfg_attr(fuzzing, no_main)]

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| sms_fuzz::check_encoding(data));

#[cfg(not(fuzzing))]
fn main() -> std::process::ExitCode {
    sms_fuzz::replay_main("encoding", sms_fuzz::check_encoding)
}
