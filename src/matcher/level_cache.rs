//! The level a pair of numbered values reaches, remembered while many
//! pairs are scored.
//!
//! Candidate pairs compare the same two values again and again: among
//! 7.3 million pairs of 133,000 patent inventor mentions, 79,000 distinct
//! pairs of first names, 48,000 of cities, 223,000 of employers. Where a
//! comparison's level depends on the two values alone (see
//! [`LevelTest::reads_only_values`]), the level of a pair of value
//! numbers is worked out once and read back after.
//!
//! The table is direct-mapped and shared by the threads that score: each
//! slot is one atomic word holding both numbers and the level, so a
//! thread reads either a whole entry or an empty or other pair's slot,
//! never half of one. What a slot holds never changes a result, only
//! whether it is computed again: the level is a function of the two
//! values, so the scores are the same for any thread count and order.

use std::sync::atomic::{AtomicU64, Ordering};

use super::level::LevelTest;

/// Bits of a value number an entry holds; pairs with a larger number are
/// not remembered.
const NUMBER_BITS: u32 = 28;

/// Bits of an entry holding the level.
const LEVEL_BITS: u32 = 8;

/// The level code of an entry for "no level reached"; 0 marks an empty
/// slot, `1 + level` a level.
const NO_LEVEL: u64 = (1 << LEVEL_BITS) - 1;

/// The level each pair of value numbers of one comparison reaches, for
/// the pairs seen last at each slot.
#[derive(Debug)]
pub(crate) struct LevelCache {
    slots: Box<[AtomicU64]>,
    /// `64 - log2(slots)`: the hash's top bits pick the slot.
    shift: u32,
}

impl LevelCache {
    /// A table of `2^bits` slots (`bits` in 1..=32).
    pub(crate) fn with_bits(bits: u32) -> LevelCache {
        let bits = bits.clamp(1, 32);
        LevelCache {
            slots: (0..1usize << bits).map(|_| AtomicU64::new(0)).collect(),
            shift: 64 - bits,
        }
    }

    /// Reads the slot of values `x` and `y`, so that the loads of a
    /// batch of pairs overlap (see `PreparedStore::warm`); returns what
    /// it holds, for `black_box`.
    #[inline]
    pub(crate) fn warm(&self, x: u32, y: u32) -> u64 {
        self.slots[self.slot(x, y)].load(Ordering::Relaxed)
    }

    #[inline]
    fn slot(&self, x: u32, y: u32) -> usize {
        let hash = (u64::from(x) << 32 | u64::from(y)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (hash >> self.shift) as usize
    }

    /// The level of values `x` and `y` (in that order): remembered, or
    /// `compute`d and remembered. `compute` must be a function of `x`
    /// and `y` alone.
    #[inline]
    pub(crate) fn level(
        &self,
        x: u32,
        y: u32,
        compute: impl FnOnce() -> Option<usize>,
    ) -> Option<usize> {
        if (x | y) >> NUMBER_BITS != 0 {
            return compute();
        }
        let key = (u64::from(x) << (NUMBER_BITS + LEVEL_BITS)) | (u64::from(y) << LEVEL_BITS);
        let slot = &self.slots[self.slot(x, y)];
        let entry = slot.load(Ordering::Relaxed);
        let code = entry & NO_LEVEL;
        if code != 0 && entry & !NO_LEVEL == key {
            return (code != NO_LEVEL).then(|| (code - 1) as usize);
        }
        let level = compute();
        let code = match level {
            // Levels fit a byte (see `MAX_LEVELS`); a larger one is not kept.
            Some(level) if (level as u64) < NO_LEVEL - 1 => level as u64 + 1,
            Some(_) => return level,
            None => NO_LEVEL,
        };
        slot.store(key | code, Ordering::Relaxed);
        level
    }
}

impl LevelTest {
    /// Whether the test reads nothing but the two values of its field
    /// (their text and what is prepared from the text alone: Soundex,
    /// formal names, word and item lists), so that two pairs with the
    /// same two values pass or fail it alike. Tests that read another
    /// field (swapped names, handles) or a parsed date or number do not.
    pub(crate) fn reads_only_values(&self) -> bool {
        match self {
            LevelTest::Exact
            | LevelTest::JaroWinkler { .. }
            | LevelTest::Levenshtein { .. }
            | LevelTest::Damerau { .. }
            | LevelTest::Transposition
            | LevelTest::Soundex
            | LevelTest::Metaphone
            | LevelTest::Nickname
            | LevelTest::Initial
            | LevelTest::EmailLocalPart
            | LevelTest::SameDigits
            | LevelTest::LettersDiffer
            | LevelTest::LastDigits { .. }
            | LevelTest::Prefix { .. }
            | LevelTest::TokenJaccard { .. }
            | LevelTest::QGramDice { .. }
            | LevelTest::SetOverlap
            | LevelTest::Else => true,
            LevelTest::Swapped { .. }
            | LevelTest::HandleNames { .. }
            | LevelTest::HandleBirthYear { .. }
            | LevelTest::DayMonthSwapped
            | LevelTest::YearOneOff
            | LevelTest::DatePlaceholder
            | LevelTest::DayOrMonthWrong
            | LevelTest::WithinDays { .. }
            | LevelTest::RelativeDifference { .. } => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn remembers_a_level_and_computes_it_once() {
        let cache = LevelCache::with_bits(4);
        let mut calls = 0;
        assert_eq!(
            cache.level(3, 5, || {
                calls += 1;
                Some(2)
            }),
            Some(2)
        );
        assert_eq!(
            cache.level(3, 5, || {
                calls += 1;
                Some(7)
            }),
            Some(2)
        );
        assert_eq!(calls, 1);
        // The other order is another pair.
        assert_eq!(cache.level(5, 3, || Some(1)), Some(1));
    }

    #[test]
    fn remembers_no_level_and_level_zero_of_values_zero() {
        let cache = LevelCache::with_bits(2);
        assert_eq!(cache.level(0, 0, || Some(0)), Some(0));
        assert_eq!(cache.level(0, 0, || None), Some(0));
        assert_eq!(cache.level(9, 4, || None), None);
        assert_eq!(cache.level(9, 4, || Some(1)), None);
    }

    #[test]
    fn numbers_too_large_to_hold_are_computed_every_time() {
        let cache = LevelCache::with_bits(2);
        let large = 1 << NUMBER_BITS;
        assert_eq!(cache.level(large, 1, || Some(1)), Some(1));
        assert_eq!(cache.level(large, 1, || Some(2)), Some(2));
        assert_eq!(cache.level(1, u32::MAX, || None), None);
        assert_eq!(cache.level(1, u32::MAX, || Some(0)), Some(0));
    }

    proptest! {
        /// Whatever collides in a small table, every answer is the
        /// function's.
        #[test]
        fn answers_as_the_function_does(
            pairs in proptest::collection::vec((0u32..40, 0u32..40), 1..300),
            bits in 1u32..6,
        ) {
            let level = |x: u32, y: u32| match (x * 7 + y * 3) % 11 {
                10 => None,
                level => Some(level as usize),
            };
            let cache = LevelCache::with_bits(bits);
            for (x, y) in pairs {
                prop_assert_eq!(cache.level(x, y, || level(x, y)), level(x, y));
            }
        }
    }
}
