//! bioflag finds the names of flagged biotech entities in text and explains, with sources, why
//! they are flagged.
//!
//! The pieces, in the order data flows through them:
//! - [`catalog`]: the curated catalog (embedded) and imported lists, parsed with located errors
//!   and linted;
//! - [`fold`]: the text normalisation shared by aliases and scanned text, with an offset map;
//! - [`matcher`]: one Aho-Corasick automaton over all aliases plus the rules it cannot express
//!   (word boundaries, case, weak aliases needing context);
//! - [`card`]: what a context card shows, resolved from the catalog, shared by the CLI, the
//!   extension and the website;
//! - [`screen`]: verdicts on names (a supplier list), not free text;
//! - [`html`] (native only): the visible text of HTML pages, shared by the CLI and the Python
//!   package (html5ever stays out of the wasm build: the browser has its own DOM);
//! - `wasm` (wasm32 only): the JavaScript API.
//!
//! Words for pieces of text, each used for one thing across Rust and JavaScript:
//! - **document**: what weak aliases are decided against (a page, a file, a WARC record);
//! - **segment**: one text the engine scans, with its index in the document (the engine's
//!   word: it does not know where the text came from; match records carry it);
//! - **block**: the text of one run of inline content under a block-level element (a paragraph,
//!   a cell, a heading), as the HTML reader and the extension cut a page (`data/html-elements.json`);
//!   each block is given to the engine as one segment;
//! - **piece**: part of an over-long block, scanned as its own segment with an overlap so that a
//!   name on a cut is found once;
//! - **unit** (extension only): the smallest element whose text a DOM change touched, rescanned
//!   as a whole.
//! - **chunk**: a stretch of input read at once with no regard to blocks (a read of a stream,
//!   the extension's find-first text concatenation).
#![deny(missing_debug_implementations)]

pub mod card;
pub mod catalog;
pub mod elements;
pub mod fold;
#[cfg(not(target_arch = "wasm32"))]
pub mod html;
pub mod import;
pub mod matcher;
mod places;
pub mod prefilter;
/// Test support: the naive reference matcher the tests and fuzz targets compare [`Matcher`]
/// with, and the properties they check; not API, and not in the shipped library (the
/// `test-support` feature, which the tests turn on through a dev-dependency on this crate).
#[cfg(feature = "test-support")]
#[doc(hidden)]
pub mod reference;
pub mod screen;
pub(crate) mod suffix;
mod t2s;
pub mod utf16;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use catalog::{Catalog, ErrorKind, ListError, ListErrors};
pub use matcher::{BuildError, Evidence, Match, Matcher};
