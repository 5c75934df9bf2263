//! Every error a caller can cause, caused through the public API, with
//! its exact message: a message names the field, record, line or
//! setting at fault, and never a record's value (issue 13: only about 6
//! of 37 variants had their message asserted).

use sameas::block::BlockingOptions;
use sameas::cluster::{ClusterOptions, EntityId, ScoredPair, cluster};
use sameas::eval::{Scope, evaluate_clustering};
use sameas::infer::infer_schema;
use sameas::matcher::{Comparison, FellegiSunter, LevelTest, Score, Trainer};
use sameas::resolve::Resolver;
use sameas::survive::{Survivorship, SurvivorshipRules};
use sameas::{Date, FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};

fn message(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn email_schema() -> Schema {
    Schema::builder()
        .field("email", FieldKind::Email)
        .build()
        .expect("schema")
}

#[test]
fn schema_and_settings() {
    assert_eq!(
        message(Schema::builder().build().unwrap_err()),
        "a schema needs at least one field"
    );
    assert_eq!(
        message(
            Schema::builder()
                .field(" ", FieldKind::Text)
                .build()
                .unwrap_err()
        ),
        "a schema field has an empty name"
    );
    assert_eq!(
        message(
            Schema::builder()
                .field("a", FieldKind::Text)
                .field("a", FieldKind::Email)
                .build()
                .unwrap_err()
        ),
        "field \"a\" is declared twice"
    );
    let mut many = Schema::builder();
    for field in 0..1025 {
        many.field(format!("f{field}"), FieldKind::Text);
    }
    assert_eq!(
        message(many.build().unwrap_err()),
        "a schema holds at most 1024 fields, not 1025"
    );
    assert_eq!(
        message(
            Schema::builder()
                .field("a", FieldKind::Text)
                .sensitive("b", true)
                .build()
                .unwrap_err()
        ),
        "unknown field \"b\""
    );
    assert_eq!(
        message("colour".parse::<FieldKind>().unwrap_err()),
        "unknown field kind \"colour\""
    );
    let metadata = Schema::builder()
        .field("email", FieldKind::Email)
        .metadata("seen", FieldKind::Timestamp)
        .build()
        .expect("schema");
    assert_eq!(
        message(Comparison::new(&metadata, "seen", &[LevelTest::Exact]).unwrap_err()),
        "field \"seen\" is metadata: it is kept but never blocked on or compared"
    );
    assert_eq!(
        message(
            BlockingOptions::builder()
                .max_block_size(1)
                .build()
                .unwrap_err()
        ),
        "invalid parameter `max_block_size`: 1 is below 2: every block with a pair would be skipped"
    );
}

#[test]
fn store_and_resolver() {
    let mut store = PreparedStore::new(email_schema());
    assert_eq!(
        message(store.add_source("", false).unwrap_err()),
        "a source needs a non-empty name"
    );
    store.add_source("crm", false).expect("source");
    assert_eq!(
        message(store.add_source("crm", false).unwrap_err()),
        "source \"crm\" is registered twice"
    );
    let mut other = PreparedStore::new(email_schema());
    other.add_source("a", false).expect("source");
    let second = other.add_source("b", false).expect("source");
    assert_eq!(
        message(store.ingest(second, &[OwnedRecord::new("1")]).unwrap_err()),
        "no source number 1 in this store"
    );

    assert_eq!(
        message(Resolver::new(email_schema()).resolve().unwrap_err()),
        "nothing to resolve: no record was added"
    );
    let mut resolver = Resolver::new(email_schema());
    let error = resolver
        .add_source(
            "crm",
            false,
            &[OwnedRecord::new("7"), OwnedRecord::new("7")],
        )
        .unwrap_err();
    assert_eq!(
        message(error),
        "records 0 and 1 of source \"crm\" have the same id"
    );
}

#[test]
fn models_and_training() {
    let schema = email_schema();
    assert_eq!(
        message(FellegiSunter::new(&schema, 0.01, vec![]).unwrap_err()),
        "a model needs at least one comparison"
    );
    let mut store = PreparedStore::new(schema);
    let crm = store.add_source("crm", false).expect("source");
    store
        .ingest(
            crm,
            &[OwnedRecord::new("1").with("email", "ann@example.com")],
        )
        .expect("ingest");
    assert_eq!(
        message(Trainer::new(&store).train().unwrap_err()),
        "no pairs to train on: 1 records, none of which DedupAndLink may pair"
    );
}

#[test]
fn clustering_evaluation_and_survivorship() {
    let mut store = PreparedStore::new(email_schema());
    let crm = store.add_source("crm", false).expect("source");
    store
        .ingest(crm, &[OwnedRecord::new("1"), OwnedRecord::new("2")])
        .expect("ingest");
    let at = RecordIndex::from_position;
    let pairs = [ScoredPair::new(at(0), at(0), Score::from_probability(0.9))];
    assert_eq!(
        message(cluster(&store, &pairs, &ClusterOptions::new()).unwrap_err()),
        "scored pair 0: record 0 is paired with itself"
    );
    let pairs = [ScoredPair::new(at(0), at(5), Score::from_probability(0.9))];
    assert_eq!(
        message(cluster(&store, &pairs, &ClusterOptions::new()).unwrap_err()),
        "scored pair 0: record 5 is outside the store of 2 records"
    );

    assert_eq!(
        message(evaluate_clustering(&[1, 2], &[1, 2, 3], &Scope::all_pairs()).unwrap_err()),
        "predicted labels hold 2 entries but the truth labels hold 3"
    );

    assert_eq!(
        message(
            SurvivorshipRules::new(&store)
                .survive(&store, &[])
                .unwrap_err()
        ),
        "a cluster needs at least one member"
    );
    let mut resolver = Resolver::new(email_schema());
    resolver
        .add_source(
            "crm",
            false,
            &[OwnedRecord::new("1").with("email", "ann@example.com")],
        )
        .expect("ingest");
    resolver.matcher(
        |_: &sameas::PreparedRecord<'_>, _: &sameas::PreparedRecord<'_>| {
            Score::from_probability(0.0)
        },
    );
    let resolution = resolver.resolve().expect("resolve");
    let unknown = EntityId::of_anchor("web", "9");
    assert_eq!(
        message(resolution.golden_record(unknown).unwrap_err()),
        format!("no entity with id {unknown}")
    );
}

#[test]
fn inference_and_dates() {
    let rows: [[&str; 2]; 1] = [["a", "b"]];
    assert_eq!(
        message(infer_schema(&["name", ""], rows, &[]).unwrap_err()),
        "column 2 has an empty header"
    );
    assert_eq!(
        message(infer_schema(&["name", "name"], rows, &[]).unwrap_err()),
        "column \"name\" appears twice in the header, at columns 1 and 2"
    );
    let ragged: [&[&str]; 1] = [&["a"]];
    assert_eq!(
        message(infer_schema(&["name", "email"], ragged, &[]).unwrap_err()),
        "row 1 has 1 values, but the header has 2 columns"
    );
    assert_eq!(
        message(Date::new(2023, 13, 1).unwrap_err()),
        "month 13 is out of range (1..=12)"
    );
    assert_eq!(
        message(Date::new(2023, 2, 29).unwrap_err()),
        "day 29 is out of range for 2023-02"
    );
    assert_eq!(
        message(Date::new(0, 1, 1).unwrap_err()),
        "year 0 is out of range (1..=9999)"
    );
}
