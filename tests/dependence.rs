//! Dependent evidence through the public API: training finds that
//! household members share the family name at one address, lowers the
//! family name's weight there (never raises any), explains it, saves it
//! with the model; hand-made dependences are checked.
#![cfg(feature = "synthetic")]

use proptest::prelude::*;
use sameas::matcher::{
    Comparison, Dependence, FellegiSunter, LevelTest, Matcher, ModelError, Reveal, Trainer,
};
use sameas::synthetic::shapes::GovernmentGenerator;
use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};

fn household_model() -> (Schema, FellegiSunter) {
    let schema = Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("family", FieldKind::FamilyName)
        .field("address", FieldKind::Address)
        .build()
        .unwrap();
    let comparison = |name: &str, m: f64, u: f64| {
        let mut comparison = Comparison::new(&schema, name, &[LevelTest::Exact]).unwrap();
        comparison.set_probabilities(0, m, u).unwrap();
        comparison.set_probabilities(1, 1.0 - m, 1.0 - u).unwrap();
        comparison
    };
    let model = FellegiSunter::new(
        &schema,
        0.0001,
        vec![
            comparison("given", 0.9, 0.01),
            comparison("family", 0.9, 0.002),
            comparison("address", 0.8, 0.0001),
        ],
    )
    .unwrap();
    (schema, model)
}

fn store(schema: &Schema, records: &[OwnedRecord]) -> PreparedStore {
    let mut store = PreparedStore::new(schema.clone());
    let source = store.add_source("crm", false).unwrap();
    store.ingest(source, records).unwrap();
    store
}

/// A comparison of `field` with an exact level, `second` and `else`: m
/// 0.9 / 0.06 / 0.04, u 0.002 / 0.0007 / 0.9973 (a name's levels).
fn name_levels(schema: &Schema, field: &str, second: LevelTest) -> Comparison {
    let mut comparison = Comparison::new(schema, field, &[LevelTest::Exact, second]).unwrap();
    comparison.set_probabilities(0, 0.9, 0.002).unwrap();
    comparison.set_probabilities(1, 0.06, 0.0007).unwrap();
    comparison.set_probabilities(2, 0.04, 0.9973).unwrap();
    comparison
}

/// The exact comparison of `address`: m 0.8 / 0.2, u 0.0001 / 0.9999.
fn address_levels(schema: &Schema) -> Comparison {
    let mut address = Comparison::new(schema, "address", &[LevelTest::Exact]).unwrap();
    address.set_probabilities(0, 0.8, 0.0001).unwrap();
    address.set_probabilities(1, 0.2, 0.9999).unwrap();
    address
}

#[test]
fn training_finds_households_in_government_records() {
    let data = GovernmentGenerator::builder()
        .seed(3)
        .entities(1_000)
        .build()
        .unwrap()
        .generate();
    let store = data.prepared_store().unwrap();
    let model = Trainer::new(&store).train().unwrap();
    let household = model
        .dependences()
        .iter()
        .find(|d| (d.condition(), d.dependent()) == ("address", "family"))
        .unwrap_or_else(|| panic!("{:?}", model.dependences()));
    // Most people sharing an address share the family name; at random
    // two people share it far less often.
    assert!(household.u() > 0.3, "{household:?}");
    assert!(household.pairs() >= 100, "{household:?}");
    let without = Trainer::new(&store).dependences(false).train().unwrap();
    assert_eq!(without.dependences(), &[]);
    // Saved and loaded with the model (the term frequencies need the
    // model's key, which is never saved; the dependences do not).
    let loaded = FellegiSunter::from_json(&model.to_json(), store.schema()).unwrap();
    assert_eq!(loaded.dependences(), model.dependences());
}

#[test]
fn a_household_pair_loses_the_family_weight_and_says_why() {
    let (schema, model) = household_model();
    let model = model
        .with_dependences(vec![Dependence::new("address", "family", 0.5).unwrap()])
        .unwrap();
    let store = store(
        &schema,
        &[
            OwnedRecord::new("1")
                .with("given", "Eric")
                .with("family", "Trevisani")
                .with("address", "1 Main St"),
            OwnedRecord::new("2")
                .with("given", "Frances")
                .with("family", "Trevisani")
                .with("address", "1 Main St"),
            OwnedRecord::new("3")
                .with("given", "Frances")
                .with("family", "Trevisani")
                .with("address", "9 Elm Rd"),
        ],
    );
    let r: Vec<_> = store.records().collect();
    let explanation = model.explain(&r[0], &r[1], Reveal::All);
    let family = &explanation.fields()[1];
    assert_eq!(family.level(), Some("exact, with address"));
    assert_eq!(family.u(), Some(0.5));
    assert!((family.weight() - (0.9f64 / 0.5).log2()).abs() < 1e-12);
    assert_eq!(explanation.score(), model.score(&r[0], &r[1]));
    // Another address: the family name weighs as usual.
    let elsewhere = model.explain(&r[1], &r[2], Reveal::All);
    assert_eq!(elsewhere.fields()[1].level(), Some("exact"));
    assert!((elsewhere.fields()[1].weight() - (0.9f64 / 0.002).log2()).abs() < 1e-12);
}

#[test]
fn a_misspelt_family_name_at_the_address_weighs_no_more_than_the_right_one() {
    // The family name with an exact and a near level; the household's
    // dependence is measured on the exact level only. At a shared address
    // `Torre` for `Torres` must not outweigh `Torres` itself (twins
    // chained through one misspelt tax form did so).
    let schema = Schema::builder()
        .field("family", FieldKind::FamilyName)
        .field("address", FieldKind::Address)
        .build()
        .unwrap();
    let family = name_levels(&schema, "family", LevelTest::JaroWinkler { at_least: 0.92 });
    let address = address_levels(&schema);
    let model = FellegiSunter::new(&schema, 0.0001, vec![family, address])
        .unwrap()
        .with_dependences(vec![Dependence::new("address", "family", 0.5).unwrap()])
        .unwrap();
    let record = |id: &str, family: &str, address: &str| {
        OwnedRecord::new(id)
            .with("family", family)
            .with("address", address)
    };
    let store = store(
        &schema,
        &[
            record("1", "Torres", "1 Main St"),
            record("2", "Torres", "1 Main St"),
            record("3", "Torre", "1 Main St"),
            record("4", "Torre", "9 Elm Rd"),
        ],
    );
    let r: Vec<_> = store.records().collect();
    let exact = model.explain(&r[0], &r[1], Reveal::All);
    let near = model.explain(&r[0], &r[2], Reveal::All);
    let capped = (0.9f64 / 0.5).log2();
    assert!((exact.fields()[0].weight() - capped).abs() < 1e-12);
    assert!((near.fields()[0].weight() - capped).abs() < 1e-12);
    assert_eq!(
        near.fields()[0].level(),
        Some("jaro-winkler >= 0.92, at most exact, with address")
    );
    assert_eq!(near.fields()[0].m(), Some(0.9));
    assert_eq!(near.fields()[0].u(), Some(0.5));
    assert!(model.score(&r[0], &r[2]).weight() <= model.score(&r[0], &r[1]).weight());
    // Elsewhere the near level weighs as usual.
    let elsewhere = model.explain(&r[1], &r[3], Reveal::All);
    assert_eq!(elsewhere.fields()[0].level(), Some("jaro-winkler >= 0.92"));
    assert!((elsewhere.fields()[0].weight() - (0.06f64 / 0.0007).log2()).abs() < 1e-12);
}

#[test]
fn a_household_s_name_in_another_order_or_one_part_weighs_no_more_than_spelt_right() {
    // The same words in another order (a full name) and one part of a
    // double surname are spellings of the household's name: capped at
    // the lowered exact weight, as a typo is.
    let schema = Schema::builder()
        .field("name", FieldKind::FullName)
        .field("family", FieldKind::FamilyName)
        .field("address", FieldKind::Address)
        .build()
        .unwrap();
    let name = name_levels(&schema, "name", LevelTest::TokenJaccard { at_least: 1.0 });
    let family = name_levels(&schema, "family", LevelTest::TokenJaccard { at_least: 0.5 });
    let address = address_levels(&schema);
    let model = FellegiSunter::new(&schema, 0.0001, vec![name, family, address])
        .unwrap()
        .with_dependences(vec![
            Dependence::new("address", "name", 0.5).unwrap(),
            Dependence::new("address", "family", 0.5).unwrap(),
        ])
        .unwrap();
    let record = |id: &str, name: &str, family: &str| {
        OwnedRecord::new(id)
            .with("name", name)
            .with("family", family)
            .with("address", "1 Main St")
    };
    let store = store(
        &schema,
        &[
            record("1", "Kelly Neal", "Davis-Harterhaven"),
            record("2", "Neal Kelly", "Harterhaven"),
        ],
    );
    let r: Vec<_> = store.records().collect();
    let explanation = model.explain(&r[0], &r[1], Reveal::All);
    let capped = (0.9f64 / 0.5).log2();
    for field in &explanation.fields()[..2] {
        assert!((field.weight() - capped).abs() < 1e-12, "{explanation}");
        assert!(
            field
                .level()
                .is_some_and(|level| level.contains("at most exact, with address")),
            "{explanation}"
        );
    }
    assert_eq!(explanation.score(), model.score(&r[0], &r[1]));
}

#[test]
fn a_lowered_title_caps_neither_shared_words_nor_else() {
    // Colleagues on one patent share its title: at one employer an exact
    // title is evidence of two people (weight below 0). That says
    // nothing of titles sharing some words, or none: their levels keep
    // their usual weights (capped at the exact title's weight, `else`
    // weighed -4.6 where it weighs -0.05, and split inventors' mentions).
    let schema = Schema::builder()
        .field("title", FieldKind::Text)
        .field("assignee", FieldKind::Organisation)
        .build()
        .unwrap();
    let mut title = Comparison::new(
        &schema,
        "title",
        &[LevelTest::Exact, LevelTest::TokenJaccard { at_least: 0.4 }],
    )
    .unwrap();
    title.set_probabilities(0, 0.004, 0.0005).unwrap();
    title.set_probabilities(1, 0.07, 0.03).unwrap();
    title.set_probabilities(2, 0.926, 0.9695).unwrap();
    let mut assignee = Comparison::new(&schema, "assignee", &[LevelTest::Exact]).unwrap();
    assignee.set_probabilities(0, 0.9, 0.05).unwrap();
    assignee.set_probabilities(1, 0.1, 0.95).unwrap();
    let model = FellegiSunter::new(&schema, 0.003, vec![title, assignee])
        .unwrap()
        .with_dependences(vec![Dependence::new("assignee", "title", 0.1).unwrap()])
        .unwrap();
    let record = |id: &str, title: &str| {
        OwnedRecord::new(id)
            .with("title", title)
            .with("assignee", "Seiko Semiconductor")
    };
    let store = store(
        &schema,
        &[
            record("1", "Method for etching gate structure"),
            record("2", "Method for etching gate structure"),
            record("3", "Method for etching capacitor"),
            record("4", "Lithium battery"),
        ],
    );
    let r: Vec<_> = store.records().collect();
    let exact = model.explain(&r[0], &r[1], Reveal::All);
    assert_eq!(exact.fields()[0].level(), Some("exact, with assignee"));
    assert!((exact.fields()[0].weight() - (0.004f64 / 0.1).log2()).abs() < 1e-12);
    let words = model.explain(&r[0], &r[2], Reveal::All);
    assert_eq!(words.fields()[0].level(), Some("token jaccard >= 0.4"));
    assert!((words.fields()[0].weight() - (0.07f64 / 0.03).log2()).abs() < 1e-12);
    assert_eq!(words.score(), model.score(&r[0], &r[2]));
    let none = model.explain(&r[0], &r[3], Reveal::All);
    assert_eq!(none.fields()[0].level(), Some("else"));
    assert!((none.fields()[0].weight() - (0.926f64 / 0.9695).log2()).abs() < 1e-12);
    assert_eq!(none.score(), model.score(&r[0], &r[3]));
}

#[test]
fn a_given_name_shared_at_one_address_gains_and_says_why() {
    // Household members seldom share a given name: at one address, two
    // records named Martin are more likely one person than chance says,
    // unless the family name's dependence lowers it there too (the
    // lowering wins).
    let (schema, model) = household_model();
    let rare = Dependence::new("address", "given", 0.001).unwrap();
    let raised = model.clone().with_dependences(vec![rare.clone()]).unwrap();
    let store = store(
        &schema,
        &[
            OwnedRecord::new("1")
                .with("given", "Martin")
                .with("family", "Rivera")
                .with("address", "1 Main St"),
            OwnedRecord::new("2")
                .with("given", "Martin")
                .with("family", "Rivera")
                .with("address", "1 Main St"),
            OwnedRecord::new("3")
                .with("given", "Martin")
                .with("family", "Rivera")
                .with("address", "9 Elm Rd"),
        ],
    );
    let r: Vec<_> = store.records().collect();
    let explanation = raised.explain(&r[0], &r[1], Reveal::All);
    let given = &explanation.fields()[0];
    assert_eq!(given.level(), Some("exact, rare with address"));
    assert_eq!(given.u(), Some(0.001));
    assert!((given.weight() - (0.9f64 / 0.001).log2()).abs() < 1e-12);
    assert_eq!(explanation.score(), raised.score(&r[0], &r[1]));
    let gain = raised.score(&r[0], &r[1]).weight() - model.score(&r[0], &r[1]).weight();
    assert!((gain - (0.01f64 / 0.001).log2()).abs() < 1e-9, "{gain}");
    // Another address: the given name weighs as usual.
    let elsewhere = raised.explain(&r[1], &r[2], Reveal::All);
    assert_eq!(elsewhere.fields()[0].level(), Some("exact"));
    assert_eq!(raised.score(&r[1], &r[2]), model.score(&r[1], &r[2]));
    // A raising dependence never lowers a weight: with u above the
    // given name's own the same dependence lowers it instead.
    let both = model
        .with_dependences(vec![
            rare,
            Dependence::new("address", "given", 0.5).unwrap(),
        ])
        .unwrap();
    let explanation = both.explain(&r[0], &r[1], Reveal::All);
    assert_eq!(explanation.fields()[0].level(), Some("exact, with address"));
    assert!((explanation.fields()[0].weight() - (0.9f64 / 0.5).log2()).abs() < 1e-12);
}

#[test]
fn training_finds_no_rare_given_name_where_households_name_at_random() {
    // The government generator names household members independently:
    // they share a given name as often as chance has it, so training
    // must not make a shared given name at one address count more.
    let data = GovernmentGenerator::builder()
        .seed(3)
        .entities(1_000)
        .build()
        .unwrap()
        .generate();
    let store = data.prepared_store().unwrap();
    let model = Trainer::new(&store).train().unwrap();
    let given = model
        .comparisons()
        .iter()
        .find(|c| c.name() == "given")
        .unwrap();
    let first_u = given.levels()[0].u();
    for dependence in model.dependences() {
        if dependence.dependent() == "given" {
            assert!(dependence.u() >= first_u, "{dependence:?}");
        }
    }
}

#[test]
fn hand_made_dependences_are_checked() {
    let (schema, model) = household_model();
    assert_eq!(
        model
            .clone()
            .with_dependences(vec![Dependence::new("address", "surname", 0.5).unwrap()])
            .unwrap_err()
            .to_string(),
        "the model does not fit this schema: dependence of `surname` (level 0) on `address` names a comparison or level the model lacks"
    );
    // A model saved before dependences existed loads without any.
    let json = model.to_json();
    assert!(!json.contains("dependences"));
    assert_eq!(
        FellegiSunter::from_json(&json, &schema)
            .unwrap()
            .dependences(),
        &[]
    );
    // A damaged dependence in a file is a format error.
    let with = model
        .with_dependences(vec![Dependence::new("address", "family", 0.5).unwrap()])
        .unwrap()
        .to_json()
        .replace("\"u\":0.5", "\"u\":1.5");
    assert!(matches!(
        FellegiSunter::from_json(&with, &schema),
        Err(ModelError::Format { .. })
    ));
}

/// A model of inventor mentions: names, an employer, patent classes
/// compared exactly, then by a shared value.
fn colleague_model() -> (Schema, FellegiSunter) {
    let schema = Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("family", FieldKind::FamilyName)
        .field("employer", FieldKind::Organisation)
        .field("classes", FieldKind::Set)
        .build()
        .unwrap();
    let exact = |name: &str, m: f64, u: f64| {
        let mut comparison = Comparison::new(&schema, name, &[LevelTest::Exact]).unwrap();
        comparison.set_probabilities(0, m, u).unwrap();
        comparison.set_probabilities(1, 1.0 - m, 1.0 - u).unwrap();
        comparison
    };
    let mut classes = Comparison::new(
        &schema,
        "classes",
        &[LevelTest::Exact, LevelTest::SetOverlap],
    )
    .unwrap();
    classes.set_probabilities(0, 0.1, 0.001).unwrap();
    classes.set_probabilities(1, 0.7, 0.07).unwrap();
    classes.set_probabilities(2, 0.2, 0.929).unwrap();
    let model = FellegiSunter::new(
        &schema,
        0.0001,
        vec![
            exact("given", 0.9, 0.01),
            exact("family", 0.9, 0.002),
            exact("employer", 0.9, 0.0005),
            classes,
        ],
    )
    .unwrap();
    (schema, model)
}

#[test]
fn colleagues_sharing_a_class_gain_less_and_say_why() {
    let (schema, model) = colleague_model();
    let colleagues = Dependence::new("employer", "classes", 0.5)
        .unwrap()
        .at_level(1);
    let model = model.with_dependences(vec![colleagues]).unwrap();
    let mention = |id: &str, employer: &str, classes: &str| {
        OwnedRecord::new(id)
            .with("given", "Wei")
            .with("family", "Zhang")
            .with("employer", employer)
            .with("classes", classes)
    };
    let store = store(
        &schema,
        &[
            mention("1", "Kanto Electronics", "H01L21/02|H01L29/78"),
            mention("2", "Kanto Electronics", "H01L29/78|G06F3/01"),
            mention("3", "Sejin Automotive", "H01L29/78|B60L53/10"),
            mention("4", "Kanto Electronics", "H01L21/02|H01L29/78"),
        ],
    );
    let r: Vec<_> = store.records().collect();
    // One employer, one class shared: the level's weight with the
    // measured share among colleagues.
    let explanation = model.explain(&r[0], &r[1], Reveal::All);
    let classes = &explanation.fields()[3];
    assert_eq!(classes.level(), Some("a shared value, with employer"));
    assert_eq!(classes.u(), Some(0.5));
    assert!((classes.weight() - (0.7f64 / 0.5).log2()).abs() < 1e-12);
    assert_eq!(explanation.score(), model.score(&r[0], &r[1]));
    // Another employer: the usual weight.
    let elsewhere = model.explain(&r[1], &r[2], Reveal::All);
    assert_eq!(elsewhere.fields()[3].level(), Some("a shared value"));
    assert!((elsewhere.fields()[3].weight() - 10f64.log2()).abs() < 1e-12);
    // The same classes: the first level, which this dependence leaves be.
    let same = model.explain(&r[0], &r[3], Reveal::All);
    assert_eq!(same.fields()[3].level(), Some("exact"));
    assert!((same.fields()[3].weight() - 100f64.log2()).abs() < 1e-12);
    // Saved with its level, loaded the same.
    let json = model.to_json();
    assert!(json.contains("\"level\":1"), "{json}");
    let loaded = FellegiSunter::from_json(&json, &schema).unwrap();
    assert_eq!(loaded.dependences(), model.dependences());
    assert_eq!(loaded.dependences()[0].level(), 1);
}

#[test]
fn a_dependence_on_a_level_the_comparison_lacks_is_refused() {
    let (_, model) = colleague_model();
    // Level 2 of the classes is "else": no evidence to lower.
    for level in [2, 7] {
        let error = model
            .clone()
            .with_dependences(vec![
                Dependence::new("employer", "classes", 0.5)
                    .unwrap()
                    .at_level(level),
            ])
            .unwrap_err();
        assert!(
            matches!(error, sameas::Error::Model(ModelError::Mismatch { .. })),
            "{error}"
        );
    }
}

proptest! {
    /// A dependence moves a pair's weight one way only, and only when
    /// both its condition and its dependent agree exactly: down when its
    /// u is at least the dependent's own (0.002 here), up when below.
    #[test]
    fn dependences_move_a_weight_one_way(
        values in proptest::collection::vec((0u8..3, 0u8..3, 0u8..3), 2..12),
        u in 0.0001f64..1.0,
    ) {
        let (schema, plain) = household_model();
        let dependent = plain
            .clone()
            .with_dependences(vec![Dependence::new("address", "family", u).unwrap()])
            .unwrap();
        let records: Vec<OwnedRecord> = values
            .iter()
            .enumerate()
            .map(|(i, (g, f, a))| {
                OwnedRecord::new(i.to_string())
                    .with("given", format!("G{g}a"))
                    .with("family", format!("F{f}son"))
                    .with("address", format!("{a} Main Street"))
            })
            .collect();
        let store = store(&schema, &records);
        let r: Vec<_> = store.records().collect();
        for (i, a) in r.iter().enumerate() {
            for b in &r[i + 1..] {
                let before = plain.score(a, b).weight();
                let after = dependent.score(a, b).weight();
                if u >= 0.002 {
                    prop_assert!(after <= before + 1e-12);
                } else {
                    prop_assert!(after >= before - 1e-12);
                }
                let both = values[a.index().get()].1 == values[b.index().get()].1
                    && values[a.index().get()].2 == values[b.index().get()].2;
                if !both {
                    prop_assert_eq!(after, before);
                }
                prop_assert_eq!(dependent.explain(a, b, Reveal::NonSensitive).score(), dependent.score(a, b));
            }
        }
    }
}
