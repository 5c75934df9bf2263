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
