//! Regression tests of the defects found by the privacy and hardening
//! audit (issue 13), through the public API: each asserts the exact
//! result or error the fix gives.

use sameas::matcher::{Comparison, FellegiSunter, LevelTest};
use sameas::resolve::Resolver;
use sameas::{FieldKind, OwnedRecord, Schema};

/// A model that accepts exact agreement on e-mail and nothing else.
fn email_model(schema: &Schema) -> FellegiSunter {
    let mut email = Comparison::new(schema, "email", &[LevelTest::Exact]).expect("comparison");
    email
        .set_probabilities(0, 0.95, 0.001)
        .expect("probabilities");
    FellegiSunter::new(schema, 0.01, vec![email]).expect("model")
}

/// Defect 1: 301 identical records made one block over the size cap
/// (300) and stayed 301 entities; now they are one, and the run says
/// what blocking skipped.
#[test]
fn identical_records_past_the_block_cap_are_one_entity() {
    let schema = Schema::builder()
        .field("name", FieldKind::FullName)
        .field("email", FieldKind::Email)
        .build()
        .expect("schema");
    let mut records: Vec<OwnedRecord> = (0..301)
        .map(|copy| {
            OwnedRecord::new(format!("copy-{copy}"))
                .with("name", if copy % 2 == 0 { "Ann Lee" } else { "LEE, Ann" })
                .with("email", "Ann.Lee@Example.com")
        })
        .collect();
    records.push(
        OwnedRecord::new("other")
            .with("name", "Bob Roe")
            .with("email", "bob@example.com"),
    );
    let mut resolver = Resolver::new(schema.clone());
    resolver.model(email_model(&schema));
    resolver.add_source("crm", false, &records).expect("ingest");
    let resolution = resolver.resolve().expect("resolve");
    let stats = resolution.stats();
    assert_eq!(resolution.clustering().len(), 2);
    assert_eq!(stats.largest_entity, 301);
    assert_eq!(stats.identical_pairs_added, 300);
    assert!(stats.skipped_blocks >= 1, "{stats}");
    assert_eq!(
        stats.skipped_block_pairs,
        stats.skipped_blocks * 301 * 300 / 2
    );
    assert!(
        stats.to_string().contains(&format!(
            "skipped blocks   {} over the size cap ({} pairs not compared; 300 pairs of identical records compared anyway)",
            stats.skipped_blocks, stats.skipped_block_pairs
        )),
        "{stats}"
    );
}

/// Defect 2: the saved model held unkeyed hashes of every value shared
/// by two records, with their counts. Now: keyed hashes (with the
/// host's key, never saved) of values shared by at least 5 records, and
/// no counts at all without a key.
#[test]
fn saved_term_frequencies_are_keyed_and_k_anonymous() {
    use sameas::matcher::{ModelError, ModelWarning, TermFrequencyKey, Trainer};
    use sameas::synthetic::PeopleGenerator;

    let data = PeopleGenerator::builder()
        .seed(3)
        .entities(400)
        .build()
        .expect("generator")
        .generate();
    let store = data.prepared_store().expect("store");
    let key = TermFrequencyKey::new("the host's secret, 16+ bytes").expect("key");
    let train = |key: Option<&TermFrequencyKey>| {
        let mut trainer = Trainer::new(&store);
        trainer.random_pairs(20_000).pairs_per_rule(20_000);
        if let Some(key) = key {
            trainer.term_frequency_key(key.clone());
        }
        trainer.train().expect("train")
    };
    let tables = |json: &str| -> Vec<serde_json::Value> {
        let model: serde_json::Value = serde_json::from_str(json).expect("json");
        model["comparisons"]
            .as_array()
            .expect("comparisons")
            .iter()
            .filter_map(|comparison| comparison.get("term_frequencies").cloned())
            .collect()
    };

    let keyed = train(Some(&key)).to_json();
    let keyed_tables = tables(&keyed);
    assert!(!keyed_tables.is_empty());
    let check = &keyed_tables[0]["key_check"];
    assert!(check.is_u64(), "{keyed}");
    for table in &keyed_tables {
        assert_eq!(&table["key_check"], check);
        assert_eq!(table["min_count"], 5);
        for entry in table["counts"].as_array().expect("counts") {
            assert!(entry[1].as_u64().expect("count") >= 5, "{entry}");
        }
    }
    assert!(
        keyed_tables
            .iter()
            .any(|table| !table["counts"].as_array().expect("counts").is_empty())
    );

    let unkeyed = train(None).to_json();
    for table in tables(&unkeyed) {
        assert_eq!(table["counts"], serde_json::json!([]), "{table}");
        assert!(table.get("key_check").is_none());
    }

    let mut loaded = FellegiSunter::from_json(&keyed, store.schema()).expect("load");
    let names: Vec<String> = loaded
        .comparisons()
        .iter()
        .filter(|comparison| {
            comparison
                .levels()
                .iter()
                .any(|level| level.is_term_frequency_adjusted())
        })
        .map(|comparison| comparison.name().to_string())
        .collect();
    assert_eq!(
        loaded.warnings(),
        [ModelWarning::TermFrequencyKeyMissing {
            comparisons: names.clone()
        }]
    );
    let other = TermFrequencyKey::new("somebody else's secret").expect("key");
    assert_eq!(
        loaded.use_term_frequency_key(&other),
        Err(ModelError::TermFrequencyKeyMismatch {
            comparison: names[0].clone()
        })
    );
    loaded.use_term_frequency_key(&key).expect("the key");
    assert_eq!(loaded.warnings(), []);
    let reloaded = FellegiSunter::from_json(&unkeyed, store.schema()).expect("load");
    assert_eq!(
        reloaded.warnings(),
        [ModelWarning::TermFrequenciesNotSaved { comparisons: names }]
    );
}

/// Defect 3: errors echoed the value they refused (`e-mail address
/// "ann smith@example.com" ...`, `unrecognised date format: "..."`), and
/// inference quoted a constant column's value; errors end up in logs.
#[test]
fn no_error_message_carries_the_value() {
    use sameas::infer::infer_column;
    use sameas::normalize::{DateParser, PhoneNormalizer, normalize_email};

    let emails = [
        ("", "the e-mail address is empty"),
        ("ann.lee.example.com", "the e-mail address has no '@'"),
        ("@example.com", "the e-mail address has an empty local part"),
        ("ann.lee@", "the e-mail address has an empty domain"),
        (
            "ann.lee@examplecom",
            "the e-mail address has an invalid domain: it has no dot",
        ),
        (
            "ann lee@example.com",
            "the e-mail address contains an invalid character",
        ),
    ];
    for (input, message) in emails {
        assert_eq!(
            normalize_email(input).unwrap_err().to_string(),
            message,
            "{input:?}"
        );
    }
    let phones = PhoneNormalizer::builder()
        .default_country("US")
        .build()
        .expect("phones");
    let bad_phones = [
        ("523", "phone number has too few digits (3 found)"),
        ("555 0199 ext", "invalid extension"),
        ("+0 555 0199 8877", "invalid country calling code"),
        ("555-CALL-ANN", "invalid character in phone number"),
    ];
    for (input, message) in bad_phones {
        assert_eq!(
            phones.normalize(input).unwrap_err().to_string(),
            message,
            "{input:?}"
        );
    }
    let dates = DateParser::builder().build().expect("dates");
    assert_eq!(
        dates.parse("Ann's birthday").unwrap_err().to_string(),
        "unrecognised date format (14 characters)"
    );
    assert_eq!(
        infer_column("x", &["1980-01-02", "1980-01-02"]).reason(),
        "all 2 sampled values are the same, so it cannot tell records apart"
    );
}

/// Defect 3: `Debug` of the store, its records, golden records and owned
/// records printed every value (an SSN in a panic message or a log
/// line). Now names and lengths only.
#[test]
fn debug_output_holds_no_value() {
    use sameas::survive::{Survivorship, SurvivorshipRules};
    use sameas::{PreparedStore, RecordIndex};

    let schema = Schema::builder()
        .field("name", FieldKind::FullName)
        .field("ssn", FieldKind::Identifier)
        .build()
        .expect("schema");
    assert!(
        schema.fields()[1].is_sensitive(),
        "identifiers are sensitive by default"
    );
    let record = OwnedRecord::new("c-17")
        .with("name", "Ann Lee")
        .with("ssn", "078-05-1120");
    assert_eq!(
        format!("{record:?}"),
        r#"OwnedRecord { id: Some(<4 bytes>), fields: {"name": Some(<7 bytes>), "ssn": Some(<11 bytes>)} }"#
    );
    let mut store = PreparedStore::new(schema);
    let crm = store.add_source("crm", false).expect("source");
    store.ingest(crm, &[record]).expect("ingest");
    let prepared = store.record(RecordIndex::from_position(0)).expect("record");
    assert_eq!(
        format!("{prepared:?}"),
        r#"PreparedRecord { index: 0, source: SourceId(0), id: <4 bytes>, fields: {"name": Some(<7 bytes>), "ssn": Some(<9 bytes>)} }"#
    );
    assert_eq!(
        format!("{store:?}"),
        r#"PreparedStore { records: 1, sources: ["crm"], fields: ["name", "ssn"], .. }"#
    );
    let golden = SurvivorshipRules::new(&store)
        .survive(&store, &[RecordIndex::from_position(0)])
        .expect("golden");
    let shown = format!("{golden:?} {:?}", golden.fields());
    for value in ["Ann", "ann", "078", "1120", "c-17"] {
        assert!(!shown.contains(value), "{value} in {shown}");
    }
    assert!(
        shown.contains(r#"fields: {"name": Some(<7 bytes>), "ssn": Some(<11 bytes>)}"#),
        "{shown}"
    );
}

/// Defect 5: a huge sample size panicked ("capacity overflow") in the
/// trainer; now it is refused before training.
#[test]
fn training_sample_sizes_past_the_limit_are_refused() {
    use sameas::matcher::{MAX_TRAINING_PAIRS, Trainer};
    use sameas::{BuildError, Error, PreparedStore};

    let store = PreparedStore::new(
        Schema::builder()
            .field("email", FieldKind::Email)
            .build()
            .expect("schema"),
    );
    let mut trainer = Trainer::new(&store);
    trainer.random_pairs(usize::MAX);
    assert_eq!(
        trainer.train().unwrap_err(),
        Error::Build(BuildError::InvalidParameter {
            name: "random_pairs",
            reason: format!("{} is above the most, 10000000", usize::MAX),
        })
    );
    trainer
        .random_pairs(MAX_TRAINING_PAIRS)
        .pairs_per_rule(MAX_TRAINING_PAIRS + 1);
    assert_eq!(
        trainer.train().unwrap_err(),
        Error::Build(BuildError::InvalidParameter {
            name: "pairs_per_rule",
            reason: "10000001 is above the most, 10000000".into(),
        })
    );
}

/// Defect 6: `normalize_name` was not idempotent: `Mr/Mrs Smith` gave
/// `mr mrs smith`, which gave `smith`; `Jane Doe-II` gave `jane doe ii`,
/// then `jane doe`.
#[test]
fn normalize_name_is_idempotent_on_hidden_titles_and_suffixes() {
    use sameas::normalize::normalize_name;
    for (input, expected) in [("Mr/Mrs Smith", "smith"), ("Jane Doe-II", "jane doe")] {
        let once = normalize_name(input);
        assert_eq!(once, expected);
        assert_eq!(normalize_name(&once), expected);
    }
}

/// Defect 6, the parse: `parse_person_name("Jane Doe-II")` gave family
/// `doe ii`. Titles leading a hyphenated or slashed word and suffixes
/// ending it are words of their own; the rest of the word stays one part.
#[test]
fn parse_person_name_sets_apart_hidden_titles_and_suffixes() {
    use sameas::normalize::parse_person_name;
    /// (input, titles, given, family, suffixes)
    type Case<'a> = (
        &'a str,
        &'a [&'a str],
        Option<&'a str>,
        Option<&'a str>,
        &'a [&'a str],
    );
    let cases: &[Case<'_>] = &[
        ("Jane Doe-II", &[], Some("jane"), Some("doe"), &["ii"]),
        ("Doe-II, Jane", &[], Some("jane"), Some("doe"), &["ii"]),
        ("John Smith-Jr.", &[], Some("john"), Some("smith"), &["jr"]),
        ("Mr/Mrs Smith", &["mr", "mrs"], None, Some("smith"), &[]),
        ("Dr-Ann Lee", &["dr"], Some("ann"), Some("lee"), &[]),
        // No title or suffix inside: the hyphenated word stays one part.
        ("Jane Doe-Smith", &[], Some("jane"), Some("doe smith"), &[]),
        (
            "Jean-Paul Sartre",
            &[],
            Some("jean paul"),
            Some("sartre"),
            &[],
        ),
        // A suffix inside the word, not at its end, is a name part.
        ("Ann Ii-Lee", &[], Some("ann"), Some("ii lee"), &[]),
    ];
    for &(input, titles, given, family, suffixes) in cases {
        let name = parse_person_name(input);
        assert_eq!(name.titles().collect::<Vec<_>>(), titles, "{input}");
        assert_eq!(name.given(), given, "{input}");
        assert_eq!(name.family(), family, "{input}");
        assert_eq!(name.suffixes().collect::<Vec<_>>(), suffixes, "{input}");
        // The full name is what normalising the parts gives.
        assert_eq!(
            sameas::normalize::normalize_name(name.full_name()),
            name.full_name(),
            "{input}"
        );
    }
}

/// Issue 13, limits: record ids had no cap (values are cut at
/// `MAX_FIELD_BYTES`, ids cannot be). An id past `MAX_ID_BYTES` is a
/// typed error naming the source and the record's position, never the
/// id, from the store, the resolver and the live state alike; nothing of
/// the refused call is kept.
#[test]
fn record_ids_past_the_cap_are_refused_without_echoing_them() {
    use sameas::live::{LiveResolution, LiveSettings};
    use sameas::{Error, MAX_ID_BYTES, StoreError};
    let schema = Schema::builder()
        .field("name", FieldKind::FullName)
        .field("email", FieldKind::Email)
        .build()
        .expect("schema");
    let long = "Q".repeat(MAX_ID_BYTES + 7);
    let refused = StoreError::IdTooLong {
        source_name: "crm".into(),
        record: 3,
        bytes: MAX_ID_BYTES + 7,
    };
    assert_eq!(
        refused.to_string(),
        "record 3 of source \"crm\" has an id of 1031 bytes; an id holds at most 1024 bytes"
    );
    let records = |last: &str| {
        vec![
            OwnedRecord::new("1")
                .with("name", "Ann Lee")
                .with("email", "ann@x.org"),
            OwnedRecord::new("2")
                .with("name", "Ann Lee")
                .with("email", "ann@x.org"),
            OwnedRecord::new(format!("  {last}  ")).with("name", "Bob Stone"),
        ]
    };
    let mut resolver = Resolver::new(schema.clone());
    let error = resolver
        .add_source("crm", false, &records(&long))
        .expect_err("a long id");
    assert_eq!(error, Error::Store(refused.clone()));
    assert!(!error.to_string().contains("QQQQ"));
    // An id of exactly the cap (after trimming) is taken.
    let at_cap = "Q".repeat(MAX_ID_BYTES);
    let mut resolver = Resolver::new(schema);
    resolver
        .add_source("crm", false, &records(&at_cap))
        .expect("an id at the cap");
    let mut live =
        LiveResolution::from_resolution(resolver.resolve().expect("resolve"), LiveSettings::new())
            .expect("live");
    assert!(live.entity_of("crm", &at_cap).is_some());
    let before = live.len();
    let error = live
        .upsert(
            "crm",
            &OwnedRecord::new(long.as_str()).with("name", "Cy Young"),
        )
        .expect_err("a long id");
    assert!(
        matches!(&error, Error::Store(StoreError::IdTooLong { source_name, bytes, .. })
            if source_name == "crm" && *bytes == MAX_ID_BYTES + 7),
        "{error:?}"
    );
    assert!(!format!("{error} {error:?}").contains("QQQQ"));
    assert_eq!(live.len(), before);
}
