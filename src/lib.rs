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
//! - [`live`]: a resolved state kept current as records are inserted,
//!   replaced and erased, with stable entity ids, saved and reloaded;
//! - [`eval`]: precision, recall and F1 against known truth;
//! - [`infer`]: field kinds from column headers and values;
//! - [`compare`] and [`normalize`]: the allocation-free comparators and
//!   the value normalisers underneath; [`synthetic`] (a feature):
//!   generated people with known truth, for tests and benchmarks.
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
//!
//! Errors: each area has its own error type, and the crate's [`Error`]
//! wraps them all (see its documentation for which function returns
//! which).
//!
//! # Features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `parallel` | on | the pipeline's stages on all cores (rayon); results identical for any thread count |
//! | `synthetic` | off | [`synthetic`]: generated people in four sources, and data of other shapes (`synthetic::shapes`), with known truth |
//! | `slices` | off | in [`compare`], the comparators over pre-split symbols (`jaro_slices`, `levenshtein_slices`, ...) and the `Symbol` trait |
//!
//! The crate's own tests, examples and benchmarks turn `synthetic` and
//! `slices` on themselves (a dev-dependency of the crate on itself), so
//! `cargo test` needs no flags.
//!
//! # Layers
//!
//! For maintainers. Each top-level module (an *area*) uses only areas of
//! lower layers, never one of its own layer or above, so the module
//! graph has no cycle and a low layer can be read, tested or split off
//! without the high ones. `tests/layering.rs` reads this table and checks
//! every `crate::` path under `src/` against it; a new module needs a row
//! here.
//!
//! | layer | areas | what they hold |
//! |---|---|---|
//! | 0 | `id`, `score`, `date`, `parameter`, `hash`, `rng`, `par`, `redact` | leaves: ids, [`Score`], [`Date`] and [`Timestamp`] (a date with the time of day, in the `date` area), the builders' [`ParameterError`](compare::ParameterError), the key hash and the keyed hash, random numbers, the parallel helpers, `Debug` output without values |
//! | 1 | `compare`, `normalize` | the comparison core; it uses only `date` and `parameter`, so it could become a crate of its own, as csv-core is to csv |
//! | 2 | `schema` | fields, kinds and [`BuildError`] |
//! | 3 | `error` | the areas' error types and the crate's [`Error`] |
//! | 4 | `record` | the host's records |
//! | 5 | `prepare` | the prepared store |
//! | 6 | `block` | blocking |
//! | 7 | `matcher`, `cluster`, `survive`, `infer` | matching, clustering, survivorship, inference: independent of each other |
//! | 8 | `resolve`, `eval`, `synthetic` | the whole pipeline in one call; evaluation (it sweeps the clustering's [`ScoredPair`](cluster::ScoredPair)s); generated data |
//! | 9 | `live` | a resolved state kept current record by record, saved with a change log |
//! | 9 | `privacy` | documentation only: the [privacy guide](privacy) (what is stored, where values can appear, sensitive fields, erasure, limits) |
//!
// Without the feature, the link leads to the feature table.
#![cfg_attr(feature = "synthetic", doc = "[`synthetic`]: crate::synthetic")]
#![cfg_attr(not(feature = "synthetic"), doc = "[`synthetic`]: #features")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod block;
pub mod cluster;
pub mod compare;
mod date;
mod error;
pub mod eval;
mod hash;
mod id;
pub mod infer;
pub mod live;
pub mod matcher;
pub mod normalize;
mod par;
mod parameter;
mod prepare;
pub mod privacy;
mod record;
mod redact;
pub mod resolve;
mod rng;
mod schema;
mod score;
pub mod survive;
#[cfg(feature = "synthetic")]
#[cfg_attr(docsrs, doc(cfg(feature = "synthetic")))]
pub mod synthetic;

pub use date::{Date, DateError, Timestamp};
pub use error::{BuildError, Error, Result, StoreError};
pub use id::{EntityId, FieldId, RecordIndex, SourceId};
pub use prepare::{
    FieldStats, IngestStats, MAX_FIELD_BYTES, MAX_ID_BYTES, MAX_RECORDS, PlaceholderValue,
    PrepareOptions, PrepareOptionsBuilder, PreparedRecord, PreparedStore, Source,
};
pub use record::{ID_FIELD, OwnedRecord, Record};
pub use schema::{Field, FieldKind, MAX_FIELDS, Schema, SchemaBuilder};
pub use score::Score;

// The README's examples are tested with the crate's doc-tests (one of them
// generates its data).
#[cfg(all(doctest, feature = "synthetic"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
