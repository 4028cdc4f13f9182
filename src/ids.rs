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
//! The hash is std's `RandomState` (SipHash), as a `HashMap`'s: an adversarial document's ids
//! cost what they cost in a `HashMap`.
//!
//! ```
//! # // Ids is crate-private; the behaviour is shown through the engine's id lookups.
//! let roster = r#"{"employees": [{"id": "e-1"}, {"id": "e-2"}]}"#;
//! let engine = credgate::Engine::load(roster, "{}").unwrap().engine;
//! assert_eq!(engine.employee_index("e-2"), Some(1));
//! assert_eq!(engine.employee_index("e-3"), None);
//! ```

use std::hash::{BuildHasher, Hasher, RandomState};

/// An empty slot of the table.
const EMPTY: u32 = u32::MAX;

/// The ids of one collection, stored once, with a table from id to index.
#[derive(Debug, Clone, Default)]
pub struct Ids {
    /// Every id, one after the other.
    text: String,
    /// Where each id ends in `text` (it starts where the previous one ends).
    ends: Vec<u32>,
    /// Open addressing with linear probing: indexes into `ends`, [`EMPTY`] for none. Its length
    /// is zero or a power of two, at most half full.
    table: Vec<u32>,
    hasher: RandomState,
}

impl Ids {
    /// Room for `n` ids of `bytes` bytes in all, without growing.
    pub fn with_capacity(n: usize, bytes: usize) -> Ids {
        let mut ids = Ids { text: String::with_capacity(bytes), ends: Vec::with_capacity(n), table: Vec::new(), hasher: RandomState::new() };
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

    #[inline(never)]
    fn hash(&self, id: &str) -> usize {
        // The bytes alone, in one write: `hash_one(id)` also writes a terminator, which a table
        // of whole strings does not need, and which was a third of the hashing.
        let mut h = self.hasher.build_hasher();
        h.write(id.as_bytes());
        h.finish() as usize
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
}
