//! Priors per pair of sources, estimated from the weights of a run's
//! candidate pairs.
//!
//! Training estimates one prior for the whole run. Where several sources
//! are resolved together their pairs do not match equally often: a census
//! lists each person once while a file of tax forms lists a person once
//! per employer, and a list made of a register's duplicates matches the
//! register far more often than two of its own records match. Scoring
//! counts each candidate pair's weight per pair of sources; for each pair
//! of sources the expected matches among its candidates, over its allowed
//! pairs, give its prior, found as a fixed point (the expected matches
//! depend on the prior they give): the prior-only step of EM, over every
//! candidate pair rather than a training sample. Pairs blocking never
//! made count as non-matches: unlike the model's own prior (which
//! training divides by each blocking rule's recall), the estimate falls
//! short where blocking misses matches. A pair of sources therefore
//! keeps the model's prior unless its own is at least 4 times lower or
//! 2 times higher: the smaller differences measured on generated data
//! were as often that shortfall as the sources'.

use super::histogram::ScoreHistogram;
use crate::block::LinkMode;
use crate::id::SourceId;
use crate::matcher::{Score, SourcePrior, allowed_pairs_between};
use crate::prepare::PreparedStore;

/// Most sources whose pairs get their own priors: past it a run keeps
/// the model's one prior (each pair of sources counts its weights in
/// bins, and few pairs of many sources have candidates enough).
pub(crate) const MOST_SOURCES: usize = 16;

/// How far a prior per pair of sources may rise above the model's, in
/// bits: scoring keeps the pairs this much under the floor, which a
/// raised prior may lift over it.
pub(crate) const MOST_RAISED: f64 = 6.0;

/// How far, in bits, a pair of sources' prior must fall under the
/// model's to be used. The candidates hold only the matches blocking
/// found, so where records carry little (a newsletter's e-mail address
/// and given name) the estimate falls short of the truth: by 1 bit on
/// generated people whose e-mail addresses change, where the pairs
/// within a census that lists each person once fall 4 bits.
const LEAST_LOWERED: f64 = 2.0;

/// How far, in bits, a pair of sources' prior must rise over the
/// model's to be used: smaller rises (0.3 bits for each pair of a
/// census, social security and tax forms) cost as much precision as
/// they bring recall.
const LEAST_RAISED: f64 = 1.0;

/// How far a prior per pair of sources may fall under the model's, in
/// bits: a pair of sources without one match among its candidates (a
/// source without duplicates) ends here, not at a prior of 0 that no
/// evidence could overcome.
const MOST_LOWERED: f64 = 12.0;

/// Bins per bit of the weights counted (a shift of whole bins moves
/// each count to a bin exactly).
const BINS_PER_BIT: f64 = 16.0;
/// The lowest weight binned; lower ones are counted as certain
/// non-matches. [`MOST_RAISED`] lifts none of them over
/// [`ScoreHistogram::LOWEST`].
const LOWEST: f64 = -64.0;
/// The highest weight binned; higher ones are counted as certain
/// matches. [`MOST_LOWERED`] takes none of them under
/// [`ScoreHistogram::HIGHEST`].
const HIGHEST: f64 = 64.0;
const BINS: usize = ((HIGHEST - LOWEST) * BINS_PER_BIT) as usize;
const _: () = assert!(
    LOWEST + MOST_RAISED < ScoreHistogram::LOWEST
        && HIGHEST - MOST_LOWERED >= ScoreHistogram::HIGHEST
);

/// Expected matches a pair of sources is lent before its candidates are
/// counted, at the model's prior: a pair of sources with few allowed
/// pairs keeps about the model's prior, and one whose candidates hold no
/// match gets about one match over its allowed pairs.
const LENT_MATCHES: f64 = 1.0;

/// Halvings of the interval that holds the fixed point: 20 bits wide,
/// found to within 2^-25 bits.
const HALVINGS: usize = 30;

/// The weights of a run's candidate pairs, per pair of sources, in bins
/// of 1/16 bit.
#[derive(Debug, Clone)]
pub(crate) struct SourcePairWeights {
    sources: usize,
    /// Per pair of sources `(a, b)` with `a <= b`, at `a * sources + b`:
    /// counts per bin, then the pairs under [`LOWEST`] and over
    /// [`HIGHEST`]; empty until the pair of sources has a candidate.
    counts: Vec<Vec<u64>>,
}

impl SourcePairWeights {
    /// Counters for `store`'s sources, or `None` when it has fewer than
    /// two sources with records or more than [`MOST_SOURCES`].
    pub(crate) fn for_store(store: &PreparedStore) -> Option<SourcePairWeights> {
        let sources = store.sources().len();
        let with_records = (0..sources)
            .filter(|&source| store.source_len(SourceId(source as u16)) > 0)
            .count();
        if with_records < 2 || sources > MOST_SOURCES {
            return None;
        }
        Some(SourcePairWeights {
            sources,
            counts: vec![Vec::new(); sources * sources],
        })
    }

    /// Counts the weight of a pair of records from sources `a` and `b`.
    #[inline]
    pub(crate) fn add(&mut self, a: SourceId, b: SourceId, score: Score) {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        let Some(counts) = self.counts.get_mut(a.index() * self.sources + b.index()) else {
            return;
        };
        if counts.is_empty() {
            counts.resize(BINS + 2, 0);
        }
        let weight = score.weight();
        let slot = if weight >= HIGHEST {
            BINS + 1
        } else if weight >= LOWEST {
            (((weight - LOWEST) * BINS_PER_BIT) as usize).min(BINS - 1)
        } else {
            BINS
        };
        counts[slot] += 1;
    }

    /// The prior of each pair of sources with candidates whose prior
    /// differs from the model's (of weight `prior_weight`): shifted from
    /// it by whole bins, at most [`MOST_LOWERED`] down and
    /// [`MOST_RAISED`] up.
    pub(crate) fn estimate(
        &self,
        store: &PreparedStore,
        mode: LinkMode,
        prior_weight: f64,
    ) -> Vec<(SourceId, SourceId, SourcePrior)> {
        let mut priors = Vec::new();
        for a in 0..self.sources {
            for b in a..self.sources {
                let counts = &self.counts[a * self.sources + b];
                let (first, second) = (SourceId(a as u16), SourceId(b as u16));
                let allowed = allowed_pairs_between(store, mode, first, second);
                if counts.is_empty() || allowed <= 0.0 {
                    continue;
                }
                let shift = fixed_point(counts, allowed, prior_weight);
                let shift = ((shift * BINS_PER_BIT).round() / BINS_PER_BIT)
                    .clamp(-MOST_LOWERED, MOST_RAISED);
                if -LEAST_LOWERED < shift && shift < LEAST_RAISED {
                    continue;
                }
                let prior = Score::from_weight(prior_weight + shift).probability();
                let name = |source: SourceId| store.source(source).name();
                if let Ok(prior) = SourcePrior::new(name(first), name(second), prior) {
                    priors.push((first, second, prior));
                }
            }
        }
        priors
    }

    /// Every weight counted, each moved from the model's prior (of
    /// weight `prior_weight`) to the prior of its pair of sources in
    /// `priors`, in `histogram`.
    pub(crate) fn fill(
        &self,
        priors: &[(SourceId, SourceId, SourcePrior)],
        prior_weight: f64,
        histogram: &mut ScoreHistogram,
    ) {
        for a in 0..self.sources {
            for b in a..self.sources {
                let counts = &self.counts[a * self.sources + b];
                let Some((bins, outside)) = counts.split_at_checked(BINS) else {
                    continue;
                };
                let (first, second) = (SourceId(a as u16), SourceId(b as u16));
                let shift = priors
                    .iter()
                    .find(|(x, y, _)| (*x, *y) == (first, second))
                    .map_or(0.0, |(_, _, prior)| prior.weight() - prior_weight);
                for (bin, &count) in bins.iter().enumerate() {
                    if count > 0 {
                        histogram.add_many(Score::from_weight(bin_centre(bin) + shift), count);
                    }
                }
                histogram.add_many(Score::from_weight(f64::NEG_INFINITY), outside[0]);
                histogram.add_many(Score::from_weight(f64::INFINITY), outside[1]);
            }
        }
    }
}

/// The weight in the middle of bin `bin`.
fn bin_centre(bin: usize) -> f64 {
    LOWEST + (bin as f64 + 0.5) / BINS_PER_BIT
}

/// The shift in bits from `prior_weight` at which the expected matches
/// among the candidates counted in `counts` (plus [`LENT_MATCHES`]),
/// over `allowed` pairs, give back the prior that weighed them; at most
/// one bit past the bounds. The prior the counts give rises slower than
/// the prior that weighs them (each count's probability rises by at most
/// its share of the change), so there is one such shift, found by
/// halving the interval that holds it.
fn fixed_point(counts: &[u64], allowed: f64, prior_weight: f64) -> f64 {
    let prior = Score::from_weight(prior_weight).probability();
    let bins: Vec<(f64, f64)> = counts[..BINS]
        .iter()
        .enumerate()
        .filter(|&(_, &count)| count > 0)
        .map(|(bin, &count)| (bin_centre(bin), count as f64))
        .collect();
    let certain = counts[BINS + 1] as f64;
    // How far the shift the counts give lies above `shift`.
    let excess = |shift: f64| {
        let expected: f64 = certain
            + bins
                .iter()
                .map(|&(weight, count)| count * Score::from_weight(weight + shift).probability())
                .sum::<f64>();
        let estimate = (expected + LENT_MATCHES) / (allowed + LENT_MATCHES / prior);
        Score::from_probability(estimate.min(1.0)).weight() - prior_weight - shift
    };
    let (mut low, mut high) = (-MOST_LOWERED - 1.0, MOST_RAISED + 1.0);
    if excess(low) <= 0.0 {
        return low;
    }
    if excess(high) >= 0.0 {
        return high;
    }
    for _ in 0..HALVINGS {
        let middle = (low + high) / 2.0;
        if excess(middle) > 0.0 {
            low = middle;
        } else {
            high = middle;
        }
    }
    (low + high) / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::OwnedRecord;
    use crate::schema::{FieldKind, Schema};

    /// A store of two sources of `n` and `m` records.
    fn store(n: usize, m: usize, duplicate_free: bool) -> PreparedStore {
        let schema = Schema::builder()
            .field("e", FieldKind::Email)
            .build()
            .unwrap();
        let mut store = PreparedStore::new(schema);
        let a = store.add_source("a", duplicate_free).unwrap();
        let b = store.add_source("b", false).unwrap();
        let records = |count: usize| -> Vec<OwnedRecord> {
            (0..count)
                .map(|i| OwnedRecord::new(i.to_string()))
                .collect()
        };
        store.ingest(a, &records(n)).unwrap();
        store.ingest(b, &records(m)).unwrap();
        store
    }

    #[test]
    fn the_fixed_point_gives_back_the_rate_of_certain_matches() {
        // 100 sure matches and 900 sure non-matches among 10,000 allowed
        // pairs: a prior of about 0.01 whatever the model's.
        let mut counts = vec![0u64; BINS + 2];
        counts[BINS + 1] = 100;
        counts[0] = 900;
        for prior in [1e-5, 1e-3, 0.05] {
            let prior_weight = Score::from_probability(prior).weight();
            let shift = fixed_point(&counts, 10_000.0, prior_weight);
            let found = Score::from_weight(prior_weight + shift).probability();
            assert!(
                (found - 101.0 / (10_000.0 + 1.0 / prior)).abs() < 1e-4,
                "{prior}: {found}"
            );
        }
    }

    #[test]
    fn a_pair_of_sources_without_matches_falls_as_far_as_allowed() {
        let store = store(20_000, 10, false);
        let mut weights = SourcePairWeights::for_store(&store).unwrap();
        let (a, b) = (SourceId(0), SourceId(1));
        for _ in 0..5_000 {
            weights.add(a, a, Score::from_weight(-20.0));
        }
        // Across: half of 200,000 allowed pairs scored as sure matches.
        for _ in 0..100_000 {
            weights.add(b, a, Score::from_weight(40.0));
        }
        let prior_weight = Score::from_probability(0.001).weight();
        let priors = weights.estimate(&store, LinkMode::DedupAndLink, prior_weight);
        let shift = |i: usize| priors[i].2.weight() - prior_weight;
        assert_eq!((priors[0].0, priors[0].1), (a, a));
        assert!((shift(0) + MOST_LOWERED).abs() < 1e-9, "{}", shift(0));
        assert_eq!(priors[0].2.sources(), ["a", "a"]);
        assert_eq!((priors[1].0, priors[1].1), (a, b));
        assert!((shift(1) - MOST_RAISED).abs() < 1e-9, "{}", shift(1));
        // The histogram holds every pair, moved by its shift.
        let mut histogram = ScoreHistogram::new();
        weights.fill(&priors, prior_weight, &mut histogram);
        assert_eq!(histogram.pairs(), 105_000);
        let lowest = histogram.bins().find(|bin| bin.2 > 0).unwrap();
        assert_eq!((lowest.0, lowest.2), (-32.0, 5_000));
        let highest = histogram.bins().filter(|bin| bin.2 > 0).last().unwrap();
        assert_eq!((highest.0, highest.2), (46.0, 100_000));
    }

    #[test]
    fn sources_the_mode_or_the_host_rule_out_get_no_prior() {
        let store = store(100, 100, true);
        let mut weights = SourcePairWeights::for_store(&store).unwrap();
        let (a, b) = (SourceId(0), SourceId(1));
        weights.add(a, a, Score::from_weight(-20.0));
        weights.add(a, b, Score::from_weight(-20.0));
        let prior_weight = Score::from_probability(0.01).weight();
        // `a` is duplicate-free; in `Dedup` mode no pair crosses.
        assert!(
            weights
                .estimate(&store, LinkMode::Dedup, prior_weight)
                .is_empty()
        );
        assert_eq!(allowed_pairs_between(&store, LinkMode::Link, b, b), 0.0);
        assert_eq!(
            allowed_pairs_between(&store, LinkMode::DedupAndLink, b, b),
            4_950.0
        );
        assert_eq!(
            allowed_pairs_between(&store, LinkMode::Link, a, b),
            10_000.0
        );
    }

    #[test]
    fn one_source_or_too_many_keep_the_models_prior() {
        assert!(SourcePairWeights::for_store(&store(10, 0, false)).is_none());
        let schema = Schema::builder()
            .field("e", FieldKind::Email)
            .build()
            .unwrap();
        let mut many = PreparedStore::new(schema);
        for source in 0..=MOST_SOURCES {
            let id = many.add_source(&source.to_string(), false).unwrap();
            many.ingest(id, &[OwnedRecord::new("1")]).unwrap();
        }
        assert!(SourcePairWeights::for_store(&many).is_none());
    }
}
