//! What a service embedding the crate needs, through the public API:
//! zero-copy host records with numeric ids, metadata fields, custom
//! survivorship and matchers, scoring records without a store, and
//! typed errors for bad input.

use std::borrow::Cow;

use sameas::block::{KeyRule, KeyTransform, TokenKeys, TokenMode, default_blockers};
use sameas::matcher::ModelError;
use sameas::matcher::{
    Comparison, Explanation, FellegiSunter, FieldExplanation, LevelTest, Matcher, Reveal, Rule,
    RuleMatcher, Score, Trainer, default_comparisons, score_pairs,
};
use sameas::resolve::{RepeatedIds, ResolveError, Resolver};
use sameas::survive::{
    GoldenRecord, RuleName, SurviveError, Survivorship, SurvivorshipRule, SurvivorshipRules,
};
use sameas::synthetic::{PeopleGenerator, SyntheticData};
use sameas::{
    BuildError, Error, FieldId, FieldKind, OwnedRecord, PreparedRecord, PreparedStore, Record,
    RecordIndex, Schema, StoreError,
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
                    let record = member.record()?;
                    let text = store.record(record)?.text(id)?;
                    Some((member.source() == "crm", text.len(), record))
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
        Error::Survive(SurviveError::EmptyCluster)
    );
    assert_eq!(
        GoldenRecord::builder(&store, &[at(0), at(7)]).unwrap_err(),
        Error::Store(StoreError::RecordOutOfRange {
            index: 7,
            records: 3
        })
    );
    let mut golden = GoldenRecord::builder(&store, &[at(0), at(2), at(0)]).unwrap();
    assert_eq!(golden.members().len(), 2);
    let rule = || RuleName::FirstNonEmpty;
    assert_eq!(
        golden.choose("phone", at(0), rule()).unwrap_err(),
        Error::Build(BuildError::UnknownField("phone".into()))
    );
    // Not a member.
    assert_eq!(
        golden.choose("name", at(1), rule()).unwrap_err(),
        Error::Survive(SurviveError::NotACandidate {
            field: "name".into(),
            record: 1
        })
    );
    // A member without a usable value (an unreadable address).
    assert_eq!(
        golden.choose("email", at(2), rule()).unwrap_err(),
        Error::Survive(SurviveError::NotACandidate {
            field: "email".into(),
            record: 2
        })
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
        assert_eq!(on_the_fly.probability(), pair.score.probability());
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

fn email_schema() -> Schema {
    Schema::builder()
        .field("email", FieldKind::Email)
        .build()
        .unwrap()
}

fn with_id(id: &str, email: &str) -> OwnedRecord {
    OwnedRecord::new(id).with("email", email)
}

#[test]
fn a_repeated_id_within_a_source_is_refused_by_default() {
    let mut resolver = Resolver::new(email_schema());
    let rows = [
        with_id("7", "secret-a@x.org"),
        with_id("8", "secret-b@x.org"),
        with_id(" 7 ", "secret-c@x.org"),
    ];
    let error = resolver.add_source("crm", false, &rows).unwrap_err();
    assert_eq!(
        error,
        Error::Resolve(ResolveError::RepeatedRecordId {
            source_name: "crm".into(),
            first: 0,
            repeat: 2
        })
    );
    // Neither the id nor a value is shown.
    assert_eq!(
        error.to_string(),
        "records 0 and 2 of source \"crm\" have the same id"
    );
    // Nothing of the call stays: the name is free again.
    assert!(resolver.store().is_empty() && resolver.store().sources().is_empty());
    let crm = resolver.add_source("crm", false, &rows[..2]).unwrap();
    // Across calls, positions count every record of the source.
    let more = [with_id("9", "c@x.org"), with_id("8", "d@x.org")];
    assert_eq!(
        resolver.extend_source(crm, &more).unwrap_err(),
        Error::Resolve(ResolveError::RepeatedRecordId {
            source_name: "crm".into(),
            first: 1,
            repeat: 3
        })
    );
    assert_eq!(resolver.store().len(), 2);
    // The refused call left no trace: `9` is still free.
    resolver.extend_source(crm, &more[..1]).unwrap();
    // Another source may hold the same ids.
    resolver.add_source("web", false, &rows[..2]).unwrap();
    // A record without an id is numbered by its place in its source.
    let numbered = [with_id("1", "e@x.org"), OwnedRecord::without_id()];
    assert_eq!(
        resolver
            .add_source("support", false, &numbered)
            .unwrap_err(),
        Error::Resolve(ResolveError::RepeatedRecordId {
            source_name: "support".into(),
            first: 0,
            repeat: 1
        })
    );
    // Numeric host ids are checked as the store keeps them.
    let hosts = [
        Customer {
            id: 5,
            name: "A",
            email: "a@x.org",
        },
        Customer {
            id: 5,
            name: "B",
            email: "b@x.org",
        },
    ];
    let mut resolver = Resolver::new(name_and_email());
    assert_eq!(
        resolver.add_source("numbers", false, &hosts).unwrap_err(),
        Error::Resolve(ResolveError::RepeatedRecordId {
            source_name: "numbers".into(),
            first: 0,
            repeat: 1
        })
    );
}

#[test]
fn keep_first_and_keep_all_are_explicit_policies() {
    let rows = [
        with_id("1", "ann@x.org"),
        with_id("2", "bob@x.org"),
        with_id("1", "ann@y.org"),
        with_id("3", "cat@x.org"),
    ];
    let same_email = |schema: &Schema| {
        RuleMatcher::new(
            schema,
            Rule::test(schema, "email", LevelTest::Exact).unwrap(),
        )
    };
    let schema = email_schema();
    let mut resolver = Resolver::new(schema.clone());
    resolver
        .repeated_ids(RepeatedIds::KeepFirst)
        .matcher(same_email(&schema));
    let crm = resolver.add_source("crm", false, &rows).unwrap();
    resolver
        .extend_source(crm, &[with_id("2", "bob@y.org")])
        .unwrap();
    let resolution = resolver.resolve().unwrap();
    let ids: Vec<&str> = resolution.store().records().map(|r| r.id()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    let email = resolution.store().schema().field_id("email").unwrap();
    let first = resolution.store().records().next().unwrap();
    assert_eq!(first.raw(email), Some("ann@x.org"));
    assert_eq!(resolution.stats().skipped_records, 2);
    assert!(
        resolution
            .stats()
            .to_string()
            .contains("skipped records  2 (repeated ids)")
    );

    let mut resolver = Resolver::new(schema.clone());
    resolver
        .repeated_ids(RepeatedIds::KeepAll)
        .matcher(same_email(&schema));
    resolver.add_source("crm", false, &rows).unwrap();
    let resolution = resolver.resolve().unwrap();
    assert_eq!(resolution.store().len(), 4);
    assert_eq!(resolution.records_with_id("1").len(), 2);
    assert_eq!(resolution.stats().skipped_records, 0);
}

#[test]
fn a_schema_field_no_record_provides_is_reported() {
    let schema = Schema::builder()
        .field("email", FieldKind::Email)
        .field("phone", FieldKind::Phone)
        .field("dob", FieldKind::Date)
        .build()
        .unwrap();
    let same_email = RuleMatcher::new(
        &schema,
        Rule::test(&schema, "email", LevelTest::Exact).unwrap(),
    );
    let mut resolver = Resolver::new(schema);
    resolver.matcher(same_email);
    // The host spells the phone `telephone`; one date is unreadable, which
    // still counts as provided.
    let rows = [
        [
            ("id", "1"),
            ("email", "ann@x.org"),
            ("telephone", "555 0100"),
            ("dob", "2023-02-30"),
        ],
        [
            ("id", "2"),
            ("email", "bob@x.org"),
            ("telephone", "555 0101"),
            ("dob", " "),
        ],
    ];
    resolver.add_source("crm", false, &rows).unwrap();
    let stats = resolver.store().stats();
    let absent: Vec<usize> = stats.absent_fields().map(|field| field.index()).collect();
    assert_eq!(absent, [1]);
    let resolution = resolver.resolve().unwrap();
    assert_eq!(resolution.stats().absent_fields, ["phone"]);
    assert!(
        resolution
            .stats()
            .to_string()
            .contains("\nabsent fields    phone\n")
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Reject refuses exactly the inputs with a repeat, naming the first
    /// one; KeepFirst keeps the first record of each id, in order.
    #[test]
    fn repeated_id_policies_match_a_simple_reference(
        ids in proptest::collection::vec(proptest::option::of(0u8..6), 0..12),
        split in 0usize..12,
    ) {
        let records: Vec<OwnedRecord> = ids
            .iter()
            .enumerate()
            .map(|(position, id)| match id {
                Some(id) => with_id(&id.to_string(), &format!("r{position}@x.org")),
                None => OwnedRecord::without_id().with("email", format!("r{position}@x.org")),
            })
            .collect();
        let split = split.min(records.len());
        // The reference: ids as the store numbers them, the first repeat.
        let mut seen: Vec<String> = Vec::new();
        let mut repeat = None;
        let mut kept: Vec<String> = Vec::new();
        for (position, id) in ids.iter().enumerate() {
            let id = id.map_or(position.to_string(), |id| id.to_string());
            if let Some(first) = seen.iter().position(|s| *s == id) {
                repeat = repeat.or(Some((first as u64, position as u64)));
            }
            seen.push(id);
        }
        for id in &ids {
            let id = id.map_or(kept.len().to_string(), |id| id.to_string());
            if !kept.contains(&id) {
                kept.push(id);
            }
        }
        let mut strict = Resolver::new(email_schema());
        let crm = strict.add_source("crm", false, &records[..split]);
        let outcome = crm.and_then(|crm| strict.extend_source(crm, &records[split..]));
        match repeat {
            None => proptest::prop_assert!(outcome.is_ok()),
            Some((first, repeat)) => {
                let expected = Error::Resolve(ResolveError::RepeatedRecordId { source_name: "crm".into(), first, repeat });
                proptest::prop_assert_eq!(outcome.unwrap_err(), expected);
            }
        }
        let mut lenient = Resolver::new(email_schema());
        lenient.repeated_ids(RepeatedIds::KeepFirst);
        let crm = lenient.add_source("crm", false, &records[..split]).unwrap();
        lenient.extend_source(crm, &records[split..]).unwrap();
        let stored: Vec<&str> = lenient.store().records().map(|r| r.id()).collect();
        proptest::prop_assert_eq!(stored, kept.iter().map(String::as_str).collect::<Vec<_>>());
    }
}

/// The synthetic schema plus metadata: a timestamp, and an e-mail and a
/// date of birth that would be matched on if they were not metadata.
fn schema_with_metadata() -> Schema {
    let mut builder = Schema::builder();
    for field in SyntheticData::schema().fields() {
        builder.field(field.name(), field.kind());
    }
    builder
        .metadata("updated_at", FieldKind::Timestamp)
        .metadata("signup_email", FieldKind::Email)
        .metadata("dob_on_file", FieldKind::Date)
        .build()
        .unwrap()
}

const METADATA: [&str; 3] = ["updated_at", "signup_email", "dob_on_file"];

#[test]
fn metadata_fields_are_never_blocked_compared_or_trained_on() {
    let data = PeopleGenerator::builder()
        .seed(31)
        .entities(1_200)
        .build()
        .unwrap()
        .generate();
    let run = |schema: Schema, with_metadata: bool| {
        let mut resolver = Resolver::with_options(schema, SyntheticData::prepare_options());
        for source in data.sources() {
            let records: Vec<OwnedRecord> = source
                .records()
                .iter()
                .enumerate()
                .map(|(position, record)| {
                    if !with_metadata {
                        return record.clone();
                    }
                    // Copies of identifying values: they would change the
                    // result if matching looked at them.
                    let mut record = record.clone();
                    record.set(
                        "updated_at",
                        format!("2024-03-05T{:02}:{:02}:00Z", position % 24, position % 60),
                    );
                    if let Some(email) = record.field("email").map(str::to_string) {
                        record.set("signup_email", email);
                    }
                    if let Some(dob) = record.field("dob").map(str::to_string) {
                        record.set("dob_on_file", dob);
                    }
                    record
                })
                .collect();
            resolver
                .add_source(source.name(), source.is_duplicate_free(), &records)
                .unwrap();
        }
        resolver.resolve().unwrap()
    };
    let plain = run(SyntheticData::schema(), false);
    let schema = schema_with_metadata();
    let with = run(schema.clone(), true);

    // Not in the default blocking keys or comparisons.
    let blockers: Vec<String> = default_blockers(&schema).iter().map(|b| b.name()).collect();
    let plain_blockers: Vec<String> = default_blockers(&SyntheticData::schema())
        .iter()
        .map(|b| b.name())
        .collect();
    assert_eq!(blockers, plain_blockers);
    assert!(
        blockers
            .iter()
            .all(|name| METADATA.iter().all(|field| !name.contains(field)))
    );
    let names = |comparisons: &[Comparison]| -> Vec<String> {
        comparisons.iter().map(|c| c.name().to_string()).collect()
    };
    assert_eq!(
        names(&default_comparisons(&schema)),
        names(&default_comparisons(&SyntheticData::schema()))
    );
    // Not in the trained model, nor in its training.
    let model = with.model().unwrap();
    let plain_model = plain.model().unwrap();
    assert_eq!(names(model.comparisons()), names(plain_model.comparisons()));
    for comparison in model.comparisons() {
        assert!(
            comparison
                .fields()
                .iter()
                .all(|&id| !schema.field(id).is_metadata())
        );
    }
    let report = model.training().unwrap();
    let rules: Vec<&Vec<String>> = report.sessions.iter().map(|s| &s.rule).collect();
    let plain_rules: Vec<&Vec<String>> = plain_model
        .training()
        .unwrap()
        .sessions
        .iter()
        .map(|s| &s.rule)
        .collect();
    assert_eq!(rules, plain_rules);
    // So the run is the same, pair for pair and entity for entity.
    let scored = |resolution: &sameas::resolve::Resolution| -> Vec<(usize, usize, f64)> {
        resolution
            .pairs()
            .iter()
            .map(|p| (p.a.get(), p.b.get(), p.score.probability()))
            .collect()
    };
    assert_eq!(scored(&with), scored(&plain));
    let entities = |resolution: &sameas::resolve::Resolution| -> Vec<String> {
        resolution
            .store()
            .records()
            .map(|r| resolution.entity_of(r.index()).unwrap().id().to_string())
            .collect()
    };
    assert_eq!(entities(&with), entities(&plain));
    assert_eq!(with.stats().candidate_pairs, plain.stats().candidate_pairs);
    // Never explained either.
    let pair = with.pairs()[0];
    let explanation = with.explain(pair.a, pair.b, Reveal::All).unwrap();
    for part in explanation.fields() {
        assert!(part.values().iter().all(|v| !METADATA.contains(&v.field())));
    }
    // But kept and output: golden records hold them.
    let golden = with
        .golden_record(with.entity_of(pair.a).unwrap().id())
        .unwrap();
    assert!(
        golden
            .value("updated_at")
            .is_some_and(|t| t.starts_with("2024-03-05T"))
    );
    assert_eq!(golden.value("signup_email"), golden.value("email"));
}

#[test]
fn naming_a_metadata_field_for_matching_is_a_typed_error() {
    let schema = schema_with_metadata();
    let metadata = |name: &str| BuildError::MetadataField(name.into());
    assert_eq!(
        KeyRule::on(&schema, &[("signup_email", KeyTransform::Exact)]).unwrap_err(),
        metadata("signup_email")
    );
    assert_eq!(
        TokenKeys::on(&schema, "signup_email", TokenMode::Words).unwrap_err(),
        metadata("signup_email")
    );
    assert_eq!(
        Comparison::new(&schema, "dob_on_file", &[LevelTest::Exact]).unwrap_err(),
        metadata("dob_on_file")
    );
    assert_eq!(
        Comparison::across(
            &schema,
            "contact",
            &[&[
                ("email", LevelTest::Exact),
                ("signup_email", LevelTest::Exact)
            ]]
        )
        .unwrap_err(),
        metadata("signup_email")
    );
    assert_eq!(
        Rule::test(&schema, "updated_at", LevelTest::Exact).unwrap_err(),
        metadata("updated_at")
    );
    let updated_at = schema.field_id("updated_at").unwrap();
    let swapped = LevelTest::Swapped {
        with: updated_at,
        at_least: 0.9,
    };
    assert_eq!(
        Comparison::new(&schema, "given", &[swapped]).unwrap_err(),
        metadata("updated_at")
    );
    assert_eq!(
        metadata("updated_at").to_string(),
        "field \"updated_at\" is metadata: it is kept but never blocked on or compared"
    );
    let mut store = PreparedStore::new(schema.clone());
    let crm = store.add_source("crm", false).unwrap();
    store
        .ingest(crm, &[with_id("1", "a@x.org"), with_id("2", "a@x.org")])
        .unwrap();
    let mut trainer = Trainer::new(&store);
    trainer.training_rule(&["signup_email"]);
    assert_eq!(
        trainer.train().unwrap_err(),
        Error::Build(metadata("signup_email"))
    );
    // A model whose schema differs only in a field's role does not load.
    let plain = Schema::builder()
        .field("email", FieldKind::Email)
        .field("seen", FieldKind::Timestamp)
        .build()
        .unwrap();
    let mut roles = Schema::builder();
    roles
        .field("email", FieldKind::Email)
        .metadata("seen", FieldKind::Timestamp);
    let roles = roles.build().unwrap();
    let model = FellegiSunter::new(
        &plain,
        0.01,
        vec![Comparison::new(&plain, "email", &[LevelTest::Exact]).unwrap()],
    )
    .unwrap();
    assert_eq!(
        FellegiSunter::from_json(&model.to_json(), &roles).unwrap_err(),
        ModelError::Mismatch {
            reason: "field `seen` is metadata in one schema only".into()
        }
    );
    // Nor one whose set separates its items otherwise.
    let tags = |separator: Option<char>| {
        let mut builder = Schema::builder();
        builder
            .field("email", FieldKind::Email)
            .field("tags", FieldKind::Set);
        if let Some(separator) = separator {
            builder.items_separated_by("tags", separator);
        }
        builder.build().unwrap()
    };
    let (bars, commas) = (tags(None), tags(Some(',')));
    let model = FellegiSunter::new(
        &bars,
        0.01,
        vec![Comparison::new(&bars, "tags", &[LevelTest::Exact]).unwrap()],
    )
    .unwrap();
    assert_eq!(
        FellegiSunter::from_json(&model.to_json(), &commas).unwrap_err(),
        ModelError::Mismatch {
            reason: "field `tags` separates its items otherwise (`|` in the model, `,` here)"
                .into()
        }
    );
}

#[test]
fn most_recent_ranks_by_the_time_of_day_within_one_date() {
    let schema = Schema::builder()
        .field("email", FieldKind::Email)
        .field("address", FieldKind::Address)
        .metadata("updated_at", FieldKind::Timestamp)
        .build()
        .unwrap();
    let mut store = PreparedStore::new(schema);
    let crm = store.add_source("crm", false).unwrap();
    let web = store.add_source("web", false).unwrap();
    let row = |id: &str, address: &str, updated: &str| {
        OwnedRecord::new(id)
            .with("email", "ann@x.org")
            .with("address", address)
            .with("updated_at", updated)
    };
    store
        .ingest(
            crm,
            &[
                row("c1", "1 Morning Road", "2024-03-05 09:00:00"),
                // 15:00 at +02:00 is 13:00 UTC: earlier than w1.
                row("c2", "2 Offset Street", "2024-03-05T15:00:00+02:00"),
                row("c3", "3 Dateless Lane", "2024-03-05"),
            ],
        )
        .unwrap();
    store
        .ingest(
            web,
            &[
                row("w1", "9 Afternoon Avenue", "2024-03-05T14:22:01Z"),
                row("w2", "8 Unreadable Way", "2024-03-05 25:00"),
            ],
        )
        .unwrap();
    let rules = SurvivorshipRules::builder(&store)
        .timestamp_field("updated_at")
        .build()
        .unwrap();
    let everyone: Vec<RecordIndex> = (0..5).map(RecordIndex::from_position).collect();
    let golden = rules.survive(&store, &everyone).unwrap();
    assert_eq!(golden.value("address"), Some("9 Afternoon Avenue"));
    let provenance = golden.provenance("address").unwrap();
    assert_eq!(
        (provenance.record_id(), provenance.rule()),
        ("w1", &RuleName::MostRecent)
    );
    // The timestamp itself survives as the latest, as written.
    assert_eq!(golden.value("updated_at"), Some("2024-03-05T14:22:01Z"));
    assert_eq!(
        golden.normalized_value("updated_at"),
        Some("2024-03-05T14:22:01Z")
    );
    // Without w1, the offset is undone: c2 (13:00 UTC) beats c1 (09:00).
    let without_w1 = rules.survive(&store, &everyone[..3]).unwrap();
    assert_eq!(without_w1.value("address"), Some("2 Offset Street"));
    // The same instant twice is a tie, left to the next rules as before:
    // most frequent, then most complete.
    let mut store = PreparedStore::new(store.schema().clone());
    let crm = store.add_source("crm", false).unwrap();
    store
        .ingest(
            crm,
            &[
                row("a", "1 Short St", "2024-03-05T14:22:01Z"),
                row("b", "1 Longer Street", "2024-03-05 15:22:01 +01:00"),
                row("c", "0 Old Road", "2024-03-05 14:22:00"),
            ],
        )
        .unwrap();
    let rules = SurvivorshipRules::builder(&store)
        .timestamp_field("updated_at")
        .build()
        .unwrap();
    let golden = rules
        .survive(
            &store,
            &[
                RecordIndex::from_position(0),
                RecordIndex::from_position(1),
                RecordIndex::from_position(2),
            ],
        )
        .unwrap();
    let provenance = golden.provenance("address").unwrap();
    assert_eq!(golden.value("address"), Some("1 Longer Street"));
    assert_eq!(
        (provenance.record_id(), provenance.rule()),
        ("b", &RuleName::MostComplete)
    );
    // Candidates see the full timestamp.
    let latest_hour = SurvivorshipRule::custom("hour", |candidates| {
        candidates.iter().position(|c| {
            c.timestamp()
                .is_some_and(|t| t.hour() == 14 && t.second() == 0)
        })
    });
    let rules = SurvivorshipRules::builder(&store)
        .timestamp_field("updated_at")
        .rule("address", [latest_hour])
        .build()
        .unwrap();
    let golden = rules
        .survive(
            &store,
            &[RecordIndex::from_position(0), RecordIndex::from_position(2)],
        )
        .unwrap();
    assert_eq!(golden.value("address"), Some("0 Old Road"));
    // A field that is neither a date nor a timestamp cannot time records.
    assert_eq!(
        SurvivorshipRules::builder(&store)
            .timestamp_field("email")
            .build()
            .unwrap_err(),
        BuildError::TimestampNotDate {
            field: "email".into(),
            kind: FieldKind::Email
        }
    );
}
