//! How a command ends badly: the message and the exit status.

/// A failed command. The message names the file, line or option at
/// fault; record values appear only where the user needs them to find
/// the row (a repeated or unknown id they typed or wrote).
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Bad arguments, an unknown column or kind: exit status 2, with the
    /// usage.
    #[error("{0}")]
    Usage(String),
    /// Input that cannot be read or output that cannot be written: exit
    /// status 1.
    #[error("{0}")]
    Input(String),
}

impl Failure {
    /// An input failure from anything displayable, after `context` (a
    /// file name, usually) and a colon.
    pub fn input(context: impl std::fmt::Display, error: impl std::fmt::Display) -> Failure {
        Failure::Input(format!("{context}: {error}"))
    }
}
