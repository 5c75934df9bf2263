//! Blocking a careful practitioner would choose, from the field kinds.

use super::keys::{Blocker, BlockingKeys};
use super::rules::{KeyRule, KeyTransform, TokenKeys, TokenMode};
use crate::prepare::PreparedRecord;
use crate::schema::{FieldId, FieldKind, Schema};

/// A union of blockers chosen from the schema's field kinds, so that a
/// user who declares fields gets good recall without writing rules.
///
/// Per field: an exact e-mail and e-mail local part; the last 7 phone
/// digits; an exact identifier. With names and a date of birth: date +
/// family Soundex, date + formal given name (nicknames meet), date with
/// day and month in either order + family Metaphone, and date + the two
/// names' Soundex codes in either order (given/family swaps). Without a
/// date: formal given name + family Soundex. Full names: date + sorted
/// words, else sorted words. Postcode + family initial; exact address;
/// organisations by word. Each rule is named after its parts in
/// [`BlockingStats`](super::BlockingStats).
///
/// # Examples
///
/// ```
/// use sameas::block::{default_blockers, Blocker};
/// use sameas::{FieldKind, Schema};
///
/// let schema = Schema::builder()
///     .field("given", FieldKind::GivenName)
///     .field("family", FieldKind::FamilyName)
///     .field("dob", FieldKind::Date)
///     .field("email", FieldKind::Email)
///     .build()?;
/// let names: Vec<String> = default_blockers(&schema).iter().map(|b| b.name()).collect();
/// assert!(names.contains(&"email".to_string()));
/// assert!(names.contains(&"dob + family:soundex".to_string()));
/// # Ok::<(), sameas::Error>(())
/// ```
pub fn default_blockers(schema: &Schema) -> Vec<Box<dyn Blocker>> {
    let mut blockers: Vec<Box<dyn Blocker>> = Vec::new();
    let name_of = |id: FieldId| schema.field(id).name().to_string();
    let first = |kind: FieldKind| schema.fields_of(kind).next().map(name_of);
    let mut rule = |parts: &[(&str, KeyTransform)]| {
        if let Ok(rule) = KeyRule::on(schema, parts) {
            blockers.push(Box::new(rule));
        }
    };
    for email in schema.fields_of(FieldKind::Email).map(name_of) {
        rule(&[(&email, KeyTransform::Exact)]);
        rule(&[(&email, KeyTransform::EmailLocal)]);
    }
    for phone in schema.fields_of(FieldKind::Phone).map(name_of) {
        rule(&[(&phone, KeyTransform::LastDigits(7))]);
    }
    for identifier in schema.fields_of(FieldKind::Identifier).map(name_of) {
        rule(&[(&identifier, KeyTransform::Exact)]);
    }
    let (given, family, date) = (
        first(FieldKind::GivenName),
        first(FieldKind::FamilyName),
        first(FieldKind::Date),
    );
    match (&given, &family, &date) {
        (Some(given), Some(family), Some(date)) => {
            rule(&[(date, KeyTransform::Exact), (family, KeyTransform::Soundex)]);
            rule(&[
                (date, KeyTransform::Exact),
                (given, KeyTransform::FormalName),
            ]);
            rule(&[
                (date, KeyTransform::DateUnordered),
                (family, KeyTransform::Metaphone),
            ]);
            rule(&[
                (given, KeyTransform::FormalName),
                (family, KeyTransform::Soundex),
            ]);
        }
        (Some(given), Some(family), None) => {
            rule(&[
                (given, KeyTransform::FormalName),
                (family, KeyTransform::Soundex),
            ]);
            rule(&[
                (given, KeyTransform::Soundex),
                (family, KeyTransform::Exact),
            ]);
        }
        (None, Some(family), Some(date)) => {
            rule(&[(date, KeyTransform::Exact), (family, KeyTransform::Soundex)]);
        }
        (Some(given), None, Some(date)) => {
            rule(&[
                (date, KeyTransform::Exact),
                (given, KeyTransform::FormalName),
            ]);
        }
        _ => {}
    }
    if let (Some(family), Some(postcode)) = (&family, first(FieldKind::Postcode)) {
        rule(&[
            (&postcode, KeyTransform::Exact),
            (family, KeyTransform::Initial),
        ]);
    }
    for address in schema.fields_of(FieldKind::Address).map(name_of) {
        rule(&[(&address, KeyTransform::Exact)]);
    }
    for full_name in schema.fields_of(FieldKind::FullName).map(name_of) {
        match &date {
            Some(date) => rule(&[
                (date, KeyTransform::Exact),
                (&full_name, KeyTransform::SortedTokens),
            ]),
            None => rule(&[(&full_name, KeyTransform::SortedTokens)]),
        }
    }
    if let (Some(given), Some(family), Some(date)) = (
        schema.fields_of(FieldKind::GivenName).next(),
        schema.fields_of(FieldKind::FamilyName).next(),
        schema.fields_of(FieldKind::Date).next(),
    ) {
        blockers.push(Box::new(SwappedNames {
            name: format!("{}:date_unordered + names in either order", name_of(date)),
            given,
            family,
            date,
        }));
    }
    for organisation in schema.fields_of(FieldKind::Organisation).map(name_of) {
        if let Ok(words) = TokenKeys::on(schema, &organisation, TokenMode::Words) {
            blockers.push(Box::new(words));
        }
    }
    blockers
}

/// Date of birth (day and month in either order) + the Soundex codes of
/// given and family name in either order: records whose names were
/// entered the wrong way round still meet.
struct SwappedNames {
    name: String,
    given: FieldId,
    family: FieldId,
    date: FieldId,
}

impl Blocker for SwappedNames {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn keys(&self, record: &PreparedRecord<'_>, keys: &mut BlockingKeys) {
        let (Some(date), Some(given), Some(family)) = (
            record.date(self.date),
            record.soundex(self.given),
            record.soundex(self.family),
        ) else {
            return;
        };
        let (low, high) = if given <= family {
            (given, family)
        } else {
            (family, given)
        };
        let (day_low, day_high) = (date.day().min(date.month()), date.day().max(date.month()));
        let year = date.year().to_le_bytes();
        keys.append(&[year[0], year[1], day_low, day_high]);
        keys.append(low.as_bytes());
        keys.append(&[0x1F]);
        keys.append(high.as_bytes());
        keys.finish();
    }
}
