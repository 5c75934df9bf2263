//! Placeholder values: one value that a source writes for everyone
//! whose value it does not know (a date of birth `1900-01-01`, an
//! e-mail `customer@shop.com`, a phone `(555) 123-0000`), found by how
//! many different people hold it.
//!
//! Read as a value, a placeholder is strong evidence: two strangers who
//! share it agree exactly on their date of birth or e-mail address.
//! Training sees hundreds of such strangers agree and may conclude that
//! a date dates an event and weighs nothing (4 % of 9,951 generated
//! people with `1900-01-01` took pairwise F1 from 0.960 to 0.394); an
//! e-mail address shared by 445 of a CRM's records cost 0.009. A date
//! of birth or an address is held by one person's few records; a
//! placeholder by tens or hundreds of records of different names.

use std::borrow::Cow;
use std::collections::HashMap;

use super::PreparedStore;
use crate::id::{FieldId, RecordIndex};
use crate::schema::FieldKind;

/// How many times the field's typical count (the median of its distinct
/// values' counts, at least 1) a placeholder's holders must be at least:
/// a date of birth is held by one record or a duplicate's few, an
/// event's date by about as many as any other day's.
const TIMES_TYPICAL: usize = 20;

/// The fewest holders' values of one field that can tell whether they
/// are different people.
const MIN_VALUES: usize = 5;

/// How different the holders' values of one field must be, as the
/// chance that two of them, drawn at random, begin differently (their
/// first [`PREFIX_CHARS`] characters): about 0.97 for strangers' given
/// names, near 0 for one person's or one company's many records, whose
/// spellings vary after the first letters (`Acme Inc`, `ACME
/// Incorporated`).
const MIN_DIVERSITY: f64 = 0.5;

/// The characters of a value that [`MIN_DIVERSITY`] compares.
const PREFIX_CHARS: usize = 3;

/// The kinds that name a record: holders of a placeholder differ in
/// one of them.
const NAME_KINDS: [FieldKind; 4] = [
    FieldKind::GivenName,
    FieldKind::FamilyName,
    FieldKind::FullName,
    FieldKind::Organisation,
];

/// The kinds searched for placeholders: values of one person each. In a
/// schema without names, holders of a placeholder differ in one of
/// them instead.
const SEARCHED_KINDS: [FieldKind; 5] = [
    FieldKind::Date,
    FieldKind::Email,
    FieldKind::Phone,
    FieldKind::Identifier,
    FieldKind::Handle,
];

/// A value of a field that stands for "not known" (see
/// [`PreparedStore::placeholder_values`]). `Debug` shows the field and
/// the count, not the value.
#[derive(Clone, PartialEq, Eq)]
pub struct PlaceholderValue {
    field: FieldId,
    value: String,
    records: u64,
}

impl std::fmt::Debug for PlaceholderValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlaceholderValue")
            .field("field", &self.field)
            .field("records", &self.records)
            .finish_non_exhaustive()
    }
}

impl PlaceholderValue {
    /// The field that holds it.
    pub fn field(&self) -> FieldId {
        self.field
    }

    /// The value, normalised (`1900-01-01`).
    pub fn value(&self) -> &str {
        &self.value
    }

    /// How many records hold it.
    pub fn records(&self) -> u64 {
        self.records
    }
}

impl PreparedStore {
    /// The placeholder values of the store's date, e-mail, phone,
    /// identifier and handle fields (not
    /// [metadata](crate::SchemaBuilder::metadata)): a value held by at
    /// least 20 times as many records as the median distinct value of
    /// its field (so by 20 at least), whose holders are different
    /// people: in some given, family or full name or organisation field
    /// (in a schema without one, another of the searched fields), at
    /// least 5 of their values, two of which drawn at random begin (3
    /// characters) differently with a chance of at least one half.
    /// One person's or one company's many records are no placeholder
    /// (their names begin alike), nor is an event's date that every day
    /// holds alike, nor an organisation or city (shared by right, and not
    /// searched). A switchboard phone or a role address (`info@`) that
    /// 20 or more people of one employer give is one: it says no more of
    /// who a person is than a blank would. Field by field, the most held
    /// first.
    ///
    /// [`Resolver`](crate::resolve::Resolver) reads them as missing before
    /// it trains; a host that trains on a store itself can do the same
    /// with [`PrepareOptionsBuilder::missing_values`](crate::PrepareOptionsBuilder::missing_values).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    ///
    /// let schema = Schema::builder()
    ///     .field("name", FieldKind::FullName)
    ///     .field("dob", FieldKind::Date)
    ///     .build()?;
    /// let mut store = PreparedStore::new(schema);
    /// let crm = store.add_source("crm", false)?;
    /// let given = ["Ann", "Bob", "Cleo", "Dev", "Emil", "Fay", "Gus", "Hana", "Ivo", "Jo"];
    /// let people: Vec<OwnedRecord> = (0..100)
    ///     .map(|n| {
    ///         let dob = if n % 5 == 0 { "1900-01-01".to_string() } else { format!("19{:02}-03-{:02}", n, n % 28 + 1) };
    ///         let name = format!("{} Lee {n}", given[n / 10]);
    ///         OwnedRecord::new(n.to_string()).with("name", name).with("dob", dob)
    ///     })
    ///     .collect();
    /// store.ingest(crm, &people)?;
    /// let found = store.placeholder_values();
    /// assert_eq!(found.len(), 1);
    /// assert_eq!((found[0].value(), found[0].records()), ("1900-01-01", 20));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn placeholder_values(&self) -> Vec<PlaceholderValue> {
        let schema = self.schema();
        let of_kinds = |kinds: &[FieldKind]| -> Vec<FieldId> {
            schema
                .ids()
                .filter(|&id| {
                    schema
                        .try_field(id)
                        .is_some_and(|field| !field.is_metadata() && kinds.contains(&field.kind()))
                })
                .collect()
        };
        let names = of_kinds(&NAME_KINDS);
        let searched = of_kinds(&SEARCHED_KINDS);
        let mut found = Vec::new();
        for &field in &searched {
            let mut candidates = self.frequent_values(field);
            if candidates.is_empty() {
                continue;
            }
            let others: Cow<'_, [FieldId]> = if names.is_empty() {
                Cow::Owned(searched.iter().copied().filter(|&f| f != field).collect())
            } else {
                Cow::Borrowed(&names)
            };
            candidates.retain(|(_, holders)| self.holders_differ(holders, &others));
            found.extend(
                candidates
                    .into_iter()
                    .map(|(value, holders)| PlaceholderValue {
                        field,
                        value: value.to_string(),
                        records: holders.len() as u64,
                    }),
            );
        }
        found
    }

    /// The values of `field` held far more often than its typical value
    /// (see [`TIMES_TYPICAL`]), each with its holders; the most held
    /// first, then by value. Counted by sorting the values' hashes (a
    /// map of every value cost a fifth of a second over 420,000
    /// records); the holders of the few frequent hashes are then grouped
    /// by value, so two values of one hash are told apart.
    fn frequent_values(&self, field: FieldId) -> Vec<(&str, Vec<RecordIndex>)> {
        let hasher = ahash::RandomState::with_seeds(1, 2, 3, 4);
        let mut hashes: Vec<u64> = self
            .records()
            .filter_map(|record| record.text(field))
            .map(|text| hasher.hash_one(text))
            .collect();
        if hashes.is_empty() {
            return Vec::new();
        }
        hashes.sort_unstable();
        let mut sizes: Vec<usize> = hashes.chunk_by(|a, b| a == b).map(<[u64]>::len).collect();
        let middle = sizes.len() / 2;
        let typical = *sizes.select_nth_unstable(middle).1;
        let least = typical.max(1).saturating_mul(TIMES_TYPICAL);
        let frequent_hashes: Vec<u64> = hashes
            .chunk_by(|a, b| a == b)
            .filter(|run| run.len() >= least)
            .map(|run| run[0])
            .collect();
        if frequent_hashes.is_empty() {
            return Vec::new();
        }
        let mut frequent: HashMap<&str, Vec<RecordIndex>, ahash::RandomState> =
            HashMap::with_hasher(hasher.clone());
        for record in self.records() {
            if let Some(text) = record.text(field)
                && frequent_hashes
                    .binary_search(&hasher.hash_one(text))
                    .is_ok()
            {
                frequent.entry(text).or_default().push(record.index());
            }
        }
        let mut frequent: Vec<_> = frequent
            .into_iter()
            .filter(|(_, holders)| holders.len() >= least)
            .collect();
        frequent.sort_unstable_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(b.0)));
        frequent
    }

    /// Whether `holders` are different people: in some field of
    /// `fields`, at least [`MIN_VALUES`] of their values, which begin
    /// differently often enough (see [`MIN_DIVERSITY`]).
    fn holders_differ(&self, holders: &[RecordIndex], fields: &[FieldId]) -> bool {
        fields.iter().any(|&field| {
            let mut starts: Vec<&str> = holders
                .iter()
                .filter_map(|&holder| self.record(holder)?.text(field))
                .map(|text| {
                    text.char_indices()
                        .nth(PREFIX_CHARS)
                        .map_or(text, |(at, _)| &text[..at])
                })
                .collect();
            let held = starts.len();
            if held < MIN_VALUES {
                return false;
            }
            starts.sort_unstable();
            let alike: f64 = starts
                .chunk_by(|a, b| a == b)
                .map(|run| (run.len() as f64 / held as f64).powi(2))
                .sum();
            1.0 - alike >= MIN_DIVERSITY
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{FieldKind, OwnedRecord, PreparedStore, Schema};

    /// Given names that begin differently.
    const GIVEN: [&str; 10] = [
        "Ann", "Bob", "Cleo", "Dev", "Emil", "Fay", "Gus", "Hana", "Ivo", "Jo",
    ];

    /// The name of stranger `n`.
    fn stranger(n: usize) -> String {
        format!("{} Lee {n}", GIVEN[n % GIVEN.len()])
    }

    /// A store of `rows` of the `fields` (name and kind), the last
    /// declared metadata when asked.
    fn store(fields: &[(&str, FieldKind)], metadata: bool, rows: &[Vec<String>]) -> PreparedStore {
        let mut schema = Schema::builder();
        for (at, &(name, kind)) in fields.iter().enumerate() {
            if metadata && at + 1 == fields.len() {
                schema.metadata(name, kind);
            } else {
                schema.field(name, kind);
            }
        }
        let mut store = PreparedStore::new(schema.build().unwrap());
        let crm = store.add_source("crm", false).unwrap();
        let records: Vec<OwnedRecord> = rows
            .iter()
            .enumerate()
            .map(|(at, row)| {
                fields.iter().zip(row).fold(
                    OwnedRecord::new(at.to_string()),
                    |record, (&(name, _), value)| record.with(name, value.as_str()),
                )
            })
            .collect();
        store.ingest(crm, &records).unwrap();
        store
    }

    const NAME_AND_DATE: [(&str, FieldKind); 2] =
        [("name", FieldKind::FullName), ("dob", FieldKind::Date)];

    /// `people` persons of distinct dates, then `holders` records dated
    /// `date`, named by `name` from their position.
    fn with_shared(
        people: usize,
        holders: usize,
        date: &str,
        name: impl Fn(usize) -> String,
    ) -> Vec<Vec<String>> {
        (0..people)
            .map(|n| {
                let dob = format!("{}-{:02}-{:02}", 1930 + n % 70, n % 12 + 1, n % 28 + 1);
                vec![format!("person {n}"), dob]
            })
            .chain((0..holders).map(|n| vec![name(n), date.to_string()]))
            .collect()
    }

    /// The values found in `store`, with their counts.
    fn found(store: &PreparedStore) -> Vec<(String, u64)> {
        store
            .placeholder_values()
            .iter()
            .map(|found| (found.value().to_string(), found.records()))
            .collect()
    }

    #[test]
    fn a_date_many_strangers_hold_is_found_the_most_held_first() {
        // 20 is the least: 20 times the one record of a typical date.
        let mut rows = with_shared(300, 20, "1970-01-01", stranger);
        rows.extend(with_shared(0, 30, "1900-01-01", |n| stranger(n + 5)));
        let store = store(&NAME_AND_DATE, false, &rows);
        assert_eq!(
            found(&store),
            [
                ("1900-01-01".to_string(), 30),
                ("1970-01-01".to_string(), 20)
            ]
        );
        assert_eq!(
            format!("{:?}", store.placeholder_values()[0]),
            "PlaceholderValue { field: FieldId(1), records: 30, .. }"
        );
    }

    #[test]
    fn one_persons_or_one_companys_many_records_are_no_placeholder() {
        // 30 records of one person (two spellings of the name) share her date.
        let rows = with_shared(300, 30, "1985-03-04", |n| {
            if n % 5 == 0 { "ann le" } else { "ann lee" }.to_string()
        });
        assert_eq!(found(&store(&NAME_AND_DATE, false, &rows)), []);
        // 30 records of one company share its phone, its name spelt a
        // different way in each (all distinct, all begun alike); 300
        // others have their own.
        let fields = [
            ("company", FieldKind::Organisation),
            ("phone", FieldKind::Phone),
        ];
        let suffixes = ["Inc", "Incorporated", "Corp.", "Co", "Labs", "Group"];
        let rows: Vec<Vec<String>> = (0..300)
            .map(|n| vec![stranger(n), format!("0161 496 {n:04}")])
            .chain((0..30).map(|n| {
                let spelt = format!("Acme {} {}", suffixes[n % 6], n / 6);
                vec![spelt, "0161 496 9999".into()]
            }))
            .collect();
        assert_eq!(found(&store(&fields, false, &rows)), []);
    }

    #[test]
    fn too_few_holders_or_values_held_alike_are_no_placeholder() {
        // 19 strangers: below 20 times the typical date's one record.
        let rows = with_shared(300, 19, "1900-01-01", stranger);
        assert_eq!(found(&store(&NAME_AND_DATE, false, &rows)), []);
        // An event's date: every day held by about as many records.
        let events: Vec<Vec<String>> = (0..600)
            .map(|n| vec![stranger(n), format!("2024-05-{:02}", n % 20 + 1)])
            .collect();
        assert_eq!(found(&store(&NAME_AND_DATE, false, &events)), []);
    }

    #[test]
    fn an_email_strangers_share_is_found_their_employer_is_not_searched() {
        let fields = [
            ("name", FieldKind::FullName),
            ("email", FieldKind::Email),
            ("employer", FieldKind::Organisation),
        ];
        let rows: Vec<Vec<String>> = (0..330)
            .map(|n| {
                let email = if n < 300 {
                    format!("p{n}@example.org")
                } else {
                    "customer@shop.com".to_string()
                };
                vec![stranger(n), email, "Acme".to_string()]
            })
            .collect();
        let store = store(&fields, false, &rows);
        assert_eq!(found(&store), [("customer@shop.com".to_string(), 30)]);
        assert_eq!(store.placeholder_values()[0].field().index(), 1);
    }

    #[test]
    fn metadata_and_holders_without_names_are_not_read() {
        let rows = with_shared(300, 40, "1900-01-01", stranger);
        assert_eq!(found(&store(&NAME_AND_DATE, true, &rows)), []);
        let nameless = with_shared(300, 40, "1900-01-01", |_| String::new());
        assert_eq!(found(&store(&NAME_AND_DATE, false, &nameless)), []);
        assert_eq!(found(&store(&NAME_AND_DATE, false, &[])), []);
    }
}
