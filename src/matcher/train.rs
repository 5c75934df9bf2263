//! Training a Fellegi-Sunter model without labels (or with some).

use super::Score;
use super::comparison::{Comparison, MIN_PROBABILITY};
use super::defaults::default_comparisons;
use super::em::{EmSettings, Patterns, expectation_maximisation};
use super::interned::InternedStore;
use super::level::LevelTest;
use super::model::FellegiSunter;
use super::order::LevelOrder;
use super::report::{TrainingReport, TrainingSession, TrainingWarning};
use super::sample::{allowed_pair_count, check_pair_counts, random_pairs};
use super::term_frequency::TermFrequencyOptions;
use crate::block::{BlockingIndex, BlockingOptions, KeyRule, KeyTransform, LinkMode};
use crate::error::{BuildError, ModelError, Result, StoreError};
use crate::id::{FieldId, RecordIndex};
use crate::prepare::PreparedStore;
use crate::schema::parts::own_fields_of;
use crate::schema::{FieldKind, Schema};

/// The most pairs per session scored to check the prior against the
/// trained model (see [`prior_from_evidence`]): 20,000 are scored in a
/// few milliseconds.
const EVIDENCE_PAIRS: usize = 20_000;

/// How many times the prior the trained model's own weights imply for
/// the blocked pairs must exceed the sessions' prior for it to replace
/// it (see [`prior_from_evidence`]): on data whose sessions see the
/// matches, the two agree within a small factor.
const PRIOR_BELOW_EVIDENCE: f64 = 10.0;

/// The most matching pairs per record a session may imply while calling
/// nearly all its pairs matches (see [`TrainingWarning::SessionMatchesAll`]),
/// and the least bound on a trained prior (see [`plausible_matches`]).
const PLAUSIBLE_MATCHES_PER_RECORD: f64 = 5.0;

/// The least share of matching pairs that agree exactly on both given and
/// family name, for the bound on the prior (see [`plausible_matches`]):
/// names are the most reliably typed identifying field of a person, and
/// generated inventors (transliterations, typos, middle initials) agree
/// exactly in 72-75 % of their pairs.
const MIN_EXACT_NAME_RECALL: f64 = 0.5;

/// The largest match share of a session whose m and prior are used (see
/// [`TrainingWarning::SessionMatchesAll`]).
const MOST_MATCHES_IN_A_SESSION: f64 = 0.99;

/// The most often two records may agree on a default training rule by
/// chance (its pairs over all allowed pairs, the sum of squared value
/// frequencies) while a more selective rule exists: one pair in a
/// thousand. Dates of birth agree about once in 20,000 pairs, e-mail
/// addresses far less; an employer shared by a few thousand records, or
/// a date with a handful of values, far more.
const MAX_CHANCE_AGREEMENT: f64 = 1e-3;

/// A pair whose truth the user knows.
///
/// # Examples
///
/// ```
/// use sameas::matcher::LabelledPair;
/// use sameas::RecordIndex;
///
/// let pair = LabelledPair::new(RecordIndex::from_position(0), RecordIndex::from_position(3), true);
/// assert!(pair.is_match());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LabelledPair {
    a: RecordIndex,
    b: RecordIndex,
    is_match: bool,
}

impl LabelledPair {
    /// Records `a` and `b` of the store, and whether they match.
    ///
    /// # Examples
    ///
    /// See [`LabelledPair`].
    pub fn new(a: RecordIndex, b: RecordIndex, is_match: bool) -> LabelledPair {
        LabelledPair { a, b, is_match }
    }

    /// Whether the two records are the same entity.
    pub fn is_match(&self) -> bool {
        self.is_match
    }
}

/// Trains a [`FellegiSunter`] model on a prepared store, without labels:
///
/// 1. **u** from random pairs (seeded, so reproducible): among pairs of
///    records drawn at random almost none match, so the share reaching
///    each level is its u. For e-mail addresses, which different people
///    almost never share, the few matches among the random pairs are
///    most of those that agree: once m and the prior are known (below),
///    their expected count (prior × m per level) is taken out.
/// 2. **m** by expectation-maximisation over blocked pairs, one session
///    per training rule (exact agreement on e-mail, on date of birth, on
///    phone, on both names, …), each leaving its own fields out so that
///    a field's m is never learnt from pairs chosen for agreeing on it
///    (Splink's rotation). A comparison's m is the mean over the
///    sessions that estimated it. Default rules are chosen from the
///    kinds and from the data: a rule whose fields agree by chance in
///    more than one pair in a thousand (its pairs over all allowed
///    pairs, [`TrainingSession::chance_agreement`](super::TrainingSession::chance_agreement);
///    pairs in blocks over the size cap count too)
///    trains only when no rule is more selective, or when no session of
///    the more selective rules finds identity (each inverts a person's
///    names: a date every co-inventor of a patent shares).
///
///    EM is **constrained** for name, date, e-mail, phone and identifier
///    comparisons: every M-step keeps the weights `log2(m / u)` of the
///    levels in their order (exact first, `else` last; weighted pooling
///    of adjacent violators), which also keeps exact agreement's weight
///    at least 0, and keeps exact agreement the likeliest level among
///    matches. EM starts from m where those fields agree (exact about
///    0.85, `else` about 0.025), not from a class such as colleagues.
/// 3. **The prior** from each session's match share: expected matches
///    among its pairs, divided by the rule's recall (the m of exact
///    agreement on its fields times how often both values are present),
///    over all pairs the link mode allows; the median over sessions.
/// 4. **Term frequencies** of the fields whose comparisons use them.
/// 5. **Dependences** (unless turned off with
///    [`dependences`](Self::dependences)): among pairs agreeing exactly
///    on one comparison whose other fields show different people, how
///    often another comparison agrees too. Where that is far above chance
///    (the family name at a shared address: households), the second
///    field's agreement weighs less when the first agrees; where it is
///    far below (a given name shared within a household), more (see
///    [`Dependence`](super::Dependence)).
///
/// Training uses all cores (feature `parallel`) and gives the same model
/// for any thread count.
///
/// # Fallbacks
///
/// A comparison no session estimates (a schema with one field, or a field
/// that only appears in its own rule) keeps its starting m and is listed
/// in [`TrainingReport::not_estimated`]. EM that does not converge within
/// the iteration limit keeps its last estimate, reported per session. A
/// prior that cannot be estimated falls back to one match per record
/// (`1 / pairs per record`).
///
/// # Checks after training
///
/// Without labels, EM finds the largest class of pairs that agree more
/// than chance, which need not be identity: on inventors named only by
/// name it learns colleagues at one assignee (exact first names rarer
/// among its "matches" than different ones). The constraints keep m in
/// order, but where the data pulls against them the constrained m is a
/// compromise, so the checks look at EM's last unconstrained M-step:
/// each name, date, e-mail, phone and identifier comparison whose m EM
/// estimated must give exact agreement an m at least that of every
/// fuzzier level and `else`, and a weight of at least 0; one that fails
/// gets its starting m back (a given or family name: with `else` at half
/// a per cent, see `fallback_m`). A date whose only estimate came from
/// sessions blocked on names and inverts its levels gets the date's
/// fallback with [`TrainingWarning::DateLearntFromNames`] instead: among
/// duplicates that share their names dates are wrong more often than
/// exact, which says how records are found again, not that EM found
/// another class. A date whose own session (blocked on it alone) found
/// another class and most of whose matches hold unrelated dates (a
/// patent's grant date, which its co-inventors share), or whose values
/// are shared too often by chance for its rule to train and on which
/// most matches differ (a visit's date), dates an event, not a person:
/// its m is set to its u, so that no level weighs for or against
/// ([`TrainingWarning::DateNotIdentifying`]), and the default blocking
/// rules leave it out. The check of the names runs per
/// session too: a session whose own EM fails it on a given, family or
/// full name (colleagues blocked on their employer disagree on their
/// names) is left out of m and the prior while another session passes. A session whose EM calls over 99 % of its
/// pairs matches, implying more than five matching pairs per record, is
/// left out (its class is the rule's: everyone sharing a name). A prior
/// implying more matching pairs than is plausible (five per record, or
/// twice the pairs agreeing exactly on given and family name if more:
/// entities of hundreds of records are real) is replaced by the
/// fallback above, and m is fitted again with each session's match share
/// held at what the fallback implies for its pairs. Each is a
/// [`TrainingWarning`] in [`TrainingReport::warnings`], saved with the
/// model; on data whose EM finds identity none fires.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "synthetic")] {
/// use sameas::block::LinkMode;
/// use sameas::matcher::{Matcher, Trainer};
/// use sameas::synthetic::{PeopleGenerator, SyntheticData}; // feature `synthetic`
/// use sameas::PreparedStore;
///
/// let data = PeopleGenerator::builder().seed(9).entities(2_000).build()?.generate();
/// let store = data.prepared_store()?;
///
/// let model = Trainer::new(&store).seed(42).link_mode(LinkMode::DedupAndLink).train()?;
/// let again = Trainer::new(&store).seed(42).train()?;
/// assert_eq!(model, again, "same seed, same model");
/// assert!(model.prior() > 0.0 && model.prior() < 0.01);
/// # }
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Trainer<'s> {
    store: &'s PreparedStore,
    comparisons: Option<Vec<Comparison>>,
    mode: LinkMode,
    seed: u64,
    random_pairs: usize,
    pairs_per_rule: usize,
    max_iterations: u32,
    tolerance: f64,
    rules: Vec<Vec<String>>,
    dependences: bool,
    /// The term frequencies' key and `k` (set in `term_frequency`).
    pub(super) term_frequencies: TermFrequencyOptions,
}

impl<'s> Trainer<'s> {
    /// A trainer for the store's records with the defaults: the
    /// schema's [`default_comparisons`], dedup and link, seed 1, random
    /// pairs for half the records (at least 100,000, at most 500,000:
    /// more barely moves u on generated data), up to 400,000 pairs per
    /// EM session, at most 100 iterations to a tolerance of 1e-4,
    /// training rules from the schema.
    ///
    /// # Examples
    ///
    /// See [`Trainer`].
    pub fn new(store: &'s PreparedStore) -> Trainer<'s> {
        Trainer {
            store,
            comparisons: None,
            mode: LinkMode::DedupAndLink,
            seed: 1,
            random_pairs: (store.len() / 2).clamp(100_000, 500_000),
            pairs_per_rule: 400_000,
            max_iterations: 100,
            tolerance: 1e-4,
            rules: Vec::new(),
            dependences: true,
            term_frequencies: TermFrequencyOptions::default(),
        }
    }

    /// The comparisons to train (instead of the defaults).
    ///
    /// # Examples
    ///
    /// ```
    /// # #[cfg(feature = "synthetic")] {
    /// use sameas::matcher::{Comparison, LevelTest, Trainer};
    /// use sameas::synthetic::{PeopleGenerator, SyntheticData}; // feature `synthetic`
    /// use sameas::PreparedStore;
    ///
    /// let data = PeopleGenerator::builder().seed(2).entities(1_000).build()?.generate();
    /// let store = data.prepared_store()?;
    /// let schema = store.schema();
    /// let model = Trainer::new(&store)
    ///     .comparisons(vec![
    ///         Comparison::new(schema, "email", &[LevelTest::Exact])?,
    ///         Comparison::new(schema, "dob", &[LevelTest::Exact])?,
    ///         Comparison::new(schema, "family", &[LevelTest::Exact, LevelTest::JaroWinkler { at_least: 0.9 }])?,
    ///     ])
    ///     .train()?;
    /// assert_eq!(model.comparisons().len(), 3);
    /// # }
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn comparisons(&mut self, comparisons: Vec<Comparison>) -> &mut Self {
        self.comparisons = Some(comparisons);
        self
    }

    /// Which pairs the model is for: within sources, across, or both.
    ///
    /// # Examples
    ///
    /// See [`Trainer`].
    pub fn link_mode(&mut self, mode: LinkMode) -> &mut Self {
        self.mode = mode;
        self
    }

    /// The seed of the random pairs.
    ///
    /// # Examples
    ///
    /// See [`Trainer`].
    pub fn seed(&mut self, seed: u64) -> &mut Self {
        self.seed = seed;
        self
    }

    /// How many random pairs estimate u (more: rarer levels measured
    /// better, slower; at least 1).
    ///
    /// # Examples
    ///
    /// ```
    /// # #[cfg(feature = "synthetic")] {
    /// # use sameas::matcher::Trainer;
    /// # use sameas::synthetic::{PeopleGenerator, SyntheticData};
    /// # use sameas::PreparedStore;
    /// # let data = PeopleGenerator::builder().entities(500).build()?.generate();
    /// # let store = data.prepared_store()?;
    /// let model = Trainer::new(&store).random_pairs(50_000).train()?;
    /// assert_eq!(model.training().unwrap().random_pairs, 50_000);
    /// # }
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn random_pairs(&mut self, pairs: usize) -> &mut Self {
        self.random_pairs = pairs;
        self
    }

    /// The most pairs one EM session uses (an even sample of the rule's
    /// pairs beyond that; at least 1).
    ///
    /// # Examples
    ///
    /// ```
    /// # #[cfg(feature = "synthetic")] {
    /// # use sameas::matcher::Trainer;
    /// # use sameas::synthetic::{PeopleGenerator, SyntheticData};
    /// # use sameas::PreparedStore;
    /// # let data = PeopleGenerator::builder().entities(500).build()?.generate();
    /// # let store = data.prepared_store()?;
    /// let model = Trainer::new(&store).pairs_per_rule(100).train()?;
    /// assert!(model.training().unwrap().sessions.iter().all(|s| s.pairs_used <= 100));
    /// # }
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn pairs_per_rule(&mut self, pairs: usize) -> &mut Self {
        self.pairs_per_rule = pairs;
        self
    }

    /// The most EM iterations per session (at least 1).
    ///
    /// # Examples
    ///
    /// ```
    /// # #[cfg(feature = "synthetic")] {
    /// # use sameas::matcher::Trainer;
    /// # use sameas::synthetic::{PeopleGenerator, SyntheticData};
    /// # use sameas::PreparedStore;
    /// # let data = PeopleGenerator::builder().entities(500).build()?.generate();
    /// # let store = data.prepared_store()?;
    /// let model = Trainer::new(&store).max_iterations(1).train()?;
    /// assert!(model.training().unwrap().sessions.iter().all(|s| s.iterations == 1 && !s.converged));
    /// # }
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn max_iterations(&mut self, iterations: u32) -> &mut Self {
        self.max_iterations = iterations;
        self
    }

    /// Whether training looks for fields that different people share
    /// together (the family name and the address of a household) and
    /// lowers the dependent field's weight where both agree (see
    /// [`Dependence`](super::Dependence)); on by default.
    pub fn dependences(&mut self, yes: bool) -> &mut Self {
        self.dependences = yes;
        self
    }

    /// Adds a training rule: pairs agreeing exactly on all these fields
    /// make one EM session. Without any, rules come from the schema: each
    /// e-mail, date and identifier field alone; when these make fewer
    /// than two rules, also given and family name together and each full
    /// name, organisation and phone field. (Different people share a
    /// birth date or an address by chance; namesakes share names and
    /// name-made e-mail addresses, households share phones, so pairs
    /// blocked on those would teach EM that such people match.)
    ///
    /// # Examples
    ///
    /// ```
    /// # #[cfg(feature = "synthetic")] {
    /// # use sameas::matcher::Trainer;
    /// # use sameas::synthetic::{PeopleGenerator, SyntheticData};
    /// # use sameas::PreparedStore;
    /// # let data = PeopleGenerator::builder().entities(500).build()?.generate();
    /// # let store = data.prepared_store()?;
    /// let model = Trainer::new(&store).training_rule(&["dob"]).training_rule(&["email"]).train()?;
    /// let rules: Vec<_> = model.training().unwrap().sessions.iter().map(|s| s.rule.join("+")).collect();
    /// assert_eq!(rules, ["dob", "email"]);
    /// assert!(Trainer::new(&store).training_rule(&["nope"]).train().is_err());
    /// # }
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn training_rule(&mut self, fields: &[&str]) -> &mut Self {
        self.rules
            .push(fields.iter().map(|field| field.to_string()).collect());
        self
    }

    /// Trains the model.
    ///
    /// # Errors
    ///
    /// The crate's [`Error`](crate::Error), wrapping
    /// [`BuildError::InvalidParameter`] naming `random_pairs`,
    /// `pairs_per_rule` or `max_iterations` set to 0, `random_pairs` or
    /// `pairs_per_rule` above [`MAX_TRAINING_PAIRS`](super::MAX_TRAINING_PAIRS),
    /// or `term_frequency_min_count` below 2;
    /// [`ModelError::NoComparisons`] without comparisons;
    /// [`ModelError::NoTrainingPairs`] when the store has no two records the
    /// link mode may pair, or no training rule blocks any pair;
    /// [`BuildError::UnknownField`] for a training rule naming an unknown
    /// field, [`BuildError::MetadataField`] for one naming a metadata field;
    /// [`ModelError::Mismatch`] for comparisons of another schema.
    ///
    /// # Examples
    ///
    /// See [`Trainer`].
    pub fn train(&self) -> Result<FellegiSunter> {
        self.train_keeping_numbers().map(|(model, _)| model)
    }

    /// [`train`](Self::train), also returning the numbering of the
    /// store's values training scored with, for scoring with the model
    /// (see [`PairScorer::with_interned`](super::PairScorer::with_interned)).
    pub(crate) fn train_keeping_numbers(&self) -> Result<(FellegiSunter, InternedStore)> {
        self.check()?;
        self.fit_keeping_numbers(&[])
    }

    /// Checks the settings that have a range (the others cannot be
    /// wrong before training looks at the store).
    pub(crate) fn check(&self) -> Result<(), BuildError> {
        let at_least_one = |name: &'static str, value: u64| {
            if value == 0 {
                Err(BuildError::InvalidParameter {
                    name,
                    reason: "0 is below 1".into(),
                })
            } else {
                Ok(())
            }
        };
        at_least_one("random_pairs", self.random_pairs as u64)?;
        at_least_one("pairs_per_rule", self.pairs_per_rule as u64)?;
        at_least_one("max_iterations", u64::from(self.max_iterations))?;
        check_pair_counts(self.random_pairs, self.pairs_per_rule)?;
        self.term_frequencies.check()
    }

    /// Trains with labelled pairs: m from the matching pairs (no EM), u
    /// from random pairs pooled with the non-matching ones (for e-mail
    /// addresses without the matches among the random pairs, as in
    /// [`train`](Self::train)), the prior as in [`train`](Self::train)
    /// with m and u fixed.
    ///
    /// # Errors
    ///
    /// As [`train`](Self::train); also [`StoreError::RecordOutOfRange`] for a
    /// pair naming a record the store lacks, and
    /// [`BuildError::InvalidParameter`] when no pair is a match.
    ///
    /// # Examples
    ///
    /// ```
    /// # #[cfg(feature = "synthetic")] {
    /// use sameas::matcher::{LabelledPair, Matcher, Trainer};
    /// use sameas::synthetic::{PeopleGenerator, SyntheticData}; // feature `synthetic`
    /// use sameas::{PreparedStore, RecordIndex};
    ///
    /// let data = PeopleGenerator::builder().seed(4).entities(2_000).build()?.generate();
    /// let store = data.prepared_store()?;
    /// let labels: Vec<LabelledPair> = data
    ///     .true_pairs()
    ///     .take(300)
    ///     .map(|(a, b)| LabelledPair::new(RecordIndex::from_position(a), RecordIndex::from_position(b), true))
    ///     .collect();
    /// let model = Trainer::new(&store).train_with_labels(&labels)?;
    /// assert_eq!(model.training().unwrap().labelled_matches, 300);
    /// # }
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn train_with_labels(&self, labels: &[LabelledPair]) -> Result<FellegiSunter> {
        self.check()?;
        let len = self.store.len();
        if let Some(bad) = labels
            .iter()
            .flat_map(|pair| [pair.a, pair.b])
            .find(|index| index.get() >= len)
        {
            return Err(StoreError::RecordOutOfRange {
                index: bad.get(),
                records: len,
            }
            .into());
        }
        if !labels.iter().any(LabelledPair::is_match) {
            return Err(BuildError::InvalidParameter {
                name: "labels",
                reason: format!("none of the {} labelled pairs is a match", labels.len()),
            }
            .into());
        }
        self.fit(labels)
    }

    /// Training, with or without labels.
    fn fit(&self, labels: &[LabelledPair]) -> Result<FellegiSunter> {
        self.fit_keeping_numbers(labels).map(|(model, _)| model)
    }

    /// [`fit`](Self::fit), also returning the numbering of the store's
    /// values it scored with.
    fn fit_keeping_numbers(
        &self,
        labels: &[LabelledPair],
    ) -> Result<(FellegiSunter, InternedStore)> {
        let store = self.store;
        let schema = store.schema();
        let mut comparisons = self
            .comparisons
            .clone()
            .unwrap_or_else(|| default_comparisons(schema));
        if comparisons.is_empty() {
            return Err(ModelError::NoComparisons.into());
        }
        for comparison in &comparisons {
            comparison.validate(schema)?;
        }
        let rules = self.rules(schema)?;
        let levels: Vec<usize> = comparisons.iter().map(|c| c.levels().len()).collect();
        let no_skip = vec![false; comparisons.len()];
        let interned = InternedStore::for_comparisons(store, &comparisons);

        // u: random pairs, pooled with labelled non-matches.
        let random = random_pairs(store, self.mode, self.random_pairs, self.seed);
        if random.is_empty() {
            return Err(ModelError::NoTrainingPairs(format!(
                "{} records, none of which {:?} may pair",
                store.len(),
                self.mode
            ))
            .into());
        }
        let split = |wanted: bool| -> Vec<(RecordIndex, RecordIndex)> {
            labels
                .iter()
                .filter(|pair| pair.is_match == wanted)
                .map(|pair| (pair.a, pair.b))
                .collect()
        };
        let (matches, non_matches) = (split(true), split(false));
        let mut u_pairs = random.clone();
        u_pairs.extend_from_slice(&non_matches);
        let (u_counts, u_present) =
            Patterns::count(store, &interned, &comparisons, &no_skip, &u_pairs)
                .level_counts(&levels);
        let present_rate: Vec<f64> = u_present
            .iter()
            .map(|&present| present / u_pairs.len() as f64)
            .collect();
        // The random pairs' part of `u_present`: the matches they hide
        // are among these (labelled non-matches hold none).
        let random_present: Vec<f64> = if non_matches.is_empty() {
            u_present.clone()
        } else {
            let (_, labelled) =
                Patterns::count(store, &interned, &comparisons, &no_skip, &non_matches)
                    .level_counts(&levels);
            u_present
                .iter()
                .zip(&labelled)
                .map(|(all, labelled)| (all - labelled).max(0.0))
                .collect()
        };
        // u from the random pairs as they are.
        let mut u = u_from_counts(&u_counts, &u_present);

        // m: from labels, or by EM per training rule, starting from m
        // that describe identity (see `starting_m`).
        let orders: Vec<Option<LevelOrder>> = comparisons
            .iter()
            .map(|comparison| level_order(schema, comparison))
            .collect();
        let mut m: Vec<Vec<f64>> = comparisons
            .iter()
            .zip(&orders)
            .map(|(c, order)| match order {
                Some(order) => starting_m(order, c.levels().len()),
                None => c.levels().iter().map(|level| level.m()).collect(),
            })
            .collect();
        if !matches.is_empty() {
            let (counts, present) =
                Patterns::count(store, &interned, &comparisons, &no_skip, &matches)
                    .level_counts(&levels);
            for ((row, counts), &present) in m.iter_mut().zip(&counts).zip(&present) {
                if present > 0.0 {
                    for (value, &count) in row.iter_mut().zip(counts) {
                        *value = (count + 0.5) / (present + 0.5 * counts.len() as f64);
                    }
                }
            }
        }
        let fit_m = matches.is_empty();
        let allowed = allowed_pair_count(store, self.mode);
        let mut blocked = Vec::with_capacity(rules.len());
        for rule in &rules {
            blocked.push((rule, self.rule_pairs(rule)?));
        }
        // Default rules that agree often by chance (colleagues at one
        // employer, a registration date) train only when no rule is
        // selective: measured on the data, not assumed from the kind.
        // The others are kept in reserve: they train after all when no
        // selective rule's session finds identity (a date every
        // co-inventor of a patent shares blocks co-inventors).
        // Pairs in blocks over the size cap share the key too: a date
        // with a few hundred values blocks none of its pairs.
        let selective = |(_, pairs): &(_, RulePairs)| {
            (pairs.all + pairs.skipped) as f64 / allowed.max(1.0) <= MAX_CHANCE_AGREEMENT
        };
        let mut reserve = Vec::new();
        if self.rules.is_empty()
            && blocked
                .iter()
                .any(|entry| entry.1.all > 0 && selective(entry))
        {
            // A stable partition: the selective rules, in order, train.
            (blocked, reserve) = blocked.into_iter().partition(selective);
        }
        let session_of = |(rule, pairs): (&Vec<(FieldId, String)>, RulePairs)| {
            let skip: Vec<bool> = comparisons
                .iter()
                .map(|c| rule.iter().any(|(field, _)| c.fields().contains(field)))
                .collect();
            let on_identifier = !rule.is_empty()
                && rule.iter().all(|(field, _)| {
                    schema
                        .try_field(*field)
                        .is_some_and(|field| field.kind() == FieldKind::Identifier)
                });
            Session {
                rule: rule.clone(),
                all_pairs: pairs.all,
                patterns: Patterns::count(store, &interned, &comparisons, &skip, &pairs.sample),
                on_identifier,
                evidence: pairs.evidence,
            }
        };
        let mut sessions: Vec<Session> = blocked.into_iter().map(session_of).collect();
        if sessions.iter().all(|session| session.all_pairs == 0) {
            return Err(ModelError::NoTrainingPairs(
                "no training rule blocks any pair of records".into(),
            )
            .into());
        }
        let settings = EmSettings {
            max_iterations: self.max_iterations,
            tolerance: self.tolerance,
            fit_m,
            fit_share: true,
        };
        let fallback_prior = (store.len() as f64 / 2.0 / allowed.max(1.0)).clamp(1e-15, 0.5);
        let exact_levels: Vec<Vec<(FieldId, Vec<usize>)>> = comparisons
            .iter()
            .map(|comparison| {
                comparison
                    .fields()
                    .iter()
                    .filter_map(|&field| {
                        let levels: Vec<usize> = (0..comparison.levels().len())
                            .filter(|&l| comparison.levels()[l].requires_exact_on(field))
                            .collect();
                        (!levels.is_empty()).then_some((field, levels))
                    })
                    .collect()
            })
            .collect();
        let names: Vec<String> = comparisons.iter().map(|c| c.name().to_string()).collect();
        let person_names: Vec<bool> = comparisons
            .iter()
            .map(|comparison| is_person_name(schema, comparison))
            .collect();
        let dates: Vec<bool> = comparisons
            .iter()
            .map(|comparison| is_date(schema, comparison))
            .collect();
        let template = Estimate {
            comparisons: &comparisons,
            person_names: &person_names,
            dates: &dates,
            names: &names,
            orders: &orders,
            sessions: &[],
            settings,
            present_rate: &present_rate,
            exact_levels: &exact_levels,
            allowed,
            records: store.len() as f64,
        };

        // u stays as sampled: taking out the matches the sample holds
        // (about prior x m of its pairs) is exact in theory, but raised
        // the weights of agreement and cost precision on generated data
        // (entity F1 0.968 -> 0.952 at 10,000 records): the inflated u
        // offsets fields that agree together more often than independence
        // assumes. E-mail addresses are the exception, once m and the
        // prior are known: different people share one so seldom that
        // the random pairs agreeing on one are mostly the same person,
        // and their u is then the chance of a match, not of a
        // coincidence. An exact address alone (a newsletter record with
        // nothing else) weighed about as much as the prior against it,
        // and such pairs were lost: people 1,000 entities with 40 % of
        // values missing, seed 1, F1 0.791 -> 0.866 without them;
        // 10,000 entities at default rates, seeds 7 and 8, 0.975 ->
        // 0.980 and 0.976 -> 0.982 at unchanged precision.
        let start = m;
        let mut warnings = Vec::new();
        let mut first = Estimate {
            sessions: &sessions,
            ..template
        }
        .round(&u, &start, None);
        // The rules of the reserve that did not train, by field names.
        let mut untrained: Vec<Vec<&str>> = reserve
            .iter()
            .map(|(rule, _)| rule.iter().map(|(_, name)| name.as_str()).collect())
            .collect();
        if fit_m && !first.identity_found && !reserve.is_empty() {
            // No selective rule found identity: the others train too,
            // if one of them does.
            let selective = sessions.len();
            sessions.extend(reserve.into_iter().map(session_of));
            let again = Estimate {
                sessions: &sessions,
                ..template
            }
            .round(&u, &start, None);
            if again.identity_found {
                first = again;
                untrained.clear();
            } else {
                sessions.truncate(selective);
            }
        }
        let sessions = sessions.as_slice();
        let estimate = Estimate {
            sessions,
            ..template
        };
        // Sessions' own priors scatter (a rule on a shared phone implies
        // many); their median is the model's, and the one checked.
        // Linked sources or duplicates make a few matching pairs per
        // record (an entity of k records has k(k-1)/2 pairs); more than
        // `PLAUSIBLE_MATCHES_PER_RECORD` means entities of 11 records on
        // average: EM's class is broader than identity, so m is fitted
        // again with the prior held at the fallback, where only the
        // likeliest pairs of each session can be matches.
        let implied = first.prior.map(|prior| prior * allowed);
        // The unheld round's m, checked too: a comparison whose m it
        // inverted stays reset after the refit (the held round's
        // likeliest pairs need not be one entity either).
        let first_unconstrained = first.unconstrained.clone();
        let (round, prior) = match implied {
            Some(implied)
                if implied > PLAUSIBLE_MATCHES_PER_RECORD * store.len() as f64
                    && implied > self.plausible_matches(sessions)? =>
            {
                warnings.push(TrainingWarning::ImplausibleMatchShare {
                    implied_matches: implied.round() as u64,
                    records: store.len() as u64,
                });
                let round = if fit_m {
                    estimate.round(&u, &start, Some(fallback_prior))
                } else {
                    first
                };
                (round, fallback_prior)
            }
            _ => {
                let prior = first.prior.unwrap_or(fallback_prior);
                (first, prior)
            }
        };
        warnings.extend(round.warnings.iter().cloned());
        let mut m = round.m;
        let mut not_estimated = Vec::new();
        for (c, comparison) in comparisons.iter_mut().enumerate() {
            if fit_m && !round.estimated[c] {
                not_estimated.push(comparison.name().to_string());
                if let Some(order) = &orders[c] {
                    m[c] = fallback_m(schema, comparison, order);
                }
            }
            if fit_m && round.estimated[c] && is_checked(schema, comparison) {
                // Checked on m before the order was enforced: where it
                // breaks the order, the data pulled EM to another class.
                let warning = level_warning(comparison, &first_unconstrained[c], &u[c])
                    .or_else(|| level_warning(comparison, &round.unconstrained[c], &u[c]));
                if warning.is_some()
                    && date_not_identifying(
                        schema,
                        comparison,
                        &round.warnings,
                        &untrained,
                        &round.unconstrained[c],
                    )
                {
                    // Every level weighs 0: the date describes a group
                    // (an event its people share), not a person.
                    m[c] = u[c].clone();
                    warnings.push(TrainingWarning::DateNotIdentifying {
                        comparison: comparison.name().to_string(),
                    });
                } else if let Some(warning) = warning {
                    // EM's m describes another class than identity: the
                    // starting values do not (see `TrainingWarning`).
                    m[c] = match &orders[c] {
                        Some(order) => fallback_m(schema, comparison, order),
                        None => start[c].clone(),
                    };
                    let from_names = is_date(schema, comparison)
                        && estimated_on_names_only(schema, sessions, &round.reports, c, &names);
                    warnings.push(if from_names {
                        warning.learnt_from_names()
                    } else {
                        warning
                    });
                }
            }
            if is_email(schema, comparison) {
                // See the note on u above.
                u[c] = u_without_matches(
                    (&u_counts[c], u_present[c]),
                    random_present[c],
                    prior,
                    &m[c],
                );
            }
            comparison.set_u(&u[c]);
            comparison.set_m(&m[c]);
        }
        let evidence_of = sessions;
        let sessions = round.reports;
        let anchored: Vec<String> = comparisons
            .iter()
            .zip(&round.anchored)
            .filter(|&(_, &anchored)| fit_m && anchored)
            .map(|(comparison, _)| comparison.name().to_string())
            .collect();

        for comparison in &mut comparisons {
            comparison.count_term_frequencies(store, &self.term_frequencies);
        }
        let report = TrainingReport {
            seed: self.seed,
            link_mode: format!("{:?}", self.mode),
            random_pairs: random.len() as u64,
            sessions,
            not_estimated,
            anchored,
            labelled_matches: matches.len() as u64,
            labelled_non_matches: non_matches.len() as u64,
            warnings,
        };
        let dependences = if self.dependences {
            super::dependence::estimate(store, &comparisons)
        } else {
            Vec::new()
        };
        let mut model = FellegiSunter::assemble(schema.clone(), prior, comparisons, Some(report))?
            .with_dependences(dependences)?;
        if fit_m {
            let evidence = prior_from_evidence(&model, store, evidence_of, allowed);
            // The bound blocks on the names when no session did: only
            // worked out when it may matter.
            let evidence = if evidence > PRIOR_BELOW_EVIDENCE * prior {
                evidence.min(self.plausible_matches(evidence_of)? / allowed.max(1.0))
            } else {
                evidence
            };
            if evidence > PRIOR_BELOW_EVIDENCE * prior {
                model.raise_prior(
                    evidence,
                    TrainingWarning::PriorBelowEvidence {
                        implied_matches: (prior * allowed).round() as u64,
                        evidence_matches: (evidence * allowed).round() as u64,
                    },
                )?;
            }
        }
        Ok((model, interned))
    }

    /// The training rules: the user's, or the schema's defaults.
    fn rules(&self, schema: &Schema) -> Result<Vec<Vec<(FieldId, String)>>> {
        if !self.rules.is_empty() {
            return self
                .rules
                .iter()
                .map(|rule| {
                    if rule.is_empty() {
                        return Err(BuildError::InvalidParameter {
                            name: "training_rule",
                            reason: "a training rule needs at least one field".into(),
                        }
                        .into());
                    }
                    rule.iter()
                        .map(|name| Ok((schema.matching_field_id(name)?, name.clone())))
                        .collect()
                })
                .collect();
        }
        let named = |id: FieldId| {
            schema
                .try_field(id)
                .map(|field| (id, field.name().to_string()))
        };
        // Rules whose agreement among different people is chance, not
        // kinship: two people share a birth date or an e-mail address by
        // coincidence, independent of their other fields. Namesakes share
        // names *and* name-made e-mail addresses, households share phones
        // and addresses: pairs blocked on those teach EM that such
        // people match, so they train only where little else can.
        let mut rules: Vec<Vec<(FieldId, String)>> = Vec::new();
        for kind in [FieldKind::Email, FieldKind::Date, FieldKind::Identifier] {
            rules.extend(
                own_fields_of(schema, kind)
                    .filter_map(named)
                    .map(|field| vec![field]),
            );
        }
        if rules.len() < 2 {
            let given = own_fields_of(schema, FieldKind::GivenName).next();
            let family = own_fields_of(schema, FieldKind::FamilyName).next();
            if let (Some(given), Some(family)) = (given.and_then(named), family.and_then(named)) {
                rules.push(vec![given, family]);
            }
            for kind in [
                FieldKind::FullName,
                FieldKind::Organisation,
                FieldKind::Phone,
            ] {
                rules.extend(
                    own_fields_of(schema, kind)
                        .filter_map(named)
                        .map(|field| vec![field]),
                );
            }
        }
        if rules.is_empty() {
            // No identifying field: every field alone.
            rules.extend(
                schema
                    .matching_ids()
                    .filter_map(named)
                    .map(|field| vec![field]),
            );
        }
        Ok(rules)
    }

    /// The most matching pairs a trained prior may imply (see
    /// [`plausible_matches`]); `sessions` may hold the names' rule already.
    fn plausible_matches(&self, sessions: &[Session]) -> Result<f64> {
        let schema = self.store.schema();
        let named = |kind: FieldKind| {
            let id = own_fields_of(schema, kind).next()?;
            Some((id, schema.try_field(id)?.name().to_string()))
        };
        let name_pairs = match (named(FieldKind::GivenName), named(FieldKind::FamilyName)) {
            (Some(given), Some(family)) => {
                let ids = [given.0, family.0];
                match sessions.iter().find(|session| {
                    session.rule.len() == 2 && session.rule.iter().all(|(id, _)| ids.contains(id))
                }) {
                    Some(session) => Some(session.all_pairs),
                    None => Some(self.rule_pairs(&[given, family])?.all),
                }
            }
            _ => None,
        };
        Ok(plausible_matches(self.store.len(), name_pairs))
    }

    /// The pairs a rule blocks (how many in all), how many more share
    /// its key in blocks over the size cap, and an even sample of at
    /// most `pairs_per_rule` of the blocked pairs.
    fn rule_pairs(&self, rule: &[(FieldId, String)]) -> Result<RulePairs> {
        let parts: Vec<(&str, KeyTransform)> = rule
            .iter()
            .map(|(_, name)| (name.as_str(), KeyTransform::Exact))
            .collect();
        let key_rule = KeyRule::on(self.store.schema(), &parts)?;
        let index =
            BlockingIndex::build(self.store, vec![Box::new(key_rule)], BlockingOptions::new());
        let blocked = index.candidate_pairs(self.store, self.mode);
        let skipped = blocked.stats().skipped_pairs;
        let pairs = blocked.into_pairs();
        let all = pairs.len() as u64;
        let (sample, evidence) =
            canonical_sample(self.store, &pairs, self.pairs_per_rule, EVIDENCE_PAIRS);
        Ok(RulePairs {
            all,
            skipped,
            sample,
            evidence,
        })
    }
}

/// What [`Trainer::rule_pairs`] found for one rule.
struct RulePairs {
    /// The pairs it blocks.
    all: u64,
    /// The pairs that share its key in blocks over the size cap.
    skipped: u64,
    /// An even sample of the blocked pairs.
    sample: Vec<(RecordIndex, RecordIndex)>,
    /// The first pairs of the sample (see [`canonical_sample`]).
    evidence: Vec<(RecordIndex, RecordIndex)>,
}

/// The pairs one training rule blocks, as comparison patterns.
struct Session {
    rule: Vec<(FieldId, String)>,
    all_pairs: u64,
    patterns: Patterns,
    /// Blocked on identifiers alone (an SSN): its pairs that also agree
    /// exactly on the names are one person, nearly always.
    on_identifier: bool,
    /// A sample of its pairs (at most [`EVIDENCE_PAIRS`], chosen and
    /// ordered by [`canonical_sample`]), scored
    /// with the trained model to check the prior against them (see
    /// [`prior_from_evidence`]).
    evidence: Vec<(RecordIndex, RecordIndex)>,
}

/// What one round of estimation found.
struct Round {
    m: Vec<Vec<f64>>,
    /// m of the sessions' last M-steps before the order was enforced.
    unconstrained: Vec<Vec<f64>>,
    estimated: Vec<bool>,
    /// Estimated from anchors (see `Estimate::anchored_m`).
    anchored: Vec<bool>,
    prior: Option<f64>,
    reports: Vec<TrainingSession>,
    /// Sessions left out.
    warnings: Vec<TrainingWarning>,
    /// Whether a session used for m found identity (inverted no
    /// person's name; see `Estimate::other_class`).
    identity_found: bool,
}

/// m and the prior from the sessions, for given u.
#[derive(Clone, Copy)]
struct Estimate<'a> {
    sessions: &'a [Session],
    settings: EmSettings,
    /// Per comparison, the share of random pairs with a value on both
    /// sides.
    present_rate: &'a [f64],
    /// Per comparison, its fields with the levels that need exact
    /// agreement on each (in a comparison of several fields, a field's
    /// exact agreement is reached with or without the others').
    exact_levels: &'a [Vec<(FieldId, Vec<usize>)>],
    /// Pairs the link mode allows in the store.
    allowed: f64,
    /// Records in the store.
    records: f64,
    /// The comparisons' names, for the reports.
    names: &'a [String],
    /// Per comparison, the order its m is held to.
    orders: &'a [Option<LevelOrder>],
    /// The comparisons (their levels, for the checks).
    comparisons: &'a [Comparison],
    /// Per comparison, whether it compares a person's names only (see
    /// [`is_person_name`]).
    person_names: &'a [bool],
    /// Per comparison, whether it compares dates only.
    dates: &'a [bool],
}

impl Estimate<'_> {
    /// EM per session; a comparison's m is the mean of the sessions that
    /// estimated it; each session's
    /// prior is its expected matches over its rule's recall and all
    /// allowed pairs; the prior is their median.
    ///
    /// A session whose EM calls nearly all its pairs matches found the
    /// rule, not identity (namesakes blocked on both names): it is left
    /// out of m and the prior, with a warning. With `held` (a prior),
    /// each session's match share is held at what that prior implies for
    /// its pairs.
    fn round(&self, u: &[Vec<f64>], start: &[Vec<f64>], held: Option<f64>) -> Round {
        let mut sums: Vec<Vec<f64>> = start.iter().map(|row| vec![0.0; row.len()]).collect();
        let mut unconstrained_sums = sums.clone();
        let mut weights = vec![0.0; start.len()];
        let mut fits = Vec::with_capacity(self.sessions.len());
        let mut warnings = Vec::new();
        let mut used_for_m = Vec::with_capacity(self.sessions.len());
        let mut other_class = Vec::with_capacity(self.sessions.len());
        for session in self.sessions {
            let (share, settings) = match held {
                Some(prior) => {
                    let matches = prior * self.allowed * self.recall(&session.rule, start);
                    let share = matches / (session.all_pairs as f64).max(1.0);
                    (
                        share.clamp(1e-6, MOST_MATCHES_IN_A_SESSION),
                        EmSettings {
                            fit_share: false,
                            ..self.settings
                        },
                    )
                }
                None => (0.3, self.settings),
            };
            let fit =
                expectation_maximisation(&session.patterns, u, start, self.orders, share, settings);
            // The matches the session's class implies among all records.
            let implied = fit.match_share * session.all_pairs as f64
                / self.recall(&session.rule, &fit.m).max(f64::MIN_POSITIVE);
            let used = !(self.settings.fit_m
                && held.is_none()
                && fit.match_share > MOST_MATCHES_IN_A_SESSION
                && implied > PLAUSIBLE_MATCHES_PER_RECORD * self.records);
            if !used {
                warnings.push(TrainingWarning::SessionMatchesAll {
                    rule: session.rule.iter().map(|(_, name)| name.clone()).collect(),
                    pairs: session.patterns.pairs(),
                    matches: (fit.match_share * session.patterns.pairs() as f64).round() as u64,
                });
            }
            used_for_m.push(used);
            other_class.push(if self.settings.fit_m {
                self.other_class(&fit.estimated, &fit.unconstrained, u)
            } else {
                None
            });
            fits.push(fit);
        }
        // A session whose own EM inverts an identifying comparison (names
        // among colleagues blocked on their employer) found another class:
        // left out when another session did not, so that it neither drags
        // the mean m nor sets the prior. When every session does, the
        // checks after training reset what they inverted.
        let identity_found = used_for_m
            .iter()
            .zip(&other_class)
            .any(|(&used, other)| used && other.is_none());
        if identity_found {
            for ((session, used), other) in
                self.sessions.iter().zip(&mut used_for_m).zip(&other_class)
            {
                if let (true, Some(comparison)) = (*used, other) {
                    *used = false;
                    warnings.push(TrainingWarning::SessionNotIdentity {
                        rule: session.rule.iter().map(|(_, name)| name.clone()).collect(),
                        comparison: comparison.clone(),
                    });
                }
            }
        }
        for (fit, &used) in fits.iter().zip(&used_for_m) {
            // Sessions count alike: weighting them by their expected
            // matches measured no better on generated data.
            for (c, row) in fit.m.iter().enumerate() {
                if used && fit.estimated[c] {
                    weights[c] += 1.0;
                    for (sum, value) in sums[c].iter_mut().zip(row) {
                        *sum += value;
                    }
                    for (sum, value) in unconstrained_sums[c].iter_mut().zip(&fit.unconstrained[c])
                    {
                        *sum += value;
                    }
                }
            }
        }
        let estimated: Vec<bool> = weights.iter().map(|&weight| weight > 0.0).collect();
        let mean = |sums: &[Vec<f64>]| -> Vec<Vec<f64>> {
            start
                .iter()
                .enumerate()
                .map(|(c, row)| {
                    if estimated[c] {
                        sums[c].iter().map(|sum| sum / weights[c]).collect()
                    } else {
                        row.clone()
                    }
                })
                .collect()
        };
        let mut m = mean(&sums);
        let mut unconstrained = mean(&unconstrained_sums);
        let mut estimated = estimated;
        let mut anchored = vec![false; m.len()];
        for c in 0..m.len() {
            // A person's name takes its m from anchors whenever they are
            // plentiful, EM's or not: a session's class holds twins and
            // relatives (blocked on a date of birth they share, at one
            // address), who differ in the given name, so EM's m of
            // `else` came out 0.059 on harsh government data (seed 7)
            // where the true pairs sharing a date differ in 0.023 and
            // the anchors in 0.011. A date only when no session
            // estimated it. Labelled matches set m themselves.
            let wanted =
                self.settings.fit_m && (self.person_names[c] || (!estimated[c] && self.dates[c]));
            if !wanted {
                continue;
            }
            if let Some(from_anchors) = self.anchored_m(c, u) {
                unconstrained[c] = from_anchors.clone();
                m[c] = from_anchors;
                estimated[c] = true;
                anchored[c] = true;
            }
        }
        let mut reports = Vec::with_capacity(self.sessions.len());
        for ((session, fit), &used_for_m) in self.sessions.iter().zip(&fits).zip(&used_for_m) {
            let used = session.patterns.pairs();
            let prior = (used_for_m && session.all_pairs > 0 && used > 0)
                .then(|| {
                    // The match share again, with m settled.
                    let settled = expectation_maximisation(
                        &session.patterns,
                        u,
                        &m,
                        self.orders,
                        fit.match_share,
                        EmSettings {
                            fit_m: false,
                            ..self.settings
                        },
                    );
                    let recall = self.recall(&session.rule, &m);
                    let matches = settled.match_share * session.all_pairs as f64;
                    (recall > 0.0 && self.allowed > 0.0)
                        .then(|| (matches / recall / self.allowed).clamp(1e-15, 0.5))
                })
                .flatten();
            reports.push(TrainingSession {
                rule: session.rule.iter().map(|(_, name)| name.clone()).collect(),
                pairs: session.all_pairs,
                pairs_used: used,
                iterations: fit.iterations,
                converged: fit.converged,
                changes: fit.changes.clone(),
                match_share: fit.match_share,
                estimated: fit
                    .estimated
                    .iter()
                    .zip(self.names)
                    .filter(|(estimated, _)| **estimated)
                    .map(|(_, name)| name.clone())
                    .collect(),
                prior,
                chance_agreement: session.all_pairs as f64 / self.allowed.max(1.0),
                used_for_m,
            });
        }
        let mut priors: Vec<f64> = reports.iter().filter_map(|report| report.prior).collect();
        priors.sort_by(f64::total_cmp);
        let prior = match priors.len() {
            0 => None,
            n if n % 2 == 1 => Some(priors[n / 2]),
            n => Some((priors[n / 2 - 1] + priors[n / 2]) / 2.0),
        };
        Round {
            m,
            unconstrained,
            estimated,
            anchored,
            prior,
            reports,
            warnings,
            identity_found,
        }
    }

    /// The first comparison of a person's names (see [`is_person_name`])
    /// that a session estimated and whose unconstrained m fails the level
    /// check. Other fields may rightly fail it among one person's
    /// records (an e-mail address changed in most duplicates, a date of
    /// birth often mistyped); names seldom do, while colleagues or
    /// households disagree on them.
    fn other_class(&self, estimated: &[bool], m: &[Vec<f64>], u: &[Vec<f64>]) -> Option<String> {
        self.comparisons
            .iter()
            .enumerate()
            .filter(|&(c, _)| self.person_names[c] && estimated[c])
            .find(|&(c, comparison)| level_warning(comparison, &m[c], &u[c]).is_some())
            .map(|(_, comparison)| comparison.name().to_string())
    }

    /// The m of comparison `c` from anchors: the pairs of sessions
    /// blocked on an identifier alone that agree exactly on every other
    /// comparison of a person's names (and, for a name, of a date) that
    /// both records fill (at least two), one person nearly always;
    /// `None` under [`ANCHOR_PAIRS`] of them with both values of `c`.
    /// Each level's share, with half a pair for a level none reached,
    /// held to the comparison's order.
    fn anchored_m(&self, c: usize, u: &[Vec<f64>]) -> Option<Vec<f64>> {
        let levels = self.comparisons.get(c)?.levels().len();
        let name = self.person_names.get(c).copied().unwrap_or(false);
        let names: Vec<usize> = (0..self.person_names.len())
            .filter(|&n| n != c && (self.person_names[n] || (name && self.dates[n])))
            .collect();
        let is_exact = |n: usize, level: usize| {
            self.exact_levels[n]
                .iter()
                .any(|(_, levels)| levels.contains(&level))
        };
        let anchored = |pattern: &[u8]| {
            let mut exact = 0;
            for &n in &names {
                match pattern.get(n).map(|&level| usize::from(level)) {
                    Some(level) if is_exact(n, level) => exact += 1,
                    Some(level) if level < self.comparisons[n].levels().len() => return false,
                    _ => {}
                }
            }
            exact >= 2
        };
        let mut counts = vec![0.0; levels];
        for session in self.sessions.iter().filter(|session| session.on_identifier) {
            let found = session.patterns.anchored_level_counts(c, levels, anchored);
            counts.iter_mut().zip(found).for_each(|(sum, n)| *sum += n);
        }
        let total: f64 = counts.iter().sum();
        if total < ANCHOR_PAIRS {
            return None;
        }
        let mut m: Vec<f64> = counts.iter().map(|&n| n.max(0.5)).collect();
        let sum: f64 = m.iter().sum();
        m.iter_mut().for_each(|value| *value /= sum);
        if let (Some(order), Some(u)) = (self.orders.get(c).and_then(Option::as_ref), u.get(c)) {
            order.constrain(&mut m, u);
        }
        Some(m)
    }

    /// How often a match agrees exactly on every field of the rule (with
    /// both values present): the product over its fields of the m of
    /// exact agreement and the share of pairs with both values. A field
    /// no comparison tests exactly counts as always agreeing.
    fn recall(&self, rule: &[(FieldId, String)], m: &[Vec<f64>]) -> f64 {
        rule.iter()
            .map(|(field, _)| {
                self.exact_levels
                    .iter()
                    .enumerate()
                    .find_map(|(c, exact)| {
                        let (_, levels) = exact.iter().find(|(f, _)| f == field)?;
                        let m_exact: f64 = levels.iter().filter_map(|&l| m[c].get(l)).sum();
                        Some(m_exact.min(1.0) * self.present_rate[c])
                    })
                    .unwrap_or(1.0)
            })
            .product()
    }
}

/// A hash of a pair's records' canonical keys (see
/// [`PreparedStore::canonical_keys`]), the same whichever record comes
/// first and whatever the ingestion order.
fn canonical_pair_key(keys: &[u64], (a, b): (RecordIndex, RecordIndex)) -> u64 {
    let (x, y) = (keys[a.get()], keys[b.get()]);
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&x.min(y).to_le_bytes());
    bytes[8..].copy_from_slice(&x.max(y).to_le_bytes());
    crate::hash::hash_key(&bytes)
}

/// Two records, by index.
type Pair = (RecordIndex, RecordIndex);

/// The `most` pairs of `pairs` with the smallest [`canonical_pair_key`]s
/// (all when fewer; in no particular order), and the `first` of those
/// in key order: the same pairs, in the same order, whatever the
/// ingestion order. The pairs come as given (`a < b` from blocking).
fn canonical_sample(
    store: &PreparedStore,
    pairs: &[(RecordIndex, RecordIndex)],
    most: usize,
    first: usize,
) -> (Vec<Pair>, Vec<Pair>) {
    let keys = store.canonical_keys();
    let key = |&(a, b): &(RecordIndex, RecordIndex)| (canonical_pair_key(keys, (a, b)), a, b);
    let mut keyed: Vec<(u64, RecordIndex, RecordIndex)> = crate::par::map(pairs, key);
    smallest(&mut keyed, most);
    let mut firsts = keyed.clone();
    smallest(&mut firsts, first);
    firsts.sort_unstable();
    let pairs_of = |keyed: Vec<(u64, RecordIndex, RecordIndex)>| {
        keyed.into_iter().map(|(_, a, b)| (a, b)).collect()
    };
    (pairs_of(keyed), pairs_of(firsts))
}

/// Keeps the `most` smallest of `keyed` (all when fewer), in no
/// particular order.
fn smallest(keyed: &mut Vec<(u64, RecordIndex, RecordIndex)>, most: usize) {
    if keyed.len() > most {
        if most > 0 {
            keyed.select_nth_unstable(most - 1);
        }
        keyed.truncate(most);
    }
}

/// The prior that the trained model's weights imply for the pairs the
/// sessions block: the fixed point of "the prior is the matching pairs
/// expected among the blocked pairs, over all pairs", each session's
/// expected matches its pairs times the mean probability of its
/// sampled pairs under that prior, the most of any session taken (the
/// rule that blocks the most matches). EM gives each session a match
/// share from the comparisons the rule does not use; when those are
/// missing in the matches (a source without a date of birth, linked on
/// names), its pairs tell EM nothing, the share falls to the pairs
/// that do tell, and the prior with it: a list of names linked to a
/// register had 2 matching pairs where 951 are. The weights of the
/// names still say which pairs match.
fn prior_from_evidence(
    model: &FellegiSunter,
    store: &PreparedStore,
    sessions: &[Session],
    allowed: f64,
) -> f64 {
    let prior_weight = model.prior_weight();
    // Per session: its pairs, and the weight of each sampled pair
    // without the prior.
    let scored: Vec<(f64, Vec<f64>)> = sessions
        .iter()
        .filter(|session| !session.evidence.is_empty())
        .map(|session| {
            let weights = session
                .evidence
                .iter()
                .filter_map(|&(a, b)| {
                    let (a, b) = (store.record(a)?, store.record(b)?);
                    Some(model.weight(&a, &b) - prior_weight)
                })
                .collect();
            (session.all_pairs as f64, weights)
        })
        .collect();
    let mut prior = model.prior();
    for _ in 0..100 {
        let odds = Score::from_probability(prior).weight();
        let expected = scored
            .iter()
            .filter(|(_, weights)| !weights.is_empty())
            .map(|(pairs, weights)| {
                let chance: f64 = weights
                    .iter()
                    .map(|weight| Score::from_weight(weight + odds).probability())
                    .sum();
                pairs * chance / weights.len() as f64
            })
            .fold(0.0, f64::max);
        let next = (expected / allowed.max(1.0)).clamp(1e-15, 0.5);
        let settled = (next / prior - 1.0).abs() < 1e-4;
        prior = next;
        if settled {
            break;
        }
    }
    prior
}

/// The most matching pairs a trained prior may imply among `records`
/// records, of which `name_pairs` agree exactly on both given and family
/// name (`None` without both name fields): five per record, or the
/// pairs the names make over [`MIN_EXACT_NAME_RECALL`] if more.
///
/// A constant per record cannot tell a broad class from large entities:
/// an inventor with 30 patents has 435 matching pairs, and generated
/// inventors average 18 to 25 per record. What bounds the matches is the
/// blocking evidence: matching pairs agree on both names at least half
/// the time, so there are at most twice as many as pairs agreeing on
/// both names. A class such as colleagues at one employer implies far
/// more.
fn plausible_matches(records: usize, name_pairs: Option<u64>) -> f64 {
    let floor = PLAUSIBLE_MATCHES_PER_RECORD * records as f64;
    name_pairs.map_or(floor, |pairs| {
        floor.max(pairs as f64 / MIN_EXACT_NAME_RECALL)
    })
}

/// Whether a comparison's levels are checked after training: those with
/// a name, date, e-mail, phone or identifier among their fields, whose
/// agreement is the strongest sign of one entity.
fn is_checked(schema: &Schema, comparison: &Comparison) -> bool {
    comparison.fields().iter().any(|&id| {
        schema.try_field(id).is_some_and(|field| {
            matches!(
                field.kind(),
                FieldKind::GivenName
                    | FieldKind::FamilyName
                    | FieldKind::FullName
                    | FieldKind::Organisation
                    | FieldKind::Email
                    | FieldKind::Phone
                    | FieldKind::Date
                    | FieldKind::Identifier
            )
        })
    })
}

/// Whether a comparison compares a person's names only (given, family or
/// full name fields).
fn is_person_name(schema: &Schema, comparison: &Comparison) -> bool {
    compares_only(schema, comparison, |kind| {
        matches!(
            kind,
            FieldKind::GivenName | FieldKind::FamilyName | FieldKind::FullName
        )
    })
}

/// Whether every field a comparison compares is of a kind `wanted`
/// takes.
fn compares_only(schema: &Schema, comparison: &Comparison, wanted: fn(FieldKind) -> bool) -> bool {
    comparison.fields().iter().all(|&id| {
        schema
            .try_field(id)
            .is_some_and(|field| wanted(field.kind()))
    })
}

/// The check of a trained comparison's levels (`m` and `u` per level, as
/// training would set them).
///
/// One field: exact agreement must be at least as frequent among matches
/// as every later (fuzzier) level and `else`, and must not weigh against
/// a match. Only the exact level is held to the order: fuzzy levels such
/// as a swap are rare among true matches too, so their m may rightly fall
/// below that of `else`.
///
/// Several fields (a location of address, phone, postcode and city):
/// its levels are first-reached, so the exact level of a later field
/// (the phone after the address) is rare even among true matches; what
/// must hold is that matches agree on something at least as often as
/// they disagree on everything (`else`).
fn level_warning(comparison: &Comparison, m: &[f64], u: &[f64]) -> Option<TrainingWarning> {
    let levels = comparison.levels();
    let probability = |values: &[f64], level: usize| {
        values
            .get(level)
            .map_or(MIN_PROBABILITY, |&value| value.clamp(MIN_PROBABILITY, 1.0))
    };
    if comparison.fields().len() > 1 {
        let last = levels.len().checked_sub(1)?;
        let agreement: f64 = (0..last).map(|level| probability(m, level)).sum();
        return (agreement < probability(m, last)).then(|| {
            TrainingWarning::DisagreementDominates {
                comparison: comparison.name().to_string(),
            }
        });
    }
    let exact = levels
        .iter()
        .position(|level| level.is_exact_on(comparison.field()))?;
    let m_exact = probability(m, exact);
    if let Some(fuzzier) = (exact + 1..levels.len()).find(|&level| probability(m, level) > m_exact)
    {
        return Some(TrainingWarning::InvertedLevels {
            comparison: comparison.name().to_string(),
            exact_level: levels[exact].label().to_string(),
            fuzzier_level: levels[fuzzier].label().to_string(),
        });
    }
    (m_exact < probability(u, exact)).then(|| TrainingWarning::NegativeExactWeight {
        comparison: comparison.name().to_string(),
        exact_level: levels[exact].label().to_string(),
    })
}

/// The order a comparison's m is held to in training: single-field
/// comparisons of a name, date, e-mail, phone or identifier (see
/// [`is_checked`]), from their exact level to `else`, neutral levels
/// left out.
fn level_order(schema: &Schema, comparison: &Comparison) -> Option<LevelOrder> {
    if comparison.fields().len() != 1 || !is_checked(schema, comparison) {
        return None;
    }
    let levels = comparison.levels();
    let exact = levels
        .iter()
        .position(|level| level.is_exact_on(comparison.field()))?;
    LevelOrder::new(
        (exact..levels.len())
            .filter(|&level| !levels[level].is_neutral())
            .collect(),
    )
}

/// EM's starting m for an ordered comparison, relative to exact
/// agreement's 1: fuzzier levels decaying by half from 0.1, `else` 0.03,
/// levels outside the order at the floor (exact about 0.85 once
/// normalised). A start where identifying fields agree, so EM does not
/// begin in a class such as colleagues or namesakes; also the fallback
/// of a failed check, so `else` is rare: true duplicates seldom
/// disagree on every level of a name or date (3 % measured against
/// 10 % on the shapes: birth dates 5,000 F1 0.913 -> 0.932, inventors
/// 0.824 -> 0.863, generated people unchanged).
fn starting_m(order: &LevelOrder, levels: usize) -> Vec<f64> {
    let mut m = vec![MIN_PROBABILITY; levels];
    let ordered = order.levels();
    let last = ordered.len() - 1;
    for (position, &level) in ordered.iter().enumerate() {
        m[level] = match position {
            0 => 1.0,
            p if p == last => 0.03,
            p => 0.1 * 0.5f64.powi(p as i32 - 1),
        };
    }
    let total: f64 = m.iter().sum();
    m.iter_mut().for_each(|value| *value /= total);
    m
}

/// The m of an ordered comparison that training could not estimate, or
/// whose estimate failed the checks: the starting m (see
/// [`starting_m`]), except that a given or family name reaches `else` in
/// one pair in 200 instead of 3 in 100. No level of a name (not even
/// Soundex, Jaro-Winkler 0.8 or an initial) holds for under 1 % of one
/// person's pairs (labelled inventor pairs: 0.24 % given, 0.66 %
/// family), and where names cannot be estimated they are all that tells
/// people apart: colleagues sharing employer, city, classes and
/// co-inventors must not outweigh two different names.
fn fallback_m(schema: &Schema, comparison: &Comparison, order: &LevelOrder) -> Vec<f64> {
    let levels = comparison.levels().len();
    let is_name = comparison.fields().iter().all(|&id| {
        schema.try_field(id).is_some_and(|field| {
            matches!(field.kind(), FieldKind::GivenName | FieldKind::FamilyName)
        })
    });
    if is_date(schema, comparison) {
        return date_fallback_m(comparison, order);
    }
    if !is_name {
        return starting_m(order, levels);
    }
    let mut m = starting_m(order, levels);
    if let Some(&last) = order.levels().last() {
        let total: f64 = m.iter().sum::<f64>() - m[last];
        // `else` at NAME_ELSE of the other levels together, renormalised.
        m[last] = total * NAME_ELSE / (1.0 - NAME_ELSE);
        let sum: f64 = m.iter().sum();
        m.iter_mut().for_each(|value| *value /= sum);
    }
    m
}

/// The fewest anchor pairs with both values that set a comparison's m
/// (see `Estimate::anchored_m`).
const ANCHOR_PAIRS: f64 = 200.0;

/// The share of a name's fallback m at `else` (see [`fallback_m`]).
const NAME_ELSE: f64 = 0.005;

/// Whether every session that estimated comparison `c` and was used
/// for m blocked on a person's names only (given, family or full name),
/// and at least one did: its m describes duplicates found again by
/// their names, not duplicates in general (see
/// [`TrainingWarning::DateLearntFromNames`]). `sessions` and `reports`
/// are in the same order.
fn estimated_on_names_only(
    schema: &Schema,
    sessions: &[Session],
    reports: &[TrainingSession],
    c: usize,
    names: &[String],
) -> bool {
    let Some(name) = names.get(c) else {
        return false;
    };
    let is_name = |id: FieldId| {
        schema.try_field(id).is_some_and(|field| {
            matches!(
                field.kind(),
                FieldKind::GivenName | FieldKind::FamilyName | FieldKind::FullName
            )
        })
    };
    let mut estimating = sessions
        .iter()
        .zip(reports)
        .filter(|(_, report)| report.used_for_m && report.estimated.contains(name))
        .peekable();
    estimating.peek().is_some()
        && estimating.all(|(session, _)| session.rule.iter().all(|&(id, _)| is_name(id)))
}

/// Whether `comparison`, of one date, dates something its records
/// share with other people rather than a person (a patent's grant
/// date, which each of its co-inventors' mentions carries; a visit's),
/// where its levels failed the check after training. Either:
///
/// - the session blocked on the date alone found another class than
///   identity ([`TrainingWarning::SessionNotIdentity`] among
///   `warnings`), and most of EM's matches (`unconstrained`, its m
///   before the order was held) hold unrelated dates (`else`), more
///   than agree exactly. A date of birth's session can find another
///   class too (relatives and twins share one), but one person's
///   records do not mostly hold unrelated dates, even where dates are
///   often mistyped (generated birth dates, 200 persons, seed 6: EM's
///   matches reach `else` in 0.14 of their pairs, exact agreement in
///   0.05); an event's date does (generated inventors with their
///   patents' grant dates: 0.91 and 0.001);
/// - or the date's rule agreed too often by chance to train (among
///   the `untrained` rules: more than one pair in a thousand shares
///   a value, a few hundred days at most), and most of EM's matches
///   disagree on it. Dates of birth spread over decades (one pair in
///   20,000 shares one), and one person's records agree on it more
///   often than not.
fn date_not_identifying(
    schema: &Schema,
    comparison: &Comparison,
    warnings: &[TrainingWarning],
    untrained: &[Vec<&str>],
    unconstrained: &[f64],
) -> bool {
    let [field] = comparison.fields() else {
        return false;
    };
    let Some(name) = schema.try_field(*field).map(|field| field.name()) else {
        return false;
    };
    let levels = comparison.levels();
    let exact = levels.iter().position(|level| level.is_exact_on(*field));
    let last = levels.len().checked_sub(1);
    let (Some(exact), Some(last)) = (exact, last) else {
        return false;
    };
    let share = |level: usize| unconstrained.get(level).copied().unwrap_or(0.0);
    let another_class = warnings.iter().any(|warning| {
        matches!(warning, TrainingWarning::SessionNotIdentity { rule, .. } if rule == &[name])
    });
    let shared_by_chance = untrained.iter().any(|rule| rule == &[name]);
    is_date(schema, comparison)
        && levels[last].conditions().is_empty()
        && ((another_class && share(last) > MOST_UNRELATED_DATES && share(last) > share(exact))
            || (shared_by_chance && share(exact) < MOST_UNRELATED_DATES))
}

/// The largest share of one person's pairs of records whose dates are
/// unrelated (the level `else`) that a date identifying the person can
/// show, and the least share that agree exactly on a date shared often
/// by chance (see [`date_not_identifying`]).
const MOST_UNRELATED_DATES: f64 = 0.5;

/// Whether a comparison compares e-mail addresses only.
fn is_email(schema: &Schema, comparison: &Comparison) -> bool {
    compares_only(schema, comparison, |kind| kind == FieldKind::Email)
}

/// u per level from the pairs' `counts` (over `present` pairs with both
/// values) without the matches they hold: `random` of the pairs are
/// random pairs (the rest labelled non-matches), about `prior` of those
/// match, and the matches reach each level as often as its `m` says.
/// Smoothed by half a pair per level, as [`u_from_counts`].
fn u_without_matches(
    (counts, present): (&[f64], f64),
    random: f64,
    prior: f64,
    m: &[f64],
) -> Vec<f64> {
    let matches = if prior.is_finite() {
        (prior * random.min(present)).clamp(0.0, present.max(0.0))
    } else {
        0.0
    };
    counts
        .iter()
        .zip(m)
        .map(|(&count, &m)| {
            let different = (count - matches * m).max(0.0);
            ((different + 0.5) / (present - matches + 0.5 * counts.len() as f64))
                .max(MIN_PROBABILITY)
        })
        .collect()
}

/// Whether a comparison compares dates only.
fn is_date(schema: &Schema, comparison: &Comparison) -> bool {
    compares_only(schema, comparison, |kind| kind == FieldKind::Date)
}

/// The fallback m of a date comparison whose estimate failed the checks,
/// from how dates of birth go wrong in registers: a typing error (one
/// digit, two digits transposed, day and month swapped, the year one
/// off, a placeholder; see [`LevelTest::is_date_error`]) is how one
/// person's wrong date
/// looks; a date merely near the other's, or unrelated to it, is how two
/// namesakes' dates look. EM cannot tell these apart where the check
/// fails: a record is found again by its name or by its date, seldom
/// with both wrong, so duplicates that share names have wrong dates far
/// more often than duplicates in general, and the sessions blocked on
/// names see mostly wrong dates. Relative to exact agreement's 1:
/// [`DATE_TYPO`] for one typed digit, [`DATE_MISREAD`] for another
/// typo-like level, [`DATE_OTHER`] for every other level and `else`
/// (birth dates, 10,000 records seeds 7 / 8: F1 0.932 / 0.925 ->
/// 0.943 / 0.937; 100,000 records 0.894 -> 0.925, against the starting
/// m; a near date at the starting m's share instead: 0.943 / 0.937 /
/// 0.922).
fn date_fallback_m(comparison: &Comparison, order: &LevelOrder) -> Vec<f64> {
    let levels = comparison.levels();
    let mut m = vec![MIN_PROBABILITY; levels.len()];
    for (position, &level) in order.levels().iter().enumerate() {
        let tests = levels[level].conditions().iter().map(|c| c.test());
        m[level] = if position == 0 {
            1.0
        } else {
            tests
                .map(|test| match test {
                    LevelTest::Damerau { at_most: 1 } => DATE_TYPO,
                    test if test.is_date_error() => DATE_MISREAD,
                    _ => DATE_OTHER,
                })
                .reduce(f64::min)
                .unwrap_or(DATE_OTHER)
        };
    }
    let total: f64 = m.iter().sum();
    m.iter_mut().for_each(|value| *value /= total);
    m
}

/// A date's fallback m for one typed digit, relative to exact agreement
/// (see [`date_fallback_m`]).
const DATE_TYPO: f64 = 0.3;
/// A date's fallback m for another typo-like level (day and month
/// swapped, the year one off, a placeholder).
const DATE_MISREAD: f64 = 0.05;
/// A date's fallback m for any other level (near dates, `else`).
const DATE_OTHER: f64 = 0.004;

/// u per comparison and level from the random pairs' counts (with both
/// values present), smoothed by half a pair per level.
fn u_from_counts(counts: &[Vec<f64>], present: &[f64]) -> Vec<Vec<f64>> {
    counts
        .iter()
        .zip(present)
        .map(|(row, &present)| {
            row.iter()
                .map(|&count| {
                    ((count + 0.5) / (present + 0.5 * row.len() as f64)).max(MIN_PROBABILITY)
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::LevelTest;

    fn schema() -> Schema {
        Schema::builder()
            .field("given", FieldKind::GivenName)
            .field("state", FieldKind::Category)
            .build()
            .unwrap()
    }

    fn given(schema: &Schema) -> Comparison {
        Comparison::new(
            schema,
            "given",
            &[LevelTest::Exact, LevelTest::JaroWinkler { at_least: 0.9 }],
        )
        .unwrap()
    }

    #[test]
    fn an_emails_u_leaves_out_the_matches_among_random_pairs() {
        // 100,000 random pairs with both addresses, 71 agreeing exactly;
        // at a prior of 7.2e-4 and m 0.865 about 62 of them match.
        let counts = [71.0, 5.0, 99_924.0];
        let m = [0.865, 0.1, 0.035];
        let u = u_without_matches((&counts, 100_000.0), 100_000.0, 7.2e-4, &m);
        let matches = 72.0;
        let exact = (71.0 - matches * 0.865 + 0.5) / (100_000.0 - matches + 1.5);
        assert!((u[0] - exact).abs() < 1e-15);
        let sampled = u_from_counts(&[counts.to_vec()], &[100_000.0]);
        assert!(u[0] < sampled[0][0] / 7.0);
        // Fewer agreements than matches would explain: half a pair.
        assert!((u[1] - 0.5 / (100_000.0 - matches + 1.5)).abs() < 1e-15);
        assert!((u[2] - sampled[0][2]).abs() < 1e-3);
    }

    #[test]
    fn labelled_non_matches_hide_no_matches() {
        // 1,000 random pairs and 1,000 labelled non-matches: the matches
        // are a prior's share of the random ones only.
        let counts = [12.0, 1_988.0];
        let u = u_without_matches((&counts, 2_000.0), 1_000.0, 0.01, &[0.9, 0.1]);
        let matches = 10.0;
        assert!((u[0] - (12.0 - matches * 0.9 + 0.5) / (2_000.0 - matches + 1.0)).abs() < 1e-15);
        // More random pairs than pairs counted: only those counted.
        let all = u_without_matches((&counts, 2_000.0), 5_000.0, 0.01, &[0.9, 0.1]);
        let counted = u_without_matches((&counts, 2_000.0), 2_000.0, 0.01, &[0.9, 0.1]);
        assert_eq!(all, counted);
    }

    #[test]
    fn without_matches_the_sampled_u_stays() {
        let counts = vec![40.0, 60.0, 900.0];
        let u = u_without_matches((&counts, 1_000.0), 1_000.0, 0.0, &[0.8, 0.1, 0.1]);
        assert_eq!(u, u_from_counts(&[counts], &[1_000.0])[0]);
    }

    #[test]
    fn a_prior_that_is_no_number_leaves_the_sampled_u() {
        let u = u_without_matches((&[5.0, 5.0], 10.0), 10.0, f64::NAN, &[0.9, 0.1]);
        assert_eq!(u, u_from_counts(&[vec![5.0, 5.0]], &[10.0])[0]);
    }

    #[test]
    fn any_prior_keeps_u_finite_and_positive() {
        for (prior, present) in [(1.0, 10.0), (2.0, 10.0), (0.5, 0.0), (-1.0, 5.0)] {
            let u = u_without_matches((&[5.0, 5.0], present), present, prior, &[0.9, 0.1]);
            assert!(
                u.iter().all(|u| u.is_finite() && *u >= MIN_PROBABILITY),
                "{prior} {present}: {u:?}"
            );
        }
    }

    #[test]
    fn ordered_levels_pass() {
        let schema = schema();
        let given = given(&schema);
        assert!(is_checked(&schema, &given));
        assert_eq!(
            level_warning(&given, &[0.8, 0.15, 0.05], &[0.01, 0.04, 0.95]),
            None
        );
        // Equal m is not an inversion.
        assert_eq!(
            level_warning(&given, &[0.4, 0.2, 0.4], &[0.01, 0.04, 0.95]),
            None
        );
    }

    #[test]
    fn exact_below_else_is_inverted() {
        // The inventors' figures: m(exact) 0.37 < m(else) 0.57.
        let given = given(&schema());
        assert_eq!(
            level_warning(&given, &[0.37, 0.06, 0.57], &[0.01, 0.05, 0.94]),
            Some(TrainingWarning::InvertedLevels {
                comparison: "given".into(),
                exact_level: "exact".into(),
                fuzzier_level: "else".into(),
            })
        );
        // The first fuzzier level above exact is named.
        assert_eq!(
            level_warning(&given, &[0.3, 0.4, 0.3], &[0.01, 0.05, 0.94]),
            Some(TrainingWarning::InvertedLevels {
                comparison: "given".into(),
                exact_level: "exact".into(),
                fuzzier_level: "jaro-winkler >= 0.9".into(),
            })
        );
    }

    #[test]
    fn a_location_whose_matches_disagree_on_everything_is_flagged() {
        let schema = Schema::builder()
            .field("address", FieldKind::Address)
            .field("phone", FieldKind::Phone)
            .field("city", FieldKind::City)
            .build()
            .unwrap();
        let location = Comparison::across(
            &schema,
            "address+phone",
            &[
                &[("address", LevelTest::Exact)],
                &[("phone", LevelTest::Exact)],
                &[("city", LevelTest::Exact)],
            ],
        )
        .unwrap();
        assert!(is_checked(&schema, &location));
        let u = [0.001, 0.001, 0.03, 0.968];
        // Branches of one chain (the business shape, seed 2): m 0.085,
        // 0.021, 0.030 against 0.843 for `else`.
        assert_eq!(
            level_warning(&location, &[0.085, 0.021, 0.03, 0.864], &u),
            Some(TrainingWarning::DisagreementDominates {
                comparison: "address+phone".into(),
            })
        );
        // A later field's exact level may be rarer than `else` when the
        // agreement levels together are not.
        assert_eq!(level_warning(&location, &[0.6, 0.05, 0.1, 0.25], &u), None);
        // Without an identifying field the comparison is not checked.
        let places = Comparison::across(
            &schema,
            "address+city",
            &[
                &[("address", LevelTest::Exact)],
                &[("city", LevelTest::Exact)],
            ],
        )
        .unwrap();
        assert!(!is_checked(&schema, &places));
    }

    #[test]
    fn exact_rarer_among_matches_than_random_pairs_weighs_against() {
        let given = given(&schema());
        assert_eq!(
            level_warning(&given, &[0.5, 0.3, 0.2], &[0.6, 0.2, 0.2]),
            Some(TrainingWarning::NegativeExactWeight {
                comparison: "given".into(),
                exact_level: "exact".into(),
            })
        );
    }

    #[test]
    fn other_kinds_and_comparisons_without_exact_are_not_checked() {
        let schema = schema();
        let state = Comparison::new(&schema, "state", &[LevelTest::Exact]).unwrap();
        assert!(!is_checked(&schema, &state));
        let fuzzy = Comparison::new(
            &schema,
            "given",
            &[LevelTest::JaroWinkler { at_least: 0.9 }],
        )
        .unwrap();
        assert_eq!(level_warning(&fuzzy, &[0.1, 0.9], &[0.5, 0.5]), None);
    }

    #[test]
    fn the_plausible_matches_scale_with_the_pairs_agreeing_on_both_names() {
        // Without names: five per record.
        assert_eq!(plausible_matches(1_000, None), 5_000.0);
        // Few namesakes: still five per record.
        assert_eq!(plausible_matches(1_000, Some(800)), 5_000.0);
        // Inventors (5,000, seed 7): 330,138 pairs agree on both names,
        // 337,220 pairs match; at most twice the name pairs is plausible.
        assert_eq!(plausible_matches(18_733, Some(330_138)), 660_276.0);
        assert!(plausible_matches(18_733, Some(330_138)) > 337_220.0);
    }

    #[test]
    fn a_name_that_falls_back_reaches_else_rarely() {
        let schema = schema();
        let given = given(&schema);
        let order = level_order(&schema, &given).unwrap();
        let start = starting_m(&order, 3);
        let fallback = fallback_m(&schema, &given, &order);
        assert!((fallback.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((fallback[2] / (fallback[0] + fallback[1]) - 0.005 / 0.995).abs() < 1e-12);
        // The agreement levels keep their proportions.
        assert!((fallback[1] / fallback[0] - start[1] / start[0]).abs() < 1e-12);
        assert!(fallback[2] < start[2] / 5.0);
        // Other kinds but dates fall back to the starting m.
        let mailed = Schema::builder()
            .field("email", FieldKind::Email)
            .build()
            .unwrap();
        let email = Comparison::new(&mailed, "email", &[LevelTest::Exact]).unwrap();
        let order = level_order(&mailed, &email).unwrap();
        assert_eq!(fallback_m(&mailed, &email, &order), starting_m(&order, 2));
    }

    #[test]
    fn a_date_that_falls_back_counts_typos_not_near_dates() {
        let schema = Schema::builder()
            .field("dob", FieldKind::Date)
            .build()
            .unwrap();
        let dob = Comparison::new(
            &schema,
            "dob",
            &[
                LevelTest::Exact,
                LevelTest::DayMonthSwapped,
                LevelTest::Damerau { at_most: 1 },
                LevelTest::YearOneOff,
                LevelTest::DatePlaceholder,
                LevelTest::WithinDays { days: 365 },
            ],
        )
        .unwrap();
        let order = level_order(&schema, &dob).unwrap();
        let m = fallback_m(&schema, &dob, &order);
        assert!((m.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let relative: Vec<f64> = m.iter().map(|value| value / m[0]).collect();
        let expected = [
            1.0,
            DATE_MISREAD,
            DATE_TYPO,
            DATE_MISREAD,
            DATE_MISREAD,
            DATE_OTHER,
            DATE_OTHER,
        ];
        for (got, want) in relative.iter().zip(expected) {
            assert!((got - want).abs() < 1e-12, "{relative:?}");
        }
        // A level that needs a typo and more counts as its weakest test.
        let both = Comparison::builder(&schema, "dob")
            .levels_across(&[
                &[("dob", LevelTest::Exact)],
                &[
                    ("dob", LevelTest::Damerau { at_most: 1 }),
                    ("dob", LevelTest::WithinDays { days: 30 }),
                ],
            ])
            .build()
            .unwrap();
        let order = level_order(&schema, &both).unwrap();
        let m = fallback_m(&schema, &both, &order);
        assert!((m[1] / m[0] - DATE_OTHER).abs() < 1e-12, "{m:?}");
    }

    #[test]
    fn a_date_estimated_only_on_shared_names_is_told_apart() {
        let schema = Schema::builder()
            .field("given", FieldKind::GivenName)
            .field("family", FieldKind::FamilyName)
            .field("dob", FieldKind::Date)
            .field("email", FieldKind::Email)
            .build()
            .unwrap();
        let id = |name: &str| schema.matching_field_id(name).unwrap();
        let session = |rule: &[&str]| Session {
            rule: rule
                .iter()
                .map(|name| (id(name), name.to_string()))
                .collect(),
            all_pairs: 10,
            patterns: Patterns::default(),
            on_identifier: false,
            evidence: Vec::new(),
        };
        let report = |rule: &[&str], estimated: &[&str], used_for_m: bool| TrainingSession {
            rule: rule.iter().map(|name| name.to_string()).collect(),
            pairs: 10,
            pairs_used: 10,
            iterations: 1,
            converged: true,
            changes: Vec::new(),
            match_share: 0.5,
            estimated: estimated.iter().map(|name| name.to_string()).collect(),
            prior: None,
            chance_agreement: 0.0,
            used_for_m,
        };
        let names: Vec<String> = ["given", "family", "dob", "email"]
            .iter()
            .map(|name| name.to_string())
            .collect();
        let dob = 2;
        // The birth-dates shape: the date is estimated only on pairs
        // blocked on both names.
        let sessions = [session(&["dob"]), session(&["given", "family"])];
        let reports = [
            report(&["dob"], &["given", "family"], true),
            report(&["given", "family"], &["dob"], true),
        ];
        assert!(estimated_on_names_only(
            &schema, &sessions, &reports, dob, &names
        ));
        // The names are estimated on the date, not on names.
        assert!(!estimated_on_names_only(
            &schema, &sessions, &reports, 0, &names
        ));
        // A session on another field estimating the date too: its
        // inversion is EM's class again.
        let sessions = [session(&["email"]), session(&["given", "family"])];
        let reports = [
            report(&["email"], &["given", "family", "dob"], true),
            report(&["given", "family"], &["dob", "email"], true),
        ];
        assert!(!estimated_on_names_only(
            &schema, &sessions, &reports, dob, &names
        ));
        // ... unless it was left out of m.
        let reports = [
            report(&["email"], &["given", "family", "dob"], false),
            report(&["given", "family"], &["dob", "email"], true),
        ];
        assert!(estimated_on_names_only(
            &schema, &sessions, &reports, dob, &names
        ));
        // Estimated by no session: not from names.
        let reports = [
            report(&["email"], &["given", "family"], true),
            report(&["given", "family"], &["email"], true),
        ];
        assert!(!estimated_on_names_only(
            &schema, &sessions, &reports, dob, &names
        ));
        // Only an inversion is retold; other warnings stay.
        let inverted = TrainingWarning::InvertedLevels {
            comparison: "dob".into(),
            exact_level: "exact".into(),
            fuzzier_level: "damerau <= 1".into(),
        };
        assert_eq!(
            inverted.learnt_from_names(),
            TrainingWarning::DateLearntFromNames {
                comparison: "dob".into(),
                exact_level: "exact".into(),
                fuzzier_level: "damerau <= 1".into(),
            }
        );
        let negative = TrainingWarning::NegativeExactWeight {
            comparison: "dob".into(),
            exact_level: "exact".into(),
        };
        assert_eq!(negative.clone().learnt_from_names(), negative);
    }

    #[test]
    fn the_warnings_read_as_documented() {
        let warnings = [
            TrainingWarning::InvertedLevels {
                comparison: "given".into(),
                exact_level: "exact".into(),
                fuzzier_level: "else".into(),
            },
            TrainingWarning::NegativeExactWeight {
                comparison: "dob".into(),
                exact_level: "exact".into(),
            },
            TrainingWarning::DateLearntFromNames {
                comparison: "dob".into(),
                exact_level: "exact".into(),
                fuzzier_level: "damerau <= 1".into(),
            },
            TrainingWarning::ImplausibleMatchShare {
                implied_matches: 1_810_825,
                records: 18_733,
            },
        ];
        let texts: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            [
                "given: m of `exact` is below m of `else` (EM's matches are not one entity); \
                 m reset to safe values",
                "dob: `exact` weighs against a match (EM's matches are not one entity); \
                 m reset to safe values",
                "dob: m of `exact` is below m of `damerau <= 1` among pairs sharing their \
                 names (their dates are wrong more often than other duplicates'); \
                 m set from how dates go wrong",
                "prior: it implies 1810825 matching pairs among 18733 records \
                 (a class broader than identity); prior reset to one match per two records, \
                 m fitted again with it",
            ]
        );
    }
}
