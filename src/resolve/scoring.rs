//! Scoring candidate pairs on all cores, keeping those worth keeping.

use super::stage::{ProgressCallback, Stage};
use crate::cluster::ScoredPair;
use crate::matcher::Matcher;
use crate::prepare::{PreparedStore, RecordIndex};

/// Pairs scored between two progress reports: large enough that the
/// hand-off to the thread pool is negligible, small enough for a live
/// progress bar.
const PAIRS_PER_REPORT: usize = 1 << 18;

/// Scores every pair and keeps those with a probability at or above
/// `floor`, in the order of `pairs` (so the result is the same for any
/// thread count).
pub(crate) fn score_pairs(
    matcher: &dyn Matcher,
    store: &PreparedStore,
    pairs: &[(RecordIndex, RecordIndex)],
    floor: f64,
    progress: Option<&ProgressCallback>,
) -> Vec<ScoredPair> {
    let score = |&(a, b): &(RecordIndex, RecordIndex)| -> Option<ScoredPair> {
        let (x, y) = (store.record(a)?, store.record(b)?);
        let score = matcher.score(&x, &y);
        (score.probability() >= floor).then_some(ScoredPair {
            a,
            b,
            weight: score.weight(),
            probability: score.probability(),
        })
    };
    let total = pairs.len() as u64;
    let mut kept = Vec::new();
    let mut done = 0u64;
    if let Some(report) = progress {
        report(Stage::Score, 0, total);
    }
    for chunk in pairs.chunks(PAIRS_PER_REPORT) {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            let part: Vec<ScoredPair> = chunk.par_iter().filter_map(score).collect();
            kept.extend(part);
        }
        #[cfg(not(feature = "parallel"))]
        kept.extend(chunk.iter().filter_map(score));
        done += chunk.len() as u64;
        if let Some(report) = progress {
            report(Stage::Score, done, total);
        }
    }
    kept
}
