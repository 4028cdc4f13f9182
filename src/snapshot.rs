//! Snapshots: a loaded engine as bytes, and the engine rebuilt from them (SPEC §6, §6.1).
//!
//! [`Engine::snapshot`] writes what a load computed (the interned model: every collection with
//! its ids already resolved to dense indexes, the compiled requirement trees, the id tables'
//! ids, the change log) beside what `export` needs of the documents' text and the model cannot
//! write back (`text`: the shifts and credential records it writes back are left out), the
//! load's warnings and the override log. [`SnapshotLoader`] reads it in bounded steps. [`Engine::from_snapshot`] reads them back, rebuilds the
//! per-employee indexes ([`crate::load`]'s `build_indexes`, as a load does) and parses nothing
//! but the change log: no JSON text, no instants, no lookups by id, no id hashed (the id
//! tables are written as they are in memory, hash table and keys included, and read by a copy
//! checked in range: `Ids::from_parts`). It exists to move a loaded engine between a Web Worker and the page, and to reopen a
//! roster fast.
//!
//! ```
//! use credgate::Engine;
//! let roster = r#"{"employees": [{"id": "e-1"}], "shifts": [{"id": "s-1",
//!   "start": "2026-12-01T07:00:00Z", "end": "2026-12-01T19:00:00Z", "assigned": ["e-1"]}]}"#;
//! let engine = Engine::load(roster, "{}")?.engine;
//! let bytes = engine.snapshot();
//! let again = Engine::from_snapshot(&bytes)?;
//! assert_eq!(again.check("e-1", "s-1")?, engine.check("e-1", "s-1")?);
//! // One byte changed: an error, never a crash.
//! let mut damaged = bytes.clone();
//! damaged[20] ^= 1;
//! assert!(Engine::from_snapshot(&damaged).is_err());
//! # Ok::<(), credgate::Error>(())
//! ```
//!
//! # The format
//!
//! ```text
//! magic    8 bytes   89 'C' 'G' 'S' 'N' 'A' 'P' 0A
//! version  u32 LE    FORMAT_VERSION
//! length   u64 LE    of the payload
//! payload  length bytes
//! checksum u64 LE    of every byte before it (magic to payload's end)
//! ```
//!
//! The payload opens with the documents' skeletons and their lists' forms (`text`), then is a
//! sequence of little-endian fixed-width numbers (`u32` counts and indexes,
//! `i64` instants, `f64` hours), strings as a `u32` byte count then UTF-8, optional values
//! behind a tag byte, JSON values (the change log, the override log) as JSON text. Its layout is
//! this module's code, in one order, written and read by functions side by side; a change to it
//! is a new [`FORMAT_VERSION`]. The writer takes each structure apart field by field (a
//! `let Struct { .. } = value;` naming every field), so a field added to the model does not
//! compile until the snapshot writes it.
//!
//! # What is checked
//!
//! Another magic or version, a cut, or a checksum that does not match is refused before the
//! payload is read. The checksum is FNV-1a's multiply-and-xor over 8-byte words in four lanes
//! (each step a bijection of the lane, so any change within one word, and so any single changed
//! byte, always changes it; fast enough for the 25 MB of SPEC §5's data set). It guards against
//! damage, not against forgery: the payload is then read as untrusted input anyway. Every count
//! is checked against the bytes left before anything is allocated, every index against the
//! collection it points into, every instant against the range a load can produce, and every
//! string is checked UTF-8; a failure is an [`InvalidArgument`](crate::ErrorKind::InvalidArgument) error at path `snapshot`.
//! The checks before the payload each say what failed (not a snapshot, another version, cut
//! short, a length or checksum that does not match), since damage and old snapshots meet them;
//! a payload that does not read past a checksum that matched (forged bytes, or a writer's
//! defect) has one message, `the snapshot is damaged: its payload cannot be read at byte N`,
//! N the offset in the whole snapshot where the reader found the damage.
//!
//! # What survives
//!
//! The documents (as `export` writes them), every answer, the load's warnings and the change
//! log survive; undo history does not (SPEC §6), nor a clock set with `set_clock`. An engine
//! that has been edited is written as the load of its `export` would be (removed records are
//! gone, not kept as tombstones, so `employee_ids` lists only the live ones); an engine as
//! loaded is written from its own model, which is the fast path of a worker's snapshot.

use crate::engine::Engine;
use crate::error::{Document, Error, Problem};
use crate::ids::Ids;
use crate::json::Value;
use crate::model::*;
use crate::requirement::Req;
use crate::limits::{Applies, CalendarUnit, Limit, Measure, Weekday, Window};
use crate::time::{Bound, Instant, DAY_MS};
use std::borrow::Cow;
use std::sync::Arc;

mod text;
pub(crate) use text::Texts;

/// The snapshot's first 8 bytes.
pub(crate) const MAGIC: [u8; 8] = *b"\x89CGSNAP\n";

/// The snapshot format version this credgate writes and reads ([`Engine::snapshot`]); another
/// is refused.
pub const FORMAT_VERSION: u32 = 5;

/// Magic, version and payload length.
const HEADER: usize = 8 + 4 + 8;
/// The checksum after the payload.
const TRAILER: usize = 8;

/// FNV-1a's 64-bit prime and offset basis.
const PRIME: u64 = 0x0000_0100_0000_01b3;
const BASIS: u64 = 0xcbf2_9ce4_8422_2325;

/// The earliest and latest instants a load can produce (years 0000 to 9999, with a date's
/// next midnight and the widest offsets), with a margin: anything beyond is not a snapshot's.
const MIN_MS: i64 = -62_167_219_200_000 - 3 * DAY_MS;
const MAX_MS: i64 = 253_402_300_800_000 + 3 * DAY_MS;
/// Nesting of requirement trees, as the JSON they came from.
const MAX_REQ_DEPTH: usize = crate::json::MAX_DEPTH + 1;

/// The checksum a snapshot ends with, of every byte before it ([`Engine::snapshot`]; public for
/// the fuzz target, which forges it to reach the payload checks): FNV-1a over little-endian 8-byte words in four interleaved lanes
/// (so that the multiplications overlap), the tail byte by byte, the lanes and the length folded.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut c = Checksum::new();
    c.update(bytes);
    c.finish(bytes.len())
}

/// [`checksum`] a piece at a time: every piece but the last a whole number of 32-byte blocks.
#[derive(Clone, Copy)]
struct Checksum {
    lanes: [u64; 4],
}

impl Default for Checksum {
    fn default() -> Checksum {
        Checksum::new()
    }
}

impl Checksum {
    fn new() -> Checksum {
        Checksum { lanes: [BASIS, BASIS ^ 1, BASIS ^ 2, BASIS ^ 3] }
    }
    fn update(&mut self, bytes: &[u8]) {
        let lanes = &mut self.lanes;
        let mut blocks = bytes.chunks_exact(32);
        for block in &mut blocks {
            for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
                let mut w = [0u8; 8];
                w.copy_from_slice(word);
                *lane = (*lane ^ u64::from_le_bytes(w)).wrapping_mul(PRIME);
            }
        }
        for &b in blocks.remainder() {
            lanes[0] = (lanes[0] ^ u64::from(b)).wrapping_mul(PRIME);
        }
    }
    /// The checksum of the `len` bytes given.
    fn finish(self, len: usize) -> u64 {
        let mut h = BASIS ^ len as u64;
        for lane in self.lanes {
            h = (h ^ lane).wrapping_mul(PRIME);
        }
        h
    }
}

/// The error of a snapshot that cannot be read, saying why (one copy of this, not one per type
/// of message).
fn bad(message: &str) -> Error {
    Error::invalid_argument(Problem { path: "snapshot".into(), message: crate::load::own(message), document: Document::Argument })
}

/// The message of a snapshot's error ([`bad`]): most are fixed words, not copied until the
/// error is made.
type Message = Cow<'static, str>;

/// The message of a payload that does not read (past the checksum: forged bytes, or a
/// writer's defect), naming the byte where the reader found it.
fn unreadable(at: usize) -> String {
    with_number("the snapshot is damaged: its payload cannot be read at byte ", at, "")
}

/// What follows another version's number in its message ([`FORMAT_VERSION`] written out: a
/// test compares them).
const VERSION_READ: &str = "; this credgate reads version 5";

/// The message `before` `n` `after` (`n` in decimal, as `{}` writes it: the formatting
/// machinery is not needed for these two messages).
#[inline(never)]
fn with_number(before: &str, n: usize, after: &str) -> String {
    let mut message = crate::load::own(before);
    crate::human::push_int(&mut message, n as i64);
    message.push_str(after);
    message
}

impl Engine {
    /// The engine as bytes, from which [`Engine::from_snapshot`] rebuilds an engine with the
    /// same documents and answers (undo history aside), several times faster than a load of
    /// the JSON text. See the module's documentation for the format.
    pub fn snapshot(&self) -> Vec<u8> {
        // An edited engine is written as the load of its export: what `export` says the engine
        // is (its text kept by the load as it is, not copied). The export of a loaded engine
        // loads; were it not to, the engine as it is.
        let canonical;
        let engine = if self.edited() {
            let export = self.export();
            match Engine::load_owned(export.roster.to_json(), export.credentials.to_json()) {
                Ok(l) => {
                    canonical = l.engine;
                    &canonical
                }
                Err(_) => self,
            }
        } else {
            self
        };
        let (model, sources) = (&engine.model, engine.sources.sources());
        let compact = text::compact(model, sources);
        let mut w = Writer { buf: Vec::with_capacity(HEADER + compact.roster.len() + compact.credentials.len() + 48 * (model.records.len() + model.shifts.len()) + 1024) };
        w.buf.extend_from_slice(&MAGIC);
        w.u32(FORMAT_VERSION);
        w.u64(0);
        w.str(&compact.roster);
        w.str(&compact.credentials);
        w.forms(compact.shifts.as_deref());
        w.forms(compact.records.as_deref());
        w.forms(compact.events.as_deref());
        w.values(&self.overrides);
        w.u32(self.warnings.len() as u32);
        for p in &self.warnings {
            w.problem(p);
        }
        w.model(model);
        let len = (w.buf.len() - HEADER) as u64;
        w.buf[12..HEADER].copy_from_slice(&len.to_le_bytes());
        let sum = checksum(&w.buf);
        w.u64(sum);
        w.buf
    }

    /// Whether the engine has been edited since its load (then written as the load of its
    /// export). Each list is looked at by a loop out of line (`any_some`, `Removed::any`'s
    /// `any_true`): inline, the loops over the seven lists of each kind were unrolled into
    /// fourteen copies, 1 KB of the `.wasm` (decision 146).
    fn edited(&self) -> bool {
        self.live.store.values.iter().any(|v| any_some(v)) || self.model.removed.any() || self.model.shifts.iter().any(|s| s.dirty)
    }

    /// Rebuilds the engine [`Engine::snapshot`] wrote. Bytes of another format version, cut
    /// short, with any byte changed, or otherwise not a snapshot are an
    /// [`InvalidArgument`](crate::ErrorKind::InvalidArgument) error at path `snapshot`, never a panic.
    pub fn from_snapshot(bytes: &[u8]) -> Result<Engine, Error> {
        SnapshotLoader::new(bytes.to_vec()).finish()
    }
}

/// Whether any of `list` is set ([`Engine::edited`]).
#[inline(never)]
fn any_some(list: &[Option<Value>]) -> bool {
    list.iter().any(Option::is_some)
}

/// The documents' text written back from a snapshot's bytes, already
/// read once by a [`SnapshotLoader`]; `{}` for what cannot be read (no checked snapshot).
fn text_of(bytes: &[u8]) -> Sources {
    let bytes = bytes.get(..bytes.len().saturating_sub(TRAILER)).unwrap_or_default();
    let mut l = Loader { stage: Stage::Head, at: HEADER, ..Loader::default() };
    let mut r = Reader::new(bytes, HEADER);
    while !matches!(l.stage, Stage::Indexes | Stage::Done) {
        r.at = l.at;
        if l.step(&mut r, usize::MAX).is_err() {
            return Sources { roster: "{}".into(), credentials: "{}".into() };
        }
    }
    // The skeletons and the forms, which the loader's `Stage::Head` has just read from the same
    // bytes without a failure: read again as borrowed, not copied, and nothing to check.
    let mut r = Reader::new(bytes, HEADER);
    let (roster, credentials) = (r.str(), r.str());
    let forms = [r.forms(), r.forms(), r.forms()];
    text::expand(&l.model, roster, credentials, forms)
}

/// An engine rebuilt from a snapshot in steps, so that a page need not stop for the whole of
/// [`Engine::from_snapshot`]: [`SnapshotLoader::step`] does a bounded amount of the work (about
/// `budget` records, shifts or ids, or checksums `budget` × 1 KiB of bytes) and says whether
/// all is done; [`SnapshotLoader::finish`] then gives the engine. The engine and the errors are
/// those of [`Engine::from_snapshot`] (which is this loader run in one step): a damaged
/// snapshot fails at some step, or at `finish`, with the same error, and every later call
/// answers it again.
///
/// ```
/// use credgate::{Engine, SnapshotLoader};
/// let engine = Engine::load(r#"{"employees": [{"id": "e-1"}]}"#, "{}")?.engine;
/// let mut loader = SnapshotLoader::new(engine.snapshot());
/// while !loader.step(100)? {
///     // Let the page paint, then go on.
/// }
/// let again = loader.finish()?;
/// assert_eq!(again.export(), engine.export());
/// # Ok::<(), credgate::Error>(())
/// ```
pub struct SnapshotLoader {
    bytes: Arc<Vec<u8>>,
    loader: Loader,
    /// The failure's message, once a step has failed: every later step answers the same error
    /// again, rebuilt from it by [`bad`] as the failing step built it (no copy of an [`Error`]).
    failed: Option<Message>,
}

impl std::fmt::Debug for SnapshotLoader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SnapshotLoader").field("bytes", &self.bytes.len()).field("at", &self.loader.at).finish()
    }
}

impl SnapshotLoader {
    /// A loader of the snapshot `bytes` (nothing is read until the first step).
    pub fn new(bytes: Vec<u8>) -> SnapshotLoader {
        SnapshotLoader { bytes: Arc::new(bytes), loader: Loader::default(), failed: None }
    }

    /// Does about `budget` items' worth of the work (at least one item); `Ok(true)` when all is
    /// done and [`SnapshotLoader::finish`] will not wait. A damaged snapshot is an
    /// [`InvalidArgument`](crate::ErrorKind::InvalidArgument) error at path `snapshot`, the same as [`Engine::from_snapshot`]'s.
    pub fn step(&mut self, budget: usize) -> Result<bool, Error> {
        if let Some(message) = &self.failed {
            return Err(bad(message));
        }
        let result = match self.loader.stage {
            Stage::Check => check(&self.bytes, &mut self.loader, budget.max(1)),
            _ => {
                let end = self.bytes.len() - TRAILER;
                let mut r = Reader::new(self.bytes.get(..end).unwrap_or_default(), self.loader.at);
                self.loader.step(&mut r, budget.max(1)).map_err(|Bad(at)| Cow::Owned(unreadable(at)))
            }
        };
        match result {
            Ok(()) => Ok(matches!(self.loader.stage, Stage::Done)),
            Err(message) => {
                let e = bad(&message);
                self.failed = Some(message);
                Err(e)
            }
        }
    }

    /// The engine, after the steps not taken yet.
    pub fn finish(mut self) -> Result<Engine, Error> {
        while !self.step(usize::MAX)? {}
        // Moved out, not `mem::take`n: no default `Model` built in its place.
        let SnapshotLoader { bytes, loader: l, .. } = self;
        Ok(Engine::of_model(l.model, text::Texts::of_snapshot(bytes), l.overrides, l.warnings))
    }
}

/// The header, the length and the checksum, `budget` KiB at a time (into `l.sum`, as
/// `Loader::default` made it: [`Checksum::new`]); a failure is the message of its error
/// ([`bad`]).
fn check(bytes: &[u8], l: &mut Loader, budget: usize) -> Result<(), Message> {
    if l.at == 0 {
        if bytes.get(..8) != Some(&MAGIC[..]) {
            return Err(Cow::Borrowed("not a credgate snapshot"));
        }
        let cut = || Cow::Borrowed("the snapshot is cut short");
        let version = u32::from_le_bytes(*bytes.get(8..).and_then(<[u8]>::first_chunk).ok_or_else(cut)?);
        if version != FORMAT_VERSION {
            return Err(Cow::Owned(with_number("a snapshot of format version ", version as usize, VERSION_READ)));
        }
        let len = u64::from_le_bytes(*bytes.get(12..).and_then(<[u8]>::first_chunk).ok_or_else(cut)?);
        let end = (HEADER as u64).checked_add(len).and_then(|e| e.checked_add(TRAILER as u64));
        match end {
            Some(end) if end == bytes.len() as u64 => {}
            Some(end) if end > bytes.len() as u64 => return Err(cut()),
            _ => return Err(Cow::Borrowed("the snapshot is damaged: its length does not match")),
        }
    }
    let body = bytes.len() - TRAILER;
    // Whole 32-byte blocks, then the tail at the end.
    let end = body.min(l.at.saturating_add(budget.saturating_mul(1024) & !31));
    let end = if body - end < 32 { body } else { end };
    l.sum.update(bytes.get(l.at..end).unwrap_or_default());
    l.at = end;
    if end == body {
        if Some(l.sum.finish(body)) != bytes.last_chunk().map(|s| u64::from_le_bytes(*s)) {
            return Err(Cow::Borrowed("the snapshot is damaged: its checksum does not match"));
        }
        l.at = HEADER;
        l.stage = Stage::Head;
    }
    Ok(())
}

/// Where a [`SnapshotLoader`] is.
#[derive(Debug, Default, Clone, Copy)]
enum Stage {
    /// The header, the length and the checksum.
    #[default]
    Check,
    /// The skeletons, the logs, the warnings and the model up to the shifts.
    Head,
    Shifts,
    ShiftIds,
    Records,
    /// Waivers to the change log, and the end of the payload.
    Tail,
    /// The indexes a load builds (but the event index, which the snapshot holds).
    Indexes,
    Done,
}

/// What a [`SnapshotLoader`] has read so far.
#[derive(Default)]
struct Loader {
    stage: Stage,
    /// The next byte to read (to checksum, in [`Stage::Check`]).
    at: usize,
    sum: Checksum,
    model: Model,
    overrides: Vec<Value>,
    warnings: Vec<Problem>,
    /// Items of the list being read still to read.
    left: usize,
    /// The lengths of the skeletons' forms, checked against the lists once read.
    forms: [Option<usize>; 3],
}

/// The fewest bytes a shift and a record take.
const SHIFT_MIN: usize = 64;
const RECORD_MIN: usize = 26;

impl Loader {
    fn step(&mut self, r: &mut Reader<'_>, budget: usize) -> Res<()> {
        r.at = self.at;
        let m = &mut self.model;
        match self.stage {
            Stage::Check | Stage::Done => {}
            Stage::Head => {
                r.str();
                r.str();
                self.forms = [(); 3].map(|_| r.forms().map(<[u8]>::len));
                self.overrides = r.values();
                let n = r.count(9);
                for _ in 0..n {
                    let p = r.problem();
                    self.warnings.push(p);
                }
                r.head(m);
                self.left = r.count(SHIFT_MIN);
                r.done()?;
                m.shifts.reserve_exact(self.left);
                self.stage = Stage::Shifts;
            }
            Stage::Shifts => {
                let n = budget.min(self.left);
                // Each item kept, then the failure looked at: the model is dropped with the
                // error, so no item is dropped on its own (a drop path an item type).
                for _ in 0..n {
                    let s = r.shift(m);
                    m.shifts.push(s);
                    r.done()?;
                }
                self.left -= n;
                if self.left == 0 {
                    self.stage = Stage::ShiftIds;
                }
            }
            Stage::ShiftIds => {
                // One step: the table as written, copied and checked, not hashed again (a few
                // MiB of copying for SPEC §5's 100,000 shifts, about as long as a checksum step).
                r.ids_into(m.shifts.len(), &mut m.shift_ids);
                self.left = r.count(RECORD_MIN);
                r.done()?;
                m.records.reserve_exact(self.left);
                self.stage = Stage::Records;
            }
            Stage::Records => {
                let n = budget.min(self.left);
                for _ in 0..n {
                    let x = r.record(m);
                    m.records.push(x);
                    r.done()?;
                }
                self.left -= n;
                if self.left == 0 {
                    self.stage = Stage::Tail;
                }
            }
            Stage::Tail => {
                r.tail(m);
                r.done()?;
                // Bytes left over, or forms that do not match their lists.
                let lens = [m.shifts.len(), m.records.len(), m.events.len()];
                if r.at != r.bytes.len() || self.forms.iter().zip(lens).any(|(f, len)| f.is_some_and(|n| n != len)) {
                    return Err(Bad(r.at));
                }
                self.stage = Stage::Indexes;
            }
            Stage::Indexes => {
                crate::load::build_indexes_but_events(m);
                self.stage = Stage::Done;
            }
        }
        self.at = r.at;
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Writing.

struct Writer {
    buf: Vec<u8>,
}

// The writer's primitives are out of line, and those made of them (`opt_str`, `u32s`,
// `opt_list`, `instant`, `bound`, `opt_bound`, `same`, `req`): inlined, each call site repeated
// the `Vec`'s growth check (1.6 KB of the .wasm, and 0.5 KB more for the composites); the
// writing is bulk (`str`, `words`) where it is long. The reader's are not (but see its `cold_`
// copies): out of line, `fromSnapshot` took 1.14-1.39x as long (docs/decisions.md,
// the WebAssembly's size: code written smaller).
impl Writer {
    #[inline(never)]
    fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    #[inline(never)]
    fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    #[inline(never)]
    fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    #[inline(never)]
    fn i64(&mut self, v: i64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    #[inline(never)]
    fn i32(&mut self, v: i32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    fn bool(&mut self, v: bool) {
        self.u8(u8::from(v));
    }
    #[inline(never)]
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.buf.extend_from_slice(s.as_bytes());
    }
    #[inline(never)]
    fn opt_str(&mut self, s: &Option<String>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }
    /// An optional index: `u32::MAX` for none (no collection is that long).
    fn opt(&mut self, v: Option<u32>) {
        self.u32(v.unwrap_or(u32::MAX));
    }
    #[inline(never)]
    fn u32s(&mut self, list: &[u32]) {
        self.u32(list.len() as u32);
        for &v in list {
            self.u32(v);
        }
    }
    #[inline(never)]
    fn opt_list(&mut self, list: &Option<Vec<Option<u32>>>) {
        match list {
            None => self.u8(0),
            Some(list) => {
                self.u8(1);
                self.u32(list.len() as u32);
                for &v in list {
                    self.opt(v);
                }
            }
        }
    }
    #[inline(never)]
    fn instant(&mut self, t: Instant) {
        self.i64(t.ms);
        self.i32(t.offset_s);
    }
    #[inline(never)]
    fn bound(&mut self, b: Bound) {
        match b {
            Bound::Instant(ms) => {
                self.u8(0);
                self.i64(ms);
            }
            Bound::LocalMidnight(day) => {
                self.u8(1);
                self.i64(i64::from(day));
            }
        }
    }
    #[inline(never)]
    fn opt_bound(&mut self, b: Option<Bound>) {
        match b {
            None => self.u8(2),
            Some(b) => self.bound(b),
        }
    }
    /// A list's forms (see `text`): a tag, then a count and a byte an item.
    fn forms(&mut self, forms: Option<&[u8]>) {
        match forms {
            None => self.u8(0),
            Some(f) => {
                self.u8(1);
                self.u32(f.len() as u32);
                self.buf.extend_from_slice(f);
            }
        }
    }
    /// A record's reference as written: 1 when it is the id of what it resolved to (`known`),
    /// else 0 and the text.
    #[inline(never)]
    fn same(&mut self, text: &str, known: Option<&str>) {
        if known == Some(text) {
            self.u8(1);
        } else {
            self.u8(0);
            self.str(text);
        }
    }
    fn span(&mut self, s: Span) {
        self.u32(s.lo);
        self.u32(s.len);
    }
    fn values(&mut self, list: &[Value]) {
        self.str(&Value::Array(list.to_vec()).to_json());
    }
    fn problem(&mut self, p: &Problem) {
        self.str(&p.path);
        self.str(&p.message);
        self.u8(match p.document {
            Document::Roster => 0,
            Document::Credentials => 1,
            Document::Argument => 2,
            Document::Import => 3,
        });
    }
    /// An id table as it is in memory: the ids' text, their ends, the hash table and its keys,
    /// so that reading it hashes nothing.
    fn ids(&mut self, ids: &Ids) {
        let (text, ends, table, keys) = ids.parts();
        self.u32(ends.len() as u32);
        self.str(text);
        self.words(ends);
        self.u64(keys[0]);
        self.u64(keys[1]);
        self.u32(table.len() as u32);
        self.words(table);
    }
    fn words(&mut self, list: &[u32]) {
        self.buf.reserve(4 * list.len());
        for &w in list {
            self.buf.extend_from_slice(&w.to_le_bytes());
        }
    }
    #[inline(never)]
    fn req(&mut self, r: &Req) {
        match r {
            Req::Code(c) => {
                self.u8(0);
                self.u32(*c);
            }
            Req::All(items) | Req::Any(items) => {
                self.u8(if matches!(r, Req::All(_)) { 1 } else { 2 });
                self.u32(items.len() as u32);
                for item in items {
                    self.req(item);
                }
            }
        }
    }

    fn model(&mut self, m: &Model) {
        // Every field named: a field added to the model does not compile until it is written
        // here (or said to be derived).
        let Model {
            types,
            type_by_code,
            groups,
            jurisdictions,
            jur_by_code,
            records,
            waivers,
            trainings,
            sessions,
            session_by_id,
            events,
            event_by_id,
            event_index,
            event_kinds,
            locations,
            loc_by_id,
            teams,
            team_by_id,
            roles,
            role_by_id,
            queues,
            queue_by_id,
            employees,
            emp_by_id,
            shifts,
            shift_ids,
            shift_queues,
            crews,
            rules,
            reqs,
            // Derived by `build_indexes`.
            emp_hot: _,
            judged: _,
            jur_masks: _,
            emp_waiver_list: _,
            emp_training_list: _,
            code_records: _,
            // Empty: an edited engine is written as the load of its export.
            removed: _,
            change_log,
        } = m;
        self.u32(types.len() as u32);
        for t in types {
            let CredType { code, name, grace_days, alert_days, jurisdictional, satisfies, currency } = t;
            self.str(code);
            self.opt_str(name);
            self.u32(*grace_days);
            self.u32s(alert_days);
            self.bool(*jurisdictional);
            self.u32s(satisfies);
            match currency {
                None => self.u8(0),
                Some(Currency { event, hours, need, within_days }) => {
                    self.u8(1);
                    self.u32(*event);
                    self.bool(*hours);
                    self.u64(*need);
                    self.u32(*within_days);
                }
            }
        }
        self.ids(type_by_code);
        self.ids(event_kinds);
        self.u32(jurisdictions.len() as u32);
        for j in jurisdictions {
            self.str(j);
        }
        self.ids(jur_by_code);
        self.u32(groups.len() as u32);
        for g in groups {
            let JurGroup { code, members } = g;
            self.str(code);
            self.u32s(members);
        }
        self.u32(reqs.len() as u32);
        for r in reqs {
            self.req(r);
        }
        self.u32(locations.len() as u32);
        for l in locations {
            let Location { id, name, jurisdiction, requires } = l;
            self.str(id);
            self.opt_str(name);
            self.opt(*jurisdiction);
            self.opt(*requires);
        }
        self.ids(loc_by_id);
        self.u32(teams.len() as u32);
        for t in teams {
            let Team { id, name } = t;
            self.str(id);
            self.opt_str(name);
        }
        self.ids(team_by_id);
        for (list, ids) in [(roles, role_by_id), (queues, queue_by_id)] {
            self.u32(list.len() as u32);
            for n in list {
                let Named { id, name, requires } = n;
                self.str(id);
                self.opt_str(name);
                self.opt(*requires);
            }
            self.ids(ids);
        }
        self.u32(employees.len() as u32);
        for e in employees {
            let Employee { id, name, team, location, roles } = e;
            self.str(id);
            self.opt_str(name);
            self.opt(*team);
            self.opt(*location);
            self.opt_list(roles);
        }
        self.ids(emp_by_id);
        self.u32s(shift_queues);
        self.u32(crews.len() as u32);
        for c in crews {
            let Crew { requires, min } = c;
            self.u32(*requires);
            self.u32(*min);
        }
        self.u32(shifts.len() as u32);
        for s in shifts {
            let Shift { start, end, location, team, role, requires, queues, crew, assigned, dirty: _ } = s;
            self.instant(*start);
            self.instant(*end);
            self.opt(*location);
            self.opt(*team);
            self.opt(*role);
            self.opt(*requires);
            self.span(*queues);
            self.span(*crew);
            self.u32s(assigned);
        }
        self.ids(shift_ids);
        self.u32(records.len() as u32);
        for r in records {
            let Record { id, employee_id, employee, code_text, code, from, until, status, valid_in, supervised, issuer, identifier } = r;
            self.str(id);
            self.opt(*employee);
            self.same(employee_id, employee.and_then(|e| employees.get(e as usize)).map(|e| e.id.as_str()));
            self.opt(*code);
            self.same(code_text, code.and_then(|c| types.get(c as usize)).map(|t| t.code.as_str()));
            self.opt_bound(*from);
            self.opt_bound(*until);
            self.u8(match status {
                RecordStatus::Active => 0,
                RecordStatus::Pending => 1,
                RecordStatus::Suspended => 2,
                RecordStatus::Revoked => 3,
            });
            match valid_in {
                None => self.u8(0),
                Some(list) => {
                    self.u8(1);
                    self.u32s(list);
                }
            }
            self.bool(*supervised);
            self.opt_str(issuer);
            self.opt_str(identifier);
        }
        self.u32(waivers.len() as u32);
        for w in waivers {
            let Waiver { id, employee_id, employee, code_text, code, from, until, locations, approved_by, reason } = w;
            self.str(id);
            self.str(employee_id);
            self.opt(*employee);
            self.str(code_text);
            self.opt(*code);
            self.bound(*from);
            self.bound(*until);
            self.opt_list(locations);
            self.str(approved_by);
            self.str(reason);
        }
        self.u32(trainings.len() as u32);
        for t in trainings {
            let Training { id, employee_id, employee, code, code_text, start, end, status, session_id } = t;
            self.opt_str(session_id);
            self.str(id);
            self.str(employee_id);
            self.opt(*employee);
            self.opt(*code);
            self.opt_str(code_text);
            self.instant(*start);
            self.instant(*end);
            self.u8(match status {
                TrainingStatus::Scheduled => 0,
                TrainingStatus::Completed => 1,
                TrainingStatus::Cancelled => 2,
            });
        }
        self.u32(sessions.len() as u32);
        for x in sessions {
            let Session { id, renews, start, end, location_id, seats, cost, cancelled } = x;
            self.str(id);
            self.u32s(renews);
            self.instant(*start);
            self.instant(*end);
            self.opt_str(location_id);
            self.u32(*seats);
            self.u64(cost.to_bits());
            self.bool(*cancelled);
        }
        self.ids(session_by_id);
        self.u32(events.len() as u32);
        for x in events {
            let Event { id, employee_id, employee, kind, at, count, hours } = x;
            self.str(id);
            self.str(employee_id);
            self.opt(*employee);
            self.u32(*kind);
            self.instant(*at);
            self.u32(*count);
            self.u64(hours.to_bits());
        }
        self.ids(event_by_id);
        // The event index as built (SPEC §8's currency): read back, not built again. What
        // `update` left behind (`garbage`) is written too; no range reaches it.
        let crate::currency::EventIndex { ranges, kinds, spans, points, ids, current, garbage: _ } = event_index;
        self.u32(ranges.len() as u32);
        for r in ranges {
            self.words(r);
        }
        self.u32s(kinds);
        self.u32(spans.len() as u32);
        for &s in spans {
            self.span(s);
        }
        self.u32(points.len() as u32);
        for p in points {
            self.i64(p.at);
            self.u64(p.count);
            self.u64(p.micro);
        }
        self.u32s(ids);
        self.u32(current.len() as u32);
        for c in current {
            self.u32(c.own);
            self.i64(c.from);
            self.i64(c.last);
        }
        let Rules { min_rest_ms, min_rest_hours, allow_overlap, limits, softened } = rules;
        match min_rest_ms {
            None => self.u8(0),
            Some(ms) => {
                self.u8(1);
                self.i64(*ms);
            }
        }
        match min_rest_hours {
            None => self.u8(0),
            Some(h) => {
                self.u8(1);
                self.u64(h.to_bits());
            }
        }
        self.bool(*allow_overlap);
        self.u32(limits.len() as u32);
        for l in limits {
            let Limit { id, applies, measure, max, max_units, window, warn } = l;
            self.str(id);
            let (tag, x) = match applies {
                Applies::Everyone => (0, 0),
                Applies::Code(c) => (1, *c),
                Applies::Role(r) => (2, *r),
            };
            self.u8(tag);
            self.u32(x);
            self.u8(*measure as u8);
            self.u64(max.to_bits());
            self.i64(*max_units);
            match window {
                Window::Rolling(ms) => {
                    self.u8(0);
                    self.i64(*ms);
                }
                Window::Calendar(unit, week_start) => {
                    self.u8(1 + *unit as u8);
                    self.u8(*week_start as u8);
                }
            }
            self.bool(*warn);
        }
        self.u32(*softened);
        self.values(change_log);
    }
}

// ---------------------------------------------------------------------------------------------
// Reading.

/// Whether `x` is a finite number, 0 or more: what a load reads as a session's cost, an event's
/// hours and a limit's maximum (one copy of the test for the three).
#[inline(never)]
fn is_amount(x: f64) -> bool {
    x.is_finite() && x >= 0.0
}

/// A payload that cannot be read: the byte of the whole snapshot where the reader found the
/// damage (at or after it). One message for every such failure ([`unreadable`]): the checksum
/// has passed, so only forged bytes or a writer's defect reach it, and a phrase per check (and
/// each carried through the reads) was 2.3 KB of the `.wasm`, 0.75 KB gzipped.
struct Bad(usize);

type Res<T> = Result<T, Bad>;

/// The payload's reader. A read that fails does not return early: the first failure is kept in
/// `bad` (and the position moved to the end, so that every later read fails too and every
/// count is 0), the read gives a default, and the stage checks `bad` once its items are read
/// ([`Reader::done`]). The error is the one a `?` after each read would give (the first), without
/// the `.wasm` holding an early return, each dropping what was read before it, per field
/// (decision 126).
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Where the first failure was found.
    bad: Option<usize>,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8], at: usize) -> Reader<'a> {
        Reader { bytes, at, bad: None }
    }
    /// Keeps the first failure's place; moves to the end.
    #[inline(never)]
    fn fail(&mut self) {
        if self.bad.is_none() {
            self.bad = Some(self.at);
        }
        self.at = self.bytes.len();
    }
    /// The first failure so far, as an error.
    #[inline]
    fn done(&self) -> Res<()> {
        match self.bad {
            None => Ok(()),
            Some(at) => Err(Bad(at)),
        }
    }
    /// An index below `len`, or a failure.
    #[inline]
    fn below(&mut self, v: u32, len: usize) -> u32 {
        if (v as usize) >= len {
            self.fail();
        }
        v
    }
    #[inline]
    fn opt_below(&mut self, v: Option<u32>, len: usize) -> Option<u32> {
        if let Some(v) = v {
            self.below(v, len);
        }
        v
    }
    /// An optional index below `len`.
    #[inline]
    fn index(&mut self, len: usize) -> Option<u32> {
        let v = self.opt();
        self.opt_below(v, len)
    }
    #[inline]
    fn check_ms(&mut self, ms: i64) -> i64 {
        if !(MIN_MS..=MAX_MS).contains(&ms) {
            self.fail();
        }
        ms
    }
    #[inline]
    fn take(&mut self, n: usize) -> &'a [u8] {
        match self.at.checked_add(n) {
            None => self.fail(),
            Some(end) => match self.bytes.get(self.at..end) {
                Some(s) => {
                    self.at = end;
                    return s;
                }
                None => self.fail(),
            },
        }
        &[]
    }
    /// `N` bytes (one check inline: `at` never passes the end, so `at + N` cannot overflow).
    #[inline]
    fn array<const N: usize>(&mut self) -> [u8; N] {
        match self.bytes.get(self.at..).and_then(<[u8]>::first_chunk::<N>) {
            Some(a) => {
                self.at += N;
                *a
            }
            None => {
                self.fail();
                [0; N]
            }
        }
    }
    #[inline]
    fn u8(&mut self) -> u8 {
        self.array::<1>()[0]
    }
    #[inline]
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.array())
    }
    #[inline]
    fn u64(&mut self) -> u64 {
        u64::from_le_bytes(self.array())
    }
    #[inline]
    fn i64(&mut self) -> i64 {
        i64::from_le_bytes(self.array())
    }
    #[inline]
    fn i32(&mut self) -> i32 {
        i32::from_le_bytes(self.array())
    }
    fn f64(&mut self) -> f64 {
        f64::from_bits(self.cold_u64())
    }
    fn bool(&mut self) -> bool {
        self.tag(2) == 1
    }
    /// A tag below `n`; `n` itself (with a failure) for any other.
    fn tag(&mut self, n: u8) -> u8 {
        let t = self.cold_u8();
        if t >= n {
            self.fail();
            return n;
        }
        t
    }
    /// A count of items of at least `each` bytes, checked against the bytes left, so that no
    /// allocation is sized by a number the bytes cannot back.
    fn count(&mut self, each: usize) -> usize {
        let n = self.u32() as usize;
        if n.saturating_mul(each) > self.bytes.len() - self.at {
            self.fail();
            return 0;
        }
        n
    }
    fn str(&mut self) -> &'a str {
        let n = self.count(1);
        match std::str::from_utf8(self.take(n)) {
            Ok(s) => s,
            Err(_) => {
                self.fail();
                ""
            }
        }
    }
    fn string(&mut self) -> String {
        crate::load::own(self.str())
    }
    fn opt_string(&mut self) -> Option<String> {
        match self.tag(2) {
            1 => Some(self.string()),
            _ => None,
        }
    }
    #[inline]
    fn opt(&mut self) -> Option<u32> {
        let v = self.u32();
        (v != u32::MAX).then_some(v)
    }
    // The `cold_` reads are the inline ones above out of line, for the fields that the
    // collections' loops read one by one (`head`, `shift`, `record` and `tail` are inlined into
    // `Loader::step`): each inline read there was 40 to 70 bytes of the .wasm, a call is a
    // few. The shifts', records' and events' loops use them too: a few calls an item did not
    // slow `fromSnapshot` measurably (decision 146); so does `opt_list`'s, an employee's roles
    // and a waiver's locations, and so do the reads made of one read (`f64`, `bool`, `tag`, an
    // id table's keys), whose inline read was most of their code, and so does `req`. The reads
    // made of several on the shifts', records' and events' path (`instant`, `span`,
    // `opt_bound`) keep the inline ones: out of line they were 0.3 KB smaller, but `fromSnapshot`
    // of x0.1-s8 counted 3.7% more instructions.
    #[inline(never)]
    fn cold_u8(&mut self) -> u8 {
        self.u8()
    }
    #[inline(never)]
    fn cold_u32(&mut self) -> u32 {
        self.u32()
    }
    /// A `u64` (an `i64` is read as one and cast: the same bytes).
    #[inline(never)]
    fn cold_u64(&mut self) -> u64 {
        self.u64()
    }
    /// [`Reader::index`] out of line: `u32::MAX` for none, as written.
    #[inline(never)]
    fn cold_index_raw(&mut self, len: usize) -> u32 {
        self.index(len).unwrap_or(u32::MAX)
    }
    #[inline]
    fn cold_index(&mut self, len: usize) -> Option<u32> {
        let v = self.cold_index_raw(len);
        (v != u32::MAX).then_some(v)
    }
    fn u32s(&mut self, len: usize) -> Vec<u32> {
        let n = self.count(4);
        let list = self.words(n);
        if list.iter().any(|&v| v as usize >= len) {
            self.fail();
        }
        list
    }
    fn opt_list(&mut self, len: usize) -> Option<Vec<Option<u32>>> {
        match self.tag(2) {
            1 => {
                let n = self.count(4);
                let mut list = Vec::with_capacity(n);
                for _ in 0..n {
                    list.push(self.cold_index(len));
                }
                Some(list)
            }
            _ => None,
        }
    }
    fn instant(&mut self) -> Instant {
        let ms = self.i64();
        let ms = self.check_ms(ms);
        let offset_s = self.i32();
        if offset_s.unsigned_abs() >= 86_400 {
            self.fail();
        }
        Instant { ms, offset_s }
    }
    fn opt_bound(&mut self) -> Option<Bound> {
        match self.tag(3) {
            0 => {
                let ms = self.i64();
                Some(Bound::Instant(self.check_ms(ms)))
            }
            1 => {
                let day = self.i64();
                let day = i32::try_from(day).unwrap_or_else(|_| {
                    self.fail();
                    0
                });
                self.check_ms(i64::from(day) * DAY_MS);
                Some(Bound::LocalMidnight(day))
            }
            _ => None,
        }
    }
    fn bound(&mut self) -> Bound {
        let b = self.opt_bound();
        b.unwrap_or_else(|| {
            self.fail();
            Bound::Instant(0)
        })
    }
    fn span(&mut self, len: usize) -> Span {
        let (lo, n) = (self.u32(), self.u32());
        if u64::from(lo) + u64::from(n) > len as u64 {
            self.fail();
        }
        Span { lo, len: n }
    }
    fn forms(&mut self) -> Option<&'a [u8]> {
        match self.tag(2) {
            1 => {
                let n = self.count(1);
                Some(self.take(n))
            }
            _ => None,
        }
    }
    fn values(&mut self) -> Vec<Value> {
        let text = self.str();
        if self.bad.is_some() {
            return Vec::new();
        }
        match crate::json::parse(text) {
            Ok(p) => match p.value {
                Value::Array(items) => return items,
                _ => self.fail(),
            },
            Err(_) => self.fail(),
        }
        Vec::new()
    }
    fn problem(&mut self) -> Problem {
        let path = self.string();
        let message = self.string();
        let document = match self.tag(4) {
            1 => Document::Credentials,
            2 => Document::Argument,
            3 => Document::Import,
            _ => Document::Roster,
        };
        Problem { path, message, document }
    }
    /// An id table of exactly `len` ids (that of the collection it indexes), as written, put
    /// in `slot` (the model's map): no id is hashed again, the table is checked to be one
    /// ([`Ids::from_parts`]). Out of line, one call a table. A table that fails leaves `slot`
    /// as it was (the model is dropped with the error): no default table built for it
    /// (decision 146).
    #[inline(never)]
    fn ids_into(&mut self, len: usize, slot: &mut Ids) {
        let n = self.count(4);
        if n != len {
            self.fail();
        }
        let text = self.string();
        let ends = self.words(n);
        let keys = [self.cold_u64(), self.cold_u64()];
        let size = self.count(4);
        let table = self.words(size);
        if self.bad.is_none() {
            match Ids::from_parts(text, ends, table, keys) {
                Some(ids) => *slot = ids,
                None => self.fail(),
            }
        }
    }
    /// `n` little-endian `u32`s.
    fn words(&mut self, n: usize) -> Vec<u32> {
        let bytes = match n.checked_mul(4) {
            Some(len) => self.take(len),
            None => {
                self.fail();
                &[]
            }
        };
        bytes.chunks_exact(4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])).collect()
    }
    fn req(&mut self, types: usize, depth: usize) -> Req {
        if depth > MAX_REQ_DEPTH {
            self.fail();
            return Req::All(Vec::new());
        }
        match self.tag(3) {
            0 => {
                let c = self.cold_u32();
                Req::Code(self.below(c, types))
            }
            tag @ (1 | 2) => {
                let n = self.count(5);
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.req(types, depth + 1));
                }
                if tag == 1 {
                    Req::All(items)
                } else {
                    Req::Any(items)
                }
            }
            _ => Req::All(Vec::new()),
        }
    }
    /// Roles or queues, put in the model's `list` and `ids`.
    fn named(&mut self, reqs: usize, list: &mut Vec<Named>, ids: &mut Ids) {
        let n = self.count(9);
        for _ in 0..n {
            let id = self.string();
            let name = self.opt_string();
            let requires = self.cold_index(reqs);
            list.push(Named { id, name, requires });
        }
        self.ids_into(list.len(), ids);
    }

    /// The model up to the shifts: types to crew rules.
    fn head(&mut self, m: &mut Model) {
        let n = self.count(15);
        for _ in 0..n {
            let code = self.string();
            let name = self.opt_string();
            let grace_days = self.cold_u32();
            let alert_days = self.u32s(usize::MAX);
            let jurisdictional = self.bool();
            let satisfies = self.u32s(n);
            let currency = match self.tag(2) {
                1 => {
                    let (event, hours, need, within_days) = (self.cold_u32(), self.bool(), self.cold_u64(), self.cold_u32());
                    if need == 0 || within_days == 0 {
                        self.fail();
                    }
                    Some(Currency { event, hours, need, within_days })
                }
                _ => None,
            };
            m.types.push(CredType { code, name, grace_days, alert_days, jurisdictional, satisfies, currency });
        }
        self.ids_into(m.types.len(), &mut m.type_by_code);
        let n = self.cold_u32() as usize;
        // The count again: `ids` reads it too.
        self.at = self.at.saturating_sub(4);
        self.ids_into(n, &mut m.event_kinds);
        if m.types.iter().filter_map(|t| t.currency).any(|c| c.event as usize >= n) {
            self.fail();
        }
        let n = self.count(4);
        for _ in 0..n {
            let code = self.string();
            m.jurisdictions.push(code);
        }
        self.ids_into(m.jurisdictions.len(), &mut m.jur_by_code);
        let n = self.count(8);
        for _ in 0..n {
            let code = self.string();
            let members = self.u32s(m.jurisdictions.len());
            m.groups.push(JurGroup { code, members });
        }
        let n = self.count(5);
        for _ in 0..n {
            let r = self.req(m.types.len(), 0);
            m.reqs.push(r);
        }
        let reqs = m.reqs.len();
        let n = self.count(13);
        for _ in 0..n {
            let id = self.string();
            let name = self.opt_string();
            let jurisdiction = self.cold_index(m.jurisdictions.len());
            let requires = self.cold_index(reqs);
            m.locations.push(Location { id, name, jurisdiction, requires });
        }
        self.ids_into(m.locations.len(), &mut m.loc_by_id);
        let n = self.count(5);
        for _ in 0..n {
            let id = self.string();
            let name = self.opt_string();
            m.teams.push(Team { id, name });
        }
        self.ids_into(m.teams.len(), &mut m.team_by_id);
        self.named(reqs, &mut m.roles, &mut m.role_by_id);
        self.named(reqs, &mut m.queues, &mut m.queue_by_id);
        let n = self.count(14);
        m.employees.reserve_exact(n);
        for _ in 0..n {
            let id = self.string();
            let name = self.opt_string();
            let team = self.cold_index(m.teams.len());
            let location = self.cold_index(m.locations.len());
            let roles = self.opt_list(m.roles.len());
            m.employees.push(Employee { id, name, team, location, roles });
        }
        self.ids_into(m.employees.len(), &mut m.emp_by_id);
        m.shift_queues = self.u32s(m.queues.len());
        let n = self.count(8);
        for _ in 0..n {
            let requires = self.cold_u32();
            let requires = self.below(requires, m.reqs.len());
            let min = self.cold_u32();
            m.crews.push(Crew { requires, min });
        }
    }

    fn shift(&mut self, m: &Model) -> Shift {
        let start = self.instant();
        let end = self.instant();
        if shift_interval(start, end).is_err() {
            self.fail();
        }
        let location = self.cold_index(m.locations.len());
        let team = self.cold_index(m.teams.len());
        let role = self.cold_index(m.roles.len());
        let requires = self.cold_index(m.reqs.len());
        let queues = self.span(m.shift_queues.len());
        let crew = self.span(m.crews.len());
        let assigned = self.u32s(m.employees.len());
        Shift { start, end, location, team, role, requires, queues, crew, assigned, dirty: false }
    }

    /// A string written as [`Writer::same`]: `known` (the id of what it resolved to), or its own.
    fn same(&mut self, known: Option<&str>) -> String {
        match self.tag(2) {
            0 => self.string(),
            1 => known.map(str::to_string).unwrap_or_else(|| {
                self.fail();
                String::new()
            }),
            _ => String::new(),
        }
    }

    fn record(&mut self, m: &Model) -> Record {
        let id = self.string();
        let employee = self.cold_index(m.employees.len());
        let employee_id = self.same(employee.and_then(|e| m.employees.get(e as usize)).map(|e| e.id.as_str()));
        let code = self.cold_index(m.types.len());
        let code_text = self.same(code.and_then(|c| m.types.get(c as usize)).map(|t| t.code.as_str()));
        let from = self.opt_bound();
        let until = self.opt_bound();
        let status = match self.tag(4) {
            1 => RecordStatus::Pending,
            2 => RecordStatus::Suspended,
            3 => RecordStatus::Revoked,
            _ => RecordStatus::Active,
        };
        let valid_in = match self.tag(2) {
            1 => Some(self.u32s(m.jurisdictions.len())),
            _ => None,
        };
        let supervised = self.bool();
        let issuer = self.opt_string();
        let identifier = self.opt_string();
        Record { id, employee_id, employee, code_text, code, from, until, status, valid_in, supervised, issuer, identifier }
    }

    /// Waivers to the change log.
    fn tail(&mut self, m: &mut Model) {
        let (employees, types, locations) = (m.employees.len(), m.types.len(), m.locations.len());
        let n = self.count(35);
        for _ in 0..n {
            let id = self.string();
            let employee_id = self.string();
            let employee = self.cold_index(employees);
            let code_text = self.string();
            let code = self.cold_index(types);
            let from = self.bound();
            let until = self.bound();
            let locations = self.opt_list(locations);
            let approved_by = self.string();
            let reason = self.string();
            m.waivers.push(Waiver { id, employee_id, employee, code_text, code, from, until, locations, approved_by, reason });
        }
        let n = self.count(41);
        for _ in 0..n {
            let session_id = self.opt_string();
            let id = self.string();
            let employee_id = self.string();
            let employee = self.cold_index(employees);
            let code = self.cold_index(types);
            let code_text = self.opt_string();
            let start = self.instant();
            let end = self.instant();
            let status = match self.tag(3) {
                1 => TrainingStatus::Completed,
                2 => TrainingStatus::Cancelled,
                _ => TrainingStatus::Scheduled,
            };
            m.trainings.push(Training { id, employee_id, employee, code, code_text, start, end, status, session_id });
        }
        let n = self.count(34);
        for _ in 0..n {
            let id = self.string();
            let renews = self.u32s(types);
            let start = self.instant();
            let end = self.instant();
            let location_id = self.opt_string();
            let seats = self.cold_u32();
            let cost = self.f64();
            if !is_amount(cost) || seats == 0 {
                self.fail();
            }
            let cancelled = self.bool();
            m.sessions.push(Session { id, renews, start, end, location_id, seats, cost, cancelled });
        }
        self.ids_into(m.sessions.len(), &mut m.session_by_id);
        let kinds = m.event_kinds.iter().count();
        let n = self.count(33);
        for _ in 0..n {
            let id = self.string();
            let employee_id = self.string();
            let employee = self.cold_index(employees);
            let kind = self.cold_u32();
            let kind = self.below(kind, kinds);
            let at = self.instant();
            let count = self.cold_u32();
            let hours = self.f64();
            if count == 0 || !is_amount(hours) {
                self.fail();
            }
            m.events.push(Event { id, employee_id, employee, kind, at, count, hours });
        }
        self.ids_into(m.events.len(), &mut m.event_by_id);
        // The event index as written, then checked to be one (`EventIndex::fits`).
        let n = self.count(16);
        let ranges = (0..n).map(|_| [(); 4].map(|_| self.cold_u32())).collect();
        let kinds = self.u32s(kinds);
        let n = self.count(8);
        let spans = (0..n).map(|_| Span { lo: self.cold_u32(), len: self.cold_u32() }).collect();
        let n = self.count(24);
        let points = (0..n).map(|_| crate::currency::Point { at: self.cold_u64() as i64, count: self.cold_u64(), micro: self.cold_u64() }).collect();
        let ids = self.u32s(m.events.len());
        let n = self.count(20);
        let current = (0..n).map(|_| crate::currency::CurrentSpan { own: self.cold_u32(), from: self.cold_u64() as i64, last: self.cold_u64() as i64 }).collect();
        // Put in the model first, then checked: a failure drops the model, the index with it.
        m.event_index = crate::currency::EventIndex { ranges, kinds, spans, points, ids, current, garbage: 0 };
        if self.bad.is_none() && !m.event_index.fits(m.events.len()) {
            self.fail();
        }
        // Each field put in the model's rules as read (its limits pushed there), where the rules
        // built whole replaced the default ones and dropped them.
        let (types, roles) = (m.types.len(), m.roles.len());
        let rules = &mut m.rules;
        rules.min_rest_ms = match self.tag(2) {
            1 => {
                let ms = self.cold_u64() as i64;
                if !(0..=MAX_MS).contains(&ms) {
                    self.fail();
                }
                Some(ms)
            }
            _ => None,
        };
        rules.min_rest_hours = match self.tag(2) {
            1 => Some(self.f64()),
            _ => None,
        };
        rules.allow_overlap = self.bool();
        let n = self.cold_u32() as usize;
        for _ in 0..n {
            if self.bad.is_some() {
                break;
            }
            let id = self.string();
            // Each tag checked by `tag` (a failure, then any value, the model dropped with it).
            let (tag, x) = (self.tag(3), self.cold_u32());
            let applies = match tag {
                1 => Applies::Code(self.below(x, types)),
                2 => Applies::Role(self.below(x, roles)),
                _ => Applies::Everyone,
            };
            let measure = Measure::ALL.get(usize::from(self.tag(Measure::ALL.len() as u8))).copied().unwrap_or(Measure::ALL[0]);
            let max = self.f64();
            let max_units = self.cold_u64() as i64;
            let window = match self.tag(1 + CalendarUnit::ALL.len() as u8) {
                0 => {
                    let ms = self.cold_u64() as i64;
                    if ms <= 0 {
                        self.fail();
                    }
                    Window::Rolling(ms)
                }
                u => {
                    let unit = CalendarUnit::ALL.get(usize::from(u) - 1).copied().unwrap_or(CalendarUnit::ALL[0]);
                    let start = Weekday::ALL.get(usize::from(self.tag(Weekday::ALL.len() as u8))).copied().unwrap_or(Weekday::ALL[0]);
                    Window::Calendar(unit, start)
                }
            };
            let warn = self.bool();
            if !is_amount(max) {
                self.fail();
            }
            rules.limits.push(Limit { id, applies, measure, max, max_units, window, warn });
        }
        rules.softened = self.cold_u32();
        m.change_log = self.values();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::engine;

    const CREDENTIALS: &str = r#"{"credentialTypes": [{"code": "BLS", "graceDays": 3, "alertDays": [30, 7]},
        {"code": "ACLS", "satisfies": ["BLS"]}, {"code": "RN", "jurisdictional": true}],
      "jurisdictionGroups": [{"code": "NLC", "members": ["TX", "OK"]}],
      "credentials": [{"id": "c1", "employeeId": "ana", "code": "ACLS", "validUntil": "2026-12-01T12:00:00-06:00"},
        {"id": "c2", "employeeId": "bo", "code": "RN", "validIn": ["NLC"], "validFrom": "2025-01-01", "validUntil": "2027-06", "issuer": "TX BON"},
        {"id": "c3", "employeeId": "ghost", "code": "XYZ", "status": "pending", "validUntil": null}],
      "waivers": [{"id": "w1", "employeeId": "bo", "code": "BLS", "validFrom": "2026-11-01", "validUntil": "2026-12-31",
        "locationIds": ["l1"], "approvedBy": "cn", "reason": "renewal booked"}],
      "trainings": [{"id": "t1", "employeeId": "bo", "code": "BLS", "start": "2026-12-10T09:00:00-06:00",
        "end": "2026-12-10T13:00:00-06:00", "status": "scheduled"}]}"#;
    const ROSTER: &str = r#"{"locations": [{"id": "l1", "jurisdiction": "TX", "requires": {"any": ["BLS", {"all": ["RN", "ACLS"]}]}}],
      "teams": [{"id": "t1"}], "roles": [{"id": "rn", "requires": "RN"}], "queues": [{"id": "q1", "requires": "BLS"}],
      "employees": [{"id": "ana", "name": "Ana", "roleIds": ["rn"]}, {"id": "bo", "teamId": "t1", "locationId": "l1"}],
      "shifts": [{"id": "s1", "start": "2026-12-01T07:00:00-06:00", "end": "2026-12-01T19:00:00-06:00", "locationId": "l1",
        "roleId": "rn", "queueIds": ["q1"], "requires": "BLS", "assigned": ["ana", "bo"], "crew": [{"requires": "RN", "min": 2}]},
        {"id": "s2", "start": "2026-12-01T18:00:00-06:00", "end": "2026-12-02T06:00:00-06:00", "assigned": ["ana"]}],
      "rules": {"minRestHours": 10}, "extra": 1}"#;

    fn small() -> Vec<u8> {
        engine(ROSTER, CREDENTIALS).snapshot()
    }

    #[test]
    fn a_snapshot_answers_as_its_engine() {
        let e = engine(ROSTER, CREDENTIALS);
        let again = Engine::from_snapshot(&e.snapshot()).unwrap();
        assert_eq!(again.validate(), e.validate());
        assert_eq!(again.export(), e.export());
        assert_eq!(again.warnings(), e.warnings());
        assert!(!e.warnings().is_empty());
        for s in ["s1", "s2"] {
            assert_eq!(again.candidates(s).unwrap(), e.candidates(s).unwrap());
        }
        // Snapshots of the same engine are the same bytes.
        assert_eq!(again.snapshot(), e.snapshot());
    }

    #[test]
    fn every_flipped_byte_is_an_error() {
        let bytes = small();
        for i in 0..bytes.len() {
            for bit in [0x01u8, 0x80] {
                let mut b = bytes.clone();
                b[i] ^= bit;
                assert!(Engine::from_snapshot(&b).is_err(), "byte {i} ^ {bit:#x} was accepted");
            }
        }
    }

    #[test]
    fn every_cut_is_an_error() {
        let bytes = small();
        for n in 0..bytes.len() {
            assert!(Engine::from_snapshot(&bytes[..n]).is_err(), "cut at {n} was accepted");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Engine::from_snapshot(&longer).is_err());
    }

    #[test]
    fn another_version_is_an_error_that_says_so() {
        let mut bytes = small();
        bytes[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
        // Even with its checksum right.
        let body = bytes.len() - TRAILER;
        let sum = checksum(&bytes[..body]);
        bytes[body..].copy_from_slice(&sum.to_le_bytes());
        let err = Engine::from_snapshot(&bytes).unwrap_err();
        let message = format!("a snapshot of format version {}; this credgate reads version {FORMAT_VERSION}", FORMAT_VERSION + 1);
        assert_eq!(err.problems()[0].message, message);
        bytes[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        let err = Engine::from_snapshot(&bytes).unwrap_err();
        assert!(err.problems()[0].message.starts_with("a snapshot of format version 4294967295;"), "{err}");
    }

    #[test]
    fn a_forged_checksum_does_not_get_past_the_checks() {
        // Every byte of the payload changed, the checksum then made right: an error or an
        // engine, never a panic.
        let bytes = small();
        let body = bytes.len() - TRAILER;
        let mut accepted = 0;
        for i in HEADER..body {
            for v in [0u8, 0xff, 0x7f, 0x02] {
                let mut b = bytes.clone();
                b[i] = v;
                let sum = checksum(&b[..body]);
                b[body..].copy_from_slice(&sum.to_le_bytes());
                match Engine::from_snapshot(&b) {
                    Ok(e) => {
                        accepted += 1;
                        let _ = e.validate();
                        let _ = e.export();
                    }
                    // Past the checksum, one message: the byte where the reader found the
                    // damage, at or after the byte changed and within the payload.
                    Err(e) => {
                        let message = &e.problems()[0].message;
                        let at = message.strip_prefix("the snapshot is damaged: its payload cannot be read at byte ");
                        let at: usize = at.and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("byte {i} = {v}: {message}"));
                        assert!((i..=body).contains(&at), "byte {i} = {v}: {message}");
                    }
                }
            }
        }
        assert!(accepted > 0, "some changed strings still make an engine");
    }

    #[test]
    fn an_edited_engine_is_written_as_its_export_loads() {
        let mut e = engine(ROSTER, CREDENTIALS);
        let ops = crate::json::parse(r#"[{"op": "remove", "collection": "credentials", "id": "c1"},
            {"op": "put", "collection": "credentials", "record": {"id": "c9", "employeeId": "ana", "code": "BLS", "validUntil": "2027-01-01", "note": 1}}]"#)
        .unwrap()
        .value;
        assert!(e.apply_value(&ops, None).applied);
        assert!(e.unassign("bo", "s1").unwrap().applied);
        let again = Engine::from_snapshot(&e.snapshot()).unwrap();
        assert_eq!(again.export(), e.export());
        assert_eq!(again.validate(), e.validate());
        assert_eq!(again.change_log(), e.change_log());
        assert_eq!(e.change_log().len(), 2);
    }

    #[test]
    fn items_with_spaces_keep_their_text_and_export_alike() {
        // ROSTER and CREDENTIALS are written with spaces: every item kept, export the same.
        let e = engine(ROSTER, CREDENTIALS);
        let bytes = e.snapshot();
        assert!(String::from_utf8_lossy(&bytes).contains(r#""id": "c1""#));
        assert_eq!(Engine::from_snapshot(&bytes).unwrap().export(), e.export());
    }

    /// Runs a loader in steps of `budget`, counting them.
    fn in_steps(bytes: &[u8], budget: usize) -> (Result<Engine, Error>, usize) {
        let mut l = SnapshotLoader::new(bytes.to_vec());
        let mut steps = 0;
        loop {
            steps += 1;
            match l.step(budget) {
                Ok(true) => return (l.finish(), steps),
                Ok(false) => {}
                Err(e) => {
                    // Every later call answers the same error.
                    assert_eq!(l.step(budget).unwrap_err(), e);
                    assert_eq!(l.finish().unwrap_err(), e);
                    return (Err(e), steps);
                }
            }
        }
    }

    #[test]
    fn in_steps_equals_in_one() {
        let e = engine(ROSTER, CREDENTIALS);
        let bytes = e.snapshot();
        let one = Engine::from_snapshot(&bytes).unwrap();
        for budget in [1, 2, 5, usize::MAX] {
            let (again, steps) = in_steps(&bytes, budget);
            let again = again.unwrap();
            assert_eq!(again.export(), one.export());
            assert_eq!(again.validate(), one.validate());
            assert_eq!(again.warnings(), one.warnings());
            assert_eq!(again.snapshot(), bytes);
            if budget == 1 {
                assert!(steps > 8, "{steps} steps of one item");
            }
        }
        // `finish` without a step does them all.
        assert_eq!(SnapshotLoader::new(bytes.clone()).finish().unwrap().export(), e.export());
    }

    /// The event index (SPEC §8) is read back as the loaded engine built it, in one step or
    /// many, and answers as it did.
    #[test]
    fn the_event_index_is_read_back_as_built() {
        let credentials = r#"{"credentialTypes": [{"code": "PIC", "currency": {"event": "landing", "min": 2, "withinDays": 30}},
            {"code": "IR", "currency": {"event": "sim", "minHours": 1, "withinDays": 10}}],
          "credentials": [{"id": "c1", "employeeId": "ana", "code": "PIC", "validUntil": null}],
          "events": [
            {"id": "v1", "employeeId": "ana", "kind": "landing", "at": "2026-11-01T10:00:00Z"},
            {"id": "v2", "employeeId": "ana", "kind": "landing", "at": "2026-11-20T10:00:00Z", "count": 2},
            {"id": "v3", "employeeId": "ana", "kind": "sim", "at": "2026-11-21T10:00:00Z", "hours": 1.5},
            {"id": "v4", "employeeId": "bo", "kind": "landing", "at": "2026-11-02T10:00:00Z"},
            {"id": "v5", "employeeId": "cy", "kind": "sim", "at": "2026-11-03T10:00:00Z", "hours": 0.5},
            {"id": "v6", "employeeId": "cy", "kind": "landing", "at": "2026-11-04T10:00:00Z"}]}"#;
        let roster = r#"{"employees": [{"id": "ana"}, {"id": "bo"}, {"id": "cy"}]}"#;
        let e = engine(roster, credentials);
        assert_ne!(e.model.event_index, crate::currency::EventIndex::EMPTY);
        let bytes = e.snapshot();
        let (all, steps_all) = in_steps(&bytes, usize::MAX);
        let (one, steps_one) = in_steps(&bytes, 1);
        let (all, one) = (all.unwrap(), one.unwrap());
        assert_eq!(all.model.event_index, e.model.event_index);
        assert_eq!(one.model.event_index, e.model.event_index);
        assert!(steps_one > steps_all);
        // And currency reads the same: ana is current on PIC on 2026-11-21 (three landings).
        let at = crate::time::parse_instant("2026-11-21T00:00:00Z").unwrap().ms;
        assert!(crate::currency::current(&one.model, 0, 0, at));
        assert!(!crate::currency::current(&one.model, 1, 0, at));
        // Its snapshot is the same bytes.
        assert_eq!(one.snapshot(), bytes);
    }

    /// An event index whose lists do not make one (here: a point's total that falls within its
    /// run), with the checksum forged to match, is refused like any other unreadable payload.
    #[test]
    fn a_forged_event_index_is_refused() {
        let credentials = r#"{"credentialTypes": [{"code": "PIC", "currency": {"event": "landing", "min": 2, "withinDays": 30}}],
          "events": [{"id": "v1", "employeeId": "ana", "kind": "landing", "at": "2026-11-01T10:00:00Z", "count": 7},
            {"id": "v2", "employeeId": "ana", "kind": "landing", "at": "2026-11-20T10:00:00Z", "count": 2}]}"#;
        let e = engine(r#"{"employees": [{"id": "ana"}]}"#, credentials);
        let mut bytes = e.snapshot();
        // The run's two points as written (instant, count, micro-hours; each a low and a high
        // word): the second's total lowered from 9 to 1, below the first's 7.
        let ms = |t: &str| crate::time::parse_instant(t).unwrap().ms as u64;
        let point = |t: &str, count: u32| [ms(t) as u32, (ms(t) >> 32) as u32, count, 0, 0, 0];
        let words = [point("2026-11-01T10:00:00Z", 7), point("2026-11-20T10:00:00Z", 9)].concat();
        let pattern: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        let at = bytes.windows(pattern.len()).position(|w| w == pattern.as_slice()).unwrap();
        bytes[at + 32] = 1;
        let end = bytes.len() - TRAILER;
        let sum = checksum(&bytes[..end]);
        bytes[end..].copy_from_slice(&sum.to_le_bytes());
        let err = Engine::from_snapshot(&bytes).unwrap_err();
        assert!(err.problems()[0].message.starts_with("the snapshot is damaged: its payload cannot be read at byte"), "{err}");
    }

    #[test]
    fn a_damaged_snapshot_fails_at_some_step_as_in_one() {
        let bytes = small();
        for i in (0..bytes.len()).step_by(3) {
            let mut b = bytes.clone();
            b[i] ^= 0x10;
            let one = Engine::from_snapshot(&b).unwrap_err();
            assert_eq!(in_steps(&b, 1).0.unwrap_err(), one, "byte {i}");
        }
        for n in (0..bytes.len()).step_by(7) {
            let one = Engine::from_snapshot(&bytes[..n]).unwrap_err();
            assert_eq!(in_steps(&bytes[..n], 2).0.unwrap_err(), one, "cut at {n}");
        }
        // The checksum in pieces equals it in one.
        let big: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect();
        for piece in [32, 64, 1024, 4096] {
            let mut c = Checksum::new();
            let mut at = 0;
            while big.len() - at >= piece + 32 {
                c.update(&big[at..at + piece]);
                at += piece;
            }
            c.update(&big[at..]);
            assert_eq!(c.finish(big.len()), checksum(&big));
        }
    }

    #[test]
    fn the_text_is_left_out_where_the_model_writes_it_back() {
        // Records, shifts and events the model writes back exactly are not in the snapshot's
        // text; those it cannot (unknown fields, a group in validIn, an instant, hours not a
        // whole number or written as a decimal, another key order) are, and export still equals
        // the engine's.
        let credentials = r#"{"credentialTypes": [{"code": "BLS"}, {"code": "RN", "jurisdictional": true}],
          "jurisdictionGroups": [{"code": "NLC", "members": ["TX", "OK"]}],
          "credentials": [
            {"id": "c-plain-1", "employeeId": "ana", "code": "BLS", "validFrom": "2025-01-31", "validUntil": "2027-06"},
            {"id": "c-plain-2", "employeeId": "ana", "code": "RN", "validUntil": "2027-06-30", "status": "pending", "validIn": ["TX"], "issuer": "TX BON", "identifier": "RN-1"},
            {"id": "c-plain-3", "employeeId": "nobody", "code": "XYZ", "validUntil": null, "restrictions": ["supervised"]},
            {"id": "c-kept-1", "employeeId": "ana", "code": "RN", "validUntil": "2027-06", "validIn": ["NLC"]},
            {"id": "c-kept-2", "employeeId": "ana", "code": "BLS", "validUntil": "2027-06-01T00:00:00Z"},
            {"id": "c-kept-3", "employeeId": "ana", "code": "BLS", "validUntil": "2027-06", "note": "x"},
            {"code": "BLS", "id": "c-kept-4", "employeeId": "ana", "validUntil": "2027-06"}],
          "events": [
            {"id": "v-plain-1", "employeeId": "ana", "kind": "landing", "at": "2026-11-01T10:00:00-06:00"},
            {"id": "v-plain-2", "employeeId": "ana", "kind": "landing", "at": "2026-11-02T10:00:00Z", "count": 3, "hours": 2},
            {"id": "v-plain-3", "employeeId": "nobody", "kind": "sim", "at": "2026-11-03T10:00:00.250Z", "count": 1, "hours": 0},
            {"id": "v-kept-1", "employeeId": "ana", "kind": "sim", "at": "2026-11-04T10:00:00Z", "hours": 1.5},
            {"id": "v-kept-2", "employeeId": "ana", "kind": "sim", "at": "2026-11-05T10:00:00Z", "hours": 2.0},
            {"id": "v-kept-3", "employeeId": "ana", "kind": "sim", "at": "2026-11-06T10:00Z"},
            {"kind": "sim", "id": "v-kept-4", "employeeId": "ana", "at": "2026-11-07T10:00:00Z"}]}"#;
        let roster = r#"{"employees": [{"id": "ana"}], "locations": [{"id": "l1"}], "queues": [{"id": "q1"}],
          "shifts": [{"id": "s-plain-1", "start": "2026-12-01T07:00:00-06:00", "end": "2026-12-01T19:00:00-06:00", "locationId": "l1",
            "queueIds": ["q1"], "requires": {"any": ["BLS", "RN"]}, "assigned": ["ana"], "crew": [{"requires": "BLS", "min": 2}]},
            {"id": "s-kept-1", "start": "2026-12-02T07:00:00.000-06:00", "end": "2026-12-02T19:00:00-06:00", "assigned": []},
            {"id": "s-kept-2", "start": "2026-12-03T07:00:00Z", "end": "2026-12-03T19:00:00Z"}]}"#;
        // Compact JSON, as the generated data set and most systems write it (an item with
        // spaces keeps its text).
        let compact = |t: &str| crate::json::parse(t).unwrap().value.to_json();
        let e = engine(&compact(roster), &compact(credentials));
        let bytes = e.snapshot();
        let text = String::from_utf8_lossy(&bytes);
        // An event's id is in the model twice (the event, and the table of event ids).
        let in_model = |id: &str| if id.starts_with('v') { 2 } else { 1 };
        for kept in ["c-kept-1", "c-kept-2", "c-kept-3", "c-kept-4", "s-kept-1", "s-kept-2", "v-kept-1", "v-kept-2", "v-kept-3", "v-kept-4"] {
            assert_eq!(text.matches(kept).count(), 1 + in_model(kept), "{kept}: in the text and in the model");
        }
        for plain in ["c-plain-1", "c-plain-2", "c-plain-3", "s-plain-1", "v-plain-1", "v-plain-2", "v-plain-3"] {
            assert_eq!(text.matches(plain).count(), in_model(plain), "{plain}: in the model only");
        }
        let again = Engine::from_snapshot(&bytes).unwrap();
        assert_eq!(again.export(), e.export());
        assert_eq!(again.snapshot(), bytes);
    }

    #[test]
    fn not_a_snapshot() {
        for bytes in [&b""[..], b"{}", b"\x89CGSNAP"] {
            let err = Engine::from_snapshot(bytes).unwrap_err();
            assert_eq!(err.problems()[0].path, "snapshot");
        }
    }
}
