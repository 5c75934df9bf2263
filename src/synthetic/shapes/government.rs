//! Government-style records about the same simulated people in three
//! sources with different columns and date formats.
//!
//! [`GovernmentGenerator`] draws households and writes their members
//! into a census, tax forms and a social-security file:
//!
//! | source | columns | dates | who, how often |
//! |---|---|---|---|
//! | `census` | `given`, `middle`, `family`, `sex`, `dob`, `address`, `city`, `state`, `zip` | `09/29/1955` | 95 % of people; 3 % counted twice |
//! | `tax` | `given`, `family`, `ssn` (`123456789`), `dob`, `address`, `city`, `state`, `zip` | `19550929` | 75 % of adults (born 2002 or earlier), one form per year: 1 to 4 records |
//! | `ssa` | `ssn` (`123-45-6789`), `given`, `middle`, `family`, `sex`, `dob` | `1955-09-29` | 85 % of people, once each (duplicate-free); legal names in capitals without diacritics, no nicknames |
//!
//! Kinds: `given` and `middle` given names, `family` family name, `sex`
//! and `state` categories, `dob` date, `address` address, `city` city,
//! `zip` postcode, `ssn` identifier.
//!
//! # The wide layout
//!
//! [`GovernmentLayout::Wide`] writes the same people as real extracts
//! come: wider, with `snake_case` headers, the address split over
//! columns, and columns that describe something else than the person.
//!
//! | source | columns | dates |
//! |---|---|---|
//! | `census` | `first_name`, `middle_initial`, `last_name`, `age`, `date_of_birth`, `sex`, `relationship_to_reference_person`, `street_number`, `street_name`, `unit_number`, `city`, `state`, `zipcode`, `housing_type`, `race_ethnicity` | `09/29/1955` |
//! | `tax` | `ssn`, `first_name`, `middle_initial`, `last_name`, `date_of_birth`, `street_number` .. `zipcode` (as the census), `employer_id`, `employer_name`, `employer_street_number`, `employer_street_name`, `employer_unit_number`, `employer_city`, `employer_state`, `employer_zipcode`, `wages`, `tax_year`, `tax_form` | `19550929` |
//! | `ssa` | `ssn`, `first_name`, `middle_initial`, `last_name`, `sex`, `date_of_birth`, `event_type`, `event_date` | `1955-09-29` |
//!
//! - `street_number` and `street_name` (`Oak Street`, `OAK ST` on tax
//!   forms) go missing together; `unit_number` (`12`, `Apt 12`) is blank
//!   for the 75 % without one.
//! - `age` is counted from the true date of birth to the census day
//!   (1 April 2020), one year off in 8 % of records.
//! - `relationship_to_reference_person`: `Reference person`,
//!   `Opposite-sex spouse`, `Same-sex spouse`, `Biological child`,
//!   `Adopted child`, `Stepchild`, `Grandchild`, `Sibling`, `Other
//!   relative`, `Roommate or housemate`; `housing_type` `Household` or
//!   `Group quarters` (3 % of households); `race_ethnicity` mostly the
//!   household's, 5 % of records another.
//! - Employers: one per 12 people, sizes falling off (a few large, many
//!   small); co-workers share `employer_id` (nine digits),
//!   `employer_name` (`SMITH PLUMBING LLC`) and its address; a person
//!   changes employer between tax years 25 % of the time; 10 % of
//!   spouses work for the head's employer. A person's forms are for
//!   consecutive `tax_year`s from a first year in 2016 to 2019;
//!   `tax_form` is `W2` or `1099` (15 %); `wages` change from year to
//!   year.
//! - Social security: an `event_type` `creation` for everyone (at birth
//!   for those born from 1987, else at 14 to 25), and a second record,
//!   `death`, for 15 % of those born in or before 1950: the source is no
//!   longer duplicate-free. `event_date` is ISO as the date of birth.
//!
//! Kinds (as a user mapping every column to the nearest kind would
//! declare them): names as in the tidy layout, `age`, `wages` and
//! `tax_year` numeric; `date_of_birth` and `event_date` dates;
//! `street_number`, `street_name`, `unit_number` and the employer's
//! three address columns addresses; `employer_id` an identifier,
//! `employer_name` an organisation, `employer_city` a city,
//! `employer_zipcode` a postcode; the rest categories.
//!
//! # The people
//!
//! Households ([`household_rate`](GovernmentGeneratorBuilder::household_rate)
//! of them have two to six members) share an address and, mostly, a
//! surname: a head; a spouse in 85 % of them (mostly of the other sex,
//! born within six years, keeping their own surname 15 % of the time),
//! else a relative of about the head's age; children born 20 to 40 years
//! after the head, twins among them
//! ([`twin_rate`](GovernmentGeneratorBuilder::twin_rate)) with the same
//! date of birth. Members differ in given name, sex (mostly), date of
//! birth and SSN: the trap, since surname and address agree. Names are
//! 80 % English / US, 20 % from eleven other cultures; 70 % of people have
//! a middle name, shown as an initial. Every person has a unique SSN.
//!
//! # Noise
//!
//! Every record, in every source, may carry noise (rates on
//! [`GovernmentGeneratorBuilder`]): a typo per name, address and city;
//! blank middle, sex, date, address, ZIP and (tax) SSN; a nickname in the
//! census and tax forms; a wrong SSN digit (tax); a wrong date of birth
//! (one digit, transposed digits, day and month swapped, a year off, the
//! day or the month wrong as a whole, a wholly different date); and for
//! households that moved, the new address in half the census and tax
//! records.
//!
//! # Examples
//!
//! ```
//! use sameas::synthetic::shapes::GovernmentGenerator;
//! use sameas::Record;
//!
//! let data = GovernmentGenerator::builder().seed(1).entities(1_000).build()?.generate();
//! let tax = data.source("tax").unwrap();
//! let dob = tax.records().iter().find_map(|r| r.field("dob")).unwrap();
//! assert_eq!(dob.len(), 8); // yyyymmdd
//! # Ok::<(), sameas::Error>(())
//! ```

use std::collections::BTreeSet;

use super::lists::BUSINESS_SURNAMES;
use super::people::{DateStyle, Home, NameBook, UsCities, birth_in, format_date};
use super::spelling::{DateError, number_slip, wrong_birth};
use super::{Draft, Shape, ShapeData, SourceLayout};
use crate::error::BuildError;
use crate::normalize::fold_diacritics;
use crate::rng::Rng;
use crate::schema::FieldKind;
use crate::synthetic::noise::{typo, vary_case};
use crate::synthetic::population::{Birth, push_number};

const CENSUS: [&str; 9] = [
    "given", "middle", "family", "sex", "dob", "address", "city", "state", "zip",
];
const TAX: [&str; 8] = [
    "given", "family", "ssn", "dob", "address", "city", "state", "zip",
];
const SSA: [&str; 6] = ["ssn", "given", "middle", "family", "sex", "dob"];

const CENSUS_WIDE: [&str; 15] = [
    "first_name",
    "middle_initial",
    "last_name",
    "age",
    "date_of_birth",
    "sex",
    "relationship_to_reference_person",
    "street_number",
    "street_name",
    "unit_number",
    "city",
    "state",
    "zipcode",
    "housing_type",
    "race_ethnicity",
];
const TAX_WIDE: [&str; 22] = [
    "ssn",
    "first_name",
    "middle_initial",
    "last_name",
    "date_of_birth",
    "street_number",
    "street_name",
    "unit_number",
    "city",
    "state",
    "zipcode",
    "employer_id",
    "employer_name",
    "employer_street_number",
    "employer_street_name",
    "employer_unit_number",
    "employer_city",
    "employer_state",
    "employer_zipcode",
    "wages",
    "tax_year",
    "tax_form",
];
const SSA_WIDE: [&str; 8] = [
    "ssn",
    "first_name",
    "middle_initial",
    "last_name",
    "sex",
    "date_of_birth",
    "event_type",
    "event_date",
];

const FIELD_KINDS: [(&str, FieldKind); 10] = [
    ("given", FieldKind::GivenName),
    ("middle", FieldKind::GivenName),
    ("family", FieldKind::FamilyName),
    ("sex", FieldKind::Category),
    ("dob", FieldKind::Date),
    ("address", FieldKind::Address),
    ("city", FieldKind::City),
    ("state", FieldKind::Category),
    ("zip", FieldKind::Postcode),
    ("ssn", FieldKind::Identifier),
];

/// The wide layout's kinds, as a user mapping every column to the
/// nearest kind would declare them (the employer's columns too).
const FIELD_KINDS_WIDE: [(&str, FieldKind); 29] = [
    ("first_name", FieldKind::GivenName),
    ("middle_initial", FieldKind::GivenName),
    ("last_name", FieldKind::FamilyName),
    ("age", FieldKind::Numeric),
    ("date_of_birth", FieldKind::Date),
    ("sex", FieldKind::Category),
    ("relationship_to_reference_person", FieldKind::Category),
    ("street_number", FieldKind::Address),
    ("street_name", FieldKind::Address),
    ("unit_number", FieldKind::Address),
    ("city", FieldKind::City),
    ("state", FieldKind::Category),
    ("zipcode", FieldKind::Postcode),
    ("housing_type", FieldKind::Category),
    ("race_ethnicity", FieldKind::Category),
    ("ssn", FieldKind::Identifier),
    ("employer_id", FieldKind::Identifier),
    ("employer_name", FieldKind::Organisation),
    ("employer_street_number", FieldKind::Address),
    ("employer_street_name", FieldKind::Address),
    ("employer_unit_number", FieldKind::Address),
    ("employer_city", FieldKind::City),
    ("employer_state", FieldKind::Category),
    ("employer_zipcode", FieldKind::Postcode),
    ("wages", FieldKind::Numeric),
    ("tax_year", FieldKind::Numeric),
    ("tax_form", FieldKind::Category),
    ("event_type", FieldKind::Category),
    ("event_date", FieldKind::Date),
];

/// The census day of the wide layout's census: ages are counted to
/// 1 April of this year.
const CENSUS_YEAR: u16 = 2020;
/// Share of census ages one year off.
const AGE_SLIP_RATE: f64 = 0.08;
/// The first of the tax years; a person's forms are for consecutive
/// years from a year drawn in the four from here.
const FIRST_TAX_YEAR: u16 = 2016;
/// Share of tax forms that are a 1099 (else a W2).
const FORM_1099_RATE: f64 = 0.15;
/// Probability that a person's next tax form names another employer.
const JOB_CHANGE_RATE: f64 = 0.25;
/// Share of spouses working for the head's employer.
const SAME_EMPLOYER_SPOUSE_RATE: f64 = 0.1;
/// People per employer, on average.
const PEOPLE_PER_EMPLOYER: usize = 12;
/// Share of households in group quarters.
const GROUP_QUARTERS_RATE: f64 = 0.03;
/// Share of household members whose race / ethnicity differs from the
/// head's, and of census records giving another one.
const OTHER_RACE_RATE: f64 = 0.1;
/// Share of people born in or before 1950 with a death record.
const DEATH_RATE: f64 = 0.15;
/// Share of unit numbers written `Apt 12` (else `12`).
const UNIT_PREFIX_RATE: f64 = 0.3;
const RACES: [&str; 7] = [
    "White",
    "Latino",
    "Black",
    "Asian",
    "Multiracial or Other",
    "AIAN",
    "NHOPI",
];
const TRADES: [&str; 16] = [
    "Plumbing",
    "Logistics",
    "Dental Group",
    "Auto Repair",
    "Construction",
    "Insurance",
    "Foods",
    "Consulting",
    "Hardware",
    "Cleaning Services",
    "Medical Center",
    "Roofing",
    "Bakery",
    "Trucking",
    "Electric",
    "Landscaping",
];
const LEGAL_FORMS: [&str; 4] = ["LLC", "Inc", "Co", "Corp"];

/// Coverage of each source, and the share counted twice by the census.
const CENSUS_COVERAGE: f64 = 0.95;
const CENSUS_DUPLICATE_RATE: f64 = 0.03;
const TAX_COVERAGE: f64 = 0.75;
/// Probability of each further tax year (at most three more).
const TAX_YEAR_RATE: f64 = 0.4;
const SSA_COVERAGE: f64 = 0.85;
/// Adults for the tax forms: born this year or earlier.
const LAST_ADULT_YEAR: u16 = 2002;
const FIRST_YEAR: u16 = 1925;
const LAST_YEAR: u16 = 2020;
const INTERNATIONAL_RATE: f64 = 0.2;
const MIDDLE_NAME_RATE: f64 = 0.7;
const SPOUSE_RATE: f64 = 0.85;
const SPOUSE_OWN_NAME_RATE: f64 = 0.15;
const UNIT_RATE: f64 = 0.25;
/// Share of a moved household's census and tax records at the new
/// address.
const NEW_ADDRESS_RATE: f64 = 0.5;

const PEOPLE_STREAM: u64 = 1;
const WRITER_STREAM: u64 = 2;
const WIDE_STREAM: u64 = 3;

/// The columns each source writes; see the [module documentation](self).
///
/// # Examples
///
/// ```
/// use sameas::synthetic::shapes::{GovernmentGenerator, GovernmentLayout};
/// let data = GovernmentGenerator::builder()
///     .entities(300)
///     .layout(GovernmentLayout::Wide)
///     .build()?
///     .generate();
/// assert!(data.source("census").unwrap().columns().contains(&"street_number"));
/// assert!(data.source("tax").unwrap().columns().contains(&"employer_name"));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum GovernmentLayout {
    /// One `address` column, short headers (`given`, `dob`), only the
    /// person's fields.
    #[default]
    Tidy,
    /// Wider and messier, as census, tax and social-security extracts
    /// come: the address split over `street_number`, `street_name` and
    /// `unit_number`; `snake_case` headers (`first_name`,
    /// `date_of_birth`); the census's age, relationship, housing type
    /// and race / ethnicity; the tax forms' employer (shared by
    /// co-workers), wages, year and form; social-security events.
    Wide,
}

#[derive(Debug, Clone, PartialEq)]
struct Settings {
    seed: u64,
    entities: usize,
    household_rate: f64,
    twin_rate: f64,
    move_rate: f64,
    typo_rate: f64,
    missing_rate: f64,
    nickname_rate: f64,
    ssn_error_rate: f64,
    date_error_rate: f64,
    layout: GovernmentLayout,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            seed: 1,
            entities: 10_000,
            household_rate: 0.6,
            twin_rate: 0.05,
            move_rate: 0.2,
            typo_rate: 0.03,
            missing_rate: 0.05,
            nickname_rate: 0.1,
            ssn_error_rate: 0.03,
            date_error_rate: 0.04,
            layout: GovernmentLayout::Tidy,
        }
    }
}

/// One true person.
#[derive(Debug, Clone)]
pub(super) struct Person {
    pub(super) id: u32,
    /// Read by the tests.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) household: u32,
    pub(super) female: bool,
    pub(super) given: &'static str,
    pub(super) middle: Option<char>,
    pub(super) family: String,
    pub(super) birth: Birth,
    pub(super) ssn: u32,
    pub(super) home: Home,
    pub(super) new_home: Option<Home>,
    /// Place in the household.
    role: Role,
}

/// A person's place in their household.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The reference person (the first member, or living alone).
    Head,
    /// The head's spouse.
    Spouse,
    /// A relative of about the head's age.
    Relative,
    /// A child of the head.
    Child,
}

/// What the wide layout knows of a person beyond the tidy fields.
#[derive(Debug, Clone)]
struct Extra {
    race: &'static str,
    group_quarters: bool,
    /// The relationship as the census writes it.
    relationship: &'static str,
    /// The first tax year.
    first_tax_year: u16,
    /// Employers, one per possible tax form (at most four).
    employers: [u32; 4],
    /// Yearly wages, before the year's change.
    wages: u32,
    /// When the SSN was issued.
    created: Birth,
    /// Date of death, for some of the oldest.
    death: Option<Birth>,
}

/// An employer named on tax forms.
#[derive(Debug, Clone)]
struct Employer {
    id: u32,
    name: String,
    home: Home,
}

/// The wide layout's people and employers.
struct Wide {
    extras: Vec<Extra>,
    employers: Vec<Employer>,
}

/// A deterministic generator of census, tax and social-security records
/// with the true person of each. See the [module documentation](self).
///
/// # Examples
///
/// ```
/// use sameas::synthetic::shapes::GovernmentGenerator;
///
/// let generator = GovernmentGenerator::builder().seed(42).entities(300).build()?;
/// let data = generator.generate();
/// assert_eq!(data.sources().len(), 3);
/// assert_eq!(data, generator.generate());
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GovernmentGenerator {
    settings: Settings,
}

seed_and_entities!(generator GovernmentGenerator, GovernmentGeneratorBuilder;
    /// A generator with the default settings: seed 1, 10,000 people
    /// (about 29,000 records), the rates listed on
    /// [`GovernmentGeneratorBuilder`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::GovernmentGenerator;
    /// assert_eq!(GovernmentGenerator::new().entities(), 10_000);
    /// ```
);

impl GovernmentGenerator {
    /// Generates the three sources.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::GovernmentGenerator;
    /// let data = GovernmentGenerator::builder().entities(200).build()?.generate();
    /// assert!(data.record_count() >= 200);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn generate(&self) -> ShapeData {
        self.generate_with_truth().0
    }

    fn generate_with_truth(&self) -> (ShapeData, Vec<Person>) {
        let settings = &self.settings;
        let people = population(settings);
        let book = NameBook::new(INTERNATIONAL_RATE);
        let cities = UsCities::new(6);
        let wide =
            (settings.layout == GovernmentLayout::Wide).then(|| wide(settings, &people, &cities));
        let mut writer = Writer {
            settings,
            book: &book,
            cities: &cities,
            wide: wide.as_ref(),
            rng: Rng::new(settings.seed, WRITER_STREAM),
        };
        let mut drafts: Vec<Vec<Draft>> = vec![Vec::new(), Vec::new(), Vec::new()];
        for person in &people {
            writer.write(person, &mut drafts);
        }
        if wide.is_some() {
            let layouts = [
                SourceLayout {
                    name: "census",
                    columns: &CENSUS_WIDE,
                    duplicate_free: false,
                },
                SourceLayout {
                    name: "tax",
                    columns: &TAX_WIDE,
                    duplicate_free: false,
                },
                // A death is a second event of the same person.
                SourceLayout {
                    name: "ssa",
                    columns: &SSA_WIDE,
                    duplicate_free: false,
                },
            ];
            let data = ShapeData::assemble(
                Shape::Government,
                &FIELD_KINDS_WIDE,
                &layouts,
                drafts,
                settings.entities,
                settings.seed,
            );
            return (data, people);
        }
        let layouts = [
            SourceLayout {
                name: "census",
                columns: &CENSUS,
                duplicate_free: false,
            },
            SourceLayout {
                name: "tax",
                columns: &TAX,
                duplicate_free: false,
            },
            SourceLayout {
                name: "ssa",
                columns: &SSA,
                duplicate_free: true,
            },
        ];
        let data = ShapeData::assemble(
            Shape::Government,
            &FIELD_KINDS,
            &layouts,
            drafts,
            settings.entities,
            settings.seed,
        );
        (data, people)
    }
}

/// Draws the people, household by household.
fn population(settings: &Settings) -> Vec<Person> {
    let mut rng = Rng::new(settings.seed, PEOPLE_STREAM);
    let book = NameBook::new(INTERNATIONAL_RATE);
    let cities = UsCities::new(6);
    let mut ssns = BTreeSet::new();
    let mut people: Vec<Person> = Vec::with_capacity(settings.entities);
    let mut household = 0u32;
    while people.len() < settings.entities {
        let room = settings.entities - people.len();
        let size = if rng.chance(settings.household_rate) {
            match rng.below(100) {
                0..=34 => 2,
                35..=59 => 3,
                60..=84 => 4,
                85..=94 => 5,
                _ => 6,
            }
        } else {
            1
        }
        .min(room);
        let culture = book.culture(&mut rng);
        let home = Home::draw(&cities, UNIT_RATE, &mut rng);
        let new_home = rng
            .chance(settings.move_rate)
            .then(|| Home::draw(&cities, UNIT_RATE, &mut rng));
        let family = book.family(culture, &mut rng);
        let first = people.len();
        for member in 0..size {
            let head = people.get(first);
            let previous = people.last().filter(|_| member >= 3);
            let spouse = member == 1 && rng.chance(SPOUSE_RATE);
            let female = match head {
                Some(head) if spouse => {
                    if rng.chance(0.95) {
                        !head.female
                    } else {
                        head.female
                    }
                }
                _ => rng.chance(0.5),
            };
            let twin = previous.filter(|_| rng.chance(settings.twin_rate));
            let birth = match (head, twin) {
                (_, Some(twin)) => twin.birth,
                (None, None) => birth_in(rng.between(1935, 1995) as u16, &mut rng),
                (Some(head), None) if spouse || member == 1 => {
                    let year = i32::from(head.birth.0) + rng.between(0, 12) as i32 - 6;
                    birth_in(year.clamp(i32::from(FIRST_YEAR), 2000) as u16, &mut rng)
                }
                (Some(head), None) => {
                    let year = (head.birth.0 + rng.between(20, 40) as u16).min(LAST_YEAR);
                    birth_in(year, &mut rng)
                }
            };
            // Given names differ within a household.
            let mut given = book.given(culture, female, &mut rng);
            for _ in 0..10 {
                if !people[first..].iter().any(|p| p.given == given) {
                    break;
                }
                given = book.given(culture, female, &mut rng);
            }
            let role = match member {
                0 => Role::Head,
                1 if spouse => Role::Spouse,
                1 => Role::Relative,
                _ => Role::Child,
            };
            let family = if spouse && rng.chance(SPOUSE_OWN_NAME_RATE) {
                book.family(culture, &mut rng)
            } else {
                family.clone()
            };
            let middle = rng
                .chance(MIDDLE_NAME_RATE)
                .then(|| char::from(b'A' + rng.below(26) as u8));
            let ssn = loop {
                let area = rng.between(1, 899);
                if area == 666 {
                    continue;
                }
                let ssn = area * 1_000_000 + rng.between(1, 99) * 10_000 + rng.between(1, 9_999);
                if ssns.insert(ssn) {
                    break ssn;
                }
            };
            people.push(Person {
                id: people.len() as u32,
                household,
                female,
                given,
                middle,
                family,
                birth,
                ssn,
                home,
                new_home,
                role,
            });
        }
        household += 1;
    }
    people
}

/// Draws what the wide layout adds to each person, and the employers,
/// from a stream of its own (the people are those of the tidy layout).
fn wide(settings: &Settings, people: &[Person], cities: &UsCities) -> Wide {
    let mut rng = Rng::new(settings.seed, WIDE_STREAM);
    let surnames: Vec<&str> = BUSINESS_SURNAMES
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect();
    let mut ids = BTreeSet::new();
    let employers: Vec<Employer> = (0..(people.len() / PEOPLE_PER_EMPLOYER).max(5))
        .map(|_| {
            let id = loop {
                let id = rng.between(10_000_000, 999_999_999);
                if ids.insert(id) {
                    break id;
                }
            };
            let mut name = surnames[rng.below(surnames.len())].to_string();
            name.push(' ');
            name.push_str(TRADES[rng.below(TRADES.len())]);
            name.push(' ');
            name.push_str(LEGAL_FORMS[rng.below(LEGAL_FORMS.len())]);
            Employer {
                id,
                name,
                home: Home::draw(cities, UNIT_RATE, &mut rng),
            }
        })
        .collect();
    // Employers' sizes fall off: a few large ones, many small.
    let employer = |rng: &mut Rng| {
        let scale = employers.len() as u32;
        let draw = rng.below(employers.len()) as u32;
        (draw * rng.between(1, scale) / scale.max(1)).min(scale - 1)
    };
    let mut extras: Vec<Extra> = Vec::with_capacity(people.len());
    for person in people {
        let head = people[..person.id as usize]
            .iter()
            .rev()
            .take_while(|p| p.household == person.household)
            .last()
            .map(|p| &extras[p.id as usize]);
        let race = match head {
            Some(head) if !rng.chance(OTHER_RACE_RATE) => head.race,
            _ => RACES[(rng.below(RACES.len()) * rng.below(RACES.len())) / RACES.len()],
        };
        let group_quarters = match head {
            Some(head) => head.group_quarters,
            None => rng.chance(GROUP_QUARTERS_RATE),
        };
        let relationship = match person.role {
            Role::Head => "Reference person",
            Role::Spouse if head.is_some_and(|_| rng.chance(0.05)) => "Same-sex spouse",
            Role::Spouse => "Opposite-sex spouse",
            Role::Relative => ["Sibling", "Other relative", "Roommate or housemate"][rng.below(3)],
            Role::Child => match rng.below(20) {
                0 => "Adopted child",
                1 => "Stepchild",
                2 => "Grandchild",
                _ => "Biological child",
            },
        };
        let mut jobs = [employer(&mut rng); 4];
        if let (Role::Spouse, Some(head)) = (person.role, head) {
            if rng.chance(SAME_EMPLOYER_SPOUSE_RATE) {
                jobs[0] = head.employers[0];
            }
        }
        for year in 1..4 {
            jobs[year] = if rng.chance(JOB_CHANGE_RATE) {
                employer(&mut rng)
            } else {
                jobs[year - 1]
            };
        }
        let (year, month, day) = person.birth;
        let created = if year >= 1987 {
            (year, month, day)
        } else {
            birth_in(year + rng.between(14, 25) as u16, &mut rng)
        };
        let death = (year <= 1950 && rng.chance(DEATH_RATE))
            .then(|| birth_in(rng.between(2010, 2020) as u16, &mut rng));
        extras.push(Extra {
            race,
            group_quarters,
            relationship,
            first_tax_year: FIRST_TAX_YEAR + rng.below(4) as u16,
            employers: jobs,
            wages: 8_000 + rng.between(0, 60_000) + rng.between(0, 60_000) * rng.between(0, 2),
            created,
            death,
        });
    }
    Wide { extras, employers }
}

/// Writes records; holds the noise stream.
struct Writer<'a> {
    settings: &'a Settings,
    book: &'a NameBook,
    cities: &'a UsCities,
    /// The wide layout's people and employers (`None`: tidy).
    wide: Option<&'a Wide>,
    rng: Rng,
}

/// Which source a record is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Census,
    Tax,
    Ssa,
}

impl Writer<'_> {
    fn write(&mut self, person: &Person, drafts: &mut [Vec<Draft>]) {
        let mut counts = [0usize; 3];
        if self.rng.chance(CENSUS_COVERAGE) {
            counts[0] = 1 + usize::from(self.rng.chance(CENSUS_DUPLICATE_RATE));
        }
        if person.birth.0 <= LAST_ADULT_YEAR && self.rng.chance(TAX_COVERAGE) {
            counts[1] = 1;
            while counts[1] < 4 && self.rng.chance(TAX_YEAR_RATE) {
                counts[1] += 1;
            }
        }
        if self.rng.chance(SSA_COVERAGE) {
            counts[2] = 1;
            let extra = self.wide.map(|wide| &wide.extras[person.id as usize]);
            if extra.is_some_and(|extra| extra.death.is_some()) {
                counts[2] = 2;
            }
        }
        if counts == [0, 0, 0] {
            counts[0] = 1;
        }
        for ((source, count), out) in [Source::Census, Source::Tax, Source::Ssa]
            .into_iter()
            .zip(counts)
            .zip(drafts.iter_mut())
        {
            for nth in 0..count {
                let values = self.record(person, source, nth);
                out.push(Draft {
                    entity: person.id,
                    values,
                });
            }
        }
    }

    fn noisy(&mut self, rate: f64) -> bool {
        self.rng.chance(rate)
    }

    /// `value` unless it goes missing.
    fn maybe(&mut self, value: String) -> Option<String> {
        (!self.noisy(self.settings.missing_rate)).then_some(value)
    }

    /// The `nth` record of `person` in `source` (the tax year, or the
    /// social-security event, in the wide layout).
    fn record(&mut self, person: &Person, source: Source, nth: usize) -> Vec<Option<String>> {
        let settings = self.settings;
        let mut given = person.given.to_string();
        if source != Source::Ssa && self.noisy(settings.nickname_rate) {
            if let Some(nickname) = self.book.nickname(person.given, &mut self.rng) {
                given = nickname.to_string();
            }
        }
        if self.noisy(settings.typo_rate) {
            given = typo(&given, &mut self.rng);
        }
        let mut family = person.family.clone();
        if self.noisy(settings.typo_rate) {
            family = typo(&family, &mut self.rng);
        }
        if source == Source::Ssa {
            // Legal names in capitals, without diacritics.
            given = fold_diacritics(&given).to_uppercase();
            family = fold_diacritics(&family).to_uppercase();
        }
        let middle = match person.middle {
            Some(letter) => self.maybe(letter.to_string()),
            None => None,
        };
        let sex = self.maybe(if person.female { "F" } else { "M" }.to_string());
        let mut birth = person.birth;
        if self.noisy(settings.date_error_rate) {
            let kind = DateError::draw(&mut self.rng);
            birth = wrong_birth(birth, kind, FIRST_YEAR, LAST_YEAR, &mut self.rng);
        }
        let style = match source {
            Source::Census => DateStyle::MonthFirst,
            Source::Tax => DateStyle::Compact,
            Source::Ssa => DateStyle::Iso,
        };
        let dob = self.maybe(format_date(birth, style));
        let mut ssn = person.ssn;
        if self.noisy(settings.ssn_error_rate) {
            ssn = number_slip(ssn, 9, &mut self.rng);
        }
        let mut ssn_text = String::with_capacity(11);
        push_number(&mut ssn_text, ssn / 1_000_000, 3);
        if source == Source::Ssa {
            ssn_text.push('-');
        }
        push_number(&mut ssn_text, ssn / 10_000 % 100, 2);
        if source == Source::Ssa {
            ssn_text.push('-');
        }
        push_number(&mut ssn_text, ssn % 10_000, 4);
        if let Some(wide) = self.wide {
            let core = Core {
                given,
                middle,
                family,
                sex,
                dob,
                ssn: ssn_text,
            };
            return self.wide_record(wide, person, source, nth, core);
        }

        match source {
            Source::Ssa => vec![Some(ssn_text), Some(given), middle, Some(family), sex, dob],
            Source::Census | Source::Tax => {
                let home = match person.new_home {
                    Some(new_home) if self.rng.chance(NEW_ADDRESS_RATE) => new_home,
                    _ => person.home,
                };
                let abbreviated = source == Source::Tax || self.rng.chance(0.3);
                let mut address = home.street_line(abbreviated);
                if home.unit > 0 {
                    address.push_str(if abbreviated { " Apt " } else { ", Apt. " });
                    push_number(&mut address, u32::from(home.unit), 1);
                }
                if source == Source::Tax {
                    address = address.to_uppercase();
                }
                if self.noisy(settings.typo_rate) {
                    address = typo(&address, &mut self.rng);
                }
                let city = self.cities.get(usize::from(home.city));
                let mut city_name = city.name.to_string();
                if self.noisy(settings.typo_rate) {
                    city_name = typo(&city_name, &mut self.rng);
                }
                if source == Source::Tax {
                    city_name = city_name.to_uppercase();
                } else if self.rng.chance(0.05) {
                    city_name = vary_case(&city_name, &mut self.rng);
                }
                let address = self.maybe(address);
                let zip = self.maybe(home.zip_code());
                let state = Some(city.state.to_string());
                if source == Source::Census {
                    vec![
                        Some(given),
                        middle,
                        Some(family),
                        sex,
                        dob,
                        address,
                        Some(city_name),
                        state,
                        zip,
                    ]
                } else {
                    let ssn = self.maybe(ssn_text);
                    vec![
                        Some(given),
                        Some(family),
                        ssn,
                        dob,
                        address,
                        Some(city_name),
                        state,
                        zip,
                    ]
                }
            }
        }
    }
}

/// The person's fields of one record, noise applied, before the layout.
struct Core {
    given: String,
    middle: Option<String>,
    family: String,
    sex: Option<String>,
    dob: Option<String>,
    ssn: String,
}

impl Writer<'_> {
    /// A record of the wide layout.
    fn wide_record(
        &mut self,
        wide: &Wide,
        person: &Person,
        source: Source,
        nth: usize,
        core: Core,
    ) -> Vec<Option<String>> {
        let extra = &wide.extras[person.id as usize];
        let Core {
            given,
            middle,
            family,
            sex,
            dob,
            ssn,
        } = core;
        if source == Source::Ssa {
            let (event, date) = match extra.death {
                Some(death) if nth > 0 => ("death", death),
                _ => ("creation", extra.created),
            };
            return vec![
                Some(ssn),
                Some(given),
                middle,
                Some(family),
                sex,
                dob,
                Some(event.to_string()),
                Some(format_date(date, DateStyle::Iso)),
            ];
        }
        let home = match person.new_home {
            Some(new_home) if self.rng.chance(NEW_ADDRESS_RATE) => new_home,
            _ => person.home,
        };
        let tax = source == Source::Tax;
        let [street_number, street_name, unit, city, state, zip] = self.split_address(home, tax);
        if source == Source::Census {
            let (year, month, day) = person.birth;
            let before_census_day = (month, day) > (4, 1);
            let mut age = i32::from(CENSUS_YEAR) - i32::from(year) - i32::from(before_census_day);
            if self.rng.chance(AGE_SLIP_RATE) {
                age += if self.rng.chance(0.5) { 1 } else { -1 };
            }
            let race = if self.rng.chance(OTHER_RACE_RATE / 2.0) {
                RACES[self.rng.below(RACES.len())]
            } else {
                extra.race
            };
            let housing = if extra.group_quarters {
                "Group quarters"
            } else {
                "Household"
            };
            return vec![
                Some(given),
                middle,
                Some(family),
                Some(age.max(0).to_string()),
                dob,
                sex,
                Some(extra.relationship.to_string()),
                street_number,
                street_name,
                unit,
                city,
                state,
                zip,
                Some(housing.to_string()),
                Some(race.to_string()),
            ];
        }
        let employer = &wide.employers[extra.employers[nth.min(3)] as usize];
        let [
            employer_number,
            employer_street,
            employer_unit,
            employer_city,
            employer_state,
            employer_zip,
        ] = self.split_address(employer.home, true);
        let mut employer_id = String::with_capacity(9);
        push_number(&mut employer_id, employer.id, 9);
        let wages = extra.wages + self.rng.between(0, 4_000) * (nth as u32 + 1);
        let form = if self.rng.chance(FORM_1099_RATE) {
            "1099"
        } else {
            "W2"
        };
        vec![
            self.maybe(ssn),
            Some(given),
            middle,
            Some(family),
            dob,
            street_number,
            street_name,
            unit,
            city,
            state,
            zip,
            Some(employer_id),
            Some(employer.name.to_uppercase()),
            employer_number,
            employer_street,
            employer_unit,
            employer_city,
            employer_state,
            employer_zip,
            Some(wages.to_string()),
            Some((extra.first_tax_year + nth as u16).to_string()),
            Some(form.to_string()),
        ]
    }

    /// An address as the wide layout splits it: street number, street
    /// name, unit number, city, state, ZIP. Tax forms write capitals and
    /// abbreviations; the census spells street types out 70 % of the
    /// time. The street number and name go missing together.
    fn split_address(&mut self, home: Home, tax: bool) -> [Option<String>; 6] {
        let settings = self.settings;
        let abbreviated = tax || self.rng.chance(0.3);
        let mut street = home.street_name(abbreviated);
        if self.noisy(settings.typo_rate) {
            street = typo(&street, &mut self.rng);
        }
        let mut unit = String::new();
        if home.unit > 0 {
            if self.rng.chance(UNIT_PREFIX_RATE) {
                unit.push_str(if abbreviated { "Apt " } else { "Apt. " });
            }
            push_number(&mut unit, u32::from(home.unit), 1);
        }
        let city = self.cities.get(usize::from(home.city));
        let mut city_name = city.name.to_string();
        if self.noisy(settings.typo_rate) {
            city_name = typo(&city_name, &mut self.rng);
        }
        if tax {
            street = street.to_uppercase();
            unit = unit.to_uppercase();
            city_name = city_name.to_uppercase();
        } else if self.rng.chance(0.05) {
            city_name = vary_case(&city_name, &mut self.rng);
        }
        let present = !self.noisy(settings.missing_rate);
        let number = present.then(|| u32::from(home.number).to_string());
        [
            number,
            present.then_some(street),
            (present && !unit.is_empty()).then_some(unit),
            Some(city_name),
            Some(city.state.to_string()),
            self.maybe(home.zip_code()),
        ]
    }
}

/// Configures a [`GovernmentGenerator`]; [`build`](Self::build) checks
/// the values.
///
/// | setter | default | what |
/// |---|---|---|
/// | [`household_rate`](Self::household_rate) | 0.60 | per household: two to six members (else one) |
/// | [`twin_rate`](Self::twin_rate) | 0.05 | per child after the first: born the same day as the previous |
/// | [`move_rate`](Self::move_rate) | 0.20 | per household: moved; half its census and tax records show the new address |
/// | [`typo_rate`](Self::typo_rate) | 0.03 | per record: one typing error in the given name, family name, address and city, each |
/// | [`missing_rate`](Self::missing_rate) | 0.05 | per record: blank middle initial, sex, date of birth, address, ZIP and (tax) SSN, each |
/// | [`nickname_rate`](Self::nickname_rate) | 0.10 | per census and tax record: a nickname (English names that have one) |
/// | [`ssn_error_rate`](Self::ssn_error_rate) | 0.03 | per record: an SSN digit wrong or two swapped |
/// | [`date_error_rate`](Self::date_error_rate) | 0.04 | per record: a wrong date of birth |
///
/// # Examples
///
/// ```
/// use sameas::synthetic::shapes::GovernmentGenerator;
/// let data = GovernmentGenerator::builder()
///     .entities(500)
///     .household_rate(0.0)
///     .build()?
///     .generate();
/// assert_eq!(data.entity_count(), 500);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GovernmentGeneratorBuilder {
    settings: Settings,
}

impl GovernmentGeneratorBuilder {
    seed_and_entities!(builder GovernmentGenerator);

    /// The columns the sources write: [`GovernmentLayout::Tidy`] (the
    /// default) or [`GovernmentLayout::Wide`]. The people are the same
    /// in both, their records noisy at the same rates.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::{GovernmentGenerator, GovernmentLayout};
    /// let data = GovernmentGenerator::builder()
    ///     .entities(200)
    ///     .layout(GovernmentLayout::Wide)
    ///     .build()?
    ///     .generate();
    /// assert_eq!(data.source("ssa").unwrap().columns().last(), Some(&"event_date"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn layout(&mut self, layout: GovernmentLayout) -> &mut Self {
        self.settings.layout = layout;
        self
    }

    rate_setters!(GovernmentGenerator;
        /// Share of households with two to six members.
        household_rate = 0.5;
        /// Probability that a child after the first is the previous one's
        /// twin (same date of birth).
        twin_rate = 0.5;
        /// Share of households that moved.
        move_rate = 0.5;
        /// Probability of one typing error in a record's given name,
        /// family name, address and city, each.
        typo_rate = 0.5;
        /// Probability that a record's middle initial, sex, date of birth,
        /// address, ZIP or (tax) SSN is blank, each.
        missing_rate = 0.5;
        /// Probability that a census or tax record gives a nickname.
        nickname_rate = 0.5;
        /// Probability that a record's SSN has a digit wrong or two
        /// swapped.
        ssn_error_rate = 0.5;
        /// Probability that a record's date of birth is wrong.
        date_error_rate = 0.5;
    );

    /// Checks the settings and builds the generator.
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidParameter`] naming
    /// the setter when a rate is not a probability in `[0, 1]` (NaN
    /// included) or `entities` is 0 or above
    /// [`MAX_ENTITIES`](crate::synthetic::MAX_ENTITIES).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::GovernmentGenerator;
    /// use sameas::BuildError;
    /// let err = GovernmentGenerator::builder().twin_rate(2.0).build().unwrap_err();
    /// assert!(matches!(err, BuildError::InvalidParameter { name: "twin_rate", .. }));
    /// ```
    pub fn build(&self) -> Result<GovernmentGenerator, BuildError> {
        let settings = &self.settings;
        self.check_rates()?;
        Ok(GovernmentGenerator {
            settings: settings.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::record::{OwnedRecord, Record};
    use crate::synthetic::shapes::tests::{assert_near, render};

    fn generate(builder: &GovernmentGeneratorBuilder) -> (ShapeData, Vec<Person>) {
        builder
            .build()
            .expect("valid settings")
            .generate_with_truth()
    }

    fn records<'a>(
        data: &'a ShapeData,
        people: &'a [Person],
        source: &str,
    ) -> impl Iterator<Item = (&'a OwnedRecord, &'a Person)> {
        let source = data.source(source).expect("the source exists");
        source
            .records()
            .iter()
            .zip(source.entities())
            .map(|(record, &entity)| (record, &people[entity as usize]))
    }

    fn quiet() -> GovernmentGeneratorBuilder {
        let mut builder = GovernmentGenerator::builder();
        builder
            .seed(31)
            .entities(6_000)
            .typo_rate(0.0)
            .missing_rate(0.0)
            .nickname_rate(0.0)
            .ssn_error_rate(0.0)
            .date_error_rate(0.0);
        builder
    }

    #[test]
    fn sources_have_their_columns_and_formats() {
        let (data, people) = generate(GovernmentGenerator::builder().seed(2).entities(3_000));
        let census = data.source("census").unwrap();
        assert_eq!(census.columns(), CENSUS);
        assert_eq!(data.source("tax").unwrap().columns(), TAX);
        assert_eq!(data.source("ssa").unwrap().columns(), SSA);
        for (record, person) in records(&data, &people, "census") {
            assert!(record.fields().all(|(name, _)| CENSUS.contains(&name)));
            if let Some(dob) = record.field("dob") {
                assert_eq!((dob.len(), &dob[2..3], &dob[5..6]), (10, "/", "/"));
            }
            assert!(record.field("state").is_some(), "{}", person.id);
        }
        for (record, person) in records(&data, &people, "tax") {
            assert!(person.birth.0 <= LAST_ADULT_YEAR);
            if let Some(dob) = record.field("dob") {
                assert!(dob.len() == 8 && dob.bytes().all(|b| b.is_ascii_digit()));
            }
            if let Some(ssn) = record.field("ssn") {
                assert!(ssn.len() == 9 && ssn.bytes().all(|b| b.is_ascii_digit()));
            }
        }
        let mut seen = BTreeSet::new();
        for (record, person) in records(&data, &people, "ssa") {
            assert!(seen.insert(person.id), "ssa is duplicate-free");
            let ssn = record.field("ssn").unwrap();
            assert_eq!((ssn.len(), &ssn[3..4], &ssn[6..7]), (11, "-", "-"));
            if let Some(dob) = record.field("dob") {
                assert_eq!(&dob[4..5], "-");
            }
        }
        let store = data.prepared_store().unwrap();
        assert_eq!(store.len(), data.record_count());
    }

    #[test]
    fn households_share_address_and_surname_but_not_identity() {
        let (data, people) = generate(&quiet());
        let mut households = BTreeMap::<u32, Vec<&Person>>::new();
        for person in &people {
            households.entry(person.household).or_default().push(person);
        }
        let shared: usize = households
            .values()
            .filter(|h| h.len() > 1)
            .map(Vec::len)
            .sum();
        let share = shared as f64 / people.len() as f64;
        // A share 0.6 of households have 3.1 members on average.
        assert!((0.75..0.9).contains(&share), "{share} live with others");
        let mut twins = 0;
        for members in households.values() {
            for (i, a) in members.iter().enumerate() {
                for b in &members[i + 1..] {
                    assert_eq!(a.home, b.home);
                    assert_ne!(a.given, b.given);
                    assert_ne!(a.ssn, b.ssn);
                    twins += usize::from(a.birth == b.birth);
                }
            }
        }
        assert!(twins > 15, "{twins} twins");
        let ssns: BTreeSet<u32> = people.iter().map(|p| p.ssn).collect();
        assert_eq!(ssns.len(), people.len());
        // Different people in the census at one address with one surname.
        let mut at_address = BTreeMap::<(String, String), BTreeSet<u32>>::new();
        for (record, person) in records(&data, &people, "census") {
            let key = (
                record.field("address").unwrap().to_lowercase(),
                record.field("family").unwrap().to_string(),
            );
            at_address.entry(key).or_default().insert(person.id);
        }
        let crowded = at_address.values().filter(|ids| ids.len() > 1).count();
        assert!(crowded > 1_000, "{crowded} addresses with several people");
    }

    #[test]
    fn noise_rates_are_honoured() {
        let mut builder = quiet();
        builder
            .ssn_error_rate(0.1)
            .date_error_rate(0.2)
            .typo_rate(0.1)
            .missing_rate(0.08)
            .nickname_rate(0.3);
        let (data, people) = generate(&builder);
        let (mut ssa, mut wrong_ssn, mut missing_sex) = (0usize, 0usize, 0usize);
        for (record, person) in records(&data, &people, "ssa") {
            ssa += 1;
            let ssn: u32 = record
                .field("ssn")
                .unwrap()
                .replace('-', "")
                .parse()
                .unwrap();
            wrong_ssn += usize::from(ssn != person.ssn);
            missing_sex += usize::from(record.field("sex").is_none());
        }
        assert_near(wrong_ssn as f64 / ssa as f64, 0.1, 0.015);
        assert_near(missing_sex as f64 / ssa as f64, 0.08, 0.015);
        let (mut census, mut with_dob, mut wrong_date) = (0usize, 0usize, 0usize);
        let (mut wrong_family, mut nickname, mut eligible) = (0usize, 0usize, 0usize);
        let book = NameBook::new(0.0);
        for (record, person) in records(&data, &people, "census") {
            census += 1;
            let expected = format_date(person.birth, DateStyle::MonthFirst);
            if let Some(dob) = record.field("dob") {
                with_dob += 1;
                wrong_date += usize::from(dob != expected);
            }
            wrong_family += usize::from(record.field("family") != Some(person.family.as_str()));
            if !book.nicknames(person.given).is_empty() {
                eligible += 1;
                let given = record.field("given").unwrap();
                nickname += usize::from(book.nicknames(person.given).contains(&given));
            }
        }
        assert_near(wrong_date as f64 / with_dob as f64, 0.2, 0.02);
        assert_near(wrong_family as f64 / census as f64, 0.1, 0.015);
        assert_near(nickname as f64 / eligible as f64, 0.3 * 0.9, 0.03);
    }

    #[test]
    fn moved_households_show_both_addresses() {
        let (data, people) = generate(&quiet());
        let movers = people.iter().filter(|p| p.new_home.is_some()).count();
        let households: BTreeSet<u32> = people.iter().map(|p| p.household).collect();
        let moved: BTreeSet<u32> = people
            .iter()
            .filter(|p| p.new_home.is_some())
            .map(|p| p.household)
            .collect();
        assert_near(moved.len() as f64 / households.len() as f64, 0.2, 0.02);
        let mut zips = BTreeMap::<u32, BTreeSet<String>>::new();
        for source in ["census", "tax"] {
            for (record, person) in records(&data, &people, source) {
                if let Some(zip) = record.field("zip") {
                    zips.entry(person.id).or_default().insert(zip.to_string());
                }
            }
        }
        let showing_both = people
            .iter()
            .filter(|p| p.new_home.is_some_and(|new| new.zip != p.home.zip))
            .filter(|p| zips.get(&p.id).is_some_and(|z| z.len() > 1))
            .count();
        assert!(
            showing_both as f64 > 0.2 * movers as f64,
            "{showing_both} of {movers}"
        );
    }

    #[test]
    fn the_wide_layout_splits_addresses_and_adds_other_parties() {
        let mut builder = GovernmentGenerator::builder();
        builder
            .seed(5)
            .entities(3_000)
            .layout(GovernmentLayout::Wide);
        let (data, people) = generate(&builder);
        let (tidy, tidy_people) = generate(builder.layout(GovernmentLayout::Tidy));
        // The same people, in other columns.
        assert_eq!(people.len(), tidy_people.len());
        assert!(people.iter().zip(&tidy_people).all(|(a, b)| a.ssn == b.ssn));
        assert_eq!(data.source("census").unwrap().columns(), CENSUS_WIDE);
        assert_eq!(data.source("tax").unwrap().columns(), TAX_WIDE);
        assert_eq!(data.source("ssa").unwrap().columns(), SSA_WIDE);
        assert_eq!(data.fields().len(), FIELD_KINDS_WIDE.len());
        assert_ne!(render(&data), render(&tidy));
        let (mut census, mut age_off, mut units) = (0usize, 0usize, 0usize);
        for (record, person) in records(&data, &people, "census") {
            census += 1;
            let age: i32 = record.field("age").unwrap().parse().unwrap();
            let (year, month, day) = person.birth;
            let exact = 2020 - i32::from(year) - i32::from((month, day) > (4, 1));
            assert!((age - exact).abs() <= 1 || exact < 0, "{age} {exact}");
            age_off += usize::from(age != exact.max(0));
            units += usize::from(record.field("unit_number").is_some());
            assert!(record.field("address").is_none());
            if let Some(number) = record.field("street_number") {
                assert!(number.parse::<u16>().is_ok());
                assert!(record.field("street_name").is_some());
            }
            let relationship = record.field("relationship_to_reference_person").unwrap();
            assert_eq!(
                relationship == "Reference person",
                person.role == Role::Head
            );
        }
        assert_near(age_off as f64 / census as f64, AGE_SLIP_RATE, 0.02);
        assert_near(units as f64 / census as f64, UNIT_RATE * 0.95, 0.04);
        // Co-workers share the employer's columns; names differ.
        let mut staff = BTreeMap::<String, BTreeSet<u32>>::new();
        let mut names = BTreeMap::<String, BTreeSet<String>>::new();
        for (record, person) in records(&data, &people, "tax") {
            let id = record.field("employer_id").unwrap().to_string();
            staff.entry(id.clone()).or_default().insert(person.id);
            let name = record.field("employer_name").unwrap().to_string();
            names.entry(id).or_default().insert(name);
            let year: u16 = record.field("tax_year").unwrap().parse().unwrap();
            assert!((FIRST_TAX_YEAR..FIRST_TAX_YEAR + 7).contains(&year));
            assert!(["W2", "1099"].contains(&record.field("tax_form").unwrap()));
        }
        assert!(names.values().all(|names| names.len() == 1));
        let largest = staff.values().map(BTreeSet::len).max().unwrap();
        assert!(largest > 20, "{largest} at the largest employer");
        // Deaths are a second social-security record of the same person.
        let mut events = BTreeMap::<u32, Vec<String>>::new();
        for (record, person) in records(&data, &people, "ssa") {
            let event = record.field("event_type").unwrap().to_string();
            events.entry(person.id).or_default().push(event);
            assert!(record.field("event_date").is_some());
        }
        let deaths = events.values().filter(|events| events.len() == 2).count();
        assert!(deaths > 10, "{deaths} deaths");
        for events in events.values() {
            assert_eq!(events.iter().filter(|e| *e == "creation").count(), 1);
        }
    }

    #[test]
    fn same_seed_same_bytes() {
        let mut builder = GovernmentGenerator::builder();
        builder.seed(3).entities(2_000);
        let first = render(&builder.build().unwrap().generate());
        assert_eq!(first, render(&builder.build().unwrap().generate()));
        builder.seed(4);
        assert_ne!(first, render(&builder.build().unwrap().generate()));
    }
}
