//! Live resolution on a state of generated person records (four sources,
//! about 48,000 records from 20,000 entities, resolved with the default
//! trained model): `match_record` of a new person, an upsert replacing an
//! existing record with another person's values, and a new record
//! upserted then erased (the state stays the same size). The documented
//! run at a million records, with percentiles, is `examples/live.rs`
//! (README, "Live resolution").
//!
//!     cargo bench --bench live

use criterion::{Criterion, criterion_group, criterion_main};
use sameas::live::{LiveResolution, LiveSettings};
use sameas::resolve::Resolver;
use sameas::synthetic::{PeopleGenerator, SyntheticData};
use sameas::{OwnedRecord, Record};

fn bench_live(c: &mut Criterion) {
    let data = PeopleGenerator::builder()
        .entities(20_000)
        .build()
        .expect("valid generator")
        .generate();
    let mut resolver =
        Resolver::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
    for source in data.sources() {
        resolver
            .add_source(source.name(), source.is_duplicate_free(), source.records())
            .expect("ingest");
    }
    let mut live =
        LiveResolution::from_resolution(resolver.resolve().expect("resolve"), LiveSettings::new())
            .expect("live state");
    // New people (another seed) under ids no source holds.
    let fresh = PeopleGenerator::builder()
        .seed(8)
        .entities(2_000)
        .build()
        .expect("valid generator")
        .generate();
    let incoming: Vec<(String, OwnedRecord)> = fresh
        .sources()
        .iter()
        .flat_map(|source| {
            source.records().iter().map(|record| {
                let mut copy = OwnedRecord::new(format!("new-{}", record.id().unwrap_or_default()));
                for (field, value) in record.fields() {
                    copy.set(field, value);
                }
                (source.name().to_string(), copy)
            })
        })
        .collect();
    let existing: Vec<(String, String)> = live
        .records()
        .step_by(7)
        .map(|(source, id, _)| (source.to_string(), id.to_string()))
        .collect();

    let mut group = c.benchmark_group("live");
    let mut next = 0usize;
    group.bench_function("match_record", |b| {
        b.iter(|| {
            next = (next + 1) % incoming.len();
            live.match_record(&incoming[next].1)
                .expect("match")
                .candidates
                .len()
        })
    });
    let mut next = 0usize;
    group.bench_function("upsert replacing a record", |b| {
        b.iter(|| {
            next += 1;
            let (source, id) = &existing[next % existing.len()];
            let mut replaced = OwnedRecord::new(id.clone());
            for (field, value) in incoming[next % incoming.len()].1.fields() {
                replaced.set(field, value);
            }
            live.upsert(source, &replaced).expect("upsert").len()
        })
    });
    let mut next = 0usize;
    group.bench_function("upsert then erase a new record", |b| {
        b.iter(|| {
            next = (next + 1) % incoming.len();
            let (source, record) = &incoming[next];
            let added = live.upsert(source, record).expect("upsert").len();
            let id = record.id().unwrap_or_default();
            added + live.erase(source, &id).expect("erase").len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_live);
criterion_main!(benches);
