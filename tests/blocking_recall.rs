//! Blocking recall on generated data with known truth, through the public
//! API. The floors are the measured values rounded down, so a change that
//! loses recall fails the build (`cargo run --release --example blocking`
//! gives the full figures).

use sameas::block::{BlockingIndex, BlockingOptions, LinkMode, default_blockers};
use sameas::synthetic::{PeopleGenerator, SourceKind, SyntheticData};

/// (pairs completeness, candidate pairs per record).
fn measure(data: &SyntheticData) -> (f64, f64) {
    let store = data.prepared_store().unwrap();
    let index = BlockingIndex::build(
        &store,
        default_blockers(store.schema()),
        BlockingOptions::new(),
    );
    let candidates = index.candidate_pairs(&store, LinkMode::DedupAndLink);
    let found = candidates
        .pairs()
        .iter()
        .filter(|&&(a, b)| data.is_true_pair(a.get(), b.get()))
        .count();
    (
        found as f64 / data.true_pair_count() as f64,
        candidates.pairs().len() as f64 / store.len() as f64,
    )
}

#[test]
fn default_blocking_finds_nearly_every_duplicate_in_one_source() {
    // Every entity in the CRM with all fields, half of them duplicated
    // with typos, nicknames, swaps, format changes, moves (FEBRL-style).
    let data = PeopleGenerator::builder()
        .entities(5000)
        .only(SourceKind::Crm)
        .duplicate_rate(SourceKind::Crm, 0.5)
        .build()
        .unwrap()
        .generate();
    let (completeness, per_record) = measure(&data);
    assert!(completeness >= 0.999, "pairs completeness {completeness}");
    assert!(per_record <= 2.0, "{per_record} candidate pairs per record");
}

#[test]
fn default_blocking_links_messy_sources() {
    // CRM, a newsletter with only given name and e-mail, support tickets
    // and messy web forms.
    let data = PeopleGenerator::builder()
        .entities(5000)
        .build()
        .unwrap()
        .generate();
    let (completeness, per_record) = measure(&data);
    assert!(completeness >= 0.96, "pairs completeness {completeness}");
    assert!(per_record <= 2.0, "{per_record} candidate pairs per record");
}
