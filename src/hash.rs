//! The crate's one fixed hash: block keys, term frequencies, canonical
//! record keys and entity ids are all hashed with [`hash_key`], and maps
//! keyed by such hashes use [`KeyHasher`].
//!
//! A leaf module: it depends on nothing else in the crate.

use std::hash::Hasher;

/// A fixed, seedless 64-bit hash of a key (FNV-1a with a final mix), so
/// that block identities never depend on the process or the run.
pub(crate) fn hash_key(key: &[u8]) -> u64 {
    hash_key_parts([key])
}

/// [`hash_key`] of the concatenation of `parts`, without copying them
/// into one buffer.
pub(crate) fn hash_key_parts<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for part in parts {
        for &byte in part {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
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

/// SipHash-2-4 of `bytes` under the 128-bit key `(k0, k1)`: a keyed
/// pseudo-random function, so that without the key a hash cannot be
/// matched against hashes of guessed values (term frequencies in a saved
/// model are keyed with it).
pub(crate) fn keyed_hash(key: [u64; 2], bytes: &[u8]) -> u64 {
    let [k0, k1] = key;
    let mut v = [
        k0 ^ 0x736f_6d65_7073_6575,
        k1 ^ 0x646f_7261_6e64_6f6d,
        k0 ^ 0x6c79_6765_6e65_7261,
        k1 ^ 0x7465_6462_7974_6573,
    ];
    fn round(v: &mut [u64; 4]) {
        v[0] = v[0].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(13) ^ v[0];
        v[0] = v[0].rotate_left(32);
        v[2] = v[2].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(16) ^ v[2];
        v[0] = v[0].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(21) ^ v[0];
        v[2] = v[2].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(17) ^ v[2];
        v[2] = v[2].rotate_left(32);
    }
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let m = u64::from_le_bytes(word);
        v[3] ^= m;
        round(&mut v);
        round(&mut v);
        v[0] ^= m;
    }
    let mut last = [0u8; 8];
    let rest = chunks.remainder();
    last[..rest.len()].copy_from_slice(rest);
    let m = u64::from_le_bytes(last) | ((bytes.len() as u64 & 0xff) << 56);
    v[3] ^= m;
    round(&mut v);
    round(&mut v);
    v[0] ^= m;
    v[2] ^= 0xff;
    for _ in 0..4 {
        round(&mut v);
    }
    v[0] ^ v[1] ^ v[2] ^ v[3]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference vectors of the SipHash paper (key 00..0f, messages
    /// 00, 00 01, ... of each length).
    #[test]
    fn keyed_hash_is_siphash_2_4() {
        let key = [0x0706_0504_0302_0100, 0x0f0e_0d0c_0b0a_0908];
        let message: Vec<u8> = (0..64).collect();
        assert_eq!(keyed_hash(key, &message[..0]), 0x726f_db47_dd0e_0e31);
        assert_eq!(keyed_hash(key, &message[..1]), 0x74f8_39c5_93dc_67fd);
        assert_eq!(keyed_hash(key, &message[..8]), 0x93f5_f579_9a93_2462);
        assert_eq!(keyed_hash(key, &message[..15]), 0xa129_ca61_49be_45e5);
    }

    #[test]
    fn parts_hash_as_their_concatenation() {
        assert_eq!(
            hash_key_parts([&b"smi"[..], b"", b"th"]),
            hash_key(b"smith")
        );
        assert_eq!(hash_key_parts([]), hash_key(b""));
        assert_ne!(hash_key(b"smith"), hash_key(b"smiht"));
    }

    #[test]
    fn another_key_gives_another_hash() {
        assert_ne!(keyed_hash([1, 2], b"smith"), keyed_hash([1, 3], b"smith"));
        assert_ne!(keyed_hash([1, 2], b"smith"), hash_key(b"smith"));
    }
}
