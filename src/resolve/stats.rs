//! What a run did and how long each stage took.

use std::fmt;
use std::time::Duration;

use serde::Serialize;

use crate::matcher::{ModelWarning, SourcePrior, TrainingWarning};

/// Counts and per-stage times of a [`Resolver`](super::Resolver) run.
///
/// # Examples
///
/// ```
/// use sameas::resolve::RunStats;
/// use std::time::Duration;
///
/// let mut stats = RunStats::default();
/// stats.entities = 7;
/// stats.score = Duration::from_millis(3);
/// assert_eq!(stats.total_time(), Duration::from_millis(3));
/// assert!(stats.to_string().contains("entities         7"));
///
/// use sameas::matcher::TrainingWarning;
/// stats.training_warnings.push(TrainingWarning::ImplausibleMatchShare {
///     implied_matches: 900,
///     records: 100,
/// });
/// assert!(stats.to_string().contains("training warning prior: it implies 900 matching pairs"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RunStats {
    /// Records ingested.
    pub records: u64,
    /// Sources registered.
    pub sources: u64,
    /// Candidate pairs from blocking.
    pub candidate_pairs: u64,
    /// Scored pairs kept (at or above the score floor).
    pub kept_pairs: u64,
    /// Pairs at or above the threshold.
    pub accepted_pairs: u64,
    /// Accepted pairs that merged two groups.
    pub merges: u64,
    /// Entities, singletons included.
    pub entities: u64,
    /// Members of the largest entity.
    pub largest_entity: u64,
    /// Blocks over the blocking size cap
    /// ([`BlockingOptions::max_block_size`](crate::block::BlockingOptions::max_block_size)),
    /// skipped, summed over blockers.
    pub skipped_blocks: u64,
    /// Pairs the skipped blocks would have yielded, summed over blockers
    /// (see [`BlockingStats::skipped_pairs`](crate::block::BlockingStats::skipped_pairs)):
    /// not compared unless another blocker yielded them.
    pub skipped_block_pairs: u64,
    /// Candidate pairs of identical records (the same normalised value in
    /// every field) that blocking did not yield, compared anyway: copies
    /// end in one entity whatever the block sizes.
    pub identical_pairs_added: u64,
    /// Accepted pairs the chain guard kept from joining two groups (see
    /// [`ClusterDiagnostics::refused_by_guard`](crate::cluster::ClusterDiagnostics::refused_by_guard)),
    /// the size limit's refusals included.
    pub refused_by_guard: u64,
    /// Of [`refused_by_guard`](Self::refused_by_guard), the pairs whose
    /// merge would have made an entity over the size limit.
    pub refused_by_size_limit: u64,
    /// Accepted pairs that would have put two records of one
    /// duplicate-free source in one entity.
    pub refused_by_one_to_one: u64,
    /// Accepted pairs clustering refused because the two groups hold
    /// two names that list each other in a set field (co-inventors: two
    /// people; see [`Refusal::Coparticipants`](crate::cluster::Refusal::Coparticipants)).
    pub refused_as_coparticipants: u64,
    /// Records skipped because their id repeated an earlier record's in
    /// the same source (under [`RepeatedIds::KeepFirst`](super::RepeatedIds::KeepFirst)).
    pub skipped_records: u64,
    /// Schema fields that no record provided a value for (see
    /// [`IngestStats::absent_fields`](crate::IngestStats::absent_fields)),
    /// in schema order: usually a misspelt field name, or a column the
    /// input lacks.
    pub absent_fields: Vec<String>,
    /// Values that stand for "not known" (a source's `1900-01-01`), read
    /// as missing before training (see
    /// [`Resolver::placeholder_values`](super::Resolver::placeholder_values)),
    /// the most held first in each field.
    pub placeholder_values: Vec<FoundPlaceholder>,
    /// Set when the run's entities came out as pairs and it clustered
    /// again with a strict majority (see [`PairsOnly`]).
    pub pairs_only: Option<PairsOnly>,
    /// Whether the model was trained in this run (not given or loaded).
    pub trained: bool,
    /// What the checks after training found, when the model was trained
    /// in this run (see [`TrainingWarning`](crate::matcher::TrainingWarning)).
    pub training_warnings: Vec<TrainingWarning>,
    /// The prior of the run's model (`None` for a matcher of another
    /// kind).
    pub prior: Option<f64>,
    /// The priors per pair of sources the run scored with (see
    /// [`SourcePrior`]): estimated when the run trained its model on
    /// several sources, or a given model's.
    pub source_priors: Vec<SourcePrior>,
    /// What the checks of a given model found (see
    /// [`FellegiSunter::warnings`](crate::matcher::FellegiSunter::warnings)):
    /// term frequencies it cannot read, for example.
    pub model_warnings: Vec<ModelWarning>,
    /// Time spent ingesting (in [`Resolver::add_source`](super::Resolver::add_source)
    /// and [`Resolver::extend_source`](super::Resolver::extend_source)).
    pub ingest: Duration,
    /// Time spent training the model.
    pub train: Duration,
    /// Time spent building the blocking index and candidate pairs (and,
    /// beside them, the names that keep co-participants apart).
    pub block: Duration,
    /// Time spent scoring candidate pairs.
    pub score: Duration,
    /// Time spent clustering.
    pub cluster: Duration,
}

/// One value of a field read as missing in a run: held by many
/// records of different people, it stands for a value not known (see
/// [`PreparedStore::placeholder_values`](crate::PreparedStore::placeholder_values)).
/// The value itself is not kept here; the store's options name it (see
/// [`PrepareOptions::missing_values`](crate::PrepareOptions::missing_values)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FoundPlaceholder {
    /// The field.
    pub field: String,
    /// How many records held it.
    pub records: u64,
}

/// What made a run cluster again with a strict majority: its first
/// clustering's entities of several records were nearly all pairs.
///
/// Where duplicates come in pairs (a register with one duplicate per
/// person, a file of records each copied at most once), a third record
/// joining a pair is rare, so one accepted pair to one of the two (a
/// namesake, or a copy with a slipped date) is weak support for it. With
/// the default chain guard, a run whose first clustering has at least
/// [`PAIRS_ONLY_MIN_ENTITIES`](crate::resolve::PAIRS_ONLY_MIN_ENTITIES)
/// entities of several records, at least
/// [`PAIRS_ONLY_SHARE`](crate::resolve::PAIRS_ONLY_SHARE) of them pairs,
/// clusters again with `min_support`
/// [`PAIRS_MIN_SUPPORT`](crate::resolve::PAIRS_MIN_SUPPORT): a record joins
/// a pair only with accepted pairs to both (more than half of the pairs
/// between two groups), and only through a strong pair
/// ([`PAIRS_WEAK_SIZE_LIMIT`](crate::resolve::PAIRS_WEAK_SIZE_LIMIT)). The options it clustered with are
/// [`Resolution::cluster_options`](super::Resolution::cluster_options),
/// which a live state takes over.
///
/// # Examples
///
/// ```
/// use sameas::resolve::{PairsOnly, RunStats};
/// let mut stats = RunStats::default();
/// assert_eq!(stats.pairs_only, None);
/// stats.pairs_only = Some(PairsOnly { entities: 910, pairs: 905 });
/// assert_eq!(stats.pairs_only.unwrap().share(), 905.0 / 910.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PairsOnly {
    /// Entities of several records in the first clustering.
    pub entities: u64,
    /// Of those, the entities of exactly two records.
    pub pairs: u64,
}

impl PairsOnly {
    /// The share of pairs among the entities of several records.
    pub fn share(&self) -> f64 {
        self.pairs as f64 / self.entities.max(1) as f64
    }
}

impl RunStats {
    /// The sum of the stage times.
    pub fn total_time(&self) -> Duration {
        self.ingest + self.train + self.block + self.score + self.cluster
    }
}

impl RunStats {
    /// The accepted pairs clustering refused, in words (`3 by the chain
    /// guard (1 over the entity size limit), 2 by duplicate-free
    /// sources`), or `None` when it refused none.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::resolve::RunStats;
    ///
    /// let mut stats = RunStats::default();
    /// assert_eq!(stats.refusals(), None);
    /// stats.refused_by_guard = 3;
    /// stats.refused_by_size_limit = 1;
    /// stats.refused_by_one_to_one = 2;
    /// assert_eq!(
    ///     stats.refusals().as_deref(),
    ///     Some("3 by the chain guard (1 over the entity size limit), 2 by duplicate-free sources")
    /// );
    /// ```
    pub fn refusals(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.refused_by_guard > 0 {
            let mut guard = format!("{} by the chain guard", self.refused_by_guard);
            if self.refused_by_size_limit > 0 {
                guard.push_str(&format!(
                    " ({} over the entity size limit)",
                    self.refused_by_size_limit
                ));
            }
            parts.push(guard);
        }
        if self.refused_by_one_to_one > 0 {
            parts.push(format!(
                "{} by duplicate-free sources",
                self.refused_by_one_to_one
            ));
        }
        if self.refused_as_coparticipants > 0 {
            parts.push(format!(
                "{} naming each other as co-participants",
                self.refused_as_coparticipants
            ));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// The priors per pair of sources the run scored with, then the
    /// prior of every other pair; `None` when it had none of its own.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::SourcePrior;
    /// use sameas::resolve::RunStats;
    ///
    /// let mut stats = RunStats::default();
    /// stats.prior = Some(0.000166);
    /// assert_eq!(stats.priors(), None);
    /// stats.source_priors = vec![SourcePrior::new("census", "census", 0.0000129)?];
    /// assert_eq!(stats.priors().as_deref(), Some("census ~ census 1.29e-5; other pairs 1.66e-4"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn priors(&self) -> Option<String> {
        let prior = self.prior.filter(|_| !self.source_priors.is_empty())?;
        let priors: Vec<String> = self.source_priors.iter().map(ToString::to_string).collect();
        Some(format!("{}; other pairs {prior:.2e}", priors.join(", ")))
    }
}

impl fmt::Display for RunStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "records          {}", self.records)?;
        writeln!(f, "sources          {}", self.sources)?;
        if self.skipped_records > 0 {
            writeln!(
                f,
                "skipped records  {} (repeated ids)",
                self.skipped_records
            )?;
        }
        if !self.absent_fields.is_empty() {
            writeln!(f, "absent fields    {}", self.absent_fields.join(", "))?;
        }
        for placeholder in &self.placeholder_values {
            writeln!(
                f,
                "placeholder      {}: one value held by {} records of different people, read as missing",
                placeholder.field, placeholder.records
            )?;
        }
        if self.skipped_blocks > 0 {
            writeln!(
                f,
                "skipped blocks   {} over the size cap ({} pairs not compared; {} pairs of identical records compared anyway)",
                self.skipped_blocks, self.skipped_block_pairs, self.identical_pairs_added
            )?;
        }
        writeln!(f, "candidate pairs  {}", self.candidate_pairs)?;
        writeln!(f, "accepted pairs   {}", self.accepted_pairs)?;
        writeln!(f, "entities         {}", self.entities)?;
        writeln!(f, "largest entity   {}", self.largest_entity)?;
        if let Some(refused) = self.refusals() {
            writeln!(f, "refused pairs    {refused}")?;
        }
        if let Some(priors) = self.priors() {
            writeln!(f, "source priors    {priors}")?;
        }
        for warning in &self.training_warnings {
            writeln!(f, "training warning {warning}")?;
        }
        for warning in &self.model_warnings {
            writeln!(f, "model warning    {warning}")?;
        }
        let train_note = if self.trained { "" } else { " (model given)" };
        writeln!(f, "ingest           {:.3?}", self.ingest)?;
        writeln!(f, "train            {:.3?}{train_note}", self.train)?;
        writeln!(f, "block            {:.3?}", self.block)?;
        writeln!(f, "score            {:.3?}", self.score)?;
        writeln!(f, "cluster          {:.3?}", self.cluster)?;
        write!(f, "total            {:.3?}", self.total_time())
    }
}
