//! Output files: the entity id of every record, and one golden record
//! per entity with the record each value came from. One writer per
//! format, fed by a batch resolution or by a live state.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use sameas::live::LiveResolution;
use sameas::resolve::Resolution;
use sameas::survive::GoldenRecord;
use sameas::{EntityId, Schema};

use crate::failure::Failure;

/// `source,record_id,entity_id` for every record, in input order, to
/// `path` or else stdout.
pub fn write_entities(resolution: &Resolution, path: Option<&Path>) -> Result<(), Failure> {
    let store = resolution.store();
    let clustering = resolution.clustering();
    let rows = store.records().map(|record| {
        let source = store
            .try_source(record.source())
            .map_or("", |source| source.name());
        let entity = clustering
            .entity_of(record.index())
            .map(|entity| entity.id());
        (source, record.id(), entity)
    });
    write_entity_rows(rows, path)
}

/// `source,record_id,entity_id` for every record of a live state (the
/// format of `resolve --output`), to `path` or else stdout.
pub fn write_state_entities(state: &LiveResolution, path: Option<&Path>) -> Result<(), Failure> {
    let rows = state
        .records()
        .map(|(source, id, entity)| (source, id, Some(entity)));
    write_entity_rows(rows, path)
}

/// One golden record per entity: its id, size and members, then per
/// field the surviving value and the `source:record_id` it came from.
pub fn write_golden(resolution: &Resolution, schema: &Schema, path: &Path) -> Result<(), Failure> {
    let records = resolution
        .entities_with_golden()
        .map(|item| item.map(|(_, record)| record));
    write_golden_records(schema, records, path)
}

/// One golden record per entity of a live state (the format of
/// `resolve --golden`), in the order of each entity's first record.
pub fn write_state_golden(state: &LiveResolution, path: &Path) -> Result<(), Failure> {
    let mut written = std::collections::HashSet::new();
    let records = state
        .records()
        .filter(|&(_, _, entity)| written.insert(entity))
        .map(|(_, _, entity)| state.golden_record(entity));
    write_golden_records(state.model().schema(), records, path)
}

/// Writes `source,record_id,entity_id` rows (an empty entity id for a
/// record without one) to `path` or else stdout.
fn write_entity_rows<'a>(
    rows: impl Iterator<Item = (&'a str, &'a str, Option<EntityId>)>,
    path: Option<&Path>,
) -> Result<(), Failure> {
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
    let mut entity_text = String::with_capacity(16);
    for (source, id, entity) in rows {
        entity_text.clear();
        if let Some(entity) = entity {
            // Writing to a String cannot fail.
            let _ = write!(entity_text, "{entity}");
        }
        writer
            .write_record([source, id, entity_text.as_str()])
            .map_err(csv_failed)?;
    }
    writer.flush().map_err(failed)
}

/// Writes the golden records' CSV: header, then one row per record.
fn write_golden_records(
    schema: &Schema,
    records: impl Iterator<Item = sameas::Result<GoldenRecord>>,
    path: &Path,
) -> Result<(), Failure> {
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
    for record in records {
        let record = record.map_err(|error| Failure::input(&shown, error))?;
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
