//! Scoring candidate pairs on all cores, keeping those worth keeping.

use super::histogram::ScoreHistogram;
use super::resolution::UsedMatcher;
use super::stage::{ProgressCallback, Stage};
use crate::cluster::ScoredPair;
use crate::id::RecordIndex;
use crate::matcher::{InternedStore, PairScorer};
use crate::prepare::PreparedStore;

/// Pairs scored between two progress reports: large enough that the
/// hand-off to the thread pool is negligible, small enough for a live
/// progress bar.
const PAIRS_PER_REPORT: usize = 1 << 18;

/// Scores every pair and keeps those with a probability at or above
/// `floor`, in the order of `pairs` (so the result is the same for any
/// thread count); every score, kept or not, is counted in `histogram`.
/// A Fellegi-Sunter model scores through a [`PairScorer`] (the store's
/// values numbered once, or `numbers` when they serve it: training's),
/// any other matcher pair by pair.
pub(crate) fn score_pairs(
    matcher: &UsedMatcher,
    store: &PreparedStore,
    numbers: Option<InternedStore>,
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
    let scorer = match matcher {
        UsedMatcher::Model(model) => Some(PairScorer::with_interned(model, store, numbers)),
        UsedMatcher::Custom(_) => None,
    };
    for chunk in pairs.chunks(PAIRS_PER_REPORT) {
        let scores = match &scorer {
            Some(scorer) => scorer.score_pairs(chunk),
            None => crate::matcher::score_pairs(matcher.as_matcher(), store, chunk),
        };
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
