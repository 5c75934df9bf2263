//! Why an accepted pair ends in two entities: `Resolution::kept_apart`
//! through the public API, with a matcher whose scores the test sets.

use sameas::cluster::ClusterOptions;
use sameas::resolve::{KeptApart, Resolution, Resolver};
use sameas::{FieldKind, OwnedRecord, PreparedRecord, RecordIndex, Schema, Score};

/// The probability the test matcher gives two records, by their ids
/// (either order); 0.01 for any other pair.
fn probability(a: &str, b: &str) -> f64 {
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    match (low, high) {
        ("a1", "a2") | ("a1", "a3") | ("a2", "a3") => 0.999,
        ("a1", "b") => 0.9,
        ("ann", "bob") | ("x", "y") => 0.999,
        _ => 0.01,
    }
}

fn matcher(a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> Score {
    Score::from_probability(probability(a.id(), b.id()))
}

/// Four records of one name (so that blocking pairs them all): three
/// of one person, strongly matched, and `b`, accepted with `a1` only.
fn chain(options: Option<ClusterOptions>) -> Resolution {
    let schema = Schema::builder()
        .field("name", FieldKind::FullName)
        .field("email", FieldKind::Email)
        .build()
        .unwrap();
    let record = |id: &str| {
        OwnedRecord::new(id)
            .with("name", "Ann Lee")
            .with("email", format!("{id}@example.com"))
    };
    let mut resolver = Resolver::new(schema);
    resolver.matcher(matcher);
    if let Some(options) = options {
        resolver.cluster_options(options);
    }
    let records: Vec<OwnedRecord> = ["a1", "a2", "a3", "b"].map(record).into();
    resolver.add_source("crm", false, &records).unwrap();
    resolver.resolve().unwrap()
}

/// Records `a1`, `a2` and `b` of [`chain`].
fn records() -> (RecordIndex, RecordIndex, RecordIndex) {
    let at = RecordIndex::from_position;
    (at(0), at(1), at(3))
}

#[test]
fn the_chain_guard_is_named_with_its_counts() {
    let (a1, a2, b) = records();
    let resolution = chain(None);
    assert!(resolution.clustering().same_entity(a1, a2));
    assert!(!resolution.clustering().same_entity(a1, b));
    let reason = resolution.kept_apart(b, a1).unwrap();
    assert_eq!(
        reason,
        Some(KeptApart::ChainGuard {
            sizes: (1, 3),
            accepted: 1,
            pairs: 3,
            needed: 2
        })
    );
    assert_eq!(
        reason.unwrap().to_string(),
        "the chain guard: 1 of the 3 record pairs between the entities (1 and 3 records) \
         are accepted, 2 needed"
    );
    // One entity, or a pair not accepted: nothing kept them apart.
    assert_eq!(resolution.kept_apart(a1, a2).unwrap(), None);
    assert_eq!(resolution.kept_apart(b, a2).unwrap(), None);
}

#[test]
fn the_weak_pairs_size_limit_comes_before_the_support() {
    let options = ClusterOptions::builder()
        .weak_size_limit(3)
        .build()
        .unwrap();
    let (a1, _, b) = records();
    let resolution = chain(Some(options));
    assert_eq!(
        resolution.kept_apart(a1, b).unwrap(),
        Some(KeptApart::WeakPairLimit {
            merged: 4,
            limit: 3
        })
    );
}

#[test]
fn without_the_guard_the_pair_joins() {
    let options = ClusterOptions::builder().without_guard().build().unwrap();
    let (a1, _, b) = records();
    let resolution = chain(Some(options));
    assert!(resolution.clustering().same_entity(a1, b));
    assert_eq!(resolution.kept_apart(a1, b).unwrap(), None);
}

#[test]
fn co_participants_are_two_people() {
    let schema = Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("family", FieldKind::FamilyName)
        .field("team", FieldKind::Set)
        .build()
        .unwrap();
    let mut resolver = Resolver::new(schema);
    resolver.matcher(matcher);
    let ann = OwnedRecord::new("ann")
        .with("given", "Ann")
        .with("family", "Lee")
        .with("team", "Bob Lee");
    let bob = OwnedRecord::new("bob")
        .with("given", "Bob")
        .with("family", "Lee")
        .with("team", "Ann Lee");
    resolver.add_source("patents", false, &[ann, bob]).unwrap();
    let resolution = resolver.resolve().unwrap();
    let (ann, bob) = (RecordIndex::from_position(0), RecordIndex::from_position(1));
    assert!(!resolution.clustering().same_entity(ann, bob));
    assert_eq!(
        resolution.kept_apart(ann, bob).unwrap(),
        Some(KeptApart::Coparticipants)
    );
}

#[test]
fn a_pair_blocking_never_made_was_never_compared() {
    // Nothing in common: no blocking rule pairs them, however the
    // matcher would score them.
    let schema = Schema::builder()
        .field("name", FieldKind::FullName)
        .field("email", FieldKind::Email)
        .build()
        .unwrap();
    let mut resolver = Resolver::new(schema);
    resolver.matcher(matcher);
    let x = OwnedRecord::new("x")
        .with("name", "Ann Lee")
        .with("email", "ann@example.com");
    let y = OwnedRecord::new("y")
        .with("name", "Bob Ray")
        .with("email", "bob@example.org");
    resolver.add_source("crm", false, &[x, y]).unwrap();
    let resolution = resolver.resolve().unwrap();
    let (x, y) = (RecordIndex::from_position(0), RecordIndex::from_position(1));
    assert!(resolution.pairs().is_empty());
    assert_eq!(
        resolution.kept_apart(x, y).unwrap(),
        Some(KeptApart::NotCompared)
    );
}

#[test]
fn an_index_past_the_store_is_an_error() {
    let (a1, _, _) = records();
    let resolution = chain(None);
    let past = RecordIndex::from_position(4);
    assert_eq!(
        resolution.kept_apart(a1, past).unwrap_err().to_string(),
        sameas::StoreError::RecordOutOfRange {
            index: 4,
            records: 4
        }
        .to_string()
    );
}
