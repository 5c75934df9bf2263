//! Pairs for training: random pairs (for u) and how many pairs a link
//! mode allows (for the prior).

use crate::block::LinkMode;
use crate::block::index::PairFilter;
use crate::error::BuildError;
use crate::id::{RecordIndex, SourceId};
use crate::prepare::PreparedStore;
use crate::rng::Rng;

/// The random stream of u sampling (a training seed may drive others).
const U_STREAM: u64 = 0x75_7361_6d70;

/// The most pairs a trainer samples at random or takes per training
/// rule: each sampled pair is kept with its comparison levels, so ten
/// million already take hundreds of megabytes, and more barely move the
/// estimates (see [`Trainer::random_pairs`](super::Trainer::random_pairs)).
///
/// # Examples
///
/// ```
/// assert_eq!(sameas::matcher::MAX_TRAINING_PAIRS, 10_000_000);
/// ```
pub const MAX_TRAINING_PAIRS: usize = 10_000_000;

/// Refuses sample sizes past [`MAX_TRAINING_PAIRS`].
pub(crate) fn check_pair_counts(
    random_pairs: usize,
    pairs_per_rule: usize,
) -> Result<(), BuildError> {
    for (name, value) in [
        ("random_pairs", random_pairs),
        ("pairs_per_rule", pairs_per_rule),
    ] {
        if value > MAX_TRAINING_PAIRS {
            return Err(BuildError::InvalidParameter {
                name,
                reason: format!("{value} is above the most, {MAX_TRAINING_PAIRS}"),
            });
        }
    }
    Ok(())
}

/// Up to `count` random pairs that `mode` allows (drawn with
/// replacement; the same seed gives the same pairs). Fewer come back when
/// the mode allows few pairs: draws stop after 64 tries per pair wanted.
pub(crate) fn random_pairs(
    store: &PreparedStore,
    mode: LinkMode,
    count: usize,
    seed: u64,
) -> Vec<(RecordIndex, RecordIndex)> {
    let records = store.len();
    if records < 2 || count == 0 {
        return Vec::new();
    }
    let filter = PairFilter::new(store, mode);
    // Draws pick positions in an order of the records that does not
    // depend on the order they were ingested in.
    let keys = store.canonical_keys();
    let mut order: Vec<(u64, usize)> = keys.iter().copied().zip(0..records).collect();
    order.sort_unstable();
    let mut rng = Rng::new(seed, U_STREAM);
    // Grown as drawn: a large `count` the mode cannot fill costs nothing.
    let mut pairs = Vec::with_capacity(count.min(1 << 16));
    let tries = count.saturating_mul(64);
    for _ in 0..tries {
        let (a, b) = (order[rng.below(records)].1, order[rng.below(records)].1);
        if a == b {
            continue;
        }
        let (a, b) = (
            RecordIndex::from_position(a.min(b)),
            RecordIndex::from_position(a.max(b)),
        );
        if filter.allows(a, b) {
            pairs.push((a, b));
            if pairs.len() == count {
                break;
            }
        }
    }
    pairs
}

/// How many pairs of records `mode` allows in the store.
pub(crate) fn allowed_pair_count(store: &PreparedStore, mode: LinkMode) -> f64 {
    let sizes: Vec<f64> = (0..store.sources().len())
        .map(|source| store.source_len(SourceId(source as u16)) as f64)
        .collect();
    let within: f64 = (0..sizes.len())
        .map(|source| {
            let source = SourceId(source as u16);
            allowed_pairs_between(store, mode, source, source)
        })
        .sum();
    let total: f64 = sizes.iter().sum();
    let across = if mode.across() {
        (total * total - sizes.iter().map(|n| n * n).sum::<f64>()) / 2.0
    } else {
        0.0
    };
    within + across
}

/// How many pairs of records `mode` allows between sources `a` and `b`
/// (within one when they are the same, none within a duplicate-free
/// source).
pub(crate) fn allowed_pairs_between(
    store: &PreparedStore,
    mode: LinkMode,
    a: SourceId,
    b: SourceId,
) -> f64 {
    let n = |source: SourceId| store.source_len(source) as f64;
    if a != b {
        return if mode.across() { n(a) * n(b) } else { 0.0 };
    }
    if mode.within() && !store.source(a).is_duplicate_free() {
        n(a) * (n(a) - 1.0) / 2.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::OwnedRecord;
    use crate::schema::{FieldKind, Schema};

    fn store() -> PreparedStore {
        let schema = Schema::builder()
            .field("name", FieldKind::FullName)
            .build()
            .unwrap();
        let mut store = PreparedStore::new(schema);
        let crm = store.add_source("crm", false).unwrap();
        let list = store.add_source("list", true).unwrap();
        let records = |n: usize| {
            (0..n)
                .map(|i| OwnedRecord::new(i.to_string()).with("name", "x"))
                .collect::<Vec<_>>()
        };
        store.ingest(crm, &records(4)).unwrap();
        store.ingest(list, &records(3)).unwrap();
        store
    }

    #[test]
    fn pair_counts_follow_the_mode() {
        let store = store();
        assert_eq!(allowed_pair_count(&store, LinkMode::Dedup), 6.0);
        assert_eq!(allowed_pair_count(&store, LinkMode::Link), 12.0);
        assert_eq!(allowed_pair_count(&store, LinkMode::DedupAndLink), 18.0);
    }

    #[test]
    fn random_pairs_are_reproducible_and_allowed() {
        let store = store();
        let pairs = random_pairs(&store, LinkMode::Link, 100, 7);
        assert_eq!(pairs.len(), 100);
        assert_eq!(pairs, random_pairs(&store, LinkMode::Link, 100, 7));
        assert_ne!(pairs, random_pairs(&store, LinkMode::Link, 100, 8));
        let sources: Vec<_> = store.records().map(|record| record.source()).collect();
        assert!(
            pairs
                .iter()
                .all(|&(a, b)| a < b && sources[a.get()] != sources[b.get()])
        );
        let dedup = random_pairs(&store, LinkMode::Dedup, 50, 7);
        assert!(dedup.iter().all(|&(a, b)| b.get() < 4 && a < b));
    }

    #[test]
    fn random_pairs_do_not_depend_on_the_ingestion_order() {
        let schema = Schema::builder()
            .field("name", FieldKind::FullName)
            .build()
            .unwrap();
        let ids: Vec<String> = (0..50).map(|i| format!("r{i}")).collect();
        let store_of = |ids: &[String]| {
            let mut store = PreparedStore::new(schema.clone());
            let crm = store.add_source("crm", false).unwrap();
            let records: Vec<_> = ids.iter().map(OwnedRecord::new).collect();
            store.ingest(crm, &records).unwrap();
            store
        };
        let reversed: Vec<String> = ids.iter().rev().cloned().collect();
        let named = |store: &PreparedStore| {
            let mut pairs: Vec<(String, String)> = random_pairs(store, LinkMode::Dedup, 200, 3)
                .into_iter()
                .map(|(a, b)| {
                    let (x, y) = (store.record(a).unwrap().id(), store.record(b).unwrap().id());
                    (x.min(y).to_string(), x.max(y).to_string())
                })
                .collect();
            pairs.sort();
            pairs
        };
        assert_eq!(named(&store_of(&ids)), named(&store_of(&reversed)));
    }

    #[test]
    fn impossible_modes_give_no_pairs_without_spinning_forever() {
        let schema = Schema::builder()
            .field("name", FieldKind::FullName)
            .build()
            .unwrap();
        let mut store = PreparedStore::new(schema);
        let crm = store.add_source("crm", false).unwrap();
        store
            .ingest(crm, &[OwnedRecord::new("1"), OwnedRecord::new("2")])
            .unwrap();
        assert!(random_pairs(&store, LinkMode::Link, 1000, 1).is_empty());
        assert_eq!(random_pairs(&store, LinkMode::Dedup, 3, 1).len(), 3);
    }
}
