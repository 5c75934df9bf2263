//! Ingest and block generated person records, and measure what blocking
//! costs and what it finds: time per stage, candidate pairs, pairs
//! completeness (the share of true duplicate pairs among the candidates)
//! and the reduction ratio.
//!
//!     cargo run --release --example blocking -- [ENTITIES] [--crm-only] [--rules] [--missed N]
//!
//! ENTITIES defaults to 400,000 (about a million records) spread over four
//! sources (CRM, newsletter, support, web); `--crm-only` puts every
//! entity in the CRM alone, with all fields (FEBRL-style deduplication).
//! Memory is read from `/proc/self/status` (Linux). `--missed N` prints N
//! true pairs that no blocker found, and `--rules` the true pairs each
//! blocker finds alone, for tuning the default blockers.

use std::time::Instant;

use sameas::block::{BlockingIndex, BlockingOptions, LinkMode, default_blockers};
use sameas::synthetic::{PeopleGenerator, SourceKind};
use sameas::{Record, RecordIndex};

fn main() {
    let mut entities = 400_000usize;
    let mut missed_to_show = 0usize;
    let mut per_rule = false;
    let mut crm_only = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--missed" => missed_to_show = args.next().and_then(|n| n.parse().ok()).unwrap_or(10),
            "--rules" => per_rule = true,
            "--crm-only" => crm_only = true,
            other => match other.replace('_', "").parse() {
                Ok(n) => entities = n,
                Err(_) => {
                    eprintln!("usage: blocking [ENTITIES] [--crm-only] [--rules] [--missed N]");
                    std::process::exit(2);
                }
            },
        }
    }

    let started = Instant::now();
    let mut builder = PeopleGenerator::builder();
    builder.entities(entities);
    if crm_only {
        // One source with every field: FEBRL-style deduplication.
        builder
            .only(SourceKind::Crm)
            .duplicate_rate(SourceKind::Crm, 0.5);
    }
    let generator = match builder.build() {
        Ok(generator) => generator,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(2);
        }
    };
    let data = generator.generate();
    let generated = started.elapsed();
    let rss_before = memory_kib("VmRSS");
    let peak_generating = memory_kib("VmHWM");

    let started = Instant::now();
    let store = match data.prepared_store() {
        Ok(store) => store,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(1);
        }
    };
    let ingested = started.elapsed();
    let rss_ingested = memory_kib("VmRSS");
    let peak_ingested = memory_kib("VmHWM");

    // The truth is all the rest of the run needs; the host's records can
    // go (freeing a million of them is not part of sameas's time).
    let entities: Vec<u32> = (0..data.record_count())
        .map(|index| data.entity(index).unwrap_or(u32::MAX))
        .collect();
    let (true_pairs, entity_count) = (data.true_pair_count(), data.entity_count());
    let data = (per_rule || missed_to_show > 0).then_some(data);
    let rss_input_dropped = memory_kib("VmRSS");
    let same_entity = |a: RecordIndex, b: RecordIndex| entities[a.get()] == entities[b.get()];

    let started = Instant::now();
    let blockers = default_blockers(store.schema());
    let index = BlockingIndex::build(&store, blockers, BlockingOptions::default());
    let indexed = started.elapsed();
    let rss_indexed = memory_kib("VmRSS");
    let peak_indexed = memory_kib("VmHWM");
    let candidates = index.candidate_pairs(&store, LinkMode::DedupAndLink);
    let paired = started.elapsed() - indexed;
    let blocked = ingested + indexed + paired;

    let found = candidates
        .pairs()
        .iter()
        .filter(|&&(a, b)| same_entity(a, b))
        .count() as u64;
    let reachable = reachable_true_pairs(&entities, candidates.pairs(), same_entity);
    let records = store.len() as u64;
    let all_pairs = records * records.saturating_sub(1) / 2;
    let pairs = candidates.pairs().len() as u64;

    println!(
        "records            {records} ({entity_count} entities, generated in {generated:.2?})"
    );
    println!("ingest             {ingested:.2?}");
    println!("index              {indexed:.2?}");
    println!("candidate pairs    {paired:.2?}");
    println!("ingest + block     {blocked:.2?}");
    println!("candidates         {pairs}");
    println!("true pairs         {true_pairs}");
    println!(
        "pairs completeness {:.4}",
        found as f64 / true_pairs.max(1) as f64
    );
    println!(
        "reachable          {:.4} (true pairs joined by a chain of true candidate pairs)",
        reachable as f64 / true_pairs.max(1) as f64
    );
    println!(
        "pairs quality      {:.4}",
        found as f64 / pairs.max(1) as f64
    );
    println!(
        "reduction ratio    {:.6}",
        1.0 - pairs as f64 / all_pairs.max(1) as f64
    );
    if let (Some(before), Some(ingested), Some(dropped), Some(indexed), Some(now)) = (
        rss_before,
        rss_ingested,
        rss_input_dropped,
        rss_indexed,
        memory_kib("VmRSS"),
    ) {
        println!(
            "memory held        store {} MiB, index {} MiB, pairs {} MiB",
            ingested.saturating_sub(before) / 1024,
            indexed.saturating_sub(dropped) / 1024,
            now.saturating_sub(indexed) / 1024
        );
    }
    if let (Some(ingesting), Some(indexing)) = (peak_ingested, peak_indexed) {
        println!(
            "peak by stage      {} MiB after ingest, {} MiB after index",
            ingesting / 1024,
            indexing / 1024
        );
    }
    if let (Some(peak), Some(generating), Some(input)) =
        (memory_kib("VmHWM"), peak_generating, rss_before)
    {
        println!(
            "peak memory        {} MiB (whole process; {} MiB while generating, input {} MiB)",
            peak / 1024,
            generating / 1024,
            input / 1024
        );
    }
    print!("{}", candidates.stats());

    if per_rule {
        // True pairs each rule finds, and those no other rule finds.
        let mut found_by: std::collections::HashMap<(RecordIndex, RecordIndex), u32> =
            Default::default();
        let mut per_rule_found = Vec::new();
        for blocker in default_blockers(store.schema()) {
            let name = blocker.name();
            let index = BlockingIndex::build(&store, vec![blocker], BlockingOptions::default());
            let pairs = index
                .candidate_pairs(&store, LinkMode::DedupAndLink)
                .into_pairs();
            let true_found: Vec<_> = pairs
                .into_iter()
                .filter(|&(a, b)| same_entity(a, b))
                .collect();
            for pair in &true_found {
                *found_by.entry(*pair).or_default() |= 1 << per_rule_found.len();
            }
            per_rule_found.push((name, true_found.len()));
        }
        for (bit, (name, count)) in per_rule_found.iter().enumerate() {
            let only = found_by.values().filter(|&&mask| mask == 1 << bit).count();
            println!("  rule {name}: {count} true pairs, {only} found by no other rule");
        }
    }

    if missed_to_show > 0 {
        let data = data.as_ref().expect("kept for --missed");
        let found: std::collections::HashSet<(RecordIndex, RecordIndex)> =
            candidates.pairs().iter().copied().collect();
        let show = |index: RecordIndex| {
            let record = data.record(index.get()).expect("record of the data set");
            let fields: Vec<String> = ["given", "family", "dob", "email", "phone", "postcode"]
                .iter()
                .map(|field| record.field(field).unwrap_or("-").to_string())
                .collect();
            format!(
                "{:>14} {}",
                record.id().as_deref().unwrap_or("?"),
                fields.join(" | ")
            )
        };
        let mut shown = 0;
        for (a, b) in data.true_pairs() {
            let pair = (RecordIndex::from_position(a), RecordIndex::from_position(b));
            if !found.contains(&pair) {
                println!("missed:\n  {}\n  {}", show(pair.0), show(pair.1));
                shown += 1;
                if shown == missed_to_show {
                    break;
                }
            }
        }
    }
}

/// The true pairs whose records a chain of true candidate pairs joins:
/// what clustering can recover even where blocking missed the direct pair.
fn reachable_true_pairs(
    entities: &[u32],
    pairs: &[(RecordIndex, RecordIndex)],
    same_entity: impl Fn(RecordIndex, RecordIndex) -> bool,
) -> u64 {
    let mut parent: Vec<usize> = (0..entities.len()).collect();
    fn root(parent: &mut [usize], mut node: usize) -> usize {
        while parent[node] != node {
            parent[node] = parent[parent[node]];
            node = parent[node];
        }
        node
    }
    for &(a, b) in pairs.iter().filter(|&&(a, b)| same_entity(a, b)) {
        let (ra, rb) = (root(&mut parent, a.get()), root(&mut parent, b.get()));
        parent[ra.max(rb)] = ra.min(rb);
    }
    let mut component_sizes = std::collections::HashMap::<usize, u64>::new();
    for node in 0..entities.len() {
        *component_sizes.entry(root(&mut parent, node)).or_default() += 1;
    }
    component_sizes
        .values()
        .map(|&size| size * (size - 1) / 2)
        .sum()
}

/// A memory figure of this process from /proc (Linux), in KiB.
fn memory_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
