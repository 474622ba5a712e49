"""sum: a total and the parts listed with it.

mode "exceeds": the parts (其中A、B ...) add up to more than the total. Categories may overlap
(a 农民工 can also be a 女职工), so rules on this mode are warnings unless the parts are a
complementary pair.
mode "exhaustive": the parts are a complementary pair (男/女, 城镇/农村 ...), so they must add
up to the total: more or less is an error.
mode "total": the total is stated as the parts' sum (A、B，共C; 合计, 共计), so it must be it.
"""

from __future__ import annotations

from checker.extract.figure import Figure
from checker.rules.engine import Candidate, View
from checker.rules.common import ADDITIVE, same_unit
from checker.relate.evidence import exhaustive_parts, overlapping, paired
from checker.rules.kinds.subset import sentence_whole
from checker.rules.tolerance import add, in_unit_of, reading

NAME = "sum"
PARAMS = {
    "mode": (str, "exceeds"),
    "pairs": (list, [["男", "女"], ["城镇", "农村"], ["城市", "农村"], ["公办", "民办"],
                     ["国有", "非国有"], ["公有", "非公"], ["境内", "境外"], ["省内", "省外"]]),
    "min_parts": (int, 2),
}
CHOICES = {"mode": ("exceeds", "exhaustive", "total")}


def _pair(view: View, parts: list[Figure], pairs: list[list[str]]) -> bool:
    """True when two parts are the two sides of one complementary pair."""
    return len(parts) == 2 and paired([(p.metric or "") + view.before(p, 6) for p in parts], pairs)


def _breakdowns(view: View, figures: list[Figure]):
    """The breakdowns of this sentence, the longest list of each total first."""
    here = {id(f) for f in figures}
    found = sorted((r for r in view.relations if r.family == "breakdown" and id(r["total"]) in here),
                   key=lambda r: -len(r.slots))
    totals: set[int] = set()
    for rel in found:
        if id(rel["total"]) not in totals:
            totals.add(id(rel["total"]))
            yield rel


def derive(view: View, params: dict) -> list[Candidate]:
    out = []
    exhaustive_mode = params["mode"] != "exceeds"
    for figures in view.by_sentence().values():
        groups: dict[int, list[Figure]] = {}
        wholes: dict[int, Figure] = {}
        for i, f in enumerate(figures):
            if f.plays("part") and not f.plays("growth") and f.kind in ADDITIVE:
                whole = sentence_whole(view, figures, i)
                if whole is not None:
                    key = id(whole)
                    wholes[key] = whole
                    groups.setdefault(key, []).append(f)
        listed = [(wholes[key], [p for p in parts if same_unit(p, wholes[key])], None)
                  for key, parts in groups.items()]
        taken = {id(f) for _, parts, _ in listed for f in parts}
        # parts and the total written after them (A、B，共C), found by the relation stage
        for rel in _breakdowns(view, figures):
            parts = [f for name, f in rel.slots.items() if name != "total"]
            ids = {id(f) for f in parts}
            # "其中A，其余B": the 其中 group holds A alone; the relation's list holds it and the rest
            wider = [g for g in listed if {id(f) for f in g[1]} < ids and g[0] is rel["total"]]
            if wider or not taken & ids:
                listed = [g for g in listed if g not in wider]
                taken |= ids
                listed.append((rel["total"], parts, bool(rel.fixed.get("exhaustive"))))
        for whole, parts, complete in listed:
            if len(parts) < params["min_parts"]:
                continue
            if complete:
                mode = "total"  # A、B，共C: C is their sum
            elif complete is None and (_pair(view, parts, params["pairs"]) or exhaustive_parts(parts, view.doc.text, whole)):
                mode = "exhaustive"
            elif overlapping(parts):
                continue  # 其中女职工…、农民工…: one person may be both, their sum may pass the whole
            else:
                mode = "exceeds"
            if mode != params["mode"]:
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
                "whole": whole.text, "parts": tuple(p.text for p in parts),
                "sum": in_unit_of(s_exact[0], whole),
                "by": in_unit_of(abs(s_exact[0] - total_exact[1]) if s_exact[0] > total_exact[1]
                                 else abs(total_exact[0] - s_exact[1]), whole),
                "unit": whole.unit or "",
            }))
    return out
