//! Scoring candidate pairs on all cores, keeping those worth keeping.

use super::histogram::ScoreHistogram;
use super::stage::{ProgressCallback, Stage};
use crate::cluster::ScoredPair;
use crate::id::RecordIndex;
use crate::matcher::Matcher;
use crate::prepare::PreparedStore;

/// Pairs scored between two progress reports: large enough that the
/// hand-off to the thread pool is negligible, small enough for a live
/// progress bar.
const PAIRS_PER_REPORT: usize = 1 << 18;

/// Scores every pair and keeps those with a probability at or above
/// `floor`, in the order of `pairs` (so the result is the same for any
/// thread count); every score, kept or not, is counted in `histogram`.
pub(crate) fn score_pairs(
    matcher: &dyn Matcher,
    store: &PreparedStore,
    pairs: &[(RecordIndex, RecordIndex)],
    floor: f64,
    progress: Option<&ProgressCallback>,
    histogram: &mut ScoreHistogram,
) -> Vec<ScoredPair> {
    let total = pairs.len() as u64;
    let mut kept = Vec::new();
    let mut done = 0u64;
    if let Some(report) = progress {
        report(Stage::Score, 0, total);
    }
    for chunk in pairs.chunks(PAIRS_PER_REPORT) {
        let scores = crate::matcher::score_pairs(matcher, store, chunk);
        for &score in &scores {
            histogram.add(score);
        }
        kept.extend(
            chunk
                .iter()
                .zip(scores)
                .filter(|(_, score)| score.probability() >= floor)
                .map(|(&(a, b), score)| ScoredPair::new(a, b, score)),
        );
        done += chunk.len() as u64;
        if let Some(report) = progress {
            report(Stage::Score, done, total);
        }
    }
    kept
}
