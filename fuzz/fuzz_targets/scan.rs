//! Arbitrary text, split into segments at NUL bytes, scanned over the built-in catalog plus a
//! small list with every kind of alias: the scan properties of `bioflag_fuzz::check_scan`
//! (ordered, disjoint, on boundaries, UTF-16 offsets, same as without the prefilter, same as
//! the naive reference).
#![no_main]

use bioflag::catalog::Catalog;
use bioflag::Matcher;
use bioflag_fuzz::{builtin_catalog, check_scan, small_list};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

struct Fixture {
    catalogs: Vec<Catalog>,
    matcher: Matcher,
    unfiltered: Matcher,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let catalogs = vec![builtin_catalog().clone(), small_list().clone()];
        let matcher = Matcher::new(catalogs.clone()).unwrap();
        let mut unfiltered = Matcher::new(catalogs.clone()).unwrap();
        unfiltered.disable_prefilter();
        Fixture {
            catalogs,
            matcher,
            unfiltered,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    if data.len() > 4096 {
        return; // the reference is quadratic-ish; long texts add nothing but time
    }
    let text = String::from_utf8_lossy(data);
    let segments: Vec<&str> = text.split('\0').collect();
    let f = fixture();
    check_scan(&f.catalogs, &f.matcher, &f.unfiltered, &segments);
});
