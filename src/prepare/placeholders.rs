//! Placeholder dates: one date that a source writes for everyone whose
//! date it does not know (`1900-01-01`, `1970-01-01`), found by how many
//! different people hold it.
//!
//! Read as a date, a placeholder is the strongest evidence a pair can
//! have: two strangers who share it agree exactly on their date of
//! birth. Training then sees hundreds of such strangers agree, and may
//! conclude the field dates an event and weighs nothing (4 % of 9,951
//! generated people with `1900-01-01` took pairwise F1 from 0.960 to
//! 0.394). A date of birth is shared by chance by a handful of records;
//! a placeholder by tens or hundreds, of different names.

use std::collections::HashMap;

use super::PreparedStore;
use crate::id::{FieldId, RecordIndex};
use crate::schema::FieldKind;

/// How many times the field's typical count (the median of its distinct
/// values' counts, at least 1) a placeholder's holders must be at least:
/// a date of birth is held by one record or a duplicate's few, an
/// event's date by about as many as any other day's.
const TIMES_TYPICAL: usize = 20;

/// The fewest holders' values of one identity field that can tell
/// whether they are different people.
const MIN_VALUES: usize = 5;

/// The kinds that say who a record is: holders of a placeholder differ
/// in at least one of them.
const IDENTITY_KINDS: [FieldKind; 8] = [
    FieldKind::GivenName,
    FieldKind::FamilyName,
    FieldKind::FullName,
    FieldKind::Organisation,
    FieldKind::Email,
    FieldKind::Phone,
    FieldKind::Identifier,
    FieldKind::Handle,
];

/// A value of a field that stands for "not known" (see
/// [`PreparedStore::placeholder_dates`]). `Debug` shows the field and
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
    /// The placeholder dates of the store's date fields (not
    /// [metadata](crate::SchemaBuilder::metadata)): a date held by at
    /// least 20 times as many records as the median distinct date of its
    /// field (so by 20 at least), whose holders are different people (in
    /// some given, family or full name, organisation, e-mail, phone,
    /// identifier or handle field, at least half of the holders' values
    /// are distinct, among at least 5). Field by field, the most held
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
    /// let people: Vec<OwnedRecord> = (0..100)
    ///     .map(|n| {
    ///         let dob = if n % 5 == 0 { "1900-01-01".to_string() } else { format!("19{:02}-03-{:02}", n, n % 28 + 1) };
    ///         OwnedRecord::new(n.to_string()).with("name", format!("person {n}")).with("dob", dob)
    ///     })
    ///     .collect();
    /// store.ingest(crm, &people)?;
    /// let found = store.placeholder_dates();
    /// assert_eq!(found.len(), 1);
    /// assert_eq!((found[0].value(), found[0].records()), ("1900-01-01", 20));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn placeholder_dates(&self) -> Vec<PlaceholderValue> {
        let schema = self.schema();
        let identity: Vec<FieldId> = schema
            .ids()
            .filter(|&id| {
                schema.try_field(id).is_some_and(|field| {
                    !field.is_metadata() && IDENTITY_KINDS.contains(&field.kind())
                })
            })
            .collect();
        let mut found = Vec::new();
        for field in schema.ids() {
            let Some(declared) = schema.try_field(field) else {
                continue;
            };
            if declared.kind() != FieldKind::Date || declared.is_metadata() {
                continue;
            }
            let mut candidates = self.frequent_dates(field);
            candidates.retain(|(_, holders)| self.holders_differ(holders, &identity));
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
    /// first, then by value.
    fn frequent_dates(&self, field: FieldId) -> Vec<(&str, Vec<RecordIndex>)> {
        let mut counts: HashMap<&str, usize, ahash::RandomState> =
            HashMap::with_hasher(ahash::RandomState::with_seeds(1, 2, 3, 4));
        for record in self.records() {
            if let Some(text) = record.text(field) {
                *counts.entry(text).or_default() += 1;
            }
        }
        let mut sizes: Vec<usize> = counts.values().copied().collect();
        if sizes.is_empty() {
            return Vec::new();
        }
        let middle = sizes.len() / 2;
        let typical = *sizes.select_nth_unstable(middle).1;
        let least = typical.max(1).saturating_mul(TIMES_TYPICAL);
        let mut frequent: HashMap<&str, Vec<RecordIndex>, ahash::RandomState> = counts
            .into_iter()
            .filter(|&(_, count)| count >= least)
            .map(|(value, count)| (value, Vec::with_capacity(count)))
            .collect();
        if frequent.is_empty() {
            return Vec::new();
        }
        for record in self.records() {
            if let Some(holders) = record.text(field).and_then(|text| frequent.get_mut(text)) {
                holders.push(record.index());
            }
        }
        let mut frequent: Vec<_> = frequent.into_iter().collect();
        frequent.sort_unstable_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(b.0)));
        frequent
    }

    /// Whether `holders` are different people: in some field of
    /// `identity`, at least half of their values (of at least
    /// [`MIN_VALUES`]) are distinct. One person's many records share
    /// their names.
    fn holders_differ(&self, holders: &[RecordIndex], identity: &[FieldId]) -> bool {
        identity.iter().any(|&field| {
            let mut values: Vec<&str> = holders
                .iter()
                .filter_map(|&holder| self.record(holder)?.text(field))
                .collect();
            let held = values.len();
            values.sort_unstable();
            values.dedup();
            held >= MIN_VALUES && 2 * values.len() >= held
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{FieldKind, OwnedRecord, PreparedStore, Schema};

    /// A store of `records` (name, dob) with `dob` as metadata when asked.
    fn store(records: &[(String, String)], metadata: bool) -> PreparedStore {
        let mut schema = Schema::builder();
        schema.field("name", FieldKind::FullName);
        if metadata {
            schema.metadata("dob", FieldKind::Date);
        } else {
            schema.field("dob", FieldKind::Date);
        }
        let mut store = PreparedStore::new(schema.build().unwrap());
        let crm = store.add_source("crm", false).unwrap();
        let records: Vec<OwnedRecord> = records
            .iter()
            .enumerate()
            .map(|(at, (name, dob))| {
                OwnedRecord::new(at.to_string())
                    .with("name", name.as_str())
                    .with("dob", dob.as_str())
            })
            .collect();
        store.ingest(crm, &records).unwrap();
        store
    }

    /// `people` persons of distinct dates, then `holders` records dated
    /// `date`, named by `name` from their position.
    fn with_shared(
        people: usize,
        holders: usize,
        date: &str,
        name: impl Fn(usize) -> String,
    ) -> Vec<(String, String)> {
        (0..people)
            .map(|n| {
                let dob = format!("{}-{:02}-{:02}", 1930 + n % 70, n % 12 + 1, n % 28 + 1);
                (format!("person {n}"), dob)
            })
            .chain((0..holders).map(|n| (name(n), date.to_string())))
            .collect()
    }

    #[test]
    fn a_date_many_strangers_hold_is_found_the_most_held_first() {
        // 20 is the least: 20 times the one record of a typical date.
        let mut records = with_shared(300, 20, "1970-01-01", |n| format!("stranger {n}"));
        records.extend(with_shared(0, 30, "1900-01-01", |n| format!("other {n}")));
        let found = store(&records, false).placeholder_dates();
        let seen: Vec<(&str, u64)> = found.iter().map(|p| (p.value(), p.records())).collect();
        assert_eq!(seen, [("1900-01-01", 30), ("1970-01-01", 20)]);
        assert_eq!(
            format!("{:?}", found[0]),
            "PlaceholderValue { field: FieldId(1), records: 30, .. }"
        );
    }

    #[test]
    fn one_persons_many_records_are_no_placeholder() {
        // 30 records of one person (two spellings of the name) share her date.
        let records = with_shared(300, 30, "1985-03-04", |n| {
            if n % 5 == 0 { "ann le" } else { "ann lee" }.to_string()
        });
        assert_eq!(store(&records, false).placeholder_dates(), []);
    }

    #[test]
    fn too_few_holders_or_dates_held_alike_are_no_placeholder() {
        // 19 strangers: below 20 times the typical date's one record.
        let records = with_shared(300, 19, "1900-01-01", |n| format!("stranger {n}"));
        assert_eq!(store(&records, false).placeholder_dates(), []);
        // An event's date: every day held by about as many records.
        let events: Vec<(String, String)> = (0..600)
            .map(|n| (format!("person {n}"), format!("2024-05-{:02}", n % 20 + 1)))
            .collect();
        assert_eq!(store(&events, false).placeholder_dates(), []);
    }

    #[test]
    fn metadata_dates_and_holders_without_names_are_not_read() {
        let records = with_shared(300, 40, "1900-01-01", |n| format!("stranger {n}"));
        assert_eq!(store(&records, true).placeholder_dates(), []);
        let nameless = with_shared(300, 40, "1900-01-01", |_| String::new());
        assert_eq!(store(&nameless, false).placeholder_dates(), []);
        assert_eq!(store(&[], false).placeholder_dates(), []);
    }
}
