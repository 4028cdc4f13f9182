//! Ids stored once: the ids of one collection, and the table that finds an index by id.
//!
//! [`Ids`] owns every id of one collection (shifts, employees, credential records...) in one
//! string, with the end of each, and an open-addressing table of indexes that hashes and compares
//! through that string. Index `i` is the `i`-th id pushed, which is the record's dense index in
//! its collection.
//!
//! ```text
//! text:  s-1s-2s-10        ends: [3, 6, 10]        table: [_, 2, _, 0, _, _, 1, _]
//! ```
//!
//! # Why not a `HashMap<String, u32>` beside a `String` per record
//!
//! That layout keeps every id twice, each in its own allocation with its own header (24 bytes
//! natively, 12 in WebAssembly, plus the allocator's rounding, for a 9-byte id), and a table
//! whose buckets hold a `String` header each. For the 100,000 shifts of SPEC §5's data set that
//! was about 5 MiB of the WebAssembly memory; here it is about 2 MiB (the id bytes, 4 bytes of
//! end and 8 of table per id), and no allocation per id.
//!
//! The hash is SipHash-1-3, as a `HashMap`'s, with random keys drawn from std's `RandomState`:
//! an adversarial document's ids cost what they cost in a `HashMap`. The keys are the table's
//! own (not hidden in a `RandomState`) so that a snapshot can carry the table as it is
//! ([`Ids::from_parts`]) instead of hashing every id again. In the package's WebAssembly, where
//! std has no random source, they are drawn as `RandomState` draws them there (from two
//! addresses), but hashed by the table's own SipHash, not a second copy of it in std's.
//!
//! ```
//! # // Ids is crate-private; the behaviour is shown through the engine's id lookups.
//! let roster = r#"{"employees": [{"id": "e-1"}, {"id": "e-2"}]}"#;
//! let engine = credgate::Engine::load(roster, "{}").unwrap().engine;
//! assert_eq!(engine.employee_index("e-2"), Some(1));
//! assert_eq!(engine.employee_index("e-3"), None);
//! ```

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
use std::hash::BuildHasher;

/// An empty slot of the table.
const EMPTY: u32 = u32::MAX;

/// The ids of one collection, stored once, with a table from id to index.
#[derive(Debug, Clone)]
pub struct Ids {
    /// Every id, one after the other.
    text: String,
    /// Where each id ends in `text` (it starts where the previous one ends).
    ends: Vec<u32>,
    /// Open addressing with linear probing: indexes into `ends`, [`EMPTY`] for none. Its length
    /// is zero or a power of two, at most half full.
    table: Vec<u32>,
    /// SipHash's two keys.
    keys: [u64; 2],
}

impl Default for Ids {
    fn default() -> Ids {
        Ids { text: String::new(), ends: Vec::new(), table: Vec::new(), keys: random_keys() }
    }
}

/// Two random keys, from std's per-process random state.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn random_keys() -> [u64; 2] {
    let s = std::hash::RandomState::new();
    [s.hash_one(0x5eed_u64), s.hash_one(0xc0ffee_u64)]
}

/// Two keys as [`RandomState`](std::hash::RandomState) draws them on this target, hashed by
/// the table's own SipHash-1-3 ([`keys_of`]), where `hash_one` compiled a second SipHash
/// (1 KB of the package's `.wasm`). std has no random source on wasm32-unknown-unknown: it
/// seeds its state once from the addresses of a byte on the stack and one on the heap, and
/// counts the first up by one for each state made. The same is done here.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn random_keys() -> [u64; 2] {
    use std::cell::Cell;
    thread_local!(static SEED: Cell<Option<(u64, u64)>> = const { Cell::new(None) });
    let (k0, k1) = SEED.with(|seed| {
        let (k0, k1) = seed.get().unwrap_or_else(|| {
            let stack = 0u8;
            let heap = Box::new(0u8);
            (std::ptr::from_ref(&stack) as usize as u64, std::ptr::from_ref(&*heap) as usize as u64)
        });
        seed.set(Some((k0.wrapping_add(1), k1)));
        (k0, k1)
    });
    keys_of([k0, k1])
}

/// What `RandomState::hash_one` gives for the two seeds [`random_keys`] hashes, of a state
/// with the keys `state` (std's `DefaultHasher` is SipHash-1-3 of the `u64`'s bytes).
#[cfg_attr(not(all(target_arch = "wasm32", target_os = "unknown")), allow(dead_code))]
fn keys_of(state: [u64; 2]) -> [u64; 2] {
    [sip13(state, &0x5eed_u64.to_le_bytes()), sip13(state, &0xc0ffee_u64.to_le_bytes())]
}

/// The parts of an [`Ids`]: its text, the end of each id, its table and its keys.
pub type Parts<'a> = (&'a str, &'a [u32], &'a [u32], [u64; 2]);

impl Ids {
    /// An empty map without its keys: only for a constant that is copied and then given keys
    /// with [`Ids::seed`] ([`crate::model::Model`]'s `Default`).
    pub(crate) const UNSEEDED: Ids = Ids { text: String::new(), ends: Vec::new(), table: Vec::new(), keys: [0; 2] };

    /// Gives an empty map (an [`Ids::UNSEEDED`] copy) random keys, as [`Ids::default`] has.
    #[inline(never)]
    pub(crate) fn seed(&mut self) {
        self.keys = random_keys();
    }

    /// Room for `n` ids of `bytes` bytes in all, without growing.
    pub fn with_capacity(n: usize, bytes: usize) -> Ids {
        let mut ids = Ids { text: String::with_capacity(bytes), ends: Vec::with_capacity(n), table: Vec::new(), keys: random_keys() };
        ids.table = vec![EMPTY; table_size(n)];
        ids
    }

    /// The id of index `i` (`""` when out of range).
    // Not inlined: every message naming a shift calls it, and the .wasm has a budget.
    #[inline(never)]
    pub fn get(&self, i: u32) -> &str {
        let i = i as usize;
        let Some(&end) = self.ends.get(i) else { return "" };
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start as usize..end as usize).unwrap_or("")
    }

    /// Every id, in index order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len() as u32).map(move |i| self.get(i))
    }

    fn hash(&self, id: &str) -> usize {
        // The bytes alone: a table of whole strings needs no terminator.
        sip13(self.keys, id.as_bytes()) as usize
    }

    /// Its parts, as [`Ids::from_parts`] takes them back.
    pub fn parts(&self) -> Parts<'_> {
        (&self.text, &self.ends, &self.table, self.keys)
    }

    /// The table of the parts another [`Ids::parts`] gave, without hashing an id again; `None`
    /// when they cannot be one: ends that go back or past the text, a table that is not a power
    /// of two at least twice the ids (or empty with no ids), whose slots are not exactly one per
    /// id, or name an index out of range. A table that passes but was forged (an index twice,
    /// one in the wrong slot) finds wrong indexes, in range, and every probe still ends at an
    /// empty slot, as an insert keeps it.
    pub fn from_parts(text: String, ends: Vec<u32>, table: Vec<u32>, keys: [u64; 2]) -> Option<Ids> {
        let n = ends.len();
        let mut last = 0;
        for &end in &ends {
            if end < last {
                return None;
            }
            last = end;
        }
        if last as usize != text.len() {
            return None;
        }
        let sized = if table.is_empty() { n == 0 } else { table.len().is_power_of_two() && n <= table.len() / 2 };
        if !sized || n >= EMPTY as usize {
            return None;
        }
        let (mut used, mut beyond) = (0usize, false);
        for &i in &table {
            used += usize::from(i != EMPTY);
            beyond |= i != EMPTY && i as usize >= n;
        }
        if used != n || beyond {
            return None;
        }
        Some(Ids { text, ends, table, keys })
    }

    /// The slot holding `id`, or the empty slot where it would go. The table must not be empty.
    fn slot(&self, id: &str) -> (usize, Option<u32>) {
        let mask = self.table.len() - 1;
        let mut at = self.hash(id) & mask;
        loop {
            let i = self.table[at];
            if i == EMPTY {
                return (at, None);
            }
            if self.get(i) == id {
                return (at, Some(i));
            }
            at = (at + 1) & mask;
        }
    }

    /// The index of `id`.
    #[inline(never)]
    pub fn find(&self, id: &str) -> Option<u32> {
        if self.table.is_empty() {
            return None;
        }
        self.slot(id).1
    }

    /// Adds `id` as the next index and returns it, or returns `Err` with the index it already
    /// has. Ids beyond `u32::MAX - 1` or text beyond 4 GiB are refused as `Err(u32::MAX)`
    /// (documents are capped far below that).
    pub fn insert(&mut self, id: &str) -> Result<u32, u32> {
        if (self.ends.len() + 1) * 2 > self.table.len() {
            self.grow();
        }
        let (at, found) = self.slot(id);
        if let Some(i) = found {
            return Err(i);
        }
        let end = self.text.len() + id.len();
        if self.ends.len() >= EMPTY as usize - 1 || end > u32::MAX as usize {
            return Err(EMPTY);
        }
        let i = self.ends.len() as u32;
        self.text.push_str(id);
        self.ends.push(end as u32);
        self.table[at] = i;
        Ok(i)
    }

    /// Doubles the table and places every id again.
    fn grow(&mut self) {
        let size = table_size(self.ends.len() + 1).max(self.table.len() * 2);
        self.table = vec![EMPTY; size];
        let mask = size - 1;
        for i in 0..self.ends.len() as u32 {
            let mut at = self.hash(self.get(i)) & mask;
            while self.table[at] != EMPTY {
                at = (at + 1) & mask;
            }
            self.table[at] = i;
        }
    }

    /// Gives back the room reserved beyond the ids (the table stays).
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// SipHash-1-3 of `bytes` with `keys`, the table's hash: one copy, out of line, for the ids'
/// lookups and the keys' drawing.
#[inline(never)]
fn sip13(keys: [u64; 2], bytes: &[u8]) -> u64 {
    sip::<1, 3>(keys, bytes)
}

/// SipHash-`C`-`D` of `bytes` with `keys` (`<1, 3>` is std's `HashMap`'s; `<2, 4>` is checked
/// against std's `SipHasher` in the tests).
fn sip<const C: usize, const D: usize>(keys: [u64; 2], bytes: &[u8]) -> u64 {
    let [k0, k1] = keys;
    let mut v = [k0 ^ 0x736f_6d65_7073_6575, k1 ^ 0x646f_7261_6e64_6f6d, k0 ^ 0x6c79_6765_6e65_7261, k1 ^ 0x7465_6462_7974_6573];
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
    let compress = |v: &mut [u64; 4], m: u64| {
        v[3] ^= m;
        for _ in 0..C {
            round(v);
        }
        v[0] ^= m;
    };
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        compress(&mut v, u64::from_le_bytes(b));
    }
    let mut last = [0u8; 8];
    let tail = words.remainder();
    last[..tail.len()].copy_from_slice(tail);
    last[7] = bytes.len() as u8;
    compress(&mut v, u64::from_le_bytes(last));
    v[2] ^= 0xff;
    for _ in 0..D {
        round(&mut v);
    }
    v[0] ^ v[1] ^ v[2] ^ v[3]
}

/// The table's size for `n` ids: a power of two, at least twice `n`.
fn table_size(n: usize) -> usize {
    (n.max(4) * 2).next_power_of_two()
}

#[cfg(test)]
mod tests {
    use super::Ids;

    #[test]
    fn finds_every_id_and_refuses_duplicates() {
        let mut ids = Ids::default();
        for i in 0..1000 {
            assert_eq!(ids.insert(&format!("s-{i}")), Ok(i));
        }
        assert_eq!(ids.insert("s-17"), Err(17));
        assert_eq!(ids.insert(""), Ok(1000));
        assert_eq!(ids.find(""), Some(1000));
        for i in 0..1000 {
            assert_eq!(ids.find(&format!("s-{i}")), Some(i));
            assert_eq!(ids.get(i), format!("s-{i}"));
        }
        assert_eq!(ids.find("s-1000"), None);
        assert_eq!(ids.get(5000), "");
        assert_eq!(ids.iter().count(), 1001);
        assert_eq!(Ids::default().find("x"), None);
        let mut sized = Ids::with_capacity(3, 6);
        assert_eq!(sized.insert("é"), Ok(0));
        assert_eq!(sized.find("é"), Some(0));
    }

    #[test]
    #[allow(deprecated)]
    fn sip_is_siphash() {
        use std::hash::Hasher;
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len as u8).map(|b| b.wrapping_mul(37)).collect();
            let mut std = std::hash::SipHasher::new_with_keys(0x0706_0504_0302_0100, 0x0f0e_0d0c_0b0a_0908);
            std.write(&bytes);
            assert_eq!(super::sip::<2, 4>([0x0706_0504_0302_0100, 0x0f0e_0d0c_0b0a_0908], &bytes), std.finish(), "{len} bytes");
        }
    }

    /// The keys WebAssembly draws are `RandomState::hash_one`'s of the same state: std's
    /// `DefaultHasher::new()` is that hasher with the keys (0, 0).
    #[test]
    fn keys_are_hash_one() {
        use std::hash::{Hash, Hasher};
        for x in [0x5eed_u64, 0xc0ffee, 0, u64::MAX] {
            let mut std = std::hash::DefaultHasher::new();
            x.hash(&mut std);
            assert_eq!(super::sip13([0, 0], &x.to_le_bytes()), std.finish());
        }
        let [a, b] = super::keys_of([0, 0]);
        let hash_one = |x: u64| {
            let mut std = std::hash::DefaultHasher::new();
            x.hash(&mut std);
            std.finish()
        };
        assert_eq!((a, b), (hash_one(0x5eed), hash_one(0xc0ffee)));
    }

    #[test]
    fn parts_give_the_same_table_and_forged_ones_are_refused_or_in_range() {
        let mut ids = Ids::default();
        for i in 0..100 {
            assert_eq!(ids.insert(&format!("s-{i}")), Ok(i));
        }
        let (text, ends, table, keys) = ids.parts();
        let (text, ends, table) = (text.to_string(), ends.to_vec(), table.to_vec());
        let mut again = Ids::from_parts(text.clone(), ends.clone(), table.clone(), keys).unwrap();
        for i in 0..100 {
            assert_eq!(again.find(&format!("s-{i}")), Some(i));
        }
        assert_eq!(again.insert("s-7"), Err(7));
        assert_eq!(again.insert("new"), Ok(100));
        assert_eq!(again.find("new"), Some(100));
        let empty = Ids::default();
        let (t, e, tb, k) = empty.parts();
        assert!(Ids::from_parts(t.into(), e.to_vec(), tb.to_vec(), k).is_some_and(|ids| ids.find("x").is_none()));
        // An end past the text, going back, a table too small, not a power of two, an index out
        // of range, one slot too many or too few.
        let mut bad_ends = ends.clone();
        bad_ends[99] += 1;
        assert!(Ids::from_parts(text.clone(), bad_ends, table.clone(), keys).is_none());
        let mut back = ends.clone();
        back.swap(3, 4);
        assert!(Ids::from_parts(text.clone(), back, table.clone(), keys).is_none());
        assert!(Ids::from_parts(text.clone(), ends.clone(), table[..128].to_vec(), keys).is_none());
        assert!(Ids::from_parts(text.clone(), ends.clone(), table[..255].to_vec(), keys).is_none());
        assert!(Ids::from_parts(text.clone(), ends.clone(), Vec::new(), keys).is_none());
        let full = table.iter().position(|&i| i != super::EMPTY).unwrap();
        let free = table.iter().position(|&i| i == super::EMPTY).unwrap();
        let mut beyond = table.clone();
        beyond[full] = 100;
        assert!(Ids::from_parts(text.clone(), ends.clone(), beyond, keys).is_none());
        let mut more = table.clone();
        more[free] = 0;
        assert!(Ids::from_parts(text.clone(), ends.clone(), more, keys).is_none());
        let mut fewer = table.clone();
        fewer[full] = super::EMPTY;
        assert!(Ids::from_parts(text.clone(), ends.clone(), fewer, keys).is_none());
        // Forged but consistent: every slot names index 0. Lookups answer wrong, in range, and
        // end; inserts go on.
        let forged: Vec<u32> = table.iter().map(|&i| if i == super::EMPTY { i } else { 0 }).collect();
        let mut forged = Ids::from_parts(text, ends, forged, keys).unwrap();
        for i in 0..100 {
            assert!(forged.find(&format!("s-{i}")).is_none_or(|f| f < 100));
        }
        for i in 0..500 {
            assert!(forged.insert(&format!("t-{i}")).is_ok_and(|at| at >= 100) || forged.find(&format!("t-{i}")).is_some());
        }
    }
}
