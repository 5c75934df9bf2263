//! Live resolution at scale: load a state saved by `sameas resolve
//! --state`, time single changes against it, and write a file of changes
//! for `sameas apply`.
//!
//!     cargo run --release --example generate -- --entities 430000 --out gen
//!     head -c 32 /dev/urandom | base64 > key; export SAMEAS_KEY_FILE=key
//!     sameas resolve gen/crm.csv gen/newsletter.csv gen/support.csv gen/web.csv --state state --output out.csv
//!     cargo run --release --example live -- --state state [--ops 10000] [--changes gen/changes.csv --count 100000]
//!     sameas apply --state state gen/changes.csv --events events.csv
//!
//! The state's term frequencies are hashed under the key of the run that
//! made it: `--key-file FILE`, or the file `SAMEAS_KEY_FILE` names, as for
//! `sameas`.
//!
//! The timings: loading the state (snapshot and log), then per operation
//! (each timed alone) `match_record` of new generated people, `upsert`
//! of new records, `upsert` replacing existing records with other
//! values, and `erase` of existing records: median, 99th percentile and
//! maximum; then one `refresh_term_frequencies` taking the replaced and
//! erased records out of the counts. The state is changed in memory only
//! (nothing is saved).
//!
//! `--changes FILE` writes `--count` changes in the format of `sameas
//! apply`: 60 % new records (people generated with seed 8, ids prefixed
//! `new-`), 20 % replacements of existing records by other values, 20 %
//! erasures of existing records, in a fixed shuffled order.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use sameas::live::LiveStore;
use sameas::matcher::TermFrequencyKey;
use sameas::synthetic::PeopleGenerator;
use sameas::{OwnedRecord, Record};

fn main() {
    if let Err(message) = run() {
        eprintln!("error: {message}");
        eprintln!(
            "usage: live --state DIR [--key-file FILE] [--ops N] [--changes FILE] [--count N]"
        );
        std::process::exit(2);
    }
}

/// A small deterministic generator (SplitMix64).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn summary(name: &str, mut times: Vec<Duration>) {
    times.sort_unstable();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{name:<22} n {:>6}  median {:>8.1} µs  p99 {:>8.1} µs  max {:>9.1} µs",
        times.len(),
        at(0.5).as_secs_f64() * 1e6,
        at(0.99).as_secs_f64() * 1e6,
        times.last().copied().unwrap_or_default().as_secs_f64() * 1e6,
    );
}

fn run() -> Result<(), String> {
    let mut state_dir: Option<PathBuf> = None;
    let mut ops = 10_000usize;
    let mut changes: Option<PathBuf> = None;
    let mut count = 100_000usize;
    let mut key_file = std::env::var_os("SAMEAS_KEY_FILE").map(PathBuf::from);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--state" => state_dir = Some(PathBuf::from(value()?)),
            "--ops" => {
                ops = value()?
                    .replace('_', "")
                    .parse()
                    .map_err(|_| "--ops: not a number")?
            }
            "--key-file" => key_file = Some(PathBuf::from(value()?)),
            "--changes" => changes = Some(PathBuf::from(value()?)),
            "--count" => {
                count = value()?
                    .replace('_', "")
                    .parse()
                    .map_err(|_| "--count: not a number")?
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let dir = state_dir.ok_or("--state DIR is required")?;

    let key = match &key_file {
        Some(path) => {
            let secret = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Some(TermFrequencyKey::new(secret.trim_ascii_end()).map_err(|e| e.to_string())?)
        }
        None => None,
    };
    let started = Instant::now();
    let opened = match &key {
        Some(key) => LiveStore::open_with_key(&dir, key),
        None => LiveStore::open(&dir),
    };
    let mut state = opened.map_err(|e| e.to_string())?.into_state();
    println!(
        "loaded {} records in {} entities from {} in {:.2} s",
        state.len(),
        state.entity_count(),
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    let on_disk: u64 = std::fs::read_dir(&dir)
        .map_err(|e| e.to_string())?
        .filter_map(|entry| entry.ok()?.metadata().ok())
        .map(|meta| meta.len())
        .sum();
    println!("state on disk: {:.1} MB", on_disk as f64 / 1e6);

    // New people, and the existing records by source.
    let fresh = PeopleGenerator::builder()
        .seed(8)
        .entities((ops.max(count) / 2).max(1_000))
        .build()
        .map_err(|e| e.to_string())?
        .generate();
    let mut incoming: Vec<(String, OwnedRecord)> = Vec::new();
    for source in fresh.sources() {
        for record in source.records() {
            let mut copy = OwnedRecord::new(format!("new-{}", record.id().unwrap_or_default()));
            for (field, value) in record.fields() {
                copy.set(field, value);
            }
            incoming.push((source.name().to_string(), copy));
        }
    }
    let mut random = Random(12);
    for i in (1..incoming.len()).rev() {
        incoming.swap(i, random.below(i + 1));
    }
    let existing: Vec<(String, String)> = state
        .records()
        .map(|(source, id, _)| (source.to_string(), id.to_string()))
        .collect();

    if let Some(path) = &changes {
        write_changes(path, &incoming, &existing, count, &mut random)?;
    }

    let ops = ops.min(incoming.len() / 2);
    let mut times = Vec::with_capacity(ops);
    for (_, record) in incoming.iter().take(ops) {
        let at = Instant::now();
        let found = state.match_record(record).map_err(|e| e.to_string())?;
        times.push(at.elapsed());
        std::hint::black_box(found);
    }
    summary("match_record", std::mem::take(&mut times));
    for (source, record) in incoming.iter().take(ops) {
        let at = Instant::now();
        state.upsert(source, record).map_err(|e| e.to_string())?;
        times.push(at.elapsed());
    }
    summary("upsert (new)", std::mem::take(&mut times));
    // Replacements: an existing record takes another person's values.
    for (i, (_, record)) in incoming.iter().skip(ops).take(ops).enumerate() {
        let (source, id) = &existing[random.below(existing.len())];
        let _ = i;
        let mut replaced = OwnedRecord::new(id.clone());
        for (field, value) in record.fields() {
            replaced.set(field, value);
        }
        let at = Instant::now();
        state.upsert(source, &replaced).map_err(|e| e.to_string())?;
        times.push(at.elapsed());
    }
    summary("upsert (replace)", std::mem::take(&mut times));
    let mut erased = std::collections::HashSet::new();
    while times.len() < ops {
        let (source, id) = &existing[random.below(existing.len())];
        if !erased.insert((source.clone(), id.clone())) {
            continue;
        }
        let at = Instant::now();
        state.erase(source, id).map_err(|e| e.to_string())?;
        times.push(at.elapsed());
    }
    summary("erase", times);
    // The replaced and erased records leave the term-frequency counts in
    // one refresh (what `sameas apply` does after its last row).
    let pending = state.pending_term_frequencies();
    let at = Instant::now();
    let changes = state.refresh_term_frequencies();
    println!(
        "refresh_term_frequencies: {pending} counted values of {} replaced and erased records in {:.2} s ({} entity changes)",
        2 * ops,
        at.elapsed().as_secs_f64(),
        changes.len()
    );
    Ok(())
}

/// Writes `count` changes for `sameas apply`.
fn write_changes(
    path: &PathBuf,
    incoming: &[(String, OwnedRecord)],
    existing: &[(String, String)],
    count: usize,
    random: &mut Random,
) -> Result<(), String> {
    const COLUMNS: [&str; 8] = [
        "given", "family", "dob", "email", "phone", "address", "city", "postcode",
    ];
    let mut writer = csv::Writer::from_path(path).map_err(|e| e.to_string())?;
    let header = ["op", "source", "id"].into_iter().chain(COLUMNS);
    writer.write_record(header).map_err(|e| e.to_string())?;
    let mut erased = std::collections::HashSet::new();
    let mut next_new = 0usize;
    for _ in 0..count {
        let pick = random.below(10);
        if pick < 6 && next_new < incoming.len() {
            let (source, record) = &incoming[next_new];
            next_new += 1;
            let id = record.id().unwrap_or_default().into_owned();
            let values = COLUMNS.map(|column| record.field(column).unwrap_or_default());
            let row = ["upsert", source.as_str(), id.as_str()]
                .into_iter()
                .chain(values);
            writer.write_record(row).map_err(|e| e.to_string())?;
        } else {
            let (source, id) = &existing[random.below(existing.len())];
            if pick < 8 || !erased.insert((source.clone(), id.clone())) {
                let (_, other) = &incoming[random.below(incoming.len())];
                let values = COLUMNS.map(|column| other.field(column).unwrap_or_default());
                let row = ["upsert", source.as_str(), id.as_str()]
                    .into_iter()
                    .chain(values);
                writer.write_record(row).map_err(|e| e.to_string())?;
            } else {
                writer
                    .write_record([
                        "erase",
                        source.as_str(),
                        id.as_str(),
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                    ])
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    writer.flush().map_err(|e| e.to_string())?;
    println!("wrote {count} changes to {}", path.display());
    Ok(())
}
