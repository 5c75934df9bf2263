//! The resolver's error.

use crate::id::EntityId;

/// Why a resolver could not run, or a resolution could not answer.
///
/// # Examples
///
/// ```
/// use sameas::resolve::{ResolveError, Resolver};
/// use sameas::{Error, FieldKind, Schema};
///
/// let resolver = Resolver::new(Schema::builder().field("email", FieldKind::Email).build()?);
/// assert_eq!(resolver.resolve().unwrap_err(), Error::Resolve(ResolveError::NothingToResolve));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    /// A resolver was asked to resolve without any record.
    #[error("nothing to resolve: no record was added")]
    NothingToResolve,
    /// A record's id repeats the id of an earlier record of the same
    /// source (see [`RepeatedIds`](crate::resolve::RepeatedIds)).
    /// Positions count the source's records from 0, in the order given;
    /// the id itself is not shown.
    #[error("records {first} and {repeat} of source {source_name:?} have the same id")]
    RepeatedRecordId {
        /// The source's name.
        source_name: String,
        /// The position of the earlier record in the source.
        first: u64,
        /// The position of the record that repeats its id.
        repeat: u64,
    },
    /// An entity id that the resolution does not hold.
    #[error("no entity with id {0}")]
    UnknownEntity(EntityId),
}
