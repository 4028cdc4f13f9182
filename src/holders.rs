//! Holders: who validly held a credential code at one instant, with the record that shows it.
//!
//! This module owns [`Holder`] and [`Engine::holders`], and the one rule every tracking report
//! shares for "holds a code at an instant": an `active` record whose type is the code or lists
//! it in `satisfies`, with `validFrom ≤ at < validUntil`, both date bounds read in the offset of
//! `at`. It is the auditor's question ("who was qualified at 03:00 on the night of the
//! incident?"), so it is deliberately narrower than a verdict:
//!
//! - **No grace.** A record in its grace period still *counts* for a shift, with a warning, but
//!   it is expired: its holder did not validly hold the code.
//! - **No waivers.** A waiver is an exception to holding the code, recorded apart.
//! - **No jurisdiction, no supervision.** Those depend on a shift's location and crew, which an
//!   instant does not have. Each holder carries the record's `validIn` and `restrictions`, so a
//!   reader can apply them.
//! - **Currency counts.** A holder short of the record's own type's `currency` at `at` (from the
//!   events before `at`, SPEC §8) did not validly hold it and is left out (decision 111).
//! - **Records that cannot count** (of an unknown employee or an unknown type) are not listed;
//!   `audit` reports them.
//!
//! For a record without jurisdiction or restriction, "listed by `holders(code, t)`" is exactly
//! "a verdict on a one-millisecond shift `[t, t+1 ms)` requiring `code` is `ok`": a test checks
//! this over generated records.
//!
//! # Example: the old card and its replacement
//!
//! ```
//! use credgate::Engine;
//! let credentials = r#"{"credentialTypes": [{"code": "BLS"}, {"code": "ACLS", "satisfies": ["BLS"]}],
//!   "credentials": [
//!     {"id": "old", "employeeId": "e1", "code": "BLS", "validUntil": "2026-11"},
//!     {"id": "new", "employeeId": "e1", "code": "BLS", "validFrom": "2026-12-01", "validUntil": "2028-11"},
//!     {"id": "acls", "employeeId": "e2", "code": "ACLS", "validUntil": null, "identifier": "A-77"}]}"#;
//! let roster = r#"{"employees": [{"id": "e1"}, {"id": "e2"}]}"#;
//! let engine = Engine::load(roster, credentials)?.engine;
//! // 30 November, late evening in Houston: the old card is still valid there.
//! let who = engine.holders("BLS", "2026-11-30T23:00:00-06:00")?;
//! let ids: Vec<_> = who.iter().map(|h| (h.employee_id.as_str(), h.credential_id.as_str())).collect();
//! assert_eq!(ids, [("e1", "old"), ("e2", "acls")]);
//! assert_eq!(who[1].code, "ACLS"); // the record's own type: ACLS satisfies BLS
//! assert_eq!(who[0].valid_until.as_deref(), Some("2026-11")); // as the document wrote it
//! // The same instant in UTC is already 1 December: the new card holds, the old one does not.
//! let who = engine.holders("BLS", "2026-12-01T05:00:00Z")?;
//! assert_eq!(who[0].credential_id, "new");
//! # Ok::<(), credgate::Error>(())
//! ```

use crate::engine::{instant_arg, Engine};
use crate::error::Error;
use crate::json::{self, Node, Value};
use crate::model::{CodeIdx, EmpIdx, Model, Record, RecordStatus};
use crate::time::Instant;
use serde::Serialize;

/// One record by which an employee validly held a code at an instant.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Holder {
    /// The employee.
    pub employee_id: String,
    /// The employee's name, when the roster gives one.
    pub employee_name: Option<String>,
    /// The credential record.
    pub credential_id: String,
    /// The record's own type (a type that `satisfies` the code asked about, or the code).
    pub code: String,
    /// `validFrom` as the document wrote it; `null` when absent (no lower bound).
    pub valid_from: Option<String>,
    /// `validUntil` as the document wrote it (a date, a month or an instant); `null`: never
    /// expires.
    pub valid_until: Option<String>,
    /// The issuer, as written.
    pub issuer: Option<String>,
    /// The identifier (licence or card number), as written.
    pub identifier: Option<String>,
    /// `validIn` as written (jurisdiction or group codes); `null` when absent.
    pub valid_in: Option<Vec<String>>,
    /// `restrictions` as written (`["supervised"]`), empty when none.
    pub restrictions: Vec<String>,
}

/// Whether an active record of a known type is valid at instant `at` (date bounds read in
/// `at`'s offset). Grace, waivers, jurisdiction and supervision play no part.
#[inline]
pub(crate) fn record_valid_at(rec: &Record, at: Instant) -> bool {
    rec.status == RecordStatus::Active && rec.code.is_some() && rec.covers(at, Instant { ms: at.ms.saturating_add(1), ..at })
}

/// Whether employee `emp` validly holds `code` at `at` through any record: valid at `at`, and
/// current on the record's own type (decision 111).
pub(crate) fn holds(m: &Model, emp: EmpIdx, code: CodeIdx, at: Instant) -> bool {
    m.records_for(emp, code).any(|r| holds_through(m, emp, &m.records[r as usize], at))
}

/// Whether record `rec` of employee `emp` holds its codes at `at`: valid at `at`, and its
/// holder current on its own type (decision 111). One out-of-line copy for [`holds`], the
/// holders, an alert's covering record and why the audit finds a code not held, where each
/// had both tests inlined.
#[inline(never)]
pub(crate) fn holds_through(m: &Model, emp: EmpIdx, rec: &Record, at: Instant) -> bool {
    record_valid_at(rec, at) && current_at(m, emp, rec, at)
}

/// Whether `emp` is current at `at` on record `rec`'s own type (SPEC §8: from the events
/// before `at`); true for a type without a currency rule. `rules.severities` plays no part: it
/// softens a verdict, it does not make anyone current.
pub(crate) fn current_at(m: &Model, emp: EmpIdx, rec: &Record, at: Instant) -> bool {
    rec.code.is_none_or(|own| crate::currency::current(m, emp, own, at.ms))
}

/// The end of a record's window in `offset_s`: `i64::MAX` for a record that never expires.
#[inline]
pub(crate) fn until_ms(rec: &Record, offset_s: i32) -> i64 {
    rec.until.map_or(i64::MAX, |b| b.at(offset_s))
}

/// The credentials document's records as written, for quoting fields exactly as the document
/// wrote them (`"2027-01"` stays a month): a record `put` by the live roster (SPEC §6) as its
/// `put` gave it, any other as the loaded text has it. Record `i` of the model is
/// `credentials[i]` of the document (a load that succeeds keeps every record, and edits are
/// written at their records' indexes). Read lazily: the text is skimmed once for where each
/// record is, and only the records asked for are parsed, so a report that quotes a few records
/// of a 50,000-record document does not build a tree of all of it.
pub(crate) struct Written<'t> {
    doc: Option<json::LazyDocument<'t>>,
    scratch: json::Scratch<'t>,
    /// The records put since the load, by index (`None`: as loaded).
    put: &'t [Option<Value>],
}

impl<'t> Written<'t> {
    /// The engine's credentials document (it is kept as text for `export`) and its live puts.
    pub fn of(engine: &'t Engine) -> Written<'t> {
        let put = engine.live.store.values[crate::live::Collection::Credentials.index()].as_slice();
        // Every big array left as spans (the loader's keys): only `credentials` is read, and
        // only the records asked for.
        Written { doc: json::parse_lazy(engine.sources.credentials(), crate::load::LAZY_KEYS, true).ok(), scratch: json::Scratch::default(), put }
    }

    /// What is quoted of record `r`: empty when the document has no such record.
    pub fn quote(&mut self, r: u32) -> Quoted {
        if let Some(Some(record)) = self.put.get(r as usize) {
            return Quoted::of_node(&Node::of(record));
        }
        let Some(doc) = &self.doc else { return Quoted::default() };
        let Some(span) = doc.arrays.iter().find(|(k, _)| k == "credentials").and_then(|(_, spans)| spans.get(r as usize).copied()) else {
            return Quoted::default();
        };
        let Some((node, _)) = json::parse_node_element(doc, "credentials", r as usize, span, &mut self.scratch) else {
            return Quoted::default();
        };
        Quoted::of_node(&node)
    }
}

/// What a holder or a standing quotes of a credential record as written.
#[derive(Default)]
pub(crate) struct Quoted {
    /// `validFrom`; `None` when absent.
    pub valid_from: Option<String>,
    /// `validUntil`; `None` when absent (never expires).
    pub valid_until: Option<String>,
    /// `validIn`; `None` when absent.
    pub valid_in: Option<Vec<String>>,
    /// `restrictions`, empty when absent.
    pub restrictions: Vec<String>,
}

impl Quoted {
    /// The quoted fields of a written record, read from the text or a record put by the live
    /// roster (as a [`Node`] of it): one out-of-line reader for both. A list keeps its strings
    /// and skips anything else; a field of another type reads as absent.
    #[inline(never)]
    fn of_node(record: &Node<'_>) -> Quoted {
        let string = |key: &str| match record.get(key) {
            Some(Node::String(s)) => Some(crate::load::own(s)),
            _ => None,
        };
        // The strings pushed in a loop: a `filter_map` collected wrote its first push apart.
        let strings = |key: &str| match record.get(key) {
            Some(Node::Array(items)) => {
                let mut texts = Vec::new();
                for item in items {
                    if let Node::String(s) = item {
                        texts.push(crate::load::own(s));
                    }
                }
                Some(texts)
            }
            _ => None,
        };
        Quoted { valid_from: string("validFrom"), valid_until: string("validUntil"), valid_in: strings("validIn"), restrictions: strings("restrictions").unwrap_or_default() }
    }

    /// Writes `validFrom` and `validUntil` onto `out` (the package's tape), `null` when absent:
    /// one copy for the holders' and the standing's writers.
    #[cfg(any(target_arch = "wasm32", test))]
    #[inline(never)]
    pub(crate) fn write_window(&self, out: &mut impl crate::verdict::write::Out) {
        use crate::plan::write::maybe_text;
        maybe_text(out, "validFrom", self.valid_from.as_deref());
        maybe_text(out, "validUntil", self.valid_until.as_deref());
    }

    /// Writes `validIn` (`null` when absent) and `restrictions` onto `out`: one copy for the
    /// holders' and the standing's writers.
    #[cfg(any(target_arch = "wasm32", test))]
    #[inline(never)]
    pub(crate) fn write_lists(&self, out: &mut impl crate::verdict::write::Out) {
        use crate::plan::write::{maybe_text, texts};
        match &self.valid_in {
            Some(list) => texts(out, "validIn", list),
            None => maybe_text(out, "validIn", None),
        }
        texts(out, "restrictions", &self.restrictions);
    }
}

impl Engine {
    /// Who validly held `code` at instant `at`, with the record: history, for audits.
    ///
    /// A holder has an `active` record of type `code`, or of a type that lists `code` in
    /// `satisfies`, with `validFrom ≤ at < validUntil` (date bounds read in `at`'s offset).
    /// Grace periods and waivers do not count, nor a record whose holder is not current on its
    /// own type's `currency` at `at` (SPEC §8); jurisdiction and restrictions are not applied
    /// (they need a shift) but are shown. Sorted by employee in roster order, then by record in
    /// document order; an employee with two valid records is listed twice.
    ///
    /// Fails with an [`UnknownCode`](crate::ErrorKind::UnknownCode) error when no credential type has the code, and with
    /// an [`InvalidArgument`](crate::ErrorKind::InvalidArgument) one when `at` is not an RFC 3339 instant with an offset.
    pub fn holders(&self, code: &str, at: &str) -> Result<Vec<Holder>, Error> {
        let found = self.holding(code, at)?;
        if found.is_empty() {
            return Ok(Vec::new());
        }
        let mut written = Written::of(self);
        Ok(found.into_iter().map(|(e, r)| holder(&self.model, &mut written, e, r)).collect())
    }

    /// The records by which `code` is validly held at `at`, as `(employee, record)` in the
    /// order [`Engine::holders`] lists them: what it and the package's writer ([`write_holders`])
    /// both read, so that the package writes each holder from the model without a [`Holder`].
    pub(crate) fn holding(&self, code: &str, at: &str) -> Result<Vec<(EmpIdx, u32)>, Error> {
        let m = &self.model;
        let c = m.type_by_code.find(code).ok_or_else(|| Error::unknown_code(code))?;
        let at = instant_arg("at", at)?;
        // Pushed in a loop: a `filter_map` collected wrote its first push apart from the rest.
        let mut found: Vec<(EmpIdx, u32)> = Vec::new();
        for &r in &m.code_records[c as usize] {
            let rec = &m.records[r as usize];
            if let Some(e) = rec.employee {
                if holds_through(m, e, rec, at) {
                    found.push((e, r));
                }
            }
        }
        crate::sort::sort_pairs(&mut found);
        Ok(found)
    }
}

/// Writes the holders `found` ([`Engine::holding`]) onto `out` (the WebAssembly package's
/// tape) as `Vec<Holder>`'s `Serialize` would: the same keys in the same order, `None` as
/// `null`, each text read where the model (or the written record) has it. Where the package
/// built each [`Holder`] (five texts copied and three lists) only for serde's code to write it
/// and free it.
#[cfg(any(target_arch = "wasm32", test))]
pub(crate) fn write_holders(engine: &Engine, found: &[(EmpIdx, u32)], out: &mut impl crate::verdict::write::Out) {
    use crate::plan::write::{maybe_text, text};
    out.array(found.len());
    if found.is_empty() {
        // No record to quote: the text is not skimmed.
        return;
    }
    let m = &engine.model;
    let mut written = Written::of(engine);
    for &(e, r) in found {
        let (rec, employee) = (&m.records[r as usize], &m.employees[e as usize]);
        let quoted = written.quote(r);
        out.object(10);
        text(out, "employeeId", &employee.id);
        maybe_text(out, "employeeName", employee.name.as_deref());
        text(out, "credentialId", &rec.id);
        text(out, "code", &rec.code_text);
        quoted.write_window(out);
        maybe_text(out, "issuer", rec.issuer.as_deref());
        maybe_text(out, "identifier", rec.identifier.as_deref());
        quoted.write_lists(out);
    }
}

fn holder(m: &Model, written: &mut Written<'_>, e: EmpIdx, r: u32) -> Holder {
    let rec = &m.records[r as usize];
    let employee = &m.employees[e as usize];
    let quoted = written.quote(r);
    Holder {
        employee_id: employee.id.clone(),
        employee_name: employee.name.clone(),
        credential_id: rec.id.clone(),
        code: rec.code_text.clone(),
        valid_from: quoted.valid_from,
        valid_until: quoted.valid_until,
        issuer: rec.issuer.clone(),
        identifier: rec.identifier.clone(),
        valid_in: quoted.valid_in,
        restrictions: quoted.restrictions,
    }
}

#[cfg(test)]
mod tests {
    use crate::{Engine, Error, Placement, Status};
    use proptest::prelude::*;

    use crate::testutil::engine;

    #[test]
    fn unknown_code_and_bad_instant() {
        let e = engine(r#"{}"#, r#"{"credentialTypes": [{"code": "BLS"}]}"#);
        assert_eq!(e.holders("BSL", "2026-12-01T00:00:00Z"), Err(Error::unknown_code("BSL")));
        assert!(matches!(e.holders("BLS", "2026-12-01T00:00:00"), Err(e) if e.kind() == crate::ErrorKind::InvalidArgument && e.problems()[0].path == "at"));
        assert_eq!(e.holders("BLS", "2026-12-01T00:00:00Z"), Ok(vec![]));
    }

    #[test]
    fn grace_waivers_statuses_and_orphans_do_not_hold() {
        let credentials = r#"{"credentialTypes": [{"code": "BLS", "graceDays": 30}],
          "credentials": [
            {"id": "expired", "employeeId": "e1", "code": "BLS", "validUntil": "2026-11-30"},
            {"id": "pending", "employeeId": "e2", "code": "BLS", "validUntil": null, "status": "pending"},
            {"id": "revoked", "employeeId": "e2", "code": "BLS", "validUntil": null, "status": "revoked"},
            {"id": "orphan", "employeeId": "nobody", "code": "BLS", "validUntil": null},
            {"id": "ok", "employeeId": "e3", "code": "BLS", "validUntil": null, "restrictions": ["supervised"]}],
          "waivers": [{"id": "w", "employeeId": "e1", "code": "BLS", "validFrom": "2026-12-01",
                       "validUntil": "2026-12-31", "approvedBy": "m", "reason": "r"}]}"#;
        let roster = r#"{"employees": [{"id": "e1"}, {"id": "e2"}, {"id": "e3", "name": "Cy"}]}"#;
        let e = engine(roster, credentials);
        let who = e.holders("BLS", "2026-12-05T12:00:00Z").unwrap();
        assert_eq!(who.len(), 1);
        assert_eq!(who[0].credential_id, "ok");
        assert_eq!(who[0].employee_name.as_deref(), Some("Cy"));
        assert_eq!(who[0].restrictions, ["supervised"]);
        assert_eq!(who[0].valid_until, None);
        let json = serde_json::to_value(&who[0]).unwrap();
        assert_eq!(json["validUntil"], serde_json::Value::Null);
        assert_eq!(json["employeeId"], "e3");
    }

    /// Decision 111: a holder short of the record's own type's currency at `at` (events before
    /// `at`) is left out, whatever `rules.severities` says; the gap report's headcount agrees.
    #[test]
    fn a_holder_not_current_is_left_out() {
        let credentials = r#"{"credentialTypes": [{"code": "PIC", "currency": {"event": "landing", "min": 1, "withinDays": 2}}],
          "credentials": [{"id": "c1", "employeeId": "e1", "code": "PIC", "validUntil": null}],
          "events": [{"id": "v", "employeeId": "e1", "kind": "landing", "at": "2026-12-01T12:00:00Z"}]}"#;
        let roster = r#"{"roles": [{"id": "pilot", "requires": "PIC"}], "employees": [{"id": "e1", "teamId": "t", "roleIds": ["pilot"]}], "teams": [{"id": "t"}], "rules": {"severities": {"notCurrent": "warn"}}}"#;
        let e = engine(roster, credentials);
        let n = |at: &str| e.holders("PIC", at).unwrap().len();
        assert_eq!(n("2026-12-01T12:00:00Z"), 0); // the event at `at` does not count yet
        assert_eq!(n("2026-12-01T12:00:00.001Z"), 1);
        assert_eq!(n("2026-12-03T12:00:00Z"), 1); // exactly D after: still counts
        assert_eq!(n("2026-12-03T12:00:00.001Z"), 0);
        // Headcount: current from just after 12:00 on 1 Dec to 12:00 on 3 Dec: the whole of
        // 2 Dec only.
        let gaps = e.gaps("2026-12-01T00:00:00Z", "2026-12-04T00:00:00Z", crate::GroupBy::Team).unwrap();
        let counts: Vec<Vec<u32>> = gaps.groups.iter().flat_map(|g| g.headcount.iter().map(|h| h.counts.clone())).collect();
        assert_eq!(counts, [vec![0, 1, 0]]);
    }

    #[test]
    fn bounds_are_half_open_in_the_offset_of_at() {
        let credentials = r#"{"credentialTypes": [{"code": "BLS"}],
          "credentials": [{"id": "c", "employeeId": "e1", "code": "BLS", "validFrom": "2026-12-01T08:00:00Z", "validUntil": "2026-12-10"}]}"#;
        let e = engine(r#"{"employees": [{"id": "e1"}]}"#, credentials);
        let n = |at: &str| e.holders("BLS", at).unwrap().len();
        assert_eq!(n("2026-12-01T07:59:59.999Z"), 0);
        assert_eq!(n("2026-12-01T08:00:00Z"), 1);
        assert_eq!(n("2026-12-10T23:59:59.999-06:00"), 1);
        assert_eq!(n("2026-12-11T00:00:00-06:00"), 0);
        // 05:00 UTC on 11 Dec is still 10 Dec in Houston, but not in UTC.
        assert_eq!(n("2026-12-10T23:00:00-06:00"), 1);
        assert_eq!(n("2026-12-11T05:00:00Z"), 0);
    }

    // A generated record: type index, optional from (kind, value), until (kind, value), status.
    fn bound_text(kind: u8, day: i32, minute: i32, offset_min: i32, until: bool) -> String {
        let date = crate::time::format_date(20_400 + day);
        match kind {
            0 => date,
            1 if until => date[..7].to_string(),
            _ => {
                let ms = i64::from(20_400 + day) * crate::time::DAY_MS + i64::from(minute) * 60_000;
                crate::time::format_instant(ms, offset_min * 60)
            }
        }
    }

    fn offset() -> impl Strategy<Value = i32> {
        prop_oneof![Just(0), Just(-360), Just(-300), Just(330), Just(840), Just(-720), -720i32..=840]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]
        /// holders(code, t) lists exactly the employees whose verdict on `[t, t+1 ms)` requiring
        /// the code is `ok` (records without jurisdiction or restriction; grace gives `warn`).
        #[test]
        fn holders_agree_with_check(
            records in proptest::collection::vec(
                (0usize..4, 0u8..3, any::<bool>(), 0u8..3, -3i32..40, 0i32..1440, offset(), -3i32..40, 0i32..1440, offset(), 0u8..6),
                0..10),
            t_day in -2i32..42, t_min in 0i32..1440, t_off in offset(), code in 0usize..3,
        ) {
            // Types: A, B, C, and D which satisfies A and B; A has grace.
            let types = r#"[{"code": "A", "graceDays": 2}, {"code": "B"}, {"code": "C", "alertDays": []},
                            {"code": "D", "satisfies": ["A", "B"]}]"#;
            let names = ["A", "B", "C", "D"];
            let mut recs = Vec::new();
            for (i, &(ty, emp, has_from, fk, fd, fm, fo, ud, um, uo, st)) in records.iter().enumerate() {
                let mut r = serde_json::json!({"id": format!("r{i}"), "employeeId": format!("e{emp}"), "code": names[ty]});
                let (fd, ud) = (fd.min(ud), fd.max(ud) + 1);
                if has_from {
                    r["validFrom"] = bound_text(fk.min(1) * 2, fd, fm, fo, false).into();
                }
                r["validUntil"] = if st == 5 { serde_json::Value::Null } else { bound_text(fk, ud, um, uo, true).into() };
                r["status"] = ["active", "active", "active", "pending", "revoked", "active"][st as usize].into();
                recs.push(r);
            }
            let credentials = format!(r#"{{"credentialTypes": {types}, "credentials": {}}}"#, serde_json::Value::Array(recs));
            let roster = r#"{"employees": [{"id": "e0"}, {"id": "e1"}, {"id": "e2"}]}"#;
            let Ok(loaded) = Engine::load(roster, &credentials) else { return Ok(()) }; // an empty window in UTC
            let e = loaded.engine;
            let t_ms = i64::from(20_400 + t_day) * crate::time::DAY_MS + i64::from(t_min) * 60_000;
            let t = crate::time::format_instant(t_ms, t_off * 60);
            let t_end = crate::time::format_instant(t_ms + 1, t_off * 60);
            let code = ["A", "B", "C"][code];
            let mut held: Vec<String> = e.holders(code, &t).unwrap().into_iter().map(|h| h.employee_id).collect();
            held.dedup();
            let placement = Placement { start: t.clone(), end: t_end, requires: Some(crate::json::Value::from(code)), ..Placement::default() };
            let ok: Vec<String> = ["e0", "e1", "e2"].iter()
                .filter(|id| e.check_placement(id, &placement, None).unwrap().status == Status::Ok)
                .map(|s| s.to_string()).collect();
            prop_assert_eq!(held, ok, "at {}: {}", t, credentials);
        }
    }
}
