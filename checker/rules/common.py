"""Small helpers the kinds share: which figures are quantities, and word tests on context."""

from __future__ import annotations

import re
from collections.abc import Iterable

from checker.extract.figure import Figure
from checker.extract.units import comparable, dimension

ADDITIVE = frozenset({"count", "money", "measure"})
_CLAUSE_END = re.compile(r"[，,；;。：:！？!?\n]")


def clause_lead(view, f: Figure, n: int = 24) -> str:
    """The words of the figure's clause before it (at most ``n`` characters)."""
    return _CLAUSE_END.split(view.before(f, n))[-1]


def has_any(text: str | None, words: Iterable[str]) -> bool:
    return bool(text) and any(w in text for w in words)


def same_unit(a: Figure, b: Figure, generic: bool = False) -> bool:
    """Whether two figures measure one dimension (3万名 and 4500人 are both persons, 公里 and 米
    lengths): rules then compare their readings, which are in the dimension's base unit. With
    ``generic``, 个 may count what 家 or 项 count (a whole and its parts: 12个项目，其中15项)."""
    return a.unit is not None and b.unit is not None and a.kind == b.kind and (
        a.unit == b.unit or dimension(a.unit) == dimension(b.unit) or (generic and comparable(a.unit, b.unit)))
