//! Ingest and block generated person records, and measure what blocking
//! costs and what it finds: time per stage, candidate pairs, pairs
//! completeness (the share of true pairs among the candidates) and the
//! reduction ratio.
//!
//!     cargo run --release --example blocking -- [ENTITIES] [--crm-only] [--rules]
//!
//! ENTITIES defaults to 400,000 (about a million records) spread over four
//! sources (CRM, newsletter, support, web); `--crm-only` puts every
//! entity in the CRM alone, with all fields (FEBRL-style deduplication).
//! `--rules` prints the true pairs each default blocker finds alone, for
//! tuning them. Memory figures come from `/proc/self/status` (Linux only).

use std::collections::HashMap;
use std::error::Error;
use std::time::Instant;

use sameas::RecordIndex;
use sameas::block::{BlockingIndex, BlockingOptions, LinkMode, default_blockers_for};
use sameas::cluster::{ClusterOptions, ScoredPair, cluster};
use sameas::eval::{Scope, evaluate_clustering, evaluate_pairs};
use sameas::matcher::Score;
use sameas::synthetic::{PeopleGenerator, SourceKind};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|arg| arg == name);
    let entities = match args.iter().find(|arg| !arg.starts_with("--")) {
        Some(number) => number.replace('_', "").parse()?,
        None => 400_000,
    };

    let started = Instant::now();
    let mut builder = PeopleGenerator::builder();
    builder.entities(entities);
    if flag("--crm-only") {
        builder
            .only(SourceKind::Crm)
            .duplicate_rate(SourceKind::Crm, 0.5);
    }
    let data = builder.build()?.generate();
    let generated = started.elapsed();
    let rss_input = memory_kib("VmRSS");

    // Ingestion: every record read once into the prepared store.
    let started = Instant::now();
    let store = data.prepared_store()?;
    let ingested = started.elapsed();
    let rss_ingested = memory_kib("VmRSS");
    // The truth is all the rest needs; the host's records can go.
    let truth: Vec<u32> = (0..data.record_count())
        .map(|index| data.entity(index).unwrap_or(u32::MAX))
        .collect();
    let entity_count = data.entity_count();
    drop(data);
    let rss_dropped = memory_kib("VmRSS");

    // Blocking: keys chosen from the field kinds, then the pairs that
    // share a key, each pair once.
    let started = Instant::now();
    let blockers = default_blockers_for(&store);
    let index = BlockingIndex::build(&store, blockers, BlockingOptions::default());
    let indexed = started.elapsed();
    let rss_indexed = memory_kib("VmRSS");
    let candidates = index.candidate_pairs(&store, LinkMode::DedupAndLink);
    let paired = started.elapsed() - indexed;
    let rss_pairs = memory_kib("VmRSS");

    // Recall of the candidates is their pairs completeness; precision,
    // their pairs quality.
    let scope = Scope::all_pairs();
    let quality = evaluate_pairs(candidates.pairs(), &truth, &scope)?;
    // True pairs a chain of true candidate pairs joins: what clustering
    // can still recover where blocking missed the direct pair.
    let true_candidates: Vec<ScoredPair> = candidates
        .pairs()
        .iter()
        .filter(|(a, b)| truth[a.get()] == truth[b.get()])
        .map(|&(a, b)| ScoredPair::new(a, b, Score::from_probability(1.0)))
        .collect();
    let chains = ClusterOptions::builder()
        .without_guard()
        .one_to_one(false)
        .build()?;
    let components = cluster(&store, &true_candidates, &chains)?.labels();
    let reachable = evaluate_clustering(&components, &truth, &scope)?;

    let records = store.len() as u64;
    let all_pairs = records * records.saturating_sub(1) / 2;
    let pairs = quality.predicted_pairs();
    let reduction = 1.0 - pairs as f64 / all_pairs.max(1) as f64;
    println!(
        "records            {records} ({entity_count} entities, generated in {generated:.2?})"
    );
    println!("ingest             {ingested:.2?}");
    println!("index              {indexed:.2?}");
    println!("candidate pairs    {paired:.2?}");
    println!("ingest + block     {:.2?}", ingested + indexed + paired);
    println!("candidates         {pairs}");
    println!("true pairs         {}", quality.true_pairs());
    println!("pairs completeness {:.4}", quality.recall());
    println!(
        "reachable          {:.4} (true pairs joined by a chain of true candidate pairs)",
        reachable.pairwise().recall()
    );
    println!("pairs quality      {:.4}", quality.precision());
    println!("reduction ratio    {reduction:.6}");
    let held = |from: Option<u64>, to: Option<u64>| Some(to?.saturating_sub(from?) / 1024);
    if let (Some(store), Some(index), Some(pairs)) = (
        held(rss_input, rss_ingested),
        held(rss_dropped, rss_indexed),
        held(rss_indexed, rss_pairs),
    ) {
        println!("memory held        store {store} MiB, index {index} MiB, pairs {pairs} MiB");
    }
    if let Some(peak) = memory_kib("VmHWM") {
        println!("peak memory        {} MiB (whole process)", peak / 1024);
    }
    print!("{}", candidates.stats());

    if flag("--rules") {
        // True pairs each rule finds, and those no other rule finds.
        let mut found_by: HashMap<(RecordIndex, RecordIndex), u32> = HashMap::new();
        let mut per_rule = Vec::new();
        for (bit, blocker) in default_blockers_for(&store).into_iter().enumerate() {
            let name = blocker.name();
            let index = BlockingIndex::build(&store, vec![blocker], BlockingOptions::default());
            let mut count = 0;
            for pair in index
                .candidate_pairs(&store, LinkMode::DedupAndLink)
                .into_pairs()
            {
                if truth[pair.0.get()] == truth[pair.1.get()] {
                    *found_by.entry(pair).or_default() |= 1 << bit;
                    count += 1;
                }
            }
            per_rule.push((name, count));
        }
        for (bit, (name, count)) in per_rule.iter().enumerate() {
            let only = found_by.values().filter(|&&mask| mask == 1 << bit).count();
            println!("  rule {name}: {count} true pairs, {only} found by no other rule");
        }
    }
    Ok(())
}

/// A memory figure of this process from /proc (Linux), in KiB.
fn memory_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
