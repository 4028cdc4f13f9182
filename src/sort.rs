//! One stable sort for the tracking reports (alerts, gaps, audit), and one radix sort of
//! integers for every sort of `u32`s and `(u32, u32)` pairs.
//!
//! Every `sort_by`/`sort_unstable` of the standard library is compiled afresh for each element
//! type and comparator, several kilobytes each in WebAssembly; the reports' dozen sorts of
//! different tuples and structs cost about 50 KB of the package's .wasm that way. Here the
//! sorting itself is one non-generic merge sort of positions with the comparison of two
//! positions behind a `&dyn` ([`Call`]): a few hundred bytes, shared, and so is the final
//! reordering, a loop of swaps with the swap behind a `&mut dyn` (one small function per
//! element type).
//!
//! The result is that of the standard library's stable `sort_by`: equal elements keep their
//! order. For a sort by the whole value (what `sort_unstable()` did on tuples) equal elements
//! are identical, so the result is the same as well. Not for the hot paths (`check`,
//! `candidates`, `validate`, `load`): the comparison is an indirect call.

use crate::call::Call;
use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably: equal elements keep their order.
pub(crate) fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = v;
        positions(items.len(), &|(a, b): (usize, usize)| cmp(&items[a], &items[b]))
    };
    permute(order, &mut Items(v));
}

/// Two elements swapped, behind a `&mut dyn`: one function for each element type, where the
/// loop that reorders them ([`permute`]) is one for all.
trait Swap {
    fn swap(&mut self, a: usize, b: usize);
}

/// The slice [`sort_by`] reorders.
struct Items<'a, T>(&'a mut [T]);

impl<T> Swap for Items<'_, T> {
    fn swap(&mut self, a: usize, b: usize) {
        self.0.swap(a, b);
    }
}

/// Applies the permutation `order` by swaps, one cycle at a time: afterwards what was at
/// `order[k]` is at `k`. Not generic: one copy for every sort.
#[inline(never)]
fn permute(mut order: Vec<u32>, items: &mut dyn Swap) {
    for start in 0..order.len() {
        let mut k = start;
        while let Some(slot) = order.get_mut(k) {
            let from = std::mem::replace(slot, DONE) as usize;
            if from == DONE as usize || from == start {
                break;
            }
            items.swap(k, from);
            k = from;
        }
    }
}

/// Sorts `u32`s ascending (as `slice::sort_unstable`). One least-significant-digit radix sort
/// serves this and [`sort_pairs`]: linear in the input, and compiled once where the standard
/// library's pattern-defeating quicksort was 3 KB of WebAssembly for `u32` and 8 KB for pairs.
pub(crate) fn sort_u32(v: &mut [u32]) {
    sort_as_u64(v, 4, |&x| u64::from(x), |k| k as u32);
}

/// Sorts `(u32, u32)` pairs ascending, by the first then the second (as `slice::sort_unstable`).
pub(crate) fn sort_pairs(v: &mut [(u32, u32)]) {
    sort_as_u64(v, 8, |&(a, b)| u64::from(a) << 32 | u64::from(b), |k| ((k >> 32) as u32, k as u32));
}

/// Sorts `v` by sorting its values as the `u64`s `to` makes of them (in the same order, and back
/// by `from`), of which the low `bytes` bytes matter: [`sort_u32`] and [`sort_pairs`] then share
/// one copy of the radix sort (for `u64`), where each had its own (0.6 KB of WebAssembly each).
fn sort_as_u64<T>(v: &mut [T], bytes: u32, to: impl Fn(&T) -> u64, from: impl Fn(u64) -> T) {
    if v.len() < 2 {
        return;
    }
    // A short list's keys on the stack: the verdicts' and the edits' many short sorts then
    // allocate nothing, where a `Vec` each made `validate` 3–6% dearer in instructions.
    let mut short = [0u64; 32];
    let mut long = Vec::new();
    let keys = match short.get_mut(..v.len()) {
        Some(keys) => keys,
        None => {
            long.reserve_exact(v.len());
            long.resize(v.len(), 0);
            &mut long[..]
        }
    };
    for (k, x) in keys.iter_mut().zip(v.iter()) {
        *k = to(x);
    }
    radix_u64(keys, bytes);
    for (x, &k) in v.iter_mut().zip(keys.iter()) {
        *x = from(k);
    }
}

/// [`radix`] of plain `u64`s, out of line: the one copy [`sort_as_u64`]'s callers share.
#[inline(never)]
fn radix_u64(keys: &mut [u64], bytes: u32) {
    radix(keys, bytes, |&k| k);
}

/// `x` as a `u64` key in the same order as `x`: its sign bit flipped, so that the unsigned
/// order is the signed one (an instant's milliseconds for [`sort_by_u64`] and [`order_of`]).
pub(crate) fn signed_key(x: i64) -> u64 {
    x as u64 ^ 1 << 63
}

/// Sorts `v` by a `u64` key, stably (equal keys keep their order): the keys' positions are
/// sorted by [`order_of`] and the elements moved by [`permute`], so that every element type
/// shares one copy of the sorting (a plain function for the key: one copy of this per type).
pub(crate) fn sort_by_u64<T>(v: &mut [T], key: fn(&T) -> u64) {
    if v.len() < 2 {
        return;
    }
    let keys: Vec<u64> = v.iter().map(key).collect();
    permute(order_of(&keys), &mut Items(v));
}

/// The positions of `keys` in the order of their keys, stably (equal keys in the order of
/// their positions): a radix sort of the positions, a byte of the key at a time from the
/// lowest, skipping a byte that is the same in every key; short inputs by insertion. Linear in
/// the input, and not generic: one copy for every sort by a `u64` ([`sort_by_u64`], and the
/// shifts' order by start when a load indexes them).
#[inline(never)]
pub(crate) fn order_of(keys: &[u64]) -> Vec<u32> {
    let n = keys.len();
    let key = |p: u32| keys.get(p as usize).copied().unwrap_or_default();
    let mut from: Vec<u32> = (0..n as u32).collect();
    if n <= 32 {
        insertion(&mut from, key);
        return from;
    }
    let mut to = vec![0u32; n];
    for shift in (0..64).step_by(8) {
        if radix_pass(&from, &mut to, |p| (key(p) >> shift) as usize & 0xff) {
            std::mem::swap(&mut from, &mut to);
        }
    }
    from
}

/// Sorts a short `v` by `key`, stably, by insertion: [`radix`]'s and [`order_of`]'s way with
/// the 32 or fewer elements that a counting pass of 256 digits would not pay for.
fn insertion<T: Copy>(v: &mut [T], key: impl Fn(T) -> u64) {
    for i in 1..v.len() {
        let x = v[i];
        let k = key(x);
        let mut j = i;
        while j > 0 && key(v[j - 1]) > k {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
}

/// One stable pass of a radix sort: the elements of `from` into `to` in the order of
/// `digit` (0 to 255). Returns false, with `to` untouched, when every element has the same
/// digit: such a pass would order nothing. `to` is as long as `from`.
// `any`, not `contains`, whose unrolled search of `usize`s the package compiled for this alone.
#[allow(clippy::manual_contains)]
fn radix_pass<T: Copy>(from: &[T], to: &mut [T], digit: impl Fn(T) -> usize) -> bool {
    let mut count = [0usize; 256];
    for &x in from {
        count[digit(x)] += 1;
    }
    if count.iter().any(|&c| c == from.len()) {
        return false;
    }
    let mut at = 0;
    for c in &mut count {
        let here = *c;
        *c = at;
        at += here;
    }
    for &x in from {
        let d = digit(x);
        to[count[d]] = x;
        count[d] += 1;
    }
    true
}

/// Sorts `v` by `key`, of which the low `bytes` bytes matter, a byte at a time from the lowest
/// (each pass stable); short inputs by insertion. Equal keys are equal values here, so
/// stability does not show.
fn radix<T: Copy + Default>(v: &mut [T], bytes: u32, key: impl Fn(&T) -> u64) {
    let n = v.len();
    if n <= 32 {
        insertion(v, |x| key(&x));
        return;
    }
    let mut scratch = vec![T::default(); n];
    let (mut from, mut to) = (&mut *v, &mut scratch[..]);
    let mut in_scratch = false;
    for pass in 0..bytes {
        let shift = pass * 8;
        if radix_pass(from, to, |x| (key(&x) >> shift) as usize & 0xff) {
            std::mem::swap(&mut from, &mut to);
            in_scratch = !in_scratch;
        }
    }
    if in_scratch {
        // `from` is the scratch: copy the result back into `v`.
        to.copy_from_slice(from);
    }
}

/// A position of `sort_by`'s permutation already in place.
const DONE: u32 = u32::MAX;

/// Sorts `v` by a key, stably (as `slice::sort_by_key`).
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)))
}

/// Sorts `v` by its whole value (as `slice::sort_unstable`, whose result this equals).
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp)
}

/// The positions `0..n` in sorted order: a bottom-up merge sort, stable (on a tie the element
/// of the left run, the earlier one, goes first).
fn positions(n: usize, cmp: &dyn Call<(usize, usize), Ordering>) -> Vec<u32> {
    let mut from: Vec<u32> = (0..n as u32).collect();
    // Already in order (a roster's shifts by start, so each employee's assignments): one pass,
    // no merging, and `sort_by` then moves nothing.
    if (1..n).all(|i| cmp.call((i - 1, i)) != Ordering::Greater) {
        return from;
    }
    let mut to: Vec<u32> = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = n.min(start + width);
            let end = n.min(mid + width);
            let (mut l, mut r) = (start, mid);
            for slot in &mut to[start..end] {
                let take_right = l == mid || (r < end && cmp.call((from[r] as usize, from[l] as usize)) == Ordering::Less);
                if take_right {
                    *slot = from[r];
                    r += 1;
                } else {
                    *slot = from[l];
                    l += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Input already in order (or one swap away) also gives the standard library's result.
        #[test]
        fn sorted_input_is_left_as_it_is(mut v in proptest::collection::vec((0u8..6, any::<u16>()), 0..300), cut in 0usize..300) {
            // Sorted by the key, ties in any order, then maybe one element out of place.
            v.sort_by_key(|x| x.0);
            if cut < v.len() && cut > 0 {
                v.swap(0, cut);
            }
            let mut ours = v.clone();
            sort_by_key(&mut ours, |x| x.0);
            let mut std = v.clone();
            std.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std);
        }

        /// The same result as the standard library's stable sort, ties included.
        #[test]
        fn same_as_std_stable(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..300)) {
            let mut ours = v.clone();
            sort_by_key(&mut ours, |x| x.0);
            let mut std = v.clone();
            std.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn same_as_std_unstable_on_whole_values(v in proptest::collection::vec((0i64..5, 0u32..4, any::<bool>()), 0..300)) {
            let mut ours = v.clone();
            sort(&mut ours);
            let mut std = v.clone();
            std.sort_unstable();
            prop_assert_eq!(ours, std);
        }
    }

    proptest! {
        #[test]
        fn radix_sorts_as_std(v in proptest::collection::vec(any::<u32>(), 0..300), w in proptest::collection::vec((0u32..4, any::<u32>()), 0..300)) {
            let (mut ours, mut std) = (v.clone(), v);
            sort_u32(&mut ours);
            std.sort_unstable();
            prop_assert_eq!(ours, std);
            let (mut ours, mut std) = (w.clone(), w);
            sort_pairs(&mut ours);
            std.sort_unstable();
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn signed_keys_keep_the_signed_order() {
        let xs = [i64::MIN, -86_400_000, -1, 0, 1, 1_700_000_000_000, i64::MAX];
        for w in xs.windows(2) {
            assert!(signed_key(w[0]) < signed_key(w[1]), "{} {}", w[0], w[1]);
        }
    }

    proptest! {
        /// `sort_by_u64` (and so `order_of`) is the standard library's stable sort by key,
        /// short and long, with keys that differ in a few bytes or in all of them.
        #[test]
        fn sort_by_u64_is_stable_as_std(v in proptest::collection::vec((prop_oneof![0u64..4, any::<u64>(), (0u64..3).prop_map(|k| k << 40)], any::<u16>()), 0..300)) {
            let (mut ours, mut std) = (v.clone(), v);
            sort_by_u64(&mut ours, |&(k, _)| k);
            std.sort_by_key(|&(k, _)| k);
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn radix_sorts_long_inputs() {
        let mut x = 0x9E37_79B9u32;
        let mut v: Vec<(u32, u32)> = (0..5000)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x % 7, i)
            })
            .collect();
        let mut std = v.clone();
        sort_pairs(&mut v);
        std.sort_unstable();
        assert_eq!(v, std);
        let mut u: Vec<u32> = (0..1000u32).rev().map(|i| i.wrapping_mul(2_654_435_761)).collect();
        let mut std = u.clone();
        sort_u32(&mut u);
        std.sort_unstable();
        assert_eq!(u, std);
    }

    #[test]
    fn owned_values_move_once() {
        let mut v: Vec<String> = ["b", "a", "c", "a"].iter().map(|s| s.to_string()).collect();
        sort(&mut v);
        assert_eq!(v, ["a", "a", "b", "c"]);
        let mut empty: Vec<String> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }
}
