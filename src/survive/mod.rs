//! Survivorship: merge a cluster's records into one golden record (the
//! "single customer view").
//!
//! A [`Survivorship`] takes the members of a cluster (record indices in a
//! [`PreparedStore`]) and builds a [`GoldenRecord`]: one value per schema
//! field, each with its [`Provenance`] (record id, source, and the rule
//! that chose it), and every distinct value the members held, so that
//! nothing is lost. [`SurvivorshipRules`] is the shipped implementation:
//! per field, a chain of [`SurvivorshipRule`]s.
//!
//! # How a value is chosen
//!
//! For each field, the *candidates* are the members whose value
//! normalises to something (values that could not be read, such as an
//! e-mail without `@`, never survive but stay among the alternatives).
//! Each rule of the field's chain keeps the candidates it ranks best and
//! passes them to the next; what is still tied at the end is settled by
//! the member order. The surviving value is the chosen candidate's raw
//! value, as its record held it (trimmed). Rules compare normalised
//! values: `K.Neal@GoogleMail.com` and `kneal@gmail.com` are one e-mail.
//!
//! Provenance names the *first rule after which every remaining
//! candidate held the same normalised value*; [`RuleName::OnlyValue`]
//! when the members never disagreed (one value, or one member with the
//! field), and [`RuleName::FirstNonEmpty`] when only the member order
//! could decide.
//!
//! # Member order
//!
//! Members are put in a total order before any rule runs: by source
//! name, then record id (both bytewise), then record index. Duplicate
//! indices count once. So the same members in any order give the same
//! golden record, custom closures see candidates in this order, and
//! [`SurvivorshipRule::FirstNonEmpty`] takes the first of them.
//!
//! # Default rules
//!
//! A field without a chain of its own gets one from its kind. `T` is
//! [`MostRecent`](SurvivorshipRule::MostRecent), present only when a
//! [timestamp field](SurvivorshipRulesBuilder::timestamp_field) is set;
//! `P` is [`SourcePriority`](SurvivorshipRule::SourcePriority) with the
//! [default priority](SurvivorshipRulesBuilder::source_priority), present
//! only when one is set.
//!
//! | Field kind | Default chain | Why |
//! |---|---|---|
//! | given, family, full name; organisation | most frequent → most complete → P | agreement first; on a tie the fuller form (`William` over `Bill`) |
//! | e-mail, handle, phone | most frequent → T → P | the contact most records agree on, then the latest |
//! | date (e.g. date of birth) | most frequent → P | a birth date does not change: the majority is the best guess |
//! | address, city, postcode, country | T → most frequent → most complete → P | people move: the latest wins when records are dated |
//! | identifier | P → most frequent | identifiers come from a system of record |
//! | text | T → most complete → P | the latest note, else the fullest |
//! | set | most complete → most frequent → P | the set with the most items |
//! | category, numeric | most frequent → T → P | the majority, then the latest |
//! | timestamp (another than the timestamp field) | T → most frequent → P | the latest |
//! | the timestamp field itself | most recent | the record's latest update |
//!
//! The timestamp field is a [`FieldKind::Timestamp`](crate::FieldKind::Timestamp)
//! field (ranked by its full time, time of day included) or a date field
//! (ranked by day), typically a [metadata](crate::SchemaBuilder::metadata)
//! field such as `updated_at`: metadata fields survive like any other
//! field, though matching never looks at them.
//!
//! Every chain ends with the member order. Each field is chosen on its
//! own: without a timestamp, the city and the address may come from
//! different records.
//!
//! # Sensitive fields
//!
//! Fields marked [sensitive](crate::Field::is_sensitive) survive like any
//! other, with their values and alternatives in the golden record (and in
//! its serde form): they are the caller's data. Only the golden record's
//! `Display` hides them, as `<sensitive>`.
//!
//! # Examples
//!
//! ```
//! use sameas::survive::{RuleName, Survivorship, SurvivorshipRules};
//! use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
//!
//! let schema = Schema::builder()
//!     .field("given", FieldKind::GivenName)
//!     .field("email", FieldKind::Email)
//!     .field("phone", FieldKind::Phone)
//!     .build()?;
//! let mut store = PreparedStore::new(schema);
//! let crm = store.add_source("crm", false)?;
//! let web = store.add_source("web", false)?;
//! store.ingest(crm, &[OwnedRecord::new("c1").with("given", "Kelly").with("email", "k.neal@example.com")])?;
//! store.ingest(web, &[
//!     OwnedRecord::new("w1").with("given", "kelly").with("email", "K.Neal@example.com").with("phone", "+1 555 010 2030"),
//!     OwnedRecord::new("w2").with("given", "Kel").with("email", "kelly@example.org"),
//! ])?;
//! let members: Vec<RecordIndex> = (0..3).map(RecordIndex::from_position).collect();
//! let golden = SurvivorshipRules::new(&store).survive(&store, &members)?;
//!
//! assert_eq!(golden.value("given"), Some("Kelly"));
//! assert_eq!(golden.value("email"), Some("k.neal@example.com"));
//! let provenance = golden.provenance("email").unwrap();
//! assert_eq!((provenance.source(), provenance.record_id()), ("crm", "c1"));
//! assert_eq!(provenance.rule(), &RuleName::MostFrequent);
//! assert_eq!(golden.value("phone"), Some("+1 555 010 2030"));
//! // Every e-mail seen stays reachable.
//! assert_eq!(golden.alternatives("email").len(), 2);
//! assert_eq!(golden.members().len(), 3);
//! # Ok::<(), sameas::Error>(())
//! ```

mod builder;
mod candidate;
mod defaults;
mod golden;
mod rule;
mod rules;

pub use crate::error::SurviveError;
pub use builder::GoldenRecordBuilder;
pub use candidate::Candidate;
pub use golden::{
    Alternative, GoldenField, GoldenRecord, Member, Provenance, Sighting, SurvivingValue,
};
pub use rule::{CustomRule, RuleName, SurvivorshipRule};
pub use rules::{SurvivorshipRules, SurvivorshipRulesBuilder};

use crate::error::Result;
use crate::id::RecordIndex;
use crate::prepare::PreparedStore;

/// Builds a cluster's golden record from its members.
///
/// Implementations are `Send + Sync` (golden records are built on all
/// cores); they build their golden records with
/// [`GoldenRecord::builder`], which checks the members and keeps
/// provenance. They must not panic for any `members` slice, must return
/// [`SurviveError::EmptyCluster`] for an empty one and
/// [`StoreError::RecordOutOfRange`](crate::StoreError::RecordOutOfRange)
/// for an index past the end of the store (each wrapped in the crate's
/// [`Error`](crate::Error)), and must give the same golden record for the
/// same members in any order.
///
/// # Examples
///
/// ```
/// use sameas::survive::{GoldenRecord, SurviveError, Survivorship, SurvivorshipRules};
/// use sameas::{Error, FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema, StoreError};
///
/// fn merge_all(rules: &dyn Survivorship, store: &PreparedStore) -> sameas::Result<GoldenRecord> {
///     let everyone: Vec<RecordIndex> = store.records().map(|r| r.index()).collect();
///     rules.survive(store, &everyone)
/// }
///
/// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
/// let rules = SurvivorshipRules::new(&store);
/// assert_eq!(merge_all(&rules, &store).unwrap_err(), Error::Survive(SurviveError::EmptyCluster));
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[OwnedRecord::new("1").with("email", "ann@x.org")])?;
/// assert_eq!(merge_all(&rules, &store)?.value("email"), Some("ann@x.org"));
/// assert_eq!(
///     rules.survive(&store, &[RecordIndex::from_position(9)]).unwrap_err(),
///     Error::Store(StoreError::RecordOutOfRange { index: 9, records: 1 }),
/// );
/// # Ok::<(), sameas::Error>(())
/// ```
pub trait Survivorship: Send + Sync {
    /// The golden record of the cluster made of `members`.
    ///
    /// # Errors
    ///
    /// [`SurviveError::EmptyCluster`] when `members` is empty,
    /// [`StoreError::RecordOutOfRange`](crate::StoreError::RecordOutOfRange)
    /// for an index not in `store`; [`SurvivorshipRules`] also returns
    /// [`SurviveError::SchemaMismatch`] for a store with another schema
    /// than its own.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::survive::{Survivorship, SurvivorshipRules};
    /// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    ///
    /// let mut store = PreparedStore::new(Schema::builder().field("given", FieldKind::GivenName).build()?);
    /// let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("given", "Ann"), OwnedRecord::new("2").with("given", "Ann")])?;
    /// let golden = SurvivorshipRules::new(&store)
    ///     .survive(&store, &[RecordIndex::from_position(1), RecordIndex::from_position(0)])?;
    /// assert_eq!(golden.provenance("given").map(|p| p.record_id()), Some("1"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    fn survive(&self, store: &PreparedStore, members: &[RecordIndex]) -> Result<GoldenRecord>;
}
