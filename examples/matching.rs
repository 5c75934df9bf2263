//! Train a Fellegi-Sunter model on generated person records without
//! labels, score the candidate pairs, cluster them, and measure
//! precision, recall and F1 against the known truth (`sameas::eval`).
//!
//!     cargo run --release --example matching -- [ENTITIES] [--crm-only] [--threshold P] [--errors N]
//!
//! ENTITIES defaults to 10,000 (about 24,000 records over four sources);
//! `--crm-only` makes one FEBRL-style source with every field.
//! `--errors N` prints N false matches and N missed matches with their
//! explanations.

use std::error::Error;
use std::time::Instant;

use sameas::RecordIndex;
use sameas::block::{BlockingIndex, BlockingOptions, LinkMode, default_blockers_for};
use sameas::cluster::{ClusterOptions, ScoredPair, cluster};
use sameas::eval::{Scope, evaluate_clustering, evaluate_pairs};
use sameas::matcher::{Matcher, Reveal, Trainer, score_pairs};
use sameas::synthetic::{PeopleGenerator, SourceKind};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| args.iter().skip_while(|arg| *arg != name).nth(1);
    let entities = match args.first().filter(|arg| !arg.starts_with("--")) {
        Some(number) => number.replace('_', "").parse()?,
        None => 10_000,
    };
    let threshold: f64 = value("--threshold").map_or(Ok(0.5), |p| p.parse())?;
    let errors: usize = value("--errors").map_or(Ok(0), |n| n.parse())?;

    let mut builder = PeopleGenerator::builder();
    builder.entities(entities);
    if args.iter().any(|arg| arg == "--crm-only") {
        builder
            .only(SourceKind::Crm)
            .duplicate_rate(SourceKind::Crm, 0.5);
    }
    let data = builder.build()?.generate();
    let store = data.prepared_store()?;
    let truth: Vec<u32> = (0..store.len())
        .map(|index| data.entity(index).unwrap_or(u32::MAX))
        .collect();
    let is_true = |pair: &(RecordIndex, RecordIndex)| truth[pair.0.get()] == truth[pair.1.get()];

    // No labels: u from random pairs, m and the prior by EM.
    let started = Instant::now();
    let model = Trainer::new(&store).train()?;
    let trained = started.elapsed();
    let blockers = default_blockers_for(&store);
    let index = BlockingIndex::build(&store, blockers, BlockingOptions::default());
    let candidates = index
        .candidate_pairs(&store, LinkMode::DedupAndLink)
        .into_pairs();
    let started = Instant::now();
    let scores = score_pairs(&model, &store, &candidates);
    let scoring = started.elapsed();
    let scored: Vec<_> = candidates.iter().copied().zip(scores).collect();
    let accepted: Vec<ScoredPair> = scored
        .iter()
        .filter(|(_, score)| score.probability() >= threshold)
        .map(|&((a, b), score)| ScoredPair::new(a, b, score))
        .collect();

    // Pairwise figures over every true pair: recall includes what
    // blocking missed.
    let scope = Scope::all_pairs();
    let matched: Vec<_> = accepted.iter().map(|pair| (pair.a, pair.b)).collect();
    let pairs = evaluate_pairs(&matched, &truth, &scope)?;
    let blocking = evaluate_pairs(&candidates, &truth, &scope)?;
    println!("records            {}", store.len());
    println!("candidate pairs    {}", candidates.len());
    println!("training           {trained:.2?}");
    println!(
        "scoring            {scoring:.2?} ({:.0} ns per pair on all cores)",
        scoring.as_nanos() as f64 / candidates.len().max(1) as f64
    );
    println!("prior              {:.3e}", model.prior());
    println!("threshold          {threshold}");
    println!("precision          {:.4}", pairs.precision());
    println!(
        "recall             {:.4} (of all true pairs; blocking found {:.4})",
        pairs.recall(),
        blocking.recall()
    );
    println!("F1                 {:.4}", pairs.f1());
    // Each level with its weight, and the m the truth shows (the share
    // of true candidate pairs with both values reaching it).
    for comparison in model.comparisons() {
        let mut reached = vec![0u64; comparison.levels().len()];
        for &(a, b) in candidates.iter().filter(|pair| is_true(pair)) {
            if let (Some(x), Some(y)) = (store.record(a), store.record(b)) {
                if let Some(level) = comparison.level(&x, &y) {
                    reached[level] += 1;
                }
            }
        }
        let present = reached.iter().sum::<u64>().max(1) as f64;
        println!("  {}", comparison.name());
        for (level, &count) in comparison.levels().iter().zip(&reached) {
            let (label, weight, m) = (level.label(), level.weight(), level.m());
            let seen = count as f64 / present;
            println!("      {label} {weight:+.1} (m {m:.3}, true {seen:.3})");
        }
    }
    for session in model.training().map_or(&[][..], |report| &report.sessions) {
        println!(
            "  session {:<14} pairs {:>8} used {:>7} iterations {:>3} share {:.3} prior {:?}",
            session.rule.join("+"),
            session.pairs,
            session.pairs_used,
            session.iterations,
            session.match_share,
            session.prior
        );
    }

    // Entities: plain connected components of the accepted pairs, then
    // the default clustering (one-to-one for duplicate-free sources and
    // the chain guard).
    let mut plain = ClusterOptions::builder();
    plain.threshold(threshold).without_guard().one_to_one(false);
    let guarded = ClusterOptions::builder().threshold(threshold).build()?;
    for (name, options) in [
        ("connected components", plain.build()?),
        ("default clustering", guarded),
    ] {
        let started = Instant::now();
        let clustering = cluster(&store, &accepted, &options)?;
        let took = started.elapsed();
        let evaluation = evaluate_clustering(&clustering.labels(), &truth, &scope)?;
        let (pairwise, bcubed) = (evaluation.pairwise(), evaluation.bcubed());
        println!(
            "{name:<21} pairwise P {:.4} R {:.4} F1 {:.4}; B-cubed F1 {:.4}; largest {}; {} entities in {took:.2?}",
            pairwise.precision(),
            pairwise.recall(),
            pairwise.f1(),
            bcubed.f1(),
            clustering.diagnostics().largest_size(),
            clustering.len()
        );
    }

    // The mistakes, explained field by field.
    for (title, accepted) in [("FALSE MATCH", true), ("MISSED MATCH", false)] {
        let mistakes = scored.iter().filter(|(pair, score)| {
            (score.probability() >= threshold) == accepted && is_true(pair) != accepted
        });
        for &((a, b), _) in mistakes.take(errors) {
            if let (Some(x), Some(y)) = (store.record(a), store.record(b)) {
                let explanation = model.explain(&x, &y, Reveal::All);
                println!("\n{title} {} ~ {}\n{explanation}", x.id(), y.id());
            }
        }
    }
    Ok(())
}
