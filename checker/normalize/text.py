"""Normalization: full-width forms folded, white space inside figures removed.

Every character of the normalized text maps back to a code point of the original, so findings
always point at the author's own text. Folding is one-to-one (``str.translate``); only white space
is deleted, so the map is stored as the sorted list of deletion points and resolved with bisect
instead of one integer per character.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Full-width digits, letters and the signs that occur inside figures, folded one-to-one.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({
    0x3000: 0x20,  # ideographic space
    0x00A0: 0x20,  # no-break space
    0x2007: 0x20, 0x202F: 0x20,
    0x3007: ord("〇"),
})
_FOLD[0xFF05] = ord("%")  # ％
_FOLD[0xFF0E] = ord(".")  # ．
# Full-width comma and colon stay: they are clause punctuation in Chinese, not signs in figures.
del _FOLD[0xFF0C], _FOLD[0xFF1A], _FOLD[0xFF1B], _FOLD[0xFF08], _FOLD[0xFF09], _FOLD[0xFF01], _FOLD[0xFF1F]
_TABLE = str.maketrans(_FOLD)

_DIGIT = "0-9"
# Characters that continue a figure after a number: scale words, approximation suffixes,
# measure words and percent. A line break before one of them was put there by layout, not by the
# author ("逾1400\n\n万人次").
_CONTINUES = "万亿千百余多个人户家元%％项件名位次场期所座条份台辆吨亩年月日天倍成"

# White space between a digit and a CJK character or %, either way round ("3.75 万家",
# "建议 16 万件", "从 2012 年"); never between two digits ("7 2013年" stays apart).
_SPACE_IN_FIGURE = re.compile(
    rf"(?<=[{_DIGIT}.])[ \t]+(?=[\u4e00-\u9fff%])|(?<=[\u4e00-\u9fff])[ \t]+(?=[{_DIGIT}])"
)
# Line breaks (with any surrounding spaces) between a digit and what continues its figure.
_BREAK_IN_FIGURE = re.compile(rf"(?<=[{_DIGIT}])[ \t]*(?:\r?\n[ \t]*)+(?=[{_CONTINUES}])")


@dataclass(frozen=True)
class Normalized:
    """Normalized text and the map back to the original."""

    text: str
    original: str
    # normalized positions at which original characters were deleted, and how many were
    # deleted up to and including that point (cumulative)
    _cuts: tuple[int, ...] = ()
    _shift: tuple[int, ...] = ()

    def to_original(self, pos: int) -> int:
        """Original code-point offset of normalized offset ``pos`` (a start or an exclusive end)."""
        i = bisect.bisect_right(self._cuts, pos) - 1
        return pos if i < 0 else pos + self._shift[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of a normalized span; an end maps to just past the last character."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1


def normalize(text: str) -> Normalized:
    folded = text.translate(_TABLE)
    deletions: list[tuple[int, int]] = []  # (original start, length)
    for rx in (_SPACE_IN_FIGURE, _BREAK_IN_FIGURE):
        deletions.extend((m.start(), m.end() - m.start()) for m in rx.finditer(folded))
    if not deletions:
        return Normalized(folded, text)
    deletions.sort()
    parts: list[str] = []
    cuts: list[int] = []
    shift: list[int] = []
    prev = 0
    removed = 0
    for start, length in deletions:
        if start < prev:  # the two patterns overlap only on identical runs
            continue
        parts.append(folded[prev:start])
        removed += length
        cuts.append(start - removed + length)  # normalized position where the cut takes effect
        shift.append(removed)
        prev = start + length
    parts.append(folded[prev:])
    return Normalized("".join(parts), text, tuple(cuts), tuple(shift))
