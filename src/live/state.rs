//! The live state and its changes.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use smallvec::SmallVec;

use super::apart::{ApartChanges, LiveApart};
use super::change::{EntityChange, RecordKey};
use super::settings::LiveSettings;
use crate::block::{BlockingIndex, default_blockers_ignoring};
use crate::cluster::{ScoredPair, cluster_records};
use crate::error::{LiveError, Result, StoreError};
use crate::hash::{KeyHasher, hash_key, hash_key_parts};
use crate::id::{EntityId, FieldId, RecordIndex, SourceId};
use crate::matcher::{Explanation, FellegiSunter, Matcher, Reveal, Score};
use crate::prepare::{PreparedRecord, PreparedStore};
use crate::record::Record;
use crate::resolve::Resolution;
use crate::survive::{GoldenRecord, Survivorship, SurvivorshipRules};

/// No entity (a dead record slot).
const NO_ENTITY: u32 = u32::MAX;

/// One entity of the state.
#[derive(Debug, Clone)]
pub(crate) struct EntitySlot {
    pub(crate) id: EntityId,
    /// When the entity was created (0 for those of the first batch).
    pub(crate) born: u64,
    /// Member record slots, ascending.
    pub(crate) members: Vec<u32>,
}

/// Per comparison with term frequencies: the live records holding each
/// counted value (by the value's keyed hash), so that a count's change
/// finds the pairs it rescores.
#[derive(Debug, Clone)]
pub(crate) struct TermHolders {
    pub(crate) comparison: usize,
    pub(crate) field: FieldId,
    pub(crate) holders: ByHash<SmallVec<[u32; 2]>>,
}

/// A resolved state that stays current: see the [module
/// documentation](super) for the design, the id rules and persistence.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "synthetic")] {
/// use sameas::live::{EntityChange, LiveResolution, LiveSettings};
/// use sameas::resolve::Resolver;
/// use sameas::synthetic::{PeopleGenerator, SyntheticData}; // feature `synthetic`
/// use sameas::OwnedRecord;
///
/// let data = PeopleGenerator::builder().seed(3).entities(300).build()?.generate();
/// let mut resolver = Resolver::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
/// for source in data.sources() {
///     resolver.add_source(source.name(), source.is_duplicate_free(), source.records())?;
/// }
/// let mut live = LiveResolution::from_resolution(resolver.resolve()?, LiveSettings::new())?;
///
/// // A copy of a known record, under a new id, joins that record's entity.
/// let (source, known) = live.records().next().map(|(s, id, _)| (s.to_string(), id.to_string())).unwrap();
/// let entity = live.entity_of(&source, &known).unwrap();
/// let mut copy = OwnedRecord::new("copy-1");
/// for (field, value) in live.record_values(&source, &known).unwrap().fields() {
///     copy.set(field, value);
/// }
/// let changes = live.upsert(&source, &copy)?;
/// assert!(changes.contains(&EntityChange::RecordAdded {
///     entity: live.entity_of(&source, "copy-1").unwrap(),
///     record: sameas::live::RecordKey::new(&source, "copy-1"),
/// }));
/// // Erasing it again leaves the entity as it was.
/// live.erase(&source, "copy-1")?;
/// assert_eq!(live.entity_of(&source, &known), Some(entity));
/// # }
/// # Ok::<(), sameas::Error>(())
/// ```
pub struct LiveResolution {
    pub(crate) store: PreparedStore,
    pub(crate) index: BlockingIndex,
    pub(crate) model: FellegiSunter,
    pub(crate) settings: LiveSettings,
    pub(crate) survivorship: SurvivorshipRules,
    /// Per record slot: whether it holds a record (erased and replaced
    /// records leave blanked slots until the state is saved and loaded).
    pub(crate) alive: Vec<bool>,
    /// Per slot: the record's age (smaller is older; kept on replace).
    pub(crate) seq: Vec<u64>,
    /// Per slot: whether the record counts in the term frequencies.
    pub(crate) counted: Vec<bool>,
    /// Per slot: the canonical key (source and id hashed).
    pub(crate) keys: Vec<u64>,
    /// Per slot: its entity's slot.
    pub(crate) entity_of: Vec<u32>,
    /// Per slot: accepted pairs (other slot, score), both directions.
    pub(crate) pairs: Vec<Vec<(u32, Score)>>,
    /// Canonical key → live slots with it (more than one only when two
    /// different records' keys collide).
    pub(crate) by_key: ByHash<SmallVec<[u32; 1]>>,
    pub(crate) entities: Vec<EntitySlot>,
    /// Free entity slots.
    pub(crate) free_entities: Vec<u32>,
    pub(crate) by_entity_id: HashMap<EntityId, u32>,
    pub(crate) term_holders: Vec<TermHolders>,
    pub(crate) next_seq: u64,
    pub(crate) next_born: u64,
    /// How many entity ids were minted (the next id's counter).
    pub(crate) minted: u64,
    /// How many records are live.
    pub(crate) records: usize,
    /// Pairs are kept at or above this probability: the threshold's
    /// weight less [`MARGIN_BITS`].
    pub(crate) floor: f64,
    /// Identical records (the same normalised value in every field, one
    /// present) by a hash of their values: a batch run compares them
    /// whatever the block sizes, and so does the state.
    pub(crate) identical: ByHash<SmallVec<[u32; 2]>>,
    /// The names of the default blockers the first run chose for its
    /// records ([`default_blockers_for`]): the state keeps blocking with
    /// them, as it keeps its model.
    pub(crate) blocker_names: Vec<String>,
    /// Per (comparison, keyed value hash) whose count changed: the count when
    /// its pairs were last all rescored.
    pub(crate) term_reference: HashMap<(usize, u64), u32>,
    /// Per slot and comparison with term frequencies (`slot *
    /// term_holders.len() + i`): the keyed hash of the record's value, 0
    /// for none. Finding a partner holding a value is then one look-up,
    /// with no record read and no hashing per pair.
    pub(crate) term_hashes: Vec<u64>,
    /// Counted values of erased and replaced records (comparison, keyed
    /// hash), not yet taken out of the counts: see
    /// [`LiveResolution::refresh_term_frequencies`].
    pub(crate) pending_terms: Vec<(usize, u64)>,
    /// The names of the records and the pairs of them kept apart, when
    /// the schema gives co-participants (computed from the records, never
    /// saved).
    pub(crate) coparticipants: Option<LiveApart>,
}

/// A map keyed by [`hash_key`] hashes, which are well mixed already: they
/// key it as they are (a million records make a million entries, and
/// hashing them again would cost a load a tenth of a second).
pub(crate) type ByHash<V> = HashMap<u64, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// The slots of each canonical key (of records in slots, as
/// [`LiveResolution::keys`] holds them).
pub(crate) fn records_by_key(keys: &[u64]) -> ByHash<SmallVec<[u32; 1]>> {
    let mut by_key: ByHash<SmallVec<[u32; 1]>> =
        ByHash::with_capacity_and_hasher(keys.len(), Default::default());
    for (slot, &key) in keys.iter().enumerate() {
        by_key.entry(key).or_default().push(slot as u32);
    }
    by_key
}

/// The term-frequency holder index over the records of `store` that are
/// `alive`, and their keyed hashes (what [`LiveResolution::term_holders`]
/// and [`LiveResolution::term_hashes`] hold): the hashes on all cores,
/// then each comparison's index (one per core), in slot order.
pub(crate) fn term_index(
    model: &FellegiSunter,
    store: &PreparedStore,
    alive: &[bool],
) -> (Vec<TermHolders>, Vec<u64>) {
    let mut term_holders: Vec<TermHolders> = model
        .comparisons()
        .iter()
        .enumerate()
        .filter(|(_, comparison)| comparison.has_term_frequencies())
        .map(|(position, comparison)| TermHolders {
            comparison: position,
            field: comparison.field(),
            holders: ByHash::default(),
        })
        .collect();
    let width = term_holders.len();
    let mut term_hashes = vec![0; alive.len() * width];
    if width == 0 {
        return (term_holders, term_hashes);
    }
    let hashes: Vec<SmallVec<[u64; 4]>> = crate::par::map_indices(alive.len(), |slot| {
        value_hashes(&term_holders, model, store, alive, slot as u32)
    });
    for (slot, hashes) in hashes.into_iter().enumerate() {
        term_hashes[slot * width..(slot + 1) * width].copy_from_slice(&hashes);
    }
    let filled = crate::par::map_indices(width, |i| {
        let comparison = &model.comparisons()[term_holders[i].comparison];
        let mut holders: ByHash<SmallVec<[u32; 2]>> = ByHash::default();
        for (slot, &live) in alive.iter().enumerate() {
            let hash = term_hashes[slot * width + i];
            if live && hash != 0 && comparison.counts_term_hash(hash) {
                holders.entry(hash).or_default().push(slot as u32);
            }
        }
        holders
    });
    for (term, holders) in term_holders.iter_mut().zip(filled) {
        term.holders = holders;
    }
    (term_holders, term_hashes)
}

/// The keyed hashes of a record's values of the comparisons of
/// `term_holders` (0 for none, and for all of a record not `alive`).
fn value_hashes(
    term_holders: &[TermHolders],
    model: &FellegiSunter,
    store: &PreparedStore,
    alive: &[bool],
    slot: u32,
) -> SmallVec<[u64; 4]> {
    let record = store
        .record(RecordIndex(slot))
        .filter(|_| alive[slot as usize]);
    term_holders
        .iter()
        .map(|holders| {
            record
                .as_ref()
                .and_then(|record| record.text(holders.field))
                .and_then(|value| model.comparisons()[holders.comparison].term_hash(value))
                .unwrap_or(0)
        })
        .collect()
}

/// The hash of a record's normalised values (as the batch run's
/// exact-duplicate pass hashes them); `None` without any value.
fn values_hash(store: &PreparedStore, record: &PreparedRecord<'_>) -> Option<u64> {
    let mut any = false;
    let hash = hash_key_parts(store.schema().ids().flat_map(|field| {
        let text = record.text(field).unwrap_or("");
        any |= !text.is_empty();
        // 0xFF never occurs in UTF-8: the field ends here.
        [text.as_bytes(), &[0xFF]]
    }));
    any.then_some(hash)
}

/// The index of identical records over the records of `store` that are
/// `alive`: the hashes on all cores, then the map in slot order.
pub(crate) fn identical_index(store: &PreparedStore, alive: &[bool]) -> ByHash<SmallVec<[u32; 2]>> {
    let hashes: Vec<Option<u64>> = crate::par::map_indices(alive.len(), |slot| {
        store
            .record(RecordIndex(slot as u32))
            .filter(|_| alive[slot])
            .and_then(|record| values_hash(store, &record))
    });
    let mut identical: ByHash<SmallVec<[u32; 2]>> = ByHash::default();
    identical.reserve(hashes.len());
    for (slot, hash) in hashes.into_iter().enumerate() {
        if let Some(hash) = hash {
            identical.entry(hash).or_default().push(slot as u32);
        }
    }
    identical
}

/// How far below the threshold (in bits of match weight) pairs are kept:
/// a pair's weight rises only when a count of a value it agrees on drops
/// (an erasure), by `log2(count before / count after)`; as long as each
/// value's counts have risen its pairs' weights by less than this margin
/// (shared out among the comparisons with term frequencies) since all its
/// pairs were last rescored, a pair not kept cannot have reached the
/// threshold, and only kept pairs need rescoring.
pub(crate) const MARGIN_BITS: f64 = 1.0;

/// The probability at or above which a live state keeps pairs, for a
/// threshold.
pub(crate) fn floor_of(threshold: f64) -> f64 {
    let weight = Score::from_probability(threshold).weight();
    Score::from_weight(weight - MARGIN_BITS).probability()
}

impl std::fmt::Debug for LiveResolution {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveResolution")
            .field("records", &self.len())
            .field("entities", &self.entity_count())
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// The canonical key of a record: its source's name and id, hashed as
/// the clustering orders records of equal strength.
pub(crate) fn canonical_key(source: &str, record_id: &str) -> u64 {
    let mut key = Vec::with_capacity(source.len() + record_id.len() + 1);
    key.extend_from_slice(source.as_bytes());
    key.push(0xFF);
    key.extend_from_slice(record_id.as_bytes());
    hash_key(&key)
}

/// What one change has to re-cluster.
#[derive(Default)]
struct Touched {
    /// Records whose components may have changed.
    seeds: BTreeSet<u32>,
    /// Accepted pairs removed (between records alive before).
    removed: Vec<(u32, u32)>,
    /// Entities the change touched beyond those of the seeds (the
    /// erased record's).
    entities: BTreeSet<u32>,
    /// Accepted pairs whose score changed but which stay accepted, with
    /// their score before: their components are clustered again only if
    /// the order of their accepted pairs changed.
    rescored: Vec<(u32, u32, Score)>,
    /// Pairs of names whose support changed, with whether they were kept
    /// apart before.
    apart: ApartChanges,
}

/// A candidate answer of [`LiveResolution::match_record`].
#[derive(Debug, Clone, PartialEq)]
pub struct MatchCandidate {
    /// The candidate record.
    pub record: RecordKey,
    /// Its entity.
    pub entity: EntityId,
    /// The score of the incoming record against it.
    pub score: Score,
}

/// Which entity a record would join, from
/// [`LiveResolution::match_record`].
#[derive(Debug, Clone, PartialEq)]
pub struct RecordMatch {
    /// The entity of the best-scoring candidate at or above the
    /// threshold, if any.
    pub entity: Option<EntityId>,
    /// The best candidate's explanation (sensitive values hidden).
    pub explanation: Option<Explanation>,
    /// Every candidate the blocking found, best first (ties by source and
    /// id).
    pub candidates: Vec<MatchCandidate>,
}

impl LiveResolution {
    /// A live state from a batch run. The run must have scored with a
    /// Fellegi-Sunter model (trained or given) and blocked with the
    /// default blockers
    /// ([`default_blockers_for`](crate::block::default_blockers_for) its
    /// records, as the resolver chooses them, without the fields its
    /// training found not to identify) and `settings`' link mode and blocking
    /// options, and clustered with `settings`' cluster options (a run
    /// that clustered again with a strict majority because its entities
    /// were pairs passes that on, unless `settings` hold a chain guard
    /// other than the default: see
    /// [`PairsOnly`](crate::resolve::PairsOnly)): the state
    /// keeps its entities and their ids, its accepted pairs, its model and
    /// the blockers chosen, and rebuilds the blocking index. A trained model's term frequencies
    /// were counted over the run's records, so erasing one of them takes
    /// its values out of the counts; a given model's counts come from
    /// elsewhere and stay.
    ///
    /// # Errors
    ///
    /// [`LiveError::NoModel`] for a run scored by another matcher;
    /// [`LiveError::CustomBlockers`] for a run that blocked with blockers
    /// other than the defaults it would have chosen;
    /// [`LiveError::SortedNeighbourhood`] when a default blocker is a
    /// sorted neighbourhood; [`LiveError::MissingRecordId`] for a record
    /// without id; [`LiveError::RepeatedRecordId`] when a source holds an
    /// id twice (see [`RepeatedIds`](crate::resolve::RepeatedIds)).
    pub fn from_resolution(
        resolution: Resolution,
        settings: LiveSettings,
    ) -> Result<LiveResolution> {
        // A run whose entities were pairs clustered again with a strict
        // majority and weak pairs held to pairs (see `PairsOnly`): the
        // state clusters so too, unless
        // the host chose a chain guard of its own.
        let mut settings = settings;
        if resolution.stats().pairs_only.is_some()
            && settings.cluster.has_default_guard()
            && let Some((_, support)) = resolution.cluster_options().guard()
        {
            settings.cluster = settings.cluster.with_support_and_weak_limit(
                support,
                resolution.cluster_options().weak_size_limit(),
            );
        }
        let run_blockers: Vec<String> = resolution
            .blocking_stats()
            .rules
            .iter()
            .map(|rule| rule.name.clone())
            .collect();
        let (store, clustering, (pairs, kept_at), model, trained) = resolution.into_parts();
        let model = model.ok_or(LiveError::NoModel)?;
        // The blockers the run chose for its records (as the resolver
        // does): frozen with the model, saved by name. A run that blocked
        // with others (the host's own) cannot be kept current with these.
        let blockers = default_blockers_ignoring(&store, &model.not_identifying_fields());
        let blocker_names: Vec<String> = blockers.iter().map(|blocker| blocker.name()).collect();
        if run_blockers != blocker_names {
            return Err(LiveError::CustomBlockers(run_blockers.join(", ")).into());
        }
        let index = BlockingIndex::build(&store, blockers, settings.blocking);
        if index.has_sorted_neighbourhood() {
            return Err(LiveError::SortedNeighbourhood("default".into()).into());
        }
        let records = store.len();
        let keys = store.canonical_keys().to_vec();
        let by_key = records_by_key(&keys);
        let mut entities = Vec::with_capacity(clustering.len());
        let mut entity_of = vec![NO_ENTITY; records];
        let mut by_entity_id = HashMap::with_capacity(clustering.len());
        for entity in clustering.entities() {
            let slot = entities.len() as u32;
            let mut members: Vec<u32> = entity.members().iter().map(|m| m.get() as u32).collect();
            members.sort_unstable();
            for &member in &members {
                entity_of[member as usize] = slot;
            }
            by_entity_id.insert(entity.id(), slot);
            entities.push(EntitySlot {
                id: entity.id(),
                born: 0,
                members,
            });
        }
        drop(clustering);
        let floor = floor_of(settings.cluster.threshold());
        // The run kept its pairs at `kept_at`: when that is above the
        // state's floor, the candidates are scored again.
        let pairs: Vec<ScoredPair> = if kept_at <= floor {
            pairs
        } else {
            drop(pairs);
            let candidates = index
                .candidate_pairs(&store, settings.link_mode)
                .into_pairs();
            let scores = crate::matcher::score_pairs(&model, &store, &candidates);
            candidates
                .into_iter()
                .zip(scores)
                .filter(|(_, score)| score.probability() >= floor)
                .map(|((a, b), score)| ScoredPair::new(a, b, score))
                .collect()
        };
        let mut adjacency: Vec<Vec<(u32, Score)>> = vec![Vec::new(); records];
        for pair in pairs
            .iter()
            .filter(|pair| pair.score.probability() >= floor)
        {
            let (a, b) = (pair.a.get() as u32, pair.b.get() as u32);
            adjacency[a as usize].push((b, pair.score));
            adjacency[b as usize].push((a, pair.score));
        }
        drop(pairs);
        let survivorship = SurvivorshipRules::new(&store);
        let mut live = LiveResolution {
            index,
            model,
            settings,
            survivorship,
            alive: vec![true; records],
            seq: (0..records as u64).collect(),
            counted: vec![trained; records],
            keys,
            entity_of,
            pairs: adjacency,
            by_key,
            entities,
            free_entities: Vec::new(),
            by_entity_id,
            term_holders: Vec::new(),
            next_seq: records as u64,
            next_born: 1,
            minted: 0,
            records,
            floor,
            term_reference: HashMap::new(),
            term_hashes: Vec::new(),
            pending_terms: Vec::new(),
            identical: ByHash::default(),
            blocker_names,
            coparticipants: None,
            store,
        };
        live.coparticipants = LiveApart::build(&live.store, &live.alive);
        live.check_ids()?;
        live.index_term_holders();
        live.index_identical();
        live.pair_identical();
        Ok(live)
    }

    /// Refuses records without an id, and ids a source repeats.
    fn check_ids(&self) -> Result<()> {
        for record in self.store.records() {
            let source = || self.store.source(record.source()).name().to_string();
            if record.id().is_empty() {
                return Err(LiveError::MissingRecordId(source()).into());
            }
            if self.slot_of(record.source(), record.id()) != Some(record.index().get() as u32) {
                return Err(LiveError::RepeatedRecordId(source()).into());
            }
        }
        Ok(())
    }

    /// Builds the term-frequency holder index over the live records.
    pub(crate) fn index_term_holders(&mut self) {
        (self.term_holders, self.term_hashes) = term_index(&self.model, &self.store, &self.alive);
    }

    /// The keyed hashes of a live record's values of the comparisons with
    /// term frequencies (0 for none).
    fn value_hashes(&self, slot: u32) -> SmallVec<[u64; 4]> {
        value_hashes(
            &self.term_holders,
            &self.model,
            &self.store,
            &self.alive,
            slot,
        )
    }

    /// Adds a live record to the holder index (its hashes known).
    fn index_terms(&mut self, slot: u32) {
        let width = self.term_holders.len();
        for (i, holders) in self.term_holders.iter_mut().enumerate() {
            let hash = self.term_hashes[slot as usize * width + i];
            if hash != 0 && self.model.comparisons()[holders.comparison].counts_term_hash(hash) {
                holders.holders.entry(hash).or_default().push(slot);
            }
        }
    }

    /// Adds a new live record (the last slot) to the holder index.
    fn hold_terms(&mut self, slot: u32) {
        let hashes = self.value_hashes(slot);
        let width = hashes.len();
        let at = slot as usize * width;
        if self.term_hashes.len() < at + width {
            self.term_hashes.resize(at + width, 0);
        }
        self.term_hashes[at..at + width].copy_from_slice(&hashes);
        self.index_terms(slot);
    }

    /// Takes a record out of the holder index and forgets its hashes.
    fn release_terms(&mut self, slot: u32) {
        let width = self.term_holders.len();
        for (i, holders) in self.term_holders.iter_mut().enumerate() {
            let hash = std::mem::take(&mut self.term_hashes[slot as usize * width + i]);
            if let Some(list) = holders.holders.get_mut(&hash) {
                list.retain(|held| *held != slot);
                if list.is_empty() {
                    holders.holders.remove(&hash);
                }
            }
        }
    }

    /// The hash of a record's normalised values (as the batch run's
    /// exact-duplicate pass hashes them); `None` without any value.
    fn values_hash(&self, record: &PreparedRecord<'_>) -> Option<u64> {
        values_hash(&self.store, record)
    }

    /// Whether two records have the same normalised value in every field
    /// (one of them present).
    fn same_values(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> bool {
        let mut any = false;
        self.store.schema().ids().all(|field| {
            let value = a.text(field).unwrap_or("");
            any |= !value.is_empty();
            value == b.text(field).unwrap_or("")
        }) && any
    }

    /// Builds the index of identical records over the live records.
    pub(crate) fn index_identical(&mut self) {
        self.identical = identical_index(&self.store, &self.alive);
    }

    /// Adds a live record to the index of identical records.
    fn hold_identical(&mut self, slot: u32) {
        let Some(record) = self.store.record(RecordIndex(slot)) else {
            return;
        };
        if let Some(hash) = self.values_hash(&record) {
            self.identical.entry(hash).or_default().push(slot);
        }
    }

    /// Takes a record out of the index of identical records.
    fn release_identical(&mut self, slot: u32) {
        let Some(record) = self.store.record(RecordIndex(slot)) else {
            return;
        };
        if let Some(hash) = self.values_hash(&record) {
            if let Some(list) = self.identical.get_mut(&hash) {
                list.retain(|held| *held != slot);
                if list.is_empty() {
                    self.identical.remove(&hash);
                }
            }
        }
    }

    /// The live records identical to `record` (itself excluded), whatever
    /// the link mode allows, ascending.
    fn identical_to(&self, record: &PreparedRecord<'_>) -> Vec<RecordIndex> {
        let Some(list) = self
            .values_hash(record)
            .and_then(|hash| self.identical.get(&hash))
        else {
            return Vec::new();
        };
        let me = record.index().get() as u32;
        let mut found: Vec<RecordIndex> = list
            .iter()
            .copied()
            .filter(|&slot| slot != me)
            .filter_map(|slot| self.store.record(RecordIndex(slot)))
            .filter(|other| self.same_values(record, other))
            .map(|other| other.index())
            .collect();
        found.sort_unstable();
        found
    }

    /// The candidates of a live record: those of its blocks under the
    /// cap, and the identical records the link mode lets it pair with.
    fn candidates_of(&self, record: &PreparedRecord<'_>) -> Vec<RecordIndex> {
        let mut found = self
            .index
            .candidates_of(&self.store, record, self.settings.link_mode);
        let identical = self.identical_to(record);
        if !identical.is_empty() {
            found.extend(identical.into_iter().filter(|&other| {
                self.store
                    .record(other)
                    .is_some_and(|other| self.link_allows(record, &other))
            }));
            found.sort_unstable();
            found.dedup();
        }
        found
    }

    /// Scores and keeps the pairs of identical records the blocks did not
    /// give (a first batch compares them as a star; the state keeps every
    /// pair, so that any member can leave).
    fn pair_identical(&mut self) {
        let floor = self.floor;
        let groups: Vec<SmallVec<[u32; 2]>> = self
            .identical
            .values()
            .filter(|list| list.len() > 1)
            .cloned()
            .collect();
        let mut added = Vec::new();
        for list in groups {
            for (at, &x) in list.iter().enumerate() {
                let Some(a) = self.store.record(RecordIndex(x)) else {
                    continue;
                };
                for &y in &list[at + 1..] {
                    let Some(b) = self.store.record(RecordIndex(y)) else {
                        continue;
                    };
                    if !self.same_values(&a, &b)
                        || !self.link_allows(&a, &b)
                        || self.pairs[x as usize].iter().any(|&(other, _)| other == y)
                    {
                        continue;
                    }
                    let score = self.model.score(&a, &b);
                    if score.probability() >= floor {
                        added.push((x, y, score));
                    }
                }
            }
        }
        for (x, y, score) in added {
            self.pairs[x as usize].push((y, score));
            self.pairs[y as usize].push((x, score));
        }
    }

    /// How many records the state holds.
    pub fn len(&self) -> usize {
        self.records
    }

    /// Whether the state holds no record.
    pub fn is_empty(&self) -> bool {
        self.records == 0
    }

    /// How many entities there are.
    pub fn entity_count(&self) -> usize {
        self.by_entity_id.len()
    }

    /// The frozen model the state scores with (its term frequencies
    /// reflect erasures). Save it with [`FellegiSunter::to_json`] to run
    /// a batch with the same model.
    pub fn model(&self) -> &FellegiSunter {
        &self.model
    }

    /// The settings the state blocks and clusters with.
    pub fn settings(&self) -> &LiveSettings {
        &self.settings
    }

    /// The sources, in the order they were registered: names and whether
    /// each is duplicate-free.
    pub fn sources(&self) -> impl Iterator<Item = (&str, bool)> + '_ {
        self.store
            .sources()
            .iter()
            .map(|source| (source.name(), source.is_duplicate_free()))
    }

    /// Every record as (source, record id, entity id), in storage order
    /// (records of the first batch first, then later ones as they came;
    /// a replaced record moves to the end).
    pub fn records(&self) -> impl Iterator<Item = (&str, &str, EntityId)> + '_ {
        (0..self.alive.len())
            .filter(|&slot| self.alive[slot])
            .filter_map(move |slot| {
                let record = self.store.record(RecordIndex(slot as u32))?;
                let entity = self.entities.get(self.entity_of[slot] as usize)?;
                Some((
                    self.store.source(record.source()).name(),
                    record.id(),
                    entity.id,
                ))
            })
    }

    /// The live slot of a record.
    pub(crate) fn slot_of(&self, source: SourceId, record_id: &str) -> Option<u32> {
        let name = self.store.try_source(source)?.name();
        self.by_key
            .get(&canonical_key(name, record_id))?
            .iter()
            .copied()
            .find(|&slot| {
                self.store
                    .record(RecordIndex(slot))
                    .is_some_and(|record| record.source() == source && record.id() == record_id)
            })
    }

    /// The source id of a name.
    pub(crate) fn source_id(&self, source: &str) -> Result<SourceId, LiveError> {
        self.store
            .sources()
            .iter()
            .position(|known| known.name() == source)
            .map(|position| SourceId(position as u16))
            .ok_or_else(|| LiveError::UnknownSource(source.to_string()))
    }

    /// The entity holding a record, if the state holds it.
    pub fn entity_of(&self, source: &str, record_id: &str) -> Option<EntityId> {
        let source = self.source_id(source).ok()?;
        let slot = self.slot_of(source, record_id)?;
        self.entities
            .get(self.entity_of[slot as usize] as usize)
            .map(|entity| entity.id)
    }

    /// The members of an entity, by source and id (in storage order).
    pub fn members(&self, entity: EntityId) -> Option<Vec<RecordKey>> {
        let slot = *self.by_entity_id.get(&entity)?;
        Some(
            self.entities[slot as usize]
                .members
                .iter()
                .filter_map(|&member| self.key_of(member))
                .collect(),
        )
    }

    /// Every entity id, ascending.
    pub fn entity_ids(&self) -> Vec<EntityId> {
        let mut ids: Vec<EntityId> = self.by_entity_id.keys().copied().collect();
        ids.sort_unstable();
        ids
    }

    /// A record's values as the host gave them (trimmed), as an
    /// [`OwnedRecord`](crate::OwnedRecord) with its id.
    pub fn record_values(&self, source: &str, record_id: &str) -> Option<crate::OwnedRecord> {
        let source = self.source_id(source).ok()?;
        let slot = self.slot_of(source, record_id)?;
        self.owned(slot)
    }

    /// The record in `slot` as an owned record.
    pub(crate) fn owned(&self, slot: u32) -> Option<crate::OwnedRecord> {
        let record = self.store.record(RecordIndex(slot))?;
        let mut owned = crate::OwnedRecord::new(record.id());
        for field in self.store.schema().fields() {
            if let Some(id) = self.store.schema().field_id(field.name()).ok()
                && let Some(value) = record.raw(id)
            {
                owned.set(field.name(), value);
            }
        }
        Some(owned)
    }

    fn key_of(&self, slot: u32) -> Option<RecordKey> {
        let record = self.store.record(RecordIndex(slot))?;
        Some(RecordKey::new(
            self.store.source(record.source()).name(),
            record.id(),
        ))
    }

    /// The survivorship rules [`golden_record`](Self::golden_record)
    /// builds golden records with (default [`SurvivorshipRules::new`]).
    /// They are not saved: a state loaded by [`LiveStore`](super::LiveStore)
    /// builds with the defaults until the host gives its rules again.
    /// Rules accept any store of the same schema, so the host builds them
    /// with [`SurvivorshipRules::builder`] over a
    /// [`PreparedStore`] of the state's schema and sources (see
    /// [`sources`](Self::sources)); rules of another schema make
    /// `golden_record` return their error.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::live::{LiveResolution, LiveSettings};
    /// use sameas::resolve::Resolver;
    /// use sameas::survive::{SurvivorshipRule, SurvivorshipRules};
    /// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    ///
    /// let schema = Schema::builder().field("name", FieldKind::FullName).field("email", FieldKind::Email).build()?;
    /// let mut resolver = Resolver::new(schema.clone());
    /// resolver.add_source("crm", false, &[
    ///     OwnedRecord::new("1").with("name", "Ann Lee").with("email", "ann@x.org"),
    ///     OwnedRecord::new("2").with("name", "Ann Lee").with("email", "ann@x.org"),
    /// ])?;
    /// let mut live = LiveResolution::from_resolution(resolver.resolve()?, LiveSettings::new())?;
    /// let mut like = PreparedStore::new(schema);
    /// for (source, duplicate_free) in live.sources().collect::<Vec<_>>() {
    ///     like.add_source(source, duplicate_free)?;
    /// }
    /// let rules = SurvivorshipRules::builder(&like)
    ///     .rule("email", [SurvivorshipRule::source_priority(["crm"])])
    ///     .build()?;
    /// live.set_survivorship(rules);
    /// let entity = live.entity_of("crm", "1").unwrap();
    /// assert_eq!(live.golden_record(entity)?.value("email"), Some("ann@x.org"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn set_survivorship(&mut self, rules: SurvivorshipRules) {
        self.survivorship = rules;
    }

    /// The golden record of an entity, built from its current members.
    ///
    /// # Errors
    ///
    /// [`ResolveError::UnknownEntity`](crate::resolve::ResolveError::UnknownEntity)
    /// for an id the state does not hold; the survivorship's errors.
    pub fn golden_record(&self, entity: EntityId) -> Result<GoldenRecord> {
        let slot = self
            .by_entity_id
            .get(&entity)
            .ok_or(crate::resolve::ResolveError::UnknownEntity(entity))?;
        let members: Vec<RecordIndex> = self.entities[*slot as usize]
            .members
            .iter()
            .map(|&member| RecordIndex(member))
            .collect();
        let mut golden = self.survivorship.survive(&self.store, &members)?;
        golden.entity_id = entity;
        Ok(golden)
    }

    /// Which entity `record` would join, without changing anything: it is
    /// prepared on the fly, blocked against the state (every source
    /// allowed; records identical to it are candidates even in blocks past
    /// the size cap) and scored with the model. The entity is that of the
    /// best-scoring candidate at or above the threshold; an upsert may
    /// still decide otherwise when the chain guard or the one-to-one rule
    /// refuses the merge, or when the model holds a prior for the pairs
    /// of the upsert's source with the candidate's
    /// ([`SourcePrior`](crate::matcher::SourcePrior)): the record comes
    /// from no source here, so its pairs start from the model's own
    /// prior.
    ///
    /// # Errors
    ///
    /// [`StoreError::ColumnTooLarge`] for values past 4 GiB.
    pub fn match_record<R: Record + ?Sized>(&self, record: &R) -> Result<RecordMatch> {
        let probe =
            PreparedStore::of_pair(self.store.schema(), self.store.options(), &record, &record)?;
        let (probe, _) = probe.pair()?;
        let mut members = self.index.block_members_of(&probe);
        // Identical records are candidates whatever the block sizes, as
        // in a batch run and an upsert.
        if let Some(list) = self
            .values_hash(&probe)
            .and_then(|hash| self.identical.get(&hash))
        {
            members.extend(
                list.iter()
                    .filter_map(|&slot| self.store.record(RecordIndex(slot)))
                    .filter(|other| self.same_values(&probe, other))
                    .map(|other| other.index()),
            );
            members.sort_unstable();
            members.dedup();
        }
        let mut candidates: Vec<(MatchCandidate, u32)> = members
            .into_iter()
            .filter(|member| self.alive.get(member.get()).copied().unwrap_or(false))
            .filter_map(|member| {
                let other = self.store.record(member)?;
                let entity = self.entities.get(self.entity_of[member.get()] as usize)?;
                let slot = member.get() as u32;
                Some((
                    MatchCandidate {
                        record: self.key_of(slot)?,
                        entity: entity.id,
                        score: self.model.score(&probe, &other),
                    },
                    slot,
                ))
            })
            .collect();
        candidates.sort_by(|(x, _), (y, _)| {
            y.score
                .probability()
                .total_cmp(&x.score.probability())
                .then(y.score.weight().total_cmp(&x.score.weight()))
                .then_with(|| x.record.cmp(&y.record))
        });
        let threshold = self.settings.cluster.threshold();
        let best = candidates
            .first()
            .filter(|(best, _)| best.score.probability() >= threshold);
        let entity = best.map(|(best, _)| best.entity);
        let explanation = match best {
            Some(&(_, slot)) => self
                .store
                .record(RecordIndex(slot))
                .map(|other| self.model.explain(&probe, &other, Reveal::NonSensitive)),
            None => None,
        };
        Ok(RecordMatch {
            entity,
            explanation,
            candidates: candidates
                .into_iter()
                .map(|(candidate, _)| candidate)
                .collect(),
        })
    }

    /// Inserts a record, or replaces the record with the same source and
    /// id: it is blocked against the state, scored with the frozen model,
    /// and the connected components of accepted pairs it touches are
    /// clustered again (chain guard and one-to-one rule included).
    /// Returns what the change did to entities.
    ///
    /// # Errors
    ///
    /// [`LiveError::UnknownSource`], [`LiveError::MissingRecordId`];
    /// [`StoreError::TooManyRecords`] and [`StoreError::ColumnTooLarge`]
    /// when the store is full. On error nothing changed.
    pub fn upsert<R: Record + Sync + ?Sized>(
        &mut self,
        source: &str,
        record: &R,
    ) -> Result<Vec<EntityChange>> {
        let source_id = self.source_id(source)?;
        let record_id = match record.id() {
            Some(id) if !id.trim().is_empty() => id.into_owned(),
            _ => return Err(LiveError::MissingRecordId(source.to_string()).into()),
        };
        if self.store.len() >= u32::MAX as usize - 1 {
            return Err(StoreError::TooManyRecords.into());
        }
        self.store.ingest(source_id, &[record])?;
        let new = (self.store.len() - 1) as u32;
        // The store's id is the record's trimmed id.
        let stored_id = self
            .store
            .record(RecordIndex(new))
            .map(|r| r.id().to_string())
            .unwrap_or(record_id);
        let key = canonical_key(source, &stored_id);
        let old = self.slot_of(source_id, &stored_id);
        self.alive.push(true);
        self.counted.push(false);
        self.keys.push(key);
        self.pairs.push(Vec::new());
        let mut touched = Touched::default();
        let mut uncapped = Vec::new();
        let old_entity = match old {
            Some(old) => {
                self.seq.push(self.seq[old as usize]);
                let entity = self.entity_of[old as usize];
                self.entity_of.push(entity);
                if let Some(slot) = self.entities.get_mut(entity as usize) {
                    for member in &mut slot.members {
                        if *member == old {
                            *member = new;
                        }
                    }
                    slot.members.sort_unstable();
                }
                self.entity_of[old as usize] = NO_ENTITY;
                self.take_out(old, &mut touched, &mut uncapped);
                Some(entity)
            }
            None => {
                self.seq.push(self.next_seq);
                self.next_seq += 1;
                self.entity_of.push(NO_ENTITY);
                None
            }
        };
        self.by_key.entry(key).or_default().push(new);
        self.records += 1;
        self.put_in(new, &mut touched, uncapped);
        touched.seeds.insert(new);
        let mut changes = self.recluster(touched, old_entity.is_some().then_some(new));
        let entity = self.entities[self.entity_of[new as usize] as usize].id;
        let key = RecordKey::new(source, stored_id);
        changes.push(match old_entity {
            Some(_) => EntityChange::RecordUpdated {
                entity,
                record: key,
            },
            None => EntityChange::RecordAdded {
                entity,
                record: key,
            },
        });
        Ok(changes)
    }

    /// Erases a record: its values leave the store (overwritten in
    /// memory), the blocking index and every pair; its former component is
    /// clustered again from its remaining pairs, so its entity may split.
    /// Its contribution to the term-frequency counts (when it was counted)
    /// leaves them at the next
    /// [`refresh_term_frequencies`](Self::refresh_term_frequencies).
    /// Returns what the change did to entities.
    ///
    /// # Errors
    ///
    /// [`LiveError::UnknownSource`]; [`LiveError::UnknownRecord`] when
    /// the source holds no record with this id (nothing changes).
    pub fn erase(&mut self, source: &str, record_id: &str) -> Result<Vec<EntityChange>> {
        let source_id = self.source_id(source)?;
        let record_id = record_id.trim();
        let old = self
            .slot_of(source_id, record_id)
            .ok_or_else(|| LiveError::UnknownRecord(source.to_string()))?;
        let entity = self.entity_of[old as usize];
        let entity_id = self.entities[entity as usize].id;
        if let Some(slot) = self.entities.get_mut(entity as usize) {
            slot.members.retain(|&member| member != old);
        }
        self.entity_of[old as usize] = NO_ENTITY;
        let mut touched = Touched::default();
        touched.entities.insert(entity);
        let mut uncapped = Vec::new();
        self.take_out(old, &mut touched, &mut uncapped);
        self.score_uncapped(uncapped, &mut touched);
        let mut changes = self.recluster(touched, None);
        changes.push(EntityChange::RecordErased {
            entity: entity_id,
            record: RecordKey::new(source, record_id),
        });
        Ok(changes)
    }

    /// Takes a live record out of everything: the blocking index (noting
    /// the blocks it brings back under the cap), its pairs, the holder
    /// index (noting its counted values for the next
    /// [`refresh_term_frequencies`](Self::refresh_term_frequencies)), the
    /// key index; then blanks its values.
    fn take_out(&mut self, old: u32, touched: &mut Touched, uncapped: &mut Vec<Vec<RecordIndex>>) {
        if let Some(record) = self.store.record(RecordIndex(old)) {
            self.index.remove(&record);
            uncapped.extend(self.index.blocks_at_cap(&record, 0));
        }
        let threshold = self.settings.cluster.threshold();
        for (other, score) in std::mem::take(&mut self.pairs[old as usize]) {
            self.pairs[other as usize].retain(|&(back, _)| back != old);
            if score.probability() >= threshold {
                touched.removed.push((old, other));
                touched.seeds.insert(other);
            }
        }
        if self.counted[old as usize] {
            // Its counted values leave the counts at the next refresh,
            // named by their keyed hashes only.
            let width = self.term_holders.len();
            for (i, holders) in self.term_holders.iter().enumerate() {
                let hash = self.term_hashes[old as usize * width + i];
                if hash != 0 && self.model.comparisons()[holders.comparison].counts_term_hash(hash)
                {
                    self.pending_terms.push((holders.comparison, hash));
                }
            }
            self.counted[old as usize] = false;
        }
        self.release_terms(old);
        self.release_identical(old);
        let key = self.keys[old as usize];
        if let Some(slots) = self.by_key.get_mut(&key) {
            slots.retain(|slot| *slot != old);
            if slots.is_empty() {
                self.by_key.remove(&key);
            }
        }
        if let Some(apart) = &mut self.coparticipants {
            apart.remove(old, &mut touched.apart);
        }
        self.alive[old as usize] = false;
        self.records -= 1;
        self.store.erase_values(RecordIndex(old));
        self.keys[old as usize] = 0;
    }

    /// Indexes a new record, drops pairs of blocks it pushed past the
    /// cap, scores the pairs of blocks an earlier removal brought back
    /// under it, then scores the record's own candidates.
    fn put_in(&mut self, new: u32, touched: &mut Touched, uncapped: Vec<Vec<RecordIndex>>) {
        let capped = match self.store.record(RecordIndex(new)) {
            Some(record) => {
                if let Some(apart) = &mut self.coparticipants {
                    apart.add(new, &record, &mut touched.apart);
                }
                self.index.insert(&record);
                self.index.blocks_at_cap(&record, 1)
            }
            None => return,
        };
        for block in capped {
            for &member in &block {
                let x = member.get() as u32;
                if x == new {
                    continue;
                }
                let lost: Vec<u32> = self.pairs[x as usize]
                    .iter()
                    .map(|&(y, _)| y)
                    .filter(|&y| x < y && y != new && block.binary_search(&RecordIndex(y)).is_ok())
                    .filter(|&y| !self.is_candidate(x, y))
                    .collect();
                for y in lost {
                    self.unpair(x, y, touched);
                }
            }
        }
        self.score_uncapped(uncapped, touched);
        self.hold_terms(new);
        let (threshold, floor) = (self.settings.cluster.threshold(), self.floor);
        self.hold_identical(new);
        let accepted: Vec<(u32, Score)> = match self.store.record(RecordIndex(new)) {
            Some(record) => self
                .candidates_of(&record)
                .into_iter()
                .filter_map(|other| {
                    let partner = self.store.record(other)?;
                    let score = self.model.score(&record, &partner);
                    (score.probability() >= floor).then_some((other.get() as u32, score))
                })
                .collect(),
            None => Vec::new(),
        };
        for (other, score) in accepted {
            self.pairs[new as usize].push((other, score));
            self.pairs[other as usize].push((new, score));
            if score.probability() >= threshold {
                touched.seeds.insert(other);
            }
        }
    }

    /// Whether two live records are a candidate pair now.
    fn is_candidate(&self, x: u32, y: u32) -> bool {
        let (Some(a), Some(b)) = (
            self.store.record(RecordIndex(x)),
            self.store.record(RecordIndex(y)),
        ) else {
            return false;
        };
        self.link_allows(&a, &b) && (self.index.shares_block(&a, &b) || self.same_values(&a, &b))
    }

    /// Whether the link mode lets two records pair.
    fn link_allows(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> bool {
        use crate::block::LinkMode;
        let same = a.source() == b.source();
        let duplicate_free = self.store.source(a.source()).is_duplicate_free();
        match self.settings.link_mode {
            LinkMode::Link => !same,
            LinkMode::Dedup => same && !duplicate_free,
            LinkMode::DedupAndLink => !same || !duplicate_free,
        }
    }

    /// Removes a kept pair.
    fn unpair(&mut self, x: u32, y: u32, touched: &mut Touched) {
        let threshold = self.settings.cluster.threshold();
        let accepted = self.pairs[x as usize]
            .iter()
            .any(|&(other, score)| other == y && score.probability() >= threshold);
        self.pairs[x as usize].retain(|&(other, _)| other != y);
        self.pairs[y as usize].retain(|&(other, _)| other != x);
        if accepted {
            touched.removed.push((x, y));
            touched.seeds.insert(x);
            touched.seeds.insert(y);
        }
    }

    /// Sets the score of a candidate pair: kept at or above the floor,
    /// dropped below it; the records are touched when it is or was
    /// accepted.
    fn set_pair(&mut self, x: u32, y: u32, score: Score, touched: &mut Touched) {
        let (threshold, floor) = (self.settings.cluster.threshold(), self.floor);
        let known = self.pairs[x as usize]
            .iter()
            .position(|&(other, _)| other == y);
        let now_accepted = score.probability() >= threshold;
        match (known, score.probability() >= floor) {
            (Some(at), true) => {
                let before = self.pairs[x as usize][at].1;
                if before != score {
                    self.pairs[x as usize][at].1 = score;
                    if let Some(back) = self.pairs[y as usize]
                        .iter_mut()
                        .find(|(other, _)| *other == x)
                    {
                        back.1 = score;
                    }
                    let was_accepted = before.probability() >= threshold;
                    if now_accepted && was_accepted {
                        // The only accepted pair of both records is a
                        // component of its own: only its side of the
                        // strong probability can matter.
                        let accepted_degree = |slot: u32| {
                            self.pairs[slot as usize]
                                .iter()
                                .filter(|(_, score)| score.probability() >= threshold)
                                .count()
                        };
                        let strong = self.settings.cluster.guard().map(|(strong, _)| strong);
                        let same_side = strong.is_none_or(|strong| {
                            (before.probability() >= strong) == (score.probability() >= strong)
                        });
                        if !same_side {
                            touched.seeds.insert(x);
                        } else if accepted_degree(x) > 1 || accepted_degree(y) > 1 {
                            touched.rescored.push((x, y, before));
                        }
                    } else if now_accepted || was_accepted {
                        touched.seeds.insert(x);
                        touched.seeds.insert(y);
                        if !now_accepted {
                            touched.removed.push((x, y));
                        }
                    }
                }
            }
            (Some(_), false) => self.unpair(x, y, touched),
            (None, true) => {
                self.pairs[x as usize].push((y, score));
                self.pairs[y as usize].push((x, score));
                if now_accepted {
                    touched.seeds.insert(x);
                    touched.seeds.insert(y);
                }
            }
            (None, false) => {}
        }
    }

    /// Scores the pairs of blocks brought back under the cap that are
    /// candidates now.
    fn score_uncapped(&mut self, uncapped: Vec<Vec<RecordIndex>>, touched: &mut Touched) {
        for block in uncapped {
            for (i, &a) in block.iter().enumerate() {
                for &b in &block[i + 1..] {
                    let (x, y) = (a.get() as u32, b.get() as u32);
                    if !self.alive[x as usize]
                        || !self.alive[y as usize]
                        || !self.is_candidate(x, y)
                    {
                        continue;
                    }
                    if self.pairs[x as usize].iter().any(|&(other, _)| other == y) {
                        continue;
                    }
                    let (Some(ra), Some(rb)) = (self.store.record(a), self.store.record(b)) else {
                        continue;
                    };
                    let score = self.model.score(&ra, &rb);
                    self.set_pair(x, y, score, touched);
                }
            }
        }
    }

    /// Rescores the pairs whose two records share a value whose term
    /// frequency changed (named by comparison and keyed hash): every
    /// candidate pair of two holders when the value's margin is used up
    /// (`full`), else the kept pairs of two holders (see [`MARGIN_BITS`]).
    /// A pair sharing several changed values is scored once, and the
    /// scoring runs on all cores.
    fn rescore_terms(&mut self, changed: &[(usize, u64, bool)], touched: &mut Touched) {
        let width = self.term_holders.len();
        let mut work: Vec<(u32, u32)> = Vec::new();
        for &(comparison, hash, full) in changed {
            let Some(position) = self
                .term_holders
                .iter()
                .position(|h| h.comparison == comparison)
            else {
                continue;
            };
            let Some(list) = self.term_holders[position].holders.get(&hash) else {
                continue;
            };
            let holds = |slot: u32| self.term_hashes[slot as usize * width + position] == hash;
            for &x in list {
                let others: Vec<u32> = if full {
                    let Some(record) = self.store.record(RecordIndex(x)) else {
                        continue;
                    };
                    self.candidates_of(&record)
                        .into_iter()
                        .map(|other| other.get() as u32)
                        .collect()
                } else {
                    self.pairs[x as usize].iter().map(|&(y, _)| y).collect()
                };
                // Partners holding the value are holders too: each pair
                // is taken from its smaller side.
                work.extend(
                    others
                        .into_iter()
                        .filter(|&y| y > x && holds(y))
                        .map(|y| (x, y)),
                );
            }
        }
        work.sort_unstable();
        work.dedup();
        let scores: Vec<Option<Score>> = crate::par::map(&work, |&(x, y)| {
            let a = self.store.record(RecordIndex(x))?;
            let b = self.store.record(RecordIndex(y))?;
            Some(self.model.score(&a, &b))
        });
        for (&(x, y), score) in work.iter().zip(scores) {
            if let Some(score) = score {
                self.set_pair(x, y, score, touched);
            }
        }
    }

    /// How many counted values of erased and replaced records are still
    /// in the term-frequency counts, waiting for
    /// [`refresh_term_frequencies`](Self::refresh_term_frequencies).
    pub fn pending_term_frequencies(&self) -> usize {
        self.pending_terms.len()
    }

    /// Takes the counted values of the records erased or replaced since the
    /// last refresh out of the term-frequency counts, rescores the pairs
    /// whose scores depend on a changed count, clusters again the
    /// components whose decisions those scores change, and returns what
    /// that did to entities (merges and splits, as for a change).
    ///
    /// [`erase`](Self::erase) and a replacing [`upsert`](Self::upsert)
    /// take the record's values out of memory at once, but leave its
    /// contribution to the counts (keyed hashes and numbers, never values)
    /// until this call: a common value's count is held by thousands of
    /// records, and each change of it rescores all their pairs, so the
    /// counts change once for a batch of changes (a group commit) rather
    /// than once per change. Until then the state's model is the one with
    /// the old counts, and the state is exactly what a batch run with
    /// [`model`](Self::model) gives. [`LiveStore::save`](super::LiveStore::save)
    /// refreshes before it writes, so no saved file holds an erased
    /// record's counts.
    ///
    /// # Examples
    ///
    /// ```
    /// # #[cfg(feature = "synthetic")] {
    /// use sameas::live::{LiveResolution, LiveSettings};
    /// use sameas::matcher::TermFrequencyKey;
    /// use sameas::resolve::Resolver;
    /// use sameas::synthetic::{PeopleGenerator, SyntheticData};
    ///
    /// let data = PeopleGenerator::builder().seed(3).entities(300).build()?.generate();
    /// let mut resolver = Resolver::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
    /// resolver.term_frequency_key(TermFrequencyKey::new("a secret the host keeps")?);
    /// for source in data.sources() {
    ///     resolver.add_source(source.name(), source.is_duplicate_free(), source.records())?;
    /// }
    /// let mut live = LiveResolution::from_resolution(resolver.resolve()?, LiveSettings::new())?;
    /// let (source, id) = live.records().next().map(|(s, id, _)| (s.to_string(), id.to_string())).unwrap();
    /// live.erase(&source, &id)?;
    /// assert!(live.pending_term_frequencies() > 0); // its given name, family name, address
    /// let changes = live.refresh_term_frequencies();
    /// assert_eq!(live.pending_term_frequencies(), 0);
    /// # let _ = changes;
    /// # }
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn refresh_term_frequencies(&mut self) -> Vec<EntityChange> {
        if self.pending_terms.is_empty() {
            return Vec::new();
        }
        let mut pending = std::mem::take(&mut self.pending_terms);
        pending.sort_unstable();
        let budget = MARGIN_BITS / self.term_holders.len().max(1) as f64;
        let mut changed = Vec::new();
        for run in pending.chunk_by(|a, b| a == b) {
            let (comparison, hash) = run[0];
            let target = &mut self.model.comparisons_mut()[comparison];
            let before = target.term_count_of_hash(hash);
            let mut moved = false;
            for _ in run {
                moved |= target.forget_term_hash(hash);
            }
            if !moved {
                continue;
            }
            let after = target.term_count_of_hash(hash);
            let still_counted = target.counts_term_hash(hash);
            let key = (comparison, hash);
            let reference = *self.term_reference.entry(key).or_insert(before);
            let full = (f64::from(reference) / f64::from(after)).log2() >= budget;
            if !still_counted {
                // Below the table's `k` the count never moves again,
                // and no count under `k` is kept.
                self.term_reference.remove(&key);
            } else if full {
                self.term_reference.insert(key, after);
            }
            changed.push((comparison, hash, full));
        }
        let mut touched = Touched::default();
        self.rescore_terms(&changed, &mut touched);
        self.recluster(touched, None)
    }

    /// Clusters again the connected components (of accepted pairs, before
    /// and after the change) of the touched records, assigns ids by the
    /// rules and reports the entity changes. `replaced` is the new slot of
    /// a replaced record (its age and entity carried over).
    fn recluster(&mut self, touched: Touched, replaced: Option<u32>) -> Vec<EntityChange> {
        let _ = replaced;
        // The union of old and new components: breadth-first over the
        // accepted pairs now and those removed.
        let mut removed: HashMap<u32, Vec<u32>> = HashMap::new();
        for &(x, y) in &touched.removed {
            removed.entry(x).or_default().push(y);
            removed.entry(y).or_default().push(x);
        }
        let threshold = self.settings.cluster.threshold();
        let mut touched = touched;
        self.seed_reordered(&mut touched);
        // The components holding both names of a pair the change kept
        // apart or let together.
        if let Some(apart) = &mut self.coparticipants {
            touched
                .seeds
                .extend(apart.records_of_changed(&touched.apart));
            apart.settle();
        }
        let mut seen: BTreeSet<u32> = BTreeSet::new();
        let mut queue: Vec<u32> = touched
            .seeds
            .iter()
            .copied()
            .filter(|&slot| self.alive[slot as usize])
            .collect();
        for &entity in &touched.entities {
            if let Some(slot) = self.entities.get(entity as usize) {
                queue.extend(slot.members.iter().copied());
            }
        }
        while let Some(slot) = queue.pop() {
            if !self.alive[slot as usize] {
                // An erased record's removed pairs still connect.
                if seen.insert(slot) {
                    queue.extend(removed.get(&slot).into_iter().flatten().copied());
                }
                continue;
            }
            if !seen.insert(slot) {
                continue;
            }
            queue.extend(
                self.pairs[slot as usize]
                    .iter()
                    .filter(|(_, score)| score.probability() >= threshold)
                    .map(|&(other, _)| other),
            );
            queue.extend(removed.get(&slot).into_iter().flatten().copied());
            // The rest of its old entity (a refinement of the old
            // component, but an erased member may have been its link).
            if let Some(entity) = self.entities.get(self.entity_of[slot as usize] as usize) {
                queue.extend(entity.members.iter().copied());
            }
        }
        let records: Vec<u32> = seen
            .into_iter()
            .filter(|&slot| self.alive[slot as usize])
            .collect();

        // Group them as a batch would.
        let local: HashMap<u32, u32> = records
            .iter()
            .enumerate()
            .map(|(i, &slot)| (slot, i as u32))
            .collect();
        let keys: Vec<u64> = records
            .iter()
            .map(|&slot| self.keys[slot as usize])
            .collect();
        let duplicate_free: Vec<Option<u16>> = records
            .iter()
            .map(|&slot| {
                let source = self.store.record_sources()[slot as usize];
                self.store
                    .source(source)
                    .is_duplicate_free()
                    .then_some(source.0)
            })
            .collect();
        let mut pairs = Vec::new();
        for (i, &slot) in records.iter().enumerate() {
            for &(other, score) in &self.pairs[slot as usize] {
                if score.probability() >= threshold
                    && let Some(&j) = local.get(&other)
                    && (i as u32) < j
                {
                    pairs.push(ScoredPair::new(
                        RecordIndex(i as u32),
                        RecordIndex(j),
                        score,
                    ));
                }
            }
        }
        // Identical records as the batch run's exact-duplicate groups see
        // them: the chain guard never refuses their pair.
        let identical = |a: u32, b: u32| {
            let record = |at: u32| {
                records
                    .get(at as usize)
                    .and_then(|&slot| self.store.record(RecordIndex(slot)))
            };
            record(a)
                .zip(record(b))
                .is_some_and(|(a, b)| self.same_values(&a, &b))
        };
        let apart = self
            .coparticipants
            .as_ref()
            .map(|apart| apart.restricted_to(&records))
            .unwrap_or_default();
        let labels = cluster_records(
            &keys,
            &duplicate_free,
            &identical,
            &pairs,
            &self.settings.cluster,
            &apart,
        );
        let mut groups: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for (i, &label) in labels.iter().enumerate() {
            groups.entry(label).or_default().push(records[i]);
        }
        let groups: Vec<Vec<u32>> = groups.into_values().collect();
        self.assign(groups, &records, touched.entities)
    }

    /// Adds to the seeds a record of each component whose accepted pairs,
    /// rescored, no longer sort in the order clustering takes them (or
    /// crossed the chain guard's strong probability): clustering decides
    /// from that order and those sides alone, so other components keep
    /// their entities.
    fn seed_reordered(&self, touched: &mut Touched) {
        if touched.rescored.is_empty() {
            return;
        }
        let threshold = self.settings.cluster.threshold();
        let strong = self.settings.cluster.guard().map(|(strong, _)| strong);
        let mut before: HashMap<(u32, u32), Score> = HashMap::new();
        for &(x, y, score) in &touched.rescored {
            before.entry((x.min(y), x.max(y))).or_insert(score);
        }
        let mut checked: std::collections::HashSet<u32> = std::collections::HashSet::new();
        let rescored = std::mem::take(&mut touched.rescored);
        for (x, _, _) in rescored {
            if checked.contains(&x) || touched.seeds.contains(&x) {
                continue;
            }
            // The component of `x` over accepted pairs.
            let mut component = vec![x];
            checked.insert(x);
            let mut at = 0;
            while let Some(&slot) = component.get(at) {
                at += 1;
                for &(other, score) in &self.pairs[slot as usize] {
                    if score.probability() >= threshold && checked.insert(other) {
                        component.push(other);
                    }
                }
            }
            let mut edges: Vec<(Score, Score, u64, u64)> = Vec::new();
            for &slot in &component {
                for &(other, score) in &self.pairs[slot as usize] {
                    if slot < other && score.probability() >= threshold {
                        let old = before.get(&(slot, other)).copied().unwrap_or(score);
                        let (a, b) = (self.keys[slot as usize], self.keys[other as usize]);
                        edges.push((old, score, a.min(b), a.max(b)));
                    }
                }
            }
            let order = |pick: fn(&(Score, Score, u64, u64)) -> Score| {
                let mut positions: Vec<usize> = (0..edges.len()).collect();
                positions.sort_by(|&i, &j| {
                    let (p, q) = (pick(&edges[i]), pick(&edges[j]));
                    (q.probability() + 0.0)
                        .total_cmp(&(p.probability() + 0.0))
                        .then((q.weight() + 0.0).total_cmp(&(p.weight() + 0.0)))
                        .then((edges[i].2, edges[i].3).cmp(&(edges[j].2, edges[j].3)))
                        .then(i.cmp(&j))
                });
                positions
            };
            let sides_kept = strong.is_none_or(|strong| {
                edges.iter().all(|(old, new, _, _)| {
                    (old.probability() >= strong) == (new.probability() >= strong)
                })
            });
            if !sides_kept || order(|edge| edge.0) != order(|edge| edge.1) {
                touched.seeds.insert(x);
            }
        }
    }

    /// Gives each new group an id by the rules and reports the changes.
    fn assign(
        &mut self,
        groups: Vec<Vec<u32>>,
        records: &[u32],
        extra: BTreeSet<u32>,
    ) -> Vec<EntityChange> {
        let group_of: HashMap<u32, usize> = groups
            .iter()
            .enumerate()
            .flat_map(|(g, members)| members.iter().map(move |&slot| (slot, g)))
            .collect();
        // The old entities involved, oldest first (then largest, then id).
        let mut old: BTreeSet<u32> = extra;
        for &slot in records {
            let entity = self.entity_of[slot as usize];
            if entity != NO_ENTITY {
                old.insert(entity);
            }
        }
        let mut old: Vec<u32> = old.into_iter().collect();
        old.sort_by(|&x, &y| {
            let (a, b) = (&self.entities[x as usize], &self.entities[y as usize]);
            a.born
                .cmp(&b.born)
                .then(b.members.len().cmp(&a.members.len()))
                .then(a.id.cmp(&b.id))
        });
        let mut claimed: Vec<Option<u32>> = vec![None; groups.len()];
        let mut own_group: HashMap<u32, usize> = HashMap::new();
        let mut merged_into: Vec<(u32, usize)> = Vec::new();
        for &entity in &old {
            let members = &self.entities[entity as usize].members;
            if members.is_empty() {
                continue;
            }
            // Its groups: the one holding its oldest member first, then
            // by how many of its members they hold, then their oldest.
            let mut tally: BTreeMap<usize, (usize, u64)> = BTreeMap::new();
            for &member in members {
                if let Some(&g) = group_of.get(&member) {
                    let entry = tally.entry(g).or_insert((0, u64::MAX));
                    entry.0 += 1;
                    entry.1 = entry.1.min(self.seq[member as usize]);
                }
            }
            let oldest_group = tally
                .iter()
                .min_by_key(|(_, (_, oldest))| *oldest)
                .map(|(&g, _)| g);
            let mut order: Vec<(usize, (usize, u64))> = tally.into_iter().collect();
            order.sort_by(|(g, (count_a, oldest_a)), (h, (count_b, oldest_b))| {
                (Some(*h) == oldest_group)
                    .cmp(&(Some(*g) == oldest_group))
                    .then(count_b.cmp(count_a))
                    .then(oldest_a.cmp(oldest_b))
            });
            match order.iter().find(|(g, _)| claimed[*g].is_none()) {
                Some(&(g, _)) => {
                    claimed[g] = Some(entity);
                    own_group.insert(entity, g);
                }
                None => {
                    if let Some(g) = oldest_group {
                        merged_into.push((entity, g));
                    }
                }
            }
        }
        // Ids of groups: claimed, else minted.
        let mut changes = Vec::new();
        let mut group_ids = Vec::with_capacity(groups.len());
        let mut created = Vec::new();
        for (g, claim) in claimed.iter().enumerate() {
            let id = match claim {
                Some(entity) => self.entities[*entity as usize].id,
                None => {
                    let id = self.mint();
                    created.push(id);
                    let _ = g;
                    id
                }
            };
            group_ids.push(id);
        }
        // Merges, grouped by the surviving id.
        let mut merges: BTreeMap<EntityId, Vec<EntityId>> = BTreeMap::new();
        for &(entity, g) in &merged_into {
            merges
                .entry(group_ids[g])
                .or_default()
                .push(self.entities[entity as usize].id);
        }
        for (into, mut from) in merges {
            from.sort_unstable();
            changes.push(EntityChange::Merged { into, from });
        }
        // Splits: an old entity whose members are in several groups.
        for &entity in &old {
            let slot = &self.entities[entity as usize];
            let mine = own_group.get(&entity).copied().or_else(|| {
                merged_into
                    .iter()
                    .find(|(merged, _)| *merged == entity)
                    .map(|&(_, g)| g)
            });
            let mut into: Vec<EntityId> = slot
                .members
                .iter()
                .filter_map(|member| group_of.get(member).copied())
                .filter(|&g| Some(g) != mine)
                .map(|g| group_ids[g])
                .collect();
            into.sort_unstable();
            into.dedup();
            if !into.is_empty() {
                changes.push(EntityChange::Split {
                    from: slot.id,
                    into,
                });
            }
        }
        created.sort_unstable();
        for &entity in &created {
            changes.push(EntityChange::Created { entity });
        }
        let mut removed: Vec<EntityId> = old
            .iter()
            .filter(|entity| !own_group.contains_key(entity))
            .filter(|&&entity| self.entities[entity as usize].members.is_empty())
            .map(|&entity| self.entities[entity as usize].id)
            .collect();
        removed.sort_unstable();
        // Write the new entities: old ones without a group go.
        for &entity in &old {
            if !own_group.contains_key(&entity) {
                let id = self.entities[entity as usize].id;
                self.by_entity_id.remove(&id);
                self.entities[entity as usize].members.clear();
                self.free_entities.push(entity);
            }
        }
        for (g, members) in groups.into_iter().enumerate() {
            let slot = match claimed[g] {
                Some(entity) => {
                    self.entities[entity as usize].members = members;
                    entity
                }
                None => {
                    let entity = EntitySlot {
                        id: group_ids[g],
                        born: self.next_born,
                        members,
                    };
                    self.next_born += 1;
                    let slot = match self.free_entities.pop() {
                        Some(slot) => {
                            self.entities[slot as usize] = entity;
                            slot
                        }
                        None => {
                            self.entities.push(entity);
                            (self.entities.len() - 1) as u32
                        }
                    };
                    self.by_entity_id.insert(group_ids[g], slot);
                    slot
                }
            };
            for &member in &self.entities[slot as usize].members {
                self.entity_of[member as usize] = slot;
            }
        }
        for entity in removed {
            changes.push(EntityChange::Removed { entity });
        }
        changes
    }

    /// A fresh entity id: a hash of the state's counter, never one in use.
    pub(crate) fn mint(&mut self) -> EntityId {
        loop {
            self.minted += 1;
            let mut bytes = b"sameas-live\xff".to_vec();
            bytes.extend_from_slice(&self.minted.to_le_bytes());
            let id = EntityId(hash_key(&bytes));
            if !self.by_entity_id.contains_key(&id) {
                return id;
            }
        }
    }
}
