//! Normalisers: turn raw field values into canonical forms.
//!
//! Each normaliser borrows its input when nothing changes (`Cow<str>`) and
//! reports values it cannot parse with a typed error.

mod phone;

pub use phone::{
    PhoneError, PhoneNormalizer, PhoneNumber, MAX_E164_DIGITS, MAX_EXTENSION_DIGITS,
    MIN_NATIONAL_DIGITS,
};

mod date;

pub use date::{parse_date, DateParser, DateParserBuilder, DayMonthOrder, DEFAULT_CENTURY_PIVOT};

mod name;
mod nicknames;

pub use name::{initials, normalize_name, parse_person_name, PersonName};
pub use nicknames::{are_nickname_equivalent, formal_names};

mod email;
mod text;

pub use email::{normalize_email, Email, EmailError};
pub use text::{collapse_whitespace, fold_diacritics, fold_text, hangul_to_jamo};
