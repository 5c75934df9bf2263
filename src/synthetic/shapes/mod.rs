//! Generated data of other shapes than [`PeopleGenerator`]'s, with known
//! truth: the shapes on which matching that works on one generator can
//! fail.
//!
//! | generator | records | fields | the trap |
//! |---|---|---|---|
//! | [`InventorGenerator`] | patent inventor mentions, one source | names, city, state, country, assignee, co-inventors (`\|`-set), classes (set), title (text) | no identifier, e-mail or date; thousands of namesakes (`Wei Zhang`, `Rajesh Kumar`, `Jose Garcia`); colleagues share employer and city; entities of 1 to a few hundred mentions |
//! | [`BirthDateGenerator`] | persons, one source | given, family, date of birth (sex, postcode, city optional) | the date differs in 40 % of duplicate pairs, the given name in 34 %, the family name in 27 %; many namesakes |
//! | [`GovernmentGenerator`] | census, tax, social security | each source its own columns and date format (`mm/dd/yyyy`, `yyyymmdd`, ISO); a [wide layout](GovernmentLayout::Wide) splits the address and adds age, relationship, employer, wages, events | households: members share address and surname, differ in given name, sex, date of birth and SSN (twins, spouses, children) |
//! | [`BusinessGenerator`] | two listing sites | name, address, city, phone, category, each site formatting them its own way | chains: one name at many addresses |
//!
//! Each module documents its fields and noise in a table. Every
//! generator has a builder (seed, entity count, rates) whose `build`
//! checks the values, and writes [`ShapeData`]: the sources' records and
//! the true entity of every record, read the same way as
//! [`SyntheticData`] (global record indices,
//! [`true_pairs`](ShapeData::true_pairs), a store ready to block and
//! score).
//!
//! # Determinism
//!
//! As for [`PeopleGenerator`]: each generator draws from its own
//! SplitMix64 streams, with integer arithmetic for its distributions and
//! no hash-map iteration, so the same settings give the same data, byte
//! for byte, on every machine.
//!
//! # Examples
//!
//! Namesakes are the rule among inventors: count the distinct inventors
//! behind the most frequent full name.
//!
//! ```
//! use std::collections::BTreeMap;
//! use sameas::synthetic::shapes::InventorGenerator;
//! use sameas::Record;
//!
//! let data = InventorGenerator::builder().seed(3).entities(2_000).build()?.generate();
//! let mentions = &data.sources()[0];
//! let mut inventors = BTreeMap::<String, std::collections::BTreeSet<u32>>::new();
//! for (record, &entity) in mentions.records().iter().zip(mentions.entities()) {
//!     let name = format!("{} {}", record.field("first_name").unwrap_or(""), record.field("last_name").unwrap_or(""));
//!     inventors.entry(name).or_default().insert(entity);
//! }
//! let most = inventors.values().map(|entities| entities.len()).max().unwrap_or(0);
//! assert!(most >= 5, "{most} inventors share the most common name");
//! # Ok::<(), sameas::Error>(())
//! ```
//!
//! [`PeopleGenerator`]: super::PeopleGenerator

/// Rate setters with their doc comment and an example (`$valid` is a
/// rate the builder accepts), and `check_rates`, which `build` calls.
macro_rules! rate_setters {
    ($generator:ident; $($(#[$doc:meta])* $name:ident = $valid:literal;)*) => {
        $(
            $(#[$doc])*
            ///
            /// # Examples
            ///
            /// ```
            #[doc = concat!("use sameas::synthetic::shapes::", stringify!($generator), ";")]
            #[doc = concat!("assert!(", stringify!($generator), "::builder().", stringify!($name), "(", stringify!($valid), ").build().is_ok());")]
            #[doc = concat!("assert!(", stringify!($generator), "::builder().", stringify!($name), "(1.5).build().is_err());")]
            /// ```
            pub fn $name(&mut self, rate: f64) -> &mut Self {
                self.settings.$name = rate;
                self
            }
        )*

        /// Checks the entity count and that every rate is a probability,
        /// in the order of the setters.
        fn check_rates(&self) -> Result<(), $crate::error::BuildError> {
            $crate::synthetic::check_settings(
                self.settings.entities,
                &[$((stringify!($name), self.settings.$name)),*],
            )
        }
    };
}

/// The seed and entity-count setters and getters every builder and
/// generator has; for a generator also `new` (documented by the
/// invocation), `Default` and `builder`.
macro_rules! seed_and_entities {
    (builder $generator:ident) => {
        /// The seed: the same seed and settings give the same data.
        ///
        /// # Examples
        ///
        /// ```
        #[doc = concat!("use sameas::synthetic::shapes::", stringify!($generator), ";")]
        #[doc = concat!("let a = ", stringify!($generator), "::builder().seed(1).entities(50).build()?.generate();")]
        #[doc = concat!("let b = ", stringify!($generator), "::builder().seed(2).entities(50).build()?.generate();")]
        /// assert_ne!(a, b);
        /// # Ok::<(), sameas::Error>(())
        /// ```
        pub fn seed(&mut self, seed: u64) -> &mut Self {
            self.settings.seed = seed;
            self
        }

        /// How many entities to generate, 1 to
        /// [`MAX_ENTITIES`](crate::synthetic::MAX_ENTITIES).
        ///
        /// # Examples
        ///
        /// ```
        #[doc = concat!("use sameas::synthetic::shapes::", stringify!($generator), ";")]
        #[doc = concat!("let data = ", stringify!($generator), "::builder().entities(20).build()?.generate();")]
        /// assert_eq!(data.entity_count(), 20);
        #[doc = concat!("assert!(", stringify!($generator), "::builder().entities(0).build().is_err());")]
        /// # Ok::<(), sameas::Error>(())
        /// ```
        pub fn entities(&mut self, entities: usize) -> &mut Self {
            self.settings.entities = entities;
            self
        }
    };
    (generator $generator:ident, $builder:ident; $(#[$new_doc:meta])*) => {
        impl Default for $generator {
            fn default() -> $generator {
                $generator::new()
            }
        }

        impl $generator {
            $(#[$new_doc])*
            pub fn new() -> $generator {
                $generator {
                    settings: Settings::default(),
                }
            }

            /// A builder, starting from the defaults.
            ///
            /// # Examples
            ///
            /// ```
            #[doc = concat!("use sameas::synthetic::shapes::", stringify!($generator), ";")]
            #[doc = concat!("let generator = ", stringify!($generator), "::builder().entities(100).build()?;")]
            /// assert_eq!(generator.entities(), 100);
            /// # Ok::<(), sameas::Error>(())
            /// ```
            pub fn builder() -> $builder {
                $builder {
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
        }
    };
}

pub mod birth_dates;
pub mod business;
pub mod government;
pub mod inventors;
mod lists;
mod people;
mod spelling;

#[cfg(test)]
mod tests;

pub use birth_dates::{BirthDateGenerator, BirthDateGeneratorBuilder};
pub use business::{BusinessGenerator, BusinessGeneratorBuilder};
pub use government::{
    GovernmentGenerator, GovernmentGeneratorBuilder, GovernmentLayout, GovernmentNoise,
};
pub use inventors::{InventorGenerator, InventorGeneratorBuilder};

use super::truth::{GeneratedData, GeneratedSource};
use super::{SyntheticData, TruePairs};
use crate::error::{BuildError, StoreError};
use crate::prepare::{PrepareOptions, PreparedStore, SourceId};
use crate::record::OwnedRecord;
use crate::rng::{Rng, Zipf};
use crate::schema::{FieldKind, Schema};
use crate::synthetic::population::push_number;

/// Which generator made a [`ShapeData`].
///
/// # Examples
///
/// ```
/// use sameas::synthetic::shapes::{BusinessGenerator, Shape};
/// let data = BusinessGenerator::builder().entities(10).build()?.generate();
/// assert_eq!(data.shape(), Shape::Business);
/// assert_eq!(Shape::Business.name(), "business");
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Shape {
    /// [`InventorGenerator`]: patent inventor mentions.
    Inventors,
    /// [`BirthDateGenerator`]: persons whose date of birth is often wrong.
    BirthDates,
    /// [`GovernmentGenerator`]: census, tax and social-security records.
    Government,
    /// [`BusinessGenerator`]: business listings with chains.
    Business,
}

impl Shape {
    /// Every shape.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(sameas::synthetic::shapes::Shape::ALL.len(), 4);
    /// ```
    pub const ALL: [Shape; 4] = [
        Shape::Inventors,
        Shape::BirthDates,
        Shape::Government,
        Shape::Business,
    ];

    /// The shape's name: `inventors`, `birth-dates`, `government` or
    /// `business`.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Inventors => "inventors",
            Shape::BirthDates => "birth-dates",
            Shape::Government => "government",
            Shape::Business => "business",
        }
    }
}

impl std::fmt::Display for Shape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Shape {
    type Err = BuildError;

    /// Parses a shape's [`name`](Shape::name).
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidParameter`] for any other text.
    fn from_str(name: &str) -> Result<Shape, BuildError> {
        Shape::ALL
            .into_iter()
            .find(|shape| shape.name() == name)
            .ok_or_else(|| BuildError::InvalidParameter {
                name: "shape",
                reason: "must be inventors, birth-dates, government or business".to_string(),
            })
    }
}

/// One source of a [`ShapeData`] set: its columns, records and the true
/// entity of each record.
///
/// # Examples
///
/// ```
/// use sameas::synthetic::shapes::GovernmentGenerator;
/// use sameas::Record;
///
/// let data = GovernmentGenerator::builder().entities(200).build()?.generate();
/// let tax = data.source("tax").expect("the government shape has a tax source");
/// assert!(tax.columns().contains(&"ssn"));
/// assert_eq!(tax.records()[0].id().as_deref(), Some("tax-000001"));
/// assert_eq!(tax.entities().len(), tax.len());
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeSource {
    name: &'static str,
    columns: &'static [&'static str],
    duplicate_free: bool,
    records: Vec<OwnedRecord>,
    entities: Vec<u32>,
}

impl ShapeSource {
    /// Shuffles a source's drafts with `rng` and numbers them
    /// `name-000001` and up.
    fn from_drafts(layout: &SourceLayout, mut drafts: Vec<Draft>, rng: &mut Rng) -> ShapeSource {
        for upper in (1..drafts.len()).rev() {
            let other = rng.below(upper + 1);
            drafts.swap(upper, other);
        }
        let width = drafts.len().to_string().len().max(6);
        let mut records = Vec::with_capacity(drafts.len());
        let mut entities = Vec::with_capacity(drafts.len());
        for (number, draft) in drafts.into_iter().enumerate() {
            let mut id = String::with_capacity(layout.name.len() + 1 + width);
            id.push_str(layout.name);
            id.push('-');
            push_number(&mut id, (number + 1) as u32, width);
            let mut record = OwnedRecord::new(id);
            for (&column, value) in layout.columns.iter().zip(draft.values) {
                if let Some(value) = value.filter(|value| !value.trim().is_empty()) {
                    record.set(column, value);
                }
            }
            record.shrink_to_fit();
            records.push(record);
            entities.push(draft.entity);
        }
        ShapeSource {
            name: layout.name,
            columns: layout.columns,
            duplicate_free: layout.duplicate_free,
            records,
            entities,
        }
    }

    /// The source's name, also the prefix of its record ids.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The columns the source has, in the order a CSV file of it would
    /// list them after the id (a record may still miss some).
    pub fn columns(&self) -> &'static [&'static str] {
        self.columns
    }

    /// Whether the source holds each entity at most once.
    pub fn is_duplicate_free(&self) -> bool {
        self.duplicate_free
    }

    /// The records, in random order.
    pub fn records(&self) -> &[OwnedRecord] {
        &self.records
    }

    /// The true entity of each record, parallel to
    /// [`records`](Self::records).
    pub fn entities(&self) -> &[u32] {
        &self.entities
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

/// A generated data set of one [`Shape`]: its sources and the truth.
///
/// Records are numbered globally, source after source in
/// [`sources`](Self::sources) order; these are the
/// [`RecordIndex`](crate::RecordIndex) numbers they get when
/// [`ingest_into`](Self::ingest_into) reads them into an empty store.
///
/// # Examples
///
/// ```
/// use sameas::synthetic::shapes::GovernmentGenerator;
///
/// let data = GovernmentGenerator::builder().seed(4).entities(500).build()?.generate();
/// let store = data.prepared_store()?;
/// assert_eq!(store.len(), data.record_count());
/// let (a, b) = data.true_pairs().next().expect("someone has two records");
/// assert!(data.is_true_pair(a, b));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeData {
    shape: Shape,
    fields: &'static [(&'static str, FieldKind)],
    sources: Vec<ShapeSource>,
    entity_count: usize,
}

impl ShapeData {
    /// Shuffles and numbers each source's drafts (in `layouts` order).
    fn assemble(
        shape: Shape,
        fields: &'static [(&'static str, FieldKind)],
        layouts: &[SourceLayout],
        drafts: Vec<Vec<Draft>>,
        entity_count: usize,
        seed: u64,
    ) -> ShapeData {
        let mut rng = Rng::new(seed, SHUFFLE_STREAM);
        let sources = layouts
            .iter()
            .zip(drafts)
            .map(|(layout, drafts)| ShapeSource::from_drafts(layout, drafts, &mut rng))
            .collect();
        ShapeData {
            shape,
            fields,
            sources,
            entity_count,
        }
    }

    /// Which generator made the data.
    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// Every column of every source with its kind, each column once: what
    /// `resolve --field COLUMN=KIND` would declare.
    pub fn fields(&self) -> &'static [(&'static str, FieldKind)] {
        self.fields
    }

    /// The matching schema of [`fields`](Self::fields).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::GovernmentGenerator;
    /// use sameas::FieldKind;
    /// let data = GovernmentGenerator::builder().entities(10).build()?.generate();
    /// let schema = data.schema();
    /// assert_eq!(schema.field(schema.field_id("ssn")?).kind(), FieldKind::Identifier);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn schema(&self) -> Schema {
        let mut builder = Schema::builder();
        for &(name, kind) in self.fields {
            builder.field(name, kind);
        }
        // Each shape's fields are distinct, non-empty constants.
        builder
            .build()
            .expect("a shape's fields are valid and distinct")
    }

    /// Options that read the generated values right: US phone numbers and
    /// month-first dates (the defaults otherwise).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::ShapeData;
    /// assert_eq!(ShapeData::prepare_options().phones().default_country(), Some("US"));
    /// ```
    pub fn prepare_options() -> PrepareOptions {
        SyntheticData::prepare_options()
    }

    /// The sources, in the order of global record indices.
    pub fn sources(&self) -> &[ShapeSource] {
        &self.sources
    }

    /// The source called `name`, if there is one.
    pub fn source(&self, name: &str) -> Option<&ShapeSource> {
        self.sources.iter().find(|source| source.name == name)
    }

    /// How many entities the data describes (ids `0..entity_count`); each
    /// has at least one record.
    pub fn entity_count(&self) -> usize {
        self.entity_count
    }

    /// How many records all sources hold.
    pub fn record_count(&self) -> usize {
        self.sources.iter().map(ShapeSource::len).sum()
    }

    /// How many records the largest true entity has: no resolution
    /// should build a larger one.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::InventorGenerator;
    /// let data = InventorGenerator::builder().entities(2_000).build()?.generate();
    /// assert!(data.largest_entity() >= 20);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn largest_entity(&self) -> usize {
        GeneratedData::largest_entity(self)
    }

    /// Registers the sources in `store` (duplicate-free flags included)
    /// and ingests their records, in [`sources`](Self::sources) order.
    /// Returns the source ids.
    ///
    /// # Errors
    ///
    /// What [`PreparedStore::add_source`] and [`PreparedStore::ingest`]
    /// return, for example [`StoreError::DuplicateSource`] when the store
    /// already has a source of the same name.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::{GovernmentGenerator, ShapeData};
    /// use sameas::{PreparedStore, StoreError};
    ///
    /// let data = GovernmentGenerator::builder().entities(100).build()?.generate();
    /// let mut store = PreparedStore::with_options(data.schema(), ShapeData::prepare_options());
    /// let ids = data.ingest_into(&mut store)?;
    /// assert!(store.source(ids[2]).is_duplicate_free());
    /// assert_eq!(data.ingest_into(&mut store), Err(StoreError::DuplicateSource("census".into())));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn ingest_into(&self, store: &mut PreparedStore) -> Result<Vec<SourceId>, StoreError> {
        GeneratedData::ingest_into(self, store)
    }

    /// A new store with the data's [`schema`](Self::schema) and
    /// [`prepare_options`](Self::prepare_options), holding every record:
    /// store index `i` is the data's record `i`.
    ///
    /// # Errors
    ///
    /// What [`PreparedStore::ingest`] returns (only for data beyond its
    /// limits).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::BirthDateGenerator;
    /// let data = BirthDateGenerator::builder().entities(100).build()?.generate();
    /// assert_eq!(data.prepared_store()?.len(), data.record_count());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn prepared_store(&self) -> Result<PreparedStore, StoreError> {
        GeneratedData::prepared_store(self)
    }

    /// The record with global index `index`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::BusinessGenerator;
    /// use sameas::Record;
    /// let data = BusinessGenerator::builder().entities(100).build()?.generate();
    /// let directory = data.sources()[0].len();
    /// assert_eq!(data.record(directory).and_then(|r| r.id()).as_deref(), Some("reviews-000001"));
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
    /// use sameas::synthetic::shapes::BirthDateGenerator;
    /// let data = BirthDateGenerator::builder().entities(100).build()?.generate();
    /// let (a, b) = data.true_pairs().next().unwrap();
    /// assert!(data.is_true_pair(a, b) && !data.is_true_pair(a, a));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn is_true_pair(&self, a: usize, b: usize) -> bool {
        GeneratedData::is_true_pair(self, a, b)
    }

    /// How many unordered record pairs belong to the same entity: the
    /// denominator of pairwise recall.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::InventorGenerator;
    /// let data = InventorGenerator::builder().entities(300).build()?.generate();
    /// assert_eq!(data.true_pair_count(), data.true_pairs().count() as u64);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn true_pair_count(&self) -> u64 {
        GeneratedData::true_pair_count(self)
    }

    /// Every true pair as `(a, b)` global indices with `a < b`, grouped
    /// by entity in entity order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::synthetic::shapes::GovernmentGenerator;
    /// let data = GovernmentGenerator::builder().entities(200).build()?.generate();
    /// assert!(data.true_pairs().all(|(a, b)| a < b && data.is_true_pair(a, b)));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn true_pairs(&self) -> TruePairs {
        GeneratedData::true_pairs(self)
    }
}

impl GeneratedSource for ShapeSource {
    fn name(&self) -> &'static str {
        self.name
    }

    fn is_duplicate_free(&self) -> bool {
        self.duplicate_free
    }

    fn records(&self) -> &[OwnedRecord] {
        &self.records
    }

    fn entities(&self) -> &[u32] {
        &self.entities
    }
}

impl GeneratedData for ShapeData {
    type Source = ShapeSource;

    fn sources(&self) -> &[ShapeSource] {
        &self.sources
    }

    fn entity_count(&self) -> usize {
        self.entity_count
    }

    fn schema(&self) -> Schema {
        ShapeData::schema(self)
    }

    fn prepare_options(&self) -> PrepareOptions {
        ShapeData::prepare_options()
    }
}

/// The stream the sources are shuffled with; each generator's own
/// streams are below it.
const SHUFFLE_STREAM: u64 = 900;

/// A source's name, columns and whether it is duplicate-free.
struct SourceLayout {
    name: &'static str,
    columns: &'static [&'static str],
    duplicate_free: bool,
}

/// A record before it has an id: its entity and one value per column of
/// its source (`None` or blank: not set).
struct Draft {
    entity: u32,
    values: Vec<Option<String>>,
}

/// A word list with a Zipf table over its positions (most frequent
/// first).
struct Ranked {
    items: Vec<&'static str>,
    zipf: Zipf,
}

impl Ranked {
    /// A ranked list of the non-empty entries of a comma-separated list;
    /// a larger `offset` gives a flatter distribution.
    fn new(list: &'static str, offset: u64) -> Ranked {
        Ranked::from_items(
            list.split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .collect(),
            offset,
        )
    }

    fn from_items(items: Vec<&'static str>, offset: u64) -> Ranked {
        let zipf = Zipf::new(items.len(), offset);
        Ranked { items, zipf }
    }

    /// The position of a drawn item.
    fn draw_index(&self, rng: &mut Rng) -> usize {
        self.zipf.sample(rng)
    }

    fn draw(&self, rng: &mut Rng) -> &'static str {
        self.get(self.draw_index(rng))
    }

    fn get(&self, index: usize) -> &'static str {
        self.items.get(index).copied().unwrap_or_default()
    }
}

/// A number in `low..=high`, as `usize`.
fn between(rng: &mut Rng, low: usize, high: usize) -> usize {
    low + rng.below(high.saturating_sub(low) + 1)
}
