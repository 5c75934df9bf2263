//! Precision, recall and F1, from pair counts (pairwise) or from
//! per-record averages (B-cubed), with the conventions for empty
//! denominators in one place.

use std::fmt;

use serde::Serialize;

use crate::error::BuildError;

/// `numerator / denominator`, or 1.0 when the denominator is 0: nothing
/// was predicted, so nothing was predicted wrongly (precision), or
/// nothing was there to find (recall).
fn ratio_or_one(numerator: u64, denominator: u64) -> f64 {
    if denominator == 0 {
        1.0
    } else {
        numerator as f64 / denominator as f64
    }
}

/// The harmonic mean of precision and recall, 0.0 when both are 0.
pub(super) fn f1_of(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

/// Pairwise precision, recall and F1 with the counts behind them.
///
/// A predicted pair is two records the resolution puts together (same
/// cluster, or an accepted pair); a true pair is two records of the same
/// true entity. Conventions (never NaN): precision is 1.0 when no pair is
/// predicted, recall is 1.0 when there is no true pair, and F1 is
/// `2 TP / (predicted + true)`, so 1.0 when both are empty and 0.0 when
/// only one is.
///
/// # Examples
///
/// ```
/// use sameas::eval::PairwiseMetrics;
///
/// let metrics = PairwiseMetrics::from_counts(3, 4, 6)?;
/// assert_eq!(metrics.precision(), 0.75);
/// assert_eq!(metrics.recall(), 0.5);
/// assert_eq!(metrics.f1(), 0.6);
/// assert_eq!((metrics.false_positives(), metrics.false_negatives()), (1, 3));
/// assert_eq!(
///     metrics.to_string(),
///     "precision 0.7500  recall 0.5000  F1 0.6000  (TP 3, FP 1, FN 3)"
/// );
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairwiseMetrics {
    // Counts only: the ratios are computed on request, so a threshold
    // sweep over millions of scores keeps 24 bytes per point.
    true_positives: u64,
    false_positives: u64,
    false_negatives: u64,
}

/// Counts and ratios, as programs reading the output expect them.
impl Serialize for PairwiseMetrics {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut state = serializer.serialize_struct("PairwiseMetrics", 6)?;
        state.serialize_field("true_positives", &self.true_positives)?;
        state.serialize_field("false_positives", &self.false_positives)?;
        state.serialize_field("false_negatives", &self.false_negatives)?;
        state.serialize_field("precision", &self.precision())?;
        state.serialize_field("recall", &self.recall())?;
        state.serialize_field("f1", &self.f1())?;
        state.end()
    }
}

impl PairwiseMetrics {
    /// Metrics from counts: true positives (predicted pairs that are
    /// true), all predicted pairs, and all true pairs.
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidParameter`] when `true_positives` exceeds
    /// `predicted_pairs` or `true_pairs`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::eval::PairwiseMetrics;
    ///
    /// let nothing = PairwiseMetrics::from_counts(0, 0, 0)?;
    /// assert_eq!((nothing.precision(), nothing.recall(), nothing.f1()), (1.0, 1.0, 1.0));
    /// let silent = PairwiseMetrics::from_counts(0, 0, 5)?;
    /// assert_eq!((silent.precision(), silent.recall(), silent.f1()), (1.0, 0.0, 0.0));
    /// assert!(PairwiseMetrics::from_counts(5, 4, 9).is_err());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn from_counts(
        true_positives: u64,
        predicted_pairs: u64,
        true_pairs: u64,
    ) -> Result<Self, BuildError> {
        if true_positives > predicted_pairs || true_positives > true_pairs {
            return Err(BuildError::InvalidParameter {
                name: "true_positives",
                reason: format!(
                    "{true_positives} true positives exceed the {predicted_pairs} predicted \
                     or the {true_pairs} true pairs"
                ),
            });
        }
        Ok(Self::from_valid_counts(
            true_positives,
            predicted_pairs,
            true_pairs,
        ))
    }

    /// [`from_counts`](Self::from_counts) for counts known to be
    /// consistent; inconsistent ones saturate rather than panic.
    pub(super) fn from_valid_counts(
        true_positives: u64,
        predicted_pairs: u64,
        true_pairs: u64,
    ) -> Self {
        PairwiseMetrics {
            true_positives,
            false_positives: predicted_pairs.saturating_sub(true_positives),
            false_negatives: true_pairs.saturating_sub(true_positives),
        }
    }

    /// Predicted pairs that are true.
    pub fn true_positives(&self) -> u64 {
        self.true_positives
    }

    /// Predicted pairs that are not true.
    pub fn false_positives(&self) -> u64 {
        self.false_positives
    }

    /// True pairs that were not predicted.
    pub fn false_negatives(&self) -> u64 {
        self.false_negatives
    }

    /// All predicted pairs (true and false positives).
    pub fn predicted_pairs(&self) -> u64 {
        self.true_positives.saturating_add(self.false_positives)
    }

    /// All true pairs (true positives and false negatives).
    pub fn true_pairs(&self) -> u64 {
        self.true_positives.saturating_add(self.false_negatives)
    }

    /// The share of predicted pairs that are true (1.0 when none is
    /// predicted).
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::eval::PairwiseMetrics;
    /// assert_eq!(PairwiseMetrics::from_counts(3, 4, 6)?.precision(), 0.75);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn precision(&self) -> f64 {
        ratio_or_one(self.true_positives, self.predicted_pairs())
    }

    /// The share of true pairs that are predicted (1.0 when there is no
    /// true pair); also called pairs completeness for blocking output.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::eval::PairwiseMetrics;
    /// assert_eq!(PairwiseMetrics::from_counts(3, 4, 6)?.recall(), 0.5);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn recall(&self) -> f64 {
        ratio_or_one(self.true_positives, self.true_pairs())
    }

    /// The harmonic mean of precision and recall.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::eval::PairwiseMetrics;
    /// assert_eq!(PairwiseMetrics::from_counts(3, 4, 6)?.f1(), 0.6);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn f1(&self) -> f64 {
        let both = self.predicted_pairs() as f64 + self.true_pairs() as f64;
        if both > 0.0 {
            2.0 * self.true_positives as f64 / both
        } else {
            1.0
        }
    }
}

impl fmt::Display for PairwiseMetrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "precision {:.4}  recall {:.4}  F1 {:.4}  (TP {}, FP {}, FN {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.true_positives,
            self.false_positives,
            self.false_negatives
        )
    }
}

/// B-cubed precision, recall and F1: per-record averages.
///
/// For a record `r` with predicted cluster `C` and true entity `T`,
/// precision is `|C ∩ T| / |C|` and recall `|C ∩ T| / |T|`, both counting
/// `r` itself (Bagga and Baldwin, 1998). In cross-source scope only the
/// members from sources other than `r`'s count (so `r` itself does not);
/// a record whose predicted cluster has no other-source member is left
/// out of the precision average, and one whose true entity has none is
/// left out of the recall average ([`precision_records`] and
/// [`recall_records`] say how many remained). An average over no record
/// is 1.0 (nothing to get wrong, nothing to find); F1 is the harmonic
/// mean of the two, 0.0 when both are 0. Never NaN.
///
/// [`precision_records`]: Self::precision_records
/// [`recall_records`]: Self::recall_records
///
/// # Examples
///
/// ```
/// use sameas::eval::{evaluate_clustering, Scope};
///
/// // One cluster of three records; truth says {0, 1} and {2}.
/// let evaluation = evaluate_clustering(&[0, 0, 0], &["a", "a", "b"], &Scope::all_pairs())?;
/// let bcubed = evaluation.bcubed();
/// // Precision: (2/3 + 2/3 + 1/3) / 3; recall: 1 for every record.
/// assert!((bcubed.precision() - 5.0 / 9.0).abs() < 1e-12);
/// assert_eq!(bcubed.recall(), 1.0);
/// assert_eq!((bcubed.precision_records(), bcubed.recall_records()), (3, 3));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BCubedMetrics {
    precision: f64,
    recall: f64,
    f1: f64,
    precision_records: u64,
    recall_records: u64,
}

impl BCubedMetrics {
    /// Averages from sums of per-record shares and the number of records
    /// behind each.
    pub(super) fn from_sums(
        precision_sum: f64,
        precision_records: u64,
        recall_sum: f64,
        recall_records: u64,
    ) -> Self {
        let average = |sum: f64, records: u64| {
            if records == 0 {
                1.0
            } else {
                // Rounding can push a sum of shares a hair past the count.
                (sum / records as f64).clamp(0.0, 1.0)
            }
        };
        let precision = average(precision_sum, precision_records);
        let recall = average(recall_sum, recall_records);
        BCubedMetrics {
            precision,
            recall,
            f1: f1_of(precision, recall),
            precision_records,
            recall_records,
        }
    }

    /// The average share of each record's predicted cluster that is in
    /// its true entity.
    pub fn precision(&self) -> f64 {
        self.precision
    }

    /// The average share of each record's true entity that is in its
    /// predicted cluster.
    pub fn recall(&self) -> f64 {
        self.recall
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        self.f1
    }

    /// The records the precision average is over (all records in
    /// all-pairs scope).
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::eval::{evaluate_clustering, Scope};
    /// // Record 2 is predicted alone: no cross-source partner to judge.
    /// let scope = Scope::cross_source(&["crm", "web", "web"]);
    /// let evaluation = evaluate_clustering(&[0, 0, 1], &[0, 0, 0], &scope)?;
    /// assert_eq!(evaluation.bcubed().precision_records(), 2);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn precision_records(&self) -> u64 {
        self.precision_records
    }

    /// The records the recall average is over (all records in all-pairs
    /// scope).
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::eval::{evaluate_clustering, Scope};
    /// let scope = Scope::cross_source(&["crm", "web", "web"]);
    /// let evaluation = evaluate_clustering(&[0, 0, 1], &[0, 0, 0], &scope)?;
    /// assert_eq!(evaluation.bcubed().recall_records(), 3);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn recall_records(&self) -> u64 {
        self.recall_records
    }
}

impl fmt::Display for BCubedMetrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "precision {:.4}  recall {:.4}  F1 {:.4}  ({} and {} records)",
            self.precision, self.recall, self.f1, self.precision_records, self.recall_records
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairwise_metrics_serialise_counts_and_ratios() {
        let metrics = PairwiseMetrics::from_counts(3, 4, 6).unwrap();
        assert_eq!(
            serde_json::to_string(&metrics).unwrap(),
            r#"{"true_positives":3,"false_positives":1,"false_negatives":3,"precision":0.75,"recall":0.5,"f1":0.6}"#
        );
        assert_eq!(std::mem::size_of::<PairwiseMetrics>(), 24);
    }

    #[test]
    fn pairwise_counts_give_exact_ratios() {
        let metrics = PairwiseMetrics::from_counts(1, 4, 2).unwrap();
        assert_eq!(metrics.precision(), 0.25);
        assert_eq!(metrics.recall(), 0.5);
        assert_eq!(metrics.f1(), 2.0 / 6.0);
        assert_eq!(metrics.predicted_pairs(), 4);
        assert_eq!(metrics.true_pairs(), 2);
    }

    #[test]
    fn pairwise_empty_denominators_follow_the_convention() {
        let spurious = PairwiseMetrics::from_counts(0, 3, 0).unwrap();
        assert_eq!(
            (spurious.precision(), spurious.recall(), spurious.f1()),
            (0.0, 1.0, 0.0)
        );
        let nothing = PairwiseMetrics::from_counts(0, 0, 0).unwrap();
        assert_eq!(
            (nothing.precision(), nothing.recall(), nothing.f1()),
            (1.0, 1.0, 1.0)
        );
    }

    #[test]
    fn pairwise_rejects_impossible_counts() {
        assert_eq!(
            PairwiseMetrics::from_counts(3, 2, 5),
            Err(BuildError::InvalidParameter {
                name: "true_positives",
                reason: "3 true positives exceed the 2 predicted or the 5 true pairs".into(),
            })
        );
        assert_eq!(
            PairwiseMetrics::from_counts(3, 5, 2)
                .unwrap_err()
                .to_string(),
            "invalid parameter `true_positives`: 3 true positives exceed the 5 predicted or the 2 true pairs"
        );
    }

    #[test]
    fn pairwise_handles_counts_near_u64_max() {
        let metrics = PairwiseMetrics::from_counts(u64::MAX, u64::MAX, u64::MAX).unwrap();
        assert_eq!(
            (metrics.precision(), metrics.recall(), metrics.f1()),
            (1.0, 1.0, 1.0)
        );
        assert_eq!(metrics.predicted_pairs(), u64::MAX);
    }

    #[test]
    fn bcubed_averages_and_conventions() {
        let metrics = BCubedMetrics::from_sums(3.0, 4, 2.0, 4);
        assert_eq!((metrics.precision(), metrics.recall()), (0.75, 0.5));
        assert_eq!(metrics.f1(), 0.6);
        let empty = BCubedMetrics::from_sums(0.0, 0, 0.0, 0);
        assert_eq!(
            (empty.precision(), empty.recall(), empty.f1()),
            (1.0, 1.0, 1.0)
        );
        let zero = BCubedMetrics::from_sums(0.0, 2, 0.0, 2);
        assert_eq!(zero.f1(), 0.0);
        assert_eq!(
            metrics.to_string(),
            "precision 0.7500  recall 0.5000  F1 0.6000  (4 and 4 records)"
        );
    }
}
