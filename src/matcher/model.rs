//! The Fellegi-Sunter model: scoring, explaining, saving and loading.

use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use super::comparison::Comparison;
use super::dependence::{Dependence, Resolved, is_a_spelling};
use super::explain::{Explanation, FieldExplanation, Reveal};
use super::interned::InternedStore;
use super::level_cache::ComparisonCache;
use super::report::{TrainingReport, TrainingWarning};
use super::source_prior::{self, SourcePrior, SourcePriorTable};
use super::term_frequency::{Inactive, ModelWarning, TermFrequencyKey};
use super::{Matcher, Score};
use crate::error::{BuildError, Error, ModelError, Result};
use crate::id::{FieldId, RecordIndex};
use crate::prepare::{PrepareOptions, PreparedRecord, PreparedStore};
use crate::record::Record;
use crate::schema::Schema;

/// The `format` tag of a saved model.
///
/// # Examples
///
/// ```
/// assert_eq!(sameas::matcher::MODEL_FORMAT, "sameas-fellegi-sunter");
/// ```
pub const MODEL_FORMAT: &str = "sameas-fellegi-sunter";

/// The version of the saved-model format this crate writes and reads.
///
/// # Examples
///
/// ```
/// assert_eq!(sameas::matcher::MODEL_VERSION, 1);
/// ```
pub const MODEL_VERSION: u32 = 1;

/// A Fellegi-Sunter model: a prior (the probability that two records
/// drawn at random match; a pair of sources may have its own, see
/// [`SourcePrior`]) and one [`Comparison`] per compared field. A pair's
/// match weight is `log2(prior / (1 - prior))` plus each field's
/// `log2(m / u)` at the level the pair reaches; missing values add 0.
///
/// Build one with [`Trainer`](super::Trainer) (no labels needed), or with
/// [`FellegiSunter::new`] from known probabilities. Scoring allocates
/// nothing for values of up to 64 characters.
///
/// # Examples
///
/// ```
/// use sameas::matcher::{Comparison, FellegiSunter, LevelTest, Matcher};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
///
/// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
/// let mut email = Comparison::new(&schema, "email", &[LevelTest::Exact])?;
/// email.set_probabilities(0, 0.9, 0.001)?; // exact
/// email.set_probabilities(1, 0.1, 0.999)?; // else
/// let model = FellegiSunter::new(&schema, 0.001, vec![email])?;
///
/// let mut store = PreparedStore::new(schema.clone());
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[
///     OwnedRecord::new("1").with("email", "ann@example.com"),
///     OwnedRecord::new("2").with("email", "ANN@example.com"),
///     OwnedRecord::new("3").with("email", "bob@example.com"),
/// ])?;
/// let r: Vec<_> = store.records().collect();
/// let agree = (0.001f64 / 0.999).log2() + (0.9f64 / 0.001).log2();
/// assert!((model.score(&r[0], &r[1]).weight() - agree).abs() < 1e-12);
/// assert!(model.score(&r[0], &r[2]).probability() < 0.001);
///
/// // Saved and loaded, it scores the same.
/// let loaded = FellegiSunter::from_json(&model.to_json(), &schema)?;
/// assert_eq!(loaded.score(&r[0], &r[1]), model.score(&r[0], &r[1]));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FellegiSunter {
    schema: Schema,
    prior: f64,
    prior_weight: f64,
    comparisons: Vec<Comparison>,
    dependences: Vec<Dependence>,
    resolved: Vec<Resolved>,
    /// Per comparison, the positions in `resolved` of the dependences
    /// whose dependent it is, in order (scoring looks at no other).
    resolved_by_dependent: Vec<Vec<usize>>,
    /// Priors of pairs of sources that differ from `prior`.
    source_priors: Vec<SourcePrior>,
    training: Option<Box<TrainingReport>>,
}

/// The saved form of a model.
#[derive(Serialize, Deserialize)]
struct SavedModel {
    format: String,
    version: u32,
    schema: Schema,
    prior: f64,
    comparisons: Vec<Comparison>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    dependences: Vec<Dependence>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    source_priors: Vec<SourcePrior>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    training: Option<TrainingReport>,
}

impl FellegiSunter {
    /// A model for `schema` from a prior match probability and
    /// comparisons whose probabilities are known.
    ///
    /// # Errors
    ///
    /// The crate's [`Error`] wrapping [`ModelError::NoComparisons`]
    /// without comparisons, [`BuildError::InvalidParameter`] for a prior
    /// outside `(0, 1)`, or [`ModelError::Mismatch`] for a
    /// comparison built for another schema.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{Comparison, FellegiSunter, LevelTest, ModelError};
    /// use sameas::{FieldKind, Schema};
    ///
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let email = Comparison::new(&schema, "email", &[LevelTest::Exact])?;
    /// assert!(FellegiSunter::new(&schema, 0.01, vec![email.clone()]).is_ok());
    /// assert!(FellegiSunter::new(&schema, 1.0, vec![email]).is_err());
    /// assert_eq!(FellegiSunter::new(&schema, 0.01, vec![]), Err(ModelError::NoComparisons.into()));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn new(schema: &Schema, prior: f64, comparisons: Vec<Comparison>) -> Result<FellegiSunter> {
        FellegiSunter::assemble(schema.clone(), prior, comparisons, None)
    }

    /// Checks and builds a model.
    pub(crate) fn assemble(
        schema: Schema,
        prior: f64,
        mut comparisons: Vec<Comparison>,
        training: Option<TrainingReport>,
    ) -> Result<FellegiSunter> {
        if comparisons.is_empty() {
            return Err(ModelError::NoComparisons.into());
        }
        if !(prior > 0.0 && prior < 1.0) {
            return Err(BuildError::InvalidParameter {
                name: "prior",
                reason: format!("a probability in (0, 1), got {prior}"),
            }
            .into());
        }
        for comparison in &mut comparisons {
            comparison.validate(&schema)?;
            comparison.refresh_weights();
        }
        Ok(FellegiSunter {
            prior_weight: (prior / (1.0 - prior)).log2(),
            schema,
            prior,
            comparisons,
            dependences: Vec::new(),
            resolved: Vec::new(),
            resolved_by_dependent: Vec::new(),
            source_priors: Vec::new(),
            training: training.map(Box::new),
        })
    }

    /// The model with `dependences` in place of its own: fields whose
    /// agreement counts for less when another field agrees (see
    /// [`Dependence`]). Training finds them; this sets them by hand.
    ///
    /// # Errors
    ///
    /// [`ModelError::Mismatch`] for a dependence naming a comparison the
    /// model lacks; [`BuildError::InvalidParameter`] for a dependence
    /// whose probability is not in `(0, 1]` (as read from a file).
    ///
    /// # Examples
    ///
    /// See [`Dependence`].
    pub fn with_dependences(mut self, dependences: Vec<Dependence>) -> Result<FellegiSunter> {
        let mut resolved = Vec::with_capacity(dependences.len());
        for dependence in &dependences {
            dependence.check()?;
            let Some(found) = Resolved::new(dependence, &self.comparisons) else {
                return Err(ModelError::Mismatch {
                    reason: format!(
                        "dependence of `{}` (level {}) on `{}` names a comparison or \
                         level the model lacks",
                        dependence.dependent(),
                        dependence.level(),
                        dependence.condition()
                    ),
                }
                .into());
            };
            resolved.push(found);
        }
        // Empty without dependences, as a model built without them has
        // it (models compare equal by their fields).
        let lists = if resolved.is_empty() {
            0
        } else {
            self.comparisons.len()
        };
        let mut by_dependent = vec![Vec::new(); lists];
        for (index, dependence) in resolved.iter().enumerate() {
            by_dependent[dependence.dependent].push(index);
        }
        self.dependences = dependences;
        self.resolved = resolved;
        self.resolved_by_dependent = by_dependent;
        Ok(self)
    }

    /// The fields whose agreement counts for less when another agrees
    /// (households: the family name at a shared address).
    pub fn dependences(&self) -> &[Dependence] {
        &self.dependences
    }

    /// The model with `priors` in place of its own priors per pair of
    /// sources: a pair between two sources `priors` names is scored with
    /// that prior, any other with [`prior`](Self::prior). A run of
    /// several sources estimates them (see [`SourcePrior`]); this sets
    /// them by hand. Of two priors naming the same pair of sources the
    /// first is kept; they are kept in the order of the sources' names.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{Comparison, FellegiSunter, LevelTest, Matcher, SourcePrior};
    /// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    ///
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let email = Comparison::new(&schema, "email", &[LevelTest::Exact])?;
    /// let model = FellegiSunter::new(&schema, 0.01, vec![email])?
    ///     .with_source_priors(vec![SourcePrior::new("census", "census", 0.001)?]);
    ///
    /// let mut store = PreparedStore::new(schema);
    /// let census = store.add_source("census", false)?;
    /// let tax = store.add_source("tax", false)?;
    /// let ann = OwnedRecord::new("1").with("email", "ann@x.org");
    /// store.ingest(census, &[ann.clone(), ann.clone()])?;
    /// store.ingest(tax, &[ann])?;
    /// let r: Vec<_> = store.records().collect();
    /// // Within the census the pair starts from 0.001, across from 0.01.
    /// let shift = model.score(&r[0], &r[2]).weight() - model.score(&r[0], &r[1]).weight();
    /// assert!((shift - (SourcePrior::new("a", "b", 0.01)?.weight() - SourcePrior::new("a", "b", 0.001)?.weight())).abs() < 1e-12);
    /// assert_eq!(model.explain(&r[0], &r[1], Default::default()).prior_weight(), model.source_priors()[0].weight());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    #[must_use]
    pub fn with_source_priors(mut self, priors: Vec<SourcePrior>) -> FellegiSunter {
        self.source_priors = source_prior::canonical(priors);
        self
    }

    /// The priors per pair of sources that differ from the model's
    /// [`prior`](Self::prior) (see [`SourcePrior`]); empty for a model
    /// of one prior.
    pub fn source_priors(&self) -> &[SourcePrior] {
        &self.source_priors
    }

    /// The prior weights of `store`'s pairs of sources, by number.
    pub(crate) fn source_prior_table(&self, store: &PreparedStore) -> SourcePriorTable {
        SourcePriorTable::of(store, &self.source_priors, self.prior_weight)
    }

    /// The probability that two records drawn at random match.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::matcher::{Comparison, FellegiSunter, LevelTest};
    /// # use sameas::{FieldKind, Schema};
    /// # let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// # let email = Comparison::new(&schema, "email", &[LevelTest::Exact])?;
    /// let model = FellegiSunter::new(&schema, 0.2, vec![email])?;
    /// assert_eq!(model.prior(), 0.2);
    /// assert_eq!(model.prior_weight(), -2.0);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn prior(&self) -> f64 {
        self.prior
    }

    /// The model with `prior` in place of its own, and `warning` added
    /// to its training report (see
    /// [`TrainingWarning::PriorBelowEvidence`](super::TrainingWarning::PriorBelowEvidence)).
    pub(crate) fn raise_prior(
        &mut self,
        prior: f64,
        warning: super::TrainingWarning,
    ) -> Result<(), BuildError> {
        if !(prior > 0.0 && prior < 1.0) {
            return Err(BuildError::InvalidParameter {
                name: "prior",
                reason: format!("a probability in (0, 1), got {prior}"),
            });
        }
        self.prior = prior;
        self.prior_weight = Score::from_probability(prior).weight();
        if let Some(training) = &mut self.training {
            training.warnings.push(warning);
        }
        Ok(())
    }

    /// The prior as a match weight, `log2(prior / (1 - prior))`.
    pub fn prior_weight(&self) -> f64 {
        self.prior_weight
    }

    /// The comparisons, in scoring order.
    pub fn comparisons(&self) -> &[Comparison] {
        &self.comparisons
    }

    /// The fields of the comparisons training found not to identify
    /// (see [`TrainingWarning::DateNotIdentifying`]), which the default
    /// blocking rules leave out.
    pub(crate) fn not_identifying_fields(&self) -> Vec<FieldId> {
        let Some(report) = self.training() else {
            return Vec::new();
        };
        report
            .warnings
            .iter()
            .filter_map(|warning| match warning {
                TrainingWarning::DateNotIdentifying { comparison } => Some(comparison),
                _ => None,
            })
            .filter_map(|name| self.comparisons.iter().find(|c| c.name() == name))
            .flat_map(|comparison| comparison.fields().iter().copied())
            .collect()
    }

    /// The comparisons, to change their term-frequency counts (erasure).
    pub(crate) fn comparisons_mut(&mut self) -> &mut [Comparison] {
        &mut self.comparisons
    }

    /// The schema the model was built for.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// What training did (sessions, pairs, iterations, convergence);
    /// `None` for a model built from known probabilities.
    pub fn training(&self) -> Option<&TrainingReport> {
        self.training.as_deref()
    }

    /// What the host should know before relying on the model's scores:
    /// term frequencies it cannot read (saved under a key it was not
    /// given, or not saved). Empty for a model trained in this process.
    ///
    /// # Examples
    ///
    /// See [`use_term_frequency_key`](Self::use_term_frequency_key).
    pub fn warnings(&self) -> Vec<ModelWarning> {
        let (mut missing, mut not_saved) = (Vec::new(), Vec::new());
        for comparison in &self.comparisons {
            match comparison
                .term_frequency_table()
                .and_then(|table| table.inactive())
            {
                Some(Inactive::KeyMissing) => missing.push(comparison.name().to_string()),
                Some(Inactive::NotSaved) => not_saved.push(comparison.name().to_string()),
                None => {}
            }
        }
        let mut warnings = Vec::new();
        if !missing.is_empty() {
            warnings.push(ModelWarning::TermFrequencyKeyMissing {
                comparisons: missing,
            });
        }
        if !not_saved.is_empty() {
            warnings.push(ModelWarning::TermFrequenciesNotSaved {
                comparisons: not_saved,
            });
        }
        warnings
    }

    /// Reads the term frequencies of a loaded model with the key they
    /// were hashed under when trained (see [`TermFrequencyKey`]). A model
    /// never given its key scores without term-frequency adjustment and
    /// says so in [`warnings`](Self::warnings).
    ///
    /// # Errors
    ///
    /// [`ModelError::TermFrequencyKeyMismatch`] when the model's term
    /// frequencies were hashed under another key; the model is left as
    /// it was.
    ///
    /// # Examples
    ///
    /// ```
    /// # #[cfg(feature = "synthetic")] {
    /// use sameas::matcher::{FellegiSunter, ModelError, ModelWarning, TermFrequencyKey, Trainer};
    /// use sameas::synthetic::{PeopleGenerator, SyntheticData}; // feature `synthetic`
    ///
    /// let data = PeopleGenerator::builder().seed(3).entities(300).build()?.generate();
    /// let store = data.prepared_store()?;
    /// let key = TermFrequencyKey::new("a secret the host keeps")?;
    /// let mut trainer = Trainer::new(&store);
    /// trainer.random_pairs(20_000).pairs_per_rule(20_000).term_frequency_key(key.clone());
    /// let model = trainer.train()?;
    /// assert!(model.warnings().is_empty());
    ///
    /// let mut loaded = FellegiSunter::from_json(&model.to_json(), store.schema())?;
    /// assert!(matches!(loaded.warnings()[..], [ModelWarning::TermFrequencyKeyMissing { .. }]));
    /// assert_eq!(
    ///     loaded.use_term_frequency_key(&TermFrequencyKey::new("another secret, wrong")?),
    ///     Err(ModelError::TermFrequencyKeyMismatch { comparison: "given".into() })
    /// );
    /// loaded.use_term_frequency_key(&key)?;
    /// assert!(loaded.warnings().is_empty());
    /// assert_eq!(loaded, model);
    /// # }
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn use_term_frequency_key(&mut self, key: &TermFrequencyKey) -> Result<(), ModelError> {
        let mut unlocked = self.comparisons.clone();
        for comparison in &mut unlocked {
            let saved_keyed = comparison
                .term_frequency_table()
                .is_some_and(|table| table.inactive() == Some(Inactive::KeyMissing));
            if saved_keyed && !comparison.unlock_term_frequencies(key) {
                return Err(ModelError::TermFrequencyKeyMismatch {
                    comparison: comparison.name().to_string(),
                });
            }
        }
        self.comparisons = unlocked;
        Ok(())
    }

    /// The model as versioned JSON (`format`, `version`, the schema, the
    /// prior, the comparisons with m, u and term frequencies (hashes of
    /// values shared by at least `k` records, keyed with the host's
    /// [`TermFrequencyKey`] that is never saved; none without a key),
    /// and the training report).
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::matcher::{Comparison, FellegiSunter, LevelTest};
    /// # use sameas::{FieldKind, Schema};
    /// # let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// # let email = Comparison::new(&schema, "email", &[LevelTest::Exact])?;
    /// let model = FellegiSunter::new(&schema, 0.2, vec![email])?;
    /// assert!(model.to_json().starts_with(r#"{"format":"sameas-fellegi-sunter","version":1,"#));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        let saved = SavedModel {
            format: MODEL_FORMAT.to_string(),
            version: MODEL_VERSION,
            schema: self.schema.clone(),
            prior: self.prior,
            comparisons: self.comparisons.clone(),
            dependences: self.dependences.clone(),
            source_priors: self.source_priors.clone(),
            training: self.training.as_deref().cloned(),
        };
        // Every value in a model serialises (weights are finite).
        serde_json::to_string(&saved).unwrap_or_default()
    }

    /// Loads a model saved by [`to_json`](Self::to_json), for `schema`.
    ///
    /// # Errors
    ///
    /// [`ModelError::Format`] for text that is not a model of this format
    /// and version (or holds impossible probabilities);
    /// [`ModelError::Mismatch`] for a model trained for another schema.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{Comparison, FellegiSunter, LevelTest};
    /// use sameas::matcher::ModelError;
    /// use sameas::{FieldKind, Schema};
    ///
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let model = FellegiSunter::new(&schema, 0.2, vec![Comparison::new(&schema, "email", &[LevelTest::Exact])?])?;
    /// assert_eq!(FellegiSunter::from_json(&model.to_json(), &schema)?, model);
    ///
    /// let other = Schema::builder().field("phone", FieldKind::Phone).build()?;
    /// assert!(matches!(FellegiSunter::from_json(&model.to_json(), &other), Err(ModelError::Mismatch { .. })));
    /// assert!(matches!(FellegiSunter::from_json("{}", &schema), Err(ModelError::Format { .. })));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn from_json(json: &str, schema: &Schema) -> Result<FellegiSunter, ModelError> {
        #[derive(Deserialize)]
        struct Header {
            format: String,
            version: u32,
        }
        let format_error = |error: serde_json::Error| ModelError::Format {
            reason: error.to_string(),
        };
        let header: Header = serde_json::from_str(json).map_err(format_error)?;
        if header.format != MODEL_FORMAT {
            return Err(ModelError::Format {
                reason: format!("format `{}`, expected `{MODEL_FORMAT}`", header.format),
            });
        }
        if header.version != MODEL_VERSION {
            return Err(ModelError::Format {
                reason: format!(
                    "version {}, this crate reads version {MODEL_VERSION}",
                    header.version
                ),
            });
        }
        let saved: SavedModel = serde_json::from_str(json).map_err(format_error)?;
        if &saved.schema != schema {
            return Err(ModelError::Mismatch {
                reason: schema_difference(&saved.schema, schema),
            });
        }
        FellegiSunter::assemble(saved.schema, saved.prior, saved.comparisons, saved.training)
            .and_then(|model| model.with_dependences(saved.dependences))
            .map(|model| model.with_source_priors(saved.source_priors))
            .map_err(|error| match error {
                Error::Model(error) => error,
                other => ModelError::Format {
                    reason: other.to_string(),
                },
            })
    }

    /// Scores two host records against the model, without a store: they
    /// are prepared on the fly with the model's schema and `options`
    /// (use the options the model's records were prepared with), and
    /// scored as the batch pipeline scores two records of the same values
    /// from sources without a prior of their own: from the model's own
    /// prior, where a pair of two sources with a [`SourcePrior`] starts
    /// from that.
    /// Costs one small store per call; score many pairs through a
    /// [`PreparedStore`] instead.
    ///
    /// # Errors
    ///
    /// [`StoreError::ColumnTooLarge`](crate::StoreError::ColumnTooLarge) (in [`Error::Store`](crate::Error::Store)) for values past 4 GiB: a bad value is
    /// never an error (it counts as missing, as at ingestion).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{Comparison, FellegiSunter, LevelTest};
    /// use sameas::{FieldKind, OwnedRecord, PrepareOptions, Schema};
    ///
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let mut email = Comparison::new(&schema, "email", &[LevelTest::Exact])?;
    /// email.set_probabilities(0, 0.9, 0.001)?;
    /// email.set_probabilities(1, 0.1, 0.999)?;
    /// let model = FellegiSunter::new(&schema, 0.001, vec![email])?;
    ///
    /// let options = PrepareOptions::default();
    /// let a = OwnedRecord::new("1").with("email", "Ann@Example.com");
    /// let b = [("email", "ann@example.com")];
    /// let score = model.score_records(&a, &b, &options)?;
    /// let agree = (0.001f64 / 0.999).log2() + (0.9f64 / 0.001).log2();
    /// assert!((score.weight() - agree).abs() < 1e-12);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn score_records<A, B>(&self, a: &A, b: &B, options: &PrepareOptions) -> Result<Score>
    where
        A: Record + ?Sized,
        B: Record + ?Sized,
    {
        let store = PreparedStore::of_pair(&self.schema, options, &a, &b)?;
        let (a, b) = store.pair()?;
        Ok(self.score(&a, &b))
    }

    /// Explains the score of two host records, prepared on the fly as
    /// in [`score_records`](Self::score_records).
    ///
    /// # Errors
    ///
    /// As [`score_records`](Self::score_records).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{Comparison, FellegiSunter, LevelTest, Reveal};
    /// use sameas::{FieldKind, OwnedRecord, PrepareOptions, Schema};
    ///
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let email = Comparison::new(&schema, "email", &[LevelTest::Exact])?;
    /// let model = FellegiSunter::new(&schema, 0.001, vec![email])?;
    /// let a = OwnedRecord::new("1").with("email", "Ann@Example.com");
    /// let b = OwnedRecord::new("2").with("email", "ann@example.com");
    /// let explanation = model.explain_records(&a, &b, &PrepareOptions::default(), Reveal::All)?;
    /// assert_eq!(explanation.fields()[0].level(), Some("exact"));
    /// assert_eq!(explanation.score(), model.score_records(&a, &b, &PrepareOptions::default())?);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn explain_records<A, B>(
        &self,
        a: &A,
        b: &B,
        options: &PrepareOptions,
        reveal: Reveal,
    ) -> Result<Explanation>
    where
        A: Record + ?Sized,
        B: Record + ?Sized,
    {
        let store = PreparedStore::of_pair(&self.schema, options, &a, &b)?;
        let (a, b) = store.pair()?;
        Ok(self.explain(&a, &b, reveal))
    }

    /// The match weight of a pair: prior plus each comparison's weight.
    #[inline]
    pub(crate) fn weight(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> f64 {
        if !self.resolved.is_empty() {
            return self.weight_with_dependences(a, b);
        }
        self.comparisons
            .iter()
            .fold(self.prior_weight_of(a, b), |total, comparison| {
                total + comparison.weight_of(a, b)
            })
    }

    /// The prior weight of a pair: that of its sources where the model
    /// holds one (see [`SourcePrior`]), else the model's.
    fn prior_weight_of(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> f64 {
        self.source_prior_of(a, b)
            .map_or(self.prior_weight, SourcePrior::weight)
    }

    /// The prior of the pair's sources, when the model holds one.
    fn source_prior_of(
        &self,
        a: &PreparedRecord<'_>,
        b: &PreparedRecord<'_>,
    ) -> Option<&SourcePrior> {
        if self.source_priors.is_empty() {
            return None;
        }
        let (a, b) = (a.source_name(), b.source_name());
        self.source_priors.iter().find(|prior| prior.between(a, b))
    }

    /// The match weight when some fields depend on others: each
    /// comparison's level and weight, then the dependents' weights
    /// lowered where their condition holds.
    fn weight_with_dependences(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> f64 {
        let levels = self.levels(a, b);
        let mut total = self.prior_weight_of(a, b);
        for (position, (comparison, &level)) in self.comparisons.iter().zip(&levels).enumerate() {
            let usual = level.map_or(0.0, |level| comparison.level_weight(level, a));
            total += self.dependent_weight(position, &levels, usual).0;
        }
        total
    }

    /// Each comparison's level for scoring (`None`: missing or neutral).
    fn levels(
        &self,
        a: &PreparedRecord<'_>,
        b: &PreparedRecord<'_>,
    ) -> SmallVec<[Option<usize>; 16]> {
        self.comparisons
            .iter()
            .map(|comparison| comparison.level_of(a, b))
            .collect()
    }

    /// Comparison `position`'s weight given every comparison's level: its
    /// `usual` weight, or less where a dependence that lowers it holds,
    /// else more where one that raises it holds (with the dependence).
    /// A dependence that lowers a stronger level of the comparison caps
    /// this one too when it is a weaker spelling of the same value
    /// (`is_a_spelling`): under the same condition a typo never says more
    /// than the value spelt right (a household's family name with a typo
    /// is no better evidence than the same name spelt right at that
    /// address); `else` and a set's or a text's shared members keep
    /// their weight.
    #[inline]
    fn dependent_weight(
        &self,
        position: usize,
        levels: &[Option<usize>],
        usual: f64,
    ) -> (f64, Option<usize>) {
        let indices = self
            .resolved_by_dependent
            .get(position)
            .map_or(&[][..], Vec::as_slice);
        let (Some(level), false) = (levels[position], indices.is_empty()) else {
            return (usual, None);
        };
        let mut lowered = (usual, None);
        let mut raised = (usual, None);
        for &index in indices {
            let dependence = &self.resolved[index];
            if dependence.level > level || !dependence.holds(levels[dependence.condition]) {
                continue;
            }
            if dependence.level < level {
                // A lowering caps the weaker spellings of the value
                // (a household's family name misspelt, its double
                // surname's part), not a set's or a text's shared
                // members, which have their own dependences, nor
                // `else`: two colleagues on one patent share its title,
                // which says nothing of two titles sharing some words
                // or none.
                if !dependence.raises
                    && dependence.weight < lowered.0
                    && is_a_spelling(&self.comparisons[position].levels()[level], &self.schema)
                {
                    lowered = (dependence.weight, Some(index));
                }
            } else if dependence.raises {
                if dependence.weight > raised.0 {
                    raised = (dependence.weight, Some(index));
                }
            } else if dependence.weight < lowered.0 {
                lowered = (dependence.weight, Some(index));
            }
        }
        if lowered.1.is_some() { lowered } else { raised }
    }
}

/// Slots of each table of a [`ComparisonCache`] when scoring: 2^15 (256
/// KiB). Candidate pairs come sorted by their first record, so the pairs
/// of values that recur do so close together: at 133,000 inventor
/// mentions (80,000 distinct pairs of first names among 7.3 million
/// candidate pairs) 2^13 slots scored as fast as 2^16 while every
/// record's text was read ahead. It no longer is, so a miss costs a read
/// of the text: the tables miss 1.3 million of 31 million look-ups at
/// 2^15 slots, 2.1 million at 2^13.
pub(super) const LEVEL_CACHE_BITS: u32 = 15;

/// A model ready to score many pairs of one store: the store's compared
/// values numbered (see [`InternedStore`]) and the term-frequency weight
/// of each value worked out once. Scores are those of
/// [`FellegiSunter::score`], bit for bit.
pub(crate) struct PairScorer<'a> {
    model: &'a FellegiSunter,
    store: &'a PreparedStore,
    interned: InternedStore,
    /// Per comparison and level, the weight of each value number, for
    /// levels weighed by term frequency.
    level_weights: Vec<Vec<Option<Vec<f64>>>>,
    /// Per comparison, the levels of the pairs of values seen, for
    /// comparisons that measure string similarity (see
    /// [`Comparison::caches_levels`]), and the halves of a swapped-names
    /// test seen.
    level_caches: Vec<ComparisonCache>,
    /// The prior weights of the store's pairs of sources, when the model
    /// holds priors per pair of sources.
    source_priors: SourcePriorTable,
}

impl<'a> PairScorer<'a> {
    /// Numbers the values `model` compares in `store`, or takes
    /// `interned` when it numbers just those (the numbering the model's
    /// training made).
    pub(crate) fn with_interned(
        model: &'a FellegiSunter,
        store: &'a PreparedStore,
        interned: Option<InternedStore>,
    ) -> PairScorer<'a> {
        let interned = match interned {
            Some(interned) if interned.serves(store, &model.comparisons) => interned,
            _ => InternedStore::for_comparisons(store, &model.comparisons),
        };
        let level_weights = crate::par::map(&model.comparisons, |comparison| {
            comparison.interned_level_weights(store, &interned)
        });
        let level_caches = model
            .comparisons
            .iter()
            .map(|comparison| {
                ComparisonCache::for_comparison(comparison, &interned, LEVEL_CACHE_BITS)
            })
            .collect();
        PairScorer {
            model,
            store,
            interned,
            level_weights,
            level_caches,
            source_priors: model.source_prior_table(store),
        }
    }

    /// The numbers of the store's values, for a scorer of another model
    /// of the same comparisons.
    pub(crate) fn into_interned(self) -> InternedStore {
        self.interned
    }

    /// Scores `pairs` on all cores, in order; a pair naming a record the
    /// store lacks scores as a certain non-match.
    pub(crate) fn score_pairs(&self, pairs: &[(RecordIndex, RecordIndex)]) -> Vec<Score> {
        /// Pairs whose records are read together before they are scored
        /// (see [`score_pairs`](super::score_pairs)).
        const BATCH: usize = 2048;
        let score_batch = |batch: &[(RecordIndex, RecordIndex)]| -> Vec<Score> {
            let records = || batch.iter().flat_map(|&(a, b)| [a, b]);
            // Only the records' numbers: most pairs are settled from them
            // and the caches, so reading every record's text ahead (as
            // training does) would cost more misses than it saves.
            std::hint::black_box(self.interned.warm(records()));
            std::hint::black_box(self.warm_level_caches(batch));
            batch
                .iter()
                .map(
                    |&(a, b)| match (self.store.record(a), self.store.record(b)) {
                        (Some(a), Some(b)) => Score::from_weight(self.weight(&a, &b)),
                        _ => Score::from_weight(f64::NEG_INFINITY),
                    },
                )
                .collect()
        };
        crate::par::flat_map_chunks(pairs, BATCH, score_batch)
    }

    /// The match weight of a pair, as [`FellegiSunter::weight`] adds it
    /// up.
    #[inline]
    fn weight(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> f64 {
        let model = self.model;
        let prior_weight = self
            .source_priors
            .weight(a.source(), b.source())
            .unwrap_or(model.prior_weight);
        if model.resolved.is_empty() {
            return model.comparisons.iter().enumerate().fold(
                prior_weight,
                |total, (position, comparison)| {
                    total
                        + match self.level_of(position, comparison, a, b) {
                            Some(level) => self.level_weight(position, level, a),
                            None => 0.0,
                        }
                },
            );
        }
        let levels: SmallVec<[Option<usize>; 16]> = model
            .comparisons
            .iter()
            .enumerate()
            .map(|(position, comparison)| self.level_of(position, comparison, a, b))
            .collect();
        let mut total = prior_weight;
        for (position, &level) in levels.iter().enumerate() {
            let usual = level.map_or(0.0, |level| self.level_weight(position, level, a));
            total += model.dependent_weight(position, &levels, usual).0;
        }
        total
    }

    /// Reads the level-cache slots of `batch`'s pairs, so that their
    /// loads overlap; returns a value that depends on every load.
    fn warm_level_caches(&self, batch: &[(RecordIndex, RecordIndex)]) -> u64 {
        let mut sum = 0u64;
        for (comparison, cache) in self.model.comparisons.iter().zip(&self.level_caches) {
            let Some(cache) = cache.levels() else {
                continue;
            };
            let field = comparison.field();
            for &(a, b) in batch {
                if let (Some(x), Some(y)) =
                    (self.interned.value(a, field), self.interned.value(b, field))
                {
                    sum = sum.wrapping_add(cache.warm(x, y));
                }
            }
        }
        sum
    }

    /// The level comparison `position` gives the pair, through its
    /// level cache when it has one.
    #[inline]
    fn level_of(
        &self,
        position: usize,
        comparison: &Comparison,
        a: &PreparedRecord<'_>,
        b: &PreparedRecord<'_>,
    ) -> Option<usize> {
        let cache = self.level_caches.get(position);
        comparison.level_of_interned(a, b, &self.interned, cache)
    }

    /// [`Comparison::level_weight`] of comparison `position`, read from
    /// the values' weights where worked out.
    #[inline]
    fn level_weight(&self, position: usize, level: usize, a: &PreparedRecord<'_>) -> f64 {
        let comparison = &self.model.comparisons[position];
        let table = self
            .level_weights
            .get(position)
            .and_then(|levels| levels.get(level))
            .and_then(Option::as_ref);
        match table.zip(self.interned.value(a.index(), comparison.field())) {
            Some((weights, value)) => weights[value as usize],
            None => comparison.level_weight(level, a),
        }
    }
}

/// The first difference between a model's schema and the caller's.
fn schema_difference(model: &Schema, given: &Schema) -> String {
    for (position, (expected, got)) in model.fields().iter().zip(given.fields()).enumerate() {
        if expected.name() != got.name() || expected.kind() != got.kind() {
            return format!(
                "field {position} is `{}` ({}) in the model, `{}` ({}) here",
                expected.name(),
                expected.kind(),
                got.name(),
                got.kind()
            );
        }
        if expected.is_sensitive() != got.is_sensitive() {
            return format!("field `{}` differs in sensitivity", expected.name());
        }
        if expected.is_metadata() != got.is_metadata() {
            return format!("field `{}` is metadata in one schema only", expected.name());
        }
        if expected.item_separator() != got.item_separator() {
            return format!(
                "field `{}` separates its items otherwise (`{}` in the model, `{}` here)",
                expected.name(),
                expected.item_separator().map_or("|".into(), String::from),
                got.item_separator().map_or("|".into(), String::from)
            );
        }
    }
    format!(
        "the model has {} fields, this schema {}",
        model.len(),
        given.len()
    )
}

impl Matcher for FellegiSunter {
    fn score(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> Score {
        Score::from_weight(self.weight(a, b))
    }

    fn explain(
        &self,
        a: &PreparedRecord<'_>,
        b: &PreparedRecord<'_>,
        reveal: Reveal,
    ) -> Explanation {
        let levels = self.levels(a, b);
        let fields = self
            .comparisons
            .iter()
            .enumerate()
            .map(|(position, comparison)| {
                let mut label = String::new();
                let (reached, weight) = match comparison.reached(a, b) {
                    Some(level) => {
                        let value = a.text(comparison.field()).unwrap_or_default();
                        let entry = &comparison.levels()[level];
                        let usual = if entry.is_neutral() {
                            0.0
                        } else {
                            comparison.level_weight(level, a)
                        };
                        let mut u = comparison.u_of(level, value);
                        label.push_str(entry.label());
                        let (weight, dependence) = self.dependent_weight(position, &levels, usual);
                        let mut m = entry.m();
                        if let Some(index) = dependence {
                            let resolved = &self.resolved[index];
                            u = self.dependences[index].u();
                            if resolved.level != level {
                                // Capped at a stronger level's weight there.
                                let stronger = &comparison.levels()[resolved.level];
                                m = stronger.m();
                                label.push_str(", at most ");
                                label.push_str(stronger.label());
                            }
                            label.push_str(if resolved.raises {
                                ", rare with "
                            } else {
                                ", with "
                            });
                            label.push_str(self.dependences[index].condition());
                        }
                        (Some((m, u)), weight)
                    }
                    None => (None, 0.0),
                };
                FieldExplanation::compared(
                    &self.schema,
                    comparison.name(),
                    comparison.fields(),
                    (a, b),
                    reveal,
                    reached.map(|(m, u)| (label.as_str(), m, u)),
                    weight,
                )
            })
            .collect();
        let own = self.source_prior_of(a, b);
        let prior_weight = own.map_or(self.prior_weight, SourcePrior::weight);
        let explanation = Explanation::new(prior_weight, fields, self.score(a, b));
        match own.map(SourcePrior::sources) {
            Some([x, y]) => explanation.with_prior_sources(x, y),
            None => explanation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::LevelTest;
    use crate::matcher::level::MAX_FUZZY_BYTES;
    use crate::record::OwnedRecord;
    use crate::schema::FieldKind;

    fn schema() -> Schema {
        Schema::builder()
            .field("email", FieldKind::Email)
            .field("family", FieldKind::FamilyName)
            .build()
            .unwrap()
    }

    fn model() -> FellegiSunter {
        let schema = schema();
        let mut email = Comparison::new(&schema, "email", &[LevelTest::Exact]).unwrap();
        email.set_probabilities(0, 0.9, 0.001).unwrap();
        email.set_probabilities(1, 0.1, 0.999).unwrap();
        FellegiSunter::new(&schema, 0.01, vec![email]).unwrap()
    }

    fn format_error(json: &str) -> String {
        FellegiSunter::from_json(json, &schema())
            .unwrap_err()
            .to_string()
    }

    /// Asserts that a [`PairScorer`] gives every pair the bits of the
    /// model's own score (a pair naming a record the store lacks: `-inf`).
    fn assert_scorer_agrees(
        model: &FellegiSunter,
        store: &PreparedStore,
        pairs: &[(RecordIndex, RecordIndex)],
    ) {
        // Numbered here, reused as numbered for the model, and numbered
        // anew when what is given does not serve the model (nothing
        // numbered).
        let numberings = [
            None,
            Some(InternedStore::for_comparisons(store, &model.comparisons)),
            Some(InternedStore::build(store, &[], MAX_FUZZY_BYTES)),
        ];
        for numbering in numberings {
            let scores = PairScorer::with_interned(model, store, numbering).score_pairs(pairs);
            assert_scores_agree(model, store, pairs, &scores);
        }
    }

    fn assert_scores_agree(
        model: &FellegiSunter,
        store: &PreparedStore,
        pairs: &[(RecordIndex, RecordIndex)],
        scores: &[Score],
    ) {
        assert_eq!(scores.len(), pairs.len());
        for (&(a, b), score) in pairs.iter().zip(scores) {
            let expected = match (store.record(a), store.record(b)) {
                (Some(a), Some(b)) => model.score(&a, &b),
                _ => Score::from_weight(f64::NEG_INFINITY),
            };
            assert_eq!(
                score.weight().to_bits(),
                expected.weight().to_bits(),
                "pair {} / {}",
                a.get(),
                b.get()
            );
        }
    }

    /// Every pair of the store's records, and one naming no record.
    fn all_pairs(store: &PreparedStore) -> Vec<(RecordIndex, RecordIndex)> {
        let r = RecordIndex::from_position;
        let mut pairs: Vec<_> = (0..store.len())
            .flat_map(|a| (0..store.len()).map(move |b| (r(a), r(b))))
            .collect();
        pairs.push((r(0), r(store.len())));
        pairs
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// Values drawn from few words, so that pairs reach every level:
        /// word sets, sets in and out of order (a set test on a category),
        /// values too long for similarity tests, missing values, term
        /// frequencies and a dependence.
        #[test]
        fn the_pair_scorer_scores_random_values_as_the_model_does(
            rows in proptest::collection::vec(
                (
                    proptest::string::string_regex("(ann|anna|bob|jo)?").unwrap(),
                    proptest::collection::vec(
                        proptest::string::string_regex("(of|the|pump|valve|pumps)").unwrap(),
                        0..4,
                    ),
                    proptest::string::string_regex("((a|b|c)(\\|(a|b|c)){0,3})?").unwrap(),
                    0..3usize,
                ),
                2..9,
            )
        ) {
            let schema = Schema::builder()
                .field("given", FieldKind::GivenName)
                .field("title", FieldKind::Text)
                .field("classes", FieldKind::Set)
                .field("tags", FieldKind::Category)
                .build()
                .unwrap();
            let mut store = PreparedStore::new(schema.clone());
            let source = store.add_source("s", false).unwrap();
            let long = "pump ".repeat(300);
            let records: Vec<OwnedRecord> = rows
                .iter()
                .map(|(given, words, set, shape)| {
                    let title = match shape {
                        0 => words.join(" "),
                        1 => format!("{long}{}", words.join(" ")),
                        _ => long.clone(),
                    };
                    OwnedRecord::without_id()
                        .with("given", given)
                        .with("title", &title)
                        .with("classes", set)
                        // Unsorted and repeated items: the set test walks them as given.
                        .with("tags", set.chars().rev().collect::<String>())
                })
                .collect();
            store.ingest(source, &records).unwrap();
            let built = |name: &str, tests: &[LevelTest], frequencies: bool| {
                let mut comparison = Comparison::builder(&schema, name)
                    .levels(tests)
                    .term_frequencies(frequencies)
                    .build()
                    .unwrap();
                comparison.count_term_frequencies(
                    &store,
                    &crate::matcher::term_frequency::TermFrequencyOptions::default(),
                );
                comparison
            };
            let comparisons = vec![
                built("given", &[LevelTest::Exact, LevelTest::JaroWinkler { at_least: 0.8 }], true),
                built(
                    "title",
                    &[
                        LevelTest::Exact,
                        LevelTest::TokenJaccard { at_least: 0.6 },
                        LevelTest::TokenJaccard { at_least: 0.3 },
                    ],
                    true,
                ),
                built("classes", &[LevelTest::Exact, LevelTest::SetOverlap], false),
                built("tags", &[LevelTest::SetOverlap], false),
            ];
            let model = FellegiSunter::new(&schema, 0.01, comparisons).unwrap();
            assert_scorer_agrees(&model, &store, &all_pairs(&store));
            let dependent = model
                .clone()
                .with_dependences(vec![Dependence::new("title", "given", 0.2).unwrap()])
                .unwrap();
            assert_scorer_agrees(&dependent, &store, &all_pairs(&store));
        }
    }

    #[test]
    fn bad_files_give_the_exact_error() {
        let json = model().to_json();
        assert_eq!(
            format_error(&json.replace(MODEL_FORMAT, "other")),
            "not a sameas model: format `other`, expected `sameas-fellegi-sunter`"
        );
        assert_eq!(
            format_error(&json.replace(r#""version":1"#, r#""version":9"#)),
            "not a sameas model: version 9, this crate reads version 1"
        );
        assert_eq!(
            format_error(&json.replace(r#""m":0.9"#, r#""m":1.5"#)),
            "not a sameas model: level `exact` of `email` has m = 1.5 and u = 0.001, \
             not probabilities in (0, 1]"
        );
        assert!(format_error("[").starts_with("not a sameas model: "));
        let other = Schema::builder()
            .field("email", FieldKind::Email)
            .field("family", FieldKind::GivenName)
            .build()
            .unwrap();
        assert_eq!(
            FellegiSunter::from_json(&json, &other)
                .unwrap_err()
                .to_string(),
            "the model does not fit this schema: field 1 is `family` (family_name) in the model, \
             `family` (given_name) here"
        );
    }

    #[test]
    fn the_prior_must_be_a_probability() {
        let schema = schema();
        let email = Comparison::new(&schema, "email", &[LevelTest::Exact]).unwrap();
        for prior in [0.0, 1.0, -0.5, f64::NAN] {
            assert!(
                matches!(
                    FellegiSunter::new(&schema, prior, vec![email.clone()]),
                    Err(Error::Build(BuildError::InvalidParameter {
                        name: "prior",
                        ..
                    }))
                ),
                "{prior}"
            );
        }
    }

    #[test]
    fn a_lowering_dependence_caps_the_dependents_fuzzy_levels() {
        let schema = Schema::builder()
            .field("family", FieldKind::FamilyName)
            .field("address", FieldKind::Address)
            .build()
            .unwrap();
        let mut family = Comparison::new(
            &schema,
            "family",
            &[LevelTest::Exact, LevelTest::JaroWinkler { at_least: 0.9 }],
        )
        .unwrap();
        family.set_probabilities(0, 0.85, 0.01).unwrap();
        family.set_probabilities(1, 0.1, 0.001).unwrap();
        family.set_probabilities(2, 0.05, 0.989).unwrap();
        let mut address = Comparison::new(&schema, "address", &[LevelTest::Exact]).unwrap();
        address.set_probabilities(0, 0.8, 0.0001).unwrap();
        address.set_probabilities(1, 0.2, 0.9999).unwrap();
        let model = FellegiSunter::new(&schema, 0.001, vec![family, address])
            .unwrap()
            .with_dependences(vec![Dependence::new("address", "family", 0.6).unwrap()])
            .unwrap();
        let mut store = PreparedStore::new(schema);
        let crm = store.add_source("crm", false).unwrap();
        let record = |id: &str, family: &str, address: &str| {
            OwnedRecord::new(id)
                .with("family", family)
                .with("address", address)
        };
        store
            .ingest(
                crm,
                &[
                    record("1", "Nunez", "1 Main St"),
                    record("2", "Nunez", "1 Main St"),
                    record("3", "Nnuez", "1 Main St"),
                    record("4", "Nnuez", "9 Oak Ave"),
                    record("5", "Lopez", "1 Main St"),
                ],
            )
            .unwrap();
        let r: Vec<_> = store.records().collect();
        let family_weight = |a: usize, b: usize| {
            model.explain(&r[a], &r[b], Reveal::NonSensitive).fields()[0].weight()
        };
        let exact_at_address = (0.85f64 / 0.6).log2();
        assert!((family_weight(0, 1) - exact_at_address).abs() < 1e-9);
        // A typo of the shared surname weighs no more at the address.
        assert!((family_weight(0, 2) - exact_at_address).abs() < 1e-9);
        // Elsewhere the typo level keeps its weight; "else" is not capped.
        assert!((family_weight(0, 3) - (0.1f64 / 0.001).log2()).abs() < 1e-9);
        assert!((family_weight(0, 4) - (0.05f64 / 0.989).log2()).abs() < 1e-9);
        for (a, b) in [(0, 1), (0, 2), (0, 3), (0, 4)] {
            let explained: f64 = model
                .explain(&r[a], &r[b], Reveal::NonSensitive)
                .fields()
                .iter()
                .map(|field| field.weight())
                .sum::<f64>()
                + model.prior_weight();
            assert!((model.score(&r[a], &r[b]).weight() - explained).abs() < 1e-9);
        }
        assert_scorer_agrees(&model, &store, &all_pairs(&store));
    }

    #[test]
    fn weights_add_up_and_saving_keeps_them() {
        let model = model();
        assert!((model.prior_weight() - (0.01f64 / 0.99).log2()).abs() < 1e-12);
        let loaded = FellegiSunter::from_json(&model.to_json(), &schema()).unwrap();
        assert_eq!(loaded, model);
        assert_eq!(loaded.to_json(), model.to_json());
        assert!(model.warnings().is_empty());
    }
}
