//! The crate's one error type.

use crate::compare::PhoneticCodeError;
use crate::date::DateError;
use crate::normalize::EmailError;
use crate::normalize::PhoneError;
use crate::schema::FieldKind;

/// Every fallible operation in sameas returns this error (or a more
/// specific one that converts into it with `?`).
///
/// # Examples
///
/// ```
/// use sameas::{Date, Error};
///
/// let err: Error = Date::new(2023, 2, 30).unwrap_err().into();
/// assert!(matches!(err, Error::Date(_)));
/// assert_eq!(err.to_string(), "day 30 is out of range for 2023-02");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A configuration value is outside its valid range.
    #[error("invalid parameter `{name}`: {reason}")]
    InvalidParameter {
        /// The parameter at fault.
        name: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// A schema was built without fields.
    #[error("a schema needs at least one field")]
    EmptySchema,
    /// A schema field has a blank name.
    #[error("a schema field has an empty name")]
    EmptyFieldName,
    /// Two schema fields share a name.
    #[error("field {0:?} is declared twice")]
    DuplicateField(String),
    /// A schema holds more than [`crate::MAX_FIELDS`] fields.
    #[error("a schema holds at most 1024 fields, not {0}")]
    TooManyFields(usize),
    /// A name refers to no field of the schema.
    #[error("unknown field {0:?}")]
    UnknownField(String),
    /// A blocking key, comparison or rule names a metadata field, which
    /// is never blocked on or compared (see
    /// [`SchemaBuilder::metadata`](crate::SchemaBuilder::metadata)).
    #[error("field {0:?} is metadata: it is kept but never blocked on or compared")]
    MetadataField(String),
    /// A field kind name is not one of [`crate::FieldKind`]'s.
    #[error("unknown field kind {0:?}")]
    UnknownFieldKind(String),
    /// A source name is registered twice.
    #[error("source {0:?} is registered twice")]
    DuplicateSource(String),
    /// A source name is blank.
    #[error("a source needs a non-empty name")]
    EmptySourceName,
    /// More sources than the store can number.
    #[error("a store holds at most 65535 sources")]
    TooManySources,
    /// More records than the store can number.
    #[error("a store holds at most 2147483647 records")]
    TooManyRecords,
    /// An owned record's names and values would exceed 4 GiB.
    #[error("a record holds at most 4 GiB of names and values")]
    RecordTooLarge,
    /// A source id from another store.
    #[error("no source number {0} in this store")]
    UnknownSource(usize),
    /// Text outgrew an arena's 32-bit offsets: a column's raw values,
    /// or the store's normalised values of all fields together.
    #[error("a store holds at most 4 GiB of raw text per column and of normalised text in all")]
    ColumnTooLarge,
    /// A date could not be built or parsed.
    #[error(transparent)]
    Date(#[from] DateError),
    /// A phone number could not be normalised.
    #[error(transparent)]
    Phone(#[from] PhoneError),
    /// An e-mail address could not be normalised.
    #[error(transparent)]
    Email(#[from] EmailError),
    /// A phonetic code could not be parsed.
    #[error(transparent)]
    PhoneticCode(#[from] PhoneticCodeError),
    /// A model has nothing to score with: no comparisons.
    #[error("a model needs at least one comparison")]
    EmptyModel,
    /// Training found no pair of records to learn from (fewer than two
    /// records, or none that the link mode may pair).
    #[error("no pairs to train on: {0}")]
    NoTrainingPairs(String),
    /// A saved model could not be read.
    #[error("not a sameas model: {reason}")]
    ModelFormat {
        /// What is wrong with it.
        reason: String,
    },
    /// A saved model was trained for another schema.
    #[error("the model does not fit this schema: {reason}")]
    ModelMismatch {
        /// How the model and the schema differ.
        reason: String,
    },
    /// Two per-record inputs to an evaluation (labels, sources) have
    /// different lengths.
    #[error("{what} hold {found} entries but the truth labels hold {expected}")]
    LengthMismatch {
        /// The input at fault, such as `"predicted labels"` or `"sources"`.
        what: &'static str,
        /// The number of truth labels (records).
        expected: usize,
        /// The number of entries found.
        found: usize,
    },
    /// A pair names a record past the end of the truth labels.
    #[error("record index {index} is out of range for {records} records")]
    RecordOutOfRange {
        /// The index at fault.
        index: usize,
        /// The number of records (truth labels).
        records: usize,
    },
    /// A scored pair's score is NaN, so it has no place in a threshold
    /// sweep.
    #[error("the score of pair ({a}, {b}) is NaN")]
    NanScore {
        /// The pair's first record index.
        a: usize,
        /// The pair's second record index.
        b: usize,
    },
    /// A survivorship timestamp field is neither a [`FieldKind::Date`]
    /// nor a [`FieldKind::Timestamp`] field.
    #[error("timestamp field {field:?} is a {kind} field, not a date or timestamp field")]
    TimestampNotDate {
        /// The field named as the timestamp.
        field: String,
        /// Its kind.
        kind: FieldKind,
    },
    /// A field uses the most-recent survivorship rule but no timestamp
    /// field was set.
    #[error("field {0:?} uses the most-recent rule, but no timestamp field is set")]
    NoTimestampField(String),
    /// A source name (in a survivorship priority list) that the store
    /// does not hold.
    #[error("unknown source {0:?}")]
    UnknownSourceName(String),
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
    /// A table's header has a blank column name (positions count from 1).
    #[error("column {position} has an empty header")]
    EmptyColumnName {
        /// The column's position, from 1.
        position: usize,
    },
    /// A table's header names a column twice (positions count from 1).
    #[error("column {name:?} appears twice in the header, at columns {first} and {second}")]
    DuplicateColumn {
        /// The repeated header.
        name: String,
        /// Where it first appears, from 1.
        first: usize,
        /// Where it appears again, from 1.
        second: usize,
    },
    /// A table row has more or fewer values than the header has columns.
    #[error("row {row} has {found} values, but the header has {expected} columns")]
    RaggedRow {
        /// The row's number among the data rows, from 1.
        row: usize,
        /// How many columns the header has.
        expected: usize,
        /// How many values the row has.
        found: usize,
    },
    /// Schema inference kept no column to match on; the text gives each
    /// column's reason.
    #[error("no column can be matched on: {0}")]
    NoMatchableColumn(String),
    /// A scored pair given to [`crate::cluster::cluster`] cannot be used.
    #[error("scored pair {position}: {problem}")]
    InvalidPair {
        /// The pair's position in the input.
        position: usize,
        /// What is wrong with it.
        problem: crate::cluster::PairProblem,
    },
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
    /// A resolver was asked to resolve without any record.
    #[error("nothing to resolve: no record was added")]
    NothingToResolve,
    /// An entity id that the clustering does not hold.
    #[error("no entity with id {0}")]
    UnknownEntity(crate::cluster::EntityId),
}

/// `Result` with [`Error`] as the default error type.
///
/// # Examples
///
/// ```
/// fn half(n: u32) -> sameas::Result<u32> {
///     Ok(n / 2)
/// }
/// assert_eq!(half(4).unwrap(), 2);
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;
