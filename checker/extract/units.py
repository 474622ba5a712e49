"""Measure words and units, the kind of figure each makes, and its dimension
(data: checker/lang/zh/units.yaml)."""

from __future__ import annotations

from checker.lang import data

# unit -> (kind, dimension, factor to the dimension's base unit)
UNITS: dict[str, tuple[str, str, float]] = {}
_SPEC = data("units")
for _name, _group in _SPEC.items():
    if _name == "generic":
        continue
    for _u, (_kind, _dim, *_factor) in _group.items():
        UNITS.setdefault(str(_u), (_kind, str(_dim), float(_factor[0]) if _factor else 1.0))

UNIT_KIND: dict[str, str] = {u: kind for u, (kind, _, _) in UNITS.items()}

# Longest first, so that 人次 wins over 人 and 个百分点 over 个.
UNITS_BY_LENGTH = sorted(UNIT_KIND, key=len, reverse=True)


def dimension(unit: str | None) -> str | None:
    """What a unit measures: 名 and 人 are both persons ("人"), 公里 and 米 lengths ("米")."""
    found = UNITS.get(unit) if unit else None
    return found[1] if found else unit


# 个 may count what 家, 所, 项 count ("30个基地、209家书屋，共计535个服务阵地")
_GENERIC: dict[str, frozenset[str]] = {str(g): frozenset(map(str, ms)) for g, ms in _SPEC.get("generic", {}).items()}


def comparable(a: str | None, b: str | None) -> bool:
    """Whether two units count or measure one thing: one dimension, or a generic measure word
    (个) and one it may stand for (家)."""
    da, db = dimension(a), dimension(b)
    return da == db or (a in _GENERIC and db in _GENERIC[a]) or (b in _GENERIC and da in _GENERIC[b])


def factor(unit: str | None) -> float:
    """How many of its dimension's base unit one ``unit`` is (1 for unknown units)."""
    found = UNITS.get(unit) if unit else None
    return found[2] if found else 1.0
