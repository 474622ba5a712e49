"""subset: a part (其中, 包括) larger than the whole it belongs to.

The whole is the nearest figure before the part, in the same sentence, with the same unit, that
is not itself a part: "新发展会员74017人，其中农民工会员44734人".
"""

from __future__ import annotations

from checker.extract.figure import Figure
from checker.rules.engine import Candidate, View
from checker.rules.common import ADDITIVE, same_unit
from checker.rules.tolerance import in_unit_of, reading

NAME = "subset"
PARAMS: dict = {}


def whole_of(part: Figure, before: list[Figure]) -> Figure | None:
    for g in reversed(before):
        if same_unit(g, part) and not (g.plays("part") or g.plays("target") or g.plays("growth")):
            return g
    return None


def derive(view: View, params: dict) -> list[Candidate]:
    out = []
    for figures in view.by_sentence().values():
        for i, f in enumerate(figures):
            if not f.plays("part") or f.plays("growth") or f.kind not in ADDITIVE:
                continue
            whole = whole_of(f, figures[:i])
            if whole is None:
                continue
            gap = reading(f)[0] - reading(whole)[1]
            gap_exact = reading(f, False)[0] - reading(whole, False)[1]
            out.append(Candidate((f, whole), gap=gap, gap_exact=gap_exact, facts={
                "part": f.text, "whole": whole.text, "by": in_unit_of(max(gap_exact, 0.0), whole),
                "part_metric": f.metric or f.text, "whole_metric": whole.metric or whole.text,
                "unit": whole.unit or "",
            }))
    return out
