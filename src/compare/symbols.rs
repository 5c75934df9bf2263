//! The alphabets the string kernels run over, and the per-symbol bit masks
//! the bit-parallel kernels need.
//!
//! A string is compared either as ASCII bytes (when both inputs are ASCII,
//! the common case for names) or as Unicode scalar values (`char`). Short
//! inputs are decoded into a stack buffer, so no kernel allocates for
//! inputs up to [`INLINE_CHARS`] chars.

use smallvec::SmallVec;

/// How many chars a string may have before decoding it spills to the heap.
pub(crate) const INLINE_CHARS: usize = 64;

/// A string decoded into chars, on the stack when it is short.
pub(crate) type CharBuffer = SmallVec<[char; INLINE_CHARS]>;

mod sealed {
    pub trait Sealed {}
    impl Sealed for u8 {}
    impl Sealed for char {}
}

/// A symbol the kernels compare: an ASCII byte or a Unicode scalar value.
///
/// Sealed: implemented for `u8` (use it for ASCII bytes) and `char`.
///
/// # Examples
///
/// ```
/// use sameas::compare::{levenshtein_slices, Symbol};
///
/// fn distance<T: Symbol>(a: &[T], b: &[T]) -> usize {
///     levenshtein_slices(a, b)
/// }
/// assert_eq!(distance(b"kitten", b"sitting"), 3);
/// let a: Vec<char> = "Zoë".chars().collect();
/// let b: Vec<char> = "Zoe".chars().collect();
/// assert_eq!(distance(&a, &b), 1);
/// ```
pub trait Symbol: Copy + Eq + Ord + std::hash::Hash + std::fmt::Debug + sealed::Sealed {
    /// The symbol's code point (its byte value for `u8`).
    #[doc(hidden)]
    fn code(self) -> u32;
}

impl Symbol for u8 {
    #[inline]
    fn code(self) -> u32 {
        u32::from(self)
    }
}

impl Symbol for char {
    #[inline]
    fn code(self) -> u32 {
        u32::from(self)
    }
}

/// Decodes `s` into chars.
#[inline]
pub(crate) fn decode(s: &str) -> CharBuffer {
    s.chars().collect()
}

/// Runs `ascii` on the bytes when both strings are ASCII, else `unicode`
/// on their chars. This is the one place the ASCII fast path is chosen.
#[inline]
pub(crate) fn dispatch<R>(
    a: &str,
    b: &str,
    ascii: impl FnOnce(&[u8], &[u8]) -> R,
    unicode: impl FnOnce(&[char], &[char]) -> R,
) -> R {
    if a.is_ascii() && b.is_ascii() {
        ascii(a.as_bytes(), b.as_bytes())
    } else {
        unicode(&decode(a), &decode(b))
    }
}

/// For each symbol, the set of positions (as bits) where it occurs in a
/// pattern of at most 64 symbols: a table for ASCII symbols, a short list
/// for the rest (a name rarely holds more than a few distinct non-ASCII
/// letters).
pub struct PatternMasks<T> {
    ascii: [u64; 128],
    // SmallVec leaves its inline storage uninitialised until pushed to, so
    // only the ASCII table is zeroed per comparison.
    other: SmallVec<[(T, u64); INLINE_CHARS]>,
}

impl<T: Symbol> PatternMasks<T> {
    /// Masks with no pattern yet. Build in place with
    /// `let mut masks = PatternMasks::empty(); masks.fill(pattern);`:
    /// returning a filled 2 KB value from a constructor makes the compiler
    /// copy it, which costs more than filling it.
    #[inline(always)]
    pub(crate) fn empty() -> PatternMasks<T> {
        PatternMasks {
            ascii: [0; 128],
            other: SmallVec::new(),
        }
    }

    /// Records the positions of `pattern`'s symbols; symbols after the
    /// 64th are ignored. Call once, on empty masks.
    #[inline(always)]
    pub(crate) fn fill(&mut self, pattern: &[T]) {
        let masks = self;
        for (i, &symbol) in pattern.iter().take(64).enumerate() {
            let bit = 1u64 << i;
            let code = symbol.code();
            if code < 128 {
                masks.ascii[code as usize] |= bit;
            } else if let Some(entry) = masks.other.iter_mut().find(|(known, _)| *known == symbol) {
                entry.1 |= bit;
            } else {
                masks.other.push((symbol, bit));
            }
        }
    }

    /// The positions of `symbol` in the pattern.
    #[inline]
    pub(crate) fn get(&self, symbol: T) -> u64 {
        let code = symbol.code();
        if code < 128 {
            self.ascii[code as usize]
        } else {
            self.other
                .iter()
                .find(|(known, _)| *known == symbol)
                .map_or(0, |&(_, mask)| mask)
        }
    }
}

/// Bits `lo..hi` set (`hi <= 64`).
#[inline]
pub(crate) fn bit_range(lo: usize, hi: usize) -> u64 {
    debug_assert!(lo <= hi && hi <= 64);
    let upper = if hi >= 64 { u64::MAX } else { (1u64 << hi) - 1 };
    let lower = if lo >= 64 { u64::MAX } else { (1u64 << lo) - 1 };
    upper & !lower
}

/// Length of the common prefix and suffix of `a` and `b`, not overlapping.
#[inline]
pub(crate) fn common_affix_lengths<T: Eq>(a: &[T], b: &[T]) -> (usize, usize) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (prefix, suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_cover_ascii_and_other_symbols() {
        let pattern: Vec<char> = "aéaé€".chars().collect();
        let mut masks = PatternMasks::empty();
        masks.fill(&pattern);
        assert_eq!(masks.get('a'), 0b00101);
        assert_eq!(masks.get('é'), 0b01010);
        assert_eq!(masks.get('€'), 0b10000);
        assert_eq!(masks.get('z'), 0);
        assert_eq!(masks.get('ß'), 0);
    }

    #[test]
    fn byte_masks_cover_every_byte() {
        let mut masks = PatternMasks::empty();
        masks.fill(&[b'a', 0xFF, b'a']);
        assert_eq!(masks.get(b'a'), 0b101);
        assert_eq!(masks.get(0xFF), 0b010);
        assert_eq!(masks.get(b'b'), 0);
    }

    #[test]
    fn bit_ranges() {
        assert_eq!(bit_range(0, 0), 0);
        assert_eq!(bit_range(0, 3), 0b111);
        assert_eq!(bit_range(2, 4), 0b1100);
        assert_eq!(bit_range(0, 64), u64::MAX);
        assert_eq!(bit_range(63, 64), 1 << 63);
        assert_eq!(bit_range(64, 64), 0);
    }

    #[test]
    fn affixes_do_not_overlap() {
        assert_eq!(common_affix_lengths(b"abcab", b"ab"), (2, 0));
        assert_eq!(common_affix_lengths(b"aaa", b"aaa"), (3, 0));
        assert_eq!(common_affix_lengths(b"xaby", b"xcy"), (1, 1));
    }
}
