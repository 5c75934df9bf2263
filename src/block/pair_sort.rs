//! Sorting millions of record pairs by radix instead of by comparison.
//!
//! Blocking sorts every candidate pair (7 million among 135,000 patent
//! inventor mentions) to merge its rules' pairs and drop repeats, and
//! training sorts each training rule's pairs the same way. A pair of
//! record indices is a number of at most 64 bits (36 for 135,000
//! records), so three passes of a least-significant-digit radix sort put
//! them in order, where a comparison sort makes some 23 passes' worth of
//! comparisons.
//!
//! The order is the pairs' own (`(a, b)` lexicographic), a total order:
//! the result is exactly that of `sort_unstable`.

use crate::id::RecordIndex;

/// Below this many pairs a comparison sort is as fast.
const SMALL: usize = 1 << 14;

/// The widest digit sorted in one pass: 4,096 counters stay in the
/// first-level cache.
const MAX_DIGIT_BITS: u32 = 12;

/// Sorts `pairs` by `(a, b)`, as `pairs.sort_unstable()` does.
pub(crate) fn sort_pairs(pairs: &mut [(RecordIndex, RecordIndex)]) {
    if pairs.len() < SMALL {
        pairs.sort_unstable();
        return;
    }
    let (max_a, max_b) = pairs
        .iter()
        .fold((0u32, 0u32), |(x, y), &(a, b)| (x.max(a.0), y.max(b.0)));
    // The key `a << b_bits | b` orders as the pair does, in
    // `a_bits + b_bits` bits.
    let b_bits = u32::BITS - max_b.leading_zeros();
    let bits = (u32::BITS - max_a.leading_zeros()) + b_bits;
    if bits == 0 {
        // Every pair is (0, 0).
        return;
    }
    let key = |&(a, b): &(RecordIndex, RecordIndex)| (u64::from(a.0) << b_bits) | u64::from(b.0);
    let passes = bits.div_ceil(MAX_DIGIT_BITS);
    let digit_bits = bits.div_ceil(passes);
    let mask = (1u64 << digit_bits) - 1;
    let mut scratch = vec![(RecordIndex(0), RecordIndex(0)); pairs.len()];
    let mut counts = vec![0usize; 1 << digit_bits];
    // Whether the pairs sorted so far sit in `scratch`.
    let mut in_scratch = false;
    for pass in 0..passes {
        let shift = pass * digit_bits;
        let (from, to) = if in_scratch {
            (scratch.as_slice(), &mut *pairs)
        } else {
            (&*pairs, scratch.as_mut_slice())
        };
        counts.fill(0);
        for pair in from {
            counts[((key(pair) >> shift) & mask) as usize] += 1;
        }
        // A digit every pair shares orders nothing.
        if counts.contains(&from.len()) {
            continue;
        }
        let mut next = 0;
        for count in &mut counts {
            let here = *count;
            *count = next;
            next += here;
        }
        for pair in from {
            let digit = ((key(pair) >> shift) & mask) as usize;
            to[counts[digit]] = *pair;
            counts[digit] += 1;
        }
        in_scratch = !in_scratch;
    }
    if in_scratch {
        pairs.copy_from_slice(&scratch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pairs(raw: &[(u32, u32)]) -> Pairs {
        raw.iter()
            .map(|&(a, b)| (RecordIndex(a), RecordIndex(b)))
            .collect()
    }

    type Pairs = Vec<(RecordIndex, RecordIndex)>;

    /// `raw` sorted by [`sort_pairs`], and by `sort_unstable`.
    fn sorted_both_ways(raw: &[(u32, u32)]) -> (Pairs, Pairs) {
        let mut radix = pairs(raw);
        sort_pairs(&mut radix);
        let mut expected = pairs(raw);
        expected.sort_unstable();
        (radix, expected)
    }

    #[test]
    fn large_inputs_sort_as_a_comparison_sort_does() {
        // Past `SMALL`, with repeats, the largest indices and pairs whose
        // first records share digits.
        let raw: Vec<(u32, u32)> = (0..(SMALL as u64 * 3))
            .map(|n| {
                let mixed = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
                ((mixed >> 40) as u32 % 5_000, (mixed >> 8) as u32 % 140_000)
            })
            .chain([(u32::MAX, u32::MAX), (0, 0), (u32::MAX, 0), (0, u32::MAX)])
            .collect();
        let (radix, expected) = sorted_both_ways(&raw);
        assert_eq!(radix, expected);
    }

    #[test]
    fn pairs_all_alike_stay_as_they_are() {
        let raw = vec![(0, 0); SMALL * 2];
        let (radix, expected) = sorted_both_ways(&raw);
        assert_eq!(radix, expected);
        let raw = vec![(7, 3); SMALL * 2];
        let (radix, expected) = sorted_both_ways(&raw);
        assert_eq!(radix, expected);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn any_pairs_sort_as_a_comparison_sort_does(
            raw in proptest::collection::vec((0u32..300_000, 0u32..300_000), SMALL..SMALL * 2),
            wide in proptest::collection::vec((any::<u32>(), any::<u32>()), 0..64),
        ) {
            let mut raw = raw;
            raw.extend(wide);
            let (radix, expected) = sorted_both_ways(&raw);
            prop_assert_eq!(radix, expected);
        }
    }
}
