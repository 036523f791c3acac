//! Locating problems in a list's text, for the catalog parser and every import: byte offsets
//! to lines and columns, serde errors inside one value placed in the whole text, and the cap on
//! how many errors are listed.

use super::error::{ErrorKind, ListError};

/// At most this many errors are listed; the rest are counted in a final error.
pub const MAX_ERRORS: usize = 100;

/// Byte offsets of line starts, to locate offsets without rescanning the text.
#[derive(Debug)]
pub(crate) struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub(crate) fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter_map(|(i, b)| (b == b'\n').then_some(i + 1)),
        );
        Lines { starts }
    }

    /// The 1-based line of a byte offset, without counting characters: a list written on one
    /// line (minified JSON, as APIs serve it) would make counting each name's column quadratic.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// 1-based (line, column in characters) of a byte offset; an offset inside a character
    /// counts as that character's start.
    pub(crate) fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }
}

/// Byte offset of `part` (a slice of `text`) in `text`.
pub(crate) fn offset_of(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(text.as_ptr() as usize)
        .min(text.len())
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

/// A serde error inside a value starting at byte `base` of `text`, located in the whole text.
pub(crate) fn serde_error_in(
    lines: &Lines,
    text: &str,
    base: usize,
    field: &str,
    err: &serde_json::Error,
) -> ListError {
    let (line, column, message) = locate_serde_error(lines.locate(text, base), err);
    ListError {
        line,
        column,
        field: field.to_string(),
        kind: ErrorKind::of_serde(err),
        message: lower_first(&message),
    }
}

/// Lower-cases the first letter, unless it starts an acronym ("EOF while parsing").
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match (c.next(), c.clone().next()) {
        (Some(f), Some(n)) if n.is_uppercase() => std::iter::once(f).chain(c).collect(),
        (Some(f), _) => f.to_lowercase().chain(c).collect(),
        (None, _) => String::new(),
    }
}

/// The errors of one list: the first [`MAX_ERRORS`] and a count of the rest.
#[derive(Debug, Default)]
pub(crate) struct Errors {
    pub(crate) kept: Vec<ListError>,
    pub(crate) more: usize,
}

impl Errors {
    pub(crate) fn push(&mut self, e: ListError) {
        if self.kept.len() < MAX_ERRORS {
            self.kept.push(e);
        } else {
            self.more += 1;
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// The errors kept, then the count of the others as a last error ([`ErrorKind::More`]).
    pub(crate) fn into_vec(mut self) -> Vec<ListError> {
        if self.more > 0 {
            let line = self.kept.last().map_or(1, |e| e.line);
            self.kept.push(ListError {
                line,
                column: 1,
                field: String::new(),
                kind: ErrorKind::More,
                message: format!("... and {} more errors", self.more),
            });
        }
        self.kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_locate() {
        let text = "ab\ncdé\nf";
        let lines = Lines::new(text);
        assert_eq!(lines.locate(text, 0), (1, 1));
        assert_eq!(lines.locate(text, 3), (2, 1));
        assert_eq!(lines.locate(text, 7), (2, 4));
        assert_eq!(lines.locate(text, 8), (3, 1));
        for offset in [0, 3, 7, 8] {
            assert_eq!(lines.line(offset), lines.locate(text, offset).0);
        }
        // Inside `é` (bytes 5 and 6): its start; past the end: the end.
        assert_eq!(lines.locate(text, 6), (2, 3));
        assert_eq!(lines.locate(text, 99), (3, 2));
    }

    #[test]
    fn offset_of_a_slice() {
        let text = "abc def";
        assert_eq!(offset_of(text, &text[4..]), 4);
        assert_eq!(offset_of(text, &text[7..]), 7);
        // Not a slice of `text`: clamped, never past its end.
        assert!(offset_of(text, "elsewhere") <= text.len());
    }

    #[test]
    fn error_cap() {
        let mut errors = Errors::default();
        for i in 0..250 {
            errors.push(ListError {
                line: i + 1,
                column: 1,
                field: String::new(),
                kind: ErrorKind::Invalid,
                message: "x".into(),
            });
        }
        let v = errors.into_vec();
        assert_eq!(v.len(), MAX_ERRORS + 1);
        assert_eq!(v[MAX_ERRORS].kind, ErrorKind::More);
        assert_eq!(v[MAX_ERRORS].message, "... and 150 more errors");
    }
}
