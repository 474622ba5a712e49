"""granularity: a percentage of a small whole-number base that no whole count can give at the
stated precision (the GRIM test): of 117 cases, 95 is 81.2% and 96 is 82.1%, so 81.3% cannot be.

The base is the count in the clause just before the percentage, and the two must speak of the
same thing (their metrics share a word: 受理调解案件 / 调解成功率), since a rate's base is often
a different count from the one beside it.
"""

from __future__ import annotations

import math

from checker.extract.figure import Figure
from checker.extract.segment import words
from checker.rules.engine import Candidate, View

NAME = "granularity"
PARAMS = {
    "max_base": (int, 1000),
    "min_word": (int, 2),
}


def derive(view: View, params: dict) -> list[Candidate]:
    out = []
    for figures in view.by_sentence().values():
        for i, r in enumerate(figures):
            if r.unit != "%" or r.approx != "exact" or not r.precision or r.value is None:
                continue
            if r.role not in ("rate", "share") and not (r.metric or "").endswith("率"):
                continue
            base = _base(view, figures[:i], r, params)
            if base is None:
                continue
            n = int(base.value)  # type: ignore[arg-type]
            half = r.precision / 2
            # nearest achievable percentages around the stated one
            k = round(r.value * n / 100)
            candidates = [100 * j / n for j in (k - 1, k, k + 1) if 0 <= j <= n]
            nearest = min(candidates, key=lambda p: abs(p - r.value))
            gap = abs(nearest - r.value) - half
            out.append(Candidate((r, base), gap=gap, gap_exact=gap, facts={
                "stated": r.text, "base": base.text, "n": float(n),
                "options": "、".join(f"{j}/{n} = {100 * j / n:.{_places(r.precision)}f}%"
                                    for j in (k - 1, k, k + 1) if 0 <= j <= n),
                "tolerance_note": False,
            }))
    return out


def _places(precision: float) -> int:
    return max(0, -int(math.floor(math.log10(precision) + 1e-9)))


def _base(view: View, before: list[Figure], r: Figure, params: dict) -> Figure | None:
    for g in reversed(before):
        if r.clause - g.clause > 1:
            return None
        if g.clause == r.clause or view.after(g, 12).lstrip().startswith(g.metric or "\0"):
            # "12条重点产业链项目占比": a count that modifies the noun is part of the numerator's
            # name, not the base the percentage is of
            return None
        if g.kind == "count" and g.approx == "exact" and g.precision == 1 and g.value \
                and 0 < g.value <= params["max_base"] and g.value == int(g.value):
            shared = set(_content(g.metric)) & set(_content(r.metric))
            return g if any(len(w) >= params["min_word"] for w in shared) else None
    return None


def _content(metric: str | None) -> tuple[str, ...]:
    return words(metric) if metric else ()
