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

import re
from collections.abc import Sequence

from checker.extract.figure import Figure
from checker.rules.engine import Candidate, View
from checker.rules.kinds.common import ADDITIVE, clause_lead
from checker.rules.tolerance import reading, separation

NAME = "repeat"
PARAMS = {
    "min_metric": (int, 2),
    "strip": (list, ["组织"]),  # words whose presence does not change what is counted
    # a running total over several periods is not the figure of one of them
    "cumulative": (list, ["累计", "累积", "总计"]),
    # figures whose metric names a list or a change, not one quantity: "A、B、C分别达到x、y、z"
    # (the metric covers every item) and "由51家整合为33家" (both ends share the verb)
    "list_words": (list, ["分别"]),
}
_FROM_TO = re.compile(r"(?:[从由][^，,；;。]{0,20}(?:到|至|为)|[增升降减]至|整合为|调整为|压减为|缩减为)$")


_PREDICATE_END = re.compile(r"[，,；;。！？!?\n]")
_ALL = re.compile(r"全部|均|都|所有|全")


def _predicate(view: View, f: Figure) -> str | None:
    """For "N个X ..." (the metric is the noun after the figure), what the clause says of them.

    "246家商户加入联盟" and "6家商户成功入驻" count different sets of 商户; "172个乡镇全部建立了…"
    and "181个乡镇（街道）、663个社区全部建立了…" both count every 乡镇. So such a figure keys on
    "all" when the clause says all of them, else on the rest of its clause.
    """
    metric = f.metric or ""
    tail = view.after(f, 40).lstrip()
    if not tail.startswith(metric):
        return None  # the metric came from the words before the figure: it says what is counted
    rest = _PREDICATE_END.split(tail[len(metric):], maxsplit=1)[0]
    return "∀" if _ALL.search(rest) else rest


def _cumulative(view: View, f: Figure, words: Sequence[str]) -> bool:
    """"2017年至2021年，全市累计新建工会组织3200个" is not the 2021 figure."""
    lead = clause_lead(view, f)
    return any(w in lead or w in (f.metric or "") for w in words)


def _names_one_quantity(view: View, f: Figure, list_words: Sequence[str]) -> bool:
    lead = view.before(f, 40)
    lead = re.split(r"[；;。\n]", lead)[-1]
    if any(w in lead for w in list_words):
        return False
    if _FROM_TO.search(clause_lead(view, f, 30)) or view.after(f, 4).startswith(("整合为", "调整为", "增加到", "提高到", "增长到")):
        return False
    return True


def key(view: View, f: Figure, strip: list[str], cumulative: Sequence[str] = (),
        list_words: Sequence[str] = ()) -> tuple | None:
    if f.kind not in ADDITIVE and f.unit != "%":
        return None  # 个百分点 is a difference from something, never a level stated twice
    if f.metric is None or f.role in ("growth",) or f.period is None:
        return None
    if not _names_one_quantity(view, f, list_words):
        return None
    metric = f.metric
    for w in strip:
        metric = metric.replace(w, "")
    return (metric, _predicate(view, f), f.unit, f.kind, f.scope, f.period, f.role == "target",
            _cumulative(view, f, cumulative))


def derive(view: View, params: dict) -> list[Candidate]:
    seen: dict[tuple, list[Figure]] = {}
    out = []
    for f in view.figures:
        k = key(view, f, params["strip"], params["cumulative"], params["list_words"])
        if k is None or len(k[0]) < params["min_metric"]:
            continue
        for g in seen.get(k, []):
            if g.sentence == f.sentence:
                continue  # one sentence listing two values of a metric is a list, not a repeat
            out.append(Candidate(
                (f, g), gap=separation(reading(f), reading(g)),
                gap_exact=separation(reading(f, False), reading(g, False)),
                facts={"metric": f.metric, "first": g.text, "second": f.text,
                       "by": abs((f.value or 0) - (g.value or 0))}))
        seen.setdefault(k, []).append(f)
    return out
