//! Output files: the entity id of every record, and one golden record
//! per entity with the record each value came from.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use sameas::Schema;
use sameas::resolve::Resolution;

use crate::failure::Failure;

/// `source,record_id,entity_id` for every record, in input order, to
/// `path` or else stdout.
pub fn write_entities(resolution: &Resolution, path: Option<&Path>) -> Result<(), Failure> {
    let shown = path.map_or("stdout".to_string(), |p| p.display().to_string());
    let failed = |error: std::io::Error| Failure::input(&shown, error);
    let sink: Box<dyn Write> = match path {
        Some(path) => Box::new(File::create(path).map_err(failed)?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut writer = csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, sink));
    let csv_failed = |error: csv::Error| Failure::input(&shown, error);
    writer
        .write_record(["source", "record_id", "entity_id"])
        .map_err(csv_failed)?;
    let store = resolution.store();
    let clustering = resolution.clustering();
    let mut entity_text = String::with_capacity(16);
    for record in store.records() {
        let source = store
            .try_source(record.source())
            .map_or("", |source| source.name());
        entity_text.clear();
        if let Some(entity) = clustering.entity_of(record.index()) {
            // Writing to a String cannot fail.
            let _ = write!(entity_text, "{}", entity.id());
        }
        writer
            .write_record([source, record.id(), entity_text.as_str()])
            .map_err(csv_failed)?;
    }
    writer.flush().map_err(failed)
}

/// One golden record per entity: its id, size and members, then per
/// field the surviving value and the `source:record_id` it came from.
pub fn write_golden(resolution: &Resolution, schema: &Schema, path: &Path) -> Result<(), Failure> {
    let shown = path.display();
    let file = File::create(path).map_err(|error| Failure::input(&shown, error))?;
    let mut writer = csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, file));
    let failed = |error: csv::Error| Failure::input(&shown, error);
    let mut header = vec![
        "entity_id".to_string(),
        "records".to_string(),
        "members".to_string(),
    ];
    for field in schema.fields() {
        header.push(field.name().to_string());
        header.push(format!("{}_source", field.name()));
    }
    writer.write_record(&header).map_err(failed)?;
    let mut row: Vec<String> = Vec::with_capacity(header.len());
    for item in resolution.entities_with_golden() {
        let (_, record) = item.map_err(|error| Failure::input(&shown, error))?;
        row.clear();
        row.push(record.entity_id().to_string());
        row.push(record.members().len().to_string());
        let members: Vec<String> = record
            .members()
            .iter()
            .map(|m| format!("{}:{}", m.source(), m.record_id()))
            .collect();
        row.push(members.join("|"));
        for field in schema.fields() {
            row.push(record.value(field.name()).unwrap_or_default().to_string());
            row.push(
                record
                    .provenance(field.name())
                    .map(|p| format!("{}:{}", p.source(), p.record_id()))
                    .unwrap_or_default(),
            );
        }
        writer.write_record(&row).map_err(failed)?;
    }
    writer
        .flush()
        .map_err(|error| Failure::input(&shown, error))
}
