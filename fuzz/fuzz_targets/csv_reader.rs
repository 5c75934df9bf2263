//! Fuzz target: see `sameas_fuzz::csv_reader`.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

/// One scratch directory per fuzzing process, reused by every input.
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| std::env::temp_dir().join(format!("sameas-fuzz-csv-{}", std::process::id())))
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| sameas_fuzz::csv_reader(scratch(), data));
