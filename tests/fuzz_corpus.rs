//! The fuzz targets' bodies (`fuzz/src/lib.rs`) over their corpus
//! (`fuzz/corpus/<target>/`) and over seeded random inputs, on stable:
//! the short replay CI runs (seconds); `fuzz/Cargo.toml` says how to
//! fuzz for longer with cargo-fuzz. A crash found by fuzzing becomes a
//! file in the corpus.

#[path = "../fuzz/src/lib.rs"]
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
