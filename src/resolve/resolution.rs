//! The result of a run: entities, golden records, scores, explanations.

use std::ops::Range;
use std::sync::Arc;

use super::histogram::ScoreHistogram;
use super::stage::{ProgressCallback, Stage};
use super::stats::RunStats;
use crate::block::BlockingStats;
use crate::cluster::{ClusterOptions, Clustering, Entity, ScoredPair};
use crate::error::{ResolveError, Result, StoreError};
use crate::id::{EntityId, RecordIndex};
use crate::matcher::{Explanation, FellegiSunter, Matcher, Reveal, Score};
use crate::prepare::PreparedStore;
use crate::record::Record;
use crate::survive::{GoldenRecord, Survivorship};

/// Entities whose golden records are built between two progress reports.
const ENTITIES_PER_REPORT: usize = 1 << 14;

/// The matcher a run scored with.
pub(crate) enum UsedMatcher {
    /// A Fellegi-Sunter model, trained in the run or given.
    Model(FellegiSunter),
    /// A matcher the host gave.
    Custom(Box<dyn Matcher>),
}

impl UsedMatcher {
    pub(crate) fn as_matcher(&self) -> &dyn Matcher {
        match self {
            UsedMatcher::Model(model) => model,
            UsedMatcher::Custom(matcher) => matcher.as_ref(),
        }
    }
}

/// What [`Resolver::resolve`](super::Resolver::resolve) found: the
/// entities, the scored pairs, the matcher, statistics, and golden
/// records on demand. It owns the prepared store, so records can be
/// looked at and explained after the run.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "synthetic")] {
/// use sameas::matcher::Reveal;
/// use sameas::resolve::Resolver;
/// use sameas::synthetic::{PeopleGenerator, SyntheticData}; // feature `synthetic`
///
/// let data = PeopleGenerator::builder().seed(11).entities(500).build()?.generate();
/// let mut resolver = Resolver::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
/// for source in data.sources() {
///     resolver.add_source(source.name(), source.is_duplicate_free(), source.records())?;
/// }
/// let resolution = resolver.resolve()?;
///
/// // Every record is in exactly one entity.
/// let members: usize = resolution.clustering().entities().map(|e| e.len()).sum();
/// assert_eq!(members, resolution.store().len());
/// // Each kept pair can be explained, field by field.
/// let pair = resolution.pairs()[0];
/// let explanation = resolution.explain(pair.a, pair.b, Reveal::All)?;
/// assert_eq!(explanation.score(), pair.score);
/// // Golden records point back at their members.
/// let golden = resolution.golden_records()?;
/// assert_eq!(golden.len(), resolution.clustering().len());
/// # }
/// # Ok::<(), sameas::Error>(())
/// ```
pub struct Resolution {
    store: PreparedStore,
    clustering: Clustering,
    pairs: Vec<ScoredPair>,
    matcher: UsedMatcher,
    survivorship: Box<dyn Survivorship>,
    progress: Option<Arc<ProgressCallback>>,
    stats: RunStats,
    blocking: BlockingStats,
    scores: ScoreHistogram,
    /// Record positions by a hash of their id, built on the first look-up.
    by_id: std::sync::OnceLock<std::collections::HashMap<u64, Vec<u32>>>,
    /// The probability at or above which `pairs` were kept.
    pub(crate) score_floor: f64,
    /// The options the entities were clustered with.
    cluster_options: ClusterOptions,
}

impl std::fmt::Debug for Resolution {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resolution")
            .field("stats", &self.stats)
            .field("threshold", &self.threshold())
            .finish_non_exhaustive()
    }
}

impl Resolution {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        store: PreparedStore,
        clustering: Clustering,
        pairs: Vec<ScoredPair>,
        matcher: UsedMatcher,
        survivorship: Box<dyn Survivorship>,
        progress: Option<Arc<ProgressCallback>>,
        cluster_options: ClusterOptions,
        stats: RunStats,
        blocking: BlockingStats,
        scores: ScoreHistogram,
    ) -> Resolution {
        Resolution {
            store,
            clustering,
            pairs,
            matcher,
            survivorship,
            progress,
            stats,
            blocking,
            scores,
            by_id: std::sync::OnceLock::new(),
            score_floor: cluster_options.threshold(),
            cluster_options,
        }
    }

    /// The run's parts, for a state built from it: the store, the
    /// clustering, the kept pairs and the probability they were kept at,
    /// the model (`None` for another matcher) and whether the run
    /// trained it.
    #[allow(clippy::type_complexity)]
    pub(crate) fn into_parts(
        self,
    ) -> (
        PreparedStore,
        Clustering,
        (Vec<ScoredPair>, f64),
        Option<FellegiSunter>,
        bool,
    ) {
        let model = match self.matcher {
            UsedMatcher::Model(model) => Some(model),
            UsedMatcher::Custom(_) => None,
        };
        (
            self.store,
            self.clustering,
            (self.pairs, self.score_floor),
            model,
            self.stats.trained,
        )
    }

    /// The options the entities were clustered with: the resolver's, or,
    /// when the run's entities came out as pairs, those with the strict
    /// majority it clustered again with (see
    /// [`PairsOnly`](super::PairsOnly)).
    ///
    /// # Examples
    ///
    /// ```
    /// # #[cfg(feature = "synthetic")] {
    /// use sameas::resolve::{PAIRS_MIN_SUPPORT, Resolver};
    /// use sameas::synthetic::shapes::{BirthDateGenerator, ShapeData}; // feature `synthetic`
    ///
    /// // A register with one duplicate per person, at most.
    /// let data = BirthDateGenerator::builder().seed(7).entities(2_000).build()?.generate();
    /// let mut resolver = Resolver::with_options(data.schema(), ShapeData::prepare_options());
    /// for source in data.sources() {
    ///     resolver.add_source(source.name(), source.is_duplicate_free(), source.records())?;
    /// }
    /// let resolution = resolver.resolve()?;
    /// assert!(resolution.stats().pairs_only.is_some());
    /// assert_eq!(resolution.cluster_options().guard(), Some((0.99, PAIRS_MIN_SUPPORT)));
    /// # }
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn cluster_options(&self) -> &ClusterOptions {
        &self.cluster_options
    }

    /// The prepared store of every ingested record.
    pub fn store(&self) -> &PreparedStore {
        &self.store
    }

    /// The entities: every record in exactly one, with stable
    /// [`EntityId`]s and clustering diagnostics.
    pub fn clustering(&self) -> &Clustering {
        &self.clustering
    }

    /// The entity holding `record`, or `None` for an index past the end.
    pub fn entity_of(&self, record: RecordIndex) -> Option<Entity<'_>> {
        self.clustering.entity_of(record)
    }

    /// The scored candidate pairs at or above the score floor, in
    /// candidate order (ascending record indices).
    pub fn pairs(&self) -> &[ScoredPair] {
        &self.pairs
    }

    /// The probability at or above which pairs were accepted (the
    /// [`ClusterOptions::threshold`](crate::cluster::ClusterOptions::threshold)
    /// of the run).
    pub fn threshold(&self) -> f64 {
        self.cluster_options.threshold()
    }

    /// The Fellegi-Sunter model the run scored with (trained or given),
    /// or `None` when another matcher was given. Save it with
    /// [`FellegiSunter::to_json`] to skip training next time.
    pub fn model(&self) -> Option<&FellegiSunter> {
        match &self.matcher {
            UsedMatcher::Model(model) => Some(model),
            UsedMatcher::Custom(_) => None,
        }
    }

    /// The matcher the run scored with.
    pub fn matcher(&self) -> &dyn Matcher {
        self.matcher.as_matcher()
    }

    /// Explains the score of any two records, field by field (a
    /// candidate pair or not).
    ///
    /// # Errors
    ///
    /// [`StoreError::RecordOutOfRange`] for an index past the end of the store.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::resolve::Resolver;
    /// # use sameas::matcher::{LevelTest, Rule, RuleMatcher};
    /// # use sameas::matcher::Reveal;
    /// # use sameas::{FieldKind, OwnedRecord, RecordIndex, Schema, StoreError};
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let same_email = RuleMatcher::new(&schema, Rule::test(&schema, "email", LevelTest::Exact)?);
    /// let mut resolver = Resolver::new(schema);
    /// resolver.matcher(same_email);
    /// resolver.add_source("crm", false, &[
    ///     OwnedRecord::new("1").with("email", "ann@x.org"),
    ///     OwnedRecord::new("2").with("email", "Ann@X.org"),
    /// ])?;
    /// let resolution = resolver.resolve()?;
    /// let at = RecordIndex::from_position;
    /// let explanation = resolution.explain(at(0), at(1), Reveal::All)?;
    /// assert_eq!(explanation.fields()[0].field(), "email");
    /// assert_eq!(
    ///     resolution.explain(at(0), at(5), Reveal::All).unwrap_err(),
    ///     StoreError::RecordOutOfRange { index: 5, records: 2 }
    /// );
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn explain(
        &self,
        a: RecordIndex,
        b: RecordIndex,
        reveal: Reveal,
    ) -> Result<Explanation, StoreError> {
        let record = |index: RecordIndex| {
            self.store
                .record(index)
                .ok_or(StoreError::RecordOutOfRange {
                    index: index.get(),
                    records: self.store.len(),
                })
        };
        let (x, y) = (record(a)?, record(b)?);
        Ok(self.matcher.as_matcher().explain(&x, &y, reveal))
    }

    /// Scores two host records with the run's matcher, without adding
    /// them to the store: they are prepared on the fly with the store's
    /// schema and [`PrepareOptions`](crate::PrepareOptions), and scored
    /// as the run scores two records of the same values from sources
    /// without a prior of their own: from the model's own prior, where
    /// the run's pair of two sources with a
    /// [`SourcePrior`](crate::matcher::SourcePrior) starts from that.
    ///
    /// # Errors
    ///
    /// [`StoreError::ColumnTooLarge`](crate::StoreError::ColumnTooLarge) (in [`Error::Store`](crate::Error::Store)) for values past 4 GiB.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::resolve::Resolver;
    /// # use sameas::matcher::{LevelTest, Rule, RuleMatcher};
    /// # use sameas::{FieldKind, OwnedRecord, Schema};
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let same_email = RuleMatcher::new(&schema, Rule::test(&schema, "email", LevelTest::Exact)?);
    /// let mut resolver = Resolver::new(schema);
    /// resolver.matcher(same_email);
    /// resolver.add_source("crm", false, &[OwnedRecord::new("1").with("email", "ann@x.org")])?;
    /// let resolution = resolver.resolve()?;
    /// let incoming = [("email", "ANN@x.org")];
    /// let known = OwnedRecord::new("1").with("email", "ann@x.org");
    /// assert_eq!(resolution.score_records(&incoming, &known)?.probability(), 1.0);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn score_records<A, B>(&self, a: &A, b: &B) -> Result<Score>
    where
        A: Record + ?Sized,
        B: Record + ?Sized,
    {
        let pair = PreparedStore::of_pair(self.store.schema(), self.store.options(), &a, &b)?;
        let (a, b) = pair.pair()?;
        Ok(self.matcher.as_matcher().score(&a, &b))
    }

    /// Explains the score of two host records, prepared on the fly as in
    /// [`score_records`](Self::score_records).
    ///
    /// # Errors
    ///
    /// As [`score_records`](Self::score_records).
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::resolve::Resolver;
    /// # use sameas::matcher::{LevelTest, Reveal, Rule, RuleMatcher};
    /// # use sameas::{FieldKind, OwnedRecord, Schema};
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let same_email = RuleMatcher::new(&schema, Rule::test(&schema, "email", LevelTest::Exact)?);
    /// let mut resolver = Resolver::new(schema);
    /// resolver.matcher(same_email);
    /// resolver.add_source("crm", false, &[OwnedRecord::new("1").with("email", "ann@x.org")])?;
    /// let resolution = resolver.resolve()?;
    /// let explanation = resolution.explain_records(&[("email", "ann@x.org")], &[("email", "bob@x.org")], Reveal::All)?;
    /// assert_eq!(explanation.fields()[0].level(), Some("fails"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn explain_records<A, B>(&self, a: &A, b: &B, reveal: Reveal) -> Result<Explanation>
    where
        A: Record + ?Sized,
        B: Record + ?Sized,
    {
        let pair = PreparedStore::of_pair(self.store.schema(), self.store.options(), &a, &b)?;
        let (a, b) = pair.pair()?;
        Ok(self.matcher.as_matcher().explain(&a, &b, reveal))
    }

    /// Every record with this id, in store order (one per source that
    /// holds it, or more when a source repeats ids). The first look-up
    /// indexes the ids (linear time); later ones take constant time.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::resolve::Resolver;
    /// # use sameas::matcher::{LevelTest, Rule, RuleMatcher};
    /// # use sameas::{FieldKind, OwnedRecord, RecordIndex, Schema};
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let same_email = RuleMatcher::new(&schema, Rule::test(&schema, "email", LevelTest::Exact)?);
    /// let mut resolver = Resolver::new(schema);
    /// resolver.matcher(same_email);
    /// resolver.add_source("crm", false, &[OwnedRecord::new("1"), OwnedRecord::new("2")])?;
    /// resolver.add_source("web", false, &[OwnedRecord::new("1")])?;
    /// let resolution = resolver.resolve()?;
    /// let at = RecordIndex::from_position;
    /// assert_eq!(resolution.records_with_id("1"), [at(0), at(2)]);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn records_with_id(&self, record_id: &str) -> Vec<RecordIndex> {
        let hash = |id: &str| crate::hash::hash_key(id.as_bytes());
        let index = self.by_id.get_or_init(|| {
            let mut index: std::collections::HashMap<u64, Vec<u32>> = Default::default();
            for record in self.store.records() {
                index
                    .entry(hash(record.id()))
                    .or_default()
                    .push(record.index().get() as u32);
            }
            index
        });
        index
            .get(&hash(record_id))
            .into_iter()
            .flatten()
            .map(|&position| RecordIndex::from_position(position as usize))
            // Different ids may share a hash: keep the true ones.
            .filter(|&record| {
                self.store
                    .record(record)
                    .is_some_and(|r| r.id() == record_id)
            })
            .collect()
    }

    /// The golden record of one entity.
    ///
    /// # Errors
    ///
    /// The crate's [`Error`](crate::Error): wrapping
    /// [`ResolveError::UnknownEntity`] for an id not in the clustering, or
    /// the survivorship's errors.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::resolve::Resolver;
    /// # use sameas::matcher::{LevelTest, Rule, RuleMatcher};
    /// # use sameas::cluster::EntityId;
    /// # use sameas::resolve::ResolveError;
    /// # use sameas::{Error, FieldKind, OwnedRecord, Schema};
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let same_email = RuleMatcher::new(&schema, Rule::test(&schema, "email", LevelTest::Exact)?);
    /// let mut resolver = Resolver::new(schema);
    /// resolver.matcher(same_email);
    /// resolver.add_source("crm", false, &[
    ///     OwnedRecord::new("1").with("email", "ann@x.org"),
    ///     OwnedRecord::new("2").with("email", "ann@x.org"),
    /// ])?;
    /// let resolution = resolver.resolve()?;
    /// let golden = resolution.golden_record(EntityId::of_anchor("crm", "1"))?;
    /// assert_eq!(golden.provenance("email").map(|p| p.record_id()), Some("1"));
    /// let unknown = EntityId::of_anchor("crm", "9");
    /// assert_eq!(
    ///     resolution.golden_record(unknown).unwrap_err(),
    ///     Error::Resolve(ResolveError::UnknownEntity(unknown))
    /// );
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn golden_record(&self, entity: EntityId) -> Result<GoldenRecord> {
        let found = self
            .clustering
            .entity(entity)
            .ok_or(ResolveError::UnknownEntity(entity))?;
        self.survive(&found)
    }

    /// The golden record of `entity`, carrying the entity's id.
    fn survive(&self, entity: &Entity<'_>) -> Result<GoldenRecord> {
        let mut golden = self.survivorship.survive(&self.store, entity.members())?;
        golden.entity_id = entity.id();
        Ok(golden)
    }

    /// The golden record of each of `entities`, in order, on all cores
    /// with the `parallel` feature.
    fn survive_all(&self, entities: &[Entity<'_>]) -> Vec<Result<GoldenRecord>> {
        crate::par::map(entities, |entity| self.survive(entity))
    }

    /// Every entity with its golden record, in the order of
    /// [`Clustering::entities`]. Golden records are built as the
    /// iterator goes, a batch at a time on all cores with the `parallel`
    /// feature (progress reported as [`Stage::Survive`]), so a large run
    /// can be written out without holding every golden record at once.
    ///
    /// Each item is the entity (its id, anchor and members as store
    /// positions) and its golden record (the same id, the members by
    /// source and record id, the surviving values).
    ///
    /// # Errors
    ///
    /// An item is the survivorship's error for the first entity whose
    /// golden record cannot be built; the iteration ends there.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::resolve::Resolver;
    /// # use sameas::matcher::{LevelTest, Rule, RuleMatcher};
    /// # use sameas::{FieldKind, OwnedRecord, Schema};
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let same_email = RuleMatcher::new(&schema, Rule::test(&schema, "email", LevelTest::Exact)?);
    /// let mut resolver = Resolver::new(schema);
    /// resolver.matcher(same_email);
    /// resolver.add_source("crm", false, &[
    ///     OwnedRecord::new("1").with("email", "ann@x.org"),
    ///     OwnedRecord::new("2").with("email", "bob@x.org"),
    ///     OwnedRecord::new("3").with("email", "ANN@x.org"),
    /// ])?;
    /// let resolution = resolver.resolve()?;
    /// for item in resolution.entities_with_golden() {
    ///     let (entity, golden) = item?;
    ///     assert_eq!(golden.entity_id(), entity.id());
    ///     assert_eq!(golden.members().len(), entity.len());
    /// }
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn entities_with_golden(&self) -> EntitiesWithGolden<'_> {
        EntitiesWithGolden {
            resolution: self,
            next: 0,
            batch: std::collections::VecDeque::new(),
        }
    }

    /// The golden records of every entity, in the order of
    /// [`Clustering::entities`]; on all cores with the `parallel`
    /// feature, with progress reported as [`Stage::Survive`].
    ///
    /// # Errors
    ///
    /// The survivorship's errors.
    pub fn golden_records(&self) -> Result<Vec<GoldenRecord>> {
        self.golden_records_in(0..self.clustering.len())
    }

    /// The golden records of the entities at `positions` in the order of
    /// [`Clustering::entities`] (cut to the entities there are): a large
    /// run can be written out in slices without holding every golden
    /// record at once.
    ///
    /// # Errors
    ///
    /// The survivorship's errors.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::resolve::Resolver;
    /// # use sameas::matcher::{LevelTest, Rule, RuleMatcher};
    /// # use sameas::{FieldKind, OwnedRecord, Schema};
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let same_email = RuleMatcher::new(&schema, Rule::test(&schema, "email", LevelTest::Exact)?);
    /// let mut resolver = Resolver::new(schema);
    /// resolver.matcher(same_email);
    /// resolver.add_source("crm", false, &[
    ///     OwnedRecord::new("1").with("email", "ann@x.org"),
    ///     OwnedRecord::new("2").with("email", "bob@x.org"),
    /// ])?;
    /// let resolution = resolver.resolve()?;
    /// assert_eq!(resolution.golden_records_in(1..10)?.len(), 1);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn golden_records_in(&self, positions: Range<usize>) -> Result<Vec<GoldenRecord>> {
        let end = positions.end.min(self.clustering.len());
        let start = positions.start.min(end);
        let entities: Vec<Entity<'_>> = self
            .clustering
            .entities()
            .skip(start)
            .take(end - start)
            .collect();
        let total = entities.len() as u64;
        let mut golden = Vec::with_capacity(entities.len());
        let mut done = 0u64;
        for chunk in entities.chunks(ENTITIES_PER_REPORT) {
            for record in self.survive_all(chunk) {
                golden.push(record?);
            }
            done += chunk.len() as u64;
            if let Some(report) = &self.progress {
                report(Stage::Survive, done, total);
            }
        }
        Ok(golden)
    }

    /// What the run did and how long each stage took.
    pub fn stats(&self) -> &RunStats {
        &self.stats
    }

    /// What blocking did: per rule the blocks, the pairs estimated and
    /// generated, the blocks over the size cap that were skipped; the
    /// largest blocks; the distinct candidate pairs.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::resolve::Resolver;
    /// # use sameas::matcher::{LevelTest, Rule, RuleMatcher};
    /// # use sameas::{FieldKind, OwnedRecord, Schema};
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let same_email = RuleMatcher::new(&schema, Rule::test(&schema, "email", LevelTest::Exact)?);
    /// let mut resolver = Resolver::new(schema);
    /// resolver.matcher(same_email);
    /// resolver.add_source("crm", false, &[
    ///     OwnedRecord::new("1").with("email", "ann@x.org"),
    ///     OwnedRecord::new("2").with("email", "Ann@X.org"),
    /// ])?;
    /// let resolution = resolver.resolve()?;
    /// let blocking = resolution.blocking_stats();
    /// assert_eq!(blocking.candidate_pairs, Some(1));
    /// assert!(blocking.rules.iter().any(|rule| rule.generated_pairs == Some(1)));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn blocking_stats(&self) -> &BlockingStats {
        &self.blocking
    }

    /// The match weight of every candidate pair the run scored, kept or
    /// not, counted in bins: the distribution of scores around the
    /// [`threshold`](Self::threshold).
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::resolve::Resolver;
    /// # use sameas::matcher::{LevelTest, Rule, RuleMatcher};
    /// # use sameas::{FieldKind, OwnedRecord, Schema};
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let same_email = RuleMatcher::new(&schema, Rule::test(&schema, "email", LevelTest::Exact)?);
    /// let mut resolver = Resolver::new(schema);
    /// resolver.matcher(same_email);
    /// resolver.add_source("crm", false, &[
    ///     OwnedRecord::new("1").with("email", "ann@x.org"),
    ///     OwnedRecord::new("2").with("email", "ann@x.org"),
    ///     OwnedRecord::new("3").with("email", "ann@y.org"),
    /// ])?;
    /// let resolution = resolver.resolve()?;
    /// let scores = resolution.score_histogram();
    /// assert_eq!(scores.pairs(), resolution.stats().candidate_pairs);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn score_histogram(&self) -> &ScoreHistogram {
        &self.scores
    }
}

/// Every entity of a [`Resolution`] with its golden record, from
/// [`Resolution::entities_with_golden`].
pub struct EntitiesWithGolden<'a> {
    resolution: &'a Resolution,
    /// The position of the next batch's first entity.
    next: usize,
    /// The rest of the current batch, in order.
    batch: std::collections::VecDeque<(Entity<'a>, Result<GoldenRecord>)>,
}

impl std::fmt::Debug for EntitiesWithGolden<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EntitiesWithGolden")
            .field("next", &self.next)
            .field("buffered", &self.batch.len())
            .finish_non_exhaustive()
    }
}

impl<'a> Iterator for EntitiesWithGolden<'a> {
    type Item = Result<(Entity<'a>, GoldenRecord)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.batch.is_empty() {
            let resolution = self.resolution;
            let total = resolution.clustering.len();
            if self.next >= total {
                return None;
            }
            let end = total.min(self.next + ENTITIES_PER_REPORT);
            let entities: Vec<Entity<'a>> = (self.next..end)
                .map(|position| resolution.clustering.entity_at(position))
                .collect();
            self.next = end;
            let golden = resolution.survive_all(&entities);
            self.batch.extend(entities.into_iter().zip(golden));
            if let Some(report) = &resolution.progress {
                report(Stage::Survive, self.next as u64, total as u64);
            }
        }
        match self.batch.pop_front()? {
            (entity, Ok(golden)) => Some(Ok((entity, golden))),
            (_, Err(error)) => {
                // Nothing after an error.
                self.batch.clear();
                self.next = self.resolution.clustering.len();
                Some(Err(error))
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.batch.len() + self.resolution.clustering.len().saturating_sub(self.next);
        (0, Some(left))
    }
}

impl std::iter::FusedIterator for EntitiesWithGolden<'_> {}
