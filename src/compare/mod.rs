//! Comparators: pure functions that say how alike two values are.
//!
//! Similarities are in `[0, 1]` (1 means identical); distances count
//! edits. Every string comparator works on Unicode scalar values (`char`)
//! and takes a byte-level fast path when both inputs are ASCII. For inputs
//! up to 64 chars no comparator allocates on the heap: short strings are
//! decoded into stack buffers, and Jaro, Jaro-Winkler, Levenshtein and
//! OSA run bit-parallel kernels (one machine word holds a whole column of
//! the comparison). With the `slices` feature, `_slices` variants
//! (`levenshtein_slices` and the like) take prepared symbols (ASCII bytes
//! or chars: the `Symbol` trait) so that a caller who stores decoded
//! values skips the decoding.
//!
//! | comparator | kind | notes |
//! |---|---|---|
//! | [`exact`] | equality | |
//! | [`jaro`], [`jaro_winkler`], [`JaroWinkler`] | similarity | bit-parallel up to 64 symbols |
//! | [`levenshtein`], [`levenshtein_bounded`], [`normalized_levenshtein`] | distance / similarity | Hyyrö bit-parallel; banded beyond 64 |
//! | [`osa_distance`], [`damerau_levenshtein`] | distance | adjacent transpositions |
//! | [`hamming`] | distance | equal lengths only |
//! | [`token_jaccard`], [`token_dice`] | set similarity | Unicode word tokens |
//! | [`qgram_jaccard`], [`qgram_dice`] | set similarity | character q-grams, any script |
//! | [`absolute_difference`], [`relative_difference`] | numeric | `None` for non-finite input |
//! | [`soundex`], [`metaphone`], [`nysiis`] | phonetic codes | inline [`PhoneticCode`], no heap |
//! | [`compare_dates`] and friends | dates | exact, swapped day/month, same month, days apart |
//!
//! # Examples
//!
//! ```
//! use sameas::compare::{jaro_winkler, levenshtein_bounded, token_jaccard};
//!
//! assert!(jaro_winkler("Kelly Neal", "Kelly Neale") > 0.95);
//! assert_eq!(levenshtein_bounded("Jonathan", "Johnathan", 1), Some(1));
//! assert_eq!(token_jaccard("Neal Kelly", "Kelly Neal"), 1.0);
//! ```

mod damerau;
mod date;
pub(crate) use date::Written;
mod hamming;
mod jaro;
mod levenshtein;
mod numeric;
mod phonetic;
mod symbols;
mod token;

pub use crate::parameter::ParameterError;
pub use damerau::{damerau_levenshtein, is_transposition, osa_distance};
pub use date::{
    DateAgreement, compare_dates, date_placeholder, dates_equal, dates_within_days,
    day_month_swapped, day_or_month_wrong, same_year_month, year_one_off, year_wrong,
};
pub use hamming::hamming;
pub use jaro::{JaroWinkler, JaroWinklerBuilder, jaro, jaro_winkler};
pub use levenshtein::{levenshtein, levenshtein_bounded, normalized_levenshtein};
pub use numeric::{absolute_difference, relative_difference};
pub use phonetic::{PhoneticCode, PhoneticCodeError, metaphone, nysiis, soundex};
pub(crate) use token::first_word;
pub use token::{qgram_dice, qgram_jaccard, same_first_name, token_dice, token_jaccard};

// The comparators over prepared symbols: an extra public surface the
// pipeline does not need.
#[cfg(feature = "slices")]
pub use self::{
    damerau::{damerau_levenshtein_slices, osa_distance_slices},
    hamming::hamming_slices,
    jaro::{jaro_slices, jaro_winkler_slices},
    levenshtein::{levenshtein_bounded_slices, levenshtein_slices},
    symbols::Symbol,
};

/// Whether two values are identical, byte for byte. Normalise first (see
/// [`crate::normalize`]) when case, spacing or accents should not count.
///
/// # Examples
///
/// ```
/// use sameas::compare::exact;
///
/// assert!(exact("kelly", "kelly"));
/// assert!(!exact("kelly", "Kelly"));
/// ```
pub fn exact(a: &str, b: &str) -> bool {
    a == b
}
