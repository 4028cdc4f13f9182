//! `planRenewals` (SPEC §7) against an independent reading of the documents: every booking
//! valid, every unmet reason true, the count met equal to a max-flow (Edmonds–Karp, written
//! here) where nobody has two needs, and, where people have several, measured against an exact
//! brute force.
//!
//! The documents are generated from a seed: employees `e0..`, codes `A`, `B`, `C`, one record per
//! need (each expiring within the horizon, so each is a need), sessions `s0..`, shifts `h0..`,
//! trainings `t0..` without a code (so none books a renewal) that may name a session. Times are
//! minutes from 2026-12-07T00:00-06:00; `asOf` is 08:00 that day, in -06:00.

use credgate::Engine;
use proptest::prelude::*;
use serde_json::{json, Value};

const CODES: [&str; 3] = ["A", "B", "C"];
const AS_OF_MIN: i64 = 8 * 60;
const AS_OF: &str = "2026-12-07T08:00:00-06:00";

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// In `lo..hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo) as u64) as i64
    }
}

#[derive(Debug, Clone)]
struct Session {
    renews: Vec<usize>,
    start: i64,
    end: i64,
    seats: i64,
    cost: i64,
    open: bool,
}

#[derive(Debug, Clone)]
struct Training {
    emp: usize,
    session: Option<usize>,
    start: i64,
    end: i64,
    /// 0 scheduled, 1 completed, 2 cancelled.
    status: u8,
}

/// A generated case, as the test reads it.
#[derive(Debug, Clone)]
struct Case {
    /// Per need: employee, code, deadline (minutes).
    needs: Vec<(usize, usize, i64)>,
    employees: usize,
    sessions: Vec<Session>,
    /// Per shift: employee, start, end.
    shifts: Vec<(usize, i64, i64)>,
    trainings: Vec<Training>,
    /// Every type's `graceDays` (0: none written).
    grace_days: i64,
}

fn instant(min: i64) -> String {
    crate::common::instant_plus("2026-12-07T00:00:00-06:00", min * 60_000)
}

fn date(day: i64) -> String {
    instant(day * 1440)[..10].to_string()
}

impl Case {
    /// Several needs per employee unless `single`.
    fn generate(seed: u64, single: bool) -> Case {
        let mut r = Rng(seed);
        let employees = r.range(1, 6) as usize;
        let mut needs = Vec::new();
        for e in 0..employees {
            if single {
                needs.push((e, r.range(0, 3) as usize, 0));
            } else {
                for c in 0..3 {
                    if r.range(0, 2) == 0 {
                        needs.push((e, c, 0));
                    }
                }
            }
        }
        for n in &mut needs {
            // Valid through day `d` (a date): the deadline is the next local midnight.
            n.2 = (r.range(0, 40) + 1) * 1440;
        }
        let sessions = (0..r.range(1, 7))
            .map(|_| {
                let mut renews: Vec<usize> = (0..3).filter(|_| r.range(0, 3) == 0).collect();
                if renews.is_empty() {
                    renews.push(r.range(0, 3) as usize);
                }
                let start = r.range(-1, 40) * 1440 + r.range(6, 18) * 60;
                Session { renews, start, end: start + r.range(2, 9) * 60, seats: r.range(1, 4), cost: r.range(0, 4) * 25, open: r.range(0, 6) != 0 }
            })
            .collect::<Vec<_>>();
        let shifts = (0..r.range(0, 2 * employees as i64 + 1))
            .map(|_| {
                let start = r.range(0, 40) * 1440 + r.range(0, 21) * 60;
                (r.range(0, employees as i64) as usize, start, start + r.range(8, 13) * 60)
            })
            .collect();
        let trainings = (0..r.range(0, 4))
            .map(|_| {
                let emp = r.range(0, employees as i64) as usize;
                let session = (r.range(0, 3) != 0).then(|| r.range(0, sessions.len() as i64) as usize);
                let (start, end) = match session {
                    Some(s) => (sessions[s].start, sessions[s].end),
                    None => {
                        let start = r.range(0, 40) * 1440 + r.range(6, 18) * 60;
                        (start, start + 240)
                    }
                };
                Training { emp, session, start, end, status: r.range(0, 3) as u8 }
            })
            .collect();
        Case { needs, employees, sessions, shifts, trainings, grace_days: 0 }
    }

    fn documents(&self) -> (Value, Value) {
        let employees: Vec<Value> = (0..self.employees).map(|e| json!({"id": format!("e{e}")})).collect();
        let shifts: Vec<Value> = self.shifts.iter().enumerate().map(|(i, &(e, a, b))| json!({"id": format!("h{i}"), "start": instant(a), "end": instant(b), "assigned": [format!("e{e}")]})).collect();
        let records: Vec<Value> = self
            .needs
            .iter()
            .enumerate()
            .map(|(i, &(e, c, deadline))| json!({"id": format!("r{i}"), "employeeId": format!("e{e}"), "code": CODES[c], "validUntil": date(deadline / 1440 - 1)}))
            .collect();
        let sessions: Vec<Value> = self
            .sessions
            .iter()
            .enumerate()
            .map(|(i, s)| {
                json!({"id": format!("s{i}"), "renews": s.renews.iter().map(|&c| CODES[c]).collect::<Vec<_>>(), "start": instant(s.start), "end": instant(s.end),
                       "seats": s.seats, "cost": s.cost, "status": if s.open { "open" } else { "cancelled" }})
            })
            .collect();
        let trainings: Vec<Value> = self
            .trainings
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let status = ["scheduled", "completed", "cancelled"][t.status as usize];
                let mut v = json!({"id": format!("t{i}"), "employeeId": format!("e{}", t.emp), "start": instant(t.start), "end": instant(t.end), "status": status});
                if let Some(s) = t.session {
                    v["sessionId"] = json!(format!("s{s}"));
                }
                v
            })
            .collect();
        let types: Vec<Value> = CODES.iter().map(|c| if self.grace_days > 0 { json!({"code": c, "graceDays": self.grace_days}) } else { json!({"code": c}) }).collect();
        (json!({"employees": employees, "shifts": shifts}), json!({"credentialTypes": types, "credentials": records, "sessions": sessions, "trainings": trainings}))
    }

    fn engine(&self) -> Engine {
        let (roster, credentials) = self.documents();
        match Engine::load(&roster.to_string(), &credentials.to_string()) {
            Ok(l) => l.engine,
            Err(e) => panic!("{e}"),
        }
    }

    /// Seats held before the plan: one per employee among trainings naming the session.
    fn taken(&self, s: usize) -> i64 {
        let mut emps: Vec<usize> = self.trainings.iter().filter(|t| t.session == Some(s) && t.status != 2).map(|t| t.emp).collect();
        emps.sort_unstable();
        emps.dedup();
        emps.len() as i64
    }

    /// The sessions SPEC §7.1 considers for need `n`: open, renewing its code, within
    /// `[asOf, deadline]`.
    fn considered(&self, n: usize) -> Vec<usize> {
        let (_, c, deadline) = self.needs[n];
        let deadline = deadline + self.grace_days * 1440;
        (0..self.sessions.len()).filter(|&s| self.sessions[s].open && self.sessions[s].renews.contains(&c) && self.sessions[s].start >= AS_OF_MIN && self.sessions[s].end <= deadline).collect()
    }

    /// The shifts of `emp` that session `s` overlaps.
    fn clashing_shifts(&self, emp: usize, s: usize) -> Vec<usize> {
        let x = &self.sessions[s];
        (0..self.shifts.len()).filter(|&h| self.shifts[h].0 == emp && self.shifts[h].1 < x.end && x.start < self.shifts[h].2).collect()
    }

    /// Whether session `s` overlaps none of `emp`'s shifts and scheduled trainings.
    fn free_for(&self, emp: usize, s: usize) -> bool {
        let x = &self.sessions[s];
        self.clashing_shifts(emp, s).is_empty() && !self.trainings.iter().any(|t| t.emp == emp && t.status == 0 && t.start < x.end && x.start < t.end)
    }

    fn candidates(&self, n: usize) -> Vec<usize> {
        self.considered(n).into_iter().filter(|&s| self.free_for(self.needs[n].0, s)).collect()
    }

    fn capacity(&self, s: usize) -> i64 {
        (self.sessions[s].seats - self.taken(s)).max(0)
    }

    /// The maximum number of needs met, by Edmonds–Karp over source → needs → sessions → sink
    /// (exact where nobody has two needs).
    fn max_flow(&self) -> usize {
        let (nn, ns) = (self.needs.len(), self.sessions.len());
        let (src, sink) = (0, nn + ns + 1);
        let size = nn + ns + 2;
        let mut cap = vec![vec![0i64; size]; size];
        for n in 0..nn {
            cap[src][1 + n] = 1;
            for s in self.candidates(n) {
                cap[1 + n][1 + nn + s] = 1;
            }
        }
        for s in 0..ns {
            cap[1 + nn + s][sink] = self.capacity(s);
        }
        let mut flow = 0;
        loop {
            let mut parent = vec![usize::MAX; size];
            parent[src] = src;
            let mut queue = std::collections::VecDeque::from([src]);
            while let Some(u) = queue.pop_front() {
                for v in 0..size {
                    if parent[v] == usize::MAX && cap[u][v] > 0 {
                        parent[v] = u;
                        queue.push_back(v);
                    }
                }
            }
            if parent[sink] == usize::MAX {
                return flow;
            }
            let mut v = sink;
            while v != src {
                let u = parent[v];
                cap[u][v] -= 1;
                cap[v][u] += 1;
                v = u;
            }
            flow += 1;
        }
    }

    /// Calls `visit` with every assignment of each need to one of its candidate sessions or to
    /// none, as `(need, session)` pairs. `None` (and no call) when there are more than `limit`.
    fn each_assignment(&self, limit: u64, mut visit: impl FnMut(&[(usize, usize)])) -> Option<()> {
        let options: Vec<Vec<Option<usize>>> = (0..self.needs.len()).map(|n| std::iter::once(None).chain(self.candidates(n).into_iter().map(Some)).collect()).collect();
        let total = options.iter().try_fold(1u64, |acc, o| acc.checked_mul(o.len() as u64))?;
        if total > limit {
            return None;
        }
        let mut pick = vec![0usize; options.len()];
        'all: loop {
            let chosen: Vec<(usize, usize)> = pick.iter().enumerate().filter_map(|(n, &k)| options[n][k].map(|s| (n, s))).collect();
            visit(&chosen);
            for k in 0..pick.len() {
                pick[k] += 1;
                if pick[k] < options[k].len() {
                    continue 'all;
                }
                pick[k] = 0;
            }
            return Some(());
        }
    }

    /// The distinct bookings `(employee, session)` of an assignment, when they are a valid
    /// plan: seats per distinct employee and session, an employee's sessions not overlapping.
    fn bookings(&self, chosen: &[(usize, usize)]) -> Option<Vec<(usize, usize)>> {
        let mut pairs: Vec<(usize, usize)> = chosen.iter().map(|&(n, s)| (self.needs[n].0, s)).collect();
        pairs.sort_unstable();
        pairs.dedup();
        let seats_ok = (0..self.sessions.len()).all(|s| pairs.iter().filter(|p| p.1 == s).count() as i64 <= self.capacity(s));
        let own_ok = pairs.iter().all(|&(e, s)| pairs.iter().all(|&(f, t)| f != e || t == s || !(self.sessions[s].start < self.sessions[t].end && self.sessions[t].start < self.sessions[s].end)));
        (seats_ok && own_ok).then_some(pairs)
    }

    /// The maximum number of needs met, by trying every assignment of needs to a candidate
    /// session or none. `None` when there are more than `limit` assignments.
    fn brute_force(&self, limit: u64) -> Option<usize> {
        let mut best = 0;
        self.each_assignment(limit, |chosen| {
            if chosen.len() > best && self.bookings(chosen).is_some() {
                best = chosen.len();
            }
        })?;
        Some(best)
    }

    /// The best `(met, bookings in grace, cost)` of SPEC §7's order (most needs met, then least
    /// grace, then least cost), whether people have one need or several, over every
    /// assignment of needs to a candidate session or none (an employee's bookings are the
    /// distinct sessions chosen; they must not overlap; seats per booking; a booking meets every
    /// need of its employee it renews in time, so an assignment counts the needs so met).
    fn best_plan(&self, limit: u64) -> Option<(usize, usize, i64)> {
        let grace = self.grace_days * 1440;
        let meets = |n: usize, s: usize| self.sessions[s].renews.contains(&self.needs[n].1) && self.sessions[s].end <= self.needs[n].2 + grace;
        let mut best: Option<(i64, usize, i64)> = None;
        self.each_assignment(limit, |chosen| {
            let Some(pairs) = self.bookings(chosen) else { return };
            let met = (0..self.needs.len()).filter(|&n| pairs.iter().any(|&(e, s)| e == self.needs[n].0 && meets(n, s))).count();
            let in_grace = pairs.iter().filter(|&&(e, s)| (0..self.needs.len()).any(|n| self.needs[n].0 == e && meets(n, s) && self.sessions[s].end > self.needs[n].2)).count();
            let cost = pairs.iter().map(|&(_, s)| self.sessions[s].cost).sum();
            let key = (-(met as i64), in_grace, cost);
            if best.is_none_or(|b| key < b) {
                best = Some(key);
            }
        })?;
        best.map(|(met, g, c)| ((-met) as usize, g, c))
    }
}

fn index(id: &Value, prefix: char) -> usize {
    id.as_str().and_then(|s| s.strip_prefix(prefix)).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("not a {prefix} id: {id}"))
}

/// Checks every booking and every unmet need of the plan against the case; returns the number
/// of needs met.
fn check_plan(case: &Case, plan: &Value) -> Result<usize, TestCaseError> {
    let mut met = vec![false; case.needs.len()];
    let mut booked: Vec<(usize, usize)> = Vec::new();
    let need_of = |emp: usize, code: &str| case.needs.iter().position(|&(e, c, _)| e == emp && CODES[c] == code);
    for b in plan["bookings"].as_array().into_iter().flatten() {
        let (e, s) = (index(&b["employeeId"], 'e'), index(&b["sessionId"], 's'));
        let x = &case.sessions[s];
        prop_assert!(x.open, "booked a cancelled session: {b}");
        prop_assert!(x.start >= AS_OF_MIN, "booked a session before asOf: {b}");
        prop_assert!(case.free_for(e, s), "booked over a shift or training: {b}");
        // Exactly the needs of the employee it renews in time.
        let grace = case.grace_days * 1440;
        let mut expected: Vec<String> = case.needs.iter().filter(|&&(f, c, d)| f == e && x.renews.contains(&c) && x.end <= d + grace).map(|&(_, c, _)| CODES[c].to_string()).collect();
        expected.sort();
        let mut codes: Vec<String> = b["codes"].as_array().into_iter().flatten().filter_map(|c| c.as_str().map(String::from)).collect();
        codes.sort();
        prop_assert_eq!(&codes, &expected, "codes of {}", b);
        prop_assert!(!codes.is_empty());
        let deadline = codes.iter().filter_map(|c| need_of(e, c)).map(|n| case.needs[n].2 + grace).min().unwrap_or(0);
        prop_assert_eq!(b["deadline"].as_str().map(String::from), Some(instant(deadline)));
        prop_assert_eq!(b["slackDays"].as_i64(), Some((deadline - x.end).div_euclid(1440)));
        prop_assert_eq!(b["cost"].as_f64(), Some(x.cost as f64));
        for c in &codes {
            if let Some(n) = need_of(e, c) {
                met[n] = true;
            }
        }
        booked.push((e, s));
    }
    // One booking per employee and session; an employee's bookings never overlap.
    let mut pairs = booked.clone();
    pairs.sort_unstable();
    pairs.dedup();
    prop_assert_eq!(pairs.len(), booked.len(), "an employee booked twice in one session");
    for &(e, s) in &booked {
        for &(f, t) in &booked {
            if e == f && s != t {
                let (a, b) = (&case.sessions[s], &case.sessions[t]);
                prop_assert!(!(a.start < b.end && b.start < a.end), "e{} booked in overlapping s{} and s{}", e, s, t);
            }
        }
    }
    // Seats.
    for s in 0..case.sessions.len() {
        let n = booked.iter().filter(|p| p.1 == s).count() as i64;
        prop_assert!(n == 0 || n + case.taken(s) <= case.sessions[s].seats, "s{} over its seats", s);
    }
    // Every need is met or listed, with a true reason.
    let unmet = plan["unmet"].as_array().cloned().unwrap_or_default();
    prop_assert_eq!(unmet.len(), met.iter().filter(|m| !**m).count());
    for u in &unmet {
        let e = index(&u["employeeId"], 'e');
        let n = need_of(e, u["code"].as_str().unwrap_or("")).ok_or_else(|| TestCaseError::fail(format!("no such need: {u}")))?;
        prop_assert!(!met[n], "listed unmet but met: {}", u);
        prop_assert_eq!(u["credentialId"].as_str().map(String::from), Some(format!("r{n}")));
        prop_assert_eq!(u["deadline"].as_str().map(String::from), Some(instant(case.needs[n].2 + case.grace_days * 1440)));
        let considered = case.considered(n);
        let ids: Vec<usize> = u["sessionIds"].as_array().into_iter().flatten().map(|s| index(s, 's')).collect();
        prop_assert_eq!(&ids, &considered);
        let fitting: Vec<usize> = considered.iter().copied().filter(|&s| case.free_for(e, s)).collect();
        match u["reason"].as_str() {
            Some("noSession") => prop_assert!(considered.is_empty()),
            Some("conflicts") => {
                prop_assert!(!considered.is_empty() && fitting.is_empty());
                let mut shifts: Vec<usize> = considered.iter().flat_map(|&s| case.clashing_shifts(e, s)).collect();
                // In the employee's schedule order: by start, then document order.
                shifts.sort_unstable_by_key(|&h| (case.shifts[h].1, h));
                shifts.dedup();
                let listed: Vec<usize> = u["shiftIds"].as_array().into_iter().flatten().map(|h| index(h, 'h')).collect();
                prop_assert_eq!(listed, shifts);
            }
            Some("full") => {
                prop_assert!(!fitting.is_empty());
                // And truly full: each fitting session is at capacity or overlaps another booking
                // of the employee.
                for &s in &fitting {
                    let seats_left = case.capacity(s) - booked.iter().filter(|p| p.1 == s).count() as i64;
                    let clash = booked.iter().any(|&(f, t)| f == e && t != s && case.sessions[s].start < case.sessions[t].end && case.sessions[t].start < case.sessions[s].end);
                    prop_assert!(seats_left <= 0 || clash, "{} unmet as full, but s{} has a seat", u, s);
                }
            }
            other => prop_assert!(false, "reason {:?}", other),
        }
    }
    Ok(met.iter().filter(|m| **m).count())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Where nobody has two needs, the plan meets exactly as many as a maximum flow, and every
    /// booking and reason is true.
    #[test]
    fn single_needs_reach_the_max_flow(seed in any::<u64>()) {
        let case = Case::generate(seed, true);
        let plan = serde_json::to_value(case.engine().plan_renewals(AS_OF, None, false).unwrap()).unwrap();
        let met = check_plan(&case, &plan)?;
        prop_assert_eq!(met, case.max_flow(), "plan {}", plan);
    }

    /// Where nobody has two needs, the plan is the best of SPEC §7's order: as many needs met
    /// as possible, then as little grace, then as little cost (a brute force over every
    /// assignment; grace of 0 to 3 days, `useGrace` on).
    #[test]
    fn single_needs_use_least_grace_then_least_cost(seed in any::<u64>()) {
        let mut case = Case::generate(seed, true);
        case.grace_days = (seed % 4) as i64;
        let plan = case.engine().plan_renewals(AS_OF, None, true).unwrap();
        let value = serde_json::to_value(&plan).unwrap();
        check_plan(&case, &value)?;
        if let Some(best) = case.best_plan(500_000) {
            let grace = plan.bookings.iter().filter(|b| b.in_grace).count();
            prop_assert_eq!((plan.met(), grace, plan.cost.total as i64), best, "plan {}", value);
        }
    }

    /// Where people have several needs, every booking and reason is still true, and the plan
    /// never claims more than the exact maximum.
    #[test]
    fn several_needs_give_valid_plans(seed in any::<u64>()) {
        let case = Case::generate(seed, false);
        let plan = serde_json::to_value(case.engine().plan_renewals(AS_OF, None, false).unwrap()).unwrap();
        let met = check_plan(&case, &plan)?;
        if let Some(best) = case.brute_force(200_000) {
            prop_assert!(met <= best);
        }
    }
}

/// The measured comparison that defends the method for several needs per person (decision in
/// docs/decisions.md): over 2,000 generated cases, the needs met against an exact brute force.
#[test]
fn several_needs_against_brute_force() {
    let (mut cases, mut exact, mut met_total, mut best_total) = (0, 0, 0, 0);
    for seed in 0..2_000u64 {
        let case = Case::generate(seed.wrapping_mul(0x2545_F491_4F6C_DD1D), false);
        let Some(best) = case.brute_force(100_000) else { continue };
        let plan = case.engine().plan_renewals(AS_OF, None, false).unwrap();
        let met = plan.met();
        assert!(met <= best, "seed {seed}: {met} > {best}");
        cases += 1;
        exact += usize::from(met == best);
        met_total += met;
        best_total += best;
    }
    eprintln!("planRenewals, several needs a person: {exact} of {cases} cases at the exact maximum; {met_total} of {best_total} needs met");
    assert!(cases >= 1_000, "{cases}");
    // The figure recorded in docs/decisions.md; a change of method must not fall below it.
    assert!(exact * 100 >= cases * 99, "{exact} of {cases}");
}


/// The measured comparison for SPEC §7's whole order where people have several needs
/// (docs/decisions.md 147): over 2,000 generated cases with grace of 0 to 3 days, how often the
/// plan's `(met, in grace, cost)` is the brute force's best. The bookings of employees with one
/// need are exchanged exactly; those of several needs keep the matching's greedy choices.
#[test]
fn several_needs_grace_and_cost_against_brute_force() {
    let (mut cases, mut exact, mut met_ok) = (0, 0, 0);
    for seed in 0..2_000u64 {
        let mut case = Case::generate(seed.wrapping_mul(0x2545_F491_4F6C_DD1D), false);
        case.grace_days = (seed % 4) as i64;
        let Some(best) = case.best_plan(100_000) else { continue };
        let plan = case.engine().plan_renewals(AS_OF, None, true).unwrap();
        let got = (plan.met(), plan.bookings.iter().filter(|b| b.in_grace).count(), plan.cost.total as i64);
        cases += 1;
        met_ok += usize::from(got.0 == best.0);
        exact += usize::from(got == best);
    }
    eprintln!("planRenewals, several needs a person, with grace: {exact} of {cases} cases exactly the best (met, in grace, cost); {met_ok} at the maximum count");
    assert!(cases >= 1_000, "{cases}");
    // The figure recorded in docs/decisions.md; a change of method must not fall below it.
    assert!(exact * 100 >= cases * 97, "{exact} of {cases}");
}
