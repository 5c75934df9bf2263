//! Patent inventor mentions: one record per inventor per patent, with
//! names and no identifier, e-mail or date.
//!
//! [`InventorGenerator`] draws inventors and the companies they work for,
//! files their patents in teams, then writes one mention per inventor per
//! patent into one source, `mentions`:
//!
//! | column | kind | value | noise (rates on [`InventorGeneratorBuilder`]) |
//! |---|---|---|---|
//! | `first_name` | given name | `Wei`, `Min-Jun`, `John A.` | per mention: a middle initial shown or not; a transliteration (`Hsiao-Ming` for `Xiaoming`, `Minjun` for `Min-Jun`, `Jose` for `José`); a typo; given and family name swapped |
//! | `last_name` | family name | `Zhang`, `Garcia Lopez` | per mention: a transliteration (`Chang`, `Satoh`, `Aggarwal`, `Mueller`); a typo; a Hispanic second surname shown in half the mentions |
//! | `city` | city | `Suwon`, `Bengaluru` | per mention: other spelling (`Bangalore`), typo, missing; changes when the inventor moves |
//! | `state` | category | `CA` (US only) | per mention: missing |
//! | `country` | country | `KR` | changes when the inventor moves abroad |
//! | `assignee` | organisation | `Kanto Electronics Co., Ltd.` | per patent (the same text in all its mentions): other legal form or none, `&`/`and`, capitals; typo; missing; changes when the inventor moves |
//! | `coinventors` | set | `Wei Zhang\|John A. Smith` | exactly the patent's other inventors, each written as in their own mention of it; empty on solo patents |
//! | `classes` | set | `H01L21/02\|H01L29/78` | per patent: one to four of the lead inventor's classes (those of the employer's field), now and then one from elsewhere; missing |
//! | `title` | text | `Method for forming gate structure` | per patent (shared by its mentions and by its continuations); shares only its field's words with other patents, though short titles (`Display panel`) recur |
//!
//! # The patents
//!
//! - Every mention is a seat on a patent of the inventor's employer at
//!   the time: a patent has one inventor with
//!   [`solo_rate`](InventorGeneratorBuilder::solo_rate), else a team of
//!   two to eight (mostly two to four), led by one inventor whose regular
//!   collaborators join it more often than other colleagues, mostly from
//!   the same site. Teams fill only seats their members have left, so each
//!   inventor keeps the number of mentions drawn for them (below); where a
//!   company has too few seats for a prolific inventor's patents, these
//!   are solo. About a third of patents are solo, 2.5 inventors per patent
//!   on average.
//! - About one patent family in twenty has a continuation (one in ten
//!   tries, where each member has a mention left): the same team files
//!   again under the same title and classes.
//! - So mentions of one patent (different people) share the title, the
//!   classes, the assignee and mostly the city, and each names the other
//!   in its co-inventors.
//!
//! # The inventors
//!
//! - Entity sizes are heavy-tailed: an inventor has `n` mentions with
//!   probability proportional to `1 / n²`, up to
//!   [`max_mentions`](InventorGeneratorBuilder::max_mentions) (300): about
//!   83 % have one to three, a few dozen per 10,000 have a hundred or more.
//!   Prolific inventors work for large companies more often.
//! - Names come from seven cultures (Chinese, Korean, Japanese, Indian,
//!   Hispanic, English, German) drawn by the country of the inventor's
//!   workplace, with a strong Zipf skew: many distinct inventors share
//!   `Wei Zhang`, `Min-Jun Kim`, `Hiroshi Sato`, `Rajesh Kumar`, `Jose
//!   Garcia`.
//! - About one company per 20 inventors, in ten countries and eight
//!   technology fields, with a Zipf-skewed size: the largest employs
//!   several hundred inventors per 10,000, many of them at one site, so
//!   colleagues with different names share assignee and city.
//! - A share of inventors ([`move_rate`](InventorGeneratorBuilder::move_rate))
//!   move once or twice during their career: to another company (in the
//!   same country, mostly) or another site of their employer. Their
//!   mentions change assignee, city and classes at the move.
//!
//! # Examples
//!
//! ```
//! use sameas::synthetic::shapes::InventorGenerator;
//! use sameas::FieldKind;
//!
//! let data = InventorGenerator::builder().seed(5).entities(1_000).build()?.generate();
//! assert_eq!(data.sources().len(), 1);
//! assert!(data.record_count() > 2_000); // about 3.8 mentions per inventor
//! assert!(data.fields().contains(&("coinventors", FieldKind::Set)));
//! # Ok::<(), sameas::Error>(())
//! ```

use std::collections::BTreeMap;

use super::lists::{
    COUNTRIES, ENGLISH, FIELDS, GERMAN, INVENTOR_CULTURES, KOREAN, TITLE_PATTERNS, US,
};
use super::spelling::{canonical, has_variant, organisation_variant, variant_of};
use super::{Draft, Ranked, Shape, ShapeData, SourceLayout, between};
use crate::error::BuildError;
use crate::rng::{Rng, Zipf};
use crate::schema::FieldKind;
use crate::synthetic::noise::typo;

/// The columns of the `mentions` source, in order.
const COLUMNS: [&str; 9] = [
    "first_name",
    "last_name",
    "city",
    "state",
    "country",
    "assignee",
    "coinventors",
    "classes",
    "title",
];

/// The columns with their kinds.
const FIELD_KINDS: [(&str, FieldKind); 9] = [
    ("first_name", FieldKind::GivenName),
    ("last_name", FieldKind::FamilyName),
    ("city", FieldKind::City),
    ("state", FieldKind::Category),
    ("country", FieldKind::Country),
    ("assignee", FieldKind::Organisation),
    ("coinventors", FieldKind::Set),
    ("classes", FieldKind::Set),
    ("title", FieldKind::Text),
];

const FIRST: usize = 0;
const LAST: usize = 1;
const CITY: usize = 2;
const STATE: usize = 3;
const COUNTRY: usize = 4;
const ASSIGNEE: usize = 5;
const COINVENTORS: usize = 6;
const CLASSES: usize = 7;
const TITLE: usize = 8;

/// The most mentions one inventor may be given.
pub const MAX_MENTIONS: usize = 10_000;

/// Inventors per company, on average.
const INVENTORS_PER_ASSIGNEE: usize = 20;
/// Share of movers who move a second time (if they have six or more
/// mentions).
const SECOND_MOVE_RATE: f64 = 0.3;
/// Share of moves that stay with the employer, at another site.
const SITE_MOVE_RATE: f64 = 0.3;
/// Share of mentions with a class from outside the inventor's field.
const STRAY_CLASS_RATE: f64 = 0.1;
/// Share of a Hispanic inventor's mentions that show the second surname.
const SECOND_FAMILY_SHOWN_RATE: f64 = 0.5;

/// Random-number streams.
const PEOPLE_STREAM: u64 = 1;
const WRITER_STREAM: u64 = 2;
const PATENT_STREAM: u64 = 3;

#[derive(Debug, Clone, PartialEq)]
struct Settings {
    seed: u64,
    entities: usize,
    max_mentions: usize,
    typo_rate: f64,
    transliteration_rate: f64,
    middle_initial_rate: f64,
    swap_rate: f64,
    move_rate: f64,
    missing_rate: f64,
    solo_rate: f64,
    assignee_variant_rate: f64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            seed: 1,
            entities: 10_000,
            max_mentions: 300,
            typo_rate: 0.02,
            transliteration_rate: 0.1,
            middle_initial_rate: 0.5,
            swap_rate: 0.01,
            move_rate: 0.3,
            missing_rate: 0.03,
            solo_rate: 0.15,
            assignee_variant_rate: 0.15,
        }
    }
}

/// A deterministic generator of inventor mentions with the true inventor
/// of each. See the [module documentation](self) for what it generates.
///
/// # Examples
///
/// ```
/// use sameas::synthetic::shapes::InventorGenerator;
///
/// let generator = InventorGenerator::builder().seed(42).entities(300).build()?;
/// let data = generator.generate();
/// assert_eq!(data.entity_count(), 300);
/// assert_eq!(data, generator.generate()); // same seed, same data
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct InventorGenerator {
    settings: Settings,
}

seed_and_entities!(generator InventorGenerator, InventorGeneratorBuilder;
    /// A generator with the default settings: seed 1, 10,000 inventors
    /// (about 39,000 mentions), the rates listed on
    /// [`InventorGeneratorBuilder`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::InventorGenerator;
    /// assert_eq!(InventorGenerator::new().entities(), 10_000);
    /// ```
);

impl InventorGenerator {
    /// Generates the mentions.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::InventorGenerator;
    /// let data = InventorGenerator::builder().entities(200).build()?.generate();
    /// assert!(data.record_count() >= 200); // every inventor has a mention
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn generate(&self) -> ShapeData {
        self.generate_with_truth().0
    }

    /// Generates the mentions and returns the true inventors too (for
    /// tests).
    fn generate_with_truth(&self) -> (ShapeData, World) {
        let settings = &self.settings;
        let world = World::new(settings);
        let mut writer = Writer {
            settings,
            world: &world,
            rng: Rng::new(settings.seed, WRITER_STREAM),
        };
        let patents = world.patents(settings, &mut Rng::new(settings.seed, PATENT_STREAM));
        let mut drafts = Vec::new();
        for patent in &patents {
            writer.write(patent, &mut drafts);
        }
        let layout = SourceLayout {
            name: "mentions",
            columns: &COLUMNS,
            duplicate_free: false,
        };
        let data = ShapeData::assemble(
            Shape::Inventors,
            &FIELD_KINDS,
            &[layout],
            vec![drafts],
            settings.entities,
            settings.seed,
        );
        (data, world)
    }
}

/// Configures an [`InventorGenerator`]; [`build`](Self::build) checks the
/// values.
///
/// Rates are probabilities in `[0, 1]`, per mention or patent as said:
///
/// | setter | default | what |
/// |---|---|---|
/// | [`max_mentions`](Self::max_mentions) | 300 | the most mentions of one inventor |
/// | [`typo_rate`](Self::typo_rate) | 0.02 | one typing error, per first name, last name, city (of a mention) and assignee (of a patent) |
/// | [`transliteration_rate`](Self::transliteration_rate) | 0.10 | another romanisation or spelling, per name and city that has one |
/// | [`middle_initial_rate`](Self::middle_initial_rate) | 0.50 | the middle initial shown, for inventors who have a middle name |
/// | [`swap_rate`](Self::swap_rate) | 0.01 | first and last name swapped |
/// | [`move_rate`](Self::move_rate) | 0.30 | per inventor with two or more mentions: moves once (30 % of movers with six or more mentions twice) |
/// | [`missing_rate`](Self::missing_rate) | 0.03 | blank, per city and state (of a mention), assignee and classes (of a patent) |
/// | [`solo_rate`](Self::solo_rate) | 0.15 | a patent without co-inventors, per patent (more come out solo where a company runs out of co-inventors) |
/// | [`assignee_variant_rate`](Self::assignee_variant_rate) | 0.15 | the assignee written another way, per patent |
///
/// # Examples
///
/// ```
/// use sameas::synthetic::shapes::InventorGenerator;
///
/// let data = InventorGenerator::builder()
///     .seed(3)
///     .entities(300)
///     .max_mentions(5)
///     .typo_rate(0.0)
///     .build()?
///     .generate();
/// assert!(data.largest_entity() <= 5);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct InventorGeneratorBuilder {
    settings: Settings,
}

impl InventorGeneratorBuilder {
    seed_and_entities!(builder InventorGenerator);

    /// The most mentions one inventor has, 1 to [`MAX_MENTIONS`]. Sizes
    /// follow `1 / n²` up to it.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::InventorGenerator;
    /// let data = InventorGenerator::builder().entities(100).max_mentions(1).build()?.generate();
    /// assert_eq!(data.record_count(), 100);
    /// assert!(InventorGenerator::builder().max_mentions(0).build().is_err());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn max_mentions(&mut self, max_mentions: usize) -> &mut Self {
        self.settings.max_mentions = max_mentions;
        self
    }

    rate_setters!(InventorGenerator;
        /// Probability of one typing error in the first name, the last
        /// name, the city and the assignee of a mention, each.
        typo_rate = 0.5;
        /// Probability that a name or city with another spelling is
        /// written that way (`Chang` for `Zhang`, `Minjun` for `Min-Jun`,
        /// `Bangalore` for `Bengaluru`).
        transliteration_rate = 0.5;
        /// Probability that a mention shows the inventor's middle initial,
        /// for inventors who have a middle name.
        middle_initial_rate = 0.5;
        /// Probability that first and last name are swapped.
        swap_rate = 0.5;
        /// Share of inventors with two or more mentions who move to
        /// another employer or site during their career.
        move_rate = 0.5;
        /// Probability that the city or state of a mention, the assignee
        /// or the classes of a patent are blank, each.
        missing_rate = 0.5;
        /// Probability that a patent has no co-inventor (more are solo
        /// where a company runs out of co-inventors).
        solo_rate = 0.5;
        /// Probability that a patent's assignee is written another way:
        /// another legal form or none, `&` for `and`, capitals.
        assignee_variant_rate = 0.5;
    );

    /// Checks the settings and builds the generator.
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidParameter`] naming the setter when a rate is not a
    /// probability in `[0, 1]` (NaN included), `entities` is 0 or above
    /// [`MAX_ENTITIES`](crate::synthetic::MAX_ENTITIES), or
    /// `max_mentions` is 0 or above [`MAX_MENTIONS`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::InventorGenerator;
    /// use sameas::BuildError;
    /// let err = InventorGenerator::builder().solo_rate(-0.1).build().unwrap_err();
    /// assert!(matches!(err, BuildError::InvalidParameter { name: "solo_rate", .. }));
    /// ```
    pub fn build(&self) -> Result<InventorGenerator, BuildError> {
        let settings = &self.settings;
        self.check_rates()?;
        if settings.max_mentions == 0 || settings.max_mentions > MAX_MENTIONS {
            return Err(BuildError::InvalidParameter {
                name: "max_mentions",
                reason: format!("must be 1 to {MAX_MENTIONS}, not {}", settings.max_mentions),
            });
        }
        Ok(InventorGenerator {
            settings: settings.clone(),
        })
    }
}

/// A city of a country: its entry (`Bangalore/Bengaluru`) and US state.
#[derive(Debug, Clone, Copy)]
struct City {
    entry: &'static str,
    state: &'static str,
}

/// The cities of a country, parsed from its list.
fn cities_of(country: usize) -> Vec<City> {
    let list = COUNTRIES.get(country).map_or("", |c| c.cities);
    list.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            // `City|ST/Other|ST`: the state follows the first spelling.
            let state = entry
                .split('/')
                .next()
                .and_then(|first| first.split_once('|'))
                .map_or("", |(_, state)| state);
            City { entry, state }
        })
        .collect()
}

/// A city entry's spellings without their states.
fn city_spellings(entry: &'static str) -> impl Iterator<Item = &'static str> {
    entry
        .split('/')
        .map(|part| part.split('|').next().unwrap_or(part).trim())
}

/// A company.
#[derive(Debug, Clone)]
pub(super) struct Assignee {
    pub(super) name: String,
    pub(super) country: usize,
    pub(super) field: usize,
    /// Indices into its country's cities; the first is the head office.
    pub(super) sites: Vec<usize>,
}

/// A part of a career: an employer, a site of it, a number of mentions.
#[derive(Debug, Clone)]
pub(super) struct Stint {
    pub(super) assignee: usize,
    /// Index into the assignee's sites.
    pub(super) site: usize,
    pub(super) mentions: usize,
    /// The inventor's classes at the time.
    pub(super) classes: Vec<&'static str>,
    /// Regular collaborators at the time (colleagues who join the
    /// inventor's patents more often), by inventor id.
    pub(super) team: Vec<u32>,
}

/// One true inventor.
#[derive(Debug, Clone)]
pub(super) struct Inventor {
    pub(super) id: u32,
    /// List entries (`Zhang/Chang`); [`canonical`] gives the name.
    pub(super) given: &'static str,
    pub(super) family: &'static str,
    pub(super) middle: Option<char>,
    pub(super) second_family: Option<&'static str>,
    pub(super) stints: Vec<Stint>,
}

impl Inventor {
    #[cfg(test)]
    pub(super) fn mentions(&self) -> usize {
        self.stints.iter().map(|stint| stint.mentions).sum()
    }
}

/// The true inventors and companies.
pub(super) struct World {
    pub(super) assignees: Vec<Assignee>,
    pub(super) inventors: Vec<Inventor>,
    cities: Vec<Vec<City>>,
}

impl World {
    fn new(settings: &Settings) -> World {
        let mut rng = Rng::new(settings.seed, PEOPLE_STREAM);
        let cities: Vec<Vec<City>> = (0..COUNTRIES.len()).map(cities_of).collect();
        let assignees = companies(settings.entities, &cities, &mut rng);
        let popularity = Zipf::new(assignees.len(), 2);
        let given: Vec<Ranked> = INVENTOR_CULTURES
            .iter()
            .map(|culture| Ranked::new(culture.given, 3))
            .collect();
        let family: Vec<Ranked> = INVENTOR_CULTURES
            .iter()
            .enumerate()
            .map(|(index, culture)| {
                let offset = match index {
                    ENGLISH => 12,
                    KOREAN => 2,
                    GERMAN => 5,
                    _ => 3,
                };
                Ranked::new(culture.family, offset)
            })
            .collect();
        let size_weights = (1..=settings.max_mentions as u64).map(|n| (1u64 << 50) / (n * n));
        let sizes = Zipf::weighted(size_weights);

        let mut inventors = Vec::with_capacity(settings.entities);
        for id in 0..settings.entities as u32 {
            let mentions = 1 + sizes.sample(&mut rng);
            let assignee = first_employer(&popularity, mentions, &mut rng);
            let site = first_site(&assignees, assignee, &mut rng);
            let country = assignees.get(assignee).map_or(US, |a| a.country);
            let culture = draw_culture(country, &mut rng);
            let names = INVENTOR_CULTURES.get(culture);
            let given_name = given.get(culture).map_or("", |list| list.draw(&mut rng));
            let family_name = family.get(culture).map_or("", |list| list.draw(&mut rng));
            let middle = names
                .filter(|names| rng.below(100) < names.middle_percent as usize)
                .map(|_| char::from(b'A' + rng.below(26) as u8));
            let second_family = names
                .filter(|names| rng.below(100) < names.second_family_percent as usize)
                .and_then(|_| family.get(culture))
                .map(|list| list.draw(&mut rng))
                .filter(|&second| second != family_name);
            let stints = career(
                settings,
                &assignees,
                &popularity,
                (assignee, site),
                mentions,
                &mut rng,
            );
            inventors.push(Inventor {
                id,
                given: given_name,
                family: family_name,
                middle,
                second_family,
                stints,
            });
        }
        let mut world = World {
            assignees,
            inventors,
            cities,
        };
        world.form_teams(&mut rng);
        world
    }

    /// Gives every stint a team: colleagues at the same site of the same
    /// company, else at another of its sites.
    fn form_teams(&mut self, rng: &mut Rng) {
        let mut by_site = BTreeMap::<(usize, usize), Vec<u32>>::new();
        let mut by_assignee = BTreeMap::<usize, Vec<u32>>::new();
        for inventor in &self.inventors {
            for stint in &inventor.stints {
                let site = by_site.entry((stint.assignee, stint.site)).or_default();
                if site.last() != Some(&inventor.id) {
                    site.push(inventor.id);
                }
                let company = by_assignee.entry(stint.assignee).or_default();
                if company.last() != Some(&inventor.id) {
                    company.push(inventor.id);
                }
            }
        }
        for inventor in &mut self.inventors {
            for stint in &mut inventor.stints {
                let size = between(rng, 2, 6);
                let empty = Vec::new();
                let site = by_site.get(&(stint.assignee, stint.site)).unwrap_or(&empty);
                let pool = if site.len() > 1 {
                    site
                } else {
                    by_assignee.get(&stint.assignee).unwrap_or(&empty)
                };
                stint.team = sample_others(pool, inventor.id, size, rng);
            }
        }
    }

    fn city(&self, country: usize, index: usize) -> City {
        self.cities
            .get(country)
            .and_then(|cities| cities.get(index))
            .copied()
            .unwrap_or(City {
                entry: "",
                state: "",
            })
    }
}

/// Up to `count` distinct members of `pool` other than `me`.
fn sample_others(pool: &[u32], me: u32, count: usize, rng: &mut Rng) -> Vec<u32> {
    let mut chosen: Vec<u32> = Vec::with_capacity(count);
    let available = pool.iter().filter(|&&id| id != me).count();
    let wanted = count.min(available);
    // Few draws against a large pool: rejection is fast; small pools are
    // walked in full.
    if available <= 4 * wanted {
        let mut others: Vec<u32> = pool.iter().copied().filter(|&id| id != me).collect();
        for _ in 0..wanted {
            let index = rng.below(others.len());
            chosen.push(others.swap_remove(index));
        }
    } else {
        while chosen.len() < wanted {
            let id = pool.get(rng.below(pool.len())).copied().unwrap_or(me);
            if id != me && !chosen.contains(&id) {
                chosen.push(id);
            }
        }
    }
    chosen
}

/// Draws the companies: country, field, a unique name, one to three
/// sites (four to six for the ten largest).
fn companies(entities: usize, cities: &[Vec<City>], rng: &mut Rng) -> Vec<Assignee> {
    let count = entities.div_ceil(INVENTORS_PER_ASSIGNEE).max(1);
    let countries = Zipf::weighted(COUNTRIES.iter().map(|c| u64::from(c.assignee_percent)));
    let mut taken = std::collections::BTreeSet::new();
    let mut assignees = Vec::with_capacity(count);
    for rank in 0..count {
        let country = countries.sample(rng);
        let field = rng.below(FIELDS.len());
        let name = company_name(country, field, rng, &mut taken);
        let home_cities = cities.get(country).map_or(1, Vec::len).max(1);
        let site_count = if rank < 10 {
            between(rng, 4, 6)
        } else {
            between(rng, 1, 3)
        };
        let mut sites = Vec::with_capacity(site_count);
        for _ in 0..site_count {
            let site = rng.below(home_cities);
            if !sites.contains(&site) {
                sites.push(site);
            }
        }
        assignees.push(Assignee {
            name,
            country,
            field,
            sites,
        });
    }
    assignees
}

/// `Stem Word Form`, unique among `taken` (a numbered division when the
/// combinations run out).
fn company_name(
    country: usize,
    field: usize,
    rng: &mut Rng,
    taken: &mut std::collections::BTreeSet<String>,
) -> String {
    let stems: Vec<&str> = COUNTRIES
        .get(country)
        .map_or("Acme", |c| c.stems)
        .split(',')
        .map(str::trim)
        .collect();
    let forms: Vec<&str> = COUNTRIES
        .get(country)
        .map_or("Inc.", |c| c.legal_forms)
        .split(',')
        .map(str::trim)
        .collect();
    // `Co., Ltd.` holds a comma: rejoin the pieces the split tore apart.
    let forms = rejoin_legal_forms(&forms);
    let words: Vec<&str> = FIELDS
        .get(field)
        .map_or("Industries", |f| f.company_words)
        .split(',')
        .map(str::trim)
        .collect();
    let mut name = String::new();
    for attempt in 0..50 {
        name.clear();
        name.push_str(stems.get(rng.below(stems.len())).copied().unwrap_or("Acme"));
        name.push(' ');
        name.push_str(
            words
                .get(rng.below(words.len()))
                .copied()
                .unwrap_or("Industries"),
        );
        if attempt >= 20 {
            name.push_str(" Division ");
            name.push_str(&(attempt - 19).to_string());
        }
        name.push(' ');
        name.push_str(
            forms
                .get(rng.below(forms.len()))
                .map_or("Inc.", String::as_str),
        );
        if taken.insert(name.clone()) {
            return name;
        }
    }
    // Fifty collisions: number it by the count of companies so far.
    name.push_str(" No. ");
    name.push_str(&taken.len().to_string());
    taken.insert(name.clone());
    name
}

/// Joins `Co.` + `Ltd.` (split at the comma of `Co., Ltd.`) back into one
/// legal form.
fn rejoin_legal_forms(pieces: &[&str]) -> Vec<String> {
    let mut forms: Vec<String> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match forms.last_mut() {
            Some(last) if *piece == "Ltd." && last.ends_with("Co.") => {
                last.push_str(", Ltd.");
            }
            _ => forms.push((*piece).to_string()),
        }
    }
    forms
}

/// An inventor's first employer: prolific inventors work for large
/// companies more often (the most popular of two or three draws), which
/// also gives their many patents co-inventors.
fn first_employer(popularity: &Zipf, mentions: usize, rng: &mut Rng) -> usize {
    let draws = match mentions {
        0..10 => 1,
        10..50 => 2,
        _ => 3,
    };
    (0..draws)
        .map(|_| popularity.sample(rng))
        .min()
        .unwrap_or(0)
}

/// The site an inventor starts at: the head office 60 % of the time.
fn first_site(assignees: &[Assignee], assignee: usize, rng: &mut Rng) -> usize {
    let sites = assignees.get(assignee).map_or(1, |a| a.sites.len()).max(1);
    if sites == 1 || rng.chance(0.6) {
        0
    } else {
        1 + rng.below(sites - 1)
    }
}

/// A culture for an inventor working in `country`.
fn draw_culture(country: usize, rng: &mut Rng) -> usize {
    let shares = COUNTRIES.get(country).map_or([0; 7], |c| c.cultures);
    let total: u32 = shares.iter().sum();
    let mut roll = rng.below(total.max(1) as usize) as u32;
    for (culture, &share) in shares.iter().enumerate() {
        if roll < share {
            return culture;
        }
        roll -= share;
    }
    ENGLISH
}

/// An inventor's stints: one, or two or three for movers, splitting
/// `mentions` at random points.
fn career(
    settings: &Settings,
    assignees: &[Assignee],
    popularity: &Zipf,
    start: (usize, usize),
    mentions: usize,
    rng: &mut Rng,
) -> Vec<Stint> {
    let moves = if mentions >= 2 && rng.chance(settings.move_rate) {
        if mentions >= 6 && rng.chance(SECOND_MOVE_RATE) {
            2
        } else {
            1
        }
    } else {
        0
    };
    let mut cuts: Vec<usize> = Vec::with_capacity(moves);
    while cuts.len() < moves {
        let cut = between(rng, 1, mentions - 1);
        if !cuts.contains(&cut) {
            cuts.push(cut);
        }
    }
    cuts.sort_unstable();
    cuts.push(mentions);
    let field_classes = |field: usize, rng: &mut Rng| -> Vec<&'static str> {
        let all: Vec<&'static str> = FIELDS
            .get(field)
            .map_or("", |f| f.classes)
            .split(',')
            .map(str::trim)
            .collect();
        let count = between(rng, 3, 6).min(all.len());
        let mut pool = all;
        let mut chosen = Vec::with_capacity(count);
        for _ in 0..count {
            let index = rng.below(pool.len());
            chosen.push(pool.swap_remove(index));
        }
        chosen
    };
    let mut stints = Vec::with_capacity(cuts.len());
    let (mut assignee, mut site) = start;
    let mut done = 0;
    let mut classes = field_classes(assignees.get(assignee).map_or(0, |a| a.field), rng);
    for (index, &cut) in cuts.iter().enumerate() {
        if index > 0 {
            let previous = assignee;
            let sites = assignees.get(previous).map_or(1, |a| a.sites.len());
            if sites > 1 && rng.chance(SITE_MOVE_RATE) {
                let mut next = rng.below(sites - 1);
                if next >= site {
                    next += 1;
                }
                site = next;
            } else {
                assignee = new_employer(assignees, popularity, previous, rng);
                site = first_site(assignees, assignee, rng);
                let old_field = assignees.get(previous).map(|a| a.field);
                let new_field = assignees.get(assignee).map(|a| a.field);
                if old_field != new_field {
                    classes = field_classes(new_field.unwrap_or(0), rng);
                }
            }
        }
        stints.push(Stint {
            assignee,
            site,
            mentions: cut - done,
            classes: classes.clone(),
            team: Vec::new(),
        });
        done = cut;
    }
    stints
}

/// Another company, in the same country four times out of five.
fn new_employer(assignees: &[Assignee], popularity: &Zipf, from: usize, rng: &mut Rng) -> usize {
    if assignees.len() < 2 {
        return from;
    }
    let country = assignees.get(from).map(|a| a.country);
    let same_country = rng.chance(0.8);
    let mut candidate = from;
    for _ in 0..50 {
        candidate = popularity.sample(rng);
        if candidate != from
            && (!same_country || assignees.get(candidate).map(|a| a.country) == country)
        {
            return candidate;
        }
    }
    if candidate == from {
        (from + 1) % assignees.len()
    } else {
        candidate
    }
}

/// One patent family: a team at one company and how many patents it
/// filed under one title (a continuation or divisional repeats the
/// title, the classes and the team).
#[derive(Debug, Clone)]
pub(super) struct Patent {
    /// The inventors with the index of the stint each is in; the first
    /// leads (the patent's classes are the lead's).
    pub(super) members: Vec<(u32, usize)>,
    /// One, or more with continuations.
    pub(super) copies: usize,
}

/// Team sizes two to eight: weights (per hundred non-solo patents).
const TEAM_SIZE_WEIGHTS: [usize; 7] = [40, 26, 14, 8, 5, 4, 3];
/// Share of a patent's co-inventors drawn from the lead's regular
/// collaborators (the stint's team) while they have patents left; the
/// rest are any inventors of the company, mostly at the same site.
const COLLABORATOR_RATE: f64 = 0.6;
/// Probability that a patent family gets one more patent (a
/// continuation), while every member has a mention left.
const CONTINUATION_RATE: f64 = 0.1;
/// Probability that a co-inventor drawn at another site of the company
/// is seated (a patent whose inventors live in different cities).
const OTHER_SITE_RATE: f64 = 0.2;
/// The most patents in one family.
const MAX_COPIES: usize = 3;
/// Draws spent looking for a free co-inventor at the site, per seat.
const SEAT_DRAWS: usize = 8;

impl World {
    /// Groups every mention into patents: each stint's mentions are seats
    /// on patents filed by its employer, so every inventor keeps exactly
    /// the number of mentions drawn for them.
    fn patents(&self, settings: &Settings, rng: &mut Rng) -> Vec<Patent> {
        let mut left: Vec<Vec<usize>> = self
            .inventors
            .iter()
            .map(|inventor| inventor.stints.iter().map(|s| s.mentions).collect())
            .collect();
        // One entry per seat, by company; an entry whose stint has no seat
        // left was taken as a co-inventor and is skipped.
        let mut seats = BTreeMap::<usize, Vec<(u32, usize)>>::new();
        for inventor in &self.inventors {
            for (index, stint) in inventor.stints.iter().enumerate() {
                let pool = seats.entry(stint.assignee).or_default();
                pool.extend(std::iter::repeat_n((inventor.id, index), stint.mentions));
            }
        }
        let mut patents = Vec::new();
        for pool in seats.values_mut() {
            shuffle(pool, rng);
            let mut live = pool.len();
            while let Some((lead, index)) = pool.pop() {
                if !take(&mut left, (lead, index)) {
                    continue;
                }
                if 2 * live < pool.len() {
                    // Mostly taken seats: drop them, so that draws find
                    // the free ones.
                    let mut kept = BTreeMap::<(u32, usize), usize>::new();
                    pool.retain(|&seat| {
                        let count = kept.entry(seat).or_default();
                        *count += 1;
                        *count <= seats_left(&left, seat)
                    });
                }
                let size = team_size(settings.solo_rate, rng);
                let mut members = vec![(lead, index)];
                self.add_collaborators(&mut members, size, &mut left, rng);
                let site = self.stint((lead, index)).map(|stint| stint.site);
                let mut draws = 0;
                while members.len() < size && draws < SEAT_DRAWS * size && !pool.is_empty() {
                    draws += 1;
                    let seat = pool
                        .get(rng.below(pool.len()))
                        .copied()
                        .unwrap_or((lead, index));
                    let here = self.stint(seat).map(|stint| stint.site) == site;
                    if (here || rng.chance(OTHER_SITE_RATE))
                        && !members.iter().any(|&(id, _)| id == seat.0)
                        && take(&mut left, seat)
                    {
                        members.push(seat);
                    }
                }
                let mut copies = 1;
                while copies < MAX_COPIES
                    && rng.chance(CONTINUATION_RATE)
                    && members
                        .iter()
                        .all(|&(id, stint)| seats_left(&left, (id, stint)) > 0)
                {
                    for &member in &members {
                        take(&mut left, member);
                    }
                    copies += 1;
                }
                live = live.saturating_sub(members.len() * copies);
                patents.push(Patent { members, copies });
            }
        }
        patents
    }

    /// The stint of a seat.
    fn stint(&self, (id, index): (u32, usize)) -> Option<&Stint> {
        self.inventors
            .get(id as usize)
            .and_then(|inventor| inventor.stints.get(index))
    }

    /// Seats the lead's regular collaborators (at the same company, with
    /// a mention left) on the patent, each with [`COLLABORATOR_RATE`].
    fn add_collaborators(
        &self,
        members: &mut Vec<(u32, usize)>,
        size: usize,
        left: &mut [Vec<usize>],
        rng: &mut Rng,
    ) {
        let Some(&(lead, index)) = members.first() else {
            return;
        };
        let Some(stint) = self.stint((lead, index)) else {
            return;
        };
        let team = &stint.team;
        let start = rng.below(team.len().max(1));
        for offset in 0..team.len() {
            if members.len() >= size {
                break;
            }
            let Some(&mate) = team.get((start + offset) % team.len()) else {
                continue;
            };
            if !rng.chance(COLLABORATOR_RATE) || members.iter().any(|&(id, _)| id == mate) {
                continue;
            }
            let seat = self.inventors.get(mate as usize).and_then(|colleague| {
                colleague
                    .stints
                    .iter()
                    .enumerate()
                    .position(|(i, s)| {
                        s.assignee == stint.assignee && seats_left(left, (mate, i)) > 0
                    })
                    .map(|i| (mate, i))
            });
            if let Some(seat) = seat {
                take(left, seat);
                members.push(seat);
            }
        }
    }
}

/// The mentions a stint has not yet placed on a patent.
fn seats_left(left: &[Vec<usize>], (id, stint): (u32, usize)) -> usize {
    left.get(id as usize)
        .and_then(|stints| stints.get(stint))
        .copied()
        .unwrap_or(0)
}

/// Places one of the stint's mentions; false when none is left.
fn take(left: &mut [Vec<usize>], (id, stint): (u32, usize)) -> bool {
    match left
        .get_mut(id as usize)
        .and_then(|stints| stints.get_mut(stint))
    {
        Some(count) if *count > 0 => {
            *count -= 1;
            true
        }
        _ => false,
    }
}

/// A patent's team size: one with `solo_rate`, else two to eight by
/// [`TEAM_SIZE_WEIGHTS`].
fn team_size(solo_rate: f64, rng: &mut Rng) -> usize {
    if rng.chance(solo_rate) {
        return 1;
    }
    let total: usize = TEAM_SIZE_WEIGHTS.iter().sum();
    let mut roll = rng.below(total);
    for (offset, &weight) in TEAM_SIZE_WEIGHTS.iter().enumerate() {
        if roll < weight {
            return 2 + offset;
        }
        roll -= weight;
    }
    2
}

/// Fisher-Yates.
fn shuffle<T>(items: &mut [T], rng: &mut Rng) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
}

/// A mention's own values: the inventor's name and place as written on
/// one patent.
struct Written {
    first: String,
    last: String,
    city: Option<String>,
    state: Option<String>,
}

/// Writes mentions; holds the noise stream.
struct Writer<'a> {
    settings: &'a Settings,
    world: &'a World,
    rng: Rng,
}

impl Writer<'_> {
    /// Writes a patent family: each patent's mentions share its title,
    /// classes and assignee as written; each lists the other members'
    /// names as written on that patent.
    fn write(&mut self, patent: &Patent, out: &mut Vec<Draft>) {
        let world = self.world;
        let settings = self.settings;
        let Some(&(lead, lead_stint)) = patent.members.first() else {
            return;
        };
        let Some(stint) = world
            .inventors
            .get(lead as usize)
            .and_then(|inventor| inventor.stints.get(lead_stint))
        else {
            return;
        };
        let Some(assignee) = world.assignees.get(stint.assignee) else {
            return;
        };
        let title = FIELDS.get(assignee.field).map(|field| self.title(field));
        let classes = self.classes(stint);
        for _ in 0..patent.copies {
            let mut company = assignee.name.clone();
            if self.noisy(settings.assignee_variant_rate) {
                company = organisation_variant(&company, &mut self.rng);
            }
            if self.noisy(settings.typo_rate) {
                company = typo(&company, &mut self.rng);
            }
            let company = (!self.noisy(settings.missing_rate)).then_some(company);
            let written: Vec<(u32, Written)> = patent
                .members
                .iter()
                .filter_map(|&(id, index)| {
                    let inventor = world.inventors.get(id as usize)?;
                    let stint = inventor.stints.get(index)?;
                    Some((id, self.mention(inventor, stint)))
                })
                .collect();
            for (me, (id, mention)) in written.iter().enumerate() {
                let others: Vec<String> = written
                    .iter()
                    .enumerate()
                    .filter(|&(other, _)| other != me)
                    .map(|(_, (_, other))| format!("{} {}", other.first, other.last))
                    .collect();
                let mut values: Vec<Option<String>> = vec![None; COLUMNS.len()];
                values[FIRST] = Some(mention.first.clone());
                values[LAST] = Some(mention.last.clone());
                values[CITY] = mention.city.clone();
                values[STATE] = mention.state.clone();
                values[COUNTRY] = COUNTRIES.get(assignee.country).map(|c| c.code.to_string());
                values[ASSIGNEE] = company.clone();
                values[COINVENTORS] = (!others.is_empty()).then(|| others.join("|"));
                values[CLASSES] = classes.clone();
                values[TITLE] = title.clone();
                out.push(Draft {
                    entity: *id,
                    values,
                });
            }
        }
    }

    fn noisy(&mut self, rate: f64) -> bool {
        self.rng.chance(rate)
    }

    /// A name as written: a transliteration now and then, a typo.
    fn name(&mut self, entry: &'static str) -> String {
        let settings = self.settings;
        let mut name = if has_variant(entry) && self.noisy(settings.transliteration_rate) {
            variant_of(entry, &mut self.rng)
        } else {
            canonical(entry).to_string()
        };
        if self.noisy(settings.typo_rate) {
            name = typo(&name, &mut self.rng);
        }
        name
    }

    /// One inventor's name and place on one patent, with this mention's
    /// noise.
    fn mention(&mut self, inventor: &Inventor, stint: &Stint) -> Written {
        let settings = self.settings;
        let world = self.world;
        let mut first = self.name(inventor.given);
        if let Some(middle) = inventor.middle {
            if self.noisy(settings.middle_initial_rate) {
                first.push(' ');
                first.push(middle);
                if self.rng.chance(0.8) {
                    first.push('.');
                }
            }
        }
        let mut last = self.name(inventor.family);
        if let Some(second) = inventor.second_family {
            if self.rng.chance(SECOND_FAMILY_SHOWN_RATE) {
                last.push(' ');
                last.push_str(&self.name(second));
            }
        }
        if self.noisy(settings.swap_rate) {
            std::mem::swap(&mut first, &mut last);
        }
        let mut written = Written {
            first,
            last,
            city: None,
            state: None,
        };
        let Some(assignee) = world.assignees.get(stint.assignee) else {
            return written;
        };
        let city_index = assignee.sites.get(stint.site).copied().unwrap_or(0);
        let city = world.city(assignee.country, city_index);
        let spellings: Vec<&str> = city_spellings(city.entry).collect();
        let canonical_city = spellings.first().copied().unwrap_or("");
        let mut city_name = if spellings.len() > 1 && self.noisy(settings.transliteration_rate) {
            let index = 1 + self.rng.below(spellings.len() - 1);
            spellings.get(index).copied().unwrap_or(canonical_city)
        } else {
            canonical_city
        }
        .to_string();
        if self.noisy(settings.typo_rate) {
            city_name = typo(&city_name, &mut self.rng);
        }
        if !self.noisy(settings.missing_rate) {
            written.city = Some(city_name);
        }
        if !city.state.is_empty() && !self.noisy(settings.missing_rate) {
            written.state = Some(city.state.to_string());
        }
        written
    }

    /// A patent's classes: one to four of the lead's, now and then one
    /// from another field; blank with the missing rate.
    fn classes(&mut self, stint: &Stint) -> Option<String> {
        let count = between(&mut self.rng, 1, stint.classes.len().clamp(1, 4));
        let mut pool = stint.classes.clone();
        let mut classes = Vec::with_capacity(count + 1);
        for _ in 0..count.min(pool.len()) {
            let index = self.rng.below(pool.len());
            classes.push(pool.swap_remove(index));
        }
        if self.rng.chance(STRAY_CLASS_RATE) {
            let other = FIELDS
                .get(self.rng.below(FIELDS.len()))
                .map_or("", |f| f.classes);
            let codes: Vec<&'static str> = other.split(',').map(str::trim).collect();
            let code = codes
                .get(self.rng.below(codes.len()))
                .copied()
                .unwrap_or("");
            if !code.is_empty() && !classes.contains(&code) {
                classes.push(code);
            }
        }
        classes.sort_unstable();
        (!self.noisy(self.settings.missing_rate)).then(|| classes.join("|"))
    }

    /// A patent title from the field's words.
    fn title(&mut self, field: &super::lists::Field) -> String {
        let patterns: Vec<&str> = TITLE_PATTERNS.split(',').collect();
        let nouns: Vec<&str> = field.nouns.split(',').map(str::trim).collect();
        let actions: Vec<&str> = field.actions.split(',').map(str::trim).collect();
        let pattern = patterns
            .get(self.rng.below(patterns.len()))
            .copied()
            .unwrap_or("{N}");
        let noun = nouns
            .get(self.rng.below(nouns.len()))
            .copied()
            .unwrap_or("device");
        let mut other = nouns
            .get(self.rng.below(nouns.len()))
            .copied()
            .unwrap_or("method");
        if other == noun {
            other = nouns.first().copied().unwrap_or("method");
        }
        let action = actions
            .get(self.rng.below(actions.len()))
            .copied()
            .unwrap_or("making");
        let title = pattern
            .trim()
            .replace("{N}", noun)
            .replace("{n}", noun)
            .replace("{m}", other)
            .replace("{a}", action);
        // Sentence case, as patent offices print titles.
        let mut chars = title.chars();
        let mut sentence = String::with_capacity(title.len());
        if let Some(first) = chars.next() {
            sentence.extend(first.to_uppercase());
        }
        sentence.push_str(chars.as_str());
        sentence
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::record::Record;
    use crate::synthetic::shapes::tests::{assert_near, render};

    fn generate(builder: &InventorGeneratorBuilder) -> (ShapeData, World) {
        builder
            .build()
            .expect("valid settings")
            .generate_with_truth()
    }

    fn quiet() -> InventorGeneratorBuilder {
        let mut builder = InventorGenerator::builder();
        builder
            .seed(21)
            .entities(4_000)
            .typo_rate(0.0)
            .transliteration_rate(0.0)
            .swap_rate(0.0)
            .missing_rate(0.0)
            .assignee_variant_rate(0.0);
        builder
    }

    /// Each mention with its inventor.
    fn mentions<'a>(
        data: &'a ShapeData,
        world: &'a World,
    ) -> impl Iterator<Item = (&'a crate::OwnedRecord, &'a Inventor)> {
        let source = &data.sources()[0];
        source
            .records()
            .iter()
            .zip(source.entities())
            .map(|(record, &entity)| (record, &world.inventors[entity as usize]))
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_data() {
        let mut builder = InventorGenerator::builder();
        builder.seed(8).entities(1_500);
        let first = render(&builder.build().unwrap().generate());
        assert_eq!(first, render(&builder.build().unwrap().generate()));
        builder.seed(9);
        assert_ne!(first, render(&builder.build().unwrap().generate()));
    }

    #[test]
    fn sizes_are_heavy_tailed() {
        let (data, world) = generate(InventorGenerator::builder().seed(4).entities(10_000));
        let sizes: Vec<usize> = world.inventors.iter().map(Inventor::mentions).collect();
        assert_eq!(sizes.iter().sum::<usize>(), data.record_count());
        let small = sizes.iter().filter(|&&n| n <= 3).count() as f64 / sizes.len() as f64;
        assert_near(small, 0.83, 0.02);
        let large = sizes.iter().filter(|&&n| n >= 100).count();
        assert!(
            (10..=60).contains(&large),
            "{large} inventors with 100+ mentions"
        );
        assert_eq!(data.largest_entity(), *sizes.iter().max().unwrap());
        assert!(data.largest_entity() <= 300);
        let mean = data.record_count() as f64 / 10_000.0;
        assert!((3.0..4.6).contains(&mean), "{mean} mentions per inventor");
    }

    #[test]
    fn namesakes_are_many() {
        let (data, world) = generate(&quiet());
        let mut by_name = BTreeMap::<String, BTreeSet<u32>>::new();
        for (record, inventor) in mentions(&data, &world) {
            let first = record.field("first_name").unwrap();
            let first = first.split(' ').next().unwrap();
            let name = format!("{first} {}", record.field("last_name").unwrap());
            by_name.entry(name).or_default().insert(inventor.id);
        }
        let shared: Vec<usize> = by_name
            .values()
            .map(BTreeSet::len)
            .filter(|&n| n > 1)
            .collect();
        let inventors_with_namesake: usize = shared.iter().sum();
        assert!(
            inventors_with_namesake > 1_000,
            "{inventors_with_namesake} of 4,000 inventors share their name"
        );
        assert!(*shared.iter().max().unwrap() >= 10);
        for culture in ["Wei Wang", "Min-Jun Kim", "Rajesh Kumar"] {
            assert!(
                by_name.get(culture).is_some_and(|ids| ids.len() >= 2),
                "{culture}"
            );
        }
    }

    #[test]
    fn colleagues_share_assignee_and_city_but_not_names() {
        let (data, world) = generate(&quiet());
        let mut by_place = BTreeMap::<(String, String), BTreeSet<u32>>::new();
        for (record, inventor) in mentions(&data, &world) {
            let key = (
                record.field("assignee").unwrap().to_string(),
                record.field("city").unwrap().to_string(),
            );
            by_place.entry(key).or_default().insert(inventor.id);
        }
        let largest = by_place.values().map(BTreeSet::len).max().unwrap();
        assert!(largest >= 100, "largest site has {largest} inventors");
        // Team members are other inventors at the same company.
        for inventor in &world.inventors {
            for stint in &inventor.stints {
                assert!(!stint.team.contains(&inventor.id));
                for &member in &stint.team {
                    let colleague = &world.inventors[member as usize];
                    assert!(
                        colleague
                            .stints
                            .iter()
                            .any(|s| s.assignee == stint.assignee)
                    );
                }
            }
        }
    }

    /// The patents the generator files for `builder`'s settings.
    fn patents(builder: &InventorGeneratorBuilder) -> (World, Vec<Patent>) {
        let settings = &builder.build().expect("valid settings").settings;
        let world = World::new(settings);
        let patents = world.patents(settings, &mut Rng::new(settings.seed, PATENT_STREAM));
        (world, patents)
    }

    #[test]
    fn patents_seat_every_mention_once_in_teams_of_one_company() {
        let (world, patents) = patents(InventorGenerator::builder().seed(4).entities(10_000));
        let mut seated = BTreeMap::<(u32, usize), usize>::new();
        let (mut solo, mut seats, mut continued) = (0usize, 0usize, 0usize);
        for patent in &patents {
            let members = &patent.members;
            let ids: BTreeSet<u32> = members.iter().map(|&(id, _)| id).collect();
            assert_eq!(ids.len(), members.len(), "an inventor twice on a patent");
            assert!((1..=8).contains(&members.len()));
            let company = world.stint(members[0]).unwrap().assignee;
            for &member in members {
                assert_eq!(world.stint(member).unwrap().assignee, company);
                *seated.entry(member).or_default() += patent.copies;
            }
            assert!((1..=MAX_COPIES).contains(&patent.copies));
            solo += usize::from(members.len() == 1);
            seats += members.len();
            continued += usize::from(patent.copies > 1);
        }
        // Every inventor keeps the mentions drawn for them.
        for inventor in &world.inventors {
            for (index, stint) in inventor.stints.iter().enumerate() {
                let got = seated.get(&(inventor.id, index)).copied().unwrap_or(0);
                assert_eq!(got, stint.mentions);
            }
        }
        let count = patents.len() as f64;
        let solo = solo as f64 / count;
        assert!((0.2..0.4).contains(&solo), "{solo} solo patents");
        let team = seats as f64 / count;
        assert!((2.2..2.9).contains(&team), "{team} inventors per patent");
        // Continuations need a mention left for every member.
        let continued = continued as f64 / count;
        assert!(
            (0.02..CONTINUATION_RATE).contains(&continued),
            "{continued}"
        );
    }

    #[test]
    fn mentions_of_a_patent_share_it_and_name_each_other() {
        let (data, _) = generate(&quiet());
        // Mentions by what their patent gives them all.
        let mut by_patent = BTreeMap::<Vec<Option<&str>>, Vec<&crate::OwnedRecord>>::new();
        for record in data.sources()[0].records() {
            let key = ["title", "assignee", "classes"].map(|field| record.field(field));
            by_patent.entry(key.to_vec()).or_default().push(record);
        }
        let name = |record: &crate::OwnedRecord| {
            format!(
                "{} {}",
                record.field("first_name").unwrap(),
                record.field("last_name").unwrap()
            )
        };
        let names = |record: &crate::OwnedRecord| -> BTreeSet<String> {
            record
                .field("coinventors")
                .map(|list| list.split('|').map(str::to_string).collect())
                .unwrap_or_default()
        };
        let (mut named, mut solo) = (0usize, 0usize);
        for mentions in by_patent.values() {
            for &record in mentions {
                let mine = names(record);
                solo += usize::from(mine.is_empty());
                for other in &mine {
                    // The co-inventor's own mention of the patent names
                    // this one back.
                    assert!(
                        mentions.iter().any(
                            |&them| name(them) == *other && names(them).contains(&name(record))
                        ),
                        "a co-inventor without their mention"
                    );
                    named += 1;
                }
            }
        }
        assert!(named > 10_000, "{named}");
        let solo = solo as f64 / data.record_count() as f64;
        assert!((0.08..0.2).contains(&solo), "{solo} of mentions solo");
    }

    #[test]
    fn coinventor_sets_of_one_inventor_overlap_partly() {
        let (data, world) = generate(&quiet());
        let mut sets = BTreeMap::<u32, Vec<BTreeSet<String>>>::new();
        for (record, inventor) in mentions(&data, &world) {
            if let Some(list) = record.field("coinventors") {
                sets.entry(inventor.id)
                    .or_default()
                    .push(list.split('|').map(str::to_string).collect());
            }
        }
        let (mut pairs, mut overlapping, mut identical) = (0usize, 0usize, 0usize);
        for mentions in sets.values() {
            for (i, a) in mentions.iter().enumerate() {
                for b in &mentions[i + 1..] {
                    pairs += 1;
                    // Names without middle initials.
                    let strip = |set: &BTreeSet<String>| -> BTreeSet<String> {
                        set.iter()
                            .map(|name| {
                                name.split(' ')
                                    .filter(|part| part.chars().count() > 2)
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            })
                            .collect()
                    };
                    let (a, b) = (strip(a), strip(b));
                    if a == b {
                        identical += 1;
                    } else if a.intersection(&b).next().is_some() {
                        overlapping += 1;
                    }
                }
            }
        }
        let overlapping = overlapping as f64 / pairs as f64;
        let identical = identical as f64 / pairs as f64;
        eprintln!("{overlapping} overlap partly, {identical} identical");
        assert!(overlapping > 0.3, "{overlapping} overlap partly");
        assert!(identical < 0.2, "{identical} identical");
    }

    #[test]
    fn typo_and_transliteration_rates_are_honoured() {
        let mut builder = quiet();
        builder.typo_rate(0.2);
        let (data, world) = generate(&builder);
        let (mut plain, mut typed) = (0usize, 0usize);
        for (record, inventor) in mentions(&data, &world) {
            if inventor.second_family.is_none() {
                plain += 1;
                typed += usize::from(record.field("last_name") != Some(canonical(inventor.family)));
            }
        }
        assert_near(typed as f64 / plain as f64, 0.2, 0.02);

        let mut builder = quiet();
        builder.transliteration_rate(0.3);
        let (data, world) = generate(&builder);
        let (mut eligible, mut varied) = (0usize, 0usize);
        for (record, inventor) in mentions(&data, &world) {
            if has_variant(inventor.family) && inventor.second_family.is_none() {
                eligible += 1;
                varied +=
                    usize::from(record.field("last_name") != Some(canonical(inventor.family)));
            }
        }
        assert!(eligible > 3_000, "{eligible}");
        assert_near(varied as f64 / eligible as f64, 0.3, 0.03);
    }

    #[test]
    fn middle_initials_come_and_go() {
        let (data, world) = generate(&quiet());
        let (mut eligible, mut shown) = (0usize, 0usize);
        for (record, inventor) in mentions(&data, &world) {
            let first = record.field("first_name").unwrap();
            match inventor.middle {
                Some(_) => {
                    eligible += 1;
                    shown += usize::from(first.contains(' '));
                }
                None => assert_eq!(first, canonical(inventor.given)),
            }
        }
        assert!(eligible > 2_000, "{eligible}");
        assert_near(shown as f64 / eligible as f64, 0.5, 0.03);
    }

    #[test]
    fn movers_change_assignee_or_site() {
        let (data, world) = generate(&quiet());
        let eligible: Vec<&Inventor> = world
            .inventors
            .iter()
            .filter(|i| i.mentions() >= 2)
            .collect();
        let movers = eligible.iter().filter(|i| i.stints.len() > 1).count();
        assert_near(movers as f64 / eligible.len() as f64, 0.3, 0.03);
        for inventor in &eligible {
            for pair in inventor.stints.windows(2) {
                assert!(pair[0].assignee != pair[1].assignee || pair[0].site != pair[1].site);
            }
        }
        // A mover's mentions show more than one assignee.
        let mut places = BTreeMap::<u32, BTreeSet<String>>::new();
        for (record, inventor) in mentions(&data, &world) {
            let place = format!("{:?}{:?}", record.field("assignee"), record.field("city"));
            places.entry(inventor.id).or_default().insert(place);
        }
        let moved = eligible.iter().filter(|i| places[&i.id].len() > 1).count();
        assert!(moved as f64 >= 0.8 * movers as f64, "{moved} of {movers}");
    }

    #[test]
    fn missing_and_assignee_variants() {
        let mut builder = quiet();
        builder.missing_rate(0.1).assignee_variant_rate(0.3);
        let (data, world) = generate(&builder);
        let total = data.record_count() as f64;
        let (mut missing, mut varied) = (0usize, 0usize);
        for (record, inventor) in mentions(&data, &world) {
            match record.field("assignee") {
                None => missing += 1,
                Some(name) => {
                    let truth = inventor
                        .stints
                        .iter()
                        .any(|s| world.assignees[s.assignee].name == name);
                    varied += usize::from(!truth);
                }
            }
        }
        assert_near(missing as f64 / total, 0.1, 0.01);
        assert_near(varied as f64 / (total - missing as f64), 0.3, 0.02);
    }

    #[test]
    fn every_column_is_filled_as_documented() {
        let (data, _) = generate(InventorGenerator::builder().seed(2).entities(500));
        let source = &data.sources()[0];
        assert_eq!(source.columns(), COLUMNS);
        for record in source.records() {
            assert!(record.fields().all(|(name, _)| COLUMNS.contains(&name)));
            let country = record.field("country").unwrap();
            if record.field("state").is_some() {
                assert_eq!(country, "US");
            }
            if let Some(classes) = record.field("classes") {
                assert!((1..=5).contains(&classes.split('|').count()));
            }
            assert!(!record.field("title").unwrap().is_empty());
        }
        assert!(data.prepared_store().is_ok());
    }

    #[test]
    fn bad_parameters_are_rejected_by_name() {
        for (builder, name) in [
            (InventorGenerator::builder().entities(0).clone(), "entities"),
            (
                InventorGenerator::builder().max_mentions(0).clone(),
                "max_mentions",
            ),
            (
                InventorGenerator::builder()
                    .max_mentions(MAX_MENTIONS + 1)
                    .clone(),
                "max_mentions",
            ),
            (
                InventorGenerator::builder().typo_rate(f64::NAN).clone(),
                "typo_rate",
            ),
            (
                InventorGenerator::builder().move_rate(2.0).clone(),
                "move_rate",
            ),
        ] {
            assert!(
                matches!(builder.build(), Err(BuildError::InvalidParameter { name: got, .. }) if got == name),
                "{name}"
            );
        }
    }

    #[test]
    fn one_inventor_and_single_mentions() {
        let data = InventorGenerator::builder()
            .entities(1)
            .build()
            .unwrap()
            .generate();
        assert!(data.record_count() >= 1);
        let data = InventorGenerator::builder()
            .entities(50)
            .max_mentions(1)
            .build()
            .unwrap()
            .generate();
        assert_eq!(data.true_pair_count(), 0);
    }
}
