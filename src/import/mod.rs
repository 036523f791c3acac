//! Lists a user imports, converted into the catalog model and held to the rules matching and
//! display need ([`Strictness::Imported`]). Three formats are read:
//!
//! - bioflag's own JSON format (see `data/SCHEMA.md`): an object with `schema`;
//! - OpenSanctions FollowTheMoney exports (`entities.ftm.json`): one JSON entity per line
//!   ([`ftm`]);
//! - the US Consolidated Screening List JSON from trade.gov: `{"results": [...]}` or a bare array
//!   of records ([`csl`]);
//! - OFAC's own SDN files: the legacy CSV pair `sdn.csv` + `alt.csv` ([`sdn_csv`]) and
//!   `sdn.xml` ([`sdn_xml`]), read into one model ([`sdn`]) that gives what the CSL JSON of the
//!   same records gives.
//!
//! Every problem is reported with its line, column and field in the user's file; a list with any
//! problem is refused whole. The modules: [`detect`] (which format, or which wrong file),
//! `locate` (offsets to lines, the error cap), `builder` (typed field reads, aliases, the final
//! lint), `ids` (ids for any script), `names` (scripts, acronyms). Imported entities carry only what the list says: names, the list they are on, dates
//! when the list gives ISO dates. They get a generic card (no claims).

mod builder;
pub(crate) mod csl;
mod detect;
pub mod ftm;
mod ids;
mod names;
pub mod quality;
pub mod report;
mod sdn;
pub(crate) mod sdn_csv;
mod sdn_xml;

pub use detect::detect;

pub(crate) use crate::catalog::locate::offset_of;
pub(crate) use builder::{Builder, Name, Obj};
pub(crate) use names::clean;

use crate::catalog::load::size_error;
use crate::catalog::{parse_catalog, Catalog, ListError, ListErrors, Strictness};
use std::collections::BTreeMap;

pub use crate::catalog::locate::MAX_ERRORS;

/// The formats [`import_list`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// bioflag's own JSON format (`data/SCHEMA.md`).
    Bioflag,
    /// OpenSanctions FollowTheMoney entities, one JSON object per line.
    FollowTheMoney,
    /// The US Consolidated Screening List JSON (trade.gov).
    ScreeningList,
    /// OFAC's legacy SDN CSV: `sdn.csv`, with `alt.csv` when given.
    SdnCsv,
    /// OFAC's SDN XML (`sdn.xml`).
    SdnXml,
}

impl Format {
    /// A short name for people.
    pub fn describe(self) -> &'static str {
        match self {
            Format::Bioflag => "bioflag list",
            Format::FollowTheMoney => "OpenSanctions FollowTheMoney export",
            Format::ScreeningList => "Consolidated Screening List",
            Format::SdnCsv => "OFAC SDN CSV (sdn.csv)",
            Format::SdnXml => "OFAC SDN XML (sdn.xml)",
        }
    }
}

/// An imported list with what the import left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub catalog: Catalog,
    pub format: Format,
    /// Records not imported, by reason: the FTM schema (`Person`, `Vessel`...) or the CSL
    /// `type` (`Individual`...), or `no name of 3 or more characters`.
    pub skipped: BTreeMap<String, usize>,
    /// Names that cannot stand on their own, and what was done with each.
    pub names: Vec<NameNote>,
    /// The list writes (almost) every name in capitals, so capitals said nothing.
    pub all_capitals: bool,
    /// Short all-capital names kept strong because the whole list is in capitals.
    pub acronyms_kept_strong: usize,
    /// What the user should know although the list imported: an SDN CSV read without its
    /// alt.csv, an entry number used twice.
    pub warnings: Vec<ListError>,
}

/// A name the import weakened, restricted or dropped because it cannot stand on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameNote {
    /// Where the name is in the user's file.
    pub line: usize,
    pub field: String,
    pub name: String,
    pub problem: quality::Problem,
    pub outcome: Outcome,
}

/// What the import did with a name that cannot stand on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    /// Flagged only with support (the entity's other names or context words nearby).
    Weak,
    /// Flagged only with its legal form ("Wayside Corporation").
    FullForm,
    /// Not used: too short to match safely.
    Dropped,
}

impl Outcome {
    pub fn describe(self) -> &'static str {
        match self {
            Outcome::Weak => "made weak (flagged only next to its entity's other names)",
            Outcome::FullForm => "matched only with its legal form",
            Outcome::Dropped => "not used",
        }
    }
}

impl Imported {
    /// How many records were left out.
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }
}

/// Parses an imported list in any supported format. `name` names it in errors (a file name, or
/// the name the user gave) and, for formats without a list name, becomes the list's name.
pub fn parse_list(text: &str, name: &str) -> Result<Catalog, ListErrors> {
    import_list(text, name).map(|i| i.catalog)
}

/// Like [`parse_list`], also telling which format was read and what was skipped.
pub fn import_list(text: &str, name: &str) -> Result<Imported, ListErrors> {
    let fail = |errors: Vec<ListError>| ListErrors {
        list: name.to_string(),
        errors,
    };
    if let Some(e) = size_error(text.len()) {
        return Err(fail(vec![e]));
    }
    match detect(text).map_err(|e| fail(vec![e]))? {
        Format::Bioflag => {
            parse_catalog(text, name, Strictness::Imported).map(|catalog| Imported {
                catalog,
                format: Format::Bioflag,
                skipped: BTreeMap::new(),
                names: Vec::new(),
                all_capitals: false,
                acronyms_kept_strong: 0,
                warnings: Vec::new(),
            })
        }
        Format::FollowTheMoney => ftm::parse(text, name),
        Format::ScreeningList => csl::parse(text, name),
        Format::SdnCsv => sdn_csv::parse_text(text, name),
        Format::SdnXml => sdn_xml::parse(text, name),
    }
}

/// Imports OFAC's sdn.csv with the alt.csv beside it (`None`: without alternate names, which
/// the import's warnings say). Errors in alt.csv carry its own lines, with `alt.csv` in the
/// field.
pub fn import_sdn_csv(sdn: &str, alt: Option<&str>, name: &str) -> Result<Imported, ListErrors> {
    let fail = |errors: Vec<ListError>| ListErrors {
        list: name.to_string(),
        errors,
    };
    if let Some(e) = size_error(sdn.len() + alt.map_or(0, str::len)) {
        return Err(fail(vec![e]));
    }
    sdn_csv::parse(sdn, alt, name)
}

/// `Some(date)` when `date` is an ISO date (a timestamp is cut to its date).
pub(crate) fn iso_date(date: Option<&str>) -> Option<String> {
    let d = date?.trim();
    let day = match d.get(..10) {
        Some(day) if d.len() == 10 || d[10..].starts_with(['T', ' ']) => day,
        _ => return None,
    };
    crate::catalog::validate::is_iso_date(day).then(|| day.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(iso_date(Some("2020-08-27")), Some("2020-08-27".into()));
        assert_eq!(
            iso_date(Some("2020-08-27T00:00:00Z")),
            Some("2020-08-27".into())
        );
        assert_eq!(iso_date(Some("2020-08")), None);
        assert_eq!(iso_date(Some("08/27/2020")), None);
        assert_eq!(iso_date(Some("2020-02-30")), None);
        assert_eq!(iso_date(None), None);
    }
}
