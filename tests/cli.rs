//! The `bioflag` CLI on the bundled examples and on bad input: exit codes, NDJSON shape,
//! errors that name the problem while the other inputs are still processed.

use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn bioflag(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bioflag"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("run bioflag")
}

fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bioflag"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

fn entity_ids(file: &Value) -> BTreeSet<String> {
    file["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["entity"].as_str().unwrap().to_string())
        .collect()
}

fn tmp(name: &str, content: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bioflag-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn examples_flag_exactly_their_entities() {
    let expected: &[(&str, &[&str])] = &[
        ("examples/shop-listing.html", &["bgi-genomics", "bgi-group"]),
        (
            "examples/press-release.html",
            &["complete-genomics", "mgi-tech"],
        ),
        (
            "examples/supplier-table.html",
            &["forensic-genomics-international", "mgi-tech", "wuxi-apptec"],
        ),
        (
            "examples/suppliers.csv",
            &[
                "bgi-genomics",
                "complete-genomics",
                "mgi-tech",
                "wuxi-apptec",
            ],
        ),
        (
            "examples/chinese-listing.html",
            &["bgi-genomics", "mgi-tech"],
        ),
        ("examples/news-article.txt", &["mps-ifs"]),
        ("examples/traps.html", &[]),
    ];
    let paths: Vec<&str> = expected.iter().map(|e| e.0).collect();
    let mut args = vec!["scan", "--format", "json"];
    args.extend(&paths);
    let out = bioflag(&args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "flagged → exit 1; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = json_lines(&out);
    assert_eq!(files.len(), expected.len(), "one JSON object per input");
    for (file, (path, ids)) in files.iter().zip(expected) {
        assert_eq!(file["path"], *path);
        let want: BTreeSet<String> = ids.iter().map(|s| s.to_string()).collect();
        assert_eq!(entity_ids(file), want, "entities in {path}");
    }
}

#[test]
fn json_matches_have_the_documented_shape() {
    let out = bioflag(&["scan", "--format", "json", "examples/shop-listing.html"]);
    let file = &json_lines(&out)[0];
    let m = file["matches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["text"] == "BGI Genomics")
        .expect("split name found");
    for key in ["entity", "name", "alias", "text", "start", "end", "line"] {
        assert!(m.get(key).is_some(), "missing {key} in {m}");
    }
    assert_eq!(m["entity"], "bgi-genomics");
    assert_eq!(m["name"], "BGI Genomics Co., Ltd.");
    assert!(m["end"].as_u64().unwrap() > m["start"].as_u64().unwrap());
    // The line is the HTML source line of the name (where `<b>BGI</b> Genomics` is).
    let line = m["line"].as_u64().unwrap() as usize;
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/shop-listing.html"
    ))
    .unwrap();
    let src_line = source.lines().nth(line - 1).unwrap();
    assert!(src_line.contains("BGI"), "line {line} is {src_line:?}");
}

#[test]
fn script_content_is_invisible() {
    let out = with_stdin(
        &["scan", "--format", "json", "-"],
        b"<html><script>var s = 'BGI Group';</script><p>Nothing</p></html>",
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json_lines(&out)[0]["matches"], Value::Array(vec![]));
}

#[test]
fn text_output_is_grep_like() {
    let out = bioflag(&["scan", "examples/news-article.txt"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("examples/news-article.txt:"), "{first}");
    assert!(
        first.contains("mps-ifs") && first.contains("Removed from the Entity List on 2023-11-16"),
        "{first}"
    );
    assert!(
        !first.contains('\x1b'),
        "no colour when NO_COLOR / not a terminal"
    );
}

#[test]
fn text_output_says_why_a_name_that_needed_support_was_flagged() {
    // A name on an all-capitals line is no short name: the reason given names what confirmed it.
    let heading = b"COMPLETE GENOMICS LAUNCHES NEW SEQUENCER\n\nComplete Genomics, Inc. said so.\n";
    let out = with_stdin(&["scan", "--color", "never"], heading);
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert!(
        first.contains("[confirmed by the company's full name elsewhere on the page]"),
        "{first}"
    );
    let out = with_stdin(
        &["scan", "--color", "never"],
        b"BGI sells DNA sequencing kits.\n",
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("[short name, with genomics context nearby]"),
        "{text}"
    );
}

#[test]
fn csv_output_has_a_header_once() {
    let out = bioflag(&[
        "scan",
        "--format",
        "csv",
        "examples/press-release.html",
        "examples/news-article.txt",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().filter(|l| l.starts_with("path,line")).count(),
        1
    );
    assert!(
        text.lines().any(|l| l.contains("complete-genomics"))
            && text.lines().any(|l| l.contains("mps-ifs"))
    );
}

#[test]
fn nothing_flagged_exits_zero() {
    let out = bioflag(&["scan", "examples/traps.html"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn unreadable_input_is_reported_and_the_rest_processed() {
    let out = bioflag(&[
        "scan",
        "--format",
        "json",
        "does-not-exist.html",
        "examples/news-article.txt",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("does-not-exist.html"), "{stderr}");
    let files = json_lines(&out);
    assert!(files[0]["error"].is_string());
    assert_eq!(
        entity_ids(&files[1]),
        BTreeSet::from(["mps-ifs".to_string()])
    );
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    let p = tmp(
        "latin1.txt",
        b"Caf\xe9 owner bought a kit from BGI Genomics.\n",
    );
    let out = bioflag(&["scan", "--format", "json", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid UTF-8"));
    assert_eq!(
        entity_ids(&json_lines(&out)[0]),
        BTreeSet::from(["bgi-genomics".to_string()])
    );
}

#[test]
fn a_broken_list_is_named_and_the_scan_goes_on() {
    let p = tmp("broken-list.json", b"{\"schema\": 1, \"name\": \"mine\",\n \"entities\": [\n {\"id\": \"x\", \"name\": \"XY\"}]}");
    let out = bioflag(&[
        "scan",
        "--list",
        p.to_str().unwrap(),
        "examples/news-article.txt",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 3") && stderr.contains("entities[0]"),
        "{stderr}"
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("mps-ifs"),
        "built-in catalog still used"
    );
}

#[test]
fn an_imported_list_is_matched() {
    let p = tmp("list.json", br#"{"schema": 1, "name": "My watchlist", "entities": [{"id": "acme", "name": "Acme Widgets Ltd"}]}"#);
    let out = with_stdin(
        &[
            "scan",
            "--format",
            "json",
            "--list",
            p.to_str().unwrap(),
            "-",
        ],
        b"We buy from ACME Widgets and BGI Genomics.",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        entity_ids(&json_lines(&out)[0]),
        BTreeSet::from(["acme".to_string(), "bgi-genomics".to_string()])
    );
}

#[test]
fn check_list_prints_every_problem_with_its_location() {
    let p = tmp("two-problems.json", b"{\"schema\": 1, \"name\": \"mine\",\n \"sources\": [{\"id\": \"s\", \"title\": \"S\", \"confidence\": \"primary\", \"url\": \"javascript:alert(1)\"}],\n \"entities\": [\n {\"id\": \"x\", \"name\": \"XY\"}]}");
    let out = bioflag(&["check-list", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(":2:") && text.contains("sources[0].url") && text.contains("https"),
        "{text}"
    );
    assert!(
        text.contains(":4:") && text.contains("entities[0]") && text.contains("shorter than 3"),
        "{text}"
    );
    assert_eq!(
        bioflag(&["check-list", "no-such-list.json"]).status.code(),
        Some(2)
    );
}

#[test]
fn screen_gives_one_verdict_per_row() {
    let out = bioflag(&["screen", "examples/suppliers.csv", "--column", "name"]);
    assert_eq!(out.status.code(), Some(1));
    let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = rdr.headers().unwrap().clone();
    let col = |h: &str| headers.iter().position(|x| x == h).unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 20, "every row kept");
    let verdict = |name: &str| {
        let r = rows
            .iter()
            .find(|r| &r[col("name")] == name)
            .unwrap_or_else(|| panic!("row {name}"));
        (r[col("verdict")].to_string(), r[col("entity")].to_string())
    };
    assert_eq!(
        verdict("BGI Genomics Co., Ltd."),
        ("match".into(), "bgi-genomics".into())
    );
    assert_eq!(
        verdict("Complete Genomics, Inc."),
        ("match".into(), "complete-genomics".into())
    );
    assert_eq!(verdict("MGI"), ("review".into(), "mgi-tech".into()));
    assert_eq!(
        verdict("Thermo Fisher Scientific"),
        ("clear".into(), String::new())
    );
    let bad = bioflag(&["screen", "examples/suppliers.csv", "--column", "nope"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no column `nope`"));
}

#[test]
fn entities_and_show() {
    let out = bioflag(&["entities", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(json_lines(&out).len() >= 15);
    let out = bioflag(&["show", "bgi-genomics"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("深圳华大基因股份有限公司") && text.contains("denies"),
        "{text}"
    );
    // The first line names it in English and in both Chinese scripts.
    assert_eq!(
        text.lines().next(),
        Some("BGI Genomics Co., Ltd. · 深圳华大基因股份有限公司 · 深圳華大基因股份有限公司")
    );
    assert_eq!(bioflag(&["show", "no-such-id"]).status.code(), Some(2));
    // The card's order: names, listing in plain words, response, reporting, sources, as-of.
    let out = bioflag(&["show", "wuxi-apptec"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("no {s:?} in {text}"));
    assert!(text
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("On the List of “Chinese military companies”"));
    assert!(
        at("kept by the US Department of Defense (also called the Department of War)")
            < at("The company's response:")
    );
    assert!(at("The company's response:") < at("said before the 2026-06-08 listing"));
    assert!(at("said before the 2026-06-08 listing") < at("What has been reported:"));
    assert!(at("What has been reported:") < at("Sources:"));
    assert!(
        text.trim_end()
            .ends_with("bioflag catalog as of 2026-12-02 · wuxi-apptec"),
        "{text}"
    );
    let out = bioflag(&["show", "mps-ifs"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("No statement by the institute is on record here."),
        "{text}"
    );
    assert!(text.contains("per secondary reporting"), "{text}");
}

#[test]
fn a_large_file_streams() {
    // 24 MB of text with a name near the end, a name split across a chunk boundary (1 MiB) and
    // CJK across chunk boundaries: everything found, nothing split.
    let para = "Plain paragraph about logistics and shipping schedules for 华大 nothing.\n\n";
    let mut text = String::new();
    while text.len() < 24 << 20 {
        text.push_str(para);
    }
    text.push_str("Finally, BGI Genomics.\n");
    let p = tmp("big.txt", text.as_bytes());
    let out = bioflag(&["scan", "--format", "json", p.to_str().unwrap()]);
    let file = &json_lines(&out)[0];
    let m = &file["matches"][0];
    assert_eq!(m["entity"], "bgi-genomics");
    assert_eq!(
        m["start"].as_u64().unwrap() as usize,
        text.find("BGI Genomics").unwrap()
    );
    assert_eq!(file["matches"].as_array().unwrap().len(), 1);
}

#[test]
fn check_list_reads_every_import_format() {
    let out = bioflag(&["check-list", "tests/fixtures/lists/sample.ftm.json"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("valid OpenSanctions FollowTheMoney export: 2 entities"),
        "{text}"
    );
    assert!(text.contains("skipped 1 record(s): Person"), "{text}");
    let out = bioflag(&["check-list", "tests/fixtures/lists/broken.json"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("broken.json:2:") && text.contains("invalid JSON"),
        "{text}"
    );
}

#[test]
fn place_names_do_not_stand_alone() {
    // Invented records: an organisation with a capital's name as an alias, and a company once
    // named after a lake (a proper noun of the places kind).
    let list = br#"{"results": [
 {"type": "Entity", "name": "NORTHERN STAR SHIPPING COMPANY", "alt_names": ["DAMASCUS"], "source": "Test list"},
 {"type": "Entity", "name": "ZELENOGORSK INSTRUMENT WORKS JSC", "alt_names": ["BAIKAL"], "source": "Test list"}
]}"#;
    let p = tmp("places.csl.json", list);
    let out = bioflag(&["check-list", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("1 name(s) the name of a country, territory or capital, or a demonym")
            && text.contains("DAMASCUS (line 2)"),
        "{text}"
    );
    assert!(text.contains("BAIKAL (line 3)"), "{text}");
    let page = tmp(
        "places.txt",
        b"Flights to Damascus resumed. Tourists swam in Lake Baikal.\n",
    );
    let out = bioflag(&[
        "scan",
        "--list",
        p.to_str().unwrap(),
        page.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // With the entity's own name beside it, the place-named alias is its alias again.
    let page = tmp(
        "places-named.txt",
        b"Northern Star Shipping Company, known as Damascus, was listed.\n",
    );
    let out = bioflag(&[
        "scan",
        "--list",
        p.to_str().unwrap(),
        page.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
}

/// Runs bioflag with stdout a pipe whose reading end is already closed, as `bioflag ... | head`
/// looks once `head` has exited.
fn with_closed_stdout(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let child = Command::new(env!("CARGO_BIN_EXE_bioflag"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let list = "tests/fixtures/lists/sample.ftm.json";
    let cases: &[(&[&str], i32)] = &[
        (&["entities"], 0),
        (&["entities", "--format", "json"], 0),
        (&["entities", "--format", "csv"], 0),
        (&["show", "bgi-genomics"], 0),
        (&["show", "bgi-genomics", "--format", "json"], 0),
        (&["check-list", list], 0),
        (
            &[
                "scan",
                "examples/news-article.txt",
                "examples/shop-listing.html",
            ],
            1,
        ),
        (
            &["scan", "--format", "json", "examples/news-article.txt"],
            1,
        ),
        (&["scan", "--format", "csv", "examples/news-article.txt"], 1),
        (&["screen", "examples/suppliers.csv", "--column", "name"], 0),
        (&["--help"], 0),
    ];
    for &(args, code) in cases {
        let out = with_closed_stdout(args);
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "",
            "bioflag {args:?} on a closed pipe"
        );
        assert_eq!(out.status.code(), Some(code), "bioflag {args:?}");
    }
}

#[test]
fn a_pipe_closed_after_the_first_line_ends_quietly() {
    // More output than a pipe buffers (64 KiB), so the writer is still writing when the reader
    // goes away after one line, as with `head -1`.
    let lines: String = (0..3000)
        .map(|i| {
            format!(
                r#"{{"id":"e{i}","schema":"Company","properties":{{"name":["Entity {i} Genomics Holding Co"]}}}}"#
            ) + "\n"
        })
        .collect();
    let list = tmp("pipe-big-list.ftm.json", lines.as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_bioflag"))
        .args(["entities", "--list", list.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut first).unwrap();
    assert!(first.contains("designated"), "{first}");
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
}
