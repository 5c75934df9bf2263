//! Schema inference's error: tables it cannot read.

/// Why a table's header and rows cannot be read for inference.
///
/// Messages give positions, counts and headers, never a value of a row.
///
/// # Examples
///
/// ```
/// use sameas::infer::{infer_schema, InferError};
/// use sameas::Error;
///
/// assert_eq!(
///     infer_schema(&["a", "b"], &[vec!["1"]], &[]),
///     Err(Error::Infer(InferError::RaggedRow { row: 1, expected: 2, found: 1 }))
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InferError {
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
}
