//! ODT (OpenDocument text): the paragraphs and headings (`text:p`, `text:h`) of `content.xml`,
//! then those of `styles.xml` (the page headers and footers live there), one block per
//! paragraph, as the DOCX reader does; the "line" of a match is its paragraph. A footnote's
//! paragraphs, nested inside the paragraph that cites it, are blocks of their own. Deleted
//! text of tracked changes, comments and note numbers are not text.

use super::package::{self, Paragraphs, Part};
use super::Failure;
use crate::scan::Collector;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Read};

pub fn read(bytes: Vec<u8>, out: &mut Collector) -> Result<(), Failure> {
    // styles.xml is optional; a text document without content.xml is not one.
    let parts = |_: &package::Archive| {
        vec![
            Part {
                name: "content.xml".into(),
                required: true,
            },
            Part {
                name: "styles.xml".into(),
                required: false,
            },
        ]
    };
    package::read(bytes, "ODT", parts, paragraphs, out)
}

/// Elements whose content is not the document's text.
fn skipped(name: &[u8]) -> bool {
    matches!(
        name,
        b"tracked-changes" | b"annotation" | b"note-citation" | b"sequence-decls"
    )
}

/// The number of spaces a `text:s` element stands for (`text:c`, default 1).
fn spaces(e: &BytesStart) -> usize {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == b"c")
        .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse().ok())
        .unwrap_or(1)
        .min(1000)
}

/// Calls `on_block` with each paragraph of an OpenDocument XML part.
fn paragraphs(part: &mut dyn Read, out: &mut Paragraphs) -> Result<(), quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    // The open paragraphs, innermost last (a note's paragraphs sit inside another).
    let mut open: Vec<String> = Vec::new();
    let mut skip = 0u32; // depth inside a skipped element
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) => {
                let name = e.local_name();
                if skip > 0 || skipped(name.as_ref()) {
                    skip += 1;
                } else if matches!(name.as_ref(), b"p" | b"h") {
                    open.push(String::new());
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                if skip > 0 {
                    skip -= 1;
                } else if matches!(name.as_ref(), b"p" | b"h") {
                    if let Some(text) = open.pop() {
                        out.end(text);
                    }
                }
            }
            Event::Empty(e) if skip == 0 => {
                if let Some(text) = open.last_mut() {
                    match e.local_name().as_ref() {
                        b"s" => text.extend(std::iter::repeat_n(' ', spaces(&e))),
                        b"tab" => text.push('\t'),
                        b"line-break" => text.push('\n'),
                        _ => {}
                    }
                } else if matches!(e.local_name().as_ref(), b"p" | b"h") {
                    out.end(String::new()); // an empty paragraph still counts
                }
            }
            Event::Text(t) if skip == 0 => {
                if let Some(text) = open.last_mut() {
                    text.push_str(&t.xml_content()?);
                }
            }
            Event::CData(t) if skip == 0 => {
                if let Some(text) = open.last_mut() {
                    text.push_str(&t.xml_content()?);
                }
            }
            Event::GeneralRef(r) if skip == 0 => {
                if let Some(text) = open.last_mut() {
                    if let Some(c) = r.resolve_char_ref()? {
                        text.push(c);
                    } else if let Some(s) = quick_xml::escape::resolve_xml_entity(&r.xml_content()?)
                    {
                        text.push_str(s);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}
