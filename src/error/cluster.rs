//! The clustering's error.

/// Why [`cluster`](crate::cluster::cluster) refused its input.
///
/// # Examples
///
/// ```
/// use sameas::cluster::{cluster, ClusterError, ClusterOptions, PairProblem, ScoredPair};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema, Score};
///
/// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[OwnedRecord::new("1")])?;
/// let itself = ScoredPair::new(RecordIndex::from_position(0), RecordIndex::from_position(0), Score::from_probability(0.9));
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
/// (Its [`Score`](crate::Score) is always usable: a probability in
/// `[0, 1]` and a weight that is not NaN.)
///
/// # Examples
///
/// ```
/// use sameas::cluster::PairProblem;
///
/// let problem = PairProblem::SelfPair { record: 4 };
/// assert_eq!(problem.to_string(), "record 4 is paired with itself");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
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
}
