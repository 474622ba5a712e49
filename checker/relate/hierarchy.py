"""Parts by what they count: a figure whose metric is a part of another's (工业增加值 of 地区生产总值,
接待入境游客 of 接待游客), for one region and one period, anywhere in the draft. The words
between cannot tie them (a report states its GDP in one section and its industry's in
another); the language's lexicon of wholes and their parts does (relations.yaml ``contains``).
Both figures must say when and whose they are, or the two may be of different years.
"""

from __future__ import annotations

from functools import lru_cache

from checker.extract.figure import Figure
from checker.extract.units import dimension
from checker.lang import data, pattern
from checker.relate.relation import Relation

_KINDS = frozenset({"count", "money", "measure"})
_NOT = ("growth", "difference", "average", "share", "rate", "target")


@lru_cache(maxsize=1)
def _contains() -> tuple[tuple[str, tuple[str, ...]], ...]:
    spec = data("relations")["contains"]
    # the longest names first: 规上工业增加值 before 工业增加值
    return tuple(sorted(((str(w), tuple(sorted(map(str, ps), key=len, reverse=True))) for w, ps in spec.items()),
                        key=lambda x: -len(x[0])))


def _new_of(f: Figure) -> str:
    m = pattern("relations", "contains_new").match(f.metric or "")
    return m.group() if m else ""


def _named(metric: str, names) -> str | None:
    return next((n for n in names if metric.endswith(n)), None)


def find(figures: list[Figure]) -> list[Relation]:
    lexicon = _contains()
    candidates = [f for f in figures if f.kind in _KINDS and f.metric and f.period is not None
                  and f.scope is not None and not any(f.plays(r) for r in _NOT)]
    out = []
    plain, new = pattern("relations", "contains_plain"), pattern("relations", "contains_new")
    for whole_name, parts in lexicon:
        # the whole itself, not a kind of it: 实有经营主体, but not 涉旅经营主体
        # (新设立经营主体 and 新设立企业: the new of a whole and the new of its part)
        wholes = [f for f in candidates if plain.sub("", new.sub("", f.metric)) == whole_name]
        if not wholes:
            continue
        for f in candidates:
            part = _named(f.metric, parts)
            if part is None:
                continue
            for w in wholes:
                if w is not f and _together(w, f) and _new_of(w) == _new_of(f):
                    out.append(Relation("part", "part.by-metric", {"whole": w, "part": f}, {}))
                    break
    return out


def _together(whole: Figure, part: Figure) -> bool:
    """One region, one period, one dimension: 全省工业增加值 of 2025 within the 2025 全省 GDP."""
    return (dimension(whole.unit) == dimension(part.unit) and str(whole.scope) == str(part.scope)
            and whole.period.same(part.period))  # type: ignore[union-attr]
