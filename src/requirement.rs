//! Requirements: which credential codes a shift needs, and how `any`, `all` and `satisfies`
//! combine.
//!
//! A requirement is a credential code, `{"all": [...]}` or `{"any": [...]}`, nested freely. What
//! an assignment of an employee to a shift requires is the `all` of its role's, its location's,
//! each of its queues' and the shift's own requirement. Codes are checked at load: a code that
//! names no credential type is an error, because a typo must not silently drop a requirement.
//!
//! # How groups combine
//!
//! Each code is judged on its own (see the `verdict` module) and gets an outcome, ranked from
//! best to worst: met, met but expiring soon, in grace, waived, and then not met. An `all` group
//! is as good as its worst member and reports every member that is not plainly met; an `any`
//! group is as good as its best member, and reports only that member when it is met, or every
//! member when none is. `{"all": []}` is met; `{"any": []}` is refused at load, since it could
//! never be met.
//!
//! # `satisfies` is explicit and never chained
//!
//! A record of type T meets code C when T is C or T's `satisfies` lists C. If ACLS-EP satisfies
//! ACLS and ACLS satisfies BLS, an ACLS-EP card still does not meet BLS: equivalences are what a
//! file says, not what can be inferred. Waivers meet only their own code.
//!
//! # Example
//!
//! ```
//! use credgate::Engine;
//! let credentials = r#"{
//!   "credentialTypes": [{"code": "ACLS"}, {"code": "PALS"}, {"code": "BLS"}],
//!   "credentials": [{"id": "c1", "employeeId": "e1", "code": "PALS", "validUntil": null},
//!                   {"id": "c2", "employeeId": "e1", "code": "BLS", "validUntil": null}]
//! }"#;
//! let roster = r#"{
//!   "employees": [{"id": "e1"}],
//!   "shifts": [{"id": "s1", "start": "2026-12-01T07:00:00Z", "end": "2026-12-01T19:00:00Z",
//!               "requires": {"all": ["BLS", {"any": ["ACLS", "PALS"]}]}}]
//! }"#;
//! let engine = Engine::load(roster, credentials).unwrap().engine;
//! let verdict = engine.check("e1", "s1").unwrap();
//! assert_eq!(verdict.status, credgate::Status::Ok);
//! assert_eq!(verdict.evidence.len(), 2); // BLS by c2, PALS by c1
//! ```

use crate::json::{Node, Value};
use crate::load::{concat, element_path};

/// A compiled requirement: codes are interned indexes of credential types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Req {
    /// One credential code.
    Code(u32),
    /// Every member must be met.
    All(Vec<Req>),
    /// At least one member must be met.
    Any(Vec<Req>),
}

impl Req {
    /// Writes the requirement back as JSON, naming codes with `code_name`.
    pub fn to_value(&self, code_name: &dyn crate::call::Call<u32, String>) -> Value {
        // One construction for both groups, where each wrote its own.
        let (key, items) = match self {
            Req::Code(c) => return Value::String(code_name.call(*c)),
            Req::All(items) => ("all", items),
            Req::Any(items) => ("any", items),
        };
        Value::Object(vec![(key.into(), Value::Array(items.iter().map(|r| r.to_value(code_name)).collect()))])
    }

    /// Calls `f` for every code in the requirement, depth first.
    pub fn for_each_code(&self, f: &mut dyn crate::call::CallMut<u32>) {
        match self {
            Req::Code(c) => f.call_mut(*c),
            Req::All(items) | Req::Any(items) => items.iter().for_each(|r| r.for_each_code(f)),
        }
    }

    /// Appends every code in the requirement to `out`, depth first: one closure for the
    /// reports that collect codes (gaps, alerts), where each site had its own copy.
    pub(crate) fn push_codes(&self, out: &mut Vec<u32>) {
        self.for_each_code(&mut |c: u32| out.push(c));
    }
}

/// Why a JSON value is not a requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReqError {
    /// The path below the requirement's own path (`""`, `.all[2]`...).
    pub suffix: String,
    /// What is wrong.
    pub message: String,
}

/// What resolves a requirement's codes: a code's index, or the message of an unknown code. A
/// [`Call`](crate::call::Call), not a `dyn Fn`, whose table held a never-called `call_once`
/// copy of each caller's closure.
pub(crate) type Lookup<'l> = dyn for<'c> crate::call::Call<&'c str, Result<u32, String>> + 'l;

/// Parses a requirement, resolving codes with `lookup`. Returns every problem found.
///
/// `null` is not handled here: the caller decides where `null` means "no requirement".
pub fn parse(value: &Value, lookup: &Lookup) -> Result<Req, Vec<ReqError>> {
    parse_node(&Node::of(value), lookup)
}

/// [`parse`] of a requirement read in place from a document (the loader's).
pub(crate) fn parse_node(value: &Node<'_>, lookup: &Lookup) -> Result<Req, Vec<ReqError>> {
    let mut errors = Vec::new();
    let req = parse_at(value, lookup, String::new(), &mut errors);
    match req {
        Some(r) if errors.is_empty() => Ok(r),
        _ => Err(errors),
    }
}

fn parse_at(value: &Node<'_>, lookup: &Lookup, suffix: String, errors: &mut Vec<ReqError>) -> Option<Req> {
    let found = match value {
        Node::String(code) => match lookup.call(code) {
            Ok(c) => return Some(Req::Code(c)),
            Err(message) => return refuse(errors, suffix, message),
        },
        Node::Object(fields) => match fields.as_slice() {
            [(key, inner)] if key == "all" || key == "any" => {
                let any = key == "any";
                // The paths and messages written by the loader's own helpers, not `format!`.
                let group = concat(&[&suffix, ".", key]);
                let Node::Array(items) = inner else {
                    return refuse(errors, group, concat(&["expected an array of requirements, found ", inner.type_name()]));
                };
                if any && items.is_empty() {
                    return refuse(errors, group, "an empty \"any\" can never be met; remove it or list at least one code".into());
                }
                let mut out = Vec::with_capacity(items.len());
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    match parse_at(item, lookup, element_path(&group, i), errors) {
                        Some(r) => out.push(r),
                        None => ok = false,
                    }
                }
                if !ok {
                    return None;
                }
                return Some(if any { Req::Any(out) } else { Req::All(out) });
            }
            _ => "an object with other keys",
        },
        other => other.type_name(),
    };
    refuse(errors, suffix, concat(&["expected a credential code, {\"all\": [...]} or {\"any\": [...]}, found ", found]))
}

/// Records a problem at `suffix` and answers no requirement: one out-of-line push for the four
/// problems, where each wrote its own.
#[inline(never)]
fn refuse(errors: &mut Vec<ReqError>, suffix: String, message: String) -> Option<Req> {
    errors.push(ReqError { suffix, message });
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse as parse_json;

    fn lookup(code: &str) -> Result<u32, String> {
        match code {
            "A" => Ok(0),
            "B" => Ok(1),
            _ => Err(format!("unknown code {code}")),
        }
    }

    fn req(text: &str) -> Result<Req, Vec<ReqError>> {
        parse(&parse_json(text).unwrap().value, &lookup)
    }

    #[test]
    fn parses_nested_groups() {
        assert_eq!(req(r#"{"all": ["A", {"any": ["A", "B"]}]}"#), Ok(Req::All(vec![Req::Code(0), Req::Any(vec![Req::Code(0), Req::Code(1)])])));
        assert_eq!(req(r#"{"all": []}"#), Ok(Req::All(vec![])));
    }

    #[test]
    fn reports_every_problem_with_its_path() {
        let errs = req(r#"{"all": ["X", {"any": []}, 3, {"all": "A"}, {"one": ["A"]}]}"#).unwrap_err();
        let suffixes: Vec<_> = errs.iter().map(|e| e.suffix.as_str()).collect();
        assert_eq!(suffixes, [".all[0]", ".all[1].any", ".all[2]", ".all[3].all", ".all[4]"]);
    }

    #[test]
    fn round_trips_to_json() {
        let r = req(r#"{"any": ["A", {"all": ["B"]}]}"#).unwrap();
        let names = |c: u32| if c == 0 { "A".to_string() } else { "B".to_string() };
        assert_eq!(r.to_value(&names).to_json(), r#"{"any":["A",{"all":["B"]}]}"#);
    }
}
