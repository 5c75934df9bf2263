//! Precision, recall and F1 at every threshold of scored pairs, to pick
//! the threshold a configuration should accept pairs at.

use std::cmp::Ordering;
use std::fmt;
use std::hash::Hash;

use serde::Serialize;

use super::metrics::PairwiseMetrics;
use super::pairs::PairJudge;
use super::scope::{Scope, scope_name};
use crate::cluster::ScoredPair;
use crate::error::EvalError;

/// Rows a sweep's table shows at most (besides the best one).
const DISPLAYED_ROWS: usize = 20;

/// The metrics of accepting every pair scored at or above one threshold.
///
/// # Examples
///
/// ```
/// use sameas::eval::{sweep_thresholds, Scope};
/// use sameas::cluster::ScoredPair;
/// use sameas::matcher::Score;
/// use sameas::RecordIndex;
///
/// let r = RecordIndex::from_position;
/// let pair = |a, b, p| ScoredPair::new(r(a), r(b), Score::from_probability(p));
/// let sweep = sweep_thresholds(&[pair(0, 1, 0.9)], &[1, 1], &Scope::all_pairs())?;
/// let point = &sweep.points()[0];
/// assert_eq!(point.threshold(), 0.9);
/// assert_eq!(point.metrics().f1(), 1.0);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ThresholdPoint {
    threshold: f64,
    metrics: PairwiseMetrics,
}

impl ThresholdPoint {
    /// The threshold: pairs scored at or above it are accepted. One of
    /// the scores given to the sweep.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Pairwise metrics of the pairs accepted at this threshold, recall
    /// over all true pairs in scope.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::eval::{sweep_thresholds, Scope};
    /// # use sameas::cluster::ScoredPair;
    /// # use sameas::matcher::Score;
    /// # use sameas::RecordIndex;
    /// let r = RecordIndex::from_position;
    /// let pair = |a, b, p| ScoredPair::new(r(a), r(b), Score::from_probability(p));
    /// // Records 0, 1, 2 are one entity: three true pairs, one scored.
    /// let sweep = sweep_thresholds(&[pair(0, 1, 0.5)], &[1, 1, 1], &Scope::all_pairs())?;
    /// assert_eq!(sweep.points()[0].metrics().recall(), 1.0 / 3.0);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn metrics(&self) -> &PairwiseMetrics {
        &self.metrics
    }
}

/// Precision, recall and F1 at every distinct score of a set of scored
/// pairs, from [`sweep_thresholds`].
///
/// # Examples
///
/// ```
/// use sameas::eval::{sweep_thresholds, Scope};
/// use sameas::cluster::ScoredPair;
/// use sameas::matcher::Score;
/// use sameas::RecordIndex;
///
/// let r = RecordIndex::from_position;
/// let pair = |a, b, p| ScoredPair::new(r(a), r(b), Score::from_probability(p));
/// let truth = [1, 1, 2, 2];
/// let scored = [pair(0, 1, 0.95), pair(1, 2, 0.6), pair(2, 3, 0.4)];
/// let sweep = sweep_thresholds(&scored, &truth, &Scope::all_pairs())?;
/// let thresholds: Vec<f64> = sweep.points().iter().map(|p| p.threshold()).collect();
/// assert_eq!(thresholds, [0.4, 0.6, 0.95]);
/// // Accepting all three finds both true pairs with one false one:
/// // F1 0.8, better than 0.95 alone (F1 2/3) or 0.6 (F1 0.5).
/// assert_eq!(sweep.best().map(|p| p.threshold()), Some(0.4));
/// assert_eq!(sweep.metrics_at(0.7).true_positives(), 1);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThresholdSweep {
    cross_source: bool,
    true_pairs: u64,
    points: Vec<ThresholdPoint>,
    /// Index into `points`.
    best: Option<usize>,
}

impl ThresholdSweep {
    /// One point per distinct score, by increasing threshold (so recall
    /// never increases along the slice). Empty when no scored pair is in
    /// scope.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::eval::{sweep_thresholds, Scope};
    /// # use sameas::cluster::ScoredPair;
    /// # use sameas::matcher::Score;
    /// # use sameas::RecordIndex;
    /// let r = RecordIndex::from_position;
    /// let pair = |a, b, p| ScoredPair::new(r(a), r(b), Score::from_probability(p));
    /// let scored = [pair(0, 1, 0.5), pair(1, 2, 0.5), pair(0, 2, 0.1)];
    /// let sweep = sweep_thresholds(&scored, &[1, 1, 1], &Scope::all_pairs())?;
    /// assert_eq!(sweep.points().len(), 2);
    /// assert_eq!(sweep.points()[1].metrics().true_positives(), 2);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn points(&self) -> &[ThresholdPoint] {
        &self.points
    }

    /// The point with the highest F1; among equal F1, the highest
    /// threshold (the fewest accepted pairs). `None` when there are no
    /// points.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::eval::{sweep_thresholds, Scope};
    /// # use sameas::cluster::ScoredPair;
    /// # use sameas::matcher::Score;
    /// # use sameas::RecordIndex;
    /// let r = RecordIndex::from_position;
    /// let pair = |a, b, p| ScoredPair::new(r(a), r(b), Score::from_probability(p));
    /// let scored = [pair(0, 1, 0.9), pair(1, 2, 0.3)];
    /// let sweep = sweep_thresholds(&scored, &[1, 1, 2], &Scope::all_pairs())?;
    /// assert_eq!(sweep.best().map(|p| p.threshold()), Some(0.9));
    /// assert!(sweep_thresholds(&[], &[1, 1], &Scope::all_pairs())?.best().is_none());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn best(&self) -> Option<&ThresholdPoint> {
        self.best.and_then(|index| self.points.get(index))
    }

    /// All true pairs in scope (the denominator of every point's recall).
    pub fn true_pairs(&self) -> u64 {
        self.true_pairs
    }

    /// Whether only cross-source pairs were counted (see [`Scope`]).
    pub fn is_cross_source(&self) -> bool {
        self.cross_source
    }

    /// The metrics of accepting the pairs scored at or above `threshold`,
    /// for any threshold (not only the swept ones). Above every score, or
    /// NaN, nothing is accepted.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::eval::{sweep_thresholds, Scope};
    /// # use sameas::cluster::ScoredPair;
    /// # use sameas::matcher::Score;
    /// # use sameas::RecordIndex;
    /// let r = RecordIndex::from_position;
    /// let pair = |a, b, p| ScoredPair::new(r(a), r(b), Score::from_probability(p));
    /// let scored = [pair(0, 1, 0.9), pair(1, 2, 0.3)];
    /// let sweep = sweep_thresholds(&scored, &[1, 1, 2], &Scope::all_pairs())?;
    /// assert_eq!(sweep.metrics_at(0.5).predicted_pairs(), 1);
    /// assert_eq!(sweep.metrics_at(f64::NEG_INFINITY).predicted_pairs(), 2);
    /// assert_eq!(sweep.metrics_at(0.95).predicted_pairs(), 0);
    /// assert_eq!(sweep.metrics_at(f64::NAN).predicted_pairs(), 0);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn metrics_at(&self, threshold: f64) -> PairwiseMetrics {
        let nothing = PairwiseMetrics::from_valid_counts(0, 0, self.true_pairs);
        if threshold.is_nan() {
            return nothing;
        }
        let first_accepting = self
            .points
            .partition_point(|point| point.threshold < threshold);
        self.points
            .get(first_accepting)
            .map_or(nothing, |point| point.metrics)
    }

    /// The rows a table shows: all of them when few, else evenly spaced
    /// ones, the first, the last and the best always among them.
    fn displayed_rows(&self) -> Vec<usize> {
        let count = self.points.len();
        let mut rows: Vec<usize> = if count <= DISPLAYED_ROWS {
            (0..count).collect()
        } else {
            (0..DISPLAYED_ROWS)
                .map(|row| row * (count - 1) / (DISPLAYED_ROWS - 1))
                .collect()
        };
        rows.extend(self.best);
        rows.sort_unstable();
        rows.dedup();
        rows
    }
}

impl fmt::Display for ThresholdSweep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} thresholds, {} true pairs; {}",
            self.points.len(),
            self.true_pairs,
            scope_name(self.cross_source)
        )?;
        writeln!(
            f,
            "  {:>10} {:>9} {:>9} {:>9} {:>12} {:>12} {:>12}",
            "threshold", "precision", "recall", "F1", "TP", "FP", "FN"
        )?;
        for row in self.displayed_rows() {
            let Some(point) = self.points.get(row) else {
                continue;
            };
            let marker = if Some(row) == self.best { '*' } else { ' ' };
            let metrics = &point.metrics;
            writeln!(
                f,
                "{marker} {:>10.4} {:>9.4} {:>9.4} {:>9.4} {:>12} {:>12} {:>12}",
                point.threshold,
                metrics.precision(),
                metrics.recall(),
                metrics.f1(),
                metrics.true_positives(),
                metrics.false_positives(),
                metrics.false_negatives()
            )?;
        }
        Ok(())
    }
}

/// Sweeps the acceptance threshold over scored pairs (the
/// [`ScoredPair`]s a matcher's scores make, as
/// [`cluster`](crate::cluster::cluster) and
/// [`Resolution::pairs`](crate::resolve::Resolution::pairs) hold them):
/// for every distinct match probability `t`, the pairwise metrics of
/// accepting the pairs whose probability is at or above `t`, against the
/// true label of each record (recall over all true pairs in scope, as in
/// [`evaluate_pairs`](super::evaluate_pairs)). The thresholds are those
/// of [`ClusterOptions::threshold`](crate::cluster::ClusterOptions::threshold);
/// `-0.0` is read as `0.0`.
///
/// Pairs are unordered and counted once; a pair given more than once
/// keeps its highest score (it is accepted as soon as any of its scores
/// is). Self-pairs, and in cross-source scope pairs within one source,
/// are ignored. The output is sorted and does not depend on the order of
/// the pairs. Time is `O(p log p)` for `p` pairs, plus `O(n)` for `n`
/// records.
///
/// # Errors
///
/// [`EvalError::RecordOutOfRange`] when a pair names a record past the end of
/// `truth`, and [`EvalError::LengthMismatch`] when a cross-source `scope`
/// does not hold one source per truth label.
///
/// # Examples
///
/// ```
/// use sameas::eval::{sweep_thresholds, Scope};
/// use sameas::cluster::ScoredPair;
/// use sameas::eval::EvalError;
/// use sameas::matcher::Score;
/// use sameas::RecordIndex;
///
/// let r = RecordIndex::from_position;
/// let pair = |a, b, p| ScoredPair::new(r(a), r(b), Score::from_probability(p));
/// let truth = ["ann", "ann", "bob", "bob", "bob"];
/// let scored = [
///     pair(0, 1, 0.99),
///     pair(2, 3, 0.97),
///     pair(1, 2, 0.80),
///     pair(3, 4, 0.75),
///     pair(2, 4, 0.20),
/// ];
/// let sweep = sweep_thresholds(&scored, &truth, &Scope::all_pairs())?;
/// let best = sweep.best().unwrap();
/// assert_eq!(best.threshold(), 0.2);
/// assert_eq!(best.metrics().recall(), 1.0);
/// print!("{sweep}");
///
/// assert_eq!(
///     sweep_thresholds(&[pair(0, 9, 0.5)], &truth, &Scope::all_pairs()).unwrap_err(),
///     EvalError::RecordOutOfRange { index: 9, records: 5 }
/// );
/// # Ok::<(), sameas::Error>(())
/// ```
pub fn sweep_thresholds<T: Hash + Eq>(
    scored: &[ScoredPair],
    truth: &[T],
    scope: &Scope,
) -> Result<ThresholdSweep, EvalError> {
    let judge = PairJudge::new(truth, scope)?;
    let mut pairs: Vec<(usize, usize, f64)> = Vec::with_capacity(scored.len());
    for pair in scored {
        if let Some((low, high)) = judge.in_scope(pair.a, pair.b)? {
            // A score's probability is never NaN; adding 0.0 turns -0.0
            // into 0.0, which `>=` treats alike.
            pairs.push((low, high, pair.score.probability() + 0.0));
        }
    }
    // Each pair once, with its highest score first among its repeats.
    pairs.sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(y.2.total_cmp(&x.2)));
    pairs.dedup_by(|later, kept| (later.0, later.1) == (kept.0, kept.1));

    let mut judged: Vec<(f64, bool)> = pairs
        .into_iter()
        .map(|(a, b, score)| (score, judge.is_true(a, b)))
        .collect();
    judged.sort_unstable_by(|x, y| y.0.total_cmp(&x.0));

    // Walk from the highest score down, one point per distinct score.
    let true_pairs = judge.true_pairs();
    let mut points = Vec::new();
    let (mut accepted, mut true_positives) = (0u64, 0u64);
    let mut groups = judged.chunk_by(|x, y| x.0.total_cmp(&y.0) == Ordering::Equal);
    for group in &mut groups {
        let Some(&(threshold, _)) = group.first() else {
            continue;
        };
        accepted += group.len() as u64;
        true_positives += group.iter().filter(|(_, is_true)| *is_true).count() as u64;
        points.push(ThresholdPoint {
            threshold,
            metrics: PairwiseMetrics::from_valid_counts(true_positives, accepted, true_pairs),
        });
    }
    // Strictly better only, so ties keep the highest threshold.
    let mut best: Option<usize> = None;
    for (index, point) in points.iter().enumerate() {
        let better = match best.and_then(|best| points.get(best)) {
            None => true,
            Some(best) => point.metrics.f1() > best.metrics.f1(),
        };
        if better {
            best = Some(index);
        }
    }
    points.reverse();
    let best = best.map(|index| points.len() - 1 - index);

    Ok(ThresholdSweep {
        cross_source: scope.is_cross_source(),
        true_pairs,
        points,
        best,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::RecordIndex;
    use crate::score::Score;

    fn r(position: usize) -> RecordIndex {
        RecordIndex::from_position(position)
    }

    fn pair(a: usize, b: usize, probability: f64) -> ScoredPair {
        ScoredPair::new(r(a), r(b), Score::from_probability(probability))
    }

    /// Truth {0, 1} {2, 3, 4}: four true pairs.
    const TRUTH: [&str; 5] = ["ann", "ann", "bob", "bob", "bob"];

    fn scored() -> Vec<ScoredPair> {
        vec![
            pair(0, 1, 0.99),
            pair(2, 3, 0.97),
            pair(1, 2, 0.80),
            pair(3, 4, 0.80),
            pair(2, 4, 0.20),
        ]
    }

    #[test]
    fn every_distinct_threshold_by_hand() {
        let sweep = sweep_thresholds(&scored(), &TRUTH, &Scope::all_pairs()).unwrap();
        let rows: Vec<(f64, u64, u64)> = sweep
            .points()
            .iter()
            .map(|p| {
                (
                    p.threshold(),
                    p.metrics().true_positives(),
                    p.metrics().predicted_pairs(),
                )
            })
            .collect();
        assert_eq!(rows, [(0.2, 4, 5), (0.8, 3, 4), (0.97, 2, 2), (0.99, 1, 1)]);
        // F1 = 2 TP / (predicted + 4): 8/9, 6/8, 4/6, 2/5.
        let f1: Vec<f64> = sweep.points().iter().map(|p| p.metrics().f1()).collect();
        assert_eq!(f1, [8.0 / 9.0, 0.75, 4.0 / 6.0, 0.4]);
        assert_eq!(sweep.best().map(|p| p.threshold()), Some(0.2));
        assert_eq!(sweep.true_pairs(), 4);
    }

    #[test]
    fn ties_in_f1_keep_the_highest_threshold() {
        // Two true pairs. At 0.9: TP 1 of 1 accepted, F1 2/3; at 0.5: TP 2
        // of 4 accepted, F1 4/6, the same.
        let truth = [1, 1, 2, 2, 3, 4, 5];
        let scored = [
            pair(0, 1, 0.9),
            pair(2, 3, 0.5),
            pair(4, 5, 0.5),
            pair(5, 6, 0.5),
        ];
        let sweep = sweep_thresholds(&scored, &truth, &Scope::all_pairs()).unwrap();
        let f1: Vec<f64> = sweep.points().iter().map(|p| p.metrics().f1()).collect();
        assert_eq!(f1, [2.0 / 3.0, 2.0 / 3.0]);
        assert_eq!(sweep.best().map(|p| p.threshold()), Some(0.9));
    }

    #[test]
    fn repeats_keep_their_highest_score() {
        let scored = [
            pair(1, 0, 0.3),
            pair(0, 1, 0.7),
            pair(0, 0, 1.0),
            pair(0, 1, -0.0),
        ];
        let sweep = sweep_thresholds(&scored, &[1, 1], &Scope::all_pairs()).unwrap();
        assert_eq!(sweep.points().len(), 1);
        assert_eq!(sweep.points()[0].threshold(), 0.7);
        assert_eq!(sweep.points()[0].metrics().predicted_pairs(), 1);
    }

    #[test]
    fn negative_zero_is_zero() {
        let scored = [pair(0, 1, -0.0), pair(1, 2, 0.0)];
        let sweep = sweep_thresholds(&scored, &[1, 1, 1], &Scope::all_pairs()).unwrap();
        assert_eq!(sweep.points().len(), 1);
        assert!(sweep.points()[0].threshold().is_sign_positive());
        assert_eq!(sweep.metrics_at(-0.0).predicted_pairs(), 2);
    }

    #[test]
    fn cross_source_scope_ignores_pairs_within_a_source() {
        let scope = Scope::cross_source(&["crm", "crm", "web", "web", "web"]);
        let sweep = sweep_thresholds(&scored(), &TRUTH, &scope).unwrap();
        // In scope: (1,2) 0.80 false. True cross-source: none for ann
        // (both crm), bob's (2,3) (2,4) (3,4) all web -> 0 true pairs.
        assert_eq!(sweep.true_pairs(), 0);
        assert_eq!(sweep.points().len(), 1);
        let metrics = sweep.points()[0].metrics();
        assert_eq!(
            (metrics.precision(), metrics.recall(), metrics.f1()),
            (0.0, 1.0, 0.0)
        );
    }

    #[test]
    fn bad_input_is_a_typed_error() {
        assert_eq!(
            sweep_thresholds(&[pair(0, 9, 0.5)], &TRUTH, &Scope::all_pairs()),
            Err(EvalError::RecordOutOfRange {
                index: 9,
                records: 5
            })
        );
        assert_eq!(
            sweep_thresholds(&[], &TRUTH, &Scope::cross_source(&[1, 2])),
            Err(EvalError::LengthMismatch {
                what: "sources",
                expected: 5,
                found: 2
            })
        );
    }

    #[test]
    fn certain_scores_are_thresholds_like_any_other() {
        // A rule matcher's verdicts: infinite weights, probabilities 1 and 0.
        let sure = ScoredPair::new(r(0), r(1), Score::from_weight(f64::INFINITY));
        let never = ScoredPair::new(r(1), r(2), Score::from_weight(f64::NEG_INFINITY));
        let sweep = sweep_thresholds(&[sure, never], &[1, 1, 2], &Scope::all_pairs()).unwrap();
        let thresholds: Vec<f64> = sweep.points().iter().map(|p| p.threshold()).collect();
        assert_eq!(thresholds, [0.0, 1.0]);
        assert_eq!(sweep.best().map(|p| p.threshold()), Some(1.0));
    }

    #[test]
    fn thresholds_are_probabilities_whatever_the_weights() {
        // Two pairs of probability 1.0 with different weights are one
        // threshold, as clustering accepts both at any threshold.
        let scored = [
            ScoredPair::new(r(0), r(1), Score::from_weight(60.0)),
            ScoredPair::new(r(2), r(3), Score::from_weight(80.0)),
        ];
        let sweep = sweep_thresholds(&scored, &[1, 1, 2, 2], &Scope::all_pairs()).unwrap();
        assert_eq!(sweep.points().len(), 1);
        assert_eq!(sweep.points()[0].threshold(), 1.0);
        assert_eq!(sweep.points()[0].metrics().true_positives(), 2);
    }

    #[test]
    fn display_samples_long_sweeps_and_marks_the_best() {
        let sweep = sweep_thresholds(&scored(), &TRUTH, &Scope::all_pairs()).unwrap();
        assert_eq!(
            sweep.to_string(),
            "4 thresholds, 4 true pairs; all pairs\n\
             \x20  threshold precision    recall        F1           TP           FP           FN\n\
             *     0.2000    0.8000    1.0000    0.8889            4            1            0\n\
             \x20     0.8000    0.7500    0.7500    0.7500            3            1            1\n\
             \x20     0.9700    1.0000    0.5000    0.6667            2            0            2\n\
             \x20     0.9900    1.0000    0.2500    0.4000            1            0            3\n"
        );
        let truth = vec![0u32; 200];
        let many: Vec<_> = (1..200).map(|b| pair(0, b, b as f64 / 200.0)).collect();
        let sweep = sweep_thresholds(&many, &truth, &Scope::all_pairs()).unwrap();
        let text = sweep.to_string();
        assert_eq!(text.lines().count(), 2 + DISPLAYED_ROWS);
        assert!(text.lines().nth(2).unwrap().starts_with("*     0.0050"));
        assert!(text.lines().last().unwrap().starts_with("      0.9950"));
    }
}
