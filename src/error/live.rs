//! The live state's error.

/// Why a live resolution state could not be built, changed, saved or
/// loaded. No message holds a record's id or values: records are named by
/// their source and the position of the change.
///
/// # Examples
///
/// ```
/// use sameas::live::LiveError;
/// let error = LiveError::UnknownSource("crm".into());
/// assert_eq!(error.to_string(), "no source named \"crm\" in the state");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LiveError {
    /// The resolution was scored by a matcher other than a
    /// Fellegi-Sunter model: a live state needs a model it can freeze,
    /// save and score new records with.
    #[error("a live state needs a Fellegi-Sunter model; the resolution used another matcher")]
    NoModel,
    /// A sorted-neighbourhood blocker: its pairs depend on every record's
    /// place in one order, which one change can shift; live states block
    /// with keys only.
    #[error("blocker {0:?} is a sorted neighbourhood, which a live state cannot keep current")]
    SortedNeighbourhood(String),
    /// The resolution blocked with blockers of the host's own
    /// ([`Resolver::blockers`](crate::resolve::Resolver::blockers)), not
    /// the defaults the resolver chooses for its records: a live state
    /// blocks with those defaults (saved by name), so its changes would
    /// not end where such a run would. The run's blocker names are given.
    #[error(
        "the resolution blocked with custom blockers ({0}); a live state keeps blocking with the default blockers only"
    )]
    CustomBlockers(String),
    /// A change names a source the state does not have.
    #[error("no source named {0:?} in the state")]
    UnknownSource(String),
    /// A record without an id: live records are named by source and id.
    #[error("a record of source {0:?} has no id")]
    MissingRecordId(String),
    /// A source holds two records with the same id: live records are
    /// named by source and id, so each must be unique (the id is not
    /// shown).
    #[error("source {0:?} holds two records with the same id")]
    RepeatedRecordId(String),
    /// An erasure names a record the state does not hold (the id is not
    /// shown).
    #[error("source {0:?} holds no record with the given id")]
    UnknownRecord(String),
    /// A file could not be read or written.
    #[error("cannot {operation} {path}: {kind}")]
    Io {
        /// What was being done (`read`, `write`, `rename`, ...).
        operation: &'static str,
        /// The file or directory.
        path: String,
        /// The operating system's error kind.
        kind: std::io::ErrorKind,
    },
    /// The directory holds no saved state.
    #[error("no saved state in {0}")]
    NoState(String),
    /// A file written by a version of the format this build does not
    /// read (it reads its own and a few before it).
    #[error("{file} is format version {found}; this build reads versions {oldest} to {supported}")]
    Version {
        /// The file.
        file: String,
        /// The version the file declares.
        found: u32,
        /// The oldest version this build reads.
        oldest: u32,
        /// The version this build reads and writes.
        supported: u32,
    },
    /// The model's term frequencies were counted without a
    /// [`TermFrequencyKey`](crate::matcher::TermFrequencyKey): they live
    /// in memory only (their hashes are not keyed), so a saved state
    /// would score differently once loaded. Resolve with a key to save.
    #[error(
        "the model's term frequencies were counted without a key and cannot be saved: \
         resolve with a term-frequency key to keep a live state"
    )]
    TermFrequenciesUnsaved,
    /// The saved state's term frequencies are hashed under a key that
    /// was not given, or not the one they were hashed under (see
    /// [`LiveStore::open_with_key`](crate::live::LiveStore::open_with_key)).
    #[error("{0}'s term frequencies are hashed under a key that was not given")]
    TermFrequencyKeyMissing(String),
    /// A file that is not a state file, or is damaged (cut short, a
    /// checksum that does not match, a value out of range).
    #[error("{file} is damaged: {reason}")]
    Damaged {
        /// The file.
        file: String,
        /// What is wrong.
        reason: String,
    },
}

impl LiveError {
    /// An I/O error on `path`.
    pub(crate) fn io(
        operation: &'static str,
        path: &std::path::Path,
        error: &std::io::Error,
    ) -> LiveError {
        LiveError::Io {
            operation,
            path: path.display().to_string(),
            kind: error.kind(),
        }
    }
}
