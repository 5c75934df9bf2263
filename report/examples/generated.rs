//! The report of generated people (four sources, known truth), for a
//! look at the report and its size at scale:
//!
//! ```sh
//! cargo run --release -p sameas-report --example generated -- 430000 report.html
//! ```
//!
//! (430,000 people make about a million records.)

use std::time::Instant;

use sameas::resolve::Resolver;
use sameas::synthetic::{PeopleGenerator, SyntheticData};
use sameas_report::{ReportOptions, write_report};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let entities: usize = args
        .next()
        .map_or(Ok(42_000), |n| n.replace('_', "").parse())?;
    let path = args.next().unwrap_or_else(|| "report.html".to_string());

    let data = PeopleGenerator::builder()
        .seed(1)
        .entities(entities)
        .build()?
        .generate();
    let mut resolver =
        Resolver::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
    for source in data.sources() {
        resolver.add_source(source.name(), source.is_duplicate_free(), source.records())?;
    }
    let resolution = resolver.resolve()?;
    let started = Instant::now();
    let options = ReportOptions::builder()
        .title(format!(
            "Generated people: {} records",
            resolution.store().len()
        ))
        .setting(
            "data",
            format!("sameas::synthetic, {entities} people, seed 1"),
        )
        .build()?;
    write_report(
        &resolution,
        &options,
        std::io::BufWriter::new(std::fs::File::create(&path)?),
    )?;
    let bytes = std::fs::metadata(&path)?.len();
    println!(
        "{} records, {} candidate pairs, {} entities: {path} written in {:.2?}, {bytes} bytes",
        resolution.store().len(),
        resolution.stats().candidate_pairs,
        resolution.clustering().len(),
        started.elapsed(),
    );
    Ok(())
}
