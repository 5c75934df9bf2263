//! How pairs become entities: the match threshold, the chain guard, the
//! duplicate-free constraint and what to do with bad pairs.

use crate::cluster::pair::InvalidPairs;
use crate::error::BuildError;

/// Settings for [`cluster`](crate::cluster::cluster). [`ClusterOptions::new`]
/// gives the defaults; [`ClusterOptions::builder`] changes them.
///
/// Defaults: pairs with probability at least 0.5 are accepted; the chain
/// guard is on (pairs below 0.99, or below the threshold when that is
/// higher, merge two groups only when at least half of the record pairs
/// between them are accepted, and so must any pair, however strong,
/// whose merge would make an entity of more than 64 records);
/// duplicate-free sources are enforced; a bad pair is an error.
///
/// These options are the one owner of the match threshold: a
/// [`Resolver`](crate::resolve::Resolver) takes them with
/// [`cluster_options`](crate::resolve::Resolver::cluster_options) and
/// accepts pairs at their threshold.
///
/// # Examples
///
/// ```
/// use sameas::cluster::ClusterOptions;
///
/// let options = ClusterOptions::new();
/// assert_eq!(options.threshold(), 0.5);
/// assert_eq!(options.guard(), Some((0.99, 0.5)));
/// assert_eq!(options.size_limit(), 64);
/// assert!(options.one_to_one());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterOptions {
    pub(crate) threshold: f64,
    pub(crate) guard: Option<ChainGuard>,
    /// With the guard on, merges that make an entity larger than this are
    /// checked whatever their pair's strength.
    pub(crate) size_limit: usize,
    /// With the guard on, pairs under the strong probability never make
    /// an entity larger than this.
    pub(crate) weak_size_limit: usize,
    pub(crate) one_to_one: bool,
    pub(crate) invalid_pairs: InvalidPairs,
}

/// The chain guard's two settings (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ChainGuard {
    /// Pairs at or above this probability merge without a support check.
    pub(crate) strong_probability: f64,
    /// The share of record pairs between two groups that must be accepted
    /// pairs for a weaker pair to merge them.
    pub(crate) min_support: f64,
}

/// The default guard's strong probability (raised to the threshold when
/// that is higher).
const DEFAULT_STRONG_PROBABILITY: f64 = 0.99;

/// The default guard's minimum support.
const DEFAULT_MIN_SUPPORT: f64 = 0.5;

/// The default size limit: merges making larger entities are checked
/// even for strong pairs.
pub(crate) const DEFAULT_SIZE_LIMIT: usize = 64;

impl Default for ClusterOptions {
    fn default() -> ClusterOptions {
        ClusterOptions::new()
    }
}

impl ClusterOptions {
    /// The default settings.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::cluster::{ClusterOptions, InvalidPairs};
    /// assert_eq!(ClusterOptions::new().invalid_pairs(), InvalidPairs::Reject);
    /// ```
    pub fn new() -> ClusterOptions {
        ClusterOptions {
            threshold: 0.5,
            guard: Some(ChainGuard {
                strong_probability: DEFAULT_STRONG_PROBABILITY,
                min_support: DEFAULT_MIN_SUPPORT,
            }),
            size_limit: DEFAULT_SIZE_LIMIT,
            weak_size_limit: usize::MAX,
            one_to_one: true,
            invalid_pairs: InvalidPairs::Reject,
        }
    }

    /// Whether the chain guard is the default one (0.99, 0.5).
    pub(crate) fn has_default_guard(&self) -> bool {
        self.guard
            == Some(ChainGuard {
                strong_probability: DEFAULT_STRONG_PROBABILITY,
                min_support: DEFAULT_MIN_SUPPORT,
            })
    }

    /// These options with the chain guard's `min_support` and the weak
    /// pairs' size limit set, when the guard is on.
    pub(crate) fn with_support_and_weak_limit(
        &self,
        min_support: f64,
        weak_size_limit: usize,
    ) -> ClusterOptions {
        let mut options = self.clone();
        if let Some(guard) = &mut options.guard {
            guard.min_support = min_support;
            options.weak_size_limit = weak_size_limit;
        }
        options
    }

    /// A builder starting from the defaults.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::cluster::ClusterOptions;
    /// let options = ClusterOptions::builder().threshold(0.8).without_guard().build()?;
    /// assert_eq!((options.threshold(), options.guard()), (0.8, None));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn builder() -> ClusterOptionsBuilder {
        ClusterOptionsBuilder {
            options: ClusterOptions::new(),
            default_guard: true,
        }
    }

    /// Pairs with at least this probability are accepted as matches.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// The chain guard as `(strong_probability, min_support)`, or `None`
    /// when it is off (plain connected components).
    pub fn guard(&self) -> Option<(f64, f64)> {
        self.guard
            .map(|guard| (guard.strong_probability, guard.min_support))
    }

    /// With the chain guard on, the largest entity a merge may make
    /// without a support check, whatever its pair's strength (see
    /// [`ClusterOptionsBuilder::size_limit`]).
    pub fn size_limit(&self) -> usize {
        self.size_limit
    }

    /// With the chain guard on, the largest entity a pair under the
    /// strong probability may make (see
    /// [`ClusterOptionsBuilder::weak_size_limit`]); `usize::MAX`, no
    /// limit, by default.
    pub fn weak_size_limit(&self) -> usize {
        self.weak_size_limit
    }

    /// Whether a duplicate-free source may contribute at most one record
    /// to an entity.
    pub fn one_to_one(&self) -> bool {
        self.one_to_one
    }

    /// What happens to pairs that fail [`ScoredPair::check`](crate::cluster::ScoredPair::check).
    pub fn invalid_pairs(&self) -> InvalidPairs {
        self.invalid_pairs
    }
}

/// Builds [`ClusterOptions`]; [`build`](Self::build) checks the values.
///
/// # Examples
///
/// ```
/// use sameas::cluster::ClusterOptions;
/// let options = ClusterOptions::builder().threshold(0.9).guard(0.999, 0.5).build()?;
/// assert_eq!(options.threshold(), 0.9);
/// assert!(ClusterOptions::builder().threshold(1.5).build().is_err());
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ClusterOptionsBuilder {
    options: ClusterOptions,
    /// No guard was chosen: the default one, its strong probability
    /// following a threshold above it.
    default_guard: bool,
}

impl ClusterOptionsBuilder {
    /// Accept pairs with at least this probability (default 0.5; must be
    /// in `(0, 1]`). Unless [`guard`](Self::guard) or
    /// [`without_guard`](Self::without_guard) is called too, the default
    /// guard's strong probability (0.99) is raised to a higher threshold,
    /// so that every merge is checked.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::cluster::ClusterOptions;
    /// assert_eq!(ClusterOptions::builder().threshold(0.7).build()?.threshold(), 0.7);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn threshold(&mut self, probability: f64) -> &mut Self {
        self.options.threshold = probability;
        self
    }

    /// Turn the chain guard on: an accepted pair below
    /// `strong_probability` merges two groups only when at least
    /// `min_support` of the record pairs between them are accepted pairs
    /// (default `0.99, 0.5`; `strong_probability` in `[threshold, 1]` or
    /// above 1 to check every merge, `min_support` in `(0, 1]`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::cluster::ClusterOptions;
    /// // Check every merge, however strong its pair.
    /// let options = ClusterOptions::builder().guard(f64::INFINITY, 0.5).build()?;
    /// assert_eq!(options.guard(), Some((f64::INFINITY, 0.5)));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn guard(&mut self, strong_probability: f64, min_support: f64) -> &mut Self {
        self.default_guard = false;
        self.options.guard = Some(ChainGuard {
            strong_probability,
            min_support,
        });
        self
    }

    /// With the chain guard on, a merge that would make an entity of more
    /// than `records` records must pass the support test (at least
    /// `min_support` of the record pairs between the two groups are
    /// accepted pairs) even when its pair is at or above the strong
    /// probability (default 64; at least 2). Chains of strong pairs
    /// between namesakes or colleagues then stop at this size unless the
    /// groups they join agree with each other densely, as the records of
    /// one real entity do. `usize::MAX` turns the rule off.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::cluster::ClusterOptions;
    /// assert_eq!(ClusterOptions::builder().size_limit(200).build()?.size_limit(), 200);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn size_limit(&mut self, records: usize) -> &mut Self {
        self.options.size_limit = records;
        self
    }

    /// With the chain guard on, pairs under its strong probability never
    /// make an entity larger than `records` (default `usize::MAX`: no
    /// limit; at least 2); a strong pair still may, with the support the
    /// guard asks for. For data whose entities are pairs (a register
    /// with one duplicate per person), 2: a third record joins a pair
    /// only through a pair the model is sure of, not as a namesake whose
    /// date is near. `Resolver` sets it so when a run's entities come out
    /// as pairs ([`RunStats::pairs_only`](crate::resolve::RunStats::pairs_only)).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::cluster::ClusterOptions;
    /// assert_eq!(ClusterOptions::new().weak_size_limit(), usize::MAX);
    /// let pairs = ClusterOptions::builder().weak_size_limit(2).build()?;
    /// assert_eq!(pairs.weak_size_limit(), 2);
    /// assert!(ClusterOptions::builder().weak_size_limit(1).build().is_err());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn weak_size_limit(&mut self, records: usize) -> &mut Self {
        self.options.weak_size_limit = records;
        self
    }

    /// Turn the chain guard off: entities are the connected components of
    /// the accepted pairs (still under the duplicate-free constraint
    /// unless that is off too).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::cluster::ClusterOptions;
    /// assert_eq!(ClusterOptions::builder().without_guard().build()?.guard(), None);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn without_guard(&mut self) -> &mut Self {
        self.default_guard = false;
        self.options.guard = None;
        self
    }

    /// Whether a duplicate-free source contributes at most one record to
    /// an entity (default `true`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::cluster::ClusterOptions;
    /// assert!(ClusterOptions::builder().one_to_one(true).build()?.one_to_one());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn one_to_one(&mut self, enforce: bool) -> &mut Self {
        self.options.one_to_one = enforce;
        self
    }

    /// What to do with bad pairs (default [`InvalidPairs::Reject`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::cluster::{ClusterOptions, InvalidPairs};
    /// let options = ClusterOptions::builder().invalid_pairs(InvalidPairs::Skip).build()?;
    /// assert_eq!(options.invalid_pairs(), InvalidPairs::Skip);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn invalid_pairs(&mut self, policy: InvalidPairs) -> &mut Self {
        self.options.invalid_pairs = policy;
        self
    }

    /// Checks the settings.
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidParameter`] naming `threshold` outside `(0, 1]`,
    /// `strong_probability` below the threshold or NaN, `min_support`
    /// outside `(0, 1]`, or `size_limit` below 2.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::cluster::ClusterOptions;
    /// let error = ClusterOptions::builder().guard(0.99, 0.0).build().unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "invalid parameter `min_support`: 0 is outside (0, 1]"
    /// );
    /// ```
    pub fn build(&self) -> Result<ClusterOptions, BuildError> {
        let mut options = self.options.clone();
        if self.default_guard {
            options.guard = Some(ChainGuard {
                strong_probability: DEFAULT_STRONG_PROBABILITY.max(options.threshold),
                min_support: DEFAULT_MIN_SUPPORT,
            });
        }
        // A threshold of 0 would accept every pair, non-matches included.
        if !(options.threshold > 0.0 && options.threshold <= 1.0) {
            return Err(BuildError::InvalidParameter {
                name: "threshold",
                reason: format!("{} is outside (0, 1]", options.threshold),
            });
        }
        if let Some(guard) = options.guard {
            if guard.strong_probability.is_nan() || guard.strong_probability < options.threshold {
                return Err(BuildError::InvalidParameter {
                    name: "strong_probability",
                    reason: format!(
                        "{} is below the threshold {}",
                        guard.strong_probability, options.threshold
                    ),
                });
            }
            if !(guard.min_support > 0.0 && guard.min_support <= 1.0) {
                return Err(BuildError::InvalidParameter {
                    name: "min_support",
                    reason: format!("{} is outside (0, 1]", guard.min_support),
                });
            }
        }
        if options.size_limit < 2 {
            return Err(BuildError::InvalidParameter {
                name: "size_limit",
                reason: format!("{} is below 2", options.size_limit),
            });
        }
        if options.weak_size_limit < 2 {
            return Err(BuildError::InvalidParameter {
                name: "weak_size_limit",
                reason: format!("{} is below 2", options.weak_size_limit),
            });
        }
        Ok(options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_values_name_the_parameter() {
        let error = |builder: &mut ClusterOptionsBuilder| builder.build().unwrap_err();
        assert_eq!(
            error(ClusterOptions::builder().threshold(0.0)),
            BuildError::InvalidParameter {
                name: "threshold",
                reason: "0 is outside (0, 1]".into()
            }
        );
        assert_eq!(
            error(ClusterOptions::builder().threshold(f64::NAN)),
            BuildError::InvalidParameter {
                name: "threshold",
                reason: "NaN is outside (0, 1]".into()
            }
        );
        assert_eq!(
            error(ClusterOptions::builder().threshold(0.9).guard(0.8, 0.5)),
            BuildError::InvalidParameter {
                name: "strong_probability",
                reason: "0.8 is below the threshold 0.9".into()
            }
        );
        assert_eq!(
            error(ClusterOptions::builder().guard(f64::NAN, 0.5)),
            BuildError::InvalidParameter {
                name: "strong_probability",
                reason: "NaN is below the threshold 0.5".into()
            }
        );
        assert_eq!(
            error(ClusterOptions::builder().guard(0.99, 1.01)),
            BuildError::InvalidParameter {
                name: "min_support",
                reason: "1.01 is outside (0, 1]".into()
            }
        );
        assert_eq!(
            error(ClusterOptions::builder().size_limit(1)),
            BuildError::InvalidParameter {
                name: "size_limit",
                reason: "1 is below 2".into()
            }
        );
        assert_eq!(
            error(ClusterOptions::builder().size_limit(0)),
            BuildError::InvalidParameter {
                name: "size_limit",
                reason: "0 is below 2".into()
            }
        );
        // A guard chosen below the threshold is an error, not raised.
        assert_eq!(
            error(ClusterOptions::builder().guard(0.99, 0.5).threshold(0.995)),
            BuildError::InvalidParameter {
                name: "strong_probability",
                reason: "0.99 is below the threshold 0.995".into()
            }
        );
        // Without a guard its values are not checked.
        assert!(
            ClusterOptions::builder()
                .guard(0.1, 7.0)
                .without_guard()
                .build()
                .is_ok()
        );
    }

    #[test]
    fn the_default_guard_follows_a_higher_threshold() {
        let options = |threshold: f64| {
            ClusterOptions::builder()
                .threshold(threshold)
                .build()
                .unwrap()
                .guard()
        };
        assert_eq!(options(0.5), Some((0.99, 0.5)));
        assert_eq!(options(0.99), Some((0.99, 0.5)));
        assert_eq!(options(0.995), Some((0.995, 0.5)));
        assert_eq!(options(1.0), Some((1.0, 0.5)));
        // The order of the calls does not matter.
        let guarded = ClusterOptions::builder()
            .guard(0.999, 0.6)
            .threshold(0.9)
            .build()
            .unwrap();
        assert_eq!(guarded.guard(), Some((0.999, 0.6)));
        assert_eq!(
            ClusterOptions::builder().build().unwrap(),
            ClusterOptions::new()
        );
    }
}
