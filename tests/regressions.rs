//! Regression tests of the defects found by the privacy and hardening
//! audit (issue 13), through the public API: each asserts the exact
//! result or error the fix gives.

use sameas::matcher::{Comparison, FellegiSunter, LevelTest};
use sameas::resolve::Resolver;
use sameas::{FieldKind, OwnedRecord, Schema};

/// A model that accepts exact agreement on e-mail and nothing else.
fn email_model(schema: &Schema) -> FellegiSunter {
    let mut email = Comparison::new(schema, "email", &[LevelTest::Exact]).expect("comparison");
    email
        .set_probabilities(0, 0.95, 0.001)
        .expect("probabilities");
    FellegiSunter::new(schema, 0.01, vec![email]).expect("model")
}

/// Defect 1: 301 identical records made one block over the size cap
/// (300) and stayed 301 entities; now they are one, and the run says
/// what blocking skipped.
#[test]
fn identical_records_past_the_block_cap_are_one_entity() {
    let schema = Schema::builder()
        .field("name", FieldKind::FullName)
        .field("email", FieldKind::Email)
        .build()
        .expect("schema");
    let mut records: Vec<OwnedRecord> = (0..301)
        .map(|copy| {
            OwnedRecord::new(format!("copy-{copy}"))
                .with("name", if copy % 2 == 0 { "Ann Lee" } else { "LEE, Ann" })
                .with("email", "Ann.Lee@Example.com")
        })
        .collect();
    records.push(
        OwnedRecord::new("other")
            .with("name", "Bob Roe")
            .with("email", "bob@example.com"),
    );
    let mut resolver = Resolver::new(schema.clone());
    resolver.model(email_model(&schema));
    resolver.add_source("crm", false, &records).expect("ingest");
    let resolution = resolver.resolve().expect("resolve");
    let stats = resolution.stats();
    assert_eq!(resolution.clustering().len(), 2);
    assert_eq!(stats.largest_entity, 301);
    assert_eq!(stats.identical_pairs_added, 300);
    assert!(stats.skipped_blocks >= 1, "{stats}");
    assert_eq!(
        stats.skipped_block_pairs,
        stats.skipped_blocks * 301 * 300 / 2
    );
    assert!(
        stats.to_string().contains(&format!(
            "skipped blocks   {} over the size cap ({} pairs not compared; 300 pairs of identical records compared anyway)",
            stats.skipped_blocks, stats.skipped_block_pairs
        )),
        "{stats}"
    );
}
