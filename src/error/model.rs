//! The Fellegi-Sunter model's error: models that cannot be read, built
//! or trained.

/// Why a model could not be loaded, built or trained.
///
/// # Examples
///
/// ```
/// use sameas::matcher::{FellegiSunter, ModelError};
/// use sameas::{FieldKind, Schema};
///
/// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
/// assert!(matches!(FellegiSunter::from_json("{}", &schema), Err(ModelError::Format { .. })));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// A saved model could not be read.
    #[error("not a sameas model: {reason}")]
    Format {
        /// What is wrong with it.
        reason: String,
    },
    /// A model was made for another schema.
    #[error("the model does not fit this schema: {reason}")]
    Mismatch {
        /// How the model and the schema differ.
        reason: String,
    },
    /// A model's term frequencies were hashed under another key than the
    /// one given (see [`FellegiSunter::use_term_frequency_key`](crate::matcher::FellegiSunter::use_term_frequency_key)).
    #[error(
        "the term frequencies of `{comparison}` were hashed under another key than the one given"
    )]
    TermFrequencyKeyMismatch {
        /// The first comparison whose table the key does not open.
        comparison: String,
    },
    /// A model has nothing to score with: no comparisons.
    #[error("a model needs at least one comparison")]
    NoComparisons,
    /// Training found no pair of records to learn from (fewer than two
    /// records, or none that the link mode may pair).
    #[error("no pairs to train on: {0}")]
    NoTrainingPairs(String),
}
