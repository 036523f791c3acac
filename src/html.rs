//! Visible text of an HTML document, as blocks, with the source line each block came from.
//!
//! A real HTML5 tokenizer (html5ever) handles entities, comments, CDATA and the raw-text rules
//! of `<script>`/`<style>`. Which elements are skipped, inline or blocks is the element model
//! shared with the extension and the website (`bioflag::elements`): inline elements are joined
//! (`<b>BGI</b> Genomics` is one name); block elements and `<br>` end a block.
//! Input is fed in chunks and finished blocks are handed out as they complete, so memory stays
//! bounded on huge files.

use crate::elements::{self, Kind};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, EndTag, StartTag, TagToken, Token, TokenSink, TokenSinkResult,
    Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// A block of visible text. `lines` maps offsets in `text` to source lines: `(offset, line)`,
/// ascending; the line of offset `o` is that of the last entry at or before `o`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    pub lines: Vec<(usize, u64)>,
}

impl Block {
    /// Source line of byte offset `offset` in `text`.
    pub fn line_at(&self, offset: usize) -> u64 {
        let i = self.lines.partition_point(|&(o, _)| o <= offset);
        self.lines[i.saturating_sub(1)].1
    }
}

/// Blocks longer than this are cut (at a space when there is one) so memory stays bounded.
const MAX_BLOCK_BYTES: usize = 1 << 20;

/// Skipped elements whose end tag a page may leave out (`<head>` before `<body>`, one `<option>`
/// after another): a tokenizer cannot see where they end, so their content is left to the rules
/// for what they hold (a head holds a title, styles and scripts; options sit in a `<select>`,
/// which is skipped whole).
const END_TAG_OPTIONAL: [&str; 3] = ["head", "option", "optgroup"];

/// True for an element whose content this reader steps over until its end tag.
fn hides_content(name: &str) -> bool {
    let model = elements::model();
    model.kind(name) == Kind::Skipped && !model.is_void(name) && !END_TAG_OPTIONAL.contains(&name)
}

#[derive(Default)]
struct State {
    current: Block,
    done: Vec<Block>,
    /// The hidden element we are inside (its content is skipped until its end tag), and how
    /// deeply it nests (templates can).
    hidden: Option<(String, u32)>,
}

impl State {
    fn finish_block(&mut self) {
        if self.current.text.trim().is_empty() {
            self.current = Block::default();
            return;
        }
        self.done.push(std::mem::take(&mut self.current));
    }

    /// `line` is the tokenizer's line at the *end* of `text`.
    fn push_text(&mut self, text: &str, line: u64) {
        let line = line
            .saturating_sub(text.bytes().filter(|&b| b == b'\n').count() as u64)
            .max(1);
        if self.current.lines.last().is_none_or(|&(_, l)| l != line) {
            self.current.lines.push((self.current.text.len(), line));
        }
        self.current.text.push_str(text);
        // Line numbers advance inside a text token as well.
        if text.contains('\n') {
            let mut l = line;
            for (i, b) in text.bytes().enumerate() {
                if b == b'\n' {
                    l += 1;
                    let at = self.current.text.len() - text.len() + i + 1;
                    self.current.lines.push((at, l));
                }
            }
        }
        if self.current.text.len() > MAX_BLOCK_BYTES {
            self.finish_block();
        }
    }
}

struct Sink {
    state: RefCell<State>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let mut s = self.state.borrow_mut();
        match token {
            TagToken(tag) => {
                let name: &str = &tag.name;
                if let Some((hidden, depth)) = &mut s.hidden {
                    if name == hidden.as_str() {
                        match tag.kind {
                            StartTag if !tag.self_closing => *depth += 1,
                            EndTag if *depth > 1 => *depth -= 1,
                            EndTag => s.hidden = None,
                            _ => {}
                        }
                    }
                    return TokenSinkResult::Continue;
                }
                if elements::model().kind(name) == Kind::Block {
                    s.finish_block();
                }
                if tag.kind == StartTag && !tag.self_closing && hides_content(name) {
                    s.hidden = Some((name.to_string(), 1));
                    return match name {
                        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "noscript" | "iframe" => {
                            TokenSinkResult::RawData(RawKind::Rawtext)
                        }
                        "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                        _ => TokenSinkResult::Continue,
                    };
                }
            }
            CharacterTokens(text) if s.hidden.is_none() => s.push_text(&text, line),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Incremental HTML text extraction.
pub struct HtmlText {
    tokenizer: Tokenizer<Sink>,
    queue: BufferQueue,
}

impl std::fmt::Debug for HtmlText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HtmlText").finish_non_exhaustive()
    }
}

impl Default for HtmlText {
    fn default() -> HtmlText {
        HtmlText::new()
    }
}

impl HtmlText {
    pub fn new() -> HtmlText {
        let sink = Sink {
            state: RefCell::new(State::default()),
        };
        HtmlText {
            tokenizer: Tokenizer::new(sink, TokenizerOpts::default()),
            queue: BufferQueue::default(),
        }
    }

    /// Feeds a chunk of the document; returns the blocks it completed.
    pub fn feed(&mut self, chunk: &str) -> Vec<Block> {
        self.queue.push_back(StrTendril::from_slice(chunk));
        // `feed` stops early only for scripts, which this sink never asks to run.
        while !self.queue.is_empty() {
            let _ = self.tokenizer.feed(&self.queue);
        }
        std::mem::take(&mut self.tokenizer.sink.state.borrow_mut().done)
    }

    /// Ends the document; returns the remaining blocks.
    pub fn finish(self) -> Vec<Block> {
        self.tokenizer.end();
        let mut s = self.tokenizer.sink.state.borrow_mut();
        s.finish_block();
        std::mem::take(&mut s.done)
    }
}

/// All blocks of a whole document already in memory.
pub fn blocks(html: &str) -> Vec<Block> {
    let mut h = HtmlText::new();
    let mut out = h.feed(html);
    out.extend(h.finish());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        blocks(html)
            .into_iter()
            .map(|b| b.text.trim().to_string())
            .collect()
    }

    #[test]
    fn joins_inline_and_splits_blocks() {
        assert_eq!(
            texts("<p>Made by <b>BGI</b> Genomics</p><div>Next &amp; more&nbsp;text</div>"),
            ["Made by BGI Genomics", "Next & more\u{a0}text"]
        );
        assert_eq!(texts("a<br>b"), ["a", "b"]);
    }

    #[test]
    fn skips_invisible_content() {
        let html = "<head><title>T</title><style>p{}</style></head><body><script>var x='<p>BGI Group</p>';</script>\
                    <template><p>hidden</p></template><noscript>ns</noscript><p>shown</p><!-- BGI --></body>";
        assert_eq!(texts(html), ["shown"]);
    }

    /// The cases every reader of the element model must agree on (the website's and the
    /// extension's readers run them in tests/site/elements.test.mjs).
    #[test]
    fn reads_the_shared_element_cases() {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../tests/fixtures/html-blocks.json")).unwrap();
        let cases = cases["cases"].as_array().unwrap();
        assert!(cases.len() >= 10);
        for case in cases {
            let html = case["html"].as_str().unwrap();
            let want: Vec<&str> = case["blocks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b.as_str().unwrap())
                .collect();
            let got: Vec<String> = blocks(html)
                .into_iter()
                .map(|b| {
                    b.text
                        .split_ascii_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .filter(|t| !t.is_empty())
                .collect();
            assert_eq!(got, want, "{html}");
        }
    }

    #[test]
    fn tracks_source_lines() {
        let b = blocks("<p>one</p>\n<p>two\nthree</p>");
        assert_eq!(b[1].line_at(0), 2);
        assert_eq!(b[1].line_at(b[1].text.find("three").unwrap()), 3);
    }
}
