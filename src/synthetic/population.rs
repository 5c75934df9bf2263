//! The true entities: people, their households, contact details and
//! moves, before any source writes them down.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use super::Settings;
use super::names::{
    CITIES, CULTURES, EMAIL_DOMAINS, STREET_TYPES, STREETS, SURNAME_HEADS, SURNAME_MIDDLES,
    SURNAME_TAILS, split_list,
};
use crate::normalize::fold_diacritics;
use crate::rng::{Rng, Zipf};

/// Share of English family names composed from parts rather than drawn
/// from the list: the long tail of rare surnames real files have.
const COMPOSED_SURNAME_RATE: f64 = 0.2;
/// Zipf offsets: larger is flatter.
const GIVEN_OFFSET: u64 = 6;
const FAMILY_OFFSET: u64 = 15;
const CITY_OFFSET: u64 = 8;
/// Share of households whose members share a landline.
const SHARED_PHONE_RATE: f64 = 0.5;
/// Share of children in a household born the same day as the previous
/// child: twins, the hardest trap (only the given name differs).
const TWIN_RATE: f64 = 0.05;

/// A name list with its Zipf table.
struct Ranked {
    names: Vec<&'static str>,
    zipf: Zipf,
}

impl Ranked {
    fn new(list: &'static str, offset: u64) -> Ranked {
        let names: Vec<&'static str> = split_list(list)
            .into_iter()
            .filter(|name| !name.is_empty())
            .collect();
        let zipf = Zipf::new(names.len(), offset);
        Ranked { names, zipf }
    }

    fn draw(&self, rng: &mut Rng) -> &'static str {
        let rank = self.zipf.sample(rng);
        self.names.get(rank).copied().unwrap_or_default()
    }
}

struct CultureNames {
    male: Ranked,
    female: Ranked,
    family: Ranked,
    domain: &'static str,
}

/// A date of birth: year, month, day.
pub(super) type Birth = (u16, u8, u8);

/// How a new person joins an existing household.
#[derive(Clone, Copy)]
struct Membership<'a> {
    head: &'a Person,
    /// 1 for the spouse, 2 and up for children.
    member: usize,
    /// The birth of the member before, for twins.
    previous_birth: Option<Birth>,
}

/// Where someone lives. Indexes point into the generator's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Home {
    pub(super) number: u16,
    pub(super) street: u16,
    pub(super) street_type: u8,
    /// Apartment number, 0 for none.
    pub(super) unit: u16,
    pub(super) city: u16,
    pub(super) postcode: u32,
}

/// One true entity.
#[derive(Debug, Clone)]
pub(super) struct Person {
    pub(super) id: u32,
    pub(super) female: bool,
    /// Index into [`CULTURES`]; 0 is English (nicknames apply).
    pub(super) culture: u8,
    pub(super) given: &'static str,
    pub(super) family: String,
    pub(super) birth: Birth,
    pub(super) email: String,
    /// A second address of the same person, used now and then.
    pub(super) other_email: String,
    /// Ten NANP digits.
    pub(super) phone: u64,
    pub(super) home: Home,
    /// Where the person moved to, if they did.
    pub(super) new_home: Option<Home>,
}

/// Draws people household by household.
pub(super) struct Population {
    rng: Rng,
    cultures: Vec<CultureNames>,
    culture_zipf: Zipf,
    heads: Vec<&'static str>,
    middles: Vec<&'static str>,
    tails: Vec<&'static str>,
    pub(super) streets: Vec<&'static str>,
    pub(super) cities: Vec<(&'static str, u16, u16)>,
    city_zipf: Zipf,
    domains: Ranked,
    /// Fingerprints of the e-mail addresses handed out. A collision of
    /// two fingerprints only costs an address an extra digit.
    emails: HashSet<u64, BuildHasherDefault<PremixedHasher>>,
    phones: HashSet<u64, BuildHasherDefault<PremixedHasher>>,
    /// Probability that a new household has two or more members.
    shared_household_rate: f64,
    international_rate: f64,
    move_rate: f64,
    next_id: u32,
}

/// Days in a month of the proleptic Gregorian calendar.
pub(super) fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Lower-case ASCII letters and digits of a name, for e-mail addresses.
pub(super) fn email_slug(name: &str, out: &mut String) {
    for c in fold_diacritics(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
    }
}

impl Population {
    pub(super) fn new(settings: &Settings) -> Population {
        let cultures: Vec<CultureNames> = CULTURES
            .iter()
            .map(|culture| CultureNames {
                male: Ranked::new(culture.male, GIVEN_OFFSET),
                female: Ranked::new(culture.female, GIVEN_OFFSET),
                family: Ranked::new(culture.family, FAMILY_OFFSET),
                domain: culture.domain,
            })
            .collect();
        let culture_zipf = Zipf::weighted(CULTURES.iter().map(|culture| u64::from(culture.weight)));
        let cities: Vec<(&'static str, u16, u16)> = split_list(CITIES)
            .into_iter()
            .filter_map(|entry| {
                let (rest, zip) = entry.rsplit_once(' ')?;
                let (name, area) = rest.rsplit_once(' ')?;
                Some((name, area.parse().ok()?, zip.parse().ok()?))
            })
            .collect();
        let city_zipf = Zipf::new(cities.len(), CITY_OFFSET);
        // Mean size of a shared household is 2.7 (sizes 2, 3, 4 drawn
        // 50/30/20), so a share `r` of people in shared households needs a
        // share q = r / (2.7 - 1.7 r) of households to be shared.
        let share = settings.household_rate;
        let shared_household_rate = share / (2.7 - 1.7 * share);
        Population {
            rng: Rng::new(settings.seed, 0),
            cultures,
            culture_zipf,
            heads: split_list(SURNAME_HEADS),
            middles: split_list(SURNAME_MIDDLES),
            tails: split_list(SURNAME_TAILS),
            streets: split_list(STREETS),
            cities,
            city_zipf,
            domains: Ranked::new(EMAIL_DOMAINS, 2),
            emails: HashSet::default(),
            phones: HashSet::default(),
            shared_household_rate,
            international_rate: settings.international_rate,
            move_rate: settings.move_rate,
            next_id: 0,
        }
    }

    /// Appends the next household, at most `room` people, to `out`.
    pub(super) fn next_household(&mut self, room: usize, out: &mut Vec<Person>) {
        let size = if self.rng.chance(self.shared_household_rate) {
            match self.rng.below(10) {
                0..=4 => 2,
                5..=7 => 3,
                _ => 4,
            }
        } else {
            1
        };
        let size = size.min(room);
        let first = out.len();
        let head = self.person(None);
        out.push(head);
        let shared_phone = self.rng.chance(SHARED_PHONE_RATE);
        for member in 1..size {
            let previous = out.get(first + member - 1).map(|p| p.birth);
            let Some(head) = out.get(first) else { return };
            let mut person = self.person(Some(Membership {
                head,
                member,
                previous_birth: previous,
            }));
            if shared_phone {
                person.phone = head.phone;
            }
            out.push(person);
        }
    }

    fn culture(&mut self) -> usize {
        if self.rng.chance(self.international_rate) {
            // Index 0 (English) has weight 0, so this is international.
            self.culture_zipf.sample(&mut self.rng)
        } else {
            0
        }
    }

    /// A new person, alone or joining a household.
    fn person(&mut self, household: Option<Membership<'_>>) -> Person {
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1);
        let female = self.rng.chance(0.5);
        let culture = match household {
            Some(joining) => usize::from(joining.head.culture),
            None => self.culture(),
        };
        let names = self.cultures.get(culture).or_else(|| self.cultures.first());
        let Some(names) = names else {
            return Person::placeholder(id);
        };
        let domain = names.domain;
        let mut given = if female {
            names.female.draw(&mut self.rng)
        } else {
            names.male.draw(&mut self.rng)
        };
        let family = match household {
            Some(Membership { head, .. }) => {
                // Members differ from the head in given name: redraw once
                // or twice, then accept (a family may repeat a name, Jr.).
                for _ in 0..3 {
                    if given != head.given {
                        break;
                    }
                    given = if female {
                        names.female.draw(&mut self.rng)
                    } else {
                        names.male.draw(&mut self.rng)
                    };
                }
                head.family.clone()
            }
            None if culture == 0 && self.rng.chance(COMPOSED_SURNAME_RATE) => {
                let mut family = String::new();
                family.push_str(self.rng.pick(&self.heads));
                family.push_str(self.rng.pick(&self.middles));
                family.push_str(self.rng.pick(&self.tails));
                family
            }
            None => names.family.draw(&mut self.rng).to_string(),
        };
        let birth = match household {
            // Spouse: within six years of the head.
            Some(Membership {
                head, member: 1, ..
            }) => {
                let year = i32::from(head.birth.0) + self.rng.between(0, 12) as i32 - 6;
                self.birth_in(year.clamp(1930, 2006) as u16)
            }
            // Children: twins now and then, otherwise 20 to 40 years
            // younger than the head (never after 2006).
            Some(Membership {
                previous_birth: Some(previous),
                ..
            }) if self.rng.chance(TWIN_RATE) => previous,
            Some(Membership { head, .. }) => {
                let year = (head.birth.0 + self.rng.between(20, 40) as u16).min(2006);
                self.birth_in(year)
            }
            None => {
                let year = self.rng.between(1940, 2004) as u16;
                self.birth_in(year)
            }
        };
        let (home, new_home) = match household {
            Some(Membership { head, .. }) => (head.home, head.new_home),
            None => {
                let home = self.home();
                let moved = self.rng.chance(self.move_rate);
                (home, moved.then(|| self.home()))
            }
        };
        let email = self.email(given, &family, birth.0, domain, culture != 0);
        let other_email = self.email(given, &family, birth.0, domain, culture != 0);
        let phone = self.phone(home.city);
        Person {
            id,
            female,
            culture: culture as u8,
            given,
            family,
            birth,
            email,
            other_email,
            phone,
            home,
            new_home,
        }
    }

    fn birth_in(&mut self, year: u16) -> Birth {
        let month = self.rng.between(1, 12) as u8;
        let day = self.rng.between(1, u32::from(days_in_month(year, month))) as u8;
        (year, month, day)
    }

    fn home(&mut self) -> Home {
        let city = self.city_zipf.sample(&mut self.rng);
        let zip_prefix = self.cities.get(city).map_or(100, |&(_, _, zip)| zip);
        Home {
            number: self.rng.between(1, 9899) as u16,
            street: self.rng.below(self.streets.len()) as u16,
            street_type: self.rng.below(STREET_TYPES.len()) as u8,
            unit: if self.rng.chance(0.15) {
                self.rng.between(1, 40) as u16
            } else {
                0
            },
            city: city as u16,
            postcode: u32::from(zip_prefix) * 100 + self.rng.between(0, 99),
        }
    }

    /// A phone number unique to its owner: the city's area code, an
    /// exchange 200-999, a line number.
    fn phone(&mut self, city: u16) -> u64 {
        let area = self
            .cities
            .get(usize::from(city))
            .map_or(555, |&(_, area, _)| u64::from(area));
        loop {
            let exchange = u64::from(self.rng.between(200, 999));
            let line = u64::from(self.rng.between(0, 9999));
            let phone = area * 10_000_000 + exchange * 10_000 + line;
            if self.phones.insert(phone) {
                return phone;
            }
        }
    }

    /// An e-mail address built from the name the way people build them,
    /// unique across the population (numbers are appended on collision).
    fn email(
        &mut self,
        given: &str,
        family: &str,
        year: u16,
        home_domain: &str,
        international: bool,
    ) -> String {
        let mut local = String::with_capacity(24);
        let (mut first, mut last) = (String::new(), String::new());
        email_slug(given, &mut first);
        email_slug(family, &mut last);
        let initial = first.get(..1).unwrap_or("x");
        match self.rng.below(20) {
            0..=5 => push_all(&mut local, &[&first, ".", &last]),
            6..=8 => push_all(&mut local, &[&first, &last]),
            9..=11 => push_all(&mut local, &[initial, &last]),
            12 => push_all(&mut local, &[&first, "_", &last]),
            13 => push_all(&mut local, &[&last, ".", &first]),
            14 => push_all(&mut local, &[initial, ".", &last]),
            15..=16 => {
                push_all(&mut local, &[&first, &last]);
                push_number(&mut local, u32::from(year % 100), 2);
            }
            _ => {
                push_all(&mut local, &[&first, ".", &last]);
                push_number(&mut local, self.rng.between(1, 99), 1);
            }
        }
        let domain = if international && self.rng.chance(0.4) {
            home_domain
        } else {
            self.domains.draw(&mut self.rng)
        };
        let mut email = String::with_capacity(local.len() + domain.len() + 4);
        loop {
            email.clear();
            email.push_str(&local);
            email.push('@');
            email.push_str(domain);
            if self.emails.insert(fingerprint(&email)) {
                return email;
            }
            push_number(&mut local, self.rng.between(0, 9), 1);
        }
    }
}

impl Person {
    /// Never reached with the built-in lists; keeps `person` panic-free.
    fn placeholder(id: u32) -> Person {
        let home = Home {
            number: 1,
            street: 0,
            street_type: 0,
            unit: 0,
            city: 0,
            postcode: 10001,
        };
        Person {
            id,
            female: false,
            culture: 0,
            given: "John",
            family: "Smith".into(),
            birth: (1970, 1, 1),
            email: String::new(),
            other_email: String::new(),
            phone: 2_125_550_100,
            home,
            new_home: None,
        }
    }
}

/// A 64-bit FNV-1a hash, mixed: the identity of an e-mail address.
fn fingerprint(text: &str) -> u64 {
    let hash = text.bytes().fold(0xCBF2_9CE4_8422_2325u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01B3)
    });
    hash.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29)
}

/// Hashes keys that are already well mixed (fingerprints, phone numbers
/// times a multiplier) without SipHash's cost. Only set membership uses
/// it; iteration order never reaches the output.
#[derive(Default)]
struct PremixedHasher(u64);

impl std::hash::Hasher for PremixedHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01B3);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (value ^ self.0)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
    }
}

fn push_all(out: &mut String, parts: &[&str]) {
    for part in parts {
        out.push_str(part);
    }
}

/// Appends `value` in decimal, zero-padded to `width` digits.
pub(super) fn push_number(out: &mut String, value: u32, width: usize) {
    let mut digits = [0u8; 10];
    let mut len = 0;
    let mut rest = value;
    loop {
        if let Some(slot) = digits.get_mut(len) {
            *slot = b'0' + (rest % 10) as u8;
        }
        len += 1;
        rest /= 10;
        if rest == 0 || len == digits.len() {
            break;
        }
    }
    for _ in len..width {
        out.push('0');
    }
    for &digit in digits.get(..len).unwrap_or_default().iter().rev() {
        out.push(char::from(digit));
    }
}
