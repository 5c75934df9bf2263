//! Scoring candidate pairs on all cores, keeping those worth keeping.
//!
//! Pairs are scored in an order that keeps what they read in the cache
//! (see [`locality_order`]); the pairs kept come back in the order given.

use super::histogram::ScoreHistogram;
use super::resolution::UsedMatcher;
use super::source_priors::{MOST_RAISED, SourcePairWeights};
use super::stage::{ProgressCallback, Stage};
use crate::block::LinkMode;
use crate::block::locality::{Runs, locality_order};
use crate::cluster::ScoredPair;
use crate::id::RecordIndex;
use crate::matcher::{FellegiSunter, InternedStore, PairScorer, Score};
use crate::prepare::PreparedStore;

/// Pairs scored between two progress reports (at least, and at most
/// twice as many): large enough that the hand-off to the thread pool is
/// negligible, small enough for a live progress bar.
const PAIRS_PER_REPORT: usize = 1 << 18;

/// What scoring keeps.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Keep {
    /// The pairs with a probability at or above it are kept.
    pub(crate) floor: f64,
    /// With a model: estimate priors per pair of sources (see
    /// [`source_priors`](super::source_priors)) for this link mode's
    /// pairs, and score with them.
    pub(crate) source_priors: Option<LinkMode>,
}

/// What scoring gives back.
pub(crate) struct Scored {
    /// The pairs kept, in the order given.
    pub(crate) pairs: Vec<ScoredPair>,
    /// The model with the priors per pair of sources the pairs were
    /// scored with, when it estimated some.
    pub(crate) model: Option<FellegiSunter>,
}

/// Scores every pair and keeps those with a probability at or above
/// `keep.floor`, in the order of `pairs` (so the result is the same for
/// any thread count); every score, kept or not, is counted in
/// `histogram`. A Fellegi-Sunter model scores through a [`PairScorer`]
/// (the store's values numbered once, or `numbers` when they serve it:
/// training's), any other matcher pair by pair. With priors per pair of
/// sources to estimate, the pairs kept are scored again with them.
pub(crate) fn score_pairs(
    matcher: &UsedMatcher,
    store: &PreparedStore,
    numbers: Option<InternedStore>,
    pairs: &[(RecordIndex, RecordIndex)],
    keep: Keep,
    progress: Option<&ProgressCallback>,
    histogram: &mut ScoreHistogram,
) -> Scored {
    let total = pairs.len() as u64;
    let mut done = 0u64;
    if let Some(report) = progress {
        report(Stage::Score, 0, total);
    }
    let scorer = match matcher {
        UsedMatcher::Model(model) => Some(PairScorer::with_interned(model, store, numbers)),
        UsedMatcher::Custom(_) => None,
    };
    let mut by_source = match (keep.source_priors, matcher) {
        (Some(_), UsedMatcher::Model(_)) => SourcePairWeights::for_store(store),
        _ => None,
    };
    // A prior raised for a pair of sources may lift a pair over the
    // floor: keep those it could lift, until the priors are known.
    let floor = match by_source {
        Some(_) if keep.floor > 0.0 => {
            Score::from_weight(Score::from_probability(keep.floor).weight() - MOST_RAISED)
                .probability()
        }
        _ => keep.floor,
    };
    let sources = store.record_sources();
    let runs = Runs::of(pairs);
    // The pairs kept, run after run in the order scored, and where each
    // piece of a run has its kept pairs in `kept`: (run, first, how many).
    let mut kept: Vec<ScoredPair> = Vec::new();
    let mut kept_runs: Vec<(usize, usize, usize)> = Vec::new();
    let mut batch: Vec<(RecordIndex, RecordIndex)> = Vec::with_capacity(2 * PAIRS_PER_REPORT);
    // The batch's pieces of runs: (run, how many pairs).
    let mut batch_runs: Vec<(usize, usize)> = Vec::new();
    let order = locality_order(pairs, &runs, store.len());
    // A run longer than a report is scored in pieces, so that progress
    // is reported as often whatever the runs.
    let mut pieces = order
        .iter()
        .flat_map(|&run| {
            pairs[runs.range(run)]
                .chunks(PAIRS_PER_REPORT)
                .map(move |piece| (run, piece))
        })
        .peekable();
    while let Some((run, piece)) = pieces.next() {
        batch.extend_from_slice(piece);
        batch_runs.push((run, piece.len()));
        if batch.len() < PAIRS_PER_REPORT && pieces.peek().is_some() {
            continue;
        }
        let scores = match &scorer {
            Some(scorer) => scorer.score_pairs(&batch),
            None => crate::matcher::score_pairs(matcher.as_matcher(), store, &batch),
        };
        match &mut by_source {
            Some(weights) => {
                for (&(a, b), &score) in batch.iter().zip(&scores) {
                    match (sources.get(a.get()), sources.get(b.get())) {
                        (Some(&x), Some(&y)) => weights.add(x, y, score),
                        _ => histogram.add(score),
                    }
                }
            }
            None => {
                for &score in &scores {
                    histogram.add(score);
                }
            }
        }
        let mut scored = batch.iter().zip(scores);
        for &(run, count) in &batch_runs {
            let first = kept.len();
            kept.extend(
                scored
                    .by_ref()
                    .take(count)
                    .filter(|(_, score)| score.probability() >= floor)
                    .map(|(&(a, b), score)| ScoredPair::new(a, b, score)),
            );
            if kept.len() > first {
                kept_runs.push((run, first, kept.len() - first));
            }
        }
        done += batch.len() as u64;
        batch.clear();
        batch_runs.clear();
        if let Some(report) = progress {
            report(Stage::Score, done, total);
        }
    }
    // Back to the order given: runs are stretches of `pairs` in order,
    // and a run's pieces were scored in order.
    if !kept_runs.is_sorted() {
        kept_runs.sort_unstable();
        kept = kept_runs
            .iter()
            .flat_map(|&(_, first, count)| kept[first..first + count].iter().copied())
            .collect();
    }
    let (Some(weights), Some(mode), Some(scorer), UsedMatcher::Model(model)) =
        (by_source, keep.source_priors, scorer, matcher)
    else {
        return Scored {
            pairs: kept,
            model: None,
        };
    };
    let priors = weights.estimate(store, mode, model.prior_weight());
    weights.fill(&priors, model.prior_weight(), histogram);
    if priors.is_empty() {
        kept.retain(|pair| pair.score.probability() >= keep.floor);
        return Scored {
            pairs: kept,
            model: None,
        };
    }
    let model = model
        .clone()
        .with_source_priors(priors.into_iter().map(|(_, _, prior)| prior).collect());
    let kept_pairs: Vec<(RecordIndex, RecordIndex)> =
        kept.iter().map(|pair| (pair.a, pair.b)).collect();
    drop(kept);
    let scores = PairScorer::with_interned(&model, store, Some(scorer.into_interned()))
        .score_pairs(&kept_pairs);
    let pairs = kept_pairs
        .into_iter()
        .zip(scores)
        .filter(|(_, score)| score.probability() >= keep.floor)
        .map(|((a, b), score)| ScoredPair::new(a, b, score))
        .collect();
    Scored {
        pairs,
        model: Some(model),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::block::locality::pairs;

    /// Scores a pair by its records' positions: kept when their sum is
    /// even.
    struct ByPosition;

    impl crate::matcher::Matcher for ByPosition {
        fn score(
            &self,
            a: &crate::prepare::PreparedRecord<'_>,
            b: &crate::prepare::PreparedRecord<'_>,
        ) -> crate::matcher::Score {
            let sum = a.index().get() + b.index().get();
            crate::matcher::Score::from_weight(if sum % 2 == 0 { 10.0 } else { -10.0 })
        }
    }

    /// A store of `records` records of one name (the scores do not read
    /// it; nor does clustering, in the pairs rule's tests).
    pub(in crate::resolve) fn store_of(records: usize) -> PreparedStore {
        use crate::record::OwnedRecord;
        use crate::schema::{FieldKind, Schema};
        let schema = Schema::builder()
            .field("name", FieldKind::FullName)
            .build()
            .unwrap();
        let mut store = PreparedStore::new(schema);
        let source = store.add_source("s", false).unwrap();
        let records: Vec<OwnedRecord> = (0..records)
            .map(|i| OwnedRecord::new(i.to_string()).with("name", "Ann Lee"))
            .collect();
        store.ingest(source, &records).unwrap();
        store
    }

    #[test]
    fn kept_pairs_come_back_in_the_order_given() {
        let store = store_of(8);
        // Unsorted, with runs scored out of their order (record 6's run
        // comes right after record 0's, whose pair names it).
        let given = pairs(&[
            (0, 6),
            (0, 2),
            (3, 5),
            (6, 4),
            (1, 3),
            (6, 7),
            (2, 4),
            (9, 1),
        ]);
        let matcher = UsedMatcher::Custom(Box::new(ByPosition));
        let mut histogram = ScoreHistogram::new();
        let keep = Keep {
            floor: 0.5,
            source_priors: None,
        };
        let kept = score_pairs(&matcher, &store, None, &given, keep, None, &mut histogram);
        let kept: Vec<(usize, usize)> = kept
            .pairs
            .iter()
            .map(|pair| (pair.a.get(), pair.b.get()))
            .collect();
        assert_eq!(kept, [(0, 6), (0, 2), (3, 5), (6, 4), (1, 3), (2, 4)]);
        // Every pair counted, the one out of the store as a certain
        // non-match.
        assert_eq!(histogram.pairs(), 8);
    }

    #[test]
    fn a_long_run_is_scored_in_pieces_with_progress_between() {
        let store = store_of(0);
        // One record paired with far more records than a report holds
        // (none of them in the store: certain non-matches).
        let total = 2 * PAIRS_PER_REPORT + 7;
        let given: Vec<(RecordIndex, RecordIndex)> = (1..=total)
            .map(|b| (RecordIndex::from_position(0), RecordIndex::from_position(b)))
            .collect();
        let reports = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = std::sync::Arc::clone(&reports);
        let progress = move |stage: Stage, done: u64, all: u64| {
            assert_eq!((stage, all), (Stage::Score, total as u64));
            seen.lock().unwrap().push(done);
        };
        let matcher = UsedMatcher::Custom(Box::new(ByPosition));
        let mut histogram = ScoreHistogram::new();
        let kept = score_pairs(
            &matcher,
            &store,
            None,
            &given,
            Keep {
                floor: 0.0,
                source_priors: None,
            },
            Some(&progress),
            &mut histogram,
        )
        .pairs;
        assert_eq!(kept.len(), total);
        assert!(
            kept.iter()
                .zip(&given)
                .all(|(pair, &(a, b))| (pair.a, pair.b) == (a, b))
        );
        let step = PAIRS_PER_REPORT as u64;
        assert_eq!(*reports.lock().unwrap(), [0, step, 2 * step, total as u64]);
    }
}
