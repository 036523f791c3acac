//! An HTTP body as the server sent it, undone: `Transfer-Encoding: chunked`, then each
//! `Content-Encoding` (gzip, deflate, br) in reverse order of application.
//!
//! Crawlers differ in what they store: Heritrix, wget and warcprox keep the bytes from the
//! wire, so a response body may be chunked and compressed; Common Crawl stores the body
//! already decoded and renames those headers (`X-Crawler-Content-Encoding`), which this leaves
//! alone. Everything is streamed, so a large body needs bounded memory.

use std::io::{self, BufRead, BufReader, Read};

/// A header's comma-separated tokens, lower-cased, empty ones dropped.
fn tokens(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(|t| t.trim().to_ascii_lowercase())
        .filter(|t| !t.is_empty())
        .collect()
}

/// The decoded body over `raw`, from the HTTP header's `fields`. An encoding bioflag cannot
/// undo is an error naming it (scanning compressed bytes would find nothing).
pub fn body<'a>(
    raw: impl BufRead + 'a,
    fields: &[(String, String)],
) -> Result<Box<dyn Read + 'a>, String> {
    let get = |name: &str| {
        fields
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .flat_map(|(_, v)| tokens(v))
            .collect::<Vec<_>>()
    };
    let mut reader: Box<dyn Read + 'a> = Box::new(raw);
    for coding in get("Transfer-Encoding").iter().rev() {
        reader = match coding.as_str() {
            "chunked" => Box::new(Chunked::new(BufReader::new(reader))),
            "identity" => reader,
            // A transfer coding applied to the content before chunking.
            other => decoder(other, reader)
                .ok_or_else(|| format!("an unsupported Transfer-Encoding: {other}"))?,
        };
    }
    for coding in get("Content-Encoding").iter().rev() {
        reader = decoder(coding, reader)
            .ok_or_else(|| format!("an unsupported Content-Encoding: {coding}"))?;
    }
    Ok(reader)
}

fn decoder<'a>(coding: &str, reader: Box<dyn Read + 'a>) -> Option<Box<dyn Read + 'a>> {
    Some(match coding {
        "identity" => reader,
        "gzip" | "x-gzip" => Box::new(flate2::read::MultiGzDecoder::new(reader)),
        "deflate" => Box::new(Deflate::new(reader)),
        "br" => Box::new(brotli_decompressor::Decompressor::new(reader, 16 * 1024)),
        _ => return None,
    })
}

/// `deflate` as servers send it: the zlib format the RFC says, or raw DEFLATE data, which
/// many servers (and old IIS) send instead; told apart by the zlib header's check bits.
enum Deflate<'a> {
    Start(Option<Box<dyn Read + 'a>>),
    Started(Box<dyn Read + 'a>),
}

impl<'a> Deflate<'a> {
    fn new(reader: Box<dyn Read + 'a>) -> Deflate<'a> {
        Deflate::Start(Some(reader))
    }
}

impl Read for Deflate<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Deflate::Start(reader) = self {
            let mut reader = reader.take().expect("started once");
            let mut head = Vec::with_capacity(2);
            (&mut reader).take(2).read_to_end(&mut head)?;
            // RFC 1950: compression method 8, and the first two bytes a multiple of 31.
            let zlib = head.len() == 2
                && head[0] & 0x0f == 8
                && ((u16::from(head[0]) << 8) | u16::from(head[1])) % 31 == 0;
            let rest = io::Cursor::new(head).chain(reader);
            *self = Deflate::Started(if zlib {
                Box::new(flate2::read::ZlibDecoder::new(rest))
            } else {
                Box::new(flate2::read::DeflateDecoder::new(rest))
            });
        }
        match self {
            Deflate::Started(d) => d.read(buf),
            Deflate::Start(_) => unreachable!("replaced above"),
        }
    }
}

/// A chunk-size line longer than this is not HTTP.
const MAX_CHUNK_LINE: u64 = 4096;

/// `Transfer-Encoding: chunked` (RFC 9112, section 7.1): hexadecimal sizes with optional
/// extensions, each chunk followed by CRLF, a zero-size chunk, then trailer fields.
struct Chunked<R> {
    inner: R,
    /// Bytes left in the current chunk; `None` before a size line.
    left: Option<u64>,
    done: bool,
    line: Vec<u8>,
}

impl<R: BufRead> Chunked<R> {
    fn new(inner: R) -> Chunked<R> {
        Chunked {
            inner,
            left: None,
            done: false,
            line: Vec::new(),
        }
    }

    fn read_line(&mut self) -> io::Result<&str> {
        self.line.clear();
        let n = (&mut self.inner)
            .take(MAX_CHUNK_LINE)
            .read_until(b'\n', &mut self.line)?;
        if n == 0 {
            return Err(bad("the body ends before its last chunk"));
        }
        if !self.line.ends_with(b"\n") {
            return Err(bad("a chunk-size line is too long"));
        }
        std::str::from_utf8(&self.line)
            .map(|l| l.trim_end_matches(['\r', '\n']))
            .map_err(|_| bad("a chunk-size line is not text"))
    }

    fn size_line(&mut self) -> io::Result<u64> {
        let line = self.read_line()?;
        let size = line.split(';').next().unwrap_or("").trim();
        u64::from_str_radix(size, 16).map_err(|_| {
            bad(&format!(
                "a chunk size is not a hexadecimal number: {:?}",
                line.chars().take(40).collect::<String>()
            ))
        })
    }
}

fn bad(why: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("chunked HTTP body: {why}"),
    )
}

impl<R: BufRead> Read for Chunked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.done || buf.is_empty() {
                return Ok(0);
            }
            match self.left {
                None => {
                    let size = self.size_line()?;
                    if size == 0 {
                        // Trailer fields up to a blank line (or the end of the record).
                        loop {
                            match self.read_line() {
                                Ok("") | Err(_) => break,
                                Ok(_) => {}
                            }
                        }
                        self.done = true;
                    } else {
                        self.left = Some(size);
                    }
                }
                Some(0) => {
                    // The CRLF after a chunk's data.
                    if !self.read_line()?.is_empty() {
                        return Err(bad("a chunk is longer than its size"));
                    }
                    self.left = None;
                }
                Some(left) => {
                    let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
                    let n = self.inner.read(&mut buf[..want])?;
                    if n == 0 {
                        return Err(bad("the body ends inside a chunk"));
                    }
                    self.left = Some(left - n as u64);
                    return Ok(n);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(wire: &[u8], fields: &[(&str, &str)]) -> Result<Vec<u8>, String> {
        let fields: Vec<(String, String)> = fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut out = Vec::new();
        body(wire, &fields)?
            .read_to_end(&mut out)
            .map_err(|e| e.to_string())?;
        Ok(out)
    }

    #[test]
    fn chunked_with_extensions_and_trailers() {
        let wire = b"5;name=v\r\nHello\r\n7\r\n, World\r\n0\r\nExpires: never\r\n\r\n";
        assert_eq!(
            decode(wire, &[("Transfer-Encoding", "chunked")]).unwrap(),
            b"Hello, World"
        );
        // Upper-case hex, no trailers, the record ending right after the last chunk.
        assert_eq!(
            decode(
                b"A\r\n0123456789\r\n0\r\n",
                &[("transfer-encoding", "Chunked")]
            )
            .unwrap(),
            b"0123456789"
        );
    }

    #[test]
    fn broken_chunked_bodies_say_what_is_wrong() {
        let chunked = [("Transfer-Encoding", "chunked")];
        for (wire, why) in [
            (
                &b"zz\r\nHello\r\n0\r\n\r\n"[..],
                "not a hexadecimal number: \"zz\"",
            ),
            (b"5\r\nHel", "ends inside a chunk"),
            (b"3\r\nHello\r\n0\r\n\r\n", "longer than its size"),
            (b"5\r\nHello\r\n", "ends before its last chunk"),
        ] {
            let e = decode(wire, &chunked).unwrap_err();
            assert!(e.contains(why), "{e}");
        }
    }

    #[test]
    fn unsupported_encodings_are_named() {
        assert_eq!(
            decode(b"x", &[("Content-Encoding", "zstd")]).unwrap_err(),
            "an unsupported Content-Encoding: zstd"
        );
        assert_eq!(
            decode(b"plain", &[("Content-Encoding", "identity")]).unwrap(),
            b"plain"
        );
    }
}
