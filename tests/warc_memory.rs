//! A big gzipped WARC is scanned in bounded memory: the peak resident set of `bioflag scan`
//! stays far below the size of the crawl it reads. (A memory bound, not a time: how fast is in
//! BENCHMARKS.md, from scripts/bench-warc.sh.)
//!
//! The file is written here in a moment from repeated gzip members (a gzip file may hold many,
//! and a record may span several), so a few hundred MB of WARC cost a few MB of disk.

use flate2::write::GzEncoder;
use flate2::Compression;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::process::Command;

const MB: usize = 1 << 20;

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn warc_header(uri: &str, content_type: &str, length: usize) -> String {
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Record-ID: <urn:uuid:{uri}>\r\nContent-Type: {content_type}\r\n\
         Content-Length: {length}\r\n\r\n"
    )
}

/// About 1 MB of HTML paragraphs without any name.
fn filler_mb() -> Vec<u8> {
    let sentence = "Filler text about the weather, the trains and the harvest in the valley. ";
    let para = format!(
        "<p>{} With <b>inline</b> words &amp; an entity.</p>\n",
        sentence.repeat(20)
    );
    para.repeat(MB / para.len()).into_bytes()
}

/// Peak resident set size, in bytes, of the largest child this process has waited for.
fn children_max_rss() -> usize {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct we own; RUSAGE_CHILDREN is a valid `who`.
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) },
        0
    );
    usage.ru_maxrss as usize * 1024 // kilobytes on Linux
}

#[test]
fn a_big_gzipped_warc_is_scanned_in_bounded_memory() {
    let dir = std::env::temp_dir().join(format!("bioflag-warc-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.warc.gz");
    let mut out = BufWriter::new(File::create(&path).unwrap());
    let filler = filler_mb();
    let filler_gz = gzip(&filler);
    let mut size = 0; // of the WARC uncompressed

    // 1. One response record of 192 MB of HTML, its name only at the very end: the whole body
    //    is read, but never held.
    let big = 192;
    let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n";
    let tail = b"<p>Sequencers from <b>BGI</b> Genomics.</p>";
    let length = http.len() + big * filler.len() + tail.len();
    let header = warc_header(
        "https://big.example/",
        "application/http; msgtype=response",
        length,
    );
    out.write_all(&gzip(&[header.as_bytes(), http].concat()))
        .unwrap();
    for _ in 0..big {
        out.write_all(&filler_gz).unwrap();
    }
    out.write_all(&gzip(&[&tail[..], b"\r\n\r\n"].concat()))
        .unwrap();
    size += header.len() + length + 4;

    // 2. A 32 MB page sent chunked and gzip-compressed, decoded on the fly.
    let pieces = 32;
    let chunk = [
        format!("{:X}\r\n", filler_gz.len()).as_bytes(),
        &filler_gz,
        b"\r\n",
    ]
    .concat();
    let last_body = gzip(b"<p>Kits by WuXi AppTec.</p>");
    let last = [
        format!("{:X}\r\n", last_body.len()).as_bytes(),
        &last_body,
        b"\r\n0\r\n\r\n",
    ]
    .concat();
    let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\
                 Transfer-Encoding: chunked\r\n\r\n";
    let length = http.len() + pieces * chunk.len() + last.len();
    let header = warc_header(
        "https://chunked.example/",
        "application/http; msgtype=response",
        length,
    );
    out.write_all(&gzip(&[header.as_bytes(), http].concat()))
        .unwrap();
    let chunk_gz = gzip(&chunk);
    for _ in 0..pieces {
        out.write_all(&chunk_gz).unwrap();
    }
    out.write_all(&gzip(&[&last[..], b"\r\n\r\n"].concat()))
        .unwrap();
    size += header.len() + length + 4;

    // 3. 64 WET records of 1 MB, each naming an entity at its end: all of them are reported.
    let records = 64;
    let text = [
        "Plain words about the harvest and the weather. "
            .repeat(MB / 48)
            .as_bytes(),
        b"\n\nThe order went to MGI Tech.\n",
    ]
    .concat();
    // Only the header differs between records; the text is compressed once.
    let text_gz = gzip(&[&text[..], b"\r\n\r\n"].concat());
    for i in 0..records {
        let header = format!(
            "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://wet.example/{i}\r\n\
             Content-Type: text/plain\r\nContent-Length: {}\r\n\r\n",
            text.len()
        );
        size += header.len() + text.len() + 4;
        out.write_all(&gzip(header.as_bytes())).unwrap();
        out.write_all(&text_gz).unwrap();
    }
    out.flush().unwrap();
    drop(out);
    let on_disk = std::fs::metadata(&path).unwrap().len() as usize;
    assert!(size > 250 * MB, "the WARC is {size} bytes uncompressed");

    let before = children_max_rss();
    let run = Command::new(env!("CARGO_BIN_EXE_bioflag"))
        .args(["scan", "--format", "json"])
        .arg(&path)
        .output()
        .expect("run bioflag");
    let rss = children_max_rss();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let uris: Vec<String> = String::from_utf8(run.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            assert!(v.get("error").is_none(), "{v}");
            v["uri"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(
        uris.len(),
        2 + records,
        "every record with a name is reported"
    );
    assert_eq!(uris[0], "https://big.example/");
    assert_eq!(uris[1], "https://chunked.example/");
    assert_eq!(
        uris[2 + records - 1],
        format!("https://wet.example/{}", records - 1)
    );

    // The bound: the engine (catalog automaton), 1 MB read buffers and the blocks in flight,
    // whatever the size of the crawl. Measured at about 20 MB; the file is over 250 MB.
    assert!(rss > before, "the child's peak RSS was measured");
    eprintln!(
        "peak RSS {:.1} MB scanning a {:.0} MB WARC ({:.1} MB gzipped)",
        rss as f64 / MB as f64,
        size as f64 / MB as f64,
        on_disk as f64 / MB as f64
    );
    assert!(
        rss < 64 * MB && rss * 4 < size,
        "peak RSS {rss} bytes for a {size}-byte WARC"
    );
}
