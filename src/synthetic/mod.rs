//! Synthetic person records with known truth, for tests, benchmarks and
//! examples: measure blocking recall and pairwise precision, recall and
//! F1 on 10,000 to 1,000,000 records.
//!
//! Available with the `synthetic` feature (off by default):
//! `sameas = { version = "…", features = ["synthetic"] }`, perhaps under
//! `[dev-dependencies]` only.
//!
//! [`PeopleGenerator`] draws entities (people) and writes each into a
//! random subset of four sources, the way a company's systems would:
//!
//! | source | fields | habits |
//! |---|---|---|
//! | `crm` | all eight | `1985-03-04`, `+1 555 010 2030`, `Street` in full; duplicates |
//! | `newsletter` | `email`, `given`, `family` in 40 % | one record per person: duplicate-free |
//! | `support` | `given`, `family`, `email`, `phone` | names swapped in 10 %, `(555) 010-2030`; duplicates |
//! | `web` | all eight | `3/4/85`, `555.010.2030`; 30 % of names lower/upper case, 30 % without diacritics, 50 % `St`, 10 % of fields blank, typos at the typo rate even on originals; duplicates |
//!
//! The fields are `given`, `family`, `dob`, `email`, `phone`, `address`,
//! `city` and `postcode` ([`SyntheticData::schema`] gives their kinds);
//! a field a source does not have is simply not set.
//!
//! # The people
//!
//! - Names are drawn with a Zipf-like skew, so namesakes (two James
//!   Smiths) and big blocks occur as in real files. 85 % are English / US
//!   names (a fifth of their family names composed from parts, the long
//!   tail of rare names), 15 % German, French, Spanish, Polish, Nordic,
//!   Italian, Dutch, Turkish, Vietnamese, Chinese (romanised) and Indian,
//!   with their diacritics (Müller, José, Łukasz, Søren, Nguyễn). Given
//!   names match the person's gender.
//! - Households: a share of people live with others, sharing family
//!   name, address and (in half the households) the landline, but not
//!   given name and date of birth; 5 % of children are twins. They are
//!   the classic false-match trap.
//! - Every person has a unique e-mail address built from the name
//!   (`kelly.neal@…`, `kneal85@…`), a second address used now and then,
//!   a unique US phone number with their city's area code, a date of
//!   birth between 1930 and 2006, an address in one of 88 US cities, and
//!   possibly a new address they moved to.
//!
//! # The records
//!
//! An entity's first record (in source order) is its original: it shows
//! only its source's habits. Every later record is a duplicate and picks
//! up noise at the configured rates (see [`PeopleGeneratorBuilder`] for
//! each rate and its default): typing errors (insert, delete, keyboard
//! substitution, transposition), missing values, given and family names
//! swapped, nicknames (`Bill` for `William`), initials (`K.`), titles and
//! suffixes (`Dr.`, `Jr.`), case and stray spaces, lost diacritics
//! (`Muller`, `Mueller`), other date and phone formats, wrong dates (day
//! and month swapped, a day or a year off), a wrong last phone digit,
//! e-mail variants (`+tag`, case, Gmail dots), a different e-mail, the
//! new address of a moved person, abbreviated street types, ZIP+4 and
//! ZIP codes that lost their leading zero.
//!
//! Records of a source come shuffled, with ids `crm-000001`,
//! `crm-000002`, …, so neither position nor id says which entity a record
//! belongs to; [`SyntheticSource::entities`] does.
//!
//! # Determinism
//!
//! The same settings give the same data, byte for byte, on every machine:
//! the generator uses its own SplitMix64 stream, integer arithmetic for
//! its distributions, and no hash-map iteration.
//!
//! # Examples
//!
//! Generate a small data set, ingest it and check a candidate pair
//! against the truth:
//!
//! ```
//! use sameas::synthetic::{PeopleGenerator, SyntheticData};
//! use sameas::{PreparedStore, Record};
//!
//! let data = PeopleGenerator::builder().seed(7).entities(1_000).build()?.generate();
//! assert_eq!(data.entity_count(), 1_000);
//! assert_eq!(data.sources().len(), 4);
//!
//! let store = data.prepared_store()?;
//! assert_eq!(store.len(), data.record_count());
//!
//! // The store numbers records as the data set's global indices do.
//! let (a, b) = data.true_pairs().next().expect("some entity has two records");
//! assert!(data.is_true_pair(a, b));
//! let in_store = store.records().nth(b).map(|record| record.id());
//! assert_eq!(in_store, data.record(b).and_then(|record| record.id()).as_deref());
//!
//! // Score a blocking rule: same normalised e-mail.
//! let email = store.schema().field_id("email")?;
//! let mut by_email = std::collections::BTreeMap::<&str, Vec<usize>>::new();
//! for record in store.records() {
//!     if let Some(address) = record.text(email) {
//!         by_email.entry(address).or_default().push(record.index().get());
//!     }
//! }
//! let found = by_email
//!     .values()
//!     .flat_map(|block| {
//!         block.iter().enumerate().flat_map(move |(i, &x)| block[i + 1..].iter().map(move |&y| (x, y)))
//!     })
//!     .filter(|&(x, y)| data.is_true_pair(x, y))
//!     .count() as f64;
//! let recall = found / data.true_pair_count() as f64;
//! assert!(recall > 0.3 && recall < 0.95, "recall {recall}");
//! # Ok::<(), sameas::Error>(())
//! ```

mod names;
mod noise;
mod population;
pub mod shapes;
mod truth;
mod writer;

use crate::error::{BuildError, Result, StoreError};
use crate::id::SourceId;
use crate::normalize::PhoneNormalizer;
use crate::prepare::{PrepareOptions, PreparedStore};
use crate::record::OwnedRecord;
use crate::schema::{FieldKind, Schema};

use crate::rng::Rng;
use population::{Person, Population, push_number};
use truth::{GeneratedData, GeneratedSource};
use writer::{Draft, Writer};

/// How many fields a synthetic record can have.
const FIELD_COUNT: usize = 8;

/// The field names, in the order of [`SyntheticData::schema`].
const FIELD_NAMES: [&str; FIELD_COUNT] = [
    "given", "family", "dob", "email", "phone", "address", "city", "postcode",
];

/// The most entities a generator makes (entity ids are `u32`, and the
/// records must fit a [`PreparedStore`]).
pub const MAX_ENTITIES: usize = 10_000_000;

/// One of the four synthetic sources.
///
/// # Examples
///
/// ```
/// use sameas::synthetic::SourceKind;
///
/// assert_eq!(SourceKind::Crm.name(), "crm");
/// assert!(SourceKind::Newsletter.is_duplicate_free());
/// assert_eq!(SourceKind::Support.fields(), ["given", "family", "email", "phone"]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SourceKind {
    /// The customer database: every field, tidy formats, duplicates.
    Crm,
    /// A mailing list: e-mail, given name, sometimes the family name; one
    /// record per person.
    Newsletter,
    /// Support tickets: names (sometimes swapped), e-mail, phone.
    Support,
    /// Web sign-up forms: every field, messy.
    Web,
}

impl SourceKind {
    /// Every source, in output order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::SourceKind;
    /// assert_eq!(SourceKind::ALL[3], SourceKind::Web);
    /// ```
    pub const ALL: [SourceKind; 4] = [
        SourceKind::Crm,
        SourceKind::Newsletter,
        SourceKind::Support,
        SourceKind::Web,
    ];

    /// The source's name, also the prefix of its record ids.
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Crm => "crm",
            SourceKind::Newsletter => "newsletter",
            SourceKind::Support => "support",
            SourceKind::Web => "web",
        }
    }

    /// Whether the source holds each entity at most once.
    pub fn is_duplicate_free(self) -> bool {
        self == SourceKind::Newsletter
    }

    /// The fields the source may set (a record may still miss some).
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            SourceKind::Crm | SourceKind::Web => &FIELD_NAMES,
            SourceKind::Newsletter => &["given", "family", "email"],
            SourceKind::Support => &["given", "family", "email", "phone"],
        }
    }

    fn index(self) -> usize {
        match self {
            SourceKind::Crm => 0,
            SourceKind::Newsletter => 1,
            SourceKind::Support => 2,
            SourceKind::Web => 3,
        }
    }
}

/// Everything a generator is configured with.
#[derive(Debug, Clone, PartialEq)]
struct Settings {
    seed: u64,
    entities: usize,
    typo_rate: f64,
    missing_rate: f64,
    swap_rate: f64,
    nickname_rate: f64,
    initial_rate: f64,
    title_rate: f64,
    case_rate: f64,
    date_error_rate: f64,
    phone_typo_rate: f64,
    email_variant_rate: f64,
    email_change_rate: f64,
    format_rate: f64,
    move_rate: f64,
    household_rate: f64,
    international_rate: f64,
    coverage: [f64; 4],
    duplicate_rate: [f64; 4],
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            seed: 1,
            entities: 10_000,
            typo_rate: 0.05,
            missing_rate: 0.05,
            swap_rate: 0.02,
            nickname_rate: 0.15,
            initial_rate: 0.03,
            title_rate: 0.03,
            case_rate: 0.05,
            date_error_rate: 0.03,
            phone_typo_rate: 0.03,
            email_variant_rate: 0.1,
            email_change_rate: 0.05,
            format_rate: 0.2,
            move_rate: 0.1,
            household_rate: 0.2,
            international_rate: 0.15,
            coverage: [0.7, 0.4, 0.3, 0.5],
            duplicate_rate: [0.2, 0.0, 0.15, 0.3],
        }
    }
}

/// A deterministic generator of person records in several sources, with
/// the true entity of every record. See the [module documentation](self)
/// for what it generates.
///
/// # Examples
///
/// ```
/// use sameas::synthetic::PeopleGenerator;
///
/// let generator = PeopleGenerator::builder().seed(42).entities(500).build()?;
/// let data = generator.generate();
/// assert_eq!(data.entity_count(), 500);
/// assert_eq!(data, generator.generate()); // same seed, same data
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PeopleGenerator {
    settings: Settings,
}

impl Default for PeopleGenerator {
    fn default() -> PeopleGenerator {
        PeopleGenerator::new()
    }
}

impl PeopleGenerator {
    /// A generator with the default settings: seed 1, 10,000 entities, the
    /// rates listed on [`PeopleGeneratorBuilder`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::PeopleGenerator;
    /// let generator = PeopleGenerator::new();
    /// assert_eq!((generator.seed(), generator.entities()), (1, 10_000));
    /// ```
    pub fn new() -> PeopleGenerator {
        PeopleGenerator {
            settings: Settings::default(),
        }
    }

    /// A builder, starting from the defaults.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::PeopleGenerator;
    /// let generator = PeopleGenerator::builder().entities(100).build()?;
    /// assert_eq!(generator.entities(), 100);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn builder() -> PeopleGeneratorBuilder {
        PeopleGeneratorBuilder {
            settings: Settings::default(),
        }
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.settings.seed
    }

    /// How many entities [`generate`](Self::generate) makes.
    pub fn entities(&self) -> usize {
        self.settings.entities
    }

    /// Generates the data set. With the default rates each entity has
    /// about 2.4 records (1,000,000 entities give about 2.4 million).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::PeopleGenerator;
    /// let data = PeopleGenerator::builder().entities(200).build()?.generate();
    /// assert!(data.record_count() >= 200); // every entity has a record
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn generate(&self) -> SyntheticData {
        self.generate_observing(|_| {})
    }

    /// Generates, showing each true entity to `observe` (for tests).
    fn generate_observing(&self, mut observe: impl FnMut(&Person)) -> SyntheticData {
        let settings = &self.settings;
        let mut population = Population::new(settings);
        let mut writer = Writer::new(settings);
        let mut drafts: [Vec<Draft>; 4] = Default::default();
        let mut household = Vec::with_capacity(4);
        let mut remaining = settings.entities;
        while remaining > 0 {
            household.clear();
            population.next_household(remaining, &mut household);
            if household.is_empty() {
                break;
            }
            remaining = remaining.saturating_sub(household.len());
            for person in &household {
                writer.write_person(person, &population, &mut drafts);
                observe(person);
            }
        }
        let sources = SourceKind::ALL
            .into_iter()
            .zip(drafts)
            .map(|(kind, drafts)| SyntheticSource::from_drafts(kind, drafts, settings.seed))
            .collect();
        SyntheticData {
            sources,
            entity_count: settings.entities,
        }
    }
}

/// Configures a [`PeopleGenerator`]; [`build`](Self::build) checks the
/// values.
///
/// Rates are probabilities in `[0, 1]`. Unless said otherwise they apply
/// to each duplicate record (never to an entity's original record), per
/// field where a field is named:
///
/// | setter | default | what |
/// |---|---|---|
/// | [`typo_rate`](Self::typo_rate) | 0.05 | one typing error, per name, e-mail, address and city field |
/// | [`missing_rate`](Self::missing_rate) | 0.05 | a field left blank, per field |
/// | [`swap_rate`](Self::swap_rate) | 0.02 | given and family names swapped |
/// | [`nickname_rate`](Self::nickname_rate) | 0.15 | a nickname (English names that have one) |
/// | [`initial_rate`](Self::initial_rate) | 0.03 | the given name as an initial, `K.` |
/// | [`title_rate`](Self::title_rate) | 0.03 | a title (`Dr. Kelly`) or suffix (`Neal Jr.`) |
/// | [`case_rate`](Self::case_rate) | 0.05 | upper, lower case or stray spaces, per name and address field |
/// | [`date_error_rate`](Self::date_error_rate) | 0.03 | a wrong date of birth (day/month swapped, a day or year off) |
/// | [`phone_typo_rate`](Self::phone_typo_rate) | 0.03 | a wrong last phone digit |
/// | [`email_variant_rate`](Self::email_variant_rate) | 0.10 | `+tag`, case, Gmail dots or `googlemail.com` |
/// | [`email_change_rate`](Self::email_change_rate) | 0.05 | the person's other e-mail address |
/// | [`format_rate`](Self::format_rate) | 0.20 | another date, phone, street type or postcode format, diacritics lost |
/// | [`move_rate`](Self::move_rate) | 0.10 | per household: it moved; half of its later records show the new address |
/// | [`household_rate`](Self::household_rate) | 0.20 | per entity: it shares a household with others |
/// | [`international_rate`](Self::international_rate) | 0.15 | per household: non-English names |
/// | [`coverage`](Self::coverage) | crm 0.7, newsletter 0.4, support 0.3, web 0.5 | per entity: it is in the source |
/// | [`duplicate_rate`](Self::duplicate_rate) | crm 0.2, newsletter 0, support 0.15, web 0.3 | each further record in a source (geometric, at most 8 more) |
///
/// # Examples
///
/// ```
/// use sameas::synthetic::{PeopleGenerator, SourceKind};
///
/// let mut builder = PeopleGenerator::builder();
/// builder.seed(3).entities(300).typo_rate(0.2).coverage(SourceKind::Support, 0.0);
/// let data = builder.build()?.generate();
/// assert!(data.source(SourceKind::Support).records().is_empty());
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PeopleGeneratorBuilder {
    settings: Settings,
}

/// Defines a rate setter with its doc comment and example.
macro_rules! rate_setter {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// # Examples
        ///
        /// ```
        /// use sameas::synthetic::PeopleGenerator;
        #[doc = concat!("let generator = PeopleGenerator::builder().", stringify!($name), "(0.5).build()?;")]
        /// assert_eq!(generator.entities(), 10_000);
        #[doc = concat!("assert!(PeopleGenerator::builder().", stringify!($name), "(1.5).build().is_err());")]
        /// # Ok::<(), sameas::Error>(())
        /// ```
        pub fn $name(&mut self, rate: f64) -> &mut Self {
            self.settings.$name = rate;
            self
        }
    };
}

impl PeopleGeneratorBuilder {
    /// The seed: the same seed and settings give the same data.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::PeopleGenerator;
    /// let a = PeopleGenerator::builder().seed(1).entities(50).build()?.generate();
    /// let b = PeopleGenerator::builder().seed(2).entities(50).build()?.generate();
    /// assert_ne!(a, b);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn seed(&mut self, seed: u64) -> &mut Self {
        self.settings.seed = seed;
        self
    }

    /// How many entities (people) to generate, 1 to [`MAX_ENTITIES`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::PeopleGenerator;
    /// assert_eq!(PeopleGenerator::builder().entities(20).build()?.generate().entity_count(), 20);
    /// assert!(PeopleGenerator::builder().entities(0).build().is_err());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn entities(&mut self, entities: usize) -> &mut Self {
        self.settings.entities = entities;
        self
    }

    rate_setter!(
        /// Probability of one typing error in each name, e-mail, address
        /// and city field of a duplicate (web records: of every record).
        typo_rate
    );
    rate_setter!(
        /// Probability that a field of a duplicate is left blank.
        missing_rate
    );
    rate_setter!(
        /// Probability that a duplicate has given and family name swapped.
        swap_rate
    );
    rate_setter!(
        /// Probability that a duplicate gives a nickname (`Bill` for
        /// `William`), for English names that have one.
        nickname_rate
    );
    rate_setter!(
        /// Probability that a duplicate gives only the initial (`K.`).
        initial_rate
    );
    rate_setter!(
        /// Probability that a duplicate adds a title (`Dr.`, `Mrs.`) to
        /// the given name or a suffix (`Jr.`, `III`) to the family name.
        title_rate
    );
    rate_setter!(
        /// Probability that a name or address field of a duplicate is in
        /// upper or lower case or has stray spaces.
        case_rate
    );
    rate_setter!(
        /// Probability that a duplicate has a wrong date of birth: day and
        /// month swapped, or a day or a year off.
        date_error_rate
    );
    rate_setter!(
        /// Probability that a duplicate has the last phone digit wrong.
        phone_typo_rate
    );
    rate_setter!(
        /// Probability that a duplicate writes the e-mail differently but
        /// equivalently: a `+tag`, other case, Gmail dots, `googlemail.com`.
        email_variant_rate
    );
    rate_setter!(
        /// Probability that a duplicate gives the person's other e-mail
        /// address.
        email_change_rate
    );
    rate_setter!(
        /// Probability that a duplicate departs from its source's formats:
        /// another date and phone format, street type abbreviated, ZIP+4
        /// or a lost leading zero, diacritics dropped.
        format_rate
    );
    rate_setter!(
        /// Probability that a household moved: half of its members' later
        /// records show the new address, city and postcode.
        move_rate
    );
    rate_setter!(
        /// Share of entities that live with others (same family name and
        /// address, often the same phone).
        household_rate
    );
    rate_setter!(
        /// Share of households with non-English names.
        international_rate
    );

    /// Probability that an entity appears in `source` (an entity no coin
    /// flip placed anywhere goes to one source, chosen in proportion to
    /// coverage, so every entity has a record). 0 leaves the source empty.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::{PeopleGenerator, SourceKind};
    /// let data = PeopleGenerator::builder()
    ///     .entities(100)
    ///     .coverage(SourceKind::Web, 0.0)
    ///     .build()?
    ///     .generate();
    /// assert!(data.source(SourceKind::Web).is_empty());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn coverage(&mut self, source: SourceKind, probability: f64) -> &mut Self {
        self.set_coverage(source, probability)
    }

    /// Every entity in `source` alone (coverage 1 there, 0 elsewhere): one
    /// source with its own fields, for deduplication runs.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::{PeopleGenerator, SourceKind};
    /// let data = PeopleGenerator::builder().entities(100).only(SourceKind::Crm).build()?.generate();
    /// assert!(data.source(SourceKind::Crm).len() >= 100);
    /// assert!(data.source(SourceKind::Web).is_empty());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn only(&mut self, source: SourceKind) -> &mut Self {
        for kind in SourceKind::ALL {
            self.set_coverage(kind, if kind == source { 1.0 } else { 0.0 });
        }
        self
    }

    fn set_coverage(&mut self, source: SourceKind, probability: f64) -> &mut Self {
        if let Some(slot) = self.settings.coverage.get_mut(source.index()) {
            *slot = probability;
        }
        self
    }

    /// Probability of each further record of an entity in `source`, once
    /// it has one (so `p / (1 - p)` extra records on average, at most 8).
    /// Must be 0 for the duplicate-free newsletter.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::{PeopleGenerator, SourceKind};
    /// let data = PeopleGenerator::builder()
    ///     .entities(100)
    ///     .duplicate_rate(SourceKind::Crm, 0.0)
    ///     .build()?
    ///     .generate();
    /// let crm = data.source(SourceKind::Crm);
    /// let mut entities = crm.entities().to_vec();
    /// entities.sort_unstable();
    /// entities.dedup();
    /// assert_eq!(entities.len(), crm.len());
    /// assert!(PeopleGenerator::builder().duplicate_rate(SourceKind::Newsletter, 0.1).build().is_err());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn duplicate_rate(&mut self, source: SourceKind, probability: f64) -> &mut Self {
        if let Some(slot) = self.settings.duplicate_rate.get_mut(source.index()) {
            *slot = probability;
        }
        self
    }

    /// Sets every noise rate (not coverage, duplicates, households,
    /// moves or the international share) to 0: duplicates are exact
    /// copies apart from their source's habits.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::{PeopleGenerator, SourceKind};
    /// use sameas::Record;
    /// let data = PeopleGenerator::builder().entities(300).without_noise().build()?.generate();
    /// let crm = data.source(SourceKind::Crm);
    /// assert!(crm.records().iter().all(|r| r.field("dob").is_some_and(|d| d.len() == 10)));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn without_noise(&mut self) -> &mut Self {
        let settings = &mut self.settings;
        for rate in [
            &mut settings.typo_rate,
            &mut settings.missing_rate,
            &mut settings.swap_rate,
            &mut settings.nickname_rate,
            &mut settings.initial_rate,
            &mut settings.title_rate,
            &mut settings.case_rate,
            &mut settings.date_error_rate,
            &mut settings.phone_typo_rate,
            &mut settings.email_variant_rate,
            &mut settings.email_change_rate,
            &mut settings.format_rate,
        ] {
            *rate = 0.0;
        }
        self
    }

    /// Checks the settings and builds the generator.
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidParameter`] naming the setter when a rate is not a
    /// probability in `[0, 1]` (NaN included), `entities` is 0 or above
    /// [`MAX_ENTITIES`], a duplicate rate is 1 (or above) or set for the
    /// newsletter, or every coverage is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::PeopleGenerator;
    /// use sameas::BuildError;
    ///
    /// let err = PeopleGenerator::builder().typo_rate(f64::NAN).build().unwrap_err();
    /// assert!(matches!(err, BuildError::InvalidParameter { name: "typo_rate", .. }));
    /// assert_eq!(err.to_string(), "invalid parameter `typo_rate`: must be a probability in [0, 1], not NaN");
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn build(&self) -> Result<PeopleGenerator, BuildError> {
        let settings = &self.settings;
        let rates = [
            ("typo_rate", settings.typo_rate),
            ("missing_rate", settings.missing_rate),
            ("swap_rate", settings.swap_rate),
            ("nickname_rate", settings.nickname_rate),
            ("initial_rate", settings.initial_rate),
            ("title_rate", settings.title_rate),
            ("case_rate", settings.case_rate),
            ("date_error_rate", settings.date_error_rate),
            ("phone_typo_rate", settings.phone_typo_rate),
            ("email_variant_rate", settings.email_variant_rate),
            ("email_change_rate", settings.email_change_rate),
            ("format_rate", settings.format_rate),
            ("move_rate", settings.move_rate),
            ("household_rate", settings.household_rate),
            ("international_rate", settings.international_rate),
        ];
        check_settings(settings.entities, &rates)?;
        for kind in SourceKind::ALL {
            let index = kind.index();
            let coverage = settings.coverage.get(index).copied().unwrap_or(0.0);
            check_probability("coverage", coverage, kind.name())?;
            let duplicates = settings.duplicate_rate.get(index).copied().unwrap_or(0.0);
            check_probability("duplicate_rate", duplicates, kind.name())?;
            if duplicates >= 1.0 {
                return Err(BuildError::InvalidParameter {
                    name: "duplicate_rate",
                    reason: format!("{} must be below 1, not {duplicates}", kind.name()),
                });
            }
            if kind.is_duplicate_free() && duplicates > 0.0 {
                return Err(BuildError::InvalidParameter {
                    name: "duplicate_rate",
                    reason: format!(
                        "{} is duplicate-free: its rate must be 0, not {duplicates}",
                        kind.name()
                    ),
                });
            }
        }
        if settings.coverage.iter().all(|&coverage| coverage == 0.0) {
            return Err(BuildError::InvalidParameter {
                name: "coverage",
                reason: "at least one source needs a coverage above 0".to_string(),
            });
        }
        Ok(PeopleGenerator {
            settings: settings.clone(),
        })
    }
}

/// Checks the entity count and that every rate is a probability.
fn check_settings(entities: usize, rates: &[(&'static str, f64)]) -> Result<(), BuildError> {
    if entities == 0 || entities > MAX_ENTITIES {
        return Err(BuildError::InvalidParameter {
            name: "entities",
            reason: format!("must be 1 to {MAX_ENTITIES}, not {entities}"),
        });
    }
    for &(name, rate) in rates {
        check_probability(name, rate, "")?;
    }
    Ok(())
}

fn check_probability(name: &'static str, value: f64, source: &str) -> Result<(), BuildError> {
    if (0.0..=1.0).contains(&value) {
        return Ok(());
    }
    let mut reason = String::new();
    if !source.is_empty() {
        reason.push_str(source);
        reason.push(' ');
    }
    reason.push_str("must be a probability in [0, 1], not ");
    reason.push_str(&value.to_string());
    Err(BuildError::InvalidParameter { name, reason })
}

/// One source of a [`SyntheticData`] set: its records and the entity of
/// each.
///
/// # Examples
///
/// ```
/// use sameas::synthetic::{PeopleGenerator, SourceKind};
/// use sameas::Record;
///
/// let data = PeopleGenerator::builder().entities(100).build()?.generate();
/// let crm = data.source(SourceKind::Crm);
/// assert_eq!(crm.name(), "crm");
/// assert_eq!(crm.records()[0].id().as_deref(), Some("crm-000001"));
/// assert_eq!(crm.entities().len(), crm.len());
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticSource {
    kind: SourceKind,
    records: Vec<OwnedRecord>,
    entities: Vec<u32>,
}

impl SyntheticSource {
    /// Shuffles a source's drafts and gives them ids.
    fn from_drafts(kind: SourceKind, mut drafts: Vec<Draft>, seed: u64) -> SyntheticSource {
        let mut rng = Rng::new(seed, 200 + kind.index() as u64);
        for upper in (1..drafts.len()).rev() {
            let other = rng.below(upper + 1);
            drafts.swap(upper, other);
        }
        let width = drafts.len().to_string().len().max(6);
        let mut records = Vec::with_capacity(drafts.len());
        let mut entities = Vec::with_capacity(drafts.len());
        for (number, draft) in drafts.into_iter().enumerate() {
            let mut id = String::with_capacity(kind.name().len() + 1 + width);
            id.push_str(kind.name());
            id.push('-');
            push_number(&mut id, (number + 1) as u32, width);
            let mut record = OwnedRecord::new(id);
            for (name, value) in FIELD_NAMES.into_iter().zip(draft.values) {
                if let Some(value) = value {
                    record.set(name, value);
                }
            }
            record.shrink_to_fit();
            records.push(record);
            entities.push(draft.entity);
        }
        SyntheticSource {
            kind,
            records,
            entities,
        }
    }

    /// Which source this is.
    pub fn kind(&self) -> SourceKind {
        self.kind
    }

    /// The source's name (`crm`, `newsletter`, `support`, `web`).
    pub fn name(&self) -> &'static str {
        self.kind.name()
    }

    /// Whether the source holds each entity at most once.
    pub fn is_duplicate_free(&self) -> bool {
        self.kind.is_duplicate_free()
    }

    /// The records, in random order, with ids `name-000001` and up.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::{PeopleGenerator, SourceKind};
    /// use sameas::Record;
    /// let data = PeopleGenerator::builder().entities(100).build()?.generate();
    /// let support = data.source(SourceKind::Support);
    /// assert!(support.records().iter().all(|r| r.field("dob").is_none()));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn records(&self) -> &[OwnedRecord] {
        &self.records
    }

    /// The true entity of each record, parallel to
    /// [`records`](Self::records).
    pub fn entities(&self) -> &[u32] {
        &self.entities
    }

    /// The true entity of record `index` of this source.
    pub fn entity(&self, index: usize) -> Option<u32> {
        self.entities.get(index).copied()
    }

    /// How many records the source has.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether the source has no record.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// A generated data set: four sources of records and the truth.
///
/// Records are also numbered globally, source after source in
/// [`SourceKind::ALL`] order: the crm records first, then the
/// newsletter's, and so on. These global indices are the
/// [`RecordIndex`](crate::RecordIndex) numbers the records get when
/// [`ingest_into`](Self::ingest_into) reads them into an empty store.
///
/// # Examples
///
/// ```
/// use sameas::synthetic::PeopleGenerator;
///
/// let data = PeopleGenerator::builder().entities(1_000).build()?.generate();
/// let per_source: usize = data.sources().iter().map(|s| s.len()).sum();
/// assert_eq!(per_source, data.record_count());
/// assert!(data.true_pair_count() > 0);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticData {
    sources: Vec<SyntheticSource>,
    entity_count: usize,
}

impl SyntheticData {
    /// The matching schema of the generated fields: `given`
    /// (given name), `family` (family name), `dob` (date), `email`,
    /// `phone`, `address`, `city`, `postcode`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::SyntheticData;
    /// use sameas::FieldKind;
    /// let schema = SyntheticData::schema();
    /// assert_eq!(schema.len(), 8);
    /// assert_eq!(schema.field(schema.field_id("dob")?).kind(), FieldKind::Date);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn schema() -> Schema {
        let kinds = [
            FieldKind::GivenName,
            FieldKind::FamilyName,
            FieldKind::Date,
            FieldKind::Email,
            FieldKind::Phone,
            FieldKind::Address,
            FieldKind::City,
            FieldKind::Postcode,
        ];
        let mut builder = Schema::builder();
        for (name, kind) in FIELD_NAMES.into_iter().zip(kinds) {
            builder.field(name, kind);
        }
        // Eight distinct non-empty names: building cannot fail.
        builder
            .build()
            .expect("the synthetic schema has valid, distinct fields")
    }

    /// Options that read the generated values right: US phone numbers
    /// (national numbers get country code 1) and month-first dates.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::SyntheticData;
    /// assert_eq!(SyntheticData::prepare_options().phones().default_country(), Some("US"));
    /// ```
    pub fn prepare_options() -> PrepareOptions {
        PrepareOptions {
            phones: PhoneNormalizer::builder()
                .default_country("US")
                .build()
                .unwrap_or_default(),
            ..PrepareOptions::new()
        }
    }

    /// The sources, in [`SourceKind::ALL`] order.
    pub fn sources(&self) -> &[SyntheticSource] {
        &self.sources
    }

    /// One source.
    pub fn source(&self, kind: SourceKind) -> &SyntheticSource {
        // `sources` holds one source per kind, in `SourceKind::ALL` order.
        &self.sources[kind.index()]
    }

    /// How many entities the data describes (ids `0..entity_count`); each
    /// has at least one record.
    pub fn entity_count(&self) -> usize {
        self.entity_count
    }

    /// How many records all sources hold.
    pub fn record_count(&self) -> usize {
        self.sources.iter().map(SyntheticSource::len).sum()
    }

    /// Registers the four sources in `store` (duplicate-free flags
    /// included) and ingests their records, in [`SourceKind::ALL`] order.
    /// Returns the source ids.
    ///
    /// # Errors
    ///
    /// What [`PreparedStore::add_source`] and [`PreparedStore::ingest`]
    /// return, for example [`StoreError::DuplicateSource`] when the store
    /// already has a source called `crm`. Sources registered before the
    /// error stay in the store.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::{PeopleGenerator, SyntheticData};
    /// use sameas::{PreparedStore, StoreError};
    ///
    /// let data = PeopleGenerator::builder().entities(100).build()?.generate();
    /// let mut store = PreparedStore::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
    /// let ids = data.ingest_into(&mut store)?;
    /// assert!(store.source(ids[1]).is_duplicate_free());
    /// assert_eq!(data.ingest_into(&mut store), Err(StoreError::DuplicateSource("crm".into())));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn ingest_into(&self, store: &mut PreparedStore) -> Result<Vec<SourceId>, StoreError> {
        GeneratedData::ingest_into(self, store)
    }

    /// A new store with the data set's [`schema`](Self::schema) and
    /// [`prepare_options`](Self::prepare_options), holding every record
    /// ([`ingest_into`](Self::ingest_into) a fresh store): store index
    /// `i` is the data set's record `i`.
    ///
    /// # Errors
    ///
    /// What [`PreparedStore::ingest`] returns (only for data sets beyond
    /// its limits).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::PeopleGenerator;
    ///
    /// let data = PeopleGenerator::builder().entities(100).build()?.generate();
    /// let store = data.prepared_store()?;
    /// assert_eq!(store.len(), data.record_count());
    /// assert_eq!(store.sources().len(), 4);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn prepared_store(&self) -> Result<PreparedStore, StoreError> {
        GeneratedData::prepared_store(self)
    }

    /// The record with global index `index` (see the type's docs).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::{PeopleGenerator, SourceKind};
    /// use sameas::Record;
    /// let data = PeopleGenerator::builder().entities(100).build()?.generate();
    /// let crm_len = data.source(SourceKind::Crm).len();
    /// let first_newsletter = data.record(crm_len).and_then(|r| r.id());
    /// assert_eq!(first_newsletter.as_deref(), Some("newsletter-000001"));
    /// assert!(data.record(data.record_count()).is_none());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn record(&self, index: usize) -> Option<&OwnedRecord> {
        GeneratedData::record(self, index)
    }

    /// The true entity of the record with global index `index`.
    pub fn entity(&self, index: usize) -> Option<u32> {
        GeneratedData::entity(self, index)
    }

    /// Whether two global record indices are distinct records of the same
    /// entity (false for out-of-range indices and for `a == b`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::PeopleGenerator;
    /// let data = PeopleGenerator::builder().entities(100).build()?.generate();
    /// let (a, b) = data.true_pairs().next().unwrap();
    /// assert!(data.is_true_pair(a, b) && data.is_true_pair(b, a));
    /// assert!(!data.is_true_pair(a, a));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn is_true_pair(&self, a: usize, b: usize) -> bool {
        GeneratedData::is_true_pair(self, a, b)
    }

    /// How many unordered record pairs belong to the same entity, across
    /// all sources: the sum over entities of `n (n - 1) / 2` for an entity
    /// with `n` records. The denominator of pairwise recall.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::PeopleGenerator;
    /// let data = PeopleGenerator::builder().entities(500).build()?.generate();
    /// assert_eq!(data.true_pair_count(), data.true_pairs().count() as u64);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn true_pair_count(&self) -> u64 {
        GeneratedData::true_pair_count(self)
    }

    /// Every true pair as `(a, b)` global indices with `a < b`, grouped
    /// by entity in entity order. Holds one `u32` per record; meant for
    /// data sets small enough to enumerate their pairs.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::PeopleGenerator;
    /// let data = PeopleGenerator::builder().entities(200).build()?.generate();
    /// assert!(data.true_pairs().all(|(a, b)| a < b && data.is_true_pair(a, b)));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn true_pairs(&self) -> TruePairs {
        GeneratedData::true_pairs(self)
    }
}

impl GeneratedSource for SyntheticSource {
    fn name(&self) -> &'static str {
        self.kind.name()
    }

    fn is_duplicate_free(&self) -> bool {
        self.kind.is_duplicate_free()
    }

    fn records(&self) -> &[OwnedRecord] {
        &self.records
    }

    fn entities(&self) -> &[u32] {
        &self.entities
    }
}

impl GeneratedData for SyntheticData {
    type Source = SyntheticSource;

    fn sources(&self) -> &[SyntheticSource] {
        &self.sources
    }

    fn entity_count(&self) -> usize {
        self.entity_count
    }

    fn schema(&self) -> Schema {
        SyntheticData::schema()
    }

    fn prepare_options(&self) -> PrepareOptions {
        SyntheticData::prepare_options()
    }
}

/// The iterator of [`SyntheticData::true_pairs`].
///
/// # Examples
///
/// ```
/// use sameas::synthetic::PeopleGenerator;
/// let data = PeopleGenerator::builder().entities(100).build()?.generate();
/// let pairs: Vec<(usize, usize)> = data.true_pairs().collect();
/// assert_eq!(pairs.len() as u64, data.true_pair_count());
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct TruePairs {
    /// Global record indices grouped by entity.
    order: Vec<u32>,
    /// Where each entity's group starts in `order`, plus the end.
    starts: Vec<usize>,
    entity: usize,
    /// Positions within the current entity's group.
    first: usize,
    second: usize,
}

impl Iterator for TruePairs {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            let start = *self.starts.get(self.entity)?;
            let end = *self.starts.get(self.entity + 1)?;
            let group = self.order.get(start..end).unwrap_or_default();
            if self.second < group.len() {
                let pair = match (group.get(self.first), group.get(self.second)) {
                    (Some(&a), Some(&b)) => (a as usize, b as usize),
                    _ => return None,
                };
                self.second += 1;
                if self.second == group.len() {
                    self.first += 1;
                    self.second = self.first + 1;
                }
                return Some(pair);
            }
            self.entity += 1;
            self.first = 0;
            self.second = 1;
        }
    }
}

#[cfg(test)]
mod tests;
