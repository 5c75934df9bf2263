//! Adversarial distributions (issue 13, resource limits): one value in
//! every record, one giant household, columns without a value, every
//! record identical. Each finishes with a defined result and the skipped
//! work reported: with a given model, exact entities; trained without
//! labels, either a model or the typed error that says training cannot
//! find pairs to learn from.

use sameas::matcher::{Comparison, FellegiSunter, LevelTest, ModelError};
use sameas::resolve::{Resolution, Resolver};
use sameas::{Error, FieldKind, OwnedRecord, Schema};

fn schema() -> Schema {
    Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("family", FieldKind::FamilyName)
        .field("email", FieldKind::Email)
        .field("phone", FieldKind::Phone)
        .field("address", FieldKind::Address)
        .field("city", FieldKind::City)
        .build()
        .expect("schema")
}

const GIVEN: [&str; 8] = ["Ann", "Bob", "Cy", "Dee", "Eve", "Fay", "Gus", "Hal"];

/// A model that accepts exact agreement on e-mail or on phone.
fn model() -> FellegiSunter {
    let schema = schema();
    let mut comparisons = Vec::new();
    for field in ["email", "phone"] {
        let mut exact = Comparison::new(&schema, field, &[LevelTest::Exact]).expect("comparison");
        exact
            .set_probabilities(0, 0.95, 0.0001)
            .expect("probabilities");
        exact
            .set_probabilities(1, 0.05, 0.9999)
            .expect("probabilities");
        comparisons.push(exact);
    }
    FellegiSunter::new(&schema, 0.001, comparisons).expect("model")
}

fn resolve_with(
    records: &[OwnedRecord],
    given: Option<FellegiSunter>,
) -> Result<Resolution, Error> {
    let mut resolver = Resolver::new(schema());
    match given {
        Some(model) => {
            resolver.model(model);
        }
        None => {
            resolver.configure_training(|trainer| {
                trainer.random_pairs(20_000).pairs_per_rule(20_000);
            });
        }
    }
    resolver.add_source("crm", false, records)?;
    resolver.resolve()
}

fn resolve(records: &[OwnedRecord]) -> Result<Resolution, Error> {
    resolve_with(records, Some(model()))
}

/// Training without labels on `records` says it has no pairs to learn
/// from (every training rule's blocks are over the size cap or hold one
/// record), a typed error rather than a model of nothing.
fn training_cannot_learn(records: &[OwnedRecord]) {
    assert_eq!(
        resolve_with(records, None).err(),
        Some(Error::Model(ModelError::NoTrainingPairs(
            "no training rule blocks any pair of records".into()
        )))
    );
}

#[test]
fn one_value_in_every_record() {
    // Every record in the same city, otherwise distinct people.
    let records: Vec<OwnedRecord> = (0..3_000)
        .map(|i| {
            OwnedRecord::new(i.to_string())
                .with("given", GIVEN[i % 8])
                .with("family", format!("Family{}", i / 8))
                .with("email", format!("p{i}@example.com"))
                .with("city", "Springfield")
        })
        .collect();
    let resolution = resolve(&records).expect("resolve");
    let stats = resolution.stats();
    assert_eq!(stats.records, 3_000);
    assert!(stats.skipped_blocks >= 1, "{stats}");
    assert_eq!(stats.entities, 3_000, "{stats}");
    training_cannot_learn(&records);
}

#[test]
fn one_giant_household() {
    // 2,000 people at one address with one phone and family name.
    let records: Vec<OwnedRecord> = (0..2_000)
        .map(|i| {
            OwnedRecord::new(i.to_string())
                .with("given", format!("{}{}", GIVEN[i % 8], i))
                .with("family", "Smith")
                .with("phone", "+1 555 010 2030")
                .with("address", "1 Main Street")
                .with("email", format!("p{i}@example.com"))
        })
        .collect();
    let resolution = resolve(&records).expect("resolve");
    let stats = resolution.stats();
    // One shared phone: every pair is accepted, and the chain guard's
    // size limit keeps the household from one entity of 2,000.
    assert!(stats.largest_entity <= 64, "{stats}");
    assert!(stats.skipped_blocks >= 1, "{stats}");
    training_cannot_learn(&records);
}

#[test]
fn columns_without_a_value() {
    let records: Vec<OwnedRecord> = (0..2_000)
        .map(|i| OwnedRecord::new(i.to_string()).with("email", format!("p{}@example.com", i / 2)))
        .collect();
    let resolution = resolve(&records).expect("resolve");
    let stats = resolution.stats();
    assert_eq!(
        stats.absent_fields,
        ["given", "family", "phone", "address", "city"]
    );
    assert_eq!(stats.entities, 1_000, "{stats}");
}

#[test]
fn every_record_identical() {
    let record = OwnedRecord::without_id()
        .with("given", "Ann")
        .with("family", "Lee")
        .with("email", "ann@example.com")
        .with("phone", "+1 555 010 2030");
    let records = vec![record; 2_000];
    let resolution = resolve(&records).expect("resolve");
    let stats = resolution.stats();
    assert_eq!(
        (stats.entities, stats.identical_pairs_added),
        (1, 1_999),
        "{stats}"
    );
    training_cannot_learn(&records);
}

/// The limits at work, with blockers, block cap and cluster options
/// given (so that the figures depend on the limits, not on the default
/// rules a schema gets): exact counts of what was skipped, refused and
/// reported.
mod limits {
    use super::*;
    use sameas::block::{BlockingOptions, KeyRule, KeyTransform};
    use sameas::cluster::ClusterOptions;

    const CAP: usize = 300;
    const SIZE_LIMIT: usize = 40;

    fn resolve_limited(records: &[OwnedRecord], keys: &[&str]) -> Resolution {
        let schema = schema();
        let mut resolver = Resolver::new(schema.clone());
        resolver
            .model(model())
            .blockers(
                keys.iter()
                    .map(|field| {
                        Box::new(
                            KeyRule::on(&schema, &[(*field, KeyTransform::Exact)]).expect("rule"),
                        ) as Box<dyn sameas::block::Blocker>
                    })
                    .collect(),
            )
            .blocking_options(
                BlockingOptions::builder()
                    .max_block_size(CAP)
                    .build()
                    .expect("blocking"),
            )
            .cluster_options(
                ClusterOptions::builder()
                    .size_limit(SIZE_LIMIT)
                    .build()
                    .expect("cluster"),
            );
        resolver.add_source("crm", false, records).expect("source");
        resolver.resolve().expect("resolve")
    }

    fn pairs(n: u64) -> u64 {
        n * (n - 1) / 2
    }

    #[test]
    fn one_value_in_every_record_skips_its_block_and_says_how_many_pairs() {
        let records: Vec<OwnedRecord> = (0..3_000)
            .map(|i| {
                OwnedRecord::new(i.to_string())
                    .with("given", GIVEN[i % 8])
                    .with("email", format!("p{i}@example.com"))
                    .with("city", "Springfield")
            })
            .collect();
        let resolution = resolve_limited(&records, &["city", "email"]);
        let stats = resolution.stats();
        assert_eq!(
            (
                stats.candidate_pairs,
                stats.skipped_blocks,
                stats.skipped_block_pairs,
                stats.entities
            ),
            (0, 1, pairs(3_000), 3_000),
            "{stats}"
        );
        let city = &resolution.blocking_stats().rules[0];
        assert_eq!(
            (city.largest_block, city.skipped_records, city.cap),
            (3_000, 3_000, CAP as u64)
        );
        assert_eq!(resolution.blocking_stats().records_over_budget, 3_000);
    }

    #[test]
    fn a_household_under_the_cap_costs_at_most_the_candidate_budget() {
        // 250 people sharing one phone and no e-mail: the block is under
        // the cap, so each record gets 249 candidates (the budget is
        // cap - 1 per key), all accepted by a model that sees only the
        // phone. The group is dense (every pair accepted), so the size
        // limit does not split it: the guard refuses chains, not dense
        // groups; telling household members apart is the matcher's job.
        let records: Vec<OwnedRecord> = (0..250)
            .map(|i| {
                OwnedRecord::new(i.to_string())
                    .with("given", format!("{}{i}", GIVEN[i % 8]))
                    .with("family", "Smith")
                    .with("phone", "+1 555 010 2030")
            })
            .collect();
        let resolution = resolve_limited(&records, &["phone"]);
        let stats = resolution.stats();
        assert_eq!(
            (
                stats.candidate_pairs,
                stats.accepted_pairs,
                stats.skipped_blocks,
                stats.largest_entity
            ),
            (pairs(250), pairs(250), 0, 250),
            "{stats}"
        );
        let blocking = resolution.blocking_stats();
        assert_eq!(
            (blocking.candidate_budget, blocking.records_over_budget),
            (CAP as u64 - 1, 0)
        );
        let diagnostics = resolution.clustering().diagnostics();
        assert_eq!(
            (
                diagnostics.refused_by_guard,
                diagnostics.refused_by_size_limit
            ),
            (0, 0)
        );
    }

    #[test]
    fn a_household_over_the_cap_is_skipped_whole_and_reported() {
        let records: Vec<OwnedRecord> = (0..2_000)
            .map(|i| {
                OwnedRecord::new(i.to_string())
                    .with("given", format!("{}{i}", GIVEN[i % 8]))
                    .with("family", "Smith")
                    .with("phone", "+1 555 010 2030")
                    .with("address", "1 Main Street")
                    .with("email", format!("p{i}@example.com"))
            })
            .collect();
        let resolution = resolve_limited(&records, &["phone", "family", "address", "email"]);
        let stats = resolution.stats();
        assert_eq!(
            (
                stats.candidate_pairs,
                stats.skipped_blocks,
                stats.skipped_block_pairs,
                stats.entities,
                stats.largest_entity
            ),
            (0, 3, 3 * pairs(2_000), 2_000, 1),
            "{stats}"
        );
    }

    #[test]
    fn columns_without_a_value_are_named_and_make_no_block() {
        let records: Vec<OwnedRecord> = (0..2_000)
            .map(|i| {
                OwnedRecord::new(i.to_string()).with("email", format!("p{}@example.com", i / 2))
            })
            .collect();
        let resolution = resolve_limited(&records, &["city", "phone", "email"]);
        let stats = resolution.stats();
        assert_eq!(
            stats.absent_fields,
            ["given", "family", "phone", "address", "city"]
        );
        assert_eq!(
            (
                stats.candidate_pairs,
                stats.skipped_blocks,
                stats.entities,
                stats.largest_entity
            ),
            (1_000, 0, 1_000, 2),
            "{stats}"
        );
    }

    #[test]
    fn copies_past_the_cap_are_one_entity_past_the_size_limit_too() {
        // 500 copies: their block is over the cap, and identical records
        // are compared anyway (a star of 499 pairs), and the entity size
        // limit never splits copies.
        let record = OwnedRecord::without_id()
            .with("given", "Ann")
            .with("email", "ann@example.com");
        let records = vec![record; 500];
        let resolution = resolve_limited(&records, &["email"]);
        let stats = resolution.stats();
        assert_eq!(
            (
                stats.skipped_blocks,
                stats.skipped_block_pairs,
                stats.identical_pairs_added,
                stats.entities,
                stats.largest_entity
            ),
            (1, pairs(500), 499, 1, 500),
            "{stats}"
        );
    }

    /// A record with nothing in it, of no size: a slice of more records
    /// than a store holds costs no memory.
    #[derive(Clone, Copy)]
    struct Blank;

    impl sameas::Record for Blank {
        fn id(&self) -> Option<std::borrow::Cow<'_, str>> {
            None
        }
        fn field(&self, _: &str) -> Option<&str> {
            None
        }
    }

    #[test]
    fn records_past_the_store_limit_are_refused_before_any_is_read() {
        use sameas::{MAX_RECORDS, PreparedStore, StoreError};
        let many = [Blank; MAX_RECORDS + 1];
        let mut store = PreparedStore::new(schema());
        let crm = store.add_source("crm", false).expect("source");
        assert_eq!(store.ingest(crm, &many), Err(StoreError::TooManyRecords));
        assert!(store.is_empty());
        let mut resolver = Resolver::new(schema());
        assert_eq!(
            resolver.add_source("crm", false, &many).err(),
            Some(Error::Store(StoreError::TooManyRecords))
        );
    }

    #[test]
    fn fields_past_the_schema_limit_are_refused() {
        use sameas::{BuildError, MAX_FIELDS};
        let mut builder = Schema::builder();
        for at in 0..=MAX_FIELDS {
            builder.field(format!("f{at}"), FieldKind::Text);
        }
        assert_eq!(
            builder.build(),
            Err(BuildError::TooManyFields(MAX_FIELDS + 1))
        );
    }
}
