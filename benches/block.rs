//! Ingestion and blocking over generated person records (four sources,
//! about 48,000 records from 20,000 entities): the stages the
//! `blocking` example times at a million records.
//!
//!     cargo bench --bench block

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sameas::block::{BlockingIndex, BlockingOptions, LinkMode, default_blockers};
use sameas::synthetic::PeopleGenerator;

fn bench_blocking(c: &mut Criterion) {
    let data = PeopleGenerator::builder()
        .entities(20_000)
        .build()
        .expect("valid generator")
        .generate();
    let prepare = || data.prepared_store().expect("ingest");
    let store = prepare();
    let mut group = c.benchmark_group("blocking");
    group.sample_size(20);
    group.throughput(Throughput::Elements(store.len() as u64));
    group.bench_function("ingest", |b| b.iter(prepare));
    group.bench_function("index", |b| {
        b.iter(|| {
            BlockingIndex::build(
                &store,
                default_blockers(store.schema()),
                BlockingOptions::new(),
            )
        })
    });
    let index = BlockingIndex::build(
        &store,
        default_blockers(store.schema()),
        BlockingOptions::new(),
    );
    group.bench_function("candidate_pairs", |b| {
        b.iter(|| index.candidate_pairs(&store, LinkMode::DedupAndLink))
    });
    group.finish();
}

criterion_group!(benches, bench_blocking);
criterion_main!(benches);
