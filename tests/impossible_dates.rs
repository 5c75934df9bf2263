//! Impossible dates (`1945-08-41`, a month `18`): a digit typed wrong
//! that leaves no date. They are counted invalid, yet their digits still
//! meet the date they were meant to be, in the comparison's exact and
//! one-digit levels, in its tests on a date's parts (day or month wrong,
//! year wrong, ...) and in the blocking keys on a date's parts.

use std::collections::BTreeSet;

use sameas::block::{BlockingKeys, default_blockers};
use sameas::infer::DateParts;
use sameas::matcher::default_comparisons;
use sameas::survive::{Survivorship, SurvivorshipRules};
use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};

fn schema() -> Schema {
    Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("family", FieldKind::FamilyName)
        .field("dob", FieldKind::Date)
        .build()
        .unwrap()
}

/// A store of one record per (given, family, dob).
fn store_of(rows: &[(&str, &str, &str)]) -> PreparedStore {
    let mut store = PreparedStore::new(schema());
    let source = store.add_source("persons", false).unwrap();
    let records: Vec<OwnedRecord> = rows
        .iter()
        .enumerate()
        .map(|(at, &(given, family, dob))| {
            OwnedRecord::new(at.to_string())
                .with("given", given)
                .with("family", family)
                .with("dob", dob)
        })
        .collect();
    store.ingest(source, &records).unwrap();
    store
}

/// The label of the level the default `dob` comparison puts records `a`
/// and `b` of `store` at; `None` when a date is missing.
fn dob_level(store: &PreparedStore, a: usize, b: usize) -> Option<String> {
    let comparisons = default_comparisons(store.schema());
    let dob = comparisons.iter().find(|c| c.name() == "dob").unwrap();
    let records: Vec<_> = store.records().collect();
    let level = dob.level(&records[a], &records[b])?;
    Some(dob.levels()[level].label().to_string())
}

#[test]
fn impossible_dates_are_invalid_but_keep_their_digits() {
    let values = [
        "1945-08-41",
        "1945-18-14",
        "19451408",
        "2023-02-30",
        "1945-08-00",
        "1945-00-14",
        "1945-123-14",
        "1945-99-14",
        "0000-08-14",
        "0001-01-01",
        "19465-08-14",
        "0195-08-14",
        "1945-08-142",
        "1945-08-300",
        "1945-08-14",
    ];
    let rows: Vec<(&str, &str, &str)> = values.iter().map(|&dob| ("ANNA", "KOCH", dob)).collect();
    let store = store_of(&rows);
    let dob = store.schema().field_id("dob").unwrap();
    let texts: Vec<Option<&str>> = store.records().map(|record| record.text(dob)).collect();
    assert_eq!(
        texts,
        [
            Some("1945-08-41"),
            Some("1945-18-14"),
            Some("1945-14-08"),
            Some("2023-02-30"),
            // A day 0 (or 99) is "unknown": a date known in part, the
            // 1st of its month; a month 0 (or 99) leaves no date.
            Some("1945-08-01"),
            None,
            // A digit typed into a part or lost from it: a month of
            // three digits, a year of five or three (before 1000: no
            // one's date), a day of three.
            Some("1945-123-14"),
            None,
            // Year 0 is no typo; year 1, a database's placeholder.
            None,
            None,
            Some("19465-08-14"),
            Some("0195-08-14"),
            Some("1945-08-142"),
            // Past what the date's parts keep (a day to 255).
            None,
            Some("1945-08-14"),
        ]
    );
    let dates = store.records().filter(|r| r.date(dob).is_some()).count();
    assert_eq!(dates, 2);
    let stats = store.stats().fields[dob.index()];
    assert_eq!((stats.present, stats.invalid, stats.missing), (2, 13, 0));
}

#[test]
fn an_impossible_date_meets_its_date_at_one_digit() {
    let store = store_of(&[
        ("ANNA", "KOCH", "1945-08-14"),
        ("ANNA", "KOCH", "1945-08-41"),
        ("ANNA", "KOCH", "1945-18-14"),
        ("ANNA", "KOCH", "1945-08-41"),
        ("ANNA", "KOCH", "1945-00-14"),
        ("ANNA", "KOCH", "1962-18-30"),
    ]);
    let label = |a: usize, b: usize| dob_level(&store, a, b);
    assert_eq!(label(0, 1).as_deref(), Some("damerau <= 1"));
    assert_eq!(label(0, 2).as_deref(), Some("damerau <= 1"));
    assert_eq!(label(1, 3).as_deref(), Some("exact"));
    assert_eq!(label(0, 5).as_deref(), Some("else"));
    // No digits kept for a zero: missing, no level.
    assert_eq!(label(0, 4).as_deref(), None);
}

#[test]
fn an_impossible_date_meets_its_date_in_the_tests_on_its_parts() {
    // A register's date in three columns, one of them typed wrong: the
    // month `17` for `1`, the day `64` for `6`. The other two parts are
    // as they were, which is what the tests on a date's parts look at.
    let store = store_of(&[
        ("ANNA", "KOCH", "1929-01-06"),
        ("ANNA", "KOCH", "1929-17-06"),
        ("ANNA", "KOCH", "1929-01-64"),
        ("ANNA", "KOCH", "1972-17-06"),
        ("ANNA", "KOCH", "1929-06-17"),
        ("ANNA", "KOCH", "1930-17-06"),
    ]);
    let label = |a: usize, b: usize| dob_level(&store, a, b);
    assert_eq!(label(0, 1).as_deref(), Some("day or month wrong"));
    assert_eq!(label(0, 2).as_deref(), Some("day or month wrong"));
    assert_eq!(label(1, 3).as_deref(), Some("year wrong"));
    assert_eq!(label(1, 4).as_deref(), Some("day and month swapped"));
    assert_eq!(label(1, 5).as_deref(), Some("year one off"));
    // Two parts wrong: nothing in common but the digits' places.
    assert_eq!(label(0, 3).as_deref(), Some("else"));
    assert_eq!(label(2, 3).as_deref(), Some("else"));
}

#[test]
fn a_part_with_a_digit_slipped_meets_its_date() {
    // A digit typed into the year or lost from it, or typed into the
    // day: the date's two other parts are as they were.
    let store = store_of(&[
        ("ANNA", "KOCH", "1945-08-14"),
        ("ANNA", "KOCH", "19465-08-14"),
        ("ANNA", "KOCH", "0195-08-14"),
        ("ANNA", "KOCH", "1945-08-142"),
        ("ANNA", "KOCH", "1962-03-142"),
    ]);
    let label = |a: usize, b: usize| dob_level(&store, a, b);
    // One digit more: a one-digit edit of the text.
    assert_eq!(label(0, 1).as_deref(), Some("damerau <= 1"));
    assert_eq!(label(0, 3).as_deref(), Some("damerau <= 1"));
    // `0195` against `1945`: three digits differ, day and month agree.
    assert_eq!(label(0, 2).as_deref(), Some("year wrong"));
    assert_eq!(label(0, 4).as_deref(), Some("else"));
}

#[test]
fn an_impossible_date_keys_the_blocks_on_two_of_its_parts() {
    // A typo in the given name and a month typed `18`: the family name
    // with the year and day still meets.
    let store = store_of(&[
        ("JOE", "CORTES", "1982-08-09"),
        ("JOS", "CORTES", "1982-18-09"),
        ("JOE", "CORTES", "1982-07-10"),
    ]);
    let blocker = default_blockers(store.schema())
        .into_iter()
        .find(|blocker| blocker.name() == "family:exact + dob:two_of_year_month_day")
        .unwrap();
    let keys = |index: usize| -> BTreeSet<Vec<u8>> {
        let record = store.records().nth(index).unwrap();
        let mut keys = BlockingKeys::new();
        blocker.keys(&record, &mut keys);
        keys.iter().map(<[u8]>::to_vec).collect()
    };
    assert_eq!(keys(0).intersection(&keys(1)).count(), 1);
    assert_eq!(keys(1).intersection(&keys(2)).count(), 0);
}

#[test]
fn date_parts_compose_impossible_dates_as_written() {
    let rows: Vec<(String, &str)> = [
        (("1982", "18", "9"), "1982-18-09"),
        (("1982", "8", "90"), "1982-08-90"),
    ]
    .into_iter()
    .map(|((year, month, day), expected)| (DateParts::compose(year, month, day).unwrap(), expected))
    .collect();
    for (composed, expected) in &rows {
        assert_eq!(composed, expected);
    }
    let store = store_of(&[
        ("JOE", "CORTES", &rows[0].0),
        ("JOE", "CORTES", "1982-08-09"),
    ]);
    let dob = store.schema().field_id("dob").unwrap();
    assert_eq!(store.records().next().unwrap().date(dob), None);
    assert_eq!(dob_level(&store, 0, 1).as_deref(), Some("damerau <= 1"));
}

#[test]
fn a_golden_record_never_takes_an_impossible_date() {
    // The impossible date ties on count and its record comes first:
    // were it a candidate, it would survive.
    let store = store_of(&[
        ("ANNA", "KOCH", "1945-02-30"),
        ("ANNA", "KOCH", "1945-03-14"),
    ]);
    let rules = SurvivorshipRules::builder(&store).build().unwrap();
    let members: Vec<RecordIndex> = store.records().map(|record| record.index()).collect();
    for order in [members.clone(), members.iter().rev().copied().collect()] {
        let golden = rules.survive(&store, &order).unwrap();
        assert_eq!(golden.value("dob"), Some("1945-03-14"));
    }
}

#[test]
fn a_day_written_as_not_known_is_the_first_of_its_month() {
    // `1945-08-00` (MySQL's "day unknown") or `…-99` (a register's):
    // the 1st of August, met by the date's placeholder level, as the
    // same date in three columns with the day blank is.
    let store = store_of(&[
        ("ANNA", "KOCH", "1945-08-14"),
        ("ANNA", "KOCH", "1945-08-00"),
        ("ANNA", "KOCH", "1945-08-99"),
        ("ANNA", "KOCH", "1945-09-14"),
    ]);
    let label = |a: usize, b: usize| dob_level(&store, a, b);
    assert_eq!(label(0, 1).as_deref(), Some("placeholder date"));
    assert_eq!(label(1, 2).as_deref(), Some("exact"));
    assert_ne!(label(1, 3).as_deref(), Some("placeholder date"));
    assert_eq!(
        sameas::infer::DateParts::compose("1945", "8", "").as_deref(),
        Some("1945-08-01")
    );
}

#[test]
fn a_month_written_with_its_year_alone_is_the_first_of_that_month() {
    // `1945-08`, `08/1945`, `Aug 1945`: a register that knows only the
    // month, read as a day not known is (`1945-08-00`). A year alone, a
    // two-digit year (`08/45` may be a month and a day) or a month that
    // does not exist leaves no date.
    let written = [
        "1945-08",
        "1945/8",
        "08/1945",
        "8.1945",
        "Aug 1945",
        "August 1945",
        "1945 aug",
        "1945-08-00",
        "1945",
        "08/45",
        "1945-13",
        "1945-00",
        "Smarch 1945",
        "19450-08",
    ];
    let rows: Vec<(&str, &str, &str)> = written.iter().map(|&dob| ("ANNA", "KOCH", dob)).collect();
    let store = store_of(&rows);
    let dob = store.schema().field_id("dob").unwrap();
    let texts: Vec<Option<&str>> = store.records().map(|record| record.text(dob)).collect();
    let month = Some("1945-08-01");
    assert_eq!(
        texts,
        [
            month, month, month, month, month, month, month, month, None, None, None, None, None,
            None
        ]
    );
    let label = |a: usize, b: usize| dob_level(&store, a, b);
    assert_eq!(label(0, 2).as_deref(), Some("exact"));
    // Met with the full date by the date's placeholder level.
    let store = store_of(&[("ANNA", "KOCH", "1945-08-14"), ("ANNA", "KOCH", "Aug 1945")]);
    assert_eq!(dob_level(&store, 0, 1).as_deref(), Some("placeholder date"));
}

#[test]
fn a_column_of_months_with_their_years_is_inferred_a_date() {
    let values: Vec<String> = (0..40)
        .map(|i| format!("{}-{:02}", 1940 + i, 1 + i % 12))
        .collect();
    let column = sameas::infer::infer_column("c3", &values);
    assert_eq!(column.kind(), Some(sameas::FieldKind::Date));
    assert_eq!(column.reason(), "no header hint; 100% of values are dates");
}
