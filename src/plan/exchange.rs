//! The plan's exchanges: the spec's §7 order after the count ("then uses grace as little as
//! possible; then costs as little as possible; then prefers the later session"), made exact
//! for the bookings of employees with one need.
//!
//! Once the matching meets as many needs as it can, the bookings of employees with a single
//! need are a flow: each such need is unmet or in one session, and a session holds at most its
//! free seats. Among the flows of that size the cheapest is the one with no negative cycle in
//! its residual graph (the classic optimality condition of a minimum-cost flow), so cycles are
//! found and exchanged until none is left. The graph is over sessions, with two more nodes:
//!
//! - `s → t`, for a need booked in `s` that could be in `t`: it moves there, weighing
//!   `weight(n, t) − weight(n, s)`;
//! - `s → U` (the unmet pool), for a need booked in `s`: it gives its seat up, `−weight(n, s)`;
//!   `U → t`, for an unmet need that could be in `t`: it takes a seat there, `weight(n, t)`;
//! - `s → F` (free seats) when `s` has a free seat: the chain of moves ends in it, `0`; `F → s`
//!   for every session: a chain starts by freeing a seat of `s`, `0`.
//!
//! A simple cycle is a set of moves of distinct needs (each leaves a different session, or the
//! pool once) after which every session holds as many bookings as before, or one more where it
//! had a free seat and one fewer where the chain began, and as many needs are met. Several
//! needs making the same move are parallel edges, all kept (sorting them out cost more than
//! Bellman–Ford's rounds over them). A booking's weight is `(1 if in grace, cost in
//! millionths, −start)`, compared in that order and summed by component, so a negative cycle is
//! one that uses less grace, or as much grace and costs less, or as much of both and books later
//! sessions. Each exchange lowers the plan's total strictly, so they end; Bellman–Ford finds
//! each cycle.
//!
//! Bookings of employees with several needs stay where the matching put them (one booking may
//! meet several needs, and an employee's bookings must not overlap: no longer a flow). Where
//! nobody has two needs, the plan is therefore exactly the cheapest among those meeting the
//! most needs (`tests/it/plan_properties.rs` compares it with a brute force).

use super::Matching;

/// What booking a need in a session weighs: in grace (1 or 0), its cost in millionths, and
/// minus its start, compared in that order.
type Weight = (i64, i64, i64);

const ZERO: Weight = (0, 0, 0);

/// No need: an edge of the free-seat node.
const NO_NEED: u32 = u32::MAX;

fn add(a: Weight, b: Weight) -> Weight {
    (a.0.saturating_add(b.0), a.1.saturating_add(b.1), a.2.saturating_add(b.2))
}

/// Out of line: a saturating difference of three `i64`s is some 40 instructions, which were
/// copied at both places that subtract weights (building the edges, not the hot relaxing loop,
/// whose `add` stays inline: out of line it made the plan 10% slower).
#[inline(never)]
fn sub(a: Weight, b: Weight) -> Weight {
    (a.0.saturating_sub(b.0), a.1.saturating_sub(b.1), a.2.saturating_sub(b.2))
}

/// One move: need `need` (or none) from node `from` to node `to`.
#[derive(Debug, Clone, Copy)]
struct Edge {
    from: u32,
    to: u32,
    weight: Weight,
    need: u32,
}

/// `edges.push(edge)`, out of line: one copy of the push for the graph's four kinds of edge.
#[inline(never)]
fn push(edges: &mut Vec<Edge>, edge: Edge) {
    edges.push(edge);
}

impl Matching<'_> {
    /// The weight of booking need `n` in session `s`. Out of line: it was written out at both
    /// places that build edges (a rounding of the cost and three comparisons each), and it is
    /// called once per edge built, not in the relaxing loop.
    #[inline(never)]
    fn weight(&self, n: usize, s: u32) -> Weight {
        let (need, x) = (&self.needs[n], self.session(s));
        // `cost` is finite and at least 0 (the loader checks it); `as` saturates past 2^63.
        (i64::from(x.end.ms > need.expiry), (x.cost * 1e6).round() as i64, -x.start.ms)
    }

    /// The residual graph's edges (parallel ones included); the pool is node `sessions`, the
    /// free seats `sessions + 1`.
    fn exchange_edges(&self, single: &[usize]) -> Vec<Edge> {
        let ns = self.users.len() as u32;
        let (pool, free) = (ns, ns + 1);
        let mut edges: Vec<Edge> = Vec::new();
        // One loop for booked and unmet needs: an unmet need moves from the pool, weighing
        // `weight − ZERO` (the same: nothing saturates subtracting zero).
        for &n in single {
            let need = n as u32;
            let at = self.at[n];
            let here = at.map_or(ZERO, |s| self.weight(n, s));
            let from = at.unwrap_or(pool);
            for &t in &self.cand[n] {
                if Some(t) != at {
                    push(&mut edges, Edge { from, to: t, weight: sub(self.weight(n, t), here), need });
                }
            }
            if at.is_some() {
                push(&mut edges, Edge { from, to: pool, weight: sub(ZERO, here), need });
            }
        }
        for s in 0..ns {
            if self.free_seats(s) > 0 {
                push(&mut edges, Edge { from: s, to: free, weight: ZERO, need: NO_NEED });
            }
            push(&mut edges, Edge { from: free, to: s, weight: ZERO, need: NO_NEED });
        }
        edges
    }
}

/// A cycle of negative total weight among `nodes` nodes, as indexes into `edges` in the
/// reverse of the order they are taken; `None` when there is none. Bellman–Ford from every node at once, looking for
/// a cycle among the predecessors after each round: one forms as soon as a negative cycle's
/// relaxations go round it, long before the `nodes` rounds that prove one exists.
fn negative_cycle(nodes: usize, edges: &[Edge]) -> Option<Vec<usize>> {
    let mut dist = vec![ZERO; nodes];
    let mut pred: Vec<Option<usize>> = vec![None; nodes];
    for _ in 0..=nodes {
        let mut changed = false;
        for (i, e) in edges.iter().enumerate() {
            let d = add(*dist.get(e.from as usize)?, e.weight);
            let to = dist.get_mut(e.to as usize)?;
            if d < *to {
                *to = d;
                *pred.get_mut(e.to as usize)? = Some(i);
                changed = true;
            }
        }
        if !changed {
            return None;
        }
        if let Some(cycle) = pred_cycle(&pred, edges) {
            let total = cycle.iter().filter_map(|&i| edges.get(i)).fold(ZERO, |w, e| add(w, e.weight));
            if total < ZERO {
                return Some(cycle);
            }
        }
    }
    None
}

/// A cycle among the predecessor edges `pred` (each node's last relaxing edge), in the reverse
/// of the order taken (as the predecessors are walked; the caller goes through it backwards
/// rather than a `reverse` here).
fn pred_cycle(pred: &[Option<usize>], edges: &[Edge]) -> Option<Vec<usize>> {
    // Per node, the walk (by its start) that reached it, `u32::MAX` for none yet: `u32`s (the
    // nodes are the sessions and two), whose `vec!` the crate has already, where a `vec!` of
    // `usize`s was code of its own.
    let mut walk = vec![u32::MAX; pred.len()];
    for start in 0..pred.len() as u32 {
        let mut x = start as usize;
        loop {
            if walk[x] == start {
                // Met again on this walk: `x` is on a cycle.
                let mut cycle = Vec::new();
                let mut y = x;
                loop {
                    let i = (*pred.get(y)?)?;
                    cycle.push(i);
                    y = edges.get(i)?.from as usize;
                    if y == x || cycle.len() > pred.len() {
                        break;
                    }
                }
                return Some(cycle);
            }
            if walk[x] != u32::MAX {
                break;
            }
            walk[x] = start;
            match pred[x] {
                Some(i) => x = edges.get(i)?.from as usize,
                None => break,
            }
        }
    }
    None
}

/// Exchanges the bookings of employees with one need along negative cycles until none is left
/// (module docs). The count of needs met and every session's seats hold throughout.
pub(super) fn exchange(mm: &mut Matching<'_>) {
    let single = super::indexes(0, mm.needs.len(), &|n: usize| {
        let (lo, hi) = mm.range(n);
        hi - lo == 1
    });
    let ns = mm.users.len() as u32;
    // Each exchange lowers the total strictly; the bound keeps a page's call finite whatever
    // happens, and is far above what a plan takes.
    for _ in 0..single.len().saturating_mul(8).saturating_add(64) {
        let edges = mm.exchange_edges(&single);
        let Some(cycle) = negative_cycle(ns as usize + 2, &edges) else { return };
        for e in cycle.iter().rev().filter_map(|&i| edges.get(i)) {
            if e.need != NO_NEED {
                mm.place(e.need as usize, (e.to < ns).then_some(e.to));
            }
        }
    }
}
