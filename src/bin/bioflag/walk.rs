//! The inputs of `bioflag scan`, as ripgrep finds them: files as given, folders recursed with
//! `.gitignore`, `.ignore` and hidden files respected (the `ignore` crate), each folder's files
//! sorted by path so the output order never depends on the file system or on threads.

use std::path::Path;

/// One input to scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: String,
    /// Named on the command line (an unsupported format is then an error, not skipped).
    pub explicit: bool,
}

/// Expands `paths` (files, folders, `-`) into inputs, in order; a folder's walk problems
/// (unreadable entries, broken ignore files) are returned as messages.
pub fn inputs(paths: &[String]) -> (Vec<Input>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path == "-" || !Path::new(path).is_dir() {
            out.push(Input {
                path: path.clone(),
                explicit: true,
            });
            continue;
        }
        let mut found = Vec::new();
        // Parents' ignore files apply too, as in ripgrep; a folder outside a git repository
        // still honours its .gitignore files.
        let walker = ignore::WalkBuilder::new(path).require_git(false).build();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                    found.push(e.path().to_string_lossy().into_owned());
                }
                Ok(_) => {}
                Err(e) => problems.push(e.to_string()),
            }
        }
        found.sort();
        out.extend(found.into_iter().map(|path| Input {
            path,
            explicit: false,
        }));
    }
    (out, problems)
}
