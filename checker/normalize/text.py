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
from functools import lru_cache

# Full-width digits, letters and the signs that occur inside figures, folded one-to-one.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({
    0x3000: 0x20,  # ideographic space
    0x00A0: 0x20,  # no-break space
    0x202F: 0x20,  # narrow no-break space
    0x205F: 0x20,  # medium mathematical space
})
_FOLD.update({cp: 0x20 for cp in range(0x2000, 0x200B)})  # en/em/thin/hair spaces
_FOLD[0xFF05] = ord("%")  # ％
_FOLD[0xFF0E] = ord(".")  # ．
# Full-width comma and colon stay: they are clause punctuation in Chinese, not signs in figures.
del _FOLD[0xFF0C], _FOLD[0xFF1A], _FOLD[0xFF1B], _FOLD[0xFF08], _FOLD[0xFF09], _FOLD[0xFF01], _FOLD[0xFF1F]
_TABLE = str.maketrans(_FOLD)
# what fold does, without str.translate's table lookup for every character of a draft: the few
# characters that change are found in C and only those replaced (a tenth of the time)
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD)) + "]")
_FOLDED = {chr(cp): chr(to) for cp, to in _FOLD.items()}

_DIGITS = frozenset("0123456789")
# Characters that continue a figure after a number: scale words, approximation suffixes,
# measure words and percent. A line break before one of them was put there by layout, not by the
# author ("逾1400\n\n万人次").
_CONTINUES = frozenset("万亿千百余多个人户家元%％项件名位次场期所座条份台辆吨亩年月日天倍成")
# Markers that open a figure: a line break between one and its digits is layout too ("逾\n1400万").
_OPENERS = frozenset("超逾近约第")
_OPENERS2 = frozenset({"超过", "不到", "不足", "突破"})

# Every run of white space; whether it lies inside a figure is decided from its two neighbours.
# Runs are few (one per paragraph, a few stray spaces), so the per-run check costs little, and a
# pattern that starts with a character class is skipped through in C.
_WS_RUN = re.compile(r"[ \t\r\n]+")
# A run that is only line layout: spaces and tabs around line breaks, \r only before \n.
_BREAK_RUN = re.compile(r"[ \t]*(?:\r?\n[ \t]*)+")


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _inside_figure(text: str, start: int, end: int) -> bool:
    """Whether the white space text[start:end] sits inside a figure and is to be deleted.

    Spaces and tabs between a digit and a CJK character or %, either way round ("3.75 万家",
    "建议 16 万件", "从 2012 年"), never between two digits ("7 2013年" stays apart). Line breaks
    between a digit and what continues its figure, or between an opening marker and its digits.
    """
    if start == 0 or end == len(text):
        return False
    before, after = text[start - 1], text[end]
    run = text[start:end]
    if "\n" not in run:
        if "\r" in run:
            return False
        return (
            (before in _DIGITS or before == ".") and (_cjk(after) or after == "%")
            or _cjk(before) and after in _DIGITS
        )
    if not _BREAK_RUN.fullmatch(run):
        return False
    if before in _DIGITS:
        return after in _CONTINUES
    return after in _DIGITS and (before in _OPENERS or text[start - 2:start] in _OPENERS2)


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


def _simplified(text: str) -> str:
    """A traditional draft in simplified characters ("65.9萬人" -> "65.9万人", 佔比 -> 占比), by
    OpenCC's t2s conversion; offsets stay put (where a phrase would change the length, each
    character is converted alone)."""
    converter = _converter()
    out = converter.convert(text)
    if len(out) == len(text):
        return out
    table = {}
    for ch in set(text):
        one = converter.convert(ch)
        if len(one) == 1 and one != ch:
            table[ord(ch)] = one
    return text.translate(table)


@lru_cache(maxsize=1)
def _converter():
    import opencc  # only for a traditional draft: a simplified one never pays for loading it

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional() -> re.Pattern[str]:
    from checker.lang import data

    return re.compile(f"[{data('traditional')['markers']}]")


def fold(text: str) -> str:
    """Full-width digits, letters and signs folded, nothing deleted: every offset stays as it
    was (for reading words around figures whose offsets index the original: ３１２件 as 312件)."""
    return _FOLDABLE.sub(_fold_one, text)


def _fold_one(m: re.Match[str]) -> str:
    return _FOLDED[m.group()]


def normalize(text: str) -> Normalized:
    folded = fold(text)
    if _traditional().search(folded):
        folded = _simplified(folded)
    deletions = [  # (original start, length), in order, never overlapping
        (m.start(), m.end() - m.start())
        for m in _WS_RUN.finditer(folded)
        if _inside_figure(folded, m.start(), m.end())
    ]
    if not deletions:
        return Normalized(folded, text)
    parts: list[str] = []
    cuts: list[int] = []
    shift: list[int] = []
    prev = 0
    removed = 0
    for start, length in deletions:
        parts.append(folded[prev:start])
        removed += length
        cuts.append(start - removed + length)  # normalized position where the cut takes effect
        shift.append(removed)
        prev = start + length
    parts.append(folded[prev:])
    return Normalized("".join(parts), text, tuple(cuts), tuple(shift))
