//! Located errors for catalogs and imported lists.

use serde::Serialize;
use std::fmt;

/// One problem in a list, with where it is: the 1-based line and column in the list's text, the
/// field (a path such as `entities[3].aliases[0].text`) and a lower-case message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListError {
    pub line: usize,
    pub column: usize,
    pub field: String,
    pub message: String,
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: ", self.line, self.column)?;
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}

/// Every problem found in one list. A list with any error is refused as a whole, so the lists
/// already installed keep working unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListErrors {
    /// The list's name or file name, as the caller gave it.
    pub list: String,
    pub errors: Vec<ListError>,
}

impl fmt::Display for ListErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}: {e}", self.list)?;
        }
        Ok(())
    }
}

impl std::error::Error for ListErrors {}

/// Converts a byte offset in `text` to a 1-based (line, column in characters).
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Where a serde_json error inside a fragment lies in the whole text: `base` is the fragment's
/// (line, column); returns (line, column, message) with serde's own relative "at line L column
/// C" removed from the message.
pub(crate) fn locate_serde_error(
    base: (usize, usize),
    err: &serde_json::Error,
) -> (usize, usize, String) {
    let (bl, bc) = base;
    // serde_json reports column 0 for an error at a newline (a raw line break inside a
    // string): that is the start of the next line, column 1 (found by fuzzing, `parse_list`).
    let (line, column) = if err.line() <= 1 {
        (bl, bc + err.column().saturating_sub(1))
    } else {
        (bl + err.line() - 1, err.column().max(1))
    };
    let message = err.to_string();
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    (line, column, message)
}
