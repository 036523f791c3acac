"""Type stubs for the compiled module (python/src/lib.rs)."""

import os
from collections.abc import Sequence
from typing import Any, Final, Literal, TypedDict

import pyarrow

__version__: Final[str]

Evidence = Literal[
    "name",
    "short-name-with-context",
    "short-name-with-full-name-nearby",
    "short-name-with-full-name-in-document",
]
Verdict = Literal["match", "contains", "review", "clear"]

def html_text(html: str) -> str:
    """The visible text of an HTML page: blocks (paragraphs, list items, cells, ...) separated
    by a blank line, inline elements joined; scripts, styles, templates, the title and other
    hidden elements left out; entities decoded."""

class ListProblem(TypedDict):
    line: int
    column: int
    field: str
    message: str

class ListError(ValueError):
    """A list was refused; every problem with its line, column and field."""

    list: str
    errors: list[ListProblem]

class Match:
    """One mention. start/end are str indices (code points) into the scanned text."""

    @property
    def entity(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def alias(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def line(self) -> int: ...
    @property
    def tier(self) -> str: ...
    @property
    def evidence(self) -> Evidence: ...
    def to_dict(self) -> dict[str, Any]: ...

class ScreenResult:
    """The verdict on one name, as in the CLI's `screen` (clear: entity etc. are None)."""

    @property
    def name(self) -> str: ...
    @property
    def verdict(self) -> Verdict: ...
    @property
    def entity(self) -> str | None: ...
    @property
    def entity_name(self) -> str | None: ...
    @property
    def tier(self) -> str | None: ...
    @property
    def status(self) -> str | None: ...
    def to_dict(self) -> dict[str, Any]: ...

class Engine:
    """The built-in catalog plus imported lists (paths, or JSON text starting with { or [) in
    the CLI's formats: bioflag JSON, OpenSanctions FollowTheMoney lines, US Consolidated
    Screening List JSON. Raises ListError for a broken list, OSError for an unreadable one.
    Thread-safe; the batch calls run on all cores without the GIL."""

    def __init__(self, lists: Sequence[str | os.PathLike[str]] = ()) -> None: ...
    def entities(self) -> list[dict[str, str]]: ...
    def scan(self, text: str) -> list[Match]: ...
    def scan_html(self, html: str) -> list[Match]:
        """An HTML page's visible text, read as the CLI reads HTML (html5ever). start/end
        index html_text(html); line is the line in the HTML source."""
    def scan_many(self, texts: Sequence[str]) -> list[list[Match]]: ...
    def scan_arrow(self, array: Any) -> pyarrow.RecordBatch:
        """Any Arrow string array or stream (__arrow_c_array__ / __arrow_c_stream__) in; one
        row per match out: row, entity, name, alias, text, start, end, line, tier, evidence."""
    def screen(self, names: Sequence[str]) -> list[ScreenResult]: ...
    def screen_arrow(self, array: Any) -> pyarrow.RecordBatch:
        """One row per name: name, verdict, entity, entity_name, tier, status."""
