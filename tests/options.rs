//! Options types through the public API: each is a validated builder
//! (`new()` for the defaults, `builder()` to change them, `build()`
//! rejecting bad values with an error naming the parameter), and each
//! setting has one owner.

use sameas::block::{BlockingIndex, BlockingOptions, KeyRule, KeyTransform, LinkMode};
use sameas::cluster::ClusterOptions;
use sameas::matcher::{LevelTest, Rule, RuleMatcher, Trainer};
use sameas::normalize::{DateParser, DayMonthOrder, PhoneError, PhoneNormalizer};
use sameas::resolve::Resolver;
use sameas::{
    BuildError, Date, Error, FieldKind, OwnedRecord, PrepareOptions, PreparedStore, Schema,
};

#[test]
fn blocking_options_reject_a_cap_that_skips_every_block() {
    assert_eq!(BlockingOptions::new().max_block_size(), 300);
    assert_eq!(BlockingOptions::default(), BlockingOptions::new());
    for cap in [0, 1] {
        assert_eq!(
            BlockingOptions::builder().max_block_size(cap).build(),
            Err(BuildError::InvalidParameter {
                name: "max_block_size",
                reason: format!("{cap} is below 2: every block with a pair would be skipped"),
            })
        );
    }
    let two = BlockingOptions::builder()
        .max_block_size(2)
        .build()
        .unwrap();
    assert_eq!(two.max_block_size(), 2);
}

#[test]
fn blocking_options_read_from_json_are_checked() {
    let options = BlockingOptions::builder()
        .max_block_size(42)
        .build()
        .unwrap();
    let json = serde_json::to_string(&options).unwrap();
    assert_eq!(json, r#"{"max_block_size":42}"#);
    assert_eq!(
        serde_json::from_str::<BlockingOptions>(&json).unwrap(),
        options
    );
    let error = serde_json::from_str::<BlockingOptions>(r#"{"max_block_size":0}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid parameter `max_block_size`: 0 is below 2: every block with a pair would be skipped"
    );
}

#[test]
fn the_block_cap_of_the_options_is_applied() {
    let schema = Schema::builder()
        .field("email", FieldKind::Email)
        .build()
        .unwrap();
    let mut store = PreparedStore::new(schema.clone());
    let crm = store.add_source("crm", false).unwrap();
    let records: Vec<OwnedRecord> = (0..3)
        .map(|i| OwnedRecord::new(i.to_string()).with("email", "shared@example.com"))
        .collect();
    store.ingest(crm, &records).unwrap();
    let rule = || KeyRule::on(&schema, &[("email", KeyTransform::Exact)]).unwrap();
    let pairs = |cap: usize| {
        let options = BlockingOptions::builder()
            .max_block_size(cap)
            .build()
            .unwrap();
        BlockingIndex::build(&store, vec![Box::new(rule())], options)
            .candidate_pairs(&store, LinkMode::Dedup)
            .pairs()
            .len()
    };
    assert_eq!(pairs(3), 3);
    assert_eq!(pairs(2), 0);
}

#[test]
fn prepare_options_are_built_and_read_back() {
    let defaults = PrepareOptions::new();
    assert_eq!(defaults.phones().default_country(), None);
    assert_eq!(
        defaults.dates().day_month_order(),
        DayMonthOrder::MonthFirst
    );

    let options = PrepareOptions::builder()
        .phones(
            PhoneNormalizer::builder()
                .default_country("GB")
                .build()
                .unwrap(),
        )
        .dates(
            DateParser::builder()
                .day_month_order(DayMonthOrder::DayFirst)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    assert_eq!(options.phones().default_country(), Some("GB"));
    assert_eq!(options.dates().day_month_order(), DayMonthOrder::DayFirst);

    // The store reads values with them.
    let schema = Schema::builder()
        .field("dob", FieldKind::Date)
        .build()
        .unwrap();
    let dob = schema.field_id("dob").unwrap();
    let mut store = PreparedStore::with_options(schema, options);
    let crm = store.add_source("crm", false).unwrap();
    store
        .ingest(crm, &[OwnedRecord::new("1").with("dob", "03/04/1985")])
        .unwrap();
    let record = store.records().next().unwrap();
    assert_eq!(record.date(dob), Some(Date::new(1985, 4, 3).unwrap()));
}

#[test]
fn phone_normalizer_is_a_validated_builder() {
    assert_eq!(PhoneNormalizer::new().default_country(), None);
    assert_eq!(
        PhoneNormalizer::builder().build(),
        Ok(PhoneNormalizer::new())
    );

    let mut builder = PhoneNormalizer::builder();
    builder.default_country("nz");
    let nz = builder.build().unwrap();
    assert_eq!(nz.default_country(), Some("NZ"));
    assert_eq!(
        nz.normalize("09 123 4567").unwrap().to_string(),
        "+6491234567"
    );

    let error = PhoneNormalizer::builder()
        .default_country("XX")
        .build()
        .unwrap_err();
    assert_eq!(error, PhoneError::UnknownCountry("XX".to_string()));
    assert_eq!(error.to_string(), "unknown country code \"XX\"");
    // Through the crate error, with the same text.
    assert_eq!(
        Error::from(error).to_string(),
        "unknown country code \"XX\""
    );
}

#[test]
fn the_default_guard_follows_a_threshold_above_it() {
    let options = ClusterOptions::builder().threshold(0.995).build().unwrap();
    assert_eq!(options.threshold(), 0.995);
    assert_eq!(options.guard(), Some((0.995, 0.5)));
    // A guard the caller chose is checked, not raised.
    assert_eq!(
        ClusterOptions::builder()
            .threshold(0.995)
            .guard(0.99, 0.5)
            .build(),
        Err(BuildError::InvalidParameter {
            name: "strong_probability",
            reason: "0.99 is below the threshold 0.995".into()
        })
    );
}

fn email_resolver() -> Resolver {
    let schema = Schema::builder()
        .field("email", FieldKind::Email)
        .build()
        .unwrap();
    let same_email = RuleMatcher::new(
        &schema,
        Rule::test(&schema, "email", LevelTest::Exact).unwrap(),
    );
    let mut resolver = Resolver::new(schema);
    resolver.matcher(same_email);
    resolver
        .add_source(
            "crm",
            false,
            &[
                OwnedRecord::new("1").with("email", "ann@x.org"),
                OwnedRecord::new("2").with("email", "ANN@x.org"),
                OwnedRecord::new("3").with("email", "bob@x.org"),
            ],
        )
        .unwrap();
    resolver
}

#[test]
fn the_resolver_accepts_pairs_at_the_cluster_options_threshold() {
    let mut resolver = email_resolver();
    resolver.cluster_options(ClusterOptions::builder().threshold(0.9).build().unwrap());
    let resolution = resolver.resolve().unwrap();
    assert_eq!(resolution.threshold(), 0.9);
    assert_eq!(resolution.clustering().len(), 2);

    let resolution = email_resolver().resolve().unwrap();
    assert_eq!(resolution.threshold(), ClusterOptions::new().threshold());
}

#[test]
fn the_resolver_checks_its_own_settings() {
    let mut resolver = email_resolver();
    assert_eq!(resolver.check(), Ok(()));
    resolver.score_floor(1.5);
    assert_eq!(
        resolver.check(),
        Err(Error::Build(BuildError::InvalidParameter {
            name: "score_floor",
            reason: "1.5 is not a probability in [0, 1]".into()
        }))
    );
    assert_eq!(
        resolver.resolve().unwrap_err(),
        Error::Build(BuildError::InvalidParameter {
            name: "score_floor",
            reason: "1.5 is not a probability in [0, 1]".into()
        })
    );
}

#[test]
fn training_settings_of_zero_are_rejected() {
    let schema = Schema::builder()
        .field("email", FieldKind::Email)
        .build()
        .unwrap();
    let records = [
        OwnedRecord::new("1").with("email", "ann@x.org"),
        OwnedRecord::new("2").with("email", "ann@x.org"),
    ];
    let zero = |name| {
        Error::Build(BuildError::InvalidParameter {
            name,
            reason: "0 is below 1".into(),
        })
    };

    // The resolver checks the trainer as its training setup leaves it.
    let mut resolver = Resolver::new(schema.clone());
    resolver.add_source("crm", false, &records).unwrap();
    resolver.configure_training(|trainer| {
        trainer.pairs_per_rule(0);
    });
    assert_eq!(resolver.check(), Err(zero("pairs_per_rule")));
    assert_eq!(resolver.resolve().unwrap_err(), zero("pairs_per_rule"));

    let mut store = PreparedStore::new(schema);
    let crm = store.add_source("crm", false).unwrap();
    store.ingest(crm, &records).unwrap();
    type Setup = fn(&mut Trainer<'_>);
    let setups: [(&str, Setup); 3] = [
        ("random_pairs", |trainer| {
            trainer.random_pairs(0);
        }),
        ("pairs_per_rule", |trainer| {
            trainer.pairs_per_rule(0);
        }),
        ("max_iterations", |trainer| {
            trainer.max_iterations(0);
        }),
    ];
    for (name, setup) in setups {
        let mut trainer = Trainer::new(&store);
        setup(&mut trainer);
        assert_eq!(trainer.train().unwrap_err(), zero(name));
        assert_eq!(trainer.train_with_labels(&[]).unwrap_err(), zero(name));
    }
}
