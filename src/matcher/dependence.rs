//! Evidence that comes in pairs: fields that different people share
//! together far more often than chance.
//!
//! Fellegi-Sunter adds one weight per field as if the fields agreed
//! independently among different people. A household breaks that: its
//! members share the address *and* the family name (and the state, the
//! landline), so a pair of siblings at one address collects the surname's
//! weight and the address's weight, as strong as a birth date's and an
//! e-mail's together. A [`Dependence`] measures, among pairs that agree
//! exactly on one comparison (the *condition*, e.g. the address) and that
//! other fields show to be different people, how often another comparison
//! (the *dependent*, e.g. the family name) agrees exactly too; when both
//! agree, the dependent's weight is `log2(m / u)` with that conditional
//! u, never more than its usual weight. Each agreement level of the
//! dependent is measured on its own: colleagues at one employer (the
//! condition) share a co-inventor or one of their patent classes (a
//! set's "a shared value" level) far more often than people at random,
//! and that agreement then says little about identity.
//!
//! The same measurement can show the opposite: an agreement far rarer
//! among such pairs than by chance (members of one household seldom
//! share a given name). Then, with the family name's own dependence
//! taken into account so that household members count as different
//! people, the dependent's agreement under the condition weighs
//! `log2(m / u)` with an upper bound of that rarer share, never less
//! than its usual weight. Only a strong effect counts: the bound itself
//! must be at least [`MIN_RATIO`] times below chance.

use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use super::comparison::Comparison;
use crate::id::{FieldId, RecordIndex};
use crate::prepare::{PreparedRecord, PreparedStore};

/// The fewest "clearly different people" pairs a dependence is measured on.
const MIN_SUPPORT: u64 = 30;

/// The smallest share of the sampled pairs the different people must
/// make.
const MIN_SHARE: f64 = 0.05;

/// How much more often than at random the dependent must agree among
/// such pairs before its weight is lowered.
const MIN_RATIO: f64 = 8.0;

/// [`MIN_RATIO`] for the dependent's later agreement levels that test
/// shared values (a set sharing one value): agreeing there is common by chance
/// already (people in one trade share one of their classes 7 % of the
/// time), so the same pull shows as a smaller ratio. Measured on
/// generated inventors (colleagues at one employer share a class 46 % of
/// the time, 6 times chance): 4 gains 1.3 points of precision over 8 at
/// 0.3 of recall, and changes nothing on the other shapes.
const MIN_LEVEL_RATIO: f64 = 4.0;

/// The weight, in bits, below which the other comparisons of a pair show
/// that its records are different people (a likelihood ratio of 1:256).
const DIFFERENT_PEOPLE: f64 = -8.0;

/// The weight, in bits, a level of the condition must carry to count as
/// agreement (a coincidence of about 1 in 16 or rarer).
const STRONG_AGREEMENT: f64 = 4.0;

/// The least share of different people agreeing on the condition who
/// must agree on the dependent too. Above it the dependent goes with the
/// condition (a household's family name and state go with its address),
/// whatever the values: one conditional u describes it. Below it the pull
/// is weak and depends on how common each value is (people sharing a
/// given name share a family name a little more often than chance,
/// through a common culture), which one u cannot describe (measured: on
/// a million generated records, conditioning the family name on the
/// given name at u 0.02 cost 2 points of recall and gained no
/// precision).
const MIN_CONDITIONAL_U: f64 = 0.1;

/// [`MIN_CONDITIONAL_U`] for a family name, which a household shares
/// whatever its values: its sample mixes households with neighbours
/// sharing a postcode or a phone's digits (generated people, 101,085
/// records: measured at u 0.09 where 0.11 before the sample was keyed
/// per level, and the household check lost cost F1 0.970 -> 0.956).
///
/// Under a condition that compares dates there is no such least share,
/// only [`MIN_RATIO`]: a date of birth carries no culture, so different
/// people sharing one and a family name are twins or a relative's date
/// copied into a record. Those rarely look like different people (they
/// share an address too), so the share measured comes out low: 0.047 on
/// harsh government data (seed 7) where the true share is 0.1, and
/// keeping it there took tidy F1 0.955 / 0.950 -> 0.961 / 0.956 (seeds
/// 7 / 8; seeds 9 to 11 measured it above 0.05 already).
const MIN_FAMILY_CONDITIONAL_U: f64 = 0.05;

/// The least share of the pairs agreeing on a condition a marker must
/// show to be different people (see [`marked`]).
const MIN_DIFFERENT_SHARE: f64 = 0.5;

/// How many binomial standard deviations the marker's excess must
/// exceed where the dependent agrees (3 left seed 7 of the harsh
/// government data's tidy layout unchanged: its address's date excess
/// is 2.7 deviations; 2 gains 0.002 there and changes nothing else).
const MARKER_SPREADS: f64 = 2.0;

/// Records sharing one value in larger groups than this are not
/// sampled: a value that common (a placeholder, a large building) says
/// nothing about households, and the pairs grow quadratically.
const MAX_GROUP: usize = 40;

/// About the most pairs sampled per condition.
const MAX_PAIRS: usize = 10_000;

/// Added to the agreements counted among different people to bound the
/// share from above when the dependent agrees rarely: with none in `n`
/// pairs, `3 / n` (the "rule of three", a 95 % bound).
const RARE_BOUND: f64 = 3.0;

/// One comparison's agreement that says less (or more) once another
/// agrees.
///
/// When the pair reaches a level of the [condition](Self::condition)
/// whose tests are all exact, or one Jaro-Winkler test at 0.9 or above
/// (and that carries at least 4 bits), and the
/// [dependent](Self::dependent) reaches this dependence's
/// [level](Self::level) (its first unless built with
/// [`at_level`](Self::at_level)), the dependent weighs `log2(m / u)`
/// with that level's m and this dependence's [`u`](Self::u) (term
/// frequencies do not apply) in place of its usual weight:
///
/// - with `u` at or above the level's own u, the agreement is
///   common among different people agreeing on the condition (a
///   household's family name at its address): the weight is the lesser
///   of the two, and explanations label the level `exact, with
///   address`;
/// - with `u` below it, the agreement is rare there (members of one
///   household seldom share a given name): the weight is the greater of
///   the two, labelled `exact, rare with address`. Where both kinds hold
///   for one comparison, the lowering wins.
///
/// A lowering also caps the dependent's weaker spellings under the same
/// condition: a household's family name misspelt (`Torre` for `Torres`)
/// weighs no more than spelt right there, labelled `jaro-winkler >= 0.92,
/// at most exact, with address`. It caps neither `else` nor a level of
/// shared members (a set's shared value, words in common), which have
/// dependences of their own: co-inventors of one patent share its title,
/// so an exact title at one employer weighs below 0, while two titles
/// with a few words or none in common weigh as usual.
///
/// Training finds dependences on the data (see
/// [`Trainer`](super::Trainer)); they are saved with the model and
/// shown in explanations.
///
/// # Examples
///
/// ```
/// use sameas::matcher::{Comparison, Dependence, FellegiSunter, LevelTest, Matcher};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
///
/// let schema = Schema::builder()
///     .field("family", FieldKind::FamilyName)
///     .field("address", FieldKind::Address)
///     .build()?;
/// let mut family = Comparison::new(&schema, "family", &[LevelTest::Exact])?;
/// family.set_probabilities(0, 0.9, 0.01)?;
/// family.set_probabilities(1, 0.1, 0.99)?;
/// let mut address = Comparison::new(&schema, "address", &[LevelTest::Exact])?;
/// address.set_probabilities(0, 0.8, 0.0001)?;
/// address.set_probabilities(1, 0.2, 0.9999)?;
/// // Different people at one address share the family name 60 % of the time.
/// let household = Dependence::new("address", "family", 0.6)?;
/// let model = FellegiSunter::new(&schema, 0.001, vec![family, address])?
///     .with_dependences(vec![household])?;
/// // (A `u` below the family name's own 0.01 would raise its weight at
/// // a shared address instead.)
///
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[
///     OwnedRecord::new("1").with("family", "Smith").with("address", "1 Main St"),
///     OwnedRecord::new("2").with("family", "Smith").with("address", "1 Main St"),
/// ])?;
/// let r: Vec<_> = store.records().collect();
/// let prior = (0.001f64 / 0.999).log2();
/// let expected = prior + (0.9f64 / 0.6).log2() + (0.8f64 / 0.0001).log2();
/// assert!((model.score(&r[0], &r[1]).weight() - expected).abs() < 1e-9);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dependence {
    condition: String,
    dependent: String,
    u: f64,
    #[serde(default)]
    pairs: u64,
    #[serde(default, skip_serializing_if = "is_first")]
    level: usize,
}

/// Whether a dependence is on its dependent's first level (the default,
/// left out of saved models).
#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes a reference
fn is_first(level: &usize) -> bool {
    *level == 0
}

impl Dependence {
    /// A dependence of comparison `dependent` on comparison `condition`
    /// (comparison names), with `u` the share of different people
    /// agreeing on `condition` who agree on `dependent` too.
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidParameter`](crate::BuildError::InvalidParameter)
    /// naming `u` when it is not in `(0, 1]`, or naming `dependent` when
    /// both names are the same.
    pub fn new(condition: &str, dependent: &str, u: f64) -> Result<Dependence, crate::BuildError> {
        let dependence = Dependence {
            condition: condition.to_string(),
            dependent: dependent.to_string(),
            u,
            pairs: 0,
            level: 0,
        };
        dependence.check()?;
        Ok(dependence)
    }

    /// The same dependence on another agreement level of the dependent
    /// (its position among the comparison's levels; [`new`](Self::new)
    /// makes one on the first): `u` is then the share of different
    /// people agreeing on the condition whose dependent reaches that
    /// level. A level the dependent lacks, or its last ("else") level,
    /// makes the model refuse the dependence.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::Dependence;
    ///
    /// // Colleagues at one employer share one of their classes 60 % of
    /// // the time (the second level of a set comparison: "a shared value").
    /// let colleagues = Dependence::new("employer", "classes", 0.6)?.at_level(1);
    /// assert_eq!(colleagues.level(), 1);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    #[must_use]
    pub fn at_level(mut self, level: usize) -> Dependence {
        self.level = level;
        self
    }

    /// The dependent's level this dependence is on (0: its first).
    pub fn level(&self) -> usize {
        self.level
    }

    /// Checks the probability and the two names.
    pub(crate) fn check(&self) -> Result<(), crate::BuildError> {
        if !(self.u > 0.0 && self.u <= 1.0) {
            return Err(crate::BuildError::InvalidParameter {
                name: "u",
                reason: format!("a probability in (0, 1], got {}", self.u),
            });
        }
        if self.condition == self.dependent {
            return Err(crate::BuildError::InvalidParameter {
                name: "dependent",
                reason: format!("comparison `{}` cannot depend on itself", self.dependent),
            });
        }
        Ok(())
    }

    /// The comparison whose agreement is the condition.
    pub fn condition(&self) -> &str {
        &self.condition
    }

    /// The comparison whose agreement weighs less under the condition.
    pub fn dependent(&self) -> &str {
        &self.dependent
    }

    /// The share of different people agreeing on the condition who agree
    /// on the dependent too (for one found by training where that share
    /// is below chance, an upper bound of it).
    pub fn u(&self) -> f64 {
        self.u
    }

    /// How many pairs of different people it was measured on (0 for one
    /// built with [`new`](Self::new)).
    pub fn pairs(&self) -> u64 {
        self.pairs
    }
}

/// A dependence with its comparisons found in a model.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolved {
    /// Position of the condition's comparison.
    pub(crate) condition: usize,
    /// The condition's levels that count as agreement.
    pub(crate) levels: Vec<bool>,
    /// Position of the dependent's comparison.
    pub(crate) dependent: usize,
    /// The dependent's level it is on.
    pub(crate) level: usize,
    /// The dependent's weight at that level under the condition.
    pub(crate) weight: f64,
    /// Whether the condition makes the dependent's agreement rarer than
    /// chance (its weight rises) rather than commoner (it falls).
    pub(crate) raises: bool,
}

impl Resolved {
    /// Finds a dependence's comparisons; `None` if either is missing or
    /// the dependent has no such level before its last.
    pub(crate) fn new(dependence: &Dependence, comparisons: &[Comparison]) -> Option<Resolved> {
        let position = |name: &str| comparisons.iter().position(|c| c.name() == name);
        let condition = position(&dependence.condition)?;
        let dependent = position(&dependence.dependent)?;
        let levels = comparisons[dependent].levels();
        if dependence.level + 1 >= levels.len() {
            return None;
        }
        let level = levels.get(dependence.level)?;
        Some(Resolved {
            condition,
            levels: agreement_levels(&comparisons[condition]),
            dependent,
            level: dependence.level,
            weight: (level.m() / dependence.u).log2(),
            raises: dependence.u < level.u(),
        })
    }

    /// Whether the condition holds at `level`.
    pub(crate) fn holds(&self, level: Option<usize>) -> bool {
        level.is_some_and(|level| self.levels.get(level).copied().unwrap_or(false))
    }
}

/// The levels of a comparison that count as agreement for a condition:
/// every test exact, or on several fields at least one exact (a street
/// name with a typo at the same house number: still the household's
/// address), or one Jaro-Winkler test at 0.9 or above (one typing
/// error: `Hawthirn Dr` is the household's `Hawthorn Drive`); not
/// neutral, not the last ("else") level, at least [`STRONG_AGREEMENT`]
/// bits. Without the typo level, siblings at a mistyped address
/// collected their surname's full weight: on the harsh government data
/// (5 % of addresses with a typo) F1 0.932 / 0.925 (seeds 7 / 8), with
/// it 0.943 / 0.943.
fn agreement_levels(comparison: &Comparison) -> Vec<bool> {
    let levels = comparison.levels();
    levels
        .iter()
        .enumerate()
        .map(|(position, level)| {
            let conditions = level.conditions();
            let exact = conditions
                .iter()
                .filter(|condition| condition.test() == super::LevelTest::Exact)
                .count();
            // One typing error in the condition's value (`Hawthirn Dr`,
            // `Hawthorn Drive`): still the household's address.
            let typo = conditions.len() == 1
                && conditions.iter().all(|condition| {
                    matches!(condition.test(), super::LevelTest::JaroWinkler { at_least } if at_least >= 0.9)
                });
            position + 1 < levels.len()
                && !level.is_neutral()
                && ((exact > 0 && (exact == conditions.len() || conditions.len() > 1)) || typo)
                && level.weight() >= STRONG_AGREEMENT
        })
        .collect()
}

/// Counts for one (condition, dependent) pair of comparisons.
#[derive(Debug, Clone, Default)]
struct Tally {
    /// Pairs agreeing on the condition with both dependent values present.
    sampled: u64,
    /// Of those, pairs the other comparisons show to be different people.
    different: u64,
    /// Of those, the pairs whose dependent reached each of its levels.
    reached: Vec<u64>,
}

impl Tally {
    /// Of the different people, the pairs whose dependent reached `level`.
    fn agree(&self, level: usize) -> u64 {
        self.reached.get(level).copied().unwrap_or(0)
    }
}

/// Finds the dependences in `store` for a trained model's comparisons.
///
/// For each comparison with exact agreement levels, pairs of records
/// sharing a value of one of its exactly tested fields (in groups of at
/// most [`MAX_GROUP`]) that reach such a level are sampled; those whose
/// other comparisons weigh at most [`DIFFERENT_PEOPLE`] bits are
/// different people, and among them the share reaching each level of
/// each other comparison is that level's conditional u. A dependence is
/// kept when it is measured on at least [`MIN_SUPPORT`] pairs that make
/// at least [`MIN_SHARE`] of the sample (fewer are the odd true match
/// with many typos, not a population), and either
///
/// - is at least [`MIN_CONDITIONAL_U`] (for a family name
///   [`MIN_FAMILY_CONDITIONAL_U`], and under a date no least share) and
///   [`MIN_RATIO`] times the
///   level's u ([`MIN_LEVEL_RATIO`] for a level after the first, which
///   must test shared values: a set overlap or a word overlap), and
///   lowers a level carrying positive weight by at least a bit (one
///   dependence per level so found); or
/// - measured again with the first kind applied (household members
///   agreeing on the family name then count as different people), the
///   first level is rarer than chance: its upper bound (agreements plus [`RARE_BOUND`],
///   over the pairs) is at most the dependent's u over [`MIN_RATIO`],
///   and raises its weight by at least a bit (the bound is kept as u).
///
/// A third pass measures dates by a marker instead (see [`marked`]):
/// twins share everything but a given name and never look like
/// different people.
///
/// Of two comparisons that depend on each other, the one conditioned on
/// the rarer agreement is kept. Deterministic for any thread count:
/// groups and pairs are visited in record order, one condition per task.
pub(crate) fn estimate(store: &PreparedStore, comparisons: &[Comparison]) -> Vec<Dependence> {
    let records: Vec<PreparedRecord<'_>> = store.records().collect();
    let family: Vec<bool> = comparisons
        .iter()
        .map(|comparison| {
            comparison.fields().iter().all(|&field| {
                store.schema().field(field).kind() == crate::schema::FieldKind::FamilyName
            })
        })
        .collect();

    let none = vec![None; comparisons.len()];
    let tallies: Vec<Vec<Tally>> = crate::par::map_indices(comparisons.len(), |c| {
        tally(&records, comparisons, c, &none)
    });
    let lowering = one_coincidence(
        comparisons,
        (0..comparisons.len())
            .flat_map(|c| found(comparisons, &family, c, &tallies[c], None))
            .collect(),
    );
    // Measured again with the lowered weights: a household's members
    // agree on the family name, which must not make them look like one
    // person when the given name is measured.
    let raising: Vec<Dependence> = crate::par::map_indices(comparisons.len(), |c| {
        let lowered: Vec<Option<f64>> = comparisons
            .iter()
            .map(|comparison| {
                let found = lowering.iter().find(|d| {
                    d.level == 0
                        && d.condition == comparisons[c].name()
                        && d.dependent == comparison.name()
                })?;
                Some((comparison.levels().first()?.m() / found.u).log2())
            })
            .collect();
        if lowered.iter().all(Option::is_none) {
            return found(comparisons, &family, c, &tallies[c], Some(&lowered));
        }
        let tallies = tally(&records, comparisons, c, &lowered);
        found(comparisons, &family, c, &tallies, Some(&lowered))
    })
    .into_iter()
    .flatten()
    .collect();
    let marked: Vec<Dependence> = crate::par::map_indices(comparisons.len(), |c| {
        marked(store.schema(), &records, comparisons, c, &lowering)
    })
    .into_iter()
    .flatten()
    .collect();
    let mut all = lowering;
    all.extend(one_coincidence(comparisons, raising));
    all.extend(one_coincidence(comparisons, marked));
    all
}

/// The greatest m a marker's "else" level may have (see [`marked`]): it
/// must be rare among true matches.
const MARKER_MATCHES: f64 = 0.25;

/// The least share of different people whose marker reaches its "else"
/// level.
const MARKER_DIFFERENT: f64 = 0.5;

/// Dependences under condition `c` measured by a marker rather than by
/// the [`DIFFERENT_PEOPLE`] test: twins share a family name, an address
/// and a date of birth and differ in the given name alone, so the other
/// comparisons never show them to be different people and a first-level
/// agreement they share (the date) looks as rare as by chance. Here the
/// marker is a comparison of given names (what tells a household's
/// members apart) whose "else" level is rare among true matches (m at
/// most [`MARKER_MATCHES`]) and usual among different people (u at least
/// [`MARKER_DIFFERENT`]), the one of those measured on the most pairs
/// (at least [`MIN_SUPPORT`]); neither the condition nor linked to it by
/// a found lowering. Only a given name: other markers' m can be far
/// from their true share (an e-mail address whose m training reset to
/// safe values when people change addresses: generated people at
/// e-mail change 0.6, seed 3, lost 0.07 of recall with it).
///
/// Among pairs agreeing on the condition, the share of different people
/// is the excess of the marker's "else" over its m: `(e / n - m) /
/// (u - m)`, both among the pairs whose dependent agrees (`n` of them,
/// `e` at "else") and among all with the dependent present; their ratio
/// is the dependent's conditional u. Kept, as a lowering of the
/// dependent's first level, when at least [`MIN_RATIO`] times its u,
/// lowering its weight by at least a bit, the different people make at
/// least [`MIN_DIFFERENT_SHARE`] of the condition's pairs (a family name,
/// an address; not an identifier, whose few "different people" are a
/// marker's noise) and the marker's excess where the dependent agrees
/// is more than [`MARKER_SPREADS`] binomial deviations; only for a
/// dependent that compares dates (an agreement twins and a relative's
/// date copied into a record share: other dependents measured so on
/// harsh government data found identifiers and addresses shared by
/// households, F1 -0.009 to -0.013), never one already lowered under the
/// condition or lowering it.
///
/// Measured on harsh government data (5,000 people, seeds 7 and 8):
/// tidy F1 0.950 / 0.940 -> 0.952 / 0.946, wide 0.956 / 0.955 -> 0.962 /
/// 0.963 (an address makes an exact date of birth about 50 times
/// commoner among different people than by chance).
fn marked(
    schema: &crate::schema::Schema,
    records: &[PreparedRecord<'_>],
    comparisons: &[Comparison],
    c: usize,
    lowering: &[Dependence],
) -> Vec<Dependence> {
    let condition = &comparisons[c];
    let levels = agreement_levels(condition);
    if !levels.contains(&true) {
        return Vec::new();
    }
    let linked = |d: usize| {
        lowering.iter().any(|found| {
            (found.condition == condition.name() && found.dependent == comparisons[d].name())
                || (found.dependent == condition.name() && found.condition == comparisons[d].name())
        })
    };
    let markers: Vec<usize> = (0..comparisons.len())
        .filter(|&g| {
            let Some(last) = comparisons[g].levels().last() else {
                return false;
            };
            g != c
                && comparisons[g]
                    .fields()
                    .iter()
                    .all(|&field| schema.field(field).kind() == crate::schema::FieldKind::GivenName)
                && !linked(g)
                && comparisons[g].levels().len() >= 2
                && !last.is_neutral()
                && last.m() <= MARKER_MATCHES
                && last.u() >= MARKER_DIFFERENT
        })
        .collect();
    let dependents: Vec<usize> = (0..comparisons.len())
        .filter(|&d| {
            let dependent = &comparisons[d];
            dependent.levels().first().is_some_and(|level| {
                d != c
                    && tests_dates(dependent)
                    && !linked(d)
                    && dependent.levels().len() >= 2
                    && !level.is_neutral()
                    && level.weight() > 0.0
            })
        })
        .collect();
    if markers.is_empty() || dependents.is_empty() {
        return Vec::new();
    }
    // [dependent][marker], in the lists' order: (pairs, at the marker's
    // else) with the dependent present, and with it at its first level.
    let mut present = vec![vec![(0u64, 0u64); markers.len()]; dependents.len()];
    let mut agreeing = present.clone();
    for (a, b) in sample_pairs(records, &exact_keys(condition, &levels)) {
        let (a, b) = (&records[a.get()], &records[b.get()]);
        if !condition.level_of(a, b).is_some_and(|level| levels[level]) {
            continue;
        }
        let at_else: SmallVec<[Option<bool>; 4]> = markers
            .iter()
            .map(|&g| {
                let last = comparisons[g].levels().len() - 1;
                comparisons[g].level_of(a, b).map(|level| level == last)
            })
            .collect();
        for (i, &d) in dependents.iter().enumerate() {
            let Some(level) = comparisons[d].level_of(a, b) else {
                continue;
            };
            for (j, marker) in at_else.iter().enumerate() {
                let Some(at_else) = *marker else { continue };
                let counts = &mut present[i][j];
                counts.0 += 1;
                counts.1 += u64::from(at_else);
                if level == 0 {
                    let counts = &mut agreeing[i][j];
                    counts.0 += 1;
                    counts.1 += u64::from(at_else);
                }
            }
        }
    }
    let mut found = Vec::new();
    for (i, &d) in dependents.iter().enumerate() {
        let dependent = &comparisons[d];
        let Some(level) = dependent.levels().first() else {
            continue;
        };
        // The marker measured on the most pairs (the first of equals).
        let marker = (0..markers.len())
            .filter(|&j| markers[j] != d && agreeing[i][j].0 >= MIN_SUPPORT)
            .max_by_key(|&j| (agreeing[i][j].0, std::cmp::Reverse(j)));
        let Some((j, last)) =
            marker.and_then(|j| Some((j, comparisons[markers[j]].levels().last()?)))
        else {
            continue;
        };
        let share = |(n, e): (u64, u64)| {
            ((e as f64 / n as f64 - last.m()) / (last.u() - last.m())).clamp(0.0, 1.0) * n as f64
        };
        let different = share(present[i][j]);
        let agree = share(agreeing[i][j]);
        // The condition's pairs must be mostly different people (a
        // family name, an address; not an identifier, whose few
        // different people are noise), and the marker's excess where
        // the dependent agrees well beyond its binomial spread.
        let (n, e) = agreeing[i][j];
        let spread = (n as f64 * last.m() * (1.0 - last.m())).sqrt();
        if different < MIN_SUPPORT as f64
            || different < MIN_DIFFERENT_SHARE * present[i][j].0 as f64
            || (e as f64) < n as f64 * last.m() + MARKER_SPREADS * spread
        {
            continue;
        }
        let u = (agree + 0.5) / (different + 1.0);
        if u >= MIN_RATIO * level.u() && (level.m() / u).log2() <= level.weight() - 1.0 {
            found.push(Dependence {
                condition: condition.name().to_string(),
                dependent: dependent.name().to_string(),
                u,
                pairs: different.round() as u64,
                level: 0,
            });
        }
    }
    found
}

/// The dependences on comparison `c` its `tallies` show: those that
/// lower the dependent's weight, or with `lowered` (the lowered weights
/// the tallies were measured with) those that raise it, for dependents
/// not lowered.
fn found(
    comparisons: &[Comparison],
    family: &[bool],
    c: usize,
    tallies: &[Tally],
    lowered: Option<&[Option<f64>]>,
) -> Vec<Dependence> {
    let dated = tests_dates(&comparisons[c]);
    comparisons
        .iter()
        .zip(tallies)
        .enumerate()
        .filter(|&(d, _)| d != c && lowered.is_none_or(|lowered| lowered[d].is_none()))
        .flat_map(|(d, (dependent, tally))| {
            let levels = dependent.levels();
            // A date has no culture: different people sharing one and
            // a family name are twins or a relative's date copied, a
            // pull of their own however small (the ratio still holds).
            let least = match (family[d], dated) {
                (true, true) => 0.0,
                (true, false) => MIN_FAMILY_CONDITIONAL_U,
                _ => MIN_CONDITIONAL_U,
            };
            let measured = levels.len() >= 2
                && tally.different >= MIN_SUPPORT
                && (tally.different as f64) >= MIN_SHARE * tally.sampled as f64;
            // Raising is for the first level only; lowering for every
            // level before "else" that is evidence for a match.
            let last = if !measured {
                0
            } else if lowered.is_none() {
                levels.len() - 1
            } else {
                1
            };
            (0..last).filter_map(move |position| {
                let level = &levels[position];
                if level.is_neutral()
                    || level.weight() <= 0.0
                    || (position > 0 && !shares_values(level))
                {
                    return None;
                }
                let agree = tally.agree(position) as f64;
                let (u, kept) = if lowered.is_none() {
                    let u = (agree + 0.5) / (tally.different as f64 + 1.0);
                    let ratio = if position == 0 {
                        MIN_RATIO
                    } else {
                        MIN_LEVEL_RATIO
                    };
                    let strong = u >= least && u >= ratio * level.u();
                    (u, strong && (level.m() / u).log2() <= level.weight() - 1.0)
                } else {
                    let u = (agree + RARE_BOUND) / tally.different as f64;
                    let strong = u * MIN_RATIO <= level.u();
                    (u, strong && (level.m() / u).log2() >= level.weight() + 1.0)
                };
                kept.then(|| Dependence {
                    condition: comparisons[c].name().to_string(),
                    dependent: dependent.name().to_string(),
                    u,
                    pairs: tally.different,
                    level: position,
                })
            })
        })
        .collect()
}

/// Whether a comparison compares dates (one of its levels has a date's
/// test: day and month swapped, a year off, a placeholder, the day,
/// month or year wrong, within some days).
fn tests_dates(comparison: &Comparison) -> bool {
    comparison.levels().iter().any(|level| {
        level.conditions().iter().any(|condition| {
            matches!(
                condition.test(),
                super::LevelTest::DayMonthSwapped
                    | super::LevelTest::YearOneOff
                    | super::LevelTest::DatePlaceholder
                    | super::LevelTest::DayOrMonthWrong
                    | super::LevelTest::YearWrong
                    | super::LevelTest::WithinDays { .. }
            )
        })
    })
}

/// Whether a level tests that two values share some of their members
/// (a set's shared value, a word overlap) rather than that one value is
/// spelled alike: colleagues share a co-inventor, a coincidence of its
/// own, while a typo level follows the first level's dependence (a
/// household member's family name with a typo is still the household's)
/// and lowering it lost recall (generated people at typo rate 0.3: F1
/// -0.005 on one seed of five).
fn shares_values(level: &super::Level) -> bool {
    !level.conditions().is_empty()
        && level.conditions().iter().all(|condition| {
            matches!(
                condition.test(),
                super::LevelTest::SetOverlap | super::LevelTest::TokenJaccard { .. }
            )
        })
}

/// Whether a level is a weaker spelling of the value its comparison's
/// first level agrees on (a typo, a sound, a nickname, the same words in
/// another order, one part of a double surname): neither `else` nor a
/// level of members a set or a free text shares (a shared value, words
/// of a title in common), which are coincidences of their own. A
/// lowering of the first level caps these only.
pub(super) fn is_a_spelling(level: &super::Level, schema: &crate::schema::Schema) -> bool {
    let shared_members = |condition: &super::Condition| match condition.test() {
        super::LevelTest::SetOverlap => true,
        super::LevelTest::TokenJaccard { .. } => schema
            .try_field(condition.field())
            .is_some_and(|field| field.kind() == crate::schema::FieldKind::Text),
        _ => false,
    };
    !level.conditions().is_empty() && !level.conditions().iter().all(shared_members)
}

/// Two comparisons depending on each other describe one coincidence:
/// keeps the direction whose condition is rarer by chance.
fn one_coincidence(comparisons: &[Comparison], found: Vec<Dependence>) -> Vec<Dependence> {
    let rarity = |name: &str| {
        comparisons
            .iter()
            .find(|c| c.name() == name)
            .and_then(|c| c.levels().first())
            .map_or(1.0, |level| level.u())
    };
    found
        .iter()
        .filter(|one| {
            !found.iter().any(|other| {
                other.condition == one.dependent
                    && other.dependent == one.condition
                    && (rarity(&other.condition), &other.condition)
                        < (rarity(&one.condition), &one.condition)
            })
        })
        .cloned()
        .collect()
}

/// The tallies of every comparison under condition `c`, with each
/// comparison's first-level weight at most its `lowered` weight (if
/// any) when telling different people.
fn tally(
    records: &[PreparedRecord<'_>],
    comparisons: &[Comparison],
    c: usize,
    lowered: &[Option<f64>],
) -> Vec<Tally> {
    let condition = &comparisons[c];
    let levels = agreement_levels(condition);
    let mut tallies: Vec<Tally> = comparisons
        .iter()
        .map(|comparison| Tally {
            reached: vec![0; comparison.levels().len()],
            ..Tally::default()
        })
        .collect();
    if !levels.contains(&true) {
        return tallies;
    }
    let mut weights = vec![0.0; comparisons.len()];
    let mut reached: Vec<Option<usize>> = vec![None; comparisons.len()];
    for (a, b) in sample_pairs(records, &exact_keys(condition, &levels)) {
        let (a, b) = (&records[a.get()], &records[b.get()]);
        if !condition.level_of(a, b).is_some_and(|level| levels[level]) {
            continue;
        }
        let mut total = 0.0;
        for (d, dependent) in comparisons.iter().enumerate() {
            reached[d] = dependent.level_of(a, b);
            weights[d] = reached[d].map_or(0.0, |level| dependent.level_weight(level, a));
            if let (Some(0), Some(lowered)) = (reached[d], lowered[d]) {
                weights[d] = weights[d].min(lowered);
            }
            if d != c {
                total += weights[d];
            }
        }
        for (d, tally) in tallies.iter_mut().enumerate() {
            if d == c || reached[d].is_none() {
                continue;
            }
            tally.sampled += 1;
            if total - weights[d] <= DIFFERENT_PEOPLE {
                tally.different += 1;
                if let Some(count) = reached[d].and_then(|level| tally.reached.get_mut(level)) {
                    *count += 1;
                }
            }
        }
    }
    tallies
}

/// The fields a comparison tests exactly at each of its agreement
/// levels, one set per level (each set once; a level's fuzzy tests are
/// left to the condition's own test): a level on one field keys
/// pairs by that field's value, a level on several (an address split
/// into street and house number) by their values together, since one
/// part alone (a street name, a house number) is shared far beyond a
/// household.
fn exact_keys(comparison: &Comparison, agreement: &[bool]) -> Vec<Vec<FieldId>> {
    let mut keys: Vec<Vec<FieldId>> = comparison
        .levels()
        .iter()
        .zip(agreement)
        .filter(|&(_, &agrees)| agrees)
        .map(|(level, _)| {
            let mut fields: Vec<FieldId> = level
                .conditions()
                .iter()
                .filter(|condition| condition.test() == super::LevelTest::Exact)
                .map(|condition| condition.field())
                .collect();
            fields.sort_unstable();
            fields.dedup();
            fields
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Pairs of records sharing the values of one of `keys` (each a set of
/// fields, all present), from groups of 2 to [`MAX_GROUP`] records: all
/// of them, or every k-th group (in the order of the values' hashes,
/// which is no order of the data) so that about [`MAX_PAIRS`] remain;
/// sorted, each pair once.
fn sample_pairs(
    records: &[PreparedRecord<'_>],
    keys: &[Vec<FieldId>],
) -> Vec<(RecordIndex, RecordIndex)> {
    let keyed: Vec<Vec<(u64, u32)>> = keys
        .iter()
        .map(|fields| {
            // Grouped by a hash of the values: a collision only adds a
            // pair the condition's own test then rejects.
            let mut joined = Vec::new();
            let mut keyed: Vec<(u64, u32)> = records
                .iter()
                .enumerate()
                .filter_map(|(position, record)| {
                    joined.clear();
                    for (i, &field) in fields.iter().enumerate() {
                        let text = record.text(field).filter(|text| !text.is_empty())?;
                        if i > 0 {
                            joined.push(0x1f);
                        }
                        joined.extend_from_slice(text.as_bytes());
                    }
                    Some((
                        crate::hash::hash_key(&joined),
                        u32::try_from(position).ok()?,
                    ))
                })
                .collect();
            keyed.sort_unstable();
            keyed
        })
        .collect();
    let groups = || {
        keyed.iter().flat_map(|keyed| {
            keyed
                .chunk_by(|x, y| x.0 == y.0)
                .filter(|group| (2..=MAX_GROUP).contains(&group.len()))
        })
    };
    let total: usize = groups()
        .map(|group| group.len() * (group.len() - 1) / 2)
        .sum();
    let stride = total.div_ceil(MAX_PAIRS).max(1);
    let mut pairs: Vec<(RecordIndex, RecordIndex)> = Vec::with_capacity(total.min(MAX_PAIRS * 2));
    for group in groups().step_by(stride) {
        for (i, &(_, a)) in group.iter().enumerate() {
            for &(_, b) in &group[i + 1..] {
                let (a, b) = (a.min(b) as usize, a.max(b) as usize);
                pairs.push((RecordIndex::from_position(a), RecordIndex::from_position(b)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::LevelTest;
    use crate::record::OwnedRecord;
    use crate::schema::{FieldKind, Schema};

    fn schema() -> Schema {
        Schema::builder()
            .field("given", FieldKind::GivenName)
            .field("family", FieldKind::FamilyName)
            .field("dob", FieldKind::Date)
            .field("email", FieldKind::Email)
            .field("address", FieldKind::Address)
            .build()
            .unwrap()
    }

    /// Exact-or-else comparisons with the given (m, u) of exact agreement.
    fn comparisons(schema: &Schema) -> Vec<Comparison> {
        [
            ("given", 0.9, 0.01),
            ("family", 0.9, 0.005),
            ("dob", 0.9, 0.0005),
            ("email", 0.8, 0.00001),
            ("address", 0.8, 0.0001),
        ]
        .iter()
        .map(|&(name, m, u)| {
            let mut comparison = Comparison::new(schema, name, &[LevelTest::Exact]).unwrap();
            comparison.set_probabilities(0, m, u).unwrap();
            comparison.set_probabilities(1, 1.0 - m, 1.0 - u).unwrap();
            comparison
        })
        .collect()
    }

    #[test]
    fn a_family_name_goes_with_its_condition_from_a_lower_share() {
        // Under the address, 7 % of different people share the family
        // name (households among neighbours) and 7 % the given name:
        // only the family name's dependence is kept.
        let schema = schema();
        let comparisons = comparisons(&schema);
        let family: Vec<bool> = comparisons
            .iter()
            .map(|comparison| comparison.name() == "family")
            .collect();
        let tally = Tally {
            sampled: 1_200,
            different: 1_000,
            reached: vec![70, 930],
        };
        let tallies = vec![tally; comparisons.len()];
        let address = comparisons
            .iter()
            .position(|c| c.name() == "address")
            .unwrap();
        let kept = found(&comparisons, &family, address, &tallies, None);
        let dependents: Vec<&str> = kept.iter().map(|d| d.dependent.as_str()).collect();
        assert_eq!(dependents, ["family"]);
        // At 4 %, neither.
        let tally = Tally {
            sampled: 1_200,
            different: 1_000,
            reached: vec![40, 960],
        };
        let tallies = vec![tally; comparisons.len()];
        assert!(found(&comparisons, &family, address, &tallies, None).is_empty());
    }

    #[test]
    fn a_family_name_goes_with_a_shared_birth_date_from_any_share_far_above_chance() {
        // Of 1,000 different people sharing a date of birth, 47 share the
        // family name (twins): 19 times chance. Under a date the least
        // share of other conditions does not apply.
        let schema = schema();
        let mut comparisons = comparisons(&schema);
        let dob = comparisons.iter().position(|c| c.name() == "dob").unwrap();
        let mut dated = Comparison::new(
            &schema,
            "dob",
            &[LevelTest::Exact, LevelTest::DayMonthSwapped],
        )
        .unwrap();
        dated.set_probabilities(0, 0.85, 0.0005).unwrap();
        dated.set_probabilities(1, 0.05, 0.00001).unwrap();
        dated.set_probabilities(2, 0.1, 0.99949).unwrap();
        comparisons[dob] = dated;
        let family: Vec<bool> = comparisons
            .iter()
            .map(|comparison| comparison.name() == "family")
            .collect();
        let tally = |agree: u64| Tally {
            sampled: 1_200,
            different: 1_000,
            reached: vec![agree, 0, 1_000 - agree],
        };
        let tallies = vec![tally(47); comparisons.len()];
        let kept = found(&comparisons, &family, dob, &tallies, None);
        let dependents: Vec<(&str, &str)> = kept
            .iter()
            .map(|d| (d.condition.as_str(), d.dependent.as_str()))
            .collect();
        assert_eq!(dependents, [("dob", "family")]);
        assert!((kept[0].u - 47.5 / 1_001.0).abs() < 1e-12);
        // The same share under an address is a neighbourhood's: not kept.
        let address = comparisons
            .iter()
            .position(|c| c.name() == "address")
            .unwrap();
        let tallies = vec![tally(47); comparisons.len()];
        assert!(found(&comparisons, &family, address, &tallies, None).is_empty());
        // Near chance (family u 0.005: 8 in 1,000 is 1.6 times), nothing.
        let tallies = vec![tally(8); comparisons.len()];
        assert!(found(&comparisons, &family, dob, &tallies, None).is_empty());
    }

    /// `households` households of three people, each person twice; the
    /// members share the family name and the address, and nothing else.
    /// With `mistyped`, every 40th person's second record has another
    /// given name, birth date and address (a true match that the other
    /// fields deny).
    fn store(households: usize, mistyped: bool) -> PreparedStore {
        let mut store = PreparedStore::new(schema());
        let source = store.add_source("crm", false).unwrap();
        let mut records = Vec::new();
        for h in 0..households {
            for member in 0..3 {
                let person = h * 3 + member;
                for copy in 0..2 {
                    let odd = mistyped && copy == 1 && person % 40 == 0;
                    let given = if odd {
                        format!("X{person}q")
                    } else {
                        format!("G{person}a")
                    };
                    let day = if odd {
                        1 + (person + 7) % 28
                    } else {
                        1 + person % 28
                    };
                    records.push(
                        OwnedRecord::new(format!("{person}-{copy}"))
                            .with("given", given)
                            .with("family", format!("F{h}son"))
                            .with(
                                "dob",
                                format!(
                                    "19{:02}-{:02}-{day:02}",
                                    10 + person % 80,
                                    1 + person % 12
                                ),
                            )
                            .with("email", format!("p{person}@example.com"))
                            .with(
                                "address",
                                if odd {
                                    format!("{h} Side Road")
                                } else {
                                    format!("{h} Main Street")
                                },
                            ),
                    );
                }
            }
        }
        store.ingest(source, &records).unwrap();
        store
    }

    /// `households` households of three people, each person twice, at
    /// one address with one family name; with `twins`, the first two
    /// members of each share their date of birth.
    fn twins_store(households: usize, twins: bool) -> PreparedStore {
        let mut store = PreparedStore::new(schema());
        let source = store.add_source("crm", false).unwrap();
        let mut records = Vec::new();
        for h in 0..households {
            for member in 0..3 {
                let person = h * 3 + member;
                let born = if twins && member == 1 {
                    person - 1
                } else {
                    person
                };
                for copy in 0..2 {
                    records.push(
                        OwnedRecord::new(format!("{person}-{copy}"))
                            .with("given", format!("G{person}a"))
                            .with("family", format!("F{h}son"))
                            .with(
                                "dob",
                                format!(
                                    "19{:02}-{:02}-{:02}",
                                    10 + born % 80,
                                    1 + born % 12,
                                    1 + born % 28
                                ),
                            )
                            .with("address", format!("{h} Main Street")),
                    );
                }
            }
        }
        store.ingest(source, &records).unwrap();
        store
    }

    /// [`comparisons`] with a date comparison (exact, a year off, else).
    fn with_date_levels(schema: &Schema) -> Vec<Comparison> {
        let mut comparisons = comparisons(schema);
        let mut dob =
            Comparison::new(schema, "dob", &[LevelTest::Exact, LevelTest::YearOneOff]).unwrap();
        dob.set_probabilities(0, 0.9, 0.0005).unwrap();
        dob.set_probabilities(1, 0.05, 0.0005).unwrap();
        dob.set_probabilities(2, 0.05, 0.999).unwrap();
        comparisons[2] = dob;
        comparisons
    }

    #[test]
    fn twins_make_a_shared_date_common_in_a_household() {
        // Per household, 15 pairs agree on the family name: 3 of one
        // person, 12 of different people, 4 of them twins sharing the
        // date. The given name marks them: "else" in 4 of the 7 pairs
        // agreeing on the date (m 0.1), in 12 of all 15: about 3.7 of 13.5
        // different people share the date, u about 0.27.
        let store = twins_store(60, true);
        let schema = store.schema().clone();
        let found = estimate(&store, &with_date_levels(&schema));
        let dates: Vec<_> = found
            .iter()
            .filter(|d| d.dependent() == "dob")
            .map(|d| (d.condition(), d.level()))
            .collect();
        assert_eq!(dates, [("family", 0), ("address", 0)], "{found:?}");
        for dependence in found.iter().filter(|d| d.dependent() == "dob") {
            assert!((0.2..0.35).contains(&dependence.u()), "{dependence:?}");
        }
        // Without twins no date is shared beyond one person's records.
        let store = twins_store(60, false);
        let found = estimate(&store, &with_date_levels(&schema));
        assert!(found.iter().all(|d| d.dependent() != "dob"), "{found:?}");
    }

    #[test]
    fn only_dates_are_measured_by_a_marker() {
        let mut comparisons = comparisons(&schema());
        assert!(!tests_dates(&comparisons[2]));
        comparisons = with_date_levels(&schema());
        assert!(tests_dates(&comparisons[2]));
    }

    #[test]
    fn households_make_the_family_name_depend_on_the_address() {
        let store = store(60, false);
        let schema = store.schema().clone();
        let found = estimate(&store, &comparisons(&schema));
        // 60 households of 6 records: 12 pairs of different people each,
        // all sharing the family name; the reverse direction (family
        // conditions address) is dropped, the address being rarer.
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].condition(), found[0].dependent()),
            ("address", "family")
        );
        assert_eq!(found[0].pairs(), 720);
        assert!((found[0].u() - 720.5 / 721.0).abs() < 1e-12);
    }

    /// [`comparisons`] with a birth date that is rarely wrong (m 0.99),
    /// whose disagreement alone nearly shows different people.
    fn with_a_reliable_date(schema: &Schema) -> Vec<Comparison> {
        let mut comparisons = comparisons(schema);
        comparisons[2].set_probabilities(0, 0.99, 0.0005).unwrap();
        comparisons[2].set_probabilities(1, 0.01, 0.9995).unwrap();
        comparisons
    }

    #[test]
    fn households_make_a_shared_given_name_rare_at_the_address() {
        // 250 households of three people, each with a given name of their
        // own: among the 3,000 pairs of different people at one address
        // none shares the given name, where one pair in 100 would by
        // chance. Only once the family name counts little there do
        // household members look like different people (given -3.3,
        // family -0.15, date -6.6, e-mail -2.3: -12.4 bits; with the
        // family name's usual +7.5 they would not).
        let store = store(250, false);
        let schema = store.schema().clone();
        let found = estimate(&store, &with_a_reliable_date(&schema));
        let pairs: Vec<_> = found
            .iter()
            .map(|d| (d.condition(), d.dependent(), d.pairs()))
            .collect();
        assert_eq!(
            pairs,
            [("address", "family", 3000), ("address", "given", 3000)]
        );
        // The given name's share is bounded from above by the rule of
        // three: 3 / 3,000, ten times below chance.
        assert!((found[1].u() - 3.0 / 3000.0).abs() < 1e-12);
        let comparisons = with_a_reliable_date(&schema);
        let resolved = Resolved::new(&found[1], &comparisons).unwrap();
        assert!(resolved.raises);
        assert!((resolved.weight - (0.9f64 / 0.001).log2()).abs() < 1e-12);
        let lowering = Resolved::new(&found[0], &comparisons).unwrap();
        assert!(!lowering.raises);
    }

    #[test]
    fn too_few_households_raise_nothing() {
        // 60 households: 720 pairs of different people without a shared
        // given name bound its share by 3 / 720, under 8 times below
        // chance (0.01): not a strong effect.
        let store = store(60, false);
        let schema = store.schema().clone();
        let found = estimate(&store, &with_a_reliable_date(&schema));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].dependent(), "family");
    }

    #[test]
    fn given_names_shared_by_chance_in_households_raise_nothing() {
        // Household members named at random from 20 names share one as
        // often as chance has it (0.05): nothing rarer to find.
        let mut store = PreparedStore::new(schema());
        let source = store.add_source("crm", false).unwrap();
        let mut records = Vec::new();
        for h in 0..300 {
            for member in 0..3 {
                let person = h * 3 + member;
                for copy in 0..2 {
                    records.push(
                        OwnedRecord::new(format!("{person}-{copy}"))
                            .with(
                                "given",
                                format!("G{}a", ((person as u64 * 2_654_435_761) >> 8) % 20),
                            )
                            .with("family", format!("F{h}son"))
                            .with(
                                "dob",
                                format!(
                                    "19{:02}-{:02}-{:02}",
                                    10 + person % 80,
                                    1 + person % 12,
                                    1 + person % 28
                                ),
                            )
                            .with("email", format!("p{person}@example.com"))
                            .with("address", format!("{h} Main Street")),
                    );
                }
            }
        }
        store.ingest(source, &records).unwrap();
        let schema = store.schema().clone();
        let mut comparisons = with_a_reliable_date(&schema);
        comparisons[0].set_probabilities(0, 0.9, 0.05).unwrap();
        comparisons[0].set_probabilities(1, 0.1, 0.95).unwrap();
        let found = estimate(&store, &comparisons);
        assert!(found.iter().all(|d| d.dependent() != "given"), "{found:?}");
        assert!(found.iter().any(|d| d.dependent() == "family"), "{found:?}");
    }

    #[test]
    fn a_few_mistyped_true_matches_are_not_a_dependence() {
        // The e-mail is shared only by the two records of one person;
        // among them, the mistyped ones look like different people that
        // share the family name (38 of 1,500 pairs, under 5 %).
        let store = store(500, true);
        let schema = store.schema().clone();
        let found = estimate(&store, &comparisons(&schema));
        assert!(found.iter().all(|d| d.condition() != "email"), "{found:?}");
    }

    #[test]
    fn independent_fields_have_no_dependence() {
        // Every record alone at its address, family names repeating
        // across people at random: nothing to find.
        let mut store = PreparedStore::new(schema());
        let source = store.add_source("crm", false).unwrap();
        let records: Vec<OwnedRecord> = (0..400)
            .map(|i| {
                OwnedRecord::new(i.to_string())
                    .with("given", format!("G{}a", i % 37))
                    .with("family", format!("F{}son", i % 41))
                    .with("dob", format!("19{:02}-01-{:02}", 10 + i % 43, 1 + i % 28))
                    .with("address", format!("{i} Main Street"))
            })
            .collect();
        store.ingest(source, &records).unwrap();
        let schema = store.schema().clone();
        assert_eq!(estimate(&store, &comparisons(&schema)), Vec::new());
    }

    #[test]
    fn conditions_are_strong_exact_or_one_typo_levels_but_else() {
        let schema = schema();
        let mut address = Comparison::new(
            &schema,
            "address",
            &[
                LevelTest::Exact,
                LevelTest::JaroWinkler { at_least: 0.9 },
                LevelTest::JaroWinkler { at_least: 0.8 },
            ],
        )
        .unwrap();
        address.set_probabilities(0, 0.8, 0.0001).unwrap();
        address.set_probabilities(1, 0.1, 0.001).unwrap();
        address.set_probabilities(2, 0.05, 0.001).unwrap();
        address.set_probabilities(3, 0.05, 0.9979).unwrap();
        // A typo of the household's address is still its address; a
        // looser likeness is another street.
        assert_eq!(agreement_levels(&address), [true, true, false, false]);
        address.set_probabilities(0, 0.8, 0.1).unwrap(); // 3 bits: weak
        address.set_probabilities(1, 0.1, 0.02).unwrap(); // 2.3 bits
        assert_eq!(agreement_levels(&address), [false, false, false, false]);
    }

    /// Colleagues: 40 employers of 8 people, each person twice; every
    /// person has a name of their own, and each record lists two of the
    /// employer's six classes. People at one employer share a class
    /// most of the time (the same two now and then), people at random
    /// never.
    fn colleagues() -> (PreparedStore, Vec<Comparison>) {
        let schema = Schema::builder()
            .field("given", FieldKind::GivenName)
            .field("family", FieldKind::FamilyName)
            .field("employer", FieldKind::Organisation)
            .field("classes", FieldKind::Set)
            .build()
            .unwrap();
        let mut store = PreparedStore::new(schema.clone());
        let source = store.add_source("patents", false).unwrap();
        let mut records = Vec::new();
        for employer in 0..40 {
            for member in 0..8 {
                let person = employer * 8 + member;
                for copy in 0..2 {
                    let first = (person + copy) % 6;
                    let second = (person + copy + 1 + person % 3) % 6;
                    let (first, second) = (first.min(second), first.max(second));
                    records.push(
                        OwnedRecord::new(format!("{person}-{copy}"))
                            .with("given", format!("G{person}a"))
                            .with("family", format!("F{person}son"))
                            .with("employer", format!("Employer {employer} Ltd"))
                            .with(
                                "classes",
                                format!("C{employer}x{first}|C{employer}x{second}"),
                            ),
                    );
                }
            }
        }
        store.ingest(source, &records).unwrap();
        let exact = |name: &str, m: f64, u: f64| {
            let mut comparison = Comparison::new(&schema, name, &[LevelTest::Exact]).unwrap();
            comparison.set_probabilities(0, m, u).unwrap();
            comparison.set_probabilities(1, 1.0 - m, 1.0 - u).unwrap();
            comparison
        };
        let mut classes = Comparison::new(
            &schema,
            "classes",
            &[LevelTest::Exact, LevelTest::SetOverlap],
        )
        .unwrap();
        classes.set_probabilities(0, 0.3, 0.001).unwrap();
        classes.set_probabilities(1, 0.6, 0.08).unwrap();
        classes.set_probabilities(2, 0.1, 0.919).unwrap();
        let comparisons = vec![
            exact("given", 0.99, 0.01),
            exact("family", 0.99, 0.005),
            exact("employer", 0.9, 0.0002),
            classes,
        ];
        (store, comparisons)
    }

    #[test]
    fn colleagues_make_a_shared_class_depend_on_the_employer() {
        let (store, comparisons) = colleagues();
        let found = estimate(&store, &comparisons);
        let shared: Vec<_> = found
            .iter()
            .filter(|d| d.dependent() == "classes")
            .map(|d| (d.condition(), d.level()))
            .collect();
        assert_eq!(shared, [("employer", 1)], "{found:?}");
        let dependence = found.iter().find(|d| d.dependent() == "classes").unwrap();
        // 40 employers of 16 records: 120 pairs each, 8 of them one
        // person's two records, 112 * 40 = 4,480 pairs of colleagues.
        assert_eq!(dependence.pairs(), 4480);
        // Most colleagues share a class: about 6 times the level's u of
        // 0.08 (at least 4 times, under the first level's 8), and the
        // weight of sharing one falls below its usual log2(0.6 / 0.08);
        // the same two classes are too rare among them to lower the
        // first level.
        assert!((0.32..0.64).contains(&dependence.u()), "{dependence:?}");
        let resolved = Resolved::new(dependence, &comparisons).unwrap();
        assert!(!resolved.raises);
        assert_eq!(resolved.level, 1);
        assert!(resolved.weight < (0.6f64 / 0.08).log2() - 1.0);
    }

    #[test]
    fn a_dependence_on_the_else_level_or_beyond_resolves_to_nothing() {
        let (_, comparisons) = colleagues();
        let on = |level| {
            Dependence::new("employer", "classes", 0.5)
                .unwrap()
                .at_level(level)
        };
        assert!(Resolved::new(&on(1), &comparisons).is_some());
        assert!(Resolved::new(&on(2), &comparisons).is_none());
        assert!(Resolved::new(&on(9), &comparisons).is_none());
    }

    #[test]
    fn only_levels_of_shared_values_are_lowered_after_the_first() {
        let (_, comparisons) = colleagues();
        let classes = comparisons[3].levels();
        assert_eq!(
            classes.iter().map(shares_values).collect::<Vec<_>>(),
            [false, true, false]
        );
        let schema = schema();
        let family = Comparison::new(
            &schema,
            "family",
            &[LevelTest::Exact, LevelTest::JaroWinkler { at_least: 0.92 }],
        )
        .unwrap();
        assert!(!family.levels().iter().any(shares_values));
    }

    #[test]
    fn bad_dependences_are_refused_by_name() {
        assert_eq!(
            Dependence::new("address", "family", 0.0)
                .unwrap_err()
                .to_string(),
            "invalid parameter `u`: a probability in (0, 1], got 0"
        );
        assert_eq!(
            Dependence::new("address", "address", 0.5)
                .unwrap_err()
                .to_string(),
            "invalid parameter `dependent`: comparison `address` cannot depend on itself"
        );
        assert!(Dependence::new("address", "family", 1.0).is_ok());
    }

    #[test]
    fn a_split_address_keys_households_by_its_parts_together() {
        // Street names and house numbers each shared by 48 records (more
        // than a group may hold), unique together: one household each.
        let schema = Schema::builder()
            .field("given", FieldKind::GivenName)
            .field("family", FieldKind::FamilyName)
            .field("dob", FieldKind::Date)
            .field("email", FieldKind::Email)
            .field("street", FieldKind::Address)
            .field("number", FieldKind::Category)
            .build()
            .unwrap();
        let mut store = PreparedStore::new(schema.clone());
        let source = store.add_source("census", false).unwrap();
        let mut records = Vec::new();
        for h in 0..64 {
            for member in 0..3 {
                let person = h * 3 + member;
                for copy in 0..2 {
                    records.push(
                        OwnedRecord::new(format!("{person}-{copy}"))
                            .with("given", format!("G{person}a"))
                            .with("family", format!("F{h}son"))
                            .with(
                                "dob",
                                format!(
                                    "19{:02}-{:02}-{:02}",
                                    10 + person % 80,
                                    1 + person % 12,
                                    1 + person % 28
                                ),
                            )
                            .with("email", format!("p{person}@example.com"))
                            .with("street", format!("S{} Street", h % 8))
                            .with("number", (h / 8).to_string()),
                    );
                }
            }
        }
        store.ingest(source, &records).unwrap();
        let mut comparisons: Vec<Comparison> = [
            ("given", 0.9, 0.01),
            ("family", 0.9, 0.005),
            ("dob", 0.9, 0.0005),
            ("email", 0.8, 0.00001),
        ]
        .iter()
        .map(|&(name, m, u)| {
            let mut comparison = Comparison::new(&schema, name, &[LevelTest::Exact]).unwrap();
            comparison.set_probabilities(0, m, u).unwrap();
            comparison.set_probabilities(1, 1.0 - m, 1.0 - u).unwrap();
            comparison
        })
        .collect();
        let mut location = Comparison::across(
            &schema,
            "street",
            &[&[("street", LevelTest::Exact), ("number", LevelTest::Exact)]],
        )
        .unwrap();
        location.set_probabilities(0, 0.8, 0.0001).unwrap();
        location.set_probabilities(1, 0.2, 0.9999).unwrap();
        comparisons.push(location);
        let found = estimate(&store, &comparisons);
        assert!(
            found
                .iter()
                .any(|d| (d.condition(), d.dependent()) == ("street", "family")),
            "{found:?}"
        );
    }
}
