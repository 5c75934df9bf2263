//! Fuzz target: see `sameas_fuzz::normalisers`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sameas_fuzz::normalisers(data));
