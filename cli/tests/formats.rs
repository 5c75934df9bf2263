//! The same persons written as exports write them, through the
//! command: dates day first (`14/08/1945`) without `--day-first`, found in
//! the sampled values, said and read so (month first stays month first,
//! and files written both ways are warned about); whole names (`Hans
//! Schmitt`, `Schmitt, Hans`) in a file without given and family names,
//! read as both; values separated by `;` or tabs; missing values written
//! `NA` or `NULL`; whole numbers written as floats (`1945.0`); sets
//! whose items are separated by `, `. Each resolves as the tidy file
//! does.

use std::collections::{BTreeMap, BTreeSet};
mod common;

use sameas::Record;
use sameas::synthetic::shapes::BirthDateGenerator;

use common::{Scratch, sameas, text};

/// A generated person: id, given name, family name, date `yyyy-mm-dd`
/// (or blank).
type Person = [String; 4];

fn persons() -> Vec<Person> {
    let data = BirthDateGenerator::builder()
        .seed(12)
        .entities(400)
        .build()
        .expect("generator")
        .generate();
    let persons = data.source("persons").expect("persons");
    persons
        .records()
        .iter()
        .map(|record| {
            let field = |name| record.field(name).unwrap_or("").to_string();
            [
                record.id().expect("id").to_string(),
                field("given"),
                field("family"),
                field("dob"),
            ]
        })
        .collect()
}

/// Writes `dir/name/persons.csv`: `header`, then one row per person.
fn write(dir: &Scratch, name: &str, header: &str, persons: &[Person], row: fn(&Person) -> String) {
    let mut contents = format!("{header}\n");
    for person in persons {
        contents.push_str(&row(person));
        contents.push('\n');
    }
    std::fs::write(dir.path(&format!("{name}/persons.csv")), contents).expect("write");
}

/// The date of `person` as `day/month/year` (`true`) or
/// `month/day/year`.
fn numeric_date(person: &Person, day_first: bool) -> String {
    match person[3].split('-').collect::<Vec<_>>()[..] {
        [year, month, day] if day_first => format!("{day}/{month}/{year}"),
        [year, month, day] => format!("{month}/{day}/{year}"),
        _ => String::new(),
    }
}

/// Writes `persons.csv` into `iso/`, `dmy/` and `mdy/`, the date written
/// `yyyy-mm-dd`, `dd/mm/yyyy` and `mm/dd/yyyy`.
fn write_dates(dir: &Scratch) {
    let persons = persons();
    let header = "id,given,family,dob";
    write(dir, "iso", header, &persons, |[id, given, family, dob]| {
        format!("{id},{given},{family},{dob}")
    });
    write(dir, "dmy", header, &persons, |person| {
        let [id, given, family, _] = person;
        format!("{id},{given},{family},{}", numeric_date(person, true))
    });
    write(dir, "mdy", header, &persons, |person| {
        let [id, given, family, _] = person;
        format!("{id},{given},{family},{}", numeric_date(person, false))
    });
}

/// Runs `resolve` on `inputs` with `extra` options: the entity per
/// record id, and stderr.
fn resolve(
    dir: &Scratch,
    out: &str,
    inputs: &[&str],
    extra: &[&str],
) -> (BTreeMap<String, String>, String) {
    let output = dir.path(out);
    let mut args = vec!["resolve".to_string()];
    args.extend(inputs.iter().map(|input| dir.path(input)));
    args.extend(["--output".to_string(), output.clone()]);
    args.extend(extra.iter().map(|option| option.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = sameas(&args);
    let stderr = text(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    let mut reader = csv::Reader::from_path(&output).expect("output");
    let entities = reader
        .records()
        .map(|row| {
            let row = row.expect("row");
            (format!("{}:{}", &row[0], &row[1]), row[2].to_string())
        })
        .collect();
    (entities, stderr)
}

#[test]
fn dates_written_day_first_are_found_and_read_so() {
    let dir = Scratch::new("day-first", &["iso", "dmy", "mdy"]);
    write_dates(&dir);
    let (iso, stderr) = resolve(&dir, "iso.out", &["iso/persons.csv"], &[]);
    assert!(!stderr.contains("dates read"), "{stderr}");
    assert!(
        iso.values()
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            < iso.len()
    );

    let (dmy, stderr) = resolve(&dir, "dmy.out", &["dmy/persons.csv"], &[]);
    assert!(
        stderr.contains(
            "dates read day first: `dob` of persons writes them so (--day-first says it)"
        ),
        "{stderr}"
    );
    assert_eq!(dmy, iso);
    let (declared, _) = resolve(
        &dir,
        "dmy-declared.out",
        &["dmy/persons.csv"],
        &["--day-first"],
    );
    assert_eq!(declared, iso);

    let (mdy, stderr) = resolve(&dir, "mdy.out", &["mdy/persons.csv"], &[]);
    assert!(!stderr.contains("dates read"), "{stderr}");
    assert_eq!(mdy, iso);
}

#[test]
fn files_writing_dates_both_ways_are_warned_about() {
    let dir = Scratch::new("day-first-mixed", &["iso", "dmy", "mdy", "both"]);
    write_dates(&dir);
    std::fs::copy(dir.path("dmy/persons.csv"), dir.path("both/europe.csv")).expect("copy");
    std::fs::copy(dir.path("mdy/persons.csv"), dir.path("both/america.csv")).expect("copy");
    let (_, stderr) = resolve(
        &dir,
        "both.out",
        &["both/europe.csv", "both/america.csv"],
        &[],
    );
    assert!(
        stderr.contains(
            "warning: dates: `dob` of europe written day first, `dob` of america month first; \
             all read month first (--day-first reads all day first)"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("dates read day first"), "{stderr}");
}

#[test]
fn whole_names_alone_are_read_as_given_and_family_names() {
    let dir = Scratch::new("whole-names", &["split", "whole", "family-first"]);
    let persons = persons();
    write(
        &dir,
        "split",
        "id,given,family,dob",
        &persons,
        |[id, given, family, dob]| format!("{id},{given},{family},{dob}"),
    );
    write(
        &dir,
        "whole",
        "id,name,dob",
        &persons,
        |[id, given, family, dob]| format!("{id},{given} {family},{dob}"),
    );
    write(
        &dir,
        "family-first",
        "id,name,dob",
        &persons,
        |[id, given, family, dob]| format!("{id},\"{family}, {given}\",{dob}"),
    );
    let (split, _) = resolve(&dir, "split.out", &["split/persons.csv"], &[]);
    for input in ["whole/persons.csv", "family-first/persons.csv"] {
        let (whole, stderr) = resolve(&dir, "whole.out", &[input], &[]);
        assert!(
            stderr.contains(
                "names in `name` of persons also read as `name_given` and `name_middle` and `name_family` (split from the whole name)"
            ),
            "{stderr}"
        );
        assert_eq!(whole, split, "{input}");
    }
}

#[test]
fn files_separated_by_semicolons_or_tabs_are_read_so() {
    let dir = Scratch::new("delimiters", &["comma", "semicolon", "tab"]);
    let persons = persons();
    write(&dir, "comma", "id,given,family,dob", &persons, |person| {
        person.join(",")
    });
    write(
        &dir,
        "semicolon",
        "id;given;family;dob",
        &persons,
        |person| person.join(";"),
    );
    write(&dir, "tab", "id\tgiven\tfamily\tdob", &persons, |person| {
        person.join("\t")
    });
    let (comma, stderr) = resolve(&dir, "comma.out", &["comma/persons.csv"], &[]);
    assert!(!stderr.contains("separated"), "{stderr}");
    for (input, said) in [
        ("semicolon/persons.csv", "persons: values separated by `;`"),
        ("tab/persons.csv", "persons: values separated by a tab"),
    ] {
        let (entities, stderr) = resolve(&dir, "other.out", &[input], &[]);
        assert!(stderr.contains(said), "{stderr}");
        assert_eq!(entities, comma, "{input}");
    }
}

#[test]
fn missing_values_written_na_or_null_are_read_as_blank() {
    let dir = Scratch::new("missing-markers", &["blank", "na", "null"]);
    // Every seventh person's given name and every fifth date unknown.
    let persons: Vec<Person> = persons()
        .into_iter()
        .enumerate()
        .map(|(at, [id, given, family, dob])| {
            let given = if at % 7 == 3 { String::new() } else { given };
            let dob = if at % 5 == 1 { String::new() } else { dob };
            [id, given, family, dob]
        })
        .collect();
    let header = "id,given,family,dob";
    write(&dir, "blank", header, &persons, |person| person.join(","));
    write(&dir, "na", header, &persons, |person| {
        let shown: Vec<&str> = person
            .iter()
            .map(|value| if value.is_empty() { "NA" } else { value })
            .collect();
        shown.join(",")
    });
    write(&dir, "null", header, &persons, |person| {
        let shown: Vec<&str> = person
            .iter()
            .map(|value| if value.is_empty() { " NULL " } else { value })
            .collect();
        shown.join(",")
    });
    let (blank, stderr) = resolve(&dir, "blank.out", &["blank/persons.csv"], &[]);
    assert!(!stderr.contains("read as missing"), "{stderr}");
    for (input, said) in [
        (
            "na/persons.csv",
            "persons: `NA` read as missing in given, dob",
        ),
        (
            "null/persons.csv",
            "persons: `NULL` read as missing in given, dob",
        ),
    ] {
        let (entities, stderr) = resolve(&dir, "marked.out", &[input], &[]);
        assert!(stderr.contains(said), "{stderr}");
        assert_eq!(entities, blank, "{input}");
    }
}

#[test]
fn a_missing_value_marker_one_column_uses_is_read_so_in_every_column() {
    // An R export: a second given name, `NA` for nine persons in ten
    // (the column's habit), and the given name `NA` for one person in
    // fifty (too rare to be a habit of its own: 2 %).
    let dir = Scratch::new("file-marker", &["blank", "na"]);
    let persons: Vec<Person> = persons()
        .into_iter()
        .enumerate()
        .map(|(at, [id, given, family, dob])| {
            let given = if at % 50 == 7 { String::new() } else { given };
            [id, given, family, dob]
        })
        .collect();
    let header = "id,given,second,family,dob";
    write(
        &dir,
        "blank",
        header,
        &persons,
        |[id, given, family, dob]| format!("{id},{given},,{family},{dob}"),
    );
    write(&dir, "na", header, &persons, |[id, given, family, dob]| {
        let given = if given.is_empty() { "NA" } else { given };
        // Ids end in digits: one person in ten has a second given name.
        let second = if id.ends_with('0') { "MARIA" } else { "NA" };
        format!("{id},{given},{second},{family},{dob}")
    });
    let (blank, _) = resolve(&dir, "blank.out", &["blank/persons.csv"], &[]);
    let (marked, stderr) = resolve(&dir, "na.out", &["na/persons.csv"], &[]);
    assert!(
        stderr.contains("persons: `NA` read as missing in given, second"),
        "{stderr}"
    );
    // The records without a given name are resolved as with it blank.
    let without: Vec<&String> = persons
        .iter()
        .filter(|[_, given, ..]| given.is_empty())
        .map(|[id, ..]| id)
        .collect();
    assert!(without.len() >= 8, "{}", without.len());
    for id in without {
        let key = format!("persons:{id}");
        let members = |entities: &BTreeMap<String, String>| -> Vec<String> {
            entities
                .iter()
                .filter(|&(_, entity)| entity == &entities[&key])
                .map(|(record, _)| record.clone())
                .collect()
        };
        assert_eq!(members(&marked), members(&blank), "{id}");
    }
}

#[test]
fn whole_numbers_written_as_floats_are_read_as_whole_numbers() {
    let dir = Scratch::new("floats", &["whole", "floats"]);
    // Rows numbered from 1, the date in three columns and a postcode
    // (one per family name): whole numbers, and the same written as
    // pandas writes an integer column with a gap (`1945.0`).
    let persons: Vec<Person> = persons()
        .into_iter()
        .enumerate()
        .map(|(row, [_, given, family, dob])| {
            let postcode = 10_000 + family.bytes().map(u32::from).sum::<u32>() * 37 % 90_000;
            let parts = dob.replace('-', ",");
            let parts = if parts.is_empty() {
                ",,".to_string()
            } else {
                parts
            };
            [
                (row + 1).to_string(),
                given,
                family,
                format!("{parts},{postcode}"),
            ]
        })
        .collect();
    let header = "id,given,family,by,bm,bd,zip";
    write(&dir, "whole", header, &persons, |person| person.join(","));
    write(
        &dir,
        "floats",
        header,
        &persons,
        |[id, given, family, numbers]| {
            let floats: Vec<String> = std::iter::once(id.as_str())
                .chain(numbers.split(','))
                .map(|number| {
                    let number = number.trim_start_matches('0');
                    if number.is_empty() {
                        String::new()
                    } else {
                        format!("{number}.0")
                    }
                })
                .collect();
            format!("{},{given},{family},{}", floats[0], floats[1..].join(","))
        },
    );
    let (whole, stderr) = resolve(&dir, "whole.out", &["whole/persons.csv"], &[]);
    assert!(!stderr.contains("floats"), "{stderr}");
    assert!(stderr.contains("  zip              postcode"), "{stderr}");
    assert!(stderr.contains("  by+bm+bd         date"), "{stderr}");
    assert!(whole.values().collect::<BTreeSet<_>>().len() < whole.len());
    let (floats, stderr) = resolve(&dir, "floats.out", &["floats/persons.csv"], &[]);
    assert!(
        stderr.contains(
            "persons: whole numbers written as floats (`1945.0`) read without the fraction \
             in by, bm, bd, zip"
        ),
        "{stderr}"
    );
    // The record ids are written back as read (entity ids follow them);
    // the entities are those the whole numbers give.
    assert!(floats.contains_key("persons:1.0"));
    let floats: BTreeMap<String, String> = floats
        .into_iter()
        .map(|(record, entity)| (record.replace(".0", ""), entity))
        .collect();
    assert!(partition(&floats) == partition(&whole));
}

#[test]
fn apply_reads_whole_numbers_written_as_floats_in_a_change_of_one_row() {
    let dir = Scratch::new("floats-apply", &["whole"]);
    let persons: Vec<Person> = persons()
        .into_iter()
        .map(|[id, given, family, dob]| {
            let postcode = 10_000 + family.bytes().map(u32::from).sum::<u32>() * 37 % 90_000;
            [id, given, family, format!("{dob},{postcode}")]
        })
        .collect();
    // A source whose name reads as a float too: it stays as written.
    let header = "id,given,family,dob,zip";
    write(&dir, "whole", header, &persons, |person| person.join(","));
    let input = dir.path("whole/2020.0.csv");
    std::fs::rename(dir.path("whole/persons.csv"), &input).expect("rename");
    let (state, key) = (dir.path("state"), dir.path("key"));
    std::fs::write(&key, "a test key of sixteen bytes or more").expect("key");
    let out = dir.path("out.csv");
    let resolved = sameas(&[
        "resolve",
        &input,
        "--state",
        &state,
        "--key-file",
        &key,
        "--output",
        &out,
        "-q",
    ]);
    assert_eq!(
        resolved.status.code(),
        Some(0),
        "{}",
        text(&resolved.stderr)
    );
    let changes = dir.path("changes.csv");
    std::fs::write(
        &changes,
        "op,source,id,given,family,dob,zip\n\
         upsert,2020.0,7.0,ZBIGNIEW,QUARTERMAINE,1950-01-02,12345.0\n",
    )
    .expect("changes");
    let events = dir.path("events.csv");
    let applied = sameas(&[
        "apply",
        "--state",
        &state,
        "--key-file",
        &key,
        &changes,
        "--events",
        &events,
    ]);
    assert_eq!(applied.status.code(), Some(0), "{}", text(&applied.stderr));
    let events = std::fs::read_to_string(&events).expect("events");
    assert!(events.contains("upsert,2020.0,7.0,"), "{events}");
    let golden = dir.path("golden.csv");
    let exported = sameas(&[
        "export",
        "--state",
        &state,
        "--key-file",
        &key,
        "--golden",
        &golden,
        "--output",
        &out,
        "-q",
    ]);
    assert_eq!(
        exported.status.code(),
        Some(0),
        "{}",
        text(&exported.stderr)
    );
    let mut reader = csv::Reader::from_path(&golden).expect("golden");
    let header = reader.headers().expect("header").clone();
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (given, zip) = (column("given"), column("zip"));
    let row = reader
        .records()
        .map(|row| row.expect("row"))
        .find(|row| &row[given] == "ZBIGNIEW")
        .expect("the upserted record's entity");
    assert_eq!(&row[zip], "12345");
}

/// The records of each entity, entity ids aside.
fn partition(entities: &BTreeMap<String, String>) -> BTreeSet<Vec<&str>> {
    let mut members: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (record, entity) in entities {
        members.entry(entity).or_default().push(record);
    }
    members.into_values().collect()
}

#[test]
fn sets_written_with_commas_are_split_at_them() {
    use sameas::synthetic::shapes::InventorGenerator;
    let dir = Scratch::new("comma-sets", &["bars", "commas"]);
    let data = InventorGenerator::builder()
        .seed(5)
        .entities(300)
        .build()
        .expect("generator")
        .generate();
    let source = data.source("mentions").expect("mentions");
    let schema = data.schema();
    let columns: Vec<&str> = schema.fields().iter().map(|f| f.name()).collect();
    common::write_records(&dir.path("bars/mentions.csv"), &columns, source.records());
    let commas: Vec<sameas::OwnedRecord> = source
        .records()
        .iter()
        .map(|record| {
            let mut record = record.clone();
            for set in ["coinventors", "classes"] {
                let listed = record.field(set).unwrap_or("").replace('|', ", ");
                record.set(set, listed);
            }
            record
        })
        .collect();
    common::write_records(&dir.path("commas/mentions.csv"), &columns, &commas);
    let declared = [
        "--field",
        "coinventors=set",
        "--field",
        "classes=set",
        "--field",
        "title=text",
    ];
    for extra in [&[][..], &declared[..]] {
        let (bars, _) = resolve(&dir, "bars.out", &["bars/mentions.csv"], extra);
        let (commas, stderr) = resolve(&dir, "commas.out", &["commas/mentions.csv"], extra);
        for set in ["coinventors", "classes"] {
            assert!(
                stderr.contains(&format!("  {set:<16} set "))
                    && stderr.contains(&format!(
                        "{set:<16} set            {} set, its items separated by `, `",
                        if extra.is_empty() {
                            format!("header `{set}` means")
                        } else {
                            "declared as".to_string()
                        }
                    )),
                "{stderr}"
            );
        }
        assert!(partition(&commas) == partition(&bars), "{extra:?}");
        assert!(partition(&bars).len() < bars.len());
    }
    // Two exports of the same records linked, one writing `A|B`, the
    // other `A, B`: as two exports writing `A|B`.
    let dir_two = Scratch::new("comma-sets-two", &["bars", "commas"]);
    for (from, to) in [("bars", "bars/b.csv"), ("commas", "commas/b.csv")] {
        std::fs::copy(dir.path(&format!("{from}/mentions.csv")), dir_two.path(to)).expect("copy");
        std::fs::copy(
            dir.path("bars/mentions.csv"),
            dir_two.path(&format!("{from}/a.csv")),
        )
        .expect("copy");
    }
    let (bars, _) = resolve(&dir_two, "bars.out", &["bars/a.csv", "bars/b.csv"], &[]);
    let (mixed, stderr) = resolve(
        &dir_two,
        "mixed.out",
        &["commas/a.csv", "commas/b.csv"],
        &[],
    );
    assert!(
        stderr.contains("  classes          set            header `classes` means set, its items separated by `, `"),
        "{stderr}"
    );
    assert!(partition(&mixed) == partition(&bars));
}

#[test]
fn an_export_s_index_names_the_records_when_no_column_does() {
    let dir = Scratch::new("index", &["tidy", "labels", "both", "inner", "names"]);
    let persons = persons();
    write(&dir, "tidy", "id,given,family,dob", &persons, |person| {
        person.join(",")
    });
    // R's `write.csv` and pandas' `to_csv` write the row labels first,
    // under a blank header: here the ids themselves.
    write(&dir, "labels", ",given,family,dob", &persons, |person| {
        person.join(",")
    });
    // Beside an id column the index is only row numbers (from 0).
    let numbered: Vec<Person> = persons
        .iter()
        .enumerate()
        .map(|(row, [id, given, family, dob])| {
            [
                format!("{row},{id}"),
                given.clone(),
                family.clone(),
                dob.clone(),
            ]
        })
        .collect();
    write(&dir, "both", ",id,given,family,dob", &numbered, |person| {
        person.join(",")
    });
    let (tidy, stderr) = resolve(&dir, "tidy.out", &["tidy/persons.csv"], &[]);
    assert!(stderr.contains("record id: column `id`"), "{stderr}");
    let (labels, stderr) = resolve(&dir, "labels.out", &["labels/persons.csv"], &[]);
    assert!(stderr.contains("record id: column `index`"), "{stderr}");
    assert!(
        stderr.contains(
            "  index            record id      no other column names the records, \
             so the index an export wrote does"
        ),
        "{stderr}"
    );
    assert_eq!(labels, tidy);
    let (both, stderr) = resolve(&dir, "both.out", &["both/persons.csv"], &[]);
    assert!(stderr.contains("record id: column `id`"), "{stderr}");
    assert!(
        stderr.contains("  index            ignored        header `index` numbers rows"),
        "{stderr}"
    );
    assert_eq!(both, tidy);

    // A data column whose header was left blank (its values repeat) is
    // no index.
    write(
        &dir,
        "names",
        ",id,family,dob",
        &persons,
        |[id, given, family, dob]| format!("{given},{id},{family},{dob}"),
    );
    let input = dir.path("names/persons.csv");
    let run = sameas(&["resolve", &input]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        text(&run.stderr).trim_end(),
        format!(
            "error: {input}:1: column 1 has an empty name (and its values are not an index: \
             some are blank or repeat)"
        )
    );

    // Only the first column may go unnamed.
    write(&dir, "inner", "id,,family,dob", &persons, |person| {
        person.join(",")
    });
    let input = dir.path("inner/persons.csv");
    let run = sameas(&["resolve", &input]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        text(&run.stderr).trim_end(),
        format!("error: {input}:1: column 2 has an empty name")
    );
}

#[test]
fn a_date_many_strangers_hold_is_read_as_missing() {
    // One record in ten dated `1900-01-01`, a source's "not known":
    // said, and resolved as the file with those dates blank.
    let dir = Scratch::new("placeholder-dates", &["placeholder", "blank"]);
    let mut persons = persons();
    for person in persons.iter_mut().step_by(10) {
        person[3] = "1900-01-01".to_string();
    }
    let held = persons.iter().step_by(10).count();
    let header = "id,given,family,dob";
    write(
        &dir,
        "placeholder",
        header,
        &persons,
        |[id, given, family, dob]| format!("{id},{given},{family},{dob}"),
    );
    write(
        &dir,
        "blank",
        header,
        &persons,
        |[id, given, family, dob]| {
            let dob = if dob == "1900-01-01" { "" } else { dob };
            format!("{id},{given},{family},{dob}")
        },
    );
    let (placeholder, stderr) = resolve(&dir, "p.out", &["placeholder/persons.csv"], &[]);
    assert!(
        stderr.contains(&format!(
            "warning          dob: one value is held by {held} records of different people, \
             a placeholder for a value not known: read as missing"
        )),
        "{stderr}"
    );
    let (blank, stderr) = resolve(&dir, "b.out", &["blank/persons.csv"], &[]);
    assert!(!stderr.contains("placeholder"), "{stderr}");
    assert_eq!(placeholder, blank);
}
