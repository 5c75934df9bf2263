//! The crate's one fixed hash: block keys, term frequencies, canonical
//! record keys and entity ids are all hashed with [`hash_key`], and maps
//! keyed by such hashes use [`KeyHasher`].
//!
//! A leaf module: it depends on nothing else in the crate.

use std::hash::Hasher;

/// A fixed, seedless 64-bit hash of a key (FNV-1a with a final mix), so
/// that block identities never depend on the process or the run.
pub(crate) fn hash_key(key: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for &byte in key {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    // SplitMix64 finaliser: spreads FNV's weak low bits for the hash map.
    hash ^= hash >> 30;
    hash = hash.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    hash ^= hash >> 27;
    hash = hash.wrapping_mul(0x94D0_49BB_1331_11EB);
    hash ^ (hash >> 31)
}

/// Keys are already well-mixed 64-bit hashes: hash them by identity.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used for keys; fold anything else in.
        for &byte in bytes {
            self.0 = (self.0 << 8 | u64::from(byte)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}
