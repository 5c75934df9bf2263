//! What a change did to entities.

use crate::id::EntityId;

/// A record named as the host names it: its source and its id there.
///
/// # Examples
///
/// ```
/// use sameas::live::RecordKey;
/// let key = RecordKey::new("crm", "c1");
/// assert_eq!((key.source(), key.record_id()), ("crm", "c1"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordKey {
    source: String,
    record_id: String,
}

impl RecordKey {
    /// The record `record_id` of source `source`.
    pub fn new(source: impl Into<String>, record_id: impl Into<String>) -> RecordKey {
        RecordKey {
            source: source.into(),
            record_id: record_id.into(),
        }
    }

    /// The source's name.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The record's id in its source.
    pub fn record_id(&self) -> &str {
        &self.record_id
    }
}

/// One thing a change did to entities. A change returns every
/// [`EntityChange`] it caused, in this order: merges, splits, created and
/// removed entities (each group by id), then what happened to the changed
/// record itself.
///
/// Id rules (see the [module documentation](super)): an entity keeps its
/// id while it exists; a merge keeps the id of the oldest (then largest,
/// then smallest id) entity and reports the others as merged into it; a
/// split keeps the id on the part holding the oldest member (unless an
/// older entity's merge took that part, then on its largest other part)
/// and gives the other parts new ids; entities the change did not touch
/// never change id.
///
/// # Examples
///
/// ```
/// use sameas::live::EntityChange;
/// use sameas::EntityId;
/// let change = EntityChange::Removed { entity: "00000000000000ff".parse::<EntityId>()? };
/// assert_eq!(change.entity().get(), 255);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EntityChange {
    /// A new entity id: a new record's own entity, or a part split off.
    Created {
        /// The new entity.
        entity: EntityId,
    },
    /// Entities merged: `from` are gone, their records are in `into`.
    Merged {
        /// The surviving entity.
        into: EntityId,
        /// The entities merged into it (ascending).
        from: Vec<EntityId>,
    },
    /// Part of an entity's records went to other entities (new ones, or
    /// existing ones that took them).
    Split {
        /// The entity that lost records (gone, if it also merged away).
        from: EntityId,
        /// The entities holding the records that left (ascending).
        into: Vec<EntityId>,
    },
    /// An entity lost its last record.
    Removed {
        /// The entity.
        entity: EntityId,
    },
    /// A new record joined an entity.
    RecordAdded {
        /// The entity it is in now.
        entity: EntityId,
        /// The record.
        record: RecordKey,
    },
    /// A record was replaced with new values; it is in `entity` now.
    RecordUpdated {
        /// The entity it is in now.
        entity: EntityId,
        /// The record.
        record: RecordKey,
    },
    /// A record was erased from the entity.
    RecordErased {
        /// The entity it was in.
        entity: EntityId,
        /// The record.
        record: RecordKey,
    },
}

impl EntityChange {
    /// The entity the change is about (the surviving one for a merge,
    /// the one that lost records for a split).
    pub fn entity(&self) -> EntityId {
        match self {
            EntityChange::Created { entity }
            | EntityChange::Removed { entity }
            | EntityChange::RecordAdded { entity, .. }
            | EntityChange::RecordUpdated { entity, .. }
            | EntityChange::RecordErased { entity, .. } => *entity,
            EntityChange::Merged { into, .. } => *into,
            EntityChange::Split { from, .. } => *from,
        }
    }
}
