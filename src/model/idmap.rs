//! Hash maps keyed by the crate's own sequential ids (layer and node ids),
//! with a cheap multiplicative hash instead of SipHash: ids are not
//! attacker-controlled, and graphs of a million layers hash a lot.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Fibonacci hashing of one integer key.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(32) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;
pub(crate) type IdSet<K> = HashSet<K, BuildHasherDefault<IdHasher>>;

/// A map from ids to small values for the ids of one model's graph: a
/// vector indexed from the range's first id (ids are handed out in
/// creation order, so a graph's nodes and layers mostly lie in a short
/// range), and a hash map for an id outside it. Lookups then cost an
/// index instead of a probe.
pub(crate) struct IdSlots<V> {
    lo: u64,
    slots: Vec<Option<V>>,
    other: IdMap<u64, V>,
    len: usize,
}

/// The longest range [`IdSlots`] keeps in its vector (longer ones go to
/// the hash map: a model of a million layers is not mapped twice).
const MAX_SLOTS: u64 = 1 << 16;

impl<V: Copy> IdSlots<V> {
    /// A map whose vector covers the ids `lo..=hi` (none when the range
    /// is empty or longer than [`MAX_SLOTS`]: the hash map then has room
    /// for `hint` ids).
    pub(crate) fn new(lo: u64, hi: u64, hint: usize) -> Self {
        let n = hi
            .checked_sub(lo)
            .and_then(|d| d.checked_add(1))
            .filter(|&n| n <= MAX_SLOTS)
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0);
        let mut other = IdMap::default();
        if n == 0 {
            other.reserve(hint);
        }
        IdSlots {
            lo,
            slots: vec![None; n],
            other,
            len: 0,
        }
    }

    fn slot(&self, id: u64) -> Option<usize> {
        let i = usize::try_from(id.checked_sub(self.lo)?).ok()?;
        (i < self.slots.len()).then_some(i)
    }

    /// The value of `id`.
    pub(crate) fn get(&self, id: u64) -> Option<V> {
        match self.slot(id) {
            Some(i) => self.slots.get(i).copied().flatten(),
            None => self.other.get(&id).copied(),
        }
    }

    /// Sets the value of `id`.
    pub(crate) fn insert(&mut self, id: u64, v: V) {
        let old = match self.slot(id).and_then(|i| self.slots.get_mut(i)) {
            Some(slot) => slot.replace(v),
            None => self.other.insert(id, v),
        };
        if old.is_none() {
            // bounded: one per distinct id
            self.len = self.len.saturating_add(1);
        }
    }

    /// The value of `id`, set to `v` first when it has none.
    pub(crate) fn get_or_insert(&mut self, id: u64, v: V) -> V {
        self.get(id).unwrap_or_else(|| {
            self.insert(id, v);
            v
        })
    }

    /// Whether `id` has a value.
    pub(crate) fn contains(&self, id: u64) -> bool {
        self.get(id).is_some()
    }

    /// How many ids have a value.
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids inside and outside the vector's range behave as one map.
    #[test]
    fn id_slots_agree_with_a_hash_map() {
        for (lo, hi) in [(10, 20), (0, 0), (5, 4), (0, MAX_SLOTS + 5)] {
            let mut slots: IdSlots<usize> = IdSlots::new(lo, hi, 4);
            let mut map: IdMap<u64, usize> = IdMap::default();
            for (k, id) in [12u64, 3, 20, 21, 10, 12, 3, 1000, 15]
                .into_iter()
                .enumerate()
            {
                assert_eq!(slots.get(id), map.get(&id).copied(), "{lo} {hi} {id}");
                if k % 2 == 0 {
                    slots.insert(id, k);
                    map.insert(id, k);
                } else {
                    let got = slots.get_or_insert(id, k);
                    assert_eq!(got, *map.entry(id).or_insert(k));
                }
                assert_eq!(slots.len(), map.len());
                assert!(slots.contains(id));
            }
        }
    }
}
