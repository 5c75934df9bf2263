//! The live state on the command line: `resolve --state DIR` saves it,
//! `apply` changes it from a CSV file of changes, `export` writes what
//! it holds.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use sameas::Record;
use sameas::live::{EntityChange, LiveError, LiveResolution, LiveStore};
use sameas::matcher::TermFrequencyKey;

use crate::args::{ApplyArgs, ExportArgs};
use crate::failure::Failure;
use crate::ingest::{derived_fields, push_derived};
use crate::input::{blank_missing, drop_zero_fractions};
use crate::schema::{qualified_position, synonym_position};

/// Malformed rows reported one by one; the rest are counted.
const REPORTED_ROWS: u64 = 20;

/// The rows of a changes file sampled for its missing-value markers.
const CHANGES_SAMPLE_ROWS: usize = 1_000;

/// The file beside the state where `resolve --state` keeps the
/// missing-value markers its inputs used (`source,column,marker` rows),
/// so that `apply` reads a change written the same way as blank however
/// few rows its file has.
const MARKERS_FILE: &str = "missing-values.csv";

/// The header of [`MARKERS_FILE`].
const MARKERS_HEADER: [&str; 3] = ["source", "column", "marker"];

/// One source's missing-value marker in one column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedMarker {
    /// The source (file stem) whose column writes the marker.
    pub source: String,
    /// The column, as the run read it.
    pub column: String,
    /// The marker (`NA`, `NULL`, ...).
    pub marker: String,
}

/// Keeps `markers` in the state directory `dir` for later `apply` runs
/// (written whole under another name, then renamed); with none, removes
/// an earlier run's.
pub fn save_markers(dir: &Path, markers: &[SavedMarker]) -> Result<(), Failure> {
    let path = dir.join(MARKERS_FILE);
    if markers.is_empty() {
        return match std::fs::remove_file(&path) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                Err(Failure::input(path.display(), error))
            }
            _ => Ok(()),
        };
    }
    let temporary = dir.join(format!("{MARKERS_FILE}.tmp"));
    let failed = |error: csv::Error| Failure::input(temporary.display(), error);
    let mut writer = csv::Writer::from_path(&temporary).map_err(failed)?;
    writer.write_record(MARKERS_HEADER).map_err(failed)?;
    for saved in markers {
        writer
            .write_record([&saved.source, &saved.column, &saved.marker])
            .map_err(failed)?;
    }
    writer
        .flush()
        .map_err(|error| Failure::input(temporary.display(), error))?;
    drop(writer);
    std::fs::rename(&temporary, &path).map_err(|error| Failure::input(path.display(), error))
}

/// The markers [`save_markers`] kept in `dir` (none when it kept none).
///
/// # Errors
///
/// [`Failure::Input`] naming the file for one that cannot be read, has
/// another header, or holds a value that is no missing-value marker.
fn saved_markers(dir: &Path) -> Result<Vec<SavedMarker>, Failure> {
    let path = dir.join(MARKERS_FILE);
    if !path.exists() {
        return Ok(Vec::new());
    }
    let shown = path.display();
    let damaged = |reason: String| {
        Failure::Input(format!(
            "{shown}: {reason}; delete the file or run `resolve --state` again"
        ))
    };
    let mut reader = csv::Reader::from_path(&path).map_err(|error| damaged(error.to_string()))?;
    let header = reader
        .headers()
        .map_err(|error| damaged(error.to_string()))?;
    if header.iter().ne(MARKERS_HEADER) {
        return Err(damaged(format!(
            "the header is not `{}`",
            MARKERS_HEADER.join(",")
        )));
    }
    let mut markers = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|error| damaged(error.to_string()))?;
        let [source, column, marker] = [0, 1, 2].map(|at| row.get(at).unwrap_or_default());
        if !crate::input::is_missing_marker(marker) {
            let line = row.position().map_or(0, csv::Position::line);
            return Err(damaged(format!(
                "line {line} holds no missing-value marker"
            )));
        }
        markers.push(SavedMarker {
            source: source.to_string(),
            column: column.to_string(),
            marker: marker.to_string(),
        });
    }
    Ok(markers)
}

/// Says on stderr, as `resolve` does, per marker the columns of
/// `header` where `markers` reads it as missing and `besides` does not.
fn say_markers(
    whose: &str,
    header: &[String],
    markers: &[Option<String>],
    besides: &[Option<String>],
    why: &str,
) {
    let found: Vec<(&str, &str)> = header
        .iter()
        .zip(markers.iter().zip(besides))
        .filter_map(|(column, (marker, other))| {
            let marker = marker.as_deref()?;
            (other.as_deref() != Some(marker)).then_some((column.as_str(), marker))
        })
        .collect();
    let mut distinct: Vec<&str> = found.iter().map(|&(_, marker)| marker).collect();
    distinct.sort_unstable();
    distinct.dedup();
    for marker in distinct {
        let columns: Vec<&str> = found
            .iter()
            .filter(|&&(_, m)| m == marker)
            .map(|&(column, _)| column)
            .collect();
        eprintln!(
            "{whose}: `{marker}` read as missing in {}{why}",
            columns.join(", ")
        );
    }
}

/// The state in `dir`, opened with the term-frequency key if one is
/// given; or a failure naming the directory.
fn open(dir: &Path, key: Option<&TermFrequencyKey>) -> Result<LiveStore, Failure> {
    open_store(dir, key).map_err(|error| state_failure(dir, &error))
}

fn open_store(dir: &Path, key: Option<&TermFrequencyKey>) -> sameas::Result<LiveStore> {
    match key {
        Some(key) => LiveStore::open_with_key(dir, key),
        None => LiveStore::open(dir),
    }
}

/// A live-state error as the command reports it: naming the directory,
/// and the option that fixes it when one does.
fn state_failure(dir: &Path, error: &sameas::Error) -> Failure {
    let hint = match error {
        sameas::Error::Live(
            LiveError::TermFrequenciesUnsaved | LiveError::TermFrequencyKeyMissing(_),
        ) => " (see --key-file)",
        _ => "",
    };
    Failure::Input(format!("--state {}: {error}{hint}", dir.display()))
}

/// The state directory's term-frequency key: `--key-file`, or the file
/// `SAMEAS_KEY_FILE` names.
fn key_of(key_file: Option<&Path>) -> Result<Option<TermFrequencyKey>, Failure> {
    crate::resolve::read_key_file(key_file)
}

/// `resolve --state DIR`: carries ids over from the state already in
/// `dir` (if any) and saves `state` there. Returns how many ids carried.
pub fn save_resolved(
    dir: &Path,
    mut state: LiveResolution,
    key: Option<&TermFrequencyKey>,
) -> Result<(LiveResolution, Option<usize>), Failure> {
    let carried = match open_store(dir, key) {
        Ok(previous) => Some(state.carry_ids_from(previous.state())),
        Err(sameas::Error::Live(LiveError::NoState(_))) => None,
        Err(error) => return Err(state_failure(dir, &error)),
    };
    let kept = LiveStore::create(dir, state).map_err(|error| state_failure(dir, &error))?;
    Ok((kept.into_state(), carried))
}

/// `sameas export`.
pub fn export(args: &ExportArgs) -> Result<(), Failure> {
    let kept = open(&args.state, key_of(args.key_file.as_deref())?.as_ref())?;
    let state = kept.state();
    crate::output::write_state_entities(state, args.output.as_deref())?;
    if let Some(path) = &args.golden {
        crate::output::write_state_golden(state, path)?;
    }
    if let Some(path) = &args.model {
        std::fs::write(path, state.model().to_json())
            .map_err(|error| Failure::input(path.display(), error))?;
    }
    if !args.quiet {
        eprintln!(
            "exported {} records in {} entities from {}",
            state.len(),
            state.entity_count(),
            args.state.display()
        );
    }
    Ok(())
}

/// A change row seen as a [`Record`]: its id and its values by schema
/// field.
struct ChangeRow<'a> {
    id: &'a str,
    /// Per schema field (in order): its column, if the file has it.
    columns: &'a [(String, Option<usize>)],
    values: &'a csv::StringRecord,
}

impl Record for ChangeRow<'_> {
    fn id(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(self.id))
    }

    fn field(&self, name: &str) -> Option<&str> {
        let (_, column) = self.columns.iter().find(|(field, _)| field == name)?;
        self.values.get((*column)?)
    }
}

/// One event line's detail.
fn detail(change: &EntityChange) -> String {
    let ids = |ids: &[sameas::EntityId]| {
        ids.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    };
    match change {
        EntityChange::Created { .. } => "created".into(),
        EntityChange::Merged { from, .. } => format!("merged from {}", ids(from)),
        EntityChange::Split { into, .. } => format!("split into {}", ids(into)),
        EntityChange::Removed { .. } => "removed".into(),
        EntityChange::RecordAdded { .. } => "record added".into(),
        EntityChange::RecordUpdated { .. } => "record updated".into(),
        EntityChange::RecordErased { .. } => "record erased".into(),
        _ => "changed".into(),
    }
}

/// `sameas apply`: the changes in file order, each applied whole or not
/// at all; events out; the state saved (compacted) at the end.
pub fn apply(args: &ApplyArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let mut kept = open(&args.state, key_of(args.key_file.as_deref())?.as_ref())?;
    let loaded = started.elapsed();
    let path = &args.changes;
    let shown = path.display().to_string();
    let delimiter = crate::input::delimiter(path)?;
    let file = File::open(path).map_err(|error| Failure::input(&shown, error))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(std::io::BufReader::with_capacity(1 << 20, file));
    let header: Vec<String> = reader
        .headers()
        .map_err(|error| Failure::input(&shown, error))?
        .iter()
        .map(|column| column.trim().to_string())
        .collect();
    // The missing-value markers (`NA`, `NULL`), as `resolve` finds them
    // from the first rows; in a row of a source the run that saved the
    // state read, a column without one takes the marker it had there.
    let mut missing = {
        let mut sampler = crate::input::open_csv(path, delimiter)?;
        sampler
            .headers()
            .map_err(|error| Failure::input(&shown, error))?;
        let rows: Vec<csv::StringRecord> = sampler
            .records()
            .take(CHANGES_SAMPLE_ROWS)
            .filter_map(Result::ok)
            .collect();
        crate::input::missing_markers(header.len(), &rows)
    };
    let position = |name: &str| header.iter().position(|column| column == name);
    let op_column =
        position("op").ok_or_else(|| Failure::Input(format!("{shown}: no `op` column")))?;
    let source_column =
        position("source").ok_or_else(|| Failure::Input(format!("{shown}: no `source` column")))?;
    let id_column = match &args.id_column {
        Some(name) => position(name)
            .ok_or_else(|| Failure::Usage(format!("--id `{name}`: no such column in {shown}")))?,
        None => ["record_id", "id", "rec_id"]
            .into_iter()
            .find_map(&position)
            .ok_or_else(|| {
                Failure::Input(format!(
                    "{shown}: no id column (record_id, id or rec_id; or name it with --id)"
                ))
            })?,
    };
    // Dates kept in three columns are composed and appended to each
    // upsert row, after its columns.
    let schema = kept.state().model().schema();
    let composed = derived_fields(schema, position);
    let columns: Vec<(String, Option<usize>)> = schema
        .fields()
        .iter()
        .map(|field| {
            let at = position(field.name())
                .or_else(|| qualified_position(&header, field.name()))
                .or_else(|| synonym_position(&header, field.name()))
                .or_else(|| {
                    let index = composed.iter().position(|(name, _)| name == field.name())?;
                    Some(header.len() + index)
                });
            (field.name().to_string(), at)
        })
        .collect();
    // The operation, source and id are never missing values.
    let never_missing = |missing: &mut Vec<Option<String>>| {
        for column in [op_column, source_column, id_column] {
            if let Some(marker) = missing.get_mut(column) {
                *marker = None;
            }
        }
    };
    never_missing(&mut missing);
    // Per source with saved markers, the markers its rows are read with.
    let mut by_source: Vec<(String, Vec<Option<String>>)> = Vec::new();
    for saved in saved_markers(&args.state)? {
        let at = position(&saved.column).or_else(|| {
            columns
                .iter()
                .find(|(field, _)| *field == saved.column)
                .and_then(|(_, at)| *at)
        });
        let Some(at) = at.filter(|&at| at < header.len()) else {
            continue;
        };
        let index = match by_source
            .iter()
            .position(|(source, _)| *source == saved.source)
        {
            Some(index) => index,
            None => {
                by_source.push((saved.source.clone(), missing.clone()));
                by_source.len() - 1
            }
        };
        if let Some(slot) = by_source[index].1.get_mut(at) {
            slot.get_or_insert(saved.marker);
        }
    }
    for (_, markers) in &mut by_source {
        never_missing(markers);
    }
    if !args.quiet {
        say_markers(&shown, &header, &missing, &vec![None; missing.len()], "");
        for (source, markers) in &by_source {
            say_markers(
                &format!("{source} rows"),
                &header,
                markers,
                &missing,
                " (as the run that saved the state read them)",
            );
        }
    }
    let events_path = args.events.as_deref();
    let events_shown = events_path.map_or("stdout".to_string(), |p| p.display().to_string());
    let sink: Box<dyn Write> = match events_path {
        Some(path) => {
            Box::new(File::create(path).map_err(|error| Failure::input(&events_shown, error))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut events = csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, sink));
    let event_failed = |error: csv::Error| Failure::input(&events_shown, error);
    events
        .write_record(["op", "source", "record_id", "entity_id", "detail"])
        .map_err(event_failed)?;

    let (mut upserts, mut erasures, mut skipped, mut reported) = (0u64, 0u64, 0u64, 0u64);
    let mut warn = |line: u64, reason: String| {
        skipped += 1;
        if reported < REPORTED_ROWS {
            eprintln!("warning: {shown}:{line}: {reason}; skipped");
        }
        reported += 1;
    };
    let mut row = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut row) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line());
                return Err(Failure::Input(format!("{shown}:{line}: {error}")));
            }
        }
        let row_source = row.get(source_column).unwrap_or("").trim();
        let markers = by_source
            .iter()
            .find(|(source, _)| source == row_source)
            .map_or(&missing, |(_, markers)| markers);
        blank_missing(&mut row, markers);
        // Whole numbers written as floats (`85076.0`) read as `resolve`
        // reads them; the operation, source and id as written.
        drop_zero_fractions(&mut row, &[op_column, source_column, id_column]);
        let line = row.position().map_or(0, |p| p.line());
        let op = row.get(op_column).unwrap_or("").trim();
        let source = row.get(source_column).unwrap_or("").trim();
        let id = row.get(id_column).unwrap_or("").trim();
        if op == "upsert" && row.len() != header.len() {
            warn(
                line,
                format!(
                    "row has {} values, but the header has {} columns",
                    row.len(),
                    header.len()
                ),
            );
            continue;
        }
        if id.is_empty() {
            warn(line, "blank record id".into());
            continue;
        }
        let result = match op {
            "upsert" => {
                let extended;
                let values = if composed.is_empty() {
                    &row
                } else {
                    let mut with_dates = row.clone();
                    push_derived(&mut with_dates, &composed);
                    extended = with_dates;
                    &extended
                };
                let record = ChangeRow {
                    id,
                    columns: &columns,
                    values,
                };
                kept.upsert(source, &record)
            }
            "erase" => kept.erase(source, id),
            other => {
                warn(line, format!("op `{other}` is neither upsert nor erase"));
                continue;
            }
        };
        let changes = match result {
            Ok(changes) => changes,
            Err(sameas::Error::Live(LiveError::UnknownRecord(source))) => {
                warn(
                    line,
                    format!("erase of an id source `{source}` does not hold"),
                );
                continue;
            }
            Err(sameas::Error::Live(LiveError::UnknownSource(source))) => {
                warn(line, format!("no source `{source}` in the state"));
                continue;
            }
            Err(error) => {
                warn(line, error.to_string());
                continue;
            }
        };
        if op == "upsert" {
            upserts += 1;
        } else {
            erasures += 1;
        }
        for change in &changes {
            events
                .write_record([
                    op,
                    source,
                    id,
                    change.entity().to_string().as_str(),
                    detail(change).as_str(),
                ])
                .map_err(event_failed)?;
        }
    }
    // The erased and replaced records leave the term-frequency counts
    // once for the whole file (a group commit): what that changed in
    // entities is reported as `refresh` lines without source or id.
    let refresh_started = Instant::now();
    let refreshed = kept
        .refresh_term_frequencies()
        .map_err(|error| Failure::Input(format!("--state {}: {error}", args.state.display())))?;
    for change in &refreshed {
        events
            .write_record([
                "refresh",
                "",
                "",
                change.entity().to_string().as_str(),
                detail(change).as_str(),
            ])
            .map_err(event_failed)?;
    }
    events
        .flush()
        .map_err(|error| Failure::input(&events_shown, error))?;
    drop(events);
    let refreshed_in = refresh_started.elapsed();
    let applied = started.elapsed();
    // A new snapshot: erased values leave the directory.
    kept.save()
        .map_err(|error| Failure::Input(format!("--state {}: {error}", args.state.display())))?;
    if !args.quiet {
        if reported > REPORTED_ROWS {
            eprintln!("warning: {} more rows skipped", reported - REPORTED_ROWS);
        }
        eprintln!(
            "applied {upserts} upserts and {erasures} erasures ({skipped} rows skipped): {} records in {} entities; loaded in {:.2} s, applied in {:.2} s (term frequencies refreshed in {:.2} s), saved in {:.2} s",
            kept.state().len(),
            kept.state().entity_count(),
            loaded.as_secs_f64(),
            (applied - loaded).as_secs_f64(),
            refreshed_in.as_secs_f64(),
            (started.elapsed() - applied).as_secs_f64(),
        );
    }
    Ok(())
}
