//! Located errors for catalogs and imported lists.

use serde::Serialize;
use std::fmt;

/// One problem in a list, with where it is: the 1-based line and column in the list's text, the
/// field (a path such as `entities[3].aliases[0].text`), what kind of problem it is and a
/// lower-case message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListError {
    pub line: usize,
    pub column: usize,
    pub field: String,
    pub kind: ErrorKind,
    pub message: String,
}

/// What kind of problem a [`ListError`] is: what callers and tests match on, while the
/// message, written for people, may be reworded. New kinds may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// Not valid as its format's syntax: malformed JSON, XML or CSV.
    Syntax,
    /// Not a list format bioflag reads, or a file users pick by mistake (OFAC's alt.csv
    /// alone, a dataset index, another export of the same list).
    Format,
    /// Nothing to import: an empty file, no entities, no organisations.
    Empty,
    /// A bioflag list of a schema version this build does not read.
    Version,
    /// A value that is missing, of the wrong type, unknown, or against a rule (an id, a date,
    /// a URL, a reference, an ambiguous alias).
    Invalid,
    /// Over a limit that keeps matching fast and bounded: the list's size, its entities, a
    /// name's length, the names of one entity, the context words.
    Limit,
    /// A file of the list could not be read (OFAC's alt.csv beside its sdn.csv).
    Unreadable,
    /// A warning: an entry number used by two entries (both imported).
    Duplicate,
    /// A warning: a list imported without part of it (an sdn.csv without its alt.csv).
    Incomplete,
    /// The last error of a capped list, counting the errors not listed.
    More,
}

impl ErrorKind {
    /// The kind of a serde_json error: syntax (and an early end) or data.
    pub(crate) fn of_serde(err: &serde_json::Error) -> ErrorKind {
        if err.is_syntax() || err.is_eof() {
            ErrorKind::Syntax
        } else {
            ErrorKind::Invalid
        }
    }
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
