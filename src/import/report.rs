//! What an import read, left out and changed, as lines of text: `bioflag check-list` prints
//! them and the extension's options page shows them after an import, so both say the same.

use super::Imported;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many names of each group are shown by name; the rest are counted.
pub const NAMES_SHOWN: usize = 12;

/// One line of the report; `line`/`column` locate it in the user's file when it is about one
/// place there (a warning).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportLine {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub text: String,
}

impl ReportLine {
    fn plain(text: String) -> Self {
        ReportLine {
            line: None,
            column: None,
            text,
        }
    }
}

/// The report: what was read, records skipped by reason, warnings, what capitals meant, and the
/// names made weak or full-form only, grouped by why, a few of each shown with their line.
pub fn report(imported: &Imported) -> Vec<ReportLine> {
    let c = &imported.catalog;
    let mut out = vec![ReportLine::plain(format!(
        "valid {}: {} entities, {} aliases, {} sources",
        imported.format.describe(),
        c.entities.len(),
        c.entities.iter().map(|e| e.aliases.len()).sum::<usize>(),
        c.sources.len()
    ))];
    for (reason, n) in &imported.skipped {
        out.push(ReportLine::plain(format!(
            "skipped {n} record(s): {reason}"
        )));
    }
    for w in &imported.warnings {
        let field = if w.field.is_empty() {
            String::new()
        } else {
            format!("{}: ", w.field)
        };
        out.push(ReportLine {
            line: Some(w.line),
            column: Some(w.column),
            text: format!("warning: {field}{}", w.message),
        });
    }
    if imported.all_capitals {
        out.push(ReportLine::plain(format!(
            "every name is in capitals, so capitals say nothing: {} short all-capital name(s) \
             of 4 or more characters kept strong",
            imported.acronyms_kept_strong
        )));
    }
    let mut groups: BTreeMap<_, Vec<_>> = BTreeMap::new();
    for n in &imported.names {
        groups.entry((n.problem, n.outcome)).or_default().push(n);
    }
    for ((problem, outcome), notes) in groups {
        let shown: Vec<String> = notes
            .iter()
            .take(NAMES_SHOWN)
            .map(|n| format!("{} (line {})", n.name, n.line))
            .collect();
        let more = notes.len().saturating_sub(NAMES_SHOWN);
        out.push(ReportLine::plain(format!(
            "{} name(s) {}, {}: {}{}",
            notes.len(),
            problem.describe(),
            outcome.describe(),
            shown.join("; "),
            if more > 0 {
                format!("; ... and {more} more")
            } else {
                String::new()
            }
        )));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::import_list;

    #[test]
    fn skipped_records_warnings_and_names() {
        let text = r#"{"results": [
 {"type": "Entity", "name": "WAYSIDE CORPORATION", "source": "Test list"},
 {"type": "Individual", "name": "SOMEONE, Invented", "source": "Test list"},
 {"type": "Entity", "name": "QUORVEX DYNAMICS LLC", "alt_names": ["DAMASCUS"], "source": "Test list"}
]}"#;
        let lines: Vec<String> = report(&import_list(text, "t.json").unwrap())
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert!(
            lines[0].starts_with("valid Consolidated Screening List: 2 entities"),
            "{lines:?}"
        );
        assert!(
            lines.contains(&"skipped 1 record(s): Individual".to_string()),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.starts_with("1 name(s) common words")
                && l.contains("matched only with its legal form: WAYSIDE CORPORATION (line 2)")),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.contains("DAMASCUS (line 4)")),
            "{lines:?}"
        );
    }

    #[test]
    fn an_sdn_csv_without_alt_csv_says_so_at_a_line() {
        let sdn = "36,AEROCARIBBEAN AIRLINES,-0- ,CUBA,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n";
        let lines = report(&import_list(sdn, "sdn.csv").unwrap());
        let warning = lines
            .iter()
            .find(|l| l.text.starts_with("warning: "))
            .unwrap();
        assert!(warning.text.contains("alt.csv"), "{warning:?}");
        assert!(warning.line.is_some(), "{warning:?}");
    }
}
