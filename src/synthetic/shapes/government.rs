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
//! Real W-2 and 1099 forms carry no date of birth:
//! [`tax_birth_dates(false)`](GovernmentGeneratorBuilder::tax_birth_dates)
//! writes the tax forms without theirs, in either layout.
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
//! [`GovernmentNoise::Harsh`] raises those rates and turns on what
//! census and administrative extracts carry beyond them, each kind with
//! its own rate (the second table on [`GovernmentGeneratorBuilder`]): a
//! relative's date of birth or SSN, placeholder given names (`UNKNOWN`,
//! `BABY`, blank), phonetic and OCR misspellings, given and family name
//! swapped, the other sex or another state, a wrong ZIP digit, day and
//! month swapped, a spouse's surname before marriage (or hyphenated),
//! and children counted again at a guardian's other address. Off by
//! default: the default output is that of earlier releases.
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
use super::spelling::{DateError, number_slip, sound_alike, wrong_birth};
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
/// Where the tax forms' date of birth stands in [`TAX`] and [`TAX_WIDE`].
const TAX_BIRTH: usize = 3;
const TAX_WIDE_BIRTH: usize = 4;
/// [`TAX`] and [`TAX_WIDE`] without the date of birth (see
/// [`GovernmentGeneratorBuilder::tax_birth_dates`]).
const TAX_UNDATED: [&str; 7] = without(TAX, TAX_BIRTH);
const TAX_WIDE_UNDATED: [&str; 21] = without(TAX_WIDE, TAX_WIDE_BIRTH);

/// `columns` without the one at `left_out` (`M` is one less than `N`).
const fn without<const N: usize, const M: usize>(
    columns: [&'static str; N],
    left_out: usize,
) -> [&'static str; M] {
    let mut kept = [""; M];
    let (mut from, mut to) = (0, 0);
    while from < N {
        if from != left_out && to < M {
            kept[to] = columns[from];
            to += 1;
        }
        from += 1;
    }
    kept
}

/// The tax forms' columns in the wide or tidy layout, with or without a
/// date of birth.
fn tax_columns(wide: bool, dated: bool) -> &'static [&'static str] {
    match (wide, dated) {
        (true, true) => &TAX_WIDE,
        (true, false) => &TAX_WIDE_UNDATED,
        (false, true) => &TAX,
        (false, false) => &TAX_UNDATED,
    }
}

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
/// The stream of the noise kinds that [`GovernmentNoise::Harsh`] turns
/// on: drawn apart, so that the default output stays as it was.
const HARSH_STREAM: u64 = 4;

/// Given names written when the true one was not given: a blank, or a
/// placeholder (`BABY` only for young children).
const PLACEHOLDER_NAMES: [&str; 6] = ["UNKNOWN", "NFN", "FNU", "MR", "MRS", ""];
/// Letters and digits an optical reader confuses, each way.
const OCR_CONFUSIONS: [(&str, &str); 14] = [
    ("rn", "m"),
    ("m", "rn"),
    ("cl", "d"),
    ("d", "cl"),
    ("l", "1"),
    ("I", "1"),
    ("i", "l"),
    ("O", "0"),
    ("o", "0"),
    ("S", "5"),
    ("s", "5"),
    ("B", "8"),
    ("E", "F"),
    ("h", "b"),
];

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

/// A preset of noise rates for [`GovernmentGeneratorBuilder::noise`].
///
/// # Examples
///
/// ```
/// use sameas::synthetic::shapes::{GovernmentGenerator, GovernmentNoise};
/// let standard = GovernmentGenerator::builder().entities(300).build()?.generate();
/// let same = GovernmentGenerator::builder()
///     .entities(300)
///     .noise(GovernmentNoise::Standard)
///     .build()?
///     .generate();
/// assert_eq!(standard, same);
/// let harsh = GovernmentGenerator::builder()
///     .entities(300)
///     .noise(GovernmentNoise::Harsh)
///     .build()?
///     .generate();
/// assert_ne!(standard, harsh);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum GovernmentNoise {
    /// The default rates (the first table on
    /// [`GovernmentGeneratorBuilder`]); the noise kinds of the second
    /// table off.
    #[default]
    Standard,
    /// What census and administrative extracts carry: more blanks,
    /// typos and wrong dates, and every kind of the second table on
    /// (a relative's date of birth or SSN, placeholder names, phonetic
    /// and OCR errors, given and family name swapped, a wrong sex or
    /// state, a wrong ZIP digit, day and month swapped, a spouse's
    /// other surname, children counted at a second home). The rates are
    /// in the column `harsh` of both tables.
    Harsh,
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
    relative_value_rate: f64,
    placeholder_name_rate: f64,
    phonetic_rate: f64,
    ocr_rate: f64,
    name_swap_rate: f64,
    category_error_rate: f64,
    zip_error_rate: f64,
    day_month_swap_rate: f64,
    surname_change_rate: f64,
    second_home_rate: f64,
    layout: GovernmentLayout,
    tax_birth_dates: bool,
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
            relative_value_rate: 0.0,
            placeholder_name_rate: 0.0,
            phonetic_rate: 0.0,
            ocr_rate: 0.0,
            name_swap_rate: 0.0,
            category_error_rate: 0.0,
            zip_error_rate: 0.0,
            day_month_swap_rate: 0.0,
            surname_change_rate: 0.0,
            second_home_rate: 0.0,
            layout: GovernmentLayout::Tidy,
            tax_birth_dates: true,
        }
    }
}

/// One true person.
#[derive(Debug, Clone)]
pub(super) struct Person {
    pub(super) id: u32,
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
            people: &people,
            rng: Rng::new(settings.seed, WRITER_STREAM),
            harsh: Rng::new(settings.seed, HARSH_STREAM),
            second_home: None,
            maiden: None,
        };
        let mut drafts: Vec<Vec<Draft>> = vec![Vec::new(), Vec::new(), Vec::new()];
        for person in &people {
            writer.write(person, &mut drafts);
        }
        let tax_columns = tax_columns(wide.is_some(), settings.tax_birth_dates);
        if !settings.tax_birth_dates {
            // The same forms, their date of birth left out.
            let birth = if wide.is_some() {
                TAX_WIDE_BIRTH
            } else {
                TAX_BIRTH
            };
            for draft in &mut drafts[1] {
                if birth < draft.values.len() {
                    draft.values.remove(birth);
                }
            }
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
                    columns: tax_columns,
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
                columns: tax_columns,
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
    /// Everyone, for the values copied from a relative.
    people: &'a [Person],
    rng: Rng,
    /// The stream of the noise kinds off by default.
    harsh: Rng,
    /// The record being written is a child's census record at a second
    /// home: this address instead of the household's.
    second_home: Option<Home>,
    /// The surname of the spouse being written before marriage, when
    /// some records may carry it.
    maiden: Option<String>,
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
        let settings = self.settings;
        self.maiden = (person.role == Role::Spouse && settings.surname_change_rate > 0.0)
            .then(|| self.book.family(0, &mut self.harsh))
            .filter(|maiden| *maiden != person.family);
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
        // A child counted a second time, at a guardian's other address.
        if person.role == Role::Child
            && person.birth.0 > LAST_ADULT_YEAR
            && self.harsh.chance(settings.second_home_rate)
        {
            self.second_home = Some(Home::draw(self.cities, UNIT_RATE, &mut self.harsh));
            let values = self.record(person, Source::Census, counts[0]);
            self.second_home = None;
            if let Some(census) = drafts.first_mut() {
                census.push(Draft {
                    entity: person.id,
                    values,
                });
            }
        }
    }

    /// A relative's date of birth and SSN, when this record carries one
    /// of them (never both): `(birth, ssn)` as they should be written.
    fn relative_values(&mut self, person: &Person, source: Source) -> (Option<Birth>, Option<u32>) {
        if !self.harsh.chance(self.settings.relative_value_rate) {
            return (None, None);
        }
        let relatives = relatives(self.people, person);
        let Some(relative) = relatives.get(self.harsh.below(relatives.len())) else {
            return (None, None);
        };
        if source != Source::Census && self.harsh.chance(0.5) {
            (None, Some(relative.ssn))
        } else {
            (Some(relative.birth), None)
        }
    }

    /// The noise kinds off by default that touch the names: a phonetic
    /// or OCR error, a spouse's other surname, a placeholder given name,
    /// the names swapped.
    fn harsh_names(
        &mut self,
        person: &Person,
        source: Source,
        given: &mut String,
        family: &mut String,
    ) {
        let settings = self.settings;
        if self.harsh.chance(settings.phonetic_rate) {
            let name = if self.harsh.chance(0.5) {
                &mut *given
            } else {
                &mut *family
            };
            *name = sound_alike(name, &mut self.harsh);
        }
        if self.harsh.chance(settings.ocr_rate) {
            let name = if self.harsh.chance(0.5) {
                &mut *given
            } else {
                &mut *family
            };
            *name = ocr_slip(name, &mut self.harsh);
        }
        if let Some(maiden) = &self.maiden {
            if self.harsh.chance(settings.surname_change_rate) {
                *family = if self.harsh.chance(0.5) {
                    maiden.clone()
                } else {
                    format!("{maiden}-{family}")
                };
            }
        }
        if source != Source::Ssa && self.harsh.chance(settings.placeholder_name_rate) {
            let baby = person.birth.0 >= LAST_YEAR - 2 && self.harsh.chance(0.5);
            *given = if baby {
                "BABY".to_string()
            } else {
                PLACEHOLDER_NAMES[self.harsh.below(PLACEHOLDER_NAMES.len())].to_string()
            };
        }
        if self.harsh.chance(settings.name_swap_rate) {
            std::mem::swap(given, family);
        }
    }

    /// A category error (the state of another city) and a wrong ZIP
    /// digit, at their rates.
    fn harsh_place(&mut self, state: &mut Option<String>, zip: &mut Option<String>) {
        let settings = self.settings;
        if self.harsh.chance(settings.category_error_rate) {
            let other = self.cities.get(self.harsh.below(self.cities.cities.len()));
            if state.as_deref() != Some(other.state) {
                *state = Some(other.state.to_string());
            }
        }
        if self.harsh.chance(settings.zip_error_rate) {
            if let Some(code) = zip.as_mut() {
                if let Ok(number) = code.parse::<u32>() {
                    let mut slipped = String::with_capacity(5);
                    push_number(&mut slipped, number_slip(number, 5, &mut self.harsh), 5);
                    *code = slipped;
                }
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
        self.harsh_names(person, source, &mut given, &mut family);
        if source == Source::Ssa {
            // Legal names in capitals, without diacritics.
            given = fold_diacritics(&given).to_uppercase();
            family = fold_diacritics(&family).to_uppercase();
        }
        let middle = match person.middle {
            Some(letter) => self.maybe(letter.to_string()),
            None => None,
        };
        let mut sex = self.maybe(if person.female { "F" } else { "M" }.to_string());
        if self.harsh.chance(settings.category_error_rate) {
            if let Some(letter) = sex.as_mut() {
                *letter = if letter == "F" { "M" } else { "F" }.to_string();
            }
        }
        let mut birth = person.birth;
        if self.noisy(settings.date_error_rate) {
            let kind = DateError::draw(&mut self.rng);
            birth = wrong_birth(birth, kind, FIRST_YEAR, LAST_YEAR, &mut self.rng);
        }
        let (relative_birth, relative_ssn) = self.relative_values(person, source);
        if let Some(relative_birth) = relative_birth {
            birth = relative_birth;
        }
        let (year, month, day) = birth;
        if day <= 12 && day != month && self.harsh.chance(settings.day_month_swap_rate) {
            birth = (year, day, month);
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
        if let Some(relative_ssn) = relative_ssn {
            ssn = relative_ssn;
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
            Source::Ssa => vec![
                Some(ssn_text),
                present(given),
                middle,
                Some(family),
                sex,
                dob,
            ],
            Source::Census | Source::Tax => {
                let mut home = match person.new_home {
                    Some(new_home) if self.rng.chance(NEW_ADDRESS_RATE) => new_home,
                    _ => person.home,
                };
                if let Some(second_home) = self.second_home {
                    home = second_home;
                }
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
                let mut zip = self.maybe(home.zip_code());
                let mut state = Some(city.state.to_string());
                self.harsh_place(&mut state, &mut zip);
                if source == Source::Census {
                    vec![
                        present(given),
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
                        present(given),
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
                present(given),
                middle,
                Some(family),
                sex,
                dob,
                Some(event.to_string()),
                Some(format_date(date, DateStyle::Iso)),
            ];
        }
        let mut home = match person.new_home {
            Some(new_home) if self.rng.chance(NEW_ADDRESS_RATE) => new_home,
            _ => person.home,
        };
        if let Some(second_home) = self.second_home {
            home = second_home;
        }
        let tax = source == Source::Tax;
        let [street_number, street_name, unit, city, mut state, mut zip] =
            self.split_address(home, tax);
        self.harsh_place(&mut state, &mut zip);
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
                present(given),
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
            present(given),
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

/// The other members of `person`'s household (households are runs of
/// `people`).
fn relatives<'p>(people: &'p [Person], person: &Person) -> Vec<&'p Person> {
    let at = person.id as usize;
    let before = people
        .get(..at)
        .unwrap_or_default()
        .iter()
        .rev()
        .take_while(|p| p.household == person.household);
    let after = people
        .get(at + 1..)
        .unwrap_or_default()
        .iter()
        .take_while(|p| p.household == person.household);
    before.chain(after).collect()
}

/// `value`, or `None` when blank (a given name left out).
fn present(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

/// `value` as an optical reader might return it: one confusion of
/// [`OCR_CONFUSIONS`] (`rn` read as `m`, `O` as `0`); a typing error when
/// none applies. Always differs from a non-empty input.
fn ocr_slip(value: &str, rng: &mut Rng) -> String {
    let applicable: Vec<(&str, &str)> = OCR_CONFUSIONS
        .iter()
        .copied()
        .filter(|(from, _)| value.contains(from))
        .collect();
    match applicable.get(rng.below(applicable.len())) {
        Some(&(from, to)) => value.replacen(from, to, 1),
        None => typo(value, rng),
    }
}

/// Configures a [`GovernmentGenerator`]; [`build`](Self::build) checks
/// the values.
///
/// | setter | default | harsh | what |
/// |---|---|---|---|
/// | [`household_rate`](Self::household_rate) | 0.60 | 0.60 | per household: two to six members (else one) |
/// | [`twin_rate`](Self::twin_rate) | 0.05 | 0.05 | per child after the first: born the same day as the previous |
/// | [`move_rate`](Self::move_rate) | 0.20 | 0.20 | per household: moved; half its census and tax records show the new address |
/// | [`typo_rate`](Self::typo_rate) | 0.03 | 0.05 | per record: one typing error in the given name, family name, address and city, each |
/// | [`missing_rate`](Self::missing_rate) | 0.05 | 0.20 | per record: blank middle initial, sex, date of birth, address, ZIP and (tax) SSN, each |
/// | [`nickname_rate`](Self::nickname_rate) | 0.10 | 0.15 | per census and tax record: a nickname (English names that have one) |
/// | [`ssn_error_rate`](Self::ssn_error_rate) | 0.03 | 0.05 | per record: an SSN digit wrong or two swapped |
/// | [`date_error_rate`](Self::date_error_rate) | 0.04 | 0.08 | per record: a wrong date of birth |
///
/// Noise kinds of census and administrative extracts that are off by
/// default ([`noise`](Self::noise)`(`[`GovernmentNoise::Harsh`]`)` turns
/// them on). They draw from a stream of their own: at rate 0 the output
/// is that of a generator without them.
///
/// | setter | default | harsh | what |
/// |---|---|---|---|
/// | [`relative_value_rate`](Self::relative_value_rate) | 0 | 0.03 | per record of someone living with others: the date of birth, or (tax, social security) the SSN, of another member of the household |
/// | [`placeholder_name_rate`](Self::placeholder_name_rate) | 0 | 0.02 | per census and tax record: the given name blank or a placeholder (`UNKNOWN`, `NFN`, `FNU`, `MR`, `MRS`; `BABY` for young children) |
/// | [`phonetic_rate`](Self::phonetic_rate) | 0 | 0.05 | per record: the given or family name spelled as heard (`ph` / `f`, `c` / `k`, `ie` / `y`, `dt` / `tt`) |
/// | [`ocr_rate`](Self::ocr_rate) | 0 | 0.03 | per record: the given or family name misread by an optical reader (`rn` / `m`, `O` / `0`, `l` / `1`, `S` / `5`, `B` / `8`) |
/// | [`name_swap_rate`](Self::name_swap_rate) | 0 | 0.02 | per record: given and family name swapped |
/// | [`category_error_rate`](Self::category_error_rate) | 0 | 0.02 | per record: the other sex, and (apart) the state of another city |
/// | [`zip_error_rate`](Self::zip_error_rate) | 0 | 0.03 | per census and tax record: a ZIP digit wrong or two swapped |
/// | [`day_month_swap_rate`](Self::day_month_swap_rate) | 0 | 0.03 | per record: day and month of the date of birth swapped (where the day is 12 or less) |
/// | [`surname_change_rate`](Self::surname_change_rate) | 0 | 0.30 | per record of a spouse: the surname before marriage, or it and the married one hyphenated (`Lopez-Smith`) |
/// | [`second_home_rate`](Self::second_home_rate) | 0 | 0.05 | per child born after 2002: counted a second time by the census, at a guardian's other address |
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

    /// Whether the tax forms carry the person's date of birth (default
    /// `true`, as earlier releases wrote them). Real W-2 and 1099 forms
    /// carry none: without it a form meets a census record on name and
    /// address alone, and a social-security record on the SSN and name.
    /// The forms are otherwise the same, value for value.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::{GovernmentGenerator, GovernmentLayout};
    /// let data = GovernmentGenerator::builder()
    ///     .entities(200)
    ///     .layout(GovernmentLayout::Wide)
    ///     .tax_birth_dates(false)
    ///     .build()?
    ///     .generate();
    /// assert!(!data.source("tax").unwrap().columns().contains(&"date_of_birth"));
    /// assert!(data.source("census").unwrap().columns().contains(&"date_of_birth"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn tax_birth_dates(&mut self, dated: bool) -> &mut Self {
        self.settings.tax_birth_dates = dated;
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
        /// Probability that a record of someone living with others
        /// carries the date of birth or (tax and social security) the
        /// SSN of another member of the household.
        relative_value_rate = 0.5;
        /// Probability that a census or tax record's given name is
        /// blank or a placeholder (`UNKNOWN`, `NFN`, `BABY`).
        placeholder_name_rate = 0.5;
        /// Probability that a record's given or family name is spelled
        /// as heard (`Philip` as `Filip`).
        phonetic_rate = 0.5;
        /// Probability that a record's given or family name is misread
        /// by an optical reader (`Barnes` as `Bames`, `O` as `0`).
        ocr_rate = 0.5;
        /// Probability that a record gives the family name as the given
        /// name and the other way round.
        name_swap_rate = 0.5;
        /// Probability that a record gives the other sex, and (drawn
        /// apart) that a census or tax record gives the state of
        /// another city.
        category_error_rate = 0.5;
        /// Probability that a census or tax record's ZIP has a digit
        /// wrong or two swapped.
        zip_error_rate = 0.5;
        /// Probability that a record's date of birth has day and month
        /// swapped (where the day is 12 or less and differs from the
        /// month).
        day_month_swap_rate = 0.5;
        /// Probability that a spouse's record gives the surname before
        /// marriage, alone or hyphenated with the married one.
        surname_change_rate = 0.5;
        /// Probability that a child born after 2002 is counted a second
        /// time by the census, at another address.
        second_home_rate = 0.5;
    );

    /// Sets every noise rate to a preset: [`GovernmentNoise::Standard`]
    /// (the defaults) or [`GovernmentNoise::Harsh`] (the column `harsh`
    /// of the tables above). Setters called after it change single
    /// rates; the household, twin and move rates are left alone.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::{GovernmentGenerator, GovernmentNoise};
    /// let data = GovernmentGenerator::builder()
    ///     .entities(500)
    ///     .noise(GovernmentNoise::Harsh)
    ///     .second_home_rate(0.0)
    ///     .build()?
    ///     .generate();
    /// assert_eq!(data.entity_count(), 500);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn noise(&mut self, preset: GovernmentNoise) -> &mut Self {
        let defaults = Settings::default();
        let settings = &mut self.settings;
        let harsh = preset == GovernmentNoise::Harsh;
        let pick = |default: f64, harsh_rate: f64| if harsh { harsh_rate } else { default };
        settings.typo_rate = pick(defaults.typo_rate, 0.05);
        settings.missing_rate = pick(defaults.missing_rate, 0.2);
        settings.nickname_rate = pick(defaults.nickname_rate, 0.15);
        settings.ssn_error_rate = pick(defaults.ssn_error_rate, 0.05);
        settings.date_error_rate = pick(defaults.date_error_rate, 0.08);
        settings.relative_value_rate = pick(0.0, 0.03);
        settings.placeholder_name_rate = pick(0.0, 0.02);
        settings.phonetic_rate = pick(0.0, 0.05);
        settings.ocr_rate = pick(0.0, 0.03);
        settings.name_swap_rate = pick(0.0, 0.02);
        settings.category_error_rate = pick(0.0, 0.02);
        settings.zip_error_rate = pick(0.0, 0.03);
        settings.day_month_swap_rate = pick(0.0, 0.03);
        settings.surname_change_rate = pick(0.0, 0.3);
        settings.second_home_rate = pick(0.0, 0.05);
        self
    }

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
    fn undated_tax_forms_are_the_same_forms_without_their_date_of_birth() {
        for layout in [GovernmentLayout::Tidy, GovernmentLayout::Wide] {
            let mut builder = GovernmentGenerator::builder();
            builder.seed(3).entities(300).layout(layout);
            let (dated, _) = generate(&builder);
            let (undated, _) = generate(builder.tax_birth_dates(false));
            let (with, without) = (dated.source("tax").unwrap(), undated.source("tax").unwrap());
            let birth = if layout == GovernmentLayout::Wide {
                "date_of_birth"
            } else {
                "dob"
            };
            let kept: Vec<&str> = with
                .columns()
                .iter()
                .copied()
                .filter(|&c| c != birth)
                .collect();
            assert_eq!(without.columns(), kept.as_slice());
            assert_eq!(with.entities(), without.entities());
            for (a, b) in with.records().iter().zip(without.records()) {
                assert_eq!(b.field(birth), None);
                for column in &kept {
                    assert_eq!(a.field(column), b.field(column), "{column}");
                }
            }
            assert!(
                with.records()
                    .iter()
                    .any(|record| record.field(birth).is_some())
            );
            // The other sources are untouched.
            assert_eq!(dated.source("census"), undated.source("census"));
            assert_eq!(dated.source("ssa"), undated.source("ssa"));
        }
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

    type Setter = fn(&mut GovernmentGeneratorBuilder, f64) -> &mut GovernmentGeneratorBuilder;

    /// A quiet builder with one noise kind on at `rate`, nobody moving.
    fn only(set: Setter, rate: f64) -> (ShapeData, Vec<Person>) {
        let mut builder = quiet();
        builder.entities(4_000).move_rate(0.0);
        set(&mut builder, rate);
        generate(&builder)
    }

    fn share(hits: usize, of: usize) -> f64 {
        hits as f64 / of.max(1) as f64
    }

    #[test]
    fn harsh_kinds_are_off_by_default_and_the_preset_is_reproducible() {
        let mut builder = GovernmentGenerator::builder();
        builder.seed(9).entities(1_500);
        let standard = render(&builder.build().unwrap().generate());
        builder.noise(GovernmentNoise::Harsh);
        let harsh = render(&builder.build().unwrap().generate());
        assert_ne!(standard, harsh);
        assert_eq!(harsh, render(&builder.build().unwrap().generate()));
        builder.noise(GovernmentNoise::Standard);
        assert_eq!(standard, render(&builder.build().unwrap().generate()));
        for layout in [GovernmentLayout::Tidy, GovernmentLayout::Wide] {
            let (data, people) = generate(builder.layout(layout).noise(GovernmentNoise::Harsh));
            assert!(data.record_count() > people.len());
            assert!(data.prepared_store().is_ok());
        }
    }

    #[test]
    fn a_relatives_date_of_birth_or_ssn() {
        let (data, people) = only(GovernmentGeneratorBuilder::relative_value_rate, 0.2);
        let (mut census, mut copied) = (0usize, 0usize);
        for (record, person) in records(&data, &people, "census") {
            let relatives = relatives(&people, person);
            if relatives.is_empty() || relatives.iter().any(|r| r.birth == person.birth) {
                continue;
            }
            census += 1;
            let dob = record.field("dob").unwrap();
            let of = |p: &Person| format_date(p.birth, DateStyle::MonthFirst);
            copied += usize::from(dob != of(person) && relatives.iter().any(|r| of(r) == dob));
        }
        assert_near(share(copied, census), 0.2, 0.02);
        let (mut ssa, mut ssns, mut births) = (0usize, 0usize, 0usize);
        for (record, person) in records(&data, &people, "ssa") {
            let relatives = relatives(&people, person);
            if relatives.is_empty() || relatives.iter().any(|r| r.birth == person.birth) {
                continue;
            }
            ssa += 1;
            let ssn: u32 = record
                .field("ssn")
                .unwrap()
                .replace('-', "")
                .parse()
                .unwrap();
            ssns += usize::from(relatives.iter().any(|r| r.ssn == ssn));
            births += usize::from(
                record.field("dob").unwrap() != format_date(person.birth, DateStyle::Iso),
            );
        }
        assert_near(share(ssns, ssa), 0.1, 0.02);
        assert_near(share(births, ssa), 0.1, 0.02);
        // Someone living alone has nobody to copy from.
        for (record, person) in records(&data, &people, "census") {
            if relatives(&people, person).is_empty() {
                assert_eq!(
                    record.field("dob").unwrap(),
                    format_date(person.birth, DateStyle::MonthFirst)
                );
            }
        }
    }

    #[test]
    fn placeholder_given_names() {
        let (data, people) = only(GovernmentGeneratorBuilder::placeholder_name_rate, 0.1);
        let (mut records_seen, mut placeholders) = (0usize, 0usize);
        for source in ["census", "tax"] {
            for (record, _) in records(&data, &people, source) {
                records_seen += 1;
                let given = record.field("given").unwrap_or("");
                placeholders += usize::from(given == "BABY" || PLACEHOLDER_NAMES.contains(&given));
            }
        }
        assert_near(share(placeholders, records_seen), 0.1, 0.015);
        // Social security writes legal names.
        for (record, person) in records(&data, &people, "ssa") {
            assert_eq!(
                record.field("given"),
                Some(fold_diacritics(person.given).to_uppercase().as_str())
            );
        }
    }

    #[test]
    fn phonetic_and_ocr_errors_change_one_name() {
        let setters: [Setter; 2] = [
            GovernmentGeneratorBuilder::phonetic_rate,
            GovernmentGeneratorBuilder::ocr_rate,
        ];
        for set in setters {
            let (data, people) = only(set, 0.1);
            let (mut census, mut changed) = (0usize, 0usize);
            for (record, person) in records(&data, &people, "census") {
                census += 1;
                let given = record.field("given") != Some(person.given);
                let family = record.field("family") != Some(person.family.as_str());
                assert!(!(given && family));
                changed += usize::from(given || family);
            }
            assert_near(share(changed, census), 0.1, 0.015);
        }
        let mut rng = Rng::new(1, 1);
        assert_eq!(ocr_slip("Barnes", &mut rng), "Bames");
        assert_ne!(ocr_slip("Zzz", &mut rng), "Zzz");
    }

    #[test]
    fn names_swapped() {
        let (data, people) = only(GovernmentGeneratorBuilder::name_swap_rate, 0.1);
        let (mut census, mut swapped) = (0usize, 0usize);
        for (record, person) in records(&data, &people, "census") {
            census += 1;
            swapped += usize::from(
                record.field("given") == Some(person.family.as_str())
                    && record.field("family") == Some(person.given),
            );
        }
        assert_near(share(swapped, census), 0.1, 0.015);
    }

    #[test]
    fn wrong_sex_state_and_zip() {
        let (data, people) = only(GovernmentGeneratorBuilder::category_error_rate, 0.1);
        let (mut census, mut sex, mut state) = (0usize, 0usize, 0usize);
        let cities = UsCities::new(6);
        for (record, person) in records(&data, &people, "census") {
            census += 1;
            sex += usize::from(record.field("sex") != Some(if person.female { "F" } else { "M" }));
            state += usize::from(
                record.field("state") != Some(cities.get(usize::from(person.home.city)).state),
            );
        }
        assert_near(share(sex, census), 0.1, 0.015);
        // A few draws land in the same state.
        assert!(
            (0.06..0.105).contains(&share(state, census)),
            "{state} of {census}"
        );
        let (data, people) = only(GovernmentGeneratorBuilder::zip_error_rate, 0.1);
        let (mut census, mut zips) = (0usize, 0usize);
        for (record, person) in records(&data, &people, "census") {
            census += 1;
            let zip = record.field("zip").unwrap();
            assert_eq!(zip.len(), 5);
            zips += usize::from(zip != person.home.zip_code());
        }
        assert_near(share(zips, census), 0.1, 0.015);
    }

    #[test]
    fn day_and_month_swapped() {
        let (data, people) = only(GovernmentGeneratorBuilder::day_month_swap_rate, 0.2);
        let (mut eligible, mut swapped) = (0usize, 0usize);
        for (record, person) in records(&data, &people, "census") {
            let (year, month, day) = person.birth;
            let dob = record.field("dob").unwrap();
            if day > 12 || day == month {
                assert_eq!(dob, format_date(person.birth, DateStyle::MonthFirst));
                continue;
            }
            eligible += 1;
            swapped += usize::from(dob == format_date((year, day, month), DateStyle::MonthFirst));
        }
        assert_near(share(swapped, eligible), 0.2, 0.02);
    }

    #[test]
    fn spouses_give_their_other_surname() {
        let (data, people) = only(GovernmentGeneratorBuilder::surname_change_rate, 0.3);
        let (mut spouses, mut other, mut hyphenated) = (0usize, 0usize, 0usize);
        for (record, person) in records(&data, &people, "census") {
            let family = record.field("family").unwrap();
            if person.role != Role::Spouse {
                assert_eq!(family, person.family);
                continue;
            }
            spouses += 1;
            other += usize::from(family != person.family);
            hyphenated += usize::from(family.ends_with(&format!("-{}", person.family)));
        }
        assert_near(share(other, spouses), 0.3, 0.04);
        assert_near(share(hyphenated, spouses), 0.15, 0.03);
    }

    /// The house number an address starts with (spellings of the street
    /// vary between records).
    fn house_number(address: &str) -> String {
        address.split(' ').next().unwrap_or_default().to_string()
    }

    #[test]
    fn children_counted_at_a_second_home() {
        let (data, people) = only(GovernmentGeneratorBuilder::second_home_rate, 0.2);
        let mut homes = BTreeMap::<u32, BTreeSet<String>>::new();
        for (record, person) in records(&data, &people, "census") {
            homes
                .entry(person.id)
                .or_default()
                .insert(house_number(record.field("address").unwrap()));
        }
        let children: Vec<&Person> = people
            .iter()
            .filter(|p| p.role == Role::Child && p.birth.0 > LAST_ADULT_YEAR)
            .collect();
        let twice = children
            .iter()
            .filter(|p| homes.get(&p.id).is_some_and(|h| h.len() > 1))
            .count();
        assert_near(share(twice, children.len()), 0.2, 0.03);
        let adults_twice = people
            .iter()
            .filter(|p| p.birth.0 <= LAST_ADULT_YEAR)
            .filter(|p| homes.get(&p.id).is_some_and(|h| h.len() > 1))
            .count();
        assert_eq!(adults_twice, 0);
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
