"""bioflag: finds the names of flagged biotech entities in text.

    engine = bioflag.Engine(lists=["my-list.json"])   # the built-in catalog is always loaded
    engine.scan("Samples went to BGI Genomics.")       # [Match(entity='bgi-genomics', ...)]
"""

from ._native import Engine, ListError, Match, ScreenResult, __version__

__all__ = ["Engine", "ListError", "Match", "ScreenResult", "__version__"]
