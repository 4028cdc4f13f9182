//! The tape: how results cross from WebAssembly to JavaScript in one piece.
//!
//! A result (a verdict, a candidate list, a validation, a report) built as a JavaScript object
//! from inside WebAssembly, property by property, would cost one boundary crossing per field
//! and per string (5–15 µs for one verdict). Instead the façade writes it here, item by item,
//! into three flat buffers in linear memory, and one JavaScript function (`js/tape.js`) reads
//! them back into plain objects in a single call:
//!
//! - `words`: the shape, one `u32` per item, `payload << 4 | op` (see [`Op`]); a payload that
//!   does not fit in 28 bits is [`BIG`] and the real one follows in the next word;
//! - `floats`: the numbers that are not 32-bit integers, in order;
//! - `text`: every string, concatenated as UTF-8. JavaScript decodes it once per result and
//!   slices each string out by its length in UTF-16 code units, so a string costs no decode
//!   call of its own.
//!
//! Object keys and the names of enums are `&'static str` (`"employeeId"`, `"block"`): the
//! first time one is written ([`Tape::name`]), it goes out as [`Op::NewAtom`] with its text,
//! and from then on as [`Op::Atom`] with its number, so that a key costs one word. The atom
//! table is kept by the caller for as long as the reader's table lives (the façade keeps one
//! per WebAssembly instance, as `js/tape.js` keeps one per memory); a result abandoned
//! ([`Tape::abandon`]: its writer failed) makes the tape forget every atom and id it has sent,
//! and the reader is given a fresh table with them, so the two tables never drift apart.
//!
//! A result is written item by item through [`Out`] ([`Tape::begin`], then [`Tape::object`],
//! [`Tape::id`], [`Tape::shape`]...): the drafted verdicts (`crate::verdict::write`), the
//! reports written from the model (the plan, the gaps, the standing, the holders) and every
//! other public result type (`crate::written`); nothing goes through serde. Their ids
//! (employees, shifts, codes, records...) go as [`Op::NewId`] with their text the first time
//! the reader gets them from an engine, then as [`Op::Id`], a table and an index; the tape
//! records which it has sent for which engine and tells the reader to forget them when
//! another engine's ids begin ([`Tape::take_reset`]). Objects of a few known key lists go as
//! [`Op::Shape`]: which keys are present, then the values, and no key at all.
//!
//! The writers follow the public types' `Serialize` as `serde-wasm-bindgen` would write it with
//! `serialize_maps_as_objects` and `serialize_missing_as_null`: structs and maps become
//! objects, sequences arrays, `None` becomes `null`, an enum of names its name, and every number
//! a JavaScript number (integers beyond 2⁵³ lose precision, as they do in `JSON.parse`). The
//! tests below read each writer's output back and compare it with `serde_json`'s writing of the
//! same value.

use crate::verdict::write::Out;

/// What a word of the tape is. The numbers are the format: `js/tape.js` reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Op {
    /// `null`.
    Null = 0,
    /// `false`.
    False = 1,
    /// `true`.
    True = 2,
    /// A 32-bit signed integer, in the next word.
    Int = 3,
    /// The next number of `floats`.
    Float = 4,
    /// A string: the payload is its length in UTF-16 code units, its text is next in `text`.
    Str = 5,
    /// A string already sent as an atom: the payload is its number.
    Atom = 6,
    /// An array: the payload is its length; the items follow.
    Array = 7,
    /// An object: the payload is its number of entries; key and value of each follow.
    Object = 8,
    /// A string sent for the first time as an atom: like [`Op::Str`], and the reader appends it
    /// to its atom table.
    NewAtom = 9,
    /// A string this result already holds: the payload is its number among the result's
    /// [`Op::Str`] strings, in order (only in a bulk result (see [`Tape::begin`]), whose
    /// reader numbers them). A verdict names the same codes and ids many times, and a
    /// validation names the same employees, shifts and codes thousands of times: each is
    /// decoded and allocated once on the JavaScript side.
    Again = 10,
    /// An id sent before by [`Tape::id`]: the payload is `index << 4 | table`; the reader keeps
    /// a table of ids per kind (employees, shifts, codes, records...), filled by [`Op::NewId`].
    Id = 11,
    /// An id sent for the first time: the payload as [`Op::Id`], then one word with its length
    /// in UTF-16 code units; its text is next in `text`, and the reader keeps it at that place.
    NewId = 12,
    /// An object of one of the shapes the reader knows (`crate::verdict::write::SHAPES`, written out in
    /// `js/tape.js`): the payload is `present << 4 | shape`, bit `i` of `present` set when the
    /// shape's `i`-th key is there; the values of the keys present follow, in the shape's
    /// order. No key crosses at all, and the reader builds the object as a literal.
    Shape = 13,
}

/// How many id tables there are: a table number is below this.
pub const ID_TABLES: usize = 16;

/// The payload that says "the payload is the next word".
pub const BIG: u32 = (1 << 28) - 1;

/// The three buffers of one result, and the atom table shared by every result.
///
/// Reused from result to result: once the buffers have grown to the size of the largest
/// result, writing one allocates nothing.
#[derive(Debug, Default)]
pub struct Tape {
    /// The shape.
    pub words: Vec<u32>,
    /// The numbers that are not `i32`s.
    pub floats: Vec<f64>,
    /// Every string, UTF-8.
    pub text: String,
    /// The atoms sent so far, open-addressed by the address and length of their
    /// `&'static str`: `(address, length, number)`, [`EMPTY`] for a free slot.
    slots: Vec<(usize, usize, u32)>,
    /// How many atoms have been sent.
    atoms: u32,
    /// This result's strings so far, as `(start, length)` in `text`, by number.
    strings: Vec<(u32, u32)>,
    /// This result's strings by the hash of their text: `number + 1`, 0 for a free slot.
    string_slots: Vec<u32>,
    /// Whether this result's short strings are looked up (a bulk result, [`Tape::begin`]).
    dedupe: bool,
    /// Whose ids the reader holds (see [`Tape::begin`]).
    owner: u64,
    /// The ids the reader holds, one bit an index, per table.
    sent: Vec<Vec<u64>>,
    /// Whether the reader must forget its ids before reading the next result.
    reset: bool,
    /// Whether the reader has been given fresh tables for what this tape has sent (see
    /// [`Tape::take_fresh_reader`]).
    reader_ready: bool,
}

const EMPTY: (usize, usize, u32) = (0, 0, u32::MAX);

impl Tape {
    /// A tape with no atoms sent yet (`const`: the façade's one tape is a `static`).
    pub const fn new() -> Tape {
        Tape {
            words: Vec::new(),
            floats: Vec::new(),
            text: String::new(),
            slots: Vec::new(),
            atoms: 0,
            strings: Vec::new(),
            string_slots: Vec::new(),
            dedupe: false,
            owner: 0,
            sent: Vec::new(),
            reset: false,
            reader_ready: false,
        }
    }

    /// Starts a result written item by item (the methods of [`Out`] below), replacing what the
    /// buffers held. `bulk`: a large result (a validation, a candidate list, a report), whose
    /// short strings are each written once and then by number ([`Op::Again`]); the lookup costs
    /// more than it saves on one verdict, and saves a sixth of `validate` from JavaScript.
    /// `owner` names whose ids [`Tape::id`] will write (an engine: its
    /// indexes mean nothing for another's; `None` for a result without ids): when it is not
    /// the owner of the ids sent so far, the tape forgets them and [`Tape::take_reset`] tells
    /// the reader to do the same.
    pub fn begin(&mut self, bulk: bool, owner: Option<u64>) {
        self.dedupe = bulk;
        self.words.clear();
        self.floats.clear();
        self.text.clear();
        self.strings.clear();
        if bulk {
            self.string_slots.iter_mut().for_each(|s| *s = 0);
        }
        if let Some(owner) = owner.filter(|&o| o != self.owner) {
            self.owner = owner;
            self.sent.iter_mut().for_each(Vec::clear);
            self.reset = true;
        }
    }

    /// After a result whose writer failed, which the reader will never see: forgets every atom
    /// and id sent so far, those of earlier results too, and the reader must be given fresh
    /// tables ([`Tape::take_fresh_reader`]), so that the two never drift apart. Nothing
    /// is taken back piece by piece: no writer fails once it has begun to write (the drafts
    /// fail before), so this is a guard, not a path. The buffers hold nothing usable after.
    pub fn abandon(&mut self) {
        self.slots.clear();
        self.atoms = 0;
        self.sent.clear();
        self.reader_ready = false;
    }

    /// Whether the reader must first be given fresh tables (`js/tape.js`'s `tapeMemory`): at
    /// the first result of a new tape, and at the next one after [`Tape::abandon`]. Asking
    /// counts them as given.
    pub fn take_fresh_reader(&mut self) -> bool {
        !std::mem::replace(&mut self.reader_ready, true)
    }

    /// Whether the reader must forget the ids it holds before reading this result; asking
    /// clears it, so the façade asks once, when it hands the result over.
    pub fn take_reset(&mut self) -> bool {
        std::mem::take(&mut self.reset)
    }

    /// Writes [`Op::Id`] when the reader holds the id, and says whether it did.
    #[inline(never)]
    fn held(&mut self, table: u8, index: u32) -> bool {
        let t = usize::from(table);
        if t >= ID_TABLES || index >= 1 << 27 {
            return false;
        }
        let held = self.sent.get(t).and_then(|bits| bits.get(index as usize / 64)).is_some_and(|w| w & 1 << (index % 64) != 0);
        if held {
            self.push(Op::Id, (index as usize) << 4 | t);
        }
        held
    }

    /// Sends an id the reader does not hold ([`Op::NewId`]), or as a plain string when it is
    /// beyond the tables.
    #[inline(never)]
    fn send_id(&mut self, table: u8, index: u32, text: &str) {
        let t = usize::from(table);
        if t >= ID_TABLES || index >= 1 << 27 {
            self.string(text);
            return;
        }
        if self.sent.len() < ID_TABLES {
            self.sent.resize_with(ID_TABLES, Vec::new);
        }
        let bits = &mut self.sent[t];
        let word = index as usize / 64;
        if word >= bits.len() {
            bits.resize(word + 1, 0);
        }
        bits[word] |= 1 << (index % 64);
        self.push(Op::NewId, (index as usize) << 4 | t);
        self.words.push(utf16_len(text) as u32);
        self.text.push_str(text);
    }

    /// How many atoms the reader knows.
    #[cfg(test)]
    pub fn atoms(&self) -> u32 {
        self.atoms
    }

    #[inline(never)]
    fn push(&mut self, op: Op, payload: usize) {
        match u32::try_from(payload) {
            Ok(p) if p < BIG => self.words.push(p << 4 | op as u32),
            // Lengths and counts of data held in a 32-bit memory fit in the next word.
            _ => {
                self.words.push(BIG << 4 | op as u32);
                self.words.push(u32::try_from(payload).unwrap_or(u32::MAX));
            }
        }
    }

    #[inline(never)]
    fn string(&mut self, s: &str) {
        // Long texts (messages, mostly unique) are not worth a lookup; ids and codes are short.
        if !self.dedupe {
            self.push(Op::Str, utf16_len(s));
            self.text.push_str(s);
            return;
        }
        if s.len() > 64 || u32::try_from(self.text.len() + s.len()).is_err() {
            // Numbered like every string of a bulk result, but never looked up.
            self.strings.push((u32::MAX, 0));
            self.push(Op::Str, utf16_len(s));
            self.text.push_str(s);
            return;
        }
        if (self.strings.len() + 1) * 2 > self.string_slots.len() {
            self.grow_strings();
        }
        let mask = self.string_slots.len() - 1;
        let mut i = hash_bytes(s.as_bytes()) & mask;
        loop {
            let slot = self.string_slots[i];
            if slot == 0 {
                break;
            }
            let (start, len) = self.strings[slot as usize - 1];
            if self.text.as_bytes().get(start as usize..(start + len) as usize) == Some(s.as_bytes()) {
                self.push(Op::Again, slot as usize - 1);
                return;
            }
            i = (i + 1) & mask;
        }
        self.string_slots[i] = self.strings.len() as u32 + 1;
        self.strings.push((self.text.len() as u32, s.len() as u32));
        self.push(Op::Str, utf16_len(s));
        self.text.push_str(s);
    }

    fn grow_strings(&mut self) {
        let size = (self.string_slots.len() * 2).max(64);
        self.string_slots.clear();
        self.string_slots.resize(size, 0);
        let mask = size - 1;
        for (n, &(start, len)) in self.strings.iter().enumerate().filter(|(_, s)| s.0 != u32::MAX) {
            let bytes = self.text.as_bytes().get(start as usize..(start + len) as usize).unwrap_or_default();
            let mut i = hash_bytes(bytes) & mask;
            while self.string_slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.string_slots[i] = n as u32 + 1;
        }
    }

    #[inline(never)]
    fn float(&mut self, v: f64) {
        self.words.push(Op::Float as u32);
        self.floats.push(v);
    }

    #[inline(never)]
    fn int(&mut self, v: i64) {
        match i32::try_from(v) {
            Ok(i) => {
                self.words.push(Op::Int as u32);
                self.words.push(i as u32);
            }
            Err(_) => self.float(v as f64),
        }
    }

    /// Writes a `&'static str` as an atom: its number once sent, its text the first time.
    #[inline(never)]
    fn atom(&mut self, s: &'static str) {
        let key = (s.as_ptr() as usize, s.len());
        if !self.slots.is_empty() {
            let mask = self.slots.len() - 1;
            let mut i = hash(key) & mask;
            loop {
                let (a, l, id) = self.slots[i];
                if id == u32::MAX {
                    break;
                }
                if (a, l) == key {
                    self.push(Op::Atom, id as usize);
                    return;
                }
                i = (i + 1) & mask;
            }
        }
        // Not sent yet. Keep the table at most half full.
        if (self.atoms as usize + 1) * 2 > self.slots.len() {
            let old = std::mem::take(&mut self.slots);
            self.slots = vec![EMPTY; (old.len() * 2).max(128)];
            for s in old.into_iter().filter(|s| s.2 != u32::MAX) {
                self.insert(s);
            }
        }
        self.insert((key.0, key.1, self.atoms));
        self.atoms += 1;
        self.push(Op::NewAtom, utf16_len(s));
        self.text.push_str(s);
    }

    fn insert(&mut self, slot: (usize, usize, u32)) {
        let mask = self.slots.len() - 1;
        let mut i = hash((slot.0, slot.1)) & mask;
        while self.slots[i].2 != u32::MAX {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
    }
}

/// The items of a result written item by item: how the drafts of verdicts are written
/// (`crate::verdict::write`...).
impl Out for Tape {
    /// `null`.
    fn null(&mut self) {
        self.words.push(Op::Null as u32);
    }

    /// `true` or `false`.
    fn bool(&mut self, v: bool) {
        self.words.push(if v { Op::True } else { Op::False } as u32);
    }

    /// A number.
    fn number(&mut self, v: f64) {
        self.float(v);
    }

    /// An integer (a float beyond 32 bits).
    fn integer(&mut self, v: i64) {
        self.int(v);
    }

    /// A string of the result (looked up in a bulk result).
    fn str(&mut self, s: &str) {
        self.string(s);
    }

    /// A `&'static str` (an object key, an enum's name), as an atom.
    fn name(&mut self, s: &'static str) {
        self.atom(s);
    }

    /// Opens an array of `len` items: write them next.
    fn array(&mut self, len: usize) {
        self.push(Op::Array, len);
    }

    /// Opens an object of `len` entries: write each key ([`Tape::name`]) and value next.
    fn object(&mut self, len: usize) {
        self.push(Op::Object, len);
    }

    /// Opens an object of shape `shape` (see [`Op::Shape`]) with the keys of `present`: write
    /// their values next, in the shape's order.
    fn shape(&mut self, shape: u8, present: u32) {
        self.push(Op::Shape, (present as usize) << 4 | usize::from(shape & 15));
    }

    /// An id of the owner's (see [`Tape::begin`]): `text`, the `index`-th of table `table`
    /// (below [`ID_TABLES`]). Sent with its text the first time the reader gets it, by number
    /// after that, so that an id the page has seen costs one word and no string of its own.
    ///
    /// `text` is asked for only when the text is sent: an id the reader holds costs no read of
    /// the model's record (on a cold record, a cache miss).
    fn id<'t>(&mut self, table: u8, index: u32, text: impl FnOnce() -> &'t str) {
        if !self.held(table, index) {
            self.send_id(table, index, text());
        }
    }
}

fn hash((addr, len): (usize, usize)) -> usize {
    (addr ^ len.rotate_left(20)).wrapping_mul(0x9E37_79B9) >> 7
}

/// FNV-1a over the bytes, folded: for short strings, in a table rebuilt per result.
fn hash_bytes(bytes: &[u8]) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    (h ^ (h >> 15)) as usize
}

/// The length of `s` in UTF-16 code units: what JavaScript's `length` says.
pub fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        // A character is one unit, two from U+10000 (a four-byte sequence, lead byte 0xF0 or
        // more); continuation bytes (0b10xxxxxx) add nothing.
        s.bytes().map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum()
    }
}

#[cfg(test)]
pub(crate) mod test_reader {
    //! A reader written like `js/tape.js`, for the tests of what is written to the tape.
    use super::*;
    use serde_json::{json, Map, Value};

    /// A reader with its own atom table, kept across tapes as `js/tape.js` keeps it.
    #[derive(Default)]
    pub(crate) struct Reader {
        atoms: Vec<String>,
        /// The current tape's strings, by number.
        strs: Vec<String>,
        /// The ids received, by table and index.
        ids: std::collections::HashMap<(u32, u32), String>,
    }

    impl Reader {
        pub(crate) fn read(&mut self, tape: &mut Tape) -> Value {
            if tape.take_reset() {
                self.ids.clear();
            }
            self.strs.clear();
            let text: Vec<u16> = tape.text.encode_utf16().collect();
            let mut at = (0, 0, 0);
            let v = self.value(tape, &text, &mut at);
            assert_eq!(at, (tape.words.len(), tape.floats.len(), text.len()), "the whole tape is read");
            v
        }

        fn value(&mut self, tape: &Tape, text: &[u16], at: &mut (usize, usize, usize)) -> Value {
            let w = tape.words[at.0];
            at.0 += 1;
            let mut n = (w >> 4) as usize;
            if n == BIG as usize {
                n = tape.words[at.0] as usize;
                at.0 += 1;
            }
            let string = |at: &mut (usize, usize, usize)| {
                let s = String::from_utf16(&text[at.2..at.2 + n]).unwrap();
                at.2 += n;
                s
            };
            match w & 15 {
                0 => Value::Null,
                1 => Value::Bool(false),
                2 => Value::Bool(true),
                3 => {
                    at.0 += 1;
                    json!(tape.words[at.0 - 1] as i32)
                }
                4 => {
                    at.1 += 1;
                    json!(tape.floats[at.1 - 1])
                }
                5 => {
                    let s = string(at);
                    self.strs.push(s.clone());
                    Value::String(s)
                }
                10 => Value::String(self.strs[n].clone()),
                11 => Value::String(self.ids[&(n as u32 & 15, n as u32 >> 4)].clone()),
                13 => {
                    let keys = crate::verdict::write::SHAPES[n & 15].keys;
                    let mut o = Map::new();
                    for (i, k) in keys.iter().enumerate() {
                        if n >> 4 & 1 << i != 0 {
                            let v = self.value(tape, text, at);
                            o.insert(k.name.to_string(), v);
                        }
                    }
                    Value::Object(o)
                }
                12 => {
                    let len = tape.words[at.0] as usize;
                    at.0 += 1;
                    let s = String::from_utf16(&text[at.2..at.2 + len]).unwrap();
                    at.2 += len;
                    self.ids.insert((n as u32 & 15, n as u32 >> 4), s.clone());
                    Value::String(s)
                }
                6 => Value::String(self.atoms[n].clone()),
                9 => {
                    let s = string(at);
                    self.atoms.push(s.clone());
                    Value::String(s)
                }
                7 => Value::Array((0..n).map(|_| self.value(tape, text, at)).collect()),
                8 => {
                    let mut o = Map::new();
                    for _ in 0..n {
                        let Value::String(k) = self.value(tape, text, at) else { panic!("a key is a string") };
                        let v = self.value(tape, text, at);
                        o.insert(k, v);
                    }
                    Value::Object(o)
                }
                op => panic!("op {op}"),
            }
        }
    }

    /// JSON numbers as JavaScript reads them: every number a double.
    pub(crate) fn as_js(v: Value) -> Value {
        match v {
            Value::Number(n) => json!(n.as_f64().unwrap()),
            Value::Array(a) => Value::Array(a.into_iter().map(as_js).collect()),
            Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, as_js(v))).collect()),
            v => v,
        }
    }
}

#[cfg(test)]
mod tests {
    //! The tape read back by a reader written like `js/tape.js`, against `serde_json`'s reading
    //! of the same values (the JSON the CLI prints).
    use super::test_reader::{as_js, Reader};
    use super::*;
    use crate::verdict::write::Out;
    use serde_json::json;

    #[test]
    fn ids_cross_once_per_owner() {
        let (mut tape, mut reader) = (Tape::new(), Reader::default());
        let write = |tape: &mut Tape, owner: u64, ids: &[(u8, u32, &str)]| {
            tape.begin(false, Some(owner));
            tape.array(ids.len());
            for &(table, index, text) in ids {
                tape.id(table, index, || text);
            }
        };
        let ids = [(0, 7, "e-7"), (1, 7, "s-7"), (0, 7, "e-7"), (3, 1 << 26, "cr-big"), (15, 0, "Zoë 😀"), (0, 1 << 27, "beyond")];
        let expected = json!(["e-7", "s-7", "e-7", "cr-big", "Zoë 😀", "beyond"]);
        write(&mut tape, 1, &ids);
        assert_eq!(reader.read(&mut tape), expected);
        // The first tape sent each id's text once (the repeated e-7 and the index too large for
        // a table go as they are); the second sends none.
        assert_eq!(tape.text, "e-7s-7cr-bigZoë 😀beyond");
        write(&mut tape, 1, &ids);
        assert_eq!(tape.text, "beyond");
        assert_eq!(reader.read(&mut tape), expected);
        // Another owner: the same indexes are other ids, sent afresh after a reset.
        write(&mut tape, 2, &[(0, 7, "x-7")]);
        assert_eq!(reader.read(&mut tape), json!(["x-7"]));
        // An abandoned result makes the tape forget every id, and the reader starts afresh.
        write(&mut tape, 2, &[(0, 8, "x-8"), (0, 7, "x-7")]);
        tape.abandon();
        reader = Reader::default();
        write(&mut tape, 2, &[(0, 8, "x-8"), (0, 7, "x-7")]);
        assert_eq!(tape.text, "x-8x-7");
        assert_eq!(reader.read(&mut tape), json!(["x-8", "x-7"]));
        write(&mut tape, 2, &[(0, 8, "x-8")]);
        assert!(tape.text.is_empty());
        assert_eq!(reader.read(&mut tape), json!(["x-8"]));
        // A result without ids (owner None) keeps the owner and what the reader holds.
        tape.begin(false, None);
        tape.str("plain");
        assert_eq!(reader.read(&mut tape), json!("plain"));
        write(&mut tape, 2, &[(0, 8, "x-8")]);
        assert!(tape.text.is_empty());
        assert_eq!(reader.read(&mut tape), json!(["x-8"]));
    }

    /// JSON values written by `crate::written::value`, plain and bulk, against `serde_json`'s
    /// writing of the same `json::Value`: numbers of every kind (beyond 32 and 64 bits, `-0`,
    /// fractions, exponents), keys that are `Object.prototype`'s, nesting, text beyond ASCII.
    #[test]
    fn values_read_back_as_serde_json_writes_them() {
        let (mut tape, mut reader) = (Tape::new(), Reader::default());
        let text = r#"[null, true, false, 0, -0, 7, -2147483648, 2147483647, 2147483648, -2147483649,
            9007199254740993, 18446744073709551615, 18446744073709551616, -9223372036854775809, 1.5, -0.0,
            1e300, 2.5E-7, "", "Zoë 😀", "Ana", "Ana", [], {}, [[1, [2, ["x"]]]],
            {"__proto__": 1, "constructor": {"a": ["Ana", "2027-01-31"]}, "k": "2027-01-31"}]"#;
        let value = crate::json::parse(text).unwrap().value;
        let expected = as_js(serde_json::to_value(&value).unwrap());
        let crate::json::Value::Array(items) = &value else { panic!("an array") };
        for bulk in [false, true] {
            tape.begin(bulk, None);
            crate::written::value(&mut tape, &value);
            assert_eq!(as_js(reader.read(&mut tape)), expected);
            for item in items {
                tape.begin(bulk, None);
                crate::written::value(&mut tape, item);
                assert_eq!(as_js(reader.read(&mut tape)), as_js(serde_json::to_value(item).unwrap()));
            }
        }
        // In a bulk result, repeated strings are sent once, then by number.
        tape.begin(true, None);
        crate::written::value(&mut tape, &value);
        assert!(tape.words.iter().any(|&w| w & 15 == Op::Again as u32));
        assert_eq!(tape.text.matches("2027-01-31").count(), 1);
    }

    /// `n` distinct names that live as long as the test: atoms are keyed by their address.
    fn names(n: usize) -> Vec<&'static str> {
        (0..n).map(|i| &*Box::leak(format!("name{i}").into_boxed_str())).collect()
    }

    fn write_names(tape: &mut Tape, names: &[&'static str]) {
        tape.begin(false, None);
        tape.array(names.len());
        for &n in names {
            tape.name(n);
        }
    }

    #[test]
    fn an_abandoned_result_forgets_every_atom() {
        let (mut tape, mut reader) = (Tape::new(), Reader::default());
        let all = names(6);
        write_names(&mut tape, &all[..3]);
        assert_eq!(reader.read(&mut tape), json!(["name0", "name1", "name2"]));
        assert!(tape.take_fresh_reader(), "a new tape's reader is given fresh tables");
        assert!(!tape.take_fresh_reader());
        write_names(&mut tape, &all[2..]);
        tape.abandon();
        assert_eq!(tape.atoms(), 0);
        assert!(tape.take_fresh_reader(), "and again after an abandoned result");
        assert!(!tape.take_fresh_reader());
        // The reader never saw the abandoned tape; given a fresh table, it agrees on every atom.
        reader = Reader::default();
        write_names(&mut tape, &all[1..]);
        assert_eq!(reader.read(&mut tape), json!(["name1", "name2", "name3", "name4", "name5"]));
        assert_eq!(tape.text, "name1name2name3name4name5");
        write_names(&mut tape, &all[1..3]);
        assert!(tape.text.is_empty());
        assert_eq!(reader.read(&mut tape), json!(["name1", "name2"]));
    }

    #[test]
    fn many_atoms_grow_the_table() {
        // More atoms than the first table holds, then every one again by number.
        let (mut tape, mut reader) = (Tape::new(), Reader::default());
        let all = names(80);
        let expected: Vec<_> = all.iter().map(|n| json!(n)).collect();
        write_names(&mut tape, &all);
        assert_eq!(reader.read(&mut tape), json!(expected));
        let reversed: Vec<_> = all.iter().rev().copied().collect();
        write_names(&mut tape, &reversed);
        assert_eq!(reader.read(&mut tape), json!(expected.into_iter().rev().collect::<Vec<_>>()));
        assert_eq!(tape.atoms(), 80);
        assert!(tape.text.is_empty());
    }

    #[test]
    fn utf16_lengths() {
        assert_eq!(utf16_len("abc"), 3);
        assert_eq!(utf16_len("Zoë"), 3);
        assert_eq!(utf16_len("😀"), 2);
        for s in ["07:00–19:00", "Zoë 😀 日本", "\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}"] {
            assert_eq!(utf16_len(s), s.encode_utf16().count());
        }
    }
}

#[cfg(test)]
mod drafts {
    //! The drafts' writers onto the tape against `serde_json`'s reading of the public types, on the demo's
    //! roster (every kind of reason) and on a roster with more conflicts than a verdict lists.
    use super::test_reader::{as_js, Reader};
    use super::Tape;
    use crate::verdict::tests::crowded;
    use crate::verdict::Scratch;
    use serde_json::Value;

    fn demo() -> crate::Engine {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/");
        let read = |f: &str| std::fs::read_to_string(format!("{dir}{f}")).unwrap();
        crate::testutil::engine(&read("roster.json"), &read("credentials.json"))
    }

    /// The limits corpus's documents: `overLimit` reasons (SPEC §8), with their shift lists.
    fn limits() -> crate::Engine {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/verdicts/20-limits.json")).unwrap();
        let corpus: Value = serde_json::from_str(&text).unwrap();
        crate::testutil::engine(&corpus["roster"].to_string(), &corpus["credentials"].to_string())
    }

    mod erased {
        /// Any public type as `serde_json` writes it: one `&dyn` for the comparisons above.
        pub(super) trait Json {
            fn json(&self) -> serde_json::Value;
        }

        impl<T: serde::Serialize + ?Sized> Json for T {
            fn json(&self) -> serde_json::Value {
                serde_json::to_value(self).unwrap()
            }
        }
    }

    fn read(tape: &mut Tape, reader: &mut Reader) -> Value {
        as_js(reader.read(tape))
    }

    #[test]
    fn verdicts_on_the_tape_read_as_the_public_type_serializes() {
        let (mut tape, mut reader) = (Tape::new(), Reader::default());
        for (owner, engine) in [(1, demo()), (2, crowded()), (3, limits()), (1, demo())] {
            let m = &engine.model;
            let mut scratch = Scratch::default();
            let mut kinds = std::collections::BTreeSet::new();
            for e in m.employees.iter().map(|e| e.id.as_str()) {
                for s in engine.shift_ids() {
                    engine.draft_check(e, s, &mut scratch).unwrap();
                    tape.begin(false, Some(owner));
                    scratch.drafts.write_verdict(m, 0, &mut tape);
                    let owned = engine.check(e, s).unwrap();
                    kinds.extend(owned.reasons.iter().map(|r| r.kind.as_str()));
                    assert_eq!(read(&mut tape, &mut reader), as_js(serde_json::to_value(&owned).unwrap()), "{e} on {s}");
                }
            }
            // Each engine's verdicts are read with the ids of that engine, even after another's.
            assert!(kinds.len() >= 4 || kinds.contains("overLimit"), "{kinds:?}");
        }
    }

    /// The plan's writer (`crate::plan`'s `write`, from the plan with its texts borrowed)
    /// against the public type's `Serialize`: the demo's sessions at several instants and
    /// horizons, with and without grace (bookings with names, costs and locations, unmet needs
    /// of each reason, sums by location and team), and an empty plan.
    #[test]
    fn plans_on_the_tape_read_as_the_public_type_serializes() {
        let (mut tape, mut reader) = (Tape::new(), Reader::default());
        let engine = demo();
        let mut seen = (0, 0);
        for as_of in ["2026-06-01T08:00:00-05:00", "2026-12-01T08:00:00-06:00", "2027-02-01T08:00:00-06:00", "2030-01-01T00:00:00Z"] {
            for (days, grace) in [(None, false), (Some(365), true), (Some(0), false)] {
                let planned = engine.planned(as_of, days, grace).unwrap();
                let plan = engine.plan_renewals(as_of, days, grace).unwrap();
                seen = (seen.0 + plan.bookings.len(), seen.1 + plan.unmet.len());
                tape.begin(true, None);
                planned.write(&mut tape);
                assert_eq!(read(&mut tape, &mut reader), as_js(serde_json::to_value(&plan).unwrap()), "{as_of} {days:?} {grace}");
            }
        }
        assert!(seen.0 > 0 && seen.1 > 0, "{seen:?}");
    }

    /// The gap report's writer (`Gaps::write`) against its `Serialize`: the demo's data over
    /// windows of one day to a year, by location and by team (expiries, blocked shifts with
    /// their reasons, headcounts, trainings).
    #[test]
    fn gaps_on_the_tape_read_as_the_public_type_serializes() {
        let (mut tape, mut reader) = (Tape::new(), Reader::default());
        let engine = demo();
        let mut seen = [0; 5];
        for (from, to) in [("2026-12-01T00:00:00-06:00", "2026-12-02T00:00:00-06:00"), ("2026-11-01T00:00:00Z", "2027-03-01T00:00:00Z"), ("2026-06-01T08:00:00+02:00", "2027-06-01T08:00:00+02:00")] {
            for group_by in crate::GroupBy::ALL {
                let gaps = engine.gaps(from, to, *group_by).unwrap();
                for g in &gaps.groups {
                    for (n, len) in seen.iter_mut().zip([g.expiries.len(), g.blocked_shifts.len(), g.open_shifts.len(), g.headcount.len(), g.trainings.len()]) {
                        *n += len;
                    }
                }
                tape.begin(true, None);
                gaps.write(&mut tape);
                assert_eq!(read(&mut tape, &mut reader), as_js(serde_json::to_value(&gaps).unwrap()), "{from} {to} {group_by:?}");
            }
        }
        // The demo has no open shift (someone can work each); an open shift is four plain fields.
        assert!(seen.iter().enumerate().all(|(i, &n)| n > 0 || i == 2), "{seen:?}");
    }

    /// The holders' writer (`holders::write_holders`) against `Vec<Holder>`'s `Serialize`: every
    /// code of the demo at several instants (names, issuers, identifiers, `validIn` and
    /// `restrictions` quoted as written), an unknown-free empty answer among them, and again
    /// after credentials put by the live roster (quoted as their `put` gave them).
    #[test]
    fn holders_on_the_tape_read_as_the_public_type_serializes() {
        let (mut tape, mut reader) = (Tape::new(), Reader::default());
        let mut engine = demo();
        let ops = crate::json::parse(r#"[{"op": "put", "collection": "credentials", "record": {"id": "cr-0001", "employeeId": "e-101", "code": "SITE-INDUCTION-HOU", "validFrom": "2026-01-01", "validUntil": "2028-12", "restrictions": ["supervised"], "issuer": "I"}}]"#).unwrap().value;
        let mut seen = (0, 0);
        for round in 0..2 {
            let codes: Vec<String> = engine.model.types.iter().map(|t| t.code.clone()).collect();
            for at in ["2026-06-01T08:00:00-05:00", "2026-12-07T08:00:00-06:00", "2027-03-01T00:00:00Z"] {
                for code in &codes {
                    let owned = engine.holders(code, at).unwrap();
                    seen = (seen.0 + owned.len(), seen.1 + usize::from(owned.is_empty()));
                    let found = engine.holding(code, at).unwrap();
                    tape.begin(true, None);
                    crate::holders::write_holders(&engine, &found, &mut tape);
                    assert_eq!(read(&mut tape, &mut reader), as_js(serde_json::to_value(&owned).unwrap()), "{code} at {at}, round {round}");
                }
            }
            let applied = engine.apply_value(&ops, None);
            assert!(applied.applied, "{:?}", applied.errors);
        }
        assert!(seen.0 > 0 && seen.1 > 0, "{seen:?}");
    }

    /// The standing's writer (`Stood::write`) against `Standing`'s `Serialize`: every employee
    /// of the demo at several instants (every state, records quoted as written, renewals,
    /// currency, the roles and shifts that need each code).
    #[test]
    fn standings_on_the_tape_read_as_the_public_type_serializes() {
        let (mut tape, mut reader) = (Tape::new(), Reader::default());
        let engine = demo();
        let mut states = std::collections::BTreeSet::new();
        for as_of in ["2026-06-01T08:00:00-05:00", "2026-12-07T08:00:00-06:00", "2027-03-01T00:00:00Z"] {
            for e in engine.employee_ids() {
                let owned = engine.standing(e, as_of).unwrap();
                states.extend(owned.codes.iter().map(|c| c.state.as_str()));
                tape.begin(false, None);
                engine.stood(e, as_of).unwrap().write(&mut tape);
                assert_eq!(read(&mut tape, &mut reader), as_js(serde_json::to_value(&owned).unwrap()), "{e} at {as_of}");
            }
        }
        assert!(states.len() >= 5, "{states:?}");
    }

    /// What `crate::written` writes (what the package answers without drafting: an edit's and a
    /// batch's answers and their verdicts, here those of `check_move` and `check_moved`, alerts,
    /// the audit, an error's problems, the load's warnings) against the public types'
    /// `Serialize`, on the demo's roster, a crowded one (capped conflicts) and the limits
    /// corpus's (`overLimit` reasons).
    #[test]
    fn results_on_the_tape_read_as_the_public_types_serialize() {
        use crate::written;
        let (mut tape, mut reader) = (Tape::new(), Reader::default());
        let mut check = |bulk: bool, write: &dyn Fn(&mut Tape), expected: Value, what: &str| {
            tape.begin(bulk, None);
            write(&mut tape);
            assert_eq!(as_js(reader.read(&mut tape)), as_js(expected), "{what}");
        };
        let json = |v: &dyn erased::Json| v.json();
        let ov = crate::Override { by: "kim".into(), reason: "short-staffed".into(), at: Some("2026-12-01T08:00:00Z".into()) };
        let mut seen = [0; 6];
        for mut engine in [demo(), crowded(), limits()] {
            let shifts: Vec<String> = engine.shift_ids().map(str::to_string).collect();
            let employees: Vec<String> = engine.employee_ids().map(str::to_string).collect();
            let windows = [("2026-12-07T08:00:00-06:00", "2026-12-07T20:00:00-06:00"), ("2026-12-08T19:00:00Z", "2026-12-09T07:30:00Z")];
            for (k, s) in shifts.iter().enumerate() {
                let (start, end) = windows[k % 2];
                let moved = engine.check_move(s, start, end).unwrap();
                seen[0] += moved.iter().map(|v| v.reasons.len()).sum::<usize>();
                check(true, &|t| written::verdicts(t, &moved), json(&moved), s);
                for e in employees.iter().skip(k % 5).step_by(7) {
                    let v = engine.check_moved(e, s, start, end).unwrap();
                    check(false, &|t| written::verdict(t, &v), json(&v), s);
                }
            }
            let validation = engine.validate();
            seen[1] += validation.findings.len();
            check(true, &|t| written::findings(t, &validation.findings), json(&validation.findings), "findings");
            for (k, s) in shifts.iter().enumerate().step_by(3) {
                let e = &employees[k % employees.len()];
                let (start, end) = windows[k % 2];
                let edits = [engine.assign(e, s, None), engine.assign(e, s, Some(&ov)), engine.unassign(e, s), engine.move_shift(s, start, end, Some(&ov))];
                for edit in edits.into_iter().flatten() {
                    seen[2] += edit.created.len() + edit.cleared.len() + edit.changes.verdicts.len();
                    check(false, &|t| written::edit_result(t, &edit), json(&edit), s);
                }
                let undone = engine.undo();
                check(false, &|t| written::apply_result(t, &undone), json(&undone), "undo");
            }
            let batches = [
                r#"[{"op": "assign", "employeeId": "nobody", "shiftId": "x"}, {"op": "put", "collection": "credentials", "record": {"id": 3}}]"#,
                r#"[{"op": "put", "collection": "credentials", "record": {"id": "cr-new", "employeeId": "e-unknown", "code": "BLS", "validUntil": "2027-01", "extra": [1.5, 12345678901234567890, {"__proto__": null}]}}]"#,
                r#"[{"op": "remove", "collection": "credentials", "id": "cr-new"}]"#,
            ];
            for ops in batches {
                let ops = crate::json::parse(ops).unwrap().value;
                for result in [engine.preview_value(&ops, None), engine.apply_value(&ops, Some(&ov))] {
                    seen[3] += result.errors.len() + result.warnings.len() + usize::from(result.log_entry.is_some());
                    check(false, &|t| written::apply_result(t, &result), json(&result), "batch");
                }
            }
            for as_of in ["2026-06-01T08:00:00-05:00", "2026-12-07T08:00:00-06:00", "2027-03-01T00:00:00Z"] {
                for days in [None, Some(0), Some(365)] {
                    let alerts = engine.alerts(as_of, days).unwrap();
                    seen[4] += alerts.len();
                    check(true, &|t| written::alerts(t, &alerts), json(&alerts), as_of);
                }
                let audit = engine.audit(as_of).unwrap();
                seen[5] += audit.findings.len() + audit.overrides.len();
                check(true, &|t| written::audit(t, &audit), json(&audit), as_of);
            }
            check(false, &|t| written::problems(t, engine.warnings()), json(&engine.warnings()), "warnings");
        }
        let bad = crate::Engine::load(r#"{"employees": [{"id": 3}], "shifts": {}}"#, "[]").unwrap_err();
        assert!(!bad.problems().is_empty());
        check(false, &|t| written::problems(t, bad.problems()), json(&bad.problems()), "load error");
        assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
    }

    #[test]
    fn candidates_and_validation_on_the_tape_read_as_the_public_types_serialize() {
        let (mut tape, mut reader) = (Tape::new(), Reader::default());
        for (owner, engine) in [(10, demo()), (11, crowded())] {
            let m = &engine.model;
            for s in engine.shift_ids() {
                let index = engine.shift_index(s).unwrap();
                let mut scratch = Scratch::default();
                let order = engine.draft_candidates(index, &mut scratch);
                tape.begin(true, Some(owner));
                scratch.drafts.write_candidates(m, index, &order, &mut tape);
                assert_eq!(read(&mut tape, &mut reader), as_js(serde_json::to_value(engine.candidates(s).unwrap()).unwrap()), "candidates of {s}");
            }
            let mut scratch = Scratch::default();
            let (status, order, findings, _) = engine.draft_validation(&mut scratch);
            tape.begin(true, Some(owner));
            scratch.drafts.write_validation(m, status, &order, &findings, &mut tape);
            let validation = engine.validate();
            assert!(!validation.verdicts.is_empty());
            assert_eq!(read(&mut tape, &mut reader), as_js(serde_json::to_value(&validation).unwrap()));
        }
    }
}
