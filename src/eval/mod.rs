//! Evaluation against known truth: how good is a resolution, and which
//! threshold should a configuration accept pairs at?
//!
//! Everything here takes the true entity label of each record (any
//! hashable type: `u32`, `u64`, `&str`, ...) in record order, and a
//! [`Scope`]: every pair of records, or only pairs whose records come
//! from different sources.
//!
//! - [`evaluate_clustering`]: a predicted entity label per record against
//!   the truth, with pairwise precision / recall / F1 (counted from a
//!   contingency table in linear time, never by enumerating pairs) and
//!   B-cubed precision / recall / F1 (per-record averages).
//! - [`evaluate_pairs`]: pairs before clustering (blocking candidates,
//!   accepted matches); recall counts every true pair in scope, so the
//!   recall of blocking candidates is their pairs completeness.
//! - [`sweep_thresholds`]: precision / recall / F1 at every distinct
//!   probability of scored pairs (the clustering's input), and the
//!   threshold with the best F1.
//!
//! # Conventions
//!
//! - A pair is two distinct records, unordered: `(a, b)` and `(b, a)` are
//!   one pair, repeats count once, and a record paired with itself is
//!   ignored. Pairs outside the scope (within one source, in cross-source
//!   scope) are ignored, not counted as wrong.
//! - No metric is ever NaN. Precision with nothing predicted is 1.0,
//!   recall with nothing to find is 1.0, and F1 is their harmonic mean
//!   (pairwise: `2 TP / (predicted + true)`), 1.0 when both are empty and
//!   0.0 when only one is. Empty input therefore scores 1.0 everywhere.
//! - B-cubed in cross-source scope counts, for each record, only the
//!   members of its clusters from other sources; records with none are
//!   left out of the average concerned (see [`BCubedMetrics`]).
//! - Counts are `u64`, computed in `u128` and saturating, which only
//!   inputs of billions of records could reach.
//! - Bad input is a typed [`EvalError`]: mismatched lengths
//!   ([`EvalError::LengthMismatch`]), pairs naming a record past the end
//!   of the truth ([`EvalError::RecordOutOfRange`]). Scored pairs are
//!   [`ScoredPair`](crate::cluster::ScoredPair)s, whose
//!   [`Score`](crate::matcher::Score) is never NaN.
//! - Results do not depend on the order of records or pairs.
//!
//! # Examples
//!
//! ```
//! use sameas::eval::{evaluate_clustering, evaluate_pairs, sweep_thresholds, Scope};
//! use sameas::cluster::ScoredPair;
//! use sameas::matcher::Score;
//! use sameas::RecordIndex;
//!
//! let r = RecordIndex::from_position;
//! let pair = |a, b, p| ScoredPair::new(r(a), r(b), Score::from_probability(p));
//! let truth = ["ann", "ann", "bob", "bob"];
//! let sources = ["crm", "web", "crm", "web"];
//! let scope = Scope::cross_source(&sources);
//!
//! // A matcher scored three cross-source pairs.
//! let scored = [pair(0, 1, 0.98), pair(2, 3, 0.91), pair(1, 2, 0.40)];
//! let sweep = sweep_thresholds(&scored, &truth, &scope)?;
//! let best = sweep.best().unwrap();
//! assert_eq!(best.threshold(), 0.91);
//! assert_eq!(best.metrics().f1(), 1.0);
//!
//! // Accepting at 0.91 and clustering gives {0, 1} {2, 3}.
//! let accepted = [(r(0), r(1)), (r(2), r(3))];
//! assert_eq!(evaluate_pairs(&accepted, &truth, &scope)?.recall(), 1.0);
//! let evaluation = evaluate_clustering(&[7, 7, 8, 8], &truth, &scope)?;
//! assert_eq!(evaluation.bcubed().f1(), 1.0);
//! # Ok::<(), sameas::Error>(())
//! ```

mod clustering;
mod grouping;
mod metrics;
mod pairs;
mod scope;
mod sweep;

pub use crate::error::EvalError;
pub use clustering::{ClusteringEvaluation, evaluate_clustering};
pub use metrics::{BCubedMetrics, PairwiseMetrics};
pub use pairs::evaluate_pairs;
pub use scope::Scope;
pub use sweep::{ThresholdPoint, ThresholdSweep, sweep_thresholds};
