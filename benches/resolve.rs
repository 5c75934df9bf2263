//! The whole job through the `Resolver` on generated person records
//! (four sources, about 48,000 records from 20,000 entities): ingest,
//! unsupervised training, blocking, scoring and clustering, on all cores.
//! The `sameas resolve` command (`cli/`) times the same at a million
//! records, CSV included.
//!
//!     cargo bench --bench resolve

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sameas::resolve::Resolver;
use sameas::synthetic::{PeopleGenerator, SyntheticData};

fn bench_resolve(c: &mut Criterion) {
    let data = PeopleGenerator::builder()
        .entities(20_000)
        .build()
        .expect("valid generator")
        .generate();
    let mut group = c.benchmark_group("resolve");
    group.sample_size(10);
    group.throughput(Throughput::Elements(data.record_count() as u64));
    group.bench_function("ingest to entities", |b| {
        b.iter(|| {
            let mut resolver =
                Resolver::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
            for source in data.sources() {
                resolver
                    .add_source(source.name(), source.is_duplicate_free(), source.records())
                    .expect("ingest");
            }
            resolver.resolve().expect("resolve").clustering().len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_resolve);
criterion_main!(benches);
