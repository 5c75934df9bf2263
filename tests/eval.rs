//! Evaluation through the public API: brute-force agreement, invariants,
//! bad input, and generated data with known truth.

use std::collections::BTreeSet;
use std::panic::{RefUnwindSafe, UnwindSafe};

use proptest::prelude::*;
use sameas::block::{BlockingIndex, BlockingOptions, LinkMode, default_blockers};
use sameas::cluster::ScoredPair;
use sameas::eval::{
    BCubedMetrics, ClusteringEvaluation, EvalError, PairwiseMetrics, Scope, ThresholdPoint,
    ThresholdSweep, evaluate_clustering, evaluate_pairs, sweep_thresholds,
};
use sameas::matcher::Score;
use sameas::synthetic::{PeopleGenerator, SyntheticData};
use sameas::{PreparedStore, RecordIndex};

/// Pair counts by enumerating every pair: (true positives, predicted, true).
fn brute_pair_counts(predicted: &[u8], truth: &[u8], sources: Option<&[u8]>) -> (u64, u64, u64) {
    let (mut both, mut predicted_pairs, mut true_pairs) = (0, 0, 0);
    for a in 0..truth.len() {
        for b in a + 1..truth.len() {
            if sources.is_some_and(|s| s[a] == s[b]) {
                continue;
            }
            let p = predicted[a] == predicted[b];
            let t = truth[a] == truth[b];
            predicted_pairs += u64::from(p);
            true_pairs += u64::from(t);
            both += u64::from(p && t);
        }
    }
    (both, predicted_pairs, true_pairs)
}

/// B-cubed (precision, recall) straight from the definition.
fn brute_bcubed(predicted: &[u8], truth: &[u8], sources: Option<&[u8]>) -> (f64, f64) {
    let counts = |r: usize, same: &dyn Fn(usize) -> bool| -> u64 {
        (0..truth.len())
            .filter(|&o| same(o))
            .filter(|&o| match sources {
                None => true,
                Some(s) => s[o] != s[r],
            })
            .count() as u64
    };
    let (mut precision, mut precision_records) = (0.0, 0u64);
    let (mut recall, mut recall_records) = (0.0, 0u64);
    for r in 0..truth.len() {
        let agreeing = counts(r, &|o| predicted[o] == predicted[r] && truth[o] == truth[r]);
        let in_cluster = counts(r, &|o| predicted[o] == predicted[r]);
        let in_entity = counts(r, &|o| truth[o] == truth[r]);
        if in_cluster > 0 {
            precision += agreeing as f64 / in_cluster as f64;
            precision_records += 1;
        }
        if in_entity > 0 {
            recall += agreeing as f64 / in_entity as f64;
            recall_records += 1;
        }
    }
    let average = |sum: f64, n: u64| if n == 0 { 1.0 } else { sum / n as f64 };
    (
        average(precision, precision_records),
        average(recall, recall_records),
    )
}

fn scope_of(sources: Option<&[u8]>) -> Scope {
    sources.map_or_else(Scope::all_pairs, Scope::cross_source)
}

fn r(position: usize) -> RecordIndex {
    RecordIndex::from_position(position)
}

/// Labels, truth and sources for up to 30 records, few distinct values
/// so clusters and shared sources are common.
fn labelling() -> impl Strategy<Value = (Vec<u8>, Vec<u8>, Vec<u8>)> {
    (0usize..30).prop_flat_map(|n| {
        (
            prop::collection::vec(0u8..5, n),
            prop::collection::vec(0u8..5, n),
            prop::collection::vec(0u8..3, n),
        )
    })
}

fn assert_unit_interval(values: &[f64]) {
    for &value in values {
        assert!((0.0..=1.0).contains(&value), "{value} outside [0, 1]");
    }
}

fn assert_pairwise_sane(metrics: &PairwiseMetrics) {
    assert_unit_interval(&[metrics.precision(), metrics.recall(), metrics.f1()]);
}

fn assert_clustering_sane(evaluation: &ClusteringEvaluation) {
    assert_pairwise_sane(evaluation.pairwise());
    let bcubed = evaluation.bcubed();
    assert_unit_interval(&[bcubed.precision(), bcubed.recall(), bcubed.f1()]);
}

proptest! {
    #[test]
    fn pairwise_counts_match_brute_force((predicted, truth, sources) in labelling(), cross in any::<bool>()) {
        let sources = cross.then_some(&sources[..]);
        let evaluation = evaluate_clustering(&predicted, &truth, &scope_of(sources)).unwrap();
        let pairwise = evaluation.pairwise();
        prop_assert_eq!(
            (pairwise.true_positives(), pairwise.predicted_pairs(), pairwise.true_pairs()),
            brute_pair_counts(&predicted, &truth, sources)
        );
        let (precision, recall) = brute_bcubed(&predicted, &truth, sources);
        prop_assert!((evaluation.bcubed().precision() - precision).abs() < 1e-12);
        prop_assert!((evaluation.bcubed().recall() - recall).abs() < 1e-12);
        assert_clustering_sane(&evaluation);
    }

    #[test]
    fn perfect_prediction_scores_one_everywhere((_, truth, sources) in labelling(), cross in any::<bool>()) {
        let sources = cross.then_some(&sources[..]);
        // Different label values, same partition.
        let predicted: Vec<u32> = truth.iter().map(|&t| u32::from(t) * 7 + 100).collect();
        let evaluation = evaluate_clustering(&predicted, &truth, &scope_of(sources)).unwrap();
        let (pairwise, bcubed) = (evaluation.pairwise(), evaluation.bcubed());
        prop_assert_eq!(
            [pairwise.precision(), pairwise.recall(), pairwise.f1()],
            [1.0, 1.0, 1.0]
        );
        prop_assert_eq!([bcubed.precision(), bcubed.recall(), bcubed.f1()], [1.0, 1.0, 1.0]);
    }

    #[test]
    fn permuting_records_changes_nothing(
        ((predicted, truth, sources), order) in labelling().prop_flat_map(|labels| {
            let n = labels.1.len();
            (Just(labels), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
        }),
        cross in any::<bool>(),
    ) {
        let permute = |values: &[u8]| order.iter().map(|&i| values[i]).collect::<Vec<u8>>();
        let (p2, t2, s2) = (permute(&predicted), permute(&truth), permute(&sources));
        let (scope, scope2) = if cross {
            (Scope::cross_source(&sources), Scope::cross_source(&s2))
        } else {
            (Scope::all_pairs(), Scope::all_pairs())
        };
        let before = evaluate_clustering(&predicted, &truth, &scope).unwrap();
        let after = evaluate_clustering(&p2, &t2, &scope2).unwrap();
        prop_assert_eq!(before, after);
    }

    #[test]
    fn pair_evaluation_matches_brute_force(
        (truth, sources, raw_pairs) in (1usize..25).prop_flat_map(|n| (
            prop::collection::vec(0u8..4, n),
            prop::collection::vec(0u8..3, n),
            prop::collection::vec((0..n, 0..n), 0..60),
        )),
        cross in any::<bool>(),
    ) {
        let sources = cross.then_some(&sources[..]);
        let pairs: Vec<(RecordIndex, RecordIndex)> =
            raw_pairs.iter().map(|&(a, b)| (r(a), r(b))).collect();
        let metrics = evaluate_pairs(&pairs, &truth, &scope_of(sources)).unwrap();
        let distinct: BTreeSet<(usize, usize)> = raw_pairs
            .iter()
            .filter(|&&(a, b)| a != b && sources.is_none_or(|s| s[a] != s[b]))
            .map(|&(a, b)| (a.min(b), a.max(b)))
            .collect();
        let true_positives = distinct.iter().filter(|&&(a, b)| truth[a] == truth[b]).count() as u64;
        let (_, _, true_pairs) = brute_pair_counts(&truth, &truth, sources);
        prop_assert_eq!(
            (metrics.true_positives(), metrics.predicted_pairs(), metrics.true_pairs()),
            (true_positives, distinct.len() as u64, true_pairs)
        );
        assert_pairwise_sane(&metrics);
    }

    #[test]
    fn every_sweep_point_is_the_pairs_at_or_above_it(
        (truth, scored) in (1usize..20).prop_flat_map(|n| (
            prop::collection::vec(0u8..4, n),
            prop::collection::vec((0..n, 0..n, 0u8..6), 0..40),
        )),
        reversed in any::<bool>(),
    ) {
        let mut scored: Vec<ScoredPair> = scored
            .iter()
            .map(|&(a, b, score)| {
                ScoredPair::new(r(a), r(b), Score::from_probability(f64::from(score) / 5.0))
            })
            .collect();
        let sweep = sweep_thresholds(&scored, &truth, &Scope::all_pairs()).unwrap();
        for point in sweep.points() {
            let accepted: Vec<(RecordIndex, RecordIndex)> = scored
                .iter()
                .filter(|pair| pair.score.probability() >= point.threshold())
                .map(|pair| (pair.a, pair.b))
                .collect();
            let expected = evaluate_pairs(&accepted, &truth, &Scope::all_pairs()).unwrap();
            prop_assert_eq!(point.metrics(), &expected);
            prop_assert_eq!(sweep.metrics_at(point.threshold()), expected);
            assert_pairwise_sane(point.metrics());
        }
        prop_assert!(sweep.points().windows(2).all(|w| w[0].threshold() < w[1].threshold()));
        if let Some(best) = sweep.best() {
            prop_assert!(sweep.points().iter().all(|p| p.metrics().f1() <= best.metrics().f1()));
        }
        // The order of the pairs does not matter.
        if reversed {
            scored.reverse();
        } else {
            let half = scored.len() / 2;
            scored.rotate_left(half);
        }
        prop_assert_eq!(sweep_thresholds(&scored, &truth, &Scope::all_pairs()).unwrap(), sweep);
    }
}

#[test]
fn bad_input_gives_exact_errors() {
    assert_eq!(
        evaluate_clustering(&[1, 2], &["a", "b", "c"], &Scope::all_pairs()),
        Err(EvalError::LengthMismatch {
            what: "predicted labels",
            expected: 3,
            found: 2
        })
    );
    assert_eq!(
        evaluate_clustering(&[1, 2, 3], &[1, 2, 3], &Scope::cross_source(&["crm"; 4])),
        Err(EvalError::LengthMismatch {
            what: "sources",
            expected: 3,
            found: 4
        })
    );
    assert_eq!(
        evaluate_pairs(&[(r(0), r(3))], &[1, 1, 1], &Scope::all_pairs()),
        Err(EvalError::RecordOutOfRange {
            index: 3,
            records: 3
        })
    );
    let certain = ScoredPair::new(r(2), r(3), Score::from_probability(1.0));
    assert_eq!(
        sweep_thresholds(&[certain], &[1, 1, 1], &Scope::all_pairs()),
        Err(EvalError::RecordOutOfRange {
            index: 3,
            records: 3
        })
    );
    assert_eq!(
        EvalError::LengthMismatch {
            what: "sources",
            expected: 3,
            found: 4
        }
        .to_string(),
        "sources hold 4 entries but the truth labels hold 3"
    );
    assert_eq!(
        EvalError::RecordOutOfRange {
            index: 3,
            records: 3
        }
        .to_string(),
        "record index 3 is out of range for 3 records"
    );
}

#[test]
fn empty_input_has_defined_results() {
    let none: [u64; 0] = [];
    let evaluation = evaluate_clustering(&none, &none, &Scope::all_pairs()).unwrap();
    assert_eq!(evaluation.pairwise().f1(), 1.0);
    assert_eq!(evaluation.bcubed().f1(), 1.0);
    let pairs = evaluate_pairs(&[], &none, &Scope::all_pairs()).unwrap();
    assert_eq!((pairs.precision(), pairs.recall()), (1.0, 1.0));
    let sweep = sweep_thresholds(&[], &none, &Scope::all_pairs()).unwrap();
    assert!(sweep.points().is_empty() && sweep.best().is_none());
    assert_eq!(sweep.metrics_at(0.5).f1(), 1.0);
}

#[test]
fn results_are_serialisable_and_thread_safe() {
    fn assert_serialize<T: serde::Serialize>() {}
    fn assert_auto_traits<T: Send + Sync + UnwindSafe + RefUnwindSafe + Unpin>() {}
    assert_serialize::<PairwiseMetrics>();
    assert_serialize::<BCubedMetrics>();
    assert_serialize::<ClusteringEvaluation>();
    assert_serialize::<ThresholdPoint>();
    assert_serialize::<ThresholdSweep>();
    assert_auto_traits::<PairwiseMetrics>();
    assert_auto_traits::<BCubedMetrics>();
    assert_auto_traits::<ClusteringEvaluation>();
    assert_auto_traits::<ThresholdPoint>();
    assert_auto_traits::<ThresholdSweep>();
    assert_auto_traits::<Scope>();
}

/// Generated people in four sources, their store, and their truth.
fn generated() -> (SyntheticData, PreparedStore, Vec<u32>) {
    let data = PeopleGenerator::builder()
        .seed(11)
        .entities(1500)
        .build()
        .unwrap()
        .generate();
    let store = data.prepared_store().unwrap();
    let truth: Vec<u32> = (0..data.record_count())
        .map(|i| data.entity(i).unwrap())
        .collect();
    (data, store, truth)
}

#[test]
fn generated_data_truth_against_itself_is_perfect() {
    let (data, store, truth) = generated();
    let sources: Vec<_> = store.records().map(|record| record.source()).collect();
    for scope in [Scope::all_pairs(), Scope::cross_source(&sources)] {
        let evaluation = evaluate_clustering(&truth, &truth, &scope).unwrap();
        assert_eq!(evaluation.pairwise().f1(), 1.0);
        assert_eq!(evaluation.bcubed().f1(), 1.0);
        assert_eq!(evaluation.records(), data.record_count() as u64);
        assert_eq!(evaluation.true_clusters(), evaluation.predicted_clusters());
    }
    let all = evaluate_clustering(&truth, &truth, &Scope::all_pairs()).unwrap();
    assert_eq!(all.pairwise().true_pairs(), data.true_pair_count());
}

/// The truth against itself cannot fail; a known damage to it gives
/// exactly the counts it must: one entity of `k` records split into
/// singletons loses its `k(k-1)/2` pairs, two entities of `p` and `q`
/// records merged add `p*q` false pairs.
#[test]
fn a_known_damage_to_the_truth_gives_exact_counts() {
    let (data, _, truth) = generated();
    let size = |label: u32| truth.iter().filter(|&&entity| entity == label).count() as u64;
    let split = *truth
        .iter()
        .find(|&&label| size(label) >= 3)
        .expect("an entity of 3");
    let mut others = truth.iter().copied().filter(|&label| label != split);
    let first = others.next().expect("another entity");
    let second = others
        .find(|&label| label != first)
        .expect("a third entity");
    let (k, p, q) = (size(split), size(first), size(second));
    let fresh = truth.iter().max().copied().unwrap_or(0) + 1;
    let predicted: Vec<u32> = truth
        .iter()
        .enumerate()
        .map(|(position, &label)| match label {
            _ if label == split => fresh + position as u32,
            _ if label == second => first,
            _ => label,
        })
        .collect();
    let evaluation = evaluate_clustering(&predicted, &truth, &Scope::all_pairs()).unwrap();
    let pairwise = evaluation.pairwise();
    let lost = k * (k - 1) / 2;
    assert_eq!(pairwise.true_pairs(), data.true_pair_count());
    assert_eq!(pairwise.false_negatives(), lost);
    assert_eq!(pairwise.false_positives(), p * q);
    assert_eq!(pairwise.true_positives(), data.true_pair_count() - lost);
    assert_eq!(
        pairwise.recall(),
        (data.true_pair_count() - lost) as f64 / data.true_pair_count() as f64
    );
    assert_eq!(
        evaluation.predicted_clusters(),
        evaluation.true_clusters() + k - 1 - 1
    );
}

#[test]
fn blocking_recall_is_its_pairs_completeness() {
    let (data, store, truth) = generated();
    let index = BlockingIndex::build(
        &store,
        default_blockers(store.schema()),
        BlockingOptions::new(),
    );

    // All pairs: the candidates of dedup-and-link against every true pair.
    let candidates = index.candidate_pairs(&store, LinkMode::DedupAndLink);
    let found = candidates
        .pairs()
        .iter()
        .filter(|&&(a, b)| data.is_true_pair(a.get(), b.get()))
        .count() as u64;
    let metrics = evaluate_pairs(candidates.pairs(), &truth, &Scope::all_pairs()).unwrap();
    assert_eq!(metrics.true_positives(), found);
    assert_eq!(metrics.true_pairs(), data.true_pair_count());
    assert_eq!(metrics.predicted_pairs(), candidates.pairs().len() as u64);
    assert_eq!(
        metrics.recall(),
        found as f64 / data.true_pair_count() as f64
    );
    assert!(
        metrics.recall() > 0.9,
        "pairs completeness {}",
        metrics.recall()
    );

    // Cross-source: linkage candidates against true cross-source pairs.
    let sources: Vec<_> = store.records().map(|record| record.source()).collect();
    let links = index.candidate_pairs(&store, LinkMode::Link);
    let cross_true = data
        .true_pairs()
        .filter(|&(a, b)| sources[a] != sources[b])
        .count() as u64;
    let found = links
        .pairs()
        .iter()
        .filter(|&&(a, b)| data.is_true_pair(a.get(), b.get()))
        .count() as u64;
    let metrics = evaluate_pairs(links.pairs(), &truth, &Scope::cross_source(&sources)).unwrap();
    assert_eq!(
        (metrics.true_positives(), metrics.true_pairs()),
        (found, cross_true)
    );
    assert_eq!(metrics.predicted_pairs(), links.pairs().len() as u64);
}

#[test]
fn sweep_over_generated_candidates_finds_the_truth_threshold() {
    // Score candidates 1.0 when true and 0.0 otherwise: the best threshold
    // is 1.0 with precision 1 and recall the blocking completeness.
    let (data, store, truth) = generated();
    let index = BlockingIndex::build(
        &store,
        default_blockers(store.schema()),
        BlockingOptions::new(),
    );
    let candidates = index.candidate_pairs(&store, LinkMode::DedupAndLink);
    let scored: Vec<ScoredPair> = candidates
        .pairs()
        .iter()
        .map(|&(a, b)| {
            let is_true = data.is_true_pair(a.get(), b.get());
            ScoredPair::new(a, b, Score::from_probability(f64::from(u8::from(is_true))))
        })
        .collect();
    let sweep = sweep_thresholds(&scored, &truth, &Scope::all_pairs()).unwrap();
    let best = sweep.best().unwrap();
    assert_eq!(best.threshold(), 1.0);
    assert_eq!(best.metrics().precision(), 1.0);
    let completeness = evaluate_pairs(candidates.pairs(), &truth, &Scope::all_pairs()).unwrap();
    assert_eq!(best.metrics().recall(), completeness.recall());
    assert_eq!(sweep.points().len(), 2);
}
