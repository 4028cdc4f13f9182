//! The one definition of every name that crosses to JSON, the CLI and JavaScript: the
//! [`names!`] macro, from which each enum of names gets its strings, its parser, its list of
//! variants, its `Serialize` impl and (through `src/wasm/generated.rs`) its TypeScript union.

/// Defines a public enum of unit variants, each with the name it has in JSON and JavaScript:
/// the one table from which come `as_str`, `from_name`, `ALL`, `NAMES`, the `Serialize` impl (the name,
/// as serde's `rename_all = "camelCase"` wrote it) and the TypeScript union of the names
/// (`src/wasm/generated.rs` writes it into the package's declarations).
macro_rules! names {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The name in JSON and JavaScript.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The names of [`ALL`](Self::ALL), in its order.
            pub(crate) const NAMES: &'static [&'static str] = &[$($text,)*];

            /// The variant of this name, if one has it.
            #[allow(dead_code)]
            pub(crate) fn from_name(name: &str) -> Option<$name> {
                $crate::names::position(Self::NAMES, name).and_then(|i| Self::ALL.get(i).copied())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_unit_variant(stringify!($name), *self as u32, self.as_str())
            }
        }
    };
}

/// The place of `name` in `names`: what every `from_name` searches. Out of line and a search
/// of the table: a `match` on strings compiles each comparison in place, once per enumeration
/// (the names are read from documents and arguments, never on a per-drag path).
#[inline(never)]
pub(crate) fn position(names: &[&str], name: &str) -> Option<usize> {
    names.iter().position(|n| *n == name)
}

/// The names of `all` as a message lists them: `"a"`, `"a" or "b"`, `"a", "b" or "c"`. Every
/// caller's names are a table (an enumeration's `NAMES`, or a list made from one), so one copy
/// reads the slice, where an iterator a caller passed was read through a `dyn Iterator` whose
/// table held `size_hint`, `advance_by` and `nth` of it too.
#[inline(never)]
pub(crate) fn alternatives(all: &[&str]) -> String {
    let mut out = String::new();
    for (i, name) in all.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == all.len() { " or " } else { ", " });
        }
        out.push('"');
        out.push_str(name);
        out.push('"');
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{AuditKind, Collection, CsvKind, DateOrder, GroupBy, ReasonKind, Severity, StandingState, Status};

    /// `from_name` reads back what `as_str` writes, for every variant of every table, and
    /// nothing else; `Serialize` writes the same name.
    #[test]
    fn names_round_trip() {
        fn check<T: Copy + PartialEq + std::fmt::Debug + serde::Serialize>(all: &[T], as_str: fn(T) -> &'static str, from_name: fn(&str) -> Option<T>) {
            for &v in all {
                assert_eq!(from_name(as_str(v)), Some(v));
                assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{}\"", as_str(v)));
            }
            assert_eq!(from_name("nonesuch"), None);
        }
        check(Status::ALL, Status::as_str, Status::from_name);
        check(Severity::ALL, Severity::as_str, Severity::from_name);
        check(ReasonKind::ALL, ReasonKind::as_str, ReasonKind::from_name);
        check(AuditKind::ALL, AuditKind::as_str, AuditKind::from_name);
        check(StandingState::ALL, StandingState::as_str, StandingState::from_name);
        check(GroupBy::ALL, GroupBy::as_str, GroupBy::from_name);
        check(CsvKind::ALL, CsvKind::as_str, CsvKind::from_name);
        check(DateOrder::ALL, DateOrder::as_str, DateOrder::from_name);
        check(Collection::ALL, Collection::as_str, Collection::from_name);
        assert_eq!(super::alternatives(DateOrder::NAMES), r#""iso", "mdy" or "dmy""#);
        assert_eq!(super::alternatives(GroupBy::NAMES), r#""location" or "team""#);
    }
}
