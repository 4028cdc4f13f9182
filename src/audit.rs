//! The periodic review: what an auditor or a credentialing officer should look at, as of a day.
//!
//! This module owns [`Audit`], [`AuditFinding`], [`AuditKind`] and [`Engine::audit`]. Where a
//! verdict answers for one shift, the audit reads the whole of both documents and lists what is
//! wrong with the *records*, in this order of kinds:
//!
//! | kind | severity | when |
//! | --- | --- | --- |
//! | `roleRequirementNotHeld` | warn | an employee's role (`roleIds`) needs a code the employee does not validly hold at `asOf` (as [`Engine::holders`] counts: no grace, no waivers); the update missed after a role change. One finding per employee and unmet code (or unmet `any` group), naming every role that needs it |
//! | `contradictoryStatus` | warn | two records of one employee, type and `identifier` disagree on status: an `active` and a `revoked` one always (a revoked card or licence number must not come back as active), any other two different statuses when their windows overlap |
//! | `duplicateRecord` | info | a record of one employee, type and `identifier` with the same status and window as an earlier one: each copy is paired with the first (k copies give k − 1 findings), and only the first of the copies is compared for `contradictoryStatus` |
//! | `sharedIdentifier` | warn | records of different employees with the same type, `identifier` and `issuer` (an absent issuer is a value of its own): one card cannot belong to two people |
//! | `orphanCredential`, `orphanWaiver`, `orphanTraining` | warn | a record for an employee the roster does not have |
//! | `unknownType` | warn | a credential, waiver or training of a code no credential type has |
//! | `missingValidIn` | warn | a record of a jurisdictional type without `validIn`: it counts nowhere |
//! | `staleTraining` | info | a training still `scheduled` though it ended before `asOf`: the LMS never said whether it took place |
//! | `waiverInForce` | info | a waiver valid at `asOf`: exceptions are reviewed while they last |
//!
//! Windows are read in `asOf`'s offset. Within a kind, findings follow document order. Each
//! finding names the ids involved and their places in the documents (`credentials[12]`,
//! `employees[3]`, `roles[1]`), in the same order. The audit also carries the override log,
//! oldest first, as [`Engine::overrides`] gives it.
//!
//! # Example
//!
//! ```
//! use credgate::{AuditKind, Engine};
//! let credentials = r#"{"credentialTypes": [{"code": "BLS"}],
//!   "credentials": [
//!     {"id": "c1", "employeeId": "e1", "code": "BLS", "validUntil": "2028-01", "identifier": "X1"},
//!     {"id": "c2", "employeeId": "e1", "code": "BLS", "validUntil": "2028-01", "identifier": "X1", "status": "revoked"}]}"#;
//! let roster = r#"{"roles": [{"id": "rn", "requires": "BLS"}],
//!   "employees": [{"id": "e1"}, {"id": "e2", "roleIds": ["rn"]}]}"#;
//! let engine = Engine::load(roster, credentials)?.engine;
//! let audit = engine.audit("2026-12-07T08:00:00-06:00")?;
//! let kinds: Vec<_> = audit.findings.iter().map(|f| f.kind).collect();
//! assert_eq!(kinds, [AuditKind::RoleRequirementNotHeld, AuditKind::ContradictoryStatus]);
//! assert_eq!(audit.findings[0].ids, ["e2", "rn"]);
//! assert_eq!(audit.findings[0].paths, ["employees[1]", "roles[0]"]);
//! assert_eq!(audit.findings[1].paths, ["credentials[0]", "credentials[1]"]);
//! # Ok::<(), credgate::Error>(())
//! ```

use crate::engine::{instant_arg, Engine};
use crate::error::Error;
use crate::human::{put, say};
use crate::holders::{holds, until_ms};
use crate::json::Value;
use crate::load::own;
use crate::model::{CodeIdx, EmpIdx, Model, Record, RecordStatus, TrainingStatus};
use crate::requirement::Req;
use crate::sort;
use crate::time::{self, Instant, DAY_MS};
use crate::verdict::Severity;
use serde::Serialize;

names! {
    /// What an audit finding is about. Serialized in camelCase (`roleRequirementNotHeld`).
    pub enum AuditKind {
        /// A role of the employee needs a code the employee does not validly hold.
        RoleRequirementNotHeld = "roleRequirementNotHeld",
        /// Two records of the same card or licence disagree on status.
        ContradictoryStatus = "contradictoryStatus",
        /// The same card or licence recorded twice, identically.
        DuplicateRecord = "duplicateRecord",
        /// The same card or licence recorded for different employees.
        SharedIdentifier = "sharedIdentifier",
        /// A credential record for an unknown employee.
        OrphanCredential = "orphanCredential",
        /// A waiver for an unknown employee.
        OrphanWaiver = "orphanWaiver",
        /// A training for an unknown employee.
        OrphanTraining = "orphanTraining",
        /// An event (SPEC §8) of an unknown employee: it keeps nobody current.
        OrphanEvent = "orphanEvent",
        /// A credential, waiver or training of an unknown code.
        UnknownType = "unknownType",
        /// A jurisdictional record without `validIn`.
        MissingValidIn = "missingValidIn",
        /// A training still `scheduled` after it ended.
        StaleTraining = "staleTraining",
        /// A waiver valid at `asOf`.
        WaiverInForce = "waiverInForce",
    }
}

impl AuditKind {
    /// The severity findings of this kind have.
    pub fn severity(self) -> Severity {
        match self {
            AuditKind::DuplicateRecord | AuditKind::StaleTraining | AuditKind::WaiverInForce => Severity::Info,
            _ => Severity::Warn,
        }
    }
}

/// One finding of the periodic review.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditFinding {
    /// What it is about.
    pub kind: AuditKind,
    /// `info` or `warn` (fixed by the kind).
    pub severity: Severity,
    /// The employee concerned, when there is one (possibly an id the roster does not have).
    pub employee_id: Option<String>,
    /// The code concerned, when there is one.
    pub code: Option<String>,
    /// The roles that need the code (`roleRequirementNotHeld`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub role_ids: Vec<String>,
    /// The unmet requirement, when it is an `any` group rather than one code
    /// (`roleRequirementNotHeld`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requires: Option<Value>,
    /// Every id involved: employees, roles, records, waivers, trainings.
    pub ids: Vec<String>,
    /// Where each of `ids` is, in the same order: `credentials[12]`, `employees[3]`, `roles[1]`,
    /// `waivers[0]`, `trainings[4]`, `events[2]` (an id the roster does not have has no place and is left
    /// out).
    pub paths: Vec<String>,
    /// For people.
    pub message: String,
}

/// The answer of `audit`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Audit {
    /// The instant of the review, normalized.
    pub as_of: String,
    /// Every finding, by kind (in [`AuditKind`] order), then in document order.
    pub findings: Vec<AuditFinding>,
    /// The override log: every edit made over a block, oldest first.
    pub overrides: Vec<Value>,
}

struct Builder<'m> {
    m: &'m Model,
    at: Instant,
    out: Vec<AuditFinding>,
    /// Where each employee, record, waiver and training sits in the exported document, when
    /// edits removed some of its collection (empty otherwise: its index).
    places: [Vec<u32>; 5],
}

/// The place in its exported collection of each index, the removed ones left out (`places`
/// empty when none is removed).
fn places(removed: &[bool], len: usize) -> Vec<u32> {
    if !removed.contains(&true) {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(len);
    let mut at = 0;
    for i in 0..len {
        out.push(at);
        at += u32::from(!removed.get(i).copied().unwrap_or(false));
    }
    out
}

/// The collections a finding's ids come from, by number: where [`Builder::add`] finds an
/// item's id and names its place.
const KEYS: [&str; 6] = ["employees", "credentials", "waivers", "trainings", "events", "roles"];

impl Builder<'_> {
    /// Begins a finding; its ids and paths follow by [`Builder::add`] (one out-of-line copy
    /// where each site built a list of pairs, cloned and unzipped).
    #[inline(never)]
    fn push(&mut self, kind: AuditKind, employee_id: Option<&str>, code: Option<&str>, message: String) {
        self.out.push(AuditFinding {
            kind,
            severity: kind.severity(),
            employee_id: employee_id.map(own),
            code: code.map(own),
            role_ids: Vec::new(),
            requires: None,
            ids: Vec::new(),
            paths: Vec::new(),
            message,
        });
    }

    /// [`Builder::push`] of a message written by [`say`] from `template` and `args`: one
    /// out-of-line copy for the findings whose message is one template.
    #[inline(never)]
    fn say(&mut self, kind: AuditKind, employee_id: Option<&str>, code: Option<&str>, template: &str, args: &[&str]) {
        let mut message = String::new();
        say(&mut message, template, args);
        self.push(kind, employee_id, code, message);
    }

    /// Adds item `i` of collection `k` ([`KEYS`]) to the last finding: its id, and its place
    /// in the exported document.
    #[inline(never)]
    fn add(&mut self, k: usize, i: usize) {
        let m = self.m;
        let id = match k {
            0 => &m.employees[i].id,
            1 => &m.records[i].id,
            2 => &m.waivers[i].id,
            3 => &m.trainings[i].id,
            4 => &m.events[i].id,
            _ => &m.roles[i].id,
        };
        let at = self.places.get(k).and_then(|p| p.get(i)).map_or(i, |&p| p as usize);
        // The loader's writer of an element's path (`employees[3]`), shared.
        let path = crate::load::element_path(KEYS.get(k).copied().unwrap_or("roles"), at);
        if let Some(f) = self.out.last_mut() {
            // A role (only `roleRequirementNotHeld` names roles) is one of its `roleIds` too.
            if k == 5 {
                f.role_ids.push(id.clone());
            }
            f.ids.push(id.clone());
            f.paths.push(path);
        }
    }

    /// Adds the employee `id` to the last finding, when the roster has it.
    #[inline(never)]
    fn add_employee(&mut self, id: &str) {
        if let Some(e) = self.m.find_employee(id) {
            self.add(0, e as usize);
        }
    }

    /// The local day of `ms` for people (in the audit's offset): one out-of-line copy for the
    /// four messages that name a day, where each site had the two days' arithmetic inlined.
    #[inline(never)]
    fn day(&self, ms: i64) -> String {
        crate::human::human_day(time::local_day(ms, self.at.offset_s), self.at.local_day())
    }
}

/// Appends an employee for people: `name (id)`, or the id alone.
fn push_who(out: &mut String, m: &Model, emp: EmpIdx) {
    let e = &m.employees[emp as usize];
    match &e.name {
        Some(name) => say(out, "% (%)", &[name, &e.id]),
        None => put(out, &[&e.id]),
    }
}

fn status_word(s: RecordStatus) -> &'static str {
    match s {
        RecordStatus::Active => "active",
        RecordStatus::Pending => "pending",
        RecordStatus::Suspended => "suspended",
        RecordStatus::Revoked => "revoked",
    }
}

/// The unmet parts of a requirement tree at an instant: codes not held, and `any` groups none of
/// whose members is met.
fn unmet<'r>(m: &Model, emp: EmpIdx, req: &'r Req, at: Instant, out: &mut Vec<&'r Req>) -> bool {
    match req {
        Req::Code(c) => {
            let ok = holds(m, emp, *c, at);
            if !ok {
                out.push(req);
            }
            ok
        }
        Req::All(items) => {
            // Every member is visited, so that each unmet one is reported.
            let mut all = true;
            for r in items {
                all &= unmet(m, emp, r, at, out);
            }
            all
        }
        Req::Any(items) => {
            let mut scratch = Vec::new();
            let ok = items.iter().any(|r| unmet(m, emp, r, at, &mut scratch));
            if !ok {
                out.push(req);
            }
            ok
        }
    }
}

impl Engine {
    /// The periodic review as of `as_of` (see the module docs for every kind of finding).
    ///
    /// Fails with an [`InvalidArgument`](crate::ErrorKind::InvalidArgument) error when `as_of` is not an RFC 3339 instant with an
    /// offset.
    pub fn audit(&self, as_of: &str) -> Result<Audit, Error> {
        let at = instant_arg("asOf", as_of)?;
        let m = &self.model;
        let removed = &m.removed;
        let places = [
            places(&removed.employees, m.employees.len()),
            places(&removed.records, m.records.len()),
            places(&removed.waivers, m.waivers.len()),
            places(&removed.trainings, m.trainings.len()),
            places(&removed.events, m.events.len()),
        ];
        let mut b = Builder { m, at, out: Vec::new(), places };
        role_requirements(&mut b);
        record_conflicts(&mut b);
        orphans_and_types(&mut b);
        stale_trainings(&mut b);
        waivers_in_force(&mut b);
        sort::sort_by_key(&mut b.out, |f| f.kind);
        Ok(Audit { as_of: at.to_rfc3339(), findings: b.out, overrides: self.overrides() })
    }
}

#[inline(never)]
fn role_requirements(b: &mut Builder<'_>) {
    let m = b.m;
    let at = b.at;
    let at_text = at.to_rfc3339();
    let names = |c: u32| m.types[c as usize].code.clone();
    for emp in (0..m.employees.len() as EmpIdx).filter(|&e| m.employee_live(e)) {
        // (unmet requirement, roles needing it), in first-seen order.
        let mut found: Vec<(&Req, Vec<u32>)> = Vec::new();
        for role in crate::alerts::roles_of(&m.employees[emp as usize]) {
            let Some(req) = m.roles[role as usize].requires else { continue };
            let mut missing = Vec::new();
            unmet(m, emp, &m.reqs[req as usize], at, &mut missing);
            for r in missing {
                match found.iter_mut().find(|(x, _)| *x == r) {
                    Some((_, roles)) => roles.push(role),
                    None => found.push((r, vec![role])),
                }
            }
        }
        for (req, roles) in found {
            let employee = &m.employees[emp as usize];
            // `{who} has role(s) {roles}, which needs `, then the code's or the group's part.
            let mut message = String::new();
            push_who(&mut message, m, emp);
            put(&mut message, &[if roles.len() == 1 { " has role " } else { " has roles " }]);
            for (k, &r) in roles.iter().enumerate() {
                let role = &m.roles[r as usize];
                put(&mut message, &[if k == 0 { "" } else { " and " }, &role.id]);
                if let Some(name) = &role.name {
                    say(&mut message, " (%)", &[name]);
                }
            }
            let (code, requires) = match req {
                Req::Code(c) => {
                    let code = m.types[*c as usize].code.as_str();
                    say(&mut message, ", which needs %, and holds no valid % at %: ", &[code, code, &at_text]);
                    why_not_held(b, emp, *c, &mut message);
                    (Some(code), None)
                }
                other => {
                    let value = other.to_value(&names);
                    put(&mut message, &[", which needs ", &value.to_json(), ", and holds none of them validly at ", &at_text]);
                    (None, Some(value))
                }
            };
            b.push(AuditKind::RoleRequirementNotHeld, Some(&employee.id), code, message);
            b.add(0, emp as usize);
            for &r in &roles {
                b.add(5, r as usize);
            }
            if let Some(f) = b.out.last_mut() {
                f.requires = requires;
            }
        }
    }
}

/// Why an employee does not validly hold `code` at the audit's instant, for people, appended
/// to `parts` (the finding's message).
#[inline(never)]
fn why_not_held(b: &Builder<'_>, emp: EmpIdx, code: CodeIdx, parts: &mut String) {
    let m = b.m;
    let at = b.at;
    let off = at.offset_s;
    // One pass over the records (a `find` each before): the first record of each kind, and
    // the latest expiry (the earlier record in the document among equals).
    let (mut grace, mut later, mut touching, mut last_expired, mut not_current) = (None, None, None, None, None);
    let mut last_until = i64::MIN;
    for r in m.records_for(emp, code) {
        let r = &m.records[r as usize];
        let until = until_ms(r, off);
        let from = r.from.map(|f| f.at(off));
        let active = r.status == RecordStatus::Active;
        if grace.is_none() {
            if let Some(c) = r.code {
                if active && until <= at.ms && at.ms < until.saturating_add(i64::from(m.types[c as usize].grace_days) * DAY_MS) {
                    grace = Some(r);
                }
            }
        }
        if later.is_none() && active && from.is_some_and(|f| f > at.ms) && until > at.ms {
            later = Some(r);
        }
        if touching.is_none() && !active && from.is_none_or(|f| f <= at.ms) && until > at.ms {
            touching = Some(r);
        }
        if until <= at.ms && (last_expired.is_none() || until > last_until) {
            last_expired = Some(r);
            last_until = until;
        }
        // Valid, but its holder is not current on its own type (decision 111).
        if not_current.is_none() && crate::holders::record_valid_at(r, at) && !crate::holders::holds_through(m, emp, r, at) {
            not_current = Some(r);
        }
    }
    // The first part, then each waiver's, `; ` between them.
    if let Some(r) = not_current {
        put(parts, &[&r.id, " is valid, but its holder is not current on ", &r.code_text]);
    } else if let Some(r) = grace {
        let until = until_ms(r, off);
        say(parts, "% expired at the end of % and is in its grace period", &[&r.id, &b.day(until - 1)]);
    } else if let Some(r) = later {
        put(parts, &[&r.id, " is valid only from "]);
        crate::human::push_human_instant(parts, r.from.map_or(0, |f| f.at(off)), off, at.local_day());
    } else if let Some(r) = touching {
        put(parts, &[&r.id, " is ", status_word(r.status)]);
    } else if let Some(r) = last_expired {
        put(parts, &[&r.id, " expired at the end of ", &b.day(last_until - 1)]);
    } else {
        put(parts, &["no record"]);
    }
    for &(_, w) in m.waivers_for(emp, code) {
        let waiver = &m.waivers[w as usize];
        if waiver.from.at(off) <= at.ms && at.ms < waiver.until.at(off) {
            say(parts, "; waiver % (approved by %) runs until the end of %", &[&waiver.id, &waiver.approved_by, &b.day(waiver.until.at(off) - 1)]);
        }
    }
}

#[inline(never)]
fn record_conflicts(b: &mut Builder<'_>) {
    let m = b.m;
    let off = b.at.offset_s;
    let window = |r: &Record| (r.from.map_or(i64::MIN, |f| f.at(off)), until_ms(r, off));
    // Same employee, type and identifier.
    let by_card = groups(m, false);
    // Same type, identifier and issuer, any employee.
    let by_number = groups(m, true);
    for list in by_card.chunk_by(same_key) {
        let Some(&(key, _)) = list.first() else { continue };
        // Records of the card alike in status and window are copies of one record: a copy is
        // reported once, against the first (k copies give k - 1 findings, not k(k - 1)/2), and
        // is not compared again; each other record is compared with the earlier ones.
        let mut firsts: Vec<usize> = Vec::new();
        for &(_, j) in list {
            let c = &m.records[j];
            let alike = |&&i: &&usize| m.records[i].status == c.status && m.records[i].from == c.from && m.records[i].until == c.until;
            if let Some(&i) = firsts.iter().find(alike) {
                b.say(AuditKind::DuplicateRecord, Some(key.0), Some(key.1), "% and % record the same % % of employee % twice", &[&m.records[i].id, &c.id, key.1, key.2, key.0]);
                b.add(1, i);
                b.add(1, j);
                continue;
            }
            for &i in &firsts {
                let a = &m.records[i];
                let (wa, wc) = (window(a), window(c));
                let overlap = wa.0.max(wc.0) < wa.1.min(wc.1);
                let revoked_pair = matches!((a.status, c.status), (RecordStatus::Active, RecordStatus::Revoked) | (RecordStatus::Revoked, RecordStatus::Active));
                if a.status != c.status && (overlap || revoked_pair) {
                    b.say(
                        AuditKind::ContradictoryStatus,
                        Some(key.0),
                        Some(key.1),
                        "% (%) and % (%) are both % % of employee %%",
                        &[
                            &a.id,
                            status_word(a.status),
                            &c.id,
                            status_word(c.status),
                            key.1,
                            key.2,
                            key.0,
                            if overlap { ", with overlapping windows" } else { "; a revoked number should not be active again" },
                        ],
                    );
                    b.add(1, i);
                    b.add(1, j);
                }
            }
            firsts.push(j);
        }
    }
    for list in by_number.chunk_by(same_key) {
        let Some(&(key, _)) = list.first() else { continue };
        let mut employees: Vec<&str> = Vec::with_capacity(list.len());
        for &(_, i) in list {
            employees.push(&m.records[i].employee_id);
        }
        sort::sort(&mut employees);
        employees.dedup();
        if employees.len() < 2 {
            continue;
        }
        let mut message = String::new();
        // ` from ` and the issuer when there is one (each clipped as `put` clips them).
        say(&mut message, "% %%% is recorded for ", &[key.0, key.1, if key.2.is_empty() { "" } else { " from " }, key.2]);
        crate::human::push_int(&mut message, employees.len() as i64);
        put(&mut message, &[" employees: "]);
        for (k, e) in employees.iter().enumerate() {
            put(&mut message, &[if k == 0 { "" } else { ", " }, e]);
        }
        b.push(AuditKind::SharedIdentifier, None, Some(key.0), message);
        for &(_, i) in list {
            b.add(1, i);
        }
    }
}

/// A record's identifier, trimmed; `None` when absent or blank.
fn ident(r: &Record) -> Option<&str> {
    r.identifier.as_deref().map(crate::text::trim).filter(|s| !s.is_empty())
}

/// A card's or a number's key: three texts (see [`record_conflicts`]).
type Key<'m> = (&'m str, &'m str, &'m str);

/// The live records with an identifier as `(key, index)` pairs, those of equal keys together (a
/// group: a run that [`same_key`] splits off): each group in index order, the groups in the
/// order of their first item. The key is a card's (employee, type, identifier), or with
/// `by_number` a number's (type, identifier, issuer; no issuer is `""`): one flag, where a
/// `dyn` function per grouping made a key each, so that both share one copy of this code.
/// Sorting (with the sort the tracking reports share) rather than a hash map keeps the .wasm
/// smaller. One flat list, where a list per group was made, sorted and dropped by code of its
/// own.
fn groups(m: &Model, by_number: bool) -> Vec<(Key<'_>, usize)> {
    let mut keyed: Vec<(Key<'_>, usize)> = Vec::new();
    for (i, r) in m.records.iter().enumerate() {
        let Some(id) = ident(r).filter(|_| m.record_live(i as u32)) else { continue };
        let key = if by_number { (r.code_text.as_str(), id, r.issuer.as_deref().unwrap_or("")) } else { (r.employee_id.as_str(), r.code_text.as_str(), id) };
        keyed.push((key, i));
    }
    // Stable: within a key, the indexes stay in order.
    sort::sort_by(&mut keyed, |a, b| a.0.cmp(&b.0));
    // Each pair's group's first index beside the pair's place: sorted by both (the radix sort
    // of pairs the crate shares), the groups come in the order of their first items, each
    // group's pairs still in index order.
    let mut order: Vec<(u32, u32)> = Vec::with_capacity(keyed.len());
    let mut group: Option<Key<'_>> = None;
    let mut group_first = 0;
    for (at, &(k, i)) in keyed.iter().enumerate() {
        if group != Some(k) {
            group = Some(k);
            group_first = i;
        }
        order.push((group_first as u32, at as u32));
    }
    sort::sort_pairs(&mut order);
    let mut out = Vec::with_capacity(keyed.len());
    for (_, at) in order {
        if let Some(&pair) = keyed.get(at as usize) {
            out.push(pair);
        }
    }
    out
}

/// Whether two pairs of [`groups`] are of one group (one function for both groupings' runs).
fn same_key(a: &(Key<'_>, usize), b: &(Key<'_>, usize)) -> bool {
    a.0 == b.0
}

/// Orphans, unknown types and jurisdictional records without `validIn`: a plain loop over each
/// of the four collections, each live item's parts read in place and handed to
/// [`orphan_or_type`] only when it has a finding (an unknown employee, an unknown code, or a
/// missing `validIn`), where one loop over the four read each item through a `match` on its
/// collection.
#[inline(never)]
fn orphans_and_types(b: &mut Builder<'_>) {
    let m = b.m;
    for (i, r) in m.records.iter().enumerate() {
        let missing = r.code.is_some_and(|c| m.types[c as usize].jurisdictional && r.valid_in.is_none());
        if (r.employee.is_none() || r.code.is_none() || missing) && m.record_live(i as u32) {
            orphan_or_type(b, 1, i, (&r.id, &r.employee_id, r.employee.is_some(), Some(&r.code_text), r.code.is_none(), missing));
        }
    }
    for (i, w) in m.waivers.iter().enumerate() {
        if (w.employee.is_none() || w.code.is_none()) && m.waiver_live(i as u32) {
            orphan_or_type(b, 2, i, (&w.id, &w.employee_id, w.employee.is_some(), Some(&w.code_text), w.code.is_none(), false));
        }
    }
    for (i, t) in m.trainings.iter().enumerate() {
        if (t.employee.is_none() || t.code.is_none()) && m.training_live(i as u32) {
            orphan_or_type(b, 3, i, (&t.id, &t.employee_id, t.employee.is_some(), t.code_text.as_deref(), t.code.is_none(), false));
        }
    }
    for (i, v) in m.events.iter().enumerate() {
        if v.employee.is_none() && m.event_live(i as u32) {
            orphan_or_type(b, 4, i, (&v.id, &v.employee_id, false, None, false, false));
        }
    }
}

/// What [`orphan_or_type`] reads of an item of collection `k` ([`KEYS`]: 1 records, 2 waivers,
/// 3 trainings, 4 events): its id, its employee's id, whether the roster has that employee, its
/// code's text, whether that code is unknown, and whether it is a jurisdictional record without
/// `validIn`.
type Item<'m> = (&'m str, &'m str, bool, Option<&'m str>, bool, bool);

/// The findings of item `i` of collection `k` (see [`Item`]): an orphan, then an unknown type
/// or a missing `validIn` (the kinds' and messages' words from tables).
#[inline(never)]
fn orphan_or_type(b: &mut Builder<'_>, k: usize, i: usize, item: Item<'_>) {
    const ORPHAN: [AuditKind; 4] = [AuditKind::OrphanCredential, AuditKind::OrphanWaiver, AuditKind::OrphanTraining, AuditKind::OrphanEvent];
    const NOUN: [&str; 4] = ["credential ", "waiver ", "training ", "event "];
    const UNKNOWN: [&str; 3] = [" is of type ", " is for ", " renews "];
    let (id, employee_id, known, code, unknown, missing) = item;
    let noun = NOUN.get(k - 1).copied().unwrap_or("");
    if !known {
        let (verb, tail) = if k == 4 { (" is of employee ", "; it keeps nobody current") } else { (" is for employee ", "") };
        b.say(ORPHAN.get(k - 1).copied().unwrap_or(AuditKind::OrphanEvent), Some(employee_id), code, "%%%%, whom the roster does not have%", &[noun, id, verb, employee_id, tail]);
        b.add(k, i);
    }
    let Some(code) = code else { return };
    if unknown {
        let tail = if k == 1 { "; it counts for nothing" } else { "" };
        b.say(AuditKind::UnknownType, Some(employee_id), Some(code), "%%%%, which no credential type has%", &[noun, id, UNKNOWN.get(k - 1).copied().unwrap_or(""), code, tail]);
    } else if missing {
        b.say(AuditKind::MissingValidIn, Some(employee_id), Some(code), "credential % (%) is jurisdictional but has no validIn, so it counts in no jurisdiction", &[id, code]);
    } else {
        return;
    }
    b.add(k, i);
    if k == 1 {
        b.add_employee(employee_id);
    }
}

#[inline(never)]
fn stale_trainings(b: &mut Builder<'_>) {
    let m = b.m;
    for (i, t) in m.trainings.iter().enumerate().filter(|(i, _)| m.training_live(*i as u32)) {
        if t.status == TrainingStatus::Scheduled && t.end.ms <= b.at.ms {
            let ended = crate::human::human_instant(t.end.ms, t.end.offset_s, b.at.local_day());
            b.say(AuditKind::StaleTraining, Some(&t.employee_id), t.code_text.as_deref(), "training % ended at % and is still scheduled: mark it completed or cancelled", &[&t.id, &ended]);
            b.add(3, i);
            b.add_employee(&t.employee_id);
        }
    }
}

#[inline(never)]
fn waivers_in_force(b: &mut Builder<'_>) {
    let m = b.m;
    let off = b.at.offset_s;
    for (i, w) in m.waivers.iter().enumerate().filter(|(i, _)| m.waiver_live(*i as u32)) {
        let until = w.until.at(off);
        if w.from.at(off) <= b.at.ms && b.at.ms < until {
            b.say(AuditKind::WaiverInForce, Some(&w.employee_id), Some(&w.code_text), "waiver % waives % for % until the end of %, approved by %: %", &[&w.id, &w.code_text, &w.employee_id, &b.day(until - 1), &w.approved_by, &w.reason]);
            b.add(2, i);
            b.add_employee(&w.employee_id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testutil::engine;

    const AS_OF: &str = "2026-12-07T08:00:00-06:00";

    fn kinds(a: &Audit) -> Vec<&'static str> {
        a.findings.iter().map(|f| f.kind.as_str()).collect()
    }

    #[test]
    fn role_requirements_name_every_role_and_why() {
        let credentials = r#"{"credentialTypes": [{"code": "BLS", "graceDays": 30}, {"code": "TNCC"}, {"code": "ENPC"}, {"code": "RN"}],
          "credentials": [
            {"id": "bls", "employeeId": "e1", "code": "BLS", "validUntil": "2026-11-30"},
            {"id": "rn", "employeeId": "e1", "code": "RN", "validFrom": "2026-12-09", "validUntil": null}],
          "waivers": [{"id": "w1", "employeeId": "e1", "code": "BLS", "validFrom": "2026-12-01", "validUntil": "2026-12-14", "approvedBy": "m-3", "reason": "class booked"}]}"#;
        let roster = r#"{"roles": [{"id": "icu", "name": "ICU nurse", "requires": {"all": ["RN", "BLS"]}},
                                   {"id": "ed", "requires": {"all": ["BLS", {"any": ["TNCC", "ENPC"]}]}}],
          "employees": [{"id": "e1", "name": "Ana", "roleIds": ["icu", "ed", "ghost"]}]}"#;
        let e = engine(roster, credentials);
        let audit = e.audit(AS_OF).unwrap();
        assert_eq!(kinds(&audit), ["roleRequirementNotHeld", "roleRequirementNotHeld", "roleRequirementNotHeld", "waiverInForce"]);
        let f = &audit.findings;
        assert_eq!(f[0].code.as_deref(), Some("RN"));
        assert_eq!(f[0].message, "Ana (e1) has role icu (ICU nurse), which needs RN, and holds no valid RN at 2026-12-07T08:00:00-06:00: rn is valid only from 00:00 on 9 Dec");
        assert_eq!(f[1].code.as_deref(), Some("BLS"));
        assert_eq!(f[1].role_ids, ["icu", "ed"]);
        assert_eq!(f[1].paths, ["employees[0]", "roles[0]", "roles[1]"]);
        assert_eq!(
            f[1].message,
            "Ana (e1) has roles icu (ICU nurse) and ed, which needs BLS, and holds no valid BLS at 2026-12-07T08:00:00-06:00: \
             bls expired at the end of 30 Nov and is in its grace period; waiver w1 (approved by m-3) runs until the end of 14 Dec"
        );
        assert_eq!(f[2].code, None);
        assert_eq!(f[2].requires.as_ref().map(Value::to_json).as_deref(), Some(r#"{"any":["TNCC","ENPC"]}"#));
        let json = serde_json::to_value(&f[0]).unwrap();
        assert!(json.get("requires").is_none());
        assert_eq!(json["kind"], "roleRequirementNotHeld");
        assert_eq!(json["severity"], "warn");
    }

    /// SPEC §8.1: an event of an unknown employee is an `orphanEvent` (its place in `events`);
    /// a role's code whose record is valid but whose holder is not current is not held.
    #[test]
    fn orphan_events_and_currency() {
        let credentials = r#"{"credentialTypes": [{"code": "PIC", "currency": {"event": "landing", "min": 3, "withinDays": 90}}],
          "credentials": [{"id": "pic", "employeeId": "e1", "code": "PIC", "validUntil": null}],
          "events": [{"id": "v1", "employeeId": "e1", "kind": "landing", "at": "2026-12-01T00:00:00Z"},
                     {"id": "v2", "employeeId": "ghost", "kind": "landing", "at": "2026-12-01T00:00:00Z"}]}"#;
        let roster = r#"{"roles": [{"id": "pilot", "requires": "PIC"}], "employees": [{"id": "e1", "roleIds": ["pilot"]}]}"#;
        let e = engine(roster, credentials);
        let audit = e.audit(AS_OF).unwrap();
        assert_eq!(kinds(&audit), ["roleRequirementNotHeld", "orphanEvent"]);
        let f = &audit.findings[1];
        assert_eq!((f.employee_id.as_deref(), f.code.as_deref(), f.severity), (Some("ghost"), None, Severity::Warn));
        assert_eq!((f.ids.as_slice(), f.paths.as_slice()), (&["v2".to_string()][..], &["events[1]".to_string()][..]));
        assert_eq!(f.message, "event v2 is of employee ghost, whom the roster does not have; it keeps nobody current");
        assert_eq!(audit.findings[0].message, "e1 has role pilot, which needs PIC, and holds no valid PIC at 2026-12-07T08:00:00-06:00: pic is valid, but its holder is not current on PIC");
    }

    #[test]
    fn contradictions_duplicates_and_shared_numbers() {
        let credentials = r#"{"credentialTypes": [{"code": "BLS"}, {"code": "RN", "jurisdictional": true}],
          "credentials": [
            {"id": "a", "employeeId": "e1", "code": "BLS", "validUntil": "2027-01", "identifier": "N1"},
            {"id": "b", "employeeId": "e1", "code": "BLS", "validFrom": "2027-03-01", "validUntil": "2029-01", "identifier": "N1", "status": "revoked"},
            {"id": "c", "employeeId": "e1", "code": "BLS", "validFrom": "2027-03-01", "validUntil": "2029-01", "identifier": "N1", "status": "suspended"},
            {"id": "d", "employeeId": "e1", "code": "BLS", "validFrom": "2027-03-01", "validUntil": "2029-01", "identifier": "N1", "status": "suspended"},
            {"id": "e", "employeeId": "e2", "code": "BLS", "validUntil": "2027-01", "identifier": "N1"},
            {"id": "f", "employeeId": "e2", "code": "RN", "validUntil": "2027-01", "identifier": "N1", "issuer": "TX"},
            {"id": "g", "employeeId": "e1", "code": "RN", "validUntil": "2027-01", "identifier": "N1", "issuer": "FL", "validIn": ["US-FL"]}]}"#;
        let roster = r#"{"employees": [{"id": "e1"}, {"id": "e2"}]}"#;
        let e = engine(roster, credentials);
        let audit = e.audit(AS_OF).unwrap();
        assert_eq!(kinds(&audit), ["contradictoryStatus", "contradictoryStatus", "duplicateRecord", "sharedIdentifier", "missingValidIn"]);
        let f = &audit.findings;
        // a (active) and b (revoked) do not overlap, but a revoked number must not come back;
        // a and c (suspended) do not overlap: no finding; b (revoked) overlaps c; d is a copy
        // of c, reported as such and not compared again.
        let ids: Vec<_> = f.iter().map(|x| x.ids.join(" ")).collect();
        assert_eq!(ids, ["a b", "b c", "c d", "a b c d e", "f e2"]);
        assert_eq!(f[0].message, "a (active) and b (revoked) are both BLS N1 of employee e1; a revoked number should not be active again");
        assert_eq!(f[1].message, "b (revoked) and c (suspended) are both BLS N1 of employee e1, with overlapping windows");
        assert_eq!(f[2].message, "c and d record the same BLS N1 of employee e1 twice");
        assert_eq!(f[3].message, "BLS N1 is recorded for 2 employees: e1, e2");
        assert_eq!(f[4].paths, ["credentials[5]", "employees[1]"]);
        assert!(!audit.findings.iter().any(|x| x.ids.contains(&"g".to_string())), "different issuers: different licences");
    }

    #[test]
    fn overlapping_statuses_contradict() {
        let credentials = r#"{"credentialTypes": [{"code": "BLS"}],
          "credentials": [
            {"id": "a", "employeeId": "e1", "code": "BLS", "validUntil": "2027-01", "identifier": "N1"},
            {"id": "b", "employeeId": "e1", "code": "BLS", "validFrom": "2026-06-01", "validUntil": "2027-06", "identifier": "N1", "status": "suspended"}]}"#;
        let e = engine(r#"{"employees": [{"id": "e1"}]}"#, credentials);
        let audit = e.audit(AS_OF).unwrap();
        assert_eq!(kinds(&audit), ["contradictoryStatus"]);
        assert_eq!(audit.findings[0].message, "a (active) and b (suspended) are both BLS N1 of employee e1, with overlapping windows");
    }

    #[test]
    fn orphans_unknown_types_stale_trainings_and_overrides() {
        let credentials = r#"{"credentialTypes": [{"code": "BLS"}],
          "credentials": [{"id": "c1", "employeeId": "ghost", "code": "BSL", "validUntil": null}],
          "waivers": [{"id": "w1", "employeeId": "ghost", "code": "BLS", "validFrom": "2026-01-01", "validUntil": "2026-01-31", "approvedBy": "m", "reason": "r"}],
          "trainings": [{"id": "t1", "employeeId": "e1", "code": "BLS", "start": "2026-12-01T08:00:00Z", "end": "2026-12-01T12:00:00Z"},
                        {"id": "t2", "employeeId": "ghost", "code": "XYZ", "start": "2026-12-01T08:00:00Z", "end": "2026-12-01T12:00:00Z", "status": "completed"}]}"#;
        let roster = r#"{"employees": [{"id": "e1"}],
          "overrides": [{"action": "assign", "employeeId": "e1", "shiftId": "s9", "by": "m-3", "reason": "short-staffed"}]}"#;
        let e = engine(roster, credentials);
        let audit = e.audit(AS_OF).unwrap();
        assert_eq!(kinds(&audit), ["orphanCredential", "orphanWaiver", "orphanTraining", "unknownType", "unknownType", "staleTraining"]);
        assert_eq!(audit.findings[0].paths, ["credentials[0]"]);
        assert_eq!(audit.findings[5].ids, ["t1", "e1"]);
        assert_eq!(audit.overrides.len(), 1);
        let json = serde_json::to_value(&audit).unwrap();
        assert_eq!(json["overrides"][0]["by"], "m-3");
        assert_eq!(json["asOf"], "2026-12-07T08:00:00-06:00");
        assert!(e.audit("yesterday").is_err());
    }
}
