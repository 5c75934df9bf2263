//! Records that name each other as co-participants: two people.
//!
//! A patent with three inventors gives three mentions that share its
//! title, classes, assignee and often city, and each lists the others in
//! its co-inventors. Every shared value says "same patent", not "same
//! person", and the co-inventor sets overlap (each holds the third
//! inventor), so two co-inventors can score as one person. But a record
//! whose set of people names the other record's person, while the other
//! names this one's, describes two people who worked together: a person
//! is not listed as their own co-inventor (or co-author, or household
//! member). Such pairs are refused whatever their score.
//!
//! Measured on generated inventors with teams (5,000 inventors, seeds 7
//! and 8): each names the other in 3 % of the false pairs main put in
//! one entity and 0.01 % of the true ones (a namesake on one patent).

use ahash::AHashMap;

use crate::cluster::Apart;
use crate::id::FieldId;
use crate::normalize::fold_text;
use crate::prepare::{PreparedRecord, PreparedStore};
use crate::schema::FieldKind;

/// The most records of one person a record is kept apart from.
const MAX_PARTNERS: usize = 16;

/// Where a record names its person and the people it lists with them.
pub(crate) struct Coparticipants {
    /// The name fields whose values, joined as written, name the record's
    /// person: given then family name, or a full name.
    name: Vec<FieldId>,
    /// The fields of kind set (`|`-separated items).
    sets: Vec<FieldId>,
}

impl Coparticipants {
    /// The check for `store`'s schema: `None` without a set field, or
    /// without exactly one given and one family name field (or one full
    /// name field).
    pub(crate) fn of(store: &PreparedStore) -> Option<Coparticipants> {
        let schema = store.schema();
        let sets: Vec<FieldId> = schema.matching_fields_of(FieldKind::Set).collect();
        if sets.is_empty() {
            return None;
        }
        let only = |kind| {
            let mut fields = schema.matching_fields_of(kind);
            match (fields.next(), fields.next()) {
                (Some(field), None) => Some(field),
                _ => None,
            }
        };
        let name = match (
            only(FieldKind::GivenName),
            only(FieldKind::FamilyName),
            schema.matching_fields_of(FieldKind::FullName).next(),
        ) {
            (Some(given), Some(family), _) => vec![given, family],
            (None, None, Some(_)) => vec![only(FieldKind::FullName)?],
            _ => return None,
        };
        Some(Coparticipants { name, sets })
    }

    /// The record's person as a set item would name them (folded), if
    /// every name field is filled.
    fn person(&self, record: &PreparedRecord<'_>) -> Option<String> {
        let mut written = String::new();
        for &field in &self.name {
            if !written.is_empty() {
                written.push(' ');
            }
            written.push_str(record.raw(field)?);
        }
        Some(fold_text(&written).into_owned())
    }

    /// The pairs of `store`'s records that name each other, kept apart
    /// in clustering. Where two people worked together many times, each
    /// record is kept apart from at most [`MAX_PARTNERS`] of the other's
    /// records: one is enough to keep their groups apart once each
    /// group holds most of its person's records.
    pub(crate) fn apart(&self, store: &PreparedStore) -> Apart {
        let people: Vec<Option<String>> = store.records().map(|r| self.person(&r)).collect();
        // Records by (their person, a person they list).
        let mut listing = AHashMap::<(&str, &str), Vec<u32>>::new();
        let records: Vec<PreparedRecord<'_>> = store.records().collect();
        for (record, person) in records.iter().zip(&people) {
            let Some(person) = person else { continue };
            for item in self.items(record) {
                listing
                    .entry((person.as_str(), item))
                    .or_default()
                    .push(record.index().get() as u32);
            }
        }
        let mut pairs = Vec::new();
        for (record, person) in records.iter().zip(&people) {
            let Some(person) = person else { continue };
            let me = record.index().get() as u32;
            for item in self.items(record) {
                // A record listing its own person's name (a namesake on
                // the patent) cannot tell the namesake's records from
                // its person's own: no constraint.
                if item == person {
                    continue;
                }
                // Records of the person this one lists that list this
                // one's person back.
                if let Some(others) = listing.get(&(item, person.as_str())) {
                    pairs.extend(
                        others
                            .iter()
                            .filter(|&&other| other > me)
                            .take(MAX_PARTNERS)
                            .map(|&other| (me, other)),
                    );
                }
            }
        }
        Apart::from_pairs(store.len(), &pairs)
    }

    /// The items of the record's set fields.
    fn items<'a>(&self, record: &PreparedRecord<'a>) -> Vec<&'a str> {
        self.sets
            .iter()
            .filter_map(|&field| record.text(field))
            .flat_map(|items| items.split('|'))
            .collect()
    }
}
