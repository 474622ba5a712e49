"""A relation between figures, found by a pattern: which figures play which part, and why."""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.extract.figure import Figure

_CLAUSE = re.compile(r"[，,；;：:。！？!?\n]")


def words_before(text: str, f: Figure, n: int = 24) -> str:
    """The words of the figure's clause before it (at most ``n`` characters)."""
    return _CLAUSE.split(text[max(0, f.start - n):f.start])[-1]


_SENTENCE_ENDS = "。！？!?\n"
_CLAUSE_ENDS = "，,；;" + _SENTENCE_ENDS


# A sentence is sought at most this far either way: text without sentence ends is read in
# stretches of this length, so that asking for each figure's sentence stays linear in the text.
_SENTENCE_REACH = 2000


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts."""
    floor = max(0, pos - _SENTENCE_REACH)
    return max(max(text.rfind(c, floor, pos) for c in _SENTENCE_ENDS) + 1, floor)


def sentence_end(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` ends (at its end mark, or the text's end)."""
    ceiling = min(len(text), pos + _SENTENCE_REACH)
    return min([i for i in (text.find(c, pos, ceiling) for c in _SENTENCE_ENDS) if i >= 0], default=ceiling)


_SAID_ENDS = re.compile(r"[，,、；;。！？!?\n]")


def said_after(text: str, f: Figure, n: int = 12) -> str:
    """The words after the figure up to its clause's end or the next 、 (at most ``n`` characters):
    what is said of what it counts (…10.5万人加入工会)."""
    return _SAID_ENDS.split(text[f.end:f.end + n], maxsplit=1)[0]


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between commas, semicolons or sentence ends) holding ``start`` to ``end``."""
    left = max(text.rfind(c, 0, start) for c in _CLAUSE_ENDS) + 1
    right = min([i for i in (text.find(c, end) for c in _CLAUSE_ENDS) if i >= 0], default=len(text))
    return left, right


@dataclass(frozen=True)
class Relation:
    """``family`` (rate, growth, points, multiple, per_unit …) names what must hold between the
    figures in ``slots`` (slot name -> figure: part, whole, rate; start, end, change …); ``pattern``
    is the id of the pattern that found it (checker/lang/zh/relations.yaml), ``fixed`` the values
    a pattern states in words instead of a figure (翻一番: a multiple of 2)."""

    family: str
    pattern: str
    slots: dict[str, Figure]
    fixed: dict[str, float]
    sign: int = 1  # -1 when the words say the change is a fall (下降, 减少, 降幅)
    priority: int = 0  # among relations of one stated figure, the better-supported first

    def __getitem__(self, slot: str) -> Figure:
        return self.slots[slot]

    @property
    def stated(self) -> Figure:
        """The figure the relation checks (the rate, the change, the multiple, the average); for
        a relation stated in words (翻一番), its last figure."""
        return stated_of(self.family, self.slots)

    @property
    def figures(self) -> tuple[Figure, ...]:
        """The figures in the order a finding names them: the stated one first."""
        stated = self.stated
        return (stated, *(f for f in self.slots.values() if f is not stated))


def stated_of(family: str, slots: dict[str, Figure]) -> Figure:
    """The figure a relation of ``family`` with these slots checks (see Relation.stated)."""
    return slots.get(_STATED[family]) or list(slots.values())[-1]


# the slot that holds the stated figure, per family
_STATED = {"rate": "rate", "growth": "change", "points": "change", "gap": "change", "bound": "bound", "multiple": "times",
           "per_unit": "per", "direction": "end",
           "grim": "rate", "shares": "s1", "part": "part", "breakdown": "total",
           "restatement": "body", "anniversary": "years", "edition": "edition", "enumeration": "count"}
FAMILIES = tuple(_STATED)
