//! Resolve CSV files end to end: deduplicate one file, or link several
//! (and deduplicate within each), write one entity id per record and,
//! on request, one golden record per entity with provenance.
//!
//!     cargo run --release --example resolve -- [OPTIONS] <INPUT.csv>...
//!
//! Try it on the bundled sample (a CRM, a newsletter list and support
//! tickets about the same customers, written differently):
//!
//!     cargo run --release --example resolve -- examples/data/crm.csv \
//!         examples/data/newsletter.csv examples/data/support.csv
//!
//! Each file is a source named after its stem. The record id is the
//! `--id` column, else a column named `id`, `rec_id` or `record_id`, else
//! the row number. The schema is the union of the files' columns; a
//! column a file lacks is simply absent from its records. Columns not
//! named with `--field` are inferred (`sameas::infer`) and the inference
//! is printed on stderr.
//!
//! Errors: bad arguments, an unknown column or kind exit with status 2;
//! unreadable input (a non-UTF-8, empty or header-only file, a bad
//! model file) with status 1. A malformed row (a value count that differs
//! from the header's, or a blank record id) is reported as
//! `file:line: reason` and skipped; a record id that repeats an earlier
//! row's in the same file is reported and kept.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sameas::block::LinkMode;
use sameas::infer::{ColumnRole, MAX_SAMPLE_ROWS, infer_schema};
use sameas::matcher::{FellegiSunter, Reveal};
use sameas::normalize::{DateParser, DayMonthOrder, PhoneNormalizer};
use sameas::resolve::{RepeatedIds, Resolution, Resolver, Stage};
use sameas::{FieldKind, PrepareOptions, Record, RecordIndex, Schema};

const USAGE: &str = "usage: resolve [OPTIONS] <INPUT.csv>...

  one input: deduplicate it; several: link them (and deduplicate each)

options:
  --id <COLUMN>             record id column (default: id, rec_id or record_id, else the row number)
  --field <COLUMN>=<KIND>   declare a column's kind (repeatable); KIND is one of
                            given_name family_name full_name organisation email phone
                            date address city postcode country identifier text set
                            category numeric ignore
  --output <FILE>           source,record_id,entity_id for every record (default: stdout)
  --golden <FILE>           one golden record per entity, with provenance
  --threshold <P>           match probability to accept a pair (default 0.5)
  --explain <ID1> <ID2>     explain the score of two records (ids may be source:id)
  --model <FILE>            load the model from FILE if it exists, else train and save it there
  --link-only               several inputs: link across files only, no dedup within a file
  --duplicate-free <SOURCE> the file with this stem holds each entity at most once (repeatable):
                            no entity gets two of its records
  --phone-country <CC>      country of national phone numbers (default US; `none` for none)
  --day-first               read numeric dates as day/month (default month/day)
  --training-pairs <N>      random pairs that estimate u (default half the records, 100000 to 500000)
  --quiet                   print only errors and warnings";

/// Records read and handed to the resolver at a time.
const BATCH_ROWS: usize = 1 << 16;

/// Golden records built and written at a time.
const GOLDEN_BATCH: usize = 1 << 13;

/// Runs with at least this many records show a progress bar (when stderr
/// is a terminal).
const PROGRESS_RECORDS: u64 = 200_000;

/// How the run ends badly: the message, and the exit status.
enum Failure {
    /// Bad arguments: status 2.
    Usage(String),
    /// Input that cannot be read: status 1.
    Input(String),
}

fn main() {
    let started = Instant::now();
    match run(started) {
        Ok(()) => {}
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
        Err(Failure::Input(message)) => {
            eprintln!("error: {message}");
            std::process::exit(1);
        }
    }
}

/// The command line.
#[derive(Default)]
struct Options {
    inputs: Vec<PathBuf>,
    id_column: Option<String>,
    fields: Vec<(String, String)>,
    output: Option<PathBuf>,
    golden: Option<PathBuf>,
    threshold: Option<f64>,
    explain: Option<(String, String)>,
    model: Option<PathBuf>,
    link_only: bool,
    duplicate_free: Vec<String>,
    phone_country: Option<String>,
    day_first: bool,
    training_pairs: Option<usize>,
    quiet: bool,
}

fn parse_options() -> Result<Options, Failure> {
    let mut options = Options {
        phone_country: Some("US".to_string()),
        ..Options::default()
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match arg.as_str() {
            "--id" => options.id_column = Some(value("--id")?),
            "--field" => {
                let spec = value("--field")?;
                let (column, kind) = spec.split_once('=').ok_or_else(|| {
                    Failure::Usage(format!("--field `{spec}`: write COLUMN=KIND"))
                })?;
                options.fields.push((column.to_string(), kind.to_string()));
            }
            "--output" => options.output = Some(PathBuf::from(value("--output")?)),
            "--golden" => options.golden = Some(PathBuf::from(value("--golden")?)),
            "--threshold" => {
                let text = value("--threshold")?;
                let threshold: f64 = text
                    .parse()
                    .map_err(|_| Failure::Usage(format!("--threshold `{text}` is not a number")))?;
                if !(threshold > 0.0 && threshold <= 1.0) {
                    return Err(Failure::Usage(format!(
                        "--threshold {text} is not a probability in (0, 1]"
                    )));
                }
                options.threshold = Some(threshold);
            }
            "--explain" => {
                let first = value("--explain")?;
                let second = value("--explain")?;
                options.explain = Some((first, second));
            }
            "--model" => options.model = Some(PathBuf::from(value("--model")?)),
            "--link-only" => options.link_only = true,
            "--duplicate-free" => options.duplicate_free.push(value("--duplicate-free")?),
            "--phone-country" => {
                let country = value("--phone-country")?;
                options.phone_country = (country != "none").then_some(country);
            }
            "--day-first" => options.day_first = true,
            "--training-pairs" => {
                let text = value("--training-pairs")?;
                let pairs: usize = text.replace('_', "").parse().map_err(|_| {
                    Failure::Usage(format!("--training-pairs `{text}` is not a number"))
                })?;
                if pairs == 0 {
                    return Err(Failure::Usage(
                        "--training-pairs needs at least one pair".to_string(),
                    ));
                }
                options.training_pairs = Some(pairs);
            }
            "--quiet" => options.quiet = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            flag if flag.starts_with("--") => {
                return Err(Failure::Usage(format!("unknown option `{flag}`")));
            }
            path => options.inputs.push(PathBuf::from(path)),
        }
    }
    if options.inputs.is_empty() {
        return Err(Failure::Usage("no input file".to_string()));
    }
    for name in &options.duplicate_free {
        let known = options.inputs.iter().any(|path| {
            path.file_stem()
                .is_some_and(|stem| stem.to_string_lossy() == *name)
        });
        if !known {
            return Err(Failure::Usage(format!(
                "--duplicate-free `{name}` names no input file (use the file's stem)"
            )));
        }
    }
    Ok(options)
}

/// One input file: its source name, header, and the rows sampled for
/// inference.
struct Input {
    path: PathBuf,
    name: String,
    header: Vec<String>,
    sample: Vec<csv::StringRecord>,
}

fn run(started: Instant) -> Result<(), Failure> {
    let options = parse_options()?;
    let say = |line: &str| {
        if !options.quiet {
            eprintln!("{line}");
        }
    };

    // Headers and a sample of every file.
    let per_file = (MAX_SAMPLE_ROWS / options.inputs.len()).max(100);
    let mut inputs = Vec::with_capacity(options.inputs.len());
    for path in &options.inputs {
        let input = sample_input(path, per_file)?;
        if inputs.iter().any(|other: &Input| other.name == input.name) {
            return Err(Failure::Usage(format!(
                "two inputs are named `{}` (the source name is the file stem)",
                input.name
            )));
        }
        inputs.push(input);
    }

    // The union of the columns, in order of first appearance.
    let mut columns: Vec<String> = Vec::new();
    for input in &inputs {
        for column in &input.header {
            if !columns.contains(column) {
                columns.push(column.clone());
            }
        }
    }
    let known = |column: &str, option: &str| -> Result<(), Failure> {
        if columns.iter().any(|c| c == column) {
            Ok(())
        } else {
            Err(Failure::Usage(format!(
                "unknown column `{column}` in {option}; the inputs have: {}",
                columns.join(", ")
            )))
        }
    };
    let id_column = match &options.id_column {
        Some(column) => {
            known(column, "--id")?;
            Some(column.clone())
        }
        None => columns
            .iter()
            .find(|c| ["id", "rec_id", "record_id"].contains(&c.to_ascii_lowercase().as_str()))
            .cloned(),
    };
    let mut declared: Vec<(&str, Option<FieldKind>)> = Vec::new();
    for (column, kind) in &options.fields {
        known(column, &format!("--field {column}={kind}"))?;
        if Some(column) == id_column.as_ref() {
            return Err(Failure::Usage(format!(
                "--field {column}={kind}: `{column}` is the record id column"
            )));
        }
        let kind = match kind.as_str() {
            "ignore" | "ignored" => None,
            other => Some(other.parse::<FieldKind>().map_err(|_| {
                let kinds: Vec<&str> = FieldKind::ALL.iter().map(|k| k.as_str()).collect();
                Failure::Usage(format!(
                    "bad kind `{other}` in --field {column}={other}; kinds are: {}, ignore",
                    kinds.join(", ")
                ))
            })?),
        };
        declared.push((column.as_str(), kind));
    }

    // Infer the schema from every file's sample, over the union.
    let headers: Vec<&str> = columns
        .iter()
        .map(String::as_str)
        .filter(|c| Some(*c) != id_column.as_deref())
        .collect();
    let mut sample_rows: Vec<Vec<&str>> = Vec::new();
    for input in &inputs {
        let position: Vec<Option<usize>> = headers
            .iter()
            .map(|h| input.header.iter().position(|c| c == h))
            .collect();
        for row in &input.sample {
            sample_rows.push(
                position
                    .iter()
                    .map(|at| at.and_then(|at| row.get(at)).unwrap_or(""))
                    .collect(),
            );
        }
    }
    let inferred = infer_schema(&headers, &sample_rows, &declared)
        .map_err(|error| Failure::Input(format!("cannot build a schema: {error}")))?;
    drop(sample_rows);
    say(&format!(
        "record id: {}",
        id_column
            .as_deref()
            .map_or("the row number".to_string(), |c| format!("column `{c}`"))
    ));
    for column in inferred.columns() {
        let role = match column.role() {
            ColumnRole::RecordId => "ignored (looks like an id)".to_string(),
            role => role.to_string(),
        };
        say(&format!(
            "  {:<16} {:<14} {}",
            column.column(),
            role,
            column.reason()
        ));
    }
    let schema = inferred.into_schema();

    // The resolver.
    let mut prepare = PrepareOptions::default();
    if let Some(country) = &options.phone_country {
        prepare.phones = PhoneNormalizer::new()
            .with_default_country(country)
            .map_err(|error| Failure::Usage(format!("--phone-country {country}: {error}")))?;
    }
    if options.day_first {
        prepare.dates = DateParser::builder()
            .day_month_order(DayMonthOrder::DayFirst)
            .build()
            .map_err(|error| Failure::Usage(error.to_string()))?;
    }
    let mut resolver = Resolver::with_options(schema.clone(), prepare);
    // Repeated ids are reported while reading (with their lines) and kept.
    resolver.repeated_ids(RepeatedIds::KeepAll);
    resolver.link_mode(if options.link_only && inputs.len() > 1 {
        LinkMode::Link
    } else {
        LinkMode::DedupAndLink
    });
    if let Some(threshold) = options.threshold {
        resolver.threshold(threshold);
    }
    if let Some(pairs) = options.training_pairs {
        // EM sessions scale with the u sample (defaults 400,000 : 1,000,000).
        resolver.configure_training(move |trainer| {
            trainer
                .random_pairs(pairs)
                .pairs_per_rule((pairs * 2 / 5).max(1));
        });
    }
    let model_path = options.model.as_ref();
    let loaded_model = match model_path.filter(|path| path.exists()) {
        Some(path) => {
            let json = std::fs::read_to_string(path)
                .map_err(|error| Failure::Input(format!("{}: {error}", path.display())))?;
            let model = FellegiSunter::from_json(&json, &schema)
                .map_err(|error| Failure::Input(format!("{}: {error}", path.display())))?;
            resolver.model(model);
            say(&format!("model: loaded from {}", path.display()));
            true
        }
        None => false,
    };
    let progress = Arc::new(Progress::new(
        !options.quiet && std::io::stderr().is_terminal(),
    ));

    // Stream every file into the resolver.
    let mut read_time = Duration::ZERO;
    let mut ingest_time = Duration::ZERO;
    let mut skipped = 0u64;
    let mut source_records = Vec::new();
    for input in &inputs {
        let reading = Instant::now();
        let (records, bad, ingesting) = ingest_file(
            input,
            options.duplicate_free.contains(&input.name),
            &schema,
            id_column.as_deref(),
            &mut resolver,
            &progress,
        )?;
        read_time += reading.elapsed();
        ingest_time += ingesting;
        skipped += bad;
        source_records.push((input.name.clone(), records));
    }
    // The reading loop's time includes the ingestion it called.
    let read_time = read_time.saturating_sub(ingest_time);
    if progress.enabled(resolver.store().len() as u64) {
        let bar = Arc::clone(&progress);
        resolver.progress(move |stage, done, total| bar.show(stage, done, total));
    }

    let resolution = resolver
        .resolve()
        .map_err(|error| Failure::Input(format!("cannot resolve: {error}")))?;
    progress.finish();

    if let (Some(path), false) = (model_path, loaded_model) {
        if let Some(model) = resolution.model() {
            std::fs::write(path, model.to_json())
                .map_err(|error| Failure::Input(format!("{}: {error}", path.display())))?;
            say(&format!("model: saved to {}", path.display()));
        }
    }

    let writing = Instant::now();
    write_entities(&resolution, options.output.as_deref())?;
    let write_time = writing.elapsed();
    let golden_time = match &options.golden {
        Some(path) => {
            let survive = Instant::now();
            write_golden(&resolution, &schema, path)?;
            Some(survive.elapsed())
        }
        None => None,
    };
    progress.finish();

    if let Some((first, second)) = &options.explain {
        let a = find_record(&resolution, first)?;
        let b = find_record(&resolution, second)?;
        let explanation = resolution
            .explain(a, b, Reveal::All)
            .map_err(|error| Failure::Input(error.to_string()))?;
        let same = resolution.clustering().same_entity(a, b);
        let text = format!(
            "{first} ~ {second}: {} entity\n{explanation}",
            if same { "same" } else { "different" }
        );
        // Keep stdout clean CSV when the entities go there.
        if options.output.is_some() {
            println!("{text}");
        } else {
            eprintln!("{text}");
        }
    }

    if !options.quiet {
        let stats = resolution.stats();
        let clustering = resolution.clustering();
        let merged = clustering.entities().filter(|e| e.len() > 1).count();
        let sources: Vec<String> = source_records
            .iter()
            .map(|(name, count)| format!("{name} {count}"))
            .collect();
        let mut summary = String::new();
        summary.push_str(&format!(
            "records          {} ({}){}\n",
            stats.records,
            sources.join(", "),
            if skipped > 0 {
                format!(", {skipped} malformed rows skipped")
            } else {
                String::new()
            }
        ));
        summary.push_str(&format!("candidate pairs  {}\n", stats.candidate_pairs));
        summary.push_str(&format!("accepted pairs   {}\n", stats.accepted_pairs));
        summary.push_str(&format!(
            "entities         {} ({merged} with several records, largest {})\n",
            stats.entities, stats.largest_entity
        ));
        let mut times = vec![
            ("read csv", read_time),
            ("ingest", stats.ingest),
            (
                if stats.trained {
                    "train"
                } else {
                    "train (given)"
                },
                stats.train,
            ),
            ("block", stats.block),
            ("score", stats.score),
            ("cluster", stats.cluster),
            ("write", write_time),
        ];
        if let Some(golden) = golden_time {
            times.push(("golden", golden));
        }
        let stages: Vec<String> = times
            .iter()
            .map(|(name, time)| format!("{name} {:.2}s", time.as_secs_f64()))
            .collect();
        summary.push_str(&format!("time             {}\n", stages.join(", ")));
        summary.push_str(&format!(
            "wall             {:.2}s",
            started.elapsed().as_secs_f64()
        ));
        if let Some(peak) = peak_memory() {
            summary.push_str(&format!(", peak memory {peak}"));
        }
        eprintln!("{summary}");
    }
    Ok(())
}

/// The path's source name, header and first rows; the checks every file
/// must pass before anything is ingested.
fn sample_input(path: &Path, rows: usize) -> Result<Input, Failure> {
    let shown = path.display();
    let name = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .filter(|stem| !stem.trim().is_empty())
        .ok_or_else(|| Failure::Usage(format!("{shown}: no usable source name in the file name")))?
        .to_string();
    let mut reader = open_csv(path)?;
    let header = match reader.headers() {
        Ok(header) => header.clone(),
        Err(error) => return Err(read_failure(path, &error)),
    };
    if header.is_empty()
        || (header.len() == 1 && header.get(0).is_some_and(|h| h.trim().is_empty()))
    {
        return Err(Failure::Input(format!(
            "{shown}: the file is empty (a CSV header line is expected)"
        )));
    }
    let header: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    check_header(path, &header)?;
    let mut sample = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut any_row = false;
    while sample.len() < rows {
        match reader.read_record(&mut record) {
            Ok(true) => {
                any_row = true;
                if record.len() == header.len() {
                    sample.push(record.clone());
                }
            }
            Ok(false) => break,
            Err(error) => return Err(read_failure(path, &error)),
        }
    }
    if !any_row {
        return Err(Failure::Input(format!(
            "{shown}: the file has a header but no data rows"
        )));
    }
    Ok(Input {
        path: path.to_path_buf(),
        name,
        header,
        sample,
    })
}

fn open_csv(path: &Path) -> Result<csv::Reader<File>, Failure> {
    let file =
        File::open(path).map_err(|error| Failure::Input(format!("{}: {error}", path.display())))?;
    Ok(csv::ReaderBuilder::new()
        .flexible(true)
        .buffer_capacity(1 << 20)
        .from_reader(file))
}

/// Blank and repeated column names.
fn check_header(path: &Path, header: &[String]) -> Result<(), Failure> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (position, column) in header.iter().enumerate() {
        if column.is_empty() {
            return Err(Failure::Input(format!(
                "{}:1: column {} has an empty name",
                path.display(),
                position + 1
            )));
        }
        if let Some(first) = seen.insert(column, position) {
            return Err(Failure::Input(format!(
                "{}:1: column `{column}` appears twice (columns {} and {})",
                path.display(),
                first + 1,
                position + 1
            )));
        }
    }
    Ok(())
}

/// A read error as a message with the file and line.
fn read_failure(path: &Path, error: &csv::Error) -> Failure {
    let shown = path.display();
    match error.kind() {
        csv::ErrorKind::Utf8 { pos, err } => {
            let line = pos.as_ref().map_or(1, |pos| pos.line());
            Failure::Input(format!(
                "{shown}:{line}: the file is not UTF-8 (field {} holds invalid bytes); \
                 convert it first, e.g. `iconv -f latin1 -t utf-8`",
                err.field() + 1
            ))
        }
        csv::ErrorKind::Io(io) => Failure::Input(format!("{shown}: {io}")),
        _ => {
            let line = error.position().map_or(0, |pos| pos.line());
            Failure::Input(format!("{shown}:{line}: {error}"))
        }
    }
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

/// Streams a file into the resolver in batches; returns the records
/// ingested, the malformed rows skipped and the time spent ingesting.
fn ingest_file(
    input: &Input,
    duplicate_free: bool,
    schema: &Schema,
    id_column: Option<&str>,
    resolver: &mut Resolver,
    progress: &Progress,
) -> Result<(u64, u64, Duration), Failure> {
    let position = |column: &str| input.header.iter().position(|c| c == column);
    let mut by_name: Vec<(String, usize)> = schema
        .fields()
        .iter()
        .filter_map(|field| Some((field.name().to_string(), position(field.name())?)))
        .collect();
    by_name.sort();
    // Without an id column, the row number is appended as one more value.
    let id_position = id_column.and_then(position);
    let layout = Layout {
        by_name,
        id: id_position.unwrap_or(input.header.len()),
    };
    let shown = input.path.display();
    let mut reader = open_csv(&input.path)?;
    // The header was read when sampling; read it again to skip it.
    reader
        .headers()
        .map_err(|error| read_failure(&input.path, &error))?;
    let source = resolver
        .add_source(&input.name, duplicate_free, &[] as &[Row<'_>])
        .map_err(|error| Failure::Input(format!("{shown}: {error}")))?;
    let mut batch: Vec<csv::StringRecord> = Vec::new();
    let (mut records, mut skipped, mut row_number) = (0u64, 0u64, 0u64);
    let mut number = String::new();
    let mut reported = 0u64;
    let mut ingest_time = Duration::ZERO;
    // Hashes of the ids seen in this file: a repeated id is reported (the
    // output could not tell its records apart). 64-bit hashes keep a
    // million ids in 16 MB; a false report needs a hash collision.
    let id_hasher = ahash::RandomState::with_seeds(7, 11, 13, 17);
    let mut seen_ids: std::collections::HashSet<u64> = std::collections::HashSet::new();
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
                    if record.len() != input.header.len() {
                        skipped += 1;
                        let line = record.position().map_or(0, |pos| pos.line());
                        // Report every malformed row up to a point, then count.
                        if reported < 20 {
                            eprintln!(
                                "warning: {shown}:{line}: row has {} values, but the header has {} columns; skipped",
                                record.len(),
                                input.header.len()
                            );
                        }
                        reported += 1;
                        continue;
                    }
                    if let Some(position) = id_position {
                        let id = record.get(position).unwrap_or("").trim();
                        let line = record.position().map_or(0, |pos| pos.line());
                        if id.is_empty() {
                            skipped += 1;
                            if reported < 20 {
                                eprintln!(
                                    "warning: {shown}:{line}: row has no record id in column `{}`; skipped",
                                    input.header[position]
                                );
                            }
                            reported += 1;
                            continue;
                        }
                        if !seen_ids.insert(id_hasher.hash_one(id)) {
                            if repeated < 20 {
                                eprintln!(
                                    "warning: {shown}:{line}: record id `{id}` repeats an earlier row's; both are kept"
                                );
                            }
                            repeated += 1;
                        }
                    }
                    if id_position.is_none() {
                        number.clear();
                        number.push_str(&row_number.to_string());
                        record.push_field(&number);
                    }
                    filled += 1;
                }
                Ok(false) => {
                    finished = true;
                    break;
                }
                Err(error) => return Err(read_failure(&input.path, &error)),
            }
        }
        let rows: Vec<Row<'_>> = batch
            .iter()
            .take(filled)
            .map(|values| Row {
                layout: &layout,
                values,
            })
            .collect();
        let ingesting = Instant::now();
        resolver
            .extend_source(source, &rows)
            .map_err(|error| Failure::Input(format!("{shown}: {error}")))?;
        ingest_time += ingesting.elapsed();
        records += filled as u64;
        progress.show_reading(&input.name, records);
        if finished {
            break;
        }
    }
    if reported > 20 {
        eprintln!(
            "warning: {shown}: {} more malformed rows skipped",
            reported - 20
        );
    }
    if repeated > 20 {
        eprintln!(
            "warning: {shown}: {} more rows repeat an earlier record id",
            repeated - 20
        );
    }
    Ok((records, skipped, ingest_time))
}

/// `source,record_id,entity_id` for every record, in input order.
fn write_entities(resolution: &Resolution, path: Option<&Path>) -> Result<(), Failure> {
    let shown = path.map_or("stdout".to_string(), |p| p.display().to_string());
    let failed = |error: std::io::Error| Failure::Input(format!("{shown}: {error}"));
    let sink: Box<dyn Write> = match path {
        Some(path) => Box::new(File::create(path).map_err(failed)?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut writer = csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, sink));
    let csv_failed = |error: csv::Error| Failure::Input(format!("{shown}: {error}"));
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
            use std::fmt::Write as _;
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
fn write_golden(resolution: &Resolution, schema: &Schema, path: &Path) -> Result<(), Failure> {
    let shown = path.display();
    let file = File::create(path).map_err(|error| Failure::Input(format!("{shown}: {error}")))?;
    let mut writer = csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, file));
    let failed = |error: csv::Error| Failure::Input(format!("{shown}: {error}"));
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
    let entities = resolution.clustering().len();
    let mut row: Vec<String> = Vec::with_capacity(header.len());
    let mut start = 0;
    while start < entities {
        let golden = resolution
            .golden_records_in(start..start + GOLDEN_BATCH)
            .map_err(|error| Failure::Input(format!("{shown}: {error}")))?;
        let ids = resolution
            .clustering()
            .entities()
            .skip(start)
            .take(GOLDEN_BATCH)
            .map(|entity| entity.id());
        for (id, record) in ids.zip(&golden) {
            row.clear();
            row.push(id.to_string());
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
        start += GOLDEN_BATCH;
    }
    writer
        .flush()
        .map_err(|error| Failure::Input(format!("{shown}: {error}")))
}

/// The record an `--explain` id names: `source:id`, or an id only one
/// source holds.
fn find_record(resolution: &Resolution, text: &str) -> Result<RecordIndex, Failure> {
    let store = resolution.store();
    let source_of = |index: RecordIndex| {
        store
            .record(index)
            .and_then(|record| store.try_source(record.source()))
            .map_or("", |source| source.name())
    };
    if let Some((source, id)) = text.split_once(':') {
        if store.sources().iter().any(|s| s.name() == source) {
            if let Some(found) = resolution
                .records_with_id(id)
                .into_iter()
                .find(|&index| source_of(index) == source)
            {
                return Ok(found);
            }
        }
    }
    let found = resolution.records_with_id(text);
    match found.as_slice() {
        [only] => Ok(*only),
        [] => Err(Failure::Usage(format!(
            "--explain: no record has the id `{text}`"
        ))),
        several => {
            let sources: Vec<&str> = several.iter().map(|&index| source_of(index)).collect();
            Err(Failure::Usage(format!(
                "--explain: the id `{text}` is in several sources ({}); write source:id",
                sources.join(", ")
            )))
        }
    }
}

/// Peak resident memory (VmHWM) on Linux.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kilobytes: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.0} MB", kilobytes / 1024.0))
}

/// A one-line progress bar on stderr, redrawn at most ten times a second.
struct Progress {
    terminal: bool,
    last: Mutex<Option<Instant>>,
}

impl Progress {
    fn new(terminal: bool) -> Progress {
        Progress {
            terminal,
            last: Mutex::new(None),
        }
    }

    fn enabled(&self, records: u64) -> bool {
        self.terminal && records >= PROGRESS_RECORDS
    }

    fn due(&self) -> bool {
        let mut last = match self.last.lock() {
            Ok(last) => last,
            Err(poisoned) => poisoned.into_inner(),
        };
        let now = Instant::now();
        if last.is_some_and(|at| now.duration_since(at) < Duration::from_millis(100)) {
            return false;
        }
        *last = Some(now);
        true
    }

    fn show_reading(&self, source: &str, records: u64) {
        if self.enabled(records) && self.due() {
            eprint!("\r\x1b[Kread {source}: {records} records");
        }
    }

    fn show(&self, stage: Stage, done: u64, total: u64) {
        if !self.terminal || !(self.due() || done == total) {
            return;
        }
        let share = if total == 0 {
            1.0
        } else {
            done as f64 / total as f64
        };
        let filled = (share * 30.0) as usize;
        eprint!(
            "\r\x1b[K{stage:<8} [{}{}] {:>3.0}%",
            "#".repeat(filled.min(30)),
            " ".repeat(30 - filled.min(30)),
            share * 100.0
        );
    }

    fn finish(&self) {
        if self.terminal && self.last.lock().map(|last| last.is_some()).unwrap_or(false) {
            eprint!("\r\x1b[K");
        }
    }
}
