//! Which record pairs an evaluation counts.

use std::fmt;
use std::hash::Hash;

use super::grouping::dense_ids;
use crate::error::EvalError;

/// Which record pairs an evaluation counts: every pair (deduplication,
/// or deduplication and linkage at once), or only pairs whose two records
/// come from different sources (record linkage).
///
/// All-pairs scope matches [`LinkMode::DedupAndLink`] on sources that may
/// hold duplicates, and [`LinkMode::Dedup`] on a single source;
/// cross-source scope matches [`LinkMode::Link`].
///
/// [`LinkMode::DedupAndLink`]: crate::block::LinkMode::DedupAndLink
/// [`LinkMode::Dedup`]: crate::block::LinkMode::Dedup
/// [`LinkMode::Link`]: crate::block::LinkMode::Link
///
/// # Examples
///
/// ```
/// use sameas::eval::{evaluate_clustering, Scope};
///
/// let truth = [1, 1, 2];
/// let predicted = [7, 7, 7];
/// let sources = ["crm", "web", "web"];
/// let all = evaluate_clustering(&predicted, &truth, &Scope::all_pairs())?;
/// let cross = evaluate_clustering(&predicted, &truth, &Scope::cross_source(&sources))?;
/// // All pairs: (0,1) true, (0,2) and (1,2) false. Cross-source: (0,1), (0,2).
/// assert_eq!(all.pairwise().predicted_pairs(), 3);
/// assert_eq!(cross.pairwise().predicted_pairs(), 2);
/// assert_eq!(cross.pairwise().true_positives(), 1);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// One dense source id per record, in cross-source scope.
    sources: Option<Vec<usize>>,
}

impl Scope {
    /// Every pair of distinct records counts.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::eval::Scope;
    /// assert!(!Scope::all_pairs().is_cross_source());
    /// assert_eq!(Scope::all_pairs(), Scope::default());
    /// ```
    pub fn all_pairs() -> Scope {
        Scope { sources: None }
    }

    /// Only pairs whose records come from different sources count;
    /// `sources` holds the source of each record, in the same order as
    /// the labels evaluated with this scope (any hashable type: a
    /// [`SourceId`](crate::SourceId), a name, a number). Its length is
    /// checked when the scope is used.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::eval::{evaluate_clustering, Scope};
    /// use sameas::eval::EvalError;
    ///
    /// let scope = Scope::cross_source(&["crm", "web"]);
    /// assert!(scope.is_cross_source());
    /// assert_eq!(scope.records(), Some(2));
    /// assert_eq!(
    ///     evaluate_clustering(&[1, 1, 1], &[1, 1, 1], &scope).unwrap_err(),
    ///     EvalError::LengthMismatch { what: "sources", expected: 3, found: 2 }
    /// );
    /// ```
    pub fn cross_source<S: Hash + Eq>(sources: &[S]) -> Scope {
        Scope {
            sources: Some(dense_ids(sources).0),
        }
    }

    /// Whether only cross-source pairs count.
    pub fn is_cross_source(&self) -> bool {
        self.sources.is_some()
    }

    /// The number of records whose sources a cross-source scope holds
    /// (`None` in all-pairs scope, which fits any number of records).
    pub fn records(&self) -> Option<usize> {
        self.sources.as_ref().map(Vec::len)
    }

    /// The dense source ids, checked against the number of records.
    pub(super) fn sources_for(&self, records: usize) -> Result<Option<&[usize]>, EvalError> {
        match &self.sources {
            None => Ok(None),
            Some(sources) if sources.len() == records => Ok(Some(sources)),
            Some(sources) => Err(EvalError::LengthMismatch {
                what: "sources",
                expected: records,
                found: sources.len(),
            }),
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(scope_name(self.is_cross_source()))
    }
}

/// How results name their scope.
pub(super) fn scope_name(cross_source: bool) -> &'static str {
    if cross_source {
        "cross-source pairs"
    } else {
        "all pairs"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_checked_against_the_record_count() {
        let scope = Scope::cross_source(&["b", "a", "b"]);
        assert_eq!(scope.sources_for(3), Ok(Some(&[0, 1, 0][..])));
        assert_eq!(
            scope.sources_for(4),
            Err(EvalError::LengthMismatch {
                what: "sources",
                expected: 4,
                found: 3
            })
        );
        assert_eq!(Scope::all_pairs().sources_for(12), Ok(None));
        assert_eq!(scope.to_string(), "cross-source pairs");
        assert_eq!(Scope::all_pairs().to_string(), "all pairs");
    }
}
