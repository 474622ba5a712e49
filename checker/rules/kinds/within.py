"""within: a figure of a year (or month, quarter) larger than the same figure over a span that
holds it: "五年来城镇新增就业603.7万人" and, for 2025 alone, "城镇新增就业621万人".

A count, an amount or a measure over a span is at least its value in any part of the span: a
flow adds up over the years, a stock that grows ends the span at least where the year stood.
The figures share a key (metric, scope, unit dimension, target or not: rules/keys.py) but for the
period; rates, averages and changes have no such order and are left out.
"""

from __future__ import annotations

from checker.rules.common import ADDITIVE
from checker.rules.engine import Candidate, View
from checker.rules.keys import KEY_PARAMS, figure_key
from checker.rules.tolerance import in_unit_of, reading

NAME = "within"
PARAMS = dict(KEY_PARAMS)


def derive(view: View, params: dict) -> list[Candidate]:
    groups: dict[tuple, list] = {}
    for f in view.figures:
        if f.kind not in ADDITIVE or f.plays("average") or f.plays("share") or f.period is None:
            continue
        found = figure_key(view, f, params)
        if found is None:
            continue
        key = found[0]
        # one quantity over different periods: the key without its period (and without whether
        # it says 累计: a running total over the span is the span's figure)
        groups.setdefault((key.metric, key.predicate, key.unit, key.kind, key.scope, key.target), []).append(f)
    out = []
    for figures in groups.values():
        for part in figures:
            for whole in figures:
                if part is whole or part.period == whole.period or not whole.period.contains(part.period):
                    continue
                gap = reading(part)[0] - reading(whole)[1]
                gap_exact = reading(part, False)[0] - reading(whole, False)[1]
                out.append(Candidate((part, whole), gap=gap, gap_exact=gap_exact, facts={
                    "part": part.text, "whole": whole.text, "metric": part.metric or "",
                    "part_period": _said(part.period), "whole_period": _said(whole.period),
                    "part_period_en": str(part.period), "whole_period_en": str(whole.period),
                    "by": in_unit_of(max(gap_exact, 0.0), whole), "unit": whole.unit or "",
                }))
    return out


def _said(period) -> str:
    """A period as an editor writes it: 2025年, 2021—2025年 (else its string form)."""
    years = period.year_span()
    if period.kind == "year" and years:
        return f"{years[0]}年"
    if period.kind == "span" and years:
        return f"{years[0]}—{years[1]}年"
    return str(period)
