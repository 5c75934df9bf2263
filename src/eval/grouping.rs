//! Records grouped by a label, with the counts every metric is built
//! from: group sizes and, in cross-source scope, group sizes per source.
//! Pair counts come from these sizes, never from enumerating pairs.

use std::hash::Hash;

use ahash::AHashMap;

/// Gives each distinct key a dense id, `0..distinct`, in order of first
/// appearance, and returns one id per key plus the number of ids.
pub(super) fn dense_ids<K: Hash + Eq>(keys: impl IntoIterator<Item = K>) -> (Vec<usize>, usize) {
    let keys = keys.into_iter();
    let mut ids_by_key: AHashMap<K, usize> = AHashMap::with_capacity(keys.size_hint().0);
    let mut ids = Vec::with_capacity(keys.size_hint().0);
    for key in keys {
        let next = ids_by_key.len();
        ids.push(*ids_by_key.entry(key).or_insert(next));
    }
    (ids, ids_by_key.len())
}

/// The number of unordered pairs among `members` records.
pub(super) fn pairs_among(members: u64) -> u128 {
    let members = u128::from(members);
    members * members.saturating_sub(1) / 2
}

/// A pair count as `u64`, saturating: only inputs of more than about six
/// billion records could exceed it.
pub(super) fn saturate(count: u128) -> u64 {
    u64::try_from(count).unwrap_or(u64::MAX)
}

/// One group id per record, the size of each group and, when records
/// carry sources, the size of each (group, source) part.
#[derive(Debug)]
pub(super) struct Grouping<'a> {
    ids: Vec<usize>,
    sizes: Vec<u64>,
    /// Present in cross-source scope only.
    sources: Option<SourceParts<'a>>,
}

/// Each record's source, and the size of each (group, source) part.
#[derive(Debug)]
struct SourceParts<'a> {
    sources: &'a [usize],
    part_sizes: AHashMap<(usize, usize), u64>,
}

impl<'a> Grouping<'a> {
    /// Groups records by `ids` (dense, below `groups`); `sources`, when
    /// given, holds one dense source id per record (same length as `ids`).
    pub(super) fn new(ids: Vec<usize>, groups: usize, sources: Option<&'a [usize]>) -> Self {
        let mut sizes = vec![0u64; groups];
        for &id in &ids {
            if let Some(size) = sizes.get_mut(id) {
                *size += 1;
            }
        }
        let sources = sources.map(|sources| {
            let mut part_sizes: AHashMap<(usize, usize), u64> = AHashMap::new();
            for (&id, &source) in ids.iter().zip(sources) {
                *part_sizes.entry((id, source)).or_insert(0) += 1;
            }
            SourceParts {
                sources,
                part_sizes,
            }
        });
        Grouping {
            ids,
            sizes,
            sources,
        }
    }

    /// The number of groups.
    pub(super) fn groups(&self) -> usize {
        self.sizes.len()
    }

    /// The group id of record `record`.
    pub(super) fn id(&self, record: usize) -> Option<usize> {
        self.ids.get(record).copied()
    }

    /// Pairs of records in the same group that are in scope: all of them,
    /// or in cross-source scope those whose records' sources differ
    /// (every pair of a group minus the pairs inside one source).
    pub(super) fn pairs_in_scope(&self) -> u128 {
        let all: u128 = self.sizes.iter().map(|&size| pairs_among(size)).sum();
        let same_source: u128 = match &self.sources {
            None => 0,
            Some(parts) => parts
                .part_sizes
                .values()
                .map(|&size| pairs_among(size))
                .sum(),
        };
        all - same_source
    }

    /// The members of `record`'s group that B-cubed counts for it: the
    /// whole group (the record included) in all-pairs scope, the members
    /// from other sources in cross-source scope.
    pub(super) fn partners(&self, record: usize) -> u64 {
        let Some(id) = self.id(record) else {
            return 0;
        };
        let size = self.sizes.get(id).copied().unwrap_or(0);
        match &self.sources {
            None => size,
            Some(parts) => {
                let same_source = parts
                    .sources
                    .get(record)
                    .and_then(|&source| parts.part_sizes.get(&(id, source)))
                    .copied()
                    .unwrap_or(0);
                size - same_source
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_ids_follow_first_appearance() {
        assert_eq!(dense_ids(["b", "a", "b", "c"]), (vec![0, 1, 0, 2], 3));
        assert_eq!(dense_ids(Vec::<u8>::new()), (vec![], 0));
    }

    #[test]
    fn pairs_among_small_and_huge() {
        assert_eq!(pairs_among(0), 0);
        assert_eq!(pairs_among(1), 0);
        assert_eq!(pairs_among(5), 10);
        // A 10-million-record cluster.
        assert_eq!(pairs_among(10_000_000), 49_999_995_000_000);
        assert_eq!(
            pairs_among(u64::MAX),
            u128::from(u64::MAX) * u128::from(u64::MAX - 1) / 2
        );
        assert_eq!(saturate(pairs_among(u64::MAX)), u64::MAX);
        assert_eq!(saturate(7), 7);
    }

    #[test]
    fn grouping_counts_pairs_and_partners_per_scope() {
        // Groups {0, 1, 2} and {3, 4}; sources 0, 0, 1 | 1, 1.
        let sources = [0, 0, 1, 1, 1];
        let all = Grouping::new(vec![0, 0, 0, 1, 1], 2, None);
        assert_eq!(all.groups(), 2);
        assert_eq!(all.pairs_in_scope(), 4);
        assert_eq!((all.partners(0), all.partners(3)), (3, 2));
        let cross = Grouping::new(vec![0, 0, 0, 1, 1], 2, Some(&sources));
        assert_eq!(cross.pairs_in_scope(), 2);
        assert_eq!(
            (0..5).map(|r| cross.partners(r)).collect::<Vec<_>>(),
            [1, 1, 2, 0, 0]
        );
        assert_eq!(cross.partners(99), 0);
        assert_eq!(cross.id(99), None);
    }
}
