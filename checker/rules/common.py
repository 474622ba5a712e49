"""Small helpers the kinds share: which figures are quantities, and word tests on context."""

from __future__ import annotations

import re
from collections.abc import Iterable

from checker.extract.figure import Figure

ADDITIVE = frozenset({"count", "money", "measure"})
_CLAUSE_END = re.compile(r"[，,；;。：:！？!?\n]")


def clause_lead(view, f: Figure, n: int = 24) -> str:
    """The words of the figure's clause before it (at most ``n`` characters)."""
    return _CLAUSE_END.split(view.before(f, n))[-1]


def has_any(text: str | None, words: Iterable[str]) -> bool:
    return bool(text) and any(w in text for w in words)


def same_unit(a: Figure, b: Figure) -> bool:
    return a.unit is not None and a.unit == b.unit and a.kind == b.kind
