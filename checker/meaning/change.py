"""The periods of a change written with both its ends: "从2020年的3.68万亿元增长到2025年的4.93万亿元",
"人均可支配收入由2.57万元增加到3.52万元" in a review of 五年来.

A reader dates the first end at the start of what is reviewed and the second at its end, even
where no year is written beside them; a comparison that names its years once (the first pair of
a sentence) dates the pairs after it. The words are data (periods.yaml: change_from, change_to).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from checker.lang import data
from checker.meaning.period import Period

_P = data("periods")
_FROM = re.compile(_P["change_from"])
_TO = re.compile(_P["change_to"])
_RANGE = re.compile(rf"((?:19|20)\d\d)年?(?:{'|'.join(map(re.escape, _P['year_range']))})((?:19|20)\d\d)年")
_QUANTITY = frozenset({"count", "money", "percent", "fraction", "multiple", "measure"})

F = TypeVar("F")  # a Figure: start, end, kind, unit, sentence, period


def date_change_ends(figures: Sequence[F], text: str, frames: Sequence[Period | None]) -> list[F]:
    """``figures`` with the periods of each change's two ends set; ``frames[i]`` is the period
    of the frame figure i stands in (what it takes when it has no time of its own)."""
    out = list(figures)
    memory: dict[int, tuple[Period | None, Period | None]] = {}  # sentence -> the years last named
    # the years written in "从2020年的" are figures too: pair the quantities only
    at = [i for i, f in enumerate(out) if f.kind in _QUANTITY]
    for i, j in zip(at, at[1:]):
        a, b = out[i], out[j]
        if b.kind != a.kind or a.sentence != b.sentence or a.unit != b.unit:
            continue
        m_from = _FROM.search(text, max(0, a.start - 12), a.start)
        m_to = _TO.match(text[a.end:b.start])
        if not (m_from and m_to):
            continue
        frame = frames[i]
        named_from = _year(m_from.group("y"))
        named_to = _year(m_to.group("y"))
        ranged = _range_before(text, a.start)  # "2020年到2025年，X从A提升到B"
        if ranged and not (named_from or named_to):
            named_from, named_to = ranged
        last_from, last_to = memory.get(a.sentence, (None, None))
        first_end = named_from or last_from or _before(frame, a.period)
        second_end = named_to or last_to or _end(frame, b.period)
        if named_from or named_to:
            memory[a.sentence] = (named_from, named_to)
        if first_end is not None:
            out[i] = replace(a, period=first_end)
        if second_end is not None:
            out[j] = replace(b, period=second_end)
    return out


def _range_before(text: str, pos: int) -> tuple[Period, Period] | None:
    """The two years of a range written earlier in the sentence, as the ends of its change."""
    start = max(text.rfind(c, max(0, pos - 80), pos) for c in "。！？\n") + 1
    m = _RANGE.search(text, start, pos)
    return (Period.year(int(m.group(1))), Period.year(int(m.group(2)))) if m else None


def _year(raw: str | None) -> Period | None:
    return Period.year(int(raw)) if raw else None


def _span(frame: Period | None, own: Period | None) -> tuple[int, int] | None:
    """The years of the frame, if the figure took its period from it (no time of its own)."""
    if frame is None or own != frame or frame.kind not in ("year", "span"):
        return None
    return frame.year_span()


def _before(frame: Period | None, own: Period | None) -> Period | None:
    years = _span(frame, own)
    return Period.year(years[0] - 1) if years else None


def _end(frame: Period | None, own: Period | None) -> Period | None:
    years = _span(frame, own)
    return Period.year(years[1]) if years else None
