//! The crate's one error type.

use crate::compare::PhoneticCodeError;
use crate::date::DateError;
use crate::normalize::EmailError;
use crate::normalize::PhoneError;

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
    /// One column's text outgrew the arena's 32-bit offsets.
    #[error("a column holds at most 4 GiB of text")]
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
    /// A scored pair given to [`crate::cluster::cluster`] cannot be used.
    #[error("scored pair {position}: {problem}")]
    InvalidPair {
        /// The pair's position in the input.
        position: usize,
        /// What is wrong with it.
        problem: crate::cluster::PairProblem,
    },
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
