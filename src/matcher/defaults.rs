//! The comparisons a careful practitioner would choose for each field
//! kind: the zero-configuration model.

use super::comparison::Comparison;
use super::level::LevelTest;
use crate::id::FieldId;
use crate::schema::parts::{
    AddressGroup, Party, address_groups, is_other_party, other_parties, own_fields_of,
};
use crate::schema::{FieldKind, Schema};

/// One comparison per field of the schema ([metadata](crate::SchemaBuilder::metadata)
/// fields excepted), with levels chosen from the field's kind:
///
/// | kind | levels (strongest first; `else` last) |
/// |---|---|
/// | given name | exact*, swapped with family name (each Jaro-Winkler ≥ 0.85 with the other's), the same first name (a middle name or initial in one only, or abbreviated in one), nickname, Jaro-Winkler ≥ 0.92, two adjacent letters swapped, Jaro-Winkler ≥ 0.8, one edit or transposition, Soundex, initial |
/// | family name | exact*, swapped with given name (neutral: the given name counts the swap), Jaro-Winkler ≥ 0.92, two adjacent letters swapped, Jaro-Winkler ≥ 0.8, one edit or transposition, half the words shared (a double surname and one of its parts: `Davis-Harterhaven`, `Harterhaven`), Soundex |
/// | full name, organisation | exact*, same words in any order, Jaro-Winkler ≥ 0.92, word Jaccard ≥ 0.5, Jaro-Winkler ≥ 0.8 |
/// | e-mail | exact, one edit in a letter (digits and separators alike) |
/// | handle | exact, letters spell the other record's names and its birth year fits, letters spell the names, birth year fits (the name and year levels need given + family name and date fields; they reach records without a handle too) |
/// | phone (without an address field) | exact, one edit, last 7 digits |
/// | date | exact, day and month swapped, one typed digit, the year one off (same day and month), a placeholder (1 January of the year, the 1st of the month), the day or the month wrong (same year, one of them agreeing), the year wrong (same day and month, two or more years apart), within 365 days |
/// | address, with the phone, postcode and city | address and phone exact, address exact*, phone exact, address Jaro-Winkler ≥ 0.92, phone one edit, phone last 7 digits, postcode exact, city exact |
/// | city (without an address field) | exact*, Jaro-Winkler ≥ 0.92 |
/// | postcode (without an address field) | exact*, first 5 chars, one edit, first 3 chars |
/// | identifier | exact, one edit |
/// | free text | exact, word Jaccard ≥ 0.7, ≥ 0.4 |
/// | set | exact, a shared value |
/// | numeric | exact, within 1 %, within 10 % |
/// | country, category | exact |
/// | timestamp | none: when a record changed says nothing about who it is |
///
/// `*`: weighed by term frequency (agreeing on a rare value counts more).
///
/// The first address field, phone, postcode and city make one comparison
/// (named `address+phone`): people of one household share all four, and
/// counted apart they would outweigh different names and birth dates.
/// An address split over fields (`street_number`, `street_name`,
/// `unit_number`, read from the names) is that address: its levels are
/// street, number and unit exact; street and number exact; street
/// Jaro-Winkler ≥ 0.92 with the number exact (a house number or unit
/// alone is no level). A further split address (a mailing address)
/// makes one comparison of those levels. Columns named after another
/// party (two or more starting `employer`, `spouse`, `mother`,
/// `father`, `parent`, `guardian`, ...) make one comparison named after
/// it: its identifier exact, its name exact, its street and number
/// exact; the party's other columns are not compared (co-workers share
/// them all, and a job change changes them all).
///
/// # Examples
///
/// ```
/// use sameas::matcher::default_comparisons;
/// use sameas::{FieldKind, Schema};
///
/// let schema = Schema::builder()
///     .field("given", FieldKind::GivenName)
///     .field("family", FieldKind::FamilyName)
///     .field("dob", FieldKind::Date)
///     .build()?;
/// let comparisons = default_comparisons(&schema);
/// let dob: Vec<&str> = comparisons[2].levels().iter().map(|level| level.label()).collect();
/// assert_eq!(
///     dob,
///     [
///         "exact",
///         "day and month swapped",
///         "damerau <= 1",
///         "year one off",
///         "placeholder date",
///         "day or month wrong",
///         "year wrong",
///         "within 365 days",
///         "else"
///     ]
/// );
/// assert_eq!(comparisons[1].levels()[1].label(), "swapped with given (jaro-winkler >= 0.85)");
/// # Ok::<(), sameas::Error>(())
/// ```
pub fn default_comparisons(schema: &Schema) -> Vec<Comparison> {
    let given = own_fields_of(schema, FieldKind::GivenName).next();
    let family = own_fields_of(schema, FieldKind::FamilyName).next();
    let date = own_fields_of(schema, FieldKind::Date).next();
    let groups: Vec<AddressGroup> = address_groups(schema)
        .into_iter()
        .filter(|group| !is_other_party(schema, group.street))
        .collect();
    let location = location_comparison(schema, groups.first());
    // A further split address (a mailing address besides the home) and
    // each other party: one comparison each.
    let grouped: Vec<Comparison> = groups
        .iter()
        .skip(1)
        .filter_map(|group| address_group_comparison(schema, group))
        .chain(
            other_parties(schema)
                .iter()
                .filter_map(|party| party_comparison(schema, party)),
        )
        .collect();
    let in_location = |id: FieldId| {
        location
            .as_ref()
            .is_some_and(|comparison| comparison.fields().contains(&id))
            || groups.iter().any(|group| group.contains(id))
            || is_other_party(schema, id)
    };
    let mut comparisons: Vec<Comparison> = schema
        .matching_ids()
        .filter(|&id| !in_location(id))
        .filter_map(|id| {
            let field = schema.try_field(id)?;
            let name = field.name();
            let levels = default_levels(field.kind(), id, given, family, date)?;
            let conditions: Vec<Vec<(&str, LevelTest)>> = levels
                .tests
                .iter()
                .map(|tests| tests.iter().map(|&test| (name, test)).collect())
                .collect();
            let conditions: Vec<&[(&str, LevelTest)]> =
                conditions.iter().map(Vec::as_slice).collect();
            let mut comparison = Comparison::builder(schema, name);
            comparison
                .levels_across(&conditions)
                .term_frequencies(levels.term_frequencies);
            if let Some(level) = levels.neutral {
                comparison.neutral(level);
            }
            comparison.build().ok()
        })
        .collect();
    // The location, and each group, goes where its first field stands.
    for comparison in location.into_iter().chain(grouped) {
        let position = comparisons
            .iter()
            .position(|other| other.field() > comparison.field())
            .unwrap_or(comparisons.len());
        comparisons.insert(position, comparison);
    }
    comparisons
}

/// The levels of an address split over fields: street and house number
/// (and unit) exact, street and number exact, the street near and the
/// number exact; a house number alone or a unit alone is shared by too
/// many to be a level.
fn split_address_levels(schema: &Schema, group: &AddressGroup) -> Vec<Vec<(String, LevelTest)>> {
    use LevelTest::*;
    let name = |id: FieldId| schema.field(id).name().to_string();
    let street = name(group.street);
    let Some(number) = group.number.map(name) else {
        return vec![
            vec![(street.clone(), Exact)],
            vec![(street, JaroWinkler { at_least: 0.92 })],
        ];
    };
    let mut levels = Vec::new();
    if let Some(unit) = group.unit.map(name) {
        levels.push(vec![
            (street.clone(), Exact),
            (number.clone(), Exact),
            (unit, Exact),
        ]);
    }
    levels.push(vec![(street.clone(), Exact), (number.clone(), Exact)]);
    levels.push(vec![
        (street, JaroWinkler { at_least: 0.92 }),
        (number, Exact),
    ]);
    levels
}

/// A level's conditions with borrowed field names.
fn borrowed(level: &[(String, LevelTest)]) -> Vec<(&str, LevelTest)> {
    level
        .iter()
        .map(|(name, test)| (name.as_str(), *test))
        .collect()
}

/// One comparison of a further split address, named after its street
/// field.
fn address_group_comparison(schema: &Schema, group: &AddressGroup) -> Option<Comparison> {
    let levels = split_address_levels(schema, group);
    let levels: Vec<Vec<(&str, LevelTest)>> = levels.iter().map(|level| borrowed(level)).collect();
    let levels: Vec<&[(&str, LevelTest)]> = levels.iter().map(Vec::as_slice).collect();
    Comparison::builder(schema, schema.field(group.street).name())
        .levels_across(&levels)
        .term_frequencies(true)
        .build()
        .ok()
}

/// Another party (the employer) as one comparison: its identifier exact,
/// its name exact, its address (street and number) exact. Co-workers
/// share all of them, and one person changing jobs changes all of them:
/// compared one by one, they would count many times over, for and
/// against.
fn party_comparison(schema: &Schema, party: &Party) -> Option<Comparison> {
    use LevelTest::*;
    let name = |id: FieldId| schema.field(id).name().to_string();
    let mut levels: Vec<Vec<(String, LevelTest)>> = Vec::new();
    levels.extend(party.id.map(|id| vec![(name(id), Exact)]));
    levels.extend(party.title.map(|id| vec![(name(id), Exact)]));
    if let Some(group) = &party.address {
        let street = (name(group.street), Exact);
        levels.push(match group.number.map(name) {
            Some(number) => vec![street, (number, Exact)],
            None => vec![street],
        });
    }
    if levels.is_empty() {
        return None;
    }
    let levels: Vec<Vec<(&str, LevelTest)>> = levels.iter().map(|level| borrowed(level)).collect();
    let levels: Vec<&[(&str, LevelTest)]> = levels.iter().map(Vec::as_slice).collect();
    Comparison::builder(schema, party.name)
        .levels_across(&levels)
        .term_frequencies(true)
        .build()
        .ok()
}

/// Where a person lives and how to call them, as one comparison: the
/// first address field with the first phone, postcode and city fields.
/// People of one household share address, postcode, city and often the
/// landline; compared one by one, a household would agree four times
/// over and outweigh different names and birth dates.
fn location_comparison(schema: &Schema, split: Option<&AddressGroup>) -> Option<Comparison> {
    use LevelTest::*;
    let name = |kind: FieldKind| {
        own_fields_of(schema, kind)
            .next()
            .and_then(|id| schema.try_field(id))
            .map(|field| field.name().to_string())
    };
    let address = match split {
        Some(group) => schema.field(group.street).name().to_string(),
        None => name(FieldKind::Address)?,
    };
    let phone = name(FieldKind::Phone);
    let postcode = name(FieldKind::Postcode);
    let city = name(FieldKind::City);
    // The address's own levels: exact (split over fields: street and
    // number, with the unit first), then near.
    let (exact, near) = match split {
        Some(group) => {
            let mut exact = split_address_levels(schema, group);
            let near = exact.pop().unwrap_or_default();
            (exact, near)
        }
        None => (
            vec![vec![(address.clone(), Exact)]],
            vec![(address.clone(), JaroWinkler { at_least: 0.92 })],
        ),
    };
    let mut levels: Vec<Vec<(&str, LevelTest)>> = Vec::new();
    if let (Some(phone), Some(first)) = (&phone, exact.first()) {
        let mut level = borrowed(first);
        level.push((phone, Exact));
        levels.push(level);
    }
    levels.extend(exact.iter().map(|level| borrowed(level)));
    if let Some(phone) = &phone {
        levels.push(vec![(phone, Exact)]);
    }
    levels.push(borrowed(&near));
    if let Some(phone) = &phone {
        levels.push(vec![(phone, Damerau { at_most: 1 })]);
        levels.push(vec![(phone, LastDigits { digits: 7 })]);
    }
    if let Some(postcode) = &postcode {
        levels.push(vec![(postcode, Exact)]);
    }
    if let Some(city) = &city {
        levels.push(vec![(city, Exact)]);
    }
    let levels: Vec<&[(&str, LevelTest)]> = levels.iter().map(Vec::as_slice).collect();
    let comparison_name = [Some(&address), phone.as_ref()]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("+");
    Comparison::builder(schema, &comparison_name)
        .levels_across(&levels)
        .term_frequencies(true)
        .build()
        .ok()
}

/// The default levels of one field's comparison.
struct Levels {
    /// Per level, the tests the field's two values must all pass.
    tests: Vec<Vec<LevelTest>>,
    /// Whether exact agreement is weighed by term frequency.
    term_frequencies: bool,
    /// A level whose evidence another comparison counts.
    neutral: Option<usize>,
}

impl Levels {
    /// Levels of one test each.
    fn of(tests: Vec<LevelTest>, term_frequencies: bool) -> Levels {
        Levels {
            tests: tests.into_iter().map(|test| vec![test]).collect(),
            term_frequencies,
            neutral: None,
        }
    }
}

/// How alike each name must be to the other record's other name for the
/// names to count as entered the wrong way round: a swap often comes
/// with a typing error (`TREY HELD` and `HELS TREY`: Jaro-Winkler 0.88
/// between `HELD` and `HELS`). At 0.92 such pairs reached no name level;
/// at 0.85, on the given name, surname and date of birth of FEBRL2 (5,000
/// records), recall rose from 0.901 to 0.907 (F1 0.943 -> 0.947), and on
/// harsh government data (5,000 people, seed 7) from 0.950 to 0.951; no
/// other shape changed by more than 0.001 (`benches/compare/score.py`).
const SWAPPED_NAMES_AT_LEAST: f64 = 0.85;

/// The levels of a field of `kind`; `None` for a kind compared by default
/// on no level (timestamps: when a record changed says nothing about who
/// it is).
fn default_levels(
    kind: FieldKind,
    field: FieldId,
    given: Option<FieldId>,
    family: Option<FieldId>,
    date: Option<FieldId>,
) -> Option<Levels> {
    use LevelTest::*;
    // Given and family names entered the wrong way round: the given name
    // counts the swap, the family name's swapped level is neutral.
    let swapped = match (given, family) {
        (Some(given), Some(family)) if field == given => Some(Swapped {
            with: family,
            at_least: SWAPPED_NAMES_AT_LEAST,
        }),
        (Some(given), Some(family)) if field == family => Some(Swapped {
            with: given,
            at_least: SWAPPED_NAMES_AT_LEAST,
        }),
        _ => None,
    };
    let names = |first: &[LevelTest], rest: &[LevelTest]| -> Vec<LevelTest> {
        [Exact]
            .into_iter()
            .chain(swapped)
            .chain(first.iter().copied())
            .chain(rest.iter().copied())
            .collect()
    };
    // Two letters typed the wrong way round (`LEO` / `ELO`, `AJMES` /
    // `JAMES`): Jaro-Winkler is low when the swap falls in a short name
    // or at its start, so a level of its own keeps such pairs out of the
    // looser levels and `else`. Any other single edit (`BRJUN` / `ARJUN`)
    // only after Jaro-Winkler >= 0.8: in a short name it often makes
    // another name (`MARY` / `MARK`); placed before it, inventors 1,000
    // seed 2 lost precision 0.893 -> 0.859.
    let fuzzy_names = [
        JaroWinkler { at_least: 0.92 },
        Transposition,
        JaroWinkler { at_least: 0.8 },
        Damerau { at_most: 1 },
        Soundex,
    ];
    Some(match kind {
        FieldKind::GivenName => {
            let mut tests = names(&[SameFirstName, Nickname], &fuzzy_names);
            tests.push(Initial);
            Levels::of(tests, true)
        }
        FieldKind::FamilyName => {
            // A double surname and one of its parts before Soundex: a
            // shared word is rarer by chance than a shared sound.
            let mut tests = names(&[], &fuzzy_names);
            let soundex = tests
                .iter()
                .position(|test| *test == Soundex)
                .unwrap_or(tests.len());
            tests.insert(soundex, TokenJaccard { at_least: 0.5 });
            Levels {
                neutral: swapped.map(|_| 1),
                ..Levels::of(tests, true)
            }
        }
        FieldKind::FullName | FieldKind::Organisation => Levels::of(
            vec![
                Exact,
                TokenJaccard { at_least: 1.0 },
                JaroWinkler { at_least: 0.92 },
                TokenJaccard { at_least: 0.5 },
                JaroWinkler { at_least: 0.8 },
            ],
            true,
        ),
        // Exact, or one typing error in a letter. Namesakes' addresses are
        // made of the same names and differ in digits (`ann.lee85`,
        // `ann.lee`), separators (`annlee`, `ann.lee`) or provider
        // (`ann.lee@` at two), so none of these is evidence of one person.
        FieldKind::Email => Levels {
            tests: vec![
                vec![Exact],
                vec![Damerau { at_most: 1 }, SameDigits, LettersDiffer],
            ],
            term_frequencies: false,
            neutral: None,
        },
        // Handles are unique per platform: no term frequencies. A handle
        // spelling the other record's names is evidence, stronger with
        // the birth year; the year alone is weak (many share it).
        FieldKind::Handle => {
            let names = given
                .zip(family)
                .map(|(given, family)| HandleNames { given, family });
            let year = date.map(|date| HandleBirthYear { date });
            let mut tests = vec![vec![Exact]];
            if let (Some(names), Some(year)) = (names, year) {
                tests.push(vec![names, year]);
            }
            tests.extend(names.into_iter().chain(year).map(|test| vec![test]));
            Levels {
                tests,
                term_frequencies: false,
                neutral: None,
            }
        }
        FieldKind::Phone => Levels::of(
            vec![Exact, Damerau { at_most: 1 }, LastDigits { digits: 7 }],
            false,
        ),
        FieldKind::Date => Levels::of(
            vec![
                Exact,
                DayMonthSwapped,
                Damerau { at_most: 1 },
                YearOneOff,
                DatePlaceholder,
                DayOrMonthWrong,
                YearWrong,
                WithinDays { days: 365 },
            ],
            false,
        ),
        FieldKind::Address => Levels::of(
            vec![
                Exact,
                JaroWinkler { at_least: 0.92 },
                TokenJaccard { at_least: 0.5 },
            ],
            true,
        ),
        FieldKind::City => Levels::of(vec![Exact, JaroWinkler { at_least: 0.92 }], true),
        FieldKind::Postcode => Levels::of(
            vec![
                Exact,
                Prefix { chars: 5 },
                Damerau { at_most: 1 },
                Prefix { chars: 3 },
            ],
            true,
        ),
        FieldKind::Identifier => Levels::of(vec![Exact, Damerau { at_most: 1 }], false),
        FieldKind::Text => Levels::of(
            vec![
                Exact,
                TokenJaccard { at_least: 0.7 },
                TokenJaccard { at_least: 0.4 },
            ],
            false,
        ),
        FieldKind::Set => Levels::of(vec![Exact, SetOverlap], false),
        FieldKind::Numeric => Levels::of(
            vec![
                Exact,
                RelativeDifference { at_most: 0.01 },
                RelativeDifference { at_most: 0.1 },
            ],
            false,
        ),
        FieldKind::Country | FieldKind::Category => Levels::of(vec![Exact], false),
        FieldKind::Timestamp => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_gets_a_valid_comparison() {
        let mut builder = Schema::builder();
        for kind in FieldKind::ALL {
            builder.field(kind.as_str(), kind);
        }
        let schema = builder.build().unwrap();
        let comparisons = default_comparisons(&schema);
        // Address, phone, postcode and city make one comparison; a
        // timestamp has none.
        assert_eq!(comparisons.len(), FieldKind::ALL.len() - 4);
        let handle = comparisons.iter().find(|c| c.name() == "handle").unwrap();
        let labels: Vec<&str> = handle.levels().iter().map(|level| level.label()).collect();
        assert_eq!(
            labels,
            [
                "exact",
                "handle spells given_name + family_name and handle holds the year of date",
                "handle spells given_name + family_name",
                "handle holds the year of date",
                "else"
            ]
        );
        assert!(comparisons.iter().all(|c| c.name() != "timestamp"));
        for comparison in &comparisons {
            assert_eq!(comparison.levels().last().unwrap().label(), "else");
        }
        let given = &comparisons[0];
        let labels: Vec<&str> = given.levels().iter().map(|level| level.label()).collect();
        assert_eq!(
            labels,
            [
                "exact",
                "swapped with family_name (jaro-winkler >= 0.85)",
                "same first name",
                "nickname",
                "jaro-winkler >= 0.92",
                "one transposition",
                "jaro-winkler >= 0.8",
                "damerau <= 1",
                "soundex",
                "initial",
                "else"
            ]
        );
        assert!(given.levels()[0].is_term_frequency_adjusted());
    }

    #[test]
    fn an_address_gathers_phone_postcode_and_city() {
        let schema = Schema::builder()
            .field("given", FieldKind::GivenName)
            .field("phone", FieldKind::Phone)
            .field("address", FieldKind::Address)
            .field("city", FieldKind::City)
            .field("zip", FieldKind::Postcode)
            .build()
            .unwrap();
        let comparisons = default_comparisons(&schema);
        let names: Vec<&str> = comparisons.iter().map(Comparison::name).collect();
        assert_eq!(names, ["given", "address+phone"]);
        let location = &comparisons[1];
        assert_eq!(location.fields().len(), 4);
        assert_eq!(
            location.levels()[0].label(),
            "address exact and phone exact"
        );
        assert!(location.levels()[1].is_term_frequency_adjusted());
        assert!(!location.levels()[0].is_term_frequency_adjusted());
        assert_eq!(location.levels().last().unwrap().label(), "else");
    }

    #[test]
    fn a_handle_without_names_or_date_is_compared_exactly() {
        let schema = Schema::builder()
            .field("handle", FieldKind::Handle)
            .field("dob", FieldKind::Date)
            .build()
            .unwrap();
        let comparisons = default_comparisons(&schema);
        let labels: Vec<&str> = comparisons[0]
            .levels()
            .iter()
            .map(|level| level.label())
            .collect();
        assert_eq!(labels, ["exact", "handle holds the year of dob", "else"]);
    }

    #[test]
    fn names_without_a_partner_field_are_not_swapped() {
        let schema = Schema::builder()
            .field("given", FieldKind::GivenName)
            .build()
            .unwrap();
        let comparisons = default_comparisons(&schema);
        assert_eq!(comparisons[0].levels()[1].label(), "same first name");
    }

    /// A schema of a given and a family name.
    fn given_and_family() -> Schema {
        Schema::builder()
            .field("given", FieldKind::GivenName)
            .field("family", FieldKind::FamilyName)
            .build()
            .unwrap()
    }

    #[test]
    fn names_swapped_with_a_typo_reach_the_swapped_level() {
        let schema = given_and_family();
        let comparisons = default_comparisons(&schema);
        let mut store = crate::prepare::PreparedStore::new(schema);
        let source = store.add_source("people", false).unwrap();
        let records: Vec<crate::record::OwnedRecord> = [
            ("TREY", "HELD"),
            // Swapped, and `HELD` typed `HELS` (Jaro-Winkler 0.88).
            ("HELS", "TREY"),
            // Swapped, each with a typo too far from the other name.
            ("HOLT", "TRAY"),
            // Relatives whose family name starts with a given name: each
            // family name is like the other's given name, but more like
            // the other's family name (the same).
            ("JAMES", "JAMESON"),
            ("JAMIE", "JAMESON"),
        ]
        .iter()
        .enumerate()
        .map(|(i, (given, family))| {
            crate::record::OwnedRecord::new(i.to_string())
                .with("given", *given)
                .with("family", *family)
        })
        .collect();
        store.ingest(source, &records).unwrap();
        let r: Vec<_> = store.records().collect();
        let label = |comparison: &Comparison, a: usize, b: usize| {
            comparison
                .level(&r[a], &r[b])
                .map(|level| comparison.levels()[level].label().to_string())
        };
        let swapped = "swapped with family (jaro-winkler >= 0.85)";
        assert_eq!(label(&comparisons[0], 0, 1).as_deref(), Some(swapped));
        assert_ne!(label(&comparisons[0], 0, 2).as_deref(), Some(swapped));
        assert_eq!(
            label(&comparisons[1], 0, 1).as_deref(),
            Some("swapped with given (jaro-winkler >= 0.85)")
        );
        // Crossed, `JAMES` / `JAMESON` 0.94 and `JAMESON` / `JAMIE` 0.85:
        // not a swap, as the family names agree; the given names reach
        // their own level (`JAMIE` is a nickname of `JAMES`).
        assert_eq!(label(&comparisons[0], 3, 4).as_deref(), Some("nickname"));
    }

    #[test]
    fn a_double_surname_meets_one_of_its_parts() {
        let schema = given_and_family();
        let family = default_comparisons(&schema)
            .into_iter()
            .find(|comparison| comparison.name() == "family")
            .unwrap();
        let labels: Vec<&str> = family.levels().iter().map(|level| level.label()).collect();
        let part = labels
            .iter()
            .position(|&label| label == "token jaccard >= 0.5")
            .unwrap();
        // Before Soundex: a shared word is rarer by chance than a sound.
        assert_eq!(labels[part + 1..], ["soundex", "else"]);
        let mut store = crate::prepare::PreparedStore::new(schema);
        let source = store.add_source("people", false).unwrap();
        let records: Vec<crate::record::OwnedRecord> = [
            "Davis-Harterhaven",
            "HARTERHAVEN",
            "Perez Torres",
            "Torres",
            "Davis",
        ]
        .iter()
        .enumerate()
        .map(|(i, family)| crate::record::OwnedRecord::new(i.to_string()).with("family", *family))
        .collect();
        store.ingest(source, &records).unwrap();
        let level = |a: usize, b: usize| {
            let record = |i| {
                store
                    .record(crate::id::RecordIndex::from_position(i))
                    .unwrap()
            };
            family.level_of(&record(a), &record(b))
        };
        assert_eq!(level(0, 1), Some(part));
        assert_eq!(level(2, 3), Some(part));
        assert_eq!(level(1, 4), Some(labels.len() - 1));
    }

    /// The census and tax columns of the government shape's wide layout.
    fn wide_schema() -> Schema {
        Schema::builder()
            .field("first_name", FieldKind::GivenName)
            .field("last_name", FieldKind::FamilyName)
            .field("street_number", FieldKind::Address)
            .field("street_name", FieldKind::Address)
            .field("unit_number", FieldKind::Identifier)
            .field("city", FieldKind::City)
            .field("zipcode", FieldKind::Postcode)
            .field("ssn", FieldKind::Identifier)
            .field("employer_id", FieldKind::Identifier)
            .field("employer_name", FieldKind::Organisation)
            .field("employer_street_number", FieldKind::Address)
            .field("employer_street_name", FieldKind::Address)
            .field("employer_city", FieldKind::City)
            .field("employer_zipcode", FieldKind::Postcode)
            .build()
            .unwrap()
    }

    #[test]
    fn an_address_split_over_fields_is_one_comparison() {
        let schema = wide_schema();
        let comparisons = default_comparisons(&schema);
        let names: Vec<&str> = comparisons.iter().map(Comparison::name).collect();
        assert_eq!(
            names,
            ["first_name", "last_name", "street_name", "ssn", "employer"]
        );
        let labels: Vec<&str> = comparisons[2]
            .levels()
            .iter()
            .map(|level| level.label())
            .collect();
        assert_eq!(
            labels,
            [
                "street_name exact and street_number exact and unit_number exact",
                "street_name exact and street_number exact",
                "street_name jaro-winkler >= 0.92 and street_number exact",
                "zipcode exact",
                "city exact",
                "else"
            ]
        );
        // The employer's columns, agreeing or not together, once.
        let labels: Vec<&str> = comparisons[4]
            .levels()
            .iter()
            .map(|level| level.label())
            .collect();
        assert_eq!(
            labels,
            [
                "employer_id exact",
                "employer_name exact",
                "employer_street_name exact and employer_street_number exact",
                "else"
            ]
        );
    }
}
