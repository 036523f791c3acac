//! The entity catalog: its model, parsing with located errors, lint, and the built-in copy.

pub(crate) mod error;
pub mod lint;
pub mod load;
pub(crate) mod locate;
pub(crate) mod model;
pub mod validate;

pub use error::{ErrorKind, ListError, ListErrors};
pub use lint::Strictness;
pub use load::parse_catalog;
pub use model::*;

use crate::{fold::fold_pattern, suffix};

/// The curated catalog's JSON, embedded into every build.
pub const BUILTIN_JSON: &str = include_str!("../../data/catalog.json");

/// Parses the built-in catalog. It is linted by the test suite, so failing here is a build bug.
pub fn builtin() -> Catalog {
    parse_catalog(BUILTIN_JSON, "built-in catalog", Strictness::Curated)
        .unwrap_or_else(|e| panic!("the built-in catalog is invalid:\n{e}"))
}

/// The form under which an alias is matched and compared: folded, legal suffix removed.
pub fn alias_key(text: &str) -> String {
    suffix::strip(&fold_pattern(text)).to_string()
}

impl Catalog {
    /// Index of the entity with this id.
    pub fn entity_index(&self, id: &str) -> Option<usize> {
        self.entities.iter().position(|e| e.id == id)
    }

    /// Index of the root of entity `i`'s matching family (itself if it has no family); a cycle stops
    /// at the last entity before it repeats.
    pub fn family_root(&self, mut i: usize) -> usize {
        for _ in 0..self.entities.len() {
            match self.entities[i]
                .family
                .as_deref()
                .and_then(|p| self.entity_index(p))
            {
                Some(p) if p != i => i = p,
                _ => break,
            }
        }
        i
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The official list with this id.
    pub fn official_list(&self, id: &str) -> Option<&OfficialList> {
        self.lists.iter().find(|l| l.id == id)
    }
}
