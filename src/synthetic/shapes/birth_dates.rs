//! Persons with names and a date of birth that is often wrong, as in
//! registries keyed by name and birth date.
//!
//! [`BirthDateGenerator`] writes one source, `persons`: every person
//! once, and a share of them
//! ([`duplicate_rate`](BirthDateGeneratorBuilder::duplicate_rate)) a
//! second time. The first record is exact; the duplicate differs from it
//! as follows (rates per duplicate pair, on [`BirthDateGeneratorBuilder`]):
//!
//! | column | kind | value | noise |
//! |---|---|---|---|
//! | `given` | given name | `HANS`, `KATHLEEN` (capitals, no diacritics) | differs in 34 % of pairs: a typo (half of those), a nickname (`KATE`; a quarter, typos for names without one), an initial (`K.`, a tenth), spelled by ear (`FILIP`) |
//! | `family` | family name | `SCHMITT` | differs in 27 %: a typo (55 %), spelled by ear (`SCHMIDT`, `MAIER`; 35 %), another name (married or double-barrelled; 10 %) |
//! | `dob` | date | `1945-08-14`, years 1920-2005 | differs in 40 %: one digit (25 % of those), two digits transposed (15 %), day and month swapped (15 %; a digit instead when the day is above 12 or equals the month, so about 6 % come out swapped), the year one off (15 %), the day or the month wrong as a whole (`1945-08-27`, `1945-03-14`; 15 %), a wholly different date (15 %) |
//! | `sex` (optional) | category | `M`, `F` | wrong in 1 %; missing |
//! | `postcode`, `city` (optional) | postcode, city | `60614`, `Chicago` | another address in 10 % (moved); missing |
//!
//! The errors are not independent: a pair with a wrong date has a wrong
//! name too in only
//! [`date_and_name_error_rate`](BirthDateGeneratorBuilder::date_and_name_error_rate)
//! (2.5 %) of pairs, so about 97.5 % of pairs agree exactly on the date
//! or on both names, as in real registries where a person is found again
//! by name or by date. Names are drawn with a strong skew (85 % English,
//! 15 % from eleven other cultures): namesakes by the hundred.
//!
//! # Examples
//!
//! ```
//! use sameas::synthetic::shapes::BirthDateGenerator;
//! use sameas::Record;
//!
//! let data = BirthDateGenerator::builder().seed(2).entities(9_000).build()?.generate();
//! // About 1,000 duplicate pairs among about 10,000 records.
//! assert!((900..1_100).contains(&data.true_pair_count()));
//! let persons = &data.sources()[0];
//! let dob = persons.records()[0].field("dob").unwrap();
//! assert_eq!(dob.len(), 10);
//! # Ok::<(), sameas::Error>(())
//! ```

use super::people::{DateStyle, NameBook, UsCities, birth_in, format_date};
use super::spelling::{DateError, initial, sound_alike, wrong_birth};
use super::{Draft, Ranked, Shape, ShapeData, SourceLayout};
use crate::error::BuildError;
use crate::normalize::fold_diacritics;
use crate::rng::Rng;
use crate::schema::FieldKind;
use crate::synthetic::noise::typo;
use crate::synthetic::population::{Birth, days_in_month, push_number};

/// The columns for each choice of optional columns: none, sex, location,
/// both.
const COLUMNS: [&[&str]; 4] = [
    &["given", "family", "dob"],
    &["given", "family", "dob", "sex"],
    &["given", "family", "dob", "postcode", "city"],
    &["given", "family", "dob", "sex", "postcode", "city"],
];

const FIELD_KINDS: [&[(&str, FieldKind)]; 4] = [
    &[
        ("given", FieldKind::GivenName),
        ("family", FieldKind::FamilyName),
        ("dob", FieldKind::Date),
    ],
    &[
        ("given", FieldKind::GivenName),
        ("family", FieldKind::FamilyName),
        ("dob", FieldKind::Date),
        ("sex", FieldKind::Category),
    ],
    &[
        ("given", FieldKind::GivenName),
        ("family", FieldKind::FamilyName),
        ("dob", FieldKind::Date),
        ("postcode", FieldKind::Postcode),
        ("city", FieldKind::City),
    ],
    &[
        ("given", FieldKind::GivenName),
        ("family", FieldKind::FamilyName),
        ("dob", FieldKind::Date),
        ("sex", FieldKind::Category),
        ("postcode", FieldKind::Postcode),
        ("city", FieldKind::City),
    ],
];

/// Birth years.
const FIRST_YEAR: u16 = 1920;
const LAST_YEAR: u16 = 2005;
/// Share of duplicates with the wrong sex.
const SEX_ERROR_RATE: f64 = 0.01;
/// Share of non-English names.
const INTERNATIONAL_RATE: f64 = 0.15;

const PEOPLE_STREAM: u64 = 1;
const WRITER_STREAM: u64 = 2;

#[derive(Debug, Clone, PartialEq)]
struct Settings {
    seed: u64,
    entities: usize,
    sex: bool,
    location: bool,
    duplicate_rate: f64,
    date_error_rate: f64,
    given_error_rate: f64,
    family_error_rate: f64,
    date_and_name_error_rate: f64,
    move_rate: f64,
    missing_rate: f64,
    impossible_date_rate: f64,
    year_wrong_rate: f64,
    digit_slip_rate: f64,
    placeholder_date_rate: f64,
    register_names: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            seed: 1,
            entities: 9_000,
            sex: false,
            location: false,
            duplicate_rate: 0.11,
            date_error_rate: 0.40,
            given_error_rate: 0.34,
            family_error_rate: 0.27,
            date_and_name_error_rate: 0.025,
            move_rate: 0.1,
            missing_rate: 0.02,
            impossible_date_rate: 0.0,
            year_wrong_rate: 0.0,
            digit_slip_rate: 0.0,
            placeholder_date_rate: 0.0,
            register_names: false,
        }
    }
}

impl Settings {
    /// Which of [`COLUMNS`] the settings choose.
    fn layout(&self) -> usize {
        usize::from(self.sex) + 2 * usize::from(self.location)
    }

    /// The probabilities that a duplicate with a correct date has a wrong
    /// given and a wrong family name, so that the overall rates come out
    /// as set. `None` when no such probabilities exist.
    fn name_rates_with_correct_date(&self) -> Option<(f64, f64)> {
        let names = self.given_error_rate + self.family_error_rate;
        let given_share = if names > 0.0 {
            self.given_error_rate / names
        } else {
            0.5
        };
        let given_left = self.given_error_rate - self.date_and_name_error_rate * given_share;
        let family_left =
            self.family_error_rate - self.date_and_name_error_rate * (1.0 - given_share);
        let correct_date = 1.0 - self.date_error_rate;
        let rate = |left: f64| {
            if left <= 1e-12 {
                Some(0.0)
            } else if correct_date <= 0.0 {
                None
            } else {
                Some(left / correct_date).filter(|rate| *rate <= 1.0)
            }
        };
        Some((rate(given_left)?, rate(family_left)?))
    }
}

/// A deterministic generator of person records whose dates of birth are
/// often wrong. See the [module documentation](self).
///
/// # Examples
///
/// ```
/// use sameas::synthetic::shapes::BirthDateGenerator;
///
/// let generator = BirthDateGenerator::builder().seed(42).entities(300).build()?;
/// assert_eq!(generator.generate(), generator.generate());
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BirthDateGenerator {
    settings: Settings,
}

/// One true person.
#[derive(Debug, Clone)]
pub(super) struct Person {
    pub(super) female: bool,
    pub(super) culture: usize,
    /// As written: capitals, no diacritics.
    pub(super) given: String,
    /// The given name as the list has it, for nicknames.
    pub(super) formal_given: &'static str,
    pub(super) family: String,
    pub(super) birth: Birth,
    pub(super) city: usize,
    pub(super) postcode: u32,
}

/// What went wrong in a duplicate (for tests).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Damage {
    pub(super) date: Option<DateError>,
    pub(super) given: bool,
    pub(super) family: bool,
}

seed_and_entities!(generator BirthDateGenerator, BirthDateGeneratorBuilder;
    /// A generator with the default settings: seed 1, 9,000 persons
    /// (about 10,000 records and 1,000 duplicate pairs), no optional
    /// columns, the rates listed on [`BirthDateGeneratorBuilder`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::BirthDateGenerator;
    /// assert_eq!(BirthDateGenerator::new().entities(), 9_000);
    /// ```
);

impl BirthDateGenerator {
    /// Generates the records.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::BirthDateGenerator;
    /// let data = BirthDateGenerator::builder().entities(200).build()?.generate();
    /// assert!(data.record_count() >= 200);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn generate(&self) -> ShapeData {
        self.generate_with_truth().0
    }

    /// Generates, returning the persons and each duplicate's damage too.
    fn generate_with_truth(&self) -> (ShapeData, Vec<Person>, Vec<(u32, Damage)>) {
        let settings = &self.settings;
        let mut rng = Rng::new(settings.seed, PEOPLE_STREAM);
        let mut noise = Rng::new(settings.seed, WRITER_STREAM);
        let book = NameBook::new(INTERNATIONAL_RATE);
        let register = settings.register_names.then(Register::new);
        let cities = UsCities::new(4);
        let (given_rate, family_rate) = settings
            .name_rates_with_correct_date()
            .unwrap_or((0.0, 0.0));
        let layout = settings.layout();
        let mut people = Vec::with_capacity(settings.entities);
        let mut drafts = Vec::with_capacity(settings.entities * 9 / 8);
        let mut damages = Vec::new();
        for id in 0..settings.entities as u32 {
            let person = person(&book, register.as_ref(), &cities, &mut rng);
            drafts.push(Draft {
                entity: id,
                values: write(settings, &person, &person, &cities, &mut noise, false),
            });
            if noise.chance(settings.duplicate_rate) {
                let mut copy = person.clone();
                let mut damage = Damage::default();
                let wrong_name = if noise.chance(settings.date_error_rate) {
                    let kind = DateError::draw(&mut noise);
                    damage.date = Some(kind);
                    copy.birth = wrong_birth(person.birth, kind, FIRST_YEAR, LAST_YEAR, &mut noise);
                    // Drawn only when asked for: the default data stay as
                    // they were.
                    if settings.impossible_date_rate > 0.0
                        && noise.chance(settings.impossible_date_rate)
                    {
                        copy.birth = impossible_birth(person.birth, &mut noise);
                    } else if settings.year_wrong_rate > 0.0
                        && noise.chance(settings.year_wrong_rate)
                    {
                        copy.birth = year_wrong(person.birth, &mut noise);
                    } else if settings.digit_slip_rate > 0.0
                        && noise.chance(settings.digit_slip_rate)
                    {
                        copy.birth = digit_slip(person.birth, &mut noise);
                    }
                    let both = settings.date_and_name_error_rate / settings.date_error_rate;
                    if noise.chance(both) {
                        let names = settings.given_error_rate + settings.family_error_rate;
                        let given_share = if names > 0.0 {
                            settings.given_error_rate / names
                        } else {
                            0.5
                        };
                        let given = noise.chance(given_share);
                        (given, !given)
                    } else {
                        (false, false)
                    }
                } else {
                    (noise.chance(given_rate), noise.chance(family_rate))
                };
                if wrong_name.0 {
                    copy.given = wrong_given(&person, &book, &mut noise);
                    damage.given = true;
                }
                if wrong_name.1 {
                    copy.family = wrong_family(&person, &book, register.as_ref(), &mut noise);
                    damage.family = true;
                }
                if noise.chance(settings.move_rate) {
                    let city = cities.draw(&mut noise);
                    copy.city = city;
                    copy.postcode = u32::from(cities.get(city).zip3) * 100 + noise.between(0, 99);
                }
                drafts.push(Draft {
                    entity: id,
                    values: write(settings, &copy, &person, &cities, &mut noise, true),
                });
                damages.push((id, damage));
            }
            people.push(person);
        }
        let source = SourceLayout {
            name: "persons",
            columns: COLUMNS.get(layout).copied().unwrap_or(&[]),
            duplicate_free: false,
        };
        let fields = FIELD_KINDS.get(layout).copied().unwrap_or(&[]);
        let data = ShapeData::assemble(
            Shape::BirthDates,
            fields,
            &[source],
            vec![drafts],
            settings.entities,
            settings.seed,
        );
        (data, people, damages)
    }
}

/// `date` with one digit of its day or month typed wrong (or the two
/// swapped) so that the date does not exist: a day past the month's end
/// (`1945-08-41`, `1945-02-30`) or a month past 12 (`1945-18-14`); never
/// 0 or 99, which registers write for "unknown". The day when it can be
/// made impossible so and a coin says so, else the month.
fn impossible_birth(date: Birth, rng: &mut Rng) -> Birth {
    let (year, month, day) = date;
    let typos = |value: u8, impossible: &dyn Fn(u8) -> bool| -> Vec<u8> {
        let (tens, ones) = (value / 10, value % 10);
        let mut options: Vec<u8> = (0..10u8)
            .flat_map(|digit| [digit * 10 + ones, tens * 10 + digit])
            .chain([ones * 10 + tens])
            .filter(|&typed| typed != value && typed != 0 && typed != 99 && impossible(typed))
            .collect();
        options.sort_unstable();
        options.dedup();
        options
    };
    let days = typos(day, &|typed| typed > days_in_month(year, month));
    let months = typos(month, &|typed| typed > 12);
    if !days.is_empty() && (months.is_empty() || rng.chance(0.5)) {
        (year, month, days[rng.below(days.len())])
    } else {
        (year, months[rng.below(months.len())], day)
    }
}

/// `date` with its year written wrong as a whole: another year of the
/// generator's range at least two off, day and month kept (1 March for
/// a 29 February the other year lacks).
fn year_wrong(date: Birth, rng: &mut Rng) -> Birth {
    let (year, month, day) = date;
    let span = usize::from(LAST_YEAR - FIRST_YEAR) + 1;
    // Years within one of the true one are left out of the draw.
    let mut other = FIRST_YEAR + rng.below(span - 3) as u16;
    if other + 1 >= year {
        other += 3;
    }
    if day > days_in_month(other, month) {
        return (other, 3, 1);
    }
    (other, month, day)
}

/// `date` with a digit typed into one of its parts or lost from it, the
/// part written as a register keeps it in a column of its own (`1945`
/// becoming `19465` or `195`, a month `8` becoming `58`, a day `14`
/// becoming `142` or `4`). The part is drawn first, then one of its
/// slips whose value a date's text keeps: not 0, not all 9s
/// ("unknown"), no leading 0, a year to 65535, a month or day to 255.
fn digit_slip(date: Birth, rng: &mut Rng) -> Birth {
    let (year, month, day) = date;
    let part = rng.below(3);
    let (value, largest) = match part {
        0 => (u32::from(year), u32::from(u16::MAX)),
        1 => (u32::from(month), u32::from(u8::MAX)),
        _ => (u32::from(day), u32::from(u8::MAX)),
    };
    let written = value.to_string();
    let inserted = (0..=written.len()).flat_map(|at| {
        let written = &written;
        ('0'..='9').map(move |digit| {
            let mut slip = written.clone();
            slip.insert(at, digit);
            slip
        })
    });
    let deleted = (0..written.len()).map(|at| {
        let mut slip = written.clone();
        slip.remove(at);
        slip
    });
    let mut slips: Vec<u32> = inserted
        .chain(deleted)
        .filter(|slip| {
            !slip.is_empty() && !slip.starts_with('0') && !slip.bytes().all(|b| b == b'9')
        })
        .filter_map(|slip| slip.parse::<u32>().ok())
        .filter(|&slip| slip != value && slip <= largest)
        .collect();
    slips.sort_unstable();
    slips.dedup();
    let Some(&slip) = slips.get(rng.below(slips.len().max(1))) else {
        return date;
    };
    match part {
        0 => (slip as u16, month, day),
        1 => (year, slip as u8, day),
        _ => (year, month, slip as u8),
    }
}

/// German register names, ASCII capitals, commonest first.
const REGISTER_MALE: &str = "PETER,MICHAEL,THOMAS,ANDREAS,WOLFGANG,KLAUS,JUERGEN,GUENTER,\
STEFAN,CHRISTIAN,UWE,WERNER,HORST,FRANK,DIETER,MANFRED,GERHARD,HANS,BERND,HELMUT,MARTIN,\
JOERG,WALTER,MATTHIAS,KARL,HEINZ,RALF,SVEN,MARKUS,ALEXANDER,LUKAS,LEON,JONAS,FELIX,\
MAXIMILIAN,PAUL,FINN,DANIEL,TOBIAS,FLORIAN,SEBASTIAN,KARL-HEINZ,HANS-JUERGEN,ROLF,KURT,\
ERNST,OTTO,FRIEDRICH,HERBERT,JAN";
const REGISTER_FEMALE: &str = "URSULA,MONIKA,PETRA,ELISABETH,SABINE,RENATE,HELGA,KARIN,\
BRIGITTE,INGRID,ERIKA,ANDREA,GISELA,CLAUDIA,SUSANNE,GABRIELE,CHRISTA,CHRISTINE,HILDEGARD,\
ANNA,MARIA,BIRGIT,BARBARA,GERDA,LAURA,JULIA,LEA,LENA,HANNAH,SARAH,MIA,EMMA,SOPHIE,\
KATHARINA,NICOLE,STEFANIE,MELANIE,SANDRA,ANGELIKA,MARTINA,HEIKE,ANJA,KERSTIN,SILKE,\
JUTTA,DORIS,EVA,MARGARETE,IRMGARD,CHARLOTTE";
const REGISTER_FAMILY: &str = "MUELLER,SCHMIDT,SCHNEIDER,FISCHER,WEBER,MEYER,WAGNER,BECKER,\
SCHULZ,HOFFMANN,SCHAEFER,KOCH,BAUER,RICHTER,KLEIN,WOLF,SCHROEDER,NEUMANN,SCHWARZ,\
ZIMMERMANN,BRAUN,KRUEGER,HOFMANN,HARTMANN,LANGE,SCHMITT,WERNER,SCHMITZ,KRAUSE,MEIER,\
LEHMANN,SCHMID,SCHULZE,MAIER,KOEHLER,HERRMANN,KOENIG,WALTER,MAYER,HUBER,KAISER,FUCHS,\
PETERS,LANG,SCHOLZ,MOELLER,WEISS,JUNG,HAHN,SCHUBERT,VOGEL,FRIEDRICH,KELLER,GUENTHER,\
FRANK,BERGER,WINKLER,ROTH,BECK,LORENZ,BAUMANN,FRANKE,ALBRECHT,SCHUSTER,SIMON,LUDWIG,\
BOEHM,WINTER,KRAUS,MARTIN,SCHUMACHER,KRAEMER,VOGT,STEIN,JAEGER,OTTO,SOMMER,GROSS,\
SEIDEL,HEINRICH,BRANDT,HAAS,SCHREIBER,GRAF,SCHULTE,DIETRICH,ZIEGLER,KUHN,KUEHN,POHL,\
ENGEL,HORN,BUSCH,BERGMANN,THOMAS,VOIGT,SAUER,ARNOLD,WOLFF,PFEIFFER";

/// The Zipf offset of the register's lists: the first drawn about ten
/// times as often as the hundredth.
const REGISTER_OFFSET: u64 = 10;

/// Names from one country's register (see
/// [`BirthDateGeneratorBuilder::register_names`]).
struct Register {
    male: Ranked,
    female: Ranked,
    family: Ranked,
}

impl Register {
    fn new() -> Register {
        Register {
            male: Ranked::new(REGISTER_MALE, REGISTER_OFFSET),
            female: Ranked::new(REGISTER_FEMALE, REGISTER_OFFSET),
            family: Ranked::new(REGISTER_FAMILY, REGISTER_OFFSET),
        }
    }
}

/// A person: sex, culture, names in capitals without diacritics (from
/// `register` when given), a date of birth, a home.
fn person(
    book: &NameBook,
    register: Option<&Register>,
    cities: &UsCities,
    rng: &mut Rng,
) -> Person {
    let female = rng.chance(0.5);
    let culture = book.culture(rng);
    let (formal_given, family) = match register {
        Some(register) => {
            let given = if female {
                &register.female
            } else {
                &register.male
            };
            (given.draw(rng), register.family.draw(rng).to_string())
        }
        None => {
            let formal_given = book.given(culture, female, rng);
            (formal_given, book.family(culture, rng))
        }
    };
    let year = FIRST_YEAR + rng.below(usize::from(LAST_YEAR - FIRST_YEAR) + 1) as u16;
    let city = cities.draw(rng);
    Person {
        female,
        culture,
        given: registry_form(formal_given),
        formal_given,
        family: registry_form(&family),
        birth: birth_in(year, rng),
        city,
        postcode: u32::from(cities.get(city).zip3) * 100 + rng.between(0, 99),
    }
}

/// Capitals without diacritics: `MÜLLER` → `MULLER`.
fn registry_form(name: &str) -> String {
    fold_diacritics(name).to_uppercase()
}

/// A given name that differs: a typo, a nickname, an initial or a
/// spelling by ear.
fn wrong_given(person: &Person, book: &NameBook, rng: &mut Rng) -> String {
    let roll = rng.below(100);
    let written = match roll {
        0..=49 => typo(&person.given, rng),
        50..=74 => match book.nickname(person.formal_given, rng) {
            Some(nickname) => registry_form(nickname),
            None => typo(&person.given, rng),
        },
        75..=84 => initial(&person.given),
        _ => sound_alike(&person.given, rng),
    };
    let written = written.to_uppercase();
    if written == person.given {
        // A typo that only changed case cannot happen in capitals, but a
        // nickname may equal the name: fall back to a typo.
        return typo(&person.given, rng).to_uppercase();
    }
    written
}

/// A family name that differs: a typo, a spelling by ear, or another
/// name (married, or double-barrelled).
fn wrong_family(
    person: &Person,
    book: &NameBook,
    register: Option<&Register>,
    rng: &mut Rng,
) -> String {
    let roll = rng.below(100);
    let written = match roll {
        0..=54 => typo(&person.family, rng),
        55..=89 => sound_alike(&person.family, rng),
        _ => {
            let other = match register {
                Some(register) => register.family.draw(rng).to_string(),
                None => registry_form(&book.family(person.culture, rng)),
            };
            if person.female && other != person.family {
                other
            } else {
                format!("{}-{other}", person.family)
            }
        }
    };
    let written = written.to_uppercase();
    if written == person.family {
        return typo(&person.family, rng).to_uppercase();
    }
    written
}

/// The date a source writes where it does not know one.
const PLACEHOLDER_DATE: &str = "1900-01-01";

/// The values of one record of `shown` (the person as this record has
/// them); duplicates may miss optional values or get the sex wrong.
fn write(
    settings: &Settings,
    shown: &Person,
    truth: &Person,
    cities: &UsCities,
    rng: &mut Rng,
    duplicate: bool,
) -> Vec<Option<String>> {
    let mut values = vec![
        Some(shown.given.clone()),
        Some(shown.family.clone()),
        Some(format_date(shown.birth, DateStyle::Iso)),
    ];
    // Drawn only when asked for: the default data stay as they were.
    if settings.placeholder_date_rate > 0.0 && rng.chance(settings.placeholder_date_rate) {
        values[2] = Some(PLACEHOLDER_DATE.to_string());
    }
    let missing = |rng: &mut Rng| duplicate && rng.chance(settings.missing_rate);
    if settings.sex {
        let female = if duplicate && rng.chance(SEX_ERROR_RATE) {
            !truth.female
        } else {
            truth.female
        };
        let sex = if female { "F" } else { "M" };
        values.push((!missing(rng)).then(|| sex.to_string()));
    }
    if settings.location {
        let mut postcode = String::with_capacity(5);
        push_number(&mut postcode, shown.postcode, 5);
        values.push((!missing(rng)).then_some(postcode));
        let city = cities.get(shown.city).name.to_string();
        values.push((!missing(rng)).then_some(city));
    }
    values
}

/// Configures a [`BirthDateGenerator`]; [`build`](Self::build) checks the
/// values.
///
/// | setter | default | what |
/// |---|---|---|
/// | [`sex`](Self::sex) | off | a `sex` column |
/// | [`location`](Self::location) | off | `postcode` and `city` columns |
/// | [`register_names`](Self::register_names) | off | names from one country's register (100 given, 100 family names) |
/// | [`duplicate_rate`](Self::duplicate_rate) | 0.11 | per person: a second record |
/// | [`date_error_rate`](Self::date_error_rate) | 0.40 | per duplicate: another date of birth |
/// | [`given_error_rate`](Self::given_error_rate) | 0.34 | per duplicate: another given name |
/// | [`family_error_rate`](Self::family_error_rate) | 0.27 | per duplicate: another family name |
/// | [`date_and_name_error_rate`](Self::date_and_name_error_rate) | 0.025 | per duplicate: another date and another name (part of the three rates above) |
/// | [`move_rate`](Self::move_rate) | 0.10 | per duplicate: another postcode and city |
/// | [`missing_rate`](Self::missing_rate) | 0.02 | per optional value of a duplicate: blank |
/// | [`impossible_date_rate`](Self::impossible_date_rate) | 0 | per wrong date: written as no date (`1945-08-41`) |
/// | [`year_wrong_rate`](Self::year_wrong_rate) | 0 | per wrong date: the year written wrong as a whole (`1972-08-14`) |
/// | [`digit_slip_rate`](Self::digit_slip_rate) | 0 | per wrong date: a digit typed into or lost from one part (`19465-08-14`, `0195-08-14`, `1945-08-142`) |
/// | [`placeholder_date_rate`](Self::placeholder_date_rate) | 0 | per record: the date written as `1900-01-01`, a placeholder for a date not known |
///
/// # Examples
///
/// ```
/// use sameas::synthetic::shapes::BirthDateGenerator;
///
/// let data = BirthDateGenerator::builder()
///     .entities(500)
///     .sex(true)
///     .location(true)
///     .date_error_rate(0.6)
///     .build()?
///     .generate();
/// assert_eq!(data.sources()[0].columns(), ["given", "family", "dob", "sex", "postcode", "city"]);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BirthDateGeneratorBuilder {
    settings: Settings,
}

impl BirthDateGeneratorBuilder {
    seed_and_entities!(builder BirthDateGenerator);

    /// Whether records have a `sex` column (`M` or `F`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::BirthDateGenerator;
    /// let data = BirthDateGenerator::builder().entities(10).sex(true).build()?.generate();
    /// assert!(data.sources()[0].columns().contains(&"sex"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn sex(&mut self, sex: bool) -> &mut Self {
        self.settings.sex = sex;
        self
    }

    /// Whether records have `postcode` and `city` columns.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::BirthDateGenerator;
    /// let data = BirthDateGenerator::builder().entities(10).location(true).build()?.generate();
    /// assert!(data.sources()[0].columns().contains(&"postcode"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn location(&mut self, location: bool) -> &mut Self {
        self.settings.location = location;
        self
    }

    /// Whether names come from one country's register rather than the
    /// default mix: the 100 commonest German family names and 100 given
    /// names (50 for each sex), ASCII capitals (`MUELLER`, `JUERGEN`),
    /// drawn with a mild skew (the commonest about ten times as often
    /// as the hundredth). Of 9,000 persons two in three then share their
    /// full name with another (`URSULA MUELLER` a dozen times): the
    /// date has to tell most pairs apart. Off by default.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::BirthDateGenerator;
    /// use sameas::Record;
    ///
    /// let data = BirthDateGenerator::builder().entities(50).register_names(true).build()?.generate();
    /// let first = &data.sources()[0].records()[0];
    /// assert!(first.field("family").unwrap().bytes().all(|b| b.is_ascii_uppercase() || b == b'-'));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn register_names(&mut self, register: bool) -> &mut Self {
        self.settings.register_names = register;
        self
    }

    rate_setters!(BirthDateGenerator;
        /// Probability that a person has a second record.
        duplicate_rate = 0.5;
        /// Probability that a duplicate has another date of birth.
        date_error_rate = 0.5;
        /// Probability that a duplicate has another given name.
        given_error_rate = 0.5;
        /// Probability that a duplicate has another family name.
        family_error_rate = 0.5;
        /// Probability that a duplicate has both another date of birth and
        /// another name (given or family): the pairs that agree neither on
        /// the date nor on both names. At most the date error rate.
        date_and_name_error_rate = 0.01;
        /// Probability that a duplicate shows another postcode and city.
        move_rate = 0.5;
        /// Probability that an optional value (sex, postcode, city) of a
        /// duplicate is blank.
        missing_rate = 0.5;
        /// Probability that a wrong date of birth is no date at all: one
        /// digit of the day or the month typed wrong so that no such day
        /// exists (`1945-08-41`, `1945-18-14`), as a clerk types it and a
        /// register keeps it. Off (0) by default.
        impossible_date_rate = 0.3;
        /// Probability that a wrong date of birth has its year written
        /// wrong as a whole, day and month right (`1972-08-14` for
        /// `1945-08-14`, at least two years off), as when a register keeps
        /// the year in a column of its own and a clerk types another.
        /// Drawn after (and instead of) the other errors; off (0) by
        /// default.
        year_wrong_rate = 0.2;
        /// Probability that a wrong date of birth has a digit typed into
        /// one of its parts or lost from it (`19465-08-14` or
        /// `0195-08-14` for `1945-08-14`, a day `142` or `4` for `14`),
        /// as when a register keeps year, month and day in columns of
        /// their own and a clerk slips in one. Drawn after (and instead
        /// of) the other errors; off (0) by default.
        digit_slip_rate = 0.2;
        /// Probability that a record, first or duplicate, has its date
        /// of birth written as `1900-01-01`, what a source writes where
        /// it does not know the date (the truth keeps the person's). Off
        /// (0) by default.
        placeholder_date_rate = 0.04;
    );

    /// Checks the settings and builds the generator.
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidParameter`] naming the setter when a rate is not a
    /// probability in `[0, 1]` (NaN included) or `entities` is 0 or above
    /// [`MAX_ENTITIES`](crate::synthetic::MAX_ENTITIES);
    /// `date_and_name_error_rate` when it exceeds the date error rate or
    /// one of the name error rates; `given_error_rate` or
    /// `family_error_rate` when the rates cannot all hold (a name wrong
    /// more often than the duplicates with a correct date, plus those with
    /// both errors, allow).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::BirthDateGenerator;
    /// use sameas::BuildError;
    /// let err = BirthDateGenerator::builder()
    ///     .date_error_rate(0.9)
    ///     .given_error_rate(0.5)
    ///     .build()
    ///     .unwrap_err();
    /// assert!(matches!(err, BuildError::InvalidParameter { name: "given_error_rate", .. }));
    /// ```
    pub fn build(&self) -> Result<BirthDateGenerator, BuildError> {
        let settings = &self.settings;
        self.check_rates()?;
        let both = settings.date_and_name_error_rate;
        if both > settings.date_error_rate
            || both > settings.given_error_rate + settings.family_error_rate
        {
            return Err(BuildError::InvalidParameter {
                name: "date_and_name_error_rate",
                reason: format!(
                    "{both} exceeds the date error rate {} or the name error rates",
                    settings.date_error_rate
                ),
            });
        }
        if settings.name_rates_with_correct_date().is_none() {
            let given_fails = {
                let mut only_given = settings.clone();
                only_given.family_error_rate = 0.0;
                only_given.name_rates_with_correct_date().is_none()
            };
            let name = if given_fails {
                "given_error_rate"
            } else {
                "family_error_rate"
            };
            return Err(BuildError::InvalidParameter {
                name,
                reason: format!(
                    "cannot hold with date_error_rate {} and date_and_name_error_rate {both}",
                    settings.date_error_rate
                ),
            });
        }
        Ok(BirthDateGenerator {
            settings: settings.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;
    use crate::record::{OwnedRecord, Record};
    use crate::synthetic::shapes::tests::{assert_near, render};

    /// The records of each entity with two of them.
    fn pairs(data: &ShapeData) -> Vec<(&OwnedRecord, &OwnedRecord)> {
        let source = &data.sources()[0];
        let mut by_entity = BTreeMap::<u32, Vec<&OwnedRecord>>::new();
        for (record, &entity) in source.records().iter().zip(source.entities()) {
            by_entity.entry(entity).or_default().push(record);
        }
        by_entity
            .into_values()
            .filter_map(|records| match records.as_slice() {
                [a, b] => Some((*a, *b)),
                _ => None,
            })
            .collect()
    }

    fn share<'a>(
        pairs: &[(&'a OwnedRecord, &'a OwnedRecord)],
        differs: impl Fn(&OwnedRecord, &OwnedRecord) -> bool,
    ) -> f64 {
        pairs.iter().filter(|(a, b)| differs(a, b)).count() as f64 / pairs.len() as f64
    }

    fn field_differs(name: &'static str) -> impl Fn(&OwnedRecord, &OwnedRecord) -> bool {
        move |a, b| a.field(name) != b.field(name)
    }

    fn many_pairs() -> BirthDateGeneratorBuilder {
        let mut builder = BirthDateGenerator::builder();
        builder.seed(13).entities(6_000).duplicate_rate(0.5);
        builder
    }

    #[test]
    fn duplicate_pairs_differ_at_the_documented_rates() {
        let data = many_pairs().build().unwrap().generate();
        let pairs = pairs(&data);
        assert!(pairs.len() > 2_800, "{} pairs", pairs.len());
        assert_near(share(&pairs, field_differs("dob")), 0.40, 0.03);
        assert_near(share(&pairs, field_differs("given")), 0.34, 0.03);
        assert_near(share(&pairs, field_differs("family")), 0.27, 0.03);
        let agree = 1.0
            - share(&pairs, |a, b| {
                a.field("dob") != b.field("dob")
                    && (a.field("given") != b.field("given")
                        || a.field("family") != b.field("family"))
            });
        assert_near(agree, 0.975, 0.01);
    }

    #[test]
    fn other_rates_come_out_as_set() {
        let mut builder = many_pairs();
        builder
            .date_error_rate(0.2)
            .given_error_rate(0.1)
            .family_error_rate(0.5)
            .date_and_name_error_rate(0.05);
        let data = builder.build().unwrap().generate();
        let pairs = pairs(&data);
        assert_near(share(&pairs, field_differs("dob")), 0.2, 0.03);
        assert_near(share(&pairs, field_differs("given")), 0.1, 0.03);
        assert_near(share(&pairs, field_differs("family")), 0.5, 0.03);
        let both = share(&pairs, |a, b| {
            a.field("dob") != b.field("dob")
                && (a.field("given") != b.field("given") || a.field("family") != b.field("family"))
        });
        assert_near(both, 0.05, 0.015);
    }

    #[test]
    fn every_kind_of_date_error_occurs_in_its_share() {
        let generator = many_pairs().build().unwrap();
        let (_, people, damages) = generator.generate_with_truth();
        let mut counts = BTreeMap::<String, usize>::new();
        for (_, damage) in &damages {
            if let Some(kind) = damage.date {
                *counts.entry(format!("{kind:?}")).or_default() += 1;
            }
        }
        let wrong: usize = counts.values().sum();
        for (kind, percent) in DateError::MIX {
            let measured =
                counts.get(&format!("{kind:?}")).copied().unwrap_or(0) as f64 / wrong as f64;
            assert_near(measured, f64::from(percent) / 100.0, 0.03);
        }
        assert_eq!(people.len(), 6_000);
    }

    /// The dates of birth of the duplicate pairs whose two dates differ.
    fn differing_dates(data: &ShapeData) -> Vec<(&str, &str)> {
        pairs(data)
            .into_iter()
            .map(|(a, b)| (a.field("dob").unwrap(), b.field("dob").unwrap()))
            .filter(|(x, y)| x != y)
            .collect()
    }

    #[test]
    fn impossible_dates_are_one_digit_from_the_date_and_no_date() {
        let data = many_pairs()
            .impossible_date_rate(1.0)
            .build()
            .unwrap()
            .generate();
        let wrong = differing_dates(&data);
        for &(x, y) in &wrong {
            // One record is exact; the other keeps the year and has one of
            // month and day typed wrong, never as a zero.
            let (x, y) = match crate::normalize::parse_date(x) {
                Ok(_) => (x, y),
                Err(_) => (y, x),
            };
            assert!(crate::normalize::parse_date(x).is_ok(), "{x}");
            assert!(crate::normalize::parse_date(y).is_err(), "{y}");
            assert_eq!(x[..4], y[..4]);
            let differing = [5..7, 8..10]
                .into_iter()
                .filter(|part| x[part.clone()] != y[part.clone()])
                .count();
            assert_eq!(differing, 1, "{x} {y}");
            assert!(!y[5..7].starts_with("00") && &y[8..10] != "00", "{y}");
            let digits = x.bytes().zip(y.bytes()).filter(|(p, q)| p != q).count();
            assert!(digits <= 2, "{x} {y}");
        }
        assert!(wrong.len() > 1_000, "{}", wrong.len());
    }

    #[test]
    fn digit_slips_add_or_drop_a_digit_of_one_part() {
        let data = many_pairs()
            .digit_slip_rate(1.0)
            .build()
            .unwrap()
            .generate();
        let wrong = differing_dates(&data);
        // The parts as a register writes them: no leading zeros.
        let parts = |date: &str| -> Vec<String> {
            date.split('-')
                .map(|part| part.trim_start_matches('0').to_string())
                .collect()
        };
        let mut by_part = [0usize; 3];
        for &(x, y) in &wrong {
            let (p, q) = (parts(x), parts(y));
            assert_eq!((p.len(), q.len()), (3, 3), "{x} {y}");
            let differing: Vec<usize> = (0..3).filter(|&at| p[at] != q[at]).collect();
            assert_eq!(differing.len(), 1, "{x} {y}");
            let at = differing[0];
            let (short, long) = if p[at].len() < q[at].len() {
                (&p[at], &q[at])
            } else {
                (&q[at], &p[at])
            };
            assert_eq!(long.len(), short.len() + 1, "{x} {y}");
            assert!(
                (0..long.len())
                    .any(|cut| format!("{}{}", &long[..cut], &long[cut + 1..]) == *short),
                "{x} {y}"
            );
            assert!(!short.is_empty(), "{x} {y}");
            by_part[at] += 1;
        }
        // Year, month and day each slip about a third of the time.
        assert!(wrong.len() > 1_000, "{}", wrong.len());
        for count in by_part {
            assert!(count * 4 > wrong.len(), "{by_part:?}");
        }
    }

    #[test]
    fn years_written_wrong_keep_day_and_month() {
        let data = many_pairs()
            .year_wrong_rate(1.0)
            .build()
            .unwrap()
            .generate();
        let wrong = differing_dates(&data);
        for &(x, y) in &wrong {
            let year = |date: &str| date[..4].parse::<u16>().unwrap();
            assert!(year(x).abs_diff(year(y)) >= 2, "{x} {y}");
            assert!(
                x[4..] == y[4..] || x.ends_with("02-29") || y.ends_with("02-29"),
                "{x} {y}"
            );
            assert!((FIRST_YEAR..=LAST_YEAR).contains(&year(x)), "{x}");
            assert!((FIRST_YEAR..=LAST_YEAR).contains(&year(y)), "{y}");
        }
        assert!(wrong.len() > 1_000, "{}", wrong.len());
    }

    #[test]
    fn wrong_dates_look_like_the_documented_errors() {
        let data = many_pairs().build().unwrap().generate();
        let (mut year_off, mut swapped, mut one_digit, mut one_part) = (0, 0, 0, 0);
        for (a, b) in pairs(&data) {
            let (x, y) = (a.field("dob").unwrap(), b.field("dob").unwrap());
            if x == y {
                continue;
            }
            let digits = x.bytes().zip(y.bytes()).filter(|(p, q)| p != q).count();
            one_digit += usize::from(digits == 1);
            let (xy, yy) = (&x[..4], &y[..4]);
            if xy != yy && x[4..] == y[4..] {
                year_off +=
                    usize::from(xy.parse::<i32>().unwrap().abs_diff(yy.parse().unwrap()) == 1);
            }
            swapped += usize::from(x[..4] == y[..4] && x[5..7] == y[8..10] && x[8..10] == y[5..7]);
            one_part += usize::from(
                digits == 2 && x[..4] == y[..4] && ((x[5..7] == y[5..7]) != (x[8..10] == y[8..10])),
            );
        }
        assert!(
            one_digit > 300 && year_off > 150 && swapped > 40 && one_part > 90,
            "{one_digit} {year_off} {swapped} {one_part}"
        );
    }

    /// The persons each written name (given, family) stands for.
    fn persons_by_name(data: &ShapeData) -> BTreeMap<(&str, &str), BTreeSet<u32>> {
        let source = &data.sources()[0];
        let mut by_name = BTreeMap::<(&str, &str), BTreeSet<u32>>::new();
        for (record, &entity) in source.records().iter().zip(source.entities()) {
            let name = (
                record.field("given").unwrap(),
                record.field("family").unwrap(),
            );
            by_name.entry(name).or_default().insert(entity);
        }
        by_name
    }

    #[test]
    fn register_names_are_the_register_s_and_shared_by_most() {
        let data = BirthDateGenerator::builder()
            .seed(3)
            .register_names(true)
            .build()
            .unwrap()
            .generate();
        let family: BTreeSet<&str> = REGISTER_FAMILY.split(',').map(str::trim).collect();
        let by_name = persons_by_name(&data);
        // The persons' own records (names right) hold register names.
        let right = by_name
            .keys()
            .filter(|(_, surname)| family.contains(surname))
            .count();
        assert!(
            right * 10 > by_name.len() * 8,
            "{right} of {}",
            by_name.len()
        );
        let with_namesake: usize = by_name.values().map(BTreeSet::len).filter(|&n| n > 1).sum();
        assert!(with_namesake > 5_000, "{with_namesake} of 9,000");
    }

    #[test]
    fn namesakes_are_many() {
        let data = BirthDateGenerator::builder()
            .seed(3)
            .build()
            .unwrap()
            .generate();
        let by_name = persons_by_name(&data);
        let with_namesake: usize = by_name.values().map(BTreeSet::len).filter(|&n| n > 1).sum();
        assert!(
            with_namesake > 1_000,
            "{with_namesake} of 9,000 persons share their name"
        );
        assert!(by_name.values().map(BTreeSet::len).max().unwrap() >= 10);
    }

    #[test]
    fn names_are_in_capitals_and_dates_valid() {
        let mut builder = BirthDateGenerator::builder();
        builder.entities(2_000).sex(true).location(true);
        let data = builder.build().unwrap().generate();
        for record in data.sources()[0].records() {
            for name in ["given", "family"] {
                let value = record.field(name).unwrap();
                assert!(value.is_ascii() && value.to_uppercase() == value, "{value}");
            }
            let dob = crate::normalize::parse_date(record.field("dob").unwrap()).unwrap();
            assert!((1920..=2005).contains(&dob.year()));
            assert!(matches!(record.field("sex"), None | Some("M" | "F")));
        }
        assert!(data.prepared_store().is_ok());
    }

    #[test]
    fn moves_and_missing_values_on_duplicates() {
        let mut builder = many_pairs();
        builder.location(true).sex(true).missing_rate(0.1);
        let data = builder.build().unwrap().generate();
        let pairs = pairs(&data);
        // A move draws a new city, sometimes the same one.
        let moved = share(&pairs, |a, b| {
            a.field("postcode").is_some()
                && b.field("postcode").is_some()
                && a.field("postcode") != b.field("postcode")
        });
        assert!((0.07..0.11).contains(&moved), "{moved}");
        let blank = share(&pairs, |a, b| {
            a.field("sex").is_none() || b.field("sex").is_none()
        });
        assert_near(blank, 0.1, 0.02);
    }

    #[test]
    fn same_seed_same_bytes() {
        let mut builder = BirthDateGenerator::builder();
        builder.seed(6).entities(2_000).sex(true).location(true);
        let first = render(&builder.build().unwrap().generate());
        assert_eq!(first, render(&builder.build().unwrap().generate()));
        builder.seed(7);
        assert_ne!(first, render(&builder.build().unwrap().generate()));
    }

    #[test]
    fn impossible_rates_are_rejected_by_name() {
        let reject = |builder: &BirthDateGeneratorBuilder| match builder.build() {
            Err(BuildError::InvalidParameter { name, .. }) => name,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            reject(BirthDateGenerator::builder().date_and_name_error_rate(0.5)),
            "date_and_name_error_rate"
        );
        assert_eq!(
            reject(
                BirthDateGenerator::builder()
                    .date_error_rate(1.0)
                    .date_and_name_error_rate(0.0)
            ),
            "given_error_rate"
        );
        assert_eq!(
            reject(
                BirthDateGenerator::builder()
                    .date_error_rate(0.8)
                    .given_error_rate(0.1)
                    .family_error_rate(0.5)
            ),
            "family_error_rate"
        );
        assert_eq!(
            reject(BirthDateGenerator::builder().entities(0)),
            "entities"
        );
        assert_eq!(
            reject(BirthDateGenerator::builder().duplicate_rate(-1.0)),
            "duplicate_rate"
        );
        // Every date wrong is possible when names never are.
        assert!(
            BirthDateGenerator::builder()
                .date_error_rate(1.0)
                .given_error_rate(0.0)
                .family_error_rate(0.0)
                .date_and_name_error_rate(0.0)
                .build()
                .is_ok()
        );
    }
}
