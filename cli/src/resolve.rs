//! `sameas resolve`: CSV files in, one entity id per record out, golden
//! records and an explanation on request.

use std::time::{Duration, Instant};

use sameas::block::LinkMode;
use sameas::cluster::ClusterOptions;
use sameas::infer::MAX_SAMPLE_ROWS;
use sameas::matcher::{FellegiSunter, Reveal};
use sameas::normalize::{DateParser, DayMonthOrder, PhoneNormalizer};
use sameas::resolve::{RepeatedIds, Resolution, Resolver};
use sameas::{PrepareOptions, RecordIndex, Schema};

use crate::args::ResolveArgs;
use crate::failure::Failure;
use crate::ingest::ingest_file;
use crate::input::Input;
use crate::output::{write_entities, write_golden};
use crate::progress::Progress;
use crate::schema::InputSchema;
use crate::summary::Summary;

/// Runs the command; `started` is when the process started (for the
/// summary's wall time).
pub fn run(args: &ResolveArgs, started: Instant) -> Result<(), Failure> {
    args.check().map_err(Failure::Usage)?;
    let say = |line: &str| {
        if !args.quiet {
            eprintln!("{line}");
        }
    };

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
    let InputSchema { id_column, schema } =
        InputSchema::infer(&inputs, args.id_column.as_deref(), &args.fields, say)?;

    let mut resolver = configure(args, &schema, inputs.len())?;
    let model_path = args.model.as_deref();
    let loaded_model = match model_path.filter(|path| path.exists()) {
        Some(path) => {
            let json = std::fs::read_to_string(path)
                .map_err(|error| Failure::input(path.display(), error))?;
            let model = FellegiSunter::from_json(&json, &schema)
                .map_err(|error| Failure::input(path.display(), error))?;
            resolver.model(model);
            say(&format!("model: loaded from {}", path.display()));
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
    // The reading loop's time includes the ingestion it called.
    let read_time = read_time.saturating_sub(ingest_time);
    progress.follow(&mut resolver);

    let resolution = resolver
        .resolve()
        .map_err(|error| Failure::Input(format!("cannot resolve: {error}")))?;
    progress.finish();

    if let (Some(path), false) = (model_path, loaded_model) {
        if let Some(model) = resolution.model() {
            std::fs::write(path, model.to_json())
                .map_err(|error| Failure::input(path.display(), error))?;
            say(&format!("model: saved to {}", path.display()));
        }
    }

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
    if let Some(path) = &args.report {
        write_report(args, &resolution, path, loaded_model)?;
        say(&format!("report: written to {}", path.display()));
    }
    progress.finish();

    if let Some((first, second)) = args.explain_pair() {
        let text = explain(&resolution, first, second)?;
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
        eprintln!("{}", summary.render(&resolution));
    }
    Ok(())
}

/// The resolver the options ask for, before any record.
fn configure(args: &ResolveArgs, schema: &Schema, inputs: usize) -> Result<Resolver, Failure> {
    let mut prepare = PrepareOptions::builder();
    if let Some(country) = args.phone_country() {
        prepare.phones(
            PhoneNormalizer::builder()
                .default_country(country)
                .build()
                .map_err(|error| Failure::Usage(format!("--phone-country {country}: {error}")))?,
        );
    }
    if args.day_first {
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
    resolver.link_mode(if args.link_only && inputs > 1 {
        LinkMode::Link
    } else {
        LinkMode::DedupAndLink
    });
    if let Some(threshold) = args.threshold {
        let clustering = ClusterOptions::builder()
            .threshold(threshold)
            .build()
            .map_err(|error| Failure::Usage(format!("--threshold {threshold}: {error}")))?;
        resolver.cluster_options(clustering);
    }
    if let Some(pairs) = args.training_pairs {
        // EM sessions scale with the u sample (defaults 400,000 : 1,000,000).
        resolver.configure_training(move |trainer| {
            trainer
                .random_pairs(pairs)
                .pairs_per_rule((pairs * 2 / 5).max(1));
        });
    }
    Ok(resolver)
}

/// `--report`: the HTML report, with the command's settings listed and
/// the entities of the `--explain` records pinned in its explorer.
fn write_report(
    args: &ResolveArgs,
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
            if args.day_first {
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
            if let Some(entity) = find_record(resolution, id)
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

/// `--explain`: whether the two records are one entity, and the
/// waterfall of their score.
fn explain(resolution: &Resolution, first: &str, second: &str) -> Result<String, Failure> {
    let a = find_record(resolution, first)?;
    let b = find_record(resolution, second)?;
    let explanation = resolution
        .explain(a, b, Reveal::All)
        .map_err(|error| Failure::Input(error.to_string()))?;
    let same = resolution.clustering().same_entity(a, b);
    Ok(format!(
        "{first} ~ {second}: {} entity\n{explanation}",
        if same { "same" } else { "different" }
    ))
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
