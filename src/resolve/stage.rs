//! The stages of a run, as progress reports name them.

use std::fmt;

/// A stage of [`Resolver::resolve`](super::Resolver::resolve), as named
/// in progress reports and run statistics.
///
/// # Examples
///
/// ```
/// use sameas::resolve::Stage;
/// assert_eq!(Stage::Score.to_string(), "score");
/// assert_eq!(Stage::ALL.len(), 6);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Stage {
    /// Reading records into the prepared store.
    Ingest,
    /// Training the Fellegi-Sunter model (skipped with a given matcher).
    Train,
    /// Building the blocking index and the candidate pairs.
    Block,
    /// Scoring the candidate pairs.
    Score,
    /// Turning accepted pairs into entities.
    Cluster,
    /// Building golden records (on demand, after the run).
    Survive,
}

impl Stage {
    /// Every stage, in pipeline order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::resolve::Stage;
    /// assert_eq!(Stage::ALL[0], Stage::Ingest);
    /// ```
    pub const ALL: [Stage; 6] = [
        Stage::Ingest,
        Stage::Train,
        Stage::Block,
        Stage::Score,
        Stage::Cluster,
        Stage::Survive,
    ];

    /// The stage's name in lower case.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(sameas::resolve::Stage::Cluster.as_str(), "cluster");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Ingest => "ingest",
            Stage::Train => "train",
            Stage::Block => "block",
            Stage::Score => "score",
            Stage::Cluster => "cluster",
            Stage::Survive => "survive",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The progress callback: `(stage, done, total)`, in units the stage
/// counts (records, pairs, entities; 0 of 1 then 1 of 1 for stages that
/// cannot count). Called from the thread that runs the stage, never
/// concurrently.
pub(crate) type ProgressCallback = dyn Fn(Stage, u64, u64) + Send + Sync;
