//! `bioflag screen`: the verdicts are the library's ([`bioflag::screen`]), shared with the Python
//! package.

pub use bioflag::screen::{Screener, Verdict};
