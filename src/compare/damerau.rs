//! Edit distances that also count a swap of two adjacent symbols as one
//! edit: optimal string alignment (OSA, each substring edited at most
//! once) and the true (unrestricted) Damerau-Levenshtein distance.
//!
//! OSA uses Hyyrö's bit-parallel extension of Myers' algorithm when the
//! shorter input has at most 64 symbols. Damerau-Levenshtein runs the
//! Lowrance-Wagner dynamic programme; the "last row where this symbol
//! occurred" lookup is a bit-mask query, and for short inputs the matrix
//! lives on the stack.

use smallvec::SmallVec;

use super::symbols::{
    MaskLookup, PatternMasks, Symbol, common_affix_lengths, dispatch, with_pattern_masks,
};

/// Optimal string alignment distance: Levenshtein plus transposition of
/// two adjacent symbols, where no substring is edited twice.
///
/// # Examples
///
/// ```
/// use sameas::compare::osa_distance;
///
/// assert_eq!(osa_distance("ab", "ba"), 1);
/// assert_eq!(osa_distance("ca", "abc"), 3); // Damerau-Levenshtein gives 2
/// assert_eq!(osa_distance("Jonh", "John"), 1);
/// ```
pub fn osa_distance(a: &str, b: &str) -> usize {
    dispatch(a, b, osa_kernel::<u8, true>, osa_kernel::<char, false>)
}

/// Whether `b` is `a` with two adjacent, different symbols swapped and
/// nothing else changed: the typing error that Jaro-Winkler forgives
/// least when it falls at a short name's start (`leo`, `elo`). Linear
/// time, no allocation.
///
/// # Examples
///
/// ```
/// use sameas::compare::is_transposition;
///
/// assert!(is_transposition("leo", "elo"));
/// assert!(is_transposition("Jürgen", "Jrügen"));
/// assert!(!is_transposition("leo", "leo"));
/// assert!(!is_transposition("mary", "mark"));
/// assert!(!is_transposition("abcd", "badc")); // two swaps
/// ```
pub fn is_transposition(a: &str, b: &str) -> bool {
    if a.len() != b.len() || a == b {
        return false;
    }
    let mut a_chars = a.chars();
    let mut b_chars = b.chars();
    // Skip the common start; the first difference must be a swap of two
    // symbols, after which the rest must be equal.
    loop {
        match (a_chars.next(), b_chars.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (Some(x1), Some(y1)) => {
                return match (a_chars.next(), b_chars.next()) {
                    (Some(x2), Some(y2)) => {
                        x1 == y2 && x2 == y1 && a_chars.as_str() == b_chars.as_str()
                    }
                    _ => false,
                };
            }
            _ => return false,
        }
    }
}

/// [`osa_distance`] over prepared symbol slices (ASCII bytes or chars).
///
/// # Examples
///
/// ```
/// use sameas::compare::osa_distance_slices;
///
/// assert_eq!(osa_distance_slices(b"Smtih", b"Smith"), 1);
/// ```
#[cfg(feature = "slices")]
#[cfg_attr(docsrs, doc(cfg(feature = "slices")))]
pub fn osa_distance_slices<T: Symbol>(a: &[T], b: &[T]) -> usize {
    osa_kernel::<T, false>(a, b)
}

/// OSA; `ASCII` promises both inputs are ASCII (see `dispatch`).
fn osa_kernel<T: Symbol, const ASCII: bool>(a: &[T], b: &[T]) -> usize {
    // A transposition never spans a common prefix or suffix boundary in an
    // optimal alignment, so trimming them keeps the distance.
    let (prefix, suffix) = common_affix_lengths(a, b);
    let a = &a[prefix..a.len() - suffix];
    let b = &b[prefix..b.len() - suffix];
    let (pattern, text) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if pattern.is_empty() {
        text.len()
    } else if pattern.len() <= 64 {
        with_pattern_masks!(ascii: ASCII, pattern, |masks| osa_hyyro(pattern, text, &masks))
    } else {
        osa_rows(pattern, text)
    }
}

/// Hyyrö (2003) bit-parallel OSA distance for a pattern of 1..=64 symbols.
#[inline(always)]
fn osa_hyyro<T: Symbol>(pattern: &[T], text: &[T], masks: &impl MaskLookup<T>) -> usize {
    let last = 1u64 << (pattern.len() - 1);
    let mut vp = u64::MAX;
    let mut vn = 0u64;
    let mut d0 = 0u64;
    let mut previous_eq = 0u64;
    let mut distance = pattern.len();
    for &symbol in text {
        let eq = masks.get(symbol);
        let transposed = (((!d0) & eq) << 1) & previous_eq;
        d0 = ((((eq & vp).wrapping_add(vp)) ^ vp) | eq | vn) | transposed;
        let hp = vn | !(d0 | vp);
        let hn = vp & d0;
        // Branch-free: the sign of each step is data.
        distance += usize::from(hp & last != 0);
        distance -= usize::from(hn & last != 0);
        let hp = (hp << 1) | 1;
        let hn = hn << 1;
        vp = hn | !(d0 | hp);
        vn = hp & d0;
        previous_eq = eq;
    }
    distance
}

/// Three-row dynamic programme for OSA on long inputs.
fn osa_rows<T: Symbol>(a: &[T], b: &[T]) -> usize {
    let width = b.len() + 1;
    let mut two_back: Vec<usize> = (0..width).collect();
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current = vec![0usize; width];
    for (i, &x) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            let cost = usize::from(x != y);
            let mut cell = (current[j] + 1)
                .min(previous[j + 1] + 1)
                .min(previous[j] + cost);
            if i > 0 && j > 0 && x != y && x == b[j - 1] && y == a[i - 1] {
                cell = cell.min(two_back[j - 1] + 1);
            }
            current[j + 1] = cell;
        }
        std::mem::swap(&mut two_back, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// True Damerau-Levenshtein distance: insertions, deletions,
/// substitutions and transpositions of adjacent symbols, with no
/// restriction on editing a substring twice. It is a metric (the triangle
/// inequality holds), unlike [`osa_distance`].
///
/// # Examples
///
/// ```
/// use sameas::compare::damerau_levenshtein;
///
/// assert_eq!(damerau_levenshtein("ca", "abc"), 2);
/// assert_eq!(damerau_levenshtein("Jonh", "John"), 1);
/// assert_eq!(damerau_levenshtein("", "abc"), 3);
/// ```
pub fn damerau_levenshtein(a: &str, b: &str) -> usize {
    dispatch(a, b, damerau_kernel, damerau_kernel)
}

/// [`damerau_levenshtein`] over prepared symbol slices.
///
/// # Examples
///
/// ```
/// use sameas::compare::damerau_levenshtein_slices;
///
/// assert_eq!(damerau_levenshtein_slices(&[1u8, 2], &[2, 3, 1]), 2);
/// ```
#[cfg(feature = "slices")]
#[cfg_attr(docsrs, doc(cfg(feature = "slices")))]
pub fn damerau_levenshtein_slices<T: Symbol>(a: &[T], b: &[T]) -> usize {
    damerau_kernel(a, b)
}

/// Damerau-Levenshtein over symbols.
fn damerau_kernel<T: Symbol>(a: &[T], b: &[T]) -> usize {
    // Only the common prefix may be trimmed: a transposition can reach
    // back over a shared suffix symbol ("ab" vs "bca"), but an optimal
    // alignment always matches a shared first symbol to itself.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len());
    }
    // Rows follow `a`; the "last row where a symbol occurred" query is a
    // bit-mask lookup when `a` has at most 64 symbols. The distance is
    // symmetric, so the shorter input takes the rows.
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let width = b.len() + 2;
    let cells = (a.len() + 2) * width;
    // Built with `new` + `resize` so that only the cells in use are
    // written: `from_elem` would build and then copy the whole 17 KB
    // inline buffer on every call.
    let mut matrix: SmallVec<[u32; 66 * 66]> = SmallVec::new();
    matrix.resize(cells, 0);
    let infinity = u32::try_from(a.len() + b.len()).unwrap_or(u32::MAX);
    matrix[0] = infinity;
    for i in 0..=a.len() {
        matrix[(i + 1) * width] = infinity;
        matrix[(i + 1) * width + 1] = i as u32;
    }
    for j in 0..=b.len() {
        matrix[j + 1] = infinity;
        matrix[width + j + 1] = j as u32;
    }
    let mut last_rows = LastRows::new(a);
    for i in 1..=a.len() {
        let mut last_match_column = 0;
        for j in 1..=b.len() {
            let k = last_rows.before(b[j - 1], i);
            let l = last_match_column;
            let substitution_cost = u32::from(a[i - 1] != b[j - 1]);
            if substitution_cost == 0 {
                last_match_column = j;
            }
            let substitution = matrix[i * width + j] + substitution_cost;
            let insertion = matrix[(i + 1) * width + j] + 1;
            let deletion = matrix[i * width + j + 1] + 1;
            let transposition = matrix[k * width + l] + (i - k - 1) as u32 + 1 + (j - l - 1) as u32;
            matrix[(i + 1) * width + j + 1] =
                substitution.min(insertion).min(deletion).min(transposition);
        }
        last_rows.finish_row(a[i - 1], i);
    }
    matrix[(a.len() + 1) * width + b.len() + 1] as usize
}

/// For each row `i`, the last row `k < i` (1-based) whose symbol of `a`
/// equals a given symbol, or 0.
// Lives on the stack for one comparison; boxing the large variant would
// cost the heap allocation this module avoids.
#[allow(clippy::large_enum_variant)]
enum LastRows<T: Symbol> {
    /// `a` has at most 64 symbols: a mask query, nothing to update.
    Masks(PatternMasks<u64, T>),
    /// Longer `a`: the classic map from symbol to its latest row.
    Map(ahash::AHashMap<T, usize>),
}

impl<T: Symbol> LastRows<T> {
    fn new(a: &[T]) -> Self {
        if a.len() <= 64 {
            let mut masks = PatternMasks::<u64, T>::empty();
            masks.fill(a);
            LastRows::Masks(masks)
        } else {
            LastRows::Map(ahash::AHashMap::new())
        }
    }

    #[inline]
    fn before(&self, symbol: T, row: usize) -> usize {
        match self {
            LastRows::Masks(masks) => {
                // Positions 0..row-1 of `a` are rows 1..row-1 of the matrix.
                let earlier = masks.get(symbol) & ((1u64 << (row - 1)) - 1);
                64 - earlier.leading_zeros() as usize
            }
            LastRows::Map(rows) => rows.get(&symbol).copied().unwrap_or(0),
        }
    }

    #[inline]
    fn finish_row(&mut self, symbol: T, row: usize) {
        if let LastRows::Map(rows) = self {
            rows.insert(symbol, row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paths_match_reference() {
        let a: Vec<u8> = (0..150u32).map(|i| b'a' + (i * 5 % 7) as u8).collect();
        let mut b = a.clone();
        b.swap(3, 4);
        b.swap(90, 91);
        b.remove(120);
        assert_eq!(
            osa_kernel::<u8, false>(&a, &b),
            strsim::osa_distance(
                std::str::from_utf8(&a).unwrap(),
                std::str::from_utf8(&b).unwrap()
            )
        );
        assert_eq!(
            damerau_kernel(&a, &b),
            strsim::generic_damerau_levenshtein(&a, &b)
        );
    }
}
