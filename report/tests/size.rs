//! The report stays small however large the resolution: aggregates over
//! every record and pair, a bounded sample of entities in full.

use sameas::resolve::Resolver;
use sameas::synthetic::{PeopleGenerator, SyntheticData};
use sameas_report::{ReportOptions, render};

/// The bound at a million records; at 100,000 the report must
/// already be far under it, since only the aggregates' few numbers grow.
const MAX_BYTES: usize = 10 * 1024 * 1024;

#[test]
fn a_report_of_100_000_records_is_small_and_samples_entities() {
    let data = PeopleGenerator::builder()
        .seed(14)
        .entities(41_500)
        .build()
        .unwrap()
        .generate();
    let mut resolver =
        Resolver::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
    // A smaller training sample: this test is about the report's size.
    resolver.configure_training(|trainer| {
        trainer.random_pairs(20_000).pairs_per_rule(20_000);
    });
    for source in data.sources() {
        resolver
            .add_source(source.name(), source.is_duplicate_free(), source.records())
            .unwrap();
    }
    let resolution = resolver.resolve().unwrap();
    assert!(
        resolution.store().len() >= 100_000,
        "{} records",
        resolution.store().len()
    );

    let html = render(&resolution, &ReportOptions::new()).unwrap();
    std::fs::write(
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-100k.html"),
        &html,
    )
    .unwrap();
    assert!(html.len() < MAX_BYTES, "{} bytes", html.len());
    // Bounded by the sample, not the data: at most 25 entities per view
    // (four views, overlapping), each at most 40 records.
    let panels = html.matches("<article class=\"entity\"").count();
    assert!((25..=100).contains(&panels), "{panels} entity panels");
    let rows = html.matches("<tr data-row=").count()
        + html.matches("<tr class=\"outside\" data-row=").count();
    assert!(rows <= 100 * (40 + 8), "{rows} record rows");
    eprintln!(
        "{} records, {} entities: report {} bytes, {panels} entities explored",
        resolution.store().len(),
        resolution.clustering().len(),
        html.len()
    );
}
