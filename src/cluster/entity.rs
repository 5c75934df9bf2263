//! Entities and their stable ids: the clustering's output.

use std::cmp::Ordering;

use serde::Serialize;

use crate::cluster::diagnostics::{ClusterDiagnostics, LARGEST_KEPT};
use crate::cluster::disjoint_sets::DisjointSets;
use crate::cluster::pair::EdgeKey;
use crate::id::{EntityId, RecordIndex};
use crate::prepare::PreparedStore;

impl EntityId {
    /// The id of an entity anchored at record `record_id` of the source
    /// named `source_name` (before any collision counter).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::cluster::EntityId;
    /// assert_eq!(EntityId::of_anchor("crm", "1"), EntityId::of_anchor("crm", "1"));
    /// // The length prefix keeps ("cr", "m1") apart from ("crm", "1").
    /// assert_ne!(EntityId::of_anchor("cr", "m1"), EntityId::of_anchor("crm", "1"));
    /// ```
    pub fn of_anchor(source_name: &str, record_id: &str) -> EntityId {
        EntityId(anchor_hash(source_name, record_id, 0))
    }
}

/// FNV-1a over the anchor's key, then the SplitMix64 finaliser (the
/// crate's [`hash_key`](crate::hash::hash_key)). Fixed for all time: ids
/// are stored by hosts.
fn anchor_hash(source_name: &str, record_id: &str, counter: u64) -> u64 {
    let mut key = Vec::with_capacity(8 + source_name.len() + record_id.len() + 9);
    key.extend_from_slice(&(source_name.len() as u64).to_le_bytes());
    key.extend_from_slice(source_name.as_bytes());
    key.extend_from_slice(record_id.as_bytes());
    if counter > 0 {
        // 0xFF never occurs in UTF-8, so no record id can end in what
        // looks like a counter.
        key.push(0xFF);
        key.extend_from_slice(&counter.to_le_bytes());
    }
    crate::hash::hash_key(&key)
}

/// One entity of a [`Clustering`]: its id, anchor and members.
///
/// With serde it is `{"id": "<16 hex digits>", "anchor": 3, "members":
/// [3, 7]}`: the anchor and members are positions in the store the
/// clustering was built from, for a host that keeps that store. For
/// clients without it, the entity's
/// [`GoldenRecord`](crate::survive::GoldenRecord) names every member by
/// source and record id (see
/// [`Resolution::entities_with_golden`](crate::resolve::Resolution::entities_with_golden)).
///
/// # Examples
///
/// ```
/// use sameas::cluster::{cluster, ClusterOptions};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
///
/// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[OwnedRecord::new("1")])?;
/// let clustering = cluster(&store, &[], &ClusterOptions::new())?;
/// let entity = clustering.entities().next().unwrap();
/// assert_eq!((entity.len(), entity.members()[0].get()), (1, 0));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Entity<'a> {
    id: EntityId,
    anchor: RecordIndex,
    members: &'a [RecordIndex],
}

impl<'a> Entity<'a> {
    /// The entity's stable id (see [`EntityId`]).
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::cluster::{cluster, ClusterOptions, EntityId};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("7")])?;
    /// let clustering = cluster(&store, &[], &ClusterOptions::new())?;
    /// assert_eq!(clustering.entities().next().unwrap().id(), EntityId::of_anchor("crm", "7"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn id(&self) -> EntityId {
        self.id
    }

    /// The member whose `(source name, record id)` is smallest; the id
    /// derives from it.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::cluster::{cluster, ClusterOptions, ScoredPair};
    /// # use sameas::matcher::Score;
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("b"), OwnedRecord::new("a")])?;
    /// let pair = ScoredPair::new(RecordIndex::from_position(0), RecordIndex::from_position(1), Score::from_probability(1.0));
    /// let clustering = cluster(&store, &[pair], &ClusterOptions::new())?;
    /// assert_eq!(clustering.entities().next().unwrap().anchor().get(), 1);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn anchor(&self) -> RecordIndex {
        self.anchor
    }

    /// The members in store order.
    pub fn members(&self) -> &'a [RecordIndex] {
        self.members
    }

    /// How many records the entity has (at least one).
    #[allow(clippy::len_without_is_empty)] // an entity is never empty
    pub fn len(&self) -> usize {
        self.members.len()
    }
}

/// Every record of a store assigned to exactly one entity, with
/// [`ClusterDiagnostics`]. Entities are ordered by their first member in
/// store order.
///
/// # Examples
///
/// ```
/// use sameas::cluster::{cluster, ClusterOptions, ScoredPair};
/// use sameas::matcher::Score;
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
///
/// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[OwnedRecord::new("1"), OwnedRecord::new("2"), OwnedRecord::new("3")])?;
/// let at = RecordIndex::from_position;
/// let clustering = cluster(&store, &[ScoredPair::new(at(2), at(0), Score::from_probability(0.8))], &ClusterOptions::new())?;
/// assert_eq!(clustering.len(), 2);
/// assert!(clustering.same_entity(at(0), at(2)));
/// assert!(!clustering.same_entity(at(0), at(1)));
/// let entity = clustering.entity_of(at(2)).unwrap();
/// assert_eq!(clustering.entity(entity.id()), Some(entity));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Clustering {
    /// Per record: its entity's position in `ids`.
    entity_of: Vec<u32>,
    /// Entity `e`'s members are `members[offsets[e]..offsets[e + 1]]`.
    offsets: Vec<u32>,
    members: Vec<RecordIndex>,
    ids: Vec<EntityId>,
    anchors: Vec<RecordIndex>,
    /// `(id, entity position)` sorted by id, for look-ups by id.
    by_id: Vec<(EntityId, u32)>,
    diagnostics: ClusterDiagnostics,
}

impl Clustering {
    /// Reads the groups of `sets` as entities; `edges` (the accepted
    /// pairs) give the density of the largest.
    pub(crate) fn assemble(
        store: &PreparedStore,
        sets: &mut DisjointSets,
        edges: &[EdgeKey],
        mut diagnostics: ClusterDiagnostics,
    ) -> Clustering {
        let records = store.len();
        // Number entities by first member in store order.
        let mut entity_of_root = vec![u32::MAX; records];
        let mut entity_of = Vec::with_capacity(records);
        let mut sizes: Vec<u32> = Vec::new();
        for position in 0..records as u32 {
            let root = sets.find(position) as usize;
            if entity_of_root[root] == u32::MAX {
                entity_of_root[root] = sizes.len() as u32;
                sizes.push(0);
            }
            let entity = entity_of_root[root];
            sizes[entity as usize] += 1;
            entity_of.push(entity);
        }
        drop(entity_of_root);
        let mut offsets = Vec::with_capacity(sizes.len() + 1);
        let mut total = 0u32;
        offsets.push(0);
        for size in &sizes {
            total += size;
            offsets.push(total);
        }
        let mut fill: Vec<u32> = offsets.clone();
        let mut members = vec![RecordIndex(0); records];
        for (position, &entity) in entity_of.iter().enumerate() {
            let slot = &mut fill[entity as usize];
            members[*slot as usize] = RecordIndex(position as u32);
            *slot += 1;
        }
        drop(fill);

        let anchor_keys = AnchorKeys::new(store);
        let entity_members =
            |entity: usize| &members[offsets[entity] as usize..offsets[entity + 1] as usize];
        let anchor_of = |entity: usize| {
            entity_members(entity)
                .iter()
                .copied()
                .min_by(|&x, &y| anchor_keys.compare(x, y))
                .unwrap_or(RecordIndex(0))
        };
        let anchors: Vec<RecordIndex> = crate::par::map_indices(sizes.len(), anchor_of);
        let (ids, by_id) = assign_ids(&anchor_keys, &anchors);

        diagnostics.entities = sizes.len();
        diagnostics.sizes = size_distribution(&sizes);
        diagnostics.largest = largest(&sizes, &ids);
        diagnostics.largest_density =
            largest_density(&diagnostics.largest, &by_id, &entity_of, edges);
        Clustering {
            entity_of,
            offsets,
            members,
            ids,
            anchors,
            by_id,
            diagnostics,
        }
    }

    /// How many entities there are (as many as records when nothing
    /// merged; 0 only for an empty store).
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are no entities (the store is empty).
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The entities, ordered by their first member in store order.
    pub fn entities(&self) -> impl ExactSizeIterator<Item = Entity<'_>> + '_ {
        (0..self.ids.len()).map(move |entity| self.entity_at(entity))
    }

    /// The entity holding `record`; `None` for a record outside the store.
    pub fn entity_of(&self, record: RecordIndex) -> Option<Entity<'_>> {
        let entity = *self.entity_of.get(record.get())?;
        Some(self.entity_at(entity as usize))
    }

    /// Every record's entity id, in store order: the predicted labels
    /// [`eval::evaluate_clustering`](crate::eval::evaluate_clustering)
    /// takes.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::cluster::{cluster, ClusterOptions, EntityId, ScoredPair};
    /// # use sameas::matcher::Score;
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1"), OwnedRecord::new("2"), OwnedRecord::new("3")])?;
    /// let pair = ScoredPair::new(RecordIndex::from_position(1), RecordIndex::from_position(2), Score::from_probability(0.9));
    /// let labels = cluster(&store, &[pair], &ClusterOptions::new())?.labels();
    /// assert_eq!(labels, [EntityId::of_anchor("crm", "1"), EntityId::of_anchor("crm", "2"), EntityId::of_anchor("crm", "2")]);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn labels(&self) -> Vec<EntityId> {
        self.entity_of
            .iter()
            .map(|&entity| {
                self.ids
                    .get(entity as usize)
                    .copied()
                    .unwrap_or(EntityId(0))
            })
            .collect()
    }

    /// The entity with this id, if the clustering has one.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::cluster::{cluster, ClusterOptions, EntityId};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1")])?;
    /// let clustering = cluster(&store, &[], &ClusterOptions::new())?;
    /// assert!(clustering.entity(EntityId::of_anchor("crm", "1")).is_some());
    /// assert!(clustering.entity(EntityId::of_anchor("crm", "2")).is_none());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn entity(&self, id: EntityId) -> Option<Entity<'_>> {
        let found = self.by_id.binary_search_by_key(&id, |&(id, _)| id).ok()?;
        let (_, entity) = self.by_id.get(found)?;
        Some(self.entity_at(*entity as usize))
    }

    /// Whether two records are in the same entity (`false` when either is
    /// outside the store).
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::cluster::{cluster, ClusterOptions};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1")])?;
    /// let clustering = cluster(&store, &[], &ClusterOptions::new())?;
    /// let at = RecordIndex::from_position;
    /// assert!(clustering.same_entity(at(0), at(0)));
    /// assert!(!clustering.same_entity(at(0), at(5)));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn same_entity(&self, a: RecordIndex, b: RecordIndex) -> bool {
        match (self.entity_of.get(a.get()), self.entity_of.get(b.get())) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        }
    }

    /// What clustering did (see [`ClusterDiagnostics`]).
    pub fn diagnostics(&self) -> &ClusterDiagnostics {
        &self.diagnostics
    }

    pub(crate) fn entity_at(&self, entity: usize) -> Entity<'_> {
        let start = self.offsets.get(entity).copied().unwrap_or(0) as usize;
        let end = self.offsets.get(entity + 1).copied().unwrap_or(0) as usize;
        Entity {
            id: self.ids.get(entity).copied().unwrap_or(EntityId(0)),
            anchor: self.anchors.get(entity).copied().unwrap_or(RecordIndex(0)),
            members: self.members.get(start..end).unwrap_or(&[]),
        }
    }
}

/// Compares records by `(source name, record id, store position)`.
struct AnchorKeys<'a> {
    store: &'a PreparedStore,
    /// Per source number: its rank among the source names.
    source_rank: Vec<u32>,
}

impl<'a> AnchorKeys<'a> {
    fn new(store: &'a PreparedStore) -> AnchorKeys<'a> {
        let sources = store.sources();
        let mut by_name: Vec<usize> = (0..sources.len()).collect();
        by_name.sort_by(|&x, &y| sources[x].name().cmp(sources[y].name()));
        let mut source_rank = vec![0u32; sources.len()];
        for (rank, source) in by_name.into_iter().enumerate() {
            source_rank[source] = rank as u32;
        }
        AnchorKeys { store, source_rank }
    }

    /// `(source name, record id)` of a record in the store.
    fn key(&self, record: RecordIndex) -> (&'a str, &'a str) {
        match self.store.record(record) {
            Some(prepared) => (self.store.source(prepared.source()).name(), prepared.id()),
            None => ("", ""),
        }
    }

    fn compare(&self, x: RecordIndex, y: RecordIndex) -> Ordering {
        let rank = |record: RecordIndex| {
            self.store
                .record(record)
                .and_then(|prepared| self.source_rank.get(usize::from(prepared.source().0)))
                .copied()
                .unwrap_or(u32::MAX)
        };
        rank(x)
            .cmp(&rank(y))
            .then_with(|| self.key(x).1.cmp(self.key(y).1))
            .then(x.cmp(&y))
    }
}

/// Hashes the anchors and resolves collisions (see [`EntityId`]).
fn assign_ids(
    keys: &AnchorKeys<'_>,
    anchors: &[RecordIndex],
) -> (Vec<EntityId>, Vec<(EntityId, u32)>) {
    let hash = |anchor: RecordIndex, counter: u64| {
        let (source, id) = keys.key(anchor);
        EntityId(anchor_hash(source, id, counter))
    };
    let mut ids: Vec<EntityId> = anchors.iter().map(|&anchor| hash(anchor, 0)).collect();
    let by_id = sorted_by_id(&ids);
    let collides = by_id.windows(2).any(|pair| pair[0].0 == pair[1].0);
    if !collides {
        return (ids, by_id);
    }
    let mut taken: std::collections::BTreeSet<EntityId> = ids.iter().copied().collect();
    let mut start = 0;
    while start < by_id.len() {
        let id = by_id[start].0;
        let mut end = start + 1;
        while end < by_id.len() && by_id[end].0 == id {
            end += 1;
        }
        let mut group: Vec<u32> = by_id[start..end]
            .iter()
            .map(|&(_, entity)| entity)
            .collect();
        group.sort_by(|&x, &y| keys.compare(anchors[x as usize], anchors[y as usize]));
        for &entity in group.iter().skip(1) {
            let mut counter = 1u64;
            let mut candidate = hash(anchors[entity as usize], counter);
            while taken.contains(&candidate) {
                counter += 1;
                candidate = hash(anchors[entity as usize], counter);
            }
            taken.insert(candidate);
            ids[entity as usize] = candidate;
        }
        start = end;
    }
    let by_id = sorted_by_id(&ids);
    (ids, by_id)
}

/// `(id, entity position)` for every entity, sorted by id.
fn sorted_by_id(ids: &[EntityId]) -> Vec<(EntityId, u32)> {
    let mut by_id: Vec<(EntityId, u32)> = ids
        .iter()
        .enumerate()
        .map(|(entity, &id)| (id, entity as u32))
        .collect();
    by_id.sort_unstable();
    by_id
}

/// `(size, count)` for every size present, ascending.
fn size_distribution(sizes: &[u32]) -> Vec<(usize, usize)> {
    let largest = sizes.iter().copied().max().unwrap_or(0) as usize;
    let mut counts = vec![0usize; largest + 1];
    for &size in sizes {
        counts[size as usize] += 1;
    }
    counts
        .into_iter()
        .enumerate()
        .filter(|&(_, count)| count > 0)
        .collect()
}

/// The largest entities, largest first, ties by id.
fn largest(sizes: &[u32], ids: &[EntityId]) -> Vec<(EntityId, usize)> {
    let mut ranked: Vec<(std::cmp::Reverse<u32>, EntityId)> = sizes
        .iter()
        .zip(ids)
        .map(|(&size, &id)| (std::cmp::Reverse(size), id))
        .collect();
    if ranked.len() > LARGEST_KEPT {
        ranked.select_nth_unstable(LARGEST_KEPT - 1);
        ranked.truncate(LARGEST_KEPT);
    }
    ranked.sort_unstable();
    ranked
        .into_iter()
        .map(|(std::cmp::Reverse(size), id)| (id, size as usize))
        .collect()
}

/// Accepted pairs among the members of each of the `largest` entities
/// over their record pairs, one pass over the accepted pairs (a pair
/// given twice counts once).
fn largest_density(
    largest: &[(EntityId, usize)],
    by_id: &[(EntityId, u32)],
    entity_of: &[u32],
    edges: &[EdgeKey],
) -> Vec<f64> {
    let positions: Vec<u32> = largest
        .iter()
        .map(|(id, _)| {
            by_id
                .binary_search_by_key(id, |&(id, _)| id)
                .map_or(u32::MAX, |found| by_id[found].1)
        })
        .collect();
    let mut inside: Vec<Vec<(u32, u32)>> = vec![Vec::new(); largest.len()];
    for edge in edges {
        let entity = entity_of[edge.low as usize];
        if entity != entity_of[edge.high as usize] {
            continue;
        }
        if let Some(rank) = positions.iter().position(|&position| position == entity) {
            inside[rank].push((edge.low, edge.high));
        }
    }
    largest
        .iter()
        .zip(inside)
        .map(|(&(_, size), mut pairs)| {
            pairs.sort_unstable();
            pairs.dedup();
            let possible = (size as u64) * (size as u64).saturating_sub(1) / 2;
            if possible == 0 {
                1.0
            } else {
                pairs.len() as f64 / possible as f64
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_hash_is_fixed() {
        // These values are part of the format: stored ids must keep
        // resolving. Changing the hash is a breaking change.
        let fixed = [
            EntityId::of_anchor("crm", "1").get(),
            EntityId::of_anchor("", "").get(),
            EntityId::of_anchor("web", "Zoë").get(),
        ];
        // Computed independently (Python) from the documented recipe.
        assert_eq!(
            fixed,
            [
                6485288158146712359,
                9313164154874788883,
                4946110382421942354
            ]
        );
    }

    #[test]
    fn counters_change_the_hash() {
        assert_ne!(anchor_hash("crm", "1", 0), anchor_hash("crm", "1", 1));
        assert_ne!(anchor_hash("crm", "1", 1), anchor_hash("crm", "1", 2));
        // A record id cannot impersonate a counter.
        let mut forged = String::from("1");
        forged.push_str("\u{1}\0\0\0\0\0\0\0");
        assert_ne!(anchor_hash("crm", "1", 1), anchor_hash("crm", &forged, 0));
    }

    #[test]
    fn largest_keeps_ten_by_size_then_id() {
        let sizes: Vec<u32> = (0..30).map(|n| n % 7 + 1).collect();
        let ids: Vec<EntityId> = (0..30).map(|n| EntityId(100 - n)).collect();
        let top = largest(&sizes, &ids);
        assert_eq!(top.len(), 10);
        assert_eq!(top[0], (EntityId(100 - 27), 7));
        assert_eq!(top[1], (EntityId(100 - 20), 7));
        assert!(top.windows(2).all(|pair| pair[0].1 >= pair[1].1));
        assert_eq!(size_distribution(&[1, 3, 1]), [(1, 2), (3, 1)]);
        assert_eq!(size_distribution(&[]), []);
    }
}
