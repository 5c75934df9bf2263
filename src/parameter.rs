//! The error of a builder given a value outside its valid range.
//!
//! A leaf module, shared by the comparators and the normalisers (which
//! depend on nothing above them) and re-exported by both as
//! `ParameterError`. The crate's [`BuildError`](crate::BuildError) holds
//! the same facts as its `InvalidParameter` variant and converts from it.

/// A builder setting outside its valid range: which one, and why.
///
/// # Examples
///
/// ```
/// use sameas::compare::{JaroWinkler, ParameterError};
///
/// let err = JaroWinkler::builder().boost_threshold(1.5).build().unwrap_err();
/// assert_eq!(err.name, "boost_threshold");
/// assert_eq!(err.to_string(), "invalid parameter `boost_threshold`: 1.5 is outside [0, 1]");
/// # let _: ParameterError = err;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid parameter `{name}`: {reason}")]
pub struct ParameterError {
    /// The setting at fault, as its setter is named.
    pub name: &'static str,
    /// What is wrong with its value.
    pub reason: String,
}
