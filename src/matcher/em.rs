//! Comparison patterns of many pairs, and expectation-maximisation over
//! them.
//!
//! Pairs are reduced to their comparison patterns (the level each field
//! reaches) and counted; a million pairs make a few thousand distinct
//! patterns, so EM iterations cost microseconds. Counting is parallel;
//! patterns are sorted before any arithmetic, so results are the same for
//! any thread count.

use std::collections::HashMap;

use smallvec::SmallVec;

use super::comparison::Comparison;
use super::interned::InternedStore;
use super::level_cache::ComparisonCache;
use super::model::LEVEL_CACHE_BITS;
use super::order::LevelOrder;
use crate::id::RecordIndex;
use crate::prepare::PreparedStore;

/// The level number of a missing value (or a field left out).
pub(crate) const MISSING: u8 = u8::MAX;

type Pattern = SmallVec<[u8; 16]>;

/// Distinct comparison patterns with how many pairs show each, sorted.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Patterns {
    patterns: Vec<(Pattern, u64)>,
}

impl Patterns {
    /// The patterns of `pairs` under `comparisons`, whose values
    /// `interned` numbers (see [`InternedStore::for_comparisons`]);
    /// comparisons with `skip[c]` read as missing (a blocking rule's own
    /// fields).
    pub(crate) fn count(
        store: &PreparedStore,
        interned: &InternedStore,
        comparisons: &[Comparison],
        skip: &[bool],
        pairs: &[(RecordIndex, RecordIndex)],
    ) -> Patterns {
        // In an order that keeps the records read in the cache, as when
        // scoring (the counts do not depend on it).
        let pairs = &crate::block::locality::in_locality_order(pairs, store.len());
        // Shared by the threads, as when scoring (see `PairScorer`).
        let caches: Vec<ComparisonCache> = comparisons
            .iter()
            .map(|comparison| {
                ComparisonCache::for_comparison(comparison, interned, LEVEL_CACHE_BITS)
            })
            .collect();
        let count_chunk = |chunk: &[(RecordIndex, RecordIndex)]| {
            let mut counts: HashMap<Pattern, u64, ahash::RandomState> =
                HashMap::with_hasher(ahash::RandomState::with_seeds(1, 2, 3, 4));
            let mut pattern = Pattern::new();
            // Records are read a batch at a time first (see `score_pairs`).
            for batch in chunk.chunks(2048) {
                let records = || batch.iter().flat_map(|&(a, b)| [a, b]);
                std::hint::black_box(
                    interned.warm(records()) + store.warm_without_word_lists(records()),
                );
                for &(a, b) in batch {
                    let (Some(a), Some(b)) = (store.record(a), store.record(b)) else {
                        continue;
                    };
                    pattern.clear();
                    pattern.extend(comparisons.iter().enumerate().map(|(c, comparison)| {
                        if skip.get(c).copied().unwrap_or(false) {
                            return MISSING;
                        }
                        comparison
                            .level_of_interned(&a, &b, interned, caches.get(c))
                            .map_or(MISSING, |level| level as u8)
                    }));
                    match counts.get_mut(&pattern) {
                        Some(count) => *count += 1,
                        None => {
                            counts.insert(pattern.clone(), 1);
                        }
                    }
                }
            }
            counts
        };
        let merge = |mut into: HashMap<Pattern, u64, ahash::RandomState>,
                     from: HashMap<Pattern, u64, ahash::RandomState>| {
            for (pattern, count) in from {
                *into.entry(pattern).or_insert(0) += count;
            }
            into
        };
        const CHUNK: usize = 16_384;
        // Merging adds counts per pattern: associative and commutative,
        // and the patterns are sorted below.
        let counts = crate::par::fold_chunks(pairs, CHUNK, count_chunk, merge);
        let mut patterns: Vec<(Pattern, u64)> = counts.into_iter().collect();
        patterns.sort_unstable();
        Patterns { patterns }
    }

    /// How many pairs were counted.
    pub(crate) fn pairs(&self) -> u64 {
        self.patterns.iter().map(|(_, count)| count).sum()
    }

    /// Per level of comparison `c` (of `levels` levels), how many of the
    /// pairs whose pattern passes `anchored` reached it.
    pub(crate) fn anchored_level_counts(
        &self,
        c: usize,
        levels: usize,
        anchored: impl Fn(&[u8]) -> bool,
    ) -> Vec<f64> {
        let mut counts = vec![0.0; levels];
        for (pattern, count) in &self.patterns {
            if !anchored(pattern) {
                continue;
            }
            if let Some(slot) = pattern
                .get(c)
                .and_then(|&level| counts.get_mut(usize::from(level)))
            {
                *slot += *count as f64;
            }
        }
        counts
    }

    /// Per comparison and level, how many pairs reached it; and per
    /// comparison, how many pairs had both values.
    pub(crate) fn level_counts(&self, levels: &[usize]) -> (Vec<Vec<f64>>, Vec<f64>) {
        let mut counts: Vec<Vec<f64>> = levels.iter().map(|&n| vec![0.0; n]).collect();
        let mut present = vec![0.0; levels.len()];
        for (pattern, count) in &self.patterns {
            for (c, &level) in pattern.iter().enumerate() {
                if let Some(slot) = counts
                    .get_mut(c)
                    .and_then(|row| row.get_mut(usize::from(level)))
                {
                    *slot += *count as f64;
                    present[c] += *count as f64;
                }
            }
        }
        (counts, present)
    }
}

/// Where EM ended.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fit {
    /// m per comparison and level (unchanged where not estimated), held
    /// to each comparison's [`LevelOrder`].
    pub(crate) m: Vec<Vec<f64>>,
    /// m of the last M-step before the order was enforced: where it
    /// breaks the order, the data pulled EM to another class.
    pub(crate) unconstrained: Vec<Vec<f64>>,
    /// Whether each comparison's m was estimated (it had values).
    pub(crate) estimated: Vec<bool>,
    /// The share of matches among the pairs.
    pub(crate) match_share: f64,
    pub(crate) iterations: u32,
    pub(crate) converged: bool,
    /// The largest change of any estimated value at each iteration.
    pub(crate) changes: Vec<f64>,
}

/// Settings of one EM run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EmSettings {
    pub(crate) max_iterations: u32,
    pub(crate) tolerance: f64,
    /// Estimate m (else only the match share).
    pub(crate) fit_m: bool,
    /// Estimate the match share (else it stays where it starts).
    pub(crate) fit_share: bool,
}

/// Pseudo-count added to every level's expected matches, so a level no
/// match reached keeps a small m instead of 0.
const SMOOTHING: f64 = 0.5;

/// Fits m (u fixed) and the match share to the patterns by EM; each
/// M-step holds m to the comparison's order (`orders[c]`, none for
/// comparisons whose levels are not ordered).
pub(crate) fn expectation_maximisation(
    patterns: &Patterns,
    u: &[Vec<f64>],
    m: &[Vec<f64>],
    orders: &[Option<LevelOrder>],
    match_share: f64,
    settings: EmSettings,
) -> Fit {
    let levels: Vec<usize> = m.iter().map(Vec::len).collect();
    let (_, present) = patterns.level_counts(&levels);
    let estimated: Vec<bool> = present.iter().map(|&n| n > 0.0 && settings.fit_m).collect();
    let mut fit = Fit {
        m: m.to_vec(),
        unconstrained: m.to_vec(),
        estimated,
        match_share: match_share.clamp(1e-6, 1.0 - 1e-6),
        iterations: 0,
        converged: false,
        changes: Vec::new(),
    };
    let log_u: Vec<Vec<f64>> = u
        .iter()
        .map(|row| row.iter().map(|p| p.max(f64::MIN_POSITIVE).ln()).collect())
        .collect();
    let total = patterns.pairs() as f64;
    if total == 0.0 {
        return fit;
    }
    while fit.iterations < settings.max_iterations {
        fit.iterations += 1;
        let log_m: Vec<Vec<f64>> = fit
            .m
            .iter()
            .map(|row| row.iter().map(|p| p.max(f64::MIN_POSITIVE).ln()).collect())
            .collect();
        let (log_share, log_rest) = (fit.match_share.ln(), (1.0 - fit.match_share).ln());
        let mut expected: Vec<Vec<f64>> = levels.iter().map(|&n| vec![0.0; n]).collect();
        let mut matches = 0.0;
        for (pattern, count) in &patterns.patterns {
            let (mut match_log, mut other_log) = (log_share, log_rest);
            for (c, &level) in pattern.iter().enumerate() {
                let level = usize::from(level);
                if let (Some(lm), Some(lu)) = (
                    log_m.get(c).and_then(|row| row.get(level)),
                    log_u.get(c).and_then(|row| row.get(level)),
                ) {
                    match_log += lm;
                    other_log += lu;
                }
            }
            let posterior = 1.0 / (1.0 + (other_log - match_log).exp());
            let weight = posterior * *count as f64;
            matches += weight;
            for (c, &level) in pattern.iter().enumerate() {
                if let Some(slot) = expected
                    .get_mut(c)
                    .and_then(|row| row.get_mut(usize::from(level)))
                {
                    *slot += weight;
                }
            }
        }
        let mut change = 0.0f64;
        if settings.fit_share {
            let share = (matches / total).clamp(1e-9, 1.0 - 1e-9);
            change = (share - fit.match_share).abs();
            fit.match_share = share;
        }
        for (c, row) in expected.iter().enumerate() {
            if !fit.estimated[c] {
                continue;
            }
            let sum: f64 = row.iter().sum::<f64>() + SMOOTHING * row.len() as f64;
            let mut updated: Vec<f64> =
                row.iter().map(|&value| (value + SMOOTHING) / sum).collect();
            fit.unconstrained[c].clone_from(&updated);
            if let (Some(Some(order)), Some(u)) = (orders.get(c), u.get(c)) {
                order.constrain(&mut updated, u);
            }
            for (level, updated) in updated.into_iter().enumerate() {
                change = change.max((updated - fit.m[c][level]).abs());
                fit.m[c][level] = updated;
            }
        }
        fit.changes.push(change);
        if change < settings.tolerance {
            fit.converged = true;
            break;
        }
    }
    fit
}

#[cfg(test)]
mod tests {
    use super::*;
    use smallvec::smallvec;

    #[test]
    fn anchored_counts_take_only_the_patterns_that_pass() {
        // Comparison 0 anchors (exact, level 0); comparison 1 is counted.
        let patterns = Patterns {
            patterns: vec![
                (smallvec![0, 0], 7),
                (smallvec![0, 2], 3),
                (smallvec![0, MISSING], 5),
                (smallvec![1, 2], 11),
                (smallvec![MISSING, 1], 13),
            ],
        };
        let anchored = |pattern: &[u8]| pattern.first() == Some(&0);
        assert_eq!(
            patterns.anchored_level_counts(1, 3, anchored),
            [7.0, 0.0, 3.0]
        );
        assert_eq!(
            patterns.anchored_level_counts(1, 3, |_| true),
            [7.0, 13.0, 14.0]
        );
        // A comparison past the pattern, or levels past the count: none.
        assert_eq!(patterns.anchored_level_counts(5, 2, |_| true), [0.0, 0.0]);
        assert_eq!(patterns.anchored_level_counts(1, 1, |_| true), [7.0]);
    }

    /// Two binary comparisons; matches agree on each with 0.9, non-matches
    /// with 0.1; 20 % matches. EM from a poor start recovers m and the share.
    #[test]
    fn em_recovers_known_parameters() {
        let (share, m, u) = (0.2f64, 0.9f64, 0.1f64);
        let mut patterns = Vec::new();
        for a in 0..2u8 {
            for b in 0..2u8 {
                let p = |agree: u8, q: f64| if agree == 0 { q } else { 1.0 - q };
                let expected = share * p(a, m) * p(b, m) + (1.0 - share) * p(a, u) * p(b, u);
                patterns.push((smallvec![a, b], (expected * 1_000_000.0).round() as u64));
            }
        }
        let patterns = Patterns { patterns };
        let u_table = vec![vec![u, 1.0 - u]; 2];
        let start = vec![vec![0.6, 0.4]; 2];
        let fit = expectation_maximisation(
            &patterns,
            &u_table,
            &start,
            &[None, None],
            0.5,
            EmSettings {
                max_iterations: 500,
                tolerance: 1e-9,
                fit_m: true,
                fit_share: true,
            },
        );
        assert!(fit.converged);
        // One change per iteration; only the last is under the tolerance.
        assert_eq!(fit.changes.len(), fit.iterations as usize);
        let (last, before) = fit.changes.split_last().unwrap();
        assert!(*last < 1e-9 && before.iter().all(|&change| change >= 1e-9));
        assert!(
            (fit.match_share - share).abs() < 1e-3,
            "{}",
            fit.match_share
        );
        for row in &fit.m {
            assert!((row[0] - m).abs() < 1e-3, "{row:?}");
        }
    }

    #[test]
    fn missing_comparisons_are_neither_counted_nor_estimated() {
        let patterns = Patterns {
            patterns: vec![(smallvec![0, MISSING], 10), (smallvec![1, MISSING], 30)],
        };
        let (counts, present) = patterns.level_counts(&[2, 2]);
        assert_eq!(counts, vec![vec![10.0, 30.0], vec![0.0, 0.0]]);
        assert_eq!(present, vec![40.0, 0.0]);
        let fit = expectation_maximisation(
            &patterns,
            &[vec![0.1, 0.9], vec![0.1, 0.9]],
            &[vec![0.9, 0.1], vec![0.7, 0.3]],
            &[None, None],
            0.5,
            EmSettings {
                max_iterations: 50,
                tolerance: 1e-6,
                fit_m: true,
                fit_share: true,
            },
        );
        assert_eq!(fit.estimated, vec![true, false]);
        assert_eq!(fit.m[1], vec![0.7, 0.3]);
        assert!(fit.m[0].iter().all(|p| p.is_finite()));
    }

    #[test]
    fn no_pairs_leave_the_start_untouched() {
        let fit = expectation_maximisation(
            &Patterns::default(),
            &[vec![0.1, 0.9]],
            &[vec![0.9, 0.1]],
            &[None],
            0.3,
            EmSettings {
                max_iterations: 50,
                tolerance: 1e-6,
                fit_m: true,
                fit_share: true,
            },
        );
        assert_eq!(fit.m, vec![vec![0.9, 0.1]]);
        assert_eq!(fit.iterations, 0);
        assert!(!fit.converged);
    }

    /// Pairs of two classes: identity (names agree exactly, 80 %) and a
    /// larger class of colleagues (names differ, 90 %, but the employer
    /// agrees). Unconstrained EM on the names takes the colleagues, whose
    /// names mostly differ; held to the order, exact agreement stays the
    /// likeliest level among matches.
    #[test]
    fn the_order_keeps_exact_agreement_likeliest_among_matches() {
        let mut patterns = Vec::new();
        // (names level, employer level) counts: 0 exact, 1 fuzzy, 2 else.
        for (names, employer, count) in [
            (0u8, 0u8, 800u64),
            (1, 0, 100),
            (2, 0, 100),
            (0, 0, 300),
            (1, 0, 700),
            (2, 0, 9000),
            (0, 1, 20),
            (2, 1, 500),
        ] {
            patterns.push((smallvec![names, employer], count));
        }
        patterns.sort();
        let patterns = Patterns { patterns };
        let u = vec![vec![0.01, 0.05, 0.94], vec![0.02, 0.98]];
        let start = vec![vec![0.8, 0.15, 0.05], vec![0.9, 0.1]];
        let settings = EmSettings {
            max_iterations: 200,
            tolerance: 1e-9,
            fit_m: true,
            fit_share: true,
        };
        let free = expectation_maximisation(&patterns, &u, &start, &[None, None], 0.3, settings);
        assert!(
            free.m[0][0] < free.m[0][2],
            "unconstrained: {:?}",
            free.m[0]
        );
        let order = LevelOrder::new(vec![0, 1, 2]);
        let held =
            expectation_maximisation(&patterns, &u, &start, &[order.clone(), None], 0.3, settings);
        assert!(order.unwrap().holds(&held.m[0], &u[0]), "{:?}", held.m[0]);
        assert!(held.m[0][0] >= held.m[0][2], "{:?}", held.m[0]);
        // What the data pulled toward is kept for the checks.
        assert_eq!(held.unconstrained.len(), 2);
    }

    #[test]
    fn a_held_match_share_does_not_move() {
        let patterns = Patterns {
            patterns: vec![(smallvec![0], 10), (smallvec![1], 990)],
        };
        let fit = expectation_maximisation(
            &patterns,
            &[vec![0.01, 0.99]],
            &[vec![0.9, 0.1]],
            &[None],
            0.01,
            EmSettings {
                max_iterations: 50,
                tolerance: 1e-9,
                fit_m: true,
                fit_share: false,
            },
        );
        assert_eq!(fit.match_share, 0.01);
        assert!(fit.iterations > 1);
        let free = expectation_maximisation(
            &patterns,
            &[vec![0.01, 0.99]],
            &[vec![0.9, 0.1]],
            &[None],
            0.01,
            EmSettings {
                max_iterations: 50,
                tolerance: 1e-9,
                fit_m: true,
                fit_share: true,
            },
        );
        assert_ne!(free.match_share, 0.01);
    }

    proptest::proptest! {
        /// Whatever the counts, EM's m is held to the order of every
        /// ordered comparison.
        #[test]
        fn trained_m_is_monotone_over_ordered_levels(
            counts in proptest::collection::vec(1u64..5_000, 16),
            u_first in proptest::collection::vec(0.001f64..0.3, 3),
            start_share in 0.01f64..0.9,
        ) {
            // Two comparisons of four levels each: 16 patterns.
            let patterns = Patterns {
                patterns: counts
                    .iter()
                    .enumerate()
                    .map(|(i, &count)| (smallvec![(i / 4) as u8, (i % 4) as u8], count))
                    .collect(),
            };
            let rest = 1.0 - u_first.iter().sum::<f64>();
            let u_row = vec![u_first[0], u_first[1], u_first[2], rest.max(0.01)];
            let u = vec![u_row.clone(), u_row];
            let start = vec![vec![0.7, 0.1, 0.1, 0.1]; 2];
            let order = LevelOrder::new(vec![0, 1, 2, 3]);
            let fit = expectation_maximisation(
                &patterns,
                &u,
                &start,
                &[order.clone(), order.clone()],
                start_share,
                EmSettings { max_iterations: 30, tolerance: 1e-9, fit_m: true, fit_share: true },
            );
            let order = order.unwrap();
            for (m, u) in fit.m.iter().zip(&u) {
                proptest::prop_assert!(order.holds(m, u), "{:?} {:?}", m, u);
                proptest::prop_assert!(m[0] >= u[0] * (1.0 - 1e-9) * m.iter().sum::<f64>() / u.iter().sum::<f64>());
            }
        }
    }
}
