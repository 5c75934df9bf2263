//! Records known to be different people: each record carries a label
//! (the name it gives its person), and some pairs of labels are known to
//! be two people (two names that list each other as co-inventors).
//! Clustering never joins a group holding one label of such a pair with
//! a group holding the other.

use ahash::AHashSet;

/// Labels of records, and the label pairs kept apart.
#[derive(Debug, Default)]
pub(crate) struct Apart {
    /// Per record, its label; [`NO_LABEL`] for none.
    labels: Vec<u32>,
    /// Per label, the labels kept apart from it, in one flat list
    /// (`partners[offsets[l]..offsets[l + 1]]`).
    offsets: Vec<u32>,
    partners: Vec<u32>,
}

/// A record without a label.
pub(crate) const NO_LABEL: u32 = u32::MAX;

impl Apart {
    /// The constraint from each record's label (`NO_LABEL` for none; labels
    /// below `label_count`) and `pairs` of labels kept apart (either
    /// order; a label is never kept apart from itself).
    pub(crate) fn new(labels: Vec<u32>, label_count: usize, pairs: &[(u32, u32)]) -> Apart {
        let valid = |pair: &&(u32, u32)| {
            let (a, b) = **pair;
            a != b && (a as usize) < label_count && (b as usize) < label_count
        };
        let mut offsets = vec![0u32; label_count + 1];
        for &(a, b) in pairs.iter().filter(valid) {
            offsets[a as usize + 1] += 1;
            offsets[b as usize + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut filled = offsets.clone();
        let mut partners = vec![0u32; offsets.last().copied().unwrap_or(0) as usize];
        for &(a, b) in pairs.iter().filter(valid) {
            for (from, to) in [(a, b), (b, a)] {
                let slot = &mut filled[from as usize];
                partners[*slot as usize] = to;
                *slot += 1;
            }
        }
        Apart {
            labels,
            offsets,
            partners,
        }
    }

    /// Whether nothing is kept apart.
    pub(crate) fn is_empty(&self) -> bool {
        self.partners.is_empty()
    }

    /// The labels kept apart from `label`.
    fn of(&self, label: u32) -> &[u32] {
        let at = label as usize;
        match (self.offsets.get(at), self.offsets.get(at + 1)) {
            (Some(&start), Some(&end)) => &self.partners[start as usize..end as usize],
            _ => &[],
        }
    }

    /// Whether a record of `xs` and one of `ys` carry labels kept apart
    /// (records by position).
    pub(crate) fn keeps_apart(&self, xs: &[u32], ys: &[u32]) -> bool {
        let label = |record: &u32| {
            self.labels
                .get(*record as usize)
                .copied()
                .filter(|&label| label != NO_LABEL)
        };
        let theirs: AHashSet<u32> = ys.iter().filter_map(label).collect();
        xs.iter()
            .filter_map(label)
            .any(|label| self.of(label).iter().any(|other| theirs.contains(other)))
    }

    /// Each of `records` records' group's labels, as singletons.
    pub(crate) fn groups(&self, records: usize) -> ApartGroups {
        if self.is_empty() {
            // Nothing to keep apart: no group needs its labels.
            return ApartGroups { labels: Vec::new() };
        }
        let labels = (0..records)
            .map(|record| match self.labels.get(record).copied() {
                Some(label) if label != NO_LABEL && !self.of(label).is_empty() => {
                    Some(std::iter::once(label).collect())
                }
                _ => None,
            })
            .collect();
        ApartGroups { labels }
    }
}

/// The labels (with partners) each group holds, by root.
#[derive(Debug)]
pub(crate) struct ApartGroups {
    labels: Vec<Option<AHashSet<u32>>>,
}

impl ApartGroups {
    /// Whether the groups of roots `x` and `y` hold two labels kept
    /// apart.
    pub(crate) fn separates(&self, apart: &Apart, x: u32, y: u32) -> bool {
        let (Some(Some(xs)), Some(Some(ys))) =
            (self.labels.get(x as usize), self.labels.get(y as usize))
        else {
            return false;
        };
        let (small, large) = if xs.len() <= ys.len() {
            (xs, ys)
        } else {
            (ys, xs)
        };
        small
            .iter()
            .any(|&label| apart.of(label).iter().any(|other| large.contains(other)))
    }

    /// Records that roots `x` and `y` were joined under `root` (one of
    /// them).
    pub(crate) fn join(&mut self, x: u32, y: u32, root: u32) {
        let child = if root == x { y } else { x };
        let Some(moved) = self.labels.get_mut(child as usize).and_then(Option::take) else {
            return;
        };
        match self.labels.get_mut(root as usize) {
            Some(Some(kept)) => {
                if kept.len() < moved.len() {
                    let small = std::mem::replace(kept, moved);
                    kept.extend(small);
                } else {
                    kept.extend(moved);
                }
            }
            Some(slot) => *slot = Some(moved),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_holding_labels_kept_apart_are_found_both_ways() {
        // Records 0 and 1 are named `a`, 2 `b`, 3 `c`; `a` and `b` are
        // two people.
        let apart = Apart::new(vec![0, 0, 1, 2, NO_LABEL], 3, &[(1, 0), (2, 2), (7, 0)]);
        assert_eq!(apart.of(0), [1]);
        assert_eq!(apart.of(1), [0]);
        assert!(apart.of(2).is_empty());
        let mut groups = apart.groups(5);
        assert!(groups.separates(&apart, 0, 2));
        assert!(groups.separates(&apart, 2, 1));
        assert!(!groups.separates(&apart, 0, 3));
        assert!(!groups.separates(&apart, 4, 2));
        groups.join(2, 3, 3);
        assert!(groups.separates(&apart, 3, 0));
        groups.join(0, 4, 0);
        assert!(groups.separates(&apart, 0, 3));
        assert!(Apart::default().is_empty());
        assert!(apart.keeps_apart(&[0, 3], &[2]));
        assert!(apart.keeps_apart(&[2], &[4, 1]));
        assert!(!apart.keeps_apart(&[0, 1], &[3, 4]));
        assert!(!Apart::default().keeps_apart(&[0], &[2]));
    }
}
