//! What happens to a record whose id repeats an earlier one of its
//! source.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::error::{Error, ResolveError, StoreError};
use crate::id::{RecordIndex, SourceId};
use crate::prepare::PreparedStore;
use crate::record::Record;

/// What a [`Resolver`](super::Resolver) does with a record whose id
/// repeats the id of an earlier record of the same source (given in the
/// same call or an earlier one). The id compared is the one the store
/// keeps: the record's id trimmed, or its number in the source when it
/// has none.
///
/// Two records with one id cannot be told apart in the output (an
/// entity file keyed by source and id, a golden record's provenance), so
/// the default refuses them.
///
/// # Examples
///
/// ```
/// use sameas::resolve::{RepeatedIds, Resolver};
/// use sameas::resolve::ResolveError;
/// use sameas::{Error, FieldKind, OwnedRecord, Schema};
///
/// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
/// let rows = [
///     OwnedRecord::new("7").with("email", "ann@x.org"),
///     OwnedRecord::new("8").with("email", "bob@x.org"),
///     OwnedRecord::new("7").with("email", "ann@y.org"),
/// ];
/// let mut strict = Resolver::new(schema.clone());
/// assert_eq!(
///     strict.add_source("crm", false, &rows).unwrap_err(),
///     Error::Resolve(ResolveError::RepeatedRecordId { source_name: "crm".into(), first: 0, repeat: 2 }),
/// );
/// assert!(strict.store().is_empty());
///
/// let mut lenient = Resolver::new(schema);
/// lenient.repeated_ids(RepeatedIds::KeepFirst);
/// lenient.add_source("crm", false, &rows)?;
/// assert_eq!(lenient.store().len(), 2);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RepeatedIds {
    /// Refuse the call with [`ResolveError::RepeatedRecordId`], which names the
    /// source and the positions of the two records in it (never the id
    /// or a value); nothing of the call is kept. The default.
    ///
    /// The check remembers a hash of every id until
    /// [`resolve`](super::Resolver::resolve): some 16 to 32 bytes a
    /// record.
    #[default]
    Reject,
    /// Keep the first record with an id and skip later ones, counted in
    /// [`RunStats::skipped_records`](super::RunStats::skipped_records).
    /// Records without an id are numbered by their place among the
    /// source's kept records. The check costs what `Reject`'s does.
    KeepFirst,
    /// Keep every record, unchecked (and without the memory the check
    /// takes): ids may then repeat in the store, and
    /// [`Resolution::records_with_id`](super::Resolution::records_with_id)
    /// finds each of them.
    KeepAll,
}

/// The ids seen in one source: the store index of the first record with
/// each, by a 64-bit hash of the id (8 + 4 bytes an id), and by the id
/// itself for the rare id whose hash an earlier, different id took.
#[derive(Default)]
pub(crate) struct SeenIds {
    by_hash: HashMap<u64, u32, ahash::RandomState>,
    collided: HashMap<String, u32, ahash::RandomState>,
}

/// What checking one call added to a [`SeenIds`].
#[derive(Default)]
pub(crate) struct Added {
    hashes: Vec<u64>,
    collided: Vec<String>,
}

impl SeenIds {
    /// The first record with `id`, if seen; else remembers `index` as it.
    /// `id_at` gives the id of a remembered index.
    fn first_or_insert(
        &mut self,
        id: &str,
        hash: u64,
        index: u32,
        id_at: impl Fn(u32) -> bool,
        added: &mut Added,
    ) -> Option<u32> {
        match self.by_hash.get(&hash).copied() {
            None => {
                self.by_hash.insert(hash, index);
                added.hashes.push(hash);
                None
            }
            Some(first) if id_at(first) => Some(first),
            // Another id has this hash.
            Some(_) => match self.collided.get(id).copied() {
                Some(first) => Some(first),
                None => {
                    self.collided.insert(id.to_string(), index);
                    added.collided.push(id.to_string());
                    None
                }
            },
        }
    }

    /// Forgets what a refused call added.
    pub(crate) fn undo(&mut self, added: Added) {
        for hash in added.hashes {
            self.by_hash.remove(&hash);
        }
        for id in added.collided {
            self.collided.remove(&id);
        }
    }
}

/// The id the store keeps for `record`: its id trimmed, else `number`.
fn kept_id<'a, R: Record>(record: &'a R, number: u64, buffer: &'a mut String) -> Cow<'a, str> {
    match record.id() {
        Some(id) if !id.trim().is_empty() => match id {
            Cow::Borrowed(id) => Cow::Borrowed(id.trim()),
            Cow::Owned(id) => Cow::Owned(id.trim().to_string()),
        },
        _ => {
            buffer.clear();
            buffer.push_str(&number.to_string());
            Cow::Borrowed(buffer.as_str())
        }
    }
}

/// Which of `records` to ingest into `source` under `policy`: their
/// positions in `records`, in order (`None` when every record is kept),
/// with what was added to `seen` (to undo should the ingestion fail). On
/// error `seen` is left as it was.
pub(crate) fn filter_repeated<R: Record>(
    policy: RepeatedIds,
    store: &PreparedStore,
    source: SourceId,
    records: &[R],
    seen: &mut SeenIds,
) -> Result<(Option<Vec<usize>>, Added), Error> {
    if policy == RepeatedIds::KeepAll {
        return Ok((None, Added::default()));
    }
    let source_name = store
        .try_source(source)
        .ok_or(StoreError::UnknownSource(usize::from(source.0)))?
        .name();
    let ingested = store.source_len(source);
    let stored = store.len();
    let mut kept: Vec<usize> = Vec::with_capacity(records.len());
    let mut added = Added::default();
    let mut buffer = String::new();
    for (offset, record) in records.iter().enumerate() {
        // A record without an id is numbered by its place among the
        // source's kept records, as the store will number it.
        let id = kept_id(record, ingested + kept.len() as u64, &mut buffer);
        let hash = crate::hash::hash_key(id.as_bytes());
        let index = u32::try_from(stored + kept.len()).map_err(|_| StoreError::TooManyRecords)?;
        // Whether the record remembered at `first` has this id.
        let id_at = |first: u32| match (first as usize).checked_sub(stored) {
            None => store
                .record(RecordIndex::from_position(first as usize))
                .is_some_and(|record| record.id() == id),
            Some(pending) => kept.get(pending).is_some_and(|&at| {
                let mut scratch = String::new();
                kept_id(&records[at], ingested + pending as u64, &mut scratch) == id
            }),
        };
        let Some(first) = seen.first_or_insert(&id, hash, index, id_at, &mut added) else {
            kept.push(offset);
            continue;
        };
        if policy == RepeatedIds::Reject {
            seen.undo(added);
            let first = match (first as usize).checked_sub(stored) {
                Some(pending) => ingested + pending as u64,
                None => store.position_in_source(RecordIndex::from_position(first as usize)),
            };
            return Err(ResolveError::RepeatedRecordId {
                source_name: source_name.to_string(),
                first,
                repeat: ingested + offset as u64,
            }
            .into());
        }
    }
    Ok(((kept.len() < records.len()).then_some(kept), added))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sharing_a_hash_are_told_apart_and_undone() {
        let mut seen = SeenIds::default();
        let ids = ["a", "b", "a", "b", "c"];
        let id_at = |first: u32| ids[first as usize];
        let mut added = Added::default();
        // Every id gets the same hash: only the ids tell them apart.
        let check = |seen: &mut SeenIds, position: u32, added: &mut Added| {
            let id = ids[position as usize];
            seen.first_or_insert(id, 42, position, |first| id_at(first) == id, added)
        };
        assert_eq!(check(&mut seen, 0, &mut added), None);
        assert_eq!(check(&mut seen, 1, &mut added), None);
        assert_eq!(check(&mut seen, 2, &mut added), Some(0));
        assert_eq!(check(&mut seen, 3, &mut added), Some(1));
        let mut later = Added::default();
        assert_eq!(check(&mut seen, 4, &mut later), None);
        seen.undo(later);
        assert!(!seen.collided.contains_key("c"));
        seen.undo(added);
        assert!(seen.by_hash.is_empty() && seen.collided.is_empty());
    }
}
