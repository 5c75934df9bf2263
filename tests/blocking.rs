//! Blocking through the public API: every pair satisfies a rule, no pair
//! twice, the union of rules is the union of their pairs, link mode only
//! crosses sources, the cap holds, incremental = batch, and results do
//! not depend on the thread count.

use std::collections::BTreeSet;

use proptest::prelude::*;
use sameas::block::{
    Blocker, BlockingIndex, BlockingKeys, BlockingOptions, KeyRule, KeyTransform, LinkMode,
    SortedNeighbourhood, TokenKeys, TokenMode, default_blockers,
};
use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};

const GIVEN: &[&str] = &[
    "Kelly", "Kely", "Bill", "William", "Ann", "Anne", "Bob", "Robert", "",
];
const FAMILY: &[&str] = &["Neal", "Neil", "Smith", "Smyth", "Jones", "O'Brien", ""];
const DOB: &[&str] = &[
    "1985-03-04",
    "1985-04-03",
    "3/4/85",
    "1990-12-01",
    "2023-02-30",
    "",
];
const EMAIL: &[&str] = &[
    "k.neal@gmail.com",
    "kneal@gmail.com",
    "bob@example.com",
    "not-an-email",
    "",
];

fn schema() -> Schema {
    Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("family", FieldKind::FamilyName)
        .field("dob", FieldKind::Date)
        .field("email", FieldKind::Email)
        .build()
        .expect("valid schema")
}

/// (source, given, family, dob, email) as indexes into the value lists.
type Row = (usize, usize, usize, usize, usize);

fn rows(max: usize) -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec(
        (
            0..3usize,
            0..GIVEN.len(),
            0..FAMILY.len(),
            0..DOB.len(),
            0..EMAIL.len(),
        ),
        0..max,
    )
}

fn store_of(rows: &[Row]) -> PreparedStore {
    let mut store = PreparedStore::new(schema());
    let sources = [
        store.add_source("crm", false).unwrap(),
        store.add_source("web", false).unwrap(),
        store.add_source("newsletter", true).unwrap(),
    ];
    // Ingest in runs per source, keeping row order.
    for (index, &(source, given, family, dob, email)) in rows.iter().enumerate() {
        let record = OwnedRecord::new(format!("r{index}"))
            .with("given", GIVEN[given])
            .with("family", FAMILY[family])
            .with("dob", DOB[dob])
            .with("email", EMAIL[email]);
        store.ingest(sources[source], &[record]).unwrap();
    }
    store
}

fn rules(schema: &Schema) -> Vec<Box<dyn Blocker>> {
    vec![
        Box::new(KeyRule::on(schema, &[("email", KeyTransform::Exact)]).unwrap()),
        Box::new(
            KeyRule::on(
                schema,
                &[
                    ("dob", KeyTransform::Exact),
                    ("family", KeyTransform::Soundex),
                ],
            )
            .unwrap(),
        ),
        Box::new(KeyRule::on(schema, &[("given", KeyTransform::FormalName)]).unwrap()),
        Box::new(TokenKeys::on(schema, "family", TokenMode::QGrams(2)).unwrap()),
    ]
}

/// A store of one CRM source whose records hold `values` in `field`, with
/// ids "0", "1", ...
fn one_field_store(schema: Schema, field: &str, values: &[&str]) -> PreparedStore {
    let mut store = PreparedStore::new(schema);
    let crm = store.add_source("crm", false).unwrap();
    let records: Vec<OwnedRecord> = values
        .iter()
        .enumerate()
        .map(|(i, value)| OwnedRecord::new(i.to_string()).with(field, *value))
        .collect();
    store.ingest(crm, &records).unwrap();
    store
}

/// The candidate pairs as pairs of record ids.
fn pair_ids<'a>(
    store: &'a PreparedStore,
    pairs: &[(RecordIndex, RecordIndex)],
) -> Vec<(&'a str, &'a str)> {
    pairs
        .iter()
        .map(|&(a, b)| (store.record(a).unwrap().id(), store.record(b).unwrap().id()))
        .collect()
}

fn keys_of(blocker: &dyn Blocker, store: &PreparedStore, index: RecordIndex) -> BTreeSet<Vec<u8>> {
    let mut keys = BlockingKeys::new();
    blocker.keys(&store.record(index).unwrap(), &mut keys);
    keys.iter().map(<[u8]>::to_vec).collect()
}

fn allowed(store: &PreparedStore, mode: LinkMode, a: RecordIndex, b: RecordIndex) -> bool {
    let (sa, sb) = (
        store.record(a).unwrap().source(),
        store.record(b).unwrap().source(),
    );
    let duplicate_free = store.source(sa).is_duplicate_free();
    match mode {
        LinkMode::Link => sa != sb,
        LinkMode::Dedup => sa == sb && !duplicate_free,
        LinkMode::DedupAndLink => sa != sb || !duplicate_free,
    }
}

/// All pairs sharing a key under any rule, by brute force.
fn brute_force(
    store: &PreparedStore,
    blockers: &[Box<dyn Blocker>],
    mode: LinkMode,
) -> Vec<(RecordIndex, RecordIndex)> {
    let records: Vec<RecordIndex> = store.records().map(|r| r.index()).collect();
    let mut pairs = Vec::new();
    for (i, &a) in records.iter().enumerate() {
        for &b in &records[i + 1..] {
            let shares = blockers.iter().any(|blocker| {
                !keys_of(blocker.as_ref(), store, a).is_disjoint(&keys_of(
                    blocker.as_ref(),
                    store,
                    b,
                ))
            });
            if shares && allowed(store, mode, a, b) {
                pairs.push((a, b));
            }
        }
    }
    pairs
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn pairs_are_exactly_the_pairs_sharing_a_key(rows in rows(40)) {
        let store = store_of(&rows);
        for mode in [LinkMode::Dedup, LinkMode::Link, LinkMode::DedupAndLink] {
            let index = BlockingIndex::build(&store, rules(store.schema()), BlockingOptions::new());
            let candidates = index.candidate_pairs(&store, mode);
            let pairs = candidates.pairs();
            // Sorted, distinct, ordered within the pair.
            prop_assert!(pairs.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(pairs.iter().all(|(a, b)| a < b));
            prop_assert_eq!(pairs.to_vec(), brute_force(&store, &rules(store.schema()), mode));
            prop_assert_eq!(candidates.stats().candidate_pairs, Some(pairs.len() as u64));
        }
    }

    #[test]
    fn the_union_of_rules_is_the_union_of_their_pairs(rows in rows(60)) {
        let store = store_of(&rows);
        let mode = LinkMode::DedupAndLink;
        let mut union = BTreeSet::new();
        for blocker in rules(store.schema()) {
            let index = BlockingIndex::build(&store, vec![blocker], BlockingOptions::new());
            union.extend(index.candidate_pairs(&store, mode).into_pairs());
        }
        let index = BlockingIndex::build(&store, rules(store.schema()), BlockingOptions::new());
        let all: BTreeSet<_> = index.candidate_pairs(&store, mode).into_pairs().into_iter().collect();
        prop_assert_eq!(all, union);
    }

    #[test]
    fn link_mode_pairs_cross_sources_and_dedup_mode_does_not(rows in rows(60)) {
        let store = store_of(&rows);
        let index = BlockingIndex::build(&store, default_blockers(store.schema()), BlockingOptions::new());
        let source = |i: RecordIndex| store.record(i).unwrap().source();
        for (a, b) in index.candidate_pairs(&store, LinkMode::Link).into_pairs() {
            prop_assert_ne!(source(a), source(b));
        }
        for (a, b) in index.candidate_pairs(&store, LinkMode::Dedup).into_pairs() {
            prop_assert_eq!(source(a), source(b));
            prop_assert!(!store.source(source(a)).is_duplicate_free());
        }
    }

    #[test]
    fn the_block_size_cap_is_honoured(rows in rows(60), cap in 2usize..6) {
        let store = store_of(&rows);
        let options = BlockingOptions::builder().max_block_size(cap).build().unwrap();
        let schema = store.schema().clone();
        let family = KeyRule::on(&schema, &[("family", KeyTransform::Exact)]).unwrap();
        let index = BlockingIndex::build(&store, vec![Box::new(family.clone())], options);
        let candidates = index.candidate_pairs(&store, LinkMode::DedupAndLink);
        // Every pair's block is within the cap.
        for &(a, b) in candidates.pairs() {
            let key = keys_of(&family, &store, a);
            let members = store.records().filter(|r| keys_of(&family, &store, r.index()) == key).count();
            prop_assert!(members <= cap, "block of {members} over cap {cap}");
            prop_assert_eq!(keys_of(&family, &store, b), key);
        }
        let stats = &candidates.stats().rules[0];
        prop_assert_eq!(stats.generated_pairs, Some(stats.estimated_pairs));
        prop_assert!(stats.largest_block <= cap as u64 || stats.skipped_blocks > 0);
    }

    #[test]
    fn incremental_inserts_and_removals_match_a_batch_build(rows in rows(50), split in 0usize..50) {
        let store = store_of(&rows);
        let batch = BlockingIndex::build(&store, rules(store.schema()), BlockingOptions::new());
        let expected = batch.candidate_pairs(&store, LinkMode::DedupAndLink).into_pairs();
        // Index nothing, then insert every record one at a time, out of order.
        let empty = PreparedStore::new(schema());
        let mut incremental = BlockingIndex::build(&empty, rules(store.schema()), BlockingOptions::new());
        let split = split.min(store.len());
        for record in store.records().skip(split).chain(store.records().take(split)) {
            incremental.insert(&record);
        }
        prop_assert_eq!(incremental.candidate_pairs(&store, LinkMode::DedupAndLink).into_pairs(), expected.clone());
        // Removing and re-inserting a record restores the pairs.
        let chosen = store.records().nth(split.min(store.len().saturating_sub(1))).map(|r| r.index());
        if let Some(chosen) = chosen {
            let record = store.record(chosen).unwrap();
            incremental.remove(&record);
            let without = incremental.candidate_pairs(&store, LinkMode::DedupAndLink).into_pairs();
            prop_assert!(without.iter().all(|&(a, b)| a != chosen && b != chosen));
            incremental.insert(&record);
            prop_assert_eq!(incremental.candidate_pairs(&store, LinkMode::DedupAndLink).into_pairs(), expected);
        }
    }

    #[test]
    fn estimates_equal_generated_pairs_for_a_single_key_rule(rows in rows(60)) {
        let store = store_of(&rows);
        let email = KeyRule::on(store.schema(), &[("email", KeyTransform::Exact)]).unwrap();
        let index = BlockingIndex::build(&store, vec![Box::new(email)], BlockingOptions::new());
        for mode in [LinkMode::Dedup, LinkMode::Link, LinkMode::DedupAndLink] {
            let before = index.estimate(&store, mode);
            let after = index.candidate_pairs(&store, mode);
            prop_assert_eq!(before.rules[0].estimated_pairs, after.pairs().len() as u64);
            prop_assert_eq!(before.candidate_pairs, None);
        }
    }
}

#[test]
fn sorted_neighbourhood_pairs_records_within_the_window() {
    let schema = schema();
    let by_family = KeyRule::on(&schema, &[("family", KeyTransform::Exact)]).unwrap();
    let neighbours = SortedNeighbourhood::new(by_family, 2).unwrap();
    let store = one_field_store(schema, "family", &["Neal", "Abbot", "Neil", "Nealy", "Zed"]);
    let index = BlockingIndex::build(&store, vec![Box::new(neighbours)], BlockingOptions::new());
    let candidates = index.candidate_pairs(&store, LinkMode::Dedup);
    let ids = pair_ids(&store, candidates.pairs());
    // Sorted: abbot(1) neal(0) nealy(3) neil(2) zed(4); window 2 pairs neighbours.
    assert_eq!(ids, [("0", "1"), ("0", "3"), ("2", "3"), ("2", "4")]);
    assert_eq!(candidates.stats().rules[0].estimated_pairs, 4);
}

#[test]
fn an_empty_store_and_no_blockers_give_no_pairs() {
    let store = PreparedStore::new(schema());
    let index = BlockingIndex::build(
        &store,
        default_blockers(store.schema()),
        BlockingOptions::new(),
    );
    let candidates = index.candidate_pairs(&store, LinkMode::DedupAndLink);
    assert!(candidates.pairs().is_empty());
    assert_eq!(candidates.stats().records, 0);
    let store = store_of(&[(0, 0, 0, 0, 0), (0, 0, 0, 0, 0)]);
    let none = BlockingIndex::build(&store, Vec::new(), BlockingOptions::new());
    assert!(
        none.candidate_pairs(&store, LinkMode::DedupAndLink)
            .pairs()
            .is_empty()
    );
}

#[test]
fn a_sentinel_value_shared_by_everyone_is_skipped_and_reported() {
    let schema = Schema::builder()
        .field("email", FieldKind::Email)
        .build()
        .unwrap();
    let rule = KeyRule::on(&schema, &[("email", KeyTransform::Exact)]).unwrap();
    let mut store = PreparedStore::new(schema);
    let crm = store.add_source("crm", false).unwrap();
    let mut records: Vec<OwnedRecord> = (0..5000)
        .map(|i| OwnedRecord::new(i.to_string()).with("email", "office@example.com"))
        .collect();
    records.push(OwnedRecord::new("a").with("email", "kelly@example.com"));
    records.push(OwnedRecord::new("b").with("email", "Kelly@Example.com"));
    store.ingest(crm, &records).unwrap();
    let index = BlockingIndex::build(
        &store,
        vec![Box::new(rule)],
        BlockingOptions::builder()
            .max_block_size(100)
            .build()
            .unwrap(),
    );
    let candidates = index.candidate_pairs(&store, LinkMode::Dedup);
    assert_eq!(candidates.pairs().len(), 1);
    let stats = &candidates.stats().rules[0];
    assert_eq!((stats.skipped_blocks, stats.skipped_records), (1, 5000));
    assert_eq!(stats.skipped_pairs, 5000 * 4999 / 2);
    assert_eq!(stats.largest_block, 5000);
    assert_eq!(candidates.stats().largest_blocks[0].size, 5000);
    assert!(candidates.stats().largest_blocks[0].skipped);
    assert!(
        candidates
            .stats()
            .to_string()
            .contains("1 blocks over the cap skipped (5000 records")
    );
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let rows: Vec<Row> = (0..400)
        .map(|i| (i % 3, i % 9, (i / 3) % 7, (i / 7) % 6, (i / 11) % 5))
        .collect();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let store = store_of(&rows);
            let index = BlockingIndex::build(
                &store,
                default_blockers(store.schema()),
                BlockingOptions::new(),
            );
            let candidates = index.candidate_pairs(&store, LinkMode::DedupAndLink);
            (candidates.pairs().to_vec(), candidates.stats().clone())
        })
    };
    let one = run(1);
    assert!(!one.0.is_empty());
    assert_eq!(one, run(4));
}

/// A blocker whose keys are weak evidence in big groups: its own cap.
struct CityCapped(sameas::FieldId);

impl Blocker for CityCapped {
    fn name(&self) -> String {
        "city, capped".into()
    }

    fn keys(&self, record: &sameas::PreparedRecord<'_>, keys: &mut BlockingKeys) {
        if let Some(city) = record.text(self.0) {
            keys.push(city.as_bytes());
        }
    }

    fn max_block_size(&self) -> Option<usize> {
        Some(2)
    }
}

#[test]
fn a_blocker_may_cap_its_own_blocks_below_the_index_cap() {
    let schema = Schema::builder()
        .field("city", FieldKind::City)
        .build()
        .unwrap();
    let city = schema.field_id("city").unwrap();
    let store = one_field_store(schema, "city", &["Leeds", "Leeds", "Leeds", "York", "York"]);
    let index = BlockingIndex::build(
        &store,
        vec![Box::new(CityCapped(city))],
        BlockingOptions::new(),
    );
    let candidates = index.candidate_pairs(&store, LinkMode::Dedup);
    let ids = pair_ids(&store, candidates.pairs());
    assert_eq!(ids, [("3", "4")]);
    let stats = &candidates.stats().rules[0];
    assert_eq!(
        (
            stats.skipped_blocks,
            stats.skipped_records,
            stats.skipped_pairs
        ),
        (1, 3, 3)
    );
    assert!(candidates.stats().largest_blocks[0].skipped);
}

#[test]
fn an_index_used_with_a_smaller_store_pairs_only_what_that_store_holds() {
    let schema = Schema::builder()
        .field("city", FieldKind::City)
        .build()
        .unwrap();
    let big = one_field_store(schema.clone(), "city", &["Leeds", "Leeds", "Leeds", "York"]);
    let small = one_field_store(schema.clone(), "city", &["Leeds", "Leeds"]);
    let rule = KeyRule::on(&schema, &[("city", KeyTransform::Exact)]).unwrap();
    let index = BlockingIndex::build(&big, vec![Box::new(rule)], BlockingOptions::new());
    let candidates = index.candidate_pairs(&small, LinkMode::Dedup);
    assert_eq!(pair_ids(&small, candidates.pairs()), [("0", "1")]);
    assert_eq!(candidates.stats().rules[0].estimated_pairs, 1);
}

#[test]
fn the_candidate_budget_counts_records_and_pairs_over_it_exactly() {
    // Two rules under the index's cap of 3: six records, family `smith`
    // x4 (records 0-3, over the cap), city `leeds` x4 (records 2-5, over
    // the cap), `york` x2 (records 0 and 1).
    let schema = Schema::builder()
        .field("family", FieldKind::FamilyName)
        .field("city", FieldKind::City)
        .build()
        .unwrap();
    let rows = [
        ("smith", "york"),
        ("smith", "york"),
        ("smith", "leeds"),
        ("smith", "leeds"),
        ("jones", "leeds"),
        ("brown", "leeds"),
    ];
    let mut store = PreparedStore::new(schema.clone());
    let crm = store.add_source("crm", false).unwrap();
    let records: Vec<OwnedRecord> = rows
        .iter()
        .enumerate()
        .map(|(i, (family, city))| {
            OwnedRecord::new(i.to_string())
                .with("family", *family)
                .with("city", *city)
        })
        .collect();
    store.ingest(crm, &records).unwrap();
    let family = KeyRule::on(&schema, &[("family", KeyTransform::Exact)]).unwrap();
    let city = KeyRule::on(&schema, &[("city", KeyTransform::Exact)]).unwrap();
    let options = BlockingOptions::builder()
        .max_block_size(3)
        .build()
        .unwrap();
    let index = BlockingIndex::build(&store, vec![Box::new(family), Box::new(city)], options);
    let candidates = index.candidate_pairs(&store, LinkMode::Dedup);
    let stats = candidates.stats();
    assert_eq!(
        stats.rules.iter().map(|rule| rule.cap).collect::<Vec<_>>(),
        [3, 3]
    );
    // Each rule gives a record at most 2 candidates per key.
    assert_eq!(stats.candidate_budget, 4);
    // `smith` (records 0-3) and `leeds` (2-5) are over the cap: all six
    // records met the budget; 6 + 6 pairs skipped; `york` gives (0, 1).
    assert_eq!(stats.records_over_budget, 6);
    assert_eq!(stats.skipped_pairs, 12);
    assert_eq!(candidates.pairs().len(), 1);
    assert!(
        stats
            .to_string()
            .contains("budget 4 candidates per record: 6 records over it, 12 pairs skipped")
    );
    // A larger cap: nothing over it.
    let family = KeyRule::on(&schema, &[("family", KeyTransform::Exact)]).unwrap();
    let index = BlockingIndex::build(&store, vec![Box::new(family)], BlockingOptions::new());
    let stats = index.estimate(&store, LinkMode::Dedup);
    assert_eq!(
        (
            stats.candidate_budget,
            stats.records_over_budget,
            stats.skipped_pairs
        ),
        (299, 0, 0)
    );
}

#[test]
fn a_names_and_date_schema_finds_pairs_whose_one_field_is_wrong() {
    // Issue 10: with given + family name + date of birth, every rule used
    // to require the exact date. One wrong field (the date, the given
    // name, the family name, or typos in both names) still meets.
    let schema = Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("family", FieldKind::FamilyName)
        .field("dob", FieldKind::Date)
        .build()
        .unwrap();
    let rows = [
        ("0", "Kelly", "Neal", "1985-03-04"),
        ("1", "Kelly", "Neal", "1979-11-20"),    // wrong date
        ("2", "Kelly", "Brennan", "1985-03-04"), // another family name
        ("3", "Kely", "Neil", "1985-03-04"),     // both names mistyped
        ("4", "Hans", "Schmitt", "1945-08-14"),  // unrelated
        ("5", "Ann", "Lee", "1962-01-30"),       // unrelated
    ];
    let mut store = PreparedStore::new(schema.clone());
    let crm = store.add_source("crm", false).unwrap();
    let records: Vec<OwnedRecord> = rows
        .iter()
        .map(|(id, given, family, dob)| {
            OwnedRecord::new(*id)
                .with("given", *given)
                .with("family", *family)
                .with("dob", *dob)
        })
        .collect();
    store.ingest(crm, &records).unwrap();
    let index = BlockingIndex::build(&store, default_blockers(&schema), BlockingOptions::new());
    let candidates = index.candidate_pairs(&store, LinkMode::Dedup);
    let pairs: BTreeSet<(usize, usize)> = candidates
        .pairs()
        .iter()
        .map(|&(a, b)| (a.get(), b.get()))
        .collect();
    for wrong_one in [(0, 1), (0, 2), (0, 3)] {
        assert!(pairs.contains(&wrong_one), "{wrong_one:?} in {pairs:?}");
    }
    assert!(pairs.iter().all(|&(a, b)| a < 4 && b < 4), "{pairs:?}");
}
