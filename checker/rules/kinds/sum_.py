"""sum: a total and the parts listed with it.

mode "exceeds": the parts (其中A、B ...) add up to more than the total. Categories may overlap
(a 农民工 can also be a 女职工), so rules on this mode are warnings unless the parts are a
complementary pair.
mode "exhaustive": the parts are a complementary pair (男/女, 城镇/农村 ...), so they must add
up to the total: more or less is an error.
"""

from __future__ import annotations

from checker.extract.figure import Figure
from checker.rules.engine import Candidate, View
from checker.rules.common import ADDITIVE, same_unit
from checker.rules.kinds.subset import whole_of
from checker.rules.tolerance import add, in_unit_of, reading

NAME = "sum"
PARAMS = {
    "mode": (str, "exceeds"),
    "pairs": (list, [["男", "女"], ["城镇", "农村"], ["城市", "农村"], ["公办", "民办"],
                     ["国有", "非国有"], ["公有", "非公"], ["境内", "境外"], ["省内", "省外"]]),
    "min_parts": (int, 2),
}
CHOICES = {"mode": ("exceeds", "exhaustive")}


def _pair(view: View, parts: list[Figure], pairs: list[list[str]]) -> bool:
    """True when two parts are the two sides of one complementary pair."""
    if len(parts) != 2:
        return False
    ctx = [(p.metric or "") + view.before(p, 6) for p in parts]
    for a, b in pairs:
        if (a in ctx[0] and b in ctx[1] and b not in ctx[0]) or (b in ctx[0] and a in ctx[1] and a not in ctx[1]):
            return True
    return False


def derive(view: View, params: dict) -> list[Candidate]:
    out = []
    exhaustive_mode = params["mode"] == "exhaustive"
    for figures in view.by_sentence().values():
        groups: dict[int, list[Figure]] = {}
        wholes: dict[int, Figure] = {}
        for i, f in enumerate(figures):
            if f.plays("part") and not f.plays("growth") and f.kind in ADDITIVE:
                whole = whole_of(f, figures[:i])
                if whole is not None:
                    key = id(whole)
                    wholes[key] = whole
                    groups.setdefault(key, []).append(f)
        for key, parts in groups.items():
            whole = wholes[key]
            parts = [p for p in parts if same_unit(p, whole)]
            if len(parts) < params["min_parts"]:
                continue
            pair = _pair(view, parts, params["pairs"])
            if pair != exhaustive_mode:
                continue
            total, total_exact = reading(whole), reading(whole, False)
            s = add([reading(p) for p in parts])
            s_exact = add([reading(p, False) for p in parts])
            if exhaustive_mode:
                gap = max(s[0] - total[1], total[0] - s[1])
                gap_exact = max(s_exact[0] - total_exact[1], total_exact[0] - s_exact[1])
            else:
                gap, gap_exact = s[0] - total[1], s_exact[0] - total_exact[1]
            out.append(Candidate((whole, *parts), gap=gap, gap_exact=gap_exact, facts={
                "whole": whole.text, "parts": "、".join(p.text for p in parts),
                "sum": in_unit_of(s_exact[0], whole),
                "by": in_unit_of(abs(s_exact[0] - total_exact[1]) if s_exact[0] > total_exact[1]
                                 else abs(total_exact[0] - s_exact[1]), whole),
                "unit": whole.unit or "",
            }))
    return out
