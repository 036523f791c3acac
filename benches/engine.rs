//! Native engine benchmark: bioflag's matcher against the aho-corasick crate's default
//! configuration over the same names and the same ~10 MB of page text, in the same process.
//! Prints a Markdown table of medians (MB/s) and ratios. Inputs come from
//! `node bench/gen-data.mjs` (target/bench/). Run: `cargo bench --bench engine`.

use aho_corasick::AhoCorasick;
use bioflag::catalog::builtin;
use bioflag::import::parse_list;
use bioflag::Matcher;
use std::time::Instant;

const RUNS: usize = 7;

fn load_blocks(dir: &str, file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(format!("{dir}/{file}"))
        .unwrap_or_else(|e| panic!("{dir}/{file}: {e} (run `node bench/gen-data.mjs` first)"));
    serde_json::from_str(&text).expect("a JSON array of strings")
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Median seconds of `f` over RUNS runs, and its last result.
fn time<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        let r = f();
        times.push(t.elapsed().as_secs_f64());
        last = Some(r);
    }
    (median(times), last.unwrap())
}

fn mbps(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / 1e6 / secs
}

fn main() {
    let dir = std::env::var("BIOFLAG_BENCH_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench").to_string());
    let page = load_blocks(&dir, "page-text.json");
    let clean = load_blocks(&dir, "clean-text.json");
    let bytes = |b: &[String]| b.iter().map(String::len).sum::<usize>();
    let (page_bytes, clean_bytes) = (bytes(&page), bytes(&clean));
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    println!(
        "### Native engine ({} cores, {cpu}; median of {RUNS} runs)\n",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("Text: {:.1} MB in {} blocks with a few flagged names; clean text {:.1} MB naming nobody.\n", page_bytes as f64 / 1e6, page.len(), clean_bytes as f64 / 1e6);
    println!("| catalog | patterns | automaton | build | memory | bioflag, page text | bioflag, clean text | aho-corasick default, page text | bioflag / baseline |");
    println!("|---|---|---|---|---|---|---|---|---|");

    let lists: Vec<(&str, Option<&str>)> = vec![
        ("built-in", None),
        ("built-in + 10k names", Some("names-10k.json")),
        ("built-in + 100k names", Some("names-100k.json")),
    ];
    for (label, file) in lists {
        let extra = file.map(|f| {
            let text = std::fs::read_to_string(format!("{dir}/{f}")).expect("list file");
            parse_list(&text, f).expect("valid list")
        });
        let (build_secs, matcher) = time(|| {
            let mut catalogs = vec![builtin()];
            catalogs.extend(extra.clone());
            Matcher::new(catalogs).unwrap()
        });
        let (page_secs, found) =
            time(|| matcher.scan_document(page.iter().map(String::as_str)).len());
        let (clean_secs, none) = time(|| {
            matcher
                .scan_document(clean.iter().map(String::as_str))
                .len()
        });
        assert_eq!(none, 0, "clean text names nobody");
        // The baseline: the same alias texts, aho-corasick's default builder, case-sensitive.
        let keys: Vec<&str> = matcher.patterns().map(|(k, _)| k).collect();
        let ac = AhoCorasick::new(&keys).unwrap();
        let (base_secs, _) = time(|| page.iter().map(|b| ac.find_iter(b).count()).sum::<usize>());
        println!(
            "| {label} | {} | {:?}{} | {:.1} ms | {:.2} MB | {:.0} MB/s ({found} matches) | {:.0} MB/s | {:.0} MB/s | {:.2}× |",
            matcher.pattern_count(),
            matcher.automaton_kind(),
            if matcher.has_prefilter() { " + prefilter" } else { "" },
            build_secs * 1e3,
            matcher.memory_usage() as f64 / 1e6,
            mbps(page_bytes, page_secs),
            mbps(clean_bytes, clean_secs),
            mbps(page_bytes, base_secs),
            base_secs / page_secs,
        );
        if file.is_none() {
            let passing =
                |blocks: &[String]| blocks.iter().filter(|b| matcher.might_match(b)).count();
            println!(
                "| built-in, blocks the prefilter passes | | | | | {} of {} | {} of {} | | |",
                passing(&page),
                page.len(),
                passing(&clean),
                clean.len()
            );
            let mut plain = Matcher::new(vec![builtin()]).unwrap();
            plain.disable_prefilter();
            let (secs, n) = time(|| plain.scan_document(clean.iter().map(String::as_str)).len());
            assert_eq!(n, 0);
            println!("| built-in, prefilter off | | DFA | | | | {:.0} MB/s | | prefilter: {:.2}× on clean text |", mbps(clean_bytes, secs), secs / clean_secs);
        }
    }
}
