//! Names kept apart, kept current: the live form of the batch run's
//! co-participant constraint ([`Coparticipants`]).
//!
//! A batch run labels each record with its person's name and keeps two
//! names apart when a record of one lists the other and a record of the
//! other lists the first. The state keeps, per record, its name and the
//! names it lists (as numbers), and per (name, listed name) how many live
//! records support it, so that a change adds or removes support exactly
//! and knows which pairs of names it made or unmade. A name's string is
//! dropped as soon as no record gives or lists it, so no erased value
//! stays; nothing of this is saved: a load computes it from the records.

use std::collections::{BTreeMap, HashMap};

use smallvec::SmallVec;

use crate::cluster::{Apart, NO_LABEL};
use crate::prepare::{PreparedRecord, PreparedStore};
use crate::resolve::coparticipants::Coparticipants;

/// Pairs of names (smaller label first) a change touched, with whether
/// they were kept apart before it.
pub(crate) type ApartChanges = BTreeMap<(u32, u32), bool>;

/// The names of the live records and the pairs of them kept apart.
pub(crate) struct LiveApart {
    check: Coparticipants,
    /// Name → label.
    labels: HashMap<String, u32>,
    /// Per label: its name (`None` once freed).
    names: Vec<Option<String>>,
    /// Per label: how many live records give or list it.
    uses: Vec<u32>,
    /// Labels no record uses, to take again.
    free: Vec<u32>,
    /// Labels whose uses fell to none during a change.
    released: Vec<u32>,
    /// Per label: the live records it names, ascending.
    holders: Vec<SmallVec<[u32; 2]>>,
    /// Per record slot: its name's label ([`NO_LABEL`] for none).
    person: Vec<u32>,
    /// Per record slot: the other names it lists, distinct.
    listed: Vec<SmallVec<[u32; 4]>>,
    /// (name, listed name) → how many live records of the name list it.
    support: HashMap<(u32, u32), u32>,
    /// Per label: the labels kept apart from it.
    partners: HashMap<u32, SmallVec<[u32; 2]>>,
}

impl LiveApart {
    /// The names of `store`'s live records (`alive` per slot), or `None`
    /// when its schema gives no co-participants (then nothing is kept
    /// apart, as in a batch run).
    pub(crate) fn build(store: &PreparedStore, alive: &[bool]) -> Option<LiveApart> {
        let check = Coparticipants::of(store)?;
        let mut live = LiveApart {
            check,
            labels: HashMap::new(),
            names: Vec::new(),
            uses: Vec::new(),
            free: Vec::new(),
            released: Vec::new(),
            holders: Vec::new(),
            person: Vec::new(),
            listed: Vec::new(),
            support: HashMap::new(),
            partners: HashMap::new(),
        };
        let mut changes = ApartChanges::new();
        for record in store.records() {
            let slot = record.index().get() as u32;
            if alive.get(slot as usize).copied().unwrap_or(false) {
                live.add(slot, &record, &mut changes);
            }
        }
        Some(live)
    }

    /// The label of `name`, taken or made.
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&label) = self.labels.get(name) {
            self.uses[label as usize] += 1;
            return label;
        }
        let label = match self.free.pop() {
            Some(label) => label,
            None => {
                self.names.push(None);
                self.uses.push(0);
                self.holders.push(SmallVec::new());
                (self.names.len() - 1) as u32
            }
        };
        self.labels.insert(name.to_string(), label);
        self.names[label as usize] = Some(name.to_string());
        self.uses[label as usize] = 1;
        label
    }

    /// One use of `label` less (its name stays until [`Self::settle`]).
    fn release(&mut self, label: u32) {
        if let Some(uses) = self.uses.get_mut(label as usize) {
            *uses = uses.saturating_sub(1);
            if *uses == 0 {
                self.released.push(label);
            }
        }
    }

    /// Drops the names no record uses any more.
    pub(crate) fn settle(&mut self) {
        for label in std::mem::take(&mut self.released) {
            if self.uses[label as usize] == 0
                && let Some(name) = self.names[label as usize].take()
            {
                self.labels.remove(&name);
                self.free.push(label);
            }
        }
    }

    /// Whether names `a` and `b` are kept apart.
    fn is_apart(&self, a: u32, b: u32) -> bool {
        a != b && self.support.contains_key(&(a, b)) && self.support.contains_key(&(b, a))
    }

    /// Notes the pair before a change, then changes the support of
    /// (`person`, `listed`) by one and keeps `partners` current.
    fn support_by(&mut self, person: u32, listed: u32, add: bool, changes: &mut ApartChanges) {
        let key = (person.min(listed), person.max(listed));
        let before = self.is_apart(person, listed);
        changes.entry(key).or_insert(before);
        if add {
            *self.support.entry((person, listed)).or_insert(0) += 1;
        } else if let Some(count) = self.support.get_mut(&(person, listed)) {
            *count -= 1;
            if *count == 0 {
                self.support.remove(&(person, listed));
            }
        }
        let now = self.is_apart(person, listed);
        if now != before {
            for (from, to) in [(person, listed), (listed, person)] {
                let partners = self.partners.entry(from).or_default();
                if now {
                    partners.push(to);
                } else {
                    partners.retain(|other| *other != to);
                    if partners.is_empty() {
                        self.partners.remove(&from);
                    }
                }
            }
        }
    }

    /// A live record enters at `slot`.
    pub(crate) fn add(
        &mut self,
        slot: u32,
        record: &PreparedRecord<'_>,
        changes: &mut ApartChanges,
    ) {
        let at = slot as usize;
        if self.person.len() <= at {
            self.person.resize(at + 1, NO_LABEL);
            self.listed.resize(at + 1, SmallVec::new());
        }
        let Some(name) = self.check.person(record) else {
            return;
        };
        let person = self.intern(&name);
        let mut listed: SmallVec<[u32; 4]> = SmallVec::new();
        for item in self.check.items(record) {
            if item == name {
                // A namesake on the same record says nothing.
                continue;
            }
            let label = match self.labels.get(&item) {
                Some(&label) if listed.contains(&label) => continue,
                _ => self.intern(&item),
            };
            listed.push(label);
            self.support_by(person, label, true, changes);
        }
        let holders = &mut self.holders[person as usize];
        if let Err(position) = holders.binary_search(&slot) {
            holders.insert(position, slot);
        }
        self.person[at] = person;
        self.listed[at] = listed;
    }

    /// The record at `slot` leaves.
    pub(crate) fn remove(&mut self, slot: u32, changes: &mut ApartChanges) {
        let at = slot as usize;
        let Some(&person) = self.person.get(at) else {
            return;
        };
        if person == NO_LABEL {
            return;
        }
        self.person[at] = NO_LABEL;
        let listed = std::mem::take(&mut self.listed[at]);
        for label in listed {
            self.support_by(person, label, false, changes);
            self.release(label);
        }
        self.holders[person as usize].retain(|holder| *holder != slot);
        self.release(person);
    }

    /// The live records of the names of every pair a change made or
    /// unmade: their components are clustered again.
    pub(crate) fn records_of_changed(&self, changes: &ApartChanges) -> Vec<u32> {
        let mut records = Vec::new();
        for (&(a, b), &before) in changes {
            if self.is_apart(a, b) != before {
                for label in [a, b] {
                    if let Some(holders) = self.holders.get(label as usize) {
                        records.extend(holders.iter().copied());
                    }
                }
            }
        }
        records
    }

    /// The constraint over `records` (slots; local record `i` is
    /// `records[i]`): their names and the pairs of them kept apart.
    pub(crate) fn restricted_to(&self, records: &[u32]) -> Apart {
        let mut local: HashMap<u32, u32> = HashMap::new();
        let mut labels = Vec::with_capacity(records.len());
        for &slot in records {
            let person = self.person.get(slot as usize).copied().unwrap_or(NO_LABEL);
            if person == NO_LABEL || !self.partners.contains_key(&person) {
                labels.push(NO_LABEL);
                continue;
            }
            let next = local.len() as u32;
            labels.push(*local.entry(person).or_insert(next));
        }
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for (&global, &mine) in &local {
            for other in self.partners.get(&global).into_iter().flatten() {
                if let Some(&theirs) = local.get(other)
                    && mine < theirs
                {
                    pairs.push((mine, theirs));
                }
            }
        }
        if pairs.is_empty() {
            return Apart::default();
        }
        pairs.sort_unstable();
        Apart::new(labels, local.len(), &pairs)
    }

    /// How many names are held (given or listed by live records).
    #[cfg(test)]
    fn name_count(&self) -> usize {
        self.labels.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::RecordIndex;
    use crate::resolve::coparticipants::tests::store;
    use crate::schema::{FieldKind, Schema};

    fn pair_changes(apart: &LiveApart, changes: &ApartChanges) -> Vec<bool> {
        changes
            .iter()
            .filter(|&(&(a, b), &before)| apart.is_apart(a, b) != before)
            .map(|(&(a, b), _)| apart.is_apart(a, b))
            .collect()
    }

    #[test]
    fn support_is_counted_per_record_and_names_leave_with_their_last_record() {
        // Ann lists Bob twice over (two records), Bob lists Ann once
        // (family name first); a second Bob lists himself and Ann (his
        // own name says nothing).
        let store = store(&[
            ("Ann", "Lee", "bob stone"),
            ("Ann", "Lee", "bob stone|bob stone"),
            ("Bob", "Stone", "Lee, Ann"),
            ("Bob", "Stone", "bob stone|kim hart"),
        ]);
        let record = |slot: u32| store.record(RecordIndex(slot)).unwrap();
        let mut apart = LiveApart::build(&store, &[true, true, false, true]).unwrap();
        let (ann, bob) = (apart.labels["annlee"], apart.labels["bobstone"]);
        assert_eq!(apart.support[&(ann, bob)], 2, "one count per record");
        assert!(!apart.is_apart(ann, bob), "Bob does not list Ann yet");
        assert_eq!(apart.name_count(), 3, "annlee, bobstone, kimhart");

        // Bob's record listing Ann makes the pair.
        let mut changes = ApartChanges::new();
        apart.add(2, &record(2), &mut changes);
        assert_eq!(pair_changes(&apart, &changes), [true]);
        assert_eq!(apart.records_of_changed(&changes), [0, 1, 2, 3]);
        let only_ann_and_bob = apart.restricted_to(&[0, 2]);
        assert!(!only_ann_and_bob.is_empty());
        assert!(apart.restricted_to(&[0, 1]).is_empty(), "no Bob among them");

        // One Ann record leaving keeps the pair (the other still lists
        // Bob); the second unmakes it.
        let mut changes = ApartChanges::new();
        apart.remove(0, &mut changes);
        apart.settle();
        assert!(pair_changes(&apart, &changes).is_empty());
        assert_eq!(apart.support[&(ann, bob)], 1);
        let mut changes = ApartChanges::new();
        apart.remove(1, &mut changes);
        apart.settle();
        assert_eq!(pair_changes(&apart, &changes), [false]);
        assert!(!apart.support.contains_key(&(ann, bob)));

        // Ann is still listed by Bob; once Bob's records go, no name stays.
        assert_eq!(apart.name_count(), 3);
        let mut changes = ApartChanges::new();
        apart.remove(2, &mut changes);
        apart.remove(3, &mut changes);
        apart.settle();
        assert_eq!(apart.name_count(), 0);
        assert!(apart.support.is_empty() && apart.partners.is_empty());
        assert!(apart.names.iter().all(Option::is_none));
    }

    #[test]
    fn a_schema_without_a_set_field_keeps_nothing() {
        let schema = Schema::builder()
            .field("given", FieldKind::GivenName)
            .field("family", FieldKind::FamilyName)
            .build()
            .unwrap();
        assert!(LiveApart::build(&PreparedStore::new(schema), &[]).is_none());
    }
}
