//! Levenshtein distance: the fewest insertions, deletions and
//! substitutions that turn one string into the other.
//!
//! After trimming the common prefix and suffix, a pattern of at most 64
//! symbols runs Hyyrö's bit-parallel formulation of Myers' algorithm:
//! one column of the edit matrix per machine word, O(|text|) word
//! operations. Longer inputs run a banded dynamic programme whose band
//! doubles until it holds the answer (Ukkonen), so near-identical long
//! strings stay cheap.

use super::symbols::{MaskLookup, Symbol, common_affix_lengths, dispatch, with_pattern_masks};

/// Levenshtein distance between two strings, counted in chars.
///
/// # Examples
///
/// ```
/// use sameas::compare::levenshtein;
///
/// assert_eq!(levenshtein("kitten", "sitting"), 3);
/// assert_eq!(levenshtein("Zoë", "Zoe"), 1);
/// assert_eq!(levenshtein("", "abc"), 3);
/// ```
pub fn levenshtein(a: &str, b: &str) -> usize {
    levenshtein_bounded(a, b, usize::MAX).unwrap_or(usize::MAX)
}

/// [`levenshtein`] over prepared symbol slices (ASCII bytes or chars).
///
/// # Examples
///
/// ```
/// use sameas::compare::levenshtein_slices;
///
/// assert_eq!(levenshtein_slices(b"flaw", b"lawn"), 2);
/// ```
#[cfg(feature = "slices")]
#[cfg_attr(docsrs, doc(cfg(feature = "slices")))]
pub fn levenshtein_slices<T: Symbol>(a: &[T], b: &[T]) -> usize {
    bounded::<T, false>(a, b, usize::MAX).unwrap_or(usize::MAX)
}

/// Levenshtein distance, or `None` as soon as it is known to exceed
/// `max_distance`. Returns `Some(d)` exactly when `d <= max_distance`,
/// and then `d` equals [`levenshtein`].
///
/// Rejecting is cheap: a length difference over the cut-off is rejected
/// without looking at the symbols, and the bit-parallel scan stops once
/// the remaining text cannot bring the distance back under the cut-off.
///
/// # Examples
///
/// ```
/// use sameas::compare::levenshtein_bounded;
///
/// assert_eq!(levenshtein_bounded("kitten", "sitting", 3), Some(3));
/// assert_eq!(levenshtein_bounded("kitten", "sitting", 2), None);
/// assert_eq!(levenshtein_bounded("a", "abcdef", 1), None);
/// ```
pub fn levenshtein_bounded(a: &str, b: &str, max_distance: usize) -> Option<usize> {
    dispatch(
        a,
        b,
        |a, b| bounded::<u8, true>(a, b, max_distance),
        |a, b| bounded::<char, false>(a, b, max_distance),
    )
}

/// [`levenshtein_bounded`] over prepared symbol slices.
///
/// # Examples
///
/// ```
/// use sameas::compare::levenshtein_bounded_slices;
///
/// assert_eq!(levenshtein_bounded_slices(b"smith", b"smyth", 1), Some(1));
/// ```
#[cfg(feature = "slices")]
#[cfg_attr(docsrs, doc(cfg(feature = "slices")))]
pub fn levenshtein_bounded_slices<T: Symbol>(
    a: &[T],
    b: &[T],
    max_distance: usize,
) -> Option<usize> {
    bounded::<T, false>(a, b, max_distance)
}

/// Levenshtein similarity in `[0, 1]`: `1 - distance / max(|a|, |b|)`;
/// two empty strings are identical (1).
///
/// # Examples
///
/// ```
/// use sameas::compare::normalized_levenshtein;
///
/// assert!((normalized_levenshtein("kitten", "sitting") - 0.571_428).abs() < 1e-6);
/// assert_eq!(normalized_levenshtein("", ""), 1.0);
/// assert_eq!(normalized_levenshtein("abc", ""), 0.0);
/// ```
pub fn normalized_levenshtein(a: &str, b: &str) -> f64 {
    dispatch(a, b, normalized_slices, normalized_slices)
}

fn normalized_slices<T: Symbol>(a: &[T], b: &[T]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let distance = bounded::<T, false>(a, b, usize::MAX).unwrap_or(usize::MAX);
    1.0 - distance as f64 / longest as f64
}

/// `ASCII` promises both inputs are ASCII (see `dispatch`).
fn bounded<T: Symbol, const ASCII: bool>(a: &[T], b: &[T], max_distance: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max_distance {
        return None;
    }
    let (prefix, suffix) = common_affix_lengths(a, b);
    let a = &a[prefix..a.len() - suffix];
    let b = &b[prefix..b.len() - suffix];
    let (pattern, text) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if pattern.is_empty() {
        return Some(text.len()).filter(|&d| d <= max_distance);
    }
    if pattern.len() <= 64 {
        with_pattern_masks!(ascii: ASCII, pattern, |masks| hyyro(
            pattern,
            text,
            &masks,
            max_distance
        ))
    } else {
        banded(pattern, text, max_distance)
    }
}

/// Hyyrö (2003) bit-parallel edit distance for a pattern of 1..=64 symbols.
#[inline(always)]
fn hyyro<T: Symbol>(
    pattern: &[T],
    text: &[T],
    masks: &impl MaskLookup<T>,
    max_distance: usize,
) -> Option<usize> {
    let last = 1u64 << (pattern.len() - 1);
    let mut vp = u64::MAX;
    let mut vn = 0u64;
    let mut distance = pattern.len();
    for (j, &symbol) in text.iter().enumerate() {
        let eq = masks.get(symbol);
        let d0 = (((eq & vp).wrapping_add(vp)) ^ vp) | eq | vn;
        let hp = vn | !(d0 | vp);
        let hn = vp & d0;
        // Branch-free: the sign of each step is data.
        distance += usize::from(hp & last != 0);
        distance -= usize::from(hn & last != 0);
        // Each remaining text symbol can lower the distance by at most one.
        let remaining = text.len() - j - 1;
        if distance.saturating_sub(remaining) > max_distance {
            return None;
        }
        let hp = (hp << 1) | 1;
        let hn = hn << 1;
        vp = hn | !(d0 | hp);
        vn = hp & d0;
    }
    Some(distance).filter(|&d| d <= max_distance)
}

/// Banded dynamic programme for long inputs (`pattern.len() <= text.len()`).
///
/// Tries bands of width 32, 64, 128, ... up to the cut-off; a band of
/// width `k` computes every cell with `|i - j| <= k` and is exact when the
/// distance is at most `k`.
fn banded<T: Symbol>(pattern: &[T], text: &[T], max_distance: usize) -> Option<usize> {
    let ceiling = max_distance.min(text.len());
    let mut band = 32usize.max(text.len() - pattern.len());
    loop {
        let band_now = band.min(ceiling);
        if let Some(d) = banded_once(pattern, text, band_now) {
            return Some(d);
        }
        if band_now >= ceiling {
            return None;
        }
        band = band.saturating_mul(2);
    }
}

/// Distance if it is at most `band`, computed over the diagonal band.
fn banded_once<T: Symbol>(pattern: &[T], text: &[T], band: usize) -> Option<usize> {
    let over = band + 1;
    let width = text.len() + 1;
    // Row i only needs columns j in [i - band, i + band].
    let mut previous: Vec<usize> = (0..width)
        .map(|j| if j <= band { j } else { over })
        .collect();
    let mut current = vec![over; width];
    for (i, &p) in pattern.iter().enumerate() {
        let row = i + 1;
        let lo = row.saturating_sub(band);
        let hi = (row + band).min(text.len());
        if lo > 0 {
            current[lo - 1] = over;
        }
        current[lo] = if lo == 0 { row.min(over) } else { over };
        let mut row_min = current[lo];
        for j in lo.max(1)..=hi {
            let substitution = previous[j - 1] + usize::from(p != text[j - 1]);
            let deletion = previous[j] + 1;
            let insertion = current[j - 1] + 1;
            let cell = substitution.min(deletion).min(insertion).min(over);
            current[j] = cell;
            row_min = row_min.min(cell);
        }
        if hi < text.len() {
            current[hi + 1] = over;
        }
        if row_min > band {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[text.len()]).filter(|&d| d <= band)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(a: &[u8], b: &[u8]) -> usize {
        strsim::generic_levenshtein(&a.to_vec(), &b.to_vec())
    }

    #[test]
    fn banded_matches_reference_on_long_inputs() {
        let base: Vec<u8> = (0..300u32).map(|i| b'a' + (i * 7 % 26) as u8).collect();
        let mut edited = base.clone();
        edited.remove(10);
        edited[100] = b'#';
        edited.insert(200, b'!');
        edited.truncate(280);
        let d = reference(&base, &edited);
        assert_eq!(bounded::<u8, false>(&base, &edited, usize::MAX), Some(d));
        assert_eq!(bounded::<u8, false>(&base, &edited, d), Some(d));
        assert_eq!(bounded::<u8, false>(&base, &edited, d - 1), None);
        let reversed: Vec<u8> = base.iter().rev().copied().collect();
        assert_eq!(
            bounded::<u8, false>(&base, &reversed, usize::MAX),
            Some(reference(&base, &reversed))
        );
    }
}
