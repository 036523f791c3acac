//! `bioflag scan` and `bioflag screen` on documents: PDF, DOCX, ODT, XLSX, ODS, EML, WARC/WET. Every
//! fixture is written here (no third-party text), and so are the broken ones: encrypted,
//! corrupt and unsupported files are reported while the other files are still scanned.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output};

fn bioflag(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bioflag"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run bioflag")
}

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("bioflag-docs-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(name: &str, content: &[u8]) -> String {
    let p = dir().join(name);
    std::fs::write(&p, content).unwrap();
    p.to_str().unwrap().to_string()
}

fn json(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

fn scan_json(path: &str) -> (Vec<Value>, Output) {
    let out = bioflag(&["scan", "--format", "json", path]);
    (json(&out), out)
}

/// (uri, its (entity, text) pairs) of every WARC record result.
fn found_by_uri(files: &[Value]) -> Vec<(String, Vec<(String, String)>)> {
    files
        .iter()
        .map(|f| (f["uri"].as_str().unwrap().to_string(), found(f)))
        .collect()
}

/// (entity, text) of every match of one result.
fn found(file: &Value) -> Vec<(String, String)> {
    file["matches"]
        .as_array()
        .unwrap_or_else(|| panic!("no matches in {file}"))
        .iter()
        .map(|m| {
            (
                m["entity"].as_str().unwrap().to_string(),
                m["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

// ---- PDF ----

/// A PDF with one page per string, Helvetica text, and a correct cross-reference table.
fn pdf(pages: &[&str], encrypt: bool) -> Vec<u8> {
    let n = pages.len();
    // Objects: 1 catalog, 2 pages, 3 font, then (page, content) per page.
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            (0..n)
                .map(|i| format!("{} 0 R", 4 + 2 * i))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
    ];
    for (i, text) in pages.iter().enumerate() {
        let content = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ));
    }
    if encrypt {
        objects.push(
            "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 \
             /O <00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF> \
             /U <FFEEDDCCBBAA99887766554433221100FFEEDDCCBBAA99887766554433221100> >>"
                .into(),
        );
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    let encrypt = if encrypt {
        format!(
            " /Encrypt {} 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]",
            objects.len()
        )
    } else {
        String::new()
    };
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R{encrypt} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn pdf_text_is_scanned_with_page_numbers() {
    let path = write(
        "report.pdf",
        &pdf(
            &[
                "Annual report of a sequencing supplier",
                "Our partner BGI Genomics Co., Ltd. supplies reagents.",
                "WuXi AppTec was named in the press.",
            ],
            false,
        ),
    );
    let (files, out) = scan_json(&path);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let matches = files[0]["matches"].as_array().unwrap();
    let by_entity = |id: &str| {
        matches
            .iter()
            .find(|m| m["entity"] == id)
            .unwrap_or_else(|| panic!("no {id} in {matches:?}"))
    };
    assert_eq!(by_entity("bgi-genomics")["page"], 2);
    assert_eq!(by_entity("wuxi-apptec")["page"], 3);
    // The text output says the page too.
    let text = String::from_utf8(bioflag(&["scan", &path]).stdout).unwrap();
    assert!(text.contains("report.pdf:page 2:"), "{text}");
}

// ---- DOCX, XLSX, ODS: ZIP containers written with the zip crate ----

fn zip(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in entries {
        let method = if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        w.start_file(
            *name,
            zip::write::SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        w.write_all(content.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
        .collect();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        ("word/document.xml", &document),
    ])
}

#[test]
fn docx_paragraphs_are_scanned() {
    let path = write(
        "memo.docx",
        &docx(&[
            "Supplier memo",
            // A name split across runs, with an entity reference.
            "We buy from BGI Genomics</w:t></w:r><w:r><w:t> &amp; others.",
            "Deleted: </w:t></w:r><w:del><w:r><w:delText>WuXi AppTec</w:delText></w:r></w:del><w:r><w:t>",
        ]),
    );
    let (files, out) = scan_json(&path);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        found(&files[0]),
        [("bgi-genomics".to_string(), "BGI Genomics".to_string())],
        "deleted text is not text"
    );
    assert_eq!(files[0]["matches"][0]["line"], 2, "the paragraph");
    // Detected by content, whatever the name.
    let renamed = write("memo.bin", &docx(&["Complete Genomics, Inc."]));
    let (files, _) = scan_json(&renamed);
    assert_eq!(found(&files[0])[0].0, "complete-genomics");
}

/// An ODT whose office:text holds `body` (ODF XML) and whose styles.xml page footer holds
/// `footer`.
fn odt(body: &str, footer: &str) -> Vec<u8> {
    const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3""#;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS}><office:master-styles><style:master-page style:name="Standard"><style:footer><text:p>{footer}</text:p></style:footer></style:master-page></office:master-styles></office:document-styles>"#
    );
    zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        (
            "META-INF/manifest.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
        ),
        ("content.xml", &content),
        ("styles.xml", &styles),
    ])
}

#[test]
fn odt_paragraphs_are_scanned() {
    let body = concat!(
        // Tracked changes: the deleted text is kept in a region of its own, not in the body.
        r#"<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>WuXi AppTec</text:p></text:deletion></text:changed-region></text:tracked-changes>"#,
        r#"<text:h text:outline-level="1">Supplier memo</text:h>"#,
        r#"<text:p/>"#,
        // A name split across spans, a run of spaces (text:s) and an entity reference.
        r#"<text:p>We buy from <text:span text:style-name="b">BGI</text:span><text:s/>Genomics &amp; others.</text:p>"#,
        // A footnote inside a paragraph: its own block; its number is not text.
        r#"<text:p>Kits<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Made by MGI Tech.</text:p></text:note-body></text:note> arrived.</text:p>"#,
        r#"<text:p>A comment<office:annotation><dc:creator>Ann</dc:creator><text:p>Complete Genomics?</text:p></office:annotation> is not text.</text:p>"#,
    );
    let path = write("memo.odt", &odt(body, "Printed for WuXi AppTec"));
    let (files, out) = scan_json(&path);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<(String, String, u64)> = files[0]["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["entity"].as_str().unwrap().to_string(),
                m["text"].as_str().unwrap().to_string(),
                m["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("bgi-genomics".to_string(), "BGI Genomics".to_string(), 3),
            ("mgi-tech".to_string(), "MGI Tech".to_string(), 4),
            ("wuxi-apptec".to_string(), "WuXi AppTec".to_string(), 7),
        ],
        "body paragraphs (empty ones counted), the note, then the footer; no deleted text, no comment"
    );
    // Detected by content, whatever the name; an ODS is still a spreadsheet.
    let renamed = write(
        "memo.zip",
        &odt("<text:p>Complete Genomics, Inc.</text:p>", ""),
    );
    let (files, _) = scan_json(&renamed);
    assert_eq!(found(&files[0])[0].0, "complete-genomics");
    let broken = write("broken.odt", b"PK\x03\x04 not really a zip");
    let (files, out) = scan_json(&broken);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        files[0]["error"]
            .as_str()
            .unwrap()
            .contains("a corrupt ZIP archive"),
        "{}",
        files[0]
    );
}

fn xlsx(sheet: &str, rows: &[&[&str]]) -> Vec<u8> {
    let data: String = rows
        .iter()
        .enumerate()
        .map(|(r, cells)| {
            let cells: String = cells
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.is_empty())
                .map(|(c, v)| {
                    format!(
                        r#"<c r="{}{}" t="inlineStr"><is><t>{v}</t></is></c>"#,
                        (b'A' + c as u8) as char,
                        r + 1
                    )
                })
                .collect();
            format!(r#"<row r="{}">{cells}</row>"#, r + 1)
        })
        .collect();
    let worksheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#
    );
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    zip(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        ("xl/workbook.xml", &workbook),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", &worksheet),
    ])
}

fn ods(sheet: &str, rows: &[&[&str]]) -> Vec<u8> {
    let data: String = rows
        .iter()
        .map(|cells| {
            let cells: String = cells
                .iter()
                .map(|v| {
                    format!(
                        r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#
                    )
                })
                .collect();
            format!("<table:table-row>{cells}</table:table-row>")
        })
        .collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{sheet}">{data}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        (
            "META-INF/manifest.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
        ),
        ("content.xml", &content),
    ])
}

const SUPPLIERS: &[&[&str]] = &[
    &["id", "supplier", "product"],
    &["1", "Thermo Fisher Scientific", "pipettes"],
    &["2", "BGI Genomics Co., Ltd.", "sequencing reagents"],
    &["3", "MGI", "sequencers"],
];

#[test]
fn spreadsheet_cells_are_scanned_with_sheet_and_cell() {
    for (name, bytes) in [
        ("suppliers.xlsx", xlsx("Suppliers", SUPPLIERS)),
        ("suppliers.ods", ods("Suppliers", SUPPLIERS)),
    ] {
        let path = write(name, &bytes);
        let (files, out) = scan_json(&path);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let matches = files[0]["matches"].as_array().unwrap();
        let m = matches
            .iter()
            .find(|m| m["entity"] == "bgi-genomics")
            .unwrap();
        assert_eq!(
            (m["sheet"].as_str(), m["cell"].as_str()),
            (Some("Suppliers"), Some("B3")),
            "{name}"
        );
        // The row's other cells are the short name's context ("sequencers").
        let mgi = matches
            .iter()
            .find(|m| m["entity"] == "mgi-tech")
            .unwrap_or_else(|| panic!("{name}: {matches:?}"));
        assert_eq!(mgi["cell"], "B4", "{name}");
        let text = String::from_utf8(bioflag(&["scan", &path]).stdout).unwrap();
        assert!(text.contains(&format!("{name}:Suppliers!B3: ")), "{text}");
    }
}

#[test]
fn screen_reads_spreadsheets_by_sheet_and_column() {
    for (name, bytes) in [
        ("screen.xlsx", xlsx("Vendors", SUPPLIERS)),
        ("screen.ods", ods("Vendors", SUPPLIERS)),
    ] {
        let path = write(name, &bytes);
        let out = bioflag(&[
            "screen", &path, "--sheet", "Vendors", "--column", "supplier",
        ]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
        let headers = rdr.headers().unwrap().clone();
        assert_eq!(&headers[0], "id");
        let verdict = headers.iter().position(|h| h == "verdict").unwrap();
        let verdicts: Vec<String> = rdr
            .records()
            .map(|r| r.unwrap()[verdict].to_string())
            .collect();
        assert_eq!(verdicts, ["clear", "match", "review"], "{name}");
        // The first sheet by default, columns by number; an unknown sheet is named.
        let out = bioflag(&["screen", &path, "--column", "2"]);
        assert_eq!(out.status.code(), Some(1));
        let out = bioflag(&["screen", &path, "--sheet", "Nope", "--column", "2"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr)
            .contains("no sheet `Nope`; the workbook has: Vendors"));
    }
}

// ---- EML ----

#[test]
fn eml_subject_and_decoded_body_are_scanned() {
    use base64_like::encode;
    let plain = encode("Plain version: we met BGI Genomics about sequencing.");
    let mail = format!(
        "Return-Path: <a@example.test>\r\n\
         From: A <a@example.test>\r\n\
         To: B <b@example.test>\r\n\
         Subject: =?UTF-8?B?{}?=\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"outer\"\r\n\
         \r\n\
         --outer\r\n\
         Content-Type: multipart/alternative; boundary=\"alt\"\r\n\
         \r\n\
         --alt\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: base64\r\n\
         \r\n\
         {plain}\r\n\
         --alt\r\n\
         Content-Type: text/html; charset=utf-8\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\
         \r\n\
         <p>HTML version: we met <b>BGI</b> Genomics about sequencing=2E</p>\r\n\
         --alt--\r\n\
         --outer\r\n\
         Content-Type: text/plain\r\n\
         Content-Disposition: attachment; filename=\"notes.txt\"\r\n\
         \r\n\
         WuXi AppTec (an attachment, not read)\r\n\
         --outer--\r\n",
        encode("Offer from Complete Genomics")
    );
    let path = write("offer.eml", mail.as_bytes());
    let (files, out) = scan_json(&path);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let parts: Vec<(String, String)> = files[0]["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["entity"].as_str().unwrap().into(),
                m["part"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("complete-genomics".to_string(), "subject".to_string()),
            ("bgi-genomics".to_string(), "body".to_string())
        ],
        "the HTML alternative only, once; no attachment"
    );
}

/// Base64 for the fixtures (no crate needed for so little).
mod base64_like {
    pub fn encode(s: &str) -> String {
        const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in s.as_bytes().chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}

// ---- WARC / WET ----

fn warc_record(kind: &str, uri: &str, content_type: &str, content: &str) -> String {
    String::from_utf8(warc(kind, uri, content_type, content.as_bytes())).unwrap()
}

/// A WARC record of `kind` with `content` as it was captured (text or an HTTP response's bytes).
fn warc(kind: &str, uri: &str, content_type: &str, content: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        content.len()
    )
    .into_bytes();
    r.extend_from_slice(content);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(content_type: &str, body: &str) -> String {
    format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n{body}")
}

fn crawl_records() -> Vec<String> {
    vec![
        warc_record("warcinfo", "", "application/warc-fields", "software: test\r\n"),
        warc_record(
            "request",
            "https://shop.example/a",
            "application/http; msgtype=request",
            "GET /a HTTP/1.1\r\nHost: shop.example\r\nX-Note: BGI Genomics\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://shop.example/a",
            "application/http; msgtype=response",
            &http(
                "text/html; charset=utf-8",
                "<html><body><p>Kits by <b>BGI</b> Genomics.</p><script>'WuXi AppTec'</script></body></html>",
            ),
        ),
        warc_record(
            "response",
            "https://img.example/logo.png",
            "application/http; msgtype=response",
            &http("image/png", "WuXi AppTec\0\0"),
        ),
        warc_record("response", "https://plain.example/", "application/http; msgtype=response", &http("text/html", "<p>Nothing to see.</p>")),
        warc_record(
            "conversion",
            "https://news.example/b",
            "text/plain",
            "News\n\nWuXi AppTec was listed.\n",
        ),
    ]
}

fn gzip(data: &str) -> Vec<u8> {
    encoded("gzip", data.as_bytes())
}

#[test]
fn warc_records_are_documents_with_their_uri() {
    let records = crawl_records();
    // One gzip member per record, as crawls are written, and the uncompressed file.
    let members: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    for (name, bytes) in [
        ("crawl.warc.gz", members),
        ("crawl.warc", records.concat().into_bytes()),
    ] {
        let path = write(name, &bytes);
        let (files, out) = scan_json(&path);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = found_by_uri(&files);
        assert_eq!(
            got,
            [
                (
                    "https://shop.example/a".to_string(),
                    vec![("bgi-genomics".to_string(), "BGI Genomics".to_string())]
                ),
                (
                    "https://news.example/b".to_string(),
                    vec![("wuxi-apptec".to_string(), "WuXi AppTec".to_string())]
                ),
            ],
            "{name}: only flagged records, in order; requests, images and scripts not read"
        );
        let text = String::from_utf8(bioflag(&["scan", &path]).stdout).unwrap();
        assert!(
            text.contains(&format!("{name}:https://news.example/b:3: WuXi AppTec")),
            "{text}"
        );
    }
}

#[test]
fn a_large_warc_streams_record_by_record() {
    // 40 MB of records, compressed: read record by record without holding the file.
    let filler = "lorem ipsum dolor sit amet ".repeat(4000);
    let mut bytes = Vec::new();
    for i in 0..400 {
        let body = if i == 399 {
            format!("{filler} BGI Genomics")
        } else {
            filler.clone()
        };
        bytes.extend(gzip(&warc_record(
            "conversion",
            &format!("https://x.example/{i}"),
            "text/plain",
            &body,
        )));
    }
    let path = write("big.warc.gz", &bytes);
    let (files, out) = scan_json(&path);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["uri"], "https://x.example/399");
}

/// A WARC response record holding an HTTP response as the server sent it.
fn warc_record_bytes(uri: &str, content: &[u8]) -> Vec<u8> {
    warc(
        "response",
        uri,
        "application/http; msgtype=response",
        content,
    )
}

/// An HTTP response with `headers` (each "Name: value") and `body` as sent.
fn http_wire(headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut r = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n".to_vec();
    for h in headers {
        r.extend_from_slice(h.as_bytes());
        r.extend_from_slice(b"\r\n");
    }
    r.extend_from_slice(b"\r\n");
    r.extend_from_slice(body);
    r
}

/// `data` in chunks of `size` bytes, with a chunk extension and a trailer.
fn chunked(data: &[u8], size: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for c in data.chunks(size) {
        out.extend_from_slice(format!("{:X};ext=1\r\n", c.len()).as_bytes());
        out.extend_from_slice(c);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\nX-Trailer: done\r\n\r\n");
    out
}

fn encoded(coding: &str, data: &[u8]) -> Vec<u8> {
    use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};
    let level = flate2::Compression::default();
    match coding {
        "gzip" => {
            let mut e = GzEncoder::new(Vec::new(), level);
            e.write_all(data).unwrap();
            e.finish().unwrap()
        }
        "zlib" => {
            let mut e = ZlibEncoder::new(Vec::new(), level);
            e.write_all(data).unwrap();
            e.finish().unwrap()
        }
        "raw-deflate" => {
            let mut e = DeflateEncoder::new(Vec::new(), level);
            e.write_all(data).unwrap();
            e.finish().unwrap()
        }
        "br" => {
            let mut out = Vec::new();
            let mut e = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
            e.write_all(data).unwrap();
            drop(e);
            out
        }
        _ => unreachable!("{coding}"),
    }
}

#[test]
fn warc_http_bodies_are_decoded_as_servers_send_them() {
    // Long enough that the chunks and compressed blocks split names and tags.
    let page = |name: &str| {
        format!(
            "<html><body>{}<p>Reagents from <b>{name}</b> arrived.</p></body></html>",
            "<p>Filler text about the weather and trains.</p>".repeat(300)
        )
        .into_bytes()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "https://a.example/chunked",
            http_wire(
                &["Transfer-Encoding: chunked"],
                &chunked(&page("BGI Genomics"), 777),
            ),
            "bgi-genomics",
        ),
        (
            "https://a.example/gzip",
            http_wire(
                &["Content-Encoding: gzip"],
                &encoded("gzip", &page("WuXi AppTec")),
            ),
            "wuxi-apptec",
        ),
        (
            "https://a.example/chunked-gzip",
            http_wire(
                &["Content-Encoding: gzip", "Transfer-Encoding: chunked"],
                &chunked(&encoded("gzip", &page("MGI Tech")), 500),
            ),
            "mgi-tech",
        ),
        (
            "https://a.example/deflate",
            http_wire(
                &["Content-Encoding: deflate"],
                &encoded("zlib", &page("BGI Genomics")),
            ),
            "bgi-genomics",
        ),
        (
            // Raw DEFLATE under the name deflate, as many servers send it.
            "https://a.example/raw-deflate",
            http_wire(
                &["content-encoding: Deflate"],
                &encoded("raw-deflate", &page("WuXi AppTec")),
            ),
            "wuxi-apptec",
        ),
        (
            "https://a.example/br",
            http_wire(
                &["Content-Encoding: br"],
                &encoded("br", &page("Complete Genomics")),
            ),
            "complete-genomics",
        ),
        (
            "https://a.example/identity",
            http_wire(&["Content-Encoding: identity"], &page("MGI Tech")),
            "mgi-tech",
        ),
    ];
    let mut bytes = Vec::new();
    for (uri, wire, _) in &cases {
        bytes.extend(warc_record_bytes(uri, wire));
    }
    let path = write("encoded.warc", &bytes);
    let (files, out) = scan_json(&path);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = found_by_uri(&files);
    let names = |e: &str| match e {
        "bgi-genomics" => "BGI Genomics",
        "wuxi-apptec" => "WuXi AppTec",
        "mgi-tech" => "MGI Tech",
        _ => "Complete Genomics",
    };
    let want: Vec<(String, Vec<(String, String)>)> = cases
        .iter()
        .map(|(uri, _, e)| (uri.to_string(), vec![(e.to_string(), names(e).to_string())]))
        .collect();
    assert_eq!(got, want);
    // Offsets are into the decoded page's text, the same for every coding.
    let starts: Vec<&Value> = files.iter().map(|f| &f["matches"][0]["start"]).collect();
    assert_eq!(starts[0], starts[3], "{starts:?}");
    // Gzip-compressed WARC members around compressed bodies.
    let members: Vec<u8> = cases
        .iter()
        .flat_map(|(uri, wire, _)| encoded("gzip", &warc_record_bytes(uri, wire)))
        .collect();
    let (files, _) = scan_json(&write("encoded.warc.gz", &members));
    assert_eq!(files.len(), cases.len());
}

#[test]
fn a_body_that_does_not_decode_is_that_records_error() {
    let good = http_wire(&[], b"<p>BGI Genomics sells kits.</p>");
    let records = [
        (
            "https://b.example/zstd",
            http_wire(&["Content-Encoding: zstd"], b"(\xb5/\xfd..."),
        ),
        (
            "https://b.example/bad-chunk",
            http_wire(
                &["Transfer-Encoding: chunked"],
                b"5\r\nHello\r\nzz\r\nWorld\r\n0\r\n\r\n",
            ),
        ),
        (
            "https://b.example/bad-gzip",
            http_wire(&["Content-Encoding: gzip"], b"\x1f\x8b\x08\0garbage"),
        ),
        ("https://b.example/good", good),
    ];
    let bytes: Vec<u8> = records
        .iter()
        .flat_map(|(uri, wire)| warc_record_bytes(uri, wire))
        .collect();
    let path = write("undecodable.warc", &bytes);
    let (files, out) = scan_json(&path);
    assert_eq!(out.status.code(), Some(2), "an error, and the rest scanned");
    let errors: Vec<(&str, &str)> = files
        .iter()
        .filter_map(|f| Some((f["uri"].as_str()?, f.get("error")?.as_str()?)))
        .collect();
    assert_eq!(errors.len(), 3, "{files:?}");
    assert_eq!(errors[0].0, "https://b.example/zstd");
    assert!(
        errors[0]
            .1
            .contains("an unsupported Content-Encoding: zstd"),
        "{}",
        errors[0].1
    );
    assert_eq!(errors[1].0, "https://b.example/bad-chunk");
    assert!(
        errors[1]
            .1
            .contains("a chunk size is not a hexadecimal number: \"zz\""),
        "{}",
        errors[1].1
    );
    assert_eq!(errors[2].0, "https://b.example/bad-gzip");
    // The record after the broken ones is still read.
    let last = files.last().unwrap();
    assert_eq!(last["uri"], "https://b.example/good");
    assert_eq!(
        found(last),
        [("bgi-genomics".to_string(), "BGI Genomics".to_string())]
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("record https://b.example/zstd could not be decoded"),
        "{stderr}"
    );
}

// ---- Broken, encrypted, unsupported ----

#[test]
fn broken_files_are_named_and_the_others_still_scanned() {
    let good = write("good.txt", b"BGI Genomics sells sequencers.\n");
    let truncated = {
        let mut r = crawl_records()[2].clone();
        r.truncate(r.len() - 40);
        write("truncated.warc", r.as_bytes())
    };
    let cases: &[(String, &str)] = &[
        (
            write("locked.pdf", &pdf(&["BGI Genomics"], true)),
            "an encrypted PDF",
        ),
        (
            write("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Cat"),
            "not a readable PDF",
        ),
        (
            write(
                "locked.docx",
                &[
                    &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
                    &[0; 600],
                ]
                .concat(),
            ),
            "an encrypted (password-protected) Office document",
        ),
        (
            write("broken.docx", b"PK\x03\x04 not really a zip"),
            "a corrupt ZIP archive",
        ),
        (
            write("broken.xlsx", b"this is not a spreadsheet"),
            "not a readable spreadsheet",
        ),
        (
            write("photos.zip", &zip(&[("a.txt", "BGI Genomics")])),
            "a ZIP archive that is not a DOCX, ODT, XLSX or ODS",
        ),
        (
            write("image.bin", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            "binary data",
        ),
        (
            truncated,
            "a corrupt WARC file: after 0 record(s), the file ends inside the record",
        ),
        (
            write(
                "broken.warc.gz",
                &gzip("WARC/1.0\r\nContent-Length: x\r\n\r\n"),
            ),
            "no valid Content-Length",
        ),
    ];
    let mut args = vec!["scan", "--format", "json", &good];
    args.extend(cases.iter().map(|(p, _)| p.as_str()));
    let out = bioflag(&args);
    assert_eq!(out.status.code(), Some(2));
    let files = json(&out);
    assert_eq!(
        found(&files[0])[0].0,
        "bgi-genomics",
        "the good file is scanned"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (path, why) in cases {
        let file = files
            .iter()
            .find(|f| f["path"] == path.as_str() && f.get("error").is_some())
            .unwrap_or_else(|| panic!("{path} has no error result: {files:?}"));
        assert!(
            file["error"].as_str().unwrap().contains(why),
            "{path}: {file}"
        );
        assert!(
            stderr.contains(&format!("{path}: ")),
            "{path} named on stderr: {stderr}"
        );
    }
}
