//! Jaro and Jaro-Winkler similarity.
//!
//! Matching follows the classic definition (and strsim, our reference):
//! two symbols match when they are equal and no further apart than
//! `max(|a|, |b|) / 2 - 1`; each symbol of `a`, in order, takes the first
//! unmatched equal symbol of `b` in its window. When `b` has at most 64
//! symbols the window search is bit-parallel: one mask lookup, an `and`
//! and a lowest-bit extraction per symbol of `a`.

use super::symbols::{MaskLookup, Symbol, bit_range, dispatch, with_pattern_masks};
use crate::parameter::ParameterError;

/// Jaro similarity in `[0, 1]`: 1 for identical strings, 0 when nothing
/// matches. Two empty strings are identical (1); an empty and a non-empty
/// string share nothing (0).
///
/// # Examples
///
/// ```
/// use sameas::compare::jaro;
///
/// assert!((jaro("MARTHA", "MARHTA") - 0.944).abs() < 0.001);
/// assert!((jaro("DIXON", "DICKSONX") - 0.767).abs() < 0.001);
/// assert_eq!(jaro("", ""), 1.0);
/// assert_eq!(jaro("abc", ""), 0.0);
/// ```
pub fn jaro(a: &str, b: &str) -> f64 {
    dispatch(a, b, jaro_kernel::<u8, true>, jaro_kernel::<char, false>)
}

/// [`jaro`] over prepared symbol slices (ASCII bytes or chars).
///
/// # Examples
///
/// ```
/// use sameas::compare::jaro_slices;
///
/// assert!((jaro_slices(b"MARTHA", b"MARHTA") - 0.944).abs() < 0.001);
/// ```
#[cfg(feature = "slices")]
#[cfg_attr(docsrs, doc(cfg(feature = "slices")))]
pub fn jaro_slices<T: Symbol>(a: &[T], b: &[T]) -> f64 {
    jaro_kernel::<T, false>(a, b)
}

/// Jaro; `ASCII` promises both inputs are ASCII (see `dispatch`).
fn jaro_kernel<T: Symbol, const ASCII: bool>(a: &[T], b: &[T]) -> f64 {
    let (matches, transpositions) = if b.len() <= 64 {
        with_pattern_masks!(ascii: ASCII, b, |masks| match_bit_parallel(a, b, &masks))
    } else {
        match_long(a, b)
    };
    jaro_from_counts(a.len(), b.len(), matches, transpositions)
}

fn jaro_from_counts(a_len: usize, b_len: usize, matches: usize, transpositions: usize) -> f64 {
    if a_len == 0 && b_len == 0 {
        return 1.0;
    }
    if matches == 0 {
        return 0.0;
    }
    // (m/|a| + m/|b| + (m-t)/m) / 3 as one fraction of integers, then one
    // division: faster than four, and correctly rounded, so a pair whose
    // similarity is exactly the boost threshold (0.7) is not boosted. (The
    // four-division form, strsim's, can round such a pair up past it.)
    let (m, la, lb) = (matches as u64, a_len as u64, b_len as u64);
    let (Some(numerator), Some(denominator)) = (
        (m * m)
            .checked_mul(la + lb)
            .and_then(|x| x.checked_add((m - transpositions as u64) * la * lb)),
        la.checked_mul(lb).and_then(|x| x.checked_mul(3 * m)),
    ) else {
        let m = matches as f64;
        return (m / a_len as f64 + m / b_len as f64 + (matches - transpositions) as f64 / m) / 3.0;
    };
    numerator as f64 / denominator as f64
}

/// The match window half-width.
fn search_range(a_len: usize, b_len: usize) -> usize {
    (a_len.max(b_len) / 2).saturating_sub(1)
}

/// Matches and transpositions when both inputs have at most 64 symbols,
/// given the position masks of `b`.
#[inline(always)]
fn match_bit_parallel<T: Symbol>(a: &[T], b: &[T], masks: &impl MaskLookup<T>) -> (usize, usize) {
    if a.is_empty() || b.is_empty() {
        return (0, 0);
    }
    let range = search_range(a.len(), b.len());
    // The window of a[i] is b[i - range ..= i + range]. It grows at the top
    // while i < range and slides by one bit after; bits past the end of
    // `b` are harmless because no mask has them set.
    let mut window = bit_range(0, (range + 1).min(64));
    let mut b_matched = 0u64;
    // At most |b| <= 64 symbols of `a` can match; one spare slot takes the
    // unconditional write below once all 64 have.
    let mut a_matched = [a[0]; 65];
    let mut matches = 0;
    // Branch-free: whether a symbol matches is data, and a mispredicted
    // branch per symbol would cost more than the whole step.
    let mut step = |symbol: T, window: u64| {
        let candidates = masks.get(symbol) & window & !b_matched;
        let first = candidates & candidates.wrapping_neg();
        b_matched |= first;
        a_matched[matches] = symbol;
        matches += usize::from(first != 0);
    };
    let growing = range.min(a.len());
    for &symbol in &a[..growing] {
        step(symbol, window);
        window = (window << 1) | 1;
    }
    for &symbol in &a[growing..] {
        step(symbol, window);
        window <<= 1;
    }
    // The k-th matched symbol of `a` pairs with the k-th of `b`.
    let mut half_transpositions = 0;
    let mut remaining = b_matched;
    for &symbol in &a_matched[..matches] {
        let j = remaining.trailing_zeros() as usize;
        remaining &= remaining - 1;
        half_transpositions += usize::from(b[j] != symbol);
    }
    (matches, half_transpositions / 2)
}

/// Matches and transpositions for any lengths, in O((|a| + |b|) log |b|).
///
/// The positions of `b` are sorted by symbol; each symbol of `a` finds the
/// first position at or after its window start by binary search, and skips
/// positions already matched through a union-find "next free" pointer, so
/// even two 1 MB strings compare in bounded time.
fn match_long<T: Symbol>(a: &[T], b: &[T]) -> (usize, usize) {
    if a.is_empty() || b.is_empty() {
        return (0, 0);
    }
    let range = search_range(a.len(), b.len());
    let mut by_symbol: Vec<(T, usize)> = b.iter().copied().zip(0..).collect();
    by_symbol.sort_unstable();
    // next_free[k] leads to the first unmatched slot >= k (len = none).
    let mut next_free: Vec<usize> = (0..=by_symbol.len()).collect();
    let mut b_matched = vec![false; b.len()];
    let mut a_matched: Vec<T> = Vec::new();
    for (i, &symbol) in a.iter().enumerate() {
        let lo = i.saturating_sub(range);
        if lo >= b.len() {
            break;
        }
        let hi = (i + range + 1).min(b.len());
        let start = by_symbol.partition_point(|&(s, j)| (s, j) < (symbol, lo));
        let slot = find_free(&mut next_free, start);
        if let Some(&(s, j)) = by_symbol.get(slot) {
            if s == symbol && j < hi {
                b_matched[j] = true;
                a_matched.push(symbol);
                next_free[slot] = slot + 1;
            }
        }
    }
    let b_sequence = b
        .iter()
        .zip(&b_matched)
        .filter(|&(_, &m)| m)
        .map(|(s, _)| s);
    let half_transpositions = a_matched
        .iter()
        .zip(b_sequence)
        .filter(|(x, y)| x != y)
        .count();
    (a_matched.len(), half_transpositions / 2)
}

/// Union-find lookup with path halving, iterative.
fn find_free(next_free: &mut [usize], mut slot: usize) -> usize {
    while next_free[slot] != slot {
        let parent = next_free[slot];
        next_free[slot] = next_free[parent];
        slot = parent;
    }
    slot
}

/// Jaro-Winkler similarity with the standard parameters (prefix scale 0.1,
/// prefix up to 4 symbols, boost only when Jaro exceeds 0.7).
///
/// # Examples
///
/// ```
/// use sameas::compare::jaro_winkler;
///
/// // Winkler's published values.
/// assert!((jaro_winkler("MARTHA", "MARHTA") - 0.961).abs() < 0.001);
/// assert!((jaro_winkler("DWAYNE", "DUANE") - 0.84).abs() < 0.001);
/// assert!((jaro_winkler("DIXON", "DICKSONX") - 0.813).abs() < 0.001);
/// ```
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    JaroWinkler::new().similarity(a, b)
}

/// [`jaro_winkler`] over prepared symbol slices (ASCII bytes or chars).
///
/// # Examples
///
/// ```
/// use sameas::compare::jaro_winkler_slices;
///
/// let a: Vec<char> = "Åsa".chars().collect();
/// let b: Vec<char> = "Åse".chars().collect();
/// assert!((jaro_winkler_slices(&a, &b) - 0.8222).abs() < 0.001);
/// ```
#[cfg(feature = "slices")]
#[cfg_attr(docsrs, doc(cfg(feature = "slices")))]
pub fn jaro_winkler_slices<T: Symbol>(a: &[T], b: &[T]) -> f64 {
    JaroWinkler::new().similarity_slices(a, b)
}

/// A configured Jaro-Winkler comparator.
///
/// The similarity is `jaro + prefix * prefix_scale * (1 - jaro)` when
/// `jaro > boost_threshold`, where `prefix` is the length of the common
/// prefix capped at `max_prefix`. The defaults are Winkler's: scale 0.1,
/// prefix up to 4, threshold 0.7.
///
/// # Examples
///
/// ```
/// use sameas::compare::JaroWinkler;
///
/// let strict = JaroWinkler::builder().boost_threshold(0.9).build()?;
/// assert!((strict.similarity("DWAYNE", "DUANE") - 0.822).abs() < 0.001);
/// assert!((JaroWinkler::new().similarity("DWAYNE", "DUANE") - 0.84).abs() < 0.001);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JaroWinkler {
    prefix_scale: f64,
    max_prefix: usize,
    boost_threshold: f64,
}

impl Default for JaroWinkler {
    fn default() -> Self {
        JaroWinkler::new()
    }
}

impl JaroWinkler {
    /// Winkler's standard parameters.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::compare::JaroWinkler;
    /// let jw = JaroWinkler::new();
    /// assert_eq!(jw.prefix_scale(), 0.1);
    /// assert_eq!(jw.max_prefix(), 4);
    /// assert_eq!(jw.boost_threshold(), 0.7);
    /// ```
    pub const fn new() -> JaroWinkler {
        JaroWinkler {
            prefix_scale: 0.1,
            max_prefix: 4,
            boost_threshold: 0.7,
        }
    }

    /// A builder starting from the standard parameters.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::compare::JaroWinkler;
    /// let jw = JaroWinkler::builder().prefix_scale(0.2).max_prefix(3).build()?;
    /// assert_eq!(jw.prefix_scale(), 0.2);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn builder() -> JaroWinklerBuilder {
        JaroWinklerBuilder {
            config: JaroWinkler::new(),
        }
    }

    /// The prefix scale (standard 0.1).
    pub fn prefix_scale(&self) -> f64 {
        self.prefix_scale
    }

    /// The longest prefix that earns a boost (standard 4).
    pub fn max_prefix(&self) -> usize {
        self.max_prefix
    }

    /// The Jaro similarity a pair must exceed to be boosted (standard 0.7).
    pub fn boost_threshold(&self) -> f64 {
        self.boost_threshold
    }

    /// The Jaro-Winkler similarity of two strings, in `[0, 1]`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::compare::JaroWinkler;
    /// let jw = JaroWinkler::new();
    /// assert_eq!(jw.similarity("Kelly", "Kelly"), 1.0);
    /// assert!(jw.similarity("Kelly", "Kely") > 0.95);
    /// ```
    pub fn similarity(&self, a: &str, b: &str) -> f64 {
        dispatch(
            a,
            b,
            |a, b| self.boost(a, b, jaro_kernel::<u8, true>(a, b)),
            |a, b| self.boost(a, b, jaro_kernel::<char, false>(a, b)),
        )
    }

    /// [`similarity`](Self::similarity) over prepared symbol slices.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::compare::JaroWinkler;
    /// let jw = JaroWinkler::new();
    /// assert!((jw.similarity_slices(b"MARTHA", b"MARHTA") - 0.961).abs() < 0.001);
    /// ```
    #[cfg(feature = "slices")]
    #[cfg_attr(docsrs, doc(cfg(feature = "slices")))]
    pub fn similarity_slices<T: Symbol>(&self, a: &[T], b: &[T]) -> f64 {
        self.boost(a, b, jaro_kernel::<T, false>(a, b))
    }

    /// Applies the prefix boost to `sim`, the Jaro similarity of `a`, `b`.
    #[inline]
    fn boost<T: Symbol>(&self, a: &[T], b: &[T], sim: f64) -> f64 {
        if sim > self.boost_threshold {
            let prefix = a
                .iter()
                .take(self.max_prefix)
                .zip(b)
                .take_while(|(x, y)| x == y)
                .count();
            sim + self.prefix_scale * prefix as f64 * (1.0 - sim)
        } else {
            sim
        }
    }
}

/// Builds a [`JaroWinkler`] with checked parameters.
///
/// # Examples
///
/// ```
/// use sameas::compare::JaroWinkler;
/// let jw = JaroWinkler::builder().max_prefix(6).prefix_scale(0.15).build()?;
/// assert_eq!(jw.max_prefix(), 6);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct JaroWinklerBuilder {
    config: JaroWinkler,
}

impl JaroWinklerBuilder {
    /// Sets the prefix scale.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut builder = sameas::compare::JaroWinkler::builder();
    /// builder.prefix_scale(0.05);
    /// assert_eq!(builder.build().unwrap().prefix_scale(), 0.05);
    /// ```
    pub fn prefix_scale(&mut self, scale: f64) -> &mut Self {
        self.config.prefix_scale = scale;
        self
    }

    /// Sets the longest prefix that earns a boost.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut builder = sameas::compare::JaroWinkler::builder();
    /// builder.max_prefix(2);
    /// assert_eq!(builder.build().unwrap().max_prefix(), 2);
    /// ```
    pub fn max_prefix(&mut self, symbols: usize) -> &mut Self {
        self.config.max_prefix = symbols;
        self
    }

    /// Sets the Jaro similarity a pair must exceed to be boosted.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut builder = sameas::compare::JaroWinkler::builder();
    /// builder.boost_threshold(0.0);
    /// assert_eq!(builder.build().unwrap().boost_threshold(), 0.0);
    /// ```
    pub fn boost_threshold(&mut self, threshold: f64) -> &mut Self {
        self.config.boost_threshold = threshold;
        self
    }

    /// Checks the parameters and builds the comparator.
    ///
    /// # Errors
    ///
    /// A [`ParameterError`] when the prefix scale is negative or not
    /// finite, when `prefix_scale * max_prefix` exceeds 1 (similarities
    /// would leave `[0, 1]`), or when the threshold is outside `[0, 1]`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::compare::JaroWinkler;
    /// let err = JaroWinkler::builder().prefix_scale(0.3).build().unwrap_err();
    /// assert_eq!(err.name, "prefix_scale");
    /// ```
    pub fn build(&self) -> Result<JaroWinkler, ParameterError> {
        let JaroWinkler {
            prefix_scale,
            max_prefix,
            boost_threshold,
        } = self.config;
        if !prefix_scale.is_finite() || prefix_scale < 0.0 {
            return Err(invalid(
                "prefix_scale",
                format!("{prefix_scale} is not a finite non-negative number"),
            ));
        }
        if prefix_scale * max_prefix as f64 > 1.0 {
            return Err(invalid(
                "prefix_scale",
                format!(
                    "{prefix_scale} * max_prefix {max_prefix} exceeds 1, similarities would leave [0, 1]"
                ),
            ));
        }
        if !(0.0..=1.0).contains(&boost_threshold) {
            return Err(invalid(
                "boost_threshold",
                format!("{boost_threshold} is outside [0, 1]"),
            ));
        }
        Ok(self.config)
    }
}

fn invalid(name: &'static str, reason: String) -> ParameterError {
    ParameterError { name, reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long_and_short_paths_agree(a: &str, b: &str) {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        if b.len() <= 64 {
            let bit_parallel =
                with_pattern_masks!(PatternMasks, &b[..], |masks| match_bit_parallel(
                    &a, &b, &masks
                ));
            assert_eq!(bit_parallel, match_long(&a, &b), "{a:?} {b:?}");
        }
    }

    #[test]
    fn bit_parallel_and_long_matching_agree() {
        for (a, b) in [
            ("MARTHA", "MARHTA"),
            ("DIXON", "DICKSONX"),
            ("aaaaab", "baaaaa"),
            ("abcabcabc", "cbacbacba"),
            ("", "abc"),
            ("Zoë", "Zoe"),
        ] {
            long_and_short_paths_agree(a, b);
            long_and_short_paths_agree(b, a);
        }
    }

    #[test]
    fn rejects_invalid_parameters() {
        assert_eq!(
            JaroWinkler::builder()
                .prefix_scale(f64::NAN)
                .build()
                .unwrap_err()
                .to_string(),
            "invalid parameter `prefix_scale`: NaN is not a finite non-negative number"
        );
        assert_eq!(
            JaroWinkler::builder()
                .prefix_scale(-0.1)
                .build()
                .unwrap_err()
                .to_string(),
            "invalid parameter `prefix_scale`: -0.1 is not a finite non-negative number"
        );
        assert_eq!(
            JaroWinkler::builder()
                .boost_threshold(1.5)
                .build()
                .unwrap_err()
                .to_string(),
            "invalid parameter `boost_threshold`: 1.5 is outside [0, 1]"
        );
        assert_eq!(
            JaroWinkler::builder()
                .max_prefix(11)
                .build()
                .unwrap_err()
                .to_string(),
            "invalid parameter `prefix_scale`: 0.1 * max_prefix 11 exceeds 1, similarities would leave [0, 1]"
        );
        assert!(JaroWinkler::builder().max_prefix(10).build().is_ok());
    }
}
