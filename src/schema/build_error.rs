//! The error of a configuration that cannot be built.
//!
//! It lives with the schema, below the crate's other errors, because the
//! schema's own checks return it and one of its variants names a
//! [`FieldKind`]; every area above uses it for its builders and options.

use crate::parameter::ParameterError;
use crate::schema::FieldKind;

/// Why a configuration cannot be built: a schema, an options type, a
/// builder's settings, survivorship rules. Found once, when the value is
/// built, so that later calls need not check again.
///
/// Messages name fields, kinds, sources and parameters, never a record's
/// values.
///
/// # Examples
///
/// ```
/// use sameas::{BuildError, FieldKind, Schema};
///
/// let err = Schema::builder().field("email", FieldKind::Email).field("email", FieldKind::Text).build();
/// assert_eq!(err, Err(BuildError::DuplicateField("email".into())));
/// assert_eq!(err.unwrap_err().to_string(), "field \"email\" is declared twice");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
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
    /// A schema holds more than [`MAX_FIELDS`](crate::MAX_FIELDS) fields.
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
    /// A field kind name is not one of [`FieldKind`]'s.
    #[error("unknown field kind {0:?}")]
    UnknownFieldKind(String),
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
    /// An item separator (see
    /// [`SchemaBuilder::items_separated_by`](crate::SchemaBuilder::items_separated_by))
    /// on a field that is no set, or one that cannot separate items.
    #[error("field {field:?} cannot take an item separator: {reason}")]
    ItemSeparator {
        /// The field named.
        field: String,
        /// Why not.
        reason: &'static str,
    },
    /// A source name (in a survivorship priority list) that the store
    /// does not hold.
    #[error("unknown source {0:?}")]
    UnknownSourceName(String),
}

impl From<ParameterError> for BuildError {
    /// The comparators' and normalisers' [`ParameterError`] as
    /// [`BuildError::InvalidParameter`].
    fn from(error: ParameterError) -> BuildError {
        BuildError::InvalidParameter {
            name: error.name,
            reason: error.reason,
        }
    }
}
