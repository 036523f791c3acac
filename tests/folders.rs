//! `bioflag scan DIR`: recursion with ignore files respected, unsupported binaries skipped,
//! and the same output, in path order, on one thread or many.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bioflag(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bioflag"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run bioflag")
}

fn tree(files: &[(&str, &[u8])]) -> PathBuf {
    let root = std::env::temp_dir().join(format!("bioflag-folders-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for (name, content) in files {
        let p = root.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
    root
}

fn paths(out: &Output, root: &Path) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let p = v["path"].as_str().unwrap();
            p.strip_prefix(root.to_str().unwrap()).unwrap().to_string()
        })
        .collect()
}

#[test]
fn a_folder_is_searched_like_ripgrep_in_path_order() {
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (".gitignore".into(), b"ignored/\n*.log\n".to_vec()),
        ("docs/.ignore".into(), b"skip.txt\n".to_vec()),
        ("docs/skip.txt".into(), b"BGI Genomics\n".to_vec()),
        ("ignored/a.txt".into(), b"BGI Genomics\n".to_vec()),
        ("run.log".into(), b"BGI Genomics\n".to_vec()),
        (".hidden.txt".into(), b"BGI Genomics\n".to_vec()),
        (
            "logo.png".into(),
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR BGI Genomics".to_vec(),
        ),
        (
            "docs/page.html".into(),
            b"<p>By <b>BGI</b> Genomics</p>".to_vec(),
        ),
        ("notes.txt".into(), b"nothing here\n".to_vec()),
    ];
    // Enough files that threads finish out of order.
    for i in 0..60 {
        let body = format!(
            "{}WuXi AppTec in file {i}\n",
            "filler text ".repeat(i * 300)
        );
        files.push((format!("many/f{i:02}.txt"), body.into_bytes()));
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_slice()))
        .collect();
    let root = tree(&refs);
    let dir = root.to_str().unwrap();
    let one = bioflag(&["scan", "--format", "json", "-j", "1", dir]);
    assert_eq!(
        String::from_utf8_lossy(&one.stderr),
        "",
        "binaries skipped quietly"
    );
    assert_eq!(one.status.code(), Some(1));
    let mut expected = vec!["/docs/page.html".to_string()];
    expected.extend((0..60).map(|i| format!("/many/f{i:02}.txt")));
    expected.push("/notes.txt".to_string());
    assert_eq!(
        paths(&one, &root),
        expected,
        "ignored, hidden and binary files left out"
    );
    for threads in ["2", "4", "8"] {
        let many = bioflag(&["scan", "--format", "json", "-j", threads, dir]);
        assert_eq!(
            many.stdout, one.stdout,
            "-j {threads}: the same output in the same order"
        );
        assert_eq!(many.status.code(), Some(1));
    }
    // Named on the command line, an unsupported file is an error.
    let png = root.join("logo.png");
    let out = bioflag(&["scan", png.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary data"));
}
