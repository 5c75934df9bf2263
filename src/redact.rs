//! `Debug` output without record values: types that hold a host's
//! records print field names and value lengths, never the values, so
//! that a `{:?}` in a log line or a panic message cannot leak them.
//!
//! A leaf module: it depends on nothing else in the crate.

use std::fmt;

/// A value shown as its length: `<5 bytes>`.
pub(crate) struct Redacted(pub(crate) usize);

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0)
    }
}

/// `name: <length>` pairs, as a map (`None`: no value).
pub(crate) struct RedactedFields<'a>(pub(crate) Vec<(&'a str, Option<usize>)>);

impl fmt::Debug for RedactedFields<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(
                self.0
                    .iter()
                    .map(|&(name, length)| (name, length.map(Redacted))),
            )
            .finish()
    }
}
