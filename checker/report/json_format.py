"""The JSON wire format (DESIGN.md, contract): versioned, stable field names."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from checker.extract.figure import FIELD_NAMES, Figure

VERSION = 1


def _clean(value):
    # 659000.0 -> 659000: integral values read as integers, as the author wrote them
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def figure_record(f: Figure) -> dict:
    return {name: _clean(getattr(f, name)) for name in FIELD_NAMES}


def write_figures(figures: Iterable[Figure], out: TextIO) -> None:
    payload = {"version": VERSION, "figures": [figure_record(f) for f in figures]}
    json.dump(payload, out, ensure_ascii=False, indent=1)
    out.write("\n")
