//! `bioflag._native`: the Python API over the `bioflag` crate (the Python-facing docs are in
//! `python/bioflag/_native.pyi`).
//!
//! Semantics mirror the CLI: [`Engine::scan`] is `bioflag scan` on a text file (the text is a
//! document of blank-line separated paragraphs; weak aliases are settled against the whole
//! document), [`Engine::screen`] is `bioflag screen` on a column of names. Offsets are Python
//! `str` indices (code points), not the CLI's bytes.

use arrow_array::builder::{Int64Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use bioflag::card::card;
use bioflag::catalog::{builtin, Catalog};
use bioflag::html::Block;
use bioflag::import::parse_list;
use bioflag::matcher::DocumentScan;
use bioflag::screen::{Screener, Verdict};
use bioflag::{Evidence, ListErrors, Matcher};
use pyo3::create_exception;
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use pyo3_arrow::input::AnyArray;
use pyo3_arrow::PyRecordBatch;
use std::sync::Arc;

create_exception!(
    bioflag,
    ListError,
    PyValueError,
    "An imported list has problems; `errors` holds each one's line, column, field and message."
);

/// The CLI's names for evidence (`--format json`), kept identical (tests/test_cli_parity.py).
fn evidence_name(e: Evidence) -> &'static str {
    match e {
        Evidence::Strong => "name",
        Evidence::Context => "short-name-with-context",
        Evidence::Block => "short-name-with-full-name-nearby",
        Evidence::Document => "short-name-with-full-name-in-document",
        Evidence::Pending => "short-name-unconfirmed",
    }
}

/// One match, offsets in code points.
#[pyclass(frozen, get_all, eq, module = "bioflag")]
#[derive(Debug, Clone, PartialEq, Eq)]
struct Match {
    entity: String,
    name: String,
    alias: String,
    text: String,
    start: usize,
    end: usize,
    line: usize,
    tier: String,
    evidence: String,
}

#[pymethods]
impl Match {
    fn __repr__(&self) -> String {
        format!(
            "Match(entity={:?}, text={:?}, start={}, end={}, evidence={:?})",
            self.entity, self.text, self.start, self.end, self.evidence
        )
    }

    /// The match as a dict (the keys of the CLI's JSON output).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("entity", &self.entity)?;
        d.set_item("name", &self.name)?;
        d.set_item("alias", &self.alias)?;
        d.set_item("text", &self.text)?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("line", self.line)?;
        d.set_item("tier", &self.tier)?;
        d.set_item("evidence", &self.evidence)?;
        Ok(d)
    }
}

/// The verdict on one screened name.
#[pyclass(frozen, get_all, eq, module = "bioflag")]
#[derive(Debug, Clone, PartialEq, Eq)]
struct ScreenResult {
    name: String,
    verdict: &'static str,
    entity: Option<String>,
    entity_name: Option<String>,
    tier: Option<String>,
    status: Option<String>,
}

#[pymethods]
impl ScreenResult {
    fn __repr__(&self) -> String {
        format!(
            "ScreenResult(name={:?}, verdict={:?}, entity={:?})",
            self.name, self.verdict, self.entity
        )
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("name", &self.name)?;
        d.set_item("verdict", self.verdict)?;
        d.set_item("entity", &self.entity)?;
        d.set_item("entity_name", &self.entity_name)?;
        d.set_item("tier", &self.tier)?;
        d.set_item("status", &self.status)?;
        Ok(d)
    }
}

/// The built-in catalog plus imported lists, compiled once; safe to share between threads.
#[pyclass(frozen, module = "bioflag")]
struct Engine {
    matcher: Matcher,
}

/// Splits plain text into paragraphs as the CLI does for text files: a blank line ends a
/// paragraph, which keeps its run of newlines, so the paragraphs add up to the text. (The CLI
/// also cuts a paragraph over 1 MiB at a line break to bound memory; a Python `str` is already
/// in memory, so it is not cut here.)
fn paragraphs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let rest = &text[start..];
        let cut = match rest.find("\n\n") {
            Some(i) => {
                let run = &rest[i..];
                i + run.len() - run.trim_start_matches('\n').len()
            }
            None => rest.len(),
        };
        let at = start;
        start += cut;
        Some((at, &rest[..cut]))
    })
}

/// A match before it becomes a Python object (built without the GIL).
struct Raw {
    entity: u32,
    alias: u32,
    evidence: Evidence,
    start: usize,
    end: usize,
    /// The source line when the text came from HTML (else counted in the text).
    line: Option<usize>,
}

/// Byte offsets → code point offsets and 1-based lines, walking forward through the text.
struct Cursor<'a> {
    text: &'a str,
    byte: usize,
    char: usize,
    line: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Cursor<'a> {
        Cursor {
            text,
            byte: 0,
            char: 0,
            line: 1,
        }
    }

    /// (code point index, line) of byte offset `to`.
    fn advance(&mut self, to: usize) -> (usize, usize) {
        if to < self.byte {
            *self = Cursor::new(self.text);
        }
        let between = &self.text[self.byte..to];
        self.char += between.chars().count();
        self.line += between.bytes().filter(|&b| b == b'\n').count();
        self.byte = to;
        (self.char, self.line)
    }
}

/// A found match with code point offsets, still without Python objects.
struct Found {
    raw: Raw,
    start: usize,
    end: usize,
    line: usize,
}

/// One segment of a document for the matcher: where it starts in the text, its text, and the
/// source line of a byte offset within it (None: count lines in the text).
type LineOf<'a> = &'a dyn Fn(usize, usize) -> Option<usize>;

/// Scans `segments` of `text` as one document, weak aliases settled against all of it.
fn scan_segments<'t>(
    matcher: &Matcher,
    text: &str,
    segments: impl Iterator<Item = (usize, &'t str)>,
    line_of: LineOf<'_>,
) -> Vec<Found> {
    let mut doc = DocumentScan::default();
    let mut found = Vec::new();
    let mut matches = Vec::new();
    for (segment, (offset, para)) in segments.enumerate() {
        matches.clear();
        matcher.scan_segment(&mut doc, segment as u32, para, &mut matches);
        found.extend(matches.iter().map(|m| Raw {
            entity: m.entity,
            alias: m.alias,
            evidence: m.evidence,
            start: offset + m.start,
            end: offset + m.end,
            line: line_of(segment, m.start),
        }));
    }
    // Weak aliases are settled against the whole document, as in the CLI.
    found.retain_mut(
        |r| match doc.settle(matcher, r.entity, r.alias, r.evidence) {
            Some(Evidence::Pending) | None => false,
            Some(e) => {
                r.evidence = e;
                true
            }
        },
    );
    let mut cursor = Cursor::new(text);
    found
        .into_iter()
        .map(|raw| {
            let (start, line) = cursor.advance(raw.start);
            let (end, _) = cursor.advance(raw.end);
            Found {
                start,
                end,
                line: raw.line.unwrap_or(line),
                raw,
            }
        })
        .collect()
}

fn scan_text(matcher: &Matcher, text: &str) -> Vec<Found> {
    scan_segments(matcher, text, paragraphs(text), &|_, _| None)
}

/// The visible text of an HTML page, as the CLI reads it (`bioflag::html`), laid out for
/// Python: each block trimmed, blocks separated by a blank line. Each block is also kept with
/// where it starts in that text and how much leading whitespace was trimmed, to map matches
/// back to source lines.
struct HtmlDoc {
    text: String,
    blocks: Vec<(usize, usize, Block)>,
}

fn html_doc(html: &str) -> HtmlDoc {
    let mut text = String::new();
    let mut blocks = Vec::new();
    for block in bioflag::html::blocks(html) {
        let trimmed = block.text.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = block.text.len() - block.text.trim_start().len();
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let at = text.len();
        text.push_str(trimmed);
        blocks.push((at, lead, block));
    }
    HtmlDoc { text, blocks }
}

impl HtmlDoc {
    fn segment(&self, i: usize) -> (usize, &str) {
        let (at, lead, block) = &self.blocks[i];
        let len = block.text[*lead..].trim_end().len();
        (*at, &self.text[*at..*at + len])
    }

    /// Scans the page as one document, each block one segment (as the CLI does).
    fn scan(&self, matcher: &Matcher) -> Vec<Found> {
        let line_of = |segment: usize, offset: usize| {
            let (_, lead, block) = &self.blocks[segment];
            Some(block.line_at(lead + offset) as usize)
        };
        let segments = (0..self.blocks.len()).map(|i| self.segment(i));
        scan_segments(matcher, &self.text, segments, &line_of)
    }
}

/// Runs `f` over `items` on all cores (scoped threads, contiguous chunks), results in order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads <= 1 || items.len() < 2 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| s.spawn(|| c.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a scan thread panicked"))
            .collect()
    })
}

fn list_error(py: Python<'_>, errors: &ListErrors) -> PyErr {
    let err = ListError::new_err(errors.to_string());
    let details = errors
        .errors
        .iter()
        .map(|e| {
            let d = PyDict::new(py);
            d.set_item("line", e.line)?;
            d.set_item("column", e.column)?;
            d.set_item("field", &e.field)?;
            d.set_item("message", &e.message)?;
            Ok(d)
        })
        .collect::<PyResult<Vec<_>>>();
    let value = err.value(py);
    let set = details
        .and_then(|d| value.setattr("errors", d))
        .and_then(|()| value.setattr("list", &errors.list));
    match set {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// A list argument: JSON text (starts with `{` or `[`) or a path (`str` or `os.PathLike`).
fn read_list(py: Python<'_>, item: &Bound<'_, PyAny>, index: usize) -> PyResult<Catalog> {
    let (text, name) = if let Ok(s) = item.cast::<PyString>() {
        let s = s.to_str()?;
        if s.trim_start().starts_with(['{', '[']) {
            (s.to_string(), format!("<list {}>", index + 1))
        } else {
            (read_file(s)?, s.to_string())
        }
    } else {
        let os = py.import("os")?;
        let path: String = os
            .call_method1("fspath", (item,))
            .map_err(|_| {
                PyTypeError::new_err(
                    "a list is JSON text or a path (str or os.PathLike), got another type",
                )
            })?
            .extract()?;
        (read_file(&path)?, path)
    };
    parse_list(&text, &name).map_err(|e| list_error(py, &e))
}

fn read_file(path: &str) -> PyResult<String> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(format!("{path}: {e}")),
        _ => PyOSError::new_err(format!("{path}: {e}")),
    })?;
    String::from_utf8(bytes)
        .map_err(|_| PyValueError::new_err(format!("{path}: the file is not valid UTF-8")))
}

impl Engine {
    fn to_match(&self, text: &str, f: &Found) -> Match {
        let m = &self.matcher;
        let e = m.entity(f.raw.entity);
        Match {
            entity: e.id.clone(),
            name: e.name.clone(),
            alias: m.alias_text(f.raw.entity, f.raw.alias).to_string(),
            text: text[f.raw.start..f.raw.end].to_string(),
            start: f.start,
            end: f.end,
            line: f.line,
            tier: m.entity_ref(f.raw.entity).tier.as_str().to_string(),
            evidence: evidence_name(f.raw.evidence).to_string(),
        }
    }

    fn to_screen_result(&self, name: &str, verdict: &Verdict) -> ScreenResult {
        let mut r = ScreenResult {
            name: name.to_string(),
            verdict: verdict.label(),
            entity: None,
            entity_name: None,
            tier: None,
            status: None,
        };
        if let Some(e) = verdict.entity() {
            let c = card(&self.matcher, e);
            r.status = Some(c.status_lines().join("; "));
            r.tier = Some(c.tier.to_string());
            r.entity = Some(c.id);
            r.entity_name = Some(c.name);
        }
        r
    }

    /// Scans every string of `arrays` (nulls name nobody); returns (row, text, matches).
    fn scan_strings<'a>(&self, rows: &[Option<&'a str>]) -> Vec<(usize, &'a str, Vec<Found>)> {
        let per_row = parallel_map(rows, |t| t.map(|t| scan_text(&self.matcher, t)));
        per_row
            .into_iter()
            .zip(rows)
            .enumerate()
            .filter_map(|(i, (f, t))| Some((i, (*t)?, f?)))
            .collect()
    }
}

/// The strings of one Arrow array: Utf8, LargeUtf8 or Utf8View.
fn strings(array: &ArrayRef) -> PyResult<Vec<Option<&str>>> {
    Ok(match array.data_type() {
        DataType::Utf8 => array.as_string::<i32>().iter().collect(),
        DataType::LargeUtf8 => array.as_string::<i64>().iter().collect(),
        DataType::Utf8View => array.as_string_view().iter().collect(),
        other => {
            return Err(PyTypeError::new_err(format!(
                "expected an Arrow array of strings (utf8, large_utf8 or string_view), got {other}"
            )))
        }
    })
}

fn arrow_err(e: arrow_schema::ArrowError) -> PyErr {
    PyValueError::new_err(e.to_string())
}

#[pymethods]
impl Engine {
    /// Builds the engine: the built-in catalog plus each list (a path or JSON text).
    #[new]
    #[pyo3(signature = (lists = Vec::new()))]
    fn new(py: Python<'_>, lists: Vec<Bound<'_, PyAny>>) -> PyResult<Engine> {
        let mut catalogs = vec![builtin()];
        for (i, item) in lists.iter().enumerate() {
            catalogs.push(read_list(py, item, i)?);
        }
        let matcher = py
            .detach(|| Matcher::new(catalogs))
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Engine { matcher })
    }

    /// The entities the engine knows: dicts with id, name and tier.
    fn entities<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        (0..self.matcher.entity_count() as u32)
            .map(|i| {
                let e = self.matcher.entity(i);
                let d = PyDict::new(py);
                d.set_item("id", &e.id)?;
                d.set_item("name", &e.name)?;
                d.set_item("tier", self.matcher.entity_ref(i).tier.as_str())?;
                Ok(d)
            })
            .collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "Engine(entities={}, catalogs={})",
            self.matcher.entity_count(),
            self.matcher.catalogs().len()
        )
    }

    /// Scans one text (one document).
    fn scan(&self, py: Python<'_>, text: &str) -> Vec<Match> {
        let found = py.detach(|| scan_text(&self.matcher, text));
        found.iter().map(|f| self.to_match(text, f)).collect()
    }

    /// Scans an HTML page: its visible text as the CLI extracts it (html5ever; scripts, styles
    /// and hidden elements skipped, inline elements joined). Offsets index `html_text(html)`;
    /// `line` is the line in the HTML source.
    fn scan_html(&self, py: Python<'_>, html: &str) -> Vec<Match> {
        let (doc, found) = py.detach(|| {
            let doc = html_doc(html);
            let found = doc.scan(&self.matcher);
            (doc, found)
        });
        found.iter().map(|f| self.to_match(&doc.text, f)).collect()
    }

    /// Scans many texts (each one document) on all cores without the GIL.
    fn scan_many(
        &self,
        py: Python<'_>,
        texts: Vec<Bound<'_, PyString>>,
    ) -> PyResult<Vec<Vec<Match>>> {
        let strs = texts
            .iter()
            .map(|t| t.to_str())
            .collect::<PyResult<Vec<&str>>>()?;
        let found = py.detach(|| parallel_map(&strs, |t| scan_text(&self.matcher, t)));
        Ok(found
            .iter()
            .zip(&strs)
            .map(|(f, t)| f.iter().map(|f| self.to_match(t, f)).collect())
            .collect())
    }

    /// Scans an Arrow array of strings (any object with `__arrow_c_array__` or
    /// `__arrow_c_stream__`); returns a pyarrow.RecordBatch with one row per match.
    fn scan_arrow<'py>(&self, py: Python<'py>, array: AnyArray) -> PyResult<Bound<'py, PyAny>> {
        let chunked = array.into_chunked_array()?;
        let mut rows: Vec<Option<&str>> = Vec::new();
        for chunk in chunked.chunks() {
            rows.extend(strings(chunk)?);
        }
        let batch = py.detach(|| self.scan_batch(&rows)).map_err(arrow_err)?;
        PyRecordBatch::new(batch).into_pyarrow(py)
    }

    /// Screens names (a supplier list), one result per name, like `bioflag screen`.
    fn screen(
        &self,
        py: Python<'_>,
        names: Vec<Bound<'_, PyString>>,
    ) -> PyResult<Vec<ScreenResult>> {
        let strs = names
            .iter()
            .map(|t| t.to_str())
            .collect::<PyResult<Vec<&str>>>()?;
        let verdicts = py.detach(|| {
            let screener = Screener::new(&self.matcher);
            parallel_map(&strs, |n| screener.verdict(n))
        });
        Ok(strs
            .iter()
            .zip(&verdicts)
            .map(|(n, v)| self.to_screen_result(n, v))
            .collect())
    }

    /// Screens an Arrow array of names; returns a pyarrow.RecordBatch with one row per name
    /// (nulls are clear).
    fn screen_arrow<'py>(&self, py: Python<'py>, array: AnyArray) -> PyResult<Bound<'py, PyAny>> {
        let chunked = array.into_chunked_array()?;
        let mut rows: Vec<Option<&str>> = Vec::new();
        for chunk in chunked.chunks() {
            rows.extend(strings(chunk)?);
        }
        let batch = py
            .detach(|| {
                let screener = Screener::new(&self.matcher);
                let verdicts = parallel_map(&rows, |n| screener.verdict(n.unwrap_or("")));
                let mut name = StringBuilder::new();
                let mut cols: [StringBuilder; 5] = Default::default();
                for (n, v) in rows.iter().zip(&verdicts) {
                    name.append_option(*n);
                    let r = self.to_screen_result(n.unwrap_or(""), v);
                    cols[0].append_value(r.verdict);
                    cols[1].append_option(r.entity);
                    cols[2].append_option(r.entity_name);
                    cols[3].append_option(r.tier);
                    cols[4].append_option(r.status);
                }
                let names = ["name", "verdict", "entity", "entity_name", "tier", "status"];
                let schema = Schema::new(
                    names
                        .iter()
                        .map(|n| Field::new(*n, DataType::Utf8, *n != "verdict"))
                        .collect::<Vec<_>>(),
                );
                let mut arrays: Vec<ArrayRef> = vec![Arc::new(name.finish())];
                arrays.extend(cols.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
                RecordBatch::try_new(Arc::new(schema), arrays)
            })
            .map_err(arrow_err)?;
        PyRecordBatch::new(batch).into_pyarrow(py)
    }
}

impl Engine {
    fn scan_batch(&self, rows: &[Option<&str>]) -> Result<RecordBatch, arrow_schema::ArrowError> {
        let found = self.scan_strings(rows);
        let mut row = Int64Builder::new();
        let mut start = Int64Builder::new();
        let mut end = Int64Builder::new();
        let mut line = Int64Builder::new();
        let mut strs: [StringBuilder; 6] = Default::default();
        for (i, text, fs) in &found {
            for f in fs {
                let m = self.to_match(text, f);
                row.append_value(*i as i64);
                start.append_value(m.start as i64);
                end.append_value(m.end as i64);
                line.append_value(m.line as i64);
                for (b, v) in strs.iter_mut().zip([
                    &m.entity,
                    &m.name,
                    &m.alias,
                    &m.text,
                    &m.tier,
                    &m.evidence,
                ]) {
                    b.append_value(v);
                }
            }
        }
        let int = |n: &str| Field::new(n, DataType::Int64, false);
        let text = |n: &str| Field::new(n, DataType::Utf8, false);
        let schema = Schema::new(vec![
            int("row"),
            text("entity"),
            text("name"),
            text("alias"),
            text("text"),
            int("start"),
            int("end"),
            int("line"),
            text("tier"),
            text("evidence"),
        ]);
        let [entity, name, alias, txt, tier, evidence] = strs.map(|mut b| b.finish());
        let arrays: Vec<ArrayRef> = vec![
            Arc::new(row.finish()),
            Arc::new(entity),
            Arc::new(name),
            Arc::new(alias),
            Arc::new(txt),
            Arc::new(start.finish()),
            Arc::new(end.finish()),
            Arc::new(line.finish()),
            Arc::new(tier),
            Arc::new(evidence),
        ];
        RecordBatch::try_new(Arc::new(schema), arrays)
    }
}

/// The visible text of an HTML page, as `Engine.scan_html` reads it: blocks (paragraphs,
/// list items, cells, ...) separated by a blank line, inline elements joined, scripts, styles,
/// templates, the title and other hidden elements left out, entities decoded.
#[pyfunction]
fn html_text(py: Python<'_>, html: &str) -> String {
    py.detach(|| html_doc(html).text)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(html_text, m)?)?;
    m.add_class::<Engine>()?;
    m.add_class::<Match>()?;
    m.add_class::<ScreenResult>()?;
    m.add("ListError", m.py().get_type::<ListError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
