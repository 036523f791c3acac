//! Reading an input (file or stdin) as blocks of text, streamed so a 100 MB file needs bounded
//! memory. HTML goes through [`HtmlText`]; anything else is split into paragraphs.

use bioflag::html::{Block, HtmlText};
use std::io::{self, Read};

const CHUNK: usize = 1 << 20;

/// What reading an input noticed, besides its text.
#[derive(Debug, Default)]
pub struct ReadReport {
    /// Bytes that were not valid UTF-8 were replaced by U+FFFD.
    pub lossy: bool,
}

/// True when `path` or the first bytes of the content look like HTML.
pub fn looks_like_html(path: &str, head: &[u8]) -> bool {
    let lower = path.to_ascii_lowercase();
    if [".html", ".htm", ".xhtml", ".shtml"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return true;
    }
    let head = String::from_utf8_lossy(&head[..head.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    ["<!doctype html", "<html", "<head", "<body", "<meta", "<!--"]
        .iter()
        .any(|p| head.starts_with(p))
}

/// Decodes UTF-8 arriving in arbitrary chunks, replacing invalid bytes, never splitting a char.
#[derive(Default)]
struct Utf8Decoder {
    carry: Vec<u8>,
    lossy: bool,
}

impl Utf8Decoder {
    fn decode(&mut self, bytes: &[u8], last: bool) -> String {
        self.carry.extend_from_slice(bytes);
        let mut cut = self.carry.len();
        if !last {
            cut = complete_prefix(&self.carry);
        }
        let rest = self.carry.split_off(cut);
        let text = match String::from_utf8(std::mem::replace(&mut self.carry, rest)) {
            Ok(s) => s,
            Err(e) => {
                self.lossy = true;
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        text
    }
}

/// Length of `bytes` without a trailing, incomplete UTF-8 sequence (kept for the next chunk).
fn complete_prefix(bytes: &[u8]) -> usize {
    let n = bytes.len();
    for back in 1..=3.min(n) {
        let b = bytes[n - back];
        if b & 0xC0 == 0x80 {
            continue; // a continuation byte: look further back for the lead byte
        }
        let need = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        return if need > back { n - back } else { n };
    }
    n
}

/// Reads `reader` and calls `on_block` with each block of text, in order. Offsets in a block
/// are relative to the block; the caller keeps the running document offset.
pub fn read_blocks(
    mut reader: impl Read,
    path: &str,
    mut on_block: impl FnMut(Block),
) -> io::Result<ReadReport> {
    let mut decoder = Utf8Decoder::default();
    let mut buf = vec![0u8; CHUNK];
    let mut first = true;
    let mut html: Option<HtmlText> = None;
    let mut paragraphs = Paragraphs::default();
    loop {
        let n = read_full(&mut reader, &mut buf)?;
        let last = n == 0;
        if first {
            if looks_like_html(path, &buf[..n]) {
                html = Some(HtmlText::new());
            }
            first = false;
        }
        let text = decoder.decode(&buf[..n], last);
        match &mut html {
            Some(h) => h.feed(&text).into_iter().for_each(&mut on_block),
            None => paragraphs.push(&text, last, &mut on_block),
        }
        if last {
            break;
        }
    }
    if let Some(h) = html {
        h.finish().into_iter().for_each(&mut on_block);
    }
    Ok(ReadReport {
        lossy: decoder.lossy,
    })
}

fn read_full(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Splits plain text into paragraphs (blank-line separated) as it arrives. A paragraph keeps its
/// trailing newlines so that block offsets add up to file offsets.
#[derive(Default)]
struct Paragraphs {
    pending: String,
    line: u64,
}

impl Paragraphs {
    fn push(&mut self, text: &str, last: bool, on_block: &mut impl FnMut(Block)) {
        self.pending.push_str(text);
        // Walk the buffer with a cursor and drain once: cutting paragraphs off the front one
        // by one would copy the rest of the buffer each time.
        let mut start = 0;
        loop {
            let rest = &self.pending[start..];
            let cut = match rest.find("\n\n") {
                Some(i) => {
                    // Include the whole run of newlines in this paragraph.
                    let run = &rest[i..];
                    i + run.len() - run.trim_start_matches('\n').len()
                }
                // An enormous paragraph: cut at its last line break (or space) to bound memory.
                None if rest.len() > CHUNK => match rest.rfind('\n').or_else(|| rest.rfind(' ')) {
                    Some(i) => i + 1,
                    None => floor_char_boundary(rest, CHUNK),
                },
                None => break,
            };
            if start + cut == self.pending.len() && !last {
                break; // more newlines may follow
            }
            let para = rest[..cut].to_string();
            start += cut;
            self.emit(para, on_block);
        }
        self.pending.drain(..start);
        if last && !self.pending.is_empty() {
            let para = std::mem::take(&mut self.pending);
            self.emit(para, on_block);
        }
    }

    fn emit(&mut self, text: String, on_block: &mut impl FnMut(Block)) {
        let start_line = self.line + 1;
        let mut lines = vec![(0, start_line)];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                self.line += 1;
                if i + 1 < text.len() {
                    lines.push((i + 1, self.line + 1));
                }
            }
        }
        on_block(Block { text, lines });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(input: &[u8], path: &str) -> (Vec<Block>, ReadReport) {
        let mut out = Vec::new();
        let r = read_blocks(input, path, |b| out.push(b)).unwrap();
        (out, r)
    }

    #[test]
    fn paragraphs_keep_offsets_and_lines() {
        let text = "one\ntwo\n\n\nthree\n";
        let (b, r) = blocks(text.as_bytes(), "a.txt");
        assert!(!r.lossy);
        assert_eq!(b.iter().map(|b| b.text.as_str()).collect::<String>(), text);
        assert_eq!(b[1].line_at(0), 5);
        assert_eq!(b[0].line_at(4), 2);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_reported() {
        let (b, r) = blocks(b"BGI \xff Genomics", "a.txt");
        assert!(r.lossy);
        assert_eq!(b[0].text, "BGI \u{fffd} Genomics");
    }

    #[test]
    fn multibyte_chars_across_chunks() {
        let mut d = Utf8Decoder::default();
        let s = "华大基因".as_bytes();
        let a = d.decode(&s[..4], false);
        let b = d.decode(&s[4..], true);
        assert_eq!(a + &b, "华大基因");
        assert!(!d.lossy);
    }
}
