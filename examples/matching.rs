//! Train a Fellegi-Sunter model on generated person records without
//! labels, score the candidate pairs, and measure pairwise precision,
//! recall and F1 against the known truth.
//!
//!     cargo run --release --example matching -- [ENTITIES] [--crm-only] [--threshold P] [--explain N] [--errors N]
//!
//! ENTITIES defaults to 10,000 (about 24,000 records over four sources);
//! `--crm-only` makes one FEBRL-style source with every field.
//! `--explain N` prints N explained pairs, `--errors N` N false matches and
//! N missed matches with their explanations.

use std::time::Instant;

use sameas::block::{BlockingIndex, BlockingOptions, LinkMode, default_blockers};
use sameas::cluster::{ClusterOptions, ScoredPair, cluster};
use sameas::eval::{Scope, evaluate_clustering};
use sameas::matcher::{Matcher, Reveal, Score, Trainer, score_pairs};
use sameas::synthetic::{PeopleGenerator, SourceKind};
use sameas::{PreparedStore, RecordIndex};

fn main() {
    let mut entities = 10_000usize;
    let mut crm_only = false;
    let mut threshold = 0.5f64;
    let mut explain = 0usize;
    let mut errors = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> f64 {
            match args.next().and_then(|value| value.parse().ok()) {
                Some(value) => value,
                None => usage(&format!("{name} needs a number")),
            }
        };
        match arg.as_str() {
            "--crm-only" => crm_only = true,
            "--threshold" => threshold = number("--threshold"),
            "--explain" => explain = number("--explain") as usize,
            "--errors" => errors = number("--errors") as usize,
            other => match other.replace('_', "").parse() {
                Ok(n) => entities = n,
                Err(_) => usage(&format!("unknown argument `{other}`")),
            },
        }
    }

    let mut builder = PeopleGenerator::builder();
    builder.entities(entities);
    if crm_only {
        builder
            .only(SourceKind::Crm)
            .duplicate_rate(SourceKind::Crm, 0.5);
    }
    let data = match builder.build() {
        Ok(generator) => generator.generate(),
        Err(error) => usage(&error.to_string()),
    };
    let store = match data.prepared_store() {
        Ok(store) => store,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(1);
        }
    };

    let started = Instant::now();
    let model = match Trainer::new(&store).train() {
        Ok(model) => model,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(1);
        }
    };
    let trained = started.elapsed();

    let index = BlockingIndex::build(
        &store,
        default_blockers(store.schema()),
        BlockingOptions::default(),
    );
    let candidates = index
        .candidate_pairs(&store, LinkMode::DedupAndLink)
        .into_pairs();
    let started = Instant::now();
    let scored = score_all(&model, &store, &candidates);
    let scoring = started.elapsed();

    let is_true = |a: RecordIndex, b: RecordIndex| data.is_true_pair(a.get(), b.get());
    let accepted = scored
        .iter()
        .filter(|(_, s)| s.probability() >= threshold)
        .count() as f64;
    let true_accepted = scored
        .iter()
        .filter(|((a, b), s)| s.probability() >= threshold && is_true(*a, *b))
        .count() as f64;
    let true_pairs = data.true_pair_count() as f64;
    let found = candidates.iter().filter(|&&(a, b)| is_true(a, b)).count() as f64;
    let precision = true_accepted / accepted.max(1.0);
    let recall = true_accepted / true_pairs.max(1.0);
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);

    println!("records            {}", store.len());
    println!("candidate pairs    {}", candidates.len());
    println!("training           {trained:.2?}");
    println!(
        "scoring            {scoring:.2?} ({:.0} ns per pair on all cores)",
        scoring.as_nanos() as f64 / candidates.len().max(1) as f64
    );
    println!("prior              {:.3e}", model.prior());
    println!("threshold          {threshold}");
    println!("precision          {precision:.4}");
    println!(
        "recall             {recall:.4} (of all true pairs; blocking found {:.4})",
        found / true_pairs.max(1.0)
    );
    println!("F1                 {f1:.4}");
    // Each level with its weight, and with the m the truth shows (the
    // share of true candidate pairs with both values reaching it).
    for comparison in model.comparisons() {
        let mut reached = vec![0u64; comparison.levels().len()];
        for &(a, b) in candidates.iter().filter(|&&(a, b)| is_true(a, b)) {
            if let (Some(x), Some(y)) = (store.record(a), store.record(b)) {
                if let Some(level) = comparison.level(&x, &y) {
                    reached[level] += 1;
                }
            }
        }
        let present = reached.iter().sum::<u64>().max(1) as f64;
        let levels: Vec<String> = comparison
            .levels()
            .iter()
            .zip(&reached)
            .map(|(level, &count)| {
                format!(
                    "{} {:+.1} (m {:.3}, true {:.3})",
                    level.label(),
                    level.weight(),
                    level.m(),
                    count as f64 / present
                )
            })
            .collect();
        println!("  {}\n      {}", comparison.name(), levels.join("\n      "));
    }
    if let Some(report) = model.training() {
        for session in &report.sessions {
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
    }

    // Entities: plain connected components of the accepted pairs, then
    // the default clustering (one-to-one for duplicate-free sources and
    // the chain guard), each judged against the truth.
    let accepted: Vec<ScoredPair> = scored
        .iter()
        .filter(|(_, score)| score.probability() >= threshold)
        .map(|&((a, b), score)| ScoredPair::from_score(a, b, score))
        .collect();
    let truth: Vec<u32> = (0..store.len())
        .map(|index| data.entity(index).unwrap_or(u32::MAX))
        .collect();
    let plain = ClusterOptions::builder()
        .threshold(threshold)
        .without_guard()
        .one_to_one(false)
        .build();
    let guarded = ClusterOptions::builder().threshold(threshold).build();
    for (name, options) in [
        ("connected components", plain),
        ("default clustering", guarded),
    ] {
        let started = Instant::now();
        let clustering = match options
            .map_err(sameas::Error::from)
            .and_then(|options| Ok(cluster(&store, &accepted, &options)?))
        {
            Ok(clustering) => clustering,
            Err(error) => {
                eprintln!("error: {error}");
                std::process::exit(1);
            }
        };
        let took = started.elapsed();
        let predicted: Vec<u64> = (0..store.len())
            .map(|index| {
                clustering
                    .entity_of(RecordIndex::from_position(index))
                    .map_or(u64::MAX, |entity| entity.id().get())
            })
            .collect();
        if let Ok(evaluation) = evaluate_clustering(&predicted, &truth, &Scope::all_pairs()) {
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
    }

    let show = |(a, b): (RecordIndex, RecordIndex), title: &str| {
        if let (Some(x), Some(y)) = (store.record(a), store.record(b)) {
            println!(
                "\n{title} {} ~ {}\n{}",
                x.id(),
                y.id(),
                model.explain(&x, &y, Reveal::All)
            );
        }
    };
    for &(pair, _) in scored.iter().take(explain) {
        show(pair, "pair");
    }
    for &(pair, _) in scored
        .iter()
        .filter(|((a, b), s)| s.probability() >= threshold && !is_true(*a, *b))
        .take(errors)
    {
        show(pair, "FALSE MATCH");
    }
    for &(pair, _) in scored
        .iter()
        .filter(|((a, b), s)| s.probability() < threshold && is_true(*a, *b))
        .take(errors)
    {
        show(pair, "MISSED MATCH");
    }
}

/// Every candidate pair with its match probability, on all cores.
fn score_all(
    model: &impl Matcher,
    store: &PreparedStore,
    pairs: &[(RecordIndex, RecordIndex)],
) -> Vec<((RecordIndex, RecordIndex), Score)> {
    let scores = score_pairs(model, store, pairs);
    pairs.iter().copied().zip(scores).collect()
}

fn usage(problem: &str) -> ! {
    eprintln!("error: {problem}");
    eprintln!("usage: matching [ENTITIES] [--crm-only] [--threshold P] [--explain N] [--errors N]");
    std::process::exit(2);
}
