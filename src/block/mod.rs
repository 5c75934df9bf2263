//! Blocking: finding candidate pairs among millions of records without
//! comparing everything with everything.
//!
//! A [`Blocker`] reads a prepared record and emits its blocking keys;
//! records that share a key under the same blocker form a block, and the
//! pairs inside blocks are the candidates. The [`BlockingIndex`] keeps
//! every blocker's blocks in hash maps, so single records can be inserted
//! and removed (incremental resolution) as well as built in one batch.
//! Each candidate pair is produced once, however many keys share it.
//!
//! Shipped blockers: [`KeyRule`] (exact or derived keys over one or more
//! fields: prefixes, phonetic codes, date parts, e-mail parts, phone
//! digits, initials, nicknames), [`TokenKeys`] (one key per word or
//! q-gram, for fuzzy names), and [`SortedNeighbourhood`] (a window over a
//! sort key). A list of blockers is their union. [`default_blockers`]
//! chooses a union from a schema's field kinds.
//!
//! A key shared by too many records (a missing-value sentinel, a common
//! surname) is skipped past [`BlockingOptions::max_block_size`] and
//! reported in [`BlockingStats`], so it cannot blow up time or memory.
//!
//! # Examples
//!
//! ```
//! use sameas::block::{default_blockers, BlockingIndex, BlockingOptions, LinkMode};
//! use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
//!
//! let schema = Schema::builder()
//!     .field("given", FieldKind::GivenName)
//!     .field("family", FieldKind::FamilyName)
//!     .field("email", FieldKind::Email)
//!     .build()?;
//! let blockers = default_blockers(&schema);
//! let mut store = PreparedStore::new(schema);
//! let crm = store.add_source("crm", false)?;
//! store.ingest(crm, &[
//!     OwnedRecord::new("1").with("given", "Kelly").with("family", "Neal").with("email", "k.neal@gmail.com"),
//!     OwnedRecord::new("2").with("given", "Kely").with("family", "Neal").with("email", "kneal@gmail.com"),
//!     OwnedRecord::new("3").with("given", "Bob").with("family", "Smith"),
//! ])?;
//! let index = BlockingIndex::build(&store, blockers, BlockingOptions::new());
//! let candidates = index.candidate_pairs(&store, LinkMode::Dedup);
//! let ids: Vec<(&str, &str)> = candidates
//!     .pairs()
//!     .iter()
//!     .map(|&(a, b)| (store.record(a).unwrap().id(), store.record(b).unwrap().id()))
//!     .collect();
//! assert_eq!(ids, [("1", "2")]);
//! # Ok::<(), sameas::Error>(())
//! ```

mod blocks;
mod defaults;
pub(crate) mod exact;
pub(crate) mod index;
mod keys;
pub(crate) mod locality;
mod names;
mod rules;
mod stats;

pub use defaults::{default_blockers, default_blockers_for};
pub(crate) use defaults::{default_blockers_ignoring, every_default_blocker_ignoring};
pub use index::{BlockingIndex, BlockingOptions, BlockingOptionsBuilder, CandidatePairs, LinkMode};
pub use keys::{Blocker, BlockingKeys};
pub use rules::{KeyRule, KeyTransform, SortedNeighbourhood, TokenKeys, TokenMode};
pub use stats::{BlockSummary, BlockingStats, RuleStats};
