//! A multiply hash, eight bytes at a time (FxHash's idea), for maps keyed by GitHub's own data
//! (user ids, organization logins, editor strings), which an attacker does not choose: SipHash
//! was a third of the time of merging an enterprise listing and most of sorting by a text
//! column.

use std::hash::{BuildHasherDefault, Hasher};

/// The hasher.
#[derive(Default)]
pub(crate) struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7C_C1_B7_27_22_0A_95);
    }
}

/// `HashMap<K, V, Fast>`.
pub(crate) type Fast = BuildHasherDefault<FastHasher>;
