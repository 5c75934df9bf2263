//! The builder-configured entry point: ingest, then resolve.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::coparticipants::Coparticipants;
use super::histogram::ScoreHistogram;
use super::pairs_only;
use super::repeated::{RepeatedIds, SeenIds, filter_repeated};
use super::resolution::{Resolution, UsedMatcher};
use super::scoring::{Keep, score_pairs};
use super::stage::{ProgressCallback, Stage};
use super::stats::{FoundPlaceholder, RunStats};
use crate::block::exact::ExactDuplicates;
use crate::block::{Blocker, BlockingIndex, BlockingOptions, LinkMode, default_blockers_ignoring};
use crate::cluster::{ClusterOptions, cluster_with_duplicates};
use crate::error::{BuildError, ModelError, ResolveError, Result};
use crate::id::SourceId;
use crate::matcher::{FellegiSunter, Matcher, TermFrequencyKey, Trainer};
use crate::prepare::{PrepareOptions, PrepareOptionsBuilder, PreparedStore};
use crate::record::Record;
use crate::schema::Schema;
use crate::survive::{Survivorship, SurvivorshipRules};

/// `store` with its placeholder values (see
/// [`PreparedStore::placeholder_values`]) read as missing, each
/// counted; the store itself when it has none.
fn without_placeholders(store: PreparedStore) -> Result<(PreparedStore, Vec<FoundPlaceholder>)> {
    let found = store.placeholder_values();
    if found.is_empty() {
        return Ok((store, Vec::new()));
    }
    let mut options = PrepareOptionsBuilder::from(store.options().clone());
    let mut counted = Vec::with_capacity(found.len());
    for placeholder in &found {
        let Some(field) = store.schema().try_field(placeholder.field()) else {
            continue;
        };
        options.missing_values(field.name(), &[placeholder.value()]);
        counted.push(FoundPlaceholder {
            field: field.name().to_string(),
            records: placeholder.records(),
        });
    }
    Ok((store.reprepared(options.build()?)?, counted))
}

/// Adjusts the trainer before training (sample sizes, rules, ...).
type TrainingSetup = dyn Fn(&mut Trainer<'_>) + Send + Sync;

/// Where the matcher comes from.
enum MatcherChoice {
    /// Train a Fellegi-Sunter model on the ingested records.
    Train,
    /// A model trained before.
    Model(FellegiSunter),
    /// Any matcher the host supplies.
    Custom(Box<dyn Matcher>),
}

/// Resolves records end to end: ingest → block → score → cluster, with
/// golden records (survive) on demand from the [`Resolution`].
///
/// Every setting has a default taken from the schema: the schema's
/// default blockers as the data keeps them ([`default_blockers_for`](crate::block::default_blockers_for);
/// without a field training found not to identify, see
/// [`TrainingWarning::DateNotIdentifying`](crate::matcher::TrainingWarning::DateNotIdentifying)), a Fellegi-Sunter model trained by [`Trainer`]
/// with its defaults, [`ClusterOptions::new`] (threshold 0.5, chain
/// guard, one-to-one between duplicate-free sources) and
/// [`SurvivorshipRules::new`]. Each can be replaced. Sources are ingested
/// as they are added (so the host can drop its copies and stream large
/// files in batches); [`resolve`](Self::resolve) runs the rest on all
/// cores with the `parallel` feature, with the same result for any
/// thread count. The library prints nothing: progress goes to the
/// [`progress`](Self::progress) callback.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "synthetic")] {
/// use sameas::resolve::Resolver;
/// use sameas::synthetic::{PeopleGenerator, SyntheticData}; // feature `synthetic`
///
/// let data = PeopleGenerator::builder().seed(5).entities(1_000).build()?.generate();
/// let mut resolver = Resolver::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
/// for source in data.sources() {
///     resolver.add_source(source.name(), source.is_duplicate_free(), source.records())?;
/// }
/// let resolution = resolver.resolve()?;
/// assert_eq!(resolution.stats().records as usize, data.record_count());
/// // Fewer entities than records, but not far from the truth.
/// let entities = resolution.clustering().len();
/// assert!(entities < data.record_count() && entities > 900, "{entities}");
/// # }
/// # Ok::<(), sameas::Error>(())
/// ```
pub struct Resolver {
    store: PreparedStore,
    mode: LinkMode,
    blockers: Option<Vec<Box<dyn Blocker>>>,
    blocking_options: BlockingOptions,
    matcher: MatcherChoice,
    /// The training's seed and adjustments, used when it trains.
    training_seed: u64,
    training_setup: Option<Box<TrainingSetup>>,
    cluster_options: ClusterOptions,
    score_floor: Option<f64>,
    survivorship: Option<Box<dyn Survivorship>>,
    progress: Option<Arc<ProgressCallback>>,
    ingest_time: Duration,
    repeated_ids: RepeatedIds,
    /// Per source, the ids seen (unless every record is kept).
    seen_ids: Vec<SeenIds>,
    skipped_records: u64,
    term_frequency_key: Option<TermFrequencyKey>,
    /// Whether placeholder values are read as missing.
    placeholder_values: bool,
}

impl std::fmt::Debug for Resolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resolver")
            .field("records", &self.store.len())
            .field("sources", &self.store.sources().len())
            .field("mode", &self.mode)
            .field("threshold", &self.cluster_options.threshold())
            .finish_non_exhaustive()
    }
}

impl Resolver {
    /// A resolver for records of `schema`, with default
    /// [`PrepareOptions`] and every other default.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::resolve::Resolver;
    /// use sameas::{FieldKind, Schema};
    /// let resolver = Resolver::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// assert!(resolver.store().is_empty());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn new(schema: Schema) -> Resolver {
        Resolver::with_options(schema, PrepareOptions::new())
    }

    /// A resolver that reads values with `options` (the default phone
    /// country, the day/month order of dates).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::PhoneNormalizer;
    /// use sameas::resolve::Resolver;
    /// use sameas::{FieldKind, PrepareOptions, Schema};
    /// let options = PrepareOptions::builder()
    ///     .phones(PhoneNormalizer::builder().default_country("GB").build()?)
    ///     .build()?;
    /// let resolver = Resolver::with_options(Schema::builder().field("phone", FieldKind::Phone).build()?, options);
    /// assert_eq!(resolver.store().schema().len(), 1);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn with_options(schema: Schema, options: PrepareOptions) -> Resolver {
        Resolver {
            store: PreparedStore::with_options(schema, options),
            mode: LinkMode::DedupAndLink,
            blockers: None,
            blocking_options: BlockingOptions::new(),
            matcher: MatcherChoice::Train,
            training_seed: 1,
            training_setup: None,
            cluster_options: ClusterOptions::new(),
            score_floor: None,
            survivorship: None,
            progress: None,
            ingest_time: Duration::ZERO,
            repeated_ids: RepeatedIds::default(),
            seen_ids: Vec::new(),
            skipped_records: 0,
            term_frequency_key: None,
            placeholder_values: true,
        }
    }

    /// Registers a source and ingests its records (timed as the ingest
    /// stage). `duplicate_free` declares that the source holds each
    /// entity at most once: no pair within it is compared, and an entity
    /// takes at most one of its records. More records can follow with
    /// [`extend_source`](Self::extend_source).
    ///
    /// # Errors
    ///
    /// The crate's [`Error`](crate::Error), wrapping, as
    /// [`PreparedStore::add_source`] and [`PreparedStore::ingest`] return them,
    /// [`StoreError::EmptySourceName`](crate::StoreError::EmptySourceName), [`StoreError::DuplicateSource`](crate::StoreError::DuplicateSource),
    /// [`StoreError::TooManySources`](crate::StoreError::TooManySources), [`StoreError::TooManyRecords`](crate::StoreError::TooManyRecords),
    /// [`StoreError::ColumnTooLarge`](crate::StoreError::ColumnTooLarge); [`ResolveError::RepeatedRecordId`]
    /// for a repeated record id (see [`repeated_ids`](Self::repeated_ids)).
    /// On error nothing of the call is kept, the source's name included,
    /// so the call can be retried.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::resolve::Resolver;
    /// use sameas::{Error, FieldKind, OwnedRecord, Schema, StoreError};
    /// let mut resolver = Resolver::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// resolver.add_source("crm", false, &[OwnedRecord::new("1").with("email", "ann@x.org")])?;
    /// assert_eq!(resolver.store().len(), 1);
    /// let again = resolver.add_source("crm", false, &[] as &[OwnedRecord]);
    /// assert_eq!(again, Err(Error::Store(StoreError::DuplicateSource("crm".into()))));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn add_source<R: Record + Sync>(
        &mut self,
        name: &str,
        duplicate_free: bool,
        records: &[R],
    ) -> Result<SourceId> {
        let source = self.store.add_source(name, duplicate_free)?;
        if let Err(error) = self.extend_source(source, records) {
            // Nothing of a failed call stays, the name included.
            self.store.forget_empty_last_source(source);
            self.seen_ids.truncate(self.store.sources().len());
            return Err(error);
        }
        Ok(source)
    }

    /// Ingests more records into a source registered with
    /// [`add_source`](Self::add_source): a large file can be read and
    /// ingested in batches.
    ///
    /// # Errors
    ///
    /// The crate's [`Error`](crate::Error), wrapping, as
    /// [`PreparedStore::ingest`] returns them, [`StoreError::UnknownSource`](crate::StoreError::UnknownSource),
    /// [`StoreError::TooManyRecords`](crate::StoreError::TooManyRecords), [`StoreError::ColumnTooLarge`](crate::StoreError::ColumnTooLarge);
    /// [`ResolveError::RepeatedRecordId`] for an id that repeats one of the
    /// source's (in this call or an earlier one) under
    /// [`RepeatedIds::Reject`]. On error nothing of the call is kept.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::resolve::Resolver;
    /// use sameas::{FieldKind, OwnedRecord, Schema};
    /// let mut resolver = Resolver::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// let crm = resolver.add_source("crm", false, &[OwnedRecord::new("1")])?;
    /// resolver.extend_source(crm, &[OwnedRecord::new("2"), OwnedRecord::new("3")])?;
    /// assert_eq!(resolver.store().len(), 3);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn extend_source<R: Record + Sync>(
        &mut self,
        source: SourceId,
        records: &[R],
    ) -> Result<()> {
        let started = Instant::now();
        // Refused before the ids are looked at: past the store's limit,
        // nothing of the call could be kept anyway.
        if self.store.len() as u64 + records.len() as u64 > crate::MAX_RECORDS as u64 {
            return Err(crate::StoreError::TooManyRecords.into());
        }
        let position = usize::from(source.0);
        if position < self.store.sources().len() && position >= self.seen_ids.len() {
            self.seen_ids.resize_with(position + 1, SeenIds::default);
        }
        let (kept, added) = match self.seen_ids.get_mut(position) {
            Some(seen) => filter_repeated(self.repeated_ids, &self.store, source, records, seen)?,
            None => (None, Default::default()),
        };
        let ingested = match &kept {
            None => self.store.ingest(source, records),
            Some(kept) => {
                let kept: Vec<&R> = kept.iter().filter_map(|&at| records.get(at)).collect();
                self.store.ingest(source, &kept)
            }
        };
        if let Err(error) = ingested {
            if let Some(seen) = self.seen_ids.get_mut(position) {
                seen.undo(added);
            }
            return Err(error.into());
        }
        if let Some(kept) = &kept {
            self.skipped_records += (records.len() - kept.len()) as u64;
        }
        self.ingest_time += started.elapsed();
        if let Some(report) = &self.progress {
            let records = self.store.len() as u64;
            report(Stage::Ingest, records, records);
        }
        Ok(())
    }

    /// The store holding what was ingested so far (for example to build
    /// [`SurvivorshipRules`] that name the sources).
    pub fn store(&self) -> &PreparedStore {
        &self.store
    }

    /// What to do with a record whose id repeats an earlier record's id
    /// in the same source (default [`RepeatedIds::Reject`]: the call
    /// fails with [`ResolveError::RepeatedRecordId`]). Set it before adding
    /// sources: records added under [`RepeatedIds::KeepAll`] are not
    /// remembered, so a later check cannot see them.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::resolve::{RepeatedIds, Resolver};
    /// use sameas::{FieldKind, OwnedRecord, Schema};
    /// let mut resolver = Resolver::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// resolver.repeated_ids(RepeatedIds::KeepAll);
    /// resolver.add_source("crm", false, &[OwnedRecord::new("1"), OwnedRecord::new("1")])?;
    /// assert_eq!(resolver.store().len(), 2);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn repeated_ids(&mut self, policy: RepeatedIds) -> &mut Self {
        self.repeated_ids = policy;
        self
    }

    /// Which pairs are compared: within sources, across them, or both
    /// (the default, [`LinkMode::DedupAndLink`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::block::LinkMode;
    /// use sameas::resolve::Resolver;
    /// use sameas::{FieldKind, Schema};
    /// let mut resolver = Resolver::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// resolver.link_mode(LinkMode::Link);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn link_mode(&mut self, mode: LinkMode) -> &mut Self {
        self.mode = mode;
        self
    }

    /// The blockers that find candidate pairs (instead of the schema's
    /// [`default_blockers_for`](crate::block::default_blockers_for) the
    /// records, without a field training
    /// found not to identify).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::block::{KeyRule, KeyTransform};
    /// use sameas::resolve::Resolver;
    /// use sameas::{FieldKind, Schema};
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let same_email = KeyRule::on(&schema, &[("email", KeyTransform::Exact)])?;
    /// let mut resolver = Resolver::new(schema);
    /// resolver.blockers(vec![Box::new(same_email)]);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn blockers(&mut self, blockers: Vec<Box<dyn Blocker>>) -> &mut Self {
        self.blockers = Some(blockers);
        self
    }

    /// Limits on blocking (default [`BlockingOptions::new`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::block::BlockingOptions;
    /// use sameas::resolve::Resolver;
    /// use sameas::{FieldKind, Schema};
    /// let mut resolver = Resolver::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// resolver.blocking_options(BlockingOptions::builder().max_block_size(100).build()?);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn blocking_options(&mut self, options: BlockingOptions) -> &mut Self {
        self.blocking_options = options;
        self
    }

    /// Use a model trained before (for example loaded with
    /// [`FellegiSunter::from_json`]) instead of training one.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{Comparison, FellegiSunter, LevelTest};
    /// use sameas::resolve::Resolver;
    /// use sameas::{FieldKind, OwnedRecord, Schema};
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let mut email = Comparison::new(&schema, "email", &[LevelTest::Exact])?;
    /// email.set_probabilities(0, 0.95, 0.001)?;
    /// let model = FellegiSunter::new(&schema, 0.01, vec![email])?;
    /// let mut resolver = Resolver::new(schema);
    /// resolver.model(model).add_source("crm", false, &[
    ///     OwnedRecord::new("1").with("email", "ann@x.org"),
    ///     OwnedRecord::new("2").with("email", "Ann@X.org"),
    /// ])?;
    /// let resolution = resolver.resolve()?;
    /// assert_eq!(resolution.clustering().len(), 1);
    /// assert!(!resolution.stats().trained);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn model(&mut self, model: FellegiSunter) -> &mut Self {
        self.matcher = MatcherChoice::Model(model);
        self
    }

    /// Use any [`Matcher`] (a [`RuleMatcher`](crate::matcher::RuleMatcher),
    /// a closure) instead of training a model.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::Score;
    /// use sameas::resolve::Resolver;
    /// use sameas::{FieldKind, OwnedRecord, PreparedRecord, Schema};
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let email = schema.field_id("email")?;
    /// let mut resolver = Resolver::new(schema);
    /// resolver.matcher(move |a: &PreparedRecord<'_>, b: &PreparedRecord<'_>| {
    ///     Score::from_probability(if a.text(email) == b.text(email) { 0.99 } else { 0.0 })
    /// });
    /// resolver.add_source("crm", false, &[
    ///     OwnedRecord::new("1").with("email", "ann@x.org"),
    ///     OwnedRecord::new("2").with("email", "ANN@x.org"),
    /// ])?;
    /// let resolution = resolver.resolve()?;
    /// assert_eq!(resolution.clustering().len(), 1);
    /// assert!(resolution.model().is_none());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn matcher(&mut self, matcher: impl Matcher + 'static) -> &mut Self {
        self.matcher = MatcherChoice::Custom(Box::new(matcher));
        self
    }

    /// The seed of the training's random pairs (default 1); the same
    /// seed and records give the same model. Used only when the resolver
    /// trains: a [`model`](Self::model) or [`matcher`](Self::matcher)
    /// given before or after stays in force.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::resolve::Resolver;
    /// # use sameas::{FieldKind, Schema};
    /// let mut resolver = Resolver::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// resolver.training_seed(42);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn training_seed(&mut self, seed: u64) -> &mut Self {
        self.training_seed = seed;
        self
    }

    /// The secret under which term frequencies are hashed: given to the
    /// trainer (so a saved model keeps its term frequencies, readable
    /// with this key only) and to a [`model`](Self::model) loaded from a
    /// file (so it reads them). See [`TermFrequencyKey`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::TermFrequencyKey;
    /// use sameas::resolve::Resolver;
    /// use sameas::{FieldKind, Schema};
    /// let mut resolver = Resolver::new(Schema::builder().field("family", FieldKind::FamilyName).build()?);
    /// resolver.term_frequency_key(TermFrequencyKey::new("a secret the host keeps")?);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn term_frequency_key(&mut self, key: TermFrequencyKey) -> &mut Self {
        self.term_frequency_key = Some(key);
        self
    }

    /// Whether [`resolve`](Self::resolve) first reads as missing the
    /// values that stand for "not known" (default yes): a date, e-mail,
    /// phone, identifier or handle held by many records of different
    /// people, such as a source's `1900-01-01` (see
    /// [`PreparedStore::placeholder_values`]). Each
    /// found is added to the store's
    /// [`PrepareOptions::missing_values`], so a live state made from the
    /// resolution reads it as missing in later records too, and is
    /// counted in [`RunStats::placeholder_values`](super::RunStats::placeholder_values).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::resolve::Resolver;
    /// use sameas::{FieldKind, OwnedRecord, Schema};
    ///
    /// let schema = Schema::builder()
    ///     .field("name", FieldKind::FullName)
    ///     .field("dob", FieldKind::Date)
    ///     .build()?;
    /// // 400 persons, each tenth dated 1900-01-01; the first 40 twice.
    /// let given = ["Ann", "Bob", "Cleo", "Dev", "Emil", "Fay", "Gus", "Hana", "Ivo", "Jo"];
    /// let people: Vec<OwnedRecord> = (0..440)
    ///     .map(|at| {
    ///         let n = at % 400;
    ///         let dob = if n % 10 == 0 { "1900-01-01".to_string() } else { format!("19{:02}-05-{:02}", n % 100, n % 28 + 1) };
    ///         let name = format!("{} Lee {n}", given[n / 10 % 10]);
    ///         OwnedRecord::new(at.to_string()).with("name", name).with("dob", dob)
    ///     })
    ///     .collect();
    /// let mut resolver = Resolver::new(schema.clone());
    /// resolver.add_source("crm", false, &people)?;
    /// let resolution = resolver.resolve()?;
    /// assert_eq!(resolution.stats().placeholder_values[0].records, 44);
    /// assert_eq!(resolution.store().options().missing_values("dob"), ["1900-01-01"]);
    ///
    /// let mut resolver = Resolver::new(schema);
    /// resolver.add_source("crm", false, &people)?;
    /// resolver.placeholder_values(false);
    /// assert!(resolver.resolve()?.stats().placeholder_values.is_empty());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn placeholder_values(&mut self, read_as_missing: bool) -> &mut Self {
        self.placeholder_values = read_as_missing;
        self
    }

    /// Adjusts the [`Trainer`] before it trains (after the link mode and
    /// seed are set): sample sizes, comparisons, training rules. Used only
    /// when the resolver trains: a [`model`](Self::model) or
    /// [`matcher`](Self::matcher) given before or after stays in force.
    ///
    /// # Examples
    ///
    /// ```
    /// # #[cfg(feature = "synthetic")] {
    /// use sameas::resolve::Resolver;
    /// use sameas::synthetic::{PeopleGenerator, SyntheticData}; // feature `synthetic`
    ///
    /// let data = PeopleGenerator::builder().seed(5).entities(300).build()?.generate();
    /// let mut resolver = Resolver::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
    /// // Fewer random pairs: faster, rarer levels measured less well.
    /// resolver.configure_training(|trainer| {
    ///     trainer.random_pairs(50_000).pairs_per_rule(20_000);
    /// });
    /// for source in data.sources() {
    ///     resolver.add_source(source.name(), source.is_duplicate_free(), source.records())?;
    /// }
    /// assert!(resolver.resolve()?.stats().trained);
    /// # }
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn configure_training(
        &mut self,
        setup: impl Fn(&mut Trainer<'_>) + Send + Sync + 'static,
    ) -> &mut Self {
        self.training_setup = Some(Box::new(setup));
        self
    }

    /// How clusters are formed (default [`ClusterOptions::new`]),
    /// the match threshold included: pairs with at least
    /// [`ClusterOptions::threshold`] are accepted (default 0.5).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::cluster::ClusterOptions;
    /// # use sameas::resolve::Resolver;
    /// # use sameas::{FieldKind, Schema};
    /// let mut resolver = Resolver::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// resolver.cluster_options(ClusterOptions::builder().threshold(0.9).build()?);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn cluster_options(&mut self, options: ClusterOptions) -> &mut Self {
        self.cluster_options = options;
        self
    }

    /// The probability at or above which scored pairs are kept in the
    /// [`Resolution`] (default: the [threshold](ClusterOptions::threshold);
    /// must be in `[0, 1]`). A lower floor keeps near misses for review,
    /// at the cost of memory.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::resolve::Resolver;
    /// # use sameas::{FieldKind, Schema};
    /// let mut resolver = Resolver::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// resolver.score_floor(0.1);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn score_floor(&mut self, probability: f64) -> &mut Self {
        self.score_floor = Some(probability);
        self
    }

    /// How golden records are built (default [`SurvivorshipRules::new`]
    /// of the store at [`resolve`](Self::resolve) time).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::survive::SurvivorshipRules;
    /// # use sameas::resolve::Resolver;
    /// # use sameas::{FieldKind, OwnedRecord, Schema};
    /// let mut resolver = Resolver::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// resolver.add_source("crm", false, &[OwnedRecord::new("1")])?;
    /// let rules = SurvivorshipRules::builder(resolver.store()).source_priority(["crm"]).build()?;
    /// resolver.survivorship(rules);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn survivorship(&mut self, rules: impl Survivorship + 'static) -> &mut Self {
        self.survivorship = Some(Box::new(rules));
        self
    }

    /// A callback told of progress as `(stage, done, total)`; see
    /// [`Stage`]. It runs on the calling thread, between batches of work.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// use sameas::resolve::{Resolver, Stage};
    /// use sameas::{FieldKind, OwnedRecord, Schema};
    ///
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let log = Arc::clone(&seen);
    /// let mut resolver = Resolver::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// resolver.progress(move |stage, done, total| log.lock().unwrap().push((stage, done, total)));
    /// resolver.add_source("crm", false, &[OwnedRecord::new("1"), OwnedRecord::new("2")])?;
    /// assert_eq!(seen.lock().unwrap()[0], (Stage::Ingest, 2, 2));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn progress(
        &mut self,
        callback: impl Fn(Stage, u64, u64) + Send + Sync + 'static,
    ) -> &mut Self {
        self.progress = Some(Arc::new(callback));
        self
    }

    /// Runs training (unless a matcher was given), blocking, scoring and
    /// clustering.
    ///
    /// # Errors
    ///
    /// The crate's [`Error`](crate::Error), wrapping
    /// [`ResolveError::NothingToResolve`] without records;
    /// [`BuildError::InvalidParameter`] for a score floor outside `[0, 1]`
    /// or a training setting of 0 (see [`check`](Self::check));
    /// [`ModelError::Mismatch`] for a model of another schema;
    /// the trainer's errors ([`ModelError::NoTrainingPairs`] when the link mode
    /// leaves no pair to learn from); the clustering's errors.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::resolve::{ResolveError, Resolver};
    /// use sameas::{Error, FieldKind, Schema};
    /// let resolver = Resolver::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// assert_eq!(resolver.resolve().unwrap_err(), Error::Resolve(ResolveError::NothingToResolve));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn resolve(self) -> Result<Resolution> {
        self.check()?;
        let Resolver {
            store,
            mode,
            blockers,
            blocking_options,
            matcher,
            training_seed,
            training_setup,
            cluster_options,
            score_floor,
            survivorship,
            progress,
            ingest_time,
            repeated_ids: _,
            seen_ids,
            skipped_records,
            term_frequency_key,
            placeholder_values,
        } = self;
        drop(seen_ids);
        if store.is_empty() {
            return Err(ResolveError::NothingToResolve.into());
        }
        let started = Instant::now();
        let (store, placeholders) = if placeholder_values {
            without_placeholders(store)?
        } else {
            (store, Vec::new())
        };
        let ingest_time = ingest_time + started.elapsed();
        let threshold = cluster_options.threshold();
        let floor = score_floor.unwrap_or(threshold);
        let report = |stage: Stage, done: u64, total: u64| {
            if let Some(callback) = &progress {
                callback(stage, done, total);
            }
        };

        let mut stats = RunStats {
            records: store.len() as u64,
            sources: store.sources().len() as u64,
            ingest: ingest_time,
            skipped_records,
            absent_fields: store
                .stats()
                .absent_fields()
                .filter_map(|field| store.schema().try_field(field))
                .map(|field| field.name().to_string())
                .collect(),
            placeholder_values: placeholders,
            ..RunStats::default()
        };

        report(Stage::Train, 0, 1);
        let started = Instant::now();
        // Training numbers the store's values; scoring with the model it
        // trained reuses the numbers.
        let mut numbers = None;
        let matcher = match matcher {
            MatcherChoice::Train => {
                stats.trained = true;
                let trainer = configured_trainer(
                    &store,
                    mode,
                    training_seed,
                    &training_setup,
                    term_frequency_key.as_ref(),
                );
                let (model, numbered) = trainer.train_keeping_numbers()?;
                numbers = Some(numbered);
                if let Some(report) = model.training() {
                    stats.training_warnings.clone_from(&report.warnings);
                }
                UsedMatcher::Model(model)
            }
            MatcherChoice::Model(mut model) => {
                if model.schema() != store.schema() {
                    return Err(ModelError::Mismatch {
                        reason: "the model was built for another schema than the resolver's".into(),
                    }
                    .into());
                }
                if let Some(key) = &term_frequency_key {
                    model.use_term_frequency_key(key)?;
                }
                stats.model_warnings = model.warnings();
                UsedMatcher::Model(model)
            }
            MatcherChoice::Custom(matcher) => UsedMatcher::Custom(matcher),
        };
        stats.train = started.elapsed();
        report(Stage::Train, 1, 1);

        report(Stage::Block, 0, 1);
        let started = Instant::now();
        let blockers = blockers.unwrap_or_else(|| {
            let ignored = match &matcher {
                UsedMatcher::Model(model) => model.not_identifying_fields(),
                UsedMatcher::Custom(_) => Vec::new(),
            };
            default_blockers_ignoring(&store, &ignored)
        });
        // The names that keep co-participants apart depend on the store
        // alone: clustering's, worked out meanwhile on a core blocking
        // leaves idle much of the time.
        let ((duplicates, candidates, blocking, blocked_pairs), apart) = crate::par::join(
            || {
                let duplicates = ExactDuplicates::find(&store);
                let index = BlockingIndex::build(&store, blockers, blocking_options);
                let blocked = index.candidate_pairs(&store, mode);
                let blocking = blocked.stats().clone();
                let blocked = blocked.into_pairs();
                let blocked_pairs = blocked.len();
                // Identical records are compared whatever the block sizes.
                let pairs = union_of_sorted(blocked, duplicates.star_pairs(&store, mode));
                (duplicates, pairs, blocking, blocked_pairs)
            },
            || {
                Coparticipants::of(&store)
                    .map(|coparticipants| coparticipants.apart(&store))
                    .unwrap_or_default()
            },
        );
        stats.skipped_blocks = blocking.skipped_blocks();
        stats.skipped_block_pairs = blocking.skipped_pairs;
        stats.identical_pairs_added = (candidates.len() - blocked_pairs) as u64;
        stats.block = started.elapsed();
        stats.candidate_pairs = candidates.len() as u64;
        report(Stage::Block, 1, 1);

        let started = Instant::now();
        let mut scores = ScoreHistogram::new();
        // A model trained here learns priors per pair of sources too.
        let keep = Keep {
            floor: floor.min(threshold),
            source_priors: stats.trained.then_some(mode),
        };
        let scored = score_pairs(
            &matcher,
            &store,
            numbers,
            &candidates,
            keep,
            progress.as_deref(),
            &mut scores,
        );
        drop(candidates);
        let mut pairs = scored.pairs;
        let matcher = match scored.model {
            Some(model) => UsedMatcher::Model(model),
            None => matcher,
        };
        if let UsedMatcher::Model(model) = &matcher {
            stats.prior = Some(model.prior());
            stats.source_priors = model.source_priors().to_vec();
        }
        stats.score = started.elapsed();

        report(Stage::Cluster, 0, 1);
        let started = Instant::now();
        let mut clustering =
            cluster_with_duplicates(&store, &pairs, &cluster_options, Some(&duplicates), &apart)?;
        let mut cluster_options = cluster_options;
        if let Some((strict, seen)) = pairs_only::strict_for_pairs(&clustering, &cluster_options) {
            clustering =
                cluster_with_duplicates(&store, &pairs, &strict, Some(&duplicates), &apart)?;
            cluster_options = strict;
            stats.pairs_only = Some(seen);
        }
        drop(apart);
        drop(duplicates);
        stats.cluster = started.elapsed();
        report(Stage::Cluster, 1, 1);
        if floor > threshold {
            pairs.retain(|pair| pair.score.probability() >= floor);
        }
        pairs.shrink_to_fit();

        let diagnostics = clustering.diagnostics();
        stats.kept_pairs = pairs.len() as u64;
        stats.accepted_pairs = diagnostics.accepted_pairs as u64;
        stats.merges = diagnostics.merges as u64;
        stats.entities = clustering.len() as u64;
        stats.largest_entity = diagnostics.largest_size() as u64;
        stats.refused_by_guard = diagnostics.refused_by_guard as u64;
        stats.refused_by_size_limit = diagnostics.refused_by_size_limit as u64;
        stats.refused_by_one_to_one = diagnostics.refused_by_one_to_one as u64;
        stats.refused_as_coparticipants = diagnostics.refused_as_coparticipants as u64;

        let survivorship = survivorship.unwrap_or_else(|| Box::new(SurvivorshipRules::new(&store)));
        let mut resolution = Resolution::new(
            store,
            clustering,
            pairs,
            matcher,
            survivorship,
            progress,
            cluster_options,
            stats,
            blocking,
            scores,
        );
        resolution.score_floor = floor;
        Ok(resolution)
    }
}

impl Resolver {
    /// Checks the settings without resolving: the score floor, the
    /// training's sample sizes (after
    /// [`configure_training`](Self::configure_training)), and that a
    /// given model fits the schema. The threshold and the other
    /// [`ClusterOptions`] were checked when they were built. [`resolve`]
    /// checks all this first too, but it consumes the resolver; a service
    /// can call this before ingesting millions of records.
    ///
    /// [`resolve`]: Self::resolve
    ///
    /// # Errors
    ///
    /// The crate's [`Error`](crate::Error), wrapping
    /// [`BuildError::InvalidParameter`] for a score floor outside `[0, 1]`
    /// or a training sample size or iteration limit of 0, or
    /// [`ModelError::Mismatch`] for a model built for another schema.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::resolve::Resolver;
    /// use sameas::{BuildError, Error, FieldKind, Schema};
    ///
    /// let mut resolver = Resolver::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// assert_eq!(resolver.check(), Ok(()));
    /// resolver.score_floor(1.5);
    /// assert!(matches!(
    ///     resolver.check(),
    ///     Err(Error::Build(BuildError::InvalidParameter { name: "score_floor", .. }))
    /// ));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn check(&self) -> Result<()> {
        if let Some(floor) = self.score_floor {
            check_probability("score_floor", floor)?;
        }
        match &self.matcher {
            MatcherChoice::Model(model) if model.schema() != self.store.schema() => {
                return Err(ModelError::Mismatch {
                    reason: "the model was built for another schema than the resolver's".into(),
                }
                .into());
            }
            MatcherChoice::Train => configured_trainer(
                &self.store,
                self.mode,
                self.training_seed,
                &self.training_setup,
                self.term_frequency_key.as_ref(),
            )
            .check()?,
            MatcherChoice::Model(_) | MatcherChoice::Custom(_) => {}
        }
        Ok(())
    }
}

/// The union of two sorted lists without repeats, sorted and without
/// repeats: one merge instead of sorting millions of candidate pairs
/// again for a few pairs of identical records.
fn union_of_sorted<T: Ord + Copy>(left: Vec<T>, right: Vec<T>) -> Vec<T> {
    if right.is_empty() {
        return left;
    }
    let mut union = Vec::with_capacity(left.len() + right.len());
    let (mut x, mut y) = (left.iter().peekable(), right.iter().peekable());
    while let (Some(&&p), Some(&&q)) = (x.peek(), y.peek()) {
        match p.cmp(&q) {
            std::cmp::Ordering::Less => {
                union.push(p);
                x.next();
            }
            std::cmp::Ordering::Greater => {
                union.push(q);
                y.next();
            }
            std::cmp::Ordering::Equal => {
                union.push(p);
                x.next();
                y.next();
            }
        }
    }
    union.extend(x);
    union.extend(y);
    union
}

fn check_probability(name: &'static str, value: f64) -> Result<(), BuildError> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(BuildError::InvalidParameter {
            name,
            reason: format!("{value} is not a probability in [0, 1]"),
        })
    }
}

/// The trainer a resolver trains with: its link mode and seed, then the
/// host's adjustments.
fn configured_trainer<'s>(
    store: &'s PreparedStore,
    mode: LinkMode,
    seed: u64,
    setup: &Option<Box<TrainingSetup>>,
    term_frequency_key: Option<&TermFrequencyKey>,
) -> Trainer<'s> {
    let mut trainer = Trainer::new(store);
    trainer.link_mode(mode).seed(seed);
    if let Some(key) = term_frequency_key {
        trainer.term_frequency_key(key.clone());
    }
    if let Some(setup) = setup {
        setup(&mut trainer);
    }
    trainer
}

#[cfg(test)]
mod tests {
    use super::union_of_sorted;

    proptest::proptest! {
        #[test]
        fn the_union_of_sorted_lists_is_their_sorted_distinct_concatenation(
            left in proptest::collection::btree_set(0u16..200, 0..60),
            right in proptest::collection::btree_set(0u16..200, 0..60),
        ) {
            let (left, right): (Vec<u16>, Vec<u16>) =
                (left.into_iter().collect(), right.into_iter().collect());
            let mut expected = left.clone();
            expected.extend(&right);
            expected.sort_unstable();
            expected.dedup();
            proptest::prop_assert_eq!(union_of_sorted(left, right), expected);
        }
    }
}
