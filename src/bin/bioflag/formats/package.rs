//! What the DOCX and ODT readers share: a ZIP package whose text is in XML parts, read in the
//! order the format gives, one block per paragraph, paragraphs numbered through the whole
//! document (the "line" of a match is its paragraph).

use super::Failure;
use crate::scan::Collector;
use bioflag::html::Block;
use std::io::{Cursor, Read};

pub type Archive = zip::ZipArchive<Cursor<Vec<u8>>>;

/// One XML part to read; a missing optional part is passed over, a missing required one makes
/// the file unreadable.
pub struct Part {
    pub name: String,
    pub required: bool,
}

/// Where a format's paragraph reader puts what it finds.
pub struct Paragraphs<'a> {
    number: u64,
    on_block: &'a mut dyn FnMut(Block),
}

impl Paragraphs<'_> {
    /// Ends a paragraph: counts it, and makes it a block unless it holds no text.
    pub fn end(&mut self, mut text: String) {
        self.number += 1;
        if text.trim().is_empty() {
            return;
        }
        text.push('\n');
        (self.on_block)(Block {
            text,
            lines: vec![(0, self.number)],
        });
    }
}

/// Opens `bytes` as a `format` package, picks its parts with `parts`, and runs `paragraphs` on
/// each in turn; every failure names the format and the part.
pub fn read(
    bytes: Vec<u8>,
    format: &str,
    parts: impl FnOnce(&Archive) -> Vec<Part>,
    mut paragraphs: impl FnMut(&mut dyn Read, &mut Paragraphs) -> Result<(), quick_xml::Error>,
    out: &mut Collector,
) -> Result<(), Failure> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Failure::Error(format!("a corrupt {format} (ZIP) file: {e}")))?;
    let mut on_block = |b: Block| out.block(&b, |_| None);
    let mut sink = Paragraphs {
        number: 0,
        on_block: &mut on_block,
    };
    for Part { name, required } in parts(&archive) {
        let mut file = match archive.by_name(&name) {
            Ok(f) => f,
            Err(_) if !required => continue,
            Err(e) => {
                return Err(Failure::Error(format!(
                    "a {format} without a readable {name} (corrupt?): {e}"
                )))
            }
        };
        paragraphs(&mut file, &mut sink).map_err(|e| Failure::Error(format!("{name}: {e}")))?;
    }
    Ok(())
}
