//! The clustering's error.

/// Why [`cluster`](crate::cluster::cluster) refused its input.
///
/// # Examples
///
/// ```
/// use sameas::cluster::{cluster, ClusterError, ClusterOptions, PairProblem, ScoredPair};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
///
/// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[OwnedRecord::new("1")])?;
/// let itself = ScoredPair::new(RecordIndex::from_position(0), RecordIndex::from_position(0), 0.9);
/// let error = cluster(&store, &[itself], &ClusterOptions::new()).unwrap_err();
/// assert_eq!(error, ClusterError::InvalidPair { position: 0, problem: PairProblem::SelfPair { record: 0 } });
/// assert_eq!(error.to_string(), "scored pair 0: record 0 is paired with itself");
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClusterError {
    /// A scored pair cannot be used (with
    /// [`InvalidPairs::Reject`](crate::cluster::InvalidPairs::Reject)).
    #[error("scored pair {position}: {problem}")]
    InvalidPair {
        /// The pair's position in the input.
        position: usize,
        /// What is wrong with it.
        problem: PairProblem,
    },
}

/// Why a [`ScoredPair`](crate::cluster::ScoredPair) cannot be clustered.
///
/// # Examples
///
/// ```
/// use sameas::cluster::PairProblem;
///
/// let problem = PairProblem::ProbabilityOutOfRange(1.5);
/// assert_eq!(problem.to_string(), "probability 1.5 is outside [0, 1]");
/// ```
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[non_exhaustive]
pub enum PairProblem {
    /// A record index at or past the store's length.
    #[error("record {record} is outside the store of {records} records")]
    RecordOutsideStore {
        /// The offending index.
        record: usize,
        /// How many records the store holds.
        records: usize,
    },
    /// Both sides are the same record.
    #[error("record {record} is paired with itself")]
    SelfPair {
        /// The record.
        record: usize,
    },
    /// The probability is NaN.
    #[error("probability is NaN")]
    ProbabilityNotANumber,
    /// The probability is below 0 or above 1 (infinities included).
    #[error("probability {0} is outside [0, 1]")]
    ProbabilityOutOfRange(f64),
    /// The weight is NaN (infinite weights are fine).
    #[error("weight is NaN")]
    WeightNotANumber,
}

// Equality by bit pattern, so that `ClusterError` (which holds a problem)
// can be `Eq`: two problems are equal when they report the same value.
impl PartialEq for PairProblem {
    fn eq(&self, other: &PairProblem) -> bool {
        use PairProblem::*;
        match (self, other) {
            (
                RecordOutsideStore { record, records },
                RecordOutsideStore {
                    record: other_record,
                    records: other_records,
                },
            ) => record == other_record && records == other_records,
            (SelfPair { record }, SelfPair { record: other }) => record == other,
            (ProbabilityNotANumber, ProbabilityNotANumber)
            | (WeightNotANumber, WeightNotANumber) => true,
            (ProbabilityOutOfRange(a), ProbabilityOutOfRange(b)) => a.to_bits() == b.to_bits(),
            _ => false,
        }
    }
}

impl Eq for PairProblem {}
