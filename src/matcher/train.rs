//! Training a Fellegi-Sunter model without labels (or with some).

use serde::{Deserialize, Serialize};

use super::comparison::{Comparison, MIN_PROBABILITY};
use super::defaults::default_comparisons;
use super::em::{expectation_maximisation, EmSettings, Patterns};
use super::model::FellegiSunter;
use super::sample::{allowed_pair_count, random_pairs};
use crate::block::{BlockingIndex, BlockingOptions, KeyRule, KeyTransform, LinkMode};
use crate::error::{Error, Result};
use crate::prepare::{PreparedStore, RecordIndex};
use crate::schema::{FieldId, FieldKind, Schema};

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
    ///
    /// # Examples
    ///
    /// See [`LabelledPair`].
    pub fn is_match(&self) -> bool {
        self.is_match
    }
}

/// One EM session: the pairs one training rule blocks, with the rule's
/// own fields left out of the estimate.
///
/// # Examples
///
/// See [`TrainingReport`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingSession {
    /// The rule: exact agreement on these fields.
    pub rule: Vec<String>,
    /// Pairs the rule blocks.
    pub pairs: u64,
    /// Pairs EM used (an even sample when there were more).
    pub pairs_used: u64,
    /// EM iterations run.
    pub iterations: u32,
    /// Whether EM converged before the iteration limit.
    pub converged: bool,
    /// The estimated share of matches among the rule's pairs.
    pub match_share: f64,
    /// The comparisons whose m this session estimated.
    pub estimated: Vec<String>,
    /// The prior this session implies (`None` when it cannot tell).
    pub prior: Option<f64>,
}

/// What training did. Saved with the model.
///
/// # Examples
///
/// ```
/// use sameas::matcher::Trainer;
/// use sameas::synthetic::{PeopleGenerator, SyntheticData};
/// use sameas::PreparedStore;
///
/// let data = PeopleGenerator::builder().seed(5).entities(1_500).build()?.generate();
/// let mut store = PreparedStore::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
/// data.ingest_into(&mut store)?;
/// let model = Trainer::new(&store).train()?;
/// let report = model.training().expect("a trained model has a report");
/// assert_eq!(report.random_pairs, 100_000); // half the records, at least 100,000
/// assert!(report.sessions.iter().all(|session| session.converged));
/// assert!(report.not_estimated.is_empty());
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingReport {
    /// The seed of the random pairs.
    pub seed: u64,
    /// The link mode trained for.
    pub link_mode: String,
    /// Random pairs drawn to estimate u.
    pub random_pairs: u64,
    /// The EM sessions, one per training rule.
    pub sessions: Vec<TrainingSession>,
    /// Comparisons whose m no session could estimate (they keep their
    /// starting values, or the labelled estimate).
    pub not_estimated: Vec<String>,
    /// Labelled matching pairs used for m.
    pub labelled_matches: u64,
    /// Labelled non-matching pairs pooled with the random pairs for u.
    pub labelled_non_matches: u64,
}

/// Trains a [`FellegiSunter`] model on a prepared store, without labels:
///
/// 1. **u** from random pairs (seeded, so reproducible): among pairs of
///    records drawn at random almost none match, so the share reaching
///    each level is its u.
/// 2. **m** by expectation-maximisation over blocked pairs, one session
///    per training rule (exact agreement on e-mail, on date of birth, on
///    phone, on both names, …), each leaving its own fields out so that
///    a field's m is never learnt from pairs chosen for agreeing on it
///    (Splink's rotation). A comparison's m is the mean over the
///    sessions that estimated it.
/// 3. **The prior** from each session's match share: expected matches
///    among its pairs, divided by the rule's recall (the m of exact
///    agreement on its fields times how often both values are present),
///    over all pairs the link mode allows; the median over sessions.
/// 4. **Term frequencies** of the fields whose comparisons use them.
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
/// # Examples
///
/// ```
/// use sameas::block::LinkMode;
/// use sameas::matcher::{Matcher, Trainer};
/// use sameas::synthetic::{PeopleGenerator, SyntheticData};
/// use sameas::PreparedStore;
///
/// let data = PeopleGenerator::builder().seed(9).entities(2_000).build()?.generate();
/// let mut store = PreparedStore::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
/// data.ingest_into(&mut store)?;
///
/// let model = Trainer::new(&store).seed(42).link_mode(LinkMode::DedupAndLink).train()?;
/// let again = Trainer::new(&store).seed(42).train()?;
/// assert_eq!(model, again, "same seed, same model");
/// assert!(model.prior() > 0.0 && model.prior() < 0.01);
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
        }
    }

    /// The comparisons to train (instead of the defaults).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{Comparison, LevelTest, Trainer};
    /// use sameas::synthetic::{PeopleGenerator, SyntheticData};
    /// use sameas::PreparedStore;
    ///
    /// let data = PeopleGenerator::builder().seed(2).entities(1_000).build()?.generate();
    /// let mut store = PreparedStore::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
    /// data.ingest_into(&mut store)?;
    /// let schema = store.schema();
    /// let model = Trainer::new(&store)
    ///     .comparisons(vec![
    ///         Comparison::new(schema, "email", &[LevelTest::Exact])?,
    ///         Comparison::new(schema, "dob", &[LevelTest::Exact])?,
    ///         Comparison::new(schema, "family", &[LevelTest::Exact, LevelTest::JaroWinkler { at_least: 0.9 }])?,
    ///     ])
    ///     .train()?;
    /// assert_eq!(model.comparisons().len(), 3);
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
    /// better, slower).
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::matcher::Trainer;
    /// # use sameas::synthetic::{PeopleGenerator, SyntheticData};
    /// # use sameas::PreparedStore;
    /// # let data = PeopleGenerator::builder().entities(500).build()?.generate();
    /// # let mut store = PreparedStore::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
    /// # data.ingest_into(&mut store)?;
    /// let model = Trainer::new(&store).random_pairs(50_000).train()?;
    /// assert_eq!(model.training().unwrap().random_pairs, 50_000);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn random_pairs(&mut self, pairs: usize) -> &mut Self {
        self.random_pairs = pairs;
        self
    }

    /// The most pairs one EM session uses (an even sample of the rule's
    /// pairs beyond that).
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::matcher::Trainer;
    /// # use sameas::synthetic::{PeopleGenerator, SyntheticData};
    /// # use sameas::PreparedStore;
    /// # let data = PeopleGenerator::builder().entities(500).build()?.generate();
    /// # let mut store = PreparedStore::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
    /// # data.ingest_into(&mut store)?;
    /// let model = Trainer::new(&store).pairs_per_rule(100).train()?;
    /// assert!(model.training().unwrap().sessions.iter().all(|s| s.pairs_used <= 100));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn pairs_per_rule(&mut self, pairs: usize) -> &mut Self {
        self.pairs_per_rule = pairs;
        self
    }

    /// The most EM iterations per session.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::matcher::Trainer;
    /// # use sameas::synthetic::{PeopleGenerator, SyntheticData};
    /// # use sameas::PreparedStore;
    /// # let data = PeopleGenerator::builder().entities(500).build()?.generate();
    /// # let mut store = PreparedStore::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
    /// # data.ingest_into(&mut store)?;
    /// let model = Trainer::new(&store).max_iterations(1).train()?;
    /// assert!(model.training().unwrap().sessions.iter().all(|s| s.iterations == 1 && !s.converged));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn max_iterations(&mut self, iterations: u32) -> &mut Self {
        self.max_iterations = iterations;
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
    /// # use sameas::matcher::Trainer;
    /// # use sameas::synthetic::{PeopleGenerator, SyntheticData};
    /// # use sameas::PreparedStore;
    /// # let data = PeopleGenerator::builder().entities(500).build()?.generate();
    /// # let mut store = PreparedStore::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
    /// # data.ingest_into(&mut store)?;
    /// let model = Trainer::new(&store).training_rule(&["dob"]).training_rule(&["email"]).train()?;
    /// let rules: Vec<_> = model.training().unwrap().sessions.iter().map(|s| s.rule.join("+")).collect();
    /// assert_eq!(rules, ["dob", "email"]);
    /// assert!(Trainer::new(&store).training_rule(&["nope"]).train().is_err());
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
    /// [`Error::EmptyModel`] without comparisons;
    /// [`Error::NoTrainingPairs`] when the store has no two records the
    /// link mode may pair, or no training rule blocks any pair;
    /// [`Error::UnknownField`] for a training rule naming an unknown
    /// field; [`Error::ModelMismatch`] for comparisons of another schema.
    ///
    /// # Examples
    ///
    /// See [`Trainer`].
    pub fn train(&self) -> Result<FellegiSunter> {
        self.fit(&[])
    }

    /// Trains with labelled pairs: m from the matching pairs (no EM), u
    /// from random pairs pooled with the non-matching ones, the prior as
    /// in [`train`](Self::train) with m and u fixed.
    ///
    /// # Errors
    ///
    /// As [`train`](Self::train); also [`Error::RecordOutOfRange`] for a
    /// pair naming a record the store lacks, and
    /// [`Error::InvalidParameter`] when no pair is a match.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{LabelledPair, Matcher, Trainer};
    /// use sameas::synthetic::{PeopleGenerator, SyntheticData};
    /// use sameas::{PreparedStore, RecordIndex};
    ///
    /// let data = PeopleGenerator::builder().seed(4).entities(2_000).build()?.generate();
    /// let mut store = PreparedStore::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
    /// data.ingest_into(&mut store)?;
    /// let labels: Vec<LabelledPair> = data
    ///     .true_pairs()
    ///     .take(300)
    ///     .map(|(a, b)| LabelledPair::new(RecordIndex::from_position(a), RecordIndex::from_position(b), true))
    ///     .collect();
    /// let model = Trainer::new(&store).train_with_labels(&labels)?;
    /// assert_eq!(model.training().unwrap().labelled_matches, 300);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn train_with_labels(&self, labels: &[LabelledPair]) -> Result<FellegiSunter> {
        let len = self.store.len();
        if let Some(bad) = labels
            .iter()
            .flat_map(|pair| [pair.a, pair.b])
            .find(|index| index.get() >= len)
        {
            return Err(Error::RecordOutOfRange {
                index: bad.get(),
                records: len,
            });
        }
        if !labels.iter().any(LabelledPair::is_match) {
            return Err(Error::InvalidParameter {
                name: "labels",
                reason: format!("none of the {} labelled pairs is a match", labels.len()),
            });
        }
        self.fit(labels)
    }

    /// Training, with or without labels.
    fn fit(&self, labels: &[LabelledPair]) -> Result<FellegiSunter> {
        let store = self.store;
        let schema = store.schema();
        let mut comparisons = self
            .comparisons
            .clone()
            .unwrap_or_else(|| default_comparisons(schema));
        if comparisons.is_empty() {
            return Err(Error::EmptyModel);
        }
        for comparison in &comparisons {
            comparison.validate(schema)?;
        }
        let rules = self.rules(schema)?;
        let levels: Vec<usize> = comparisons.iter().map(|c| c.levels().len()).collect();
        let no_skip = vec![false; comparisons.len()];

        // u: random pairs, pooled with labelled non-matches.
        let random = random_pairs(store, self.mode, self.random_pairs, self.seed);
        if random.is_empty() {
            return Err(Error::NoTrainingPairs(format!(
                "{} records, none of which {:?} may pair",
                store.len(),
                self.mode
            )));
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
            Patterns::count(store, &comparisons, &no_skip, &u_pairs).level_counts(&levels);
        let present_rate: Vec<f64> = u_present
            .iter()
            .map(|&present| present / u_pairs.len() as f64)
            .collect();
        let u: Vec<Vec<f64>> = u_counts
            .iter()
            .zip(&u_present)
            .map(|(row, &present)| {
                row.iter()
                    .map(|&count| {
                        ((count + 0.5) / (present + 0.5 * row.len() as f64)).max(MIN_PROBABILITY)
                    })
                    .collect()
            })
            .collect();
        for (comparison, u) in comparisons.iter_mut().zip(&u) {
            comparison.set_u(u);
        }

        // m: from labels, or by EM per training rule.
        let mut m: Vec<Vec<f64>> = comparisons
            .iter()
            .map(|c| c.levels().iter().map(|level| level.m()).collect())
            .collect();
        if !matches.is_empty() {
            let (counts, present) =
                Patterns::count(store, &comparisons, &no_skip, &matches).level_counts(&levels);
            for ((row, counts), &present) in m.iter_mut().zip(&counts).zip(&present) {
                if present > 0.0 {
                    for (value, &count) in row.iter_mut().zip(counts) {
                        *value = (count + 0.5) / (present + 0.5 * counts.len() as f64);
                    }
                }
            }
        }
        let fit_m = matches.is_empty();
        let start_share = 0.3;
        let mut sessions = Vec::new();
        let mut sums: Vec<Vec<f64>> = levels.iter().map(|&n| vec![0.0; n]).collect();
        let mut estimates = vec![0u32; comparisons.len()];
        let mut session_pairs = Vec::new();
        for rule in &rules {
            let (all_pairs, used) = self.rule_pairs(rule)?;
            let skip: Vec<bool> = comparisons
                .iter()
                .map(|c| rule.iter().any(|(field, _)| c.fields().contains(field)))
                .collect();
            let patterns = Patterns::count(store, &comparisons, &skip, &used);
            let fit = expectation_maximisation(
                &patterns,
                &u,
                &m,
                start_share,
                EmSettings {
                    max_iterations: self.max_iterations,
                    tolerance: self.tolerance,
                    fit_m,
                },
            );
            let mut estimated = Vec::new();
            for (c, comparison) in comparisons.iter().enumerate() {
                if fit.estimated[c] {
                    estimates[c] += 1;
                    for (sum, value) in sums[c].iter_mut().zip(&fit.m[c]) {
                        *sum += value;
                    }
                    estimated.push(comparison.name().to_string());
                }
            }
            session_pairs.push((rule.clone(), all_pairs, used.len() as u64, patterns));
            sessions.push(TrainingSession {
                rule: rule.iter().map(|(_, name)| name.clone()).collect(),
                pairs: all_pairs,
                pairs_used: used.len() as u64,
                iterations: fit.iterations,
                converged: fit.converged,
                match_share: fit.match_share,
                estimated,
                prior: None,
            });
        }
        if sessions.iter().all(|session| session.pairs == 0) {
            return Err(Error::NoTrainingPairs(
                "no training rule blocks any pair of records".into(),
            ));
        }
        let mut not_estimated = Vec::new();
        for (c, comparison) in comparisons.iter_mut().enumerate() {
            if estimates[c] > 0 {
                let mean: Vec<f64> = sums[c]
                    .iter()
                    .map(|sum| sum / f64::from(estimates[c]))
                    .collect();
                m[c] = mean;
            } else if fit_m {
                not_estimated.push(comparison.name().to_string());
            }
            comparison.set_m(&m[c]);
        }

        // The prior, from each session's matches and its rule's recall,
        // with m and u now fixed.
        let allowed = allowed_pair_count(store, self.mode);
        for (session, (rule, all_pairs, used, patterns)) in sessions.iter_mut().zip(&session_pairs)
        {
            if *all_pairs == 0 || *used == 0 {
                continue;
            }
            let skip_fit = expectation_maximisation(
                patterns,
                &u,
                &m,
                session.match_share,
                EmSettings {
                    max_iterations: self.max_iterations,
                    tolerance: self.tolerance,
                    fit_m: false,
                },
            );
            // The rule's recall: for each of its fields, how often a
            // match agrees exactly on it (with both values present).
            let recall: f64 = rule
                .iter()
                .map(|(field, _)| {
                    comparisons
                        .iter()
                        .enumerate()
                        .find_map(|(c, comparison)| {
                            let exact = comparison
                                .levels()
                                .iter()
                                .position(|level| level.is_exact_on(*field))?;
                            Some(m[c][exact] * present_rate[c])
                        })
                        .unwrap_or(1.0)
                })
                .product();
            let matches = skip_fit.match_share * *all_pairs as f64;
            if recall > 0.0 && allowed > 0.0 {
                session.prior = Some((matches / recall / allowed).clamp(1e-15, 0.5));
            }
        }
        let mut priors: Vec<f64> = sessions.iter().filter_map(|s| s.prior).collect();
        priors.sort_by(f64::total_cmp);
        let prior = match priors.len() {
            0 => (store.len() as f64 / allowed.max(1.0)).clamp(1e-15, 0.5),
            n if n % 2 == 1 => priors[n / 2],
            n => (priors[n / 2 - 1] + priors[n / 2]) / 2.0,
        };

        for comparison in &mut comparisons {
            comparison.count_term_frequencies(store);
        }
        let report = TrainingReport {
            seed: self.seed,
            link_mode: format!("{:?}", self.mode),
            random_pairs: random.len() as u64,
            sessions,
            not_estimated,
            labelled_matches: matches.len() as u64,
            labelled_non_matches: non_matches.len() as u64,
        };
        FellegiSunter::assemble(schema.clone(), prior, comparisons, Some(report))
    }

    /// The training rules: the user's, or the schema's defaults.
    fn rules(&self, schema: &Schema) -> Result<Vec<Vec<(FieldId, String)>>> {
        if !self.rules.is_empty() {
            return self
                .rules
                .iter()
                .map(|rule| {
                    if rule.is_empty() {
                        return Err(Error::InvalidParameter {
                            name: "training_rule",
                            reason: "a training rule needs at least one field".into(),
                        });
                    }
                    rule.iter()
                        .map(|name| Ok((schema.field_id(name)?, name.clone())))
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
                schema
                    .fields_of(kind)
                    .filter_map(named)
                    .map(|field| vec![field]),
            );
        }
        if rules.len() < 2 {
            let given = schema.fields_of(FieldKind::GivenName).next();
            let family = schema.fields_of(FieldKind::FamilyName).next();
            if let (Some(given), Some(family)) = (given.and_then(named), family.and_then(named)) {
                rules.push(vec![given, family]);
            }
            for kind in [
                FieldKind::FullName,
                FieldKind::Organisation,
                FieldKind::Phone,
            ] {
                rules.extend(
                    schema
                        .fields_of(kind)
                        .filter_map(named)
                        .map(|field| vec![field]),
                );
            }
        }
        if rules.is_empty() {
            // No identifying field: every field alone.
            rules.extend(schema.ids().filter_map(named).map(|field| vec![field]));
        }
        Ok(rules)
    }

    /// The pairs a rule blocks (how many in all) and an even sample of at
    /// most `pairs_per_rule` of them.
    fn rule_pairs(
        &self,
        rule: &[(FieldId, String)],
    ) -> Result<(u64, Vec<(RecordIndex, RecordIndex)>)> {
        let parts: Vec<(&str, KeyTransform)> = rule
            .iter()
            .map(|(_, name)| (name.as_str(), KeyTransform::Exact))
            .collect();
        let key_rule = KeyRule::on(self.store.schema(), &parts)?;
        let index = BlockingIndex::build(
            self.store,
            vec![Box::new(key_rule)],
            BlockingOptions::default(),
        );
        let pairs = index.candidate_pairs(self.store, self.mode).into_pairs();
        let all = pairs.len() as u64;
        let wanted = self.pairs_per_rule;
        if pairs.len() <= wanted {
            return Ok((all, pairs));
        }
        let step = pairs.len() as f64 / wanted as f64;
        let sample = (0..wanted)
            .filter_map(|i| pairs.get((i as f64 * step) as usize).copied())
            .collect();
        Ok((all, sample))
    }
}
