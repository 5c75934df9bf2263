//! Set similarities over word tokens and character q-grams.
//!
//! Word tokens follow Unicode word boundaries (UAX #29), so punctuation
//! and spacing do not matter. Character q-grams need no word boundaries at
//! all, which suits scripts written without spaces (Thai, Chinese,
//! Japanese) and long compound names. Tokens are compared exactly: fold
//! case and diacritics first (see [`crate::normalize`]) when they should
//! not matter.

use smallvec::SmallVec;
use unicode_segmentation::UnicodeSegmentation;

use super::symbols::INLINE_CHARS;

/// Jaccard similarity of the two sets of word tokens:
/// `|A ∩ B| / |A ∪ B|`. Two strings without tokens are identical (1).
///
/// # Examples
///
/// ```
/// use sameas::compare::token_jaccard;
///
/// assert_eq!(token_jaccard("Neal Kelly", "Kelly Neal"), 1.0);
/// assert_eq!(token_jaccard("Kelly A Neal", "Kelly Neal"), 2.0 / 3.0);
/// assert_eq!(token_jaccard("", ""), 1.0);
/// assert_eq!(token_jaccard("abc", ""), 0.0);
/// ```
pub fn token_jaccard(a: &str, b: &str) -> f64 {
    let (shared, size_a, size_b) = overlap(&word_set(a), &word_set(b));
    jaccard(shared, size_a, size_b)
}

/// Sørensen-Dice similarity of the two sets of word tokens:
/// `2 |A ∩ B| / (|A| + |B|)`. Two strings without tokens are identical (1).
///
/// # Examples
///
/// ```
/// use sameas::compare::token_dice;
///
/// assert_eq!(token_dice("Kelly A Neal", "Kelly Neal"), 0.8);
/// assert_eq!(token_dice("Acme Corp", "Acme Corporation"), 0.5);
/// ```
pub fn token_dice(a: &str, b: &str) -> f64 {
    let (shared, size_a, size_b) = overlap(&word_set(a), &word_set(b));
    dice(shared, size_a, size_b)
}

/// Jaccard similarity of the sets of character q-grams (`q` chars each,
/// no padding). A string shorter than `q` forms one gram of its own; `q`
/// of 0 is treated as 1. Two empty strings are identical (1).
///
/// # Examples
///
/// ```
/// use sameas::compare::qgram_jaccard;
///
/// // {ni, ig, gh, ht} vs {na, ac, ch, ht}: one shared of seven.
/// assert_eq!(qgram_jaccard("night", "nacht", 2), 1.0 / 7.0);
/// // Thai has no spaces between words; q-grams still compare it.
/// assert!(qgram_jaccard("สมชาย ใจดี", "สมชาย ใจดีมาก", 2) > 0.7);
/// ```
pub fn qgram_jaccard(a: &str, b: &str, q: usize) -> f64 {
    let (shared, size_a, size_b) = overlap(&qgram_set(a, q), &qgram_set(b, q));
    jaccard(shared, size_a, size_b)
}

/// Sørensen-Dice similarity of the sets of character q-grams, with the
/// same conventions as [`qgram_jaccard`].
///
/// # Examples
///
/// ```
/// use sameas::compare::qgram_dice;
///
/// assert_eq!(qgram_dice("night", "nacht", 2), 0.25);
/// assert_eq!(qgram_dice("東京都", "東京", 2), 2.0 / 3.0);
/// ```
pub fn qgram_dice(a: &str, b: &str, q: usize) -> f64 {
    let (shared, size_a, size_b) = overlap(&qgram_set(a, q), &qgram_set(b, q));
    dice(shared, size_a, size_b)
}

fn jaccard(shared: usize, size_a: usize, size_b: usize) -> f64 {
    let union = size_a + size_b - shared;
    if union == 0 {
        1.0
    } else {
        shared as f64 / union as f64
    }
}

fn dice(shared: usize, size_a: usize, size_b: usize) -> f64 {
    if size_a + size_b == 0 {
        1.0
    } else {
        2.0 * shared as f64 / (size_a + size_b) as f64
    }
}

/// The sorted, deduplicated word tokens of `text`.
fn word_set(text: &str) -> SmallVec<[&str; INLINE_CHARS]> {
    let mut words: SmallVec<[&str; INLINE_CHARS]> = text.unicode_words().collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// The sorted, deduplicated q-grams of `text`, each packed into a `u64`:
/// exactly (21 bits a char) for q <= 3, by a fixed hash beyond that.
fn qgram_set(text: &str, q: usize) -> SmallVec<[u64; INLINE_CHARS]> {
    let q = q.max(1);
    let mut grams: SmallVec<[u64; INLINE_CHARS]> = SmallVec::new();
    let mut window: SmallVec<[char; 8]> = SmallVec::new();
    let mut chars = 0usize;
    for c in text.chars() {
        chars += 1;
        if window.len() == q {
            window.remove(0);
        }
        window.push(c);
        if window.len() == q {
            grams.push(pack(&window));
        }
    }
    if chars > 0 && chars < q {
        grams.push(pack(&window));
    }
    grams.sort_unstable();
    grams.dedup();
    grams
}

fn pack(gram: &[char]) -> u64 {
    if gram.len() <= 3 {
        // Exact: distinct grams never collide; the length tag separates
        // "a" from "\0a".
        gram.iter()
            .fold(gram.len() as u64, |acc, &c| (acc << 21) | u64::from(c))
    } else {
        // FNV-1a over the code points: fixed, so results are reproducible.
        gram.iter().fold(0xcbf2_9ce4_8422_2325u64, |acc, &c| {
            (acc ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3)
        })
    }
}

/// (shared elements, size of `a`, size of `b`) of two sorted sets.
fn overlap<T: Ord>(a: &[T], b: &[T]) -> (usize, usize, usize) {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (shared, a.len(), b.len())
}

/// The first space-separated word of a normalised value (all of it
/// without a space).
#[inline]
pub(crate) fn first_word(text: &str) -> &str {
    text.split(' ').next().unwrap_or(text)
}

/// Whether two different names (words separated by single spaces, none
/// empty, as [`normalize_name`](crate::normalize::normalize_name) writes
/// them) agree in their first word while each further word of one starts
/// the other's (an initial, an abbreviation or the same name) or has no
/// counterpart there: a middle name shown in one only or abbreviated in
/// one. Equal names are not (exact agreement covers them).
///
/// # Examples
///
/// ```
/// use sameas::compare::same_first_name;
/// assert!(same_first_name("yan i", "yan"));
/// assert!(same_first_name("john a", "john andrew"));
/// assert!(!same_first_name("john a", "john b"));
/// assert!(!same_first_name("john", "john"));
/// ```
pub fn same_first_name(a: &str, b: &str) -> bool {
    if a == b || a.split(' ').chain(b.split(' ')).any(str::is_empty) {
        return false;
    }
    let (mut x, mut y) = (a.split(' '), b.split(' '));
    x.next() == y.next() && x.zip(y).all(|(p, q)| p.starts_with(q) || q.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_middle_name_shown_in_one_or_abbreviated_keeps_the_first_name() {
        assert!(same_first_name("yan i", "yan"));
        assert!(same_first_name("john", "john andrew"));
        assert!(same_first_name("john a", "john andrew"));
        assert!(same_first_name("mary anne", "mary"));
        // Different middle names or initials, another first name, the
        // same name (exact agreement's), an empty name: not this level.
        assert!(!same_first_name("john a", "john b"));
        assert!(!same_first_name("john andrew", "john alan"));
        assert!(!same_first_name("joan a", "john a"));
        assert!(!same_first_name("john a", "john a"));
        assert!(!same_first_name("", "john"));
        assert!(!same_first_name("", ""));
        // An empty word (values are normalised without one) is no name.
        assert!(!same_first_name("john ", "john"));
        assert!(!same_first_name("john  a", "john"));
    }

    proptest::proptest! {
        #[test]
        fn the_same_first_name_is_symmetric_and_never_equal_names(
            a in "[ab]{1,2}( [ab]{1,3}){0,2}",
            b in "[ab]{1,2}( [ab]{1,3}){0,2}",
        ) {
            proptest::prop_assert_eq!(same_first_name(&a, &b), same_first_name(&b, &a));
            if same_first_name(&a, &b) {
                proptest::prop_assert!(a != b);
                proptest::prop_assert_eq!(a.split(' ').next(), b.split(' ').next());
            }
        }
    }

    #[test]
    fn short_strings_form_one_gram() {
        assert_eq!(qgram_jaccard("a", "a", 3), 1.0);
        assert_eq!(qgram_jaccard("ab", "ba", 3), 0.0);
        assert_eq!(qgram_jaccard("abc", "abc", 0), 1.0);
        assert_eq!(qgram_jaccard("", "a", 2), 0.0);
    }

    #[test]
    fn long_grams_are_hashed_consistently() {
        assert_eq!(qgram_jaccard("abcdefgh", "abcdefgh", 5), 1.0);
        // {abcde, bcdef} vs {bcdef, cdefg}
        assert_eq!(qgram_jaccard("abcdef", "bcdefg", 5), 1.0 / 3.0);
    }
}
