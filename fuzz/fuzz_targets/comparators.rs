//! Fuzz target: see `sameas_fuzz::comparators`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sameas_fuzz::comparators(data));
