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

/// A map from ids to indices for the ids of one model's graph: a vector
/// indexed from the range's first id (ids are handed out in creation
/// order, so a graph's nodes and layers mostly lie in a short range), and
/// a hash map for an id outside it. Lookups then cost an index instead of
/// a probe.
pub(crate) struct IdSlots {
    lo: u64,
    /// Each id's value packed in 32 bits (see [`pack`]), 0 for none: a
    /// quarter of an `Option<usize>`, zeroed when made.
    slots: Vec<u32>,
    other: IdMap<u64, usize>,
    /// Whether `other` holds the value of an id in the vector's range
    /// (one that does not pack).
    spilled: bool,
    len: usize,
}

/// A value as a nonzero `u32`: indices below `u32::MAX - 2` and the
/// graph's two marks `usize::MAX` and `usize::MAX - 1` (3 more, wrapping).
fn pack(v: usize) -> Option<u32> {
    u32::try_from(v.wrapping_add(3)).ok().filter(|&p| p != 0)
}

/// The longest range [`IdSlots`] keeps in its vector (longer ones go to
/// the hash map: a model of a million layers is not mapped twice).
const MAX_SLOTS: u64 = 1 << 16;

impl IdSlots {
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
            slots: vec![0; n],
            other,
            spilled: false,
            len: 0,
        }
    }

    fn slot(&self, id: u64) -> Option<usize> {
        let i = usize::try_from(id.checked_sub(self.lo)?).ok()?;
        (i < self.slots.len()).then_some(i)
    }

    /// The value of `id`.
    pub(crate) fn get(&self, id: u64) -> Option<usize> {
        match self.slot(id).and_then(|i| self.slots.get(i)) {
            Some(&p) if p != 0 => usize::try_from(p).ok().map(|p| p.wrapping_sub(3)),
            Some(_) if !self.spilled => None,
            _ => self.other.get(&id).copied(),
        }
    }

    /// Sets the value of `id`.
    #[inline(always)]
    pub(crate) fn insert(&mut self, id: u64, v: usize) {
        let had = match (self.slot(id), pack(v)) {
            (None, _) => self.other.insert(id, v).is_some(),
            (Some(i), p) => {
                let slots = &mut self.slots;
                let in_slot = slots
                    .get_mut(i)
                    .is_some_and(|s| std::mem::replace(s, p.unwrap_or(0)) != 0);
                // An id in range is in its slot or in `other`, never both.
                let in_other = match p {
                    Some(_) => self.spilled && self.other.remove(&id).is_some(),
                    None => {
                        self.spilled = true;
                        self.other.insert(id, v).is_some()
                    }
                };
                in_slot || in_other
            }
        };
        if !had {
            // bounded: one per distinct id
            self.len = self.len.saturating_add(1);
        }
    }

    /// The value of `id`, set to `v` first when it has none.
    pub(crate) fn get_or_insert(&mut self, id: u64, v: usize) -> usize {
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
            let mut slots = IdSlots::new(lo, hi, 4);
            let mut map: IdMap<u64, usize> = IdMap::default();
            // Ids set (even steps) again, with values that pack and some that
            // do not (`usize::MAX - 2`, `u32::MAX`), and the graph's marks.
            let (wide, odd) = (usize::MAX - 2, u32::MAX as usize);
            let steps = [
                (12u64, wide),
                (3, usize::MAX),
                (20, 2),
                (21, odd),
                (10, usize::MAX - 1),
                (3, 6),
                (12, 5),
                (1000, 8),
                (20, wide),
                (21, 9),
                (20, 11),
                (15, 12),
                (19, odd),
            ];
            for (k, (id, v)) in steps.into_iter().enumerate() {
                assert_eq!(slots.get(id), map.get(&id).copied(), "{lo} {hi} {id}");
                if k % 2 == 0 {
                    slots.insert(id, v);
                    map.insert(id, v);
                } else {
                    let got = slots.get_or_insert(id, v);
                    assert_eq!(got, *map.entry(id).or_insert(v));
                }
                assert_eq!(slots.len(), map.len());
                assert!(slots.contains(id));
            }
        }
    }
}
