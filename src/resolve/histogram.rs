//! The match weights of every candidate pair, counted in fixed bins.

use serde::Serialize;

use crate::matcher::Score;

/// How many candidate pairs scored each match weight: every pair a run
/// scored, not only those it kept, in bins of
/// [`BIN_WIDTH`](Self::BIN_WIDTH) bits from [`LOWEST`](Self::LOWEST) to
/// [`HIGHEST`](Self::HIGHEST), with the weights outside counted apart.
/// A million candidate pairs take a few hundred counters, so a run can
/// show the whole distribution of its scores (for example a histogram
/// with the threshold marked) without keeping the pairs.
///
/// # Examples
///
/// ```
/// use sameas::matcher::Score;
/// use sameas::resolve::ScoreHistogram;
///
/// let mut histogram = ScoreHistogram::new();
/// for weight in [-3.2, -3.0, 4.9, 60.0, f64::NEG_INFINITY] {
///     histogram.add(Score::from_weight(weight));
/// }
/// assert_eq!(histogram.pairs(), 5);
/// assert_eq!((histogram.below(), histogram.above()), (1, 1));
/// let counted: Vec<(f64, u64)> = histogram.bins().filter(|bin| bin.2 > 0).map(|bin| (bin.0, bin.2)).collect();
/// assert_eq!(counted, [(-3.5, 1), (-3.0, 1), (4.5, 1)]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoreHistogram {
    /// Pairs per bin, from the lowest weight up.
    counts: Vec<u64>,
    /// Pairs under [`LOWEST`](Self::LOWEST).
    below: u64,
    /// Pairs at or over [`HIGHEST`](Self::HIGHEST).
    above: u64,
}

impl Default for ScoreHistogram {
    fn default() -> Self {
        ScoreHistogram::new()
    }
}

impl ScoreHistogram {
    /// The lower edge of the first bin, in bits.
    pub const LOWEST: f64 = -50.0;
    /// The upper edge of the last bin, in bits.
    pub const HIGHEST: f64 = 50.0;
    /// The width of a bin, in bits.
    pub const BIN_WIDTH: f64 = 0.5;

    /// An empty histogram.
    pub fn new() -> ScoreHistogram {
        let bins = ((Self::HIGHEST - Self::LOWEST) / Self::BIN_WIDTH) as usize;
        ScoreHistogram {
            counts: vec![0; bins],
            below: 0,
            above: 0,
        }
    }

    /// Counts one score by its match weight.
    pub fn add(&mut self, score: Score) {
        self.add_many(score, 1);
    }

    /// Counts `pairs` scores of one match weight.
    pub(crate) fn add_many(&mut self, score: Score, pairs: u64) {
        let weight = score.weight();
        if weight >= Self::HIGHEST {
            self.above += pairs;
        } else if weight >= Self::LOWEST {
            let bin = ((weight - Self::LOWEST) / Self::BIN_WIDTH) as usize;
            // `bin` is in range for any weight in [LOWEST, HIGHEST).
            if let Some(count) = self.counts.get_mut(bin) {
                *count += pairs;
            }
        } else {
            // Under the lowest edge, minus infinity included.
            self.below += pairs;
        }
    }

    /// Each bin as `(lower edge, upper edge, pairs)`, from the lowest
    /// weight up; a bin holds the weights `w` with `lower <= w < upper`.
    pub fn bins(&self) -> impl ExactSizeIterator<Item = (f64, f64, u64)> + '_ {
        self.counts.iter().enumerate().map(|(bin, &count)| {
            let lower = Self::LOWEST + bin as f64 * Self::BIN_WIDTH;
            (lower, lower + Self::BIN_WIDTH, count)
        })
    }

    /// Pairs whose weight is under [`LOWEST`](Self::LOWEST).
    pub fn below(&self) -> u64 {
        self.below
    }

    /// Pairs whose weight is [`HIGHEST`](Self::HIGHEST) or more.
    pub fn above(&self) -> u64 {
        self.above
    }

    /// Every pair counted.
    pub fn pairs(&self) -> u64 {
        self.below + self.above + self.counts.iter().sum::<u64>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Every score is counted once, in the bin whose edges hold its
        /// weight, or below or above the range.
        #[test]
        fn each_weight_lands_in_its_own_bin(weights in proptest::collection::vec(-80.0f64..80.0, 0..200)) {
            let mut histogram = ScoreHistogram::new();
            for &weight in &weights {
                let mut one = ScoreHistogram::new();
                one.add(Score::from_weight(weight));
                let holding: Vec<(f64, f64, u64)> = one.bins().filter(|bin| bin.2 == 1).collect();
                match holding.as_slice() {
                    [(lower, upper, _)] => prop_assert!(*lower <= weight && weight < *upper),
                    [] => prop_assert!(!(ScoreHistogram::LOWEST..ScoreHistogram::HIGHEST).contains(&weight)),
                    _ => prop_assert!(false, "counted twice"),
                }
                histogram.add(Score::from_weight(weight));
            }
            prop_assert_eq!(histogram.pairs(), weights.len() as u64);
        }
    }

    #[test]
    fn edges_fall_in_the_upper_bin_and_every_pair_is_counted_once() {
        let mut histogram = ScoreHistogram::new();
        let weights = [
            ScoreHistogram::LOWEST,
            ScoreHistogram::LOWEST - 1e-9,
            ScoreHistogram::HIGHEST,
            ScoreHistogram::HIGHEST - 1e-9,
            0.0,
            f64::INFINITY,
        ];
        for weight in weights {
            histogram.add(Score::from_weight(weight));
        }
        assert_eq!(histogram.pairs(), weights.len() as u64);
        assert_eq!((histogram.below(), histogram.above()), (1, 2));
        let bins: Vec<(f64, f64, u64)> = histogram.bins().collect();
        assert_eq!(bins.len(), 200);
        assert_eq!(bins[0], (-50.0, -49.5, 1));
        assert_eq!(bins[100], (0.0, 0.5, 1));
        assert_eq!(bins[199], (49.5, 50.0, 1));
    }
}
