//! OFAC's legacy SDN CSV files: `sdn.csv` (one entry a row) and `alt.csv` beside it (the
//! entries' alternate names). Neither has a header row; OFAC documents the columns as
//!
//! - `sdn.csv`: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage,
//!   GRT, Vess_flag, Vess_owner, Remarks;
//! - `alt.csv`: ent_num, alt_num, alt_type, alt_name, alt_remarks;
//!
//! and writes an empty cell as `-0- `. The two files are one list: alt.csv rows join sdn.csv
//! entries by `ent_num`. alt.csv is optional (the entries are then imported by their primary
//! names, and the import says so); one text holding sdn.csv followed by alt.csv (what the
//! browser extension stores when both files are picked) is read as the pair, alt.csv lines
//! counted from its own first line. Every problem names its file's line and column.

use super::sdn::{push, split_programs, Entry, Kind};
use super::{Builder, Format, Imported, Name};
use crate::catalog::locate::Lines;
use crate::catalog::{ErrorKind, ListError, ListErrors};
use std::collections::HashMap;

/// The columns of sdn.csv, in order.
pub(crate) const SDN_COLUMNS: [&str; 12] = [
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
];

/// The columns of alt.csv, in order.
pub(crate) const ALT_COLUMNS: [&str; 5] =
    ["ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"];

/// The alternate-name types alt.csv uses: also known as, formerly, now.
const ALT_TYPES: [&str; 3] = ["aka", "fka", "nka"];

/// How alt.csv is named in errors and name notes.
pub(crate) const ALT_FILE: &str = "alt.csv";

/// Which of the two files a text is, judged by its first row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Which {
    Sdn,
    Alt,
}

/// One CSV row with where it starts.
struct Row {
    offset: usize,
    line: usize,
    cells: Vec<String>,
}

/// The rows of `text`; the end-of-file mark OFAC's files carry (Ctrl-Z) and blank lines are no
/// rows. A row the CSV reader cannot read is an error located at its line.
fn rows(text: &str) -> Result<Vec<Row>, ListError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(out),
            Ok(true) => {
                let blank = record.iter().all(|c| {
                    c.trim_matches(|c: char| c == '\u{1a}' || c.is_whitespace())
                        .is_empty()
                });
                if blank {
                    continue;
                }
                let pos = record.position().expect("a read record has a position");
                out.push(Row {
                    offset: pos.byte() as usize,
                    line: pos.line() as usize,
                    cells: record.iter().map(str::to_string).collect(),
                });
            }
            Err(e) => {
                let (line, column) = match e.position() {
                    Some(p) => {
                        let lines = Lines::new(text);
                        (p.line() as usize, lines.locate(text, p.byte() as usize).1)
                    }
                    None => (1, 1),
                };
                return Err(ListError {
                    line,
                    column,
                    field: String::new(),
                    kind: ErrorKind::Syntax,
                    message: format!("unreadable CSV: {e}"),
                });
            }
        }
    }
}

/// A cell's value: trimmed, `None` when empty or OFAC's `-0-`.
fn value(cell: &str) -> Option<&str> {
    let v = cell.trim();
    (!v.is_empty() && v != "-0-").then_some(v)
}

/// An alt.csv row by its shape: five cells, the first two numbers (ent_num, alt_num). sdn.csv
/// rows have twelve, so where alt.csv starts in one text holding both is never in doubt.
fn is_alt_row(cells: &[String]) -> bool {
    cells.len() == ALT_COLUMNS.len() && is_number(&cells[0]) && is_number(&cells[1])
}

fn is_number(cell: &str) -> bool {
    let v = cell.trim();
    !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `body` (a list's text without leading white space) is sdn.csv or alt.csv.
pub(crate) fn sniff(body: &str) -> Option<Which> {
    if !body.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let first_line = body.lines().next().unwrap_or("");
    let row = rows(first_line).ok()?.into_iter().next()?;
    if !is_number(&row.cells[0]) {
        return None;
    }
    if row.cells.len() == SDN_COLUMNS.len() {
        Some(Which::Sdn)
    } else if is_alt_row(&row.cells) {
        Some(Which::Alt)
    } else {
        None
    }
}

/// Byte offset of cell `index` in the row starting at `offset` (quotes respected), so an error
/// points at its column.
fn cell_offset(text: &str, offset: usize, index: usize) -> usize {
    let mut quoted = false;
    let mut cell = 0;
    for (i, c) in text[offset..].char_indices() {
        if cell == index {
            return offset + i;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => cell += 1,
            '\n' if !quoted => break,
            _ => {}
        }
    }
    offset
}

/// Reads one text: sdn.csv alone, or sdn.csv followed by alt.csv.
pub(crate) fn parse_text(text: &str, name: &str) -> Result<Imported, ListErrors> {
    let fail = |e: ListError| ListErrors {
        list: name.to_string(),
        errors: vec![e],
    };
    let all = rows(text).map_err(fail)?;
    match all.iter().position(|r| is_alt_row(&r.cells)) {
        Some(i) => {
            let (sdn, alt) = text.split_at(all[i].offset);
            parse(sdn, Some(alt), name)
        }
        None => parse(text, None, name),
    }
}

/// Reads sdn.csv with its alt.csv (when there is one); `name` names the list.
pub(crate) fn parse(sdn: &str, alt: Option<&str>, name: &str) -> Result<Imported, ListErrors> {
    let fail = |e: ListError| ListErrors {
        list: name.to_string(),
        errors: vec![e],
    };
    let mut b = Builder::new(sdn);
    let alt_rows = match alt {
        Some(a) => Some(
            rows(a)
                .map_err(|mut e| {
                    e.field = format!("{ALT_FILE}: {}", e.field)
                        .trim_end_matches(": ")
                        .into();
                    e
                })
                .map_err(fail)?,
        ),
        None => None,
    };
    let sdn_rows = rows(sdn).map_err(fail)?;
    let mut entries: Vec<Entry> = Vec::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for row in &sdn_rows {
        if let Some(entry) = read_entry(&mut b, row) {
            if let Some(&earlier) = first_line.get(&entry.number) {
                b.warn(
                    row.offset,
                    SDN_COLUMNS[0],
                    ErrorKind::Duplicate,
                    format!(
                        "ent_num {} is also the entry on line {earlier}: both are imported, and \
the alt.csv names of this number are given to each",
                        entry.number
                    ),
                );
            } else {
                first_line.insert(entry.number.clone(), row.line);
            }
            entries.push(entry);
        }
    }
    let mut akas: HashMap<String, Vec<Name>> = HashMap::new();
    match (alt, alt_rows) {
        (Some(alt_text), Some(alt_rows)) => {
            let lines = Lines::new(alt_text);
            let offsets: HashMap<&str, usize> = entries
                .iter()
                .map(|e| (e.number.as_str(), e.offset))
                .collect();
            for row in &alt_rows {
                if let Some((number, name)) = read_alt(&mut b, alt_text, &lines, row, &offsets) {
                    akas.entry(number).or_default().push(name);
                }
            }
        }
        _ => b.warn(
            0,
            "",
            ErrorKind::Incomplete,
            format!(
                "no {ALT_FILE} was read with this sdn.csv: entries are imported by their primary \
names only (put OFAC's {ALT_FILE} beside it, or import both files together)"
            ),
        ),
    }
    for mut entry in entries {
        if b.full {
            break;
        }
        if let Some(names) = akas.get(&entry.number) {
            entry.akas = names
                .iter()
                .map(|n| Name {
                    text: n.text.clone(),
                    weak: n.weak,
                    field: n.field.clone(),
                    offset: entry.offset,
                })
                .collect();
        }
        push(&mut b, entry);
    }
    b.finish(name, Format::SdnCsv)
}

/// One sdn.csv row as an entry; `None` after recording its errors.
fn read_entry(b: &mut Builder<'_>, row: &Row) -> Option<Entry> {
    if row.cells.len() != SDN_COLUMNS.len() {
        let message = if is_alt_row(&row.cells) {
            "an alt.csv row inside sdn.csv: alt.csv rows come after every sdn.csv row".to_string()
        } else {
            format!(
                "expected the {} columns of sdn.csv ({}), found {}",
                SDN_COLUMNS.len(),
                SDN_COLUMNS.join(", "),
                row.cells.len()
            )
        };
        b.error(row.offset, "", message);
        return None;
    }
    let at = |i: usize| cell_offset(b.text, row.offset, i);
    let mut ok = true;
    if !is_number(&row.cells[0]) {
        b.error(
            at(0),
            SDN_COLUMNS[0],
            format!("expected a number, found `{}`", row.cells[0].trim()),
        );
        ok = false;
    }
    let kind = match value(&row.cells[2]) {
        None => Kind::Entity,
        Some(v) => match Kind::parse(v) {
            Some(k) if k != Kind::Entity => k,
            _ => {
                b.error(
                    at(2),
                    SDN_COLUMNS[2],
                    format!("unknown type `{v}`: expected individual, vessel, aircraft or -0- (an entity)"),
                );
                ok = false;
                Kind::Entity
            }
        },
    };
    let name = value(&row.cells[1]).unwrap_or_default().to_string();
    if name.is_empty() && kind == Kind::Entity {
        b.error(at(1), SDN_COLUMNS[1], "the entry has no name");
        ok = false;
    }
    ok.then(|| Entry {
        offset: row.offset,
        number: row.cells[0].trim().to_string(),
        kind,
        name: Name {
            text: name,
            weak: false,
            field: SDN_COLUMNS[1].to_string(),
            offset: at(1),
        },
        akas: Vec::new(),
        programs: value(&row.cells[3]).map(split_programs).unwrap_or_default(),
        programs_field: (at(3), SDN_COLUMNS[3].to_string()),
    })
}

/// One alt.csv row: the entry number and the name; `None` after recording its errors (located
/// in alt.csv).
fn read_alt(
    b: &mut Builder<'_>,
    text: &str,
    lines: &Lines,
    row: &Row,
    entries: &HashMap<&str, usize>,
) -> Option<(String, Name)> {
    let error = |b: &mut Builder<'_>, cell: Option<usize>, message: String| {
        let offset = cell.map_or(row.offset, |i| cell_offset(text, row.offset, i));
        let (line, column) = lines.locate(text, offset);
        let field = match cell {
            Some(i) => format!("{ALT_FILE}: {}", ALT_COLUMNS[i]),
            None => ALT_FILE.to_string(),
        };
        b.push_error(ListError {
            line,
            column,
            field,
            kind: ErrorKind::Invalid,
            message,
        });
        None
    };
    if row.cells.len() != ALT_COLUMNS.len() {
        return error(
            b,
            None,
            format!(
                "expected the {} columns of alt.csv ({}), found {}",
                ALT_COLUMNS.len(),
                ALT_COLUMNS.join(", "),
                row.cells.len()
            ),
        );
    }
    let number = row.cells[0].trim();
    if !is_number(number) {
        return error(b, Some(0), format!("expected a number, found `{number}`"));
    }
    if !entries.contains_key(number) {
        return error(
            b,
            Some(0),
            format!(
                "no sdn.csv entry has ent_num {number}: are sdn.csv and alt.csv from the same day?"
            ),
        );
    }
    let kind = row.cells[2].trim();
    if !ALT_TYPES.iter().any(|t| t.eq_ignore_ascii_case(kind)) {
        return error(
            b,
            Some(2),
            format!("unknown type `{kind}`: expected aka, fka or nka"),
        );
    }
    let Some(name) = value(&row.cells[3]) else {
        return error(b, Some(3), "the alternate name is empty".to_string());
    };
    Some((
        number.to_string(),
        Name {
            text: name.to_string(),
            weak: false,
            field: format!("{ALT_FILE} line {}: {}", row.line, ALT_COLUMNS[3]),
            offset: 0,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(
            sniff("36,AERO,-0- ,CUBA,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n"),
            Some(Which::Sdn)
        );
        assert_eq!(sniff("36,12,aka,AERO-CARIBBEAN,-0- \n"), Some(Which::Alt));
        assert_eq!(sniff("36,12\n"), None);
        assert_eq!(sniff("36,x,aka,A,-0-\n"), None);
        assert_eq!(sniff("name,alias\n"), None);
    }

    #[test]
    fn cell_offsets() {
        let row = "7,\"A, B\",c\n";
        assert_eq!(cell_offset(row, 0, 1), 2);
        assert_eq!(cell_offset(row, 0, 2), 9);
    }
}
