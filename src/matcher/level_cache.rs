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

use super::comparison::Comparison;
use super::interned::{InternedField, InternedStore};
use super::level::LevelTest;
use crate::compare::jaro_winkler;
use crate::id::FieldId;
use crate::prepare::PreparedRecord;

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

    /// Whether `holds` is true of values `x` and `y` (in that order):
    /// remembered, or computed and remembered. `holds` must be a
    /// function of `x` and `y` alone.
    #[inline]
    fn holds(&self, x: u32, y: u32, holds: impl FnOnce() -> bool) -> bool {
        self.level(x, y, || holds().then_some(0)).is_some()
    }
}

/// What scoring one comparison remembers across pairs: the levels of
/// pairs of its field's values, and the halves of its swapped-names test.
#[derive(Debug)]
pub(crate) struct ComparisonCache {
    levels: Option<LevelCache>,
    swapped: Option<SwappedCache>,
    /// With `levels`: the comparison's levels (a bit each, the first
    /// lowest) whose tests read more than the two values.
    reading_more: u32,
    /// Whether some test of the comparison is one-sided.
    one_sided: bool,
}

impl ComparisonCache {
    /// The caches that save `comparison` work, each of `2^bits` slots: a
    /// [`LevelCache`] when it [caches levels](Comparison::caches_levels),
    /// and a [`SwappedCache`] for its first swapped-names test when
    /// `interned` numbers the names it swaps with.
    pub(crate) fn for_comparison(
        comparison: &Comparison,
        interned: &InternedStore,
        bits: u32,
    ) -> ComparisonCache {
        let swapped = comparison
            .levels()
            .iter()
            .flat_map(|level| level.conditions())
            .find_map(|condition| match condition.test() {
                LevelTest::Swapped { with, at_least }
                    if condition.field() == comparison.field()
                        && interned.field(with).is_some() =>
                {
                    Some(SwappedCache {
                        with,
                        at_least,
                        one_way: LevelCache::with_bits(bits),
                        other_way: LevelCache::with_bits(bits),
                    })
                }
                _ => None,
            });
        ComparisonCache {
            levels: comparison
                .caches_levels()
                .then(|| LevelCache::with_bits(bits)),
            swapped,
            reading_more: comparison.levels_reading_more(),
            one_sided: comparison.has_one_sided_test(),
        }
    }

    /// The levels of pairs of the field's values, when remembered.
    #[inline]
    pub(crate) fn levels(&self) -> Option<&LevelCache> {
        self.levels.as_ref()
    }

    /// The swapped-names test remembered, when there is one.
    /// Whether some test of the comparison is one-sided (see
    /// [`Comparison::has_one_sided_test`]).
    #[inline]
    pub(crate) fn one_sided(&self) -> bool {
        self.one_sided
    }

    /// The comparison's levels whose tests read more than the two
    /// values, a bit each (see [`Comparison::levels_reading_more`]).
    #[inline]
    pub(crate) fn reading_more(&self) -> u32 {
        self.reading_more
    }

    #[inline]
    pub(crate) fn swapped(&self) -> Option<&SwappedCache> {
        self.swapped.as_ref()
    }
}

/// A [swapped-names](LevelTest::Swapped) test (given and family name
/// entered the wrong way round) remembered by value numbers. The test
/// asks two questions, each of one value of the compared field and one
/// of the other field: is the first record's value like the second's
/// other value, and the first's other value like the second's value.
/// Each answer depends on its two values alone, so each is remembered
/// in a [`LevelCache`] keyed by their numbers; most pairs are then
/// settled without reading the names or measuring their similarity.
#[derive(Debug)]
pub(crate) struct SwappedCache {
    with: FieldId,
    at_least: f64,
    /// By the first record's value and the second's other value.
    one_way: LevelCache,
    /// By the first record's other value and the second's value.
    other_way: LevelCache,
}

impl SwappedCache {
    /// Whether this remembers `test`.
    #[inline]
    pub(crate) fn serves(&self, test: &LevelTest) -> bool {
        matches!(*test, LevelTest::Swapped { with, at_least }
            if with == self.with && at_least.to_bits() == self.at_least.to_bits())
    }

    /// Whether the test holds for records `a` and `b`, whose values of
    /// `field` are numbered `x` and `y` in `values` (`interned`'s numbers
    /// of `field`), as [`LevelTest::holds`] finds.
    #[inline]
    pub(crate) fn holds(
        &self,
        field: FieldId,
        (a, b): (&PreparedRecord<'_>, &PreparedRecord<'_>),
        (x, y): (u32, u32),
        values: &InternedField,
        interned: &InternedStore,
    ) -> bool {
        // Values longer than similarity reads are compared exactly.
        if values.is_long(x) || values.is_long(y) {
            return x == y;
        }
        let Some(others) = interned.field(self.with) else {
            return false;
        };
        let (Some(p), Some(q)) = (
            interned.value(a.index(), self.with),
            interned.value(b.index(), self.with),
        ) else {
            return false;
        };
        if others.is_long(p) || others.is_long(q) {
            return false;
        }
        self.one_way
            .holds(x, q, || self.similar((a, field), (b, self.with)))
            && self
                .other_way
                .holds(p, y, || self.similar((a, self.with), (b, field)))
            // Both halves hold (rarely): the whole test, with the
            // partner's straight agreement.
            && super::level::names_swapped(
                (a.text(field).unwrap_or(""), a.text(self.with).unwrap_or("")),
                (b.text(field).unwrap_or(""), b.text(self.with).unwrap_or("")),
                self.at_least,
            )
    }

    /// Whether `first`'s value of one field is like `second`'s of
    /// another, by Jaro-Winkler (in that order, as the test measures).
    fn similar(
        &self,
        (first, field): (&PreparedRecord<'_>, FieldId),
        (second, other): (&PreparedRecord<'_>, FieldId),
    ) -> bool {
        let (text, other_text) = (first.text(field), second.text(other));
        jaro_winkler(text.unwrap_or(""), other_text.unwrap_or("")) >= self.at_least
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
            | LevelTest::SameFirstName
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
            | LevelTest::YearWrong
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
