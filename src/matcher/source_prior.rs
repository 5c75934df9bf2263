//! Priors per pair of sources: how likely two records match depends on
//! where they come from.

use serde::{Deserialize, Serialize};

use super::Score;
use crate::error::{BuildError, Result};
use crate::id::SourceId;
use crate::prepare::PreparedStore;

/// The prior of the pairs between two sources (or within one, when both
/// names are the same): the probability that two records drawn at random,
/// one from each, match. A model holding one scores such pairs with it in
/// place of its own [`prior`](super::FellegiSunter::prior); pairs of
/// sources it does not name keep the model's.
///
/// Sources differ in how many of their pairs match: a census lists each
/// person once, a file of tax forms lists a person once per employer, and
/// a list of the register's duplicates matches the register far more
/// often than two of its own records match. One prior for all pairs
/// overstates the first and understates the last. A
/// [`Resolver`](crate::resolve::Resolver) that trains its model on 2 to
/// 16 sources estimates one per pair of sources from the scores of their
/// candidate pairs, and scores with those at least 4 times lower or 2
/// times higher than the model's (the model of the
/// [`Resolution`](crate::resolve::Resolution::model) holds them).
///
/// # Examples
///
/// ```
/// use sameas::matcher::SourcePrior;
///
/// let prior = SourcePrior::new("tax", "census", 0.2)?;
/// assert_eq!(prior.sources(), ["census", "tax"]);
/// assert_eq!(prior.weight(), -2.0);
/// assert!(SourcePrior::new("tax", "census", 1.5).is_err());
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "SavedSourcePrior", into = "SavedSourcePrior")]
pub struct SourcePrior {
    /// The two sources' names, in order.
    sources: [String; 2],
    prior: f64,
    weight: f64,
}

/// A [`SourcePrior`] as saved (its weight follows from the prior).
#[derive(Serialize, Deserialize)]
struct SavedSourcePrior {
    sources: [String; 2],
    prior: f64,
}

impl TryFrom<SavedSourcePrior> for SourcePrior {
    type Error = String;

    fn try_from(saved: SavedSourcePrior) -> Result<Self, Self::Error> {
        let [a, b] = saved.sources;
        SourcePrior::new(&a, &b, saved.prior).map_err(|error| error.to_string())
    }
}

impl From<SourcePrior> for SavedSourcePrior {
    fn from(prior: SourcePrior) -> Self {
        SavedSourcePrior {
            sources: prior.sources,
            prior: prior.prior,
        }
    }
}

impl SourcePrior {
    /// The prior of pairs between sources `a` and `b` (in either order).
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidParameter`] for a prior outside `(0, 1)` or a
    /// blank source name (sources cannot have one).
    pub fn new(a: &str, b: &str, prior: f64) -> Result<SourcePrior> {
        if a.trim().is_empty() || b.trim().is_empty() {
            return Err(BuildError::InvalidParameter {
                name: "sources",
                reason: "the names of two sources, got a blank one".into(),
            }
            .into());
        }
        if !(prior > 0.0 && prior < 1.0) {
            return Err(BuildError::InvalidParameter {
                name: "prior",
                reason: format!("a probability in (0, 1), got {prior}"),
            }
            .into());
        }
        Ok(SourcePrior {
            sources: in_order(a, b).map(str::to_string),
            prior,
            weight: Score::from_probability(prior).weight(),
        })
    }

    /// The two sources' names, in order (the same name twice for the
    /// pairs within one source).
    pub fn sources(&self) -> [&str; 2] {
        [&self.sources[0], &self.sources[1]]
    }

    /// The probability that a pair between the two sources matches.
    pub fn prior(&self) -> f64 {
        self.prior
    }

    /// The prior as a match weight, `log2(prior / (1 - prior))`.
    pub fn weight(&self) -> f64 {
        self.weight
    }

    /// Whether the prior is that of pairs between sources `a` and `b`.
    pub(crate) fn between(&self, a: &str, b: &str) -> bool {
        in_order(a, b) == self.sources()
    }
}

/// Two sources' names in the order a [`SourcePrior`] keeps them.
pub(crate) fn in_order<'s>(a: &'s str, b: &'s str) -> [&'s str; 2] {
    if a <= b { [a, b] } else { [b, a] }
}

/// `census ~ tax 1.29e-5`: the two sources and the prior.
///
/// # Examples
///
/// ```
/// use sameas::matcher::SourcePrior;
/// assert_eq!(SourcePrior::new("tax", "census", 0.0000129)?.to_string(), "census ~ tax 1.29e-5");
/// # Ok::<(), sameas::Error>(())
/// ```
impl std::fmt::Display for SourcePrior {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ~ {} {:.2e}",
            self.sources[0], self.sources[1], self.prior
        )
    }
}

/// The prior weights of a store's pairs of sources, by source number: a
/// look-up per pair when a model holds priors per pair of sources. Only
/// the sources the priors name have a row (a store may hold thousands of
/// sources and a model a few priors).
#[derive(Debug, Clone, Default)]
pub(crate) struct SourcePriorTable {
    /// Per source of the store, its row in `weights`, or `u16::MAX` when
    /// no prior names it; empty when every pair has the model's prior.
    rows: Vec<u16>,
    /// `weights[row_a * named + row_b]`.
    weights: Vec<f64>,
    named: usize,
}

impl SourcePriorTable {
    /// The table of `store`'s sources for `priors`, with `fallback` (the
    /// model's prior weight) for the pairs of sources `priors` does not
    /// name; empty without priors.
    pub(crate) fn of(store: &PreparedStore, priors: &[SourcePrior], fallback: f64) -> Self {
        if priors.is_empty() {
            return SourcePriorTable::default();
        }
        let mut named: Vec<&str> = store
            .sources()
            .iter()
            .map(|source| source.name())
            .filter(|name| priors.iter().any(|prior| prior.sources().contains(name)))
            .collect();
        named.sort_unstable();
        named.dedup();
        let rows = store
            .sources()
            .iter()
            .map(|source| match named.binary_search(&source.name()) {
                Ok(row) => u16::try_from(row).unwrap_or(u16::MAX),
                Err(_) => u16::MAX,
            })
            .collect();
        let mut weights = Vec::with_capacity(named.len() * named.len());
        for a in &named {
            for b in &named {
                let prior = priors.iter().find(|prior| prior.between(a, b));
                weights.push(prior.map_or(fallback, SourcePrior::weight));
            }
        }
        SourcePriorTable {
            rows,
            weights,
            named: named.len(),
        }
    }

    /// The prior weight of a pair of records from sources `a` and `b`,
    /// `None` when no prior names both sources (the model's prior
    /// applies).
    #[inline]
    pub(crate) fn weight(&self, a: SourceId, b: SourceId) -> Option<f64> {
        let row = |source: SourceId| {
            self.rows
                .get(source.index())
                .copied()
                .filter(|&row| row != u16::MAX)
        };
        let (a, b) = (row(a)?, row(b)?);
        self.weights
            .get(usize::from(a) * self.named + usize::from(b))
            .copied()
    }
}

/// `priors` as a model keeps them: the first of those naming the same
/// pair of sources, ordered by the sources' names (so that a model's
/// priors, its file and its equality do not depend on the order sources
/// were added).
pub(crate) fn canonical(mut priors: Vec<SourcePrior>) -> Vec<SourcePrior> {
    // A stable sort keeps the first of each pair of sources first.
    priors.sort_by(|x, y| x.sources.cmp(&y.sources));
    priors.dedup_by(|later, first| later.sources == first.sources);
    priors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prior_names_its_sources_in_order_and_reads_back() {
        let prior = SourcePrior::new("tax", "census", 0.25).unwrap();
        assert!(prior.between("census", "tax") && prior.between("tax", "census"));
        assert!(!prior.between("census", "census"));
        let json = serde_json::to_string(&prior).unwrap();
        assert_eq!(json, r#"{"sources":["census","tax"],"prior":0.25}"#);
        assert_eq!(serde_json::from_str::<SourcePrior>(&json).unwrap(), prior);
        let bad = r#"{"sources":["census","tax"],"prior":0.0}"#;
        assert!(serde_json::from_str::<SourcePrior>(bad).is_err());
    }

    #[test]
    fn priors_are_kept_once_per_pair_of_sources_in_name_order() {
        let prior = |a: &str, b: &str, p: f64| SourcePrior::new(a, b, p).unwrap();
        let kept = canonical(vec![
            prior("tax", "tax", 0.1),
            prior("census", "tax", 0.2),
            prior("tax", "census", 0.3),
            prior("census", "census", 0.4),
        ]);
        let listed: Vec<([&str; 2], f64)> = kept.iter().map(|p| (p.sources(), p.prior())).collect();
        assert_eq!(
            listed,
            [
                (["census", "census"], 0.4),
                (["census", "tax"], 0.2),
                (["tax", "tax"], 0.1)
            ]
        );
    }

    #[test]
    fn the_table_has_rows_for_the_named_sources_only() {
        use crate::schema::{FieldKind, Schema};
        let schema = Schema::builder()
            .field("e", FieldKind::Email)
            .build()
            .unwrap();
        let mut store = PreparedStore::new(schema);
        for source in 0..3_000 {
            store.add_source(&format!("s{source}"), false).unwrap();
        }
        let priors = [SourcePrior::new("s2999", "s7", 0.25).unwrap()];
        let table = SourcePriorTable::of(&store, &priors, -10.0);
        assert_eq!(table.weights.len(), 4);
        let id = |source: u16| SourceId(source);
        assert_eq!(table.weight(id(7), id(2999)), Some(priors[0].weight()));
        assert_eq!(table.weight(id(2999), id(7)), Some(priors[0].weight()));
        assert_eq!(table.weight(id(7), id(7)), Some(-10.0));
        assert_eq!(table.weight(id(7), id(8)), None);
        assert_eq!(table.weight(id(3_000), id(7)), None);
        assert_eq!(
            SourcePriorTable::of(&store, &[], -10.0).weight(id(7), id(2999)),
            None
        );
    }

    #[test]
    fn priors_outside_the_open_interval_and_blank_names_are_refused() {
        for prior in [0.0, 1.0, -0.5, f64::NAN, f64::INFINITY] {
            assert!(SourcePrior::new("a", "b", prior).is_err(), "{prior}");
        }
        assert_eq!(
            SourcePrior::new(" ", "b", 0.5).unwrap_err().to_string(),
            "invalid parameter `sources`: the names of two sources, got a blank one"
        );
        assert!(SourcePrior::new("a", "", 0.5).is_err());
    }
}
