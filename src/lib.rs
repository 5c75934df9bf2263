//! # sameas
//!
//! Embeddable identity resolution for Rust: decide which records describe
//! the same person or company, explain why, and merge each entity into a
//! golden record.
//!
//! The pipeline, stage by stage (each usable on its own):
//!
//! - [`Record`], [`Schema`], [`PreparedStore`]: the host's records, read
//!   once into normalised, record-after-record storage;
//! - [`block`]: candidate pairs from blocking keys, without comparing
//!   everything with everything;
//! - [`matcher`]: a Fellegi-Sunter model that trains itself without
//!   labels, scores pairs and explains every score (or rules, or your own
//!   closure);
//! - [`cluster`]: entities from scored pairs, guarded against chains,
//!   with stable ids;
//! - [`survive`]: golden records with provenance;
//! - [`resolve`]: all of it in one call ([`resolve::Resolver`]);
//! - [`eval`]: precision, recall and F1 against known truth;
//! - [`infer`]: field kinds from column headers and values;
//! - [`compare`] and [`normalize`]: the allocation-free comparators and
//!   the value normalisers underneath; [`synthetic`]: generated people
//!   with known truth, for tests and benchmarks.
//!
//! ```
//! use sameas::compare::{jaro_winkler, levenshtein};
//! use sameas::normalize::{fold_text, normalize_email};
//!
//! // Raw values are normalised once ...
//! assert_eq!(fold_text("  Zoë   O'Brien "), "zoe obrien");
//! assert_eq!(normalize_email("K.Neal+news@GoogleMail.com")?.as_str(), "kneal@gmail.com");
//! // ... then compared many times, without allocating.
//! assert!((jaro_winkler("MARTHA", "MARHTA") - 0.961).abs() < 0.001);
//! assert_eq!(levenshtein("kitten", "sitting"), 3);
//! # Ok::<(), sameas::Error>(())
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod block;
pub mod cluster;
pub mod compare;
mod date;
mod error;
pub mod eval;
pub mod infer;
pub mod matcher;
pub mod normalize;
mod prepare;
mod record;
pub mod resolve;
mod rng;
mod schema;
pub mod survive;
pub mod synthetic;
mod timestamp;

pub use date::{Date, DateError};
pub use error::{Error, Result};
pub use prepare::{
    FieldStats, IngestStats, MAX_RECORDS, PrepareOptions, PreparedRecord, PreparedStore,
    RecordIndex, Source, SourceId,
};
pub use record::{ID_FIELD, OwnedRecord, Record};
pub use schema::{Field, FieldId, FieldKind, MAX_FIELDS, Schema, SchemaBuilder};
pub use timestamp::Timestamp;

// The README's examples are tested with the crate's doc-tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
