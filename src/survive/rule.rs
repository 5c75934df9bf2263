//! Per-field survivorship rules: how one value is chosen among a
//! cluster's candidates.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::candidate::Candidate;

/// The signature of a custom rule: given the candidates still tied, in
/// member order, the position of the one to keep, or `None` for no
/// preference.
type CustomChoice = dyn Fn(&[Candidate<'_>]) -> Option<usize> + Send + Sync;

/// A named closure used as a survivorship rule; see
/// [`SurvivorshipRule::custom`].
///
/// # Examples
///
/// ```
/// use sameas::survive::SurvivorshipRule;
/// let rule = SurvivorshipRule::custom("first", |_| Some(0));
/// assert_eq!(rule.name().to_string(), "custom:first");
/// ```
#[derive(Clone)]
pub struct CustomRule {
    name: String,
    choose: Arc<CustomChoice>,
}

impl CustomRule {
    /// The name given to the rule, reported in provenance.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Debug for CustomRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CustomRule")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// One way to choose a field's surviving value among a cluster's
/// candidates.
///
/// Rules are chained per field: each rule keeps the candidates it ranks
/// best and hands those on to the next rule; what is still tied after the
/// last rule is decided by the [member order](super#member-order) (which
/// is what [`FirstNonEmpty`](Self::FirstNonEmpty) applies). A rule with
/// nothing to go on (no timestamps, no listed source) keeps every
/// candidate.
///
/// # Examples
///
/// ```
/// use sameas::survive::{Survivorship, SurvivorshipRule, SurvivorshipRules};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
///
/// let schema = Schema::builder().field("phone", FieldKind::Phone).build()?;
/// let mut store = PreparedStore::new(schema);
/// let web = store.add_source("web", false)?;
/// let crm = store.add_source("crm", false)?;
/// store.ingest(web, &[OwnedRecord::new("w1").with("phone", "+1 555 010 2030")])?;
/// store.ingest(crm, &[OwnedRecord::new("c1").with("phone", "+1 555 010 9999")])?;
/// let rules = SurvivorshipRules::builder(&store)
///     .rule("phone", [SurvivorshipRule::source_priority(["crm", "web"])])
///     .build()?;
/// let golden = rules.survive(&store, &[RecordIndex::from_position(0), RecordIndex::from_position(1)])?;
/// assert_eq!(golden.value("phone"), Some("+1 555 010 9999"));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum SurvivorshipRule {
    /// Keep the values of the records with the latest timestamp (the
    /// rules' [timestamp field](super::SurvivorshipRulesBuilder::timestamp_field)):
    /// by full time, time of day included, for a
    /// [`FieldKind::Timestamp`](crate::FieldKind::Timestamp) field; by day
    /// for a date field. Records with the same latest timestamp stay tied
    /// for the next rule; records without a valid timestamp rank below
    /// those with one.
    MostRecent,
    /// Keep the values whose normalised form the most members share
    /// (`K.Neal@GoogleMail.com` and `kneal@gmail.com` count as one).
    MostFrequent,
    /// Keep the longest values (in chars of the normalised form):
    /// `William` over `Bill`, `Kelly Ann Neal` over `Kelly Neal`.
    MostComplete,
    /// Keep the values of the best-ranked source: earlier names in the
    /// list win; sources not in the list rank after every listed one.
    SourcePriority(Vec<String>),
    /// Keep the first value in member order (source name, record id,
    /// record index).
    FirstNonEmpty,
    /// Keep what a closure chooses; see [`custom`](Self::custom).
    Custom(CustomRule),
}

impl SurvivorshipRule {
    /// A source-priority rule from source names, best first.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::survive::SurvivorshipRule;
    /// let rule = SurvivorshipRule::source_priority(["crm", "web"]);
    /// assert!(matches!(rule, SurvivorshipRule::SourcePriority(ref names) if names == &["crm", "web"]));
    /// ```
    pub fn source_priority<I, S>(sources: I) -> SurvivorshipRule
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        SurvivorshipRule::SourcePriority(sources.into_iter().map(Into::into).collect())
    }

    /// A rule that runs `choose` on the candidates still tied (in member
    /// order, at least two of them) and keeps the one at the position it
    /// returns. `None`, or a position past the end, keeps them all for
    /// the next rule. `name` is reported in provenance as
    /// `custom:<name>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::survive::{Survivorship, SurvivorshipRule, SurvivorshipRules};
    /// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    ///
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let mut store = PreparedStore::new(schema);
    /// let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[
    ///     OwnedRecord::new("1").with("email", "ann@example.com"),
    ///     OwnedRecord::new("2").with("email", "ann@company.example"),
    /// ])?;
    /// let no_freemail = SurvivorshipRule::custom("no_freemail", |candidates| {
    ///     candidates.iter().position(|c| !c.normalized().ends_with("@example.com"))
    /// });
    /// let rules = SurvivorshipRules::builder(&store).rule("email", [no_freemail]).build()?;
    /// let golden = rules.survive(&store, &[RecordIndex::from_position(0), RecordIndex::from_position(1)])?;
    /// assert_eq!(golden.value("email"), Some("ann@company.example"));
    /// assert_eq!(golden.provenance("email").unwrap().rule().to_string(), "custom:no_freemail");
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn custom<F>(name: impl Into<String>, choose: F) -> SurvivorshipRule
    where
        F: Fn(&[Candidate<'_>]) -> Option<usize> + Send + Sync + 'static,
    {
        SurvivorshipRule::Custom(CustomRule {
            name: name.into(),
            choose: Arc::new(choose),
        })
    }

    /// The rule's name, as provenance reports it.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::survive::{RuleName, SurvivorshipRule};
    /// assert_eq!(SurvivorshipRule::MostFrequent.name(), RuleName::MostFrequent);
    /// assert_eq!(SurvivorshipRule::MostRecent.name().to_string(), "most_recent");
    /// ```
    pub fn name(&self) -> RuleName {
        match self {
            SurvivorshipRule::MostRecent => RuleName::MostRecent,
            SurvivorshipRule::MostFrequent => RuleName::MostFrequent,
            SurvivorshipRule::MostComplete => RuleName::MostComplete,
            SurvivorshipRule::SourcePriority(_) => RuleName::SourcePriority,
            SurvivorshipRule::FirstNonEmpty => RuleName::FirstNonEmpty,
            SurvivorshipRule::Custom(rule) => RuleName::Custom(rule.name.clone()),
        }
    }

    /// Keeps, in place, the candidates this rule ranks best; never
    /// empties a non-empty list. `candidates` is in member order and
    /// stays so.
    pub(crate) fn narrow(&self, candidates: &mut Vec<Candidate<'_>>) {
        if candidates.len() < 2 {
            return;
        }
        match self {
            SurvivorshipRule::MostRecent => keep_best_by(candidates, |c| c.timestamp),
            SurvivorshipRule::MostFrequent => {
                let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
                for candidate in candidates.iter() {
                    *counts.entry(candidate.normalized).or_default() += 1;
                }
                keep_best_by(candidates, |c| {
                    counts.get(c.normalized).copied().unwrap_or_default()
                });
            }
            SurvivorshipRule::MostComplete => {
                keep_best_by(candidates, |c| c.normalized.chars().count());
            }
            SurvivorshipRule::SourcePriority(sources) => keep_best_by(candidates, |c| {
                let rank = sources
                    .iter()
                    .position(|name| name == c.source)
                    .unwrap_or(sources.len());
                std::cmp::Reverse(rank)
            }),
            SurvivorshipRule::FirstNonEmpty => candidates.truncate(1),
            SurvivorshipRule::Custom(rule) => {
                if let Some(chosen) = (rule.choose)(candidates).and_then(|at| candidates.get(at)) {
                    let chosen = *chosen;
                    candidates.clear();
                    candidates.push(chosen);
                }
            }
        }
    }
}

/// Keeps the candidates with the greatest `score`, in their order.
fn keep_best_by<'a, K: Ord>(
    candidates: &mut Vec<Candidate<'a>>,
    score: impl Fn(&Candidate<'a>) -> K,
) {
    let Some(best) = candidates.iter().map(&score).max() else {
        return;
    };
    candidates.retain(|candidate| score(candidate) == best);
}

/// The name of the rule that chose a surviving value, in provenance.
///
/// Serialised in snake case (`"most_frequent"`, `{"custom": "vip"}`);
/// displayed in snake case with custom rules as `custom:<name>`.
///
/// # Examples
///
/// ```
/// use sameas::survive::RuleName;
/// assert_eq!(RuleName::SourcePriority.to_string(), "source_priority");
/// assert_eq!(RuleName::Custom("vip".into()).to_string(), "custom:vip");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RuleName {
    /// [`SurvivorshipRule::MostRecent`].
    MostRecent,
    /// [`SurvivorshipRule::MostFrequent`].
    MostFrequent,
    /// [`SurvivorshipRule::MostComplete`].
    MostComplete,
    /// [`SurvivorshipRule::SourcePriority`].
    SourcePriority,
    /// [`SurvivorshipRule::FirstNonEmpty`], also reported when the member
    /// order broke a tie the chain left.
    FirstNonEmpty,
    /// A [`SurvivorshipRule::Custom`] rule, by its name.
    Custom(String),
    /// Nothing to decide: every member with the field holds the same
    /// (normalised) value, or only one member has it.
    OnlyValue,
}

impl fmt::Display for RuleName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleName::MostRecent => f.write_str("most_recent"),
            RuleName::MostFrequent => f.write_str("most_frequent"),
            RuleName::MostComplete => f.write_str("most_complete"),
            RuleName::SourcePriority => f.write_str("source_priority"),
            RuleName::FirstNonEmpty => f.write_str("first_non_empty"),
            RuleName::Custom(name) => write!(f, "custom:{name}"),
            RuleName::OnlyValue => f.write_str("only_value"),
        }
    }
}
