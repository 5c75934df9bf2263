//! What training did: the report saved with a trained model.
//!
//! Its own module so that the model (which stores the report) and the
//! trainer (which writes it) do not depend on each other for it.

use serde::{Deserialize, Serialize};

/// One EM session: the pairs one training rule blocks, with the rule's
/// own fields left out of the estimate.
///
/// # Examples
///
/// See [`TrainingReport`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingSession {
    /// The rule: exact agreement on these fields.
    pub rule: Vec<String>,
    /// Pairs the rule blocks.
    pub pairs: u64,
    /// Pairs EM used (an even sample when there were more).
    pub pairs_used: u64,
    /// EM iterations run.
    pub iterations: u32,
    /// Whether EM converged before the iteration limit.
    pub converged: bool,
    /// The estimated share of matches among the rule's pairs.
    pub match_share: f64,
    /// The comparisons whose m this session estimated.
    pub estimated: Vec<String>,
    /// The prior this session implies (`None` when it cannot tell).
    pub prior: Option<f64>,
}

/// What training did. Saved with the model.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "synthetic")] {
/// use sameas::matcher::Trainer;
/// use sameas::synthetic::{PeopleGenerator, SyntheticData}; // feature `synthetic`
/// use sameas::PreparedStore;
///
/// let data = PeopleGenerator::builder().seed(5).entities(1_500).build()?.generate();
/// let store = data.prepared_store()?;
/// let model = Trainer::new(&store).train()?;
/// let report = model.training().expect("a trained model has a report");
/// assert_eq!(report.random_pairs, 100_000); // half the records, at least 100,000
/// assert!(report.sessions.iter().all(|session| session.converged));
/// assert!(report.not_estimated.is_empty());
/// # }
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingReport {
    /// The seed of the random pairs.
    pub seed: u64,
    /// The link mode trained for.
    pub link_mode: String,
    /// Random pairs drawn to estimate u.
    pub random_pairs: u64,
    /// The EM sessions, one per training rule.
    pub sessions: Vec<TrainingSession>,
    /// Comparisons whose m no session could estimate (they keep their
    /// starting values, or the labelled estimate).
    pub not_estimated: Vec<String>,
    /// Labelled matching pairs used for m.
    pub labelled_matches: u64,
    /// Labelled non-matching pairs pooled with the random pairs for u.
    pub labelled_non_matches: u64,
}
