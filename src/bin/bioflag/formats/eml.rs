//! E-mail (RFC 5322 `.eml`) through mailparse: the subject and the body text, with transfer
//! encodings (base64, quoted-printable) and charsets decoded. Of a `multipart/alternative`
//! the richest version is read (HTML over plain text), so one mention is found once;
//! attachments are not read. Lines are counted within the subject and the body.

use super::Failure;
use crate::input::read_blocks;
use crate::output::Location;
use crate::scan::Collector;
use mailparse::{DispositionType, MailHeaderMap, ParsedMail};

/// True when the first line of `head` is a header field that starts a stored e-mail.
pub fn looks_like_mail(head: &[u8]) -> bool {
    let first = head.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let first = String::from_utf8_lossy(first).to_ascii_lowercase();
    [
        "return-path:",
        "received:",
        "delivered-to:",
        "mime-version:",
        "message-id:",
        "x-mozilla-status:",
    ]
    .iter()
    .any(|h| first.starts_with(h))
}

pub fn read(bytes: &[u8], out: &mut Collector) -> Result<(), Failure> {
    let mail = mailparse::parse_mail(bytes)
        .map_err(|e| Failure::Error(format!("not a readable e-mail: {e}")))?;
    if let Some(subject) = mail.headers.get_first_value("Subject") {
        read_blocks(subject.as_bytes(), "subject.txt", |b| {
            out.block(&b, |_| Some(Location::Part("subject")))
        })?;
    }
    body(&mail, out)
}

fn body(part: &ParsedMail, out: &mut Collector) -> Result<(), Failure> {
    let mime = part.ctype.mimetype.to_ascii_lowercase();
    if part.get_content_disposition().disposition == DispositionType::Attachment {
        return Ok(());
    }
    if mime == "multipart/encrypted" || mime.contains("pkcs7-mime") {
        return Err(Failure::Error(
            "an encrypted e-mail (S/MIME or PGP): only its subject was read".into(),
        ));
    }
    if mime == "multipart/alternative" {
        let best = part
            .subparts
            .iter()
            .rfind(|p| p.ctype.mimetype.eq_ignore_ascii_case("text/html"))
            .or_else(|| part.subparts.iter().rfind(|p| is_text(p)));
        return match best {
            Some(p) => body(p, out),
            None => Ok(()),
        };
    }
    if mime.starts_with("multipart/") {
        for p in &part.subparts {
            body(p, out)?;
        }
        return Ok(());
    }
    if !is_text(part) {
        return Ok(());
    }
    let text = part
        .get_body()
        .map_err(|e| Failure::Error(format!("a body part that cannot be decoded: {e}")))?;
    let hint = if mime == "text/html" {
        "body.html"
    } else {
        "body.txt"
    };
    read_blocks(text.as_bytes(), hint, |b| {
        out.block(&b, |_| Some(Location::Part("body")))
    })?;
    Ok(())
}

fn is_text(part: &ParsedMail) -> bool {
    let mime = part.ctype.mimetype.to_ascii_lowercase();
    mime == "text/plain" || mime == "text/html"
}
