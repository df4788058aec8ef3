//! FNV-1a (64-bit): the crate's one hash, for fingerprints of a catalog's
//! shape. Not for untrusted keys in hash tables (it is not keyed).

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a's step taken a whole number at a time: each number of `items`
/// in order, then how many there were (so `[1]` and `[1, 0]` differ).
pub(crate) fn fnv1a_numbers(items: impl Iterator<Item = usize>) -> u64 {
    let mix = |h: u64, n: usize| (h ^ n as u64).wrapping_mul(PRIME);
    let mut count = 0;
    let h = items.fold(OFFSET, |h, n| {
        count += 1;
        mix(h, n)
    });
    mix(h, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_order_matter() {
        let h = |v: &[usize]| fnv1a_numbers(v.iter().copied());
        assert_ne!(h(&[1]), h(&[1, 0]));
        assert_ne!(h(&[1, 2]), h(&[2, 1]));
        assert_eq!(h(&[4, 3, 3]), h(&[4, 3, 3]));
    }
}
