//! `sameas resolve`: CSV files in, one entity id per record out, golden
//! records and an explanation on request.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sameas::block::LinkMode;
use sameas::cluster::ClusterOptions;
use sameas::infer::MAX_SAMPLE_ROWS;
use sameas::live::{LiveResolution, LiveSettings};
use sameas::matcher::{FellegiSunter, ModelWarning, Reveal, TermFrequencyKey};
use sameas::normalize::{DateParser, DayMonthOrder, PhoneNormalizer};
use sameas::resolve::{RepeatedIds, Resolution, Resolver};
use sameas::{FieldKind, MAX_FIELD_BYTES, PrepareOptions, PreparedStore, RecordIndex, Schema};

use crate::args::ResolveArgs;
use crate::failure::Failure;
use crate::ingest::{Derived, derived_fields, ingest_file};
use crate::input::Input;
use crate::output::{write_entities, write_golden};
use crate::progress::Progress;
use crate::schema::{InputSchema, align_qualified_columns, align_synonym_columns, still_declared};
use crate::summary::{Summary, merged_entities};

/// Runs the command; `started` is when the process started (for the
/// summary's wall time).
pub fn run(args: &ResolveArgs, started: Instant) -> Result<(), Failure> {
    args.check().map_err(Failure::Usage)?;
    let say = |line: &str| {
        if !args.quiet {
            eprintln!("{line}");
        }
    };

    refuse_overwriting_inputs(args)?;
    // Headers and a sample of every file.
    let per_file = (MAX_SAMPLE_ROWS / args.inputs.len()).max(100);
    let mut inputs: Vec<Input> = Vec::with_capacity(args.inputs.len());
    for path in &args.inputs {
        let input = Input::sample(path, per_file)?;
        if inputs.iter().any(|other| other.name == input.name) {
            return Err(Failure::Usage(format!(
                "two inputs are named `{}` (the source name is the file stem)",
                input.name
            )));
        }
        inputs.push(input);
    }
    for input in inputs.iter().filter(|input| input.delimiter != b',') {
        let shown = match input.delimiter {
            b'\t' => "a tab".to_string(),
            other => format!("`{}`", char::from(other)),
        };
        say(&format!("{}: values separated by {shown}", input.name));
    }
    for input in &inputs {
        let mut markers: Vec<(&str, Vec<&str>)> = Vec::new();
        for (column, marker) in input.markers() {
            match markers.iter_mut().find(|(known, _)| *known == marker) {
                Some((_, columns)) => columns.push(column),
                None => markers.push((marker, vec![column])),
            }
        }
        for (marker, columns) in markers {
            say(&format!(
                "{}: `{marker}` read as missing in {}",
                input.name,
                columns.join(", ")
            ));
        }
    }
    let mut renamed = Vec::new();
    for (source, column, plain) in
        align_qualified_columns(&mut inputs, args.id_column.as_deref(), &args.fields)
    {
        say(&format!(
            "column `{column}` of {source} read as `{plain}` (the same field, named for where it applies)"
        ));
        renamed.push(column);
    }
    for (source, column, first) in
        align_synonym_columns(&mut inputs, args.id_column.as_deref(), &args.fields)
    {
        say(&format!(
            "column `{column}` of {source} read as `{first}` (another name for the same field)"
        ));
        renamed.push(column);
    }
    // A column renamed into one declared alike needs no declaration.
    let fields = still_declared(&inputs, &args.fields, &renamed);
    let InputSchema { id_column, schema } =
        InputSchema::infer(&inputs, args.id_column.as_deref(), &fields, say)?;
    for input in &inputs {
        let integral: Vec<&str> = input.integral_columns(id_column.as_deref()).collect();
        if !integral.is_empty() {
            say(&format!(
                "{}: whole numbers written as floats (`1945.0`) read without the fraction in {}",
                input.name,
                integral.join(", ")
            ));
        }
    }
    for input in &inputs {
        let derived = derived_fields(&schema, |column| input.position(column));
        let split: Vec<&str> = derived
            .iter()
            .filter(|(_, how)| {
                matches!(
                    how,
                    Derived::Given(_) | Derived::Middle(_) | Derived::Family(_)
                )
            })
            .map(|(name, _)| name.as_str())
            .collect();
        if let Some(&(_, Derived::Given(column))) = derived
            .iter()
            .find(|(_, how)| matches!(how, Derived::Given(_)))
        {
            say(&format!(
                "names in `{}` of {} also read as `{}` (split from the whole name)",
                input.header[column],
                input.name,
                split.join("` and `")
            ));
        }
    }

    let day_first = args.day_first || dates_written_day_first(&inputs, &schema, say);
    let mut resolver = configure(args, day_first, &schema, inputs.len())?;
    if args.state.is_some() {
        // The live state keeps pairs just below the threshold too.
        resolver.score_floor(live_settings(args, inputs.len())?.pair_floor());
    }
    let key = term_frequency_key(args)?;
    if let Some(key) = &key {
        resolver.term_frequency_key(key.clone());
    }
    let model_path = args.model.as_deref();
    let loaded_model = match model_path.filter(|path| path.exists()) {
        Some(path) => {
            let json = std::fs::read_to_string(path)
                .map_err(|error| Failure::input(path.display(), error))?;
            let mut model = FellegiSunter::from_json(&json, &schema)
                .map_err(|error| Failure::input(path.display(), error))?;
            if let Some(key) = &key {
                model
                    .use_term_frequency_key(key)
                    .map_err(|error| Failure::input(path.display(), error))?;
            }
            say(&format!("model: loaded from {}", path.display()));
            for warning in model.warnings() {
                match warning {
                    // Said when the model was saved.
                    ModelWarning::TermFrequenciesNotSaved { .. } => {
                        say(&format!("model: {warning}"))
                    }
                    _ => eprintln!("warning: model: {warning}"),
                }
            }
            resolver.model(model);
            true
        }
        None => false,
    };
    let progress = Progress::on_stderr(args.quiet);

    // Stream every file into the resolver.
    let mut read_time = Duration::ZERO;
    let mut ingest_time = Duration::ZERO;
    let mut skipped = 0u64;
    let mut source_records = Vec::with_capacity(inputs.len());
    for input in &inputs {
        let reading = Instant::now();
        let ingested = ingest_file(
            input,
            args.duplicate_free.contains(&input.name),
            args.strict,
            &schema,
            id_column.as_deref(),
            &mut resolver,
            &progress,
        )?;
        read_time += reading.elapsed();
        ingest_time += ingested.ingest_time;
        skipped += ingested.skipped;
        source_records.push((input.name.clone(), ingested.records));
    }
    if let Some(asked) = args.training_pairs {
        // No more random pairs than the records make (checked against the
        // memory limit before reading).
        let records = resolver.store().len() as u64;
        let possible = records.saturating_mul(records.saturating_sub(1)) / 2;
        let pairs = usize::try_from(possible).map_or(asked, |possible| asked.min(possible).max(1));
        if pairs < asked {
            say(&format!(
                "training: --training-pairs {asked} capped at {pairs}, the pairs {records} records make"
            ));
        }
        // EM sessions scale with the u sample (defaults 400,000 : 1,000,000).
        resolver.configure_training(move |trainer| {
            trainer
                .random_pairs(pairs)
                .pairs_per_rule((pairs.saturating_mul(2) / 5).max(1));
        });
    }
    let cut: Vec<(&str, u64)> = schema
        .fields()
        .iter()
        .zip(&resolver.store().stats().fields)
        .filter(|(_, stats)| stats.truncated > 0)
        .map(|(field, stats)| (field.name(), stats.truncated))
        .collect();
    if !cut.is_empty() {
        let fields: Vec<String> = cut
            .iter()
            .map(|(name, count)| format!("{name} {count}"))
            .collect();
        eprintln!(
            "warning: values longer than {MAX_FIELD_BYTES} bytes were cut to that length ({})",
            fields.join(", ")
        );
    }
    // The --explain ids, checked before the long part of the run.
    let explain_records = match args.explain_pair() {
        Some((first, second)) => Some((
            (first, find_record(resolver.store(), first)?),
            (second, find_record(resolver.store(), second)?),
        )),
        None => None,
    };
    // The reading loop's time includes the ingestion it called.
    let read_time = read_time.saturating_sub(ingest_time);
    progress.follow(&mut resolver);

    let resolution = resolver
        .resolve()
        .map_err(|error| Failure::Input(format!("cannot resolve: {error}")))?;
    progress.finish();

    if let (Some(path), false) = (model_path, loaded_model) {
        if let Some(model) = resolution.model() {
            let json = model.to_json();
            std::fs::write(path, &json).map_err(|error| Failure::input(path.display(), error))?;
            say(&format!("model: saved to {}", path.display()));
            let saved_without = FellegiSunter::from_json(&json, model.schema())
                .is_ok_and(|saved| !saved.warnings().is_empty() && key.is_none());
            if saved_without {
                say("model: term frequencies not saved (no key: see --key-file)");
            }
        }
    }

    let explained = match explain_records {
        Some((first, second)) => {
            let reveal = if args.reveal {
                Reveal::All
            } else {
                Reveal::NonSensitive
            };
            Some(explain(&resolution, first, second, reveal)?)
        }
        None => None,
    };
    if let Some(path) = &args.report {
        write_report(args, day_first, &resolution, path, loaded_model)?;
        say(&format!("report: written to {}", path.display()));
    }
    let (write_time, golden_time, run) = match &args.state {
        None => {
            let writing = Instant::now();
            write_entities(&resolution, args.output.as_deref())?;
            let write_time = writing.elapsed();
            let golden_time = match &args.golden {
                Some(path) => {
                    let survive = Instant::now();
                    write_golden(&resolution, &schema, path)?;
                    Some(survive.elapsed())
                }
                None => None,
            };
            (
                write_time,
                golden_time,
                (resolution.stats().clone(), merged_entities(&resolution)),
            )
        }
        Some(dir) => {
            // The run's summary first: the state takes the resolution.
            let summary = (resolution.stats().clone(), merged_entities(&resolution));
            let settings = live_settings(args, inputs.len())?;
            let state = LiveResolution::from_resolution(resolution, settings)
                .map_err(|error| Failure::Input(format!("--state {}: {error}", dir.display())))?;
            let saving = Instant::now();
            let (state, carried) = crate::live::save_resolved(dir, state, key.as_ref())?;
            let markers: Vec<crate::live::SavedMarker> = inputs
                .iter()
                .flat_map(|input| {
                    input
                        .markers()
                        .map(|(column, marker)| crate::live::SavedMarker {
                            source: input.name.clone(),
                            column: column.to_string(),
                            marker: marker.to_string(),
                        })
                })
                .collect();
            crate::live::save_markers(dir, &markers)?;
            say(&format!(
                "state: saved to {} in {:.2} s{}",
                dir.display(),
                saving.elapsed().as_secs_f64(),
                carried.map_or(String::new(), |count| format!(
                    " ({count} entity ids carried over from the state there)"
                ))
            ));
            let writing = Instant::now();
            crate::output::write_state_entities(&state, args.output.as_deref())?;
            let write_time = writing.elapsed();
            let golden_time = match &args.golden {
                Some(path) => {
                    let survive = Instant::now();
                    crate::output::write_state_golden(&state, path)?;
                    Some(survive.elapsed())
                }
                None => None,
            };
            (write_time, golden_time, summary)
        }
    };
    progress.finish();

    if let Some(text) = explained {
        // Keep stdout clean CSV when the entities go there.
        if args.output.is_some() {
            println!("{text}");
        } else {
            eprintln!("{text}");
        }
    }

    if !args.quiet {
        let summary = Summary {
            source_records,
            skipped,
            read_time,
            write_time,
            golden_time,
            started,
        };
        eprintln!("{}", summary.render_run(&run.0, run.1));
    }
    Ok(())
}

/// The live state's settings: those the resolver was configured with.
fn live_settings(args: &ResolveArgs, inputs: usize) -> Result<LiveSettings, Failure> {
    let mut settings = LiveSettings::new();
    settings.link_mode(link_mode(args, inputs));
    if let Some(clustering) = cluster_options(args)? {
        settings.cluster_options(clustering);
    }
    Ok(settings)
}

/// `--link-only` (meaningful with several inputs) as a link mode.
fn link_mode(args: &ResolveArgs, inputs: usize) -> LinkMode {
    if args.link_only && inputs > 1 {
        LinkMode::Link
    } else {
        LinkMode::DedupAndLink
    }
}

/// The clustering options `--threshold` asks for, if given.
fn cluster_options(args: &ResolveArgs) -> Result<Option<ClusterOptions>, Failure> {
    args.threshold
        .map(|threshold| {
            ClusterOptions::builder()
                .threshold(threshold)
                .build()
                .map_err(|error| Failure::Usage(format!("--threshold {threshold}: {error}")))
        })
        .transpose()
}

/// Refuses an output path (`--output`, `--golden`, or `--model` when it
/// would be written) that names one of the inputs: the run would destroy
/// the data it reads.
fn refuse_overwriting_inputs(args: &ResolveArgs) -> Result<(), Failure> {
    let same_file = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    let outputs = [
        ("--output", args.output.as_deref()),
        ("--golden", args.golden.as_deref()),
        ("--model", args.model.as_deref()),
    ];
    for (option, path) in outputs {
        let Some(path) = path else { continue };
        if args.inputs.iter().any(|input| same_file(input, path)) {
            return Err(Failure::Usage(format!(
                "{option} {} is one of the inputs; refusing to overwrite it",
                path.display()
            )));
        }
    }
    Ok(())
}

/// The term-frequency key of `--key-file`, or of the file
/// `SAMEAS_KEY_FILE` names: read from a file so that the secret is in no
/// command line or shell history.
fn term_frequency_key(args: &ResolveArgs) -> Result<Option<TermFrequencyKey>, Failure> {
    read_key_file(args.key_file.as_deref())
}

/// The term-frequency key in `key_file`, or in the file
/// `SAMEAS_KEY_FILE` names; `None` when neither is given.
pub fn read_key_file(key_file: Option<&Path>) -> Result<Option<TermFrequencyKey>, Failure> {
    let path = match (key_file, std::env::var_os("SAMEAS_KEY_FILE")) {
        (Some(path), _) => path.to_path_buf(),
        (None, Some(path)) if !path.is_empty() => PathBuf::from(path),
        (None, _) => return Ok(None),
    };
    let mut secret = std::fs::read(&path).map_err(|error| Failure::input(path.display(), error))?;
    // A key file written by `echo` ends with a line break.
    while secret
        .last()
        .is_some_and(|byte| matches!(byte, b'\n' | b'\r'))
    {
        secret.pop();
    }
    TermFrequencyKey::new(&secret)
        .map(Some)
        .map_err(|error| Failure::Usage(format!("--key-file {}: {error}", path.display())))
}

/// Whether the sampled dates (and times) are written day first
/// (`14/08/1945`), by [`DayMonthOrder::infer`] on each file's date
/// columns: said when they are, and a warning when some columns are
/// written day first and others month first (all are then read month
/// first, as without evidence).
fn dates_written_day_first(inputs: &[Input], schema: &Schema, say: impl Fn(&str)) -> bool {
    let mut day_first = Vec::new();
    let mut month_first = Vec::new();
    let dates = schema
        .fields()
        .iter()
        .filter(|field| matches!(field.kind(), FieldKind::Date | FieldKind::Timestamp));
    for field in dates {
        for input in inputs {
            let Some(at) = input.position(field.name()) else {
                continue;
            };
            let values = input.sample.iter().filter_map(|row| row.get(at));
            let column = format!("`{}` of {}", field.name(), input.name);
            match DayMonthOrder::infer(values) {
                Some(DayMonthOrder::DayFirst) => day_first.push(column),
                Some(DayMonthOrder::MonthFirst) => month_first.push(column),
                None => {}
            }
        }
    }
    match (day_first.is_empty(), month_first.is_empty()) {
        (false, true) => {
            say(&format!(
                "dates read day first: {} {} them so (--day-first says it)",
                day_first.join(", "),
                if day_first.len() == 1 {
                    "writes"
                } else {
                    "write"
                }
            ));
            true
        }
        (false, false) => {
            eprintln!(
                "warning: dates: {} written day first, {} month first; all read month first (--day-first reads all day first)",
                day_first.join(", "),
                month_first.join(", ")
            );
            false
        }
        _ => false,
    }
}

/// The resolver the options ask for, before any record; dates read day
/// first when `day_first`.
fn configure(
    args: &ResolveArgs,
    day_first: bool,
    schema: &Schema,
    inputs: usize,
) -> Result<Resolver, Failure> {
    let mut prepare = PrepareOptions::builder();
    if let Some(country) = args.phone_country() {
        prepare.phones(
            PhoneNormalizer::builder()
                .default_country(country)
                .build()
                .map_err(|error| Failure::Usage(format!("--phone-country {country}: {error}")))?,
        );
    }
    if day_first {
        prepare.dates(
            DateParser::builder()
                .day_month_order(DayMonthOrder::DayFirst)
                .build()
                .map_err(|error| Failure::Usage(error.to_string()))?,
        );
    }
    let prepare = prepare
        .build()
        .map_err(|error| Failure::Usage(error.to_string()))?;
    let mut resolver = Resolver::with_options(schema.clone(), prepare);
    // Repeated ids are reported while reading (with their lines) and kept.
    resolver.repeated_ids(RepeatedIds::KeepAll);
    resolver.link_mode(link_mode(args, inputs));
    if let Some(clustering) = cluster_options(args)? {
        resolver.cluster_options(clustering);
    }
    Ok(resolver)
}

/// `--report`: the HTML report, with the command's settings listed and
/// the entities of the `--explain` records pinned in its explorer.
fn write_report(
    args: &ResolveArgs,
    day_first: bool,
    resolution: &Resolution,
    path: &std::path::Path,
    loaded_model: bool,
) -> Result<(), Failure> {
    let names: Vec<String> = args
        .inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let mut options = sameas_report::ReportOptions::builder();
    options
        .title(format!("sameas resolve: {}", names.join(", ")))
        .setting("inputs", names.join(", "))
        .setting(
            "link mode",
            if args.link_only && args.inputs.len() > 1 {
                "link only"
            } else {
                "dedup and link"
            },
        )
        .setting("phone country", args.phone_country.as_str())
        .setting(
            "dates",
            if day_first {
                "day first"
            } else {
                "month first"
            },
        )
        .reveal_sensitive(args.reveal_sensitive);
    if !args.duplicate_free.is_empty() {
        options.setting("duplicate-free", args.duplicate_free.join(", "));
    }
    if let Some(model) = &args.model {
        let how = if loaded_model {
            "loaded from"
        } else {
            "saved to"
        };
        options.setting("model", format!("{how} {}", model.display()));
    }
    if let Some((first, second)) = args.explain_pair() {
        for id in [first, second] {
            if let Some(entity) = find_record(resolution.store(), id)
                .ok()
                .and_then(|record| resolution.entity_of(record))
            {
                options.pin(entity.id());
            }
        }
    }
    let options = options
        .build()
        .map_err(|error| Failure::Usage(format!("--report: {error}")))?;
    let file =
        std::fs::File::create(path).map_err(|error| Failure::input(path.display(), error))?;
    sameas_report::write_report(resolution, &options, std::io::BufWriter::new(file))
        .map_err(|error| Failure::input(path.display(), error))
}

/// `--explain`: whether the two records are one entity (and, for an
/// accepted pair in two entities, which clustering rule kept them
/// apart), and the waterfall of their score.
fn explain(
    resolution: &Resolution,
    (first, a): (&str, RecordIndex),
    (second, b): (&str, RecordIndex),
    reveal: Reveal,
) -> Result<String, Failure> {
    let failed = |error: sameas::StoreError| Failure::Input(error.to_string());
    let explanation = resolution.explain(a, b, reveal).map_err(failed)?;
    let verdict = if resolution.clustering().same_entity(a, b) {
        "same entity".to_string()
    } else {
        match resolution.kept_apart(a, b).map_err(failed)? {
            Some(reason) => {
                format!("different entity, their pair accepted but kept apart: {reason}")
            }
            None => "different entity".to_string(),
        }
    };
    Ok(format!("{first} ~ {second}: {verdict}\n{explanation}"))
}

/// The record an `--explain` id names: `source:id`, or an id only one
/// record holds. Looked up in the store right after reading, so that a
/// wrong id stops the run before training.
fn find_record(store: &PreparedStore, text: &str) -> Result<RecordIndex, Failure> {
    let source_of = |index: RecordIndex| {
        store
            .record(index)
            .and_then(|record| store.try_source(record.source()))
            .map_or("", |source| source.name())
    };
    let with_id = |id: &str| -> Vec<RecordIndex> {
        store
            .records()
            .filter(|record| record.id() == id)
            .map(|record| record.index())
            .collect()
    };
    if let Some((source, id)) = text.split_once(':') {
        if store.sources().iter().any(|s| s.name() == source) {
            let found: Vec<RecordIndex> = with_id(id)
                .into_iter()
                .filter(|&index| source_of(index) == source)
                .collect();
            match found.as_slice() {
                [only] => return Ok(*only),
                [] => {}
                several => {
                    return Err(Failure::Usage(format!(
                        "--explain: {} records of `{source}` have the id `{id}` (it repeats); \
                         cannot tell which",
                        several.len()
                    )));
                }
            }
        }
    }
    let found = with_id(text);
    match found.as_slice() {
        [only] => Ok(*only),
        [] => Err(Failure::Usage(format!(
            "--explain: no record has the id `{text}`"
        ))),
        several => {
            let mut sources: Vec<&str> = several.iter().map(|&index| source_of(index)).collect();
            sources.sort_unstable();
            sources.dedup();
            match sources.as_slice() {
                [source] => Err(Failure::Usage(format!(
                    "--explain: {} records of `{source}` have the id `{text}` (it repeats); \
                     cannot tell which",
                    several.len()
                ))),
                _ => Err(Failure::Usage(format!(
                    "--explain: the id `{text}` is in several sources ({}); write source:id",
                    sources.join(", ")
                ))),
            }
        }
    }
}
