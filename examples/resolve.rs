//! The main job through the library, on the bundled sample: a CRM
//! export, a newsletter list (mostly without surnames) and support
//! tickets about the same customers, written differently.
//!
//!     cargo run --release --example resolve
//!
//! It declares a schema, hands each source's records to a [`Resolver`],
//! and prints what the [`Resolution`] holds: run statistics, entities
//! with their golden records, the explanation of one match, and the
//! quality against the sample's known truth. The `sameas resolve`
//! command (`cli/`) does the same job for any CSV files, inferring the
//! schema: `cargo run --release --bin sameas -- resolve --help`.
//!
//! [`Resolver`]: sameas::resolve::Resolver
//! [`Resolution`]: sameas::resolve::Resolution

use std::collections::HashMap;
use std::error::Error;

use sameas::eval::{Scope, evaluate_clustering};
use sameas::matcher::Reveal;
use sameas::normalize::PhoneNormalizer;
use sameas::resolve::Resolver;
use sameas::{FieldKind, OwnedRecord, PrepareOptions, Schema};

/// Where the sample files are, from any working directory.
const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data");

fn main() -> Result<(), Box<dyn Error>> {
    // What each column holds decides how it is normalised, blocked on and
    // compared. (`sameas::infer` can guess this from headers and values.)
    let schema = Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("family", FieldKind::FamilyName)
        .field("dob", FieldKind::Date)
        .field("email", FieldKind::Email)
        .field("phone", FieldKind::Phone)
        .field("address", FieldKind::Address)
        .field("city", FieldKind::City)
        .field("postcode", FieldKind::Postcode)
        .build()?;
    // National numbers like `(317) 891-4498` are read as US numbers.
    let options = PrepareOptions::builder()
        .phones(PhoneNormalizer::builder().default_country("US").build()?)
        .build()?;

    // Each source is read once into the resolver's columnar store. The
    // newsletter holds each person at most once: no entity gets two of
    // its records.
    let mut resolver = Resolver::with_options(schema, options);
    resolver.add_source("crm", false, &read_records("crm")?)?;
    resolver.add_source("newsletter", true, &read_records("newsletter")?)?;
    resolver.add_source("support", false, &read_records("support")?)?;

    // Train a model without labels, block, score, cluster.
    let resolution = resolver.resolve()?;
    println!("{}\n", resolution.stats());

    // The first entities with several records, merged into golden
    // records: each value with the record and rule it came from.
    let mut shown = 0;
    for item in resolution.entities_with_golden() {
        let (entity, golden) = item?;
        if entity.len() > 1 && shown < 3 {
            println!("entity {}: {golden}\n", entity.id());
            shown += 1;
        }
    }
    let entities = resolution.clustering();

    // Why two records are one entity, field by field.
    let record = |id: &str| {
        resolution
            .records_with_id(id)
            .first()
            .copied()
            .ok_or("no such id")
    };
    let (crm, support) = (record("crm-000002")?, record("support-000034")?);
    println!(
        "crm-000002 ~ support-000034, same entity: {}\n{}\n",
        entities.same_entity(crm, support),
        resolution.explain(crm, support, Reveal::All)?
    );

    // How close to the truth: the sample's `truth.csv` names each record's
    // real entity.
    let truth = read_truth()?;
    let store = resolution.store();
    let mut predicted = Vec::with_capacity(store.len());
    let mut actual = Vec::with_capacity(store.len());
    for record in store.records() {
        let source = store.try_source(record.source()).map(|s| s.name());
        let key = (
            source.unwrap_or_default().to_string(),
            record.id().to_string(),
        );
        predicted.push(entities.entity_of(record.index()).map(|e| e.id()));
        actual.push(truth.get(&key).cloned());
    }
    let evaluation = evaluate_clustering(&predicted, &actual, &Scope::all_pairs())?;
    println!("{evaluation}");
    Ok(())
}

/// The records of `examples/data/<name>.csv`: the `id` column, then one
/// field per other column (empty values left out).
fn read_records(name: &str) -> Result<Vec<OwnedRecord>, Box<dyn Error>> {
    let mut reader = csv::Reader::from_path(format!("{DATA}/{name}.csv"))?;
    let header = reader.headers()?.clone();
    let mut records = Vec::new();
    for row in reader.records() {
        let row = row?;
        let mut record = OwnedRecord::new(&row[0]);
        for (column, value) in header.iter().zip(row.iter()).skip(1) {
            if !value.is_empty() {
                record = record.with(column, value);
            }
        }
        records.push(record);
    }
    Ok(records)
}

/// `(source, record id)` to the true entity, from `truth.csv`.
fn read_truth() -> Result<HashMap<(String, String), String>, Box<dyn Error>> {
    let mut reader = csv::Reader::from_path(format!("{DATA}/truth.csv"))?;
    let mut truth = HashMap::new();
    for row in reader.records() {
        let row = row?;
        truth.insert((row[0].to_string(), row[1].to_string()), row[2].to_string());
    }
    Ok(truth)
}
