//! The bodies of the fuzz targets: over the library ([`library`]: model
//! files, normalisers, comparators, live state files) and over the
//! command's CSV reader ([`command`]). Each takes any bytes and must
//! never panic. The cargo-fuzz targets in `fuzz_targets/` call them; on
//! stable, `tests/fuzz_corpus.rs` (main crate) and
//! `cli/tests/fuzz_corpus.rs` replay `fuzz/corpus/` through them.

pub mod command;
pub mod library;

pub use command::csv_reader;
pub use library::{comparators, live_state, model_json, normalisers};
