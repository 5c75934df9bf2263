//! The resolver through the public API on generated data: every record
//! in exactly one entity, golden records that point at their members,
//! entity ids that survive shuffled input and any thread count, and a
//! pairwise F1 floor.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use sameas::cluster::{ClusterOptions, EntityId};
use sameas::eval::{Scope, evaluate_clustering};
use sameas::matcher::{FellegiSunter, Reveal};
use sameas::resolve::{Resolution, ResolveError, Resolver, Stage};
use sameas::synthetic::{PeopleGenerator, SyntheticData};
use sameas::{BuildError, Error, OwnedRecord, Record, StoreError};

#[path = "support/shapes.rs"]
mod shapes;

fn generated(entities: usize) -> SyntheticData {
    PeopleGenerator::builder()
        .seed(21)
        .entities(entities)
        .build()
        .expect("generator")
        .generate()
}

/// Resolves `data`, each source's records in the order `order` gives
/// (a permutation of positions), with `model` when given.
fn resolve(
    data: &SyntheticData,
    order: impl Fn(usize) -> Vec<usize>,
    model: Option<FellegiSunter>,
) -> Resolution {
    let mut resolver =
        Resolver::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
    // Smaller training samples keep debug test runs short.
    resolver.configure_training(|trainer| {
        trainer.random_pairs(100_000).pairs_per_rule(40_000);
    });
    if let Some(model) = model {
        resolver.model(model);
    }
    for source in data.sources() {
        let records: Vec<&OwnedRecord> = order(source.len())
            .into_iter()
            .filter_map(|position| source.records().get(position))
            .collect();
        resolver
            .add_source(source.name(), source.is_duplicate_free(), &records)
            .expect("ingest");
    }
    resolver.resolve().expect("resolve")
}

fn in_order(len: usize) -> Vec<usize> {
    (0..len).collect()
}

/// A fixed scramble: reversed, then every other position first.
fn shuffled(len: usize) -> Vec<usize> {
    let reversed: Vec<usize> = (0..len).rev().collect();
    let mut order: Vec<usize> = reversed.iter().copied().step_by(2).collect();
    order.extend(reversed.iter().copied().skip(1).step_by(2));
    order
}

/// Entity id per (source, record id).
fn entity_ids(resolution: &Resolution) -> BTreeMap<(String, String), EntityId> {
    let store = resolution.store();
    store
        .records()
        .map(|record| {
            let source = store.source(record.source()).name().to_string();
            let entity = resolution.entity_of(record.index()).expect("entity").id();
            ((source, record.id().to_string()), entity)
        })
        .collect()
}

#[test]
fn every_record_is_in_exactly_one_entity() {
    let data = generated(400);
    let resolution = resolve(&data, in_order, None);
    let records = resolution.store().len();
    assert_eq!(records, data.record_count());
    let mut seen = vec![0u32; records];
    for entity in resolution.clustering().entities() {
        for member in entity.members() {
            seen[member.get()] += 1;
        }
    }
    assert!(seen.iter().all(|&count| count == 1));
    let stats = resolution.stats();
    assert_eq!(stats.records as usize, records);
    assert_eq!(stats.entities as usize, resolution.clustering().len());
    assert!(stats.trained);
    assert!(stats.accepted_pairs <= stats.candidate_pairs);
    // Kept pairs default to the accepted ones.
    assert_eq!(stats.kept_pairs, stats.accepted_pairs);
    assert!(
        resolution
            .pairs()
            .iter()
            .all(|pair| pair.score.probability() >= resolution.threshold())
    );
    assert!(stats.to_string().contains("candidate pairs"));
}

#[test]
fn golden_records_carry_provenance_pointing_at_members() {
    let data = generated(300);
    let resolution = resolve(&data, in_order, None);
    let golden = resolution.golden_records().expect("golden records");
    assert_eq!(golden.len(), resolution.clustering().len());
    let store = resolution.store();
    let mut entities = 0;
    for item in resolution.entities_with_golden() {
        let (entity, record) = item.expect("golden record");
        assert_eq!(record, golden[entities]);
        entities += 1;
        assert_eq!(record.entity_id(), entity.id());
        assert_eq!(record.members().len(), entity.len());
        for member in record.members() {
            assert!(
                entity
                    .members()
                    .contains(&member.record().expect("position"))
            );
        }
        for field in store.schema().fields() {
            if let Some(provenance) = record.provenance(field.name()) {
                let position = provenance.record().expect("position");
                assert!(entity.members().contains(&position));
                let source = store
                    .record(position)
                    .map(|r| store.source(r.source()).name());
                assert_eq!(source, Some(provenance.source()));
                // The surviving value is the raw value of that record.
                let raw = store
                    .record(position)
                    .and_then(|r| r.raw(store.schema().field_id(field.name()).expect("field")));
                assert_eq!(raw.map(str::trim), record.value(field.name()));
            }
        }
        assert_eq!(
            resolution.golden_record(entity.id()).expect("one entity"),
            record
        );
    }
    assert_eq!(entities, golden.len());
}

#[test]
fn entity_ids_survive_shuffled_input_and_thread_counts() {
    let data = generated(400);
    let first = resolve(&data, in_order, None);
    let model = first.model().expect("trained").clone();
    let ids = entity_ids(&first);

    // The same model on shuffled sources: the same entities and ids.
    let reshuffled = resolve(&data, shuffled, Some(model));
    assert_eq!(entity_ids(&reshuffled), ids);

    // Trained again on the shuffled sources: training samples and
    // clustering ties follow source names and record ids, not positions,
    // so the model, the entities and their ids are the same.
    let retrained = resolve(&data, shuffled, None);
    assert_eq!(retrained.model(), first.model());
    assert_eq!(entity_ids(&retrained), ids);

    // Training and scoring on one thread: the same model and ids.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let single = pool.install(|| resolve(&data, in_order, None));
    assert_eq!(single.model(), first.model());
    assert_eq!(entity_ids(&single), ids);
    assert_eq!(single.pairs(), first.pairs());
}

#[test]
fn pairwise_f1_on_generated_data_stays_above_its_floor() {
    let data = generated(2_000);
    let resolution = resolve(&data, in_order, None);
    let predicted: Vec<u64> = resolution
        .store()
        .records()
        .map(|record| {
            resolution
                .entity_of(record.index())
                .expect("entity")
                .id()
                .get()
        })
        .collect();
    let truth: Vec<u32> = (0..data.record_count())
        .map(|index| data.entity(index).expect("truth"))
        .collect();
    let evaluation =
        evaluate_clustering(&predicted, &truth, &Scope::all_pairs()).expect("evaluation");
    let pairwise = evaluation.pairwise();
    // Measured 0.986 / 0.965 / 0.975 (precision / recall / F1).
    assert!(
        pairwise.precision() > 0.95 && pairwise.recall() > 0.93 && pairwise.f1() > 0.95,
        "precision {:.3} recall {:.3} f1 {:.3}",
        pairwise.precision(),
        pairwise.recall(),
        pairwise.f1()
    );
}

#[test]
fn progress_explanations_and_floors() {
    let data = generated(300);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let mut resolver =
        Resolver::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
    resolver
        .configure_training(|trainer| {
            trainer.random_pairs(50_000).pairs_per_rule(20_000);
        })
        .score_floor(0.05)
        .progress(move |stage, done, total| log.lock().expect("log").push((stage, done, total)));
    for source in data.sources() {
        resolver
            .add_source(source.name(), source.is_duplicate_free(), source.records())
            .expect("ingest");
    }
    let resolution = resolver.resolve().expect("resolve");
    let stages: Vec<Stage> = {
        let log = seen.lock().expect("log");
        let mut stages: Vec<Stage> = log.iter().map(|&(stage, _, _)| stage).collect();
        stages.dedup();
        assert!(log.iter().all(|&(_, done, total)| done <= total));
        stages
    };
    assert_eq!(
        stages,
        [
            Stage::Ingest,
            Stage::Train,
            Stage::Block,
            Stage::Score,
            Stage::Cluster
        ]
    );
    // The floor keeps near misses beside the accepted pairs.
    let stats = resolution.stats();
    assert!(stats.kept_pairs > stats.accepted_pairs);
    assert!(
        resolution
            .pairs()
            .iter()
            .all(|pair| pair.score.probability() >= 0.05)
    );
    // Any two records can be explained, with the score they got.
    let pair = resolution.pairs()[0];
    let explanation = resolution
        .explain(pair.a, pair.b, Reveal::All)
        .expect("explain");
    assert_eq!(explanation.score(), pair.score);
    assert!(!explanation.fields().is_empty());
}

#[test]
fn bad_settings_are_typed_errors() {
    let data = generated(50);
    let build = || {
        let mut resolver =
            Resolver::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
        for source in data.sources() {
            resolver
                .add_source(source.name(), source.is_duplicate_free(), source.records())
                .expect("ingest");
        }
        resolver
    };
    // The threshold has one owner, the cluster options, which check it.
    assert_eq!(
        ClusterOptions::builder().threshold(1.5).build(),
        Err(BuildError::InvalidParameter {
            name: "threshold",
            reason: "1.5 is outside (0, 1]".into()
        })
    );
    let mut resolver = build();
    resolver.score_floor(f64::NAN);
    assert!(matches!(
        resolver.resolve(),
        Err(Error::Build(BuildError::InvalidParameter {
            name: "score_floor",
            ..
        }))
    ));
    let mut resolver = build();
    assert_eq!(
        resolver.add_source("crm", false, &[OwnedRecord::new("x")]),
        Err(Error::Store(StoreError::DuplicateSource("crm".into())))
    );
    let empty = Resolver::new(SyntheticData::schema());
    assert_eq!(
        empty.resolve().unwrap_err(),
        Error::Resolve(ResolveError::NothingToResolve)
    );
    // A record id missing from a host record still ingests (no id).
    let mut resolver = build();
    let without_id = OwnedRecord::without_id().with("given", "Ann");
    assert!(without_id.id().is_none());
    assert!(resolver.add_source("extra", false, &[without_id]).is_ok());
}

#[test]
fn training_settings_do_not_replace_a_given_model() {
    let data = generated(300);
    let model = resolve(&data, in_order, None)
        .model()
        .expect("trained")
        .clone();
    let mut resolver =
        Resolver::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
    resolver.model(model.clone());
    resolver.training_seed(42).configure_training(|trainer| {
        trainer.random_pairs(1_000);
    });
    for source in data.sources() {
        resolver
            .add_source(source.name(), source.is_duplicate_free(), source.records())
            .expect("ingest");
    }
    let resolution = resolver.resolve().expect("resolves");
    assert!(!resolution.stats().trained);
    assert_eq!(resolution.model(), Some(&model));
}

/// The resolver scores a trained model's pairs through numbered values
/// (each field's distinct values numbered once per run): every kept
/// pair's score must carry the bits of the model's own score of it, on
/// each generated shape (names, places, sets and free text; dates;
/// several sources; businesses).
#[test]
fn resolved_scores_are_the_models_own_on_every_shape() {
    use sameas::matcher::Matcher;
    use sameas::synthetic::shapes::{
        BirthDateGenerator, BusinessGenerator, GovernmentGenerator, InventorGenerator,
    };
    let shapes = [
        InventorGenerator::builder()
            .seed(3)
            .entities(400)
            .build()
            .unwrap()
            .generate(),
        BirthDateGenerator::builder()
            .seed(3)
            .entities(400)
            .build()
            .unwrap()
            .generate(),
        GovernmentGenerator::builder()
            .seed(3)
            .entities(400)
            .build()
            .unwrap()
            .generate(),
        BusinessGenerator::builder()
            .seed(3)
            .entities(400)
            .build()
            .unwrap()
            .generate(),
    ];
    let mut compared = 0;
    for data in shapes {
        let mut resolver = shapes::resolver_for(&data);
        // Every scored pair kept, agreeing or not.
        resolver.score_floor(0.0);
        let resolution = resolver.resolve().unwrap();
        let model = resolution.model().expect("a trained model");
        let store = resolution.store();
        assert!(!resolution.pairs().is_empty());
        compared += resolution.pairs().len();
        for pair in resolution.pairs() {
            let (a, b) = (store.record(pair.a).unwrap(), store.record(pair.b).unwrap());
            assert_eq!(
                pair.score.weight().to_bits(),
                model.score(&a, &b).weight().to_bits(),
                "pair {} / {}",
                pair.a.get(),
                pair.b.get()
            );
        }
    }
    // About 99,000 pairs, 90,000 of them inventors'.
    assert!(compared > 50_000, "{compared}");
}

/// Generated inventor mentions.
fn inventors(seed: u64, entities: usize) -> sameas::synthetic::shapes::ShapeData {
    sameas::synthetic::shapes::InventorGenerator::builder()
        .seed(seed)
        .entities(entities)
        .build()
        .unwrap()
        .generate()
}

/// A field's name and how to rewrite its values.
type Rewrite<'a> = (&'a str, fn(&str) -> String);

/// `data` resolved with each value of a field in `rewrite` rewritten by
/// it; also how many values changed.
fn resolve_rewritten(
    data: &sameas::synthetic::shapes::ShapeData,
    rewrite: &[Rewrite<'_>],
) -> (Resolution, usize) {
    resolve_rewritten_as(data.schema(), data, rewrite)
}

/// [`resolve_rewritten`] with the records read as `schema` says.
fn resolve_rewritten_as(
    schema: sameas::Schema,
    data: &sameas::synthetic::shapes::ShapeData,
    rewrite: &[Rewrite<'_>],
) -> (Resolution, usize) {
    let mut changed = 0;
    let mut resolver = Resolver::with_options(
        schema,
        sameas::synthetic::shapes::ShapeData::prepare_options(),
    );
    for source in data.sources() {
        let records: Vec<OwnedRecord> = source
            .records()
            .iter()
            .map(|record| {
                let mut record = record.clone();
                let values: Vec<(String, String)> = record
                    .fields()
                    .map(|(name, value)| (name.to_string(), value.to_string()))
                    .collect();
                for (name, value) in values {
                    if let Some((_, rewrite)) = rewrite.iter().find(|(field, _)| *field == name) {
                        let new = rewrite(&value);
                        changed += usize::from(new != value);
                        record.set(&name, new);
                    }
                }
                record
            })
            .collect();
        resolver
            .add_source(source.name(), source.is_duplicate_free(), &records)
            .unwrap();
    }
    (resolver.resolve().unwrap(), changed)
}

/// Sets written as many exports write lists resolve exactly as with
/// `|`, to the same entities with the same ids: items separated by `;`
/// (`Ann Lee; Bob Chan`), by `, ` where the schema says so, and
/// co-inventors named family name first (`Lee, Ann; Chan, Bob`), whom
/// the co-participant check still finds.
#[test]
fn sets_written_with_semicolons_or_family_names_first_resolve_alike() {
    let data = inventors(8, 600);
    let bars = shapes::resolver_for(&data).resolve().unwrap();
    assert!(bars.clustering().len() < data.record_count());
    let semicolons = |value: &str| value.replace('|', "; ");
    let (resolution, changed) = resolve_rewritten(
        &data,
        &[("coinventors", semicolons), ("classes", semicolons)],
    );
    assert!(changed > 500, "{changed}");
    assert_eq!(entity_ids(&resolution), entity_ids(&bars));

    let commas = |value: &str| value.replace('|', ", ");
    let mut builder = sameas::Schema::builder();
    for field in data.schema().fields() {
        if field.is_metadata() {
            builder.metadata(field.name(), field.kind());
        } else {
            builder.field(field.name(), field.kind());
        }
        builder.sensitive(field.name(), field.is_sensitive());
    }
    builder
        .items_separated_by("coinventors", ',')
        .items_separated_by("classes", ',');
    let separated = builder.build().unwrap();
    let rewrites: [Rewrite<'_>; 2] = [("coinventors", commas), ("classes", commas)];
    let (resolution, changed) = resolve_rewritten_as(separated.clone(), &data, &rewrites);
    assert!(changed > 500, "{changed}");
    assert_eq!(entity_ids(&resolution), entity_ids(&bars));
    // Without the separator, each list is one item: other entities.
    let (whole, _) = resolve_rewritten(&data, &rewrites);
    assert_ne!(entity_ids(&whole), entity_ids(&bars));
    // With it, lists written either way (two exports of one column).
    let some_commas = |value: &str| match value.len() % 2 {
        0 => value.replace('|', ", "),
        _ => value.to_string(),
    };
    let mixed: [Rewrite<'_>; 2] = [("coinventors", some_commas), ("classes", some_commas)];
    let (resolution, changed) = resolve_rewritten_as(separated, &data, &mixed);
    assert!(changed > 200, "{changed}");
    assert_eq!(entity_ids(&resolution), entity_ids(&bars));

    let family_first = |value: &str| {
        let items: Vec<String> = value
            .split('|')
            .map(|item| match item.rsplit_once(' ') {
                Some((given, family)) => format!("{family}, {given}"),
                None => item.to_string(),
            })
            .collect();
        items.join("; ")
    };
    let (resolution, changed) = resolve_rewritten(&data, &[("coinventors", family_first)]);
    assert!(changed > 500, "{changed}");
    assert_eq!(entity_ids(&resolution), entity_ids(&bars));
    let refused = |resolution: &Resolution| resolution.stats().refused_as_coparticipants;
    assert!(refused(&bars) > 0);
    assert_eq!(refused(&resolution), refused(&bars));
}

/// Co-inventors of one patent share its title, classes and assignee, and
/// each lists the other: whatever their scores, no entity holds two
/// records that name each other (two people who worked together), but
/// for two ways of writing one name (`Carlos U. Garcia` and `Carlos
/// Garcia`: one inventor listed twice, see
/// `an_inventor_listed_twice_on_a_patent_stays_one_person`).
#[test]
fn records_naming_each_other_as_coinventors_stay_apart() {
    let data = inventors(6, 1_000);
    let resolution = shapes::resolver_for(&data).resolve().unwrap();
    let store = resolution.store();
    let schema = store.schema();
    let field = |name| schema.field_id(name).unwrap();
    let (first, last, coinventors) = (
        field("first_name"),
        field("last_name"),
        field("coinventors"),
    );
    let person = |record: &sameas::PreparedRecord<'_>| {
        Some(
            format!("{} {}", record.raw(first)?, record.raw(last)?)
                .to_lowercase()
                .replace('.', ""),
        )
    };
    let lists = |record: &sameas::PreparedRecord<'_>, name: &str| {
        record.raw(coinventors).is_some_and(|items| {
            items
                .split('|')
                .any(|item| item.to_lowercase().replace('.', "") == name)
        })
    };
    // The same family name, and the given names of one are the other's
    // with words left out or cut to initials.
    let variants = |a: &str, b: &str| {
        let split = |name: &str| -> Option<(Vec<String>, String)> {
            let (given, family) = name.rsplit_once(' ')?;
            Some((
                given.split(' ').map(str::to_string).collect(),
                family.to_string(),
            ))
        };
        let (Some((a_given, a_family)), Some((b_given, b_family))) = (split(a), split(b)) else {
            return false;
        };
        let (short, long) = if a_given.len() <= b_given.len() {
            (a_given, b_given)
        } else {
            (b_given, a_given)
        };
        let mut rest = long.iter();
        a_family == b_family
            && short.iter().all(|word| {
                rest.by_ref().any(|other| {
                    word == other
                        || (word.len() == 1 && other.starts_with(word.as_str()))
                        || (other.len() == 1 && word.starts_with(other.as_str()))
                })
            })
    };
    let mut checked = 0;
    for entity in resolution.clustering().entities() {
        let members: Vec<_> = entity
            .members()
            .iter()
            .map(|&index| store.record(index).unwrap())
            .collect();
        for (i, a) in members.iter().enumerate() {
            for b in &members[i + 1..] {
                let (Some(pa), Some(pb)) = (person(a), person(b)) else {
                    continue;
                };
                checked += 1;
                assert!(
                    pa == pb || variants(&pa, &pb) || !(lists(a, &pb) && lists(b, &pa)),
                    "records {} and {} name each other",
                    a.index().get(),
                    b.index().get()
                );
            }
        }
    }
    assert!(checked > 10_000, "{checked}");
    assert!(resolution.stats().refused_as_coparticipants > 0);
}

/// A patent that lists one inventor twice, under two ways of writing the
/// name (`Carlos Garcia` beside `C. Garcia` or `Carlos B. Garcia`, each
/// listing the other), as
/// raw patent data sometimes does: the two mentions are one person, not
/// two people who worked together, and the check leaves them to the
/// scores, which find them one entity.
#[test]
fn an_inventor_listed_twice_on_a_patent_stays_one_person() {
    let data = inventors(8, 600);
    let source = &data.sources()[0];
    let mut records: Vec<OwnedRecord> = source.records().to_vec();
    let value = |record: &OwnedRecord, name: &str| {
        record
            .fields()
            .find(|(field, _)| *field == name)
            .map(|(_, value)| value.to_string())
            .unwrap_or_default()
    };
    let mut twice = Vec::new();
    for at in 0..records.len() {
        let record = &records[at];
        let (given, family) = (value(record, "first_name"), value(record, "last_name"));
        let listed = value(record, "coinventors");
        if given.chars().count() < 3 || given.contains([' ', '-', '.']) || listed.is_empty() {
            continue;
        }
        // Cut to its initial, or with a middle initial added.
        let written = if twice.len() % 2 == 0 {
            format!("{}.", given.chars().take(1).collect::<String>())
        } else {
            format!("{given} B.")
        };
        let first = record.id().unwrap_or_default().into_owned();
        let id = format!("{first}-again");
        let mut again = OwnedRecord::new(id.clone());
        for (name, value) in record.fields() {
            again.set(name, value);
        }
        again.set("first_name", &written);
        again.set("coinventors", format!("{listed}|{given} {family}"));
        records[at].set("coinventors", format!("{listed}|{written} {family}"));
        twice.push((first, id));
        records.push(again);
        if twice.len() == 20 {
            break;
        }
    }
    assert_eq!(twice.len(), 20);
    let mut resolver = Resolver::with_options(
        data.schema(),
        sameas::synthetic::shapes::ShapeData::prepare_options(),
    );
    resolver.add_source(source.name(), false, &records).unwrap();
    let resolution = resolver.resolve().unwrap();
    let ids = entity_ids(&resolution);
    let entity = |id: &str| ids[&(source.name().to_string(), id.to_string())];
    let together = twice
        .iter()
        .filter(|(first, again)| entity(first) == entity(again))
        .count();
    // Measured: 18 of 20 (two `C.` forms that no blocking rule pairs
    // with their `Carlos`); kept apart as two people before: 0 of 20.
    assert!(together >= 16, "{together} of 20");
}
