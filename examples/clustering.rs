//! Cluster scored candidate pairs of generated person records and measure
//! what the chain guard buys over plain connected components (pairwise
//! P / R / F1 against the truth via `sameas::eval`, largest entity, time).
//!
//!     cargo run --release --example clustering -- [ENTITIES] [--scale]
//!
//! ENTITIES defaults to 50,000 (about 125,000 records in four sources).
//! A naive stand-in matcher (`tests/support/stand_in_scorer.rs`, fixed
//! per-field weights) scores the default blockers' pairs and falls for
//! households and namesakes the way real matchers do. `--scale` also
//! times a million records with ten million random pairs.

#[allow(dead_code)] // its `pairwise_scores` serves `tests/cluster.rs`
#[path = "../tests/support/stand_in_scorer.rs"]
mod stand_in_scorer;

use std::error::Error;
use std::time::Instant;

use sameas::block::{BlockingIndex, BlockingOptions, LinkMode, default_blockers_for};
use sameas::cluster::{ClusterOptions, ScoredPair, cluster};
use sameas::eval::{Scope, evaluate_clustering, evaluate_pairs};
use sameas::matcher::Score;
use sameas::synthetic::PeopleGenerator;
use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};

use stand_in_scorer::StandInScorer;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let entities = match args.iter().find(|arg| !arg.starts_with("--")) {
        Some(number) => number.replace('_', "").parse()?,
        None => 50_000,
    };
    let data = PeopleGenerator::builder()
        .seed(7)
        .entities(entities)
        .build()?
        .generate();
    let store = data.prepared_store()?;
    let truth: Vec<u32> = (0..data.record_count())
        .map(|index| data.entity(index).unwrap_or(u32::MAX))
        .collect();
    let blockers = default_blockers_for(&store);
    let index = BlockingIndex::build(&store, blockers, BlockingOptions::default());
    let candidates = index.candidate_pairs(&store, LinkMode::DedupAndLink);
    let started = Instant::now();
    let scored = StandInScorer::new(&store).score(&store, candidates.pairs());
    println!(
        "{} records, {} entities, {} candidate pairs scored in {:.2?}, {} true pairs",
        store.len(),
        data.entity_count(),
        scored.len(),
        started.elapsed(),
        data.true_pair_count()
    );
    let scope = Scope::all_pairs();
    let accepted: Vec<_> = scored
        .iter()
        .filter(|pair| pair.score.probability() >= 0.5)
        .map(|pair| (pair.a, pair.b))
        .collect();
    let precision = evaluate_pairs(&accepted, &truth, &scope)?.precision();
    let accepted = accepted.len();
    println!("scorer alone at p >= 0.5: {accepted} pairs accepted, precision {precision:.4}");

    println!(
        "{:<28} {:>9} {:>9} {:>9} {:>8} {:>9} {:>8} {:>9}",
        "clustering", "precision", "recall", "F1", "largest", "entities", "refused", "time"
    );
    // From plain connected components to a guard on every merge.
    for (name, guard, one_to_one) in [
        ("connected components", None, false),
        ("components + one-to-one", None, true),
        ("guard 0.99 / 0.5 (default)", Some((0.99, 0.5)), true),
        ("guard 0.99 / 0.3", Some((0.99, 0.3)), true),
        ("guard 0.99 / 0.7", Some((0.99, 0.7)), true),
        ("guard 0.999 / 0.5", Some((0.999, 0.5)), true),
        ("guard every merge / 0.5", Some((f64::INFINITY, 0.5)), true),
    ] {
        let mut builder = ClusterOptions::builder();
        match guard {
            Some((strong, support)) => builder.guard(strong, support),
            None => builder.without_guard(),
        };
        let options = builder.one_to_one(one_to_one).build()?;
        let started = Instant::now();
        let clustering = cluster(&store, &scored, &options)?;
        let elapsed = started.elapsed();
        let evaluation = evaluate_clustering(&clustering.labels(), &truth, &scope)?;
        let (pairwise, diagnostics) = (evaluation.pairwise(), clustering.diagnostics());
        println!(
            "{:<28} {:>9.4} {:>9.4} {:>9.4} {:>8} {:>9} {:>8} {:>9.2?}",
            name,
            pairwise.precision(),
            pairwise.recall(),
            pairwise.f1(),
            diagnostics.largest_size(),
            clustering.len(),
            diagnostics.refused_by_guard + diagnostics.refused_by_one_to_one,
            elapsed
        );
    }
    let clustering = cluster(&store, &scored, &ClusterOptions::new())?;
    println!("\ndefault options:\n{}", clustering.diagnostics());
    if args.iter().any(|arg| arg == "--scale") {
        scale_run()?;
    }
    Ok(())
}

/// A million records, ten million random pairs with random probabilities.
fn scale_run() -> Result<(), sameas::Error> {
    const RECORDS: u64 = 1_000_000;
    let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
    let source = store.add_source("crm", false)?;
    let records: Vec<_> = (0..RECORDS)
        .map(|n| OwnedRecord::new(format!("{n:07}")))
        .collect();
    store.ingest(source, &records)?;
    drop(records);
    // SplitMix64: reproducible without a dependency.
    let mut state = 7u64;
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let z = (state ^ (state >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        let z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let record = |n: u64| RecordIndex::from_position((n % RECORDS) as usize);
    // Mostly near neighbours (like blocks), so components stay realistic
    // rather than one random giant; most pairs are non-matches.
    let pairs: Vec<ScoredPair> = (0..10_000_000)
        .map(|_| {
            let a = next() % RECORDS;
            let b = a + 1 + next() % 64;
            let p = (next() >> 11) as f64 / (1u64 << 53) as f64;
            ScoredPair::new(record(a), record(b), Score::from_probability(p * p * p))
        })
        .collect();
    let components = ClusterOptions::builder().without_guard().build()?;
    for (name, options) in [
        ("connected components", components),
        ("guard (default)", ClusterOptions::new()),
    ] {
        let started = Instant::now();
        let clustering = cluster(&store, &pairs, &options)?;
        let (took, diagnostics) = (started.elapsed(), clustering.diagnostics());
        println!(
            "scale, {name}: {RECORDS} records, {} pairs ({} accepted) in {took:.2?}; {} entities, largest {}",
            pairs.len(),
            diagnostics.accepted_pairs,
            clustering.len(),
            diagnostics.largest_size()
        );
    }
    Ok(())
}
