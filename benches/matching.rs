//! Scoring and training on generated person records (four sources, about
//! 48,000 records from 20,000 entities): the per-pair cost of the default
//! Fellegi-Sunter model on realistic candidate pairs (eight fields, from
//! default blocking), one core, and the whole unsupervised training on
//! all cores. And the per-pair cost on inventor mentions (about 19,000
//! from 5,000 inventors: names, places, an employer, co-inventors and
//! classes as sets, a title as text), where word-set comparisons of the
//! title and the employer dominate.
//!
//!     cargo bench --bench matching

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sameas::block::{BlockingIndex, BlockingOptions, LinkMode, default_blockers};
use sameas::matcher::{FellegiSunter, Matcher, Trainer};
use sameas::synthetic::PeopleGenerator;
use sameas::synthetic::shapes::InventorGenerator;
use sameas::{PreparedStore, RecordIndex};

/// The default blocking's candidate pairs of `store` and a model trained
/// on it.
fn pairs_and_model(store: &PreparedStore) -> (Vec<(RecordIndex, RecordIndex)>, FellegiSunter) {
    let pairs = BlockingIndex::build(
        store,
        default_blockers(store.schema()),
        BlockingOptions::new(),
    )
    .candidate_pairs(store, LinkMode::DedupAndLink)
    .into_pairs();
    let model = Trainer::new(store).train().expect("trainable");
    (pairs, model)
}

/// Scores every pair on one core (the sum keeps the work from being
/// optimised away).
fn score_all(
    store: &PreparedStore,
    pairs: &[(RecordIndex, RecordIndex)],
    model: &FellegiSunter,
) -> f64 {
    pairs
        .iter()
        .map(|&(a, b)| {
            let (a, b) = (store.record(a).expect("a"), store.record(b).expect("b"));
            model.score(&a, &b).weight()
        })
        .sum()
}

fn bench_matching(c: &mut Criterion) {
    let data = PeopleGenerator::builder()
        .entities(20_000)
        .build()
        .expect("valid generator")
        .generate();
    let store = data.prepared_store().expect("ingest");
    let (pairs, model) = pairs_and_model(&store);

    let mut group = c.benchmark_group("matching");
    group.sample_size(20);
    group.throughput(Throughput::Elements(pairs.len() as u64));
    group.bench_function("score candidate pairs (one core)", |b| {
        b.iter(|| score_all(&store, &pairs, &model))
    });
    group.throughput(Throughput::Elements(store.len() as u64));
    group.sample_size(10);
    group.bench_function("train (all cores)", |b| {
        b.iter(|| Trainer::new(&store).train().expect("trainable"))
    });
    group.finish();
}

fn bench_inventors(c: &mut Criterion) {
    let data = InventorGenerator::builder()
        .entities(5_000)
        .seed(9)
        .build()
        .expect("valid generator")
        .generate();
    let store = data.prepared_store().expect("ingest");
    let (pairs, model) = pairs_and_model(&store);

    let mut group = c.benchmark_group("matching");
    group.sample_size(10);
    group.throughput(Throughput::Elements(pairs.len() as u64));
    group.bench_function("score inventor pairs (one core)", |b| {
        b.iter(|| score_all(&store, &pairs, &model))
    });
    group.finish();
}

criterion_group!(benches, bench_matching, bench_inventors);
criterion_main!(benches);
