//! Write the synthetic people data set (`sameas::synthetic`) as CSV files,
//! one per source plus the truth, so that runs of the `resolve` example
//! are reproducible.
//!
//!     cargo run --release --example generate -- [--entities N] [--seed S] [--sources crm,web,...] [--out DIR]
//!
//! Defaults: 10,000 entities (about 24,000 records), seed 7, all four
//! sources, directory `generated`. Each `<source>.csv` has the header
//! `id` followed by the source's fields; `truth.csv` has
//! `source,record_id,entity`.

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;

use sameas::Record;
use sameas::synthetic::PeopleGenerator;

fn main() {
    if let Err(message) = run() {
        eprintln!("error: {message}");
        eprintln!(
            "usage: generate [--entities N] [--seed S] [--sources crm,newsletter,support,web] [--out DIR]"
        );
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let mut entities = 10_000usize;
    let mut seed = 7u64;
    let mut out = PathBuf::from("generated");
    let mut wanted: Option<Vec<String>> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--entities" => {
                let text = value()?;
                entities = text
                    .replace('_', "")
                    .parse()
                    .map_err(|_| format!("--entities: `{text}` is not a number"))?;
            }
            "--seed" => {
                let text = value()?;
                seed = text
                    .parse()
                    .map_err(|_| format!("--seed: `{text}` is not a number"))?;
            }
            "--out" => out = PathBuf::from(value()?),
            "--sources" => wanted = Some(value()?.split(',').map(str::to_string).collect()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let data = PeopleGenerator::builder()
        .seed(seed)
        .entities(entities)
        .build()
        .map_err(|error| error.to_string())?
        .generate();
    if let Some(names) = &wanted {
        for name in names {
            if !data.sources().iter().any(|source| source.name() == name) {
                return Err(format!(
                    "unknown source `{name}` (sources: crm, newsletter, support, web)"
                ));
            }
        }
    }
    std::fs::create_dir_all(&out).map_err(|error| format!("{}: {error}", out.display()))?;
    let open = |name: &str| -> Result<csv::Writer<BufWriter<File>>, String> {
        let path = out.join(name);
        let file = File::create(&path).map_err(|error| format!("{}: {error}", path.display()))?;
        Ok(csv::Writer::from_writer(BufWriter::with_capacity(
            1 << 20,
            file,
        )))
    };
    let failed = |error: csv::Error| error.to_string();
    let mut truth = open("truth.csv")?;
    truth
        .write_record(["source", "record_id", "entity"])
        .map_err(failed)?;
    let mut written = 0usize;
    for source in data.sources() {
        if wanted
            .as_ref()
            .is_some_and(|names| !names.iter().any(|n| n == source.name()))
        {
            continue;
        }
        let fields = source.kind().fields();
        let mut writer = open(&format!("{}.csv", source.name()))?;
        let header: Vec<&str> = std::iter::once("id")
            .chain(fields.iter().copied())
            .collect();
        writer.write_record(&header).map_err(failed)?;
        let mut entity_text = String::new();
        for (record, entity) in source.records().iter().zip(source.entities()) {
            let id = record.id().unwrap_or_default();
            let id: &str = &id;
            let row = std::iter::once(id).chain(
                fields
                    .iter()
                    .map(|field| record.field(field).unwrap_or_default()),
            );
            writer.write_record(row).map_err(failed)?;
            entity_text.clear();
            entity_text.push_str(&entity.to_string());
            truth
                .write_record([source.name(), id, &entity_text])
                .map_err(failed)?;
        }
        writer.flush().map_err(|error| error.to_string())?;
        written += source.len();
        eprintln!(
            "{}: {} records",
            out.join(format!("{}.csv", source.name())).display(),
            source.len()
        );
    }
    truth.flush().map_err(|error| error.to_string())?;
    eprintln!(
        "{}: {written} records of {entities} entities (seed {seed})",
        out.join("truth.csv").display()
    );
    Ok(())
}
