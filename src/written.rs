//! The public result types written item by item onto an [`Out`] (the WebAssembly package's
//! tape), as their `Serialize` writes them: the same keys in the same order, the fields their
//! serde attributes skip left out, `None` as `null`, every enum of names by its name. What the
//! package answers that is not drafted from the model (`crate::verdict::write`), borrowed from
//! it (the plan, the gaps, the standing, the holders) or the CSV import's own answer:
//! a batch's and an edit's answer (and the verdicts in it), the alerts, the audit, the problems
//! of a thrown error, and the findings and reasons the drafted answers include.
//!
//! Why not `Serialize`: serde's derived code, instantiated for the tape, checks a `Result` after
//! every field and keeps a field loop per type, and the serializer itself is then in the
//! `.wasm`; with these writers nothing the package writes goes through serde, and neither is.
//! The native library and the command line keep `Serialize` (JSON by `serde_json`). The tape's
//! tests read what is written here back and compare it with `serde_json`'s writing of the same
//! values (`crate::wasm::tape`), so that the two cannot drift.

use crate::{Alert, ApplyResult, Audit, Bucket, Changes, Document, EditResult, Finding, Problem, Value};
use crate::plan::write::{boolean, integer, list, maybe_text, text, texts};
use crate::verdict::write::{number, shape, Out};
use crate::verdict::{Evidence, Reason, Verdict};

/// A JSON value as its `Serialize` writes it onto the tape: a number written as an integer (no
/// fraction, no exponent) that is a 32-bit integer as one, any other as the nearest `f64`; an
/// object's keys as strings of the result (they are the documents' own).
///
/// `Serialize` reads an integer's text as an `i64`, then a `u64`, and the tape writes one beyond
/// 32 bits as the `f64` nearest it: the `f64` that the text itself denotes, which `parse_f64`
/// gives (correctly rounded), so no integer parser is needed here (`-0` is the integer 0).
pub(crate) fn value(out: &mut impl Out, v: &Value) {
    match v {
        Value::Null => out.null(),
        Value::Bool(b) => out.bool(*b),
        Value::Number(raw) => {
            let n = crate::host::parse_f64(raw).unwrap_or(f64::NAN);
            let integer = !raw.contains(['.', 'e', 'E']);
            if integer && (-2_147_483_648.0..=2_147_483_647.0).contains(&n) {
                out.integer(n as i64);
            } else {
                out.number(n);
            }
        }
        Value::String(s) => out.str(s),
        Value::Array(items) => {
            out.array(items.len());
            for item in items {
                value(out, item);
            }
        }
        Value::Object(fields) => {
            out.object(fields.len());
            for (k, v) in fields {
                out.str(k);
                value(out, v);
            }
        }
    }
}

/// `key: [value, ...]`.
fn values(out: &mut impl Out, key: &'static str, list: &[Value]) {
    out.name(key);
    out.array(list.len());
    for v in list {
        value(out, v);
    }
}

/// `[{path, message, document}, ...]`: an error's `errors`, the load's warnings.
#[inline(never)]
pub(crate) fn problems(out: &mut impl Out, list: &[Problem]) {
    out.array(list.len());
    for p in list {
        out.object(3);
        text(out, "path", &p.path);
        text(out, "message", &p.message);
        out.name("document");
        out.name(match p.document {
            Document::Roster => "roster",
            Document::Credentials => "credentials",
            Document::Argument => "argument",
            Document::Import => "import",
        });
    }
}

/// `key: [problem, ...]`.
fn problems_at(out: &mut impl Out, key: &'static str, list: &[Problem]) {
    out.name(key);
    problems(out, list);
}

/// A reason, as the drafted ones are written (the tape's `Reason` shape: the keys present as
/// bits, then their values in the shape's order).
#[inline(never)]
pub(crate) fn reason(out: &mut impl Out, r: &Reason) {
    let present = [
        true,
        true,
        r.code.is_some(),
        r.credential_id.is_some(),
        r.waiver_id.is_some(),
        r.shift_id.is_some(),
        r.training_id.is_some(),
        r.role_id.is_some(),
        r.at.is_some(),
        r.days_left.is_some(),
        r.jurisdiction.is_some(),
        r.rest_hours.is_some(),
        r.more.is_some(),
        r.have.is_some(),
        r.need.is_some(),
        r.within_days.is_some(),
        r.current_until.is_some(),
        r.limit_id.is_some(),
        r.used.is_some(),
        r.max.is_some(),
        r.measure.is_some(),
        r.window_start.is_some(),
        r.window_end.is_some(),
        r.shift_ids.is_some(),
        true,
    ];
    out.shape(shape::REASON, present.iter().enumerate().fold(0, |bits, (i, &p)| bits | u32::from(p) << i));
    out.name(r.kind.as_str());
    out.name(r.severity.as_str());
    for t in [&r.code, &r.credential_id, &r.waiver_id, &r.shift_id, &r.training_id, &r.role_id, &r.at].into_iter().flatten() {
        out.str(t);
    }
    if let Some(d) = r.days_left {
        out.integer(d.into());
    }
    if let Some(j) = &r.jurisdiction {
        out.str(j);
    }
    if let Some(h) = r.rest_hours {
        out.number(h);
    }
    if let Some(n) = r.more {
        out.integer(n.into());
    }
    for n in [r.have, r.need].into_iter().flatten() {
        number(out, n);
    }
    if let Some(d) = r.within_days {
        out.integer(d.into());
    }
    if let Some(until) = &r.current_until {
        match until {
            Some(t) => out.str(t),
            None => out.null(),
        }
    }
    if let Some(l) = &r.limit_id {
        out.str(l);
    }
    for n in [r.used, r.max].into_iter().flatten() {
        number(out, n);
    }
    if let Some(m) = r.measure {
        out.name(m.as_str());
    }
    for t in [&r.window_start, &r.window_end].into_iter().flatten() {
        out.str(t);
    }
    if let Some(ids) = &r.shift_ids {
        out.array(ids.len());
        for s in ids {
            out.str(s);
        }
    }
    out.str(&r.message);
}

/// `[reason, ...]`.
pub(crate) fn reasons(out: &mut impl Out, list: &[Reason]) {
    out.array(list.len());
    for r in list {
        reason(out, r);
    }
}

/// A verdict, as the drafted ones are written (the tape's `Verdict` and `Evidence` shapes).
#[inline(never)]
pub(crate) fn verdict(out: &mut impl Out, v: &Verdict) {
    out.shape(shape::VERDICT, 0b11111);
    out.str(&v.employee_id);
    match &v.shift_id {
        Some(s) => out.str(s),
        None => out.null(),
    }
    out.name(v.status.as_str());
    reasons(out, &v.reasons);
    out.array(v.evidence.len());
    for Evidence { code, credential_id, waiver_id } in &v.evidence {
        out.shape(shape::EVIDENCE, 1 | u32::from(credential_id.is_some()) << 1 | u32::from(waiver_id.is_some()) << 2);
        out.str(code);
        for t in [credential_id, waiver_id].into_iter().flatten() {
            out.str(t);
        }
    }
}

/// `[verdict, ...]`: an edit's `verdicts` (`moveShift`'s).
pub(crate) fn verdicts(out: &mut impl Out, list: &[Verdict]) {
    out.array(list.len());
    for v in list {
        verdict(out, v);
    }
}

/// `[finding, ...]`: `{kind, severity, shiftId, employeeId?, code?, requires?, min?, count?,
/// reason?, message}`.
#[inline(never)]
pub(crate) fn findings(out: &mut impl Out, list: &[Finding]) {
    out.array(list.len());
    for f in list {
        let optional = [f.employee_id.is_some(), f.code.is_some(), f.requires.is_some(), f.min.is_some(), f.count.is_some(), f.reason.is_some()];
        out.object(4 + optional.iter().filter(|&&p| p).count());
        out.name("kind");
        out.name(f.kind.as_str());
        out.name("severity");
        out.name(f.severity.as_str());
        text(out, "shiftId", &f.shift_id);
        if let Some(e) = &f.employee_id {
            text(out, "employeeId", e);
        }
        if let Some(c) = &f.code {
            text(out, "code", c);
        }
        if let Some(r) = &f.requires {
            out.name("requires");
            value(out, r);
        }
        if let Some(n) = f.min {
            integer(out, "min", n.into());
        }
        if let Some(n) = f.count {
            integer(out, "count", n.into());
        }
        if let Some(r) = &f.reason {
            out.name("reason");
            reason(out, r);
        }
        text(out, "message", &f.message);
    }
}

/// `key: [finding, ...]`.
fn findings_at(out: &mut impl Out, key: &'static str, list: &[Finding]) {
    out.name(key);
    findings(out, list);
}

/// `changes: {verdicts: [{employeeId, shiftId, before, after}, ...], findings: {added, removed}}`.
fn changes(out: &mut impl Out, c: &Changes) {
    out.name("changes");
    out.object(2);
    list(out, "verdicts", c.verdicts.len());
    for v in &c.verdicts {
        out.object(4);
        text(out, "employeeId", &v.employee_id);
        text(out, "shiftId", &v.shift_id);
        out.name("before");
        match v.before {
            Some(s) => out.name(s.as_str()),
            None => out.null(),
        }
        out.name("after");
        match &v.after {
            Some(v) => verdict(out, v),
            None => out.null(),
        }
    }
    out.name("findings");
    out.object(2);
    findings_at(out, "added", &c.findings.added);
    findings_at(out, "removed", &c.findings.removed);
}

/// An edit's answer (`assign`, `unassign`, `moveShift`).
pub(crate) fn edit_result(out: &mut impl Out, r: &EditResult) {
    out.object(6 + usize::from(r.verdict.is_some()) + usize::from(!r.verdicts.is_empty()) + usize::from(r.override_entry.is_some()));
    boolean(out, "applied", r.applied);
    boolean(out, "refused", r.refused);
    if let Some(v) = &r.verdict {
        out.name("verdict");
        verdict(out, v);
    }
    if !r.verdicts.is_empty() {
        out.name("verdicts");
        verdicts(out, &r.verdicts);
    }
    findings_at(out, "created", &r.created);
    findings_at(out, "cleared", &r.cleared);
    if let Some(v) = &r.override_entry {
        out.name("override");
        value(out, v);
    }
    problems_at(out, "errors", &r.errors);
    changes(out, &r.changes);
}

/// A batch's answer (`apply`, `preview`, `undo`, `redo`).
pub(crate) fn apply_result(out: &mut impl Out, r: &ApplyResult) {
    out.object(4 + usize::from(!r.warnings.is_empty()) + usize::from(r.log_entry.is_some()));
    boolean(out, "applied", r.applied);
    boolean(out, "refused", r.refused);
    problems_at(out, "errors", &r.errors);
    changes(out, &r.changes);
    if !r.warnings.is_empty() {
        problems_at(out, "warnings", &r.warnings);
    }
    if let Some(v) = &r.log_entry {
        out.name("logEntry");
        value(out, v);
    }
}

/// `alerts`' answer: `[{employeeId, employeeName, code, ... message}, ...]`.
pub(crate) fn alerts(out: &mut impl Out, list: &[Alert]) {
    out.array(list.len());
    for a in list {
        out.object(18);
        text(out, "employeeId", &a.employee_id);
        maybe_text(out, "employeeName", a.employee_name.as_deref());
        text(out, "code", &a.code);
        text(out, "credentialId", &a.credential_id);
        out.name("basis");
        out.name(a.basis.as_str());
        maybe_text(out, "validUntil", a.valid_until.as_deref());
        text(out, "expiresAt", &a.expires_at);
        text(out, "lastValidDate", &a.last_valid_date);
        integer(out, "daysLeft", a.days_left.into());
        out.name("bucket");
        match a.bucket {
            Some(Bucket::Expired) => out.str("expired"),
            Some(Bucket::Within(days)) => out.integer(days.into()),
            None => out.null(),
        }
        boolean(out, "expired", a.expired);
        maybe_text(out, "renewalTrainingId", a.renewal_training_id.as_deref());
        boolean(out, "renewalBooked", a.renewal_booked);
        maybe_text(out, "lateTrainingId", a.late_training_id.as_deref());
        texts(out, "affectedShiftIds", &a.affected_shift_ids);
        texts(out, "requiredByRoleIds", &a.required_by_role_ids);
        maybe_text(out, "coveredBy", a.covered_by.as_deref());
        text(out, "message", &a.message);
    }
}

/// `audit`'s answer: `{asOf, findings: [{kind, severity, employeeId, code, roleIds?, requires?,
/// ids, paths, message}, ...], overrides}`.
pub(crate) fn audit(out: &mut impl Out, a: &Audit) {
    out.object(3);
    text(out, "asOf", &a.as_of);
    list(out, "findings", a.findings.len());
    for f in &a.findings {
        out.object(7 + usize::from(!f.role_ids.is_empty()) + usize::from(f.requires.is_some()));
        out.name("kind");
        out.name(f.kind.as_str());
        out.name("severity");
        out.name(f.severity.as_str());
        maybe_text(out, "employeeId", f.employee_id.as_deref());
        maybe_text(out, "code", f.code.as_deref());
        if !f.role_ids.is_empty() {
            texts(out, "roleIds", &f.role_ids);
        }
        if let Some(r) = &f.requires {
            out.name("requires");
            value(out, r);
        }
        texts(out, "ids", &f.ids);
        texts(out, "paths", &f.paths);
        text(out, "message", &f.message);
    }
    values(out, "overrides", &a.overrides);
}
