//! The fuzz targets' bodies (`fuzz/src/lib.rs`) over their corpus
//! (`fuzz/corpus/<target>/`) and over seeded random inputs, on stable:
//! the short replay CI runs (seconds); `fuzz/Cargo.toml` says how to
//! fuzz for longer with cargo-fuzz. A crash found by fuzzing becomes a
//! file in the corpus.

#[path = "../fuzz/src/library.rs"]
#[allow(dead_code)]
mod targets;

use std::path::Path;

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.expect("an entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{}: empty corpus", dir.display());
    files
        .iter()
        .map(|file| std::fs::read(file).expect("a corpus file"))
        .collect()
}

/// Seeded random inputs, biased to the characters the code branches on.
fn random_inputs(count: usize, seed: u64) -> Vec<Vec<u8>> {
    const ALPHABET: &[u8] = b"aAeEkKnNlLzZ0123456789 .,-+@()/&'\"<>:\0\xc3\xa9\xe2\x80\x8b\xff";
    let mut state = seed;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    (0..count)
        .map(|_| {
            let length = next() % 48;
            (0..length)
                .map(|_| ALPHABET[next() % ALPHABET.len()])
                .collect()
        })
        .collect()
}

/// A saved model of the target's schema, then that text cut at every
/// 61st byte and with digits changed: mostly malformed files.
fn model_inputs() -> Vec<Vec<u8>> {
    use sameas::matcher::{Comparison, FellegiSunter, LevelTest};
    use sameas::{FieldKind, Schema};
    let schema = Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("family", FieldKind::FamilyName)
        .field("email", FieldKind::Email)
        .build()
        .expect("schema");
    let mut email = Comparison::new(&schema, "email", &[LevelTest::Exact]).expect("comparison");
    email
        .set_probabilities(0, 0.9, 0.001)
        .expect("probabilities");
    let given = Comparison::new(&schema, "given", &[LevelTest::Exact, LevelTest::Nickname])
        .expect("comparison");
    let json = FellegiSunter::new(&schema, 0.01, vec![email, given])
        .expect("model")
        .to_json();
    let mut inputs = vec![json.clone().into_bytes()];
    for cut in (0..json.len()).step_by(61) {
        inputs.push(json.as_bytes()[..cut].to_vec());
    }
    for digit in ['0', '9', '-'] {
        inputs.push(json.replace('1', &digit.to_string()).into_bytes());
    }
    inputs
}

#[test]
fn model_json_corpus_and_damaged_models() {
    for input in corpus("model_json").into_iter().chain(model_inputs()) {
        targets::model_json(&input);
    }
}

#[test]
fn normalisers_corpus_and_random_inputs() {
    for input in corpus("normalisers")
        .into_iter()
        .chain(random_inputs(5_000, 1))
    {
        targets::normalisers(&input);
    }
}

#[test]
fn comparators_corpus_and_random_inputs() {
    for input in corpus("comparators")
        .into_iter()
        .chain(random_inputs(5_000, 2))
    {
        targets::comparators(&input);
    }
}

/// A scratch directory for one test, removed when dropped.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("sameas-fuzz-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A small state saved with the targets' key, then three changes in its
/// log, as a `live_state` input with both files sealed; and the number
/// of records the state holds after the log. Checks on the way that the
/// target's checksum is the format's.
fn live_seed(dir: &Path) -> (Vec<u8>, usize) {
    use sameas::live::{LiveResolution, LiveSettings, LiveStore};
    use sameas::resolve::Resolver;
    use sameas::{FieldKind, OwnedRecord, Schema};
    let schema = Schema::builder()
        .field("name", FieldKind::FullName)
        .field("email", FieldKind::Email)
        .field("city", FieldKind::City)
        .build()
        .expect("schema");
    let mut resolver = Resolver::new(schema);
    resolver.term_frequency_key(targets::live_key());
    let people = [
        ("Ann Lee", "ann@x.org"),
        ("Ann Lee", "ann@x.org"),
        ("Bob Stone", "bob@y.org"),
        ("Rob Stone", "bob@y.org"),
        ("Cy Young", "cy@z.org"),
        ("Dee Park", "dee@w.org"),
    ];
    let records: Vec<OwnedRecord> = people
        .iter()
        .enumerate()
        .map(|(at, (name, email))| {
            OwnedRecord::new(at.to_string())
                .with("name", *name)
                .with("email", *email)
                .with("city", "Leeds")
        })
        .collect();
    resolver.add_source("crm", false, &records).expect("source");
    let state =
        LiveResolution::from_resolution(resolver.resolve().expect("resolve"), LiveSettings::new())
            .expect("state");
    let mut store = LiveStore::create(dir, state).expect("save");
    store
        .upsert(
            "crm",
            &OwnedRecord::new("9")
                .with("name", "Ann Lee")
                .with("email", "ann@x.org"),
        )
        .expect("upsert");
    store.erase("crm", "5").expect("erase");
    store
        .upsert(
            "crm",
            &OwnedRecord::new("2")
                .with("name", "Bob Stone")
                .with("city", "York"),
        )
        .expect("replace");
    let held = store.state().len();
    drop(store);
    let snapshot = std::fs::read(dir.join("state.sameas")).expect("snapshot");
    let log = std::fs::read(dir.join("changes.log")).expect("log");
    let body = &snapshot[20..snapshot.len() - 8];
    let sum = u64::from_le_bytes(snapshot[snapshot.len() - 8..].try_into().expect("8 bytes"));
    assert_eq!(
        targets::live_checksum(body),
        sum,
        "the target's checksum is the format's"
    );
    let mut input = vec![targets::SEAL_SNAPSHOT | targets::SEAL_LOG];
    input.extend_from_slice(&(body.len() as u32).to_le_bytes());
    input.extend_from_slice(body);
    let mut entries = &log[20..];
    while entries.len() >= 12 {
        let length = u32::from_le_bytes(entries[..4].try_into().expect("4 bytes")) as usize;
        let payload = &entries[12..12 + length];
        assert_eq!(
            targets::live_checksum(payload).to_le_bytes(),
            entries[4..12]
        );
        input.extend_from_slice(&(length as u16).to_le_bytes());
        input.extend_from_slice(payload);
        entries = &entries[12 + length..];
    }
    (input, held)
}

/// The seed, then damaged copies: cut at every 37th byte, every 23rd
/// byte set to 0xFF (lengths and counts past the end) or to 0, and
/// unsealed (checksums that fail).
fn live_inputs(seed: &[u8]) -> Vec<Vec<u8>> {
    let mut inputs = vec![seed.to_vec()];
    for cut in (0..seed.len()).step_by(37) {
        inputs.push(seed[..cut].to_vec());
    }
    for at in (1..seed.len()).step_by(23) {
        for byte in [0xFF, 0x00] {
            let mut changed = seed.to_vec();
            changed[at] = byte;
            inputs.push(changed);
        }
    }
    for flags in [0, targets::SEAL_SNAPSHOT, targets::SEAL_LOG] {
        let mut changed = seed.to_vec();
        changed[0] = flags;
        inputs.push(changed);
    }
    inputs
}

#[test]
fn live_state_seed_loads_and_damaged_states_fail_cleanly() {
    use sameas::live::LiveStore;
    let scratch = Scratch::new("live");
    let (seed, held) = live_seed(&scratch.0.join("seed"));
    // After a change of the state format, refresh the committed seeds:
    // SAMEAS_FUZZ_SEEDS=1 cargo test --test fuzz_corpus live_state
    if std::env::var_os("SAMEAS_FUZZ_SEEDS").is_some() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/live_state");
        std::fs::create_dir_all(&dir).expect("corpus directory");
        std::fs::write(dir.join("seed-sealed"), &seed).expect("seed");
        let (snapshot, log) = targets::live_files(&seed);
        let mut raw = vec![0u8];
        raw.extend_from_slice(&(snapshot.len() as u32).to_le_bytes());
        raw.extend_from_slice(&snapshot);
        raw.extend_from_slice(&log);
        std::fs::write(dir.join("seed-raw"), raw).expect("seed");
    }
    // The seed itself loads, log and all: the sealing is right.
    let dir = scratch.0.join("check");
    let (snapshot, log) = targets::live_files(&seed);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("state.sameas"), snapshot).expect("write");
    std::fs::write(dir.join("changes.log"), log).expect("write");
    let loaded = LiveStore::open_with_key(&dir, &targets::live_key()).expect("the seed loads");
    assert_eq!(loaded.state().len(), held);
    assert_eq!(loaded.state().entity_of("crm", "5"), None);
    drop(loaded);
    for input in corpus("live_state").into_iter().chain(live_inputs(&seed)) {
        targets::live_state(&scratch.0.join("target"), &input);
    }
}
