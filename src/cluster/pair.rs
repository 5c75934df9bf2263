//! The clustering input: scored candidate pairs, and what makes one
//! unusable.

use crate::error::PairProblem;
use crate::id::RecordIndex;
use crate::score::Score;

/// A candidate pair with the matcher's verdict: the input of
/// [`cluster`](crate::cluster::cluster).
///
/// `a` and `b` may come in either order; a pair given twice counts once
/// as support and is otherwise harmless.
///
/// # Examples
///
/// ```
/// use sameas::cluster::ScoredPair;
/// use sameas::matcher::Score;
/// use sameas::RecordIndex;
///
/// let at = RecordIndex::from_position;
/// let pair = ScoredPair::new(at(3), at(1), Score::from_probability(0.97));
/// assert_eq!((pair.a.get(), pair.b.get()), (3, 1));
/// assert_eq!(pair.score.probability(), 0.97);
/// // The weight is the log2 odds of the probability.
/// assert!((pair.score.weight() - (0.97f64 / 0.03).log2()).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoredPair {
    /// One record of the pair.
    pub a: RecordIndex,
    /// The other record.
    pub b: RecordIndex,
    /// The matcher's score: pairs are accepted by its probability, and
    /// its weight breaks ties between pairs of equal probability
    /// (probabilities near 1 round to exactly 1.0 in `f64`, weights do
    /// not).
    pub score: Score,
}

impl ScoredPair {
    /// A pair with a matcher's score.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::cluster::ScoredPair;
    /// use sameas::matcher::Score;
    /// use sameas::RecordIndex;
    ///
    /// let (a, b) = (RecordIndex::from_position(0), RecordIndex::from_position(1));
    /// let pair = ScoredPair::new(a, b, Score::from_weight(80.0));
    /// assert_eq!((pair.score.weight(), pair.score.probability()), (80.0, 1.0));
    /// ```
    pub fn new(a: RecordIndex, b: RecordIndex, score: Score) -> ScoredPair {
        ScoredPair { a, b, score }
    }

    /// Checks the pair against a store of `records` records.
    ///
    /// # Errors
    ///
    /// The [`PairProblem`] found first, in the order of its variants.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::cluster::{PairProblem, ScoredPair};
    /// use sameas::matcher::Score;
    /// use sameas::RecordIndex;
    ///
    /// let at = RecordIndex::from_position;
    /// let pair = ScoredPair::new(at(2), at(9), Score::from_probability(0.9));
    /// assert_eq!(pair.check(10), Ok(()));
    /// assert_eq!(pair.check(5), Err(PairProblem::RecordOutsideStore { record: 9, records: 5 }));
    /// ```
    pub fn check(&self, records: usize) -> Result<(), PairProblem> {
        for record in [self.a.get(), self.b.get()] {
            if record >= records {
                return Err(PairProblem::RecordOutsideStore { record, records });
            }
        }
        if self.a == self.b {
            return Err(PairProblem::SelfPair {
                record: self.a.get(),
            });
        }
        Ok(())
    }
}

/// What [`cluster`](crate::cluster::cluster) does with a pair that fails
/// [`ScoredPair::check`].
///
/// # Examples
///
/// ```
/// use sameas::cluster::InvalidPairs;
/// assert_eq!(InvalidPairs::default(), InvalidPairs::Reject);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InvalidPairs {
    /// Fail with [`ClusterError::InvalidPair`](crate::cluster::ClusterError::InvalidPair) naming
    /// the first bad pair (lowest position in the input).
    #[default]
    Reject,
    /// Leave bad pairs out and count them in
    /// [`ClusterDiagnostics::skipped_pairs`](crate::cluster::ClusterDiagnostics::skipped_pairs).
    Skip,
}

/// A valid pair reduced to what ordering needs: a total order with the
/// strongest evidence first, then the records' canonical keys (source
/// name and id), then the record indices, so that neither the order of
/// the pairs nor the order the records were ingested in changes a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct EdgeKey {
    /// Descending probability: `u64::MAX - bits` (the bits of a
    /// non-negative `f64` grow with its value).
    probability_rank: u64,
    /// Descending weight, through the total order of `f64`.
    weight_rank: u64,
    /// The records' canonical keys, smaller first.
    canonical: (u64, u64),
    /// The lower record index.
    pub(crate) low: u32,
    /// The higher record index.
    pub(crate) high: u32,
}

impl EdgeKey {
    /// The key of a pair that passed [`ScoredPair::check`]; `keys` holds
    /// each record's canonical key (empty: all equal).
    pub(crate) fn of(pair: &ScoredPair, keys: &[u64]) -> EdgeKey {
        // `+ 0.0` turns -0.0 into 0.0 so both zeros rank the same.
        let probability = pair.score.probability() + 0.0;
        let (low, high) = if pair.a < pair.b {
            (pair.a, pair.b)
        } else {
            (pair.b, pair.a)
        };
        let key = |record: RecordIndex| keys.get(record.get()).copied().unwrap_or(0);
        let (x, y) = (key(low), key(high));
        EdgeKey {
            probability_rank: u64::MAX - probability.to_bits(),
            weight_rank: u64::MAX - order_preserving_bits(pair.score.weight() + 0.0),
            canonical: (x.min(y), x.max(y)),
            low: low.0,
            high: high.0,
        }
    }

    /// The pair's probability back.
    pub(crate) fn probability(&self) -> f64 {
        f64::from_bits(u64::MAX - self.probability_rank)
    }
}

/// Maps an `f64` to a `u64` with the same order (`f64::total_cmp`).
fn order_preserving_bits(value: f64) -> u64 {
    let bits = value.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(a: usize, b: usize, probability: f64) -> ScoredPair {
        weighted(a, b, Score::from_probability(probability))
    }

    fn weighted(a: usize, b: usize, score: Score) -> ScoredPair {
        ScoredPair::new(
            RecordIndex::from_position(a),
            RecordIndex::from_position(b),
            score,
        )
    }

    #[test]
    fn problems_are_found_in_order() {
        assert_eq!(
            pair(3, 3, 0.5).check(2),
            Err(PairProblem::RecordOutsideStore {
                record: 3,
                records: 2
            })
        );
        assert_eq!(
            pair(1, 1, 0.5).check(2),
            Err(PairProblem::SelfPair { record: 1 })
        );
        assert_eq!(pair(0, 1, 0.0).check(2), Ok(()));
        assert_eq!(pair(0, 1, -0.0).check(2), Ok(()));
        assert_eq!(pair(1, 0, 1.0).check(2), Ok(()));
    }

    #[test]
    fn keys_order_by_probability_then_weight_then_records() {
        let sure = weighted(5, 4, Score::from_weight(80.0));
        let surer = weighted(9, 8, Score::from_weight(f64::INFINITY));
        let mut keys = [
            EdgeKey::of(&pair(2, 3, 0.5), &[]),
            EdgeKey::of(&pair(1, 0, 0.9), &[]),
            EdgeKey::of(&sure, &[]),
            EdgeKey::of(&pair(0, 2, 0.5), &[]),
            EdgeKey::of(&surer, &[]),
            EdgeKey::of(&pair(0, 1, -0.0), &[]),
        ];
        keys.sort();
        let order: Vec<(u32, u32, f64)> = keys
            .iter()
            .map(|key| (key.low, key.high, key.probability()))
            .collect();
        assert_eq!(
            order,
            [
                (8, 9, 1.0),
                (4, 5, 1.0),
                (0, 1, 0.9),
                (0, 2, 0.5),
                (2, 3, 0.5),
                (0, 1, 0.0)
            ]
        );
    }

    #[test]
    fn weights_keep_their_order() {
        let values = [
            f64::NEG_INFINITY,
            -1e300,
            -1.0,
            -f64::MIN_POSITIVE,
            0.0,
            f64::MIN_POSITIVE,
            1.0,
            f64::INFINITY,
        ];
        for window in values.windows(2) {
            assert!(order_preserving_bits(window[0]) < order_preserving_bits(window[1]));
        }
    }

    #[test]
    fn problems_display_their_records() {
        assert_eq!(
            PairProblem::SelfPair { record: 4 }.to_string(),
            "record 4 is paired with itself"
        );
        assert_eq!(
            PairProblem::RecordOutsideStore {
                record: 7,
                records: 3
            }
            .to_string(),
            "record 7 is outside the store of 3 records"
        );
    }
}
