"""repeat: one metric, scope and period stated twice in one article with values that cannot both
be true: a headline against its body, or two counts of the same whole.

Two figures are the same key only when their metric words, unit, scope, period and role agree;
figures for different periods or of different roles (a 2025 actual, a 2021-2025 average, a 2026
target) never pair, nor does a running total (累计) with the figure of one period. A figure whose
period the text does not give pairs with nothing: reports review one period and plan the next,
often under a heading far above the figure, so an unknown period is not evidence of the same
period.
"""

from __future__ import annotations

from checker.extract.figure import Figure
from checker.extract.units import factor
from checker.rules.engine import Candidate, View
from checker.rules.keys import KEY_PARAMS, Key, figure_key
from checker.rules.tolerance import in_unit_of, reading, separation

NAME = "repeat"
PARAMS = dict(KEY_PARAMS)


def derive(view: View, params: dict) -> list[Candidate]:
    seen: dict[Key, list[tuple[Figure, bool]]] = {}
    out = []
    for f in view.figures:
        found = figure_key(view, f, params)
        if found is None:
            continue
        k, loose = found
        for g, g_loose in seen.get(k, []):
            if g.sentence == f.sentence:
                continue  # one sentence listing two values of a metric is a list, not a repeat
            out.append(Candidate(
                (g, f), gap=separation(reading(f), reading(g)),
                gap_exact=separation(reading(f, False), reading(g, False)),
                facts={"metric": f.metric, "first": g.text, "second": f.text,
                       "by": in_unit_of(_gap(f, g), g)}))
        seen.setdefault(k, []).append((f, loose))
    return out


def _gap(f: Figure, g: Figure) -> float:
    """How far apart two values are, in their dimension's base unit (3万名 and 4500人)."""
    return abs((f.value or 0) * factor(f.unit) - (g.value or 0) * factor(g.unit))
