//! Recognising an input's format (by its first bytes, then its extension) and handing it to
//! the reader for that format. Each reader feeds blocks of text into a [`Collector`].

mod docx;
mod eml;
mod http;
mod odt;
mod package;
mod pdf;
pub mod sheet;
mod warc;

use crate::input;
use crate::scan::Collector;
use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufReader, Read};

/// Bytes read ahead to recognise a format.
const HEAD: usize = 8192;

/// What an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text or HTML (the text reader tells them apart).
    Text,
    /// Gzip-compressed: a WARC/WET file, or compressed text.
    Gzip,
    Warc,
    Pdf,
    Docx,
    /// OpenDocument text.
    Odt,
    /// A spreadsheet calamine reads: XLSX, XLSB, ODS, XLS.
    Sheet,
    Eml,
    /// A ZIP archive: DOCX, ODT, XLSX or ODS by its parts, or unsupported.
    Zip,
    /// An OLE compound file that is not an XLS: an encrypted OOXML document or a legacy .doc.
    Compound,
    /// Other binary data (NUL bytes in the first bytes).
    Binary,
}

fn extension(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((_, ext)) => ext.to_ascii_lowercase(),
        None => String::new(),
    }
}

/// The format of an input, by magic bytes first, then by extension.
pub fn detect(path: &str, head: &[u8]) -> Kind {
    let ext = extension(path);
    if head.starts_with(b"%PDF-")
        || head[..head.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Kind::Pdf;
    }
    if head.starts_with(b"PK\x03\x04") {
        return Kind::Zip;
    }
    if head.starts_with(&[0x1f, 0x8b]) {
        return Kind::Gzip;
    }
    if head.starts_with(b"WARC/") {
        return Kind::Warc;
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return if ext == "xls" {
            Kind::Sheet
        } else {
            Kind::Compound
        };
    }
    match ext.as_str() {
        // Claimed by the name but not by the content: the reader says what is wrong.
        "pdf" => return Kind::Pdf,
        "docx" => return Kind::Docx,
        "odt" => return Kind::Odt,
        "xlsx" | "xlsm" | "xlsb" | "ods" | "xls" => return Kind::Sheet,
        "eml" => return Kind::Eml,
        "warc" => return Kind::Warc,
        _ => {}
    }
    if head.contains(&0) {
        return Kind::Binary;
    }
    if eml::looks_like_mail(head) {
        return Kind::Eml;
    }
    Kind::Text
}

/// A ZIP archive: which document it holds, by the parts inside.
fn zip_document(bytes: &[u8]) -> Result<Kind, Failure> {
    let mut archive = zip::ZipArchive::new(io::Cursor::new(bytes))
        .map_err(|e| Failure::Error(format!("a corrupt ZIP archive: {e}")))?;
    let has = |archive: &zip::ZipArchive<_>, name: &str| archive.index_for_name(name).is_some();
    let content = has(&archive, "content.xml");
    if has(&archive, "word/document.xml") {
        Ok(Kind::Docx)
    } else if content && opendocument_text(&mut archive) {
        Ok(Kind::Odt)
    } else if has(&archive, "xl/workbook.xml") || has(&archive, "xl/workbook.bin") || content {
        // content.xml: OpenDocument; calamine says so when it is not a spreadsheet.
        Ok(Kind::Sheet)
    } else {
        Err(Failure::Unsupported(
            "a ZIP archive that is not a DOCX, ODT, XLSX or ODS document".into(),
        ))
    }
}

/// An OpenDocument package says what it is in its first entry, `mimetype` (text, or text
/// master / template documents, whose content is paragraphs as well).
fn opendocument_text(archive: &mut zip::ZipArchive<io::Cursor<&[u8]>>) -> bool {
    let Ok(file) = archive.by_name("mimetype") else {
        return false;
    };
    let mut mime = String::new();
    file.take(128).read_to_string(&mut mime).is_ok()
        && mime
            .trim()
            .starts_with("application/vnd.oasis.opendocument.text")
}

/// Why an input gave no (complete) result.
#[derive(Debug)]
pub enum Failure {
    /// Not a format bioflag reads (found in a folder, such a file is skipped quietly).
    Unsupported(String),
    /// A supported format that could not be read: corrupt, encrypted, unreadable.
    Error(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Error(e.to_string())
    }
}

/// An opened input: its first bytes, read ahead, and the rest.
pub struct Input {
    head: Vec<u8>,
    rest: Box<dyn Read + Send>,
}

impl Input {
    pub fn open(path: &str) -> io::Result<Input> {
        let rest: Box<dyn Read + Send> = if path == "-" {
            Box::new(io::stdin())
        } else {
            Box::new(File::open(path)?)
        };
        Input::new(rest)
    }

    fn new(mut rest: Box<dyn Read + Send>) -> io::Result<Input> {
        let mut head = Vec::with_capacity(HEAD);
        (&mut rest).take(HEAD as u64).read_to_end(&mut head)?;
        Ok(Input { head, rest })
    }

    pub fn head(&self) -> &[u8] {
        &self.head
    }

    /// The whole input, from its first byte.
    pub fn reader(self) -> impl Read + Send {
        io::Cursor::new(self.head).chain(self.rest)
    }

    /// The whole input in memory (documents whose readers need to seek).
    pub fn bytes(self) -> io::Result<Vec<u8>> {
        let mut all = Vec::new();
        self.reader().read_to_end(&mut all)?;
        Ok(all)
    }
}

/// Reads `path` (`-` for stdin) into `out`, whatever its format.
pub fn read(path: &str, out: &mut Collector) -> Result<(), Failure> {
    let input = Input::open(path)?;
    let kind = detect(path, input.head());
    guarded(|| read_kind(path, kind, input, out))
}

fn read_kind(path: &str, kind: Kind, input: Input, out: &mut Collector) -> Result<(), Failure> {
    match kind {
        Kind::Text => {
            let report = input::read_blocks(input.reader(), path, |b| out.block(&b, |_| None))?;
            if report.lossy {
                out.lossy();
            }
            Ok(())
        }
        Kind::Gzip => {
            let inner = Input::new(Box::new(flate2::read::MultiGzDecoder::new(input.reader())))
                .map_err(|e| Failure::Error(format!("not a readable gzip file: {e}")))?;
            let inner_path = path.strip_suffix(".gz").unwrap_or(path);
            match detect(inner_path, inner.head()) {
                Kind::Warc => warc::read(BufReader::new(inner.reader()), out),
                Kind::Text => read_kind(inner_path, Kind::Text, inner, out),
                _ => Err(Failure::Unsupported(
                    "gzip-compressed data that is neither WARC nor text".into(),
                )),
            }
        }
        Kind::Warc => warc::read(BufReader::new(input.reader()), out),
        Kind::Pdf => pdf::read(&input.bytes()?, out),
        Kind::Docx => docx::read(input.bytes()?, out),
        Kind::Odt => odt::read(input.bytes()?, out),
        Kind::Sheet => sheet::scan(input.bytes()?, out),
        Kind::Eml => eml::read(&input.bytes()?, out),
        Kind::Zip => {
            let bytes = input.bytes()?;
            match zip_document(&bytes)? {
                Kind::Docx => docx::read(bytes, out),
                Kind::Odt => odt::read(bytes, out),
                _ => sheet::scan(bytes, out),
            }
        }
        Kind::Compound => Err(Failure::Error(
            "an encrypted (password-protected) Office document or a legacy .doc: not supported; \
             save it without a password as .docx or .xlsx"
                .into(),
        )),
        Kind::Binary => Err(Failure::Unsupported(
            "binary data of a format bioflag does not read".into(),
        )),
    }
}

thread_local! {
    static QUIET_PANICS: Cell<bool> = const { Cell::new(false) };
}

/// Installs a panic hook that keeps quiet about panics inside [`guarded`] (a document reader
/// failing on a malformed file is reported as that file's error instead).
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !QUIET_PANICS.with(Cell::get) {
            default(info);
        }
    }));
}

/// Runs a reader; a panic in a third-party parser becomes this input's error.
fn guarded<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    QUIET_PANICS.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET_PANICS.with(|q| q.set(false));
    result.unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Failure::Error(format!(
            "the reader failed on this file (malformed?): {why}"
        )))
    })
}
