//! Pairs of records known to be two people: clustering never joins their
//! groups (see [`Coparticipants`](crate::resolve) for where they come
//! from).

use crate::cluster::disjoint_sets::DisjointSets;

/// For each record, the records it must not share an entity with, in
/// one flat list (`partners[offsets[i]..offsets[i + 1]]`).
#[derive(Debug, Default)]
pub(crate) struct Apart {
    offsets: Vec<u32>,
    partners: Vec<u32>,
}

impl Apart {
    /// The constraint for `records` records from `pairs` of positions
    /// (either order; each pair keeps both records apart both ways).
    pub(crate) fn from_pairs(records: usize, pairs: &[(u32, u32)]) -> Apart {
        let mut counts = vec![0u32; records + 1];
        for &(a, b) in pairs {
            if (a as usize) < records && (b as usize) < records && a != b {
                counts[a as usize + 1] += 1;
                counts[b as usize + 1] += 1;
            }
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let offsets = counts;
        let mut filled = offsets.clone();
        let mut partners = vec![0u32; offsets.last().copied().unwrap_or(0) as usize];
        for &(a, b) in pairs {
            if (a as usize) < records && (b as usize) < records && a != b {
                for (from, to) in [(a, b), (b, a)] {
                    let slot = &mut filled[from as usize];
                    partners[*slot as usize] = to;
                    *slot += 1;
                }
            }
        }
        Apart { offsets, partners }
    }

    /// Whether no pair is kept apart.
    pub(crate) fn is_empty(&self) -> bool {
        self.partners.is_empty()
    }

    /// The records `record` must not share an entity with.
    fn of(&self, record: u32) -> &[u32] {
        let at = record as usize;
        match (self.offsets.get(at), self.offsets.get(at + 1)) {
            (Some(&start), Some(&end)) => &self.partners[start as usize..end as usize],
            _ => &[],
        }
    }

    /// Whether the groups of roots `x` and `y` hold a pair kept apart:
    /// walks the smaller group's members.
    pub(crate) fn separates(&self, sets: &mut DisjointSets, x: u32, y: u32) -> bool {
        let (small, other) = if sets.size(x) <= sets.size(y) {
            (x, y)
        } else {
            (y, x)
        };
        let mut member = small;
        loop {
            for &partner in self.of(member) {
                if sets.find(partner) == other {
                    return true;
                }
            }
            member = sets.next_member(member);
            if member == small {
                return false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_apart_groups_are_found_both_ways() {
        let apart = Apart::from_pairs(6, &[(0, 3), (9, 1), (2, 2)]);
        assert_eq!(apart.of(0), [3]);
        assert_eq!(apart.of(3), [0]);
        assert!(apart.of(1).is_empty() && apart.of(2).is_empty());
        let mut sets = DisjointSets::new(6, None);
        let left = sets.union(0, 1);
        let right = sets.union(3, 4);
        assert!(apart.separates(&mut sets, left, right));
        assert!(apart.separates(&mut sets, right, left));
        assert!(!apart.separates(&mut sets, left, 2));
        assert!(Apart::default().is_empty());
    }
}
