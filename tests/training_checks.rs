//! The checks after training through the public API: data whose EM match
//! class is not identity (inventors named only by name, colleagues at one
//! assignee) gets typed warnings and the fallback values; ordinary people
//! data gets none.
#![cfg(feature = "synthetic")]

use sameas::matcher::{Trainer, TrainingWarning, default_comparisons};
use sameas::synthetic::PeopleGenerator;
use sameas::synthetic::shapes::InventorGenerator;

#[test]
fn inventors_get_the_warnings_and_the_fallback() {
    let data = InventorGenerator::builder()
        .seed(7)
        .entities(1_500)
        .build()
        .unwrap()
        .generate();
    let store = data.prepared_store().unwrap();
    let model = Trainer::new(&store).train().unwrap();
    let report = model.training().unwrap();
    let start = default_comparisons(store.schema());
    for name in ["first_name", "last_name"] {
        assert!(
            report.warnings.contains(&TrainingWarning::InvertedLevels {
                comparison: name.into(),
                exact_level: "exact".into(),
                fuzzier_level: "else".into(),
            }),
            "{name}: {:?}",
            report.warnings
        );
        let trained = model
            .comparisons()
            .iter()
            .find(|c| c.name() == name)
            .unwrap();
        assert!(start.iter().any(|c| c.name() == name));
        // The starting m: exact agreement likeliest (about 0.85), `else`
        // 3 % of that.
        let m: Vec<f64> = trained.levels().iter().map(|level| level.m()).collect();
        assert!(m[0] > 0.7, "{name}: {m:?}");
        assert!(
            m[1..].iter().all(|&other| other < m[0] / 5.0),
            "{name}: {m:?}"
        );
        assert!((m[m.len() - 1] - m[0] * 0.03).abs() < 1e-9, "{name}: {m:?}");
    }
    let implausible = report
        .warnings
        .iter()
        .find_map(|warning| match warning {
            TrainingWarning::ImplausibleMatchShare {
                implied_matches,
                records,
            } => Some((*implied_matches, *records)),
            _ => None,
        })
        .expect("the prior is implausible");
    assert_eq!(implausible.1, store.len() as u64);
    // m was refitted with each session's match share held at what the
    // fallback prior implies: a few per cent of the pairs, not most.
    assert!(
        report.sessions.iter().all(|s| s.match_share < 0.1),
        "{:?}",
        report.sessions
    );
    assert!(implausible.0 > 5 * implausible.1, "{implausible:?}");
    // The fallback prior: one matching pair per two records, among all
    // pairs of a deduplication.
    let n = store.len() as f64;
    let fallback = (n / 2.0) / (n * (n - 1.0) / 2.0);
    assert!(
        (model.prior() - fallback).abs() < 1e-12,
        "prior {} vs fallback {fallback}",
        model.prior()
    );
    // The report keeps the warnings when saved.
    let json = model.to_json();
    let loaded = sameas::matcher::FellegiSunter::from_json(&json, store.schema()).unwrap();
    assert_eq!(loaded.training().unwrap().warnings, report.warnings);
}

#[test]
fn people_data_gets_no_warning() {
    let data = PeopleGenerator::builder()
        .seed(5)
        .entities(2_000)
        .build()
        .unwrap()
        .generate();
    let store = data.prepared_store().unwrap();
    let model = Trainer::new(&store).train().unwrap();
    assert_eq!(model.training().unwrap().warnings, []);
}

#[test]
fn rules_that_agree_often_by_chance_do_not_train_when_a_selective_one_exists() {
    use sameas::synthetic::shapes::BusinessGenerator;
    // Business listings: training rules from the kinds are the name and
    // the phone; exact names agree by chance (chains, common names) more
    // than once in a thousand pairs, phones far less.
    let data = BusinessGenerator::builder()
        .seed(3)
        .entities(1_500)
        .build()
        .unwrap()
        .generate();
    let store = data.prepared_store().unwrap();
    let report_of = |trainer: &mut Trainer| trainer.train().unwrap().training().unwrap().clone();
    let report = report_of(&mut Trainer::new(&store));
    let rules: Vec<String> = report.sessions.iter().map(|s| s.rule.join("+")).collect();
    assert_eq!(rules, ["phone"]);
    assert!(
        report.sessions[0].chance_agreement < 1e-3,
        "{:?}",
        report.sessions
    );
    assert!(report.sessions[0].used_for_m);
    // Rules the user names train whatever their selectivity.
    let report = report_of(
        Trainer::new(&store)
            .training_rule(&["name"])
            .training_rule(&["phone"]),
    );
    let chances: Vec<f64> = report.sessions.iter().map(|s| s.chance_agreement).collect();
    assert_eq!(chances.len(), 2);
    assert!(chances[0] > 1e-3, "{chances:?}");
}

#[test]
fn a_session_whose_em_calls_every_pair_a_match_is_left_out() {
    use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    // Three families of 250 records that agree on everything: blocked on
    // the family name, EM calls all 93,375 pairs matches, 125 per
    // record: the rule's class, not one entity.
    let schema = Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("family", FieldKind::FamilyName)
        .field("city", FieldKind::City)
        .build()
        .unwrap();
    let mut store = PreparedStore::new(schema);
    let crm = store.add_source("crm", false).unwrap();
    let families = [
        ("Kelly", "Neal", "Leeds"),
        ("Chidi", "Okafor", "Lagos"),
        ("Astrid", "Lindqvist", "Umea"),
    ];
    let records: Vec<OwnedRecord> = (0..750)
        .map(|i| {
            let (given, family, city) = families[i % 3];
            OwnedRecord::new(i.to_string())
                .with("given", given)
                .with("family", family)
                .with("city", city)
        })
        .collect();
    store.ingest(crm, &records).unwrap();
    let model = Trainer::new(&store)
        .training_rule(&["family"])
        .train()
        .unwrap();
    let report = model.training().unwrap();
    let session = &report.sessions[0];
    assert!(!session.used_for_m);
    assert_eq!(session.prior, None);
    assert!(
        report.warnings.iter().any(|warning| matches!(
            warning,
            TrainingWarning::SessionMatchesAll { rule, pairs: 93_375, matches }
                if rule == &["family"] && *matches > 93_000
        )),
        "{:?}",
        report.warnings
    );
    // No session estimated anything: every comparison keeps its
    // starting m (the family name, the rule's own field, never could).
    assert_eq!(report.not_estimated, ["given", "family", "city"]);
    assert_eq!(
        TrainingWarning::SessionMatchesAll {
            rule: vec!["family".into()],
            pairs: 10,
            matches: 10,
        }
        .to_string(),
        "training on family: EM called 10 of its 10 pairs matches (the rule's class, \
         not one entity); session not used"
    );
}
