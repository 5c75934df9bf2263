//! # sameas
//!
//! Embeddable identity resolution for Rust: decide which records describe
//! the same person or company, explain why, and merge each entity into a
//! golden record.
//!
//! This release holds the foundation the rest of the pipeline stands on:
//!
//! - [`compare`]: allocation-free string, phonetic, numeric and date
//!   comparators with bit-parallel fast paths for short ASCII strings;
//! - [`normalize`]: turn raw values (names, e-mail addresses, phone
//!   numbers, dates, addresses) into canonical forms, borrowing when
//!   nothing changes.
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

pub use date::{Date, DateError};
pub use error::{Error, Result};
pub use prepare::{
    FieldStats, IngestStats, PrepareOptions, PreparedRecord, PreparedStore, RecordIndex, Source,
    SourceId, MAX_RECORDS,
};
pub use record::{OwnedRecord, Record, ID_FIELD};
pub use schema::{Field, FieldId, FieldKind, Schema, SchemaBuilder, MAX_FIELDS};

// The README's examples are tested with the crate's doc-tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
