//! Printing results: grep-like text (coloured on a terminal), NDJSON, CSV.

use crate::screen::{Screener, Verdict};
use bioflag::card::{card, Card};
use bioflag::{Match, Matcher};
use clap::ValueEnum;
use serde::Serialize;
use std::io::{self, IsTerminal, Read, Write};

/// When to colour text output.
#[derive(Clone, Copy, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// One match as the CLI reports it: offsets into the document's text (the file for text
/// files, the extracted visible text for HTML) and the 1-based source line.
#[derive(Debug, Clone)]
pub struct Found {
    pub m: Match,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub line: u64,
    /// Where in a document with pages, sheets or parts.
    pub at: Option<Location>,
}

/// A place in a document, besides its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A PDF page, 1-based.
    Page(u32),
    /// A spreadsheet cell, e.g. `Suppliers`, `B3`.
    Cell { sheet: String, cell: String },
    /// A part of an e-mail: `subject` or `body`.
    Part(&'static str),
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Page(n) => write!(f, "page {n}"),
            Location::Cell { sheet, cell } => write!(f, "{sheet}!{cell}"),
            Location::Part(p) => f.write_str(p),
        }
    }
}

/// The result of scanning one input, or one record of a container (WARC).
#[derive(Debug, Default)]
pub struct FileResult {
    pub path: String,
    /// The record's URI, for a record of a WARC file.
    pub uri: Option<String>,
    pub found: Vec<Found>,
    pub error: Option<String>,
    pub lossy: bool,
}

#[derive(Serialize)]
struct JsonMatch<'a> {
    entity: &'a str,
    name: &'a str,
    alias: &'a str,
    text: &'a str,
    start: usize,
    end: usize,
    line: u64,
    tier: &'static str,
    evidence: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    part: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<&'a str>,
    matches: Vec<JsonMatch<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<&'static str>,
}

fn evidence_name(m: &Match) -> &'static str {
    use bioflag::Evidence::*;
    match m.evidence {
        Strong => "name",
        Context => "short-name-with-context",
        Block => "short-name-with-full-name-nearby",
        Document => "short-name-with-full-name-in-document",
        Pending => "short-name-unconfirmed",
    }
}

/// Prints scan results in one format.
pub struct Printer {
    format: &'static str,
    color: bool,
    csv_header_done: bool,
    out: io::BufWriter<io::Stdout>,
}

const RED_BOLD: &str = "\x1b[1;31m";
const MAGENTA: &str = "\x1b[35m";
const GREEN: &str = "\x1b[32m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

impl Printer {
    pub fn new(format: &'static str, color: Color) -> Printer {
        let color = match color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        };
        Printer {
            format,
            color,
            csv_header_done: false,
            out: io::BufWriter::new(io::stdout()),
        }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    pub fn print(&mut self, matcher: &Matcher, r: &FileResult) -> io::Result<()> {
        match self.format {
            "json" => self.json(matcher, r)?,
            "csv" => self.csv(matcher, r)?,
            _ => self.text(matcher, r)?,
        }
        self.out.flush()
    }

    fn text(&mut self, matcher: &Matcher, r: &FileResult) -> io::Result<()> {
        for f in &r.found {
            let e = matcher.entity(f.m.entity);
            let c = card(matcher, f.m.entity);
            let why = c
                .status_lines()
                .into_iter()
                .next()
                .unwrap_or_else(|| c.tier_label.to_string());
            // path[:uri][:place]:line — a cell needs no line.
            let mut place = String::new();
            if let Some(uri) = &r.uri {
                place.push_str(&format!("{uri}:"));
            }
            let line = match &f.at {
                Some(cell @ Location::Cell { .. }) => cell.to_string(),
                Some(at) => format!("{at}:{}", f.line),
                None => f.line.to_string(),
            };
            place.push_str(&line);
            let line = format!(
                "{}:{}: {} → {} ({}) · {} {}",
                self.paint(MAGENTA, &r.path),
                self.paint(GREEN, &place),
                self.paint(RED_BOLD, &one_line(&f.text)),
                e.name,
                e.id,
                why,
                self.paint(DIM, &format!("[{}]", f.m.evidence.describe())),
            );
            writeln!(self.out, "{line}")?;
        }
        Ok(())
    }

    fn json(&mut self, matcher: &Matcher, r: &FileResult) -> io::Result<()> {
        let matches = r
            .found
            .iter()
            .map(|f| {
                let e = matcher.entity(f.m.entity);
                let (sheet, cell) = match &f.at {
                    Some(Location::Cell { sheet, cell }) => {
                        (Some(sheet.as_str()), Some(cell.as_str()))
                    }
                    _ => (None, None),
                };
                JsonMatch {
                    entity: &e.id,
                    name: &e.name,
                    alias: matcher.alias_text(f.m.entity, f.m.alias),
                    text: &f.text,
                    start: f.start,
                    end: f.end,
                    line: f.line,
                    tier: matcher.entity_ref(f.m.entity).tier.as_str(),
                    evidence: evidence_name(&f.m),
                    page: match f.at {
                        Some(Location::Page(n)) => Some(n),
                        _ => None,
                    },
                    sheet,
                    cell,
                    part: match f.at {
                        Some(Location::Part(p)) => Some(p),
                        _ => None,
                    },
                }
            })
            .collect();
        let file = JsonFile {
            path: &r.path,
            uri: r.uri.as_deref(),
            matches,
            error: r.error.as_deref(),
            warnings: if r.lossy {
                vec!["invalid UTF-8 replaced"]
            } else {
                Vec::new()
            },
        };
        serde_json::to_writer(&mut self.out, &file)?;
        writeln!(self.out)
    }

    fn csv(&mut self, matcher: &Matcher, r: &FileResult) -> io::Result<()> {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(&mut self.out);
        if !self.csv_header_done {
            w.write_record([
                "path", "line", "start", "end", "entity", "name", "alias", "text", "tier",
                "evidence", "uri", "location",
            ])?;
            self.csv_header_done = true;
        }
        for f in &r.found {
            let e = matcher.entity(f.m.entity);
            w.write_record([
                r.path.as_str(),
                &f.line.to_string(),
                &f.start.to_string(),
                &f.end.to_string(),
                &e.id,
                &e.name,
                matcher.alias_text(f.m.entity, f.m.alias),
                &one_line(&f.text),
                matcher.entity_ref(f.m.entity).tier.as_str(),
                evidence_name(&f.m),
                r.uri.as_deref().unwrap_or(""),
                &f.at.as_ref().map(ToString::to_string).unwrap_or_default(),
            ])?;
        }
        w.flush()
    }
}

/// Matched text on one line (it may span a line break in the source).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `bioflag entities`.
pub fn print_entities(matcher: &Matcher, format: &str) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout());
    let cards: Vec<Card> = (0..matcher.entity_count() as u32)
        .map(|i| card(matcher, i))
        .collect();
    match format {
        "json" => {
            for c in &cards {
                serde_json::to_writer(&mut out, c)?;
                writeln!(out)?;
            }
        }
        "csv" => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(["id", "name", "name_zh", "tier", "status", "list"])?;
            for c in &cards {
                w.write_record([
                    c.id.as_str(),
                    &c.name,
                    c.name_zh.as_deref().unwrap_or(""),
                    c.tier,
                    &c.status_lines().join("; "),
                    &c.list,
                ])?;
            }
            w.flush()?;
        }
        _ => {
            for c in &cards {
                let zh = c
                    .name_zh
                    .as_deref()
                    .map(|z| format!(" {z}"))
                    .unwrap_or_default();
                writeln!(out, "{:<32} {:<20} {}{}", c.id, c.tier, c.name, zh)?;
                for s in c.status_lines() {
                    writeln!(out, "{:<32} {:<20} · {s}", "", "")?;
                }
            }
        }
    }
    out.flush()
}

/// "Title — Publisher, 2023-12-14 (copy)", as a card cites a source.
fn cite(s: &bioflag::card::SourceRef) -> String {
    let meta: Vec<&str> = [s.publisher.as_deref(), s.date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let mut line = s.title.clone();
    if !meta.is_empty() {
        line.push_str(" — ");
        line.push_str(&meta.join(", "));
    }
    line
}

/// `bioflag show ID` as text, in the card's order: headline, response, reporting, relations,
/// sources.
pub fn print_card(c: &Card) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout());
    // The Chinese name in both scripts: readers of either find the one they know.
    let names: Vec<&str> = std::iter::once(c.name.as_str())
        .chain(c.name_zh.as_deref())
        .chain(c.name_zh_hant.as_deref())
        .collect();
    writeln!(out, "{}", names.join(" · "))?;
    for l in &c.listings {
        match &l.keeper {
            Some(k) => writeln!(out, "{}, kept by the {k}.", l.text)?,
            None => writeln!(out, "{}.", l.text)?,
        }
        for detail in [&l.note, &l.citation].into_iter().flatten() {
            writeln!(out, "  {detail}")?;
        }
        for m in &l.meaning {
            writeln!(out, "  What this means: {} [{}]", m.text, cite(&m.source))?;
        }
    }
    if c.listings.is_empty() {
        writeln!(out, "{}", c.tier_label)?;
    }
    if let Some(s) = &c.summary {
        writeln!(out, "{s}")?;
    }
    let (responses, noun) = match c.respondent {
        "institute" => ("The institute's response", "institute"),
        "body" => ("The body's response", "body"),
        _ => ("The company's response", "company"),
    };
    for (title, items) in [
        (responses, &c.responses),
        ("What has been reported", &c.claims),
        ("How sources relate it to other entities", &c.relations),
    ] {
        if items.is_empty() {
            if title == responses && !c.imported {
                writeln!(out, "\nNo statement by the {noun} is on record here.")?;
            }
            continue;
        }
        writeln!(out, "\n{title}:")?;
        for s in items {
            let date = s
                .date
                .as_deref()
                .map(|d| format!("{d}: "))
                .unwrap_or_default();
            writeln!(out, "  - {date}{} [{}]", s.text, cite(&s.source))?;
            if let Some(listed) = &s.predates {
                writeln!(out, "    (said before the {listed} listing)")?;
            }
        }
    }
    if !c.sources.is_empty() {
        writeln!(out, "\nSources:")?;
        for s in &c.sources {
            writeln!(out, "  - {} ({})", cite(s), s.confidence)?;
            if let Some(u) = &s.url {
                let copy = if s.copy { " (a copy)" } else { "" };
                writeln!(out, "    {u}{copy}")?;
            }
        }
    }
    if !c.aliases.is_empty() {
        writeln!(out, "\nAlso known as: {}", c.aliases.join("; "))?;
    }
    match &c.catalog_date {
        Some(d) => writeln!(out, "\n{} as of {d} · {}", c.list, c.id)?,
        None => writeln!(out, "\n{} · {}", c.list, c.id)?,
    }
    out.flush()
}

/// `bioflag screen` on a CSV: writes it back with verdict columns added. Returns whether any
/// row matched or needs review.
pub fn screen_csv(matcher: &Matcher, reader: impl Read, column: &str) -> io::Result<bool> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers: Vec<String> = rdr.headers()?.iter().map(str::to_string).collect();
    let rows = rdr.into_records().enumerate().map(|(i, record)| {
        record
            .map(|r| r.iter().map(str::to_string).collect())
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("row {}: {e}", i + 2)))
    });
    screen_rows(matcher, headers, rows, column)
}

/// `bioflag screen` on rows (a CSV's or a sheet's; the header first): writes them as CSV with
/// `verdict, entity, entity_name, tier, status` added.
pub fn screen_rows(
    matcher: &Matcher,
    headers: Vec<String>,
    rows: impl Iterator<Item = io::Result<Vec<String>>>,
    column: &str,
) -> io::Result<bool> {
    let index = match column.parse::<usize>() {
        Ok(n) if n >= 1 && n <= headers.len() => n - 1,
        _ => headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(column.trim()))
            .ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "no column `{column}`; the header has: {}",
                        headers.join(", ")
                    ),
                )
            })?,
    };
    let screener = Screener::new(matcher);
    let mut w = csv::Writer::from_writer(io::BufWriter::new(io::stdout()));
    let mut out_headers = headers.clone();
    out_headers.extend(["verdict", "entity", "entity_name", "tier", "status"].map(String::from));
    w.write_record(&out_headers)?;
    let mut flagged = false;
    for row in rows {
        let mut row = row?;
        let name = row.get(index).map(String::as_str).unwrap_or("");
        let verdict = screener.verdict(name);
        flagged |= verdict != Verdict::Clear;
        row.resize(headers.len(), String::new());
        row.push(verdict.label().to_string());
        match verdict.entity() {
            Some(e) => {
                let c = card(matcher, e);
                let status = c.status_lines().join("; ");
                row.extend([c.id, c.name, c.tier.to_string(), status]);
            }
            None => row.extend([String::new(), String::new(), String::new(), String::new()]),
        }
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(flagged)
}
