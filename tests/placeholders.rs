//! Values read as missing, declared or found: a date many strangers
//! hold (`1900-01-01`) is a source's "not known", in a batch run, in a
//! live state made from it, and in that state saved and loaded.

use sameas::live::{LiveResolution, LiveSettings, LiveStore};
use sameas::matcher::TermFrequencyKey;
use sameas::resolve::Resolver;
use sameas::{FieldKind, OwnedRecord, PrepareOptions, PreparedStore, Schema};

#[test]
fn declared_values_are_compared_normalised_and_hidden_from_debug() {
    let schema = Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("dob", FieldKind::Date)
        .build()
        .unwrap();
    let options = PrepareOptions::builder()
        .missing_values("given", &["Test", " "])
        .missing_values("dob", &["1900-01-01"])
        .missing_values("dob", &["1900-01-01", "1970-01-01"])
        .missing_values("no such field", &["x"])
        .build()
        .unwrap();
    assert_eq!(options.missing_values("dob"), ["1900-01-01", "1970-01-01"]);
    assert_eq!(options.missing_values("city"), [] as [&str; 0]);
    let shown = format!("{options:?}");
    assert!(
        !shown.contains("1900") && !shown.contains("Test"),
        "{shown}"
    );
    assert!(shown.contains("\"dob\": \"2 values\""), "{shown}");

    let mut store = PreparedStore::with_options(schema, options);
    let crm = store.add_source("crm", false).unwrap();
    let stats = store
        .ingest(
            crm,
            &[
                OwnedRecord::new("1")
                    .with("given", "TEST")
                    .with("dob", "01/01/1970"),
                OwnedRecord::new("2")
                    .with("given", "Ann")
                    .with("dob", "1985-03-04"),
            ],
        )
        .unwrap();
    assert_eq!((stats.fields[0].missing, stats.fields[1].missing), (1, 1));
    let [given, dob] = ["given", "dob"].map(|name| store.schema().field_id(name).unwrap());
    let records: Vec<_> = store.records().collect();
    assert_eq!(
        (records[0].text(given), records[0].raw(given)),
        (None, Some("TEST"))
    );
    assert_eq!(records[0].date(dob), None);
    assert_eq!(records[1].text(dob), Some("1985-03-04"));
}

fn schema() -> Schema {
    Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("family", FieldKind::FamilyName)
        .field("dob", FieldKind::Date)
        .build()
        .unwrap()
}

/// 400 persons of their own dates, each second one twice, and 40
/// strangers dated `1900-01-01`.
fn people() -> Vec<OwnedRecord> {
    const GIVEN: [&str; 8] = ["Ann", "Bob", "Kelly", "Zoe", "Omar", "Li", "Sara", "Ivan"];
    const FAMILY: [&str; 7] = ["Lee", "Stone", "Neal", "Okafor", "Berg", "Cruz", "Patel"];
    let person = |id: String, n: usize, dob: String| {
        OwnedRecord::new(id)
            .with("given", format!("{}{n}", GIVEN[n % 8]))
            .with("family", FAMILY[n % 7])
            .with("dob", dob)
    };
    let dob = |n: usize| format!("{}-{:02}-{:02}", 1930 + n % 70, n % 12 + 1, n % 28 + 1);
    let mut records: Vec<OwnedRecord> = (0..400)
        .map(|n| person(format!("p{n}"), n, dob(n)))
        .collect();
    records.extend(
        (0..400)
            .step_by(2)
            .map(|n| person(format!("d{n}"), n, dob(n))),
    );
    records.extend((400..440).map(|n| person(format!("s{n}"), n, "1900-01-01".into())));
    records
}

/// Whether the best candidate's explanation of `record` reads no
/// `1900-01-01` as a date, on either side.
fn reads_it_as_missing(state: &LiveResolution, record: &OwnedRecord) -> bool {
    let found = state.match_record(record).unwrap();
    let explanation = found.explanation.expect("a candidate");
    let dob = explanation
        .fields()
        .iter()
        .find(|field| field.field() == "dob")
        .unwrap();
    dob.normalized() != [Some("1900-01-01"); 2] && dob.normalized()[0].is_none()
}

#[test]
fn a_found_placeholder_stays_missing_in_the_live_state_and_its_files() {
    let key = TermFrequencyKey::new("a secret of sixteen bytes or more").unwrap();
    let mut resolver = Resolver::new(schema());
    resolver.term_frequency_key(key.clone());
    resolver.add_source("crm", false, &people()).unwrap();
    let resolution = resolver.resolve().unwrap();
    let found = &resolution.stats().placeholder_values;
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].field.as_str(), found[0].records), ("dob", 40));
    assert!(
        resolution
            .stats()
            .to_string()
            .contains("placeholder      dob: one value held by 40 records of different people")
    );
    // The strangers stay apart.
    let entity = |id: &str| {
        let at = resolution.records_with_id(id)[0];
        resolution.entity_of(at).unwrap().id()
    };
    assert_ne!(entity("s400"), entity("s401"));
    assert_eq!(entity("p0"), entity("d0"));

    let state = LiveResolution::from_resolution(resolution, LiveSettings::new()).unwrap();
    // A new record of person 3, dated as not known.
    let later = OwnedRecord::new("n3")
        .with("given", "Zoe3")
        .with("family", "Okafor")
        .with("dob", "1900-01-01");
    assert!(reads_it_as_missing(&state, &later));

    let dir = std::env::temp_dir().join(format!("sameas-placeholder-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    drop(LiveStore::create(&dir, state).unwrap());
    let loaded = LiveStore::open_with_key(&dir, &key).unwrap();
    assert!(reads_it_as_missing(loaded.state(), &later));
    drop(loaded);
    std::fs::remove_dir_all(&dir).unwrap();
}
