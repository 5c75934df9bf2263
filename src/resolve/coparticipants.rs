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
//! A name listing itself (a namesake on one patent) says nothing, and
//! neither does a record listing another way of writing its own name
//! (`Deepa B. Gupta` listing `Deepa Gupta` or `D. Gupta`: the same
//! family name, the given names with words left out or cut to
//! initials), as a patent that lists one inventor twice does: kept
//! apart, the two ways of writing the name would split all of that
//! inventor's records between them. Two namesakes who do work together
//! under such names (`Carlos Garcia`, `Carlos U. Garcia`) are left to
//! the scores. An
//! item written family name first, before a comma (`Gupta, Deepa B.`),
//! names the records of `Deepa B.` `Gupta`; word order is otherwise
//! kept, as `Feng Li` and `Li Feng` are often two people.
//!
//! Measured on generated inventors with teams, 5,000 inventors, kinds
//! declared: pairwise precision 0.840 -> 0.928 (seed 7) and 0.874 ->
//! 0.936 (seed 8), recall unchanged (0.816 -> 0.820, 0.908 -> 0.905);
//! keeping apart only the pairs of records that list each other gave
//! 0.919 and 0.930. Leaving out the items that write the record's own
//! name another way: F1 0.8753 -> 0.8781 (10,000 inventors, seed 7),
//! 0.8417 -> 0.8434 (35,000, seed 9), 0.8878 and 0.9342 unchanged
//! (5,000, seeds 7 and 8); with one mention in a hundred listed twice on
//! its patent (an initial or a middle initial more in the second form),
//! 0.8821 -> 0.8861, 0.9267 -> 0.9314 and 0.8595 -> 0.8670.

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
    /// first (see [`given_name_first`]) and taken as its [`label`],
    /// without those that write the record's own person another way
    /// (see [`NameParts::is_variant_of`]).
    pub(crate) fn items(&self, record: &PreparedRecord<'_>) -> Vec<String> {
        let own = self.parts(record);
        let mut items = Vec::new();
        for &(field, separator) in &self.sets {
            let Some(raw) = record.raw(field) else {
                continue;
            };
            for item in set_items(raw, separator) {
                let written = given_name_first(item);
                let folded = label(&written);
                if folded.is_empty()
                    || own
                        .as_ref()
                        .is_some_and(|own| own.is_variant_of(&NameParts::of_whole(&written)))
                {
                    continue;
                }
                items.push(folded);
            }
        }
        items
    }

    /// The record's person's name in parts, as [`person`](Self::person)
    /// reads it.
    fn parts(&self, record: &PreparedRecord<'_>) -> Option<NameParts> {
        if let Some(full) = self.full.and_then(|field| record.raw(field)) {
            return Some(NameParts::of_whole(&given_name_first(full)));
        }
        let [given, family] = self.name[..] else {
            return None;
        };
        Some(NameParts::of(record.raw(given)?, record.raw(family)?))
    }
}

/// A person's name as the co-participant check compares it with the
/// names a record lists: the given names' words (folded; hyphens split
/// words) and the family name's letters.
#[derive(Debug, PartialEq)]
struct NameParts {
    given: Vec<String>,
    family: String,
}

impl NameParts {
    /// From a given and a family name.
    fn of(given: &str, family: &str) -> NameParts {
        NameParts {
            given: fold_text(given)
                .split([' ', '-'])
                .filter(|word| !word.is_empty())
                .map(str::to_string)
                .collect(),
            family: label(family),
        }
    }

    /// From a whole name written given name first: its last word is the
    /// family name.
    fn of_whole(name: &str) -> NameParts {
        let folded = fold_text(name);
        match folded.trim().rsplit_once(' ') {
            Some((given, family)) => NameParts::of(given, family),
            None => NameParts::of("", &folded),
        }
    }

    /// Whether `other` writes this person another way, as a patent that
    /// lists one inventor twice does (`Deepa B. Gupta` beside `Deepa
    /// Gupta`, or `D. Gupta`): the same family name, and the given names
    /// of one are the other's with words left out or cut to their
    /// initial. Another given name (`Jing Wang` and `Jun Wang`), another
    /// family name (`Wei Li` and `Wei Liu`) or the words in another order
    /// (`Li Feng` and `Feng Li`) name another person.
    fn is_variant_of(&self, other: &NameParts) -> bool {
        if self.family.is_empty() || self.family != other.family {
            return false;
        }
        let (short, long) = if self.given.len() <= other.given.len() {
            (&self.given, &other.given)
        } else {
            (&other.given, &self.given)
        };
        if short.is_empty() {
            return false;
        }
        let mut rest = long.iter();
        short.iter().all(|word| {
            rest.by_ref()
                .any(|candidate| same_or_initial(word, candidate))
        })
    }
}

/// Whether two given-name words are one, or one is the other's initial.
fn same_or_initial(a: &str, b: &str) -> bool {
    let initial = |word: &str, of: &str| word.chars().count() == 1 && of.starts_with(word);
    a == b || initial(a, b) || initial(b, a)
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

    proptest::proptest! {
        #[test]
        fn a_variant_is_one_both_ways_and_dropping_words_keeps_one(
            given in proptest::collection::vec("[a-z]{1,6}", 1..4),
            other in proptest::collection::vec("[a-z]{1,6}", 0..4),
            family in "[a-z]{2,8}",
            keep in proptest::collection::vec(proptest::bool::ANY, 4),
        ) {
            let name = NameParts::of(&given.join(" "), &family);
            let other = NameParts::of(&other.join(" "), &family);
            proptest::prop_assert_eq!(name.is_variant_of(&other), other.is_variant_of(&name));
            // The given names with words left out or cut to initials.
            let shorter: Vec<String> = given
                .iter()
                .zip(&keep)
                .enumerate()
                .filter(|&(at, (_, &whole))| at == 0 || whole)
                .map(|(at, (word, &whole))| match (at, whole) {
                    (0, false) => word[..1].to_string(),
                    _ => word.clone(),
                })
                .collect();
            let written = format!("{} {family}", shorter.join(" "));
            proptest::prop_assert!(name.is_variant_of(&NameParts::of_whole(&written)));
        }
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
    fn another_way_of_writing_a_name_is_the_same_person() {
        let deepa = NameParts::of("Deepa B.", "Gupta");
        for variant in [
            "Deepa Gupta",
            "D. Gupta",
            "Deepa B Gupta",
            "D. B. Gupta",
            "DEEPA GUPTA",
        ] {
            let other = NameParts::of_whole(variant);
            assert!(deepa.is_variant_of(&other), "{variant}");
            assert!(other.is_variant_of(&deepa), "{variant}");
        }
        for other in [
            "Deepa C. Gupta",
            "Deepak Gupta",
            "Deepa Gupte",
            "Gupta Deepa",
            "Gupta",
            "",
            "Amit Shah",
        ] {
            assert!(!deepa.is_variant_of(&NameParts::of_whole(other)), "{other}");
        }
        let kim = NameParts::of("Dong-Hyun", "Kim");
        assert_eq!(kim.given, ["dong", "hyun"]);
        assert!(kim.is_variant_of(&NameParts::of_whole("D. H. Kim")));
        assert!(!kim.is_variant_of(&NameParts::of_whole("Dong-Hun Kim")));
        for (a, b) in [
            ("Jing Wang", "Jun Wang"),
            ("Wei Li", "Wei Liu"),
            ("Li Feng", "Feng Li"),
        ] {
            assert!(
                !NameParts::of_whole(a).is_variant_of(&NameParts::of_whole(b)),
                "{a} ~ {b}"
            );
        }
        // Without a given name there is nothing to compare.
        assert!(!NameParts::of("", "Gupta").is_variant_of(&NameParts::of("", "Gupta")));
    }

    #[test]
    fn an_inventor_listed_twice_on_a_patent_is_not_kept_from_themself() {
        // One patent lists Deepa B. Gupta twice, once without the middle
        // initial, beside Amit Shah: Amit is another person; the two
        // forms of Deepa's name are not.
        let store = store(&[
            ("Deepa B.", "Gupta", "Deepa Gupta|Amit Shah"),
            ("Deepa", "Gupta", "Deepa B. Gupta|Amit Shah"),
            ("Amit", "Shah", "Deepa B. Gupta|Deepa Gupta"),
        ]);
        let check = Coparticipants::of(&store).unwrap();
        let first = store.records().next().unwrap();
        assert_eq!(check.items(&first), ["amitshah"]);
        let apart = check.apart(&store);
        assert!(!apart.keeps_apart(&[0], &[1]));
        assert!(apart.keeps_apart(&[0], &[2]));
        assert!(apart.keeps_apart(&[1], &[2]));
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
