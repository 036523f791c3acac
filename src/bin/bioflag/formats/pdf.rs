//! PDF: the text layer, page by page (pdf-extract over lopdf). Scanned pages without a text
//! layer have no text to find; encrypted files are opened when they need no password.

use super::Failure;
use crate::input::read_blocks;
use crate::output::Location;
use crate::scan::Collector;
use pdf_extract::{Document, PlainTextOutput};

pub fn read(bytes: &[u8], out: &mut Collector) -> Result<(), Failure> {
    let mut doc = Document::load_mem(bytes).map_err(|e| match e {
        pdf_extract::Error::Decryption(_) => encrypted(),
        e => Failure::Error(format!("not a readable PDF: {e}")),
    })?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(encrypted());
    }
    for (page, _) in doc.get_pages() {
        let mut text = String::new();
        pdf_extract::output_doc_page(&doc, &mut PlainTextOutput::new(&mut text), page)
            .map_err(|e| Failure::Error(format!("page {page}: {e}")))?;
        read_blocks(text.as_bytes(), "page.txt", |b| {
            out.block(&b, |_| Some(Location::Page(page)))
        })?;
    }
    Ok(())
}

fn encrypted() -> Failure {
    Failure::Error("an encrypted PDF: a password is needed to read its text".into())
}
