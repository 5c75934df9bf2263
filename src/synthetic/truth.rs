//! The truth of a generated data set, written once for
//! [`SyntheticData`](super::SyntheticData) and
//! [`ShapeData`](super::shapes::ShapeData): records numbered globally,
//! source after source, and the true entity of each.

use super::TruePairs;
use crate::error::StoreError;
use crate::id::SourceId;
use crate::prepare::{PrepareOptions, PreparedStore};
use crate::record::OwnedRecord;
use crate::schema::Schema;

/// A generated source: its name, records and their true entities.
pub(super) trait GeneratedSource {
    /// The source's name.
    fn name(&self) -> &'static str;
    /// Whether the source holds each entity at most once.
    fn is_duplicate_free(&self) -> bool;
    /// The records.
    fn records(&self) -> &[OwnedRecord];
    /// The true entity of each record, parallel to `records`.
    fn entities(&self) -> &[u32];
}

/// A generated data set: its sources in global-index order, how many
/// entities they describe, and how to read them. The data types' public
/// methods of the same names call these.
pub(super) trait GeneratedData {
    type Source: GeneratedSource;

    /// The sources, in the order of global record indices.
    fn sources(&self) -> &[Self::Source];
    /// How many entities there are (ids `0..entity_count`).
    fn entity_count(&self) -> usize;
    /// The matching schema of the generated fields.
    fn schema(&self) -> Schema;
    /// Options that read the generated values right.
    fn prepare_options(&self) -> PrepareOptions;

    /// Registers the sources in `store` and ingests their records, in
    /// source order; returns the source ids.
    fn ingest_into(&self, store: &mut PreparedStore) -> Result<Vec<SourceId>, StoreError> {
        let mut ids = Vec::with_capacity(self.sources().len());
        for source in self.sources() {
            let id = store.add_source(source.name(), source.is_duplicate_free())?;
            store.ingest(id, source.records())?;
            ids.push(id);
        }
        Ok(ids)
    }

    /// A new store with the schema and options, holding every record.
    fn prepared_store(&self) -> Result<PreparedStore, StoreError> {
        let mut store = PreparedStore::with_options(self.schema(), self.prepare_options());
        self.ingest_into(&mut store)?;
        Ok(store)
    }

    /// The source and position within it of global record `index`.
    fn locate(&self, mut index: usize) -> Option<(&Self::Source, usize)> {
        for source in self.sources() {
            let len = source.records().len();
            if index < len {
                return Some((source, index));
            }
            index -= len;
        }
        None
    }

    /// The record with global index `index`.
    fn record(&self, index: usize) -> Option<&OwnedRecord> {
        self.locate(index)
            .and_then(|(source, local)| source.records().get(local))
    }

    /// The true entity of the record with global index `index`.
    fn entity(&self, index: usize) -> Option<u32> {
        self.locate(index)
            .and_then(|(source, local)| source.entities().get(local).copied())
    }

    /// Whether two global record indices are distinct records of the
    /// same entity.
    fn is_true_pair(&self, a: usize, b: usize) -> bool {
        a != b && matches!((self.entity(a), self.entity(b)), (Some(x), Some(y)) if x == y)
    }

    /// How many records each entity has.
    fn records_per_entity(&self) -> Vec<u32> {
        let mut counts = vec![0u32; self.entity_count()];
        for &entity in self.sources().iter().flat_map(|source| source.entities()) {
            if let Some(count) = counts.get_mut(entity as usize) {
                *count += 1;
            }
        }
        counts
    }

    /// How many records the largest entity has.
    fn largest_entity(&self) -> usize {
        self.records_per_entity()
            .into_iter()
            .max()
            .map_or(0, |n| n as usize)
    }

    /// How many unordered record pairs belong to the same entity.
    fn true_pair_count(&self) -> u64 {
        self.records_per_entity()
            .into_iter()
            .map(|n| {
                let n = u64::from(n);
                n * n.saturating_sub(1) / 2
            })
            .sum()
    }

    /// Every true pair as `(a, b)` global indices with `a < b`, grouped
    /// by entity in entity order.
    fn true_pairs(&self) -> TruePairs {
        // Counting sort of the global indices by entity: stable, so each
        // entity's records stay in increasing order.
        let counts = self.records_per_entity();
        let mut starts = Vec::with_capacity(counts.len() + 1);
        let mut total = 0usize;
        starts.push(0);
        for &count in &counts {
            total += count as usize;
            starts.push(total);
        }
        let mut next = starts.clone();
        let mut order = vec![0u32; total];
        let entities = self.sources().iter().flat_map(|source| source.entities());
        for (index, &entity) in entities.enumerate() {
            if let Some(slot) = next.get_mut(entity as usize) {
                if let Some(place) = order.get_mut(*slot) {
                    *place = index as u32;
                }
                *slot += 1;
            }
        }
        TruePairs {
            order,
            starts,
            entity: 0,
            first: 0,
            second: 1,
        }
    }
}
