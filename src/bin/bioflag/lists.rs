//! Reading a list file the way the import needs it: OFAC's sdn.csv comes with the alt.csv beside
//! it (its alternate names), found by the file name with `sdn` written `alt`.

use bioflag::import::{detect, import_list, import_sdn_csv, Format, Imported};
use bioflag::ListErrors;
use std::path::{Path, PathBuf};

/// The alt.csv that belongs beside `path` (`sdn.csv` → `alt.csv`, `ofac-sdn-2022.sdn.csv` →
/// `ofac-sdn-2022.alt.csv`: the last `sdn` of the file name, in the same case), if one exists.
pub fn alt_beside(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    let name = p.file_name()?.to_str()?;
    let at = name.to_ascii_lowercase().rfind("sdn")?;
    let alt = if name[at..at + 3] == *"SDN" {
        "ALT"
    } else {
        "alt"
    };
    let candidate = p.with_file_name(format!("{}{alt}{}", &name[..at], &name[at + 3..]));
    candidate.is_file().then_some(candidate)
}

/// Imports the list at `path` whose text is `text`; an sdn.csv is read with its alt.csv.
pub fn import_file(
    path: &str,
    text: &str,
    read: impl Fn(&str) -> std::io::Result<String>,
) -> Result<Imported, ListErrors> {
    if detect(text) == Ok(Format::SdnCsv) {
        if let Some(alt) = alt_beside(path) {
            let alt_path = alt.to_string_lossy().into_owned();
            return match read(&alt_path) {
                Ok(alt_text) => import_sdn_csv(text, Some(&alt_text), path),
                Err(e) => Err(ListErrors {
                    list: path.to_string(),
                    errors: vec![bioflag::ListError {
                        line: 1,
                        column: 1,
                        field: String::new(),
                        kind: bioflag::ErrorKind::Unreadable,
                        message: format!("{alt_path} (the alt.csv beside it): {e}"),
                    }],
                }),
            };
        }
    }
    import_list(text, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alt_file_names() {
        let dir = std::env::temp_dir().join(format!("bioflag-alt-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for f in ["ofac-sdn-2022.alt.csv", "ALT.CSV"] {
            std::fs::write(dir.join(f), "").unwrap();
        }
        let at = |f: &str| alt_beside(dir.join(f).to_str().unwrap());
        assert_eq!(
            at("ofac-sdn-2022.sdn.csv"),
            Some(dir.join("ofac-sdn-2022.alt.csv"))
        );
        assert_eq!(at("SDN.CSV"), Some(dir.join("ALT.CSV")));
        assert_eq!(at("sdn.csv"), None, "no alt.csv there");
        assert_eq!(at("list.csv"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
