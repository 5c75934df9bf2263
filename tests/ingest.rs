//! Ingestion through the public API: normalised columns, typed features,
//! bad values counted and kept as missing, ids, sources, thread counts.

use std::collections::{BTreeMap, HashMap};

use sameas::{BuildError, FieldKind, OwnedRecord, PreparedStore, Record, Schema, StoreError};

fn schema() -> Schema {
    Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("family", FieldKind::FamilyName)
        .field("name", FieldKind::FullName)
        .field("dob", FieldKind::Date)
        .field("email", FieldKind::Email)
        .field("phone", FieldKind::Phone)
        .field("company", FieldKind::Organisation)
        .field("handles", FieldKind::Set)
        .field("age", FieldKind::Numeric)
        .field("customer", FieldKind::Identifier)
        .build()
        .expect("valid schema")
}

#[test]
fn every_kind_is_normalised_and_its_features_kept() {
    let mut store = PreparedStore::new(schema());
    let crm = store.add_source("crm", false).unwrap();
    let record = OwnedRecord::new("c-1")
        .with("given", " Dr. BILL ")
        .with("family", "O'Brien-Smith")
        .with("name", "NEAL, Kelly A.")
        .with("dob", "3/4/85")
        .with("email", "K.Neal+news@GoogleMail.com")
        .with("phone", "+44 (0)20 7946 0958")
        .with("company", "Acme Widgets Ltd.")
        .with("handles", "@KNeal1985 | kelly.neal | @kneal1985")
        .with("age", "41")
        .with("customer", "AB 12-34");
    let stats = store.ingest(crm, &[record]).unwrap();
    assert_eq!(stats.records, 1);
    assert!(
        stats.fields.iter().all(|field| field.present == 1),
        "{stats:?}"
    );
    let field = |name: &str| store.schema().field_id(name).unwrap();
    let r = store.records().next().unwrap();
    assert_eq!(r.id(), "c-1");
    assert_eq!(r.text(field("given")), Some("bill"));
    assert_eq!(r.formal_name(field("given")), Some("william"));
    assert_eq!(r.raw(field("given")), Some("Dr. BILL"));
    assert_eq!(r.text(field("family")), Some("obrien smith"));
    assert_eq!(r.soundex(field("family")).unwrap().as_str(), "O165");
    assert_eq!(r.text(field("name")), Some("kelly a neal"));
    assert_eq!(r.text(field("dob")), Some("1985-03-04"));
    assert_eq!(r.date(field("dob")).unwrap().to_string(), "1985-03-04");
    assert_eq!(r.text(field("email")), Some("kneal@gmail.com"));
    assert_eq!(r.text(field("phone")), Some("442079460958"));
    assert_eq!(r.text(field("company")), Some("acme widgets"));
    assert_eq!(r.text(field("handles")), Some("kelly neal|kneal1985"));
    assert_eq!(r.number(field("age")), Some(41.0));
    assert_eq!(r.text(field("customer")), Some("ab1234"));
    // A raw value already in normal form is kept once and still read back.
    assert_eq!(r.raw(field("age")), Some("41"));
    assert_eq!(r.raw(field("email")), Some("K.Neal+news@GoogleMail.com"));
    // Features of other kinds are absent, not wrong.
    assert_eq!(r.date(field("email")), None);
    assert_eq!(r.soundex(field("email")), None);
}

#[test]
fn placeholder_names_are_missing() {
    let mut store = PreparedStore::new(schema());
    let census = store.add_source("census", false).unwrap();
    let records = [
        OwnedRecord::new("1")
            .with("given", "UNKNOWN")
            .with("family", "Neal"),
        OwnedRecord::new("2")
            .with("given", "Baby Girl")
            .with("family", "LNU"),
        OwnedRecord::new("3")
            .with("given", "NFN")
            .with("family", "Baby"),
        OwnedRecord::new("4")
            .with("given", "Kelly")
            .with("family", "Neal"),
    ];
    store.ingest(census, &records).unwrap();
    let field = |name: &str| store.schema().field_id(name).unwrap();
    let (given, family) = (field("given"), field("family"));
    let texts: Vec<(Option<&str>, Option<&str>)> = store
        .records()
        .map(|r| (r.text(given), r.text(family)))
        .collect();
    assert_eq!(
        texts,
        [
            (None, Some("neal")),
            (None, None),
            (None, None),
            (Some("kelly"), Some("neal")),
        ]
    );
    // The raw value is kept for display.
    let first = store.records().next().unwrap();
    assert_eq!(first.raw(given), Some("UNKNOWN"));
}

/// A store of one record per value of `column`, with each prepared text
/// and the count of values that did not parse.
fn prepared(column: &str, values: &[&str]) -> (Vec<Option<String>>, u64) {
    let mut store = PreparedStore::new(schema());
    let crm = store.add_source("crm", false).unwrap();
    let records: Vec<OwnedRecord> = values
        .iter()
        .enumerate()
        .map(|(at, value)| OwnedRecord::new(at.to_string()).with(column, *value))
        .collect();
    store.ingest(crm, &records).unwrap();
    let field = store.schema().field_id(column).unwrap();
    assert_eq!(
        store.records().next().unwrap().raw(field),
        values.first().copied()
    );
    let texts = store
        .records()
        .map(|r| r.text(field).map(str::to_string))
        .collect();
    (texts, store.stats().fields[field.index()].invalid)
}

#[test]
fn placeholder_identifiers_phones_and_e_mails_are_missing() {
    let some = |text: &str| Some(text.to_string());
    let customers = [
        "000-00-0000",
        "999999999",
        "XXXXXXXX",
        "123456789",
        "0123456789",
        "863-86-7052",
        "1111",
        "123456788",
    ];
    let (texts, _) = prepared("customer", &customers);
    assert_eq!(
        texts,
        [
            None,
            None,
            None,
            None,
            None,
            some("863867052"),
            some("1111"),
            some("123456788"),
        ]
    );

    // Phone numbers alike, by their national number.
    let phones = ["555-555-5555", "(123) 456-7890", "(317) 891-4498"];
    let (texts, invalid) = prepared("phone", &phones);
    assert_eq!(texts, [None, None, some("3178914498")]);
    assert_eq!(invalid, 0);

    // E-mail addresses whose local part names no mailbox.
    let emails = [
        "noemail@gmail.com",
        "No.Reply@shop.example",
        "none@none.com",
        "unknown@x.org",
        "info@shop.example",
        "nonna@x.org",
    ];
    let (texts, _) = prepared("email", &emails);
    assert_eq!(
        texts,
        [
            None,
            None,
            None,
            None,
            some("info@shop.example"),
            some("nonna@x.org")
        ]
    );
}

#[test]
fn bad_values_are_counted_and_kept_as_missing() {
    let mut store = PreparedStore::new(schema());
    let crm = store.add_source("crm", false).unwrap();
    let records = [
        OwnedRecord::new("1")
            .with("dob", "2023-02-30")
            .with("email", "no at sign")
            .with("age", "NaN"),
        OwnedRecord::new("2")
            .with("dob", "13/13/13")
            .with("phone", "call me")
            .with("age", "inf"),
        OwnedRecord::new("3")
            .with("dob", "   ")
            .with("email", "")
            .with("given", "🙂"),
    ];
    let stats = store.ingest(crm, &records).unwrap();
    let id = |name: &str| store.schema().field_id(name).unwrap().index();
    assert_eq!(stats.fields[id("dob")].invalid, 2);
    assert_eq!(stats.fields[id("dob")].missing, 1);
    assert_eq!(stats.fields[id("email")].invalid, 1);
    assert_eq!(stats.fields[id("email")].missing, 2);
    assert_eq!(stats.fields[id("phone")].invalid, 1);
    assert_eq!(stats.fields[id("age")].invalid, 2);
    // An emoji-only name folds to nothing: missing, not invalid.
    assert_eq!(stats.fields[id("given")].missing, 3);
    let dob = store.schema().field_id("dob").unwrap();
    assert!(store.records().all(|r| r.date(dob).is_none()));
    // Impossible dates keep their digits for the typo levels (see
    // tests/impossible_dates.rs), read in the parser's month-first order.
    let texts: Vec<Option<&str>> = store.records().map(|r| r.text(dob)).collect();
    assert_eq!(texts, [Some("2023-02-30"), Some("2013-13-13"), None]);
    // The raw value stays available for explanations.
    assert_eq!(store.records().next().unwrap().raw(dob), Some("2023-02-30"));
}

#[test]
fn host_record_types_need_no_glue() {
    let mut store = PreparedStore::new(schema());
    let web = store.add_source("web", false).unwrap();
    let map: HashMap<String, String> = [
        ("id".to_string(), "h1".to_string()),
        ("given".to_string(), "Ann".to_string()),
    ]
    .into();
    let tree: BTreeMap<String, String> = [("given".to_string(), "Bob".to_string())].into();
    store.ingest(web, &[map]).unwrap();
    store.ingest(web, &[tree]).unwrap();
    store
        .ingest(web, &[[("id", "p1"), ("given", "Cy")]])
        .unwrap();
    let ids: Vec<&str> = store.records().map(|r| r.id()).collect();
    // The map without an id is numbered by its position in its source.
    assert_eq!(ids, ["h1", "1", "p1"]);
    assert_eq!(
        store.records().map(|r| r.source()).collect::<Vec<_>>(),
        [web, web, web]
    );
}

#[test]
fn huge_and_adversarial_values_do_not_break_ingestion() {
    let mut store = PreparedStore::new(schema());
    let crm = store.add_source("crm", false).unwrap();
    let huge = "Kelly ".repeat(200_000);
    let zero_width = "K\u{200B}elly\u{FEFF}";
    let record = OwnedRecord::new("x")
        .with("given", huge.as_str())
        .with("family", zero_width)
        .with("email", format!("{}@example.com", "a".repeat(100_000)))
        .with("dob", "99999999999999999999-01-01")
        .with("handles", "|||");
    let stats = store.ingest(crm, &[record]).unwrap();
    let r = store.records().next().unwrap();
    let field = |name: &str| store.schema().field_id(name).unwrap();
    // Cut to the longest value a field keeps (`Kelly Kelly ... Kell`).
    assert_eq!(
        r.text(field("given")).map(str::len),
        Some(sameas::MAX_FIELD_BYTES)
    );
    assert_eq!(stats.fields[field("given").index()].truncated, 1);
    assert_eq!(stats.fields[field("email").index()].truncated, 1);
    assert_eq!(r.text(field("family")), Some("kelly"));
    assert_eq!(r.text(field("dob")), None);
    assert_eq!(r.text(field("handles")), None);
}

#[test]
fn sources_are_validated() {
    let mut store = PreparedStore::new(schema());
    assert_eq!(
        store.add_source("", false),
        Err(StoreError::EmptySourceName)
    );
    let crm = store.add_source("crm", false).unwrap();
    assert_eq!(
        store.add_source("crm", false),
        Err(StoreError::DuplicateSource("crm".into()))
    );
    let other = PreparedStore::new(schema());
    let mut other = other;
    other.add_source("a", false).unwrap();
    let foreign = other.add_source("b", false).unwrap();
    assert_eq!(
        store.ingest::<OwnedRecord>(foreign, &[]),
        Err(StoreError::UnknownSource(1))
    );
    assert_eq!(store.ingest::<OwnedRecord>(crm, &[]).unwrap().records, 0);
}

#[test]
fn schemas_are_validated() {
    assert_eq!(Schema::builder().build(), Err(BuildError::EmptySchema));
    assert_eq!(
        Schema::builder().field(" ", FieldKind::Text).build(),
        Err(BuildError::EmptyFieldName)
    );
    assert_eq!(
        Schema::builder()
            .field("a", FieldKind::Text)
            .field("a", FieldKind::Date)
            .build(),
        Err(BuildError::DuplicateField("a".into()))
    );
    let mut many = Schema::builder();
    for i in 0..1025 {
        many.field(format!("f{i}"), FieldKind::Text);
    }
    assert_eq!(many.build(), Err(BuildError::TooManyFields(1025)));
    assert_eq!(
        "nonsense".parse::<FieldKind>(),
        Err(BuildError::UnknownFieldKind("nonsense".into()))
    );
    for kind in FieldKind::ALL {
        assert_eq!(kind.as_str().parse::<FieldKind>(), Ok(kind));
    }
}

#[test]
fn ingestion_is_the_same_for_any_thread_count() {
    let records: Vec<OwnedRecord> = (0..20_000)
        .map(|i| {
            OwnedRecord::new(format!("r{i}"))
                .with("given", ["Bill", "Zoë", "ANN"][i % 3])
                .with(
                    "dob",
                    format!("{}/{}/19{}", 1 + i % 12, 1 + i % 28, 40 + i % 60),
                )
                .with("email", format!("user{}@Example.com", i % 997))
        })
        .collect();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let mut store = PreparedStore::new(schema());
            let crm = store.add_source("crm", false).unwrap();
            // Two calls, so numbering continues across batches.
            store.ingest(crm, &records[..7_000]).unwrap();
            store.ingest(crm, &records[7_000..]).unwrap();
            let fields: Vec<_> = store.schema().ids().collect();
            let rows: Vec<Vec<Option<String>>> = store
                .records()
                .map(|r| {
                    fields
                        .iter()
                        .map(|&f| r.text(f).map(str::to_string))
                        .collect()
                })
                .collect();
            (rows, store.stats().clone())
        })
    };
    let one = run(1);
    assert_eq!(one.1.records, 20_000);
    assert_eq!(one, run(3));
}

#[test]
fn the_record_trait_reads_owned_records() {
    let record = OwnedRecord::new("1").with("given", "Kelly");
    assert_eq!(Record::field(&record, "given"), Some("Kelly"));
    assert_eq!(Record::field(&&record, "family"), None);
}
