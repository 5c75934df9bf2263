//! The `Blocker` trait and the buffer its keys go into.

use crate::prepare::PreparedRecord;

/// Emits a record's blocking keys.
///
/// Implement it to block on anything the prepared record offers; the
/// engine groups records by key, per blocker.
///
/// # Examples
///
/// ```
/// use sameas::block::{Blocker, BlockingKeys};
/// use sameas::{FieldId, PreparedRecord};
///
/// /// Blocks on the first three letters of a field.
/// struct FirstThree(FieldId);
///
/// impl Blocker for FirstThree {
///     fn name(&self) -> String {
///         "first three letters".into()
///     }
///     fn keys(&self, record: &PreparedRecord<'_>, keys: &mut BlockingKeys) {
///         if let Some(text) = record.text(self.0) {
///             keys.push(text.chars().take(3).collect::<String>().as_bytes());
///         }
///     }
/// }
/// ```
pub trait Blocker: Send + Sync {
    /// A short name for statistics, such as `"email"` or
    /// `"dob + family:soundex"`.
    fn name(&self) -> String;

    /// Pushes the record's keys into `keys` (none when the record cannot
    /// be blocked by this rule, for example a missing value).
    fn keys(&self, record: &PreparedRecord<'_>, keys: &mut BlockingKeys);

    /// `Some(window)` when the blocker is a sorted neighbourhood: its one
    /// key per record is a sort key, and each record pairs with the next
    /// `window - 1` records in key order instead of with its block.
    fn neighbourhood_window(&self) -> Option<usize> {
        None
    }

    /// A block-size cap for this blocker below the index's
    /// [`max_block_size`](super::BlockingOptions::max_block_size), for
    /// keys that are weak evidence when shared by many records.
    fn max_block_size(&self) -> Option<usize> {
        None
    }
}

/// The keys a blocker emits for one record: raw bytes, kept in one
/// reusable buffer.
///
/// # Examples
///
/// ```
/// use sameas::block::BlockingKeys;
///
/// let mut keys = BlockingKeys::new();
/// keys.push(b"neal");
/// keys.push_parts(&["1985", "n400"]);
/// assert_eq!(keys.len(), 2);
/// assert_eq!(keys.get(1), Some(&b"1985\x1fn400"[..]));
/// ```
#[derive(Debug, Clone, Default)]
pub struct BlockingKeys {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl BlockingKeys {
    /// An empty buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(sameas::block::BlockingKeys::new().is_empty());
    /// ```
    pub fn new() -> BlockingKeys {
        BlockingKeys::default()
    }

    /// Adds one key.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut keys = sameas::block::BlockingKeys::new();
    /// keys.push(b"x");
    /// assert_eq!(keys.get(0), Some(&b"x"[..]));
    /// ```
    pub fn push(&mut self, key: &[u8]) {
        self.bytes.extend_from_slice(key);
        self.ends.push(self.bytes.len());
    }

    /// Adds one key made of several parts, joined by a unit separator
    /// (`0x1F`) so that `("ab", "c")` and `("a", "bc")` differ.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut keys = sameas::block::BlockingKeys::new();
    /// keys.push_parts(&["ab", "c"]);
    /// keys.push_parts(&["a", "bc"]);
    /// assert_ne!(keys.get(0), keys.get(1));
    /// ```
    pub fn push_parts(&mut self, parts: &[&str]) {
        for (index, part) in parts.iter().enumerate() {
            if index > 0 {
                self.bytes.push(0x1F);
            }
            self.bytes.extend_from_slice(part.as_bytes());
        }
        self.ends.push(self.bytes.len());
    }

    /// How many keys the buffer holds.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the buffer holds no key.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The key at `index`.
    pub fn get(&self, index: usize) -> Option<&[u8]> {
        let end = *self.ends.get(index)?;
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        Some(&self.bytes[start..end])
    }

    /// Every key, in the order pushed.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> + '_ {
        (0..self.len()).filter_map(|index| self.get(index))
    }

    /// Starts a key built from several appended parts; returns the mark
    /// [`discard`](Self::discard) rolls back to.
    pub(crate) fn start(&mut self) -> usize {
        self.bytes.len()
    }

    /// Appends bytes to the key being built.
    pub(crate) fn append(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    /// Appends the letters of `text` (digits, punctuation and spaces
    /// dropped), skipping the first `skip` and keeping at most `take`;
    /// returns how many it appended. One byte at a time for ASCII text:
    /// e-mail keys run this for every record.
    pub(crate) fn append_letters(&mut self, text: &str, skip: usize, take: usize) -> usize {
        let mut appended = 0;
        if text.is_ascii() {
            for &byte in text
                .as_bytes()
                .iter()
                .filter(|b| b.is_ascii_alphabetic())
                .skip(skip)
                .take(take)
            {
                self.bytes.push(byte);
                appended += 1;
            }
        } else {
            let mut buffer = [0u8; 4];
            for c in text
                .chars()
                .filter(|c| c.is_alphabetic())
                .skip(skip)
                .take(take)
            {
                self.bytes
                    .extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                appended += 1;
            }
        }
        appended
    }

    /// Appends the last `count` letters of `text` (as
    /// [`append_letters`](Self::append_letters) counts letters), in order;
    /// false, with nothing appended, when `text` has fewer. For ASCII text
    /// one backward scan finds where they start, without counting every
    /// letter first.
    pub(crate) fn append_last_letters(&mut self, text: &str, count: usize) -> bool {
        if text.is_ascii() {
            let bytes = text.as_bytes();
            let mut seen = 0;
            let mut start = bytes.len();
            while seen < count {
                let Some(at) = bytes[..start].iter().rposition(u8::is_ascii_alphabetic) else {
                    return false;
                };
                start = at;
                seen += 1;
            }
            self.append_letters(&text[start..], 0, count) == count
        } else {
            let letters = text.chars().filter(|c| c.is_alphabetic()).count();
            letters >= count && self.append_letters(text, letters - count, count) == count
        }
    }

    /// Ends the key being built.
    pub(crate) fn finish(&mut self) {
        self.ends.push(self.bytes.len());
    }

    /// Drops the key being built (a part was missing).
    pub(crate) fn discard(&mut self, mark: usize) {
        self.bytes.truncate(mark);
    }

    /// Empties the buffer, keeping its memory.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut keys = sameas::block::BlockingKeys::new();
    /// keys.push(b"a");
    /// keys.clear();
    /// assert!(keys.is_empty());
    /// ```
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The last `count` letters the slow way: count them all, skip the rest.
    fn last_letters_by_counting(text: &str, count: usize) -> Option<Vec<u8>> {
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        if letters < count {
            return None;
        }
        let mut keys = BlockingKeys::new();
        keys.append_letters(text, letters - count, count);
        keys.finish();
        keys.get(0).map(<[u8]>::to_vec)
    }

    #[test]
    fn last_letters_skip_digits_and_need_enough_letters() {
        let mut keys = BlockingKeys::new();
        assert!(keys.append_last_letters("k.neal85", 3));
        assert!(keys.append_last_letters("zoë.ab1", 3));
        keys.finish();
        assert_eq!(keys.get(0), Some("ealëab".as_bytes()));
        let mut keys = BlockingKeys::new();
        assert!(!keys.append_last_letters("ab12", 3));
        assert!(!keys.append_last_letters("ë1", 2));
        assert!(keys.bytes.is_empty());
    }

    proptest! {
        /// The backward scan keeps exactly the letters counting keeps.
        #[test]
        fn last_letters_match_counting(text in "[a-cé.0-9]{0,12}", count in 1usize..6) {
            let mut keys = BlockingKeys::new();
            let found = keys.append_last_letters(&text, count);
            keys.finish();
            let expected = last_letters_by_counting(&text, count);
            prop_assert_eq!(found, expected.is_some());
            if let Some(expected) = expected {
                prop_assert_eq!(keys.get(0), Some(expected.as_slice()));
            }
        }
    }
}
