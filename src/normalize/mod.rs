//! Normalisers: turn raw field values into canonical forms.
//!
//! Each normaliser borrows its input when nothing changes (`Cow<str>`) and
//! reports values it cannot parse with a typed error.

mod address;
mod email;
mod text;

pub use address::{normalize_address, normalize_postcode};
pub use email::{normalize_email, Email, EmailError};
pub use text::{collapse_whitespace, fold_diacritics, fold_text, hangul_to_jamo};
