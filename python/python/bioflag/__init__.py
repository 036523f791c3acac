"""bioflag: finds the names of flagged biotech entities in text.

    engine = bioflag.Engine(lists=["my-list.json"])   # the built-in catalog is always loaded
    engine.scan("Samples went to BGI Genomics.")       # [Match(entity='bgi-genomics', ...)]
    engine.scan_html("<p>Made by <b>BGI</b> Genomics</p>")  # offsets into html_text(page)
"""

from ._native import Engine, ListError, Match, ScreenResult, __version__, html_text

__all__ = ["Engine", "ListError", "Match", "ScreenResult", "__version__", "html_text"]
