//! Turning blocks of text into results: one [`Collector`] per input, which may hold several
//! documents (a WARC file's records); weak aliases are settled per document.

use crate::output::{FileResult, Found, Location};
use bioflag::html::Block;
use bioflag::matcher::DocumentScan;
use bioflag::{Evidence, Matcher};

/// The document being read.
struct Open {
    doc: DocumentScan,
    result: FileResult,
    /// Where the next block starts in the document's text.
    offset: usize,
    segment: u32,
}

/// Collects the results of one input, document by document.
pub struct Collector<'m> {
    matcher: &'m Matcher,
    path: String,
    open: Option<Open>,
    /// Finished documents. A file with many documents (WARC) keeps only those with a match or
    /// an error, so memory follows the findings, not the input.
    pub results: Vec<FileResult>,
    many: bool,
}

impl<'m> Collector<'m> {
    pub fn new(matcher: &'m Matcher, path: &str) -> Collector<'m> {
        Collector {
            matcher,
            path: path.to_string(),
            open: None,
            results: Vec::new(),
            many: false,
        }
    }

    /// Starts a document; `uri` names a record inside a container (WARC).
    pub fn begin(&mut self, uri: Option<String>) {
        self.end();
        self.many |= uri.is_some();
        self.open = Some(Open {
            doc: DocumentScan::default(),
            result: FileResult {
                path: self.path.clone(),
                uri,
                ..FileResult::default()
            },
            offset: 0,
            segment: 0,
        });
    }

    fn current(&mut self) -> &mut Open {
        if self.open.is_none() {
            self.begin(None);
        }
        self.open.as_mut().expect("a document is open")
    }

    /// Scans one block; `at` says where in the document an offset of the block is (a page, a
    /// cell), when the document has such places.
    pub fn block(&mut self, block: &Block, at: impl Fn(usize) -> Option<Location>) {
        let matcher = self.matcher;
        let open = self.current();
        let mut matches = Vec::new();
        matcher.scan_segment(&mut open.doc, open.segment, &block.text, &mut matches);
        for m in &matches {
            open.result.found.push(Found {
                m: *m,
                text: block.text[m.start..m.end].to_string(),
                start: open.offset + m.start,
                end: open.offset + m.end,
                line: block.line_at(m.start),
                at: at(m.start),
            });
        }
        open.segment += 1;
        open.offset += block.text.len();
    }

    /// Marks the current document as not read to its end, with why (a WARC record whose HTTP
    /// body does not decode); what was read of it is still reported.
    pub fn record_error(&mut self, why: String) {
        self.current().result.error = Some(why);
    }

    /// Marks the current document as decoded with replacement characters.
    pub fn lossy(&mut self) {
        self.current().result.lossy = true;
    }

    /// Ends the current document (if any), settling its weak aliases.
    pub fn end(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let Open {
            doc, mut result, ..
        } = open;
        let matcher = self.matcher;
        result.found.retain_mut(|f| {
            match doc.settle(matcher, f.m.entity, f.m.alias, f.m.evidence) {
                Some(Evidence::Pending) | None => false,
                Some(e) => {
                    f.m.evidence = e;
                    true
                }
            }
        });
        if !self.many || !result.found.is_empty() || result.error.is_some() {
            self.results.push(result);
        }
    }

    /// Ends reading: `error` is why the input could not be read (to the end). Returns one
    /// result at least, so every input is reported.
    pub fn finish(mut self, error: Option<String>) -> Vec<FileResult> {
        match error {
            Some(e) if self.many => {
                self.end();
                self.results.push(FileResult {
                    path: self.path.clone(),
                    error: Some(e),
                    ..FileResult::default()
                });
            }
            Some(e) => self.current().result.error = Some(e),
            None => {}
        }
        self.end();
        if self.results.is_empty() {
            self.results.push(FileResult {
                path: self.path,
                ..FileResult::default()
            });
        }
        self.results
    }
}
