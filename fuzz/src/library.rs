//! The bodies of the fuzz targets over the library alone: each takes
//! any bytes, must never panic, and checks the invariants that hold for
//! every input. Used by the cargo-fuzz targets in `fuzz_targets/` and,
//! on stable, by the main crate's `tests/fuzz_corpus.rs`, which replays
//! `fuzz/corpus/`.

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

/// The key every live-state input is opened with (the seed states'
/// term frequencies are hashed under it).
pub fn live_key() -> sameas::matcher::TermFrequencyKey {
    sameas::matcher::TermFrequencyKey::new("the sameas fuzz targets key").expect("a key")
}

/// The checksum of the live state format ([`sameas::live::checksum`]),
/// with which inputs are sealed to reach the parser behind it.
pub fn live_checksum(data: &[u8]) -> u64 {
    sameas::live::checksum(data)
}

/// Flag of a [`live_state`] input: put the magic, version, length and
/// checksum around the snapshot body.
pub const SEAL_SNAPSHOT: u8 = 1;
/// Flag of a [`live_state`] input: write the log's header and each
/// entry's length and checksum around the entries' payloads.
pub const SEAL_LOG: u8 = 2;

/// The two files of a state directory from a [`live_state`] input:
///
/// - byte 0: flags ([`SEAL_SNAPSHOT`], [`SEAL_LOG`]);
/// - bytes 1..5: the length `n` of the next part (`u32`, little-endian,
///   cut to what is left);
/// - `n` bytes: the snapshot body when sealed, else the whole
///   snapshot file;
/// - the rest: when sealed, the log's entries as (`u16` length,
///   payload), the last one cut to what is left; else the whole log file.
///
/// Sealing lets the fuzzer past the checksums, to the parser behind them.
pub fn live_files(data: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let flags = data.first().copied().unwrap_or(0);
    let rest = data.get(1..).unwrap_or(&[]);
    let (length, rest) = match rest.split_first_chunk::<4>() {
        Some((length, rest)) => (u32::from_le_bytes(*length) as usize, rest),
        None => (0, rest),
    };
    let (first, log_part) = rest.split_at(length.min(rest.len()));
    let snapshot = if flags & SEAL_SNAPSHOT != 0 {
        let mut file = Vec::with_capacity(first.len() + 28);
        file.extend_from_slice(b"SAMEASLS");
        file.extend_from_slice(&sameas::live::FORMAT_VERSION.to_le_bytes());
        file.extend_from_slice(&(first.len() as u64).to_le_bytes());
        file.extend_from_slice(first);
        file.extend_from_slice(&live_checksum(first).to_le_bytes());
        file
    } else {
        first.to_vec()
    };
    let log = if flags & SEAL_LOG != 0 {
        // The log belongs to the snapshot whose checksum ends it.
        let snapshot_sum = snapshot
            .last_chunk::<8>()
            .map_or(0, |sum| u64::from_le_bytes(*sum));
        let mut file = Vec::with_capacity(log_part.len() + 64);
        file.extend_from_slice(b"SAMEASLG");
        file.extend_from_slice(&sameas::live::FORMAT_VERSION.to_le_bytes());
        file.extend_from_slice(&snapshot_sum.to_le_bytes());
        let mut entries = log_part;
        while let Some((length, rest)) = entries.split_first_chunk::<2>() {
            let (payload, rest) =
                rest.split_at((u16::from_le_bytes(*length) as usize).min(rest.len()));
            file.extend_from_slice(&(payload.len() as u32).to_le_bytes());
            file.extend_from_slice(&live_checksum(payload).to_le_bytes());
            file.extend_from_slice(payload);
            entries = rest;
        }
        file
    } else {
        log_part.to_vec()
    };
    (snapshot, log)
}

/// A live state directory's files (see [`live_files`]), written to `dir`
/// and loaded with [`LiveStore::open_with_key`](sameas::live::LiveStore::open_with_key):
/// a state or a typed error, never a panic, and memory bounded by the
/// input whatever its lengths and counts say. A state that loads is
/// consistent (every record's entity lists it), saves and loads again
/// to the same records and entities, and takes an erasure and an upsert.
pub fn live_state(dir: &std::path::Path, data: &[u8]) {
    use sameas::live::LiveStore;
    let (snapshot, log) = live_files(data);
    std::fs::create_dir_all(dir).expect("a scratch directory");
    std::fs::write(dir.join("state.sameas"), &snapshot).expect("write the snapshot");
    std::fs::write(dir.join("changes.log"), &log).expect("write the log");
    let key = live_key();
    let Ok(mut store) = LiveStore::open_with_key(dir, &key) else {
        return;
    };
    let state = store.state();
    let records: Vec<(String, String, u64)> = state
        .records()
        .map(|(source, id, entity)| (source.to_string(), id.to_string(), entity.get()))
        .collect();
    for (source, id, entity) in &records {
        let found = state.entity_of(source, id).map(|entity| entity.get());
        // Two records with one key (a damaged file may hold them) find
        // the first one's entity.
        if found != Some(*entity) {
            assert!(
                records
                    .iter()
                    .filter(|other| (&other.0, &other.1) == (source, id))
                    .count()
                    > 1,
                "a record's entity is not found"
            );
        }
    }
    // A save first refreshes the term-frequency counts that erasures in
    // the log left pending, which may move records: compare after it.
    if store.save().is_err() {
        return;
    }
    let mut records: Vec<(String, String, u64)> = store
        .state()
        .records()
        .map(|(source, id, entity)| (source.to_string(), id.to_string(), entity.get()))
        .collect();
    records.sort();
    drop(store);
    let mut again = LiveStore::open_with_key(dir, &key).expect("a saved state loads");
    let mut reloaded: Vec<(String, String, u64)> = again
        .state()
        .records()
        .map(|(source, id, entity)| (source.to_string(), id.to_string(), entity.get()))
        .collect();
    reloaded.sort();
    assert_eq!(reloaded, records, "a saved state loads as it was");
    let Some((source, id, _)) = records.first() else {
        return;
    };
    let _ = again.erase(source, id);
    let names: Vec<String> = again
        .state()
        .model()
        .schema()
        .fields()
        .iter()
        .map(|field| field.name().to_string())
        .collect();
    let mut record = OwnedRecord::new(id.as_str());
    for name in &names {
        record.set(name, "Ann Lee");
    }
    let _ = again.upsert(source, &record);
}
