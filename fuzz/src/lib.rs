//! The bodies of the fuzz targets: each takes any bytes, must never
//! panic, and checks the invariants that hold for every input. Used by
//! the cargo-fuzz targets in `fuzz_targets/` and, on stable, by the main
//! crate's `tests/fuzz_corpus.rs`, which replays `fuzz/corpus/`.

use sameas::compare::{
    damerau_levenshtein, jaro, jaro_winkler, levenshtein, levenshtein_bounded, metaphone,
    normalized_levenshtein, nysiis, osa_distance, qgram_dice, soundex, token_jaccard,
};
use sameas::matcher::{FellegiSunter, Matcher};
use sameas::normalize::{
    DateParser, PhoneNormalizer, fold_text, normalize_address, normalize_email, normalize_handle,
    normalize_name, normalize_organisation, normalize_postcode, parse_person_name,
};
use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};

/// The schema the model corpus was saved for.
fn model_schema() -> Schema {
    Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("family", FieldKind::FamilyName)
        .field("email", FieldKind::Email)
        .build()
        .expect("a valid schema")
}

/// Model files: loading any text gives a model or a typed error; a
/// loaded model saves to text that loads to the same model, and scores a
/// pair with a finite weight.
pub fn model_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let schema = model_schema();
    let Ok(model) = FellegiSunter::from_json(text, &schema) else {
        return;
    };
    let again = FellegiSunter::from_json(&model.to_json(), &schema).expect("a saved model loads");
    assert_eq!(again.to_json(), model.to_json());
    let mut store = PreparedStore::new(schema);
    let crm = store.add_source("crm", false).expect("a source");
    store
        .ingest(
            crm,
            &[
                OwnedRecord::new("1")
                    .with("given", "Ann")
                    .with("email", "ann@example.com"),
                OwnedRecord::new("2")
                    .with("given", "Anne")
                    .with("family", "Lee"),
            ],
        )
        .expect("ingest");
    let records: Vec<_> = store.records().collect();
    let score = model.score(&records[0], &records[1]);
    assert!(score.weight().is_finite() || score.weight().is_infinite());
    assert!((0.0..=1.0).contains(&score.probability()));
}

/// Every normaliser on any text: no panic; the ones documented as
/// idempotent are.
pub fn normalisers(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let name = normalize_name(&text);
    assert_eq!(normalize_name(&name), name, "normalize_name is idempotent");
    let _ = parse_person_name(&text).full_name();
    let folded = fold_text(&text);
    assert_eq!(fold_text(&folded), folded, "fold_text is idempotent");
    if let Ok(email) = normalize_email(&text) {
        let again = normalize_email(email.as_str()).expect("a normalised address normalises");
        assert_eq!(again.as_str(), email.as_str());
    }
    for phones in [
        PhoneNormalizer::new(),
        PhoneNormalizer::builder()
            .default_country("US")
            .build()
            .expect("US"),
    ] {
        if let Ok(number) = phones.normalize(&text) {
            assert!(number.digits().bytes().all(|byte| byte.is_ascii_digit()));
        }
    }
    let _ = DateParser::builder().build().expect("dates").parse(&text);
    let _ = normalize_address(&text);
    let _ = normalize_postcode(&text);
    let _ = normalize_handle(&text);
    let _ = normalize_organisation(&text);
}

/// Every comparator on two texts (split at the first NUL, else in the
/// middle): no panic, similarities in [0, 1], symmetric distances, and
/// the bounded Levenshtein agreeing with the plain one.
pub fn comparators(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (a, b) = match text.split_once('\0') {
        Some(split) => split,
        None => text.split_at(
            text.char_indices()
                .nth(text.chars().count() / 2)
                .map_or(text.len(), |(at, _)| at),
        ),
    };
    for similarity in [
        jaro(a, b),
        jaro_winkler(a, b),
        normalized_levenshtein(a, b),
        token_jaccard(a, b),
        qgram_dice(a, b, 2),
    ] {
        assert!((0.0..=1.0).contains(&similarity), "{similarity}");
    }
    assert_eq!(levenshtein(a, b), levenshtein(b, a));
    assert_eq!(osa_distance(a, b), osa_distance(b, a));
    assert_eq!(damerau_levenshtein(a, b), damerau_levenshtein(b, a));
    let distance = levenshtein(a, b);
    assert_eq!(levenshtein_bounded(a, b, distance), Some(distance));
    if distance > 0 {
        assert_eq!(levenshtein_bounded(a, b, distance - 1), None);
    }
    let _ = (soundex(a), metaphone(a), nysiis(a));
}
