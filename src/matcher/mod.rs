//! Matching: decide, for a candidate pair of prepared records, how likely
//! the two describe the same entity, and why.
//!
//! Every matcher implements [`Matcher`]: it scores a pair into a
//! [`Score`] (a match weight, the log2 of the odds that the pair is a
//! match, and the match probability) and explains a pair field by field
//! on request ([`Explanation`]). Three kinds ship:
//!
//! - [`FellegiSunter`]: the probabilistic record-linkage model. Each
//!   field's [`Comparison`] has ordered levels (exact, fuzzy at
//!   thresholds, phonetic, …, else) with an *m* probability (of the level
//!   among matches) and a *u* probability (among non-matches); a pair's
//!   weight is the prior's log2 odds plus `log2(m / u)` of the level each
//!   field reaches. A missing value is neutral. [`Trainer`] fits the
//!   model without labels: *u* from random pairs, *m* and the prior by
//!   expectation-maximisation over blocked pairs, with term-frequency
//!   adjustment for rare names. Models save and load as versioned JSON.
//! - [`RuleMatcher`]: deterministic rules (`same e-mail`, or `same date
//!   of birth and Jaro-Winkler of the names >= 0.9`) composed with
//!   all / any / not.
//! - any closure `Fn(&PreparedRecord, &PreparedRecord) -> Score`.
//!
//! # Examples
//!
//! Train a model on generated data and score a pair:
//!
//! ```
//! # #[cfg(feature = "synthetic")] {
//! use sameas::matcher::{Matcher, Trainer};
//! use sameas::synthetic::{PeopleGenerator, SyntheticData}; // feature `synthetic`
//! use sameas::{PreparedStore, RecordIndex};
//!
//! let data = PeopleGenerator::builder().seed(3).entities(2_000).build()?.generate();
//! let store = data.prepared_store()?;
//!
//! let model = Trainer::new(&store).train()?;
//! let (a, b) = data.true_pairs().next().expect("a duplicate");
//! let (a, b) = (RecordIndex::from_position(a), RecordIndex::from_position(b));
//! let (a, b) = (store.record(a).unwrap(), store.record(b).unwrap());
//! assert!(model.score(&a, &b).probability() > 0.5);
//! # }
//! # Ok::<(), sameas::Error>(())
//! ```

mod comparison;
mod defaults;
mod dependence;
mod em;
mod explain;
mod interned;
mod level;
mod level_cache;
mod model;
mod order;
mod report;
mod rules;
mod sample;
mod source_prior;
mod term_frequency;
mod train;

pub use crate::error::ModelError;
pub use comparison::{Comparison, ComparisonBuilder, Condition, Level};
pub use defaults::default_comparisons;
pub use dependence::Dependence;
pub use explain::{ExplainedValues, Explanation, FieldExplanation, Reveal};
pub(crate) use interned::InternedStore;
pub use level::LevelTest;
pub(crate) use model::PairScorer;
pub use model::{FellegiSunter, MODEL_FORMAT, MODEL_VERSION};
pub use report::{TrainingReport, TrainingSession, TrainingWarning};
pub use rules::{Rule, RuleMatcher};
pub use sample::MAX_TRAINING_PAIRS;
pub(crate) use sample::allowed_pairs_between;
pub use source_prior::SourcePrior;
pub use term_frequency::{ModelWarning, TermFrequencyKey};
pub use train::{LabelledPair, Trainer};

// `Score` is a leaf type (see `crate::score`); this is its public path.
pub use crate::score::Score;

use crate::prepare::PreparedRecord;

/// Scores pairs of prepared records, and explains a score on request.
///
/// Implementations are `Send + Sync` (pairs are scored on all cores), and
/// scoring should allocate nothing: the crate's matchers read borrowed
/// values from the [`PreparedStore`](crate::PreparedStore) and allocate
/// nothing for values of up to 64 characters (longer ones may need a
/// buffer for the bit-parallel kernels).
///
/// Any closure `Fn(&PreparedRecord, &PreparedRecord) -> Score` is a
/// matcher, so a host can plug in its own model.
///
/// # Examples
///
/// ```
/// use sameas::matcher::{Matcher, Score};
/// use sameas::{FieldKind, OwnedRecord, PreparedRecord, PreparedStore, Schema};
///
/// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
/// let email = schema.field_id("email")?;
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[
///     OwnedRecord::new("1").with("email", "Ann@Example.com"),
///     OwnedRecord::new("2").with("email", "ann@example.com"),
/// ])?;
///
/// let same_email = move |a: &PreparedRecord<'_>, b: &PreparedRecord<'_>| {
///     let agree = a.text(email).is_some() && a.text(email) == b.text(email);
///     Score::from_probability(if agree { 0.99 } else { 0.01 })
/// };
/// let records: Vec<_> = store.records().collect();
/// assert!(same_email.score(&records[0], &records[1]).probability() > 0.9);
/// assert_eq!(same_email.explain(&records[0], &records[1], Default::default()).fields().len(), 0);
/// # Ok::<(), sameas::Error>(())
/// ```
pub trait Matcher: Send + Sync {
    /// The score of a pair. Symmetric for the crate's matchers.
    fn score(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> Score;

    /// The score of a pair with its reasons, field by field. Values of
    /// sensitive fields are hidden unless `reveal` says otherwise. The
    /// default explains nothing but the score.
    fn explain(
        &self,
        a: &PreparedRecord<'_>,
        b: &PreparedRecord<'_>,
        reveal: Reveal,
    ) -> Explanation {
        let _ = reveal;
        Explanation::new(0.0, Vec::new(), self.score(a, b))
    }
}

/// Scores many pairs of one store on all cores (feature `parallel`), in
/// input order; a pair naming a record the store lacks scores as a
/// certain non-match. Pairs are scored in batches whose records are first
/// read together, so that fetching them from memory overlaps: on a store
/// larger than the caches this is several times faster than scoring pair
/// after pair. The result is the same for any thread count.
///
/// # Examples
///
/// ```
/// use sameas::matcher::{score_pairs, Matcher, Score};
/// use sameas::{FieldKind, OwnedRecord, PreparedRecord, PreparedStore, RecordIndex, Schema};
///
/// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
/// let email = schema.field_id("email")?;
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[
///     OwnedRecord::new("1").with("email", "ann@x.org"),
///     OwnedRecord::new("2").with("email", "ANN@x.org"),
///     OwnedRecord::new("3").with("email", "bob@x.org"),
/// ])?;
/// let same = move |a: &PreparedRecord<'_>, b: &PreparedRecord<'_>| {
///     Score::from_probability(if a.text(email) == b.text(email) { 0.9 } else { 0.1 })
/// };
/// let r = |i| RecordIndex::from_position(i);
/// let scores = score_pairs(&same, &store, &[(r(0), r(1)), (r(0), r(2)), (r(0), r(9))]);
/// let probabilities: Vec<f64> = scores.iter().map(|s| s.probability()).collect();
/// assert_eq!(probabilities, [0.9, 0.1, 0.0]);
/// # Ok::<(), sameas::Error>(())
/// ```
pub fn score_pairs<M: Matcher + ?Sized>(
    matcher: &M,
    store: &crate::PreparedStore,
    pairs: &[(crate::RecordIndex, crate::RecordIndex)],
) -> Vec<Score> {
    /// Pairs whose records are read together before they are scored.
    const BATCH: usize = 2048;
    let score_batch = |batch: &[(crate::RecordIndex, crate::RecordIndex)]| -> Vec<Score> {
        std::hint::black_box(store.warm(batch.iter().flat_map(|&(a, b)| [a, b])));
        batch
            .iter()
            .map(|&(a, b)| match (store.record(a), store.record(b)) {
                (Some(a), Some(b)) => matcher.score(&a, &b),
                _ => Score::from_weight(f64::NEG_INFINITY),
            })
            .collect()
    };
    crate::par::flat_map_chunks(pairs, BATCH, score_batch)
}

impl<F> Matcher for F
where
    F: Fn(&PreparedRecord<'_>, &PreparedRecord<'_>) -> Score + Send + Sync,
{
    fn score(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> Score {
        self(a, b)
    }
}
