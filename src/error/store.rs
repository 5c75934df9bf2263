//! The prepared store's error: registering sources, ingesting records,
//! looking records up.

/// Why a source could not be registered, records could not be ingested,
/// or a record could not be found in a
/// [`PreparedStore`](crate::PreparedStore).
///
/// # Examples
///
/// ```
/// use sameas::{FieldKind, PreparedStore, Schema, StoreError};
///
/// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
/// store.add_source("crm", false)?;
/// assert_eq!(store.add_source("crm", true), Err(StoreError::DuplicateSource("crm".into())));
/// assert_eq!(store.add_source(" ", false).unwrap_err().to_string(), "a source needs a non-empty name");
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
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
    /// A record id longer than [`MAX_ID_BYTES`](crate::MAX_ID_BYTES):
    /// the record is named by its position, never by its id.
    #[error(
        "record {record} of source {source_name:?} has an id of {bytes} bytes; \
         an id holds at most 1024 bytes"
    )]
    IdTooLong {
        /// The record's source.
        source_name: String,
        /// The record's position among the source's records, counting
        /// from 1.
        record: u64,
        /// The id's length in bytes (trimmed).
        bytes: usize,
    },
    /// A record index past the end of the store.
    #[error("record index {index} is out of range for {records} records")]
    RecordOutOfRange {
        /// The index at fault.
        index: usize,
        /// The number of records in the store.
        records: usize,
    },
}
