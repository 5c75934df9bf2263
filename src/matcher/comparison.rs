//! A field's comparison: ordered levels with m and u probabilities.

use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use super::interned::InternedStore;
use super::level::{LevelTest, Similarities};
use super::level_cache::ComparisonCache;
use super::term_frequency::{TermFrequencies, TermFrequencyKey, TermFrequencyOptions};
use crate::compare::first_word;
use crate::error::{BuildError, Error, ModelError, Result};
use crate::id::FieldId;
use crate::prepare::{PreparedRecord, PreparedStore};
use crate::schema::Schema;

/// The smallest m or u probability a level holds, so that every weight
/// stays finite.
pub(crate) const MIN_PROBABILITY: f64 = 1e-9;

/// Most levels a comparison may have (levels are numbered in a byte, one
/// value is kept for "missing").
pub(crate) const MAX_LEVELS: usize = 32;

/// One condition of a level: a test that one field's two values pass.
///
/// # Examples
///
/// ```
/// use sameas::matcher::{Comparison, LevelTest};
/// use sameas::{FieldKind, Schema};
///
/// let schema = Schema::builder()
///     .field("address", FieldKind::Address)
///     .field("phone", FieldKind::Phone)
///     .build()?;
/// let contact = Comparison::across(
///     &schema,
///     "contact",
///     &[&[("address", LevelTest::Exact), ("phone", LevelTest::Exact)], &[("phone", LevelTest::Exact)]],
/// )?;
/// let both = contact.levels()[0].conditions();
/// assert_eq!(both[1].field(), schema.field_id("phone")?);
/// assert_eq!(both[1].test(), LevelTest::Exact);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    field: FieldId,
    test: LevelTest,
}

impl Condition {
    /// The field tested.
    pub fn field(&self) -> FieldId {
        self.field
    }

    /// The test its two values must pass.
    pub fn test(&self) -> LevelTest {
        self.test
    }
}

/// One level of a [`Comparison`]: the test a pair must pass, and how
/// often matching (m) and non-matching (u) pairs reach it.
///
/// # Examples
///
/// ```
/// use sameas::matcher::{Comparison, LevelTest};
/// use sameas::{FieldKind, Schema};
///
/// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
/// let email = Comparison::new(&schema, "email", &[LevelTest::Exact])?;
/// let exact = &email.levels()[0];
/// assert_eq!(exact.label(), "exact");
/// assert!(exact.m() > exact.u());
/// assert!(exact.weight() > 0.0);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Level {
    label: String,
    conditions: Vec<Condition>,
    m: f64,
    u: f64,
    #[serde(default)]
    term_frequency: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    neutral: bool,
    /// `log2(m / u)`, kept current with m and u (scoring reads it for
    /// every pair; a model refreshes it when built or loaded).
    #[serde(skip)]
    cached_weight: f64,
}

impl Level {
    /// What the level means (`jaro-winkler >= 0.92`).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Whether every test of the level reads only its field's two values
    /// (see [`LevelTest::reads_only_values`]).
    #[inline]
    fn reads_only_values(&self) -> bool {
        self.conditions
            .iter()
            .all(|condition| condition.test.reads_only_values())
    }

    /// What a pair must satisfy to reach this level: every condition
    /// (none for `else`).
    pub fn conditions(&self) -> &[Condition] {
        &self.conditions
    }

    /// Whether pairs reaching this level weigh nothing, as if a value
    /// were missing (see [`ComparisonBuilder::neutral`]).
    pub fn is_neutral(&self) -> bool {
        self.neutral
    }

    /// Whether this level is exact agreement on one field.
    pub(crate) fn is_exact_on(&self, field: FieldId) -> bool {
        matches!(self.conditions.as_slice(), [only] if only.field == field && only.test == LevelTest::Exact)
    }

    /// Whether reaching this level needs exact agreement on `field`
    /// (alone or with other conditions).
    pub(crate) fn requires_exact_on(&self, field: FieldId) -> bool {
        self.conditions
            .iter()
            .any(|condition| condition.field == field && condition.test == LevelTest::Exact)
    }

    /// The share of matching pairs (with both values present) that reach
    /// this level.
    pub fn m(&self) -> f64 {
        self.m
    }

    /// The share of non-matching pairs (with both values present) that
    /// reach this level.
    pub fn u(&self) -> f64 {
        self.u
    }

    /// The level's match weight, `log2(m / u)`, before any term-frequency
    /// adjustment.
    pub fn weight(&self) -> f64 {
        (self.m / self.u).log2()
    }

    fn set(&mut self, m: f64, u: f64) {
        self.m = m;
        self.u = u;
        self.cached_weight = (m / u).log2();
    }

    /// Whether agreeing at this level is weighed by how rare the shared
    /// value is (only exact levels of comparisons with term frequencies).
    pub fn is_term_frequency_adjusted(&self) -> bool {
        self.term_frequency
    }
}

/// How one field of two records is compared: ordered levels, from the
/// strongest agreement to `else`; a pair reaches the first level whose
/// test it passes. A pair where either value is missing reaches no level
/// and weighs nothing.
///
/// # Examples
///
/// ```
/// use sameas::matcher::{Comparison, LevelTest};
/// use sameas::{FieldKind, Schema};
///
/// let schema = Schema::builder().field("given", FieldKind::GivenName).build()?;
/// let given = Comparison::new(
///     &schema,
///     "given",
///     &[LevelTest::Exact, LevelTest::Nickname, LevelTest::JaroWinkler { at_least: 0.9 }],
/// )?;
/// let labels: Vec<&str> = given.levels().iter().map(|level| level.label()).collect();
/// assert_eq!(labels, ["exact", "nickname", "jaro-winkler >= 0.9", "else"]);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    name: String,
    #[serde(deserialize_with = "at_least_one_field")]
    fields: Vec<FieldId>,
    /// The names of `fields`, checked against the schema on loading.
    field_names: Vec<String>,
    levels: Vec<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    term_frequencies: Option<TermFrequencies>,
}

/// The levels given to a [`ComparisonBuilder`].
#[derive(Debug, Clone, PartialEq)]
enum LevelSpec {
    /// Tests on the field named like the comparison, one per level.
    OneField(Vec<LevelTest>),
    /// Per level, conditions on named fields that must all hold.
    Across(Vec<Vec<(String, LevelTest)>>),
}

/// Configures a [`Comparison`]; see [`Comparison::builder`].
///
/// # Examples
///
/// ```
/// use sameas::matcher::{Comparison, LevelTest};
/// use sameas::{FieldKind, Schema};
///
/// let schema = Schema::builder().field("family", FieldKind::FamilyName).build()?;
/// let mut builder = Comparison::builder(&schema, "family");
/// builder.levels(&[LevelTest::Exact, LevelTest::JaroWinkler { at_least: 0.92 }]);
/// let plain = builder.build()?;
/// let weighted = builder.term_frequencies(true).build()?;
/// assert!(!plain.levels()[0].is_term_frequency_adjusted());
/// assert!(weighted.levels()[0].is_term_frequency_adjusted());
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonBuilder<'a> {
    schema: &'a Schema,
    name: String,
    levels: LevelSpec,
    term_frequencies: bool,
    neutral: Vec<usize>,
}

impl ComparisonBuilder<'_> {
    /// Sets the levels as tests on the field named like the comparison,
    /// strongest first; an `else` level is added at the end when missing.
    /// Replaces levels set before.
    ///
    /// # Examples
    ///
    /// See [`Comparison::new`], which is `builder(schema, name).levels(tests).build()`.
    pub fn levels(&mut self, tests: &[LevelTest]) -> &mut Self {
        self.levels = LevelSpec::OneField(tests.to_vec());
        self
    }

    /// Sets the levels as lists of conditions on several fields, each
    /// list a level whose conditions must all hold (see
    /// [`Comparison::across`]); an `else` level is added at the end.
    /// Replaces levels set before.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{Comparison, LevelTest};
    /// use sameas::{FieldKind, Schema};
    ///
    /// let schema = Schema::builder()
    ///     .field("address", FieldKind::Address)
    ///     .field("phone", FieldKind::Phone)
    ///     .build()?;
    /// let contact = Comparison::builder(&schema, "contact")
    ///     .levels_across(&[&[("address", LevelTest::Exact)], &[("phone", LevelTest::Exact)]])
    ///     .term_frequencies(true)
    ///     .build()?;
    /// // Term frequencies weigh exact agreement on the first field only.
    /// assert!(contact.levels()[0].is_term_frequency_adjusted());
    /// assert!(!contact.levels()[1].is_term_frequency_adjusted());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn levels_across(&mut self, levels: &[&[(&str, LevelTest)]]) -> &mut Self {
        self.levels = LevelSpec::Across(
            levels
                .iter()
                .map(|level| {
                    level
                        .iter()
                        .map(|&(field, test)| (field.to_string(), test))
                        .collect()
                })
                .collect(),
        );
        self
    }

    /// Weighs exact agreement on the first field by how rare the shared
    /// value is: agreeing on `okonkwo` counts more than on `smith`. The
    /// frequencies are counted when the model is trained. Default `false`.
    ///
    /// # Examples
    ///
    /// See [`ComparisonBuilder`].
    pub fn term_frequencies(&mut self, yes: bool) -> &mut Self {
        self.term_frequencies = yes;
        self
    }

    /// Makes pairs reaching `level` (its position, `else` included) weigh
    /// nothing, as if a value were missing: for evidence another
    /// comparison already counts. Names entered the wrong way round reach
    /// a `swapped` level in both the given-name and the family-name
    /// comparison; counted twice, one swap would weigh as two independent
    /// agreements. May be called for several levels.
    ///
    /// # Examples
    ///
    /// See [`Comparison::builder`].
    pub fn neutral(&mut self, level: usize) -> &mut Self {
        if !self.neutral.contains(&level) {
            self.neutral.push(level);
        }
        self
    }

    /// Checks the levels against the schema and builds the comparison,
    /// with neutral-ish probabilities until a [`Trainer`](super::Trainer)
    /// fits them or [`set_probabilities`](Comparison::set_probabilities)
    /// sets them.
    ///
    /// # Errors
    ///
    /// [`BuildError::UnknownField`] for a field the schema lacks;
    /// [`BuildError::MetadataField`] for a metadata field (tested or
    /// swapped with); [`BuildError::InvalidParameter`] for no levels, more
    /// than 31, a level after `else`, a test's bad parameter, or a neutral
    /// level that does not exist.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{Comparison, LevelTest};
    /// use sameas::{FieldKind, Schema};
    ///
    /// let schema = Schema::builder().field("family", FieldKind::FamilyName).build()?;
    /// let error = Comparison::builder(&schema, "family")
    ///     .levels(&[LevelTest::Exact])
    ///     .neutral(5)
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "invalid parameter `level`: level 5 of a comparison with 2 levels"
    /// );
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn build(&self) -> Result<Comparison, BuildError> {
        let name = self.name.as_str();
        let levels: Vec<Vec<(&str, LevelTest)>> = match &self.levels {
            LevelSpec::OneField(tests) => {
                self.schema.matching_field_id(name)?;
                tests
                    .iter()
                    .map(|&test| {
                        if test == LevelTest::Else {
                            Vec::new()
                        } else {
                            vec![(name, test)]
                        }
                    })
                    .collect()
            }
            LevelSpec::Across(levels) => levels
                .iter()
                .map(|level| {
                    level
                        .iter()
                        .map(|(field, test)| (field.as_str(), *test))
                        .collect()
                })
                .collect(),
        };
        let levels: Vec<&[(&str, LevelTest)]> = levels.iter().map(Vec::as_slice).collect();
        let mut comparison = Comparison::from_levels(self.schema, name, &levels)?;
        let count = comparison.levels.len();
        for &level in &self.neutral {
            let target =
                comparison
                    .levels
                    .get_mut(level)
                    .ok_or_else(|| BuildError::InvalidParameter {
                        name: "level",
                        reason: format!("level {level} of a comparison with {count} levels"),
                    })?;
            target.neutral = true;
        }
        if self.term_frequencies {
            let field = comparison.field();
            for level in &mut comparison.levels {
                level.term_frequency = level.is_exact_on(field);
            }
        }
        Ok(comparison)
    }
}

impl Comparison {
    /// A comparison of the field `name` with these levels, in order; an
    /// `else` level is added at the end when missing. Probabilities start
    /// at neutral-ish defaults until a [`Trainer`](super::Trainer) fits
    /// them or [`set_probabilities`](Self::set_probabilities) sets them.
    ///
    /// # Errors
    ///
    /// [`BuildError::UnknownField`] for a name the schema lacks,
    /// [`BuildError::MetadataField`] for a metadata field (tested or swapped
    /// with), [`BuildError::InvalidParameter`] for no levels, more than 31, a level
    /// after `else`, or a test's bad parameter.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{Comparison, LevelTest};
    /// use sameas::{FieldKind, Schema};
    ///
    /// let schema = Schema::builder().field("dob", FieldKind::Date).build()?;
    /// let dob = Comparison::new(&schema, "dob", &[LevelTest::Exact, LevelTest::DayMonthSwapped])?;
    /// assert_eq!(dob.levels().len(), 3);
    /// assert!(Comparison::new(&schema, "birthday", &[LevelTest::Exact]).is_err());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn new(schema: &Schema, name: &str, tests: &[LevelTest]) -> Result<Comparison, BuildError> {
        Comparison::builder(schema, name).levels(tests).build()
    }

    /// A comparison of several fields at once, for fields whose agreement
    /// is one piece of evidence rather than several: people at one address
    /// share its postcode, city and landline, so agreeing on all four must
    /// not count four times. Each level lists conditions on fields that
    /// must all hold; an `else` level is added at the end. A pair weighs
    /// nothing only when no field of the comparison has both values.
    ///
    /// # Errors
    ///
    /// As [`new`](Self::new); also [`BuildError::InvalidParameter`] for a
    /// level without conditions before the last.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{Comparison, LevelTest};
    /// use sameas::{FieldKind, Schema};
    ///
    /// let schema = Schema::builder()
    ///     .field("address", FieldKind::Address)
    ///     .field("phone", FieldKind::Phone)
    ///     .build()?;
    /// let contact = Comparison::across(
    ///     &schema,
    ///     "contact",
    ///     &[
    ///         &[("address", LevelTest::Exact), ("phone", LevelTest::Exact)],
    ///         &[("address", LevelTest::Exact)],
    ///         &[("phone", LevelTest::Exact)],
    ///     ],
    /// )?;
    /// let labels: Vec<&str> = contact.levels().iter().map(|level| level.label()).collect();
    /// assert_eq!(labels, ["address exact and phone exact", "address exact", "phone exact", "else"]);
    /// assert_eq!(contact.fields().len(), 2);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn across(
        schema: &Schema,
        name: &str,
        levels: &[&[(&str, LevelTest)]],
    ) -> Result<Comparison, BuildError> {
        Comparison::builder(schema, name)
            .levels_across(levels)
            .build()
    }

    /// Starts configuring the comparison `name`, checked against `schema`
    /// when it is built: its levels (on the field `name`, or on several
    /// fields), term-frequency weighting and neutral levels.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{Comparison, LevelTest};
    /// use sameas::{FieldKind, Schema};
    ///
    /// let schema = Schema::builder()
    ///     .field("given", FieldKind::GivenName)
    ///     .field("family", FieldKind::FamilyName)
    ///     .build()?;
    /// let given = schema.field_id("given")?;
    /// let family = Comparison::builder(&schema, "family")
    ///     .levels(&[LevelTest::Exact, LevelTest::Swapped { with: given, at_least: 0.92 }])
    ///     .term_frequencies(true)
    ///     .neutral(1)
    ///     .build()?;
    /// assert!(family.levels()[0].is_term_frequency_adjusted());
    /// assert!(family.levels()[1].is_neutral());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn builder<'a>(schema: &'a Schema, name: &str) -> ComparisonBuilder<'a> {
        ComparisonBuilder {
            schema,
            name: name.to_string(),
            levels: LevelSpec::Across(Vec::new()),
            term_frequencies: false,
            neutral: Vec::new(),
        }
    }

    fn from_levels(
        schema: &Schema,
        name: &str,
        levels: &[&[(&str, LevelTest)]],
    ) -> Result<Comparison, BuildError> {
        let invalid = |reason: String| BuildError::InvalidParameter {
            name: "levels",
            reason,
        };
        if levels.is_empty() {
            return Err(invalid(format!("the comparison of `{name}` has no levels")));
        }
        let mut fields: Vec<FieldId> = Vec::new();
        let mut built: Vec<Vec<Condition>> = Vec::new();
        for (position, level) in levels.iter().enumerate() {
            let conditions: Vec<Condition> = level
                .iter()
                .filter(|(_, test)| *test != LevelTest::Else)
                .map(|&(field, test)| {
                    let field = schema.matching_field_id(field)?;
                    test.validate(schema, field)?;
                    if !fields.contains(&field) {
                        fields.push(field);
                    }
                    Ok(Condition { field, test })
                })
                .collect::<Result<_, BuildError>>()?;
            if conditions.is_empty() && position + 1 != levels.len() {
                return Err(invalid(format!(
                    "the comparison of `{name}` has levels after `else`"
                )));
            }
            built.push(conditions);
        }
        if fields.is_empty() {
            return Err(invalid(format!(
                "the comparison of `{name}` tests no field"
            )));
        }
        if built.last().is_some_and(|last| !last.is_empty()) {
            built.push(Vec::new());
        }
        if built.len() >= MAX_LEVELS {
            return Err(invalid(format!(
                "the comparison of `{name}` has {} levels, at most {} fit",
                built.len(),
                MAX_LEVELS - 1
            )));
        }
        let count = built.len();
        let several_fields = fields.len() > 1;
        let levels = built
            .into_iter()
            .enumerate()
            .map(|(position, conditions)| {
                let (m, u) = initial_probabilities(position, count);
                Level {
                    label: label(schema, &conditions, several_fields),
                    conditions,
                    m,
                    u,
                    term_frequency: false,
                    neutral: false,
                    cached_weight: (m / u).log2(),
                }
            })
            .collect();
        let field_names = fields
            .iter()
            .filter_map(|&field| schema.try_field(field))
            .map(|field| field.name().to_string())
            .collect();
        Ok(Comparison {
            name: name.to_string(),
            fields,
            field_names,
            levels,
            term_frequencies: None,
        })
    }

    /// The first field compared (the one whose term frequencies count).
    pub fn field(&self) -> FieldId {
        self.fields[0]
    }

    /// Every field compared, in order of first use.
    pub fn fields(&self) -> &[FieldId] {
        &self.fields
    }

    /// The comparison's name: the field's name for one field.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The levels, strongest first, `else` last.
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// Sets a level's m and u probabilities (for hosts who know them).
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidParameter`] for a level that does not exist or a
    /// probability outside `(0, 1]`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::matcher::{Comparison, LevelTest};
    /// # use sameas::{FieldKind, Schema};
    /// # let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let mut email = Comparison::new(&schema, "email", &[LevelTest::Exact])?;
    /// email.set_probabilities(0, 0.9, 0.0001)?;
    /// assert!(email.set_probabilities(0, 0.0, 0.1).is_err());
    /// assert!(email.set_probabilities(7, 0.5, 0.5).is_err());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn set_probabilities(&mut self, level: usize, m: f64, u: f64) -> Result<(), BuildError> {
        let levels = self.levels.len();
        let Some(target) = self.levels.get_mut(level) else {
            return Err(BuildError::InvalidParameter {
                name: "level",
                reason: format!("level {level} of a comparison with {levels} levels"),
            });
        };
        for (name, value) in [("m", m), ("u", u)] {
            if !(value > 0.0 && value <= 1.0) {
                return Err(BuildError::InvalidParameter {
                    name,
                    reason: format!("a probability in (0, 1], got {value}"),
                });
            }
        }
        target.set(m, u);
        Ok(())
    }

    /// Sets every level's m (training), clamped away from 0 and 1.
    pub(crate) fn set_m(&mut self, m: &[f64]) {
        for (level, &m) in self.levels.iter_mut().zip(m) {
            level.set(m.clamp(MIN_PROBABILITY, 1.0), level.u);
        }
    }

    /// Sets every level's u (training), clamped away from 0 and 1.
    pub(crate) fn set_u(&mut self, u: &[f64]) {
        for (level, &u) in self.levels.iter_mut().zip(u) {
            level.set(level.m, u.clamp(MIN_PROBABILITY, 1.0));
        }
    }

    /// Recomputes every level's weight from its m and u (after loading).
    pub(crate) fn refresh_weights(&mut self) {
        for level in &mut self.levels {
            level.set(level.m, level.u);
        }
    }

    /// Whether any level weighs term frequencies.
    pub(crate) fn uses_term_frequencies(&self) -> bool {
        self.levels.iter().any(|level| level.term_frequency)
    }

    /// The keyed hash of `value` of the first field in the term
    /// frequencies (counted or not), while they are readable.
    pub(crate) fn term_hash(&self, value: &str) -> Option<u64> {
        self.term_frequencies
            .as_ref()
            .and_then(|frequencies| frequencies.keyed_hash_of(value))
    }

    /// How many counted records the value with keyed hash `hash` reads as
    /// held by (1 without term frequencies).
    pub(crate) fn term_count_of_hash(&self, hash: u64) -> u32 {
        self.term_frequencies
            .as_ref()
            .map_or(1, |frequencies| frequencies.count_of_hash(hash))
    }

    /// Whether the value with keyed hash `hash` has a count of its own.
    pub(crate) fn counts_term_hash(&self, hash: u64) -> bool {
        self.term_frequencies
            .as_ref()
            .is_some_and(|frequencies| frequencies.counts_hash(hash))
    }

    /// Takes one counted holder of the value with keyed hash `hash` away
    /// from the term frequencies; whether its frequency changed.
    pub(crate) fn forget_term_hash(&mut self, hash: u64) -> bool {
        self.term_frequencies
            .as_mut()
            .is_some_and(|frequencies| frequencies.forget_hash(hash))
    }

    /// Whether the comparison holds term-frequency counts it can read
    /// (counted, or loaded with their key).
    pub(crate) fn has_term_frequencies(&self) -> bool {
        self.term_frequencies
            .as_ref()
            .is_some_and(TermFrequencies::is_active)
    }

    /// Whether the comparison's readable term-frequency counts live in
    /// memory only (counted without a key: a saved model drops them).
    pub(crate) fn term_frequencies_unsaved(&self) -> bool {
        self.term_frequencies
            .as_ref()
            .is_some_and(|table| table.is_active() && !table.is_saved())
    }

    /// Counts the field's term frequencies over a store.
    pub(crate) fn count_term_frequencies(
        &mut self,
        store: &PreparedStore,
        options: &TermFrequencyOptions,
    ) {
        self.term_frequencies = self
            .uses_term_frequencies()
            .then(|| TermFrequencies::count(store, self.field(), options));
    }

    /// The comparison's term frequencies, when it has a table.
    pub(crate) fn term_frequency_table(&self) -> Option<&TermFrequencies> {
        self.term_frequencies.as_ref()
    }

    /// Makes loaded term frequencies readable with `key`; `false` when
    /// the table was hashed under another key.
    pub(crate) fn unlock_term_frequencies(&mut self, key: &TermFrequencyKey) -> bool {
        self.term_frequencies
            .as_mut()
            .is_none_or(|table| table.unlock(key))
    }

    /// The level a pair reaches for scoring: `None` when no field of the
    /// comparison has both values, or the level is neutral.
    #[inline]
    pub(crate) fn level_of(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> Option<usize> {
        self.reached(a, b)
            .filter(|&level| !self.levels.get(level).is_some_and(|level| level.neutral))
    }

    /// The level a pair reaches, neutral or not; `None` when no field of
    /// the comparison has both values.
    #[inline]
    pub(crate) fn reached(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> Option<usize> {
        if let [field] = self.fields[..] {
            // One field (most comparisons): no lookup per condition.
            let Some((x, y)) = a.text(field).zip(b.text(field)) else {
                return self.one_sided_level(a, b);
            };
            let mut memo = Similarities::default();
            return self.levels.iter().position(|level| {
                level
                    .conditions
                    .iter()
                    .all(|condition| condition.test.holds(field, (a, b), x, y, &mut memo))
            });
        }
        let mut values: SmallVec<[FieldValues<'_>; 4]> = self
            .fields
            .iter()
            .map(|&field| FieldValues {
                field,
                texts: a.text(field).zip(b.text(field)),
                memo: Similarities::default(),
            })
            .collect();
        if values.iter().all(|value| value.texts.is_none()) {
            return None;
        }
        self.levels.iter().position(|level| {
            level.conditions.iter().all(|condition| {
                match values
                    .iter_mut()
                    .find(|value| value.field == condition.field)
                {
                    Some(FieldValues {
                        texts: Some((x, y)),
                        memo,
                        ..
                    }) => condition.test.holds(condition.field, (a, b), x, y, memo),
                    Some(FieldValues { memo, .. }) if condition.test.is_one_sided() => {
                        condition.test.holds(condition.field, (a, b), "", "", memo)
                    }
                    _ => false,
                }
            })
        })
    }

    /// [`level_of`](Self::level_of) reading the values' numbers in
    /// `interned` where the comparison's field has them; with a `cache`
    /// (this comparison's alone), the levels of pairs of numbered values
    /// are remembered there: the first level whose tests read only the
    /// two values is looked up, and only the levels before it that read
    /// more are tested.
    #[inline]
    pub(crate) fn level_of_interned(
        &self,
        a: &PreparedRecord<'_>,
        b: &PreparedRecord<'_>,
        interned: &InternedStore,
        cache: Option<&ComparisonCache>,
    ) -> Option<usize> {
        self.reached_interned(a, b, interned, cache)
            .filter(|&level| !self.levels.get(level).is_some_and(|level| level.neutral))
    }

    /// [`reached`](Self::reached) reading the values' numbers in
    /// `interned` where the comparison's field has them, through `cache`
    /// when there is one.
    #[inline]
    fn reached_interned(
        &self,
        a: &PreparedRecord<'_>,
        b: &PreparedRecord<'_>,
        interned: &InternedStore,
        cache: Option<&ComparisonCache>,
    ) -> Option<usize> {
        let (&[field], Some(values)) = (&self.fields[..], interned.field(self.field())) else {
            return self.reached(a, b);
        };
        let (Some(x), Some(y)) = (
            interned.value(a.index(), field),
            interned.value(b.index(), field),
        ) else {
            if cache.is_some_and(|cache| !cache.one_sided()) {
                return None;
            }
            return self.one_sided_level(a, b);
        };
        let swapped = cache.and_then(ComparisonCache::swapped);
        let holds = |level: &Level, memo: &mut Similarities| {
            level.conditions.iter().all(|condition| match swapped {
                Some(swapped) if swapped.serves(&condition.test) => {
                    swapped.holds(field, (a, b), (x, y), values, interned)
                }
                _ => condition
                    .test
                    .holds_interned(field, (a, b), (x, y), values, memo),
            })
        };
        let Some((cache, reading_more)) =
            cache.and_then(|cache| cache.levels().map(|levels| (levels, cache.reading_more())))
        else {
            let mut memo = Similarities::default();
            return self.levels.iter().position(|level| holds(level, &mut memo));
        };
        let by_values = cache.level(x, y, || {
            let mut memo = Similarities::default();
            first_holding(!reading_more, self.levels.len(), |level| {
                holds(&self.levels[level], &mut memo)
            })
        });
        let before = by_values.unwrap_or(self.levels.len());
        let mut memo = Similarities::default();
        first_holding(reading_more, before, |level| {
            holds(&self.levels[level], &mut memo)
        })
        .or(by_values)
    }

    /// Whether some test of the comparison is
    /// [one-sided](LevelTest::is_one_sided) (without one, a pair with a
    /// value missing reaches no level).
    pub(crate) fn has_one_sided_test(&self) -> bool {
        self.levels
            .iter()
            .flat_map(|level| &level.conditions)
            .any(|condition| condition.test.is_one_sided())
    }

    /// The comparison's levels whose tests read more than the field's
    /// two values (see [`LevelTest::reads_only_values`]), a bit each,
    /// the first level lowest (a comparison has fewer than
    /// [`MAX_LEVELS`] levels: building and loading check it).
    pub(crate) fn levels_reading_more(&self) -> u32 {
        self.levels
            .iter()
            .take(MAX_LEVELS)
            .enumerate()
            .filter(|(_, level)| !level.reads_only_values())
            .fold(0, |bits, (position, _)| bits | 1 << position)
    }

    /// Whether remembering levels per pair of values (see
    /// [`LevelCache`]) saves work: the comparison reads one field and
    /// some level measures the similarity of strings. Word and set
    /// overlaps are not worth it: they read short lists of numbers (most
    /// pairs settle from the lists' summaries), and a pair of sets or
    /// texts seldom recurs (5 million distinct pairs of co-inventor sets
    /// among 7.3 million candidate pairs).
    pub(crate) fn caches_levels(&self) -> bool {
        self.fields.len() == 1
            && self.levels.iter().any(|level| {
                level.conditions.iter().any(|condition| {
                    matches!(
                        condition.test,
                        LevelTest::JaroWinkler { .. }
                            | LevelTest::Levenshtein { .. }
                            | LevelTest::Damerau { .. }
                            | LevelTest::Transposition
                            | LevelTest::Soundex
                            | LevelTest::Metaphone
                            | LevelTest::Nickname
                            | LevelTest::QGramDice { .. }
                    )
                })
            })
    }

    /// Per level, for levels weighed by term frequency, the weight of a
    /// pair sharing each value of the comparison's field numbered in
    /// `interned` ([`level_weight`](Self::level_weight) of a record
    /// holding it); `None` for other levels, and for every level when the
    /// field is not numbered or the frequencies cannot be read.
    pub(crate) fn interned_level_weights(
        &self,
        store: &PreparedStore,
        interned: &InternedStore,
    ) -> Vec<Option<Vec<f64>>> {
        let values = match (&self.fields[..], interned.field(self.field())) {
            (&[_], Some(values)) if self.has_term_frequencies() => values,
            _ => return vec![None; self.levels.len()],
        };
        self.levels
            .iter()
            .enumerate()
            .map(|(level, entry)| {
                entry.term_frequency.then(|| {
                    (0..values.len() as u32)
                        .map(|value| {
                            match values.holder(value).and_then(|holder| store.record(holder)) {
                                Some(holder) => self.level_weight(level, &holder),
                                None => entry.cached_weight,
                            }
                        })
                        .collect()
                })
            })
            .collect()
    }

    /// The level a pair with one value of a one-field comparison missing
    /// reaches: the first whose tests are all
    /// [one-sided](LevelTest::is_one_sided) and hold (the handle tests
    /// read the records themselves); `None` for every other comparison.
    #[cold]
    fn one_sided_level(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> Option<usize> {
        let mut memo = Similarities::default();
        self.levels.iter().position(|level| {
            !level.conditions.is_empty()
                && level.conditions.iter().all(|condition| {
                    condition.test.is_one_sided()
                        && condition
                            .test
                            .holds(condition.field, (a, b), "", "", &mut memo)
                })
        })
    }

    /// The level a pair reaches (its position in
    /// [`levels`](Self::levels)); `None` when no field of the comparison
    /// has both values, so the comparison weighs nothing (as it does at a
    /// [neutral](Level::is_neutral) level).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{Comparison, LevelTest};
    /// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    ///
    /// let schema = Schema::builder().field("given", FieldKind::GivenName).build()?;
    /// let given = Comparison::new(&schema, "given", &[LevelTest::Exact, LevelTest::Nickname])?;
    /// let mut store = PreparedStore::new(schema);
    /// let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[
    ///     OwnedRecord::new("1").with("given", "Bill"),
    ///     OwnedRecord::new("2").with("given", "William"),
    ///     OwnedRecord::new("3"),
    /// ])?;
    /// let r: Vec<_> = store.records().collect();
    /// assert_eq!(given.level(&r[0], &r[1]), Some(1));
    /// assert_eq!(given.level(&r[0], &r[2]), None);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn level(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> Option<usize> {
        self.reached(a, b)
    }

    /// The u probability a pair at `level` sharing `value` stands for:
    /// the value's frequency for term-frequency levels, else the level's u.
    #[inline]
    pub(crate) fn u_of(&self, level: usize, value: &str) -> f64 {
        match (self.levels.get(level), &self.term_frequencies) {
            (Some(level), Some(frequencies)) if level.term_frequency && frequencies.is_active() => {
                frequencies.frequency(value).clamp(MIN_PROBABILITY, 1.0)
            }
            (Some(level), _) => level.u,
            (None, _) => 1.0,
        }
    }

    /// The weight of a pair: its level's `log2(m / u)`, term-frequency
    /// adjusted; 0 when a value is missing.
    #[inline]
    pub(crate) fn weight_of(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> f64 {
        match self.level_of(a, b) {
            Some(level) => self.level_weight(level, a),
            None => 0.0,
        }
    }

    /// The weight of `level` for a pair whose first record is `a`. The
    /// same first name (`Wei A.` and `Wei`) weighs no more than exact
    /// agreement on that first name (`Wei` and `Wei`), which term
    /// frequencies make small for a common name.
    #[inline]
    pub(crate) fn level_weight(&self, level: usize, a: &PreparedRecord<'_>) -> f64 {
        let Some(entry) = self.levels.get(level) else {
            return 0.0;
        };
        let active = || {
            self.term_frequencies
                .as_ref()
                .is_some_and(TermFrequencies::is_active)
        };
        if entry.term_frequency {
            if !active() {
                return entry.cached_weight;
            }
            let value = a.text(self.field()).unwrap_or_default();
            (entry.m / self.u_of(level, value)).log2()
        } else if matches!(entry.conditions.as_slice(), [only] if only.test == LevelTest::SameFirstName)
            && active()
        {
            let first = first_word(a.text(self.field()).unwrap_or_default());
            match self.levels.iter().position(|level| level.term_frequency) {
                Some(exact) => entry
                    .cached_weight
                    .min((self.levels[exact].m / self.u_of(exact, first)).log2()),
                None => entry.cached_weight,
            }
        } else {
            entry.cached_weight
        }
    }

    /// Checks a loaded comparison against the schema: a
    /// [`ModelError`], or the [`BuildError`] of a level test's parameter.
    pub(crate) fn validate(&self, schema: &Schema) -> Result<()> {
        let mismatch = |reason: String| Error::from(ModelError::Mismatch { reason });
        if self.fields.is_empty() {
            return Err(mismatch(format!(
                "comparison `{}` tests no field",
                self.name
            )));
        }
        if self.levels.is_empty() || self.levels.len() >= MAX_LEVELS {
            return Err(Error::from(ModelError::Format {
                reason: format!(
                    "comparison `{}` has {} levels",
                    self.name,
                    self.levels.len()
                ),
            }));
        }
        if self.field_names.len() != self.fields.len() {
            return Err(Error::from(ModelError::Format {
                reason: format!(
                    "comparison `{}` lists {} fields but {} names",
                    self.name,
                    self.fields.len(),
                    self.field_names.len()
                ),
            }));
        }
        for (&field, name) in self.fields.iter().zip(&self.field_names) {
            match schema.try_field(field) {
                Some(found) if found.is_metadata() => {
                    return Err(mismatch(format!(
                        "comparison `{}` is for field `{name}`, which is metadata in this schema",
                        self.name
                    )));
                }
                Some(found) if found.name() == name => {}
                Some(found) => {
                    return Err(mismatch(format!(
                        "comparison `{}` is for field `{name}`, which is not field number {} (`{}`) of this schema",
                        self.name,
                        field.index(),
                        found.name()
                    )));
                }
                None => {
                    return Err(mismatch(format!(
                        "comparison `{}` is for field `{name}`, which this schema lacks",
                        self.name
                    )));
                }
            }
        }
        let primary = self.field();
        for level in &self.levels {
            if level.term_frequency && !level.is_exact_on(primary) {
                return Err(Error::from(ModelError::Format {
                    reason: format!(
                        "level `{}` of `{}` weighs term frequencies but is not exact agreement on `{}`",
                        level.label,
                        self.name,
                        self.field_names.first().map_or("", String::as_str)
                    ),
                }));
            }
            for condition in &level.conditions {
                if !self.fields.contains(&condition.field) {
                    return Err(mismatch(format!(
                        "level `{}` of `{}` tests a field the comparison does not list",
                        level.label, self.name
                    )));
                }
                condition.test.validate(schema, condition.field)?;
            }
            if !(level.m > 0.0 && level.m <= 1.0 && level.u > 0.0 && level.u <= 1.0) {
                return Err(Error::from(ModelError::Format {
                    reason: format!(
                        "level `{}` of `{}` has m = {} and u = {}, not probabilities in (0, 1]",
                        level.label, self.name, level.m, level.u
                    ),
                }));
            }
        }
        if let Some(frequencies) = &self.term_frequencies {
            frequencies
                .validate()
                .map_err(|reason| ModelError::Format {
                    reason: format!("term frequencies of `{}`: {reason}", self.name),
                })?;
        }
        Ok(())
    }
}

/// Reads a comparison's fields, refusing none (every comparison has a
/// first field).
fn at_least_one_field<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Vec<FieldId>, D::Error> {
    let fields = Vec::<FieldId>::deserialize(deserializer)?;
    if fields.is_empty() {
        return Err(serde::de::Error::custom(
            "a comparison needs at least one field",
        ));
    }
    Ok(fields)
}

/// One field's two values while a pair's levels are tested.
struct FieldValues<'a> {
    field: FieldId,
    texts: Option<(&'a str, &'a str)>,
    memo: Similarities,
}

/// A level's description: its tests, with field names when the
/// comparison spans several fields.
fn label(schema: &Schema, conditions: &[Condition], name_fields: bool) -> String {
    if conditions.is_empty() {
        return "else".to_string();
    }
    conditions
        .iter()
        .map(|condition| {
            let test = condition.test.label(schema);
            match schema.try_field(condition.field) {
                Some(field) if name_fields => format!("{} {test}", field.name()),
                _ => test,
            }
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Starting m and u: agreement levels likelier among matches, `else`
/// among non-matches.
fn initial_probabilities(position: usize, count: usize) -> (f64, f64) {
    if position + 1 == count {
        return (0.1, 0.9);
    }
    let agreeing = (count - 1) as f64;
    let m = 0.9 * 0.5f64.powi(position as i32 + 1) / (1.0 - 0.5f64.powi(agreeing as i32));
    let u = 0.1 / agreeing;
    (m, u)
}

/// The first of the levels among `levels` (a bit each, the first
/// lowest) and below `before` for which `holds` is true.
#[inline]
fn first_holding(
    levels: u32,
    before: usize,
    mut holds: impl FnMut(usize) -> bool,
) -> Option<usize> {
    let below = if before >= 32 {
        u32::MAX
    } else {
        (1u32 << before) - 1
    };
    let mut left = levels & below;
    while left != 0 {
        let level = left.trailing_zeros() as usize;
        if holds(level) {
            return Some(level);
        }
        left &= left - 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::FieldKind;

    fn schema() -> Schema {
        Schema::builder()
            .field("given", FieldKind::GivenName)
            .build()
            .unwrap()
    }

    #[test]
    fn levels_end_with_else_and_start_as_probabilities() {
        let given = Comparison::new(
            &schema(),
            "given",
            &[
                LevelTest::Exact,
                LevelTest::JaroWinkler { at_least: 0.9 },
                LevelTest::Else,
            ],
        )
        .unwrap();
        assert_eq!(given.levels().len(), 3);
        let m: f64 = given.levels().iter().map(Level::m).sum();
        let u: f64 = given.levels().iter().map(Level::u).sum();
        assert!((m - 1.0).abs() < 1e-12, "{m}");
        assert!((u - 1.0).abs() < 1e-12, "{u}");
        assert!(given.levels()[0].weight() > given.levels()[1].weight());
        assert!(given.levels()[2].weight() < 0.0);
    }

    #[test]
    fn bad_level_lists_are_rejected_by_name() {
        let schema = schema();
        assert_eq!(
            Comparison::new(&schema, "given", &[]),
            Err(BuildError::InvalidParameter {
                name: "levels",
                reason: "the comparison of `given` has no levels".into()
            })
        );
        assert_eq!(
            Comparison::new(&schema, "given", &[LevelTest::Else, LevelTest::Exact])
                .unwrap_err()
                .to_string(),
            "invalid parameter `levels`: the comparison of `given` has levels after `else`"
        );
        assert_eq!(
            Comparison::across(&schema, "x", &[&[], &[("given", LevelTest::Exact)]])
                .unwrap_err()
                .to_string(),
            "invalid parameter `levels`: the comparison of `x` has levels after `else`"
        );
        assert_eq!(
            Comparison::across(&schema, "x", &[&[]])
                .unwrap_err()
                .to_string(),
            "invalid parameter `levels`: the comparison of `x` tests no field"
        );
        assert_eq!(
            Comparison::new(&schema, "given", &[LevelTest::Exact; 31])
                .unwrap_err()
                .to_string(),
            "invalid parameter `levels`: the comparison of `given` has 32 levels, at most 31 fit"
        );
        assert!(Comparison::new(&schema, "given", &[LevelTest::Exact; 30]).is_ok());
        assert_eq!(
            Comparison::new(&schema, "nope", &[LevelTest::Exact]),
            Err(BuildError::UnknownField("nope".into()))
        );
    }

    #[test]
    fn builder_settings_and_exact_errors() {
        let schema = Schema::builder()
            .field("given", FieldKind::GivenName)
            .field("family", FieldKind::FamilyName)
            .build()
            .unwrap();
        let mut builder = Comparison::builder(&schema, "family");
        assert_eq!(
            builder.build(),
            Err(BuildError::InvalidParameter {
                name: "levels",
                reason: "the comparison of `family` has no levels".into()
            })
        );
        builder.levels(&[LevelTest::Exact, LevelTest::Soundex]);
        let plain = builder.build().unwrap();
        assert_eq!(
            plain,
            Comparison::new(&schema, "family", &[LevelTest::Exact, LevelTest::Soundex]).unwrap()
        );
        assert!(plain.levels().iter().all(|level| !level.is_neutral()));
        assert!(!plain.uses_term_frequencies());

        builder.term_frequencies(true).neutral(1).neutral(1);
        let tuned = builder.build().unwrap();
        let neutral: Vec<bool> = tuned.levels().iter().map(Level::is_neutral).collect();
        assert_eq!(neutral, [false, true, false]);
        let adjusted: Vec<bool> = tuned
            .levels()
            .iter()
            .map(Level::is_term_frequency_adjusted)
            .collect();
        assert_eq!(adjusted, [true, false, false]);
        builder.term_frequencies(false);
        assert!(!builder.build().unwrap().uses_term_frequencies());

        builder.neutral(3);
        assert_eq!(
            builder.build(),
            Err(BuildError::InvalidParameter {
                name: "level",
                reason: "level 3 of a comparison with 3 levels".into()
            })
        );

        // Levels across fields replace the one-field levels.
        let across = Comparison::builder(&schema, "names")
            .levels_across(&[&[("given", LevelTest::Exact), ("family", LevelTest::Exact)]])
            .build()
            .unwrap();
        assert_eq!(across.fields().len(), 2);
        assert_eq!(
            Comparison::builder(&schema, "names")
                .levels(&[LevelTest::Exact])
                .build(),
            Err(BuildError::UnknownField("names".into()))
        );
        assert_eq!(
            Comparison::builder(&schema, "names")
                .levels(&[LevelTest::Exact])
                .levels_across(&[&[("nope", LevelTest::Exact)]])
                .build(),
            Err(BuildError::UnknownField("nope".into()))
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// The default comparisons of names (with the swapped-names level,
        /// which reads the other name), a city, an employer, a set and a
        /// text give every pair the same level through a comparison's
        /// caches of four slots each (the levels of pairs of values, and
        /// the halves of the swapped-names test; pairs collide and
        /// overwrite each other), asked twice over, as without them.
        #[test]
        fn cached_levels_are_the_levels(
            rows in proptest::collection::vec(
                (
                    // One pool for both names: swapped names are common.
                    proptest::string::string_regex("(ann|anna|lee|leigh|bob)?").unwrap(),
                    proptest::string::string_regex("(ann|anna|lee|leigh|bob)?").unwrap(),
                    proptest::string::string_regex("(acme corp|acme|corp acme)?").unwrap(),
                    proptest::string::string_regex("((a|b|c)(\\|(a|b|c)){0,3})?").unwrap(),
                    proptest::string::string_regex("((of|the|pump|valve) ){0,4}").unwrap(),
                ),
                2..9,
            )
        ) {
            let schema = Schema::builder()
                .field("given", FieldKind::GivenName)
                .field("family", FieldKind::FamilyName)
                .field("city", FieldKind::City)
                .field("employer", FieldKind::Organisation)
                .field("classes", FieldKind::Set)
                .field("title", FieldKind::Text)
                .build()
                .unwrap();
            let mut store = PreparedStore::new(schema.clone());
            let source = store.add_source("s", false).unwrap();
            let records: Vec<crate::record::OwnedRecord> = rows
                .iter()
                .map(|(given, family, employer, classes, title)| {
                    crate::record::OwnedRecord::without_id()
                        .with("given", given)
                        .with("family", family)
                        .with("city", family)
                        .with("employer", employer)
                        .with("classes", classes)
                        .with("title", title)
                })
                .collect();
            store.ingest(source, &records).unwrap();
            let comparisons = crate::matcher::default_comparisons(&schema);
            proptest::prop_assert!(comparisons.iter().any(Comparison::caches_levels));
            let interned = InternedStore::for_comparisons(&store, &comparisons);
            let swaps = |comparison: &Comparison| {
                ComparisonCache::for_comparison(comparison, &interned, 2)
                    .swapped()
                    .is_some()
            };
            proptest::prop_assert!(comparisons.iter().any(swaps));
            let records: Vec<_> = store.records().collect();
            for comparison in &comparisons {
                let cache = ComparisonCache::for_comparison(comparison, &interned, 2);
                for _ in 0..2 {
                    for a in &records {
                        for b in &records {
                            proptest::prop_assert_eq!(
                                comparison.level_of_interned(a, b, &interned, Some(&cache)),
                                comparison.level_of_interned(a, b, &interned, None),
                                "{}",
                                comparison.name()
                            );
                        }
                    }
                }
            }
        }
    }
}
