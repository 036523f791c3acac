//! Parsing a catalog or list from JSON text, with every error located by line, column and field.
//!
//! serde_json reports where a syntax error is, but not where a value that fails validation
//! sits. So the top level and each array element are first read as borrowed `RawValue`s, whose
//! position in the input is known, and then parsed one by one: every error, including the
//! lint's, can name its line.

use super::error::{ErrorKind, ListError, ListErrors};
use super::lint::{lint, Problem, Strictness};
use super::locate::{locate_serde_error, offset_of, Errors, Lines};
use super::model::{Catalog, SCHEMA_VERSION};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// Lists larger than this are refused before parsing (the catalog is ~50 KB; a 100k-name list
/// in our format is ~15 MB).
pub const MAX_LIST_BYTES: usize = 64 * 1024 * 1024;

/// The error for a list of `bytes` bytes when that is over [`MAX_LIST_BYTES`]. The size is
/// rounded up and given in bytes too, so that a list just over the limit does not read "64 MB,
/// over the limit of 64 MB".
pub fn size_error(bytes: usize) -> Option<ListError> {
    const MB: u64 = 1024 * 1024;
    // Tenths of a MB, rounded up (u64: no overflow on 32-bit WASM).
    let tenths = (bytes as u64 * 10).div_ceil(MB);
    (bytes > MAX_LIST_BYTES).then(|| ListError {
        line: 1,
        column: 1,
        field: String::new(),
        kind: ErrorKind::Limit,
        message: format!(
            "the list is {}.{} MB ({bytes} bytes), over the size limit of {} MB",
            tenths / 10,
            tenths % 10,
            MAX_LIST_BYTES as u64 / MB
        ),
    })
}

/// Byte offsets of the parsed elements, to locate lint problems.
#[derive(Debug, Default)]
struct Positions {
    entities: Vec<usize>,
    sources: Vec<usize>,
    lists: Vec<usize>,
}

/// Parses and lints a catalog or list. `list` names it in errors.
pub fn parse_catalog(
    text: &str,
    list: &str,
    strictness: Strictness,
) -> Result<Catalog, ListErrors> {
    let fail = |errors: Vec<ListError>| ListErrors {
        list: list.to_string(),
        errors,
    };
    if let Some(e) = size_error(text.len()) {
        return Err(fail(vec![e]));
    }
    let (catalog, positions) = parse_located(text).map_err(|e| fail(vec![e]))?;
    let problems = lint(&catalog, strictness);
    if problems.is_empty() {
        return Ok(catalog);
    }
    // Capped as for imported formats: a hostile list with an error per entity would otherwise
    // make 500,000 of them.
    let lines = Lines::new(text);
    let mut errors = Errors::default();
    for p in problems {
        errors.push(locate_problem(text, &lines, &positions, p));
    }
    Err(fail(errors.into_vec()))
}

fn locate_problem(text: &str, lines: &Lines, positions: &Positions, p: Problem) -> ListError {
    let offset = p
        .entity
        .and_then(|i| positions.entities.get(i))
        .or_else(|| p.source.and_then(|i| positions.sources.get(i)))
        .or_else(|| p.list.and_then(|i| positions.lists.get(i)))
        .copied()
        .unwrap_or(0);
    let (line, column) = lines.locate(text, offset);
    ListError {
        line,
        column,
        field: p.field,
        kind: p.kind,
        message: p.message,
    }
}

fn offset_in(text: &str, raw: &RawValue) -> usize {
    offset_of(text, raw.get())
}

/// 1-based (line, column) of byte `offset`, for the one error a parse stops at.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    Lines::new(text).locate(text, offset)
}

/// A serde error inside `raw` (which starts at `base` in `text`), as a located error.
fn located(text: &str, base: usize, field: &str, err: &serde_json::Error) -> ListError {
    let (line, column, message) = locate_serde_error(line_col(text, base), err);
    // Name the field serde complains about, when it says which.
    let field = match message.split('`').nth(1) {
        Some(name) if message.contains("field `") => {
            if field.is_empty() {
                name.to_string()
            } else {
                format!("{field}.{name}")
            }
        }
        _ => field.to_string(),
    };
    ListError {
        line,
        column,
        field,
        kind: ErrorKind::of_serde(err),
        message,
    }
}

fn parse_value<T: DeserializeOwned>(
    text: &str,
    raw: &RawValue,
    field: &str,
) -> Result<T, ListError> {
    serde_json::from_str(raw.get()).map_err(|e| located(text, offset_in(text, raw), field, &e))
}

fn parse_array<T: DeserializeOwned>(
    text: &str,
    raw: &RawValue,
    field: &str,
    offsets: &mut Vec<usize>,
) -> Result<Vec<T>, ListError> {
    let items: Vec<&RawValue> = serde_json::from_str(raw.get())
        .map_err(|e| located(text, offset_in(text, raw), field, &e))?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("{field}[{i}]");
        out.push(parse_value(text, item, &path)?);
        offsets.push(offset_in(text, item));
    }
    Ok(out)
}

fn parse_located(text: &str) -> Result<(Catalog, Positions), ListError> {
    let top: BTreeMap<String, &RawValue> =
        serde_json::from_str(text).map_err(|e| located(text, 0, "", &e))?;
    let missing = |field: &str| ListError {
        line: 1,
        column: 1,
        field: field.to_string(),
        kind: ErrorKind::Invalid,
        message: format!("missing field `{field}`"),
    };
    let schema: u32 = parse_value(
        text,
        top.get("schema").ok_or_else(|| missing("schema"))?,
        "schema",
    )?;
    if schema != SCHEMA_VERSION {
        let (line, column) = line_col(text, offset_in(text, top["schema"]));
        return Err(ListError {
            line,
            column,
            field: "schema".into(),
            kind: ErrorKind::Version,
            message: format!("schema version {schema} is not supported (this build reads version {SCHEMA_VERSION})"),
        });
    }
    let mut positions = Positions::default();
    let mut catalog = Catalog {
        schema,
        name: String::new(),
        version: String::new(),
        updated: None,
        context_words: Vec::new(),
        lists: Vec::new(),
        sources: Vec::new(),
        entities: Vec::new(),
    };
    for (key, raw) in &top {
        match key.as_str() {
            "schema" => {}
            "name" => catalog.name = parse_value(text, raw, key)?,
            "version" => catalog.version = parse_value(text, raw, key)?,
            "updated" => catalog.updated = parse_value(text, raw, key)?,
            "context_words" => catalog.context_words = parse_value(text, raw, key)?,
            "lists" => catalog.lists = parse_array(text, raw, key, &mut positions.lists)?,
            "sources" => catalog.sources = parse_array(text, raw, key, &mut positions.sources)?,
            "entities" => catalog.entities = parse_array(text, raw, key, &mut positions.entities)?,
            other => {
                let (line, column) = line_col(text, offset_in(text, raw));
                return Err(ListError {
                    line,
                    column,
                    field: other.to_string(),
                    kind: ErrorKind::Invalid,
                    message: format!("unknown field `{other}`"),
                });
            }
        }
    }
    if !top.contains_key("name") {
        return Err(missing("name"));
    }
    if !top.contains_key("entities") {
        return Err(missing("entities"));
    }
    Ok((catalog, positions))
}
