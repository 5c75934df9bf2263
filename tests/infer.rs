//! Schema inference through the public API: header styles and languages,
//! value evidence over misleading headers, the synthetic data set,
//! FEBRL-like person tables, business listings, bad input, properties.

use proptest::prelude::*;
use sameas::infer::InferError;
use sameas::infer::{
    Basis, ColumnRole, DateParts, InferredSchema, MAX_SAMPLED_VALUE_BYTES, find_date_parts,
    infer_column, infer_schema,
};
use sameas::synthetic::{PeopleGenerator, SyntheticData};
use sameas::{BuildError, Error, FieldKind, Record};

use ColumnRole::{Ignored, RecordId};
use FieldKind::*;

fn field(kind: FieldKind) -> ColumnRole {
    ColumnRole::Field(kind)
}

const GIVEN: &[&str] = &[
    "Kelly", "Mary", "John", "Andrew", "Emily", "Joshua", "Sarah",
];
const GIVEN_INTL: &[&str] = &[
    "Jürgen", "Anna", "José", "Hélène", "Giuseppe", "Marie", "Hans",
];
const FAMILY: &[&str] = &[
    "Neal", "Erickson", "Collins", "Gonzales", "Sjöberg", "O'Brien", "Hall",
];
const EMAILS: &[&str] = &[
    "k.neal@example.com",
    "mary.collins@gmail.com",
    "jsmith@att.net",
    "andrew.gonzales@yahoo.com",
    "EMILY@HOTMAIL.COM",
];
const PHONES: &[&str] = &[
    "+1 215 279 1522",
    "(410) 466-6092",
    "503.777.6861",
    "02 9876 5432",
    "+44 20 7946 0958",
];
const DATES: &[&str] = &[
    "1985-03-04",
    "3/4/85",
    "12/7/1985",
    "04.03.1985",
    "1966-04-23",
];
const CITIES: &[&str] = &[
    "Philadelphia",
    "New York",
    "Columbus",
    "Baltimore",
    "Los Angeles",
];
const ADDRESSES: &[&str] = &[
    "6958 Spring Parkway, Apt 20",
    "7710 Birch Drive",
    "743 Laurel Terrace",
    "12 Rue de la Paix",
    "Hauptstraße 5",
];
const COMPANIES: &[&str] = &[
    "Acme Widgets Ltd",
    "Globex Corporation",
    "Initech LLC",
    "Müller GmbH",
    "Umbrella Inc.",
];

/// Every kind, every header style the brief names, several languages.
#[test]
fn header_and_values_give_the_expected_role() {
    let cases: &[(&str, &[&str], ColumnRole)] = &[
        // Given names in every style and language.
        ("First Name", GIVEN, field(GivenName)),
        ("first_name", GIVEN, field(GivenName)),
        ("firstName", GIVEN, field(GivenName)),
        ("FNAME", GIVEN, field(GivenName)),
        ("given_name", GIVEN, field(GivenName)),
        ("name_first", GIVEN, field(GivenName)),
        ("nombre", GIVEN_INTL, field(GivenName)),
        ("Vorname", GIVEN_INTL, field(GivenName)),
        ("prénom", GIVEN_INTL, field(GivenName)),
        // Family names.
        ("Last Name", FAMILY, field(FamilyName)),
        ("surname", FAMILY, field(FamilyName)),
        ("name_last", FAMILY, field(FamilyName)),
        ("apellido", FAMILY, field(FamilyName)),
        ("Nachname", FAMILY, field(FamilyName)),
        ("nom", FAMILY, field(FamilyName)),
        // Full names and organisations.
        (
            "full_name",
            &["Kelly Neal", "Mary Collins", "Dr. John Smith"],
            field(FullName),
        ),
        (
            "name",
            &["Kelly Neal", "Mary Collins", "John Smith", "Emily Hall"],
            field(FullName),
        ),
        (
            "name",
            &[
                "Art's Delicatessen",
                "Chinois on Main",
                "Spago",
                "Campanile",
            ],
            field(Organisation),
        ),
        ("company", COMPANIES, field(Organisation)),
        ("Firma", COMPANIES, field(Organisation)),
        (
            "assignee",
            &["IBM", "Siemens AG", "Sony Corporation"],
            field(Organisation),
        ),
        // Contact details.
        ("email", EMAILS, field(Email)),
        ("e-mail", EMAILS, field(Email)),
        ("E_Mail", EMAILS, field(Email)),
        ("courriel", EMAILS, field(Email)),
        ("phone", PHONES, field(Phone)),
        ("tel", PHONES, field(Phone)),
        ("phone_no", PHONES, field(Phone)),
        ("mobile", PHONES, field(Phone)),
        ("telefono", PHONES, field(Phone)),
        (
            "phone_number",
            &["02 12345678", "07 98765432", "03 11223344"],
            field(Phone),
        ),
        // Dates.
        ("dob", DATES, field(Date)),
        ("birth_date", DATES, field(Date)),
        ("Birthday", DATES, field(Date)),
        (
            "date_of_birth",
            &["19560409", "19891125", "20010730"],
            field(Date),
        ),
        ("Geburtsdatum", &["04.03.1985", "23.04.1966"], field(Date)),
        // Places.
        ("address", ADDRESSES, field(Address)),
        (
            "address_1",
            &["wilkins street", "kallarroo road", "miller place"],
            field(Address),
        ),
        (
            "strasse",
            &["Hauptstraße 5", "Bahnhofstr. 12"],
            field(Address),
        ),
        ("city", CITIES, field(City)),
        (
            "suburb",
            &["kellerberrin", "bondi", "st kilda"],
            field(City),
        ),
        ("ville", &["Paris", "Lyon", "Marseille"], field(City)),
        ("ciudad", &["Madrid", "Sevilla", "Bilbao"], field(City)),
        ("Stadt", &["Berlin", "München", "Köln"], field(City)),
        ("zip", &["19168", "02139", "90063"], field(Postcode)),
        ("plz", &["10115", "80331", "50667"], field(Postcode)),
        ("postcode", &["2615", "4152", "3101"], field(Postcode)),
        (
            "Postal Code",
            &["SW1A 1AA", "M5V 3L9", "EC1A 1BB"],
            field(Postcode),
        ),
        ("country", &["US", "DE", "JP", "FR"], field(Country)),
        ("pays", &["France", "Belgique", "Suisse"], field(Country)),
        (
            "state",
            &["nsw", "vic", "qld", "nsw", "wa"],
            field(Category),
        ),
        // Identifiers, categories, sets, text, numbers.
        (
            "soc_sec_id",
            &["5304218", "4066625", "2929111"],
            field(Identifier),
        ),
        (
            "customer_no",
            &["C-0001", "C-0002", "C-0003"],
            field(Identifier),
        ),
        ("gender", &["F", "M", "F", "M"], field(Category)),
        (
            "type",
            &["american", "italian", "french (new)", "american"],
            field(Category),
        ),
        ("street_number", &["12", "1074", "3", "58"], field(Category)),
        ("handles", &["@kneal | kelly.neal", "@mary"], field(Set)),
        ("handle", &["@kneal1985", "@mary_c"], field(Handle)),
        ("username", &["kneal1985", "mary.collins"], field(Handle)),
        ("twitter", &["@kneal1985", "@mary_c"], field(Handle)),
        ("instagram", &["kelly.neal", "mary_c"], field(Handle)),
        ("screen_name", &["KNeal", "MaryC"], field(Handle)),
        ("user", &["kneal", "maryc"], field(Handle)),
        (
            "description",
            &["A family-run bistro with a seasonal menu and a garden"],
            field(Text),
        ),
        ("age", &["34", "41", "67"], field(Numeric)),
        ("year_of_birth", &["1985", "1966"], field(Numeric)),
        // Record ids and ignored columns.
        (
            "rec_id",
            &["rec-1-org", "rec-1-dup-0", "rec-2-org"],
            RecordId,
        ),
        ("id", &["1", "2", "3"], RecordId),
        (
            "created_at",
            &["2024-01-02 10:11:12", "2024-02-03 09:08:07"],
            ColumnRole::Metadata(FieldKind::Timestamp),
        ),
        (
            "last_seen",
            &["2024-01-02", "2024-02-03T09:08:07Z"],
            ColumnRole::Metadata(FieldKind::Timestamp),
        ),
        ("modified", &["yesterday", "last week"], Ignored),
        (
            "last_login",
            &["2024-01-02 10:11:12", "2024-02-03 09:08:07"],
            Ignored,
        ),
        ("latitude", &["51.5072", "48.8566"], Ignored),
        ("long", &["-0.1276", "2.3522"], Ignored),
        (
            "location",
            &["51.5072, -0.1276", "48.8566, 2.3522"],
            Ignored,
        ),
        (
            "location",
            &["POINT(2.35 48.85)", "POINT(-0.12 51.50)"],
            Ignored,
        ),
        (
            "location",
            &["Noida, IN", "San Jose, CA, US"],
            ColumnRole::Field(FieldKind::City),
        ),
        (
            "inventor_location",
            &["Gurgaon", "Bengaluru"],
            ColumnRole::Field(FieldKind::City),
        ),
        ("patent_number", &["US1234567", "US7654321"], Ignored),
        ("notes", &["called twice", "VIP"], Ignored),
        ("date", &["2006-02-14", "2006-03-07"], Ignored),
        ("status", &["active", "inactive"], Ignored),
        ("amount", &["12.50", "99.00"], Ignored),
    ];
    for (header, values, expected) in cases {
        let inference = infer_column(header, values);
        assert_eq!(
            inference.role(),
            *expected,
            "{header}: {}",
            inference.reason()
        );
    }
}

/// Without a useful header, the values decide.
#[test]
fn values_alone_give_the_expected_role() {
    let numbers: Vec<String> = (1..=30).map(|i| i.to_string()).collect();
    let amounts: Vec<String> = (1..=30).map(|i| (i * 37 % 500).to_string()).collect();
    let genders: Vec<&str> = (0..40)
        .map(|i| if i % 3 == 0 { "M" } else { "F" })
        .collect();
    let cases: Vec<(&str, Vec<&str>, ColumnRole)> = vec![
        ("contact", EMAILS.to_vec(), field(Email)),
        ("col1", PHONES.to_vec(), field(Phone)),
        ("col2", DATES.to_vec(), field(Date)),
        ("col3", ADDRESSES.to_vec(), field(Address)),
        ("col4", COMPANIES.to_vec(), field(Organisation)),
        (
            "col5",
            vec!["SW1A 1AA", "M5V 3L9", "EC1A 1BB", "12345-6789"],
            field(Postcode),
        ),
        (
            "col6",
            vec!["19168", "02139", "90063", "43234"],
            field(Postcode),
        ),
        (
            "col7",
            vec!["Kelly Neal", "Mary Collins", "John Smith"],
            field(FullName),
        ),
        (
            "col8",
            vec!["Mary", "John", "Andrew", "Sarah"],
            field(GivenName),
        ),
        (
            "col9",
            vec!["Erickson", "Gonzales", "Sjöberg", "Okonkwo"],
            field(FamilyName),
        ),
        (
            "col10",
            vec!["Germany", "France", "United States"],
            field(Country),
        ),
        (
            "col11",
            vec!["AC-10293", "BX-99812", "QF-00123"],
            field(Identifier),
        ),
        ("col12", vec!["a | b", "c | d"], field(Set)),
        (
            "col13",
            vec!["https://example.com", "www.acme.org"],
            field(Identifier),
        ),
        (
            "col14",
            vec!["5304218", "4066625", "2929111"],
            field(Identifier),
        ),
        ("col15", genders.clone(), field(Category)),
        ("col16", vec!["yes", "no", "yes"], Ignored),
        (
            "col17",
            numbers.iter().map(String::as_str).collect(),
            Ignored,
        ),
        (
            "col18",
            amounts.iter().map(String::as_str).collect(),
            Ignored,
        ),
        ("col19", vec!["1985", "1990", "1971"], Ignored),
        (
            "col20",
            vec!["2024-01-02T10:11:12Z", "2024-02-03T09:08:07Z"],
            Ignored,
        ),
        (
            "col21",
            vec!["Called on Monday about the invoice and left a message for the manager"],
            field(Text),
        ),
        ("col22", vec!["@kneal", "@mary_c"], field(Handle)),
    ];
    for (header, values, expected) in cases {
        let inference = infer_column(header, &values);
        assert_eq!(
            inference.role(),
            expected,
            "{header}: {}",
            inference.reason()
        );
        assert_eq!(inference.basis(), Basis::Values, "{header}");
    }
}

#[test]
fn value_evidence_overrules_a_misleading_header() {
    let cases: &[(&str, &[&str], ColumnRole)] = &[
        ("phone", EMAILS, field(Email)),
        ("address", EMAILS, field(Email)),
        ("name", DATES, field(Date)),
        ("zip", PHONES, field(Phone)),
        ("email", &["Kelly", "Mary", "John"], field(GivenName)),
        ("notes", EMAILS, field(Email)),
        (
            "age",
            &["Kelly Neal", "Mary Collins", "John Smith"],
            field(FullName),
        ),
    ];
    for (header, values, expected) in cases {
        let inference = infer_column(header, values);
        assert_eq!(
            inference.role(),
            *expected,
            "{header}: {}",
            inference.reason()
        );
        assert_eq!(inference.basis(), Basis::ValuesOverHeader, "{header}");
    }
    assert_eq!(
        infer_column("phone", EMAILS).reason(),
        "header `phone` suggests phone, but 100% of values are e-mail addresses"
    );
}

#[test]
fn reasons_are_exact_sentences() {
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "e_mail",
            &["a@example.com", "b@example.com", "x"],
            "header `e_mail` means email, and 67% of values are e-mail addresses",
        ),
        (
            "contact",
            EMAILS,
            "no header hint; 100% of values are e-mail addresses",
        ),
        ("x", &["", "  "], "no non-empty values"),
        (
            "x",
            &["AU", " AU "],
            "all 2 sampled values are the same, so it cannot tell records apart",
        ),
        (
            "id",
            &["1", "2", "3"],
            "header `id` and all 3 sampled values are distinct",
        ),
        (
            "id",
            &["1", "1", "2"],
            "header `id` names an id, but only 2 of 3 values are distinct, so it cannot be the record id",
        ),
        (
            "lat",
            &["51.5", "48.8"],
            "header `lat` holds coordinates, which repeat the place's evidence and vary with geocoding",
        ),
        (
            "col",
            &["1", "2", "3"],
            "no header hint; values count up by one: row numbers say nothing about the entity",
        ),
    ];
    for (header, values, reason) in cases {
        assert_eq!(infer_column(header, values).reason(), *reason, "{header}");
    }
}

fn synthetic_columns(data: &SyntheticData, names: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut rows = Vec::new();
    let mut index = 0;
    while let Some(record) = data.record(index) {
        let mut row = vec![record.id().unwrap_or_default().to_string()];
        row.extend(
            names
                .iter()
                .map(|name| record.field(name).unwrap_or_default().to_string()),
        );
        rows.push(row);
        index += 1;
    }
    let mut headers = vec!["id".to_string()];
    headers.extend(names.iter().map(|n| n.to_string()));
    (headers, rows)
}

#[test]
fn the_synthetic_data_set_is_inferred_as_declared() {
    let data = PeopleGenerator::builder()
        .seed(7)
        .entities(2_000)
        .build()
        .expect("valid generator")
        .generate();
    let declared = SyntheticData::schema();
    let names: Vec<&str> = declared.fields().iter().map(|f| f.name()).collect();
    let (headers, rows) = synthetic_columns(&data, &names);
    let inferred = infer_schema(&headers, &rows, &[]).expect("valid table");
    assert_eq!(inferred.record_id_column(), Some("id"));
    let kinds: Vec<(&str, FieldKind)> = inferred
        .schema()
        .fields()
        .iter()
        .map(|f| (f.name(), f.kind()))
        .collect();
    let expected: Vec<(&str, FieldKind)> = declared
        .fields()
        .iter()
        .map(|f| (f.name(), f.kind()))
        .collect();
    assert_eq!(kinds, expected, "\n{inferred}");

    // Renamed to neutral headers, the values alone still find the typed
    // columns.
    let neutral: Vec<String> = (0..headers.len()).map(|i| format!("c{i}")).collect();
    let inferred = infer_schema(&neutral, &rows, &[]).expect("valid table");
    let roles: Vec<ColumnRole> = inferred.columns().iter().map(|c| c.role()).collect();
    assert_eq!(inferred.record_id_column(), Some("c0"));
    assert_eq!(
        roles,
        [
            RecordId,
            field(GivenName),
            field(FamilyName),
            field(Date),
            field(Email),
            field(Phone),
            field(Address),
            field(City),
            field(Postcode),
        ],
        "\n{inferred}"
    );
}

/// A small deterministic generator for test tables.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, values: &[&'a str]) -> &'a str {
        values[self.next() % values.len()]
    }
}

fn febrl_like(rows: usize) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let headers = vec![
        "rec_id",
        "given_name",
        "surname",
        "street_number",
        "address_1",
        "address_2",
        "suburb",
        "postcode",
        "state",
        "date_of_birth",
        "soc_sec_id",
        "phone_number",
        "age",
    ];
    let given = [
        "joshua", "emily", "lachlan", "chloe", "thomas", "jessica", "ben", "sarah",
    ];
    let family = [
        "white", "campbell", "ryan", "nguyen", "mcdonald", "lee", "brown", "clarke",
    ];
    let streets = [
        "wilkins street",
        "kallarroo road",
        "miller place",
        "gregory crescent",
    ];
    let buildings = ["", "", "", "kallarroo", "rosetta village", "the oaks"];
    let suburbs = [
        "kellerberrin",
        "bondi",
        "st kilda",
        "toowoomba",
        "mount isa",
        "dubbo",
    ];
    let states = ["nsw", "vic", "qld", "wa", "sa", "tas"];
    let mut rng = Lcg(42);
    let rows = (0..rows)
        .map(|i| {
            let year = 1930 + rng.next() % 70;
            vec![
                format!(
                    "rec-{}-{}",
                    i / 2,
                    if i % 2 == 0 {
                        "org".to_string()
                    } else {
                        format!("dup-{}", rng.next() % 3)
                    }
                ),
                rng.pick(&given).to_string(),
                rng.pick(&family).to_string(),
                (1 + rng.next() % 300).to_string(),
                rng.pick(&streets).to_string(),
                rng.pick(&buildings).to_string(),
                rng.pick(&suburbs).to_string(),
                format!("{}", 2000 + rng.next() % 7000),
                rng.pick(&states).to_string(),
                format!("{year}{:02}{:02}", 1 + rng.next() % 12, 1 + rng.next() % 28),
                format!("{}", 1_000_000 + rng.next() % 9_000_000),
                format!("0{} {:08}", 2 + rng.next() % 7, rng.next() % 100_000_000),
                format!("{}", 2024 - year),
            ]
        })
        .collect();
    (headers, rows)
}

#[test]
fn febrl_like_person_tables_are_inferred() {
    let (headers, rows) = febrl_like(500);
    let inferred = infer_schema(&headers, &rows, &[]).expect("valid table");
    let roles: Vec<(&str, ColumnRole)> = inferred
        .columns()
        .iter()
        .map(|c| (c.column(), c.role()))
        .collect();
    assert_eq!(
        roles,
        [
            ("rec_id", RecordId),
            ("given_name", field(GivenName)),
            ("surname", field(FamilyName)),
            ("street_number", field(Category)),
            ("address_1", field(Address)),
            ("address_2", field(Address)),
            ("suburb", field(City)),
            ("postcode", field(Postcode)),
            ("state", field(Category)),
            ("date_of_birth", field(Date)),
            ("soc_sec_id", field(Identifier)),
            ("phone_number", field(Phone)),
            ("age", Ignored),
        ],
        "\n{inferred}"
    );
    let age = inferred.column("age").expect("age column");
    assert!(age.reason().ends_with(
        "ignored because it repeats the date in `date_of_birth` and goes stale between sources"
    ));
    // Dates of birth and national ids are marked sensitive.
    let sensitive: Vec<&str> = inferred
        .schema()
        .fields()
        .iter()
        .filter(|f| f.is_sensitive())
        .map(|f| f.name())
        .collect();
    assert_eq!(sensitive, ["date_of_birth", "soc_sec_id"]);
}

#[test]
fn business_listings_are_inferred() {
    let headers = ["name", "addr", "city", "phone", "type", "class"];
    let names = [
        "Arnie Morton's of Chicago",
        "Art's Delicatessen",
        "Hotel Bel-Air",
        "Cafe Bizou",
        "Campanile",
        "Chinois on Main",
        "Citrus",
        "Fenix",
        "Granita",
        "Grill on the Alley",
        "Restaurant Katsu",
        "L'Orangerie",
        "Le Chardonnay",
        "Locanda Veneta",
        "Matsuhisa",
    ];
    let streets = [
        "435 S. La Cienega Blvd.",
        "12224 Ventura Blvd.",
        "701 Stone Canyon Rd.",
        "14016 Ventura Blvd.",
    ];
    let cities = [
        "los angeles",
        "studio city",
        "bel air",
        "sherman oaks",
        "santa monica",
    ];
    let types = [
        "american",
        "delis",
        "californian",
        "french bistro",
        "asian",
        "italian",
    ];
    let mut rng = Lcg(7);
    let rows: Vec<Vec<String>> = (0..300)
        .map(|i| {
            vec![
                rng.pick(&names).to_string(),
                rng.pick(&streets).to_string(),
                rng.pick(&cities).to_string(),
                format!(
                    "{}/{:03}-{:04}",
                    213 + rng.next() % 600,
                    rng.next() % 1000,
                    rng.next() % 10_000
                ),
                rng.pick(&types).to_string(),
                (i / 2).to_string(),
            ]
        })
        .collect();
    let inferred = infer_schema(&headers, &rows, &[]).expect("valid table");
    let roles: Vec<ColumnRole> = inferred.columns().iter().map(|c| c.role()).collect();
    assert_eq!(
        roles,
        [
            field(Organisation),
            field(Address),
            field(City),
            field(Phone),
            field(Category),
            Ignored,
        ],
        "\n{inferred}"
    );
    assert_eq!(inferred.record_id_column(), None);
}

#[test]
fn inventor_and_crm_exports_are_inferred() {
    let headers = [
        "patent_id",
        "name_first",
        "name_last",
        "city",
        "state",
        "country",
        "lat",
        "lon",
        "date",
        "sequence",
        "assignee",
    ];
    let rows = [
        [
            "US7000001",
            "John",
            "Smith",
            "Boston",
            "MA",
            "US",
            "42.36",
            "-71.06",
            "2006-02-14",
            "0",
            "IBM",
        ],
        [
            "US7000001",
            "Mary",
            "Jones",
            "Boston",
            "MA",
            "US",
            "42.36",
            "-71.06",
            "2006-02-14",
            "1",
            "IBM",
        ],
        [
            "US7000450",
            "Hans",
            "Müller",
            "München",
            "BY",
            "DE",
            "48.14",
            "11.58",
            "2006-03-07",
            "0",
            "Siemens AG",
        ],
    ];
    let inferred = infer_schema(&headers, rows, &[]).expect("valid table");
    let roles: Vec<ColumnRole> = inferred.columns().iter().map(|c| c.role()).collect();
    assert_eq!(
        roles,
        [
            Ignored,
            field(GivenName),
            field(FamilyName),
            field(City),
            field(Category),
            field(Country),
            Ignored,
            Ignored,
            Ignored,
            Ignored,
            field(Organisation),
        ],
        "\n{inferred}"
    );

    let headers = [
        "First Name",
        "Last Name",
        "E-Mail",
        "Mobile",
        "Birthday",
        "ZIP",
        "Company",
        "Opt-In",
        "Created",
    ];
    let rows = [
        [
            "Kelly",
            "Neal",
            "k.neal@example.com",
            "+1 555 010 2030",
            "3/4/85",
            "02139",
            "Acme Ltd",
            "yes",
            "2024-01-02 10:00:01",
        ],
        [
            "Bob",
            "Lee",
            "bob@example.org",
            "(555) 010-9999",
            "12/25/1970",
            "10001",
            "",
            "no",
            "2024-01-03 11:00:02",
        ],
    ];
    let inferred = infer_schema(&headers, rows, &[]).expect("valid table");
    let kinds: Vec<(&str, FieldKind)> = inferred
        .schema()
        .fields()
        .iter()
        .map(|f| (f.name(), f.kind()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("First Name", GivenName),
            ("Last Name", FamilyName),
            ("E-Mail", Email),
            ("Mobile", Phone),
            ("Birthday", Date),
            ("ZIP", Postcode),
            ("Company", Organisation),
            ("Created", Timestamp),
        ]
    );
    // When a record was created is kept, never compared.
    let created = inferred.schema().field_id("Created").unwrap();
    assert!(inferred.schema().field(created).is_metadata());
    assert_eq!(
        inferred.column("Created").map(|c| c.role()),
        Some(ColumnRole::Metadata(Timestamp))
    );
}

#[test]
fn declared_kinds_are_kept_and_can_ignore_columns() {
    let rows = [["ann@example.com", "Ann"], ["bob@example.org", "Bob"]];
    let inferred = infer_schema(
        &["mail", "who"],
        rows,
        &[("mail", Some(Text)), ("who", None)],
    )
    .expect("valid");
    let columns = inferred.columns();
    assert_eq!(
        (columns[0].role(), columns[0].basis()),
        (field(Text), Basis::Declared)
    );
    assert_eq!(columns[0].reason(), "declared as text");
    assert_eq!(
        (columns[1].role(), columns[1].reason()),
        (Ignored, "declared ignored")
    );
}

fn infer(headers: &[&str], rows: &[Vec<&str>]) -> sameas::Result<InferredSchema> {
    infer_schema(headers, rows, &[])
}

#[test]
fn public_types_are_send_sync_and_unwind_safe() {
    fn assert_traits<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    assert_traits::<sameas::infer::Inference>();
    assert_traits::<InferredSchema>();
    assert_traits::<ColumnRole>();
    assert_traits::<Basis>();
}

#[test]
fn the_record_id_comes_from_the_header_or_a_leading_column_of_distinct_codes() {
    let rows = [["C-001", "ann@example.com"], ["C-002", "bob@example.org"]];
    let inferred = infer_schema(&["ref", "email"], rows, &[]).expect("valid");
    assert_eq!(inferred.record_id_position(), Some(0));
    assert_eq!(
        inferred.columns()[0].reason(),
        "no header hint; 100% of values are codes mixing letters and digits, all 2 distinct, in the first column: the record id"
    );
    // Repeated codes, or codes in a later column, stay identifiers.
    let rows = [
        ["C-001", "ann@example.com"],
        ["C-001", "bob@example.org"],
        ["C-002", "cy@example.org"],
    ];
    let inferred = infer_schema(&["ref", "email"], rows, &[]).expect("valid");
    assert_eq!(inferred.record_id_column(), None);
    assert_eq!(inferred.columns()[0].role(), field(Identifier));
    let rows = [["ann@example.com", "C-001"], ["bob@example.org", "C-002"]];
    let inferred = infer_schema(&["email", "ref"], rows, &[]).expect("valid");
    assert_eq!(inferred.record_id_column(), None);
}

#[test]
fn bad_tables_give_exact_errors() {
    assert_eq!(
        infer(&["a", " "], &[]),
        Err(Error::Infer(InferError::EmptyColumnName { position: 2 }))
    );
    assert_eq!(
        infer(&["email", "x", "email"], &[]),
        Err(Error::Infer(InferError::DuplicateColumn {
            name: "email".into(),
            first: 1,
            second: 3
        }))
    );
    assert_eq!(
        InferError::DuplicateColumn {
            name: "email".into(),
            first: 1,
            second: 3
        }
        .to_string(),
        "column \"email\" appears twice in the header, at columns 1 and 3"
    );
    assert_eq!(
        infer(&["a", "b"], &[vec!["1", "2"], vec!["1", "2", "3"]]),
        Err(Error::Infer(InferError::RaggedRow {
            row: 2,
            expected: 2,
            found: 3
        }))
    );
    assert_eq!(
        InferError::RaggedRow {
            row: 2,
            expected: 2,
            found: 3
        }
        .to_string(),
        "row 2 has 3 values, but the header has 2 columns"
    );
    assert_eq!(
        infer_schema(&["a"], [["x@example.com"]], &[("b", Some(Email))]),
        Err(Error::Build(BuildError::UnknownField("b".into())))
    );
    assert_eq!(
        infer_schema(
            &["a"],
            [["x@example.com"]],
            &[("a", Some(Email)), ("a", None)]
        ),
        Err(Error::Build(BuildError::DuplicateField("a".into())))
    );
    // No rows: nothing to infer from.
    let no_rows = infer(&["email", "name"], &[]);
    assert_eq!(
        no_rows,
        Err(Error::Infer(InferError::NoMatchableColumn(
            "`email`: no non-empty values; `name`: no non-empty values".into()
        )))
    );
    assert_eq!(
        no_rows.unwrap_err().to_string(),
        "no column can be matched on: `email`: no non-empty values; `name`: no non-empty values"
    );
    // No rows, but a declared column: its schema stands.
    let declared = infer_schema(
        &["email", "x"],
        Vec::<Vec<&str>>::new(),
        &[("email", Some(Email))],
    )
    .expect("declared column");
    assert_eq!(declared.schema().len(), 1);
    assert_eq!(declared.columns()[1].basis(), Basis::NoValues);
    // Only a record id and a constant.
    assert_eq!(
        infer(&["id", "c"], &[vec!["1", "k"], vec!["2", "k"]]),
        Err(Error::Infer(InferError::NoMatchableColumn(
            "`id`: header `id` and all 2 sampled values are distinct; `c`: all 2 sampled values are the same, so it cannot tell records apart".into()
        )))
    );
}

#[test]
fn odd_values_give_exact_results() {
    let huge = "x".repeat(1 << 20);
    let long = infer_column("bio", &[huge.as_str(), huge.as_str(), "short"]);
    assert_eq!(long.role(), field(Text));
    assert_eq!(long.reason(), "header `bio` means text");
    let unnamed = infer_column("c", &[huge.as_str(), huge.as_str(), "a"]);
    assert_eq!(unnamed.role(), field(Text));
    assert_eq!(
        unnamed.reason(),
        format!(
            "no header hint; values average {} chars and 1 words: free text",
            (2 * MAX_SAMPLED_VALUE_BYTES + 1) / 3
        )
    );
    let emoji = infer_column("🎉", &["🎉", "😀", "🙈"]);
    assert_eq!(
        (emoji.role(), emoji.reason()),
        (
            field(Text),
            "no header hint; no pattern fits most values, so they are compared as free text"
        )
    );
    // The zero-width space splits the header into `e` `mail`, and spoils
    // one of the two addresses.
    let zero_width = infer_column("e\u{200B}mail", &["a\u{200B}@example.com", "b@example.com"]);
    assert_eq!(zero_width.role(), field(Email));
    assert_eq!(
        zero_width.reason(),
        "header `e\u{200B}mail` means email, and 50% of values are e-mail addresses"
    );
    let empty = infer_column("email", &["", " ", "\t"]);
    assert_eq!(
        (empty.role(), empty.basis(), empty.sampled_values()),
        (Ignored, Basis::NoValues, 0)
    );
    let mixed = infer_column("name", &["Иван Петров", "山田 太郎", "Kelly Neal"]);
    assert_eq!(mixed.role(), field(FullName));
    let cyrillic = infer_column("name", &["Иван Петров", "Ольга Смирнова"]);
    assert_eq!(cyrillic.role(), field(FullName));
    assert_eq!(
        cyrillic.reason(),
        "header `name` names a person or an organisation; the values are in scripts the given-name list does not cover, so they are taken as person names"
    );
}

proptest! {
    #[test]
    fn inference_never_panics_and_is_deterministic(
        header in "\\PC{0,20}",
        values in proptest::collection::vec("\\PC{0,30}", 0..20),
    ) {
        let first = infer_column(&header, &values);
        let second = infer_column(&header, &values);
        prop_assert_eq!(&first, &second);
        prop_assert!(!first.reason().is_empty());
    }

    #[test]
    fn schemas_keep_declared_kinds_and_are_deterministic(
        cells in proptest::collection::vec(proptest::collection::vec("[a-z0-9@. |/-]{0,12}", 3), 0..15),
        kind_index in 0usize..16,
        declare_ignored in any::<bool>(),
    ) {
        let headers = ["alpha", "email", "x"];
        let kind = FieldKind::ALL[kind_index];
        let declared_kind = if declare_ignored { None } else { Some(kind) };
        let declared = [("alpha", declared_kind)];
        let first = infer_schema(&headers, &cells, &declared);
        let second = infer_schema(&headers, &cells, &declared);
        prop_assert_eq!(&first, &second);
        match first {
            Ok(inferred) => {
                let alpha = inferred.column("alpha").expect("declared column");
                prop_assert_eq!(alpha.kind(), declared_kind);
                prop_assert_eq!(alpha.basis(), Basis::Declared);
                prop_assert_eq!(inferred.schema().field_id("alpha").is_ok(), !declare_ignored);
            }
            Err(error) => {
                prop_assert!(declare_ignored, "a declared kind always gives a schema: {}", error);
                let is_no_matchable = matches!(error, Error::Infer(InferError::NoMatchableColumn(_)));
                prop_assert!(is_no_matchable);
            }
        }
    }
}

proptest! {
    #[test]
    fn a_date_in_three_parts_composes_to_the_date(
        year in 1800i64..=2100,
        month in 1u32..=12,
        day in 1u32..=31,
        padded in any::<bool>(),
    ) {
        let written = |n: u32| if padded { format!("{n:02}") } else { n.to_string() };
        let composed = DateParts::compose(&year.to_string(), &written(month), &written(day));
        match sameas::Date::new(year, month, day) {
            Ok(date) => {
                prop_assert_eq!(composed, Some(date.to_string()));
                // And the three columns are found from their values.
                let headers = ["birth_year", "birth_month", "birth_day"];
                let row = [year.to_string(), written(month), written(day)];
                prop_assert_eq!(
                    find_date_parts(&headers, &[row]),
                    vec![DateParts::new("birth_year", "birth_month", "birth_day")]
                );
            }
            // No such day (`1800-06-31`): written as it is, for its
            // digits, and no date to the parser.
            Err(_) => {
                let expected = format!("{year:04}-{month:02}-{day:02}");
                prop_assert!(sameas::normalize::parse_date(&expected).is_err());
                prop_assert_eq!(composed, Some(expected));
            }
        }
    }

    #[test]
    fn composing_and_finding_never_panic(
        parts in proptest::collection::vec("\\PC{0,12}", 3),
        headers in proptest::collection::vec("\\PC{0,12}", 0..6),
        cells in proptest::collection::vec(proptest::collection::vec("[0-9a-z]{0,5}", 6), 0..6),
    ) {
        // A date, or one written as it is: four digits, two, two.
        if let Some(date) = DateParts::compose(&parts[0], &parts[1], &parts[2]) {
            let shape: String = date
                .chars()
                .map(|c| if c.is_ascii_digit() { '9' } else { c })
                .collect();
            prop_assert_eq!(shape, "9999-99-99");
        }
        let found = find_date_parts(&headers, &cells);
        for parts in &found {
            for column in parts.columns() {
                prop_assert!(headers.iter().any(|header| header == column));
            }
        }
        prop_assert_eq!(found, find_date_parts(&headers, &cells));
    }
}

/// Rows of `source` in `data`: the record id, then `columns` (the
/// generator's field names, `None` for a blank), then `extra(row,
/// record)` for the distractor columns.
fn shape_rows(
    source: &sameas::synthetic::shapes::ShapeSource,
    columns: &[&str],
    extra: impl Fn(usize, &dyn Fn(&str) -> String) -> Vec<String>,
) -> Vec<Vec<String>> {
    source
        .records()
        .iter()
        .enumerate()
        .map(|(index, record)| {
            let value = |name: &str| record.field(name).unwrap_or("").to_string();
            let mut row = vec![record.id().map(|id| id.to_string()).unwrap_or_default()];
            row.extend(columns.iter().map(|name| value(name)));
            row.extend(extra(index, &value));
            row
        })
        .collect()
}

/// Generated inventor mentions (seed 7), a row each: the id, the
/// generator's columns in its order, then what `extra` adds.
fn inventor_rows(
    entities: usize,
    extra: impl Fn(usize, &dyn Fn(&str) -> String) -> Vec<String>,
) -> Vec<Vec<String>> {
    let data = sameas::synthetic::shapes::InventorGenerator::builder()
        .seed(7)
        .entities(entities)
        .build()
        .expect("valid generator")
        .generate();
    let columns: Vec<String> = data
        .schema()
        .fields()
        .iter()
        .map(|field| field.name().to_string())
        .collect();
    let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
    shape_rows(data.source("mentions").expect("mentions"), &columns, extra)
}

/// What the record id and the inventor generator's columns infer to.
fn inventor_roles() -> Vec<ColumnRole> {
    vec![
        RecordId,
        field(GivenName),
        field(FamilyName),
        field(City),
        field(Category),
        field(Country),
        field(Organisation),
        field(Set),
        field(Set),
        field(Text),
    ]
}

/// The digits of a value's hash, for ids a group shares.
fn group_number(value: &str) -> u64 {
    value.bytes().fold(1469598103934665603u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(1099511628211)
    }) % 1_000_000
}

/// Issue 10: real exports name their columns otherwise than the
/// generators and carry columns that are no evidence of identity. An
/// inventor-mentions export (patent titles under `patent_title`, sets
/// of co-inventors and classes, patent numbers and dates) and a
/// census-like table (a household id that many people share, an age
/// next to the date of birth, a relationship to the head, wages, a
/// constant and an empty column) infer to the kinds declared for them.
#[test]
fn realistic_exports_with_distractors_infer_the_declared_kinds() {
    use sameas::synthetic::shapes::GovernmentGenerator;

    let rows = inventor_rows(600, |index, value| {
        // One patent per title: its number and date repeat for every
        // inventor on it.
        let patent = group_number(&value("title"));
        vec![
            format!("{}", 9_000_000 + patent),
            format!(
                "20{:02}-{:02}-{:02}",
                patent % 20,
                patent % 12 + 1,
                patent % 28 + 1
            ),
            (index % 4).to_string(),
        ]
    });
    let headers = [
        "mention_id",
        "inventor_name_first",
        "inventor_name_last",
        "inventor_city",
        "inventor_state",
        "inventor_country",
        "assignee_organization",
        "co_inventors",
        "cpc_codes",
        "patent_title",
        "patent_id",
        "patent_date",
        "inventor_sequence",
    ];
    let inferred = infer_schema(&headers, &rows, &[]).expect("valid table");
    let roles: Vec<ColumnRole> = inferred.columns().iter().map(|c| c.role()).collect();
    assert_eq!(
        roles,
        [inventor_roles(), vec![Ignored; 3]].concat(),
        "\n{inferred}"
    );
    assert_eq!(inferred.record_id_column(), Some("mention_id"));

    let data = GovernmentGenerator::builder()
        .seed(7)
        .entities(600)
        .build()
        .expect("valid generator")
        .generate();
    let census = data.source("census").expect("census");
    let generated = [
        "given", "middle", "family", "sex", "dob", "address", "city", "state", "zip",
    ];
    let relationships = ["Head", "Spouse", "Child", "Parent", "Roommate"];
    let races = ["White", "Black", "Asian", "Hispanic", "Multiracial"];
    let rows = shape_rows(census, &generated, |index, value| {
        let dob = value("dob");
        let year: u32 = dob
            .rsplit('/')
            .next()
            .and_then(|year| year.parse().ok())
            .unwrap_or(1970);
        let household = format!("H{:06}", group_number(&value("address")));
        vec![
            household.clone(),
            household,
            relationships[index % relationships.len()].to_string(),
            races[index * 7 % races.len()].to_string(),
            2020u32.saturating_sub(year).to_string(),
            format!("{}.{:02}", index * 37 % 90_000, index % 100),
            "2020".to_string(),
            String::new(),
            (index + 1).to_string(),
        ]
    });
    let headers = [
        "id",
        "first_name",
        "middle_initial",
        "last_name",
        "gender",
        "date_of_birth",
        "street_address",
        "city",
        "state",
        "zipcode",
        "household_id",
        // Named as nothing in particular: only the values show the group.
        "unit",
        "relationship_to_head",
        "race_ethnicity",
        "age",
        "wages",
        "survey_year",
        "notes",
        "line",
    ];
    let inferred = infer_schema(&headers, &rows, &[]).expect("valid table");
    let roles: Vec<ColumnRole> = inferred.columns().iter().map(|c| c.role()).collect();
    assert_eq!(
        roles,
        [
            RecordId,
            field(GivenName),
            field(GivenName),
            field(FamilyName),
            field(Category),
            field(Date),
            field(Address),
            field(City),
            field(Category),
            field(Postcode),
            Ignored,
            Ignored,
            Ignored,
            field(Category),
            Ignored,
            Ignored,
            Ignored,
            Ignored,
            Ignored,
        ],
        "\n{inferred}"
    );
    let unit = inferred.column("unit").expect("unit");
    assert!(unit.reason().contains("a group's id"), "{unit}");
}

/// Headers that say nothing (`c1`, `c2`, ...): the values alone decide.
/// An inventor-mentions table whose given names the list of known given
/// names mostly misses (`Yuusuke`, `Prakash`), with each patent's number
/// repeated for its inventors, and a social-security table whose numbers
/// are written `123-45-6789`. Before the columns were weighed against
/// each other, the given names were read as family names, the patent
/// number as an identifier and the social security numbers as phones:
/// the inventors resolved with pairwise F1 0.20 (their patents' teams
/// became the entities) against 0.89 under their own headers.
#[test]
fn header_less_exports_are_inferred_from_their_values() {
    use sameas::synthetic::shapes::GovernmentGenerator;

    let rows = inventor_rows(1500, |_, value| {
        vec![format!("{}", 9_000_000 + group_number(&value("title")))]
    });
    let headers: Vec<String> = (0..rows[0].len()).map(|c| format!("c{c}")).collect();
    let inferred = infer_schema(&headers, &rows, &[]).expect("valid table");
    let roles: Vec<ColumnRole> = inferred.columns().iter().map(|c| c.role()).collect();
    assert_eq!(
        roles,
        [inventor_roles(), vec![Ignored]].concat(),
        "\n{inferred}"
    );
    let patent = inferred.column("c10").expect("c10");
    assert!(patent.reason().contains("a group's id"), "{patent}");

    let data = GovernmentGenerator::builder()
        .seed(7)
        .entities(600)
        .build()
        .expect("valid generator")
        .generate();
    let ssa = data.source("ssa").expect("ssa");
    let generated = ["ssn", "given", "middle", "family", "sex", "dob"];
    let rows = shape_rows(ssa, &generated, |_, _| Vec::new());
    let headers: Vec<String> = (0..rows[0].len()).map(|c| format!("c{c}")).collect();
    let inferred = infer_schema(&headers, &rows, &[]).expect("valid table");
    let ssn = inferred.column("c1").expect("c1");
    assert_eq!(ssn.role(), field(Identifier), "\n{inferred}");
    assert_eq!(
        ssn.reason(),
        "no header hint; 100% of values are written like social security numbers"
    );
}
