//! The crate's one error type.

use crate::compare::PhoneticCodeError;
use crate::date::DateError;
use crate::normalize::EmailError;
use crate::normalize::PhoneError;

/// Every fallible operation in sameas returns this error (or a more
/// specific one that converts into it with `?`).
///
/// # Examples
///
/// ```
/// use sameas::{Date, Error};
///
/// let err: Error = Date::new(2023, 2, 30).unwrap_err().into();
/// assert!(matches!(err, Error::Date(_)));
/// assert_eq!(err.to_string(), "day 30 is out of range for 2023-02");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A configuration value is outside its valid range.
    #[error("invalid parameter `{name}`: {reason}")]
    InvalidParameter {
        /// The parameter at fault.
        name: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// A date could not be built or parsed.
    #[error(transparent)]
    Date(#[from] DateError),
    /// A phone number could not be normalised.
    #[error(transparent)]
    Phone(#[from] PhoneError),
    /// An e-mail address could not be normalised.
    #[error(transparent)]
    Email(#[from] EmailError),
    /// A phonetic code could not be parsed.
    #[error(transparent)]
    PhoneticCode(#[from] PhoneticCodeError),
}

/// `Result` with [`Error`] as the default error type.
///
/// # Examples
///
/// ```
/// fn half(n: u32) -> sameas::Result<u32> {
///     Ok(n / 2)
/// }
/// assert_eq!(half(4).unwrap(), 2);
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;
