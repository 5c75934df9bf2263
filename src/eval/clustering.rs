//! Evaluating a clustering (a predicted entity label per record) against
//! the true labels: pairwise and B-cubed metrics from a contingency table.

use std::fmt;
use std::hash::Hash;

use ahash::AHashMap;
use serde::Serialize;

use super::grouping::{Grouping, dense_ids, saturate};
use super::metrics::{BCubedMetrics, PairwiseMetrics};
use super::scope::{Scope, scope_name};
use crate::error::EvalError;

/// Pairwise and B-cubed metrics of a clustering, from
/// [`evaluate_clustering`].
///
/// # Examples
///
/// ```
/// use sameas::eval::{evaluate_clustering, Scope};
///
/// let truth = ["ann", "ann", "bob", "bob", "cat"];
/// let predicted = [1, 1, 1, 2, 3];
/// let evaluation = evaluate_clustering(&predicted, &truth, &Scope::all_pairs())?;
/// assert_eq!(evaluation.records(), 5);
/// assert_eq!((evaluation.predicted_clusters(), evaluation.true_clusters()), (3, 3));
/// assert_eq!(evaluation.pairwise().precision(), 1.0 / 3.0);
/// assert_eq!(evaluation.pairwise().recall(), 0.5);
/// print!("{evaluation}");
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClusteringEvaluation {
    cross_source: bool,
    records: u64,
    predicted_clusters: u64,
    true_clusters: u64,
    pairwise: PairwiseMetrics,
    bcubed: BCubedMetrics,
}

impl ClusteringEvaluation {
    /// Whether only cross-source pairs were counted (see [`Scope`]).
    pub fn is_cross_source(&self) -> bool {
        self.cross_source
    }

    /// The number of records evaluated.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// The number of distinct predicted labels.
    pub fn predicted_clusters(&self) -> u64 {
        self.predicted_clusters
    }

    /// The number of distinct true labels (entities).
    pub fn true_clusters(&self) -> u64 {
        self.true_clusters
    }

    /// Pairwise precision, recall and F1 (see [`PairwiseMetrics`]).
    pub fn pairwise(&self) -> &PairwiseMetrics {
        &self.pairwise
    }

    /// B-cubed precision, recall and F1 (see [`BCubedMetrics`]).
    pub fn bcubed(&self) -> &BCubedMetrics {
        &self.bcubed
    }
}

impl fmt::Display for ClusteringEvaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} records, {} predicted clusters, {} true entities; {}",
            self.records,
            self.predicted_clusters,
            self.true_clusters,
            scope_name(self.cross_source)
        )?;
        writeln!(
            f,
            "{:<9} {:>9} {:>9} {:>9} {:>12} {:>12} {:>12}",
            "", "precision", "recall", "F1", "TP", "FP", "FN"
        )?;
        let pairwise = &self.pairwise;
        writeln!(
            f,
            "{:<9} {:>9.4} {:>9.4} {:>9.4} {:>12} {:>12} {:>12}",
            "pairwise",
            pairwise.precision(),
            pairwise.recall(),
            pairwise.f1(),
            pairwise.true_positives(),
            pairwise.false_positives(),
            pairwise.false_negatives()
        )?;
        writeln!(
            f,
            "{:<9} {:>9.4} {:>9.4} {:>9.4}",
            "B-cubed",
            self.bcubed.precision(),
            self.bcubed.recall(),
            self.bcubed.f1()
        )
    }
}

/// Evaluates a clustering: `predicted` holds the predicted entity label
/// of each record, `truth` the true one, in the same record order. Labels
/// are any hashable values (cluster numbers, entity ids, names); only
/// which records share a label matters, so the two label types need not
/// agree.
///
/// Pairwise counts come from the contingency table of (predicted, true)
/// label pairs, never from enumerating pairs: time and memory grow
/// linearly with the number of records, and a cluster of ten million
/// records (5e13 pairs) is counted exactly. Results are deterministic and
/// do not depend on the order of the records.
///
/// # Errors
///
/// [`EvalError::LengthMismatch`] when `predicted`, or the sources of a
/// cross-source `scope`, do not have one entry per truth label.
///
/// # Examples
///
/// ```
/// use sameas::eval::{evaluate_clustering, Scope};
/// use sameas::eval::EvalError;
///
/// let truth = [1u32, 1, 1, 2, 2];
/// let perfect = evaluate_clustering(&truth, &truth, &Scope::all_pairs())?;
/// assert_eq!(perfect.pairwise().f1(), 1.0);
/// assert_eq!(perfect.bcubed().f1(), 1.0);
///
/// assert_eq!(
///     evaluate_clustering(&[0, 0], &truth, &Scope::all_pairs()).unwrap_err(),
///     EvalError::LengthMismatch { what: "predicted labels", expected: 5, found: 2 }
/// );
/// # Ok::<(), sameas::Error>(())
/// ```
pub fn evaluate_clustering<P: Hash + Eq, T: Hash + Eq>(
    predicted: &[P],
    truth: &[T],
    scope: &Scope,
) -> Result<ClusteringEvaluation, EvalError> {
    let records = truth.len();
    if predicted.len() != records {
        return Err(EvalError::LengthMismatch {
            what: "predicted labels",
            expected: records,
            found: predicted.len(),
        });
    }
    let sources = scope.sources_for(records)?;

    let (predicted_ids, predicted_count) = dense_ids(predicted);
    let (true_ids, true_count) = dense_ids(truth);
    // The contingency table's cells: records sharing both labels.
    let (cell_ids, cell_count) = dense_ids(predicted_ids.iter().zip(&true_ids));
    let predicted = Grouping::new(predicted_ids, predicted_count, sources);
    let truth = Grouping::new(true_ids, true_count, sources);
    let cells = Grouping::new(cell_ids, cell_count, sources);

    // Pairs sharing a cell are exactly the predicted pairs that are true.
    let pairwise = PairwiseMetrics::from_valid_counts(
        saturate(cells.pairs_in_scope()),
        saturate(predicted.pairs_in_scope()),
        saturate(truth.pairs_in_scope()),
    );

    let mut precision = ShareSum::default();
    let mut recall = ShareSum::default();
    for record in 0..records {
        let agreeing = cells.partners(record);
        precision.add(agreeing, predicted.partners(record));
        recall.add(agreeing, truth.partners(record));
    }
    let bcubed = BCubedMetrics::from_sums(
        precision.total(),
        precision.records,
        recall.total(),
        recall.records,
    );

    Ok(ClusteringEvaluation {
        cross_source: sources.is_some(),
        records: records as u64,
        predicted_clusters: predicted.groups() as u64,
        true_clusters: truth.groups() as u64,
        pairwise,
        bcubed,
    })
}

/// A sum of per-record shares `numerator / denominator`, kept exactly as
/// integer numerator totals per denominator until the end, so the result
/// does not depend on record order (floating-point addition would).
#[derive(Debug, Default)]
struct ShareSum {
    numerators_by_denominator: AHashMap<u64, u128>,
    records: u64,
}

impl ShareSum {
    /// Adds one record's share; a record with nothing to judge
    /// (denominator 0) is skipped.
    fn add(&mut self, numerator: u64, denominator: u64) {
        if denominator == 0 {
            return;
        }
        *self
            .numerators_by_denominator
            .entry(denominator)
            .or_insert(0) += u128::from(numerator);
        self.records += 1;
    }

    /// The sum of the shares, added in increasing denominator order.
    fn total(&self) -> f64 {
        let mut terms: Vec<(u64, u128)> = self
            .numerators_by_denominator
            .iter()
            .map(|(&denominator, &numerator)| (denominator, numerator))
            .collect();
        terms.sort_unstable();
        terms
            .into_iter()
            .map(|(denominator, numerator)| numerator as f64 / denominator as f64)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Five records: truth {0, 1, 2} {3, 4}; prediction {0, 1} {2, 3, 4}.
    const TRUTH: [u32; 5] = [10, 10, 10, 20, 20];
    const PREDICTED: [&str; 5] = ["x", "x", "y", "y", "y"];

    #[test]
    fn five_records_all_pairs_by_hand() {
        let evaluation = evaluate_clustering(&PREDICTED, &TRUTH, &Scope::all_pairs()).unwrap();
        // Predicted pairs: (0,1) (2,3) (2,4) (3,4) = 4; true pairs: (0,1)
        // (0,2) (1,2) (3,4) = 4; both: (0,1) (3,4) = 2.
        let pairwise = evaluation.pairwise();
        assert_eq!(
            (
                pairwise.true_positives(),
                pairwise.false_positives(),
                pairwise.false_negatives()
            ),
            (2, 2, 2)
        );
        assert_eq!(
            (pairwise.precision(), pairwise.recall(), pairwise.f1()),
            (0.5, 0.5, 0.5)
        );
        // B-cubed precision per record: 2/2, 2/2, 1/3, 2/3, 2/3 -> 11/15.
        // Recall per record: 2/3, 2/3, 1/3, 2/2, 2/2 -> 11/15.
        let bcubed = evaluation.bcubed();
        assert!((bcubed.precision() - 11.0 / 15.0).abs() < 1e-15);
        assert!((bcubed.recall() - 11.0 / 15.0).abs() < 1e-15);
        assert!((bcubed.f1() - 11.0 / 15.0).abs() < 1e-15);
        assert_eq!(
            (bcubed.precision_records(), bcubed.recall_records()),
            (5, 5)
        );
        assert_eq!(
            (
                evaluation.records(),
                evaluation.predicted_clusters(),
                evaluation.true_clusters()
            ),
            (5, 2, 2)
        );
    }

    #[test]
    fn five_records_cross_source_by_hand() {
        // Sources: A A B B A.
        let scope = Scope::cross_source(&['A', 'A', 'B', 'B', 'A']);
        let evaluation = evaluate_clustering(&PREDICTED, &TRUTH, &scope).unwrap();
        // Cross-source predicted pairs: (2,4) (3,4) [(0,1) and (2,3) are
        // within a source] = 2. True: (0,2) (1,2) (3,4) = 3. Both: (3,4).
        let pairwise = evaluation.pairwise();
        assert_eq!(
            (
                pairwise.true_positives(),
                pairwise.predicted_pairs(),
                pairwise.true_pairs()
            ),
            (1, 2, 3)
        );
        assert_eq!(pairwise.precision(), 0.5);
        assert_eq!(pairwise.recall(), 1.0 / 3.0);
        assert_eq!(pairwise.f1(), 0.4);
        // Other-source members: predicted {0,1}: none for 0 and 1 (skipped);
        // record 2 (B): {4}, agreeing 0 -> 0/1; record 3 (B): {4} -> 1/1;
        // record 4 (A): {2, 3}, agreeing {3} -> 1/2. Precision (0+1+1/2)/3.
        // True entity {0,1,2}: record 0: {2} -> 0/1; 1: {2} -> 0/1;
        // 2: {0,1} -> 0/2; {3,4}: 3 -> 1/1; 4 -> 1/1. Recall 2/5.
        let bcubed = evaluation.bcubed();
        assert!((bcubed.precision() - 0.5).abs() < 1e-15);
        assert!((bcubed.recall() - 0.4).abs() < 1e-15);
        assert!((bcubed.f1() - 2.0 * 0.5 * 0.4 / 0.9).abs() < 1e-15);
        assert_eq!(
            (bcubed.precision_records(), bcubed.recall_records()),
            (3, 5)
        );
        assert!(evaluation.is_cross_source());
    }

    #[test]
    fn empty_input_is_perfect_not_nan() {
        let evaluation = evaluate_clustering::<u32, u32>(&[], &[], &Scope::all_pairs()).unwrap();
        assert_eq!(evaluation.pairwise().f1(), 1.0);
        assert_eq!(evaluation.bcubed().precision(), 1.0);
        assert_eq!(evaluation.bcubed().recall(), 1.0);
        assert_eq!(evaluation.records(), 0);
        let cross = evaluate_clustering::<u32, u32>(&[], &[], &Scope::cross_source::<u8>(&[]));
        assert_eq!(cross.unwrap().bcubed().f1(), 1.0);
    }

    #[test]
    fn singletons_against_one_entity() {
        let evaluation =
            evaluate_clustering(&[1, 2, 3, 4], &[0, 0, 0, 0], &Scope::all_pairs()).unwrap();
        let pairwise = evaluation.pairwise();
        assert_eq!(
            (pairwise.precision(), pairwise.recall(), pairwise.f1()),
            (1.0, 0.0, 0.0)
        );
        assert_eq!(evaluation.bcubed().precision(), 1.0);
        assert_eq!(evaluation.bcubed().recall(), 0.25);
    }

    #[test]
    fn one_cluster_of_millions_of_records_is_counted_exactly() {
        // Half a trillion pairs, past any 32-bit count; `pairs_among` is
        // checked at ten million and beyond in the grouping tests.
        let records = 1_000_000;
        let predicted = vec![0u8; records];
        let truth: Vec<u8> = (0..records).map(|i| (i % 2) as u8).collect();
        let evaluation = evaluate_clustering(&predicted, &truth, &Scope::all_pairs()).unwrap();
        let pairwise = evaluation.pairwise();
        assert_eq!(pairwise.predicted_pairs(), 499_999_500_000);
        // Two entities of half a million: 2 * C(5e5, 2).
        assert_eq!(pairwise.true_positives(), 249_999_500_000);
        assert_eq!(pairwise.false_negatives(), 0);
        assert!((evaluation.bcubed().precision() - 0.5).abs() < 1e-12);
    }

    #[test]
    fn length_mismatches_are_typed_errors() {
        assert_eq!(
            evaluate_clustering(&[0, 0, 0], &[0, 0], &Scope::all_pairs()),
            Err(EvalError::LengthMismatch {
                what: "predicted labels",
                expected: 2,
                found: 3
            })
        );
        assert_eq!(
            evaluate_clustering(&[0, 0], &[0, 0], &Scope::cross_source(&[0])),
            Err(EvalError::LengthMismatch {
                what: "sources",
                expected: 2,
                found: 1
            })
        );
    }

    #[test]
    fn display_is_a_compact_table() {
        let evaluation = evaluate_clustering(&PREDICTED, &TRUTH, &Scope::all_pairs()).unwrap();
        assert_eq!(
            evaluation.to_string(),
            "5 records, 2 predicted clusters, 2 true entities; all pairs\n\
             \x20         precision    recall        F1           TP           FP           FN\n\
             pairwise     0.5000    0.5000    0.5000            2            2            2\n\
             B-cubed      0.7333    0.7333    0.7333\n"
        );
    }
}
