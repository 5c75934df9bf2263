//! Evaluation's error: inputs that do not line up with the truth.

/// Why an evaluation against known truth could not be computed.
///
/// # Examples
///
/// ```
/// use sameas::eval::{evaluate_clustering, EvalError, Scope};
///
/// let truth = [1, 1, 2, 2, 3];
/// assert_eq!(
///     evaluate_clustering(&[7, 7], &truth, &Scope::all_pairs()),
///     Err(EvalError::LengthMismatch { what: "predicted labels", expected: 5, found: 2 })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
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
}
