//! Carrying entity ids over by overlap, after a full run from scratch.

use std::collections::HashMap;

use super::state::LiveResolution;
use crate::id::{EntityId, RecordIndex};

impl LiveResolution {
    /// Carries entity ids over from `previous` (the state before a full
    /// run from scratch) by overlap, so that a nightly full run does not
    /// renumber the world: pairs (new entity, old entity) are taken by the
    /// number of records they share (most first; then the older old
    /// entity, then the smaller ids), and each takes the old id when
    /// neither has one yet. Entities sharing nothing with an unused old
    /// entity keep their own id (unless a carried id is the same, then
    /// they get a new one). Records present in both keep their age, and
    /// carried entities theirs. Returns how many ids were carried.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::live::{LiveResolution, LiveSettings};
    /// use sameas::resolve::Resolver;
    /// use sameas::{FieldKind, OwnedRecord, Schema};
    ///
    /// let schema = Schema::builder().field("name", FieldKind::FullName).field("email", FieldKind::Email).build()?;
    /// let run = |ids: &[&str]| -> sameas::Result<LiveResolution> {
    ///     let mut resolver = Resolver::new(schema.clone());
    ///     let records: Vec<OwnedRecord> = ids.iter().map(|&id| {
    ///         let n = id.len() % 2;
    ///         OwnedRecord::new(id).with("name", ["Ann Lee", "Bob Stone"][n]).with("email", ["ann@x.org", "bob@y.org"][n])
    ///     }).collect();
    ///     resolver.add_source("crm", false, &records)?;
    ///     LiveResolution::from_resolution(resolver.resolve()?, LiveSettings::new())
    /// };
    /// let before = run(&["a1", "a2", "b", "bb1", "bb2"])?;
    /// // A record sorting before the anchor arrives; a full run would move the id.
    /// let mut after = run(&["a0", "a1", "a2", "b", "bb1", "bb2"])?;
    /// after.carry_ids_from(&before);
    /// assert_eq!(after.entity_of("crm", "a0"), before.entity_of("crm", "a1"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn carry_ids_from(&mut self, previous: &LiveResolution) -> usize {
        let mut overlap: HashMap<(u32, u32), usize> = HashMap::new();
        let mut matched = vec![false; self.alive.len()];
        for (slot, seen) in matched.iter_mut().enumerate() {
            if !self.alive[slot] {
                continue;
            }
            let Some(record) = self.store.record(RecordIndex(slot as u32)) else {
                continue;
            };
            let source = self.store.source(record.source()).name();
            let Ok(old_source) = previous.source_id(source) else {
                continue;
            };
            let Some(old_slot) = previous.slot_of(old_source, record.id()) else {
                continue;
            };
            *seen = true;
            self.seq[slot] = previous.seq[old_slot as usize];
            let pair = (self.entity_of[slot], previous.entity_of[old_slot as usize]);
            *overlap.entry(pair).or_default() += 1;
        }
        // Records new to this run are younger than every old one.
        self.next_seq = previous.next_seq;
        for (slot, seen) in matched.into_iter().enumerate() {
            if self.alive[slot] && !seen {
                self.seq[slot] = self.next_seq;
                self.next_seq += 1;
            }
        }
        let mut candidates: Vec<((u32, u32), usize)> = overlap.into_iter().collect();
        candidates.sort_by(|&((new_a, old_a), count_a), &((new_b, old_b), count_b)| {
            let (a, b) = (
                &previous.entities[old_a as usize],
                &previous.entities[old_b as usize],
            );
            count_b
                .cmp(&count_a)
                .then(a.born.cmp(&b.born))
                .then(a.id.cmp(&b.id))
                .then(
                    self.entities[new_a as usize]
                        .id
                        .cmp(&self.entities[new_b as usize].id),
                )
        });
        let mut taken_new = vec![false; self.entities.len()];
        let mut carried: HashMap<u32, (EntityId, u64)> = HashMap::new();
        let mut used_old: std::collections::HashSet<u32> = std::collections::HashSet::new();
        for ((new, old), _) in candidates {
            if taken_new[new as usize] || used_old.contains(&old) {
                continue;
            }
            taken_new[new as usize] = true;
            used_old.insert(old);
            let entity = &previous.entities[old as usize];
            carried.insert(new, (entity.id, entity.born));
        }
        let carried_ids: std::collections::HashSet<EntityId> =
            carried.values().map(|&(id, _)| id).collect();
        self.minted = self.minted.max(previous.minted);
        self.next_born = self.next_born.max(previous.next_born);
        self.by_entity_id.clear();
        let mut renamed = 0;
        for slot in 0..self.entities.len() {
            if self.entities[slot].members.is_empty() {
                continue;
            }
            match carried.get(&(slot as u32)) {
                Some(&(id, born)) => {
                    self.entities[slot].id = id;
                    self.entities[slot].born = born;
                    renamed += 1;
                }
                None => {
                    if carried_ids.contains(&self.entities[slot].id) {
                        self.entities[slot].id = self.mint_unused(&carried_ids);
                    }
                    self.entities[slot].born = self.next_born;
                    self.next_born += 1;
                }
            }
        }
        for slot in 0..self.entities.len() {
            if !self.entities[slot].members.is_empty() {
                self.by_entity_id
                    .insert(self.entities[slot].id, slot as u32);
            }
        }
        renamed
    }

    /// A fresh id, not among `avoid` nor in use.
    fn mint_unused(&mut self, avoid: &std::collections::HashSet<EntityId>) -> EntityId {
        loop {
            let id = self.mint();
            if !avoid.contains(&id) {
                return id;
            }
        }
    }
}
