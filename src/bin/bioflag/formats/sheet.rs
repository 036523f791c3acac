//! Spreadsheets (XLSX, XLSB, XLS, ODS) through calamine: for `scan`, each row is a block (its
//! text cells joined by tabs, so a row's other cells are a short name's context) and a match
//! is located by sheet and cell; for `screen`, a sheet's rows as records.

use super::Failure;
use crate::output::Location;
use crate::scan::Collector;
use bioflag::html::Block;
use calamine::{open_workbook_auto_from_rs, Data, Range, Reader};
use std::io::Cursor;

type Workbook = calamine::Sheets<Cursor<Vec<u8>>>;

fn open(bytes: Vec<u8>) -> Result<Workbook, Failure> {
    open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        let e = e.to_string();
        if e.to_ascii_lowercase().contains("password") || e.contains("ncrypt") {
            Failure::Error(format!("an encrypted spreadsheet: {e}"))
        } else {
            Failure::Error(format!("not a readable spreadsheet: {e}"))
        }
    })
}

fn range(book: &mut Workbook, sheet: &str) -> Result<Range<Data>, Failure> {
    book.worksheet_range(sheet)
        .map_err(|e| Failure::Error(format!("sheet {sheet}: {e}")))
}

/// `A`, `B`, ..., `Z`, `AA`, ... for a 0-based column.
fn column_name(mut col: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII")
}

/// A cell's text, for the cells that hold text.
fn text(cell: &Data) -> Option<&str> {
    match cell {
        Data::String(s) if !s.trim().is_empty() => Some(s),
        _ => None,
    }
}

pub fn scan(bytes: Vec<u8>, out: &mut Collector) -> Result<(), Failure> {
    let mut book = open(bytes)?;
    for sheet in book.sheet_names() {
        let range = range(&mut book, &sheet)?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            let row_number = u64::from(row0) + r as u64 + 1;
            let mut block = Block {
                text: String::new(),
                lines: vec![(0, row_number)],
            };
            let mut starts = Vec::new(); // (offset in the row's text, column)
            for (c, cell) in row.iter().enumerate() {
                if let Some(t) = text(cell) {
                    starts.push((block.text.len(), col0 + c as u32));
                    block.text.push_str(t);
                    block.text.push('\t');
                }
            }
            if starts.is_empty() {
                continue;
            }
            block.text.push('\n');
            out.block(&block, |offset| {
                let i = starts
                    .partition_point(|&(o, _)| o <= offset)
                    .saturating_sub(1);
                Some(Location::Cell {
                    sheet: sheet.clone(),
                    cell: format!("{}{row_number}", column_name(starts[i].1)),
                })
            });
        }
    }
    Ok(())
}

/// The rows of one sheet (the first when `sheet` is `None`) as strings, header first.
pub fn rows(bytes: Vec<u8>, sheet: Option<&str>) -> Result<Vec<Vec<String>>, Failure> {
    let mut book = open(bytes)?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(s)))
            .ok_or_else(|| {
                Failure::Error(format!(
                    "no sheet `{s}`; the workbook has: {}",
                    names.join(", ")
                ))
            })?
            .clone(),
        None => names
            .first()
            .ok_or_else(|| Failure::Error("a workbook without sheets".into()))?
            .clone(),
    };
    let range = range(&mut book, &name)?;
    Ok(range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    c => c.to_string(),
                })
                .collect()
        })
        .collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn column_names() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(super::column_name)
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }
}
