//! Evaluating pairs before clustering: candidate pairs from blocking, or
//! pairs a matcher accepted, against the true labels.

use std::hash::Hash;

use super::grouping::{Grouping, dense_ids, saturate};
use super::metrics::PairwiseMetrics;
use super::scope::Scope;
use crate::error::EvalError;
use crate::id::RecordIndex;

/// The truth a set of pairs is judged against: each record's true entity,
/// the scope, and how many true pairs the scope holds.
#[derive(Debug)]
pub(super) struct PairJudge<'a> {
    truth: Grouping<'a>,
    sources: Option<&'a [usize]>,
    records: usize,
    true_pairs: u64,
}

impl<'a> PairJudge<'a> {
    pub(super) fn new<T: Hash + Eq>(truth: &[T], scope: &'a Scope) -> Result<Self, EvalError> {
        let records = truth.len();
        let sources = scope.sources_for(records)?;
        let (ids, count) = dense_ids(truth);
        let truth = Grouping::new(ids, count, sources);
        let true_pairs = saturate(truth.pairs_in_scope());
        Ok(PairJudge {
            truth,
            sources,
            records,
            true_pairs,
        })
    }

    /// All true pairs in scope: the denominator of recall.
    pub(super) fn true_pairs(&self) -> u64 {
        self.true_pairs
    }

    /// The pair as `(low, high)` positions when it counts: `None` for a
    /// record paired with itself and for a pair outside the scope.
    pub(super) fn in_scope(
        &self,
        a: RecordIndex,
        b: RecordIndex,
    ) -> Result<Option<(usize, usize)>, EvalError> {
        let (a, b) = (self.checked(a)?, self.checked(b)?);
        if a == b {
            return Ok(None);
        }
        if let Some(sources) = self.sources {
            if sources.get(a) == sources.get(b) {
                return Ok(None);
            }
        }
        Ok(Some((a.min(b), a.max(b))))
    }

    /// Whether two records (checked positions) are of the same entity.
    pub(super) fn is_true(&self, a: usize, b: usize) -> bool {
        matches!((self.truth.id(a), self.truth.id(b)), (Some(x), Some(y)) if x == y)
    }

    fn checked(&self, index: RecordIndex) -> Result<usize, EvalError> {
        let position = index.get();
        if position < self.records {
            Ok(position)
        } else {
            Err(EvalError::RecordOutOfRange {
                index: position,
                records: self.records,
            })
        }
    }
}

/// Evaluates pairs before clustering (blocking candidates, pairs a
/// matcher accepted) against the true label of each record: precision is
/// the share of the pairs that are true, recall the share of **all** true
/// pairs in scope that are among them (for blocking candidates this is
/// the pairs completeness), so true pairs blocking never produced count
/// as misses.
///
/// Pairs are unordered and counted once: `(a, b)` and `(b, a)` and
/// repeats of either are one pair, and a record paired with itself is
/// ignored. In cross-source scope, pairs within one source are ignored
/// too. Pairs out of scope therefore do not count as predicted.
///
/// # Errors
///
/// [`EvalError::RecordOutOfRange`] when a pair names a record past the end of
/// `truth`; [`EvalError::LengthMismatch`] when a cross-source `scope` does
/// not hold one source per truth label.
///
/// # Examples
///
/// ```
/// use sameas::eval::{evaluate_pairs, Scope};
/// use sameas::eval::EvalError;
/// use sameas::RecordIndex;
///
/// let r = RecordIndex::from_position;
/// let truth = ["ann", "ann", "ann", "bob"];
/// // Three true pairs among records 0, 1, 2; blocking found two of them,
/// // once in each order, plus one false pair and a self-pair.
/// let candidates = [(r(0), r(1)), (r(1), r(0)), (r(1), r(2)), (r(2), r(3)), (r(3), r(3))];
/// let metrics = evaluate_pairs(&candidates, &truth, &Scope::all_pairs())?;
/// assert_eq!(metrics.predicted_pairs(), 3);
/// assert_eq!(metrics.precision(), 2.0 / 3.0);
/// assert_eq!(metrics.recall(), 2.0 / 3.0);
///
/// assert_eq!(
///     evaluate_pairs(&[(r(0), r(4))], &truth, &Scope::all_pairs()).unwrap_err(),
///     EvalError::RecordOutOfRange { index: 4, records: 4 }
/// );
/// # Ok::<(), sameas::Error>(())
/// ```
pub fn evaluate_pairs<T: Hash + Eq>(
    pairs: &[(RecordIndex, RecordIndex)],
    truth: &[T],
    scope: &Scope,
) -> Result<PairwiseMetrics, EvalError> {
    let judge = PairJudge::new(truth, scope)?;
    let mut counted = Vec::with_capacity(pairs.len());
    for &(a, b) in pairs {
        if let Some(pair) = judge.in_scope(a, b)? {
            counted.push(pair);
        }
    }
    counted.sort_unstable();
    counted.dedup();
    let true_positives = counted
        .iter()
        .filter(|&&(a, b)| judge.is_true(a, b))
        .count();
    Ok(PairwiseMetrics::from_valid_counts(
        true_positives as u64,
        counted.len() as u64,
        judge.true_pairs(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(position: usize) -> RecordIndex {
        RecordIndex::from_position(position)
    }

    /// Truth {0, 1, 2} {3, 4}; sources A A B B A.
    const TRUTH: [u8; 5] = [1, 1, 1, 2, 2];
    const SOURCES: [char; 5] = ['A', 'A', 'B', 'B', 'A'];

    #[test]
    fn counts_by_hand_in_both_scopes() {
        let pairs = [(r(0), r(1)), (r(0), r(2)), (r(2), r(3)), (r(4), r(3))];
        let all = evaluate_pairs(&pairs, &TRUTH, &Scope::all_pairs()).unwrap();
        // True: (0,1) (0,2) (3,4) of 4 true pairs; (2,3) false.
        assert_eq!(
            (
                all.true_positives(),
                all.false_positives(),
                all.false_negatives()
            ),
            (3, 1, 1)
        );
        let cross = evaluate_pairs(&pairs, &TRUTH, &Scope::cross_source(&SOURCES)).unwrap();
        // (0,1) and (2,3) are within a source; true cross-source pairs are
        // (0,2) (1,2) (3,4).
        assert_eq!(
            (
                cross.true_positives(),
                cross.predicted_pairs(),
                cross.true_pairs()
            ),
            (2, 2, 3)
        );
        assert_eq!(cross.precision(), 1.0);
        assert_eq!(cross.recall(), 2.0 / 3.0);
    }

    #[test]
    fn repeats_reversals_and_self_pairs_do_not_inflate_counts() {
        let pairs = [
            (r(0), r(1)),
            (r(1), r(0)),
            (r(0), r(1)),
            (r(2), r(2)),
            (r(4), r(4)),
        ];
        let metrics = evaluate_pairs(&pairs, &TRUTH, &Scope::all_pairs()).unwrap();
        assert_eq!(
            (metrics.true_positives(), metrics.predicted_pairs()),
            (1, 1)
        );
        assert_eq!(metrics.recall(), 0.25);
    }

    #[test]
    fn no_pairs_and_no_records() {
        let none = evaluate_pairs(&[], &TRUTH, &Scope::all_pairs()).unwrap();
        assert_eq!(
            (none.precision(), none.recall(), none.f1()),
            (1.0, 0.0, 0.0)
        );
        let empty = evaluate_pairs::<u8>(&[], &[], &Scope::all_pairs()).unwrap();
        assert_eq!(
            (empty.precision(), empty.recall(), empty.f1()),
            (1.0, 1.0, 1.0)
        );
    }

    #[test]
    fn bad_input_is_a_typed_error() {
        assert_eq!(
            evaluate_pairs(&[(r(7), r(0))], &TRUTH, &Scope::all_pairs()),
            Err(EvalError::RecordOutOfRange {
                index: 7,
                records: 5
            })
        );
        // Checked even for a self-pair.
        assert_eq!(
            evaluate_pairs(&[(r(5), r(5))], &TRUTH, &Scope::all_pairs()),
            Err(EvalError::RecordOutOfRange {
                index: 5,
                records: 5
            })
        );
        assert_eq!(
            evaluate_pairs::<u8>(&[(r(0), r(1))], &[], &Scope::all_pairs()),
            Err(EvalError::RecordOutOfRange {
                index: 0,
                records: 0
            })
        );
        assert_eq!(
            evaluate_pairs(&[], &TRUTH, &Scope::cross_source(&['A'])),
            Err(EvalError::LengthMismatch {
                what: "sources",
                expected: 5,
                found: 1
            })
        );
    }
}
