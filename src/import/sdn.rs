//! OFAC's own SDN files, read into one model shared by the legacy CSV pair ([`super::sdn_csv`])
//! and the XML file ([`super::sdn_xml`]); each entry becomes an entity the way the Consolidated
//! Screening List path makes one of the same record ([`super::csl`]): individuals, vessels and
//! aircraft skipped and counted under the CSL's type names, the name then the alternate names
//! in file order, the programs as the designation's note. The CSL conversion of the same data
//! and this import give the same names, aliases and programs (`tests/sdn_files.rs`).

use super::csl::SKIPPED_TYPES;
use super::{clean, Builder, Name};
use crate::catalog::{Confidence, Designation, Entity, Tier};

/// What the SDN list calls its entry types (`SDN_Type`, `sdnType`); `Entity` is written `-0-`
/// in the CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Entity,
    Individual,
    Vessel,
    Aircraft,
}

impl Kind {
    /// The kind an `SDN_Type` / `sdnType` value names, case-insensitively; `None` when the
    /// value is none of them.
    pub(crate) fn parse(value: &str) -> Option<Kind> {
        let v = value.trim();
        [
            ("entity", Kind::Entity),
            ("individual", Kind::Individual),
            ("vessel", Kind::Vessel),
            ("aircraft", Kind::Aircraft),
        ]
        .into_iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(v))
        .map(|(_, k)| k)
    }

    /// Why an entry of this kind is skipped (the CSL's type names), or `None` for an entity.
    fn skipped(self) -> Option<&'static str> {
        match self {
            Kind::Entity => None,
            Kind::Individual => Some(SKIPPED_TYPES[0]),
            Kind::Vessel => Some(SKIPPED_TYPES[1]),
            Kind::Aircraft => Some(SKIPPED_TYPES[2]),
        }
    }
}

/// One SDN entry, located in the builder's text.
#[derive(Debug)]
pub(crate) struct Entry {
    /// Where the entry starts.
    pub offset: usize,
    /// `ent_num` / `uid`: the entry's number, unique in OFAC's files.
    pub number: String,
    pub kind: Kind,
    /// The primary name, with its field and offset.
    pub name: Name,
    /// The alternate names (a.k.a., f.k.a., n.k.a.), in file order.
    pub akas: Vec<Name>,
    pub programs: Vec<String>,
    /// Where the programs were read, for errors about the list.
    pub programs_field: (usize, String),
}

/// The list every SDN entry is on.
pub(crate) const LIST_NAME: &str = "Specially Designated Nationals and Blocked Persons List (SDN)";
const AUTHORITY: &str = "Office of Foreign Assets Control (OFAC), US Department of the Treasury";
const LIST_URL: &str = "https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists";

/// The programs of a CSV `Program` cell: `SDGT] [IFSR` (the outer brackets are not written)
/// or one program.
pub(crate) fn split_programs(cell: &str) -> Vec<String> {
    cell.split("] [")
        .map(|p| clean(p.trim_matches(|c: char| c == '[' || c == ']' || c.is_whitespace())))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Adds `entry` to the builder: skipped and counted, or an entity designated on the SDN list.
pub(crate) fn push(b: &mut Builder<'_>, entry: Entry) {
    if let Some(reason) = entry.kind.skipped() {
        return b.skip(reason);
    }
    let errors_before = b.error_count();
    let canonical = clean(&entry.name.text);
    if canonical.is_empty() {
        return b.error(entry.name.offset, entry.name.field, "the entry has no name");
    }
    let names_field = entry.name.field.clone();
    let mut names = vec![entry.name];
    names.extend(entry.akas);
    let aliases = b.aliases(names, entry.offset, &names_field);
    if b.error_count() > errors_before {
        return;
    }
    if aliases.is_empty() {
        return b.skip("no name of 3 or more characters");
    }
    let list = b.list_id(
        "",
        "ofac-sdn",
        LIST_NAME,
        Some(AUTHORITY.to_string()),
        Some(LIST_URL.to_string()),
        (entry.programs_field.0, &entry.programs_field.1),
    );
    let source = b.source_id(
        "ofac-sdn",
        "OFAC Specially Designated Nationals and Blocked Persons List",
        "Office of Foreign Assets Control, US Department of the Treasury",
        Some(LIST_URL.to_string()),
        Confidence::Primary,
    );
    let id = b.entity_id("sdn", Some(&entry.number), b.entity_count() + 1);
    let programs = &entry.programs;
    let entity = Entity {
        id,
        name: canonical,
        name_zh: None,
        name_zh_hant: None,
        kind: None,
        country: None,
        family: None,
        tier: Tier::Designated,
        summary: None,
        aliases,
        designations: vec![Designation {
            list,
            added: None,
            removed: None,
            citation: None,
            source: Some(source),
            note: (!programs.is_empty()).then(|| format!("programs: {}", programs.join("; "))),
        }],
        claims: Vec::new(),
        responses: Vec::new(),
        relations: Vec::new(),
    };
    b.push_entity(entity, entry.offset);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs() {
        assert_eq!(split_programs("SDGT] [IFSR"), ["SDGT", "IFSR"]);
        assert_eq!(
            split_programs("[IRAN] [NPWMD] [IFSR]"),
            ["IRAN", "NPWMD", "IFSR"]
        );
        assert_eq!(split_programs("CUBA"), ["CUBA"]);
        assert!(split_programs(" ").is_empty());
    }

    #[test]
    fn kinds() {
        assert_eq!(Kind::parse("individual"), Some(Kind::Individual));
        assert_eq!(Kind::parse(" Vessel "), Some(Kind::Vessel));
        assert_eq!(Kind::parse("Entity"), Some(Kind::Entity));
        assert_eq!(Kind::parse("ship"), None);
    }
}
