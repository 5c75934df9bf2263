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
    pub trait SealedWord {}
    impl SealedWord for u16 {}
    impl SealedWord for u64 {}
}

/// A symbol the kernels compare: an ASCII byte or a Unicode scalar value.
///
/// Sealed: implemented for `u8` (use it for ASCII bytes) and `char`.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "slices")] {
/// use sameas::compare::{levenshtein_slices, Symbol};
///
/// fn distance<T: Symbol>(a: &[T], b: &[T]) -> usize {
///     levenshtein_slices(a, b)
/// }
/// assert_eq!(distance(b"kitten", b"sitting"), 3);
/// let a: Vec<char> = "Zoë".chars().collect();
/// let b: Vec<char> = "Zoe".chars().collect();
/// assert_eq!(distance(&a, &b), 1);
/// # }
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "slices")))]
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

/// Runs `ascii` on the bytes when both strings are ASCII, else `unicode`
/// on their chars. This is the one place the ASCII fast path is chosen;
/// kernels that take a `const ASCII: bool` get `true` only from here.
#[inline(always)]
pub(crate) fn dispatch<R>(
    a: &str,
    b: &str,
    ascii: impl FnOnce(&[u8], &[u8]) -> R,
    unicode: impl FnOnce(&[char], &[char]) -> R,
) -> R {
    if a.is_ascii() && b.is_ascii() {
        ascii(a.as_bytes(), b.as_bytes())
    } else {
        // Decoded in place: a helper returning the buffers would copy
        // their 256-byte inline storage on every call. (Decoding once
        // beats re-reading UTF-8 in every pass a kernel makes: measured.)
        let mut a_chars = CharBuffer::new();
        a_chars.extend(a.chars());
        let mut b_chars = CharBuffer::new();
        b_chars.extend(b.chars());
        unicode(&a_chars, &b_chars)
    }
}

/// A machine word holding one bit per pattern position.
pub trait MaskWord: Copy + Default + std::ops::BitOrAssign + sealed::SealedWord {
    /// The word with only bit `position` set (`position < BITS`).
    fn bit(position: usize) -> Self;
    /// The word as a 64-bit mask.
    fn widen(self) -> u64;
}

impl MaskWord for u16 {
    #[inline(always)]
    fn bit(position: usize) -> u16 {
        1 << position
    }
    #[inline(always)]
    fn widen(self) -> u64 {
        u64::from(self)
    }
}

impl MaskWord for u64 {
    #[inline(always)]
    fn bit(position: usize) -> u64 {
        1 << position
    }
    #[inline(always)]
    fn widen(self) -> u64 {
        self
    }
}

/// For each symbol, the set of positions (as bits) where it occurs in a
/// pattern of at most `W::BITS` symbols: a table for ASCII symbols, a
/// short list for the rest (a name rarely holds more than a few distinct
/// non-ASCII letters).
///
/// Zeroing the ASCII table is a fixed cost of every comparison, so short
/// patterns (up to 16 symbols: most names) use 16-bit words and a 256-byte
/// table instead of a 1 KB one.
pub struct PatternMasks<W, T> {
    ascii: [W; 128],
    // SmallVec leaves its inline storage uninitialised until pushed to, so
    // only the ASCII table is zeroed per comparison.
    other: SmallVec<[(T, W); INLINE_CHARS]>,
}

impl<W: MaskWord, T: Symbol> PatternMasks<W, T> {
    /// Masks with no pattern yet. Build in place with
    /// `let mut masks = PatternMasks::empty(); masks.fill(pattern);`:
    /// returning a filled 2 KB value from a constructor makes the compiler
    /// copy it, which costs more than filling it.
    #[inline(always)]
    pub(crate) fn empty() -> PatternMasks<W, T> {
        PatternMasks {
            ascii: [W::default(); 128],
            other: SmallVec::new(),
        }
    }

    /// Records the positions of `pattern`'s symbols; symbols past the
    /// word's width are ignored. Call once, on empty masks.
    #[inline(always)]
    pub(crate) fn fill(&mut self, pattern: &[T]) {
        let width = std::mem::size_of::<W>() * 8;
        for (i, &symbol) in pattern.iter().take(width).enumerate() {
            let bit = W::bit(i);
            let code = symbol.code();
            if code < 128 {
                self.ascii[code as usize] |= bit;
            } else if let Some(entry) = self.other.iter_mut().find(|(known, _)| *known == symbol) {
                entry.1 |= bit;
            } else {
                self.other.push((symbol, bit));
            }
        }
    }
}

/// Source of the per-symbol position masks a bit-parallel kernel reads.
pub(crate) trait MaskLookup<T> {
    /// The positions of `symbol` in the pattern.
    fn get(&self, symbol: T) -> u64;
}

impl<W: MaskWord, T: Symbol> MaskLookup<T> for PatternMasks<W, T> {
    #[inline(always)]
    fn get(&self, symbol: T) -> u64 {
        let code = symbol.code();
        if code < 128 {
            self.ascii[code as usize].widen()
        } else {
            self.other
                .iter()
                .find(|(known, _)| *known == symbol)
                .map_or(0, |&(_, mask)| mask.widen())
        }
    }
}

/// Position masks of an all-ASCII pattern: no per-symbol branch, no
/// list for other symbols. Only for patterns *and queries* known to be
/// ASCII (the `&str` fast path); a symbol of 128 or more would alias.
pub struct AsciiMasks<W, T> {
    table: [W; 128],
    symbol: std::marker::PhantomData<T>,
}

impl<W: MaskWord, T: Symbol> AsciiMasks<W, T> {
    /// Masks with no pattern yet (see [`PatternMasks::empty`]).
    #[inline(always)]
    pub(crate) fn empty() -> AsciiMasks<W, T> {
        AsciiMasks {
            table: [W::default(); 128],
            symbol: std::marker::PhantomData,
        }
    }

    /// Records the positions of `pattern`'s symbols (ASCII, at most the
    /// word's width; later symbols are ignored).
    #[inline(always)]
    pub(crate) fn fill(&mut self, pattern: &[T]) {
        let width = std::mem::size_of::<W>() * 8;
        for (i, &symbol) in pattern.iter().take(width).enumerate() {
            self.table[(symbol.code() & 0x7F) as usize] |= W::bit(i);
        }
    }
}

impl<W: MaskWord, T: Symbol> MaskLookup<T> for AsciiMasks<W, T> {
    #[inline(always)]
    fn get(&self, symbol: T) -> u64 {
        self.table[(symbol.code() & 0x7F) as usize].widen()
    }
}

/// Builds the masks of `pattern` (at most 64 symbols) in the caller's
/// frame, with 16-bit words when the pattern fits (a quarter of the table
/// to zero), and evaluates `kernel` with them. `$masks` is the mask type:
/// `PatternMasks` for any symbols, `AsciiMasks` on the ASCII fast path.
macro_rules! with_pattern_masks {
    // `$ascii` (a constant) promises every symbol is ASCII.
    (ascii: $ascii:expr, $pattern:expr, |$masks:ident| $kernel:expr) => {{
        if $ascii {
            with_pattern_masks!(AsciiMasks, $pattern, |$masks| $kernel)
        } else {
            with_pattern_masks!(PatternMasks, $pattern, |$masks| $kernel)
        }
    }};
    ($kind:ident, $pattern:expr, |$masks:ident| $kernel:expr) => {{
        let pattern = $pattern;
        if pattern.len() <= 16 {
            let mut $masks = $crate::compare::symbols::$kind::<u16, _>::empty();
            $masks.fill(pattern);
            $kernel
        } else {
            let mut $masks = $crate::compare::symbols::$kind::<u64, _>::empty();
            $masks.fill(pattern);
            $kernel
        }
    }};
}
pub(crate) use with_pattern_masks;

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
        let mut masks = PatternMasks::<u64, char>::empty();
        masks.fill(&pattern);
        assert_eq!(masks.get('a'), 0b00101);
        assert_eq!(masks.get('é'), 0b01010);
        assert_eq!(masks.get('€'), 0b10000);
        assert_eq!(masks.get('z'), 0);
        assert_eq!(masks.get('ß'), 0);
    }

    #[test]
    fn byte_masks_cover_every_byte() {
        let mut masks = PatternMasks::<u16, u8>::empty();
        masks.fill(&[b'a', 0xFF, b'a']);
        assert_eq!(masks.get(b'a'), 0b101);
        assert_eq!(masks.get(0xFF), 0b010);
        assert_eq!(masks.get(b'b'), 0);
    }

    #[test]
    fn ascii_masks_match_pattern_masks() {
        let pattern = b"kelly neal 1985~";
        let mut general = PatternMasks::<u16, u8>::empty();
        general.fill(pattern);
        let mut ascii = AsciiMasks::<u16, u8>::empty();
        ascii.fill(pattern);
        for byte in 0u8..128 {
            assert_eq!(ascii.get(byte), general.get(byte), "byte {byte}");
        }
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
