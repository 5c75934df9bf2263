//! Cluster scored candidate pairs of generated person records and measure
//! what the chain guard buys over plain connected components: pairwise
//! precision, recall and F1 against the truth, the largest entity, and
//! time.
//!
//!     cargo run --release --example clustering -- [ENTITIES] [--scale]
//!
//! ENTITIES defaults to 50,000 (about 125,000 records in four sources,
//! with households, twins, namesakes and moved people). Pairs come from
//! the default blockers and are scored by a naive stand-in matcher
//! (`tests/support/stand_in_scorer.rs`: fixed per-field weights) that
//! falls for households and namesakes the way real matchers do.
//! `--scale` also times clustering a million records with ten million
//! random pairs.

#[path = "../tests/support/stand_in_scorer.rs"]
mod stand_in_scorer;

use std::time::Instant;

use sameas::block::{BlockingIndex, BlockingOptions, LinkMode, default_blockers};
use sameas::cluster::{ClusterOptions, ScoredPair, cluster};
use sameas::matcher::Score;
use sameas::synthetic::PeopleGenerator;
use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};

use stand_in_scorer::{StandInScorer, pairwise_scores};

fn main() -> Result<(), sameas::Error> {
    let mut entities = 50_000usize;
    let mut scale = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--scale" => scale = true,
            other => match other.replace('_', "").parse() {
                Ok(n) => entities = n,
                Err(_) => {
                    eprintln!("usage: clustering [ENTITIES] [--scale]");
                    std::process::exit(2);
                }
            },
        }
    }

    let data = PeopleGenerator::builder()
        .seed(7)
        .entities(entities)
        .build()?
        .generate();
    let store = data.prepared_store()?;
    let truth: Vec<u32> = (0..data.record_count())
        .map(|index| data.entity(index).unwrap_or(u32::MAX))
        .collect();
    let index = BlockingIndex::build(
        &store,
        default_blockers(store.schema()),
        BlockingOptions::new(),
    );
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
    let accepted_true = scored
        .iter()
        .filter(|pair| {
            pair.score.probability() >= 0.5 && truth[pair.a.get()] == truth[pair.b.get()]
        })
        .count();
    let accepted = scored
        .iter()
        .filter(|pair| pair.score.probability() >= 0.5)
        .count();
    println!(
        "scorer alone at p >= 0.5: {accepted} pairs accepted, precision {:.4}",
        accepted_true as f64 / accepted.max(1) as f64
    );

    let configurations: Vec<(&str, ClusterOptions)> = vec![
        (
            "connected components",
            ClusterOptions::builder()
                .without_guard()
                .one_to_one(false)
                .build()?,
        ),
        (
            "components + one-to-one",
            ClusterOptions::builder().without_guard().build()?,
        ),
        ("guard 0.99 / 0.5 (default)", ClusterOptions::new()),
        (
            "guard 0.99 / 0.3",
            ClusterOptions::builder().guard(0.99, 0.3).build()?,
        ),
        (
            "guard 0.99 / 0.7",
            ClusterOptions::builder().guard(0.99, 0.7).build()?,
        ),
        (
            "guard 0.999 / 0.5",
            ClusterOptions::builder().guard(0.999, 0.5).build()?,
        ),
        (
            "guard every merge / 0.5",
            ClusterOptions::builder()
                .guard(f64::INFINITY, 0.5)
                .build()?,
        ),
    ];
    println!(
        "{:<28} {:>9} {:>9} {:>9} {:>8} {:>9} {:>8} {:>9}",
        "clustering", "precision", "recall", "F1", "largest", "entities", "refused", "time"
    );
    for (name, options) in &configurations {
        let started = Instant::now();
        let clustering = cluster(&store, &scored, options)?;
        let elapsed = started.elapsed();
        let scores = pairwise_scores(
            clustering.entities().map(|entity| entity.members()),
            &truth,
            data.true_pair_count(),
        );
        let diagnostics = clustering.diagnostics();
        println!(
            "{:<28} {:>9.4} {:>9.4} {:>9.4} {:>8} {:>9} {:>8} {:>9.2?}",
            name,
            scores.precision,
            scores.recall,
            scores.f1,
            diagnostics.largest_size(),
            clustering.len(),
            diagnostics.refused_by_guard + diagnostics.refused_by_one_to_one,
            elapsed
        );
    }
    println!(
        "\ndefault options:\n{}",
        cluster(&store, &scored, &ClusterOptions::new())?.diagnostics()
    );

    if scale {
        scale_run()?;
    }
    Ok(())
}

/// A million records, ten million random pairs with random probabilities.
fn scale_run() -> Result<(), sameas::Error> {
    const RECORDS: usize = 1_000_000;
    const PAIRS: usize = 10_000_000;
    let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    let mut store = PreparedStore::new(schema);
    let source = store.add_source("crm", false)?;
    let records: Vec<OwnedRecord> = (0..RECORDS)
        .map(|n| OwnedRecord::new(format!("{n:07}")))
        .collect();
    store.ingest(source, &records)?;
    drop(records);
    // SplitMix64: reproducible without a dependency.
    let mut state = 7u64;
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut pairs = Vec::with_capacity(PAIRS);
    while pairs.len() < PAIRS {
        let a = (next() % RECORDS as u64) as usize;
        // Mostly near neighbours (like blocks), so components stay
        // realistic rather than one random giant.
        let b = (a + 1 + (next() % 64) as usize) % RECORDS;
        // Most candidate pairs are non-matches.
        let probability = (next() >> 11) as f64 / (1u64 << 53) as f64;
        let probability = probability * probability * probability;
        pairs.push(ScoredPair::new(
            RecordIndex::from_position(a),
            RecordIndex::from_position(b),
            Score::from_probability(probability),
        ));
    }
    for (name, options) in [
        (
            "connected components",
            ClusterOptions::builder().without_guard().build()?,
        ),
        ("guard (default)", ClusterOptions::new()),
    ] {
        let started = Instant::now();
        let clustering = cluster(&store, &pairs, &options)?;
        println!(
            "scale, {name}: {RECORDS} records, {PAIRS} pairs ({} accepted) in {:.2?}; {} entities, largest {}",
            clustering.diagnostics().accepted_pairs,
            started.elapsed(),
            clustering.len(),
            clustering.diagnostics().largest_size()
        );
    }
    Ok(())
}
