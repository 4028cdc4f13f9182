//! The wording of verdict reasons: one function per sentence, each appending its text to a
//! verdict's text buffer (`draft`), from what the rules decided.
//!
//! Nothing here decides anything: the outcome, the record, the other shift are given, and each
//! function only says it, in the form SPEC §3's examples show ("BLS (cr-9) expires at 12:00 on
//! 1 Dec, 5 h into the shift"). Days, times, durations and numbers are worded by the `human`
//! module; text from the documents is quoted through `human::put`, at most 80 characters of it
//! (docs/decisions.md, 33). To translate the messages, this module and `human` are the places.

use super::rules::Slot;
use super::types::ReasonKind;
use crate::human::{push_clock, push_human_day, push_human_duration, push_human_instant, push_int, push_number, put, say};
use crate::model::*;
use crate::time::{self, Instant, DAY_MS};

/// When a reason about a record or a waiver happens, read once by `draft` for the message and
/// the reason's fields.
pub(super) struct When {
    /// The record's `validFrom` for `notYetValid`, in the offset of the shift's start; else its
    /// `validUntil` (the waiver's), in the offset of the shift's end.
    pub at: i64,
    /// The last local day of the `validUntil` (`expiringSoon`, `inGrace`, `expired`, `waived`).
    pub last_day: i32,
    /// From the shift's end's local day to `last_day` (the same kinds).
    pub days_left: i32,
}

/// The message of a reason about record (or waiver) `index` for `code` on `slot`, for `kind`
/// (any but `notCurrent` and `missing`), at `when`. One writer for every such reason: each
/// kind's sentence is chosen here, after the label they share.
///
/// - `expiringSoon`: "BLS (cr-9) expires in 12 days, at the end of 13 Dec";
/// - `inGrace`: "BLS (cr-9) expired at the end of 30 Nov; it counts in its 3-day grace period";
/// - `waived`: "ACLS waived by m-3 until 14 Dec: renewal class booked for 12 December";
/// - the failures (`unsupervised` to `expired`): "BLS (cr-9) expires at 12:00 on 1 Dec, 5 h
///   into the shift", "RN (cr-1) is not valid in US-CA"...
pub(super) fn code(t: &mut String, m: &Model, kind: ReasonKind, code: CodeIdx, index: u32, when: &When, slot: &Slot<'_>) {
    let ref_day = slot.start.local_day();
    let offset_s = slot.end.offset_s;
    let until = when.at;
    if kind == ReasonKind::Waived {
        let w = &m.waivers[index as usize];
        say(t, "% waived by % until ", &[&m.types[code as usize].code, &w.approved_by]);
        push_human_day(t, when.last_day, ref_day);
        say(t, ": %", &[&w.reason]);
        return;
    }
    let record = &m.records[index as usize];
    push_label(t, m, code, index);
    match kind {
        ReasonKind::ExpiringSoon => {
            match when.days_left {
                0 => t.push_str(" expires at the end of the shift's last day, "),
                1 => t.push_str(" expires the day after the shift, at the end of "),
                n => {
                    put(t, &[" expires in "]);
                    push_int(t, i64::from(n));
                    put(t, &[" days, at the end of "]);
                }
            }
            push_human_day(t, when.last_day, ref_day);
        }
        ReasonKind::InGrace | ReasonKind::Expired => {
            put(t, &[" expired "]);
            push_expiry_phrase(t, record, when, offset_s, ref_day);
            if kind == ReasonKind::InGrace {
                let grace = record.code.map_or(0, |c| m.types[c as usize].grace_days);
                put(t, &["; it counts in its "]);
                push_int(t, i64::from(grace));
                put(t, &["-day grace period"]);
            }
        }
        ReasonKind::ExpiresDuringShift => {
            put(t, &[" expires at "]);
            push_human_instant(t, until, offset_s, ref_day);
            put(t, &[", "]);
            push_human_duration(t, until - slot.start.ms);
            put(t, &[" into the shift"]);
        }
        ReasonKind::NotYetValid => {
            put(t, &[" is not valid until "]);
            push_human_instant(t, when.at, slot.start.offset_s, ref_day);
        }
        ReasonKind::Pending => put(t, &[" is pending verification"]),
        ReasonKind::Suspended => put(t, &[" is suspended"]),
        ReasonKind::Revoked => put(t, &[" has been revoked"]),
        ReasonKind::WrongJurisdiction => match (m.jurisdiction_of(slot.location), &record.valid_in) {
            (_, None) => t.push_str(" has no validIn, so it is valid in no jurisdiction"),
            (None, _) if slot.location.is_none() => t.push_str(" is jurisdictional and the shift has no location"),
            (None, _) => t.push_str(" is jurisdictional and the shift's location has no jurisdiction"),
            (Some(j), Some(_)) => say(t, " is not valid in %", &[&m.jurisdictions[j as usize]]),
        },
        // Unsupervised; the rules give no other kind here.
        _ => {
            let own = record.code.map_or(record.code_text.as_str(), |c| m.types[c as usize].code.as_str());
            say(t, " is restricted to supervised work and nobody else on the shift holds % without restriction", &[own]);
        }
    }
}

/// "no BLS (Basic Life Support) on record".
pub(super) fn missing(t: &mut String, m: &Model, code: CodeIdx) {
    let code_text = &m.types[code as usize].code;
    say(t, "no %", &[code_text]);
    if let Some(name) = m.types[code as usize].name.as_ref().filter(|name| *name != code_text) {
        say(t, " (%)", &[name]);
    }
    put(t, &[" on record"]);
}

/// "PIC (c-1) is not current: 2 of 3 landing in the 90 days before the shift; current until
/// 12:00 on 28 Nov" (or "; never current on the events recorded"): SPEC §8. `have` and `need`
/// in the rule's unit (a count, or hours).
#[allow(clippy::too_many_arguments)]
pub(super) fn not_current(t: &mut String, m: &Model, code: CodeIdx, rec: u32, rule: &Currency, (have, need): (f64, f64), until: Option<i64>, start: Instant) {
    push_label(t, m, code, rec);
    put(t, &[" is not current: "]);
    push_number(t, have);
    put(t, &[" of "]);
    push_number(t, need);
    say(t, if rule.hours { " h of % in the " } else { " % in the " }, &[m.event_kinds.get(rule.event)]);
    push_int(t, i64::from(rule.within_days));
    put(t, &[" days before the shift; "]);
    match until {
        Some(ms) => {
            put(t, &["current until "]);
            push_human_instant(t, ms, start.offset_s, start.local_day());
        }
        None => put(t, &["never current on the events recorded"]),
    }
}

/// "over the limit visa-20h: 24 h from 00:00 on 30 Nov to 00:00 on 7 Dec, above its max of
/// 20 h" (SPEC §8).
pub(super) fn over_limit(t: &mut String, limit: &crate::limits::Limit, used: f64, over: &crate::limits::Over, start: Instant) {
    let unit = match limit.measure {
        crate::Measure::Hours => " h",
        crate::Measure::Shifts => " shifts",
        crate::Measure::Nights => " nights",
    };
    say(t, "over the limit %: ", &[&limit.id]);
    push_number(t, used);
    say(t, "% from ", &[unit]);
    let ref_day = start.local_day();
    push_human_instant(t, over.start, start.offset_s, ref_day);
    put(t, &[" to "]);
    push_human_instant(t, over.end, start.offset_s, ref_day);
    put(t, &[", above its max of "]);
    push_number(t, limit.max);
    put(t, &[unit]);
}

/// "Ana Ruiz is not listed for the role Charge nurse".
pub(super) fn not_in_role(t: &mut String, m: &Model, emp: EmpIdx, role: u32) {
    let employee = &m.employees[emp as usize];
    let r = &m.roles[role as usize];
    let name = r.name.as_deref().unwrap_or(&r.id);
    let who = employee.name.as_deref().unwrap_or(&employee.id);
    say(t, "% is not listed for the role %", &[who, name]);
}

/// "already working shift s-2 (07:00–19:00 on 1 Dec)".
pub(super) fn overlap(t: &mut String, m: &Model, s: ShiftIdx, ref_day: i32) {
    say(t, "already working shift % (", &[m.shift_id(s)]);
    push_shift_window(t, m, s, ref_day);
    put(t, &[")"]);
}

/// "in BLS training t-1 from 08:00 on 1 Dec to 12:00 on 1 Dec".
pub(super) fn training(t: &mut String, m: &Model, index: u32, ref_day: i32) {
    let tr = &m.trainings[index as usize];
    put(t, &["in "]);
    if let Some(c) = tr.code_text.as_deref() {
        say(t, "% ", &[c]);
    }
    say(t, "training % from ", &[&tr.id]);
    push_human_instant(t, tr.start.ms, tr.start.offset_s, ref_day);
    put(t, &[" to "]);
    push_human_instant(t, tr.end.ms, tr.end.offset_s, ref_day);
}

/// "only 9 h rest after shift s-0 (19:00–07:00 on 30 Nov); the minimum is 10 h": `gap` ms of
/// rest, `before` when the other shift comes after this one.
pub(super) fn rest(t: &mut String, m: &Model, s: ShiftIdx, gap: i64, before: bool, ref_day: i32) {
    put(t, &["only "]);
    push_human_duration(t, gap);
    say(t, if before { " rest before shift % (" } else { " rest after shift % (" }, &[m.shift_id(s)]);
    push_shift_window(t, m, s, ref_day);
    put(t, &["); the minimum is "]);
    push_number(t, m.rules.min_rest_hours.unwrap_or(0.0));
    put(t, &[" h"]);
}

/// "and 2979 more overlapping shifts": the summary closing a capped list of overlaps (or of
/// trainings, `trainings`).
pub(super) fn more(t: &mut String, more: usize, trainings: bool) {
    put(t, &["and "]);
    push_int(t, more as i64);
    say(t, if trainings { " more overlapping training session%" } else { " more overlapping shift%" }, &[if more == 1 { "" } else { "s" }]);
}

/// Appends "at the end of 30 Nov" for a date or month bound, "at 12:00 on 1 Dec" for an instant.
fn push_expiry_phrase(out: &mut String, record: &Record, when: &When, offset_s: i32, ref_day: i32) {
    match record.until {
        Some(time::Bound::Instant(_)) => {
            put(out, &["at "]);
            push_human_instant(out, when.at, offset_s, ref_day);
        }
        _ => {
            put(out, &["at the end of "]);
            push_human_day(out, when.last_day, ref_day);
        }
    }
}

/// Appends "BLS (cr-9)", or "BLS (met by BLS-I cr-9)" for a record of a type that satisfies it.
fn push_label(out: &mut String, m: &Model, code: CodeIdx, rec: u32) {
    let record = &m.records[rec as usize];
    put(out, &[&m.types[code as usize].code]);
    if record.code == Some(code) {
        put(out, &[" ("]);
    } else {
        say(out, " (met by % ", &[&record.code_text]);
    }
    say(out, "%)", &[&record.id]);
}

/// Appends "07:00–19:00 on 1 Dec".
fn push_shift_window(out: &mut String, m: &Model, s: ShiftIdx, ref_day: i32) {
    let sh = &m.shifts[s as usize];
    let local = |i: Instant| (i.ms + i64::from(i.offset_s) * 1000).rem_euclid(DAY_MS);
    push_clock(out, local(sh.start));
    put(out, &["–"]);
    push_clock(out, local(sh.end));
    put(out, &[" on "]);
    push_human_day(out, sh.start.local_day(), ref_day);
}
