//! What training did: the report saved with a trained model.
//!
//! Its own module so that the model (which stores the report) and the
//! trainer (which writes it) do not depend on each other for it.

use std::fmt;

use serde::{Deserialize, Serialize};

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
    /// How EM converged: at each iteration, in order, the largest change
    /// of any value it estimated (an m or the match share); EM stops
    /// when one falls below its tolerance (1e-4). Empty in a model saved
    /// before this was recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<f64>,
    /// The estimated share of matches among the rule's pairs.
    pub match_share: f64,
    /// The comparisons whose m this session estimated.
    pub estimated: Vec<String>,
    /// The prior this session implies (`None` when it cannot tell, or
    /// when the session is not used).
    pub prior: Option<f64>,
    /// How often two records allowed to pair agree on the rule's fields
    /// (the rule's pairs over all pairs the link mode allows: the sum of
    /// squared value frequencies). Rules that agree often by chance
    /// (colleagues at one employer) do not train when a more selective
    /// rule exists.
    #[serde(default)]
    pub chance_agreement: f64,
    /// Whether the session's m and prior are used: not when EM called
    /// nearly all of its pairs matches ([`TrainingWarning::SessionMatchesAll`]).
    #[serde(default = "used_by_default")]
    pub used_for_m: bool,
}

fn used_by_default() -> bool {
    true
}

/// What training did. Saved with the model.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "synthetic")] {
/// use sameas::matcher::Trainer;
/// use sameas::synthetic::{PeopleGenerator, SyntheticData}; // feature `synthetic`
/// use sameas::PreparedStore;
///
/// let data = PeopleGenerator::builder().seed(5).entities(1_500).build()?.generate();
/// let store = data.prepared_store()?;
/// let model = Trainer::new(&store).train()?;
/// let report = model.training().expect("a trained model has a report");
/// assert_eq!(report.random_pairs, 100_000); // half the records, at least 100,000
/// assert!(report.sessions.iter().all(|session| session.converged));
/// // EM's convergence, one change per iteration, the last below 1e-4.
/// let session = &report.sessions[0];
/// assert_eq!(session.changes.len(), session.iterations as usize);
/// assert!(session.changes.last().is_some_and(|&change| change < 1e-4));
/// assert!(report.not_estimated.is_empty());
/// # }
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
    /// Comparisons whose m no session could estimate (they take safe
    /// values, see [`TrainingWarning`], or the labelled estimate).
    pub not_estimated: Vec<String>,
    /// Comparisons whose m came from anchors: the pairs of sessions
    /// blocked on an identifier alone that agree exactly on the other
    /// names (and, for a name, the date), one person nearly always (at
    /// least 200 of them with both values). A person's names take them
    /// whenever there are that many (a session's class may hold twins
    /// or relatives, who differ in the given name); a date only when no
    /// used session estimated it (each blocked on the date, or left out
    /// as another class).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub anchored: Vec<String>,
    /// Labelled matching pairs used for m.
    pub labelled_matches: u64,
    /// Labelled non-matching pairs pooled with the random pairs for u.
    pub labelled_non_matches: u64,
    /// What the checks after training found (empty when the model looks
    /// like one of identity; see [`TrainingWarning`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<TrainingWarning>,
}

/// A sign that what EM took for matches is something else (colleagues at
/// one employer, people born the same year) rather than one entity.
///
/// The trainer holds m to the order of the levels during EM (see
/// [`Trainer`](super::Trainer)), and checks every name, date, e-mail,
/// phone and identifier comparison whose m EM estimated on EM's last
/// unconstrained step, and the prior. A failed comparison does not keep
/// EM's m: it is reset to safe values (the labelled estimate, or else
/// m from the order of its levels: exact agreement about 0.85 and
/// `else` rare; for a date, m from how dates of birth go wrong, typo-like
/// levels high and unrelated dates low), and the warning says so. Safe
/// values rather than the constrained m: when exact agreement is rarer
/// among "matches" than disagreement, the order pools the two, so
/// agreement would weigh about what it weighs among random pairs and the
/// model would still score the wrong class; the safe values at least
/// describe identity.
///
/// The text never holds a value of a record: only comparison, level and
/// field names and counts.
///
/// # Examples
///
/// ```
/// use sameas::matcher::TrainingWarning;
///
/// let warning = TrainingWarning::InvertedLevels {
///     comparison: "given".into(),
///     exact_level: "exact".into(),
///     fuzzier_level: "else".into(),
/// };
/// assert_eq!(
///     warning.to_string(),
///     "given: m of `exact` is below m of `else` (EM's matches are not one entity); \
///      m reset to safe values"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum TrainingWarning {
    /// A comparison's exact level has a lower m than a fuzzier level (or
    /// `else`): the "matches" EM found agree on it less often than they
    /// disagree. Its m was reset to safe values.
    InvertedLevels {
        /// The comparison.
        comparison: String,
        /// The label of its exact level.
        exact_level: String,
        /// The label of the first level with a higher m.
        fuzzier_level: String,
    },
    /// A date comparison estimated only on pairs that share a person's
    /// names (the sessions blocked on given and family name) has a lower
    /// m for exact agreement than for a fuzzier level. Not another class
    /// than identity: records are found again by their name or by their
    /// date, seldom with both wrong, so duplicates that share their names
    /// have wrong dates far more often than duplicates in general, and
    /// their dates do not show how often one person's dates agree. Its m
    /// was set from how dates of birth go wrong, as after
    /// [`InvertedLevels`](Self::InvertedLevels): typo-like levels
    /// likely, a near or unrelated date rare.
    DateLearntFromNames {
        /// The comparison.
        comparison: String,
        /// The label of its exact level.
        exact_level: String,
        /// The label of the first level with a higher m.
        fuzzier_level: String,
    },
    /// A comparison's exact agreement weighs against a match
    /// (`log2(m / u) < 0`): EM's matches agree on it less often than
    /// random pairs. Its m was reset to safe values.
    NegativeExactWeight {
        /// The comparison.
        comparison: String,
        /// The label of its exact level.
        exact_level: String,
    },
    /// A comparison of several fields, one of them identifying (a name,
    /// date, e-mail, phone or identifier), whose "matches" disagree on
    /// all its fields (`else`) more often than they reach any agreement
    /// level: EM learned a class such as branches of one chain, not one
    /// entity. Its m was reset to safe values.
    DisagreementDominates {
        /// The comparison.
        comparison: String,
    },
    /// A training session's EM called nearly all its pairs (over 99 %)
    /// matches: the class it found is the rule's own (everyone sharing
    /// first and last name), not identity. The session is left out of m
    /// and of the prior.
    SessionMatchesAll {
        /// The session's rule (its fields).
        rule: Vec<String>,
        /// Pairs EM used.
        pairs: u64,
        /// How many of them EM called matches (expected, rounded).
        matches: u64,
    },
    /// A training session's own EM inverted the levels of a given, family
    /// or full name comparison (see [`InvertedLevels`](Self::InvertedLevels))
    /// while another session's did not: its class is not identity
    /// (colleagues at one employer, blocked on the employer, disagree on
    /// their names). The session is left out of m and of the prior.
    SessionNotIdentity {
        /// The session's rule (its fields).
        rule: Vec<String>,
        /// The first comparison whose levels it inverted.
        comparison: String,
    },
    /// A date comparison that dates something its records share with
    /// other people, not a person (a patent's grant date, carried by
    /// each of its co-inventors' mentions): the session blocked on the
    /// date found another class than identity
    /// ([`SessionNotIdentity`](Self::SessionNotIdentity)) or its
    /// values are shared too often by chance to train on (a few hundred
    /// days: a visit's date), and most of the other sessions' matches
    /// differ on it. Its m was set to its u: no level weighs for or
    /// against a match (a date of birth's safe values would weigh each
    /// of one inventor's patents, granted on different days, as a
    /// different birthday). Declare the column `ignore` to silence it.
    DateNotIdentifying {
        /// The comparison.
        comparison: String,
    },
    /// The trained prior (the median of the sessions' priors) implies more
    /// matching pairs than is plausible: more than five per record
    /// (entities of 11 records on average) and, with given and family
    /// name fields, more than twice the pairs agreeing exactly on both
    /// names (matches agree on their names at least half the time, so a
    /// class that broad is not identity). The prior is replaced by the
    /// trainer's fallback, one matching pair per two records (the prior
    /// it uses when no session can tell), and m is fitted again with each
    /// session's match share held at what that prior implies for its
    /// pairs.
    ImplausibleMatchShare {
        /// The matching pairs the prior implies, rounded.
        implied_matches: u64,
        /// Records trained on.
        records: u64,
    },
    /// The sessions' prior implied far fewer matching pairs than the
    /// trained model's own weights find among the blocked pairs (at
    /// least 10 times fewer): the comparisons EM estimated the match
    /// share from were missing in the matches (a source without a date
    /// of birth linked on names), so their pairs told EM nothing. The
    /// prior was raised to what the weights imply.
    PriorBelowEvidence {
        /// The matching pairs the sessions' prior implied, rounded.
        implied_matches: u64,
        /// The matching pairs the model's weights find, rounded.
        evidence_matches: u64,
    },
}

impl TrainingWarning {
    /// The warning for a date comparison estimated only on pairs that
    /// share their names: an inversion becomes
    /// [`DateLearntFromNames`](Self::DateLearntFromNames); other
    /// warnings stay as they are.
    pub(crate) fn learnt_from_names(self) -> TrainingWarning {
        match self {
            TrainingWarning::InvertedLevels {
                comparison,
                exact_level,
                fuzzier_level,
            } => TrainingWarning::DateLearntFromNames {
                comparison,
                exact_level,
                fuzzier_level,
            },
            other => other,
        }
    }
}

impl fmt::Display for TrainingWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrainingWarning::InvertedLevels {
                comparison,
                exact_level,
                fuzzier_level,
            } => write!(
                f,
                "{comparison}: m of `{exact_level}` is below m of `{fuzzier_level}` \
                 (EM's matches are not one entity); m reset to safe values"
            ),
            TrainingWarning::DateLearntFromNames {
                comparison,
                exact_level,
                fuzzier_level,
            } => write!(
                f,
                "{comparison}: m of `{exact_level}` is below m of `{fuzzier_level}` among pairs \
                 sharing their names (their dates are wrong more often than other duplicates'); \
                 m set from how dates go wrong"
            ),
            TrainingWarning::NegativeExactWeight {
                comparison,
                exact_level,
            } => write!(
                f,
                "{comparison}: `{exact_level}` weighs against a match \
                 (EM's matches are not one entity); m reset to safe values"
            ),
            TrainingWarning::DisagreementDominates { comparison } => write!(
                f,
                "{comparison}: m of `else` is above m of every agreement level together \
                 (EM's matches are not one entity); m reset to safe values"
            ),
            TrainingWarning::ImplausibleMatchShare {
                implied_matches,
                records,
            } => write!(
                f,
                "prior: it implies {implied_matches} matching pairs among {records} records \
                 (a class broader than identity); prior reset to one match per two records, \
                 m fitted again with it"
            ),
            TrainingWarning::PriorBelowEvidence {
                implied_matches,
                evidence_matches,
            } => write!(
                f,
                "prior: it implies {implied_matches} matching pairs where the model's weights \
                 find {evidence_matches} among the blocked pairs (the comparisons EM estimated \
                 it from are missing in the matches); prior raised to theirs"
            ),
            TrainingWarning::DateNotIdentifying { comparison } => write!(
                f,
                "{comparison}: records sharing it are mostly different people, and most of \
                 EM's matches differ on it (it dates an event, not a person); it weighs \
                 nothing"
            ),
            TrainingWarning::SessionNotIdentity { rule, comparison } => write!(
                f,
                "training on {}: EM's matches disagree on {comparison} (not one entity); \
                 session not used",
                rule.join("+"),
            ),
            TrainingWarning::SessionMatchesAll {
                rule,
                pairs,
                matches,
            } => write!(
                f,
                "training on {}: EM called {matches} of its {pairs} pairs matches (the rule's \
                 class, not one entity); session not used",
                rule.join("+"),
            ),
        }
    }
}
