//! Live resolution on a state of generated person records (four sources,
//! about 48,000 records from 20,000 entities, resolved with the default
//! trained model): `match_record` of a new person, an upsert replacing an
//! existing record with another person's values, and a new record
//! upserted then erased (the state stays the same size), a record of the
//! first batch erased and inserted again, and loading the saved state. The documented
//! run at a million records, with percentiles, is `examples/live.rs`
//! (README, "Live resolution").
//!
//!     cargo bench --bench live

use criterion::{Criterion, criterion_group, criterion_main};
use sameas::live::{LiveResolution, LiveSettings, LiveStore};
use sameas::matcher::TermFrequencyKey;
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
    let key = TermFrequencyKey::new("the live benchmark's secret").expect("key");
    resolver.term_frequency_key(key.clone());
    for source in data.sources() {
        resolver
            .add_source(source.name(), source.is_duplicate_free(), source.records())
            .expect("ingest");
    }
    let live =
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

    let dir = std::env::temp_dir().join(format!("sameas-bench-live-{}", std::process::id()));
    let kept = LiveStore::create(&dir, live).expect("save");
    let mut live = kept.into_state();

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
    // A record of the first batch (counted in the term frequencies the
    // first time round) erased, then inserted again with its values.
    let mut next = 0usize;
    group.bench_function("erase a record and insert it again", |b| {
        b.iter(|| {
            next += 1;
            let (source, id) = &existing[next % existing.len()];
            let values = live.record_values(source, id).expect("held");
            live.erase(source, id).expect("erase").len()
                + live.upsert(source, &values).expect("upsert").len()
        })
    });
    group.sample_size(10);
    group.bench_function("load the saved state", |b| {
        b.iter(|| {
            LiveStore::open_with_key(&dir, &key)
                .expect("load")
                .state()
                .len()
        })
    });
    group.finish();
    std::fs::remove_dir_all(&dir).ok();
}

criterion_group!(benches, bench_live);
criterion_main!(benches);
