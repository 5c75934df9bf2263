//! Fields that make one thing together, read from their names: an
//! address split over columns (`street_number`, `street_name`,
//! `unit_number`), and columns that describe another party than the
//! record's entity (`employer_id`, `employer_name`, `employer_zipcode`:
//! co-workers share them).
//!
//! Default comparisons and blocking read these groups so that one piece
//! of evidence counts once: a household agrees on street number, street
//! name and unit at once, and co-workers agree on every employer column.

use crate::id::FieldId;
use crate::schema::{FieldKind, Schema};

/// Words that, leading a field name, say the field describes another
/// party: `employer_name` is the employer's name, not the person's.
const OTHER_PARTIES: [&str; 10] = [
    "employer",
    "spouse",
    "mother",
    "father",
    "parent",
    "guardian",
    "emergency",
    "kin",
    "landlord",
    "referrer",
];

/// Last words of a party's field that name the party itself: its
/// identifier, else its name.
const PARTY_ID_WORDS: [&str; 6] = ["id", "number", "no", "ein", "tin", "code"];
const PARTY_NAME_WORDS: [&str; 2] = ["name", "names"];

/// Which part of an address a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// The house number (`street_number`, `house_no`).
    Number,
    /// The street (`street_name`, `street`).
    Street,
    /// The apartment or suite (`unit_number`, `apt`).
    Unit,
}

/// An address split over several fields: the street with its house
/// number and unit, when the schema has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AddressGroup {
    /// The street name field (an [`Address`](FieldKind::Address) field).
    pub(crate) street: FieldId,
    /// The house number field.
    pub(crate) number: Option<FieldId>,
    /// The apartment or suite field.
    pub(crate) unit: Option<FieldId>,
}

impl AddressGroup {
    /// The group's fields: street, number, unit.
    pub(crate) fn fields(&self) -> impl Iterator<Item = FieldId> {
        [Some(self.street), self.number, self.unit]
            .into_iter()
            .flatten()
    }

    /// Whether `id` is one of the group's fields.
    pub(crate) fn contains(&self, id: FieldId) -> bool {
        self.fields().any(|field| field == id)
    }
}

/// The lower-case words of a field name, split at non-alphanumeric
/// characters and lower-to-upper case changes (`streetName`).
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous: Option<char> = None;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous = None;
            continue;
        }
        if previous.is_some_and(|before| before.is_lowercase() && c.is_uppercase())
            && !current.is_empty()
        {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
        previous = Some(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// The address part a field name ends with, and the words before it
/// (`mailing_address_street_name`: the street, after `mailing address`).
fn address_part(name: &str) -> Option<(Part, Vec<String>)> {
    let words = words(name);
    let n = words.len();
    let last = words.last()?.as_str();
    let before = n.checked_sub(2).map(|i| words[i].as_str());
    let numbered = ["number", "no", "num", "nr"].contains(&last);
    let (part, used) = match (before, last) {
        (Some("street" | "house" | "building" | "civic"), _) if numbered => (Part::Number, 2),
        (_, "streetnumber" | "streetno" | "housenumber" | "houseno" | "hausnummer") => {
            (Part::Number, 1)
        }
        (Some("street"), "name") => (Part::Street, 2),
        (_, "street" | "streetname" | "strasse") => (Part::Street, 1),
        (Some("unit" | "apt" | "apartment" | "suite" | "flat"), _) if numbered => (Part::Unit, 2),
        (_, "unit" | "apt" | "apartment" | "suite" | "flat") => (Part::Unit, 1),
        _ => return None,
    };
    Some((part, words[..n - used].to_vec()))
}

/// The other party a field describes (`employer` for `employer_city`),
/// read from the first word of its name.
pub(crate) fn other_party(name: &str) -> Option<&'static str> {
    let words = words(name);
    let first = words.first()?;
    // A lone `employer` column names the person's employer: it is the
    // party's name, described by the field as a whole.
    OTHER_PARTIES.iter().find(|party| *party == first).copied()
}

/// Whether field `id` of `schema` describes another party (one of two
/// or more fields named after it).
pub(crate) fn is_other_party(schema: &Schema, id: FieldId) -> bool {
    schema
        .try_field(id)
        .is_some_and(|field| other_party(field.name()).is_some())
        && other_parties(schema)
            .iter()
            .any(|party| party.fields.contains(&id))
}

/// The matching fields of `kind` that describe the record's entity (not
/// another party) on their own (not the house number or unit of a split
/// address, which count with its street), in declaration order.
pub(crate) fn own_fields_of(
    schema: &Schema,
    kind: FieldKind,
) -> impl Iterator<Item = FieldId> + '_ {
    let parts: Vec<FieldId> = address_groups(schema)
        .iter()
        .flat_map(|group| group.fields().filter(|&id| id != group.street))
        .collect();
    schema
        .matching_fields_of(kind)
        .filter(move |&id| !is_other_party(schema, id) && !parts.contains(&id))
}

/// The addresses split over several matching fields, in the order of
/// their street fields: a street field of kind
/// [`Address`](FieldKind::Address) with a house number or unit field (of
/// any kind) whose name has the same leading words.
pub(crate) fn address_groups(schema: &Schema) -> Vec<AddressGroup> {
    let parts: Vec<(FieldId, Part, Vec<String>)> = schema
        .matching_ids()
        .filter_map(|id| {
            let field = schema.try_field(id)?;
            let (part, prefix) = address_part(field.name())?;
            Some((id, part, prefix))
        })
        .collect();
    let find = |wanted: Part, prefix: &[String]| {
        parts
            .iter()
            .find(|(_, part, other)| *part == wanted && other.as_slice() == prefix)
            .map(|(id, _, _)| *id)
    };
    let mut groups = Vec::new();
    for (id, part, prefix) in &parts {
        if *part != Part::Street || schema.field(*id).kind() != FieldKind::Address {
            continue;
        }
        let number = find(Part::Number, prefix);
        let unit = find(Part::Unit, prefix);
        if number.is_some() || unit.is_some() {
            groups.push(AddressGroup {
                street: *id,
                number,
                unit,
            });
        }
    }
    groups
}

/// Another party's fields that identify it: the first whose name ends
/// with an identifier word (`employer_id`), the first ending with a name
/// word or naming the party alone (`employer_name`), and its split
/// address, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Party {
    /// The party's word (`employer`).
    pub(crate) name: &'static str,
    pub(crate) id: Option<FieldId>,
    pub(crate) title: Option<FieldId>,
    pub(crate) address: Option<AddressGroup>,
    /// Every field named after the party.
    pub(crate) fields: Vec<FieldId>,
}

/// The other parties the schema's matching fields describe, in order of
/// their first field: those with two fields or more (a lone `employer`
/// column is the person's employer, compared as its kind says).
pub(crate) fn other_parties(schema: &Schema) -> Vec<Party> {
    let groups = address_groups(schema);
    let mut parties: Vec<Party> = Vec::new();
    for id in schema.matching_ids() {
        let Some(field) = schema.try_field(id) else {
            continue;
        };
        let Some(name) = other_party(field.name()) else {
            continue;
        };
        let position = match parties.iter().position(|party| party.name == name) {
            Some(position) => position,
            None => {
                parties.push(Party {
                    name,
                    id: None,
                    title: None,
                    fields: Vec::new(),
                    address: groups
                        .iter()
                        .find(|group| other_party(schema.field(group.street).name()) == Some(name))
                        .copied(),
                });
                parties.len() - 1
            }
        };
        let party = &mut parties[position];
        party.fields.push(id);
        let words = words(field.name());
        let rest = words.get(1..).unwrap_or_default();
        match rest.last().map(String::as_str) {
            Some(last) if rest.len() == 1 && PARTY_ID_WORDS.contains(&last) => {
                party.id = party.id.or(Some(id));
            }
            None => party.title = party.title.or(Some(id)),
            Some(last) if rest.len() == 1 && PARTY_NAME_WORDS.contains(&last) => {
                party.title = party.title.or(Some(id));
            }
            _ => {}
        }
    }
    parties.retain(|party| party.fields.len() > 1);
    parties
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(fields: &[(&str, FieldKind)]) -> Schema {
        let mut builder = Schema::builder();
        for (name, kind) in fields {
            builder.field(*name, *kind);
        }
        builder.build().unwrap()
    }

    #[test]
    fn address_parts_are_read_from_names() {
        assert_eq!(address_part("street_number").unwrap().0, Part::Number);
        assert_eq!(address_part("HouseNo").unwrap().0, Part::Number);
        assert_eq!(address_part("street_name").unwrap().0, Part::Street);
        assert_eq!(address_part("unit_number").unwrap().0, Part::Unit);
        assert_eq!(address_part("apt").unwrap().0, Part::Unit);
        let (part, prefix) = address_part("mailing_address_street_name").unwrap();
        assert_eq!(
            (part, prefix.join(" ")),
            (Part::Street, "mailing address".into())
        );
        assert!(address_part("number").is_none());
        assert!(address_part("address").is_none());
        assert!(address_part("phone_number").is_none());
    }

    #[test]
    fn split_addresses_group_by_their_leading_words() {
        let schema = schema(&[
            ("first_name", FieldKind::GivenName),
            ("street_number", FieldKind::Category),
            ("street_name", FieldKind::Address),
            ("unit_number", FieldKind::Identifier),
            ("employer_street_number", FieldKind::Address),
            ("employer_street_name", FieldKind::Address),
            ("address", FieldKind::Address),
        ]);
        let id = |name: &str| schema.field_id(name).unwrap();
        let groups = address_groups(&schema);
        assert_eq!(
            groups,
            [
                AddressGroup {
                    street: id("street_name"),
                    number: Some(id("street_number")),
                    unit: Some(id("unit_number")),
                },
                AddressGroup {
                    street: id("employer_street_name"),
                    number: Some(id("employer_street_number")),
                    unit: None,
                },
            ]
        );
        // A street alone is no split address.
        let alone = Schema::builder()
            .field("street", FieldKind::Address)
            .build()
            .unwrap();
        assert!(address_groups(&alone).is_empty());
    }

    #[test]
    fn other_parties_are_read_from_the_first_word() {
        let schema = schema(&[
            ("ssn", FieldKind::Identifier),
            ("employer_id", FieldKind::Identifier),
            ("employer_name", FieldKind::Organisation),
            ("employer_street_number", FieldKind::Address),
            ("employer_street_name", FieldKind::Address),
            ("employer_city", FieldKind::City),
            ("employer", FieldKind::Organisation),
            ("father_name", FieldKind::FullName),
            ("father_id", FieldKind::Identifier),
            ("spouse_name", FieldKind::FullName),
        ]);
        let id = |name: &str| schema.field_id(name).unwrap();
        let parties = other_parties(&schema);
        assert_eq!(parties.len(), 2);
        assert_eq!(parties[0].name, "employer");
        assert_eq!(parties[0].id, Some(id("employer_id")));
        assert_eq!(parties[0].title, Some(id("employer_name")));
        assert_eq!(
            parties[0].address.unwrap().street,
            id("employer_street_name")
        );
        assert_eq!(parties[1].title, Some(id("father_name")));
        // A lone field named after a party is the record's own.
        assert!(!is_other_party(&schema, id("spouse_name")));
        assert!(is_other_party(&schema, id("employer_city")));
        let own: Vec<FieldId> = own_fields_of(&schema, FieldKind::Identifier).collect();
        assert_eq!(own, [id("ssn")]);
        let split = Schema::builder()
            .field("street_name", FieldKind::Address)
            .field("unit_number", FieldKind::Identifier)
            .field("ssn", FieldKind::Identifier)
            .build()
            .unwrap();
        // A unit counts with its street, never as the person's identifier.
        let own: Vec<FieldId> = own_fields_of(&split, FieldKind::Identifier).collect();
        assert_eq!(own, [split.field_id("ssn").unwrap()]);
        assert_eq!(other_party("employment_status"), None);
        assert_eq!(other_party("Employer"), Some("employer"));
    }
}
