//! Survivorship's error: clusters that cannot be merged.

/// Why the members of a cluster could not be merged into a golden
/// record.
///
/// # Examples
///
/// ```
/// use sameas::survive::{SurviveError, Survivorship, SurvivorshipRules};
/// use sameas::{Error, FieldKind, PreparedStore, Schema};
///
/// let store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
/// let rules = SurvivorshipRules::new(&store);
/// assert_eq!(rules.survive(&store, &[]), Err(Error::Survive(SurviveError::EmptyCluster)));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SurviveError {
    /// A cluster without members.
    #[error("a cluster needs at least one member")]
    EmptyCluster,
    /// A golden record's value chosen from a record that is not a
    /// member of the cluster, or that holds no usable value in the field
    /// (see [`GoldenRecordBuilder::choose`](crate::survive::GoldenRecordBuilder::choose)).
    #[error("record {record} is not a member with a usable value of field {field:?}")]
    NotACandidate {
        /// The field.
        field: String,
        /// The record's index in the store.
        record: usize,
    },
    /// A store read with another schema than the one the survivorship
    /// rules were built for.
    #[error("the store's schema is not the one the survivorship rules were built for")]
    SchemaMismatch,
}
