//! Operations (SPEC §6): what a batch is made of, read from JSON with every problem collected.
//!
//! An operation is a JSON object with an `op`: `assign` and `unassign` (`employeeId`,
//! `shiftId`), `moveShift` (`shiftId`, `start`, `end`), `put` (`collection`, `record`) and
//! `remove` (`collection`, `id`). Reading one checks its shape only: the ids it names and the
//! record it puts are read when the batch is applied, each op seeing the ones before it.
//!
//! ```
//! use credgate::{Collection, Op, Value};
//! let batch = Value::parse(r#"[{"op": "assign", "employeeId": "e1", "shiftId": "s1"},
//!                       {"op": "remove", "collection": "event", "id": "x"},
//!                       {"op": "fly"}]"#).unwrap();
//! let problems = Op::parse_batch(&batch).unwrap_err();
//! let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
//! assert_eq!(lines, [
//!     "ops[1].collection: expected one of \"employees\", \"shifts\", \"credentials\", \"waivers\", \"trainings\", \"sessions\", \"events\", found \"event\"",
//!     "ops[2].op: expected \"assign\", \"unassign\", \"moveShift\", \"put\" or \"remove\", found \"fly\"",
//! ]);
//! let ok = Value::parse(r#"[{"op": "remove", "collection": "credentials", "id": "cr-1"}]"#).unwrap();
//! assert_eq!(Op::parse_batch(&ok).unwrap(), [Op::Remove { collection: Collection::Credentials, id: "cr-1".into() }]);
//! ```

use crate::error::{quoted, Document, Problem};
use crate::json::Value;
use crate::load::{child, concat};

names! {
    /// A collection an operation can `put` into or `remove` from.
    pub enum Collection {
        /// The roster's `employees`.
        Employees = "employees",
        /// The roster's `shifts`.
        Shifts = "shifts",
        /// The credentials document's `credentials`.
        Credentials = "credentials",
        /// The credentials document's `waivers`.
        Waivers = "waivers",
        /// The credentials document's `trainings`.
        Trainings = "trainings",
        /// The credentials document's `sessions` (SPEC §7).
        Sessions = "sessions",
        /// The credentials document's `events` (SPEC §8).
        Events = "events",
    }
}

impl Collection {
    /// What one element is called in messages.
    pub(crate) fn noun(self) -> &'static str {
        match self {
            Collection::Employees => "employee",
            Collection::Shifts => "shift",
            Collection::Credentials => "credential",
            Collection::Waivers => "waiver",
            Collection::Trainings => "training",
            Collection::Sessions => "session",
            Collection::Events => "event",
        }
    }

    /// 0 to 6, in the order of [`Collection::ALL`] (the order of the definition).
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// Whether the collection is in the roster document (else the credentials document).
    pub(crate) fn in_roster(self) -> bool {
        matches!(self, Collection::Employees | Collection::Shifts)
    }
}

/// One operation of a batch (SPEC §6).
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Puts an employee on a shift (nothing happens when they are on it already).
    Assign {
        /// The employee.
        employee_id: String,
        /// The shift.
        shift_id: String,
    },
    /// Takes an employee off a shift (nothing happens when they are not on it).
    Unassign {
        /// The employee.
        employee_id: String,
        /// The shift.
        shift_id: String,
    },
    /// Moves a shift, with the people on it, to `[start, end)`.
    MoveShift {
        /// The shift.
        shift_id: String,
        /// RFC 3339 instant with an offset: the offset is kept.
        start: String,
        /// RFC 3339 instant with an offset.
        end: String,
    },
    /// Inserts a record, or replaces the record with the same `id` whole. The record is read by
    /// exactly the rules of SPEC §2 for an element of its collection, and exported as given.
    Put {
        /// Where.
        collection: Collection,
        /// The record, as given.
        record: Value,
    },
    /// Removes a record. Removing an employee also takes them off every shift; their records
    /// stay, as orphans.
    Remove {
        /// Where.
        collection: Collection,
        /// The record's id.
        id: String,
    },
}

fn problem(path: String, message: String) -> Problem {
    Problem { path, message, document: Document::Argument }
}

/// A list of the one problem `p`: one copy of its allocation for the three ways a batch or an
/// operation fails whole, where each `vec![p]` wrote it in place.
#[inline(never)]
fn alone(p: Problem) -> Vec<Problem> {
    vec![p]
}

/// Adds the problem of the field `key` of the operation at `path`, its message the `message`
/// parts joined: one copy of the path's and the message's writing for every field's problem
/// (where each wrote its message apart, a `concat` or a copy of a text).
#[inline(never)]
fn field_problem(problems: &mut Vec<Problem>, path: &str, key: &str, message: &[&str]) {
    problems.push(problem(child(path, key), concat(message)));
}

/// The string field `key` of an operation's object at `path`: `None`, with a problem, when it
/// is missing (pointing at a misspelt key of the object when there is one) or not a string. One
/// copy for every field of every operation (decision 126). Borrowed: [`Op::parse`] copies the
/// fields of an operation with no problem only.
#[inline(never)]
fn string_field<'v>(fields: &'v [(String, Value)], path: &str, key: &str, problems: &mut Vec<Problem>) -> Option<&'v str> {
    let value = fields.iter().find(|(k, _)| k == key).map(|(_, v)| v);
    match value {
        None | Some(Value::Null) => {
            let near = fields.iter().map(|(k, _)| k.as_str()).find(|k| *k != key && crate::load::near_miss(k, std::iter::once(key)).is_some());
            match near {
                Some(k) => field_problem(problems, path, key, &["is required (this operation has ", &quoted(k), ": did you mean ", &quoted(key), "?)"]),
                None => field_problem(problems, path, key, &["is required"]),
            }
            None
        }
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            field_problem(problems, path, key, &["expected a string, found ", other.type_name()]);
            None
        }
    }
}

/// The names of [`Collection::ALL`] as the message of an unknown one lists them (a test checks
/// them against the enumeration).
const COLLECTIONS: &str = "\"employees\", \"shifts\", \"credentials\", \"waivers\", \"trainings\", \"sessions\", \"events\"";

/// The kinds of operation, by the value of `op`, with the string fields each reads, in the
/// order their problems are listed: one table instead of a reading per kind.
const KIND_NAMES: [&str; 5] = ["assign", "unassign", "moveShift", "put", "remove"];
const KIND_KEYS: [&[&str]; 5] = [&["employeeId", "shiftId"], &["employeeId", "shiftId"], &["shiftId", "start", "end"], &["collection"], &["collection", "id"]];

impl Op {
    /// Reads one operation; `path` names it in problems (`ops[2]`).
    pub fn parse(v: &Value, path: &str) -> Result<Op, Vec<Problem>> {
        let Value::Object(fields) = v else {
            return Err(alone(problem(crate::load::own(path), concat(&["expected an operation object, found ", v.type_name()]))));
        };
        let mut problems = Vec::new();
        let Some(name) = string_field(fields, path, "op", &mut problems) else { return Err(problems) };
        let Some((kind, keys)) = crate::names::position(&KIND_NAMES, name).and_then(|k| Some((k, *KIND_KEYS.get(k)?))) else {
            field_problem(&mut problems, path, "op", &["expected \"assign\", \"unassign\", \"moveShift\", \"put\" or \"remove\", found ", &quoted(name)]);
            return Err(problems);
        };
        let mut got: [Option<&str>; 3] = [None; 3];
        let mut collection = None;
        for (slot, &key) in got.iter_mut().zip(keys) {
            *slot = string_field(fields, path, key, &mut problems);
            if let (Some(text), "collection") = (*slot, key) {
                collection = Collection::from_name(text);
                if collection.is_none() {
                    field_problem(&mut problems, path, "collection", &["expected one of ", COLLECTIONS, ", found ", &quoted(text)]);
                }
            }
        }
        let record = match (kind, v.get("record")) {
            (3, None | Some(Value::Null)) => {
                field_problem(&mut problems, path, "record", &["is required"]);
                None
            }
            (3, Some(r)) => Some(r),
            _ => None,
        };
        if kind == 4 && got[1] == Some("") {
            field_problem(&mut problems, path, "id", &["must not be empty"]);
        }
        // Every field read when nothing is wrong, and only then copied (no copy to drop).
        let own = crate::load::own;
        match (kind, got, collection, record) {
            _ if !problems.is_empty() => Err(problems),
            (0, [Some(employee_id), Some(shift_id), _], ..) => Ok(Op::Assign { employee_id: own(employee_id), shift_id: own(shift_id) }),
            (1, [Some(employee_id), Some(shift_id), _], ..) => Ok(Op::Unassign { employee_id: own(employee_id), shift_id: own(shift_id) }),
            (2, [Some(shift_id), Some(start), Some(end)], ..) => Ok(Op::MoveShift { shift_id: own(shift_id), start: own(start), end: own(end) }),
            (3, _, Some(collection), Some(record)) => Ok(Op::Put { collection, record: record.clone() }),
            (4, [_, Some(id), _], Some(collection), _) => Ok(Op::Remove { collection, id: own(id) }),
            _ => Err(problems),
        }
    }

    /// Reads a batch: a JSON array of operations. Fails with every problem of every operation,
    /// each at `ops[i]...`.
    pub fn parse_batch(v: &Value) -> Result<Vec<Op>, Vec<Problem>> {
        let (ops, problems) = Op::parse_each(v);
        if problems.is_empty() {
            Ok(ops.into_iter().flatten().collect())
        } else {
            Err(problems)
        }
    }

    /// Reads a batch from JSON text (a key repeated within one object is an error, as in a
    /// document).
    pub fn parse_batch_text(text: &str) -> Result<Vec<Op>, Vec<Problem>> {
        let v = parse_text(text)?;
        Op::parse_batch(&v)
    }

    /// A batch's JSON text as a [`Value`] for [`Engine::apply_value`](crate::Engine::apply_value):
    /// malformed JSON is one problem at `ops`, a key repeated within one object one at its path
    /// (`ops[1].shiftId`), as a document's would be.
    pub fn batch_value(text: &str) -> Result<Value, Vec<Problem>> {
        parse_text(text)
    }

    /// [`Op::batch_value`], except that a key repeated within one object does not end the
    /// reading: the value comes back with one problem per repeated key, for
    /// [`Engine::run_value`](crate::Engine::run_value) to report beside the ops' own problems
    /// (so that a batch's every problem is listed, as a document's are). Malformed JSON is
    /// still one problem at `ops`.
    pub fn batch_value_noting(text: &str) -> Result<(Value, Vec<Problem>), Vec<Problem>> {
        match crate::json::parse(text) {
            Err(e) => Err(alone(malformed(&e))),
            Ok(parsed) => {
                let problems = parsed.duplicates.iter().map(repeated).collect();
                Ok((parsed.value, problems))
            }
        }
    }

    /// Each operation of a batch (`None` where it has problems), and every problem.
    pub(crate) fn parse_each(v: &Value) -> (Vec<Option<Op>>, Vec<Problem>) {
        let Value::Array(items) = v else {
            return (Vec::new(), alone(problem(crate::load::own("ops"), concat(&["expected an array of operations, found ", v.type_name()]))));
        };
        let mut problems = Vec::new();
        let mut ops = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            ops.push(match Op::parse(item, &crate::load::element_path("ops", i)) {
                Ok(op) => Some(op),
                Err(mut p) => {
                    problems.append(&mut p);
                    None
                }
            });
        }
        (ops, problems)
    }

    /// The operation as JSON, as the change log keeps it (a `put`'s record as given).
    pub fn to_value(&self) -> Value {
        use super::{field, text};
        let mut o = Vec::new();
        let out = &mut o;
        match self {
            Op::Assign { employee_id, shift_id } | Op::Unassign { employee_id, shift_id } => {
                text(out, "op", if matches!(self, Op::Assign { .. }) { "assign" } else { "unassign" });
                text(out, "employeeId", employee_id);
                text(out, "shiftId", shift_id);
            }
            Op::MoveShift { shift_id, start, end } => {
                text(out, "op", "moveShift");
                text(out, "shiftId", shift_id);
                text(out, "start", start);
                text(out, "end", end);
            }
            Op::Put { collection, record } => {
                text(out, "op", "put");
                text(out, "collection", collection.as_str());
                field(out, "record", record.clone());
            }
            Op::Remove { collection, id } => {
                text(out, "op", "remove");
                text(out, "collection", collection.as_str());
                text(out, "id", id);
            }
        }
        Value::Object(o)
    }

    /// Whether the operation places people (SPEC §6): an `assign`, a `moveShift` or a `put` of
    /// a shift. Only such a batch can be refused.
    pub fn places_people(&self) -> bool {
        matches!(self, Op::Assign { .. } | Op::MoveShift { .. } | Op::Put { collection: Collection::Shifts, .. })
    }
}

/// Parses a batch's JSON text: malformed JSON is one problem at `ops`; a repeated key one at
/// its path.
pub(crate) fn parse_text(text: &str) -> Result<Value, Vec<Problem>> {
    match Op::batch_value_noting(text)? {
        (value, repeated) if repeated.is_empty() => Ok(value),
        (_, repeated) => Err(repeated),
    }
}

/// The problem of a batch's text that is not JSON.
fn malformed(e: &crate::json::ParseError) -> Problem {
    problem("ops".into(), format!("malformed JSON at line {}, column {}: {}", e.line, e.column, e.message))
}

/// The problem of a key repeated within one object of a batch's text.
fn repeated((_, d): &(usize, crate::json::DuplicateKey)) -> Problem {
    let at = if d.object_path.is_empty() { "ops".to_string() } else { format!("ops{}", d.object_path) };
    problem(format!("{at}.{}", d.key), format!("the key {} appears more than once in this object (again at line {})", quoted(&d.key), d.line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_of_an_unknown_collection_lists_every_collection() {
        let listed: Vec<String> = Collection::ALL.iter().map(|c| format!("\"{}\"", c.as_str())).collect();
        assert_eq!(COLLECTIONS, listed.join(", "));
    }
}
