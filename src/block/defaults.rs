//! Blocking a careful practitioner would choose, from the field kinds.

use super::keys::{Blocker, BlockingKeys};
use super::names::{NameEndsInCity, NamesAtOrganisation};
use super::rules::{KeyRule, KeyTransform, TokenKeys, TokenMode, unordered_date_key};
use crate::compare::{Written, first_word};
use crate::id::{FieldId, RecordIndex};
use crate::prepare::{PreparedRecord, PreparedStore};
use crate::schema::parts::{address_groups, own_fields_of};
use crate::schema::{FieldKind, Schema};

/// A union of blockers chosen from the schema's field kinds, so that a
/// user who declares fields gets good recall without writing rules.
/// [Metadata](crate::SchemaBuilder::metadata) fields are never keyed.
///
/// Per e-mail field: the exact address; the letters of its local part
/// (unless names key them, below); domain + first 6 + last 2 letters and
/// domain + first 2 + last 6 letters (one typo keeps one of them). The
/// last 7 phone digits; an exact identifier. With names and a date of
/// birth: date + family Soundex, date + formal given name (nicknames
/// meet), and the date (day and month in either order) with both names'
/// Soundex in either order (for given/family swaps and typos). With or
/// without a date: formal given name + family Soundex, both names'
/// Soundex in either order, so that one wrong field (the date, the given
/// name or the family name) still leaves a rule that finds the pair, and
/// so do names entered the wrong way round; with a
/// date, these name-only blocks are capped at 20 records (a name that
/// common says too little without the date), and both names' Soundex
/// with two of the date's year, month and day (a typed digit in a
/// common name's date of birth), and each name alone (the formal given
/// name, the family name) with two of the date's parts or with the date's
/// day and month in either order, capped at 20 records (a typo in the
/// other name and one in the date), and without an e-mail or a phone
/// each name whole (the given name formal) with the other's first three
/// letters and with its last three, capped at 20 records (a typo in one
/// name and nothing else in common: a record without a date beside one
/// without an address); without a date or a postcode, also formal given name,
/// family Soundex and city together, so that a name shared by more records than
/// the block-size cap (`Wei Wang` among a hundred thousand patent
/// inventors) still meets within a city, and within the city one name
/// whole with the other's first two letters, in either order (a
/// typing error in a common name, or given and family name swapped:
/// `Jing Wanzg`, `Wang Jing` and `Jing Wang` in Seoul meet); and with
/// an organisation, both names with its first word (the same name in
/// another city or without one) and one name whole with the other's last
/// three letters, the city and the organisation's first word (an error
/// or another romanisation at the start of a name: `uJan Vargas`,
/// `Hong Chang` and `Hong Zhang` at one company in one city). Postcode with family Soundex
/// and with formal given name; without a postcode, the city's Soundex
/// with the family Soundex, the formal given name or the given Soundex
/// (capped at 20 records); the exact address (split over fields: street
/// and house number together); full names: date + sorted
/// words, and beside a date the sorted words alone (capped at 20
/// records) and the date alone (capped at 10, when no given and family
/// names add it). Names run together against e-mail local parts (see
/// below); organisations by word. Per handle field: its letters, which
/// records with names and no handle meet by their names run together
/// (`@kneal1985` and Kelly Neal, see below). Each rule is named after its parts in
/// [`BlockingStats`](super::BlockingStats).
///
/// Columns of another party (`employer_id`, `employer_name`: see
/// [`default_comparisons`](crate::matcher::default_comparisons)) and the
/// house number or unit of a split address key no rule on their own.
///
/// Chosen by measurement on generated data (`sameas::synthetic`; `cargo run
/// --release --example blocking -- --rules` prints what each rule alone
/// finds).
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
/// // A wrong date of birth: the names alone still meet.
/// assert!(names.contains(&"given:soundex + family:soundex in either order".to_string()));
/// # Ok::<(), sameas::Error>(())
/// ```
pub fn default_blockers(schema: &Schema) -> Vec<Box<dyn Blocker>> {
    blockers_of(schema, true)
}

/// [`default_blockers`] as if the fields `ignored` were metadata (see
/// [`default_blockers_ignoring`]): every rule a run on such a schema may
/// have used, to find a saved run's rules again by name.
///
/// It also holds the rules earlier versions chose that this one no
/// longer does, so that a state saved by them still loads: both names'
/// Soundex codes in the order given (now [`SwappedNames`], in either
/// order).
pub(crate) fn every_default_blocker_ignoring(
    schema: &Schema,
    ignored: &[FieldId],
) -> Vec<Box<dyn Blocker>> {
    let schema = schema.ignoring(ignored);
    let mut blockers = blockers_of(&schema, true);
    let first = |kind: FieldKind| {
        own_fields_of(&schema, kind)
            .next()
            .map(|id| schema.field(id).name().to_string())
    };
    if let (Some(given), Some(family)) = (first(FieldKind::GivenName), first(FieldKind::FamilyName))
    {
        let parts = [
            (given.as_str(), KeyTransform::Soundex),
            (family.as_str(), KeyTransform::Soundex),
        ];
        if first(FieldKind::Date).is_some() {
            blockers.extend(capped_rule(&schema, &parts, DATE_FREE_NAMES_CAP));
        } else if let Ok(rule) = KeyRule::on(&schema, &parts) {
            blockers.push(Box::new(rule));
        }
    }
    blockers
}

/// [`default_blockers`], the rules on a name's ends (see [`OneTypo`])
/// only with `name_ends`.
fn blockers_of(schema: &Schema, name_ends: bool) -> Vec<Box<dyn Blocker>> {
    let mut blockers: Vec<Box<dyn Blocker>> = Vec::new();
    let name_of = |id: FieldId| schema.field(id).name().to_string();
    let first_id = |kind: FieldKind| own_fields_of(schema, kind).next();
    let first = |kind: FieldKind| first_id(kind).map(name_of);
    let (given, family, date) = (
        first(FieldKind::GivenName),
        first(FieldKind::FamilyName),
        first(FieldKind::Date),
    );
    let names_in_email = first_id(FieldKind::GivenName).is_some()
        && first_id(FieldKind::FamilyName).is_some()
        && first_id(FieldKind::Email).is_some();
    // Rules with their own cap, after the others (and the names by
    // sound, which has one only beside a date).
    let mut capped: Vec<Box<dyn Blocker>> = Vec::new();
    let mut rule = |parts: &[(&str, KeyTransform)]| {
        if let Ok(rule) = KeyRule::on(schema, parts) {
            blockers.push(Box::new(rule));
        }
    };
    for email in own_fields_of(schema, FieldKind::Email).map(name_of) {
        rule(&[(&email, KeyTransform::Exact)]);
        if !names_in_email {
            // Otherwise `NamesInEmail` below keys addresses by these letters.
            rule(&[(&email, KeyTransform::EmailLocalLetters)]);
        }
        // One typo inside the local part keeps one of these two keys.
        rule(&[
            (&email, KeyTransform::EmailDomain),
            (&email, KeyTransform::EmailLocalStart(6)),
            (&email, KeyTransform::EmailLocalEnd(2)),
        ]);
        rule(&[
            (&email, KeyTransform::EmailDomain),
            (&email, KeyTransform::EmailLocalStart(2)),
            (&email, KeyTransform::EmailLocalEnd(6)),
        ]);
    }
    for phone in own_fields_of(schema, FieldKind::Phone).map(name_of) {
        rule(&[(&phone, KeyTransform::LastDigits(7))]);
    }
    for identifier in own_fields_of(schema, FieldKind::Identifier).map(name_of) {
        rule(&[(&identifier, KeyTransform::Exact)]);
    }
    if let Some(date) = &date {
        if let Some(family) = &family {
            rule(&[(date, KeyTransform::Exact), (family, KeyTransform::Soundex)]);
        }
        if let Some(given) = &given {
            rule(&[
                (date, KeyTransform::Exact),
                (given, KeyTransform::FormalName),
            ]);
        }
    }
    if let (Some(given), Some(family)) = (&given, &family) {
        // The names alone, with a date too: a wrong or missing date of
        // birth must not hide a pair that agrees on the names. With a
        // date, the name-only blocks are capped (see `Capped`).
        let parts: [&[(&str, KeyTransform)]; 1] = [&[
            (given, KeyTransform::FormalName),
            (family, KeyTransform::Soundex),
        ]];
        if let Some(date) = &date {
            // Both names wrong (typos in each): the date alone, in small
            // blocks only (a date shared by few records says enough).
            capped.extend(capped_rule(
                schema,
                &[(date, KeyTransform::Exact)],
                DATE_ALONE_CAP,
            ));
        }
        let contact = own_fields_of(schema, FieldKind::Email).next().is_some()
            || own_fields_of(schema, FieldKind::Phone).next().is_some();
        if let (Some(_), false, true, Some(given_id), Some(family_id)) = (
            &date,
            contact,
            name_ends,
            schema.field_id(given).ok(),
            schema.field_id(family).ok(),
        ) {
            // A typing error in one name and nothing else shared (a record
            // without a date beside one without an address): the other
            // name exact with this one's start or end. Only without an
            // e-mail or a phone, whose rules reach such pairs otherwise:
            // on a million generated customers these keys added 15 % to
            // the candidate pairs and 2.2 s (11.95 -> 14.16 s wall), for
            // the same F1 (0.967).
            for (exact, typo) in [(given_id, family_id), (family_id, given_id)] {
                capped.push(Box::new(OneTypo {
                    name: format!(
                        "{}{} + {}{ONE_TYPO_SUFFIX}",
                        schema.field(exact).name(),
                        if exact == given_id { ":formal" } else { "" },
                        schema.field(typo).name()
                    ),
                    exact,
                    formal: exact == given_id,
                    typo,
                }));
            }
        }
        for parts in parts {
            match &date {
                None => rule(parts),
                Some(_) => capped.extend(capped_rule(schema, parts, DATE_FREE_NAMES_CAP)),
            }
        }
        // Both by sound: transliterations (`Jürgen Müller`, `Juergen
        // Mueller`) and typos in both names still meet, and so do names
        // entered the wrong way round with nothing else shared.
        if let (Ok(given), Ok(family)) = (schema.field_id(given), schema.field_id(family)) {
            let cap = date.as_ref().map(|_| DATE_FREE_NAMES_CAP);
            capped.push(Box::new(SwappedNames::by_sound(schema, given, family, cap)));
        }
        // Without a date, a common name (`Wei Wang`, hundreds of
        // namesakes and mentions) makes name blocks over the size cap,
        // which pair nothing: the names within one city still meet (a
        // postcode's rules split them already).
        if let (None, Some(city), None) =
            (&date, first(FieldKind::City), first(FieldKind::Postcode))
        {
            rule(&[
                (given, KeyTransform::FormalName),
                (family, KeyTransform::Soundex),
                (&city, KeyTransform::Exact),
            ]);
        }
    }
    if let (Some(family), Some(postcode)) = (&family, first(FieldKind::Postcode)) {
        rule(&[
            (&postcode, KeyTransform::Exact),
            (family, KeyTransform::Soundex),
        ]);
        // A changed family name (marriage) keeps the given name.
        if let Some(given) = &given {
            rule(&[
                (&postcode, KeyTransform::Exact),
                (given, KeyTransform::FormalName),
            ]);
        }
    }
    if let (Some(given), Some(family), Some(city), None) = (
        &given,
        &family,
        first(FieldKind::City),
        first(FieldKind::Postcode),
    ) {
        // Without a postcode, the city stands in for it: one name wrong
        // or missing, the other with the city still meets (by sound, so a
        // misspelt city too). Capped: a large city's common names say
        // too little.
        for parts in [
            [
                (city.as_str(), KeyTransform::Soundex),
                (family.as_str(), KeyTransform::Soundex),
            ],
            [
                (city.as_str(), KeyTransform::Soundex),
                (given.as_str(), KeyTransform::FormalName),
            ],
            [
                (city.as_str(), KeyTransform::Soundex),
                (given.as_str(), KeyTransform::Soundex),
            ],
        ] {
            capped.extend(capped_rule(schema, &parts, CITY_AND_NAME_CAP));
        }
    }
    // An address split over fields: street and house number together
    // (a house number alone, or a unit, is shared by many).
    let groups = address_groups(schema);
    for address in own_fields_of(schema, FieldKind::Address) {
        match groups.iter().find(|group| group.contains(address)) {
            Some(group) if group.street != address => {}
            Some(group) => {
                let street = name_of(group.street);
                match group.number.map(name_of) {
                    Some(number) => rule(&[
                        (&street, KeyTransform::Exact),
                        (&number, KeyTransform::Exact),
                    ]),
                    None => rule(&[(&street, KeyTransform::Exact)]),
                }
            }
            None => rule(&[(&name_of(address), KeyTransform::Exact)]),
        }
    }
    let full_names: Vec<String> = own_fields_of(schema, FieldKind::FullName)
        .map(name_of)
        .collect();
    for full_name in &full_names {
        match &date {
            Some(date) => {
                rule(&[
                    (date, KeyTransform::Exact),
                    (full_name, KeyTransform::SortedTokens),
                ]);
                // A wrong or missing date: the name alone, capped as the
                // given and family names alone are.
                capped.extend(capped_rule(
                    schema,
                    &[(full_name, KeyTransform::SortedTokens)],
                    DATE_FREE_NAMES_CAP,
                ));
            }
            None => rule(&[(full_name, KeyTransform::SortedTokens)]),
        }
    }
    if let (Some(date), false, false) = (
        &date,
        given.is_some() && family.is_some(),
        full_names.is_empty(),
    ) {
        // A typing error in the name: the date alone, in small blocks
        // (as beside given and family names).
        capped.extend(capped_rule(
            schema,
            &[(date, KeyTransform::Exact)],
            DATE_ALONE_CAP,
        ));
    }
    blockers.append(&mut capped);
    let (given, family, date, email) = (
        first_id(FieldKind::GivenName),
        first_id(FieldKind::FamilyName),
        first_id(FieldKind::Date),
        first_id(FieldKind::Email),
    );
    if let (Some(given), Some(family), None, Some(city), None) = (
        given,
        family,
        date,
        first_id(FieldKind::City),
        first_id(FieldKind::Postcode),
    ) {
        // Without a date, a typing error in a common name (`Jing Wanzg`,
        // `Jign Wang`) or the names swapped leaves the pair in no name
        // block within the size cap: one name whole and the other's
        // first letters, in one city, still meet.
        blockers.push(Box::new(NameEndsInCity {
            name: format!(
                "{} + {}:one_whole_other_start + {}",
                name_of(given),
                name_of(family),
                name_of(city)
            ),
            given,
            family,
            city,
        }));
    }
    if let (Some(given), Some(family), None, Some(organisation)) =
        (given, family, date, first_id(FieldKind::Organisation))
    {
        // Without a date, the organisation narrows the names enough to
        // key them without the city, or with only the end of one name
        // (see `NamesAtOrganisation`).
        let city = first_id(FieldKind::City);
        blockers.push(Box::new(NamesAtOrganisation {
            name: format!(
                "{g} + {f} + {o}:first_word, one name + other:last_three{c} + {o}:first_word",
                g = name_of(given),
                f = name_of(family),
                o = name_of(organisation),
                c = city
                    .map(|city| format!(" + {}", name_of(city)))
                    .unwrap_or_default(),
            ),
            given,
            family,
            city,
            organisation,
        }));
    }
    if let (Some(given), Some(family), Some(date)) = (given, family, date) {
        blockers.push(Box::new(SwappedNames {
            name: format!("{}:date_unordered + names in either order", name_of(date)),
            given,
            family,
            date: Some(date),
            cap: None,
        }));
        blockers.push(Box::new(NamesWithDateParts {
            name: format!(
                "{}:soundex + {}:soundex + {}:two_of_year_month_day",
                name_of(given),
                name_of(family),
                name_of(date)
            ),
            given,
            family,
            date,
        }));
        // A typo in one name and one in the date (`HUNG PHAM 1997-08-01`,
        // `HUG PHAM 1997-05-01`): the other name whole still meets with
        // two of the date's parts. Only where names and the date are all
        // a person has: with an e-mail or a phone, their rules reach such
        // pairs, and these keys added 37 % candidate pairs to a million
        // generated customers with no measured gain.
        let contact = own_fields_of(schema, FieldKind::Email).next().is_some()
            || own_fields_of(schema, FieldKind::Phone).next().is_some();
        let parts_rules: &[(FieldId, bool)] = if contact {
            &[]
        } else {
            &[(given, true), (family, false)]
        };
        for &(field, formal) in parts_rules {
            blockers.push(Box::new(NameWithDateParts {
                name: format!(
                    "{}:{} + {}:two_of_year_month_day",
                    name_of(field),
                    if formal { "formal" } else { "exact" },
                    name_of(date)
                ),
                field,
                formal,
                date,
            }));
        }
    }
    if let (Some(given), Some(family), Some(email)) = (given, family, email) {
        blockers.push(Box::new(NamesInEmail {
            name: format!(
                "{} + {} or {}:email_letters",
                name_of(given),
                name_of(family),
                name_of(email)
            ),
            given,
            family,
            email,
        }));
    }
    for handle in own_fields_of(schema, FieldKind::Handle) {
        let names = given.zip(family);
        blockers.push(Box::new(HandleLetters {
            name: match names {
                Some((given, family)) => format!(
                    "{} + {} or {}:letters",
                    name_of(given),
                    name_of(family),
                    name_of(handle)
                ),
                None => format!("{}:letters", name_of(handle)),
            },
            handle,
            names,
        }));
    }
    for organisation in own_fields_of(schema, FieldKind::Organisation).map(name_of) {
        if let Ok(words) = TokenKeys::on(schema, &organisation, TokenMode::Words) {
            blockers.push(Box::new(words));
        }
    }
    blockers
}

/// [`default_blockers`], with the rules the data makes useless left out:
/// a rule with its own block-size cap (the names alone and the date alone
/// beside a date of birth, names run together against e-mail letters)
/// whose blocks within the cap would hold under a tenth of the records it
/// keys, and the rules on a name's first and last letters where nearly
/// every record has its date of birth (over 99 %). In a million records
/// every date of birth is shared by about 35, so the date-alone rule
/// (cap 10) would index every record and pair none; in 100,000 it pairs
/// most. Measured on the store's value
/// frequencies (on a sample of about 65,000 records chosen by their
/// content, so the choice does not depend on the input order).
///
/// # Examples
///
/// ```
/// use sameas::block::{default_blockers, default_blockers_for};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
///
/// let schema = Schema::builder()
///     .field("given", FieldKind::GivenName)
///     .field("family", FieldKind::FamilyName)
///     .field("dob", FieldKind::Date)
///     .build()?;
/// let mut store = PreparedStore::new(schema.clone());
/// let crm = store.add_source("crm", false)?;
/// // Everyone born on one day: the date alone says nothing here.
/// let records: Vec<OwnedRecord> = (0..50)
///     .map(|i| OwnedRecord::new(i.to_string()).with("given", format!("g{i}")).with("dob", "1980-01-01"))
///     .collect();
/// store.ingest(crm, &records)?;
/// let names = |blockers: Vec<Box<dyn sameas::block::Blocker>>| -> Vec<String> {
///     blockers.iter().map(|b| b.name()).collect()
/// };
/// assert!(names(default_blockers(&schema)).contains(&"dob".to_string()));
/// assert!(!names(default_blockers_for(&store)).contains(&"dob".to_string()));
/// # Ok::<(), sameas::Error>(())
/// ```
pub fn default_blockers_for(store: &PreparedStore) -> Vec<Box<dyn Blocker>> {
    default_blockers_ignoring(store, &[])
}

/// [`default_blockers_for`] as if the fields `ignored` were metadata:
/// fields training found not to identify
/// (a date that an event's people share), which would otherwise key
/// rules of their own and stand in for rules made for records without
/// them.
pub(crate) fn default_blockers_ignoring(
    store: &PreparedStore,
    ignored: &[FieldId],
) -> Vec<Box<dyn Blocker>> {
    let schema = store.schema().ignoring(ignored);
    let sample = sample_of(store);
    let dated = dated_share(store, &schema, &sample.0);
    blockers_of(&schema, dated <= ONE_TYPO_DATED)
        .into_iter()
        .filter(|blocker| {
            blocker
                .max_block_size()
                .is_none_or(|cap| mostly_within_cap(store, &sample, blocker.as_ref(), cap))
        })
        .collect()
}

/// The share of `sample` with a date of birth (`schema`'s first date
/// field) that reads as a date, or 1 without one: an impossible date
/// (`1945-08-41`) keys none of the rules on a date's parts.
fn dated_share(store: &PreparedStore, schema: &Schema, sample: &[RecordIndex]) -> f64 {
    let Some(date) = own_fields_of(schema, FieldKind::Date).next() else {
        return 1.0;
    };
    let dated = sample
        .iter()
        .filter_map(|&index| store.record(index))
        .filter(|record| record.date(date).is_some())
        .count();
    if sample.is_empty() {
        1.0
    } else {
        dated as f64 / sample.len() as f64
    }
}

/// About this many records measure a rule's block sizes.
const SELECTIVITY_SAMPLE: usize = 65_536;

/// Records chosen by a hash of their content: every `stride`-th in hash
/// order, with the stride.
fn sample_of(store: &PreparedStore) -> (Vec<RecordIndex>, usize) {
    let stride = store.len().div_ceil(SELECTIVITY_SAMPLE).max(1);
    let keys = store.canonical_keys();
    let sample = (0..store.len())
        .filter(|&i| {
            stride == 1 || crate::hash::hash_key(&keys[i].to_le_bytes()) % stride as u64 == 0
        })
        .map(RecordIndex::from_position)
        .collect();
    (sample, stride)
}

/// Whether at least a tenth of the records a capped rule keys fall in
/// blocks within its cap (block sizes scaled up from the sample).
fn mostly_within_cap(
    store: &PreparedStore,
    (sample, stride): &(Vec<RecordIndex>, usize),
    blocker: &dyn Blocker,
    cap: usize,
) -> bool {
    let mut counts: std::collections::HashMap<u64, u64, ahash::RandomState> =
        std::collections::HashMap::with_hasher(ahash::RandomState::with_seeds(1, 2, 3, 4));
    let mut keys = BlockingKeys::new();
    for record in sample.iter().filter_map(|&index| store.record(index)) {
        keys.clear();
        blocker.keys(&record, &mut keys);
        for key in keys.iter() {
            *counts.entry(crate::hash::hash_key(key)).or_insert(0) += 1;
        }
    }
    let keyed: u64 = counts.values().sum();
    let within: u64 = counts
        .values()
        .filter(|&&count| count * *stride as u64 <= cap as u64)
        .sum();
    keyed == 0 || within * 10 >= keyed
}

/// The block-size cap of the name-only rules when the schema has a date
/// of birth, chosen on generated data.
const DATE_FREE_NAMES_CAP: usize = 20;

/// The block-size cap of the rules on the city with one name (without a
/// postcode field).
const CITY_AND_NAME_CAP: usize = 20;

/// The block-size cap of the date-alone rule (with names): in a large
/// file every date is shared by more records than this and the rule
/// finds nothing, within its budget.
const DATE_ALONE_CAP: usize = 10;

/// The rule on `parts` of `schema` with its own block-size `cap`, if
/// `schema` has those fields.
fn capped_rule(
    schema: &Schema,
    parts: &[(&str, KeyTransform)],
    cap: usize,
) -> Option<Box<dyn Blocker>> {
    let rule = KeyRule::on(schema, parts).ok()?;
    Some(Box::new(Capped { rule, cap }))
}

/// A key rule with its own block-size cap. With a date of birth, the
/// name-only rules are there for the pairs whose date is wrong; a name
/// shared by more records than the cap (`john smith` in a large file)
/// says too little to pair them all without the date, and would cost
/// more pairs than all the other rules together.
struct Capped {
    rule: KeyRule,
    cap: usize,
}

impl Blocker for Capped {
    fn name(&self) -> String {
        self.rule.name()
    }

    fn max_block_size(&self) -> Option<usize> {
        Some(self.cap)
    }

    fn keys(&self, record: &PreparedRecord<'_>, keys: &mut BlockingKeys) {
        self.rule.keys(record, keys);
    }
}

/// The end of the names of [`OneTypo`] rules (after the name whose ends
/// key them).
const ONE_TYPO_SUFFIX: &str = ":ends";

/// The share of records with a date of birth above which
/// [`default_blockers_for`] leaves the [`OneTypo`] rules out: they are
/// for the pairs that share nothing but their names, a record without a
/// date among them. Where nearly every record has its date, the rules on
/// names with the date's parts find a typo already: on 99,764 generated
/// persons with every date filled they added 40 % candidate pairs and no
/// recall (harsh government data: 80 % dated; without its noise: 95 %).
const ONE_TYPO_DATED: f64 = 0.99;

/// How many letters of a name's start and of its end key [`OneTypo`].
const ONE_TYPO_ENDS: usize = 3;

/// One name exact (a given name by its formal name) with the other
/// name's first three letters, and with its last three: two spellings
/// with a typing error in the middle, or at one end, still share a key
/// (`ramirez` and `ramlrez` start alike, `robinson` and `obinson` end
/// alike). Capped as the other name-only rules.
struct OneTypo {
    name: String,
    exact: FieldId,
    formal: bool,
    typo: FieldId,
}

impl Blocker for OneTypo {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn max_block_size(&self) -> Option<usize> {
        Some(DATE_FREE_NAMES_CAP)
    }

    fn keys(&self, record: &PreparedRecord<'_>, keys: &mut BlockingKeys) {
        let (Some(exact), Some(typo)) = (record.text(self.exact), record.text(self.typo)) else {
            return;
        };
        let exact = match self.formal {
            true => record
                .formal_name(self.exact)
                .unwrap_or_else(|| first_word(exact)),
            false => exact,
        };
        let letters = typo.chars().count();
        let start = typo
            .char_indices()
            .nth(ONE_TYPO_ENDS)
            .map_or(typo.len(), |(at, _)| at);
        let end = typo
            .char_indices()
            .nth(letters.saturating_sub(ONE_TYPO_ENDS))
            .map_or(0, |(at, _)| at);
        keys.push_parts(&[exact, "<", &typo[..start]]);
        keys.push_parts(&[exact, ">", &typo[end..]]);
    }
}

/// The block-size cap of [`NamesInEmail`], chosen on generated data.
const NAMES_IN_EMAIL_CAP: usize = 40;

/// A record's date as written and its given and family names' Soundex
/// codes, when it has all three (the keys of [`NamesWithDateParts`]).
fn date_and_names(
    record: &PreparedRecord<'_>,
    date: FieldId,
    given: FieldId,
    family: FieldId,
) -> Option<(
    Written,
    crate::compare::PhoneticCode,
    crate::compare::PhoneticCode,
)> {
    Some((
        record.written_date(date)?,
        record.soundex(given)?,
        record.soundex(family)?,
    ))
}

/// The Soundex codes of given and family name in either order, after
/// the date of birth (day and month in either order) when the rule has
/// one: records whose names were entered the wrong way round (`HOLLY
/// WHITE`, `WHITE HOLLY`) still meet. Without the date they meet with
/// nothing else in common, as do names with a typing error that keeps
/// their sound; beside a date of birth that rule is capped as the other
/// name-only rules (see [`DATE_FREE_NAMES_CAP`]).
///
/// The rule without the date keys each record as the codes in the order
/// given did when the order is the same, so it finds what that rule
/// found, but where the two orders together fill a block past the cap
/// (beside a date, twelve `JOHN SMITH` and ten `SMITH JOHN`: 22 records,
/// over 20), which then pairs none of them. Against that rule, 17 more
/// of FEBRL2's 1,934 true pairs (its given name, surname and date of
/// birth alone) became candidates (none of them scores as a match
/// without more in common), and on harsh government data (5,000 people,
/// seed 7) recall rose from 0.951 to 0.953 (F1 0.968 -> 0.969).
struct SwappedNames {
    name: String,
    given: FieldId,
    family: FieldId,
    date: Option<FieldId>,
    cap: Option<usize>,
}

impl SwappedNames {
    /// The rule on the names alone: `given:soundex + family:soundex in
    /// either order` in [`BlockingStats`](super::BlockingStats).
    fn by_sound(schema: &Schema, given: FieldId, family: FieldId, cap: Option<usize>) -> Self {
        SwappedNames {
            name: format!(
                "{}:soundex + {}:soundex in either order",
                schema.field(given).name(),
                schema.field(family).name()
            ),
            given,
            family,
            date: None,
            cap,
        }
    }
}

impl Blocker for SwappedNames {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn max_block_size(&self) -> Option<usize> {
        self.cap
    }

    fn keys(&self, record: &PreparedRecord<'_>, keys: &mut BlockingKeys) {
        let (Some(given), Some(family)) = (record.soundex(self.given), record.soundex(self.family))
        else {
            return;
        };
        if let Some(date) = self.date {
            let Some(date) = record.written_date(date) else {
                return;
            };
            keys.append(&unordered_date_key(date));
        }
        let (low, high) = if given <= family {
            (given, family)
        } else {
            (family, given)
        };
        keys.append(low.as_bytes());
        keys.append(&[0x1F]);
        keys.append(high.as_bytes());
        keys.finish();
    }
}

/// Both names' Soundex codes with two of the date's three parts (year and
/// month, year and day, month and day: three keys per record). A typed
/// digit or two transposed digits in a date of birth leaves two parts
/// intact, so a pair with one wrong date part still meets when its name
/// is too common for the capped name-only rules (`JOHN SMITH` born
/// `1945-08-14` and `1945-08-15` in a large file); the blocks stay small
/// (a name's namesakes born in one month of one year).
struct NamesWithDateParts {
    name: String,
    given: FieldId,
    family: FieldId,
    date: FieldId,
}

impl Blocker for NamesWithDateParts {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn keys(&self, record: &PreparedRecord<'_>, keys: &mut BlockingKeys) {
        let Some((date, given, family)) =
            date_and_names(record, self.date, self.given, self.family)
        else {
            return;
        };
        for part in date_parts(date) {
            keys.append(&part);
            keys.append(given.as_bytes());
            keys.append(&[0x1F]);
            keys.append(family.as_bytes());
            keys.finish();
        }
    }
}

/// The block-size cap of [`NameWithDateParts`]: a common name's records
/// born in one month of one year are many in a large file, and one name
/// with part of a date says too little about them.
const NAME_WITH_DATE_PARTS_CAP: usize = 20;

/// One name (the formal given name, or the family name as written) with
/// two of the date's three parts, as [`NamesWithDateParts`] keys them,
/// and with the date's year and its day and month in either order (four
/// keys per record). A pair with a typing error in the other name and
/// one in the date (`JENNIFER BEBNETT 1987-11-30`, `JENNIFER BENNETT
/// 1967-11-30`) shares no key of the rules on both names or on the whole
/// date; the name it kept and the date parts it kept still meet. Capped
/// (see [`NAME_WITH_DATE_PARTS_CAP`]).
struct NameWithDateParts {
    name: String,
    field: FieldId,
    /// Key the formal given name (`bill` → `william`) rather than the
    /// name as written.
    formal: bool,
    date: FieldId,
}

impl Blocker for NameWithDateParts {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn max_block_size(&self) -> Option<usize> {
        Some(NAME_WITH_DATE_PARTS_CAP)
    }

    fn keys(&self, record: &PreparedRecord<'_>, keys: &mut BlockingKeys) {
        let (Some(date), Some(text)) = (record.written_date(self.date), record.text(self.field))
        else {
            return;
        };
        let name = match self.formal {
            true => record.formal_name(self.field).unwrap_or(text),
            false => text,
        };
        for part in date_parts(date) {
            keys.append(&part);
            keys.append(name.as_bytes());
            keys.finish();
        }
        // Day and month swapped as well as a typo in the other name
        // (`WILLIAV MYERS 1957-11-02`, `WILLIAM MYERS 1957-02-11`).
        keys.append(b"s");
        keys.append(&unordered_date_key(date));
        keys.append(name.as_bytes());
        keys.finish();
    }
}

/// A date's three pairs of parts (year and month, year and day, month
/// and day), each tagged by the part left out so that year + month
/// never meets month + day.
fn date_parts(date: Written) -> [[u8; 4]; 3] {
    let Written { year, month, day } = date;
    let year = year.to_le_bytes();
    [
        [b'd', year[0], year[1], month],
        [b'm', year[0], year[1], day],
        [b'y', month, day, 0],
    ]
}

/// People's e-mail addresses spell their names. A record with an address
/// is keyed by the letters of its local part (`cook.barbara85` →
/// `cookbarbara`, and when the letters form two words, also in the other
/// order: `barbaracook`); a record with both names and no address by its
/// names run together in either order (`barbaracook`, `cookbarbara`),
/// also with the formal given name, and by the initial with the family
/// name (`bcook`, `cookb`). So a mailing-list record with only a given
/// name and an address meets the customer record with names and no
/// address. (Records with addresses meet each other through the e-mail
/// rules; keying them by name too would put every John Smith in one
/// block.)
struct NamesInEmail {
    name: String,
    given: FieldId,
    family: FieldId,
    email: FieldId,
}

impl NamesInEmail {
    fn push_letters(keys: &mut BlockingKeys, parts: &[&str]) {
        let mark = keys.start();
        let appended: usize = parts
            .iter()
            .map(|part| keys.append_letters(part, 0, usize::MAX))
            .sum();
        if appended > 0 {
            keys.finish();
        } else {
            keys.discard(mark);
        }
    }
}

impl Blocker for NamesInEmail {
    fn name(&self) -> String {
        self.name.clone()
    }

    /// Letters of common names (`johnsmith`) are shared by many people:
    /// past this many records a key says little and costs much.
    fn max_block_size(&self) -> Option<usize> {
        Some(NAMES_IN_EMAIL_CAP)
    }

    fn keys(&self, record: &PreparedRecord<'_>, keys: &mut BlockingKeys) {
        if let Some((local, _)) = record
            .text(self.email)
            .and_then(|email| email.rsplit_once('@'))
        {
            let before = keys.len();
            Self::push_letters(keys, &[local]);
            if keys.len() > before {
                // `pineda.sandra` also meets `sandra.pineda` and the
                // record named Sandra Pineda.
                let mut words = local
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|word| !word.is_empty());
                if let (Some(first), Some(second), None) =
                    (words.next(), words.next(), words.next())
                {
                    Self::push_letters(keys, &[second, first]);
                }
                return;
            }
            // An address without letters (`12345@…`) says nothing of the
            // name: fall back to the names below.
        }
        Self::push_names(record, self.given, self.family, keys);
    }
}

impl NamesInEmail {
    /// Keys a record by its given and family names run together, in
    /// either order, with the formal given name and with the initial.
    fn push_names(
        record: &PreparedRecord<'_>,
        given_field: FieldId,
        family_field: FieldId,
        keys: &mut BlockingKeys,
    ) {
        if let (Some(given), Some(family)) = (record.text(given_field), record.text(family_field)) {
            let formal = record
                .formal_name(given_field)
                .filter(|formal| *formal != given);
            Self::push_letters(keys, &[given, family]);
            Self::push_letters(keys, &[family, given]);
            if let Some(formal) = formal {
                Self::push_letters(keys, &[formal, family]);
                Self::push_letters(keys, &[family, formal]);
            }
            // The initial and the family name (`erodriguez`, `rodrigueze`).
            if let Some(initial) = given.chars().find(|c| c.is_alphabetic()) {
                let mut buffer = [0u8; 4];
                let initial = initial.encode_utf8(&mut buffer);
                Self::push_letters(keys, &[initial, family]);
                Self::push_letters(keys, &[family, initial]);
            }
        }
    }
}

/// People build handles from their names. A record with a handle is keyed
/// by its letters (`@k.neal85` → `kneal`), so handles differing in
/// separators and digits meet; a record with both names and no handle by
/// its names run together as [`NamesInEmail`] keys them (given + family,
/// family + given, with the formal given name too, initial + family,
/// family + initial), so `@kneal1985` meets Kelly Neal. Capped like
/// [`NamesInEmail`]: common names' letters are shared by many.
struct HandleLetters {
    name: String,
    handle: FieldId,
    /// The given- and family-name fields, when the schema has both.
    names: Option<(FieldId, FieldId)>,
}

impl Blocker for HandleLetters {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn max_block_size(&self) -> Option<usize> {
        Some(NAMES_IN_EMAIL_CAP)
    }

    fn keys(&self, record: &PreparedRecord<'_>, keys: &mut BlockingKeys) {
        if let Some(handle) = record.text(self.handle) {
            // A handle without letters (`@1985`) says nothing of a name.
            NamesInEmail::push_letters(keys, &[handle]);
            return;
        }
        if let Some((given, family)) = self.names {
            NamesInEmail::push_names(record, given, family, keys);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(fields: &[(&str, FieldKind)]) -> Schema {
        let mut builder = Schema::builder();
        for &(name, kind) in fields {
            builder.field(name, kind);
        }
        builder.build().unwrap()
    }

    fn rules(schema: &Schema) -> Vec<(String, Option<usize>)> {
        default_blockers(schema)
            .iter()
            .map(|blocker| (blocker.name(), blocker.max_block_size()))
            .collect()
    }

    #[test]
    fn a_split_address_blocks_on_street_and_number_and_the_employer_not_at_all() {
        let schema = schema(&[
            ("first_name", FieldKind::GivenName),
            ("last_name", FieldKind::FamilyName),
            ("street_number", FieldKind::Category),
            ("street_name", FieldKind::Address),
            ("unit_number", FieldKind::Identifier),
            ("ssn", FieldKind::Identifier),
            ("employer_id", FieldKind::Identifier),
            ("employer_name", FieldKind::Organisation),
            ("employer_street_number", FieldKind::Address),
            ("employer_street_name", FieldKind::Address),
        ]);
        let names: Vec<String> = rules(&schema).into_iter().map(|(name, _)| name).collect();
        assert!(
            names.contains(&"street_name + street_number".to_string()),
            "{names:?}"
        );
        assert!(names.contains(&"ssn".to_string()));
        for name in &names {
            assert!(
                !name.contains("unit") && !name.contains("employer"),
                "{name}"
            );
            assert_ne!(name, "street_number");
        }
    }

    #[test]
    fn names_and_a_date_get_date_free_rules_with_caps() {
        let schema = names_and_date();
        let expected = [
            ("dob + family:soundex", None),
            ("dob + given:formal", None),
            ("dob", Some(DATE_ALONE_CAP)),
            ("given:formal + family:ends", Some(DATE_FREE_NAMES_CAP)),
            ("family + given:ends", Some(DATE_FREE_NAMES_CAP)),
            ("given:formal + family:soundex", Some(DATE_FREE_NAMES_CAP)),
            (
                "given:soundex + family:soundex in either order",
                Some(DATE_FREE_NAMES_CAP),
            ),
            ("dob:date_unordered + names in either order", None),
            (
                "given:soundex + family:soundex + dob:two_of_year_month_day",
                None,
            ),
            (
                "given:formal + dob:two_of_year_month_day",
                Some(NAME_WITH_DATE_PARTS_CAP),
            ),
            (
                "family:exact + dob:two_of_year_month_day",
                Some(NAME_WITH_DATE_PARTS_CAP),
            ),
        ];
        let expected: Vec<(String, Option<usize>)> = expected
            .iter()
            .map(|&(name, cap)| (name.to_string(), cap))
            .collect();
        assert_eq!(rules(&schema), expected);
    }

    #[test]
    fn one_name_with_date_parts_only_without_contact_fields() {
        for contact in [FieldKind::Email, FieldKind::Phone] {
            let schema = schema(&[
                ("given", FieldKind::GivenName),
                ("family", FieldKind::FamilyName),
                ("dob", FieldKind::Date),
                ("contact", contact),
            ]);
            let names: Vec<String> = rules(&schema).into_iter().map(|(name, _)| name).collect();
            assert!(
                names.iter().all(
                    |name| !name.ends_with(":formal + dob:two_of_year_month_day")
                        && !name.ends_with(":exact + dob:two_of_year_month_day")
                ),
                "{names:?}"
            );
            // The names with two date parts stay.
            assert!(
                names.contains(
                    &"given:soundex + family:soundex + dob:two_of_year_month_day".to_string()
                ),
                "{names:?}"
            );
        }
    }

    #[test]
    fn every_field_of_a_person_rule_has_a_rule_without_it() {
        // One wrong field (the date, the given or the family name) must
        // leave a rule that can still find the pair.
        let schema = names_and_date();
        let names: Vec<String> = rules(&schema).into_iter().map(|(name, _)| name).collect();
        for field in ["given", "family", "dob"] {
            assert!(
                names.iter().any(|rule| rule.contains(field)),
                "{field} is used: {names:?}"
            );
            assert!(
                names
                    .iter()
                    .any(|rule| !rule.contains(field) && !rule.contains("names")),
                "no rule without {field}: {names:?}"
            );
        }
    }

    #[test]
    fn a_whole_name_and_a_date_each_have_a_rule_without_the_other() {
        let whole = schema(&[("name", FieldKind::FullName), ("dob", FieldKind::Date)]);
        let expected = [
            ("dob + name:sorted_tokens", None),
            ("name:sorted_tokens", Some(DATE_FREE_NAMES_CAP)),
            ("dob", Some(DATE_ALONE_CAP)),
        ];
        let expected: Vec<(String, Option<usize>)> = expected
            .iter()
            .map(|&(name, cap)| (name.to_string(), cap))
            .collect();
        assert_eq!(rules(&whole), expected);
        // Beside given and family names the date alone is there once.
        let both = schema(&[
            ("name", FieldKind::FullName),
            ("given", FieldKind::GivenName),
            ("family", FieldKind::FamilyName),
            ("dob", FieldKind::Date),
        ]);
        let dates = rules(&both)
            .iter()
            .filter(|(name, _)| name == "dob")
            .count();
        assert_eq!(dates, 1);
    }

    #[test]
    fn without_a_date_the_names_are_not_capped() {
        let schema = schema(&[
            ("given", FieldKind::GivenName),
            ("family", FieldKind::FamilyName),
            ("city", FieldKind::City),
        ]);
        let expected: Vec<(String, Option<usize>)> = vec![
            ("given:formal + family:soundex".to_string(), None),
            // A name too common for one block still meets within a city.
            ("given:formal + family:soundex + city".to_string(), None),
            // Both names by sound, also entered the wrong way round.
            (
                "given:soundex + family:soundex in either order".to_string(),
                None,
            ),
            (
                "city:soundex + family:soundex".to_string(),
                Some(CITY_AND_NAME_CAP),
            ),
            (
                "city:soundex + given:formal".to_string(),
                Some(CITY_AND_NAME_CAP),
            ),
            (
                "city:soundex + given:soundex".to_string(),
                Some(CITY_AND_NAME_CAP),
            ),
            // A typing error in a common name, or the names swapped.
            (
                "given + family:one_whole_other_start + city".to_string(),
                None,
            ),
        ];
        assert_eq!(rules(&schema), expected);
        // With a date, the date splits common names instead: only the
        // capped rules of the city with one name remain.
        let dated = super::tests::schema(&[
            ("given", FieldKind::GivenName),
            ("family", FieldKind::FamilyName),
            ("city", FieldKind::City),
            ("dob", FieldKind::Date),
        ]);
        assert!(
            rules(&dated)
                .iter()
                .all(|(name, cap)| !name.contains("city") || *cap == Some(CITY_AND_NAME_CAP)),
            "{:?}",
            rules(&dated)
        );
    }

    #[test]
    fn with_names_and_a_city_every_field_has_a_rule_without_it() {
        let schema = schema(&[
            ("given", FieldKind::GivenName),
            ("family", FieldKind::FamilyName),
            ("city", FieldKind::City),
        ]);
        let names: Vec<String> = rules(&schema).into_iter().map(|(name, _)| name).collect();
        for field in ["given", "family", "city"] {
            assert!(
                names.iter().any(|rule| !rule.contains(field)),
                "no rule without {field}: {names:?}"
            );
        }
    }

    #[test]
    fn a_postcode_takes_the_place_of_the_city() {
        let schema = schema(&[
            ("given", FieldKind::GivenName),
            ("family", FieldKind::FamilyName),
            ("city", FieldKind::City),
            ("postcode", FieldKind::Postcode),
        ]);
        let names: Vec<String> = rules(&schema).into_iter().map(|(name, _)| name).collect();
        assert!(names.iter().all(|rule| !rule.contains("city")), "{names:?}");
        assert!(names.contains(&"postcode + family:soundex".to_string()));
    }

    /// Given and family names and a date of birth.
    fn names_and_date() -> Schema {
        schema(&[
            ("given", FieldKind::GivenName),
            ("family", FieldKind::FamilyName),
            ("dob", FieldKind::Date),
        ])
    }

    /// Pairs of record ids, owned.
    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|&(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn store_of(schema: &Schema, rows: &[(&str, &str, &str, &str)]) -> PreparedStore {
        let mut store = PreparedStore::new(schema.clone());
        let source = store.add_source("persons", false).unwrap();
        let records: Vec<crate::record::OwnedRecord> = rows
            .iter()
            .map(|&(id, given, family, dob)| {
                crate::record::OwnedRecord::new(id)
                    .with("given", given)
                    .with("family", family)
                    .with("dob", dob)
            })
            .collect();
        store.ingest(source, &records).unwrap();
        store
    }

    /// The pairs (by record id) one blocker of `default_blockers` finds.
    fn pairs_of(store: &PreparedStore, rule: &str) -> Vec<(String, String)> {
        use crate::block::{BlockingIndex, BlockingOptions, LinkMode};
        let blockers: Vec<Box<dyn Blocker>> = default_blockers(store.schema())
            .into_iter()
            .filter(|blocker| blocker.name() == rule)
            .collect();
        assert_eq!(blockers.len(), 1, "{rule}");
        let index = BlockingIndex::build(store, blockers, BlockingOptions::new());
        let mut pairs: Vec<(String, String)> = index
            .candidate_pairs(store, LinkMode::DedupAndLink)
            .into_pairs()
            .into_iter()
            .map(|(a, b)| {
                let id = |index| store.record(index).unwrap().id().to_string();
                (id(a), id(b))
            })
            .collect();
        pairs.sort();
        pairs
    }

    #[test]
    fn names_by_sound_meet_in_either_order() {
        let schema = names_and_date();
        let store = store_of(
            &schema,
            &[
                // The names entered the wrong way round, a date mistyped
                // into no date at all: nothing else in common.
                ("a", "HOLLY", "WHITE", "1945-07-03"),
                ("swapped", "WHITE", "HOLLY", ""),
                ("sounds-alike", "HOLLIE", "WHYTE", "1980-01-01"),
                // Another given name, or one name only: no key.
                ("other", "MOLLY", "WHITE", "1945-07-03"),
                ("family-only", "", "WHITE", "1945-07-03"),
                // Names without a Latin letter have no Soundex code: no
                // key, so they never meet by it, not even each other.
                ("digits", "123", "456", ""),
                ("digits-again", "456", "123", ""),
                ("han", "王", "伟", ""),
                ("han-again", "伟", "王", ""),
            ],
        );
        let pairs = pairs_of(&store, "given:soundex + family:soundex in either order");
        let expected = owned(&[
            ("a", "sounds-alike"),
            ("a", "swapped"),
            ("swapped", "sounds-alike"),
        ]);
        assert_eq!(pairs, expected);
    }

    #[test]
    fn a_state_saved_with_the_ordered_sound_rule_finds_it_again() {
        // Earlier versions keyed both names' Soundex in the order given;
        // a state saved by them names that rule, which must still load.
        for schema in [
            names_and_date(),
            schema(&[
                ("given", FieldKind::GivenName),
                ("family", FieldKind::FamilyName),
            ]),
        ] {
            let every: Vec<(String, Option<usize>)> = every_default_blocker_ignoring(&schema, &[])
                .iter()
                .map(|blocker| (blocker.name(), blocker.max_block_size()))
                .collect();
            let dated = schema.field_id("dob").is_ok();
            let legacy = (
                "given:soundex + family:soundex".to_string(),
                dated.then_some(DATE_FREE_NAMES_CAP),
            );
            assert!(every.contains(&legacy), "{every:?}");
            // It is found again, not chosen again.
            assert!(!rules(&schema).contains(&legacy));
        }
    }

    #[test]
    fn names_with_two_date_parts_survive_one_wrong_part() {
        let schema = names_and_date();
        let store = store_of(
            &schema,
            &[
                ("a", "JOHN", "SMITH", "1945-08-14"),
                // A typed day, month or year: two parts are left.
                ("day", "JOHN", "SMYTH", "1945-08-15"),
                ("month", "JON", "SMITH", "1945-09-14"),
                ("year", "JOHN", "SMITH", "1954-08-14"),
                // Two parts wrong, or another name: no key in common.
                ("two", "JOHN", "SMITH", "1946-09-14"),
                ("other", "MARY", "SMITH", "1945-08-14"),
            ],
        );
        let pairs = pairs_of(
            &store,
            "given:soundex + family:soundex + dob:two_of_year_month_day",
        );
        let expected = owned(&[
            ("a", "day"),
            ("a", "month"),
            ("a", "year"),
            // `two` keeps month and day of `month`; `day` and `month`
            // share only the year.
            ("month", "two"),
        ]);
        assert_eq!(pairs, expected);
    }

    #[test]
    fn one_name_with_the_other_s_start_or_end_survives_a_typo_in_it() {
        let schema = names_and_date();
        // Nothing but the names in common (the dates differ or are
        // missing), each pair with one name misspelt.
        let store = store_of(
            &schema,
            &[
                ("a", "MATTHEW", "RAMIREZ", ""),
                ("a-typo", "MATTHEW", "RAMLREZ", "1973-04-01"),
                ("b", "CHARLES", "ROBINSON", "1950-01-02"),
                ("b-typo", "CHARLES", "OBINSON", ""),
                ("c", "PATRICIA", "BAILEY", ""),
                ("c-typo", "PATRIRIA", "BAILEY", "1997-10-19"),
                // A typo mid-way in a short name spoils both ends.
                ("f", "BRIAN", "WOODS", ""),
                ("f-typo", "BRLAN", "WOODS", ""),
                // Another family name starting alike: a candidate; another
                // given name: not.
                ("d", "MATTHEW", "RAMSEY", ""),
                ("e", "MARK", "RAMIREZ", ""),
            ],
        );
        let family = pairs_of(&store, "given:formal + family:ends");
        let given = pairs_of(&store, "family + given:ends");
        assert_eq!(
            family,
            owned(&[
                ("a", "a-typo"),
                ("a", "d"),
                ("a-typo", "d"),
                ("b", "b-typo")
            ])
        );
        assert_eq!(given, owned(&[("c", "c-typo")]));
        // With an e-mail or a phone, those fields' rules find such pairs:
        // no rule on a name's ends.
        let with_contact = super::tests::schema(&[
            ("given", FieldKind::GivenName),
            ("family", FieldKind::FamilyName),
            ("dob", FieldKind::Date),
            ("phone", FieldKind::Phone),
        ]);
        let names: Vec<String> = rules(&with_contact)
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert!(names.iter().all(|rule| !rule.contains("ends")), "{names:?}");
    }

    #[test]
    fn the_rules_on_a_name_s_ends_are_for_data_with_dates_missing() {
        let schema = names_and_date();
        let ends = |store: &PreparedStore| -> Vec<String> {
            default_blockers_for(store)
                .iter()
                .map(|blocker| blocker.name())
                .filter(|name| name.ends_with(ONE_TYPO_SUFFIX))
                .collect()
        };
        let names: Vec<(String, String, String, String)> = (0..200)
            .map(|i| {
                (
                    format!("r{i}"),
                    format!("GIVEN{i}"),
                    format!("FAMILY{i}"),
                    format!("1950-01-{:02}", i % 28 + 1),
                )
            })
            .collect();
        let rows = |missing_every: usize| -> Vec<(&str, &str, &str, &str)> {
            names
                .iter()
                .enumerate()
                .map(|(i, (id, given, family, dob))| {
                    let dob = if missing_every > 0 && i % missing_every == 0 {
                        ""
                    } else {
                        dob.as_str()
                    };
                    (id.as_str(), given.as_str(), family.as_str(), dob)
                })
                .collect()
        };
        // Every date there (and one in 200 missing): left out.
        assert!(ends(&store_of(&schema, &rows(0))).is_empty());
        assert!(ends(&store_of(&schema, &rows(200))).is_empty());
        // One in 50 missing: kept.
        assert_eq!(
            ends(&store_of(&schema, &rows(50))),
            ["given:formal + family:ends", "family + given:ends"]
        );
    }

    #[test]
    fn people_at_an_organisation_meet_by_names_and_ends() {
        let schema = schema(&[
            ("given", FieldKind::GivenName),
            ("family", FieldKind::FamilyName),
            ("city", FieldKind::City),
            ("assignee", FieldKind::Organisation),
        ]);
        let rows = [
            ("a", "Suresh", "Joshi", "Boise", "Stonebridge Energy Corp."),
            // An error at the start of the given name, in the same city.
            ("typo", "Auresh", "Joshi", "Boise", "Stonebridge Energy"),
            // The same person in another city, and without one.
            (
                "moved",
                "Suresh",
                "Joshi",
                "Denver",
                "Stonebridge Energy Corp",
            ),
            ("no city", "Joshi", "Suresh", "", "Stonebridge Energy"),
            // A namesake at another company, a colleague of another name,
            // a record without its organisation: no key in common.
            ("namesake", "Suresh", "Joshi", "Boise", "Pioneer Chemical"),
            ("colleague", "Amit", "Patel", "Boise", "Stonebridge Energy"),
            ("no assignee", "Suresh", "Joshi", "Boise", ""),
        ];
        let mut store = PreparedStore::new(schema.clone());
        let source = store.add_source("patents", false).unwrap();
        let records: Vec<crate::record::OwnedRecord> = rows
            .iter()
            .map(|&(id, given, family, city, assignee)| {
                crate::record::OwnedRecord::new(id)
                    .with("given", given)
                    .with("family", family)
                    .with("city", city)
                    .with("assignee", assignee)
            })
            .collect();
        store.ingest(source, &records).unwrap();
        let pairs = pairs_of(
            &store,
            "given + family + assignee:first_word, \
             one name + other:last_three + city + assignee:first_word",
        );
        let expected = owned(&[
            ("a", "moved"),
            ("a", "no city"),
            ("a", "typo"),
            ("moved", "no city"),
        ]);
        assert_eq!(pairs, expected);
        // With a date, the date splits the names instead.
        let dated = super::tests::schema(&[
            ("given", FieldKind::GivenName),
            ("family", FieldKind::FamilyName),
            ("assignee", FieldKind::Organisation),
            ("dob", FieldKind::Date),
        ]);
        assert!(
            rules(&dated)
                .iter()
                .all(|(name, _)| !name.contains("first_word")),
            "{:?}",
            rules(&dated)
        );
    }

    #[test]
    fn one_name_with_two_date_parts_survives_a_typo_in_the_other_and_the_date() {
        let schema = names_and_date();
        let store = store_of(
            &schema,
            &[
                ("a", "MARGARET", "BENNETT", "1987-11-03"),
                // A typo in the family name and in the year.
                ("year", "MARGARET", "BEBNETT", "1967-11-03"),
                // Day and month swapped, a typo in the family name.
                ("swap", "MARGARET", "BENETT", "1987-03-11"),
                // A nickname keeps the formal given name.
                ("nick", "PEGGY", "BENETT", "1987-11-04"),
                // Two date parts wrong: no key in common.
                ("two", "MARGARET", "BEBNETT", "1967-10-04"),
                // Another given name, the family name of `year`.
                ("other", "MARTHA", "BEBNETT", "1967-11-05"),
            ],
        );
        let pairs = pairs_of(&store, "given:formal + dob:two_of_year_month_day");
        let expected = owned(&[("a", "nick"), ("a", "swap"), ("a", "year")]);
        assert_eq!(pairs, expected);
        // The family name as written: `BEBNETT` meets `BEBNETT` only.
        let pairs = pairs_of(&store, "family:exact + dob:two_of_year_month_day");
        assert_eq!(pairs, [("year".to_string(), "other".to_string())]);
    }

    #[test]
    fn businesses_block_on_phone_digits_and_name_words() {
        let schema = schema(&[
            ("name", FieldKind::Organisation),
            ("phone", FieldKind::Phone),
        ]);
        let names: Vec<String> = rules(&schema).into_iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["phone:last7", "name:words"]);
    }

    #[test]
    fn metadata_fields_are_never_keyed() {
        let mut builder = Schema::builder();
        builder.field("email", FieldKind::Email);
        builder.metadata("updated", FieldKind::Timestamp);
        let schema = builder.build().unwrap();
        let rules = rules(&schema);
        assert!(rules.iter().any(|(name, _)| name == "email"), "{rules:?}");
        assert!(
            rules.iter().all(|(name, _)| !name.contains("updated")),
            "{rules:?}"
        );
    }
}
