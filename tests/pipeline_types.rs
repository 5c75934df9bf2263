//! The pipeline's types as an embedding service uses them: scored pairs
//! that hold the matcher's `Score` all the way to evaluation, entities
//! that come with their golden records, and serde forms a JSON client
//! can read back (entity ids as text, no store positions in golden
//! records, explanations that deserialise).

use std::sync::{Arc, Mutex};

use sameas::cluster::{ClusterOptions, EntityId, ParseEntityIdError, ScoredPair, cluster};
use sameas::eval::{Scope, sweep_thresholds};
use sameas::matcher::{
    Comparison, Explanation, FellegiSunter, LevelTest, Reveal, Rule, RuleMatcher, Score,
};
use sameas::resolve::{Resolution, Resolver, Stage};
use sameas::survive::{GoldenRecord, SurviveError, Survivorship, SurvivorshipRules};
use sameas::{Error, FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};

fn schema() -> Schema {
    Schema::builder()
        .field("name", FieldKind::FullName)
        .field("email", FieldKind::Email)
        .sensitive_field("ssn", FieldKind::Identifier)
        .build()
        .unwrap()
}

/// Two sources; ann x3, bob x2, cy x1 (the truth: the id's letter).
fn records() -> (Vec<OwnedRecord>, Vec<OwnedRecord>) {
    let record = |id: &str, name: &str, email: &str| {
        OwnedRecord::new(id)
            .with("name", name)
            .with("email", email)
            .with("ssn", "123-45-6789")
    };
    let crm = vec![
        record("a1", "Ann Lee", "ann@x.org"),
        record("b1", "Bob Stone", "bob@y.org"),
        record("c1", "Cy Young", "cy@z.org"),
    ];
    let web = vec![
        record("a2", "Anne Lee", "ANN@x.org"),
        record("b2", "Bob Stone", "bob@y.org"),
        record("a3", "Ann Lee", "ann@x.org"),
    ];
    (crm, web)
}

/// The truth of the store positions of `records()` (crm then web).
const TRUTH: [char; 6] = ['a', 'b', 'c', 'a', 'b', 'a'];

/// A model: exact e-mail is strong evidence, a close name weaker.
fn model(schema: &Schema) -> FellegiSunter {
    let mut email = Comparison::new(schema, "email", &[LevelTest::Exact]).unwrap();
    email.set_probabilities(0, 0.95, 0.001).unwrap();
    let mut name = Comparison::new(
        schema,
        "name",
        &[LevelTest::Exact, LevelTest::JaroWinkler { at_least: 0.9 }],
    )
    .unwrap();
    name.set_probabilities(0, 0.7, 0.01).unwrap();
    name.set_probabilities(1, 0.2, 0.02).unwrap();
    FellegiSunter::new(schema, 0.2, vec![email, name]).unwrap()
}

fn resolver(schema: Schema) -> Resolver {
    let (crm, web) = records();
    let mut resolver = Resolver::new(schema);
    resolver.add_source("crm", false, &crm).unwrap();
    resolver.add_source("web", false, &web).unwrap();
    resolver
}

fn resolved() -> Resolution {
    let schema = schema();
    let mut resolver = resolver(schema.clone());
    resolver.model(model(&schema)).score_floor(0.0);
    resolver.resolve().unwrap()
}

#[test]
fn scored_pairs_hold_the_matchers_score_from_scoring_to_evaluation() {
    let resolution = resolved();
    let store = resolution.store();
    assert!(!resolution.pairs().is_empty());
    for pair in resolution.pairs() {
        let (a, b) = (store.record(pair.a).unwrap(), store.record(pair.b).unwrap());
        assert_eq!(pair.score, resolution.matcher().score(&a, &b));
    }
    // The pairs cluster again into the same entities.
    let again = cluster(store, resolution.pairs(), &ClusterOptions::new()).unwrap();
    assert_eq!(again.labels(), resolution.clustering().labels());
    // And evaluate as they are: the sweep's thresholds are probabilities.
    let sweep = sweep_thresholds(resolution.pairs(), &TRUTH, &Scope::all_pairs()).unwrap();
    for point in sweep.points() {
        let accepted = resolution
            .pairs()
            .iter()
            .filter(|pair| pair.score.probability() >= point.threshold())
            .count();
        assert_eq!(point.metrics().predicted_pairs(), accepted as u64);
    }
    let best = sweep.best().unwrap();
    assert_eq!(best.metrics().f1(), 1.0);
    assert!(best.threshold() > 0.5);
}

#[test]
fn entities_come_with_their_golden_records() {
    let resolution = resolved();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let mut items = 0;
    for item in resolution.entities_with_golden() {
        let (entity, golden) = item.unwrap();
        assert_eq!(golden.entity_id(), entity.id());
        assert_eq!(golden, resolution.golden_record(entity.id()).unwrap());
        let mut members: Vec<RecordIndex> = golden
            .members()
            .iter()
            .map(|member| member.record().unwrap())
            .collect();
        members.sort_unstable();
        assert_eq!(members, entity.members());
        seen.lock().unwrap().push(entity.id());
        items += 1;
    }
    assert_eq!(items, resolution.clustering().len());
    assert_eq!(items, 3, "ann, bob, cy");
    let ids: Vec<EntityId> = resolution.clustering().entities().map(|e| e.id()).collect();
    assert_eq!(*seen.lock().unwrap(), ids);
}

/// Survives each entity from its last member only, and fails on the
/// entity holding the record "c1".
struct LastMemberOnly(SurvivorshipRules);

impl Survivorship for LastMemberOnly {
    fn survive(
        &self,
        store: &PreparedStore,
        members: &[RecordIndex],
    ) -> sameas::Result<GoldenRecord> {
        if members
            .iter()
            .any(|&member| store.record(member).is_some_and(|r| r.id() == "c1"))
        {
            return Err(SurviveError::EmptyCluster.into());
        }
        self.0.survive(store, &members[members.len() - 1..])
    }
}

#[test]
fn golden_records_take_the_clusterings_id_and_errors_end_the_iteration() {
    let schema = schema();
    let mut resolver = resolver(schema.clone());
    resolver.model(model(&schema));
    let rules = SurvivorshipRules::new(resolver.store());
    resolver.survivorship(LastMemberOnly(rules));
    let reports = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&reports);
    resolver.progress(move |stage, done, total| {
        if stage == Stage::Survive {
            log.lock().unwrap().push((done, total));
        }
    });
    let resolution = resolver.resolve().unwrap();

    let ann = resolution.entity_of(RecordIndex::from_position(0)).unwrap();
    assert_eq!(ann.id(), EntityId::of_anchor("crm", "a1"));
    // Built from ann's last member alone, the golden record still
    // carries ann's id.
    let golden = resolution.golden_record(ann.id()).unwrap();
    assert_eq!(golden.members()[0].record_id(), "a3");
    assert_eq!(golden.entity_id(), ann.id());

    // Entities in order: ann, bob, then cy fails; nothing follows.
    let mut items = resolution.entities_with_golden();
    assert_eq!(items.size_hint(), (0, Some(3)));
    let first: Vec<String> = items
        .by_ref()
        .take(2)
        .map(|item| item.unwrap().1.members()[0].record_id().to_string())
        .collect();
    assert_eq!(first, ["a3", "b2"]);
    assert_eq!(
        items.next(),
        Some(Err(Error::Survive(SurviveError::EmptyCluster)))
    );
    assert_eq!(items.next(), None);
    assert_eq!(items.size_hint(), (0, Some(0)));
    // One batch, reported once.
    assert_eq!(*reports.lock().unwrap(), [(3, 3)]);
    assert_eq!(
        resolution.golden_records().unwrap_err(),
        Error::Survive(SurviveError::EmptyCluster)
    );
}

#[test]
fn entity_ids_are_hexadecimal_text_in_json() {
    // Above 2^53: a JSON number would lose digits in JavaScript.
    let id = (0..)
        .map(|n: u32| EntityId::of_anchor("crm", &n.to_string()))
        .find(|id| id.get() > 1 << 60)
        .unwrap();
    let json = serde_json::to_string(&id).unwrap();
    assert_eq!(json, format!("\"{id}\""));
    assert_eq!(json.len(), 18);
    assert_eq!(serde_json::from_str::<EntityId>(&json).unwrap(), id);
    assert_eq!(
        serde_json::from_str::<EntityId>(&json.to_uppercase()).unwrap(),
        id
    );
    assert_eq!(id.to_string().parse::<EntityId>(), Ok(id));

    assert_eq!(
        "abc".parse::<EntityId>(),
        Err(ParseEntityIdError::Length(3))
    );
    assert_eq!(
        "0123456789abcdeg".parse::<EntityId>(),
        Err(ParseEntityIdError::NotHexadecimal(16))
    );
    assert_eq!(
        "+123456789abcdef".parse::<EntityId>(),
        Err(ParseEntityIdError::NotHexadecimal(1))
    );
    let error: Error = "".parse::<EntityId>().unwrap_err().into();
    assert_eq!(
        error.to_string(),
        "an entity id is 16 hexadecimal digits, not 0 characters"
    );
    let number = serde_json::from_str::<EntityId>("12").unwrap_err();
    assert!(number.to_string().contains("expected a string"), "{number}");
    let bad = serde_json::from_str::<EntityId>(r#""0123456789abcdeZ""#).unwrap_err();
    assert!(
        bad.to_string()
            .starts_with("an entity id is 16 hexadecimal digits, but character 16 is not one"),
        "{bad}"
    );
}

#[test]
fn entities_and_golden_records_serialise() {
    let resolution = resolved();
    let (entity, golden) = resolution.entities_with_golden().next().unwrap().unwrap();
    let entity_json = serde_json::to_value(entity).unwrap();
    assert_eq!(
        entity_json,
        serde_json::json!({
            "id": entity.id().to_string(),
            "anchor": 0,
            "members": [0, 3, 5],
        })
    );

    let json = serde_json::to_value(&golden).unwrap();
    assert_eq!(json["entity_id"], entity.id().to_string());
    assert_eq!(
        json["members"],
        serde_json::json!([
            {"source": "crm", "record_id": "a1"},
            {"source": "web", "record_id": "a2"},
            {"source": "web", "record_id": "a3"},
        ])
    );
    // No store position anywhere: every member is a source and a record id.
    fn members_hold_no_position(value: &serde_json::Value) -> bool {
        match value {
            serde_json::Value::Object(map) => {
                !map.contains_key("record") && map.values().all(members_hold_no_position)
            }
            serde_json::Value::Array(items) => items.iter().all(members_hold_no_position),
            _ => true,
        }
    }
    assert!(members_hold_no_position(&json), "{json}");
    let provenance = &json["fields"][1]["value"]["provenance"];
    assert_eq!(provenance["member"]["source"], "crm");
    assert_eq!(provenance["member"]["record_id"], "a1");

    // Read back, the same JSON; positions are gone.
    let back: GoldenRecord = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(serde_json::to_value(&back).unwrap(), json);
    assert_eq!(back.entity_id(), golden.entity_id());
    assert_eq!(back.value("email"), golden.value("email"));
    assert_eq!(back.members()[0].record(), None);
}

#[test]
fn explanations_round_trip_through_json() {
    let resolution = resolved();
    let at = RecordIndex::from_position;
    for reveal in [Reveal::NonSensitive, Reveal::All] {
        let explanation = resolution.explain(at(0), at(3), reveal).unwrap();
        let json = serde_json::to_string(&explanation).unwrap();
        let back: Explanation = serde_json::from_str(&json).unwrap();
        assert_eq!(back, explanation);
        assert_eq!(back.to_string(), explanation.to_string());
    }
    // A rule matcher's verdicts have infinite weights, written as null.
    let schema = schema();
    let rule = RuleMatcher::new(
        &schema,
        Rule::test(&schema, "email", LevelTest::Exact).unwrap(),
    );
    let mut resolver = resolver(schema);
    resolver.matcher(rule);
    let resolution = resolver.resolve().unwrap();
    for (b, probability) in [(3, 1.0), (1, 0.0)] {
        let explanation = resolution.explain(at(0), at(b), Reveal::All).unwrap();
        assert_eq!(explanation.score().probability(), probability);
        let json = serde_json::to_string(&explanation).unwrap();
        assert!(
            json.contains(&format!(
                r#""score":{{"weight":null,"probability":{probability:?}}}"#
            )),
            "{json}"
        );
        let back: Explanation = serde_json::from_str(&json).unwrap();
        assert_eq!(back, explanation);
    }
}

#[test]
fn scores_read_from_json_are_checked() {
    let read = |json: &str| serde_json::from_str::<Score>(json);
    assert_eq!(
        read(r#"{"weight":2.0,"probability":0.8}"#).unwrap(),
        Score::from_weight(2.0)
    );
    assert_eq!(
        read(r#"{"weight":null,"probability":1.0}"#).unwrap(),
        Score::from_weight(f64::INFINITY)
    );
    assert_eq!(
        read(r#"{"weight":null,"probability":0.0}"#).unwrap(),
        Score::from_weight(f64::NEG_INFINITY)
    );
    for (json, message) in [
        (
            r#"{"weight":1.0,"probability":1.5}"#,
            "probability 1.5 is outside [0, 1]",
        ),
        (
            r#"{"weight":null,"probability":0.5}"#,
            "an infinite weight (null) needs probability 0 or 1, not 0.5",
        ),
    ] {
        let error = read(json).unwrap_err().to_string();
        assert!(error.starts_with(message), "{error}");
    }
    for score in [
        Score::from_probability(0.3),
        Score::from_weight(80.0),
        Score::from_weight(f64::INFINITY),
        Score::from_weight(f64::NEG_INFINITY),
    ] {
        let json = serde_json::to_string(&score).unwrap();
        assert_eq!(read(&json).unwrap(), score);
    }
}

#[test]
fn a_pair_is_built_from_a_score() {
    let pair = ScoredPair::new(
        RecordIndex::from_position(1),
        RecordIndex::from_position(0),
        Score::from_probability(0.75),
    );
    assert_eq!(pair.score.probability(), 0.75);
    assert_eq!(pair.score.weight(), 3f64.log2());
}
