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

mod csv_files;

use std::path::PathBuf;

use csv_files::CsvFiles;
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
    let mut files = CsvFiles::create(&out)?;
    let mut written = 0usize;
    for source in data.sources() {
        if wanted
            .as_ref()
            .is_some_and(|names| !names.iter().any(|n| n == source.name()))
        {
            continue;
        }
        files.write_source(
            source.name(),
            source.kind().fields(),
            source.records(),
            source.entities(),
        )?;
        written += source.len();
    }
    let truth = files.finish()?;
    eprintln!(
        "{}: {written} records of {entities} entities (seed {seed})",
        truth.display()
    );
    Ok(())
}
