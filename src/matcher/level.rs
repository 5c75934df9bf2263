//! The tests a comparison level applies to a pair of values.

use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use super::interned::InternedField;
use crate::compare::{
    Written, date_placeholder, first_word, jaro_winkler, levenshtein_bounded, osa_distance,
    qgram_dice, relative_difference, same_first_name,
};
use crate::error::BuildError;
use crate::id::FieldId;
use crate::normalize::{Handle, are_nickname_equivalent};
use crate::prepare::{PreparedRecord, Word};
use crate::schema::Schema;

/// What two values must satisfy to reach a comparison level. Tests read
/// the records' prepared (normalised) values; a pair where either value
/// is missing never reaches a level (it is neutral). Values longer than
/// 1 KiB pass the similarity tests (Jaro-Winkler, Levenshtein, swapped,
/// word Jaccard, q-gram Dice) only when equal, so that no value can stall
/// scoring; Damerau takes linear time on any value.
///
/// # Examples
///
/// ```
/// use sameas::matcher::LevelTest;
///
/// let fuzzy = LevelTest::JaroWinkler { at_least: 0.92 };
/// assert_eq!(fuzzy.to_string(), "jaro-winkler >= 0.92");
/// assert_eq!(LevelTest::Exact.to_string(), "exact");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "test", rename_all = "snake_case")]
#[non_exhaustive]
pub enum LevelTest {
    /// The normalised values are equal.
    Exact,
    /// Jaro-Winkler similarity of the normalised values at least this.
    JaroWinkler {
        /// The threshold, in `[0, 1]`.
        at_least: f64,
    },
    /// Levenshtein distance of the normalised values at most this.
    Levenshtein {
        /// The largest distance.
        at_most: u32,
    },
    /// Optimal-string-alignment distance (edits and adjacent
    /// transpositions) at most this.
    Damerau {
        /// The largest distance.
        at_most: u32,
    },
    /// The normalised values differ by one swap of two adjacent
    /// characters and nothing else (`leo`, `elo`; see
    /// [`is_transposition`](crate::compare::is_transposition)).
    Transposition,
    /// Same non-empty Soundex code.
    Soundex,
    /// Same non-empty Metaphone code.
    Metaphone,
    /// Names that a nickname table relates (`bill` and `william`).
    Nickname,
    /// Given names whose first words agree while a further name is
    /// shown in one only or abbreviated in one (an initial or the start
    /// of the name: `yan i` and `yan`, `john a` and `john andrew`): a
    /// middle name written one way in one record and another way, or not
    /// at all, in the other. A compound first name and its first part
    /// agree so too (`jean pierre`, as `Jean-Pierre` is normalised, and
    /// `jean`). Further names that differ (`john a` and `john b`) are not
    /// this level. Where exact agreement is weighed by term frequency,
    /// this level weighs no more than exact agreement on the first name.
    SameFirstName,
    /// One value is a single letter, the other's initial (`k` and
    /// `kelly`).
    Initial,
    /// This field of each record matches another field of the other
    /// record both ways (given and family name entered the wrong way
    /// round), by Jaro-Winkler at least `at_least`, and the other field's
    /// two values are less alike than the crossed ones: names agreeing
    /// where they stand are not swapped (`JAMES JAMESON` and `JAMIE
    /// JAMESON`, whose `JAMESON` is also like `JAMIE` and `JAMES`).
    Swapped {
        /// The other field.
        with: FieldId,
        /// The threshold, in `[0, 1]`.
        at_least: f64,
    },
    /// Same e-mail local part (the text before the last `@`).
    EmailLocalPart,
    /// A [handle](crate::FieldKind::Handle)'s letters spell the other
    /// record's names run together: given and family name (`kellyneal`),
    /// initial and family name (`kneal`), or either in the other order
    /// (`nealkelly`, `nealk`). Tried both ways round; a record without a
    /// handle can reach this level (see [`LevelTest::is_one_sided`]).
    HandleNames {
        /// The given-name field.
        given: FieldId,
        /// The family-name field.
        family: FieldId,
    },
    /// A [handle](crate::FieldKind::Handle)'s embedded
    /// [birth year](crate::normalize::BirthYear) fits the year of the
    /// other record's date of birth (`kneal85` and 1985-03-04). Tried both
    /// ways round; a record without a handle can reach this level.
    HandleBirthYear {
        /// The date-of-birth field.
        date: FieldId,
    },
    /// The same digits in the same order (`kneal85` and `k.neal85`, not
    /// `kneal84`): namesakes' e-mail addresses often differ only there.
    SameDigits,
    /// Different letters (`kneal` and `kneel`, not `k.neal` and `kneal`):
    /// namesakes' e-mail addresses also differ only in separators.
    LettersDiffer,
    /// The last `digits` digits agree (phone numbers).
    LastDigits {
        /// How many trailing digits, at least 1.
        digits: u8,
    },
    /// The first `chars` characters agree (postcodes: same area).
    Prefix {
        /// How many leading characters, at least 1.
        chars: u8,
    },
    /// Dates with day and month exchanged (`03/04` read as `04/03`).
    ///
    /// This test and [`YearOneOff`](Self::YearOneOff),
    /// [`DayOrMonthWrong`](Self::DayOrMonthWrong) and
    /// [`YearWrong`](Self::YearWrong) look at a date's parts as written,
    /// so an impossible date kept for its digits (`1945-17-06`, a digit
    /// typed into the month) meets the date it was meant to be
    /// (`1945-01-06`: the month wrong).
    DayMonthSwapped,
    /// Dates with the same day and month whose years are one apart
    /// (`1939-03-15` and `1940-03-15`).
    YearOneOff,
    /// One date is a placeholder for the other, known only in part: 1
    /// January of its year or the 1st of its month (`1945-01-01` or
    /// `1945-08-01` for `1945-08-14`).
    DatePlaceholder,
    /// Dates of the same year that agree in the month or the day but not
    /// both, the other written wrong as a whole (`1945-08-27` or
    /// `1945-03-14` for `1945-08-14`; see
    /// [`day_or_month_wrong`](crate::compare::day_or_month_wrong)).
    DayOrMonthWrong,
    /// Dates with the same day and month whose years are at least two
    /// apart, the year written wrong as a whole (`1972-08-14` for
    /// `1945-08-14`; see [`year_wrong`](crate::compare::year_wrong)).
    YearWrong,
    /// Dates at most this many days apart.
    WithinDays {
        /// The largest distance in days.
        days: u32,
    },
    /// Word Jaccard similarity (words of the normalised values, split at
    /// spaces) at least this.
    TokenJaccard {
        /// The threshold, in `[0, 1]`.
        at_least: f64,
    },
    /// Q-gram Dice similarity at least this.
    QGramDice {
        /// The gram length, at least 1.
        q: u8,
        /// The threshold, in `[0, 1]`.
        at_least: f64,
    },
    /// Multi-valued fields (`|`-separated) sharing at least one value.
    SetOverlap,
    /// Numbers whose relative difference is at most this.
    RelativeDifference {
        /// The largest relative difference, at least 0.
        at_most: f64,
    },
    /// Any two present values (the last level of every comparison).
    Else,
}

impl LevelTest {
    /// Whether the test holds for two present normalised values of
    /// `field`. `memo` keeps similarities already computed for this pair
    /// and field, so that levels at several thresholds compute them once.
    #[inline]
    pub(crate) fn holds(
        &self,
        field: FieldId,
        (a, b): (&PreparedRecord<'_>, &PreparedRecord<'_>),
        text_a: &str,
        text_b: &str,
        memo: &mut Similarities,
    ) -> bool {
        if self.is_fuzzy() && text_a.len().max(text_b.len()) > MAX_FUZZY_BYTES {
            return text_a == text_b;
        }
        match *self {
            LevelTest::Exact => text_a == text_b,
            LevelTest::JaroWinkler { at_least } => {
                *memo
                    .jaro_winkler
                    .get_or_insert_with(|| jaro_winkler(text_a, text_b))
                    >= at_least
            }
            LevelTest::Levenshtein { at_most } => {
                levenshtein_bounded(text_a, text_b, at_most as usize).is_some()
            }
            LevelTest::Damerau { at_most } => osa_within(text_a, text_b, at_most as usize),
            LevelTest::Transposition => crate::compare::is_transposition(text_a, text_b),
            LevelTest::Soundex => match (a.soundex(field), b.soundex(field)) {
                (Some(x), Some(y)) => !x.is_empty() && x == y,
                _ => false,
            },
            LevelTest::Metaphone => match (a.metaphone(field), b.metaphone(field)) {
                (Some(x), Some(y)) => !x.is_empty() && x == y,
                _ => false,
            },
            // Given-name fields store the formal name of each value's
            // first word, which settles most pairs without the table.
            LevelTest::Nickname => match (a.stored_formal_name(field), b.stored_formal_name(field))
            {
                // A name that stands for several formal names (`jack`:
                // `jackson`, `jacques`, `john`) stores the first: the
                // table tells the rest, for the first words as stored.
                (Some(Some(x)), Some(Some(y))) => {
                    x == y || are_nickname_equivalent(first_word(text_a), first_word(text_b))
                }
                // A given name the table lacks has no nickname.
                (Some(None), _) | (_, Some(None)) => false,
                _ => are_nickname_equivalent(text_a, text_b),
            },
            LevelTest::Swapped { with, at_least } => match (a.text(with), b.text(with)) {
                (Some(other_a), Some(other_b))
                    if other_a.len().max(other_b.len()) <= MAX_FUZZY_BYTES =>
                {
                    names_swapped((text_a, other_a), (text_b, other_b), at_least)
                }
                _ => false,
            },
            LevelTest::SameFirstName => same_first_name(text_a, text_b),
            LevelTest::Initial => {
                let is_initial_of = |initial: &str, name: &str| {
                    let mut letters = initial.chars();
                    matches!((letters.next(), letters.next()), (Some(letter), None) if name.starts_with(letter))
                };
                is_initial_of(text_a, text_b) || is_initial_of(text_b, text_a)
            }
            LevelTest::EmailLocalPart => match (text_a.rsplit_once('@'), text_b.rsplit_once('@')) {
                (Some((local_a, _)), Some((local_b, _))) => {
                    !local_a.is_empty() && local_a == local_b
                }
                _ => false,
            },
            LevelTest::HandleNames { given, family } => {
                handle_spells_names(a, b, field, given, family)
                    || handle_spells_names(b, a, field, given, family)
            }
            LevelTest::HandleBirthYear { date } => {
                handle_holds_year(a, b, field, date) || handle_holds_year(b, a, field, date)
            }
            LevelTest::SameDigits => text_a
                .bytes()
                .filter(u8::is_ascii_digit)
                .eq(text_b.bytes().filter(u8::is_ascii_digit)),
            LevelTest::LettersDiffer => !text_a
                .chars()
                .filter(|c| c.is_alphabetic())
                .eq(text_b.chars().filter(|c| c.is_alphabetic())),
            LevelTest::LastDigits { digits } => {
                let digits = usize::from(digits);
                let mut x = text_a.bytes().rev().filter(u8::is_ascii_digit);
                let mut y = text_b.bytes().rev().filter(u8::is_ascii_digit);
                (0..digits).all(|_| matches!((x.next(), y.next()), (Some(p), Some(q)) if p == q))
            }
            LevelTest::Prefix { chars } => {
                let chars = usize::from(chars);
                let mut x = text_a.chars();
                let mut y = text_b.chars();
                (0..chars).all(|_| matches!((x.next(), y.next()), (Some(p), Some(q)) if p == q))
            }
            LevelTest::DayMonthSwapped => {
                written_dates(a, b, field).is_some_and(|(x, y)| x.day_month_swapped(y))
            }
            LevelTest::YearOneOff => {
                written_dates(a, b, field).is_some_and(|(x, y)| x.year_one_off(y))
            }
            LevelTest::DatePlaceholder => match (a.date(field), b.date(field)) {
                (Some(x), Some(y)) => date_placeholder(x, y),
                _ => false,
            },
            LevelTest::DayOrMonthWrong => {
                written_dates(a, b, field).is_some_and(|(x, y)| x.day_or_month_wrong(y))
            }
            LevelTest::YearWrong => {
                written_dates(a, b, field).is_some_and(|(x, y)| x.year_wrong(y))
            }
            LevelTest::WithinDays { days } => match (a.date(field), b.date(field)) {
                (Some(x), Some(y)) => x.days_between(y) <= days,
                _ => false,
            },
            LevelTest::TokenJaccard { at_least } => {
                *memo.token_jaccard.get_or_insert_with(|| {
                    // The word lists prepared with the store when these
                    // are its values; else split the values here.
                    match (a.sorted_words(field, text_a), b.sorted_words(field, text_b)) {
                        (Some(x), Some(y)) => sorted_word_jaccard((text_a, x), (text_b, y)),
                        _ => word_jaccard(text_a, text_b),
                    }
                }) >= at_least
            }
            LevelTest::QGramDice { q, at_least } => {
                qgram_dice(text_a, text_b, usize::from(q)) >= at_least
            }
            LevelTest::SetOverlap => sets_overlap(text_a, text_b),
            LevelTest::RelativeDifference { at_most } => match (a.number(field), b.number(field)) {
                (Some(x), Some(y)) => relative_difference(x, y).is_some_and(|d| d <= at_most),
                _ => false,
            },
            LevelTest::Else => true,
        }
    }

    /// [`holds`](Self::holds) for two present values of `field` given by
    /// their numbers (`x` of `a`, `y` of `b`) in `interned`: exact, word
    /// Jaccard and set tests read the numbers, the others the records'
    /// values. The same answer as `holds` on the values.
    #[inline]
    pub(crate) fn holds_interned(
        &self,
        field: FieldId,
        (a, b): (&PreparedRecord<'_>, &PreparedRecord<'_>),
        (x, y): (u32, u32),
        interned: &InternedField,
        memo: &mut Similarities,
    ) -> bool {
        match *self {
            LevelTest::Exact => x == y,
            LevelTest::TokenJaccard { at_least } => {
                if interned.is_long(x) || interned.is_long(y) {
                    return x == y;
                }
                if memo.token_jaccard.is_none()
                    && interned
                        .most_word_jaccard(x, y)
                        .is_some_and(|most| most < at_least)
                {
                    return false;
                }
                if let (Some(p), Some(q)) = (interned.words(x), interned.words(y)) {
                    return *memo
                        .token_jaccard
                        .get_or_insert_with(|| sorted_jaccard(p, q, Ord::cmp))
                        >= at_least;
                }
                self.holds_on_values(field, (a, b), memo)
            }
            LevelTest::SetOverlap if !interned.items_may_meet(x, y) => false,
            LevelTest::SetOverlap => match (interned.items(x), interned.items(y)) {
                (Some(p), Some(q)) => walks_meet(p.iter(), q.iter()),
                _ => self.holds_on_values(field, (a, b), memo),
            },
            _ => self.holds_on_values(field, (a, b), memo),
        }
    }

    /// [`holds`](Self::holds) on the records' values of `field`.
    #[inline]
    fn holds_on_values(
        &self,
        field: FieldId,
        (a, b): (&PreparedRecord<'_>, &PreparedRecord<'_>),
        memo: &mut Similarities,
    ) -> bool {
        let (x, y) = (
            a.text(field).unwrap_or_default(),
            b.text(field).unwrap_or_default(),
        );
        self.holds(field, (a, b), x, y, memo)
    }

    /// Whether the test compares a field of one record with other fields
    /// of the other, so that a pair where only one record has the
    /// comparison's field can still pass it (the handle tests: `@kneal85`
    /// against a record with names and no handle). A pair with one value
    /// missing reaches the first level whose tests are all one-sided and
    /// hold; when none holds, it reaches no level, as usual.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::LevelTest;
    ///
    /// assert!(!LevelTest::Exact.is_one_sided());
    /// ```
    pub fn is_one_sided(&self) -> bool {
        matches!(
            self,
            LevelTest::HandleNames { .. } | LevelTest::HandleBirthYear { .. }
        )
    }

    /// Whether the test holds for one person's date written wrongly
    /// rather than another date: one digit typed wrong
    /// (Damerau-Levenshtein at most 1, which covers two digits
    /// transposed), day and month swapped, the year one off, a
    /// placeholder for a date known in part, the day, the month or the
    /// year wrong as a whole.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::LevelTest;
    ///
    /// assert!(LevelTest::DayMonthSwapped.is_date_error());
    /// assert!(!LevelTest::WithinDays { days: 365 }.is_date_error());
    /// ```
    pub fn is_date_error(&self) -> bool {
        matches!(
            self,
            LevelTest::Damerau { at_most: 1 }
                | LevelTest::DayMonthSwapped
                | LevelTest::YearOneOff
                | LevelTest::DatePlaceholder
                | LevelTest::DayOrMonthWrong
                | LevelTest::YearWrong
        )
    }

    /// Whether the test measures similarity with super-linear work.
    fn is_fuzzy(&self) -> bool {
        matches!(
            self,
            LevelTest::JaroWinkler { .. }
                | LevelTest::Levenshtein { .. }
                | LevelTest::Swapped { .. }
                | LevelTest::TokenJaccard { .. }
                | LevelTest::QGramDice { .. }
        )
    }

    /// Checks the test's parameters for a comparison of `field`.
    pub(crate) fn validate(&self, schema: &Schema, field: FieldId) -> Result<(), BuildError> {
        let invalid =
            |name: &'static str, reason: String| Err(BuildError::InvalidParameter { name, reason });
        let unit = |name: &'static str, value: f64| {
            if (0.0..=1.0).contains(&value) {
                Ok(())
            } else {
                invalid(name, format!("a threshold in [0, 1], got {value}"))
            }
        };
        let partner = |with: FieldId, name: &'static str| {
            let Some(partner) = schema.try_field(with) else {
                return invalid(
                    name,
                    format!("field number {} is not in the schema", with.index()),
                );
            };
            if partner.is_metadata() {
                return Err(BuildError::MetadataField(partner.name().to_string()));
            }
            if with == field {
                return invalid(name, "a field cannot be compared with itself".into());
            }
            Ok(())
        };
        match *self {
            LevelTest::JaroWinkler { at_least } | LevelTest::TokenJaccard { at_least } => {
                unit("at_least", at_least)
            }
            LevelTest::QGramDice { q, at_least } => {
                if q == 0 {
                    return invalid("q", "a q-gram length of at least 1, got 0".into());
                }
                unit("at_least", at_least)
            }
            LevelTest::Swapped { with, at_least } => {
                let Some(partner) = schema.try_field(with) else {
                    return invalid(
                        "with",
                        format!("field number {} is not in the schema", with.index()),
                    );
                };
                if partner.is_metadata() {
                    return Err(BuildError::MetadataField(partner.name().to_string()));
                }
                if with == field {
                    return invalid("with", "a field cannot be swapped with itself".into());
                }
                unit("at_least", at_least)
            }
            LevelTest::HandleNames { given, family } => {
                partner(given, "given")?;
                partner(family, "family")
            }
            LevelTest::HandleBirthYear { date } => partner(date, "date"),
            LevelTest::LastDigits { digits: 0 } => {
                invalid("digits", "at least one digit, got 0".into())
            }
            LevelTest::Prefix { chars: 0 } => invalid("chars", "at least one char, got 0".into()),
            LevelTest::RelativeDifference { at_most }
                if !(at_most >= 0.0 && at_most.is_finite()) =>
            {
                invalid(
                    "at_most",
                    format!("a finite difference >= 0, got {at_most}"),
                )
            }
            _ => Ok(()),
        }
    }

    /// A short description naming the other field of a swap.
    pub(crate) fn label(&self, schema: &Schema) -> String {
        match *self {
            LevelTest::Swapped { with, at_least } => format!(
                "swapped with {} (jaro-winkler >= {at_least})",
                schema.try_field(with).map_or("?", |field| field.name())
            ),
            LevelTest::HandleNames { given, family } => format!(
                "handle spells {} + {}",
                schema.try_field(given).map_or("?", |field| field.name()),
                schema.try_field(family).map_or("?", |field| field.name())
            ),
            LevelTest::HandleBirthYear { date } => format!(
                "handle holds the year of {}",
                schema.try_field(date).map_or("?", |field| field.name())
            ),
            _ => self.to_string(),
        }
    }
}

impl std::fmt::Display for LevelTest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            LevelTest::Exact => f.write_str("exact"),
            LevelTest::JaroWinkler { at_least } => write!(f, "jaro-winkler >= {at_least}"),
            LevelTest::Levenshtein { at_most } => write!(f, "levenshtein <= {at_most}"),
            LevelTest::Damerau { at_most } => write!(f, "damerau <= {at_most}"),
            LevelTest::Transposition => f.write_str("one transposition"),
            LevelTest::Soundex => f.write_str("soundex"),
            LevelTest::Metaphone => f.write_str("metaphone"),
            LevelTest::Nickname => f.write_str("nickname"),
            LevelTest::Initial => f.write_str("initial"),
            LevelTest::SameFirstName => f.write_str("same first name"),
            LevelTest::Swapped { with, at_least } => {
                write!(
                    f,
                    "swapped with field {} (jaro-winkler >= {at_least})",
                    with.index()
                )
            }
            LevelTest::EmailLocalPart => f.write_str("same local part"),
            LevelTest::HandleNames { given, family } => write!(
                f,
                "handle spells fields {} + {}",
                given.index(),
                family.index()
            ),
            LevelTest::HandleBirthYear { date } => {
                write!(f, "handle holds the year of field {}", date.index())
            }
            LevelTest::SameDigits => f.write_str("same digits"),
            LevelTest::LettersDiffer => f.write_str("letters differ"),
            LevelTest::LastDigits { digits } => write!(f, "last {digits} digits"),
            LevelTest::Prefix { chars } => write!(f, "first {chars} chars"),
            LevelTest::DayMonthSwapped => f.write_str("day and month swapped"),
            LevelTest::YearOneOff => f.write_str("year one off"),
            LevelTest::DatePlaceholder => f.write_str("placeholder date"),
            LevelTest::DayOrMonthWrong => f.write_str("day or month wrong"),
            LevelTest::YearWrong => f.write_str("year wrong"),
            LevelTest::WithinDays { days } => write!(f, "within {days} days"),
            LevelTest::TokenJaccard { at_least } => write!(f, "token jaccard >= {at_least}"),
            LevelTest::QGramDice { q, at_least } => write!(f, "{q}-gram dice >= {at_least}"),
            LevelTest::SetOverlap => f.write_str("a shared value"),
            LevelTest::RelativeDifference { at_most } => {
                write!(f, "relative difference <= {at_most}")
            }
            LevelTest::Else => f.write_str("else"),
        }
    }
}

/// Values longer than this (no name, e-mail or address is) pass the
/// similarity tests only when equal: a hostile value cannot stall
/// scoring or training.
pub(crate) const MAX_FUZZY_BYTES: usize = 1024;

/// Similarities of one pair's values, computed at most once while its
/// levels are tested.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Similarities {
    jaro_winkler: Option<f64>,
    token_jaccard: Option<f64>,
}

/// Jaccard similarity of the space-separated words of two normalised
/// values (normalisation folds case and whitespace, so splitting at
/// spaces finds the same words as Unicode segmentation would, faster).
fn word_jaccard(a: &str, b: &str) -> f64 {
    fn words(text: &str) -> SmallVec<[&str; 16]> {
        let mut words: SmallVec<[&str; 16]> = text.split(' ').filter(|w| !w.is_empty()).collect();
        words.sort_unstable();
        words.dedup();
        words
    }
    let (x, y) = (words(a), words(b));
    sorted_jaccard(&x, &y, |p, q| p.cmp(q))
}

/// [`word_jaccard`] of two values whose distinct words are given sorted,
/// as byte ranges of the value (see `PreparedRecord::sorted_words`).
fn sorted_word_jaccard((a, x): (&str, &[Word]), (b, y): (&str, &[Word])) -> f64 {
    sorted_jaccard(x, y, |p, q| p.cmp_in(a, q, b))
}

/// Jaccard similarity of two sorted sets without repeats, walked once
/// in step (`cmp` orders an item of `x` against one of `y`); 1 for two
/// empty sets.
pub(crate) fn sorted_jaccard<T>(
    x: &[T],
    y: &[T],
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> f64 {
    if x.is_empty() && y.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(p), Some(q)) = (x.get(i), y.get(j)) {
        match cmp(p, q) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    shared as f64 / (x.len() + y.len() - shared) as f64
}

/// Longest differing middle (after the common prefix and suffix) that the
/// exact quadratic OSA distance is computed for.
const OSA_EXACT_LIMIT: usize = 256;

/// Whether the optimal-string-alignment distance is at most `at_most`,
/// in time linear in the values' length: the common prefix and suffix
/// are set aside; middles of up to 256 chars get the exact distance;
/// longer ones (only pathological values: a near-identical pair has a
/// short middle) are tested by bounded Levenshtein, which can only
/// overstate OSA (so a long pair needing a transposition is missed).
fn osa_within(a: &str, b: &str, at_most: usize) -> bool {
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix: usize = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let (length_a, length_b) = (a.chars().count(), b.chars().count());
    if length_a.abs_diff(length_b) > at_most {
        return false;
    }
    if length_a.max(length_b) <= OSA_EXACT_LIMIT {
        osa_distance(a, b) <= at_most
    } else {
        levenshtein_bounded(a, b, at_most).is_some()
    }
}

/// The two records' dates of `field` as written (see
/// [`PreparedRecord::written_date`]): an impossible date (`1945-17-06`)
/// meets the date it was meant to be in the tests on a date's parts.
fn written_dates(
    a: &PreparedRecord<'_>,
    b: &PreparedRecord<'_>,
    field: FieldId,
) -> Option<(Written, Written)> {
    Some((a.written_date(field)?, b.written_date(field)?))
}

/// Whether the letters of `holder`'s handle (in `field`) spell the names
/// of `named` run together: given + family, initial + family, family +
/// given or family + initial.
fn handle_spells_names(
    holder: &PreparedRecord<'_>,
    named: &PreparedRecord<'_>,
    field: FieldId,
    given: FieldId,
    family: FieldId,
) -> bool {
    let (Some(handle), Some(given), Some(family)) =
        (holder.text(field), named.text(given), named.text(family))
    else {
        return false;
    };
    let handle = Handle::new(handle);
    let given_letters = || given.chars().filter(|c| c.is_alphabetic());
    let family_letters = || family.chars().filter(|c| c.is_alphabetic());
    let (Some(initial), Some(_)) = (given_letters().next(), family_letters().next()) else {
        return false;
    };
    handle.letters().eq(given_letters().chain(family_letters()))
        || handle
            .letters()
            .eq(std::iter::once(initial).chain(family_letters()))
        || handle.letters().eq(family_letters().chain(given_letters()))
        || handle
            .letters()
            .eq(family_letters().chain(std::iter::once(initial)))
}

/// Whether `holder`'s handle (in `field`) embeds a birth year that fits
/// the year of `dated`'s date in `date`.
fn handle_holds_year(
    holder: &PreparedRecord<'_>,
    dated: &PreparedRecord<'_>,
    field: FieldId,
    date: FieldId,
) -> bool {
    match (
        holder
            .text(field)
            .and_then(|handle| Handle::new(handle).birth_year()),
        dated.date(date),
    ) {
        (Some(year), Some(born)) => year.matches(born.year()),
        _ => false,
    }
}

/// Whether two sorted `|`-separated lists share an item.
fn sets_overlap(a: &str, b: &str) -> bool {
    walks_meet(
        a.split('|').filter(|item| !item.is_empty()),
        b.split('|').filter(|item| !item.is_empty()),
    )
}

/// Whether two sequences, walked in step (the smaller one advances),
/// meet on an equal item: for sorted sequences, whether they share one.
/// Set overlap walks a prepared set's text (its items sorted, see
/// `prepare`) or its numbered items (sorted by number), so the two give
/// the same answer.
#[inline]
pub(crate) fn walks_meet<T: Ord>(
    mut x: impl Iterator<Item = T>,
    mut y: impl Iterator<Item = T>,
) -> bool {
    let (mut p, mut q) = (x.next(), y.next());
    while let (Some(left), Some(right)) = (&p, &q) {
        match left.cmp(right) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => p = x.next(),
            std::cmp::Ordering::Greater => q = y.next(),
        }
    }
    false
}

/// Whether two records' values of a field and of its swap partner
/// (`(value, other)` of each record) were entered the wrong way round, as
/// [`LevelTest::Swapped`] tests it: each value like the other record's
/// partner value by Jaro-Winkler at least `at_least`, and the partner's
/// two values less alike than either crossed pair. Jaro-Winkler is
/// symmetric, so the order of the records does not matter.
pub(crate) fn names_swapped(
    (value_a, other_a): (&str, &str),
    (value_b, other_b): (&str, &str),
    at_least: f64,
) -> bool {
    let one_way = jaro_winkler(value_a, other_b);
    if one_way < at_least {
        return false;
    }
    let other_way = jaro_winkler(other_a, value_b);
    other_way >= at_least && jaro_winkler(other_a, other_b) < one_way.min(other_way)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepare::PreparedStore;
    use crate::record::OwnedRecord;
    use crate::schema::FieldKind;
    use proptest::strategy::Strategy;

    fn store(records: &[OwnedRecord]) -> PreparedStore {
        let schema = Schema::builder()
            .field("given", FieldKind::GivenName)
            .field("family", FieldKind::FamilyName)
            .field("dob", FieldKind::Date)
            .field("email", FieldKind::Email)
            .field("phone", FieldKind::Phone)
            .field("tags", FieldKind::Set)
            .field("income", FieldKind::Numeric)
            .field("handle", FieldKind::Handle)
            .build()
            .unwrap();
        let mut store = PreparedStore::new(schema);
        let source = store.add_source("crm", false).unwrap();
        store.ingest(source, records).unwrap();
        store
    }

    fn holds(test: LevelTest, field: &str, a: OwnedRecord, b: OwnedRecord) -> bool {
        let store = store(&[a, b]);
        let field = store.schema().field_id(field).unwrap();
        let records: Vec<_> = store.records().collect();
        let (Some(x), Some(y)) = (records[0].text(field), records[1].text(field)) else {
            return false;
        };
        test.holds(
            field,
            (&records[0], &records[1]),
            x,
            y,
            &mut Similarities::default(),
        )
    }

    fn person(pairs: &[(&str, &str)]) -> OwnedRecord {
        pairs
            .iter()
            .fold(OwnedRecord::without_id(), |record, (name, value)| {
                record.with(name, value)
            })
    }

    /// Whether `test` (on the handle field) holds for `a` and `b`, also
    /// when one of them has no handle.
    fn handle_holds(test: LevelTest, a: &[(&str, &str)], b: &[(&str, &str)]) -> bool {
        let store = store(&[person(a), person(b)]);
        let schema = store.schema();
        let field = schema.field_id("handle").unwrap();
        let records: Vec<_> = store.records().collect();
        assert!(test.is_one_sided());
        let forward = test.holds(
            field,
            (&records[0], &records[1]),
            "",
            "",
            &mut Similarities::default(),
        );
        let backward = test.holds(
            field,
            (&records[1], &records[0]),
            "",
            "",
            &mut Similarities::default(),
        );
        assert_eq!(forward, backward, "{a:?} {b:?}");
        forward
    }

    #[test]
    fn handles_spell_the_other_records_names() {
        let schema = store(&[]).schema().clone();
        let names = LevelTest::HandleNames {
            given: schema.field_id("given").unwrap(),
            family: schema.field_id("family").unwrap(),
        };
        let kelly = [("given", "Kelly"), ("family", "Neal")];
        for handle in [
            "@kneal1985",
            "@Kelly_Neal",
            "k.neal85",
            "neal.kelly",
            "nealk",
            "@kelly-neal",
        ] {
            assert!(
                handle_holds(names, &[("handle", handle)], &kelly),
                "{handle}"
            );
        }
        for handle in ["@kneel1985", "@kellyn", "@neal", "@1985", "@", "@kn"] {
            assert!(
                !handle_holds(names, &[("handle", handle)], &kelly),
                "{handle}"
            );
        }
        // Only the other record's names count, and both names are needed.
        assert!(!handle_holds(
            names,
            &[("handle", "@kneal"), ("given", "Kelly"), ("family", "Neal")],
            &[("given", "Kevin")]
        ));
        assert!(!handle_holds(
            names,
            &[("handle", "@kneal")],
            &[("family", "Neal")]
        ));
        // Folded like the names: diacritics and case do not matter.
        assert!(handle_holds(
            names,
            &[("handle", "@JMüller")],
            &[("given", "Jürgen"), ("family", "Müller")]
        ));
    }

    #[test]
    fn handles_hold_the_other_records_birth_year() {
        let schema = store(&[]).schema().clone();
        let year = LevelTest::HandleBirthYear {
            date: schema.field_id("dob").unwrap(),
        };
        let born = |date: &'static str| [("dob", date)];
        assert!(handle_holds(
            year,
            &[("handle", "@kneal1985")],
            &born("1985-03-04")
        ));
        assert!(handle_holds(
            year,
            &[("handle", "k.neal85")],
            &born("1985-12-31")
        ));
        assert!(handle_holds(
            year,
            &[("handle", "kneal_05")],
            &born("2005-01-01")
        ));
        assert!(!handle_holds(
            year,
            &[("handle", "@kneal1985")],
            &born("1990-03-04")
        ));
        assert!(!handle_holds(
            year,
            &[("handle", "@kneal")],
            &born("1985-03-04")
        ));
        assert!(!handle_holds(
            year,
            &[("handle", "@kneal1985")],
            &born("not a date")
        ));
        // Its own date does not count.
        assert!(!handle_holds(
            year,
            &[("handle", "@kneal1985"), ("dob", "1985-03-04")],
            &[("given", "Kelly")]
        ));
    }

    #[test]
    fn handle_tests_check_their_fields() {
        let schema = Schema::builder()
            .field("handle", FieldKind::Handle)
            .field("given", FieldKind::GivenName)
            .metadata("seen", FieldKind::Timestamp)
            .build()
            .unwrap();
        let handle = schema.field_id("handle").unwrap();
        let given = schema.field_id("given").unwrap();
        let seen = schema.field_id("seen").unwrap();
        assert_eq!(
            LevelTest::HandleNames {
                given,
                family: handle
            }
            .validate(&schema, handle)
            .unwrap_err()
            .to_string(),
            BuildError::InvalidParameter {
                name: "family",
                reason: "a field cannot be compared with itself".into()
            }
            .to_string()
        );
        assert!(matches!(
            LevelTest::HandleBirthYear { date: seen }.validate(&schema, handle),
            Err(BuildError::MetadataField(name)) if name == "seen"
        ));
        assert_eq!(
            LevelTest::HandleBirthYear { date: given }.label(&schema),
            "handle holds the year of given"
        );
        assert_eq!(
            LevelTest::HandleNames {
                given,
                family: given
            }
            .to_string(),
            "handle spells fields 1 + 1"
        );
    }

    #[test]
    fn each_test_holds_where_it_promises() {
        let given = |value: &str| person(&[("given", value)]);
        assert!(holds(
            LevelTest::Exact,
            "given",
            given("Ann"),
            given(" ann ")
        ));
        assert!(holds(
            LevelTest::JaroWinkler { at_least: 0.9 },
            "given",
            given("Martha"),
            given("Marhta")
        ));
        assert!(!holds(
            LevelTest::JaroWinkler { at_least: 0.97 },
            "given",
            given("Martha"),
            given("Marhta")
        ));
        assert!(holds(
            LevelTest::Levenshtein { at_most: 1 },
            "given",
            given("Jon"),
            given("John")
        ));
        assert!(holds(
            LevelTest::Damerau { at_most: 1 },
            "given",
            given("Jnoathan"),
            given("Jonathan")
        ));
        assert!(!holds(
            LevelTest::Damerau { at_most: 1 },
            "given",
            given("Jo"),
            given("Jonathan")
        ));
        assert!(holds(
            LevelTest::Soundex,
            "given",
            given("Robert"),
            given("Rupert")
        ));
        assert!(holds(
            LevelTest::Metaphone,
            "given",
            given("Catherine"),
            given("Kathryn")
        ));
        assert!(holds(
            LevelTest::Nickname,
            "given",
            given("Bill"),
            given("William")
        ));
        assert!(!holds(
            LevelTest::Nickname,
            "given",
            given("Bill"),
            given("Robert")
        ));
        // A name that stands for several formal names meets each of them
        // (`jack`: `jackson`, `jacques`, `john`; `al`: `alan`, `albert`...).
        for (short, formal) in [
            ("Jack", "John"),
            ("John", "Jack"),
            ("Al", "Albert"),
            ("Alex", "Alexis"),
            // With a middle name in the same field: the first words.
            ("Jack Robert", "John"),
            ("Jack", "John Robert"),
        ] {
            assert!(
                holds(LevelTest::Nickname, "given", given(short), given(formal)),
                "{short} / {formal}"
            );
        }
        assert!(!holds(
            LevelTest::Nickname,
            "given",
            given("Jack"),
            given("James")
        ));
        let email = |value: &str| person(&[("email", value)]);
        assert!(holds(
            LevelTest::EmailLocalPart,
            "email",
            email("ann@a.com"),
            email("ann@b.org")
        ));
        assert!(!holds(
            LevelTest::EmailLocalPart,
            "email",
            email("ann@a.com"),
            email("anne@a.com")
        ));
        let phone = |value: &str| person(&[("phone", value)]);
        assert!(holds(
            LevelTest::LastDigits { digits: 7 },
            "phone",
            phone("415 555 0101"),
            phone("(212) 555-0101")
        ));
        assert!(!holds(
            LevelTest::LastDigits { digits: 7 },
            "phone",
            phone("415 555 0101"),
            phone("415 555 0102")
        ));
        let given = |value: &str| person(&[("given", value)]);
        assert!(holds(
            LevelTest::Transposition,
            "given",
            given("Leo"),
            given("Elo")
        ));
        assert!(!holds(
            LevelTest::Transposition,
            "given",
            given("Mary"),
            given("Mark")
        ));
        let dob = |value: &str| person(&[("dob", value)]);
        assert!(holds(
            LevelTest::DayMonthSwapped,
            "dob",
            dob("1985-03-04"),
            dob("1985-04-03")
        ));
        assert!(holds(
            LevelTest::YearOneOff,
            "dob",
            dob("1939-03-15"),
            dob("1940-03-15")
        ));
        assert!(!holds(
            LevelTest::YearOneOff,
            "dob",
            dob("1939-03-15"),
            dob("1940-03-16")
        ));
        assert!(holds(
            LevelTest::DatePlaceholder,
            "dob",
            dob("1945-01-01"),
            dob("1945-08-14")
        ));
        assert!(holds(
            LevelTest::DayOrMonthWrong,
            "dob",
            dob("1945-08-27"),
            dob("1945-08-14")
        ));
        assert!(!holds(
            LevelTest::DayOrMonthWrong,
            "dob",
            dob("1962-08-14"),
            dob("1945-08-14")
        ));
        assert!(holds(
            LevelTest::YearWrong,
            "dob",
            dob("1962-08-14"),
            dob("1945-08-14")
        ));
        assert!(!holds(
            LevelTest::YearWrong,
            "dob",
            dob("1946-08-14"),
            dob("1945-08-14")
        ));
        assert!(!holds(
            LevelTest::DatePlaceholder,
            "dob",
            dob("1946-01-01"),
            dob("1945-08-14")
        ));
        assert!(holds(
            LevelTest::WithinDays { days: 365 },
            "dob",
            dob("1985-03-04"),
            dob("1986-01-04")
        ));
        assert!(!holds(
            LevelTest::WithinDays { days: 365 },
            "dob",
            dob("1985-03-04"),
            dob("1987-01-04")
        ));
        assert!(holds(
            LevelTest::Prefix { chars: 4 },
            "dob",
            dob("1985-03-04"),
            dob("1985-12-30")
        ));
        let tags = |value: &str| person(&[("tags", value)]);
        assert!(holds(
            LevelTest::SetOverlap,
            "tags",
            tags("b|c|x"),
            tags("a|x")
        ));
        assert!(!holds(
            LevelTest::SetOverlap,
            "tags",
            tags("b|c"),
            tags("a|d")
        ));
        let income = |value: &str| person(&[("income", value)]);
        assert!(holds(
            LevelTest::RelativeDifference { at_most: 0.1 },
            "income",
            income("100"),
            income("95")
        ));
        assert!(!holds(
            LevelTest::RelativeDifference { at_most: 0.01 },
            "income",
            income("100"),
            income("95")
        ));
        assert!(holds(
            LevelTest::TokenJaccard { at_least: 0.5 },
            "given",
            given("Mary Ann"),
            given("Ann Mary")
        ));
        assert!(holds(
            LevelTest::QGramDice {
                q: 2,
                at_least: 0.6
            },
            "given",
            given("Johnathan"),
            given("Jonathan")
        ));
        assert!(holds(LevelTest::Else, "given", given("A"), given("B")));
    }

    #[test]
    fn digits_and_letters_of_e_mail_addresses() {
        let email = |value: &str| person(&[("email", value)]);
        let same_digits = LevelTest::SameDigits;
        assert!(holds(
            same_digits,
            "email",
            email("ann85@a.com"),
            email("a.nn85@b.com")
        ));
        assert!(!holds(
            same_digits,
            "email",
            email("ann85@a.com"),
            email("ann8@a.com")
        ));
        assert!(holds(
            same_digits,
            "email",
            email("ann@a.com"),
            email("bob@b.com")
        ));
        let letters_differ = LevelTest::LettersDiffer;
        assert!(holds(
            letters_differ,
            "email",
            email("ann@a.com"),
            email("anne@a.com")
        ));
        assert!(!holds(
            letters_differ,
            "email",
            email("ann.lee@a.com"),
            email("annlee@a.com")
        ));
        assert_eq!(letters_differ.to_string(), "letters differ");
    }

    #[test]
    fn the_same_first_name_reads_normalised_given_names() {
        let given = |value: &str| person(&[("given", value)]);
        let same = LevelTest::SameFirstName;
        assert!(holds(same, "given", given("Yan I."), given("Yan")));
        assert!(holds(same, "given", given("John A."), given("John Andrew")));
        assert!(holds(same, "given", given("Jean-Pierre"), given("Jean")));
        assert!(!holds(same, "given", given("John A."), given("John B.")));
        assert!(!holds(same, "given", given("Yan"), given("Yan")));
        assert_eq!(same.to_string(), "same first name");
    }

    #[test]
    fn swapped_names_need_both_directions() {
        let schema_store = store(&[]);
        let family = schema_store.schema().field_id("family").unwrap();
        let swapped = LevelTest::Swapped {
            with: family,
            at_least: 0.92,
        };
        let a = person(&[("given", "John"), ("family", "Smith")]);
        let b = person(&[("given", "Smith"), ("family", "John")]);
        let c = person(&[("given", "Smith"), ("family", "Jones")]);
        assert!(holds(swapped, "given", a.clone(), b));
        assert!(!holds(swapped, "given", a, c));
    }

    #[test]
    fn validation_names_the_bad_parameter() {
        let store = store(&[]);
        let schema = store.schema();
        let given = schema.field_id("given").unwrap();
        assert_eq!(
            LevelTest::JaroWinkler { at_least: 1.5 }.validate(schema, given),
            Err(BuildError::InvalidParameter {
                name: "at_least",
                reason: "a threshold in [0, 1], got 1.5".into()
            })
        );
        assert_eq!(
            LevelTest::JaroWinkler { at_least: f64::NAN }
                .validate(schema, given)
                .unwrap_err()
                .to_string(),
            "invalid parameter `at_least`: a threshold in [0, 1], got NaN"
        );
        assert_eq!(
            LevelTest::Swapped {
                with: given,
                at_least: 0.9
            }
            .validate(schema, given)
            .unwrap_err()
            .to_string(),
            "invalid parameter `with`: a field cannot be swapped with itself"
        );
        assert_eq!(
            LevelTest::Swapped {
                with: FieldId(99),
                at_least: 0.9
            }
            .validate(schema, given)
            .unwrap_err()
            .to_string(),
            "invalid parameter `with`: field number 99 is not in the schema"
        );
        assert_eq!(
            LevelTest::LastDigits { digits: 0 }
                .validate(schema, given)
                .unwrap_err()
                .to_string(),
            "invalid parameter `digits`: at least one digit, got 0"
        );
        assert_eq!(
            LevelTest::QGramDice {
                q: 0,
                at_least: 0.5
            }
            .validate(schema, given)
            .unwrap_err()
            .to_string(),
            "invalid parameter `q`: a q-gram length of at least 1, got 0"
        );
        assert_eq!(
            LevelTest::RelativeDifference {
                at_most: f64::INFINITY
            }
            .validate(schema, given)
            .unwrap_err()
            .to_string(),
            "invalid parameter `at_most`: a finite difference >= 0, got inf"
        );
        assert_eq!(LevelTest::Else.validate(schema, given), Ok(()));
    }

    #[test]
    fn labels_name_the_swapped_field() {
        let store = store(&[]);
        let family = store.schema().field_id("family").unwrap();
        let test = LevelTest::Swapped {
            with: family,
            at_least: 0.92,
        };
        assert_eq!(
            test.label(store.schema()),
            "swapped with family (jaro-winkler >= 0.92)"
        );
    }

    #[test]
    fn word_jaccard_agrees_with_the_token_comparator_on_normalised_text() {
        for (a, b) in [
            ("mary ann", "ann mary"),
            ("12 main st", "12 main street"),
            ("a b c", "d"),
            ("", ""),
        ] {
            assert_eq!(
                word_jaccard(a, b),
                crate::compare::token_jaccard(a, b),
                "{a} / {b}"
            );
        }
    }

    /// A store of `values` in a text field (one ingest per value, so the
    /// word lists of several batches are appended).
    fn text_store(values: &[String]) -> (PreparedStore, FieldId) {
        let schema = Schema::builder()
            .field("title", FieldKind::Text)
            .field("email", FieldKind::Email)
            .build()
            .unwrap();
        let title = schema.field_id("title").unwrap();
        let mut store = PreparedStore::new(schema);
        let source = store.add_source("s", false).unwrap();
        for value in values {
            store
                .ingest(source, &[OwnedRecord::without_id().with("title", value)])
                .unwrap();
        }
        (store, title)
    }

    /// Token Jaccard of two stored values through the prepared word
    /// lists, checked against splitting the same values per pair.
    fn prepared_jaccard(store: &PreparedStore, field: FieldId, a: usize, b: usize) -> f64 {
        let records: Vec<_> = store.records().collect();
        let (x, y) = (
            records[a].text(field).unwrap_or_default(),
            records[b].text(field).unwrap_or_default(),
        );
        let lists = (
            records[a].sorted_words(field, x).expect("a word list"),
            records[b].sorted_words(field, y).expect("a word list"),
        );
        let prepared = sorted_word_jaccard((x, lists.0), (y, lists.1));
        assert_eq!(
            prepared.to_bits(),
            word_jaccard(x, y).to_bits(),
            "{x:?} / {y:?}"
        );
        prepared
    }

    #[test]
    fn prepared_word_lists_give_the_jaccard_of_splitting_per_pair() {
        let values: Vec<String> = [
            "mary ann",
            "ann mary mary",
            "internationalisation internationalised",
            "internationalised internationalisation x",
            "a b  c",
            "d",
            "zoë zoe",
            "prefix12345678a prefix12345678",
        ]
        .iter()
        .map(|value| value.to_string())
        .collect();
        let (store, title) = text_store(&values);
        assert_eq!(prepared_jaccard(&store, title, 0, 1), 1.0);
        assert_eq!(prepared_jaccard(&store, title, 2, 3), 2.0 / 3.0);
        assert_eq!(prepared_jaccard(&store, title, 4, 5), 0.0);
        for a in 0..values.len() {
            for b in 0..values.len() {
                prepared_jaccard(&store, title, a, b);
            }
        }
    }

    #[test]
    fn word_lists_serve_only_the_stored_slice_of_a_listed_kind() {
        let (mut store, title) = text_store(&["red fox".to_string(), "fox".to_string()]);
        let email = store.schema().field_id("email").unwrap();
        {
            let record = store.records().next().unwrap();
            let stored = record.text(title).unwrap();
            assert_eq!(
                record.sorted_words(title, stored).map(<[Word]>::len),
                Some(2)
            );
            // An equal string elsewhere is not the stored value.
            let copy = stored.to_string();
            assert_eq!(record.sorted_words(title, &copy), None);
            assert_eq!(record.sorted_words(email, ""), None);
            // The test gives the same answer either way.
            let other = store.records().nth(1).unwrap();
            let test = LevelTest::TokenJaccard { at_least: 0.5 };
            let pair = (&record, &other);
            let fox = other.text(title).unwrap();
            assert!(test.holds(title, pair, stored, fox, &mut Similarities::default()));
            assert!(test.holds(title, pair, &copy, fox, &mut Similarities::default()));
        }
        // An erased record has no list: its (blanked) value is split.
        store.erase_values(crate::RecordIndex::from_position(0));
        let record = store.records().next().unwrap();
        let blank = record.text(title).unwrap_or_default();
        assert_eq!(record.sorted_words(title, blank), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn prepared_word_lists_agree_with_splitting_on_random_text(
            values in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::prop_oneof![
                        proptest::string::string_regex("[a-c]{0,3}").unwrap(),
                        proptest::string::string_regex("abcdefgh[a-c]{0,3}").unwrap(),
                        proptest::string::string_regex("[a-zé ]{0,12}").unwrap(),
                    ],
                    0..8,
                )
                .prop_map(|words: Vec<String>| words.join(" ")),
                2..6,
            )
        ) {
            let (store, title) = text_store(&values);
            let records: Vec<_> = store.records().collect();
            for a in 0..records.len() {
                for b in 0..records.len() {
                    if records[a].text(title).is_some() && records[b].text(title).is_some() {
                        prepared_jaccard(&store, title, a, b);
                    }
                }
            }
        }
    }

    #[test]
    fn osa_within_is_exact_for_short_middles_and_linear_for_long_values() {
        assert!(osa_within("jonathan", "jnoathan", 1));
        assert!(!osa_within("jonathan", "jnoathna", 1));
        assert!(osa_within("zoë", "zeö", 2));
        assert!(osa_within("", "", 0));
        assert!(!osa_within("", "ab", 1));
        // 1 MB values: a typo in the middle, and two different values of
        // equal length, both decided without quadratic work.
        let long: String = "abcdefghij".repeat(100_000);
        let mut typo = long.clone();
        typo.replace_range(500_000..500_001, "x");
        assert!(osa_within(&long, &typo, 1));
        let other: String = "jihgfedcba".repeat(100_000);
        assert!(!osa_within(&long, &other, 1));
    }

    #[test]
    fn long_values_pass_similarity_tests_only_when_equal() {
        let given = |value: &str| person(&[("given", value)]);
        let long: String = "a".repeat(2_000);
        let longer = format!("{long}b");
        assert!(!holds(
            LevelTest::JaroWinkler { at_least: 0.5 },
            "given",
            given(&long),
            given(&longer)
        ));
        assert!(holds(
            LevelTest::JaroWinkler { at_least: 0.5 },
            "given",
            given(&long),
            given(&long)
        ));
        assert!(holds(
            LevelTest::Damerau { at_most: 1 },
            "given",
            given(&long),
            given(&longer)
        ));
    }

    #[test]
    fn sets_overlap_on_sorted_lists() {
        assert!(sets_overlap("a|b", "b"));
        assert!(!sets_overlap("", "a"));
        assert!(!sets_overlap("a|c", "b|d"));
    }
}
