"""range: a figure outside the values its meaning allows.

subject "rate": a rate, share or percentage of a population (建制率, 覆盖率, 占比) above 100%.
Growth (增长, 同比, 提高), multiples (倍) and rates that may pass 100% by definition (完成率,
自给率, 毛入学率, 杠杆率) are exempt, and so is a rate compared with another (参保率为上年的105%).
subject "count": a negative count, unless it counts a change (较上年增加-300人).
"""

from __future__ import annotations

from checker.extract.figure import Figure
from checker.rules.engine import Candidate, View
from checker.rules.common import clause_lead, has_any
from checker.rules.tolerance import reading

NAME = "range"
PARAMS = {
    "subject": (str, "rate"),
    "max": (float, 100.0),
    "bounded": (list, ["率", "占比", "比重", "比例", "份额"]),
    # of those, the degrees and senses a survey gives as a share of people (满意度, 安全感) ...
    "bounded_ends": (list, []),
    # ... unless they may pass 100% (外贸依存度)
    "unbounded_ends": (list, []),
    # rates that may pass 100% by what they measure; a change (增长10%) is told apart by the
    # figure's role, so "收集率提升至107%" (a level) is not exempt for its verb
    "exempt": (list, ["增长率", "增速", "增幅", "同比", "环比", "完成率",
                      "自给率", "毛入学率", "杠杆率", "负债率", "贡献率", "超额", "倍", "利润率",
                      "收益率", "回报率", "弹性"]),
    # a count of change can be below zero: "会员人数较上年增加-300人", "净增-12家"
    "changes": (list, ["增加", "增长", "减少", "增减", "净增", "净减", "变化", "变动", "比上年",
                       "较上年", "同比", "环比", "差额"]),
}
CHOICES = {"subject": ("rate", "count")}


def derive(view: View, params: dict) -> list[Candidate]:
    if params["subject"] == "count":
        return [
            Candidate((f,), gap=-reading(f)[1], gap_exact=-reading(f, False)[1],
                      facts={"value": f.text})
            for f in view.figures if f.kind == "count" and f.value is not None and f.value < 0
            and not has_any((f.metric or "") + clause_lead(view, f), params["changes"])
        ]
    top = params["max"]
    out = []
    for f in view.figures:
        if f.kind != "percent" or f.unit != "%" or f.plays("growth") or (f.lo is None and f.hi is None):
            continue
        # the words that say what the percentage is of: the metric, or the words just before
        about = (f.metric or "") + view.before(f, 6)
        degree = (f.metric or "").endswith(tuple(params["bounded_ends"])) and \
            not (f.metric or "").endswith(tuple(params["unbounded_ends"]))
        if not (has_any(about, params["bounded"]) or f.plays("share") or degree):
            continue
        if has_any(about, params["exempt"]) or _of_another(view, f):
            continue
        strict = 1e-9 if f.approx == "over" else 0.0  # 超100% is above 100 too
        # a rate below a bound (5.5%以内) is checked too, and read from 0: it cannot fail
        lo, exact = (reading(f)[0], f.lo) if f.lo is not None else (0.0, 0.0)
        out.append(Candidate(
            (f,), gap=lo - top + strict, gap_exact=exact - top + strict,
            facts={"metric": f.metric or "比率", "value": f.text, "max": top,
                   "by": round(exact - top, 6),
                   "excess": (f"（多出{round(exact - top, 6):g}个百分点）" if exact > top else "（超过100%）"),
                   "excess_en": (f" by {round(exact - top, 6):g} points" if exact > top else "")},
        ))
    return out


def _of_another(view: View, f: Figure) -> bool:
    """"参保率为上年的105%", "发放率为目标值的110%": a percentage of something named before 的
    compares the rate with that, and may pass 100%; "占全市职工的52%" is still a share."""
    lead = clause_lead(view, f)
    return lead.endswith("的") and "占" not in lead
