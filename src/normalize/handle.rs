//! Social handles (`@kneal1985`, `kelly_neal`, `k.neal85`).
//!
//! People build handles from their names and often their birth year, so a
//! handle is kept in two views:
//!
//! - the **normalised handle** ([`normalize_handle`]): surrounding
//!   whitespace and leading `@`s dropped, diacritics folded, lowercase,
//!   inner whitespace dropped (`@K.Néal 85` → `k.neal85`). Two handles
//!   that agree here are the same account name.
//! - its **parts** ([`Handle`]): the *letters* (every alphabetic char, in
//!   order, separators `_`, `.`, `-` and other symbols dropped: `k.neal85`
//!   → `kneal`) and an embedded *birth year*.
//!
//! # Birth years
//!
//! The digits of a handle are read as a birth year only when they form
//! one run (`kneal1985`, `1985_kneal`; not `k2neal85`) of
//! - four digits from 1900 to 2029 ([`BirthYear::Full`]), or
//! - two digits ([`BirthYear::TwoDigits`]). Their century is ambiguous:
//!   [`BirthYear::year`] reads `30`-`99` as 1930-1999 and `00`-`29` as
//!   2000-2029, but [`BirthYear::matches`] accepts a year of either
//!   century ending in them (`85` matches 1985 and 2085), so that the
//!   reading never decides a comparison.
//!
//! Any other number (`kneal7`, `kneal123`, `kneal3000`) is no birth year.
//!
//! # Examples
//!
//! ```
//! use sameas::normalize::{normalize_handle, BirthYear, Handle};
//!
//! let handle = normalize_handle(" @KNeal1985 ");
//! assert_eq!(handle, "kneal1985");
//! let parts = Handle::new(&handle);
//! assert_eq!(parts.letters().collect::<String>(), "kneal");
//! assert_eq!(parts.birth_year(), Some(BirthYear::Full(1985)));
//!
//! let short = normalize_handle("k.neal85");
//! let parts = Handle::new(&short);
//! assert_eq!(parts.letters().collect::<String>(), "kneal");
//! assert_eq!(parts.birth_year().map(BirthYear::year), Some(1985));
//! ```

use std::borrow::Cow;

use super::text::fold_diacritics;

/// The normalised form of a handle: surrounding whitespace and leading
/// `@`s dropped, diacritics folded, lowercase, inner whitespace dropped.
/// Borrows the input when it is already normalised; an input of only
/// `@`s and spaces gives an empty string (a missing value).
///
/// # Examples
///
/// ```
/// use sameas::normalize::normalize_handle;
///
/// assert_eq!(normalize_handle("@Kelly_Neal"), "kelly_neal");
/// assert_eq!(normalize_handle("@jürgen.müller"), "jurgen.muller");
/// assert_eq!(normalize_handle("@"), "");
/// ```
pub fn normalize_handle(raw: &str) -> Cow<'_, str> {
    let trimmed = raw.trim().trim_start_matches('@').trim_start();
    let canonical = |c: char| !c.is_uppercase() && !c.is_whitespace();
    if trimmed.is_ascii() && trimmed.chars().all(canonical) {
        return Cow::Borrowed(trimmed);
    }
    let folded = fold_diacritics(trimmed);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars().filter(|c| !c.is_whitespace()) {
        out.extend(c.to_lowercase());
    }
    Cow::Owned(out)
}

/// A birth year embedded in a handle; see the [module](self) for the
/// rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BirthYear {
    /// Four digits, from 1900 to 2029.
    Full(u16),
    /// Two digits, 0 to 99: the century is unknown.
    TwoDigits(u8),
}

impl BirthYear {
    /// The year the handle most likely means: a two-digit year from 30
    /// is in the 1900s, below 30 in the 2000s.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::BirthYear;
    ///
    /// assert_eq!(BirthYear::TwoDigits(85).year(), 1985);
    /// assert_eq!(BirthYear::TwoDigits(4).year(), 2004);
    /// ```
    pub fn year(self) -> u16 {
        match self {
            BirthYear::Full(year) => year,
            BirthYear::TwoDigits(short) if short >= 30 => 1900 + u16::from(short),
            BirthYear::TwoDigits(short) => 2000 + u16::from(short),
        }
    }

    /// Whether a date of birth in `year` fits: the same year, or for two
    /// digits any year ending in them.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::BirthYear;
    ///
    /// assert!(BirthYear::TwoDigits(85).matches(1985));
    /// assert!(!BirthYear::Full(1985).matches(1986));
    /// ```
    pub fn matches(self, year: u16) -> bool {
        match self {
            BirthYear::Full(full) => full == year,
            BirthYear::TwoDigits(short) => year % 100 == u16::from(short),
        }
    }
}

/// The parts of a [normalised](normalize_handle) handle: its letters and
/// embedded birth year, computed without allocating.
///
/// # Examples
///
/// ```
/// use sameas::normalize::Handle;
///
/// let handle = Handle::new("kelly_neal");
/// assert_eq!(handle.letters().collect::<String>(), "kellyneal");
/// assert_eq!(handle.birth_year(), None);
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Handle<'a> {
    text: &'a str,
}

impl<'a> Handle<'a> {
    /// The parts of `normalized`, a value [`normalize_handle`] returned.
    pub fn new(normalized: &'a str) -> Handle<'a> {
        Handle { text: normalized }
    }

    /// The normalised handle.
    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// The handle's alphabetic chars, in order.
    pub fn letters(&self) -> impl Iterator<Item = char> + 'a {
        self.text.chars().filter(|c| c.is_alphabetic())
    }

    /// The embedded birth year, when the handle's digits form one run of
    /// two digits or of four from 1900 to 2029.
    pub fn birth_year(&self) -> Option<BirthYear> {
        let bytes = self.text.as_bytes();
        let start = bytes.iter().position(u8::is_ascii_digit)?;
        let length = bytes[start..]
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count();
        if bytes[start + length..].iter().any(u8::is_ascii_digit) {
            return None;
        }
        if length != 2 && length != 4 {
            return None;
        }
        let value = bytes[start..start + length]
            .iter()
            .fold(0u16, |value, digit| value * 10 + u16::from(digit - b'0'));
        match length {
            2 => Some(BirthYear::TwoDigits(value as u8)),
            4 if (1900..=2029).contains(&value) => Some(BirthYear::Full(value)),
            _ => None,
        }
    }
}

/// Only the length: a handle is a record value.
impl std::fmt::Debug for Handle<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handle")
            .field("bytes", &self.text.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (raw, normalised, letters, birth year)
    const CASES: &[(&str, &str, &str, Option<BirthYear>)] = &[
        (
            "@kneal1985",
            "kneal1985",
            "kneal",
            Some(BirthYear::Full(1985)),
        ),
        (
            "@KNeal1985",
            "kneal1985",
            "kneal",
            Some(BirthYear::Full(1985)),
        ),
        (
            "k.neal85",
            "k.neal85",
            "kneal",
            Some(BirthYear::TwoDigits(85)),
        ),
        ("kelly_neal", "kelly_neal", "kellyneal", None),
        (
            "kelly-neal_05",
            "kelly-neal_05",
            "kellyneal",
            Some(BirthYear::TwoDigits(5)),
        ),
        (
            "1985.kneal",
            "1985.kneal",
            "kneal",
            Some(BirthYear::Full(1985)),
        ),
        ("k2neal85", "k2neal85", "kneal", None),
        ("kneal7", "kneal7", "kneal", None),
        ("kneal123", "kneal123", "kneal", None),
        ("kneal3000", "kneal3000", "kneal", None),
        ("kneal1899", "kneal1899", "kneal", None),
        (
            "kneal2029",
            "kneal2029",
            "kneal",
            Some(BirthYear::Full(2029)),
        ),
        (
            "1234567890123456789012345",
            "1234567890123456789012345",
            "",
            None,
        ),
        ("  @@Jürgen.Müller ", "jurgen.muller", "jurgenmuller", None),
        ("@ÉLODIE", "elodie", "elodie", None),
        (
            "@李小龙88",
            "李小龙88",
            "李小龙",
            Some(BirthYear::TwoDigits(88)),
        ),
        ("@k neal", "kneal", "kneal", None),
        ("", "", "", None),
        ("@", "", "", None),
        ("  @  ", "", "", None),
        ("1985", "1985", "", Some(BirthYear::Full(1985))),
        ("85", "85", "", Some(BirthYear::TwoDigits(85))),
        ("__", "__", "", None),
    ];

    #[test]
    fn handles_normalise_and_split_as_the_table_says() {
        for &(raw, normalised, letters, year) in CASES {
            let handle = normalize_handle(raw);
            assert_eq!(handle, normalised, "{raw:?}");
            let parts = Handle::new(&handle);
            assert_eq!(parts.letters().collect::<String>(), letters, "{raw:?}");
            assert_eq!(parts.birth_year(), year, "{raw:?}");
        }
    }

    #[test]
    fn normalised_handles_are_borrowed_and_stable() {
        assert!(matches!(normalize_handle("kneal1985"), Cow::Borrowed(_)));
        for &(raw, ..) in CASES {
            let once = normalize_handle(raw).into_owned();
            assert_eq!(normalize_handle(&once), once, "{raw:?}");
        }
    }

    #[test]
    fn a_huge_handle_is_read_in_one_pass() {
        let huge = format!("@{}1985{}", "Ab".repeat(1 << 19), "9".repeat(1 << 19));
        let handle = normalize_handle(&huge);
        assert_eq!(handle.len(), huge.len() - 1);
        let parts = Handle::new(&handle);
        assert_eq!(parts.letters().count(), 1 << 20);
        assert_eq!(parts.birth_year(), None);
        let digits = "1".repeat(1 << 20);
        assert_eq!(Handle::new(&digits).birth_year(), None);
    }

    #[test]
    fn two_digit_years_match_either_century() {
        assert_eq!(BirthYear::TwoDigits(30).year(), 1930);
        assert_eq!(BirthYear::TwoDigits(29).year(), 2029);
        assert!(BirthYear::TwoDigits(5).matches(2005));
        assert!(BirthYear::TwoDigits(5).matches(1905));
        assert!(!BirthYear::TwoDigits(5).matches(1950));
        assert!(BirthYear::Full(1985).matches(1985));
        assert_eq!(format!("{:?}", Handle::new("kneal")), "Handle { bytes: 5 }");
    }
}
