//! FNV-1a, 64 bits: the stable hash behind the random sender choice and
//! the routed-to index.
//!
//! std's `DefaultHasher` and `RandomState` are not used: their output may
//! change between Rust releases (and `RandomState` is seeded per process),
//! and a random sender must be the same for the same call forever. FNV-1a
//! is fixed by its definition (offset basis 0xcbf29ce484222325, prime
//! 0x100000001b3; <http://www.isthe.com/chongo/tech/comp/fnv/>), and a
//! test pins its published test vectors.

use core::hash::{BuildHasher, Hasher};

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over a sequence of byte strings.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fnv1a(u64);

impl Fnv1a {
    pub(crate) fn new() -> Fnv1a {
        Fnv1a(OFFSET)
    }

    /// Continues from the state another hash reached.
    pub(crate) fn resume(state: u64) -> Fnv1a {
        Fnv1a(state)
    }

    pub(crate) fn bytes(mut self, bytes: &[u8]) -> Fnv1a {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(PRIME);
        }
        self
    }

    /// A field: its bytes, then a 0xFF separator (a byte no UTF-8 text
    /// contains), so ("ab", "c") and ("a", "bc") hash apart.
    pub(crate) fn field(self, bytes: &[u8]) -> Fnv1a {
        self.bytes(bytes).bytes(&[0xFF])
    }

    pub(crate) fn finish(self) -> u64 {
        self.0
    }
}

/// FNV-1a of one byte string: the hash of a caller number, computed the
/// same way when a rule set is compiled and when a call is evaluated.
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    Fnv1a::new().bytes(bytes).finish()
}

impl Default for Fnv1a {
    fn default() -> Fnv1a {
        Fnv1a::new()
    }
}

impl Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        *self = self.bytes(bytes);
    }
}

/// The `BuildHasher` of the routed-to index. Its keys are the account's
/// own numbers from the rule set, so hash flooding is not a concern.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FnvBuild;

impl BuildHasher for FnvBuild {
    type Hasher = Fnv1a;

    fn build_hasher(&self) -> Fnv1a {
        Fnv1a::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Test vectors from the FNV reference page (FNV-1a, 64 bits).
    #[test]
    fn published_vectors() {
        assert_eq!(Fnv1a::new().finish(), 0xcbf29ce484222325);
        assert_eq!(Fnv1a::new().bytes(b"a").finish(), 0xaf63dc4c8601ec8c);
        assert_eq!(Fnv1a::new().bytes(b"foobar").finish(), 0x85944171f73967e8);
    }

    #[test]
    fn fields_are_separated() {
        let a = Fnv1a::new().field(b"ab").field(b"c").finish();
        let b = Fnv1a::new().field(b"a").field(b"bc").finish();
        assert_ne!(a, b);
    }
}
