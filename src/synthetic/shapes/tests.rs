//! Tests every shape shares: truth consistency, ids, stores, bad input.

use std::collections::BTreeSet;

use super::*;
use crate::record::Record;
use crate::synthetic::MAX_ENTITIES;

pub(super) fn assert_near(measured: f64, expected: f64, tolerance: f64) {
    assert!(
        (measured - expected).abs() <= tolerance,
        "measured {measured:.4}, expected {expected} ± {tolerance}"
    );
}

/// Every source as CSV-like text (header, then `id,values…,entity`): the
/// bytes an export of the data would hold.
pub(super) fn render(data: &ShapeData) -> String {
    let mut out = String::new();
    for source in data.sources() {
        out.push_str(source.name());
        out.push('\n');
        out.push_str("id,");
        out.push_str(&source.columns().join(","));
        out.push('\n');
        for (record, entity) in source.records().iter().zip(source.entities()) {
            out.push_str(&record.id().unwrap_or_default());
            for column in source.columns() {
                out.push(',');
                out.push_str(record.field(column).unwrap_or_default());
            }
            out.push(',');
            out.push_str(&entity.to_string());
            out.push('\n');
        }
    }
    out
}

/// One small data set of every shape.
fn every_shape(seed: u64, entities: usize) -> Vec<ShapeData> {
    vec![
        InventorGenerator::builder()
            .seed(seed)
            .entities(entities)
            .build()
            .unwrap()
            .generate(),
        BirthDateGenerator::builder()
            .seed(seed)
            .entities(entities)
            .sex(true)
            .location(true)
            .build()
            .unwrap()
            .generate(),
        GovernmentGenerator::builder()
            .seed(seed)
            .entities(entities)
            .build()
            .unwrap()
            .generate(),
        BusinessGenerator::builder()
            .seed(seed)
            .entities(entities)
            .build()
            .unwrap()
            .generate(),
    ]
}

#[test]
fn every_entity_has_a_record_and_truth_is_consistent() {
    for data in every_shape(3, 1_500) {
        let shape = data.shape();
        let mut seen = vec![0usize; data.entity_count()];
        for source in data.sources() {
            assert_eq!(source.records().len(), source.entities().len());
            for &entity in source.entities() {
                seen[entity as usize] += 1;
            }
        }
        assert!(
            seen.iter().all(|&n| n > 0),
            "{shape}: an entity without records"
        );
        assert_eq!(data.largest_entity(), seen.iter().copied().max().unwrap());
        let pairs: u64 = seen
            .iter()
            .map(|&n| (n * n.saturating_sub(1) / 2) as u64)
            .sum();
        assert_eq!(data.true_pair_count(), pairs, "{shape}");
        assert_eq!(data.true_pairs().count() as u64, pairs, "{shape}");
        assert!(
            data.true_pairs()
                .all(|(a, b)| a < b && data.is_true_pair(a, b))
        );
        assert_eq!(data.record(data.record_count()), None);
        assert_eq!(data.entity(data.record_count()), None);
    }
}

#[test]
fn ids_are_numbered_per_source_and_columns_declared() {
    for data in every_shape(4, 800) {
        let declared: BTreeSet<&str> = data.fields().iter().map(|(name, _)| *name).collect();
        assert_eq!(
            declared.len(),
            data.fields().len(),
            "{}: a field twice",
            data.shape()
        );
        let mut used = BTreeSet::new();
        for source in data.sources() {
            for (number, record) in source.records().iter().enumerate() {
                let expected = format!("{}-{:06}", source.name(), number + 1);
                assert_eq!(record.id().as_deref(), Some(expected.as_str()));
                for (name, value) in record.fields() {
                    assert!(source.columns().contains(&name), "{name} not a column");
                    assert!(!value.trim().is_empty(), "{name} blank but set");
                    used.insert(name);
                }
            }
            assert!(
                source
                    .columns()
                    .iter()
                    .all(|column| declared.contains(column))
            );
        }
        assert_eq!(
            used,
            declared,
            "{}: a declared field never set",
            data.shape()
        );
        let schema = data.schema();
        assert_eq!(schema.len(), data.fields().len());
        let store = data.prepared_store().unwrap();
        assert_eq!(store.len(), data.record_count());
        assert_eq!(store.sources().len(), data.sources().len());
    }
}

#[test]
fn prepared_values_parse() {
    // Dates, phones and identifiers read in every source's format.
    for data in every_shape(5, 600) {
        let store = data.prepared_store().unwrap();
        let stats = store.stats();
        for (field, (name, kind)) in data.fields().iter().enumerate() {
            let field_stats = &stats.fields[field];
            if matches!(kind, FieldKind::Date | FieldKind::Phone) {
                assert_eq!(
                    field_stats.invalid,
                    0,
                    "{}: {name} has unreadable values",
                    data.shape()
                );
            }
        }
    }
}

#[test]
fn seeds_give_different_data() {
    let a = every_shape(1, 300);
    let b = every_shape(2, 300);
    for (a, b) in a.iter().zip(&b) {
        assert_ne!(render(a), render(b), "{}", a.shape());
    }
}

#[test]
fn shapes_parse_and_print() {
    for shape in Shape::ALL {
        assert_eq!(shape.name().parse::<Shape>().unwrap(), shape);
        assert_eq!(shape.to_string(), shape.name());
    }
    assert!(matches!(
        "people".parse::<Shape>(),
        Err(BuildError::InvalidParameter { name: "shape", .. })
    ));
}

#[test]
fn entity_counts_are_checked() {
    let errors = [
        InventorGenerator::builder()
            .entities(MAX_ENTITIES + 1)
            .build()
            .err(),
        BirthDateGenerator::builder().entities(0).build().err(),
        GovernmentGenerator::builder().entities(0).build().err(),
        BusinessGenerator::builder()
            .entities(MAX_ENTITIES + 1)
            .build()
            .err(),
    ];
    for error in errors {
        assert!(matches!(
            error,
            Some(BuildError::InvalidParameter {
                name: "entities",
                ..
            })
        ));
    }
    let error = GovernmentGenerator::builder()
        .typo_rate(-0.5)
        .build()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid parameter `typo_rate`: must be a probability in [0, 1], not -0.5"
    );
}

#[test]
fn one_entity_is_enough() {
    for data in every_shape(9, 1) {
        assert_eq!(data.entity_count(), 1);
        assert!(data.record_count() >= 1);
    }
}

#[test]
fn public_types_are_thread_safe() {
    fn assert_traits<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    assert_traits::<ShapeData>();
    assert_traits::<ShapeSource>();
    assert_traits::<Shape>();
    assert_traits::<InventorGenerator>();
    assert_traits::<InventorGeneratorBuilder>();
    assert_traits::<BirthDateGenerator>();
    assert_traits::<BirthDateGeneratorBuilder>();
    assert_traits::<GovernmentGenerator>();
    assert_traits::<GovernmentGeneratorBuilder>();
    assert_traits::<BusinessGenerator>();
    assert_traits::<BusinessGeneratorBuilder>();
}
