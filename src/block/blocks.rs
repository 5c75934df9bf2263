//! One blocker's blocks: key hash → the records holding the key, kept
//! compact because a million records make millions of keys, most of them
//! held by a single record.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use smallvec::SmallVec;

use crate::hash::KeyHasher;
use crate::id::RecordIndex;

/// Where a block's members are: inline for a single record (no
/// allocation), in the shared list otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    One(RecordIndex),
    Shared(u32),
}

/// A 64-bit key hash kept as two `u32`s, so that a map entry (key and
/// packed block) takes 12 bytes instead of 16: the maps are most of the
/// index's memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key([u32; 2]);

impl From<u64> for Key {
    fn from(hash: u64) -> Key {
        Key([(hash >> 32) as u32, hash as u32])
    }
}

impl std::hash::Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(u64::from(self.0[0]) << 32 | u64::from(self.0[1]));
    }
}

/// A [`Block`] in 32 bits: the top bit marks a shared list's slot, else
/// the value is the single record (stores hold fewer than 2^31 records).
#[derive(Debug, Clone, Copy)]
struct PackedBlock(u32);

const SHARED: u32 = 1 << 31;

impl From<Block> for PackedBlock {
    fn from(block: Block) -> PackedBlock {
        match block {
            Block::One(record) => PackedBlock(record.0 & !SHARED),
            Block::Shared(slot) => PackedBlock(slot | SHARED),
        }
    }
}

impl From<PackedBlock> for Block {
    fn from(packed: PackedBlock) -> Block {
        if packed.0 & SHARED == 0 {
            Block::One(RecordIndex(packed.0))
        } else {
            Block::Shared(packed.0 & !SHARED)
        }
    }
}

/// Members of blocks with two or more records; small ones inline.
type Members = SmallVec<[RecordIndex; 4]>;

/// Key hash → members, ascending, with single-record insert and remove.
#[derive(Default)]
pub(crate) struct Blocks {
    map: HashMap<Key, PackedBlock, BuildHasherDefault<KeyHasher>>,
    shared: Vec<Members>,
    /// Slots of `shared` freed by removals, reused before growing.
    free: Vec<u32>,
}

impl Blocks {
    /// The blocks of `entries`, sorted by key and then record, without
    /// duplicates, each key rotated right by `rotation` bits (see
    /// [`bucket_rotation`]).
    pub(crate) fn from_sorted(entries: &[(u64, RecordIndex)], rotation: u32) -> Blocks {
        let distinct = entries.chunk_by(|a, b| a.0 == b.0).count();
        let mut blocks = Blocks {
            map: HashMap::with_capacity_and_hasher(distinct, BuildHasherDefault::default()),
            shared: Vec::new(),
            free: Vec::new(),
        };
        for run in entries.chunk_by(|a, b| a.0 == b.0) {
            let key = Key::from(run[0].0.rotate_left(rotation));
            let block = if run.len() == 1 {
                Block::One(run[0].1)
            } else {
                blocks
                    .shared
                    .push(run.iter().map(|&(_, record)| record).collect());
                Block::Shared((blocks.shared.len() - 1) as u32)
            };
            blocks.map.insert(key, block.into());
        }
        blocks
    }

    /// How far to rotate the key hashes of `entries` (key, record)
    /// entries right before sorting them for [`from_sorted`](Self::from_sorted):
    /// by the bits of a bucket index of the map they fill. Sorted that
    /// way, the keys reach the map in the order of its buckets (the
    /// standard map puts a key at its hash modulo the power-of-two bucket
    /// count, more than `8 / 7` times its keys), so filling it streams
    /// through memory instead of missing the cache at every key; when
    /// there are fewer distinct keys than entries the map is smaller, and
    /// the keys sweep it in order a few times. Only speed depends on it.
    pub(crate) fn bucket_rotation(entries: usize) -> u32 {
        (entries.max(8) * 8 / 7)
            .next_power_of_two()
            .trailing_zeros()
    }

    /// Adds `record` to the block of `key` (once, however often called).
    pub(crate) fn insert(&mut self, key: u64, record: RecordIndex) {
        if record.0 & SHARED != 0 {
            // Past the store's record limit: cannot be represented.
            return;
        }
        let key = Key::from(key);
        match self.map.get(&key).copied().map(Block::from) {
            None => {
                self.map.insert(key, Block::One(record).into());
            }
            Some(Block::One(existing)) if existing == record => {}
            Some(Block::One(existing)) => {
                let mut members = Members::new();
                members.push(existing.min(record));
                members.push(existing.max(record));
                let slot = match self.free.pop() {
                    Some(slot) => {
                        self.shared[slot as usize] = members;
                        slot
                    }
                    None => {
                        self.shared.push(members);
                        // A store holds fewer than 2^32 records, so fewer
                        // shared blocks than that per key set.
                        (self.shared.len() - 1) as u32
                    }
                };
                self.map.insert(key, Block::Shared(slot).into());
            }
            Some(Block::Shared(slot)) => {
                let members = &mut self.shared[slot as usize];
                // Batch builds insert in ascending order: append.
                match members.last() {
                    Some(&last) if last >= record => {
                        if let Err(at) = members.binary_search(&record) {
                            members.insert(at, record);
                        }
                    }
                    _ => members.push(record),
                }
            }
        }
    }

    /// Removes `record` from the block of `key`, dropping empty blocks.
    pub(crate) fn remove(&mut self, key: u64, record: RecordIndex) {
        let key = Key::from(key);
        match self.map.get(&key).copied().map(Block::from) {
            Some(Block::One(existing)) if existing == record => {
                self.map.remove(&key);
            }
            Some(Block::Shared(slot)) => {
                let members = &mut self.shared[slot as usize];
                if let Ok(at) = members.binary_search(&record) {
                    members.remove(at);
                }
                if members.len() == 1 {
                    let last = members[0];
                    members.clear();
                    self.free.push(slot);
                    self.map.insert(key, Block::One(last).into());
                }
            }
            _ => {}
        }
    }

    /// The members of the block of `key` (ascending), if it has any.
    pub(crate) fn get(&self, key: u64) -> Option<BlockMembers<'_>> {
        self.map
            .get(&Key::from(key))
            .map(|packed| match Block::from(*packed) {
                Block::One(record) => BlockMembers::One([record]),
                Block::Shared(slot) => BlockMembers::Shared(&self.shared[slot as usize]),
            })
    }

    /// The members of every block, each ascending (in no particular block
    /// order: callers sort what they emit).
    pub(crate) fn iter(&self) -> impl Iterator<Item = BlockMembers<'_>> + '_ {
        self.map.values().map(|packed| match Block::from(*packed) {
            Block::One(record) => BlockMembers::One([record]),
            Block::Shared(slot) => BlockMembers::Shared(&self.shared[slot as usize]),
        })
    }
}

/// The members of one block, ascending; derefs to a slice.
pub(crate) enum BlockMembers<'a> {
    One([RecordIndex; 1]),
    Shared(&'a [RecordIndex]),
}

impl std::ops::Deref for BlockMembers<'_> {
    type Target = [RecordIndex];

    fn deref(&self) -> &[RecordIndex] {
        match self {
            BlockMembers::One(record) => record,
            BlockMembers::Shared(members) => members,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(blocks: &Blocks) -> Vec<Vec<u32>> {
        let mut all: Vec<Vec<u32>> = blocks
            .iter()
            .map(|m| m.iter().map(|r| r.0).collect())
            .collect();
        all.sort();
        all
    }

    #[test]
    fn sorted_entries_make_the_same_blocks_as_inserts() {
        let entries: Vec<(u64, RecordIndex)> = [(1, 2), (1, 5), (1, 9), (3, 4), (7, 1), (7, 2)]
            .iter()
            .map(|&(k, r)| (k, RecordIndex(r)))
            .collect();
        let mut inserted = Blocks::default();
        for &(key, record) in entries.iter().rev() {
            inserted.insert(key, record);
        }
        assert_eq!(
            members(&Blocks::from_sorted(&entries, 0)),
            members(&inserted)
        );
        assert_eq!(
            members(&Blocks::from_sorted(&[], 0)),
            Vec::<Vec<u32>>::new()
        );
    }

    #[test]
    fn entries_sorted_by_rotated_keys_make_the_same_blocks_as_inserts() {
        // Keys spread over all 64 bits, a few shared by several records.
        let entries: Vec<(u64, RecordIndex)> = (0..5_000u64)
            .map(|i| {
                let key = crate::hash::hash_key(&(i % 3_001).to_le_bytes());
                (key, RecordIndex((i * 7 % 5_000) as u32))
            })
            .collect();
        let mut inserted = Blocks::default();
        for &(key, record) in &entries {
            inserted.insert(key, record);
        }
        for rotation in [0, Blocks::bucket_rotation(entries.len()), 63] {
            let mut rotated: Vec<(u64, RecordIndex)> = entries
                .iter()
                .map(|&(key, record)| (key.rotate_right(rotation), record))
                .collect();
            rotated.sort_unstable();
            rotated.dedup();
            let built = Blocks::from_sorted(&rotated, rotation);
            assert_eq!(members(&built), members(&inserted));
            for &(key, _) in &entries {
                assert_eq!(
                    built.get(key).map(|m| m.to_vec()),
                    inserted.get(key).map(|m| m.to_vec())
                );
            }
        }
        assert_eq!(Blocks::bucket_rotation(0), 4);
        assert_eq!(Blocks::bucket_rotation(1_000_000), 21);
    }

    #[test]
    fn blocks_grow_shrink_and_reuse_slots() {
        let mut blocks = Blocks::default();
        blocks.insert(1, RecordIndex(5));
        blocks.insert(1, RecordIndex(5));
        blocks.insert(2, RecordIndex(7));
        assert_eq!(members(&blocks), [vec![5], vec![7]]);
        blocks.insert(1, RecordIndex(3));
        blocks.insert(1, RecordIndex(9));
        blocks.insert(1, RecordIndex(4));
        assert_eq!(members(&blocks), [vec![3, 4, 5, 9], vec![7]]);
        for record in [4, 9, 3] {
            blocks.remove(1, RecordIndex(record));
        }
        assert_eq!(members(&blocks), [vec![5], vec![7]]);
        assert_eq!(blocks.free, [0]);
        blocks.insert(2, RecordIndex(1));
        assert_eq!(blocks.free, Vec::<u32>::new());
        assert_eq!(members(&blocks), [vec![1, 7], vec![5]]);
        blocks.remove(1, RecordIndex(5));
        blocks.remove(1, RecordIndex(5));
        blocks.remove(3, RecordIndex(5));
        assert_eq!(members(&blocks), [vec![1, 7]]);
    }
}
