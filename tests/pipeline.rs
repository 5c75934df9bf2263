//! The stages together through the public API, on generated data with
//! households, namesakes and shared addresses: a trained model's accepted
//! pairs clustered plainly and with the default guard, judged against the
//! truth, and golden records built from the entities.

use sameas::block::{BlockingIndex, BlockingOptions, LinkMode, default_blockers};
use sameas::cluster::{ClusterOptions, Clustering, ScoredPair, cluster};
use sameas::eval::{ClusteringEvaluation, Scope, evaluate_clustering};
use sameas::matcher::{Matcher, Trainer};
use sameas::survive::{Survivorship, SurvivorshipRules};
use sameas::synthetic::{PeopleGenerator, SyntheticData};
use sameas::{PreparedStore, RecordIndex};

struct Run {
    data: SyntheticData,
    store: PreparedStore,
    accepted: Vec<ScoredPair>,
}

fn run(entities: usize) -> Run {
    let data = PeopleGenerator::builder()
        .seed(23)
        .entities(entities)
        .build()
        .unwrap()
        .generate();
    let store = data.prepared_store().unwrap();
    let model = Trainer::new(&store).random_pairs(200_000).train().unwrap();
    let accepted = BlockingIndex::build(
        &store,
        default_blockers(store.schema()),
        BlockingOptions::new(),
    )
    .candidate_pairs(&store, LinkMode::DedupAndLink)
    .pairs()
    .iter()
    .filter_map(|&(a, b)| {
        let score = model.score(&store.record(a)?, &store.record(b)?);
        (score.probability() >= 0.5).then(|| ScoredPair::new(a, b, score))
    })
    .collect();
    Run {
        data,
        store,
        accepted,
    }
}

fn judge(run: &Run, clustering: &Clustering) -> ClusteringEvaluation {
    let predicted: Vec<u64> = (0..run.store.len())
        .map(|i| {
            clustering
                .entity_of(RecordIndex::from_position(i))
                .unwrap()
                .id()
                .get()
        })
        .collect();
    let truth: Vec<u32> = (0..run.store.len())
        .map(|i| run.data.entity(i).unwrap())
        .collect();
    evaluate_clustering(&predicted, &truth, &Scope::all_pairs()).unwrap()
}

#[test]
fn the_guard_beats_connected_components_on_real_scores() {
    // Measured (seed 23, 3,000 entities): connected components pairwise
    // P 0.9738 R 0.9592 F1 0.9664, largest 12; default clustering
    // P 0.9937 R 0.9501 F1 0.9714, largest 10. Floors a little below.
    // (Before household dependences held at a mistyped address and for a
    // mistyped surname, components P 0.9709 F1 0.9628, clustering F1
    // 0.9700: the scores now keep apart more of what the guard split,
    // and its lead fell from 0.0072 to 0.0050.)
    // (Before training measured households, `Dependence`, the scores
    // themselves joined household members: components P 0.8858 F1
    // 0.9203, clustering P 0.9762 F1 0.9636; the guard's lead was 0.043.)
    let run = run(3_000);
    let plain = ClusterOptions::builder()
        .without_guard()
        .one_to_one(false)
        .build()
        .unwrap();
    let components = cluster(&run.store, &run.accepted, &plain).unwrap();
    let guarded = cluster(&run.store, &run.accepted, &ClusterOptions::new()).unwrap();
    let (plain_eval, guarded_eval) = (judge(&run, &components), judge(&run, &guarded));
    let (p, g) = (plain_eval.pairwise(), guarded_eval.pairwise());
    eprintln!(
        "components P {:.4} R {:.4} F1 {:.4} largest {}; guarded P {:.4} R {:.4} F1 {:.4} largest {}",
        p.precision(),
        p.recall(),
        p.f1(),
        components.diagnostics().largest_size(),
        g.precision(),
        g.recall(),
        g.f1(),
        guarded.diagnostics().largest_size()
    );
    assert!(g.f1() >= 0.965, "guarded F1 {}", g.f1());
    assert!(g.precision() >= 0.99, "guarded precision {}", g.precision());
    assert!(
        g.f1() >= p.f1() + 0.004,
        "guard {} vs components {}",
        g.f1(),
        p.f1()
    );
    assert!(guarded.diagnostics().largest_size() <= components.diagnostics().largest_size());
    // The guard only splits: records it joins, components join too.
    for pair in &run.accepted {
        if guarded.same_entity(pair.a, pair.b) {
            assert!(components.same_entity(pair.a, pair.b));
        }
    }
}

#[test]
fn golden_records_come_from_their_members() {
    let run = run(800);
    let clustering = cluster(&run.store, &run.accepted, &ClusterOptions::new()).unwrap();
    let rules = SurvivorshipRules::new(&run.store);
    let email = run.store.schema().field_id("email").unwrap();
    let mut checked = 0;
    for entity in clustering.entities().filter(|entity| entity.len() > 1) {
        let golden = rules.survive(&run.store, entity.members()).unwrap();
        assert_eq!(golden.members().len(), entity.len());
        if let Some(provenance) = golden.provenance("email") {
            let position = provenance.record().unwrap();
            let source = run.store.record(position).unwrap();
            assert!(entity.members().contains(&position));
            assert_eq!(source.raw(email), golden.value("email"));
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} golden e-mails checked");
}
