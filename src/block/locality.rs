//! The order to read candidate pairs in so that the records they read
//! stay in the cache (see [`locality_order`]).

use crate::id::RecordIndex;

/// Stretches of `pairs` that share their first record (candidate pairs
/// come sorted, so each record's pairs with the records after it are
/// one stretch; any order works, with shorter stretches).
pub(crate) struct Runs {
    /// Run `r` is `pairs[bounds[r]..bounds[r + 1]]`.
    bounds: Vec<usize>,
}

impl Runs {
    pub(crate) fn of(pairs: &[(RecordIndex, RecordIndex)]) -> Runs {
        let mut bounds = vec![0];
        bounds.extend(
            (1..pairs.len())
                .filter(|&position| pairs[position].0 != pairs[position - 1].0)
                .chain((!pairs.is_empty()).then_some(pairs.len())),
        );
        Runs { bounds }
    }

    pub(crate) fn len(&self) -> usize {
        self.bounds.len() - 1
    }

    pub(crate) fn range(&self, run: usize) -> std::ops::Range<usize> {
        self.bounds[run]..self.bounds[run + 1]
    }
}

/// The order to score `runs` in: the runs in order, each one not placed
/// yet followed at once by the first run of each record it pairs with,
/// if not placed yet (one level: a run so brought forward does not bring
/// its own partners'; with unsorted pairs a record's later runs keep
/// their place). The pairs of one
/// block (records sharing a key) then come together, and the records
/// they read stay in the cache from one run to the next, where in store
/// order each run reads records scattered over the whole store (on
/// 132,848 generated patent inventors, 7.3 million pairs, scoring takes
/// 0.67-0.79 of the time it took in store order). The order depends on
/// the pairs and `records` only (a record at or past `records` brings no
/// run).
pub(crate) fn locality_order(
    pairs: &[(RecordIndex, RecordIndex)],
    runs: &Runs,
    records: usize,
) -> Vec<usize> {
    const NONE: usize = usize::MAX;
    // Each record's first run.
    let mut run_of = vec![NONE; records];
    for run in (0..runs.len()).rev() {
        let first = pairs[runs.range(run).start].0.get();
        if let Some(slot) = run_of.get_mut(first) {
            *slot = run;
        }
    }
    let mut placed = vec![false; runs.len()];
    let mut order = Vec::with_capacity(runs.len());
    for run in 0..runs.len() {
        if std::mem::replace(&mut placed[run], true) {
            continue;
        }
        order.push(run);
        for &(_, b) in &pairs[runs.range(run)] {
            let next = run_of.get(b.get()).copied().unwrap_or(NONE);
            if next != NONE && !std::mem::replace(&mut placed[next], true) {
                order.push(next);
            }
        }
    }
    order
}

/// `pairs` in [`locality_order`], after sorting them (a sample drawn
/// at random holds no stretches of one record's pairs until sorted):
/// for work over pairs whose result does not depend on their order
/// (training's pattern counts).
pub(crate) fn in_locality_order(
    pairs: &[(RecordIndex, RecordIndex)],
    records: usize,
) -> Vec<(RecordIndex, RecordIndex)> {
    let mut sorted = pairs.to_vec();
    crate::par::sort_unstable(&mut sorted);
    let runs = Runs::of(&sorted);
    locality_order(&sorted, &runs, records)
        .into_iter()
        .flat_map(|run| sorted[runs.range(run)].iter().copied())
        .collect()
}

/// Pairs of record positions as record indices (for tests).
#[cfg(test)]
pub(crate) fn pairs(list: &[(usize, usize)]) -> Vec<(RecordIndex, RecordIndex)> {
    list.iter()
        .map(|&(a, b)| (RecordIndex::from_position(a), RecordIndex::from_position(b)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_follow_the_records_they_pair_with() {
        // Records 0, 5, 9 form one block, 1 and 7 another.
        let pairs = pairs(&[(0, 5), (0, 9), (1, 7), (5, 9), (7, 8)]);
        let runs = Runs::of(&pairs);
        assert_eq!(runs.bounds, [0, 2, 3, 4, 5]);
        // Run 0 (record 0) brings record 5's run (2); run 1 (record 1)
        // brings record 7's (3).
        assert_eq!(locality_order(&pairs, &runs, 10), [0, 2, 1, 3]);
    }

    #[test]
    fn unsorted_pairs_and_records_out_of_the_store_are_ordered_too() {
        // Records 3 and 1 pair, as do 4 and 0; record 12 and 40 are
        // out of a store of 5.
        let pairs = pairs(&[(3, 1), (4, 0), (1, 3), (0, 2), (12, 1), (1, 40)]);
        let runs = Runs::of(&pairs);
        assert_eq!(runs.len(), 6);
        assert_eq!(locality_order(&pairs, &runs, 5), [0, 2, 1, 3, 4, 5]);
        assert_eq!(Runs::of(&[]).len(), 0);
        assert!(locality_order(&[], &Runs::of(&[]), 0).is_empty());
    }

    #[test]
    fn a_sample_is_sorted_then_ordered_and_keeps_every_pair() {
        let given = pairs(&[(5, 9), (1, 7), (0, 9), (7, 8), (0, 5)]);
        let ordered = in_locality_order(&given, 10);
        assert_eq!(ordered, pairs(&[(0, 5), (0, 9), (5, 9), (1, 7), (7, 8)]));
        assert!(in_locality_order(&[], 0).is_empty());
    }
}
