//! Comparators: pure functions that say how alike two values are.
//!
//! Similarities are in `[0, 1]` (1 means identical); distances count
//! edits. Every string comparator works on Unicode scalar values (`char`)
//! and takes a byte-level fast path when both inputs are ASCII. For inputs
//! up to 64 chars no comparator allocates on the heap.

mod phonetic;

pub use phonetic::{metaphone, nysiis, soundex, PhoneticCode, PhoneticCodeError};
