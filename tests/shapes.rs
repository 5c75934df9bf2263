//! The shape generators through the public API: every shape ingests into
//! a store whose records line up with the truth, and each carries the
//! trap it documents. Quality floors on these shapes belong with the
//! matcher changes that meet them.

use std::collections::{BTreeMap, BTreeSet};

use sameas::Record;
use sameas::synthetic::shapes::{
    BirthDateGenerator, BusinessGenerator, GovernmentGenerator, InventorGenerator, Shape, ShapeData,
};

fn every_shape() -> Vec<ShapeData> {
    vec![
        InventorGenerator::builder()
            .seed(11)
            .entities(3_000)
            .build()
            .unwrap()
            .generate(),
        BirthDateGenerator::builder()
            .seed(11)
            .entities(3_000)
            .build()
            .unwrap()
            .generate(),
        GovernmentGenerator::builder()
            .seed(11)
            .entities(3_000)
            .build()
            .unwrap()
            .generate(),
        BusinessGenerator::builder()
            .seed(11)
            .entities(3_000)
            .build()
            .unwrap()
            .generate(),
    ]
}

/// Distinct entities per value of `key` over every record that has it.
fn entities_by(
    data: &ShapeData,
    key: impl Fn(&sameas::OwnedRecord) -> Option<String>,
) -> BTreeMap<String, BTreeSet<u32>> {
    let mut by_key = BTreeMap::<String, BTreeSet<u32>>::new();
    for source in data.sources() {
        for (record, &entity) in source.records().iter().zip(source.entities()) {
            if let Some(value) = key(record) {
                by_key.entry(value).or_default().insert(entity);
            }
        }
    }
    by_key
}

#[test]
fn stores_line_up_with_the_truth() {
    for data in every_shape() {
        let store = data.prepared_store().unwrap();
        assert_eq!(store.len(), data.record_count(), "{}", data.shape());
        for (index, record) in store.records().enumerate() {
            assert_eq!(
                Some(record.id()),
                data.record(index).and_then(|r| r.id()).as_deref(),
                "{}",
                data.shape()
            );
        }
        let schema = store.schema();
        for (name, kind) in data.fields() {
            let field = schema.field(schema.field_id(name).unwrap());
            assert_eq!(field.kind(), *kind);
        }
        assert!(data.true_pair_count() > 0);
        assert!(data.largest_entity() >= 2);
    }
}

#[test]
fn each_shape_has_its_trap() {
    for data in every_shape() {
        match data.shape() {
            Shape::Inventors | Shape::BirthDates => {
                // Namesakes: distinct entities with one full name.
                let (first, last) = if data.shape() == Shape::Inventors {
                    ("first_name", "last_name")
                } else {
                    ("given", "family")
                };
                let by_name = entities_by(&data, |record| {
                    Some(format!("{} {}", record.field(first)?, record.field(last)?))
                });
                let shared: usize = by_name.values().map(BTreeSet::len).filter(|&n| n > 1).sum();
                assert!(
                    shared > 150,
                    "{}: {shared} entities with namesakes",
                    data.shape()
                );
                if data.shape() == Shape::Inventors {
                    // Patents: different inventors share a title, and
                    // co-inventors name each other.
                    let by_title = entities_by(&data, |record| {
                        Some(format!(
                            "{}|{}",
                            record.field("title")?,
                            record.field("assignee")?
                        ))
                    });
                    let shared = by_title.values().filter(|ids| ids.len() > 1).count();
                    assert!(shared > 1_000, "{shared} titles of several inventors");
                }
            }
            Shape::Government => {
                // Households: different people at one census address with
                // one surname.
                let by_home = entities_by(&data, |record| {
                    Some(format!(
                        "{}|{}",
                        record.field("address")?,
                        record.field("family")?
                    ))
                });
                let crowded = by_home.values().filter(|ids| ids.len() > 1).count();
                assert!(crowded > 300, "{crowded} shared addresses");
            }
            Shape::Business => {
                // Chains: one name at many businesses.
                let by_name = entities_by(&data, |record| record.field("name").map(str::to_string));
                let largest = by_name.values().map(BTreeSet::len).max().unwrap();
                assert!(largest >= 50, "largest chain {largest}");
            }
            _ => unreachable!("a new shape needs its trap checked"),
        }
    }
}

#[test]
fn generation_is_deterministic() {
    let a = every_shape();
    let b = every_shape();
    assert_eq!(a, b);
}
