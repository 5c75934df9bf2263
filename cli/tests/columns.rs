//! Columns named for where they apply (`mailing_address_city` on tax
//! forms, `city` in a census), and one field named differently by
//! different sources (`first_name`, `given_name`), read as one field by
//! `sameas resolve`.

mod common;

use sameas::Record;
use sameas::synthetic::shapes::{GovernmentGenerator, GovernmentLayout};

use common::{Scratch, sameas, text};

/// The tax forms' address columns, as the wide layout names them.
const ADDRESS: [&str; 6] = [
    "street_number",
    "street_name",
    "unit_number",
    "city",
    "state",
    "zipcode",
];

/// Writes the wide layout's census and tax forms into `plain/` as
/// generated, into `mailing/` with the tax forms' address columns named
/// `mailing_address_...`, and into `both/` with the tax forms holding a
/// `mailing_address_city` beside their `city`.
fn write_sources(dir: &Scratch) {
    let data = GovernmentGenerator::builder()
        .seed(3)
        .entities(300)
        .layout(GovernmentLayout::Wide)
        .build()
        .expect("generator")
        .generate();
    for name in ["census", "tax"] {
        let source = data.source(name).expect("source");
        let columns: Vec<&str> = std::iter::once("id")
            .chain(source.columns().iter().copied())
            .collect();
        let renamed = |prefix: &str| -> Vec<String> {
            columns
                .iter()
                .map(|column| {
                    if name == "tax" && ADDRESS.contains(column) {
                        format!("{prefix}{column}")
                    } else {
                        (*column).to_string()
                    }
                })
                .collect()
        };
        let rows: Vec<Vec<String>> = source
            .records()
            .iter()
            .map(|record| {
                std::iter::once(record.id().expect("id").into_owned())
                    .chain(
                        columns[1..]
                            .iter()
                            .map(|column| record.field(column).unwrap_or("").to_string()),
                    )
                    .collect()
            })
            .collect();
        let write = |sub: &str, header: Vec<String>, extra: bool| {
            let mut writer =
                csv::Writer::from_path(dir.path(&format!("{sub}/{name}.csv"))).expect("csv");
            let mut header = header;
            if extra {
                header.push("mailing_address_city".into());
            }
            writer.write_record(&header).expect("header");
            for row in &rows {
                let mut row = row.clone();
                if extra {
                    row.push("Springfield".into());
                }
                writer.write_record(&row).expect("row");
            }
            writer.flush().expect("flush");
        };
        // The tax forms' names as another system writes them.
        let synonyms: Vec<String> = renamed("")
            .into_iter()
            .map(|column| match (name, column.as_str()) {
                ("tax", "first_name") => "given_name".to_string(),
                ("tax", "last_name") => "surname".to_string(),
                ("tax", "date_of_birth") => "dob".to_string(),
                _ => column,
            })
            .collect();
        // A census with two names of one group: left as they are.
        let two: Vec<String> = renamed("")
            .into_iter()
            .map(|column| match (name, column.as_str()) {
                ("census", "middle_initial") => "given_name".to_string(),
                _ => column,
            })
            .collect();
        write("synonyms", synonyms, false);
        // The tax forms with whole names: `first_name last_name`.
        if name == "tax" {
            let at = |column: &str| columns.iter().position(|c| *c == column).expect("column");
            let (first, last) = (at("first_name"), at("last_name"));
            let mut writer = csv::Writer::from_path(dir.path("whole/tax.csv")).expect("csv");
            let header: Vec<&str> = columns
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != last)
                .map(|(i, column)| if i == first { "full_name" } else { *column })
                .collect();
            writer.write_record(&header).expect("header");
            for row in &rows {
                let whole = format!("{} {}", row[first], row[last]);
                let values: Vec<&str> = row
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| i != last)
                    .map(|(i, value)| {
                        if i == first {
                            whole.trim()
                        } else {
                            value.as_str()
                        }
                    })
                    .collect();
                writer.write_record(&values).expect("row");
            }
            writer.flush().expect("flush");
        } else {
            write("whole", renamed(""), false);
        }
        write("two", two, false);
        write("plain", renamed(""), false);
        write("mailing", renamed("mailing_address_"), false);
        write("both", renamed(""), name == "tax");
    }
}

fn resolve(dir: &Scratch, sub: &str) -> (String, Vec<u8>) {
    resolve_declared(dir, sub, &[])
}

/// [`resolve`] with `--field` declarations.
fn resolve_declared(dir: &Scratch, sub: &str, declared: &[&str]) -> (String, Vec<u8>) {
    let out = dir.path(&format!("{sub}.out"));
    let (census, tax) = (
        dir.path(&format!("{sub}/census.csv")),
        dir.path(&format!("{sub}/tax.csv")),
    );
    let mut args = vec!["resolve", &census, &tax, "--output", &out];
    for declaration in declared {
        args.extend(["--field", declaration]);
    }
    let run = sameas(&args);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    (text(&run.stderr), std::fs::read(&out).expect("output file"))
}

#[test]
fn columns_declared_alike_are_still_one_field() {
    let dir = Scratch::new(
        "columns-declared",
        &["plain", "mailing", "both", "synonyms", "two", "whole"],
    );
    write_sources(&dir);
    let zipcode = "column `mailing_address_zipcode` of tax read as `zipcode`";
    // The plain column declared: its kind holds for the qualified one.
    let declared = ["zipcode=postcode", "city=city"];
    let (_, plain) = resolve_declared(&dir, "plain", &declared);
    let (said, mailing) = resolve_declared(&dir, "mailing", &declared);
    assert!(said.contains(zipcode), "{said}");
    assert_eq!(mailing, plain);
    // Both declared alike: the same.
    let both = ["zipcode=postcode", "mailing_address_zipcode=Postcode"];
    let (said, mailing) = resolve_declared(&dir, "mailing", &both);
    assert!(said.contains(zipcode), "{said}");
    let (_, plain) = resolve_declared(&dir, "plain", &both[..1]);
    assert_eq!(mailing, plain);
    // Declared otherwise, or the qualified one alone: two fields.
    for declared in [
        &["zipcode=postcode", "mailing_address_zipcode=text"][..],
        &["mailing_address_zipcode=postcode"][..],
    ] {
        let (said, _) = resolve_declared(&dir, "mailing", declared);
        assert!(!said.contains(zipcode), "{said}");
        assert!(said.contains("  mailing_address_zipcode"), "{said}");
    }
    // Another spelling of the same kind is alike; an ignored column
    // stays alone (the other is no more ignored than before).
    let (said, _) = resolve_declared(
        &dir,
        "mailing",
        &["zipcode=postcode", "mailing_address_zipcode=zip"],
    );
    assert!(said.contains(zipcode), "{said}");
    let (said, _) = resolve_declared(&dir, "mailing", &["zipcode=ignore"]);
    assert!(!said.contains(zipcode), "{said}");
    assert!(said.contains("  mailing_address_zipcode"), "{said}");
    let (said, _) = resolve_declared(&dir, "synonyms", &["given_name=ignore"]);
    assert!(!said.contains("read as `given_name`"), "{said}");
    assert!(said.contains("  first_name       given_name"), "{said}");
    // A declared kind that does not parse is still reported.
    let census = dir.path("mailing/census.csv");
    let tax = dir.path("mailing/tax.csv");
    let run = sameas(&[
        "resolve",
        &census,
        &tax,
        "--field",
        "zipcode=ignore",
        "--field",
        "mailing_address_zipcode=Ignore",
    ]);
    assert_eq!(run.status.code(), Some(2), "{}", text(&run.stderr));
    // A synonym declared: the others take its name.
    let (said, synonyms) = resolve_declared(&dir, "synonyms", &["given_name=given_name"]);
    assert!(
        said.contains("column `first_name` of census read as `given_name`"),
        "{said}"
    );
    let (_, plain) = resolve(&dir, "synonyms");
    assert_eq!(synonyms, plain);
}

#[test]
fn mailing_address_columns_are_the_census_address() {
    let dir = Scratch::new(
        "columns-mailing",
        &["plain", "mailing", "both", "synonyms", "two", "whole"],
    );
    write_sources(&dir);
    let (plain_said, plain) = resolve(&dir, "plain");
    assert!(!plain_said.contains("read as"), "{plain_said}");
    // The census lists each person once: its pairs were scored with a
    // prior of their own, which the summary names.
    assert!(
        plain_said.contains("\npriors           census ~ census "),
        "{plain_said}"
    );
    let (said, mailing) = resolve(&dir, "mailing");
    for column in ADDRESS {
        assert!(
            said.contains(&format!(
                "column `mailing_address_{column}` of tax read as `{column}` \
                 (the same field, named for where it applies)"
            )),
            "{said}"
        );
    }
    assert_eq!(
        mailing, plain,
        "renamed columns must resolve as the plain ones"
    );
}

#[test]
fn a_file_with_both_columns_keeps_them_apart() {
    let dir = Scratch::new(
        "columns-both",
        &["plain", "mailing", "both", "synonyms", "two", "whole"],
    );
    write_sources(&dir);
    let (said, _) = resolve(&dir, "both");
    assert!(!said.contains("read as"), "{said}");
    assert!(said.contains("mailing_address_city"), "{said}");
}

#[test]
fn one_field_named_differently_by_two_sources_is_one_field() {
    let dir = Scratch::new(
        "columns-synonyms",
        &["plain", "mailing", "both", "synonyms", "two", "whole"],
    );
    write_sources(&dir);
    let (_, plain) = resolve(&dir, "plain");
    let (said, synonyms) = resolve(&dir, "synonyms");
    for (column, first) in [
        ("given_name", "first_name"),
        ("surname", "last_name"),
        ("dob", "date_of_birth"),
    ] {
        assert!(
            said.contains(&format!(
                "column `{column}` of tax read as `{first}` (another name for the same field)"
            )),
            "{said}"
        );
    }
    assert_eq!(
        synonyms, plain,
        "renamed columns must resolve as the plain ones"
    );
    // A source with two names of one group (`first_name` and
    // `given_name`) leaves that group alone.
    let (said, _) = resolve(&dir, "two");
    assert!(!said.contains("read as `first_name`"), "{said}");
}

/// How many tax records share an entity with a census record.
fn linked_tax_records(output: &[u8]) -> usize {
    let mut reader = csv::Reader::from_reader(output);
    let rows: Vec<(String, String)> = reader
        .records()
        .map(|row| {
            let row = row.expect("row");
            (row[0].to_string(), row[2].to_string())
        })
        .collect();
    let census: std::collections::HashSet<&String> = rows
        .iter()
        .filter(|(source, _)| source == "census")
        .map(|(_, entity)| entity)
        .collect();
    rows.iter()
        .filter(|(source, entity)| source == "tax" && census.contains(entity))
        .count()
}

#[test]
fn whole_names_are_compared_with_split_ones() {
    let dir = Scratch::new(
        "columns-whole",
        &["plain", "mailing", "both", "synonyms", "two", "whole"],
    );
    write_sources(&dir);
    let (_, plain) = resolve(&dir, "plain");
    let (said, whole) = resolve(&dir, "whole");
    assert!(
        said.contains(
            "names in `full_name` of tax also read as `first_name` and `last_name` \
             (split from the whole name)"
        ),
        "{said}"
    );
    let (split, joined) = (linked_tax_records(&plain), linked_tax_records(&whole));
    assert!(
        joined as f64 >= 0.97 * split as f64,
        "tax records linked to the census: {joined} with whole names, {split} with split ones"
    );
}
