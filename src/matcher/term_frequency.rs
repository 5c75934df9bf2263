//! Term frequencies: how often each normalised value of a field occurs,
//! so that agreeing on a rare surname counts more than on a common one.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use serde::{Deserialize, Serialize};

use crate::hash::{KeyHasher, hash_key};
use crate::id::FieldId;
use crate::prepare::PreparedStore;

/// Value hash → records holding the value. Values are kept as hashes:
/// a saved model holds no names.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(from = "SavedFrequencies", into = "SavedFrequencies")]
pub(crate) struct TermFrequencies {
    /// Records with a value.
    total: u64,
    counts: HashMap<u64, u32, BuildHasherDefault<KeyHasher>>,
}

impl TermFrequencies {
    /// Counts the values of `field` over the store.
    pub(crate) fn count(store: &PreparedStore, field: FieldId) -> TermFrequencies {
        let mut frequencies = TermFrequencies::default();
        for value in store.records().filter_map(|record| record.text(field)) {
            frequencies.total += 1;
            let count = frequencies
                .counts
                .entry(hash_key(value.as_bytes()))
                .or_insert(0);
            *count = count.saturating_add(1);
        }
        // A value held by one record reads as unknown: keep the rest.
        frequencies.counts.retain(|_, count| *count > 1);
        frequencies.counts.shrink_to_fit();
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

    /// Whether `value` has a count of its own (two or more holders when
    /// counted): only such a count can change.
    pub(crate) fn counts(&self, value: &str) -> bool {
        self.counts.contains_key(&hash_key(value.as_bytes()))
    }

    /// How many counted records hold `value` (1 for a value without a
    /// count of its own).
    pub(crate) fn count_of(&self, value: &str) -> u32 {
        self.counts
            .get(&hash_key(value.as_bytes()))
            .copied()
            .unwrap_or(1)
    }

    /// Takes one counted holder of `value` away (an erased record): its
    /// count drops by one, and a count of one is dropped (one holder reads
    /// as an unknown value). The total, the size of the counted sample,
    /// stays. Returns whether the value's frequency changed.
    pub(crate) fn forget(&mut self, value: &str) -> bool {
        let key = hash_key(value.as_bytes());
        match self.counts.get_mut(&key) {
            Some(count) if *count > 2 => {
                *count -= 1;
                true
            }
            Some(_) => {
                self.counts.remove(&key);
                true
            }
            None => false,
        }
    }

    /// The share of records holding `value` (a value never counted, or
    /// counted once and dropped when saved, is held by one record).
    #[inline]
    pub(crate) fn frequency(&self, value: &str) -> f64 {
        let count = self
            .counts
            .get(&hash_key(value.as_bytes()))
            .copied()
            .unwrap_or(1);
        f64::from(count) / self.total.max(1) as f64
    }
}

/// The saved form: only values held by two or more records (a value held
/// by one record reads the same as an unknown one), sorted by hash.
#[derive(Serialize, Deserialize)]
struct SavedFrequencies {
    total: u64,
    counts: Vec<(u64, u32)>,
}

impl From<TermFrequencies> for SavedFrequencies {
    fn from(frequencies: TermFrequencies) -> SavedFrequencies {
        let mut counts: Vec<(u64, u32)> = frequencies
            .counts
            .into_iter()
            .filter(|&(_, count)| count > 1)
            .collect();
        counts.sort_unstable();
        SavedFrequencies {
            total: frequencies.total,
            counts,
        }
    }
}

impl From<SavedFrequencies> for TermFrequencies {
    fn from(saved: SavedFrequencies) -> TermFrequencies {
        TermFrequencies {
            total: saved.total,
            counts: saved.counts.into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::OwnedRecord;
    use crate::schema::{FieldKind, Schema};

    #[test]
    fn frequencies_count_normalised_values_and_survive_saving() {
        let schema = Schema::builder()
            .field("family", FieldKind::FamilyName)
            .build()
            .unwrap();
        let family = schema.field_id("family").unwrap();
        let mut store = PreparedStore::new(schema);
        let crm = store.add_source("crm", false).unwrap();
        let names = ["Smith", "SMITH", "smith", "Jones", "Okonkwo", ""];
        let records: Vec<_> = names
            .iter()
            .map(|name| OwnedRecord::without_id().with("family", name))
            .collect();
        store.ingest(crm, &records).unwrap();

        let frequencies = TermFrequencies::count(&store, family);
        assert_eq!(frequencies.total, 5);
        assert_eq!(frequencies.frequency("smith"), 3.0 / 5.0);
        assert_eq!(frequencies.frequency("jones"), 1.0 / 5.0);
        assert_eq!(frequencies.frequency("never seen"), 1.0 / 5.0);

        let json = serde_json::to_string(&frequencies).unwrap();
        let loaded: TermFrequencies = serde_json::from_str(&json).unwrap();
        assert_eq!(loaded.counts.len(), 1, "singletons are not kept");
        assert_eq!(loaded, frequencies);
        for name in ["smith", "jones", "okonkwo", "zzz"] {
            assert_eq!(loaded.frequency(name), frequencies.frequency(name));
        }
    }

    #[test]
    fn an_empty_table_never_divides_by_zero() {
        assert_eq!(TermFrequencies::default().frequency("x"), 1.0);
    }
}
