//! Social handles through the public API: a support record `Kelly Neal`
//! born in 1985 and a social record `@kneal1985` become one entity, found
//! by the default blocking and explained field by field; `Kevin Neal`
//! born in 1990 does not join `@kneal1985`.

use sameas::block::{BlockingIndex, BlockingOptions, LinkMode, default_blockers};
use sameas::matcher::{FellegiSunter, Reveal, default_comparisons};
use sameas::resolve::{Resolution, Resolver};
use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};

fn schema() -> Schema {
    Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("family", FieldKind::FamilyName)
        .field("dob", FieldKind::Date)
        .field("handle", FieldKind::Handle)
        .build()
        .expect("schema")
}

/// The default comparisons with the probabilities a trained model would
/// hold: an exact handle is strong evidence, the handle spelling the
/// names with the birth year is good evidence, the names alone or the
/// year alone are not enough against the prior.
fn model(schema: &Schema) -> FellegiSunter {
    let mut comparisons = default_comparisons(schema);
    for comparison in &mut comparisons {
        let levels = comparison.levels().len();
        let probabilities: &[(f64, f64)] = if comparison.name() == "handle" {
            &[
                (0.5, 0.0001),
                (0.3, 0.0005),
                (0.1, 0.005),
                (0.05, 0.02),
                (0.05, 0.97),
            ]
        } else {
            &[(0.9, 0.01)]
        };
        for level in 0..levels {
            let (m, u) = probabilities
                .get(level)
                .copied()
                .unwrap_or((0.1 / levels as f64, 0.9 / levels as f64));
            comparison
                .set_probabilities(level, m, u)
                .expect("probabilities");
        }
    }
    FellegiSunter::new(schema, 0.01, comparisons).expect("model")
}

fn resolve(support: &[OwnedRecord], social: &[OwnedRecord]) -> Resolution {
    let schema = schema();
    let mut resolver = Resolver::new(schema.clone());
    resolver.model(model(&schema));
    resolver
        .add_source("support", false, support)
        .expect("support");
    resolver
        .add_source("social", false, social)
        .expect("social");
    resolver.resolve().expect("resolve")
}

fn person(id: &str, given: &str, family: &str, dob: &str) -> OwnedRecord {
    OwnedRecord::new(id)
        .with("given", given)
        .with("family", family)
        .with("dob", dob)
}

fn same_entity(resolution: &Resolution, a: usize, b: usize) -> bool {
    let entity = |position| {
        resolution
            .entity_of(RecordIndex::from_position(position))
            .expect("entity")
            .id()
    };
    entity(a) == entity(b)
}

#[test]
fn a_handle_meets_the_names_and_birth_year_it_spells() {
    let resolution = resolve(
        &[
            person("s1", "Kelly", "Neal", "1985-03-04"),
            person("s2", "Kevin", "Neal", "1990-07-01"),
            person("s3", "Mary", "Collins", "1985-03-04"),
        ],
        &[OwnedRecord::new("t1").with("handle", "@kneal1985")],
    );
    assert!(same_entity(&resolution, 0, 3), "Kelly Neal and @kneal1985");
    assert!(!same_entity(&resolution, 1, 3), "Kevin Neal and @kneal1985");
    assert!(
        !same_entity(&resolution, 2, 3),
        "Mary Collins and @kneal1985"
    );

    let at = RecordIndex::from_position;
    let explanation = resolution
        .explain(at(0), at(3), Reveal::All)
        .expect("explain");
    let handle = explanation
        .fields()
        .iter()
        .find(|field| field.field() == "handle")
        .expect("a handle line");
    assert_eq!(
        handle.level(),
        Some("handle spells given + family and handle holds the year of dob")
    );
    assert_eq!(handle.normalized(), [None, Some("kneal1985")]);
    assert!(handle.weight() > 0.0);
    let kevin = resolution
        .explain(at(1), at(3), Reveal::All)
        .expect("explain");
    let handle = kevin
        .fields()
        .iter()
        .find(|field| field.field() == "handle")
        .expect("a handle line");
    assert_eq!(handle.level(), Some("handle spells given + family"));
}

#[test]
fn kevin_born_in_1990_is_not_kneal1985() {
    let resolution = resolve(
        &[person("s1", "Kevin", "Neal", "1990-07-01")],
        &[OwnedRecord::new("t1").with("handle", "@kneal1985")],
    );
    assert!(!same_entity(&resolution, 0, 1));
}

#[test]
fn handles_differing_in_separators_and_case_meet_in_blocking() {
    let schema = schema();
    let mut store = PreparedStore::new(schema.clone());
    let social = store.add_source("social", false).expect("source");
    store
        .ingest(
            social,
            &[
                OwnedRecord::new("t1").with("handle", "@KNeal1985"),
                OwnedRecord::new("t2").with("handle", "k.neal_85"),
                OwnedRecord::new("t3").with("handle", "@mary_c"),
                OwnedRecord::new("t4")
                    .with("given", "Kelly")
                    .with("family", "Neal"),
                OwnedRecord::new("t5")
                    .with("given", "Kelly")
                    .with("family", "Collins"),
            ],
        )
        .expect("ingest");
    let blockers = default_blockers(&schema);
    let names: Vec<String> = blockers.iter().map(|b| b.name()).collect();
    assert!(names.contains(&"given + family or handle:letters".to_string()));
    let index = BlockingIndex::build(&store, blockers, BlockingOptions::new());
    let pairs: Vec<(usize, usize)> = index
        .candidate_pairs(&store, LinkMode::Dedup)
        .pairs()
        .iter()
        .map(|(a, b)| (a.get(), b.get()))
        .collect();
    assert_eq!(pairs, [(0, 1), (0, 3), (1, 3)]);
}

#[test]
fn schemas_without_names_or_dates_compare_handles_exactly() {
    let schema = Schema::builder()
        .field("handle", FieldKind::Handle)
        .build()
        .expect("schema");
    let comparisons = default_comparisons(&schema);
    let labels: Vec<&str> = comparisons[0]
        .levels()
        .iter()
        .map(|level| level.label())
        .collect();
    assert_eq!(labels, ["exact", "else"]);
    let names: Vec<String> = default_blockers(&schema).iter().map(|b| b.name()).collect();
    assert_eq!(names, ["handle:letters"]);
}
