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
    // floor: keep those it could lift (with a bin to spare for rounding),
    // until the priors are known. A floor of 1 is the least weight whose
    // probability rounds to 1.
    let floor = match by_source {
        Some(_) if keep.floor > 0.0 => {
            let weight = Score::from_probability(keep.floor).weight().min(53.0);
            Score::from_weight(weight - MOST_RAISED - 1.0 / 16.0).probability()
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
    // Only the pairs of the sources with a prior of their own score
    // otherwise (the others start from the same prior as before, and add
    // up in the same order): marked per pair of sources (at most
    // `MOST_SOURCES` of them).
    let count = store.sources().len();
    let mut shifted = vec![false; count * count];
    for &(a, b, _) in &priors {
        shifted[a.index() * count + b.index()] = true;
    }
    let model = (!priors.is_empty()).then(|| {
        model
            .clone()
            .with_source_priors(priors.into_iter().map(|(_, _, prior)| prior).collect())
    });
    if let Some(model) = &model {
        let again: Vec<usize> = (0..kept.len())
            .filter(|&at| {
                let pair = &kept[at];
                match (sources.get(pair.a.get()), sources.get(pair.b.get())) {
                    (Some(&x), Some(&y)) => shifted[x.min(y).index() * count + x.max(y).index()],
                    _ => false,
                }
            })
            .collect();
        let pairs: Vec<(RecordIndex, RecordIndex)> =
            again.iter().map(|&at| (kept[at].a, kept[at].b)).collect();
        let scores = PairScorer::with_interned(model, store, Some(scorer.into_interned()))
            .score_pairs(&pairs);
        for (&at, score) in again.iter().zip(scores) {
            kept[at].score = score;
        }
    }
    kept.retain(|pair| pair.score.probability() >= keep.floor);
    Scored { pairs: kept, model }
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

    /// A register of 200 e-mail addresses and a list of 100 of them, and
    /// a model giving the same address `exact` bits over a prior of
    /// 1e-4: every pair between the two sources, the register's first.
    fn register_and_list(
        exact: f64,
    ) -> (PreparedStore, UsedMatcher, Vec<(RecordIndex, RecordIndex)>) {
        use crate::matcher::{Comparison, LevelTest};
        use crate::record::OwnedRecord;
        use crate::schema::{FieldKind, Schema};
        let schema = Schema::builder()
            .field("email", FieldKind::Email)
            .build()
            .unwrap();
        let mut email = Comparison::new(&schema, "email", &[LevelTest::Exact]).unwrap();
        email
            .set_probabilities(0, 0.9, 0.9 / 2f64.powf(exact))
            .unwrap();
        email.set_probabilities(1, 1e-6, 0.99).unwrap();
        let model = FellegiSunter::new(&schema, 1e-4, vec![email]).unwrap();
        let mut store = PreparedStore::new(schema);
        let register = store.add_source("register", false).unwrap();
        let list = store.add_source("list", false).unwrap();
        let address =
            |i: usize| OwnedRecord::new(i.to_string()).with("email", format!("p{i}@x.org"));
        store
            .ingest(register, &(0..200).map(address).collect::<Vec<_>>())
            .unwrap();
        store
            .ingest(list, &(0..100).map(address).collect::<Vec<_>>())
            .unwrap();
        let pairs = (0..200)
            .flat_map(|r| {
                (200..300)
                    .map(move |l| (RecordIndex::from_position(r), RecordIndex::from_position(l)))
            })
            .collect();
        (store, UsedMatcher::Model(model), pairs)
    }

    /// Scores `pairs` kept at `floor`, estimating priors per pair of
    /// sources in `mode` when given one; counts into `histogram`.
    fn score_at(
        (store, matcher, pairs): &(PreparedStore, UsedMatcher, Vec<(RecordIndex, RecordIndex)>),
        floor: f64,
        source_priors: Option<LinkMode>,
        histogram: &mut ScoreHistogram,
    ) -> Scored {
        let keep = Keep {
            floor,
            source_priors,
        };
        score_pairs(matcher, store, None, pairs, keep, None, histogram)
    }

    #[test]
    fn a_prior_raised_for_two_sources_lifts_their_pairs_over_the_floor() {
        // The same address weighs -13.3 + 9.8 bits: 0.08 on the model's
        // prior, below a floor of 0.5.
        let run = register_and_list(9.8);
        let store = &run.0;
        let mut histogram = ScoreHistogram::new();
        let scored = score_at(&run, 0.5, Some(LinkMode::Link), &mut histogram);
        let model = scored.model.expect("a prior for the register and the list");
        assert_eq!(model.source_priors().len(), 1);
        assert_eq!(model.source_priors()[0].sources(), ["list", "register"]);
        // The 100 true pairs, each scored as the new model scores it.
        assert_eq!(scored.pairs.len(), 100);
        for pair in &scored.pairs {
            let (a, b) = (store.record(pair.a).unwrap(), store.record(pair.b).unwrap());
            assert_eq!(pair.score, crate::matcher::Matcher::score(&model, &a, &b));
            assert!(pair.score.probability() >= 0.5);
        }
        assert_eq!(histogram.pairs(), 20_000);
        // Without priors per pair of sources none is kept.
        let plain = score_at(&run, 0.5, None, &mut ScoreHistogram::new());
        assert!(plain.pairs.is_empty() && plain.model.is_none());
    }

    #[test]
    fn a_floor_of_one_keeps_the_pairs_a_raised_prior_makes_certain() {
        // 50 bits on the model's prior (a probability under 1), over 53
        // with the list's prior (exactly 1 in `f64`).
        let run = register_and_list(63.3);
        let scored = score_at(&run, 1.0, Some(LinkMode::Link), &mut ScoreHistogram::new());
        assert_eq!(scored.pairs.len(), 100);
        assert!(
            scored
                .pairs
                .iter()
                .all(|pair| pair.score.probability() == 1.0)
        );
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
