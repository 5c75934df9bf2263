//! Errors: one type per area, and the crate's [`Error`] that wraps them.
//!
//! Each area reports its own failures with its own type:
//!
//! | error | area | for example |
//! |---|---|---|
//! | [`BuildError`] | schemas, options, builders, rules | an unknown field, a threshold outside `(0, 1]` |
//! | [`ParameterError`](crate::compare::ParameterError) | comparator and normaliser builders | a Jaro-Winkler prefix scale above 0.25 |
//! | [`DateError`], [`PhoneError`], [`EmailError`], [`PhoneticCodeError`] | parsing one value | `2023-02-30` |
//! | [`ParseEntityIdError`] | parsing an [`EntityId`](crate::EntityId) | `12ab` |
//! | [`StoreError`] | the prepared store | a source registered twice |
//! | [`InferError`](crate::infer::InferError) | schema inference | a row shorter than the header |
//! | [`ModelError`](crate::matcher::ModelError) | Fellegi-Sunter models | a model file of another version |
//! | [`ClusterError`](crate::cluster::ClusterError) | clustering | a record paired with itself |
//! | [`SurviveError`](crate::survive::SurviveError) | survivorship | a cluster without members |
//! | [`EvalError`](crate::eval::EvalError) | evaluation | labels of the wrong length |
//! | [`ResolveError`](crate::resolve::ResolveError) | the resolver | resolving without records |
//! | [`LiveError`](crate::live::LiveError) | live states | a damaged state file |
//!
//! A function returns its area's type when every way it can fail belongs
//! to that area, and [`Error`] when it can fail in several areas' ways
//! (training, for one, can meet a bad setting, a schema mismatch and an
//! empty store). Every type converts into [`Error`] with `?`, and an
//! [`Error`] displays exactly as the error it wraps.
//!
//! No message holds a value of a record: only names of fields, sources,
//! columns and parameters, positions and counts. (The parse errors of
//! single values, which a caller gets only by parsing a value itself,
//! echo that value.)
//!
//! # Layering
//!
//! These types sit low in the crate, above the leaves (ids, dates,
//! comparators, normalisers) and the schema, so that every area can
//! return them and [`Error`] can wrap them all without depending on the
//! areas that return them. [`BuildError`] lives with the schema, whose
//! own checks return it; it is re-exported here.

mod cluster;
mod eval;
mod infer;
mod live;
mod model;
mod resolve;
mod store;
mod survive;

pub use crate::schema::BuildError;
pub use cluster::{ClusterError, PairProblem};
pub use eval::EvalError;
pub use infer::InferError;
pub use live::LiveError;
pub use model::ModelError;
pub use resolve::ResolveError;
pub use store::StoreError;
pub use survive::SurviveError;

use crate::compare::PhoneticCodeError;
use crate::date::DateError;
use crate::id::ParseEntityIdError;
use crate::normalize::{EmailError, PhoneError};
use crate::parameter::ParameterError;

/// Any error of sameas: the error of one of its areas.
///
/// Functions that can fail in more than one area's way return it; every
/// area's error converts into it with `?`. It displays as the error it
/// wraps.
///
/// # Examples
///
/// ```
/// use sameas::{BuildError, Date, Error, FieldKind, Schema};
///
/// let err: Error = Date::new(2023, 2, 30).unwrap_err().into();
/// assert!(matches!(err, Error::Date(_)));
/// assert_eq!(err.to_string(), "day 30 is out of range for 2023-02");
///
/// fn email_field(schema: &Schema) -> sameas::Result<usize> {
///     Ok(schema.field_id("email")?.index())
/// }
/// let schema = Schema::builder().field("mail", FieldKind::Email).build()?;
/// assert_eq!(email_field(&schema), Err(Error::Build(BuildError::UnknownField("email".into()))));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A schema, options type, builder or rule set that cannot be built.
    #[error(transparent)]
    Build(#[from] BuildError),
    /// A source or record the prepared store refused, or a record it
    /// does not hold.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A table schema inference cannot read.
    #[error(transparent)]
    Infer(#[from] InferError),
    /// A model that cannot be read, built or trained.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// Pairs that cannot be clustered.
    #[error(transparent)]
    Cluster(#[from] ClusterError),
    /// A cluster that cannot be merged into a golden record.
    #[error(transparent)]
    Survive(#[from] SurviveError),
    /// Evaluation inputs that do not line up with the truth.
    #[error(transparent)]
    Eval(#[from] EvalError),
    /// A resolver that cannot run, or a question its resolution cannot
    /// answer.
    #[error(transparent)]
    Resolve(#[from] ResolveError),
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
    /// A text that is not an entity id.
    #[error(transparent)]
    ParseEntityId(#[from] ParseEntityIdError),
    /// A live state that cannot be built, changed, saved or loaded.
    #[error(transparent)]
    Live(#[from] LiveError),
}

impl From<ParameterError> for Error {
    /// A comparator's or normaliser's [`ParameterError`] as
    /// [`BuildError::InvalidParameter`].
    fn from(error: ParameterError) -> Error {
        Error::Build(error.into())
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_error_converts_and_displays_as_itself() {
        let cases: Vec<(Error, &str)> = vec![
            (
                BuildError::UnknownField("email".into()).into(),
                "unknown field \"email\"",
            ),
            (
                ParameterError {
                    name: "century_pivot",
                    reason: "100 is not a two-digit year (0..=99)".into(),
                }
                .into(),
                "invalid parameter `century_pivot`: 100 is not a two-digit year (0..=99)",
            ),
            (
                StoreError::EmptySourceName.into(),
                "a source needs a non-empty name",
            ),
            (
                InferError::EmptyColumnName { position: 2 }.into(),
                "column 2 has an empty header",
            ),
            (
                ModelError::NoComparisons.into(),
                "a model needs at least one comparison",
            ),
            (
                ClusterError::InvalidPair {
                    position: 3,
                    problem: PairProblem::SelfPair { record: 4 },
                }
                .into(),
                "scored pair 3: record 4 is paired with itself",
            ),
            (
                SurviveError::EmptyCluster.into(),
                "a cluster needs at least one member",
            ),
            (
                EvalError::RecordOutOfRange {
                    index: 9,
                    records: 5,
                }
                .into(),
                "record index 9 is out of range for 5 records",
            ),
            (
                ResolveError::NothingToResolve.into(),
                "nothing to resolve: no record was added",
            ),
            (
                DateError::MonthOutOfRange(13).into(),
                "month 13 is out of range (1..=12)",
            ),
            (PhoneError::NoDigits.into(), "phone number has no digits"),
            (
                ParseEntityIdError::Length(4).into(),
                "an entity id is 16 hexadecimal digits, not 4 characters",
            ),
        ];
        for (error, message) in cases {
            assert_eq!(error.to_string(), message, "{error:?}");
        }
        let parameter = ParameterError {
            name: "x",
            reason: "y".into(),
        };
        assert_eq!(
            Error::from(parameter.clone()),
            Error::Build(BuildError::InvalidParameter {
                name: "x",
                reason: "y".into()
            })
        );
        assert_eq!(
            BuildError::from(parameter),
            BuildError::InvalidParameter {
                name: "x",
                reason: "y".into()
            }
        );
    }
}
