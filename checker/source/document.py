"""The Document record every later stage starts from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """A decoded draft. Offsets everywhere else are code points into ``text``."""

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
