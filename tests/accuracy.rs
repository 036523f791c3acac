//! Accuracy on text written the way the web writes these names: recall and false flags by
//! failure class over our own fixture corpus (`tests/fixtures/accuracy/corpus.txt`), and false
//! flags over real public-domain articles (`../shared/data/corpus`).
//!
//! Run with `--nocapture` to see the table.

use bioflag::Matcher;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(Matcher::builtin)
}

struct Document {
    class: String,
    expected: BTreeSet<String>,
    blocks: Vec<String>,
    line: usize,
}

fn corpus() -> Vec<Document> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/accuracy/corpus.txt");
    let text = std::fs::read_to_string(&path).expect("accuracy corpus");
    let mut docs: Vec<Document> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(header) = line.strip_prefix("== ") {
            let (class, expected) = header.split_once('|').expect("`== CLASS | EXPECTED`");
            docs.push(Document {
                class: class.trim().to_string(),
                expected: expected
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty() && *s != "-")
                    .map(String::from)
                    .collect(),
                blocks: Vec::new(),
                line: i + 1,
            });
        } else if !line.trim().is_empty() && !line.starts_with('#') {
            docs.last_mut()
                .expect("a block before the first header")
                .blocks
                .push(line.to_string());
        }
    }
    docs
}

fn flagged(blocks: &[String]) -> BTreeSet<String> {
    let m = matcher();
    m.scan_document(blocks.iter().map(String::as_str))
        .into_iter()
        .map(|x| m.entity(x.entity).id.clone())
        .collect()
}

#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
struct Score {
    expected: usize,
    found: usize,
    false_flags: usize,
    documents: usize,
}

fn score_by_class() -> (BTreeMap<String, Score>, Vec<String>) {
    let mut by_class: BTreeMap<String, Score> = BTreeMap::new();
    let mut misses = Vec::new();
    for doc in corpus() {
        let got = flagged(&doc.blocks);
        let s = by_class.entry(doc.class.clone()).or_default();
        s.documents += 1;
        s.expected += doc.expected.len();
        s.found += doc.expected.intersection(&got).count();
        s.false_flags += got.difference(&doc.expected).count();
        if got != doc.expected {
            misses.push(format!(
                "line {} (class {}): expected {:?}, got {:?}",
                doc.line, doc.class, doc.expected, got
            ));
        }
    }
    (by_class, misses)
}

#[test]
fn fixture_corpus_recall_and_false_flags_by_class() {
    let (by_class, misses) = score_by_class();
    let mut total = Score::default();
    println!("class   docs  recall        false flags");
    for (class, s) in &by_class {
        println!(
            "{class:<7} {:>4}  {:>3}/{:<3}      {}",
            s.documents, s.found, s.expected, s.false_flags
        );
        total.documents += s.documents;
        total.expected += s.expected;
        total.found += s.found;
        total.false_flags += s.false_flags;
    }
    println!(
        "total   {:>4}  {:>3}/{:<3}      {}",
        total.documents, total.found, total.expected, total.false_flags
    );
    for m in &misses {
        println!("  {m}");
    }
    // Measured on this corpus: before the acronym-definition rule, class 1 had 7 false flags
    // and the whole corpus 18/40 found with 14 false flags. The rules not written yet are the
    // misses listed above; these bounds only hold the ground gained.
    // The classes whose rule is written: every expected entity found, no false flag.
    for class in ["1", "2", "3", "4", "5", "6", "7", "8", "names"] {
        let s = by_class[class];
        assert_eq!(s.false_flags, 0, "class {class} false flags: {s:?}");
        assert_eq!(s.found, s.expected, "class {class} recall: {s:?}");
    }
    // Before this rules 2-8: 19/40 found with 7 false flags on the corpus as it was.
    assert_eq!(total.found, total.expected, "recall fell: {total:?}");
    assert_eq!(total.false_flags, 0, "false flags rose: {total:?}");
}

/// Every `.txt` file under `dir`, sorted.
fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            text_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

/// Which public-domain articles (press releases of US lawmakers, Chinese-language news) the
/// built-in catalog flags, and for what. A few of them do name BGI, WuXi AppTec or the MPS
/// institute; any other flag is a false one.
#[test]
fn public_domain_corpus_false_flags() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/corpus");
    let mut files = Vec::new();
    text_files(&root, &mut files);
    assert!(files.len() > 5000, "corpus at {}", root.display());
    let m = matcher();
    let mut flagged_files: Vec<String> = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("UTF-8 article");
        let blocks: Vec<&str> = text.split("\n\n").collect();
        let found: BTreeSet<String> = m
            .scan_document(blocks.iter().copied())
            .into_iter()
            .map(|x| {
                let b = blocks[x.segment as usize];
                format!("{}={:?}", m.entity(x.entity).id, &b[x.start..x.end])
            })
            .collect();
        if !found.is_empty() {
            let name = path.strip_prefix(&root).unwrap_or(path).display();
            flagged_files.push(format!("{name}: {found:?}"));
        }
    }
    println!(
        "{} of {} articles flagged",
        flagged_files.len(),
        files.len()
    );
    for f in &flagged_files {
        println!("  {f}");
    }
}
