//! Hamming distance.

/// The number of positions at which two equally long strings differ,
/// counted in chars; `None` when their lengths in chars differ.
///
/// # Examples
///
/// ```
/// use sameas::compare::hamming;
///
/// assert_eq!(hamming("karolin", "kathrin"), Some(3));
/// assert_eq!(hamming("Zoë", "Zoe"), Some(1));
/// assert_eq!(hamming("abc", "ab"), None);
/// assert_eq!(hamming("", ""), Some(0));
/// ```
pub fn hamming(a: &str, b: &str) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        return hamming_kernel(a.as_bytes(), b.as_bytes());
    }
    let mut a_chars = a.chars();
    let mut b_chars = b.chars();
    let mut distance = 0;
    loop {
        match (a_chars.next(), b_chars.next()) {
            (Some(x), Some(y)) => distance += usize::from(x != y),
            (None, None) => return Some(distance),
            _ => return None,
        }
    }
}

/// [`hamming`] over prepared symbol slices.
///
/// # Examples
///
/// ```
/// use sameas::compare::hamming_slices;
///
/// assert_eq!(hamming_slices(b"1011101", b"1001001"), Some(2));
/// ```
#[cfg(feature = "slices")]
#[cfg_attr(docsrs, doc(cfg(feature = "slices")))]
pub fn hamming_slices<T: PartialEq>(a: &[T], b: &[T]) -> Option<usize> {
    hamming_kernel(a, b)
}

/// Hamming distance over symbols.
fn hamming_kernel<T: PartialEq>(a: &[T], b: &[T]) -> Option<usize> {
    (a.len() == b.len()).then(|| a.iter().zip(b).filter(|(x, y)| x != y).count())
}
