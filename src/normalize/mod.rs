//! Normalisers: turn raw field values into canonical forms.
//!
//! Each normaliser borrows its input when nothing changes (`Cow<str>`) and
//! reports values it cannot parse with a typed error. Each submodule
//! documents its rules in full; everything is also re-exported here.
//!
//! | value | function | canonical form |
//! |---|---|---|
//! | free text | [`fold_text`] | lowercase, no diacritics, punctuation collapsed |
//! | person name | [`normalize_name`], [`parse_person_name`] | folded, titles and suffixes dropped, parts |
//! | given name | [`formal_names`], [`are_nickname_equivalent`] | nicknames to formal names |
//! | e-mail | [`normalize_email`] | lowercase, no `+tag`, Gmail dots and aliases |
//! | social handle | [`normalize_handle`], [`Handle`] | lowercase, no `@`; letters and a birth year |
//! | phone | [`PhoneNormalizer`] | E.164-like digits, extension apart |
//! | date | [`DateParser`], [`parse_date`] | a checked [`crate::Date`] |
//! | organisation | [`normalize_organisation`] | folded, legal forms (Inc, GmbH) dropped |
//! | address | [`normalize_address`] | folded, street types abbreviated |
//! | postcode | [`normalize_postcode`] | uppercase, no spaces or dashes |
//!
//! # Examples
//!
//! ```
//! use sameas::normalize::{normalize_email, parse_date, PhoneNormalizer};
//!
//! assert_eq!(normalize_email("K.Neal+news@GoogleMail.com")?.as_str(), "kneal@gmail.com");
//! let phone = PhoneNormalizer::builder().default_country("US").build()?;
//! assert_eq!(phone.normalize("555.010.2030")?.to_string(), "+15550102030");
//! assert_eq!(parse_date("3/4/85")?.to_string(), "1985-03-04");
//! # Ok::<(), sameas::Error>(())
//! ```

pub mod address;
pub mod date;
pub mod email;
pub mod handle;
pub mod name;
pub mod nicknames;
pub mod organisation;
pub mod phone;
pub mod text;

pub use crate::parameter::ParameterError;
pub use address::{is_street_word, normalize_address, normalize_postcode};
pub use date::{DEFAULT_CENTURY_PIVOT, DateParser, DateParserBuilder, DayMonthOrder, parse_date};
pub use email::{Email, EmailError, normalize_email};
pub use handle::{BirthYear, Handle, normalize_handle};
pub use name::{PersonName, initials, is_placeholder_name, normalize_name, parse_person_name};
pub use nicknames::{are_nickname_equivalent, formal_names};
pub use organisation::{is_legal_form, normalize_organisation};
pub use phone::{
    MAX_E164_DIGITS, MAX_EXTENSION_DIGITS, MIN_NATIONAL_DIGITS, PhoneError, PhoneNormalizer,
    PhoneNormalizerBuilder, PhoneNumber,
};
pub use text::{
    collapse_whitespace, fold_diacritics, fold_text, hangul_to_jamo, is_placeholder_identifier,
};
