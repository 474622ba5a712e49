"""ratio: a stated rate that disagrees with the figures it is computed from.

subject "rate": "共W人，其中P人，占R%": R must be P/W (150 of 200 is 75%, not 78%).
subject "growth": "从A增加到B，增长X%": X must be B/A - 1 (or B - A for 个百分点).
subject "per_capita": "总额T元 ... N人 ... 人均X元": X must be T/N.
Every reading inside the figures' intervals and rounding is tried before a finding is made.
"""

from __future__ import annotations

import re

from checker.extract.figure import Figure
from checker.rules.engine import Candidate, View
from checker.rules.common import ADDITIVE, clause_lead, has_any, same_unit
from checker.rules.kinds.subset import whole_of
from checker.rules.tolerance import INF, ratio, reading, separation

NAME = "ratio"
PARAMS = {
    "subject": (str, "rate"),
    "exempt": (list, ["年均", "平均"]),
}
CHOICES = {"subject": ("rate", "growth", "per_capita")}
_FROM = re.compile(r"[从由]$")
_TO = re.compile(r"(?:增长|增加|提高|提升|上升|下降|减少|降低|扩大|缩小)?(?:到|至)$|[增升降]至$")
# between "…到B" and its growth: "，增长X%" with nothing else (no other figure, no new 从)
_THEN_GROWTH = re.compile(r"^[，,、]?(?:同比|比上年|共|累计)?(?:增长|增加|提高|提升|上升|下降|减少|降低)了?$")


def _pct(lo_hi: tuple[float, float]) -> tuple[float, float]:
    return lo_hi[0] * 100, lo_hi[1] * 100


def derive(view: View, params: dict) -> list[Candidate]:
    subject = params["subject"]
    out = []
    for figures in view.by_sentence().values():
        for i, f in enumerate(figures):
            if subject == "rate" and f.unit == "%" and f.plays("share"):
                c = _rate(view, figures[:i], f)
            elif subject == "growth" and f.plays("growth") and f.unit in ("%", "个百分点"):
                c = _growth(view, figures[:i], f, params)
            elif subject == "per_capita" and f.kind == "money" and has_any(view.before(f, 8), ["人均"]):
                c = _per_capita(figures, f)
            else:
                c = None
            if c is not None:
                out.append(c)
    return out


def _rate(view: View, before: list[Figure], r: Figure) -> Candidate | None:
    # the part is the figure just before the share, in the share's own or the previous clause
    parts = [g for g in before if g.kind in ADDITIVE and g.plays("part") and not g.plays("growth") and r.clause - g.clause <= 1]
    if not parts:
        return None
    part = parts[-1]
    if part.clause != r.clause and _names_own_subject(view, r):
        return None
    whole = whole_of(part, before[:before.index(part)])
    if whole is None:
        return None
    if r.scope and whole.scope and r.scope != whole.scope:
        return None  # "全市…其中…，占全省女职工的5%": a share of another whole
    actual = _pct(ratio(reading(part), reading(whole)))
    actual_exact = _pct(ratio(reading(part, False), reading(whole, False)))
    gap = separation(actual, reading(r))
    gap_exact = separation(actual_exact, reading(r))  # the stated rate is itself rounded
    computed = (part.value or 0) / whole.value * 100 if whole.value else INF
    return Candidate((r, part, whole), gap=gap, gap_exact=gap_exact, facts={
        "stated": r.text, "part": part.text, "whole": whole.text, "computed": round(computed, 2),
        "by": round(abs(computed - (r.value or 0)), 2),
    })


def _names_own_subject(view: View, r: Figure) -> bool:
    """"…女职工400人，获奖职工中男性占52%": a share whose clause names what it is of (before 占)
    is not the share of the part in the clause before; "…女职工150人，占75%" is."""
    return clause_lead(view, r).find("占") > 0


def _growth(view: View, before: list[Figure], x: Figure, params: dict) -> Candidate | None:
    if has_any(view.before(x, 8), params["exempt"]):
        return None
    if len(before) < 2:
        return None
    b, a = before[-1], before[-2]
    if _THEN_GROWTH.match(view.between(b, x)) and same_unit(a, b) \
            and _FROM.search(view.before(a, 1)) and _TO.search(view.between(a, b)):
        if x.unit == "个百分点":
            if a.unit != "%":
                return None
            ra, rb = reading(a), reading(b)
            actual = (rb[0] - ra[1], rb[1] - ra[0])
            ra, rb = reading(a, False), reading(b, False)
            actual_exact = (rb[0] - ra[1], rb[1] - ra[0])
            computed = (b.value or 0) - (a.value or 0)
        else:
            actual = _pct(ratio(reading(b), reading(a)))
            actual = (actual[0] - 100, actual[1] - 100)
            ex = _pct(ratio(reading(b, False), reading(a, False)))
            actual_exact = (ex[0] - 100, ex[1] - 100)
            computed = ((b.value or 0) / a.value - 1) * 100 if a.value else INF
        stated = reading(x)
        if view.before(x, 4).endswith(("下降", "减少", "降低")) and stated[0] >= 0:
            stated = (-stated[1], -stated[0])  # 下降5% is a growth of -5%
        # the stated change is itself rounded: "unrounded" refers to the inputs only
        return Candidate((x, a, b), gap=separation(actual, stated),
                         gap_exact=separation(actual_exact, stated), facts={
            "stated": x.text, "start": a.text, "end": b.text,
            "computed": f"{round(computed, 2):g}{'个百分点' if x.unit == '个百分点' else '%'}",
            "computed_en": f"{round(computed, 2):g}{' points' if x.unit == '个百分点' else '%'}",
            "by": round(abs(abs(computed) - (x.value or 0)), 2),
        })
    return None


def _averages(x: Figure, total: Figure) -> bool:
    """Whether the 人均 figure averages the total. "人均7500元", "人均领取1500元" and "人均帮扶6000元"
    (帮扶资金) do; "职工人均可支配收入4.2万元" beside a sum of 慰问金 is a statistic of its own: it
    names its own population (职工) and measures something the total is not (收入)."""
    metric = x.metric or ""
    at = metric.rfind("人均")
    if at < 0:
        return True
    who, what = metric[:at], metric[at + 2:]
    of = total.metric or ""
    if not what or any(what[i:i + 2] in of for i in range(len(what) - 1)):
        return True
    return not who


def _per_capita(figures: list[Figure], x: Figure) -> Candidate | None:
    totals = [g for g in figures if g is not x and g.kind == "money" and g.plays("total")]
    people = [g for g in figures if g.kind == "count" and g.unit in ("人", "户", "名")]
    if len(totals) != 1 or len(people) != 1:
        return None
    t, n = totals[0], people[0]
    if not _averages(x, t):
        return None
    actual = ratio(reading(t), reading(n))
    actual_exact = ratio(reading(t, False), reading(n, False))
    computed = (t.value or 0) / n.value if n.value else INF
    return Candidate((x, t, n), gap=separation(actual, reading(x)),
                     gap_exact=separation(actual_exact, reading(x)), facts={
        "stated": x.text, "total": t.text, "people": n.text, "computed": round(computed, 2),
        "by": round(abs(computed - (x.value or 0)), 2),
    })
