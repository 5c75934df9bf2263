//! Live resolution through the public API: incremental = batch on random
//! change sequences, the id rules, erasure, persistence with fault
//! injection.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use sameas::block::BlockingOptions;
use sameas::live::{
    EntityChange, FORMAT_VERSION, LiveError, LiveResolution, LiveSettings, LiveStore, RecordKey,
    checksum,
};
use sameas::matcher::{Comparison, FellegiSunter, LevelTest, TermFrequencyKey};
use sameas::resolve::Resolver;
use sameas::{EntityId, Error, FieldKind, OwnedRecord, Schema};

const GIVEN: [&str; 6] = ["Ann", "Bob", "Kelly", "Ann", "Zoe", "Bob"];
const FAMILY: [&str; 5] = ["Lee", "Stone", "Neal", "Lee", "Okafor"];
const CITY: [&str; 3] = ["Leeds", "York", "Hull"];

fn schema() -> Schema {
    Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("family", FieldKind::FamilyName)
        .field("email", FieldKind::Email)
        .field("city", FieldKind::City)
        .build()
        .unwrap()
}

/// A record from small pools, so that values repeat and records match.
fn record(id: &str, person: usize, variant: usize) -> OwnedRecord {
    let mut record = OwnedRecord::new(id)
        .with("given", GIVEN[person % GIVEN.len()])
        .with("family", FAMILY[(person / 2) % FAMILY.len()])
        .with("city", CITY[(person + variant) % CITY.len()]);
    if variant % 3 != 2 {
        record = record.with("email", format!("p{}@x.org", person % 7));
    }
    record
}

/// The settings of every test: a small block cap, so that changes push
/// blocks past it and back.
fn settings() -> LiveSettings {
    let mut settings = LiveSettings::new();
    settings.blocking_options(
        BlockingOptions::builder()
            .max_block_size(6)
            .build()
            .unwrap(),
    );
    settings
}

type Sources = Vec<(&'static str, bool, Vec<OwnedRecord>)>;

fn initial() -> Sources {
    let crm: Vec<OwnedRecord> = (0..40)
        .map(|i| record(&format!("c{i}"), i % 11, i))
        .collect();
    let web: Vec<OwnedRecord> = (0..14)
        .map(|i| record(&format!("w{i}"), i, i + 1))
        .collect();
    vec![("crm", false, crm), ("web", true, web)]
}

/// The term-frequency key of every trained state: a saved state keeps
/// its counts only hashed under a key.
fn key() -> TermFrequencyKey {
    TermFrequencyKey::new("the live tests' secret key").unwrap()
}

fn resolver(sources: &Sources, model: Option<sameas::matcher::FellegiSunter>) -> Resolver {
    let settings = settings();
    let mut resolver = Resolver::new(schema());
    resolver
        .term_frequency_key(key())
        .blocking_options(*settings.blocking())
        .cluster_options(settings.cluster().clone())
        .configure_training(|trainer| {
            trainer.random_pairs(2_000).pairs_per_rule(2_000);
        });
    if let Some(model) = model {
        resolver.model(model);
    }
    for (name, duplicate_free, records) in sources {
        resolver.add_source(name, *duplicate_free, records).unwrap();
    }
    resolver
}

fn live_state() -> LiveResolution {
    let resolution = resolver(&initial(), None).resolve().unwrap();
    assert!(resolution.stats().trained);
    LiveResolution::from_resolution(resolution, settings()).unwrap()
}

/// The partition as sets of (source, id).
fn partition(
    records: impl Iterator<Item = (String, String, EntityId)>,
) -> BTreeSet<BTreeSet<(String, String)>> {
    let mut by_entity: BTreeMap<EntityId, BTreeSet<(String, String)>> = BTreeMap::new();
    for (source, id, entity) in records {
        by_entity.entry(entity).or_default().insert((source, id));
    }
    by_entity.into_values().collect()
}

fn live_partition(live: &LiveResolution) -> BTreeSet<BTreeSet<(String, String)>> {
    partition(
        live.records()
            .map(|(s, i, e)| (s.to_string(), i.to_string(), e)),
    )
}

/// A batch run over the state's records with its current model.
fn batch_partition(live: &LiveResolution) -> BTreeSet<BTreeSet<(String, String)>> {
    let mut sources: Sources = vec![("crm", false, Vec::new()), ("web", true, Vec::new())];
    for (source, id, _) in live.records() {
        let values = live.record_values(source, id).unwrap();
        let at = sources
            .iter()
            .position(|(name, _, _)| *name == source)
            .unwrap();
        sources[at].2.push(values);
    }
    let resolution = resolver(&sources, Some(live.model().clone()))
        .resolve()
        .unwrap();
    let store = resolution.store();
    partition(store.records().map(|record| {
        let entity = resolution.entity_of(record.index()).unwrap().id();
        (
            store.source(record.source()).name().to_string(),
            record.id().to_string(),
            entity,
        )
    }))
}

/// Record → entity.
fn assignment(live: &LiveResolution) -> BTreeMap<(String, String), EntityId> {
    live.records()
        .map(|(s, i, e)| ((s.to_string(), i.to_string()), e))
        .collect()
}

/// Entities no change names keep their id and their members.
fn check_untouched(
    before: &BTreeMap<(String, String), EntityId>,
    after: &LiveResolution,
    changes: &[EntityChange],
) {
    let mut named: BTreeSet<EntityId> = BTreeSet::new();
    for change in changes {
        named.insert(change.entity());
        match change {
            EntityChange::Merged { from, .. } => named.extend(from),
            EntityChange::Split { into, .. } => named.extend(into),
            _ => {}
        }
    }
    let mut members_before: BTreeMap<EntityId, BTreeSet<(String, String)>> = BTreeMap::new();
    for (key, entity) in before {
        members_before
            .entry(*entity)
            .or_default()
            .insert(key.clone());
    }
    for (entity, members) in members_before {
        if named.contains(&entity) {
            continue;
        }
        let now: BTreeSet<(String, String)> = after
            .members(entity)
            .unwrap_or_else(|| panic!("untouched entity {entity} is gone"))
            .into_iter()
            .map(|key| (key.source().to_string(), key.record_id().to_string()))
            .collect();
        assert_eq!(now, members, "untouched entity {entity} changed");
    }
}

#[derive(Debug, Clone)]
enum Op {
    Upsert {
        web: bool,
        id: usize,
        person: usize,
        variant: usize,
    },
    Erase {
        web: bool,
        id: usize,
    },
    /// The term frequencies forget the erased and replaced records.
    Refresh,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (any::<bool>(), 0..50usize, 0..14usize, 0..6usize)
            .prop_map(|(web, id, person, variant)| Op::Upsert { web, id, person, variant }),
        2 => (any::<bool>(), 0..50usize).prop_map(|(web, id)| Op::Erase { web, id }),
        1 => Just(Op::Refresh),
    ]
}

fn apply(live: &mut LiveResolution, op: &Op) -> Option<Vec<EntityChange>> {
    match *op {
        Op::Upsert {
            web,
            id,
            person,
            variant,
        } => {
            let (source, prefix) = if web { ("web", "w") } else { ("crm", "c") };
            Some(
                live.upsert(source, &record(&format!("{prefix}{id}"), person, variant))
                    .unwrap(),
            )
        }
        Op::Erase { web, id } => {
            let (source, prefix) = if web { ("web", "w") } else { ("crm", "c") };
            match live.erase(source, &format!("{prefix}{id}")) {
                Ok(changes) => Some(changes),
                Err(Error::Live(LiveError::UnknownRecord(name))) => {
                    assert_eq!(name, source);
                    None
                }
                Err(other) => panic!("{other}"),
            }
        }
        Op::Refresh => Some(live.refresh_term_frequencies()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any sequence of upserts, erasures and term-frequency refreshes
    /// ends where a batch run on the final records with the state's model
    /// ends (with the counts still pending, and once they are taken out);
    /// entities no change names keep their ids and members.
    #[test]
    fn incremental_equals_batch(ops in proptest::collection::vec(op(), 1..40)) {
        let mut live = live_state();
        let initial = live_state();
        prop_assert_eq!(live_partition(&initial), batch_partition(&initial));
        for op in &ops {
            let before = assignment(&live);
            if let Some(changes) = apply(&mut live, op) {
                check_untouched(&before, &live, &changes);
            }
        }
        prop_assert_eq!(live_partition(&live), batch_partition(&live));
        let before = assignment(&live);
        let changes = live.refresh_term_frequencies();
        check_untouched(&before, &live, &changes);
        prop_assert_eq!(live.pending_term_frequencies(), 0);
        prop_assert_eq!(live_partition(&live), batch_partition(&live));
    }
}

#[test]
fn the_sequences_merge_split_and_rescore() {
    // The property above is only as good as what its sequences do: one
    // fixed long sequence shows merges, splits, removals and term
    // frequencies changing.
    let mut live = live_state();
    let model_before = live.model().to_json();
    let mut seen = BTreeSet::new();
    let mut rng = 7u64;
    for step in 0..300 {
        rng = rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let pick = (rng >> 33) as usize;
        let op = if step % 10 == 9 {
            Op::Refresh
        } else if pick % 5 < 3 {
            Op::Upsert {
                web: pick % 7 == 0,
                id: pick % 50,
                person: (pick / 50) % 14,
                variant: step % 6,
            }
        } else {
            Op::Erase {
                web: pick % 7 == 0,
                id: pick % 50,
            }
        };
        for change in apply(&mut live, &op).unwrap_or_default() {
            seen.insert(match change {
                EntityChange::Merged { .. } => "merged",
                EntityChange::Split { .. } => "split",
                EntityChange::Created { .. } => "created",
                EntityChange::Removed { .. } => "removed",
                EntityChange::RecordAdded { .. } => "added",
                EntityChange::RecordUpdated { .. } => "updated",
                EntityChange::RecordErased { .. } => "erased",
                _ => "other",
            });
        }
    }
    assert_eq!(
        seen,
        [
            "added", "created", "erased", "merged", "removed", "split", "updated"
        ]
        .into_iter()
        .collect()
    );
    assert_eq!(live_partition(&live), batch_partition(&live));
    live.refresh_term_frequencies();
    assert_ne!(
        live.model().to_json(),
        model_before,
        "erasures changed term frequencies"
    );
    assert_eq!(live_partition(&live), batch_partition(&live));
}

fn simple_schema() -> Schema {
    Schema::builder()
        .field("name", FieldKind::FullName)
        .field("email", FieldKind::Email)
        .build()
        .unwrap()
}

/// A state over `people` (id, name, email) in one source.
fn simple(people: &[(&str, &str, &str)]) -> LiveResolution {
    let schema = simple_schema();
    // Known probabilities: agreeing on the name alone or the e-mail
    // address alone is a (weak) match, on neither a non-match.
    let mut name = Comparison::new(&schema, "name", &[LevelTest::Exact]).unwrap();
    name.set_probabilities(0, 0.9, 0.001).unwrap();
    name.set_probabilities(1, 0.1, 0.999).unwrap();
    let mut email = Comparison::new(&schema, "email", &[LevelTest::Exact]).unwrap();
    email.set_probabilities(0, 0.95, 0.0005).unwrap();
    email.set_probabilities(1, 0.05, 0.9995).unwrap();
    let model = FellegiSunter::new(&schema, 0.1, vec![name, email]).unwrap();
    let mut resolver = Resolver::new(schema);
    resolver.model(model);
    let records: Vec<OwnedRecord> = people
        .iter()
        .map(|&(id, name, email)| OwnedRecord::new(id).with("name", name).with("email", email))
        .collect();
    resolver.add_source("crm", false, &records).unwrap();
    LiveResolution::from_resolution(resolver.resolve().unwrap(), LiveSettings::new()).unwrap()
}

const PEOPLE: [(&str, &str, &str); 6] = [
    ("k1", "Kelly Neal", "kelly@x.org"),
    ("k2", "Kelly Neal", "kelly@x.org"),
    ("b1", "Bob Stone", "bob@y.org"),
    ("a1", "Ann Lee", "ann@z.org"),
    ("a2", "Ann Lee", "ann@z.org"),
    ("r1", "Rob Hart", "rob@w.org"),
];

fn kelly(id: &str) -> OwnedRecord {
    OwnedRecord::new(id)
        .with("name", "Kelly Neal")
        .with("email", "kelly@x.org")
}

#[test]
fn a_record_whose_id_sorts_first_does_not_move_the_id() {
    let mut live = simple(&PEOPLE);
    let entity = live.entity_of("crm", "k1").unwrap();
    let changes = live.upsert("crm", &kelly("a0")).unwrap();
    assert_eq!(live.entity_of("crm", "a0"), Some(entity));
    assert_eq!(
        changes,
        [EntityChange::RecordAdded {
            entity,
            record: RecordKey::new("crm", "a0")
        }]
    );
}

#[test]
fn erasing_or_replacing_the_anchor_keeps_the_id() {
    let mut live = simple(&PEOPLE);
    let entity = live.entity_of("crm", "k1").unwrap();
    live.upsert("crm", &kelly("k3")).unwrap();
    let changes = live.erase("crm", "k1").unwrap();
    assert_eq!(
        changes,
        [EntityChange::RecordErased {
            entity,
            record: RecordKey::new("crm", "k1")
        }]
    );
    assert_eq!(live.entity_of("crm", "k2"), Some(entity));
    assert_eq!(live.entity_of("crm", "k3"), Some(entity));
    // The anchor replaced by a near copy: same entity, same id.
    let changes = live
        .upsert(
            "crm",
            &OwnedRecord::new("k2")
                .with("name", "Kelly Neal")
                .with("email", "kelly@x.org"),
        )
        .unwrap();
    assert_eq!(
        changes,
        [EntityChange::RecordUpdated {
            entity,
            record: RecordKey::new("crm", "k2")
        }]
    );
}

#[test]
fn a_merge_keeps_the_oldest_and_a_split_keeps_the_oldest_member() {
    let mut live = simple(&PEOPLE);
    let kelly_entity = live.entity_of("crm", "k1").unwrap();
    // A new entity: a Kelly with another e-mail address and name spelling.
    let changes = live
        .upsert(
            "crm",
            &OwnedRecord::new("n1")
                .with("name", "Kelly J Neal")
                .with("email", "kj@q.org"),
        )
        .unwrap();
    let newer = live.entity_of("crm", "n1").unwrap();
    assert_ne!(newer, kelly_entity);
    assert!(changes.contains(&EntityChange::Created { entity: newer }));
    // A bridge record joins them: the older entity's id survives.
    let changes = live
        .upsert(
            "crm",
            &OwnedRecord::new("n2")
                .with("name", "Kelly Neal")
                .with("email", "kj@q.org"),
        )
        .unwrap();
    assert_eq!(live.entity_of("crm", "n1"), Some(kelly_entity));
    assert!(
        changes.contains(&EntityChange::Merged {
            into: kelly_entity,
            from: vec![newer]
        }),
        "{changes:?}"
    );
    // Split: replace k2 by someone else; k1 (the oldest) keeps the id.
    let changes = live
        .upsert(
            "crm",
            &OwnedRecord::new("k2")
                .with("name", "Zed Quill")
                .with("email", "zed@q.org"),
        )
        .unwrap();
    assert_eq!(live.entity_of("crm", "k1"), Some(kelly_entity));
    let moved = live.entity_of("crm", "k2").unwrap();
    assert_ne!(moved, kelly_entity);
    assert!(changes.contains(&EntityChange::Split {
        from: kelly_entity,
        into: vec![moved]
    }));
    assert!(changes.contains(&EntityChange::Created { entity: moved }));
}

#[test]
fn an_entity_losing_its_last_record_is_removed() {
    let mut live = simple(&PEOPLE);
    let rob = live.entity_of("crm", "r1").unwrap();
    let changes = live.erase("crm", "r1").unwrap();
    assert_eq!(
        changes,
        [
            EntityChange::Removed { entity: rob },
            EntityChange::RecordErased {
                entity: rob,
                record: RecordKey::new("crm", "r1")
            }
        ]
    );
    assert_eq!(live.members(rob), None);
    assert_eq!(live.len(), 5);
}

#[test]
fn bad_changes_are_typed_errors_and_change_nothing() {
    let mut live = simple(&PEOPLE);
    let before = assignment(&live);
    assert_eq!(
        live.erase("crm", "nobody").unwrap_err(),
        Error::Live(LiveError::UnknownRecord("crm".into()))
    );
    assert_eq!(
        live.erase("shop", "k1").unwrap_err(),
        Error::Live(LiveError::UnknownSource("shop".into()))
    );
    assert_eq!(
        live.upsert("crm", &OwnedRecord::without_id().with("name", "X"))
            .unwrap_err(),
        Error::Live(LiveError::MissingRecordId("crm".into()))
    );
    assert_eq!(assignment(&live), before);
}

#[test]
fn match_record_changes_nothing() {
    let live = simple(&PEOPLE);
    let before = assignment(&live);
    let found = live
        .match_record(&[("name", "Kelly Neal"), ("email", "kelly@x.org")])
        .unwrap();
    assert_eq!(found.entity, live.entity_of("crm", "k1"));
    assert!(found.explanation.is_some());
    assert_eq!(
        found.candidates[0].entity,
        live.entity_of("crm", "k1").unwrap()
    );
    let nobody = live
        .match_record(&[("name", "Quentin Blake"), ("email", "qb@nowhere.org")])
        .unwrap();
    assert_eq!(nobody.entity, None);
    assert_eq!(assignment(&live), before);
}

#[test]
fn a_run_with_custom_blockers_is_refused() {
    use sameas::block::{KeyRule, KeyTransform};
    let mut resolver = resolver(&initial(), None);
    let rule = KeyRule::on(&schema(), &[("city", KeyTransform::Exact)]).unwrap();
    resolver.blockers(vec![Box::new(rule)]);
    let resolution = resolver.resolve().unwrap();
    let name = resolution.blocking_stats().rules[0].name.clone();
    assert_eq!(
        LiveResolution::from_resolution(resolution, settings()).unwrap_err(),
        Error::Live(LiveError::CustomBlockers(name))
    );
}

#[test]
fn match_record_finds_identical_records_in_blocks_past_the_cap() {
    let mut live = live_state();
    let copy = |id: usize| {
        OwnedRecord::new(format!("copy{id}"))
            .with("given", "Quentin")
            .with("family", "Marsh")
            .with("email", "qm@z.org")
            .with("city", "Hull")
    };
    // More copies than the block cap (6): every block they share is
    // skipped, and only the identical-records pass pairs them.
    for id in 0..8 {
        live.upsert("crm", &copy(id)).unwrap();
    }
    let entity = live.entity_of("crm", "copy0").unwrap();
    assert_eq!(live.members(entity).unwrap().len(), 8);
    let found = live.match_record(&copy(99)).unwrap();
    assert_eq!(found.entity, Some(entity));
    assert_eq!(found.candidates.len(), 8);
}

#[test]
fn a_full_run_carries_ids_over_by_overlap() {
    let before = simple(&PEOPLE);
    let mut people = PEOPLE.to_vec();
    people.insert(0, ("a0", "Kelly Neal", "kelly@x.org"));
    let mut after = simple(&people);
    // Without carrying, the Kelly entity's anchor moved to a0.
    assert_ne!(after.entity_of("crm", "k1"), before.entity_of("crm", "k1"));
    after.carry_ids_from(&before);
    for (id, _, _) in PEOPLE {
        assert_eq!(
            after.entity_of("crm", id),
            before.entity_of("crm", id),
            "{id}"
        );
    }
}

#[test]
fn live_states_are_send_and_sync() {
    fn shared<T: Send + Sync>() {}
    shared::<LiveResolution>();
    shared::<EntityChange>();
}

/// A fresh directory for one test.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sameas-live-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn a_saved_state_loads_as_it_was_and_keeps_changing_the_same_way() {
    let dir = temp_dir("roundtrip");
    let mut kept = LiveStore::create(&dir, live_state()).unwrap();
    let ops = [
        Op::Upsert {
            web: false,
            id: 60,
            person: 3,
            variant: 1,
        },
        Op::Erase { web: false, id: 4 },
        // In the log too: loading replays it at the same point.
        Op::Refresh,
        Op::Erase { web: false, id: 7 },
        Op::Upsert {
            web: true,
            id: 2,
            person: 9,
            variant: 0,
        },
        Op::Erase { web: true, id: 5 },
    ];
    let model_before = kept.state().model().clone();
    for op in &ops[..4] {
        apply_kept(&mut kept, op);
    }
    assert_ne!(kept.state().model(), &model_before, "the refresh counted");
    assert!(kept.state().pending_term_frequencies() > 0);
    kept.sync().unwrap();
    let reopened = LiveStore::open_with_key(&dir, &key()).unwrap();
    assert_eq!(assignment(reopened.state()), assignment(kept.state()));
    assert_eq!(reopened.state().model(), kept.state().model());
    // Saved and loaded, then both change the same way.
    kept.save().unwrap();
    let mut loaded = LiveStore::open_with_key(&dir, &key()).unwrap().into_state();
    let mut memory = kept.into_state();
    for op in &ops[4..] {
        assert_eq!(apply(&mut loaded, op), apply(&mut memory, op));
    }
    assert_eq!(assignment(&loaded), assignment(&memory));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn loading_on_one_thread_or_several_gives_the_same_state() {
    let dir = temp_dir("threads");
    let mut memory = LiveStore::create(&dir, live_state()).unwrap().into_state();
    let load = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        pool.install(|| LiveStore::open_with_key(&dir, &key()).unwrap().into_state())
    };
    let mut single = load(1);
    let mut several = load(3);
    assert_eq!(assignment(&single), assignment(&memory));
    assert_eq!(assignment(&several), assignment(&memory));
    assert_eq!(live_partition(&several), batch_partition(&several));
    // The rebuilt indexes (blocks, identical records, holders of counted
    // values) answer every kind of change as the saved state's do.
    let ops = [
        Op::Upsert {
            web: false,
            id: 70,
            person: 0,
            variant: 0,
        },
        Op::Erase { web: false, id: 1 },
        Op::Erase { web: true, id: 2 },
        Op::Refresh,
        Op::Upsert {
            web: true,
            id: 3,
            person: 4,
            variant: 1,
        },
    ];
    for op in &ops {
        let expected = apply(&mut memory, op);
        assert_eq!(apply(&mut single, op), expected);
        assert_eq!(apply(&mut several, op), expected);
    }
    assert_eq!(assignment(&single), assignment(&memory));
    assert_eq!(assignment(&several), assignment(&memory));
    assert_eq!(several.model(), memory.model());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_resealed_snapshot_with_a_pair_out_of_range_is_damaged() {
    let dir = temp_dir("pair-range");
    drop(LiveStore::create(&dir, simple(&PEOPLE)).unwrap());
    let path = dir.join("state.sameas");
    let mut bytes = std::fs::read(&path).unwrap();
    // Magic, version, body length; the body ends with the pairs (two
    // record positions and a weight each), then the checksum.
    let body_end = bytes.len() - 8;
    let last_pair = body_end - 16;
    for (at, position) in [(last_pair, u32::MAX), (last_pair + 4, u32::MAX - 1)] {
        let mut damaged = bytes.clone();
        damaged[at..at + 4].copy_from_slice(&position.to_le_bytes());
        let sum = checksum(&damaged[20..body_end]);
        damaged[body_end..].copy_from_slice(&sum.to_le_bytes());
        std::fs::write(&path, &damaged).unwrap();
        let error = LiveStore::open(&dir).unwrap_err();
        assert!(
            matches!(&error, Error::Live(LiveError::Damaged { file, reason })
                if file == "state.sameas" && reason.starts_with("a pair of records")),
            "{error:?}"
        );
    }
    // The same pair with both ends one record: damaged too.
    let first = bytes[last_pair..last_pair + 4].to_vec();
    bytes[last_pair + 4..last_pair + 8].copy_from_slice(&first);
    let sum = checksum(&bytes[20..body_end]);
    bytes[body_end..].copy_from_slice(&sum.to_le_bytes());
    std::fs::write(&path, &bytes).unwrap();
    assert!(matches!(
        LiveStore::open(&dir).unwrap_err(),
        Error::Live(LiveError::Damaged { .. })
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn term_frequencies_are_saved_only_keyed_and_load_only_with_their_key() {
    let dir = temp_dir("keyed");
    drop(LiveStore::create(&dir, live_state()).unwrap());
    assert_eq!(
        LiveStore::open(&dir).unwrap_err(),
        Error::Live(LiveError::TermFrequencyKeyMissing("state.sameas".into()))
    );
    let other = TermFrequencyKey::new("another secret of 16 bytes").unwrap();
    assert_eq!(
        LiveStore::open_with_key(&dir, &other).unwrap_err(),
        Error::Live(LiveError::TermFrequencyKeyMissing("state.sameas".into()))
    );
    assert!(LiveStore::open_with_key(&dir, &key()).is_ok());
    // Counted without a key, the counts live in memory only: a saved
    // state would score differently once loaded, so none is saved.
    let mut unkeyed = Resolver::new(schema());
    unkeyed
        .blocking_options(*settings().blocking())
        .cluster_options(settings().cluster().clone());
    for (name, duplicate_free, records) in &initial() {
        unkeyed.add_source(name, *duplicate_free, records).unwrap();
    }
    let state = LiveResolution::from_resolution(unkeyed.resolve().unwrap(), settings()).unwrap();
    let unkeyed_dir = temp_dir("unkeyed");
    assert_eq!(
        LiveStore::create(&unkeyed_dir, state).unwrap_err(),
        Error::Live(LiveError::TermFrequenciesUnsaved)
    );
    assert!(!unkeyed_dir.join("state.sameas").exists());
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&unkeyed_dir).unwrap();
}

fn apply_kept(kept: &mut LiveStore, op: &Op) -> Vec<EntityChange> {
    match *op {
        Op::Upsert {
            web,
            id,
            person,
            variant,
        } => {
            let (source, prefix) = if web { ("web", "w") } else { ("crm", "c") };
            kept.upsert(source, &record(&format!("{prefix}{id}"), person, variant))
                .unwrap()
        }
        Op::Erase { web, id } => {
            let (source, prefix) = if web { ("web", "w") } else { ("crm", "c") };
            kept.erase(source, &format!("{prefix}{id}")).unwrap()
        }
        Op::Refresh => kept.refresh_term_frequencies().unwrap(),
    }
}

#[test]
fn every_torn_log_tail_and_interrupted_save_leaves_the_last_good_state() {
    let dir = temp_dir("faults");
    let mut kept = LiveStore::create(&dir, simple(&PEOPLE)).unwrap();
    let log = dir.join("changes.log");
    let mut expected = vec![(
        std::fs::metadata(&log).unwrap().len(),
        assignment(kept.state()),
    )];
    let changes: [(&str, Option<OwnedRecord>); 4] = [
        ("k3", Some(kelly("k3"))),
        ("b1", None),
        (
            "b2",
            Some(
                OwnedRecord::new("b2")
                    .with("name", "Bob Stone")
                    .with("email", "bob@y.org"),
            ),
        ),
        ("k1", None),
    ];
    for (id, record) in &changes {
        match record {
            Some(record) => kept.upsert("crm", record).unwrap(),
            None => kept.erase("crm", id).unwrap(),
        };
        kept.sync().unwrap();
        expected.push((
            std::fs::metadata(&log).unwrap().len(),
            assignment(kept.state()),
        ));
    }
    drop(kept);
    let full = std::fs::read(&log).unwrap();
    let scratch = dir.with_extension("scratch");
    // The log cut at every byte: the changes wholly written are there.
    for cut in 0..=full.len() {
        copy_dir(&dir, &scratch);
        std::fs::write(scratch.join("changes.log"), &full[..cut]).unwrap();
        let opened = LiveStore::open(&scratch).unwrap_or_else(|e| panic!("log cut at {cut}: {e}"));
        let want = expected
            .iter()
            .rev()
            .find(|(end, _)| *end as usize <= cut)
            .map_or(&expected[0].1, |(_, assignment)| assignment);
        assert_eq!(&assignment(opened.state()), want, "log cut at {cut}");
        // Later changes append after the last good one.
        if cut == full.len() - 3 {
            let mut opened = opened;
            opened.upsert("crm", &kelly("k9")).unwrap();
            drop(opened);
            let again = LiveStore::open(&scratch).unwrap();
            assert!(again.state().entity_of("crm", "k9").is_some());
        }
    }
    // A save cut short before its rename: the old snapshot and its log.
    let saved = dir.with_extension("saved");
    copy_dir(&dir, &saved);
    let mut resaved = LiveStore::open(&saved).unwrap();
    resaved.save().unwrap();
    drop(resaved);
    let new_snapshot = std::fs::read(saved.join("state.sameas")).unwrap();
    let last = &expected.last().unwrap().1;
    for cut in 0..=new_snapshot.len() {
        copy_dir(&dir, &scratch);
        std::fs::write(scratch.join("state.sameas.tmp"), &new_snapshot[..cut]).unwrap();
        let opened = LiveStore::open(&scratch).unwrap_or_else(|e| panic!("save cut at {cut}: {e}"));
        assert_eq!(&assignment(opened.state()), last, "save cut at {cut}");
    }
    // Stopped between the two renames: the new snapshot with the old log,
    // whose changes it holds already.
    copy_dir(&dir, &scratch);
    std::fs::write(scratch.join("state.sameas"), &new_snapshot).unwrap();
    assert_eq!(
        &assignment(LiveStore::open(&scratch).unwrap().state()),
        last
    );
    // The snapshot itself damaged anywhere: a typed error, never a wrong
    // state.
    let snapshot = std::fs::read(dir.join("state.sameas")).unwrap();
    for cut in 0..snapshot.len() {
        copy_dir(&dir, &scratch);
        std::fs::write(scratch.join("state.sameas"), &snapshot[..cut]).unwrap();
        match LiveStore::open(&scratch) {
            Err(Error::Live(LiveError::Damaged { file, .. })) => assert_eq!(file, "state.sameas"),
            other => panic!("snapshot cut at {cut}: {:?}", other.map(|_| ())),
        }
    }
    for at in (0..snapshot.len()).step_by(7) {
        copy_dir(&dir, &scratch);
        let mut flipped = snapshot.clone();
        flipped[at] ^= 0x20;
        std::fs::write(scratch.join("state.sameas"), &flipped).unwrap();
        assert!(
            matches!(
                LiveStore::open(&scratch),
                Err(Error::Live(
                    LiveError::Damaged { .. } | LiveError::Version { .. }
                ))
            ),
            "byte {at} flipped"
        );
    }
    for path in [&dir, &scratch, &saved] {
        std::fs::remove_dir_all(path).unwrap();
    }
}

#[test]
fn loading_refuses_another_version_and_a_missing_state() {
    let dir = temp_dir("version");
    drop(LiveStore::create(&dir, simple(&PEOPLE)).unwrap());
    let path = dir.join("state.sameas");
    let mut bytes = std::fs::read(&path).unwrap();
    // Version 3 is still read (see the unit tests of its settings).
    for version in [2, FORMAT_VERSION + 1] {
        bytes[8..12].copy_from_slice(&version.to_le_bytes());
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(
            LiveStore::open(&dir).unwrap_err(),
            Error::Live(LiveError::Version {
                file: "state.sameas".into(),
                found: version,
                oldest: 3,
                supported: FORMAT_VERSION
            })
        );
        assert_eq!(
            LiveStore::open(&dir).unwrap_err().to_string(),
            format!(
                "state.sameas is format version {version}; this build reads versions 3 to {FORMAT_VERSION}"
            )
        );
    }
    std::fs::remove_file(&path).unwrap();
    assert_eq!(
        LiveStore::open(&dir).unwrap_err(),
        Error::Live(LiveError::NoState(dir.display().to_string()))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn after_an_erasure_and_a_save_no_file_holds_a_byte_of_the_erased_values() {
    let dir = temp_dir("erasure");
    // Marker values in a record of the first batch (counted in the term
    // frequencies) and in one that only the log holds.
    let mut sources = initial();
    sources[0].2.push(
        OwnedRecord::new("Qmarkerid1")
            .with("given", "Qmarkergiven")
            .with("family", "Lee")
            .with("email", "qmarkermail@x.org")
            .with("city", "Qmarkertown"),
    );
    let resolution = resolver(&sources, None).resolve().unwrap();
    let mut kept = LiveStore::create(
        &dir,
        LiveResolution::from_resolution(resolution, settings()).unwrap(),
    )
    .unwrap();
    kept.upsert(
        "crm",
        &OwnedRecord::new("Qmarkerid2")
            .with("given", "Qmarkergiven")
            .with("family", "Qmarkerfamily")
            .with("email", "qmarkermail@x.org")
            .with("city", "Leeds"),
    )
    .unwrap();
    let markers = ["Qmarker", "qmarker", "QMARKER"];
    let holds_marker = |bytes: &[u8]| {
        markers.iter().any(|marker| {
            bytes
                .windows(marker.len())
                .any(|window| window == marker.as_bytes())
        })
    };
    let files = |dir: &std::path::Path| -> Vec<Vec<u8>> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| std::fs::read(entry.unwrap().path()).unwrap())
            .collect()
    };
    // The test can fail: before the erasure the files hold the markers.
    assert!(files(&dir).iter().any(|bytes| holds_marker(bytes)));
    let entity = kept.state().entity_of("crm", "Qmarkerid1").unwrap();
    let model_before = kept.state().model().to_json();
    kept.erase("crm", "Qmarkerid1").unwrap();
    kept.erase("crm", "Qmarkerid2").unwrap();
    // The counts forget the record at the next refresh, which a save
    // makes first.
    assert!(kept.state().pending_term_frequencies() > 0);
    kept.save().unwrap();
    assert_ne!(
        kept.state().model().to_json(),
        model_before,
        "the counts forgot the record"
    );
    for bytes in files(&dir) {
        assert!(!holds_marker(&bytes));
    }
    // Nor do golden records, provenance or the model.
    for id in kept.state().entity_ids() {
        let golden = format!("{:?}", kept.state().golden_record(id).unwrap());
        assert!(!holds_marker(golden.as_bytes()), "{id}");
    }
    assert!(kept.state().members(entity).is_none_or(|members| {
        members
            .iter()
            .all(|key| !holds_marker(key.record_id().as_bytes()))
    }));
    assert!(!holds_marker(kept.state().model().to_json().as_bytes()));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// People of the co-participant tests: each record names its person and
/// lists others (a team), as inventors list their co-inventors.
const TEAM_NAMES: [(&str, &str); 4] = [
    ("Ann", "Lee"),
    ("Bob", "Stone"),
    ("Kim", "Neal"),
    ("Zoe", "Hart"),
];

fn team_schema() -> Schema {
    Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("family", FieldKind::FamilyName)
        .field("email", FieldKind::Email)
        .field("team", FieldKind::Set)
        .build()
        .unwrap()
}

/// Known probabilities: a shared e-mail address is a match whatever the
/// names (so records of two names join unless kept apart), a shared given
/// name a weak one.
fn team_model() -> FellegiSunter {
    let schema = team_schema();
    let mut email = Comparison::new(&schema, "email", &[LevelTest::Exact]).unwrap();
    email.set_probabilities(0, 0.95, 0.0005).unwrap();
    email.set_probabilities(1, 0.05, 0.9995).unwrap();
    let mut given = Comparison::new(&schema, "given", &[LevelTest::Exact]).unwrap();
    given.set_probabilities(0, 0.9, 0.05).unwrap();
    given.set_probabilities(1, 0.1, 0.95).unwrap();
    FellegiSunter::new(&schema, 0.1, vec![email, given]).unwrap()
}

/// Record `id` of person `person`, with e-mail address `email` of a small
/// pool, listing the names in the bits of `lists` (its own name among
/// them says nothing).
fn team_record(id: usize, person: usize, email: usize, lists: usize) -> OwnedRecord {
    let (given, family) = TEAM_NAMES[person % TEAM_NAMES.len()];
    let team: Vec<String> = TEAM_NAMES
        .iter()
        .enumerate()
        .filter(|(at, _)| lists & (1 << at) != 0)
        .map(|(_, (given, family))| format!("{given} {family}").to_lowercase())
        .collect();
    let mut record = OwnedRecord::new(format!("t{id}"))
        .with("given", given)
        .with("family", family)
        .with("email", format!("team{}@x.org", email % 3));
    if !team.is_empty() {
        record = record.with("team", team.join("|"));
    }
    record
}

fn team_resolver(records: &[OwnedRecord], model: FellegiSunter) -> Resolver {
    let mut resolver = Resolver::new(team_schema());
    resolver
        .model(model)
        .blocking_options(*settings().blocking())
        .cluster_options(settings().cluster().clone());
    resolver.add_source("crm", false, records).unwrap();
    resolver
}

fn team_state(records: &[OwnedRecord]) -> LiveResolution {
    let resolution = team_resolver(records, team_model()).resolve().unwrap();
    LiveResolution::from_resolution(resolution, settings()).unwrap()
}

/// A batch run over the state's records with its model.
fn team_batch(live: &LiveResolution) -> BTreeSet<BTreeSet<(String, String)>> {
    let records: Vec<OwnedRecord> = live
        .records()
        .map(|(source, id, _)| live.record_values(source, id).unwrap())
        .collect();
    let resolution = team_resolver(&records, live.model().clone())
        .resolve()
        .unwrap();
    let store = resolution.store();
    partition(store.records().map(|record| {
        let entity = resolution.entity_of(record.index()).unwrap().id();
        ("crm".to_string(), record.id().to_string(), entity)
    }))
}

#[derive(Debug, Clone)]
enum TeamOp {
    Upsert {
        id: usize,
        person: usize,
        email: usize,
        lists: usize,
    },
    Erase {
        id: usize,
    },
}

fn team_op() -> impl Strategy<Value = TeamOp> {
    prop_oneof![
        3 => (0..16usize, 0..4usize, 0..3usize, 0..16usize)
            .prop_map(|(id, person, email, lists)| TeamOp::Upsert { id, person, email, lists }),
        2 => (0..16usize).prop_map(|id| TeamOp::Erase { id }),
    ]
}

fn team_apply(live: &mut LiveResolution, op: &TeamOp) -> Option<Vec<EntityChange>> {
    match *op {
        TeamOp::Upsert {
            id,
            person,
            email,
            lists,
        } => Some(
            live.upsert("crm", &team_record(id, person, email, lists))
                .unwrap(),
        ),
        TeamOp::Erase { id } => live.erase("crm", &format!("t{id}")).ok(),
    }
}

/// The first records: Ann and Bob list each other and share an address
/// with Kim, who lists nobody.
fn team_initial() -> Vec<OwnedRecord> {
    vec![
        team_record(0, 0, 0, 0b0010),
        team_record(1, 1, 0, 0b0001),
        team_record(2, 2, 0, 0),
        team_record(3, 3, 1, 0b0100),
        team_record(4, 2, 1, 0),
        team_record(5, 0, 2, 0),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// With names that list each other, kept apart in a batch run, any
    /// sequence of upserts (which make such pairs) and erasures (which
    /// unmake them) ends in the batch run's partition.
    #[test]
    fn incremental_equals_batch_with_names_kept_apart(
        ops in proptest::collection::vec(team_op(), 1..30)
    ) {
        let mut live = team_state(&team_initial());
        prop_assert_eq!(live_partition(&live), team_batch(&live));
        for op in &ops {
            let before = assignment(&live);
            if let Some(changes) = team_apply(&mut live, op) {
                check_untouched(&before, &live, &changes);
            }
            prop_assert_eq!(live_partition(&live), team_batch(&live), "after {:?}", op);
        }
    }
}

/// The entity of record `t{id}`.
fn entity_with(live: &LiveResolution, id: usize) -> Option<EntityId> {
    live.entity_of("crm", &format!("t{id}"))
}

#[test]
fn names_listing_each_other_part_and_join_as_their_lists_change() {
    let mut live = team_state(&team_initial());
    // Ann (0) and Bob (1) list each other: apart, though they share an
    // address with Kim (2), who joins one of them.
    assert_ne!(entity_with(&live, 0), entity_with(&live, 1));
    assert_eq!(live_partition(&live), team_batch(&live));
    // Bob no longer lists Ann: nothing keeps them apart, they join.
    live.upsert("crm", &team_record(1, 1, 0, 0)).unwrap();
    assert_eq!(entity_with(&live, 0), entity_with(&live, 1));
    assert_eq!(live_partition(&live), team_batch(&live));
    // A new Bob record elsewhere lists Ann again: the entity splits.
    live.upsert("crm", &team_record(9, 1, 2, 0b0001)).unwrap();
    assert_ne!(entity_with(&live, 0), entity_with(&live, 1));
    assert_eq!(live_partition(&live), team_batch(&live));
    // Erasing it lets them join again.
    live.erase("crm", "t9").unwrap();
    assert_eq!(entity_with(&live, 0), entity_with(&live, 1));
    assert_eq!(live_partition(&live), team_batch(&live));
}

#[test]
fn a_loaded_state_keeps_names_apart_as_the_saved_one_did() {
    // Nothing of the names is saved: a load finds them in the records.
    let dir = temp_dir("apart");
    let mut kept = LiveStore::create(&dir, team_state(&team_initial())).unwrap();
    kept.save().unwrap();
    let mut loaded = LiveStore::open(&dir).unwrap().into_state();
    let mut memory = kept.into_state();
    let ops = [
        TeamOp::Upsert {
            id: 1,
            person: 1,
            email: 0,
            lists: 0,
        },
        TeamOp::Upsert {
            id: 9,
            person: 1,
            email: 2,
            lists: 0b0001,
        },
        TeamOp::Erase { id: 0 },
    ];
    for op in &ops {
        assert_eq!(team_apply(&mut loaded, op), team_apply(&mut memory, op));
        assert_eq!(assignment(&loaded), assignment(&memory));
    }
    assert_eq!(live_partition(&loaded), team_batch(&loaded));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A state from a run whose entities were pairs clusters with the strict
/// majority that run chose (see `sameas::resolve::PairsOnly`), and a
/// change leaves it what a batch run with its model and options gives.
#[cfg(feature = "synthetic")]
#[test]
fn a_state_from_a_run_of_pairs_keeps_its_strict_majority() {
    use sameas::cluster::ClusterOptions;
    use sameas::synthetic::shapes::{BirthDateGenerator, ShapeData};

    let data = BirthDateGenerator::builder()
        .seed(7)
        .entities(2_000)
        .build()
        .unwrap()
        .generate();
    let resolver = |model: Option<FellegiSunter>, options: Option<ClusterOptions>| {
        let mut resolver = Resolver::with_options(data.schema(), ShapeData::prepare_options());
        resolver.term_frequency_key(key());
        if let Some(model) = model {
            resolver.model(model);
        }
        if let Some(options) = options {
            resolver.cluster_options(options);
        }
        resolver
    };
    let mut first = resolver(None, None);
    for source in data.sources() {
        first
            .add_source(source.name(), source.is_duplicate_free(), source.records())
            .unwrap();
    }
    let resolution = first.resolve().unwrap();
    assert!(resolution.stats().pairs_only.is_some());
    let options = resolution.cluster_options().clone();
    assert_ne!(options, ClusterOptions::new());
    assert_eq!(
        options.weak_size_limit(),
        sameas::resolve::PAIRS_WEAK_SIZE_LIMIT
    );
    let live = LiveResolution::from_resolution(resolution, LiveSettings::new()).unwrap();
    assert_eq!(live.settings().cluster(), &options);
    // Saved and loaded, the state keeps the options (weak pairs' limit
    // included).
    let dir = temp_dir("pairs-only");
    drop(LiveStore::create(&dir, live).unwrap());
    let mut live = LiveStore::open_with_key(&dir, &key()).unwrap().into_state();
    assert_eq!(live.settings().cluster(), &options);

    // A third copy of a person with a duplicate: it joins only with
    // accepted pairs to both.
    let (source, known) = live
        .records()
        .find(|&(source, _, entity)| {
            source == "persons"
                && live
                    .members(entity)
                    .is_some_and(|members| members.len() == 2)
        })
        .map(|(source, id, _)| (source.to_string(), id.to_string()))
        .unwrap();
    let mut copy = OwnedRecord::new("copy-1");
    for (field, value) in live.record_values(&source, &known).unwrap().fields() {
        copy.set(field, value);
    }
    live.upsert(&source, &copy).unwrap();

    let mut records: Vec<OwnedRecord> = Vec::new();
    for (source, id, _) in live.records() {
        assert_eq!(source, "persons");
        records.push(live.record_values(source, id).unwrap());
    }
    let mut batch = resolver(
        Some(live.model().clone()),
        Some(live.settings().cluster().clone()),
    );
    batch.add_source("persons", false, &records).unwrap();
    let batch = batch.resolve().unwrap();
    assert_eq!(batch.stats().pairs_only, None);
    let store = batch.store();
    let batch_partition = partition(store.records().map(|record| {
        let entity = batch.entity_of(record.index()).unwrap().id();
        (
            store.source(record.source()).name().to_string(),
            record.id().to_string(),
            entity,
        )
    }));
    assert_eq!(live_partition(&live), batch_partition);
}
