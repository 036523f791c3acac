//! The HTML element model: which elements are skipped, which are inline and which are blocks.
//! One table (`data/html-elements.json`) for the CLI's HTML reader, the website and the
//! extension: the CLI reads it here, the JavaScript builds get it from the WASM engine's
//! `constants()` at build time, and `tests/site/elements.test.mjs` runs the same cases through
//! all three readers.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::OnceLock;

/// The table as written in `data/html-elements.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ElementTable {
    /// What the table means, for people reading the data file.
    pub about: String,
    /// Elements whose content is never page text (not shown, or the user's own input).
    pub skipped: Vec<String>,
    /// Elements whose text joins the surrounding block.
    pub inline: Vec<String>,
    /// Elements that never hold text (HTML's void elements): they end no block.
    pub void: Vec<String>,
    /// The void element that does end a block.
    pub line_break: String,
}

/// What an element is to a reader of page text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Its content is not page text.
    Skipped,
    /// Its text joins the surrounding block.
    Inline,
    /// A void element other than the line break: no text, no effect on blocks.
    Void,
    /// Its text is a block apart from the text around it (also the line break).
    Block,
}

/// The table with its lookups.
#[derive(Debug)]
pub struct ElementModel {
    table: ElementTable,
    skipped: HashSet<String>,
    inline: HashSet<String>,
    void: HashSet<String>,
}

const SOURCE: &str = include_str!("../data/html-elements.json");

impl ElementModel {
    /// Parses and checks a table: every name lower case, no element both skipped and inline.
    pub(crate) fn parse(text: &str) -> Result<ElementModel, String> {
        let table: ElementTable = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let all = table.skipped.iter().chain(&table.inline).chain(&table.void);
        if let Some(bad) = all
            .clone()
            .find(|n| n.is_empty() || n.to_lowercase() != **n)
        {
            return Err(format!("element name {bad:?} is not lower case"));
        }
        let set = |names: &[String]| names.iter().cloned().collect::<HashSet<_>>();
        let (skipped, inline, void) = (set(&table.skipped), set(&table.inline), set(&table.void));
        if let Some(both) = skipped.intersection(&inline).next() {
            return Err(format!("{both:?} is both skipped and inline"));
        }
        if !void.contains(&table.line_break) {
            return Err(format!("the line break {:?} is not void", table.line_break));
        }
        Ok(ElementModel {
            table,
            skipped,
            inline,
            void,
        })
    }

    /// What element `name` (lower case) is; an element the table does not list is a block.
    pub fn kind(&self, name: &str) -> Kind {
        if self.skipped.contains(name) {
            Kind::Skipped
        } else if self.inline.contains(name) {
            Kind::Inline
        } else if self.void.contains(name) && name != self.table.line_break {
            Kind::Void
        } else {
            Kind::Block
        }
    }

    /// True for an element that holds no content (its start tag is all of it).
    pub fn is_void(&self, name: &str) -> bool {
        self.void.contains(name)
    }

    /// The table itself (what the JavaScript builds are given).
    pub fn table(&self) -> &ElementTable {
        &self.table
    }
}

/// The model every bioflag build uses (`data/html-elements.json`, embedded).
pub fn model() -> &'static ElementModel {
    static MODEL: OnceLock<ElementModel> = OnceLock::new();
    // The table is part of the source: `embedded_table_is_valid` below fails the build's tests
    // before a broken one could ship.
    MODEL.get_or_init(|| ElementModel::parse(SOURCE).expect("data/html-elements.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_is_valid() {
        assert!(ElementModel::parse(SOURCE).is_ok());
    }

    #[test]
    fn kinds() {
        let m = model();
        assert_eq!(m.kind("script"), Kind::Skipped);
        assert_eq!(m.kind("b"), Kind::Inline);
        assert_eq!(m.kind("p"), Kind::Block);
        assert_eq!(m.kind("br"), Kind::Block);
        assert_eq!(m.kind("img"), Kind::Void);
        assert_eq!(m.kind("input"), Kind::Skipped);
        assert_eq!(m.kind("my-widget"), Kind::Block);
    }

    #[test]
    fn rejects_bad_tables() {
        let t = |skipped: &str, inline: &str| {
            format!(
                r#"{{"about": "", "skipped": [{skipped}], "inline": [{inline}], "void": ["br"], "lineBreak": "br"}}"#
            )
        };
        assert!(ElementModel::parse(&t(r#""p""#, r#""p""#))
            .unwrap_err()
            .contains("both skipped and inline"));
        assert!(ElementModel::parse(&t(r#""P""#, ""))
            .unwrap_err()
            .contains("lower case"));
        assert!(ElementModel::parse(r#"{"skipped": []}"#).is_err());
    }
}
