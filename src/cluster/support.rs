//! The chain guard's evidence: how many accepted pairs join two groups.

use crate::cluster::disjoint_sets::DisjointSets;
use crate::cluster::pair::EdgeKey;

/// The accepted pairs as adjacency lists (compressed rows), each
/// neighbour once, so that the pairs between two groups can be counted
/// from the smaller group's side.
#[derive(Debug)]
pub(crate) struct SupportGraph {
    /// Row `i` is `neighbours[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<usize>,
    neighbours: Vec<u32>,
}

impl SupportGraph {
    /// The graph of `edges` over `records` records.
    pub(crate) fn new(records: usize, edges: &[EdgeKey]) -> SupportGraph {
        SupportGraph::of_pairs(records, edges.iter().map(|edge| (edge.low, edge.high)))
    }

    /// The graph of the pairs of record positions `pairs` gives (walked
    /// twice, in any order: the graph is the same) over `records`
    /// records.
    pub(crate) fn of_pairs(
        records: usize,
        pairs: impl Iterator<Item = (u32, u32)> + Clone,
    ) -> SupportGraph {
        let mut degree = vec![0usize; records + 1];
        for (low, high) in pairs.clone() {
            degree[low as usize] += 1;
            degree[high as usize] += 1;
        }
        // Prefix sums: `fill[i]` is where row i's next entry goes.
        let mut fill = Vec::with_capacity(records + 1);
        let mut total = 0usize;
        for count in &degree {
            fill.push(total);
            total += count;
        }
        let mut neighbours = vec![0u32; total];
        for (low, high) in pairs {
            neighbours[fill[low as usize]] = high;
            fill[low as usize] += 1;
            neighbours[fill[high as usize]] = low;
            fill[high as usize] += 1;
        }
        // Sort and deduplicate each row in place, compacting as we go, so
        // that a pair given twice counts once.
        let mut offsets = Vec::with_capacity(records + 1);
        let (mut read, mut write) = (0usize, 0usize);
        offsets.push(0);
        for count in degree.iter().take(records) {
            let row = &mut neighbours[read..read + count];
            row.sort_unstable();
            let mut previous = None;
            for index in 0..*count {
                let neighbour = neighbours[read + index];
                if previous != Some(neighbour) {
                    neighbours[write] = neighbour;
                    write += 1;
                    previous = Some(neighbour);
                }
            }
            read += count;
            offsets.push(write);
        }
        neighbours.truncate(write);
        neighbours.shrink_to_fit();
        SupportGraph {
            offsets,
            neighbours,
        }
    }

    /// The accepted pairs between the groups of roots `x` and `y`,
    /// counted up to `enough` (counting stops there), from the smaller
    /// group's side.
    pub(crate) fn count_between(
        &self,
        sets: &mut DisjointSets,
        x: u32,
        y: u32,
        enough: u64,
    ) -> u64 {
        let (small, other) = if sets.size(x) <= sets.size(y) {
            (x, y)
        } else {
            (y, x)
        };
        let mut count = 0u64;
        let mut member = small;
        loop {
            let row = self.offsets[member as usize]..self.offsets[member as usize + 1];
            for &neighbour in &self.neighbours[row] {
                if sets.find(neighbour) == other {
                    count += 1;
                    if count >= enough {
                        return count;
                    }
                }
            }
            member = sets.next_member(member);
            if member == small {
                return count;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::pair::ScoredPair;
    use crate::id::RecordIndex;

    fn edges(pairs: &[(usize, usize)]) -> Vec<EdgeKey> {
        pairs
            .iter()
            .map(|&(a, b)| {
                EdgeKey::of(
                    &ScoredPair::new(
                        RecordIndex::from_position(a),
                        RecordIndex::from_position(b),
                        crate::score::Score::from_probability(0.9),
                    ),
                    &[],
                )
            })
            .collect()
    }

    #[test]
    fn counts_pairs_between_groups_once() {
        // Groups {0, 1} and {2, 3}; 1-2 is given twice, 0-3 once.
        let graph = SupportGraph::new(5, &edges(&[(0, 1), (2, 1), (1, 2), (3, 0), (2, 3)]));
        assert_eq!(graph.offsets, [0, 2, 4, 6, 8, 8]);
        let mut sets = DisjointSets::new(5, None);
        let left = sets.union(0, 1);
        let right = sets.union(2, 3);
        assert_eq!(graph.count_between(&mut sets, left, right, u64::MAX), 2);
        assert_eq!(graph.count_between(&mut sets, right, left, 1), 1);
        assert_eq!(graph.count_between(&mut sets, left, 4, u64::MAX), 0);
    }
}
