//! Importers: turn published rostering data sets into credgate documents.
//!
//! Each importer parses an external text format and builds the roster and credentials
//! documents described in SPEC §2, as `serde_json::Value`s ready to serialise and load.

pub mod inrc2;
