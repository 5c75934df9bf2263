//! Union-find over record positions that also knows each group's size,
//! its members (a ring through `next`) and its duplicate-free sources.

use smallvec::SmallVec;

/// The duplicate-free sources a group holds a record of, sorted.
/// Almost every group holds none or one, so they stay inline.
pub(crate) type SourceSet = SmallVec<[u16; 4]>;

/// Disjoint sets with union by size and path halving; no recursion.
#[derive(Debug)]
pub(crate) struct DisjointSets {
    parent: Vec<u32>,
    size: Vec<u32>,
    /// Each group's members form a ring: `next` of a member is another
    /// member, and following it visits them all once.
    next: Vec<u32>,
    /// Per root; empty when the constraint is off.
    duplicate_free: Vec<SourceSet>,
}

impl DisjointSets {
    /// `len` singletons; `duplicate_free_source(i)` names the
    /// duplicate-free source of record `i`, if any.
    pub(crate) fn new(
        len: usize,
        duplicate_free_source: Option<&dyn Fn(usize) -> Option<u16>>,
    ) -> Self {
        // Record positions fit u32: the store numbers records with u32.
        let positions = || (0..len).map(|position| position as u32);
        DisjointSets {
            parent: positions().collect(),
            size: vec![1; len],
            next: positions().collect(),
            duplicate_free: match duplicate_free_source {
                Some(source_of) => (0..len)
                    .map(|position| source_of(position).into_iter().collect())
                    .collect(),
                None => Vec::new(),
            },
        }
    }

    /// The root of `node`'s group.
    pub(crate) fn find(&mut self, mut node: u32) -> u32 {
        loop {
            let parent = self.parent[node as usize];
            if parent == node {
                return node;
            }
            let grandparent = self.parent[parent as usize];
            self.parent[node as usize] = grandparent;
            node = grandparent;
        }
    }

    /// The size of the group whose root is `root`.
    pub(crate) fn size(&self, root: u32) -> u32 {
        self.size[root as usize]
    }

    /// The members of `root`'s group, `root` first.
    #[cfg(test)]
    pub(crate) fn members(&self, root: u32) -> Members<'_> {
        Members {
            next: &self.next,
            start: root,
            current: Some(root),
        }
    }

    /// The member after `member` in its group's ring.
    pub(crate) fn next_member(&self, member: u32) -> u32 {
        self.next[member as usize]
    }

    /// A duplicate-free source both groups hold a record of, if any.
    pub(crate) fn shared_duplicate_free_source(&self, x: u32, y: u32) -> Option<u16> {
        let (xs, ys) = (
            self.duplicate_free.get(x as usize)?,
            self.duplicate_free.get(y as usize)?,
        );
        xs.iter()
            .find(|source| ys.binary_search(source).is_ok())
            .copied()
    }

    /// Joins the groups of roots `x` and `y` (which differ); returns the
    /// new root: the larger group's, on a tie the lower position.
    pub(crate) fn union(&mut self, x: u32, y: u32) -> u32 {
        let (x_size, y_size) = (self.size[x as usize], self.size[y as usize]);
        let (root, child) = if x_size > y_size || (x_size == y_size && x < y) {
            (x, y)
        } else {
            (y, x)
        };
        self.parent[child as usize] = root;
        self.size[root as usize] = x_size + y_size;
        // Splicing two rings: swapping one successor of each joins them.
        self.next.swap(root as usize, child as usize);
        if !self.duplicate_free.is_empty() {
            let moved = std::mem::take(&mut self.duplicate_free[child as usize]);
            if !moved.is_empty() {
                let kept = &mut self.duplicate_free[root as usize];
                kept.extend(moved);
                kept.sort_unstable();
                kept.dedup();
            }
        }
        root
    }
}

/// The members of one group (see [`DisjointSets::members`]).
#[cfg(test)]
pub(crate) struct Members<'a> {
    next: &'a [u32],
    start: u32,
    current: Option<u32>,
}

#[cfg(test)]
impl Iterator for Members<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let member = self.current?;
        let following = self.next[member as usize];
        self.current = (following != self.start).then_some(following);
        Some(member)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unions_keep_sizes_members_and_sources() {
        let source_of = |position: usize| (position % 3 == 0).then_some(7u16);
        let mut sets = DisjointSets::new(6, Some(&source_of));
        let a = sets.union(1, 2);
        assert_eq!(a, 1);
        let b = sets.union(4, 5);
        assert_eq!(b, 4);
        let (two, five) = (sets.find(2), sets.find(5));
        let root = sets.union(two, five);
        assert_eq!(root, 1);
        assert_eq!(sets.size(root), 4);
        let mut members: Vec<u32> = sets.members(root).collect();
        members.sort_unstable();
        assert_eq!(members, [1, 2, 4, 5]);
        assert_eq!(sets.find(5), 1);
        // Records 0 and 3 belong to the duplicate-free source 7.
        assert_eq!(sets.shared_duplicate_free_source(0, 3), Some(7));
        assert_eq!(sets.shared_duplicate_free_source(0, root), None);
        let joined = sets.union(0, root);
        assert_eq!(sets.shared_duplicate_free_source(joined, 3), Some(7));
        assert_eq!(sets.members(3).collect::<Vec<_>>(), [3]);
    }

    #[test]
    fn long_chains_need_no_recursion() {
        let len = 200_000;
        let mut sets = DisjointSets::new(len, None);
        for position in 1..len as u32 {
            // Attach each new singleton to the group: a worst case for
            // naive unions, handled by union by size.
            let root = sets.find(position - 1);
            sets.union(root, position);
        }
        let root = sets.find(0);
        assert_eq!(sets.size(root), len as u32);
        assert_eq!(sets.members(root).count(), len);
        assert_eq!(sets.shared_duplicate_free_source(0, 1), None);
    }
}
