//! Streaming a CSV file into the resolver in batches of rows, each row
//! handed over as a borrowed [`Record`]; malformed rows are reported
//! with their line and skipped, repeated ids reported and kept.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::time::{Duration, Instant};

use sameas::infer::DateParts;
use sameas::normalize::{PersonName, parse_person_name};
use sameas::resolve::Resolver;
use sameas::{FieldKind, MAX_ID_BYTES, Record, Schema};

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

/// How a field absent from a file is derived from the file's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derived {
    /// A date from its year, month and day columns (a field named
    /// `YEAR+MONTH+DAY`).
    Date([usize; 3]),
    /// The given name read from a full-name column.
    Given(usize),
    /// The family name read from a full-name column.
    Family(usize),
    /// The middle names read from a full-name column.
    Middle(usize),
}

/// The fields of `schema` a file lacks but can derive from its columns
/// (`position` finds a column in the file), with their names: dates kept
/// in three columns (fields named `YEAR+MONTH+DAY` that are not a column
/// themselves), and, where the schema has one family-name field and one
/// given-name field (or two: the first and the middle names) that the
/// file lacks (the middle name may be its own column), while the file has one column the schema holds as
/// a full name, those names read from it (`Kelly A. Neal`, `Neal, Kelly`), so a source that writes
/// whole names is compared with sources that split them.
pub fn derived_fields(
    schema: &Schema,
    position: impl Fn(&str) -> Option<usize>,
) -> Vec<(String, Derived)> {
    let mut derived: Vec<(String, Derived)> = schema
        .fields()
        .iter()
        .filter(|field| position(field.name()).is_none())
        .filter_map(|field| {
            let parts = DateParts::from_field_name(field.name())?;
            let [year, month, day] = parts.columns();
            Some((
                field.name().to_string(),
                Derived::Date([position(year)?, position(month)?, position(day)?]),
            ))
        })
        .collect();
    let of_kind = |kind: FieldKind| -> Vec<&str> {
        schema
            .fields()
            .iter()
            .filter(|field| field.kind() == kind && !field.is_metadata())
            .map(|field| field.name())
            .collect()
    };
    // A whole name kept as metadata is read too (see
    // `split_whole_names`).
    let full: Vec<&str> = schema
        .fields()
        .iter()
        .filter(|field| field.kind() == FieldKind::FullName)
        .map(|field| field.name())
        .collect();
    let (given, family) = (
        of_kind(FieldKind::GivenName),
        of_kind(FieldKind::FamilyName),
    );
    let held: Vec<usize> = full.iter().filter_map(|name| position(name)).collect();
    // One given-name field, or two: the first name, then the middle.
    let (first, middle) = match given[..] {
        [first] => (Some(first), None),
        [first, middle] => (Some(first), Some(middle)),
        _ => (None, None),
    };
    if let (Some(first), &[family], &[column]) = (first, &family[..], &held[..]) {
        let lacks = |name: Option<&str>| name.is_none_or(|name| position(name).is_none());
        if lacks(Some(first)) && lacks(Some(family)) {
            derived.push((first.to_string(), Derived::Given(column)));
            if let Some(middle) = middle.filter(|_| lacks(middle)) {
                derived.push((middle.to_string(), Derived::Middle(column)));
            }
            derived.push((family.to_string(), Derived::Family(column)));
        }
    }
    derived
}

/// Appends to `row` each derived field's value (blank when its columns
/// do not make one), in the order of `derived`.
pub fn push_derived(row: &mut csv::StringRecord, derived: &[(String, Derived)]) {
    // The whole name is parsed once per row for all the names read from it.
    let mut name: Option<(usize, PersonName)> = None;
    for (_, how) in derived {
        let value = match *how {
            Derived::Date([year, month, day]) => {
                let column = |at: usize| row.get(at).unwrap_or("");
                DateParts::compose(column(year), column(month), column(day)).unwrap_or_default()
            }
            Derived::Given(at) | Derived::Middle(at) | Derived::Family(at) => {
                if name.as_ref().is_none_or(|(parsed, _)| *parsed != at) {
                    name = Some((at, parse_person_name(row.get(at).unwrap_or(""))));
                }
                match (*how, name.as_ref()) {
                    (_, None) => String::new(),
                    (Derived::Given(_), Some((_, parsed))) => {
                        parsed.given().unwrap_or_default().to_string()
                    }
                    (Derived::Family(_), Some((_, parsed))) => {
                        parsed.family().unwrap_or_default().to_string()
                    }
                    (_, Some((_, parsed))) => parsed.middle_names().collect::<Vec<_>>().join(" "),
                }
            }
        };
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
    let composed = derived_fields(schema, |column| input.position(column));
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
    let mut reader = open_csv(&input.path, input.delimiter)?;
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
                    input.tidy(record, id_position);
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
                    push_derived(record, &composed);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(fields: &[(&str, FieldKind)]) -> Schema {
        let mut builder = Schema::builder();
        for (name, kind) in fields {
            builder.field(*name, *kind);
        }
        builder.build().expect("schema")
    }

    fn at<'a>(header: &'a [&'a str]) -> impl Fn(&str) -> Option<usize> + 'a {
        move |column| header.iter().position(|c| *c == column)
    }

    #[test]
    fn whole_names_are_split_for_files_without_given_and_family() {
        let people = schema(&[
            ("given", FieldKind::GivenName),
            ("family", FieldKind::FamilyName),
            ("customer_name", FieldKind::FullName),
            ("by+bm+bd", FieldKind::Date),
        ]);
        let support = ["id", "customer_name", "by", "bm", "bd"];
        let derived = derived_fields(&people, at(&support));
        assert_eq!(
            derived,
            [
                ("by+bm+bd".to_string(), Derived::Date([2, 3, 4])),
                ("given".to_string(), Derived::Given(1)),
                ("family".to_string(), Derived::Family(1)),
            ]
        );
        let mut row = csv::StringRecord::from(vec!["7", "Neal, Kelly A.", "1985", "3", "4"]);
        push_derived(&mut row, &derived);
        assert_eq!(
            row.iter().skip(5).collect::<Vec<_>>(),
            ["1985-03-04", "kelly", "neal"]
        );
        // A blank name derives blanks; a date that does not exist is
        // written as it is (the date field counts it invalid and keeps
        // its digits), a part that is no number derives a blank.
        let mut row = csv::StringRecord::from(vec!["8", "", "1985", "2", "30"]);
        push_derived(&mut row, &derived);
        assert_eq!(
            row.iter().skip(5).collect::<Vec<_>>(),
            ["1985-02-30", "", ""]
        );
        let mut row = csv::StringRecord::from(vec!["9", "", "1985", "2", "x"]);
        push_derived(&mut row, &derived);
        assert_eq!(row.iter().skip(5).collect::<Vec<_>>(), ["", "", ""]);
        // A file with the given (or family) name keeps its own columns.
        let crm = ["id", "given", "family", "customer_name"];
        assert!(derived_fields(&people, at(&crm)).is_empty());
        let half = ["id", "customer_name", "family"];
        assert!(derived_fields(&people, at(&half)).is_empty());
    }

    #[test]
    fn names_are_split_only_when_the_fields_are_one_each() {
        let three_given = schema(&[
            ("given", FieldKind::GivenName),
            ("middle", FieldKind::GivenName),
            ("second", FieldKind::GivenName),
            ("family", FieldKind::FamilyName),
            ("name", FieldKind::FullName),
        ]);
        assert!(derived_fields(&three_given, at(&["name"])).is_empty());
        // Two given-name fields: the first and the middle names.
        let two_given = schema(&[
            ("given", FieldKind::GivenName),
            ("middle", FieldKind::GivenName),
            ("family", FieldKind::FamilyName),
            ("name", FieldKind::FullName),
        ]);
        let derived = derived_fields(&two_given, at(&["name"]));
        let mut row = csv::StringRecord::from(vec!["Dr. Kelly Ann Neal Jr."]);
        push_derived(&mut row, &derived);
        assert_eq!(
            row.iter().collect::<Vec<_>>(),
            ["Dr. Kelly Ann Neal Jr.", "kelly", "ann", "neal"]
        );
        // A file with the middle name keeps that column.
        assert_eq!(
            derived_fields(&two_given, at(&["name", "middle"])),
            [
                ("given".to_string(), Derived::Given(0)),
                ("family".to_string(), Derived::Family(0)),
            ]
        );
        let two_full = schema(&[
            ("given", FieldKind::GivenName),
            ("family", FieldKind::FamilyName),
            ("name", FieldKind::FullName),
            ("alias", FieldKind::FullName),
        ]);
        assert!(derived_fields(&two_full, at(&["name", "alias"])).is_empty());
        assert_eq!(derived_fields(&two_full, at(&["alias"])).len(), 2);
    }
}
