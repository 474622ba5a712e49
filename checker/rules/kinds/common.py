"""Small helpers the kinds share: which figures are quantities, and word tests on context."""

from __future__ import annotations

from collections.abc import Iterable

from checker.extract.figure import Figure

ADDITIVE = frozenset({"count", "money", "measure"})


def has_any(text: str | None, words: Iterable[str]) -> bool:
    return bool(text) and any(w in text for w in words)


def same_unit(a: Figure, b: Figure) -> bool:
    return a.unit is not None and a.unit == b.unit and a.kind == b.kind
