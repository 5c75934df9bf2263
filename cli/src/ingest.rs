//! Streaming a CSV file into the resolver in batches of rows, each row
//! handed over as a borrowed [`Record`]; malformed rows are reported
//! with their line and skipped, repeated ids reported and kept.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::time::{Duration, Instant};

use sameas::infer::DateParts;
use sameas::resolve::Resolver;
use sameas::{MAX_ID_BYTES, Record, Schema};

use crate::failure::Failure;
use crate::input::{Input, at_end, check_row_lines, file_length, open_csv, read_failure};
use crate::progress::Progress;

/// Records read and handed to the resolver at a time.
const BATCH_ROWS: usize = 1 << 16;

/// Malformed rows (and, separately, repeated ids) reported one by one
/// per file; the rest are counted.
const REPORTED_ROWS: u64 = 20;

/// What ingesting one file did.
pub struct Ingested {
    /// Records handed to the resolver.
    pub records: u64,
    /// Malformed rows skipped.
    pub skipped: u64,
    /// Time spent inside the resolver (the rest of the reading time is
    /// CSV parsing).
    pub ingest_time: Duration,
}

/// Where a file's values are: per schema field name (sorted, for binary
/// search) the column position, and the id's position.
struct Layout {
    by_name: Vec<(String, usize)>,
    id: usize,
}

/// A CSV row seen as a [`Record`], borrowing the reader's buffer.
struct Row<'a> {
    layout: &'a Layout,
    values: &'a csv::StringRecord,
}

impl Record for Row<'_> {
    fn id(&self) -> Option<Cow<'_, str>> {
        self.values.get(self.layout.id).map(Cow::Borrowed)
    }

    fn field(&self, name: &str) -> Option<&str> {
        let found = self
            .layout
            .by_name
            .binary_search_by(|(field, _)| field.as_str().cmp(name))
            .ok()?;
        let &(_, column) = self.layout.by_name.get(found)?;
        self.values.get(column)
    }
}

/// The schema's dates kept in three columns (fields named
/// `YEAR+MONTH+DAY` that are not a column themselves) that a file can
/// compose: per field, its name and the positions of its year, month and
/// day columns (`position` finds a column in the file).
pub fn composed_dates(
    schema: &Schema,
    position: impl Fn(&str) -> Option<usize>,
) -> Vec<(String, [usize; 3])> {
    schema
        .fields()
        .iter()
        .filter(|field| position(field.name()).is_none())
        .filter_map(|field| {
            let parts = DateParts::from_field_name(field.name())?;
            let [year, month, day] = parts.columns();
            Some((
                field.name().to_string(),
                [position(year)?, position(month)?, position(day)?],
            ))
        })
        .collect()
}

/// Appends to `row` each composed date's value (blank when its parts do
/// not make a date), in the order of `composed`.
pub fn push_composed_dates(row: &mut csv::StringRecord, composed: &[(String, [usize; 3])]) {
    for (_, [year, month, day]) in composed {
        let part = |at: &usize| row.get(*at).unwrap_or("");
        let value = DateParts::compose(part(year), part(month), part(day)).unwrap_or_default();
        row.push_field(&value);
    }
}

/// Past this share of a file's rows skipped (or this many rows), the
/// end of the file's reading says so loudly.
const LOUD_SKIPPED_SHARE: f64 = 0.01;
const LOUD_SKIPPED_ROWS: u64 = 10;

/// Streams `input` into `resolver` as a new source; with `strict`, the
/// first malformed row ends the run.
///
/// # Errors
///
/// [`Failure::Input`] for a read error (with its line), a row that
/// opens a quote and never closes it, a record id longer than
/// [`MAX_ID_BYTES`] (with its line, without the id), a malformed row
/// under `strict`, or a record the resolver refuses.
pub fn ingest_file(
    input: &Input,
    duplicate_free: bool,
    strict: bool,
    schema: &Schema,
    id_column: Option<&str>,
    resolver: &mut Resolver,
    progress: &Progress,
) -> Result<Ingested, Failure> {
    // Without an id column, the row number is appended as one more value;
    // then each date kept in three columns, composed.
    let id_position = id_column.and_then(|column| input.position(column));
    let composed = composed_dates(schema, |column| input.position(column));
    let composed_at = input.header.len() + usize::from(id_position.is_none());
    let mut by_name: Vec<(String, usize)> = schema
        .fields()
        .iter()
        .filter_map(|field| {
            let at = input.position(field.name()).or_else(|| {
                let index = composed.iter().position(|(name, _)| name == field.name())?;
                Some(composed_at + index)
            })?;
            Some((field.name().to_string(), at))
        })
        .collect();
    by_name.sort();
    let layout = Layout {
        by_name,
        id: id_position.unwrap_or(input.header.len()),
    };
    let shown = input.path.display();
    let mut reader = open_csv(&input.path)?;
    let file_len = file_length(&input.path);
    // The header was read when sampling; read it again to skip it.
    reader
        .headers()
        .map_err(|error| read_failure(&input.path, &error))?;
    let source = resolver
        .add_source(&input.name, duplicate_free, &[] as &[Row<'_>])
        .map_err(|error| Failure::input(&shown, error))?;
    let mut batch: Vec<csv::StringRecord> = Vec::new();
    let (mut records, mut skipped, mut row_number) = (0u64, 0u64, 0u64);
    let mut reported = 0u64;
    let mut ingest_time = Duration::ZERO;
    // Hashes of the ids seen in this file: a repeated id is reported (the
    // output could not tell its records apart). 64-bit hashes keep a
    // million ids in 16 MB; a false report needs a hash collision.
    let id_hasher = BuildHasherDefault::<DefaultHasher>::default();
    let mut seen_ids: HashSet<u64> = HashSet::new();
    let mut repeated = 0u64;
    loop {
        let mut filled = 0usize;
        let mut finished = false;
        while filled < BATCH_ROWS {
            if filled == batch.len() {
                batch.push(csv::StringRecord::with_capacity(
                    256,
                    input.header.len() + 1,
                ));
            }
            let record = &mut batch[filled];
            match reader.read_record(record) {
                Ok(true) => {
                    row_number += 1;
                    let line = record.position().map_or(0, |pos| pos.line());
                    check_row_lines(
                        &input.path,
                        record,
                        reader.position().line(),
                        at_end(&reader, file_len),
                        input.header.len(),
                    )?;
                    if record.len() != input.header.len() {
                        if strict {
                            return Err(Failure::Input(format!(
                                "{shown}:{line}: row has {} values, but the header has {} columns (--strict)",
                                record.len(),
                                input.header.len()
                            )));
                        }
                        skipped += 1;
                        if reported < REPORTED_ROWS {
                            progress.warn(&format!(
                                "warning: {shown}:{line}: row has {} values, but the header has {} columns; skipped",
                                record.len(),
                                input.header.len()
                            ));
                        }
                        reported += 1;
                        continue;
                    }
                    match id_position {
                        Some(position) => {
                            let id = record.get(position).unwrap_or("").trim();
                            if id.is_empty() {
                                if strict {
                                    return Err(Failure::Input(format!(
                                        "{shown}:{line}: row has no record id in column `{}` (--strict)",
                                        input.header[position]
                                    )));
                                }
                                skipped += 1;
                                if reported < REPORTED_ROWS {
                                    progress.warn(&format!(
                                        "warning: {shown}:{line}: row has no record id in column `{}`; skipped",
                                        input.header[position]
                                    ));
                                }
                                reported += 1;
                                continue;
                            }
                            if id.len() > MAX_ID_BYTES {
                                // Named by line and column, never echoed.
                                return Err(Failure::Input(format!(
                                    "{shown}:{line}: the record id in column `{}` has {} bytes; \
                                     an id holds at most {MAX_ID_BYTES}",
                                    input.header[position],
                                    id.len()
                                )));
                            }
                            if !seen_ids.insert(id_hasher.hash_one(id)) {
                                if repeated < REPORTED_ROWS {
                                    progress.warn(&format!(
                                        "warning: {shown}:{line}: record id `{id}` repeats an earlier row's; both are kept"
                                    ));
                                }
                                repeated += 1;
                            }
                        }
                        None => record.push_field(&row_number.to_string()),
                    }
                    push_composed_dates(record, &composed);
                    filled += 1;
                }
                Ok(false) => {
                    finished = true;
                    break;
                }
                Err(error) => return Err(read_failure(&input.path, &error)),
            }
        }
        let rows: Vec<Row<'_>> = batch[..filled]
            .iter()
            .map(|values| Row {
                layout: &layout,
                values,
            })
            .collect();
        let ingesting = Instant::now();
        resolver
            .extend_source(source, &rows)
            .map_err(|error| Failure::input(&shown, error))?;
        ingest_time += ingesting.elapsed();
        records += filled as u64;
        progress.reading(&input.name, records);
        if finished {
            break;
        }
    }
    if reported > REPORTED_ROWS {
        progress.warn(&format!(
            "warning: {shown}: {} more malformed rows skipped",
            reported - REPORTED_ROWS
        ));
    }
    let rows = records + skipped;
    if skipped >= LOUD_SKIPPED_ROWS
        || (skipped > 0 && skipped as f64 > LOUD_SKIPPED_SHARE * rows as f64)
    {
        progress.warn(&format!(
            "warning: {shown}: {skipped} of {rows} rows skipped ({:.1}%): check the file; \
             --strict stops at the first",
            100.0 * skipped as f64 / rows.max(1) as f64
        ));
    }
    if repeated > REPORTED_ROWS {
        progress.warn(&format!(
            "warning: {shown}: {} more rows repeat an earlier record id",
            repeated - REPORTED_ROWS
        ));
    }
    Ok(Ingested {
        records,
        skipped,
        ingest_time,
    })
}
