//! Lists a user imports. Today: bioflag's own JSON format (see `data/SCHEMA.md`), held to the
//! rules matching and display need ([`Strictness::Imported`]).

use crate::catalog::{parse_catalog, Catalog, ListErrors, Strictness};

/// Parses an imported list. `name` names it in errors (a file name, or the name the user gave).
pub fn parse_list(text: &str, name: &str) -> Result<Catalog, ListErrors> {
    parse_catalog(text, name, Strictness::Imported)
}
