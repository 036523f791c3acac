//! DOCX: the text of `word/document.xml` and of the headers, footers, footnotes and endnotes,
//! one block per paragraph (`w:p`); the "line" of a match is its paragraph, counted through
//! the document in that order. Deleted text (tracked changes) and field codes are not text.

use super::package::{self, Paragraphs, Part};
use super::Failure;
use crate::scan::Collector;
use quick_xml::events::Event;
use std::io::{BufReader, Read};

pub fn read(bytes: Vec<u8>, out: &mut Collector) -> Result<(), Failure> {
    package::read(bytes, "DOCX", parts, paragraphs, out)
}

/// The main document, then the headers and footers in name order, then the foot- and endnotes.
fn parts(archive: &package::Archive) -> Vec<Part> {
    let mut extra: Vec<String> = archive
        .file_names()
        .filter(|n| {
            let n = n.strip_prefix("word/").unwrap_or("");
            (n.starts_with("header") || n.starts_with("footer"))
                && n.ends_with(".xml")
                && !n.contains('/')
                || n == "footnotes.xml"
                || n == "endnotes.xml"
        })
        .map(str::to_string)
        .collect();
    extra.sort();
    std::iter::once("word/document.xml".to_string())
        .chain(extra)
        .map(|name| Part {
            name,
            required: true,
        })
        .collect()
}

/// Ends each paragraph of a WordprocessingML part on `out`.
fn paragraphs(part: &mut dyn Read, out: &mut Paragraphs) -> Result<(), quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    let mut text = String::new();
    let mut in_text = false; // inside <w:t>
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_text = true,
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => out.end(std::mem::take(&mut text)),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" => text.push('\t'),
                b"br" | b"cr" => text.push('\n'),
                b"p" => out.end(std::mem::take(&mut text)),
                _ => {}
            },
            Event::Text(t) if in_text => text.push_str(&t.xml_content()?),
            Event::CData(t) if in_text => text.push_str(&t.xml_content()?),
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = r.resolve_char_ref()? {
                    text.push(c);
                } else if let Some(s) = quick_xml::escape::resolve_xml_entity(&r.xml_content()?) {
                    text.push_str(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !text.is_empty() {
        out.end(text);
    }
    Ok(())
}
