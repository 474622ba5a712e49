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
from checker.relate.evidence import bare_share
from checker.relate.relation import words_before
from checker.rules.kinds.subset import sentence_whole

NAME = "granularity"
PARAMS = {
    "max_base": (int, 1000),
    "min_word": (int, 2),
    # rates that, standing alone after a count, can only be of the counted items: the case, the
    # batch, the application itself is closed, passed, settled (not 入学率 after 新建学校12所)
    "outcome_rates": (list, ["办结率", "结案率", "成功率", "调解成功率", "合格率", "通过率", "化解率",
                             "解决率", "回复率", "办理率", "受理率", "采纳率", "兑现率", "完成率"]),
}


def derive(view: View, params: dict) -> list[Candidate]:
    out = []
    for figures in view.by_sentence().values():
        for i, r in enumerate(figures):
            if r.unit != "%" or r.approx != "exact" or not r.precision or r.value is None:
                continue
            base = _relation_base(view, r, params)
            if base is None:
                if not (r.plays("rate") or r.plays("share")) and not (r.metric or "").endswith("率"):
                    continue
                base = _base(view, figures, i, r, params)
            if base is None or not (math.isfinite(r.value) and math.isfinite(base.value or 0.0)):
                continue  # 1后接309个0% overflows a float: no count gives it, and none is computed
            n = int(base.value)  # type: ignore[arg-type]
            if n <= 0 or r.value < 0:
                continue  # no count of no cases gives a rate, and none gives a negative one
            half = r.precision / 2
            # nearest achievable percentages around the stated one
            k = round(r.value * n / 100)
            # a completion above 100% counts more than its base: no upper bound on j
            # (a rate of at most 100% names no count above its base: 21/22, 22/22, not 23/22)
            counts = [j for j in (k - 1, k, k + 1) if 0 <= j and (j <= n or r.value > 100)]
            candidates = [100 * j / n for j in counts]
            nearest = min(candidates, key=lambda p: abs(p - r.value))
            # a value exactly half a step away rounds to the stated one (49/400 = 12.25% is
            # written 12.3%): float noise in 12.3 - 12.25 must not make it impossible
            gap = abs(nearest - r.value) - half - _EPS * max(1.0, abs(r.value))
            options = [f"{j}/{n} = {100 * j / n:.{_places(r.precision)}f}%" for j in counts]
            out.append(Candidate((r, base), gap=gap, gap_exact=gap, facts={
                "stated": r.text, "base": base.text, "n": float(n),
                "options": tuple(options), "options_en": tuple(options),
                "tolerance_note": False,
            }))
    return out


_EPS = 1e-9


def _places(precision: float) -> int:
    return max(0, -int(math.floor(math.log10(precision) + 1e-9)))


def _relation_base(view: View, r: Figure, params: dict) -> Figure | None:
    """The whole of a rate the relation stage tied to its two counts ("受理调解案件120件，调解成功
    97件，调解成功率80.8%": 120, never the numerator 97)."""
    stated = view.memo.get("granularity.stated")
    if stated is None:  # each rate's first grim or rate relation, indexed once a draft
        stated = view.memo["granularity.stated"] = {}
        for rel in view.relations:
            if rel.family in ("grim", "rate") and rel.stated is not None:
                stated.setdefault(id(rel.stated), rel)
    rel = stated.get(id(r))
    if rel is not None:
        if rel.family == "grim":
            base = rel["base"]
            return base if _whole_number(base, params) and not _numerator(view, base, r) else None
        whole = max((rel["a"], rel["b"]), key=lambda f: f.value or 0)
        if (r.value or 0) > 100:
            whole = min((rel["a"], rel["b"]), key=lambda f: f.value or 0)
        return whole if whole.kind == "count" and _whole_number(whole, params) else None
    return None


_REACH = 64


def _base(view: View, before: list[Figure], at: int, r: Figure, params: dict) -> Figure | None:
    """The base of the rate ``r`` (``before[at]``) among the figures before it, at most
    _REACH of them (a clause without commas may hold thousands)."""
    for i in range(at - 1, max(at - _REACH, 0) - 1, -1):
        g = before[i]
        if r.clause - g.clause > 1:
            return None
        if g.plays("part"):
            # "受理117件，其中调解成功95件，成功率81.2%": the part is the numerator; the base is
            # the whole it belongs to
            whole = sentence_whole(view, before, i)
            if whole is None or g.clause - whole.clause > 1 or not _whole_number(whole, params):
                return None
            return whole if _related(whole, r, params) else None
        if g.clause == r.clause or view.after(g, 12).lstrip().startswith(g.metric or "\0"):
            # "12条重点产业链项目占比": a count that modifies the noun is part of the numerator's
            # name, not the base the percentage is of
            return None
        if _numerator(view, g, r):
            return None  # the count is what the percentage counts, not what it is of
        if _whole_number(g, params):
            return g if _related(g, r, params) else None
    return None


def _numerator(view: View, g: Figure, r: Figure) -> bool:
    """"工资报酬类案件71件，占60.7%" and "已结案371件，结案率96.1%": the count just before is the
    percentage's numerator, its base stated elsewhere (共受理117件, 共办理386件): a share after it
    (占, 占…的), or a rate named by what the count did (结案, 已结案)."""
    if g.sentence != r.sentence:
        return False  # "共接待来访职工173人次。经协调，诉求得到解决的占91.5%": of the sentence before
    lead = words_before(view.doc.text, r)
    among = "中" in view.doc.text[g.end:r.start]  # 其中女工占40%, 374个行政村中…的占: of the count
    if not among and (bare_share(view.doc.text, r) or "占" in lead):
        return True  # "合计160名，占决赛选手总数的33.2%"
    metric = r.metric or ""
    if not metric.endswith("率") or len(metric) < 3:
        return False
    return metric[-3:-1] in (g.metric or "") + view.before(g, 6)


def _whole_number(g: Figure, params: dict) -> bool:
    """An exact count written to the unit, small enough for the test to bite."""
    return bool(g.kind == "count" and g.approx == "exact" and g.precision == 1 and g.value
                and 0 < g.value <= params["max_base"] and g.value == int(g.value))


def _related(g: Figure, r: Figure, params: dict) -> bool:
    """The count speaks of what the rate does: their metrics share a word, or the rate is an
    outcome of the counted items themselves (受理案件213件，办结率83.9%)."""
    shared = set(_content(g.metric)) & set(_content(r.metric))
    if any(len(w) >= params["min_word"] for w in shared):
        return True
    return (r.metric or "") in params["outcome_rates"]


def _content(metric: str | None) -> tuple[str, ...]:
    return words(metric) if metric else ()
