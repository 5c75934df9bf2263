//! A strict majority for runs whose entities are pairs (see
//! [`PairsOnly`]).

use super::stats::PairsOnly;
use crate::cluster::{ClusterOptions, Clustering};

/// The least share of pairs among a first clustering's entities of
/// several records for a run to cluster again with a strict majority.
/// Measured on generated data: registers with one duplicate per person
/// come out at 0.988-0.998 (birth dates, 5,000 to 90,000 people; FEBRL1
/// restricted to names and date of birth) and at 0.980-0.990 where most
/// persons share their name (register names: namesakes join pairs in
/// the first clustering); every other shape at 0.93 or below (business
/// listings 0.89-0.93, seeds 1-9, 1,000 to 20,000 entities; 0.30 for
/// FEBRL2, whose originals have up to five duplicates). Clustering
/// business listings so (a tenth of their entities hold three or four
/// records) would cost F1 0.013-0.028.
pub const PAIRS_ONLY_SHARE: f64 = 0.97;

/// The fewest entities of several records a first clustering needs for
/// its share of pairs to count.
pub const PAIRS_ONLY_MIN_ENTITIES: u64 = 50;

/// The chain guard's `min_support` for runs whose entities are pairs: more
/// than half, so that a record joins a pair only with accepted pairs to
/// both. Measured (pairwise F1, kinds declared, default threshold):
/// birth dates 9,000 seed 7 0.9556 -> 0.9608, 10,000 seed 8 0.9539 ->
/// 0.9574, 90,000 seed 7 0.9323 -> 0.9392, 5,000 seed 8 0.9705 (no
/// change); FEBRL1 names and date of birth 0.9585 -> 0.9605. The same
/// for every run cost people at default rates 0.9798 -> 0.9759 and
/// government with harsh noise 0.9689 -> 0.9579, whose true entities of
/// three or more often hang on one pair to one of two.
pub const PAIRS_MIN_SUPPORT: f64 = 0.51;

/// The largest entity a pair under the chain guard's strong probability
/// may make in runs whose entities are pairs
/// ([`ClusterOptionsBuilder::weak_size_limit`](crate::cluster::ClusterOptionsBuilder::weak_size_limit)):
/// a third record joins a pair only through a strong pair (with accepted
/// pairs to both). Where most persons share their name with another, a
/// namesake whose date is a typo away is accepted with both records of
/// a pair more often than a true third record appears. Measured
/// (pairwise F1, kinds declared, after [`PAIRS_MIN_SUPPORT`]): birth
/// dates with register names 9,000 seed 7 0.9383 -> 0.9411, 10,000
/// seed 8 0.9303 -> 0.9411, 5,000 seed 7 0.9430 -> 0.9467; default
/// names 10,000 seed 8 0.9574 -> 0.9582, 90,000 seed 7 0.9392 ->
/// 0.9411, 9,000 seed 7 unchanged (0.9608); FEBRL1 names and date of
/// birth unchanged (0.9627).
pub const PAIRS_WEAK_SIZE_LIMIT: usize = 2;

/// The options to cluster again with, and what the first clustering
/// showed, when `clustering` (made with `options`) has entities that are
/// pairs and `options` hold the default chain guard; `None` otherwise.
pub(crate) fn strict_for_pairs(
    clustering: &Clustering,
    options: &ClusterOptions,
) -> Option<(ClusterOptions, PairsOnly)> {
    if !options.has_default_guard() {
        return None;
    }
    // The diagnostics' sizes: (entity size, how many entities have it).
    let sizes = &clustering.diagnostics().sizes;
    let entities_of = |wanted: fn(usize) -> bool| -> u64 {
        sizes
            .iter()
            .filter(|&&(size, _)| wanted(size))
            .map(|&(_, entities)| entities as u64)
            .sum()
    };
    let seen = PairsOnly {
        entities: entities_of(|size| size >= 2),
        pairs: entities_of(|size| size == 2),
    };
    if seen.entities < PAIRS_ONLY_MIN_ENTITIES || seen.share() < PAIRS_ONLY_SHARE {
        return None;
    }
    let strict = options.with_support_and_weak_limit(PAIRS_MIN_SUPPORT, PAIRS_WEAK_SIZE_LIMIT);
    Some((strict, seen))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RecordIndex;
    use crate::cluster::{ScoredPair, cluster};
    use crate::matcher::Score;
    use crate::resolve::scoring::tests::store_of;

    /// A clustering of `pairs` entities of two records and `triples` of
    /// three (each a chain of strong pairs), and singletons.
    fn clustering(pairs: usize, triples: usize, options: &ClusterOptions) -> Clustering {
        let store = store_of(2 * pairs + 3 * triples + 5);
        let at = RecordIndex::from_position;
        let strong = Score::from_probability(0.995);
        let mut scored = Vec::new();
        for p in 0..pairs {
            scored.push(ScoredPair::new(at(2 * p), at(2 * p + 1), strong));
        }
        for t in 0..triples {
            let first = 2 * pairs + 3 * t;
            scored.push(ScoredPair::new(at(first), at(first + 1), strong));
            scored.push(ScoredPair::new(at(first + 1), at(first + 2), strong));
        }
        cluster(&store, &scored, options).unwrap()
    }

    /// The decision on `pairs` pairs and `triples` triples clustered with
    /// `options`.
    fn decide(
        pairs: usize,
        triples: usize,
        options: &ClusterOptions,
    ) -> Option<(ClusterOptions, PairsOnly)> {
        strict_for_pairs(&clustering(pairs, triples, options), options)
    }

    #[test]
    fn entities_that_are_pairs_cluster_again_strictly() {
        let options = ClusterOptions::new();
        let (strict, seen) = decide(98, 2, &options).unwrap();
        assert_eq!(
            seen,
            PairsOnly {
                entities: 100,
                pairs: 98
            }
        );
        assert_eq!(strict.guard(), Some((0.99, PAIRS_MIN_SUPPORT)));
        assert_eq!(strict.threshold(), options.threshold());
        assert_eq!(strict.size_limit(), options.size_limit());
        assert_eq!(strict.weak_size_limit(), PAIRS_WEAK_SIZE_LIMIT);
        assert_eq!(options.weak_size_limit(), usize::MAX);
    }

    #[test]
    fn entities_of_three_or_more_keep_the_options() {
        // 96 of 100 pairs: under the share; 97 reach it.
        let options = ClusterOptions::new();
        assert_eq!(decide(96, 4, &options), None);
        assert!(decide(97, 3, &options).is_some());
    }

    #[test]
    fn too_few_entities_keep_the_options() {
        let options = ClusterOptions::new();
        assert_eq!(decide(49, 0, &options), None);
        assert!(decide(50, 0, &options).is_some());
    }

    #[test]
    fn a_guard_of_the_hosts_own_is_kept() {
        let own = ClusterOptions::builder().guard(0.99, 0.6).build().unwrap();
        assert_eq!(decide(100, 0, &own), None);
        let none = ClusterOptions::builder().without_guard().build().unwrap();
        assert_eq!(decide(100, 0, &none), None);
        // Another threshold with the default guard is still the default guard.
        let threshold = ClusterOptions::builder().threshold(0.8).build().unwrap();
        let (strict, _) = decide(100, 0, &threshold).unwrap();
        assert_eq!(strict.threshold(), 0.8);
    }
}
