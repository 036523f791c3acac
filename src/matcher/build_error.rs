//! Why a matcher could not be built.

use std::fmt;

/// The automaton over every alias could not be built: the catalogs hold more pattern text
/// than aho-corasick can index (its state identifiers would overflow). Lists within the import
/// size limit stay far below that, so this is an error to report, not a state to recover in.
#[derive(Debug, Clone)]
pub struct BuildError {
    patterns: usize,
    source: aho_corasick::BuildError,
}

impl BuildError {
    pub(crate) fn new(patterns: usize, source: aho_corasick::BuildError) -> BuildError {
        BuildError { patterns, source }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the {} patterns of these lists cannot be compiled into one matcher: {}",
            self.patterns, self.source
        )
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}
