//! Priors per pair of sources through the public API: a resolver that
//! trains its model on several sources estimates them and scores with
//! them; explanations, saved models and given models agree.
#![cfg(feature = "synthetic")]

#[path = "support/shapes.rs"]
mod shapes;

use sameas::matcher::{FellegiSunter, Matcher, Reveal, SourcePrior};
use sameas::resolve::{Resolution, Resolver};
use sameas::synthetic::shapes::{GovernmentGenerator, ShapeData};
use sameas::{FieldKind, OwnedRecord, Record, Schema};
use shapes::resolver_for;

/// A census, social-security records and tax forms about 400 people:
/// the census and the social-security file list each person about once.
fn government() -> ShapeData {
    GovernmentGenerator::builder()
        .seed(3)
        .entities(400)
        .build()
        .unwrap()
        .generate()
}

fn prior_between<'a>(model: &'a FellegiSunter, a: &str, b: &str) -> Option<&'a SourcePrior> {
    model
        .source_priors()
        .iter()
        .find(|prior| prior.sources() == [a, b])
}

/// Every kept pair carries the score the run's model gives it.
fn assert_pairs_scored_by_the_model(resolution: &Resolution) {
    let model = resolution.model().unwrap();
    let store = resolution.store();
    for pair in resolution.pairs() {
        let (a, b) = (store.record(pair.a).unwrap(), store.record(pair.b).unwrap());
        assert_eq!(pair.score, model.score(&a, &b));
    }
}

#[test]
fn a_census_without_duplicates_gets_a_lower_prior_within_and_the_run_scores_with_it() {
    let data = government();
    let resolution = resolver_for(&data).resolve().unwrap();
    let model = resolution.model().unwrap();
    let census = prior_between(model, "census", "census").expect("a census prior");
    // About 1 in 80,000 pairs within the census match against 1 in
    // 5,000 pairs across sources: at least 4 bits apart.
    assert!(
        census.weight() < model.prior_weight() - 2.0,
        "{census:?} vs {}",
        model.prior()
    );
    assert_eq!(resolution.stats().source_priors, model.source_priors());
    assert_eq!(resolution.stats().prior, Some(model.prior()));
    let said = resolution.stats().to_string();
    assert!(
        said.contains(&format!("\nsource priors    {census}")),
        "{said}"
    );
    assert_pairs_scored_by_the_model(&resolution);

    // A pair within the census explains itself from the census's prior.
    let store = resolution.store();
    let within = resolution
        .pairs()
        .iter()
        .find(|pair| {
            let source = |index| store.source(store.record(index).unwrap().source()).name();
            source(pair.a) == "census" && source(pair.b) == "census"
        })
        .expect("a pair within the census");
    let explanation = resolution
        .explain(within.a, within.b, Reveal::NonSensitive)
        .unwrap();
    assert_eq!(explanation.prior_weight(), census.weight());
    assert_eq!(explanation.prior_sources(), Some(["census", "census"]));
    assert!(
        explanation
            .to_string()
            .lines()
            .next()
            .unwrap()
            .ends_with("  the prior of census ~ census")
    );
    assert_eq!(explanation.score(), within.score);

    // Two host records scored without the store come from no source:
    // the model's own prior.
    let census_records = data.sources()[0].records();
    let (a, b) = (
        &census_records[within.a.get()],
        &census_records[within.b.get()],
    );
    let one_prior = model.clone().with_source_priors(Vec::new());
    let options = ShapeData::prepare_options();
    assert_eq!(
        resolution.score_records(a, b).unwrap(),
        one_prior.score_records(a, b, &options).unwrap()
    );
    assert_ne!(resolution.score_records(a, b).unwrap(), within.score);

    // Saved and loaded, the model keeps them.
    let loaded = FellegiSunter::from_json(&model.to_json(), model.schema()).unwrap();
    assert_eq!(loaded.source_priors(), model.source_priors());
}

#[test]
fn a_given_model_keeps_its_priors_and_one_source_gets_none() {
    let data = government();
    let trained = resolver_for(&data).resolve().unwrap();
    let model = trained.model().unwrap().clone();

    // Given, the model is not estimated again: its priors as they are,
    // and without them none.
    let mut given = resolver_for(&data);
    given.model(model.clone());
    let again = given.resolve().unwrap();
    assert_eq!(again.model().unwrap(), &model);
    assert_eq!(again.pairs(), trained.pairs());
    let mut plain = resolver_for(&data);
    plain.model(model.clone().with_source_priors(Vec::new()));
    let plain = plain.resolve().unwrap();
    assert!(plain.model().unwrap().source_priors().is_empty());
    assert!(plain.stats().source_priors.is_empty());
    assert_pairs_scored_by_the_model(&plain);

    // One source: one prior.
    let mut one = Resolver::with_options(data.schema(), ShapeData::prepare_options());
    let census = &data.sources()[0];
    one.add_source(census.name(), false, census.records())
        .unwrap();
    let one = one.resolve().unwrap();
    assert!(one.model().unwrap().source_priors().is_empty());
}

#[test]
fn a_model_saved_without_source_priors_still_loads() {
    let schema = Schema::builder()
        .field("email", FieldKind::Email)
        .build()
        .unwrap();
    let email =
        sameas::matcher::Comparison::new(&schema, "email", &[sameas::matcher::LevelTest::Exact])
            .unwrap();
    let model = FellegiSunter::new(&schema, 0.01, vec![email]).unwrap();
    let json = model.to_json();
    assert!(!json.contains("source_priors"));
    let with = model
        .clone()
        .with_source_priors(vec![SourcePrior::new("crm", "crm", 0.001).unwrap()]);
    assert!(
        with.to_json()
            .contains(r#""source_priors":[{"sources":["crm","crm"],"prior":0.001}]"#)
    );
    assert_eq!(
        FellegiSunter::from_json(&with.to_json(), &schema).unwrap(),
        with
    );
    assert_eq!(FellegiSunter::from_json(&json, &schema).unwrap(), model);
    // A prior out of range in the file is a format error.
    let bad = with.to_json().replace(r#""prior":0.001"#, r#""prior":1.5"#);
    assert!(FellegiSunter::from_json(&bad, &schema).is_err());

    // Records of sources the model does not name keep its prior.
    let mut store = sameas::PreparedStore::new(schema);
    let web = store.add_source("web", false).unwrap();
    let ann = OwnedRecord::new("1").with("email", "ann@x.org");
    store.ingest(web, &[ann.clone(), ann]).unwrap();
    let r: Vec<_> = store.records().collect();
    assert_eq!(with.score(&r[0], &r[1]), model.score(&r[0], &r[1]));
}

#[test]
fn the_priors_do_not_depend_on_the_order_sources_were_added_in() {
    let data = government();
    let forward = resolver_for(&data).resolve().unwrap();
    let mut reversed = Resolver::with_options(data.schema(), ShapeData::prepare_options());
    for source in data.sources().iter().rev() {
        reversed
            .add_source(source.name(), source.is_duplicate_free(), source.records())
            .unwrap();
    }
    let reversed = reversed.resolve().unwrap();
    let priors = forward.model().unwrap().source_priors();
    assert!(!priors.is_empty());
    assert_eq!(reversed.model().unwrap().source_priors(), priors);
    // Kept once per pair of sources, in the order of their names.
    assert!(
        priors
            .windows(2)
            .all(|two| two[0].sources() < two[1].sources())
    );
}

#[test]
fn a_live_state_scores_with_the_runs_priors_and_saves_them() {
    use sameas::live::{LiveResolution, LiveSettings, LiveStore};
    use sameas::matcher::TermFrequencyKey;

    let data = government();
    let key = TermFrequencyKey::new("the source priors test's key").unwrap();
    let mut resolver = resolver_for(&data);
    resolver.term_frequency_key(key.clone());
    let resolution = resolver.resolve().unwrap();
    let priors = resolution.model().unwrap().source_priors().to_vec();
    assert!(!priors.is_empty());
    let mut live = LiveResolution::from_resolution(resolution, LiveSettings::new()).unwrap();
    assert_eq!(live.model().source_priors(), priors);

    // A census record again, under a new id: its pairs within the census
    // start from the census's prior.
    let census = &data.sources()[0];
    let first = &census.records()[0];
    let mut again = OwnedRecord::new("census-again");
    for (name, value) in first.fields() {
        again.set(name, value);
    }
    live.upsert(census.name(), &again).unwrap();
    let first_id = first.id().unwrap();
    assert!(live.entity_of("census", "census-again").is_some());
    assert_eq!(
        live.entity_of("census", "census-again"),
        live.entity_of("census", &first_id)
    );

    let dir = std::env::temp_dir().join(format!("sameas-source-priors-{}", std::process::id()));
    drop(LiveStore::create(&dir, live).unwrap());
    let loaded = LiveStore::open_with_key(&dir, &key).unwrap();
    assert_eq!(loaded.state().model().source_priors(), priors);
    std::fs::remove_dir_all(&dir).ok();
}
