//! Term frequencies: how often each normalised value of a field occurs,
//! so that agreeing on a rare surname counts more than on a common one.
//!
//! # What a saved model holds
//!
//! A table of value counts is a list of the values themselves to anyone
//! who can hash a word list: unkeyed hashes of 200 common first names
//! are 200 look-ups. So values are hashed with SipHash-2-4 under a key
//! the host supplies ([`TermFrequencyKey`]) and that is never saved; the
//! model keeps only a check value (a hash of a fixed text under the key)
//! to recognise the key when it is given again. And only values shared
//! by at least `k` records are kept (default 5,
//! [`Trainer::term_frequency_min_count`]): the table is k-anonymous, a
//! count never points at fewer than `k` records, and a rarer value (the
//! one that would tell who is in the data) reads as held by `k - 1`
//! records, the most the table allows.
//!
//! Trained without a key, a model counts in memory under a fixed key and
//! saves no counts; loaded without the key it was saved with, it scores
//! without term-frequency adjustment (each level's own u) and says so in
//! [`FellegiSunter::warnings`](super::FellegiSunter::warnings).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use serde::{Deserialize, Serialize};

use super::Trainer;
use crate::error::BuildError;
use crate::hash::{KeyHasher, keyed_hash};
use crate::id::FieldId;
use crate::prepare::PreparedStore;

/// The default `k`: values held by fewer records are not kept.
pub(crate) const DEFAULT_MIN_COUNT: u32 = 5;

/// What the key check hashes.
const KEY_CHECK_TEXT: &[u8] = b"sameas term-frequency key check";

/// The secret under which term frequencies are hashed: supplied by the
/// host, kept in memory only, never written to a model file.
///
/// Any secret of at least 16 bytes will do (draw it at random and keep it
/// with the host's other secrets); the same secret must be given to load
/// a model with its term frequencies. `Debug` prints no part of it.
///
/// # Examples
///
/// ```
/// use sameas::matcher::TermFrequencyKey;
/// use sameas::BuildError;
///
/// let key = TermFrequencyKey::new("a secret of 16+ bytes, from a vault")?;
/// assert_eq!(format!("{key:?}"), "TermFrequencyKey(..)");
/// assert!(matches!(
///     TermFrequencyKey::new("short"),
///     Err(BuildError::InvalidParameter { name: "term_frequency_key", .. })
/// ));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct TermFrequencyKey {
    key: [u64; 2],
}

impl std::fmt::Debug for TermFrequencyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TermFrequencyKey(..)")
    }
}

impl TermFrequencyKey {
    /// The shortest secret accepted, in bytes.
    pub const MIN_SECRET_BYTES: usize = 16;

    /// A key from a secret of at least [`MIN_SECRET_BYTES`](Self::MIN_SECRET_BYTES) bytes.
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidParameter`] naming `term_frequency_key` for a
    /// shorter secret (the message gives its length, not its bytes).
    pub fn new(secret: impl AsRef<[u8]>) -> Result<TermFrequencyKey, BuildError> {
        let secret = secret.as_ref();
        if secret.len() < Self::MIN_SECRET_BYTES {
            return Err(BuildError::InvalidParameter {
                name: "term_frequency_key",
                reason: format!(
                    "the secret has {} bytes, at least {} are needed",
                    secret.len(),
                    Self::MIN_SECRET_BYTES
                ),
            });
        }
        // Two fixed keys turn a secret of any length into 128 bits.
        Ok(TermFrequencyKey {
            key: [
                keyed_hash([0x7361_6d65_6173_0001, 0x6b65_7964_6572_6976], secret),
                keyed_hash([0x7361_6d65_6173_0002, 0x6b65_7964_6572_6976], secret),
            ],
        })
    }

    /// The key of models trained without one: fixed, so it protects
    /// nothing, and counts made under it are never saved.
    fn unkeyed() -> TermFrequencyKey {
        TermFrequencyKey {
            key: [0x7361_6d65_6173_0000, 0x756e_6b65_7965_6400],
        }
    }

    /// A hash of a fixed text under the key: recognises the key without
    /// revealing it.
    fn check(&self) -> u64 {
        keyed_hash(self.key, KEY_CHECK_TEXT)
    }
}

/// Something about a model the host should know before relying on its
/// scores (see [`FellegiSunter::warnings`](super::FellegiSunter::warnings)).
///
/// # Examples
///
/// ```
/// use sameas::matcher::ModelWarning;
/// let warning = ModelWarning::TermFrequencyKeyMissing { comparisons: vec!["family".into()] };
/// assert_eq!(
///     warning.to_string(),
///     "term frequencies of family are hashed under a key this model was not given: \
///      scoring without term-frequency adjustment"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum ModelWarning {
    /// The model was saved with term frequencies hashed under a key, and
    /// was not given that key (see
    /// [`FellegiSunter::use_term_frequency_key`](super::FellegiSunter::use_term_frequency_key)):
    /// it scores these comparisons with each level's own u.
    TermFrequencyKeyMissing {
        /// The comparisons concerned.
        comparisons: Vec<String>,
    },
    /// The model was saved without term frequencies (trained without a
    /// key, or saved by an earlier version with unkeyed hashes, which are
    /// never read): it scores these comparisons with each level's own u.
    TermFrequenciesNotSaved {
        /// The comparisons concerned.
        comparisons: Vec<String>,
    },
}

impl std::fmt::Display for ModelWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelWarning::TermFrequencyKeyMissing { comparisons } => write!(
                f,
                "term frequencies of {} are hashed under a key this model was not given: \
                 scoring without term-frequency adjustment",
                comparisons.join(", ")
            ),
            ModelWarning::TermFrequenciesNotSaved { comparisons } => write!(
                f,
                "term frequencies of {} were not saved with the model (no key): \
                 scoring without term-frequency adjustment",
                comparisons.join(", ")
            ),
        }
    }
}

/// How a trainer counts term frequencies: the key and `k`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TermFrequencyOptions {
    key: Option<TermFrequencyKey>,
    min_count: u32,
}

impl Default for TermFrequencyOptions {
    fn default() -> TermFrequencyOptions {
        TermFrequencyOptions {
            key: None,
            min_count: DEFAULT_MIN_COUNT,
        }
    }
}

impl TermFrequencyOptions {
    /// Checks `k`.
    pub(crate) fn check(&self) -> Result<(), BuildError> {
        if self.min_count < 2 {
            return Err(BuildError::InvalidParameter {
                name: "term_frequency_min_count",
                reason: format!(
                    "{} is below 2: a value held by one record would be kept",
                    self.min_count
                ),
            });
        }
        Ok(())
    }
}

impl Trainer<'_> {
    /// Hash term frequencies under `key` (see [`TermFrequencyKey`]): the
    /// saved model then keeps them, usable only with the same key.
    /// Without a key, the model's term frequencies live in memory only.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{TermFrequencyKey, Trainer};
    /// use sameas::{FieldKind, PreparedStore, Schema};
    /// let store = PreparedStore::new(Schema::builder().field("family", FieldKind::FamilyName).build()?);
    /// let mut trainer = Trainer::new(&store);
    /// trainer.term_frequency_key(TermFrequencyKey::new("0123456789abcdef")?);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn term_frequency_key(&mut self, key: TermFrequencyKey) -> &mut Self {
        self.term_frequencies.key = Some(key);
        self
    }

    /// Keep the frequencies of values held by at least `records` records
    /// only (default 5, at least 2): the table is then `records`-anonymous
    /// (k-anonymity), and rarer values read as held by `records - 1`.
    /// Checked when training starts ([`BuildError::InvalidParameter`]
    /// naming `term_frequency_min_count`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::Trainer;
    /// use sameas::{FieldKind, PreparedStore, Schema};
    /// let store = PreparedStore::new(Schema::builder().field("family", FieldKind::FamilyName).build()?);
    /// Trainer::new(&store).term_frequency_min_count(10);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn term_frequency_min_count(&mut self, records: u32) -> &mut Self {
        self.term_frequencies.min_count = records;
        self
    }
}

/// Value hash → records holding the value, for values held by at least
/// `min_count` records. Values are kept as keyed hashes.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(from = "SavedFrequencies", into = "SavedFrequencies")]
pub(crate) struct TermFrequencies {
    /// Records with a value.
    total: u64,
    /// Values held by fewer records are not kept.
    min_count: u32,
    /// The key the counts are hashed under: `None` when loaded and no
    /// matching key was given (the counts are then not used).
    key: Option<TermFrequencyKey>,
    /// The check value of the key the counts were hashed under; `None`
    /// for the fixed key of models trained without one (nothing saved).
    key_check: Option<u64>,
    counts: HashMap<u64, u32, BuildHasherDefault<KeyHasher>>,
}

/// Why a model's term frequencies are not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Inactive {
    /// Saved under a key the model was not given.
    KeyMissing,
    /// Saved without counts (trained without a key), or by an earlier
    /// version with unkeyed hashes.
    NotSaved,
}

impl TermFrequencies {
    /// Counts the values of `field` over the store.
    pub(crate) fn count(
        store: &PreparedStore,
        field: FieldId,
        options: &TermFrequencyOptions,
    ) -> TermFrequencies {
        let key = options
            .key
            .clone()
            .unwrap_or_else(TermFrequencyKey::unkeyed);
        let mut frequencies = TermFrequencies {
            min_count: options.min_count.max(2),
            key_check: options.key.as_ref().map(TermFrequencyKey::check),
            ..TermFrequencies::default()
        };
        for value in store.records().filter_map(|record| record.text(field)) {
            frequencies.total += 1;
            let count = frequencies
                .counts
                .entry(keyed_hash(key.key, value.as_bytes()))
                .or_insert(0);
            *count = count.saturating_add(1);
        }
        let min_count = frequencies.min_count;
        frequencies.counts.retain(|_, count| *count >= min_count);
        frequencies.counts.shrink_to_fit();
        frequencies.key = Some(key);
        frequencies
    }

    /// Checks loaded counts: none above the total.
    pub(crate) fn validate(&self) -> Result<(), String> {
        match self
            .counts
            .values()
            .find(|&&count| u64::from(count) > self.total)
        {
            Some(count) => Err(format!("a value held by {count} of {} records", self.total)),
            None => Ok(()),
        }
    }

    /// The hash `value` is counted under, while the counts are readable.
    fn hash_of(&self, value: &str) -> Option<u64> {
        self.key
            .as_ref()
            .map(|key| keyed_hash(key.key, value.as_bytes()))
    }

    /// The keyed hash of `value` (whether or not it has a count), while
    /// the counts are readable: what a live state names values by.
    pub(crate) fn keyed_hash_of(&self, value: &str) -> Option<u64> {
        self.hash_of(value)
    }

    /// How many counted records the value with keyed hash `hash` reads
    /// as held by (`min_count - 1` for a value without a count of its own,
    /// as in [`frequency`](Self::frequency)).
    pub(crate) fn count_of_hash(&self, hash: u64) -> u32 {
        self.counts
            .get(&hash)
            .copied()
            .unwrap_or_else(|| self.absent_count())
    }

    /// Whether the value with keyed hash `hash` has a count of its own.
    pub(crate) fn counts_hash(&self, hash: u64) -> bool {
        self.key.is_some() && self.counts.contains_key(&hash)
    }

    /// Takes one counted holder of the value with keyed hash `hash` away
    /// (an erased record): its count drops by one, and a count that would
    /// fall below `min_count` is dropped (the value then reads as held by
    /// `min_count - 1`, which it is). The total, the size of the counted
    /// sample, stays. Returns whether the value's frequency changed.
    pub(crate) fn forget_hash(&mut self, hash: u64) -> bool {
        if self.key.is_none() {
            return false;
        }
        let min_count = self.min_count;
        match self.counts.get_mut(&hash) {
            Some(count) if *count > min_count => {
                *count -= 1;
                true
            }
            Some(_) => {
                self.counts.remove(&hash);
                true
            }
            None => false,
        }
    }

    /// The count a value without one of its own reads as.
    fn absent_count(&self) -> u32 {
        self.min_count.saturating_sub(1).max(1)
    }

    /// Whether the counts were hashed under a key given by the host (and
    /// are saved with the model), rather than counted in memory only.
    pub(crate) fn is_saved(&self) -> bool {
        self.key_check.is_some()
    }

    /// Whether the counts can be read (their key is known).
    #[inline]
    pub(crate) fn is_active(&self) -> bool {
        self.key.is_some()
    }

    /// Why the counts cannot be read, if they cannot.
    pub(crate) fn inactive(&self) -> Option<Inactive> {
        match (&self.key, self.key_check) {
            (Some(_), _) => None,
            (None, Some(_)) => Some(Inactive::KeyMissing),
            (None, None) => Some(Inactive::NotSaved),
        }
    }

    /// Makes loaded counts readable with `key`; `false` when they were
    /// hashed under another key (or none was saved).
    pub(crate) fn unlock(&mut self, key: &TermFrequencyKey) -> bool {
        if self.key_check == Some(key.check()) {
            self.key = Some(key.clone());
        }
        self.key.is_some()
    }

    /// The share of records holding `value`. A value not in the table is
    /// held by fewer than `min_count` records (or none): it reads as held
    /// by `min_count - 1`, the most the table allows, so that a value
    /// shared by a few records (a chain's name, a household's address)
    /// never weighs more than its count warrants.
    #[inline]
    pub(crate) fn frequency(&self, value: &str) -> f64 {
        let absent = self.absent_count();
        let count = match &self.key {
            Some(key) => self
                .counts
                .get(&keyed_hash(key.key, value.as_bytes()))
                .copied()
                .unwrap_or(absent),
            None => absent,
        };
        f64::from(count) / self.total.max(1) as f64
    }
}

/// The saved form: the counts (none without a key), sorted by hash, with
/// the key's check value.
#[derive(Serialize, Deserialize)]
struct SavedFrequencies {
    total: u64,
    /// Absent in models of earlier versions (their hashes were unkeyed:
    /// such counts are never read).
    #[serde(default)]
    min_count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key_check: Option<u64>,
    counts: Vec<(u64, u32)>,
}

impl From<TermFrequencies> for SavedFrequencies {
    fn from(frequencies: TermFrequencies) -> SavedFrequencies {
        let mut counts: Vec<(u64, u32)> = match frequencies.key_check {
            Some(_) => frequencies.counts.into_iter().collect(),
            // Hashed under the fixed key: reversible, never written.
            None => Vec::new(),
        };
        counts.sort_unstable();
        SavedFrequencies {
            total: frequencies.total,
            min_count: frequencies.min_count,
            key_check: frequencies.key_check,
            counts,
        }
    }
}

impl From<SavedFrequencies> for TermFrequencies {
    fn from(saved: SavedFrequencies) -> TermFrequencies {
        TermFrequencies {
            total: saved.total,
            min_count: saved.min_count,
            key: None,
            key_check: saved.key_check,
            counts: match saved.key_check {
                Some(_) => saved.counts.into_iter().collect(),
                None => HashMap::default(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::hash_key;
    use crate::record::OwnedRecord;
    use crate::schema::{FieldKind, Schema};

    fn family_store(names: &[&str]) -> (PreparedStore, FieldId) {
        let schema = Schema::builder()
            .field("family", FieldKind::FamilyName)
            .build()
            .unwrap();
        let family = schema.field_id("family").unwrap();
        let mut store = PreparedStore::new(schema);
        let crm = store.add_source("crm", false).unwrap();
        let records: Vec<_> = names
            .iter()
            .map(|name| OwnedRecord::without_id().with("family", name))
            .collect();
        store.ingest(crm, &records).unwrap();
        (store, family)
    }

    fn keyed(min_count: u32) -> TermFrequencyOptions {
        TermFrequencyOptions {
            key: Some(TermFrequencyKey::new("0123456789abcdef").unwrap()),
            min_count,
        }
    }

    #[test]
    fn frequencies_count_normalised_values_and_survive_saving_with_the_key() {
        let (store, family) = family_store(&["Smith", "SMITH", "smith", "Jones", "Okonkwo", ""]);
        let frequencies = TermFrequencies::count(&store, family, &keyed(2));
        assert_eq!(frequencies.total, 5);
        assert_eq!(frequencies.frequency("smith"), 3.0 / 5.0);
        assert_eq!(frequencies.frequency("jones"), 1.0 / 5.0);
        assert_eq!(frequencies.frequency("never seen"), 1.0 / 5.0);

        let json = serde_json::to_string(&frequencies).unwrap();
        let mut loaded: TermFrequencies = serde_json::from_str(&json).unwrap();
        assert_eq!(loaded.counts.len(), 1, "singletons are not kept");
        assert_eq!(loaded.inactive(), Some(Inactive::KeyMissing));
        assert_eq!(
            loaded.frequency("smith"),
            1.0 / 5.0,
            "unread without the key"
        );
        let wrong = TermFrequencyKey::new("fedcba9876543210").unwrap();
        assert!(!loaded.unlock(&wrong));
        assert!(loaded.unlock(&TermFrequencyKey::new("0123456789abcdef").unwrap()));
        assert_eq!(loaded, frequencies);
        for name in ["smith", "jones", "okonkwo", "zzz"] {
            assert_eq!(loaded.frequency(name), frequencies.frequency(name));
        }
    }

    #[test]
    fn the_saved_table_holds_no_unkeyed_hash_and_no_value_below_k() {
        let mut names = vec!["Smith"; 5];
        names.extend(["Jones"; 4]);
        let (store, family) = family_store(&names);
        let frequencies = TermFrequencies::count(&store, family, &keyed(DEFAULT_MIN_COUNT));
        assert_eq!(frequencies.frequency("smith"), 5.0 / 9.0);
        assert_eq!(
            frequencies.frequency("jones"),
            4.0 / 9.0,
            "4 records < k = 5"
        );
        assert_eq!(frequencies.frequency("okonkwo"), 4.0 / 9.0, "at most k - 1");
        let json = serde_json::to_string(&frequencies).unwrap();
        assert!(!json.contains(&hash_key(b"smith").to_string()), "{json}");
        assert!(!json.contains(&hash_key(b"jones").to_string()), "{json}");
        let saved: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(saved["counts"].as_array().map(Vec::len), Some(1));
        assert_eq!(saved["min_count"], 5);
    }

    #[test]
    fn without_a_key_counts_stay_in_memory() {
        let (store, family) = family_store(&["Smith", "Smith", "Jones"]);
        let options = TermFrequencyOptions {
            key: None,
            min_count: 2,
        };
        let frequencies = TermFrequencies::count(&store, family, &options);
        assert_eq!(frequencies.frequency("smith"), 2.0 / 3.0);
        let json = serde_json::to_string(&frequencies).unwrap();
        assert_eq!(json, r#"{"total":3,"min_count":2,"counts":[]}"#);
        let loaded: TermFrequencies = serde_json::from_str(&json).unwrap();
        assert_eq!(loaded.inactive(), Some(Inactive::NotSaved));
        assert!(!loaded.is_active());
    }

    #[test]
    fn tables_of_earlier_versions_are_never_read() {
        let legacy = format!(r#"{{"total":4,"counts":[[{},3]]}}"#, hash_key(b"smith"));
        let mut loaded: TermFrequencies = serde_json::from_str(&legacy).unwrap();
        assert_eq!(loaded.inactive(), Some(Inactive::NotSaved));
        assert!(!loaded.unlock(&TermFrequencyKey::new("0123456789abcdef").unwrap()));
        assert!(loaded.counts.is_empty());
    }

    #[test]
    fn k_below_two_is_refused() {
        assert_eq!(
            keyed(1).check(),
            Err(BuildError::InvalidParameter {
                name: "term_frequency_min_count",
                reason: "1 is below 2: a value held by one record would be kept".into()
            })
        );
        assert_eq!(keyed(2).check(), Ok(()));
    }

    #[test]
    fn an_empty_table_never_divides_by_zero() {
        assert_eq!(TermFrequencies::default().frequency("x"), 1.0);
    }
}
