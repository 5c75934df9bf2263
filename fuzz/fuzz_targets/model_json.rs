//! Fuzz target: see `sameas_fuzz::model_json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sameas_fuzz::model_json(data));
