//! The reading half of the `sameas` command, as a library: the checks
//! every CSV input passes ([`input`]), the schema inferred from the
//! inputs ([`schema`]), and the streaming of a file into a
//! [`Resolver`](sameas::resolve::Resolver) ([`ingest`]), with the
//! failures ([`failure`]) and progress ([`progress`]) they report.
//!
//! The binary `sameas` is built on it; so is the fuzz target
//! `csv_reader` (`fuzz/`), which feeds any bytes through exactly the
//! reader the command uses. It is not a stable API: embedders use the
//! `sameas` crate.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod failure;
pub mod ingest;
pub mod input;
pub mod progress;
pub mod schema;
