//! Dates written day first (`14/08/1945`) without `--day-first`: the
//! command finds the order in the sampled values, says so, and resolves
//! as it does the same dates written `1945-08-14`; dates written month
//! first stay month first, and files written both ways are warned about.

use std::collections::BTreeMap;
mod common;

use sameas::Record;
use sameas::synthetic::shapes::BirthDateGenerator;

use common::{Scratch, sameas, text};

/// Writes `persons.csv` into `iso/`, `dmy/` and `mdy/`, the date written
/// `yyyy-mm-dd`, `dd/mm/yyyy` and `mm/dd/yyyy`.
fn write_persons(dir: &Scratch) {
    let data = BirthDateGenerator::builder()
        .seed(12)
        .entities(400)
        .build()
        .expect("generator")
        .generate();
    let persons = data.source("persons").expect("persons");
    let mut files: [String; 3] = std::array::from_fn(|_| String::from("id,given,family,dob\n"));
    for record in persons.records() {
        let id = record.id().expect("id");
        let given = record.field("given").unwrap_or("");
        let family = record.field("family").unwrap_or("");
        let dob = record.field("dob").unwrap_or("");
        let (dmy, mdy) = match dob.split('-').collect::<Vec<_>>()[..] {
            [year, month, day] => (
                format!("{day}/{month}/{year}"),
                format!("{month}/{day}/{year}"),
            ),
            _ => (String::new(), String::new()),
        };
        for (file, date) in files.iter_mut().zip([dob.to_string(), dmy, mdy]) {
            file.push_str(&format!("{id},{given},{family},{date}\n"));
        }
    }
    for (name, contents) in ["iso", "dmy", "mdy"].iter().zip(files) {
        std::fs::write(dir.path(&format!("{name}/persons.csv")), contents).expect("write");
    }
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
    write_persons(&dir);
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
    write_persons(&dir);
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
