//! Business listings from two sites that format the same businesses
//! their own way, with chains as the trap.
//!
//! [`BusinessGenerator`] draws businesses and lists each in a
//! `directory` (85 % of businesses, 3 % listed twice) and on a `reviews`
//! site (70 %, 6 % listed twice); every business is in at least one.
//! Both sources have the columns `name` (organisation), `address`,
//! `city`, `phone`, `category` (category):
//!
//! | column | `directory` | `reviews` | noise (per record, rates on [`BusinessGeneratorBuilder`]) |
//! |---|---|---|---|
//! | `name` | `Smith & Jones LLP`, `Burger Barn #0412` (store numbers on 40 % of chain listings) | legal form dropped in 80 %, `&` written `and` in 30 % | another legal form or none, `&`/`and`, capitals; a typo |
//! | `address` | `1200 Oak Street, Suite 210` | `1200 Oak St Ste 210`, `#210` | a typo; missing; the new address of a relocated business |
//! | `city` | `St. Louis` | in 20 % of the records of six cities another name: `Saint Louis`, `LA`, `New York City` | a typo |
//! | `phone` | `(314) 555-0123` | `314-555-0123`, `+1 314-555-0123` | the business's other line; missing |
//! | `category` | `Restaurants - Chinese` | `chinese` | missing |
//!
//! # The businesses
//!
//! Fourteen categories (restaurants, coffee shops, dentists, attorneys,
//! auto repair, ...) in 60 US cities, with a Zipf skew on cities and on
//! name patterns, so independent businesses share names by coincidence
//! (`Golden Dragon` in several cities). A share
//! ([`chain_rate`](BusinessGeneratorBuilder::chain_rate)) are locations of
//! chains: one name, category and legal form at many addresses, each
//! with its own phone, several in the same city. Every business has a
//! unique phone number; a share have a second line.
//!
//! # Examples
//!
//! ```
//! use sameas::synthetic::shapes::BusinessGenerator;
//! use sameas::Record;
//!
//! let data = BusinessGenerator::builder().seed(2).entities(1_000).build()?.generate();
//! let directory = data.source("directory").unwrap();
//! let phone = directory.records().iter().find_map(|r| r.field("phone")).unwrap();
//! assert!(phone.starts_with('('));
//! # Ok::<(), sameas::Error>(())
//! ```

use std::collections::BTreeSet;

use super::lists::{BUSINESS_GIVEN, BUSINESS_SURNAMES, CATEGORIES, CITY_VARIANTS, SUITE_FORMATS};
use super::people::{Home, UsCities};
use super::spelling::{organisation_variant, split_legal_form};
use super::{Draft, Ranked, Shape, ShapeData, SourceLayout};
use crate::error::BuildError;
use crate::rng::{Rng, Zipf};
use crate::schema::FieldKind;
use crate::synthetic::noise::typo;
use crate::synthetic::population::push_number;

const COLUMNS: [&str; 5] = ["name", "address", "city", "phone", "category"];

const FIELD_KINDS: [(&str, FieldKind); 5] = [
    ("name", FieldKind::Organisation),
    ("address", FieldKind::Address),
    ("city", FieldKind::City),
    ("phone", FieldKind::Phone),
    ("category", FieldKind::Category),
];

const DIRECTORY_COVERAGE: f64 = 0.85;
const DIRECTORY_DUPLICATE_RATE: f64 = 0.03;
const REVIEWS_COVERAGE: f64 = 0.7;
const REVIEWS_DUPLICATE_RATE: f64 = 0.06;
/// Reviews-site habits.
const REVIEWS_DROP_LEGAL_FORM_RATE: f64 = 0.8;
const REVIEWS_AND_RATE: f64 = 0.3;
const REVIEWS_CITY_VARIANT_RATE: f64 = 0.2;
/// Share of chain listings in the directory with a store number.
const STORE_NUMBER_RATE: f64 = 0.4;
/// Share of offices with a suite number.
const SUITE_RATE: f64 = 0.6;
/// Share of businesses with a second phone line.
const SECOND_LINE_RATE: f64 = 0.5;
/// Share of a relocated business's records with the new address.
const NEW_ADDRESS_RATE: f64 = 0.5;
/// Zipf offset of the words that make names: names repeat by chance,
/// but far less than chains do.
const WORD_OFFSET: u64 = 6;
/// Share of chains whose name carries a legal form.
const CHAIN_LEGAL_FORM_RATE: f64 = 0.4;

const BUSINESS_STREAM: u64 = 1;
const WRITER_STREAM: u64 = 2;

#[derive(Debug, Clone, PartialEq)]
struct Settings {
    seed: u64,
    entities: usize,
    chain_rate: f64,
    typo_rate: f64,
    missing_rate: f64,
    name_variant_rate: f64,
    phone_change_rate: f64,
    move_rate: f64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            seed: 1,
            entities: 10_000,
            chain_rate: 0.2,
            typo_rate: 0.03,
            missing_rate: 0.05,
            name_variant_rate: 0.1,
            phone_change_rate: 0.1,
            move_rate: 0.05,
        }
    }
}

/// One true business.
#[derive(Debug, Clone)]
pub(super) struct Business {
    pub(super) id: u32,
    pub(super) category: usize,
    /// The name with its legal form, if it has one.
    pub(super) name: String,
    /// Index into the chains, for chain locations.
    pub(super) chain: Option<usize>,
    pub(super) store: u16,
    pub(super) home: Home,
    pub(super) new_home: Option<Home>,
    pub(super) phone: u64,
    pub(super) other_phone: Option<u64>,
}

/// A deterministic generator of business listings with the true
/// business of each. See the [module documentation](self).
///
/// # Examples
///
/// ```
/// use sameas::synthetic::shapes::BusinessGenerator;
///
/// let generator = BusinessGenerator::builder().seed(42).entities(300).build()?;
/// assert_eq!(generator.generate(), generator.generate());
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BusinessGenerator {
    settings: Settings,
}

seed_and_entities!(generator BusinessGenerator, BusinessGeneratorBuilder;
    /// A generator with the default settings: seed 1, 10,000 businesses
    /// (about 16,600 listings), the rates listed on
    /// [`BusinessGeneratorBuilder`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::BusinessGenerator;
    /// assert_eq!(BusinessGenerator::new().entities(), 10_000);
    /// ```
);

impl BusinessGenerator {
    /// Generates the two listing sources.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::BusinessGenerator;
    /// let data = BusinessGenerator::builder().entities(200).build()?.generate();
    /// assert!(data.record_count() >= 200);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn generate(&self) -> ShapeData {
        self.generate_with_truth().0
    }

    fn generate_with_truth(&self) -> (ShapeData, Vec<Business>) {
        let settings = &self.settings;
        let cities = UsCities::new(4);
        let businesses = businesses(settings, &cities);
        let mut writer = Writer {
            settings,
            cities: &cities,
            rng: Rng::new(settings.seed, WRITER_STREAM),
        };
        let mut drafts: Vec<Vec<Draft>> = vec![Vec::new(), Vec::new()];
        for business in &businesses {
            writer.write(business, &mut drafts);
        }
        let layouts = [
            SourceLayout {
                name: "directory",
                columns: &COLUMNS,
                duplicate_free: false,
            },
            SourceLayout {
                name: "reviews",
                columns: &COLUMNS,
                duplicate_free: false,
            },
        ];
        let data = ShapeData::assemble(
            Shape::Business,
            &FIELD_KINDS,
            &layouts,
            drafts,
            settings.entities,
            settings.seed,
        );
        (data, businesses)
    }
}

/// A chain: its category and name.
struct Chain {
    category: usize,
    name: String,
}

fn chains(rng: &mut Rng) -> Vec<Chain> {
    let mut chains = Vec::new();
    for (category, entry) in CATEGORIES.iter().enumerate() {
        for name in entry
            .chains
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            let mut name = name.to_string();
            if rng.chance(CHAIN_LEGAL_FORM_RATE) {
                name.push_str(if rng.chance(0.5) { " Inc." } else { " LLC" });
            }
            chains.push(Chain { category, name });
        }
    }
    // Big chains first, at random: the Zipf draw favours the head.
    for upper in (1..chains.len()).rev() {
        let other = rng.below(upper + 1);
        chains.swap(upper, other);
    }
    chains
}

/// Draws the businesses.
fn businesses(settings: &Settings, cities: &UsCities) -> Vec<Business> {
    let mut rng = Rng::new(settings.seed, BUSINESS_STREAM);
    let chains = chains(&mut rng);
    let chain_zipf = Zipf::new(chains.len(), 1);
    let words: Vec<NameWords> = CATEGORIES
        .iter()
        .map(|c| NameWords {
            patterns: Ranked::new(c.names, 3),
            adjectives: Ranked::new(c.adjectives, WORD_OFFSET),
            nouns: Ranked::new(c.nouns, WORD_OFFSET),
            surnames: Ranked::new(BUSINESS_SURNAMES, WORD_OFFSET),
            given: Ranked::new(BUSINESS_GIVEN, WORD_OFFSET),
        })
        .collect();
    let mut phones = BTreeSet::new();
    let mut stores = BTreeSet::new();
    let mut out = Vec::with_capacity(settings.entities);
    for id in 0..settings.entities as u32 {
        let city = cities.draw(&mut rng);
        let (category, name, chain) = if rng.chance(settings.chain_rate) && !chains.is_empty() {
            let index = chain_zipf.sample(&mut rng);
            let chain = chains.get(index);
            (
                chain.map_or(0, |c| c.category),
                chain.map_or_else(String::new, |c| c.name.clone()),
                Some(index),
            )
        } else {
            let category = rng.below(CATEGORIES.len());
            let mut name = words.get(category).map_or_else(String::new, |words| {
                words.name(cities.get(city).name, &mut rng)
            });
            if let Some(entry) = CATEGORIES.get(category) {
                if rng.below(100) < entry.legal_percent as usize {
                    let forms: Vec<&str> = entry.legal_forms.split(',').collect();
                    name.push(' ');
                    name.push_str(forms.get(rng.below(forms.len())).copied().unwrap_or("Inc."));
                }
            }
            (category, name, None)
        };
        let offices = CATEGORIES.get(category).is_some_and(|c| c.offices);
        let unit_rate = if offices { SUITE_RATE } else { 0.0 };
        let home = Home::draw_in(cities, city, unit_rate, &mut rng);
        let new_home = rng
            .chance(settings.move_rate)
            .then(|| Home::draw_in(cities, city, unit_rate, &mut rng));
        let area = cities.get(city).area;
        let phone = unique_phone(area, &mut phones, &mut rng);
        let other_phone = rng
            .chance(SECOND_LINE_RATE)
            .then(|| unique_phone(area, &mut phones, &mut rng));
        let store = match chain {
            Some(chain) => loop {
                let number = rng.between(1, 9_999) as u16;
                if stores.insert((chain, number)) {
                    break number;
                }
            },
            None => 0,
        };
        out.push(Business {
            id,
            category,
            name,
            chain,
            store,
            home,
            new_home,
            phone,
            other_phone,
        });
    }
    out
}

/// A category's name patterns and the words that fill them.
struct NameWords {
    patterns: Ranked,
    adjectives: Ranked,
    nouns: Ranked,
    surnames: Ranked,
    given: Ranked,
}

impl NameWords {
    /// A name: a pattern with `{A}`, `{N}`, `{S}`, `{F}` and `{C}` (the
    /// city) filled in; two surnames of one name differ.
    fn name(&self, city: &str, rng: &mut Rng) -> String {
        let pattern = self.patterns.draw(rng);
        let mut out = String::with_capacity(pattern.len() + 16);
        let mut surnames: Vec<&str> = Vec::new();
        let mut rest = pattern;
        while let Some(start) = rest.find('{') {
            out.push_str(rest.get(..start).unwrap_or(""));
            let token = rest.get(start..start + 3).unwrap_or("");
            match token {
                "{A}" => out.push_str(self.adjectives.draw(rng)),
                "{N}" => out.push_str(self.nouns.draw(rng)),
                "{S}" => {
                    let mut surname = self.surnames.draw(rng);
                    for _ in 0..10 {
                        if !surnames.contains(&surname) {
                            break;
                        }
                        surname = self.surnames.draw(rng);
                    }
                    surnames.push(surname);
                    out.push_str(surname);
                }
                "{F}" => out.push_str(self.given.draw(rng)),
                "{C}" => out.push_str(city),
                other => out.push_str(other),
            }
            rest = rest.get(start + token.len().max(1)..).unwrap_or("");
        }
        out.push_str(rest);
        out
    }
}

/// A phone number in `area` that no business has yet.
fn unique_phone(area: u16, taken: &mut BTreeSet<u64>, rng: &mut Rng) -> u64 {
    loop {
        let exchange = u64::from(rng.between(200, 999));
        let line = u64::from(rng.between(0, 9_999));
        let phone = u64::from(area) * 10_000_000 + exchange * 10_000 + line;
        if taken.insert(phone) {
            return phone;
        }
    }
}

/// Which listing site a record is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Site {
    Directory,
    Reviews,
}

/// Writes listings; holds the noise stream.
struct Writer<'a> {
    settings: &'a Settings,
    cities: &'a UsCities,
    rng: Rng,
}

impl Writer<'_> {
    fn write(&mut self, business: &Business, drafts: &mut [Vec<Draft>]) {
        let mut counts = [0usize; 2];
        if self.rng.chance(DIRECTORY_COVERAGE) {
            counts[0] = 1 + usize::from(self.rng.chance(DIRECTORY_DUPLICATE_RATE));
        }
        if self.rng.chance(REVIEWS_COVERAGE) {
            counts[1] = 1 + usize::from(self.rng.chance(REVIEWS_DUPLICATE_RATE));
        }
        if counts == [0, 0] {
            counts[usize::from(self.rng.chance(0.45))] = 1;
        }
        for ((site, count), out) in [Site::Directory, Site::Reviews]
            .into_iter()
            .zip(counts)
            .zip(drafts.iter_mut())
        {
            for _ in 0..count {
                let values = self.listing(business, site);
                out.push(Draft {
                    entity: business.id,
                    values,
                });
            }
        }
    }

    fn noisy(&mut self, rate: f64) -> bool {
        self.rng.chance(rate)
    }

    fn maybe(&mut self, value: String) -> Option<String> {
        (!self.noisy(self.settings.missing_rate)).then_some(value)
    }

    fn listing(&mut self, business: &Business, site: Site) -> Vec<Option<String>> {
        let settings = self.settings;
        let mut name = business.name.clone();
        if site == Site::Reviews {
            if let Some((stem, _)) = split_legal_form(&name) {
                if self.rng.chance(REVIEWS_DROP_LEGAL_FORM_RATE) {
                    name = stem.to_string();
                }
            }
            if name.contains(" & ") && self.rng.chance(REVIEWS_AND_RATE) {
                name = name.replacen(" & ", " and ", 1);
            }
        }
        if self.noisy(settings.name_variant_rate) {
            name = organisation_variant(&name, &mut self.rng);
        }
        if self.noisy(settings.typo_rate) {
            name = typo(&name, &mut self.rng);
        }
        if site == Site::Directory && business.chain.is_some() && self.rng.chance(STORE_NUMBER_RATE)
        {
            name.push_str(" #");
            push_number(&mut name, u32::from(business.store), 4);
        }

        let home = match business.new_home {
            Some(new_home) if self.rng.chance(NEW_ADDRESS_RATE) => new_home,
            _ => business.home,
        };
        let mut address = home.street_line(site == Site::Reviews);
        if home.unit > 0 {
            let format = match site {
                Site::Directory => ", Suite ",
                Site::Reviews => SUITE_FORMATS
                    .get(1 + self.rng.below(SUITE_FORMATS.len() - 1))
                    .copied()
                    .unwrap_or(" Ste "),
            };
            address.push_str(format);
            push_number(&mut address, u32::from(home.unit), 1);
        }
        if self.noisy(settings.typo_rate) {
            address = typo(&address, &mut self.rng);
        }

        let mut city = self.cities.get(usize::from(home.city)).name.to_string();
        if site == Site::Reviews && self.rng.chance(REVIEWS_CITY_VARIANT_RATE) {
            if let Some((_, other)) = CITY_VARIANTS.iter().find(|(name, _)| *name == city) {
                city = (*other).to_string();
            }
        }
        if self.noisy(settings.typo_rate) {
            city = typo(&city, &mut self.rng);
        }

        let number = match business.other_phone {
            Some(other) if self.noisy(settings.phone_change_rate) => other,
            _ => business.phone,
        };
        let area = number / 10_000_000;
        let exchange = number / 10_000 % 1_000;
        let line = number % 10_000;
        let phone = match site {
            Site::Directory => format!("({area:03}) {exchange:03}-{line:04}"),
            Site::Reviews if self.rng.chance(0.3) => {
                format!("+1 {area:03}-{exchange:03}-{line:04}")
            }
            Site::Reviews => format!("{area:03}-{exchange:03}-{line:04}"),
        };
        let category = CATEGORIES
            .get(business.category)
            .map_or("", |c| match site {
                Site::Directory => c.directory,
                Site::Reviews => c.reviews,
            });
        vec![
            Some(name),
            self.maybe(address),
            Some(city),
            self.maybe(phone),
            self.maybe(category.to_string()),
        ]
    }
}

/// Configures a [`BusinessGenerator`]; [`build`](Self::build) checks the
/// values.
///
/// | setter | default | what |
/// |---|---|---|
/// | [`chain_rate`](Self::chain_rate) | 0.20 | per business: a location of a chain |
/// | [`typo_rate`](Self::typo_rate) | 0.03 | per record: one typing error in the name, address and city, each |
/// | [`missing_rate`](Self::missing_rate) | 0.05 | per record: blank address, phone and category, each |
/// | [`name_variant_rate`](Self::name_variant_rate) | 0.10 | per record: the name written another way (beyond the site's habits) |
/// | [`phone_change_rate`](Self::phone_change_rate) | 0.10 | per record of a business with a second line (half of them): that line |
/// | [`move_rate`](Self::move_rate) | 0.05 | per business: relocated within its city; half its records show the new address |
///
/// # Examples
///
/// ```
/// use sameas::synthetic::shapes::BusinessGenerator;
/// let data = BusinessGenerator::builder().entities(300).chain_rate(0.0).build()?.generate();
/// assert_eq!(data.entity_count(), 300);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BusinessGeneratorBuilder {
    settings: Settings,
}

impl BusinessGeneratorBuilder {
    seed_and_entities!(builder BusinessGenerator);

    rate_setters!(BusinessGenerator;
        /// Share of businesses that are locations of a chain.
        chain_rate = 0.5;
        /// Probability of one typing error in a record's name, address and
        /// city, each.
        typo_rate = 0.5;
        /// Probability that a record's address, phone or category is
        /// blank, each.
        missing_rate = 0.5;
        /// Probability that a record writes the name another way: another
        /// legal form or none, `&` for `and`, capitals.
        name_variant_rate = 0.5;
        /// Probability that a record of a business with two lines gives
        /// the second.
        phone_change_rate = 0.5;
        /// Share of businesses that relocated within their city.
        move_rate = 0.5;
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
    /// use sameas::synthetic::shapes::BusinessGenerator;
    /// use sameas::BuildError;
    /// let err = BusinessGenerator::builder().chain_rate(f64::NAN).build().unwrap_err();
    /// assert!(matches!(err, BuildError::InvalidParameter { name: "chain_rate", .. }));
    /// ```
    pub fn build(&self) -> Result<BusinessGenerator, BuildError> {
        let settings = &self.settings;
        self.check_rates()?;
        Ok(BusinessGenerator {
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

    fn generate(builder: &BusinessGeneratorBuilder) -> (ShapeData, Vec<Business>) {
        builder
            .build()
            .expect("valid settings")
            .generate_with_truth()
    }

    fn records<'a>(
        data: &'a ShapeData,
        businesses: &'a [Business],
        source: &str,
    ) -> impl Iterator<Item = (&'a OwnedRecord, &'a Business)> {
        let source = data.source(source).expect("the source exists");
        source
            .records()
            .iter()
            .zip(source.entities())
            .map(|(record, &entity)| (record, &businesses[entity as usize]))
    }

    #[test]
    fn chains_share_a_name_at_many_addresses() {
        let (data, businesses) = generate(BusinessGenerator::builder().seed(5).entities(5_000));
        let in_chains = businesses.iter().filter(|b| b.chain.is_some()).count();
        assert_near(in_chains as f64 / 5_000.0, 0.2, 0.02);
        let mut by_name = BTreeMap::<&str, BTreeSet<u32>>::new();
        for business in &businesses {
            by_name
                .entry(&business.name)
                .or_default()
                .insert(business.id);
        }
        let largest = by_name.values().map(BTreeSet::len).max().unwrap();
        assert!(largest >= 100, "the largest chain has {largest} locations");
        // Several locations of one chain in one city.
        let mut per_city = BTreeMap::<(usize, u16), usize>::new();
        for business in businesses.iter().filter(|b| b.chain.is_some()) {
            *per_city
                .entry((business.chain.unwrap(), business.home.city))
                .or_default() += 1;
        }
        assert!(per_city.values().any(|&n| n >= 5));
        // Namesakes by coincidence among independent businesses.
        let independent: usize = by_name
            .iter()
            .filter(|(name, ids)| {
                ids.len() > 1
                    && businesses[*ids.first().unwrap() as usize].chain.is_none()
                    && !name.is_empty()
            })
            .count();
        assert!(independent > 50, "{independent} shared independent names");
        assert!(data.prepared_store().is_ok());
    }

    #[test]
    fn each_site_formats_its_own_way() {
        let (data, businesses) = generate(BusinessGenerator::builder().seed(6).entities(3_000));
        let mut legal_dropped = (0usize, 0usize);
        for (record, business) in records(&data, &businesses, "directory") {
            if let Some(phone) = record.field("phone") {
                assert!(phone.starts_with('(') && phone.len() == 14, "{phone}");
            }
            if let Some(category) = record.field("category") {
                assert_eq!(category, CATEGORIES[business.category].directory);
            }
        }
        for (record, business) in records(&data, &businesses, "reviews") {
            if let Some(phone) = record.field("phone") {
                assert!(!phone.starts_with('('), "{phone}");
            }
            if let Some(category) = record.field("category") {
                assert_eq!(category, CATEGORIES[business.category].reviews);
            }
            assert!(!record.field("name").unwrap().contains(" #"));
            if split_legal_form(&business.name).is_some() {
                legal_dropped.0 += 1;
                legal_dropped.1 +=
                    usize::from(split_legal_form(record.field("name").unwrap()).is_none());
            }
        }
        let dropped = legal_dropped.1 as f64 / legal_dropped.0 as f64;
        assert!((0.75..0.92).contains(&dropped), "{dropped}");
        let store = data.prepared_store().unwrap();
        assert_eq!(store.len(), data.record_count());
    }

    #[test]
    fn noise_rates_are_honoured() {
        let mut builder = BusinessGenerator::builder();
        builder
            .seed(7)
            .entities(6_000)
            .typo_rate(0.0)
            .name_variant_rate(0.0)
            .missing_rate(0.1)
            .phone_change_rate(0.4);
        let (data, businesses) = generate(&builder);
        let (mut with_line, mut other_line, mut records_seen, mut no_phone) = (0, 0, 0, 0);
        for (record, business) in records(&data, &businesses, "directory") {
            records_seen += 1;
            let Some(phone) = record.field("phone") else {
                no_phone += 1;
                continue;
            };
            let digits: u64 = phone
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .unwrap();
            if business.other_phone.is_some() {
                with_line += 1;
                other_line += usize::from(digits != business.phone);
            } else {
                assert_eq!(digits, business.phone);
            }
            // Without typos and variants the directory writes the true
            // name, with a store number now and then.
            let name = record.field("name").unwrap();
            let stem = name.split(" #").next().unwrap();
            assert_eq!(stem, business.name);
        }
        assert_near(no_phone as f64 / records_seen as f64, 0.1, 0.015);
        assert_near(other_line as f64 / with_line as f64, 0.4, 0.03);
    }

    #[test]
    fn every_business_is_listed_once_or_more() {
        let data = BusinessGenerator::builder()
            .seed(8)
            .entities(2_000)
            .build()
            .unwrap()
            .generate();
        let mut seen = vec![false; 2_000];
        for source in data.sources() {
            for &entity in source.entities() {
                seen[entity as usize] = true;
            }
        }
        assert!(seen.iter().all(|&s| s));
        let share = data.record_count() as f64 / 2_000.0;
        assert!((1.5..1.7).contains(&share), "{share} listings per business");
    }

    #[test]
    fn same_seed_same_bytes() {
        let mut builder = BusinessGenerator::builder();
        builder.seed(3).entities(2_000);
        let first = render(&builder.build().unwrap().generate());
        assert_eq!(first, render(&builder.build().unwrap().generate()));
        builder.seed(4);
        assert_ne!(first, render(&builder.build().unwrap().generate()));
    }
}
