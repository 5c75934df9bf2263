//! Resolution end to end: one entry point that runs ingest → block →
//! score → cluster → survive.
//!
//! [`Resolver`] is configured with setters and defaults taken from the
//! schema; [`Resolver::resolve`] returns a [`Resolution`] that owns the
//! prepared store and answers the three questions of identity
//! resolution: which records are the same entity
//! ([`Resolution::clustering`]), why ([`Resolution::explain`], the kept
//! [`Resolution::pairs`] and the [`Resolution::model`]), and what the
//! entity is ([`Resolution::entities_with_golden`]: each entity with its
//! golden record, with provenance).
//!
//! # Defaults
//!
//! | stage | default | override |
//! |---|---|---|
//! | reading values | [`PrepareOptions::new`](crate::PrepareOptions::new) | [`Resolver::with_options`] |
//! | repeated record ids | refused ([`RepeatedIds::Reject`]) | [`Resolver::repeated_ids`] |
//! | link mode | [`LinkMode::DedupAndLink`](crate::block::LinkMode) | [`Resolver::link_mode`] |
//! | blocking | [`default_blockers_for`](crate::block::default_blockers_for) the records (without a field training found not to identify), max block 300 | [`Resolver::blockers`], [`Resolver::blocking_options`] |
//! | scoring | [`Trainer`](crate::matcher::Trainer) defaults, seed 1 | [`Resolver::model`], [`Resolver::matcher`], [`Resolver::training_seed`], [`Resolver::configure_training`] |
//! | clustering | [`ClusterOptions::new`](crate::cluster::ClusterOptions::new), threshold 0.5; a strict majority when the entities come out as pairs ([`PairsOnly`]) | [`Resolver::cluster_options`] (the one owner of the threshold; a guard of its own keeps its support) |
//! | kept pairs | those at or above the threshold | [`Resolver::score_floor`] |
//! | survivorship | [`SurvivorshipRules::new`](crate::survive::SurvivorshipRules::new) | [`Resolver::survivorship`] |
//!
//! # Determinism
//!
//! Pairs are scored on all cores (with the `parallel` feature) but kept
//! in candidate order, training is seeded, and clustering does not
//! depend on pair order, so the same records, sources and settings give
//! the same entities, ids and golden records for any thread count.
//! Entity ids depend on each entity's anchor (its smallest `(source,
//! record id)`), not on record order.
//!
//! # Examples
//!
//! ```
//! use sameas::matcher::{LevelTest, Rule, RuleMatcher};
//! use sameas::resolve::Resolver;
//! use sameas::{FieldKind, OwnedRecord, Schema};
//!
//! let schema = Schema::builder()
//!     .field("name", FieldKind::FullName)
//!     .field("email", FieldKind::Email)
//!     .field("phone", FieldKind::Phone)
//!     .build()?;
//! // A deterministic rule for this tiny example; without `matcher`, a
//! // Fellegi-Sunter model is trained on the records (see `Resolver`).
//! let rule = Rule::test(&schema, "email", LevelTest::Exact)?.or(Rule::test(&schema, "phone", LevelTest::Exact)?);
//! let mut resolver = Resolver::new(schema.clone());
//! resolver.matcher(RuleMatcher::new(&schema, rule));
//! resolver.add_source("crm", false, &[
//!     OwnedRecord::new("c1").with("name", "Kelly Neal").with("email", "k.neal@example.com").with("phone", "+1 555 010 2030"),
//!     OwnedRecord::new("c2").with("name", "Bob Stone").with("email", "bob@stone.org").with("phone", "+1 555 777 1234"),
//!     OwnedRecord::new("c3").with("name", "Ann Lee").with("email", "ann.lee@example.net"),
//! ])?;
//! resolver.add_source("newsletter", true, &[
//!     OwnedRecord::new("n1").with("name", "kelly neal").with("email", "K.Neal@Example.com"),
//!     OwnedRecord::new("n2").with("name", "Robert Stone").with("email", "bob@stone.org"),
//! ])?;
//! let resolution = resolver.resolve()?;
//! assert_eq!(resolution.clustering().len(), 3);
//!
//! let golden = resolution.golden_records()?;
//! let kelly = golden.iter().find(|g| g.value("email") == Some("k.neal@example.com")).unwrap();
//! assert_eq!(kelly.members().len(), 2);
//! assert_eq!(kelly.provenance("phone").map(|p| p.source()), Some("crm"));
//! # Ok::<(), sameas::Error>(())
//! ```

pub(crate) mod coparticipants;
mod histogram;
mod kept_apart;
mod pairs_only;
mod repeated;
mod resolution;
mod resolver;
mod scoring;
mod source_priors;
mod stage;
mod stats;

pub use crate::error::ResolveError;
pub use histogram::ScoreHistogram;
pub use kept_apart::KeptApart;
pub use pairs_only::{
    PAIRS_MIN_SUPPORT, PAIRS_ONLY_MIN_ENTITIES, PAIRS_ONLY_SHARE, PAIRS_WEAK_SIZE_LIMIT,
};
pub use repeated::RepeatedIds;
pub use resolution::{EntitiesWithGolden, Resolution};
pub use resolver::Resolver;
pub use stage::Stage;
pub use stats::{FoundPlaceholder, PairsOnly, RunStats};
