//! What a well-formed id, date and URL are: the lint holds catalogs and lists to them, the
//! import keeps only values that pass, and cards show only URLs that pass.

/// True for `lower-case-words-0-9`.
pub fn is_kebab_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// True for a real calendar date written `YYYY-MM-DD`.
pub(crate) fn is_iso_date(date: &str) -> bool {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |s: &str| {
        s.parse::<u32>()
            .ok()
            .filter(|_| s.bytes().all(|c| c.is_ascii_digit()))
    };
    let (Some(y), Some(m), Some(d)) = (num(&date[..4]), num(&date[5..7]), num(&date[8..])) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// True for an `https:` URL with a host and nothing that could break out of an attribute.
pub(crate) fn is_https_url(url: &str) -> bool {
    url.strip_prefix("https://")
        .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_ids() {
        assert!(is_kebab_id("bgi-genomics"));
        assert!(is_kebab_id("unit-731"));
        for bad in ["", "-a", "a-", "a--b", "BGI", "a_b", "a b"] {
            assert!(!is_kebab_id(bad), "{bad}");
        }
    }

    #[test]
    fn iso_dates() {
        assert!(is_iso_date("2024-02-29"));
        assert!(is_iso_date("2023-12-31"));
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2023-13-01",
            "2023-00-10",
            "2023-1-01",
            "+023-01-01",
            "2023-01-01T00",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }

    #[test]
    fn https_urls() {
        assert!(is_https_url("https://www.bis.gov/entity-list"));
        for bad in [
            "http://example.com",
            "https://",
            "https:///path",
            "https://a b",
            "https://a\"onclick",
            "javascript:alert(1)",
        ] {
            assert!(!is_https_url(bad), "{bad}");
        }
    }
}
