//! How each source writes a person down: its fields, its format habits,
//! and the noise a duplicate record picks up.

use super::names::{FEMALE_TITLES, MALE_TITLES, Nicknames, STREET_TYPES, SUFFIXES, split_list};
use super::noise::{
    DateFormat, PhoneFormat, email_typo, email_variant, push_date, push_phone, strip_diacritics,
    typo, vary_case, wrong_date, wrong_last_digit,
};
use super::population::{Home, Person, Population, push_number};
use super::{FIELD_COUNT, Settings, SourceKind};
use crate::rng::{Rng, Zipf};

/// Positions of the fields in a [`Draft`] (and in `FIELD_NAMES`).
pub(super) const GIVEN: usize = 0;
pub(super) const FAMILY: usize = 1;
pub(super) const DOB: usize = 2;
pub(super) const EMAIL: usize = 3;
pub(super) const PHONE: usize = 4;
pub(super) const ADDRESS: usize = 5;
pub(super) const CITY: usize = 6;
pub(super) const POSTCODE: usize = 7;

/// Most extra records one entity gets in one source.
const MAX_EXTRA_RECORDS: usize = 8;
/// Share of newsletter sign-ups that give a family name.
const NEWSLETTER_FAMILY_RATE: f64 = 0.4;
/// Share of support records with given and family names swapped.
const SUPPORT_SWAP_RATE: f64 = 0.1;
/// Web habits, on every web record: names all lower or upper case,
/// each field left blank, diacritics lost, street types abbreviated.
const WEB_CASE_RATE: f64 = 0.3;
const WEB_MISSING_RATE: f64 = 0.1;
const WEB_ASCII_RATE: f64 = 0.3;
const WEB_ABBREVIATION_RATE: f64 = 0.5;
/// Share of a moved person's later records that show the new address.
const NEW_ADDRESS_RATE: f64 = 0.5;

/// A record before it has an id: its entity and its field values.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    pub(super) entity: u32,
    pub(super) values: [Option<String>; FIELD_COUNT],
}

/// Writes records; holds the lists and the noise stream.
pub(super) struct Writer<'a> {
    settings: &'a Settings,
    rng: Rng,
    nicknames: Nicknames,
    male_titles: Vec<&'static str>,
    female_titles: Vec<&'static str>,
    suffixes: Vec<&'static str>,
    coverage_zipf: Zipf,
}

impl<'a> Writer<'a> {
    pub(super) fn new(settings: &'a Settings) -> Writer<'a> {
        // Integer weights for the rare entity the coin flips left out of
        // every source: it goes to one source in proportion to coverage.
        let coverage_zipf = Zipf::weighted(
            settings
                .coverage
                .iter()
                .map(|&coverage| (coverage * 1_000_000.0) as u64),
        );
        Writer {
            settings,
            rng: Rng::new(settings.seed, 100),
            nicknames: Nicknames::new(),
            male_titles: split_list(MALE_TITLES),
            female_titles: split_list(FEMALE_TITLES),
            suffixes: split_list(SUFFIXES),
            coverage_zipf,
        }
    }

    /// Writes all of `person`'s records into the per-source `drafts`.
    /// The first record (in source order) is the original: it has only
    /// its source's habits; every later one is a noisy duplicate.
    pub(super) fn write_person(
        &mut self,
        person: &Person,
        population: &Population,
        drafts: &mut [Vec<Draft>; 4],
    ) {
        let mut counts = [0usize; 4];
        for (index, count) in counts.iter_mut().enumerate() {
            let coverage = self.settings.coverage.get(index).copied().unwrap_or(0.0);
            if self.rng.chance(coverage) {
                let rate = self
                    .settings
                    .duplicate_rate
                    .get(index)
                    .copied()
                    .unwrap_or(0.0);
                *count = 1;
                while *count <= MAX_EXTRA_RECORDS && self.rng.chance(rate) {
                    *count += 1;
                }
            }
        }
        if counts.iter().all(|&count| count == 0) {
            let index = self.coverage_zipf.sample(&mut self.rng);
            if let Some(count) = counts.get_mut(index) {
                *count = 1;
            }
        }
        let mut duplicate = false;
        for ((kind, count), out) in SourceKind::ALL
            .into_iter()
            .zip(counts)
            .zip(drafts.iter_mut())
        {
            for _ in 0..count {
                let draft = self.draft(person, population, kind, duplicate);
                out.push(draft);
                duplicate = true;
            }
        }
    }

    /// True with probability `rate` on duplicates; never on originals.
    fn noise(&mut self, duplicate: bool, rate: f64) -> bool {
        duplicate && self.rng.chance(rate)
    }

    fn draft(
        &mut self,
        person: &Person,
        population: &Population,
        kind: SourceKind,
        duplicate: bool,
    ) -> Draft {
        let settings = self.settings;
        let web = kind == SourceKind::Web;
        let mut values: [Option<String>; FIELD_COUNT] = Default::default();

        // Names.
        let mut given = self.given_name(person, duplicate);
        let mut family = person.family.clone();
        if self.noise(duplicate, settings.title_rate) {
            if person.female || self.rng.chance(0.5) {
                let titles = if person.female {
                    &self.female_titles
                } else {
                    &self.male_titles
                };
                let title = self.rng.pick(titles);
                given.insert(0, ' ');
                given.insert_str(0, title);
            } else {
                family.push(' ');
                family.push_str(self.rng.pick(&self.suffixes));
            }
        }
        if self.noise(duplicate, settings.format_rate) || (web && self.rng.chance(WEB_ASCII_RATE)) {
            given = strip_diacritics(&given, &mut self.rng);
            family = strip_diacritics(&family, &mut self.rng);
        }
        if self.noise(duplicate, settings.typo_rate) || (web && self.rng.chance(settings.typo_rate))
        {
            given = typo(&given, &mut self.rng);
        }
        if self.noise(duplicate, settings.typo_rate) || (web && self.rng.chance(settings.typo_rate))
        {
            family = typo(&family, &mut self.rng);
        }
        let swapped = (kind == SourceKind::Support && self.rng.chance(SUPPORT_SWAP_RATE))
            || self.noise(duplicate, settings.swap_rate);
        if swapped {
            std::mem::swap(&mut given, &mut family);
        }
        if web && self.rng.chance(WEB_CASE_RATE) {
            if self.rng.chance(2.0 / 3.0) {
                given = given.to_lowercase();
                family = family.to_lowercase();
            } else {
                given = given.to_uppercase();
                family = family.to_uppercase();
            }
        }
        if self.noise(duplicate, settings.case_rate) {
            given = vary_case(&given, &mut self.rng);
        }
        if self.noise(duplicate, settings.case_rate) {
            family = vary_case(&family, &mut self.rng);
        }
        values[GIVEN] = Some(given);
        if kind != SourceKind::Newsletter || self.rng.chance(NEWSLETTER_FAMILY_RATE) {
            values[FAMILY] = Some(family);
        }

        // E-mail: every source has one.
        let mut email = if self.noise(duplicate, settings.email_change_rate) {
            person.other_email.clone()
        } else {
            person.email.clone()
        };
        if self.noise(duplicate, settings.email_variant_rate) {
            email = email_variant(&email, &mut self.rng);
        }
        if self.noise(duplicate, settings.typo_rate) || (web && self.rng.chance(settings.typo_rate))
        {
            email = email_typo(&email, &mut self.rng);
        }
        values[EMAIL] = Some(email);

        if kind != SourceKind::Newsletter {
            values[PHONE] = Some(self.phone(person, kind, duplicate));
        }
        if matches!(kind, SourceKind::Crm | SourceKind::Web) {
            values[DOB] = Some(self.date_of_birth(person, kind, duplicate));
            let home = match person.new_home {
                Some(new_home) if duplicate && self.rng.chance(NEW_ADDRESS_RATE) => new_home,
                _ => person.home,
            };
            self.address(&home, population, kind, duplicate, &mut values);
        }

        // Missing values, last, so they can hit any field. The newsletter
        // is keyed by e-mail: its address is never missing.
        for (index, value) in values.iter_mut().enumerate() {
            let keep = kind == SourceKind::Newsletter && index == EMAIL;
            if value.is_some()
                && !keep
                && (self.noise(duplicate, settings.missing_rate)
                    || (web && self.rng.chance(WEB_MISSING_RATE)))
            {
                *value = None;
            }
        }
        Draft {
            entity: person.id,
            values,
        }
    }

    /// The given name as written: a nickname or an initial on duplicates.
    fn given_name(&mut self, person: &Person, duplicate: bool) -> String {
        let settings = self.settings;
        if person.culture == 0 && self.noise(duplicate, settings.nickname_rate) {
            let options = self.nicknames.of(person.given);
            let nickname = options.get(self.rng.below(options.len())).copied();
            if let Some(nickname) = nickname {
                return nickname.to_string();
            }
        }
        if self.noise(duplicate, settings.initial_rate) {
            if let Some(first) = person.given.chars().next() {
                let mut initial = String::with_capacity(first.len_utf8() + 1);
                initial.push(first);
                initial.push('.');
                return initial;
            }
        }
        person.given.to_string()
    }

    fn date_of_birth(&mut self, person: &Person, kind: SourceKind, duplicate: bool) -> String {
        let settings = self.settings;
        let mut birth = person.birth;
        if self.noise(duplicate, settings.date_error_rate) {
            birth = wrong_date(birth, &mut self.rng);
        }
        let mut format = if kind == SourceKind::Web {
            DateFormat::UsShort
        } else {
            DateFormat::Iso
        };
        if self.noise(duplicate, settings.format_rate) {
            let index = self.rng.below(DateFormat::ALL.len());
            format = DateFormat::ALL.get(index).copied().unwrap_or(format);
        }
        let mut out = String::with_capacity(12);
        push_date(&mut out, birth, format);
        out
    }

    fn phone(&mut self, person: &Person, kind: SourceKind, duplicate: bool) -> String {
        let settings = self.settings;
        let mut phone = person.phone;
        if self.noise(duplicate, settings.phone_typo_rate) {
            phone = wrong_last_digit(phone, &mut self.rng);
        }
        let mut format = match kind {
            SourceKind::Support => PhoneFormat::Parenthesised,
            SourceKind::Web => PhoneFormat::Dotted,
            _ => PhoneFormat::International,
        };
        if self.noise(duplicate, settings.format_rate) {
            let index = self.rng.below(PhoneFormat::ALL.len());
            format = PhoneFormat::ALL.get(index).copied().unwrap_or(format);
        }
        let mut out = String::with_capacity(16);
        push_phone(&mut out, phone, format);
        out
    }

    fn address(
        &mut self,
        home: &Home,
        population: &Population,
        kind: SourceKind,
        duplicate: bool,
        values: &mut [Option<String>; FIELD_COUNT],
    ) {
        let settings = self.settings;
        let web = kind == SourceKind::Web;
        let reformat = self.noise(duplicate, settings.format_rate);
        let (street_type, abbreviation) = STREET_TYPES
            .get(usize::from(home.street_type))
            .copied()
            .unwrap_or(("Street", "St"));
        let mut line = String::with_capacity(32);
        push_number(&mut line, u32::from(home.number), 1);
        line.push(' ');
        line.push_str(
            population
                .streets
                .get(usize::from(home.street))
                .copied()
                .unwrap_or("Main"),
        );
        line.push(' ');
        if reformat || (web && self.rng.chance(WEB_ABBREVIATION_RATE)) {
            line.push_str(abbreviation);
            if abbreviation != street_type && self.rng.chance(0.5) {
                line.push('.');
            }
        } else {
            line.push_str(street_type);
        }
        if home.unit > 0 {
            let unit = if reformat || web {
                self.rng.pick(&[" Apt. ", " #", " Unit ", ", Apt "])
            } else {
                ", Apt "
            };
            line.push_str(unit);
            push_number(&mut line, u32::from(home.unit), 1);
        }
        if self.noise(duplicate, settings.typo_rate) || (web && self.rng.chance(settings.typo_rate))
        {
            line = typo(&line, &mut self.rng);
        }
        if self.noise(duplicate, settings.case_rate) {
            line = vary_case(&line, &mut self.rng);
        }
        values[ADDRESS] = Some(line);

        let mut city = population
            .cities
            .get(usize::from(home.city))
            .map_or("Springfield", |&(name, _, _)| name)
            .to_string();
        if self.noise(duplicate, settings.typo_rate) || (web && self.rng.chance(settings.typo_rate))
        {
            city = typo(&city, &mut self.rng);
        }
        if web && self.rng.chance(WEB_CASE_RATE) {
            city = city.to_uppercase();
        }
        values[CITY] = Some(city);

        let mut postcode = String::with_capacity(10);
        let leading_zero = home.postcode < 10_000;
        if reformat && leading_zero && self.rng.chance(0.5) {
            // A spreadsheet ate the leading zero.
            push_number(&mut postcode, home.postcode, 1);
        } else {
            push_number(&mut postcode, home.postcode, 5);
            if reformat && self.rng.chance(0.5) {
                postcode.push('-');
                push_number(&mut postcode, self.rng.between(0, 9999), 4);
            }
        }
        values[POSTCODE] = Some(postcode);
    }
}
