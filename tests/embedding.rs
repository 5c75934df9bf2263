//! What a service embedding the crate needs, through the public API:
//! zero-copy host records with numeric ids, metadata fields, custom
//! survivorship and matchers, scoring records without a store, and
//! typed errors for bad input.

use std::borrow::Cow;

use sameas::matcher::{
    Explanation, FieldExplanation, LevelTest, Matcher, Reveal, Rule, RuleMatcher, Score,
    score_pairs,
};
use sameas::resolve::Resolver;
use sameas::survive::{GoldenRecord, RuleName, Survivorship};
use sameas::synthetic::{PeopleGenerator, SyntheticData};
use sameas::{
    Error, FieldId, FieldKind, OwnedRecord, PreparedRecord, PreparedStore, Record, RecordIndex,
    Schema,
};

/// A host's own row: a numeric id and borrowed values, no string copy.
struct Customer<'a> {
    id: u64,
    name: &'a str,
    email: &'a str,
}

impl Record for Customer<'_> {
    fn id(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Owned(self.id.to_string()))
    }

    fn field(&self, name: &str) -> Option<&str> {
        match name {
            "name" => Some(self.name),
            "email" => Some(self.email),
            _ => None,
        }
    }
}

fn name_and_email() -> Schema {
    Schema::builder()
        .field("name", FieldKind::FullName)
        .field("email", FieldKind::Email)
        .build()
        .unwrap()
}

#[test]
fn a_host_struct_with_a_numeric_id_resolves_end_to_end() {
    // The values live in the host's buffer; the records only borrow them.
    let buffer = String::from(
        "Kelly Neal|k.neal@example.com|kelly neal|K.Neal@Example.com|Bob Stone|bob@stone.org",
    );
    let parts: Vec<&str> = buffer.split('|').collect();
    let customers = [
        Customer {
            id: 17,
            name: parts[0],
            email: parts[1],
        },
        Customer {
            id: u64::MAX,
            name: parts[2],
            email: parts[3],
        },
        Customer {
            id: 3,
            name: parts[4],
            email: parts[5],
        },
    ];
    let schema = name_and_email();
    let same_email = RuleMatcher::new(
        &schema,
        Rule::test(&schema, "email", LevelTest::Exact).unwrap(),
    );
    let mut resolver = Resolver::new(schema);
    resolver.matcher(same_email);
    resolver.add_source("crm", false, &customers).unwrap();
    let resolution = resolver.resolve().unwrap();

    let ids: Vec<&str> = resolution.store().records().map(|r| r.id()).collect();
    assert_eq!(ids, ["17", "18446744073709551615", "3"]);
    let kelly = resolution.records_with_id("17");
    let other = resolution.records_with_id("18446744073709551615");
    assert_eq!((kelly.len(), other.len()), (1, 1));
    assert!(resolution.clustering().same_entity(kelly[0], other[0]));
    assert_eq!(resolution.clustering().len(), 2);
    let golden = resolution.golden_records().unwrap();
    let kelly_golden = golden.iter().find(|g| g.members().len() == 2).unwrap();
    let member_ids: Vec<&str> = kelly_golden
        .members()
        .iter()
        .map(|m| m.record_id())
        .collect();
    assert_eq!(member_ids, ["17", "18446744073709551615"]);
    assert_eq!(
        kelly_golden.provenance("email").map(|p| p.record_id()),
        Some("17")
    );
}

/// Trusts the `crm` source, else the longest value; names its rule.
struct CrmFirst;

impl Survivorship for CrmFirst {
    fn survive(
        &self,
        store: &PreparedStore,
        members: &[RecordIndex],
    ) -> sameas::Result<GoldenRecord> {
        let mut golden = GoldenRecord::builder(store, members)?;
        let schema = store.schema();
        for field in schema.fields() {
            let id = schema.field_id(field.name())?;
            let best = golden
                .members()
                .iter()
                .filter_map(|member| {
                    let text = store.record(member.record())?.text(id)?;
                    Some((member.source() == "crm", text.len(), member.record()))
                })
                .max_by_key(|&(crm, length, _)| (crm, length));
            if let Some((_, _, record)) = best {
                golden.choose(field.name(), record, RuleName::Custom("crm_first".into()))?;
            }
        }
        Ok(golden.build())
    }
}

/// Same e-mail address: a match; explained with the e-mail's values.
struct SameEmail {
    email: FieldId,
}

impl Matcher for SameEmail {
    fn score(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> Score {
        let same = a.text(self.email).is_some() && a.text(self.email) == b.text(self.email);
        Score::from_weight(if same { 10.0 } else { -10.0 })
    }

    fn explain(
        &self,
        a: &PreparedRecord<'_>,
        b: &PreparedRecord<'_>,
        reveal: Reveal,
    ) -> Explanation {
        let score = self.score(a, b);
        let level = if score.weight() > 0.0 {
            "same"
        } else {
            "different"
        };
        let part = FieldExplanation::new("e-mail", &[self.email], a, b, reveal, score.weight())
            .with_level(level)
            .with_probabilities(0.9, 0.0009);
        Explanation::new(0.0, vec![part], score)
    }
}

fn contacts() -> (Vec<OwnedRecord>, Vec<OwnedRecord>) {
    let crm = vec![
        OwnedRecord::new("c1")
            .with("name", "Kelly Neal")
            .with("email", "k.neal@example.com"),
        OwnedRecord::new("c2")
            .with("name", "Bob Stone")
            .with("email", "bob@stone.org"),
    ];
    let web = vec![
        OwnedRecord::new("w1")
            .with("name", "Kelly Ann Neal")
            .with("email", "K.Neal@Example.com"),
        OwnedRecord::new("w2").with("name", "Ann Lee"),
    ];
    (crm, web)
}

#[test]
fn a_custom_survivorship_and_a_custom_matcher_run_in_a_resolver() {
    let schema = name_and_email();
    let email = schema.field_id("email").unwrap();
    let mut resolver = Resolver::new(schema);
    let (crm, web) = contacts();
    resolver.add_source("crm", false, &crm).unwrap();
    resolver.add_source("web", false, &web).unwrap();
    resolver.matcher(SameEmail { email }).survivorship(CrmFirst);
    let resolution = resolver.resolve().unwrap();
    assert_eq!(resolution.clustering().len(), 3);

    let kelly = resolution.records_with_id("c1")[0];
    let kelly_web = resolution.records_with_id("w1")[0];
    let explanation = resolution.explain(kelly, kelly_web, Reveal::All).unwrap();
    assert_eq!(explanation.score().weight(), 10.0);
    let part = &explanation.fields()[0];
    assert_eq!(
        (
            part.field(),
            part.level(),
            part.m(),
            part.u(),
            part.weight()
        ),
        ("e-mail", Some("same"), Some(0.9), Some(0.0009), 10.0)
    );
    assert_eq!(
        part.raw(),
        [Some("k.neal@example.com"), Some("K.Neal@Example.com")]
    );
    assert_eq!(part.kind(), Some(FieldKind::Email));

    let entity = resolution.entity_of(kelly).unwrap().id();
    let golden = resolution.golden_record(entity).unwrap();
    // The crm's name, though the web's is longer.
    assert_eq!(golden.value("name"), Some("Kelly Neal"));
    let provenance = golden.provenance("name").unwrap();
    assert_eq!((provenance.source(), provenance.record_id()), ("crm", "c1"));
    assert_eq!(provenance.rule(), &RuleName::Custom("crm_first".into()));
    // Every value the members held stays reachable.
    assert_eq!(golden.alternatives("name").len(), 2);
    let members: Vec<String> = golden.members().iter().map(ToString::to_string).collect();
    assert_eq!(members, ["crm/c1", "web/w1"]);
    // Ann Lee has no e-mail: no value, no alternative.
    let ann = resolution.records_with_id("w2")[0];
    let ann = resolution
        .golden_record(resolution.entity_of(ann).unwrap().id())
        .unwrap();
    assert_eq!(
        (ann.value("name"), ann.value("email")),
        (Some("Ann Lee"), None)
    );
    assert!(ann.alternatives("email").is_empty());
    assert_eq!(resolution.golden_records().unwrap().len(), 3);
}

#[test]
fn a_golden_record_builder_rejects_bad_choices_with_typed_errors() {
    let mut store = PreparedStore::new(name_and_email());
    let crm = store.add_source("crm", false).unwrap();
    let (records, _) = contacts();
    store.ingest(crm, &records).unwrap();
    store
        .ingest(
            crm,
            &[OwnedRecord::new("c3").with("email", "not an address")],
        )
        .unwrap();
    let at = RecordIndex::from_position;
    assert_eq!(
        GoldenRecord::builder(&store, &[]).unwrap_err(),
        Error::EmptyCluster
    );
    assert_eq!(
        GoldenRecord::builder(&store, &[at(0), at(7)]).unwrap_err(),
        Error::RecordOutOfRange {
            index: 7,
            records: 3
        }
    );
    let mut golden = GoldenRecord::builder(&store, &[at(0), at(2), at(0)]).unwrap();
    assert_eq!(golden.members().len(), 2);
    let rule = || RuleName::FirstNonEmpty;
    assert_eq!(
        golden.choose("phone", at(0), rule()).unwrap_err(),
        Error::UnknownField("phone".into())
    );
    // Not a member.
    assert_eq!(
        golden.choose("name", at(1), rule()).unwrap_err(),
        Error::NotACandidate {
            field: "name".into(),
            record: 1
        }
    );
    // A member without a usable value (an unreadable address).
    assert_eq!(
        golden.choose("email", at(2), rule()).unwrap_err(),
        Error::NotACandidate {
            field: "email".into(),
            record: 2
        }
    );
    let error = golden
        .choose("email", at(2), rule())
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "record 2 is not a member with a usable value of field \"email\""
    );
    golden.choose("email", at(0), rule()).unwrap();
    let built = golden.build();
    assert_eq!(built.value("email"), Some("k.neal@example.com"));
    assert_eq!(built.value("name"), None);
    // The unreadable address is kept among the alternatives.
    let alternatives: Vec<Option<&str>> = built
        .alternatives("email")
        .iter()
        .map(|a| a.normalized())
        .collect();
    assert_eq!(alternatives, [Some("k.neal@example.com"), None]);
}

#[test]
fn two_host_records_score_as_the_batch_pipeline_scores_them() {
    let data = PeopleGenerator::builder()
        .seed(23)
        .entities(1_500)
        .build()
        .unwrap()
        .generate();
    let options = SyntheticData::prepare_options();
    let mut resolver = Resolver::with_options(SyntheticData::schema(), options.clone());
    for source in data.sources() {
        resolver
            .add_source(source.name(), source.is_duplicate_free(), source.records())
            .unwrap();
    }
    resolver.score_floor(0.0);
    let resolution = resolver.resolve().unwrap();
    let model = resolution.model().expect("a trained model");
    let pairs = resolution.pairs();
    assert!(pairs.len() > 1_000, "{}", pairs.len());
    // Matches, non-matches and near misses alike, over the whole run.
    for pair in pairs.iter().step_by(pairs.len() / 200) {
        let host_a = data.record(pair.a.get()).unwrap();
        let host_b = data.record(pair.b.get()).unwrap();
        let on_the_fly = model.score_records(host_a, host_b, &options).unwrap();
        let batch = score_pairs(model, resolution.store(), &[(pair.a, pair.b)])[0];
        assert_eq!(on_the_fly, batch);
        assert_eq!(on_the_fly.probability(), pair.probability);
        assert_eq!(resolution.score_records(host_a, host_b).unwrap(), batch);
        let explained = model
            .explain_records(host_a, host_b, &options, Reveal::All)
            .unwrap();
        assert_eq!(
            explained,
            resolution.explain(pair.a, pair.b, Reveal::All).unwrap()
        );
        let explained = resolution
            .explain_records(host_a, host_b, Reveal::All)
            .unwrap();
        assert_eq!(explained.score(), batch);
    }
    // Records that were never ingested score too, in either order.
    let stranger = OwnedRecord::new("x")
        .with("given", "Zebedee")
        .with("family", "Quark");
    let first = data.record(0).unwrap();
    let forward = model.score_records(&stranger, first, &options).unwrap();
    assert_eq!(
        forward,
        model.score_records(first, &stranger, &options).unwrap()
    );
    assert!(forward.probability() < 0.01, "{forward:?}");
}
