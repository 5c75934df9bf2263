//! Numbered values: what scoring many pairs of one store reads instead of
//! the values themselves.
//!
//! Scoring millions of candidate pairs tests the same few thousand values
//! against each other again and again (9,000 titles among 135,000 patent
//! inventor mentions), so before such a run each field's distinct values
//! are numbered once, with their words and set items: an exact test is
//! then two numbers compared, a word Jaccard a walk over two short lists
//! of numbers, a term frequency a look-up by number, and a record's
//! numbers for every field sit in one cache line.
//!
//! The numbering lives for one run and is dropped with it: it is built
//! from a store that no longer changes, and keeps no text of its own.

use std::collections::HashMap;

use super::comparison::{Comparison, Level};
use super::level::{LevelTest, MAX_FUZZY_BYTES};
use crate::id::{FieldId, RecordIndex};
use crate::prepare::PreparedStore;

/// The number of a missing value (no normalised text).
const MISSING: u32 = u32::MAX;

/// What to number beside the values of one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Wanted {
    /// Number the values (the field is compared).
    values: bool,
    /// Each value's distinct words (split at spaces): token Jaccard.
    words: bool,
    /// Each value's `|`-separated items: set overlap.
    items: bool,
}

/// Per value, a list of numbers: one buffer and where each list ends,
/// and each list's [`Summary`].
#[derive(Debug, Clone, Default)]
struct Lists {
    ends: Vec<u32>,
    numbers: Vec<u32>,
    summaries: Vec<Summary>,
}

/// A list of numbers in one word: a bit per number (its hash's top six
/// bits) and how many numbers it holds. Two lists whose bits do not
/// meet share no number, and two lists share at most as many numbers
/// as their bits have in common plus the numbers that collided in
/// either; so most pairs of unrelated sets and texts are told apart from
/// two summaries, without reading the lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Summary {
    bits: u64,
    len: u32,
}

impl Summary {
    fn of(numbers: &[u32]) -> Summary {
        Summary {
            bits: numbers.iter().fold(0, |bits, &number| {
                bits | 1 << (u64::from(number).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
            }),
            // Lists are a value's words or items: they fit `u32`.
            len: numbers.len() as u32,
        }
    }

    /// Whether the lists may share a number.
    #[inline]
    fn may_meet(self, other: Summary) -> bool {
        self.bits & other.bits != 0
    }

    /// The most numbers the two lists, each of distinct numbers, can
    /// share.
    #[inline]
    fn most_shared(self, other: Summary) -> u32 {
        let common = (self.bits & other.bits).count_ones();
        let collided = |summary: Summary| summary.len - summary.bits.count_ones();
        (common + collided(self).min(collided(other)))
            .min(self.len)
            .min(other.len)
    }
}

impl Lists {
    #[inline]
    fn get(&self, value: u32) -> &[u32] {
        let index = value as usize;
        let end = self.ends.get(index).copied().unwrap_or(0) as usize;
        let start = match index.checked_sub(1) {
            Some(previous) => self.ends.get(previous).copied().unwrap_or(0) as usize,
            None => 0,
        };
        self.numbers.get(start..end).unwrap_or_default()
    }

    #[inline]
    fn summary(&self, value: u32) -> Summary {
        self.summaries
            .get(value as usize)
            .copied()
            .unwrap_or_default()
    }

    fn push(&mut self, numbers: impl IntoIterator<Item = u32>) {
        let start = self.numbers.len();
        self.numbers.extend(numbers);
        self.summaries
            .push(Summary::of(self.numbers.get(start..).unwrap_or_default()));
        // A store's text fits in `u32` offsets, so do its words.
        self.ends.push(self.numbers.len() as u32);
    }
}

/// One field's distinct values.
#[derive(Debug, Clone, Default)]
pub(crate) struct InternedField {
    /// Per value, a record that holds it.
    holders: Vec<RecordIndex>,
    /// Per value, whether it is longer than the similarity tests read.
    long: Vec<bool>,
    /// Per value, its distinct words' numbers, sorted (when wanted).
    words: Option<Lists>,
    /// Per value, its distinct items' numbers, sorted (when wanted):
    /// two lists share a number exactly when the values share an item.
    items: Option<Lists>,
}

impl InternedField {
    /// How many distinct values the field has.
    pub(crate) fn len(&self) -> usize {
        self.holders.len()
    }

    /// A record holding value `value`.
    pub(crate) fn holder(&self, value: u32) -> Option<RecordIndex> {
        self.holders.get(value as usize).copied()
    }

    /// Whether value `value` is longer than the numbering was told (see
    /// [`InternedStore::build`]).
    #[inline]
    pub(crate) fn is_long(&self, value: u32) -> bool {
        self.long.get(value as usize).copied().unwrap_or(false)
    }

    /// The value's distinct words, sorted by number; `None` when words
    /// were not numbered.
    #[inline]
    pub(crate) fn words(&self, value: u32) -> Option<&[u32]> {
        self.words.as_ref().map(|lists| lists.get(value))
    }

    /// An upper bound of the word Jaccard similarity of values `x` and
    /// `y`, as `LevelTest::TokenJaccard` computes it from
    /// [`words`](Self::words), found without reading the words; `None`
    /// when words were not numbered or both values have none.
    #[inline]
    pub(crate) fn most_word_jaccard(&self, x: u32, y: u32) -> Option<f64> {
        let lists = self.words.as_ref()?;
        let (p, q) = (lists.summary(x), lists.summary(y));
        let shared = p.most_shared(q);
        let union = (p.len + q.len - shared) as usize;
        // The formula of `sorted_jaccard`, so that the bound is no lower
        // than what it computes for fewer shared words.
        (union > 0).then(|| shared as usize as f64 / union as f64)
    }

    /// Whether values `x` and `y` may share an item: `false` only when
    /// items were numbered and the two share none.
    #[inline]
    pub(crate) fn items_may_meet(&self, x: u32, y: u32) -> bool {
        self.items
            .as_ref()
            .is_none_or(|lists| lists.summary(x).may_meet(lists.summary(y)))
    }

    /// The value's distinct items' numbers, sorted; `None` when items
    /// were not numbered.
    #[inline]
    pub(crate) fn items(&self, value: u32) -> Option<&[u32]> {
        self.items.as_ref().map(|lists| lists.get(value))
    }
}

/// Every record's value numbers, field by field, and each field's
/// distinct values.
#[derive(Debug, Clone, Default)]
pub(crate) struct InternedStore {
    /// What was numbered, per field.
    wanted: Vec<Wanted>,
    fields: usize,
    /// Record after record, each field's value number ([`MISSING`] when
    /// missing or not numbered).
    values: Vec<u32>,
    /// Per field, its distinct values (`None`: not numbered).
    columns: Vec<Option<InternedField>>,
}

impl InternedStore {
    /// Numbers the values of `store`'s fields as `wanted` says (one entry
    /// per field; fields past its end are not numbered). `long_bytes`:
    /// values longer than this are marked long.
    pub(crate) fn build(
        store: &PreparedStore,
        wanted: &[Wanted],
        long_bytes: usize,
    ) -> InternedStore {
        let fields = store.schema().len();
        let records = store.len();
        let columns: Vec<Option<(Vec<u32>, InternedField)>> =
            crate::par::map_indices(fields, |position| {
                let want = wanted.get(position).copied().unwrap_or_default();
                let field = u16::try_from(position).ok().filter(|_| want.values)?;
                Some(number_field(store, FieldId(field), want, long_bytes))
            });
        let mut values = vec![MISSING; records * fields];
        for (position, column) in columns.iter().enumerate() {
            let Some((numbers, _)) = column else { continue };
            for (record, &number) in numbers.iter().enumerate() {
                values[record * fields + position] = number;
            }
        }
        InternedStore {
            wanted: (0..fields)
                .map(|position| wanted.get(position).copied().unwrap_or_default())
                .collect(),
            fields,
            values,
            columns: columns
                .into_iter()
                .map(|column| column.map(|(_, field)| field))
                .collect(),
        }
    }

    /// Numbers what `comparisons` read: the values of each field a
    /// one-field comparison compares, with their words where a level
    /// tests word Jaccard and their items where one tests set overlap.
    pub(crate) fn for_comparisons(
        store: &PreparedStore,
        comparisons: &[Comparison],
    ) -> InternedStore {
        InternedStore::build(
            store,
            &InternedStore::wanted_by(store, comparisons),
            MAX_FUZZY_BYTES,
        )
    }

    /// Whether this numbering of `store` is what
    /// [`for_comparisons`](Self::for_comparisons) makes for
    /// `comparisons` (a trainer's numbering, reused to score with the
    /// model it trained).
    pub(crate) fn serves(&self, store: &PreparedStore, comparisons: &[Comparison]) -> bool {
        self.values.len() == store.len() * self.fields
            && self.wanted == InternedStore::wanted_by(store, comparisons)
    }

    /// Per field of `store`'s schema, what `comparisons` read of it.
    fn wanted_by(store: &PreparedStore, comparisons: &[Comparison]) -> Vec<Wanted> {
        let mut wanted = vec![Wanted::default(); store.schema().len()];
        for comparison in comparisons {
            let [field] = comparison.fields() else {
                continue;
            };
            let Some(want) = wanted.get_mut(field.index()) else {
                continue;
            };
            want.values = true;
            for condition in comparison.levels().iter().flat_map(Level::conditions) {
                match condition.test() {
                    LevelTest::TokenJaccard { .. } => want.words = true,
                    LevelTest::SetOverlap => want.items = true,
                    _ => {}
                }
            }
        }
        wanted
    }

    /// The number of `record`'s value of `field`; `None` when missing
    /// (or not numbered).
    #[inline]
    pub(crate) fn value(&self, record: RecordIndex, field: FieldId) -> Option<u32> {
        self.values
            .get(record.get() * self.fields + field.index())
            .copied()
            .filter(|&number| number != MISSING)
    }

    /// The distinct values of `field`; `None` when it was not numbered.
    #[inline]
    pub(crate) fn field(&self, field: FieldId) -> Option<&InternedField> {
        self.columns.get(field.index())?.as_ref()
    }

    /// Reads every record's numbers, so that the loads of a batch of
    /// records overlap (see `PreparedStore::warm`). Returns a value that
    /// depends on every load, for `black_box`.
    pub(crate) fn warm(&self, records: impl Iterator<Item = RecordIndex>) -> u64 {
        records
            .map(|record| {
                let start = record.get() * self.fields;
                // A record's numbers may span two cache lines: read both
                // ends.
                let row = self
                    .values
                    .get(start..start + self.fields)
                    .unwrap_or_default();
                let (first, last) = (row.first().copied(), row.last().copied());
                let summaries = row
                    .iter()
                    .zip(&self.columns)
                    .filter_map(|(&value, column)| {
                        let lists = column.as_ref()?;
                        let lists = lists.items.as_ref().or(lists.words.as_ref())?;
                        Some(u64::from(lists.summary(value).len))
                    })
                    .fold(0, u64::wrapping_add);
                first.map_or(0, u64::from) + last.map_or(0, u64::from) + summaries
            })
            .fold(0, u64::wrapping_add)
    }
}

/// Numbers one field's values: per record its value's number, and the
/// distinct values.
fn number_field(
    store: &PreparedStore,
    field: FieldId,
    want: Wanted,
    long_bytes: usize,
) -> (Vec<u32>, InternedField) {
    let mut numbers_of: HashMap<&str, u32, ahash::RandomState> =
        HashMap::with_hasher(ahash::RandomState::with_seeds(1, 2, 3, 4));
    let mut texts: Vec<&str> = Vec::new();
    let mut column = InternedField::default();
    let numbers = store
        .records()
        .map(|record| match record.text(field) {
            None => MISSING,
            Some(text) => *numbers_of.entry(text).or_insert_with(|| {
                texts.push(text);
                column.holders.push(record.index());
                column.long.push(text.len() > long_bytes);
                // At most one value per record, and records fit `u32`.
                (texts.len() - 1) as u32
            }),
        })
        .collect();
    if want.words {
        column.words = Some(number_parts(&texts, ' '));
    }
    if want.items {
        column.items = Some(number_parts(&texts, '|'));
    }
    (numbers, column)
}

/// Per text, its distinct parts (words or items, split at `separator`,
/// blanks skipped) numbered in order of first appearance and sorted by
/// number, which the list walks need. Hashing the parts keeps this
/// linear: sorting them as strings took about 0.95 s of training on
/// 133,000 patent mentions with a dozen classes each.
fn number_parts(texts: &[&str], separator: char) -> Lists {
    let mut numbers_of: HashMap<&str, u32, ahash::RandomState> =
        HashMap::with_hasher(ahash::RandomState::with_seeds(5, 6, 7, 8));
    let mut lists = Lists::default();
    let mut list = Vec::new();
    for text in texts {
        list.clear();
        for part in text.split(separator).filter(|part| !part.is_empty()) {
            let next = numbers_of.len() as u32;
            list.push(*numbers_of.entry(part).or_insert(next));
        }
        list.sort_unstable();
        list.dedup();
        lists.push(list.iter().copied());
    }
    lists
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::level::{sorted_jaccard, walks_meet};
    use proptest::prelude::*;

    fn sorted(mut numbers: Vec<u32>) -> Vec<u32> {
        numbers.sort_unstable();
        numbers.dedup();
        numbers
    }

    #[test]
    fn summaries_of_disjoint_lists_may_still_meet_but_shared_lists_must() {
        let (p, q) = (Summary::of(&[1, 2, 3]), Summary::of(&[3, 9]));
        assert!(p.may_meet(q));
        assert!(p.most_shared(q) >= 1);
        assert!(p.most_shared(q) <= 2);
        assert_eq!(Summary::of(&[]).most_shared(p), 0);
        assert!(!Summary::of(&[]).may_meet(p));
    }

    #[test]
    fn a_field_without_lists_bounds_nothing() {
        let field = InternedField::default();
        assert_eq!(field.most_word_jaccard(0, 1), None);
        assert!(field.items_may_meet(0, 1));
    }

    #[test]
    fn parts_are_numbered_once_and_listed_sorted_without_repeats() {
        let lists = number_parts(&["b|a||b", "c|a", ""], '|');
        assert_eq!(lists.get(0), [0, 1]);
        assert_eq!(lists.get(1), [1, 2]);
        assert!(lists.get(2).is_empty());
        assert_eq!(lists.summary(0).len, 2);
    }

    proptest! {
        /// Two texts' lists meet exactly when the texts share a part.
        #[test]
        fn lists_meet_when_texts_share_a_part(
            x in proptest::collection::vec("[a-e]{0,2}", 0..6),
            y in proptest::collection::vec("[a-e]{0,2}", 0..6),
        ) {
            let (x, y) = (x.join("|"), y.join("|"));
            let lists = number_parts(&[&x, &y], '|');
            let parts = |text: &str| -> std::collections::BTreeSet<String> {
                text.split('|').filter(|p| !p.is_empty()).map(str::to_string).collect()
            };
            let shared = !parts(&x).is_disjoint(&parts(&y));
            prop_assert_eq!(walks_meet(lists.get(0).iter(), lists.get(1).iter()), shared);
            prop_assert!(lists.summary(0).may_meet(lists.summary(1)) || !shared);
        }

        /// Summaries never rule out what the lists hold: a shared number
        /// means the bits meet, the shared count is at most the bound,
        /// and so is the Jaccard similarity computed from the lists.
        #[test]
        fn summaries_bound_what_lists_share(
            x in proptest::collection::vec(0u32..200, 0..24),
            y in proptest::collection::vec(0u32..200, 0..24),
        ) {
            let (x, y) = (sorted(x), sorted(y));
            let (p, q) = (Summary::of(&x), Summary::of(&y));
            let shared = x.iter().filter(|number| y.contains(number)).count() as u32;
            prop_assert!(shared <= p.most_shared(q));
            if walks_meet(x.iter(), y.iter()) {
                prop_assert!(p.may_meet(q));
            }
            let mut words = Lists::default();
            words.push(x.iter().copied());
            words.push(y.iter().copied());
            let field = InternedField { words: Some(words), ..InternedField::default() };
            if let Some(most) = field.most_word_jaccard(0, 1) {
                prop_assert!(sorted_jaccard(&x, &y, Ord::cmp) <= most);
            } else {
                prop_assert!(x.is_empty() && y.is_empty());
            }
        }
    }
}
