//! Names that list each other as co-participants: two people.
//!
//! A patent with three inventors gives three mentions that share its
//! title, classes, assignee and often city, and each lists the others in
//! its co-inventors. Every shared value says "same patent", not "same
//! person", and the co-inventor sets overlap (each holds the third
//! inventor), so two co-inventors can score as one person. But when a
//! record of a person named `A` lists `B` and a record of a person named
//! `B` lists `A`, `A` and `B` are two people who worked together: a
//! person is not listed as their own co-inventor (or co-author, or
//! household member). Clustering then never joins a group holding a
//! record named `A` with one holding a record named `B` (names as
//! written, folded, without the spaces and hyphens between their parts:
//! `Dong-Hyun Kim` is `Donghyun Kim`), whatever the scores; the pair of
//! records alone would not do, as the two people's other records chain
//! the groups.
//! A name listing itself (a namesake on one patent) says nothing. An
//! item written family name first, before a comma (`Gupta, Deepa B.`),
//! names the records of `Deepa B.` `Gupta`; word order is otherwise
//! kept, as `Feng Li` and `Li Feng` are often two people.
//!
//! Measured on generated inventors with teams, 5,000 inventors, kinds
//! declared: pairwise precision 0.840 -> 0.928 (seed 7) and 0.874 ->
//! 0.936 (seed 8), recall unchanged (0.816 -> 0.820, 0.908 -> 0.905);
//! keeping apart only the pairs of records that list each other gave
//! 0.919 and 0.930.

use std::borrow::Cow;

use ahash::{AHashMap, AHashSet};

use crate::cluster::{Apart, NO_LABEL};
use crate::id::FieldId;
use crate::normalize::fold_text;
use crate::normalize::name::is_suffix;
use crate::prepare::{PreparedRecord, PreparedStore, set_items};
use crate::schema::FieldKind;

/// Where a record names its person and the people it lists with them.
pub(crate) struct Coparticipants {
    /// The full-name field (metadata too, as when given and family names
    /// are read from it), which names the record's person as written
    /// when the record fills it.
    full: Option<FieldId>,
    /// Else the name fields whose values, joined as written, name the
    /// record's person: given then family name.
    name: Vec<FieldId>,
    /// The fields of kind set (items split on `|`, or on `;`, unless the
    /// schema names their separator), and the text fields that hold
    /// lists (see [`holds_lists`]), each with its separator if named.
    sets: Vec<(FieldId, Option<char>)>,
}

impl Coparticipants {
    /// The check for `store`'s schema: `None` without a set field (or a
    /// text field holding lists), or without one full-name field
    /// (metadata too) or exactly one given and one family name field.
    pub(crate) fn of(store: &PreparedStore) -> Option<Coparticipants> {
        let schema = store.schema();
        let sets: Vec<(FieldId, Option<char>)> = schema
            .matching_fields_of(FieldKind::Set)
            .chain(
                schema
                    .matching_fields_of(FieldKind::Text)
                    .filter(|&field| holds_lists(store, field)),
            )
            .map(|field| (field, schema.field(field).item_separator()))
            .collect();
        if sets.is_empty() {
            return None;
        }
        let only = |kind| single(schema.matching_fields_of(kind));
        let full = single(schema.fields_of(FieldKind::FullName));
        let name = match (only(FieldKind::GivenName), only(FieldKind::FamilyName)) {
            (Some(given), Some(family)) => vec![given, family],
            _ if full.is_some() => Vec::new(),
            _ => return None,
        };
        Some(Coparticipants { full, name, sets })
    }

    /// The record's person as a set item would name them (its
    /// [`label`]): its full name, else its given and family names, if
    /// filled.
    pub(crate) fn person(&self, record: &PreparedRecord<'_>) -> Option<String> {
        if let Some(full) = self.full.and_then(|field| record.raw(field)) {
            return Some(label(&given_name_first(full)));
        }
        if self.name.is_empty() {
            return None;
        }
        let mut written = String::new();
        for &field in &self.name {
            if !written.is_empty() {
                written.push(' ');
            }
            written.push_str(record.raw(field)?);
        }
        Some(label(&written))
    }

    /// Each record labelled with its person's name, and the pairs of
    /// names that list each other (in any records: mostly the two
    /// mentions of one patent), kept apart in clustering.
    pub(crate) fn apart(&self, store: &PreparedStore) -> Apart {
        let mut names = AHashMap::<String, u32>::new();
        let records: Vec<PreparedRecord<'_>> = store.records().collect();
        let labels: Vec<u32> = records
            .iter()
            .map(|record| match self.person(record) {
                Some(person) => {
                    let next = names.len() as u32;
                    *names.entry(person).or_insert(next)
                }
                None => NO_LABEL,
            })
            .collect();
        // Which name lists which, among the names records give.
        let mut lists = AHashSet::<(u32, u32)>::new();
        for (record, &label) in records.iter().zip(&labels) {
            if label == NO_LABEL {
                continue;
            }
            for item in self.items(record) {
                if let Some(&listed) = names.get(&item) {
                    // A record listing its own person's name (a namesake
                    // on the patent) says nothing about two people.
                    if listed != label {
                        lists.insert((label, listed));
                    }
                }
            }
        }
        let mut pairs: Vec<(u32, u32)> = lists
            .iter()
            .filter(|&&(a, b)| a < b && lists.contains(&(b, a)))
            .copied()
            .collect();
        // Sorted, so that the constraint is the same for any hash order.
        pairs.sort_unstable();
        Apart::new(labels, names.len(), &pairs)
    }

    /// The items of the record's set fields, each written given name
    /// first (see [`given_name_first`]) and taken as its [`label`].
    pub(crate) fn items(&self, record: &PreparedRecord<'_>) -> Vec<String> {
        let mut items = Vec::new();
        for &(field, separator) in &self.sets {
            let Some(raw) = record.raw(field) else {
                continue;
            };
            for item in set_items(raw, separator) {
                let folded = label(&given_name_first(item));
                if !folded.is_empty() {
                    items.push(folded);
                }
            }
        }
        items
    }
}

/// The label of a person's name as written: folded, without the spaces
/// and hyphens between its parts, so that `Dong-Hyun Kim`, `Dong Hyun
/// Kim` and `Donghyun Kim` (one Korean name, as patent offices write it)
/// are one label, while word order still tells `Feng Li` from `Li Feng`.
fn label(name: &str) -> String {
    fold_text(name)
        .chars()
        .filter(|&c| c != ' ' && c != '-')
        .collect()
}

/// Whether most filled values of text field `field` are lists of items
/// separated by `|` (co-inventors declared as text, not as a set): their
/// items name people as a set's do. Every record counts, so the answer
/// does not depend on the input order.
fn holds_lists(store: &PreparedStore, field: FieldId) -> bool {
    let (mut filled, mut lists) = (0usize, 0usize);
    for raw in store.records().filter_map(|record| record.raw(field)) {
        filled += 1;
        lists += usize::from(raw.contains('|'));
    }
    lists * 2 > filled
}

/// The one field of `fields`, or `None` for none or several.
fn single(mut fields: impl Iterator<Item = FieldId>) -> Option<FieldId> {
    match (fields.next(), fields.next()) {
        (Some(field), None) => Some(field),
        _ => None,
    }
}

/// An item written family name first before a comma (`Gupta, Deepa B.`)
/// turned around (`Deepa B. Gupta`); any other item as it is, a suffix
/// after a comma too (`Deepa Gupta, Jr.`).
fn given_name_first(item: &str) -> Cow<'_, str> {
    match item.split_once(',') {
        Some((family, given))
            if !family.trim().is_empty()
                && !given.trim().is_empty()
                && !is_suffix(&fold_text(given).replace(' ', "")) =>
        {
            Cow::Owned(format!("{} {}", given.trim(), family.trim()))
        }
        _ => Cow::Borrowed(item),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::OwnedRecord;
    use crate::schema::Schema;

    /// A store of (given, family, co-inventors) records (also the live
    /// constraint's tests').
    pub(crate) fn store(records: &[(&str, &str, &str)]) -> PreparedStore {
        let schema = Schema::builder()
            .field("given", FieldKind::GivenName)
            .field("family", FieldKind::FamilyName)
            .field("coinventors", FieldKind::Set)
            .build()
            .unwrap();
        let records: Vec<OwnedRecord> = records
            .iter()
            .enumerate()
            .map(|(at, &(given, family, listed))| {
                OwnedRecord::new(format!("m{at}"))
                    .with("given", given)
                    .with("family", family)
                    .with("coinventors", listed)
            })
            .collect();
        store_of(schema, &records)
    }

    /// `records` in one source of a store of `schema`.
    fn store_of(schema: Schema, records: &[OwnedRecord]) -> PreparedStore {
        let mut store = PreparedStore::new(schema);
        let source = store.add_source("patents", false).unwrap();
        store.ingest(source, records).unwrap();
        store
    }

    #[test]
    fn items_written_family_name_first_are_turned_around() {
        assert_eq!(given_name_first("Gupta, Deepa B."), "Deepa B. Gupta");
        assert_eq!(given_name_first(" Gupta ,Deepa"), "Deepa Gupta");
        assert_eq!(given_name_first("Li Feng"), "Li Feng");
        assert_eq!(given_name_first(", Ann"), ", Ann");
        assert_eq!(given_name_first("Lee,"), "Lee,");
        assert_eq!(given_name_first("Deepa Gupta, Jr."), "Deepa Gupta, Jr.");
        assert_eq!(given_name_first("Deepa Gupta, PhD"), "Deepa Gupta, PhD");
    }

    #[test]
    fn a_name_written_with_or_without_hyphens_and_spaces_is_one_label() {
        // `Dong-Hyun Kim` lists `Jongmin Park`, who lists `Dong Hyun
        // Kim`: two people, however the patents spell them.
        let store = store(&[
            ("Dong-Hyun", "Kim", "Jongmin Park"),
            ("Jong-Min", "Park", "Dong Hyun Kim"),
            ("Donghyun", "Kim", ""),
            ("Li", "Feng", "Feng Li"),
        ]);
        let check = Coparticipants::of(&store).unwrap();
        let people: Vec<Option<String>> = store
            .records()
            .map(|record| check.person(&record))
            .collect();
        assert_eq!(
            people,
            [
                Some("donghyunkim".to_string()),
                Some("jongminpark".to_string()),
                Some("donghyunkim".to_string()),
                Some("lifeng".to_string()),
            ]
        );
        let apart = check.apart(&store);
        // Every spelling of Dong-Hyun Kim is kept apart from Jong-Min
        // Park; `Li Feng` lists `Feng Li`, another person, who gives no
        // record here.
        assert!(apart.keeps_apart(&[2], &[1]));
        assert!(apart.keeps_apart(&[0], &[1]));
        assert!(!apart.keeps_apart(&[3], &[0, 1, 2]));
    }

    #[test]
    fn people_listing_each_other_family_name_first_are_kept_apart() {
        let store = store(&[
            ("Deepa B.", "Gupta", "Rao, Praveen; Shah, Amit"),
            ("Praveen", "Rao", "Gupta, Deepa B."),
        ]);
        let check = Coparticipants::of(&store).unwrap();
        assert_eq!(
            check.items(&store.records().next().unwrap()),
            ["praveenrao", "amitshah"]
        );
        assert!(!check.apart(&store).is_empty());
    }

    #[test]
    fn a_whole_name_kept_as_metadata_names_the_person() {
        // As `sameas resolve` reads a file whose only names are whole:
        // given, middle and family names from it, the whole name kept.
        let schema = Schema::builder()
            .metadata("name", FieldKind::FullName)
            .field("given", FieldKind::GivenName)
            .field("middle", FieldKind::GivenName)
            .field("family", FieldKind::FamilyName)
            .field("coinventors", FieldKind::Set)
            .build()
            .unwrap();
        let record = |id: &str, name: &str, listed: &str| {
            OwnedRecord::new(id)
                .with("name", name)
                .with("coinventors", listed)
        };
        let store = store_of(
            schema,
            &[
                record("m0", "Gupta, Deepa B.", "Praveen Rao"),
                record("m1", "Praveen Rao", "Deepa B. Gupta"),
            ],
        );
        let check = Coparticipants::of(&store).unwrap();
        let first = store.records().next().unwrap();
        assert_eq!(check.person(&first).as_deref(), Some("deepabgupta"));
        assert!(!check.apart(&store).is_empty());
    }

    #[test]
    fn co_inventors_declared_as_text_are_read_as_their_items() {
        let schema = Schema::builder()
            .field("given", FieldKind::GivenName)
            .field("family", FieldKind::FamilyName)
            .field("coinventors", FieldKind::Text)
            .build()
            .unwrap();
        let record = |id: &str, given: &str, family: &str, listed: &str| {
            OwnedRecord::new(id)
                .with("given", given)
                .with("family", family)
                .with("coinventors", listed)
        };
        let store = store_of(
            schema.clone(),
            &[
                record("m0", "Deepa", "Gupta", "Praveen Rao|Amit Shah"),
                record("m1", "Praveen", "Rao", "Deepa Gupta|Amit Shah"),
            ],
        );
        let check = Coparticipants::of(&store).unwrap();
        assert!(!check.apart(&store).is_empty());
        // Free text that is not a list (one value in three has a `|`).
        let store = store_of(
            schema,
            &[
                record("m0", "Deepa", "Gupta", "Praveen Rao"),
                record("m1", "Praveen", "Rao", "Deepa Gupta"),
                record("m2", "Amit", "Shah", "Deepa Gupta|Praveen Rao"),
            ],
        );
        assert!(Coparticipants::of(&store).is_none());
    }

    #[test]
    fn swapped_names_without_a_comma_are_two_people() {
        // Feng Li and Li Feng on one patent, each listing the other.
        let store = store(&[("Feng", "Li", "Li Feng|Wei Hu"), ("Li", "Feng", "Feng Li")]);
        let check = Coparticipants::of(&store).unwrap();
        assert!(!check.apart(&store).is_empty());
        // Listed one way only: nothing kept apart.
        let store = self::store(&[("Feng", "Li", "Li Feng|Wei Hu"), ("Li", "Feng", "Wei Hu")]);
        assert!(Coparticipants::of(&store).unwrap().apart(&store).is_empty());
    }
}
