//! Numeric comparisons.

/// `|a - b|`, or `None` when either value is not finite (NaN or
/// infinite), so a bad value can never pass a closeness test by accident.
///
/// # Examples
///
/// ```
/// use sameas::compare::absolute_difference;
///
/// assert_eq!(absolute_difference(10.0, 12.5), Some(2.5));
/// assert_eq!(absolute_difference(f64::NAN, 1.0), None);
/// ```
pub fn absolute_difference(a: f64, b: f64) -> Option<f64> {
    let difference = (a - b).abs();
    (a.is_finite() && b.is_finite() && difference.is_finite()).then_some(difference)
}

/// `|a - b| / max(|a|, |b|)`, in `[0, 2]`; 0 when both are zero; `None`
/// when either value is not finite.
///
/// # Examples
///
/// ```
/// use sameas::compare::relative_difference;
///
/// assert_eq!(relative_difference(100.0, 110.0), Some(10.0 / 110.0));
/// assert_eq!(relative_difference(0.0, 0.0), Some(0.0));
/// assert_eq!(relative_difference(-1.0, 1.0), Some(2.0));
/// assert_eq!(relative_difference(1.0, f64::INFINITY), None);
/// assert_eq!(relative_difference(f64::MAX, -f64::MAX), Some(2.0));
/// ```
pub fn relative_difference(a: f64, b: f64) -> Option<f64> {
    if !(a.is_finite() && b.is_finite()) {
        return None;
    }
    let scale = a.abs().max(b.abs());
    if scale == 0.0 {
        return Some(0.0);
    }
    let difference = (a - b).abs();
    if difference.is_finite() {
        Some(difference / scale)
    } else {
        // Opposite signs near f64::MAX: scale first so nothing overflows.
        Some((a / scale - b / scale).abs())
    }
}
