//! The tape: how results cross from WebAssembly to JavaScript in one piece.
//!
//! A result (a verdict, a candidate list, a validation, a report) is any `serde::Serialize`
//! value. Building it as a JavaScript object from inside WebAssembly, property by property,
//! costs one boundary crossing per field and per string (5–15 µs for one verdict). Instead the
//! façade serializes it here into three flat buffers in linear memory, and one JavaScript
//! function (`js/tape.js`) reads them back into plain objects in a single call:
//!
//! - `words`: the shape, one `u32` per item, `payload << 4 | op` (see [`Op`]); a payload that
//!   does not fit in 28 bits is [`BIG`] and the real one follows in the next word;
//! - `floats`: the numbers that are not 32-bit integers, in order;
//! - `text`: every string, concatenated as UTF-8. JavaScript decodes it once per result and
//!   slices each string out by its length in UTF-16 code units, so a string costs no decode
//!   call of its own.
//!
//! Object keys and enum variant names are `&'static str` in serde (`"employeeId"`, `"block"`):
//! the first time one is written, it goes out as [`Op::NewAtom`] with its text, and from then on
//! as [`Op::Atom`] with its number, so that a key costs one word. The atom table is kept by the
//! caller for as long as the reader's table lives (the façade keeps one per WebAssembly
//! instance, as `js/tape.js` keeps one per memory); a write that fails takes back the atoms it
//! added, so the two tables never drift apart.
//!
//! A result can also be written item by item ([`Tape::begin`], then [`Tape::object`],
//! [`Tape::id`], [`Tape::shape`]...): that is how verdicts go (`crate::verdict`'s drafts, through [`Out`]). Their ids
//! (employees, shifts, codes, records...) go as [`Op::NewId`] with their text the first time
//! the reader gets them from an engine, then as [`Op::Id`], a table and an index; the tape
//! records which it has sent for which engine and tells the reader to forget them when
//! another engine's ids begin ([`Tape::take_reset`]). Objects of a few known key lists go as
//! [`Op::Shape`]: which keys are present, then the values, and no key at all.
//!
//! The encoding follows `serde-wasm-bindgen`'s with `serialize_maps_as_objects` and
//! `serialize_missing_as_null`: structs and maps become objects, sequences and tuples arrays,
//! `None` and `()` become `null`, unit variants their name, other variants `{name: value}`, and
//! every number a JavaScript number (integers beyond 2⁵³ lose precision, as they do in
//! `JSON.parse`).

use crate::verdict::write::Out;
use serde::ser::{self, Serialize};
use std::fmt;

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
    /// [`Op::Str`] strings, in order (only in a result written by [`Tape::write_bulk`], whose
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

/// Why a value could not be written: a map key that is not a string.
///
/// Boxed, so that `Result<(), TapeError>` is one pointer (null: `Ok`) returned in a register:
/// every field of every result written checks it, and a `String` (three words) went through
/// memory at each of those sites.
#[derive(Debug, Clone, PartialEq, Eq)]
// `Box<str>` would be two words again, returned through memory.
#[allow(clippy::box_collection)]
pub struct TapeError(Box<String>);

impl fmt::Display for TapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TapeError {}

impl TapeError {
    /// The message, moved out: what `to_string` would write, without the formatter.
    pub fn into_message(self) -> String {
        *self.0
    }
}

impl ser::Error for TapeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TapeError(Box::new(msg.to_string()))
    }
}

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
    /// Whether this result's short strings are looked up ([`Tape::write_bulk`]).
    dedupe: bool,
    /// Whose ids the reader holds (see [`Tape::begin`]).
    owner: u64,
    /// The ids the reader holds, one bit an index, per table.
    sent: Vec<Vec<u64>>,
    /// The ids this result sends for the first time, to take back if it is abandoned.
    fresh: Vec<(u8, u32)>,
    /// The atom count when this result began, to take back if it is abandoned.
    atoms_at_begin: u32,
    /// Whether the reader must forget its ids before reading the next result.
    reset: bool,
}

const EMPTY: (usize, usize, u32) = (0, 0, u32::MAX);

impl Tape {
    /// A tape with no atoms sent yet.
    pub fn new() -> Tape {
        Tape::default()
    }

    /// Writes `value`, replacing what the buffers held. On an error the buffers hold nothing
    /// usable and the atom table is as it was before.
    pub fn write<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        self.begin(false, None);
        self.value(value)
    }

    /// [`Tape::write`] for a large result (a validation, a candidate list, a report): each short
    /// string is written once and then by number ([`Op::Again`]). The lookup costs more than it
    /// saves on one verdict, and saves a sixth of `validate` from JavaScript.
    pub fn write_bulk<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        self.begin(true, None);
        self.value(value)
    }

    /// Starts a result written item by item (the methods below, and [`Tape::value`] for a part
    /// that is any `Serialize` value), replacing what the buffers held. `bulk` as in
    /// [`Tape::write_bulk`]. `owner` names whose ids [`Tape::id`] will write (an engine: its
    /// indexes mean nothing for another's; `None` for a result without ids): when it is not
    /// the owner of the ids sent so far, the tape forgets them and [`Tape::take_reset`] tells
    /// the reader to do the same.
    pub fn begin(&mut self, bulk: bool, owner: Option<u64>) {
        self.dedupe = bulk;
        self.words.clear();
        self.floats.clear();
        self.text.clear();
        self.strings.clear();
        self.fresh.clear();
        if bulk {
            self.string_slots.iter_mut().for_each(|s| *s = 0);
        }
        self.atoms_at_begin = self.atoms;
        if let Some(owner) = owner.filter(|&o| o != self.owner) {
            self.owner = owner;
            self.sent.iter_mut().for_each(Vec::clear);
            self.reset = true;
        }
    }

    /// Writes `value` as the next item. On an error the whole result is abandoned
    /// ([`Tape::abandon`]).
    pub fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        let result = value.serialize(&mut *self);
        if result.is_err() {
            self.abandon();
        }
        result
    }

    /// Takes back what the result begun last announced (atoms, ids): the reader will never
    /// see it, so the two tables never drift apart. The buffers hold nothing usable after.
    pub fn abandon(&mut self) {
        let atoms = self.atoms_at_begin;
        if self.atoms != atoms {
            let survivors: Vec<_> = self.slots.iter().copied().filter(|s| s.2 != u32::MAX && s.2 < atoms).collect();
            self.slots.iter_mut().for_each(|s| *s = EMPTY);
            for s in survivors {
                self.insert(s);
            }
            self.atoms = atoms;
        }
        for (table, index) in std::mem::take(&mut self.fresh) {
            if let Some(word) = self.sent.get_mut(usize::from(table)).and_then(|bits| bits.get_mut(index as usize / 64)) {
                *word &= !(1 << (index % 64));
            }
        }
        self.words.clear();
        self.floats.clear();
        self.text.clear();
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
        self.fresh.push((table, index));
        self.push(Op::NewId, (index as usize) << 4 | t);
        self.words.push(utf16_len(text) as u32);
        self.text.push_str(text);
    }

    /// How many atoms the reader knows.
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

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), String> {
        Tape::value(self, value).map_err(|e| *e.0)
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

/// A sequence, map or struct being written: where its count goes, and the count so far.
pub struct Compound<'a> {
    tape: &'a mut Tape,
    at: usize,
    count: usize,
}

impl Compound<'_> {
    #[inline(never)]
    fn end(self) -> Result<(), TapeError> {
        let op = self.tape.words[self.at] & 15;
        if self.count < BIG as usize {
            self.tape.words[self.at] = (self.count as u32) << 4 | op;
            Ok(())
        } else {
            Err(TapeError(Box::new(format!("a collection of {} items is too large to encode", self.count))))
        }
    }
}

impl Tape {
    /// Opens an array or object whose count is patched at the end.
    #[inline(never)]
    fn open(&mut self, op: Op) -> usize {
        self.words.push(op as u32);
        self.words.len() - 1
    }

    /// `{variant: ...}`: opens the one-entry object and writes the key.
    #[inline(never)]
    fn variant(&mut self, variant: &'static str) {
        self.words.push(1 << 4 | Op::Object as u32);
        self.atom(variant);
    }
}

impl<'a> ser::Serializer for &'a mut Tape {
    type Ok = ();
    type Error = TapeError;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), TapeError> {
        self.words.push(if v { Op::True } else { Op::False } as u32);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), TapeError> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), TapeError> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), TapeError> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), TapeError> {
        self.int(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), TapeError> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), TapeError> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), TapeError> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), TapeError> {
        match i64::try_from(v) {
            Ok(i) => self.int(i),
            Err(_) => self.float(v as f64),
        }
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), TapeError> {
        self.float(v.into());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), TapeError> {
        self.float(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), TapeError> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), TapeError> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), TapeError> {
        self.push(Op::Array, v.len());
        for &b in v {
            self.int(b.into());
        }
        Ok(())
    }
    fn serialize_none(self) -> Result<(), TapeError> {
        self.words.push(Op::Null as u32);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), TapeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), TapeError> {
        self.words.push(Op::Null as u32);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), TapeError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), TapeError> {
        self.atom(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), TapeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        self.variant(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, TapeError> {
        let at = self.open(Op::Array);
        Ok(Compound { tape: self, at, count: 0 })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, TapeError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, TapeError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, TapeError> {
        self.variant(variant);
        let at = self.open(Op::Array);
        Ok(Compound { tape: self, at, count: 0 })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, TapeError> {
        let at = self.open(Op::Object);
        Ok(Compound { tape: self, at, count: 0 })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>, TapeError> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, TapeError> {
        self.variant(variant);
        let at = self.open(Op::Object);
        Ok(Compound { tape: self, at, count: 0 })
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        self.count += 1;
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), TapeError> {
        Compound::end(self)
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), TapeError> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), TapeError> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), TapeError> {
        Compound::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TapeError> {
        self.count += 1;
        key.serialize(KeySerializer { tape: &mut *self.tape })
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), TapeError> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), TapeError> {
        self.count += 1;
        self.tape.atom(key);
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), TapeError> {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), TapeError> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), TapeError> {
        Compound::end(self)
    }
}

/// Map keys: strings (every map in credgate's results is keyed by text).
struct KeySerializer<'a> {
    tape: &'a mut Tape,
}

fn not_a_key() -> TapeError {
    TapeError(Box::new("a map key must be a string".to_string()))
}

impl ser::Serializer for KeySerializer<'_> {
    type Ok = ();
    type Error = TapeError;
    type SerializeSeq = ser::Impossible<(), TapeError>;
    type SerializeTuple = ser::Impossible<(), TapeError>;
    type SerializeTupleStruct = ser::Impossible<(), TapeError>;
    type SerializeTupleVariant = ser::Impossible<(), TapeError>;
    type SerializeMap = ser::Impossible<(), TapeError>;
    type SerializeStruct = ser::Impossible<(), TapeError>;
    type SerializeStructVariant = ser::Impossible<(), TapeError>;

    fn serialize_str(self, v: &str) -> Result<(), TapeError> {
        self.tape.string(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), TapeError> {
        self.tape.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), TapeError> {
        self.tape.atom(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), TapeError> {
        value.serialize(self)
    }
    fn serialize_i8(self, _v: i8) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_i16(self, _v: i16) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_i32(self, _v: i32) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_i64(self, _v: i64) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_u8(self, _v: u8) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_u16(self, _v: u16) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_u32(self, _v: u32) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_u64(self, _v: u64) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_bool(self, _v: bool) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_f32(self, _v: f32) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_f64(self, _v: f64) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_none(self) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_unit(self) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, TapeError> {
        Err(not_a_key())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, TapeError> {
        Err(not_a_key())
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct, TapeError> {
        Err(not_a_key())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, TapeError> {
        Err(not_a_key())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, TapeError> {
        Err(not_a_key())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct, TapeError> {
        Err(not_a_key())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, TapeError> {
        Err(not_a_key())
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
    use serde::Serialize;
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
        // An abandoned result takes back the ids it sent first: the reader never saw them.
        write(&mut tape, 2, &[(0, 8, "x-8"), (0, 7, "x-7")]);
        tape.abandon();
        write(&mut tape, 2, &[(0, 8, "x-8")]);
        assert_eq!(tape.text, "x-8");
        assert_eq!(reader.read(&mut tape), json!(["x-8"]));
        // A result without ids (owner None) keeps the owner and what the reader holds.
        tape.write(&"plain").unwrap();
        assert_eq!(reader.read(&mut tape), json!("plain"));
        write(&mut tape, 2, &[(0, 8, "x-8")]);
        assert!(tape.text.is_empty());
        assert_eq!(reader.read(&mut tape), json!(["x-8"]));
    }

    fn round_trip<T: Serialize>(tape: &mut Tape, reader: &mut Reader, value: &T) {
        tape.write(value).unwrap();
        assert_eq!(as_js(reader.read(tape)), as_js(serde_json::to_value(value).unwrap()));
        tape.write_bulk(value).unwrap();
        assert_eq!(as_js(reader.read(tape)), as_js(serde_json::to_value(value).unwrap()));
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    enum Kind {
        Ok,
        Wrapped(u32),
        Pair(i8, bool),
        Named { at: String },
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Row {
        employee_id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        shift_id: Option<String>,
        kinds: Vec<Kind>,
        hours: f64,
        days_left: i32,
        big: u64,
        negative: i64,
        flag: bool,
        by_id: std::collections::BTreeMap<String, u32>,
    }

    fn row(i: u32) -> Row {
        Row {
            employee_id: format!("e-{i} Zoë 😀"),
            name: (i % 2 == 0).then(|| "Ana".to_string()),
            shift_id: None,
            kinds: vec![Kind::Ok, Kind::Wrapped(i), Kind::Pair(-3, true), Kind::Named { at: "2027-01-31".into() }],
            hours: 11.5,
            days_left: -1,
            big: u64::MAX,
            negative: i64::from(i32::MIN) - 1,
            flag: i % 3 == 0,
            by_id: [("__proto__".to_string(), 1), ("constructor".to_string(), 2)].into_iter().collect(),
        }
    }

    #[test]
    fn values_read_back_as_serde_json_writes_them() {
        let (mut tape, mut reader) = (Tape::new(), Reader::default());
        round_trip(&mut tape, &mut reader, &row(0));
        let first_words = tape.words.len();
        // The second time, every key is an atom already sent: fewer bytes of text.
        round_trip(&mut tape, &mut reader, &row(0));
        assert_eq!(tape.words.len(), first_words);
        assert!(!tape.text.contains("employeeId"));
        round_trip(&mut tape, &mut reader, &(0..50).map(row).collect::<Vec<_>>());
        // Repeated strings ("Ana", the map keys, the date) are sent once, then by number.
        assert!(tape.words.iter().filter(|&&w| w & 15 == Op::Again as u32).count() > 100);
        assert_eq!(tape.text.matches("2027-01-31").count(), 1);
        round_trip(&mut tape, &mut reader, &"");
        round_trip(&mut tape, &mut reader, &Vec::<u8>::new());
        round_trip(&mut tape, &mut reader, &(f64::MIN_POSITIVE, -0.0, 1e300, i32::MAX, i32::MIN, u32::MAX));
    }

    #[test]
    fn a_failed_write_takes_back_its_atoms() {
        #[derive(Serialize)]
        struct Fresh {
            never_sent_before: std::collections::BTreeMap<Vec<u8>, u8>,
        }
        let (mut tape, mut reader) = (Tape::new(), Reader::default());
        round_trip(&mut tape, &mut reader, &row(1));
        let known = tape.atoms();
        let bad = Fresh { never_sent_before: [(vec![1], 1)].into_iter().collect() };
        assert!(tape.write(&bad).is_err());
        assert_eq!(tape.atoms(), known);
        // The reader never saw the failed tape and still agrees on every atom.
        round_trip(&mut tape, &mut reader, &row(2));
        round_trip(&mut tape, &mut reader, &Fresh { never_sent_before: Default::default() });
    }

    #[test]
    fn many_atoms_grow_the_table() {
        // Unit variants are atoms: more of them than the first table holds.
        macro_rules! many {
            ($($v:ident)*) => {
                #[derive(Serialize, Clone, Copy)]
                enum Many { $($v),* }
                const ALL: &[Many] = &[$(Many::$v),*];
            };
        }
        many!(A0 A1 A2 A3 A4 A5 A6 A7 A8 A9 B0 B1 B2 B3 B4 B5 B6 B7 B8 B9 C0 C1 C2 C3 C4 C5 C6 C7 C8 C9
              D0 D1 D2 D3 D4 D5 D6 D7 D8 D9 E0 E1 E2 E3 E4 E5 E6 E7 E8 E9 F0 F1 F2 F3 F4 F5 F6 F7 F8 F9
              G0 G1 G2 G3 G4 G5 G6 G7 G8 G9 H0 H1 H2 H3 H4 H5 H6 H7 H8 H9);
        let (mut tape, mut reader) = (Tape::new(), Reader::default());
        round_trip(&mut tape, &mut reader, &ALL);
        round_trip(&mut tape, &mut reader, &ALL.iter().rev().collect::<Vec<_>>());
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
                gaps.write(&mut tape).unwrap();
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
            let (status, order, findings) = engine.draft_validation(&mut scratch);
            tape.begin(true, Some(owner));
            scratch.drafts.write_validation(m, status, &order, &findings, &mut tape).unwrap();
            let validation = engine.validate();
            assert!(!validation.verdicts.is_empty());
            assert_eq!(read(&mut tape, &mut reader), as_js(serde_json::to_value(&validation).unwrap()));
        }
    }
}
