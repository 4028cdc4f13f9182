//! `edits`: a small loaded document (`credgate_fuzz::Doc`) and a sequence of edits and
//! previews with arbitrary ids, instants and overrides: `assign`, `unassign`, `move_shift`
//! (each with or without an override, good or bad), `check_placement`, `check_move`,
//! `check_moved`.
//!
//! After each operation: no panic; the fast status path agrees with `check`; an edit that fails,
//! is refused or does not apply, and every preview, change nothing (export, every verdict, the
//! override log); an edit that applies reports as created and cleared exactly the change in all
//! findings, and logs an override exactly when it newly blocked an assignment (SPEC §6.1: one
//! whose status was not `block` before, its own or another's, such as a neighbour's rest);
//! such an edit is refused without an override; `check_move` is what `move_shift` then judges. After the sequence: every invariant of `credgate_fuzz::deep`,
//! including export then reload to identical verdicts.
#![no_main]

use arbitrary::Arbitrary;
use credgate::{EditResult, Engine, Error, Override, Placement, Status};
use credgate_fuzz::{all_findings, minus, same_set, verdicts, Doc, TimeG};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Ref {
    Idx(u8),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
enum TimeArg {
    T(TimeG),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
enum EndArg {
    /// Minutes after the start (in the start's offset); 0 and over 7 days are errors.
    Dur(u16),
    T(TimeG),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
enum Who {
    Good,
    Blank,
    Raw(String),
}

#[derive(Arbitrary, Debug)]
struct OvG {
    by: Who,
    reason: Who,
    at: Option<TimeArg>,
}

#[derive(Arbitrary, Debug)]
enum ReqArg {
    Code(u8),
    Any(Vec<u8>),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
enum Op {
    Assign { emp: Ref, shift: Ref, ov: Option<OvG> },
    Unassign { emp: Ref, shift: Ref },
    Move { shift: Ref, start: TimeArg, end: EndArg, ov: Option<OvG> },
    Place { emp: Ref, start: TimeArg, end: EndArg, location: Option<Ref>, role: Option<Ref>, queues: Vec<Ref>, requires: Option<ReqArg>, ignore: Option<Ref> },
    CheckMoved { emp: Ref, shift: Ref, start: TimeArg, end: EndArg },
}

#[derive(Arbitrary, Debug)]
struct Input {
    doc: Doc,
    ops: Vec<Op>,
}

struct Cx<'a> {
    doc: &'a Doc,
    emps: Vec<String>,
    shifts: Vec<String>,
    codes: Vec<String>,
    /// Location, role and queue ids, as the roster names them.
    places: [Vec<String>; 3],
}

impl Cx<'_> {
    fn pick(list: &[String], r: &Ref, none: &str) -> String {
        match r {
            Ref::Idx(i) => list.get(*i as usize % (list.len() + 1)).cloned().unwrap_or_else(|| none.to_string()),
            Ref::Raw(s) => s.clone(),
        }
    }
    fn emp(&self, r: &Ref) -> String {
        Self::pick(&self.emps, r, "nobody")
    }
    fn shift(&self, r: &Ref) -> String {
        Self::pick(&self.shifts, r, "nowhere")
    }
    fn time(&self, t: &TimeArg) -> String {
        match t {
            TimeArg::T(t) => t.text(self.doc.base),
            TimeArg::Raw(s) => s.clone(),
        }
    }
    fn window(&self, start: &TimeArg, end: &EndArg) -> (String, String) {
        let s = self.time(start);
        let e = match end {
            EndArg::T(t) => t.text(self.doc.base),
            EndArg::Raw(r) => r.clone(),
            EndArg::Dur(d) => match credgate_fuzz::time::parse_instant(&s) {
                Ok(i) => credgate_fuzz::time::format_instant(i.ms + i64::from(*d % (7 * 1440 + 2)) * 60_000, i.offset_s),
                Err(_) => s.clone(),
            },
        };
        (s, e)
    }
    fn who(w: &Who, good: &str) -> String {
        match w {
            Who::Good => good.to_string(),
            Who::Blank => " ".to_string(),
            Who::Raw(s) => s.clone(),
        }
    }
    fn ov(&self, o: &OvG) -> Override {
        Override { by: Self::who(&o.by, "m-3"), reason: Self::who(&o.reason, "short-staffed"), at: o.at.as_ref().map(|t| self.time(t)) }
    }
}

/// Whether an edit's changes hold an assignment that blocks now and did not before (SPEC §6.1:
/// what refuses a batch that places people, or what its override is logged for).
fn newly_blocks(r: &EditResult) -> bool {
    r.changes.verdicts.iter().any(|c| c.before != Some(Status::Block) && c.after.as_ref().is_some_and(|v| v.status == Status::Block))
}

/// What an engine looks like from outside: its export, every verdict, the override log.
fn snapshot(engine: &Engine) -> (credgate::Export, Vec<credgate::Verdict>, usize) {
    (engine.export(), verdicts(engine), engine.overrides().len())
}

fn fast_path_agrees(engine: &Engine) {
    for (si, s) in engine.shift_ids().enumerate() {
        for (ei, e) in engine.employee_ids().enumerate() {
            let v = engine.check(e, s).expect("check of known ids");
            assert_eq!(engine.status(ei as u32, si as u32), Some(v.status), "status({e:?}, {s:?}) after edits");
        }
    }
}

fuzz_target!(|input: Input| {
    let (roster, credentials) = input.doc.render();
    let Ok(loaded) = Engine::load(&roster, &credentials) else { return };
    let mut engine = loaded.engine;
    let cx = Cx {
        doc: &input.doc,
        emps: engine.employee_ids().map(str::to_string).collect(),
        shifts: engine.shift_ids().map(str::to_string).collect(),
        codes: input.doc.codes(),
        places: {
            let x = engine.export();
            ["locations", "roles", "queues"].map(|key| match x.roster.get(key) {
                Some(credgate::Value::Array(items)) => items.iter().filter_map(|i| i.get("id").and_then(|v| v.as_str()).map(str::to_string)).collect(),
                _ => Vec::new(),
            })
        },
    };
    for op in input.ops.iter().take(12) {
        let before = snapshot(&engine);
        let findings_before = all_findings(&engine);
        // An edit's result, and whether the verdict it judged blocked.
        let edit: Option<(Result<EditResult, Error>, bool)> = match op {
            Op::Assign { emp, shift, ov } => {
                let (e, s) = (cx.emp(emp), cx.shift(shift));
                let judged = engine.check(&e, &s).map(|v| v.status == Status::Block).unwrap_or(false);
                let ov = ov.as_ref().map(|o| cx.ov(o));
                let r = engine.assign(&e, &s, ov.as_ref());
                if let Ok(r) = &r {
                    // A new assignment that blocks is newly blocked (unless it was already there).
                    if judged && r.verdict.as_ref().is_some_and(|v| v.status == Status::Block) && (r.applied || r.refused) {
                        assert!(newly_blocks(r), "assigning {e:?} to {s:?} over a block does not report it newly blocked: {r:?}");
                    }
                }
                let blocked = matches!(&r, Ok(r) if newly_blocks(r));
                Some((r, blocked))
            }
            Op::Unassign { emp, shift } => Some((engine.unassign(&cx.emp(emp), &cx.shift(shift)), false)),
            Op::Move { shift, start, end, ov } => {
                let s = cx.shift(shift);
                let (start, end) = cx.window(start, end);
                let preview = engine.check_move(&s, &start, &end);
                let ov = ov.as_ref().map(|o| cx.ov(o));
                let r = engine.move_shift(&s, &start, &end, ov.as_ref());
                let blocked = match (&preview, &r) {
                    (Ok(p), Ok(r)) => {
                        assert_eq!(p, &r.verdicts, "check_move({s:?}, {start:?}, {end:?}) is what move_shift judged");
                        newly_blocks(r)
                    }
                    (Err(_), Err(_)) => false,
                    // A bad override is an error before anything is judged.
                    (Ok(_), Err(e)) if e.problems()[0].path.starts_with("override.") => {
                        assert!(ov.is_some(), "an override error without an override");
                        false
                    }
                    (p, r) => panic!("check_move and move_shift disagree on the arguments: {p:?} / {r:?}"),
                };
                Some((r, blocked))
            }
            Op::Place { emp, start, end, location, role, queues, requires, ignore } => {
                let (start, end) = cx.window(start, end);
                let requires = match requires {
                    None => None,
                    Some(ReqArg::Code(c)) => Some(credgate::Value::from(cx.codes[*c as usize % cx.codes.len()].as_str())),
                    Some(ReqArg::Any(cs)) => {
                        let items = cs.iter().take(4).map(|&c| credgate::Value::from(cx.codes[c as usize % cx.codes.len()].as_str())).collect();
                        Some(credgate::Value::Object(vec![("any".into(), credgate::Value::Array(items))]))
                    }
                    Some(ReqArg::Raw(text)) => credgate::Value::parse(text).ok(),
                };
                let p = Placement {
                    start,
                    end,
                    location_id: location.as_ref().map(|l| Cx::pick(&cx.places[0], l, "nowhere")),
                    team_id: None,
                    role_id: role.as_ref().map(|r| Cx::pick(&cx.places[1], r, "no-role")),
                    queue_ids: queues.iter().take(3).map(|q| Cx::pick(&cx.places[2], q, "no-queue")).collect(),
                    requires,
                };
                let ignore = ignore.as_ref().map(|i| cx.shift(i));
                if let Ok(v) = engine.check_placement(&cx.emp(emp), &p, ignore.as_deref()) {
                    assert_eq!(v.shift_id, ignore, "a placement's verdict is named after ignoreShiftId");
                }
                None
            }
            Op::CheckMoved { emp, shift, start, end } => {
                let (e, s) = (cx.emp(emp), cx.shift(shift));
                let (start, end) = cx.window(start, end);
                let _ = engine.check_moved(&e, &s, &start, &end);
                None
            }
        };
        let changed = matches!(&edit, Some((Ok(r), _)) if r.applied);
        if !changed {
            let after = snapshot(&engine);
            assert!(after.0 == before.0, "{op:?} did not apply ({edit:?}) but changed the export");
            assert!(after.1 == before.1, "{op:?} did not apply ({edit:?}) but changed a verdict");
            assert_eq!(after.2, before.2, "{op:?} did not apply but logged an override");
            if let Some((Ok(r), _)) = &edit {
                assert!(r.created.is_empty() && r.cleared.is_empty(), "{op:?} did not apply but reports findings {r:?}");
                assert!(r.override_entry.is_none(), "{op:?} did not apply but returned an override entry");
            }
        } else if let Some((Ok(r), blocked)) = &edit {
            assert!(!r.refused, "an applied edit is not refused");
            let findings_after = all_findings(&engine);
            assert!(
                same_set(&r.created, &minus(&findings_after, &findings_before)) && same_set(&r.cleared, &minus(&findings_before, &findings_after)),
                "{op:?}: the created/cleared findings are not the change in all findings: {r:#?}"
            );
            assert_eq!(r.override_entry.is_some(), *blocked, "{op:?}: an override is logged exactly when the edit newly blocked");
            assert_eq!(engine.overrides().len(), before.2 + usize::from(*blocked));
        }
        if let Some((Ok(r), blocked)) = &edit {
            assert!(!(r.applied && r.refused), "applied and refused at once");
            if r.refused {
                assert!(*blocked, "{op:?}: refused without newly blocking: {r:?}");
            }
        }
        fast_path_agrees(&engine);
    }
    credgate_fuzz::deep(&engine);
});
