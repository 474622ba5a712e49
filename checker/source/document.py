"""The Document record every later stage starts from."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

SOURCE_FORMATS = ("text", "markdown", "docx", "html")


@dataclass(frozen=True)
class Document:
    """A decoded draft. Offsets everywhere else are code points into ``text``.

    For a Word or HTML draft ``text`` is the text extracted from it, not the file's bytes, so an
    offset alone cannot lead the author back to the place in the source: ``parts`` maps the
    extracted text back to paragraphs, table cells and HTML blocks (see ``where``).
    """

    path: str
    text: str
    encoding: str = "utf-8"
    published: dt.date | None = None
    # where the date came from: "option" (--date), "text" (a dateline), or "unknown"
    date_source: str = "unknown"
    title: str | None = None
    # the province the document is about, e.g. "河南省"; None when it names none clearly
    province: str | None = None
    # the city (prefecture) it is about, e.g. "周口市"
    city: str | None = None
    # what the file was: "text", "markdown", "docx" or "html"
    source_format: str = "text"
    # (start offset in ``text``, label) sorted by offset: (0, "段落 1"), (120, "表格 1 第 2 行第 3 列"),
    # (300, "<p> 3"); empty for plain text and markdown, whose offsets are their own line/column
    parts: tuple[tuple[int, str], ...] = ()

    def where(self, offset: int) -> str | None:
        """The label of the part of the source holding ``offset``; None for plain text (its line
        and column already say where) or an offset before the first part or outside the text."""
        if not self.parts or not 0 <= offset <= len(self.text):
            return None
        i = bisect.bisect_right(self.parts, offset, key=lambda part: part[0]) - 1
        return self.parts[i][1] if i >= 0 else None
