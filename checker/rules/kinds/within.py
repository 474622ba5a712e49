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


# Beyond this many distinct readings of one quantity in one period, only the one that could
# fail soonest is compared (the highest as a part, the lowest as a whole): whether any pair
# fails is the same, and a figure repeated a thousand times is not a million pairs.
_ALL_PAIRS_UP_TO = 4


def derive(view: View, params: dict) -> list[Candidate]:
    # one quantity over different periods: the key without its period (and without whether it
    # says 累计: a running total over the span is the span's figure), then by period and reading
    groups: dict[tuple, dict] = {}
    for f in view.figures:
        if f.kind not in ADDITIVE or f.plays("average") or f.plays("share") or f.period is None:
            continue
        found = figure_key(view, f, params)
        if found is None:
            continue
        key = found[0]
        periods = groups.setdefault((key.metric, key.predicate, key.unit, key.kind, key.scope, key.target), {})
        periods.setdefault(f.period, {}).setdefault((f.value, f.lo, f.hi, f.approx, f.precision, f.unit), f)
    out = []
    for periods in groups.values():
        for part_period, parts in periods.items():
            for whole_period, wholes in periods.items():
                if part_period == whole_period or not whole_period.contains(part_period):
                    continue
                for part in _compared(parts, lambda f: -reading(f)[0]):
                    for whole in _compared(wholes, lambda f: reading(f)[1]):
                        out.append(_candidate(part, whole))
    return out


def _compared(readings: dict, soonest) -> list:
    figures = list(readings.values())
    return figures if len(figures) <= _ALL_PAIRS_UP_TO else [min(figures, key=soonest)]


def _candidate(part, whole) -> Candidate:
    gap = reading(part)[0] - reading(whole)[1]
    gap_exact = reading(part, False)[0] - reading(whole, False)[1]
    return Candidate((part, whole), gap=gap, gap_exact=gap_exact, facts={
        "part": part.text, "whole": whole.text, "metric": part.metric or "",
        "part_period": _said(part.period), "whole_period": _said(whole.period),
        "part_period_en": _said(part.period, "en"), "whole_period_en": _said(whole.period, "en"),
        "by": in_unit_of(max(gap_exact, 0.0), whole), "unit": whole.unit or "",
    })


def _said(period, lang: str = "zh") -> str:
    """A period as an editor writes it: 2025年, 2021—2025年; 2025, 2021–2025 (else its string
    form)."""
    years = period.year_span()
    if period.kind == "year" and years:
        return f"{years[0]}年" if lang == "zh" else str(years[0])
    if period.kind == "span" and years:
        return f"{years[0]}—{years[1]}年" if lang == "zh" else f"{years[0]}–{years[1]}"
    return str(period)
