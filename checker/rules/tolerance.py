"""Readings a figure allows: its interval, widened by rounding at its stated precision.

A rule reports an error only when no reading inside every figure's interval is consistent
(the AggChecker/statcheck principle); the same test on the unrounded intervals tells whether
rounding alone explains a discrepancy.
"""

from __future__ import annotations

import math
from functools import lru_cache

from checker.extract.figure import Figure
from checker.extract.units import factor
from checker.lang import data

INF = float("inf")
_NON_NEGATIVE = frozenset({"count", "money", "measure", "duration"})


def reading(f: Figure, rounding: bool = True) -> tuple[float, float]:
    """(lowest, highest) value the text allows, in the base unit of its dimension (1.2公里 is
    1200 米, 5‰ is 0.5 %); rounding widens an exact figure by half a step."""
    lo = f.lo if f.lo is not None else (0.0 if f.kind in _NON_NEGATIVE else -INF)
    hi = f.hi if f.hi is not None else INF
    if f.lo is None and f.hi is not None and f.approx == "under" and f.kind != "fraction" \
            and f.text.startswith(_near_words()):
        lo = max(lo, hi - _round_step(f))
    if rounding and f.approx == "exact" and f.precision:
        # integral counts written to the unit are exact: 6016家 cannot be 6015.5
        if not (f.kind == "count" and f.precision == 1):
            half = f.precision / 2
            lo, hi = lo - half, hi + half
    scale = factor(f.unit)
    return (lo * scale, hi * scale) if scale != 1.0 else (lo, hi)


@lru_cache(maxsize=1)
def _near_words() -> tuple[str, ...]:
    return tuple(data("numerals")["near_below"])


def _round_step(f: Figure) -> float:
    """The place of the last non-zero digit of a round figure: 3000 -> 1000, 1.2万 -> 1000."""
    step, value = f.precision or 1.0, abs(f.value or 0.0)
    while value and round(value / step) % 10 == 0:
        step *= 10
    return step


def in_percent(f: Figure, rounding: bool = True) -> tuple[float, float]:
    """A share's or rate's reading in percent: 三分之二 is 66.7%, as 66.7% is. A fraction in words
    is a round figure, so it is never read as exact."""
    if f.kind != "fraction":
        return reading(f, rounding)
    lo, hi = reading(f)
    return lo * 100, hi * 100


def in_unit_of(amount: float, f: Figure) -> float:
    """An amount in the base unit (a gap between readings) written in ``f``'s own unit."""
    return amount / factor(f.unit)


def add(readings: list[tuple[float, float]]) -> tuple[float, float]:
    # 38.7 + 44.1 + 17.2 is 100.00000000000001 in floats: no finding may rest on that
    return round(math.fsum(r[0] for r in readings), 9), round(math.fsum(r[1] for r in readings), 9)


def ratio(part: tuple[float, float], whole: tuple[float, float]) -> tuple[float, float]:
    """Range of part / whole for positive intervals."""
    p_lo, p_hi = part
    w_lo, w_hi = whole
    lo = p_lo / w_hi if w_hi not in (0, INF) else 0.0
    hi = p_hi / w_lo if w_lo > 0 else INF
    return lo, hi


def separation(a: tuple[float, float], b: tuple[float, float]) -> float:
    """How far apart two intervals are (<= 0 when they overlap)."""
    return max(a[0] - b[1], b[0] - a[1])
