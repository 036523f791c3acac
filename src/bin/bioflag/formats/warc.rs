//! WARC and WET files (ISO 28500; Common Crawl's crawls), plain or gzip-compressed (one gzip
//! member per record, or the whole file), streamed record by record: a record's content goes
//! through the text reader in chunks, so a multi-GB file needs bounded memory.
//!
//! Each `response`, `resource` and `conversion` (WET) record is one document, reported with its
//! `WARC-Target-URI`; for HTTP responses the HTTP header is skipped and the body read when its
//! `Content-Type` is text (HTML is extracted as for any HTML file), with its transfer and
//! content codings undone (chunked, gzip, deflate, br: see `http`). A body that cannot be
//! decoded is that record's error, and the next record is read. Other record types
//! (`request`, `warcinfo`, `metadata`, `revisit`) are skipped.
//!
//! A small reader of our own rather than the `warc` crate: that crate parses each record's
//! date strictly (chrono) and brings its own gzip (libflate) besides flate2, and the format
//! needs no more than a header block and `Content-Length`.

use super::{http, Failure};
use crate::input::read_blocks;
use crate::scan::Collector;
use std::io::{self, BufRead, Read};

/// A header line longer than this means the input is not WARC (or is corrupt).
const MAX_LINE: u64 = 64 * 1024;
/// A header block with more lines than this likewise.
const MAX_FIELDS: usize = 1024;

pub fn read(mut reader: impl BufRead, out: &mut Collector) -> Result<(), Failure> {
    let mut records = 0u64;
    let mut line = Vec::new();
    loop {
        // Records are separated by blank lines.
        let n = read_line(&mut reader, &mut line)?;
        if n == 0 {
            return Ok(());
        }
        if trim(&line).is_empty() {
            continue;
        }
        if !line.starts_with(b"WARC/") {
            return Err(corrupt(records, "no `WARC/` version line"));
        }
        let fields = header(&mut reader, &mut line).map_err(|e| corrupt(records, &e))?;
        let get = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let length: u64 = get("Content-Length")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| corrupt(records, "no valid Content-Length"))?;
        let kind = get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let content_type = get("Content-Type").unwrap_or("").to_ascii_lowercase();
        let uri = get("WARC-Target-URI")
            .or_else(|| get("WARC-Record-ID"))
            .unwrap_or("")
            .trim_matches(|c| c == '<' || c == '>')
            .to_string();
        records += 1;
        let mut content = (&mut reader).take(length);
        if matches!(kind.as_str(), "response" | "resource" | "conversion") {
            out.begin(Some(uri.clone()));
            match record(&mut content, &content_type, out) {
                Ok(()) => {}
                // The record, not the file, is broken: the rest of it is skipped below, and
                // the next record read.
                Err(RecordError::Body(why)) => {
                    out.record_error(format!("record {uri} could not be decoded: {why}"))
                }
                Err(RecordError::File(e)) => {
                    out.end();
                    return Err(e.into());
                }
            }
            out.end();
        }
        io::copy(&mut content, &mut io::sink())?;
        if content.limit() > 0 {
            return Err(corrupt(records - 1, "the file ends inside the record"));
        }
    }
}

/// Why a record could not be scanned.
enum RecordError {
    /// Its HTTP body does not decode: an unsupported or broken coding.
    Body(String),
    /// Reading the file failed.
    File(io::Error),
}

/// Scans one record's content. An error while reading is the file's when reading the file
/// failed (see [`Watched`]), else the body's decoders failed.
fn record(
    content: &mut impl BufRead,
    content_type: &str,
    out: &mut Collector,
) -> Result<(), RecordError> {
    let mut raw = Watched {
        inner: content,
        failed: false,
    };
    match scan_record(&mut raw, content_type, out) {
        Ok(()) => Ok(()),
        Err(e) if raw.failed => Err(RecordError::File(e)),
        Err(e) => Err(RecordError::Body(e.to_string())),
    }
}

fn scan_record(
    content: &mut impl BufRead,
    content_type: &str,
    out: &mut Collector,
) -> io::Result<()> {
    let hint = |t: &str| {
        if t.contains("html") {
            "record.html"
        } else {
            "record.txt"
        }
    };
    // Pages in other charsets are decoded with replacement characters; that is not reported
    // per record.
    if !content_type.starts_with("application/http") {
        read_blocks(content, hint(content_type), |b| out.block(&b, |_| None))?;
        return Ok(());
    }
    // The HTTP status line and header, then the body.
    let mut line = Vec::new();
    let fields = header(content, &mut line)
        .map_err(|e| io::Error::other(format!("its HTTP header: {e}")))?;
    let body_type = fields
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Content-Type"))
        .map(|(_, v)| v.to_ascii_lowercase())
        .unwrap_or_default();
    let textual = body_type.is_empty()
        || body_type.starts_with("text/")
        || ["html", "xml", "json"]
            .iter()
            .any(|t| body_type.contains(t));
    if !textual {
        return Ok(());
    }
    let body = http::body(content, &fields).map_err(io::Error::other)?;
    read_blocks(body, hint(&body_type), |b| out.block(&b, |_| None))?;
    Ok(())
}

/// A record's raw content that remembers whether reading it failed, so a failure of the file
/// (an I/O error, a corrupt gzip member around the record) is told from one of the decoders
/// over the body.
struct Watched<'r, R> {
    inner: &'r mut R,
    failed: bool,
}

impl<R: BufRead> Read for Watched<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let r = self.inner.read(buf);
        self.failed |= r.is_err();
        r
    }
}

impl<R: BufRead> BufRead for Watched<'_, R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self.inner.fill_buf() {
            Ok(b) => Ok(b),
            Err(e) => {
                self.failed = true;
                Err(e)
            }
        }
    }

    fn consume(&mut self, n: usize) {
        self.inner.consume(n);
    }
}

/// Reads `Name: value` lines up to a blank line (the version or status line first, skipped).
fn header(reader: &mut impl BufRead, line: &mut Vec<u8>) -> Result<Vec<(String, String)>, String> {
    let mut fields: Vec<(String, String)> = Vec::new();
    loop {
        let n = read_line(reader, line).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("the file ends inside a header".into());
        }
        let l = trim(line);
        if l.is_empty() {
            return Ok(fields);
        }
        if fields.len() >= MAX_FIELDS {
            return Err("a header with too many lines".into());
        }
        let l = String::from_utf8_lossy(l);
        if l.starts_with([' ', '\t']) {
            // A folded continuation line.
            if let Some((_, v)) = fields.last_mut() {
                v.push(' ');
                v.push_str(l.trim());
            }
        } else if let Some((k, v)) = l.split_once(':') {
            fields.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
}

/// One line, at most [`MAX_LINE`] bytes.
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<usize> {
    line.clear();
    let n = reader.take(MAX_LINE).read_until(b'\n', line)?;
    if n as u64 == MAX_LINE && !line.ends_with(b"\n") {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "not a WARC file: a header line is too long",
        ));
    }
    Ok(n)
}

fn trim(line: &[u8]) -> &[u8] {
    let mut l = line;
    while let [rest @ .., b'\r' | b'\n'] = l {
        l = rest;
    }
    l
}

fn corrupt(record: u64, why: &str) -> Failure {
    Failure::Error(format!(
        "a corrupt WARC file: after {record} record(s), {why}"
    ))
}
