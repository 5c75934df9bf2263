//! Person names, nicknames, birth dates and US addresses shared by the
//! birth-date and government shapes, drawn from the lists of
//! [`PeopleGenerator`](crate::synthetic::PeopleGenerator).

use super::Ranked;
use super::lists::US_CITIES;
use crate::rng::{Rng, Zipf};
use crate::synthetic::names::{
    CULTURES, Nicknames, STREET_TYPES, STREETS, SURNAME_HEADS, SURNAME_MIDDLES, SURNAME_TAILS,
    split_list,
};
use crate::synthetic::population::{Birth, days_in_month, push_number};

/// Zipf offsets of the name lists: smaller is more skewed (more
/// namesakes).
const GIVEN_OFFSET: u64 = 4;
const FAMILY_OFFSET: u64 = 10;
/// Share of English family names composed from parts: the long tail.
const COMPOSED_SURNAME_RATE: f64 = 0.15;

struct CultureNames {
    male: Ranked,
    female: Ranked,
    family: Ranked,
}

/// The name lists with their Zipf tables.
pub(super) struct NameBook {
    cultures: Vec<CultureNames>,
    international: Zipf,
    international_rate: f64,
    heads: Vec<&'static str>,
    middles: Vec<&'static str>,
    tails: Vec<&'static str>,
    nicknames: Nicknames,
}

impl NameBook {
    /// Names of which a share `international_rate` are non-English.
    pub(super) fn new(international_rate: f64) -> NameBook {
        let cultures = CULTURES
            .iter()
            .map(|culture| CultureNames {
                male: Ranked::new(culture.male, GIVEN_OFFSET),
                female: Ranked::new(culture.female, GIVEN_OFFSET),
                family: Ranked::new(culture.family, FAMILY_OFFSET),
            })
            .collect();
        NameBook {
            cultures,
            international: Zipf::weighted(CULTURES.iter().map(|c| u64::from(c.weight))),
            international_rate,
            heads: split_list(SURNAME_HEADS),
            middles: split_list(SURNAME_MIDDLES),
            tails: split_list(SURNAME_TAILS),
            nicknames: Nicknames::new(),
        }
    }

    /// A culture: 0 (English) or, at the international rate, another.
    pub(super) fn culture(&self, rng: &mut Rng) -> usize {
        if rng.chance(self.international_rate) {
            // English has weight 0: this draws an international culture.
            self.international.sample(rng)
        } else {
            0
        }
    }

    pub(super) fn given(&self, culture: usize, female: bool, rng: &mut Rng) -> &'static str {
        let Some(names) = self.cultures.get(culture) else {
            return "Kelly";
        };
        if female {
            names.female.draw(rng)
        } else {
            names.male.draw(rng)
        }
    }

    pub(super) fn family(&self, culture: usize, rng: &mut Rng) -> String {
        if culture == 0 && rng.chance(COMPOSED_SURNAME_RATE) {
            let mut family = String::new();
            family.push_str(rng.pick(&self.heads));
            family.push_str(rng.pick(&self.middles));
            family.push_str(rng.pick(&self.tails));
            return family;
        }
        self.cultures
            .get(culture)
            .map_or("Neal", |names| names.family.draw(rng))
            .to_string()
    }

    /// The nicknames of a formal given name (empty when it has none).
    pub(super) fn nicknames(&self, given: &str) -> &[&'static str] {
        self.nicknames.of(given)
    }

    /// A nickname of `given`, if it has one.
    pub(super) fn nickname(&self, given: &str, rng: &mut Rng) -> Option<&'static str> {
        let options = self.nicknames(given);
        options.get(rng.below(options.len())).copied()
    }
}

/// A date in `year`.
pub(super) fn birth_in(year: u16, rng: &mut Rng) -> Birth {
    let month = rng.between(1, 12) as u8;
    let day = rng.between(1, u32::from(days_in_month(year, month))) as u8;
    (year, month, day)
}

/// How a source writes a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateStyle {
    /// `1985-03-04`
    Iso,
    /// `03/04/1985`
    MonthFirst,
    /// `19850304`
    Compact,
}

pub(super) fn format_date((year, month, day): Birth, style: DateStyle) -> String {
    let (year, month, day) = (u32::from(year), u32::from(month), u32::from(day));
    let mut out = String::with_capacity(10);
    match style {
        DateStyle::Iso => {
            push_number(&mut out, year, 4);
            out.push('-');
            push_number(&mut out, month, 2);
            out.push('-');
            push_number(&mut out, day, 2);
        }
        DateStyle::MonthFirst => {
            push_number(&mut out, month, 2);
            out.push('/');
            push_number(&mut out, day, 2);
            out.push('/');
            push_number(&mut out, year, 4);
        }
        DateStyle::Compact => {
            push_number(&mut out, year, 4);
            push_number(&mut out, month, 2);
            push_number(&mut out, day, 2);
        }
    }
    out
}

/// A US city: name, state, area code, first three ZIP digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct UsCity {
    pub(super) name: &'static str,
    pub(super) state: &'static str,
    pub(super) area: u16,
    pub(super) zip3: u16,
}

/// The US cities, largest first, with a Zipf table.
pub(super) struct UsCities {
    pub(super) cities: Vec<UsCity>,
    zipf: Zipf,
}

impl UsCities {
    pub(super) fn new(offset: u64) -> UsCities {
        let cities: Vec<UsCity> = US_CITIES
            .split(',')
            .filter_map(|entry| {
                let mut parts = entry.trim().split('|');
                Some(UsCity {
                    name: parts.next()?,
                    state: parts.next()?,
                    area: parts.next()?.parse().ok()?,
                    zip3: parts.next()?.parse().ok()?,
                })
            })
            .collect();
        let zipf = Zipf::new(cities.len(), offset);
        UsCities { cities, zipf }
    }

    pub(super) fn draw(&self, rng: &mut Rng) -> usize {
        self.zipf.sample(rng)
    }

    pub(super) fn get(&self, index: usize) -> UsCity {
        self.cities.get(index).copied().unwrap_or(UsCity {
            name: "Springfield",
            state: "IL",
            area: 217,
            zip3: 627,
        })
    }
}

/// A street address in a US city.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Home {
    pub(super) number: u16,
    pub(super) street: u16,
    pub(super) street_type: u8,
    /// Apartment or suite, 0 for none.
    pub(super) unit: u16,
    pub(super) city: u16,
    pub(super) zip: u32,
}

impl Home {
    /// A new address in a city drawn from `cities`; `unit_rate` of them
    /// have an apartment or suite number.
    pub(super) fn draw(cities: &UsCities, unit_rate: f64, rng: &mut Rng) -> Home {
        let city = cities.draw(rng);
        Home::draw_in(cities, city, unit_rate, rng)
    }

    pub(super) fn draw_in(cities: &UsCities, city: usize, unit_rate: f64, rng: &mut Rng) -> Home {
        let streets = STREETS.split(',').count();
        Home {
            number: rng.between(1, 9_999) as u16,
            street: rng.below(streets) as u16,
            street_type: rng.below(STREET_TYPES.len()) as u8,
            unit: if rng.chance(unit_rate) {
                rng.between(1, 450) as u16
            } else {
                0
            },
            city: city as u16,
            zip: u32::from(cities.get(city).zip3) * 100 + rng.between(0, 99),
        }
    }

    /// `123 Oak Street` or `123 Oak St` (abbreviated), without the unit.
    pub(super) fn street_line(&self, abbreviated: bool) -> String {
        let mut line = String::with_capacity(24);
        push_number(&mut line, u32::from(self.number), 1);
        line.push(' ');
        line.push_str(&self.street_name(abbreviated));
        line
    }

    /// `Oak Street` or `Oak St` (abbreviated): the street line without
    /// the house number.
    pub(super) fn street_name(&self, abbreviated: bool) -> String {
        let street = STREETS
            .split(',')
            .nth(usize::from(self.street))
            .map_or("Main", str::trim);
        let (full, short) = STREET_TYPES
            .get(usize::from(self.street_type))
            .copied()
            .unwrap_or(("Street", "St"));
        let mut name = String::with_capacity(20);
        name.push_str(street);
        name.push(' ');
        name.push_str(if abbreviated { short } else { full });
        name
    }

    /// The ZIP code, five digits.
    pub(super) fn zip_code(&self) -> String {
        let mut zip = String::with_capacity(5);
        push_number(&mut zip, self.zip, 5);
        zip
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_style() {
        let date = (1985, 3, 4);
        assert_eq!(format_date(date, DateStyle::Iso), "1985-03-04");
        assert_eq!(format_date(date, DateStyle::MonthFirst), "03/04/1985");
        assert_eq!(format_date(date, DateStyle::Compact), "19850304");
        for style in [DateStyle::Iso, DateStyle::MonthFirst, DateStyle::Compact] {
            let text = format_date(date, style);
            assert_eq!(
                crate::normalize::parse_date(&text).map(|d| d.to_string()),
                Ok("1985-03-04".to_string())
            );
        }
    }

    #[test]
    fn cities_and_homes_are_read() {
        let cities = UsCities::new(3);
        assert!(cities.cities.len() > 50);
        assert_eq!(cities.get(0).name, "New York");
        assert_eq!(cities.get(0).state, "NY");
        let mut rng = Rng::new(1, 1);
        let home = Home::draw_in(&cities, 18, 0.0, &mut rng);
        assert_eq!(home.zip_code().len(), 5);
        assert!(
            home.zip_code().starts_with("021"),
            "Boston: {}",
            home.zip_code()
        );
        assert!(home.street_line(false).len() > home.street_line(true).len() - 1);
    }

    #[test]
    fn names_and_nicknames() {
        let book = NameBook::new(0.0);
        let mut rng = Rng::new(2, 2);
        assert_eq!(book.culture(&mut rng), 0);
        assert!(book.nicknames("William").contains(&"Bill"));
        assert!(book.nicknames("Wei").is_empty());
        assert!(!book.given(0, true, &mut rng).is_empty());
        assert!(!book.family(0, &mut rng).is_empty());
    }
}
