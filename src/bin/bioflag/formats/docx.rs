//! DOCX: the text of `word/document.xml` and of the headers, footers, footnotes and endnotes,
//! one block per paragraph (`w:p`); the "line" of a match is its paragraph, counted through
//! the document in that order. Deleted text (tracked changes) and field codes are not text.

use super::Failure;
use crate::scan::Collector;
use bioflag::html::Block;
use quick_xml::events::Event;
use std::io::{BufReader, Cursor, Read};

pub fn read(bytes: Vec<u8>, out: &mut Collector) -> Result<(), Failure> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Failure::Error(format!("a corrupt DOCX (ZIP) file: {e}")))?;
    let mut parts = vec!["word/document.xml".to_string()];
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
    parts.extend(extra);
    let mut paragraph = 0u64;
    for name in &parts {
        let file = archive.by_name(name).map_err(|e| {
            Failure::Error(format!("a DOCX without a readable {name} (corrupt?): {e}"))
        })?;
        paragraphs(file, &mut paragraph, &mut |b| out.block(&b, |_| None))
            .map_err(|e| Failure::Error(format!("{name}: {e}")))?;
    }
    Ok(())
}

/// Calls `on_block` with each paragraph of a WordprocessingML part.
fn paragraphs(
    part: impl Read,
    paragraph: &mut u64,
    on_block: &mut impl FnMut(Block),
) -> Result<(), quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    let mut text = String::new();
    let mut in_text = false; // inside <w:t>
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_text = true,
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => flush(&mut text, paragraph, on_block),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" => text.push('\t'),
                b"br" | b"cr" => text.push('\n'),
                b"p" => flush(&mut text, paragraph, on_block),
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
        flush(&mut text, paragraph, on_block);
    }
    Ok(())
}

fn flush(text: &mut String, paragraph: &mut u64, on_block: &mut impl FnMut(Block)) {
    *paragraph += 1;
    if text.is_empty() {
        return;
    }
    text.push('\n');
    on_block(Block {
        text: std::mem::take(text),
        lines: vec![(0, *paragraph)],
    });
}
